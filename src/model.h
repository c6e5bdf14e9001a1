/* model.h: the plain data of a review cycle (rubric, people, ratings) as
 * the loaders leave it: validated, indexed, read-only afterwards. No I/O
 * and no third-party headers. All strings are UTF-8 without NUL and live
 * in the owner's arena; "NULL" means "not given". */
#ifndef REVPACK_MODEL_H
#define REVPACK_MODEL_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

enum role {
	ROLE_MANAGER,
	ROLE_SELF,
	ROLE_PEER,
	ROLE_DIRECT_REPORT,
	NROLES
};

/* "manager", "self", "peer", "direct_report". */
const char *role_name(enum role r);
/* role_parse: the role spelled s (exactly as above), or -1. */
int role_parse(const char *s);

/* A list of strings (descriptor lines, paragraphs). */
struct strv {
	const char **v;
	size_t n;
};

/* --- rubric.yaml --- */

struct level {
	int value;
	const char *label;
	struct pos pos;
};

struct scale {
	struct level *levels;   /* ascending, contiguous values */
	size_t n;
	int min, max;
};

struct competency {
	const char *id, *title;
	double weight;          /* default 1 */
	size_t category;        /* index into rubric.cats */
	const char *definition;
	struct strv strong;     /* what strong looks like */
	const char *ind_green, *ind_yellow, *ind_red;   /* indicators, or NULL */
	struct strv *levels;    /* [scale.n]: descriptors of level min+i */
	struct strv coaching;
	struct strv objectives; /* as written; empty: docs use next-level descriptors */
	struct pos pos;
};

struct category {
	const char *id, *title;
	const char *description;
	double weight;          /* meaningful when has_weight */
	int has_weight;
	size_t first, n;        /* its competencies: comps[first .. first+n) */
	struct pos pos;
};

struct expectation {
	const char *level;      /* role level, as in roster.csv's `level` */
	double value;           /* expected scale level e */
	struct pos pos;
};

struct band {
	double min;
	const char *label;
	struct pos pos;
};

struct rubric {
	const char *path;
	const char *id, *title, *version;
	const char *description;
	struct scale scale;
	struct expectation *expectations;
	size_t nexpectations;
	double green, yellow;   /* status thresholds, defaults applied */
	struct band *bands;     /* descending min; none: labels are level labels */
	size_t nbands;
	struct strv intro, leaders, individuals;        /* guide */
	struct category *cats;
	size_t ncats;
	struct competency *comps;       /* every competency, rubric order */
	size_t ncomps;
	struct strtab *comp_ids;        /* competency id -> index in comps */
	struct strtab *level_labels;    /* label (ASCII case folded) -> value */
	struct strtab *expect_levels;   /* role level -> index in expectations */
	struct arena *arena;
};

/* --- roster.csv --- */

struct person {
	const char *id, *name;
	const char *email, *title, *level, *department, *employment;
	int supervisory;        /* 1 yes, 0 no, -1 not given */
	const char *manager_id; /* NULL at the top of a reporting line */
	int manager;            /* index into cycle.people, or -1 */
	int dept;               /* index into cycle.depts, or -1 */
	int *reports;           /* direct reports, roster order */
	size_t nreports;
	const char **extra;     /* [cycle.nextra]: further roster columns */
	struct pos pos;         /* roster line */
};

struct department {
	const char *name;
	const char *slug;       /* the file name of its PDF, unique */
	int *members;           /* roster order */
	size_t n;
};

/* --- ratings --- */

struct rating {
	int subject;            /* index into cycle.people */
	int rater;              /* index into cycle.people, or -1 (token) */
	const char *rater_id;
	enum role role;
	int comp;               /* index into rubric.comps; -1: a wide row's
	                           general comment (score is NAN) */
	double score;           /* NAN when not rated (empty, N/A) */
	const char *comment;    /* NULL when empty */
	struct pos pos;         /* file and line where the record starts */
};                              /* 56 bytes: 5 million in a cycle of
	                           100,000 people (the loader keeps a time
	                           stamp for `repeated: latest` beside them) */

/* A column of an export as cycle.yaml names it: one name, or several
 * whose cells are joined (first and last name; comment columns). */
struct colspec {
	const char **names;     /* [n]; n == 0: not given */
	size_t n;
	struct pos pos;         /* where cycle.yaml names it */
};

/* One role's columns in a file with a column per role (15Five: "Self
 * Evaluation - Rating", "Manager Evaluation - Rating"). */
struct rolecols {
	int role;               /* enum role */
	struct colspec score, comment;
};

/* How an export is read (revpack-cycle.5, "EXPORTS AS THEY ARE"). */
enum src_type { SRC_AUTO, SRC_CSV, SRC_XLSX };

/* How cycle.yaml says an input table (roster, ratings) is read. */
struct filespec {
	enum src_type type;
	const char *encoding;   /* forced, or NULL: detected */
	const char *sheet;      /* .xlsx: a sheet's name, or NULL: the first */
	int header_rows;        /* 0: recognised */
	int header_names;       /* 0: header rows joined; k: row k */
};

/* A ratings file as cycle.yaml names it. Column names not given take the
 * long format's defaults (subject_id, ...). */
struct rating_source {
	const char *file;       /* as written in cycle.yaml */
	const char *path;       /* resolved against the cycle's folder */
	int wide;
	struct filespec how;
	/* columns */
	struct colspec subject, rater, role, comp, score, comment, stamp;
	int fixed_role;         /* every row's role (`role:`), or -1 */
	struct rolecols *rolecols;      /* [nrolecols] (`role_columns:`) */
	size_t nrolecols;
	/* wide format: question columns */
	const char **q_columns; /* [nq] question column -> */
	int *q_comps;           /* [nq] competency index */
	struct pos *q_pos;      /* [nq] where cycle.yaml names it */
	size_t nq;
	/* long format: competency cell texts (`competencies:`) -> */
	const char **comp_texts;        /* [ncomp_texts] */
	int *comp_map;                  /* [ncomp_texts] competency index */
	size_t ncomp_texts;
	const char **role_values;   /* [nroles_map] vendor value -> */
	int *role_map;              /* [nroles_map] enum role */
	size_t nroles_map;
	/* answers: `values:` (a text -> a number, or NAN: not rated) and
	 * `na:` (texts that mean not rated, also NAN here) */
	const char **value_texts;       /* [nvalues] */
	double *value_nums;             /* [nvalues] */
	struct pos *value_pos;          /* [nvalues] where cycle.yaml says it */
	size_t nvalues;
	/* rows: `where:` (only rows whose column holds one of the values)
	 * and `repeated: latest` (by the `timestamp` column) */
	struct colspec where;
	const char **where_vals;        /* [nwhere] */
	size_t nwhere;
	int keep_latest;
	struct pos pos;
};

/* The roster's columns, as roster.csv names them: "id", "name",
 * "manager_id", "email", "title", "level", "department", "supervisory",
 * "employment" (roster_col_names). */
enum roster_col {
	RC_ID, RC_NAME, RC_MANAGER, RC_EMAIL, RC_TITLE, RC_LEVEL, RC_DEPT,
	RC_SUPERVISORY, RC_EMPLOYMENT, NROSTER_COLS
};
extern const char *const roster_col_names[NROSTER_COLS];

/* --- cycle.yaml and everything it names --- */

struct cycle {
	const char *path;               /* cycle.yaml, as given */
	const char *dir;                /* its folder */
	const char *id, *title, *organization;
	const char *period_start, *period_end, *review_date;   /* YYYY-MM-DD */
	const char *rubric_path, *template_path, *deck_template_path;
	const char *roster_path, *previous_path;        /* resolved; NULL */
	struct filespec roster_how;
	/* the roster's own column names (`roster: { columns: ... }`), by
	 * roster_col; n == 0: the column's own name */
	struct colspec roster_cols[NROSTER_COLS];
	struct rating_source *sources;
	size_t nsources;
	double weights[NROLES];         /* rater weights, defaults applied */
	int min_raters;                 /* anonymity threshold, default 3 */

	struct rubric *rubric;          /* owned */

	struct person *people;          /* roster order */
	size_t npeople;
	struct strtab *person_ids;      /* id -> index (exact) */
	const char **extra_cols;        /* names of further roster columns */
	size_t nextra;
	int *managers;                  /* people who have reports, roster order */
	size_t nmanagers;
	struct department *depts;       /* first-appearance order in roster */
	size_t ndepts;

	struct rating *ratings;         /* grouped by subject (roster order),
	                                   input order within a subject;
	                                   malloc'd, as is rating_first */
	size_t nratings;
	size_t *rating_first;           /* [npeople+1]: person p's ratings are
	                                   ratings[rating_first[p] ..
	                                   rating_first[p+1]) */

	struct cycle *previous;         /* owned; its own previous is not loaded */
	struct arena *arena;
};

/* Lookups. */
int cycle_person(const struct cycle *c, const char *id);       /* or -1 */
int rubric_comp(const struct rubric *r, const char *id);        /* or -1 */
/* rubric_expected: e for a role level, or NAN when the rubric lists none
 * (or level is NULL). */
double rubric_expected(const struct rubric *r, const char *level);
/* rubric_level_label: the label of level value v, or NULL. */
const char *rubric_level_label(const struct rubric *r, int v);
/* rubric_descriptors: the descriptors of competency c at level value v
 * (empty when none). */
const struct strv *rubric_descriptors(const struct rubric *r,
    const struct competency *c, int v);

void rubric_free(struct rubric *r);     /* NULL is a no-op */
void cycle_free(struct cycle *c);       /* frees previous and rubric too */

#endif
