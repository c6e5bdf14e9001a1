/* lay_block.c: the layout's text blocks (title, paragraph, bullets),
 * spacers, writing and signature lines, anchors, bookmarks and the
 * contents page, and the blocks of a template that need no document data. */
#include <float.h>
#include <stdint.h>
#include <string.h>

#include "lay_int.h"

void
lay_title(struct lay *L, const char *text)
{
	struct lstyle st;
	size_t n, i;
	struct lline *lines;

	lay_style(L, TS_TITLE, &st);
	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	lines = lt_lines(L, &st, text, L->x1 - L->x0, &n);
	/* together when it fits a page, else line by line */
	lay_space(L, (float)n * st.lh < lay_body_height(L) / 2 ?
	    (float)n * st.lh : st.lh);
	for (i = 0; i < n; i++) {
		lay_space(L, st.lh);
		lt_draw_line(L, &st, L->x0, L->y - st.base, &lines[i]);
		L->y -= st.lh;
	}
	lay_gap(L, L->dd->styles[TS_TITLE].after);
}

/* flow_lines: draws wrapped lines at indent x, page by page: lines
 * [0, n) of a flow of `total` lines of which the first is line `at`
 * (a bullet list is one flow). A page break leaves two lines or more on
 * either side of it (lay_keep_lines); the first two go with a waiting
 * heading. `gap`: the space between the flow's items, which a kept pair
 * may span. */
static void
flow_lines(struct lay *L, const struct lstyle *st, const struct lline *lines,
    size_t n, float x, size_t at, size_t total, float gap)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t k = lay_keep_lines(at + i, total);

		lay_space(L, (float)k * st->lh + (k > 1 ? gap : 0));
		lt_draw_line(L, st, x, L->y - st->base, &lines[i]);
		L->y -= st->lh;
	}
}

/* paragraph: lay_paragraph, and with `whole` lay_note. */
static void
paragraph(struct lay *L, enum tmpl_style style, const char *text, int whole)
{
	struct lstyle st;
	size_t n;
	struct lline *lines;

	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	if (whole)
		L->section = NULL;      /* no heading's section goes on across it */
	lay_style(L, style, &st);
	lines = lt_lines(L, &st, text, L->x1 - L->x0, &n);
	/* a line or two in a heading's style leads into what follows: it
	 * is kept with it as a heading is */
	if (!whole && n <= 2 && (style == TS_TITLE || style == TS_HEADING ||
	    style == TS_SUBHEADING)) {
		lay_lead(L, style, text);
		return;
	}
	if (whole)
		lay_space(L, (float)n * st.lh);
	flow_lines(L, &st, lines, n, L->x0, 0, n, 0);
	lay_gap(L, L->dd->styles[style].after);
}

void
lay_paragraph(struct lay *L, enum tmpl_style style, const char *text)
{
	paragraph(L, style, text, 0);
}

void
lay_note(struct lay *L, enum tmpl_style style, const char *text)
{
	paragraph(L, style, text, 1);
}

void
lay_bullets(struct lay *L, enum tmpl_style style, const char *const *items,
    size_t n)
{
	static const char bullet[] = "\xe2\x80\xa2";    /* • */
	struct lstyle st;
	size_t i, nl, total = 0, at = 0;
	float indent, gap;

	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	lay_style(L, style, &st);
	indent = st.size * 1.3f;
	gap = st.size * 0.25f;
	/* the list is one flow of lines: a page break leaves two or more
	 * on either side (the texts' lines are remembered: cheap twice) */
	for (i = 0; i < n; i++) {
		lt_lines(L, &st, items[i], L->x1 - L->x0 - indent, &nl);
		total += nl;
	}
	for (i = 0; i < n; i++) {
		struct lline *lines = lt_lines(L, &st, items[i],
		    L->x1 - L->x0 - indent, &nl);
		size_t k = lay_keep_lines(at, total);
		float keep = (float)k * st.lh + (k > nl ? (float)(k - nl) *
		    gap : 0);

		/* on a page that lay_blocks shortened for the signatures,
		 * the last bullet goes to the next page whole */
		if (L->page == L->squeeze_page && (float)nl * st.lh <
		    lay_body_height(L) / 2 && (float)nl * st.lh > keep)
			keep = (float)nl * st.lh;
		/* room for what flow_lines keeps together, so that the
		 * bullet never stays behind on the previous page */
		lay_space(L, keep);
		lt_draw(L, &st, L->x0 + st.size * 0.2f, L->y - st.base, bullet,
		    3);
		flow_lines(L, &st, lines, nl, L->x0 + indent, at, total, gap);
		at += nl;
		lay_gap(L, gap);
	}
	lay_gap(L, L->dd->styles[style].after);
}

void
lay_spacer(struct lay *L, float height)
{
	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	if (height > L->y - L->bottom)
		height = L->y - L->bottom;
	L->y -= height;
}

void
lay_lines(struct lay *L, int count, float spacing)
{
	struct rgb c = lay_color(L, TC_LINES);
	int i;

	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	if (spacing <= 0)
		spacing = L->dd->styles[TS_BODY].size * 2.4f;
	/* together when they take less than half a page */
	if ((float)(count + 1) * spacing < lay_body_height(L) / 2)
		lay_space(L, (float)(count + 1) * spacing);
	for (i = 0; i < count; i++) {
		lay_space(L, i == 0 ? 2 * spacing : spacing);
		L->y -= spacing;
		lay_line(L, L->x0, L->y, L->x1, L->y, &c, 0.5f, 0);
	}
	lay_gap(L, L->dd->styles[TS_BODY].after);
}

void
lay_signatures(struct lay *L, const char *const *signers, size_t n)
{
	struct lstyle lab, sm;
	struct rgb c = lay_color(L, TC_TEXT);
	float w, row, gap = 24, cw;
	size_t i, per = n > 1 ? 2 : 1, rows = (n + per - 1) / per;

	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	/* Signatures close the document: a page break before them does not
	 * continue the section above (only their own title, if any). */
	L->section = NULL;
	lay_style(L, TS_LABEL, &lab);
	lay_style(L, TS_SMALL, &sm);
	w = L->x1 - L->x0;
	/* two signers side by side (employee and manager), each a line to
	 * sign on and a shorter one for the date */
	cw = per > 1 ? (w - gap) / 2 : w;
	row = lab.lh + 24 + sm.lh + 4;
	/* all signers together when they fit a page, else row by row */
	lay_space(L, row * (float)rows + 6 < lay_body_height(L) / 2 ?
	    row * (float)rows + 6 : row + 6);
	L->y -= 6;
	for (i = 0; i < n; i++) {
		float x0 = L->x0 + (float)(i % per) * (cw + gap), mid, line;

		if (i % per == 0)
			lay_space(L, row);
		mid = x0 + cw * 0.62f;
		lt_draw_max(L, &lab, signers[i], x0, L->y, cw, 1);
		line = L->y - lab.lh - 24;
		lay_line(L, x0, line, mid - 10, line, &c, 0.6f, 0);
		lay_line(L, mid, line, x0 + cw, line, &c, 0.6f, 0);
		lt_block(L, &sm, tmpl_word(L->t, TW_SIGNATURE), x0, line - 2,
		    mid - 10 - x0, TA_LEFT);
		lt_block(L, &sm, tmpl_word(L->t, TW_DATE), mid, line - 2,
		    x0 + cw - mid, TA_LEFT);
		if (i % per == per - 1 || i + 1 == n)
			L->y -= row;
	}
}

/* --- navigation --- */

void
lay_anchor(struct lay *L, const char *name)
{
	struct lanchor *a;

	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	XGROW(L->anchors, L->anchors_cap, L->nanchors + 1);
	/* under waiting headings: the anchor lands where they do */
	if (L->npend > 0 && L->pend_anchor == SIZE_MAX)
		L->pend_anchor = L->nanchors;
	a = &L->anchors[L->nanchors++];
	a->name = lay_copy(L, name);
	a->page = L->page;
	a->y = L->at_top ? L->dd->page.height : L->y;
}

void
lay_outline(struct lay *L, int level, const char *title)
{
	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	dl_add_outline(&L->doc, level, lay_copy(L, title), L->page,
	    L->at_top ? L->dd->page.height : L->y);
}

void
lay_contents(struct lay *L, const struct lay_entry *e, size_t n)
{
	struct lstyle st;
	size_t i, nl;

	if (L->page < 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	lay_style(L, TS_BODY, &st);
	for (i = 0; i < n; i++) {
		float indent = e[i].level > 0 ? st.size * 1.5f : 0;
		float numw = st.size * 3;
		struct lline *lines = lt_lines(L, &st, e[i].title,
		    L->x1 - L->x0 - indent - numw, &nl);
		struct lentry *en;

		/* an entry whole, and never the last one alone */
		lay_space(L, (float)nl * st.lh + (i + 2 == n && n >= 4 ?
		    st.lh + st.size * 0.3f : 0));
		flow_lines(L, &st, lines, nl, L->x0 + indent, 0, nl, 0);
		XGROW(L->entries, L->entries_cap, L->nentries + 1);
		en = &L->entries[L->nentries++];
		en->anchor = lay_copy(L, e[i].anchor);
		en->page = L->page;
		en->lx = L->x0;
		en->x0 = L->x0 + indent + lines[nl - 1].w + 4;
		en->x1 = L->x1;
		en->y = L->y + st.lh - st.base;
		en->st = st;
		lay_gap(L, st.size * 0.3f);
	}
	lay_gap(L, L->dd->styles[TS_BODY].after);
}

static const struct lanchor *
find_anchor(const struct lay *L, const char *name)
{
	size_t i;

	for (i = 0; i < L->nanchors; i++)
		if (strcmp(L->anchors[i].name, name) == 0)
			return &L->anchors[i];
	return NULL;
}

/* resolve_entries: page numbers, leaders and links of the contents. */
void
lay_resolve_entries(struct lay *L)
{
	struct rgb lc = lay_color(L, TC_LINES);
	size_t i;

	for (i = 0; i < L->nentries; i++) {
		const struct lentry *e = &L->entries[i];
		const struct lanchor *a = find_anchor(L, e->anchor);
		const char *num;
		float w;
		struct dl_item *it;

		if (a == NULL) {
			diag_warning(L->d, NULL, "contents entry \"%s\" points "
			    "at nothing; no page number printed", e->anchor);
			continue;
		}
		L->page = e->page;
		num = arena_printf(L->arena, "%d", a->page + 1);
		w = lt_width(L, &e->st, num, strlen(num));
		lt_draw(L, &e->st, e->x1 - w, e->y, num, strlen(num));
		if (e->x1 - w - 4 > e->x0 + 4)
			lay_line(L, e->x0, e->y, e->x1 - w - 4, e->y, &lc, 0.6f,
			    1);
		it = lay_item(L, DL_LINK);
		it->x = e->lx;
		it->y = e->y - e->st.size * 0.3f;
		it->w = e->x1 - e->lx;
		it->h = e->st.lh;
		it->ref = a->page;
	}
}

/* --- template blocks --- */

void
lay_block_title(struct lay *L, const struct tmpl_block *b)
{
	if (b->title != NULL && b->title[0] != '\0')
		lay_heading(L, 1, lay_expand(L, b->title), 1);
}

/* expand_list: the block's items with placeholders expanded. */
static const char **
expand_list(struct lay *L, const struct tmpl_block *b)
{
	const char **v = arena_alloc(L->arena, (b->nitems + 1) * sizeof *v);
	size_t i;

	for (i = 0; i < b->nitems; i++)
		v[i] = lay_expand(L, b->items[i]);
	return v;
}

int
lay_static_block(struct lay *L, const struct tmpl_block *b)
{
	if (b->data != NULL)
		return 0;
	switch (b->type) {
	case TB_TITLE:
		lay_title(L, lay_expand(L, b->text));
		return 1;
	case TB_HEADING:
		lay_heading(L, b->level, lay_expand(L, b->text), b->bookmark);
		return 1;
	case TB_PARAGRAPH:
		lay_block_title(L, b);
		lay_paragraph(L, b->style, lay_expand(L, b->text));
		return 1;
	case TB_BULLETS:
		lay_block_title(L, b);
		lay_bullets(L, b->style, expand_list(L, b), b->nitems);
		return 1;
	case TB_SIGNATURE_LINES:
		lay_block_title(L, b);
		lay_signatures(L, expand_list(L, b), b->nitems);
		return 1;
	case TB_LINES:
		lay_block_title(L, b);
		lay_lines(L, b->count, b->height);
		return 1;
	case TB_PAGE_BREAK:
		lay_page_break(L);
		return 1;
	case TB_SPACER:
		lay_spacer(L, b->height);
		return 1;
	default:
		return 0;
	}
}

/* one_block: block b, laid out by the engine or through fn. */
static void
one_block(struct lay *L, const struct tmpl_block *b, lay_block_fn fn,
    void *arg)
{
	if (!lay_static_block(L, b))
		fn(arg, b);
}

/* The last block that placed something: where it began (a mark), its
 * index, and the lowest point it asked room down to on its last page. */
struct lastblock {
	struct lmark m;
	size_t i;
	int page;               /* -1: none yet */
	float low;
};

/* sig_alone: whether the signature block laid out since m went to a new
 * page without placing anything on m's page, below what `last` placed
 * there. */
static int
sig_alone(const struct lay *L, const struct tmpl_block *b,
    const struct lmark *m, const struct lastblock *last)
{
	return b->type == TB_SIGNATURE_LINES && b->data == NULL &&
	    m->page >= 0 && last->page == m->page && last->low < FLT_MAX &&
	    L->page > m->page && L->doc.pages[m->page].n == m->nitems;
}

/* Signatures never stand alone on a page. When a signature block does
 * not fit below the block before it (the last that placed something),
 * the flow goes back to that block and lays it out again on a page that
 * ends just above the lowest point it reached there: its last unit (a
 * table row, a line, a bullet, or the whole block when it is kept
 * together) moves to the next page, and the signatures follow it. A
 * document whose signatures fit is laid out once, as before. */
void
lay_blocks(struct lay *L, const struct tmpl_block *blocks, size_t n,
    lay_block_fn fn, void *arg)
{
	struct lastblock last;
	struct lmark m;
	size_t i, j;

	last.page = -1;
	last.low = FLT_MAX;
	for (i = 0; i < n; i++) {
		lay_mark(L, &m);
		one_block(L, &blocks[i], fn, arg);
		if (sig_alone(L, &blocks[i], &m, &last) &&
		    lay_rollback(L, &last.m, last.page, last.low + 0.5f)) {
			for (j = last.i; j < i; j++)
				one_block(L, &blocks[j], fn, arg);
			lay_mark(L, &m);
			one_block(L, &blocks[i], fn, arg);
			lay_unsqueeze(L);
		}
		if (L->page != m.page || (L->page >= 0 &&
		    L->doc.pages[L->page].n != m.nitems)) {
			last.m = m;
			last.i = i;
			last.page = L->page;
			last.low = L->low;
		}
	}
}
