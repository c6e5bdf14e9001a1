/* test_outfile.c: atomic writes: modes whatever the umask, replacing a
 * file, failures reported with the path and the reason and leaving no
 * temporary; the output folder's modes, temporaries and scratch folder;
 * a rerun leaving files that already hold the bytes in place, and only
 * those. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "outfile.h"

static char base[256];

static const char *
at(const char *rel)
{
	static char p[512];

	snprintf(p, sizeof p, "%s/%s", base, rel);
	return p;
}

static int
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* count_tmp: entries whose name holds ".tmp-" in dir. */
static int
count_tmp(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (dp == NULL)
		return 0;
	for (e = readdir(dp); e != NULL; e = readdir(dp))
		if (strstr(e->d_name, ".tmp-") != NULL)
			n++;
	closedir(dp);
	return n;
}

static void
test_write_modes_whatever_umask(void)
{
	struct diag *d = diag_new(NULL);
	mode_t old = umask(0277);

	CHECK(outfile_write(at("a.json"), "x", 1, 0600, d) == 0);
	CHECK(outfile_write(at("b.pdf"), "y", 1, 0644, d) == 0);
	umask(0);
	CHECK(outfile_write(at("c.json"), "z", 1, 0600, d) == 0);
	umask(old);
	CHECK_INT(mode_of(at("a.json")), 0600);
	CHECK_INT(mode_of(at("b.pdf")), 0644);
	CHECK_INT(mode_of(at("c.json")), 0600);
	CHECK_INT(diag_count(d), 0);
	diag_free(d);
}

static void
test_write_replaces(void)
{
	struct diag *d = diag_new(NULL);
	char got[16] = "";
	FILE *f;

	CHECK(outfile_write(at("r.txt"), "first, longer", 13, 0600, d) == 0);
	CHECK(outfile_write(at("r.txt"), "second", 6, 0600, d) == 0);
	f = fopen(at("r.txt"), "r");
	CHECK(f != NULL);
	CHECK(fread(got, 1, sizeof got - 1, f) == 6);
	fclose(f);
	CHECK_STR(got, "second");
	CHECK_INT(count_tmp(base), 0);
	diag_free(d);
}

static void
test_write_failure_reported(void)
{
	struct diag *d = diag_new(NULL);
	char want[600];

	CHECK(outfile_write(at("r.txt/under-a-file"), "x", 1, 0600, d) == -1);
	CHECK(outfile_write(at("none/x"), "x", 1, 0600, d) == -1);
	CHECK_INT(diag_errors(d), 2);
	snprintf(want, sizeof want, "%s: error: cannot write: Not a directory",
	    at("r.txt/under-a-file"));
	CHECK_STR(diag_text(d, 0, NULL), want);
	snprintf(want, sizeof want, "%s: error: cannot write: No such file "
	    "or directory", at("none/x"));
	CHECK_STR(diag_text(d, 1, NULL), want);
	CHECK_INT(count_tmp(base), 0);
	diag_free(d);
}

static void
test_outfile_mode(void)
{
	CHECK_INT(outfile_mode("handout.pdf"), 0644);
	CHECK_INT(outfile_mode("deck.pdf"), 0644);
	CHECK_INT(outfile_mode("blank-form.pdf"), 0644);
	CHECK_INT(outfile_mode("org.pdf"), 0600);
	CHECK_INT(outfile_mode("people/x/handout.pdf"), 0600);
	CHECK_INT(outfile_mode("aggregates.json"), 0600);
}

static void
test_outdir_tree_and_scratch(void)
{
	struct diag *d = diag_new(NULL);
	struct outdir *o = outdir_new(2, 3);
	mode_t old = umask(0);
	char scratch[512];
	const char *s;

	CHECK(outdir_create(o, at("out/deep"), d) == 0);
	CHECK(outdir_write(o, "people/p 1/form.pdf", "%PDF", 4, d) == 0);
	CHECK(outdir_write(o, "handout.pdf", "%PDF", 4, d) == 0);
	CHECK(outdir_commit(o, "manifest.2-of-3.json", "{}", 2, d) == 0);
	umask(old);
	CHECK_INT(mode_of(at("out")), 0700);
	CHECK_INT(mode_of(at("out/deep")), 0700);
	CHECK_INT(mode_of(at("out/deep/people")), 0700);
	CHECK_INT(mode_of(at("out/deep/people/p 1")), 0700);
	CHECK_INT(mode_of(at("out/deep/people/p 1/form.pdf")), 0600);
	CHECK_INT(mode_of(at("out/deep/handout.pdf")), 0644);
	CHECK_INT(mode_of(at("out/deep/manifest.2-of-3.json")), 0600);
	s = outdir_scratch(o, d);
	CHECK(s != NULL);
	snprintf(scratch, sizeof scratch, "%s", s);
	CHECK_INT(mode_of(scratch), 0700);
	CHECK(outdir_remove(o, "handout.pdf", d) == 0);
	CHECK(outdir_remove(o, "handout.pdf", d) == 0);     /* gone: fine */
	outdir_free(o);
	CHECK_INT(mode_of(scratch), -1);                    /* removed */
	CHECK_INT(mode_of(at("out/deep/handout.pdf")), -1);
	CHECK_INT(diag_count(d), 0);
	diag_free(d);
}

/* A rerun of shard 2/3 sweeps ".X.tmp-2of3-*" (any pid, any depth up to
 * people/ID) and leaves other shards' and other files alone. */
static void
test_outdir_sweeps_own_shard(void)
{
	static const char *const files[] = {
		"sw/.a.pdf.tmp-2of3-1", "sw/people/x/.b.pdf.tmp-2of3-77",
		"sw/people/x/.b.pdf.tmp-1of3-77", "sw/people/x/keep.tmp-2of3-1",
		"sw/people/x/.c.pdf.tmp-2of30-5"
	};
	struct diag *d = diag_new(NULL);
	struct outdir *o = outdir_new(2, 3);
	size_t i;

	mkdir(at("sw"), 0700);
	mkdir(at("sw/people"), 0700);
	mkdir(at("sw/people/x"), 0700);
	for (i = 0; i < NELEM(files); i++) {
		FILE *f = fopen(at(files[i]), "w");

		CHECK(f != NULL);
		fclose(f);
	}
	CHECK(outdir_create(o, at("sw"), d) == 0);
	CHECK_INT(mode_of(at(files[0])), -1);
	CHECK_INT(mode_of(at(files[1])), -1);
	CHECK(mode_of(at(files[2])) > 0);
	CHECK(mode_of(at(files[3])) > 0);
	CHECK(mode_of(at(files[4])) > 0);
	outdir_free(o);
	diag_free(d);
}

static ino_t
ino_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static int
is_regular(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* content: the first bytes of path, or "" */
static const char *
content(const char *path)
{
	static char got[64];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f != NULL) {
		n = fread(got, 1, sizeof got - 1, f);
		fclose(f);
	}
	got[n] = '\0';
	return got;
}

/* A rerun into an existing folder: a file with the same bytes keeps its
 * inode (and gets its mode back); different bytes, a second hard link, a
 * symbolic link or a FIFO in its place are replaced by a new file. */
static void
test_outdir_rerun_leaves_same_bytes(void)
{
	struct diag *d = diag_new(NULL);
	struct outdir *o = outdir_new(1, 1);
	char other[512];
	ino_t ino;

	mkdir(at("rr"), 0700);
	CHECK(outdir_create(o, at("rr"), d) == 0);
	CHECK(outdir_write(o, "people/x/a.pdf", "same bytes", 10, d) == 0);
	CHECK(outdir_write(o, "b.pdf", "old bytes!", 10, d) == 0);
	CHECK(outdir_write(o, "handout.pdf", "public", 6, d) == 0);
	outdir_free(o);

	/* a second run: folders found, not made */
	o = outdir_new(1, 1);
	CHECK(outdir_create(o, at("rr"), d) == 0);
	ino = ino_of(at("rr/people/x/a.pdf"));
	CHECK(ino != 0);
	chmod(at("rr/people/x/a.pdf"), 0644);
	chmod(at("rr/people/x"), 0755);
	CHECK(outdir_write(o, "people/x/a.pdf", "same bytes", 10, d) == 0);
	CHECK(ino_of(at("rr/people/x/a.pdf")) == ino);
	CHECK_INT(mode_of(at("rr/people/x/a.pdf")), 0600);
	CHECK_INT(mode_of(at("rr/people/x")), 0700);
	/* same length, other bytes */
	ino = ino_of(at("rr/b.pdf"));
	CHECK(outdir_write(o, "b.pdf", "new bytes!", 10, d) == 0);
	CHECK(ino_of(at("rr/b.pdf")) != ino);
	CHECK_STR(content(at("rr/b.pdf")), "new bytes!");
	ino = ino_of(at("rr/people/x/a.pdf"));
	/* a hard link elsewhere: replaced, the other name keeps the old */
	snprintf(other, sizeof other, "%s", at("rr-link"));
	CHECK(link(at("rr/people/x/a.pdf"), other) == 0);
	CHECK(outdir_write(o, "people/x/a.pdf", "same bytes", 10, d) == 0);
	CHECK(ino_of(at("rr/people/x/a.pdf")) != ino);
	CHECK(ino_of(other) == ino);
	/* a symbolic link where a file belongs: refused, and nothing is
	 * written through it */
	CHECK(symlink(other, at("rr/people/x/s.pdf")) == 0);
	CHECK(outdir_write(o, "people/x/s.pdf", "other bytes", 11, d) != 0);
	CHECK(!is_regular(at("rr/people/x/s.pdf")));
	CHECK(ino_of(other) == ino);
	CHECK_STR(content(other), "same bytes");
	CHECK_INT(diag_count(d), 1);
	CHECK(strstr(diag_text(d, 0, NULL), "rr/people/x/s.pdf: error: is a "
	    "symbolic link;") != NULL);
	unlink(at("rr/people/x/s.pdf"));
	/* a FIFO: not opened for long, replaced */
	CHECK(mkfifo(at("rr/people/x/f.pdf"), 0600) == 0);
	CHECK(outdir_write(o, "people/x/f.pdf", "fifo", 4, d) == 0);
	CHECK(is_regular(at("rr/people/x/f.pdf")));
	CHECK_STR(content(at("rr/people/x/f.pdf")), "fifo");
	/* a public file made private by hand gets 0644 back */
	chmod(at("rr/handout.pdf"), 0600);
	CHECK(outdir_write(o, "handout.pdf", "public", 6, d) == 0);
	CHECK_INT(mode_of(at("rr/handout.pdf")), 0644);
	CHECK_INT(count_tmp(at("rr")), 0);
	CHECK_INT(count_tmp(at("rr/people/x")), 0);
	CHECK_INT(diag_count(d), 1);
	outdir_free(o);
	diag_free(d);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(base, sizeof base, "%s/test_outfile.XXXXXX",
	    tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(base) == NULL)
		return 1;
	RUN(test_write_modes_whatever_umask);
	RUN(test_write_replaces);
	RUN(test_write_failure_reported);
	RUN(test_outfile_mode);
	RUN(test_outdir_tree_and_scratch);
	RUN(test_outdir_sweeps_own_shard);
	RUN(test_outdir_rerun_leaves_same_bytes);
	return CHECK_EXIT();
}
