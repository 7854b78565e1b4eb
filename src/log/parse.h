/* Turning input bytes into the model. The one door into src/log/. */
#ifndef BISVIEW_LOG_PARSE_H
#define BISVIEW_LOG_PARSE_H

#include <stddef.h>

#include "log/lines.h"
#include "log/model.h"

/* Parse a log held in memory. The text is copied under the new log, which
 * is a child of ctx. Never fails on content: anything is a model, possibly
 * of format LOG_FORMAT_UNKNOWN (see log_refusal()). */
struct blog *log_parse(const void *ctx, const char *path, const char *text, size_t len);

/* log_parse with the format given instead of detected (LOG_FORMAT_UNKNOWN:
 * detect). The fuzz targets drive each parser with it; any input is still
 * a model. */
struct blog *log_parse_as(const void *ctx, const char *path, const char *text, size_t len,
			  enum log_format format);

/* Why a parsed log is not a bisection log we can show, or NULL when it is.
 * The message is translated and names no file (the caller adds it). */
const char *log_refusal(const struct blog *log);

/* Read a file ("-" for standard input) and parse it. On failure returns
 * NULL and sets *err to a translated one-line reason (under ctx). */
struct blog *log_load(const void *ctx, const char *path, const char **err);

/* The largest input we read; a longer file is refused, not cut. (talloc
 * refuses single allocations of 256 MiB, and the text needs one.) */
#define LOG_MAX_BYTES ((size_t)255 << 20)

enum log_format detect_format(const struct pline *lines, size_t n);
void parse_syzbot(struct blog *log, struct pline *lines, size_t n);
void parse_git_bisect(struct blog *log, struct pline *lines, size_t n);

#endif
