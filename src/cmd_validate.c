/* cmd_validate.c: `revpack validate FILE`: tells a cycle, a rubric and a
 * template apart by their keys, loads the file with every check, lists all
 * problems and renders nothing. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "init.h"
#include "load.h"
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

/* The cycle is read from the tree cmd_validate parsed: parsing it again
 * would report its YAML problems twice. */
static int
validate_cycle(const struct ydoc *doc, struct diag *d)
{
	struct cycle *c = cycle_from_yaml(doc, d);
	struct tmpl *t;
	int st = EXIT_OK;

	if (c == NULL) {
		init_explain(doc->file, doc->root, d);
		return EXIT_INPUT;
	}
	/* A cycle names its templates too: check them with it. */
	t = tmpl_load(c->template_path, d);
	if (t == NULL)
		st = EXIT_INPUT;
	tmpl_free(t);
	if (c->deck_template_path != NULL) {
		t = tmpl_load(c->deck_template_path, d);
		if (t == NULL)
			st = EXIT_INPUT;
		tmpl_free(t);
	}
	if (st == EXIT_OK)
		printf("%s: cycle \"%s\": %zu people, %zu ratings, rubric "
		    "\"%s\"%s\n", doc->file, c->id, c->npeople, c->nratings,
		    c->rubric->id, c->previous != NULL ?
		    ", with a previous cycle" : "");
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
