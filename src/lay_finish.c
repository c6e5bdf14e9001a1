/* lay_finish.c: the end of a file's layout: the placeholders of texts
 * ({name}, {page}, {pages}...), the headers and footers drawn on every
 * page once the page count is known, lay_finish, and freeing a finished
 * file's pages as the device is done with them. */
#include <stdlib.h>
#include <string.h>

#include "lay_int.h"

/* --- placeholders --- */

static const char *
var_value(const struct lpart *p, int v, int page, int pages, char *tmp,
    size_t size)
{
	if (v == TV_PAGE || v == TV_PAGES) {
		if (page < 0)
			return "";
		snprintf(tmp, size, "%d", v == TV_PAGE ? page : pages);
		return tmp;
	}
	return p != NULL && p->vars[v] != NULL ? p->vars[v] : "";
}

/* expand: text with placeholders of part p; page < 0: {page} empty.
 * `depth` 0 lets {words.X} expand their own placeholders once. */
static void
expand(const struct lay *L, const struct lpart *p, const char *s, int page,
    int pages, int depth, struct buf *out)
{
	char tmp[32];

	while (*s != '\0') {
		const char *end;
		int v;

		if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
			buf_putc(out, s[0]);
			s += 2;
			continue;
		}
		end = s[0] == '{' ? strchr(s, '}') : NULL;
		if (end == NULL) {
			buf_putc(out, *s++);
			continue;
		}
		v = tmpl_var_find(s + 1, (size_t)(end - s - 1));
		if (v >= 0)
			buf_puts(out, var_value(p, v, page, pages, tmp,
			    sizeof tmp));
		else if (end - s > 7 && strncmp(s + 1, "words.", 6) == 0) {
			int w = tmpl_word_find(s + 7, (size_t)(end - s - 7));

			if (w >= 0 && depth == 0)
				expand(L, p, tmpl_word(L->t, (enum tmpl_word)w),
				    page, pages, 1, out);
		}
		s = end + 1;
	}
}

static const char *
expand_to_arena(struct lay *L, const struct lpart *p, const char *s,
    int page, int pages)
{
	struct buf b;
	const char *r;

	if (s == NULL)
		return "";
	buf_init(&b);
	expand(L, p, s, page, pages, 0, &b);
	r = arena_strndup(L->arena, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return r;
}

const char *
lay_expand(struct lay *L, const char *text)
{
	return expand_to_arena(L, L->nparts > 0 ? &L->parts[L->nparts - 1] :
	    NULL, text, -1, 0);
}

void
lay_var(struct lay *L, enum tmpl_var v, const char *value)
{
	if (L->nparts == 0)
		lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	L->parts[L->nparts - 1].vars[v] = lay_copy(L, value);
}

/* --- headers and footers --- */

static void
band_slots(struct lay *L, const struct tmpl_band *b, const struct lpart *p,
    int page, int pages, float x0, float x1, float base,
    const struct lstyle *st)
{
	const char *t[3];
	float w[3], avail = x1 - x0;
	size_t len[3];
	int i;

	for (i = 0; i < 3; i++) {
		const char *src = i == 0 ? b->left : i == 1 ? b->center :
		    b->right, *nl;

		t[i] = lt_clean(L, expand_to_arena(L, p, src, page, pages),
		    &len[i]);
		/* a slot is one line: its first */
		nl = memchr(t[i], '\n', len[i]);
		if (nl != NULL)
			len[i] = (size_t)(nl - t[i]);
		w[i] = lt_width(L, st, t[i], len[i]);
	}
	/* The right slot (page numbers) first, the centre, then the left;
	 * a slot cut to fit is measured again. */
	if (w[2] > avail / 2) {
		t[2] = lt_fit(L, st, t[2], len[2], avail / 2, &len[2]);
		w[2] = lt_width(L, st, t[2], len[2]);
	}
	if (len[1] > 0) {
		float cw = avail - 2 * (w[2] + 8);

		if (w[1] > cw / 2) {
			t[1] = lt_fit(L, st, t[1], len[1], cw / 2, &len[1]);
			w[1] = lt_width(L, st, t[1], len[1]);
		}
		lt_draw(L, st, x0 + (avail - w[1]) / 2, base, t[1], len[1]);
		avail = (avail - w[1]) / 2 - 8;
	} else
		avail = avail - w[2] - 12;
	if (w[0] > avail)
		t[0] = lt_fit(L, st, t[0], len[0], avail, &len[0]);
	lt_draw(L, st, x0, base, t[0], len[0]);
	lt_draw(L, st, x1 - w[2], base, t[2], len[2]);
}

static void
draw_bands(struct lay *L, const struct lpart *p, int page, int pages)
{
	const struct tmpl_docdef *dd = tmpl_doc(L->t, p->doc);
	const struct tmpl_page *pg = &dd->page;
	struct lstyle hs, fs;
	struct rgb lc = lay_color(L, TC_LINES);
	float x0 = pg->left, x1 = pg->width - pg->right;
	float rule = pg->height - pg->top + 10, lx = x0;

	lay_set_doc(L, p->doc);
	L->page = page - 1;
	lay_style(L, TS_HEADER, &hs);
	lay_style(L, TS_FOOTER, &fs);
	if (dd->header.logo && L->t->logo != NULL) {
		float h = L->t->logo_height, w = L->t->logo_width;
		float room = pg->top - 14;
		struct dl_item *it;

		if (h > room) {
			w *= room / h;
			h = room;
		}
		it = lay_item(L, DL_IMAGE);
		it->x = x0;
		it->y = rule + 4;
		it->w = w;
		it->h = h;
		it->ref = dl_add_image(&L->doc, L->t->logo);
		lx = x0 + w + 8;
	}
	band_slots(L, &dd->header, p, page, pages, lx, x1, rule + 4 +
	    hs.lh - hs.base, &hs);
	if (dd->header.rule)
		lay_line(L, x0, rule, x1, rule, &lc, 0.5f, 0);
	rule = pg->bottom - 10;
	if (dd->footer.rule)
		lay_line(L, x0, rule, x1, rule, &lc, 0.5f, 0);
	band_slots(L, &dd->footer, p, page, pages, x0, x1, rule - fs.base -
	    2, &fs);
}

const struct dl_doc *
lay_finish(struct lay *L)
{
	size_t i, pg;
	int pages;

	if (L->finished)
		return &L->doc;
	if (L->npend > 0)
		lay_flush_heading(L);
	lay_close_page(L);
	free(L->spare);
	L->spare = NULL;
	L->spare_cap = 0;
	pages = (int)L->doc.npages;
	for (i = 0; i < L->nparts; i++) {
		size_t end = i + 1 < L->nparts ? L->parts[i + 1].first_page :
		    L->doc.npages;

		for (pg = L->parts[i].first_page; pg < end; pg++)
			draw_bands(L, &L->parts[i], (int)pg + 1, pages);
	}
	lay_resolve_entries(L);
	for (i = 0; L->rtl && i < L->doc.npages; i++)
		dl_mirror(&L->doc.pages[i]);
	L->finished = 1;
	return &L->doc;
}

void
lay_release_page(struct lay *L, size_t page)
{
	if (L->finished && page < L->doc.npages)
		dl_page_clear(&L->doc.pages[page]);
}

void
lay_release_all(struct lay *L)
{
	size_t i;

	if (!L->finished)
		return;
	for (i = 0; i < L->doc.npages; i++)
		lay_release_page(L, i);
	arena_free(L->arena);
	L->arena = arena_new();
	L->doc.arena = L->arena;
}
