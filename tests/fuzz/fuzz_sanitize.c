/* sanitize(): whatever the bytes and flags, the result is terminal-safe
 * (and pure printable ASCII with SAN_ASCII). Every other target leans on
 * this one function for its output. */
#include "config.h"

#include <talloc.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	char *out;

	if (size < 1)
		return 0;
	flags = data[0] & (SAN_ASCII | SAN_KEEP_NEWLINES | SAN_JSON);
	out = sanitize(NULL, (const char *)data + 1, size - 1, flags);
	if (!(flags & SAN_KEEP_NEWLINES) && !(flags & SAN_JSON) && strchr(out, '\n'))
		abort();
	/* pure ASCII; C0 controls only where SAN_JSON keeps them for the
	 * JSON writer to escape */
	if (flags & SAN_ASCII)
		for (const char *p = out; *p; p++)
			if ((unsigned char)*p >= 0x7f ||
			    ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' && !(flags & SAN_JSON)))
				abort();
	/* SAN_JSON keeps C0 controls for the JSON writer to escape */
	if (!(flags & SAN_JSON))
		fuzz_check_terminal_safe("sanitize", out, strlen(out), false);
	talloc_free(out);
	return 0;
}
