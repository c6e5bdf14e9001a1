/* load_people.c: people as exports name them: by roster id, e-mail or
 * full name (case, Unicode normalisation and runs of white space
 * ignored), for subjects, raters and managers in files revpack did not
 * shape. */
#include <stdlib.h>
#include <string.h>

#include "load_ingest.h"

/* The candidates of one ambiguous name. */
struct amb {
	int *who;
	size_t n;
};

struct people_index {
	const struct cycle *c;
	struct strtab *emails;  /* folded e-mail -> person, or -1: shared */
	struct strtab *names;   /* folded name -> person, or -(k + 2):
	                           ambiguous, amb[k] */
	struct strtab *alts;    /* the same for names in their other orders
	                           (add_orders), looked at after names */
	struct amb *amb;
	size_t namb, capamb;
	struct arena *arena;    /* the folded keys */
	struct buf tmp;         /* people_find's scratch */
};

/* add_name: maps the folded name to person i in t; a name two people share
 * keeps both as candidates. */
static void
add_name(struct people_index *x, struct strtab *t, const char *key,
    size_t len, int i)
{
	int prev = strtab_get(t, key, len);
	struct amb *a;
	size_t k;

	if (prev == -1) {
		strtab_put(t, arena_strndup(x->arena, key, len), len, i);
		return;
	}
	if (prev == i)
		return;         /* the same person under one of their orders */
	if (prev >= 0) {
		XGROW(x->amb, x->capamb, x->namb + 1);
		a = &x->amb[x->namb];
		a->who = xmalloc(2 * sizeof(int));
		a->who[0] = prev;
		a->n = 1;
		strtab_set(t, key, len, -(int)(x->namb + 2));
		x->namb++;
	} else {
		a = &x->amb[-prev - 2];
		for (k = 0; k < a->n; k++)
			if (a->who[k] == i)
				return;
	}
	a->who = xreallocarray(a->who, a->n + 1, sizeof(int));
	a->who[a->n++] = i;
}

/* add_orders: a two-part name (in x->tmp, folded) found in its other
 * orders too: "B A", "AB" and "BA", as a roster that joins first and
 * last name ("芳 王") and an export that writes the family name first
 * and without a space ("王芳") name the same person. */
static void
add_orders(struct people_index *x, int i)
{
	const char *sp = memchr(x->tmp.p, ' ', x->tmp.len);
	size_t a, b;
	struct buf v;

	if (sp == NULL || memchr(sp + 1, ' ', x->tmp.len - (size_t)(sp -
	    x->tmp.p) - 1) != NULL)
		return;
	a = (size_t)(sp - x->tmp.p);
	b = x->tmp.len - a - 1;
	buf_init(&v);
	buf_put(&v, sp + 1, b);
	buf_putc(&v, ' ');
	buf_put(&v, x->tmp.p, a);
	add_name(x, x->alts, v.p, v.len, i);
	buf_reset(&v);
	buf_put(&v, x->tmp.p, a);
	buf_put(&v, sp + 1, b);
	add_name(x, x->alts, v.p, v.len, i);
	buf_reset(&v);
	buf_put(&v, sp + 1, b);
	buf_put(&v, x->tmp.p, a);
	add_name(x, x->alts, v.p, v.len, i);
	buf_free(&v);
}

struct people_index *
people_index_new(const struct cycle *c)
{
	struct people_index *x = xcalloc(1, sizeof(*x));
	size_t i;

	x->c = c;
	x->emails = strtab_new(0);
	x->names = strtab_new(0);
	x->alts = strtab_new(0);
	x->arena = arena_new();
	buf_init(&x->tmp);
	for (i = 0; i < c->npeople; i++) {
		const struct person *p = &c->people[i];

		if (p->email != NULL) {
			str_fold(&x->tmp, p->email, strlen(p->email));
			if (strtab_put(x->emails, arena_strndup(x->arena,
			    x->tmp.p, x->tmp.len), x->tmp.len, (int)i) >= 0)
				strtab_set(x->emails, x->tmp.p, x->tmp.len, -1);
		}
		if (p->name != NULL && p->name[0] != '\0') {
			str_fold(&x->tmp, p->name, strlen(p->name));
			add_name(x, x->names, x->tmp.p, x->tmp.len, (int)i);
			add_orders(x, (int)i);
		}
	}
	return x;
}

void
people_index_free(struct people_index *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < x->namb; i++)
		free(x->amb[i].who);
	free(x->amb);
	strtab_free(x->emails);
	strtab_free(x->names);
	strtab_free(x->alts);
	arena_free(x->arena);
	buf_free(&x->tmp);
	free(x);
}

/* last_first: a name written "Last, First" (as HR systems list people)
 * looked up as "First Last": the strtab value (see people_find), or -1. */
static int
last_first(struct people_index *x, const char *s, size_t n)
{
	const char *comma = memchr(s, ',', n);
	struct buf swapped;
	int i;

	if (comma == NULL || memchr(comma + 1, ',', n - (size_t)(comma - s) -
	    1) != NULL)
		return -1;
	buf_init(&swapped);
	buf_put(&swapped, comma + 1, n - (size_t)(comma - s) - 1);
	buf_putc(&swapped, ' ');
	buf_put(&swapped, s, (size_t)(comma - s));
	str_fold(&x->tmp, swapped.p, swapped.len);
	buf_free(&swapped);
	i = strtab_get(x->names, x->tmp.p, x->tmp.len);
	return i;
}

int
people_find(struct people_index *x, const char *s, size_t n,
    const int **cands, size_t *ncands)
{
	int i;

	*cands = NULL;
	*ncands = 0;
	if (x->c->person_ids != NULL) {
		i = strtab_get(x->c->person_ids, s, n);
		if (i >= 0)
			return i;
	}
	str_fold(&x->tmp, s, n);
	if (memchr(x->tmp.p, '@', x->tmp.len) != NULL) {
		i = strtab_get(x->emails, x->tmp.p, x->tmp.len);
		if (i >= 0 || i == -1)
			return i;
	}
	i = strtab_get(x->names, x->tmp.p, x->tmp.len);
	if (i == -1)
		i = last_first(x, s, n);
	if (i == -1) {
		str_fold(&x->tmp, s, n);
		i = strtab_get(x->alts, x->tmp.p, x->tmp.len);
	}
	if (i >= -1)
		return i;
	*cands = x->amb[-i - 2].who;
	*ncands = x->amb[-i - 2].n;
	return -2;
}
