/* in_table.c: in_csv.h's reader around its row sources (libcsv in
 * in_csv.c, or an .xlsx sheet through in_xlsx.h): opening (a size cap,
 * binary files named, the text decoded by in_text.c), the read-ahead
 * queue, the checks every record passes, and messages with lines, rows
 * and cells. The header rows and column lookup are in_table_hdr.c.
 *
 * Both sources fill the same record buffer, so the header logic, column
 * lookup, checks and messages are one. To recognise a multi-row header,
 * the reader looks up to two records ahead of the first one; what it says
 * about those records waits in their queue slot until the loader asks for
 * them, so that messages stay in file order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv_int.h"

void
csvr_record_reset(struct csvin *r)
{
	r->nf = 0;
	buf_reset(&r->data);
	r->done = 0;
	r->bad_col = -1;
	r->bad_nul = 0;
}

/* row_of: the row of the record that starts on `line`. */
static int
row_of(const struct csvin *r, int line)
{
	size_t lo = 0, hi = r->nmarks;

	/* the last mark at or before the line */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->marks[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? line : line - r->marks[lo - 1].delta;
}

/* vsay: one message at `line` (and character column charcol, 0: none),
 * about column col (-1: none). row > 0: the row of the record the
 * message is about, said when it is not the line. */
static void
vsay(struct csvin *r, enum diag_sev sev, int line, int charcol, int col,
    int row, const char *fmt, va_list ap)
{
	struct pos at = { r->name, line, charcol };
	struct buf b;
	char ref[32];

	if (sev == DIAG_ERROR && r->nerrors++ >= CSVIN_MAX_ERRORS) {
		r->unlisted++;
		return;
	}
	buf_init(&b);
	if (row > 0 && row != line)
		buf_printf(&b, "row %d: ", row);
	if (r->x != NULL && col >= 0 && line > 0)
		buf_printf(&b, "cell %s, ", xlsx_cellref(col, line, ref,
		    sizeof ref));
	if (col >= 0 && (size_t)col < r->ncols && r->cols[col][0] != '\0')
		buf_printf(&b, "column \"%s\": ", r->cols[col]);
	else if (col >= 0)
		buf_printf(&b, "column %d: ", col + 1);
	buf_vprintf(&b, fmt, ap);
	diag_report(r->defer != NULL ? r->defer : r->d, sev, &at, "%s", b.p);
	buf_free(&b);
}

void
csvr_say(struct csvin *r, int line, int charcol, int col, int row,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(r, DIAG_ERROR, line, charcol, col, row, fmt, ap);
	va_end(ap);
}

void
csvin_error(struct csvin *r, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(r, DIAG_ERROR, line, 0, col, line > 0 ? row_of(r, line) : 0,
	    fmt, ap);
	va_end(ap);
}

void
csvin_warning(struct csvin *r, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(r, DIAG_WARNING, line, 0, col, line > 0 ? row_of(r, line) : 0,
	    fmt, ap);
	va_end(ap);
}

size_t
csvin_errors(const struct csvin *r)
{
	return r->nerrors;
}

/* --- the record being built --- */

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

/* The first field with a NUL byte or invalid UTF-8 is remembered. Valid
 * fields are kept in Unicode NFC, whatever form the file is in. */
void
csvr_field(struct csvin *r, const char *s, size_t len)
{
	const unsigned char *t = (const unsigned char *)s;
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
	if (!plain_ascii(t, len)) {
		if (!utf8_valid((const char *)t, len, &i)) {
			if (r->bad_col < 0) {
				r->bad_col = (int)r->nf;
				r->bad_nul = t[i] == '\0';
			}
		} else if (uni_nfc(o, k, &r->nfc)) {
			/* every field in NFC from here on */
			k = r->nfc.len;
			if (r->data.cap - start < k + 1)
				XGROW(r->data.p, r->data.cap, start + k + 1);
			memcpy(r->data.p + start, r->nfc.p, k + 1);
		}
	}
	r->data.len = start + k + 1;
	r->off[r->nf] = start;
	r->lens[r->nf] = k;
	r->nf++;
	r->ended++;
}

static const char *
delim_name(char c)
{
	return c == ',' ? "\",\"" : c == ';' ? "\";\"" : "a tab";
}

/* fit_sheet_row: an .xlsx row leaves out empty cells at its end: pads it
 * to the header's width; a value beyond the header's last column is an
 * error (0). */
static int
fit_sheet_row(struct csvin *r)
{
	size_t i;

	for (i = r->ncols; i < r->nf; i++)
		if (r->lens[i] > 0) {
			csvr_say(r, r->rec_line, 0, (int)i, 0, "a value right of the "
			    "header's last column (%zu); give the column a name "
			    "in the header row, or delete the value", r->ncols);
			return 0;
		}
	if (r->nf > r->ncols)
		r->nf = r->ncols;
	while (r->nf < r->ncols)
		csvr_field(r, "", 0);
	return 1;
}

/* check_record: 1 when the record the source finished is one to hand
 * out; 0 when it is skipped (all empty) or refused (reported). */
static int
check_record(struct csvin *r)
{
	size_t i;

	for (i = 0; i < r->nf && r->lens[i] == 0; i++)
		continue;
	if (i == r->nf)
		return 0;
	if (r->sizing)
		return 1;       /* fitted once the header is known: fit_queued */
	if (r->have_header && r->x != NULL && r->nf != r->ncols &&
	    !fit_sheet_row(r))
		return 0;
	if (r->have_header && r->nf != r->ncols) {
		csvr_say(r, r->rec_line, 0, -1, r->rec_row, "the record has %zu "
		    "fields; expected %zu, as in the header%s%s%s", r->nf,
		    r->ncols, r->nf > r->ncols ? " (a value that contains " : "",
		    r->nf > r->ncols ? delim_name(r->delim) : "",
		    r->nf > r->ncols ? " must be in double quotes)" : "");
		return 0;
	}
	if (r->bad_col >= 0) {
		if (r->bad_nul)
			csvr_say(r, r->rec_line, 0, r->bad_col, r->rec_row, "contains "
			    "a NUL byte (is the file UTF-16 or not text at "
			    "all?); re-export as UTF-8");
		else
			csvr_say(r, r->rec_line, 0, r->bad_col, r->rec_row, "not "
			    "valid UTF-8 text (is the file in another encoding, "
			    "such as Windows-1252?); re-export as UTF-8");
		return 0;
	}
	return 1;
}

/* The .xlsx row source: one sheet row, its cells copied. */
static int
xlsx_next_row(struct csvin *r)
{
	const char *const *cells;
	const size_t *lens;
	size_t n, i;
	int row, st;

	if (r->stopped)
		return 0;
	st = xlsx_next(r->x, &cells, &lens, &n, &row);
	if (st <= 0) {
		if (st < 0)
			r->nerrors++;
		r->stopped = 1;
		return 0;
	}
	r->line = r->rec_line = r->rec_row = r->rows = row;
	for (i = 0; i < n; i++)
		csvr_field(r, cells[i], lens[i]);
	r->done = 1;
	return 1;
}

static const struct rowsrc xlsx_source = { NULL, xlsx_next_row, NULL };

/* read_record: the next good record into r's record buffer: 1, or 0 at
 * the end of the input. */
static int
read_record(struct csvin *r)
{
	for (;;) {
		if (r->done)
			csvr_record_reset(r);
		if (!r->src->next(r))
			return 0;
		if (check_record(r))
			return 1;
	}
}

static void
give_record(struct csvin *r, struct csvin_rec *rec)
{
	size_t i;

	if (r->capp < r->nf)
		XGROW(r->ptrs, r->capp, r->nf);
	for (i = 0; i < r->nf; i++)
		r->ptrs[i] = r->data.p + r->off[i];
	rec->f = r->ptrs;
	rec->len = r->lens;
	rec->n = r->nf;
	rec->line = r->rec_line;
	rec->row = r->rec_row;
}

/* csvr_read_ahead: reads the next record into a new queue slot, keeping what
 * is said meanwhile in the slot. 1 when the slot holds a record. */
int
csvr_read_ahead(struct csvin *r)
{
	struct pending *q = &r->q[r->nq++];
	size_t i;

	q->msgs = diag_new(NULL);
	r->defer = q->msgs;
	q->has = read_record(r);
	r->defer = NULL;
	if (!q->has)
		return 0;
	q->n = r->nf;
	q->line = r->rec_line;
	q->row = r->rec_row;
	q->f = arena_alloc(r->arena, (r->nf + 1) * sizeof(*q->f));
	q->len = arena_alloc(r->arena, (r->nf + 1) * sizeof(*q->len));
	for (i = 0; i < r->nf; i++) {
		q->f[i] = arena_strndup(r->arena, r->data.p + r->off[i],
		    r->lens[i]);
		q->len[i] = r->lens[i];
	}
	return 1;
}

/* fit_queued: a sheet row read ahead while the header was recognised,
 * padded to the header's width like any row (fit_sheet_row); 0 when a
 * value stands right of the header's last column (reported). */
static int
fit_queued(struct csvin *r, struct pending *q)
{
	const char **f;
	size_t *len, i;

	for (i = r->ncols; i < q->n; i++)
		if (q->len[i] > 0) {
			csvr_say(r, q->line, 0, (int)i, 0, "a value right of the "
			    "header's last column (%zu); give the column a name "
			    "in the header row, or delete the value", r->ncols);
			return 0;
		}
	if (q->n >= r->ncols) {
		q->n = r->ncols;
		return 1;
	}
	f = arena_alloc(r->arena, (r->ncols + 1) * sizeof(*f));
	len = arena_alloc(r->arena, (r->ncols + 1) * sizeof(*len));
	for (i = 0; i < r->ncols; i++) {
		f[i] = i < q->n ? q->f[i] : "";
		len[i] = i < q->n ? q->len[i] : 0;
	}
	q->f = f;
	q->len = len;
	q->n = r->ncols;
	return 1;
}

/* csvr_take_ahead: the next queue slot's messages are said; its record, if
 * any, goes to *rec (1). */
int
csvr_take_ahead(struct csvin *r, struct csvin_rec *rec)
{
	struct pending *q = &r->q[r->qpos++];

	diag_merge(r->d, q->msgs);
	diag_free(q->msgs);
	q->msgs = NULL;
	if (q->has && r->x != NULL && q->n != r->ncols && !fit_queued(r, q))
		q->has = 0;
	if (!q->has)
		return 0;
	rec->f = q->f;
	rec->len = q->len;
	rec->n = q->n;
	rec->line = q->line;
	rec->row = q->row;
	return 1;
}

int
csvin_next(struct csvin *r, struct csvin_rec *rec)
{
	while (r->qpos < r->nq)
		if (csvr_take_ahead(r, rec))
			return 1;
	if (!read_record(r))
		return 0;
	give_record(r, rec);
	return 1;
}

/* --- opening --- */

static struct csvin *
reader_new(const char *name, struct diag *d)
{
	struct csvin *r = xcalloc(1, sizeof(*r));

	r->name = name;
	r->d = d;
	r->delim = ',';
	r->bad_col = -1;
	r->header_rows = 1;
	r->arena = arena_new();
	buf_init(&r->data);
	buf_init(&r->nfc);
	return r;
}

static struct csvin *
start(struct csvin *r, const struct csvin_opts *o)
{
	if (!csvr_read_header(r, o)) {
		csvin_free(r);
		return NULL;
	}
	return r;
}

/* refuse: one line saying what a file that is not CSV text is. */
static void
refuse(struct csvin *r, enum text_kind k)
{
	static const char *const what[] = {
		[TEXT_ZIP] = "is an Excel workbook (.xlsx) or another zip "
		    "archive, not CSV; give it type: xlsx in cycle.yaml, or "
		    "save it as CSV",
		[TEXT_OLE2] = "is an old Excel .xls workbook (or another "
		    "Office 97-2003 file), not CSV; save it as .xlsx or CSV",
		[TEXT_PDF] = "is a PDF document, not CSV; export the data as "
		    "CSV or .xlsx from the tool that made it",
		[TEXT_GZIP] = "is gzip-compressed, not CSV; decompress it "
		    "first (gunzip)",
		[TEXT_PNG] = "is a PNG image, not CSV; give the exported "
		    "data file instead",
		[TEXT_JPEG] = "is a JPEG image, not CSV; give the exported "
		    "data file instead",
		[TEXT_BINARY] = "is a binary file, not CSV text (it has NUL "
		    "or control bytes near its start); give the CSV export "
		    "itself, or set encoding: if it is text in an encoding "
		    "such as UTF-32",
	};
	struct pos at = { r->name, 0, 0 };

	diag_error(r->d, &at, "%s", what[k]);
	r->nerrors++;
}

/* from_bytes: the reader over data[0..len) (borrowed), decoded: 0 when
 * the file is refused (reported). */
static int
from_bytes(struct csvin *r, const char *data, size_t len,
    const struct csvin_opts *o)
{
	enum text_kind k = text_sniff(data, len);

	if (k == TEXT_BINARY && o->encoding != NULL)
		k = TEXT_TEXT;
	if (k != TEXT_TEXT) {
		refuse(r, k);
		return 0;
	}
	if (!text_decode(data, len, o->encoding, r->name, r->d, &r->text)) {
		r->nerrors++;
		return 0;
	}
	/* converted: the file's own bytes are not needed any more */
	if (r->text.own != NULL && r->raw != NULL) {
		free(r->raw);
		r->raw = NULL;
	}
	r->lines = lines_mem(r->text.p, r->text.len);
	r->src = &csvr_csv;
	return 1;
}

/* bad_opts: options that contradict each other (reported). */
static int
bad_opts(const char *name, const struct csvin_opts *o, struct diag *d)
{
	struct pos at = { name, 0, 0 };

	if (o->header_rows < 0 || o->header_rows > CSVIN_MAX_HEADER_ROWS)
		diag_error(d, &at, "header rows: %d; expected 1 to %d (or "
		    "nothing, to recognise them)", o->header_rows,
		    CSVIN_MAX_HEADER_ROWS);
	else if (o->header_names < 0 || (o->header_names > 0 &&
	    o->header_names > (o->header_rows > 0 ? o->header_rows : 3)))
		diag_error(d, &at, "the header row that names the columns: "
		    "%d; expected 1 to %d, one of the header rows",
		    o->header_names, o->header_rows > 0 ? o->header_rows : 3);
	else
		return 0;
	return 1;
}

static struct csvin *
open_xlsx(struct csvin *r, const char *path, const struct csvin_opts *o)
{
	r->x = xlsx_open(path, r->name, o->sheet, r->d);
	if (r->x == NULL) {
		csvin_free(r);
		return NULL;
	}
	r->src = &xlsx_source;
	snprintf(r->text.encoding, sizeof r->text.encoding, "UTF-8");
	return start(r, o);
}

struct csvin *
csvin_open_opts(const char *path, const char *name,
    const struct csvin_opts *o, struct diag *d)
{
	static const struct csvin_opts defaults;
	struct csvin *r;
	size_t len;

	if (o == NULL)
		o = &defaults;
	if (bad_opts(name, o, d))
		return NULL;
	r = reader_new(name, d);
	if (o->type == CSVIN_XLSX)
		return open_xlsx(r, path, o);
	if (!text_slurp(path, name, o->max_bytes, d, &r->raw, &len)) {
		csvin_free(r);
		return NULL;
	}
	if (o->type == CSVIN_AUTO &&
	    xlsx_sniff((const unsigned char *)r->raw, len)) {
		free(r->raw);
		r->raw = NULL;
		return open_xlsx(r, path, o);
	}
	if (!from_bytes(r, r->raw, len, o)) {
		csvin_free(r);
		return NULL;
	}
	return start(r, o);
}

struct csvin *
csvin_open(const char *path, const char *name, struct diag *d)
{
	return csvin_open_opts(path, name, NULL, d);
}

struct csvin *
csvin_mem(const char *data, size_t len, const char *name, struct diag *d)
{
	static const struct csvin_opts defaults = { CSVIN_CSV, NULL, NULL, 0,
	    0, 0 };
	struct csvin *r = reader_new(name, d);

	if (!from_bytes(r, data, len, &defaults)) {
		csvin_free(r);
		return NULL;
	}
	return start(r, &defaults);
}

void
csvin_free(struct csvin *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->unlisted > 0) {
		struct pos at = { r->name, 0, 0 };

		diag_error(r->d, &at, "%zu more errors in this file are not "
		    "listed (only the first %d are)", r->unlisted,
		    CSVIN_MAX_ERRORS);
	}
	/* messages about records the loader never asked for stay unsaid,
	 * as they would have without reading ahead */
	for (i = r->qpos; i < r->nq; i++)
		diag_free(r->q[i].msgs);
	if (r->src != NULL && r->src->end != NULL)
		r->src->end(r);
	xlsx_free(r->x);
	lines_free(r->lines);
	text_done(&r->text);
	free(r->raw);
	free(r->marks);
	free(r->off);
	free(r->lens);
	free(r->ptrs);
	free(r->dup);
	free(r->dup_said);
	buf_free(&r->data);
	buf_free(&r->nfc);
	strtab_free(r->colidx);
	strtab_free(r->alias);
	arena_free(r->arena);
	free(r);
}

char
csvin_delim(const struct csvin *r)
{
	return r->delim;
}

const char *
csvin_encoding(const struct csvin *r)
{
	return r->text.encoding;
}

size_t
csvin_nsheets(const struct csvin *r)
{
	return r->x != NULL ? xlsx_nsheets(r->x) : 0;
}

const char *
csvin_sheet_name(const struct csvin *r, size_t i)
{
	return r->x != NULL ? xlsx_sheet_name(r->x, i) : NULL;
}

const char *
csvin_sheet(const struct csvin *r)
{
	return r->x != NULL ? xlsx_sheet(r->x) : NULL;
}

