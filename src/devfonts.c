/* devfonts.c: the faces a PDF device embeds, one document at a time:
 * the code points a document draws per face, each face's font program
 * (read once per device), the document's font of each face and the codes
 * its page content uses. No PDF library here (dev_pdf.c makes the PDF
 * objects). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "deflate.h"
#include "devfonts.h"
#include "ttf.h"
#include "util.h"

/* Compression level (libdeflate's scale) of each document's font
 * programs and ToUnicode maps (cached per device and set of code points,
 * but most documents draw a set of their own): glyph outlines shrink by
 * only 22%, at level 6 by 23%. */
#define FONT_ZLEVEL 1

/* The most code points a shaped glyph's ToUnicode entry names (a
 * ligature, a conjunct); a longer cluster extracts by /ActualText only. */
#define GTEXT_MAX FONTDOC_GTEXT_MAX

/* Shaped runs kept per device, keyed by face and text: each shaped item
 * is shaped twice per document (marking, drawing), and a template's or
 * rubric's words in a shaped script recur in every document. Direct
 * mapped; texts longer than SHAPE_TEXT_MAX bytes are not kept. The
 * cache changes the time, never the bytes. */
#define SHAPE_CACHE 512
#define SHAPE_TEXT_MAX 256

struct shape_slot {
	char *text;                     /* NULL: empty */
	size_t len;
	int face;
	unsigned char dir;
	struct font_shaped sh;
};

/* A face as the device embeds it. */
struct dface {
	struct fontprog *prog;          /* NULL until a document draws with it */
	struct cpset *marks;            /* the code points of the document */
	uint16_t *cid;                  /* [65536]: their codes there (0: none) */
	struct cpset *gmarks;           /* the shaped glyphs of the document */
	uint16_t *gcid;                 /* [65536]: their codes there */
	uint32_t (*gtext)[GTEXT_MAX];   /* [65536]: the text of each one's
	                                   first cluster of its own, for
	                                   ToUnicode (zeros: none) */
	const struct fontdoc *fd;       /* the document's font, or NULL */
	int marked;                     /* marks holds some */
	int gmarked;                    /* gmarks holds some */
};

struct devfonts {
	const struct fontset *fs;
	size_t nfaces;
	struct dface *faces;            /* per face (canonical faces only) */
	int *canon;                     /* face -> the face it repeats */
	uint16_t *cps;                  /* scratch: a face's code points */
	uint16_t *gids;                 /* scratch: a face's shaped glyphs */
	uint32_t (*gtext)[GTEXT_MAX];   /* scratch: their texts, in order */
	struct font_shaped sh;          /* scratch: a shaped run */
	struct shape_slot *cache;       /* [SHAPE_CACHE] */
	int *w;                         /* scratch: its glyphs' widths */
	size_t wcap;
	struct dl_item *items;          /* scratch: a packed page's items */
	size_t items_cap;
	struct deflater *z;
};

/* canonical: the first face with the same file (faces that repeat one
 * share its font), or -1 for a face with no file. */
static int
canonical(const struct fontset *fs, int face)
{
	int ttc, ttc2, j;
	const char *f = fontset_face_file(fs, face, &ttc);

	if (f == NULL)
		return -1;
	for (j = 0; j < face; j++) {
		const char *g = fontset_face_file(fs, j, &ttc2);

		if (g != NULL && ttc == ttc2 && strcmp(f, g) == 0)
			return j;
	}
	return face;
}

struct devfonts *
devfonts_new(const struct fontset *fs)
{
	struct devfonts *df = xcalloc(1, sizeof(*df));
	size_t i;

	df->fs = fs;
	df->nfaces = fontset_nfaces(fs);
	df->faces = xcalloc(df->nfaces, sizeof(*df->faces));
	df->canon = xcalloc(df->nfaces, sizeof(*df->canon));
	for (i = 0; i < df->nfaces; i++)
		df->canon[i] = canonical(fs, (int)i);
	df->cps = xcalloc(65536, sizeof(*df->cps));
	df->gids = xcalloc(65536, sizeof(*df->gids));
	df->gtext = xcalloc(65536, sizeof(*df->gtext));
	df->cache = xcalloc(SHAPE_CACHE, sizeof(*df->cache));
	df->z = deflater_new(FONT_ZLEVEL);
	return df;
}

void
devfonts_free(struct devfonts *df)
{
	size_t i;

	if (df == NULL)
		return;
	for (i = 0; i < df->nfaces; i++) {
		fontprog_free(df->faces[i].prog);
		free(df->faces[i].marks);
		free(df->faces[i].cid);
		free(df->faces[i].gmarks);
		free(df->faces[i].gcid);
		free(df->faces[i].gtext);
	}
	free(df->faces);
	free(df->canon);
	free(df->cps);
	free(df->gids);
	free(df->gtext);
	free(df->w);
	free(df->items);
	font_shaped_free(&df->sh);
	for (i = 0; i < SHAPE_CACHE; i++) {
		free(df->cache[i].text);
		font_shaped_free(&df->cache[i].sh);
	}
	free(df->cache);
	deflater_free(df->z);
	free(df);
}

/* face_prog: makes sure face f (canonical) has its font program. Returns
 * 0, or -1 after reporting. */
static int
face_prog(struct devfonts *df, int f, struct diag *d)
{
	struct dface *fc = &df->faces[f];
	int ttc = -1;
	const char *file;
	struct pos at = { NULL, 0, 0 };
	unsigned char *p;
	size_t n;

	if (fc->prog != NULL)
		return 0;
	file = fontset_face_file(df->fs, f, &ttc);
	at.file = file;
	p = ttf_file(file, &n);
	if (p == NULL) {
		diag_error(d, &at, "cannot read the font to embed it: %s",
		    strerror(errno));
		return -1;
	}
	fc->prog = fontprog_new(p, n, ttc, f);
	free(p);
	if (fc->prog == NULL) {
		diag_error(d, &at, "cannot embed the font: its tables are "
		    "damaged; expected a well-formed TrueType font");
		return -1;
	}
	fc->marks = xcalloc(1, sizeof(*fc->marks));
	fc->cid = xcalloc(65536, sizeof(*fc->cid));
	fc->gmarks = xcalloc(1, sizeof(*fc->gmarks));
	fc->gcid = xcalloc(65536, sizeof(*fc->gcid));
	fc->gtext = xcalloc(65536, sizeof(*fc->gtext));
	return 0;
}

/* text_face: the canonical face of a text item, its font program
 * loaded; -1 after reporting a face the run does not hold. */
static int
text_face(struct devfonts *df, int face, struct diag *d)
{
	int f = face >= 0 && (size_t)face < df->nfaces ? df->canon[face] : -1;

	if (f < 0) {
		diag_error(d, NULL, "text in font face %d, which the run's "
		    "fonts do not hold (a revpack bug)", face);
		return -1;
	}
	return face_prog(df, f, d) != 0 ? -1 : f;
}

/* mark_text: marks the code points of the n bytes of UTF-8 at s. */
static void
mark_text(uint64_t *bits, const char *s, size_t n)
{
	size_t i;
	uint32_t cp;

	for (i = 0; i < n;) {
		cp = (unsigned char)s[i];
		if (cp < 0x80)
			i++;
		else
			i += (size_t)utf8_next(s + i, n - i, &cp);
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		bits[cp / 64] |= (uint64_t)1 << (cp % 64);
	}
}

/* face_cps: the marked code points of face f that it has, ascending,
 * into df->cps; returns their number. */
static size_t
face_cps(struct devfonts *df, int f)
{
	const struct dface *fc = &df->faces[f];
	size_t w, n = 0;

	for (w = 0; w < NELEM(fc->marks->bits); w++) {
		uint64_t bits = fc->marks->bits[w];

		while (bits != 0) {
			uint32_t cp = (uint32_t)(w * 64 +
			    (size_t)__builtin_ctzll(bits));

			bits &= bits - 1;
			if (fontprog_has(fc->prog, cp))
				df->cps[n++] = (uint16_t)cp;
		}
	}
	return n;
}

/* face_gids: the marked shaped glyphs of face f that its program has,
 * ascending, into df->gids; returns their number. */
static size_t
face_gids(struct devfonts *df, int f)
{
	const struct dface *fc = &df->faces[f];
	unsigned ng = fontprog_nglyphs(fc->prog);
	size_t w, n = 0;

	for (w = 0; w < NELEM(fc->gmarks->bits); w++) {
		uint64_t bits = fc->gmarks->bits[w];

		while (bits != 0) {
			uint32_t g = (uint32_t)(w * 64 +
			    (size_t)__builtin_ctzll(bits));

			bits &= bits - 1;
			if (g < ng) {
				memcpy(df->gtext[n], fc->gtext[g],
				    sizeof(df->gtext[n]));
				df->gids[n++] = (uint16_t)g;
			}
		}
	}
	return n;
}

/* cluster_end: where the cluster starting at byte c of the item's text
 * ends: the next cluster's start, or the text's end. */
static size_t
cluster_end(const struct font_shaped *sh, uint32_t c, size_t len)
{
	size_t i, end = len;

	for (i = 0; i < sh->n; i++)
		if (sh->g[i].cluster > c && sh->g[i].cluster < end)
			end = sh->g[i].cluster;
	return end;
}

/* glyph_text: the first time the document draws glyph i of the shaped
 * item, the text its ToUnicode entry gives, into face t's gtext: the
 * cluster's text when the glyph draws its cluster alone (a contextual
 * form, a ligature, a conjunct); in a cluster of several glyphs, for the
 * one glyph the face's cmap does not name, what the others' code points
 * leave of the cluster (an Arabic letter's form under its vowel mark);
 * else nothing (the glyph's own code point, or /ActualText). Right to
 * left, the text is reversed: the glyphs are in visual order, and
 * readers that reorder right-to-left text (pdftotext, pdf.js) reverse
 * each glyph's characters with the rest. */
static void
glyph_text(struct devfonts *df, int t, const struct dl_item *it,
    const struct font_shaped *sh, size_t i)
{
	const struct fontprog *fp = df->faces[t].prog;
	uint32_t c = sh->g[i].cluster, *out = df->faces[t].gtext[sh->g[i].gid];
	uint32_t tmp[GTEXT_MAX], own[16];
	size_t at = c, end, k = 0, a = i, b = i + 1, j, no = 0, x;

	if (out[0] != 0)
		return;
	while (a > 0 && sh->g[a - 1].cluster == c)
		a--;
	while (b < sh->n && sh->g[b].cluster == c)
		b++;
	if (b - a > 1) {        /* several glyphs: only the unnamed one */
		if (fontprog_glyph_cp(fp, sh->g[i].gid) != 0 || b - a > 16)
			return;
		for (j = a; j < b; j++) {
			if (j == i)
				continue;
			own[no] = fontprog_glyph_cp(fp, sh->g[j].gid);
			if (own[no++] == 0)
				return; /* two unnamed glyphs: ambiguous */
		}
	}
	end = cluster_end(sh, c, it->len);
	while (at < end && k < GTEXT_MAX) {
		uint32_t cp;

		at += (size_t)utf8_next(it->text + at, end - at, &cp);
		for (x = 0; x < no && own[x] != cp; x++)
			;
		if (x < no)
			own[x] = 0;     /* another glyph's own character */
		else
			tmp[k++] = cp;
	}
	if (at < end || k == 0)         /* too long, or nothing left */
		return;
	for (j = 0; j < k; j++)
		out[j] = sh->rtl ? tmp[k - 1 - j] : tmp[j];
}

int
dl_text_shaped(const struct dl_item *it)
{
	return it->dir == FONT_DIR_RTL || fontset_shapes(it->text, it->len);
}

/* shape_item: the shaping of text item it, from the cache or made (and
 * kept); valid until the next call. */
static const struct font_shaped *
shape_item(struct devfonts *df, const struct dl_item *it)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)(unsigned)it->face ^
	    (uint64_t)it->dir << 32;
	struct shape_slot *sl;
	size_t i;

	if (it->len > SHAPE_TEXT_MAX) {
		fontset_shape(df->fs, it->face, it->text, it->len,
		    (enum font_dir)it->dir, &df->sh);
		return &df->sh;
	}
	for (i = 0; i < it->len; i++)
		h = (h ^ (unsigned char)it->text[i]) * 1099511628211ULL;
	sl = &df->cache[h % SHAPE_CACHE];
	if (sl->text != NULL && sl->face == it->face && sl->dir == it->dir &&
	    sl->len == it->len && memcmp(sl->text, it->text, it->len) == 0)
		return &sl->sh;
	free(sl->text);
	sl->text = xmalloc(it->len + 1);
	memcpy(sl->text, it->text, it->len);
	sl->len = it->len;
	sl->face = it->face;
	sl->dir = it->dir;
	fontset_shape(df->fs, it->face, it->text, it->len,
	    (enum font_dir)it->dir, &sl->sh);
	return &sl->sh;
}

/* mark_shaped: marks the glyphs of the text item it, shaped in its
 * face, among face t's shaped glyphs, with their texts. */
static void
mark_shaped(struct devfonts *df, int t, const struct dl_item *it)
{
	const struct font_shaped *sh = shape_item(df, it);
	size_t i;

	for (i = 0; i < sh->n; i++) {
		cpset_add(df->faces[t].gmarks, sh->g[i].gid);
		glyph_text(df, t, it, sh, i);
	}
	df->faces[t].gmarked = 1;
}

int
devfonts_begin(struct devfonts *df, const struct dl_doc *doc,
    struct diag *d)
{
	size_t p, k, f, i, n, m;

	for (p = 0; p < doc->npages; p++) {
		size_t nit;
		const struct dl_item *items = dl_page_items(&doc->pages[p],
		    &df->items, &df->items_cap, &nit);

		for (k = 0; k < nit; k++) {
			const struct dl_item *it = &items[k];
			int t;

			if (it->kind != DL_TEXT || it->len == 0)
				continue;
			t = text_face(df, it->face, d);
			if (t < 0)
				return -1;
			df->faces[t].marked = 1;
			if (dl_text_shaped(it))
				mark_shaped(df, t, it);
			else
				mark_text(df->faces[t].marks->bits, it->text,
				    it->len);
		}
	}
	/* code i + 1 for the i-th code point of each face's font */
	for (f = 0; f < df->nfaces; f++) {
		struct dface *fc = &df->faces[f];

		if (!fc->marked)
			continue;
		n = face_cps(df, (int)f);
		m = fc->gmarked ? face_gids(df, (int)f) : 0;
		fc->fd = fontprog_doc_glyphs(fc->prog, df->cps, n, df->gids,
		    (const uint32_t *)df->gtext, m, df->z);
		for (i = 0; i < fc->fd->ncps; i++)
			fc->cid[fc->fd->cps[i]] = (uint16_t)(i + 1);
		for (i = 0; i < fc->fd->ngids; i++)
			fc->gcid[fc->fd->gids[i]] = (uint16_t)(n + i + 1);
	}
	return 0;
}

void
devfonts_end(struct devfonts *df)
{
	size_t f, k;

	for (f = 0; f < df->nfaces; f++) {
		struct dface *fc = &df->faces[f];

		if (fc->marked)
			cpset_clear(fc->marks);
		if (fc->gmarked)
			cpset_clear(fc->gmarks);
		for (k = 0; fc->fd != NULL && k < fc->fd->ncps; k++)
			fc->cid[fc->fd->cps[k]] = 0;
		for (k = 0; fc->fd != NULL && k < fc->fd->ngids; k++) {
			fc->gcid[fc->fd->gids[k]] = 0;
			memset(fc->gtext[fc->fd->gids[k]], 0,
			    sizeof(fc->gtext[0]));
		}
		fc->fd = NULL;
		fc->marked = 0;
		fc->gmarked = 0;
	}
}

int
devfonts_face(const struct devfonts *df, int face)
{
	return df->canon[face];
}

const struct fontdoc *
devfonts_doc(const struct devfonts *df, int f)
{
	return df->faces[f].fd;
}

const uint16_t *
devfonts_codes(const struct devfonts *df, int f)
{
	return df->faces[f].cid;
}

const uint16_t *
devfonts_gcodes(const struct devfonts *df, int f)
{
	return df->faces[f].gcid;
}

const struct font_shaped *
devfonts_shape(struct devfonts *df, const struct dl_item *it, const int **w)
{
	int f = df->canon[it->face];
	const struct font_shaped *sh = shape_item(df, it);
	size_t i;

	if (df->wcap < sh->n + 1)
		XGROW(df->w, df->wcap, sh->n + 1);
	for (i = 0; i < sh->n; i++)
		df->w[i] = fontprog_gwidth(df->faces[f].prog, sh->g[i].gid);
	*w = df->w;
	return sh;
}
