/* outfile.h: files written whole or not at all. Bytes go to a temporary
 * name in the final folder and are renamed into place, so an interrupted
 * or failed run never leaves a truncated file; modes are set explicitly
 * whatever the umask. */
#ifndef REVPACK_OUTFILE_H
#define REVPACK_OUTFILE_H

#include <stddef.h>

#include "diag.h"

/* outfile_write: writes len bytes of data to path (folder must exist)
 * with the given mode (0600 or 0644). Returns 0, or -1 after reporting
 * "PATH: error: cannot write: REASON" (the caller exits 3). The temporary
 * is ".NAME.tmp-PID" beside path and is removed on failure; SIGINT,
 * SIGTERM and SIGHUP wait while it exists, so none leaves it behind. For
 * one file from the main thread (a build uses struct outdir). */
int outfile_write(const char *path, const void *data, size_t len, int mode,
    struct diag *d);

/* --- The output folder of a build ---
 *
 * An outdir owns everything a build writes: the folder tree under --out
 * (folders 0700, files 0600 or 0644, whatever the umask), the temporaries
 * in flight, and a private scratch folder under $TMPDIR. From outdir_new
 * until outdir_free, SIGINT, SIGTERM and SIGHUP are taken by a watcher
 * thread (sigwait, so no signal handler and no global state): it stops
 * every thread before it creates another file (outdir_write and
 * outdir_hold block), waits for the files being written to be renamed
 * into place (at most 2 s: a write may block for good), removes what is
 * left and the scratch folder, then exits
 * 130, 143 or 129.
 * Temporary names carry the shard, ".NAME.tmp-KofN-PID", so shards
 * writing into one folder never touch each other's. outdir_write is
 * thread-safe; the rest is for the thread that called outdir_new. */
struct outdir;

/* outdir_new: blocks SIGINT, SIGTERM and SIGHUP in the calling thread (threads it
 * starts later inherit that) and starts the watcher. Writes nothing, so
 * a command can call it first thing, before it knows the folder. Call it
 * before any other thread exists. */
struct outdir *outdir_new(int shard_k, int shard_n);
/* outdir_free: stops the watcher, removes the scratch folder, restores
 * the signal mask. NULL is a no-op. */
void outdir_free(struct outdir *o);

/* outdir_create: makes root (copied; missing parents too, and the
 * folders it makes are 0700) and removes this shard's stale temporaries
 * left anywhere in the tree by a killed earlier run. Call once, before
 * outdir_write. Returns 0, or -1 after reporting. */
int outdir_create(struct outdir *o, const char *root, struct diag *d);

/* outdir_scratch: a private folder (mkdtemp under $TMPDIR, else /tmp,
 * named "revpack.PID.XXXXXX" and flock'ed while the process lives), made
 * on first call, removed by outdir_free and on a signal. The first call
 * also removes the scratch folders of dead processes (kill -9 leaves
 * one). Whoever fills it calls outdir_hold first. NULL after reporting.
 * Borrowed. */
const char *outdir_scratch(struct outdir *o, struct diag *d);

/* outdir_hold, outdir_release: bracket work that creates files outside
 * outdir_write (filling the scratch folder). A signal's cleanup waits
 * until the holders have released; after a signal, outdir_hold blocks
 * until the process exits. */
void outdir_hold(struct outdir *o);
void outdir_release(struct outdir *o);

/* outdir_write: writes data to root/rel (rel like "people/ab/form.pdf";
 * missing folders are made 0700) with outfile_mode(rel): temporary,
 * rename. Returns 0, or -1 after reporting "PATH: error: cannot write:
 * REASON" in d. After a signal it blocks until the process exits. The
 * file is whole or absent after a crash of the process, but may not be
 * on disk yet: see outdir_commit. */
int outdir_write(struct outdir *o, const char *rel, const void *data,
    size_t len, struct diag *d);
/* Writes a file's bytes into fd (its temporary): 0, or -1 with errno. */
typedef int (*outdir_fill_fn)(void *arg, int fd);
/* outdir_write_fill: outdir_write of the bytes fill writes, for a file
 * too large to hold whole in memory (aggregates.json). Unlike
 * outdir_write, an existing file with the same bytes is replaced. */
int outdir_write_fill(struct outdir *o, const char *rel, outdir_fill_fn fill,
    void *arg, struct diag *d);
/* outfile_put: write(2) until all len bytes at p are written; 0, or -1
 * with errno set. */
int outfile_put(int fd, const void *p, size_t len);
/* outdir_flush: puts everything written so far under the root on disk
 * (syncfs). A build calls it now and then while workers render, so that
 * outdir_commit's has less left to wait for. */
void outdir_flush(struct outdir *o);
/* outdir_commit: the last file of a run (the manifest): flushes
 * everything written so far to disk (outdir_flush), then writes rel like
 * outdir_write and fsyncs it before the rename. Once it is there, every
 * file written before it is on disk. */
int outdir_commit(struct outdir *o, const char *rel, const void *data,
    size_t len, struct diag *d);

/* outdir_remove: removes root/rel when it exists (a stale manifest before
 * a run). Returns 0, or -1 after reporting. */
int outdir_remove(struct outdir *o, const char *rel, struct diag *d);

/* outfile_mode: 0644 for the documents that carry no one's data
 * (handout.pdf, deck.pdf and blank-form.pdf at the top of the tree),
 * 0600 for everything else. */
int outfile_mode(const char *rel);

#endif
