/* diag.h: the one reporter of input problems. Every message has the form
 *   FILE:LINE[:COL]: error|warning: [column "NAME": ]what was found; what was expected
 * and is kept in order, so that warnings can also go into aggregates.json.
 * No globals: one struct diag per job (and per worker thread). */
#ifndef REVPACK_DIAG_H
#define REVPACK_DIAG_H

#include <stdio.h>

#include "util.h"

enum diag_sev {
	DIAG_WARNING,
	DIAG_ERROR
};

/* A place in an input file. line 0: the file as a whole; col 0: no column.
 * `file` is borrowed (the model keeps its paths alive). */
struct pos {
	const char *file;
	int line;
	int col;
};

struct diag;

/* diag_new: an empty reporter. When echo is not NULL, each message is
 * also written there (one line, flushed) as it is reported. */
struct diag *diag_new(FILE *echo);
void diag_free(struct diag *d);                 /* NULL is a no-op */

/* diag_report: records one message at `at` (NULL: no position, the
 * message is prefixed "revpack:"). The text must not end in a newline. */
void diag_report(struct diag *d, enum diag_sev sev, const struct pos *at,
    const char *fmt, ...) PRINTF_LIKE(4, 5);
void diag_vreport(struct diag *d, enum diag_sev sev, const struct pos *at,
    const char *fmt, va_list ap);

/* diag_escape: appends s[0..len) to out as it may reach a terminal:
 * newline and CR become spaces (one message, one line); C0 controls
 * (ESC, BEL...), DEL, C1 controls, bidi controls, the line and paragraph
 * separators and default-ignorable code points (joiners, U+FEFF) become
 * "<U+001B>"; a byte that is not part of valid UTF-8 becomes "<0x9B>".
 * Every message goes through it, so no input byte reaches stderr raw. */
void diag_escape(struct buf *out, const char *s, size_t len);

/* Shorthands for the common forms. */
void diag_error(struct diag *d, const struct pos *at, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
void diag_warning(struct diag *d, const struct pos *at, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* diag_once: 1 the first time `key` is seen by this reporter, 0 after;
 * for warnings that must be given once per run (a missing glyph). */
int diag_once(struct diag *d, const char *key);

size_t diag_errors(const struct diag *d);
size_t diag_warnings(const struct diag *d);
/* The i-th message (0-based, in report order), without newline. */
size_t diag_count(const struct diag *d);
const char *diag_text(const struct diag *d, size_t i, enum diag_sev *sev);
/* diag_fold: the messages idx[0..n) (n >= 1) become one: idx[0] is
 * replaced by the new message, the others are dropped (diag_merge skips
 * them; they still count in diag_count). For one systematic problem
 * reported once instead of once per cell. Do not fold a reporter that
 * echoes: its messages are out already. */
void diag_fold(struct diag *d, const size_t *idx, size_t n, enum diag_sev sev,
    const struct pos *at, const char *fmt, ...) PRINTF_LIKE(6, 7);
/* diag_merge: appends src's messages to dst (echoing them if dst echoes). */
void diag_merge(struct diag *dst, const struct diag *src);
/* diag_merge_sorted: the same, in the order of the messages' lines and
 * columns (stable; messages without a line first), for a loader whose
 * checks do not run in file order. Meant for messages about one file. */
void diag_merge_sorted(struct diag *dst, const struct diag *src);

/* diag_fopen: the regular file at path opened for reading ("rb"), its
 * size in bytes in *size (when size is not NULL); the caller fcloses it.
 * NULL after an error at `name` (line 0) when it cannot be opened or is
 * not a regular file (a folder, a FIFO). The input readers' one way in. */
FILE *diag_fopen(struct diag *d, const char *path, const char *name,
    long long *size);

#endif
