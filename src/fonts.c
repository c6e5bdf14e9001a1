/* fonts.c: the fontset: faces found through fontconfig or by file, glyph
 * coverage and widths from their own tables (ttf.c), the fallback chain
 * per code point, visible placeholders, and hb-subset subsets for
 * embedding. The only user of fontconfig and HarfBuzz. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>

#include "fonts.h"
#include "ttf.h"
#include "util.h"

/* The placeholder for a character no face can print: U+FFFD, which
 * extracts as itself (never as a space); '?' when no face has U+FFFD. */
#define PLACEHOLDER_CP 0xFFFDu
static const char placeholder_utf8[] = "\xEF\xBF\xBD";
static const char placeholder_ascii[] = "?";

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
	hb_font_t *hb;          /* for shaping: the face's file as it is now */
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

void
cpset_clear(struct cpset *set)
{
	memset(set->bits, 0, sizeof(set->bits));
	set->nastral = 0;
}

/* astral_at: where cp is, or would go, in the set's astral list. */
static size_t
astral_at(const struct cpset *set, uint32_t cp)
{
	size_t lo = 0, hi = set->nastral;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->astral[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
cpset_add(struct cpset *set, uint32_t cp)
{
	size_t at;

	if (cp <= 0xFFFF) {
		set->bits[cp / 64] |= (uint64_t)1 << (cp % 64);
		return 1;
	}
	at = astral_at(set, cp);
	if (at < set->nastral && set->astral[at] == cp)
		return 1;
	if (set->nastral == CPSET_ASTRAL_MAX)
		return 0;
	memmove(set->astral + at + 1, set->astral + at,
	    (set->nastral - at) * sizeof(*set->astral));
	set->astral[at] = cp;
	set->nastral++;
	return 1;
}

void
cpset_union(struct cpset *set, const struct cpset *src)
{
	size_t i;

	for (i = 0; i < NELEM(set->bits); i++)
		set->bits[i] |= src->bits[i];
	for (i = 0; i < src->nastral; i++)
		cpset_add(set, src->astral[i]);
}

int
cpset_empty(const struct cpset *set)
{
	size_t i;

	for (i = 0; i < NELEM(set->bits); i++)
		if (set->bits[i] != 0)
			return 0;
	return set->nastral == 0;
}

void
cpset_add_utf8(struct cpset *set, const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		i += (size_t)utf8_next(s + i, len - i, &cp);
		cpset_add(set, cp);
	}
}

int
cpset_has(const struct cpset *set, uint32_t cp)
{
	size_t at;

	if (cp <= 0xFFFF)
		return (set->bits[cp / 64] >> (cp % 64) & 1) != 0;
	at = astral_at(set, cp);
	return at < set->nastral && set->astral[at] == cp;
}

/* --- finding faces --- */

/* ends_with_ttc: 1 when the n bytes at s end in ".ttc" (any case). */
static int
ends_with_ttc(const char *s, size_t n)
{
	char tail[5];

	if (n < 4)
		return 0;
	memcpy(tail, s + n - 4, 4);
	tail[4] = '\0';
	return str_casecmp_ascii(tail, ".ttc") == 0;
}

/* split_path: a request holding '/' is a file; "x.ttc:N" names face N of
 * a collection (face 0 without ":N"), a .ttf has index -1. Returns the
 * file name (caller frees). */
static char *
split_path(const char *req, int *index)
{
	const char *colon = strrchr(req, ':');
	long n;

	*index = -1;
	if (colon != NULL && ends_with_ttc(req, (size_t)(colon - req)) &&
	    parse_long(colon + 1, strlen(colon + 1), &n) && n >= 0 &&
	    n < 10000) {
		*index = (int)n;
		return xstrndup(req, (size_t)(colon - req));
	}
	if (ends_with_ttc(req, strlen(req)))
		*index = 0;
	return xstrdup(req);
}

/* same_family: compares family names as fontconfig does: ignoring
 * blanks and ASCII case. */
static int
same_family(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if ((*a | (*a >= 'A' && *a <= 'Z' ? 0x20 : 0)) !=
		    (*b | (*b >= 'A' && *b <= 'Z' ? 0x20 : 0)))
			return 0;
		a++;
		b++;
	}
}

/* family_matches: 1 when the matched pattern carries the family asked
 * for (fontconfig always returns some font, even for a typo). */
static int
family_matches(FcPattern *match, const char *want)
{
	FcChar8 *fam;
	int i;

	for (i = 0; FcPatternGetString(match, FC_FAMILY, i, &fam) ==
	    FcResultMatch; i++)
		if (same_family((const char *)fam, want))
			return 1;
	return 0;
}

/* suggest_family: the installed family nearest to `want`, or NULL. The
 * result is copied into out. */
static const char *
suggest_family(FcConfig *cfg, const char *want, char *out, size_t size)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
	FcFontSet *list = FcFontList(cfg, pat, os);
	const char **cands;
	const char *best = NULL;
	int i, n = 0;

	cands = xcalloc(list != NULL ? (size_t)list->nfont : 1,
	    sizeof(*cands));
	for (i = 0; list != NULL && i < list->nfont; i++) {
		FcChar8 *fam;

		if (FcPatternGetString(list->fonts[i], FC_FAMILY, 0, &fam) ==
		    FcResultMatch)
			cands[n++] = (const char *)fam;
	}
	best = str_suggest(want, cands, (size_t)n);
	if (best != NULL)
		snprintf(out, size, "%s", best);
	free(cands);
	if (list != NULL)
		FcFontSetDestroy(list);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return best != NULL ? out : NULL;
}

/* fc_find: the file and face index fontconfig has for a "Family[:style]"
 * name. Returns the file (caller frees) or NULL after reporting. */
static char *
fc_find(FcConfig *cfg, const char *name, int *index, const struct pos *at,
    struct diag *d)
{
	FcPattern *pat = FcNameParse((const FcChar8 *)name), *match;
	FcResult res;
	FcChar8 *asked = NULL, *file;
	char *out = NULL, *fam, hint[256];
	int idx = 0;

	if (pat == NULL || FcPatternGetString(pat, FC_FAMILY, 0, &asked) !=
	    FcResultMatch) {
		diag_error(d, at, "font \"%s\": not a font name; expected a "
		    "family such as \"Liberation Sans\" (optionally with "
		    "\":bold\") or a path to a .ttf file", name);
		if (pat != NULL)
			FcPatternDestroy(pat);
		return NULL;
	}
	/* the family asked for, copied: substitution rewrites the
	 * pattern's family list and may free the string it held */
	fam = xstrdup((const char *)asked);
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(cfg, pat, &res);
	if (match == NULL || !family_matches(match, fam)) {
		const char *s = suggest_family(cfg, fam, hint, sizeof(hint));

		diag_error(d, at, "font \"%s\": no installed font family "
		    "\"%s\"; expected an installed family%s%s%s or a path to "
		    "a .ttf file", name, fam,
		    s ? " (did you mean \"" : "", s ? s : "", s ? "\"?)" : "");
	} else if (FcPatternGetString(match, FC_FILE, 0, &file) ==
	    FcResultMatch) {
		if (FcPatternGetInteger(match, FC_INDEX, 0, &idx) !=
		    FcResultMatch)
			idx = 0;
		out = xstrdup((const char *)file);
		*index = idx;
	}
	if (match != NULL)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	free(fam);
	return out;
}

/* own_weight: the weight fontconfig lists for face idx of file, its
 * own (a match's weight is the one asked for); -1 when it lists none,
 * or a range (a variable font). */
static int
own_weight(FcConfig *cfg, const char *file, int idx)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_WEIGHT, (char *)NULL);
	FcFontSet *list;
	int w = -1;

	FcPatternAddString(pat, FC_FILE, (const FcChar8 *)file);
	FcPatternAddInteger(pat, FC_INDEX, idx);
	list = FcFontList(cfg, pat, os);
	if (list == NULL || list->nfont < 1 ||
	    FcPatternGetInteger(list->fonts[0], FC_WEIGHT, 0, &w) !=
	    FcResultMatch)
		w = -1;
	if (list != NULL)
		FcFontSetDestroy(list);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return w;
}

/* fc_bold: the file (caller frees) and face index of family's own bold
 * face, or NULL when it has none. fontconfig's best match for bold in
 * the family must carry the family, not be marked for synthetic
 * emboldening, and be bold itself: for a family without a bold face
 * fontconfig returns the regular one, or another family's. */
static char *
fc_bold(FcConfig *cfg, const char *family, int *index)
{
	FcPattern *pat = FcPatternCreate(), *match;
	FcResult res;
	FcChar8 *file;
	FcBool emb = FcFalse;
	char *out = NULL;
	int idx = 0;

	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_BOLD);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(cfg, pat, &res);
	if (match != NULL && family_matches(match, family) &&
	    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
	    (FcPatternGetBool(match, FC_EMBOLDEN, 0, &emb) != FcResultMatch ||
	    !emb)) {
		if (FcPatternGetInteger(match, FC_INDEX, 0, &idx) !=
		    FcResultMatch)
			idx = 0;
		if (own_weight(cfg, (const char *)file, idx) >= FC_WEIGHT_BOLD) {
			out = xstrdup((const char *)file);
			*index = idx;
		}
	}
	if (match != NULL)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	return out;
}

/* find_file: the file and .ttc index (-1: none given) a request names.
 * *cfg is made on first use. Returns the file (caller frees) or NULL after
 * reporting. */
static char *
find_file(FcConfig **cfg, const char *req, int *idx, const struct pos *at,
    struct diag *d)
{
	if (strchr(req, '/') != NULL)
		return split_path(req, idx);
	if (*cfg == NULL)
		*cfg = FcInitLoadConfigAndFonts();
	if (*cfg == NULL) {
		diag_error(d, at, "font \"%s\": fontconfig could not be "
		    "initialised; expected a working fontconfig setup (package "
		    "fontconfig)", req);
		return NULL;
	}
	return fc_find(*cfg, req, idx, at, d);
}

/* hb_from_blob: an immutable HarfBuzz font of face `index` of blob (taken
 * over; NULL gives NULL), at a scale of font units, for shaping from any
 * thread. */
static hb_font_t *
hb_from_blob(hb_blob_t *blob, int index)
{
	hb_face_t *face;
	hb_font_t *font;

	if (blob == NULL)
		return NULL;
	face = hb_face_create(blob, index < 0 ? 0 : (unsigned)index);
	hb_blob_destroy(blob);
	font = hb_font_create(face);
	hb_face_destroy(face);
	hb_font_set_scale(font, (int)hb_face_get_upem(hb_font_get_face(font)),
	    (int)hb_face_get_upem(hb_font_get_face(font)));
	hb_font_make_immutable(font);
	return font;
}

/* read_face: face i of fs from face idx of `file` (taken over), or an
 * alias of an earlier face read from the same file. A file that cannot
 * be used is reported in d, unless d is NULL. Returns 0, or -1. */
static int
read_face(struct fontset *fs, size_t i, char *file, int idx,
    const struct pos *at, struct diag *d)
{
	struct face *f = &fs->faces[i];
	const char *why = NULL;
	size_t j;

	f->same_as = -1;
	f->file = file;
	for (j = 0; j < i; j++) {
		const struct face *g = &fs->faces[j];

		if (g->same_as < 0 && g->t.gid != NULL &&
		    strcmp(g->file, f->file) == 0 &&
		    (g->index < 0 ? 0 : g->index) == (idx < 0 ? 0 : idx)) {
			f->same_as = (int)j;
			f->m = g->m;
			return 0;
		}
	}
	if (ttf_read(f->file, idx < 0 ? 0 : idx, &f->t, &why) != 0) {
		if (d != NULL && strcmp(f->name, f->file) == 0)
			diag_error(d, at, "font \"%s\" cannot be used: %s",
			    f->name, why);
		else if (d != NULL)
			diag_error(d, at, "font \"%s\" (%s) cannot be used: %s",
			    f->name, f->file, why);
		return -1;
	}
	f->index = f->t.collection ? (idx < 0 ? 0 : idx) : -1;
	f->hb = hb_from_blob(hb_blob_create_from_file_or_fail(f->file),
	    f->index);
	f->m.ascent = (float)(f->t.ascender * 1000 / f->t.upem);
	f->m.descent = (float)(f->t.descender * 1000 / f->t.upem);
	f->m.cap_height = (float)(f->t.cap_height * 1000 / f->t.upem);
	f->used = 1;
	return 0;
}

/* load_face: finds and reads face i of fs as the request names it.
 * Returns 0, or -1 after reporting. */
static int
load_face(FcConfig **cfg, struct fontset *fs, size_t i, const char *req,
    const struct pos *at, struct diag *d)
{
	struct face *f = &fs->faces[i];
	char *file;
	int idx = -1;

	f->name = xstrdup(req);
	f->same_as = -1;
	file = find_file(cfg, req, &idx, at, d);
	if (file == NULL)
		return -1;
	return read_face(fs, i, file, idx, at, d);
}

/* canon: the face that holds face i's data (i, or the one it repeats). */
static int
canon(const struct fontset *fs, int i)
{
	return fs->faces[i].same_as >= 0 ? fs->faces[i].same_as : i;
}

/* load_bold: face i of fs as the bold face of fallback face reg, named
 * req: the family's own bold face (fc_bold) when req is a bare family
 * name and it has one that revpack can use, else a repeat of reg. */
static void
load_bold(FcConfig *cfg, struct fontset *fs, size_t i, const char *req,
    int reg)
{
	struct face *f = &fs->faces[i];
	char *file = NULL;
	int idx = -1;
	size_t n = strlen(req) + 8;

	f->name = xmalloc(n);
	snprintf(f->name, n, "%s:bold", req);
	if (cfg != NULL && strchr(req, '/') == NULL &&
	    strchr(req, ':') == NULL)
		file = fc_bold(cfg, req, &idx);
	if (file != NULL && read_face(fs, i, file, idx, NULL, NULL) == 0)
		return;
	free(f->file);
	f->file = NULL;
	ttf_release(&f->t);
	f->same_as = canon(fs, reg);
	f->m = fs->faces[f->same_as].m;
}

/* is_control: C0 and C1 controls and DEL never print. */
static int
is_control(uint32_t cp)
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

/* make_order: the faces tried per style: for regular text the regular
 * face, then the fallbacks; for bold text the bold face, the regular
 * face, then each fallback's bold face before the fallback itself (a
 * character its bold face lacks stays in its family). */
static void
make_order(struct fontset *fs)
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

/* build_tables: the face and width of every BMP code point per style,
 * the first face of the style's order that has it (make_order);
 * default-ignorable code points get PICK_IGNORABLE and no width. Faces
 * that duplicate an earlier one map to it. The faces are laid over each
 * other from the last to the first, so the first that has a code point
 * is the one left. */
static void
build_tables(struct fontset *fs)
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
			int c = canon(fs, fs->order[s][k - 1]);

			if (gw[c] != NULL)
				lay_face(fs, s, c, gw[c]);
		}
		for (cp = 0; cp <= 0xFFFF; cp++)
			if (is_control(cp)) {
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

/* astral_pick: the face that prints code point cp above the BMP in
 * style s (the first of the style's order that has it), or -1; its
 * width in 1/1000 em in *w. A search per character: such characters
 * are rare, and a table of them would be large. */
static int
astral_pick(const struct fontset *fs, int s, uint32_t cp, int *w)
{
	size_t k;

	*w = 0;
	for (k = 0; k < fs->norder[s]; k++) {
		int c = canon(fs, fs->order[s][k]);
		const struct ttf *t = &fs->faces[c].t;

		if (t->gid != NULL && ttf_has(t, cp)) {
			*w = ttf_width(t, cp);
			return c;
		}
	}
	return -1;
}

void
font_request_default(struct font_request *req)
{
	static const char *const fallback[] = {
		"WenQuanYi Zen Hei", "NanumGothic", "Noto Sans Arabic",
		"Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali",
		"Noto Sans Tamil", "Noto Sans Thai", "DejaVu Sans", "Symbola"
	};

	memset(req, 0, sizeof(*req));
	req->regular = "Liberation Sans";
	req->bold = "Liberation Sans:bold";
	req->fallback = fallback;
	req->nfallback = NELEM(fallback);
}

struct fontset *
fontset_new(const struct font_request *req, struct diag *d)
{
	struct fontset *fs = xcalloc(1, sizeof(*fs));
	FcConfig *cfg = NULL;
	size_t i;
	int bad = 0;

	if (req->nfallback > 120) {
		diag_error(d, &req->at, "fonts: %zu fallback fonts; expected "
		    "at most 120", req->nfallback);
		free(fs);
		return NULL;
	}
	fs->nfallback = req->nfallback;
	fs->n = 2 + 2 * req->nfallback;
	fs->faces = xcalloc(fs->n, sizeof(*fs->faces));
	for (i = 0; i < 2 + fs->nfallback; i++) {
		const char *name = i == 0 ? (req->regular != NULL ?
		    req->regular : "Liberation Sans") :
		    i == 1 ? req->bold : req->fallback[i - 2];

		if (name == NULL) {     /* no bold face: the regular one */
			fs->faces[i].same_as = 0;
			fs->faces[i].m = fs->faces[0].m;
		} else if (load_face(&cfg, fs, i, name, &req->at, d) != 0) {
			bad = 1;
		}
	}
	for (i = 0; i < fs->nfallback && !bad; i++)
		load_bold(cfg, fs, 2 + fs->nfallback + i, req->fallback[i],
		    (int)(2 + i));
	if (cfg != NULL)
		FcConfigDestroy(cfg);
	if (bad) {
		fontset_free(fs);
		return NULL;
	}
	make_order(fs);
	build_tables(fs);
	cpset_clear(&fs->before);
	for (i = 0; i <= 0xFFFF; i++)
		if (fs->pick[FONT_REGULAR][i] >= 0 || fs->pick[FONT_BOLD][i] >= 0)
			cpset_add(&fs->before, (uint32_t)i);
	return fs;
}

void
fontset_free(struct fontset *fs)
{
	size_t i;
	int s;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++) {
		free(fs->faces[i].name);
		free(fs->faces[i].file);
		ttf_release(&fs->faces[i].t);
		if (fs->faces[i].hb != NULL)
			hb_font_destroy(fs->faces[i].hb);
	}
	for (s = 0; s < NFONT_STYLES; s++) {
		free(fs->order[s]);
		free(fs->pick[s]);
		free(fs->width[s]);
	}
	free(fs->faces);
	free(fs);
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

/* warn_missing: reports once per code point why it became a placeholder. */
static void
warn_missing(const struct fontset *fs, uint32_t cp, const char *s, int n,
    struct diag *d)
{
	char key[32];

	if (d == NULL)
		return;
	snprintf(key, sizeof(key), "glyph U+%04X", (unsigned)cp);
	if (!diag_once(d, key))
		return;
	if (is_control(cp))
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

/* --- shaping --- */

int
fontset_shapes_cp(uint32_t cp)
{
	/* Scripts whose text changes under shaping (marks, joining,
	 * reordering, conjuncts, Hangul jamo), as ranges [lo, hi]. */
	static const uint32_t ranges[][2] = {
		{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x08FF },
		{ 0x0900, 0x0DFF }, { 0x0E00, 0x0FFF }, { 0x1000, 0x109F },
		{ 0x1100, 0x11FF }, { 0x1700, 0x18AF }, { 0x1900, 0x1CFF },
		{ 0x1DC0, 0x1DFF }, { 0x20D0, 0x20FF }, { 0xA800, 0xABFF },
		{ 0xD7B0, 0xD7FF }, { 0xFE20, 0xFE2F }, { 0x10000, 0x10FFFF }
	};
	size_t i;

	if (cp < 0x0300)
		return 0;
	for (i = 0; i < NELEM(ranges); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return 1;
	return 0;
}

int
fontset_shapes(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0xCC) {       /* below U+0300 */
			i++;
			continue;
		}
		i += (size_t)utf8_next(s + i, len - i, &cp);
		if (fontset_shapes_cp(cp))
			return 1;
	}
	return 0;
}

int
fontset_cluster_joins(uint32_t prev, uint32_t cp)
{
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
	hb_unicode_general_category_t gc;

	if (cp == 0x200C || cp == 0x200D || prev == 0x200D)
		return 1;
	if (cp >= 0x1F3FB && cp <= 0x1F3FF)     /* an emoji's skin tone */
		return 1;
	if (!fontset_shapes_cp(cp) && !fontset_shapes_cp(prev))
		return 0;       /* not a shaped script: never */
	gc = hb_unicode_general_category(u, cp);
	if (gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
	    gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	    gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK)
		return 1;
	/* after a virama (combining class 9), the next letter is part of
	 * the conjunct */
	return prev != 0 && hb_unicode_combining_class(u, prev) == 9;
}

/* shape_buf: a buffer shaped by face f (canonical) for the text, or NULL
 * when the face has no HarfBuzz font (caller destroys). */
static hb_buffer_t *
shape_buf(const struct fontset *fs, int face, const char *s, size_t len,
    enum font_dir dir)
{
	const struct face *f;
	hb_buffer_t *b;

	if (face < 0 || (size_t)face >= fs->n)
		return NULL;
	f = &fs->faces[face];
	if (f->same_as >= 0)
		f = &fs->faces[f->same_as];
	if (f->hb == NULL || len > (size_t)INT32_MAX)
		return NULL;
	b = hb_buffer_create();
	hb_buffer_add_utf8(b, s, (int)len, 0, (int)len);
	hb_buffer_guess_segment_properties(b);
	if (dir == FONT_DIR_LTR)
		hb_buffer_set_direction(b, HB_DIRECTION_LTR);
	else if (dir == FONT_DIR_RTL)
		hb_buffer_set_direction(b, HB_DIRECTION_RTL);
	hb_buffer_set_flags(b, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
	    HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_shape(f->hb, b, NULL, 0);
	return b;
}

void
fontset_shape(const struct fontset *fs, int face, const char *s, size_t len,
    enum font_dir dir, struct font_shaped *out)
{
	hb_buffer_t *b = shape_buf(fs, face, s, len, dir);
	const hb_glyph_info_t *gi;
	const hb_glyph_position_t *gp;
	unsigned n = 0, i;
	double scale, w = 0;
	const struct face *f = &fs->faces[face >= 0 ? face : 0];

	out->n = 0;
	out->width = 0;
	out->rtl = 0;
	if (b == NULL)
		return;
	if (f->same_as >= 0)
		f = &fs->faces[f->same_as];
	scale = 1000.0 / f->t.upem;
	gi = hb_buffer_get_glyph_infos(b, &n);
	gp = hb_buffer_get_glyph_positions(b, NULL);
	if (out->cap < n)
		XGROW(out->g, out->cap, n);
	for (i = 0; i < n; i++) {
		struct font_glyph *g = &out->g[i];

		g->gid = (uint16_t)gi[i].codepoint;
		g->cluster = gi[i].cluster;
		g->adv = (float)(gp[i].x_advance * scale);
		g->dx = (float)(gp[i].x_offset * scale);
		g->dy = (float)(gp[i].y_offset * scale);
		w += gp[i].x_advance * scale;
	}
	out->n = n;
	out->width = (float)w;
	out->rtl = HB_DIRECTION_IS_BACKWARD(hb_buffer_get_direction(b));
	hb_buffer_destroy(b);
}

void
font_shaped_free(struct font_shaped *sh)
{
	free(sh->g);
	sh->g = NULL;
	sh->n = sh->cap = 0;
}

/* shaped_width: the advance of the text shaped in face f, 1/1000 em. */
static float
shaped_width(const struct fontset *fs, int face, const char *s, size_t len)
{
	hb_buffer_t *b = shape_buf(fs, face, s, len, FONT_DIR_AUTO);
	const hb_glyph_position_t *gp;
	const struct face *f = &fs->faces[face];
	unsigned n = 0, i;
	long sum = 0;

	if (b == NULL)
		return 0;
	if (f->same_as >= 0)
		f = &fs->faces[f->same_as];
	gp = hb_buffer_get_glyph_positions(b, &n);
	for (i = 0; i < n; i++)
		sum += gp[i].x_advance;
	hb_buffer_destroy(b);
	return (float)(sum * 1000.0 / f->t.upem);
}

/* end_run: ends the run at `end` with width w (the sum of its code
 * points' widths), or its shaped width when `shapes`; hands it to fn (when
 * not NULL) and returns its width. */
static double
end_run(const struct fontset *fs, struct font_run *run, const char *end,
    long w, int shapes, font_run_fn fn, void *ctx)
{
	run->len = (size_t)(end - run->s);
	run->width = shapes ? shaped_width(fs, run->face, run->s, run->len) :
	    (float)w;
	if (fn != NULL)
		fn(ctx, run);
	return run->width;
}

float
fontset_runs(const struct fontset *fs, enum font_style style,
    const char *s, size_t len, struct diag *d, font_run_fn fn, void *ctx)
{
	struct font_run run = { -1, NULL, 0, 0 };
	double total = 0;
	long w = 0;
	size_t i = 0;
	int shapes = 0;         /* the current run needs shaping */

	while (i < len) {
		uint32_t cp;
		int n = utf8_next(s + i, len - i, &cp);
		int aw = 0, f = cp <= 0xFFFF ? fs->pick[style][cp] :
		    uni_ignorable(cp) ? PICK_IGNORABLE :
		    astral_pick(fs, style, cp, &aw);

		if (f == PICK_IGNORABLE && run.face >= 0 && shapes) {
			/* a joiner inside a shaped run stays in it: HarfBuzz
			 * reads it (a Devanagari half form, an Arabic form)
			 * and draws nothing for it */
			i += (size_t)n;
			continue;
		}
		if (f != run.face || f < 0) {
			if (run.face >= 0)
				total += end_run(fs, &run, s + i, w, shapes, fn,
				    ctx);
			run.face = f;
			run.s = s + i;
			w = 0;
			shapes = 0;
		}
		if (f == PICK_IGNORABLE) {
			/* never drawn: the run before it ends there */
			run.face = -1;
		} else if (f < 0) {
			struct font_run ph = { fs->ph_face[style], fs->ph[style],
			    strlen(fs->ph[style]), (float)fs->ph_width[style] };

			warn_missing(fs, cp, s + i, n, d);
			if (fn != NULL)
				fn(ctx, &ph);
			total += fs->ph_width[style];
		} else {
			w += cp <= 0xFFFF ? fs->width[style][cp] : aw;
			if (cp >= 0x0300 && !shapes)
				shapes = fontset_shapes_cp(cp);
		}
		i += (size_t)n;
	}
	if (run.face >= 0)
		total += end_run(fs, &run, s + len, w, shapes, fn, ctx);
	return (float)total;
}
float
fontset_width(const struct fontset *fs, enum font_style style,
    const char *s, size_t len)
{
	return fontset_runs(fs, style, s, len, NULL, NULL, NULL);
}

/* --- subsetting --- */

/* add_layout_chars: what layout prints on its own (digits and ASCII
 * punctuation, dashes, quotes, bullets, arrows, the placeholder), so that
 * they never depend on the data. Everything else comes from the caller's
 * set: each extra glyph costs every document that embeds the face. */
static void
add_layout_chars(struct cpset *set)
{
	static const uint16_t extra[] = {
		0x00A0, 0x00B7, 0x00D7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C,
		0x201D, 0x2022, 0x2026, 0x2191, 0x2193, 0x2212, PLACEHOLDER_CP
	};
	uint32_t cp;
	size_t i;

	for (cp = 0x20; cp <= 0x7E; cp++)
		cpset_add(set, cp);
	for (i = 0; i < NELEM(extra); i++)
		cpset_add(set, extra[i]);
}

/* subset_font: hb-subset of `file` face `index` to the code points of
 * `cps` and the glyphs shaping reaches from them (GSUB closure), without
 * hinting; GSUB, GPOS and GDEF stay for shaping (each document's own
 * font, fontprog.c, leaves them out), and the glyph names, so that a
 * test can compare what is drawn with hb-shape on the original font.
 * Returns the font bytes (hb_blob_destroy) or NULL. */
static hb_blob_t *
subset_font(const char *file, int index, const hb_set_t *cps)
{
	static const char drop[][5] = {
		"BASE", "JSTF", "MATH", "kern", "kerx",
		"morx", "mort", "feat", "trak", "gasp", "hdmx", "VDMX", "LTSH",
		"DSIG", "PCLT", "EBDT", "EBLC", "EBSC", "CBDT", "CBLC", "sbix",
		"SVG ", "COLR", "CPAL", "vhea", "vmtx", "VORG", "meta", "STAT",
		"fvar", "gvar", "avar", "HVAR", "VVAR", "MVAR", "cvar", "FFTM",
		"prop", "bdat", "bloc"
	};
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file), *out = NULL;
	hb_face_t *face, *sub;
	hb_subset_input_t *in;
	size_t i;

	if (blob == NULL)
		return NULL;
	face = hb_face_create(blob, index < 0 ? 0 : (unsigned)index);
	in = hb_subset_input_create_or_fail();
	if (in != NULL) {
		hb_set_t *tags = hb_subset_input_set(in,
		    HB_SUBSET_SETS_DROP_TABLE_TAG), *ids;

		hb_set_union(hb_subset_input_unicode_set(in), cps);
		for (i = 0; i < NELEM(drop); i++)
			hb_set_add(tags, hb_tag_from_string(drop[i], 4));
		/* Unicode ranges as the font has them: pruned to the run's
		 * code points, every document's font would tell which
		 * scripts the run prints. */
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
		    HB_SUBSET_FLAGS_NO_PRUNE_UNICODE_RANGES |
		    HB_SUBSET_FLAGS_GLYPH_NAMES);
		/* The family (1), style (2) and PostScript (6) names name
		 * the embedded font; the rest (copyright, licence text) is
		 * dead weight. */
		ids = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
		hb_set_clear(ids);
		hb_set_add(ids, 1);
		hb_set_add(ids, 2);
		hb_set_add(ids, 6);
		sub = hb_subset_or_fail(face, in);
		if (sub != NULL) {
			out = hb_face_reference_blob(sub);
			hb_face_destroy(sub);
		}
		hb_subset_input_destroy(in);
	}
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return out;
}

/* write_subset: subsets face i to cps, writes it as tmpdir/face-I.ttf and
 * reads it back as the face. Returns 0, or -1 after reporting. */
static int
write_subset(struct face *f, int i, const hb_set_t *cps, const char *tmpdir,
    struct diag *d)
{
	struct pos at = { f->file, 0, 0 };
	hb_blob_t *blob = subset_font(f->file, f->index, cps);
	const char *data, *why = NULL;
	unsigned len = 0;
	char *path;
	FILE *out;
	struct ttf t;

	if (blob == NULL) {
		diag_error(d, &at, "font \"%s\": HarfBuzz could not make a "
		    "subset of it; expected a well-formed TrueType font", f->name);
		return -1;
	}
	data = hb_blob_get_data(blob, &len);
	path = xmalloc(strlen(tmpdir) + 32);
	snprintf(path, strlen(tmpdir) + 32, "%s/face-%02d.ttf", tmpdir, i);
	out = fopen(path, "wbx");
	if (out == NULL || fwrite(data, 1, len, out) != len ||
	    fclose(out) != 0) {
		at.file = path;
		diag_error(d, &at, "cannot write a font subset: %s",
		    strerror(errno));
		if (out != NULL)
			fclose(out);
		hb_blob_destroy(blob);
		free(path);
		return -1;
	}
	if (ttf_read_mem((const unsigned char *)data, len, 0, &t, &why) != 0) {
		diag_error(d, &at, "font \"%s\": its subset cannot be read "
		    "back: %s", f->name, why);
		hb_blob_destroy(blob);
		free(path);
		return -1;
	}
	if (f->hb != NULL)
		hb_font_destroy(f->hb);
	f->hb = hb_from_blob(blob, 0);
	ttf_release(&f->t);
	f->t = t;
	free(f->file);
	f->file = path;
	f->index = -1;
	return 0;
}

/* add_decompositions: adds to cps the canonical decompositions (to any
 * depth) of its code points of scripts that are shaped, where face f
 * has them: HarfBuzz draws a Bengali AU sign, say, as its two parts
 * when the font has both, so the subset must keep them for shaping to
 * give the glyphs it gives with the whole font. */
static void
add_decompositions(const struct face *f, hb_set_t *cps)
{
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
	hb_codepoint_t cp = HB_SET_VALUE_INVALID, a, b;
	hb_set_t *more = hb_set_create();
	int round;

	for (round = 0; round < 4; round++) {
		hb_set_clear(more);
		cp = HB_SET_VALUE_INVALID;
		while (hb_set_next(cps, &cp)) {
			if (!fontset_shapes_cp(cp) ||
			    !hb_unicode_decompose(u, cp, &a, &b))
				continue;
			if (a <= 0xFFFF && f->t.gid[a] != 0 && !hb_set_has(cps, a))
				hb_set_add(more, a);
			if (b <= 0xFFFF && b != 0 && f->t.gid[b] != 0 &&
			    !hb_set_has(cps, b))
				hb_set_add(more, b);
		}
		if (hb_set_is_empty(more))
			break;
		hb_set_union(cps, more);
	}
	hb_set_destroy(more);
}

int
fontset_subset(struct fontset *fs, const struct cpset *used,
    const char *tmpdir, struct diag *d)
{
	struct cpset want = *used;
	hb_set_t *cps = hb_set_create();
	size_t i, w;
	uint32_t cp;
	int rc = 0, aw;

	if (fs->subset) {
		diag_error(d, NULL, "fonts: subset twice (a revpack bug)");
		hb_set_destroy(cps);
		return -1;
	}
	add_layout_chars(&want);
	for (i = 0; i < fs->n && rc == 0; i++) {
		struct face *f = &fs->faces[i];
		int s;

		if (f->same_as >= 0)
			continue;
		hb_set_clear(cps);
		for (w = 0; w < want.nastral; w++)
			for (s = 0; s < NFONT_STYLES; s++)
				if (astral_pick(fs, s, want.astral[w], &aw) ==
				    (int)i)
					hb_set_add(cps, want.astral[w]);
		for (w = 0; w < NELEM(want.bits); w++) {
			uint64_t bits = want.bits[w];

			while (bits != 0) {
				cp = (uint32_t)(w * 64 +
				    (size_t)__builtin_ctzll(bits));
				bits &= bits - 1;
				for (s = 0; s < NFONT_STYLES; s++)
					if (fs->pick[s][cp] == (int)i)
						hb_set_add(cps, cp);
			}
		}
		if (hb_set_is_empty(cps)) {
			/* nothing of the run prints in it: it has no code
			 * point from now on (released rather than zeroed: a
			 * memset of 128 KB faults in pages the cmap never
			 * touched, 6 ms for the unused fallbacks) */
			f->used = 0;
			ttf_release(&f->t);
			continue;
		}
		add_decompositions(f, cps);
		rc = write_subset(f, (int)i, cps, tmpdir, d);
	}
	hb_set_destroy(cps);
	fs->subset = 1;
	build_tables(fs);
	return rc;
}
