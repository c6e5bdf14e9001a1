/* fontprog.c: ToUnicode CMaps, a reusable deflater, and font programs
 * trimmed per document (glyph ids unchanged, unused glyphs empty) with a
 * small cache per glyph set, for the PDF device. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fontprog.h"
#include "ttf.h"

#define TRIM_CACHE 32

struct deflater {
	z_stream z;
	int ready, level, memlevel;
};

/* A program trimmed to one glyph set, compressed. */
struct trimmed {
	uint64_t hash;                  /* of keep, to compare fast */
	unsigned char *keep;            /* the glyphs (after closure) */
	struct buf z;
	size_t len;
};

struct fontprog {
	struct ttf_prog *prog;
	uint16_t *cid2gid;              /* [65536] */
	struct trimmed cache[TRIM_CACHE];
	int ncache, next;
};

struct deflater *
deflater_new(int level, int memlevel)
{
	struct deflater *z = xcalloc(1, sizeof(*z));

	z->level = level;
	z->memlevel = memlevel;
	return z;
}

void
deflater_free(struct deflater *z)
{
	if (z == NULL)
		return;
	if (z->ready)
		deflateEnd(&z->z);
	free(z);
}

void
deflater_run(struct deflater *z, const void *in, size_t n, struct buf *out)
{
	uLong bound;

	if (!z->ready) {
		if (deflateInit2(&z->z, z->level, Z_DEFLATED, 15, z->memlevel,
		    Z_DEFAULT_STRATEGY) != Z_OK)
			xdie_oom();
		z->ready = 1;
	} else if (deflateReset(&z->z) != Z_OK) {
		xdie_oom();
	}
	bound = deflateBound(&z->z, (uLong)n);
	buf_reset(out);
	if (out->cap < bound + 1)
		XGROW(out->p, out->cap, bound + 1);
	z->z.next_in = (Bytef *)(uintptr_t)in;
	z->z.avail_in = (uInt)n;
	z->z.next_out = (Bytef *)out->p;
	z->z.avail_out = (uInt)bound;
	if (deflate(&z->z, Z_FINISH) != Z_STREAM_END)
		xdie_oom();         /* only a lack of memory can stop it */
	out->len = bound - z->z.avail_out;
	out->p[out->len] = '\0';
}

/* put_hex4: a 4-digit CMap code. */
static void
put_hex4(struct buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char q[6] = { '<', hex[v >> 12 & 15], hex[v >> 8 & 15], hex[v >> 4 & 15],
		hex[v & 15], '>' };

	buf_put(b, q, 6);
}

/* put_ranges: n bfrange entries, in sections of at most 100. */
static void
put_ranges(struct buf *b, const unsigned *lo, const unsigned *hi, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (i % 100 == 0)
			buf_printf(b, "%u beginbfrange\n", n - i < 100 ? n - i : 100);
		put_hex4(b, lo[i]);
		buf_putc(b, ' ');
		put_hex4(b, hi[i]);
		buf_putc(b, ' ');
		put_hex4(b, lo[i]);
		buf_putc(b, '\n');
		if (i % 100 == 99 || i == n - 1)
			buf_puts(b, "endbfrange\n");
	}
}

void
fontprog_tounicode(struct buf *b, const struct fontset *fs, int face)
{
	unsigned lo[512], hi[512], n = 0, cp, start = 0;
	int open = 0;

	buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (cp = 0; cp <= 0x10000; cp++) {
		int has = cp < 0xFFFF && fontset_face_has(fs, face, cp);

		if (open && (!has || (cp & 0xFF) == 0)) {
			lo[n] = start;
			hi[n++] = cp - 1;
			open = 0;
		}
		if (has && !open) {
			start = cp;
			open = 1;
		}
		if (n == NELEM(lo) || (cp == 0x10000 && n > 0)) {
			put_ranges(b, lo, hi, n);
			n = 0;
		}
	}
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
}

struct fontprog *
fontprog_new(const unsigned char *prog, size_t n, const unsigned char *map,
    size_t mapn)
{
	struct ttf_prog *tp = ttf_prog_new(prog, n);
	struct fontprog *fp;
	size_t i;

	if (tp == NULL)
		return NULL;
	fp = xcalloc(1, sizeof(*fp));
	fp->prog = tp;
	fp->cid2gid = xcalloc(65536, sizeof(*fp->cid2gid));
	for (i = 0; i + 1 < mapn && i / 2 < 65536; i += 2)
		fp->cid2gid[i / 2] = (uint16_t)(map[i] << 8 | map[i + 1]);
	return fp;
}

void
fontprog_free(struct fontprog *fp)
{
	int i;

	if (fp == NULL)
		return;
	ttf_prog_free(fp->prog);
	free(fp->cid2gid);
	for (i = 0; i < fp->ncache; i++) {
		free(fp->cache[i].keep);
		buf_free(&fp->cache[i].z);
	}
	free(fp);
}

unsigned char *
fontprog_keep_new(const struct fontprog *fp)
{
	return xcalloc(ttf_prog_nglyphs(fp->prog), 1);
}

void
fontprog_mark(const struct fontprog *fp, unsigned char *keep,
    const char *text, size_t len)
{
	unsigned n = ttf_prog_nglyphs(fp->prog);
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		unsigned g;

		i += (size_t)utf8_next(text + i, len - i, &cp);
		g = fp->cid2gid[cp > 0xFFFF ? 0xFFFD : cp];
		if (g < n)
			keep[g] = 1;
	}
}

/* cached: the cache entry for keep, or NULL. */
static struct trimmed *
cached(struct fontprog *fp, const unsigned char *keep, uint64_t h)
{
	unsigned n = ttf_prog_nglyphs(fp->prog);
	int i;

	for (i = 0; i < fp->ncache; i++)
		if (fp->cache[i].hash == h &&
		    memcmp(fp->cache[i].keep, keep, n) == 0)
			return &fp->cache[i];
	return NULL;
}

const unsigned char *
fontprog_trimmed(struct fontprog *fp, unsigned char *keep,
    struct deflater *z, size_t *zlen, size_t *len)
{
	unsigned n = ttf_prog_nglyphs(fp->prog), g;
	uint64_t h = 14695981039346656037ULL;
	struct trimmed *t;
	struct buf font;

	ttf_prog_close(fp->prog, keep);
	for (g = 0; g < n; g++)
		if (keep[g])
			h = (h ^ g) * 1099511628211ULL;
	t = cached(fp, keep, h);
	if (t == NULL) {
		if (fp->ncache < TRIM_CACHE) {
			t = &fp->cache[fp->ncache++];
		} else {        /* round robin: the bytes never depend on it */
			t = &fp->cache[fp->next];
			fp->next = (fp->next + 1) % TRIM_CACHE;
			free(t->keep);
		}
		t->hash = h;
		t->keep = xmalloc(n);
		memcpy(t->keep, keep, n);
		buf_init(&font);
		ttf_prog_trim(fp->prog, keep, &font);
		t->len = font.len;
		deflater_run(z, font.p, font.len, &t->z);
		buf_free(&font);
	}
	*zlen = t->z.len;
	*len = t->len;
	return (const unsigned char *)t->z.p;
}
