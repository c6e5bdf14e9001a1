/* score.h: the scoring rules (revpack.1, SCORING) as pure functions: a
 * loaded cycle in, every figure the documents and aggregates print out.
 * A missing figure (JSON's null) is NAN; every figure is already
 * round2'ed where the rules say it is made. Read-only once made; shared
 * by the render threads. */
#ifndef REVPACK_SCORE_H
#define REVPACK_SCORE_H

#include "model.h"

enum status {
	STATUS_NONE = -1,       /* unrated */
	STATUS_RED,
	STATUS_YELLOW,
	STATUS_GREEN
};

enum gap_flag {
	GAP_NONE,
	GAP_BLIND_SPOT,         /* self higher than manager */
	GAP_HIDDEN_STRENGTH     /* self lower */
};

/* One person, one competency. The doubles first, then the counts, then
 * the bytes, so that little is padding: 104 bytes rather than 136, 13 of
 * them per person (135 MB for 100,000 people rather than 177 MB). */
struct comp_score {
	double s;                       /* official score, NAN: unrated */
	double expected;                /* e, NAN without expectation */
	double ref;                     /* reference r (e or status.green) */
	double by_role[NROLES];         /* round2(role mean), NAN when the role
	                                   did not score; below the anonymity
	                                   threshold too (administrator's view) */
	double gap;                     /* self - manager, NAN */
	double trend;                   /* s - previous s, NAN */
	int level;                      /* level value (score_level); meaningful
	                                   only when s is not NAN (0 then) */
	int raters_by_role[NROLES];     /* raters of the role who scored c */
	int raters;                     /* ratings that scored c, every
	                                   role (sum of raters_by_role: the
	                                   administrator's view; a document
	                                   prints only shown roles' counts) */
	unsigned char shown[NROLES];    /* 1: the role scored c and is not
	                                   left out by the anonymity rule, so
	                                   it counts and may be shown (its
	                                   mean, count, comments on c) */
	signed char status;             /* an enum status (STATUS_NONE is -1) */
	unsigned char gap_flag;         /* an enum gap_flag */
};

struct person_score {
	struct comp_score *comps;       /* [rubric.ncomps] */
	double *cats;                   /* [rubric.ncats], NAN: none rated */
	size_t rated;                   /* rated competencies */
	double overall, percent;        /* NAN when nothing is rated */
	double coverage;                /* 0..1 */
	int label;                      /* index into aggregates.labels, -1 */
	int strengths[3], nstrengths;   /* competency indices */
	int growth[3], ngrowth;
	int in_previous;                /* the person is in the previous cycle */
	double trend_overall;           /* NAN */
	int raters_any[NROLES];         /* distinct raters of each role who
	                                   scored the person on anything: a
	                                   wide row's general comment of a
	                                   peer or direct report is shown only
	                                   when this is >= cycle.min_raters */
};

/* A group's figures for one competency. */
struct group_comp {
	int n;                          /* people with a rated s */
	double mean, median, stdev, min, max;   /* NAN when n (n < 2) is 0;
	                                   stdev: sample standard deviation
	                                   of the s values (STDEV.S) */
	int *distribution;              /* [scale.n]: people per level */
	int below_expected;
	double below_share;             /* NAN when no one has e and s */
	double trend;                   /* NAN */
};

struct group {
	const char *key;                /* manager id, department name, or NULL
	                                   for the organisation */
	int *members;                   /* person indices, roster order */
	size_t nmembers;
	struct group_comp *comps;       /* [rubric.ncomps] */
	int *labels;                    /* [aggregates.nlabels]: people per
	                                   overall label */
};

struct calibration {
	int rater;                      /* person index of the manager-rater */
	const char *rater_id;
	int ratings;
	double mean_given;
	double delta_vs_org;
	int flag;                       /* |delta| >= 0.5 */
};

struct aggregates {
	const struct cycle *cycle;      /* borrowed */
	const char **labels;            /* the overall labels: every band's
	                                   (rubric order), then the level
	                                   labels some person falls back to
	                                   (below every band; scale order);
	                                   without bands every level label in
	                                   scale order. Unique strings. */
	size_t nlabels;
	struct person_score *people;    /* [cycle.npeople] */
	struct group *teams;            /* one per cycle.managers[i] */
	size_t nteams;
	struct group *depts;            /* one per cycle.depts[i] */
	size_t ndepts;
	struct group org;
	struct calibration *cal;        /* raters of `manager` ratings, roster
	                                   order, then anonymous ids in id order */
	size_t ncal;
	double org_manager_mean;        /* round2(mean of all manager ratings) */
	struct aggregates *previous;    /* owned, NULL without previous: */
	struct arena *arena;
};

/* score_cycle: every figure for c (and, for trends, for c->previous).
 * Warns in d about people with nothing rated (they get no scorecard).
 * Caller frees with aggregates_free. Never fails. */
struct aggregates *score_cycle(const struct cycle *c, struct diag *d);
void aggregates_free(struct aggregates *a);     /* NULL is a no-op */

/* The pieces, exposed for unit tests and documents. */
/* score_level: the highest scale level not above x (3.71 is level 3;
 * the level fully reached), clamped to the scale; NAN for NAN. */
double score_level(const struct scale *sc, double x);
enum status score_status(const struct rubric *r, double s, double e);
const char *status_name(enum status st);        /* "green", ..., NULL */
/* "blind_spot", "hidden_strength", or NULL for GAP_NONE. */
const char *gap_flag_name(enum gap_flag f);
/* score_left_out: 1 when role r with `raters` raters who scored a
 * competency is left out of everything by the anonymity rule (peer or
 * direct_report with fewer than c->min_raters). */
int score_left_out(const struct cycle *c, enum role r, int raters);

/* score_group.c: the group figures (teams, departments, organisation)
 * and calibration of a->cycle from a->people; score_groups_trends fills
 * the groups' trends from a->previous (NULL: nothing to do), map[k]
 * being competency k's index in the previous rubric, or -1. */
void score_groups(struct aggregates *a);
void score_calibration(struct aggregates *a);
void score_groups_trends(struct aggregates *a, const int *map);

#endif
