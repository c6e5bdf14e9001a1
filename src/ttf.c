/* ttf.c: reads coverage, advance widths and vertical metrics from the
 * tables of a TrueType font (.ttf, or one face of a .ttc), with every
 * offset checked against the file size. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>

#include "ttf.h"
#include "util.h"

/* A bounded view of the file. */
struct span {
	const unsigned char *p;
	size_t n;
};

/* in: 1 when [off, off + len) lies inside s. */
static int
in(const struct span *s, size_t off, size_t len)
{
	return off <= s->n && len <= s->n - off;
}

/* find_table: the table `tag` of the face whose directory starts at dir,
 * as a span; 0 when absent or out of bounds. */
static int
find_table(const struct span *file, size_t dir, const char *tag,
    struct span *out)
{
	unsigned ntables, i;

	if (!in(file, dir, 12))
		return 0;
	ntables = ttf_u16(file->p + dir + 4);
	for (i = 0; i < ntables; i++) {
		size_t rec = dir + 12 + (size_t)i * 16;
		uint32_t off, len;

		if (!in(file, rec, 16))
			return 0;
		if (memcmp(file->p + rec, tag, 4) != 0)
			continue;
		off = ttf_u32(file->p + rec + 8);
		len = ttf_u32(file->p + rec + 12);
		if (!in(file, off, len))
			return 0;
		out->p = file->p + off;
		out->n = len;
		return 1;
	}
	return 0;
}

/* cmap_format4: fills gid[] from a format 4 subtable. */
static int
cmap_format4(const struct span *st, uint16_t *gid)
{
	unsigned segs, i;
	size_t ends = 14, starts, deltas, ranges;

	if (!in(st, 0, 14))
		return -1;
	segs = ttf_u16(st->p + 6) / 2u;
	starts = ends + 2u * segs + 2;
	deltas = starts + 2u * segs;
	ranges = deltas + 2u * segs;
	if (!in(st, ranges, 2u * segs))
		return -1;
	for (i = 0; i < segs; i++) {
		unsigned end = ttf_u16(st->p + ends + 2 * i);
		unsigned start = ttf_u16(st->p + starts + 2 * i);
		unsigned delta = ttf_u16(st->p + deltas + 2 * i);
		unsigned ro = ttf_u16(st->p + ranges + 2 * i);
		unsigned c;

		for (c = start; c <= end && c <= 0xFFFF; c++) {
			unsigned g;

			if (ro == 0) {
				g = (c + delta) & 0xFFFF;
			} else {
				size_t at = ranges + 2 * i + ro + 2 * (c - start);

				if (!in(st, at, 2))
					break;
				g = ttf_u16(st->p + at);
				if (g != 0)
					g = (g + delta) & 0xFFFF;
			}
			gid[c] = (uint16_t)g;
		}
	}
	return 0;
}

/* cmap_format12: fills gid[] for the BMP part of a format 12 subtable. */
static int
cmap_format12(const struct span *st, uint16_t *gid)
{
	uint32_t ngroups, i;

	if (!in(st, 0, 16))
		return -1;
	ngroups = ttf_u32(st->p + 12);
	if (ngroups > (st->n - 16) / 12)
		return -1;
	for (i = 0; i < ngroups; i++) {
		const unsigned char *g = st->p + 16 + (size_t)i * 12;
		uint32_t lo = ttf_u32(g), hi = ttf_u32(g + 4), c;
		uint32_t first = ttf_u32(g + 8);

		for (c = lo; c <= hi && c <= 0xFFFF; c++) {
			uint32_t id = first + (c - lo);

			gid[c] = id > 0xFFFF ? 0 : (uint16_t)id;
		}
	}
	return 0;
}

/* read_cmap: picks the Unicode subtable libharu would pick (Windows BMP,
 * format 4) and otherwise another Unicode one. */
static int
read_cmap(const struct span *cmap, uint16_t *gid, const char **why)
{
	static const struct {
		unsigned platform, encoding, format;
	} pref[] = {
		{ 3, 1, 4 }, { 0, 3, 4 }, { 0, 4, 12 }, { 3, 10, 12 },
		{ 0, 6, 12 }, { 0, 0, 4 }, { 0, 1, 4 }, { 0, 2, 4 },
	};
	unsigned n, i, k;
	int symbol = 0;

	if (!in(cmap, 0, 4)) {
		*why = "its cmap table is damaged";
		return -1;
	}
	n = ttf_u16(cmap->p + 2);
	for (k = 0; k < NELEM(pref); k++) {
		for (i = 0; i < n; i++) {
			const unsigned char *r = cmap->p + 4 + (size_t)i * 8;
			struct span st;
			uint32_t off;

			if (!in(cmap, 4 + (size_t)i * 8, 8))
				break;
			if (ttf_u16(r) == 3 && ttf_u16(r + 2) == 0)
				symbol = 1;
			off = ttf_u32(r + 4);
			if (ttf_u16(r) != pref[k].platform ||
			    ttf_u16(r + 2) != pref[k].encoding || !in(cmap, off, 2))
				continue;
			st.p = cmap->p + off;
			st.n = cmap->n - off;
			if (ttf_u16(st.p) != pref[k].format)
				continue;
			if ((pref[k].format == 4 ? cmap_format4(&st, gid) :
			    cmap_format12(&st, gid)) != 0) {
				*why = "its cmap table is damaged";
				return -1;
			}
			return 0;
		}
	}
	*why = symbol ? "it is a symbol font (no Unicode character map), "
	    "which revpack cannot embed" :
	    "it has no Unicode character map";
	return -1;
}

/* astral_groups: the groups of the format 12 subtable st that reach
 * above the BMP, into t->astral (cut to start at U+10000); fails
 * without harm, leaving none. */
static void
astral_groups(const struct span *st, struct ttf *t)
{
	uint32_t ngroups, i, last = 0xFFFF;

	if (!in(st, 0, 16))
		return;
	ngroups = ttf_u32(st->p + 12);
	if (ngroups > (st->n - 16) / 12)
		return;
	for (i = 0; i < ngroups; i++) {
		const unsigned char *g = st->p + 16 + (size_t)i * 12;
		uint32_t lo = ttf_u32(g), hi = ttf_u32(g + 4);
		uint32_t first = ttf_u32(g + 8);
		struct ttf_range *r;

		if (hi < 0x10000 || hi < lo || hi > 0x10FFFF)
			continue;
		if (lo < 0x10000) {
			first += 0x10000 - lo;
			lo = 0x10000;
		}
		if (lo <= last) {       /* unsorted or overlapping: none */
			free(t->astral);
			t->astral = NULL;
			t->nastral = 0;
			return;
		}
		last = hi;
		if ((t->nastral & (t->nastral + 1)) == 0)     /* 2^k - 1 */
			t->astral = xreallocarray(t->astral, 2 * t->nastral + 1,
			    sizeof(*t->astral));
		r = &t->astral[t->nastral++];
		r->lo = lo;
		r->hi = hi;
		r->gid = first;
	}
}

/* read_astral: the code points above the BMP, from the cmap's format 12
 * subtable (Windows UCS-4 or Unicode full repertoire), if there is one. */
static void
read_astral(const struct span *cmap, struct ttf *t)
{
	unsigned n = ttf_u16(cmap->p + 2), i;

	for (i = 0; i < n && in(cmap, 4 + (size_t)i * 8, 8); i++) {
		const unsigned char *r = cmap->p + 4 + (size_t)i * 8;
		unsigned pl = ttf_u16(r), enc = ttf_u16(r + 2);
		uint32_t off = ttf_u32(r + 4);
		struct span st;

		if (!((pl == 3 && enc == 10) || (pl == 0 && (enc == 4 ||
		    enc == 6))) || !in(cmap, off, 2) ||
		    ttf_u16(cmap->p + off) != 12)
			continue;
		st.p = cmap->p + off;
		st.n = cmap->n - off;
		astral_groups(&st, t);
		return;
	}
}

unsigned
ttf_astral_glyph(const struct ttf *t, uint32_t cp)
{
	size_t lo = 0, hi = t->nastral;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ttf_range *r = &t->astral[mid];

		if (cp < r->lo)
			hi = mid;
		else if (cp > r->hi)
			lo = mid + 1;
		else
			return r->gid + (cp - r->lo) <= 0xFFFF ?
			    r->gid + (cp - r->lo) : 0;
	}
	return 0;
}

/* read_metrics: head, hhea, maxp, OS/2 and hmtx into t. */
static int
read_metrics(const struct span *file, size_t dir, struct ttf *t,
    const char **why)
{
	struct span head, hhea, maxp, hmtx, os2;
	unsigned nlong, i;

	if (!find_table(file, dir, "head", &head) || head.n < 54 ||
	    !find_table(file, dir, "hhea", &hhea) || hhea.n < 36 ||
	    !find_table(file, dir, "maxp", &maxp) || maxp.n < 6 ||
	    !find_table(file, dir, "hmtx", &hmtx)) {
		*why = "a required table (head, hhea, maxp or hmtx) is "
		    "missing or damaged";
		return -1;
	}
	t->upem = ttf_u16(head.p + 18);
	t->nglyphs = ttf_u16(maxp.p + 4);
	t->ascender = (int16_t)ttf_u16(hhea.p + 4);
	t->descender = (int16_t)ttf_u16(hhea.p + 6);
	nlong = ttf_u16(hhea.p + 34);
	if (t->upem < 16 || t->nglyphs == 0 || nlong == 0 ||
	    nlong > t->nglyphs || hmtx.n < 4u * nlong) {
		*why = "its head, maxp or hmtx table is damaged";
		return -1;
	}
	t->cap_height = (int16_t)(t->ascender * 7 / 10);
	if (find_table(file, dir, "OS/2", &os2) && os2.n >= 90 &&
	    ttf_u16(os2.p) >= 2)
		t->cap_height = (int16_t)ttf_u16(os2.p + 88);
	t->adv = xcalloc(t->nglyphs, sizeof(*t->adv));
	for (i = 0; i < t->nglyphs; i++)
		t->adv[i] = ttf_u16(hmtx.p + 4 * (i < nlong ? i : nlong - 1));
	return 0;
}

const char *
ttf_face_dir(const unsigned char *p, size_t n, int index, size_t *dir)
{
	struct span file = { p, n };

	*dir = 0;
	if (n >= 12 && memcmp(p, "ttcf", 4) == 0) {
		if (index < 0 || (uint32_t)index >= ttf_u32(p + 8) ||
		    !in(&file, 12 + (size_t)index * 4, 4))
			return "the font collection has no face with that index";
		*dir = ttf_u32(p + 12 + (size_t)index * 4);
	} else if (index > 0)
		return "a face index was given but the file is not a "
		    "font collection (.ttc)";
	return NULL;
}

int
ttf_read_mem(const unsigned char *p, size_t n, int index, struct ttf *t,
    const char **why)
{
	struct span file = { p, n }, cmap, probe;
	const char *bad;
	size_t dir;

	memset(t, 0, sizeof(*t));
	bad = ttf_face_dir(p, n, index, &dir);
	if (bad != NULL) {
		*why = bad;
		return -1;
	}
	if (!in(&file, dir, 12)) {
		*why = "it is not a TrueType font";
		return -1;
	}
	if (memcmp(p + dir, "OTTO", 4) == 0 ||
	    find_table(&file, dir, "CFF ", &probe)) {
		*why = "it is an OpenType font with PostScript (CFF) outlines, "
		    "which revpack cannot embed; use a TrueType font";
		return -1;
	}
	if (ttf_u32(p + dir) != 0x00010000 && memcmp(p + dir, "true", 4) != 0) {
		*why = "it is not a TrueType font";
		return -1;
	}
	if (!find_table(&file, dir, "glyf", &probe) ||
	    !find_table(&file, dir, "loca", &probe) ||
	    !find_table(&file, dir, "name", &probe) ||
	    !find_table(&file, dir, "OS/2", &probe) ||
	    !find_table(&file, dir, "post", &probe)) {
		*why = "a table revpack needs to embed it (glyf, loca, name, OS/2 "
		    "or post) is missing";
		return -1;
	}
	if (!find_table(&file, dir, "cmap", &cmap)) {
		*why = "it has no cmap table";
		return -1;
	}
	if (read_metrics(&file, dir, t, why) != 0)
		return -1;
	t->collection = memcmp(p, "ttcf", 4) == 0;
	t->gid = xcalloc(65536, sizeof(*t->gid));
	if (read_cmap(&cmap, t->gid, why) != 0) {
		ttf_release(t);
		return -1;
	}
	read_astral(&cmap, t);
	return 0;
}

unsigned char *
ttf_file(const char *path, size_t *n)
{
	const char *why;
	FILE *f = file_open(path, NULL, &why);
	unsigned char *p = NULL;
	size_t cap = 0, got;

	*n = 0;
	if (f == NULL)
		return NULL;
	do {
		XGROW(p, cap, *n + 65536);
		got = fread(p + *n, 1, cap - *n, f);
		*n += got;
	} while (got > 0);
	if (ferror(f)) {
		int err = errno;

		free(p);
		fclose(f);
		errno = err;
		return NULL;
	}
	fclose(f);
	return p;
}

/* ttf_read_mapped: ttf_read through a read-only mapping of the open file
 * f of `size` bytes: only the pages of the tables read are touched (a
 * CJK collection is 17 MB, of which coverage and widths need a few
 * hundred KB). -1 with *why NULL when it cannot be mapped. */
static int
ttf_read_mapped(FILE *f, long long size, int index, struct ttf *t,
    const char **why)
{
	void *p;
	int rc;

	*why = NULL;
	if (size <= 0 || (unsigned long long)size > SIZE_MAX)
		return -1;
	p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
	if (p == MAP_FAILED)
		return -1;
	rc = ttf_read_mem(p, (size_t)size, index, t, why);
	munmap(p, (size_t)size);
	return rc;
}

int
ttf_read(const char *path, int index, struct ttf *t, const char **why)
{
	unsigned char *data;
	long long size = 0;
	FILE *f = file_open(path, &size, why);
	size_t n;
	int rc;

	memset(t, 0, sizeof(*t));
	if (f != NULL) {
		rc = ttf_read_mapped(f, size, index, t, why);
		fclose(f);
		if (rc == 0 || *why != NULL)
			return rc;
	}
	data = ttf_file(path, &n);
	if (data == NULL) {
		*why = errno == ENOENT ? "the file does not exist" :
		    "the file cannot be read";
		return -1;
	}
	rc = ttf_read_mem(data, n, index, t, why);
	free(data);
	return rc;
}

void
ttf_release(struct ttf *t)
{
	free(t->gid);
	free(t->adv);
	free(t->astral);
	t->gid = NULL;
	t->adv = NULL;
	t->astral = NULL;
	t->nastral = 0;
}
