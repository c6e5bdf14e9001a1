/* score_group.c: the group figures of revpack.1's SCORING (a manager's
 * direct reports, a department, the whole organisation), their trends,
 * and the calibration of the raters who gave `manager` ratings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

#define EPS 1e-9

/* A 2-decimal figure in hundredths, exactly. */
static long long
cents(double x)
{
	return llround(x * 100);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* mean, median, stdev, min and max of n >= 1 scores given in hundredths
 * (sorted here). The sum is exact, so mean and median are rounded as the
 * exact decimals they stand for; stdev is the sample standard deviation
 * of the scores (what a spreadsheet's STDEV.S gives for them). */
static void
group_stats(long long *v, int n, struct group_comp *g)
{
	long long sum = 0;
	double mean, ss = 0;
	int i;

	qsort(v, (size_t)n, sizeof(*v), cmp_ll);
	for (i = 0; i < n; i++)
		sum += v[i];
	mean = (double)sum / n;                 /* in hundredths */
	g->mean = round2(mean / 100);
	g->median = n % 2 ? round2(v[n / 2] / 100.0) :
	    round2((double)(v[n / 2 - 1] + v[n / 2]) / 200);
	g->min = round2(v[0] / 100.0);
	g->max = round2(v[n - 1] / 100.0);
	g->stdev = NAN;
	if (n < 2)
		return;
	for (i = 0; i < n; i++)
		ss += (v[i] - mean) * (v[i] - mean);
	g->stdev = round2(sqrt(ss / (n - 1)) / 100);
}

/* The figures of competency k over g's members; v is scratch of
 * g->nmembers. */
static void
group_comp(const struct aggregates *a, const struct group *g, size_t k,
    long long *v, struct group_comp *gc)
{
	const struct scale *sc = &a->cycle->rubric->scale;
	size_t i;
	int with_e = 0;

	gc->n = 0;
	gc->below_expected = 0;
	gc->distribution = arena_alloc(a->arena, (sc->n + 1) *
	    sizeof(*gc->distribution));
	for (i = 0; i < g->nmembers; i++) {
		const struct comp_score *cs = &a->people[g->members[i]].comps[k];

		if (isnan(cs->s))
			continue;
		v[gc->n++] = cents(cs->s);
		gc->distribution[cs->level - sc->min]++;
		if (isnan(cs->expected))
			continue;
		with_e++;
		if (cs->s < cs->expected - EPS)
			gc->below_expected++;
	}
	gc->mean = gc->median = gc->stdev = gc->min = gc->max = NAN;
	if (gc->n > 0)
		group_stats(v, gc->n, gc);
	gc->below_share = with_e > 0 ?
	    round2((double)gc->below_expected / with_e) : NAN;
	gc->trend = NAN;
}

/* Every figure of group g, whose key and members are set. */
static void
group_figures(struct aggregates *a, struct group *g)
{
	size_t ncomps = a->cycle->rubric->ncomps, i, k;
	long long *v = xcalloc(g->nmembers + 1, sizeof(*v));

	g->labels = arena_alloc(a->arena, (a->nlabels + 1) *
	    sizeof(*g->labels));
	for (i = 0; i < g->nmembers; i++)
		if (a->people[g->members[i]].label >= 0)
			g->labels[a->people[g->members[i]].label]++;
	g->comps = arena_alloc(a->arena, (ncomps + 1) * sizeof(*g->comps));
	for (k = 0; k < ncomps; k++)
		group_comp(a, g, k, v, &g->comps[k]);
	free(v);
}

void
score_groups(struct aggregates *a)
{
	const struct cycle *c = a->cycle;
	size_t i;

	a->nteams = c->nmanagers;
	a->teams = arena_alloc(a->arena, (a->nteams + 1) * sizeof(*a->teams));
	for (i = 0; i < a->nteams; i++) {
		const struct person *m = &c->people[c->managers[i]];

		a->teams[i].key = m->id;
		a->teams[i].members = m->reports;
		a->teams[i].nmembers = m->nreports;
		group_figures(a, &a->teams[i]);
	}
	a->ndepts = c->ndepts;
	a->depts = arena_alloc(a->arena, (a->ndepts + 1) * sizeof(*a->depts));
	for (i = 0; i < a->ndepts; i++) {
		a->depts[i].key = c->depts[i].name;
		a->depts[i].members = c->depts[i].members;
		a->depts[i].nmembers = c->depts[i].n;
		group_figures(a, &a->depts[i]);
	}
	a->org.key = NULL;
	a->org.nmembers = c->npeople;
	a->org.members = arena_alloc(a->arena, (c->npeople + 1) *
	    sizeof(*a->org.members));
	for (i = 0; i < c->npeople; i++)
		a->org.members[i] = (int)i;
	group_figures(a, &a->org);
}

/* g's trends against the same group then (pg; NULL: none). map[k] is
 * competency k's index in the previous rubric, or -1. */
static void
group_trend(const struct group *g, const struct group *pg, const int *map,
    size_t ncomps)
{
	size_t k;

	for (k = 0; k < ncomps; k++)
		g->comps[k].trend = pg != NULL && map[k] >= 0 ?
		    round2(g->comps[k].mean - pg->comps[map[k]].mean) : NAN;
}

/* The previous group with the same key among n groups (ids in tab). */
static const struct group *
prev_group(const struct strtab *tab, const struct group *groups,
    const char *key)
{
	int i = strtab_gets(tab, key);

	return i >= 0 ? &groups[i] : NULL;
}

void
score_groups_trends(struct aggregates *a, const int *map)
{
	const struct aggregates *pa = a->previous;
	const struct rubric *ru = a->cycle->rubric;
	struct strtab *teams, *depts;
	size_t i;

	if (pa == NULL)
		return;
	teams = strtab_new(0);
	depts = strtab_new(0);
	for (i = 0; i < pa->nteams; i++)
		strtab_put(teams, pa->teams[i].key, strlen(pa->teams[i].key),
		    (int)i);
	for (i = 0; i < pa->ndepts; i++)
		strtab_put(depts, pa->depts[i].key, strlen(pa->depts[i].key),
		    (int)i);
	for (i = 0; i < a->nteams; i++)
		group_trend(&a->teams[i], prev_group(teams, pa->teams,
		    a->teams[i].key), map, ru->ncomps);
	for (i = 0; i < a->ndepts; i++)
		group_trend(&a->depts[i], prev_group(depts, pa->depts,
		    a->depts[i].key), map, ru->ncomps);
	group_trend(&a->org, &pa->org, map, ru->ncomps);
	strtab_free(teams);
	strtab_free(depts);
}

/* Raters in roster order, then raters not in the roster by id. */
static int
cmp_cal(const void *x, const void *y)
{
	const struct calibration *a = x, *b = y;

	if (a->rater >= 0 && b->rater >= 0)
		return (a->rater > b->rater) - (a->rater < b->rater);
	if (a->rater >= 0 || b->rater >= 0)
		return a->rater >= 0 ? -1 : 1;
	return strcmp(a->rater_id, b->rater_id);
}

void
score_calibration(struct aggregates *a)
{
	const struct cycle *c = a->cycle;
	struct strtab *ids = strtab_new(0);
	struct calibration *cal = NULL;
	double *sum = NULL, total = 0;
	size_t cap = 0, scap = 0, n = 0, all = 0, i;

	for (i = 0; i < c->nratings; i++) {
		const struct rating *rt = &c->ratings[i];
		int j;

		if (rt->role != ROLE_MANAGER || rt->comp < 0 ||
		    isnan(rt->score))
			continue;
		j = strtab_gets(ids, rt->rater_id);
		if (j < 0) {
			j = (int)n++;
			XGROW(cal, cap, n);
			XGROW(sum, scap, n);
			memset(&cal[j], 0, sizeof(*cal));
			cal[j].rater = rt->rater;
			cal[j].rater_id = rt->rater_id;
			sum[j] = 0;
			strtab_put(ids, rt->rater_id, strlen(rt->rater_id), j);
		}
		cal[j].ratings++;
		sum[j] += rt->score;
		total += rt->score;
		all++;
	}
	a->org_manager_mean = all > 0 ? round2(total / (double)all) : NAN;
	for (i = 0; i < n; i++) {
		cal[i].mean_given = round2(sum[i] / cal[i].ratings);
		cal[i].delta_vs_org = round2(cal[i].mean_given -
		    a->org_manager_mean);
		cal[i].flag = fabs(cal[i].delta_vs_org) >= 0.5 - EPS;
	}
	if (n > 1)
		qsort(cal, n, sizeof(*cal), cmp_cal);
	a->ncal = n;
	a->cal = arena_alloc(a->arena, (n + 1) * sizeof(*a->cal));
	if (n > 0)
		memcpy(a->cal, cal, n * sizeof(*cal));
	free(cal);
	free(sum);
	strtab_free(ids);
}
