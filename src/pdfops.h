/* pdfops.h: the operators of a PDF page's content stream, written into a
 * buffer: text runs in simple (1-byte codes) and Identity-H (2-byte
 * CIDs) fonts, codes from a table per font,
 * paths, fills and strokes, images. Numbers are formatted by hand
 * (no locale, no printf), so the bytes are the same everywhere. */
#ifndef REVPACK_PDFOPS_H
#define REVPACK_PDFOPS_H

#include <stdint.h>

#include "dev.h"
#include "fonts.h"

/* The graphics and text state already set on the page, so repeats are
 * skipped; consecutive text items share one text object. */
struct pdfops {
	struct buf *b;
	int have_fill, have_stroke, have_width, dash;
	struct rgb fill, stroke;
	float width;
	int in_text;            /* inside BT ... ET */
	char font[16];          /* current Tf font, "" for none */
	long font_size;         /* in 1/100 pt */
	long tx, ty;            /* text line start, in 1/100 pt */
};

/* ops_start: begins a page's operators in b (appending). */
void ops_start(struct pdfops *o, struct buf *b);
/* ops_finish: ends the page's operators (closes an open text object). */
void ops_finish(struct pdfops *o);
/* ops_text: a DL_TEXT item in the font resource `font` ("F1"): baseline
 * start (x, y), size, fill colour, text as codes of `bytes` (1 or 2)
 * bytes: cid[cp] for each code point (one outside the BMP counts as
 * U+FFFD), or the code point itself when cid is NULL. */
void ops_text(struct pdfops *o, const char *font, const struct dl_item *it,
    const uint16_t *cid, int bytes);
/* ops_glyphs: a DL_TEXT item that is shaped (fontset_shapes): the glyphs
 * of sh (its shaping) as codes gcid[gid], each placed where shaping puts
 * it (TJ adjustments from w[i], glyph i's width in the font, to the
 * shaped advances and offsets; Ts for vertical offsets), inside a marked
 * content span whose /ActualText is the item's text, so that extraction
 * gives the logical text whatever the glyphs are. */
void ops_glyphs(struct pdfops *o, const char *font, const struct dl_item *it,
    const struct font_shaped *sh, const int *w, const uint16_t *gcid,
    int bytes);
/* ops_shape: a DL_LINE, DL_RECT, DL_POLY or DL_CIRCLE item. `gs` names
 * the ExtGState resource of the item's fill opacity (NULL: opaque). */
void ops_shape(struct pdfops *o, const struct dl_item *it, const char *gs);
/* ops_image: the image XObject `xobj` ("X1") scaled into the item's box. */
void ops_image(struct pdfops *o, const char *xobj, const struct dl_item *it);

/* ops_num: v with at most `decimals` (0..4) decimals and no trailing
 * zeros ("12", "-0.5", "3.14"); -0 and non-finite values print "0". */
void ops_num(struct buf *b, double v, int decimals);

#endif
