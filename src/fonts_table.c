/* fonts_table.c: which face of a fontset prints each code point and at
 * what width, per style (the fallback chain laid over 65,536 entries),
 * the placeholder, and the fontset's plain accessors. No font library
 * here: the faces' own tables come from ttf.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts_int.h"
#include "util.h"

static const char placeholder_utf8[] = "\xEF\xBF\xBD";
static const char placeholder_ascii[] = "?";

/* fonts_canon: the face that holds face i's data (i, or the one it
 * repeats). */
int
fonts_canon(const struct fontset *fs, int i)
{
	return fs->faces[i].same_as >= 0 ? fs->faces[i].same_as : i;
}

/* fonts_is_control: C0 and C1 controls and DEL never print. */
int
fonts_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* glyph_widths: the width of each glyph of t in 1/1000 em, as ttf_width
 * gives it (caller frees). */
static uint16_t *
glyph_widths(const struct ttf *t)
{
	uint16_t *w = xcalloc((size_t)t->nglyphs + 1, sizeof(*w));
	unsigned g;

	for (g = 0; g < t->nglyphs; g++)
		w[g] = (uint16_t)((uint32_t)t->adv[g] * 1000u / t->upem);
	return w;
}

/* fonts_make_order: the faces tried per style: for regular text the regular
 * face, then the fallbacks; for bold text the bold face, the regular
 * face, then each fallback's bold face before the fallback itself (a
 * character its bold face lacks stays in its family). */
void
fonts_make_order(struct fontset *fs)
{
	size_t k, n = 0;

	fs->order[FONT_REGULAR] = xcalloc(fs->nfallback + 1, sizeof(int));
	fs->order[FONT_BOLD] = xcalloc(2 * fs->nfallback + 2, sizeof(int));
	fs->order[FONT_REGULAR][n++] = 0;
	for (k = 0; k < fs->nfallback; k++)
		fs->order[FONT_REGULAR][n++] = (int)(2 + k);
	fs->norder[FONT_REGULAR] = n;
	n = 0;
	fs->order[FONT_BOLD][n++] = 1;
	fs->order[FONT_BOLD][n++] = 0;
	for (k = 0; k < fs->nfallback; k++) {
		fs->order[FONT_BOLD][n++] = (int)(2 + fs->nfallback + k);
		fs->order[FONT_BOLD][n++] = (int)(2 + k);
	}
	fs->norder[FONT_BOLD] = n;
}

/* lay_face: face c (canonical, with glyph widths gw) over the style's
 * tables: every BMP code point it has is picked from it. */
static void
lay_face(struct fontset *fs, int s, int c, const uint16_t *gw)
{
	const struct ttf *t = &fs->faces[c].t;
	int16_t *pick = fs->pick[s];
	uint16_t *width = fs->width[s];
	uint32_t cp;

	for (cp = 0; cp <= 0xFFFF; cp++) {
		uint16_t g = t->gid[cp];

		if (g != 0 && g < t->nglyphs) {
			pick[cp] = (int16_t)c;
			width[cp] = gw[g];
		}
	}
}

/* fonts_build_tables: the face and width of every BMP code point per style,
 * the first face of the style's order that has it (make_order);
 * default-ignorable code points get PICK_IGNORABLE and no width. Faces
 * that duplicate an earlier one map to it. The faces are laid over each
 * other from the last to the first, so the first that has a code point
 * is the one left. */
void
fonts_build_tables(struct fontset *fs)
{
	uint16_t **gw = xcalloc(fs->n + 1, sizeof(*gw));
	uint32_t ign[64][2];
	size_t nign = uni_ignorable_ranges(ign, NELEM(ign));
	int s;
	uint32_t cp;
	size_t i, k;

	for (i = 0; i < fs->n; i++)
		if (fs->faces[i].same_as < 0 && fs->faces[i].t.gid != NULL)
			gw[i] = glyph_widths(&fs->faces[i].t);
	for (s = 0; s < NFONT_STYLES; s++) {
		if (fs->pick[s] == NULL) {
			fs->pick[s] = xmalloc(65536 * sizeof(int16_t));
			fs->width[s] = xmalloc(65536 * sizeof(uint16_t));
		}
		memset(fs->pick[s], -1, 65536 * sizeof(int16_t));
		memset(fs->width[s], 0, 65536 * sizeof(uint16_t));
		for (k = fs->norder[s]; k > 0; k--) {
			int c = fonts_canon(fs, fs->order[s][k - 1]);

			if (gw[c] != NULL)
				lay_face(fs, s, c, gw[c]);
		}
		for (cp = 0; cp <= 0xFFFF; cp++)
			if (fonts_is_control(cp)) {
				fs->pick[s][cp] = -1;
				fs->width[s][cp] = 0;
			}
		for (i = 0; i < nign; i++)
			for (cp = ign[i][0]; cp <= ign[i][1] && cp <= 0xFFFF;
			    cp++) {
				fs->pick[s][cp] = PICK_IGNORABLE;
				fs->width[s][cp] = 0;
			}
		cp = fs->pick[s][PLACEHOLDER_CP] >= 0 ? PLACEHOLDER_CP : '?';
		fs->ph[s] = cp == '?' ? placeholder_ascii : placeholder_utf8;
		fs->ph_face[s] = fs->pick[s][cp] >= 0 ? fs->pick[s][cp] : 0;
		fs->ph_width[s] = fs->width[s][cp];
	}
	for (i = 0; i < fs->n; i++)
		free(gw[i]);
	free(gw);
}

/* fonts_astral_pick: the face that prints code point cp above the BMP in
 * style s (the first of the style's order that has it), or -1; its
 * width in 1/1000 em in *w. A search per character: such characters
 * are rare, and a table of them would be large. */
int
fonts_astral_pick(const struct fontset *fs, int s, uint32_t cp, int *w)
{
	size_t k;

	*w = 0;
	for (k = 0; k < fs->norder[s]; k++) {
		int c = fonts_canon(fs, fs->order[s][k]);
		const struct ttf *t = &fs->faces[c].t;

		if (t->gid != NULL && ttf_has(t, cp)) {
			*w = ttf_width(t, cp);
			return c;
		}
	}
	return -1;
}

size_t
fontset_nfaces(const struct fontset *fs)
{
	return fs->n;
}

const char *
fontset_face_file(const struct fontset *fs, int face, int *ttc)
{
	const struct face *f = &fs->faces[face];

	if (f->same_as >= 0)
		f = &fs->faces[f->same_as];
	*ttc = f->index;
	return f->used ? f->file : NULL;
}

const struct font_metrics *
fontset_metrics(const struct fontset *fs, int face)
{
	return &fs->faces[face].m;
}

int
fontset_face_has(const struct fontset *fs, int face, uint32_t cp)
{
	const struct face *f = &fs->faces[face];

	if (f->same_as >= 0)
		f = &fs->faces[f->same_as];
	return f->t.gid != NULL && ttf_has(&f->t, cp);
}

/* fonts_warn_missing: reports once per code point why it became a
 * placeholder. */
void
fonts_warn_missing(const struct fontset *fs, uint32_t cp, const char *s, int n,
    struct diag *d)
{
	char key[32];

	if (d == NULL)
		return;
	snprintf(key, sizeof(key), "glyph U+%04X", (unsigned)cp);
	if (!diag_once(d, key))
		return;
	if (fonts_is_control(cp))
		diag_warning(d, NULL, "control character U+%04X cannot be "
		    "printed; printed as a placeholder instead", (unsigned)cp);
	else if (cpset_has(&fs->before, cp))
		diag_warning(d, NULL, "character U+%04X \"%.*s\" was not "
		    "collected for the font subsets (a revpack bug); printed "
		    "as a placeholder instead", (unsigned)cp, n, s);
	else
		diag_warning(d, NULL, "no configured font has a glyph for "
		    "U+%04X \"%.*s\"; printed as a placeholder instead; "
		    "expected a font covering it in the template's fallback "
		    "fonts", (unsigned)cp, n, s);
}

void
fontset_quiet(struct diag *d, uint32_t cp)
{
	char key[32];

	snprintf(key, sizeof(key), "glyph U+%04X", (unsigned)cp);
	diag_once(d, key);
}
