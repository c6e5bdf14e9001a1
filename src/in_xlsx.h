/* in_xlsx.h: the rows of one sheet of an Excel workbook (.xlsx) as cell
 * texts with their Excel row numbers, for in_csv.c's records. The real
 * reader comes from another branch; until it is merged, in_xlsx_stub.c
 * stands in for it. */
#ifndef REVPACK_IN_XLSX_H
#define REVPACK_IN_XLSX_H

#include <stddef.h>

#include "diag.h"

struct xlsx;

/* xlsx_open: the workbook at path, its sheet called `sheet` (NULL: the
 * first). `name` (borrowed) names the file in messages. NULL after an
 * error (reported). Caller frees with xlsx_free. */
struct xlsx *xlsx_open(const char *path, const char *name, const char *sheet,
    struct diag *d);
/* xlsx_next: the next row: its cells (borrowed until the next call) in
 * *cells, *lens, *n, and its Excel row number (1-based) in *row. cells[i]
 * is column i (A = 0), "" when that cell is empty; empty cells at the
 * end of a row may be left out (in_csv pads the row to the header's
 * width), and rows without a value may be skipped. 1 a row, 0 the end,
 * -1 an error (reported). */
int xlsx_next(struct xlsx *x, const char *const **cells, const size_t **lens,
    size_t *n, int *row);
/* xlsx_cellref: the reference of 0-based column col in row `row`, such as
 * "C12", into out. Returns out. */
const char *xlsx_cellref(int col, int row, char *out, size_t size);
/* xlsx_sheet: the name of the sheet being read (borrowed). */
const char *xlsx_sheet(const struct xlsx *x);
void xlsx_free(struct xlsx *x);                 /* NULL is a no-op */
/* xlsx_sniff: 1 when p[0..n) starts as a zip archive does (PK\3\4). */
int xlsx_sniff(const unsigned char *p, size_t n);

#endif
