/* fontprog.h: the parts of embedding fonts that need no PDF library: a
 * face's ToUnicode CMap, a reusable zlib deflater, and font programs
 * trimmed to the glyphs of each document, cached per glyph set. Used by
 * dev_pdf.c; one of each per device (not thread-safe). */
#ifndef REVPACK_FONTPROG_H
#define REVPACK_FONTPROG_H

#include <stddef.h>

#include "fonts.h"
#include "util.h"

/* A zlib stream kept between uses (libharu sets up a new one, and clears
 * its hash tables, for every stream it writes). */
struct deflater;
struct deflater *deflater_new(int level, int memlevel);
void deflater_free(struct deflater *z);         /* NULL is a no-op */
/* deflater_run: out = the zlib stream of in[0..n). */
void deflater_run(struct deflater *z, const void *in, size_t n,
    struct buf *out);

/* fontprog_tounicode: appends a ToUnicode CMap mapping each code point
 * face `face` has (its CID under Identity-H) to itself, in bfrange runs
 * that never cross a 256-code boundary, at most 100 per section. */
void fontprog_tounicode(struct buf *b, const struct fontset *fs, int face);

/* A face's font program (TrueType bytes as embedded) and its CID -> glyph
 * map (CIDToGIDMap bytes). */
struct fontprog;
/* fontprog_new: copies both; NULL when the program cannot be trimmed
 * (it is then embedded whole). */
struct fontprog *fontprog_new(const unsigned char *prog, size_t n,
    const unsigned char *map, size_t mapn);
void fontprog_free(struct fontprog *fp);        /* NULL is a no-op */
/* fontprog_keep_new: an empty glyph set for fp (caller frees). */
unsigned char *fontprog_keep_new(const struct fontprog *fp);
/* fontprog_mark: adds the glyphs of UTF-8 text to keep. */
void fontprog_mark(const struct fontprog *fp, unsigned char *keep,
    const char *text, size_t len);
/* fontprog_trimmed: the program holding only the glyphs in keep (closed
 * over composite components first, which changes keep), compressed with
 * z; *len is its uncompressed size. The bytes belong to fp's cache and
 * stay valid until the next call on fp. */
const unsigned char *fontprog_trimmed(struct fontprog *fp,
    unsigned char *keep, struct deflater *z, size_t *zlen, size_t *len);

#endif
