/* fontprog.h: the parts of embedding fonts that need no PDF library:
 * each document's own font for a face (font program, widths, ToUnicode
 * CMap, dictionaries), made from the code points the document draws in
 * that face and nothing else, cached per set of code points. Used by
 * dev_pdf.c; one per face and device (not thread-safe). */
#ifndef REVPACK_FONTPROG_H
#define REVPACK_FONTPROG_H

#include <stddef.h>
#include <stdint.h>

#include "deflate.h"
#include "util.h"

/* The most code points a face of a document may draw for its font to be
 * a simple TrueType font with 1-byte codes (half the bytes of text in
 * page content, one dictionary fewer); beyond it, a Type0 font with
 * 2-byte CIDs (Identity-H). */
#define FONTDOC_SIMPLE_MAX 255

/* The most code points the ToUnicode entry of one shaped glyph names. */
#define FONTDOC_GTEXT_MAX 4

/* What one document embeds for one face. Every byte is a function of the
 * face and of the code points the document draws in it: the font program
 * holds only their glyphs, glyph i + 1 drawing the i-th, which code i + 1
 * selects; the widths and the ToUnicode CMap list only those codes; the
 * subset tag comes from a hash of them. With at most FONTDOC_SIMPLE_MAX
 * code points the font is simple (1-byte codes: `font` is a /TrueType
 * font, `cidfont` empty, the program's cmap maps codes, not characters),
 * otherwise a Type0 font (2-byte codes = CIDs = glyphs, CIDToGIDMap
 * /Identity). Dictionaries are given as their direct entries ("/Key
 * value\n"); the caller adds the references: a simple font's
 * /FontDescriptor and /ToUnicode; a Type0 font's /DescendantFonts
 * [CIDFont] and /ToUnicode, and the CIDFont's /FontDescriptor; the
 * descriptor's /FontFile2. */
struct fontdoc {
	int simple;                             /* 1-byte codes */
	struct buf font, cidfont, descriptor;
	struct buf prog, prog_dict;             /* FontFile2: deflated, entries */
	struct buf tounicode, tounicode_dict;   /* ToUnicode: deflated, entries */
	uint16_t *cps;          /* code i + 1 draws code point cps[i] */
	size_t ncps;
	uint16_t *gids;         /* code ncps + j + 1 draws shaped glyph gids[j] */
	uint32_t *gtext;        /* [ngids * FONTDOC_GTEXT_MAX]: their texts */
	size_t ngids;
	uint64_t hash;          /* of cps, for the cache */
};

/* A face as documents embed it. */
struct fontprog;
/* fontprog_new: parses the TrueType font (face `index` of a .ttc, -1 or
 * 0 for a .ttf) in the n bytes at p (copied); `face` (the face's number
 * in its fontset) keeps subset tags of different faces apart. NULL when
 * the font cannot be taken apart. */
struct fontprog *fontprog_new(const unsigned char *p, size_t n, int index,
    int face);
void fontprog_free(struct fontprog *fp);        /* NULL is a no-op */
/* fontprog_nglyphs: the number of glyphs of the face. */
unsigned fontprog_nglyphs(const struct fontprog *fp);
/* fontprog_gwidth: glyph g's advance in 1/1000 em, as /W gives it. */
int fontprog_gwidth(const struct fontprog *fp, unsigned g);
/* fontprog_glyph_cp: the smallest code point the face maps to glyph g,
 * 0 for none. */
uint32_t fontprog_glyph_cp(const struct fontprog *fp, unsigned g);
/* fontprog_has: 1 when the face has a glyph for cp. */
int fontprog_has(const struct fontprog *fp, uint32_t cp);
/* fontprog_doc: the embedding of the n code points cps (ascending, each
 * one fontprog_has), compressed with z. The result belongs to fp's cache
 * and stays valid until the next call on fp. */
const struct fontdoc *fontprog_doc(struct fontprog *fp, const uint16_t *cps,
    size_t n, struct deflater *z);
/* fontprog_doc_glyphs: the same with, after the code points, the m
 * glyphs gids (ascending glyph ids of the face's file) that the
 * document's shaped runs draw: code n + j + 1 draws gids[j]. Its
 * ToUnicode entry is gtext[j * FONTDOC_GTEXT_MAX ...] (the text of the
 * cluster the glyph draws alone; zeros end it), else the code point the
 * face maps to that glyph, else none (the runs carry /ActualText). With
 * m = 0 it is fontprog_doc, byte for byte. */
const struct fontdoc *fontprog_doc_glyphs(struct fontprog *fp,
    const uint16_t *cps, size_t n, const uint16_t *gids,
    const uint32_t *gtext, size_t m, struct deflater *z);

#endif
