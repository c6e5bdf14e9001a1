/* fonts.c: the fontset: faces found by fontfind.c (fontconfig or a
 * file), glyph coverage and widths from their own tables (ttf.c), the
 * fallback chain per code point, visible placeholders, shaping, and
 * hb-subset subsets for embedding. The only user of HarfBuzz. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>

#include "fontfind.h"
#include "fonts_int.h"
#include "util.h"

/* --- reading faces --- */
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
load_face(struct fontfind *ff, struct fontset *fs, size_t i, const char *req,
    const struct pos *at, struct diag *d)
{
	struct face *f = &fs->faces[i];
	char *file;
	int idx = -1;

	f->name = xstrdup(req);
	f->same_as = -1;
	file = fontfind_file(ff, req, &idx, at, d);
	if (file == NULL)
		return -1;
	return read_face(fs, i, file, idx, at, d);
}


/* load_bold: face i of fs as the bold face of fallback face reg, named
 * req: the family's own bold face (fontfind_bold) when req is a bare
 * family name and it has one that revpack can use, else a repeat of
 * reg. */
static void
load_bold(struct fontfind *ff, struct fontset *fs, size_t i, const char *req,
    int reg)
{
	struct face *f = &fs->faces[i];
	char *file;
	int idx = -1;
	size_t n = strlen(req) + 8;

	f->name = xmalloc(n);
	snprintf(f->name, n, "%s:bold", req);
	file = fontfind_bold(ff, req, &idx);
	if (file != NULL && read_face(fs, i, file, idx, NULL, NULL) == 0)
		return;
	free(f->file);
	f->file = NULL;
	ttf_release(&f->t);
	f->same_as = fonts_canon(fs, reg);
	f->m = fs->faces[f->same_as].m;
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
	struct fontfind *ff;
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
	ff = fontfind_new();
	for (i = 0; i < 2 + fs->nfallback; i++) {
		const char *name = i == 0 ? (req->regular != NULL ?
		    req->regular : "Liberation Sans") :
		    i == 1 ? req->bold : req->fallback[i - 2];

		if (name == NULL) {     /* no bold face: the regular one */
			fs->faces[i].same_as = 0;
			fs->faces[i].m = fs->faces[0].m;
		} else if (load_face(ff, fs, i, name, &req->at, d) != 0) {
			bad = 1;
		}
	}
	for (i = 0; i < fs->nfallback && !bad; i++)
		load_bold(ff, fs, 2 + fs->nfallback + i, req->fallback[i],
		    (int)(2 + i));
	fontfind_free(ff);
	if (bad) {
		fontset_free(fs);
		return NULL;
	}
	fonts_make_order(fs);
	fonts_build_tables(fs);
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
		    fonts_astral_pick(fs, style, cp, &aw);

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

			fonts_warn_missing(fs, cp, s + i, n, d);
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
				if (fonts_astral_pick(fs, s, want.astral[w],
				    &aw) == (int)i)
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
	fonts_build_tables(fs);
	return rc;
}
