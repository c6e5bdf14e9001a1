/* doc_scorecard.c: a person's scorecard (people/<id>/scorecard.pdf), laid
 * out from the template's block list: the header grid, the scale legend,
 * one table per category, the radar, the overall result, the trend, the
 * comments (the anonymity rule applied, in an order that does not follow
 * the input's) and the signature lines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc_int.h"

static const char *const person_fields[] = { "name", "job_title",
	"department", "manager", "supervisory", "employment", "review_date",
	"period", "overall", NULL };
static const char *const overall_fields[] = { "score", "percent", "rating",
	"coverage", "trend", NULL };
static const char *const comp_fields[] = { "competency", "score",
	"manager", "self", "peer", "level", "expected", "status", NULL };
static const char *const trend_fields[] = { "competency", "previous",
	"score", "change", NULL };
static const char *const radar_series[] = { "manager", "self", "expected",
	NULL };

/* What the cell and value sources of this file read. */
struct sc {
	int p;
	const int *comps;       /* competency indices of the table's rows */
	const double *prev;     /* trend: previous s per competency */
};

static const char *
person_value(struct doc *D, void *arg, const char *field)
{
	return doc_person_field(D, ((struct sc *)arg)->p, field, 1);
}

static void
comp_cell(struct doc *D, void *arg, size_t row, const char *field,
    struct lay_cell *cell)
{
	const struct sc *x = arg;

	doc_comp_cell(D, x->p, x->comps[row], field, cell);
}

/* all_comps: every competency index, rubric order. */
static int *
all_comps(struct doc *D)
{
	int *idx = arena_alloc(D->a, (D->r->ncomps + 1) * sizeof *idx);
	size_t i;

	for (i = 0; i < D->r->ncomps; i++)
		idx[i] = (int)i;
	return idx;
}

/* score_rule: one line under the competency tables saying how the
 * scores are made, with the cycle's rater weights and the rubric's
 * category weights as numbers, so a reader can reconcile the page. */
static void
score_rule(struct doc *D)
{
	static const enum tmpl_word role_words[NROLES] = {
		TW_MANAGER, TW_SELF, TW_PEER, TW_DIRECT_REPORT
	};
	const struct rubric *r = D->r;
	struct buf b;
	size_t i, k;
	int weighted = r->ncats > 0;

	buf_init(&b);
	buf_printf(&b, "%s: %s ", doc_word(D, TW_SCORE_RULE), doc_word(D,
	    TW_SCORE_RULE_ROLES));
	for (k = 0; k < NROLES; k++)
		buf_printf(&b, "%s%s %s", k ? ", " : "", doc_word(D,
		    role_words[k]), doc_g(D, D->c->weights[k]));
	for (i = 0; i < r->ncats; i++)
		weighted &= r->cats[i].has_weight;
	if (weighted) {
		buf_printf(&b, "; %s ", doc_word(D, TW_SCORE_RULE_CATS));
		for (i = 0; i < r->ncats; i++)
			buf_printf(&b, "%s%s %s", i ? ", " : "", r->cats[i].title,
			    doc_g(D, r->cats[i].weight));
	} else
		buf_printf(&b, "; %s", doc_word(D, TW_SCORE_RULE_COMPS));
	/* "Percent" of the overall result, spelled out on the scale's ends */
	buf_printf(&b, "; %s = (%s \xe2\x88\x92 %d) / (%d \xe2\x88\x92 %d) "
	    "\xc3\x97 100", doc_word(D, TW_SCORE_RULE_PERCENT), doc_word(D,
	    TW_OVERALL), r->scale.min, r->scale.max, r->scale.min);
	buf_putc(&b, '.');
	lay_note(D->L, TS_SMALL, doc_printf(D, "%s", b.p));
	buf_free(&b);
}

/* The rows of the categories table: per category a row of its own (its
 * title and score, bold) followed by its competencies' rows. */
struct cat_rows {
	int p;
	const int *row_comp;    /* per row: competency index, or -1 - cat */
};

static void
cat_cell(struct doc *D, void *arg, size_t row, const char *field,
    struct lay_cell *cell)
{
	const struct cat_rows *x = arg;
	int k = x->row_comp[row], c = -1 - k;

	if (k >= 0) {
		doc_comp_cell(D, x->p, k, field, cell);
		return;
	}
	cell->bold = 1;
	cell->group = 1;
	if (strcmp(field, "competency") == 0)
		cell->text = D->r->cats[c].title;
	else if (strcmp(field, "score") == 0)
		cell->text = doc_num(D, D->agg->people[x->p].cats[c]);
}

/* categories: one table of every competency, each category's rows under
 * a row of its own with the category's score, so that the whole table
 * fits the first page; then the line saying how the scores are made. */
static void
categories(struct doc *D, int p, const struct tmpl_block *b)
{
	const struct rubric *r = D->r;
	size_t n = r->ncats + r->ncomps, c, i, row = 0;
	int *rows = arena_alloc(D->a, (n + 1) * sizeof *rows);
	struct cat_rows x = { p, rows };

	for (c = 0; c < r->ncats; c++) {
		rows[row++] = -1 - (int)c;
		for (i = 0; i < r->cats[c].n; i++)
			rows[row++] = (int)(r->cats[c].first + i);
	}
	doc_table(D, b, comp_fields, row, cat_cell, &x);
	if (D->c != NULL)
		score_rule(D);
}

void
doc_score_bars(struct doc *D, const struct tmpl_block *b,
    const struct lay_bar *v, size_t n, enum tmpl_word marker)
{
	struct lay_bars bars;

	bars.bars = v;
	bars.n = n;
	bars.min = D->r->scale.min;     /* the axis from the scale's minimum */
	bars.max = D->r->scale.max;
	bars.marker_label = doc_word(D, marker);
	lay_block_title(D->L, b);
	lay_bars(D->L, &bars);
}

void
doc_comp_bars(struct doc *D, int p, const struct tmpl_block *b,
    const int *idx, size_t n)
{
	const struct person_score *ps = &D->agg->people[p];
	struct lay_bar *v = arena_alloc(D->a, (n + 1) * sizeof *v);
	size_t i;

	for (i = 0; i < n; i++) {
		const struct comp_score *cs = &ps->comps[idx[i]];

		v[i].label = D->r->comps[idx[i]].title;
		v[i].value = cs->s;
		v[i].marker = cs->expected;
		v[i].status = doc_status(cs->status);
		v[i].value_text = isnan(cs->s) ? doc_word(D, TW_UNRATED) :
		    doc_num(D, cs->s);
	}
	if (n > 0)
		doc_score_bars(D, b, v, n, TW_EXPECTED);
}

/* series_of: one radar series (a role's means, the score or the
 * expected level); 0 when it has no value to draw. */
static int
series_of(struct doc *D, int p, const char *f, struct lay_series *s)
{
	const struct person_score *ps = &D->agg->people[p];
	size_t n = D->r->ncomps, i;
	double *v = arena_alloc(D->a, (n + 1) * sizeof *v);
	int role = role_parse(f), any = 0;

	for (i = 0; i < n; i++) {
		const struct comp_score *cs = &ps->comps[i];

		v[i] = role >= 0 ? (cs->shown[role] ? cs->by_role[role] : NAN) :
		    strcmp(f, "expected") == 0 ? cs->expected :
		    strcmp(f, "score") == 0 ? cs->s : NAN;
		any |= !isnan(v[i]);
	}
	s->name = doc_word(D, tmpl_field_word(f));
	s->values = v;
	/* each series its own line, not only its own colour: manager
	 * solid, self dashed, peers dotted, the expected level long dashes */
	s->dashed = strcmp(f, "expected") == 0 ? 4 : role == ROLE_SELF ? 2 :
	    role >= 0 && role != ROLE_MANAGER ? 1 : 0;
	s->color = role == ROLE_MANAGER ? TC_MANAGER : role == ROLE_SELF ?
	    TC_SELF : role >= 0 ? TC_PEER : strcmp(f, "expected") == 0 ?
	    TC_EXPECTED : TC_ACCENT;
	return any;
}

static void
radar(struct doc *D, int p, const struct tmpl_block *b)
{
	const char *const *f = b->nfields > 0 ? b->fields : radar_series;
	size_t nf = b->nfields > 0 ? b->nfields : 3, i, n = 0;
	struct lay_series *s = arena_alloc(D->a, (nf + 1) * sizeof *s);
	const char **axes = arena_alloc(D->a, (D->r->ncomps + 1) *
	    sizeof *axes);
	struct lay_radar rd;

	for (i = 0; i < nf; i++)
		n += (size_t)series_of(D, p, f[i], &s[n]);
	for (i = 0; i < D->r->ncomps; i++)
		axes[i] = D->r->comps[i].title;
	if (n == 0)
		return;
	rd.axes = axes;
	rd.naxes = D->r->ncomps;
	rd.series = s;
	rd.nseries = n;
	rd.min = D->r->scale.min;
	rd.max = D->r->scale.max;
	rd.size = b->height;
	lay_block_title(D->L, b);
	lay_radar(D->L, &rd);
}

void
doc_comp_block(struct doc *D, int p, const struct tmpl_block *b)
{
	struct sc x = { p, all_comps(D), NULL };

	if (b->type == TB_TABLE)
		doc_table(D, b, comp_fields, D->r->ncomps, comp_cell, &x);
	else if (b->type == TB_RADAR && (D->r->scale.n < 4 ||
	    D->r->ncomps < 5))
		/* a radar of fewer than 4 levels or 5 spokes is a star or a
		 * sliver that says less than the bars: bars instead */
		doc_comp_bars(D, p, b, x.comps, D->r->ncomps);
	else if (b->type == TB_RADAR)
		radar(D, p, b);
	else if (b->type == TB_BARS)
		doc_comp_bars(D, p, b, x.comps, D->r->ncomps);
	else
		doc_unsupported(D, b);
}

static void
statuses(struct doc *D, int p, const struct tmpl_block *b)
{
	static const enum status order[] = { STATUS_GREEN, STATUS_YELLOW,
		STATUS_RED, STATUS_NONE };
	const struct person_score *ps = &D->agg->people[p];
	struct lay_chip chips[4];
	size_t i, k, n = 0;

	for (k = 0; k < 4; k++) {
		int count = 0;

		for (i = 0; i < D->r->ncomps; i++)
			count += ps->comps[i].status == order[k];
		if (count == 0)
			continue;
		chips[n].status = doc_status(order[k]);
		chips[n].text = doc_printf(D, "%s %d", doc_status_word(D,
		    order[k]), count);
		n++;
	}
	lay_block_title(D->L, b);
	lay_chips(D->L, chips, n);
}

/* --- trend --- */

/* previous_scores: s of each competency in the previous cycle (NAN where
 * missing), or NULL when p is not in it. */
static double *
previous_scores(struct doc *D, int p)
{
	const struct cycle *pc = D->c->previous;
	const struct aggregates *pa = D->agg->previous;
	double *v;
	int pp;
	size_t i;

	if (pc == NULL || pa == NULL || !D->agg->people[p].in_previous)
		return NULL;
	pp = cycle_person(pc, D->c->people[p].id);
	if (pp < 0)
		return NULL;
	v = arena_alloc(D->a, (D->r->ncomps + 1) * sizeof *v);
	for (i = 0; i < D->r->ncomps; i++) {
		int k = rubric_comp(pc->rubric, D->r->comps[i].id);

		v[i] = k >= 0 ? pa->people[pp].comps[k].s : NAN;
	}
	v[D->r->ncomps] = pa->people[pp].overall;
	return v;
}

/* trend_cell: row 0 is the overall result, row i the competency i-1. */
static void
trend_cell(struct doc *D, void *arg, size_t row, const char *field,
    struct lay_cell *cell)
{
	const struct sc *x = arg;
	const struct person_score *ps = &D->agg->people[x->p];
	size_t n = D->r->ncomps;
	double now = row == 0 ? ps->overall : ps->comps[row - 1].s;
	double then = x->prev[row == 0 ? n : row - 1];

	cell->bold = row == 0;
	if (strcmp(field, "competency") == 0)
		cell->text = row == 0 ? doc_word(D, TW_OVERALL) :
		    D->r->comps[row - 1].title;
	else if (strcmp(field, "previous") == 0)
		cell->text = doc_num(D, then);
	else if (strcmp(field, "score") == 0)
		cell->text = doc_num(D, now);
	else if (strcmp(field, "change") == 0)
		cell->text = doc_delta(D, row == 0 ? ps->trend_overall :
		    ps->comps[row - 1].trend);
}

static void
trend(struct doc *D, int p, const struct tmpl_block *b)
{
	struct sc x = { p, NULL, previous_scores(D, p) };
	const struct person_score *ps = &D->agg->people[p];
	struct lay_bar *v;
	size_t i, n = D->r->ncomps;

	if (x.prev == NULL)
		return;
	if (b->type == TB_TABLE) {
		doc_table(D, b, trend_fields, n + 1, trend_cell, &x);
		return;
	}
	v = arena_alloc(D->a, (n + 1) * sizeof *v);
	for (i = 0; i < n; i++) {
		const struct comp_score *cs = &ps->comps[i];

		v[i].label = D->r->comps[i].title;
		v[i].value = cs->s;
		v[i].marker = x.prev[i];
		v[i].status = doc_status(cs->status);
		v[i].value_text = doc_printf(D, "%s (%s)", doc_num(D, cs->s),
		    doc_delta(D, cs->trend));
	}
	doc_score_bars(D, b, v, n, TW_PREVIOUS);
}

/* --- comments --- */

static const enum tmpl_word role_words[NROLES] = {
	[ROLE_MANAGER] = TW_MANAGER, [ROLE_SELF] = TW_SELF,
	[ROLE_PEER] = TW_PEER, [ROLE_DIRECT_REPORT] = TW_DIRECT_REPORT
};

/* The lines of one comment a scorecard prints: a comment of 30,000 short
 * lines made a 529-page scorecard. The aggregates carry no comments, so
 * the note sends the reader to the ratings file, which has it whole. */
#define COMMENT_MAX_LINES 40

/* comment_text: text as printed: its first COMMENT_MAX_LINES lines, then
 * on a line of its own the template's word "shortened" with {n} the
 * number of lines left out. Allocated in D's arena, or text itself. */
static const char *
comment_text(struct doc *D, const char *text)
{
	const char *p, *cut = NULL, *word, *n;
	size_t lines = 1;

	for (p = text; *p != '\0'; p++)
		if (*p == '\n' && ++lines == COMMENT_MAX_LINES + 1)
			cut = p;
	if (cut == NULL)
		return text;
	word = doc_word(D, TW_SHORTENED);
	n = strstr(word, "{n}");
	if (n == NULL)
		return doc_printf(D, "%.*s\n%s", (int)(cut - text), text, word);
	return doc_printf(D, "%.*s\n%.*s%zu%s", (int)(cut - text), text,
	    (int)(n - word), word, lines - COMMENT_MAX_LINES, n + 3);
}

/* comments: general comments first, then under a subheading per
 * competency, each "Role: text" with no rater's identity. */
static void
comments(struct doc *D, int p, const struct tmpl_block *b)
{
	size_t n, i, j;
	struct doc_comment *cm = doc_comments(D->c, D->agg, p, &n);
	const char **items = arena_alloc(D->a, (n + 1) * sizeof *items);

	if (n > 0)
		lay_block_title(D->L, b);
	for (i = 0; i < n; i = j) {
		size_t k = 0;

		for (j = i; j < n && cm[j].comp == cm[i].comp; j++)
			items[k++] = doc_printf(D, "%s: %s", doc_word(D,
			    role_words[cm[j].role]),
			    comment_text(D, cm[j].text));
		if (cm[i].comp >= 0)
			lay_heading(D->L, 2, D->r->comps[cm[i].comp].title, 0);
		if (b->type == TB_BULLETS)
			lay_bullets(D->L, b->style, items, k);
		else
			for (k = 0; i + k < j; k++)
				lay_paragraph(D->L, b->style, items[k]);
	}
	free(cm);
}

/* --- the part --- */

/* block: a data block of person p's scorecard, by its data name (the
 * doc_block_fn of doc_person_part). */
static void
block(struct doc *D, int p, const struct tmpl_block *b)
{
	const char *data = b->data != NULL ? b->data : "";
	struct sc x = { p, NULL, NULL };

	if (strcmp(data, "person") == 0)
		doc_kv(D, b, person_fields, person_value, &x);
	else if (strcmp(data, "overall") == 0)
		doc_kv(D, b, overall_fields, person_value, &x);
	else if (strcmp(data, "scale") == 0 && b->type == TB_SCALE_LEGEND)
		doc_scale_legend(D, b);
	else if (strcmp(data, "scale") == 0)
		doc_scale_table(D, b);
	else if (strcmp(data, "categories") == 0)
		categories(D, p, b);
	else if (strcmp(data, "competencies") == 0)
		doc_comp_block(D, p, b);
	else if (strcmp(data, "statuses") == 0)
		statuses(D, p, b);
	else if (strcmp(data, "trend") == 0)
		trend(D, p, b);
	else if (strcmp(data, "comments") == 0)
		comments(D, p, b);
	else
		doc_unsupported(D, b);
}

void
doc_scorecard_part(struct doc *D, int p, const struct doc_partopt *o)
{
	doc_person_part(D, TD_SCORECARD, p, o, block);
}

int
doc_scorecard_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	struct doc D;

	doc_begin_titled(&D, ctx, 0, TW_SCORECARD,
	    ctx->env->cycle->people[job->who].name);
	doc_scorecard_part(&D, job->who, NULL);
	return doc_finish(&D, out);
}
