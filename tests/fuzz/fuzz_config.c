/* The config-file reader on any bytes, after the built-in defaults as the
 * program loads them: no crash, every error names a line of the input,
 * and the error texts are safe to print. */
#include "config.h"

#include <talloc.h>

#include "fuzz_model.h"
#include "ui/ui.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui *ui = talloc_zero(NULL, struct ui);
	size_t lines = 1;

	config_defaults(ui);
	FUZZ_REQUIRE(ui->n_config_errors == 0);
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	config_text(ui, "fuzz", (const char *)data, size);
	for (size_t i = 0; i < ui->n_config_errors; i++) {
		const struct config_error *e = &ui->config_errors[i];

		FUZZ_REQUIRE(e->line >= 1 && (size_t)e->line <= lines);
		FUZZ_REQUIRE(strchr(e->message, '\n') == NULL);
	}
	talloc_free(ui);
	return 0;
}
