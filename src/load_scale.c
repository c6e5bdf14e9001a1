/* load_scale.c: the rubric's scale and everything that refers to its
 * levels (expectations, status thresholds, bands), and its guide; every
 * problem reported. The other half of load_rubric.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load_rubric.h"

static const char *const scale_keys[] = { "levels" };
static const char *const level_keys[] = { "value", "label" };
static const char *const status_keys[] = { "green", "yellow" };
static const char *const band_keys[] = { "min", "label" };
static const char *const guide_keys[] = { "intro", "leaders", "individuals" };

/* rl_label_value: the value of the level labelled like n's text (case
 * ignored), or -1 when no level is. */
int
rl_label_value(const struct rl *L, const struct ynode *n)
{
	if (n->kind != YNODE_SCALAR)
		return -1;
	return strtab_get(L->r->level_labels, n->str, n->len);
}

/* rl_level_ref: a threshold or expectation: a number within the scale, or a
 * level's label. `what` names it in messages. 1 with *out set, else 0
 * after reporting. */
int
rl_level_ref(struct rl *L, const struct ynode *n, const char *what,
    double *out)
{
	char found[96];
	double x;
	int v;

	if (n->kind == YNODE_SCALAR && !parse_double(n->str, n->len, &x)) {
		v = rl_label_value(L, n);
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
	lv->label = rl_req_text(L, it, "label", what);
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
		s->levels[i].pos = rl_at(L, lv[i].node);
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

void
rl_load_scale(struct rl *L, const struct ynode *scale)
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

void
rl_load_expectations(struct rl *L, const struct ynode *m)
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
		if (rl_blank(k->str)) {
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
		if (!rl_level_ref(L, v, what, &x))
			continue;
		e = &r->expectations[r->nexpectations];
		e->level = arena_strndup(L->a, k->str, k->len);
		e->value = x;
		e->pos = rl_at(L, k);
		strtab_put(r->expect_levels, e->level, k->len,
		    (int)r->nexpectations++);
	}
}

/* rl_load_status: the thresholds, defaults applied: green = max - 1 and,
 * when yellow is not given, yellow = green - 1 (max - 2 by default). */
void
rl_load_status(struct rl *L, const struct ynode *m)
{
	const struct ynode *g = NULL, *y = NULL;
	struct rubric *r = L->r;
	int gok = 0, yok = 0;
	char gtext[64];

	r->green = L->smax - 1;
	if (m != NULL && y_kind(m, YNODE_MAP, L->d)) {
		y_keys(m, status_keys, NELEM(status_keys), L->d);
		g = rl_opt(m, "green");
		y = rl_opt(m, "yellow");
		gok = g != NULL && rl_level_ref(L, g, "status \"green\"", &r->green);
		yok = y != NULL && rl_level_ref(L, y, "status \"yellow\"", &r->yellow);
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
	b->label = rl_req_text(L, it, "label", what);
	b->pos = rl_at(L, it);
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

void
rl_load_bands(struct rl *L, const struct ynode *s)
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

/* count_word: the number a word such as "six" or "6" stands for (up to
 * twelve), or -1. */
static int
count_word(const char *s, size_t n)
{
	static const char *const words[] = { "one", "two", "three", "four",
		"five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve" };
	size_t i;
	int v = 0;

	for (i = 0; i < NELEM(words); i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return (int)i + 1;
	for (i = 0; i < n && i < 3; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return n > 0 && n <= 3 ? v : -1;
}

/* check_text: a guide text written for another scale (issue: a rubric
 * adapted from six levels to four keeps "six levels … Mastery (6)"):
 * "N levels" with N other than the scale's number of levels, and a
 * level number in brackets, "(6)", outside the scale. One warning each
 * at the text's position. */
static void
check_text(struct rl *L, const struct ynode *n)
{
	const struct scale *sc = &L->r->scale;
	const char *s = n->str, *p;

	for (p = s; (p = strstr(p, " levels")) != NULL; p++) {
		const char *w = p;
		int v;

		while (w > s && w[-1] != ' ')
			w--;
		v = count_word(w, (size_t)(p - w));
		if (v > 0 && (size_t)v != sc->n) {
			diag_warning(L->d, &n->pos, "the guide says \"%.*s "
			    "levels\", but the scale has %zu; adapt the text to "
			    "the scale", (int)(p - w), w, sc->n);
			break;
		}
	}
	for (p = s; (p = strchr(p, '(')) != NULL; p++) {
		size_t k = strspn(p + 1, "0123456789");
		int v = k > 0 && k <= 3 && p[1 + k] == ')' ?
		    count_word(p + 1, k) : -1;

		if (v >= 0 && (v < sc->min || v > sc->max)) {
			diag_warning(L->d, &n->pos, "the guide names level %d "
			    "(\"(%d)\"), but the scale runs from %d to %d; "
			    "adapt the text to the scale", v, v, sc->min,
			    sc->max);
			break;
		}
	}
}

/* check_guide: every text of guide key `key` (a list or one text). */
static void
check_guide(struct rl *L, const struct ynode *m, const char *key)
{
	const struct ynode *v = rl_opt(m, key);
	size_t i;

	if (v == NULL || L->r->scale.n == 0)
		return;
	if (v->kind == YNODE_SCALAR && v->str != NULL)
		check_text(L, v);
	for (i = 0; v->kind == YNODE_SEQ && i < v->n; i++)
		if (v->items[i]->kind == YNODE_SCALAR &&
		    v->items[i]->str != NULL)
			check_text(L, v->items[i]);
}

void
rl_load_guide(struct rl *L, const struct ynode *m)
{
	if (!y_kind(m, YNODE_MAP, L->d))
		return;
	y_keys(m, guide_keys, NELEM(guide_keys), L->d);
	rl_strlist(L, m, "intro", &L->r->intro);
	rl_strlist(L, m, "leaders", &L->r->leaders);
	rl_strlist(L, m, "individuals", &L->r->individuals);
	check_guide(L, m, "intro");
	check_guide(L, m, "leaders");
	check_guide(L, m, "individuals");
}
