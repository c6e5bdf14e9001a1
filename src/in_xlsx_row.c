/* in_xlsx_row.c: a worksheet's <sheetData> turned into rows of cell
 * text, as in_xlsx.c's expat handlers pass its elements on: cell
 * references checked against Excel's limits, each cell's value made text
 * by its type and style, gaps filled with "" when a row ends. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv.h"
#include "in_xlsx_int.h"

static const char empty[] = "";

/* ref: the current cell's reference, for messages. */
static const char *
ref(const struct xlsx *x, char *out, size_t size)
{
	return xlsx_cellref(x->col, x->row, out, size);
}

/* q: s (from the file) for a message: control characters escaped,
 * shortened without cutting a character, into out (32 bytes). */
static const char *
q(const char *s, char *out)
{
	return csvin_quote(s, out, 32);
}

static const char *
text(const struct xlsx *x)
{
	return x->text.p != NULL ? x->text.p : empty;
}

static void
row_begin(struct xlsx *x, const char **a)
{
	const char *r = NULL;
	char qb[32];
	long v = x->prev_row + 1L;
	size_t i;

	for (i = 0; a[i] != NULL; i += 2)
		if (strcmp(a[i], "r") == 0)
			r = a[i + 1];

	if (r != NULL && !xlsx_uint(r, strlen(r), 10000000000L, &v)) {
		xlsx_fail(x, x->prev_row + 1, "a row numbered \"%s\"; expected "
		    "a row number from 1 to %d", q(r, qb), XLSX_MAX_ROWS);
		return;
	}
	if (v > XLSX_MAX_ROWS) {
		/* named by its first cell when it has one */
		x->row_over = 1;
		v = v > INT_MAX ? INT_MAX : v;
	}
	if (v <= x->prev_row) {
		xlsx_fail(x, (int)v, "row %ld comes after row %d; expected "
		    "rows in increasing order (the sheet is damaged)", v,
		    x->prev_row);
		return;
	}
	x->row = (int)v;
	x->in_row = 1;
	x->seq++;
	x->n = 0;
	x->prev_col = -1;
	buf_reset(&x->rowbuf);
}

static enum ctype
ctype_of(const char *t, int *ok)
{
	*ok = 1;
	if (t == NULL)
		return T_NUM;
	/* by first byte: this runs for every cell */
	switch (t[0]) {
	case 's':
		if (t[1] == '\0')
			return T_SST;
		if (strcmp(t, "str") == 0)
			return T_STR;
		break;
	case 'n':
		if (t[1] == '\0')
			return T_NUM;
		break;
	case 'i':
		if (strcmp(t, "inlineStr") == 0)
			return T_INLINE;
		break;
	case 'b':
		if (t[1] == '\0')
			return T_BOOL;
		break;
	case 'e':
		if (t[1] == '\0')
			return T_ERR;
		break;
	case 'd':
		if (t[1] == '\0')
			return T_ISO;
		break;
	default:
		break;
	}
	*ok = 0;
	return T_NUM;
}

/* place: where a cell with reference r (NULL: after the previous cell)
 * goes, into x->col. 0 after reporting a reference that is malformed,
 * past Excel's limits, in another row or seen before in this row. */
static int
place(struct xlsx *x, const char *r)
{
	char cr[16], qb[32];
	int col = x->prev_col + 1, row = x->row;

	if (x->row_over) {
		xlsx_fail(x, x->row, "cell %s: past row %d, the last of a "
		    "sheet; expected at most %d rows", r != NULL ? q(r, qb) :
		    xlsx_cellref(col, x->row, cr, sizeof cr), XLSX_MAX_ROWS,
		    XLSX_MAX_ROWS);
		return 0;
	}
	if (r != NULL && !xlsx_parse_ref(r, &col, &row)) {
		xlsx_fail(x, x->row, "a cell reference \"%s\"; expected one "
		    "like \"C12\"", q(r, qb));
		return 0;
	}
	if (col >= XLSX_MAX_COLS && r != NULL) {
		xlsx_fail(x, x->row, "cell %s: past column XFD, the last of "
		    "a sheet; expected at most %d columns", q(r, qb),
		    XLSX_MAX_COLS);
		return 0;
	}
	if (col >= XLSX_MAX_COLS) {
		xlsx_fail(x, x->row, "row %d has more than %d cells; expected "
		    "at most that many (columns A to XFD)", x->row,
		    XLSX_MAX_COLS);
		return 0;
	}
	x->col = col;
	if (row != x->row) {
		xlsx_fail(x, x->row, "cell %s is inside row %d; expected "
		    "the row's own number (the sheet is damaged)", q(r, qb),
		    x->row);
		return 0;
	}
	if (x->stamp[col] == x->seq) {
		xlsx_fail(x, x->row, "cell %s appears twice; expected each "
		    "cell once (the sheet is damaged)", ref(x, cr, sizeof cr));
		return 0;
	}
	return 1;
}

static void
cell_begin(struct xlsx *x, const char **a)
{
	const char *r = NULL, *t = NULL, *s = NULL;
	char cr[16], qb[32];
	int ok;
	long st;
	size_t i;

	/* r, t and s in one pass (attr would take three) */
	for (i = 0; a[i] != NULL; i += 2) {
		if (a[i][0] == '\0' || a[i][1] != '\0')
			continue;
		if (a[i][0] == 'r')
			r = a[i + 1];
		else if (a[i][0] == 't')
			t = a[i + 1];
		else if (a[i][0] == 's')
			s = a[i + 1];
	}
	if (!place(x, r))
		return;
	x->ct = ctype_of(t, &ok);
	if (!ok) {
		xlsx_fail(x, x->row, "cell %s: type \"%s\"; expected one of "
		    "n, s, str, inlineStr, b, e, d", ref(x, cr, sizeof cr),
		    q(t, qb));
		return;
	}
	x->style = -1;
	if (s != NULL && xlsx_uint(s, strlen(s), MAX_PARTS, &st) &&
	    (size_t)st < x->nxfs)
		x->style = (int)st;
	x->stamp[x->col] = x->seq;
	x->cells[x->col] = empty;
	x->lens[x->col] = 0;
	x->offs[x->col] = NO_OFF;
	x->in_cell = 1;
	buf_reset(&x->text);
}

/* keep: the current cell's value is s[0..n): copied into the row's
 * buffer (pointers are set when the row ends: the buffer may move). */
static void
keep(struct xlsx *x, const char *s, size_t n)
{
	if (x->rowbuf.len + n + 1 > XLSX_MAX_ROW) {
		xlsx_fail(x, x->row, "row %d: more than %d bytes of text; "
		    "expected at most that many in a row", x->row,
		    XLSX_MAX_ROW);
		return;
	}
	x->offs[x->col] = x->rowbuf.len;
	x->lens[x->col] = n;
	buf_put(&x->rowbuf, s, n);
	buf_putc(&x->rowbuf, '\0');
}

/* number: the current cell's number, shown as a date when its style says
 * so. */
static void
number(struct xlsx *x)
{
	char out[64], date[40], cr[16], qb[32];
	double v;
	int n, k;
	enum xlsx_kind kind = x->style >= 0 ? (enum xlsx_kind)
	    x->xf_kind[x->style] : XLSX_NUMBER;

	/* most numbers (scores) are already in their shortest form */
	if (kind == XLSX_NUMBER && xlsx_plain(text(x), x->text.len)) {
		keep(x, text(x), x->text.len);
		return;
	}
	n = xlsx_number(text(x), x->text.len, out, sizeof out, &v);
	if (n < 0) {
		xlsx_fail(x, x->row, "cell %s: \"%s\" is not a number; "
		    "expected a number (the cell has no text type)", ref(x, cr,
		    sizeof cr), q(text(x), qb));
		return;
	}
	if (kind != XLSX_NUMBER) {
		k = xlsx_date(v, x->date1904, kind, date, sizeof date);
		if (k > 0) {
			keep(x, date, (size_t)k);
			return;
		}
	}
	keep(x, out, (size_t)n);
}

static void
cell_end(struct xlsx *x)
{
	const char *t = text(x);
	size_t len = x->text.len;
	char cr[16], qb[32];
	long i;

	x->in_cell = 0;
	x->prev_col = x->col;
	if (len == 0)
		return;
	if (memchr(t, '\0', len) != NULL) {
		xlsx_fail(x, x->row, "cell %s: a NUL character; expected text "
		    "without NUL", ref(x, cr, sizeof cr));
		return;
	}
	switch (x->ct) {
	case T_SST:
		if (!xlsx_uint(t, len, (long)x->nsst, &i)) {
			xlsx_fail(x, x->row, "cell %s: shared string "
			    "\"%s\"; expected an index below %zu (the "
			    "workbook is damaged)", ref(x, cr, sizeof cr),
			    q(t, qb), x->nsst);
			return;
		}
		x->cells[x->col] = x->sst.p + x->sst_off[i];
		x->lens[x->col] = x->sst_off[i + 1] - x->sst_off[i] - 1;
		break;
	case T_BOOL:
		if (strcmp(t, "0") != 0 && strcmp(t, "1") != 0) {
			xlsx_fail(x, x->row, "cell %s: boolean \"%s\"; "
			    "expected 0 or 1", ref(x, cr, sizeof cr), q(t, qb));
			return;
		}
		keep(x, t[0] == '1' ? "TRUE" : "FALSE", t[0] == '1' ? 4 : 5);
		break;
	case T_NUM:
		number(x);
		break;
	case T_ISO:
		/* ISO 8601 as written, "T" as a space, a midnight dropped */
		if (len > 10 && t[10] == 'T')
			x->text.p[10] = ' ';
		if (len == 19 && strcmp(t + 10, " 00:00:00") == 0)
			len = 10;
		keep(x, t, len);
		break;
	default:
		keep(x, t, len);
		break;
	}
	if (x->lens[x->col] > 0 && (size_t)x->col + 1 > x->n)
		x->n = (size_t)x->col + 1;
}

/* row_end: a row with a non-empty cell is handed over: the gaps become
 * "", and the parser is suspended until xlsx_next asks for more. */
static void
row_end(struct xlsx *x)
{
	size_t i;

	x->in_row = 0;
	x->prev_row = x->row;
	if (x->row_over) {
		xlsx_fail(x, x->row, "row %d: past row %d, the last of a "
		    "sheet; expected at most %d rows", x->row, XLSX_MAX_ROWS,
		    XLSX_MAX_ROWS);
		return;
	}
	if (x->n == 0)
		return;
	for (i = 0; i < x->n; i++) {
		if (x->stamp[i] != x->seq) {
			x->cells[i] = empty;
			x->lens[i] = 0;
		} else if (x->offs[i] != NO_OFF)
			x->cells[i] = x->rowbuf.p + x->offs[i];
	}
	x->ready = 1;
	xlsx_pause(x);
}

/* The sheet's elements we act on, told apart by their first bytes: a
 * sheet has a few million of them, so no chain of strcmp. */
enum el { E_OTHER, E_DATA, E_ROW, E_C, E_V, E_IS, E_T, E_RPH };

static enum el
sheet_el(const char *el)
{
	switch (el[0]) {
	case 'c':
		return el[1] == '\0' ? E_C : E_OTHER;
	case 'v':
		return el[1] == '\0' ? E_V : E_OTHER;
	case 't':
		return el[1] == '\0' ? E_T : E_OTHER;
	case 'i':
		return strcmp(el, "is") == 0 ? E_IS : E_OTHER;
	case 'r':
		return strcmp(el, "row") == 0 ? E_ROW : strcmp(el, "rPh") == 0 ?
		    E_RPH : E_OTHER;
	case 's':
		return strcmp(el, "sheetData") == 0 ? E_DATA : E_OTHER;
	default:
		return E_OTHER;
	}
}

void
xlsx_sheet_start(struct xlsx *x, const char *name, const char **a)
{
	enum el el = sheet_el(name);

	if (el == E_DATA)
		x->in_data = 1;
	else if (el == E_ROW && x->in_data && !x->in_row)
		row_begin(x, a);
	else if (el == E_C && x->in_row && !x->in_cell)
		cell_begin(x, a);
	else if (!x->in_cell)
		return;
	else if (el == E_V)
		x->collect = 1;
	else if (el == E_IS)
		x->in_is = 1;
	else if (el == E_RPH)
		x->rph++;
	else if (el == E_T && x->in_is && x->rph == 0)
		x->collect = 1;
}

void
xlsx_sheet_end(struct xlsx *x, const char *name)
{
	enum el el = sheet_el(name);

	if (el == E_V || el == E_T)
		x->collect = 0;
	else if (el == E_IS)
		x->in_is = 0;
	else if (el == E_RPH && x->rph > 0)
		x->rph--;
	else if (el == E_C && x->in_cell)
		cell_end(x);
	else if (el == E_ROW && x->in_row)
		row_end(x);
	else if (el == E_DATA) {
		/* nothing after the cells matters: stop reading */
		x->done = 1;
		xlsx_pause(x);
	}
}
