/* test_ingest.c: cycle.yaml, roster and ratings files to the model: what
 * the loaders fill in (people, teams, departments, ratings grouped by
 * subject, wide exports, defaults, the previous cycle) and that broken
 * inputs give NULL with every problem listed. Each test writes a small
 * cycle into a temporary folder. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "load.h"

static char top[4096];          /* the source tree */
static char tmp[4096];          /* this run's folder */

static void
put(const char *name, const char *text)
{
	struct buf path;
	char *slash;
	FILE *f;

	buf_init(&path);
	buf_printf(&path, "%s/%s", tmp, name);
	slash = strrchr(path.p, '/');
	*slash = '\0';
	mkdir(path.p, 0700);
	*slash = '/';
	f = fopen(path.p, "w");
	if (f == NULL) {
		perror(path.p);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	buf_free(&path);
}

/* A cycle.yaml over the fixture rubric and the shipped template, with
 * `extra` appended (more keys). */
static void
put_cycle(const char *name, const char *ratings, const char *extra)
{
	struct buf text;

	buf_init(&text);
	buf_printf(&text, "cycle: t\ntitle: T\nrubric: %s/tests/fixtures/"
	    "ingest/rubric.yaml\ntemplate: %s/templates/default.yaml\n"
	    "roster: roster.csv\nratings:\n%s%s", top, top, ratings, extra);
	put(name, text.p);
	buf_free(&text);
}

static const char roster[] =
    "id,name,email,title,level,department,manager_id,supervisory,employment,"
    "location,\n"
    "m1,Margaret O'Brien,m1@x.com,Head,Senior,Leadership,,yes,salary,Dublin,\n"
    "a1,Zoë Ångström,,CSM,Junior,Customer Success,m1,NO,,Stockholm,\n"
    "a2,José Müller,,CSM,,customer success!,m1,,hourly,,\n"
    "b1,Ngọc Nguyễn,,CSM,Senior,,a2,TRUE,,,\n"
    "b2,Søren Hansen,,CSM,Senior,Customer  Success,m1,0,,,\n";

/* Loads tmp/cycle.yaml from within tmp; messages into msgs. */
static struct cycle *
load(struct buf *msgs)
{
	struct diag *d = diag_new(NULL);
	struct cycle *c;
	size_t i;

	if (chdir(tmp) != 0)
		exit(2);
	c = cycle_load("cycle.yaml", d);
	if (chdir(top) != 0)
		exit(2);
	buf_reset(msgs);
	for (i = 0; i < diag_count(d); i++)
		buf_printf(msgs, "%s\n", diag_text(d, i, NULL));
	if (msgs->p == NULL)
		buf_puts(msgs, "");
	diag_free(d);
	return c;
}

static void
test_roster(void)
{
	struct buf m;
	struct cycle *c;
	const struct person *p;

	buf_init(&m);
	put("roster.csv", roster);
	put("r.csv", "subject_id,rater_id,rater_role,competency_id,score\n");
	put_cycle("cycle.yaml", "  - file: r.csv\n", "");
	c = load(&m);
	CHECK_STR(m.p, "");
	CHECK(c != NULL);
	CHECK_INT(c->npeople, 5);
	p = &c->people[1];
	CHECK_STR(p->id, "a1");
	CHECK_STR(p->name, "Zoë Ångström");
	CHECK(p->email == NULL);
	CHECK_STR(p->level, "Junior");
	CHECK_INT(p->supervisory, 0);
	CHECK_INT(p->manager, 0);
	CHECK_INT(p->pos.line, 3);
	CHECK_STR(p->pos.file, "roster.csv");
	CHECK_INT(c->people[0].supervisory, 1);
	CHECK_INT(c->people[2].supervisory, -1);
	CHECK_INT(c->people[3].supervisory, 1);
	CHECK_INT(c->people[0].manager, -1);
	CHECK(c->people[0].manager_id == NULL);
	CHECK_STR(c->people[2].employment, "hourly");
	/* teams, in roster order */
	CHECK_INT(c->people[0].nreports, 3);
	CHECK_INT(c->people[0].reports[0], 1);
	CHECK_INT(c->people[0].reports[1], 2);
	CHECK_INT(c->people[0].reports[2], 4);
	CHECK_INT(c->people[2].nreports, 1);
	CHECK_INT(c->nmanagers, 2);
	CHECK_INT(c->managers[0], 0);
	CHECK_INT(c->managers[1], 2);
	/* further columns; an unnamed one is dropped */
	CHECK_INT(c->nextra, 1);
	CHECK_STR(c->extra_cols[0], "location");
	CHECK_STR(c->people[0].extra[0], "Dublin");
	CHECK(c->people[2].extra[0] == NULL);
	CHECK_INT(cycle_person(c, "b2"), 4);
	CHECK_INT(cycle_person(c, "B2"), -1);
	/* defaults */
	CHECK_NUM(c->weights[ROLE_MANAGER], 1);
	CHECK_NUM(c->weights[ROLE_PEER], 0);
	CHECK_INT(c->min_raters, 3);
	CHECK(c->previous == NULL);
	CHECK_INT(c->nratings, 0);
	CHECK_INT(c->rating_first[5], 0);
	cycle_free(c);
	buf_free(&m);
}

static void
test_departments(void)
{
	struct buf m;
	struct cycle *c;

	buf_init(&m);
	put("roster.csv", roster);
	put("r.csv", "subject_id,rater_id,rater_role,competency_id,score\n");
	put_cycle("cycle.yaml", "  - r.csv\n", "");
	c = load(&m);
	CHECK(c != NULL);
	CHECK_INT(c->ndepts, 4);
	CHECK_STR(c->depts[0].name, "Leadership");
	CHECK_STR(c->depts[0].slug, "leadership");
	CHECK_STR(c->depts[1].slug, "customer-success");
	CHECK_STR(c->depts[2].name, "customer success!");
	CHECK_STR(c->depts[2].slug, "customer-success-2");
	CHECK_STR(c->depts[3].slug, "customer-success-3");
	CHECK_INT(c->depts[1].n, 1);
	CHECK_INT(c->depts[1].members[0], 1);
	CHECK_INT(c->people[3].dept, -1);
	CHECK_INT(c->people[4].dept, 3);
	cycle_free(c);
	buf_free(&m);
}

static void
test_long_ratings(void)
{
	struct buf m;
	struct cycle *c;
	const struct rating *r;

	buf_init(&m);
	put("roster.csv", roster);
	put("r.csv", "\xEF\xBB\xBFsubject_id;rater_id;rater_role;competency_id;"
	    "score;comment\r\n"
	    "a2;m1;manager;teamwork;3,5;\"multi\r\nline\"\r\n"
	    "a1;m1;Manager;teamwork;proficient;\r\n"
	    "a1;a1;self;teamwork;N/A;  \r\n"
	    "a2;tok;peer;teamwork;1;\r\n"
	    "a1;tok;peer;teamwork;;\"a \"\"quote\"\"\"\r\n"
	    "a2;tok;direct_report;follow-up;4;\r\n");
	put_cycle("cycle.yaml", "  - file: r.csv\n    format: long\n",
	    "rater_weights: { peer: 0.5 }\nanonymity: { min_raters: 2 }\n");
	c = load(&m);
	CHECK_STR(m.p, "");
	CHECK(c != NULL);
	CHECK_INT(c->nratings, 6);
	CHECK_NUM(c->weights[ROLE_MANAGER], 1);
	CHECK_NUM(c->weights[ROLE_PEER], 0.5);
	CHECK_INT(c->min_raters, 2);
	/* grouped by subject in roster order, input order within */
	CHECK_INT(c->rating_first[0], 0);
	CHECK_INT(c->rating_first[1], 0);
	CHECK_INT(c->rating_first[2], 3);
	CHECK_INT(c->rating_first[3], 6);
	CHECK_INT(c->rating_first[5], 6);
	r = &c->ratings[0];
	CHECK_INT(r->subject, 1);
	CHECK_INT(r->rater, 0);
	CHECK_STR(r->rater_id, "m1");
	CHECK_INT(r->role, ROLE_MANAGER);
	CHECK_INT(r->comp, 0);
	CHECK_NUM(r->score, 3);
	CHECK(r->comment == NULL);
	CHECK_INT(r->pos.line, 4);
	CHECK_STR(r->pos.file, "r.csv");
	CHECK(isnan(c->ratings[1].score));
	CHECK(c->ratings[1].comment == NULL);
	CHECK_INT(c->ratings[2].rater, -1);
	CHECK_STR(c->ratings[2].rater_id, "tok");
	CHECK_STR(c->ratings[2].comment, "a \"quote\"");
	CHECK(isnan(c->ratings[2].score));
	r = &c->ratings[3];
	CHECK_NUM(r->score, 3.5);
	CHECK_STR(r->comment, "multi\nline");
	CHECK_INT(r->pos.line, 2);
	CHECK_INT(c->ratings[5].role, ROLE_DIRECT_REPORT);
	CHECK_INT(c->ratings[5].comp, 2);
	/* one token, one string */
	CHECK(c->ratings[2].rater_id == c->ratings[4].rater_id);
	cycle_free(c);
	buf_free(&m);
}

static void
test_wide_matches_long(void)
{
	static const char wide_map[] =
	    "  - file: w.csv\n    format: wide\n"
	    "    columns: { subject: Employee, rater: Reviewer, "
	    "role: Relationship, comment: \"Anything else?\" }\n"
	    "    competencies: { \"Teamwork [1-4]\": teamwork, "
	    "\"Following up [1-4]\": follow-up }\n"
	    "    roles: { Manager: manager, \"Self review\": self }\n";
	struct buf m;
	struct cycle *c, *l;
	size_t i;

	buf_init(&m);
	put("roster.csv", roster);
	put("w.csv", "Timestamp,Employee,Reviewer,Relationship,Teamwork [1-4],"
	    "Following up [1-4],Anything else?\n"
	    "x,a1,m1,manager,3,LEADING,\n"
	    "x,a1,a1,Self review,4,,Keen.\n"
	    "x,a2,tok,peer,2,1,\n");
	put("l.csv", "subject_id,rater_id,rater_role,competency_id,score,"
	    "comment\n"
	    "a1,m1,manager,teamwork,3,\n"
	    "a1,m1,manager,follow-up,4,\n"
	    "a1,a1,self,teamwork,4,\n"
	    "a1,a1,self,follow-up,,\n"
	    "a2,tok,peer,teamwork,2,\n"
	    "a2,tok,peer,follow-up,1,\n");
	put_cycle("cycle.yaml", wide_map, "");
	c = load(&m);
	CHECK_STR(m.p, "");
	CHECK(c != NULL);
	CHECK_INT(c->nratings, 7);
	/* the general comment: comp -1, no score, after the row's scores */
	CHECK_INT(c->ratings[4].comp, -1);
	CHECK(isnan(c->ratings[4].score));
	CHECK_STR(c->ratings[4].comment, "Keen.");
	CHECK_INT(c->ratings[4].role, ROLE_SELF);
	CHECK(c->ratings[0].comment == NULL);
	put_cycle("cycle.yaml", "  - l.csv\n", "");
	l = load(&m);
	CHECK_STR(m.p, "");
	CHECK(l != NULL);
	CHECK_INT(l->nratings, 6);
	for (i = 0; i < 6; i++) {
		const struct rating *x = &c->ratings[i < 4 ? i : i + 1];
		const struct rating *y = &l->ratings[i];

		CHECK_INT(x->subject, y->subject);
		CHECK_INT(x->rater, y->rater);
		CHECK_STR(x->rater_id, y->rater_id);
		CHECK_INT(x->role, y->role);
		CHECK_INT(x->comp, y->comp);
		CHECK_NUM(x->score, y->score);
	}
	cycle_free(c);
	cycle_free(l);
	buf_free(&m);
}

static void
test_several_files_and_previous(void)
{
	struct buf m;
	struct cycle *c;

	buf_init(&m);
	put("roster.csv", roster);
	put("r1.csv", "subject_id,rater_id,rater_role,competency_id,score\n"
	    "b2,m1,manager,teamwork,2\n"
	    "a1,m1,manager,teamwork,2\n");
	put("r2.csv", "subject_id,rater_id,rater_role,competency_id,score\n"
	    "a1,m1,manager,onboarding,4\n"
	    "b2,m1,manager,onboarding,1\n");
	put_cycle("old/cycle.yaml", "  - ../r1.csv\n", "previous: nowhere.yaml\n");
	put("old/roster.csv", roster);
	put_cycle("cycle.yaml", "  - r1.csv\n  - r2.csv\n",
	    "previous: old/cycle.yaml\n");
	c = load(&m);
	CHECK_STR(m.p, "");
	CHECK(c != NULL);
	CHECK_INT(c->nratings, 4);
	CHECK_STR(c->ratings[0].pos.file, "r1.csv");
	CHECK_STR(c->ratings[1].pos.file, "r2.csv");
	CHECK_INT(c->ratings[2].subject, 4);
	CHECK_STR(c->ratings[2].pos.file, "r1.csv");
	CHECK(c->previous != NULL);
	CHECK_STR(c->previous->path, "old/cycle.yaml");
	CHECK_STR(c->previous->roster_path, "old/roster.csv");
	CHECK_INT(c->previous->nratings, 2);
	CHECK_STR(c->previous->ratings[0].pos.file, "old/../r1.csv");
	CHECK(c->previous->previous == NULL);
	cycle_free(c);
	buf_free(&m);
}

static void
test_errors_all_listed(void)
{
	struct buf m;
	struct cycle *c;

	buf_init(&m);
	put("roster.csv", "id,name,manager_id\nx,X,\ny,Y,x\nx,Z,\n");
	put("r.csv", "subject_id,rater_id,rater_role,competency_id,score\n"
	    "q,x,manager,teamwork,2\n"
	    "y,x,manager,teamwork,9\n");
	put_cycle("cycle.yaml", "  - r.csv\n", "rater_weights: { peer: -1 }\n");
	c = load(&m);
	CHECK(c == NULL);
	CHECK_STR(m.p,
	    "cycle.yaml:8:24: error: \"peer\": -1 is negative; expected a "
	    "weight of 0 or more\n"
	    "roster.csv:4: error: column \"id\": \"x\" is already the id of "
	    "line 2; each person has one row, with an id of their own\n"
	    "r.csv:2: error: column \"subject_id\": \"q\" is not in the "
	    "roster; expected the id, e-mail or full name of a person in "
	    "roster.csv\n"
	    "r.csv:3: error: column \"score\": \"9\" is above the scale "
	    "maximum 4\n");
	buf_free(&m);
}

static void
test_missing_files(void)
{
	struct buf m, want;
	struct cycle *c;

	buf_init(&m);
	buf_init(&want);
	put("cycle.yaml", "cycle: t\ntitle: T\nrubric: ../nope/rubric.yaml\n"
	    "template: t.yaml\nroster: ./sub/../roster.csv\nratings: [gone.csv]\n");
	remove("roster.csv");
	c = load(&m);
	CHECK(c == NULL);
	buf_printf(&want, "cycle.yaml:3:9: error: rubric \"../nope/rubric.yaml\" "
	    "not found (looked for %.*s/nope/rubric.yaml)\n",
	    (int)(strrchr(tmp, '/') - tmp), tmp);
	buf_printf(&want, "cycle.yaml:4:11: error: template \"t.yaml\" not "
	    "found (looked for %s/t.yaml)\n", tmp);
	buf_printf(&want, "cycle.yaml:5:9: error: roster \"./sub/../roster.csv\" "
	    "not found (looked for %s/roster.csv)\n", tmp);
	buf_printf(&want, "cycle.yaml:6:11: error: ratings file \"gone.csv\" "
	    "not found (looked for %s/gone.csv)\n", tmp);
	CHECK_STR(m.p, want.p);
	buf_free(&m);
	buf_free(&want);
}

int
main(void)
{
	char tmpl[] = "/tmp/test_ingest.XXXXXX";

	if (getcwd(top, sizeof top) == NULL || mkdtemp(tmpl) == NULL)
		return 2;
	snprintf(tmp, sizeof tmp, "%s", tmpl);
	RUN(test_roster);
	RUN(test_departments);
	RUN(test_long_ratings);
	RUN(test_wide_matches_long);
	RUN(test_several_files_and_previous);
	RUN(test_errors_all_listed);
	RUN(test_missing_files);
	{
		struct buf cmd;
		int st;

		buf_init(&cmd);
		buf_printf(&cmd, "rm -rf '%s'", tmp);
		st = system(cmd.p);
		buf_free(&cmd);
		if (st != 0)
			return 2;
	}
	return CHECK_EXIT();
}
