/* pdfops.c: writes page content-stream operators (text, paths, images)
 * for dev_pdf.c, tracking colours, line width and dash so that repeats
 * are left out. */
#include <math.h>
#include <string.h>

#include "pdfops.h"

/* Bézier control distance for a quarter circle of radius 1. */
#define KAPPA 0.5522847498

void
ops_num(struct buf *b, double v, int decimals)
{
	static const long long scale[] = { 1, 10, 100, 1000, 10000 };
	char tmp[32], *p = tmp + sizeof(tmp);
	long long n, s;
	int neg, d, digits = 0;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 4)
		decimals = 4;
	s = scale[decimals];
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	n = llround(v * (double)s);
	neg = n < 0;
	if (neg)
		n = -n;
	/* drop trailing zero decimals */
	d = decimals;
	while (d > 0 && n % 10 == 0) {
		n /= 10;
		d--;
	}
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
		if (++digits == d)
			*--p = '.';
	} while (n > 0 || digits <= d);
	if (*p == '.')
		*--p = '0';
	if (neg && !(p[0] == '0' && p + 1 == tmp + sizeof(tmp)))
		*--p = '-';
	buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* sp: one number followed by a space. */
static void
sp(struct buf *b, double v, int decimals)
{
	ops_num(b, v, decimals);
	buf_putc(b, ' ');
}

static int
same_rgb(const struct rgb *a, const struct rgb *b)
{
	return a->r == b->r && a->g == b->g && a->b == b->b;
}

static void
put_rgb(struct buf *b, const struct rgb *c, const char *op)
{
	sp(b, c->r < 0 ? 0 : c->r > 1 ? 1 : c->r, 3);
	sp(b, c->g < 0 ? 0 : c->g > 1 ? 1 : c->g, 3);
	sp(b, c->b < 0 ? 0 : c->b > 1 ? 1 : c->b, 3);
	buf_puts(b, op);
	buf_putc(b, '\n');
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
		sp(o->b, w, 2);
		buf_puts(o->b, "w\n");
		o->width = w;
		o->have_width = 1;
	}
	if (o->dash != it->dash) {
		if (it->dash == 0) {
			buf_puts(o->b, "[] 0 d\n");
		} else {
			buf_putc(o->b, '[');
			sp(o->b, it->dash, 0);
			ops_num(o->b, it->dash, 0);
			buf_puts(o->b, "] 0 d\n");
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

/* put_cids: the text as a hex string of 2-byte CIDs (= code points; a
 * code point outside the BMP, which fontset never hands out, becomes
 * U+FFFD). */
static void
put_cids(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0;

	buf_putc(b, '<');
	while (i < len) {
		uint32_t cp;
		char q[4];

		i += (size_t)utf8_next(s + i, len - i, &cp);
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		q[0] = hex[cp >> 12 & 15];
		q[1] = hex[cp >> 8 & 15];
		q[2] = hex[cp >> 4 & 15];
		q[3] = hex[cp & 15];
		buf_put(b, q, 4);
	}
	buf_putc(b, '>');
}

void
ops_text(struct pdfops *o, const char *font, const struct dl_item *it)
{
	struct buf *b = o->b;

	if (it->len == 0)
		return;
	set_fill(o, &it->fill);
	buf_puts(b, "BT /");
	buf_puts(b, font);
	buf_putc(b, ' ');
	sp(b, it->size, 2);
	buf_puts(b, "Tf ");
	sp(b, it->x, 2);
	sp(b, it->y, 2);
	buf_puts(b, "Td ");
	put_cids(b, it->text, it->len);
	buf_puts(b, " Tj ET\n");
}

/* path_circle: a circle as four Bézier quarters. */
static void
path_circle(struct buf *b, double cx, double cy, double r)
{
	double k = r * KAPPA;

	sp(b, cx + r, 2), sp(b, cy, 2), buf_puts(b, "m\n");
	sp(b, cx + r, 2), sp(b, cy + k, 2), sp(b, cx + k, 2), sp(b, cy + r, 2);
	sp(b, cx, 2), sp(b, cy + r, 2), buf_puts(b, "c\n");
	sp(b, cx - k, 2), sp(b, cy + r, 2), sp(b, cx - r, 2), sp(b, cy + k, 2);
	sp(b, cx - r, 2), sp(b, cy, 2), buf_puts(b, "c\n");
	sp(b, cx - r, 2), sp(b, cy - k, 2), sp(b, cx - k, 2), sp(b, cy - r, 2);
	sp(b, cx, 2), sp(b, cy - r, 2), buf_puts(b, "c\n");
	sp(b, cx + k, 2), sp(b, cy - r, 2), sp(b, cx + r, 2), sp(b, cy - k, 2);
	sp(b, cx + r, 2), sp(b, cy, 2), buf_puts(b, "c\n");
}

/* path: the item's outline; returns 0 when there is nothing to draw. */
static int
path(struct buf *b, const struct dl_item *it)
{
	int i;

	switch (it->kind) {
	case DL_LINE:
		sp(b, it->x, 2), sp(b, it->y, 2), buf_puts(b, "m ");
		sp(b, it->x + it->w, 2), sp(b, it->y + it->h, 2);
		buf_puts(b, "l\n");
		return 1;
	case DL_RECT:
		sp(b, it->x, 2), sp(b, it->y, 2), sp(b, it->w, 2), sp(b, it->h, 2);
		buf_puts(b, "re\n");
		return 1;
	case DL_POLY:
		if (it->pts == NULL || it->npts < 2)
			return 0;
		for (i = 0; i < it->npts; i++) {
			sp(b, it->pts[2 * i], 2);
			sp(b, it->pts[2 * i + 1], 2);
			buf_puts(b, i == 0 ? "m\n" : "l\n");
		}
		if (it->closed)
			buf_puts(b, "h\n");
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
	struct pdfops saved = *o;

	if (!fill && !stroke)
		return;
	if (gs != NULL && fill) {
		buf_puts(o->b, "q /");
		buf_puts(o->b, gs);
		buf_puts(o->b, " gs\n");
	}
	if (fill)
		set_fill(o, &it->fill);
	if (stroke)
		set_stroke(o, it);
	if (path(o->b, it))
		buf_puts(o->b, fill && stroke ? "B\n" : fill ? "f\n" : "S\n");
	else
		buf_puts(o->b, "n\n");
	if (gs != NULL && fill) {
		buf_puts(o->b, "Q\n");
		saved.b = o->b;
		*o = saved;     /* Q restored the state the cache described */
	}
}

void
ops_image(struct pdfops *o, const char *xobj, const struct dl_item *it)
{
	struct buf *b = o->b;

	buf_puts(b, "q ");
	sp(b, it->w, 2);
	buf_puts(b, "0 0 ");
	sp(b, it->h, 2);
	sp(b, it->x, 2);
	sp(b, it->y, 2);
	buf_puts(b, "cm /");
	buf_puts(b, xobj);
	buf_puts(b, " Do Q\n");
}
