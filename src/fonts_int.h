/* fonts_int.h: the fontset's insides, shared by fonts.c (reading the
 * faces, shaping, subsets: the HarfBuzz side) and fonts_table.c (which
 * face prints each code point, and at what width). Private to them. */
#ifndef REVPACK_FONTS_INT_H
#define REVPACK_FONTS_INT_H

#include "fonts.h"
#include "ttf.h"

/* The placeholder for a character no face can print: U+FFFD, which
 * extracts as itself (never as a space); '?' when no face has U+FFFD. */
#define PLACEHOLDER_CP 0xFFFDu

/* fontset.pick's mark for a default-ignorable code point (a joiner, a
 * variation selector, a bidi control, a soft hyphen): kept in the text
 * for shaping, but no face draws it, it has no width and it is never a
 * missing character. */
#define PICK_IGNORABLE (-2)

struct face {
	char *name;             /* as requested, for messages */
	char *file;             /* what the device reads (the subset once made) */
	int index;              /* .ttc face index, -1 for a .ttf */
	int same_as;            /* earlier face with the same file, or -1 */
	int used;               /* after subsetting: any code point uses it */
	struct ttf t;
	struct font_metrics m;
	struct hb_font_t *hb;   /* for shaping: the face's file as it is now */
};

struct fontset {
	struct face *faces;
	size_t n;
	size_t nfallback;       /* faces 2.. are fallbacks, then their bold */
	int subset;             /* fontset_subset has run */
	/* Per style, the faces in the order they are tried. */
	int *order[NFONT_STYLES];
	size_t norder[NFONT_STYLES];
	/* Per style and BMP code point: the face that prints it (-1: none)
	 * and its width in 1/1000 em. */
	int16_t *pick[NFONT_STYLES];
	uint16_t *width[NFONT_STYLES];
	int ph_face[NFONT_STYLES];      /* face of the placeholder */
	const char *ph[NFONT_STYLES];   /* the placeholder's UTF-8 */
	int ph_width[NFONT_STYLES];
	struct cpset before;            /* covered before subsetting */
};

/* fonts_table.c */
/* fonts_canon: the face that holds face i's data (i, or the one it
 * repeats). */
int fonts_canon(const struct fontset *fs, int i);
/* fonts_is_control: C0 and C1 controls and DEL never print. */
int fonts_is_control(uint32_t cp);
/* fonts_make_order: the faces tried per style (fs->order). */
void fonts_make_order(struct fontset *fs);
/* fonts_build_tables: fs->pick and fs->width of every BMP code point per
 * style, and the placeholders; again after subsetting. */
void fonts_build_tables(struct fontset *fs);
/* fonts_astral_pick: the face that prints cp above the BMP in style s,
 * or -1; its width in *w. */
int fonts_astral_pick(const struct fontset *fs, int s, uint32_t cp, int *w);
/* fonts_warn_missing: reports in d (NULL: nowhere), once per code point,
 * why cp (the n bytes at s) prints as the placeholder. */
void fonts_warn_missing(const struct fontset *fs, uint32_t cp, const char *s,
    int n, struct diag *d);

#endif
