/* doc_common.c: what every document renderer shares: a worker's layout
 * engines and PDF devices, a document's life (begin, parts, finish), the
 * placeholders every part sets, number formats, and template blocks bound
 * to data (tables, key-value grids, the scale legend). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_int.h"
#include "lang.h"

/* --- workers --- */

void *
doc_worker_new(const struct render_env *env, struct diag *d)
{
	struct doc_worker *w = xcalloc(1, sizeof *w);

	(void)d;
	w->env = env;
	w->trim = 1;            /* what loading left free, at the start */
	return w;
}

void
doc_worker_free(void *worker)
{
	struct doc_worker *w = worker;

	if (w == NULL)
		return;
	lay_free(w->lay[0]);
	lay_free(w->lay[1]);
	if (w->dev[1] != w->dev[0])
		pdfdev_free(w->dev[1]);
	pdfdev_free(w->dev[0]);
	arena_free(w->a);
	free(w);
}

/* engines: the worker's layout engine and device for template k, made on
 * first use. They report into ctx->d, which already counts the code
 * points doc_setup warned about as reported. */
static void
engines(struct doc_worker *w, struct render_ctx *ctx, int k)
{
	const struct doc_shared *sh = ctx->env->shared;
	size_t i;

	if (w->d != ctx->d) {
		for (i = 0; i < sh->nmissing; i++)
			fontset_quiet(ctx->d, sh->missing[i]);
		w->d = ctx->d;
	}
	if (w->lay[k] != NULL)
		return;
	w->lay[k] = lay_new(k ? doc_deck_tmpl(ctx->env) : ctx->env->tmpl,
	    sh->fs[k], ctx->d);
	if (k == 1 && sh->fs[1] == sh->fs[0]) {
		engines(w, ctx, 0);
		w->dev[1] = w->dev[0];
	} else
		w->dev[k] = pdfdev_new(sh->fs[k]);
}

/* --- a document --- */

void
doc_begin(struct doc *D, struct render_ctx *ctx, int deck, const char *title)
{
	struct doc_worker *w = ctx->worker;
	const struct render_env *env = ctx->env;
	struct dl_info info;
	int k = deck ? 1 : 0;

	engines(w, ctx, k);
	arena_free(w->a);
	w->a = arena_new();
	memset(D, 0, sizeof *D);
	D->ctx = ctx;
	D->env = env;
	D->c = env->cycle;
	D->r = ((const struct doc_shared *)env->shared)->rubric;
	D->agg = env->agg;
	D->t = k ? doc_deck_tmpl(env) : env->tmpl;
	D->L = w->lay[k];
	D->a = w->a;
	D->deck = k;
	D->w = w;
	memset(&info, 0, sizeof info);
	info.title = title;
	info.author = D->c != NULL ? D->c->organization : NULL;
	info.subject = D->c != NULL ? D->c->title : NULL;
	info.creator = "revpack " REVPACK_VERSION;
	info.has_date = env->has_date;
	info.epoch = env->epoch;
	lay_begin(D->L, &info);
	if (w->trim) {
		mem_trim();
		w->trim = 0;
	}
}

void
doc_begin_titled(struct doc *D, struct render_ctx *ctx, int deck,
    enum tmpl_word w, const char *name)
{
	const struct tmpl *t = deck ? doc_deck_tmpl(ctx->env) : ctx->env->tmpl;
	struct buf title;

	buf_init(&title);
	buf_puts(&title, tmpl_word(t, w));
	if (name != NULL)
		buf_printf(&title, " %s %s", "\xe2\x80\x94", name);
	doc_begin(D, ctx, deck, title.p);
	buf_free(&title);
}

/* After a document of this many pages (a manager packet, a department
 * or the organisation at 100,000 people: thousands of pages) the worker
 * gives what it freed back to the system before its next document
 * (mem_trim, in doc_begin once the display list is dropped). Each
 * worker thread allocates from a malloc arena of its own, which keeps
 * the pages it once used: without this, the peak of a build is the sum of
 * each worker's largest document and of what loading the cycle left
 * free on the main thread, which a worker trims once, at its first
 * document. Not the bytes, only the memory. */
#define TRIM_AFTER_PAGES 1000

/* release_page: pdfdev_render_cb's hook: a page the device has drawn is
 * freed at once (a manager packet of 38,000 pages would otherwise hold
 * its whole display list until its PDF is saved); once it has read the
 * whole list, a long file's texts are freed too and the memory given
 * back before the save (the file, 100 MB for that packet, grows in a
 * block of its own, which could not reuse what was freed). */
static void
release_page(void *L, size_t page)
{
	const struct dl_doc *dl = lay_finish(L);

	if (page < dl->npages) {
		lay_release_page(L, page);
		return;
	}
	if (dl->npages < TRIM_AFTER_PAGES)
		return;
	/* drawn and about to be saved: the texts go, and what the drawing
	 * freed goes back to the system before the file grows */
	lay_release_all(L);
	mem_trim();
}

int
doc_finish(struct doc *D, struct buf *out)
{
	struct doc_worker *w = D->w;
	const struct dl_doc *dl = lay_finish(D->L);
	int rc = pdfdev_render_cb(w->dev[D->deck], dl, out, D->ctx->d,
	    release_page, D->L);

	D->ctx->pages = (int)dl->npages;
	if (dl->npages >= TRIM_AFTER_PAGES)
		w->trim = 1;
	return rc;
}

/* The word that names each document. */
static const enum tmpl_word doc_words[NTMPL_DOCS] = {
	[TD_SCORECARD] = TW_SCORECARD, [TD_COACHING] = TW_COACHING,
	[TD_FORM] = TW_FORM, [TD_BLANK_FORM] = TW_BLANK_FORM,
	[TD_PERSON_PACKET] = TW_PERSON_PACKET, [TD_TEAM] = TW_TEAM,
	[TD_ORG] = TW_ORG, [TD_DEPARTMENT] = TW_DEPARTMENT,
	[TD_HANDOUT] = TW_HANDOUT, [TD_DECK] = TW_DECK,
	[TD_MANAGER_PACKET] = TW_MANAGER_PACKET,
};

void
doc_part(struct doc *D, enum tmpl_doc doc, const struct doc_partopt *o)
{
	struct lay *L = D->L;
	const struct cycle *c = D->c;

	lay_part(L, doc, o != NULL ? o->bookmark : NULL,
	    o != NULL ? o->outline_level : 0, o != NULL ? o->label : NULL);
	if (o != NULL && o->anchor != NULL)
		lay_anchor(L, o->anchor);
	lay_var(L, TV_DOCUMENT, doc_word(D, doc_words[doc]));
	if (D->r != NULL) {
		lay_var(L, TV_RUBRIC_TITLE, D->r->title);
		lay_var(L, TV_RUBRIC_VERSION, D->r->version);
	}
	if (c == NULL)
		return;
	lay_var(L, TV_ORGANIZATION, c->organization);
	lay_var(L, TV_CYCLE_ID, c->id);
	lay_var(L, TV_CYCLE_TITLE, c->title);
	lay_var(L, TV_CYCLE_PERIOD, doc_period(D));
	lay_var(L, TV_DATE, doc_date(D, c->review_date));
}

void
doc_person_vars(struct doc *D, int p)
{
	const struct person *pp, *m;

	if (p < 0 || D->c == NULL)
		return;
	pp = &D->c->people[p];
	m = pp->manager >= 0 ? &D->c->people[pp->manager] : NULL;
	lay_var(D->L, TV_PERSON_NAME, pp->name);
	lay_var(D->L, TV_PERSON_ID, pp->id);
	lay_var(D->L, TV_PERSON_TITLE, pp->title);
	lay_var(D->L, TV_PERSON_LEVEL, pp->level);
	lay_var(D->L, TV_PERSON_DEPARTMENT, pp->department);
	lay_var(D->L, TV_DEPARTMENT, pp->department);
	if (m != NULL) {
		lay_var(D->L, TV_MANAGER_NAME, m->name);
		lay_var(D->L, TV_MANAGER_ID, m->id);
	}
}

void
doc_manager_vars(struct doc *D, int m)
{
	const struct person *mp = &D->c->people[m];

	doc_person_vars(D, m);
	lay_var(D->L, TV_MANAGER_NAME, mp->name);
	lay_var(D->L, TV_MANAGER_ID, mp->id);
}

/* A person part's document, person and block function, for lay_blocks. */
struct person_part {
	struct doc *D;
	int p;
	doc_block_fn fn;
};

static void
person_block(void *arg, const struct tmpl_block *b)
{
	struct person_part *pp = arg;

	pp->fn(pp->D, pp->p, b);
}

void
doc_person_part(struct doc *D, enum tmpl_doc doc, int p,
    const struct doc_partopt *o, doc_block_fn fn)
{
	const struct tmpl_docdef *dd = tmpl_doc(D->t, doc);
	struct arena *outer = D->a;
	struct person_part pp;

	/* The part's own scratch: the layout engine copies what it keeps,
	 * so a manager packet of 1,249 reports does not hold the cells and
	 * figures of every part until its end. */
	D->a = arena_new();
	doc_part(D, doc, o);
	doc_person_vars(D, p);
	pp.D = D;
	pp.p = p;
	pp.fn = fn;
	lay_blocks(D->L, dd->blocks, dd->nblocks, person_block, &pp);
	arena_free(D->a);
	D->a = outer;
}

/* --- formats --- */

const char doc_dash[] = "\xe2\x80\x93";

const char *
doc_printf(struct doc *D, const char *fmt, ...)
{
	char tmp[128], *s;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return "";
	if ((size_t)n < sizeof tmp)
		return arena_strndup(D->a, tmp, (size_t)n);
	s = arena_alloc(D->a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* local: a number doc_printf just wrote (in D's arena, so writable), in
 * the template's language's form (a decimal comma in German). */
static const char *
local(struct doc *D, const char *num)
{
	return lang_number(D->t->lang, (char *)num);
}

const char *
doc_num(struct doc *D, double x)
{
	if (isnan(x))
		return doc_dash;
	return local(D, doc_printf(D, "%.2f", x + 0.0));
}

const char *
doc_delta(struct doc *D, double x)
{
	if (isnan(x))
		return doc_dash;
	if (x > 0.004)
		return local(D, doc_printf(D, "+%.2f", x));
	if (x < -0.004)
		return local(D, doc_printf(D, "-%.2f", -x));
	return local(D, doc_printf(D, "0.00"));
}

const char *
doc_pct(struct doc *D, double x)
{
	char tmp[32], out[48];

	if (isnan(x))
		return doc_dash;
	fmt_num(x, tmp, sizeof tmp);
	lang_percent(D->t->lang, lang_number(D->t->lang, tmp), out,
	    sizeof out);
	return doc_printf(D, "%s", out);
}

const char *
doc_g(struct doc *D, double x)
{
	return local(D, doc_printf(D, "%g", x));
}

const char *
doc_date(struct doc *D, const char *iso)
{
	char out[64];

	if (iso == NULL)
		return NULL;
	lang_date(D->t->lang, iso, out, sizeof out);
	return doc_printf(D, "%s", out);
}

const char *
doc_period(struct doc *D)
{
	const struct cycle *c = D->c;

	if (c == NULL || c->period_start == NULL)
		return "";
	return doc_printf(D, "%s %s %s", doc_date(D, c->period_start), doc_dash,
	    c->period_end != NULL ? doc_date(D, c->period_end) : "");
}

const char *
doc_word(struct doc *D, enum tmpl_word w)
{
	return tmpl_word(D->t, w);
}

enum lay_status
doc_status(enum status st)
{
	switch (st) {
	case STATUS_RED:
		return LS_RED;
	case STATUS_YELLOW:
		return LS_YELLOW;
	case STATUS_GREEN:
		return LS_GREEN;
	default:
		return LS_UNRATED;
	}
}

const char *
doc_status_word(struct doc *D, enum status st)
{
	switch (st) {
	case STATUS_RED:
		return doc_word(D, TW_RED);
	case STATUS_YELLOW:
		return doc_word(D, TW_YELLOW);
	case STATUS_GREEN:
		return doc_word(D, TW_GREEN);
	default:
		return doc_word(D, TW_UNRATED);
	}
}

const char *
doc_level_label(struct doc *D, int v)
{
	const char *s = D->r != NULL ? rubric_level_label(D->r, v) : NULL;

	return s != NULL ? s : "";
}

const char *
doc_join(struct doc *D, const struct strv *v)
{
	struct buf b;
	const char *s;
	size_t i;

	if (v == NULL || v->n == 0)
		return NULL;
	if (v->n == 1)
		return v->v[0];
	buf_init(&b);
	for (i = 0; i < v->n; i++)
		buf_printf(&b, "%s%s", i ? "\n" : "", v->v[i]);
	s = arena_strndup(D->a, b.p, b.len);
	buf_free(&b);
	return s;
}

/* --- blocks bound to data --- */

enum tmpl_align
doc_field_align(const char *field)
{
	static const char *const right[] = { "score", "manager", "self",
		"peer", "direct_report", "expected", "trend", "raters",
		"weight", "percent", "previous", "change", "gap", "n", "mean",
		"median", "stdev", "min", "max", "below_expected",
		"below_share", "members", "ratings", "mean_given",
		"delta_vs_org", "people", "coverage", "overall" };
	size_t i;

	if (strcmp(field, "status") == 0)
		return TA_CENTER;
	for (i = 0; i < NELEM(right); i++)
		if (strcmp(field, right[i]) == 0)
			return TA_RIGHT;
	return TA_LEFT;
}

/* labels_are_status: the scale's level labels are the status words
 * (Red, Yellow, Green: a Red / Yellow / Green framework), so that a
 * level column would print the status again. */
static int
labels_are_status(const struct rubric *r)
{
	static const char *const words[] = { "red", "yellow", "green" };
	size_t i;

	if (r == NULL || r->scale.n != NELEM(words))
		return 0;
	for (i = 0; i < NELEM(words); i++)
		if (r->scale.levels[i].label == NULL ||
		    str_casecmp_ascii(r->scale.levels[i].label, words[i]) != 0)
			return 0;
	return 1;
}

/* said_twice: column `field` of a table would say nothing worth its
 * room: a level column beside a status column that says the same
 * (labels_are_status), the direct reports' column in a cycle whose
 * direct-report ratings do not count (weight 0), or a trend column in a
 * cycle without a previous one. */
static int
said_twice(const struct doc *D, const char *field, const char *const *all,
    size_t n)
{
	size_t i;

	if (strcmp(field, "direct_report") == 0)
		return D->c != NULL && D->c->weights[ROLE_DIRECT_REPORT] <= 0;
	if (strcmp(field, "trend") == 0)
		return D->c != NULL && D->c->previous == NULL;
	if (strcmp(field, "level") != 0 || !labels_are_status(D->r))
		return 0;
	for (i = 0; i < n; i++)
		if (all[i] != NULL && strcmp(all[i], "status") == 0)
			return 1;
	return 0;
}

struct doc_col *
doc_columns(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults, size_t *n)
{
	struct doc_col *v;
	const char **fields;
	size_t i, k = 0, out = 0;

	if (b->ncolumns > 0)
		k = b->ncolumns;
	else
		while (defaults != NULL && defaults[k] != NULL)
			k++;
	v = arena_alloc(D->a, (k + 1) * sizeof *v);
	fields = arena_alloc(D->a, (k + 1) * sizeof *fields);
	for (i = 0; i < k; i++)
		fields[i] = b->ncolumns > 0 ? b->columns[i].field : defaults[i];
	for (i = 0; i < k; i++) {
		const struct tmpl_column *tc = b->ncolumns > 0 ?
		    &b->columns[i] : NULL;
		const char *f = fields[i];
		struct doc_col *c = &v[out];

		if (f != NULL && said_twice(D, f, fields, k))
			continue;       /* the width goes to the others */
		c->field = f != NULL ? f : "";
		c->col.header = tc != NULL && tc->header != NULL ?
		    lay_expand(D->L, tc->header) :
		    doc_word(D, tmpl_field_word(c->field));
		c->col.width = tc != NULL ? tc->width : 0;
		c->col.align = tc != NULL && tc->has_align ? tc->align :
		    doc_field_align(c->field);
		out++;
	}
	*n = out;
	return v;
}

void
doc_table_rows(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults, size_t nrows, doc_cell_fn fn, void *arg)
{
	size_t nc, r, k;
	struct doc_col *cols = doc_columns(D, b, defaults, &nc);
	struct lay_col *lc = arena_alloc(D->a, (nc + 1) * sizeof *lc);
	struct lay_cell *cells = arena_alloc(D->a, (nrows * nc + 1) *
	    sizeof *cells);
	struct lay_table t;

	for (k = 0; k < nc; k++)
		lc[k] = cols[k].col;
	for (r = 0; r < nrows; r++)
		for (k = 0; k < nc; k++)
			fn(D, arg, r, cols[k].field, &cells[r * nc + k]);
	t.cols = lc;
	t.ncols = nc;
	t.cells = cells;
	t.nrows = nrows;
	t.blank = b->count;
	lay_table(D->L, &t);
}

void
doc_table(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults, size_t nrows, doc_cell_fn fn, void *arg)
{
	lay_block_title(D->L, b);
	doc_table_rows(D, b, defaults, nrows, fn, arg);
}

void
doc_kv(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults,
    const char *(*fn)(struct doc *D, void *arg, const char *field),
    void *arg)
{
	const char *const *f = b->nfields > 0 ? b->fields : defaults;
	size_t n = 0, i, k;
	struct lay_kv *kv;

	if (b->nfields > 0)
		n = b->nfields;
	else
		while (f != NULL && f[n] != NULL)
			n++;
	if (n == 0)
		return;
	kv = arena_alloc(D->a, n * sizeof *kv);
	for (i = k = 0; i < n; i++) {
		if (said_twice(D, f[i], f, n))
			continue;       /* a trend with no previous cycle */
		kv[k].key = doc_word(D, tmpl_field_word(f[i]));
		kv[k++].value = fn(D, arg, f[i]);
	}
	lay_block_title(D->L, b);
	lay_kv_grid(D->L, kv, k, b->columns_n);
}

void
doc_scale_legend(struct doc *D, const struct tmpl_block *b)
{
	const struct scale *sc = &D->r->scale;
	struct lay_level *lv = arena_alloc(D->a, (sc->n + 1) * sizeof *lv);
	size_t i;

	for (i = 0; i < sc->n; i++) {
		lv[i].value = sc->levels[i].value;
		lv[i].label = sc->levels[i].label;
	}
	lay_block_title(D->L, b);
	lay_scale_legend(D->L, lv, sc->n);
}

static void
scale_cell(struct doc *D, void *arg, size_t row, const char *field,
    struct lay_cell *cell)
{
	const struct level *lv = &D->r->scale.levels[row];

	(void)arg;
	if (strcmp(field, "level") == 0)
		cell->text = doc_printf(D, "%d", lv->value);
	else if (strcmp(field, "rating") == 0)
		cell->text = lv->label;
}

void
doc_scale_table(struct doc *D, const struct tmpl_block *b)
{
	static const char *const defaults[] = { "level", "rating", NULL };

	doc_table(D, b, defaults, D->r->scale.n, scale_cell, NULL);
}

void
doc_nothing(struct doc *D, const struct tmpl_block *b)
{
	lay_block_title(D->L, b);
	lay_paragraph(D->L, TS_BODY, doc_word(D, TW_NONE));
}

void
doc_unsupported(struct doc *D, const struct tmpl_block *b)
{
	const char *key = doc_printf(D, "unsupported %s %s", tmpl_block_name(
	    b->type), b->data != NULL ? b->data : "");

	if (diag_once(D->ctx->d, key))
		diag_warning(D->ctx->d, &b->pos, "a %s block%s%s%s is not "
		    "supported in this document; it is left out",
		    tmpl_block_name(b->type), b->data != NULL ? " of \"" : "",
		    b->data != NULL ? b->data : "", b->data != NULL ? "\"" :
		    "");
}
