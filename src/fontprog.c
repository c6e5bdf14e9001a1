/* fontprog.c: per document and face the font objects' contents (program,
 * /W, ToUnicode, dictionaries) made from the document's own code points
 * only, with a small cache per code point set, for the PDF device. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fontprog.h"
#include "ttf.h"

/* Documents of a run share text (the template's, the rubric's), so sets
 * of code points repeat; the cache never changes bytes, only time. */
#define DOC_CACHE 64

struct fontprog {
	struct ttf_prog *prog;
	struct ttf_desc desc;
	int face;
	struct fontdoc cache[DOC_CACHE];
	int ncache, next;
	struct buf tail, tail_simple;   /* the descriptor's constant entries */
	struct buf font, cmap;          /* scratch */
	int *widths, *sorted;           /* scratch, nwidths each */
	size_t nwidths;
};

/* desc_tail: the descriptor's entries after /FontName, the same in
 * every document (made once per face); `flags` replaces the face's
 * nonsymbolic flag (32) in d->flags. */
static void
desc_tail(const struct ttf_desc *d, unsigned flags, struct buf *b)
{
	buf_printf(b, "/Flags %u\n/FontBBox [%d %d %d %d]\n/ItalicAngle %d\n"
	    "/Ascent %d\n/Descent %d\n/CapHeight %d\n/StemV %d\n",
	    (d->flags & ~32u) | flags,
	    d->bbox[0], d->bbox[1], d->bbox[2], d->bbox[3], d->italic_angle,
	    d->ascent, d->descent, d->cap_height, d->stemv);
	if (d->x_height > 0)
		buf_printf(b, "/XHeight %d\n", d->x_height);
}

struct fontprog *
fontprog_new(const unsigned char *p, size_t n, int index, int face)
{
	struct ttf_prog *tp = ttf_prog_new(p, n, index);
	struct fontprog *fp;

	if (tp == NULL)
		return NULL;
	fp = xcalloc(1, sizeof(*fp));
	fp->prog = tp;
	fp->face = face;
	ttf_prog_desc(tp, &fp->desc);
	if (fp->desc.psname[0] == '\0')
		snprintf(fp->desc.psname, sizeof(fp->desc.psname), "Face%d",
		    face);
	desc_tail(&fp->desc, 32, &fp->tail);            /* nonsymbolic */
	desc_tail(&fp->desc, 4, &fp->tail_simple);      /* symbolic */
	return fp;
}

static void
fontdoc_free(struct fontdoc *fd)
{
	buf_free(&fd->font);
	buf_free(&fd->cidfont);
	buf_free(&fd->descriptor);
	buf_free(&fd->prog);
	buf_free(&fd->prog_dict);
	buf_free(&fd->tounicode);
	buf_free(&fd->tounicode_dict);
	free(fd->cps);
	fd->cps = NULL;
	fd->ncps = 0;
	free(fd->gids);
	fd->gids = NULL;
	free(fd->gtext);
	fd->gtext = NULL;
	fd->ngids = 0;
}

void
fontprog_free(struct fontprog *fp)
{
	int i;

	if (fp == NULL)
		return;
	ttf_prog_free(fp->prog);
	for (i = 0; i < fp->ncache; i++)
		fontdoc_free(&fp->cache[i]);
	buf_free(&fp->tail);
	buf_free(&fp->tail_simple);
	buf_free(&fp->font);
	buf_free(&fp->cmap);
	free(fp->widths);
	free(fp->sorted);
	free(fp);
}

unsigned
fontprog_nglyphs(const struct fontprog *fp)
{
	return ttf_prog_nglyphs(fp->prog);
}

int
fontprog_gwidth(const struct fontprog *fp, unsigned g)
{
	return ttf_prog_gwidth(fp->prog, g);
}

uint32_t
fontprog_glyph_cp(const struct fontprog *fp, unsigned g)
{
	return ttf_prog_glyph_cp(fp->prog, g);
}

int
fontprog_has(const struct fontprog *fp, uint32_t cp)
{
	return ttf_prog_has(fp->prog, cp);
}

/* --- /W --- */

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* most_common: the most frequent of the n values in v (the smallest on a
 * tie); sorts a copy in tmp. */
static int
most_common(const int *v, int *tmp, size_t n)
{
	size_t i;
	int run = 0, best = 0, mode = 0;

	memcpy(tmp, v, n * sizeof(*v));
	qsort(tmp, n, sizeof(*tmp), cmp_int);
	for (i = 0; i < n; i++) {
		run = i > 0 && tmp[i] == tmp[i - 1] ? run + 1 : 1;
		if (run > best) {
			best = run;
			mode = tmp[i];
		}
	}
	return mode;
}

/* put_int: v in decimal (printf costs more than the rest of /W). */
static void
put_int(struct buf *b, long v)
{
	char tmp[24], *q = tmp + sizeof(tmp);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		*--q = '-';
	buf_put(b, q, (size_t)(tmp + sizeof(tmp) - q));
}

/* put_widths: "/DW d\n/W [...]\n": the most common width as /DW, the
 * CIDs whose width differs listed in runs "cid [w w ...]". */
static void
put_widths(struct fontprog *fp, size_t n, struct buf *b)
{
	size_t i, k = 0;
	int dw = most_common(fp->widths, fp->sorted, n), open = 0;

	buf_puts(b, "/DW ");
	put_int(b, dw);
	buf_puts(b, "\n/W [");
	for (i = 0; i < n; i++) {
		if (fp->widths[i] == dw) {
			if (open)
				buf_putc(b, ']');
			open = 0;
			continue;
		}
		if (!open) {
			buf_putc(b, k++ % 8 == 7 ? '\n' : ' ');
			put_int(b, (long)i + 1);
			buf_puts(b, " [");
		} else {
			buf_putc(b, ' ');
		}
		put_int(b, fp->widths[i]);
		open = 1;
	}
	buf_puts(b, open ? "]]\n" : "]\n");
}

/* put_widths_simple: "/FirstChar 1\n/LastChar n\n/Widths [...]\n", the
 * width of every code. */
static void
put_widths_simple(const struct fontprog *fp, size_t n, struct buf *b)
{
	size_t i;

	buf_puts(b, "/FirstChar 1\n/LastChar ");
	put_int(b, (long)n);
	buf_puts(b, "\n/Widths [");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, i % 16 == 0 ? '\n' : ' ');
		put_int(b, fp->widths[i]);
	}
	buf_puts(b, "]\n");
}

/* --- ToUnicode --- */

/* put_hex: v as `digits` hex digits in angle brackets. */
static void
put_hex(struct buf *b, unsigned v, int digits)
{
	static const char hex[] = "0123456789ABCDEF";
	char q[6];
	int i;

	q[0] = '<';
	for (i = 0; i < digits; i++)
		q[1 + i] = hex[v >> (4 * (digits - 1 - i)) & 15];
	q[digits + 1] = '>';
	buf_put(b, q, (size_t)digits + 2);
}

/* put_utf16: the code points t[0..] (up to FONTDOC_GTEXT_MAX, a zero
 * ends them) as one UTF-16BE hex string. */
static void
put_utf16(struct buf *b, const uint32_t *t)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k;
	int i;

	buf_putc(b, '<');
	for (k = 0; k < FONTDOC_GTEXT_MAX && t[k] != 0; k++) {
		uint32_t u[2] = { t[k], 0 };
		int nu = 1, j;

		if (t[k] > 0xFFFF) {
			u[0] = 0xD800 + ((t[k] - 0x10000) >> 10);
			u[1] = 0xDC00 + ((t[k] - 0x10000) & 0x3FF);
			nu = 2;
		}
		for (j = 0; j < nu; j++)
			for (i = 3; i >= 0; i--)
				buf_putc(b, hex[u[j] >> (4 * i) & 15]);
	}
	buf_putc(b, '>');
}

/* put_glyph_chars: bfchar entries code n + j + 1 -> the text at
 * gcps[j * FONTDOC_GTEXT_MAX] for the shaped glyphs that have one (a
 * cluster's text, or the code point the face maps to the glyph), at
 * most 100 a section. The others extract through the /ActualText around
 * their runs. */
static void
put_glyph_chars(const uint32_t *gcps, size_t n, size_t m, int digits,
    struct buf *b)
{
	size_t j, k, cnt;

	for (j = 0; j < m; j = k) {
		for (k = j, cnt = 0; k < m && cnt < 100; k++)
			cnt += gcps[k * FONTDOC_GTEXT_MAX] != 0;
		if (cnt == 0)
			continue;
		buf_printf(b, "%zu beginbfchar\n", cnt);
		for (; j < k; j++) {
			if (gcps[j * FONTDOC_GTEXT_MAX] == 0)
				continue;
			put_hex(b, (unsigned)(n + j + 1), digits);
			buf_putc(b, ' ');
			put_utf16(b, gcps + j * FONTDOC_GTEXT_MAX);
			buf_putc(b, '\n');
		}
		buf_puts(b, "endbfchar\n");
	}
}

/* put_tounicode: code i + 1 -> cps[i] (codes of 1 byte when simple,
 * else 2), as bfrange runs in which neither the codes nor the code
 * points cross a 256-code boundary, at most 100 a section. */
static void
put_tounicode(const uint16_t *cps, size_t n, const uint32_t *gcps, size_t m,
    int simple, struct buf *b)
{
	size_t i, j, nr = 0, start[100], end[100];
	int digits = simple ? 2 : 4;

	buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n");
	buf_puts(b, simple ? "<00> <FF>\n" : "<0000> <FFFF>\n");
	buf_puts(b, "endcodespacerange\n");
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && cps[j] == cps[j - 1] + 1 &&
		    (cps[j] & 0xFF) != 0 && ((j + 1) & 0xFF) != 0; j++)
			;
		start[nr] = i;
		end[nr++] = j;
		if (nr == NELEM(start) || j == n) {
			size_t k;

			buf_printf(b, "%zu beginbfrange\n", nr);
			for (k = 0; k < nr; k++) {
				put_hex(b, (unsigned)start[k] + 1, digits);
				buf_putc(b, ' ');
				put_hex(b, (unsigned)end[k], digits);
				buf_putc(b, ' ');
				put_hex(b, cps[start[k]], 4);
				buf_putc(b, '\n');
			}
			buf_puts(b, "endbfrange\n");
			nr = 0;
		}
	}
	put_glyph_chars(gcps, n, m, digits, b);
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
}

/* --- dictionaries --- */

static uint64_t
hash_cps(const uint16_t *cps, size_t n, const uint16_t *gids,
    const uint32_t *gtext, size_t m, int face)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)(unsigned)face;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ cps[i]) * 1099511628211ULL;
	if (m > 0)      /* documents without shaped glyphs keep their tags */
		h = (h ^ 0x10000u) * 1099511628211ULL;
	for (i = 0; i < m; i++)
		h = (h ^ gids[i]) * 1099511628211ULL;
	for (i = 0; i < m * FONTDOC_GTEXT_MAX; i++)
		h = (h ^ gtext[i]) * 1099511628211ULL;
	return h;
}

/* put_name: "/TAG+PSNAME\n": the subset tag (six capitals) comes from
 * the hash of the code points. */
static void
put_name(const struct fontprog *fp, uint64_t h, struct buf *b)
{
	char tag[8];
	int i;

	tag[0] = '/';
	for (i = 1; i <= 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[7] = '+';
	buf_put(b, tag, sizeof(tag));
	buf_puts(b, fp->desc.psname);
	buf_putc(b, '\n');
}

/* put_dicts: the font's (simple TrueType or Type0), CIDFont's and
 * descriptor's entries, widths aside. */
static void
put_dicts(const struct fontprog *fp, struct fontdoc *fd)
{
	if (fd->simple) {
		buf_puts(&fd->font, "/Type /Font\n/Subtype /TrueType\n"
		    "/BaseFont ");
		put_name(fp, fd->hash, &fd->font);
	} else {
		buf_puts(&fd->font, "/Type /Font\n/Subtype /Type0\n"
		    "/BaseFont ");
		put_name(fp, fd->hash, &fd->font);
		buf_puts(&fd->font, "/Encoding /Identity-H\n");
		buf_puts(&fd->cidfont, "/Type /Font\n/Subtype /CIDFontType2\n"
		    "/BaseFont ");
		put_name(fp, fd->hash, &fd->cidfont);
		buf_puts(&fd->cidfont, "/CIDSystemInfo << /Registry (Adobe) "
		    "/Ordering (Identity) /Supplement 0 >>\n/CIDToGIDMap "
		    "/Identity\n");
	}
	buf_puts(&fd->descriptor, "/Type /FontDescriptor\n/FontName ");
	put_name(fp, fd->hash, &fd->descriptor);
	if (fd->simple)
		buf_put(&fd->descriptor, fp->tail_simple.p, fp->tail_simple.len);
	else
		buf_put(&fd->descriptor, fp->tail.p, fp->tail.len);
}

/* make_doc: fills fd (emptied) for the n code points cps and the m
 * shaped glyphs gids. */
static void
make_doc(struct fontprog *fp, struct fontdoc *fd, const uint16_t *cps,
    size_t n, const uint16_t *gids, const uint32_t *gtext, size_t m,
    uint64_t h, struct deflater *z)
{
	size_t i, k;
	uint32_t *gcps = xcalloc((m + 1) * FONTDOC_GTEXT_MAX, sizeof(*gcps));

	fd->cps = xmalloc((n + 1) * sizeof(*cps));
	memcpy(fd->cps, cps, n * sizeof(*cps));
	fd->ncps = n;
	fd->gids = xmalloc((m + 1) * sizeof(*gids));
	if (m > 0)
		memcpy(fd->gids, gids, m * sizeof(*gids));
	fd->ngids = m;
	fd->gtext = xcalloc((m + 1) * FONTDOC_GTEXT_MAX, sizeof(*gtext));
	if (m > 0)
		memcpy(fd->gtext, gtext, m * FONTDOC_GTEXT_MAX *
		    sizeof(*gtext));
	fd->hash = h;
	fd->simple = n + m <= FONTDOC_SIMPLE_MAX;
	put_dicts(fp, fd);
	if (fp->nwidths < n + m + 1) {
		free(fp->widths);
		free(fp->sorted);
		fp->nwidths = 2 * (n + m) + 64;
		fp->widths = xcalloc(fp->nwidths, sizeof(*fp->widths));
		fp->sorted = xcalloc(fp->nwidths, sizeof(*fp->sorted));
	}
	for (i = 0; i < n; i++)
		fp->widths[i] = ttf_prog_width(fp->prog, cps[i]);
	for (i = 0; i < m; i++) {
		fp->widths[n + i] = ttf_prog_gwidth(fp->prog, gids[i]);
		for (k = 0; k < FONTDOC_GTEXT_MAX; k++)
			gcps[i * FONTDOC_GTEXT_MAX + k] =
			    gtext[i * FONTDOC_GTEXT_MAX + k];
		if (gcps[i * FONTDOC_GTEXT_MAX] == 0)
			gcps[i * FONTDOC_GTEXT_MAX] =
			    ttf_prog_glyph_cp(fp->prog, gids[i]);
	}
	if (fd->simple)
		put_widths_simple(fp, n + m, &fd->font);
	else
		put_widths(fp, n + m, &fd->cidfont);
	buf_reset(&fp->font);
	ttf_prog_subset_glyphs(fp->prog, cps, n, gids, m, fd->simple,
	    &fp->font);
	deflater_run(z, fp->font.p, fp->font.len, &fd->prog);
	buf_printf(&fd->prog_dict, "/Length1 %zu\n/Filter [/FlateDecode]\n",
	    fp->font.len);
	buf_reset(&fp->cmap);
	put_tounicode(cps, n, gcps, m, fd->simple, &fp->cmap);
	free(gcps);
	deflater_run(z, fp->cmap.p, fp->cmap.len, &fd->tounicode);
	buf_puts(&fd->tounicode_dict, "/Filter [/FlateDecode]\n");
}

const struct fontdoc *
fontprog_doc(struct fontprog *fp, const uint16_t *cps, size_t n,
    struct deflater *z)
{
	return fontprog_doc_glyphs(fp, cps, n, NULL, NULL, 0, z);
}

const struct fontdoc *
fontprog_doc_glyphs(struct fontprog *fp, const uint16_t *cps, size_t n,
    const uint16_t *gids, const uint32_t *gtext, size_t m,
    struct deflater *z)
{
	uint64_t h = hash_cps(cps, n, gids, gtext, m, fp->face);
	struct fontdoc *fd;
	int i;

	for (i = 0; i < fp->ncache; i++) {
		fd = &fp->cache[i];
		if (fd->hash == h && fd->ncps == n && fd->ngids == m &&
		    memcmp(fd->cps, cps, n * sizeof(*cps)) == 0 &&
		    (m == 0 || (memcmp(fd->gids, gids, m * sizeof(*gids)) == 0 &&
		    memcmp(fd->gtext, gtext, m * FONTDOC_GTEXT_MAX *
		    sizeof(*gtext)) == 0)))
			return fd;
	}
	if (fp->ncache < DOC_CACHE) {
		fd = &fp->cache[fp->ncache++];
	} else {        /* round robin: the bytes never depend on it */
		fd = &fp->cache[fp->next];
		fp->next = (fp->next + 1) % DOC_CACHE;
		fontdoc_free(fd);
	}
	make_doc(fp, fd, cps, n, gids, gtext, m, h, z);
	return fd;
}
