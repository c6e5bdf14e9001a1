/* tmodel.h: builds review cycles by hand for unit tests (no files): a
 * rubric, people and ratings added one call at a time, then indexed the
 * way the loaders leave them (model.h). Test-only; capacities are fixed. */
#ifndef REVPACK_TMODEL_H
#define REVPACK_TMODEL_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define TM_MAXCOMPS 32
#define TM_MAXCATS 8
#define TM_MAXLEVELS 16
#define TM_MAXPEOPLE 64
#define TM_MAXRATINGS 1024
#define TM_MAXDEPTS 8

/* tm_new: a cycle "T" with a scale min..max labelled "L<value>", status
 * defaults (green = max - 1, yellow = max - 2), the default weights
 * (manager 1, others 0) and min_raters 3. No categories yet. */
static inline struct cycle *
tm_new(int min, int max)
{
	struct arena *ca = arena_new(), *ra = arena_new();
	struct cycle *c = arena_alloc(ca, sizeof(*c));
	struct rubric *r = arena_alloc(ra, sizeof(*r));
	int v;

	c->arena = ca;
	c->path = "cycle.yaml";
	c->id = "T";
	c->title = "Test cycle";
	c->rubric = r;
	c->weights[ROLE_MANAGER] = 1;
	c->min_raters = 3;
	c->people = arena_alloc(ca, TM_MAXPEOPLE * sizeof(*c->people));
	c->depts = arena_alloc(ca, TM_MAXDEPTS * sizeof(*c->depts));
	c->ratings = calloc(TM_MAXRATINGS, sizeof(*c->ratings));
	r->arena = ra;
	r->path = "rubric.yaml";
	r->id = "test-rubric";
	r->title = "Test rubric";
	r->scale.min = min;
	r->scale.max = max;
	r->scale.n = (size_t)(max - min + 1);
	r->scale.levels = arena_alloc(ra, TM_MAXLEVELS * sizeof(struct level));
	for (v = min; v <= max; v++) {
		r->scale.levels[v - min].value = v;
		r->scale.levels[v - min].label = arena_printf(ra, "L%d", v);
	}
	r->green = max - 1;
	r->yellow = max - 2;
	r->cats = arena_alloc(ra, TM_MAXCATS * sizeof(*r->cats));
	r->comps = arena_alloc(ra, TM_MAXCOMPS * sizeof(*r->comps));
	r->expectations = arena_alloc(ra, 8 * sizeof(*r->expectations));
	r->bands = arena_alloc(ra, 8 * sizeof(*r->bands));
	r->comp_ids = strtab_new(0);
	r->expect_levels = strtab_new(0);
	c->person_ids = strtab_new(0);
	return c;
}

/* tm_cat: a category; weight NAN: no weight given. */
static inline void
tm_cat(struct cycle *c, const char *id, double weight)
{
	struct rubric *r = c->rubric;
	struct category *cat = &r->cats[r->ncats++];

	cat->id = id;
	cat->title = id;
	cat->has_weight = !isnan(weight);
	cat->weight = isnan(weight) ? 0 : weight;
	cat->first = r->ncomps;
}

/* tm_comp: a competency of the last category. */
static inline void
tm_comp(struct cycle *c, const char *id, double weight)
{
	struct rubric *r = c->rubric;
	struct competency *k = &r->comps[r->ncomps];

	k->id = id;
	k->title = id;
	k->weight = weight;
	k->category = r->ncats - 1;
	r->cats[r->ncats - 1].n++;
	strtab_put(r->comp_ids, id, strlen(id), (int)r->ncomps);
	r->ncomps++;
}

static inline void
tm_expect(struct cycle *c, const char *level, double e)
{
	struct rubric *r = c->rubric;

	r->expectations[r->nexpectations].level = level;
	r->expectations[r->nexpectations].value = e;
	strtab_put(r->expect_levels, level, strlen(level),
	    (int)r->nexpectations);
	r->nexpectations++;
}

/* tm_band: bands are added highest first, as rubrics list them. */
static inline void
tm_band(struct cycle *c, double min, const char *label)
{
	struct rubric *r = c->rubric;

	r->bands[r->nbands].min = min;
	r->bands[r->nbands].label = label;
	r->nbands++;
}

/* tm_person: manager_id, level and dept may be NULL. Add managers before
 * their reports. Returns the person's index. */
static inline int
tm_person(struct cycle *c, const char *id, const char *name,
    const char *manager_id, const char *level, const char *dept)
{
	struct person *p = &c->people[c->npeople];
	size_t i;

	p->id = id;
	p->name = name;
	p->manager_id = manager_id;
	p->level = level;
	p->department = dept;
	p->supervisory = -1;
	p->manager = manager_id != NULL ? cycle_person(c, manager_id) : -1;
	p->dept = -1;
	p->reports = arena_alloc(c->arena, TM_MAXPEOPLE * sizeof(int));
	p->pos.file = "roster.csv";
	p->pos.line = (int)c->npeople + 2;
	strtab_put(c->person_ids, id, strlen(id), (int)c->npeople);
	if (p->manager >= 0) {
		struct person *m = &c->people[p->manager];

		if (m->nreports == 0)
			c->nmanagers++;
		m->reports[m->nreports++] = (int)c->npeople;
	}
	for (i = 0; dept != NULL && i < c->ndepts; i++)
		if (strcmp(c->depts[i].name, dept) == 0)
			p->dept = (int)i;
	if (dept != NULL && p->dept < 0) {
		p->dept = (int)c->ndepts++;
		c->depts[p->dept].name = dept;
		c->depts[p->dept].slug = dept;
		c->depts[p->dept].members = arena_alloc(c->arena,
		    TM_MAXPEOPLE * sizeof(int));
	}
	if (p->dept >= 0) {
		struct department *d = &c->depts[p->dept];

		d->members[d->n++] = (int)c->npeople;
	}
	return (int)c->npeople++;
}

/* tm_rate: one rating; score NAN for empty / N/A; comp NULL for a wide
 * row's general comment. Raters not in the roster are tokens. */
static inline void
tm_rate(struct cycle *c, const char *subject, const char *rater,
    enum role role, const char *comp, double score)
{
	struct rating *rt = &c->ratings[c->nratings];

	rt->subject = cycle_person(c, subject);
	rt->rater = cycle_person(c, rater);
	rt->rater_id = rater;
	rt->role = role;
	rt->comp = comp != NULL ? rubric_comp(c->rubric, comp) : -1;
	rt->score = score;
	rt->pos.file = "ratings.csv";
	rt->pos.line = (int)c->nratings + 2;
	c->nratings++;
}

/* tm_done: groups ratings by subject (roster order, input order within
 * a subject), fills rating_first and the managers list. */
static inline void
tm_done(struct cycle *c)
{
	struct rating *sorted = calloc(c->nratings + 1, sizeof(*sorted));
	size_t p, k, n = 0, m = 0;

	c->rating_first = calloc(c->npeople + 1, sizeof(size_t));
	for (p = 0; p < c->npeople; p++) {
		c->rating_first[p] = n;
		for (k = 0; k < c->nratings; k++)
			if (c->ratings[k].subject == (int)p)
				sorted[n++] = c->ratings[k];
	}
	c->rating_first[c->npeople] = n;
	free(c->ratings);
	c->ratings = sorted;
	c->managers = arena_alloc(c->arena, (c->npeople + 1) * sizeof(int));
	for (p = 0; p < c->npeople; p++)
		if (c->people[p].nreports > 0)
			c->managers[m++] = (int)p;
	c->nmanagers = m;
}

#endif
