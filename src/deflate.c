/* deflate.c: zlib-format compression for the PDF device's streams (page
 * content, font programs, ToUnicode maps, shared images) through
 * libdeflate; the only file that includes a compression library's
 * header. */
#include <stdlib.h>
#include <libdeflate.h>

#include "deflate.h"

/* libdeflate's level for deflate_best (its slowest and smallest). */
#define BEST_LEVEL 12

struct deflater {
	struct libdeflate_compressor *c;
};

struct deflater *
deflater_new(int level)
{
	struct deflater *z = xcalloc(1, sizeof(*z));

	z->c = libdeflate_alloc_compressor(level);
	if (z->c == NULL)
		xdie_oom();     /* the level is ours, so only memory can lack */
	return z;
}

void
deflater_free(struct deflater *z)
{
	if (z == NULL)
		return;
	libdeflate_free_compressor(z->c);
	free(z);
}

/* compress: appends to out the zlib stream of in[0..n) made by c. */
static void
compress(struct libdeflate_compressor *c, const void *in, size_t n,
    struct buf *out)
{
	size_t bound = libdeflate_zlib_compress_bound(c, n), len;

	if (out->cap - out->len < bound + 1)
		XGROW(out->p, out->cap, out->len + bound + 1);
	len = libdeflate_zlib_compress(c, in, n, out->p + out->len, bound);
	if (len == 0)
		xdie_oom();     /* never: the bound always fits */
	out->len += len;
	out->p[out->len] = '\0';
}

void
deflater_run(struct deflater *z, const void *in, size_t n, struct buf *out)
{
	compress(z->c, in, n, out);
}

void
deflate_best(const void *in, size_t n, struct buf *out)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(
	    BEST_LEVEL);

	if (c == NULL)
		xdie_oom();
	compress(c, in, n, out);
	libdeflate_free_compressor(c);
}
