/* doc_team.c: the group summaries: a manager's team (managers/<id>/
 * team.pdf, also a part of the manager packet), a department
 * (departments/<slug>.pdf) and the organisation (org.pdf): who is in it,
 * the heatmap of people by competencies, per-competency figures and
 * distributions, skill gaps, overall labels, trends and, for the
 * organisation, the calibration of managers. Only official scores s are
 * shown (they already respect the anonymity rule); no role means. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

/* A skill gap: most people with an expectation fall below it. */
#define GAP_SHARE 0.5

/* The group being summarised. */
struct gdoc {
	struct doc *D;
	const struct group *g;
	int manager;            /* the team's manager (person index), or -1 */
	int dept;               /* the department's index, or -1 */
	size_t *gaps;           /* skill gaps, ranked (competency indices) */
	size_t ngaps;
	size_t *trend;          /* competencies with a trend, rubric order */
	size_t ntrend;
};

static const char *const f_group[] = { "manager", "department", "members",
	"review_date", "period", NULL };
static const char *const f_people[] = { "name", "job_title", "level",
	"overall", "coverage", NULL };
static const char *const f_stats[] = { "competency", "n", "mean", "median",
	"stdev", "min", "max", "below_expected", NULL };
static const char *const f_gaps[] = { "competency", "below_expected",
	"below_share", "mean", NULL };
static const char *const f_labels[] = { "rating", "people", NULL };
static const char *const f_trend[] = { "competency", "previous", "score",
	"change", NULL };
static const char *const f_calib[] = { "manager", "ratings", "mean_given",
	"delta_vs_org", "flagged", NULL };

/* --- the group --- */

/* group_value: a `group` field, or NULL where it does not apply (no
 * manager for a department, no department for the organisation). */
static const char *
group_value(struct doc *D, void *arg, const char *f)
{
	const struct gdoc *G = arg;
	const struct cycle *c = D->c;

	if (strcmp(f, "manager") == 0)
		return G->manager >= 0 ? c->people[G->manager].name : NULL;
	if (strcmp(f, "department") == 0) {
		if (G->dept >= 0)
			return c->depts[G->dept].name;
		return G->manager >= 0 ? c->people[G->manager].department :
		    NULL;
	}
	if (strcmp(f, "members") == 0)
		return doc_printf(D, "%zu", G->g->nmembers);
	if (strcmp(f, "cycle") == 0)
		return c->title;
	if (strcmp(f, "review_date") == 0)
		return doc_date(D, c->review_date);
	return doc_period(D);
}

/* group_kv: the group's key-value grid, leaving out the fields that do
 * not apply (a blank would read as a line to write on). */
static void
group_kv(struct gdoc *G, const struct tmpl_block *b)
{
	struct doc *D = G->D;
	const char *const *f = b->nfields > 0 ? b->fields : f_group;
	size_t n = b->nfields > 0 ? b->nfields : NELEM(f_group) - 1, i, k = 0;
	struct lay_kv *kv = arena_alloc(D->a, (n + 1) * sizeof *kv);

	for (i = 0; i < n; i++) {
		const char *v = group_value(D, G, f[i]);

		if (v == NULL || v[0] == '\0')
			continue;
		kv[k].key = doc_word(D, tmpl_field_word(f[i]));
		kv[k++].value = v;
	}
	if (k == 0)
		return;
	lay_block_title(D->L, b);
	lay_kv_grid(D->L, kv, k, b->columns_n);
}

/* --- people --- */

static void
heatmap(struct gdoc *G, const struct tmpl_block *b)
{
	struct doc *D = G->D;
	const struct rubric *r = D->r;
	const struct group *g = G->g;
	const char **rows = arena_alloc(D->a, (g->nmembers + 1) * sizeof *rows);
	const char **cols = arena_alloc(D->a, (r->ncomps + 1) * sizeof *cols);
	struct lay_cell *cells = arena_alloc(D->a, (g->nmembers * r->ncomps +
	    1) * sizeof *cells);
	struct lay_heatmap h;
	size_t i, k;

	if (g->nmembers == 0)
		return;
	for (k = 0; k < r->ncomps; k++)
		cols[k] = r->comps[k].title;
	for (i = 0; i < g->nmembers; i++) {
		int p = g->members[i];
		const struct person_score *ps = &D->agg->people[p];

		rows[i] = D->c->people[p].name;
		for (k = 0; k < r->ncomps; k++) {
			const struct comp_score *cs = &ps->comps[k];
			struct lay_cell *cell = &cells[i * r->ncomps + k];

			cell->status = doc_status(cs->status);
			cell->text = isnan(cs->s) ? NULL : doc_num(D, cs->s);
		}
	}
	h.rows = rows;
	h.nrows = g->nmembers;
	h.cols = cols;
	h.ncols = r->ncomps;
	h.cells = cells;
	h.key[0] = doc_word(D, TW_RED);
	h.key[1] = doc_word(D, TW_YELLOW);
	h.key[2] = doc_word(D, TW_GREEN);
	lay_block_title(D->L, b);
	lay_heatmap(D->L, &h);
}

static void
people_cell(struct doc *D, void *arg, size_t row, const char *f,
    struct lay_cell *cell)
{
	const struct gdoc *G = arg;

	cell->text = doc_person_field(D, G->g->members[row], f, 1);
	cell->bold = strcmp(f, "name") == 0;
}

/* --- per competency --- */

/* expected_range: the expected levels of the group's members ("3", or
 * "2–5" when they differ); doc_dash when no member has one. */
static const char *
expected_range(struct gdoc *G, size_t k)
{
	struct doc *D = G->D;
	double lo = NAN, hi = NAN;
	size_t i;

	for (i = 0; i < G->g->nmembers; i++) {
		double e = D->agg->people[G->g->members[i]].comps[k].expected;

		if (isnan(e))
			continue;
		lo = isnan(lo) || e < lo ? e : lo;
		hi = isnan(hi) || e > hi ? e : hi;
	}
	if (isnan(lo))
		return doc_dash;
	if (lo == hi)
		return doc_g(D, lo);
	return doc_printf(D, "%s\xe2\x80\x93%s", doc_g(D, lo), doc_g(D, hi));
}

/* distribution: people per level, lowest level first ("0 · 2 · 4"). */
static const char *
distribution(struct gdoc *G, const struct group_comp *gc)
{
	struct buf b;
	const char *s;
	size_t i;

	buf_init(&b);
	for (i = 0; i < G->D->r->scale.n; i++)
		buf_printf(&b, "%s%d", i > 0 ? " \xc2\xb7 " : "",
		    gc->distribution[i]);
	s = doc_printf(G->D, "%s", b.p != NULL ? b.p : "");
	buf_free(&b);
	return s;
}

/* stat_text: a field of a group's competency k. */
static const char *
stat_text(struct gdoc *G, size_t k, const char *f)
{
	struct doc *D = G->D;
	const struct group_comp *gc = &G->g->comps[k];

	if (strcmp(f, "competency") == 0)
		return D->r->comps[k].title;
	if (strcmp(f, "n") == 0)
		return doc_printf(D, "%d", gc->n);
	if (strcmp(f, "mean") == 0 || strcmp(f, "score") == 0)
		return doc_num(D, gc->mean);
	if (strcmp(f, "median") == 0)
		return doc_num(D, gc->median);
	if (strcmp(f, "stdev") == 0)
		return doc_num(D, gc->stdev);
	if (strcmp(f, "min") == 0)
		return doc_num(D, gc->min);
	if (strcmp(f, "max") == 0)
		return doc_num(D, gc->max);
	if (strcmp(f, "expected") == 0)
		return expected_range(G, k);
	if (strcmp(f, "below_expected") == 0)
		return doc_printf(D, "%d", gc->below_expected);
	if (strcmp(f, "below_share") == 0)
		return doc_pct(D, isnan(gc->below_share) ? NAN :
		    round2(gc->below_share * 100));
	if (strcmp(f, "distribution") == 0)
		return distribution(G, gc);
	if (strcmp(f, "previous") == 0)
		return doc_num(D, isnan(gc->trend) ? NAN :
		    round2(gc->mean - gc->trend));
	/* trend, change */
	return doc_delta(D, gc->trend);
}

/* The rows of a competency table: every competency, the skill gaps or
 * the competencies with a trend. */
struct rows {
	struct gdoc *G;
	const size_t *idx;      /* NULL: rubric order */
};

static void
stat_cell(struct doc *D, void *arg, size_t row, const char *f,
    struct lay_cell *cell)
{
	const struct rows *R = arg;
	size_t k = R->idx != NULL ? R->idx[row] : row;

	(void)D;
	cell->text = stat_text(R->G, k, f);
	cell->bold = strcmp(f, "competency") == 0;
	if (strcmp(f, "change") == 0 || strcmp(f, "trend") == 0) {
		double t = R->G->g->comps[k].trend;

		cell->status = isnan(t) || t == 0 ? LS_NONE : t > 0 ?
		    LS_GREEN : LS_RED;
	}
}

/* gap_cmp: larger share below first, then more people below, then
 * rubric order. */
static int
gap_cmp(const void *a, const void *b, const struct group *g)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct group_comp *p = &g->comps[x], *q = &g->comps[y];

	if (p->below_share != q->below_share)
		return p->below_share > q->below_share ? -1 : 1;
	if (p->below_expected != q->below_expected)
		return p->below_expected > q->below_expected ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* find_gaps: the skill gaps (below_share above GAP_SHARE), ranked, and
 * the competencies with a trend. Insertion sort: a rubric has tens of
 * competencies. */
static void
find_rows(struct gdoc *G)
{
	const struct rubric *r = G->D->r;
	size_t k, i;

	G->gaps = arena_alloc(G->D->a, (r->ncomps + 1) * sizeof *G->gaps);
	G->trend = arena_alloc(G->D->a, (r->ncomps + 1) * sizeof *G->trend);
	for (k = 0; k < r->ncomps; k++) {
		const struct group_comp *gc = &G->g->comps[k];

		if (!isnan(gc->trend))
			G->trend[G->ntrend++] = k;
		if (isnan(gc->below_share) || gc->below_share <= GAP_SHARE +
		    1e-9)
			continue;
		for (i = G->ngaps; i > 0 && gap_cmp(&k, &G->gaps[i - 1],
		    G->g) < 0; i--)
			G->gaps[i] = G->gaps[i - 1];
		G->gaps[i] = k;
		G->ngaps++;
	}
}

/* stat_bars: mean per competency (marker: the expected level when the
 * members share one), skill gaps as the share below expectation, trends
 * as the mean now with the mean then as the marker. */
static void
stat_bars(struct gdoc *G, const struct tmpl_block *b, const size_t *idx,
    size_t n, int kind)
{
	struct doc *D = G->D;
	struct lay_bar *bars = arena_alloc(D->a, (n + 1) * sizeof *bars);
	struct lay_bars lb;
	size_t i;

	lb.min = D->r->scale.min;
	lb.max = D->r->scale.max;
	lb.marker_label = NULL;
	for (i = 0; i < n; i++) {
		size_t k = idx != NULL ? idx[i] : i;
		const struct group_comp *gc = &G->g->comps[k];
		struct lay_bar *x = &bars[i];
		const char *e = expected_range(G, k);

		x->label = D->r->comps[k].title;
		x->marker = NAN;
		x->status = LS_NONE;
		x->value = gc->mean;
		x->value_text = doc_num(D, gc->mean);
		if (kind == 's' && strchr(e, '\xe2') == NULL && e != doc_dash) {
			x->marker = strtod(e, NULL);
			lb.marker_label = doc_word(D, TW_EXPECTED);
		} else if (kind == 'g') {
			x->value = gc->below_share * 100;
			x->value_text = doc_printf(D, "%s (%d)", stat_text(G, k,
			    "below_share"), gc->below_expected);
			x->status = LS_RED;
		} else if (kind == 't') {
			x->marker = round2(gc->mean - gc->trend);
			x->value_text = doc_printf(D, "%s (%s)", doc_num(D,
			    gc->mean), doc_delta(D, gc->trend));
			x->status = gc->trend > 0 ? LS_GREEN : gc->trend < 0 ?
			    LS_RED : LS_NONE;
			lb.marker_label = doc_word(D, TW_PREVIOUS);
		}
	}
	if (kind == 'g') {
		lb.min = 0;
		lb.max = 100;
	}
	lb.bars = bars;
	lb.n = n;
	lay_block_title(D->L, b);
	lay_bars(D->L, &lb);
}

/* stat_histogram: people per level, a stacked bar per competency. */
static void
stat_histogram(struct gdoc *G, const struct tmpl_block *b, const size_t *idx,
    size_t n)
{
	struct doc *D = G->D;
	const struct scale *sc = &D->r->scale;
	const char **levels = arena_alloc(D->a, (sc->n + 1) * sizeof *levels);
	const char **rows = arena_alloc(D->a, (n + 1) * sizeof *rows);
	double *counts = arena_alloc(D->a, (n * sc->n + 1) * sizeof *counts);
	struct lay_histogram h;
	size_t i, l;

	for (l = 0; l < sc->n; l++)
		levels[l] = sc->levels[l].label;
	for (i = 0; i < n; i++) {
		size_t k = idx != NULL ? idx[i] : i;

		rows[i] = D->r->comps[k].title;
		for (l = 0; l < sc->n; l++)
			counts[i * sc->n + l] =
			    G->g->comps[k].distribution[l];
	}
	h.levels = levels;
	h.nlevels = sc->n;
	h.rows = rows;
	h.nrows = n;
	h.counts = counts;
	h.height = b->height;
	lay_block_title(D->L, b);
	lay_histogram(D->L, &h);
}

/* competencies: a competency_stats, skill_gaps or trend block. A list
 * with nothing in it says "None" (skill gaps) or is left out (trends
 * without a previous cycle). */
static void
competencies(struct gdoc *G, const struct tmpl_block *b)
{
	struct rows R;
	size_t n;
	const char *const *defaults;
	int kind;

	R.G = G;
	if (strcmp(b->data, "skill_gaps") == 0) {
		R.idx = G->gaps;
		n = G->ngaps;
		defaults = f_gaps;
		kind = 'g';
		if (n == 0) {
			doc_nothing(G->D, b);
			return;
		}
	} else if (strcmp(b->data, "trend") == 0) {
		R.idx = G->trend;
		n = G->ntrend;
		defaults = f_trend;
		kind = 't';
		if (n == 0)
			return;
	} else {
		R.idx = NULL;
		n = G->D->r->ncomps;
		defaults = f_stats;
		kind = 's';
	}
	if (b->type == TB_BARS)
		stat_bars(G, b, R.idx, n, kind);
	else if (b->type == TB_HISTOGRAM)
		stat_histogram(G, b, R.idx, n);
	else
		doc_table(G->D, b, defaults, n, stat_cell, &R);
}

/* --- overall labels --- */

/* label_order: the aggregates' labels lowest first (bands are listed
 * highest first, then the level labels below every band). */
static size_t *
label_order(struct doc *D)
{
	const struct aggregates *a = D->agg;
	size_t n = a->nlabels, nb = D->r->nbands, *o, i, k = 0;

	o = arena_alloc(D->a, (n + 1) * sizeof *o);
	if (nb == 0) {
		for (i = 0; i < n; i++)
			o[i] = i;
		return o;
	}
	for (i = nb; i < n; i++)
		o[k++] = i;
	for (i = nb; i > 0; i--)
		o[k++] = i - 1;
	return o;
}

static void
label_cell(struct doc *D, void *arg, size_t row, const char *f,
    struct lay_cell *cell)
{
	const struct gdoc *G = arg;

	if (strcmp(f, "rating") == 0) {
		cell->text = D->agg->labels[row];
		cell->bold = 1;
	} else
		cell->text = doc_printf(D, "%d", G->g->labels[row]);
}

/* labels: people per overall label: a histogram lowest label first
 * (coloured like the scale), bars or a table in the rubric's order. */
static void
labels(struct gdoc *G, const struct tmpl_block *b)
{
	struct doc *D = G->D;
	size_t n = D->agg->nlabels, i, *o = label_order(D);
	double *counts = arena_alloc(D->a, (n + 1) * sizeof *counts), max = 0;

	if (b->type == TB_TABLE) {
		doc_table(D, b, f_labels, n, label_cell, G);
		return;
	}
	for (i = 0; i < n; i++) {
		counts[i] = G->g->labels[o[i]];
		max = counts[i] > max ? counts[i] : max;
	}
	lay_block_title(D->L, b);
	if (b->type == TB_HISTOGRAM) {
		const char **lv = arena_alloc(D->a, (n + 1) * sizeof *lv);
		struct lay_histogram h;

		for (i = 0; i < n; i++)
			lv[i] = D->agg->labels[o[i]];
		h.levels = lv;
		h.nlevels = n;
		h.rows = NULL;
		h.nrows = 1;
		h.counts = counts;
		h.height = b->height;
		lay_histogram(D->L, &h);
	} else {
		struct lay_bar *bars = arena_alloc(D->a, (n + 1) * sizeof *bars);
		struct lay_bars lb = { bars, n, 0, max > 0 ? max : 1, NULL };

		for (i = 0; i < n; i++) {
			bars[i].label = D->agg->labels[i];
			bars[i].value = G->g->labels[i];
			bars[i].marker = NAN;
			bars[i].status = LS_NONE;
			bars[i].value_text = doc_printf(D, "%d", G->g->labels[i]);
		}
		lay_bars(D->L, &lb);
	}
}

/* --- calibration (the organisation only) --- */

static const char *
rater_name(struct doc *D, const struct calibration *cal)
{
	return cal->rater >= 0 ? D->c->people[cal->rater].name : cal->rater_id;
}

static void
calib_cell(struct doc *D, void *arg, size_t row, const char *f,
    struct lay_cell *cell)
{
	const struct calibration *cal = &D->agg->cal[row];

	(void)arg;
	if (strcmp(f, "manager") == 0) {
		cell->text = rater_name(D, cal);
		cell->bold = 1;
	} else if (strcmp(f, "ratings") == 0)
		cell->text = doc_printf(D, "%d", cal->ratings);
	else if (strcmp(f, "mean_given") == 0)
		cell->text = doc_num(D, cal->mean_given);
	else if (strcmp(f, "delta_vs_org") == 0) {
		cell->text = doc_delta(D, cal->delta_vs_org);
		cell->status = cal->flag ? LS_RED : LS_NONE;
	} else {
		cell->kind = cal->flag ? LC_CHIP : LC_TEXT;
		cell->status = cal->flag ? LS_RED : LS_NONE;
		cell->text = doc_word(D, cal->flag ? TW_YES : TW_NO);
	}
}

static void
calibration(struct gdoc *G, const struct tmpl_block *b)
{
	struct doc *D = G->D;
	const struct aggregates *a = D->agg;
	struct lay_calib *rows;
	struct lay_calibration lc;
	size_t i;

	if (a->ncal == 0)
		return;
	if (b->type == TB_TABLE) {
		doc_table(D, b, f_calib, a->ncal, calib_cell, NULL);
		return;
	}
	rows = arena_alloc(D->a, a->ncal * sizeof *rows);
	for (i = 0; i < a->ncal; i++) {
		rows[i].label = rater_name(D, &a->cal[i]);
		rows[i].ratings = a->cal[i].ratings;
		rows[i].mean = a->cal[i].mean_given;
		rows[i].delta = a->cal[i].delta_vs_org;
		rows[i].flagged = a->cal[i].flag;
	}
	lc.rows = rows;
	lc.n = a->ncal;
	lc.threshold = 0.5;
	lc.ratings_word = doc_word(D, TW_RATINGS);
	lc.mean_word = doc_word(D, TW_MEAN_GIVEN);
	lc.delta_word = doc_word(D, TW_DELTA_VS_ORG);
	lay_block_title(D->L, b);
	lay_calibration(D->L, &lc);
}

/* --- the document --- */

static void
block(struct gdoc *G, const struct tmpl_block *b)
{
	const char *data = b->data;

	if (strcmp(data, "group") == 0)
		group_kv(G, b);
	else if (strcmp(data, "heatmap") == 0)
		heatmap(G, b);
	else if (strcmp(data, "people") == 0)
		doc_table(G->D, b, f_people, G->g->nmembers, people_cell, G);
	else if (strcmp(data, "labels") == 0)
		labels(G, b);
	else if (strcmp(data, "calibration") == 0)
		calibration(G, b);
	else if (strcmp(data, "competency_stats") == 0 ||
	    strcmp(data, "skill_gaps") == 0 || strcmp(data, "trend") == 0)
		competencies(G, b);
	else
		doc_unsupported(G->D, b);
}

/* group_vars: the placeholders of a group part beyond doc_part's: for a
 * team its manager as both {person.*} and {manager.*} (the manager's own
 * manager appears nowhere in it), for a department its name. */
static void
group_vars(struct gdoc *G)
{
	if (G->manager >= 0)
		doc_manager_vars(G->D, G->manager);
	else if (G->dept >= 0)
		lay_var(G->D->L, TV_DEPARTMENT, G->D->c->depts[G->dept].name);
}

/* group_part: a group summary as a part of D. */
static void
group_part(struct doc *D, enum tmpl_doc doc, const struct group *g,
    int manager, int dept, const struct doc_partopt *o)
{
	const struct tmpl_docdef *dd = tmpl_doc(D->t, doc);
	struct gdoc G;
	size_t i;

	memset(&G, 0, sizeof G);
	G.D = D;
	G.g = g;
	G.manager = manager;
	G.dept = dept;
	find_rows(&G);
	doc_part(D, doc, o);
	group_vars(&G);
	for (i = 0; i < dd->nblocks; i++)
		if (!lay_static_block(D->L, &dd->blocks[i]))
			block(&G, &dd->blocks[i]);
}

/* team_index: the aggregates' team of manager m (cycle.managers order). */
static int
team_index(const struct cycle *c, int m)
{
	size_t i;

	for (i = 0; i < c->nmanagers; i++)
		if (c->managers[i] == m)
			return (int)i;
	return -1;
}

void
doc_team_part(struct doc *D, int manager, const struct doc_partopt *o)
{
	int t = team_index(D->c, manager);

	if (t >= 0)
		group_part(D, TD_TEAM, &D->agg->teams[t], manager, -1, o);
}

int
doc_team_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	struct doc D;

	doc_begin_titled(&D, ctx, 0, TW_TEAM,
	    ctx->env->cycle->people[job->who].name);
	doc_team_part(&D, job->who, NULL);
	return doc_finish(&D, out);
}

int
doc_org_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	struct doc D;

	(void)job;
	doc_begin_titled(&D, ctx, 0, TW_ORG, NULL);
	group_part(&D, TD_ORG, &D.agg->org, -1, -1, NULL);
	return doc_finish(&D, out);
}

int
doc_dept_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	struct doc D;

	doc_begin_titled(&D, ctx, 0, TW_DEPARTMENT,
	    ctx->env->cycle->depts[job->who].name);
	group_part(&D, TD_DEPARTMENT, &D.agg->depts[job->who], -1, job->who,
	    NULL);
	return doc_finish(&D, out);
}
