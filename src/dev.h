/* dev.h: the display list layout hands to a device (placed text runs, lines,
 * shapes, links, outlines, page labels), and the two devices: PDF (through
 * libharu, dev_pdf.c) and text (a dump for golden tests, dev_text.c).
 * Coordinates are PDF points, origin at the bottom-left of the page. */
#ifndef REVPACK_DEV_H
#define REVPACK_DEV_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct fontset;

struct rgb {
	float r, g, b;          /* 0..1 */
};

/* rgb_readable: text, or white, whichever reads better on bg (WCAG 2
 * contrast): the word on a status chip, in the PDFs and the workbook. */
struct rgb rgb_readable(struct rgb text, struct rgb bg);

enum dl_kind {
	DL_TEXT,        /* run of one face at (x, y) = baseline start */
	DL_LINE,        /* from (x, y) to (x + w, y + h) */
	DL_RECT,        /* lower-left (x, y), size (w, h) */
	DL_POLY,        /* npts points in pts; closed when `closed` */
	DL_CIRCLE,      /* centre (x, y), radius w */
	DL_IMAGE,       /* image `ref` into the box (x, y, w, h) */
	DL_LINK         /* clickable box (x, y, w, h) to page `ref` (0-based) */
};

struct dl_item {
	enum dl_kind kind;
	float x, y, w, h;
	struct rgb fill, stroke;
	unsigned char fill_on, stroke_on;
	union {
		unsigned char closed;   /* DL_POLY */
		unsigned char dir;      /* DL_TEXT: an enum font_dir: AUTO, or
		                           the direction bidi gave the run */
	};
	union {
		unsigned char dash;     /* lines: 0: solid; else dash and gap
		                           length, 1..100 pt */
		unsigned char cont;     /* DL_TEXT: goes on from the item
		                           before, on one line */
	};
	float line_width;
	float alpha;            /* fill opacity, 0..1 (1: opaque) */
	/* DL_TEXT */
	int face;               /* index of a face in the fontset */
	float size;
	/* What only some kinds use shares room (80 bytes an item instead of
	 * 96: a manager packet has 700,000): read a field only for its kind. */
	union {
		const char *text;       /* DL_TEXT: UTF-8 of one face, no
		                           control characters */
		const float *pts;       /* DL_POLY: x0, y0, x1, y1, ... */
	};
	union {
		size_t len;             /* DL_TEXT */
		int npts;               /* DL_POLY */
		int ref;                /* DL_IMAGE, DL_LINK */
	};
};

struct dl_page {
	struct dl_item *items;  /* after the packed ones, if any */
	size_t n, cap;
	float width, height;
	/* Items packed by dl_pack_page (a long file's finished pages): they
	 * come before `items`; read a page with dl_page_items. */
	unsigned char *packed;
	size_t packed_len, npacked;
};

struct dl_outline {
	int level;              /* 0: top */
	const char *title;      /* UTF-8 */
	int page;               /* 0-based */
	float y;                /* top of the destination */
};

enum dl_label_style {
	DL_LABEL_DECIMAL,
	DL_LABEL_ROMAN_LOWER,
	DL_LABEL_ROMAN_UPPER,
	DL_LABEL_NONE           /* prefix only */
};

struct dl_label {
	int page;               /* first page of the range, 0-based */
	enum dl_label_style style;
	const char *prefix;
	int first;              /* number of the range's first page */
};

struct dl_info {
	const char *title, *author, *subject, *creator, *keywords;
	int has_date;
	long long epoch;        /* creation and modification date, UTC */
};

/* A document: pages of items plus navigation. Everything it points to
 * lives in `arena` (owned by whoever made the document). */
struct dl_doc {
	struct dl_page *pages;
	size_t npages, pages_cap;
	struct dl_outline *outlines;
	size_t noutlines, outlines_cap;
	struct dl_label *labels;
	size_t nlabels, labels_cap;
	const char **images;    /* image files (PNG or JPEG), by ref */
	size_t nimages, images_cap;
	struct dl_info info;
	struct arena *arena;
};

/* Building display lists (dl.c). A page or item pointer stays valid until
 * the next dl_add_page (pages) or dl_add_item on that page (items). New
 * items are zeroed except alpha = 1 and line_width = 1. Outline titles,
 * label prefixes and image paths are copied into the arena; item text and
 * points must already live there. */
void dl_init(struct dl_doc *doc, struct arena *arena);
void dl_release(struct dl_doc *doc);    /* frees the arrays, not the arena */
/* dl_page_clear: a page's items (unpacked and packed) freed; it is then
 * empty. */
void dl_page_clear(struct dl_page *pg);
struct dl_page *dl_add_page(struct dl_doc *doc, float width, float height);
struct dl_item *dl_add_item(struct dl_page *pg, enum dl_kind kind);
void dl_add_outline(struct dl_doc *doc, int level, const char *title,
    int page, float y);
void dl_add_label(struct dl_doc *doc, int page, enum dl_label_style style,
    const char *prefix, int first);
int dl_add_image(struct dl_doc *doc, const char *path);
/* dl_mirror: mirrors page pg left to right, for a language written right
 * to left: every item's box moves to the other side; a text item keeps
 * its glyphs, and the runs of one line (cont) keep their order, which
 * bidi made visual already. */
void dl_mirror(struct dl_page *pg);
/* dl_append: appends src's pages, outlines (one level deeper when
 * `nest`), labels and images to dst, copying what src's arena holds into
 * dst's. For packets. */
void dl_append(struct dl_doc *dst, const struct dl_doc *src, int nest);
/* dl_pack_page: moves the page's items into `packed`, each item as the
 * 4-byte words in which it differs from the item before, behind a mask
 * of them (about a third of the memory; the bytes come back exactly).
 * Items added later follow them. For a long file's finished pages;
 * *scratch is working room of *cap bytes (grown as needed; the caller
 * frees it). */
void dl_pack_page(struct dl_page *pg, unsigned char **scratch,
    size_t *cap);
/* dl_page_items: the page's items in order, in *n: pg->items when none
 * are packed, else the packed ones unpacked into *scratch (grown as
 * needed, *cap its room; the caller frees it), followed by pg->items.
 * Valid until the next call with the same scratch. */
const struct dl_item *dl_page_items(const struct dl_page *pg,
    struct dl_item **scratch, size_t *cap, size_t *n);

/* The PDF device. One per worker thread: it keeps the faces' font
 * programs and images it reads, and caches each document's own fonts (a
 * document's fonts hold only the characters it prints) per set of
 * characters. fs must outlive it. */
struct pdfdev;
struct pdfdev *pdfdev_new(const struct fontset *fs);
void pdfdev_free(struct pdfdev *dev);   /* NULL is a no-op */
/* pdfdev_render: the document as PDF bytes appended to out. Returns 0, or
 * -1 after reporting the problem in d (an image that cannot be read, say).
 * The same document always gives the same bytes. */
int pdfdev_render(struct pdfdev *dev, const struct dl_doc *doc,
    struct buf *out, struct diag *d);
/* pdfdev_render_cb: pdfdev_render, calling done(arg, i) as soon as the
 * device has read page i's items for the last time (it reads each page's
 * items once, in order, after a first pass over all of them for the
 * fonts), so that their owner can free them while the rest is drawn: a
 * document of thousands of pages need not hold its display list until
 * the PDF is saved. Then done(arg, doc->npages) once it reads nothing of
 * the document any more (its counts excepted), before the save. done
 * may be NULL. Same bytes as pdfdev_render. */
int pdfdev_render_cb(struct pdfdev *dev, const struct dl_doc *doc,
    struct buf *out, struct diag *d, void (*done)(void *arg, size_t page),
    void *arg);

/* The text device: one line per item, coordinates to 0.01 pt, for golden
 * layout tests that do not depend on PDF bytes. */
void textdev_render(const struct dl_doc *doc, const struct fontset *fs,
    struct buf *out);

#endif
