/* cmd_validate.c: `revpack validate FILE`: tells a cycle, a rubric and a
 * template apart by their keys, loads the file with every check, lists all
 * problems and renders nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"
#include "init.h"
#include "load.h"
#include "score.h"
#include "tmpl.h"

static int
validate_rubric(const struct ydoc *doc, struct diag *d)
{
	struct rubric *r = rubric_from_yaml(doc, d);

	if (r == NULL)
		return EXIT_INPUT;
	printf("%s: rubric \"%s\": %zu %s in %zu %s, %zu levels\n",
	    doc->file, r->id, r->ncomps, r->ncomps == 1 ? "competency" :
	    "competencies", r->ncats, r->ncats == 1 ? "category" : "categories",
	    r->scale.n);
	rubric_free(r);
	return EXIT_OK;
}

/* The summary lists at most this many ids on a line, then counts. */
#define NSHOW 8

/* A line of the summary, built, escaped and printed. */
struct line {
	struct buf b;
	size_t n;               /* items listed with item() */
};

/* item: one id or path on a line, escaped (no input byte reaches the
 * terminal raw), after `sep` when it is not the line's first; beyond
 * NSHOW ids only counted. */
static void
item(struct line *l, const char *sep, const char *s, int capped)
{
	if (s == NULL)
		s = "?";
	if (capped && l->n >= NSHOW) {
		l->n++;
		return;
	}
	if (l->n++ > 0)
		buf_puts(&l->b, sep);
	diag_escape(&l->b, s, strlen(s));
}

/* put_line: prints l (with ", and N more" past NSHOW when capped) and
 * resets it. */
static void
put_line(struct line *l, int capped)
{
	if (capped && l->n > NSHOW)
		buf_printf(&l->b, ", and %zu more", l->n - NSHOW);
	printf("%s\n", l->b.len > 0 ? l->b.p : "");
	buf_reset(&l->b);
	l->n = 0;
}

/* anonymity_role: the people whose role r (peer, direct_report) the
 * anonymity rule left out, on every competency it scored (every = 1) or
 * on some only (every = 0), as a line; nothing when there are none. */
static void
anonymity_role(const struct cycle *c, const struct aggregates *a,
    enum role r, int every, struct line *l)
{
	size_t p, k, n = 0;
	int most = 0;

	for (p = 0; p < c->npeople; p++) {
		const struct person_score *ps = &a->people[p];
		size_t scored = 0, left = 0;

		for (k = 0; k < c->rubric->ncomps; k++) {
			int m = ps->comps[k].raters_by_role[r];

			scored += m > 0;
			if (m > 0 && !ps->comps[k].shown[r]) {
				left++;
				most = m > most ? m : most;
			}
		}
		if (left == 0 || (left == scored) != every)
			continue;
		item(l, ", ", c->people[p].id, 1);
		n++;
	}
	if (n == 0)
		return;
	printf("  anonymity rule: %s ratings of %zu %s left out%s: fewer than "
	    "anonymity.min_raters %d raters %s (at most %d): ", role_name(r),
	    n, n == 1 ? "person" : "people", every ? "" :
	    " on some competencies", c->min_raters, every ?
	    "on every competency" : "there", most);
	put_line(l, 1);
}

/* anonymity: what the anonymity rule left out, role by role, or that it
 * left nothing out. */
static void
anonymity(const struct cycle *c, const struct aggregates *a, struct line *l)
{
	static const enum role roles[] = { ROLE_PEER, ROLE_DIRECT_REPORT };
	size_t i, p, k;
	int any = 0;

	for (p = 0; p < c->npeople && !any; p++)
		for (k = 0; k < c->rubric->ncomps; k++)
			for (i = 0; i < NELEM(roles); i++)
				any |= a->people[p].comps[k].raters_by_role[
				    roles[i]] > 0 && !a->people[p].comps[k].shown[
				    roles[i]];
	if (!any) {
		printf("  anonymity rule: no peer or direct_report ratings "
		    "left out (anonymity.min_raters %d)\n", c->min_raters);
		return;
	}
	for (i = 0; i < NELEM(roles); i++) {
		anonymity_role(c, a, roles[i], 1, l);
		anonymity_role(c, a, roles[i], 0, l);
	}
}

/* files: every file the cycle was read from, by what it is: the cycle,
 * its rubric, roster, ratings files and templates, the previous cycle's
 * (counted; its warnings name them). deck is the deck template loaded
 * (the cycle's or the shipped one), or NULL. */
static void
files(const struct cycle *c, const struct tmpl *deck, struct line *l)
{
	const struct cycle *pc = c->previous;
	size_t i, n = 4 + c->nsources + (deck != NULL);

	if (pc != NULL)
		n += 3 + pc->nsources;
	printf("  files read: %zu: ", n);
	item(l, "", c->path, 0);
	buf_puts(&l->b, "; rubric ");
	item(l, "", c->rubric_path, 0);
	buf_puts(&l->b, "; roster ");
	item(l, "", c->roster_path, 0);
	buf_printf(&l->b, "; ratings ");
	for (i = 0; i < c->nsources; i++)
		item(l, i > 0 ? ", " : "", c->sources[i].path, 0);
	buf_puts(&l->b, "; template ");
	item(l, "", c->template_path, 0);
	if (deck != NULL) {
		buf_puts(&l->b, "; deck template ");
		item(l, "", deck->path, 0);
	}
	if (pc != NULL) {
		buf_puts(&l->b, "; previous cycle ");
		item(l, "", pc->path, 0);
		buf_printf(&l->b, " with its rubric, roster and %zu ratings "
		    "file%s", pc->nsources, pc->nsources == 1 ? "" : "s");
	}
	put_line(l, 0);
}

/* summary: what a valid cycle holds, in numbers a user can check against
 * the exports and act on. The first line: people with a rated competency
 * and with none, ratings counted only where a cell holds a score (empty
 * and N/A cells are not ratings), the ratings files. Then, indented: who
 * has nothing rated (scoring's warnings say why), whom the anonymity rule
 * left out (the role, the rule, the most raters that missed it), and
 * every file read. */
static void
summary(const struct ydoc *doc, const struct cycle *c,
    const struct aggregates *a, const struct tmpl *deck)
{
	size_t p, i, rated = 0, scored = 0;
	struct line l;

	for (p = 0; p < c->npeople; p++)
		rated += a->people[p].rated > 0;
	for (i = 0; i < c->nratings; i++)
		scored += !isnan(c->ratings[i].score);
	printf("%s: cycle \"%s\": %zu people, %zu rated and %zu with nothing "
	    "rated; %zu ratings (cells with a score; %zu read in all); rubric "
	    "\"%s\"; %zu ratings file%s%s\n", doc->file, c->id, c->npeople,
	    rated, c->npeople - rated, scored, c->nratings, c->rubric->id,
	    c->nsources, c->nsources == 1 ? "" : "s", c->previous != NULL ?
	    "; with a previous cycle" : "");
	memset(&l, 0, sizeof l);
	buf_init(&l.b);
	if (rated < c->npeople) {
		for (p = 0; p < c->npeople; p++)
			if (a->people[p].rated == 0)
				item(&l, ", ", c->people[p].id, 1);
		printf("  nothing rated (no scorecard, coaching summary or "
		    "packet; the warnings say why): ");
		put_line(&l, 1);
	}
	anonymity(c, a, &l);
	files(c, deck, &l);
	buf_free(&l.b);
}

/* The cycle is read from the tree cmd_validate parsed: parsing it again
 * would report its YAML problems twice. Then what `revpack build` does
 * before it writes, in its order, so that validate prints every warning
 * build prints: the templates (the deck's as build finds it), scoring
 * (people with nothing rated), and the fonts' coverage of every text the
 * documents can print, with the same fonts (doc_check_fonts: build's
 * set-up without the subsets). */
static int
validate_cycle(const struct ydoc *doc, struct diag *d)
{
	struct cycle *c = cycle_from_yaml(doc, d);
	struct tmpl *t, *deck;
	int st = EXIT_OK;

	if (c == NULL) {
		init_explain(doc->file, doc->root, d);
		return EXIT_INPUT;
	}
	/* both templates, even when the first fails, so that every
	 * problem is listed (build stops at the first) */
	t = tmpl_load(c->template_path, d);
	deck = tmpl_load_deck(c->deck_template_path, d);
	if (t == NULL || (deck == NULL && c->deck_template_path != NULL) ||
	    diag_errors(d) > 0)
		st = EXIT_INPUT;
	if (st == EXIT_OK) {
		struct aggregates *a = score_cycle(c, d);
		struct render_env env;

		memset(&env, 0, sizeof env);
		env.cycle = c;
		env.agg = a;
		env.tmpl = t;
		env.deck_tmpl = deck;
		if (doc_check_fonts(&env, d) != 0)
			st = EXIT_INPUT;
		else
			summary(doc, c, a, deck);
		aggregates_free(a);
	}
	tmpl_free(deck);
	tmpl_free(t);
	cycle_free(c);
	return st;
}

static int
validate_template(const struct ydoc *doc, struct diag *d)
{
	struct tmpl *t = tmpl_from_yaml(doc, d);
	struct fontset *fs;

	if (t == NULL)
		return EXIT_INPUT;
	/* The fonts it names must be found and embeddable. */
	fs = fontset_new(&t->fonts, d);
	if (fs == NULL) {
		tmpl_free(t);
		return EXIT_INPUT;
	}
	fontset_free(fs);
	printf("%s: template is valid\n", doc->file);
	tmpl_free(t);
	return EXIT_OK;
}

int
cmd_validate(const char *file)
{
	struct diag *d = diag_new(stderr);
	struct ydoc *doc = ydoc_load(file, d);
	int st;

	if (doc == NULL)
		st = EXIT_INPUT;
	else if (ydoc_empty(doc, "a cycle, a rubric or a template", d))
		st = EXIT_INPUT;
	else if (cycle_looks_like(doc->root))
		st = validate_cycle(doc, d);
	else if (rubric_looks_like(doc->root))
		st = validate_rubric(doc, d);
	else if (tmpl_looks_like(doc->root))
		st = validate_template(doc, d);
	else if (diag_errors(d) > 0)
		st = EXIT_INPUT;
	else {
		struct pos at = { file, 1, 1 };

		diag_error(d, &at, "cannot tell what this file is: a cycle has "
		    "\"roster\" and \"ratings\", a rubric \"scale\" and "
		    "\"categories\", a template \"documents\" or \"page\"");
		st = EXIT_INPUT;
	}
	ydoc_free(doc);
	if (st == EXIT_OK && diag_errors(d) > 0)
		st = EXIT_INPUT;
	diag_free(d);
	return st;
}
