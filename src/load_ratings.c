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

/* cell_of: the row's cell for cols (NULL when absent): one column's text
 * trimmed (raw when `raw`, as comments are kept), or several columns'
 * non-empty texts joined with sep (in L->join, borrowed until the next
 * call with several columns). */
static struct cell *
cell_of(struct rload *L, const struct csvin_rec *rec, const struct cols *cols,
    const char *sep, int raw, struct cell *x)
{
	size_t i;

	if (cols->n == 0)
		return NULL;
	x->line = rec->line;
	x->col = cols->v[0];
	x->s = rec->f[cols->v[0]];
	x->n = rec->len[cols->v[0]];
	if (cols->n == 1) {
		if (!raw)
			str_trim(&x->s, &x->n);
		return x;
	}
	buf_reset(&L->join);
	buf_putc(&L->join, 0);
	L->join.len = 0;
	for (i = 0; i < cols->n; i++) {
		const char *s = rec->f[cols->v[i]];
		size_t n = rec->len[cols->v[i]];

		str_trim(&s, &n);
		if (n == 0)
			continue;
		if (L->join.len > 0)
			buf_puts(&L->join, sep);
		buf_put(&L->join, s, n);
	}
	x->s = L->join.p;
	x->n = L->join.len;
	return x;
}

/* Stores a rating, and the row's time stamp beside it once some row had
 * one; duplicates are found once the ratings are grouped
 * (find_duplicates). */
static void
add_rating(struct rload *L, const struct rating *rt)
{
	size_t i;

	XGROW(L->v, L->cap, L->n + 1);
	if (L->when != NULL || !isnan(L->row_when)) {
		i = L->when == NULL ? 0 : L->n;
		XGROW(L->when, L->when_cap, L->n + 1);
		for (; i < L->n; i++)
			L->when[i] = NAN;
		L->when[L->n] = L->row_when;
	}
	L->v[L->n++] = *rt;
}

/* row_counts: 0 when `where:` leaves the row out. */
static int
row_counts(struct rload *L, const struct csvin_rec *rec)
{
	const char *s;
	size_t n, i;

	if (L->where.n == 0)
		return 1;
	s = rec->f[L->where.v[0]];
	n = rec->len[L->where.v[0]];
	str_trim(&s, &n);
	for (i = 0; i < L->src->nwhere; i++)
		if (str_eq_fold(L->src->where_vals[i], s, n))
			return 1;
	return 0;
}

/* row_stamp: the row's time stamp for `repeated: latest`, or NAN; an
 * unreadable one is reported (0). */
static int
row_stamp(struct rload *L, const struct csvin_rec *rec, double *when)
{
	struct cell x;

	*when = NAN;
	if (!L->src->keep_latest || cell_of(L, rec, &L->stamp, " ", 0,
	    &x) == NULL)
		return 1;
	if (parse_datetime(x.s, x.n, when))
		return 1;
	csvin_error(L->r, rec->line, x.col, "\"%.*s\" is not a date and "
	    "time; expected one such as 2026-03-04 13:45:00 or 3/4/2026 "
	    "13:45:00 (repeated: latest keeps the latest response by it)",
	    (int)(x.n > 40 ? 40 : x.n), x.s);
	return 0;
}

/* One rating of a long row of role r (-1: unknown, reported): rater,
 * score and comment from the given cells (rater NULL: implied by the
 * role; slot: which of the row's role columns, for anonymous raters). */
static void
long_rating(struct rload *L, const struct csvin_rec *rec, struct rating *rt,
    int slot, int r, const struct cell *rater, const struct cell *score,
    const struct cell *comment)
{
	int ok;

	rt->role = r >= 0 ? (enum role)r : ROLE_MANAGER;
	ok = cell_rater(L, rater, rec->line, slot, r, rt->subject, &rt->rater,
	    &rt->rater_id);
	if (!cell_score(L, score, &rt->score) || rt->comp < 0 || !ok)
		return;
	rt->comment = cell_comment(L, comment);
	add_rating(L, rt);
}

static void
long_row(struct rload *L, const struct csvin_rec *rec)
{
	struct cell xs, xr, xo, xc, xn, xm;
	const struct cell *rater;
	struct rating rt;
	size_t i;

	memset(&rt, 0, sizeof rt);
	if (!row_counts(L, rec) || !row_stamp(L, rec, &L->row_when))
		return;
	rt.subject = cell_subject(L, cell_of(L, rec, &L->subject, " ", 0,
	    &xs));
	rt.comp = cell_comp(L, cell_of(L, rec, &L->comp, " ", 0, &xc));
	rt.pos.file = L->src->path;
	rt.pos.line = rec->line;
	rater = cell_of(L, rec, &L->rater, " ", 0, &xr);
	if (L->src->nrolecols == 0) {
		long_rating(L, rec, &rt, 0, cell_role(L, cell_of(L, rec, &L->role,
		    " ", 0, &xo)), rater, cell_of(L, rec, &L->score, " ", 0, &xn),
		    cell_of(L, rec, &L->comment, "\n\n", 1, &xm));
		return;
	}
	for (i = 0; i < L->src->nrolecols; i++) {
		const struct cell *sc = cell_of(L, rec, &L->rscore[i], " ", 0,
		    &xn);
		const struct cell *cm = cell_of(L, rec, &L->rcomment[i], "\n\n",
		    1, &xm);
		struct rating one = rt;

		/* a role that gave nothing on this row: no rating */
		if (sc->n == 0 && cell_comment(L, cm) == NULL)
			continue;
		long_rating(L, rec, &one, (int)i, L->src->rolecols[i].role,
		    rater, sc, cm);
	}
}

static void
wide_row(struct rload *L, const struct csvin_rec *rec)
{
	const struct rating_source *src = L->src;
	struct cell xs, xr, xo, xq, xm;
	struct rating rt;
	size_t q;
	int ok, role;

	memset(&rt, 0, sizeof rt);
	if (!row_counts(L, rec) || !row_stamp(L, rec, &L->row_when))
		return;
	rt.subject = cell_subject(L, cell_of(L, rec, &L->subject, " ", 0,
	    &xs));
	role = cell_role(L, cell_of(L, rec, &L->role, " ", 0, &xo));
	ok = cell_rater(L, cell_of(L, rec, &L->rater, " ", 0, &xr), rec->line,
	    0, role, rt.subject, &rt.rater, &rt.rater_id);
	rt.role = role >= 0 ? (enum role)role : ROLE_MANAGER;
	rt.pos.file = src->path;
	rt.pos.line = rec->line;
	for (q = 0; q < src->nq; q++) {
		struct cols one = { &L->qcol[q], 1 };

		if (!cell_score(L, cell_of(L, rec, &one, " ", 0, &xq),
		    &rt.score) || src->q_comps[q] < 0 || !ok)
			continue;
		rt.comp = src->q_comps[q];
		add_rating(L, &rt);
	}
	rt.comment = cell_comment(L, cell_of(L, rec, &L->comment, "\n\n", 1,
	    &xm));
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
		else if (L->col[i] == -1 && i != L_COMMENT &&
		    (i != L_ROLE || L->src->fixed_role < 0))
			missing++;
	}
	if (missing == NLONG - 1 - (L->src->fixed_role >= 0)) {
		csvin_error(L->r, csvin_header_line(L->r), -1, "none of the "
		    "columns subject_id, rater_id, rater_role, competency_id, "
		    "score is in the header; for an export with one column per "
		    "question, set format: wide in cycle.yaml and map its "
		    "columns");
		usable = 0;
	} else if (missing > 0) {
		for (i = 0; i < NLONG; i++) {
			const char *hint;

			if (L->col[i] != -1 || i == L_COMMENT ||
			    (i == L_ROLE && L->src->fixed_role >= 0))
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

/* One mapped column: its index in the header, or -1 after reporting at
 * the cycle.yaml key that names it. */
static int
mapped_col(struct rload *L, const char *name, const struct pos *at)
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

/* find_cols: the header indexes of spec's columns into *out (malloc'd;
 * n 0 when spec names none). 0 when one is missing (reported). */
static int
find_cols(struct rload *L, const struct colspec *spec, struct cols *out)
{
	size_t i;
	int ok = 1;

	out->n = 0;
	if (spec->n == 0)
		return 1;
	out->v = xcalloc(spec->n, sizeof(int));
	for (i = 0; i < spec->n; i++) {
		out->v[i] = mapped_col(L, spec->names[i], &spec->pos);
		ok &= out->v[i] >= 0;
	}
	out->n = spec->n;
	return ok;
}

/* one_col: c is the one column k. */
static void
one_col(struct cols *c, int k)
{
	c->v = xmalloc(sizeof(int));
	c->v[0] = k;
	c->n = 1;
}

/* long_fallbacks: a long file's columns that `columns:` does not name
 * take the long format's own names where the header has them (rater_id
 * too: without it, the file has no rater identity). */
static void
long_fallbacks(struct rload *L)
{
	struct cols *const dst[NLONG] = {
		&L->subject, &L->rater, &L->role, &L->comp, &L->score,
		&L->comment
	};
	const struct rating_source *src = L->src;
	size_t i;
	int k;

	for (i = 0; i < NLONG; i++) {
		if (dst[i]->n > 0 || (i == L_ROLE && (src->fixed_role >= 0 ||
		    src->nrolecols > 0)) || (i == L_SCORE && src->nrolecols > 0))
			continue;
		k = csvin_col(L->r, long_cols[i]);
		if (k >= 0)
			one_col(dst[i], k);
	}
}

/* mapped_columns: every column cycle.yaml names for this file (the wide
 * format's, or a long file's own names). 0 when rows cannot be read. */
static int
mapped_columns(struct rload *L)
{
	const struct rating_source *src = L->src;
	int ok = 1;
	size_t i;

	ok &= find_cols(L, &src->subject, &L->subject);
	ok &= find_cols(L, &src->rater, &L->rater);
	ok &= find_cols(L, &src->role, &L->role);
	ok &= find_cols(L, &src->comment, &L->comment);
	ok &= find_cols(L, &src->stamp, &L->stamp);
	ok &= find_cols(L, &src->where, &L->where);
	if (src->wide) {
		L->qcol = xcalloc(src->nq + 1, sizeof(int));
		for (i = 0; i < src->nq; i++) {
			L->qcol[i] = mapped_col(L, src->q_columns[i],
			    &src->q_pos[i]);
			ok &= L->qcol[i] >= 0;
		}
	} else {
		ok &= find_cols(L, &src->comp, &L->comp);
		ok &= find_cols(L, &src->score, &L->score);
		long_fallbacks(L);
		L->rscore = xcalloc(src->nrolecols + 1, sizeof(struct cols));
		L->rcomment = xcalloc(src->nrolecols + 1, sizeof(struct cols));
		for (i = 0; i < src->nrolecols; i++) {
			ok &= find_cols(L, &src->rolecols[i].score,
			    &L->rscore[i]);
			ok &= find_cols(L, &src->rolecols[i].comment,
			    &L->rcomment[i]);
		}
	}
	return ok;
}

/* long_defaults: the long format's columns by their own names (a file
 * cycle.yaml gives no `columns:` for). 0 when rows cannot be read. */
static int
long_defaults(struct rload *L)
{
	struct cols *const dst[NLONG] = {
		&L->subject, &L->rater, &L->role, &L->comp, &L->score,
		&L->comment
	};
	size_t i;

	if (!long_columns(L))
		return 0;
	for (i = 0; i < NLONG; i++)
		if (L->col[i] >= 0)
			one_col(dst[i], L->col[i]);
	if (L->src->fixed_role >= 0)
		L->role.n = 0;
	return 1;
}

/* mapped_checks: what a file's mapping must say, once its header is
 * known: a long file names its competency, and a score or role columns;
 * a role column or `role:`. 0 after reporting. */
static int
mapped_checks(struct rload *L)
{
	const struct rating_source *src = L->src;
	int ok = 1;

	if (L->subject.n == 0) {
		diag_error(L->d, &src->pos, "%s: no subject column; expected "
		    "subject: COLUMN in \"columns\"", src->path);
		ok = 0;
	}
	if (!src->wide && L->comp.n == 0) {
		diag_error(L->d, &src->pos, "%s: no competency column (and no "
		    "column \"competency_id\"); expected competency: COLUMN in "
		    "\"columns\"", src->path);
		ok = 0;
	}
	if (!src->wide && L->score.n == 0 && src->nrolecols == 0) {
		diag_error(L->d, &src->pos, "%s: no score column (and no column "
		    "\"score\"); expected score: COLUMN in \"columns\", or "
		    "role_columns", src->path);
		ok = 0;
	}
	if (L->role.n == 0 && src->fixed_role < 0 && src->nrolecols == 0) {
		diag_error(L->d, &src->pos, "%s: no role column (and no column "
		    "\"rater_role\"); expected role: COLUMN in \"columns\", the "
		    "role of every row (role: peer), or role_columns", src->path);
		ok = 0;
	}
	return ok;
}

/* free_cols: the columns of the file just read. */
static void
free_cols(struct rload *L)
{
	struct cols *const all[] = {
		&L->subject, &L->rater, &L->role, &L->comp, &L->score,
		&L->comment, &L->stamp, &L->where
	};
	size_t i;

	for (i = 0; i < NELEM(all); i++) {
		free(all[i]->v);
		all[i]->v = NULL;
		all[i]->n = 0;
	}
	for (i = 0; L->rscore != NULL && i < L->src->nrolecols; i++) {
		free(L->rscore[i].v);
		free(L->rcomment[i].v);
	}
	free(L->rscore);
	free(L->rcomment);
	free(L->qcol);
	L->rscore = L->rcomment = NULL;
	L->qcol = NULL;
	strtab_free(L->texts);
	strtab_free(L->values);
	L->texts = L->values = NULL;
}

/* file_tables: this file's competency texts and answer values, folded. */
static void
file_tables(struct rload *L)
{
	const struct rating_source *src = L->src;
	size_t i, n;
	const char *f;

	if (src->ncomp_texts > 0) {
		L->texts = strtab_new(0);
		for (i = 0; i < src->ncomp_texts; i++) {
			f = rl_fold(L, src->comp_texts[i],
			    strlen(src->comp_texts[i]), &n);
			strtab_put(L->texts, arena_strndup(L->keys, f, n), n,
			    src->comp_map[i]);
		}
	}
	if (src->nvalues > 0) {
		L->values = strtab_new(0);
		for (i = 0; i < src->nvalues; i++) {
			f = rl_fold(L, src->value_texts[i],
			    strlen(src->value_texts[i]), &n);
			strtab_put(L->values, arena_strndup(L->keys, f, n), n,
			    (int)i);
		}
	}
}

/* mapped: a file cycle.yaml describes (`columns:`, `format: wide`,
 * `role:`, `role_columns:`): its columns not named take the long
 * format's names where the header has them, and rater_id may be absent
 * (no rater identity). */
static int
mapped(const struct rating_source *src)
{
	return src->wide || src->subject.n > 0 || src->comp.n > 0 ||
	    src->score.n > 0 || src->role.n > 0 || src->rater.n > 0 ||
	    src->comment.n > 0 || src->nrolecols > 0 || src->fixed_role >= 0;
}

static void
load_source(struct rload *L, const struct rating_source *src)
{
	struct diag *run = L->d;
	struct csvin_rec rec;
	int usable;

	L->src = src;
	L->d = diag_new(NULL);
	L->tallies = tallies_new();
	L->r = load_open(src->path, &src->how, L->d);
	if (L->r == NULL) {
		L->ok = 0;
		goto done;
	}
	file_tables(L);
	if (mapped(src)) {
		usable = mapped_columns(L);
		usable &= mapped_checks(L);
	} else {
		usable = long_defaults(L);
		usable &= find_cols(L, &src->stamp, &L->stamp);
		usable &= find_cols(L, &src->where, &L->where);
	}
	while (usable && csvin_next(L->r, &rec)) {
		if (src->wide)
			wide_row(L, &rec);
		else
			long_row(L, &rec);
	}
	rl_tally_flush(L);
	/* the reader counts the errors of the rows, the cells' included */
	if (csvin_errors(L->r) > 0 || !usable)
		L->ok = 0;
	csvin_free(L->r);
	L->r = NULL;
	free_cols(L);
done:
	if (diag_errors(L->d) > 0)
		L->ok = 0;
	diag_merge(run, L->d);
	diag_free(L->d);
	L->d = run;
	tallies_free(L->tallies);
	L->tallies = NULL;
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
			if (L->when != NULL) {
				double w = L->when[j];

				L->when[j] = L->when[i];
				L->when[i] = w;
			}
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

int
ratings_load(struct cycle *c, struct diag *d)
{
	const struct rubric *rb = c->rubric;
	struct rload L;
	size_t i, n;
	const char *f;

	memset(&L, 0, sizeof L);
	L.c = c;
	L.d = d;
	L.ok = 1;
	L.row_when = NAN;
	L.tokens = strtab_new(0);
	L.titles = strtab_new(0);
	L.keys = arena_new();
	buf_init(&L.fold);
	buf_init(&L.join);
	L.people = people_index_new(c);
	if (rb != NULL) {
		L.comp_ids = xcalloc(rb->ncomps + 1, sizeof(char *));
		for (i = 0; i < rb->ncomps; i++) {
			L.comp_ids[i] = rb->comps[i].id;
			f = rl_fold(&L, rb->comps[i].title,
			    strlen(rb->comps[i].title), &n);
			strtab_put(L.titles, arena_strndup(L.keys, f, n), n,
			    (int)i);
		}
		L.labels = xcalloc(rb->scale.n + 1, sizeof(char *));
		for (i = 0; i < rb->scale.n; i++)
			L.labels[i] = rb->scale.levels[i].label;
	}
	for (i = 0; i < c->nsources; i++)
		if (c->sources[i].path != NULL)
			load_source(&L, &c->sources[i]);
	if (c->person_ids != NULL) {
		group_by_subject(&L);
		rl_find_duplicates(&L);
	}
	free(L.v);
	free(L.when);
	free(L.drops);
	free(L.warned.v);
	free(L.token_ids);
	free(L.comp_ids);
	free(L.labels);
	strtab_free(L.tokens);
	strtab_free(L.titles);
	arena_free(L.keys);
	buf_free(&L.fold);
	buf_free(&L.join);
	people_index_free(L.people);
	return L.ok;
}
