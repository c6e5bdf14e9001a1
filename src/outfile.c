/* outfile.c: atomic file writes (temporary, fsync, rename) and the output
 * folder of a build, whose watcher thread cleans up on SIGINT, SIGTERM and
 * SIGHUP once no thread is creating a file any more.
 * A build's files are written through a descriptor of its root folder
 * (openat, renameat), and a file whose bytes are already on disk is left
 * as it is (see put_file). */
#define _GNU_SOURCE             /* syncfs(); struct dirent's d_type */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"

/* How deep stale temporaries are looked for: root, people/ID, ... */
#define SWEEP_DEPTH 3

/* A temporary being written: its name in the folder dirfd (open while it
 * is listed). name NULL: a free slot. */
struct inflight {
	int dirfd;
	char *name;
};

/* A folder of the tree met this run. */
struct folder {
	int made;               /* made by this run: nothing old is in it */
	int fd;                 /* kept open (top-level folders), else -1 */
};

struct outdir {
	char *root;
	int rootfd;             /* root, open; -1 before outdir_create */
	uid_t uid;              /* ours: whose files may be left in place */
	mode_t mask;            /* the process's umask, read at outdir_new:
	                           a chmod only where it takes bits away */
	char tag[48];           /* "2of4-12345": shard and process */
	char shard[32];         /* "2of4": what a rerun of the shard sweeps */
	int root_made;          /* root did not exist before this run */
	pthread_mutex_t lock;   /* guards everything below */
	pthread_cond_t idle;    /* active or held dropped to 0 */
	int stopping;           /* a signal came: no new file may appear */
	int active;             /* threads writing a file in put_file */
	int held;               /* holders of outdir_hold */
	struct inflight *inflight;      /* temporaries that may exist */
	size_t ninflight, cap;
	struct strtab *dirs;    /* folders (relative) seen this run -> index
	                           in folders */
	struct folder *folders;
	size_t nfolders, foldcap;
	struct arena *arena;    /* their names */
	char *scratch;
	int scratch_fd;         /* scratch, open and flock'ed; -1 */
	pthread_t watcher;
	int watching;
	sigset_t oldmask;
};

/* errstr: the system's reason for err (GNU strerror_r, which fills b or
 * returns a constant string). */
static const char *
errstr(int err, char *b, size_t size)
{
	return strerror_r(err, b, size);
}

static void
report(struct diag *d, const char *path, int err)
{
	struct pos at = { path, 0, 0 };
	char b[128];

	diag_error(d, &at, "cannot write: %s", errstr(err, b, sizeof b));
}

/* report_at: report() for root/rel. */
static void
report_at(struct outdir *o, const char *rel, int err, struct diag *d)
{
	struct buf path;

	buf_init(&path);
	buf_printf(&path, "%s/%s", o->root, rel);
	report(d, path.p, err);
	buf_free(&path);
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

int
outfile_put(int fd, const void *p, size_t len)
{
	return put_all(fd, p, len);
}

/* A file's bytes: len bytes at data, or what fill writes. */
struct source {
	const void *data;
	size_t len;
	outdir_fill_fn fill;
	void *arg;
};

/* write_at: creates tmp (relative to the folder dirfd, or to the
 * working folder with AT_FDCWD) with mode (not subject to the umask:
 * chmod_needed when the umask may take bits of mode away),
 * writes src into it and, with durable, syncs it, then renames it to
 * path (also relative to dirfd). 0, or -1 with errno set and tmp
 * removed. */
static int
write_at(int dirfd, const char *tmp, const char *path,
    const struct source *src, int mode, int durable, int chmod_needed)
{
	int fd, err;

	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, (mode_t)mode);
	if (fd < 0)
		return -1;
	if ((chmod_needed && fchmod(fd, (mode_t)mode) != 0) ||
	    (src->fill != NULL ? src->fill(src->arg, fd) :
	    put_all(fd, src->data, src->len)) != 0 ||
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
	struct source src = { data, len, NULL, NULL };
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
	st = write_at(AT_FDCWD, tmp, path, &src, mode, 1, 1);
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
		"handout.pdf", "deck.pdf", "deck.pptx", "blank-form.pdf"
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

/* stop_signals: the signals the watcher takes, blocked in every thread. */
static void
stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* How long the watcher waits for the files being written: a write may
 * block for good (a FIFO planted at a temporary's name, a hung network
 * file system); then its temporary is removed while it waits, as it
 * creates nothing more. */
#define STOP_WAIT_MS 2000

/* wait_writers: until no thread is writing a file, or STOP_WAIT_MS
 * passed. Lock held. */
static void
wait_writers(struct outdir *o)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += STOP_WAIT_MS / 1000;
	until.tv_nsec += (STOP_WAIT_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (o->active > 0)
		if (pthread_cond_timedwait(&o->idle, &o->lock, &until) ==
		    ETIMEDOUT)
			break;
}

/* watch: the watcher thread. Waits for SIGINT, SIGTERM or SIGHUP (blocked
 * in every other thread); then sets stopping, so that no thread starts a
 * new file (put_file and outdir_hold park a thread that tries), waits
 * for the holders of outdir_hold to finish and for the files being
 * written to be renamed (wait_writers), and only then removes the
 * temporaries left and the scratch folder and ends the process with 128
 * + the signal. Holding the lock from there on keeps anything new from
 * starting. Not cancellable once a signal came, so outdir_free cannot cut
 * the cleanup short. */
static void *
watch(void *arg)
{
	static const char msg[] = "revpack: interrupted; temporary files "
	    "removed\n";
	struct outdir *o = arg;
	sigset_t set;
	size_t i;
	int sig = 0, old;

	stop_signals(&set);
	while (sigwait(&set, &sig) != 0 ||
	    (sig != SIGINT && sig != SIGTERM && sig != SIGHUP))
		;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	pthread_mutex_lock(&o->lock);
	o->stopping = 1;
	while (o->held > 0)
		pthread_cond_wait(&o->idle, &o->lock);
	wait_writers(o);
	for (i = 0; i < o->ninflight; i++)
		if (o->inflight[i].name != NULL)
			unlinkat(o->inflight[i].dirfd, o->inflight[i].name, 0);
	if (o->scratch != NULL)
		rm_tree(o->scratch);
	if (isatty(STDERR_FILENO))
		(void)!write(STDERR_FILENO, "\n", 1);
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(128 + sig);
	return NULL;
}

/* park: a thread that would create a file after a signal came waits
 * here until the watcher ends the process. Lock held. */
static void
park(struct outdir *o)
{
	for (;;)
		pthread_cond_wait(&o->idle, &o->lock);
}

void
outdir_hold(struct outdir *o)
{
	pthread_mutex_lock(&o->lock);
	if (o->stopping)
		park(o);
	o->held++;
	pthread_mutex_unlock(&o->lock);
}

void
outdir_release(struct outdir *o)
{
	pthread_mutex_lock(&o->lock);
	if (--o->held == 0)
		pthread_cond_broadcast(&o->idle);
	pthread_mutex_unlock(&o->lock);
}

struct outdir *
outdir_new(int shard_k, int shard_n)
{
	struct outdir *o = xcalloc(1, sizeof *o);
	sigset_t set;

	snprintf(o->shard, sizeof o->shard, "%dof%d", shard_k, shard_n);
	snprintf(o->tag, sizeof o->tag, "%s-%ld", o->shard, (long)getpid());
	pthread_mutex_init(&o->lock, NULL);
	pthread_cond_init(&o->idle, NULL);
	o->rootfd = -1;
	o->scratch_fd = -1;
	o->uid = geteuid();
	/* read without changing it for good; no other thread exists yet */
	o->mask = umask(077);
	umask(o->mask);
	o->dirs = strtab_new(0);
	o->arena = arena_new();
	stop_signals(&set);
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
	if (o->scratch_fd >= 0)
		close(o->scratch_fd);
	pthread_sigmask(SIG_SETMASK, &o->oldmask, NULL);
	for (i = 0; i < o->ninflight; i++)
		free(o->inflight[i].name);
	free(o->inflight);
	for (i = 0; i < o->nfolders; i++)
		if (o->folders[i].fd >= 0)
			close(o->folders[i].fd);
	free(o->folders);
	free(o->scratch);
	strtab_free(o->dirs);
	arena_free(o->arena);
	pthread_cond_destroy(&o->idle);
	pthread_mutex_destroy(&o->lock);
	if (o->rootfd >= 0)
		close(o->rootfd);
	free(o->root);
	free(o);
}

/* --- folders --- */

/* make_dir: mkdir path 0700 whatever the umask; an existing folder is
 * fine as it is (the --out root and its parents are the user's, and may
 * be links). made: 1 when this call made it. 0, or -1 with errno. */
static int
make_dir(const char *path, int *made)
{
	struct stat st;

	*made = 0;
	if (mkdir(path, 0700) == 0) {
		*made = 1;
		return chmod(path, 0700);
	}
	if (errno != EEXIST)
		return -1;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* make_parents: every missing folder of path (not path itself) made
 * 0700. 0, or -1 with errno. */
static int
make_parents(char *path)
{
	char *p;
	int made;

	if (path[0] == '\0')
		return 0;
	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (make_dir(path, &made) != 0) {
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
	st = make_parents(p) == 0 ? make_dir(p, &o->root_made) : -1;
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

/* stale_scratch: name (in the folder tmpfd) is the scratch folder of a
 * revpack process that is gone: "revpack.PID.XXXXXX", ours, a folder, PID
 * not running, and no process holding the lock a live run keeps on it
 * (the lock also covers a PID reused, or one from another PID
 * namespace sharing the folder). */
static int
stale_scratch(int tmpfd, const char *name, uid_t uid)
{
	struct stat st;
	char *end;
	long pid;
	int fd, free_lock;

	if (strncmp(name, "revpack.", 8) != 0)
		return 0;
	errno = 0;
	pid = strtol(name + 8, &end, 10);
	if (errno != 0 || end == name + 8 || *end != '.' || strlen(end) != 7 ||
	    pid <= 0 || pid == (long)getpid())
		return 0;
	if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		return 0;
	fd = openat(tmpfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return 0;
	free_lock = fstat(fd, &st) == 0 && st.st_uid == uid &&
	    flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return free_lock;
}

/* sweep_scratch: removes from tmp the scratch folders that killed runs
 * (kill -9, a power cut) left behind. Best effort. */
static void
sweep_scratch(const char *tmp, uid_t uid)
{
	DIR *dp = opendir(tmp);
	struct dirent *e;
	struct buf path;

	if (dp == NULL)
		return;
	buf_init(&path);
	for (e = readdir(dp); e != NULL; e = readdir(dp))
		if (stale_scratch(dirfd(dp), e->d_name, uid)) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s", tmp, e->d_name);
			rm_tree(path.p);
		}
	closedir(dp);
	buf_free(&path);
}

const char *
outdir_scratch(struct outdir *o, struct diag *d)
{
	const char *tmp = getenv("TMPDIR");
	struct buf b;
	char *dir;
	int fd;

	if (o->scratch != NULL)
		return o->scratch;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	sweep_scratch(tmp, o->uid);
	buf_init(&b);
	buf_printf(&b, "%s/revpack.%ld.XXXXXX", tmp, (long)getpid());
	dir = buf_detach(&b, NULL);
	pthread_mutex_lock(&o->lock);
	if (mkdtemp(dir) != NULL) {
		o->scratch = dir;
		/* held until the process ends: a later run's sweep_scratch
		 * leaves the folder of a live run alone */
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
			o->scratch_fd = fd;
		else if (fd >= 0)
			close(fd);
	}
	pthread_mutex_unlock(&o->lock);
	if (o->scratch == NULL) {
		report(d, dir, errno);
		free(dir);
	}
	return o->scratch;
}

/* open_dir: the folder `name` in the folder parent, opened without
 * following a symbolic link, and made 0700 when missing. first: the first
 * time this run meets it, so its mode is checked (a folder of ours is
 * 0700 whatever the umask `mask`). *made: this call made it. fd, or -1 with
 * errno; *link is 1 when a symbolic link stands where the folder belongs
 * (O_NOFOLLOW protects only the last component of a path, so each
 * component is opened on its own). */
static int
open_dir(int parent, const char *name, int first, mode_t mask, int *made,
    int *link)
{
	struct stat st;
	int fd, err;

	*made = *link = 0;
	if (first) {
		*made = mkdirat(parent, name, 0700) == 0;
		if (!*made && errno != EEXIST)
			return -1;
	}
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		*link = fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode);
		errno = err;
		return -1;
	}
	if (!first)
		return fd;
	if (*made ? (mask & 0700) != 0 && fchmod(fd, 0700) != 0 :
	    fstat(fd, &st) != 0 || ((st.st_mode & 07777) != 0700 &&
	    fchmod(fd, 0700) != 0)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* remember: records the folder rel[0..len) as met, with fd kept open
 * when keep. Returns 1 when fd is now the outdir's (closed by
 * outdir_free), 0 when the caller keeps it (another worker recorded the
 * folder first, or keep is 0). Lock not held. */
static int
remember(struct outdir *o, const char *rel, size_t len, int made, int fd,
    int keep)
{
	int taken = 0;

	pthread_mutex_lock(&o->lock);
	if (strtab_get(o->dirs, rel, len) < 0) {
		XGROW(o->folders, o->foldcap, o->nfolders + 1);
		o->folders[o->nfolders].made = made;
		o->folders[o->nfolders].fd = keep ? fd : -1;
		strtab_put(o->dirs, arena_strndup(o->arena, rel, len), len,
		    (int)o->nfolders);
		o->nfolders++;
		taken = keep;
	}
	pthread_mutex_unlock(&o->lock);
	return taken;
}

/* open_folder: the folder of rel (its part before the last "/") opened
 * by walking down from root one component at a time (open_dir), missing
 * folders made 0700. The top-level folders (people, managers,
 * departments) stay open for the run. *owned: the caller closes the fd.
 * *fresh: the folder was made by this run, so nothing of an earlier run
 * can be in it. fd, or -1 with errno, *bad the folder that failed
 * (malloc'd, relative) and *link set when it is a symbolic link. */
static int
open_folder(struct outdir *o, const char *rel, int *owned, int *fresh,
    char **bad, int *link)
{
	const char *q, *p;
	struct buf name;
	int fd = o->rootfd, made = o->root_made;

	*owned = *link = 0;
	buf_init(&name);
	for (q = rel, p = strchr(q, '/'); p != NULL;
	    q = p + 1, p = strchr(q, '/')) {
		size_t len = (size_t)(p - rel);
		int parent = fd, parent_owned = *owned, i, kept = -1;

		pthread_mutex_lock(&o->lock);
		i = strtab_get(o->dirs, rel, len);
		if (i >= 0) {
			made = o->folders[i].made;
			kept = o->folders[i].fd;
		}
		pthread_mutex_unlock(&o->lock);
		if (kept >= 0) {
			fd = kept;
			*owned = 0;
		} else {
			buf_reset(&name);
			buf_put(&name, q, (size_t)(p - q));
			fd = open_dir(parent, name.p, i < 0, o->mask, &made, link);
			*owned = 1;
		}
		if (fd >= 0 && i < 0 && remember(o, rel, len, made, fd, q == rel))
			*owned = 0;
		if (parent_owned)
			close(parent);
		if (fd < 0) {
			*owned = 0;
			*bad = xstrndup(rel, len);
			break;
		}
	}
	buf_free(&name);
	*fresh = made;
	return fd;
}

/* enlist: records the temporary name in dirfd as in flight; returns
 * its slot. Lock held. */
static size_t
enlist(struct outdir *o, int dirfd, char *name)
{
	size_t i;

	for (i = 0; i < o->ninflight; i++)
		if (o->inflight[i].name == NULL)
			break;
	if (i == o->ninflight) {
		XGROW(o->inflight, o->cap, o->ninflight + 1);
		o->ninflight++;
	}
	o->inflight[i].dirfd = dirfd;
	o->inflight[i].name = name;
	return i;
}

/* existing: what stands at name in the folder dirfd. SAME when it
 * already holds exactly data (a regular file of ours with one link:
 * nothing else shares it), after giving it `mode` if it had another;
 * LINK for a symbolic link; else OTHER (absent, different, or not ours).
 * Never follows a symbolic link or blocks on a FIFO. */
enum existing { OTHER, SAME, LINK };

static enum existing
existing(struct outdir *o, int dirfd, const char *name, const void *data,
    size_t len, int mode)
{
	const char *want = data;
	char chunk[16384];
	struct stat st;
	size_t off = 0;
	int fd, same = 0;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0)
		return errno == ELOOP ? LINK : OTHER;
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
	return same ? SAME : OTHER;
}

/* refuse_link: reports the symbolic link at root/rel: nothing of a build
 * is written through one (a link planted in the tree could send a
 * person's files anywhere). */
static void
refuse_link(struct outdir *o, const char *rel, struct diag *d)
{
	struct buf path;
	struct pos at;

	buf_init(&path);
	buf_printf(&path, "%s/%s", o->root, rel);
	at.file = path.p;
	at.line = at.col = 0;
	diag_error(d, &at, "is a symbolic link; expected a folder or file "
	    "of revpack's own (nothing is written through a link: remove "
	    "it, or choose another --out)");
	buf_free(&path);
}

/* put_file: outdir_write and outdir_commit.
 *
 * A file that already holds exactly these bytes (a rerun) is left in
 * place: a reader sees the same whole file before and after, as with a
 * rename; its mode is set as for a new file; and it is on disk by the
 * run's sync like everything else. It must be a regular file of ours
 * with one link, so a hard link that also names another file or a file
 * of another user is replaced as before. Only its time stamps are older
 * than a rewritten file's would be. This spares a rerun an inode per
 * file (on ext4, every freed inode slows the creations that follow) and
 * is skipped in a folder this run made. A symbolic link, there or in
 * place of a folder, stops the write. */
static int
put_file(struct outdir *o, const char *rel, const struct source *src,
    int durable, struct diag *d)
{
	const char *slash = strrchr(rel, '/'), *base;
	char *tmp, *bad = NULL;
	size_t slot;
	int dirfd, owned, link, st, err, fresh = 0, mode = outfile_mode(rel);
	enum existing there = OTHER;

	base = slash != NULL ? slash + 1 : rel;
	dirfd = open_folder(o, rel, &owned, &fresh, &bad, &link);
	if (dirfd < 0) {
		if (link)
			refuse_link(o, bad, d);
		else
			report_at(o, bad, errno, d);
		free(bad);
		return -1;
	}
	there = fresh || src->fill != NULL ? OTHER :
	    existing(o, dirfd, base, src->data, src->len, mode);
	if (there == LINK || (there == SAME && !durable)) {
		if (there == LINK)
			refuse_link(o, rel, d);
		if (owned)
			close(dirfd);
		return there == LINK ? -1 : 0;
	}
	tmp = tmp_name(base, o->tag);
	/* Enlisted before it exists, delisted after the rename: the
	 * watcher may unlink a name that is not there, never miss one
	 * that is. */
	pthread_mutex_lock(&o->lock);
	if (o->stopping)
		park(o);
	slot = enlist(o, dirfd, tmp);
	o->active++;
	pthread_mutex_unlock(&o->lock);
	st = write_at(dirfd, tmp, base, src, mode, durable,
	    (o->mask & (mode_t)mode) != 0);
	err = errno;
	pthread_mutex_lock(&o->lock);
	o->inflight[slot].name = NULL;
	if (--o->active == 0)
		pthread_cond_broadcast(&o->idle);
	pthread_mutex_unlock(&o->lock);
	if (owned)
		close(dirfd);
	if (st != 0)
		report_at(o, rel, err, d);
	free(tmp);
	return st;
}

int
outdir_write(struct outdir *o, const char *rel, const void *data,
    size_t len, struct diag *d)
{
	struct source src = { data, len, NULL, NULL };

	return put_file(o, rel, &src, 0, d);
}

int
outdir_write_fill(struct outdir *o, const char *rel, outdir_fill_fn fill,
    void *arg, struct diag *d)
{
	struct source src = { NULL, 0, fill, arg };

	return put_file(o, rel, &src, 0, d);
}

void
outdir_flush(struct outdir *o)
{
	/* The output's file system only; sync() if it cannot be named. */
	if (o->rootfd < 0 || syncfs(o->rootfd) != 0)
		sync();
}

int
outdir_commit(struct outdir *o, const char *rel, const void *data,
    size_t len, struct diag *d)
{
	struct source src = { data, len, NULL, NULL };

	/* One sync for the whole run instead of one fsync per file: on
	 * ext4, 40,000 fsyncs cost half a minute. */
	outdir_flush(o);
	return put_file(o, rel, &src, 1, d);
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
