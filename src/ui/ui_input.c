/* Keys, requests and the prompt (/ ? :); the `:` commands are command.c's. */
#include "config.h"

#include <curses.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/command.h"
#include "ui/keys.h"
#include "report/replay.h"
#include "ui/browser.h"
#include "ui/clipboard.h"
#include "ui/history.h"
#include "ui/replay_file.h"
#include "ui/save_file.h"
#include "ui/syztest_file.h"
#include "ui/ui.h"
#include "ui/ui_input.h"
#include "ui/triage.h"
#include "ui/view.h"
#include "ui/views.h"
#include "ui/worker.h"

static void open_prompt(struct ui *ui, const char *prompt)
{
	talloc_free(ui->prompt);
	talloc_free(ui->input);
	ui->prompt = talloc_strdup(ui, prompt);
	ui->input = talloc_strdup(ui, "");
	ui->history[0].pos = ui->history[1].pos = 0;
}

void ui_open_prompt(struct ui *ui, const char *prompt)
{
	open_prompt(ui, prompt);
}

static void close_prompt(struct ui *ui)
{
	ui_save_drop(ui);
	TALLOC_FREE(ui->prompt);
	TALLOC_FREE(ui->input);
}

static void search(struct ui *ui, bool backward, bool again)
{
	struct view *v = ui_focused(ui);
	bool wrapped = false;

	if (!again)
		ui->search_serial++;  /* a new search: the old hits go */
	/* this view draws the hits (view.c); n and N bring them back after Esc */
	v->search_hits = ui->search_serial;
	if (!ui->search || !*ui->search)
		ui_error(ui, "%s", _("no previous search"));
	else if (!view_search(v, ui->search, backward, true, &wrapped))
		ui_error(ui, _("Pattern not found: %s"), ui->search);
	else if (wrapped)
		ui_status(ui, backward ? _("%s%s (search wrapped to the bottom)")
				       : _("%s%s (search wrapped to the top)"),
			  backward ? "?" : "/", ui->search);
	else
		ui_status(ui, again ? _("%s%s (again)") : "%s%s", backward ? "?" : "/", ui->search);
}

/* Esc: stops the git work under way, and takes the search hits off
 * the screen (less's ESC-u); n or N shows them again. */
static void cancel(struct ui *ui)
{
	bool hits = false;

	for (int i = 0; i < 2; i++)
		if (ui->views[i] && ui->views[i]->search_hits &&
		    ui->views[i]->search_hits == ui->search_serial)
			hits = true;
	ui->search_serial++;
	if (ui->worker && worker_pending(ui->worker)) {
		worker_cancel(ui->worker);
		ui_status(ui, "%s", _("cancelling..."));
	} else if (!hits) {
		ui_status(ui, "%s", _("nothing to cancel (Q quits)"));
	}
}

/* Jump to a step the steps view knows (the culprit). */
static void jump_to(struct ui *ui, int step, const char *what)
{
	if (step < 0) {
		ui_error(ui, _("there is no %s"), what);
		return;
	}
	ui_select_step(ui, step);
	if (ui_focused(ui)->kind != VIEW_STEPS && !ui->views[1])
		ui_open(ui, VIEW_STEPS, -1, false);
	ui_status(ui, _("Step %d: the %s."), step, what);
}

/* "!": the model's blamed step, the status line saying why; when no step
 * stands out, the status line says that instead (doc/model.md §4). */
static void jump_to_blamed(struct ui *ui)
{
	const struct model_result *m = ui->rc.model;
	const struct assessment *a = ui->rc.assessment;
	int step = a ? a->first_suspicious_step : -1;
	bool by_fix = a && a->fix_overrides;
	void *tmp;

	if (!m || m->p_wrong < 0) {
		ui_error(ui, "%s", _("there is no culprit, so no step is blamed"));
		return;
	}
	tmp = talloc_new(NULL);
	if (by_fix && step >= 0) {
		/* the fix's own word, not the model's (doc/design.md §8.1) */
		ui_select_step(ui, step);
		if (ui_focused(ui)->kind != VIEW_STEPS && !ui->views[1])
			ui_open(ui, VIEW_STEPS, -1, false);
		ui_status(ui, "%s", ui_clean(ui, tmp, a->fix_why));
	} else if (by_fix) {
		ui_status(ui, _("Not jumping: %s"), ui_clean(ui, tmp, a->fix_why));
	} else if (step < 0) {
		ui_status(ui, _("Not jumping: %s"), ui_clean(ui, tmp, m->why));
	} else {
		ui_select_step(ui, step);
		if (ui_focused(ui)->kind != VIEW_STEPS && !ui->views[1])
			ui_open(ui, VIEW_STEPS, -1, false);
		ui_status(ui, _("Blamed, %.2f that the bisection went wrong here: %s"), m->step_p[step],
			  ui_clean(ui, tmp, m->why));
	}
	talloc_free(tmp);
}

/* Views about a step open in the split, beside or below the list;
 * the others take the screen (view_table.h says which are which). */
static void open_view(struct ui *ui, enum view_kind k)
{
	int step = ui_selected_step(ui);
	bool split = view_opening_of(k) == VIEW_OPENS_SPLIT;

	if (split && step < 0) {
		ui_error(ui, "%s", _("no step selected"));
		return;
	}
	if (split && ui_focused(ui)->kind != VIEW_STEPS && ui->views[0] &&
	    ui->views[0]->kind != VIEW_STEPS) {
		ui_open(ui, VIEW_STEPS, -1, false);
		ui_select_step(ui, step);  /* the list comes back on the step, not on step 0 */
	}
	ui_open(ui, k, split ? step : -1, split);
}

/* What hands the selected step on: files to write, the clipboard, the
 * browser. False for any other request. */
static bool hand_on(struct ui *ui, enum request r)
{
	switch (r) {
	case REQ_REPLAY: ui_replay_ask(ui, REPLAY_ALL); break;
	case REQ_REPLAY_FLIP: ui_replay_ask(ui, REPLAY_FLIP); break;
	case REQ_REPLAY_UNTIL: ui_replay_ask(ui, REPLAY_UNTIL); break;
	case REQ_SYZ_TEST: ui_syz_test_ask(ui); break;
	case REQ_OPEN_PAGE: ui_open_page(ui); break;
	case REQ_COPY_HASH: ui_copy_hash(ui); break;
	default: return false;
	}
	return true;
}

void ui_request(struct ui *ui, enum request r)
{
	struct view *v = ui_focused(ui);
	enum view_kind shown = view_of_request(r);

	if (v && v->ops->request && v->ops->request(v, r))
		return;
	if ((v && view_move(v, r)) || hand_on(ui, r))
		return;
	if (shown != VIEW_GENERIC) {
		/* view-steps, view-diff, ...: the view table's requests */
		open_view(ui, shown);
		return;
	}
	switch (r) {
	case REQ_NEXT:
	case REQ_PREVIOUS: {
		int step = ui_selected_step(ui);

		if (step >= 0)
			ui_select_step(ui, r == REQ_NEXT ? step + 1 : step - 1);
		break;
	}
	case REQ_JUMP_CULPRIT:
		jump_to(ui, ui_culprit_step(ui->log), _("culprit"));
		break;
	case REQ_JUMP_SUSPICIOUS:
		jump_to_blamed(ui);
		break;
	case REQ_SEARCH:
		open_prompt(ui, "/");
		break;
	case REQ_SEARCH_BACK:
		open_prompt(ui, "?");
		break;
	case REQ_FIND_NEXT:
		search(ui, ui->search_back, true);
		break;
	case REQ_FIND_PREV:
		search(ui, !ui->search_back, true);
		break;
	case REQ_PROMPT:
		open_prompt(ui, ":");
		break;
	case REQ_ENTER:
		/* a diff needs the tree: say so rather than open it empty */
		if (!ui->worker || (ui->tree_note && !ui->facts_pending))
			ui_error(ui, "%s", ui->tree_note ? ui->tree_note : _("no git tree"));
		else
			open_view(ui, VIEW_DIFF);
		break;
	case REQ_EVIDENCE: ui_show_evidence(ui, ui_selected_step(ui)); break;
	case REQ_VIEW_NEXT:
		if (ui->views[1])
			ui->focus = !ui->focus;
		break;
	case REQ_VIEW_CLOSE:
		ui_close(ui);
		break;
	case REQ_QUIT:
		ui->quit = true;
		break;
	case REQ_RELOAD:
		ui_reload(ui);
		break;
	case REQ_TOGGLE_HINTS:
		ui->opt.hint_bar = !ui->opt.hint_bar;
		break;
	case REQ_CANCEL:
		cancel(ui);
		break;
	case REQ_EDIT:
		ui_error(ui, "%s", _("nothing to edit here: open a source line first"));
		break;
	default:
		/* redraw and suspend are the terminal's (term.c) */
		break;
	}
}

/* A key while the prompt is open: edit, run, or cancel. */
static void prompt_key(struct ui *ui, int key)
{
	if (key == KEYC_ESC || key == KEY_CTRL('c') || key == KEY_CTRL('g')) {
		close_prompt(ui);
		ui_status(ui, "%s", "");
	} else if (key == KEYC_ENTER) {
		char *prompt = talloc_steal(ui, ui->prompt), *input = talloc_steal(ui, ui->input);

		ui->prompt = ui->input = NULL;
		if (ui->save_kind == SAVE_NONE)
			history_add(ui, prompt, input);
		if (ui->save_kind != SAVE_NONE) {
			ui_save_write(ui, input);
		} else if (!strcmp(prompt, ":")) {
			if (*input)
				ui_command(ui, input);
		} else if (!strcmp(prompt, "&")) {
			ui_triage_filter(ui, input);
		} else if (*input) {
			talloc_free(ui->search);
			ui->search = talloc_strdup(ui, input);
			ui->search_back = !strcmp(prompt, "?");
			search(ui, ui->search_back, false);
		} else {
			search(ui, !strcmp(prompt, "?"), true);
		}
		talloc_free(prompt);
		talloc_free(input);
	} else if (key == KEY_CTRL('u')) {
		ui->input[0] = '\0';  /* the whole line, as in a shell */
	} else if ((key == (KEY_FN | KEY_UP) || key == (KEY_FN | KEY_DOWN)) && ui->save_kind == SAVE_NONE) {
		history_move(ui, key == (KEY_FN | KEY_UP) ? -1 : 1);
	} else if (key == 0x7f || key == 8 || key == (KEY_FN | KEY_BACKSPACE)) {
		size_t n = strlen(ui->input);

		/* one character back: past UTF-8 continuation bytes */
		while (n > 0 && (ui->input[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		else if (!*ui->input) {
			close_prompt(ui);
			return;
		}
		ui->input[n] = '\0';
	} else if (!(key & KEY_FN) && key >= 0x20 && strlen(ui->input) < 1024) {
		char *name = key_label(ui, key);

		/* the two printable keys whose labels are names: "<Space>", "<Lt>" */
		if (key == ' ' || key == '<')
			ui->input = talloc_asprintf_append(ui->input, "%c", key);
		else if (name[0] != '<')
			ui->input = talloc_strdup_append(ui->input, name);
		talloc_free(name);
	}
}

void ui_key(struct ui *ui, int key)
{
	struct view *v;
	enum request r;

	/* the word on the tree was on screen: said once, the header keeps it */
	if (ui->tree_note_shown)
		ui->tree_note_said = true;
	if (ui->prompt) {
		prompt_key(ui, key);
		return;
	}
	v = ui_focused(ui);
	r = keymap_find(ui->keymap, v ? v->kind : VIEW_GENERIC, key);
	if (r == REQ_NONE) {
		char *name = key_label(ui, key);

		ui_error(ui, _("Unknown key %s, press h for help"), name);
		talloc_free(name);
		return;
	}
	/* a new action clears an old message */
	if (r != REQ_FIND_NEXT && r != REQ_FIND_PREV)
		ui_status(ui, "%s", "");
	ui_request(ui, r);
}
