/* check_cycle.h: what a loaded cycle promises, checked by the fuzz
 * targets that load one (fuzz_cycle.c, fuzz_csv.c): ratings grouped by
 * subject, indexes in range, scores on the scale or NAN, a general
 * comment (comp -1) without a score; the previous cycle too. The
 * includer defines ASSERT. */
#ifndef REVPACK_FUZZ_CHECK_CYCLE_H
#define REVPACK_FUZZ_CHECK_CYCLE_H

#include <math.h>

#include "load.h"

static void
check_cycle(const struct cycle *c)
{
	const struct rubric *rb = c->rubric;
	size_t i, p;

	ASSERT(rb != NULL && c->person_ids != NULL);
	ASSERT(c->rating_first[0] == 0 && c->rating_first[c->npeople] ==
	    c->nratings);
	for (p = 0; p < c->npeople; p++) {
		ASSERT(c->rating_first[p] <= c->rating_first[p + 1]);
		ASSERT(cycle_person(c, c->people[p].id) == (int)p);
		ASSERT(c->people[p].manager < (int)c->npeople);
		for (i = c->rating_first[p]; i < c->rating_first[p + 1]; i++)
			ASSERT(c->ratings[i].subject == (int)p);
	}
	for (i = 0; i < c->nratings; i++) {
		const struct rating *r = &c->ratings[i];

		ASSERT(r->comp >= -1 && r->comp < (int)rb->ncomps);
		ASSERT(isnan(r->score) || (r->score >= rb->scale.min &&
		    r->score <= rb->scale.max));
		ASSERT(r->comp >= 0 || isnan(r->score));
		ASSERT(r->rater_id != NULL && r->rater < (int)c->npeople);
		ASSERT((unsigned)r->role < NROLES);
	}
	if (c->previous != NULL)
		check_cycle(c->previous);
}

#endif
