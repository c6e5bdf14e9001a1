/* cpset.c: sets of code points (struct cpset, declared in fonts.h): a
 * bitset of the BMP and a short sorted list above it. */
#include <string.h>

#include "fonts.h"
#include "util.h"
void
cpset_clear(struct cpset *set)
{
	memset(set->bits, 0, sizeof(set->bits));
	set->nastral = 0;
}

/* astral_at: where cp is, or would go, in the set's astral list. */
static size_t
astral_at(const struct cpset *set, uint32_t cp)
{
	size_t lo = 0, hi = set->nastral;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->astral[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
cpset_add(struct cpset *set, uint32_t cp)
{
	size_t at;

	if (cp <= 0xFFFF) {
		set->bits[cp / 64] |= (uint64_t)1 << (cp % 64);
		return 1;
	}
	at = astral_at(set, cp);
	if (at < set->nastral && set->astral[at] == cp)
		return 1;
	if (set->nastral == CPSET_ASTRAL_MAX)
		return 0;
	memmove(set->astral + at + 1, set->astral + at,
	    (set->nastral - at) * sizeof(*set->astral));
	set->astral[at] = cp;
	set->nastral++;
	return 1;
}

void
cpset_union(struct cpset *set, const struct cpset *src)
{
	size_t i;

	for (i = 0; i < NELEM(set->bits); i++)
		set->bits[i] |= src->bits[i];
	for (i = 0; i < src->nastral; i++)
		cpset_add(set, src->astral[i]);
}

int
cpset_empty(const struct cpset *set)
{
	size_t i;

	for (i = 0; i < NELEM(set->bits); i++)
		if (set->bits[i] != 0)
			return 0;
	return set->nastral == 0;
}

void
cpset_add_utf8(struct cpset *set, const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		i += (size_t)utf8_next(s + i, len - i, &cp);
		cpset_add(set, cp);
	}
}

int
cpset_has(const struct cpset *set, uint32_t cp)
{
	size_t at;

	if (cp <= 0xFFFF)
		return (set->bits[cp / 64] >> (cp % 64) & 1) != 0;
	at = astral_at(set, cp);
	return at < set->nastral && set->astral[at] == cp;
}
