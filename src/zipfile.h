/* zipfile.h: zip archives, the only libzip user, knowing nothing of what
 * the entries hold: reading named entries as a stream of bytes, behind
 * guards against damaged archives and zip bombs (.xlsx in), and writing
 * an archive into memory with fixed timestamps, so that the same entries
 * give the same bytes (.pptx out). */
#ifndef REVPACK_ZIPFILE_H
#define REVPACK_ZIPFILE_H

#include <stddef.h>

#include "diag.h"

/* Caps, checked against the central directory before an entry is opened
 * and again against the bytes actually inflated (the directory's sizes
 * are only a claim):
 *   ZIPIN_MAX_ENTRY   uncompressed bytes read from one entry;
 *   ZIPIN_MAX_RATIO   uncompressed / compressed size, refused only when
 *                     the entry is also larger than ZIPIN_RATIO_FLOOR
 *                     (small XML parts compress 100x and more). */
#define ZIPIN_MAX_ENTRY (512u * 1024 * 1024)
/* ZIPIN_MAX_FILE: the archive itself, refused before it is opened; the
 * same cap as a CSV file's (TEXT_MAX_BYTES). */
#define ZIPIN_MAX_FILE ((size_t)512 * 1024 * 1024)
#define ZIPIN_MAX_RATIO 200
#define ZIPIN_RATIO_FLOOR (64u * 1024 * 1024)

struct zipin;
struct zipin_entry;

/* zipin_open: the archive at path (a regular file; a FIFO or a folder is
 * refused without blocking). `name` (borrowed, outlives the reader) names
 * the file in messages. NULL after reporting why: cannot be opened, not a
 * zip archive (an old .xls or an encrypted workbook is named as such),
 * truncated or damaged. Caller frees with zipin_free. */
struct zipin *zipin_open(const char *path, const char *name, struct diag *d);
void zipin_free(struct zipin *z);               /* NULL is a no-op */

/* zipin_find: the index of the entry called `entry` (ASCII case ignored,
 * as Office part names are), or -1 when there is none. Reports nothing. */
long zipin_find(struct zipin *z, const char *entry);

/* zipin_entry_open: a stream over entry `idx`'s uncompressed bytes. NULL
 * after reporting why (damaged, encrypted, an unsupported compression
 * method, over a cap above). Caller closes with zipin_entry_close. */
struct zipin_entry *zipin_entry_open(struct zipin *z, long idx);
/* zipin_read: up to n bytes into p: the number read (> 0), 0 at the end
 * of the entry, -1 after reporting an error (damaged data, a checksum
 * mismatch, more bytes than the directory declared or than the cap).
 * After 0 or -1 the stream is finished. */
long zipin_read(struct zipin_entry *e, void *p, size_t n);
void zipin_entry_close(struct zipin_entry *e);  /* NULL is a no-op */
/* zipin_entry_name: the entry's name as the archive spells it (borrowed
 * until the archive is freed). */
const char *zipin_entry_name(const struct zipin_entry *e);

/* zipin_set_diag: where messages go from now on (for a reader that moves
 * to another thread, which must not share its caller's diag). */
void zipin_set_diag(struct zipin *z, struct diag *d);

/* zipin_sniff: 1 when p[0..n) (n >= 4) starts like a zip archive whose
 * first entry follows (PK\3\4); 0 otherwise. */
int zipin_sniff(const unsigned char *p, size_t n);

/* --- writing --- */
struct zipout;

/* zipout_new: an empty archive in memory. Caller frees with zipout_free. */
struct zipout *zipout_new(void);
void zipout_free(struct zipout *z);             /* NULL is a no-op */
/* zipout_add: entry `name` with the n bytes at p (copied), deflated or
 * (store 1) stored as they are, dated 1980-01-01 00:00 like every
 * entry. Entries keep the order they are added in. */
void zipout_add(struct zipout *z, const char *name, const void *p, size_t n,
    int store);
/* zipout_finish: the archive's bytes appended to out. 0, or -1 after
 * reporting in d (libzip ran out of memory); `what` names the file. */
int zipout_finish(struct zipout *z, struct buf *out, const char *what,
    struct diag *d);

#endif
