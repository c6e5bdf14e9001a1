/* strtab.c: string -> int hash table with borrowed keys, so that ids are
 * found in constant time and never by a scan (no quadratic paths). */
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
	const char *key;        /* NULL: empty */
	size_t len;
	uint32_t hash;
	int val;
};

struct strtab {
	struct slot *slots;
	size_t cap;             /* power of two */
	size_t count;
	int fold;
};

static int
fold_char(int c, int fold)
{
	if (fold && c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

static uint32_t
hash(const char *s, size_t n, int fold)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)fold_char((unsigned char)s[i], fold);
		h *= 16777619u;
	}
	return h;
}

static int
same(const struct slot *sl, const char *key, size_t len, int fold)
{
	size_t i;

	if (sl->len != len)
		return 0;
	if (!fold)
		return memcmp(sl->key, key, len) == 0;
	for (i = 0; i < len; i++)
		if (fold_char((unsigned char)sl->key[i], 1) !=
		    fold_char((unsigned char)key[i], 1))
			return 0;
	return 1;
}

struct strtab *
strtab_new(int fold_case)
{
	struct strtab *t = xcalloc(1, sizeof(*t));

	t->cap = 16;
	t->slots = xcalloc(t->cap, sizeof(struct slot));
	t->fold = fold_case;
	return t;
}

void
strtab_free(struct strtab *t)
{
	if (t == NULL)
		return;
	free(t->slots);
	free(t);
}

static struct slot *
find(const struct strtab *t, const char *key, size_t len, uint32_t h)
{
	size_t i = h & (t->cap - 1);

	for (;;) {
		struct slot *sl = &t->slots[i];

		if (sl->key == NULL ||
		    (sl->hash == h && same(sl, key, len, t->fold)))
			return sl;
		i = (i + 1) & (t->cap - 1);
	}
}

static void
rehash(struct strtab *t)
{
	struct slot *old = t->slots;
	size_t oldcap = t->cap, i;

	t->cap *= 2;
	t->slots = xcalloc(t->cap, sizeof(struct slot));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(t, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

int
strtab_put(struct strtab *t, const char *key, size_t len, int val)
{
	uint32_t h = hash(key, len, t->fold);
	struct slot *sl;

	if ((t->count + 1) * 4 > t->cap * 3)
		rehash(t);
	sl = find(t, key, len, h);
	if (sl->key != NULL)
		return sl->val;
	sl->key = key;
	sl->len = len;
	sl->hash = h;
	sl->val = val;
	t->count++;
	return -1;
}

void
strtab_set(struct strtab *t, const char *key, size_t len, int val)
{
	struct slot *sl = find(t, key, len, hash(key, len, t->fold));

	if (sl->key != NULL)
		sl->val = val;
}

int
strtab_get(const struct strtab *t, const char *key, size_t len)
{
	const struct slot *sl = find(t, key, len, hash(key, len, t->fold));

	return sl->key != NULL ? sl->val : -1;
}

int
strtab_gets(const struct strtab *t, const char *key)
{
	return strtab_get(t, key, strlen(key));
}

size_t
strtab_count(const struct strtab *t)
{
	return t->count;
}
