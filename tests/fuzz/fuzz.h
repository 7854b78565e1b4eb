/* What every libFuzzer target shares: the entry point's prototype and the
 * oracle for output, which must be safe on a terminal whatever the input.
 * A violation aborts, and libFuzzer keeps the input as a crash. */
#ifndef BISVIEW_FUZZ_H
#define BISVIEW_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bidi overrides and isolates ("Trojan Source"): never in our output. */
static inline bool fuzz_is_bidi(long c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Output text is valid UTF-8 with no escape, no C1 control, no bidi
 * control and no C0 control but '\n' (and '\t' when tabs may stay). In
 * JSON, the writer's escapes must not smuggle ESC back in ("\u001b"). */
static inline void fuzz_check_terminal_safe(const char *what, const char *s, size_t len,
					    bool json)
{
	for (size_t i = 0; i < len;) {
		long c;
		size_t n = utf8_decode((const unsigned char *)s + i, len - i, &c);

		if (c < 0 || (c < 0x20 && c != '\n' && !(json && c == '\t')) || c == 0x7f ||
		    (c >= 0x80 && c <= 0x9f) || fuzz_is_bidi(c)) {
			fprintf(stderr, "%s: unsafe output at byte %zu: U+%04lX\n", what, i,
				c < 0 ? 0xfffdL : c);
			abort();
		}
		if (json && c == '\\' && i + 5 < len && s[i + 1] == 'u' && s[i + 2] == '0' &&
		    s[i + 3] == '0' && (s[i + 4] == '1' || s[i + 4] == '9') &&
		    (s[i + 5] == 'b' || s[i + 5] == 'B')) {
			fprintf(stderr, "%s: escaped ESC/CSI in JSON at byte %zu\n", what, i);
			abort();
		}
		i += n;
	}
}

#endif
