/* init_table.c: a file `revpack init` looks at, read once through the
 * same reader the loaders use (any encoding, header rows, .xlsx), with
 * what each column holds: people of the roster, competencies, answers on
 * the scale, dates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv.h"
#include "init.h"

const char *
init_fold(struct arena *a, const char *s)
{
	struct buf b;
	const char *out;

	buf_init(&b);
	str_fold(&b, s, strlen(s));
	out = arena_strdup(a, b.p);
	buf_free(&b);
	return out;
}

/* keep_value: counts s among column c's distinct values. */
static void
keep_value(struct itable *t, struct icol *c, const char *s)
{
	size_t i;

	for (i = 0; i < c->nvals; i++)
		if (strcmp(c->vals[i].s, s) == 0) {
			c->vals[i].n++;
			return;
		}
	if (c->nvals == INIT_VALUES) {
		c->more = 1;
		return;
	}
	c->vals[c->nvals].s = s;
	c->vals[c->nvals++].n = 1;
	(void)t;
}

struct itable *
itable_read(const char *path, const char *sheet, struct diag *d)
{
	struct csvin_opts o;
	struct csvin_rec rec;
	struct csvin *r;
	struct itable *t;
	size_t i, cap = 0;

	memset(&o, 0, sizeof o);
	o.sheet = sheet;
	r = csvin_open_opts(path, path, &o, d);
	if (r == NULL)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->a = arena_new();
	t->path = path;
	t->nsheets = csvin_nsheets(r);
	t->sheets = arena_alloc(t->a, (t->nsheets + 1) * sizeof(char *));
	for (i = 0; i < t->nsheets; i++)
		t->sheets[i] = arena_strdup(t->a, csvin_sheet_name(r, i));
	t->sheet = csvin_sheet(r) != NULL ? arena_strdup(t->a, csvin_sheet(r)) :
	    NULL;
	t->encoding = arena_strdup(t->a, csvin_encoding(r));
	t->header_rows = csvin_header_rows(r);
	t->ncols = csvin_ncols(r);
	t->cols = xcalloc(t->ncols + 1, sizeof(*t->cols));
	for (i = 0; i < t->ncols; i++) {
		t->cols[i].name = arena_strdup(t->a, csvin_colname(r, i));
		t->cols[i].fold = init_fold(t->a, t->cols[i].name);
		t->cols[i].vals = arena_alloc(t->a, INIT_VALUES *
		    sizeof(struct ivalue));
		t->cols[i].comp = -1;
	}
	while (csvin_next(r, &rec)) {
		t->total++;
		if (t->nrows == INIT_ROWS)
			continue;
		XGROW(t->cells, cap, t->nrows + 1);
		t->cells[t->nrows] = arena_alloc(t->a, t->ncols *
		    sizeof(char *));
		for (i = 0; i < t->ncols; i++) {
			const char *s = rec.f[i];
			size_t n = rec.len[i];
			char *v;

			str_trim(&s, &n);
			v = arena_strndup(t->a, s, n);
			t->cells[t->nrows][i] = v;
			t->cols[i].textlen += n;
			if (n == 0)
				continue;
			t->cols[i].filled++;
			keep_value(t, &t->cols[i], v);
		}
		t->nrows++;
	}
	csvin_free(r);
	return t;
}

void
itable_free(struct itable *t)
{
	if (t == NULL)
		return;
	free(t->cells);
	free(t->cols);
	arena_free(t->a);
	free(t);
}

int
itable_col(const struct itable *t, const char *fold)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].fold, fold) == 0)
			return (int)i;
	return -1;
}

/* The answer scales init knows, lowest first; a scale is used when it
 * has as many words as the rubric's scale has levels. */
static const char *const *const vocabularies[] = {
	(const char *const[]){ "strongly disagree", "disagree", "agree",
	    "strongly agree", NULL },
	(const char *const[]){ "strongly disagree", "disagree", "neutral",
	    "agree", "strongly agree", NULL },
	(const char *const[]){ "strongly disagree", "disagree",
	    "neither agree nor disagree", "agree", "strongly agree", NULL },
	(const char *const[]){ "strongly disagree", "disagree",
	    "somewhat disagree", "somewhat agree", "agree", "strongly agree",
	    NULL },
	(const char *const[]){ "strongly disagree", "disagree",
	    "somewhat disagree", "neither agree nor disagree",
	    "somewhat agree", "agree", "strongly agree", NULL },
	(const char *const[]){ "never", "rarely", "sometimes", "often",
	    "always", NULL },
	(const char *const[]){ "does not meet expectations",
	    "partially meets expectations", "meets expectations",
	    "exceeds expectations", "significantly exceeds expectations",
	    NULL },
	(const char *const[]){ "does not meet expectations",
	    "partially meets expectations", "meets expectations",
	    "exceeds expectations", "significantly exceeds expectations",
	    "exceptional", NULL },
	(const char *const[]){ "poor", "fair", "good", "very good",
	    "excellent", NULL },
};

/* Words that mean "not rated". */
static const char *const na_words[] = {
	"n/a", "na", "not applicable", "not observed", "not rated",
	"don't know", "do not know", "unable to rate", "no opinion",
	"prefer not to say", "-"
};

const char *const *
init_vocabulary(const char *const *words, size_t n, size_t levels)
{
	size_t v, i, k, len;

	for (v = 0; v < NELEM(vocabularies); v++) {
		const char *const *w = vocabularies[v];

		for (len = 0; w[len] != NULL; len++)
			;
		if (len != levels)
			continue;
		for (i = 0; i < n; i++) {
			for (k = 0; k < len && strcmp(w[k], words[i]) != 0; k++)
				;
			if (k == len)
				break;
		}
		if (i == n)
			return w;
	}
	return NULL;
}

int
init_na_word(const char *fold)
{
	size_t i;

	for (i = 0; i < NELEM(na_words); i++)
		if (strcmp(fold, na_words[i]) == 0)
			return 1;
	return 0;
}

/* in_vocabulary: fold is a word of some known answer scale. */
static int
in_vocabulary(const char *fold)
{
	size_t v, k;

	for (v = 0; v < NELEM(vocabularies); v++)
		for (k = 0; vocabularies[v][k] != NULL; k++)
			if (strcmp(vocabularies[v][k], fold) == 0)
				return 1;
	return 0;
}

int
init_answer(const struct rubric *rb, const char *s)
{
	char fold[128];
	size_t n = strlen(s), i;
	double x;

	if (n == 0 || n >= sizeof fold)
		return 0;
	for (i = 0; i <= n; i++)
		fold[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	if (init_na_word(fold))
		return 2;
	/* a decimal comma, as European spreadsheets write "3,5" */
	for (i = 0; i < n && fold[i] != ','; i++)
		;
	if (i < n && strchr(fold + i + 1, ',') == NULL)
		fold[i] = '.';
	if (parse_double(fold, n, &x) || parse_leading_number(s, n, &x))
		return x >= rb->scale.min && x <= rb->scale.max ? 1 : 4;
	if (i < n)
		fold[i] = ',';
	if (rb->level_labels != NULL && strtab_get(rb->level_labels, s, n) >= 0)
		return 1;
	return in_vocabulary(fold) ? 3 : 0;
}

/* comp_named: the competency the folded text names (its id, or its title
 * inside the text; the longest title wins), or -1. titles: the folded
 * titles. */
static int
comp_named(const char *fold, const char *const *titles,
    const struct rubric *rb)
{
	size_t i, best_len = 0;
	int best = -1;

	for (i = 0; i < rb->ncomps; i++) {
		size_t len = strlen(titles[i]);

		if (strcmp(fold, rb->comps[i].id) == 0)
			return (int)i;
		if (len > best_len && strstr(fold, titles[i]) != NULL) {
			best = (int)i;
			best_len = len;
		}
	}
	return best;
}

void
itable_measure(struct itable *t, struct ipeople *pp, const struct rubric *rb)
{
	const char **titles = arena_alloc(t->a, (rb->ncomps + 1) *
	    sizeof(char *));
	size_t i, r;

	for (i = 0; i < rb->ncomps; i++)
		titles[i] = init_fold(t->a, rb->comps[i].title);
	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];

		c->comp = comp_named(c->fold, titles, rb);
		for (r = 0; r < t->nrows; r++) {
			const char *s = t->cells[r][i];
			const int *cands;
			size_t ncands, n = strlen(s);
			char fold[256];
			double when;
			int who;

			if (n == 0)
				continue;
			who = people_find(pp->x, s, n, &cands, &ncands);
			if (who >= 0 || who == -2) {
				c->people++;
				c->ids += strtab_get(pp->c.person_ids, s, n) >= 0;
				c->emails += memchr(s, '@', n) != NULL;
			}
			if (n < sizeof fold) {
				size_t k;

				for (k = 0; k <= n; k++)
					fold[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ?
					    s[k] + 32 : s[k]);
				if (comp_named(fold, titles, rb) >= 0)
					c->comps++;
			}
			switch (init_answer(rb, s)) {
			case 1: case 2: case 3:
				c->scores++;
				c->answers++;
				break;
			case 4:
				c->answers++;
				break;
			default:
				break;
			}
			if (parse_datetime(s, n, &when) && strpbrk(s, "/-.") != NULL)
				c->stamps++;
		}
	}
}

int
itable_first(const struct itable *t, const char *const *names, size_t n)
{
	size_t i, k;

	for (k = 0; k < n; k++)
		for (i = 0; i < t->ncols; i++)
			if (!t->cols[i].used && strcmp(t->cols[i].fold, names[k]) == 0)
				return (int)i;
	return -1;
}

int
init_has_word(const char *fold, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(fold, words[i]) != NULL)
			return 1;
	return 0;
}
