/* load_sources.c: the `ratings:` list of cycle.yaml: each file, its
 * format and, for wide exports, the mapping of vendor columns, question
 * columns (checked against the rubric once it is loaded) and role values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "in_csv.h"
#include "load_ingest.h"

int
read_colspec(struct cload *L, const struct ynode *n, struct colspec *cs)
{
	const struct ynode *const *items = &n;
	size_t i, count = 1;
	const char *s;

	if (n == NULL || y_is_null(n))
		return 1;
	if (n->kind == YNODE_SEQ) {
		items = (const struct ynode *const *)n->items;
		count = n->n;
	}
	if (count == 0) {
		diag_error(L->d, &n->pos, "the list of columns is empty; "
		    "expected a column name or a list of them");
		return 0;
	}
	cs->names = arena_alloc(L->c->arena, count * sizeof(char *));
	for (i = 0; i < count; i++) {
		if (!y_str(items[i], L->d, &s))
			return 0;
		cs->names[cs->n++] = arena_strdup(L->c->arena, s);
	}
	cs->pos = n->pos;
	cs->pos.file = L->c->path;
	return 1;
}

/* `columns:`: the file's own names for the columns revpack needs. */
static void
read_columns(struct cload *L, const struct ynode *cols,
    struct rating_source *src)
{
	static const char *const long_keys[] = {
		"subject", "rater", "role", "competency", "score", "comment",
		"timestamp"
	};
	static const char *const wide_keys[] = {
		"subject", "rater", "role", "comment", "timestamp"
	};
	struct colspec *const dst[] = {
		&src->subject, &src->rater, &src->role, &src->comp,
		&src->score, &src->comment, &src->stamp
	};
	const char *const *keys = src->wide ? wide_keys : long_keys;
	size_t i, nkeys = src->wide ? NELEM(wide_keys) : NELEM(long_keys);

	if (!y_kind(cols, YNODE_MAP, L->d)) {
		L->ok = 0;
		return;
	}
	if (!y_keys(cols, keys, nkeys, L->d))
		L->ok = 0;
	for (i = 0; i < NELEM(long_keys); i++) {
		const struct ynode *v = y_get(cols, long_keys[i]);

		if (src->wide && (i == 3 || i == 4))
			continue;       /* competency, score: the questions */
		if (!read_colspec(L, v, dst[i]))
			L->ok = 0;
		else if (i != 5 && i != 0 && i != 1 && dst[i]->n > 1) {
			diag_error(L->d, &v->pos, "\"%s\": expected one column, "
			    "found a list (only subject, rater and comment may "
			    "join several)", long_keys[i]);
			L->ok = 0;
		}
	}
}

/* A rater role's name at n ("roles", "role", "role_columns"): the enum
 * role, or -1 after reporting. */
static int
role_at(struct cload *L, const struct ynode *n, const char *what)
{
	char tmp[64];
	const char *s;
	int r;

	if (!y_str(n, L->d, &s))
		return -1;
	r = role_parse(s);
	if (r < 0)
		diag_error(L->d, &n->pos, "\"%s\": %s is not a rater role; "
		    "expected one of: manager, self, peer, direct_report", what,
		    y_describe(n, tmp, sizeof tmp));
	return r;
}

/* `roles:`: vendor value -> rater role. */
static void
read_roles(struct cload *L, const struct ynode *n, struct rating_source *src)
{
	struct cycle *c = L->c;
	size_t i;

	if (!y_kind(n, YNODE_MAP, L->d)) {
		L->ok = 0;
		return;
	}
	src->role_values = arena_alloc(c->arena, (n->n + 1) * sizeof(char *));
	src->role_map = arena_alloc(c->arena, (n->n + 1) * sizeof(int));
	for (i = 0; i < n->n; i++) {
		int r = role_at(L, n->pairs[i].val, "roles");

		if (r < 0) {
			L->ok = 0;
			continue;
		}
		src->role_values[src->nroles_map] = arena_strdup(c->arena,
		    n->pairs[i].key->str);
		src->role_map[src->nroles_map++] = r;
	}
}

/* one_role_columns: a role's score (and comment) columns at v into
 * *rc. 1, or 0 after reporting. */
static int
one_role_columns(struct cload *L, const struct ynode *v, struct rolecols *rc)
{
	static const char *const keys[] = { "role", "score", "comment" };

	if (!y_kind(v, YNODE_MAP, L->d) || !y_keys(v, keys, NELEM(keys), L->d))
		return 0;
	return y_require(v, "score", "in \"role_columns\"", L->d) != NULL &&
	    read_colspec(L, y_get(v, "score"), &rc->score) &&
	    read_colspec(L, y_get(v, "comment"), &rc->comment);
}

/* `role_columns:`: a score (and comment) column per role in a long file,
 * as a mapping ROLE: { score: COLUMN, comment: COLUMN }, or as a list of
 * { role: ROLE, score: COLUMN, comment: COLUMN } when a role has several
 * (15Five's "Peer Evaluation 1 - Rating", "Peer Evaluation 2 - ..."). */
static void
read_role_columns(struct cload *L, const struct ynode *n,
    struct rating_source *src)
{
	size_t i;

	if (n->kind != YNODE_MAP && n->kind != YNODE_SEQ) {
		char what[64];

		diag_error(L->d, &n->pos, "\"role_columns\": expected a mapping "
		    "of roles to their columns, or a list of { role, score, "
		    "comment }, found %s", y_describe(n, what, sizeof what));
		L->ok = 0;
		return;
	}
	src->rolecols = arena_alloc(L->c->arena, (n->n + 1) *
	    sizeof(*src->rolecols));
	for (i = 0; i < n->n; i++) {
		struct rolecols *rc = &src->rolecols[src->nrolecols];
		const struct ynode *v = n->kind == YNODE_MAP ? n->pairs[i].val :
		    n->items[i];
		const struct ynode *r = n->kind == YNODE_MAP ? n->pairs[i].key :
		    y_require(v, "role", "in a \"role_columns\" item", L->d);

		rc->role = r != NULL ? role_at(L, r, "role_columns") : -1;
		if (rc->role < 0 || !one_role_columns(L, v, rc)) {
			L->ok = 0;
			continue;
		}
		src->nrolecols++;
	}
}

/* `values:` (answer text -> a number or n/a) and `na:` (texts that mean
 * not rated) into src->value_texts and value_nums. */
static void
read_values(struct cload *L, const struct ynode *vals, const struct ynode *na,
    struct rating_source *src)
{
	struct cycle *c = L->c;
	size_t i, cap = 0;
	const char *s;

	if (vals != NULL && (y_is_null(vals) || !y_kind(vals, YNODE_MAP, L->d))) {
		if (!y_is_null(vals))
			L->ok = 0;
		vals = NULL;
	}
	if (na != NULL && (y_is_null(na) || !y_kind(na, YNODE_SEQ, L->d))) {
		if (!y_is_null(na))
			L->ok = 0;
		na = NULL;
	}
	cap = (vals != NULL ? vals->n : 0) + (na != NULL ? na->n : 0) + 1;
	src->value_texts = arena_alloc(c->arena, cap * sizeof(char *));
	src->value_nums = arena_alloc(c->arena, cap * sizeof(double));
	src->value_pos = arena_alloc(c->arena, cap * sizeof(struct pos));
	for (i = 0; vals != NULL && i < vals->n; i++) {
		const struct ynode *v = vals->pairs[i].val;
		double x = NAN;

		if (v->kind == YNODE_SCALAR && v->plain && v->str != NULL &&
		    str_casecmp_ascii(v->str, "n/a") == 0)
			x = NAN;
		else if (!y_num(v, L->d, &x)) {
			L->ok = 0;
			continue;
		}
		src->value_texts[src->nvalues] = arena_strdup(c->arena,
		    vals->pairs[i].key->str);
		src->value_pos[src->nvalues] = v->pos;
		src->value_pos[src->nvalues].file = c->path;
		src->value_nums[src->nvalues++] = x;
	}
	for (i = 0; na != NULL && i < na->n; i++) {
		if (!y_str(na->items[i], L->d, &s)) {
			L->ok = 0;
			continue;
		}
		src->value_texts[src->nvalues] = arena_strdup(c->arena, s);
		src->value_pos[src->nvalues] = na->items[i]->pos;
		src->value_pos[src->nvalues].file = c->path;
		src->value_nums[src->nvalues++] = NAN;
	}
}

/* `where: { COLUMN: VALUE or [VALUES] }`: only rows whose column holds
 * one of the values count. */
static void
read_where(struct cload *L, const struct ynode *n, struct rating_source *src)
{
	const struct ynode *v;
	size_t i;

	if (!y_kind(n, YNODE_MAP, L->d) || n->n != 1) {
		if (n->kind == YNODE_MAP)
			diag_error(L->d, &n->pos, "\"where\": expected one "
			    "column and its value(s), such as "
			    "{ Finished: \"True\" }");
		L->ok = 0;
		return;
	}
	src->where.names = arena_alloc(L->c->arena, sizeof(char *));
	src->where.names[0] = arena_strdup(L->c->arena, n->pairs[0].key->str);
	src->where.n = 1;
	src->where.pos = n->pairs[0].key->pos;
	src->where.pos.file = L->c->path;
	v = n->pairs[0].val;
	src->where_vals = arena_alloc(L->c->arena, ((v->kind == YNODE_SEQ ?
	    v->n : 1) + 1) * sizeof(char *));
	for (i = 0; i < (v->kind == YNODE_SEQ ? v->n : 1); i++) {
		const char *s;

		if (!y_str(v->kind == YNODE_SEQ ? v->items[i] : v, L->d, &s)) {
			L->ok = 0;
			continue;
		}
		src->where_vals[src->nwhere++] = arena_strdup(L->c->arena, s);
	}
}

/* The question columns of a wide file (competencies resolved once the
 * rubric is loaded, sources_resolve), or a long file's competency texts. */
static void
read_competencies(struct cload *L, const struct ynode *q, size_t k)
{
	struct rating_source *src = &L->c->sources[k];
	size_t i;

	if (!y_kind(q, YNODE_MAP, L->d)) {
		L->ok = 0;
		return;
	}
	L->qmap[k] = q;
	if (!src->wide)
		return;
	src->q_columns = arena_alloc(L->c->arena, q->n * sizeof(char *));
	src->q_comps = arena_alloc(L->c->arena, q->n * sizeof(int));
	src->q_pos = arena_alloc(L->c->arena, (q->n + 1) * sizeof(struct pos));
	for (i = 0; i < q->n; i++) {
		src->q_columns[i] = arena_strdup(L->c->arena,
		    q->pairs[i].key->str);
		src->q_comps[i] = -1;
		src->q_pos[i] = q->pairs[i].key->pos;
		src->q_pos[i].file = L->c->path;
	}
	src->nq = q->n;
}

/* The wide format's required keys. */
static void
read_wide(struct cload *L, const struct ynode *item)
{
	static const char *const need[] = { "subject", "role" };
	const struct ynode *cols = y_require(item, "columns",
	    "for format: wide", L->d);
	size_t i;

	if (y_require(item, "competencies", "for format: wide", L->d) == NULL)
		L->ok = 0;
	if (cols == NULL) {
		L->ok = 0;
		return;
	}
	if (cols->kind != YNODE_MAP)
		return;
	for (i = 0; i < NELEM(need); i++)
		if ((i == 0 || y_get(item, "role") == NULL) &&
		    y_require(cols, need[i], "in \"columns\"", L->d) == NULL)
			L->ok = 0;
}

void
read_file_keys(struct cload *L, const struct ynode *item,
    struct filespec *src)
{
	static const char *const hkeys[] = { "rows", "names" };
	const struct ynode *n;
	const char *s;
	char tmp[64];
	long v;

	n = y_get(item, "type");
	if (n != NULL && !y_is_null(n) && y_str(n, L->d, &s)) {
		if (strcmp(s, "csv") == 0)
			src->type = SRC_CSV;
		else if (strcmp(s, "xlsx") == 0)
			src->type = SRC_XLSX;
		else {
			diag_error(L->d, &n->pos, "\"type\": %s is not a file "
			    "type; expected csv or xlsx", y_describe(n, tmp,
			    sizeof tmp));
			L->ok = 0;
		}
	}
	n = y_get(item, "encoding");
	if (n != NULL && !y_is_null(n) && y_str(n, L->d, &s))
		src->encoding = arena_strdup(L->c->arena, s);
	n = y_get(item, "sheet");
	if (n != NULL && !y_is_null(n) && y_str(n, L->d, &s))
		src->sheet = arena_strdup(L->c->arena, s);
	n = y_get(item, "header");
	if (n == NULL || y_is_null(n))
		return;
	if (n->kind == YNODE_SCALAR) {
		if (y_int(n, L->d, &v) && v >= 1 && v <= CSVIN_MAX_HEADER_ROWS)
			src->header_rows = (int)v;
		else {
			diag_error(L->d, &n->pos, "\"header\": expected the "
			    "number of header rows, 1 to %d", CSVIN_MAX_HEADER_ROWS);
			L->ok = 0;
		}
		return;
	}
	if (!y_kind(n, YNODE_MAP, L->d) || !y_keys(n, hkeys, NELEM(hkeys),
	    L->d)) {
		L->ok = 0;
		return;
	}
	if (y_get(n, "rows") != NULL && (!y_int(y_get(n, "rows"), L->d, &v) ||
	    v < 1 || v > CSVIN_MAX_HEADER_ROWS)) {
		diag_error(L->d, &y_get(n, "rows")->pos, "\"rows\": expected "
		    "the number of header rows, 1 to %d", CSVIN_MAX_HEADER_ROWS);
		L->ok = 0;
	} else if (y_get(n, "rows") != NULL)
		src->header_rows = (int)v;
	if (y_get(n, "names") != NULL && (!y_int(y_get(n, "names"), L->d,
	    &v) || v < 1 || v > CSVIN_MAX_HEADER_ROWS || (src->header_rows > 0 &&
	    v > src->header_rows))) {
		diag_error(L->d, &y_get(n, "names")->pos, "\"names\": expected "
		    "the header row that names the columns, 1 to the number "
		    "of rows");
		L->ok = 0;
	} else if (y_get(n, "names") != NULL)
		src->header_names = (int)v;
}

/* `role`, `roles`, `role_columns`, `values`, `na`, `where` and
 * `repeated`: what the rows mean. */
static void
read_meaning(struct cload *L, const struct ynode *item,
    struct rating_source *src)
{
	const struct ynode *n;
	const char *s;

	n = y_get(item, "role");
	if (n != NULL && !y_is_null(n)) {
		src->fixed_role = role_at(L, n, "role");
		if (src->fixed_role < 0)
			L->ok = 0;
	}
	n = y_get(item, "roles");
	if (n != NULL && !y_is_null(n))
		read_roles(L, n, src);
	n = y_get(item, "role_columns");
	if (n != NULL && !y_is_null(n)) {
		if (src->wide) {
			diag_error(L->d, &n->pos, "\"role_columns\" is for "
			    "format: long; in a wide file, map a role column "
			    "in \"columns\"");
			L->ok = 0;
		} else
			read_role_columns(L, n, src);
	}
	read_values(L, y_get(item, "values"), y_get(item, "na"), src);
	n = y_get(item, "where");
	if (n != NULL && !y_is_null(n))
		read_where(L, n, src);
	n = y_get(item, "repeated");
	if (n != NULL && !y_is_null(n) && y_str(n, L->d, &s)) {
		if (strcmp(s, "latest") == 0)
			src->keep_latest = 1;
		else if (strcmp(s, "error") != 0) {
			diag_error(L->d, &n->pos, "\"repeated\": \"%s\" is not "
			    "a choice; expected error (the default) or latest "
			    "(keep the latest response by the timestamp "
			    "column)", s);
			L->ok = 0;
		}
		if (src->keep_latest && src->stamp.n == 0) {
			diag_error(L->d, &n->pos, "\"repeated: latest\" needs "
			    "the column that dates each response; add "
			    "timestamp: COLUMN to \"columns\"");
			L->ok = 0;
		}
	}
}

/* The ratings file of item k is not also that of an earlier item (every
 * rating would be a duplicate); if it is, it is reported and not read. */
static void
check_listed_once(struct cload *L, const struct ynode *f, size_t k)
{
	struct rating_source *src = L->c->sources;
	struct stat a, b;
	size_t j;

	if (stat(src[k].path, &a) != 0)
		return;
	for (j = 0; j < k; j++) {
		if (src[j].path == NULL || stat(src[j].path, &b) != 0 ||
		    a.st_dev != b.st_dev || a.st_ino != b.st_ino)
			continue;
		diag_error(L->d, &f->pos, "ratings file \"%s\" is listed twice "
		    "(also as item %zu); list each file once", src[k].file,
		    j + 1);
		src[k].path = NULL;
		L->ok = 0;
		return;
	}
}

/* One item of `ratings:`: a file name, or a mapping with file, format,
 * and how to read it (README.md, "Exports as they are"). */
static void
read_source(struct cload *L, const struct ynode *item, size_t k)
{
	static const char *const keys[] = {
		"file", "format", "columns", "competencies", "roles", "type",
		"encoding", "sheet", "header", "role", "role_columns", "values",
		"na", "where", "repeated"
	};
	struct rating_source *src = &L->c->sources[k];
	const struct ynode *f = item, *fmt, *n;

	src->pos = item->pos;
	src->pos.file = L->c->path;
	src->fixed_role = -1;
	if (item->kind == YNODE_MAP) {
		if (!y_keys(item, keys, NELEM(keys), L->d))
			L->ok = 0;
		f = y_require(item, "file", "in a ratings item", L->d);
		fmt = y_get(item, "format");
		if (fmt != NULL && !y_is_null(fmt)) {
			const char *s;
			char tmp[64];

			if (!y_str(fmt, L->d, &s))
				L->ok = 0;
			else if (strcmp(s, "wide") == 0)
				src->wide = 1;
			else if (strcmp(s, "long") != 0) {
				diag_error(L->d, &fmt->pos, "\"format\": %s is not "
				    "a ratings format; expected long or wide",
				    y_describe(fmt, tmp, sizeof tmp));
				L->ok = 0;
			}
		}
		if (src->wide)
			read_wide(L, item);
		n = y_get(item, "columns");
		if (n != NULL && !y_is_null(n))
			read_columns(L, n, src);
		n = y_get(item, "competencies");
		if (n != NULL && !y_is_null(n))
			read_competencies(L, n, k);
		read_file_keys(L, item, &src->how);
		read_meaning(L, item, src);
	} else if (item->kind != YNODE_SCALAR) {
		char w[96], what[64];

		diag_error(L->d, &item->pos, "%s: expected a file name or a "
		    "mapping with \"file\", found %s", y_where(item, w,
		    sizeof w), y_describe(item, what, sizeof what));
		L->ok = 0;
		return;
	}
	if (f == NULL) {
		L->ok = 0;
		return;
	}
	src->path = cload_file(L, f, "ratings file", 1);
	if (src->path != NULL && y_str(f, L->d, &src->file))
		src->file = arena_strdup(L->c->arena, src->file);
	if (src->path != NULL)
		check_listed_once(L, f, k);
}

void
sources_read(struct cload *L, const struct ynode *root)
{
	const struct ynode *n = y_require(root, "ratings", NULL, L->d);
	struct cycle *c = L->c;
	size_t i, count;

	if (n == NULL) {
		L->ok = 0;
		return;
	}
	if (n->kind == YNODE_MAP) {
		char what[64];

		diag_error(L->d, &n->pos, "\"ratings\": expected a list of "
		    "ratings files (each line starting with \"- \"), found %s",
		    y_describe(n, what, sizeof what));
		L->ok = 0;
		return;
	}
	count = n->kind == YNODE_SEQ ? n->n : 1;
	if (count == 0) {
		diag_error(L->d, &n->pos, "\"ratings\": the list is empty; "
		    "expected at least one ratings file");
		L->ok = 0;
		return;
	}
	c->sources = arena_alloc(c->arena, count * sizeof(*c->sources));
	c->nsources = count;
	L->qmap = xcalloc(count, sizeof(*L->qmap));
	for (i = 0; i < count; i++)
		read_source(L, n->kind == YNODE_SEQ ? n->items[i] : n, i);
}

/* comp_or_report: the competency id at v (a `competencies:` value): its
 * index, or -1 after reporting with the nearest id. */
static int
comp_or_report(struct cload *L, const struct ynode *v)
{
	const struct rubric *rb = L->c->rubric;
	const char **ids, *id, *hint;
	size_t j;
	int c;

	if (!y_str(v, L->d, &id))
		return -1;
	c = rubric_comp(rb, id);
	if (c >= 0)
		return c;
	ids = xcalloc(rb->ncomps + 1, sizeof(char *));
	for (j = 0; j < rb->ncomps; j++)
		ids[j] = rb->comps[j].id;
	hint = str_suggest(id, ids, rb->ncomps);
	diag_error(L->d, &v->pos, "\"%s\" is not a competency of rubric "
	    "\"%s\"%s%s%s", id, rb->id, hint ? "; did you mean \"" : "",
	    hint ? hint : "", hint ? "\"?" : "");
	free(ids);
	return -1;
}

/* The wide files' question columns and the long files' competency texts
 * to competency indexes, against the loaded rubric; a competency mapped
 * from two question columns is an error. */
void
sources_resolve(struct cload *L)
{
	const struct rubric *rb = L->c->rubric;
	size_t k, i;
	int *seen;

	if (rb == NULL)
		return;
	seen = xmalloc((rb->ncomps + 1) * sizeof(int));
	for (k = 0; k < L->c->nsources; k++) {
		struct rating_source *src = &L->c->sources[k];
		const struct ynode *q = L->qmap[k];

		for (i = 0; i < src->nvalues; i++) {
			double x = src->value_nums[i];

			if (isnan(x) || (x >= rb->scale.min && x <= rb->scale.max))
				continue;
			diag_error(L->d, &src->value_pos[i], "\"values\": \"%s\" "
			    "is given %g, outside the scale %d to %d; expected a "
			    "value on the scale, or n/a", src->value_texts[i], x,
			    rb->scale.min, rb->scale.max);
			L->ok = 0;
		}

		if (q == NULL)
			continue;
		if (!src->wide) {
			src->comp_texts = arena_alloc(L->c->arena, (q->n + 1) *
			    sizeof(char *));
			src->comp_map = arena_alloc(L->c->arena, (q->n + 1) *
			    sizeof(int));
		}
		for (i = 0; i < rb->ncomps; i++)
			seen[i] = -1;
		for (i = 0; i < q->n; i++) {
			int c = comp_or_report(L, q->pairs[i].val);

			if (c < 0) {
				L->ok = 0;
				continue;
			}
			if (!src->wide) {
				src->comp_texts[src->ncomp_texts] =
				    arena_strdup(L->c->arena, q->pairs[i].key->str);
				src->comp_map[src->ncomp_texts++] = c;
				continue;
			}
			if (seen[c] >= 0) {
				diag_error(L->d, &q->pairs[i].val->pos,
				    "competency \"%s\" is mapped from two "
				    "columns, \"%s\" and \"%s\"; map each "
				    "competency from one column", rb->comps[c].id,
				    src->q_columns[seen[c]], src->q_columns[i]);
				L->ok = 0;
				continue;
			}
			seen[c] = (int)i;
			src->q_comps[i] = c;
		}
	}
	free(seen);
}

struct csvin *
load_open(const char *path, const struct filespec *how, struct diag *d)
{
	struct csvin_opts o;

	memset(&o, 0, sizeof o);
	o.type = how->type == SRC_XLSX ? CSVIN_XLSX : how->type == SRC_CSV ?
	    CSVIN_CSV : CSVIN_AUTO;
	o.encoding = how->encoding;
	o.sheet = how->sheet;
	o.header_rows = how->header_rows;
	o.header_names = how->header_names;
	return csvin_open_opts(path, path, &o, d);
}
