/* in_xlsx_int.h: what in_xlsx.c shares with in_xlsx_val.c, the cell
 * value rules that need no XML: cell references, number and date text,
 * and number format codes. Not for other stages. */
#ifndef REVPACK_IN_XLSX_INT_H
#define REVPACK_IN_XLSX_INT_H

#include <stddef.h>

#define XLSX_MAX_ROWS 1048576   /* Excel's last row */
#define XLSX_MAX_COLS 16384     /* Excel's last column, XFD */

/* What a number format shows a number as. */
enum xlsx_kind {
	XLSX_NUMBER,
	XLSX_DATE,              /* a date, perhaps with a time of day */
	XLSX_TIME               /* a time of day or a duration */
};

/* xlsx_parse_ref: "C12" (no "$", no sheet) into *col (0-based) and *row
 * (1-based). 1 when the text is letters then digits; the numbers may
 * still be past the sheet's limits (col >= XLSX_MAX_COLS, row >
 * XLSX_MAX_ROWS; both are clamped a little above, not overflowed). 0 when
 * it is not a reference. */
int xlsx_parse_ref(const char *s, int *col, int *row);

/* xlsx_number: the number written as s[0..n) (XML's xsd:double without
 * INF/NaN), as the shortest decimal that reads back as the same double:
 * "4", "3.5", "0.30000000000000004", "1e+21". Writes it into out (>= 32
 * bytes) and its value into *v. Returns its length, or -1 when s is not
 * such a number. */
int xlsx_number(const char *s, size_t n, char *out, size_t size, double *v);

/* xlsx_date: Excel serial day number v (1900 system, with its fictitious
 * 1900-02-29, or the 1904 system) as ISO text into out (>= 32 bytes):
 * "2026-03-04", "2026-03-04 13:45:00" when there is a time of day, or
 * "13:45:00" for a time (kind XLSX_TIME) below one day. Returns the
 * length, or 0 when v is outside Excel's dates (negative, past
 * 9999-12-31): the caller prints the number instead. */
int xlsx_date(double v, int date1904, enum xlsx_kind kind, char *out,
    size_t size);

/* xlsx_builtin_kind: what built-in number format `id` shows. */
enum xlsx_kind xlsx_builtin_kind(long id);
/* xlsx_code_kind: what a custom format code ("yyyy-mm-dd", "0.00") shows:
 * a date or time when d, m, y, h or s appears outside quotes, brackets
 * and escapes. */
enum xlsx_kind xlsx_code_kind(const char *code);

#endif
