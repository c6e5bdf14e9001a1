/* in_xlsx.c: in_xlsx.h's row reader: the workbook's parts streamed from
 * zipfile.c through expat's push parser, never held whole.
 *
 * xlsx_open parses xl/workbook.xml (sheet names, the 1904 date system),
 * xl/_rels/workbook.xml.rels (which part each sheet is), xl/styles.xml
 * (which cell styles show dates) and xl/sharedStrings.xml (one buffer of
 * NUL-terminated strings and an offset per index), then starts on the
 * sheet. xlsx_next feeds the sheet's bytes to expat until a row ends; the
 * row's end handler suspends the parser (XML_StopParser, resumable), so
 * that only one row is ever held. Element and attribute names are
 * compared by their local part, the prefix dropped, so prefixed and
 * unprefixed SpreadsheetML read alike (expat's namespace processing is
 * left off: the part's name already says which vocabulary it is in). A
 * DOCTYPE is refused outright: Excel writes none, and entity expansion
 * needs one. The sheet's rows and cells are in_xlsx_row.c's; the thread
 * that pulls them while the caller works is in_xlsx_pipe.c's. */
#include <expat.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv.h"
#include "in_xlsx.h"
#include "in_xlsx_int.h"
#include "zipfile.h"

#define CHUNK (64 * 1024)       /* bytes handed to expat at a time */
#define MAX_FMT_ID 65536        /* number format ids we track */

static const char empty[] = "";

/* --- reporting --- */

static void
vsay(struct xlsx *x, int line, const char *fmt, va_list ap)
{
	struct pos at = { x->name, line, 0 };

	diag_vreport(x->d, DIAG_ERROR, &at, fmt, ap);
}

void
xlsx_fail(struct xlsx *x, int line, const char *fmt, ...)
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

void
xlsx_pause(struct xlsx *x)
{
	XML_StopParser(x->p, x->done ? XML_FALSE : XML_TRUE);
}

/* --- small helpers --- */

/* lname: an element's name without its prefix ("x:row" -> "row"). */
static const char *
lname(const XML_Char *n)
{
	const char *s;

	for (s = n; *s != '\0'; s++)
		if (*s == ':')
			return s + 1;
	return n;
}

/* attr: the value of attribute `local`: unprefixed, or (ns) with any
 * prefix (r:id). NULL when absent. */
static const char *
attr(const XML_Char **a, const char *local, int ns)
{
	size_t i;

	for (i = 0; a[i] != NULL; i += 2) {
		const char *sep = strchr(a[i], ':');

		if (ns && sep != NULL && strcmp(sep + 1, local) == 0 &&
		    strncmp(a[i], "xmlns:", 6) != 0)
			return a[i + 1];
		if (!ns && sep == NULL && strcmp(a[i], local) == 0)
			return a[i + 1];
	}
	return NULL;
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
			xlsx_fail(x, 0, "%s: a sheet without a name or r:id; "
			    "expected both (the workbook is damaged)", x->part);
			return;
		}
		if (x->nsheets >= MAX_PARTS) {
			xlsx_fail(x, 0, "%s: more than %d sheets; expected "
			    "fewer", x->part, MAX_PARTS);
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
		xlsx_fail(x, 0, "%s: more than %d relationships; expected "
		    "fewer", x->part, MAX_PARTS);
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
		    !xlsx_uint(id, strlen(id), MAX_FMT_ID, &v))
			return;
		if (x->fmt_kind == NULL)
			x->fmt_kind = xcalloc(MAX_FMT_ID, 1);
		x->fmt_kind[v] = (unsigned char)(xlsx_code_kind(code) + 1);
	} else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
		if (x->nxfs >= MAX_PARTS) {
			xlsx_fail(x, 0, "%s: more than %d cell styles; "
			    "expected fewer", x->part, MAX_PARTS);
			return;
		}
		k = XLSX_NUMBER;
		if (id != NULL && xlsx_uint(id, strlen(id), MAX_FMT_ID, &v))
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
			xlsx_fail(x, 0, "%s: more than %u strings or %u bytes "
			    "of text; expected a smaller shared strings table",
			    x->part, XLSX_MAX_STRINGS, XLSX_MAX_SST);
			return;
		}
		if (memchr(text(x), '\0', x->text.len) != NULL) {
			xlsx_fail(x, 0, "%s: shared string %zu: a NUL "
			    "character; expected text without NUL", x->part,
			    x->nsst);
			return;
		}
		buf_put(&x->sst, text(x), x->text.len);
		buf_putc(&x->sst, '\0');
		XGROW(x->sst_off, x->capsst, x->nsst + 2);
		x->sst_off[++x->nsst] = (uint32_t)x->sst.len;
	}
}

/* --- expat's handlers, over every part --- */

static void XMLCALL
on_start(void *u, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = u;
	const char *el = lname(name);

	x->events++;
	if (x->failed || x->done)
		return;
	if (++x->depth > XLSX_MAX_DEPTH) {
		xlsx_fail(x, 0, "%s: elements nested more than %d deep; "
		    "expected SpreadsheetML", x->part, XLSX_MAX_DEPTH);
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
		xlsx_sheet_start(x, el, a);
		break;
	}
}

static void XMLCALL
on_end(void *u, const XML_Char *name)
{
	struct xlsx *x = u;
	const char *el = lname(name);

	x->events++;
	if (x->failed || x->done)
		return;
	x->depth--;
	if (x->kind == P_STYLES)
		styles_end(x, el);
	else if (x->kind == P_SST)
		sst_end(x, el);
	else if (x->kind == P_SHEET)
		xlsx_sheet_end(x, el);
}

static void XMLCALL
on_text(void *u, const XML_Char *s, int len)
{
	struct xlsx *x = u;
	char cr[16];

	x->events++;
	if (!x->collect || x->failed)
		return;
	if (x->text.len + (size_t)len <= XLSX_MAX_TEXT) {
		buf_put(&x->text, s, (size_t)len);
		return;
	}
	if (x->kind == P_SHEET)
		xlsx_fail(x, x->row, "cell %s: text longer than %d bytes; "
		    "expected at most %d bytes in a cell", xlsx_cellref(x->col,
		    x->row, cr, sizeof cr), XLSX_MAX_TEXT, XLSX_MAX_TEXT);
	else
		xlsx_fail(x, 0, "%s: shared string %zu: text longer than %d "
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
	xlsx_fail(x, 0, "%s: a DOCTYPE declaration; expected none (Excel "
	    "writes none, and entity definitions are refused)", x->part);
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
	x->p = XML_ParserCreate(NULL);
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
	x->quiet = 0;
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
		/* expat keeps a tag (or comment) whole until it ends:
		 * bytes without an event are one token growing */
		x->quiet = x->events == x->seen ? x->quiet + (size_t)n : 0;
		x->seen = x->events;
		if (st != XML_STATUS_ERROR && x->quiet > XLSX_MAX_TAG) {
			xlsx_fail(x, x->kind == P_SHEET && x->in_row ?
			    x->row : 0, "%s: more than %d bytes in one XML "
			    "tag, comment or instruction; expected "
			    "SpreadsheetML", x->part, XLSX_MAX_TAG);
			return -1;
		}
	}
	if (st == XML_STATUS_ERROR && x->done && !x->failed)
		return 0;
	if (st == XML_STATUS_ERROR) {
		if (!x->failed)
			xlsx_fail(x, x->kind == P_SHEET && x->in_row ?
			    x->row : 0, "%s, line %lu, column %lu: %s; "
			    "expected well-formed XML (the workbook is "
			    "damaged)", x->part, (unsigned long)
			    XML_GetCurrentLineNumber(x->p), (unsigned long)
			    XML_GetCurrentColumnNumber(x->p) + 1,
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
		xlsx_fail(x, 0, "the workbook has no part %s; expected a whole "
		    ".xlsx workbook", path);
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
	char q[72];
	struct buf b;
	size_t i;

	if (x->nsheets == 0) {
		xlsx_fail(x, 0, "xl/workbook.xml lists no sheets; expected at "
		    "least one");
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
		buf_printf(&b, "%s\"%s\"", i > 0 ? ", " : "",
		    csvin_quote(x->sheets[i], q, sizeof q));
	if (x->nsheets > 20)
		buf_printf(&b, " and %zu more", x->nsheets - 20);
	xlsx_fail(x, 0, "no sheet called \"%s\"; expected one of the "
	    "workbook's sheets: %s", csvin_quote(sheet, q, sizeof q), b.p);
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
		xlsx_fail(x, 0, "is an OpenDocument file (.ods), not an Excel "
		    "workbook; expected an .xlsx workbook (save it as .xlsx)");
	else
		xlsx_fail(x, 0, "is a zip archive without xl/workbook.xml, not "
		    "an Excel workbook; expected an .xlsx workbook");
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
		xlsx_fail(x, 0, "sheet \"%s\" is part %s, which the archive "
		    "lacks; expected a whole workbook", x->sheets[x->chosen],
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
xlsx_pull(struct xlsx *x)
{
	int r;

	if (x->failed || x->p == NULL)
		return 0;
	x->ready = 0;
	do
		r = step(x);
	while (r > 0 && !x->ready);
	if (x->ready)
		return 1;
	end(x);
	return r < 0 ? -1 : 0;
}

int
xlsx_pull_row(struct xlsx *x, const char *const **cells, const size_t **lens,
    size_t *n, int *row)
{
	int r = xlsx_pull(x);

	if (r == 1) {
		*cells = x->cells;
		*lens = x->lens;
		*n = x->n;
		*row = x->row;
	}
	return r;
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
	xlsx_pipe_stop(x);
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
