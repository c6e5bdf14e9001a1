/* in_table_hdr.c: the reader's header stage and column lookup (the
 * second stage of in_table.c's reader): how many header rows the file has
 * and what they name the columns, as the options say or as in_header.c
 * recognises a survey tool's layout from the first rows (read ahead into
 * in_table.c's queue); duplicate names; the lookup loaders use by name,
 * by a Qualtrics question id, or by index. */
#include <stdlib.h>
#include <string.h>

#include "in_csv_int.h"
#include "in_header.h"

/* set_names: the header's column names (trimmed, copied), indexed. */
static void
set_names(struct csvin *r, const char *const *names, size_t n)
{
	size_t i;

	r->ncols = n;
	r->cols = arena_alloc(r->arena, (n + 1) * sizeof(*r->cols));
	free(r->dup);
	free(r->dup_said);
	strtab_free(r->colidx);
	r->dup = xmalloc((n + 1) * sizeof(*r->dup));
	r->dup_said = xcalloc(n + 1, 1);
	r->colidx = strtab_new(1);
	for (i = 0; i < n; i++) {
		const char *s = names[i];
		size_t len = strlen(s);
		int prev;

		str_trim(&s, &len);
		r->cols[i] = arena_strndup(r->arena, s, len);
		r->dup[i] = -1;
		if (r->cols[i][0] == '\0')
			continue;
		prev = strtab_put(r->colidx, r->cols[i], strlen(r->cols[i]),
		    (int)i);
		if (prev >= 0 && r->dup[prev] < 0)
			r->dup[prev] = (int)i;
	}
}

/* set_aliases: row `row`'s cells find their columns too (Qualtrics ids). */
static void
set_aliases(struct csvin *r, const struct hdr_row *row)
{
	size_t i;

	r->alias = strtab_new(1);
	for (i = 0; i < row->n && i < r->ncols; i++) {
		const char *s = row->f[i];
		size_t n = row->len[i];

		str_trim(&s, &n);
		if (n > 0)
			strtab_put(r->alias, arena_strndup(r->arena, s, n), n,
			    (int)i);
	}
}

static void
fill_rows(const struct csvin *r, struct hdr_row *rows)
{
	size_t k;

	for (k = 0; k < r->nq; k++) {
		rows[k + 1].f = r->q[k].f;
		rows[k + 1].len = r->q[k].len;
		rows[k + 1].n = r->q[k].has ? r->q[k].n : 0;
	}
}

static struct hdr_layout recognised(struct csvin *r,
    const struct csvin_opts *o, struct hdr_row *rows);

/* header_layout: how many header rows there are and how they name the
 * columns: as the options say, or recognised from the first three rows
 * (read ahead into the queue; rows[0] is the first). */
static struct hdr_layout
header_layout(struct csvin *r, const struct csvin_opts *o,
    struct hdr_row *rows)
{
	struct hdr_layout l = { 1, 1, 0, NULL };

	/* sheet rows keep their widths until the header is known (a title
	 * row above the header is one cell wide) */
	r->sizing = r->x != NULL;
	l = recognised(r, o, rows);
	r->sizing = 0;
	return l;
}

/* recognised: header_layout's work. */
static struct hdr_layout
recognised(struct csvin *r, const struct csvin_opts *o, struct hdr_row *rows)
{
	struct hdr_layout l = { 1, 1, 0, NULL };

	if (o->header_rows > 0) {
		l.rows = o->header_rows;
		l.names = o->header_names;
		while (r->nq + 1 < (size_t)l.rows && csvr_read_ahead(r))
			continue;
		fill_rows(r, rows);
		return l;
	}
	while (r->nq < 2 && csvr_read_ahead(r)) {
		fill_rows(r, rows);
		l = hdr_recognise(rows, r->nq + 1);
		if (l.tool != NULL)
			break;
	}
	fill_rows(r, rows);
	if (o->header_names > 0 && o->header_names <= l.rows)
		l.names = o->header_names;
	return l;
}

/* csvr_read_header: in_csv_int.h. */
int
csvr_read_header(struct csvin *r, const struct csvin_opts *o)
{
	struct hdr_row rows[CSVIN_MAX_HEADER_ROWS + 1];
	struct hdr_layout l;
	struct csvin_rec first;
	size_t before = r->nerrors, k, *lens;
	const char **names;

	if (r->src->begin != NULL)
		r->src->begin(r);
	if (!csvin_next(r, &first)) {
		if (r->nerrors == before)
			csvr_say(r, 0, 0, -1, 0, "the file is empty; expected a "
			    "header line naming the columns");
		return 0;
	}
	if (r->nerrors > before)
		return 0;
	r->header_line = first.line;
	/* the first row names the columns until more is known; its names
	 * stand for it below (reading ahead reuses the record buffer) */
	set_names(r, first.f, first.n);
	r->have_header = 1;
	lens = arena_alloc(r->arena, (r->ncols + 1) * sizeof(*lens));
	for (k = 0; k < r->ncols; k++)
		lens[k] = strlen(r->cols[k]);
	rows[0].f = r->cols;
	rows[0].len = lens;
	rows[0].n = r->ncols;
	l = header_layout(r, o, rows);
	/* a sheet's header is as wide as its widest header row */
	for (k = 1; r->x != NULL && k < (size_t)l.rows; k++)
		if (rows[k].n > r->ncols)
			r->ncols = rows[k].n;
	for (k = 0; k + 1 < (size_t)l.rows; k++)
		if (k >= r->nq || !r->q[k].has) {
			while (r->qpos < r->nq)
				csvr_take_ahead(r, &first);
			csvr_say(r, r->header_line, 0, -1, 0, "expected %d header "
			    "rows; the file has only %zu good rows", l.rows,
			    k + 1);
			return 0;
		}
	/* the header rows' messages are said now; the rest wait */
	for (k = 1; k < (size_t)l.rows; k++)
		csvr_take_ahead(r, &first);
	r->header_rows = l.rows;
	if (l.rows > 1) {
		names = arena_alloc(r->arena, (r->ncols + 1) * sizeof(*names));
		hdr_names(rows, (size_t)l.rows, l.names, r->ncols, r->arena,
		    names);
		set_names(r, names, r->ncols);
		if (l.alias > 0)
			set_aliases(r, &rows[l.alias - 1]);
	}
	return 1;
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
	if (i < 0 && r->alias != NULL)
		i = strtab_gets(r->alias, name);
	if (i < 0)
		return -1;
	if (r->dup[i] >= 0) {
		if (!r->dup_said[i]) {
			r->dup_said[i] = 1;
			csvr_say(r, r->header_line, 0, -1, 0, "column \"%s\" appears "
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

int
csvin_header_rows(const struct csvin *r)
{
	return r->header_rows;
}
