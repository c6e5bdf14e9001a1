/* doc_fonts.c: the run's fonts for every document: a fontset per distinct
 * font request (the cycle's template, the deck's), subset once to the code
 * points of everything the whole cycle can print (so that --only and
 * --shard never change a file's bytes), with one warning per field (a
 * file's column, or its texts) and script for the characters no font
 * covers, counted, with examples, at the input where the first occurs. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc_int.h"

/* Non-ASCII characters the documents print themselves: the en dash of
 * missing figures and periods, the em dash of titles, the bullet, the
 * middle dot, the ellipsis, arrows. */
const char doc_literals[] = "\xe2\x80\x93\xe2\x80\x94\xc2\xb7\xe2\x80\xa2"
    "\xe2\x80\xa6\xe2\x86\x91\xe2\x86\x93\xc3\x97";

/* One warning: the characters of one script that no font prints, in one
 * field (a file and column, or a file's texts), counted, with the first
 * few as examples, at their first occurrence. */
#define NEXAMPLES 3
struct missgroup {
	struct pos at;
	const char *col;                /* NULL: not a table's column */
	int script;
	size_t count;                   /* characters (occurrences) */
	uint32_t ex[NEXAMPLES];         /* distinct examples */
	size_t nex;
	int more;                       /* more distinct ones than ex */
};

/* The walk over every text a document can print. */
struct scan {
	int pass;                       /* 1: collect; 2: report */
	struct cpset *used;             /* pass 1: every document's */
	struct cpset *used_deck;        /* pass 1: the deck's */
	struct cpset *missing[2];       /* pass 2: not in fs[0] / fs[1] */
	struct cpset *reported;         /* pass 2: BMP code points listed */
	struct strtab *reported_hi;     /* pass 2: others, by "U+XXXXX" */
	struct arena *keys;
	struct missgroup *groups;       /* pass 2: the warnings to give */
	size_t ngroups;
	const char *shows;              /* what the placeholder looks like */
	struct doc_shared *sh;
	struct diag *d;
};

/* list_missing: cp in the run's list of missing code points (which
 * silences fontset_runs' own warning about it), once. */
static void
list_missing(struct scan *S, uint32_t cp)
{
	char key[16];

	if (cp <= 0xFFFF) {
		if (cpset_has(S->reported, cp))
			return;
		cpset_add(S->reported, cp);
	} else {
		snprintf(key, sizeof key, "U+%04X", (unsigned)cp);
		if (strtab_put(S->reported_hi, arena_strdup(S->keys, key),
		    strlen(key), 1) >= 0)
			return;
	}
	S->sh->missing = xreallocarray(S->sh->missing, S->sh->nmissing + 1,
	    sizeof *S->sh->missing);
	S->sh->missing[S->sh->nmissing++] = cp;
}

/* report: cp at `at` (column col) counted in the warning of its field
 * and script. */
static void
report(struct scan *S, uint32_t cp, const struct pos *at, const char *col)
{
	int script = uni_script(cp);
	struct missgroup *g = NULL;
	size_t i;

	list_missing(S, cp);
	for (i = S->ngroups; i > 0 && g == NULL; i--) {
		struct missgroup *h = &S->groups[i - 1];

		if (h->script == script && str_eq(h->col, col) &&
		    str_eq(h->at.file, at->file))
			g = h;
	}
	if (g == NULL) {
		S->groups = xreallocarray(S->groups, S->ngroups + 1,
		    sizeof *S->groups);
		g = &S->groups[S->ngroups++];
		memset(g, 0, sizeof *g);
		g->at = *at;
		g->col = col;
		g->script = script;
	}
	g->count++;
	for (i = 0; i < g->nex && g->ex[i] != cp; i++)
		;
	if (i < g->nex)
		return;
	if (g->nex < NEXAMPLES)
		g->ex[g->nex++] = cp;
	else
		g->more = 1;
}

/* say_groups: one warning per field and script, in the order of their
 * first characters: `column "name": 11 Devanagari characters are in no
 * configured font (U+0915 "क", ...); they print as U+FFFD`. */
static void
say_groups(struct scan *S)
{
	struct buf b;
	size_t i, k;

	buf_init(&b);
	for (i = 0; i < S->ngroups; i++) {
		const struct missgroup *g = &S->groups[i];
		int one = g->count == 1;

		buf_reset(&b);
		if (g->col != NULL)
			buf_printf(&b, "column \"%s\": ", g->col);
		buf_printf(&b, "%zu ", g->count);
		if (!uni_is_common_script(g->script))
			buf_printf(&b, "%s ", uni_script_name(g->script));
		buf_printf(&b, "%s in no configured font (", one ?
		    "character is" : "characters are");
		for (k = 0; k < g->nex; k++) {
			buf_printf(&b, "%sU+%04X \"", k > 0 ? ", " : "",
			    (unsigned)g->ex[k]);
			utf8_put(&b, g->ex[k]);
			buf_putc(&b, '"');
		}
		buf_printf(&b, "%s); %s as %s", g->more ? ", ..." : "",
		    one ? "it prints" : "they print", S->shows);
		diag_warning(S->d, &g->at, "%s", b.p);
	}
	buf_free(&b);
}

/* Which fontset prints a text: the one of the cycle's template (every
 * document but the deck), the deck's, or both. */
#define IN_MAIN 1
#define IN_DECK 2
#define IN_BOTH 3

/* text: one printable text, printed with the fontsets of `where`. */
static void
text(struct scan *S, const char *s, const struct pos *at, const char *col,
    int where)
{
	size_t n, i = 0;
	uint32_t cp;

	if (s == NULL)
		return;
	n = strlen(s);
	if (S->pass == 1) {
		if (where & IN_MAIN)
			cpset_add_utf8(S->used, s, n);
		if (where & IN_DECK)
			cpset_add_utf8(S->used_deck, s, n);
		return;
	}
	while (i < n) {
		i += (size_t)utf8_next(s + i, n - i, &cp);
		/* layout prints controls as spaces */
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		/* joiners, variation selectors...: never drawn, never missing */
		if (cp >= 0xAD && uni_ignorable(cp))
			continue;
		if (((where & IN_MAIN) && cpset_has(S->missing[0], cp)) ||
		    ((where & IN_DECK) && cpset_has(S->missing[1], cp)))
			report(S, cp, at, col);
	}
}

static void
texts(struct scan *S, const struct strv *v, const struct pos *at, int where)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		text(S, v->v[i], at, NULL, where);
}

/* scan_rubric: every text of the rubric (the handout and deck print all
 * of it; the person documents its titles and descriptors). */
static void
scan_rubric(struct scan *S, const struct rubric *r)
{
	struct pos at = { r->path, 0, 0 };
	size_t i, j;

	text(S, r->title, &at, NULL, IN_BOTH);
	text(S, r->version, &at, NULL, IN_BOTH);
	text(S, r->description, &at, NULL, IN_BOTH);
	for (i = 0; i < r->scale.n; i++)
		text(S, r->scale.levels[i].label, &r->scale.levels[i].pos, NULL,
		    IN_BOTH);
	for (i = 0; i < r->nexpectations; i++)
		text(S, r->expectations[i].level, &r->expectations[i].pos, NULL,
		    IN_BOTH);
	for (i = 0; i < r->nbands; i++)
		text(S, r->bands[i].label, &r->bands[i].pos, NULL, IN_BOTH);
	texts(S, &r->intro, &at, IN_BOTH);
	texts(S, &r->leaders, &at, IN_BOTH);
	texts(S, &r->individuals, &at, IN_BOTH);
	for (i = 0; i < r->ncats; i++) {
		text(S, r->cats[i].title, &r->cats[i].pos, NULL, IN_BOTH);
		text(S, r->cats[i].description, &r->cats[i].pos, NULL, IN_BOTH);
	}
	for (i = 0; i < r->ncomps; i++) {
		const struct competency *c = &r->comps[i];

		text(S, c->title, &c->pos, NULL, IN_BOTH);
		text(S, c->definition, &c->pos, NULL, IN_BOTH);
		texts(S, &c->strong, &c->pos, IN_BOTH);
		text(S, c->ind_green, &c->pos, NULL, IN_BOTH);
		text(S, c->ind_yellow, &c->pos, NULL, IN_BOTH);
		text(S, c->ind_red, &c->pos, NULL, IN_BOTH);
		for (j = 0; j < r->scale.n; j++)
			texts(S, &c->levels[j], &c->pos, IN_BOTH);
		texts(S, &c->coaching, &c->pos, IN_BOTH);
		texts(S, &c->objectives, &c->pos, IN_BOTH);
	}
}

static void
scan_band(struct scan *S, const struct tmpl_band *b, const struct pos *at,
    int where)
{
	text(S, b->left, at, NULL, where);
	text(S, b->center, at, NULL, where);
	text(S, b->right, at, NULL, where);
}

/* scan_tmpl: the template's words, headers, footers and block texts. */
static void
scan_tmpl(struct scan *S, const struct tmpl *t, int where)
{
	struct pos at = { t->path, 0, 0 };
	size_t i, j, d;

	for (i = 0; i < NTMPL_WORDS; i++)
		text(S, tmpl_word(t, (enum tmpl_word)i), &at, NULL, where);
	scan_band(S, &t->header, &at, where);
	scan_band(S, &t->footer, &at, where);
	for (d = 0; d < NTMPL_DOCS; d++) {
		const struct tmpl_docdef *dd = tmpl_doc(t, (enum tmpl_doc)d);

		scan_band(S, &dd->header, &at, where);
		scan_band(S, &dd->footer, &at, where);
		for (i = 0; i < dd->nblocks; i++) {
			const struct tmpl_block *b = &dd->blocks[i];

			text(S, b->text, &b->pos, NULL, where);
			text(S, b->title, &b->pos, NULL, where);
			for (j = 0; j < b->nitems; j++)
				text(S, b->items[j], &b->pos, NULL, where);
			for (j = 0; j < b->ncolumns; j++)
				text(S, b->columns[j].header, &b->columns[j].pos,
				    NULL, where);
		}
	}
}

/* source_col: the name of a ratings file's column, as its messages say. */
static const char *
source_col(const struct cycle *c, const struct rating *rt, int comment)
{
	size_t i;

	for (i = 0; i < c->nsources; i++) {
		const struct colspec *cs = comment ? &c->sources[i].comment :
		    &c->sources[i].rater;

		if (c->sources[i].path == rt->pos.file && cs->n > 0)
			return cs->names[0];
	}
	return comment ? "comment" : "rater_id";
}

/* by_place: ratings in the order of their files (as cycle.yaml lists
 * them) and lines, for "where it first occurs". */
struct place {
	size_t src;
	int line;
	size_t i;
};

static int
cmp_place(const void *a, const void *b)
{
	const struct place *x = a, *y = b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static struct place *
by_place(const struct cycle *c)
{
	struct place *v = xcalloc(c->nratings + 1, sizeof *v);
	size_t i, s;

	for (i = 0; i < c->nratings; i++) {
		for (s = 0; s < c->nsources &&
		    c->sources[s].path != c->ratings[i].pos.file; s++)
			;
		v[i].src = s;
		v[i].line = c->ratings[i].pos.line;
		v[i].i = i;
	}
	qsort(v, c->nratings, sizeof *v, cmp_place);
	return v;
}

/* scan_ratings: the comments documents may show and the ids of
 * manager-raters who are not in the roster (calibration lists them). */
static void
scan_ratings(struct scan *S, const struct cycle *c,
    const struct aggregates *agg)
{
	struct place *order = S->pass == 2 ? by_place(c) : NULL;
	size_t k;

	for (k = 0; k < c->nratings; k++) {
		const struct rating *rt = &c->ratings[order != NULL ?
		    order[k].i : k];

		if (rt->role == ROLE_MANAGER && rt->rater < 0)
			text(S, rt->rater_id, &rt->pos, source_col(c, rt, 0),
			    IN_MAIN);
		if (rt->comment != NULL && agg != NULL &&
		    doc_comment_shown(c, agg, rt))
			text(S, rt->comment, &rt->pos, source_col(c, rt, 1),
			    IN_MAIN);
	}
	free(order);
}

/* scan_cycle: the cycle's own texts, the roster, the ratings. */
static void
scan_cycle(struct scan *S, const struct cycle *c,
    const struct aggregates *agg)
{
	struct pos at = { c->path, 0, 0 };
	size_t i;

	text(S, c->id, &at, NULL, IN_BOTH);
	text(S, c->title, &at, NULL, IN_BOTH);
	text(S, c->organization, &at, NULL, IN_BOTH);
	for (i = 0; i < c->npeople; i++) {
		const struct person *p = &c->people[i];

		text(S, p->id, &p->pos, "id", IN_MAIN);
		text(S, p->name, &p->pos, "name", IN_MAIN);
		text(S, p->email, &p->pos, "email", IN_MAIN);
		text(S, p->title, &p->pos, "title", IN_MAIN);
		text(S, p->level, &p->pos, "level", IN_MAIN);
		text(S, p->department, &p->pos, "department", IN_MAIN);
		text(S, p->employment, &p->pos, "employment", IN_MAIN);
	}
	scan_ratings(S, c, agg);
}

static void
scan_all(struct scan *S, const struct render_env *env,
    const struct rubric *r)
{
	struct pos at = { "(revpack)", 0, 0 };
	/* a deck template that is the template's own file is read once,
	 * or its characters would be counted twice in the warnings */
	int one = env->deck_tmpl == NULL || (env->deck_tmpl->path != NULL &&
	    env->tmpl->path != NULL &&
	    strcmp(env->deck_tmpl->path, env->tmpl->path) == 0);

	text(S, doc_literals, &at, NULL, IN_BOTH);
	if (r != NULL)
		scan_rubric(S, r);
	scan_tmpl(S, env->tmpl, one ? IN_BOTH : IN_MAIN);
	if (!one)
		scan_tmpl(S, env->deck_tmpl, IN_DECK);
	if (env->cycle != NULL)
		scan_cycle(S, env->cycle, env->agg);
}

/* covered: 1 when some face of fs has cp. */
static int
covered(const struct fontset *fs, uint32_t cp)
{
	size_t nf = fontset_nfaces(fs), f;

	for (f = 0; f < nf && !fontset_face_has(fs, (int)f, cp); f++)
		;
	return f < nf;
}

/* not_covered: the code points of `used` that no face of fs has. */
static void
not_covered(const struct fontset *fs, const struct cpset *used,
    struct cpset *out)
{
	uint32_t cp;
	size_t i;

	cpset_clear(out);
	for (cp = 0x20; cp <= 0xFFFF; cp++) {
		if (!cpset_has(used, cp) || (cp >= 0x7f && cp < 0xa0) ||
		    uni_ignorable(cp))
			continue;
		if (!covered(fs, cp))
			cpset_add(out, cp);
	}
	for (i = 0; i < used->nastral; i++)
		if (!uni_ignorable(used->astral[i]) &&
		    !covered(fs, used->astral[i]))
			cpset_add(out, used->astral[i]);
}

static int
same_fonts(const struct font_request *a, const struct font_request *b)
{
	size_t i;

	if (!str_eq(a->regular, b->regular) || !str_eq(a->bold, b->bold) ||
	    a->nfallback != b->nfallback)
		return 0;
	for (i = 0; i < a->nfallback; i++)
		if (!str_eq(a->fallback[i], b->fallback[i]))
			return 0;
	return 1;
}

/* fonts_of: the fontsets of template t and deck template deck into
 * fs[2] (one set for both when their fonts agree). 0 or -1 (reported). */
static int
fonts_of(struct fontset **fs, const struct tmpl *t, const struct tmpl *deck,
    struct diag *d)
{
	fs[0] = fontset_new(&t->fonts, d);
	if (fs[0] == NULL)
		return -1;
	if (same_fonts(&t->fonts, &deck->fonts)) {
		fs[1] = fs[0];
		return 0;
	}
	fs[1] = fontset_new(&deck->fonts, d);
	return fs[1] != NULL ? 0 : -1;
}

/* Fontsets made ahead (doc_fonts_ahead), with what making them said. */
struct ahead {
	const struct tmpl *t, *deck;
	struct fontset *fs[2];
	struct diag *d;
	int st;
};

int
doc_fonts_ahead(const struct tmpl *t, const struct tmpl *deck, void **ahead)
{
	struct ahead *a = xcalloc(1, sizeof *a);

	a->t = t;
	a->deck = deck != NULL ? deck : t;
	a->d = diag_new(NULL);
	a->st = fonts_of(a->fs, t, a->deck, a->d);
	*ahead = a;
	return a->st;
}

static void
free_fontsets(struct fontset **fs)
{
	if (fs[1] != fs[0])
		fontset_free(fs[1]);
	fontset_free(fs[0]);
	fs[0] = fs[1] = NULL;
}

void
doc_fonts_ahead_free(void *ahead)
{
	struct ahead *a = ahead;

	if (a == NULL)
		return;
	free_fontsets(a->fs);
	diag_free(a->d);
	free(a);
}

/* make_fonts: the fontsets of env's templates: those made ahead for them
 * (their messages reported now), else made here. 0 or -1 (reported). */
static int
make_fonts(struct doc_shared *sh, const struct render_env *env,
    struct diag *d)
{
	struct ahead *a = env->ahead;

	if (a != NULL && a->t == env->tmpl && a->deck == doc_deck_tmpl(env)) {
		diag_merge(d, a->d);
		sh->fs[0] = a->fs[0];
		sh->fs[1] = a->fs[1];
		a->fs[0] = a->fs[1] = NULL;
		return a->st;
	}
	return fonts_of(sh->fs, env->tmpl, doc_deck_tmpl(env), d);
}

/* warn: the second pass, when some code point is not covered. */
static void
warn(struct scan *S, const struct render_env *env, const struct rubric *r)
{
	struct doc_shared *sh = S->sh;
	size_t f, nf = fontset_nfaces(sh->fs[0]);

	S->missing[0] = xcalloc(1, sizeof(struct cpset));
	S->missing[1] = xcalloc(1, sizeof(struct cpset));
	not_covered(sh->fs[0], S->used, S->missing[0]);
	if (sh->fs[1] != sh->fs[0])
		not_covered(sh->fs[1], S->used_deck, S->missing[1]);
	else
		*S->missing[1] = *S->missing[0];
	if (!cpset_empty(S->missing[0]) || !cpset_empty(S->missing[1])) {
		S->shows = "\"?\"";
		for (f = 0; f < nf; f++)
			if (fontset_face_has(sh->fs[0], (int)f, 0xFFFD))
				S->shows = "U+FFFD";
		S->reported = xcalloc(1, sizeof(struct cpset));
		S->reported_hi = strtab_new(0);
		S->keys = arena_new();
		S->pass = 2;
		scan_all(S, env, r);
		say_groups(S);
		free(S->groups);
		free(S->reported);
		strtab_free(S->reported_hi);
		arena_free(S->keys);
	}
	free(S->missing[0]);
	free(S->missing[1]);
}

static int
subset(struct doc_shared *sh, const struct render_env *env,
    const struct scan *S, struct diag *d)
{
	char *dir;
	int rc;

	if (fontset_subset(sh->fs[0], S->used, env->scratch, d) != 0)
		return -1;
	if (sh->fs[1] == sh->fs[0])
		return 0;
	dir = xmalloc(strlen(env->scratch) + 8);
	snprintf(dir, strlen(env->scratch) + 8, "%s/deck", env->scratch);
	rc = mkdir(dir, 0700) != 0 ? -1 : 0;
	if (rc != 0)
		diag_error(d, NULL, "cannot make the scratch folder %s", dir);
	else
		rc = fontset_subset(sh->fs[1], S->used_deck, dir, d);
	free(dir);
	return rc;
}

/* fonts_scan: the fontsets of env's templates into sh, every text the
 * documents can print scanned into S (S->used, S->used_deck), and one
 * warning per field and script for what no font covers. The caller frees
 * S->used and S->used_deck (also after -1: fonts not made, reported). */
static int
fonts_scan(struct doc_shared *sh, struct scan *S,
    const struct render_env *env, const struct rubric *r, struct diag *d)
{
	memset(S, 0, sizeof *S);
	S->used = xcalloc(1, sizeof(struct cpset));
	S->used_deck = xcalloc(1, sizeof(struct cpset));
	if (make_fonts(sh, env, d) != 0)
		return -1;
	S->sh = sh;
	S->d = d;
	S->pass = 1;
	scan_all(S, env, r);
	if (sh->fs[1] == sh->fs[0])     /* one subset prints both */
		cpset_union(S->used, S->used_deck);
	warn(S, env, r);
	return 0;
}

int
doc_setup_rubric(struct render_env *env, const struct rubric *r,
    struct diag *d)
{
	struct doc_shared *sh = xcalloc(1, sizeof *sh);
	struct scan S;
	int rc;

	env->shared = sh;
	sh->rubric = r;
	rc = fonts_scan(sh, &S, env, r, d);
	if (rc == 0)
		rc = subset(sh, env, &S, d);
	free(S.used);
	free(S.used_deck);
	return rc;
}

int
doc_check_fonts(const struct render_env *env, struct diag *d)
{
	struct render_env e = *env;
	struct doc_shared *sh = xcalloc(1, sizeof *sh);
	struct scan S;
	int rc;

	e.shared = sh;
	sh->rubric = env->cycle != NULL ? env->cycle->rubric : NULL;
	rc = fonts_scan(sh, &S, &e, sh->rubric, d);
	free(S.used);
	free(S.used_deck);
	doc_teardown(&e);
	return rc;
}

int
doc_setup(struct render_env *env, struct diag *d)
{
	return doc_setup_rubric(env, env->cycle != NULL ? env->cycle->rubric :
	    NULL, d);
}

void
doc_teardown(struct render_env *env)
{
	struct doc_shared *sh = env->shared;

	if (sh == NULL)
		return;
	free_fontsets(sh->fs);
	free(sh->missing);
	free(sh);
	env->shared = NULL;
}

const struct tmpl *
doc_deck_tmpl(const struct render_env *env)
{
	return env->deck_tmpl != NULL ? env->deck_tmpl : env->tmpl;
}
