/* Building the model while parsing: steps, runs and field strings.
 * Shared by the syzbot and git-bisect-log parsers. */
#ifndef BISVIEW_LOG_BUILD_H
#define BISVIEW_LOG_BUILD_H

#include <stdint.h>

#include "log/lines.h"
#include "log/model.h"

/* Freeing a string we own through a const pointer (talloc's own macro
 * lives in Samba's replace.h, which Debian's talloc does not ship). */
#define discard_const_p(type, ptr) ((type *)(uintptr_t)(ptr))

/* A copy of bytes as a C string under ctx; NUL bytes become U+2400 so
 * that the string cannot end early. Trailing spaces are kept. */
char *field_dup(const void *ctx, const char *s, size_t len);

/* The same, with trailing blanks removed. */
char *field_dup_trim(const void *ctx, const char *s, size_t len);

/* Append a line to a '\n'-joined text field (which may be NULL). */
const char *field_append(const void *ctx, const char *text, const char *s, size_t len);

/* A new step at the end of log->steps. */
struct step *step_new(struct blog *log, enum step_phase phase, int line);

/* Extend a step's line span to include physical lines first..last. */
void step_touch(struct step *s, int first, int last);

struct run *step_add_run(struct step *s, int number, enum run_outcome outcome,
			 const char *text, size_t len, int line);

/* Parse "OK" / "crashed: T" / "boot failed: X" / ... after "run #N: " or
 * "all runs: "; the rest of the line goes to text. */
enum run_outcome run_outcome_parse(const char *s, size_t len, size_t *text_at);

void log_add_unknown(struct blog *log, int line);
void log_add_warning(struct blog *log, const char *msg);
void list_append(const void *ctx, const char ***list, size_t *n, const char *item);

/* Parse a decimal number at s; returns -1 when there is none. */
long parse_number(const char *s, size_t len, size_t *used);

#endif
