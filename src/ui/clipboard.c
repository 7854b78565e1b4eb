/* The selected step's hash to the clipboard (clipboard.h). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/clipboard.h"
#include "ui/ui.h"

char *clipboard_osc52(const void *ctx, const char *text)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(text);
	char *out = talloc_size(ctx, 4 * ((n + 2) / 3) + 16);
	char *p = out;
	const unsigned char *s = (const unsigned char *)text;

	if (!out)
		return NULL;
	memcpy(p, "\033]52;c;", 7);
	p += 7;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
			     (i + 2 < n ? s[i + 2] : 0);

		*p++ = b64[v >> 18 & 63];
		*p++ = b64[v >> 12 & 63];
		*p++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
		*p++ = i + 2 < n ? b64[v & 63] : '=';
	}
	*p++ = '\a';
	*p = '\0';
	return out;
}

void ui_copy_hash(struct ui *ui)
{
	void *tmp = talloc_new(NULL);
	const char *hash = ui_selected_commit(ui);

	if (!hash) {
		ui_error(ui, "%s", _("the selected step names no commit hash"));
	} else if (ui->opt.osc52 && ui->send_to_terminal) {
		ui->send_to_terminal(ui, clipboard_osc52(tmp, hash));
		ui_status(ui, _("Copied %s (OSC 52)"), hash);
	} else {
		/* script mode, or osc52 off: the hash to copy by hand */
		ui_status(ui, "%s", hash);
	}
	talloc_free(tmp);
}
