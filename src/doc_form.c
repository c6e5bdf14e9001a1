/* doc_form.c: the rating form for reviews done on paper: a person's
 * (people/<id>/form.pdf, the header filled in from the roster) and the
 * blank one (blank-form.pdf). Its rating grid is grouped by category and
 * takes one of two layouts: a level matrix (every competency with its
 * level descriptors and a box to tick per level) or, for a rubric whose
 * competencies carry different weights, a criteria table (competency,
 * definition, weight, a score to write in, comments) with the scale as a
 * scoring system. Then lines for comments and signature lines. It
 * carries no rating. */
#include <math.h>
#include <string.h>

#include "doc_int.h"

static const char *const person_fields[] = { "name", "job_title",
	"department", "manager", "supervisory", "employment", "review_date",
	"period", NULL };
/* The grid's columns when the block lists none, by layout. */
static const char *const matrix_fields[] = { "competency", "levels", NULL };
static const char *const criteria_fields[] = { "competency", "definition",
	"weight", "score", "comments", NULL };
/* Their widths (fractions of the table; 0: an equal share of the rest). */
static const float matrix_widths[] = { 0.16f, 0 };
static const float criteria_widths[] = { 0.17f, 0.4f, 0.07f, 0.1f, 0 };

/* A form's document, person (-1: the blank form) and grid layout, for
 * lay_blocks. */
struct form {
	struct doc *D;
	int p;
	int criteria;           /* 1: criteria table; 0: level matrix */
};

static const char *
person_value(struct doc *D, void *arg, const char *field)
{
	return doc_person_field(D, *(const int *)arg, field, 0);
}

/* level_head: "3 Intermediate proficiency". */
static const char *
level_head(struct doc *D, const struct level *lv)
{
	return doc_printf(D, "%d %s", lv->value, lv->label);
}

/* weighted: the rubric's competencies do not all carry the same weight,
 * so that a reader needs the weights to see what counts (seed 002's
 * Weight column). */
static int
weighted(const struct rubric *r)
{
	size_t k;

	for (k = 1; k < r->ncomps; k++)
		if (r->comps[k].weight != r->comps[0].weight)
			return 1;
	return 0;
}

/* weight_share: competency k's share of the overall rating in percent,
 * as the overall rule (revpack.1, SCORING) weighs it: its category's
 * share times its share within the category when every category has a
 * weight, else its share of all competency weights. NAN when the
 * weights are all 0. */
static double
weight_share(const struct rubric *r, size_t k)
{
	const struct competency *c = &r->comps[k];
	const struct category *cat = &r->cats[c->category];
	double all = 0, in = 0;
	size_t i;
	int by_cat = 1;

	for (i = 0; i < r->ncats; i++)
		by_cat = by_cat && r->cats[i].has_weight;
	if (!by_cat) {
		for (i = 0; i < r->ncomps; i++)
			all += r->comps[i].weight;
		return all > 0 ? 100 * c->weight / all : NAN;
	}
	for (i = 0; i < r->ncats; i++)
		all += r->cats[i].weight;
	for (i = cat->first; i < cat->first + cat->n; i++)
		in += r->comps[i].weight;
	if (all <= 0 || in <= 0)
		return NAN;
	return 100 * (cat->weight / all) * (c->weight / in);
}

/* grid_is_criteria: the layout of a rating_grid table: the criteria
 * table when its columns (or, listing none, the rubric) say so: columns
 * without `levels`, or no columns and a weighted rubric. */
static int
grid_is_criteria(const struct rubric *r, const struct tmpl_block *b)
{
	size_t k;

	if (b->ncolumns == 0)
		return weighted(r);
	for (k = 0; k < b->ncolumns; k++)
		if (b->columns[k].field != NULL &&
		    strcmp(b->columns[k].field, "levels") == 0)
			return 0;
	return 1;
}

/* grid_columns: the block's columns, or the layout's defaults with
 * their widths; the score column's header says the scale's range. */
static struct doc_col *
grid_columns(struct form *f, const struct tmpl_block *b, size_t *n)
{
	struct doc *D = f->D;
	struct doc_col *cols = doc_columns(D, b, f->criteria ?
	    criteria_fields : matrix_fields, n);
	const float *w = f->criteria ? criteria_widths : matrix_widths;
	size_t k;

	for (k = 0; k < *n; k++) {
		if (b->ncolumns == 0)
			cols[k].col.width = w[k];
		if (strcmp(cols[k].field, "score") == 0 &&
		    (b->ncolumns == 0 || b->columns[k].header == NULL))
			cols[k].col.header = doc_printf(D, "%s (%d\xe2\x80\x93%d)",
			    doc_word(D, TW_SCORE), D->r->scale.min,
			    D->r->scale.max);
		if (strcmp(cols[k].field, "weight") == 0 ||
		    strcmp(cols[k].field, "score") == 0)
			cols[k].col.align = TA_CENTER;
	}
	return cols;
}

/* grid_cell: the cell of `field` for competency k (not `levels`). A
 * score or comments cell is left empty to write in. */
static void
grid_cell(struct doc *D, size_t k, const char *field, struct lay_cell *cell)
{
	const struct competency *c = &D->r->comps[k];

	if (strcmp(field, "competency") == 0) {
		cell->text = c->title;
		cell->bold = 1;
	} else if (strcmp(field, "definition") == 0)
		cell->text = c->definition;
	else if (strcmp(field, "weight") == 0)
		cell->text = doc_pct(D, weight_share(D->r, k));
}

/* grid_table: the rating grid of one category, under its heading: one
 * row per competency; the field "levels" becomes one column per level
 * of the scale (sharing the column's width), each cell a tick box above
 * the level's descriptors. */
static void
grid_table(struct form *f, const struct tmpl_block *b,
    const struct category *cat)
{
	struct doc *D = f->D;
	const struct rubric *r = D->r;
	size_t nc, i, k, ncols = 0, row;
	struct doc_col *cols = grid_columns(f, b, &nc);
	struct lay_col *lc = arena_alloc(D->a, (nc * r->scale.n + 1) *
	    sizeof *lc);
	struct lay_cell *cells;
	struct lay_table t;

	for (k = 0; k < nc; k++) {
		if (strcmp(cols[k].field, "levels") != 0) {
			lc[ncols++] = cols[k].col;
			continue;
		}
		for (i = 0; i < r->scale.n; i++) {
			lc[ncols].header = level_head(D, &r->scale.levels[i]);
			lc[ncols].width = cols[k].col.width / (float)r->scale.n;
			lc[ncols++].align = TA_LEFT;
		}
	}
	cells = arena_alloc(D->a, (cat->n * ncols + 1) * sizeof *cells);
	for (row = 0; row < cat->n; row++) {
		const struct competency *c = &r->comps[cat->first + row];
		struct lay_cell *cell = &cells[row * ncols];

		for (k = 0; k < nc; k++) {
			if (strcmp(cols[k].field, "levels") == 0) {
				for (i = 0; i < r->scale.n; i++, cell++) {
					cell->kind = LC_BOX;
					cell->text = doc_join(D, &c->levels[i]);
				}
				continue;
			}
			grid_cell(D, cat->first + row, cols[k].field, cell++);
		}
	}
	t.cols = lc;
	t.ncols = ncols;
	t.cells = cells;
	t.nrows = cat->n;
	t.blank = 0;
	lay_heading(D->L, 2, cat->title, 0);
	lay_table(D->L, &t);
}

/* grid: the block's title, what to do (tick a level, or write a score),
 * then a table per category. */
static void
grid(struct form *f, const struct tmpl_block *b)
{
	struct doc *D = f->D;
	size_t i;

	lay_block_title(D->L, b);
	lay_paragraph(D->L, TS_SMALL, doc_word(D, f->criteria ?
	    TW_WRITE_SCORE : TW_TICK_ONE));
	for (i = 0; i < D->r->ncats; i++)
		grid_table(f, b, &D->r->cats[i]);
}

/* grid_sections: per category a heading, per competency a subheading,
 * its definition, and a row per level: a tick box with the level, then
 * its descriptors. */
static void
grid_sections(struct doc *D, const struct tmpl_block *b)
{
	const struct rubric *r = D->r;
	struct lay_col cols[2];
	struct lay_cell *cells = arena_alloc(D->a, (2 * r->scale.n + 1) *
	    sizeof *cells);
	struct lay_table t = { cols, 2, cells, r->scale.n, 0 };
	size_t i, k;

	cols[0].header = doc_word(D, TW_LEVEL);
	cols[0].width = 0.3f;
	cols[0].align = TA_LEFT;
	cols[1].header = doc_word(D, TW_DESCRIPTOR);
	cols[1].width = 0;
	cols[1].align = TA_LEFT;
	lay_block_title(D->L, b);
	for (k = 0; k < r->ncomps; k++) {
		const struct competency *c = &r->comps[k];

		if (b->page_break && k > 0)
			lay_page_break(D->L);
		if (k == r->cats[c->category].first)
			lay_heading(D->L, 1, r->cats[c->category].title, 1);
		lay_heading(D->L, 2, c->title, 0);
		if (c->definition != NULL)
			lay_paragraph(D->L, TS_SMALL, c->definition);
		for (i = 0; i < r->scale.n; i++) {
			cells[2 * i].kind = LC_BOX;
			cells[2 * i].text = level_head(D, &r->scale.levels[i]);
			cells[2 * i + 1].kind = LC_TEXT;
			cells[2 * i + 1].text = doc_join(D, &c->levels[i]);
		}
		lay_table(D->L, &t);
	}
}

/* level_meaning: "Poor\nDoes not meet expectations": the level's label
 * and, below it, the overall label a score of that level gets, when the
 * rubric's bands give one other than the label itself. */
static const char *
level_meaning(struct doc *D, const struct level *lv)
{
	const struct rubric *r = D->r;
	size_t i;

	for (i = 0; i < r->nbands; i++)
		if (r->bands[i].min <= lv->value)
			break;
	if (i == r->nbands || str_casecmp_ascii(r->bands[i].label,
	    lv->label) == 0)
		return lv->label;
	return doc_printf(D, "%s\n%s", lv->label, r->bands[i].label);
}

/* scoring: the scale as a legend to score by (seed 002's scoring
 * system): each score, its label and what it means. */
static void
scoring(struct doc *D, const struct tmpl_block *b)
{
	const struct scale *sc = &D->r->scale;
	struct lay_level *lv = arena_alloc(D->a, (sc->n + 1) * sizeof *lv);
	size_t i;

	for (i = 0; i < sc->n; i++) {
		lv[i].value = sc->levels[i].value;
		lv[i].label = level_meaning(D, &sc->levels[i]);
	}
	lay_block_title(D->L, b);
	lay_scale_legend(D->L, lv, sc->n);
}

/* form_block: a data block of the form (the lay_block_fn of form_part).
 * Beside a criteria table, where a score is written rather than a level
 * ticked, the scale's legend says what each score means. */
static void
form_block(void *arg, const struct tmpl_block *b)
{
	struct form *f = arg;
	struct doc *D = f->D;
	const char *data = b->data != NULL ? b->data : "";

	if (strcmp(data, "person") == 0)
		doc_kv(D, b, person_fields, person_value, &f->p);
	else if (strcmp(data, "scale") == 0 && b->type == TB_SCALE_LEGEND &&
	    f->criteria)
		scoring(D, b);
	else if (strcmp(data, "scale") == 0 && b->type == TB_SCALE_LEGEND)
		doc_scale_legend(D, b);
	else if (strcmp(data, "scale") == 0)
		doc_scale_table(D, b);
	else if (strcmp(data, "rating_grid") == 0 && b->type == TB_SECTIONS)
		grid_sections(D, b);
	else if (strcmp(data, "rating_grid") == 0)
		grid(f, b);
	else
		doc_unsupported(D, b);
}

/* form_part: the form's blocks; p < 0 for the blank form. With a
 * criteria table, whose Comments column is where comments are written,
 * the form's `lines` blocks are left out: that keeps seed 002's form of
 * six criteria on one page. */
static void
form_part(struct doc *D, enum tmpl_doc doc, int p)
{
	const struct tmpl_docdef *dd = tmpl_doc(D->t, doc);
	struct tmpl_block *blocks = arena_alloc(D->a, (dd->nblocks + 1) *
	    sizeof *blocks);
	struct form f;
	size_t i, n = 0;

	doc_part(D, doc, NULL);
	doc_person_vars(D, p);
	f.D = D;
	f.p = p;
	f.criteria = 0;
	for (i = 0; i < dd->nblocks; i++)
		if (dd->blocks[i].type == TB_TABLE && dd->blocks[i].data != NULL &&
		    strcmp(dd->blocks[i].data, "rating_grid") == 0)
			f.criteria = grid_is_criteria(D->r, &dd->blocks[i]);
	for (i = 0; i < dd->nblocks; i++)
		if (!f.criteria || dd->blocks[i].type != TB_LINES)
			blocks[n++] = dd->blocks[i];
	lay_blocks(D->L, blocks, n, form_block, &f);
}

int
doc_form_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	struct doc D;

	doc_begin_titled(&D, ctx, 0, TW_FORM,
	    ctx->env->cycle->people[job->who].name);
	form_part(&D, TD_FORM, job->who);
	return doc_finish(&D, out);
}

int
doc_blank_form_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	struct doc D;

	(void)job;
	doc_begin_titled(&D, ctx, 0, TW_BLANK_FORM, NULL);
	form_part(&D, TD_BLANK_FORM, -1);
	return doc_finish(&D, out);
}
