/* load_repeats.c: ratings given twice: the same subject, rater and
 * competency in any of a cycle's files is an error, listed in input
 * order naming the first place; in a file that says `repeated: latest`,
 * the earlier response is left out with a warning. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load_ratings.h"

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

/* keep_latest: for a repeat within one file that says `repeated:
 * latest`, the rating of the earlier response (by time stamp, then by
 * row) is marked dropped, *at becomes the kept one's index, and 1 is
 * returned; else 0 (the repeat is an error). */
static int
keep_latest(struct rload *L, const struct dup *dp, size_t *at)
{
	const struct cycle *c = L->c;
	const struct rating *a = &c->ratings[dp->first];
	size_t loser;

	if (dp->src >= c->nsources || !c->sources[dp->src].keep_latest ||
	    source_of(c, a) != dp->src)
		return 0;
	/* later in the file wins unless its stamp is older */
	loser = L->when != NULL && L->when[dp->first] > L->when[dp->later] ?
	    dp->later : dp->first;
	*at = loser == dp->first ? dp->later : dp->first;
	XGROW(L->drops, L->capdrops, L->ndrops + 1);
	L->drops[L->ndrops].src = dp->src;
	L->drops[L->ndrops].line = c->ratings[loser].pos.line;
	L->drops[L->ndrops].later = *at;
	L->drops[L->ndrops++].first = loser;
	return 1;
}

/* drop_repeated: the ratings keep_latest dropped taken out of c->ratings
 * (rating_first adjusted), with one warning per response left out. */
static void
drop_repeated(struct rload *L)
{
	struct cycle *c = L->c;
	unsigned char *gone = xcalloc(c->nratings + 1, 1);
	size_t i, j, p, kept = 0;

	for (i = 0; i < L->ndrops; i++)
		gone[L->drops[i].first] = 1;
	qsort(L->drops, L->ndrops, sizeof(*L->drops), dup_cmp);
	for (i = 0; i < L->ndrops; i++) {
		const struct dup *dp = &L->drops[i];
		const struct rating *rt = &c->ratings[dp->first];

		if (i > 0 && dp->src == L->drops[i - 1].src &&
		    dp->line == L->drops[i - 1].line)
			continue;
		diag_warning(L->d, &rt->pos, "\"%s\" answered for \"%s\" "
		    "again at line %d; this earlier response is left out "
		    "(repeated: latest)", rt->rater_id,
		    c->people[rt->subject].id,
		    c->ratings[dp->later].pos.line);
	}
	for (p = 0, i = 0; p < c->npeople; p++) {
		size_t hi = c->rating_first[p + 1];

		c->rating_first[p] = kept;
		for (j = i; j < hi; j++)
			if (!gone[j])
				c->ratings[kept++] = c->ratings[j];
		i = hi;
	}
	c->rating_first[c->npeople] = kept;
	c->nratings = kept;
	free(gone);
}

/* rl_find_duplicates: the same subject, rater and competency rated
 * twice (in any files):
 * found per subject with a small table (rater ids are interned, so their
 * pointers tell raters apart), reported in input order, each naming the
 * first place. O(n), and cache-friendly unlike one table for all. */
void
rl_find_duplicates(struct rload *L)
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
			dups[ndup].first = t[k].at;
			if (keep_latest(L, &dups[ndup], &t[k].at))
				continue;
			ndup++;
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
	if (L->ndrops > 0)
		drop_repeated(L);       /* after reporting: it moves ratings */
	free(dups);
	free(t);
}
