/* ttfprog.c: builds the TrueType program one document embeds for a face:
 * only the glyphs of the code points it draws, renumbered densely, with a
 * cmap of just those code points, so that the font says nothing about
 * what other documents of the run print. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ttf.h"
#include "util.h"

struct ttf_table {
	char tag[4];
	uint32_t off, len;
};

struct ttf_prog {
	unsigned char *p;
	size_t n;
	struct ttf_table *tables;
	unsigned ntables;
	int glyf, loca, head, hhea, hmtx, maxp, os2, post, name;
	unsigned nlong;                 /* hhea numberOfHMetrics */
	unsigned nglyphs;
	int long_loca;
	uint16_t upem;
	uint32_t *goff;                 /* [nglyphs + 1], into glyf */
	uint32_t *cstart;               /* [nglyphs + 1], into comps, cpos */
	uint16_t *comps;                /* components of composite glyphs */
	uint32_t *cpos;                 /* where each one's id sits in its glyph */
	uint16_t *gid;                  /* [65536]: glyph of each code point */
	uint32_t *rev;                  /* [nglyphs]: smallest code point of
	                                   each glyph (0: none), BMP or not */
	/* scratch for ttf_prog_subset */
	uint16_t *order;                /* new glyph -> old glyph */
	uint16_t *newid;                /* old glyph -> new glyph + 1 (0: none) */
	uint32_t *noff;                 /* new glyph -> offset in the new glyf */
};

static void
put_u16(unsigned char *q, unsigned v)
{
	q[0] = (unsigned char)(v >> 8);
	q[1] = (unsigned char)v;
}

static void
put_u32(unsigned char *q, uint32_t v)
{
	put_u16(q, v >> 16);
	put_u16(q + 2, v & 0xFFFF);
}

/* in: 1 when [off, off + len) lies inside the program. */
static int
in(const struct ttf_prog *fp, size_t off, size_t len)
{
	return off <= fp->n && len <= fp->n - off;
}

void
ttf_prog_free(struct ttf_prog *fp)
{
	if (fp == NULL)
		return;
	free(fp->p);
	free(fp->tables);
	free(fp->goff);
	free(fp->cstart);
	free(fp->comps);
	free(fp->cpos);
	free(fp->gid);
	free(fp->rev);
	free(fp->order);
	free(fp->newid);
	free(fp->noff);
	free(fp);
}

unsigned
ttf_prog_nglyphs(const struct ttf_prog *fp)
{
	return fp->nglyphs;
}

size_t
ttf_prog_glyph_len(const struct ttf_prog *fp, unsigned g)
{
	return g < fp->nglyphs ? fp->goff[g + 1] - fp->goff[g] : 0;
}

int
ttf_prog_has(const struct ttf_prog *fp, uint32_t cp)
{
	return cp < 0xFFFF && fp->gid[cp] != 0 && fp->gid[cp] < fp->nglyphs;
}

/* advance: glyph g's advance width and left side bearing. */
static void
advance(const struct ttf_prog *fp, unsigned g, unsigned *adv, unsigned *lsb)
{
	const unsigned char *h = fp->p + fp->tables[fp->hmtx].off;
	size_t len = fp->tables[fp->hmtx].len;

	*adv = *lsb = 0;
	if (g < fp->nlong) {
		*adv = ttf_u16(h + 4 * g);
		*lsb = ttf_u16(h + 4 * g + 2);
		return;
	}
	*adv = ttf_u16(h + 4 * (fp->nlong - 1));
	if (4u * fp->nlong + 2u * (g - fp->nlong) + 2 <= len)
		*lsb = ttf_u16(h + 4 * fp->nlong + 2 * (g - fp->nlong));
}

int
ttf_prog_width(const struct ttf_prog *fp, uint32_t cp)
{
	unsigned adv, lsb;

	if (!ttf_prog_has(fp, cp))
		return 0;
	advance(fp, fp->gid[cp], &adv, &lsb);
	return (int)((uint32_t)adv * 1000u / fp->upem);
}

int
ttf_prog_gwidth(const struct ttf_prog *fp, unsigned g)
{
	unsigned adv, lsb;

	if (g >= fp->nglyphs)
		return 0;
	advance(fp, g, &adv, &lsb);
	return (int)((uint32_t)adv * 1000u / fp->upem);
}

uint32_t
ttf_prog_glyph_cp(const struct ttf_prog *fp, unsigned g)
{
	return g < fp->nglyphs ? fp->rev[g] : 0;
}

/* prog_tables: the table directory at dir; 0, or -1 when damaged. */
static int
prog_tables(struct ttf_prog *fp, size_t dir)
{
	static const struct {
		const char *tag;
		size_t minlen;
		size_t at;
	} want[] = {
		{ "glyf", 0, offsetof(struct ttf_prog, glyf) },
		{ "loca", 0, offsetof(struct ttf_prog, loca) },
		{ "head", 54, offsetof(struct ttf_prog, head) },
		{ "hhea", 36, offsetof(struct ttf_prog, hhea) },
		{ "hmtx", 4, offsetof(struct ttf_prog, hmtx) },
		{ "maxp", 6, offsetof(struct ttf_prog, maxp) },
		{ "OS/2", 68, offsetof(struct ttf_prog, os2) },
		{ "post", 32, offsetof(struct ttf_prog, post) },
		{ "name", 6, offsetof(struct ttf_prog, name) },
	};
	unsigned i, k;

	if (!in(fp, dir, 12))
		return -1;
	fp->ntables = ttf_u16(fp->p + dir + 4);
	fp->tables = xcalloc(fp->ntables + 1, sizeof(*fp->tables));
	for (k = 0; k < NELEM(want); k++)
		*(int *)((char *)fp + want[k].at) = -1;
	for (i = 0; i < fp->ntables; i++) {
		const unsigned char *r = fp->p + dir + 12 + 16 * (size_t)i;
		struct ttf_table *t = &fp->tables[i];

		if (!in(fp, dir + 12 + 16 * (size_t)i, 16))
			return -1;
		memcpy(t->tag, r, 4);
		t->off = ttf_u32(r + 8);
		t->len = ttf_u32(r + 12);
		if (!in(fp, t->off, t->len))
			return -1;
		for (k = 0; k < NELEM(want); k++)
			if (memcmp(t->tag, want[k].tag, 4) == 0 &&
			    t->len >= want[k].minlen)
				*(int *)((char *)fp + want[k].at) = (int)i;
	}
	if (fp->glyf < 0 || fp->loca < 0 || fp->head < 0 || fp->hhea < 0 ||
	    fp->hmtx < 0 || fp->maxp < 0)
		return -1;
	fp->nlong = ttf_u16(fp->p + fp->tables[fp->hhea].off + 34);
	fp->upem = ttf_u16(fp->p + fp->tables[fp->head].off + 18);
	return fp->nlong == 0 || fp->upem < 16 ||
	    fp->tables[fp->hmtx].len < 4u * fp->nlong ? -1 : 0;
}

/* glyph_components: appends the component glyph ids of glyph g (none for
 * a simple glyph) and where they sit; -1 when the glyph is damaged. */
static int
glyph_components(struct ttf_prog *fp, unsigned g, size_t *ncomp,
    size_t *cap, size_t *cap2)
{
	const unsigned char *q = fp->p + fp->tables[fp->glyf].off + fp->goff[g];
	size_t len = fp->goff[g + 1] - fp->goff[g], at = 10;
	unsigned flags;

	if (len < 10 || (int16_t)ttf_u16(q) >= 0)
		return 0;
	do {
		if (at + 4 > len)
			return -1;
		flags = ttf_u16(q + at);
		XGROW(fp->comps, *cap, *ncomp + 1);
		XGROW(fp->cpos, *cap2, *ncomp + 1);
		fp->comps[*ncomp] = ttf_u16(q + at + 2);
		fp->cpos[(*ncomp)++] = (uint32_t)(at + 2);
		at += 4 + ((flags & 1) ? 4 : 2);
		if (flags & 8)
			at += 2;
		else if (flags & 0x40)
			at += 4;
		else if (flags & 0x80)
			at += 8;
	} while (flags & 0x20);
	return 0;
}

/* prog_glyphs: glyph offsets from loca and the composite components. */
static int
prog_glyphs(struct ttf_prog *fp)
{
	const struct ttf_table *lt = &fp->tables[fp->loca];
	const unsigned char *l = fp->p + lt->off;
	size_t ncomp = 0, cap = 0, cap2 = 0;
	unsigned g;

	fp->long_loca = ttf_u16(fp->p + fp->tables[fp->head].off + 50) != 0;
	fp->nglyphs = lt->len / (fp->long_loca ? 4u : 2u);
	if (fp->nglyphs < 2)
		return -1;
	fp->nglyphs--;
	if (fp->nglyphs > ttf_u16(fp->p + fp->tables[fp->maxp].off + 4))
		fp->nglyphs = ttf_u16(fp->p + fp->tables[fp->maxp].off + 4);
	if (fp->nglyphs == 0 || fp->nlong > fp->nglyphs)
		return -1;
	fp->goff = xcalloc(fp->nglyphs + 1, sizeof(*fp->goff));
	fp->cstart = xcalloc(fp->nglyphs + 1, sizeof(*fp->cstart));
	for (g = 0; g <= fp->nglyphs; g++) {
		fp->goff[g] = fp->long_loca ? ttf_u32(l + 4 * g) :
		    2u * ttf_u16(l + 2 * g);
		if (fp->goff[g] > fp->tables[fp->glyf].len ||
		    (g > 0 && fp->goff[g] < fp->goff[g - 1]))
			return -1;
	}
	for (g = 0; g < fp->nglyphs; g++) {
		fp->cstart[g] = (uint32_t)ncomp;
		if (glyph_components(fp, g, &ncomp, &cap, &cap2) != 0)
			return -1;
	}
	fp->cstart[fp->nglyphs] = (uint32_t)ncomp;
	return 0;
}

/* astral_rev: the code points above the BMP of t (emoji, which shaped
 * runs draw by glyph) for the glyphs no BMP code point names, so that
 * their ToUnicode entries give them back. */
static void
astral_rev(struct ttf_prog *fp, const struct ttf *t)
{
	size_t i;
	uint32_t cp;

	for (i = 0; i < t->nastral; i++)
		for (cp = t->astral[i].lo; cp <= t->astral[i].hi; cp++) {
			uint32_t g = t->astral[i].gid + (cp - t->astral[i].lo);

			if (g >= fp->nglyphs)
				break;
			if (fp->rev[g] == 0)
				fp->rev[g] = cp;
		}
}

struct ttf_prog *
ttf_prog_new(const unsigned char *p, size_t n, int index)
{
	struct ttf_prog *fp = xcalloc(1, sizeof(*fp));
	struct ttf t;
	const char *why;
	size_t dir;
	uint32_t k;

	fp->p = xmalloc(n + 1);
	memcpy(fp->p, p, n);
	fp->n = n;
	if (index < 0)          /* a .ttf, or a collection's first face */
		index = 0;
	if (ttf_face_dir(p, n, index, &dir) != NULL ||
	    ttf_read_mem(p, n, index, &t, &why) != 0) {
		ttf_prog_free(fp);
		return NULL;
	}
	fp->gid = t.gid;
	t.gid = NULL;
	if (prog_tables(fp, dir) != 0 || prog_glyphs(fp) != 0) {
		ttf_release(&t);
		ttf_prog_free(fp);
		return NULL;
	}
	fp->rev = xcalloc(fp->nglyphs + 1, sizeof(*fp->rev));
	for (k = 0xFFFE; k > 0; k--)
		if (fp->gid[k] != 0 && fp->gid[k] < fp->nglyphs)
			fp->rev[fp->gid[k]] = k;
	astral_rev(fp, &t);
	ttf_release(&t);
	fp->order = xcalloc(65536, sizeof(*fp->order));
	fp->newid = xcalloc(fp->nglyphs, sizeof(*fp->newid));
	fp->noff = xcalloc(65537, sizeof(*fp->noff));
	return fp;
}

/* --- the descriptor --- */

/* ps_name: the PostScript name (name ID 6), with only characters a PDF
 * name holds without escapes; "" when there is none. */
static void
ps_name(const struct ttf_prog *fp, char *out, size_t size)
{
	const unsigned char *nm;
	unsigned count, strings, i, k, len, off, step;
	size_t n = 0, nlen;

	out[0] = '\0';
	if (fp->name < 0)
		return;
	nm = fp->p + fp->tables[fp->name].off;
	nlen = fp->tables[fp->name].len;
	count = ttf_u16(nm + 2);
	strings = ttf_u16(nm + 4);
	for (i = 0; i < count && n == 0; i++) {
		const unsigned char *r = nm + 6 + 12 * (size_t)i;

		if (6 + 12 * (size_t)i + 12 > nlen || ttf_u16(r + 6) != 6)
			continue;
		step = ttf_u16(r) == 3 || ttf_u16(r) == 0 ? 2 : 1;
		len = ttf_u16(r + 8);
		off = ttf_u16(r + 10);
		if ((size_t)strings + off + len > nlen)
			continue;
		for (k = step - 1; k < len && n + 1 < size; k += step) {
			unsigned char c = nm[strings + off + k];

			if (c > 0x20 && c < 0x7F && strchr("()<>[]{}/%#", c) == NULL)
				out[n++] = (char)c;
		}
		out[n] = '\0';
	}
}

void
ttf_prog_desc(const struct ttf_prog *fp, struct ttf_desc *d)
{
	const unsigned char *head = fp->p + fp->tables[fp->head].off;
	const unsigned char *hhea = fp->p + fp->tables[fp->hhea].off;
	const unsigned char *os2 = fp->os2 >= 0 ?
	    fp->p + fp->tables[fp->os2].off : NULL;
	const unsigned char *post = fp->post >= 0 ?
	    fp->p + fp->tables[fp->post].off : NULL;
	long upem = fp->upem, weight = os2 != NULL ? ttf_u16(os2 + 4) : 400;
	int i;

	memset(d, 0, sizeof(*d));
	ps_name(fp, d->psname, sizeof(d->psname));
	for (i = 0; i < 4; i++)
		d->bbox[i] = (int)((int16_t)ttf_u16(head + 36 + 2 * i) * 1000L /
		    upem);
	d->ascent = (int)((int16_t)ttf_u16(hhea + 4) * 1000L / upem);
	d->descent = (int)((int16_t)ttf_u16(hhea + 6) * 1000L / upem);
	d->cap_height = d->ascent * 7 / 10;
	if (os2 != NULL && ttf_u16(os2) >= 2 && fp->tables[fp->os2].len >= 90) {
		d->x_height = (int)((int16_t)ttf_u16(os2 + 86) * 1000L / upem);
		d->cap_height = (int)((int16_t)ttf_u16(os2 + 88) * 1000L / upem);
	}
	if (post != NULL)
		d->italic_angle = (int16_t)ttf_u16(post + 4);
	/* the usual estimate of the vertical stem width from the weight */
	d->stemv = (int)(50 + (weight / 65) * (weight / 65));
	d->flags = 32;                          /* nonsymbolic */
	if (post != NULL && ttf_u32(post + 12) != 0)
		d->flags |= 1;                  /* fixed pitch */
	if ((ttf_u16(head + 44) & 2) || d->italic_angle != 0)
		d->flags |= 64;                 /* italic */
	if (ttf_u16(head + 44) & 1)
		d->flags |= 262144;             /* force bold */
}

/* --- the subset --- */

/* glyph_order: fills fp->order (new -> old) and fp->newid: .notdef, the
 * glyph of each code point, the m glyphs gids, then components not yet
 * there, breadth first. Returns the number of glyphs. */
static unsigned
glyph_order(struct ttf_prog *fp, const uint16_t *cps, size_t n,
    const uint16_t *gids, size_t m)
{
	unsigned nn = 0, k;
	size_t i;
	uint32_t c;

	fp->order[nn++] = 0;
	fp->newid[0] = 1;
	for (i = 0; i < n && nn < 65535; i++) {
		uint16_t g = fp->gid[cps[i]];

		fp->order[nn++] = g;
		if (fp->newid[g] == 0)
			fp->newid[g] = (uint16_t)nn;
	}
	for (i = 0; i < m && nn < 65535; i++) {
		uint16_t g = gids[i] < fp->nglyphs ? gids[i] : 0;

		fp->order[nn++] = g;
		if (fp->newid[g] == 0)
			fp->newid[g] = (uint16_t)nn;
	}
	for (k = 0; k < nn; k++) {
		unsigned g = fp->order[k];

		for (c = fp->cstart[g]; c < fp->cstart[g + 1]; c++) {
			unsigned cg = fp->comps[c];

			if (cg < fp->nglyphs && fp->newid[cg] == 0 && nn < 65535) {
				fp->order[nn++] = (uint16_t)cg;
				fp->newid[cg] = (uint16_t)nn;
			}
		}
	}
	return nn;
}

/* new_glyf: the glyphs in their new order, component ids rewritten,
 * each padded to an even length; their offsets into fp->noff. */
static void
new_glyf(struct ttf_prog *fp, unsigned nn, struct buf *glyf)
{
	const unsigned char *g0 = fp->p + fp->tables[fp->glyf].off;
	unsigned k;
	uint32_t c;

	for (k = 0; k < nn; k++) {
		unsigned g = fp->order[k];
		size_t at = glyf->len, len = fp->goff[g + 1] - fp->goff[g];

		fp->noff[k] = (uint32_t)at;
		if (len == 0)
			continue;
		buf_put(glyf, g0 + fp->goff[g], len);
		for (c = fp->cstart[g]; c < fp->cstart[g + 1]; c++) {
			unsigned cg = fp->comps[c];

			put_u16((unsigned char *)glyf->p + at + fp->cpos[c],
			    cg < fp->nglyphs && fp->newid[cg] ? fp->newid[cg] - 1u :
			    0);
		}
		if (glyf->len & 1)
			buf_putc(glyf, 0);
	}
	fp->noff[nn] = (uint32_t)glyf->len;
}

/* new_cmap: a format 4 cmap (Windows, Unicode BMP) mapping cps[i] to
 * glyph i + 1: one segment per run of consecutive code points. */
static void
new_cmap(const uint16_t *cps, size_t n, struct buf *out)
{
	size_t i, j, segs = 1, s;
	unsigned char *q;
	unsigned pow2 = 1, log2 = 0;

	for (i = 0; i < n; i++)
		if (i == 0 || cps[i] != cps[i - 1] + 1)
			segs++;
	while (pow2 * 2 <= segs) {
		pow2 *= 2;
		log2++;
	}
	buf_reset(out);
	XGROW(out->p, out->cap, 12 + 16 + 8 * segs + 1);
	q = (unsigned char *)out->p;
	memset(q, 0, 12 + 16 + 8 * segs);
	put_u16(q + 2, 1);                      /* one subtable */
	put_u16(q + 4, 3);                      /* Windows */
	put_u16(q + 6, 1);                      /* Unicode BMP */
	put_u32(q + 8, 12);
	q += 12;
	put_u16(q, 4);
	put_u16(q + 2, (unsigned)(16 + 8 * segs));
	put_u16(q + 6, (unsigned)(2 * segs));
	put_u16(q + 8, 2 * pow2);
	put_u16(q + 10, log2);
	put_u16(q + 12, (unsigned)(2 * segs - 2 * pow2));
	for (i = 0, s = 0; i < n; i = j, s++) {
		for (j = i + 1; j < n && cps[j] == cps[j - 1] + 1; j++)
			;
		put_u16(q + 14 + 2 * s, cps[j - 1]);             /* end */
		put_u16(q + 16 + 2 * segs + 2 * s, cps[i]);      /* start */
		put_u16(q + 16 + 4 * segs + 2 * s,               /* delta */
		    (unsigned)((i + 1 - cps[i]) & 0xFFFF));
	}
	put_u16(q + 14 + 2 * s, 0xFFFF);
	put_u16(q + 16 + 2 * segs + 2 * s, 0xFFFF);
	put_u16(q + 16 + 4 * segs + 2 * s, 1);
	out->len = 12 + 16 + 8 * segs;
}

/* new_cmap_symbolic: the cmap of a font drawn with 1-byte codes: code c
 * (1..n) draws glyph c, through a Windows symbol subtable (3,0) over
 * U+F001..U+F000+n, where PDF readers look up a symbolic TrueType font's
 * codes, and a Macintosh (1,0) one; no Unicode subtable, so the program
 * names no character (the ToUnicode map does). */
static void
new_cmap_symbolic(size_t n, struct buf *out)
{
	size_t len = 4 + 2 * 8 + 32 + 10 + 2 * n, i;
	unsigned char *q;

	buf_reset(out);
	XGROW(out->p, out->cap, len + 1);
	q = (unsigned char *)out->p;
	memset(q, 0, len);
	put_u16(q + 2, 2);                      /* two subtables */
	put_u16(q + 4, 1);                      /* Macintosh, Roman */
	put_u32(q + 8, 20 + 32);
	put_u16(q + 12, 3);                     /* Windows, symbol */
	put_u32(q + 16, 20);
	q += 20;                                /* format 4, two segments */
	put_u16(q, 4);
	put_u16(q + 2, 32);
	put_u16(q + 6, 4);
	put_u16(q + 8, 4);
	put_u16(q + 10, 1);
	put_u16(q + 14, (unsigned)(0xF000 + n));        /* end */
	put_u16(q + 16, 0xFFFF);
	put_u16(q + 20, 0xF001);                        /* start */
	put_u16(q + 22, 0xFFFF);
	put_u16(q + 24, 0x1000);                        /* delta */
	put_u16(q + 26, 1);
	q += 32;                                /* format 6: codes 1..n */
	put_u16(q, 6);
	put_u16(q + 2, (unsigned)(10 + 2 * n));
	put_u16(q + 6, 1);
	put_u16(q + 8, (unsigned)n);
	for (i = 0; i < n; i++)
		put_u16(q + 10 + 2 * i, (unsigned)(i + 1));
	out->len = len;
}

static uint32_t
checksum(const unsigned char *q, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += ttf_u32(q + i);
	if (i < len) {
		unsigned char last[4] = { 0, 0, 0, 0 };

		memcpy(last, q + i, len - i);
		sum += ttf_u32(last);
	}
	return sum;
}

/* A table of the new font: where its bytes are. */
struct out_table {
	char tag[4];
	const unsigned char *p;
	size_t len;
};

static int
cmp_tag(const void *a, const void *b)
{
	return memcmp(((const struct out_table *)a)->tag,
	    ((const struct out_table *)b)->tag, 4);
}

/* write_font: the offset table, directory and tables (sorted by tag),
 * checksums, and the head checksum adjustment. */
static void
write_font(struct out_table *t, unsigned nt, struct buf *out)
{
	size_t base = out->len, dir, at, head_at = 0;
	unsigned char hdr[12] = { 0, 1, 0, 0 };
	unsigned i, pow2 = 1, log2 = 0;

	qsort(t, nt, sizeof(*t), cmp_tag);
	while (pow2 * 2 <= nt) {
		pow2 *= 2;
		log2++;
	}
	put_u16(hdr + 4, nt);
	put_u16(hdr + 6, 16 * pow2);
	put_u16(hdr + 8, log2);
	put_u16(hdr + 10, 16 * (nt - pow2));
	buf_put(out, hdr, 12);
	dir = out->len;
	for (i = 0; i < 16 * nt; i++)
		buf_putc(out, 0);
	for (i = 0; i < nt; i++) {
		unsigned char *rec;

		at = out->len;
		if (t[i].len > 0)
			buf_put(out, t[i].p, t[i].len);
		while ((out->len - base) & 3)
			buf_putc(out, 0);
		if (memcmp(t[i].tag, "head", 4) == 0) {
			head_at = at;
			put_u32((unsigned char *)out->p + at + 8, 0);
		}
		rec = (unsigned char *)out->p + dir + 16 * i;
		memcpy(rec, t[i].tag, 4);
		put_u32(rec + 4, checksum((unsigned char *)out->p + at, t[i].len));
		put_u32(rec + 8, (uint32_t)(at - base));
		put_u32(rec + 12, (uint32_t)t[i].len);
	}
	put_u32((unsigned char *)out->p + head_at + 8, 0xB1B0AFBAu -
	    checksum((unsigned char *)out->p + base, out->len - base));
}

/* copy_table: table i of fp into tmp (to be patched); NULL for none. */
static unsigned char *
copy_table(const struct ttf_prog *fp, int i, unsigned char *tmp,
    size_t size)
{
	size_t len;

	if (i < 0)
		return NULL;
	len = fp->tables[i].len < size ? fp->tables[i].len : size;
	memcpy(tmp, fp->p + fp->tables[i].off, len);
	return tmp;
}

/* Scratch tables of one subset. */
struct parts {
	struct buf glyf, loca, hmtx, cmap;
	unsigned char head[54], hhea[36], maxp[32], post[32], os2[128];
};

/* new_metrics: loca, hmtx (every metric long) and the patched head,
 * hhea, maxp, OS/2 (the character range: the symbol codes when
 * symbolic) and post (version 3: no glyph names) for nn glyphs. */
static void
new_metrics(struct ttf_prog *fp, unsigned nn, const uint16_t *cps,
    size_t n, int symbolic, size_t ncodes, struct parts *pt)
{
	int long_loca = fp->noff[nn] > 0x1FFFE;
	unsigned char q[4];
	unsigned k, adv, lsb;

	for (k = 0; k <= nn; k++) {
		if (long_loca) {
			put_u32(q, fp->noff[k]);
			buf_put(&pt->loca, q, 4);
		} else {
			put_u16(q, fp->noff[k] / 2);
			buf_put(&pt->loca, q, 2);
		}
	}
	for (k = 0; k < nn; k++) {
		advance(fp, fp->order[k], &adv, &lsb);
		put_u16(q, adv);
		put_u16(q + 2, lsb);
		buf_put(&pt->hmtx, q, 4);
	}
	copy_table(fp, fp->head, pt->head, sizeof(pt->head));
	put_u16(pt->head + 50, (unsigned)long_loca);
	copy_table(fp, fp->hhea, pt->hhea, sizeof(pt->hhea));
	put_u16(pt->hhea + 34, nn);
	copy_table(fp, fp->maxp, pt->maxp, sizeof(pt->maxp));
	put_u16(pt->maxp + 4, nn);
	if (copy_table(fp, fp->os2, pt->os2, sizeof(pt->os2)) != NULL) {
		put_u16(pt->os2 + 64, symbolic ? 0xF001u : n > 0 ? cps[0] : 0);
		put_u16(pt->os2 + 66, symbolic ? (unsigned)(0xF000 + ncodes) :
		    n > 0 ? cps[n - 1] : 0);
	}
	if (copy_table(fp, fp->post, pt->post, sizeof(pt->post)) != NULL) {
		put_u32(pt->post, 0x00030000);
		memset(pt->post + 16, 0, 16);
	}
}

void
ttf_prog_subset(struct ttf_prog *fp, const uint16_t *cps, size_t n,
    int symbolic, struct buf *out)
{
	ttf_prog_subset_glyphs(fp, cps, n, NULL, 0, symbolic, out);
}

void
ttf_prog_subset_glyphs(struct ttf_prog *fp, const uint16_t *cps, size_t n,
    const uint16_t *gids, size_t m, int symbolic, struct buf *out)
{
	static const char keep[][5] = { "cvt ", "fpgm", "prep", "name" };
	struct out_table t[16];
	struct parts pt;
	unsigned nn, nt = 0, k, i;

	memset(&pt, 0, sizeof(pt));
	nn = glyph_order(fp, cps, n, gids, m);
	new_glyf(fp, nn, &pt.glyf);
	new_metrics(fp, nn, cps, n, symbolic, n + m, &pt);
	if (symbolic)
		new_cmap_symbolic(n + m, &pt.cmap);
	else
		new_cmap(cps, n, &pt.cmap);
	for (k = 0; k < nn; k++)
		fp->newid[fp->order[k]] = 0;
#define ADD(tg, ptr, l) do { memcpy(t[nt].tag, tg, 4); t[nt].p = \
	(const unsigned char *)(ptr); t[nt++].len = (l); } while (0)
	ADD("glyf", pt.glyf.p, pt.glyf.len);
	ADD("loca", pt.loca.p, pt.loca.len);
	ADD("hmtx", pt.hmtx.p, pt.hmtx.len);
	ADD("cmap", pt.cmap.p, pt.cmap.len);
	ADD("head", pt.head, sizeof(pt.head));
	ADD("hhea", pt.hhea, sizeof(pt.hhea));
	ADD("maxp", pt.maxp, fp->tables[fp->maxp].len < 32 ?
	    fp->tables[fp->maxp].len : 32);
	if (fp->os2 >= 0)
		ADD("OS/2", pt.os2, fp->tables[fp->os2].len < 128 ?
		    fp->tables[fp->os2].len : 128);
	if (fp->post >= 0)
		ADD("post", pt.post, sizeof(pt.post));
	for (i = 0; i < fp->ntables; i++)
		for (k = 0; k < NELEM(keep); k++)
			if (memcmp(fp->tables[i].tag, keep[k], 4) == 0 &&
			    fp->tables[i].len > 0 && nt < NELEM(t))
				ADD(keep[k], fp->p + fp->tables[i].off,
				    fp->tables[i].len);
#undef ADD
	write_font(t, nt, out);
	buf_free(&pt.glyf);
	buf_free(&pt.loca);
	buf_free(&pt.hmtx);
	buf_free(&pt.cmap);
}
