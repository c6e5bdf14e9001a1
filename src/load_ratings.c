/* load_ratings.c: the ratings files of a cycle (long and wide format) to
 * the cycle's ratings: columns found, rows read (load_cells.c checks each
 * cell), files merged, ratings grouped by subject and duplicates found.
 * 520,000 rows load in a fraction of a second. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load_ratings.h"

#define LONG_NEEDS "the long format needs the columns subject_id, " \
	"rater_id, rater_role, competency_id and score (comment is optional)"

static const char *const long_cols[NLONG] = {
	"subject_id", "rater_id", "rater_role", "competency_id", "score",
	"comment"
};

/* Stores a rating; duplicates are found once the ratings are grouped
 * (find_duplicates). */
static void
add_rating(struct rload *L, const struct rating *rt)
{
	XGROW(L->v, L->cap, L->n + 1);
	L->v[L->n++] = *rt;
}

static void
long_row(struct rload *L, const struct csvin_rec *rec)
{
	struct rating rt;
	int ok;

	memset(&rt, 0, sizeof rt);
	rt.subject = cell_subject(L, rec, L->col[L_SUBJECT]);
	rt.role = ROLE_MANAGER;
	ok = cell_role(L, rec, L->col[L_ROLE]);
	if (ok >= 0)
		rt.role = (enum role)ok;
	ok = cell_rater(L, rec, L->col[L_RATER], ok, rt.subject, &rt.rater,
	    &rt.rater_id);
	rt.comp = cell_comp(L, rec, L->col[L_COMP]);
	if (!cell_score(L, rec, L->col[L_SCORE], &rt.score) || rt.comp < 0)
		ok = 0;
	if (!ok)
		return;
	rt.comment = cell_comment(L, rec, L->col[L_COMMENT]);
	rt.pos.file = L->src->path;
	rt.pos.line = rec->line;
	add_rating(L, &rt);
}

static void
wide_row(struct rload *L, const struct csvin_rec *rec, const int *wcol)
{
	const struct rating_source *src = L->src;
	struct rating rt;
	size_t q;
	int ok, role;

	memset(&rt, 0, sizeof rt);
	rt.subject = cell_subject(L, rec, wcol[0]);
	role = cell_role(L, rec, wcol[2]);
	ok = cell_rater(L, rec, wcol[1], role, rt.subject, &rt.rater,
	    &rt.rater_id);
	rt.role = role >= 0 ? (enum role)role : ROLE_MANAGER;
	rt.pos.file = src->path;
	rt.pos.line = rec->line;
	for (q = 0; q < src->nq; q++) {
		if (!cell_score(L, rec, wcol[4 + q], &rt.score) ||
		    src->q_comps[q] < 0 || !ok)
			continue;
		rt.comp = src->q_comps[q];
		add_rating(L, &rt);
	}
	rt.comment = wcol[3] >= 0 ? cell_comment(L, rec, wcol[3]) : NULL;
	if (ok && rt.comment != NULL) {
		rt.comp = -1;
		rt.score = NAN;
		add_rating(L, &rt);
	}
}

/* The header's columns as a list for messages (at most 20). */
static void
list_columns(struct csvin *r, struct buf *b)
{
	size_t i, n = csvin_ncols(r);

	for (i = 0; i < n && i < 20; i++)
		buf_printf(b, "%s\"%s\"", i ? ", " : "", csvin_colname(r, i));
	if (n > 20)
		buf_puts(b, ", ...");
}

static int
long_columns(struct rload *L)
{
	size_t i, missing = 0;
	int usable = 1;

	for (i = 0; i < NLONG; i++) {
		L->col[i] = csvin_col(L->r, long_cols[i]);
		if (L->col[i] == -2)
			usable = 0;
		else if (L->col[i] == -1 && i != L_COMMENT)
			missing++;
	}
	if (missing == NLONG - 1) {
		csvin_error(L->r, csvin_header_line(L->r), -1, "none of the "
		    "columns subject_id, rater_id, rater_role, competency_id, "
		    "score is in the header; for an export with one column per "
		    "question, set format: wide in cycle.yaml and map its "
		    "columns");
		usable = 0;
	} else if (missing > 0) {
		for (i = 0; i < NLONG; i++) {
			const char *hint;

			if (L->col[i] != -1 || i == L_COMMENT)
				continue;
			hint = csvin_suggest(L->r, long_cols[i]);
			if (hint != NULL)
				csvin_error(L->r, csvin_header_line(L->r), -1,
				    "missing required column \"%s\"; did you "
				    "mean \"%s\"? (" LONG_NEEDS ")",
				    long_cols[i], hint);
			else
				csvin_error(L->r, csvin_header_line(L->r), -1,
				    "missing required column \"%s\"; "
				    LONG_NEEDS, long_cols[i]);
		}
		usable = 0;
	}
	return usable;
}

/* One mapped column of a wide file: its index in the header, or -1 after
 * reporting at the cycle.yaml key that names it. */
static int
wide_col(struct rload *L, const char *name, const struct pos *at)
{
	const char *hint;
	struct buf b;
	int k = csvin_col(L->r, name);

	if (k >= 0 || k == -2) {
		if (k == -2)
			L->ok = 0;
		return k >= 0 ? k : -1;
	}
	L->ok = 0;
	hint = csvin_suggest(L->r, name);
	if (hint != NULL) {
		diag_error(L->d, at, "%s has no column \"%s\"; did you mean "
		    "\"%s\"?", L->src->path, name, hint);
		return -1;
	}
	buf_init(&b);
	list_columns(L->r, &b);
	diag_error(L->d, at, "%s has no column \"%s\"; its columns are: %s",
	    L->src->path, name, b.p ? b.p : "");
	buf_free(&b);
	return -1;
}

/* wcol: [0] subject, [1] rater, [2] role, [3] comment (-1: none), then
 * one per question column. Returns 0 when rows cannot be read. */
static int
wide_columns(struct rload *L, int *wcol)
{
	const struct rating_source *src = L->src;
	const struct wide_pos *wp = L->wp;
	int ok = 1;
	size_t q;

	wcol[0] = wide_col(L, src->col_subject, &wp->subject);
	wcol[1] = wide_col(L, src->col_rater, &wp->rater);
	wcol[2] = wide_col(L, src->col_role, &wp->role);
	wcol[3] = src->col_comment != NULL ?
	    wide_col(L, src->col_comment, &wp->comment) : -1;
	for (q = 0; q < src->nq; q++) {
		wcol[4 + q] = wide_col(L, src->q_columns[q], &wp->q[q]);
		ok &= wcol[4 + q] >= 0;
	}
	ok &= wcol[0] >= 0 && wcol[1] >= 0 && wcol[2] >= 0;
	ok &= src->col_comment == NULL || wcol[3] >= 0;
	return ok;
}

static void
load_source(struct rload *L, const struct rating_source *src,
    const struct wide_pos *wp)
{
	struct csvin_rec rec;
	int *wcol = NULL, usable;

	L->src = src;
	L->wp = wp;
	L->r = csvin_open(src->path, src->path, L->d);
	if (L->r == NULL) {
		L->ok = 0;
		return;
	}
	if (src->wide) {
		wcol = xcalloc(src->nq + 4, sizeof(int));
		usable = wide_columns(L, wcol);
	} else
		usable = long_columns(L);
	while (usable && csvin_next(L->r, &rec)) {
		if (src->wide)
			wide_row(L, &rec, wcol);
		else
			long_row(L, &rec);
	}
	/* the reader counts the errors of the rows, the cells' included */
	if (csvin_errors(L->r) > 0 || !usable)
		L->ok = 0;
	csvin_free(L->r);
	L->r = NULL;
	free(wcol);
}

/* Groups the ratings by subject in roster order, keeping input order
 * within a subject (a stable counting sort), into c->ratings (the
 * reading array, permuted in place: exports usually come grouped by
 * person already, then nothing moves) and c->rating_first. */
static void
group_by_subject(struct rload *L)
{
	struct cycle *c = L->c;
	size_t i, *next;
	uint32_t *dest;

	c->rating_first = xcalloc(c->npeople + 1, sizeof(size_t));
	for (i = 0; i < L->n; i++)
		c->rating_first[L->v[i].subject + 1]++;
	for (i = 0; i < c->npeople; i++)
		c->rating_first[i + 1] += c->rating_first[i];
	next = xmalloc((c->npeople + 1) * sizeof(size_t));
	memcpy(next, c->rating_first, (c->npeople + 1) * sizeof(size_t));
	dest = xmalloc((L->n + 1) * sizeof(uint32_t));
	for (i = 0; i < L->n; i++)
		dest[i] = (uint32_t)next[L->v[i].subject]++;
	/* each swap puts one rating in its final place */
	for (i = 0; i < L->n; i++) {
		while (dest[i] != i) {
			uint32_t j = dest[i], dj = dest[j];
			struct rating t = L->v[j];

			L->v[j] = L->v[i];
			L->v[i] = t;
			dest[j] = j;
			dest[i] = dj;
		}
	}
	c->ratings = L->n > 0 ? xrealloc(L->v, L->n * sizeof(struct rating)) :
	    L->v;
	c->nratings = L->n;
	L->v = NULL;
	free(dest);
	free(next);
}

/* A rating that repeats an earlier one: both as indexes into c->ratings,
 * and the later one's place in the input (file, line) to report in input
 * order. */
struct dup {
	size_t src;
	int line;
	size_t later, first;
};

static int
dup_cmp(const void *a, const void *b)
{
	const struct dup *x = a, *y = b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->later < y->later ? -1 : x->later > y->later;
}

/* The index of the ratings file a rating comes from. */
static size_t
source_of(const struct cycle *c, const struct rating *rt)
{
	size_t i;

	for (i = 0; i < c->nsources; i++)
		if (c->sources[i].path == rt->pos.file)
			return i;
	return c->nsources;
}

static void
report_dup(struct rload *L, const struct dup *dp)
{
	const struct cycle *c = L->c;
	const struct rating *rt = &c->ratings[dp->later];
	const struct rating *p = &c->ratings[dp->first];
	const char *who = c->people[rt->subject].id;

	if (rt->comp < 0)
		diag_error(L->d, &rt->pos, "\"%s\" gave \"%s\" a general "
		    "comment twice; already at %s:%d", rt->rater_id, who,
		    p->pos.file, p->pos.line);
	else
		diag_error(L->d, &rt->pos, "\"%s\" rated \"%s\" on \"%s\" "
		    "twice; already rated at %s:%d", rt->rater_id, who,
		    L->comp_ids[rt->comp], p->pos.file, p->pos.line);
}

/* The same subject, rater and competency rated twice (in any files):
 * found per subject with a small table (rater ids are interned, so their
 * pointers tell raters apart), reported in input order, each naming the
 * first place. O(n), and cache-friendly unlike one table for all. */
static void
find_duplicates(struct rload *L)
{
	struct cycle *c = L->c;
	struct seen { const char *rid; int comp; uint32_t gen; size_t at; };
	struct seen *t = NULL;
	struct dup *dups = NULL;
	size_t p, i, cap = 0, ndup = 0, capdup = 0;
	uint32_t gen = 0;

	for (p = 0; p < c->npeople; p++) {
		size_t lo = c->rating_first[p], hi = c->rating_first[p + 1];
		size_t size = 16;

		while (size < 2 * (hi - lo))
			size *= 2;
		if (size > cap) {
			free(t);
			t = xcalloc(size, sizeof(*t));
			cap = size;
			gen = 0;
		}
		gen++;
		for (i = lo; i < hi; i++) {
			const struct rating *rt = &c->ratings[i];
			uintptr_t h = (uintptr_t)rt->rater_id * 31u +
			    (uintptr_t)(rt->comp + 1) * 0x9E3779B1u;
			size_t k = (h ^ (h >> 15)) & (size - 1);

			while (t[k].gen == gen && (t[k].rid != rt->rater_id ||
			    t[k].comp != rt->comp))
				k = (k + 1) & (size - 1);
			if (t[k].gen != gen) {
				t[k].gen = gen;
				t[k].rid = rt->rater_id;
				t[k].comp = rt->comp;
				t[k].at = i;
				continue;
			}
			XGROW(dups, capdup, ndup + 1);
			dups[ndup].src = source_of(c, rt);
			dups[ndup].line = rt->pos.line;
			dups[ndup].later = i;
			dups[ndup++].first = t[k].at;
		}
	}
	if (ndup > 1)
		qsort(dups, ndup, sizeof(*dups), dup_cmp);
	for (i = 0; i < ndup && i < CSVIN_MAX_ERRORS; i++)
		report_dup(L, &dups[i]);
	if (ndup > CSVIN_MAX_ERRORS)
		diag_error(L->d, NULL, "%zu more ratings that repeat an earlier "
		    "one are not listed", ndup - CSVIN_MAX_ERRORS);
	if (ndup > 0)
		L->ok = 0;
	free(dups);
	free(t);
}

int
ratings_load(struct cycle *c, const struct wide_pos *wp, struct diag *d)
{
	const struct rubric *rb = c->rubric;
	struct rload L;
	size_t i;

	memset(&L, 0, sizeof L);
	L.c = c;
	L.d = d;
	L.ok = 1;
	L.tokens = strtab_new(0);
	if (rb != NULL) {
		L.comp_ids = xcalloc(rb->ncomps + 1, sizeof(char *));
		for (i = 0; i < rb->ncomps; i++)
			L.comp_ids[i] = rb->comps[i].id;
		L.labels = xcalloc(rb->scale.n + 1, sizeof(char *));
		for (i = 0; i < rb->scale.n; i++)
			L.labels[i] = rb->scale.levels[i].label;
	}
	for (i = 0; i < c->nsources; i++)
		if (c->sources[i].path != NULL)
			load_source(&L, &c->sources[i], &wp[i]);
	if (c->person_ids != NULL) {
		group_by_subject(&L);
		find_duplicates(&L);
	}
	free(L.v);
	free(L.warned.v);
	free(L.token_ids);
	free(L.comp_ids);
	free(L.labels);
	strtab_free(L.tokens);
	return L.ok;
}
