/* in_header.c: in_header.h's layouts and names. The layouts, as the tools
 * export them:
 *   Qualtrics (CSV, "use numeric values" or choice text alike):
 *     StartDate,EndDate,...,ResponseId,...,Q1,Q2_1,Q2_2
 *     Start Date,End Date,...,Response ID,...,Your manager,How would you
 *       rate... - Complaint handling,...
 *     {"ImportId":"startDate","timeZone":"..."},...,{"ImportId":"QID2_1"}
 *   SurveyMonkey ("All individual responses", expanded or condensed):
 *     Respondent ID,Collector ID,...,How would you rate...,,,Anything else?
 *     ,,...,Complaint handling,Follow-up,Onboarding,Open-Ended Response */
#include <string.h>

#include "in_header.h"

/* cell: row r's cell i, trimmed, in *s, *n (empty beyond the row's end). */
static void
cell(const struct hdr_row *r, size_t i, const char **s, size_t *n)
{
	if (i >= r->n) {
		*s = "";
		*n = 0;
		return;
	}
	*s = r->f[i];
	*n = r->len[i];
	str_trim(s, n);
}

static int
blank(const struct hdr_row *r, size_t i)
{
	const char *s;
	size_t n;

	cell(r, i, &s, &n);
	return n == 0;
}

static int
cell_is(const struct hdr_row *r, size_t i, const char *word)
{
	const char *s;
	size_t n, k = strlen(word), j;

	cell(r, i, &s, &n);
	if (n != k)
		return 0;
	for (j = 0; j < n; j++)
		if ((s[j] | 0x20) != (word[j] | 0x20))
			return 0;
	return 1;
}

static int
qualtrics(const struct hdr_row *r3)
{
	static const char key[] = "{\"ImportId\":";
	size_t i, full = 0, ids = 0;

	for (i = 0; i < r3->n; i++) {
		const char *s;
		size_t n;

		cell(r3, i, &s, &n);
		if (n == 0)
			continue;
		full++;
		ids += n >= sizeof key - 1 && memcmp(s, key, sizeof key - 1) == 0;
	}
	return full > 0 && ids * 2 > full;
}

static int
surveymonkey(const struct hdr_row *r1, const struct hdr_row *r2)
{
	size_t i, merged = 0, said = 0;
	int named = 0;

	if (r1->n == 0 || blank(r1, 0) || !blank(r2, 0))
		return 0;
	for (i = 0; i < r1->n; i++) {
		if (!blank(r1, i)) {
			named = 1;
			continue;
		}
		/* a blank right of a question: a merged cell */
		if (named && blank(r2, i))
			return 0;
		merged += named;
	}
	for (i = 0; i < r2->n; i++)
		said += cell_is(r2, i, "Response") ||
		    cell_is(r2, i, "Open-Ended Response");
	return merged > 0 || said > 0;
}

/* title: row 1 is a report's title (one cell, the first) above a header
 * of several named columns, as Workday's and other reports' "Export to
 * Excel" write it. */
static int
title(const struct hdr_row *r1, const struct hdr_row *r2)
{
	size_t i, named = 0;

	for (i = 1; i < r1->n; i++)
		if (!blank(r1, i))
			return 0;
	if (blank(r1, 0))
		return 0;
	for (i = 0; i < r2->n; i++)
		named += !blank(r2, i);
	return named >= 3;
}

struct hdr_layout
hdr_recognise(const struct hdr_row *rows, size_t n)
{
	struct hdr_layout l = { 1, 1, 0, NULL };

	if (n >= 3 && qualtrics(&rows[2])) {
		l.rows = 3;
		l.names = 2;
		l.alias = 1;
		l.tool = "Qualtrics";
	} else if (n >= 2 && surveymonkey(&rows[0], &rows[1])) {
		l.rows = 2;
		l.names = 0;
		l.tool = "SurveyMonkey";
	} else if (n >= 2 && title(&rows[0], &rows[1])) {
		l.rows = 2;
		l.names = 2;
		l.tool = "a report title";
	}
	return l;
}

/* dropped: a part of a joined name that says nothing. */
static int
dropped(const char *s, size_t n)
{
	return (n == 8 && memcmp(s, "Response", 8) == 0) ||
	    (n == 19 && memcmp(s, "Open-Ended Response", 19) == 0);
}

/* joined: column i's name from all header rows; fill[h] is the last
 * non-blank cell of row h left of i (updated here). */
static const char *
joined(const struct hdr_row *rows, size_t nh, size_t i, const char **fill,
    size_t *filln, struct arena *a)
{
	struct buf b;
	const char *s, *prev = NULL, *out;
	size_t h, n, prevn = 0, k;

	buf_init(&b);
	buf_put(&b, "", 0);
	for (h = 0; h < nh; h++) {
		cell(&rows[h], i, &s, &n);
		if (n > 0) {
			fill[h] = s;
			filln[h] = n;
		} else if (fill[h] != NULL) {
			/* a merged cell: only when a lower row names the column */
			for (k = h + 1; k < nh && blank(&rows[k], i); k++)
				continue;
			if (k < nh) {
				s = fill[h];
				n = filln[h];
			}
		}
		if (n == 0 || dropped(s, n) ||
		    (prev != NULL && n == prevn && memcmp(s, prev, n) == 0))
			continue;
		if (prev != NULL)
			buf_puts(&b, " - ");
		buf_put(&b, s, n);
		prev = s;
		prevn = n;
	}
	out = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return out;
}

void
hdr_names(const struct hdr_row *rows, size_t nh, int names_row,
    size_t ncols, struct arena *a, const char **out)
{
	const char *fill[16] = { NULL };
	size_t filln[16] = { 0 }, i;
	const char *s;
	size_t n;

	if (nh > NELEM(fill))
		nh = NELEM(fill);
	for (i = 0; i < ncols; i++) {
		if (names_row >= 1 && (size_t)names_row <= nh) {
			size_t h = (size_t)names_row;

			do
				cell(&rows[--h], i, &s, &n);
			while (n == 0 && h > 0);
			out[i] = arena_strndup(a, s, n);
		} else
			out[i] = joined(rows, nh, i, fill, filln, a);
	}
}
