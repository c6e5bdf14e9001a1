/* lay.c: the layout engine's frame: files and parts, pages and the flow
 * down them (keep-with-next headings, "(continued)" headings after a break
 * the engine made), the text blocks, signature and writing lines, anchors,
 * bookmarks and the contents page. lay_finish.c ends a file. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "lay_int.h"


struct lay *
lay_new(const struct tmpl *t, const struct fontset *fs, struct diag *d)
{
	struct lay *L = xcalloc(1, sizeof *L);

	L->t = t;
	L->fs = fs;
	L->d = d;
	L->arena = arena_new();
	L->memo = memo_new();
	L->brk = uni_breaker_new();
	dl_init(&L->doc, L->arena);
	L->page = -1;
	L->squeeze_page = -1;
	L->pend_anchor = SIZE_MAX;
	L->rtl = t->lang->rtl;
	lay_set_doc(L, TD_SCORECARD);
	return L;
}

void
lay_free(struct lay *L)
{
	if (L == NULL)
		return;
	dl_release(&L->doc);
	free(L->spare);
	free(L->pack_tmp);
	arena_free(L->arena);
	memo_free(L->memo);
	free(L->runs);
	free(L->parts);
	free(L->anchors);
	free(L->entries);
	free(L->scratch);
	uni_breaker_free(L->brk);
	free(L->breaks);
	free(L->clusters);
	free(L);
}

const char *
lay_copy(struct lay *L, const char *s)
{
	return s != NULL ? arena_strdup(L->arena, s) : NULL;
}

void
lay_begin(struct lay *L, const struct dl_info *info)
{
	dl_release(&L->doc);
	arena_free(L->arena);
	L->arena = arena_new();
	memo_start(L->memo);
	dl_init(&L->doc, L->arena);
	if (info != NULL) {
		L->doc.info = *info;
		L->doc.info.title = lay_copy(L, info->title);
		L->doc.info.author = lay_copy(L, info->author);
		L->doc.info.subject = lay_copy(L, info->subject);
		L->doc.info.creator = lay_copy(L, info->creator);
		L->doc.info.keywords = lay_copy(L, info->keywords);
	}
	L->nparts = L->nanchors = L->nentries = 0;
	L->packed_upto = 0;
	L->marked = 0;
	L->page = -1;
	L->squeeze_page = -1;
	L->npend = 0;
	L->pend_anchor = SIZE_MAX;
	L->section = NULL;
	L->finished = 0;
}

/* --- styles and colours --- */

struct rgb
lay_color(const struct lay *L, enum tmpl_color c)
{
	return L->t->colors[c];
}

struct rgb
lay_status_color(const struct lay *L, enum lay_status s)
{
	switch (s) {
	case LS_RED:
		return L->t->colors[TC_RED];
	case LS_YELLOW:
		return L->t->colors[TC_YELLOW];
	case LS_GREEN:
		return L->t->colors[TC_GREEN];
	case LS_UNRATED:
		return L->t->colors[TC_UNRATED];
	default:
		return L->t->colors[TC_FILL];
	}
}

struct rgb
lay_on_color(const struct lay *L, struct rgb c)
{
	return rgb_readable(lay_color(L, TC_TEXT), c);
}

/* mix: a + (b - a) * t, channel by channel. */
static struct rgb
mix(struct rgb a, struct rgb b, float t)
{
	struct rgb c;

	c.r = a.r + (b.r - a.r) * t;
	c.g = a.g + (b.g - a.g) * t;
	c.b = a.b + (b.b - a.b) * t;
	return c;
}

struct rgb
lay_level_color(const struct lay *L, size_t i, size_t n)
{
	float t = n > 1 ? (float)i / (float)(n - 1) : 1;

	if (t < 0.5f)
		return mix(lay_color(L, TC_RED), lay_color(L, TC_YELLOW), t * 2);
	return mix(lay_color(L, TC_YELLOW), lay_color(L, TC_GREEN),
	    (t - 0.5f) * 2);
}

/* lay_set_doc: the document whose page set-up and styles apply from now on;
 * its styles are worked out once here. */
void
lay_set_doc(struct lay *L, enum tmpl_doc doc)
{
	const struct font_metrics *m = fontset_metrics(L->fs, 0);
	float asc = m->ascent / 1000, desc = -m->descent / 1000;
	int s;

	L->dd = tmpl_doc(L->t, doc);
	for (s = 0; s < NTMPL_STYLES; s++) {
		const struct tmpl_style_def *def = &L->dd->styles[s];
		struct lstyle *st = &L->styles[s];

		st->size = def->size;
		st->lh = def->size * def->leading;
		/* Centre the face's ascent-to-descent box in the line. */
		st->base = (st->lh - (asc + desc) * def->size) / 2 +
		    asc * def->size;
		st->face = def->bold ? FONT_BOLD : FONT_REGULAR;
		st->color = L->t->colors[def->color];
	}
}

void
lay_style(const struct lay *L, enum tmpl_style s, struct lstyle *st)
{
	*st = L->styles[s];
}

void
lay_style_scaled(const struct lay *L, enum tmpl_style s, float k,
    struct lstyle *st)
{
	*st = L->styles[s];
	/* made smaller to fit (narrow columns, crowded charts), text stops
	 * at LAY_MIN_SIZE: below it, print is no longer read comfortably */
	if (k < 1 && st->size * k < LAY_MIN_SIZE)
		k = st->size > LAY_MIN_SIZE ? LAY_MIN_SIZE / st->size : 1;
	st->size *= k;
	st->lh *= k;
	st->base *= k;
}

const char *
lay_word(const struct lay *L, enum tmpl_word w)
{
	return tmpl_word(L->t, w);
}

/* --- drawing helpers --- */

struct dl_item *
lay_item(struct lay *L, enum dl_kind kind)
{
	if (L->page < 0)
		lay_newpage(L, 0);
	return dl_add_item(&L->doc.pages[L->page], kind);
}

void
lay_rect(struct lay *L, float x, float y, float w, float h,
    const struct rgb *fill, const struct rgb *stroke, float lw)
{
	struct dl_item *it = lay_item(L, DL_RECT);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	if (fill != NULL) {
		it->fill = *fill;
		it->fill_on = 1;
	}
	if (stroke != NULL) {
		it->stroke = *stroke;
		it->stroke_on = 1;
		it->line_width = lw;
	}
}

void
lay_line(struct lay *L, float x, float y, float x2, float y2,
    const struct rgb *c, float lw, int dash)
{
	struct dl_item *it = lay_item(L, DL_LINE);

	it->x = x;
	it->y = y;
	it->w = x2 - x;
	it->h = y2 - y;
	it->stroke = *c;
	it->stroke_on = 1;
	it->line_width = lw;
	it->dash = (unsigned char)dash;
}

/* --- parts and pages --- */

float
lay_body_height(const struct lay *L)
{
	float h = L->dd->page.height - L->dd->page.top - L->dd->page.bottom;

	/* what a "(continued)" heading leaves of a new page */
	if (L->dd->continued)
		h -= 2 * L->styles[TS_HEADING].lh +
		    L->dd->styles[TS_HEADING].after;
	return h;
}

static float heading_draw(struct lay *L, int level, const char *text,
    int bookmark, int continued);

/* A file of more pages than this has its finished parts' pages packed
 * (dl_pack_page) as each new part starts: a manager packet of 38,000
 * pages would otherwise hold 80 bytes per item, 11 KB a page, until it
 * is drawn. A part's pages can change only while it is laid out (a
 * rollback stays within it); headers, footers and contents entries are
 * added after the packed items at lay_finish, which is where they always
 * went. A right-to-left file is not packed (lay_finish mirrors every
 * item in place). */
#define PACK_AFTER_PAGES 64

/* pack_parts: packs the pages before `first` (the new part's first, or
 * the one after a page just closed). */
static void
pack_parts(struct lay *L, size_t first)
{
	if (L->rtl || first < PACK_AFTER_PAGES)
		return;
	for (; L->packed_upto < first; L->packed_upto++)
		dl_pack_page(&L->doc.pages[L->packed_upto], &L->pack_tmp,
		    &L->pack_cap);
}

/* pack_closed: packs the page just closed when nothing can go back to
 * it: in a part that takes no marks (lay_mark, for lay_rollback) only
 * lay_finish adds to a closed page, after its items. A long team or
 * organisation summary (a heatmap row per person) is one part. */
static void
pack_closed(struct lay *L)
{
	if (!L->marked)
		pack_parts(L, (size_t)L->page + 1);
}

/* Room left on a finished page for its header and footer (lay_finish),
 * so that they seldom make its array grow again. */
#define BAND_ROOM 12

/* lay_close_page: the current page is finished: its items move to an array
 * of their own size (plus BAND_ROOM), and the array they grew in
 * (doubling) is kept for the next page. A long file (a manager packet of
 * 4,800 pages) would otherwise hold a third more than its items. */
void
lay_close_page(struct lay *L)
{
	struct dl_page *pg;
	struct dl_item *exact;

	if (L->page < 0 || L->spare != NULL)
		return;
	pg = &L->doc.pages[L->page];
	exact = xreallocarray(NULL, pg->n + BAND_ROOM, sizeof *exact);
	if (pg->n > 0)
		memcpy(exact, pg->items, pg->n * sizeof *exact);
	L->spare = pg->items;
	L->spare_cap = pg->cap;
	pg->items = exact;
	pg->cap = pg->n + BAND_ROOM;
	pack_closed(L);
}

void
lay_newpage(struct lay *L, int automatic)
{
	const struct tmpl_page *pg = &L->dd->page;
	struct dl_page *np;

	lay_close_page(L);
	np = dl_add_page(&L->doc, pg->width, pg->height);
	np->items = L->spare;           /* reused: its items are copied */
	np->cap = L->spare_cap;
	L->spare = NULL;
	L->spare_cap = 0;
	L->page = (int)L->doc.npages - 1;
	L->x0 = pg->left;
	L->x1 = pg->width - pg->right;
	L->bottom = pg->bottom;
	L->y = pg->height - pg->top;
	L->at_top = 1;
	L->low = FLT_MAX;
	if (L->page == L->squeeze_page)
		L->bottom = L->squeeze_bottom;
	if (automatic && L->dd->continued && L->section != NULL &&
	    L->npend == 0) {
		heading_draw(L, L->section_level, L->section, 0, 1);
		L->at_top = 1;
	}
}

void
lay_part(struct lay *L, enum tmpl_doc doc, const char *bookmark,
    int outline_level, const char *label)
{
	struct lpart *p;

	if (L->npend > 0)
		lay_flush_heading(L);
	XGROW(L->parts, L->parts_cap, L->nparts + 1);
	p = &L->parts[L->nparts++];
	memset(p, 0, sizeof *p);
	p->doc = doc;
	p->label = lay_copy(L, label);
	lay_set_doc(L, doc);
	L->section = NULL;
	lay_newpage(L, 0);
	p->first_page = (size_t)L->page;
	L->marked = 0;
	pack_parts(L, p->first_page);
	L->outline_base = outline_level;
	if (bookmark != NULL) {
		dl_add_outline(&L->doc, outline_level, lay_copy(L, bookmark),
		    L->page, L->dd->page.height);
		L->outline_base = outline_level + 1;
	}
	if (label != NULL || L->doc.nlabels > 0)
		dl_add_label(&L->doc, L->page, DL_LABEL_DECIMAL,
		    label != NULL ? p->label : "", 1);
}

/* pend_style: the style a waiting heading or lead-in is set in. */
static enum tmpl_style
pend_style(const struct lpend *p)
{
	if (p->lead)
		return (enum tmpl_style)p->level;
	return p->level == 1 ? TS_HEADING : TS_SUBHEADING;
}

/* lead_draw: a waiting lead-in paragraph, as lay_paragraph draws one. */
static void
lead_draw(struct lay *L, const struct lpend *p)
{
	enum tmpl_style s = pend_style(p);
	struct lstyle st;
	struct lline *lines;
	size_t i, n;

	lay_style(L, s, &st);
	lines = lt_lines(L, &st, p->text, L->x1 - L->x0, &n);
	for (i = 0; i < n; i++) {
		lt_draw_line(L, &st, L->x0, L->y - st.base, &lines[i]);
		L->y -= st.lh;
	}
	lay_gap(L, L->dd->styles[s].after);
}

/* pend_height: the height the waiting headings take (as heading_draw
 * places them: the space before each, but the first at a page's top). */
static float
pend_height(struct lay *L)
{
	float h = 0;
	size_t i, n;

	for (i = 0; i < L->npend; i++) {
		const struct lpend *p = &L->pend[i];
		enum tmpl_style s = pend_style(p);
		const struct tmpl_style_def *def = &L->dd->styles[s];
		struct lstyle st;

		lay_style(L, s, &st);
		if (p->lead)
			lt_lines(L, &st, p->text, L->x1 - L->x0, &n);
		else
			lt_wrap_max(L, &st, p->text, L->x1 - L->x0, 4, &n);
		h += (i == 0 && L->at_top) || p->lead ? 0 : def->before;
		h += (float)n * st.lh + def->after;
	}
	return h;
}

int
lay_space(struct lay *L, float h)
{
	int broke = 0;

	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	/* the waiting headings go with the first of what follows them */
	if (L->npend > 0)
		h += pend_height(L);
	if (L->y - h < L->bottom - 0.01f && !L->at_top) {
		lay_newpage(L, 1);
		broke = 1;
	}
	lay_demand(L, L->y - h);
	if (L->npend > 0)
		lay_flush_heading(L);
	L->at_top = 0;
	return broke;
}

size_t
lay_keep_lines(size_t i, size_t n)
{
	if (i == 0)
		return n <= 3 ? n : 2;
	if (n >= 4 && i + 2 == n)
		return 2;
	return 1;
}

void
lay_demand(struct lay *L, float y)
{
	if (y < L->low)
		L->low = y;
}

/* --- going back --- */

void
lay_mark(struct lay *L, struct lmark *m)
{
	L->marked = 1;
	m->page = L->page;
	m->nitems = L->page >= 0 ? L->doc.pages[L->page].n : 0;
	m->noutlines = L->doc.noutlines;
	m->nanchors = L->nanchors;
	m->nentries = L->nentries;
	m->nparts = L->nparts;
	m->y = L->y;
	m->bottom = L->bottom;
	m->at_top = L->at_top;
	memcpy(m->pend, L->pend, sizeof m->pend);
	m->npend = L->npend;
	m->pend_anchor = L->pend_anchor;
	m->section = L->section;
	m->section_level = L->section_level;
	L->low = FLT_MAX;
}

int
lay_rollback(struct lay *L, const struct lmark *m, int page, float bottom)
{
	size_t i;

	if (m->nparts != L->nparts || m->page < 0 || m->page > L->page)
		return 0;
	if (L->page > m->page) {
		/* The current page's array (grown by doubling) serves the
		 * next page, as lay_close_page would leave it; m's page keeps
		 * its own. Texts stay in the arena until lay_begin. */
		L->spare = L->doc.pages[L->page].items;
		L->spare_cap = L->doc.pages[L->page].cap;
		for (i = (size_t)m->page + 1; i < (size_t)L->page; i++)
			free(L->doc.pages[i].items);
		L->doc.npages = (size_t)m->page + 1;
		L->page = m->page;
	}
	L->doc.pages[m->page].n = m->nitems;
	L->doc.noutlines = m->noutlines;
	L->nanchors = m->nanchors;
	L->nentries = m->nentries;
	L->y = m->y;
	L->bottom = m->bottom;
	L->at_top = m->at_top;
	memcpy(L->pend, m->pend, sizeof L->pend);
	L->npend = m->npend;
	L->pend_anchor = m->pend_anchor;
	L->section = m->section;
	L->section_level = m->section_level;
	L->low = FLT_MAX;
	L->squeeze_page = page;
	L->squeeze_bottom = bottom;
	if (page == L->page)
		L->bottom = bottom;
	return 1;
}

void
lay_unsqueeze(struct lay *L)
{
	if (L->squeeze_page == L->page)
		L->bottom = L->dd->page.bottom;
	L->squeeze_page = -1;
}

void
lay_gap(struct lay *L, float h)
{
	L->y -= h;
	if (L->y < L->bottom)
		L->y = L->bottom;
}

/* --- headings and text --- */

/* heading_draw: draws a heading at the cursor and returns its height. */
static float
heading_draw(struct lay *L, int level, const char *text, int bookmark,
    int continued)
{
	struct lstyle st;
	const struct tmpl_style_def *def;
	enum tmpl_style s = level == 1 ? TS_HEADING : TS_SUBHEADING;
	const char *t = text;
	float h, before;

	lay_style(L, s, &st);
	def = &L->dd->styles[s];
	before = L->at_top ? 0 : def->before;
	if (continued)
		t = arena_printf(L->arena, "%s %s", text,
		    tmpl_word(L->t, TW_CONTINUED));
	L->y -= before;
	if (bookmark)
		dl_add_outline(&L->doc, L->outline_base + level - 1,
		    lay_copy(L, text), L->page, L->y);
	h = lt_draw_max(L, &st, t, L->x0, L->y, L->x1 - L->x0, 4);
	L->y -= h + def->after;
	if (!continued) {
		L->section = lay_copy(L, text);
		L->section_level = level;
	}
	return before + h + def->after;
}

void
lay_flush_heading(struct lay *L)
{
	size_t i, n = L->npend;

	L->npend = 0;
	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	/* anchors set while the headings waited land on the first one */
	for (i = L->pend_anchor; i < L->nanchors; i++) {
		L->anchors[i].page = L->page;
		L->anchors[i].y = L->at_top ? L->dd->page.height : L->y;
	}
	L->pend_anchor = SIZE_MAX;
	for (i = 0; i < n; i++) {
		if (L->pend[i].lead)
			lead_draw(L, &L->pend[i]);
		else
			heading_draw(L, L->pend[i].level, L->pend[i].text,
			    L->pend[i].bookmark, 0);
		L->at_top = 0;
	}
}

void
lay_heading(struct lay *L, int level, const char *text, int bookmark)
{
	struct lpend *p;

	/* a heading after a heading waits with it; more than a few in a
	 * row are placed as they come */
	if (L->npend == LAY_MAX_PEND)
		lay_flush_heading(L);
	p = &L->pend[L->npend++];
	p->text = lay_copy(L, text != NULL ? text : "");
	p->level = level == 2 ? 2 : 1;
	p->bookmark = bookmark;
	p->lead = 0;
}

void
lay_lead(struct lay *L, enum tmpl_style style, const char *text)
{
	struct lpend *p;

	if (L->npend == LAY_MAX_PEND)
		lay_flush_heading(L);
	p = &L->pend[L->npend++];
	p->text = lay_copy(L, text != NULL ? text : "");
	p->level = (int)style;
	p->bookmark = 0;
	p->lead = 1;
}

void
lay_page_break(struct lay *L)
{
	if (L->npend > 0)
		lay_flush_heading(L);
	L->section = NULL;
	if (L->page >= 0 && !L->at_top)
		lay_newpage(L, 0);
}
