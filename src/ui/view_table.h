/* Every view, declared once (tig's VIEW_INFO): one row per view, from
 * which the rest is generated - enum view_kind and the names `bind VIEW`
 * takes (request.c), the view-* requests and their help (request.h),
 * the ops each kind runs, where its request opens it and the request's
 * view (view.c), the ops' declarations (view.h). A new view is one row
 * here and its view_*.c file.
 *
 * V(X, ID, name, ops, opens, request, request's help), in the order the
 * help view and the man page list them. X is passed through to V (the
 * request table hands its own row macro through it). opens says where
 * the view's request opens it:
 *   SCREEN   full screen, the view underneath kept for view-close;
 *   SPLIT    in the split, about the selected step, and it follows the
 *            selected step;
 *   BY_VIEW  no request of its own: another view opens it in the split
 *            (the crash view's frames open the source view), with the
 *            step it is about, which it keeps. */
#ifndef BISVIEW_UI_VIEW_TABLE_H
#define BISVIEW_UI_VIEW_TABLE_H

#define UI_VIEWS(V, X) \
	V(X, STEPS, "steps", steps_view_ops, SCREEN, "view-steps", N_("Show the steps")) \
	V(X, DETAIL, "detail", detail_view_ops, SPLIT, "view-detail", \
	  N_("Show the selected step's detail")) \
	V(X, DIFF, "diff", diff_view_ops, SPLIT, "view-diff", N_("Show the selected step's diff")) \
	V(X, CRASH, "crash", crash_view_ops, SCREEN, "view-crash", N_("Show the crash report")) \
	V(X, SOURCE, "source", source_view_ops, BY_VIEW, NULL, NULL) \
	V(X, LOG, "log", log_view_ops, SPLIT, "view-log", \
	  N_("Show the raw log at the selected step")) \
	V(X, MAP, "map", map_view_ops, SCREEN, "view-map", N_("Show the bisection map")) \
	V(X, SIGNALS, "signals", signals_view_ops, SCREEN, "view-signals", \
	  N_("Show the trust signals")) \
	V(X, HELP, "help", help_view_ops, SCREEN, "view-help", N_("Show this help")) \
	V(X, MESSAGES, "messages", messages_view_ops, BY_VIEW, NULL, NULL) \
	V(X, TRIAGE, "triage", triage_view_ops, BY_VIEW, NULL, NULL)

/* The views and, first, "generic": the bindings of every view. The
 * keymap and `bind` know these; only the views have ops. */
#define UI_VIEW_ENUM(X, id, ...) VIEW_##id,
enum view_kind { VIEW_GENERIC, UI_VIEWS(UI_VIEW_ENUM, ) VIEW_COUNT };
#undef UI_VIEW_ENUM

enum view_opening { VIEW_OPENS_SCREEN, VIEW_OPENS_SPLIT, VIEW_OPENS_BY_VIEW };

/* A view's request as a row of the request table (R, request.h): a
 * view opened BY_VIEW has none. */
#define UI_VIEW_REQUEST(R, id, name, ops, opens, req, help) \
	UI_VIEW_REQUEST_##opens(R, id, req, help)
#define UI_VIEW_REQUEST_SCREEN(R, id, req, help) R(VIEW, VIEW_##id, req, help)
#define UI_VIEW_REQUEST_SPLIT(R, id, req, help) R(VIEW, VIEW_##id, req, help)
#define UI_VIEW_REQUEST_BY_VIEW(R, id, req, help)

/* ... and its id, REQ_NONE for none. */
#define UI_VIEW_REQUEST_ID(id, opens) UI_VIEW_REQUEST_ID_##opens(id)
#define UI_VIEW_REQUEST_ID_SCREEN(id) REQ_VIEW_##id
#define UI_VIEW_REQUEST_ID_SPLIT(id) REQ_VIEW_##id
#define UI_VIEW_REQUEST_ID_BY_VIEW(id) REQ_NONE

#endif
