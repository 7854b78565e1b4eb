/* Keys as the program sees them, and their names as the config file,
 * scripts, the help view and the man page write them ("j", "<Enter>",
 * "<C-d>", "<PgDown>"). A key is an int: a character's code point, or
 * KEY_FN | an ncurses KEY_* code for function keys. */
#ifndef BISVIEW_UI_KEYS_H
#define BISVIEW_UI_KEYS_H

#include <stddef.h>

#define KEY_FN 0x1000000
/* Keys whose curses code is only known at run time (terminfo's
 * extended names kUP5, kDN5): fixed internal codes, translated by term.c. */
#define KEYX_CTRL_UP   (KEY_FN | 0x10001)
#define KEYX_CTRL_DOWN (KEY_FN | 0x10002)
#define KEYX_MOUSE     (KEY_FN | 0x10003)
#define KEYX_RESIZE    (KEY_FN | 0x10004)

#define KEYC_ENTER '\r'
#define KEYC_TAB '\t'
#define KEYC_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)

/* A key's name ("j", "<Enter>", "<C-d>"), in static or ctx memory. */
char *key_label(const void *ctx, int key);

/* Parses one key name at *s, advancing *s past it. Returns the key, or
 * -1 when it is not a key name. A single character stands for itself. */
int key_parse(const char **s);

/* The same for a whole string that must be exactly one key. */
int key_by_name(const char *name);

#endif
