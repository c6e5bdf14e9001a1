/* pdfops.c: writes page content-stream operators (text, paths, images)
 * for dev_pdf.c, tracking colours, line width, dash, font and text
 * position so that repeats are left out. */
#include <math.h>
#include <string.h>

#include "pdfops.h"

/* Bézier control distance for a quarter circle of radius 1. */
#define KAPPA 0.5522847498

/* room: makes space for n more bytes and returns where they go; the
 * caller advances b->len. */
static char *
room(struct buf *b, size_t n)
{
	if (b->cap - b->len < n + 1)
		XGROW(b->p, b->cap, b->len + n + 1);
	return b->p + b->len;
}

static void
put(struct buf *b, const char *s, size_t n)
{
	memcpy(room(b, n), s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

#define PUTS(b, lit) put((b), (lit), sizeof(lit) - 1)

/* scaled: v * 10^decimals rounded half away from zero; 0 for values
 * that are not finite or absurdly large. */
static long long
scaled(double v, int decimals)
{
	static const double scale[] = { 1, 10, 100, 1000, 10000 };

	if (!isfinite(v) || fabs(v) > 1e12)
		return 0;
	v *= scale[decimals];
	return (long long)(v < 0 ? v - 0.5 : v + 0.5);
}

/* put_fixed: n / 10^decimals without trailing zeros, then `end` (a
 * space or nothing). */
static void
put_fixed(struct buf *b, long long n, int decimals, int end)
{
	char tmp[32], *q = tmp + sizeof(tmp);
	int neg = n < 0, digits = 0;

	if (neg)
		n = -n;
	while (decimals > 0 && n % 10 == 0) {
		n /= 10;
		decimals--;
	}
	if (end)
		*--q = (char)end;
	do {
		*--q = (char)('0' + n % 10);
		n /= 10;
		if (++digits == decimals)
			*--q = '.';
	} while (n > 0 || digits <= decimals);
	if (neg)
		*--q = '-';
	put(b, q, (size_t)(tmp + sizeof(tmp) - q));
}

void
ops_num(struct buf *b, double v, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 4)
		decimals = 4;
	put_fixed(b, scaled(v, decimals), decimals, 0);
}

/* sp: one number with 2 decimals, then a space. */
static void
sp(struct buf *b, double v)
{
	put_fixed(b, scaled(v, 2), 2, ' ');
}

static int
same_rgb(const struct rgb *a, const struct rgb *b)
{
	return a->r == b->r && a->g == b->g && a->b == b->b;
}

static double
unit(float v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static void
put_rgb(struct buf *b, const struct rgb *c, const char *op)
{
	put_fixed(b, scaled(unit(c->r), 3), 3, ' ');
	put_fixed(b, scaled(unit(c->g), 3), 3, ' ');
	put_fixed(b, scaled(unit(c->b), 3), 3, ' ');
	put(b, op, 2);
	put(b, "\n", 1);
}

static void
set_fill(struct pdfops *o, const struct rgb *c)
{
	if (o->have_fill && same_rgb(&o->fill, c))
		return;
	put_rgb(o->b, c, "rg");
	o->fill = *c;
	o->have_fill = 1;
}

static void
set_stroke(struct pdfops *o, const struct dl_item *it)
{
	float w = it->line_width > 0 ? it->line_width : 1;

	if (!o->have_stroke || !same_rgb(&o->stroke, &it->stroke)) {
		put_rgb(o->b, &it->stroke, "RG");
		o->stroke = it->stroke;
		o->have_stroke = 1;
	}
	if (!o->have_width || o->width != w) {
		sp(o->b, w);
		PUTS(o->b, "w\n");
		o->width = w;
		o->have_width = 1;
	}
	if (o->dash != it->dash) {
		if (it->dash == 0) {
			PUTS(o->b, "[] 0 d\n");
		} else {
			PUTS(o->b, "[");
			put_fixed(o->b, it->dash, 0, ' ');
			put_fixed(o->b, it->dash, 0, 0);
			PUTS(o->b, "] 0 d\n");
		}
		o->dash = it->dash;
	}
}

void
ops_start(struct pdfops *o, struct buf *b)
{
	memset(o, 0, sizeof(*o));
	o->b = b;
}

/* end_text: closes the text object before a non-text operator. */
static void
end_text(struct pdfops *o)
{
	if (o->in_text) {
		PUTS(o->b, "ET\n");
		o->in_text = 0;
	}
}

void
ops_finish(struct pdfops *o)
{
	end_text(o);
}

/* put_byte: one byte of a literal string, escaped when PDF would read
 * it otherwise (parentheses, backslash, line ends). */
static char *
put_byte(char *q, unsigned v)
{
	switch (v) {
	case '(': case ')': case '\\':
		*q++ = '\\';
		*q++ = (char)v;
		return q;
	case '\r':
		*q++ = '\\';
		*q++ = 'r';
		return q;
	case '\n':
		*q++ = '\\';
		*q++ = 'n';
		return q;
	default:
		*q++ = (char)v;
		return q;
	}
}

/* put_cids: the text as a literal string of 2-byte CIDs (half the bytes
 * of a hex string, so half the work for zlib): cid[cp], or cp when cid
 * is NULL (a code point outside the BMP, which fontset never hands out,
 * counts as U+FFFD). */
static void
put_cids(struct buf *b, const char *s, size_t len, const uint16_t *cid)
{
	char *q = room(b, 4 * len + 2), *q0 = q;
	size_t i = 0;

	*q++ = '(';
	while (i < len) {
		uint32_t cp;

		i += (size_t)utf8_next(s + i, len - i, &cp);
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		if (cid != NULL)
			cp = cid[cp];
		q = put_byte(q, cp >> 8);
		q = put_byte(q, cp & 0xFF);
	}
	*q++ = ')';
	b->len += (size_t)(q - q0);
	b->p[b->len] = '\0';
}

void
ops_text(struct pdfops *o, const char *font, const struct dl_item *it,
    const uint16_t *cid)
{
	struct buf *b = o->b;
	long size = (long)scaled(it->size, 2);
	long x = (long)scaled(it->x, 2), y = (long)scaled(it->y, 2);
	size_t n;

	if (it->len == 0)
		return;
	if (!o->in_text) {
		PUTS(b, "BT\n");
		o->in_text = 1;
		o->tx = o->ty = 0;
	}
	if (strcmp(o->font, font) != 0 || o->font_size != size) {
		PUTS(b, "/");
		put(b, font, strlen(font));
		PUTS(b, " ");
		put_fixed(b, size, 2, ' ');
		PUTS(b, "Tf\n");
		n = strlen(font);
		if (n >= sizeof(o->font))
			n = sizeof(o->font) - 1;
		memcpy(o->font, font, n);
		o->font[n] = '\0';
		o->font_size = size;
	}
	set_fill(o, &it->fill);
	/* Td moves from the line start; integer 1/100 pt keeps it exact */
	put_fixed(b, x - o->tx, 2, ' ');
	put_fixed(b, y - o->ty, 2, ' ');
	PUTS(b, "Td ");
	o->tx = x;
	o->ty = y;
	put_cids(b, it->text, it->len, cid);
	PUTS(b, " Tj\n");
}

/* path_circle: a circle as four Bézier quarters. */
static void
path_circle(struct buf *b, double cx, double cy, double r)
{
	double k = r * KAPPA;

	sp(b, cx + r), sp(b, cy), PUTS(b, "m\n");
	sp(b, cx + r), sp(b, cy + k), sp(b, cx + k), sp(b, cy + r);
	sp(b, cx), sp(b, cy + r), PUTS(b, "c\n");
	sp(b, cx - k), sp(b, cy + r), sp(b, cx - r), sp(b, cy + k);
	sp(b, cx - r), sp(b, cy), PUTS(b, "c\n");
	sp(b, cx - r), sp(b, cy - k), sp(b, cx - k), sp(b, cy - r);
	sp(b, cx), sp(b, cy - r), PUTS(b, "c\n");
	sp(b, cx + k), sp(b, cy - r), sp(b, cx + r), sp(b, cy - k);
	sp(b, cx + r), sp(b, cy), PUTS(b, "c\n");
}

/* path: the item's outline; returns 0 when there is nothing to draw. */
static int
path(struct buf *b, const struct dl_item *it)
{
	int i;

	switch (it->kind) {
	case DL_LINE:
		sp(b, it->x), sp(b, it->y), PUTS(b, "m ");
		sp(b, it->x + it->w), sp(b, it->y + it->h), PUTS(b, "l\n");
		return 1;
	case DL_RECT:
		sp(b, it->x), sp(b, it->y), sp(b, it->w), sp(b, it->h);
		PUTS(b, "re\n");
		return 1;
	case DL_POLY:
		if (it->pts == NULL || it->npts < 2)
			return 0;
		for (i = 0; i < it->npts; i++) {
			sp(b, it->pts[2 * i]);
			sp(b, it->pts[2 * i + 1]);
			put(b, i == 0 ? "m\n" : "l\n", 2);
		}
		if (it->closed)
			PUTS(b, "h\n");
		return 1;
	case DL_CIRCLE:
		if (it->w <= 0)
			return 0;
		path_circle(b, it->x, it->y, it->w);
		return 1;
	default:
		return 0;
	}
}

void
ops_shape(struct pdfops *o, const struct dl_item *it, const char *gs)
{
	int fill = it->fill_on && it->kind != DL_LINE;
	int stroke = it->stroke_on || it->kind == DL_LINE;
	struct pdfops saved;

	if (!fill && !stroke)
		return;
	end_text(o);
	saved = *o;
	if (gs != NULL && fill) {
		PUTS(o->b, "q /");
		put(o->b, gs, strlen(gs));
		PUTS(o->b, " gs\n");
	}
	if (fill)
		set_fill(o, &it->fill);
	if (stroke)
		set_stroke(o, it);
	if (path(o->b, it))
		put(o->b, fill && stroke ? "B\n" : fill ? "f\n" : "S\n", 2);
	else
		PUTS(o->b, "n\n");
	if (gs != NULL && fill) {
		PUTS(o->b, "Q\n");
		*o = saved;     /* Q restored the state the cache described */
	}
}

void
ops_image(struct pdfops *o, const char *xobj, const struct dl_item *it)
{
	struct buf *b = o->b;

	end_text(o);
	PUTS(b, "q ");
	sp(b, it->w);
	PUTS(b, "0 0 ");
	sp(b, it->h);
	sp(b, it->x);
	sp(b, it->y);
	PUTS(b, "cm /");
	put(b, xobj, strlen(xobj));
	PUTS(b, " Do Q\n");
}
