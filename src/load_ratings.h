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

/* The state of one ratings_load. */
struct rload {
	struct cycle *c;
	struct diag *d;
	struct csvin *r;        /* the file being read */
	const struct rating_source *src;
	const struct wide_pos *wp;
	struct rating *v;       /* malloc'd, input order */
	size_t n, cap;
	struct pairset warned;  /* (subject, rater) pairs warned about */
	struct strtab *tokens;  /* rater ids outside the roster */
	const char **token_ids;
	size_t ntokens, captokens;
	const char **comp_ids;  /* for suggestions */
	const char **labels;    /* level labels, for messages */
	int col[NLONG];         /* long format: column indexes, -1: absent */
	int ok;
};

/* The cells of a row, each checked (problems reported at the row's line
 * and column) and converted. */
/* cell_subject: the subject's person index; -1 unknown, -2 empty (both
 * reported), -3 when there is no roster to check against. */
int cell_subject(struct rload *L, const struct csvin_rec *rec, int col);
/* cell_role: the role (the cycle's `roles:` values first, then the four
 * names, ASCII case ignored), or -1 (reported). */
int cell_role(struct rload *L, const struct csvin_rec *rec, int col);
/* cell_comp: the competency index; -1 unknown or empty (reported, with
 * the nearest id), -2 when there is no rubric. */
int cell_comp(struct rload *L, const struct csvin_rec *rec, int col);
/* cell_score: a number on the scale, a level label, or empty / N/A for
 * NAN, in *out: 1, or 0 after reporting. */
int cell_score(struct rload *L, const struct csvin_rec *rec, int col,
    double *out);
/* cell_rater: the rater for a rating of `role` given to `subject` (see
 * load_cells.c): 1, or 0 when the rating must be dropped. */
int cell_rater(struct rload *L, const struct csvin_rec *rec, int col,
    int role, int subject, int *rater, const char **rid);
/* cell_comment: a comment as written (in the cycle's arena), or NULL when
 * empty or white space. */
const char *cell_comment(struct rload *L, const struct csvin_rec *rec,
    int col);

#endif
