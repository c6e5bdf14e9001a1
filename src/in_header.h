/* in_header.h: a table's header rows -> its column names: recognising the
 * multi-row headers survey tools export (Qualtrics, SurveyMonkey) and
 * joining several rows into one name per column. Pure functions over
 * cell texts, for in_csv.c; no I/O. */
#ifndef REVPACK_IN_HEADER_H
#define REVPACK_IN_HEADER_H

#include <stddef.h>

#include "util.h"

/* One row of cells (borrowed). */
struct hdr_row {
	const char *const *f;
	const size_t *len;
	size_t n;
};

/* What a layout says about the header. */
struct hdr_layout {
	int rows;               /* header rows above the data */
	int names;              /* 0: the rows joined; k: row k names columns */
	int alias;              /* 0, or a row whose cells also find columns */
	const char *tool;       /* "Qualtrics", "SurveyMonkey", or NULL */
};

/* hdr_recognise: the layout of a table whose first rows are rows[0..n)
 * (n <= 3; all of the same width), from those rows alone:
 *   Qualtrics: the 3rd row's non-empty cells mostly start with
 *     {"ImportId": -> 3 rows, named by row 2 (the question texts; row 1's
 *     ids, such as Q1_1, find columns too);
 *   SurveyMonkey: row 1 names its first column and row 2 leaves it empty
 *     (respondent metadata), every column row 1 leaves blank (a merged
 *     question cell) is named in row 2, and row 2 says "Response" or
 *     "Open-Ended Response", or row 1 has such blanks -> 2 rows, joined;
 *   a report title: row 1 has one cell, the first, and row 2 names three
 *     columns or more -> 2 rows, named by row 2;
 *   otherwise 1 row. */
struct hdr_layout hdr_recognise(const struct hdr_row *rows, size_t n);

/* hdr_names: the names of ncols columns from header rows rows[0..nh)
 * into out[0..ncols) (strings in arena a, trimmed of spaces and tabs):
 * names_row k >= 1: row k's cells (an empty one: the nearest non-empty
 * cell above it); 0: the rows joined: a blank cell of an
 * upper row takes the value to its left in that row (a merged cell)
 * when a lower row names the column, and the non-empty parts, less
 * "Response", "Open-Ended Response" and repeats, are joined with " - ".
 * A row with fewer cells counts as blank beyond its end. */
void hdr_names(const struct hdr_row *rows, size_t nh, int names_row,
    size_t ncols, struct arena *a, const char **out);

#endif
