/* doc_pptx.c: the rubric rollout deck as a PowerPoint file (deck.pptx):
 * what each slide says, in the deck PDF's order (title, how the framework
 * works, the scale with the expectations by role level, one slide per
 * competency, the guides for leaders and for individuals), with the
 * deck template's words, fonts and colours; emit_pptx.c writes it. Type
 * sizes are chosen so that text fits its slide, measured with the
 * template's fonts as layout measures them; a guide too long for one
 * slide goes on under its title with "(continued)". A competency's
 * coaching notes are its speaker notes. */
#include <math.h>
#include <string.h>
#include <time.h>

#include "doc_int.h"
#include "emit_pptx.h"
#include "lang.h"

#define BODY_MAX 20.0f          /* type sizes tried, pt, in steps of 1 */
#define BODY_MIN 12.0f
#define TABLE_MAX 16.0f
#define TABLE_MIN 10.0f
#define LEADING 1.2f            /* single spacing, about (LibreOffice
                                   1.15 with Liberation Sans) */
#define PARA_GAP 6.0f           /* space after a paragraph, pt (the
                                   master's spcAft) */
#define INSET 7.2f              /* a text box's inner margin, pt */

/* The deck being made. */
struct pdeck {
	struct doc *D;
	const struct fontset *fs;
	struct pptx_deck dk;
	size_t cap;
	float width;            /* the text width, pt */
	float body;             /* the height under a title, pt */
};

/* lines: how many lines text takes at size pt in width pt, broken at
 * spaces as PowerPoint does (a word wider than the line is cut). */
static size_t
lines(const struct pdeck *P, const char *text, int bold, float size,
    float width)
{
	enum font_style st = bold ? FONT_BOLD : FONT_REGULAR;
	float space = fontset_width(P->fs, st, " ", 1) * size / 1000, w = 0;
	size_t n = 1;
	const char *p = text != NULL ? text : "";

	while (*p != '\0') {
		size_t k = strcspn(p, " \n");
		float ww = fontset_width(P->fs, st, p, k) * size / 1000;

		if (w > 0 && w + space + ww > width) {
			n++;
			w = 0;
		}
		while (ww > width) {    /* cut */
			n++;
			ww -= width;
		}
		w += (w > 0 ? space : 0) + ww;
		p += k;
		if (*p == '\n') {
			n++;
			w = 0;
		}
		if (*p != '\0')
			p++;
	}
	return n;
}

/* paras_height: the height of n paragraphs at size pt (bullets indented
 * by 22.5 pt, as the master's list style). */
static float
paras_height(const struct pdeck *P, const struct pptx_para *p, size_t n,
    float size)
{
	float h = 2 * INSET;
	size_t i;

	for (i = 0; i < n; i++)
		h += (float)lines(P, p[i].text, p[i].bold, size, P->width -
		    2 * INSET - (p[i].bullet ? 22.5f : 0)) * size * LEADING +
		    PARA_GAP;
	return h;
}

/* table_height: t's height at its size, rows as tall as their tallest
 * cell (and the title line above it). */
static float
table_height(const struct pdeck *P, const struct pptx_table *t)
{
	float h = t->title != NULL ? t->size * 1.8f : 0;
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		size_t most = 1;

		for (c = 0; c < t->ncols; c++) {
			const struct pptx_cell *x = &t->cells[r * t->ncols + c];
			float cw = P->width * (t->widths != NULL ? t->widths[c] :
			    1.0f / (float)t->ncols) - 8;
			size_t n = lines(P, x->text, x->bold || (t->head &&
			    r == 0), t->size, cw);

			most = n > most ? n : most;
		}
		h += (float)most * t->size * LEADING + 4 + 1;
	}
	return h;
}

static struct pptx_slide *
new_slide(struct pdeck *P, enum pptx_layout layout, const char *title)
{
	struct pptx_slide *s;

	if (P->dk.nslides == P->cap) {
		struct pptx_slide *more;

		P->cap = P->cap ? 2 * P->cap : 32;
		more = arena_alloc(P->D->a, P->cap * sizeof *more);
		if (P->dk.nslides > 0)
			memcpy(more, P->dk.slides, P->dk.nslides * sizeof *more);
		P->dk.slides = more;
	}
	s = &P->dk.slides[P->dk.nslides++];
	memset(s, 0, sizeof *s);
	s->layout = layout;
	s->title = title;
	s->size = BODY_MAX;
	return s;
}

/* paras: n paragraphs (bullets or not) of strv sv, from `from`. */
static struct pptx_para *
paras(struct pdeck *P, const struct strv *sv, size_t from, size_t n,
    int bullet)
{
	struct pptx_para *p = arena_alloc(P->D->a, (n ? n : 1) * sizeof *p);
	size_t i;

	memset(p, 0, (n ? n : 1) * sizeof *p);
	for (i = 0; i < n; i++) {
		p[i].text = sv->v[from + i];
		p[i].bullet = (unsigned char)bullet;
	}
	return p;
}

/* fit_size: the largest size in [lo, hi] at which h(size) <= room, else
 * lo; h is paras_height of s's paragraphs plus `extra`. */
static float
fit_size(const struct pdeck *P, const struct pptx_slide *s, float room)
{
	float size;

	for (size = BODY_MAX; size > BODY_MIN; size -= 1)
		if (paras_height(P, s->paras, s->nparas, size) <= room)
			break;
	return size;
}

/* guide: a guide's items as slides: all on one when they fit at
 * BODY_MIN or more, else as many slides as it takes at BODY_MIN + 4,
 * the later ones titled "… (continued)". */
static void
guide(struct pdeck *P, enum tmpl_word title, const struct strv *sv,
    int bullet)
{
	const char *t = doc_word(P->D, title);
	float size = BODY_MIN + 4;
	size_t from = 0, n;

	if (sv->n == 0)
		return;
	{
		struct pptx_slide *s = new_slide(P, PPTX_CONTENT, t);

		s->paras = paras(P, sv, 0, sv->n, bullet);
		s->nparas = sv->n;
		s->size = fit_size(P, s, P->body);
		s->body_h = P->body;
		if (paras_height(P, s->paras, s->nparas, s->size) <= P->body)
			return;
		P->dk.nslides--;
	}
	while (from < sv->n) {
		struct pptx_slide *s = new_slide(P, PPTX_CONTENT, from == 0 ? t :
		    doc_printf(P->D, "%s %s", t, doc_word(P->D, TW_CONTINUED)));

		s->paras = paras(P, sv, from, sv->n - from, bullet);
		for (n = 1; from + n < sv->n && paras_height(P, s->paras,
		    n + 1, size) <= P->body; n++)
			;
		s->nparas = n;
		s->size = size;
		s->body_h = P->body;
		from += n;
	}
}

/* scale_slide: the scale's levels as a row of coloured cells over their
 * labels, and the expectations by role level. */
static void
scale_slide(struct pdeck *P)
{
	const struct rubric *r = P->D->r;
	const struct scale *sc = &r->scale;
	struct pptx_slide *s = new_slide(P, PPTX_CONTENT, doc_word(P->D,
	    TW_SCALE));
	struct pptx_table *t = arena_alloc(P->D->a, 2 * sizeof *t);
	float y = pptx_body_top(&P->dk.look, 0), room;
	size_t i;

	memset(t, 0, 2 * sizeof *t);
	t[0].nrows = 2;
	t[0].ncols = sc->n;
	t[0].cells = arena_alloc(P->D->a, 2 * sc->n * sizeof *t[0].cells);
	memset(t[0].cells, 0, 2 * sc->n * sizeof *t[0].cells);
	for (i = 0; i < sc->n; i++) {
		struct pptx_cell *num = &t[0].cells[i], *lab = &t[0].cells[sc->n +
		    i];

		num->text = doc_printf(P->D, "%d", sc->levels[i].value);
		num->bold = num->center = num->has_fill = num->has_color = 1;
		num->fill = lay_level_color(P->D->L, i, sc->n);
		num->color = lay_on_color(P->D->L, num->fill);
		lab->text = sc->levels[i].label;
		lab->center = 1;
	}
	s->tables = t;
	s->ntables = 1;
	if (r->nexpectations > 0) {
		t[1].title = doc_word(P->D, TW_LADDER);
		t[1].nrows = r->nexpectations + 1;
		t[1].ncols = 3;
		t[1].head = 1;
		t[1].cells = arena_alloc(P->D->a, 3 * t[1].nrows *
		    sizeof *t[1].cells);
		memset(t[1].cells, 0, 3 * t[1].nrows * sizeof *t[1].cells);
		t[1].cells[0].text = doc_word(P->D, TW_ROLE_LEVEL);
		t[1].cells[1].text = doc_word(P->D, TW_EXPECTED);
		t[1].cells[2].text = doc_word(P->D, TW_RATING);
		for (i = 0; i < r->nexpectations; i++) {
			struct pptx_cell *c = &t[1].cells[3 * (i + 1)];
			const char *lab = rubric_level_label(r, (int)score_level(
			    &r->scale, r->expectations[i].value));

			c[0].text = r->expectations[i].level;
			c[0].bold = 1;
			c[1].text = doc_g(P->D, r->expectations[i].value);
			c[2].text = lab != NULL ? lab : "";
		}
		s->ntables = 2;
	}
	room = P->body;
	for (t[0].size = TABLE_MAX; t[0].size > TABLE_MIN; t[0].size -= 1) {
		t[1].size = t[0].size;
		if (table_height(P, &t[0]) + 16 + (s->ntables > 1 ?
		    table_height(P, &t[1]) : 0) <= room)
			break;
	}
	t[1].size = t[0].size;
	t[0].y = y;
	t[0].h = table_height(P, &t[0]);
	t[1].y = y + t[0].h + 16;
	t[1].h = table_height(P, &t[1]) - t[0].size * 1.8f;
}

/* scale_table: a competency's indicators (a coloured status cell and
 * its text) or a line per level (its label and first descriptor). */
static int
scale_table(struct pdeck *P, const struct competency *c,
    struct pptx_table *t)
{
	const struct rubric *r = P->D->r;
	static const float w2[2] = { 0.26f, 0.74f };
	size_t i, n = 0;

	memset(t, 0, sizeof *t);
	t->ncols = 2;
	t->widths = w2;
	t->head = 1;
	t->cells = arena_alloc(P->D->a, 2 * (r->scale.n + 4) *
	    sizeof *t->cells);
	memset(t->cells, 0, 2 * (r->scale.n + 4) * sizeof *t->cells);
	if (doc_use_indicators(r, c, "auto")) {
		const char *text[3] = { c->ind_red, c->ind_yellow, c->ind_green };
		static const enum tmpl_word words[3] = { TW_RED, TW_YELLOW,
			TW_GREEN };
		static const enum tmpl_color col[3] = { TC_RED, TC_YELLOW,
			TC_GREEN };

		t->cells[0].text = doc_word(P->D, TW_STATUS);
		t->cells[1].text = doc_word(P->D, TW_INDICATORS);
		for (i = 0, n = 1; i < 3; i++) {
			struct pptx_cell *x = &t->cells[2 * n];

			if (text[i] == NULL)
				continue;
			x->text = doc_ryg(r) ? r->scale.levels[i].label :
			    doc_word(P->D, words[i]);
			x->bold = x->center = x->has_fill = x->has_color = 1;
			x->fill = lay_color(P->D->L, col[i]);
			x->color = lay_on_color(P->D->L, x->fill);
			x[1].text = text[i];
			n++;
		}
	} else if (doc_has_levels(r, c)) {
		t->cells[0].text = doc_word(P->D, TW_LEVEL);
		t->cells[1].text = doc_word(P->D, TW_LEVELS);
		for (i = 0, n = 1; i < r->scale.n; i++, n++) {
			t->cells[2 * n].text = doc_printf(P->D, "%d \xc2\xb7 %s",
			    r->scale.levels[i].value, r->scale.levels[i].label);
			t->cells[2 * n].bold = 1;
			t->cells[2 * n + 1].text = c->levels[i].n > 0 ?
			    c->levels[i].v[0] : "\xe2\x80\x93";
		}
	}
	t->nrows = n;
	return n > 1;
}

/* notes: a competency's coaching notes, a paragraph each. */
static const char *
notes(struct pdeck *P, const struct competency *c)
{
	struct buf b;
	const char *s;
	size_t i;

	if (c->coaching.n == 0)
		return NULL;
	buf_init(&b);
	for (i = 0; i < c->coaching.n; i++)
		buf_printf(&b, "%s%s", i > 0 ? "\n" : "", c->coaching.v[i]);
	s = arena_strdup(P->D->a, b.p);
	buf_free(&b);
	return s;
}

/* competency: its slide: the category as a muted line, the definition,
 * what strong looks like, and its scale as a table, at the largest sizes
 * that fit; without the table, then without what strong looks like,
 * when even the smallest do not. */
static void
competency(struct pdeck *P, const struct competency *c)
{
	const struct rubric *r = P->D->r;
	struct pptx_slide *s = new_slide(P, PPTX_CONTENT, c->title);
	struct pptx_para *p = arena_alloc(P->D->a, (c->strong.n + 2) *
	    sizeof *p);
	struct pptx_table *t = arena_alloc(P->D->a, sizeof *t);
	size_t n = 0, i;
	int has_table = scale_table(P, c, t), tries;

	memset(p, 0, (c->strong.n + 2) * sizeof *p);
	s->subtitle = r->cats[c->category].title;
	if (c->definition != NULL)
		p[n++].text = c->definition;
	if (c->strong.n > 0) {
		p[n].text = doc_word(P->D, TW_STRONG);
		p[n++].bold = 1;
		for (i = 0; i < c->strong.n; i++) {
			p[n].text = c->strong.v[i];
			p[n++].bullet = 1;
		}
	}
	s->paras = p;
	s->notes = notes(P, c);
	for (tries = 0; tries < 3; tries++) {
		float room = P->body - 30;      /* the category line */

		s->nparas = tries < 2 || c->definition == NULL ? n : 1;
		s->ntables = has_table && tries == 0;
		t->size = TABLE_MAX;
		for (s->size = BODY_MAX; s->size >= BODY_MIN; s->size -= 1) {
			float th;

			t->size = fminf(TABLE_MAX, s->size - 2);
			th = s->ntables ? table_height(P, t) + 8 : 0;
			s->body_h = paras_height(P, p, s->nparas, s->size) + 30;
			if (s->body_h - 30 + th <= room)
				break;
		}
		if (s->size >= BODY_MIN)
			break;
	}
	if (s->size < BODY_MIN)
		s->size = BODY_MIN;
	s->body_h = fminf(P->body, paras_height(P, p, s->nparas, s->size) +
	    s->size * 1.6f);
	if (s->ntables) {
		t->y = pptx_body_top(&P->dk.look, 0) + s->body_h + 4;
		t->h = table_height(P, t);
		s->tables = t;
	}
}

/* look: the deck template's page, fonts and colours. */
static void
look(struct pdeck *P)
{
	const struct tmpl *t = P->D->t;
	const struct tmpl_page *pg = &tmpl_doc(t, TD_DECK)->page;
	struct pptx_look *lk = &P->dk.look;
	const char *font = t->fonts.regular != NULL ? t->fonts.regular :
	    "Liberation Sans";
	const char *colon = strchr(font, ':');

	lk->width = pg->width;            /* the deck's page: 16:9 */
	lk->height = pg->height;
	lk->left = pg->left;
	lk->right = pg->right;
	lk->top = pg->top;
	lk->bottom = pg->bottom;
	/* a family name; a font given as a file is named by its family */
	if (strchr(font, '/') != NULL)
		font = "Liberation Sans";
	else if (colon != NULL)
		font = arena_strndup(P->D->a, font, (size_t)(colon - font));
	lk->font = font;
	lk->text = t->colors[TC_TEXT];
	lk->muted = t->colors[TC_MUTED];
	lk->accent = t->colors[TC_ACCENT];
	lk->lines = t->colors[TC_LINES];
	lk->fill = t->colors[TC_FILL];
	lk->logo = t->logo;
	lk->logo_h = t->logo_height > 0 ? t->logo_height : 28;
	lk->logo_w = t->logo_width > 0 ? t->logo_width : lk->logo_h * 3;
	lk->rtl = t->lang->rtl;
	lk->lang = t->lang->rtl ? "ar-SA" : "en-US";
	P->width = lk->width - lk->left - lk->right;
	P->body = lk->height - lk->bottom - pptx_body_top(lk, 0);
}

/* iso_date: the documents' date (the PDFs' CreationDate) as ISO 8601
 * into out, or NULL when they carry none. */
static const char *
iso_date(const struct render_env *env, char *out, size_t size)
{
	time_t t = (time_t)env->epoch;
	struct tm tm;

	if (!env->has_date || gmtime_r(&t, &tm) == NULL)
		return NULL;
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

int
doc_deck_pptx_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	const struct doc_shared *sh = ctx->env->shared;
	struct doc D;
	struct pdeck P;
	struct pptx_slide *s;
	const struct rubric *r;
	char date[32];
	size_t i, k;
	int st;

	(void)job;
	doc_begin(&D, ctx, 1, NULL);
	r = D.r;
	memset(&P, 0, sizeof P);
	P.D = &D;
	P.fs = sh->fs[1];
	look(&P);
	P.dk.title = doc_printf(&D, "%s \xe2\x80\x94 %s", r->title,
	    doc_word(&D, TW_DECK));
	P.dk.author = D.c != NULL ? D.c->organization : "";
	P.dk.date = iso_date(ctx->env, date, sizeof date);
	s = new_slide(&P, PPTX_TITLE, r->title);
	s->subtitle = D.c != NULL ? D.c->organization : r->description;
	guide(&P, TW_INTRO, &r->intro, 0);
	scale_slide(&P);
	for (i = 0; i < r->ncats; i++)
		for (k = 0; k < r->cats[i].n; k++)
			competency(&P, &r->comps[r->cats[i].first + k]);
	guide(&P, TW_LEADERS, &r->leaders, 1);
	guide(&P, TW_INDIVIDUALS, &r->individuals, 1);
	st = pptx_write(&P.dk, out, ctx->d);
	ctx->pages = -1;        /* not a PDF: "pages" is null */
	return st;
}
