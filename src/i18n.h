/* gettext for every user-facing string. */
#ifndef BISVIEW_I18N_H
#define BISVIEW_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
