/* ttf.h: the few TrueType tables revpack reads itself (head, hhea, maxp,
 * OS/2, cmap, hmtx), so that layout measures text exactly as the PDF's
 * width array will say, without a PDF or shaping library. */
#ifndef REVPACK_TTF_H
#define REVPACK_TTF_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* One face of a .ttf or .ttc file. Vertical metrics are in font units. */
struct ttf {
	int collection;         /* the file is a .ttc */
	uint16_t upem;          /* units per em */
	uint16_t nglyphs;
	int16_t ascender, descender, cap_height;
	uint16_t *gid;          /* [65536]: glyph of each BMP code point, 0: none */
	uint16_t *adv;          /* [nglyphs]: advance widths in font units */
};

/* ttf_read: reads face `index` (0 for a .ttf) of the file at path into
 * *t. Returns 0, or -1 with *why set to a constant sentence saying what is
 * wrong (not a font, a CFF font, a symbol font, damaged). Release with
 * ttf_release. */
int ttf_read(const char *path, int index, struct ttf *t, const char **why);
/* ttf_read_mem: the same from bytes in memory (borrowed). */
int ttf_read_mem(const unsigned char *p, size_t n, int index, struct ttf *t,
    const char **why);
void ttf_release(struct ttf *t);

/* ttf_width: the advance of code point cp in 1/1000 em, truncated as
 * libharu truncates it for the PDF width array; 0 when not covered. */
static inline int
ttf_width(const struct ttf *t, uint32_t cp)
{
	uint16_t g;

	if (cp > 0xFFFF)
		return 0;
	g = t->gid[cp];
	if (g == 0 || g >= t->nglyphs)
		return 0;
	return (int)((uint32_t)t->adv[g] * 1000u / t->upem);
}

/* ttf_has: 1 when the face maps cp to a real glyph. */
static inline int
ttf_has(const struct ttf *t, uint32_t cp)
{
	return cp <= 0xFFFF && t->gid[cp] != 0 && t->gid[cp] < t->nglyphs;
}


/* --- trimming a font program per document ---
 * A TrueType font program (as embedded in a PDF) parsed so that copies
 * holding only some of its glyphs can be made fast: glyph ids stay the
 * same, the glyphs left out become empty. */
struct ttf_prog;

/* ttf_prog_new: parses the n bytes at p (copied). NULL when the font is
 * not a TrueType font this code can trim (the caller embeds it whole). */
struct ttf_prog *ttf_prog_new(const unsigned char *p, size_t n);
void ttf_prog_free(struct ttf_prog *fp);        /* NULL is a no-op */
unsigned ttf_prog_nglyphs(const struct ttf_prog *fp);
/* ttf_prog_glyph_len: the bytes of glyph g's outline (0: empty). */
size_t ttf_prog_glyph_len(const struct ttf_prog *fp, unsigned g);
/* ttf_prog_close: flags glyph 0 and every component of a flagged
 * composite glyph, to any depth, in keep (nglyphs bytes, 0 or 1). */
void ttf_prog_close(const struct ttf_prog *fp, unsigned char *keep);
/* ttf_prog_trim: appends to out the font with the glyphs flagged in keep
 * (nglyphs bytes, 0 or 1), glyph 0 and every component of a kept
 * composite glyph (which it flags in keep); table checksums and the head
 * checksum adjustment recomputed. */
void ttf_prog_trim(const struct ttf_prog *fp, unsigned char *keep,
    struct buf *out);

#endif
