/* The prompt's history (history.h). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "ui/history.h"
#include "ui/ui.h"

#define HISTORY_MAX 100

static struct prompt_history *list_of(struct ui *ui, const char *prompt)
{
	return prompt && !strcmp(prompt, ":") ? &ui->history[0] : &ui->history[1];
}

void history_add(struct ui *ui, const char *prompt, const char *input)
{
	struct prompt_history *h = list_of(ui, prompt);

	if (!input || !*input || (h->n && !strcmp(h->lines[h->n - 1], input)))
		return;
	if (h->n == HISTORY_MAX) {
		talloc_free(h->lines[0]);
		memmove(h->lines, h->lines + 1, (h->n - 1) * sizeof(*h->lines));
		h->n--;
	}
	h->lines = talloc_realloc(ui, h->lines, char *, h->n + 1);
	h->lines[h->n++] = talloc_strdup(h->lines, input);
}

void history_move(struct ui *ui, int dir)
{
	struct prompt_history *h = list_of(ui, ui->prompt);

	/* pos counts back from the newest: 0 is the line being typed */
	if (dir < 0 && h->pos < h->n)
		h->pos++;
	else if (dir > 0 && h->pos > 0)
		h->pos--;
	else
		return;
	talloc_free(ui->input);
	ui->input = talloc_strdup(ui, h->pos ? h->lines[h->n - h->pos] : "");
}
