/* fontfind.c: where a template's font request is: a file named by its
 * path ("x.ttc:N" for face N of a collection), or fontconfig's match for
 * a family name, checked to be that family (with a "did you mean" when
 * it is not), and a family's own bold face. The only user of
 * fontconfig. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "fontfind.h"
#include "util.h"

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

struct fontfind {
	FcConfig *cfg;          /* made on first use */
};

struct fontfind *
fontfind_new(void)
{
	return xcalloc(1, sizeof(struct fontfind));
}

void
fontfind_free(struct fontfind *ff)
{
	if (ff == NULL)
		return;
	if (ff->cfg != NULL)
		FcConfigDestroy(ff->cfg);
	free(ff);
}

char *
fontfind_file(struct fontfind *ff, const char *req, int *idx,
    const struct pos *at, struct diag *d)
{
	if (strchr(req, '/') != NULL)
		return split_path(req, idx);
	if (ff->cfg == NULL)
		ff->cfg = FcInitLoadConfigAndFonts();
	if (ff->cfg == NULL) {
		diag_error(d, at, "font \"%s\": fontconfig could not be "
		    "initialised; expected a working fontconfig setup (package "
		    "fontconfig)", req);
		return NULL;
	}
	return fc_find(ff->cfg, req, idx, at, d);
}

char *
fontfind_bold(struct fontfind *ff, const char *family, int *idx)
{
	if (ff->cfg == NULL || strchr(family, '/') != NULL ||
	    strchr(family, ':') != NULL)
		return NULL;
	return fc_bold(ff->cfg, family, idx);
}
