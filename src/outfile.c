/* outfile.c: atomic file writes (temporary, fsync, rename) and the output
 * folder of a build, whose watcher thread cleans up on SIGINT/SIGTERM.
 * A build's files are written through a descriptor of its root folder
 * (openat, renameat), and a file whose bytes are already on disk is left
 * as it is (see put_file). */
#define _XOPEN_SOURCE 700       /* sync() */
#define _DEFAULT_SOURCE         /* struct dirent's d_type, where it exists */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "outfile.h"

/* How deep stale temporaries are looked for: root, people/ID, ... */
#define SWEEP_DEPTH 3

struct outdir {
	char *root;
	int rootfd;             /* root, open; -1 before outdir_create */
	uid_t uid;              /* ours: whose files may be left in place */
	char tag[48];           /* "2of4-12345": shard and process */
	char shard[32];         /* "2of4": what a rerun of the shard sweeps */
	int root_made;          /* root did not exist before this run */
	pthread_mutex_t lock;   /* guards everything below */
	char **inflight;        /* temporaries that may exist, relative to
	                           root; NULL: a free slot */
	size_t ninflight, cap;
	struct strtab *dirs;    /* folders (relative) made (1) or found (0)
	                           this run */
	struct arena *arena;    /* their names */
	char *scratch;
	pthread_t watcher;
	int watching;
	sigset_t oldmask;
};

/* errstr: the system's reason for err, into b. */
static const char *
errstr(int err, char *b, size_t size)
{
	if (strerror_r(err, b, size) != 0)
		snprintf(b, size, "error %d", err);
	return b;
}

static void
report(struct diag *d, const char *path, int err)
{
	struct pos at = { path, 0, 0 };
	char b[128];

	diag_error(d, &at, "cannot write: %s", errstr(err, b, sizeof b));
}

/* tmp_name: ".BASE.tmp-TAG" in path's folder, malloc'd. */
static char *
tmp_name(const char *path, const char *tag)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	struct buf b;

	buf_init(&b);
	buf_put(&b, path, dirlen);
	buf_printf(&b, ".%s.tmp-%s", path + dirlen, tag);
	return buf_detach(&b, NULL);
}

/* put_all: write(2) until done. 0, or -1 with errno set. */
static int
put_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len > (1u << 30) ? (1u << 30) : len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* write_at: creates tmp (relative to the folder dirfd, or to the
 * working folder with AT_FDCWD) with mode (not subject to the umask),
 * writes it and, with durable, syncs it, then renames it to path (also
 * relative to dirfd). 0, or -1 with errno set and tmp removed. */
static int
write_at(int dirfd, const char *tmp, const char *path, const void *data,
    size_t len, int mode, int durable)
{
	int fd, err;

	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (fchmod(fd, (mode_t)mode) != 0 || put_all(fd, data, len) != 0 ||
	    (durable && fsync(fd) != 0)) {
		err = errno;
		close(fd);
		unlinkat(dirfd, tmp, 0);
		errno = err;
		return -1;
	}
	if (close(fd) != 0 || renameat(dirfd, tmp, dirfd, path) != 0) {
		err = errno;
		unlinkat(dirfd, tmp, 0);
		errno = err;
		return -1;
	}
	return 0;
}

int
outfile_write(const char *path, const void *data, size_t len, int mode,
    struct diag *d)
{
	char tag[32];
	char *tmp;
	sigset_t set, old;
	int st, err;

	snprintf(tag, sizeof tag, "%ld", (long)getpid());
	tmp = tmp_name(path, tag);
	/* Ctrl-C or a kill while the temporary exists waits until it is
	 * renamed (or removed): the user gets the whole file or none, and
	 * no temporary stays behind. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	st = write_at(AT_FDCWD, tmp, path, data, len, mode, 1);
	err = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
	if (st != 0)
		report(d, path, errno);
	free(tmp);
	return st;
}

int
outfile_mode(const char *rel)
{
	static const char *const public[] = {
		"handout.pdf", "deck.pdf", "blank-form.pdf"
	};
	size_t i;

	for (i = 0; i < NELEM(public); i++)
		if (strcmp(rel, public[i]) == 0)
			return 0644;
	return 0600;
}

/* --- the watcher --- */

/* rm_tree: removes dir and everything in it; symbolic links are removed,
 * not followed. Best effort. */
static void
rm_tree(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	struct buf path;

	if (dp != NULL) {
		buf_init(&path);
		for (e = readdir(dp); e != NULL; e = readdir(dp)) {
			struct stat st;

			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			buf_reset(&path);
			buf_printf(&path, "%s/%s", dir, e->d_name);
			if (lstat(path.p, &st) == 0 && S_ISDIR(st.st_mode))
				rm_tree(path.p);
			else
				unlink(path.p);
		}
		closedir(dp);
		buf_free(&path);
	}
	rmdir(dir);
}

/* watch: the watcher thread. Waits for SIGINT or SIGTERM (blocked in
 * every other thread); then, holding the lock for good so that no new
 * temporary can appear, removes the temporaries in flight and the
 * scratch folder and ends the process. */
static void *
watch(void *arg)
{
	static const char msg[] = "revpack: interrupted; temporary files "
	    "removed\n";
	struct outdir *o = arg;
	sigset_t set;
	size_t i;
	int sig = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	while (sigwait(&set, &sig) != 0 || (sig != SIGINT && sig != SIGTERM))
		;
	pthread_mutex_lock(&o->lock);
	for (i = 0; i < o->ninflight; i++)
		if (o->inflight[i] != NULL)
			unlinkat(o->rootfd, o->inflight[i], 0);
	if (o->scratch != NULL)
		rm_tree(o->scratch);
	if (isatty(STDERR_FILENO))
		(void)!write(STDERR_FILENO, "\n", 1);
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(sig == SIGINT ? 130 : 143);
	return NULL;
}

struct outdir *
outdir_new(int shard_k, int shard_n)
{
	struct outdir *o = xcalloc(1, sizeof *o);
	sigset_t set;

	snprintf(o->shard, sizeof o->shard, "%dof%d", shard_k, shard_n);
	snprintf(o->tag, sizeof o->tag, "%s-%ld", o->shard, (long)getpid());
	pthread_mutex_init(&o->lock, NULL);
	o->rootfd = -1;
	o->uid = geteuid();
	o->dirs = strtab_new(0);
	o->arena = arena_new();
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &o->oldmask);
	if (pthread_create(&o->watcher, NULL, watch, o) == 0)
		o->watching = 1;
	return o;
}

void
outdir_free(struct outdir *o)
{
	size_t i;

	if (o == NULL)
		return;
	if (o->watching) {
		/* sigwait is a cancellation point; the watcher holds no lock
		 * while it waits. */
		pthread_cancel(o->watcher);
		pthread_join(o->watcher, NULL);
	}
	if (o->scratch != NULL)
		rm_tree(o->scratch);
	pthread_sigmask(SIG_SETMASK, &o->oldmask, NULL);
	for (i = 0; i < o->ninflight; i++)
		free(o->inflight[i]);
	free(o->inflight);
	free(o->scratch);
	strtab_free(o->dirs);
	arena_free(o->arena);
	pthread_mutex_destroy(&o->lock);
	if (o->rootfd >= 0)
		close(o->rootfd);
	free(o->root);
	free(o);
}

/* --- folders --- */

/* make_dir: mkdir path 0700 whatever the umask; an existing folder is
 * fine, and made 0700 too with `fix`. Relative paths are taken from the
 * folder dirfd (AT_FDCWD: the current one). made: 1 when this call made
 * it. 0, or -1 with errno. */
static int
make_dir(int dirfd, const char *path, int fix, int *made)
{
	struct stat st;

	*made = 0;
	if (mkdirat(dirfd, path, 0700) == 0) {
		*made = 1;
		return fchmodat(dirfd, path, 0700, 0);
	}
	if (errno != EEXIST)
		return -1;
	if (fstatat(dirfd, path, &st, 0) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (fix && (st.st_mode & 07777) != 0700)
		return fchmodat(dirfd, path, 0700, 0);
	return 0;
}

/* make_parents: every missing folder of path (not path itself) made
 * 0700. 0, or -1 with errno. */
static int
make_parents(char *path)
{
	char *p;
	int made;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (make_dir(AT_FDCWD, path, 0, &made) != 0) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

/* entry_type: S_IFDIR, S_IFREG or another S_IF* of dir's entry e (not
 * following a symbolic link), from the folder listing where it says, else
 * from lstat; 0 when it cannot be told. */
static unsigned
entry_type(const char *path, const struct dirent *e)
{
	struct stat st;

#ifdef DT_DIR
	if (e->d_type == DT_DIR)
		return S_IFDIR;
	if (e->d_type == DT_REG)
		return S_IFREG;
	if (e->d_type != DT_UNKNOWN)
		return S_IFLNK;         /* some other kind: neither */
#else
	(void)e;
#endif
	if (lstat(path, &st) != 0)
		return 0;
	return (unsigned)(st.st_mode & S_IFMT);
}

/* sweep: removes this shard's temporaries (".X.tmp-KofN-*") in dir and
 * its subfolders down to `depth` levels. Symbolic links are not
 * followed. The types come from the listing (one lstat per entry made a
 * rerun's start cost a system call per file of the tree). */
static void
sweep(const char *dir, const char *shard, int depth)
{
	char needle[48];
	DIR *dp = opendir(dir);
	struct dirent *e;
	struct buf path;

	if (dp == NULL)
		return;
	snprintf(needle, sizeof needle, ".tmp-%s-", shard);
	buf_init(&path);
	for (e = readdir(dp); e != NULL; e = readdir(dp)) {
		int temp = e->d_name[0] == '.' && strstr(e->d_name, needle) != NULL;
		unsigned type;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!temp && depth <= 1)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		type = entry_type(path.p, e);
		if (type == S_IFDIR && depth > 1)
			sweep(path.p, shard, depth - 1);
		else if (type == S_IFREG && temp)
			unlink(path.p);
	}
	closedir(dp);
	buf_free(&path);
}

int
outdir_create(struct outdir *o, const char *root, struct diag *d)
{
	char *p = xstrdup(root);
	size_t n = strlen(p);
	int st;

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	free(o->root);
	o->root = xstrdup(p);
	st = make_parents(p) == 0 ? make_dir(AT_FDCWD, p, 0, &o->root_made) : -1;
	if (st == 0) {
		int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		pthread_mutex_lock(&o->lock);   /* the watcher reads it */
		if (o->rootfd >= 0)
			close(o->rootfd);
		o->rootfd = fd;
		pthread_mutex_unlock(&o->lock);
		if (fd < 0)
			st = -1;
	}
	if (st != 0)
		report(d, root, errno);
	else
		sweep(p, o->shard, SWEEP_DEPTH);
	free(p);
	return st;
}

const char *
outdir_scratch(struct outdir *o, struct diag *d)
{
	const char *tmp = getenv("TMPDIR");
	struct buf b;
	char *dir;

	if (o->scratch != NULL)
		return o->scratch;
	buf_init(&b);
	buf_printf(&b, "%s/revpack.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	dir = buf_detach(&b, NULL);
	pthread_mutex_lock(&o->lock);
	if (mkdtemp(dir) != NULL)
		o->scratch = dir;
	pthread_mutex_unlock(&o->lock);
	if (o->scratch == NULL) {
		report(d, dir, errno);
		free(dir);
	}
	return o->scratch;
}

/* ensure_dirs: the folders of rel under root exist and are 0700 (checked
 * once per run each; the lock is not held while the system makes them,
 * so two workers may both try a folder: one of them finds it made).
 * *fresh: the file's own folder was made by this run, so nothing of an
 * earlier run can be in it. 0, or -1 with errno and *bad the folder that
 * failed (malloc'd, relative). */
static int
ensure_dirs(struct outdir *o, const char *rel, int *fresh, char **bad)
{
	const char *p;
	struct buf b;
	int made = o->root_made, known;

	buf_init(&b);
	for (p = strchr(rel, '/'); p != NULL; p = strchr(p + 1, '/')) {
		buf_reset(&b);
		buf_put(&b, rel, (size_t)(p - rel));
		pthread_mutex_lock(&o->lock);
		known = strtab_get(o->dirs, b.p, b.len);
		pthread_mutex_unlock(&o->lock);
		if (known >= 0) {
			made = known;
			continue;
		}
		if (make_dir(o->rootfd, b.p, 1, &made) != 0) {
			*bad = buf_detach(&b, NULL);
			return -1;
		}
		pthread_mutex_lock(&o->lock);
		if (strtab_get(o->dirs, b.p, b.len) < 0)
			strtab_put(o->dirs, arena_strndup(o->arena, b.p, b.len),
			    b.len, made);
		pthread_mutex_unlock(&o->lock);
	}
	buf_free(&b);
	*fresh = made;
	return 0;
}

/* enlist: records tmp as in flight; returns its slot. Lock held. */
static size_t
enlist(struct outdir *o, char *tmp)
{
	size_t i;

	for (i = 0; i < o->ninflight; i++)
		if (o->inflight[i] == NULL)
			break;
	if (i == o->ninflight) {
		XGROW(o->inflight, o->cap, o->ninflight + 1);
		o->ninflight++;
	}
	o->inflight[i] = tmp;
	return i;
}

/* same_bytes: 1 when rel already holds exactly data (a regular file of
 * ours with one link: nothing else shares it), after giving it `mode`
 * if it had another; else 0 (and errno untouched meaningfully). Never
 * follows a symbolic link or blocks on a FIFO. */
static int
same_bytes(struct outdir *o, const char *rel, const void *data, size_t len,
    int mode)
{
	const char *want = data;
	char chunk[16384];
	struct stat st;
	size_t off = 0;
	int fd, same = 0;

	fd = openat(o->rootfd, rel, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
	    st.st_uid == o->uid && (uint64_t)st.st_size == (uint64_t)len) {
		same = 1;
		while (same && off < len) {
			ssize_t n = read(fd, chunk, len - off < sizeof chunk ?
			    len - off : sizeof chunk);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0 || memcmp(chunk, want + off, (size_t)n) != 0)
				same = 0;
			else
				off += (size_t)n;
		}
		if (same && (st.st_mode & 07777) != (mode_t)mode &&
		    fchmod(fd, (mode_t)mode) != 0)
			same = 0;
	}
	close(fd);
	return same;
}

/* put_file: outdir_write and outdir_commit.
 *
 * A file that already holds exactly these bytes (a rerun) is left in
 * place: a reader sees the same whole file before and after, as with a
 * rename; its mode is set as for a new file; and it is on disk by the
 * run's sync like everything else. It must be a regular file of ours
 * with one link, so a hard link that also names another file, a
 * symbolic link or a file of another user is replaced as before. Only
 * its time stamps are older than a rewritten file's would be. This spares
 * a rerun an inode per file (on ext4, every freed inode slows the
 * creations that follow) and is skipped in a folder this run made. */
static int
put_file(struct outdir *o, const char *rel, const void *data, size_t len,
    int durable, struct diag *d)
{
	char *tmp, *bad = NULL;
	size_t slot;
	int st, err = 0, fresh = 0, mode = outfile_mode(rel);

	st = ensure_dirs(o, rel, &fresh, &bad);
	err = errno;
	if (st == 0 && !fresh && !durable && same_bytes(o, rel, data, len, mode))
		return 0;
	tmp = tmp_name(rel, o->tag);
	if (st == 0) {
		/* Enlisted before it exists, delisted after the rename: the
		 * watcher may unlink a name that is not there, never miss one
		 * that is. */
		pthread_mutex_lock(&o->lock);
		slot = enlist(o, tmp);
		pthread_mutex_unlock(&o->lock);
		st = write_at(o->rootfd, tmp, rel, data, len, mode, durable);
		err = errno;
		pthread_mutex_lock(&o->lock);
		o->inflight[slot] = NULL;
		pthread_mutex_unlock(&o->lock);
	}
	if (st != 0) {
		struct buf path;

		buf_init(&path);
		buf_printf(&path, "%s/%s", o->root, bad != NULL ? bad : rel);
		report(d, path.p, err);
		buf_free(&path);
	}
	free(bad);
	free(tmp);
	return st;
}

int
outdir_write(struct outdir *o, const char *rel, const void *data,
    size_t len, struct diag *d)
{
	return put_file(o, rel, data, len, 0, d);
}

int
outdir_commit(struct outdir *o, const char *rel, const void *data,
    size_t len, struct diag *d)
{
	/* One sync for the whole run instead of one fsync per file: on
	 * ext4, 40,000 fsyncs cost half a minute. */
	sync();
	return put_file(o, rel, data, len, 1, d);
}

int
outdir_remove(struct outdir *o, const char *rel, struct diag *d)
{
	struct buf b;
	int st = 0;

	buf_init(&b);
	buf_printf(&b, "%s/%s", o->root, rel);
	if (unlinkat(o->rootfd, rel, 0) != 0 && errno != ENOENT) {
		struct pos at = { b.p, 0, 0 };
		char e[128];

		diag_error(d, &at, "cannot remove: %s",
		    errstr(errno, e, sizeof e));
		st = -1;
	}
	buf_free(&b);
	return st;
}
