/* emit_json.c: aggregates to aggregates.json: the keys in the order of
 * revpack.1 (FILES), arrays in roster, rubric or id order, numbers as
 * fmt_num writes them, so that the same inputs give the same bytes. */
#include <math.h>

#include "emit.h"

void
emit_int(struct buf *b, long long v)
{
	char t[24];
	size_t n = sizeof t;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		t[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		t[--n] = '-';
	buf_put(b, t + n, sizeof t - n);
}

void
emit_num(struct buf *b, double x)
{
	char t[32];
	long long c;

	if (isnan(x))
		return;
	x = round2(x);
	if (fabs(x) >= 1e12) {          /* beyond exact hundredths */
		buf_puts(b, fmt_num(x, t, sizeof t));
		return;
	}
	c = llround(x * 100);           /* x has 2 decimals: exact */
	if (c < 0) {
		buf_putc(b, '-');
		c = -c;
	}
	emit_int(b, c / 100);
	if (c % 100 == 0)
		return;
	buf_putc(b, '.');
	buf_putc(b, '0' + (int)(c % 100 / 10));
	if (c % 10 != 0)
		buf_putc(b, '0' + (int)(c % 10));
}

/* A JSON string: quotes and backslashes escaped, control characters as
 * \u00XX, everything else (UTF-8) as it is; NULL is null. */
static void
jstr(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (run = s; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		buf_put(b, run, (size_t)(s - run));
		run = s + 1;
		if (ch == '"' || ch == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, ch);
		} else {
			buf_puts(b, "\\u00");
			buf_putc(b, hex[ch >> 4]);
			buf_putc(b, hex[ch & 15]);
		}
	}
	buf_put(b, run, (size_t)(s - run));
	buf_putc(b, '"');
}

static void
jnum(struct buf *b, double x)
{
	if (isnan(x))
		buf_puts(b, "null");
	else
		emit_num(b, x);
}

/* A new line at depth (two spaces a level). */
static void
nl(struct buf *b, int depth)
{
	static const char sp[] = "                                ";

	buf_putc(b, '\n');
	buf_put(b, sp, (size_t)(2 * depth) < sizeof sp - 1 ?
	    (size_t)(2 * depth) : sizeof sp - 1);
}

/* `"key": ` at the start of a member on its own line; first: no comma. */
static void
key(struct buf *b, int depth, int first, const char *k)
{
	if (!first)
		buf_putc(b, ',');
	nl(b, depth);
	jstr(b, k);
	buf_puts(b, ": ");
}

/* `, "key": ` or `"key": ` inside a one-line object. */
static void
ikey(struct buf *b, int first, const char *k)
{
	if (!first)
		buf_puts(b, ", ");
	jstr(b, k);
	buf_puts(b, ": ");
}

static void
role_nums(struct buf *b, const double *v)
{
	int r;

	buf_putc(b, '{');
	for (r = 0; r < NROLES; r++) {
		ikey(b, r == 0, role_name((enum role)r));
		jnum(b, v[r]);
	}
	buf_putc(b, '}');
}

static void
role_ints(struct buf *b, const int *v)
{
	int r;

	buf_putc(b, '{');
	for (r = 0; r < NROLES; r++) {
		ikey(b, r == 0, role_name((enum role)r));
		emit_int(b, v[r]);
	}
	buf_putc(b, '}');
}

/* A list of competency indices as ids, on one line. */
static void
comp_ids(struct buf *b, const struct rubric *ru, const int *v, int n)
{
	int i;

	buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		jstr(b, ru->comps[v[i]].id);
	}
	buf_putc(b, ']');
}

static void
person_comp(struct buf *b, const struct rubric *ru, size_t k,
    const struct comp_score *cs, int depth)
{
	buf_putc(b, '{');
	key(b, depth + 1, 1, "id");
	jstr(b, ru->comps[k].id);
	key(b, depth + 1, 0, "score");
	jnum(b, cs->s);
	key(b, depth + 1, 0, "level");
	if (isnan(cs->s))
		buf_puts(b, "null");
	else
		emit_int(b, cs->level);
	key(b, depth + 1, 0, "expected");
	jnum(b, cs->expected);
	key(b, depth + 1, 0, "status");
	jstr(b, status_name(cs->status));
	key(b, depth + 1, 0, "by_role");
	role_nums(b, cs->by_role);
	key(b, depth + 1, 0, "raters_by_role");
	role_ints(b, cs->raters_by_role);
	key(b, depth + 1, 0, "raters");
	emit_int(b, cs->raters);
	key(b, depth + 1, 0, "gap");
	jnum(b, cs->gap);
	key(b, depth + 1, 0, "gap_flag");
	jstr(b, gap_flag_name(cs->gap_flag));
	nl(b, depth);
	buf_putc(b, '}');
}

/* trend: null without a previous cycle or for a person not in it. */
static void
person_trend(struct buf *b, const struct aggregates *a,
    const struct person_score *ps, int depth)
{
	const struct rubric *ru = a->cycle->rubric;
	size_t k;

	if (a->previous == NULL || !ps->in_previous) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '{');
	key(b, depth + 1, 1, "overall");
	jnum(b, ps->trend_overall);
	key(b, depth + 1, 0, "competencies");
	buf_putc(b, '{');
	for (k = 0; k < ru->ncomps; k++) {
		ikey(b, k == 0, ru->comps[k].id);
		jnum(b, ps->comps[k].trend);
	}
	buf_putc(b, '}');
	nl(b, depth);
	buf_putc(b, '}');
}

static void
person(struct buf *b, const struct aggregates *a, size_t p, int depth)
{
	const struct rubric *ru = a->cycle->rubric;
	const struct person *pe = &a->cycle->people[p];
	const struct person_score *ps = &a->people[p];
	size_t k;

	buf_putc(b, '{');
	key(b, depth + 1, 1, "id");
	jstr(b, pe->id);
	key(b, depth + 1, 0, "name");
	jstr(b, pe->name);
	key(b, depth + 1, 0, "level");
	jstr(b, pe->level);
	key(b, depth + 1, 0, "manager_id");
	jstr(b, pe->manager_id);
	key(b, depth + 1, 0, "overall");
	buf_putc(b, '{');
	ikey(b, 1, "score");
	jnum(b, ps->overall);
	ikey(b, 0, "percent");
	jnum(b, ps->percent);
	ikey(b, 0, "label");
	jstr(b, ps->label >= 0 ? a->labels[ps->label] : NULL);
	ikey(b, 0, "coverage");
	jnum(b, ps->coverage);
	buf_putc(b, '}');
	key(b, depth + 1, 0, "categories");
	buf_putc(b, '[');
	for (k = 0; k < ru->ncats; k++) {
		buf_puts(b, k == 0 ? "" : ",");
		nl(b, depth + 2);
		buf_putc(b, '{');
		ikey(b, 1, "id");
		jstr(b, ru->cats[k].id);
		ikey(b, 0, "score");
		jnum(b, ps->cats[k]);
		buf_putc(b, '}');
	}
	if (ru->ncats > 0)
		nl(b, depth + 1);
	buf_putc(b, ']');
	key(b, depth + 1, 0, "competencies");
	buf_putc(b, '[');
	for (k = 0; k < ru->ncomps; k++) {
		buf_puts(b, k == 0 ? "" : ",");
		nl(b, depth + 2);
		person_comp(b, ru, k, &ps->comps[k], depth + 2);
	}
	if (ru->ncomps > 0)
		nl(b, depth + 1);
	buf_putc(b, ']');
	key(b, depth + 1, 0, "strengths");
	comp_ids(b, ru, ps->strengths, ps->nstrengths);
	key(b, depth + 1, 0, "growth");
	comp_ids(b, ru, ps->growth, ps->ngrowth);
	key(b, depth + 1, 0, "trend");
	person_trend(b, a, ps, depth + 1);
	nl(b, depth);
	buf_putc(b, '}');
}

static void
group_comp(struct buf *b, const struct aggregates *a, size_t k,
    const struct group_comp *g, int depth)
{
	const struct rubric *ru = a->cycle->rubric;
	size_t i;

	buf_putc(b, '{');
	key(b, depth + 1, 1, "id");
	jstr(b, ru->comps[k].id);
	key(b, depth + 1, 0, "n");
	emit_int(b, g->n);
	key(b, depth + 1, 0, "mean");
	jnum(b, g->mean);
	key(b, depth + 1, 0, "median");
	jnum(b, g->median);
	key(b, depth + 1, 0, "stdev");
	jnum(b, g->stdev);
	key(b, depth + 1, 0, "min");
	jnum(b, g->min);
	key(b, depth + 1, 0, "max");
	jnum(b, g->max);
	key(b, depth + 1, 0, "distribution");
	buf_putc(b, '{');
	for (i = 0; i < ru->scale.n; i++) {
		buf_puts(b, i == 0 ? "\"" : ", \"");
		emit_int(b, ru->scale.levels[i].value);
		buf_puts(b, "\": ");
		emit_int(b, g->distribution[i]);
	}
	buf_putc(b, '}');
	key(b, depth + 1, 0, "below_expected");
	emit_int(b, g->below_expected);
	key(b, depth + 1, 0, "below_share");
	jnum(b, g->below_share);
	key(b, depth + 1, 0, "trend");
	jnum(b, g->trend);
	nl(b, depth);
	buf_putc(b, '}');
}

/* members, labels and competencies of a group, as members of the object
 * being written; first: they are its first members. */
static void
group_body(struct buf *b, const struct aggregates *a, const struct group *g,
    int depth, int first)
{
	size_t i, n = 0;

	key(b, depth, first, "members");
	emit_int(b, (long long)g->nmembers);
	key(b, depth, 0, "labels");
	buf_putc(b, '{');
	for (i = 0; i < a->nlabels; i++) {
		if (g->labels[i] == 0)
			continue;
		ikey(b, n++ == 0, a->labels[i]);
		emit_int(b, g->labels[i]);
	}
	buf_putc(b, '}');
	key(b, depth, 0, "competencies");
	buf_putc(b, '[');
	for (i = 0; i < a->cycle->rubric->ncomps; i++) {
		buf_puts(b, i == 0 ? "" : ",");
		nl(b, depth + 1);
		group_comp(b, a, i, &g->comps[i], depth + 1);
	}
	if (a->cycle->rubric->ncomps > 0)
		nl(b, depth);
	buf_putc(b, ']');
}

/* chunk: hands what is in b so far to flush once it holds a megabyte
 * (flush empties b); nothing without a flush. */
static void
chunk(struct buf *b, emit_flush_fn flush, void *arg)
{
	if (flush != NULL && b->len >= (1u << 20))
		flush(arg, b);
}

static void
groups(struct buf *b, const struct aggregates *a, emit_flush_fn flush,
    void *arg)
{
	size_t i;

	key(b, 1, 0, "teams");
	buf_putc(b, '[');
	for (i = 0; i < a->nteams; i++) {
		buf_puts(b, i == 0 ? "" : ",");
		nl(b, 2);
		buf_putc(b, '{');
		key(b, 3, 1, "manager_id");
		jstr(b, a->teams[i].key);
		group_body(b, a, &a->teams[i], 3, 0);
		nl(b, 2);
		buf_putc(b, '}');
		chunk(b, flush, arg);
	}
	if (a->nteams > 0)
		nl(b, 1);
	buf_putc(b, ']');
	key(b, 1, 0, "departments");
	buf_putc(b, '[');
	for (i = 0; i < a->ndepts; i++) {
		buf_puts(b, i == 0 ? "" : ",");
		nl(b, 2);
		buf_putc(b, '{');
		key(b, 3, 1, "department");
		jstr(b, a->depts[i].key);
		key(b, 3, 0, "slug");
		jstr(b, a->cycle->depts[i].slug);
		group_body(b, a, &a->depts[i], 3, 0);
		nl(b, 2);
		buf_putc(b, '}');
	}
	if (a->ndepts > 0)
		nl(b, 1);
	buf_putc(b, ']');
	key(b, 1, 0, "org");
	buf_putc(b, '{');
	group_body(b, a, &a->org, 2, 1);
	nl(b, 1);
	buf_putc(b, '}');
}

static void
calibration(struct buf *b, const struct aggregates *a)
{
	size_t i;

	key(b, 1, 0, "calibration");
	buf_putc(b, '[');
	for (i = 0; i < a->ncal; i++) {
		const struct calibration *k = &a->cal[i];

		buf_puts(b, i == 0 ? "" : ",");
		nl(b, 2);
		buf_putc(b, '{');
		ikey(b, 1, "manager_id");
		jstr(b, k->rater_id);
		ikey(b, 0, "ratings");
		emit_int(b, k->ratings);
		ikey(b, 0, "mean_given");
		jnum(b, k->mean_given);
		ikey(b, 0, "delta_vs_org");
		jnum(b, k->delta_vs_org);
		ikey(b, 0, "flag");
		buf_puts(b, k->flag ? "true" : "false");
		buf_putc(b, '}');
	}
	if (a->ncal > 0)
		nl(b, 1);
	buf_putc(b, ']');
}

void
emit_json(const struct aggregates *a, const struct diag *d, struct buf *out,
    emit_flush_fn flush, void *arg)
{
	size_t i, n = d != NULL ? diag_count(d) : 0;

	buf_putc(out, '{');
	key(out, 1, 1, "cycle");
	buf_putc(out, '{');
	ikey(out, 1, "id");
	jstr(out, a->cycle->id);
	ikey(out, 0, "title");
	jstr(out, a->cycle->title);
	buf_putc(out, '}');
	key(out, 1, 0, "people");
	buf_putc(out, '[');
	for (i = 0; i < a->cycle->npeople; i++) {
		buf_puts(out, i == 0 ? "" : ",");
		nl(out, 2);
		person(out, a, i, 2);
		chunk(out, flush, arg);
	}
	if (a->cycle->npeople > 0)
		nl(out, 1);
	buf_putc(out, ']');
	groups(out, a, flush, arg);
	calibration(out, a);
	key(out, 1, 0, "warnings");
	buf_putc(out, '[');
	for (i = 0; i < n; i++) {
		buf_puts(out, i == 0 ? "" : ",");
		nl(out, 2);
		jstr(out, diag_text(d, i, NULL));
	}
	if (n > 0)
		nl(out, 1);
	buf_puts(out, "]\n}\n");
}
