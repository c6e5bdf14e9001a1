/* stub_outfile.c: TEMPORARY placeholder (non-atomic) until outfile.c
 * lands (delete this file then). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "outfile.h"

int
outfile_write(const char *path, const void *data, size_t len, int mode,
    struct diag *d)
{
	struct pos at = { path, 0, 0 };
	FILE *f = fopen(path, "wb");

	(void)mode;
	if (f == NULL || fwrite(data, 1, len, f) != len) {
		diag_error(d, &at, "cannot write: %s", strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}
