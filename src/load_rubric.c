/* load_rubric.c: rubric.yaml to the validated struct rubric of model.h,
 * with every check of SPEC.md's rubric section; every problem reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

#define LEVEL_LIMIT 1000        /* a scale value lies in 0 .. 1000 */
#define WEIGHT_LIMIT 1e6        /* sums of weights stay exact enough */

/* The state of one load. Messages go to a private reporter first and are
 * handed over in file order at the end: the checks run in the order the
 * model needs (the scale before what refers to it), not the file's. */
struct rl {
	struct diag *d;
	struct rubric *r;
	struct arena *a;                /* r->arena */
	int have_range;                 /* smin..smax known (some level read) */
	int smin, smax;
	int scale_ok;                   /* r->scale is valid and filled */
	struct strtab *cat_ids;         /* folded id -> category index */
	struct strtab *comp_fold;       /* folded id -> competency index */
};

static const char *const top_keys[] = {
	"id", "title", "version", "description", "scale", "expectations",
	"status", "bands", "guide", "categories"
};
static const char *const scale_keys[] = { "levels" };
static const char *const level_keys[] = { "value", "label" };
static const char *const status_keys[] = { "green", "yellow" };
static const char *const band_keys[] = { "min", "label" };
static const char *const guide_keys[] = { "intro", "leaders", "individuals" };
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
static struct pos
at(const struct rl *L, const struct ynode *n)
{
	struct pos p = { L->r->path, n->pos.line, n->pos.col };

	return p;
}

/* opt: the value of key in map, or NULL when absent or null (`key:`,
 * `key: ~`): an optional key left empty is not given. */
static const struct ynode *
opt(const struct ynode *map, const char *key)
{
	const struct ynode *v = y_get(map, key);

	return y_is_null(v) ? NULL : v;
}

static int
blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* text: n's text copied into the rubric's arena, or NULL after reporting
 * (n NULL: NULL, silently). */
static const char *
text(struct rl *L, const struct ynode *n)
{
	const char *s;

	if (n == NULL || !y_str(n, L->d, &s))
		return NULL;
	return arena_strndup(L->a, s, n->len);
}

/* req_text: the required, non-blank text at key; NULL after reporting. */
static const char *
req_text(struct rl *L, const struct ynode *map, const char *key,
    const char *what)
{
	const struct ynode *v = y_require(map, key, what, L->d);
	const char *s = text(L, v);

	if (s != NULL && blank(s)) {
		diag_error(L->d, &v->pos, "\"%s\" is empty%s%s; expected text",
		    key, what != NULL ? " " : "", what != NULL ? what : "");
		return NULL;
	}
	return s;
}

static void
strlist(struct rl *L, const struct ynode *map, const char *key,
    struct strv *out)
{
	const struct ynode *v = opt(map, key);

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
	const struct ynode *v = opt(map, "weight");
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

/* label_value: the value of the level labelled like n's text (case
 * ignored), or -1 when no level is. */
static int
label_value(const struct rl *L, const struct ynode *n)
{
	if (n->kind != YNODE_SCALAR)
		return -1;
	return strtab_get(L->r->level_labels, n->str, n->len);
}

/* level_ref: a threshold or expectation: a number within the scale, or a
 * level's label. `what` names it in messages. 1 with *out set, else 0
 * after reporting. */
static int
level_ref(struct rl *L, const struct ynode *n, const char *what, double *out)
{
	char found[96];
	double x;
	int v;

	if (n->kind == YNODE_SCALAR && !parse_double(n->str, n->len, &x)) {
		v = label_value(L, n);
		if (v >= 0) {
			*out = v;
			return 1;
		}
		if (L->have_range) {
			diag_error(L->d, &n->pos, "%s: %s is neither a level value "
			    "nor a level label; expected a number from %d to %d "
			    "or a label of the scale", what, y_describe(n, found,
			    sizeof found), L->smin, L->smax);
			return 0;
		}
	}
	if (!y_num(n, L->d, out))
		return 0;
	if (L->have_range && (*out < L->smin || *out > L->smax)) {
		diag_error(L->d, &n->pos, "%s: %s is outside the scale; expected "
		    "a number from %d to %d", what, n->str, L->smin, L->smax);
		return 0;
	}
	return 1;
}

/* --- scale --- */

/* A level as read, before sorting. */
struct rlevel {
	long value;
	const struct ynode *node, *vnode, *lnode;
	const char *label;
	size_t order;           /* place in the file */
};

static int
rlevel_cmp(const void *a, const void *b)
{
	const struct rlevel *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* read_level: one item of scale.levels into *lv; 1 when it has a usable
 * value (the label may still be missing). */
static int
read_level(struct rl *L, const struct ynode *it, struct rlevel *lv)
{
	char what[48];
	const struct ynode *v;

	if (!y_kind(it, YNODE_MAP, L->d))
		return 0;
	y_keys(it, level_keys, NELEM(level_keys), L->d);
	snprintf(what, sizeof what, "in scale level %d", it->index + 1);
	lv->node = it;
	lv->lnode = y_get(it, "label");
	lv->label = req_text(L, it, "label", what);
	v = y_require(it, "value", what, L->d);
	if (v == NULL || !y_int(v, L->d, &lv->value))
		return 0;
	/* Not negative: level_labels maps labels to values, -1 is "none". */
	if (lv->value < 0 || lv->value > LEVEL_LIMIT) {
		diag_error(L->d, &v->pos, "level value %ld is out of range; "
		    "expected a whole number from 0 to %d", lv->value,
		    LEVEL_LIMIT);
		return 0;
	}
	lv->vnode = v;
	return 1;
}

/* check_values: sorted levels lv[0..n): reports repeated values, and
 * gaps at the level that follows one (where the missing ones belong).
 * Returns 1 when the values are contiguous and unique. */
static int
check_values(struct rl *L, struct rlevel *lv, size_t n)
{
	size_t i;
	int ok = 1;

	for (i = 1; i < n; i++) {
		long a = lv[i - 1].value, b = lv[i].value;

		if (a == b) {
			diag_error(L->d, &lv[i].vnode->pos, "level value %ld is "
			    "listed twice (first at line %d); expected each value "
			    "once", b, lv[i - 1].vnode->pos.line);
			ok = 0;
		} else if (b == a + 2) {
			diag_error(L->d, &lv[i].vnode->pos, "the scale levels are not "
			    "contiguous: level %ld is missing; expected every "
			    "whole number from %ld to %ld", a + 1, lv[0].value,
			    lv[n - 1].value);
			ok = 0;
		} else if (b > a + 2) {
			diag_error(L->d, &lv[i].vnode->pos, "the scale levels are not "
			    "contiguous: levels %ld to %ld are missing; expected "
			    "every whole number from %ld to %ld", a + 1, b - 1,
			    lv[0].value, lv[n - 1].value);
			ok = 0;
		}
	}
	return ok;
}

/* check_label: lv's label is not a number other than its value, not a
 * word ratings reserve, and not used before (in file order). */
static int
check_label(struct rl *L, struct strtab *seen, const struct rlevel *lv,
    const struct rlevel *all)
{
	char found[96];
	double x;
	int first;

	y_describe(lv->lnode, found, sizeof found);
	if (parse_double(lv->label, lv->lnode->len, &x) &&
	    x != (double)lv->value) {
		diag_error(L->d, &lv->lnode->pos, "the label %s of level %ld is a "
		    "number; a rating of %s would be ambiguous; expected words",
		    found, lv->value, lv->label);
		return 0;
	}
	if (str_casecmp_ascii(lv->label, "N/A") == 0) {
		diag_error(L->d, &lv->lnode->pos, "the label %s means \"not "
		    "rated\" in ratings files; expected another label", found);
		return 0;
	}
	first = strtab_put(seen, lv->label, lv->lnode->len, (int)lv->order);
	if (first >= 0) {
		diag_error(L->d, &lv->lnode->pos, "the label %s is already used by "
		    "level %ld (line %d; labels are compared ignoring case); "
		    "expected a label of its own", found, all[first].value,
		    all[first].lnode->pos.line);
		return 0;
	}
	return 1;
}

/* fill_scale: the model's levels and label table from sorted levels;
 * the scale itself (n, min, max) only when it is valid. Labels of an
 * invalid scale still resolve, for later checks (expectations by label). */
static void
fill_scale(struct rl *L, const struct rlevel *lv, size_t n, int ok)
{
	struct scale *s = &L->r->scale;
	size_t i;

	s->levels = arena_alloc(L->a, n * sizeof(*s->levels));
	for (i = 0; i < n; i++) {
		s->levels[i].value = (int)lv[i].value;
		s->levels[i].label = lv[i].label;
		s->levels[i].pos = at(L, lv[i].node);
		if (lv[i].label != NULL)
			strtab_put(L->r->level_labels, lv[i].label,
			    strlen(lv[i].label), (int)lv[i].value);
	}
	if (ok && n >= 2) {
		s->n = n;
		s->min = (int)lv[0].value;
		s->max = (int)lv[n - 1].value;
		L->scale_ok = 1;
	}
}

static void
load_scale(struct rl *L, const struct ynode *scale)
{
	const struct ynode *levels;
	struct rlevel *lv;
	struct strtab *seen;
	size_t i, n = 0;
	int ok = 1, whole;

	if (!y_kind(scale, YNODE_MAP, L->d))
		return;
	y_keys(scale, scale_keys, NELEM(scale_keys), L->d);
	levels = y_require(scale, "levels", "in \"scale\"", L->d);
	if (levels == NULL || !y_kind(levels, YNODE_SEQ, L->d))
		return;
	lv = xcalloc(levels->n + 1, sizeof(*lv));
	for (i = 0; i < levels->n; i++) {
		if (read_level(L, levels->items[i], &lv[n])) {
			lv[n].order = n;
			n++;
		} else
			ok = 0;
	}
	/* With a value unread, the range is a guess: checks against it
	 * would only repeat the problem. */
	whole = n == levels->n;
	if (levels->n < 2) {
		diag_error(L->d, &levels->pos, "the scale has %s; expected at "
		    "least two levels", levels->n == 0 ? "no levels" : "one level");
		ok = 0;
	}
	/* Labels in file order, so "already used" points back up the file. */
	seen = strtab_new(1);
	for (i = 0; i < n; i++)
		if (lv[i].label != NULL && !check_label(L, seen, &lv[i], lv))
			ok = 0;
	strtab_free(seen);
	qsort(lv, n, sizeof(*lv), rlevel_cmp);
	if (!check_values(L, lv, n))
		ok = 0;
	for (i = 0; i < n; i++)
		if (lv[i].label == NULL)
			ok = 0;
	if (n > 0 && whole) {
		L->have_range = 1;
		L->smin = (int)lv[0].value;
		L->smax = (int)lv[n - 1].value;
	}
	if (n > 0)
		fill_scale(L, lv, n, ok);
	free(lv);
}

/* --- expectations, status, bands, guide --- */

static void
load_expectations(struct rl *L, const struct ynode *m)
{
	struct rubric *r = L->r;
	size_t i;

	if (!y_kind(m, YNODE_MAP, L->d))
		return;
	r->expectations = arena_alloc(L->a, (m->n + 1) * sizeof(*r->expectations));
	for (i = 0; i < m->n; i++) {
		const struct ynode *k = m->pairs[i].key, *v = m->pairs[i].val;
		struct expectation *e;
		char what[128], name[96];
		double x;

		if (k->kind != YNODE_SCALAR)
			continue;
		if (blank(k->str)) {
			diag_error(L->d, &k->pos, "an expectation has an empty role "
			    "level; expected a level as roster.csv spells it");
			continue;
		}
		snprintf(what, sizeof what, "the expectation for %s",
		    y_describe(k, name, sizeof name));
		if (y_is_null(v)) {
			diag_error(L->d, &k->pos, "%s has no value; expected a "
			    "level of the scale", what);
			continue;
		}
		if (!level_ref(L, v, what, &x))
			continue;
		e = &r->expectations[r->nexpectations];
		e->level = arena_strndup(L->a, k->str, k->len);
		e->value = x;
		e->pos = at(L, k);
		strtab_put(r->expect_levels, e->level, k->len,
		    (int)r->nexpectations++);
	}
}

/* load_status: the thresholds, defaults applied: green = max - 1 and,
 * when yellow is not given, yellow = green - 1 (max - 2 by default). */
static void
load_status(struct rl *L, const struct ynode *m)
{
	const struct ynode *g = NULL, *y = NULL;
	struct rubric *r = L->r;
	int gok = 0, yok = 0;
	char gtext[64];

	r->green = L->smax - 1;
	if (m != NULL && y_kind(m, YNODE_MAP, L->d)) {
		y_keys(m, status_keys, NELEM(status_keys), L->d);
		g = opt(m, "green");
		y = opt(m, "yellow");
		gok = g != NULL && level_ref(L, g, "status \"green\"", &r->green);
		yok = y != NULL && level_ref(L, y, "status \"yellow\"", &r->yellow);
	}
	if (!yok)
		r->yellow = r->green - 1;
	if (yok && r->yellow > r->green && (gok || g == NULL)) {
		if (gok)
			snprintf(gtext, sizeof gtext, "%s", g->str);
		else
			snprintf(gtext, sizeof gtext, "%g (the default, the scale "
			    "maximum - 1)", r->green);
		diag_error(L->d, &y->pos, "status \"yellow\" %s is above \"green\" "
		    "%s; expected yellow at or below green", y->str, gtext);
	}
}

/* read_band: one item of bands into *b; *minnode gets its min's node
 * when the min is a number within the scale, else NULL. */
static void
read_band(struct rl *L, const struct ynode *it, struct band *b,
    const struct ynode **minnode)
{
	const struct ynode *v;
	char what[48];

	*minnode = NULL;
	b->label = NULL;
	if (!y_kind(it, YNODE_MAP, L->d))
		return;
	y_keys(it, band_keys, NELEM(band_keys), L->d);
	snprintf(what, sizeof what, "in band %d", it->index + 1);
	v = y_require(it, "min", what, L->d);
	if (v != NULL && y_num(v, L->d, &b->min)) {
		if (L->have_range && (b->min < L->smin || b->min > L->smax))
			diag_error(L->d, &v->pos, "band min %s is outside the "
			    "scale; expected a number from %d to %d", v->str,
			    L->smin, L->smax);
		else
			*minnode = v;
	}
	b->label = req_text(L, it, "label", what);
	b->pos = at(L, it);
}

static void
check_band_label(struct rl *L, struct strtab *labels, const struct ynode *it,
    const char *label)
{
	int first = strtab_put(labels, label, strlen(label), it->pos.line);

	if (first >= 0)
		diag_error(L->d, &y_get(it, "label")->pos, "the band label "
		    "\"%s\" is already used (line %d; labels are compared "
		    "ignoring case); expected a label of its own", label, first);
}

static void
load_bands(struct rl *L, const struct ynode *s)
{
	const struct ynode *prev = NULL, *mn = NULL;
	struct strtab *labels;
	struct rubric *r = L->r;
	double prevmin = 0;
	size_t i;

	if (!y_kind(s, YNODE_SEQ, L->d))
		return;
	if (s->n == 0) {
		diag_error(L->d, &s->pos, "\"bands\" is empty; expected at least "
		    "one band, or no \"bands\" key");
		return;
	}
	labels = strtab_new(1);
	r->bands = arena_alloc(L->a, s->n * sizeof(*r->bands));
	for (i = 0; i < s->n; i++) {
		struct band *b = &r->bands[r->nbands];

		read_band(L, s->items[i], b, &mn);
		if (b->label != NULL)
			check_band_label(L, labels, s->items[i], b->label);
		if (mn == NULL)
			continue;
		if (prev != NULL && b->min >= prevmin)
			diag_error(L->d, &mn->pos, "band min %s is not below the "
			    "previous band's min %s (line %d); expected the bands "
			    "from the highest min down", mn->str, prev->str,
			    prev->pos.line);
		prev = mn;
		prevmin = b->min;
		r->nbands++;
	}
	/* mn: the last band's min, when it was read */
	if (mn != NULL && L->have_range && prevmin > L->smin)
		diag_error(L->d, &mn->pos, "the last band's min %s is above the "
		    "scale minimum %d, so a lower score would get no label; "
		    "expected %d", mn->str, L->smin, L->smin);
	strtab_free(labels);
}

static void
load_guide(struct rl *L, const struct ynode *m)
{
	if (!y_kind(m, YNODE_MAP, L->d))
		return;
	y_keys(m, guide_keys, NELEM(guide_keys), L->d);
	strlist(L, m, "intro", &L->r->intro);
	strlist(L, m, "leaders", &L->r->leaders);
	strlist(L, m, "individuals", &L->r->individuals);
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
	const char *id = text(L, n), *fid;
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
	} else if (label_value(L, k) >= 0)
		return label_value(L, k);
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
	c->ind_green = text(L, opt(m, "green"));
	c->ind_yellow = text(L, opt(m, "yellow"));
	c->ind_red = text(L, opt(m, "red"));
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
	c->pos = at(L, it);
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
	c->title = req_text(L, it, "title", what);
	c->weight = weight(L, it, 1, NULL);
	c->definition = text(L, opt(it, "definition"));
	strlist(L, it, "strong", &c->strong);
	v = opt(it, "indicators");
	if (v != NULL)
		load_indicators(L, v, c);
	v = opt(it, "levels");
	if (v != NULL)
		load_descriptors(L, v, c);
	strlist(L, it, "coaching", &c->coaching);
	strlist(L, it, "objectives", &c->objectives);
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
	c->pos = at(L, it);
	y_keys(it, cat_keys, NELEM(cat_keys), L->d);
	snprintf(what, sizeof what, "in category %d", it->index + 1);
	c->id = read_id(L, it, "category", what, L->cat_ids, (int)idx, 0);
	if (c->id != NULL)
		snprintf(what, sizeof what, "in category %s",
		    y_describe(y_get(it, "id"), name, sizeof name));
	c->title = req_text(L, it, "title", what);
	c->weight = weight(L, it, 0, &c->has_weight);
	c->description = text(L, opt(it, "description"));
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

	if (root == NULL) {
		struct pos p = { doc->file, 0, 0 };

		diag_error(L->d, &p, "the file is empty; expected a rubric with "
		    "id, title, scale and categories");
		return;
	}
	if (!y_kind(root, YNODE_MAP, L->d))
		return;
	y_keys(root, top_keys, NELEM(top_keys), L->d);
	v = y_require(root, "id", NULL, L->d);
	r->id = text(L, v);
	if (r->id != NULL && !id_ok(L, v, "rubric", r->id))
		r->id = NULL;
	r->title = req_text(L, root, "title", NULL);
	r->version = text(L, opt(root, "version"));
	r->description = text(L, opt(root, "description"));
	v = y_require(root, "scale", NULL, L->d);
	if (v != NULL)
		load_scale(L, v);
	v = opt(root, "expectations");
	if (v != NULL)
		load_expectations(L, v);
	load_status(L, opt(root, "status"));
	v = opt(root, "bands");
	if (v != NULL)
		load_bands(L, v);
	v = opt(root, "guide");
	if (v != NULL)
		load_guide(L, v);
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
