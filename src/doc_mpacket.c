/* doc_mpacket.c: the manager packet (managers/<id>/packet.pdf): a cover,
 * a contents page whose entries link to their pages, the team summary,
 * then each direct report's scorecard and coaching summary, with a
 * bookmark per person and page labels per part. It holds the manager and
 * the direct reports only. */
#include <string.h>

#include "doc.h"

static const char *const f_manager[] = { "name", "department", "members",
	"review_date", "period", NULL };

/* The packet being laid out. */
struct mpacket {
	struct doc *D;
	int m;                  /* the manager (person index) */
	const struct person *mp;
	int *rated;             /* direct reports with a scorecard */
	size_t nrated;
	int *unrated;           /* direct reports with nothing rated */
	size_t nunrated;
};

static const char *
anchor(struct doc *D, int p, const char *part)
{
	return doc_printf(D, "p%d-%s", p, part);
}

/* manager_value: a `manager` field of the cover's key-value grid. */
static const char *
manager_value(struct doc *D, void *arg, const char *f)
{
	const struct mpacket *P = arg;
	const struct cycle *c = D->c;

	if (strcmp(f, "name") == 0)
		return P->mp->name;
	if (strcmp(f, "id") == 0)
		return P->mp->id;
	if (strcmp(f, "job_title") == 0)
		return P->mp->title != NULL ? P->mp->title : doc_dash;
	if (strcmp(f, "department") == 0)
		return P->mp->department != NULL ? P->mp->department :
		    doc_dash;
	if (strcmp(f, "members") == 0)
		return doc_printf(D, "%zu", P->mp->nreports);
	if (strcmp(f, "cycle") == 0)
		return c->title;
	if (strcmp(f, "review_date") == 0)
		return doc_date(D, c->review_date);
	return doc_period(D);
}

/* includes: 1 when the packet's include blocks name `part`. */
static int
includes(const struct tmpl_docdef *dd, const char *part)
{
	size_t i, k;

	for (i = 0; i < dd->nblocks; i++)
		for (k = 0; dd->blocks[i].type == TB_INCLUDE &&
		    k < dd->blocks[i].nitems; k++)
			if (strcmp(dd->blocks[i].items[k], part) == 0)
				return 1;
	return 0;
}

/* contents: one entry for the team summary, then per rated report the
 * name (its scorecard) and, indented, its coaching summary; the reports
 * with nothing rated are listed below without a page. */
static void
contents(struct mpacket *P, const struct tmpl_block *b)
{
	struct doc *D = P->D;
	const struct tmpl_docdef *dd = tmpl_doc(D->t, TD_MANAGER_PACKET);
	struct lay_entry *e = arena_alloc(D->a, (2 * P->nrated + 2) *
	    sizeof *e);
	const char **names;
	size_t n = 0, i;

	lay_block_title(D->L, b);
	if (includes(dd, "team")) {
		e[n].title = doc_word(D, TW_TEAM);
		e[n++].anchor = "team";
	}
	for (i = 0; i < P->nrated && includes(dd, "reports"); i++) {
		int p = P->rated[i];

		e[n].title = D->c->people[p].name;
		e[n++].anchor = anchor(D, p, "s");
		e[n].title = doc_word(D, TW_COACHING);
		e[n].level = 1;
		e[n++].anchor = anchor(D, p, "c");
	}
	lay_contents(D->L, e, n);
	if (P->nunrated == 0 || !includes(dd, "reports"))
		return;
	names = arena_alloc(D->a, P->nunrated * sizeof *names);
	for (i = 0; i < P->nunrated; i++)
		names[i] = D->c->people[P->unrated[i]].name;
	lay_heading(D->L, 2, doc_word(D, TW_UNRATED), 0);
	lay_bullets(D->L, TS_BODY, names, P->nunrated);
}

/* reports: each rated direct report's scorecard and coaching summary,
 * the person's name as their bookmark (the coaching summary nested below
 * it), pages labelled "ID S-1", "ID C-1". */
static void
reports(struct mpacket *P)
{
	struct doc *D = P->D;
	size_t i;

	for (i = 0; i < P->nrated; i++) {
		int p = P->rated[i];
		const struct person *pp = &D->c->people[p];
		struct doc_partopt so, co;

		memset(&so, 0, sizeof so);
		so.bookmark = pp->name;
		so.label = doc_printf(D, "%s S-", pp->id);
		so.anchor = anchor(D, p, "s");
		doc_scorecard_part(D, p, &so);
		memset(&co, 0, sizeof co);
		co.bookmark = doc_word(D, TW_COACHING);
		co.outline_level = 1;
		co.label = doc_printf(D, "%s C-", pp->id);
		co.anchor = anchor(D, p, "c");
		doc_coaching_part(D, p, &co);
	}
}

static void
include(struct mpacket *P, const struct tmpl_block *b)
{
	struct doc *D = P->D;
	size_t k;

	for (k = 0; k < b->nitems; k++) {
		if (strcmp(b->items[k], "team") == 0) {
			struct doc_partopt o;

			memset(&o, 0, sizeof o);
			o.bookmark = doc_word(D, TW_TEAM);
			o.label = "T-";
			o.anchor = "team";
			doc_team_part(D, P->m, &o);
		} else
			reports(P);
	}
}

/* split_reports: direct reports with something rated get their
 * documents; the others are named on the contents page only. */
static void
split_reports(struct mpacket *P)
{
	struct doc *D = P->D;
	size_t i, n = P->mp->nreports;

	P->rated = arena_alloc(D->a, (n + 1) * sizeof *P->rated);
	P->unrated = arena_alloc(D->a, (n + 1) * sizeof *P->unrated);
	for (i = 0; i < n; i++) {
		int p = P->mp->reports[i];

		if (D->agg->people[p].rated > 0)
			P->rated[P->nrated++] = p;
		else
			P->unrated[P->nunrated++] = p;
	}
}

int
doc_mpacket_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	const struct cycle *c = ctx->env->cycle;
	const struct tmpl_docdef *dd;
	struct mpacket P;
	struct doc D;
	struct doc_partopt o;
	size_t i;

	doc_begin_titled(&D, ctx, 0, TW_MANAGER_PACKET,
	    c->people[job->who].name);
	memset(&P, 0, sizeof P);
	P.D = &D;
	P.m = job->who;
	P.mp = &c->people[job->who];
	split_reports(&P);
	memset(&o, 0, sizeof o);
	o.bookmark = doc_word(&D, TW_MANAGER_PACKET);
	o.label = "M-";
	doc_part(&D, TD_MANAGER_PACKET, &o);
	doc_manager_vars(&D, P.m);
	dd = tmpl_doc(D.t, TD_MANAGER_PACKET);
	for (i = 0; i < dd->nblocks; i++) {
		const struct tmpl_block *b = &dd->blocks[i];

		if (b->type == TB_CONTENTS)
			contents(&P, b);
		else if (b->type == TB_INCLUDE)
			include(&P, b);
		else if (b->type == TB_KV_GRID)
			doc_kv(&D, b, f_manager, manager_value, &P);
		else if (!lay_static_block(D.L, b))
			doc_unsupported(&D, b);
	}
	return doc_finish(&D, out);
}
