/* lay_memo.c: a layout engine's memory of text it has measured (a text
 * cleaned and broken into lines in a face, size and width; a line split
 * into runs of one face), so that what every document repeats (rubric
 * and template words, figures, level labels, a person's name in each of
 * their files) is measured once per worker rather than once per document.
 * A result depends only on its key (the text's bytes and the numbers
 * that went into it), so a remembered one is the computed one, bit for
 * bit. Entries stay until a file starts with the memo over its budget,
 * so a display list may point into them. */
#include <stdlib.h>
#include <string.h>

#include "lay_int.h"

/* What one engine may keep by default: its table and its arena
 * together. */
#define MEMO_BUDGET (6u << 20)
#define MEMO_SLOTS0 4096

struct mslot {
	uint64_t hash;          /* 0: empty */
	const char *key;        /* the key's bytes, in the arena */
	size_t klen;
	uint32_t p[4];          /* kind and the key's numbers */
	void *val;
	size_t n;
};

struct lay_memo {
	struct mslot *slots;
	size_t cap, used;
	struct arena *arena;
	size_t bytes;           /* allocated from the arena */
	size_t budget;
	int full;               /* over budget: nothing new until reset */
};

struct lay_memo *
memo_new(void)
{
	struct lay_memo *m = xcalloc(1, sizeof *m);

	m->cap = MEMO_SLOTS0;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	m->arena = arena_new();
	m->budget = MEMO_BUDGET;
	return m;
}

void
memo_budget(struct lay_memo *m, size_t bytes)
{
	m->budget = bytes;
	m->full = 1;
	memo_start(m);
}

void
memo_free(struct lay_memo *m)
{
	if (m == NULL)
		return;
	arena_free(m->arena);
	free(m->slots);
	free(m);
}

void
memo_start(struct lay_memo *m)
{
	if (!m->full)
		return;
	arena_free(m->arena);
	m->arena = arena_new();
	/* back to the first size: a table grown by one long file (an
	 * organisation summary at 100,000 people has more texts than the
	 * budget holds) would otherwise be cleared, megabytes of it, before
	 * every file */
	if (m->cap > MEMO_SLOTS0) {
		free(m->slots);
		m->cap = MEMO_SLOTS0;
		m->slots = xcalloc(m->cap, sizeof *m->slots);
	} else
		memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->used = 0;
	m->bytes = 0;
	m->full = 0;
}

/* hash64: the key's bytes and numbers mixed 8 bytes at a time; never 0
 * (0 marks an empty slot). */
static uint64_t
hash64(const uint32_t p[4], const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)n;
	uint64_t w;
	int i;

	for (i = 0; i < 4; i++)
		h = (h ^ p[i]) * 0xff51afd7ed558ccdULL;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

void
memo_key(struct memo_key *k, enum memo_kind kind, uint32_t a, uint32_t b,
    uint32_t c, const char *s, size_t len)
{
	k->p[0] = (uint32_t)kind;
	k->p[1] = a;
	k->p[2] = b;
	k->p[3] = c;
	k->s = s != NULL ? s : "";
	k->len = len;
	k->hash = hash64(k->p, k->s, len);
}

/* find: the slot holding k, or the empty slot where it would go. */
static struct mslot *
find(struct lay_memo *m, const struct memo_key *k)
{
	size_t i = (size_t)k->hash & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct mslot *e = &m->slots[i];

		if (e->hash == 0)
			return e;
		if (e->hash == k->hash && e->klen == k->len &&
		    memcmp(e->p, k->p, sizeof e->p) == 0 &&
		    memcmp(e->key, k->s, k->len) == 0)
			return e;
	}
}

void *
memo_get(struct lay_memo *m, const struct memo_key *k, size_t *n)
{
	struct mslot *e = find(m, k);

	if (e->hash == 0)
		return NULL;
	*n = e->n;
	return e->val;
}

/* grow: twice the slots, entries placed again. */
static void
grow(struct lay_memo *m)
{
	struct mslot *old = m->slots;
	size_t ocap = m->cap, i;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < ocap; i++) {
		size_t j;

		if (old[i].hash == 0)
			continue;
		for (j = (size_t)old[i].hash & (m->cap - 1);
		    m->slots[j].hash != 0; j = (j + 1) & (m->cap - 1))
			;
		m->slots[j] = old[i];
	}
	free(old);
}

void *
memo_put(struct lay_memo *m, const struct memo_key *k, size_t size,
    size_t n)
{
	struct mslot *e;
	size_t need = size + k->len + 1;

	if (m->full || m->bytes + need + m->cap * sizeof *m->slots >
	    m->budget) {
		m->full = 1;
		return NULL;
	}
	if (2 * (m->used + 1) > m->cap) {
		/* a table past the budget would leave no room for entries:
		 * full then, and cleared at the next file */
		if (m->bytes + need + 2 * m->cap * sizeof *m->slots >
		    m->budget) {
			m->full = 1;
			return NULL;
		}
		grow(m);
	}
	e = find(m, k);
	if (e->hash != 0)
		return NULL;            /* there already (not by our callers) */
	e->hash = k->hash;
	e->key = arena_strndup(m->arena, k->s, k->len);
	e->klen = k->len;
	memcpy(e->p, k->p, sizeof e->p);
	e->val = arena_alloc(m->arena, size > 0 ? size : 1);
	e->n = n;
	m->used++;
	m->bytes += need;
	return e->val;
}

uint32_t
memo_float(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof u);
	return u;
}
