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

/* A face as the device embeds it. */
struct dface {
	struct fontprog *prog;          /* NULL until a document draws with it */
	struct cpset *marks;            /* the code points of the document */
	uint16_t *cid;                  /* [65536]: their codes there (0: none) */
	const struct fontdoc *fd;       /* the document's font, or NULL */
	int marked;                     /* marks holds some */
};

struct devfonts {
	const struct fontset *fs;
	size_t nfaces;
	struct dface *faces;            /* per face (canonical faces only) */
	int *canon;                     /* face -> the face it repeats */
	uint16_t *cps;                  /* scratch: a face's code points */
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
	}
	free(df->faces);
	free(df->canon);
	free(df->cps);
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

int
devfonts_begin(struct devfonts *df, const struct dl_doc *doc,
    struct diag *d)
{
	size_t p, k, f, i, n;

	for (p = 0; p < doc->npages; p++) {
		for (k = 0; k < doc->pages[p].n; k++) {
			const struct dl_item *it = &doc->pages[p].items[k];
			int t;

			if (it->kind != DL_TEXT || it->len == 0)
				continue;
			t = text_face(df, it->face, d);
			if (t < 0)
				return -1;
			df->faces[t].marked = 1;
			mark_text(df->faces[t].marks->bits, it->text, it->len);
		}
	}
	/* code i + 1 for the i-th code point of each face's font */
	for (f = 0; f < df->nfaces; f++) {
		struct dface *fc = &df->faces[f];

		if (!fc->marked)
			continue;
		n = face_cps(df, (int)f);
		fc->fd = fontprog_doc(fc->prog, df->cps, n, df->z);
		for (i = 0; i < fc->fd->ncps; i++)
			fc->cid[fc->fd->cps[i]] = (uint16_t)(i + 1);
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
		for (k = 0; fc->fd != NULL && k < fc->fd->ncps; k++)
			fc->cid[fc->fd->cps[k]] = 0;
		fc->fd = NULL;
		fc->marked = 0;
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
