/* load_cells.c: one ratings cell at a time, checked and converted: the
 * subject and rater against the roster, the role, the competency and the
 * score against the rubric, the comment. Every lookup is by hash. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load_ratings.h"

/* --- the pair set --- */

static struct pair *
pair_find(const struct pairset *k, int subject, const char *rid)
{
	uint64_t h = (uint64_t)(uintptr_t)rid ^
	    ((uint64_t)(uint32_t)subject * 0x9E3779B97F4A7C15u);
	size_t i;

	/* splitmix64's finalizer: every input bit reaches the low bits */
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9u;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBu;
	h ^= h >> 31;
	for (i = h & (k->cap - 1); ; i = (i + 1) & (k->cap - 1)) {
		struct pair *p = &k->v[i];

		if (p->rid == NULL || (p->rid == rid && p->subject == subject))
			return p;
	}
}

/* pair_add: 1 when (subject, rid) was not in k (it is now), else 0. */
static int
pair_add(struct pairset *k, int subject, const char *rid)
{
	struct pair *p;

	if ((k->n + 1) * 4 > k->cap * 3) {
		struct pair *old = k->v;
		size_t oldcap = k->cap, i;

		k->cap = oldcap ? oldcap * 2 : 64;
		k->v = xcalloc(k->cap, sizeof(*k->v));
		for (i = 0; i < oldcap; i++)
			if (old[i].rid != NULL)
				*pair_find(k, old[i].subject, old[i].rid) =
				    old[i];
		free(old);
	}
	p = pair_find(k, subject, rid);
	if (p->rid != NULL)
		return 0;
	p->rid = rid;
	p->subject = subject;
	k->n++;
	return 1;
}

/* --- fields --- */

/* A cell's text for a message (shortened, control characters escaped). */
static const char *
shown(const struct cell *x, char *out, size_t size)
{
	char tmp[96];
	size_t n = x->n < sizeof tmp ? x->n : sizeof tmp - 1;

	memcpy(tmp, x->s, n);
	tmp[n] = '\0';
	return csvin_quote(tmp, out, size);
}

const char *
rl_fold(struct rload *L, const char *s, size_t n, size_t *len)
{
	str_fold(&L->fold, s, n);
	*len = L->fold.len;
	return L->fold.p;
}

/* ambiguous: reports a name several people of the roster share. */
static void
ambiguous(struct rload *L, const struct cell *x, const int *cands,
    size_t ncands, const char *who)
{
	struct buf b;
	char q[80];
	size_t i;

	buf_init(&b);
	for (i = 0; i < ncands && i < 5; i++)
		buf_printf(&b, "%s%s (line %d)", i ? ", " : "",
		    L->c->people[cands[i]].id, L->c->people[cands[i]].pos.line);
	csvin_error(L->r, x->line, x->col, "\"%s\" is the name of %zu people "
	    "in the roster: %s; expected the %s's id or e-mail", shown(x, q,
	    sizeof q), ncands, b.p, who);
	buf_free(&b);
}

/* The subject named in a cell: their index in the roster (by id, e-mail
 * or name); -1 when not in it, -2 when the field is empty (both
 * reported); -3 without a roster. (Raters, who may be anonymous tokens,
 * are cell_rater's.) */
int
cell_subject(struct rload *L, const struct cell *x)
{
	const int *cands;
	size_t ncands;
	char q[80];
	int i;

	if (x->n == 0) {
		rl_problem(L, T_SUBJECT, x, "empty; expected the subject's id");
		return -2;
	}
	if (L->c->person_ids == NULL)
		return -3;      /* no roster to check against */
	i = people_find(L->people, x->s, x->n, &cands, &ncands);
	if (i == -2) {
		ambiguous(L, x, cands, ncands, "subject");
		return -1;
	}
	if (i < 0)
		rl_problem(L, T_SUBJECT, x, "\"%s\" is not in the roster; "
		    "expected the id, e-mail or full name of a person in %s",
		    shown(x, q, sizeof q), L->c->roster_path);
	return i;
}

/* A role: `role:` without a cell, else the `roles:` values first, then
 * the four names (ASCII case ignored). -1 when unknown (reported). */
int
cell_role(struct rload *L, const struct cell *x)
{
	const struct rating_source *src = L->src;
	size_t i;
	char q[80];
	struct buf b;

	if (x == NULL)
		return src->fixed_role;
	for (i = 0; i < src->nroles_map; i++)
		if (str_eq_fold(src->role_values[i], x->s, x->n))
			return src->role_map[i];
	for (i = 0; i < NROLES; i++)
		if (str_eq_fold(role_name((enum role)i), x->s, x->n))
			return (int)i;
	buf_init(&b);
	if (src->nroles_map > 0) {
		for (i = 0; i < src->nroles_map; i++)
			buf_printf(&b, "%s\"%s\"", i ? ", " : "",
			    src->role_values[i]);
		buf_puts(&b, " (the cycle's roles), ");
	}
	if (x->n == 0)
		rl_problem(L, T_ROLE, x, "empty; expected one of: %smanager, "
		    "self, peer, direct_report", b.p ? b.p : "");
	else
		rl_problem(L, T_ROLE, x, "\"%s\" is not a rater role; "
		    "expected one of: %smanager, self, peer, direct_report",
		    shown(x, q, sizeof q), b.p ? b.p : "");
	buf_free(&b);
	return -1;
}

/* A competency by id, by title, or by the file's `competencies:` texts:
 * its index, -1 when unknown (reported, with the nearest id), -2 when
 * there is no rubric to check against. */
int
cell_comp(struct rload *L, const struct cell *x)
{
	const struct rubric *rb = L->c->rubric;
	const char *hint, *f;
	size_t i, n;
	char q[80];
	int k;

	if (x->n == 0) {
		csvin_error(L->r, x->line, x->col,
		    "empty; expected a competency id");
		return -1;
	}
	if (rb == NULL)
		return -2;
	k = strtab_get(rb->comp_ids, x->s, x->n);
	if (k >= 0)
		return k;
	f = rl_fold(L, x->s, x->n, &n);
	k = L->texts != NULL ? strtab_get(L->texts, f, n) : -1;
	if (k < 0)
		k = strtab_get(L->titles, f, n);
	if (k >= 0)
		return k;
	shown(x, q, sizeof q);
	hint = str_suggest(q, L->comp_ids, rb->ncomps);
	if (hint != NULL) {
		rl_problem(L, T_COMP, x, "\"%s\" is not a competency of rubric "
		    "\"%s\"; did you mean \"%s\"?", q, rb->id, hint);
		return -1;
	}
	{
		struct buf b;

		buf_init(&b);
		for (i = 0; i < rb->ncomps && i < 30; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", L->comp_ids[i]);
		if (rb->ncomps > 30)
			buf_puts(&b, ", ...");
		rl_problem(L, T_COMP, x, "\"%s\" is not a competency of rubric "
		    "\"%s\"; expected one of: %s", q, rb->id, b.p ? b.p : "");
		buf_free(&b);
	}
	return -1;
}

static void
bad_label(struct rload *L, const struct cell *x)
{
	const struct scale *sc = &L->c->rubric->scale;
	const char *hint;
	struct buf b;
	char q[80];
	size_t i;

	shown(x, q, sizeof q);
	hint = str_suggest(q, L->labels, sc->n);
	buf_init(&b);
	for (i = 0; i < sc->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", L->labels[i]);
	rl_problem(L, T_SCORE, x, "\"%s\" is not a score; %s%s%sexpected a "
	    "number from %d to %d, a level label (%s), or empty or N/A for "
	    "not rated", q, hint ? "did you mean \"" : "", hint ? hint : "",
	    hint ? "\"? " : "", sc->min, sc->max, b.p);
	buf_free(&b);
}

/* A score: an answer of `values:` or `na:`, a number within the scale
 * (decimals allowed; with a ";" or tab delimiter also a decimal comma), a
 * leading-number answer, a level label (ASCII case ignored), or empty /
 * N/A for NAN. 1 when fine, 0 after reporting. */
int
cell_score(struct rload *L, const struct cell *x, double *out)
{
	const struct rubric *rb = L->c->rubric;
	const char *s = x->s;
	size_t n = x->n;
	char tmp[64], q[80];
	int v;

	*out = NAN;
	if (n == 0 || str_eq_fold("n/a", s, n))
		return 1;
	if (L->values != NULL) {
		size_t fn;
		const char *f = rl_fold(L, s, n, &fn);

		v = strtab_get(L->values, f, fn);
		if (v >= 0) {
			*out = L->src->value_nums[v];
			return 1;
		}
	}
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
		if (parse_leading_number(s, x->n, out))
			goto number;
		bad_label(L, x);
		return 0;
	}
number:
	if (*out > rb->scale.max) {
		rl_problem(L, T_RANGE, x, "\"%s\" is above the scale maximum "
		    "%d", shown(x, q, sizeof q), rb->scale.max);
		return 0;
	}
	if (*out < rb->scale.min) {
		rl_problem(L, T_RANGE, x, "\"%s\" is below the scale minimum "
		    "%d", shown(x, q, sizeof q), rb->scale.min);
		return 0;
	}
	return 1;
}

/* token: the interned id of an anonymous rater s[0..n). */
static const char *
token(struct rload *L, const char *s, size_t n)
{
	int t = strtab_get(L->tokens, s, n);

	if (t < 0) {
		XGROW(L->token_ids, L->captokens, L->ntokens + 1);
		L->token_ids[L->ntokens] = arena_strndup(L->c->arena, s, n);
		t = (int)L->ntokens++;
		strtab_put(L->tokens, L->token_ids[t], n, t);
	}
	return L->token_ids[t];
}

/* implied_rater: the rater of a row without rater identity: the subject
 * for self, their manager for manager, one anonymous rater per row for
 * the other roles. 0 (reported) when a manager rating's subject has no
 * manager. */
static int
implied_rater(struct rload *L, int line, int slot, int role, int subject,
    int *rater, const char **rid)
{
	const struct cycle *c = L->c;
	char anon[64];
	int n;

	*rater = -1;
	if (role == ROLE_SELF) {
		*rater = subject;
	} else if (role == ROLE_MANAGER) {
		*rater = c->people[subject].manager;
		if (*rater < 0) {
			csvin_error(L->r, line, -1, "a manager rating of \"%s\", "
			    "whom the roster gives no manager; this file has no "
			    "rater column, so the manager comes from the roster "
			    "(give %s a manager_id, or map the rater's column)",
			    c->people[subject].id, c->people[subject].id);
			return 0;
		}
	}
	if (*rater >= 0) {
		*rid = c->people[*rater].id;
		return 1;
	}
	/* one rater per row and role column: "#FILE:LINE:SLOT", which no
	 * export writes as a rater's name */
	n = snprintf(anon, sizeof anon, "#%zu:%d:%d", (size_t)(L->src -
	    c->sources), line, slot);
	*rid = token(L, anon, (size_t)n);
	return 1;
}

/* The rater named in a cell (or implied, without one) for a rating of
 * `role` given to `subject` (or -1 when unknown): their person index or
 * -1 in *rater and their id (an interned pointer: the same for each of
 * their ratings) in *rid. Manager and self raters must be in the roster;
 * a self rater must be the subject; a manager who is not the subject's
 * manager draws a warning, once per pair. Returns 0 when the rating must
 * be dropped. */
int
cell_rater(struct rload *L, const struct cell *x, int line, int slot,
    int role, int subject, int *rater, const char **rid)
{
	struct cycle *c = L->c;
	const int *cands;
	size_t ncands;
	char q[80];
	int i;

	/* an empty rater of an anonymous role: a response without identity */
	if (x != NULL && x->n == 0 && (role == ROLE_PEER ||
	    role == ROLE_DIRECT_REPORT))
		x = NULL;
	if (x != NULL && x->n == 0) {
		csvin_error(L->r, x->line, x->col,
		    "empty; expected the rater's id");
		return 0;
	}
	if (role < 0 || c->person_ids == NULL)
		return 0;
	if (x == NULL)
		return subject >= 0 && implied_rater(L, line, slot, role,
		    subject, rater, rid);
	i = people_find(L->people, x->s, x->n, &cands, &ncands);
	if (i == -2) {
		ambiguous(L, x, cands, ncands, "rater");
		return 0;
	}
	*rater = i;
	if (i >= 0)
		*rid = c->people[i].id;
	else if (role == ROLE_MANAGER || role == ROLE_SELF) {
		rl_problem(L, T_RATER, x, "\"%s\" is not in the roster; a %s "
		    "rating needs the rater's id from %s (only peer and "
		    "direct_report raters may be anonymous)", shown(x, q,
		    sizeof q), role == ROLE_SELF ? "self" : "manager",
		    c->roster_path);
		return 0;
	} else
		*rid = token(L, x->s, x->n);
	if (subject < 0)
		return 0;
	if (role == ROLE_SELF && i != subject) {
		csvin_error(L->r, x->line, x->col, "\"%s\" gave \"%s\" a self "
		    "rating; a self rating's rater must be the subject", *rid,
		    c->people[subject].id);
		return 0;
	}
	if (role == ROLE_MANAGER && c->people[subject].manager != i &&
	    pair_add(&L->warned, subject, *rid)) {
		const struct person *p = &c->people[subject];

		if (p->manager_id != NULL)
			csvin_warning(L->r, x->line, x->col, "\"%s\" rates \"%s\" "
			    "as manager, but the roster gives %s the manager "
			    "\"%s\"; the ratings count as a manager's", *rid,
			    p->id, p->id, p->manager_id);
		else
			csvin_warning(L->r, x->line, x->col, "\"%s\" rates \"%s\" "
			    "as manager, but %s has no manager in the roster; "
			    "the ratings count as a manager's", *rid, p->id,
			    p->id);
	}
	return 1;
}

/* A comment as written, or NULL when absent, empty or only white space. */
const char *
cell_comment(struct rload *L, const struct cell *x)
{
	size_t i;

	if (x == NULL)
		return NULL;
	for (i = 0; i < x->n; i++)
		if (x->s[i] != ' ' && x->s[i] != '\t' && x->s[i] != '\n')
			return arena_strndup(L->c->arena, x->s, x->n);
	return NULL;
}
