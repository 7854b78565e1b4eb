/* Format detection, as every entry point runs it (log_parse): whichever
 * format the bytes are taken for, the model holds its invariants, and a
 * refusal is one line. */
#include "config.h"

#include <talloc.h>

#include "fuzz_model.h"
#include "log/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct blog *log = log_parse(NULL, "fuzz", (const char *)data, size);
	const char *refusal;

	fuzz_check_model(log);
	refusal = log_refusal(log);
	FUZZ_REQUIRE(refusal == NULL || strchr(refusal, '\n') == NULL);
	FUZZ_REQUIRE(refusal != NULL || log->format != LOG_FORMAT_UNKNOWN);
	talloc_free(log);
	return 0;
}
