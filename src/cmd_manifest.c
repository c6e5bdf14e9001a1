/* cmd_manifest.c: `revpack manifest OUTDIR`: merges the manifest.K-of-N.json
 * parts that --shard runs wrote into the manifest.json an unsharded build
 * writes, once every shard 1..N is there. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "manifest.h"
#include "outfile.h"

#define MAX_PART (1024L * 1024 * 1024)  /* bytes in one part */

/* A part found in OUTDIR. */
struct part {
	char *file;             /* OUTDIR/manifest.K-of-N.json */
	int k, n;               /* from the name */
	struct manifest *m;
};

static int
by_shard(const void *a, const void *b)
{
	const struct part *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* read_all: the whole file, malloc'd, or NULL after reporting. */
static char *
read_all(const char *path, size_t *len, struct diag *d)
{
	struct pos at = { path, 0, 0 };
	const char *why;
	FILE *f = file_open(path, NULL, &why);
	struct buf b;
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		diag_error(d, &at, "cannot read: %s", why != NULL ? why :
		    strerror(errno));
		return NULL;
	}
	buf_init(&b);
	buf_puts(&b, "");
	for (;;) {
		n = fread(chunk, 1, sizeof chunk, f);
		if (n == 0 || b.len > MAX_PART)
			break;
		buf_put(&b, chunk, n);
	}
	if (ferror(f) || b.len > MAX_PART) {
		diag_error(d, &at, "cannot read: %s", ferror(f) ?
		    strerror(errno) : "larger than 1 GB");
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	return buf_detach(&b, len);
}

/* find_parts: the parts in dir, sorted by N then K. -1 after reporting a
 * folder that cannot be read. */
static int
find_parts(const char *dir, struct part **parts, size_t *n, int *whole,
    struct diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t cap = 0;
	int k, nn;

	*whole = 0;
	if (dp == NULL) {
		struct pos at = { dir, 0, 0 };

		diag_error(d, &at, "cannot read the folder: %s", strerror(errno));
		return -1;
	}
	for (e = readdir(dp); e != NULL; e = readdir(dp)) {
		if (strcmp(e->d_name, "manifest.json") == 0)
			*whole = 1;
		if (!manifest_part_parse(e->d_name, &k, &nn))
			continue;
		XGROW(*parts, cap, *n + 1);
		(*parts)[*n].k = k;
		(*parts)[*n].n = nn;
		(*parts)[*n].m = NULL;
		(*parts)[*n].file = NULL;
		{
			struct buf b;

			buf_init(&b);
			buf_printf(&b, "%s/%s", dir, e->d_name);
			(*parts)[*n].file = buf_detach(&b, NULL);
		}
		(*n)++;
	}
	closedir(dp);
	if (*n > 1)
		qsort(*parts, *n, sizeof **parts, by_shard);
	return 0;
}

/* check_set: one N for all parts, every shard 1..N present. */
static int
check_set(const char *dir, const struct part *p, size_t n, struct diag *d)
{
	struct pos at = { dir, 0, 0 };
	struct buf miss;
	size_t i;
	int k, nmiss = 0, N = p[0].n;

	if (p[n - 1].n != N) {
		diag_error(d, &at, "parts of shard runs with different N: %s "
		    "and %s; expected the parts of one run (remove the old "
		    "ones)", strrchr(p[0].file, '/') + 1,
		    strrchr(p[n - 1].file, '/') + 1);
		return -1;
	}
	buf_init(&miss);
	for (k = 1, i = 0; k <= N; k++) {
		if (i < n && p[i].k == k) {
			i++;
			continue;
		}
		buf_printf(&miss, "%s%d", nmiss++ ? ", " : "", k);
	}
	if (nmiss > 0)
		diag_error(d, &at, "shard%s %s of %d not done yet (no "
		    "manifest.K-of-%d.json); expected all %d shards before "
		    "merging", nmiss > 1 ? "s" : "", miss.p, N, N, N);
	buf_free(&miss);
	return nmiss > 0 ? -1 : 0;
}

/* check_part: a part read back agrees with its name and with the first
 * part (cycle, selection). */
static int
check_part(const struct part *p, const struct part *first, struct diag *d)
{
	struct pos at = { p->file, 0, 0 };
	const struct manifest *m = p->m, *f = first->m;

	if (m->shard_n == 0 || m->shard_k != p->k || m->shard_n != p->n) {
		diag_error(d, &at, "says it is shard %d of %d; expected shard "
		    "%d of %d, as its name says", m->shard_k, m->shard_n, p->k,
		    p->n);
		return -1;
	}
	if (p == first)
		return 0;
	if (strcmp(m->cycle, f->cycle) != 0) {
		diag_error(d, &at, "cycle \"%s\"; expected \"%s\" as in %s",
		    m->cycle, f->cycle, first->file);
		return -1;
	}
	if (!str_eq(m->docs, f->docs) || !str_eq(m->only, f->only)) {
		diag_error(d, &at, "built with other --docs or --only than %s; "
		    "expected every shard run with the same options",
		    first->file);
		return -1;
	}
	return 0;
}

/* merge: the parts' files in one manifest, path order. */
static struct manifest *
merge(const char *dir, struct part *p, size_t n, struct diag *d)
{
	struct manifest *m = manifest_new(p[0].m->cycle, 0, 0, NULL, NULL);
	const char *dup;
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < p[i].m->n; j++) {
			const struct manifest_file *f = &p[i].m->files[j];

			manifest_add(m, f->path, f->sha256, f->bytes, f->pages,
			    f->subject, f->encrypted);
		}
	dup = manifest_sort(m);
	if (dup != NULL) {
		struct pos at = { dir, 0, 0 };

		diag_error(d, &at, "\"%s\" is listed by two shards; expected "
		    "each file in one shard's part", dup);
		manifest_free(m);
		return NULL;
	}
	return m;
}

static int
read_parts(struct part *p, size_t n, struct diag *d)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		char *text = read_all(p[i].file, &len, d);

		if (text == NULL)
			return -1;
		p[i].m = manifest_parse(text, len, p[i].file, d);
		free(text);
		if (p[i].m == NULL || check_part(&p[i], &p[0], d) != 0)
			return -1;
	}
	return 0;
}

int
cmd_manifest(const char *outdir)
{
	struct diag *d = diag_new(stderr);
	struct part *parts = NULL;
	struct manifest *m = NULL;
	struct buf path, text;
	size_t n = 0, i;
	int whole, st = EXIT_INPUT;

	buf_init(&path);
	buf_init(&text);
	if (find_parts(outdir, &parts, &n, &whole, d) != 0)
		goto out;
	if (n == 0) {
		if (whole) {
			fprintf(stderr, "revpack: %s has no shard manifests "
			    "(manifest.K-of-N.json); its manifest.json is an "
			    "unsharded build's and complete\n", outdir);
			st = EXIT_OK;
		} else {
			struct pos at = { outdir, 0, 0 };

			diag_error(d, &at, "no manifest.K-of-N.json; expected "
			    "the folder that revpack build --shard K/N wrote");
		}
		goto out;
	}
	if (check_set(outdir, parts, n, d) != 0 || read_parts(parts, n, d) != 0)
		goto out;
	m = merge(outdir, parts, n, d);
	if (m == NULL)
		goto out;
	manifest_emit(m, &text);
	buf_printf(&path, "%s/manifest.json", outdir);
	st = outfile_write(path.p, text.p, text.len, 0600, d) == 0 ?
	    EXIT_OK : EXIT_OUTPUT;
	if (st == EXIT_OK)
		fprintf(stderr, "revpack: merged %zu shard manifests (%zu "
		    "files) into %s\n", n, m->n, path.p);
out:
	for (i = 0; i < n; i++) {
		free(parts[i].file);
		manifest_free(parts[i].m);
	}
	free(parts);
	manifest_free(m);
	buf_free(&path);
	buf_free(&text);
	diag_free(d);
	return st;
}
