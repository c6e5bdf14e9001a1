/* cmd_handout.c: `revpack handout RUBRIC.yaml [--template FILE] [--deck]
 * -o FILE.pdf`: a rubric alone, without a review cycle, as the rollout
 * handout or deck, with the given template or a shipped one. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "doc.h"
#include "load.h"
#include "outfile.h"

#ifndef REVPACK_DATADIR
#define REVPACK_DATADIR "/usr/local/share/revpack"
#endif

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

/* find_template: a shipped template, looked for in this order (notes/
 * teamdocs.md): beside the installed program (BIN/../share/revpack/
 * templates), the source tree the program was built in (templates/ of
 * the folder, or one or two folders up, that holds src/main.c: ./revpack,
 * build/revpack, build/san/revpack), then the compiled-in
 * REVPACK_DATADIR/templates. NULL after reporting. Caller frees. */
static char *
find_template(const char *name, struct diag *d)
{
	char *dir = exe_dir(), *found = NULL;
	struct buf tried, up, probe;
	int i;

	buf_init(&tried);
	buf_init(&up);
	buf_init(&probe);
	if (dir != NULL) {
		buf_printf(&up, "%s/../share/revpack/templates", dir);
		candidate(&tried, up.p, name, &found);
		buf_reset(&up);
		buf_puts(&up, dir);
		for (i = 0; i < 3 && found == NULL; i++) {
			buf_reset(&probe);
			buf_printf(&probe, "%s/src/main.c", up.p);
			if (is_file(probe.p)) {
				buf_reset(&probe);
				buf_printf(&probe, "%s/templates", up.p);
				candidate(&tried, probe.p, name, &found);
			}
			buf_puts(&up, "/..");
		}
	}
	if (found == NULL)
		candidate(&tried, REVPACK_DATADIR "/templates", name, &found);
	if (found == NULL)
		diag_error(d, NULL, "cannot find the shipped template \"%s\" "
		    "(looked for %s); expected an installed revpack, or give "
		    "a template with --template FILE", name, tried.p);
	free(dir);
	buf_free(&tried);
	buf_free(&up);
	buf_free(&probe);
	return found;
}

/* pdf_date: SOURCE_DATE_EPOCH when set (whole seconds, up to the end of
 * year 9999); without it the handout has no date (there is no cycle).
 * -1 after reporting a malformed value. */
static int
pdf_date(struct render_env *env, struct diag *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long v;
	char *end;

	if (sde == NULL || *sde == '\0')
		return 0;
	errno = 0;
	v = strtoll(sde, &end, 10);
	if (*sde < '0' || *sde > '9' || *end != '\0' || errno != 0 ||
	    v > 253402300799LL) {
		diag_error(d, NULL, "SOURCE_DATE_EPOCH \"%s\": expected a whole "
		    "number of seconds since 1970-01-01", sde);
		return -1;
	}
	env->has_date = 1;
	env->epoch = v;
	return 0;
}

/* render: the document into b. 0, EXIT_INPUT (fonts) or EXIT_OUTPUT. */
static int
render(struct render_env *env, const struct rubric *r, int deck,
    struct buf *b, struct diag *d)
{
	struct render_ctx ctx;
	int rc;

	if (doc_setup_rubric(env, r, d) != 0)
		return EXIT_INPUT;
	memset(&ctx, 0, sizeof ctx);
	ctx.env = env;
	ctx.d = d;
	ctx.worker = doc_worker_new(env, d);
	rc = deck ? doc_deck_render(&ctx, NULL, b) :
	    doc_handout_render(&ctx, NULL, b);
	doc_worker_free(ctx.worker);
	return rc == 0 ? 0 : EXIT_OUTPUT;
}

int
cmd_handout(const char *rubric, const char *tmpl, int deck, const char *out)
{
	struct diag *d = diag_new(stderr);
	struct outdir *od = outdir_new(1, 1);
	struct render_env env;
	struct rubric *r = rubric_load(rubric, d);
	char *found = NULL;
	struct tmpl *t = NULL;
	struct buf b;
	int st = EXIT_INPUT;

	memset(&env, 0, sizeof env);
	buf_init(&b);
	if (r != NULL && tmpl == NULL)
		tmpl = found = find_template(deck ? "slides.yaml" :
		    "default.yaml", d);
	if (r != NULL && tmpl != NULL)
		t = tmpl_load(tmpl, d);
	if (t != NULL && pdf_date(&env, d) == 0) {
		env.tmpl = t;
		env.deck_tmpl = t;
		env.scratch = outdir_scratch(od, d);
		st = env.scratch == NULL ? EXIT_OUTPUT :
		    render(&env, r, deck, &b, d);
	}
	if (st == 0 && outfile_write(out, b.p, b.len, 0644, d) != 0)
		st = EXIT_OUTPUT;
	doc_teardown(&env);
	buf_free(&b);
	tmpl_free(t);
	free(found);
	rubric_free(r);
	outdir_free(od);
	diag_free(d);
	return st;
}
