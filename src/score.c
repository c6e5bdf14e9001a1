/* score.c: the scoring rules (revpack.1, SCORING) for people (role
 * means, the anonymity rule, scores, levels, status, categories,
 * overall, labels, strengths, growth areas, gaps, trends) and the driver
 * score_cycle; the group figures and calibration are in score_group.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

/* Every figure compared here has at most 2 decimals (or is a threshold
 * written in a YAML file): comparisons allow for binary noise only. */
#define EPS 1e-9

static int
ge(double a, double b)
{
	return a >= b - EPS;
}

double
score_level(const struct scale *sc, double x)
{
	double v;

	if (isnan(x))
		return NAN;
	v = floor(x + EPS);     /* the level fully reached: 3.71 is 3 */
	if (v < sc->min)
		v = sc->min;
	if (v > sc->max)
		v = sc->max;
	return v;
}

enum status
score_status(const struct rubric *r, double s, double e)
{
	double green = isnan(e) ? r->green : e;
	double yellow = isnan(e) ? r->yellow : e - 1;

	if (isnan(s))
		return STATUS_NONE;
	if (ge(s, green))
		return STATUS_GREEN;
	if (ge(s, yellow))
		return STATUS_YELLOW;
	return STATUS_RED;
}

const char *
status_name(enum status st)
{
	switch (st) {
	case STATUS_RED:
		return "red";
	case STATUS_YELLOW:
		return "yellow";
	case STATUS_GREEN:
		return "green";
	default:
		return NULL;
	}
}

const char *
gap_flag_name(enum gap_flag f)
{
	switch (f) {
	case GAP_BLIND_SPOT:
		return "blind_spot";
	case GAP_HIDDEN_STRENGTH:
		return "hidden_strength";
	default:
		return NULL;
	}
}

int
score_left_out(const struct cycle *c, enum role r, int raters)
{
	return (r == ROLE_PEER || r == ROLE_DIRECT_REPORT) &&
	    raters < c->min_raters;
}

/* Per person scratch: sums and counts of scored ratings per competency
 * and role, reset for each person. */
struct acc {
	double sum[NROLES];
	int n[NROLES];
};

/* The figures of one competency from the accumulated ratings (rules 1-7:
 * role means, anonymity rule, s, level, status, gap). e is the person's
 * expectation or NAN. */
static void
score_comp(const struct cycle *c, const struct acc *ac, double e,
    struct comp_score *cs)
{
	const struct rubric *ru = c->rubric;
	double num = 0, den = 0, thr;
	int r;

	cs->raters = 0;
	for (r = 0; r < NROLES; r++) {
		int n = ac->n[r];
		double m = n > 0 ? ac->sum[r] / n : NAN;        /* raw m_r */

		cs->raters_by_role[r] = n;
		cs->by_role[r] = round2(m);
		cs->raters += n;
		cs->shown[r] = n > 0 && !score_left_out(c, (enum role)r, n);
		if (cs->shown[r] && c->weights[r] > 0) {
			num += c->weights[r] * m;
			den += c->weights[r];
		}
	}
	cs->s = den > 0 ? round2(num / den) : NAN;
	cs->expected = e;
	cs->ref = isnan(e) ? ru->green : e;
	cs->status = score_status(ru, cs->s, e);
	cs->level = isnan(cs->s) ? 0 : (int)score_level(&ru->scale,
	    cs->s);
	cs->trend = NAN;
	cs->gap = NAN;
	cs->gap_flag = GAP_NONE;
	if (ac->n[ROLE_SELF] == 0 || ac->n[ROLE_MANAGER] == 0)
		return;
	/* round2(m_self) - round2(m_manager): by_role holds both. The
	 * difference of two 2-decimal figures is made exact by round2. */
	cs->gap = round2(cs->by_role[ROLE_SELF] - cs->by_role[ROLE_MANAGER]);
	thr = round2((double)(ru->scale.max - ru->scale.min) / 3);
	if (cs->gap > 0 && ge(cs->gap, thr))
		cs->gap_flag = GAP_BLIND_SPOT;
	else if (cs->gap < 0 && ge(-cs->gap, thr))
		cs->gap_flag = GAP_HIDDEN_STRENGTH;
}

/* Distinct raters of each role who scored p on anything (the rule for
 * wide rows' general comments). Only peers and direct reports need the
 * count to be exact; manager and self are counted the same way. */
static int
cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
count_raters_any(const struct cycle *c, size_t p, const char **ids,
    struct person_score *ps)
{
	size_t k, n;
	int r;

	for (r = 0; r < NROLES; r++) {
		n = 0;
		for (k = c->rating_first[p]; k < c->rating_first[p + 1]; k++) {
			const struct rating *rt = &c->ratings[k];

			if ((int)rt->role != r || rt->comp < 0 ||
			    isnan(rt->score) || rt->rater_id == NULL)
				continue;
			/* A rater's rows often follow one another. */
			if (n > 0 && strcmp(ids[n - 1], rt->rater_id) == 0)
				continue;
			ids[n++] = rt->rater_id;
		}
		if (n > 1)
			qsort(ids, n, sizeof(*ids), cmp_str_ptr);
		ps->raters_any[r] = 0;
		for (k = 0; k < n; k++)
			if (k == 0 || strcmp(ids[k - 1], ids[k]) != 0)
				ps->raters_any[r]++;
	}
}

/* Category scores and overall from the competency scores (rule 8). */
static void
score_overall(const struct rubric *ru, struct person_score *ps)
{
	double onum = 0, oden = 0;
	size_t i, k;
	int all_weighted = 1;

	for (i = 0; i < ru->ncats; i++) {
		const struct category *cat = &ru->cats[i];
		double num = 0, den = 0;

		for (k = cat->first; k < cat->first + cat->n; k++) {
			if (isnan(ps->comps[k].s))
				continue;
			num += ru->comps[k].weight * ps->comps[k].s;
			den += ru->comps[k].weight;
		}
		ps->cats[i] = den > 0 ? round2(num / den) : NAN;
		if (!cat->has_weight)
			all_weighted = 0;
	}
	for (i = 0; i < ru->ncats; i++) {
		if (!all_weighted || isnan(ps->cats[i]))
			continue;
		onum += ru->cats[i].weight * ps->cats[i];
		oden += ru->cats[i].weight;
	}
	for (k = 0; !all_weighted && k < ru->ncomps; k++) {
		if (isnan(ps->comps[k].s))
			continue;
		onum += ru->comps[k].weight * ps->comps[k].s;
		oden += ru->comps[k].weight;
	}
	ps->overall = oden > 0 ? round2(onum / oden) : NAN;
	ps->percent = NAN;
	if (!isnan(ps->overall) && ru->scale.max > ru->scale.min)
		ps->percent = round2((ps->overall - ru->scale.min) /
		    (ru->scale.max - ru->scale.min) * 100);
	ps->coverage = ru->ncomps > 0 ?
	    round2((double)ps->rated / (double)ru->ncomps) : 0;
}

/* Inserts competency k with key v into the top-3 list (idx, key) kept in
 * descending key order; an equal key goes after the ones already there,
 * so ties keep rubric order (k ascends across calls). */
static void
top3_insert(int *idx, double *key, int *n, int k, double v)
{
	int i = *n;

	while (i > 0 && v > key[i - 1] + EPS)
		i--;
	if (i >= 3)
		return;
	if (*n < 3)
		(*n)++;
	memmove(idx + i + 1, idx + i, (size_t)(*n - 1 - i) * sizeof(*idx));
	memmove(key + i + 1, key + i, (size_t)(*n - 1 - i) * sizeof(*key));
	idx[i] = k;
	key[i] = v;
}

/* Strengths (s >= r, highest s - r first) and growth areas (s < r,
 * largest shortfall first); up to 3 each, ties in rubric order. */
static void
score_strengths(const struct rubric *ru, struct person_score *ps)
{
	double skey[3], gkey[3];
	size_t k;

	ps->nstrengths = ps->ngrowth = 0;
	for (k = 0; k < ru->ncomps; k++) {
		const struct comp_score *cs = &ps->comps[k];

		if (isnan(cs->s))
			continue;
		if (ge(cs->s, cs->ref))
			top3_insert(ps->strengths, skey, &ps->nstrengths, (int)k,
			    cs->s - cs->ref);
		else
			top3_insert(ps->growth, gkey, &ps->ngrowth, (int)k,
			    cs->ref - cs->s);
	}
}

/* Every figure of person p. ids is scratch of at least the person's
 * number of ratings; acc of rubric.ncomps. */
static void
score_person(const struct cycle *c, size_t p, struct acc *acc,
    const char **ids, struct person_score *ps, struct arena *ar)
{
	const struct rubric *ru = c->rubric;
	double e = rubric_expected(ru, c->people[p].level);
	size_t k;

	memset(acc, 0, ru->ncomps * sizeof(*acc));
	for (k = c->rating_first[p]; k < c->rating_first[p + 1]; k++) {
		const struct rating *rt = &c->ratings[k];

		if (rt->comp < 0 || isnan(rt->score))
			continue;
		acc[rt->comp].sum[rt->role] += rt->score;
		acc[rt->comp].n[rt->role]++;
	}
	ps->comps = arena_alloc(ar, ru->ncomps * sizeof(*ps->comps));
	ps->cats = arena_alloc(ar, ru->ncats * sizeof(*ps->cats));
	ps->rated = 0;
	for (k = 0; k < ru->ncomps; k++) {
		score_comp(c, &acc[k], e, &ps->comps[k]);
		if (!isnan(ps->comps[k].s))
			ps->rated++;
	}
	score_overall(ru, ps);
	score_strengths(ru, ps);
	count_raters_any(c, p, ids, ps);
	ps->label = -1;
	ps->in_previous = 0;
	ps->trend_overall = NAN;
}

/* The overall label's text for x (rule 9: first band with min <= x,
 * else the label of the highest level not above x). */
static const char *
label_text(const struct rubric *ru, double x)
{
	size_t i;

	if (isnan(x))
		return NULL;
	for (i = 0; i < ru->nbands; i++)
		if (ge(x, ru->bands[i].min))
			return ru->bands[i].label;
	return rubric_level_label(ru, (int)score_level(&ru->scale, x));
}

/* Adds s to the label list unless it is there. */
static void
label_add(struct aggregates *a, struct strtab *seen, size_t cap,
    const char *s)
{
	if (strtab_gets(seen, s) >= 0 || a->nlabels >= cap)
		return;
	strtab_put(seen, s, strlen(s), (int)a->nlabels);
	a->labels[a->nlabels++] = s;
}

/* Builds aggregates.labels (the bands in rubric order, then the level
 * labels that some person falls back to, in scale order; without bands
 * every level label in scale order) and each person's index into it. */
static void
score_labels(struct aggregates *a)
{
	const struct cycle *c = a->cycle;
	const struct rubric *ru = c->rubric;
	size_t cap = ru->nbands + ru->scale.n, i, p;
	struct strtab *seen = strtab_new(0);
	char *used = xcalloc(ru->scale.n + 1, 1);

	a->labels = arena_alloc(a->arena, (cap + 1) * sizeof(*a->labels));
	a->nlabels = 0;
	for (i = 0; i < ru->nbands; i++)
		label_add(a, seen, cap, ru->bands[i].label);
	for (p = 0; p < c->npeople; p++) {
		double x = a->people[p].overall;
		const char *t = label_text(ru, x);

		if (t != NULL && strtab_gets(seen, t) < 0)
			used[(int)score_level(&ru->scale, x) -
			    ru->scale.min] = 1;
	}
	for (i = 0; i < ru->scale.n; i++)
		if (ru->nbands == 0 || used[i])
			label_add(a, seen, cap, ru->scale.levels[i].label);
	for (p = 0; p < c->npeople; p++) {
		const char *t = label_text(ru, a->people[p].overall);

		a->people[p].label = t != NULL ? strtab_gets(seen, t) : -1;
	}
	free(used);
	strtab_free(seen);
}

/* why_unrated: why person p (scores ps), with no rated competency, has
 * none, into b (reset first): no rating names them, their ratings hold no
 * score, or per role that scored something, that its weight is 0 or that
 * the anonymity rule left it out (with the most raters it had on one
 * competency). */
static void
why_unrated(const struct cycle *c, size_t p, const struct person_score *ps,
    struct buf *b)
{
	size_t k, rows = 0;
	int r, most[NROLES] = { 0 }, any = 0;

	buf_reset(b);
	for (k = 0; k < c->rubric->ncomps; k++)
		for (r = 0; r < NROLES; r++)
			if (ps->comps[k].raters_by_role[r] > most[r])
				most[r] = ps->comps[k].raters_by_role[r];
	for (r = 0; r < NROLES; r++) {
		if (most[r] == 0)
			continue;
		buf_puts(b, any++ ? "; " : "");
		if (c->weights[r] <= 0)
			buf_printf(b, "%s ratings weigh 0 in rater_weights",
			    role_name((enum role)r));
		else
			buf_printf(b, "at most %d %s rater%s on a competency, "
			    "fewer than anonymity.min_raters %d", most[r],
			    role_name((enum role)r), most[r] == 1 ? "" : "s",
			    c->min_raters);
	}
	for (k = c->rating_first[p]; k < c->rating_first[p + 1]; k++)
		rows += c->ratings[k].comp >= 0;
	if (!any && rows > 0)
		buf_printf(b, "%zu rating%s, none with a score: empty or N/A",
		    rows, rows == 1 ? "" : "s");
	else if (!any)
		buf_puts(b, "no rating names them");
}

/* Scores every person of c, warning in d (when not NULL) about people
 * with nothing rated, and why. */
static void
score_people(struct aggregates *a, struct diag *d)
{
	const struct cycle *c = a->cycle;
	struct acc *acc = xcalloc(c->rubric->ncomps + 1, sizeof(*acc));
	size_t p, most = 0;
	const char **ids;
	struct buf why;

	for (p = 0; p < c->npeople; p++)
		if (c->rating_first[p + 1] - c->rating_first[p] > most)
			most = c->rating_first[p + 1] - c->rating_first[p];
	ids = xcalloc(most + 1, sizeof(*ids));
	buf_init(&why);
	a->people = arena_alloc(a->arena, (c->npeople + 1) *
	    sizeof(*a->people));
	for (p = 0; p < c->npeople; p++) {
		const struct person *pe = &c->people[p];

		score_person(c, p, acc, ids, &a->people[p], a->arena);
		if (a->people[p].rated > 0 || d == NULL)
			continue;
		why_unrated(c, p, &a->people[p], &why);
		diag_warning(d, &pe->pos, "person \"%s\" (%s) has no rated "
		    "competency (%s); no scorecard, coaching summary or "
		    "packet is made for them (they still get a rating form)",
		    pe->id, pe->name != NULL ? pe->name : "", why.p);
	}
	buf_free(&why);
	free(ids);
	free(acc);
	score_labels(a);
}

/* Trends of people against the previous cycle's aggregates: people
 * matched by id, competencies by id (map[k]: competency k's index in the
 * previous rubric, or -1); a figure missing on either side gives NAN. */
static void
score_people_trends(struct aggregates *a, const int *map)
{
	const struct cycle *c = a->cycle, *pc = a->previous->cycle;
	const struct rubric *ru = c->rubric;
	size_t p, k;

	for (p = 0; p < c->npeople; p++) {
		struct person_score *ps = &a->people[p];
		int q = cycle_person(pc, c->people[p].id);
		const struct person_score *qs;

		if (q < 0)
			continue;
		qs = &a->previous->people[q];
		ps->in_previous = 1;
		ps->trend_overall = round2(ps->overall - qs->overall);
		for (k = 0; k < ru->ncomps; k++)
			if (map[k] >= 0)
				ps->comps[k].trend = round2(ps->comps[k].s -
				    qs->comps[map[k]].s);
	}
}

/* Every figure of one cycle, without trends. */
static struct aggregates *
score_one(const struct cycle *c, struct diag *d)
{
	struct arena *ar = arena_new();
	struct aggregates *a = arena_alloc(ar, sizeof(*a));

	a->arena = ar;
	a->cycle = c;
	score_people(a, d);
	score_groups(a);
	score_calibration(a);
	return a;
}

struct aggregates *
score_cycle(const struct cycle *c, struct diag *d)
{
	struct aggregates *a = score_one(c, d);
	const struct rubric *ru = c->rubric;
	int *map;
	size_t k;

	if (c->previous != NULL) {
		/* The previous cycle with its own rubric and weights; its
		 * people with nothing rated get no documents now: no
		 * warning. */
		a->previous = score_one(c->previous, NULL);
		map = xcalloc(ru->ncomps + 1, sizeof(*map));
		for (k = 0; k < ru->ncomps; k++)
			map[k] = rubric_comp(c->previous->rubric,
			    ru->comps[k].id);
		score_people_trends(a, map);
		score_groups_trends(a, map);
		free(map);
	}
	return a;
}

void
aggregates_free(struct aggregates *a)
{
	if (a == NULL)
		return;
	aggregates_free(a->previous);
	arena_free(a->arena);   /* a itself lives in its arena */
}
