/* in_csv.c: the libcsv row source of in_csv.h's reader (the only libcsv
 * user), adding what libcsv 3.0.3 leaves to us (it knows no line
 * numbers and caps no field): the delimiter, line and row numbers, error
 * positions and resynchronisation, and the field size cap.
 *
 * in_lines.c splits the decoded text into physical lines (LF, CRLF or a
 * lone CR), and we give libcsv one whole line per csv_parse call. A line
 * ends at most one record, the parser state before the line tells
 * whether a record starts on it (and a spreadsheet row with it), and a
 * strict error's byte offset is a column on that line. After an error
 * the parser is reset and reading goes on at the next line. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv_int.h"

#define OPTS (CSV_STRICT | CSV_STRICT_FINI)

/* libcsv's parser states (libcsv.c; the struct is public, the names are
 * not). */
#define PS_ROW_NOT_BEGUN 0
#define PS_FIELD_BEGUN 2
#define PS_FIELD_MIGHT_HAVE_ENDED 3
/* libcsv grows a field's buffer through this: refusing to go past the cap
 * makes csv_parse stop with CSV_ENOMEM (libcsv has no cap of its own). */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > CSVIN_MAX_FIELD)
		return NULL;
	return xrealloc(p, n);
}

static void
parser_init(struct csvin *r)
{
	if (csv_init(r->p, OPTS) != 0)
		xdie_oom();
	csv_set_delim(r->p, (unsigned char)r->delim);
	csv_set_realloc_func(r->p, capped_realloc);
	csv_set_free_func(r->p, free);
	csv_set_blk_size(r->p, 4096);
}

/* Drops the record being built and starts libcsv afresh: the next line is
 * read as the start of a record. */
static void
resync(struct csvin *r)
{
	csv_free(r->p);
	parser_init(r);
	csvr_record_reset(r);
}

/* invisible_at: s starts with a default-ignorable code point (a joiner,
 * a bidi control): 1, its length in *n and the code point in *cp. */
static int
invisible_at(const char *s, size_t *n, uint32_t *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

	if (strnlen(s, len) < len || !utf8_valid(s, len, NULL))
		return 0;
	*n = (size_t)utf8_next(s, len, cp);
	return uni_ignorable(*cp);
}

const char *
csvin_quote(const char *s, char *out, size_t size)
{
	size_t i = 0, k = 0, n, lim = size < 68 ? size : 68;
	uint32_t cp;

	/* room for an escape (8) or "..." and the NUL */
	while (s[i] != '\0' && k + 8 < lim) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t' || c == '\n') {
			out[k++] = '\\';
			out[k++] = c == '\t' ? 't' : 'n';
		} else if (c < 0x20 || c == 0x7F) {
			/* as diag_escape names it (ESC: <U+001B>) */
			if (k + 8 + 4 >= lim)
				break;
			k += (size_t)snprintf(out + k, lim - k, "<U+%04X>",
			    (unsigned)c);
		} else if (c >= 0xC2 && invisible_at(s + i, &n, &cp)) {
			/* a joiner or bidi control would hide or reorder
			 * the message itself */
			if (k + 10 + 4 >= lim)
				break;
			k += (size_t)snprintf(out + k, lim - k, "<U+%04X>",
			    (unsigned)cp);
			i += n;
			continue;
		} else
			out[k++] = (char)c;
		i++;
	}
	if (s[i] != '\0') {
		size_t j = k;

		/* do not cut a UTF-8 sequence in half */
		while (j > 0 && ((unsigned char)out[j - 1] & 0xC0) == 0x80)
			j--;
		if (j > 0 && (unsigned char)out[j - 1] >= 0xC0) {
			unsigned char lead = (unsigned char)out[j - 1];
			size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

			if (k - (j - 1) < len)
				k = j - 1;
		}
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return out;
}

/* --- libcsv callbacks --- */

static void
on_field(void *s, size_t len, void *ud)
{
	csvr_field(ud, s, len);
}

static void
on_row(int term, void *ud)
{
	struct csvin *r = ud;

	(void)term;
	r->done = 1;
}

/* The column (in characters, 1-based) of the quote that opens the field
 * left open at the end of line s[0..n), scanning as libcsv does;
 * `inside` tells that the line starts inside a quoted field. */
static int
open_quote_col(const char *s, size_t n, char delim, int inside)
{
	enum { START, UNQUOTED, QUOTED, CLOSED } st = inside ? QUOTED : START;
	size_t i, q = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		switch (st) {
		case START:
			if (c == '"') {
				st = QUOTED;
				q = i;
			} else if (c != delim && c != ' ' && c != '\t' &&
			    c != '\n' && c != '\r')
				st = UNQUOTED;
			break;
		case UNQUOTED:
			if (c == delim)
				st = START;
			break;
		case QUOTED:
			if (c == '"')
				st = CLOSED;
			break;
		case CLOSED:
			if (c == '"')
				st = QUOTED;
			else if (c == delim)
				st = START;
			break;
		}
	}
	return (int)utf8_count(s, q) + 1;
}

/* new_row: a record (or a blank line, which a spreadsheet shows as an
 * empty row) starts on the current line: counts its row and notes where
 * rows stop being lines. */
static void
new_row(struct csvin *r)
{
	int delta;

	r->rec_line = r->line;
	r->rec_row = ++r->rows;
	delta = r->line - r->rows;
	if (delta != (r->nmarks > 0 ? r->marks[r->nmarks - 1].delta : 0)) {
		XGROW(r->marks, r->capmarks, r->nmarks + 1);
		r->marks[r->nmarks].line = r->line;
		r->marks[r->nmarks].delta = delta;
		r->nmarks++;
	}
}

/* next_line: the next physical line (with its terminator) in *s, *n: 1,
 * or 0 at the end of the input. Overlong lines and read errors are
 * reported (a line is skipped, a read error ends the input). */
static int
next_line(struct csvin *r, const char **s, size_t *n)
{
	for (;;) {
		int began = r->p->pstate == PS_ROW_NOT_BEGUN;
		int st = lines_next(r->lines, CSVIN_MAX_LINE, s, n);

		r->line = lines_number(r->lines);
		if (st == LINES_OK)
			return 1;
		if (st == LINES_END)
			return 0;
		if (st == LINES_FAILED) {
			struct pos at = { r->name, 0, 0 };

			diag_error(r->d, &at, "cannot read the file: %s",
			    strerror(errno));
			r->nerrors++;
			return 0;
		}
		if (began)
			new_row(r);
		csvr_say(r, r->line, 0, -1, 0, "the line is longer than %d bytes; a "
		    "CSV export has shorter lines (is this a CSV file?)",
		    CSVIN_MAX_LINE);
		resync(r);
	}
}

/* Reports the strict-mode error libcsv stopped at (byte `at` of line s)
 * and resynchronises. `inside`: the line began inside a quoted field. */
static void
parse_error(struct csvin *r, const char *s, size_t at, int inside)
{
	int col = (int)utf8_count(s, at) + 1;
	int began_before = inside && r->ended == 0;

	if (csv_error(r->p) != CSV_EPARSE) {
		if (!r->p->quoted)
			csvr_say(r, r->line, 0, -1, 0, "a field longer than %d bytes; "
			    "stopped reading this file", CSVIN_MAX_FIELD);
		else if (began_before)
			csvr_say(r, r->quote_line, r->quote_col, -1, 0, "a quoted "
			    "field longer than %d bytes starts here; is its "
			    "closing quote missing? stopped reading this file",
			    CSVIN_MAX_FIELD);
		else
			csvr_say(r, r->line, open_quote_col(s, at, r->delim, inside),
			    -1, 0, "a quoted field longer than %d bytes starts "
			    "here; is its closing quote missing? stopped "
			    "reading this file", CSVIN_MAX_FIELD);
		r->stopped = 1;
	} else if (r->p->pstate == PS_FIELD_MIGHT_HAVE_ENDED) {
		if (began_before)
			csvr_say(r, r->line, col, -1, 0, "text after the closing "
			    "quote of the quoted field that began at line %d; a quote "
			    "inside a quoted field is written twice (\"\")",
			    r->quote_line);
		else
			csvr_say(r, r->line, col, -1, 0, "text after the closing "
			    "quote of a quoted field; a quote inside a quoted "
			    "field is written twice (\"\")");
	} else
		csvr_say(r, r->line, col, -1, 0, "a quote inside an unquoted field; "
		    "put the whole field in quotes and write the quote twice "
		    "(\"\")");
	resync(r);
}


/* Gives libcsv one physical line, noting where records (and rows) and
 * open quoted fields start. */
static void
feed_line(struct csvin *r, const char *s, size_t n)
{
	int inside = r->p->pstate == PS_FIELD_BEGUN && r->p->quoted;
	size_t got;

	if (r->p->pstate == PS_ROW_NOT_BEGUN)
		new_row(r);
	r->ended = 0;
	got = csv_parse(r->p, s, n, on_field, on_row, r);
	if (got < n) {
		parse_error(r, s, got, inside);
		return;
	}
	if (r->p->pstate == PS_FIELD_BEGUN && r->p->quoted &&
	    (!inside || r->ended > 0)) {
		r->quote_line = r->line;
		r->quote_col = open_quote_col(s, n, r->delim, inside);
	}
}

/* At the end of the input: an open quoted field is an error, anything
 * else left in the parser is the last record. */
static void
end_of_input(struct csvin *r)
{
	if (r->p->pstate == PS_FIELD_BEGUN && r->p->quoted) {
		csvr_say(r, r->quote_line, r->quote_col, -1, 0, "a quoted field "
		    "starts here and has no closing quote; add the closing "
		    "quote (\")");
		resync(r);
	} else
		csv_fini(r->p, on_field, on_row, r);
	r->stopped = 1;
}

/* The libcsv row source: physical lines until a record ends. */
static int
csv_next_row(struct csvin *r)
{
	const char *s;
	size_t n;

	while (!r->stopped) {
		if (!next_line(r, &s, &n))
			end_of_input(r);
		else
			feed_line(r, s, n);
		if (r->done)
			return 1;
	}
	return 0;
}

/* Picks the delimiter: the one a first line "sep=X" names (Excel writes
 * it; the line is skipped, though counted as a row), else whichever of ,
 * ; and tab occurs most often outside quotes on the first non-blank line
 * (ties and none: ","). */
static void
sniff(struct csvin *r)
{
	static const char cand[3] = { ',', ';', '\t' };
	size_t i, k, n, cnt[3] = { 0, 0, 0 };
	const char *b;
	int quoted = 0, first;

	r->delim = ',';
	if (!lines_peek(r->lines, CSVIN_MAX_LINE, &b, &n, &first))
		return;
	/* Excel's "sep=;" line names the delimiter */
	if (first && n >= 5 && memcmp(b, "sep=", 4) == 0 &&
	    memchr(cand, b[4], 3) != NULL) {
		for (k = 5; k < n && (b[k] == '\r' || b[k] == '\n'); k++)
			continue;
		if (k == n) {
			r->delim = b[4];
			next_line(r, &b, &n);
			r->rows++;
			return;
		}
	}
	for (k = 0; k < n; k++) {
		if (b[k] == '"')
			quoted = !quoted;
		else if (!quoted)
			cnt[0] += b[k] == ',', cnt[1] += b[k] == ';',
			    cnt[2] += b[k] == '\t';
	}
	for (k = 1, i = 0; k < 3; k++)
		if (cnt[k] > cnt[i])
			i = k;
	r->delim = cand[i];
}

static void
csv_begin(struct csvin *r)
{
	r->p = xcalloc(1, sizeof(*r->p));
	sniff(r);
	parser_init(r);
}

static void
csv_end(struct csvin *r)
{
	if (r->p == NULL)
		return;
	csv_free(r->p);
	free(r->p);
	r->p = NULL;
}

const struct rowsrc csvr_csv = { csv_begin, csv_next_row, csv_end };
