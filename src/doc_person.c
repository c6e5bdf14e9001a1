/* doc_person.c: a person's figures as the documents print them: the
 * header fields, one competency's cells (the anonymity rule applied:
 * peer and direct-report figures only where shown), and the comments a
 * person's documents may show, in an order that never follows the
 * input's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc_int.h"

/* rating_field: 1 for the person fields that carry ratings. */
static int
rating_field(const char *f)
{
	static const char *const v[] = { "overall", "score", "percent",
		"rating", "coverage", "trend" };
	size_t i;

	for (i = 0; i < NELEM(v); i++)
		if (strcmp(f, v[i]) == 0)
			return 1;
	return 0;
}

static const char *
rating_value(struct doc *D, int p, const char *f)
{
	const struct person_score *ps = &D->agg->people[p];
	const char *label = ps->label >= 0 ? D->agg->labels[ps->label] : NULL;

	if (ps->rated == 0)
		return doc_word(D, TW_UNRATED);
	/* a label given on less than three quarters of the rubric says so
	 * where it is printed */
	if (label != NULL && ps->coverage < 0.75 - 1e-9)
		label = doc_printf(D, "%s (%s %s)", label, doc_word(D,
		    TW_COVERAGE), doc_pct(D, round2(ps->coverage * 100)));
	if (strcmp(f, "overall") == 0)
		return label != NULL ? doc_printf(D, "%s %s", doc_num(D,
		    ps->overall), label) : doc_num(D, ps->overall);
	if (strcmp(f, "score") == 0)
		return doc_num(D, ps->overall);
	if (strcmp(f, "percent") == 0)
		return doc_pct(D, ps->percent);
	if (strcmp(f, "rating") == 0)
		return label != NULL ? label : doc_dash;
	if (strcmp(f, "coverage") == 0)
		return doc_pct(D, round2(ps->coverage * 100));
	/* trend */
	return ps->in_previous ? doc_delta(D, ps->trend_overall) : doc_dash;
}

const char *
doc_person_field(struct doc *D, int p, const char *f, int ratings)
{
	const struct person *pp;

	if (p < 0 || D->c == NULL)
		return NULL;
	pp = &D->c->people[p];
	if (rating_field(f))
		return ratings ? rating_value(D, p, f) : NULL;
	if (strcmp(f, "name") == 0)
		return pp->name;
	if (strcmp(f, "id") == 0)
		return pp->id;
	if (strcmp(f, "job_title") == 0)
		return pp->title;
	if (strcmp(f, "level") == 0)
		return pp->level;
	if (strcmp(f, "department") == 0)
		return pp->department;
	if (strcmp(f, "manager") == 0)
		return pp->manager >= 0 ? D->c->people[pp->manager].name : NULL;
	if (strcmp(f, "supervisory") == 0)
		return pp->supervisory < 0 ? NULL : doc_word(D,
		    pp->supervisory ? TW_YES : TW_NO);
	if (strcmp(f, "employment") == 0)
		return pp->employment;
	if (strcmp(f, "email") == 0)
		return pp->email;
	if (strcmp(f, "review_date") == 0)
		return doc_date(D, D->c->review_date);
	if (strcmp(f, "period") == 0)
		return doc_period(D);
	if (strcmp(f, "cycle") == 0)
		return D->c->title;
	return NULL;
}

/* shown_raters: raters of the roles shown on cs (never a left-out role's). */
static int
shown_raters(const struct comp_score *cs)
{
	int r, n = 0;

	for (r = 0; r < NROLES; r++)
		if (cs->shown[r])
			n += cs->raters_by_role[r];
	return n;
}

void
doc_comp_cell(struct doc *D, int p, int k, const char *f,
    struct lay_cell *cell)
{
	const struct comp_score *cs = &D->agg->people[p].comps[k];
	const struct competency *comp = &D->r->comps[k];
	int rated = !isnan(cs->s), role = role_parse(f);

	cell->text = doc_dash;
	if (role >= 0) {
		if (cs->shown[role])
			cell->text = doc_num(D, cs->by_role[role]);
	} else if (strcmp(f, "competency") == 0)
		cell->text = comp->title;
	else if (strcmp(f, "category") == 0)
		cell->text = D->r->cats[comp->category].title;
	else if (strcmp(f, "weight") == 0)
		cell->text = doc_g(D, comp->weight);
	else if (strcmp(f, "score") == 0) {
		cell->text = doc_num(D, cs->s);
		cell->bold = rated;
	} else if (strcmp(f, "level") == 0 && rated)
		cell->text = doc_level_label(D, cs->level);
	else if (strcmp(f, "expected") == 0 && !isnan(cs->expected))
		cell->text = doc_g(D, cs->expected);
	else if (strcmp(f, "status") == 0) {
		cell->kind = LC_CHIP;
		cell->status = doc_status(cs->status);
		cell->text = doc_status_word(D, cs->status);
	} else if (strcmp(f, "descriptor") == 0 && rated)
		cell->text = doc_join(D, rubric_descriptors(D->r, comp,
		    cs->level));
	else if (strcmp(f, "trend") == 0)
		cell->text = doc_delta(D, cs->trend);
	else if (strcmp(f, "raters") == 0 && shown_raters(cs) > 0)
		cell->text = doc_printf(D, "%d", shown_raters(cs));
}

/* --- comments --- */

int
doc_comment_shown(const struct cycle *c, const struct aggregates *agg,
    const struct rating *rt)
{
	const struct person_score *ps = &agg->people[rt->subject];

	if (rt->role == ROLE_MANAGER || rt->role == ROLE_SELF)
		return 1;
	if (rt->comp >= 0)
		return ps->comps[rt->comp].shown[rt->role];
	return ps->raters_any[rt->role] >= c->min_raters;
}

/* comment_key: FNV-1a (64 bit) of the person's id, a NUL and the text:
 * the same on every run, unrelated to the order of the input. */
static uint64_t
comment_key(const char *id, const char *text)
{
	uint64_t h = 0xcbf29ce484222325u;
	const unsigned char *s;

	for (s = (const unsigned char *)id; *s != '\0'; s++)
		h = (h ^ *s) * 0x100000001b3u;
	h = (h ^ 0) * 0x100000001b3u;
	for (s = (const unsigned char *)text; *s != '\0'; s++)
		h = (h ^ *s) * 0x100000001b3u;
	return h;
}

/* The printing order of comments: general ones (comp -1) first. */
static int
cmp_comment(const void *a, const void *b)
{
	const struct doc_comment *x = a, *y = b;

	if (x->comp != y->comp)
		return x->comp < y->comp ? -1 : 1;
	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return strcmp(x->text, y->text);
}

struct doc_comment *
doc_comments(const struct cycle *c, const struct aggregates *agg, int p,
    size_t *n)
{
	size_t i, first = c->rating_first[p], end = c->rating_first[p + 1];
	struct doc_comment *v = xcalloc(end - first + 1, sizeof *v);

	*n = 0;
	for (i = first; i < end; i++) {
		const struct rating *rt = &c->ratings[i];
		struct doc_comment *cm;

		if (rt->comment == NULL || rt->comment[0] == '\0' ||
		    !doc_comment_shown(c, agg, rt))
			continue;
		cm = &v[(*n)++];
		cm->role = rt->role;
		cm->comp = rt->comp;
		cm->text = rt->comment;
		cm->key = comment_key(c->people[p].id, rt->comment);
		cm->rating = rt;
	}
	qsort(v, *n, sizeof *v, cmp_comment);
	return v;
}
