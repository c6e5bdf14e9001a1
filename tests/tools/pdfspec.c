/* pdfspec.c: renders a fixed display list through the PDF device, for the
 * tests in tests/e2e/pdf_*.sh and for measuring the device.
 *
 *   pdfspec OUT.pdf [--image PNG_OR_JPEG]... [--no-date]   the test
 *       document: names in every script (regular, then bold 20 pt after
 *       the regular name's measured end), an emoji, every item kind, links,
 *       bookmarks, page labels, document info; two pages
 *   pdfspec --bench N [--threads T] [--out DIR]   N one-page scorecard-like
 *       documents (~120 text runs each) per thread, each thread with its
 *       own device: prints docs/s (CPU time spent in pdfdev_render) and KB
 *       per document, and with threads the wall rate and whether every
 *       thread made the same bytes
 *
 * --extra-cjk N adds N CJK ideographs (from U+4E00) to the run's glyph
 * set, as a large organisation's names would; --cjk-block N prints N of
 * them on page 2 of the test document (more than 255 in one face make
 * its font a Type0 font with 2-byte codes). --regular FONT and --bold
 * FONT replace the first two faces of the
 * default chain. Warnings go to stderr. Exit status 0, or 1 on a problem. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dev.h"
#include "fonts.h"
#include "util.h"

/* The names every test looks for, one a line in the test document. */
static const char *const names[] = {
	"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m",
	"\xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82\xc4\x87",
	"Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b Ng\xe1\xbb\x8d" "c \xc3\x81nh",
	"\xce\x91\xce\xbb\xce\xad\xce\xbe\xce\xb7\xcf\x82 \xce\xa0\xce\xb1\xcf\x80"
	    "\xce\xb1\xce\xb4\xcf\x8c\xcf\x80\xce\xbf\xcf\x85\xce\xbb\xce\xbf\xcf\x82",
	"\xd0\x9c\xd0\xb0\xd1\x80\xd0\xb8\xd1\x8f \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd"
	    "\xd0\xbe\xd0\xb2\xd0\xb0",
	"\xe7\x8e\x8b\xe8\x8a\xb3",
	"\xe4\xbd\x90\xe8\x97\xa4\xe5\x81\xa5 / \xe3\x81\x8b\xe3\x81\xaa",
	"\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80",
};
#define EMOJI_LINE "Thumbs \xf0\x9f\x91\x8d up"

struct ctx {
	struct dl_page *pg;
	float x, y, size;
	struct rgb colour;
	struct arena *arena;
};

/* put_run: one run of fontset_runs as a DL_TEXT item. */
static void
put_run(void *vctx, const struct font_run *run)
{
	struct ctx *c = vctx;
	struct dl_item *it = dl_add_item(c->pg, DL_TEXT);

	it->face = run->face;
	it->size = c->size;
	it->x = c->x;
	it->y = c->y;
	it->fill = c->colour;
	it->text = arena_strndup(c->arena, run->s, run->len);
	it->len = run->len;
	c->x += run->width * c->size / 1000;
}

/* text: places s at (x, y) in style st; returns its width in points. */
static float
text(struct ctx *c, const struct fontset *fs, struct diag *d,
    enum font_style st, float x, float y, float size, const char *s)
{
	c->x = x;
	c->y = y;
	c->size = size;
	return fontset_runs(fs, st, s, strlen(s), d, put_run, c) * size / 1000;
}

static struct dl_item *
shape(struct dl_page *pg, enum dl_kind k, float x, float y, float w, float h)
{
	struct dl_item *it = dl_add_item(pg, k);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	return it;
}

/* cjk_block: n distinct ideographs from U+4E00, 40 a line, from the top
 * of c's page down (more than 255 make a Type0 font). */
static void
cjk_block(struct ctx *c, const struct fontset *fs, struct diag *d, long n)
{
	char line[40 * 3 + 1];
	float y = 760;
	long i = 0;

	while (i < n) {
		size_t k = 0;

		for (; i < n && k < 40 * 3; i++) {
			uint32_t cp = 0x4E00 + (uint32_t)i;

			line[k++] = (char)(0xE0 | cp >> 12);
			line[k++] = (char)(0x80 | (cp >> 6 & 0x3F));
			line[k++] = (char)(0x80 | (cp & 0x3F));
		}
		line[k] = '\0';
		text(c, fs, d, FONT_REGULAR, 50, y, 10, line);
		y -= 14;
	}
}

/* test_doc: the two-page test document; cjk ideographs on page 2. */
static void
test_doc(struct dl_doc *doc, const struct fontset *fs, struct diag *d,
    char **images, int nimages, long cjk)
{
	static const float radar[] = { 400, 700, 460, 650, 440, 580, 360, 580,
	    340, 650 };
	struct ctx c = { NULL, 0, 0, 0, { 0, 0, 0 }, doc->arena };
	struct dl_item *it;
	float *pts;
	size_t i;
	int k;

	c.pg = dl_add_page(doc, 595.28f, 841.89f);
	text(&c, fs, d, FONT_BOLD, 50, 790, 16, "revpack PDF device test");
	for (i = 0; i < NELEM(names); i++) {
		float w = text(&c, fs, d, FONT_REGULAR, 50,
		    750 - 24 * (float)i, 12, names[i]);

		c.colour.r = 0.1f;
		c.colour.b = 0.6f;
		text(&c, fs, d, FONT_BOLD, 70 + w, 750 - 24 * (float)i, 12,
		    names[i]);
		c.colour.r = c.colour.b = 0;
	}
	text(&c, fs, d, FONT_REGULAR, 50, 750 - 24 * (float)NELEM(names), 12,
	    EMOJI_LINE);
	it = shape(c.pg, DL_LINE, 50, 520, 200, 0);
	it->stroke.r = 1;
	it->dash = 3;
	it->line_width = 2;
	it = shape(c.pg, DL_RECT, 50, 480, 120, 20);
	it->fill_on = 1;
	it->fill.g = 0.6f;
	it = shape(c.pg, DL_RECT, 180, 480, 120, 20);
	it->stroke_on = 1;
	it = shape(c.pg, DL_CIRCLE, 340, 490, 12, 0);
	it->fill_on = it->stroke_on = 1;
	it->fill.r = 1;
	it->fill.g = 0.8f;
	it = shape(c.pg, DL_POLY, 0, 0, 0, 0);
	it->pts = radar;
	it->npts = 5;
	it->closed = it->fill_on = it->stroke_on = 1;
	it->fill.b = 1;
	it->alpha = 0.35f;
	pts = arena_alloc(doc->arena, 8 * sizeof(float));
	for (k = 0; k < 4; k++) {
		pts[2 * k] = 380 + 40 * (float)k;
		pts[2 * k + 1] = k % 2 ? 520 : 480;
	}
	it = shape(c.pg, DL_POLY, 0, 0, 0, 0);
	it->pts = pts;
	it->npts = 4;
	it->stroke_on = 1;
	it->stroke.g = 0.5f;
	for (k = 0; k < nimages; k++) {
		it = shape(c.pg, DL_IMAGE, 50 + 130 * (float)k, 330, 120, 120);
		it->ref = dl_add_image(doc, images[k]);
	}
	text(&c, fs, d, FONT_REGULAR, 50, 300, 12, "Go to section 1");
	it = shape(c.pg, DL_LINK, 48, 296, 100, 16);
	it->ref = 1;
	c.pg = dl_add_page(doc, 595.28f, 841.89f);
	text(&c, fs, d, FONT_BOLD, 50, 790, 16, "Section 1 \xe2\x80\x94 "
	    "\xc5\xbb\xc3\xb3\xc5\x82\xc4\x87 \xe7\x8e\x8b");
	cjk_block(&c, fs, d, cjk);
	dl_add_outline(doc, 0, "Contents", 0, 841.89f);
	dl_add_outline(doc, 0, "Section 1 \xe2\x80\x94 \xc5\xbb\xc3\xb3\xc5"
	    "\x82\xc4\x87 \xe7\x8e\x8b", 1, 841.89f);
	dl_add_outline(doc, 1, "Sub 1.1 \xce\x95\xce\xbb\xce\xbb\xce\xb7\xce"
	    "\xbd\xce\xb9\xce\xba\xce\xac", 1, 700);
	dl_add_label(doc, 0, DL_LABEL_ROMAN_LOWER, NULL, 1);
	dl_add_label(doc, 1, DL_LABEL_DECIMAL, "S-", 1);
	doc->info.title = "Scorecard \xe2\x80\x94 Zo\xc3\xab \xc3\x85ngstr"
	    "\xc3\xb6m";
	doc->info.author = "\xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82\xc4\x87";
	doc->info.subject = "PDF device test";
	doc->info.creator = "revpack pdfspec";
	doc->info.keywords = "test, \xe7\x8e\x8b";
	doc->info.has_date = 1;
	doc->info.epoch = 1767225600;   /* 2026-01-01T00:00:00Z */
}

/* bench_doc: a one-page scorecard: header, a 13-row table with a bar per
 * row, about 120 text runs. */
static void
bench_doc(struct dl_doc *doc, const struct fontset *fs, const char *name)
{
	struct ctx c = { NULL, 0, 0, 0, { 0, 0, 0 }, doc->arena };
	static const char *const keys[] = { "Name", "Job title",
	    "Department", "Manager", "Period", "Overall" };
	char cell[64];
	struct dl_item *it;
	int row, k;

	c.pg = dl_add_page(doc, 595.28f, 841.89f);
	text(&c, fs, NULL, FONT_BOLD, 50, 790, 18, "Scorecard");
	for (k = 0; k < 6; k++) {
		text(&c, fs, NULL, FONT_BOLD, 50, 760 - 14 * (float)k, 9,
		    keys[k]);
		text(&c, fs, NULL, FONT_REGULAR, 150, 760 - 14 * (float)k, 9,
		    k == 0 ? name : "Customer Success \xe2\x80\x94 EMEA");
	}
	for (row = 0; row < 13; row++) {
		float y = 640 - 30 * (float)row;

		snprintf(cell, sizeof(cell), "Competency %d: listening", row + 1);
		text(&c, fs, NULL, FONT_REGULAR, 50, y, 9, cell);
		for (k = 0; k < 6; k++) {
			snprintf(cell, sizeof(cell), "%d.%d", (row + k) % 6,
			    (row * 7 + k) % 10);
			text(&c, fs, NULL, FONT_REGULAR, 250 + 40 * (float)k, y,
			    9, cell);
		}
		text(&c, fs, NULL, FONT_REGULAR, 50, y - 11, 7,
		    "Expected level 4 \xe2\x80\x94 meets");
		it = shape(c.pg, DL_RECT, 250, y - 12, 20 + 10 * (float)(row % 9),
		    6);
		it->fill_on = 1;
		it->fill.g = 0.6f;
		it = shape(c.pg, DL_LINE, 50, y - 15, 495, 0);
		it->stroke.r = it->stroke.g = it->stroke.b = 0.7f;
	}
	doc->info.title = name;
	doc->info.creator = "revpack pdfspec";
	doc->info.has_date = 1;
	doc->info.epoch = 1767225600;
}

static int
write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(b->p, 1, b->len, f) != b->len) {
		if (f != NULL)
			fclose(f);
		return -1;
	}
	return fclose(f);
}

/* now: CPU time of this thread, so that other busy processes on the
 * machine do not count. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* vary_name: the i-th name of the bench: one of the test names plus a
 * middle name made from i, so that documents draw different glyphs as
 * real names do. */
static void
vary_name(char *out, size_t size, long i)
{
	static const char up[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char low[] = "aeioujkqvwxyz";

	snprintf(out, size, "%c%c%c %s", up[i % 26], low[i / 26 % 13],
	    low[i / 338 % 13], names[i % NELEM(names)]);
}

/* A bench worker: its own device and reporter, the shared fontset. */
struct worker {
	pthread_t tid;
	const struct fontset *fs;
	long n;
	const char *outdir;
	int id, rc;
	double cpu, bytes;
	uint64_t hash;          /* FNV-1a of every document's bytes */
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pdfdev *dev = pdfdev_new(w->fs);
	struct diag *d = diag_new(stderr);
	struct buf out;
	char name[128];
	long i;
	size_t k;

	buf_init(&out);
	w->hash = 14695981039346656037ULL;
	for (i = 0; i < w->n && w->rc == 0; i++) {
		struct arena *a = arena_new();
		struct dl_doc doc;
		double t0;

		dl_init(&doc, a);
		vary_name(name, sizeof(name), i);
		bench_doc(&doc, w->fs, name);
		buf_reset(&out);
		t0 = now();
		w->rc = pdfdev_render(dev, &doc, &out, d);
		w->cpu += now() - t0;
		w->bytes += (double)out.len;
		for (k = 0; k < out.len; k++)
			w->hash = (w->hash ^ (unsigned char)out.p[k]) *
			    1099511628211ULL;
		if (w->outdir != NULL && w->rc == 0) {
			char path[512];

			snprintf(path, sizeof(path), "%s/doc-%d-%ld.pdf",
			    w->outdir, w->id, i);
			w->rc = write_file(path, &out);
		}
		dl_release(&doc);
		arena_free(a);
	}
	buf_free(&out);
	diag_free(d);
	pdfdev_free(dev);
	return NULL;
}

/* bench: each of nthreads workers renders the same n documents, cycling
 * through the names; prints the rate and mean size, and fails when the
 * workers' bytes differ. Files go to outdir when given. */
static int
bench(const struct fontset *fs, long n, int nthreads, const char *outdir)
{
	struct worker w[16];
	struct timespec t0, t1;
	double cpu = 0, bytes = 0, wall;
	int i, rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nthreads; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].fs = fs;
		w[i].n = n;
		w[i].outdir = outdir;
		w[i].id = i;
		if (pthread_create(&w[i].tid, NULL, work, &w[i]) != 0)
			return 1;
	}
	for (i = 0; i < nthreads; i++) {
		pthread_join(w[i].tid, NULL);
		cpu += w[i].cpu;
		bytes += w[i].bytes;
		if (w[i].rc != 0 || w[i].hash != w[0].hash)
			rc = 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	wall = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	n *= nthreads;
	printf("%ld docs in %.3f s of CPU: %.0f docs/s per core, %.1f KB/doc",
	    n, cpu, (double)n / cpu, bytes / (double)n / 1024);
	if (nthreads > 1)
		printf("; %d threads: %.0f docs/s wall, %s", nthreads,
		    (double)n / wall, rc ? "OUTPUTS DIFFER" : "identical outputs");
	printf("\n");
	return rc;
}

int
main(int argc, char **argv)
{
	struct diag *d = diag_new(stderr);
	struct font_request req;
	struct fontset *fs;
	struct cpset *used = xcalloc(1, sizeof(*used));
	struct pdfdev *dev;
	char tmp[] = "/tmp/pdfspec.XXXXXX", *images[4], cmd[64];
	const char *out = NULL, *outdir = NULL, *regular = NULL, *bold = NULL;
	const char *fixed = "revpack PDF device test Go to section 1 Section "
	    "\xc5\xbb\xc3\xb3\xc5\x82\xc4\x87 \xe7\x8e\x8b Scorecard Competency "
	    "listening Expected level meets Customer Success EMEA Name Job "
	    "title Department Manager Period Overall Thumbs up";
	long nbench = 0, extra_cjk = 0, cjk = 0, c;
	int nthreads = 1;
	int nimages = 0, i, rc = 1, nodate = 0;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
			nthreads = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc)
			nbench = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			outdir = argv[++i];
		else if (strcmp(argv[i], "--regular") == 0 && i + 1 < argc)
			regular = argv[++i];
		else if (strcmp(argv[i], "--bold") == 0 && i + 1 < argc)
			bold = argv[++i];
		else if (strcmp(argv[i], "--extra-cjk") == 0 && i + 1 < argc)
			extra_cjk = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--cjk-block") == 0 && i + 1 < argc)
			cjk = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--no-date") == 0)
			nodate = 1;
		else if (strcmp(argv[i], "--image") == 0 && i + 1 < argc &&
		    nimages < 4)
			images[nimages++] = argv[++i];
		else
			out = argv[i];
	}
	if ((out == NULL && nbench <= 0) || nthreads < 1 || nthreads > 16) {
		fputs("usage: pdfspec OUT.pdf [--image FILE]... | "
		    "pdfspec --bench N [--out DIR]\n", stderr);
		return 2;
	}
	font_request_default(&req);
	if (regular != NULL)
		req.regular = regular;
	if (bold != NULL)
		req.bold = bold;
	fs = fontset_new(&req, d);
	if (fs == NULL || mkdtemp(tmp) == NULL)
		return 1;
	for (k = 0; k < NELEM(names); k++)
		cpset_add_utf8(used, names[k], strlen(names[k]));
	cpset_add_utf8(used, fixed, strlen(fixed));
	for (c = 0; (c < extra_cjk || c < cjk) && c < 20000; c++)
		cpset_add(used, 0x4E00 + (uint32_t)c);
	if (fontset_subset(fs, used, tmp, d) == 0) {
		dev = pdfdev_new(fs);
		if (nbench > 0) {
			rc = bench(fs, nbench, nthreads, outdir) != 0;
		} else {
			struct arena *a = arena_new();
			struct dl_doc doc;
			struct buf b;

			buf_init(&b);
			dl_init(&doc, a);
			test_doc(&doc, fs, d, images, nimages, cjk);
			doc.info.has_date = !nodate;
			rc = pdfdev_render(dev, &doc, &b, d) != 0 ||
			    write_file(out, &b) != 0;
			buf_free(&b);
			dl_release(&doc);
			arena_free(a);
		}
		pdfdev_free(dev);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	if (system(cmd) != 0)
		rc = 1;
	fontset_free(fs);
	free(used);
	diag_free(d);
	return rc;
}
