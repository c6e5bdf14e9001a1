/* in_lines.h: bytes (a file or memory) as numbered physical lines: LF,
 * CRLF or a lone CR ends a line, a line longer than a cap is skipped and
 * said so, a UTF-8 BOM is stripped. Knows nothing of CSV: in_csv.c reads
 * through it. */
#ifndef REVPACK_IN_LINES_H
#define REVPACK_IN_LINES_H

#include <stdio.h>

struct lines;

enum {
	LINES_END = 0,          /* no more input */
	LINES_OK = 1,           /* a line */
	LINES_LONG = 2,         /* a line over the cap was skipped */
	LINES_FAILED = 3        /* a read error (errno); the input ends */
};

enum lines_bom {
	BOM_NONE,
	BOM_UTF8,               /* stripped */
	BOM_UTF16               /* left in place (in_csv decodes first) */
};

/* lines_file: lines of f (lines_free closes it); lines_mem: of data[0..len)
 * (borrowed until lines_free). Both look at the start first: see
 * lines_bom. */
struct lines *lines_file(FILE *f);
struct lines *lines_mem(const char *data, size_t len);
void lines_free(struct lines *l);               /* NULL is a no-op */
enum lines_bom lines_bom(const struct lines *l);

/* lines_next: the next line, with its terminator, in *s and *n (borrowed
 * until the next call): LINES_OK; LINES_LONG after skipping a line longer
 * than max bytes; LINES_END; or LINES_FAILED once. Every line returned or
 * skipped is counted (lines_number). */
int lines_next(struct lines *l, size_t max, const char **s, size_t *n);
/* lines_number: the number of the last line returned or skipped (0
 * before the first). */
int lines_number(const struct lines *l);
/* lines_peek: the first line that is not blank, ahead of the reading
 * position, without consuming anything: its bytes (at most about max) in
 * *s, *n, and in *first whether it is the very next line. 0 when there is
 * none. */
int lines_peek(struct lines *l, size_t max, const char **s, size_t *n,
    int *first);

#endif
