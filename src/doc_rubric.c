/* doc_rubric.c: the rubric as a rollout handout (portrait pages) and as a
 * rollout deck (16:9 slides): the guide, the scale, every competency with
 * its definition, what strong looks like and its level descriptors or its
 * Red / Yellow / Green indicators, and the expectations per role level.
 * These documents carry no one's data. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "doc_int.h"

/* A level matrix gets its levels as columns when each column is at least
 * this many ems of the table text wide; else one row per level. */
#define MATRIX_MIN_EM 8.0f

/* The document being laid out, and which template document it is. */
struct rdoc {
	struct doc *D;
	struct lay *L;
	const struct tmpl *t;
	enum tmpl_doc doc;
	const struct rubric *r;
	struct arena *a;        /* cell texts: D->a */
	struct lay *M;          /* a scratch engine to measure slides */
};

/* doc_ryg: 1 when the scale is a Red / Yellow / Green framework
 * (revpack-rubric.5): three levels labelled Red, Yellow and Green, in
 * that order. */
int
doc_ryg(const struct rubric *r)
{
	static const char *const want[3] = { "red", "yellow", "green" };
	size_t i;

	if (r->scale.n != 3)
		return 0;
	for (i = 0; i < 3; i++)
		if (str_casecmp_ascii(r->scale.levels[i].label, want[i]) != 0)
			return 0;
	return 1;
}

/* level_head: "4 · Advanced proficiency". */
static const char *
level_head(struct rdoc *R, const struct level *lv)
{
	return arena_printf(R->a, "%d \xc2\xb7 %s", lv->value, lv->label);
}

/* descriptors: the lines of sv as one cell text, a bullet each. */
static const char *
descriptors(struct rdoc *R, const struct strv *sv)
{
	struct buf b;
	const char *s;
	size_t i;

	if (sv == NULL || sv->n == 0)
		return "\xe2\x80\x93";          /* – */
	buf_init(&b);
	for (i = 0; i < sv->n; i++)
		buf_printf(&b, "%s%s%s", i > 0 ? "\n" : "",
		    sv->n > 1 ? "\xe2\x80\xa2 " : "", sv->v[i]);
	s = arena_strdup(R->a, b.p);
	buf_free(&b);
	return s;
}

int
doc_has_levels(const struct rubric *r, const struct competency *c)
{
	size_t i;

	for (i = 0; i < r->scale.n; i++)
		if (c->levels != NULL && c->levels[i].n > 0)
			return 1;
	return 0;
}

/* matrix_fits: the levels fit side by side at MATRIX_MIN_EM each. */
static int
matrix_fits(const struct rdoc *R)
{
	const struct tmpl_docdef *dd = tmpl_doc(R->t, R->doc);
	float body = dd->page.width - dd->page.left - dd->page.right;

	return body / (float)R->r->scale.n >=
	    MATRIX_MIN_EM * dd->styles[TS_TABLE].size;
}

/* level_matrix: a competency's descriptors, levels as columns (one row)
 * when they fit the width, else stacked: one row per level. */
static void
level_matrix(struct rdoc *R, const struct competency *c)
{
	const struct scale *sc = &R->r->scale;
	struct lay_col *cols;
	struct lay_cell *cells;
	struct lay_table tb;
	size_t i;

	memset(&tb, 0, sizeof tb);
	if (matrix_fits(R)) {
		cols = arena_alloc(R->a, sc->n * sizeof *cols);
		cells = arena_alloc(R->a, sc->n * sizeof *cells);
		for (i = 0; i < sc->n; i++) {
			cols[i].header = level_head(R, &sc->levels[i]);
			cells[i].text = descriptors(R, &c->levels[i]);
		}
		tb.ncols = sc->n;
		tb.nrows = 1;
	} else {
		cols = arena_alloc(R->a, 2 * sizeof *cols);
		cells = arena_alloc(R->a, 2 * sc->n * sizeof *cells);
		cols[0].header = lay_word(R->L, TW_LEVEL);
		cols[0].width = 0.26f;
		cols[1].header = lay_word(R->L, TW_LEVELS);
		for (i = 0; i < sc->n; i++) {
			cells[2 * i].text = level_head(R, &sc->levels[i]);
			cells[2 * i].bold = 1;
			cells[2 * i + 1].text = descriptors(R, &c->levels[i]);
		}
		tb.ncols = 2;
		tb.nrows = sc->n;
	}
	tb.cols = cols;
	tb.cells = cells;
	lay_table(R->L, &tb);
}

/* indicators: Red, Yellow and Green rows, each a chip and its text. */
static void
indicators(struct rdoc *R, const struct competency *c)
{
	const char *text[3] = { c->ind_red, c->ind_yellow, c->ind_green };
	static const enum lay_status st[3] = { LS_RED, LS_YELLOW, LS_GREEN };
	static const enum tmpl_word words[3] = { TW_RED, TW_YELLOW, TW_GREEN };
	struct lay_col cols[2];
	struct lay_cell cells[6];
	struct lay_table tb;
	size_t i, n = 0;

	memset(cols, 0, sizeof cols);
	memset(cells, 0, sizeof cells);
	cols[0].header = lay_word(R->L, TW_STATUS);
	cols[0].width = 0.16f;
	cols[1].header = lay_word(R->L, TW_INDICATORS);
	for (i = 0; i < 3; i++) {
		if (text[i] == NULL)
			continue;
		cells[2 * n].kind = LC_CHIP;
		cells[2 * n].status = st[i];
		/* the scale's own label where it is the RYG scale */
		cells[2 * n].text = doc_ryg(R->r) ? R->r->scale.levels[i].label :
		    lay_word(R->L, words[i]);
		cells[2 * n + 1].text = text[i];
		n++;
	}
	tb.cols = cols;
	tb.ncols = 2;
	tb.cells = cells;
	tb.nrows = n;
	tb.blank = 0;
	lay_table(R->L, &tb);
}

/* strong: what strong looks like, one row each. */
static void
strong(struct rdoc *R, const struct competency *c)
{
	struct lay_col col;
	struct lay_cell *cells;
	struct lay_table tb;
	size_t i;

	if (c->strong.n == 0)
		return;
	memset(&col, 0, sizeof col);
	col.header = lay_word(R->L, TW_STRONG);
	cells = arena_alloc(R->a, c->strong.n * sizeof *cells);
	for (i = 0; i < c->strong.n; i++)
		cells[i].text = c->strong.v[i];
	tb.cols = &col;
	tb.ncols = 1;
	tb.cells = cells;
	tb.nrows = c->strong.n;
	tb.blank = 0;
	lay_table(R->L, &tb);
}

/* doc_use_indicators: which of a competency's scales a sections block shows
 * (revpack-template.5): "auto" shows indicators for a Red / Yellow / Green
 * framework, "indicators" wherever a competency has them, "matrix" the
 * level descriptors; a competency without the chosen one shows the other. */
int
doc_use_indicators(const struct rubric *r, const struct competency *c,
    const char *mode)
{
	int has_ind = c->ind_green != NULL || c->ind_yellow != NULL ||
	    c->ind_red != NULL;

	if (!has_ind)
		return 0;
	if (!doc_has_levels(r, c))
		return 1;
	if (strcmp(mode, "indicators") == 0)
		return 1;
	return strcmp(mode, "auto") == 0 && doc_ryg(r);
}

/* head: a competency's heading, definition and what strong looks like.
 * On slides (`own_page`) it starts a page with the competency as its
 * heading and the category below; in the handout it is a subheading
 * under its category's heading. */
static void
head(struct rdoc *R, const struct competency *c, int own_page,
    int with_strong)
{
	struct lay *L = R->L;

	if (own_page) {
		lay_page_break(L);
		lay_heading(L, 1, c->title, 1);
		lay_paragraph(L, TS_SMALL, R->r->cats[c->category].title);
	} else
		lay_heading(L, 2, c->title, 1);
	if (c->definition != NULL)
		lay_paragraph(L, TS_BODY, c->definition);
	if (with_strong)
		strong(R, c);
}

/* scale: a competency's indicators or level descriptors. */
static void
scale(struct rdoc *R, const struct competency *c, const char *mode)
{
	if (doc_use_indicators(R->r, c, mode))
		indicators(R, c);
	else if (doc_has_levels(R->r, c))
		level_matrix(R, c);
}

/* measure_begin: lays out from here on into a fresh page of the
 * scratch engine (same template and fonts), to learn how much a slide
 * holds; measure_end returns the pages it took and restores R->L. */
static struct lay *
measure_begin(struct rdoc *R)
{
	const struct doc_shared *sh = R->D->env->shared;
	struct lay *keep = R->L;

	if (R->M == NULL)
		R->M = lay_new(R->t, sh->fs[R->D->deck], NULL);
	R->L = R->M;
	lay_begin(R->M, NULL);
	lay_part(R->M, R->doc, NULL, 0, NULL);
	return keep;
}

static size_t
measure_end(struct rdoc *R, struct lay *keep)
{
	size_t n = lay_finish(R->M)->npages;

	R->L = keep;
	return n;
}

/* What a competency's slide shows beside its title, category and
 * definition (SLIDE_*), richest first: the first that fits one slide
 * is taken. */
#define SLIDE_STRONG 1          /* what strong looks like */
#define SLIDE_SCALE 2           /* its indicators, or a line per level */
static const int slide_parts[] = { SLIDE_STRONG | SLIDE_SCALE, SLIDE_SCALE,
	SLIDE_STRONG, 0 };

/* level_lines: a competency's levels for a slide: per level its label
 * and its first descriptor (the full matrix belongs to the handout). */
static void
level_lines(struct rdoc *R, const struct competency *c)
{
	const struct scale *sc = &R->r->scale;
	struct lay_col cols[2];
	struct lay_cell *cells = arena_alloc(R->a, 2 * sc->n * sizeof *cells);
	struct lay_table tb;
	size_t i;

	memset(cols, 0, sizeof cols);
	cols[0].header = lay_word(R->L, TW_LEVEL);
	cols[0].width = 0.28f;
	cols[1].header = lay_word(R->L, TW_LEVELS);
	for (i = 0; i < sc->n; i++) {
		cells[2 * i].text = level_head(R, &sc->levels[i]);
		cells[2 * i].bold = 1;
		cells[2 * i + 1].text = c->levels[i].n > 0 ? c->levels[i].v[0] :
		    "\xe2\x80\x93";
	}
	tb.cols = cols;
	tb.ncols = 2;
	tb.cells = cells;
	tb.nrows = sc->n;
	tb.blank = 0;
	lay_table(R->L, &tb);
}

/* slide: a competency's slide with `parts` (SLIDE_*). */
static void
slide(struct rdoc *R, const struct competency *c, const char *mode,
    int parts)
{
	head(R, c, 1, parts & SLIDE_STRONG);
	if (!(parts & SLIDE_SCALE))
		return;
	if (doc_use_indicators(R->r, c, mode))
		indicators(R, c);
	else if (doc_has_levels(R->r, c))
		level_lines(R, c);
}

/* slide_fits: the slide with `parts` takes one slide. */
static int
slide_fits(struct rdoc *R, const struct competency *c, const char *mode,
    int parts)
{
	struct lay *keep = measure_begin(R);

	slide(R, c, mode, parts);
	return measure_end(R, keep) == 1;
}

/* slide_choice: the index in slide_parts of what every competency's
 * slide shows: the richest that fits one slide for all of them, so that
 * slide after slide shows the same things (the last when none does:
 * then only a definition taller than a slide continues on the next). */
static size_t
slide_choice(struct rdoc *R, const char *mode)
{
	size_t i = 0, k;

	for (k = 0; k < R->r->ncomps; k++)
		while (i + 1 < NELEM(slide_parts) &&
		    !slide_fits(R, &R->r->comps[k], mode, slide_parts[i]))
			i++;
	return i;
}

/* sections: competency_details, category by category. On slides, one
 * slide per competency (revpack-template.5), each with slide_choice's
 * parts; in the handout, under its category's heading, each
 * competency's heading, what strong looks like and its whole scale. */
static void
sections(struct rdoc *R, const struct tmpl_block *b)
{
	const struct rubric *r = R->r;
	const char *mode = b->mode != NULL ? b->mode : "auto";
	size_t i, j, parts = 0;

	lay_block_title(R->L, b);
	if (b->page_break)
		parts = slide_choice(R, mode);
	for (i = 0; i < r->ncats; i++) {
		const struct category *cat = &r->cats[i];

		if (!b->page_break) {
			lay_heading(R->L, 1, cat->title, 1);
			if (cat->description != NULL)
				lay_paragraph(R->L, TS_BODY, cat->description);
		}
		for (j = 0; j < cat->n; j++) {
			const struct competency *c = &r->comps[cat->first + j];

			if (b->page_break) {
				slide(R, c, mode, slide_parts[parts]);
				continue;
			}
			head(R, c, 0, 1);
			scale(R, c, mode);
		}
	}
}

/* items: paragraphs or bullets [from, to) of sv. */
static void
items(struct rdoc *R, const struct tmpl_block *b, const struct strv *sv,
    size_t from, size_t to)
{
	size_t i;

	if (b->type == TB_BULLETS) {
		lay_bullets(R->L, b->style, sv->v + from, to - from);
		return;
	}
	for (i = from; i < to; i++)
		lay_paragraph(R->L, b->style, sv->v[i]);
}

/* guide_heading: the block's title, or on a later slide the title with
 * "(continued)" (no bookmark). */
static void
guide_heading(struct rdoc *R, const struct tmpl_block *b, int later)
{
	if (!later)
		lay_block_title(R->L, b);
	else if (b->title != NULL && b->title[0] != '\0')
		lay_heading(R->L, 1, doc_printf(R->D, "%s %s", lay_expand(R->L,
		    b->title), doc_word(R->D, TW_CONTINUED)), 0);
}

/* fits: items [from, to) under their heading fill at most one slide. */
static int
fits(struct rdoc *R, const struct tmpl_block *b, const struct strv *sv,
    size_t from, size_t to)
{
	struct lay *keep = measure_begin(R);

	guide_heading(R, b, from > 0);
	items(R, b, sv, from, to);
	return measure_end(R, keep) == 1;
}

/* guide: intro, leaders or individuals as paragraphs or bullets; nothing
 * (not even the title) when the rubric has none. On slides each guide
 * starts a slide, and a slide ends before an item it cannot hold whole
 * (only an item taller than a slide is cut); the last slide takes items
 * from the one before while both still fit and it holds fewer, so that
 * it is not left with a single short item. */
static void
guide(struct rdoc *R, const struct tmpl_block *b, const struct strv *sv)
{
	size_t *start, n = 0, from = 0, to, k;

	if (sv->n == 0)
		return;
	if (R->doc != TD_DECK) {
		lay_block_title(R->L, b);
		items(R, b, sv, 0, sv->n);
		return;
	}
	start = arena_alloc(R->a, (sv->n + 1) * sizeof *start);
	while (from < sv->n) {
		for (to = from + 1; to < sv->n && fits(R, b, sv, from, to + 1);
		    to++)
			;
		start[n++] = from;
		from = to;
	}
	start[n] = sv->n;
	while (n > 1 && start[n] - start[n - 1] + 1 < start[n - 1] -
	    start[n - 2] && fits(R, b, sv, start[n - 1] - 1, sv->n))
		start[n - 1]--;
	lay_page_break(R->L);
	for (k = 0; k < n; k++) {
		if (k > 0)
			lay_page_break(R->L);
		guide_heading(R, b, k > 0);
		items(R, b, sv, start[k], start[k + 1]);
	}
}

/* --- tables: one row per competency or role level --- */

static const char *const f_rcomp[] = { "competency", "category",
	"definition", NULL };
static const char *const f_ladder[] = { "role_level", "expected", "rating",
	NULL };

/* ladder_label: the scale label of role level i's expectation (the
 * highest level not above it). */
static const char *
ladder_label(const struct rubric *r, size_t i)
{
	const char *s = rubric_level_label(r, (int)score_level(
	    &r->scale, r->expectations[i].value));

	return s != NULL ? s : "";
}

/* comp_cell, ladder_cell: doc_cell_fn for the competencies and ladder. */
static void
comp_cell(struct doc *D, void *arg, size_t row, const char *f,
    struct lay_cell *cell)
{
	const struct rubric *r = D->r;
	const struct competency *c = &r->comps[row];

	(void)arg;
	if (strcmp(f, "competency") == 0) {
		cell->text = c->title;
		cell->bold = 1;
	} else if (strcmp(f, "category") == 0)
		cell->text = r->cats[c->category].title;
	else if (strcmp(f, "weight") == 0)
		cell->text = doc_g(D, c->weight);
	else
		cell->text = c->definition;
}

static void
ladder_cell(struct doc *D, void *arg, size_t row, const char *f,
    struct lay_cell *cell)
{
	const struct rubric *r = D->r;

	(void)arg;
	if (strcmp(f, "role_level") == 0) {
		cell->text = r->expectations[row].level;
		cell->bold = 1;
	} else if (strcmp(f, "expected") == 0)
		cell->text = doc_g(D, r->expectations[row].value);
	else
		cell->text = ladder_label(r, row);
}

/* ladder_bars: each role level's expected level on the scale. */
static void
ladder_bars(struct rdoc *R, const struct tmpl_block *b)
{
	const struct rubric *r = R->r;
	struct lay_bar *bars;
	struct lay_bars lb;
	size_t i;

	bars = arena_alloc(R->a, r->nexpectations * sizeof *bars);
	for (i = 0; i < r->nexpectations; i++) {
		bars[i].label = r->expectations[i].level;
		bars[i].value = r->expectations[i].value;
		bars[i].marker = NAN;
		bars[i].status = LS_NONE;
		bars[i].value_text = ladder_label(r, i);
	}
	lb.bars = bars;
	lb.n = r->nexpectations;
	lb.min = r->scale.min;
	lb.max = r->scale.max;
	lb.marker_label = NULL;
	lay_block_title(R->L, b);
	lay_bars(R->L, &lb);
}

/* block: one data block of the handout or deck. A block whose data the
 * rubric lacks (no guide, no expectations) is left out with its title. */
static void
block(struct rdoc *R, const struct tmpl_block *b)
{
	const struct rubric *r = R->r;
	const char *data = b->data;

	if (strcmp(data, "intro") == 0)
		guide(R, b, &r->intro);
	else if (strcmp(data, "leaders") == 0)
		guide(R, b, &r->leaders);
	else if (strcmp(data, "individuals") == 0)
		guide(R, b, &r->individuals);
	else if (strcmp(data, "competency_details") == 0)
		sections(R, b);
	else if (strcmp(data, "scale") == 0 && b->type == TB_SCALE_LEGEND)
		doc_scale_legend(R->D, b);
	else if (strcmp(data, "scale") == 0)
		doc_scale_table(R->D, b);
	else if (strcmp(data, "competencies") == 0)
		doc_table(R->D, b, f_rcomp, r->ncomps, comp_cell, NULL);
	else if (strcmp(data, "ladder") == 0 && r->nexpectations == 0)
		return;
	else if (b->type == TB_BARS)
		ladder_bars(R, b);
	else if (b->type == TB_TABLE)
		doc_table(R->D, b, f_ladder, r->nexpectations, ladder_cell,
		    NULL);
	else
		doc_unsupported(R->D, b);
}

/* rubric_doc: the handout or the deck, block by block. */
static int
rubric_doc(struct render_ctx *ctx, int deck, struct buf *out)
{
	enum tmpl_doc doc = deck ? TD_DECK : TD_HANDOUT;
	const struct doc_shared *sh = ctx->env->shared;
	const struct tmpl *t = deck ? doc_deck_tmpl(ctx->env) : ctx->env->tmpl;
	const struct tmpl_docdef *dd;
	struct doc D;
	struct rdoc R;
	struct buf title;
	int described = 0;
	size_t i;

	buf_init(&title);
	buf_printf(&title, "%s \xe2\x80\x94 %s", sh->rubric->title,
	    tmpl_word(t, deck ? TW_DECK : TW_HANDOUT));
	doc_begin(&D, ctx, deck, title.p);
	buf_free(&title);
	doc_part(&D, doc, NULL);
	R.D = &D;
	R.L = D.L;
	R.t = D.t;
	R.doc = doc;
	R.r = D.r;
	R.a = D.a;
	R.M = NULL;
	dd = tmpl_doc(D.t, doc);
	for (i = 0; i < dd->nblocks; i++) {
		const struct tmpl_block *b = &dd->blocks[i];

		if (!lay_static_block(D.L, b))
			block(&R, b);
		/* the rubric's own description under the handout's title */
		if (b->type == TB_TITLE && !described && !deck &&
		    D.r->description != NULL) {
			lay_paragraph(D.L, TS_SUBTITLE, D.r->description);
			described = 1;
		}
	}
	lay_free(R.M);
	return doc_finish(&D, out);
}

int
doc_handout_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	(void)job;
	return rubric_doc(ctx, 0, out);
}

int
doc_deck_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	(void)job;
	return rubric_doc(ctx, 1, out);
}
