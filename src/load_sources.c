/* load_sources.c: the `ratings:` list of cycle.yaml: each file, its
 * format and, for wide exports, the mapping of vendor columns, question
 * columns (checked against the rubric once it is loaded) and role values. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load_ingest.h"

/* A text value of `columns:`, with its position for later messages. */
static const char *
column_name(struct cload *L, const struct ynode *cols, const char *key,
    int required, struct pos *at)
{
	const struct ynode *n = required ? y_require(cols, key,
	    "in \"columns\"", L->d) : y_get(cols, key);
	const char *s;

	if (n == NULL || (!required && y_is_null(n))) {
		if (required)
			L->ok = 0;
		return NULL;
	}
	if (!y_str(n, L->d, &s)) {
		L->ok = 0;
		return NULL;
	}
	*at = n->pos;
	at->file = L->c->path;
	return arena_strdup(L->c->arena, s);
}

/* `roles:` of a wide file: vendor value -> rater role. */
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
		const struct ynode *v = n->pairs[i].val;
		const char *s;
		int r;

		if (!y_str(v, L->d, &s)) {
			L->ok = 0;
			continue;
		}
		r = role_parse(s);
		if (r < 0) {
			char tmp[64];

			diag_error(L->d, &v->pos, "\"roles\": %s is not a rater "
			    "role; expected one of: manager, self, peer, "
			    "direct_report", y_describe(v, tmp, sizeof tmp));
			L->ok = 0;
			continue;
		}
		src->role_values[src->nroles_map] = arena_strdup(c->arena,
		    n->pairs[i].key->str);
		src->role_map[src->nroles_map++] = r;
	}
}

/* The wide format's mapping; competency ids are resolved once the rubric
 * is loaded (sources_resolve). */
static void
read_wide(struct cload *L, const struct ynode *item, size_t k)
{
	static const char *const ckeys[] = {
		"subject", "rater", "role", "comment"
	};
	struct rating_source *src = &L->c->sources[k];
	struct wide_pos *wp = &L->wp[k];
	const struct ynode *cols = y_require(item, "columns",
	    "for format: wide", L->d);
	const struct ynode *q = y_require(item, "competencies",
	    "for format: wide", L->d);
	const struct ynode *roles = y_get(item, "roles");
	size_t i;

	if (cols == NULL || q == NULL)
		L->ok = 0;
	if (cols != NULL && y_kind(cols, YNODE_MAP, L->d)) {
		if (!y_keys(cols, ckeys, NELEM(ckeys), L->d))
			L->ok = 0;
		src->col_subject = column_name(L, cols, "subject", 1,
		    &wp->subject);
		src->col_rater = column_name(L, cols, "rater", 1, &wp->rater);
		src->col_role = column_name(L, cols, "role", 1, &wp->role);
		src->col_comment = column_name(L, cols, "comment", 0,
		    &wp->comment);
	} else if (cols != NULL)
		L->ok = 0;
	if (q != NULL && y_kind(q, YNODE_MAP, L->d)) {
		src->q_columns = arena_alloc(L->c->arena, q->n * sizeof(char *));
		src->q_comps = arena_alloc(L->c->arena, q->n * sizeof(int));
		wp->q = xcalloc(q->n + 1, sizeof(struct pos));
		for (i = 0; i < q->n; i++) {
			src->q_columns[i] = arena_strdup(L->c->arena,
			    q->pairs[i].key->str);
			src->q_comps[i] = -1;
			wp->q[i] = q->pairs[i].key->pos;
			wp->q[i].file = L->c->path;
		}
		src->nq = q->n;
		L->qmap[k] = q;
	} else if (q != NULL)
		L->ok = 0;
	if (roles != NULL && !y_is_null(roles))
		read_roles(L, roles, src);
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

/* One item of `ratings:`: a file name, or a mapping with file, format and
 * (wide) the column mapping. */
static void
read_source(struct cload *L, const struct ynode *item, size_t k)
{
	static const char *const keys[] = {
		"file", "format", "columns", "competencies", "roles"
	};
	static const char *const wide_only[] = {
		"columns", "competencies", "roles"
	};
	struct rating_source *src = &L->c->sources[k];
	const struct ynode *f = item, *fmt;
	size_t i;

	src->pos = item->pos;
	src->pos.file = L->c->path;
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
		for (i = 0; i < NELEM(wide_only) && !src->wide; i++) {
			const struct ynode *w = cload_key(item, wide_only[i]);

			if (w == NULL)
				continue;
			diag_error(L->d, &w->pos, "\"%s\" is for format: wide; "
			    "add format: wide to this item, or remove it",
			    wide_only[i]);
			L->ok = 0;
		}
		if (src->wide)
			read_wide(L, item, k);
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
	L->wp = xcalloc(count, sizeof(*L->wp));
	L->qmap = xcalloc(count, sizeof(*L->qmap));
	for (i = 0; i < count; i++)
		read_source(L, n->kind == YNODE_SEQ ? n->items[i] : n, i);
}

/* The question columns' competency ids, against the loaded rubric; a
 * competency mapped from two columns is an error. */
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

		if (q == NULL)
			continue;
		for (i = 0; i < rb->ncomps; i++)
			seen[i] = -1;
		for (i = 0; i < src->nq; i++) {
			const struct ynode *v = q->pairs[i].val;
			const char *id;
			int c;

			if (!y_str(v, L->d, &id)) {
				L->ok = 0;
				continue;
			}
			c = rubric_comp(rb, id);
			if (c < 0) {
				const char **ids = xcalloc(rb->ncomps + 1,
				    sizeof(char *));
				const char *hint;
				size_t j;

				for (j = 0; j < rb->ncomps; j++)
					ids[j] = rb->comps[j].id;
				hint = str_suggest(id, ids, rb->ncomps);
				diag_error(L->d, &v->pos, "\"%s\" is not a "
				    "competency of rubric \"%s\"%s%s%s", id, rb->id,
				    hint ? "; did you mean \"" : "", hint ? hint : "",
				    hint ? "\"?" : "");
				free(ids);
				L->ok = 0;
				continue;
			}
			if (seen[c] >= 0) {
				diag_error(L->d, &v->pos, "competency \"%s\" is "
				    "mapped from two columns, \"%s\" and \"%s\"; "
				    "map each competency from one column", id,
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

