/* load_ratings.h: what the two halves of the ratings loader share:
 * load_ratings.c reads files and rows, load_cells.c checks and converts
 * one cell at a time. Not for other stages. */
#ifndef REVPACK_LOAD_RATINGS_H
#define REVPACK_LOAD_RATINGS_H

#include <stdint.h>

#include "in_csv.h"
#include "load_ingest.h"

/* A set of (subject, rater) pairs. Rater ids are interned (a person's id
 * in the roster, a token's in token_ids), so the pointer is the rater. */
struct pair {
	const char *rid;        /* NULL: an empty slot */
	int subject;
};

struct pairset {
	struct pair *v;
	size_t cap, n;          /* cap: a power of two */
};

/* The long format's columns. */
enum {
	L_SUBJECT, L_RATER, L_ROLE, L_COMP, L_SCORE, L_COMMENT, NLONG
};

/* A rating that repeats an earlier one: both as indexes into c->ratings,
 * and the later one's place in the input (file, line) to report in input
 * order. */
struct dup {
	size_t src;
	int line;
	size_t later, first;
};

/* A colspec found in the header: its columns' indexes. n == 0: absent. */
struct cols {
	int *v;
	size_t n;
};

/* One cell as the row gives it: the trimmed text of a column, or of
 * several joined (first and last name; comment columns); col is the
 * first column's index (for messages), line the record's. */
struct cell {
	const char *s;
	size_t n;
	int col;
	int line;
};

/* The kinds of cell problem that can be systematic (load_tally.c). */
enum tally_kind {
	T_SCORE,                /* an answer that is not a score */
	T_RANGE,                /* a number outside the scale */
	T_SUBJECT,              /* a subject not in the roster */
	T_RATER,                /* a manager or self rater not in the roster */
	T_ROLE,                 /* not a rater role */
	T_COMP,                 /* not a competency */
	NTALLY
};
struct tallies;

/* The state of one ratings_load. */
struct rload {
	struct cycle *c;
	struct diag *d;         /* while a file is read, its own messages
	                           (merged into the run's when the
	                           systematic ones are folded) */
	struct csvin *r;        /* the file being read */
	struct tallies *tallies;        /* its cell problems by kind */
	const struct rating_source *src;
	struct rating *v;       /* malloc'd, input order */
	size_t n, cap;
	double *when;           /* NULL, or beside v once a row has a time
	                           stamp (`repeated: latest`): each
	                           rating's, NAN for none */
	size_t when_cap;
	double row_when;        /* the current row's, or NAN */
	struct pairset warned;  /* (subject, rater) pairs warned about */
	struct strtab *tokens;  /* rater ids outside the roster */
	const char **token_ids;
	size_t ntokens, captokens;
	const char **comp_ids;  /* for suggestions */
	const char **labels;    /* level labels, for messages */
	struct people_index *people;
	struct strtab *titles;  /* competency titles (folded) -> index */
	struct strtab *texts;   /* this file's competency texts -> index */
	struct strtab *values;  /* this file's answer texts -> value index */
	struct arena *keys;     /* the folded keys of titles, texts, values */
	struct buf fold;        /* scratch */
	struct buf join;        /* scratch: joined cells */
	/* the columns of the file being read */
	struct cols subject, rater, role, comp, score, comment, stamp, where;
	struct cols *rscore, *rcomment; /* [src->nrolecols] */
	int *qcol;              /* wide: [src->nq] */
	int col[NLONG];         /* long format by its own names: column
	                           indexes, -1: absent */
	struct dup *drops;      /* ratings `repeated: latest` leaves out */
	size_t ndrops, capdrops;
	int ok;
};

/* --- load_repeats.c --- */
/* rl_find_duplicates: after grouping, repeats are reported (and in
 * error), or with `repeated: latest` the earlier one is dropped (a
 * warning each). */
void rl_find_duplicates(struct rload *L);

/* --- load_tally.c --- */
struct tallies *tallies_new(void);
void tallies_free(struct tallies *ts);          /* NULL is a no-op */
/* rl_problem: reports a cell problem of `kind` at x (like csvin_error),
 * counted with its kind; past a few of a kind in one file, the rest are
 * only counted (see rl_tally_flush). */
void rl_problem(struct rload *L, enum tally_kind kind, const struct cell *x,
    const char *fmt, ...) PRINTF_LIKE(4, 5);
/* rl_tally_flush: at the end of a file, each kind with more problems
 * than are listed becomes one message (count, columns, commonest values,
 * the cycle.yaml key that fixes them) in L->fd. */
void rl_tally_flush(struct rload *L);

/* rl_fold: s[0..n) with ASCII case and runs of white space folded, in
 * L->fold (borrowed until the next call). */
const char *rl_fold(struct rload *L, const char *s, size_t n, size_t *len);

/* The cells of a row, each checked (problems reported at the row's line
 * and column) and converted. */
/* cell_subject: the subject's person index (by id, e-mail or name); -1
 * unknown, -2 empty (both reported), -3 when there is no roster. */
int cell_subject(struct rload *L, const struct cell *x);
/* cell_role: the role: `role:` for the whole file when x is NULL, else
 * the cycle's `roles:` values first, then the four names (ASCII case
 * ignored); -1 (reported). */
int cell_role(struct rload *L, const struct cell *x);
/* cell_comp: the competency index (by id, by title, or by the file's
 * `competencies:` texts); -1 unknown or empty (reported, with the nearest
 * id), -2 when there is no rubric. */
int cell_comp(struct rload *L, const struct cell *x);
/* cell_score: a number on the scale, a leading-number answer ("4 -
 * Advanced"), an answer of `values:`, a level label, or empty / N/A /
 * `na:` for NAN, in *out: 1, or 0 after reporting. */
int cell_score(struct rload *L, const struct cell *x, double *out);
/* cell_rater: the rater for a rating of `role` given to `subject`: from
 * x (by id, e-mail or name; anonymous tokens for peers and direct
 * reports), or when x is NULL (a file without rater identity) or empty
 * for a peer or direct report, implied by the role: the subject for
 * self, their manager for manager, one anonymous rater per row and slot
 * (role column) for the others. 1, or 0 when the rating must
 * be dropped. */
int cell_rater(struct rload *L, const struct cell *x, int line, int slot,
    int role, int subject, int *rater, const char **rid);
/* cell_comment: a comment as written (in the cycle's arena), or NULL when
 * empty or white space. x NULL: none. */
const char *cell_comment(struct rload *L, const struct cell *x);

#endif
