/* cmd_init.c: `revpack init DIR --rubric R --roster ROSTER EXPORT...`:
 * drafts DIR/cycle.yaml for exports as a survey or review tool gives
 * them (revpack(1)), every mapping written out with a comment on the guess,
 * each open point a TODO listed on stderr; then validates the draft.
 * Exit 0 when the draft validates, 1 when a TODO is left or it does not
 * validate (the draft is still written), 1 when DIR/cycle.yaml exists. */
#define _XOPEN_SOURCE 700       /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "init.h"
#include "load.h"
#include "outfile.h"
#include "runenv.h"

struct ydraft {
	struct buf text;        /* the draft */
	int quiet;              /* y_said says nothing (init_explain) */
	int lines;              /* in it so far */
	const char *path;       /* DIR/cycle.yaml */
	struct diag *todo;      /* the open points, at their draft lines */
	struct arena *a;
};

void
y_line(struct ydraft *y, int indent, const char *fmt, ...)
{
	va_list ap;

	buf_printf(&y->text, "%*s", indent, "");
	va_start(ap, fmt);
	buf_vprintf(&y->text, fmt, ap);
	va_end(ap);
	buf_putc(&y->text, '\n');
	y->lines++;
}

const char *
y_quote(struct ydraft *y, const char *s)
{
	struct buf b;
	char *out;

	buf_init(&b);
	buf_putc(&b, '"');
	for (; *s != '\0'; s++) {
		unsigned char u = (unsigned char)*s;

		if (u == '"' || u == '\\')
			buf_printf(&b, "\\%c", u);
		else if (u == '\n')
			buf_puts(&b, "\\n");
		else if (u < 0x20 || u == 0x7F)
			buf_printf(&b, "\\x%02X", u);
		else
			buf_putc(&b, (int)u);
	}
	buf_putc(&b, '"');
	out = arena_strdup(y->a, b.p);
	buf_free(&b);
	return out;
}

void
y_todo(struct ydraft *y, const char *file, const char *fmt, ...)
{
	const char *last;
	struct buf b;
	struct pos at;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* every open point is marked in the draft: on its line, or in a
	 * comment of its own when no line holds it */
	last = y->text.len > 0 ? y->text.p + y->text.len - 1 : NULL;
	while (last != NULL && last > y->text.p && last[-1] != '\n')
		last--;
	if (last == NULL || strstr(last, "TODO") == NULL) {
		size_t i;

		for (i = 0; i < b.len; i++)     /* one comment line */
			if (b.p[i] == '\n' || b.p[i] == '\r')
				b.p[i] = ' ';
		y_line(y, 4, "# TODO: %s", b.p);
	}
	at.file = y->path;
	at.line = y->lines;
	at.col = 0;
	diag_error(y->todo, &at, "TODO: %s: %s", file, b.p);
	buf_free(&b);
}

void
y_said(struct ydraft *y, const char *file, const char *fmt, ...)
{
	va_list ap;

	if (y->quiet)
		return;
	printf("%s: ", file);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* rel_to: the path of file relative to the folder dir (both made
 * absolute first), in a; file itself when either cannot be resolved. */
static const char *
rel_to(struct arena *a, const char *dir, const char *file)
{
	char d[PATH_MAX], f[PATH_MAX];
	size_t i = 0, last = 0;
	const char *up;
	struct buf b;

	if (realpath(dir, d) == NULL || realpath(file, f) == NULL)
		return file;
	while (d[i] != '\0' && d[i] == f[i]) {
		if (d[i] == '/')
			last = i;
		i++;
	}
	if (d[i] == '\0' && f[i] == '/')
		last = i;
	buf_init(&b);
	buf_puts(&b, "");
	/* one "../" per component of dir below the common folder */
	for (up = d + last; *up != '\0'; up++)
		if (*up == '/' && up[1] != '\0')
			buf_puts(&b, "../");
	buf_puts(&b, f + last + 1);
	up = arena_strdup(a, b.p);
	buf_free(&b);
	return up;
}

/* base_name: the last component of path (trailing slashes ignored). */
static const char *
base_name(struct arena *a, const char *path)
{
	size_t n = strlen(path);
	const char *s;

	while (n > 1 && path[n - 1] == '/')
		n--;
	s = path + n;
	while (s > path && s[-1] != '/')
		s--;
	return arena_strndup(a, s, (size_t)(path + n - s));
}

/* head: the cycle's own fields: id from DIR's name, placeholders that
 * validate for the rest (the exports do not say them), with a warning. */
static void
head(struct ydraft *y, const char *dir)
{
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	const char *id = base_name(y->a, dir);

	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	y_line(y, 0, "# Drafted by revpack init. Every mapping below was "
	    "inferred from the");
	y_line(y, 0, "# exports' headers and values; check the comments, then "
	    "run revpack validate.");
	y_line(y, 0, "cycle: %s", y_quote(y, id));
	y_line(y, 0, "title: %s   # a placeholder", y_quote(y,
	    arena_printf(y->a, "Review cycle %s", id)));
	y_line(y, 0, "organization: \"Your organisation\"   # a placeholder");
	y_line(y, 0, "period: { start: %.4s-01-01, end: %.4s-12-31 }   # a "
	    "placeholder", today, today);
	y_line(y, 0, "review_date: %s   # a placeholder: the PDFs' date",
	    today);
}

/* placeholders: the warning that the cycle's own fields are
 * placeholders, once the draft is written. */
static void
placeholders(const char *path, struct diag *d)
{
	struct pos at = { path, 0, 0 };

	diag_warning(d, &at, "title, organization, period and review_date are "
	    "placeholders (the exports do not say them); edit them before "
	    "printing");
}

/* draft: the whole draft into y. 0 when the roster cannot be read. */
static int
draft(struct ydraft *y, const struct init_opts *o, const struct rubric *rb,
    struct diag *d)
{
	struct ipeople pp;
	char *tmpl = o->tmpl != NULL ? NULL : runenv_template("default.yaml", d);
	size_t i;
	int ok;

	memset(&pp, 0, sizeof pp);
	head(y, o->dir);
	y_line(y, 0, "rubric: %s", y_quote(y, rel_to(y->a, o->dir, o->rubric)));
	if (o->tmpl != NULL || tmpl != NULL)
		y_line(y, 0, "template: %s", y_quote(y, rel_to(y->a, o->dir,
		    o->tmpl != NULL ? o->tmpl : tmpl)));
	free(tmpl);
	ok = init_roster(y, o->roster, rel_to(y->a, o->dir, o->roster), &pp, d);
	if (ok) {
		y_line(y, 0, "ratings:");
		for (i = 0; i < o->nexports; i++)
			init_export(y, o->exports[i], rel_to(y->a, o->dir,
			    o->exports[i]), &pp, rb, d);
	}
	y_line(y, 0, "# revpack's defaults, written out: only manager ratings "
	    "count in the score;");
	y_line(y, 0, "# peers' and direct reports' figures need 3 raters.");
	y_line(y, 0, "rater_weights: { manager: 1, self: 0, peer: 0, "
	    "direct_report: 0 }");
	y_line(y, 0, "anonymity: { min_raters: 3 }");
	people_index_free(pp.x);
	strtab_free(pp.c.person_ids);
	arena_free(pp.c.arena);
	return ok;
}

/* check: the draft validated as `revpack validate` would; 1 when fine. */
static int
check(const char *path, struct diag *d)
{
	size_t before = diag_errors(d);
	struct cycle *c = cycle_load(path, d);
	int ok = c != NULL && diag_errors(d) == before;

	cycle_free(c);
	return ok;
}

/* write_draft: y's draft into its file, then what is left to do: the
 * TODOs, or whether it validates. The exit status. */
static int
write_draft(struct ydraft *y, struct diag *d)
{
	size_t todo = diag_errors(y->todo);

	if (outfile_write(y->path, y->text.p, y->text.len, 0644, d) != 0)
		return EXIT_OUTPUT;
	placeholders(y->path, d);
	if (todo > 0) {
		diag_merge(d, y->todo);
		fprintf(stderr, "revpack: wrote %s with %zu open point%s (TODO) "
		    "to settle by hand\n", y->path, todo, todo == 1 ? "" : "s");
		return EXIT_INPUT;
	}
	if (!check(y->path, d)) {
		fprintf(stderr, "revpack: wrote %s, which does not validate yet "
		    "(see above)\n", y->path);
		return EXIT_INPUT;
	}
	printf("revpack: wrote %s; it validates\n", y->path);
	return EXIT_OK;
}

int
cmd_init(const struct init_opts *o)
{
	struct diag *d = diag_new(stderr);
	struct ydraft y;
	struct rubric *rb;
	struct stat st;
	int status = EXIT_INPUT, made;

	memset(&y, 0, sizeof y);
	buf_init(&y.text);
	y.a = arena_new();
	y.todo = diag_new(NULL);
	y.path = arena_printf(y.a, "%s/cycle.yaml", o->dir);
	if (lstat(y.path, &st) == 0) {
		struct pos at = { y.path, 0, 0 };

		diag_error(d, &at, "exists already; revpack init never "
		    "overwrites a cycle (move it away, or choose another folder)");
		goto done;
	}
	rb = rubric_load(o->rubric, d);
	if (rb == NULL)
		goto done;
	/* the folder first (the draft's paths are relative to it); taken
	 * away again when no draft comes of it */
	made = mkdir(o->dir, 0777) == 0;
	if (!made && errno != EEXIST) {
		struct pos at = { o->dir, 0, 0 };

		diag_error(d, &at, "cannot make the folder: %s", strerror(errno));
		status = EXIT_OUTPUT;
	} else if (draft(&y, o, rb, d))
		status = write_draft(&y, d);
	else if (made)
		rmdir(o->dir);
	rubric_free(rb);
done:
	diag_free(y.todo);
	buf_free(&y.text);
	arena_free(y.a);
	diag_free(d);
	return status;
}

/* --- what init would have written, for validate --- */

/* beside: rel against the folder of the file at path (as the loader
 * resolves cycle.yaml's paths), in a. */
static const char *
beside(struct arena *a, const char *path, const char *rel)
{
	const char *slash = strrchr(path, '/');

	if (rel[0] == '/' || slash == NULL)
		return rel;
	return arena_printf(a, "%.*s/%s", (int)(slash - path), path, rel);
}

/* file_failed: an error in d says the columns of the file at path do not
 * fit its mapping: a column the mapping names is missing, or the file
 * lacks the long format's columns. */
static int
file_failed(const struct diag *d, const char *path)
{
	static const char *const says[] = {
		" has no column ", ": none of the columns ",
		": missing required column ", ": no subject column",
		": no competency column", ": no score column", ": no role column"
	};
	size_t i, k, n = strlen(path);

	for (i = 0; i < diag_count(d); i++) {
		enum diag_sev sev;
		const char *t = diag_text(d, i, &sev);
		const char *has = strstr(t, path);

		if (sev != DIAG_ERROR || has == NULL)
			continue;
		for (k = 0; k < NELEM(says); k++)
			if (strstr(has + n, says[k]) != NULL)
				return 1;
	}
	return 0;
}

void
init_explain(const char *cycle_path, const struct ynode *root,
    struct diag *d)
{
	const struct ynode *rubric = y_get(root, "rubric");
	const struct ynode *roster = y_get(root, "roster");
	const struct ynode *list = y_get(root, "ratings");
	struct diag *quiet = diag_new(NULL);
	struct ydraft y;
	struct ipeople pp;
	struct rubric *rb = NULL;
	size_t i;

	memset(&y, 0, sizeof y);
	memset(&pp, 0, sizeof pp);
	buf_init(&y.text);
	y.a = arena_new();
	y.todo = diag_new(NULL);
	y.quiet = 1;
	y.path = "(the draft)";
	if (rubric == NULL || rubric->kind != YNODE_SCALAR || roster == NULL ||
	    roster->kind != YNODE_SCALAR || list == NULL ||
	    list->kind != YNODE_SEQ)
		goto done;
	rb = rubric_load(beside(y.a, cycle_path, rubric->str), quiet);
	if (rb == NULL || !init_roster(&y, beside(y.a, cycle_path,
	    roster->str), roster->str, &pp, quiet))
		goto done;
	for (i = 0; i < list->n; i++) {
		const struct ynode *it = list->items[i];
		const struct ynode *f = it->kind == YNODE_MAP ? y_get(it, "file") :
		    it;
		const char *path, *nl;
		size_t from;

		if (f == NULL || f->kind != YNODE_SCALAR)
			continue;
		path = beside(y.a, cycle_path, f->str);
		if (!file_failed(d, path))
			continue;
		from = y.text.len;
		init_export(&y, path, f->str, &pp, rb, quiet);
		nl = y.text.len > from ? strchr(y.text.p + from, '\n') : NULL;
		if (nl == NULL || strchr(nl + 1, ':') == NULL)
			continue;       /* nothing recognised beyond the file */
		printf("revpack init would read %s with this ratings entry%s:\n"
		    "%s", path, diag_errors(y.todo) > 0 ? " (TODO: what it "
		    "cannot tell)" : "", y.text.p + from);
	}
done:
	people_index_free(pp.x);
	strtab_free(pp.c.person_ids);
	arena_free(pp.c.arena);
	rubric_free(rb);
	diag_free(quiet);
	diag_free(y.todo);
	buf_free(&y.text);
	arena_free(y.a);
}
