/* doc_form.c: the rating form for reviews done on paper: a person's
 * (people/<id>/form.pdf, the header filled in from the roster) and the
 * blank one (blank-form.pdf): every competency with its level descriptors
 * and a box to tick per level, lines for comments, signature lines. It
 * carries no rating. */
#include <string.h>

#include "doc_int.h"

static const char *const person_fields[] = { "name", "job_title",
	"department", "manager", "supervisory", "employment", "review_date",
	"period", NULL };
static const char *const grid_fields[] = { "competency", "levels", NULL };

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

/* grid_table: one row per competency; the field "levels" becomes one
 * column per level of the scale (sharing the column's width), each cell
 * a tick box above the level's descriptors. */
static void
grid_table(struct doc *D, const struct tmpl_block *b)
{
	const struct rubric *r = D->r;
	size_t nc, i, k, ncols = 0, row;
	struct doc_col *cols = doc_columns(D, b, grid_fields, &nc);
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
	cells = arena_alloc(D->a, (r->ncomps * ncols + 1) * sizeof *cells);
	for (row = 0; row < r->ncomps; row++) {
		const struct competency *c = &r->comps[row];
		struct lay_cell *cell = &cells[row * ncols];

		for (k = 0; k < nc; k++) {
			if (strcmp(cols[k].field, "levels") == 0) {
				for (i = 0; i < r->scale.n; i++, cell++) {
					cell->kind = LC_BOX;
					cell->text = doc_join(D, &c->levels[i]);
				}
				continue;
			}
			if (strcmp(cols[k].field, "competency") == 0) {
				cell->text = c->title;
				cell->bold = 1;
			} else if (strcmp(cols[k].field, "definition") == 0)
				cell->text = c->definition;
			cell++;
		}
	}
	t.cols = lc;
	t.ncols = ncols;
	t.cells = cells;
	t.nrows = r->ncomps;
	t.blank = 0;
	lay_block_title(D->L, b);
	lay_table(D->L, &t);
}

/* grid_sections: per competency a heading, its definition, and a row
 * per level: a tick box with the level, then its descriptors. */
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

/* A form's document and person (-1: the blank form), for lay_blocks. */
struct form {
	struct doc *D;
	int p;
};

/* form_block: a data block of the form (the lay_block_fn of form_part). */
static void
form_block(void *arg, const struct tmpl_block *b)
{
	struct form *f = arg;
	struct doc *D = f->D;
	const char *data = b->data != NULL ? b->data : "";

	if (strcmp(data, "person") == 0)
		doc_kv(D, b, person_fields, person_value, &f->p);
	else if (strcmp(data, "scale") == 0 && b->type == TB_SCALE_LEGEND)
		doc_scale_legend(D, b);
	else if (strcmp(data, "scale") == 0)
		doc_scale_table(D, b);
	else if (strcmp(data, "rating_grid") == 0 && b->type == TB_SECTIONS)
		grid_sections(D, b);
	else if (strcmp(data, "rating_grid") == 0)
		grid_table(D, b);
	else
		doc_unsupported(D, b);
}

/* form_part: the form's blocks; p < 0 for the blank form. */
static void
form_part(struct doc *D, enum tmpl_doc doc, int p)
{
	const struct tmpl_docdef *dd = tmpl_doc(D->t, doc);
	struct form f;

	doc_part(D, doc, NULL);
	doc_person_vars(D, p);
	f.D = D;
	f.p = p;
	lay_blocks(D->L, dd->blocks, dd->nblocks, form_block, &f);
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
