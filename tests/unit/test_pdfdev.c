/* test_pdfdev.c: the PDF device's failures: a document libharu rejects,
 * text in a face the run does not have, links and images that do not
 * exist. Each is reported, leaves the output buffer as it was, and the
 * device goes on working. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "dev.h"
#include "fonts.h"

static struct fontset *fs;

/* one_page: a page of w x h points with one text item in face `face`. */
static void
one_page(struct dl_doc *doc, float w, float h, int face)
{
	struct dl_page *pg = dl_add_page(doc, w, h);
	struct dl_item *it = dl_add_item(pg, DL_TEXT);

	it->face = face;
	it->size = 12;
	it->x = 50;
	it->y = 50;
	it->text = "Hello";
	it->len = 5;
}

/* render: 0/-1 from pdfdev_render on a fresh document made by fill. */
static int
render(struct pdfdev *dev, struct buf *out, struct diag *d, float w,
    int face, int link, int image)
{
	struct arena *a = arena_new();
	struct dl_doc doc;
	struct dl_item *it;
	int rc;

	dl_init(&doc, a);
	one_page(&doc, w, 842, face);
	if (link) {
		it = dl_add_item(&doc.pages[0], DL_LINK);
		it->ref = 5;
	}
	if (image) {
		it = dl_add_item(&doc.pages[0], DL_IMAGE);
		it->ref = dl_add_image(&doc, "/etc/hostname");
		it->w = it->h = 10;
	}
	rc = pdfdev_render(dev, &doc, out, d);
	dl_release(&doc);
	arena_free(a);
	return rc;
}

static void
test_failures_leave_no_output(void)
{
	struct diag *d = diag_new(NULL);
	struct pdfdev *dev = pdfdev_new(fs);
	struct buf out;
	enum diag_sev sev;

	buf_init(&out);
	buf_puts(&out, "keep");
	/* libharu refuses a page 20000 pt wide */
	CHECK_INT(render(dev, &out, d, 20000, 0, 0, 0), -1);
	CHECK_STR(out.p, "keep");
	CHECK_INT(diag_errors(d), 1);
	CHECK(strstr(diag_text(d, 0, &sev), "PDF library failed") != NULL);
	CHECK_INT(render(dev, &out, d, 595, 9, 0, 0), -1);
	CHECK(strstr(diag_text(d, 1, &sev), "font face 9") != NULL);
	CHECK_INT(render(dev, &out, d, 595, 0, 1, 0), -1);
	CHECK(strstr(diag_text(d, 2, &sev), "link to page 6 of 1") != NULL);
	CHECK_INT(render(dev, &out, d, 595, 0, 0, 1), -1);
	CHECK(strstr(diag_text(d, 3, &sev), "/etc/hostname: error: not an "
	    "image") != NULL);
	CHECK_STR(out.p, "keep");
	CHECK_INT(diag_count(d), 4);
	/* the device still works, and appends */
	CHECK_INT(render(dev, &out, d, 595, 1, 0, 0), 0);
	CHECK(strncmp(out.p, "keep%PDF-1.", 11) == 0);
	CHECK(strstr(out.p + out.len - 7, "%%EOF") != NULL);
	CHECK_INT(diag_count(d), 4);
	buf_free(&out);
	pdfdev_free(dev);
	diag_free(d);
}

static void
test_same_bytes(void)
{
	struct diag *d = diag_new(NULL);
	struct pdfdev *dev = pdfdev_new(fs), *dev2 = pdfdev_new(fs);
	struct buf a, b, c;

	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	CHECK_INT(render(dev, &a, d, 595, 0, 0, 0), 0);
	CHECK_INT(render(dev, &b, d, 595, 0, 0, 0), 0);
	CHECK_INT(render(dev2, &c, d, 595, 0, 0, 0), 0);
	CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
	CHECK(a.len == c.len && memcmp(a.p, c.p, a.len) == 0);
	CHECK(a.len < 12000);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	pdfdev_free(dev);
	pdfdev_free(dev2);
	diag_free(d);
}

/* text_doc: one page with the given texts in face 0, then one in
 * `face` (-1: none). */
static int
text_doc(struct pdfdev *dev, struct buf *out, struct diag *d,
    const char *text, int face)
{
	struct arena *a = arena_new();
	struct dl_doc doc;
	struct dl_item *it;
	int rc;

	dl_init(&doc, a);
	one_page(&doc, 595, 842, 0);
	doc.pages[0].items[0].text = text;
	doc.pages[0].items[0].len = strlen(text);
	if (face >= 0) {
		it = dl_add_item(&doc.pages[0], DL_TEXT);
		it->face = face;
		it->size = 12;
		it->text = "Zebra";
		it->len = 5;
	}
	rc = pdfdev_render(dev, &doc, out, d);
	dl_release(&doc);
	arena_free(a);
	return rc;
}

/* A document's fonts hold its own characters only, even after a
 * document that failed half way on the same device: "Hello" embeds the
 * same font whether a failed "Quiz" came before or not, and so does "Hi"
 * after "Hello". */
static void
test_fonts_own_text(void)
{
	struct diag *d = diag_new(NULL);
	struct pdfdev *dev = pdfdev_new(fs), *dev2 = pdfdev_new(fs);
	struct buf a, b;

	buf_init(&a);
	buf_init(&b);
	CHECK_INT(text_doc(dev, &a, d, "Quiz", 9), -1);
	CHECK_INT(text_doc(dev, &a, d, "Hello", -1), 0);
	CHECK_INT(text_doc(dev2, &b, d, "Hello", -1), 0);
	CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
	buf_reset(&a);
	buf_reset(&b);
	CHECK_INT(text_doc(dev, &a, d, "Hi", -1), 0);
	pdfdev_free(dev2);
	dev2 = pdfdev_new(fs);
	CHECK_INT(text_doc(dev2, &b, d, "Hi", -1), 0);
	CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
	buf_free(&a);
	buf_free(&b);
	pdfdev_free(dev);
	pdfdev_free(dev2);
	diag_free(d);
}

/* count: occurrences of needle in the n bytes at p. */
static size_t
count(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), i, c = 0;

	for (i = 0; i + k <= n; i++)
		if (memcmp(p + i, needle, k) == 0)
			c++;
	return c;
}

/* A document longer than one /Kids or /Nums array holds in libharu
 * (32,767 items: a manager packet of 12,500 reports has 38,700 pages and
 * 25,000 label ranges) renders: pages in a two-level tree, labels in a
 * number tree. libharu failed on it with error 0x1001. */
static void
test_longer_than_an_array(void)
{
	struct diag *d = diag_new(NULL);
	struct pdfdev *dev = pdfdev_new(fs);
	struct arena *a = arena_new();
	struct dl_doc doc;
	struct buf out;
	char prefix[32];
	int i, n = 33000;

	buf_init(&out);
	dl_init(&doc, a);
	for (i = 0; i < n; i++) {
		one_page(&doc, 595, 842, 0);
		if (i % 2 == 0) {
			snprintf(prefix, sizeof prefix, "R%d-", i / 2);
			dl_add_label(&doc, i, DL_LABEL_DECIMAL,
			    arena_strdup(a, prefix), 1);
		}
	}
	CHECK_INT(pdfdev_render(dev, &doc, &out, d), 0);
	CHECK_INT(diag_count(d), 0);
	/* 33 Pages nodes of at most 1,024 pages under the root; 17 leaves
	 * of at most 1,024 label ranges. */
	CHECK_INT(count(out.p, out.len, "/Type /Pages"), 34);
	CHECK_INT(count(out.p, out.len, "/Limits"), 17);
	CHECK(count(out.p, out.len, "(R16499-)") == 1);
	dl_release(&doc);
	arena_free(a);
	buf_free(&out);
	pdfdev_free(dev);
	diag_free(d);
}

int
main(void)
{
	struct diag *d = diag_new(stderr);
	struct font_request req;
	struct cpset *used = calloc(1, sizeof(*used));
	char dir[] = "/tmp/test_pdfdev.XXXXXX", cmd[64];

	font_request_default(&req);
	fs = fontset_new(&req, d);
	if (fs == NULL || used == NULL || mkdtemp(dir) == NULL ||
	    fontset_subset(fs, used, dir, d) != 0) {
		printf("FAIL test_pdfdev: no fontset\n");
		return 1;
	}
	RUN(test_failures_leave_no_output);
	RUN(test_same_bytes);
	RUN(test_fonts_own_text);
	RUN(test_longer_than_an_array);
	fontset_free(fs);
	free(used);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	diag_free(d);
	return CHECK_EXIT();
}
