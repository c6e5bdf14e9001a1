/* deflate.h: compression of PDF streams (FlateDecode, the zlib format),
 * the only place revpack calls a compression library. */
#ifndef REVPACK_DEFLATE_H
#define REVPACK_DEFLATE_H

#include <stddef.h>

#include "util.h"

/* A compressor kept between uses, so that its tables are allocated once
 * per device (one device per worker thread; not thread-safe). */
struct deflater;
/* deflater_new: a compressor at `level`, 1 (fastest) to 12 (smallest). */
struct deflater *deflater_new(int level);
void deflater_free(struct deflater *z);         /* NULL is a no-op */
/* deflater_run: appends to out the zlib stream of in[0..n); its bytes
 * depend only on the input, the level and the library's version. */
void deflater_run(struct deflater *z, const void *in, size_t n,
    struct buf *out);
/* deflate_best: appends to out the smallest zlib stream of in[0..n) the
 * library makes, for streams compressed once and shared by many
 * documents. */
void deflate_best(const void *in, size_t n, struct buf *out);

#endif
