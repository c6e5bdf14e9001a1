/* in_xlsx.h: one worksheet of an Excel .xlsx workbook as a stream of rows
 * of cell text, read behind guards (zip bombs, XML entity tricks, Excel's
 * sheet limits, a text size cap). The only expat user. Knows no domain
 * words: like in_csv, it hands over rows of text.
 *
 * What a cell's text is: a string as written (shared, inline or a
 * formula's string result); a number in its shortest round-trip form
 * ("4", "3.5", "0.30000000000000004"); a number shown with a date or
 * time format as ISO text ("2026-03-04", "2026-03-04 13:45:00",
 * "13:45:00"; the workbook's 1904 date system honoured); "TRUE" or
 * "FALSE"; an error as Excel shows it ("#N/A"). A formula gives its
 * cached result. Missing cells are "". */
#ifndef REVPACK_IN_XLSX_H
#define REVPACK_IN_XLSX_H

#include <stddef.h>

#include "diag.h"

/* Caps beyond those of zipfile.h:
 *   XLSX_MAX_TEXT     bytes of one cell's text (as CSVIN_MAX_FIELD);
 *   XLSX_MAX_SST      bytes of the shared strings table, all strings;
 *   XLSX_MAX_STRINGS  strings in that table;
 *   XLSX_MAX_DEPTH    XML element nesting in any part;
 *   XLSX_MAX_TAG      bytes of one tag, comment or processing
 *                     instruction (expat holds each whole).
 * Rows are streamed: only the current row is held. */
#define XLSX_MAX_TEXT (64 * 1024)
#define XLSX_MAX_SST (256u * 1024 * 1024)
#define XLSX_MAX_STRINGS (16u * 1024 * 1024)
#define XLSX_MAX_DEPTH 256
#define XLSX_MAX_TAG (4 * 1024 * 1024)

struct xlsx;

/* xlsx_open: the workbook at path; `name` (borrowed, outlives the reader)
 * names it in messages; sheet: a sheet's name (ASCII case ignored when
 * there is no exact match), or NULL for the first sheet. Reads the
 * workbook, its styles and its shared strings, and stands before the
 * sheet's first row. NULL after reporting why (not a zip / not a
 * workbook / no such sheet: lists the sheet names / damaged). Caller
 * frees with xlsx_free. */
struct xlsx *xlsx_open(const char *path, const char *name, const char *sheet,
    struct diag *d);
/* xlsx_next: the next row that has at least one non-empty cell: its cells
 * as NUL-terminated UTF-8 without NUL bytes (cells[i], lens[i], borrowed
 * until the next call), n = 1 + the last non-empty column index, *row =
 * its Excel row number (1-based, increasing). Returns 1, 0 at the end, -1
 * after reporting an error at FILE:ROW (the reader is then finished and
 * further calls return 0). The first call starts a thread that reads
 * ahead (a few hundred KiB of rows); its messages reach d only when
 * xlsx_next gets to them, so d may be used meanwhile. Use one reader
 * from one thread at a time. */
int xlsx_next(struct xlsx *x, const char *const **cells, const size_t **lens,
    size_t *n, int *row);
/* xlsx_cellref: "C12" for column index col (0-based) and row, into out
 * (>= 16 bytes). Returns out. */
const char *xlsx_cellref(int col, int row, char *out, size_t size);
/* xlsx_sheet: the name of the sheet being read (borrowed). */
const char *xlsx_sheet(const struct xlsx *x);
void xlsx_free(struct xlsx *x);         /* NULL is a no-op */
/* xlsx_sniff: 1 when the first bytes (at least 4) look like a zip archive
 * (PK\3\4). */
int xlsx_sniff(const unsigned char *p, size_t n);

/* xlsx_nsheets, xlsx_sheet_name: the workbook's sheets in their order
 * (names borrowed), e.g. for a message listing them. */
size_t xlsx_nsheets(const struct xlsx *x);
const char *xlsx_sheet_name(const struct xlsx *x, size_t i);

#endif
