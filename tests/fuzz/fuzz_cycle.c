/* fuzz_cycle.c: libFuzzer target over cycle.yaml with the files it names,
 * through scoring and aggregates.json and .csv. The first byte picks
 * which file the rest of the input is (modulo 3), beside the fixed, valid
 * files of fixture.h:
 *   0  the cycle.yaml (it may name rubric.yaml, template.yaml,
 *      roster.csv, ratings.csv, logo.png or the fixed cycle.yaml as its
 *      previous cycle: the loaders' cross-references are fuzzed);
 *   1  the roster.csv of the fixed cycle;
 *   2  its ratings.csv.
 * A refused input must have said why; an accepted one must keep what
 * model.h promises, score to figures on the rubric's scale, and give
 * aggregates.json that is well-formed JSON in UTF-8 and the same bytes
 * when scored again, and aggregates.csv in UTF-8. Seeds:
 * tests/fuzz/seeds-cycle/ (their first character is the mode). */
#include <math.h>
#include <stdint.h>

#include "emit.h"
#include "fixture.h"
#include "check_cycle.h"        /* after fixture.h: its ASSERT */
#include "load.h"
#include "score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fixed cycle with the fuzzed roster, then with the fuzzed ratings. */
static const char roster_cycle[] =
    "cycle: R\ntitle: Roster\nrubric: rubric.yaml\ntemplate: template.yaml\n"
    "roster: fuzz-roster.csv\nratings:\n  - file: ratings.csv\n";
static const char ratings_cycle[] =
    "cycle: T\ntitle: Ratings\nrubric: rubric.yaml\n"
    "template: template.yaml\nroster: roster.csv\n"
    "ratings:\n  - file: fuzz-ratings.csv\n";

/* --- a JSON checker (RFC 8259), enough to say the bytes parse --- */

struct json {
	const char *p, *end;
	int depth;
};

static int json_value(struct json *J);

static void
json_ws(struct json *J)
{
	while (J->p < J->end && (*J->p == ' ' || *J->p == '\n' ||
	    *J->p == '\t' || *J->p == '\r'))
		J->p++;
}

static int
json_digits(struct json *J)
{
	const char *start = J->p;

	while (J->p < J->end && *J->p >= '0' && *J->p <= '9')
		J->p++;
	return J->p > start;
}

static int
json_number(struct json *J)
{
	if (J->p < J->end && *J->p == '-')
		J->p++;
	if (J->p < J->end && *J->p == '0')
		J->p++;
	else if (!json_digits(J))
		return 0;
	if (J->p < J->end && *J->p == '.') {
		J->p++;
		if (!json_digits(J))
			return 0;
	}
	if (J->p < J->end && (*J->p == 'e' || *J->p == 'E')) {
		J->p++;
		if (J->p < J->end && (*J->p == '+' || *J->p == '-'))
			J->p++;
		if (!json_digits(J))
			return 0;
	}
	return 1;
}

/* json_string: a string at J->p (its opening quote); control characters
 * must be escaped, escapes must be JSON's. */
static int
json_string(struct json *J)
{
	int i;

	J->p++;
	while (J->p < J->end) {
		unsigned char ch = (unsigned char)*J->p++;

		if (ch == '"')
			return 1;
		if (ch < 0x20)
			return 0;
		if (ch != '\\')
			continue;
		if (J->p >= J->end || strchr("\"\\/bfnrtu", *J->p) == NULL)
			return 0;
		if (*J->p++ != 'u')
			continue;
		for (i = 0; i < 4; i++, J->p++)
			if (J->p >= J->end || strchr("0123456789abcdefABCDEF",
			    *J->p) == NULL)
				return 0;
	}
	return 0;
}

static int
json_literal(struct json *J, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(J->end - J->p) < n || memcmp(J->p, word, n) != 0)
		return 0;
	J->p += n;
	return 1;
}

/* json_items: the members of an object or the elements of an array,
 * after its opening bracket, up to and with its closing one. */
static int
json_items(struct json *J, int object)
{
	json_ws(J);
	if (J->p < J->end && *J->p == (object ? '}' : ']')) {
		J->p++;
		return 1;
	}
	for (;;) {
		if (object) {
			if (J->p >= J->end || *J->p != '"' || !json_string(J))
				return 0;
			json_ws(J);
			if (J->p >= J->end || *J->p++ != ':')
				return 0;
		}
		if (!json_value(J))
			return 0;
		json_ws(J);
		if (J->p >= J->end)
			return 0;
		if (*J->p == ',') {
			J->p++;
			json_ws(J);
			continue;
		}
		return *J->p++ == (object ? '}' : ']');
	}
}

static int
json_value(struct json *J)
{
	int ok;

	json_ws(J);
	if (J->p >= J->end || J->depth > 64)
		return 0;
	switch (*J->p) {
	case '{':
	case '[':
		J->depth++;
		ok = json_items(J, *J->p++ == '{');
		J->depth--;
		return ok;
	case '"':
		return json_string(J);
	case 't':
		return json_literal(J, "true");
	case 'f':
		return json_literal(J, "false");
	case 'n':
		return json_literal(J, "null");
	default:
		return json_number(J);
	}
}

/* json_ok: 1 when b is one JSON value in UTF-8, ending with a newline. */
static int
json_ok(const struct buf *b)
{
	struct json J;

	if (b->len == 0 || b->p[b->len - 1] != '\n' ||
	    !utf8_valid(b->p, b->len, NULL))
		return 0;
	J.p = b->p;
	J.end = b->p + b->len;
	J.depth = 0;
	if (!json_value(&J))
		return 0;
	json_ws(&J);
	return J.p == J.end;
}

/* --- invariants --- */

/* on_scale: x is NAN or within the scale (rounding allowed). */
static int
on_scale(const struct rubric *rb, double x)
{
	return isnan(x) || (x >= rb->scale.min - 0.005 &&
	    x <= rb->scale.max + 0.005);
}

/* check_scores: every person's figures on the scale, shares in range,
 * indices valid. */
static void
check_scores(const struct cycle *c, const struct aggregates *a)
{
	const struct rubric *rb = c->rubric;
	size_t p, k;
	int i;

	ASSERT(a->cycle == c);
	for (p = 0; p < c->npeople; p++) {
		const struct person_score *ps = &a->people[p];

		ASSERT(on_scale(rb, ps->overall));
		ASSERT(isnan(ps->overall) == isnan(ps->percent));
		ASSERT(isnan(ps->percent) || (ps->percent >= -0.005 &&
		    ps->percent <= 100.005));
		ASSERT(ps->coverage >= 0 && ps->coverage <= 1);
		ASSERT(ps->rated <= rb->ncomps);
		ASSERT(ps->label >= -1 && ps->label < (int)a->nlabels);
		ASSERT(ps->nstrengths >= 0 && ps->nstrengths <= 3);
		ASSERT(ps->ngrowth >= 0 && ps->ngrowth <= 3);
		for (i = 0; i < ps->nstrengths; i++)
			ASSERT(ps->strengths[i] >= 0 &&
			    ps->strengths[i] < (int)rb->ncomps);
		for (i = 0; i < ps->ngrowth; i++)
			ASSERT(ps->growth[i] >= 0 &&
			    ps->growth[i] < (int)rb->ncomps);
		for (k = 0; k < rb->ncats; k++)
			ASSERT(on_scale(rb, ps->cats[k]));
		for (k = 0; k < rb->ncomps; k++) {
			const struct comp_score *cs = &ps->comps[k];

			ASSERT(on_scale(rb, cs->s));
			ASSERT(cs->status >= STATUS_NONE &&
			    cs->status <= STATUS_GREEN);
			ASSERT(cs->raters >= 0);
		}
	}
}

/* score: scores c, checks the figures and what emit_json and emit_csv
 * make of them; scoring again gives the same bytes. */
static void
score(const struct cycle *c, struct diag *d)
{
	struct diag *again = diag_new(NULL);
	struct aggregates *a = score_cycle(c, d), *b = score_cycle(c, again);
	struct buf warned, j1, j2, csv;

	check_scores(c, a);
	buf_init(&warned);
	buf_init(&j1);
	buf_init(&j2);
	buf_init(&csv);
	emit_json(a, d, &warned, NULL, NULL);      /* with the messages as warnings[] */
	ASSERT(json_ok(&warned));
	emit_json(a, NULL, &j1, NULL, NULL);
	emit_json(b, NULL, &j2, NULL, NULL);
	ASSERT(json_ok(&j1));
	ASSERT(j1.len == j2.len && memcmp(j1.p, j2.p, j1.len) == 0);
	emit_csv(a, &csv);
	ASSERT(csv.len > 0 && utf8_valid(csv.p, csv.len, NULL));
	buf_free(&warned);
	buf_free(&j1);
	buf_free(&j2);
	buf_free(&csv);
	aggregates_free(a);
	aggregates_free(b);
	diag_free(again);
}

/* load: cycle_load of the folder's file `name` and every check. */
static void
load(const char *name)
{
	struct diag *d = diag_new(NULL);
	char path[8192];
	struct cycle *c = cycle_load(fx_path(path, sizeof path, name), d);

	/* refused: said why; accepted: no error */
	ASSERT((c != NULL) == (diag_errors(d) == 0));
	if (c != NULL) {
		check_cycle(c);
		score(c, d);
	}
	cycle_free(c);
	diag_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = {
		"fuzz-cycle.yaml", "fuzz-roster.csv", "fuzz-ratings.csv"
	};
	static const char *const cycles[] = {
		"fuzz-cycle.yaml", "roster-cycle.yaml", "ratings-cycle.yaml"
	};
	char path[8192];
	int mode;

	if (fx_setup()) {
		fx_put("roster-cycle.yaml", roster_cycle, strlen(roster_cycle));
		fx_put("ratings-cycle.yaml", ratings_cycle,
		    strlen(ratings_cycle));
	}
	if (size == 0)
		return 0;
	mode = data[0] % 3;
	fx_put(files[mode], data + 1, size - 1);
	load(cycles[mode]);
	/* gone before the next input, which may name it otherwise */
	ASSERT(unlink(fx_path(path, sizeof path, files[mode])) == 0);
	return 0;
}
