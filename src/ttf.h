/* ttf.h: the few TrueType tables revpack reads itself (head, hhea, maxp,
 * OS/2, cmap, hmtx), so that layout measures text exactly as the PDF's
 * width array will say, without a PDF or shaping library. */
#ifndef REVPACK_TTF_H
#define REVPACK_TTF_H

#include <stddef.h>
#include <stdint.h>

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

#endif
