/* file.c: opening an input file without blocking on what is not a
 * regular file (a FIFO, a device, a socket), for every reader of inputs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* kind: what a non-regular file is, in words. */
static const char *
kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a folder";
	if (S_ISFIFO(m))
		return "a named pipe (FIFO)";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	return "not a regular file";
}

FILE *
file_open(const char *path, long long *size, const char **why)
{
	struct stat st;
	FILE *f;
	int fd, fl;

	*why = NULL;
	/* O_NONBLOCK: opening a FIFO for reading waits for a writer
	 * otherwise, before fstat could tell what it is. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = kind(st.st_mode);
		close(fd);
		return NULL;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return NULL;
	}
	if (size != NULL)
		*size = (long long)st.st_size;
	return f;
}
