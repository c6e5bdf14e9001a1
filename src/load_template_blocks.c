/* load_template_blocks.c: the `documents` part of a template: per document
 * its page set-up and ordered blocks, each block's options checked against
 * the block vocabulary and against the data that document offers; the
 * built-in block list of every document a template leaves out. */
#include <string.h>

#include "load_template.h"

/* A block type: its name, the option a bare scalar value sets, and the
 * options it takes. */
struct btype {
	const char *name;
	const char *primary;            /* NULL: takes no scalar */
	const char *const keys[8];
};

static const struct btype btypes[NTMPL_BLOCKS] = {
	[TB_TITLE] = { "title", "text", { "text" } },
	[TB_HEADING] = { "heading", "text", { "text", "level", "bookmark" } },
	[TB_PARAGRAPH] = { "paragraph", "text",
	    { "text", "data", "style", "title" } },
	[TB_BULLETS] = { "bullets", "items",
	    { "items", "data", "style", "title" } },
	[TB_KV_GRID] = { "kv_grid", "data",
	    { "data", "fields", "columns", "title" } },
	[TB_TABLE] = { "table", "data", { "data", "columns", "rows", "title" } },
	[TB_SCALE_LEGEND] = { "scale_legend", "data", { "data", "title" } },
	[TB_CHIPS] = { "chips", "data", { "data", "title" } },
	[TB_SIGNATURE_LINES] = { "signature_lines", "signers",
	    { "signers", "title" } },
	[TB_LINES] = { "lines", "count", { "count", "spacing", "title" } },
	[TB_PAGE_BREAK] = { "page_break", NULL, { NULL } },
	[TB_SPACER] = { "spacer", "height", { "height" } },
	[TB_BARS] = { "bars", "data", { "data", "series", "title" } },
	[TB_RADAR] = { "radar", "data",
	    { "data", "series", "height", "title" } },
	[TB_HEATMAP] = { "heatmap", "data", { "data", "title" } },
	[TB_HISTOGRAM] = { "histogram", "data", { "data", "height", "title" } },
	[TB_CALIBRATION] = { "calibration", "data", { "data", "title" } },
	[TB_SECTIONS] = { "sections", "data",
	    { "data", "page_break", "levels", "title" } },
	[TB_CONTENTS] = { "contents", "title", { "title" } },
	[TB_INCLUDE] = { "include", "parts", { "parts" } },
};

const char *
tmpl_block_name(enum tmpl_block_type t)
{
	return btypes[t].name;
}

/* --- reading blocks --- */

/* The blocks a block type needs data for. */
#define DATA_TYPES (BIT(TB_KV_GRID) | BIT(TB_TABLE) | BIT(TB_SCALE_LEGEND) | \
	BIT(TB_CHIPS) | BIT(TB_BARS) | BIT(TB_RADAR) | BIT(TB_HEATMAP) | \
	BIT(TB_HISTOGRAM) | BIT(TB_CALIBRATION) | BIT(TB_SECTIONS))


struct bctx {
	struct tload *L;
	enum tmpl_doc doc;
	const struct ynode *inner;      /* the options mapping, or NULL */
	const struct ynode *outer;      /* the block's own mapping, or NULL */
	const struct ynode *primary;    /* the type key's scalar or list */
	const struct btype *bt;
	const char *pkey;               /* the option `primary` sets */
	const struct binding *bind;
};

/* opt: the node of option `key`, wherever it was written. */
static const struct ynode *
opt(const struct bctx *c, const char *key)
{
	const struct ynode *v = y_get(c->inner, key);

	if (v == NULL && c->outer != NULL && strcmp(key, c->bt->name) != 0)
		v = y_get(c->outer, key);
	if (v == NULL && c->primary != NULL && strcmp(c->pkey, key) == 0)
		v = c->primary;
	return v;
}

/* report_choice: `unknown WHAT "X"CTX; did you mean "Y"?` (or the list
 * of what was possible). */
static void
report_choice(struct tload *L, const struct ynode *n, const char *what,
    const char *ctx, const char *const *names, size_t count)
{
	const char *hint = str_suggest(n->str, names, count);
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < count; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	if (ctx == NULL)
		ctx = "";
	if (hint != NULL)
		diag_error(L->d, &n->pos, "unknown %s \"%s\"%s; did you mean "
		    "\"%s\"?", what, n->str, ctx, hint);
	else
		diag_error(L->d, &n->pos, "unknown %s \"%s\"%s; expected one "
		    "of: %s", what, n->str, ctx, count ? b.p : "(none here)");
	buf_free(&b);
}

/* data: the block's binding, from `data:` or the document's first one
 * that fits the type. */
static void
block_data(struct bctx *c, struct tmpl_block *b)
{
	const struct ynode *v = opt(c, "data");
	const char *names[tmpl_nbindings];
	size_t i, n = 0;

	for (i = 0; i < tmpl_nbindings; i++)
		if ((tmpl_bindings[i].docs & BIT(c->doc)) &&
		    (tmpl_bindings[i].types & BIT(b->type)))
			names[n++] = tmpl_bindings[i].name;
	if (v == NULL) {
		if (!(DATA_TYPES & BIT(b->type)))
			return;
		if (n == 0) {
			diag_error(c->L->d, &b->pos, "a %s block has nothing to "
			    "show in \"%s\"; expected another block type",
			    c->bt->name, tmpl_doc_name(c->doc));
			return;
		}
		c->bind = tmpl_find_binding(c->doc, names[0]);
		b->data = names[0];
		return;
	}
	if (v->kind != YNODE_SCALAR || y_is_null(v)) {
		y_kind(v, YNODE_SCALAR, c->L->d);
		return;
	}
	c->bind = tmpl_find_binding(c->doc, v->str);
	if (c->bind != NULL && (c->bind->types & BIT(b->type))) {
		b->data = c->bind->name;
		return;
	}
	c->bind = NULL;
	report_choice(c->L, v, "data", arena_printf(c->L->a, " for a %s in "
	    "\"%s\"", c->bt->name, tmpl_doc_name(c->doc)), names, n);
}

/* field: a field name of the block's data, or reports. */
static int
field(struct bctx *c, const struct ynode *n, const char **out)
{
	const char *const *f;
	size_t count = 0;

	if (!y_str(n, c->L->d, out))
		return 0;
	if (c->bind == NULL)
		return 1;       /* the data was wrong: said already */
	for (f = c->bind->fields; *f != NULL; f++, count++)
		if (strcmp(*f, *out) == 0) {
			*out = *f;      /* static: outlives the YAML tree */
			return 1;
		}
	report_choice(c->L, n, "field", arena_printf(c->L->a, " of \"%s\"",
	    c->bind->name), c->bind->fields, count);
	return 0;
}

static void
fields(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	size_t i;

	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->fields = arena_alloc(c->L->a, (v->n + 1) * sizeof *b->fields);
	for (i = 0; i < v->n; i++)
		if (field(c, v->items[i], &b->fields[b->nfields]))
			b->nfields++;
}

static void
column(struct bctx *c, const struct ynode *n, struct tmpl_column *col)
{
	static const char *const keys[] = { "field", "width", "header",
		"align" };
	static const char *const aligns[] = { "left", "center", "right" };
	const struct ynode *v;
	double w;

	col->pos = n->pos;
	col->pos.file = c->L->t->path;
	if (n->kind == YNODE_SCALAR) {
		field(c, n, &col->field);
		return;
	}
	if (!y_kind(n, YNODE_MAP, c->L->d))
		return;
	y_keys(n, keys, NELEM(keys), c->L->d);
	v = y_require(n, "field", "in a table column", c->L->d);
	if (v != NULL)
		field(c, v, &col->field);
	v = y_get(n, "width");
	if (v != NULL && y_num(v, c->L->d, &w)) {
		if (w > 0 && w <= 1)
			col->width = (float)w;
		else
			diag_error(c->L->d, &v->pos, "\"width\": %g is not a "
			    "fraction of the table; expected a number above 0 "
			    "and at most 1, such as 0.25", w);
	}
	v = y_get(n, "header");
	if (v != NULL)
		tl_text(c->L, v, TL_BODY, &col->header);
	v = y_get(n, "align");
	if (v != NULL && v->kind == YNODE_SCALAR) {
		int a = -1, i;

		for (i = 0; i < 3; i++)
			if (strcmp(v->str, aligns[i]) == 0)
				a = i;
		if (a < 0)
			report_choice(c->L, v, "alignment", NULL, aligns, 3);
		else {
			col->align = (enum tmpl_align)a;
			col->has_align = 1;
		}
	} else if (v != NULL)
		y_kind(v, YNODE_SCALAR, c->L->d);
}

static void
columns(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	double sum = 0;
	size_t i;

	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->columns = arena_alloc(c->L->a, v->n * sizeof *b->columns);
	b->ncolumns = v->n;
	for (i = 0; i < v->n; i++) {
		column(c, v->items[i], &b->columns[i]);
		sum += b->columns[i].width;
	}
	if (sum > 1.0001)
		diag_error(c->L->d, &v->pos, "the column widths add up to %.2f; "
		    "expected at most 1 (they are fractions of the table width)",
		    sum);
}

/* texts: a list of texts (bullets, signers) into b->items. */
static void
texts(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	size_t i;

	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->items = arena_alloc(c->L->a, (v->n + 1) * sizeof *b->items);
	for (i = 0; i < v->n; i++)
		if (tl_text(c->L, v->items[i], TL_BODY, &b->items[b->nitems]))
			b->nitems++;
}

static void
parts(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	const char *const *names = c->doc == TD_PERSON_PACKET ? tmpl_parts_person :
	    tmpl_parts_manager;
	size_t i, j;

	if (c->doc != TD_PERSON_PACKET && c->doc != TD_MANAGER_PACKET) {
		diag_error(c->L->d, &b->pos, "an include block belongs in a "
		    "packet (person_packet, manager_packet), not in \"%s\"",
		    tmpl_doc_name(c->doc));
		return;
	}
	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->items = arena_alloc(c->L->a, (v->n + 1) * sizeof *b->items);
	for (i = 0; i < v->n; i++) {
		const struct ynode *p = v->items[i];

		if (!y_kind(p, YNODE_SCALAR, c->L->d))
			continue;
		for (j = 0; j < 2 && strcmp(p->str, names[j]) != 0; j++)
			;
		if (j < 2)
			b->items[b->nitems++] = names[j];
		else
			report_choice(c->L, p, "part", arena_printf(c->L->a,
			    " of \"%s\"", tmpl_doc_name(c->doc)), names, 2);
	}
}

static int
int_opt(struct bctx *c, const char *key, long lo, long hi, int *out)
{
	const struct ynode *v = opt(c, key);
	char w[96];
	long x;

	if (v == NULL || !y_int(v, c->L->d, &x))
		return 0;
	if (x < lo || x > hi) {
		diag_error(c->L->d, &v->pos, "%s: %ld is out of range; expected "
		    "%ld to %ld", y_where(v, w, sizeof w), x, lo, hi);
		return 0;
	}
	*out = (int)x;
	return 1;
}

/* options: every option of the block, per its type. */
static void
options(struct bctx *c, struct tmpl_block *b)
{
	const struct ynode *v;
	int i;

	block_data(c, b);
	v = opt(c, "text");
	if (v != NULL)
		tl_text(c->L, v, TL_BODY, &b->text);
	v = opt(c, "title");
	if (v != NULL)
		tl_text(c->L, v, TL_BODY, &b->title);
	b->level = 1;
	int_opt(c, "level", 1, 2, &b->level);
	b->bookmark = b->type == TB_HEADING && b->level == 1;
	v = opt(c, "bookmark");
	if (v != NULL)
		y_bool(v, c->L->d, &b->bookmark);
	b->style = TS_BODY;
	v = opt(c, "style");
	if (v != NULL && v->kind == YNODE_SCALAR) {
		for (i = 0; i < NTMPL_STYLES &&
		    strcmp(v->str, tmpl_style_names[i]) != 0; i++)
			continue;
		if (i < NTMPL_STYLES)
			b->style = (enum tmpl_style)i;
		else
			report_choice(c->L, v, "style", NULL, tmpl_style_names,
			    NTMPL_STYLES);
	} else if (v != NULL)
		y_kind(v, YNODE_SCALAR, c->L->d);
	v = opt(c, "items");
	if (v != NULL)
		texts(c, v, b);
	v = opt(c, "signers");
	if (v != NULL)
		texts(c, v, b);
	v = opt(c, "parts");
	if (v != NULL)
		parts(c, v, b);
	v = opt(c, "fields");
	if (v != NULL)
		fields(c, v, b);
	v = opt(c, "series");
	if (v != NULL)
		fields(c, v, b);
	v = opt(c, "columns");
	if (v != NULL && b->type == TB_TABLE)
		columns(c, v, b);
	b->columns_n = 2;
	if (b->type == TB_KV_GRID)
		int_opt(c, "columns", 1, 4, &b->columns_n);
	int_opt(c, "rows", 0, 50, &b->count);
	if (b->type == TB_LINES) {
		b->count = 5;
		int_opt(c, "count", 1, 60, &b->count);
	}
	v = opt(c, "height");
	if (v != NULL)
		tl_length(c->L, v, &b->height);
	v = opt(c, "spacing");
	if (v != NULL)
		tl_length(c->L, v, &b->height);
	v = opt(c, "page_break");
	if (v != NULL)
		y_bool(v, c->L->d, &b->page_break);
	v = opt(c, "levels");
	if (v != NULL && v->kind == YNODE_SCALAR) {
		static const char *const modes[] = { "auto", "matrix",
			"indicators" };

		for (i = 0; i < 3 && strcmp(v->str, modes[i]) != 0; i++)
			;
		if (i < 3)
			b->mode = modes[i];
		else
			report_choice(c->L, v, "levels layout", NULL,
				    modes, 3);
	} else if (v != NULL)
		y_kind(v, YNODE_SCALAR, c->L->d);
	if (b->mode == NULL)
		b->mode = "auto";
}

/* block_keys: unknown option names, wherever they were written. */
static void
block_keys(struct bctx *c)
{
	const char *keys[10];
	size_t n = 0;

	while (n < 8 && c->bt->keys[n] != NULL) {
		keys[n] = c->bt->keys[n];
		n++;
	}
	if (c->inner != NULL)
		y_keys(c->inner, keys, n, c->L->d);
	keys[n++] = c->bt->name;
	if (c->outer != NULL)
		y_keys(c->outer, keys, n, c->L->d);
}

static int
block_type(struct tload *L, const struct ynode *name)
{
	const char *names[NTMPL_BLOCKS];
	int i;

	for (i = 0; i < NTMPL_BLOCKS; i++) {
		names[i] = btypes[i].name;
		if (strcmp(name->str, names[i]) == 0)
			return i;
	}
	report_choice(L, name, "block type", NULL, names, NTMPL_BLOCKS);
	return -1;
}

/* block: one item of a `blocks` list. Returns 0 when it is unusable. */
static int
block(struct tload *L, enum tmpl_doc doc, const struct ynode *n,
    struct tmpl_block *b)
{
	struct bctx c;
	const struct ynode *name = n, *val = NULL;
	int t;

	memset(&c, 0, sizeof c);
	c.pkey = "";
	c.L = L;
	c.doc = doc;
	b->pos = n->pos;
	b->pos.file = L->t->path;
	if (n->kind == YNODE_MAP && n->n > 0) {
		name = n->pairs[0].key;
		val = n->pairs[0].val;
		c.outer = n;
	} else if (n->kind != YNODE_SCALAR || y_is_null(n)) {
		char what[80];

		diag_error(L->d, &n->pos, "a block: expected a block type such "
		    "as \"heading: Text\" or \"page_break\", found %s",
		    y_describe(n, what, sizeof what));
		return 0;
	}
	t = block_type(L, name);
	if (t < 0)
		return 0;
	b->type = (enum tmpl_block_type)t;
	c.bt = &btypes[t];
	if (val != NULL && val->kind == YNODE_MAP)
		c.inner = val;
	else if (val != NULL && !y_is_null(val)) {
		if (c.bt->primary == NULL) {
			diag_error(L->d, &val->pos, "a %s block takes no value; "
			    "expected \"- %s\" alone", c.bt->name, c.bt->name);
			return 0;
		}
		c.primary = val;
		c.pkey = c.bt->primary;
		/* `bullets: comments`: a scalar names the data */
		if (b->type == TB_BULLETS && val->kind == YNODE_SCALAR)
			c.pkey = "data";
	}
	block_keys(&c);
	options(&c, b);
	/* Only the manager's packet lays out a contents page (its entries
	 * are the parts it includes). Elsewhere the block is dropped here,
	 * with the warning the renderers gave, so that `revpack validate`
	 * gives it too and no renderer meets a contents block it has no
	 * data for. */
	if (b->type == TB_CONTENTS && doc != TD_MANAGER_PACKET) {
		diag_warning(L->d, &b->pos, "a contents block is not supported "
		    "in \"%s\" (only in manager_packet); it is left out",
		    tmpl_doc_name(doc));
		return 0;
	}
	return 1;
}

static void
blocks(struct tload *L, enum tmpl_doc doc, const struct ynode *n,
    struct tmpl_docdef *dd)
{
	size_t i;

	if (!y_kind(n, YNODE_SEQ, L->d))
		return;
	dd->blocks = arena_alloc(L->a, (n->n + 1) * sizeof *dd->blocks);
	for (i = 0; i < n->n; i++)
		if (block(L, doc, n->items[i], &dd->blocks[dd->nblocks]))
			dd->nblocks++;
}

/* builtin_blocks: the document's block list from the code. */
static void
builtin_blocks(struct tload *L, enum tmpl_doc doc, struct tmpl_docdef *dd)
{
	const char *src = tmpl_builtin_blocks[doc] != NULL ?
	    tmpl_builtin_blocks[doc] : tmpl_builtin_blocks[TD_FORM];
	struct ydoc *y = ydoc_parse("(built-in template)", src, strlen(src),
	    L->d);

	if (y != NULL && y->root != NULL)
		blocks(L, doc, y->root, dd);
	if (y != NULL) {
		size_t i, j;

		for (i = 0; i < dd->nblocks; i++) {
			dd->blocks[i].pos.file = "(built-in template)";
			for (j = 0; j < dd->blocks[i].ncolumns; j++)
				dd->blocks[i].columns[j].pos.file =
				    "(built-in template)";
		}
	}
	ydoc_free(y);
}

/* doc_defaults: page, bands and styles a document inherits. */
static void
doc_defaults(struct tload *L, enum tmpl_doc doc, struct tmpl_docdef *dd)
{
	const struct tmpl *t = L->t;

	dd->page = t->page;
	dd->header = t->header;
	dd->footer = t->footer;
	dd->continued = 1;
	dd->scale = 1;
	if (doc == TD_DECK && t->page.height > t->page.width) {
		/* 16:9 slides from a portrait template: larger type. */
		dd->page.width = 960;
		dd->page.height = 540;
		dd->page.top = 58;
		dd->page.bottom = 44;
		dd->page.left = dd->page.right = 54;
		dd->scale = 1.6f;
	}
}

static void
scale_styles(struct tmpl_docdef *dd)
{
	size_t i;

	for (i = 0; i < NTMPL_STYLES; i++) {
		dd->styles[i].size *= dd->scale;
		dd->styles[i].before *= dd->scale;
		dd->styles[i].after *= dd->scale;
	}
}

/* FORM_TABLE: a rating form's table type as a share of the template's:
 * a level matrix puts six or more columns of descriptors side by side,
 * and at 7.5 pt rather than 8.5 pt (default.yaml) the sample rubric's
 * form, grouped by category, takes 4 pages on A4 and Letter, not 5 and
 * 6. Never below FORM_TABLE_MIN pt. */
#define FORM_TABLE (7.5f / 8.5f)
#define FORM_TABLE_MIN 7.0f

/* form_styles: the smaller table type of a form (see FORM_TABLE),
 * before the template's own styles for the document apply. */
static void
form_styles(enum tmpl_doc doc, struct tmpl_docdef *dd)
{
	struct tmpl_style_def *st = &dd->styles[TS_TABLE];
	float size = st->size * FORM_TABLE;

	if (doc != TD_FORM && doc != TD_BLANK_FORM)
		return;
	if (size < FORM_TABLE_MIN)
		size = st->size < FORM_TABLE_MIN ? st->size : FORM_TABLE_MIN;
	st->size = size;
}

static void
document(struct tload *L, enum tmpl_doc doc, const struct ynode *n)
{
	static const char *const keys[] = { "page", "header", "footer",
		"styles", "scale", "continued", "blocks" };
	struct tmpl_docdef *dd = &L->t->docs[doc];
	const struct ynode *v, *list = NULL;
	double x;

	doc_defaults(L, doc, dd);
	memcpy(dd->styles, L->t->styles, sizeof dd->styles);
	form_styles(doc, dd);
	if (n != NULL && n->kind == YNODE_SEQ)
		list = n;
	else if (n != NULL && y_kind(n, YNODE_MAP, L->d)) {
		dd->pos = n->pos;
		dd->pos.file = L->t->path;
		y_keys(n, keys, NELEM(keys), L->d);
		tl_page(L, y_get(n, "page"), &dd->page);
		tl_band(L, y_get(n, "header"), &dd->header, 1);
		tl_band(L, y_get(n, "footer"), &dd->footer, 0);
		tl_styles(L, y_get(n, "styles"), dd->styles);
		v = y_get(n, "scale");
		if (v != NULL && y_num(v, L->d, &x)) {
			if (x >= 0.5 && x <= 4)
				dd->scale = (float)x;
			else
				diag_error(L->d, &v->pos, "\"scale\": %g is out of "
				    "range; expected 0.5 to 4", x);
		}
		v = y_get(n, "continued");
		if (v != NULL)
			y_bool(v, L->d, &dd->continued);
		list = y_get(n, "blocks");
	}
	scale_styles(dd);
	if (list != NULL) {
		dd->from_template = 1;
		blocks(L, doc, list, dd);
	} else
		builtin_blocks(L, doc, dd);
}

void
tl_documents(struct tload *L, const struct ynode *n)
{
	const char *names[NTMPL_DOCS];
	const struct ynode *given[NTMPL_DOCS];
	size_t i;

	for (i = 0; i < NTMPL_DOCS; i++) {
		names[i] = tmpl_doc_name((enum tmpl_doc)i);
		given[i] = NULL;
	}
	if (n != NULL && y_kind(n, YNODE_MAP, L->d)) {
		y_keys(n, names, NTMPL_DOCS, L->d);
		for (i = 0; i < NTMPL_DOCS; i++)
			given[i] = y_get(n, names[i]);
	}
	for (i = 0; i < NTMPL_DOCS; i++)
		document(L, (enum tmpl_doc)i, given[i]);
}
