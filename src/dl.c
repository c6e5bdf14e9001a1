/* dl.c: building display lists (pages of placed items, outlines, page
 * labels, images) and appending one document to another for packets. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dev.h"

/* luminance: the relative luminance of c (WCAG 2: sRGB linearised). */
static float
luminance(struct rgb c)
{
	const float v[3] = { c.r, c.g, c.b };
	float lin[3];
	int i;

	for (i = 0; i < 3; i++)
		lin[i] = v[i] <= 0.04045f ? v[i] / 12.92f :
		    powf((v[i] + 0.055f) / 1.055f, 2.4f);
	return 0.2126f * lin[0] + 0.7152f * lin[1] + 0.0722f * lin[2];
}

/* contrast: the WCAG contrast ratio of two luminances. */
static float
contrast(float a, float b)
{
	return a > b ? (a + 0.05f) / (b + 0.05f) : (b + 0.05f) / (a + 0.05f);
}

struct rgb
rgb_readable(struct rgb text, struct rgb bg)
{
	static const struct rgb white = { 1, 1, 1 };
	float l = luminance(bg);

	/* a chip's word at 4.5:1 or more wherever the palette allows it */
	return contrast(l, luminance(text)) > contrast(l, 1.0f) ? text : white;
}

void
dl_init(struct dl_doc *doc, struct arena *arena)
{
	memset(doc, 0, sizeof(*doc));
	doc->arena = arena;
}

void
dl_page_clear(struct dl_page *pg)
{
	free(pg->items);
	free(pg->packed);
	pg->items = NULL;
	pg->packed = NULL;
	pg->n = pg->cap = pg->npacked = pg->packed_len = 0;
}

void
dl_release(struct dl_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->npages; i++)
		dl_page_clear(&doc->pages[i]);
	free(doc->pages);
	free(doc->outlines);
	free(doc->labels);
	free(doc->images);
	doc->pages = NULL;
	doc->outlines = NULL;
	doc->labels = NULL;
	doc->images = NULL;
	doc->npages = doc->pages_cap = 0;
	doc->noutlines = doc->outlines_cap = 0;
	doc->nlabels = doc->labels_cap = 0;
	doc->nimages = doc->images_cap = 0;
}

struct dl_page *
dl_add_page(struct dl_doc *doc, float width, float height)
{
	struct dl_page *pg;

	XGROW(doc->pages, doc->pages_cap, doc->npages + 1);
	pg = &doc->pages[doc->npages++];
	memset(pg, 0, sizeof(*pg));
	pg->width = width;
	pg->height = height;
	return pg;
}

struct dl_item *
dl_add_item(struct dl_page *pg, enum dl_kind kind)
{
	struct dl_item *it;

	XGROW(pg->items, pg->cap, pg->n + 1);
	it = &pg->items[pg->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->alpha = 1;
	it->line_width = 1;
	return it;
}

/* mirror_line: the text items [a, b) of one line, moved as one. */
static void
mirror_line(struct dl_item *items, size_t a, size_t b, float width)
{
	float lo = items[a].x, hi = items[b - 1].x + items[b - 1].w;
	float dx = width - hi - lo;
	size_t i;

	for (i = a; i < b; i++)
		items[i].x += dx;
}

void
dl_mirror(struct dl_page *pg)
{
	size_t i = 0, j;
	int k;

	while (i < pg->n) {
		struct dl_item *it = &pg->items[i];

		switch (it->kind) {
		case DL_TEXT:
			for (j = i + 1; j < pg->n && pg->items[j].kind ==
			    DL_TEXT && pg->items[j].cont; j++)
				;
			mirror_line(pg->items, i, j, pg->width);
			i = j;
			continue;
		case DL_LINE:
			it->x = pg->width - it->x;
			it->w = -it->w;
			break;
		case DL_CIRCLE:
			it->x = pg->width - it->x;
			break;
		case DL_POLY:
			/* the points are the layout's, in its arena */
			for (k = 0; k < it->npts; k++)
				((float *)it->pts)[2 * k] = pg->width -
				    it->pts[2 * k];
			break;
		default:
			it->x = pg->width - it->x - it->w;
			break;
		}
		i++;
	}
}

void
dl_add_outline(struct dl_doc *doc, int level, const char *title, int page,
    float y)
{
	struct dl_outline *o;

	XGROW(doc->outlines, doc->outlines_cap, doc->noutlines + 1);
	o = &doc->outlines[doc->noutlines++];
	o->level = level;
	o->title = arena_strdup(doc->arena, title);
	o->page = page;
	o->y = y;
}

void
dl_add_label(struct dl_doc *doc, int page, enum dl_label_style style,
    const char *prefix, int first)
{
	struct dl_label *l;

	XGROW(doc->labels, doc->labels_cap, doc->nlabels + 1);
	l = &doc->labels[doc->nlabels++];
	l->page = page;
	l->style = style;
	l->prefix = prefix != NULL ? arena_strdup(doc->arena, prefix) : NULL;
	l->first = first;
}

int
dl_add_image(struct dl_doc *doc, const char *path)
{
	size_t i;

	for (i = 0; i < doc->nimages; i++)
		if (strcmp(doc->images[i], path) == 0)
			return (int)i;
	XGROW(doc->images, doc->images_cap, doc->nimages + 1);
	doc->images[doc->nimages] = arena_strdup(doc->arena, path);
	return (int)doc->nimages++;
}

/* copy_item: it with its text and points copied into dst's arena and its
 * image or page reference moved to dst's numbering. */
static void
copy_item(struct dl_doc *dst, const struct dl_doc *src, struct dl_item *it,
    size_t page0)
{
	if (it->kind == DL_TEXT && it->text != NULL)
		it->text = arena_strndup(dst->arena, it->text, it->len);
	if (it->kind == DL_POLY && it->pts != NULL && it->npts > 0) {
		size_t n = (size_t)it->npts * 2 * sizeof(float);
		float *p = arena_alloc(dst->arena, n);

		memcpy(p, it->pts, n);
		it->pts = p;
	}
	if (it->kind == DL_IMAGE && it->ref >= 0 &&
	    (size_t)it->ref < src->nimages)
		it->ref = dl_add_image(dst, src->images[it->ref]);
	else if (it->kind == DL_LINK)
		it->ref += (int)page0;
}

void
dl_append(struct dl_doc *dst, const struct dl_doc *src, int nest)
{
	size_t page0 = dst->npages, i, j, cap = 0, n;
	struct dl_item *scratch = NULL;

	for (i = 0; i < src->nimages; i++)
		dl_add_image(dst, src->images[i]);
	for (i = 0; i < src->npages; i++) {
		const struct dl_page *sp = &src->pages[i];
		struct dl_page *dp = dl_add_page(dst, sp->width, sp->height);
		const struct dl_item *items = dl_page_items(sp, &scratch, &cap,
		    &n);

		if (n == 0)
			continue;
		dp->items = xreallocarray(NULL, n, sizeof(*dp->items));
		dp->n = dp->cap = n;
		memcpy(dp->items, items, n * sizeof(*dp->items));
		for (j = 0; j < dp->n; j++)
			copy_item(dst, src, &dp->items[j], page0);
	}
	free(scratch);
	for (i = 0; i < src->noutlines; i++) {
		const struct dl_outline *o = &src->outlines[i];

		dl_add_outline(dst, o->level + (nest ? 1 : 0), o->title,
		    o->page + (int)page0, o->y);
	}
	for (i = 0; i < src->nlabels; i++) {
		const struct dl_label *l = &src->labels[i];

		dl_add_label(dst, l->page + (int)page0, l->style, l->prefix,
		    l->first);
	}
}

/* --- packed pages: an item is DL_WORDS words of 4 bytes, its kind the
 * first. A packed item is its kind (a byte), a mask of the other words
 * that differ from the last item of the same kind (3 bytes; a heatmap
 * alternates cells and their figures, a page's text runs share their
 * face, size and colour), then each of those words XORed with that
 * item's, as a base-128 varint (a text pointer into the arena, a
 * length or a page number shrinks to a byte or two). The first item of
 * a kind is compared with one of zero bytes but its kind. --- */

#define DL_WORDS (sizeof(struct dl_item) / 4)
#define DL_KINDS (DL_LINK + 1)

/* The mask must hold a bit per word but the kind, and the words cover
 * the item, the kind first. */
_Static_assert(sizeof(struct dl_item) % 4 == 0 && DL_WORDS - 1 <= 24 &&
    offsetof(struct dl_item, kind) == 0 && sizeof(enum dl_kind) == 4,
    "struct dl_item no longer packs in 4-byte words");

static uint32_t
word_at(const unsigned char *item, size_t w)
{
	uint32_t v;

	memcpy(&v, item + 4 * w, 4);
	return v;
}

/* prev_init: the item each kind's first is compared with: zero bytes but
 * its kind. */
static void
prev_init(unsigned char prev[DL_KINDS][sizeof(struct dl_item)])
{
	size_t k;

	memset(prev, 0, DL_KINDS * sizeof(struct dl_item));
	for (k = 0; k < DL_KINDS; k++) {
		enum dl_kind kind = (enum dl_kind)k;

		memcpy(prev[k], &kind, sizeof kind);
	}
}

void
dl_pack_page(struct dl_page *pg, unsigned char **scratch, size_t *cap)
{
	unsigned char prev[DL_KINDS][sizeof(struct dl_item)], *p;
	size_t i, w, k, len = 0;

	if (pg->n == 0 || pg->packed != NULL)
		return;
	/* worst case: every word of every item, 5 bytes each; packed in
	 * scratch, then copied to a block of its size (a block shrunk in
	 * place would leave a hole after each page) */
	XGROW(*scratch, *cap, pg->n * (4 + 5 * DL_WORDS));
	p = *scratch;
	prev_init(prev);
	for (i = 0; i < pg->n; i++) {
		const unsigned char *cur = (const unsigned char *)&pg->items[i];
		unsigned char *ref;
		unsigned long mask = 0;
		size_t at;

		k = (size_t)pg->items[i].kind;
		ref = prev[k];
		p[len++] = (unsigned char)k;
		at = len;
		len += 3;
		for (w = 1; w < DL_WORDS; w++) {
			uint32_t x = word_at(cur, w) ^ word_at(ref, w);

			if (x == 0)
				continue;
			mask |= 1UL << (w - 1);
			for (; x >= 0x80; x >>= 7)
				p[len++] = (unsigned char)(x | 0x80);
			p[len++] = (unsigned char)x;
		}
		p[at] = (unsigned char)mask;
		p[at + 1] = (unsigned char)(mask >> 8);
		p[at + 2] = (unsigned char)(mask >> 16);
		memcpy(ref, cur, sizeof prev[k]);
	}
	pg->packed = xmalloc(len);
	memcpy(pg->packed, p, len);
	pg->packed_len = len;
	pg->npacked = pg->n;
	free(pg->items);
	pg->items = NULL;
	pg->n = pg->cap = 0;
}

const struct dl_item *
dl_page_items(const struct dl_page *pg, struct dl_item **scratch,
    size_t *cap, size_t *n)
{
	unsigned char prev[DL_KINDS][sizeof(struct dl_item)];
	const unsigned char *p = pg->packed;
	size_t i, w, k, need = pg->npacked + pg->n;

	if (pg->packed == NULL) {
		*n = pg->n;
		return pg->items;
	}
	XGROW(*scratch, *cap, need);
	prev_init(prev);
	for (i = 0; i < pg->npacked; i++) {
		unsigned long mask;
		unsigned char *ref;

		k = *p++;
		ref = prev[k < DL_KINDS ? k : 0];
		mask = (unsigned long)p[0] | (unsigned long)p[1] << 8 |
		    (unsigned long)p[2] << 16;
		p += 3;
		for (w = 1; w < DL_WORDS; w++) {
			uint32_t x = 0, v;
			int sh = 0;

			if (!(mask & 1UL << (w - 1)))
				continue;
			do {
				x |= (uint32_t)(*p & 0x7F) << sh;
				sh += 7;
			} while (*p++ & 0x80);
			v = word_at(ref, w) ^ x;
			memcpy(ref + 4 * w, &v, 4);
		}
		memcpy(&(*scratch)[i], ref, sizeof prev[0]);
	}
	if (pg->n > 0)
		memcpy(*scratch + pg->npacked, pg->items,
		    pg->n * sizeof(*pg->items));
	*n = need;
	return *scratch;
}
