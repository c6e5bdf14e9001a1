/* load_ratings.c: the ratings files of a cycle (long and wide format) to
 * the cycle's ratings, merged, checked against the roster and the rubric,
 * and grouped by subject. Every lookup is by hash: 520,000 rows load in a
 * fraction of a second. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv.h"
#include "load_ingest.h"

/* A (subject, rater, competency) key -> an index. Raters outside the
 * roster (anonymous tokens) are numbered after the people. */
struct slot {
	uint32_t subject, rater, comp;
	int32_t idx;            /* -1: empty */
};

struct keyset {
	struct slot *v;
	size_t cap, n;          /* cap: a power of two */
};

enum {
	L_SUBJECT, L_RATER, L_ROLE, L_COMP, L_SCORE, L_COMMENT, NLONG
};

#define LONG_NEEDS "the long format needs the columns subject_id, " \
	"rater_id, rater_role, competency_id and score (comment is optional)"

static const char *const long_cols[NLONG] = {
	"subject_id", "rater_id", "rater_role", "competency_id", "score",
	"comment"
};

struct rload {
	struct cycle *c;
	struct diag *d;
	struct csvin *r;
	const struct rating_source *src;
	const struct wide_pos *wp;
	struct rating *v;       /* malloc'd, input order */
	size_t n, cap;
	struct keyset warned;   /* (subject, rater) pairs warned about */
	struct strtab *tokens;  /* rater ids outside the roster */
	const char **token_ids;
	size_t ntokens, captokens;
	const char **comp_ids;  /* for suggestions */
	const char **labels;    /* level labels, for messages */
	int col[NLONG];
	int ok;
};

/* --- the key set --- */

static uint32_t
key_hash(uint32_t s, uint32_t r, uint32_t c)
{
	uint64_t h = ((uint64_t)s << 32 | r) ^ ((uint64_t)c << 48) ^
	    ((uint64_t)c * 0x9E3779B97F4A7C15u);

	/* splitmix64's finalizer: every input bit reaches the low bits */
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9u;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBu;
	h ^= h >> 31;
	return (uint32_t)h;
}

static struct slot *
key_find(const struct keyset *k, uint32_t s, uint32_t r, uint32_t c)
{
	size_t i = key_hash(s, r, c) & (k->cap - 1);

	for (;;) {
		struct slot *sl = &k->v[i];

		if (sl->idx < 0 || (sl->subject == s && sl->rater == r &&
		    sl->comp == c))
			return sl;
		i = (i + 1) & (k->cap - 1);
	}
}

static void
key_grow(struct keyset *k)
{
	struct slot *old = k->v;
	size_t oldcap = k->cap, i;

	k->cap = oldcap ? oldcap * 2 : 1024;
	k->v = xmalloc(k->cap * sizeof(*k->v));
	for (i = 0; i < k->cap; i++)
		k->v[i].idx = -1;
	for (i = 0; i < oldcap; i++)
		if (old[i].idx >= 0)
			*key_find(k, old[i].subject, old[i].rater, old[i].comp) =
			    old[i];
	free(old);
}

/* key_put: the index stored under the key, or -1 after storing idx. */
static int
key_put(struct keyset *k, uint32_t s, uint32_t r, uint32_t c, int idx)
{
	struct slot *sl;

	if ((k->n + 1) * 4 > k->cap * 3)
		key_grow(k);
	sl = key_find(k, s, r, c);
	if (sl->idx >= 0)
		return sl->idx;
	sl->subject = s;
	sl->rater = r;
	sl->comp = c;
	sl->idx = idx;
	k->n++;
	return -1;
}

/* --- fields --- */

/* s[0..n) equals the C string a, ASCII case ignored. */
static int
same_fold(const char *a, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)s[i];

		if (x == '\0')
			return 0;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return a[n] == '\0';
}

/* A field without surrounding spaces and tabs: s and n updated. */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* A trimmed field copied for a message (shortened). */
static const char *
shown(const struct csvin_rec *rec, int col, char *out, size_t size)
{
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char tmp[96];

	trim(&s, &n);
	if (n >= sizeof tmp)
		n = sizeof tmp - 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return csvin_quote(tmp, out, size);
}

static void PRINTF_LIKE(4, 5)
row_error(struct rload *L, int line, int col, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	csvin_error(L->r, line, col, "%s", b.p);
	buf_free(&b);
	L->ok = 0;
}

/* A person named in column col of rec: their index, or -1 (reported
 * unless `quiet`: for raters who may be tokens). -2 when the field is
 * empty (reported). */
static int
person_at(struct rload *L, const struct csvin_rec *rec, int col,
    const char *what)
{
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char q[80];
	int i;

	trim(&s, &n);
	if (n == 0) {
		row_error(L, rec->line, col, "empty; expected the %s's id", what);
		return -2;
	}
	if (L->c->person_ids == NULL)
		return -3;      /* no roster to check against */
	i = strtab_get(L->c->person_ids, s, n);
	if (i < 0 && strcmp(what, "subject") == 0)
		row_error(L, rec->line, col, "\"%s\" is not in the roster; "
		    "expected the id of a person in %s", shown(rec, col, q,
		    sizeof q), L->c->roster_path);
	return i;
}

/* A role: the four names (ASCII case ignored), or for wide files the
 * vendor values of `roles:` first. -1 when unknown (reported). */
static int
role_at(struct rload *L, const struct csvin_rec *rec, int col)
{
	const struct rating_source *src = L->src;
	const char *s = rec->f[col];
	size_t n = rec->len[col], i;
	char q[80];
	struct buf b;

	trim(&s, &n);
	for (i = 0; i < src->nroles_map; i++)
		if (same_fold(src->role_values[i], s, n))
			return src->role_map[i];
	for (i = 0; i < NROLES; i++)
		if (same_fold(role_name((enum role)i), s, n))
			return (int)i;
	buf_init(&b);
	if (src->nroles_map > 0) {
		for (i = 0; i < src->nroles_map; i++)
			buf_printf(&b, "%s\"%s\"", i ? ", " : "",
			    src->role_values[i]);
		buf_puts(&b, " (the cycle's roles), ");
	}
	if (n == 0)
		row_error(L, rec->line, col, "empty; expected one of: %smanager, "
		    "self, peer, direct_report", b.p ? b.p : "");
	else
		row_error(L, rec->line, col, "\"%s\" is not a rater role; "
		    "expected one of: %smanager, self, peer, direct_report",
		    shown(rec, col, q, sizeof q), b.p ? b.p : "");
	buf_free(&b);
	return -1;
}

/* A competency id: its index, -1 when unknown (reported, with the nearest
 * id), -2 when there is no rubric to check against. */
static int
comp_at(struct rload *L, const struct csvin_rec *rec, int col)
{
	const struct rubric *rb = L->c->rubric;
	const char *s = rec->f[col], *hint;
	size_t n = rec->len[col], i;
	char q[80];
	int k;

	trim(&s, &n);
	if (n == 0) {
		row_error(L, rec->line, col, "empty; expected a competency id");
		return -1;
	}
	if (rb == NULL)
		return -2;
	k = strtab_get(rb->comp_ids, s, n);
	if (k >= 0)
		return k;
	shown(rec, col, q, sizeof q);
	hint = str_suggest(q, L->comp_ids, rb->ncomps);
	if (hint != NULL) {
		row_error(L, rec->line, col, "\"%s\" is not a competency of "
		    "rubric \"%s\"; did you mean \"%s\"?", q, rb->id, hint);
		return -1;
	}
	{
		struct buf b;

		buf_init(&b);
		for (i = 0; i < rb->ncomps && i < 30; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", L->comp_ids[i]);
		if (rb->ncomps > 30)
			buf_puts(&b, ", ...");
		row_error(L, rec->line, col, "\"%s\" is not a competency of "
		    "rubric \"%s\"; expected one of: %s", q, rb->id,
		    b.p ? b.p : "");
		buf_free(&b);
	}
	return -1;
}

static void
bad_label(struct rload *L, const struct csvin_rec *rec, int col)
{
	const struct scale *sc = &L->c->rubric->scale;
	const char *hint;
	struct buf b;
	char q[80];
	size_t i;

	shown(rec, col, q, sizeof q);
	hint = str_suggest(q, L->labels, sc->n);
	buf_init(&b);
	for (i = 0; i < sc->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", L->labels[i]);
	row_error(L, rec->line, col, "\"%s\" is not a score; %s%s%sexpected "
	    "a number from %d to %d, a level label (%s), or empty or N/A for "
	    "not rated", q, hint ? "did you mean \"" : "", hint ? hint : "",
	    hint ? "\"? " : "", sc->min, sc->max, b.p);
	buf_free(&b);
}

/* A score: a number within the scale (decimals allowed; with a ";" or tab
 * delimiter also a decimal comma), a level label (ASCII case ignored),
 * or empty / N/A for NAN. 1 when fine, 0 after reporting. */
static int
score_at(struct rload *L, const struct csvin_rec *rec, int col, double *out)
{
	const struct rubric *rb = L->c->rubric;
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char tmp[64], q[80];
	int v;

	trim(&s, &n);
	*out = NAN;
	if (n == 0 || same_fold("n/a", s, n))
		return 1;
	if (rb == NULL)
		return 1;
	if (n == 1 && s[0] >= '0' && s[0] <= '9')
		*out = s[0] - '0';
	else if (!parse_double(s, n, out)) {
		char *comma;

		if (n >= sizeof tmp)
			n = sizeof tmp - 1;
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		comma = strchr(tmp, ',');
		if (csvin_delim(L->r) != ',' && comma != NULL &&
		    strchr(comma + 1, ',') == NULL) {
			*comma = '.';
			if (parse_double(tmp, n, out))
				goto number;
		}
		v = rb->level_labels != NULL ?
		    strtab_get(rb->level_labels, s, n) : -1;
		if (v != -1) {
			*out = v;
			return 1;
		}
		bad_label(L, rec, col);
		return 0;
	}
number:
	if (*out > rb->scale.max) {
		row_error(L, rec->line, col, "\"%s\" is above the scale maximum "
		    "%d", shown(rec, col, q, sizeof q), rb->scale.max);
		return 0;
	}
	if (*out < rb->scale.min) {
		row_error(L, rec->line, col, "\"%s\" is below the scale minimum "
		    "%d", shown(rec, col, q, sizeof q), rb->scale.min);
		return 0;
	}
	return 1;
}

/* The rater in column col for a rating of `role` given to `subject` (or
 * -1 when unknown): their person index or -1 in *rater, a key that tells
 * raters apart (tokens numbered after the people) in *rkey and their id
 * in *rid. Manager and self raters must be in the roster; a self rater
 * must be the subject; a manager who is not the subject's manager draws
 * a warning, once per pair. Returns 0 when the rating must be dropped. */
static int
rater_at(struct rload *L, const struct csvin_rec *rec, int col, int role,
    int subject, int *rater, uint32_t *rkey, const char **rid)
{
	struct cycle *c = L->c;
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char q[80];
	int i, t;

	trim(&s, &n);
	if (n == 0) {
		row_error(L, rec->line, col, "empty; expected the rater's id");
		return 0;
	}
	if (role < 0 || c->person_ids == NULL)
		return 0;
	i = strtab_get(c->person_ids, s, n);
	*rater = i;
	if (i >= 0) {
		*rkey = (uint32_t)i;
		*rid = c->people[i].id;
	} else if (role == ROLE_MANAGER || role == ROLE_SELF) {
		row_error(L, rec->line, col, "\"%s\" is not in the roster; a "
		    "%s rating needs the rater's id from %s (only peer and "
		    "direct_report raters may be anonymous)", shown(rec, col,
		    q, sizeof q), role == ROLE_SELF ? "self" : "manager",
		    c->roster_path);
		return 0;
	} else {
		t = strtab_get(L->tokens, s, n);
		if (t < 0) {
			XGROW(L->token_ids, L->captokens, L->ntokens + 1);
			L->token_ids[L->ntokens] = arena_strndup(c->arena, s, n);
			t = (int)L->ntokens++;
			strtab_put(L->tokens, L->token_ids[t], n, t);
		}
		*rkey = (uint32_t)(c->npeople + (size_t)t);
		*rid = L->token_ids[t];
	}
	if (subject < 0)
		return 0;
	if (role == ROLE_SELF && i != subject) {
		row_error(L, rec->line, col, "\"%s\" gave \"%s\" a self rating; "
		    "a self rating's rater must be the subject", *rid,
		    c->people[subject].id);
		return 0;
	}
	if (role == ROLE_MANAGER && c->people[subject].manager != i &&
	    key_put(&L->warned, (uint32_t)subject, *rkey, 0, 0) < 0) {
		const struct person *p = &c->people[subject];

		if (p->manager_id != NULL)
			csvin_warning(L->r, rec->line, col, "\"%s\" rates \"%s\" "
			    "as manager, but the roster gives %s the manager "
			    "\"%s\"; the ratings count as a manager's", *rid,
			    p->id, p->id, p->manager_id);
		else
			csvin_warning(L->r, rec->line, col, "\"%s\" rates \"%s\" "
			    "as manager, but %s has no manager in the roster; "
			    "the ratings count as a manager's", *rid, p->id,
			    p->id);
	}
	return 1;
}

/* Stores a rating; duplicates are found once the ratings are grouped
 * (find_duplicates). */
static void
add_rating(struct rload *L, const struct rating *rt)
{
	XGROW(L->v, L->cap, L->n + 1);
	L->v[L->n++] = *rt;
}

/* A comment as written, or NULL when empty or only white space. */
static const char *
comment_at(struct rload *L, const struct csvin_rec *rec, int col)
{
	const char *s;
	size_t n, i;

	if (col < 0)
		return NULL;
	s = rec->f[col];
	n = rec->len[col];
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			return arena_strndup(L->c->arena, s, n);
	return NULL;
}

static void
long_row(struct rload *L, const struct csvin_rec *rec)
{
	struct rating rt;
	uint32_t rkey = 0;
	int ok;

	memset(&rt, 0, sizeof rt);
	rt.subject = person_at(L, rec, L->col[L_SUBJECT], "subject");
	rt.role = ROLE_MANAGER;
	ok = role_at(L, rec, L->col[L_ROLE]);
	if (ok >= 0)
		rt.role = (enum role)ok;
	ok = rater_at(L, rec, L->col[L_RATER], ok, rt.subject, &rt.rater,
	    &rkey, &rt.rater_id);
	rt.comp = comp_at(L, rec, L->col[L_COMP]);
	if (!score_at(L, rec, L->col[L_SCORE], &rt.score) || rt.comp < 0)
		ok = 0;
	if (!ok)
		return;
	rt.comment = comment_at(L, rec, L->col[L_COMMENT]);
	rt.pos.file = L->src->path;
	rt.pos.line = rec->line;
	add_rating(L, &rt);
}

static void
wide_row(struct rload *L, const struct csvin_rec *rec, const int *wcol)
{
	const struct rating_source *src = L->src;
	struct rating rt;
	uint32_t rkey = 0;
	size_t q;
	int ok, role;

	memset(&rt, 0, sizeof rt);
	rt.subject = person_at(L, rec, wcol[0], "subject");
	role = role_at(L, rec, wcol[2]);
	ok = rater_at(L, rec, wcol[1], role, rt.subject, &rt.rater, &rkey,
	    &rt.rater_id);
	rt.role = role >= 0 ? (enum role)role : ROLE_MANAGER;
	rt.pos.file = src->path;
	rt.pos.line = rec->line;
	for (q = 0; q < src->nq; q++) {
		if (!score_at(L, rec, wcol[4 + q], &rt.score) ||
		    src->q_comps[q] < 0 || !ok)
			continue;
		rt.comp = src->q_comps[q];
		add_rating(L, &rt);
	}
	rt.comment = wcol[3] >= 0 ? comment_at(L, rec, wcol[3]) : NULL;
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
	size_t i, nc = csvin_ncols(L->r), missing = 0;
	const char **names = xcalloc(nc + 1, sizeof(*names));
	int usable = 1;

	for (i = 0; i < nc; i++)
		names[i] = csvin_colname(L->r, i);
	for (i = 0; i < NLONG; i++) {
		L->col[i] = csvin_col(L->r, long_cols[i]);
		if (L->col[i] == -2)
			usable = 0;
		else if (L->col[i] == -1 && i != L_COMMENT)
			missing++;
	}
	if (missing == NLONG - 1) {
		row_error(L, csvin_header_line(L->r), -1, "none of the columns "
		    "subject_id, rater_id, rater_role, competency_id, score is "
		    "in the header; for an export with one column per question, "
		    "set format: wide in cycle.yaml and map its columns");
		usable = 0;
	} else if (missing > 0) {
		for (i = 0; i < NLONG; i++) {
			const char *hint;

			if (L->col[i] != -1 || i == L_COMMENT)
				continue;
			hint = str_suggest(long_cols[i], names, nc);
			if (hint != NULL)
				row_error(L, csvin_header_line(L->r), -1,
				    "missing required column \"%s\"; did you mean "
				    "\"%s\"? (" LONG_NEEDS ")", long_cols[i], hint);
			else
				row_error(L, csvin_header_line(L->r), -1,
				    "missing required column \"%s\"; "
				    LONG_NEEDS, long_cols[i]);
		}
		usable = 0;
	}
	free(names);
	return usable;
}

/* One mapped column of a wide file: its index in the header, or -1 after
 * reporting at the cycle.yaml key that names it. */
static int
wide_col(struct rload *L, const char *name, const struct pos *at)
{
	size_t i, nc = csvin_ncols(L->r);
	const char **names;
	const char *hint;
	struct buf b;
	int k = csvin_col(L->r, name);

	if (k >= 0 || k == -2) {
		if (k == -2)
			L->ok = 0;
		return k >= 0 ? k : -1;
	}
	L->ok = 0;
	names = xcalloc(nc + 1, sizeof(*names));
	for (i = 0; i < nc; i++)
		names[i] = csvin_colname(L->r, i);
	hint = str_suggest(name, names, nc);
	free(names);
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
