/* in_csv.h: CSV files (and .xlsx sheets) as a stream of checked records
 * with their physical line and spreadsheet row numbers, read behind guards
 * (strict quoting, size caps, NUL bytes refused, binary files named),
 * decoded from the encoding they come in, under one or several header
 * rows. The only libcsv user. Knows no domain words: the loaders name the
 * columns they need. */
#ifndef REVPACK_IN_CSV_H
#define REVPACK_IN_CSV_H

#include <stdarg.h>
#include <stddef.h>

#include "diag.h"

#define CSVIN_MAX_FIELD (64 * 1024)     /* bytes in one field */
#define CSVIN_MAX_LINE (1024 * 1024)    /* bytes in one physical line */
#define CSVIN_MAX_ERRORS 200            /* listed per file; the rest counted */
#define CSVIN_MAX_HEADER_ROWS 10        /* header_rows at most */

/* One record. Fields are NUL-terminated UTF-8 without NUL bytes; a quoted
 * field's CRLF and lone CR are turned into LF. Unquoted fields have lost
 * their surrounding spaces (libcsv); quoted ones keep them. Everything is
 * borrowed until the next csvin_next. `line` is the physical line on
 * which the record starts; `row` is its row as a spreadsheet shows the
 * file: the 1-based index of the record among the file's records, header
 * rows and blank lines included (so it differs from `line` after a quoted
 * field that spans lines). In an .xlsx sheet both are the Excel row. A
 * delivered record has exactly as many fields as the header. */
struct csvin_rec {
	const char *const *f;
	const size_t *len;
	size_t n;
	int line;
	int row;
};

struct csvin;

/* csvin_open: opens `path` (read whole, decoded to UTF-8; a zip archive
 * is read as an .xlsx workbook) and reads its header. `name` (borrowed,
 * must outlive the reader) names the file in messages. On a file that
 * cannot be read, is too large, is binary, cannot be decoded, is empty
 * or has a broken header, reports why and returns NULL. Caller frees
 * with csvin_free. */
struct csvin *csvin_open(const char *path, const char *name, struct diag *d);
/* csvin_mem: the same over bytes already in memory (borrowed until
 * csvin_free), always as CSV (a zip archive is refused). */
struct csvin *csvin_mem(const char *data, size_t len, const char *name,
    struct diag *d);

/* How to read a file; all zero is csvin_open's defaults. The strings are
 * borrowed for the call only. */
enum csvin_type { CSVIN_AUTO, CSVIN_CSV, CSVIN_XLSX };
struct csvin_opts {
	enum csvin_type type;   /* AUTO: by content (a zip archive: .xlsx) */
	/* NULL: detect (a BOM, UTF-16, UTF-8, else Windows-1252, or Mac
	 * Roman when lines end in lone CRs; warned once). Else forced:
	 * "utf-8", "utf-16" (LE unless a BOM says BE), "windows-1252",
	 * "macintosh" (Mac Roman), "iso-8859-1", or any name iconv knows;
	 * bytes it cannot decode are one error. */
	const char *encoding;
	const char *sheet;      /* xlsx: a sheet's name; NULL: the first */
	/* 0: recognise: Qualtrics (3 rows: ids, question texts, ImportIds;
	 * named by the question texts, the ids accepted too), SurveyMonkey
	 * (2 rows: questions, sub-questions; joined), else 1. Else the number
	 * of rows above the data (at most CSVIN_MAX_HEADER_ROWS). */
	int header_rows;
	/* 0: the header rows joined: an upper row's value filled forward over
	 * the blanks of merged cells, the non-empty parts joined with " - ",
	 * "Response" and "Open-Ended Response" dropped. k >= 1: row k of the
	 * header names the columns. */
	int header_names;
	size_t max_bytes;       /* 0: 512 MiB; the largest file read */
};

/* csvin_open_opts: csvin_open with options (NULL: the defaults). A
 * binary file (a zip read as CSV, an old .xls, a PDF, an image, ...) is
 * one error naming what it is. */
struct csvin *csvin_open_opts(const char *path, const char *name,
    const struct csvin_opts *o, struct diag *d);
/* csvin_encoding: the encoding the file was read in ("UTF-8",
 * "UTF-16LE", "windows-1252", ...). */
const char *csvin_encoding(const struct csvin *r);
/* csvin_nsheets, csvin_sheet_name: an .xlsx workbook's sheets in their
 * order (names borrowed); 0 and NULL for a CSV file. csvin_sheet: the
 * sheet being read, or NULL. */
size_t csvin_nsheets(const struct csvin *r);
const char *csvin_sheet_name(const struct csvin *r, size_t i);
const char *csvin_sheet(const struct csvin *r);
/* csvin_header_rows: how many header rows were used (after recognition). */
int csvin_header_rows(const struct csvin *r);
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
 * has it more than once (reported, once per name). Under a Qualtrics
 * header, a column's id (Q1_1) finds it too. */
int csvin_col(struct csvin *r, const char *name);
/* csvin_suggest: the header's column name nearest to `name` (borrowed),
 * or NULL when none is close enough (str_suggest's rule), for "did you
 * mean" messages about a missing column. */
const char *csvin_suggest(const struct csvin *r, const char *name);
/* csvin_header_line: the line the header is on (1 unless blank lines
 * come first). */
int csvin_header_line(const struct csvin *r);
/* csvin_delim: the delimiter found in the header: ',', ';' or '\t' (','
 * for an .xlsx sheet). */
char csvin_delim(const struct csvin *r);

/* --- reporting about this file --- */
/* csvin_error: reports at `line` of this file, prefixed `column "NAME": `
 * when col >= 0; when the record starting on that line is in another row
 * (a quoted field above spans lines), `row N: ` comes first; in an .xlsx
 * sheet, `cell C12, ` comes before the column. After CSVIN_MAX_ERRORS
 * errors in one file, further ones are only counted (csvin_free says how
 * many). */
void csvin_error(struct csvin *r, int line, int col, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* csvin_warning: the same for a warning (never capped). */
void csvin_warning(struct csvin *r, int line, int col, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* csvin_errors: errors reported (or counted) about this file so far. */
size_t csvin_errors(const struct csvin *r);

/* csvin_quote: s for a message, into out: control characters escaped
 * (\t, \n, <U+001B>), invisible ones (joiners, bidi controls) named
 * (<U+202E>), shortened with "..." to at most 67 bytes (or size - 1)
 * without cutting a UTF-8 sequence. */
const char *csvin_quote(const char *s, char *out, size_t size);

#endif
