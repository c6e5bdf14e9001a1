/* emit_xlsx.c: aggregates to aggregates.xlsx, a formatted workbook of the
 * figures aggregates.json holds (people, competency heat map, teams,
 * departments, organisation, calibration, and a README sheet); the only
 * libxlsxwriter user. See emit.h for the contract. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "emit.h"
#include "tmpl.h"

/* Widths in characters (Excel's unit): text columns fit their longest
 * cell within these bounds; a longer cell is cut off on screen only. */
#define W_MIN   6.0
#define W_MAX   40.0
#define W_NUM   9.0

/* Excel refuses longer cell texts (LXW_STR_MAX). */
#define CELL_MAX 32767

/* The workbook being made and the formats every sheet shares. */
struct xw {
	const struct aggregates *a;
	const struct tmpl *t;
	lxw_workbook *wb;
	lxw_format *head;       /* bold header row, wrapped */
	lxw_format *num;        /* "0.00" */
	lxw_format *intf;       /* "0": counts */
	lxw_format *status[3];  /* chips: red, yellow, green (enum status) */
	lxw_format *flag_text, *flag_num;       /* a flagged calibration row */
	lxw_format *wrap;       /* README's explanations */
	lxw_format *title;
	lxw_error err;          /* the first failure, or LXW_NO_ERROR */
	struct buf tmp;         /* a cell's text, when it must be changed */
};

static void
check(struct xw *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

/* --- cells --- */

/* is_xescape: s starts with "_xHHHH_", which Excel and LibreOffice read
 * as the character U+HHHH inside a string (libxlsxwriter writes control
 * characters that way, XML having no other way to carry them). */
static int
is_xescape(const char *s)
{
	int i;

	if (s[0] != '_' || s[1] != 'x')
		return 0;
	for (i = 2; i < 6; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[6] == '_';
}

/* cell_text: s as a cell must hold it: a literal "_xHHHH_" gets its
 * underscore escaped as "_x005F_" (what Excel writes), so a name reads
 * back as it was; cut at CELL_MAX bytes on a character boundary. Borrowed
 * from x->tmp or s. */
static const char *
cell_text(struct xw *x, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	if (n <= CELL_MAX && strstr(s, "_x") == NULL)
		return s;
	buf_reset(&x->tmp);
	for (p = s; *p != '\0' && x->tmp.len < CELL_MAX - 7; p++) {
		if (is_xescape(p))
			buf_puts(&x->tmp, "_x005F");
		buf_putc(&x->tmp, *p);
	}
	while (x->tmp.len > 0 && *p != '\0' &&
	    ((unsigned char)*p & 0xC0) == 0x80) {
		p--;                    /* cut before a whole character */
		x->tmp.len--;
	}
	buf_putc(&x->tmp, '\0');
	return x->tmp.p;
}

/* str: a text cell; NULL leaves the cell empty. */
static void
str(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const char *s, lxw_format *f)
{
	if (s == NULL) {
		if (f != NULL)
			check(x, worksheet_write_blank(ws, r, c, f));
		return;
	}
	check(x, worksheet_write_string(ws, r, c, cell_text(x, s), f));
}

/* num: a number cell shown with 2 decimals (f: x->num, or a highlight
 * that has them); NAN (JSON's null) leaves the cell empty. */
static void
num(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
    lxw_format *f)
{
	if (!isnan(v))
		check(x, worksheet_write_number(ws, r, c, v, f));
}

/* integer: a count. */
static void
integer(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, long v)
{
	check(x, worksheet_write_number(ws, r, c, (double)v, x->intf));
}

/* chars: the code points of s (UTF-8), for column widths. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* width: a column wide enough for n characters, within bounds. */
static double
width(size_t n)
{
	double w = (double)n + 2;

	return w < W_MIN ? W_MIN : w > W_MAX ? W_MAX : w;
}

/* header: row 0 of a sheet: bold, frozen, with an autofilter over
 * `rows` data rows below it. */
static void
header(struct xw *x, lxw_worksheet *ws, const char *const *names, size_t n,
    size_t rows)
{
	size_t i;

	for (i = 0; i < n; i++)
		str(x, ws, 0, (lxw_col_t)i, names[i], x->head);
	worksheet_freeze_panes(ws, 1, 0);
	if (n > 0)
		check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)rows,
		    (lxw_col_t)(n - 1)));
}

/* people_width: the width for a text column of the people: its header and
 * field f of every person (f: 0 id, 1 name, 2 level, 3 manager id, 4
 * department). */
static double
people_width(const struct cycle *c, int f, const char *head)
{
	size_t p, n = chars(head);

	for (p = 0; p < c->npeople; p++) {
		const struct person *pe = &c->people[p];
		const char *s = f == 0 ? pe->id : f == 1 ? pe->name :
		    f == 2 ? pe->level : f == 3 ? pe->manager_id :
		    pe->department;
		size_t k = chars(s);

		if (k > n)
			n = k;
		if (n >= (size_t)W_MAX)
			break;
	}
	return width(n);
}

/* --- colours --- */

static lxw_color_t
rgb(struct rgb c)
{
	int r = (int)lroundf(c.r * 255), g = (int)lroundf(c.g * 255),
	    b = (int)lroundf(c.b * 255);

	return (lxw_color_t)((r << 16) | (g << 8) | b);
}

/* chip: a filled format in template colour tc with readable text. */
static lxw_format *
chip(struct xw *x, enum tmpl_color tc, const char *num_format)
{
	lxw_format *f = workbook_add_format(x->wb);

	format_set_bg_color(f, rgb(x->t->colors[tc]));
	format_set_font_color(f, rgb(rgb_readable(x->t->colors[TC_TEXT], x->t->colors[tc])));
	if (num_format != NULL)
		format_set_num_format(f, num_format);
	return f;
}

static void
formats(struct xw *x)
{
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->num = workbook_add_format(x->wb);
	format_set_num_format(x->num, "0.00");
	x->intf = workbook_add_format(x->wb);
	format_set_num_format(x->intf, "0");
	x->status[STATUS_RED] = chip(x, TC_RED, NULL);
	x->status[STATUS_YELLOW] = chip(x, TC_YELLOW, NULL);
	x->status[STATUS_GREEN] = chip(x, TC_GREEN, NULL);
	x->flag_text = chip(x, TC_YELLOW, NULL);
	x->flag_num = chip(x, TC_YELLOW, "0.00");
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
}

static const char *
status_word(const struct tmpl *t, enum status s)
{
	switch (s) {
	case STATUS_RED:
		return tmpl_word(t, TW_RED);
	case STATUS_YELLOW:
		return tmpl_word(t, TW_YELLOW);
	case STATUS_GREEN:
		return tmpl_word(t, TW_GREEN);
	default:
		return NULL;
	}
}

/* --- People: aggregates.csv's columns, then each competency's status --- */

static const char *const people_cols[] = {
	"id", "name", "level", "manager_id", "department", "overall",
	"percent", "label", "coverage"
};
#define NPEOPLE_COLS NELEM(people_cols)

static void
people_row(struct xw *x, lxw_worksheet *ws, size_t p)
{
	const struct aggregates *a = x->a;
	const struct person *pe = &a->cycle->people[p];
	const struct person_score *ps = &a->people[p];
	size_t k, nc = a->cycle->rubric->ncomps;
	lxw_row_t r = (lxw_row_t)(p + 1);

	str(x, ws, r, 0, pe->id, NULL);
	str(x, ws, r, 1, pe->name, NULL);
	str(x, ws, r, 2, pe->level, NULL);
	str(x, ws, r, 3, pe->manager_id, NULL);
	str(x, ws, r, 4, pe->department, NULL);
	num(x, ws, r, 5, ps->overall, x->num);
	num(x, ws, r, 6, ps->percent, x->num);
	str(x, ws, r, 7, ps->label >= 0 ? a->labels[ps->label] : NULL, NULL);
	num(x, ws, r, 8, ps->coverage, x->num);
	for (k = 0; k < nc; k++) {
		const struct comp_score *cs = &ps->comps[k];
		lxw_col_t c = (lxw_col_t)(NPEOPLE_COLS + k);

		num(x, ws, r, c, cs->s, x->num);
		if (cs->status != STATUS_NONE)
			str(x, ws, r, (lxw_col_t)(c + nc),
			    status_word(x->t, cs->status),
			    x->status[cs->status]);
	}
}

static void
people_sheet(struct xw *x)
{
	const struct cycle *c = x->a->cycle;
	const struct rubric *ru = c->rubric;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "People");
	size_t i, k, n = NPEOPLE_COLS + 2 * ru->ncomps;
	const char **names = xcalloc(n, sizeof *names);
	struct buf b;

	buf_init(&b);
	for (i = 0; i < NPEOPLE_COLS; i++)
		names[i] = people_cols[i];
	for (k = 0; k < ru->ncomps; k++) {
		names[NPEOPLE_COLS + k] = ru->comps[k].id;
		buf_printf(&b, "%s status%c", ru->comps[k].id, '\0');
	}
	for (i = 0, k = 0; k < ru->ncomps; k++) {
		names[NPEOPLE_COLS + ru->ncomps + k] = b.p + i;
		i += strlen(b.p + i) + 1;
	}
	for (i = 0; i < 5; i++)
		check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    people_width(c, (int)i, people_cols[i]), NULL));
	check(x, worksheet_set_column(ws, 5, 6, W_NUM, NULL));
	check(x, worksheet_set_column(ws, 7, 7, 22, NULL));
	check(x, worksheet_set_column(ws, 8, (lxw_col_t)(NPEOPLE_COLS +
	    ru->ncomps - 1), 12, NULL));
	if (ru->ncomps > 0)
		check(x, worksheet_set_column(ws, (lxw_col_t)(NPEOPLE_COLS +
		    ru->ncomps), (lxw_col_t)(n - 1), 12, NULL));
	header(x, ws, names, n, c->npeople);
	for (i = 0; i < c->npeople; i++)
		people_row(x, ws, i);
	free(names);
	buf_free(&b);
}

/* --- Competencies: person x competency scores as a heat map --- */

static void
competencies_sheet(struct xw *x)
{
	const struct cycle *c = x->a->cycle;
	const struct rubric *ru = c->rubric;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Competencies");
	size_t p, k, n = 2 + ru->ncomps;
	const char **names = xcalloc(n, sizeof *names);
	lxw_conditional_format cf;

	names[0] = "id";
	names[1] = "name";
	for (k = 0; k < ru->ncomps; k++)
		names[2 + k] = ru->comps[k].id;
	check(x, worksheet_set_column(ws, 0, 0, people_width(c, 0, "id"),
	    NULL));
	check(x, worksheet_set_column(ws, 1, 1, people_width(c, 1, "name"),
	    NULL));
	if (ru->ncomps > 0)
		check(x, worksheet_set_column(ws, 2, (lxw_col_t)(n - 1), 12,
		    NULL));
	header(x, ws, names, n, c->npeople);
	for (p = 0; p < c->npeople; p++) {
		lxw_row_t r = (lxw_row_t)(p + 1);

		str(x, ws, r, 0, c->people[p].id, NULL);
		str(x, ws, r, 1, c->people[p].name, NULL);
		for (k = 0; k < ru->ncomps; k++)
			num(x, ws, r, (lxw_col_t)(2 + k),
			    x->a->people[p].comps[k].s, x->num);
	}
	/* The template's red, yellow and green from the scale's minimum
	 * through the yellow threshold to the green threshold and above. */
	if (c->npeople > 0 && ru->ncomps > 0) {
		memset(&cf, 0, sizeof cf);
		cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
		cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
		cf.min_value = ru->scale.min;
		cf.min_color = rgb(x->t->colors[TC_RED]);
		cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
		cf.mid_value = ru->yellow;
		cf.mid_color = rgb(x->t->colors[TC_YELLOW]);
		cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
		cf.max_value = ru->green;
		cf.max_color = rgb(x->t->colors[TC_GREEN]);
		check(x, worksheet_conditional_format_range(ws, 1, 2,
		    (lxw_row_t)c->npeople, (lxw_col_t)(n - 1), &cf));
	}
	free(names);
}

/* --- Teams, Departments, Organisation: a row per group and competency --- */

static const char *const group_cols[] = {
	"members", "competency", "n", "mean", "median", "stdev", "min", "max",
	"below_expected", "below_share", "trend"
};
#define NGROUP_COLS NELEM(group_cols)

/* group_rows: the rows of group g from row *r on, keys[0..nkeys) in its
 * first columns. */
static void
group_rows(struct xw *x, lxw_worksheet *ws, const struct group *g,
    const char *const *keys, size_t nkeys, lxw_row_t *r)
{
	const struct aggregates *a = x->a;
	const struct rubric *ru = a->cycle->rubric;
	size_t k, i;

	for (k = 0; k < ru->ncomps; k++, (*r)++) {
		const struct group_comp *gc = &g->comps[k];
		lxw_col_t c = (lxw_col_t)nkeys;

		for (i = 0; i < nkeys; i++)
			str(x, ws, *r, (lxw_col_t)i, keys[i], NULL);
		integer(x, ws, *r, c, (long)g->nmembers);
		str(x, ws, *r, c + 1, ru->comps[k].id, NULL);
		integer(x, ws, *r, c + 2, gc->n);
		num(x, ws, *r, c + 3, gc->mean, x->num);
		num(x, ws, *r, c + 4, gc->median, x->num);
		num(x, ws, *r, c + 5, gc->stdev, x->num);
		num(x, ws, *r, c + 6, gc->min, x->num);
		num(x, ws, *r, c + 7, gc->max, x->num);
		integer(x, ws, *r, c + 8, gc->below_expected);
		num(x, ws, *r, c + 9, gc->below_share, x->num);
		num(x, ws, *r, c + 10, gc->trend, x->num);
		c += NGROUP_COLS;
		for (i = 0; i < ru->scale.n; i++)
			integer(x, ws, *r, c++, gc->distribution[i]);
		for (i = 0; i < a->nlabels; i++)
			integer(x, ws, *r, c++, g->labels[i]);
	}
}

/* group_sheet: a sheet of groups g[0..n): keys[i] names the key columns
 * (nkeys of them), key(i, j) their values. */
static void
group_sheet(struct xw *x, const char *name, const struct group *g, size_t n,
    const char *const *keynames, size_t nkeys,
    const char *(*key)(const struct aggregates *, size_t, size_t))
{
	const struct aggregates *a = x->a;
	const struct rubric *ru = a->cycle->rubric;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	size_t i, j, nc = nkeys + NGROUP_COLS + ru->scale.n + a->nlabels;
	const char **names = xcalloc(nc, sizeof *names);
	const char *keys[2];
	lxw_row_t r = 1;
	struct buf b;
	size_t at;

	buf_init(&b);
	for (i = 0; i < nkeys; i++)
		names[i] = keynames[i];
	for (i = 0; i < NGROUP_COLS; i++)
		names[nkeys + i] = group_cols[i];
	for (i = 0; i < ru->scale.n; i++)
		buf_printf(&b, "level %d%c", ru->scale.levels[i].value, '\0');
	for (i = 0; i < a->nlabels; i++)
		buf_printf(&b, "label: %s%c", a->labels[i], '\0');
	for (i = 0, at = 0; i < ru->scale.n + a->nlabels; i++) {
		names[nkeys + NGROUP_COLS + i] = b.p + at;
		at += strlen(b.p + at) + 1;
	}
	for (i = 0; i < nkeys; i++)
		check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    i == 0 ? 22 : 16, NULL));
	check(x, worksheet_set_column(ws, (lxw_col_t)nkeys,
	    (lxw_col_t)(nc - 1), W_NUM + 2, NULL));
	check(x, worksheet_set_column(ws, (lxw_col_t)nkeys + 1,
	    (lxw_col_t)nkeys + 1, 24, NULL));
	header(x, ws, names, nc, n * ru->ncomps);
	for (i = 0; i < n; i++) {
		for (j = 0; j < nkeys; j++)
			keys[j] = key(a, i, j);
		group_rows(x, ws, &g[i], keys, nkeys, &r);
	}
	free(names);
	buf_free(&b);
}

static const char *
team_key(const struct aggregates *a, size_t i, size_t j)
{
	(void)j;
	return a->teams[i].key;
}

static const char *
dept_key(const struct aggregates *a, size_t i, size_t j)
{
	return j == 0 ? a->depts[i].key : a->cycle->depts[i].slug;
}

static const char *
no_key(const struct aggregates *a, size_t i, size_t j)
{
	(void)a;
	(void)i;
	(void)j;
	return NULL;
}

/* --- Calibration: flagged raters highlighted --- */

static void
calibration_sheet(struct xw *x)
{
	static const char *const cols[] = {
		"manager_id", "name", "ratings", "mean_given", "delta_vs_org",
		"flag"
	};
	const struct aggregates *a = x->a;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Calibration");
	size_t i;

	check(x, worksheet_set_column(ws, 0, 0, 16, NULL));
	check(x, worksheet_set_column(ws, 1, 1, 28, NULL));
	check(x, worksheet_set_column(ws, 2, 5, 13, NULL));
	header(x, ws, cols, NELEM(cols), a->ncal);
	for (i = 0; i < a->ncal; i++) {
		const struct calibration *k = &a->cal[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		lxw_format *ft = k->flag ? x->flag_text : NULL;
		lxw_format *fn = k->flag ? x->flag_num : x->num;

		str(x, ws, r, 0, k->rater_id, ft);
		str(x, ws, r, 1, k->rater >= 0 ?
		    a->cycle->people[k->rater].name : NULL, ft);
		check(x, worksheet_write_number(ws, r, 2, k->ratings,
		    k->flag ? ft : x->intf));
		num(x, ws, r, 3, k->mean_given, fn);
		num(x, ws, r, 4, k->delta_vs_org, fn);
		check(x, worksheet_write_boolean(ws, r, 5, k->flag, ft));
	}
}

/* --- README sheet: what the figures mean, from the scoring rules --- */

static const char *const readme[][2] = {
	{ "Sheets", NULL },
	{ "People", "One row per person of the roster, the columns of "
	  "aggregates.csv: overall score, percent of scale, overall label, "
	  "coverage and each competency's score; then each competency's "
	  "status (red, yellow or green, coloured as in the documents). An "
	  "empty cell means no figure (nothing rated)." },
	{ "Competencies", "Each person's competency scores, coloured from "
	  "red at the bottom of the scale through yellow at the yellow "
	  "threshold to green at the green threshold." },
	{ "Teams", "Per manager (their direct reports) and competency: "
	  "the group figures below, the number of people per level "
	  "(level N) and per overall label (label: ...)." },
	{ "Departments", "The same figures per department." },
	{ "Organisation", "The same figures for everyone." },
	{ "Calibration", "Per rater of manager ratings; flagged rows are "
	  "highlighted." },
	{ "Figures", NULL },
	{ "Rounding", "Every figure has 2 decimals, rounded half away from "
	  "zero where it is made; figures made from it use the rounded "
	  "value, so labels and colours agree with the numbers." },
	{ "score", "A competency's score: the weighted mean of the roles' "
	  "mean scores (manager, self, peer, direct report) with the "
	  "cycle's rater weights (default: manager 1, others 0). Peers or "
	  "direct reports with fewer raters than the anonymity threshold "
	  "are left out. No weighted role rated: no score." },
	{ "level", "The highest scale level not above the score (3.71 is "
	  "level 3)." },
	{ "status", "Against the expected level for the person's role level "
	  "when the rubric lists one: green at or above it, yellow within 1 "
	  "below, red further below. Otherwise against the rubric's green and "
	  "yellow thresholds." },
	{ "overall", "The weighted mean of the category scores (by category "
	  "weight) when every category has a weight, else of the competency "
	  "scores (by competency weight). Empty when nothing is rated." },
	{ "percent", "Where the overall score lies on the scale: (overall - "
	  "minimum) / (maximum - minimum) x 100." },
	{ "label", "The first band whose minimum the overall score reaches; "
	  "without bands, the label of the level reached." },
	{ "coverage", "Rated competencies / all competencies, from 0 to 1." },
	{ "members", "People in the group." },
	{ "n", "People in the group with a score on the competency." },
	{ "mean, median, min, max", "Over those people's scores." },
	{ "stdev", "Sample standard deviation of those scores; empty when "
	  "fewer than 2." },
	{ "below_expected", "People with an expected level whose score is "
	  "below it." },
	{ "below_share", "below_expected / people with an expected level "
	  "and a score; empty when there are none." },
	{ "trend", "This cycle's figure minus the previous cycle's, when the "
	  "cycle names a previous one; empty otherwise." },
	{ "ratings", "Calibration: the manager ratings the rater gave." },
	{ "mean_given", "Calibration: the mean of those ratings." },
	{ "delta_vs_org", "Calibration: mean_given minus the mean of all "
	  "manager ratings in the cycle; flagged when 0.5 or more either "
	  "way." },
};

static void
readme_sheet(struct xw *x)
{
	const struct cycle *c = x->a->cycle;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "README");
	lxw_row_t r = 0;
	size_t i;

	check(x, worksheet_set_column(ws, 0, 0, 24, x->wrap));
	check(x, worksheet_set_column(ws, 1, 1, 90, x->wrap));
	str(x, ws, r++, 0, c->title, x->title);
	str(x, ws, r, 0, "Cycle", NULL);
	str(x, ws, r++, 1, c->id, NULL);
	str(x, ws, r, 0, "Source", NULL);
	str(x, ws, r++, 1, "The figures of aggregates.json, written by "
	    "revpack from the same scores.", NULL);
	for (i = 0; i < NELEM(readme); i++) {
		if (readme[i][1] == NULL) {
			r++;
			str(x, ws, r++, 0, readme[i][0], x->head);
			continue;
		}
		str(x, ws, r, 0, readme[i][0], x->wrap);
		str(x, ws, r++, 1, readme[i][1], x->wrap);
	}
}

/* --- the workbook --- */

/* slurp: the whole file at path appended to out. 0, or -1 with errno. */
static int
slurp(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char b[65536];
	size_t n;
	int err;

	if (f == NULL)
		return -1;
	do {
		n = fread(b, 1, sizeof b, f);
		buf_put(out, b, n);
	} while (n == sizeof b);
	err = ferror(f) ? EIO : 0;
	fclose(f);
	errno = err;
	return err != 0 ? -1 : 0;
}

static void
sheets(struct xw *x)
{
	static const char *const team_keys[] = { "manager_id" };
	static const char *const dept_keys[] = { "department", "slug" };
	const struct aggregates *a = x->a;

	people_sheet(x);
	competencies_sheet(x);
	group_sheet(x, "Teams", a->teams, a->nteams, team_keys, 1, team_key);
	group_sheet(x, "Departments", a->depts, a->ndepts, dept_keys, 2,
	    dept_key);
	group_sheet(x, "Organisation", &a->org, 1, NULL, 0, no_key);
	calibration_sheet(x);
	readme_sheet(x);
}

int
emit_xlsx(const struct aggregates *a, const struct tmpl *t, long long epoch,
    const char *tmpdir, struct buf *out, struct diag *d)
{
	lxw_workbook_options opt;
	lxw_doc_properties props;
	struct xw x;
	struct buf path;
	int st = 0;

	memset(&x, 0, sizeof x);
	memset(&opt, 0, sizeof opt);
	memset(&props, 0, sizeof props);
	buf_init(&path);
	buf_init(&x.tmp);
	buf_printf(&path, "%s/aggregates.%ld.xlsx", tmpdir, (long)getpid());
	x.a = a;
	x.t = t;
	/* Parts go through temporaries in tmpdir (made and unlinked at
	 * once); the zip entries are dated 1 January 1980 whatever the
	 * clock, and the properties' date is fixed here, so the bytes
	 * depend on the inputs only. 0 would mean "now". constant_memory:
	 * each row goes to its sheet's temporary once the next begins
	 * (every sheet is written row by row, top down), so 10,000 people
	 * cost 3 MB of memory instead of 100 MB of cell tables; strings are
	 * then inline, 8% more bytes. */
	opt.tmpdir = (char *)tmpdir;
	opt.constant_memory = LXW_TRUE;
	props.title = (char *)a->cycle->title;
	props.subject = (char *)"revpack aggregates";
	props.author = (char *)"revpack";
	props.created = epoch > 0 ? (time_t)epoch : (time_t)315532800;
	x.wb = workbook_new_opt(path.p, &opt);
	if (x.wb == NULL) {
		diag_error(d, NULL, "aggregates.xlsx: cannot write: out of "
		    "memory or no temporary folder");
		st = -1;
		goto out;
	}
	check(&x, workbook_set_properties(x.wb, &props));
	formats(&x);
	sheets(&x);
	check(&x, workbook_close(x.wb));
	if (x.err != LXW_NO_ERROR) {
		diag_error(d, NULL, "aggregates.xlsx: cannot write: %s",
		    lxw_strerror(x.err));
		st = -1;
	} else if (slurp(path.p, out) != 0) {
		diag_error(d, NULL, "aggregates.xlsx: cannot write: %s",
		    strerror(errno));
		st = -1;
	}
	unlink(path.p);
out:
	buf_free(&x.tmp);
	buf_free(&path);
	return st;
}
