/* test_emit.c: aggregates.json and aggregates.csv byte for byte on a
 * cycle built by hand: keys, shapes and order of revpack.1, numbers as
 * fmt_num writes them, null for missing figures, escaping, quoting. */
#include "check.h"
#include "emit.h"
#include "tmodel.h"

#define M ROLE_MANAGER
#define S ROLE_SELF

/* Scale 1..3 (status green 2, yellow 1), one category k without weight
 * holding a and b; expectation Jr: 2. m manages p; p is rated by m
 * (a: 3, b: N/A) and by themself (a: 1); m has nothing rated. */
static struct cycle *
small(void)
{
	struct cycle *c = tm_new(1, 3);

	tm_cat(c, "k", NAN);
	tm_comp(c, "a", 1);
	tm_comp(c, "b", 1);
	tm_expect(c, "Jr", 2);
	tm_person(c, "m", "Boss \"Big\"", NULL, NULL, "CS");
	tm_person(c, "p", "Zoë\nA\\B\x01", "m", "Jr", "CS");
	tm_rate(c, "p", "m", M, "a", 3);
	tm_rate(c, "p", "p", S, "a", 1);
	tm_rate(c, "p", "m", M, "b", NAN);
	tm_done(c);
	return c;
}

/* The expected file, worked out by hand:
 * p, a: s = 3 (manager only), level 3, e 2: green; gap = 1 - 3 = -2,
 * |-2| >= round2(2/3) = 0.67: hidden_strength. b: unrated.
 * overall = 3 (the category has no weight: competency-weighted), percent
 * = (3 - 1) / 2 * 100 = 100, label L3 (nearest level), coverage 1/2.
 * Strengths: a (3 >= 2). Groups: only p has a score. Calibration: m gave
 * one scored manager rating (3); the org mean is 3: delta 0. */
static const char *const expected_json[] = {
	"{\n",
	"  \"cycle\": {\"id\": \"T\", \"title\": \"Test cycle\"},\n",
	"  \"people\": [\n",
	"    {\n",
	"      \"id\": \"m\",\n",
	"      \"name\": \"Boss \\\"Big\\\"\",\n",
	"      \"level\": null,\n",
	"      \"manager_id\": null,\n",
	"      \"overall\": {\"score\": null, \"percent\": null, \"label\": null, \"coverage\": 0},\n",
	"      \"categories\": [\n",
	"        {\"id\": \"k\", \"score\": null}\n",
	"      ],\n",
	"      \"competencies\": [\n",
	"        {\n",
	"          \"id\": \"a\",\n",
	"          \"score\": null,\n",
	"          \"level\": null,\n",
	"          \"expected\": null,\n",
	"          \"status\": null,\n",
	"          \"by_role\": {\"manager\": null, \"self\": null, \"peer\": null, \"direct_report\": null},\n",
	"          \"raters_by_role\": {\"manager\": 0, \"self\": 0, \"peer\": 0, \"direct_report\": 0},\n",
	"          \"raters\": 0,\n",
	"          \"gap\": null,\n",
	"          \"gap_flag\": null\n",
	"        },\n",
	"        {\n",
	"          \"id\": \"b\",\n",
	"          \"score\": null,\n",
	"          \"level\": null,\n",
	"          \"expected\": null,\n",
	"          \"status\": null,\n",
	"          \"by_role\": {\"manager\": null, \"self\": null, \"peer\": null, \"direct_report\": null},\n",
	"          \"raters_by_role\": {\"manager\": 0, \"self\": 0, \"peer\": 0, \"direct_report\": 0},\n",
	"          \"raters\": 0,\n",
	"          \"gap\": null,\n",
	"          \"gap_flag\": null\n",
	"        }\n",
	"      ],\n",
	"      \"strengths\": [],\n",
	"      \"growth\": [],\n",
	"      \"trend\": null\n",
	"    },\n",
	"    {\n",
	"      \"id\": \"p\",\n",
	"      \"name\": \"Zoë\\u000aA\\\\B\\u0001\",\n",
	"      \"level\": \"Jr\",\n",
	"      \"manager_id\": \"m\",\n",
	"      \"overall\": {\"score\": 3, \"percent\": 100, \"label\": \"L3\", \"coverage\": 0.5},\n",
	"      \"categories\": [\n",
	"        {\"id\": \"k\", \"score\": 3}\n",
	"      ],\n",
	"      \"competencies\": [\n",
	"        {\n",
	"          \"id\": \"a\",\n",
	"          \"score\": 3,\n",
	"          \"level\": 3,\n",
	"          \"expected\": 2,\n",
	"          \"status\": \"green\",\n",
	"          \"by_role\": {\"manager\": 3, \"self\": 1, \"peer\": null, \"direct_report\": null},\n",
	"          \"raters_by_role\": {\"manager\": 1, \"self\": 1, \"peer\": 0, \"direct_report\": 0},\n",
	"          \"raters\": 2,\n",
	"          \"gap\": -2,\n",
	"          \"gap_flag\": \"hidden_strength\"\n",
	"        },\n",
	"        {\n",
	"          \"id\": \"b\",\n",
	"          \"score\": null,\n",
	"          \"level\": null,\n",
	"          \"expected\": 2,\n",
	"          \"status\": null,\n",
	"          \"by_role\": {\"manager\": null, \"self\": null, \"peer\": null, \"direct_report\": null},\n",
	"          \"raters_by_role\": {\"manager\": 0, \"self\": 0, \"peer\": 0, \"direct_report\": 0},\n",
	"          \"raters\": 0,\n",
	"          \"gap\": null,\n",
	"          \"gap_flag\": null\n",
	"        }\n",
	"      ],\n",
	"      \"strengths\": [\"a\"],\n",
	"      \"growth\": [],\n",
	"      \"trend\": null\n",
	"    }\n",
	"  ],\n",
	"  \"teams\": [\n",
	"    {\n",
	"      \"manager_id\": \"m\",\n",
	"      \"members\": 1,\n",
	"      \"labels\": {\"L3\": 1},\n",
	"      \"competencies\": [\n",
	"        {\n",
	"          \"id\": \"a\",\n",
	"          \"n\": 1,\n",
	"          \"mean\": 3,\n",
	"          \"median\": 3,\n",
	"          \"stdev\": null,\n",
	"          \"min\": 3,\n",
	"          \"max\": 3,\n",
	"          \"distribution\": {\"1\": 0, \"2\": 0, \"3\": 1},\n",
	"          \"below_expected\": 0,\n",
	"          \"below_share\": 0,\n",
	"          \"trend\": null\n",
	"        },\n",
	"        {\n",
	"          \"id\": \"b\",\n",
	"          \"n\": 0,\n",
	"          \"mean\": null,\n",
	"          \"median\": null,\n",
	"          \"stdev\": null,\n",
	"          \"min\": null,\n",
	"          \"max\": null,\n",
	"          \"distribution\": {\"1\": 0, \"2\": 0, \"3\": 0},\n",
	"          \"below_expected\": 0,\n",
	"          \"below_share\": null,\n",
	"          \"trend\": null\n",
	"        }\n",
	"      ]\n",
	"    }\n",
	"  ],\n",
	"  \"departments\": [\n",
	"    {\n",
	"      \"department\": \"CS\",\n",
	"      \"slug\": \"CS\",\n",
	"      \"members\": 2,\n",
	"      \"labels\": {\"L3\": 1},\n",
	"      \"competencies\": [\n",
	"        {\n",
	"          \"id\": \"a\",\n",
	"          \"n\": 1,\n",
	"          \"mean\": 3,\n",
	"          \"median\": 3,\n",
	"          \"stdev\": null,\n",
	"          \"min\": 3,\n",
	"          \"max\": 3,\n",
	"          \"distribution\": {\"1\": 0, \"2\": 0, \"3\": 1},\n",
	"          \"below_expected\": 0,\n",
	"          \"below_share\": 0,\n",
	"          \"trend\": null\n",
	"        },\n",
	"        {\n",
	"          \"id\": \"b\",\n",
	"          \"n\": 0,\n",
	"          \"mean\": null,\n",
	"          \"median\": null,\n",
	"          \"stdev\": null,\n",
	"          \"min\": null,\n",
	"          \"max\": null,\n",
	"          \"distribution\": {\"1\": 0, \"2\": 0, \"3\": 0},\n",
	"          \"below_expected\": 0,\n",
	"          \"below_share\": null,\n",
	"          \"trend\": null\n",
	"        }\n",
	"      ]\n",
	"    }\n",
	"  ],\n",
	"  \"org\": {\n",
	"    \"members\": 2,\n",
	"    \"labels\": {\"L3\": 1},\n",
	"    \"competencies\": [\n",
	"      {\n",
	"        \"id\": \"a\",\n",
	"        \"n\": 1,\n",
	"        \"mean\": 3,\n",
	"        \"median\": 3,\n",
	"        \"stdev\": null,\n",
	"        \"min\": 3,\n",
	"        \"max\": 3,\n",
	"        \"distribution\": {\"1\": 0, \"2\": 0, \"3\": 1},\n",
	"        \"below_expected\": 0,\n",
	"        \"below_share\": 0,\n",
	"        \"trend\": null\n",
	"      },\n",
	"      {\n",
	"        \"id\": \"b\",\n",
	"        \"n\": 0,\n",
	"        \"mean\": null,\n",
	"        \"median\": null,\n",
	"        \"stdev\": null,\n",
	"        \"min\": null,\n",
	"        \"max\": null,\n",
	"        \"distribution\": {\"1\": 0, \"2\": 0, \"3\": 0},\n",
	"        \"below_expected\": 0,\n",
	"        \"below_share\": null,\n",
	"        \"trend\": null\n",
	"      }\n",
	"    ]\n",
	"  },\n",
	"  \"calibration\": [\n",
	"    {\"manager_id\": \"m\", \"ratings\": 1, \"mean_given\": 3, \"delta_vs_org\": 0, \"flag\": false}\n",
	"  ],\n",
	"  \"warnings\": [\n",
	"    \"roster.csv:2: warning: person \\\"m\\\" (Boss \\\"Big\\\") has no rated competency (no rating names them); no scorecard, coaching summary or packet is made for them (they still get a rating form)\"\n",
	"  ]\n",
	"}\n",
	NULL
};

/* The lines of a text table joined (C99 caps a literal at 4095). */
static void
join(struct buf *b, const char *const *lines)
{
	for (; *lines != NULL; lines++)
		buf_puts(b, *lines);
}

/* Reports the first differing line, so a failure is readable. */
static int
same_text(const char *got, const char *want)
{
	size_t i, line = 1, start = 0;

	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++)
		if (got[i] == '\n') {
			line++;
			start = i + 1;
		}
	if (got[i] == want[i])
		return 1;
	printf("# line %zu differs:\n# got:  %.120s\n# want: %.120s\n", line,
	    got + start, want + start);
	return 0;
}

static void
test_json_bytes(void)
{
	struct cycle *c = small();
	struct diag *d = diag_new(NULL);
	struct aggregates *a = score_cycle(c, d);
	struct buf b, b2, want;

	buf_init(&b);
	buf_init(&b2);
	buf_init(&want);
	join(&want, expected_json);
	emit_json(a, d, &b, NULL, NULL);
	CHECK(same_text(b.p, want.p));
	/* Byte-identical when made again. */
	emit_json(a, d, &b2, NULL, NULL);
	CHECK(b.len == b2.len && memcmp(b.p, b2.p, b.len) == 0);
	buf_free(&b);
	buf_free(&b2);
	buf_free(&want);
	aggregates_free(a);
	cycle_free(c);
	diag_free(d);
}

static void
test_json_trend_and_empty(void)
{
	struct cycle *c = tm_new(1, 3), *pc = tm_new(1, 3);
	struct aggregates *a;
	struct buf b;

	tm_cat(c, "k", NAN);
	tm_comp(c, "a", 1);
	tm_comp(c, "b", 1);
	tm_person(c, "p", "P", NULL, NULL, NULL);
	tm_person(c, "n", "N", NULL, NULL, NULL);
	tm_rate(c, "p", "p", M, "a", 2.5);
	tm_rate(c, "n", "n", M, "a", 3);
	tm_cat(pc, "k", NAN);
	tm_comp(pc, "a", 1);
	tm_person(pc, "p", "P", NULL, NULL, NULL);
	tm_rate(pc, "p", "p", M, "a", 1.75);
	tm_done(c);
	tm_done(pc);
	c->previous = pc;
	a = score_cycle(c, NULL);
	buf_init(&b);
	emit_json(a, NULL, &b, NULL, NULL);
	/* p: a 2.5 - 1.75 = 0.75 (overall the same); b is not in the
	 * previous rubric: null. n is new: trend null. */
	CHECK(strstr(b.p, "      \"trend\": {\n"
	    "        \"overall\": 0.75,\n"
	    "        \"competencies\": {\"a\": 0.75, \"b\": null}\n"
	    "      }\n    },") != NULL);
	CHECK(strstr(b.p, "\"growth\": [],\n      \"trend\": null\n    }\n  ],")
	    != NULL);
	/* No manager, no department: empty arrays; org trend:
	 * mean(2.5, 3) = 2.75 - 1.75 = 1. */
	CHECK(strstr(b.p, "\n  \"teams\": [],\n  \"departments\": [],\n") != NULL);
	CHECK(strstr(b.p, "\"below_share\": null,\n        \"trend\": 1\n") != NULL);
	CHECK(strstr(b.p, "\n  \"warnings\": []\n}\n") != NULL);
	buf_free(&b);
	aggregates_free(a);
	cycle_free(c);
}

static void
test_emit_num_matches_fmt_num(void)
{
	static const double odd[] = { 3.925, 2.675, -2.675, 1.005, 0.1 + 0.2,
	    -0.004, 1e-9, 100, 36.8, 1.67, -1.67, 0.5, 1234567.89, -0.01 };
	char t[32];
	struct buf b;
	size_t i;
	int k;

	buf_init(&b);
	for (k = -100000; k <= 100000; k += 7) {
		double x = k / 100.0;

		buf_reset(&b);
		emit_num(&b, x);
		CHECK_STR(b.p, fmt_num(x, t, sizeof t));
	}
	for (i = 0; i < NELEM(odd); i++) {
		buf_reset(&b);
		emit_num(&b, odd[i]);
		CHECK_STR(b.p, fmt_num(odd[i], t, sizeof t));
	}
	buf_reset(&b);
	emit_num(&b, NAN);
	CHECK_INT(b.len, 0);
	buf_reset(&b);
	emit_int(&b, -120);
	CHECK_STR(b.p, "-120");
	buf_free(&b);
}

static void
test_csv(void)
{
	struct cycle *c = tm_new(1, 3);
	struct aggregates *a;
	struct buf b;

	tm_cat(c, "k", NAN);
	tm_comp(c, "a", 1);
	tm_comp(c, "=b", 1);
	tm_person(c, "m", "Boss \"Big\", Jr.", NULL, "Lead", "CS, North");
	tm_person(c, "p", "=HYPERLINK(\"x\")", "m", NULL, NULL);
	tm_person(c, "q", "-Zoë\nÅ", "m", "@lvl", "+dept");
	tm_rate(c, "p", "m", M, "a", 2.675);
	tm_rate(c, "p", "m", M, "=b", 2);
	tm_rate(c, "q", "m", M, "a", 1);
	tm_done(c);
	a = score_cycle(c, NULL);
	buf_init(&b);
	emit_csv(a, &b);
	/* p: a = round2(2.675) = 2.68, =b = 2; overall round2(4.68 / 2) =
	 * 2.34; percent round2((2.34 - 1) / 2 * 100) = 67; label L2;
	 * coverage 1. q: a = 1: overall 1, percent 0, L1, coverage 0.5.
	 * m: nothing rated: empty figures, coverage 0. */
	CHECK(same_text(b.p,
	    "\xEF\xBB\xBF"
	    "id,name,level,manager_id,department,overall,percent,label,"
	    "coverage,a,\"'=b\"\r\n"
	    "m,\"Boss \"\"Big\"\", Jr.\",Lead,,\"CS, North\",,,,0,,\r\n"
	    "p,\"'=HYPERLINK(\"\"x\"\")\",,m,,2.34,67,L2,1,2.68,2\r\n"
	    "q,\"'-Zoë\nÅ\",\"'@lvl\",m,\"'+dept\",1,0,L1,0.5,1,\r\n"));
	buf_free(&b);
	aggregates_free(a);
	cycle_free(c);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	RUN(test_json_bytes);
	RUN(test_json_trend_and_empty);
	RUN(test_emit_num_matches_fmt_num);
	RUN(test_csv);
	return CHECK_EXIT();
}
