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

/* A trimmed field copied for a message (shortened). */
static const char *
shown(const struct csvin_rec *rec, int col, char *out, size_t size)
{
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char tmp[96];

	str_trim(&s, &n);
	if (n >= sizeof tmp)
		n = sizeof tmp - 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return csvin_quote(tmp, out, size);
}

/* The subject named in column col of rec: their index in the roster; -1
 * when not in it, -2 when the field is empty (both reported); -3 without
 * a roster. (Raters, who may be anonymous tokens, are cell_rater's.) */
int
cell_subject(struct rload *L, const struct csvin_rec *rec, int col)
{
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char q[80];
	int i;

	str_trim(&s, &n);
	if (n == 0) {
		csvin_error(L->r, rec->line, col,
		    "empty; expected the subject's id");
		return -2;
	}
	if (L->c->person_ids == NULL)
		return -3;      /* no roster to check against */
	i = strtab_get(L->c->person_ids, s, n);
	if (i < 0)
		csvin_error(L->r, rec->line, col, "\"%s\" is not in the "
		    "roster; expected the id of a person in %s", shown(rec, col,
		    q, sizeof q), L->c->roster_path);
	return i;
}

/* A role: the four names (ASCII case ignored), or for wide files the
 * vendor values of `roles:` first. -1 when unknown (reported). */
int
cell_role(struct rload *L, const struct csvin_rec *rec, int col)
{
	const struct rating_source *src = L->src;
	const char *s = rec->f[col];
	size_t n = rec->len[col], i;
	char q[80];
	struct buf b;

	str_trim(&s, &n);
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
		csvin_error(L->r, rec->line, col, "empty; expected one of: "
		    "%smanager, self, peer, direct_report", b.p ? b.p : "");
	else
		csvin_error(L->r, rec->line, col, "\"%s\" is not a rater role; "
		    "expected one of: %smanager, self, peer, direct_report",
		    shown(rec, col, q, sizeof q), b.p ? b.p : "");
	buf_free(&b);
	return -1;
}

/* A competency id: its index, -1 when unknown (reported, with the nearest
 * id), -2 when there is no rubric to check against. */
int
cell_comp(struct rload *L, const struct csvin_rec *rec, int col)
{
	const struct rubric *rb = L->c->rubric;
	const char *s = rec->f[col], *hint;
	size_t n = rec->len[col], i;
	char q[80];
	int k;

	str_trim(&s, &n);
	if (n == 0) {
		csvin_error(L->r, rec->line, col,
		    "empty; expected a competency id");
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
		csvin_error(L->r, rec->line, col, "\"%s\" is not a competency "
		    "of rubric \"%s\"; did you mean \"%s\"?", q, rb->id, hint);
		return -1;
	}
	{
		struct buf b;

		buf_init(&b);
		for (i = 0; i < rb->ncomps && i < 30; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", L->comp_ids[i]);
		if (rb->ncomps > 30)
			buf_puts(&b, ", ...");
		csvin_error(L->r, rec->line, col, "\"%s\" is not a competency "
		    "of rubric \"%s\"; expected one of: %s", q, rb->id,
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
	csvin_error(L->r, rec->line, col, "\"%s\" is not a score; "
	    "%s%s%sexpected a number from %d to %d, a level label (%s), or "
	    "empty or N/A for not rated", q, hint ? "did you mean \"" : "",
	    hint ? hint : "", hint ? "\"? " : "", sc->min, sc->max, b.p);
	buf_free(&b);
}

/* A score: a number within the scale (decimals allowed; with a ";" or tab
 * delimiter also a decimal comma), a level label (ASCII case ignored),
 * or empty / N/A for NAN. 1 when fine, 0 after reporting. */
int
cell_score(struct rload *L, const struct csvin_rec *rec, int col, double *out)
{
	const struct rubric *rb = L->c->rubric;
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char tmp[64], q[80];
	int v;

	str_trim(&s, &n);
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
		csvin_error(L->r, rec->line, col,
		    "\"%s\" is above the scale maximum %d", shown(rec, col, q,
		    sizeof q), rb->scale.max);
		return 0;
	}
	if (*out < rb->scale.min) {
		csvin_error(L->r, rec->line, col,
		    "\"%s\" is below the scale minimum %d", shown(rec, col, q,
		    sizeof q), rb->scale.min);
		return 0;
	}
	return 1;
}

/* The rater in column col for a rating of `role` given to `subject` (or
 * -1 when unknown): their person index or -1 in *rater and their id (an
 * interned pointer: the same for each of their ratings) in *rid. Manager and self raters must be in the roster; a self rater
 * must be the subject; a manager who is not the subject's manager draws
 * a warning, once per pair. Returns 0 when the rating must be dropped. */
int
cell_rater(struct rload *L, const struct csvin_rec *rec, int col, int role,
    int subject, int *rater, const char **rid)
{
	struct cycle *c = L->c;
	const char *s = rec->f[col];
	size_t n = rec->len[col];
	char q[80];
	int i, t;

	str_trim(&s, &n);
	if (n == 0) {
		csvin_error(L->r, rec->line, col,
		    "empty; expected the rater's id");
		return 0;
	}
	if (role < 0 || c->person_ids == NULL)
		return 0;
	i = strtab_get(c->person_ids, s, n);
	*rater = i;
	if (i >= 0)
		*rid = c->people[i].id;
	else if (role == ROLE_MANAGER || role == ROLE_SELF) {
		csvin_error(L->r, rec->line, col, "\"%s\" is not in the "
		    "roster; a %s rating needs the rater's id from %s (only "
		    "peer and direct_report raters may be anonymous)",
		    shown(rec, col, q, sizeof q), role == ROLE_SELF ? "self" :
		    "manager", c->roster_path);
		return 0;
	} else {
		t = strtab_get(L->tokens, s, n);
		if (t < 0) {
			XGROW(L->token_ids, L->captokens, L->ntokens + 1);
			L->token_ids[L->ntokens] = arena_strndup(c->arena, s, n);
			t = (int)L->ntokens++;
			strtab_put(L->tokens, L->token_ids[t], n, t);
		}
		*rid = L->token_ids[t];
	}
	if (subject < 0)
		return 0;
	if (role == ROLE_SELF && i != subject) {
		csvin_error(L->r, rec->line, col, "\"%s\" gave \"%s\" a self "
		    "rating; a self rating's rater must be the subject", *rid,
		    c->people[subject].id);
		return 0;
	}
	if (role == ROLE_MANAGER && c->people[subject].manager != i &&
	    pair_add(&L->warned, subject, *rid)) {
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

/* A comment as written, or NULL when empty or only white space. */
const char *
cell_comment(struct rload *L, const struct csvin_rec *rec, int col)
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

