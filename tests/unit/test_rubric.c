/* test_rubric.c: the rubric loader on in-memory YAML: the model it fills
 * (defaults, lookups, ranges, descriptors) and that it refuses bad input. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "load.h"

/* load: parses text as "mem.yaml" and loads it as a rubric; d collects
 * the messages (no echo). The YAML tree is freed before returning, so
 * every test also checks that the model keeps nothing of it. */
static struct rubric *
load(const char *text, struct diag *d)
{
	struct ydoc *doc = ydoc_parse("mem.yaml", text, strlen(text), d);
	struct rubric *r;

	if (doc == NULL)
		return NULL;
	r = rubric_from_yaml(doc, d);
	ydoc_free(doc);
	return r;
}

static const char six[] =
    "id: csm\n"
    "title: CSM scorecard\n"
    "description: For the CS team.\n"
    "scale:\n"
    "  levels:\n"
    "    - { value: 1, label: Basic understanding }\n"
    "    - { value: 2, label: Applied understanding }\n"
    "    - { value: 3, label: Intermediate proficiency }\n"
    "    - { value: 4, label: Advanced proficiency }\n"
    "    - { value: 5, label: Expertise }\n"
    "    - { value: 6, label: Mastery }\n"
    "expectations: { \"CSM I\": 2, \"CSM II\": 3, Lead: Expertise, "
    "Half: 3.5 }\n"
    "guide:\n"
    "  intro: Read it all.\n"
    "  leaders: [One., Two.]\n"
    "categories:\n"
    "  - id: cs\n"
    "    title: Customer success\n"
    "    description: With customers.\n"
    "    competencies:\n"
    "      - id: complaints\n"
    "        title: Complaint handling\n"
    "        definition: Turning complaints into lessons.\n"
    "        indicators: { green: Closed fast., red: Escalates. }\n"
    "        levels:\n"
    "          1: Listens.\n"
    "          4: [Writes the playbook., Mentors others.]\n"
    "          mastery: [Leads the company.]\n"
    "        objectives: [Shadow a senior CSM.]\n"
    "      - { id: follow-up, title: Following up, weight: 2.5 }\n"
    "  - id: human\n"
    "    title: 360\n"
    "    competencies:\n"
    "      - { id: teamwork, title: Teamwork }\n";

static void
test_defaults(void)
{
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(six, d);

	CHECK(r != NULL);
	CHECK_INT(diag_count(d), 0);
	CHECK_STR(r->id, "csm");
	CHECK_STR(r->description, "For the CS team.");
	CHECK(r->version == NULL);
	CHECK_NUM(r->green, 5);         /* max - 1 */
	CHECK_NUM(r->yellow, 4);        /* max - 2 */
	CHECK_NUM(r->comps[0].weight, 1);
	CHECK_NUM(r->comps[1].weight, 2.5);
	CHECK_INT(r->cats[0].has_weight, 0);
	CHECK_INT(r->nbands, 0);
	CHECK_STR(r->cats[1].title, "360");     /* a plain number is text */
	CHECK_STR(r->cats[0].description, "With customers.");
	CHECK_INT(r->intro.n, 1);
	CHECK_STR(r->leaders.v[1], "Two.");
	CHECK_INT(r->individuals.n, 0);
	rubric_free(r);
	diag_free(d);
}

static void
test_status_given(void)
{
	static const struct {
		const char *status;
		double green, yellow;
	} cases[] = {
		{ "status: { green: 3, yellow: 1 }\n", 3, 1 },
		{ "status: { green: 3 }\n", 3, 2 },     /* yellow = green - 1 */
		{ "status: { yellow: 1 }\n", 2, 1 },    /* green = max - 1 */
		{ "status: { green: Green, yellow: yellow }\n", 3, 2 },
		{ "status: { green: 2.5, yellow: 1.5 }\n", 2.5, 1.5 },
		{ "", 2, 1 },                           /* max - 1, max - 2 */
	};
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		char text[1024];
		struct diag *d = diag_new(NULL);
		struct rubric *r;

		snprintf(text, sizeof text, "id: ryg\ntitle: RYG\nscale:\n"
		    "  levels: [{value: 1, label: Red}, {value: 2, label: Yellow},"
		    " {value: 3, label: Green}]\n%scategories:\n  - id: a\n"
		    "    title: A\n    competencies: [{id: x, title: X}]\n",
		    cases[i].status);
		r = load(text, d);
		CHECK(r != NULL);
		CHECK_NUM(r->green, cases[i].green);
		CHECK_NUM(r->yellow, cases[i].yellow);
		rubric_free(r);
		diag_free(d);
	}
}

static void
test_lookups(void)
{
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(six, d);

	CHECK(r != NULL);
	CHECK_INT(r->ncomps, 3);
	CHECK_INT(rubric_comp(r, "complaints"), 0);
	CHECK_INT(rubric_comp(r, "follow-up"), 1);
	CHECK_INT(rubric_comp(r, "teamwork"), 2);
	CHECK_INT(rubric_comp(r, "Teamwork"), -1);      /* ids are exact */
	CHECK_INT(rubric_comp(r, "nope"), -1);
	/* labels: case-insensitive, to the level's value */
	CHECK_INT(strtab_gets(r->level_labels, "Mastery"), 6);
	CHECK_INT(strtab_gets(r->level_labels, "mastery"), 6);
	CHECK_INT(strtab_gets(r->level_labels, "ADVANCED PROFICIENCY"), 4);
	CHECK_INT(strtab_gets(r->level_labels, "Advanced"), -1);
	CHECK_INT(strtab_count(r->level_labels), 6);
	CHECK_STR(rubric_level_label(r, 1), "Basic understanding");
	CHECK(rubric_level_label(r, 7) == NULL);
	CHECK(rubric_level_label(r, 0) == NULL);
	rubric_free(r);
	diag_free(d);
}

static void
test_expected(void)
{
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(six, d);

	CHECK(r != NULL);
	CHECK_INT(r->nexpectations, 4);
	CHECK_NUM(rubric_expected(r, "CSM I"), 2);
	CHECK_NUM(rubric_expected(r, "CSM II"), 3);
	CHECK_NUM(rubric_expected(r, "Lead"), 5);       /* by label */
	CHECK_NUM(rubric_expected(r, "Half"), 3.5);
	CHECK(isnan(rubric_expected(r, "csm i")));      /* role levels are exact */
	CHECK(isnan(rubric_expected(r, "Senior CSM")));
	CHECK(isnan(rubric_expected(r, NULL)));
	CHECK_STR(r->expectations[0].level, "CSM I");
	CHECK_INT(r->expectations[0].pos.line, 12);
	rubric_free(r);
	diag_free(d);
}

static void
test_descriptors(void)
{
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(six, d);
	const struct competency *c;
	const struct strv *v;

	CHECK(r != NULL);
	c = &r->comps[0];
	v = rubric_descriptors(r, c, 1);
	CHECK_INT(v->n, 1);
	CHECK_STR(v->v[0], "Listens.");
	v = rubric_descriptors(r, c, 4);
	CHECK_INT(v->n, 2);
	CHECK_STR(v->v[1], "Mentors others.");
	v = rubric_descriptors(r, c, 6);                /* keyed by label */
	CHECK_INT(v->n, 1);
	CHECK_STR(v->v[0], "Leads the company.");
	CHECK_INT(rubric_descriptors(r, c, 2)->n, 0);
	CHECK_INT(rubric_descriptors(r, c, 7)->n, 0);
	CHECK_INT(rubric_descriptors(r, &r->comps[1], 3)->n, 0);
	CHECK_STR(c->definition, "Turning complaints into lessons.");
	CHECK_STR(c->ind_green, "Closed fast.");
	CHECK(c->ind_yellow == NULL);
	CHECK_STR(c->ind_red, "Escalates.");
	CHECK_INT(c->objectives.n, 1);
	CHECK_INT(c->coaching.n, 0);
	CHECK_INT(c->strong.n, 0);
	rubric_free(r);
	diag_free(d);
}

static void
test_categories(void)
{
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(six, d);

	CHECK(r != NULL);
	CHECK_INT(r->ncats, 2);
	CHECK_INT(r->cats[0].first, 0);
	CHECK_INT(r->cats[0].n, 2);
	CHECK_INT(r->cats[1].first, 2);
	CHECK_INT(r->cats[1].n, 1);
	CHECK_INT(r->comps[0].category, 0);
	CHECK_INT(r->comps[1].category, 0);
	CHECK_INT(r->comps[2].category, 1);
	/* positions name the file the rubric keeps, not the freed tree */
	CHECK(r->comps[2].pos.file == r->path);
	CHECK_STR(r->comps[2].pos.file, "mem.yaml");
	CHECK_INT(r->comps[2].pos.line, 34);
	CHECK_INT(r->comps[2].pos.col, 9);
	CHECK_INT(r->cats[1].pos.line, 31);
	rubric_free(r);
	diag_free(d);
}

static void
test_scale_sorted(void)
{
	static const char text[] =
	    "id: w\ntitle: W\nscale:\n  levels:\n"
	    "    - { value: 2, label: High }\n"
	    "    - { value: 0, label: Low }\n"
	    "    - { value: 1, label: Mid }\n"
	    "bands: [{min: 1.5, label: Good}, {min: 0, label: Weak}]\n"
	    "categories:\n  - id: a\n    title: A\n    weight: 2\n"
	    "    competencies: [{id: x, title: X, levels: {0: Zero, 2: Two}}]\n";
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(text, d);

	CHECK(r != NULL);
	CHECK_INT(r->scale.n, 3);
	CHECK_INT(r->scale.min, 0);
	CHECK_INT(r->scale.max, 2);
	CHECK_INT(r->scale.levels[0].value, 0);
	CHECK_STR(r->scale.levels[0].label, "Low");
	CHECK_INT(r->scale.levels[0].pos.line, 6);
	CHECK_STR(r->scale.levels[2].label, "High");
	CHECK_INT(strtab_gets(r->level_labels, "low"), 0);
	CHECK_STR(rubric_descriptors(r, &r->comps[0], 0)->v[0], "Zero");
	CHECK_STR(rubric_descriptors(r, &r->comps[0], 2)->v[0], "Two");
	CHECK_INT(r->nbands, 2);
	CHECK_NUM(r->bands[0].min, 1.5);
	CHECK_STR(r->bands[1].label, "Weak");
	CHECK_INT(r->cats[0].has_weight, 1);
	CHECK_NUM(r->cats[0].weight, 2);
	CHECK_NUM(r->green, 1);
	CHECK_NUM(r->yellow, 0);
	rubric_free(r);
	diag_free(d);
}

/* Every problem is reported, in line order, and the rubric refused. */
static void
test_refused(void)
{
	static const char text[] =
	    "id: x\ntitle: X\ncategories:\n"
	    "  - { id: a, title: A, competencies: [{id: c, title: C, "
	    "wieght: 2}] }\n"
	    "scale: { levels: [{value: 1, label: L}, {value: 3, label: H}] }\n";
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(text, d);

	CHECK(r == NULL);
	CHECK_INT(diag_errors(d), 2);
	CHECK_STR(diag_text(d, 0, NULL), "mem.yaml:4:57: error: unknown key "
	    "\"wieght\"; did you mean \"weight\"?");
	CHECK_STR(diag_text(d, 1, NULL), "mem.yaml:5:49: error: the scale "
	    "levels are not contiguous: level 2 is missing; expected every "
	    "whole number from 1 to 3");
	diag_free(d);
}

/* Problems the YAML reader found and recovered from refuse the rubric
 * too, even when the loader's own checks pass. */
static void
test_refused_yaml(void)
{
	static const char text[] =
	    "id: x\ntitle: X\ntitle: Y\n"
	    "scale: { levels: [{value: 1, label: L}, {value: 2, label: H}] }\n"
	    "categories: [{ id: a, title: A, competencies: [{id: c, title: C}] }]\n";
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(text, d);

	CHECK(r == NULL);
	CHECK_INT(diag_errors(d), 1);
	CHECK_STR(diag_text(d, 0, NULL), "mem.yaml:3:1: error: duplicate key "
	    "\"title\" (first at line 2); keep one");
	diag_free(d);
}

static void
test_warning_does_not_block(void)
{
	static const char text[] =
	    "id: x\ntitle: X\n"
	    "scale: { levels: [{value: 1, label: L}, {value: 2, label: H}] }\n"
	    "categories:\n"
	    "  - { id: a, title: A, weight: 3, competencies: [{id: c, title: C}] }\n"
	    "  - { id: b, title: B, competencies: [{id: e, title: E}] }\n";
	struct diag *d = diag_new(NULL);
	struct rubric *r = load(text, d);
	enum diag_sev sev;

	CHECK(r != NULL);
	CHECK_INT(diag_errors(d), 0);
	CHECK_INT(diag_warnings(d), 1);
	CHECK(strstr(diag_text(d, 0, &sev), "category \"b\" has no weight") != NULL);
	CHECK_INT(sev, DIAG_WARNING);
	CHECK_INT(r->cats[0].has_weight, 1);
	CHECK_INT(r->cats[1].has_weight, 0);
	rubric_free(r);
	diag_free(d);
}

static void
test_looks_like(void)
{
	struct diag *d = diag_new(NULL);
	static const char *const texts[] = {
		"scale: {}\n", "categories: []\n", "scale: 1\nroster: r.csv\n",
		"page: {}\n", "- scale\n", "scale\n"
	};
	static const int want[] = { 1, 1, 0, 0, 0, 0 };
	size_t i;

	CHECK(!rubric_looks_like(NULL));
	for (i = 0; i < NELEM(texts); i++) {
		struct ydoc *doc = ydoc_parse("t.yaml", texts[i],
		    strlen(texts[i]), d);

		CHECK(doc != NULL);
		CHECK_INT(rubric_looks_like(doc->root), want[i]);
		ydoc_free(doc);
	}
	diag_free(d);
}

/* An empty document and a non-mapping root are refused, not crashed on. */
static void
test_empty(void)
{
	struct diag *d = diag_new(NULL);
	struct rubric *r = load("", d);

	CHECK(r == NULL);
	CHECK_STR(diag_text(d, 0, NULL), "mem.yaml: error: the file is empty; "
	    "expected a rubric with id, title, scale and categories");
	r = load("[1, 2]\n", d);
	CHECK(r == NULL);
	CHECK_INT(diag_errors(d), 2);
	diag_free(d);
}

int
main(void)
{
	RUN(test_defaults);
	RUN(test_status_given);
	RUN(test_lookups);
	RUN(test_expected);
	RUN(test_descriptors);
	RUN(test_categories);
	RUN(test_scale_sorted);
	RUN(test_refused);
	RUN(test_refused_yaml);
	RUN(test_warning_does_not_block);
	RUN(test_looks_like);
	RUN(test_empty);
	return CHECK_EXIT();
}
