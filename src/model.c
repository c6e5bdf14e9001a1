/* model.c: lookups over the model and its destructors (see model.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *const roles[NROLES] = {
	"manager", "self", "peer", "direct_report"
};

const char *const roster_col_names[NROSTER_COLS] = {
	"id", "name", "manager_id", "email", "title", "level", "department",
	"supervisory", "employment"
};

const char *
role_name(enum role r)
{
	return (unsigned)r < NROLES ? roles[r] : "?";
}

int
role_parse(const char *s)
{
	int i;

	for (i = 0; i < NROLES; i++)
		if (strcmp(s, roles[i]) == 0)
			return i;
	return -1;
}

int
cycle_person(const struct cycle *c, const char *id)
{
	return c->person_ids != NULL ? strtab_gets(c->person_ids, id) : -1;
}

int
rubric_comp(const struct rubric *r, const char *id)
{
	return r->comp_ids != NULL ? strtab_gets(r->comp_ids, id) : -1;
}

double
rubric_expected(const struct rubric *r, const char *level)
{
	int i;

	if (level == NULL || r->expect_levels == NULL)
		return NAN;
	i = strtab_gets(r->expect_levels, level);
	return i >= 0 ? r->expectations[i].value : NAN;
}

const char *
rubric_level_label(const struct rubric *r, int v)
{
	if (v < r->scale.min || v > r->scale.max)
		return NULL;
	return r->scale.levels[v - r->scale.min].label;
}

const struct strv *
rubric_descriptors(const struct rubric *r, const struct competency *c, int v)
{
	static const struct strv none = { NULL, 0 };

	if (c->levels == NULL || v < r->scale.min || v > r->scale.max)
		return &none;
	return &c->levels[v - r->scale.min];
}

void
rubric_free(struct rubric *r)
{
	if (r == NULL)
		return;
	strtab_free(r->comp_ids);
	strtab_free(r->level_labels);
	strtab_free(r->expect_levels);
	arena_free(r->arena);   /* r itself lives in its arena */
}

void
cycle_free(struct cycle *c)
{
	if (c == NULL)
		return;
	cycle_free(c->previous);
	rubric_free(c->rubric);
	strtab_free(c->person_ids);
	free(c->rating_first);
	free(c->ratings);
	arena_free(c->arena);   /* c itself lives in its arena */
}
