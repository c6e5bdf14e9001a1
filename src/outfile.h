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
 * "PATH: cannot write: REASON" (the caller exits 3). */
int outfile_write(const char *path, const void *data, size_t len, int mode,
    struct diag *d);

#endif
