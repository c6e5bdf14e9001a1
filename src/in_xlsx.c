/* in_xlsx.c: in_xlsx.h's row reader: the workbook's parts streamed from
 * in_zip through expat's push parser, never held whole.
 *
 * xlsx_open parses xl/workbook.xml (sheet names, the 1904 date system),
 * xl/_rels/workbook.xml.rels (which part each sheet is), xl/styles.xml
 * (which cell styles show dates) and xl/sharedStrings.xml (one buffer of
 * NUL-terminated strings and an offset per index), then starts on the
 * sheet. xlsx_next feeds the sheet's bytes to expat until a row ends; the
 * row's end handler suspends the parser (XML_StopParser, resumable), so
 * that only one row is ever held. Element names are compared by their
 * local part (the parser splits namespaces), so prefixed and unprefixed
 * SpreadsheetML read alike. A DOCTYPE is refused outright: Excel writes
 * none, and entity expansion needs one. */
#include <expat.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "in_xlsx.h"
#include "in_xlsx_int.h"
#include "in_zip.h"

#define CHUNK (64 * 1024)       /* bytes handed to expat at a time */
#define NS_SEP '|'              /* namespace URI | local name */
#define NO_OFF ((size_t)-1)
#define MAX_PARTS 65536         /* sheets, relationships, cell styles */
#define MAX_FMT_ID 65536        /* number format ids we track */

enum part { P_WORKBOOK, P_RELS, P_STYLES, P_SST, P_SHEET };
enum ctype { T_NUM, T_SST, T_INLINE, T_STR, T_BOOL, T_ERR, T_ISO };

struct rel {
	const char *id, *target, *type;
};

struct xlsx {
	const char *name;
	struct diag *d;
	struct zipin *zip;
	struct arena *arena;
	/* the part being parsed */
	XML_Parser p;
	struct zipin_entry *ent;
	const char *part;
	enum part kind;
	int depth, failed, done;
	struct buf text;        /* character data being collected */
	int collect, rph;       /* collecting; inside phonetic runs */
	/* xl/workbook.xml */
	int date1904;
	const char **sheets, **rids;
	size_t nsheets, capsheets, chosen;
	/* xl/_rels/workbook.xml.rels */
	struct rel *rels;
	size_t nrels, caprels;
	/* xl/styles.xml: kind + 1 per custom format id; kind per cell style */
	unsigned char *fmt_kind;
	unsigned char *xf_kind;
	size_t nxfs, capxfs;
	int in_numfmts, in_cellxfs;
	/* xl/sharedStrings.xml */
	struct buf sst;
	uint32_t *sst_off;      /* [nsst + 1]: string i is sst.p + sst_off[i] */
	size_t nsst, capsst;
	int in_si;
	/* the sheet */
	int in_data, in_row, in_cell, in_is, ready;
	int row_over;           /* the row is past XLSX_MAX_ROWS */
	int row, prev_row, col, prev_col, style;
	enum ctype ct;
	const char **cells;     /* [XLSX_MAX_COLS] */
	size_t *lens, *offs;    /* offs: into rowbuf, or NO_OFF */
	uint32_t *stamp;        /* seq of the row that set the cell */
	uint32_t seq;
	size_t n;
	struct buf rowbuf;
};

static const char empty[] = "";

/* --- reporting --- */

static void
vsay(struct xlsx *x, int line, const char *fmt, va_list ap)
{
	struct pos at = { x->name, line, 0 };

	diag_vreport(x->d, DIAG_ERROR, &at, fmt, ap);
}

/* fail: reports at line (0: the workbook as a whole) and stops the
 * parser for good. */
static void PRINTF_LIKE(3, 4)
fail(struct xlsx *x, int line, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	va_start(ap, fmt);
	vsay(x, line, fmt, ap);
	va_end(ap);
	x->failed = 1;
	if (x->p != NULL)
		XML_StopParser(x->p, XML_FALSE);
}

/* ref: the current cell's reference, for messages. */
static const char *
ref(const struct xlsx *x, char *out, size_t size)
{
	return xlsx_cellref(x->col, x->row, out, size);
}

/* --- small helpers --- */

static const char *
lname(const XML_Char *n)
{
	const char *s = strrchr(n, NS_SEP);

	return s != NULL ? s + 1 : n;
}

/* attr: the value of attribute `local`: without a namespace, or (ns) in
 * any namespace (r:id). NULL when absent. */
static const char *
attr(const XML_Char **a, const char *local, int ns)
{
	size_t i;

	for (i = 0; a[i] != NULL; i += 2) {
		const char *sep = strrchr(a[i], NS_SEP);

		if (ns && sep != NULL && strcmp(sep + 1, local) == 0)
			return a[i + 1];
		if (!ns && sep == NULL && strcmp(a[i], local) == 0)
			return a[i + 1];
	}
	return NULL;
}

/* uint_of: s as a decimal number below `lim` into *v; 0 when it is not. */
static int
uint_of(const char *s, size_t n, long lim, long *v)
{
	size_t i;

	*v = 0;
	if (n == 0 || n > 10)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return *v < lim;
}

static const char *
text(const struct xlsx *x)
{
	return x->text.p != NULL ? x->text.p : empty;
}

/* --- xl/workbook.xml, its relationships, styles, shared strings --- */

static void
workbook_start(struct xlsx *x, const char *el, const XML_Char **a)
{
	const char *v, *rid;

	if (strcmp(el, "workbookPr") == 0) {
		v = attr(a, "date1904", 0);
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	} else if (strcmp(el, "sheet") == 0) {
		v = attr(a, "name", 0);
		rid = attr(a, "id", 1);
		if (v == NULL || rid == NULL) {
			fail(x, 0, "%s: a sheet without a name or r:id; "
			    "expected both (the workbook is damaged)", x->part);
			return;
		}
		if (x->nsheets >= MAX_PARTS) {
			fail(x, 0, "%s: more than %d sheets; expected fewer",
			    x->part, MAX_PARTS);
			return;
		}
		XGROW(x->sheets, x->capsheets, x->nsheets + 1);
		x->rids = xreallocarray(x->rids, x->capsheets, sizeof *x->rids);
		x->sheets[x->nsheets] = arena_strdup(x->arena, v);
		x->rids[x->nsheets++] = arena_strdup(x->arena, rid);
	}
}

static void
rels_start(struct xlsx *x, const char *el, const XML_Char **a)
{
	const char *id = attr(a, "Id", 0), *target = attr(a, "Target", 0);
	const char *type = attr(a, "Type", 0), *mode = attr(a, "TargetMode", 0);
	struct rel *r;

	if (strcmp(el, "Relationship") != 0 || id == NULL || target == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	if (x->nrels >= MAX_PARTS) {
		fail(x, 0, "%s: more than %d relationships; expected fewer",
		    x->part, MAX_PARTS);
		return;
	}
	XGROW(x->rels, x->caprels, x->nrels + 1);
	r = &x->rels[x->nrels++];
	r->id = arena_strdup(x->arena, id);
	r->target = arena_strdup(x->arena, target);
	r->type = arena_strdup(x->arena, type != NULL ? type : "");
}

/* styles_start: custom number formats (<numFmts>, which the schema puts
 * before <cellXfs>), then each cell style's format as a kind. */
static void
styles_start(struct xlsx *x, const char *el, const XML_Char **a)
{
	const char *id = attr(a, "numFmtId", 0), *code;
	long v = 0;
	enum xlsx_kind k;

	if (strcmp(el, "numFmts") == 0)
		x->in_numfmts = 1;
	else if (strcmp(el, "cellXfs") == 0)
		x->in_cellxfs = 1;
	else if (strcmp(el, "numFmt") == 0 && x->in_numfmts) {
		code = attr(a, "formatCode", 0);
		if (id == NULL || code == NULL ||
		    !uint_of(id, strlen(id), MAX_FMT_ID, &v))
			return;
		if (x->fmt_kind == NULL)
			x->fmt_kind = xcalloc(MAX_FMT_ID, 1);
		x->fmt_kind[v] = (unsigned char)(xlsx_code_kind(code) + 1);
	} else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
		if (x->nxfs >= MAX_PARTS) {
			fail(x, 0, "%s: more than %d cell styles; expected "
			    "fewer", x->part, MAX_PARTS);
			return;
		}
		k = XLSX_NUMBER;
		if (id != NULL && uint_of(id, strlen(id), MAX_FMT_ID, &v))
			k = x->fmt_kind != NULL && x->fmt_kind[v] != 0 ?
			    (enum xlsx_kind)(x->fmt_kind[v] - 1) :
			    xlsx_builtin_kind(v);
		XGROW(x->xf_kind, x->capxfs, x->nxfs + 1);
		x->xf_kind[x->nxfs++] = (unsigned char)k;
	}
}

static void
styles_end(struct xlsx *x, const char *el)
{
	if (strcmp(el, "numFmts") == 0)
		x->in_numfmts = 0;
	else if (strcmp(el, "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* sst_*: <si> holds <t>, or rich text runs <r><t>, whose texts are
 * joined; <rPh> phonetic runs (furigana) are left out. */
static void
sst_start(struct xlsx *x, const char *el)
{
	if (strcmp(el, "si") == 0) {
		x->in_si = 1;
		buf_reset(&x->text);
	} else if (strcmp(el, "rPh") == 0)
		x->rph++;
	else if (strcmp(el, "t") == 0 && x->in_si && x->rph == 0)
		x->collect = 1;
}

static void
sst_end(struct xlsx *x, const char *el)
{
	if (strcmp(el, "t") == 0)
		x->collect = 0;
	else if (strcmp(el, "rPh") == 0 && x->rph > 0)
		x->rph--;
	else if (strcmp(el, "si") == 0 && x->in_si) {
		x->in_si = 0;
		if (x->nsst >= XLSX_MAX_STRINGS ||
		    x->sst.len + x->text.len + 1 > XLSX_MAX_SST) {
			fail(x, 0, "%s: more than %u strings or %u bytes of "
			    "text; expected a smaller shared strings table",
			    x->part, XLSX_MAX_STRINGS, XLSX_MAX_SST);
			return;
		}
		buf_put(&x->sst, text(x), x->text.len);
		buf_putc(&x->sst, '\0');
		XGROW(x->sst_off, x->capsst, x->nsst + 2);
		x->sst_off[++x->nsst] = (uint32_t)x->sst.len;
	}
}

/* --- the sheet --- */

static void
row_begin(struct xlsx *x, const XML_Char **a)
{
	const char *r = attr(a, "r", 0);
	long v = x->prev_row + 1L;

	if (r != NULL && !uint_of(r, strlen(r), 10000000000L, &v)) {
		fail(x, x->prev_row + 1, "a row numbered \"%.20s\"; expected a "
		    "row number from 1 to %d", r, XLSX_MAX_ROWS);
		return;
	}
	if (v > XLSX_MAX_ROWS) {
		/* named by its first cell when it has one */
		x->row_over = 1;
		v = v > INT_MAX ? INT_MAX : v;
	}
	if (v <= x->prev_row) {
		fail(x, (int)v, "row %ld comes after row %d; expected rows in "
		    "increasing order (the sheet is damaged)", v, x->prev_row);
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
	static const struct { const char *name; enum ctype ct; } types[] = {
		{ "n", T_NUM }, { "s", T_SST }, { "inlineStr", T_INLINE },
		{ "str", T_STR }, { "b", T_BOOL }, { "e", T_ERR },
		{ "d", T_ISO },
	};
	size_t i;

	*ok = 1;
	if (t == NULL)
		return T_NUM;
	for (i = 0; i < NELEM(types); i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].ct;
	*ok = 0;
	return T_NUM;
}

static void
cell_begin(struct xlsx *x, const XML_Char **a)
{
	const char *r = attr(a, "r", 0), *t = attr(a, "t", 0);
	const char *s = attr(a, "s", 0);
	char cr[16];
	int col = x->prev_col + 1, row = x->row, ok;
	long st;

	if (x->row_over) {
		fail(x, x->row, "cell %.20s: past row %d, the last of a sheet; "
		    "expected at most %d rows", r != NULL ? r : xlsx_cellref(col,
		    x->row, cr, sizeof cr), XLSX_MAX_ROWS, XLSX_MAX_ROWS);
		return;
	}
	if (r != NULL && !xlsx_parse_ref(r, &col, &row)) {
		fail(x, x->row, "a cell reference \"%.20s\"; expected one like "
		    "\"C12\"", r);
		return;
	}
	if (col >= XLSX_MAX_COLS && r != NULL) {
		fail(x, x->row, "cell %.20s: past column XFD, the last of a "
		    "sheet; expected at most %d columns", r, XLSX_MAX_COLS);
		return;
	}
	if (col >= XLSX_MAX_COLS) {
		fail(x, x->row, "row %d has more than %d cells; expected at "
		    "most that many (columns A to XFD)", x->row, XLSX_MAX_COLS);
		return;
	}
	x->col = col;
	if (row != x->row) {
		fail(x, x->row, "cell %.20s is inside row %d; expected the "
		    "row's own number (the sheet is damaged)", r, x->row);
		return;
	}
	if (x->stamp[col] == x->seq) {
		fail(x, x->row, "cell %s appears twice; expected each cell "
		    "once (the sheet is damaged)", ref(x, cr, sizeof cr));
		return;
	}
	x->ct = ctype_of(t, &ok);
	if (!ok) {
		fail(x, x->row, "cell %s: type \"%.20s\"; expected one of n, "
		    "s, str, inlineStr, b, e, d", ref(x, cr, sizeof cr), t);
		return;
	}
	x->style = -1;
	if (s != NULL && uint_of(s, strlen(s), MAX_PARTS, &st) &&
	    (size_t)st < x->nxfs)
		x->style = (int)st;
	x->stamp[col] = x->seq;
	x->cells[col] = empty;
	x->lens[col] = 0;
	x->offs[col] = NO_OFF;
	x->in_cell = 1;
	buf_reset(&x->text);
}

/* keep: the current cell's value is s[0..n): copied into the row's
 * buffer (pointers are set when the row ends: the buffer may move). */
static void
keep(struct xlsx *x, const char *s, size_t n)
{
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
	char out[64], date[40], cr[16];
	double v;
	int n = xlsx_number(text(x), x->text.len, out, sizeof out, &v), k;
	enum xlsx_kind kind = x->style >= 0 ? (enum xlsx_kind)
	    x->xf_kind[x->style] : XLSX_NUMBER;

	if (n < 0) {
		fail(x, x->row, "cell %s: \"%.40s\" is not a number; expected "
		    "a number (the cell has no text type)", ref(x, cr,
		    sizeof cr), text(x));
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
	char cr[16];
	long i;

	x->in_cell = 0;
	x->prev_col = x->col;
	if (len == 0)
		return;
	if (memchr(t, '\0', len) != NULL) {
		fail(x, x->row, "cell %s: a NUL character; expected text "
		    "without NUL", ref(x, cr, sizeof cr));
		return;
	}
	switch (x->ct) {
	case T_SST:
		if (!uint_of(t, len, (long)x->nsst, &i)) {
			fail(x, x->row, "cell %s: shared string \"%.20s\"; "
			    "expected an index below %zu (the workbook is "
			    "damaged)", ref(x, cr, sizeof cr), t, x->nsst);
			return;
		}
		x->cells[x->col] = x->sst.p + x->sst_off[i];
		x->lens[x->col] = x->sst_off[i + 1] - x->sst_off[i] - 1;
		break;
	case T_BOOL:
		if (strcmp(t, "0") != 0 && strcmp(t, "1") != 0) {
			fail(x, x->row, "cell %s: boolean \"%.20s\"; expected "
			    "0 or 1", ref(x, cr, sizeof cr), t);
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
		fail(x, x->row, "row %d: past row %d, the last of a sheet; "
		    "expected at most %d rows", x->row, XLSX_MAX_ROWS,
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
	XML_StopParser(x->p, XML_TRUE);
}

static void
sheet_start(struct xlsx *x, const char *el, const XML_Char **a)
{
	if (strcmp(el, "sheetData") == 0)
		x->in_data = 1;
	else if (strcmp(el, "row") == 0 && x->in_data && !x->in_row)
		row_begin(x, a);
	else if (strcmp(el, "c") == 0 && x->in_row && !x->in_cell)
		cell_begin(x, a);
	else if (!x->in_cell)
		return;
	else if (strcmp(el, "v") == 0)
		x->collect = 1;
	else if (strcmp(el, "is") == 0)
		x->in_is = 1;
	else if (strcmp(el, "rPh") == 0)
		x->rph++;
	else if (strcmp(el, "t") == 0 && x->in_is && x->rph == 0)
		x->collect = 1;
}

static void
sheet_end(struct xlsx *x, const char *el)
{
	if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0)
		x->collect = 0;
	else if (strcmp(el, "is") == 0)
		x->in_is = 0;
	else if (strcmp(el, "rPh") == 0 && x->rph > 0)
		x->rph--;
	else if (strcmp(el, "c") == 0 && x->in_cell)
		cell_end(x);
	else if (strcmp(el, "row") == 0 && x->in_row)
		row_end(x);
	else if (strcmp(el, "sheetData") == 0) {
		/* nothing after the cells matters: stop reading */
		x->done = 1;
		XML_StopParser(x->p, XML_FALSE);
	}
}

/* --- expat's handlers, over every part --- */

static void XMLCALL
on_start(void *u, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = u;
	const char *el = lname(name);

	if (x->failed || x->done)
		return;
	if (++x->depth > XLSX_MAX_DEPTH) {
		fail(x, 0, "%s: elements nested more than %d deep; expected "
		    "SpreadsheetML", x->part, XLSX_MAX_DEPTH);
		return;
	}
	switch (x->kind) {
	case P_WORKBOOK:
		workbook_start(x, el, a);
		break;
	case P_RELS:
		rels_start(x, el, a);
		break;
	case P_STYLES:
		styles_start(x, el, a);
		break;
	case P_SST:
		sst_start(x, el);
		break;
	case P_SHEET:
		sheet_start(x, el, a);
		break;
	}
}

static void XMLCALL
on_end(void *u, const XML_Char *name)
{
	struct xlsx *x = u;
	const char *el = lname(name);

	if (x->failed || x->done)
		return;
	x->depth--;
	if (x->kind == P_STYLES)
		styles_end(x, el);
	else if (x->kind == P_SST)
		sst_end(x, el);
	else if (x->kind == P_SHEET)
		sheet_end(x, el);
}

static void XMLCALL
on_text(void *u, const XML_Char *s, int len)
{
	struct xlsx *x = u;
	char cr[16];

	if (!x->collect || x->failed)
		return;
	if (x->text.len + (size_t)len <= XLSX_MAX_TEXT) {
		buf_put(&x->text, s, (size_t)len);
		return;
	}
	if (x->kind == P_SHEET)
		fail(x, x->row, "cell %s: text longer than %d bytes; expected "
		    "at most %d bytes in a cell", ref(x, cr, sizeof cr),
		    XLSX_MAX_TEXT, XLSX_MAX_TEXT);
	else
		fail(x, 0, "%s: shared string %zu: text longer than %d "
		    "bytes; expected at most %d bytes in a cell", x->part,
		    x->nsst, XLSX_MAX_TEXT, XLSX_MAX_TEXT);
}

static void XMLCALL
on_doctype(void *u, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct xlsx *x = u;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	fail(x, 0, "%s: a DOCTYPE declaration; expected none (Excel writes "
	    "none, and entity definitions are refused)", x->part);
}

/* --- feeding a part to expat --- */

/* begin: entry idx, read as part `kind` by a new parser. 0, or -1 after
 * reporting. */
static int
begin(struct xlsx *x, long idx, enum part kind)
{
	x->ent = zipin_entry_open(x->zip, idx);
	if (x->ent == NULL)
		return -1;
	x->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (x->p == NULL)
		xdie_oom();
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	x->part = zipin_entry_name(x->ent);
	x->kind = kind;
	x->depth = 0;
	x->collect = 0;
	x->rph = 0;
	x->done = 0;
	return 0;
}

static void
end(struct xlsx *x)
{
	if (x->p != NULL)
		XML_ParserFree(x->p);
	x->p = NULL;
	zipin_entry_close(x->ent);
	x->ent = NULL;
}

/* step: feeds the parser once: resumes it where a row suspended it, else
 * gives it the entry's next bytes. 1: go on; 0: the part is read; -1:
 * failed (reported). */
static int
step(struct xlsx *x)
{
	XML_ParsingStatus ps;
	enum XML_Status st;
	void *b;
	long n;

	XML_GetParsingStatus(x->p, &ps);
	if (ps.parsing == XML_FINISHED)
		return 0;
	if (ps.parsing == XML_SUSPENDED)
		st = XML_ResumeParser(x->p);
	else {
		b = XML_GetBuffer(x->p, CHUNK);
		if (b == NULL)
			xdie_oom();
		n = zipin_read(x->ent, b, CHUNK);
		if (n < 0) {
			x->failed = 1;
			return -1;
		}
		st = XML_ParseBuffer(x->p, (int)n, n == 0);
	}
	if (st == XML_STATUS_ERROR && x->done && !x->failed)
		return 0;
	if (st == XML_STATUS_ERROR) {
		if (!x->failed)
			fail(x, x->kind == P_SHEET && x->in_row ? x->row : 0,
			    "%s, line %lu, column %lu: %s; expected well-formed "
			    "XML (the workbook is damaged)", x->part,
			    (unsigned long)XML_GetCurrentLineNumber(x->p),
			    (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1,
			    XML_ErrorString(XML_GetErrorCode(x->p)));
		x->failed = 1;
		return -1;
	}
	return 1;
}

/* read_part: the whole entry at path read as `kind`. 0, or -1 after
 * reporting; a missing part is an error only when `required`. */
static int
read_part(struct xlsx *x, const char *path, enum part kind, int required)
{
	long idx = zipin_find(x->zip, path);
	int r;

	if (idx < 0 && required) {
		fail(x, 0, "the workbook has no part %s; expected a whole .xlsx "
		    "workbook", path);
		return -1;
	}
	if (idx < 0)
		return 0;
	if (begin(x, idx, kind) != 0) {
		x->failed = 1;
		return -1;
	}
	do
		r = step(x);
	while (r > 0);
	end(x);
	return r;
}


/* --- opening --- */

/* part_path: a relationship's target as a part name into b: "/xl/a.xml"
 * without its slash, "worksheets/a.xml" relative to xl/, "." and ".."
 * segments resolved. Returns b's text. */
static const char *
part_path(const char *target, struct buf *b)
{
	const char *s = target, *e;
	size_t n;

	buf_reset(b);
	if (*s == '/')
		s++;
	else
		buf_puts(b, "xl");
	while (*s != '\0') {
		e = strchr(s, '/');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (b->len > 0 && b->p[b->len - 1] != '/')
				b->len--;
			if (b->len > 0)
				b->len--;
			b->p[b->len] = '\0';
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			if (b->len > 0)
				buf_putc(b, '/');
			buf_put(b, s, n);
		}
		s += n + (e != NULL);
	}
	return b->p != NULL ? b->p : empty;
}

/* rel: the target of relationship `id`, or of the first whose type ends
 * in `type` when id is NULL; NULL when there is none. */
static const char *
rel(const struct xlsx *x, const char *id, const char *type)
{
	size_t i, n, tn = type != NULL ? strlen(type) : 0;

	for (i = 0; i < x->nrels; i++) {
		n = strlen(x->rels[i].type);
		if (id != NULL ? strcmp(x->rels[i].id, id) == 0 :
		    n >= tn && strcmp(x->rels[i].type + n - tn, type) == 0)
			return x->rels[i].target;
	}
	return NULL;
}

/* choose: the sheet called `sheet` (exactly, else ASCII case ignored, as
 * Excel compares sheet names), or the first. 0, or -1 after reporting,
 * listing the sheets there are. */
static int
choose(struct xlsx *x, const char *sheet)
{
	struct buf b;
	size_t i;

	if (x->nsheets == 0) {
		fail(x, 0, "xl/workbook.xml lists no sheets; expected at least "
		    "one");
		return -1;
	}
	if (sheet == NULL)
		return 0;
	for (i = 0; i < x->nsheets; i++)
		if (strcmp(x->sheets[i], sheet) == 0) {
			x->chosen = i;
			return 0;
		}
	for (i = 0; i < x->nsheets; i++)
		if (str_casecmp_ascii(x->sheets[i], sheet) == 0) {
			x->chosen = i;
			return 0;
		}
	buf_init(&b);
	for (i = 0; i < x->nsheets && i < 20; i++)
		buf_printf(&b, "%s\"%s\"", i > 0 ? ", " : "", x->sheets[i]);
	if (x->nsheets > 20)
		buf_printf(&b, " and %zu more", x->nsheets - 20);
	fail(x, 0, "no sheet called \"%s\"; expected one of the workbook's "
	    "sheets: %s", sheet, b.p);
	buf_free(&b);
	return -1;
}

/* not_workbook: 1 after reporting when the archive has no workbook. */
static int
not_workbook(struct xlsx *x)
{
	if (zipin_find(x->zip, "xl/workbook.xml") >= 0)
		return 0;
	if (zipin_find(x->zip, "content.xml") >= 0)
		fail(x, 0, "is an OpenDocument file (.ods), not an Excel "
		    "workbook; expected an .xlsx workbook (save it as .xlsx)");
	else
		fail(x, 0, "is a zip archive without xl/workbook.xml, not an "
		    "Excel workbook; expected an .xlsx workbook");
	return 1;
}

/* parts: the workbook, its relationships, styles and shared strings,
 * then the chosen sheet started. 0, or -1 after reporting. */
static int
parts(struct xlsx *x, const char *sheet)
{
	struct buf path;
	const char *target;
	long idx;
	int r = -1;

	buf_init(&path);
	if (not_workbook(x) ||
	    read_part(x, "xl/workbook.xml", P_WORKBOOK, 1) != 0 ||
	    read_part(x, "xl/_rels/workbook.xml.rels", P_RELS, 1) != 0 ||
	    choose(x, sheet) != 0)
		goto out;
	target = rel(x, NULL, "/styles");
	if (read_part(x, part_path(target != NULL ? target : "styles.xml",
	    &path), P_STYLES, 0) != 0)
		goto out;
	XGROW(x->sst_off, x->capsst, 1);
	x->sst_off[0] = 0;
	target = rel(x, NULL, "/sharedStrings");
	if (read_part(x, part_path(target != NULL ? target :
	    "sharedStrings.xml", &path), P_SST, 0) != 0)
		goto out;
	target = rel(x, x->rids[x->chosen], NULL);
	idx = target != NULL ? zipin_find(x->zip, part_path(target, &path)) :
	    -1;
	if (idx < 0) {
		fail(x, 0, "sheet \"%s\" is part %s, which the archive lacks; "
		    "expected a whole workbook", x->sheets[x->chosen],
		    target != NULL ? path.p : x->rids[x->chosen]);
		goto out;
	}
	r = begin(x, idx, P_SHEET);
out:
	buf_free(&path);
	return r;
}

struct xlsx *
xlsx_open(const char *path, const char *name, const char *sheet,
    struct diag *d)
{
	struct xlsx *x = xcalloc(1, sizeof *x);

	x->name = name;
	x->d = d;
	x->arena = arena_new();
	buf_init(&x->text);
	buf_init(&x->sst);
	buf_init(&x->rowbuf);
	x->zip = zipin_open(path, name, d);
	if (x->zip == NULL || parts(x, sheet) != 0) {
		xlsx_free(x);
		return NULL;
	}
	/* the row: one slot per column Excel allows (about 450 KiB) */
	x->cells = xcalloc(XLSX_MAX_COLS, sizeof *x->cells);
	x->lens = xcalloc(XLSX_MAX_COLS, sizeof *x->lens);
	x->offs = xcalloc(XLSX_MAX_COLS, sizeof *x->offs);
	x->stamp = xcalloc(XLSX_MAX_COLS, sizeof *x->stamp);
	return x;
}

int
xlsx_next(struct xlsx *x, const char *const **cells, const size_t **lens,
    size_t *n, int *row)
{
	int r;

	if (x->failed || x->p == NULL)
		return 0;
	x->ready = 0;
	do
		r = step(x);
	while (r > 0 && !x->ready);
	if (x->ready) {
		*cells = x->cells;
		*lens = x->lens;
		*n = x->n;
		*row = x->row;
		return 1;
	}
	end(x);
	return r < 0 ? -1 : 0;
}

const char *
xlsx_sheet(const struct xlsx *x)
{
	return x->sheets[x->chosen];
}

size_t
xlsx_nsheets(const struct xlsx *x)
{
	return x->nsheets;
}

const char *
xlsx_sheet_name(const struct xlsx *x, size_t i)
{
	return i < x->nsheets ? x->sheets[i] : NULL;
}

void
xlsx_free(struct xlsx *x)
{
	if (x == NULL)
		return;
	end(x);
	zipin_free(x->zip);
	arena_free(x->arena);
	free(x->sheets);
	free(x->rids);
	free(x->rels);
	free(x->fmt_kind);
	free(x->xf_kind);
	free(x->sst_off);
	free(x->cells);
	free(x->lens);
	free(x->offs);
	free(x->stamp);
	buf_free(&x->text);
	buf_free(&x->sst);
	buf_free(&x->rowbuf);
	free(x);
}
