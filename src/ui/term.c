/* The terminal: the only file that talks to ncurses. It copies the
 * canvas to the screen, turns curses keys and mouse events into ours,
 * and waits for keys or finished git work. Keys come from the terminal
 * even when the log came on standard input (/dev/tty, as less does). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "ui/driver.h"
#include "ui/keys.h"
#include "ui/triage.h"
#include "ui/ui.h"
#include "ui/ui_draw.h"
#include "ui/ui_input.h"
#include "ui/view.h"
#include "ui/worker.h"

struct term_state {
	SCREEN *screen;
	FILE *in;
	bool own_in;
	int ctrl_up, ctrl_down;     /* run-time codes of kUP5 / kDN5, or 0 */
	attr_t attr[AREA_COUNT];
	short pair[AREA_COUNT];
};

/* Without colours, attributes alone keep the screen readable. */
static attr_t mono_attr(enum area a)
{
	switch (a) {
	case AREA_CURSOR: case AREA_TITLE_FOCUS: case AREA_HINT:
	case AREA_FRAME_TOUCHED: case AREA_BAR:
		return A_REVERSE;
	case AREA_SEARCH:
		/* a hit shows on the cursor line too (reverse already) */
		return A_REVERSE | A_UNDERLINE;
	case AREA_TITLE_BLUR: case AREA_HIGHLIGHT:
		return A_UNDERLINE;
	case AREA_BAD: case AREA_STRONG: case AREA_SUSPICIOUS: case AREA_ERROR:
	case AREA_HEADER: case AREA_DIFF_HEADER: case AREA_TAG:
		return A_BOLD;
	case AREA_DIM: case AREA_NO_VERDICT:
		return A_DIM;
	default:
		return A_NORMAL;
	}
}

static void setup_colors(struct ui *ui, struct term_state *t)
{
	const char *term = getenv("TERM");
	bool color = !ui->app->no_color && has_colors() && !(term && !strcmp(term, "dumb"));

	if (color) {
		start_color();
		use_default_colors();
	}
	for (int a = 0; a < AREA_COUNT; a++) {
		const struct ui_color *uc = &ui->colors[a];

		if (!color || a + 1 >= COLOR_PAIRS) {
			t->attr[a] = mono_attr((enum area)a);
			t->pair[a] = 0;
			continue;
		}
		init_pair((short)(a + 1), uc->fg < COLORS ? uc->fg : -1, uc->bg < COLORS ? uc->bg : -1);
		t->pair[a] = (short)(a + 1);
		t->attr[a] = (attr_t)uc->attr;
	}
}

/* Extended keys (Ctrl+arrows) have no fixed curses code. */
static int extended_key(const char *capname)
{
	char *seq = tigetstr(capname);

	if (!seq || seq == (char *)-1)
		return 0;
	int code = key_defined(seq);

	return code > 0 ? code : 0;
}

static void flush_canvas(struct term_state *t, const struct canvas *c)
{
	for (int y = 0; y < c->rows; y++)
		for (int x = 0; x < c->cols; x++) {
			const struct cell *cl = &c->cells[(size_t)y * c->cols + x];
			wchar_t wc[CELL_WCHARS + 1];
			cchar_t cc;

			if (cl->wc[0] == 0)
				continue; /* the right half of a wide character */
			memcpy(wc, cl->wc, sizeof(cl->wc));
			wc[CELL_WCHARS] = 0;
			setcchar(&cc, wc, t->attr[cl->area], t->pair[cl->area], NULL);
			mvadd_wch(y, x, &cc);
		}
	if (c->cursor_y >= 0)
		move(c->cursor_y, 0);
	refresh();
}

/* A click selects (a second click on the selected row opens it); the
 * wheel scrolls the pane under the pointer. */
static void mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	for (int i = 0; i < 2; i++) {
		struct view *v = ui->views[i];
		int head;

		if (!v || ev.y < v->screen_y || ev.y >= v->screen_y + v->screen_h ||
		    ev.x < v->screen_x || ev.x >= v->screen_x + v->screen_w)
			continue;
		ui->focus = i;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			for (int k = 0; k < 3; k++)
				view_move(v, ev.bstate & BUTTON4_PRESSED ? REQ_SCROLL_LINE_UP :
					  REQ_SCROLL_LINE_DOWN);
			return;
		}
		head = v->ops->header ? v->ops->header(v, NULL, 0, v->screen_w) : 0;
		if (ev.y - v->screen_y >= head && ev.y - v->screen_y - head < v->height) {
			size_t row = v->offset + (size_t)(ev.y - v->screen_y - head);

			if (row >= v->n_rows)
				return;
			if (row == v->selected)
				ui_request(ui, REQ_ENTER);
			else if (v->kind == VIEW_STEPS)
				ui_select_step(ui, (int)row);
			else
				view_select(v, row);
		}
		return;
	}
}

static int translate(struct term_state *t, int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return KEYC_ENTER;
		if (t->ctrl_up && (int)wc == t->ctrl_up)
			return KEYX_CTRL_UP;
		if (t->ctrl_down && (int)wc == t->ctrl_down)
			return KEYX_CTRL_DOWN;
		return KEY_FN | (int)wc;
	}
	if (wc == '\n' || wc == '\r')
		return KEYC_ENTER;
	if (wc == 0x7f || wc == 8)
		return KEY_FN | KEY_BACKSPACE;
	return (int)wc;
}

/* Around an external program (the editor): the terminal as the shell
 * had it, then ours again. */
static void suspend_terminal(struct ui *ui)
{
	endwin();
}

static void resume_terminal(struct ui *ui)
{
	refresh();
}

/* An escape sequence of our own (OSC 52): straight to the terminal,
 * between curses' screen updates; it draws nothing. */
static void send_to_terminal(struct ui *ui, const char *bytes)
{
	(void)ui;
	fputs(bytes, stdout);
	fflush(stdout);
}

/* How long to wait for a key: a job's or a followed file's pace, and the
 * triage list's while its rows load. */
static int wait_ms(const struct ui *ui)
{
	int ms = ui->facts_pending ? 200 : ui_follow_timeout(ui), rows = ui_triage_timeout(ui);

	return rows >= 0 && (ms < 0 || rows < ms) ? rows : ms;
}

static void loop(struct ui *ui, struct term_state *t)
{
	while (!ui->quit) {
		struct pollfd fds[3] = { { fileno(t->in), POLLIN, 0 }, { -1, POLLIN, 0 },
					 { ui_triage_fd(ui), POLLIN, 0 } };
		wint_t wc;
		int rc, key, n;

		ui_poll_jobs(ui);
		ui_follow_check(ui);
		ui_resize(ui, LINES, COLS);
		ui_draw(ui);
		flush_canvas(t, ui->canvas);
		if (ui->worker)
			fds[1].fd = worker_fd(ui->worker);
		/* keys, or a finished job; SIGWINCH interrupts poll (EINTR)
		 * and get_wch then returns KEY_RESIZE */
		errno = 0;
		n = poll(fds, 3, wait_ms(ui));
		if (n < 0 && errno != EINTR)
			break;
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break; /* the terminal went away */
		if (n > 0 && !(fds[0].revents & POLLIN))
			continue; /* only the worker: take its jobs, redraw */
		nodelay(stdscr, TRUE);
		while (!ui->quit && (rc = get_wch(&wc)) != ERR) {
			enum request r;

			if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
				break;
			if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
				mouse(ui);
				continue;
			}
			key = translate(t, rc, wc);
			r = ui->prompt ? REQ_NONE :
			    keymap_find(ui->keymap, ui_focused(ui)->kind, key);
			if (r == REQ_REDRAW) {
				clearok(curscr, TRUE);
			} else if (r == REQ_SUSPEND) {
				endwin();
				raise(SIGTSTP);
				refresh();
			} else {
				ui_key(ui, key);
			}
		}
	}
}

/* cup, the capability a full-screen program needs (-1: not a string
 * capability, NULL: absent) */
static bool cursor_addressable(void)
{
	char *cup = tigetstr("cup");

	return cup && cup != (char *)-1 && *cup;
}

int term_run(struct ui *ui)
{
	struct term_state *t = talloc_zero(ui, struct term_state);
	const char *term = getenv("TERM");

	t->in = stdin;
	if (!isatty(STDIN_FILENO)) {
		t->in = fopen("/dev/tty", "r");
		t->own_in = true;
		if (!t->in) {
			app_error(ui->app, "/dev/tty", _("no terminal to read keys from (try --summary)"));
			return EXIT_INPUT;
		}
	}
	t->screen = newterm(NULL, stdout, t->in);
	if (!t->screen) {
		app_error(ui->app, term ? term : "TERM",
			  _("unknown terminal type (try --summary, or set TERM)"));
		if (t->own_in)
			fclose(t->in);
		return EXIT_INPUT;
	}
	set_term(t->screen);
	/* a terminal that cannot move the cursor (TERM=dumb) would get every
	 * row drawn over the last one: say so instead of drawing garbage */
	if (!cursor_addressable()) {
		endwin();
		delscreen(t->screen);
		app_error(ui->app, term ? term : "TERM",
			  _("the terminal cannot move the cursor (try --summary, or set TERM)"));
		if (t->own_in)
			fclose(t->in);
		return EXIT_INPUT;
	}
	ui->term = t;
	/* raw: Ctrl-C, Ctrl-Z and Ctrl-S are keys (quit, suspend) */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	setup_colors(ui, t);
	if (ui->opt.mouse && !ui->app->no_mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	t->ctrl_up = extended_key("kUP5");
	t->ctrl_down = extended_key("kDN5");
	ui->suspend_terminal = suspend_terminal;
	ui->resume_terminal = resume_terminal;
	ui->send_to_terminal = send_to_terminal;
	loop(ui, t);
	ui->suspend_terminal = ui->resume_terminal = NULL;
	ui->send_to_terminal = NULL;
	endwin();
	delscreen(t->screen);
	if (t->own_in)
		fclose(t->in);
	ui->term = NULL;
	return 0;
}
