/* runenv.c: the PDF date and the shipped templates' folder (runenv.h). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runenv.h"

#ifndef REVPACK_DATADIR
#define REVPACK_DATADIR "/usr/local/share/revpack"
#endif

#define EPOCH_MAX 253402300799LL        /* 9999-12-31T23:59:59Z */

/* days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
static long long
days_from_civil(long y, long m, long d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
runenv_pdf_date(const char *review_date, int *has_date, long long *epoch,
    struct diag *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long v;
	char *end;

	*has_date = 0;
	*epoch = 0;
	if (sde != NULL && *sde != '\0') {
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (*sde < '0' || *sde > '9' || *end != '\0' || errno != 0 ||
		    v > EPOCH_MAX) {
			diag_error(d, NULL, "SOURCE_DATE_EPOCH \"%s\": expected a "
			    "whole number of seconds since 1970-01-01", sde);
			return -1;
		}
		*has_date = 1;
		*epoch = v;
		return 0;
	}
	if (review_date != NULL && strlen(review_date) == 10) {
		long y = strtol(review_date, NULL, 10);
		long m = strtol(review_date + 5, NULL, 10);
		long dd = strtol(review_date + 8, NULL, 10);

		*has_date = 1;
		*epoch = days_from_civil(y, m, dd) * 86400;
	}
	return 0;
}

/* is_file: path names a regular file. */
static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* exe_dir: the folder of the running program (/proc/self/exe, symbolic
 * links resolved), or NULL. Caller frees. */
static char *
exe_dir(void)
{
	char path[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", path, sizeof path);

	if (n <= 0 || (size_t)n >= sizeof path)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(path);
}

/* candidate: tries dir/name; on success hands the path over in *found.
 * Every path tried is listed in `tried` for the message. */
static int
candidate(struct buf *tried, const char *dir, const char *name,
    char **found)
{
	struct buf p;
	size_t len;

	buf_init(&p);
	buf_printf(&p, "%s/%s", dir, name);
	if (is_file(p.p)) {
		*found = buf_detach(&p, &len);
		return 1;
	}
	buf_printf(tried, "%s%s", tried->len > 0 ? ", " : "", p.p);
	buf_free(&p);
	return 0;
}

/* in_source_tree: tries kind/ ("templates", "rubrics") of dir or of one
 * or two folders up, where that folder holds src/main.c. */
static void
in_source_tree(struct buf *tried, const char *dir, const char *kind,
    const char *name, char **found)
{
	struct buf up, probe;
	int i;

	buf_init(&up);
	buf_init(&probe);
	buf_puts(&up, dir);
	for (i = 0; i < 3 && *found == NULL; i++) {
		buf_reset(&probe);
		buf_printf(&probe, "%s/src/main.c", up.p);
		if (is_file(probe.p)) {
			buf_reset(&probe);
			buf_printf(&probe, "%s/%s", up.p, kind);
			candidate(tried, probe.p, name, found);
		}
		buf_puts(&up, "/..");
	}
	buf_free(&up);
	buf_free(&probe);
}

char *
runenv_shipped(const char *kind, const char *name, struct buf *tried)
{
	char *dir = exe_dir(), *found = NULL;
	struct buf installed;

	buf_init(&installed);
	if (dir != NULL) {
		buf_printf(&installed, "%s/../share/revpack/%s", dir, kind);
		candidate(tried, installed.p, name, &found);
		if (found == NULL)
			in_source_tree(tried, dir, kind, name, &found);
	}
	if (found == NULL) {
		buf_reset(&installed);
		buf_printf(&installed, "%s/%s", REVPACK_DATADIR, kind);
		candidate(tried, installed.p, name, &found);
	}
	free(dir);
	buf_free(&installed);
	return found;
}

char *
runenv_template(const char *name, struct diag *d)
{
	struct buf tried;
	char *found;

	buf_init(&tried);
	found = runenv_shipped("templates", name, &tried);
	if (found == NULL && d != NULL)
		diag_error(d, NULL, "cannot find the shipped template \"%s\" "
		    "(looked for %s); expected an installed revpack, or give "
		    "a template with --template FILE", name, tried.p);
	buf_free(&tried);
	return found;
}

/* names_in: the names of dir's *.yaml files, without ".yaml", appended
 * to names (n of cap, grown). */
static void
names_in(const char *dir, char ***names, size_t *n, size_t *cap)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	while (dp != NULL && (e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		XGROW(*names, *cap, *n + 1);
		(*names)[(*n)++] = xstrndup(e->d_name, len - 5);
	}
	if (dp != NULL)
		closedir(dp);
}

char *
runenv_suggest(const char *kind, const char *name)
{
	char *dir = exe_dir(), **names = NULL, *best = NULL;
	size_t n = 0, cap = 0, i;
	struct buf p;
	const char *hit;

	buf_init(&p);
	if (dir != NULL) {
		buf_printf(&p, "%s/../share/revpack/%s", dir, kind);
		names_in(p.p, &names, &n, &cap);
		for (i = 0; i < 3; i++) {       /* the source tree */
			const char *up = i == 0 ? "" : i == 1 ? "/.." :
			    "/../..";

			buf_reset(&p);
			buf_printf(&p, "%s%s/src/main.c", dir, up);
			if (!is_file(p.p))
				continue;
			buf_reset(&p);
			buf_printf(&p, "%s%s/%s", dir, up, kind);
			names_in(p.p, &names, &n, &cap);
		}
	}
	buf_reset(&p);
	buf_printf(&p, "%s/%s", REVPACK_DATADIR, kind);
	names_in(p.p, &names, &n, &cap);
	hit = str_suggest(name, (const char *const *)names, n);
	if (hit != NULL)
		best = xstrdup(hit);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	buf_free(&p);
	return best;
}
