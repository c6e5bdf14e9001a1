/* in_csv.c: in_csv.h's record reader over libcsv's push parser, adding
 * what libcsv leaves to us (LIBS.md section 2): the BOM, the delimiter,
 * line numbers, error positions and resynchronisation, size caps and
 * encoding checks.
 *
 * in_lines.c splits the input into physical lines (LF, CRLF or a lone
 * CR), and we give libcsv one whole line per csv_parse call. A line ends
 * at most one record, the parser state before the line tells whether a
 * record starts on it, and a strict error's byte offset is a column on
 * that line. After an error the parser is reset and reading goes on at
 * the next line. */
#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv.h"
#include "in_lines.h"

#define OPTS (CSV_STRICT | CSV_STRICT_FINI)

/* libcsv's parser states (libcsv.c; the struct is public, the names are
 * not). */
#define PS_ROW_NOT_BEGUN 0
#define PS_FIELD_BEGUN 2
#define PS_FIELD_MIGHT_HAVE_ENDED 3

struct csvin {
	struct csv_parser p;
	const char *name;
	struct diag *d;
	struct lines *src;
	int line;               /* number of the last line read */
	int rec_line;           /* where the record being built starts */
	int quote_line, quote_col;      /* opening quote of a field left open */
	int stopped;            /* a runaway field: nothing more is read */
	char delim;
	/* the record being built */
	struct buf data;        /* its fields, each NUL-terminated */
	size_t *off, *lens;
	const char **ptrs;
	size_t nf, capf, capp;
	size_t ended;           /* fields ended during the current line */
	int done;               /* a row ended */
	int bad_col;            /* first field with NUL/invalid UTF-8, or -1 */
	int bad_nul;
	/* the header */
	int have_header;
	int header_line;
	const char **cols;
	size_t ncols;
	int *dup;               /* [ncols]: a later column of the same name, or -1 */
	unsigned char *dup_said;
	struct strtab *colidx;
	struct arena *arena;
	size_t nerrors, unlisted;
};

/* libcsv grows a field's buffer through this: refusing to go past the cap
 * makes csv_parse stop with CSV_ENOMEM (LIBS.md, pitfall 6). */
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
	if (csv_init(&r->p, OPTS) != 0)
		xdie_oom();
	csv_set_delim(&r->p, (unsigned char)r->delim);
	csv_set_realloc_func(&r->p, capped_realloc);
	csv_set_free_func(&r->p, free);
	csv_set_blk_size(&r->p, 4096);
}

static void
record_reset(struct csvin *r)
{
	r->nf = 0;
	buf_reset(&r->data);
	r->done = 0;
	r->bad_col = -1;
	r->bad_nul = 0;
}

/* Drops the record being built and starts libcsv afresh: the next line is
 * read as the start of a record. */
static void
resync(struct csvin *r)
{
	csv_free(&r->p);
	parser_init(r);
	record_reset(r);
}

static void
vsay(struct csvin *r, enum diag_sev sev, int line, int charcol, int col,
    const char *fmt, va_list ap)
{
	struct pos at = { r->name, line, charcol };
	struct buf b;

	if (sev == DIAG_ERROR && r->nerrors++ >= CSVIN_MAX_ERRORS) {
		r->unlisted++;
		return;
	}
	buf_init(&b);
	if (col >= 0 && (size_t)col < r->ncols && r->cols[col][0] != '\0')
		buf_printf(&b, "column \"%s\": ", r->cols[col]);
	else if (col >= 0)
		buf_printf(&b, "column %d: ", col + 1);
	buf_vprintf(&b, fmt, ap);
	diag_report(r->d, sev, &at, "%s", b.p);
	buf_free(&b);
}

static void PRINTF_LIKE(5, 6)
say(struct csvin *r, int line, int charcol, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(r, DIAG_ERROR, line, charcol, col, fmt, ap);
	va_end(ap);
}

void
csvin_error(struct csvin *r, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(r, DIAG_ERROR, line, 0, col, fmt, ap);
	va_end(ap);
}

void
csvin_warning(struct csvin *r, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(r, DIAG_WARNING, line, 0, col, fmt, ap);
	va_end(ap);
}

size_t
csvin_errors(const struct csvin *r)
{
	return r->nerrors;
}

const char *
csvin_quote(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, k = 0, lim = size < 68 ? size : 68;

	/* room for an escape (4) or "..." and the NUL */
	while (s[i] != '\0' && k + 8 < lim) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t' || c == '\n') {
			out[k++] = '\\';
			out[k++] = c == '\t' ? 't' : 'n';
		} else if (c < 0x20 || c == 0x7F) {
			out[k++] = '\\';
			out[k++] = 'x';
			out[k++] = hex[c >> 4];
			out[k++] = hex[c & 15];
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

/* plain_ascii: s[0..n) is ASCII without NUL, the common case, checked
 * eight bytes at a time. */
static int
plain_ascii(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		/* a high bit set, or a zero byte */
		if ((w & highs) != 0 || ((w - ones) & ~w & highs) != 0)
			return 0;
	}
	for (; i < n; i++)
		if (s[i] == 0 || s[i] >= 0x80)
			return 0;
	return 1;
}

/* Appends a field to the record; a quoted field's CRLF and CR become LF.
 * The first field with a NUL byte or invalid UTF-8 is remembered. */
static void
on_field(void *s, size_t len, void *ud)
{
	struct csvin *r = ud;
	const unsigned char *t = s;
	size_t i, k, start = r->data.len;
	char *o;

	if (r->nf == r->capf) {
		size_t cap = r->capf;

		XGROW(r->off, r->capf, r->nf + 1);
		XGROW(r->lens, cap, r->nf + 1);
	}
	if (r->data.cap - start < len + 1)
		XGROW(r->data.p, r->data.cap, start + len + 1);
	o = r->data.p + start;
	/* a CR can only be in a quoted field that spans lines */
	if (r->rec_line != r->line && memchr(t, '\r', len) != NULL) {
		for (i = k = 0; i < len; i++) {
			if (t[i] != '\r')
				o[k++] = (char)t[i];
			else if (i + 1 >= len || t[i + 1] != '\n')
				o[k++] = '\n';
		}
	} else {
		memcpy(o, t, len);
		k = len;
	}
	o[k] = '\0';
	r->data.len = start + k + 1;
	r->off[r->nf] = start;
	r->lens[r->nf] = k;
	if (!plain_ascii(t, len) && r->bad_col < 0 &&
	    !utf8_valid((const char *)t, len, &i)) {
		r->bad_col = (int)r->nf;
		r->bad_nul = t[i] == '\0';
	}
	r->nf++;
	r->ended++;
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

/* next_line: the next physical line (with its terminator) in *s, *n: 1,
 * or 0 at the end of the input. Overlong lines and read errors are
 * reported (a line is skipped, a read error ends the input). */
static int
next_line(struct csvin *r, const char **s, size_t *n)
{
	for (;;) {
		int st = lines_next(r->src, CSVIN_MAX_LINE, s, n);

		r->line = lines_number(r->src);
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
		say(r, r->line, 0, -1, "the line is longer than %d bytes; a "
		    "CSV export has shorter lines (is this a CSV file?)",
		    CSVIN_MAX_LINE);
		resync(r);
	}
}

/* --- records --- */

/* Reports the strict-mode error libcsv stopped at (byte `at` of line s)
 * and resynchronises. `inside`: the line began inside a quoted field. */
static void
parse_error(struct csvin *r, const char *s, size_t at, int inside)
{
	int col = (int)utf8_count(s, at) + 1;
	int began_before = inside && r->ended == 0;

	if (csv_error(&r->p) != CSV_EPARSE) {
		if (!r->p.quoted)
			say(r, r->line, 0, -1, "a field longer than %d bytes; "
			    "stopped reading this file", CSVIN_MAX_FIELD);
		else if (began_before)
			say(r, r->quote_line, r->quote_col, -1, "a quoted "
			    "field longer than %d bytes starts here; is its "
			    "closing quote missing? stopped reading this file",
			    CSVIN_MAX_FIELD);
		else
			say(r, r->line, open_quote_col(s, at, r->delim, inside),
			    -1, "a quoted field longer than %d bytes starts "
			    "here; is its closing quote missing? stopped "
			    "reading this file", CSVIN_MAX_FIELD);
		r->stopped = 1;
	} else if (r->p.pstate == PS_FIELD_MIGHT_HAVE_ENDED) {
		if (began_before)
			say(r, r->line, col, -1, "text after the closing quote "
			    "of the quoted field that began at line %d; a quote "
			    "inside a quoted field is written twice (\"\")",
			    r->quote_line);
		else
			say(r, r->line, col, -1, "text after the closing quote "
			    "of a quoted field; a quote inside a quoted field "
			    "is written twice (\"\")");
	} else
		say(r, r->line, col, -1, "a quote inside an unquoted field; "
		    "put the whole field in quotes and write the quote twice "
		    "(\"\")");
	resync(r);
}

/* Gives libcsv one physical line, noting where records and open quoted
 * fields start. */
static void
feed_line(struct csvin *r, const char *s, size_t n)
{
	int inside = r->p.pstate == PS_FIELD_BEGUN && r->p.quoted;
	size_t got;

	if (r->p.pstate == PS_ROW_NOT_BEGUN)
		r->rec_line = r->line;
	r->ended = 0;
	got = csv_parse(&r->p, s, n, on_field, on_row, r);
	if (got < n) {
		parse_error(r, s, got, inside);
		return;
	}
	if (r->p.pstate == PS_FIELD_BEGUN && r->p.quoted &&
	    (!inside || r->ended > 0)) {
		r->quote_line = r->line;
		r->quote_col = open_quote_col(s, n, r->delim, inside);
	}
}

static const char *
delim_name(char c)
{
	return c == ',' ? "\",\"" : c == ';' ? "\";\"" : "a tab";
}

/* deliver: checks the record libcsv finished and hands it out in *rec: 1,
 * or 0 when it is skipped (all empty) or refused (reported). */
static int
deliver(struct csvin *r, struct csvin_rec *rec)
{
	size_t i;

	for (i = 0; i < r->nf && r->lens[i] == 0; i++)
		continue;
	if (i == r->nf)
		return 0;
	if (r->have_header && r->nf != r->ncols) {
		say(r, r->rec_line, 0, -1, "the record has %zu fields; expected "
		    "%zu, as in the header%s%s%s", r->nf, r->ncols,
		    r->nf > r->ncols ? " (a value that contains " : "",
		    r->nf > r->ncols ? delim_name(r->delim) : "",
		    r->nf > r->ncols ? " must be in double quotes)" : "");
		return 0;
	}
	if (r->bad_col >= 0) {
		if (r->bad_nul)
			say(r, r->rec_line, 0, r->bad_col, "contains a NUL "
			    "byte (is the file UTF-16 or not text at all?); "
			    "re-export as UTF-8");
		else
			say(r, r->rec_line, 0, r->bad_col, "not valid UTF-8 "
			    "text (is the file in another encoding, such as "
			    "Windows-1252?); re-export as UTF-8");
		return 0;
	}
	if (r->capp < r->nf)
		XGROW(r->ptrs, r->capp, r->nf);
	for (i = 0; i < r->nf; i++)
		r->ptrs[i] = r->data.p + r->off[i];
	rec->f = r->ptrs;
	rec->len = r->lens;
	rec->n = r->nf;
	rec->line = r->rec_line;
	return 1;
}

/* At the end of the input: an open quoted field is an error, anything
 * else left in the parser is the last record. */
static void
end_of_input(struct csvin *r)
{
	if (r->p.pstate == PS_FIELD_BEGUN && r->p.quoted) {
		say(r, r->quote_line, r->quote_col, -1, "a quoted field starts "
		    "here and has no closing quote; add the closing quote (\")");
		resync(r);
	} else
		csv_fini(&r->p, on_field, on_row, r);
	r->stopped = 1;
}

int
csvin_next(struct csvin *r, struct csvin_rec *rec)
{
	const char *s;
	size_t n;

	if (r->done)
		record_reset(r);
	while (!r->stopped) {
		if (!next_line(r, &s, &n))
			end_of_input(r);
		else
			feed_line(r, s, n);
		if (r->done) {
			if (deliver(r, rec))
				return 1;
			record_reset(r);
		}
	}
	return 0;
}

/* --- opening, the header --- */

/* Refuses a UTF-16 file (in_lines.c has stripped a UTF-8 BOM). */
static int
check_bom(struct csvin *r)
{
	if (lines_bom(r->src) != BOM_UTF16)
		return 1;
	say(r, 1, 0, -1, "the file is UTF-16 text (it starts with a UTF-16 "
	    "byte order mark); re-export as UTF-8");
	return 0;
}

/* Picks the delimiter: the one a first line "sep=X" names (Excel writes
 * it; the line is skipped), else whichever of , ; and tab occurs most
 * often outside quotes on the first non-blank line (ties and none: ","). */
static void
sniff(struct csvin *r)
{
	static const char cand[3] = { ',', ';', '\t' };
	size_t i, k, n, cnt[3] = { 0, 0, 0 };
	const char *b;
	int quoted = 0, first;

	r->delim = ',';
	if (!lines_peek(r->src, CSVIN_MAX_LINE, &b, &n, &first))
		return;
	/* Excel's "sep=;" line names the delimiter */
	if (first && n >= 5 && memcmp(b, "sep=", 4) == 0 &&
	    memchr(cand, b[4], 3) != NULL) {
		for (k = 5; k < n && (b[k] == '\r' || b[k] == '\n'); k++)
			continue;
		if (k == n) {
			r->delim = b[4];
			next_line(r, &b, &n);
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

static int
read_header(struct csvin *r)
{
	size_t before = r->nerrors, i;
	struct csvin_rec rec;

	sniff(r);
	parser_init(r);
	if (!csvin_next(r, &rec)) {
		if (r->nerrors == before)
			say(r, 0, 0, -1, "the file is empty; expected a header "
			    "line naming the columns");
		return 0;
	}
	if (r->nerrors > before)
		return 0;
	r->ncols = rec.n;
	r->cols = arena_alloc(r->arena, rec.n * sizeof(*r->cols));
	r->dup = xmalloc(rec.n * sizeof(*r->dup));
	r->dup_said = xcalloc(rec.n, 1);
	r->colidx = strtab_new(1);
	for (i = 0; i < rec.n; i++) {
		const char *s = rec.f[i];
		size_t n = rec.len[i];
		int prev;

		str_trim(&s, &n);
		r->cols[i] = arena_strndup(r->arena, s, n);
		r->dup[i] = -1;
		if (r->cols[i][0] == '\0')
			continue;
		prev = strtab_put(r->colidx, r->cols[i], strlen(r->cols[i]),
		    (int)i);
		if (prev >= 0 && r->dup[prev] < 0)
			r->dup[prev] = (int)i;
	}
	r->header_line = rec.line;
	r->have_header = 1;
	return 1;
}

static struct csvin *
start(struct csvin *r)
{
	if (!check_bom(r) || !read_header(r)) {
		csvin_free(r);
		return NULL;
	}
	return r;
}

static struct csvin *
reader_new(const char *name, struct diag *d)
{
	struct csvin *r = xcalloc(1, sizeof(*r));

	r->name = name;
	r->d = d;
	r->delim = ',';
	r->bad_col = -1;
	r->arena = arena_new();
	buf_init(&r->data);
	return r;
}

struct csvin *
csvin_open(const char *path, const char *name, struct diag *d)
{
	FILE *f = diag_fopen(d, path, name, NULL);
	struct csvin *r;

	if (f == NULL)
		return NULL;
	r = reader_new(name, d);
	r->src = lines_file(f);
	return start(r);
}

struct csvin *
csvin_mem(const char *data, size_t len, const char *name, struct diag *d)
{
	struct csvin *r = reader_new(name, d);

	r->src = lines_mem(data, len);
	return start(r);
}

void
csvin_free(struct csvin *r)
{
	if (r == NULL)
		return;
	if (r->unlisted > 0) {
		struct pos at = { r->name, 0, 0 };

		diag_error(r->d, &at, "%zu more errors in this file are not "
		    "listed (only the first %d are)", r->unlisted,
		    CSVIN_MAX_ERRORS);
	}
	csv_free(&r->p);
	lines_free(r->src);
	free(r->off);
	free(r->lens);
	free(r->ptrs);
	free(r->dup);
	free(r->dup_said);
	buf_free(&r->data);
	strtab_free(r->colidx);
	arena_free(r->arena);
	free(r);
}

size_t
csvin_ncols(const struct csvin *r)
{
	return r->ncols;
}

const char *
csvin_colname(const struct csvin *r, size_t i)
{
	return i < r->ncols ? r->cols[i] : NULL;
}

const char *
csvin_suggest(const struct csvin *r, const char *name)
{
	return str_suggest(name, r->cols, r->ncols);
}

int
csvin_col(struct csvin *r, const char *name)
{
	int i;

	if (r->colidx == NULL)
		return -1;
	i = strtab_gets(r->colidx, name);
	if (i < 0)
		return -1;
	if (r->dup[i] >= 0) {
		if (!r->dup_said[i]) {
			r->dup_said[i] = 1;
			say(r, r->header_line, 0, -1, "column \"%s\" appears "
			    "more than once in the header (columns %d and %d); "
			    "rename or remove one", r->cols[i], i + 1,
			    r->dup[i] + 1);
		}
		return -2;
	}
	return i;
}

int
csvin_header_line(const struct csvin *r)
{
	return r->header_line;
}

char
csvin_delim(const struct csvin *r)
{
	return r->delim;
}
