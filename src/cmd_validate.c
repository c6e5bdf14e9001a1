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

/* summary: what a valid cycle holds, in numbers a user can check against
 * the exports: people with a rated competency and with none (scoring's
 * warnings name them), ratings counted only where a cell holds a score
 * (empty and N/A cells are not ratings), the files read. */
static void
summary(const struct ydoc *doc, const struct cycle *c,
    const struct aggregates *a)
{
	size_t p, i, rated = 0, scored = 0;

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
			summary(doc, c, a);
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
