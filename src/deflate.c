/* deflate.c: zlib-format compression for the PDF device's streams (page
 * content, font programs, ToUnicode maps, shared images); the only file
 * that includes a compression library's header. */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "deflate.h"

/* Memory level of the reused streams: 6 was as small and as fast as the
 * default 8 on page content and font programs. */
#define MEMLEVEL 6

struct deflater {
	z_stream z;
	int ready, level;
};

struct deflater *
deflater_new(int level)
{
	struct deflater *z = xcalloc(1, sizeof(*z));

	z->level = level;
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
		if (deflateInit2(&z->z, z->level, Z_DEFLATED, 15, MEMLEVEL,
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

void
deflate_best(const void *in, size_t n, struct buf *out)
{
	uLongf cap = compressBound((uLong)n);

	buf_reset(out);
	if (out->cap < cap + 1)
		XGROW(out->p, out->cap, cap + 1);
	if (compress2((Bytef *)out->p, &cap, in, (uLong)n,
	    Z_BEST_COMPRESSION) != Z_OK)
		xdie_oom();
	out->len = cap;
	out->p[out->len] = '\0';
}
