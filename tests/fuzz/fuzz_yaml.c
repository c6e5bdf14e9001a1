/* fuzz_yaml.c: libFuzzer target for the YAML front end and the loaders on
 * it (the rubric for now): bytes -> ydoc_parse -> rubric_from_yaml, then
 * the invariants model.h promises of every rubric a loader accepts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* check_rubric: aborts (a finding) when an accepted rubric breaks what
 * model.h promises its readers. */
static void
check_rubric(const struct rubric *r)
{
	size_t i, j;
	int v;

	if (r->scale.n < 2 || r->scale.max - r->scale.min + 1 != (int)r->scale.n)
		abort();
	for (i = 0; i < r->scale.n; i++) {
		const struct level *l = &r->scale.levels[i];

		if (l->value != r->scale.min + (int)i || l->label == NULL)
			abort();
		if (strtab_gets(r->level_labels, l->label) != l->value)
			abort();
	}
	if (r->yellow > r->green || r->ncats == 0 || r->ncomps == 0)
		abort();
	for (i = 0; i < r->nexpectations; i++)
		if (r->expectations[i].value < r->scale.min ||
		    r->expectations[i].value > r->scale.max ||
		    !(rubric_expected(r, r->expectations[i].level) ==
		    r->expectations[i].value))
			abort();
	for (i = 0; i < r->nbands; i++)
		if ((i > 0 && r->bands[i].min >= r->bands[i - 1].min) ||
		    r->bands[i].label == NULL)
			abort();
	if (r->nbands > 0 && r->bands[r->nbands - 1].min != r->scale.min)
		abort();
	for (i = 0, j = 0; i < r->ncats; i++) {
		if (r->cats[i].first != j || r->cats[i].n == 0 ||
		    r->cats[i].id == NULL || r->cats[i].title == NULL)
			abort();
		j += r->cats[i].n;
	}
	if (j != r->ncomps)
		abort();
	for (i = 0; i < r->ncomps; i++) {
		const struct competency *c = &r->comps[i];

		if (c->id == NULL || c->title == NULL || !(c->weight > 0) ||
		    rubric_comp(r, c->id) != (int)i || c->levels == NULL ||
		    c->category >= r->ncats)
			abort();
		for (v = r->scale.min; v <= r->scale.max; v++) {
			const struct strv *s = rubric_descriptors(r, c, v);

			for (j = 0; j < s->n; j++)
				if (s->v[j] == NULL)
					abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d = diag_new(NULL);
	struct ydoc *doc = ydoc_parse("fuzz.yaml", (const char *)data, size, d);

	if (doc != NULL) {
		struct rubric *r = rubric_from_yaml(doc, d);

		(void)rubric_looks_like(doc->root);
		if (r != NULL)
			check_rubric(r);
		else if (diag_errors(d) == 0)
			abort();        /* refused without saying why */
		rubric_free(r);
	}
	ydoc_free(doc);
	diag_free(d);
	return 0;
}
