/* fonts.h: the faces a template names, found by fontconfig family name or
 * by file; glyph coverage and advance widths read from the TrueType tables
 * (so layout measures text without a PDF library); a fallback chain picked
 * per run by coverage; subset font files for embedding. A fontset is
 * read-only once fontset_subset has run, and shared by render threads. */
#ifndef REVPACK_FONTS_H
#define REVPACK_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum font_style {
	FONT_REGULAR,
	FONT_BOLD,
	NFONT_STYLES
};

/* What a template asks for. Each name is a fontconfig family ("Liberation
 * Sans"), optionally with a style ("Liberation Sans:bold"), or a path to a
 * .ttf/.ttc file (a name containing '/'; ".ttc" files take ":N" for the
 * face index; a relative path is taken from the working directory, so
 * resolve it against the template's folder first). `at` positions
 * messages (the template's fonts key). */
struct font_request {
	const char *regular;
	const char *bold;               /* NULL: the regular face */
	/* Faces tried in order. For bold text, a fallback given as a bare
	 * family name ("Noto Sans Arabic") is first looked for in its bold
	 * face: the one fontconfig returns for "Family:bold" when it is of
	 * that family and its own weight is bold (never a substitute or a
	 * synthetic emboldening); else the named face serves both. */
	const char *const *fallback;
	size_t nfallback;
	struct pos at;
};

/* A run of text in one face, from fontset_runs. `s` points into the input
 * or, for a placeholder, at a constant string. */
struct font_run {
	int face;
	const char *s;
	size_t len;
	float width;            /* in 1/1000 em: multiply by size / 1000 */
};

/* Vertical metrics of a face, in 1/1000 em. */
struct font_metrics {
	float ascent, descent;  /* descent is negative */
	float cap_height;
};

struct fontset;

/* A set of code points, for subsetting (also used for glyph ids): a
 * bitset of the BMP and a short sorted list of those above it (emoji,
 * CJK extension B), so that clearing it per document stays cheap. The
 * list holds at most CPSET_ASTRAL_MAX; a code point beyond that is not
 * added (cpset_add returns 0), and so prints as the placeholder. A plain
 * value: copy it with =. */
#define CPSET_ASTRAL_MAX 1024
struct cpset {
	uint64_t bits[65536 / 64];
	uint32_t astral[CPSET_ASTRAL_MAX];      /* ascending */
	size_t nastral;
};
void cpset_clear(struct cpset *set);
int cpset_add(struct cpset *set, uint32_t cp);
void cpset_add_utf8(struct cpset *set, const char *s, size_t len);
int cpset_has(const struct cpset *set, uint32_t cp);
/* cpset_union: adds the members of src to set. */
void cpset_union(struct cpset *set, const struct cpset *src);
int cpset_empty(const struct cpset *set);

/* font_request_default: the chain of the shipped default template
 * (templates/default.yaml), which prints Latin (with Vietnamese), Greek,
 * Cyrillic, Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari,
 * Bengali, Tamil, Thai and emoji: Liberation Sans (regular and bold;
 * Debian fonts-liberation2), then WenQuanYi Zen Hei (fonts-wqy-zenhei),
 * NanumGothic (fonts-nanum), Noto Sans Arabic, Hebrew, Devanagari,
 * Bengali, Tamil and Thai (fonts-noto-core), DejaVu Sans
 * (fonts-dejavu-core: the placeholder U+FFFD and rarer scripts) and
 * Symbola (fonts-symbola: emoji and symbols). The strings are constants;
 * `at` is zeroed. */
void font_request_default(struct font_request *req);

/* fontset_new: finds and reads the faces. Returns NULL after reporting
 * (a family fontconfig does not know, a CFF font revpack cannot embed). */
struct fontset *fontset_new(const struct font_request *req, struct diag *d);
void fontset_free(struct fontset *fs);          /* NULL is a no-op */

/* fontset_subset: writes subset fonts holding the glyphs of `used` (plus
 * what layout itself prints: printable ASCII, U+00A0 U+00B7 U+00D7, the
 * dashes, quotes, bullet, ellipsis, arrows U+2191 U+2193, minus U+2212
 * and the placeholder) into `tmpdir`, and makes the set use them. Each
 * face gets only the code points runs will draw in it. Code points
 * outside that are treated as not covered from then on, so a run never
 * depends on which documents are rendered. `used` must hold every
 * character of the run's documents, fixed template words included.
 * Returns 0, or -1 after reporting. */
int fontset_subset(struct fontset *fs, const struct cpset *used,
    const char *tmpdir, struct diag *d);

/* Faces: 0 is the regular face, 1 the bold face, then the fallbacks,
 * then each fallback's bold face (a family without one: a duplicate of
 * the fallback, which runs never name). */
size_t fontset_nfaces(const struct fontset *fs);
/* The file the PDF device makes face i's fonts from (the subset once
 * made) and its .ttc index (-1 for a .ttf). A face that duplicates an
 * earlier one (bold NULL, a fallback naming the regular font) gives that
 * face's file, and runs never name it. NULL after fontset_subset when no
 * code point of the run uses the face (nothing draws with it). */
const char *fontset_face_file(const struct fontset *fs, int face, int *ttc);
const struct font_metrics *fontset_metrics(const struct fontset *fs,
    int face);
/* fontset_face_has: 1 when face i itself maps code point cp to a glyph
 * (after fontset_subset: the subset does). For coverage checks. */
int fontset_face_has(const struct fontset *fs, int face, uint32_t cp);

/* fontset_runs: splits valid UTF-8 text set in `style` into runs of one
 * face each (the style's face where it has the glyph, else for bold the
 * regular face, else the first fallback that has it, for bold each
 * fallback's bold face before it). A default-ignorable
 * code point (ZWJ, ZWNJ, a variation selector, a bidi control, a soft
 * hyphen) is in no run and has no width: it is kept for shaping, never
 * drawn; inside a run that is shaped (below) it stays in the run, for
 * HarfBuzz, which draws nothing for it. A code point no
 * face covers or a control character becomes a
 * visible placeholder (U+FFFD, or '?' when no face has U+FFFD) in a run
 * of its own, and is reported once per code point in d (d may be NULL:
 * no report). Calls fn for each run in order. Returns the total width in
 * 1/1000 em: the sum of the glyph widths the PDF's width array holds. */
typedef void (*font_run_fn)(void *ctx, const struct font_run *run);
float fontset_runs(const struct fontset *fs, enum font_style style,
    const char *s, size_t len, struct diag *d, font_run_fn fn, void *ctx);
/* fontset_quiet: marks code point cp as already reported in d, so that
 * fontset_runs does not report it there again (for a caller that warned
 * about it itself, at the input where it occurs). */
void fontset_quiet(struct diag *d, uint32_t cp);
/* fontset_width: the width fontset_runs would return, without the runs. */
float fontset_width(const struct fontset *fs, enum font_style style,
    const char *s, size_t len);

/* --- shaping (HarfBuzz) ---
 * A run whose text holds a code point of a script that shaping changes
 * (combining marks, Hebrew and Arabic, the Indic scripts, Thai, Lao,
 * Tibetan, Myanmar, Khmer, Hangul jamo; fontset_shapes_cp), or one
 * outside the BMP (emoji and their sequences, CJK extension B: the
 * per-document fonts reach those by glyph only), is shaped: its
 * width above is the shaped advance, and the PDF device draws the glyphs
 * fontset_shape gives. Other runs (Latin, Greek, Cyrillic, CJK without
 * marks) keep one glyph per code point at its advance, as before: no
 * kerning or ligatures there, and no shaping cost (the bench has no
 * headroom). Both ends call the same functions, so layout and drawing
 * agree. */
int fontset_shapes_cp(uint32_t cp);
/* fontset_shapes: 1 when the n bytes of UTF-8 at s hold such a code
 * point (cheap for ASCII). */
int fontset_shapes(const char *s, size_t len);

/* fontset_cluster_joins: 1 when code point cp, after prev (0: none),
 * belongs to prev's cluster (a mark, a joiner, a letter after a virama,
 * an emoji's skin-tone modifier), so that text must not be cut between them (an ellipsis would leave a
 * vowel sign without its consonant). Only in scripts that are shaped. */
int fontset_cluster_joins(uint32_t prev, uint32_t cp);

/* The direction to shape a run in: AUTO takes it from the run's script
 * (Arabic and Hebrew right to left, glyphs in visual order); bidi
 * (issue 14 item 2) will pass each level run's direction. */
enum font_dir {
	FONT_DIR_AUTO,
	FONT_DIR_LTR,
	FONT_DIR_RTL
};

/* One shaped glyph: its id in the face's file (fontset_face_file), the
 * byte offset of its cluster's first character in the text, its advance
 * and offsets in 1/1000 em. */
struct font_glyph {
	uint16_t gid;
	uint32_t cluster;
	float adv, dx, dy;
};

/* Glyphs of a shaped run, in drawing order (left to right). The caller
 * owns it, reuses it between calls and frees it with font_shaped_free. */
struct font_shaped {
	struct font_glyph *g;
	size_t n, cap;
	float width;            /* sum of the advances */
	int rtl;                /* shaped right to left (visual order) */
};

/* fontset_shape: shapes the n bytes of UTF-8 at s (one run of face `face`
 * from fontset_runs) in dir, into out. No glyphs when the face cannot be
 * shaped. Thread-safe: fs stays read-only. */
void fontset_shape(const struct fontset *fs, int face, const char *s,
    size_t len, enum font_dir dir, struct font_shaped *out);
void font_shaped_free(struct font_shaped *sh);

#endif
