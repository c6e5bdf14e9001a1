/* dev_text.c: the text device: a display list printed one item a line
 * (coordinates to 0.01 pt, face, size, colour, text), deterministic, so
 * that layout can be golden-tested without PDF bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev.h"
#include "fonts.h"

/* num: x to 2 decimals, never "-0.00". */
static void
num(struct buf *b, double x)
{
	if (fabs(x) < 0.005)
		x = 0;
	buf_printf(b, " %.2f", x);
}

static void
color(struct buf *b, const char *what, const struct rgb *c)
{
	buf_printf(b, " %s #%02x%02x%02x", what, (unsigned)lround(c->r * 255),
	    (unsigned)lround(c->g * 255), (unsigned)lround(c->b * 255));
}

/* quoted: s in double quotes, with \ and " escaped. */
static void
quoted(struct buf *b, const char *s, size_t len)
{
	size_t i;

	buf_putc(b, ' ');
	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_putc(b, '\\');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '"');
}

static void
paint(struct buf *b, const struct dl_item *it)
{
	if (it->fill_on)
		color(b, "fill", &it->fill);
	if (it->fill_on && it->alpha < 1)
		buf_printf(b, " alpha %.2f", it->alpha);
	if (it->stroke_on) {
		color(b, "stroke", &it->stroke);
		num(b, it->line_width);
		if (it->dash)
			buf_printf(b, " dash %d", it->dash);
	}
}

static void
item(struct buf *b, const struct dl_doc *doc, const struct dl_item *it)
{
	static const char *const kinds[] = {
		"text", "line", "rect", "poly", "circle", "image", "link"
	};
	int i;

	buf_printf(b, "  %s", kinds[it->kind]);
	switch (it->kind) {
	case DL_TEXT:
		num(b, it->x);
		num(b, it->y);
		buf_printf(b, " f%d", it->face);
		num(b, it->size);
		num(b, it->w);
		color(b, "fill", &it->fill);
		quoted(b, it->text, it->len);
		if (it->dir != FONT_DIR_AUTO)
			buf_printf(b, " %s", it->dir == FONT_DIR_RTL ? "rtl" :
			    "ltr");
		break;
	case DL_POLY:
		buf_printf(b, " %d%s", it->npts, it->closed ? " closed" : "");
		for (i = 0; i < 2 * it->npts; i++)
			num(b, it->pts[i]);
		paint(b, it);
		break;
	case DL_CIRCLE:
		num(b, it->x);
		num(b, it->y);
		num(b, it->w);
		paint(b, it);
		break;
	case DL_IMAGE:
		num(b, it->x);
		num(b, it->y);
		num(b, it->w);
		num(b, it->h);
		if (it->ref >= 0 && (size_t)it->ref < doc->nimages) {
			const char *p = doc->images[it->ref];
			const char *slash = strrchr(p, '/');

			buf_printf(b, " %s", slash != NULL ? slash + 1 : p);
		}
		break;
	case DL_LINK:
		num(b, it->x);
		num(b, it->y);
		num(b, it->w);
		num(b, it->h);
		buf_printf(b, " -> page %d", it->ref + 1);
		break;
	default:                /* line, rect */
		num(b, it->x);
		num(b, it->y);
		num(b, it->w);
		num(b, it->h);
		paint(b, it);
		break;
	}
	buf_putc(b, '\n');
}

void
textdev_render(const struct dl_doc *doc, const struct fontset *fs,
    struct buf *out)
{
	static const char *const styles[] = {
		"decimal", "roman", "ROMAN", "none"
	};
	struct dl_item *scratch = NULL;
	size_t p, i, n, cap = 0;

	(void)fs;
	if (doc->info.title != NULL)
		buf_printf(out, "title \"%s\"\n", doc->info.title);
	for (p = 0; p < doc->npages; p++) {
		const struct dl_page *pg = &doc->pages[p];
		const struct dl_item *items;

		buf_printf(out, "page %zu", p + 1);
		num(out, pg->width);
		num(out, pg->height);
		buf_putc(out, '\n');
		items = dl_page_items(pg, &scratch, &cap, &n);
		for (i = 0; i < n; i++)
			item(out, doc, &items[i]);
	}
	free(scratch);
	for (i = 0; i < doc->noutlines; i++) {
		const struct dl_outline *o = &doc->outlines[i];

		buf_printf(out, "outline %d page %d", o->level, o->page + 1);
		num(out, o->y);
		quoted(out, o->title, strlen(o->title));
		buf_putc(out, '\n');
	}
	for (i = 0; i < doc->nlabels; i++) {
		const struct dl_label *l = &doc->labels[i];

		buf_printf(out, "label page %d %s first %d", l->page + 1,
		    styles[l->style], l->first);
		quoted(out, l->prefix != NULL ? l->prefix : "",
		    l->prefix != NULL ? strlen(l->prefix) : 0);
		buf_putc(out, '\n');
	}
}
