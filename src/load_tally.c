/* load_tally.c: one systematic problem of a ratings file reported once:
 * the cell problems of a kind (answers that are not scores, people not in
 * the roster, ...) are reported one by one up to TALLY_LISTED; past that,
 * the file's messages of that kind become one, with the count, the
 * columns, the commonest values and the cycle.yaml key that fixes them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_ratings.h"

/* A kind with more cells than this is one message. */
#define TALLY_LISTED 5
/* Values and columns a summary names. */
#define TALLY_EXAMPLES 3

/* What is tallied of one kind in one file. */
struct tally {
	size_t count;
	int first_line;
	size_t *msgs;           /* the file's messages of this kind */
	size_t nmsgs, capmsgs;
	struct strtab *index;   /* value -> index in vals */
	const char **vals;
	size_t *nval;
	size_t nvals, capvals;
	int *cols;              /* columns, in order of first problem */
	size_t ncols, capcols;
};

struct tallies {
	struct tally t[NTALLY];
	struct arena *a;
};

struct tallies *
tallies_new(void)
{
	struct tallies *ts = xcalloc(1, sizeof(*ts));

	ts->a = arena_new();
	return ts;
}

void
tallies_free(struct tallies *ts)
{
	size_t k;

	if (ts == NULL)
		return;
	for (k = 0; k < NTALLY; k++) {
		free(ts->t[k].msgs);
		strtab_free(ts->t[k].index);
		free(ts->t[k].vals);
		free(ts->t[k].nval);
		free(ts->t[k].cols);
	}
	arena_free(ts->a);
	free(ts);
}

/* count_value: one more cell holding x's text, in x's column. */
static void
count_value(struct tallies *ts, struct tally *t, const struct cell *x)
{
	size_t n = x->n > 60 ? 60 : x->n, i;
	int v;

	while (n > 0 && n < x->n && ((unsigned char)x->s[n] & 0xC0) == 0x80)
		n--;            /* not inside a UTF-8 sequence */
	if (t->index == NULL)
		t->index = strtab_new(0);
	v = strtab_get(t->index, x->s, n);
	if (v < 0) {
		XGROW(t->vals, t->capvals, t->nvals + 1);
		t->nval = xreallocarray(t->nval, t->capvals, sizeof(size_t));
		t->vals[t->nvals] = arena_strndup(ts->a, x->s, n);
		t->nval[t->nvals] = 0;
		v = (int)t->nvals++;
		strtab_put(t->index, t->vals[v], n, v);
	}
	t->nval[v]++;
	for (i = 0; i < t->ncols; i++)
		if (t->cols[i] == x->col)
			return;
	XGROW(t->cols, t->capcols, t->ncols + 1);
	t->cols[t->ncols++] = x->col;
}

void
rl_problem(struct rload *L, enum tally_kind kind, const struct cell *x,
    const char *fmt, ...)
{
	struct tally *t = &L->tallies->t[kind];
	size_t before = diag_count(L->d);
	struct buf b;
	va_list ap;

	count_value(L->tallies, t, x);
	if (t->count++ == 0)
		t->first_line = x->line;
	if (t->count > TALLY_LISTED)
		return;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	csvin_error(L->r, x->line, x->col, "%s", b.p);
	buf_free(&b);
	if (diag_count(L->d) > before) {
		XGROW(t->msgs, t->capmsgs, t->nmsgs + 1);
		t->msgs[t->nmsgs++] = before;
	}
}

/* commas: n with thousands separators, into out. */
static const char *
commas(size_t n, char *out, size_t size)
{
	char digits[32];
	size_t len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof digits, "%zu", n);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

/* where_said: " in column \"A\"" or " in 13 columns (\"A\", \"B\", \"C\",
 * ...)", into b. */
static void
where_said(struct rload *L, const struct tally *t, struct buf *b)
{
	size_t i;

	if (t->ncols == 1) {
		buf_printf(b, " in column \"%s\"", csvin_colname(L->r,
		    (size_t)t->cols[0]));
		return;
	}
	buf_printf(b, " in %zu columns (", t->ncols);
	for (i = 0; i < t->ncols && i < TALLY_EXAMPLES; i++)
		buf_printf(b, "%s\"%s\"", i ? ", " : "", csvin_colname(L->r,
		    (size_t)t->cols[i]));
	buf_puts(b, t->ncols > TALLY_EXAMPLES ? ", ...)" : ")");
}

/* examples: the commonest values, as `"Agree" (812 cells), "Neutral"
 * (300) and 4 other values`, into b; *top: the commonest. */
static void
examples(const struct tally *t, struct buf *b, const char **top)
{
	size_t shown[TALLY_EXAMPLES], ns = 0, i, k;
	char num[32], q[80];

	for (k = 0; k < TALLY_EXAMPLES && k < t->nvals; k++) {
		size_t best = t->nvals;

		for (i = 0; i < t->nvals; i++) {
			size_t j;

			for (j = 0; j < ns && shown[j] != i; j++)
				;
			if (j < ns)
				continue;
			if (best == t->nvals || t->nval[i] > t->nval[best])
				best = i;
		}
		shown[ns++] = best;
	}
	for (k = 0; k < ns; k++) {
		const char *v = t->vals[shown[k]];

		if (v[0] == '\0')
			buf_printf(b, "%sempty (%s%s)", k ? ", " : "",
			    commas(t->nval[shown[k]], num, sizeof num),
			    k == 0 ? " cells" : "");
		else
			buf_printf(b, "%s\"%s\" (%s%s)", k ? ", " : "",
			    csvin_quote(v, q, sizeof q), commas(t->nval[shown[k]],
			    num, sizeof num), k == 0 ? " cells" : "");
	}
	if (t->nvals > ns)
		buf_printf(b, " and %zu other value%s", t->nvals - ns,
		    t->nvals - ns == 1 ? "" : "s");
	*top = t->vals[shown[0]];
}

void
rl_tally_flush(struct rload *L)
{
	const struct rubric *rb = L->c->rubric;
	struct tallies *ts = L->tallies;
	struct pos at = { L->src->path, 0, 0 };
	size_t k;

	for (k = 0; k < NTALLY; k++) {
		struct tally *t = &ts->t[k];
		struct buf where, ex;
		const char *top, *what;
		char num[32], q[80];

		if (t->count <= TALLY_LISTED)
			continue;
		buf_init(&where);
		buf_init(&ex);
		buf_puts(&where, "");
		where_said(L, t, &where);
		examples(t, &ex, &top);
		csvin_quote(top, q, sizeof q);
		at.line = t->first_line;
		switch ((enum tally_kind)k) {
		case T_SCORE:
			what = arena_printf(ts->a, "are not scores: %s; expected "
			    "numbers from %d to %d, level labels or N/A: map "
			    "these answers to scale values in cycle.yaml "
			    "(values: { \"%s\": NUMBER, ... }), and answers that "
			    "mean not rated with na: [...]", ex.p, rb->scale.min,
			    rb->scale.max, q);
			break;
		case T_RANGE:
			what = arena_printf(ts->a, "are outside the scale (%d to "
			    "%d): %s; is the export on another scale? map its "
			    "answers to scale values with values: in cycle.yaml",
			    rb->scale.min, rb->scale.max, ex.p);
			break;
		case T_SUBJECT:
			what = arena_printf(ts->a, "name nobody in the roster: "
			    "%s; expected the id, e-mail or full name of a "
			    "person in %s", ex.p, L->c->roster_path);
			break;
		case T_RATER:
			what = arena_printf(ts->a, "name manager or self raters "
			    "who are not in the roster: %s; expected the id, "
			    "e-mail or full name of a person in %s", ex.p,
			    L->c->roster_path);
			break;
		case T_ROLE:
			what = arena_printf(ts->a, "are not rater roles: %s; "
			    "expected manager, self, peer or direct_report: map "
			    "the file's words in cycle.yaml (roles: { \"%s\": "
			    "ROLE, ... })", ex.p, q);
			break;
		case T_COMP:
		default:
			what = arena_printf(ts->a, "are not competencies of "
			    "rubric \"%s\": %s; expected competency ids or "
			    "titles: map the file's texts in cycle.yaml "
			    "(competencies: { \"%s\": ID, ... })", rb != NULL ?
			    rb->id : "", ex.p, q);
			break;
		}
		if (t->nmsgs > 0)
			diag_fold(L->d, t->msgs, t->nmsgs, DIAG_ERROR, &at,
			    "%s cells%s %s", commas(t->count, num, sizeof num),
			    where.p, what);
		else
			diag_error(L->d, &at, "%s cells%s %s", commas(t->count,
			    num, sizeof num), where.p, what);
		buf_free(&where);
		buf_free(&ex);
	}
}
