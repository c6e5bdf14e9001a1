/* doc_coaching.c: a person's coaching summary (people/<id>/coaching.pdf),
 * laid out from the template's block list: strengths and growth areas,
 * for each growth area what the next level looks like and the coaching
 * notes, the flagged perception gaps, suggested learning objectives, and
 * room for agreed actions, owners and follow-up dates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc_int.h"

static const char *const person_fields[] = { "name", "job_title",
	"manager", "review_date", "overall", NULL };
static const char *const comp_fields[] = { "competency", "score",
	"expected", "status", "level", NULL };
static const char *const gap_fields[] = { "competency", "self", "manager",
	"gap", "flagged", NULL };
static const char *const action_fields[] = { "action", "owner",
	"follow_up", NULL };

/* What the cell sources read: person p and the competencies of the rows. */
struct co {
	int p;
	const int *comps;
	size_t n;
};

static const char *
person_value(struct doc *D, void *arg, const char *field)
{
	return doc_person_field(D, ((struct co *)arg)->p, field, 1);
}

static void
comp_cell(struct doc *D, void *arg, size_t row, const char *field,
    struct lay_cell *cell)
{
	const struct co *x = arg;

	doc_comp_cell(D, x->p, x->comps[row], field, cell);
}

/* next_level: the lowest level of the scale above s, or -1. */
static int
next_level(const struct rubric *r, double s)
{
	size_t i;

	for (i = 0; i < r->scale.n; i++)
		if (r->scale.levels[i].value > s + 1e-9)
			return r->scale.levels[i].value;
	return -1;
}

/* objectives_of: the competency's objectives, else the descriptors of
 * the next level above s (empty at the top of the scale). */
static const struct strv *
objectives_of(const struct doc *D, int k, double s)
{
	static const struct strv none = { NULL, 0 };
	const struct competency *c = &D->r->comps[k];
	int next = next_level(D->r, s);

	if (c->objectives.n > 0)
		return &c->objectives;
	return next >= 0 ? rubric_descriptors(D->r, c, next) : &none;
}

/* focus: the competencies objectives are suggested for: the growth
 * areas; without any, up to two rated competencies closest to their
 * reference (the smallest s - r, rubric order on ties) that have one. */
static size_t
focus(struct doc *D, int p, int *out)
{
	const struct person_score *ps = &D->agg->people[p];
	size_t n = 0, i, k;

	for (i = 0; i < (size_t)ps->ngrowth; i++)
		out[n++] = ps->growth[i];
	if (n > 0)
		return n;
	while (n < 2) {
		int best = -1;

		for (i = 0; i < D->r->ncomps; i++) {
			const struct comp_score *cs = &ps->comps[i];

			for (k = 0; k < n && out[k] != (int)i; k++)
				;
			if (k < n || isnan(cs->s) ||
			    objectives_of(D, (int)i, cs->s)->n == 0)
				continue;
			if (best < 0 || cs->s - cs->ref < ps->comps[best].s -
			    ps->comps[best].ref - 1e-9)
				best = (int)i;
		}
		if (best < 0)
			break;
		out[n++] = best;
	}
	return n;
}

/* list: strengths or growth areas as a table, bullets or bars; "None"
 * under the title when there are none. */
static void
list(struct doc *D, int p, const struct tmpl_block *b, const int *idx,
    size_t n)
{
	struct co x = { p, idx, n };
	const char **items;
	size_t i;

	if (n == 0) {
		doc_nothing(D, b);
		return;
	}
	if (b->type == TB_TABLE) {
		doc_table(D, b, comp_fields, n, comp_cell, &x);
		return;
	}
	if (b->type == TB_BARS) {
		doc_comp_bars(D, p, b, idx, n);
		return;
	}
	items = arena_alloc(D->a, (n + 1) * sizeof *items);
	for (i = 0; i < n; i++) {
		const struct comp_score *cs = &D->agg->people[p].comps[idx[i]];

		items[i] = isnan(cs->expected) ? doc_printf(D, "%s: %s (%s %s)",
		    D->r->comps[idx[i]].title, doc_num(D, cs->s), doc_word(D,
		    TW_REFERENCE), doc_g(D, cs->ref)) :
		    doc_printf(D, "%s: %s (%s %s)", D->r->comps[idx[i]].title,
		    doc_num(D, cs->s), doc_word(D, TW_EXPECTED),
		    doc_g(D, cs->expected));
	}
	lay_block_title(D->L, b);
	lay_bullets(D->L, b->style, items, n);
}

/* none_line: "Title: None", one line where a block has nothing to show
 * (the usual case of perception gaps: a section of its own would cost
 * a heading's room to say so). */
static void
none_line(struct doc *D, const struct tmpl_block *b)
{
	if (b->title != NULL)
		lay_paragraph(D->L, TS_BODY, doc_printf(D, "%s: %s",
		    lay_expand(D->L, b->title), doc_word(D, TW_NONE)));
}

/* lead: a lead-in label (the style of a grid's keys: a heading of its
 * own would cost a line of space each), then the texts of v as bullets. */
static void
lead(struct doc *D, const char *text, const struct strv *v)
{
	if (v == NULL || v->n == 0)
		return;
	lay_paragraph(D->L, TS_LABEL, text);
	lay_bullets(D->L, TS_BODY, v->v, v->n);
}

/* growth_details: per growth area its figures, what the next level
 * looks like and the rubric's coaching notes. */
static void
growth_details(struct doc *D, int p, const struct tmpl_block *b)
{
	const struct person_score *ps = &D->agg->people[p];
	int i;

	if (ps->ngrowth == 0)
		none_line(D, b);
	if (ps->ngrowth > 0)
		lay_block_title(D->L, b);
	for (i = 0; i < ps->ngrowth; i++) {
		int k = ps->growth[i], next;
		const struct comp_score *cs = &ps->comps[k];
		const struct competency *c = &D->r->comps[k];

		if (b->page_break && i > 0)
			lay_page_break(D->L);
		/* the heading carries the figures (the level reached is the
		 * one below the next level's, printed under it): without an
		 * expectation, the reference the status and the growth area
		 * come from (the rubric's status threshold) */
		lay_heading(D->L, 2, doc_printf(D, "%s \xc2\xb7 %s %s \xc2\xb7 "
		    "%s %s", c->title, doc_word(D, TW_SCORE), doc_num(D, cs->s),
		    doc_word(D, isnan(cs->expected) ? TW_REFERENCE :
		    TW_EXPECTED), doc_g(D, cs->ref)), 0);
		next = next_level(D->r, cs->s);
		if (next >= 0)
			lead(D, doc_printf(D, "%s: %d %s", doc_word(D,
			    TW_NEXT_LEVEL), next, doc_level_label(D, next)),
			    rubric_descriptors(D->r, c, next));
		lead(D, doc_word(D, TW_COACHING_NOTES), &c->coaching);
	}
}

static void
gap_cell(struct doc *D, void *arg, size_t row, const char *field,
    struct lay_cell *cell)
{
	const struct co *x = arg;
	const struct comp_score *cs = &D->agg->people[x->p].comps[x->comps[row]];

	if (strcmp(field, "gap") == 0)
		cell->text = doc_delta(D, cs->gap);
	else if (strcmp(field, "flagged") == 0) {
		cell->text = cs->gap_flag == GAP_BLIND_SPOT ? doc_word(D,
		    TW_BLIND_SPOT) : cs->gap_flag == GAP_HIDDEN_STRENGTH ?
		    doc_word(D, TW_HIDDEN_STRENGTH) : NULL;
		cell->bold = 1;
	} else
		doc_comp_cell(D, x->p, x->comps[row], field, cell);
}

/* gaps: the flagged perception gaps (blind spots, hidden strengths). */
static void
gaps(struct doc *D, int p, const struct tmpl_block *b)
{
	const struct person_score *ps = &D->agg->people[p];
	int *idx = arena_alloc(D->a, (D->r->ncomps + 1) * sizeof *idx);
	struct co x = { p, idx, 0 };
	struct lay_bar *v;
	size_t i;

	for (i = 0; i < D->r->ncomps; i++)
		if (ps->comps[i].gap_flag != GAP_NONE)
			idx[x.n++] = (int)i;
	if (x.n == 0) {
		none_line(D, b);
		return;
	}
	if (b->type == TB_TABLE) {
		doc_table(D, b, gap_fields, x.n, gap_cell, &x);
		return;
	}
	v = arena_alloc(D->a, (x.n + 1) * sizeof *v);
	for (i = 0; i < x.n; i++) {
		const struct comp_score *cs = &ps->comps[idx[i]];

		v[i].label = D->r->comps[idx[i]].title;
		v[i].value = cs->by_role[ROLE_SELF];
		v[i].marker = cs->by_role[ROLE_MANAGER];
		v[i].status = LS_NONE;
		v[i].value_text = doc_printf(D, "%s %s", doc_delta(D, cs->gap),
		    doc_word(D, cs->gap_flag == GAP_BLIND_SPOT ? TW_BLIND_SPOT :
		    TW_HIDDEN_STRENGTH));
	}
	doc_score_bars(D, b, v, x.n, TW_MANAGER);
}

/* objectives: per focus competency its objectives, as one bullet list
 * ("Title: objective") or as a section each. */
/* details_shown: the coaching document has a growth_details block, which
 * prints each growth area's next level already. */
static int
details_shown(const struct doc *D)
{
	const struct tmpl_docdef *dd = tmpl_doc(D->t, TD_COACHING);
	size_t i;

	for (i = 0; i < dd->nblocks; i++)
		if (dd->blocks[i].data != NULL &&
		    strcmp(dd->blocks[i].data, "growth_details") == 0)
			return 1;
	return 0;
}

/* repeated: objectives for competency k would only repeat its next
 * level's descriptors, which growth_details prints for a growth area. */
static int
repeated(const struct doc *D, const struct person_score *ps, int k)
{
	int i;

	if (D->r->comps[k].objectives.n > 0 || !details_shown(D))
		return 0;
	for (i = 0; i < ps->ngrowth; i++)
		if (ps->growth[i] == k)
			return 1;
	return 0;
}

static void
objectives(struct doc *D, int p, const struct tmpl_block *b)
{
	const struct person_score *ps = &D->agg->people[p];
	int idx[3];
	size_t n = focus(D, p, idx), i, j, k = 0, total = 0, m = 0;
	const char **items;

	/* a growth area's default objectives are the next level's
	 * descriptors, printed under it already: not twice */
	for (i = 0; i < n; i++)
		if (!repeated(D, ps, idx[i]))
			idx[m++] = idx[i];
	if (m == 0 && n > 0)
		return;         /* all of it is above: no block at all */
	n = m;

	for (i = 0; i < n; i++)
		total += objectives_of(D, idx[i], ps->comps[idx[i]].s)->n;
	if (total == 0) {
		doc_nothing(D, b);
		return;
	}
	lay_block_title(D->L, b);
	items = arena_alloc(D->a, (total + 1) * sizeof *items);
	for (i = 0; i < n; i++) {
		const struct strv *v = objectives_of(D, idx[i],
		    ps->comps[idx[i]].s);

		if (b->type == TB_SECTIONS) {
			lay_heading(D->L, 2, D->r->comps[idx[i]].title, 0);
			lay_bullets(D->L, TS_BODY, v->v, v->n);
			continue;
		}
		for (j = 0; j < v->n; j++)
			items[k++] = doc_printf(D, "%s: %s",
			    D->r->comps[idx[i]].title, v->v[j]);
	}
	if (k > 0)
		lay_bullets(D->L, b->style, items, k);
}

static void
no_cell(struct doc *D, void *arg, size_t row, const char *field,
    struct lay_cell *cell)
{
	(void)D;
	(void)arg;
	(void)row;
	(void)field;
	(void)cell;
}

/* actions: an empty table to write agreed actions in (4 rows unless the
 * block says how many). */
static void
actions(struct doc *D, const struct tmpl_block *b)
{
	struct tmpl_block copy = *b;

	if (copy.count == 0)
		copy.count = 4;
	doc_table(D, &copy, action_fields, 0, no_cell, NULL);
}

/* block: a data block of person p's coaching summary, by its data name (the
 * doc_block_fn of doc_person_part). */
static void
block(struct doc *D, int p, const struct tmpl_block *b)
{
	const struct person_score *ps = &D->agg->people[p];
	const char *data = b->data != NULL ? b->data : "";
	struct co x = { p, NULL, 0 };

	if (strcmp(data, "person") == 0)
		doc_kv(D, b, person_fields, person_value, &x);
	else if (strcmp(data, "strengths") == 0)
		list(D, p, b, ps->strengths, (size_t)ps->nstrengths);
	else if (strcmp(data, "growth") == 0)
		list(D, p, b, ps->growth, (size_t)ps->ngrowth);
	else if (strcmp(data, "growth_details") == 0)
		growth_details(D, p, b);
	else if (strcmp(data, "gaps") == 0)
		gaps(D, p, b);
	else if (strcmp(data, "objectives") == 0)
		objectives(D, p, b);
	else if (strcmp(data, "actions") == 0)
		actions(D, b);
	else if (strcmp(data, "competencies") == 0)
		doc_comp_block(D, p, b);
	else
		doc_unsupported(D, b);
}

void
doc_coaching_part(struct doc *D, int p, const struct doc_partopt *o)
{
	doc_person_part(D, TD_COACHING, p, o, block);
}

int
doc_coaching_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	struct doc D;

	doc_begin_titled(&D, ctx, 0, TW_COACHING,
	    ctx->env->cycle->people[job->who].name);
	doc_coaching_part(&D, job->who, NULL);
	return doc_finish(&D, out);
}
