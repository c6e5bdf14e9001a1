/* in_csv.h: CSV files as a stream of checked records with their physical
 * line numbers, read behind guards (strict quoting, a field and a line
 * size cap, NUL bytes and invalid UTF-8 refused). The only libcsv user.
 * Knows no domain words: the loaders name the columns they need. */
#ifndef REVPACK_IN_CSV_H
#define REVPACK_IN_CSV_H

#include <stdarg.h>
#include <stddef.h>

#include "diag.h"

#define CSVIN_MAX_FIELD (64 * 1024)     /* bytes in one field */
#define CSVIN_MAX_LINE (1024 * 1024)    /* bytes in one physical line */
#define CSVIN_MAX_ERRORS 200            /* listed per file; the rest counted */

/* One record. Fields are NUL-terminated UTF-8 without NUL bytes; a quoted
 * field's CRLF and lone CR are turned into LF. Unquoted fields have lost
 * their surrounding spaces (libcsv); quoted ones keep them. Everything is
 * borrowed until the next csvin_next. `line` is the physical line on
 * which the record starts. A delivered record has exactly as many fields
 * as the header. */
struct csvin_rec {
	const char *const *f;
	const size_t *len;
	size_t n;
	int line;
};

struct csvin;

/* csvin_open: opens `path` and reads its header. `name` (borrowed, must
 * outlive the reader) names the file in messages. On a file that cannot
 * be read, is empty, is not UTF-8 or has a broken header, reports why and
 * returns NULL. Caller frees with csvin_free. */
struct csvin *csvin_open(const char *path, const char *name, struct diag *d);
/* csvin_mem: the same over bytes already in memory (borrowed until
 * csvin_free). */
struct csvin *csvin_mem(const char *data, size_t len, const char *name,
    struct diag *d);
/* csvin_free: reports how many errors went unlisted past the cap (if any),
 * then frees. NULL is a no-op. */
void csvin_free(struct csvin *r);

/* csvin_next: the next good record in *rec: 1, or 0 at the end of the
 * file. Broken records (bad quoting, wrong number of fields, NUL bytes,
 * invalid UTF-8, oversized) are reported with file:line[:col] and
 * skipped; reading goes on at the next line, so that every problem of a
 * file is listed. Records whose fields are all empty are skipped
 * silently. */
int csvin_next(struct csvin *r, struct csvin_rec *rec);

/* --- the header --- */
size_t csvin_ncols(const struct csvin *r);
/* csvin_colname: the header name of column i (trimmed), or NULL. */
const char *csvin_colname(const struct csvin *r, size_t i);
/* csvin_col: the index of the column called `name`, ASCII case and
 * surrounding spaces ignored; -1 when there is none; -2 when the header
 * has it more than once (reported, once per name). */
int csvin_col(struct csvin *r, const char *name);
/* csvin_suggest: the header's column name nearest to `name` (borrowed),
 * or NULL when none is close enough (str_suggest's rule), for "did you
 * mean" messages about a missing column. */
const char *csvin_suggest(const struct csvin *r, const char *name);
/* csvin_header_line: the line the header is on (1 unless blank lines
 * come first). */
int csvin_header_line(const struct csvin *r);
/* csvin_delim: the delimiter found in the header: ',', ';' or '\t'. */
char csvin_delim(const struct csvin *r);

/* --- reporting about this file --- */
/* csvin_error: reports at `line` of this file, prefixed `column "NAME": `
 * when col >= 0. After CSVIN_MAX_ERRORS errors in one file, further ones
 * are only counted (csvin_free says how many). */
void csvin_error(struct csvin *r, int line, int col, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* csvin_warning: the same for a warning (never capped). */
void csvin_warning(struct csvin *r, int line, int col, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* csvin_errors: errors reported (or counted) about this file so far. */
size_t csvin_errors(const struct csvin *r);

/* csvin_quote: s for a message, into out: control characters escaped
 * (\t, \n, \xNN), shortened with "..." to at most 67 bytes (or size - 1)
 * without cutting a UTF-8 sequence. */
const char *csvin_quote(const char *s, char *out, size_t size);

#endif
