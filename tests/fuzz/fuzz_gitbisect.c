/* The `git bisect log` parser on any bytes, detection skipped so that
 * every input reaches it: no crash, no hang, and a model whose invariants
 * hold (fuzz_model.h). */
#include "config.h"

#include <talloc.h>

#include "fuzz_model.h"
#include "log/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct blog *log = log_parse_as(NULL, "fuzz", (const char *)data, size, LOG_FORMAT_GIT_BISECT);

	fuzz_check_model(log);
	talloc_free(log);
	return 0;
}
