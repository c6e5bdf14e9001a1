/* test_pdfops.c: page operators as the PDF device writes them: number
 * formatting, text objects shared by consecutive runs with exact relative
 * moves, skipped repeats, shapes with opacity, images. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdfops.h"

static const char *
num(struct buf *b, double v, int decimals)
{
	buf_reset(b);
	ops_num(b, v, decimals);
	return b->p;
}

static void
test_numbers(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(num(&b, 0, 2), "0");
	CHECK_STR(num(&b, 12, 2), "12");
	CHECK_STR(num(&b, 595.28f, 2), "595.28");
	CHECK_STR(num(&b, 0.05, 2), "0.05");
	CHECK_STR(num(&b, -0.5, 2), "-0.5");
	CHECK_STR(num(&b, -0.001, 2), "0");
	CHECK_STR(num(&b, 1.006, 2), "1.01");
	CHECK_STR(num(&b, 2.5, 0), "3");
	CHECK_STR(num(&b, -2.5, 0), "-3");
	CHECK_STR(num(&b, 0.1234, 3), "0.123");
	CHECK_STR(num(&b, 1e30, 2), "0");
	buf_free(&b);
}

static struct dl_item
text_item(float x, float y, float size, const char *s)
{
	struct dl_item it;

	memset(&it, 0, sizeof(it));
	it.kind = DL_TEXT;
	it.x = x;
	it.y = y;
	it.size = size;
	it.text = s;
	it.len = strlen(s);
	return it;
}

/* same: the n bytes at p are the buffer's whole content (text operators
 * hold NUL bytes, so no string compare). */
static int
same(const struct buf *b, const char *p, size_t n)
{
	return b->len == n && memcmp(b->p, p, n) == 0;
}

#define SAME(b, lit) same((b), (lit), sizeof(lit) - 1)

static void
test_text(void)
{
	static uint16_t cid[65536];
	struct buf b;
	struct pdfops o;
	struct dl_item a = text_item(50.004f, 790, 12, "Zo\xc3\xab"),
	    c = text_item(100.5f, 770.25f, 12, "\xe7\x8e\x8b"),
	    e = text_item(50, 750, 9, "\xf0\x9f\x91\x8d"),
	    x = text_item(50, 730, 9, "abc");

	buf_init(&b);
	ops_start(&o, &b);
	ops_text(&o, "F1", &a, NULL, 2);
	c.fill.r = 1;
	ops_text(&o, "F1", &c, NULL, 2);
	ops_text(&o, "F2", &e, NULL, 2);
	ops_finish(&o);
	CHECK(SAME(&b, "BT\n/F1 12 Tf\n0 0 0 rg\n50 790 Td (\0Z\0o\0\xeb) Tj\n"
	    "1 0 0 rg\n50.5 -19.75 Td (s\x8b) Tj\n"
	    "/F2 9 Tf\n0 0 0 rg\n-50.5 -20.25 Td (\xff\xfd) Tj\nET\n"));
	/* CIDs from the font's table; bytes PDF would misread escaped */
	cid['a'] = 0x0028;
	cid['b'] = 0x295C;
	cid['c'] = 0x0D0A;
	buf_reset(&b);
	ops_start(&o, &b);
	ops_text(&o, "F1", &x, cid, 2);
	ops_finish(&o);
	CHECK(SAME(&b, "BT\n/F1 9 Tf\n0 0 0 rg\n50 730 Td "
	    "(\0\\(\\)\\\\\\r\\n) Tj\nET\n"));
	/* a simple font's 1-byte codes: the low byte of each, escaped */
	cid['a'] = 0x01;
	cid['b'] = 0x29;
	cid['c'] = 0x5C;
	buf_reset(&b);
	ops_start(&o, &b);
	ops_text(&o, "F3", &x, cid, 1);
	ops_finish(&o);
	CHECK(SAME(&b, "BT\n/F3 9 Tf\n0 0 0 rg\n50 730 Td "
	    "(\x01\\)\\\\) Tj\nET\n"));
	buf_free(&b);
}

static void
test_shapes(void)
{
	static const float pts[] = { 0, 0, 10, 0, 5, 8 };
	struct buf b;
	struct pdfops o;
	struct dl_item t = text_item(1, 2, 10, "a"), r, p, l;

	memset(&r, 0, sizeof(r));
	r.kind = DL_RECT;
	r.x = 1, r.y = 2, r.w = 3, r.h = 4;
	r.fill_on = 1;
	r.fill.g = 0.5f;
	p = r;
	p.kind = DL_POLY;
	p.pts = pts;
	p.npts = 3;
	p.closed = p.stroke_on = 1;
	p.line_width = 1;
	l = p;
	l.kind = DL_LINE;
	l.fill_on = 0;
	l.dash = 3;
	buf_init(&b);
	ops_start(&o, &b);
	ops_text(&o, "F1", &t, NULL, 2);
	ops_shape(&o, &r, NULL);
	ops_shape(&o, &p, "E1");
	ops_shape(&o, &r, NULL);       /* same fill: no colour operator */
	ops_shape(&o, &l, NULL);
	ops_image(&o, "X1", &r);
	ops_finish(&o);
	CHECK(SAME(&b, "BT\n/F1 10 Tf\n0 0 0 rg\n1 2 Td (\0a) Tj\nET\n"
	    "0 0.5 0 rg\n1 2 3 4 re\nf\n"
	    "q /E1 gs\n0 0 0 RG\n1 w\n0 0 m\n10 0 l\n5 8 l\nh\nB\nQ\n"
	    "1 2 3 4 re\nf\n"
	    "0 0 0 RG\n1 w\n[3 3] 0 d\n1 2 m 4 6 l\nS\n"
	    "q 3 0 0 4 1 2 cm /X1 Do Q\n"));
	buf_free(&b);
}

int
main(void)
{
	RUN(test_numbers);
	RUN(test_text);
	RUN(test_shapes);
	return CHECK_EXIT();
}
