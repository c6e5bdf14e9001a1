/* load_rubric.c: rubric.yaml to the validated struct rubric of model.h,
 * with every check revpack-rubric.5 lists; every problem reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_rubric.h"

static const char *const top_keys[] = {
	"id", "title", "version", "description", "scale", "expectations",
	"status", "bands", "guide", "categories"
};
static const char *const cat_keys[] = {
	"id", "title", "weight", "description", "competencies"
};
static const char *const comp_keys[] = {
	"id", "title", "weight", "definition", "strong", "indicators",
	"levels", "coaching", "objectives"
};
static const char *const ind_keys[] = { "green", "yellow", "red" };

/* A model position: the node's line and column, in the rubric's file name
 * (which lives as long as the rubric, unlike the YAML tree's). */
struct pos
rl_at(const struct rl *L, const struct ynode *n)
{
	struct pos p = { L->r->path, n->pos.line, n->pos.col };

	return p;
}

/* rl_opt: the value of key in map, or NULL when absent or null (`key:`,
 * `key: ~`): an optional key left empty is not given. */
const struct ynode *
rl_opt(const struct ynode *map, const char *key)
{
	const struct ynode *v = y_get(map, key);

	return y_is_null(v) ? NULL : v;
}

int
rl_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* rl_text: n's text copied into the rubric's arena, or NULL after reporting
 * (n NULL: NULL, silently). */
const char *
rl_text(struct rl *L, const struct ynode *n)
{
	const char *s;

	if (n == NULL || !y_str(n, L->d, &s))
		return NULL;
	return arena_strndup(L->a, s, n->len);
}

/* rl_req_text: the required, non-blank text at key; NULL after reporting. */
const char *
rl_req_text(struct rl *L, const struct ynode *map, const char *key,
    const char *what)
{
	const struct ynode *v = y_require(map, key, what, L->d);
	const char *s = rl_text(L, v);

	if (s != NULL && rl_blank(s)) {
		diag_error(L->d, &v->pos, "\"%s\" is empty%s%s; expected text",
		    key, what != NULL ? " " : "", what != NULL ? what : "");
		return NULL;
	}
	return s;
}

void
rl_strlist(struct rl *L, const struct ynode *map, const char *key,
    struct strv *out)
{
	const struct ynode *v = rl_opt(map, key);

	if (v != NULL)
		y_strlist(v, L->a, L->d, &out->v, &out->n);
}

static int
id_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* id_ok: id (n's text) is not empty and made of id characters; else
 * reports, naming the first character that is not. */
static int
id_ok(struct rl *L, const struct ynode *n, const char *kind, const char *id)
{
	char found[96], bad[16];
	size_t i;

	if (id[0] == '\0') {
		diag_error(L->d, &n->pos, "the %s id is empty; expected letters, "
		    "digits, \"-\", \"_\" or \".\"", kind);
		return 0;
	}
	for (i = 0; id[i] != '\0' && id_char((unsigned char)id[i]); i++)
		continue;
	if (id[i] == '\0')
		return 1;
	if (id[i] == ' ')
		snprintf(bad, sizeof bad, "a space");
	else if (id[i] == '\t')
		snprintf(bad, sizeof bad, "a tab");
	else if ((unsigned char)id[i] < 0x20)
		snprintf(bad, sizeof bad, "a line break");
	else {
		uint32_t cp;
		int len = utf8_next(id + i, n->len - i, &cp);

		snprintf(bad, sizeof bad, "\"%.*s\"", len, id + i);
	}
	diag_error(L->d, &n->pos, "the %s id %s contains %s; an id may hold "
	    "only ASCII letters, digits, \"-\", \"_\" and \".\"", kind,
	    y_describe(n, found, sizeof found), bad);
	return 0;
}

/* weight: the positive number at map's "weight"; dflt when absent or
 * wrong. *given (when not NULL) says whether a valid one was written. */
static double
weight(struct rl *L, const struct ynode *map, double dflt, int *given)
{
	const struct ynode *v = rl_opt(map, "weight");
	double w;

	if (given != NULL)
		*given = 0;
	if (v == NULL || !y_num(v, L->d, &w))
		return dflt;
	if (w <= 0) {
		diag_error(L->d, &v->pos, "weight %s is not above 0; expected a "
		    "positive number", v->str);
		return dflt;
	}
	if (w > WEIGHT_LIMIT) {
		diag_error(L->d, &v->pos, "weight %s is too large; expected at "
		    "most %.0f", v->str, WEIGHT_LIMIT);
		return dflt;
	}
	if (given != NULL)
		*given = 1;
	return w;
}

/* --- categories and competencies --- */

/* read_id: the id at map's "id", checked, and recorded in the folded
 * table t as idx (categories index r->cats, competencies r->comps); an id
 * used before, exactly or in another case, is reported. Returns the id
 * (also a repeated one, so that messages can name the item) or NULL after
 * reporting. `what` names the item when the id is missing. */
static const char *
read_id(struct rl *L, const struct ynode *map, const char *kind,
    const char *what, struct strtab *t, int idx, int is_comp)
{
	const struct ynode *n = y_require(map, "id", what, L->d);
	const char *id = rl_text(L, n), *fid;
	int first, fline;

	if (id == NULL || !id_ok(L, n, kind, id))
		return NULL;
	first = strtab_put(t, id, strlen(id), idx);
	if (first < 0)
		return id;
	fid = is_comp ? L->r->comps[first].id : L->r->cats[first].id;
	fline = is_comp ? L->r->comps[first].pos.line :
	    L->r->cats[first].pos.line;
	if (strcmp(fid, id) == 0)
		diag_error(L->d, &n->pos, "duplicate %s id \"%s\" (first at line "
		    "%d); expected each id once", kind, id, fline);
	else
		diag_error(L->d, &n->pos, "the %s id \"%s\" differs only in case "
		    "from \"%s\" (line %d); expected ids that differ in more "
		    "than case", kind, id, fid, fline);
	return id;
}

/* level_key: the level value a descriptor key names (a value or a
 * label); reports and returns -1 when it names none. */
static int
level_key(struct rl *L, const struct ynode *k)
{
	char found[96];
	long v;

	if (parse_long(k->str, k->len, &v)) {
		if (v >= L->smin && v <= L->smax)
			return (int)v;
	} else if (rl_label_value(L, k) >= 0)
		return rl_label_value(L, k);
	diag_error(L->d, &k->pos, "the descriptor key %s is not a level of the "
	    "scale; expected a level value from %d to %d or a level label",
	    y_describe(k, found, sizeof found), L->smin, L->smax);
	return -1;
}

/* load_descriptors: a competency's `levels` mapping, level -> text or
 * list. Stored into c->levels only when the scale is valid. */
static void
load_descriptors(struct rl *L, const struct ynode *m, struct competency *c)
{
	size_t span, i;
	int *first;

	if (!y_kind(m, YNODE_MAP, L->d))
		return;
	span = L->have_range ? (size_t)(L->smax - L->smin + 1) : 0;
	first = xcalloc(span + 1, sizeof(int));
	for (i = 0; i < m->n; i++) {
		const struct ynode *k = m->pairs[i].key, *v = m->pairs[i].val;
		struct strv tmp = { NULL, 0 };
		int lv;

		if (k->kind != YNODE_SCALAR)
			continue;
		if (!y_is_null(v))
			y_strlist(v, L->a, L->d, &tmp.v, &tmp.n);
		if (!L->have_range)
			continue;
		lv = level_key(L, k);
		if (lv < 0)
			continue;
		if (first[lv - L->smin] != 0) {
			diag_error(L->d, &k->pos, "level %d is described twice "
			    "(first at line %d); expected one entry per level",
			    lv, first[lv - L->smin]);
			continue;
		}
		first[lv - L->smin] = k->pos.line;
		if (L->scale_ok)
			c->levels[lv - L->smin] = tmp;
	}
	free(first);
}

static void
load_indicators(struct rl *L, const struct ynode *m, struct competency *c)
{
	if (!y_kind(m, YNODE_MAP, L->d))
		return;
	y_keys(m, ind_keys, NELEM(ind_keys), L->d);
	c->ind_green = rl_text(L, rl_opt(m, "green"));
	c->ind_yellow = rl_text(L, rl_opt(m, "yellow"));
	c->ind_red = rl_text(L, rl_opt(m, "red"));
}

static void
load_competency(struct rl *L, const struct ynode *it, size_t cat,
    const char *cat_id)
{
	struct rubric *r = L->r;
	struct competency *c;
	const struct ynode *v;
	char what[160], name[96];
	int idx;

	if (!y_kind(it, YNODE_MAP, L->d))
		return;
	idx = (int)r->ncomps++;
	c = &r->comps[idx];
	c->category = cat;
	c->pos = rl_at(L, it);
	if (L->scale_ok)
		c->levels = arena_alloc(L->a, r->scale.n * sizeof(*c->levels));
	y_keys(it, comp_keys, NELEM(comp_keys), L->d);
	if (cat_id != NULL)
		snprintf(what, sizeof what, "in competency %d of category \"%s\"",
		    it->index + 1, cat_id);
	else
		snprintf(what, sizeof what, "in competency %d of category %zu",
		    it->index + 1, cat + 1);
	c->id = read_id(L, it, "competency", what, L->comp_fold, idx, 1);
	if (c->id != NULL) {
		snprintf(what, sizeof what, "in competency %s",
		    y_describe(y_get(it, "id"), name, sizeof name));
		strtab_put(r->comp_ids, c->id, strlen(c->id), idx);
	}
	c->title = rl_req_text(L, it, "title", what);
	c->weight = weight(L, it, 1, NULL);
	c->definition = rl_text(L, rl_opt(it, "definition"));
	rl_strlist(L, it, "strong", &c->strong);
	v = rl_opt(it, "indicators");
	if (v != NULL)
		load_indicators(L, v, c);
	v = rl_opt(it, "levels");
	if (v != NULL)
		load_descriptors(L, v, c);
	rl_strlist(L, it, "coaching", &c->coaching);
	rl_strlist(L, it, "objectives", &c->objectives);
}

static void
load_category(struct rl *L, const struct ynode *it)
{
	struct rubric *r = L->r;
	struct category *c;
	const struct ynode *comps;
	char what[128], name[96];
	size_t idx, j;

	if (!y_kind(it, YNODE_MAP, L->d))
		return;
	idx = r->ncats++;
	c = &r->cats[idx];
	c->pos = rl_at(L, it);
	y_keys(it, cat_keys, NELEM(cat_keys), L->d);
	snprintf(what, sizeof what, "in category %d", it->index + 1);
	c->id = read_id(L, it, "category", what, L->cat_ids, (int)idx, 0);
	if (c->id != NULL)
		snprintf(what, sizeof what, "in category %s",
		    y_describe(y_get(it, "id"), name, sizeof name));
	c->title = rl_req_text(L, it, "title", what);
	c->weight = weight(L, it, 0, &c->has_weight);
	c->description = rl_text(L, rl_opt(it, "description"));
	c->first = r->ncomps;
	comps = y_require(it, "competencies", what, L->d);
	if (comps != NULL && y_kind(comps, YNODE_SEQ, L->d)) {
		if (comps->n == 0)
			diag_error(L->d, &comps->pos, "\"competencies\" is empty %s; "
			    "expected at least one competency", what);
		for (j = 0; j < comps->n; j++)
			load_competency(L, comps->items[j], idx, c->id);
	}
	c->n = r->ncomps - c->first;
}

/* count_comps: an upper bound of the competencies, to size r->comps. */
static size_t
count_comps(const struct ynode *cats)
{
	size_t i, n = 0;

	for (i = 0; i < cats->n; i++) {
		const struct ynode *v = y_get(cats->items[i], "competencies");

		if (v != NULL && v->kind == YNODE_SEQ)
			n += v->n;
	}
	return n;
}

static void
load_categories(struct rl *L, const struct ynode *cats)
{
	struct rubric *r = L->r;
	size_t i, weighted = 0;
	int *wkey;

	if (!y_kind(cats, YNODE_SEQ, L->d))
		return;
	if (cats->n == 0) {
		diag_error(L->d, &cats->pos, "\"categories\" is empty; expected "
		    "at least one category");
		return;
	}
	r->cats = arena_alloc(L->a, cats->n * sizeof(*r->cats));
	r->comps = arena_alloc(L->a, (count_comps(cats) + 1) * sizeof(*r->comps));
	wkey = xcalloc(cats->n, sizeof(*wkey));
	for (i = 0; i < cats->n; i++) {
		wkey[r->ncats] = y_get(cats->items[i], "weight") != NULL;
		load_category(L, cats->items[i]);
	}
	for (i = 0; i < r->ncats; i++)
		weighted += r->cats[i].has_weight != 0;
	for (i = 0; i < r->ncats && weighted > 0; i++)
		if (!wkey[i])
			diag_warning(L->d, &r->cats[i].pos, "category %s%s%s has no "
			    "weight while others have one, so the overall score "
			    "weighs competencies, not categories; expected a "
			    "weight on every category or on none",
			    r->cats[i].id != NULL ? "\"" : "",
			    r->cats[i].id != NULL ? r->cats[i].id : "",
			    r->cats[i].id != NULL ? "\"" : "");
	free(wkey);
}

static void
load_root(struct rl *L, const struct ydoc *doc)
{
	const struct ynode *root = doc->root, *v;
	struct rubric *r = L->r;

	if (ydoc_empty(doc, "a rubric with id, title, scale and categories",
	    L->d))
		return;
	if (!y_kind(root, YNODE_MAP, L->d))
		return;
	y_keys(root, top_keys, NELEM(top_keys), L->d);
	v = y_require(root, "id", NULL, L->d);
	r->id = rl_text(L, v);
	if (r->id != NULL && !id_ok(L, v, "rubric", r->id))
		r->id = NULL;
	r->title = rl_req_text(L, root, "title", NULL);
	r->version = rl_text(L, rl_opt(root, "version"));
	r->description = rl_text(L, rl_opt(root, "description"));
	v = y_require(root, "scale", NULL, L->d);
	if (v != NULL)
		rl_load_scale(L, v);
	v = rl_opt(root, "expectations");
	if (v != NULL)
		rl_load_expectations(L, v);
	rl_load_status(L, rl_opt(root, "status"));
	v = rl_opt(root, "bands");
	if (v != NULL)
		rl_load_bands(L, v);
	v = rl_opt(root, "guide");
	if (v != NULL)
		rl_load_guide(L, v);
	v = y_require(root, "categories", NULL, L->d);
	if (v != NULL)
		load_categories(L, v);
}

struct rubric *
rubric_from_yaml(const struct ydoc *doc, struct diag *d)
{
	struct arena *a = arena_new();
	struct rubric *r = arena_alloc(a, sizeof(*r));
	struct rl L;
	int bad;

	memset(&L, 0, sizeof L);
	r->arena = a;
	r->path = arena_strdup(a, doc->file);
	r->comp_ids = strtab_new(0);
	r->level_labels = strtab_new(1);
	r->expect_levels = strtab_new(0);
	L.d = diag_new(NULL);
	L.r = r;
	L.a = a;
	L.cat_ids = strtab_new(1);
	L.comp_fold = strtab_new(1);
	load_root(&L, doc);
	diag_merge_sorted(d, L.d);
	bad = diag_errors(L.d) > 0 || doc->errors > 0;
	diag_free(L.d);
	strtab_free(L.cat_ids);
	strtab_free(L.comp_fold);
	if (bad) {
		rubric_free(r);
		return NULL;
	}
	return r;
}

struct rubric *
rubric_load(const char *path, struct diag *d)
{
	struct ydoc *doc = ydoc_load(path, d);
	struct rubric *r;

	if (doc == NULL)
		return NULL;
	r = rubric_from_yaml(doc, d);
	ydoc_free(doc);
	return r;
}

int
rubric_looks_like(const struct ynode *root)
{
	return root != NULL && root->kind == YNODE_MAP &&
	    (y_get(root, "scale") != NULL || y_get(root, "categories") != NULL) &&
	    y_get(root, "roster") == NULL;
}
