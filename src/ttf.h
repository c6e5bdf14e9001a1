/* ttf.h: the few TrueType tables revpack reads itself (head, hhea, maxp,
 * OS/2, cmap, hmtx), so that layout measures text exactly as the PDF's
 * width array will say, without a PDF or shaping library. */
#ifndef REVPACK_TTF_H
#define REVPACK_TTF_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* ttf_u16, ttf_u32: the big-endian numbers of TrueType data at p (the
 * caller has checked that they lie inside the data). */
static inline uint16_t
ttf_u16(const unsigned char *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t
ttf_u32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	    ((uint32_t)p[2] << 8) | p[3];
}

/* Code points lo..hi (above the BMP) drawn by glyphs gid, gid + 1, ...
 * (a group of the font's format 12 cmap). */
struct ttf_range {
	uint32_t lo, hi, gid;
};

/* One face of a .ttf or .ttc file. Vertical metrics are in font units. */
struct ttf {
	int collection;         /* the file is a .ttc */
	uint16_t upem;          /* units per em */
	uint16_t nglyphs;
	int16_t ascender, descender, cap_height;
	uint16_t *gid;          /* [65536]: glyph of each BMP code point, 0: none */
	uint16_t *adv;          /* [nglyphs]: advance widths in font units */
	struct ttf_range *astral;       /* above the BMP, ascending, disjoint */
	size_t nastral;
};

/* ttf_read: reads face `index` (0 for a .ttf) of the file at path into
 * *t. Returns 0, or -1 with *why set to a constant sentence saying what is
 * wrong (not a font, a CFF font, a symbol font, damaged). Release with
 * ttf_release. */
int ttf_read(const char *path, int index, struct ttf *t, const char **why);
/* ttf_file: the whole file at path, its size in *n (caller frees), or
 * NULL with errno saying why it cannot be read. For ttf_read, and for
 * the PDF device, which embeds the font's bytes (devfonts.c). */
unsigned char *ttf_file(const char *path, size_t *n);
/* ttf_face_dir: in *dir the offset of face `index`'s table directory in
 * the n bytes at p (0 for a .ttf, and whenever it fails); NULL, or a
 * constant sentence saying why there is no such face. */
const char *ttf_face_dir(const unsigned char *p, size_t n, int index,
    size_t *dir);
/* ttf_read_mem: the same from bytes in memory (borrowed). */
int ttf_read_mem(const unsigned char *p, size_t n, int index, struct ttf *t,
    const char **why);
void ttf_release(struct ttf *t);

/* ttf_astral_glyph: the glyph of code point cp above the BMP (a binary
 * search of t->astral), 0 for none. */
unsigned ttf_astral_glyph(const struct ttf *t, uint32_t cp);

/* ttf_glyph: the glyph of any code point cp, 0 for none. */
static inline unsigned
ttf_glyph(const struct ttf *t, uint32_t cp)
{
	unsigned g = cp <= 0xFFFF ? t->gid[cp] : ttf_astral_glyph(t, cp);

	return g < t->nglyphs ? g : 0;
}

/* ttf_width: the advance of code point cp in 1/1000 em, truncated as
 * libharu truncates it for the PDF width array; 0 when not covered. */
static inline int
ttf_width(const struct ttf *t, uint32_t cp)
{
	unsigned g = ttf_glyph(t, cp);

	if (g == 0)
		return 0;
	return (int)((uint32_t)t->adv[g] * 1000u / t->upem);
}

/* ttf_has: 1 when the face maps cp to a real glyph. */
static inline int
ttf_has(const struct ttf *t, uint32_t cp)
{
	return ttf_glyph(t, cp) != 0;
}


/* --- the font program a document embeds (ttfprog.c) ---
 * A face's TrueType program (the run's subset) parsed so that each
 * document can get its own font holding only the glyphs it draws,
 * numbered densely: glyph i + 1 draws the document's i-th code point,
 * then come the components of composite glyphs. Nothing in such a font
 * depends on the code points it was not asked for. One ttf_prog is used
 * by one thread at a time (it keeps scratch space). */
struct ttf_prog;

/* What a PDF font descriptor says about a face, in 1/1000 em. */
struct ttf_desc {
	char psname[64];        /* PostScript name (name ID 6), PDF-name safe */
	int bbox[4];            /* xMin yMin xMax yMax of the whole face */
	int ascent, descent, cap_height, x_height, italic_angle, stemv;
	unsigned flags;         /* PDF font flags */
};

/* ttf_prog_new: parses face `index` (0 for a .ttf) of the n bytes at p
 * (copied). NULL when it is not a TrueType font this code can take
 * apart. */
struct ttf_prog *ttf_prog_new(const unsigned char *p, size_t n, int index);
void ttf_prog_free(struct ttf_prog *fp);        /* NULL is a no-op */
unsigned ttf_prog_nglyphs(const struct ttf_prog *fp);
/* ttf_prog_glyph_len: the bytes of glyph g's outline (0: empty). */
size_t ttf_prog_glyph_len(const struct ttf_prog *fp, unsigned g);
/* ttf_prog_has: 1 when the face maps cp (below U+FFFF) to a glyph. */
int ttf_prog_has(const struct ttf_prog *fp, uint32_t cp);
/* ttf_prog_width: cp's advance in 1/1000 em, truncated as fonts.c
 * measures it (0 when not covered). */
int ttf_prog_width(const struct ttf_prog *fp, uint32_t cp);
void ttf_prog_desc(const struct ttf_prog *fp, struct ttf_desc *d);
/* ttf_prog_subset: appends to out a TrueType font with the glyphs of the
 * n code points cps (ascending, each one ttf_prog_has), glyph i + 1
 * drawing cps[i], then every component of their composite glyphs (to
 * any depth, ids rewritten); a format 4 cmap of just those code points,
 * or when symbolic (n < 256, for a simple PDF font with 1-byte codes) a
 * cmap of codes only: code i + 1 draws glyph i + 1 (Windows symbol
 * U+F001.., Macintosh 1..); the face's own metrics and names otherwise
 * (no glyph names); table checksums and the head checksum adjustment
 * set. */
void ttf_prog_subset(struct ttf_prog *fp, const uint16_t *cps, size_t n,
    int symbolic, struct buf *out);
/* ttf_prog_subset_glyphs: the same with, after the code points' glyphs,
 * the m glyphs gids (shaped glyphs, which no code point may reach):
 * glyph n + j + 1 draws gids[j]; codes n + 1 .. n + m draw them when
 * symbolic, and the cmap names only the code points otherwise. */
void ttf_prog_subset_glyphs(struct ttf_prog *fp, const uint16_t *cps,
    size_t n, const uint16_t *gids, size_t m, int symbolic, struct buf *out);
/* ttf_prog_gwidth: glyph g's advance in 1/1000 em, truncated. */
int ttf_prog_gwidth(const struct ttf_prog *fp, unsigned g);
/* ttf_prog_glyph_cp: the smallest code point the face maps to glyph g,
 * 0 for none (a ligature, a contextual form). */
uint32_t ttf_prog_glyph_cp(const struct ttf_prog *fp, unsigned g);

#endif
