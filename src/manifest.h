/* manifest.h: manifest.json (revpack.1: every file a build wrote, with its
 * sha256, size, pages, subject and whether it is encrypted, in path
 * order), the per-shard parts manifest.K-of-N.json, and a strict reader
 * for exactly what manifest_emit writes, so `revpack manifest` can merge
 * the parts. */
#ifndef REVPACK_MANIFEST_H
#define REVPACK_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

struct manifest_file {
	char *path;             /* relative to the output folder, '/' */
	char sha256[65];        /* lowercase hex */
	uint64_t bytes;
	int pages;              /* -1: not a PDF (null) */
	char *subject;          /* person or manager id, NULL: null */
	int encrypted;
};

struct manifest {
	char *cycle;
	/* A shard's part: shard_k of shard_n, and what the shard was asked
	 * for (so parts of different runs are not merged). A whole build:
	 * shard_n 0, docs and only NULL; they are not written then. */
	int shard_k, shard_n;
	char *docs;             /* the --docs selection, normalised */
	char *only;             /* the --only ids, normalised; NULL: all */
	struct manifest_file *files;
	size_t n, cap;
};

/* manifest_new: an empty manifest (copies its strings); shard_n 0 for a
 * whole build. Caller frees with manifest_free. */
struct manifest *manifest_new(const char *cycle, int shard_k, int shard_n,
    const char *docs, const char *only);
void manifest_free(struct manifest *m);         /* NULL is a no-op */

/* manifest_add: one file; strings are copied; subject may be NULL. */
void manifest_add(struct manifest *m, const char *path,
    const char *sha256, uint64_t bytes, int pages, const char *subject,
    int encrypted);
/* manifest_sort: path order (bytewise); returns the first path listed
 * twice, or NULL. */
const char *manifest_sort(struct manifest *m);

/* manifest_emit: the JSON text, appended to out. Files in the order they
 * are (sort first). One file a line, so that diffs read well:
 *   {
 *     "cycle": "2026-H1",
 *     "files": [
 *       {"path": "org.pdf", "sha256": "...", "bytes": 1234, "pages": 2,
 *        "subject": null, "encrypted": false}     <- on one line
 *     ]
 *   }
 * A part adds "shard": {"k": K, "n": N}, "docs": "...", "only": ... after
 * "cycle". */
void manifest_emit(const struct manifest *m, struct buf *out);

/* manifest_parse: reads what manifest_emit writes (any JSON whitespace;
 * keys in any order; every key required, no other key; strings with
 * JSON escapes, valid UTF-8; integers 0 .. 2^53). name positions
 * messages. NULL after reporting the first problem with line:col. */
struct manifest *manifest_parse(const char *text, size_t len,
    const char *name, struct diag *d);

/* manifest_part_name: "manifest.K-of-N.json" into out (>= 48 bytes). */
const char *manifest_part_name(int k, int n, char *out, size_t size);
/* manifest_part_parse: 1 and *k, *n when name is a part's file name
 * (K and N without leading zeros, 1 <= K <= N), else 0. */
int manifest_part_parse(const char *name, int *k, int *n);

#endif
