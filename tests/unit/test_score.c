/* test_score.c: the scoring rules (revpack.1, SCORING) on cycles built by hand, each
 * expected figure next to its hand computation. Scale 1..6 unless said;
 * tm_new's defaults: weights manager 1, others 0; min_raters 3; status
 * green 5, yellow 4. */
#include "check.h"
#include "score.h"
#include "tmodel.h"

#define M ROLE_MANAGER
#define S ROLE_SELF
#define P ROLE_PEER
#define D ROLE_DIRECT_REPORT

/* Scores c (warnings into a diag the caller frees with the result). */
struct run {
	struct cycle *c;
	struct diag *d;
	struct aggregates *a;
};

static struct run
run(struct cycle *c)
{
	struct run r;

	tm_done(c);
	if (c->previous != NULL)
		tm_done(c->previous);
	r.c = c;
	r.d = diag_new(NULL);
	r.a = score_cycle(c, r.d);
	return r;
}

static void
done(struct run *r)
{
	aggregates_free(r->a);
	cycle_free(r->c);
	diag_free(r->d);
}

static const struct person_score *
person(const struct run *r, const char *id)
{
	return &r->a->people[cycle_person(r->c, id)];
}

static const struct comp_score *
comp(const struct run *r, const char *id, const char *k)
{
	return &person(r, id)->comps[rubric_comp(r->c->rubric, k)];
}

/* One category "cat" without weight holding competencies of weight 1. */
static void
flat(struct cycle *c, const char *const *ids, size_t n)
{
	size_t i;

	tm_cat(c, "cat", NAN);
	for (i = 0; i < n; i++)
		tm_comp(c, ids[i], 1);
}

static const char *const ABC[] = { "a", "b", "c" };

static void
test_weights_partial_override(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct comp_score *cs;
	struct run r;

	/* rater_weights: { peer: 0.5 }: manager 1 and self 0, direct_report
	 * 0 stay the defaults. */
	c->weights[P] = 0.5;
	flat(c, ABC, 1);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	tm_rate(c, "p", "m", M, "a", 4);
	tm_rate(c, "p", "p", S, "a", 6);
	tm_rate(c, "p", "t1", P, "a", 3);
	tm_rate(c, "p", "t2", P, "a", 4);
	tm_rate(c, "p", "t3", P, "a", 4);
	r = run(c);
	cs = comp(&r, "p", "a");
	/* m_manager = 4, m_self = 6 (weight 0), m_peer = 11/3 = 3.666...
	 * s = round2((1*4 + 0.5*3.666...) / 1.5) = round2(3.8888...) */
	CHECK_NUM(cs->s, 3.89);
	CHECK_INT(cs->level, 3);                /* the highest not above 3.89 */
	CHECK_NUM(cs->by_role[M], 4);
	CHECK_NUM(cs->by_role[S], 6);
	CHECK_NUM(cs->by_role[P], 3.67);        /* round2(3.666...) */
	CHECK(isnan(cs->by_role[D]));
	CHECK_INT(cs->raters_by_role[P], 3);
	CHECK_INT(cs->raters, 5);               /* 1 + 1 + 3 */
	CHECK(cs->shown[M] && cs->shown[S] && cs->shown[P] && !cs->shown[D]);
	/* No expectation: r = green 5; 3.89 < yellow 4: red. */
	CHECK(isnan(cs->expected));
	CHECK_NUM(cs->ref, 5);
	CHECK_INT(cs->status, STATUS_RED);
	/* gap = 6 - 4 = 2 >= round2(5/3) = 1.67: self higher. */
	CHECK_NUM(cs->gap, 2);
	CHECK_INT(cs->gap_flag, GAP_BLIND_SPOT);
	done(&r);

	/* rater_weights: { manager: 2, self: 1 }: peers keep 0.
	 * s = round2((2*3 + 1*6) / 3) = 4; the peers' 1s do not count. */
	c = tm_new(1, 6);
	c->weights[M] = 2;
	c->weights[S] = 1;
	flat(c, ABC, 1);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	tm_rate(c, "p", "m", M, "a", 3);
	tm_rate(c, "p", "p", S, "a", 6);
	tm_rate(c, "p", "t1", P, "a", 1);
	tm_rate(c, "p", "t2", P, "a", 1);
	tm_rate(c, "p", "t3", P, "a", 1);
	r = run(c);
	CHECK_NUM(comp(&r, "p", "a")->s, 4);
	done(&r);
}

static void
test_anonymity_rule(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct comp_score *cs;
	struct run r;

	c->weights[P] = 1;
	c->weights[D] = 1;
	flat(c, ABC, 3);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	/* a: manager 4; two peers (2 < min_raters 3: left out); three
	 * direct reports (3: counted). */
	tm_rate(c, "p", "m", M, "a", 4);
	tm_rate(c, "p", "t1", P, "a", 2);
	tm_rate(c, "p", "t2", P, "a", 2);
	tm_rate(c, "p", "d1", D, "a", 5);
	tm_rate(c, "p", "d2", D, "a", 5);
	tm_rate(c, "p", "d3", D, "a", 5);
	/* b: three peer rows but one N/A: 2 raters scored b: left out; the
	 * manager's N/A does not rate. */
	tm_rate(c, "p", "t1", P, "b", 3);
	tm_rate(c, "p", "t2", P, "b", 3);
	tm_rate(c, "p", "t3", P, "b", NAN);
	tm_rate(c, "p", "m", M, "b", NAN);
	tm_rate(c, "p", "t3", P, NULL, NAN);    /* a general comment */
	r = run(c);
	cs = comp(&r, "p", "a");
	/* s = round2((1*4 + 1*5) / 2) = 4.5; with the peers it would be
	 * (4 + 2 + 5) / 3 = 3.67. */
	CHECK_NUM(cs->s, 4.5);
	CHECK(!cs->shown[P]);
	CHECK(cs->shown[D] && cs->shown[M] && !cs->shown[S]);
	/* The administrator's view keeps the peers' figures. */
	CHECK_NUM(cs->by_role[P], 2);
	CHECK_INT(cs->raters_by_role[P], 2);
	CHECK_INT(cs->raters_by_role[D], 3);
	cs = comp(&r, "p", "b");
	/* b: the only role that rated is left out: unrated. */
	CHECK(isnan(cs->s));
	CHECK_INT(cs->status, STATUS_NONE);
	CHECK(!cs->shown[P] && !cs->shown[M]);
	CHECK_INT(cs->raters_by_role[P], 2);    /* N/A does not count */
	CHECK_INT(cs->raters_by_role[M], 0);
	CHECK_NUM(cs->by_role[P], 3);
	CHECK(isnan(cs->by_role[M]));
	/* Distinct raters on anything: peers t1, t2 (t3 only N/A);
	 * direct reports d1..d3. */
	CHECK_INT(person(&r, "p")->raters_any[P], 2);
	CHECK_INT(person(&r, "p")->raters_any[D], 3);
	CHECK_INT(person(&r, "p")->raters_any[M], 1);
	CHECK_INT(person(&r, "p")->rated, 1);
	done(&r);

	/* min_raters 2: the same two peers now count on b. */
	c = tm_new(1, 6);
	c->weights[P] = 1;
	c->min_raters = 2;
	flat(c, ABC, 3);
	tm_person(c, "p", "Person", NULL, NULL, NULL);
	tm_rate(c, "p", "t1", P, "b", 3);
	tm_rate(c, "p", "t2", P, "b", 4);
	r = run(c);
	CHECK_NUM(comp(&r, "p", "b")->s, 3.5);  /* round2(7 / 2) */
	CHECK(comp(&r, "p", "b")->shown[P]);
	done(&r);
}

static void
test_rounding_where_made(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct person_score *ps;
	const struct comp_score *cs;
	struct run r;

	/* s is made from the raw role means. */
	c->weights[P] = 1;
	flat(c, ABC, 1);
	tm_person(c, "m1", "Manager one", NULL, NULL, NULL);
	tm_person(c, "m2", "Manager two", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m1", NULL, NULL);
	tm_rate(c, "p", "m1", M, "a", 2.5);
	tm_rate(c, "p", "m2", M, "a", 2.83);
	tm_rate(c, "p", "t1", P, "a", 3);
	tm_rate(c, "p", "t2", P, "a", 3);
	tm_rate(c, "p", "t3", P, "a", 3);
	r = run(c);
	cs = comp(&r, "p", "a");
	/* m_manager = (2.5 + 2.83) / 2 = 2.665, shown as round2: 2.67.
	 * s = round2((2.665 + 3) / 2) = round2(2.8325) = 2.83
	 * (from the rounded mean: (2.67 + 3) / 2 = 2.835 -> 2.84: wrong). */
	CHECK_NUM(cs->by_role[M], 2.67);
	CHECK_NUM(cs->s, 2.83);
	done(&r);

	/* Category scores are rounded, and overall uses them. */
	c = tm_new(1, 6);
	tm_cat(c, "A", 1);
	tm_comp(c, "a1", 1);
	tm_comp(c, "a2", 1);
	tm_cat(c, "B", 1);
	tm_comp(c, "b1", 1);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	tm_rate(c, "p", "m", M, "a1", 2.67);
	tm_rate(c, "p", "m", M, "a2", 2.68);
	tm_rate(c, "p", "m", M, "b1", 2.99);
	r = run(c);
	ps = person(&r, "p");
	/* A = round2((2.67 + 2.68) / 2) = round2(2.675) = 2.68 (the exact
	 * decimal 2.675 rounds half away from zero); B = 2.99.
	 * overall = round2((1*2.68 + 1*2.99) / 2) = round2(2.835) = 2.84
	 * (from the unrounded A: (2.675 + 2.99) / 2 = 2.8325 -> 2.83).
	 * percent = round2((2.84 - 1) / 5 * 100) = 36.8 (not 36.65). */
	CHECK_NUM(ps->cats[0], 2.68);
	CHECK_NUM(ps->cats[1], 2.99);
	CHECK_NUM(ps->overall, 2.84);
	CHECK_NUM(ps->percent, 36.8);
	CHECK_NUM(ps->coverage, 1);
	done(&r);

	/* 3.925 is 3.93; the gap uses the rounded role means. */
	c = tm_new(1, 6);
	flat(c, ABC, 1);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	tm_rate(c, "p", "m", M, "a", 2.26);
	tm_rate(c, "p", "p", S, "a", 3.925);
	r = run(c);
	cs = comp(&r, "p", "a");
	/* gap = round2(3.925) - round2(2.26) = 3.93 - 2.26 = 1.67 >= 1.67:
	 * flagged (3.925 - 2.26 = 1.665 would not be). */
	CHECK_NUM(cs->by_role[S], 3.93);
	CHECK_NUM(cs->gap, 1.67);
	CHECK_INT(cs->gap_flag, GAP_BLIND_SPOT);
	CHECK_NUM(cs->s, 2.26);
	done(&r);
}

static void
test_missing_and_na(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct person_score *ps;
	const struct comp_score *cs;
	struct run r;

	flat(c, ABC, 3);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	tm_rate(c, "p", "m", M, "a", 4);
	tm_rate(c, "p", "m", M, "b", NAN);      /* N/A */
	tm_rate(c, "p", "p", S, "b", 5);        /* self: weight 0 */
	r = run(c);                             /* c: no rating at all */
	ps = person(&r, "p");
	CHECK_NUM(comp(&r, "p", "a")->s, 4);
	cs = comp(&r, "p", "b");
	/* b: only self scored it and self weighs 0: unrated; no gap
	 * without a manager score. */
	CHECK(isnan(cs->s));
	CHECK_INT(cs->status, STATUS_NONE);
	CHECK_NUM(cs->by_role[S], 5);
	CHECK_INT(cs->raters, 1);
	CHECK_INT(cs->raters_by_role[M], 0);
	CHECK(isnan(cs->gap));
	CHECK_INT(cs->gap_flag, GAP_NONE);
	cs = comp(&r, "p", "c");
	CHECK(isnan(cs->s));
	CHECK_INT(cs->raters, 0);
	CHECK(isnan(cs->by_role[M]) && isnan(cs->by_role[S]));
	/* overall over the rated s only: 4; coverage round2(1/3) = 0.33;
	 * percent round2((4 - 1) / 5 * 100) = 60. */
	CHECK_INT(ps->rated, 1);
	CHECK_NUM(ps->overall, 4);
	CHECK_NUM(ps->coverage, 0.33);
	CHECK_NUM(ps->percent, 60);
	CHECK_INT(diag_count(r.d), 1);          /* m has nothing rated */
	done(&r);
}

static void
build_weighted(struct cycle *c, double wa, double wb, double wc)
{
	tm_cat(c, "A", wa);
	tm_comp(c, "a1", 1);
	tm_comp(c, "a2", 3);
	tm_cat(c, "B", wb);
	tm_comp(c, "b1", 1);
	tm_cat(c, "C", wc);
	tm_comp(c, "c1", 1);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	tm_rate(c, "p", "m", M, "a1", 2);
	tm_rate(c, "p", "m", M, "a2", 4);
	tm_rate(c, "p", "m", M, "b1", 5);
}

static void
test_category_weights(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct person_score *ps;
	struct run r;

	/* Every category weighted: 30, 10, 60; C has nothing rated. */
	build_weighted(c, 30, 10, 60);
	r = run(c);
	ps = person(&r, "p");
	/* A = round2((1*2 + 3*4) / 4) = 3.5; B = 5; C = null.
	 * overall = round2((30*3.5 + 10*5) / (30 + 10)) = round2(3.875)
	 * = 3.88 (C's weight is left out with its null score). */
	CHECK_NUM(ps->cats[0], 3.5);
	CHECK_NUM(ps->cats[1], 5);
	CHECK(isnan(ps->cats[2]));
	CHECK_NUM(ps->overall, 3.88);
	CHECK_NUM(ps->coverage, 0.75);          /* 3 of 4 */
	done(&r);

	/* B without a weight: competency-weighted over every rated s:
	 * round2((1*2 + 3*4 + 1*5) / (1 + 3 + 1)) = round2(19 / 5) = 3.8. */
	c = tm_new(1, 6);
	build_weighted(c, 30, NAN, 60);
	r = run(c);
	ps = person(&r, "p");
	CHECK_NUM(ps->cats[0], 3.5);
	CHECK_NUM(ps->overall, 3.8);
	done(&r);

	/* No category weight at all: the same 3.8. */
	c = tm_new(1, 6);
	build_weighted(c, NAN, NAN, NAN);
	r = run(c);
	CHECK_NUM(person(&r, "p")->overall, 3.8);
	done(&r);
}

/* A person per overall score x (one competency, manager scores x). */
static void
people_at(struct cycle *c, const double *x, size_t n)
{
	static const char *const ids[] = { "p0", "p1", "p2", "p3", "p4" };
	size_t i;

	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	for (i = 0; i < n; i++) {
		tm_person(c, ids[i], ids[i], "m", NULL, NULL);
		tm_rate(c, ids[i], "m", M, "a", x[i]);
	}
}

static const char *
label_of(const struct run *r, const char *id)
{
	int l = person(r, id)->label;

	return l >= 0 ? r->a->labels[l] : NULL;
}

static void
test_bands_and_fallback(void)
{
	static const double x[] = { 4.5, 4.49, 3, 2.99 };
	static const double y[] = { 1.5, 4.5 };
	static const double z[] = { 3.5, 3.49 };
	struct cycle *c = tm_new(1, 6);
	struct run r;

	flat(c, ABC, 1);
	tm_band(c, 4.5, "Exceeds");
	tm_band(c, 3, "Meets");
	tm_band(c, 1, "Developing");
	people_at(c, x, 4);
	r = run(c);
	/* The first band (highest first) with min <= overall. */
	CHECK_STR(label_of(&r, "p0"), "Exceeds");       /* 4.5 >= 4.5 */
	CHECK_STR(label_of(&r, "p1"), "Meets");         /* 4.49 < 4.5 */
	CHECK_STR(label_of(&r, "p2"), "Meets");         /* 3 >= 3 */
	CHECK_STR(label_of(&r, "p3"), "Developing");    /* 2.99 < 3 */
	CHECK(person(&r, "m")->label == -1);            /* nothing rated */
	CHECK_INT(r.a->nlabels, 3);
	/* org labels: Exceeds 1, Meets 2, Developing 1. */
	CHECK_INT(r.a->org.labels[0], 1);
	CHECK_INT(r.a->org.labels[1], 2);
	CHECK_INT(r.a->org.labels[2], 1);
	done(&r);

	/* No band at or below 1.5: the label of the highest level not above
	 * 1.5, level 1. */
	c = tm_new(1, 6);
	flat(c, ABC, 1);
	tm_band(c, 4.5, "Exceeds");
	tm_band(c, 2, "Meets");
	people_at(c, y, 2);
	r = run(c);
	CHECK_STR(label_of(&r, "p0"), "L1");
	CHECK_STR(label_of(&r, "p1"), "Exceeds");
	CHECK_INT(r.a->nlabels, 3);             /* Exceeds, Meets, L1 */
	CHECK_STR(r.a->labels[2], "L1");
	done(&r);

	/* No bands: the level labels, the highest level not above overall;
	 * 3.5 -> 3, 3.49 -> 3. */
	c = tm_new(1, 6);
	flat(c, ABC, 1);
	people_at(c, z, 2);
	r = run(c);
	CHECK_STR(label_of(&r, "p0"), "L3");
	CHECK_STR(label_of(&r, "p1"), "L3");
	CHECK_INT(r.a->nlabels, 6);
	CHECK_STR(r.a->labels[0], "L1");
	done(&r);
}

static void
test_halves(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct scale *sc = &c->rubric->scale;
	static const double x[] = { 3.5, 2.5, 3.71, 1.99, 4 };
	struct run r;

	/* the highest level not above s, the level fully reached */
	CHECK_NUM(score_level(sc, 3.5), 3);
	CHECK_NUM(score_level(sc, 2.5), 2);
	CHECK_NUM(score_level(sc, 3.71), 3);
	CHECK_NUM(score_level(sc, 5.99), 5);
	CHECK_NUM(score_level(sc, 6), 6);
	CHECK_NUM(score_level(sc, 1), 1);
	flat(c, ABC, 1);
	people_at(c, x, 5);
	r = run(c);
	CHECK_INT(comp(&r, "p0", "a")->level, 3);       /* 3.5 -> 3 */
	CHECK_INT(comp(&r, "p1", "a")->level, 2);       /* 2.5 -> 2 */
	CHECK_INT(comp(&r, "p2", "a")->level, 3);       /* 3.71 -> 3 */
	CHECK_INT(comp(&r, "p3", "a")->level, 1);       /* 1.99 -> 1 */
	CHECK_INT(comp(&r, "p4", "a")->level, 4);       /* 4 -> 4 */
	done(&r);
}

static void
test_ties_strengths_growth(void)
{
	static const char *const ids[] = { "c1", "c2", "c3", "c4", "c5",
	    "c6", "c7", "c8", "c9" };
	static const double s[] = { 4, 4, 3.5, 4, 4.5, 2, 2, 2.5, 3 };
	struct cycle *c = tm_new(1, 6);
	const struct person_score *ps;
	struct run r;
	size_t i;

	flat(c, ids, 9);
	tm_expect(c, "CSM II", 3);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", "CSM II", NULL);
	for (i = 0; i < 9; i++)
		tm_rate(c, "p", "m", M, ids[i], s[i]);
	r = run(c);
	ps = person(&r, "p");
	/* r = e = 3. s - r: c1 1, c2 1, c3 .5, c4 1, c5 1.5, c9 0.
	 * Strengths: c5 (1.5), then the 1s in rubric order: c1, c2; c4
	 * ties with them but comes later: left out. */
	CHECK_INT(ps->nstrengths, 3);
	CHECK_INT(ps->strengths[0], 4);         /* c5 */
	CHECK_INT(ps->strengths[1], 0);         /* c1 */
	CHECK_INT(ps->strengths[2], 1);         /* c2 */
	/* Shortfalls r - s: c6 1, c7 1, c8 .5: c6, c7 (tie, rubric order),
	 * c8. */
	CHECK_INT(ps->ngrowth, 3);
	CHECK_INT(ps->growth[0], 5);
	CHECK_INT(ps->growth[1], 6);
	CHECK_INT(ps->growth[2], 7);
	done(&r);

	/* Fewer than 3 of each; s = r is a strength (s >= r). */
	c = tm_new(1, 6);
	flat(c, ids, 3);
	tm_expect(c, "CSM II", 3);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", "CSM II", NULL);
	tm_rate(c, "p", "m", M, "c1", 3);
	tm_rate(c, "p", "m", M, "c2", 2.99);
	r = run(c);
	ps = person(&r, "p");
	CHECK_INT(ps->nstrengths, 1);
	CHECK_INT(ps->strengths[0], 0);
	CHECK_INT(ps->ngrowth, 1);
	CHECK_INT(ps->growth[0], 1);
	done(&r);
}

static void
test_status_thresholds(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct rubric *ru = c->rubric;
	struct run r;

	/* With e = 3: green s >= 3, yellow s >= 2, else red. */
	CHECK_INT(score_status(ru, 3, 3), STATUS_GREEN);
	CHECK_INT(score_status(ru, 2, 3), STATUS_YELLOW);
	CHECK_INT(score_status(ru, 1.99, 3), STATUS_RED);
	/* Without e: rubric status, defaults green 5, yellow 4 on 1..6. */
	CHECK_INT(score_status(ru, 5, NAN), STATUS_GREEN);
	CHECK_INT(score_status(ru, 4.99, NAN), STATUS_YELLOW);
	CHECK_INT(score_status(ru, 4, NAN), STATUS_YELLOW);
	CHECK_INT(score_status(ru, 3.99, NAN), STATUS_RED);
	CHECK_INT(score_status(ru, NAN, 3), STATUS_NONE);
	c->rubric->green = 4;                   /* status: { green: 4, */
	c->rubric->yellow = 3;                  /*          yellow: 3 } */
	CHECK_INT(score_status(ru, 4, NAN), STATUS_GREEN);
	CHECK_INT(score_status(ru, 3.99, NAN), STATUS_YELLOW);
	CHECK_INT(score_status(ru, 3, NAN), STATUS_YELLOW);
	CHECK_INT(score_status(ru, 2.99, NAN), STATUS_RED);
	/* A person whose level has no expectation: r = green, e null. */
	flat(c, ABC, 1);
	tm_expect(c, "CSM II", 3);
	tm_person(c, "m", "Manager", NULL, "Associate", NULL);
	tm_person(c, "p", "Person", "m", "Associate", NULL);
	tm_person(c, "q", "Person two", "m", "CSM II", NULL);
	tm_rate(c, "p", "m", M, "a", 3.5);
	tm_rate(c, "q", "m", M, "a", 3.5);
	r = run(c);
	CHECK(isnan(comp(&r, "p", "a")->expected));
	CHECK_NUM(comp(&r, "p", "a")->ref, 4);
	CHECK_INT(comp(&r, "p", "a")->status, STATUS_YELLOW);   /* 3.5 >= 3 */
	CHECK_INT(person(&r, "p")->ngrowth, 1); /* 3.5 < r = 4 */
	CHECK_NUM(comp(&r, "q", "a")->expected, 3);
	CHECK_INT(comp(&r, "q", "a")->status, STATUS_GREEN);    /* 3.5 >= 3 */
	CHECK_INT(person(&r, "q")->nstrengths, 1);
	done(&r);
}

static const struct group *
team(const struct run *r, const char *manager)
{
	size_t i;

	for (i = 0; i < r->a->nteams; i++)
		if (strcmp(r->a->teams[i].key, manager) == 0)
			return &r->a->teams[i];
	return NULL;
}

static void
test_groups(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct group_comp *g;
	const struct group *t;
	struct run r;

	flat(c, ABC, 2);
	tm_expect(c, "CSM II", 3);
	tm_expect(c, "Senior", 4);
	tm_person(c, "h", "Head", NULL, NULL, "CS");
	tm_person(c, "m1", "Manager one", "h", "Senior", "CS");
	tm_person(c, "m2", "Manager two", "h", "Senior", "CS");
	tm_person(c, "r1", "Report one", "m1", "CSM II", "CS");
	tm_person(c, "r2", "Report two", "m2", "Senior", "Ops");
	tm_person(c, "r3", "Report three", "m2", "Senior", "Ops");
	tm_person(c, "r4", "Report four", "m2", NULL, "Ops");
	tm_rate(c, "m1", "h", M, "a", 4);
	tm_rate(c, "m2", "h", M, "a", 4);
	tm_rate(c, "r1", "m1", M, "a", 3.5);
	tm_rate(c, "r2", "m2", M, "a", 3);
	tm_rate(c, "r3", "m2", M, "a", 4);
	tm_rate(c, "r4", "m2", M, "a", 4);
	r = run(c);
	/* Team of one (m1: r1): n 1, mean = median = min = max = 3.5,
	 * stdev null; level 3 (the highest not above 3.5); r1 has e 3 and
	 * s 3.5 >= 3:
	 * below_expected 0, below_share round2(0 / 1) = 0. */
	t = team(&r, "m1");
	CHECK(t != NULL && t->nmembers == 1);
	g = &t->comps[0];
	CHECK_INT(g->n, 1);
	CHECK_NUM(g->mean, 3.5);
	CHECK_NUM(g->median, 3.5);
	CHECK(isnan(g->stdev));
	CHECK_NUM(g->min, 3.5);
	CHECK_NUM(g->max, 3.5);
	CHECK_INT(g->distribution[2], 1);       /* level 3 */
	CHECK_INT(g->distribution[3], 0);
	CHECK_INT(g->below_expected, 0);
	CHECK_NUM(g->below_share, 0);
	/* Team m2: r2 3, r3 4, r4 4.
	 * mean = round2(11/3) = 3.67; median 4; min 3; max 4;
	 * stdev = sqrt(((3 - 11/3)^2 + 2 * (4 - 11/3)^2) / 2)
	 *       = sqrt((4/9 + 2/9) / 2) = sqrt(1/3) = 0.577... -> 0.58;
	 * expectations: r2, r3 Senior (4); r4 none: below_expected 1 (r2),
	 * below_share = round2(1 / 2) = 0.5. Distribution: 3: 1, 4: 2. */
	t = team(&r, "m2");
	g = &t->comps[0];
	CHECK_INT(g->n, 3);
	CHECK_NUM(g->mean, 3.67);
	CHECK_NUM(g->median, 4);
	CHECK_NUM(g->stdev, 0.58);
	CHECK_NUM(g->min, 3);
	CHECK_NUM(g->max, 4);
	CHECK_INT(g->distribution[2], 1);
	CHECK_INT(g->distribution[3], 2);
	CHECK_INT(g->below_expected, 1);
	CHECK_NUM(g->below_share, 0.5);
	/* Competency b: nobody rated: n 0, every figure null. */
	g = &t->comps[1];
	CHECK_INT(g->n, 0);
	CHECK(isnan(g->mean) && isnan(g->median) && isnan(g->stdev));
	CHECK(isnan(g->below_share));
	/* Team h: m1 4, m2 4: median of an even n = (4 + 4) / 2; stdev 0. */
	CHECK_NUM(team(&r, "h")->comps[0].median, 4);
	CHECK_NUM(team(&r, "h")->comps[0].stdev, 0);
	CHECK_INT(r.a->nteams, 3);              /* h, m1, m2 in roster order */
	CHECK_STR(r.a->teams[0].key, "h");
	/* Departments in roster order: CS (h, m1, m2, r1), Ops (r2..r4).
	 * CS on a: 4, 4, 3.5 (h unrated): n 3, mean round2(11.5/3) =
	 * round2(3.8333) = 3.83, median 4. */
	CHECK_INT(r.a->ndepts, 2);
	CHECK_STR(r.a->depts[0].key, "CS");
	CHECK_INT(r.a->depts[0].nmembers, 4);
	CHECK_INT(r.a->depts[0].comps[0].n, 3);
	CHECK_NUM(r.a->depts[0].comps[0].mean, 3.83);
	CHECK_NUM(r.a->depts[0].comps[0].median, 4);
	/* Org: 4, 4, 3.5, 3, 4, 4: mean round2(22.5/6) = 3.75; median of
	 * 3, 3.5, 4, 4, 4, 4 = (4 + 4) / 2 = 4; below: m1 4 >= 4, m2 4 >= 4,
	 * r1 3.5 >= 3, r2 3 < 4, r3 4 >= 4: 1 of 5: 0.2. */
	g = &r.a->org.comps[0];
	CHECK_INT(r.a->org.nmembers, 7);
	CHECK_INT(g->n, 6);
	CHECK_NUM(g->mean, 3.75);
	CHECK_NUM(g->median, 4);
	CHECK_INT(g->below_expected, 1);
	CHECK_NUM(g->below_share, 0.2);
	done(&r);
}

static void
test_group_rounding(void)
{
	static const double x[] = { 2.67, 2.68 };
	static const double y[] = { 4.5, 2.68, 4, 2.67 };
	struct cycle *c = tm_new(1, 6);
	struct run r;

	flat(c, ABC, 1);
	people_at(c, x, 2);
	r = run(c);
	/* mean = median = round2((2.67 + 2.68) / 2) = round2(2.675) = 2.68;
	 * stdev = sqrt(2 * 0.005^2 / 1) = 0.00707 -> 0.01. */
	CHECK_NUM(r.a->org.comps[0].mean, 2.68);
	CHECK_NUM(r.a->org.comps[0].median, 2.68);
	CHECK_NUM(r.a->org.comps[0].stdev, 0.01);
	done(&r);

	/* 2.67, 2.68, 4, 4.5: median = round2((2.68 + 4) / 2) = 3.34;
	 * mean = round2(13.85 / 4) = round2(3.4625) = 3.46;
	 * stdev: deviations from 3.4625: -0.7925, -0.7825, 0.5375, 1.0375;
	 * squares sum to 2.605675; / 3 = 0.868558; sqrt = 0.93196 -> 0.93. */
	c = tm_new(1, 6);
	flat(c, ABC, 1);
	people_at(c, y, 4);
	r = run(c);
	CHECK_NUM(r.a->org.comps[0].median, 3.34);
	CHECK_NUM(r.a->org.comps[0].mean, 3.46);
	CHECK_NUM(r.a->org.comps[0].stdev, 0.93);
	CHECK_NUM(r.a->org.comps[0].min, 2.67);
	CHECK_NUM(r.a->org.comps[0].max, 4.5);
	done(&r);
}

static void
test_nothing_rated(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct person_score *ps;
	struct run r;

	flat(c, ABC, 2);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Zoë Ångström", "m", NULL, NULL);
	tm_rate(c, "p", "m", M, "a", NAN);
	tm_rate(c, "p", "m", M, NULL, NAN);
	tm_rate(c, "m", "m", S, "a", 4);        /* self only: weight 0 */
	r = run(c);
	ps = person(&r, "p");
	CHECK_INT(ps->rated, 0);
	CHECK(isnan(ps->overall) && isnan(ps->percent));
	CHECK_NUM(ps->coverage, 0);
	CHECK_INT(ps->label, -1);
	CHECK(isnan(ps->cats[0]));
	CHECK_INT(ps->nstrengths + ps->ngrowth, 0);
	/* One warning per person with nothing rated, roster order. */
	CHECK_INT(diag_count(r.d), 2);
	CHECK_STR(diag_text(r.d, 0, NULL), "roster.csv:2: warning: person "
	    "\"m\" (Manager) has no rated competency (self ratings weigh 0 "
	    "in rater_weights); no scorecard, coaching summary or packet is "
	    "made for them (they still get a rating form)");
	CHECK(strstr(diag_text(r.d, 1, NULL), "\"p\" (Zoë Ångström)") != NULL);
	/* Left out of the groups: the org has 2 members, n 0. */
	CHECK_INT(r.a->org.comps[0].n, 0);
	CHECK_INT(r.a->org.nmembers, 2);
	done(&r);
}

/* s and m_manager per competency: one competency each. */
static void
test_gaps(void)
{
	static const char *const ids[] = { "g1", "g2", "g3", "g4" };
	static const double self[] = { 2, 4, 5, 4 };
	static const double mgr[] = { 3.67, 2.34, 3.33, NAN };
	struct cycle *c = tm_new(1, 6);
	struct run r;
	size_t i;

	flat(c, ids, 4);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	for (i = 0; i < 4; i++) {
		tm_rate(c, "p", "p", S, ids[i], self[i]);
		if (!isnan(mgr[i]))
			tm_rate(c, "p", "m", M, ids[i], mgr[i]);
	}
	r = run(c);
	/* Threshold on 1..6: round2(5 / 3) = 1.67. */
	CHECK_NUM(comp(&r, "p", "g1")->gap, -1.67);     /* 2 - 3.67 */
	CHECK_INT(comp(&r, "p", "g1")->gap_flag, GAP_HIDDEN_STRENGTH);
	CHECK_NUM(comp(&r, "p", "g2")->gap, 1.66);      /* 4 - 2.34 */
	CHECK_INT(comp(&r, "p", "g2")->gap_flag, GAP_NONE);
	CHECK_NUM(comp(&r, "p", "g3")->gap, 1.67);      /* 5 - 3.33 */
	CHECK_INT(comp(&r, "p", "g3")->gap_flag, GAP_BLIND_SPOT);
	CHECK(isnan(comp(&r, "p", "g4")->gap));         /* no manager */
	CHECK_INT(comp(&r, "p", "g4")->gap_flag, GAP_NONE);
	done(&r);

	/* On 1..5 the threshold is round2(4 / 3) = 1.33. */
	c = tm_new(1, 5);
	flat(c, ids, 2);
	tm_person(c, "m", "Manager", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m", NULL, NULL);
	tm_rate(c, "p", "p", S, "g1", 4.33);
	tm_rate(c, "p", "m", M, "g1", 3);
	tm_rate(c, "p", "p", S, "g2", 3);
	tm_rate(c, "p", "m", M, "g2", 4.32);
	r = run(c);
	CHECK_NUM(comp(&r, "p", "g1")->gap, 1.33);
	CHECK_INT(comp(&r, "p", "g1")->gap_flag, GAP_BLIND_SPOT);
	CHECK_NUM(comp(&r, "p", "g2")->gap, -1.32);
	CHECK_INT(comp(&r, "p", "g2")->gap_flag, GAP_NONE);
	done(&r);
}

static void
test_calibration(void)
{
	static const char *const ids[] = { "a", "b", "c", "d" };
	struct cycle *c = tm_new(1, 6);
	const struct calibration *k;
	struct run r;

	flat(c, ids, 4);
	tm_person(c, "m1", "Manager one", NULL, NULL, NULL);
	tm_person(c, "m2", "Manager two", NULL, NULL, NULL);
	tm_person(c, "m3", "Manager three", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m1", NULL, NULL);
	tm_person(c, "q", "Person two", "m2", NULL, NULL);
	tm_person(c, "s", "Person three", "m3", NULL, NULL);
	/* Listed out of roster order on purpose. */
	tm_rate(c, "s", "m3", M, "a", 3.5);
	tm_rate(c, "s", "m3", M, "b", 3.5);
	tm_rate(c, "p", "m1", M, "a", 4);
	tm_rate(c, "p", "m1", M, "b", 4);
	tm_rate(c, "p", "m1", M, "c", NAN);     /* N/A: not a rating */
	tm_rate(c, "p", "p", S, "c", 1);        /* not a manager rating */
	tm_rate(c, "q", "m2", M, "a", 3);
	tm_rate(c, "q", "m2", M, "b", 3);
	r = run(c);
	/* All manager ratings: 4 4 3 3 3.5 3.5: mean 21/6 = 3.5.
	 * m1: 2 ratings, mean 4, delta 0.5: flagged (exactly 0.5);
	 * m2: mean 3, delta -0.5: flagged; m3: 3.5, delta 0: not. */
	CHECK_NUM(r.a->org_manager_mean, 3.5);
	CHECK_INT(r.a->ncal, 3);
	k = &r.a->cal[0];
	CHECK_STR(k->rater_id, "m1");
	CHECK_INT(k->ratings, 2);
	CHECK_NUM(k->mean_given, 4);
	CHECK_NUM(k->delta_vs_org, 0.5);
	CHECK(k->flag);
	k = &r.a->cal[1];
	CHECK_STR(k->rater_id, "m2");
	CHECK_NUM(k->delta_vs_org, -0.5);
	CHECK(k->flag);
	k = &r.a->cal[2];
	CHECK_STR(k->rater_id, "m3");
	CHECK_NUM(k->delta_vs_org, 0);
	CHECK(!k->flag);
	done(&r);

	/* Rounded where made: m1 gives 3.65 and 4: mean 3.825 -> 3.83;
	 * m2 gives 3, 3, 3, 3.35: mean 12.35/4 = 3.0875 -> 3.09;
	 * all: 20/6 = 3.333... -> 3.33.
	 * m1: delta = round2(3.83 - 3.33) = 0.5: flagged (from the raw
	 * means 3.825 - 3.333 = 0.49 it would not be);
	 * m2: delta = round2(3.09 - 3.33) = -0.24: not flagged. */
	c = tm_new(1, 6);
	flat(c, ids, 4);
	tm_person(c, "m1", "Manager one", NULL, NULL, NULL);
	tm_person(c, "m2", "Manager two", NULL, NULL, NULL);
	tm_person(c, "p", "Person", "m1", NULL, NULL);
	tm_person(c, "q", "Person two", "m2", NULL, NULL);
	tm_rate(c, "p", "m1", M, "a", 3.65);
	tm_rate(c, "p", "m1", M, "b", 4);
	tm_rate(c, "q", "m2", M, "a", 3);
	tm_rate(c, "q", "m2", M, "b", 3);
	tm_rate(c, "q", "m2", M, "c", 3);
	tm_rate(c, "q", "m2", M, "d", 3.35);
	r = run(c);
	CHECK_NUM(r.a->org_manager_mean, 3.33);
	CHECK_NUM(r.a->cal[0].mean_given, 3.83);
	CHECK_NUM(r.a->cal[0].delta_vs_org, 0.5);
	CHECK(r.a->cal[0].flag);
	CHECK_INT(r.a->cal[1].ratings, 4);
	CHECK_NUM(r.a->cal[1].mean_given, 3.09);
	CHECK_NUM(r.a->cal[1].delta_vs_org, -0.24);
	CHECK(!r.a->cal[1].flag);
	done(&r);
}

/* The previous cycle: its own rubric (competencies "old" and "a", in
 * that order) and weights (manager 1, self 1). */
static struct cycle *
previous_cycle(void)
{
	struct cycle *c = tm_new(1, 6);

	c->weights[S] = 1;
	tm_cat(c, "cat", NAN);
	tm_comp(c, "old", 1);
	tm_comp(c, "a", 1);
	tm_person(c, "m", "Manager", NULL, NULL, "CS");
	tm_person(c, "p", "Person", "m", NULL, "CS");
	tm_person(c, "q", "Gone", "m", NULL, "CS");
	tm_rate(c, "p", "m", M, "a", 2);
	tm_rate(c, "p", "p", S, "a", 4);
	tm_rate(c, "p", "m", M, "old", 5);
	tm_rate(c, "q", "m", M, "a", 2);
	return c;
}

static void
test_trends(void)
{
	struct cycle *c = tm_new(1, 6);
	const struct person_score *ps;
	struct run r;

	flat(c, ABC, 2);                        /* a, b */
	tm_person(c, "m", "Manager", NULL, NULL, "CS");
	tm_person(c, "p", "Person", "m", NULL, "CS");
	tm_person(c, "n", "New", "m", NULL, "CS");
	tm_person(c, "o", "Other", NULL, NULL, "Ops");
	tm_rate(c, "p", "m", M, "a", 4);
	tm_rate(c, "p", "p", S, "a", 6);        /* weight 0 now */
	tm_rate(c, "p", "m", M, "b", 2);
	tm_rate(c, "n", "m", M, "a", 3);
	tm_rate(c, "o", "o", S, "a", 3);
	c->previous = previous_cycle();
	r = run(c);
	ps = person(&r, "p");
	/* Then: p's a = round2((1*2 + 1*4) / 2) = 3 with that cycle's
	 * weights (2 with today's); old = 5; overall = (3 + 5) / 2 = 4.
	 * Now: a = 4, b = 2, overall = 3.
	 * trend a = 4 - 3 = 1; b: not in the previous rubric: null;
	 * overall = 3 - 4 = -1. */
	CHECK(ps->in_previous);
	CHECK_NUM(ps->comps[0].trend, 1);
	CHECK(isnan(ps->comps[1].trend));
	CHECK_NUM(ps->trend_overall, -1);
	/* n is new: no trends. m: in both, nothing rated: null. */
	ps = person(&r, "n");
	CHECK(!ps->in_previous);
	CHECK(isnan(ps->trend_overall) && isnan(ps->comps[0].trend));
	CHECK(person(&r, "m")->in_previous);
	CHECK(isnan(person(&r, "m")->trend_overall));
	/* Team m on a: now p 4, n 3: mean 3.5; then p 3, q 2: mean 2.5;
	 * trend 1. b: null. */
	CHECK_NUM(team(&r, "m")->comps[0].mean, 3.5);
	CHECK_NUM(team(&r, "m")->comps[0].trend, 1);
	CHECK(isnan(team(&r, "m")->comps[1].trend));
	/* Department CS: the same people rated: trend 1; Ops is new: null. */
	CHECK_NUM(r.a->depts[0].comps[0].trend, 1);
	CHECK(isnan(r.a->depts[1].comps[0].trend));
	/* Org: now 4, 3 -> 3.5; then 3, 2 -> 2.5: 1. */
	CHECK_NUM(r.a->org.comps[0].trend, 1);
	/* The previous cycle's people with nothing rated draw no warning:
	 * only m and o now. */
	CHECK_INT(diag_count(r.d), 2);
	done(&r);
}

int
main(void)
{
	/* A failed CHECK returns early and leaks; LeakSanitizer then exits
	 * before stdio flushes: keep each result line. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	RUN(test_weights_partial_override);
	RUN(test_anonymity_rule);
	RUN(test_rounding_where_made);
	RUN(test_missing_and_na);
	RUN(test_category_weights);
	RUN(test_bands_and_fallback);
	RUN(test_halves);
	RUN(test_ties_strengths_growth);
	RUN(test_status_thresholds);
	RUN(test_groups);
	RUN(test_group_rounding);
	RUN(test_nothing_rated);
	RUN(test_gaps);
	RUN(test_calibration);
	RUN(test_trends);
	return CHECK_EXIT();
}
