/* test_dl.c: display-list builders and dl_append (packets): defaults of
 * new items, copies into the destination's arena, page, link, image,
 * bookmark and label numbering moved along; packed pages read back byte
 * for byte. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dev.h"

static void
test_builders(void)
{
	struct arena *a = arena_new();
	struct dl_doc doc;
	struct dl_page *pg;
	struct dl_item *it;
	char title[] = "Zo\xc3\xab";

	dl_init(&doc, a);
	pg = dl_add_page(&doc, 595, 842);
	it = dl_add_item(pg, DL_RECT);
	CHECK_NUM(it->alpha, 1);
	CHECK_NUM(it->line_width, 1);
	CHECK_INT(it->kind, DL_RECT);
	CHECK_INT(it->fill_on, 0);
	CHECK_INT(dl_add_image(&doc, "a.png"), 0);
	CHECK_INT(dl_add_image(&doc, "b.jpg"), 1);
	CHECK_INT(dl_add_image(&doc, "a.png"), 0);
	dl_add_outline(&doc, 0, title, 0, 800);
	title[0] = 'X';                         /* the list keeps its copy */
	CHECK_STR(doc.outlines[0].title, "Zo\xc3\xab");
	dl_release(&doc);
	CHECK_INT(doc.npages, 0);
	arena_free(a);
}

static void
test_append(void)
{
	struct arena *da = arena_new(), *sa = arena_new();
	struct dl_doc dst, src;
	struct dl_item *it;
	static const float pts[] = { 1, 2, 3, 4 };

	dl_init(&dst, da);
	dl_init(&src, sa);
	dl_add_page(&dst, 595, 842);
	dl_add_image(&dst, "logo.png");
	dl_add_outline(&dst, 0, "Cover", 0, 842);
	dl_add_label(&dst, 0, DL_LABEL_ROMAN_LOWER, NULL, 1);
	dl_add_page(&src, 595, 842);
	it = dl_add_item(&src.pages[0], DL_TEXT);
	it->text = arena_strdup(sa, "Scorecard");
	it->len = 9;
	it = dl_add_item(&src.pages[0], DL_POLY);
	it->pts = arena_alloc(sa, sizeof(pts));
	memcpy((float *)it->pts, pts, sizeof(pts));
	it->npts = 2;
	it = dl_add_item(&src.pages[0], DL_IMAGE);
	it->ref = dl_add_image(&src, "chart.png");
	it = dl_add_item(&src.pages[0], DL_LINK);
	it->ref = 1;
	dl_add_page(&src, 595, 842);
	dl_add_outline(&src, 0, "Scorecard", 0, 800);
	dl_add_outline(&src, 1, "Details", 1, 700);
	dl_add_label(&src, 0, DL_LABEL_DECIMAL, "S-", 1);
	dl_append(&dst, &src, 1);
	dl_release(&src);
	arena_free(sa);                 /* dst must not point into it */
	CHECK_INT(dst.npages, 3);
	CHECK_INT(dst.pages[1].n, 4);
	CHECK(dst.pages[1].items[0].len == 9 &&
	    memcmp(dst.pages[1].items[0].text, "Scorecard", 9) == 0);
	CHECK_NUM(dst.pages[1].items[1].pts[3], 4);
	CHECK_INT(dst.nimages, 2);
	CHECK_INT(dst.pages[1].items[2].ref, 1);
	CHECK_STR(dst.images[1], "chart.png");
	CHECK_INT(dst.pages[1].items[3].ref, 2);        /* page 1 -> 2 */
	CHECK_INT(dst.noutlines, 3);
	CHECK_INT(dst.outlines[1].level, 1);
	CHECK_INT(dst.outlines[1].page, 1);
	CHECK_INT(dst.outlines[2].level, 2);
	CHECK_INT(dst.outlines[2].page, 2);
	CHECK_STR(dst.outlines[2].title, "Details");
	CHECK_INT(dst.nlabels, 2);
	CHECK_INT(dst.labels[1].page, 1);
	CHECK_STR(dst.labels[1].prefix, "S-");
	dl_release(&dst);
	arena_free(da);
}

/* test_pack: a packed page gives back every item byte for byte, in
 * order, with the items added after packing behind them; an empty page
 * stays unpacked. */
static void
test_pack(void)
{
	struct arena *a = arena_new();
	struct dl_doc doc;
	struct dl_page *pg, copy;
	struct dl_item *it, *scratch = NULL, *orig;
	const struct dl_item *got;
	static const float pts[] = { 1, 2, 3, 4 };
	size_t i, n, cap = 0, norig;
	unsigned char *tmp = NULL;
	size_t tmp_cap = 0;

	dl_init(&doc, a);
	pg = dl_add_page(&doc, 595, 842);
	for (i = 0; i < 300; i++) {
		it = dl_add_item(pg, (enum dl_kind)(i % (DL_LINK + 1)));
		it->x = (float)i * 1.37f;
		it->y = 800 - (float)(i / 7);
		it->w = i % 3 ? 12.5f : 99.75f;
		it->fill.r = (float)(i % 5) / 4;
		it->fill_on = (unsigned char)(i & 1);
		it->size = 9.5f;
		it->face = (int)(i % 4);
		if (it->kind == DL_TEXT) {
			it->text = "Zo\xc3\xab";
			it->len = 4;
		} else if (it->kind == DL_POLY) {
			it->pts = pts;
			it->npts = 2;
		} else
			it->ref = (int)i - 150;
	}
	norig = pg->n;
	orig = xmalloc(norig * sizeof *orig);
	memcpy(orig, pg->items, norig * sizeof *orig);
	dl_pack_page(pg, &tmp, &tmp_cap);
	CHECK(pg->items == NULL && pg->packed != NULL);
	CHECK_INT(pg->npacked, 300);
	CHECK(pg->packed_len < norig * sizeof *orig / 2);
	it = dl_add_item(pg, DL_LINE);          /* a footer's rule, say */
	it->w = 400;
	got = dl_page_items(pg, &scratch, &cap, &n);
	CHECK_INT(n, 301);
	CHECK(memcmp(got, orig, norig * sizeof *orig) == 0);
	CHECK(got[300].kind == DL_LINE && got[300].w == 400);
	memset(&copy, 0, sizeof copy);
	dl_pack_page(&copy, &tmp, &tmp_cap);    /* nothing to pack */
	CHECK(copy.packed == NULL);
	CHECK(dl_page_items(&copy, &scratch, &cap, &n) == NULL && n == 0);
	free(scratch);
	free(orig);
	free(tmp);
	dl_release(&doc);
	arena_free(a);
}

int
main(void)
{
	RUN(test_builders);
	RUN(test_append);
	RUN(test_pack);
	return CHECK_EXIT();
}
