/* pdfops.c: writes page content-stream operators (text, paths, images)
 * for dev_pdf.c, tracking colours, line width, dash, font and text
 * position so that repeats are left out. */
#include <math.h>
#include <string.h>

#include "pdfops.h"

/* Bézier control distance for a quarter circle of radius 1. */
#define KAPPA 0.5522847498

/* The most bytes one number takes: sign, 17 digits (scaled() caps the
 * value), point, the byte after it. */
#define NUM_MAX 24

/* reserve: makes room for n more bytes and returns where they go; the
 * caller writes them through the pointer and ends with commit(). One
 * reservation per operator, instead of a bounds check per piece. */
static char *
reserve(struct buf *b, size_t n)
{
	if (b->cap - b->len < n + 1)
		XGROW(b->p, b->cap, b->len + n + 1);
	return b->p + b->len;
}

/* commit: the buffer ends at q (from reserve). */
static void
commit(struct buf *b, char *q)
{
	b->len = (size_t)(q - b->p);
	*q = '\0';
}

static char *
lit(char *q, const char *s, size_t n)
{
	memcpy(q, s, n);
	return q + n;
}

#define LIT(q, s) lit((q), (s), sizeof(s) - 1)

static void
put(struct buf *b, const char *s, size_t n)
{
	commit(b, lit(reserve(b, n), s, n));
}

#define PUTS(b, s) put((b), (s), sizeof(s) - 1)

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

/* fixed: writes n / 10^decimals at q without trailing zeros, then `end`
 * (a space or nothing); returns the end. It may write NUM_MAX bytes
 * from q whatever the number's length (one fixed-size copy), all within
 * the NUM_MAX reserved for it. */
static char *
fixed(char *q, long long n, int decimals, int end)
{
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930"
	    "31323334353637383940414243444546474849505152535455565758596061"
	    "62636465666768697071727374757677787980818283848586878889909192"
	    "93949596979899";
	char tmp[2 * NUM_MAX] = { 0 }, *t = tmp + NUM_MAX, *e = t;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n :
	    (unsigned long long)n;

	while (decimals > 0 && u % 10 == 0) {
		u /= 10;
		decimals--;
	}
	if (end)
		*--t = (char)end;
	if (decimals > 0) {
		for (; decimals > 0; decimals--) {
			*--t = (char)('0' + u % 10);
			u /= 10;
		}
		*--t = '.';
	}
	while (u >= 100) {
		t -= 2;
		memcpy(t, pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		t -= 2;
		memcpy(t, pairs + 2 * u, 2);
	} else {
		*--t = (char)('0' + u);
	}
	if (n < 0)
		*--t = '-';
	memcpy(q, t, NUM_MAX);
	return q + (e - t);
}

/* put_fixed: fixed() appended to b. */
static void
put_fixed(struct buf *b, long long n, int decimals, int end)
{
	commit(b, fixed(reserve(b, NUM_MAX), n, decimals, end));
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

/* num2: one number with 2 decimals, then a space. */
static char *
num2(char *q, double v)
{
	return fixed(q, scaled(v, 2), 2, ' ');
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

/* rgb_op: the colour as "r g b OP\n" (at most 3 * NUM_MAX + 3 bytes). */
static char *
rgb_op(char *q, const struct rgb *c, const char *op)
{
	q = fixed(q, scaled(unit(c->r), 3), 3, ' ');
	q = fixed(q, scaled(unit(c->g), 3), 3, ' ');
	q = fixed(q, scaled(unit(c->b), 3), 3, ' ');
	q = lit(q, op, 2);
	*q++ = '\n';
	return q;
}

/* fill_op: the fill colour operator at q unless the colour is already
 * set (at most 3 * NUM_MAX + 3 bytes). */
static char *
fill_op(struct pdfops *o, char *q, const struct rgb *c)
{
	if (o->have_fill && same_rgb(&o->fill, c))
		return q;
	o->fill = *c;
	o->have_fill = 1;
	return rgb_op(q, c, "rg");
}

static void
set_stroke(struct pdfops *o, const struct dl_item *it)
{
	float w = it->line_width > 0 ? it->line_width : 1;
	char *q = reserve(o->b, 6 * NUM_MAX + 16);

	if (!o->have_stroke || !same_rgb(&o->stroke, &it->stroke)) {
		q = rgb_op(q, &it->stroke, "RG");
		o->stroke = it->stroke;
		o->have_stroke = 1;
	}
	if (!o->have_width || o->width != w) {
		q = num2(q, w);
		q = LIT(q, "w\n");
		o->width = w;
		o->have_width = 1;
	}
	if (o->dash != it->dash) {
		if (it->dash == 0) {
			q = LIT(q, "[] 0 d\n");
		} else {
			*q++ = '[';
			q = fixed(q, it->dash, 0, ' ');
			q = fixed(q, it->dash, 0, 0);
			q = LIT(q, "] 0 d\n");
		}
		o->dash = it->dash;
	}
	commit(o->b, q);
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

/* put_codes: the text as a literal string of codes of `bytes` bytes
 * (2-byte CIDs: half the bytes of a hex string; 1-byte codes of a simple
 * font: half again): cid[cp], or cp when cid is NULL (a code point
 * outside the BMP, which fontset never hands out, counts as U+FFFD);
 * parentheses, backslash and line ends escaped. At most 4 * len + 2
 * bytes. */
static char *
put_codes(char *q, const char *s, size_t len, const uint16_t *cid,
    int bytes)
{
	/* the escape of each byte value, 0 for none */
	static const char esc[256] = { ['('] = '(', [')'] = ')',
		['\\'] = '\\', ['\r'] = 'r', ['\n'] = 'n' };
	size_t i = 0;

	*q++ = '(';
	while (i < len) {
		uint32_t cp = (unsigned char)s[i];
		unsigned hi, lo;

		if (cp < 0x80)
			i++;
		else
			i += (size_t)utf8_next(s + i, len - i, &cp);
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		if (cid != NULL)
			cp = cid[cp];
		hi = cp >> 8;
		lo = cp & 0xFF;
		if (bytes == 2) {
			if (esc[hi] != 0)
				*q++ = '\\';
			*q++ = esc[hi] != 0 ? esc[hi] : (char)hi;
		}
		if (esc[lo] != 0)
			*q++ = '\\';
		*q++ = esc[lo] != 0 ? esc[lo] : (char)lo;
	}
	*q++ = ')';
	return q;
}

/* The bytes text_head may write at most, for a font name of nf bytes. */
#define TEXT_HEAD_MAX(nf) (3 + (nf) + 2 + NUM_MAX + 3 + 3 * NUM_MAX + 3 + \
	2 * NUM_MAX + 3)

/* text_head: at q, what starts a text item: BT unless in a text object,
 * Tf and fill colour unless set, and the Td to its baseline start. */
static char *
text_head(struct pdfops *o, char *q, const char *font,
    const struct dl_item *it)
{
	long size = (long)scaled(it->size, 2);
	long x = (long)scaled(it->x, 2), y = (long)scaled(it->y, 2);
	size_t nf = strlen(font);

	if (!o->in_text) {
		q = LIT(q, "BT\n");
		o->in_text = 1;
		o->tx = o->ty = 0;
	}
	if (strcmp(o->font, font) != 0 || o->font_size != size) {
		*q++ = '/';
		q = lit(q, font, nf);
		*q++ = ' ';
		q = fixed(q, size, 2, ' ');
		q = LIT(q, "Tf\n");
		if (nf >= sizeof(o->font))
			nf = sizeof(o->font) - 1;
		memcpy(o->font, font, nf);
		o->font[nf] = '\0';
		o->font_size = size;
	}
	q = fill_op(o, q, &it->fill);
	/* Td moves from the line start; integer 1/100 pt keeps it exact */
	q = fixed(q, x - o->tx, 2, ' ');
	q = fixed(q, y - o->ty, 2, ' ');
	q = LIT(q, "Td ");
	o->tx = x;
	o->ty = y;
	return q;
}

void
ops_text(struct pdfops *o, const char *font, const struct dl_item *it,
    const uint16_t *cid, int bytes)
{
	char *q;

	if (it->len == 0)
		return;
	q = reserve(o->b, TEXT_HEAD_MAX(strlen(font)) + 4 * it->len + 2 + 4);
	q = text_head(o, q, font, it);
	q = put_codes(q, it->text, it->len, cid, bytes);
	q = LIT(q, " Tj\n");
	commit(o->b, q);
}

/* put_hexd: v as `digits` hex digits (no brackets). */
static char *
put_hexd(char *q, unsigned v, int digits)
{
	static const char hex[] = "0123456789ABCDEF";
	int i;

	for (i = digits - 1; i >= 0; i--)
		*q++ = hex[v >> (4 * i) & 15];
	return q;
}

/* put_actual: "/Span <</ActualText <FEFF...>>> BDC\n" for the n bytes of
 * UTF-8 at s (UTF-16BE, surrogate pairs beyond the BMP). At most
 * 8 * n + 40 bytes. */
static char *
put_actual(char *q, const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	q = LIT(q, "/Span <</ActualText <FEFF");
	while (i < n) {
		i += (size_t)utf8_next(s + i, n - i, &cp);
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			q = put_hexd(q, 0xD800 + (cp >> 10), 4);
			cp = 0xDC00 + (cp & 0x3FF);
		}
		q = put_hexd(q, cp, 4);
	}
	return LIT(q, ">>> BDC\n");
}

void
ops_glyphs(struct pdfops *o, const char *font, const struct dl_item *it,
    const struct font_shaped *sh, const int *w, const uint16_t *gcid,
    int bytes)
{
	long rise = 0, size = (long)scaled(it->size, 2);
	double pen = 0, cur = 0;
	size_t i;
	char *q;

	if (it->len == 0 || sh->n == 0)
		return;
	q = reserve(o->b, TEXT_HEAD_MAX(strlen(font)) + 8 * it->len + 40 +
	    sh->n * (2 * NUM_MAX + 20) + NUM_MAX + 20);
	q = text_head(o, q, font, it);
	if (!sh->rtl)
		q = put_actual(q, it->text, it->len);
	*q++ = '[';
	for (i = 0; i < sh->n; i++) {
		const struct font_glyph *g = &sh->g[i];
		long dy = (long)scaled(g->dy * size / 1000.0, 0);
		long adj = (long)scaled(pen + g->dx - cur, 0);

		if (dy != rise) {       /* marks above or below: text rise */
			q = LIT(q, "] TJ ");
			q = fixed(q, dy, 2, ' ');
			q = LIT(q, "Ts [");
			rise = dy;
		}
		if (adj != 0) {
			q = fixed(q, -adj, 0, ' ');
			cur += (double)adj;
		}
		*q++ = '<';
		q = put_hexd(q, gcid[g->gid], 2 * bytes);
		*q++ = '>';
		cur += w[i];
		pen += g->adv;
	}
	q = LIT(q, "] TJ\n");
	if (rise != 0)
		q = LIT(q, "0 Ts ");
	if (!sh->rtl)
		q = LIT(q, "EMC\n");
	commit(o->b, q);
}

/* path_circle: a circle as four Bézier quarters (at most 26 numbers). */
static char *
path_circle(char *q, double cx, double cy, double r)
{
	double k = r * KAPPA;

	q = num2(q, cx + r), q = num2(q, cy), q = LIT(q, "m\n");
	q = num2(q, cx + r), q = num2(q, cy + k), q = num2(q, cx + k);
	q = num2(q, cy + r), q = num2(q, cx), q = num2(q, cy + r);
	q = LIT(q, "c\n");
	q = num2(q, cx - k), q = num2(q, cy + r), q = num2(q, cx - r);
	q = num2(q, cy + k), q = num2(q, cx - r), q = num2(q, cy);
	q = LIT(q, "c\n");
	q = num2(q, cx - r), q = num2(q, cy - k), q = num2(q, cx - k);
	q = num2(q, cy - r), q = num2(q, cx), q = num2(q, cy - r);
	q = LIT(q, "c\n");
	q = num2(q, cx + k), q = num2(q, cy - r), q = num2(q, cx + r);
	q = num2(q, cy - k), q = num2(q, cx + r), q = num2(q, cy);
	q = LIT(q, "c\n");
	return q;
}

/* path: the item's outline into b; returns 0 when there is nothing to
 * draw. */
static int
path(struct buf *b, const struct dl_item *it)
{
	char *q;
	int i;

	switch (it->kind) {
	case DL_LINE:
		q = reserve(b, 4 * NUM_MAX + 4);
		q = num2(q, it->x), q = num2(q, it->y), q = LIT(q, "m ");
		q = num2(q, it->x + it->w), q = num2(q, it->y + it->h);
		q = LIT(q, "l\n");
		break;
	case DL_RECT:
		q = reserve(b, 4 * NUM_MAX + 3);
		q = num2(q, it->x), q = num2(q, it->y), q = num2(q, it->w);
		q = num2(q, it->h), q = LIT(q, "re\n");
		break;
	case DL_POLY:
		if (it->pts == NULL || it->npts < 2)
			return 0;
		q = reserve(b, (size_t)it->npts * (2 * NUM_MAX + 2) + 2);
		for (i = 0; i < it->npts; i++) {
			q = num2(q, it->pts[2 * i]);
			q = num2(q, it->pts[2 * i + 1]);
			q = lit(q, i == 0 ? "m\n" : "l\n", 2);
		}
		if (it->closed)
			q = LIT(q, "h\n");
		break;
	case DL_CIRCLE:
		if (it->w <= 0)
			return 0;
		q = path_circle(reserve(b, 26 * NUM_MAX + 10), it->x, it->y,
		    it->w);
		break;
	default:
		return 0;
	}
	commit(b, q);
	return 1;
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
		commit(o->b, fill_op(o, reserve(o->b, 3 * NUM_MAX + 3),
		    &it->fill));
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
	size_t nx = strlen(xobj);
	char *q;

	end_text(o);
	q = reserve(o->b, 4 * NUM_MAX + nx + 16);
	q = LIT(q, "q ");
	q = num2(q, it->w);
	q = LIT(q, "0 0 ");
	q = num2(q, it->h);
	q = num2(q, it->x);
	q = num2(q, it->y);
	q = LIT(q, "cm /");
	q = lit(q, xobj, nx);
	q = LIT(q, " Do Q\n");
	commit(o->b, q);
}
