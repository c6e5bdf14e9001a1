/* emit_csv.c: aggregates to aggregates.csv, one row per person for
 * spreadsheets and HR systems (see emit.h for the choices: BOM, CRLF,
 * RFC 4180 quoting, formula-injection guard). */
#include <string.h>

#include "emit.h"

/* A text cell: empty for NULL; quoted when it holds a comma, a quote, CR
 * or LF, or when it needs the apostrophe that keeps a spreadsheet from
 * reading it as a formula (OWASP's advice for CSV injection). */
static void
text_cell(struct buf *b, const char *s)
{
	const char *q;
	int guard, quote;

	if (s == NULL)
		return;
	guard = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r';
	quote = guard || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (guard)
		buf_putc(b, '\'');
	for (q = s; *q != '\0'; q++) {
		if (*q == '"')
			buf_putc(b, '"');
		buf_putc(b, *q);
	}
	buf_putc(b, '"');
}

static void
header(struct buf *b, const struct rubric *ru)
{
	size_t k;

	buf_puts(b, "\xEF\xBB\xBF");    /* UTF-8 BOM: Excel reads UTF-8 */
	buf_puts(b, "id,name,level,manager_id,department,overall,percent,"
	    "label,coverage");
	for (k = 0; k < ru->ncomps; k++) {
		buf_putc(b, ',');
		text_cell(b, ru->comps[k].id);
	}
	buf_puts(b, "\r\n");
}

static void
row(struct buf *b, const struct aggregates *a, size_t p)
{
	const struct person *pe = &a->cycle->people[p];
	const struct person_score *ps = &a->people[p];
	size_t k;

	text_cell(b, pe->id);
	buf_putc(b, ',');
	text_cell(b, pe->name);
	buf_putc(b, ',');
	text_cell(b, pe->level);
	buf_putc(b, ',');
	text_cell(b, pe->manager_id);
	buf_putc(b, ',');
	text_cell(b, pe->department);
	buf_putc(b, ',');
	emit_num(b, ps->overall);
	buf_putc(b, ',');
	emit_num(b, ps->percent);
	buf_putc(b, ',');
	text_cell(b, ps->label >= 0 ? a->labels[ps->label] : NULL);
	buf_putc(b, ',');
	emit_num(b, ps->coverage);
	for (k = 0; k < a->cycle->rubric->ncomps; k++) {
		buf_putc(b, ',');
		emit_num(b, ps->comps[k].s);
	}
	buf_puts(b, "\r\n");
}

void
emit_csv(const struct aggregates *a, struct buf *out)
{
	size_t p;

	header(out, a->cycle->rubric);
	for (p = 0; p < a->cycle->npeople; p++)
		row(out, a, p);
}
