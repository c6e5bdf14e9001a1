/* load_cycle.c: cycle.yaml and everything it names (rubric, roster,
 * ratings files, the previous cycle) to one validated struct cycle.
 * Every file is checked even after errors in another, so that a user sees
 * every problem in one go; on any error nothing is returned. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"
#include "load_ingest.h"
#include "runenv.h"


static const char *const cycle_keys[] = {
	"cycle", "title", "organization", "period", "review_date", "rubric",
	"template", "deck_template", "roster", "ratings", "previous",
	"rater_weights", "anonymity"
};

int
cycle_looks_like(const struct ynode *root)
{
	return y_get(root, "roster") != NULL || y_get(root, "ratings") != NULL;
}

/* --- paths --- */

/* The folder of path: "." when it has none. */
static const char *
dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return ".";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

/* rel resolved against the cycle's folder (kept relative when the folder
 * is relative, so messages name files as the user would). */
static const char *
resolve(struct cycle *c, const char *rel)
{
	size_t n = strlen(c->dir);

	if (rel[0] == '/' || strcmp(c->dir, ".") == 0)
		return arena_strdup(c->arena, rel);
	return arena_printf(c->arena, "%s%s%s", c->dir,
	    c->dir[n - 1] == '/' ? "" : "/", rel);
}

/* The absolute form of path, "." and ".." folded away, for messages
 * about a file that was not found. */
static char *
absolute(const char *path)
{
	char cwd[4096];
	struct buf in, out;
	const char *s, *e;

	buf_init(&in);
	buf_init(&out);
	if (path[0] != '/' && getcwd(cwd, sizeof cwd) != NULL)
		buf_printf(&in, "%s/", cwd);
	buf_puts(&in, path);
	for (s = in.p; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s || (e - s == 1 && s[0] == '.'))
			continue;
		if (e - s == 2 && s[0] == '.' && s[1] == '.') {
			char *up = out.p != NULL ? strrchr(out.p, '/') : NULL;

			if (up != NULL) {
				out.len = (size_t)(up - out.p);
				out.p[out.len] = '\0';
			}
			continue;
		}
		buf_putc(&out, '/');
		buf_put(&out, s, (size_t)(e - s));
	}
	if (out.len == 0)
		buf_putc(&out, '/');
	buf_free(&in);
	return buf_detach(&out, NULL);
}

/* A file named at node n (the text `rel`, resolved to `path`) exists as a
 * regular file; else reports it as `what` and returns 0. */
static int
exists(struct cload *L, const struct ynode *n, const char *what,
    const char *rel, const char *path)
{
	struct stat st;
	char *abs;

	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		return 1;
	abs = absolute(path);
	if (stat(path, &st) == 0)
		diag_error(L->d, &n->pos, "%s \"%s\" is a folder, not a file "
		    "(%s)", what, rel, abs);
	else if (errno == ENOENT || errno == ENOTDIR)
		diag_error(L->d, &n->pos, "%s \"%s\" not found (looked for %s)",
		    what, rel, abs);
	else
		diag_error(L->d, &n->pos, "%s \"%s\": %s (%s)", what, rel,
		    strerror(errno), abs);
	free(abs);
	L->ok = 0;
	return 0;
}

/* The resolved path of the file named at n, or NULL after reporting.
 * `check`: the file must exist. */
const char *
cload_file(struct cload *L, const struct ynode *n, const char *what, int check)
{
	const char *rel, *path;

	if (!y_str(n, L->d, &rel)) {
		L->ok = 0;
		return NULL;
	}
	path = resolve(L->c, rel);
	/* a decomposed file name, as macOS writes them, typed as it is */
	if (n->raw != NULL && access(path, F_OK) != 0) {
		const char *as_written = resolve(L->c, n->raw);

		if (access(as_written, F_OK) == 0)
			path = as_written;
	}
	if (check && !exists(L, n, what, rel, path))
		return NULL;
	return path;
}

/* --- scalars --- */

/* The key node of `key` in mapping map (for messages about the key), or
 * NULL. */
const struct ynode *
cload_key(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; map != NULL && map->kind == YNODE_MAP && i < map->n; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].key;
	return NULL;
}

static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A real calendar date written YYYY-MM-DD. */
static int
valid_date(const char *s)
{
	static const int mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

/* An optional date at key of map: the text, or NULL (reported if bad). */
static const char *
date_at(struct cload *L, const struct ynode *map, const char *key)
{
	const struct ynode *n = y_get(map, key);
	const char *s;
	char tmp[64];

	if (n == NULL || y_is_null(n))
		return NULL;
	if (!y_str(n, L->d, &s)) {
		L->ok = 0;
		return NULL;
	}
	if (!valid_date(s)) {
		diag_error(L->d, &n->pos, "\"%s\": %s is not a date; expected "
		    "YYYY-MM-DD, e.g. 2026-07-15", key, y_describe(n, tmp,
		    sizeof tmp));
		L->ok = 0;
		return NULL;
	}
	return arena_strdup(L->c->arena, s);
}

/* An optional text at key of map (required: reported when missing). */
static const char *
text_at(struct cload *L, const struct ynode *map, const char *key,
    int required)
{
	const struct ynode *n = required ? y_require(map, key, NULL, L->d) :
	    y_get(map, key);
	const char *s;

	if (n == NULL) {
		if (required)
			L->ok = 0;
		return NULL;
	}
	if (!required && y_is_null(n))
		return NULL;
	if (!y_str(n, L->d, &s)) {
		L->ok = 0;
		return NULL;
	}
	return arena_strdup(L->c->arena, s);
}

/* section: the optional map at key of root, or NULL when it is absent,
 * null or not a map (reported). Keys outside keys[] are reported and fail
 * the load, but the map is still returned so its known keys are read. */
static const struct ynode *
section(struct cload *L, const struct ynode *root, const char *key,
    const char *const *keys, size_t nkeys)
{
	const struct ynode *n = y_get(root, key);

	if (n == NULL || y_is_null(n))
		return NULL;
	if (!y_kind(n, YNODE_MAP, L->d)) {
		L->ok = 0;
		return NULL;
	}
	if (!y_keys(n, keys, nkeys, L->d))
		L->ok = 0;
	return n;
}

static void
read_period(struct cload *L, const struct ynode *root)
{
	static const char *const keys[] = { "start", "end" };
	const struct ynode *n = section(L, root, "period", keys, NELEM(keys));
	struct cycle *c = L->c;

	if (n == NULL)
		return;
	if (y_require(n, "start", "in \"period\"", L->d) == NULL ||
	    y_require(n, "end", "in \"period\"", L->d) == NULL)
		L->ok = 0;
	c->period_start = date_at(L, n, "start");
	c->period_end = date_at(L, n, "end");
	if (c->period_start != NULL && c->period_end != NULL &&
	    strcmp(c->period_start, c->period_end) > 0) {
		diag_error(L->d, &y_get(n, "end")->pos, "\"end\": %s is before "
		    "the start %s; expected the last day of the period",
		    c->period_end, c->period_start);
		L->ok = 0;
	}
}

static void
read_id(struct cload *L, const struct ynode *root)
{
	const struct ynode *n = y_require(root, "cycle", NULL, L->d);
	const char *s, *why;
	char tmp[64], buf[160];

	if (n == NULL || !y_str(n, L->d, &s)) {
		L->ok = 0;
		return;
	}
	why = id_problem(s, strlen(s), buf, sizeof buf);
	if (why != NULL) {
		diag_error(L->d, &n->pos, "\"cycle\": %s %s; the cycle id is used "
		    "in file names: 1-64 bytes, no / \\ * or control "
		    "characters, not starting with . or -", y_describe(n, tmp,
		    sizeof tmp), why);
		L->ok = 0;
		return;
	}
	L->c->id = arena_strdup(L->c->arena, s);
}

/* rater_weights: partial overrides of manager 1, self 0, peer 0,
 * direct_report 0; no negative weight, not all zero. */
static void
read_weights(struct cload *L, const struct ynode *root)
{
	static const char *const roles[NROLES] = {
		"manager", "self", "peer", "direct_report"
	};
	const struct ynode *n;
	struct cycle *c = L->c;
	size_t i;
	double sum = 0;

	c->weights[ROLE_MANAGER] = 1;
	n = section(L, root, "rater_weights", roles, NROLES);
	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++) {
		const struct ynode *v = n->pairs[i].val;
		int r = role_parse(n->pairs[i].key->str);
		double x;

		if (r < 0)
			continue;
		if (!y_num(v, L->d, &x)) {
			L->ok = 0;
			continue;
		}
		if (x < 0) {
			diag_error(L->d, &v->pos, "\"%s\": %s is negative; expected "
			    "a weight of 0 or more", roles[r], v->str);
			L->ok = 0;
			continue;
		}
		c->weights[r] = x;
	}
	for (i = 0; i < NROLES; i++)
		sum += c->weights[i];
	if (sum <= 0) {
		diag_error(L->d, &n->pos, "\"rater_weights\": every weight is 0, "
		    "so no rating would count; expected a weight above 0 for at "
		    "least one role (the default is manager: 1)");
		L->ok = 0;
	}
}

static void
read_anonymity(struct cload *L, const struct ynode *root)
{
	static const char *const keys[] = { "min_raters" };
	const struct ynode *n, *v;
	long k;

	L->c->min_raters = 3;
	n = section(L, root, "anonymity", keys, NELEM(keys));
	if (n == NULL)
		return;
	v = y_get(n, "min_raters");
	if (v == NULL || y_is_null(v))
		return;
	if (!y_int(v, L->d, &k)) {
		L->ok = 0;
		return;
	}
	if (k < 1 || k > 1000) {
		diag_error(L->d, &v->pos, "\"min_raters\": %ld; expected a whole "
		    "number from 1 to 1000 (the default is 3)", k);
		L->ok = 0;
		return;
	}
	L->c->min_raters = (int)k;
}

/* roster_map: `roster: { file: ..., columns: { id: "Employee #", name:
 * [First Name, Last Name], manager_id: Reports To, ... }, type, encoding,
 * sheet, header }`: the roster's own column names and how it is read.
 * Returns the `file` node, or NULL after reporting. */
static const struct ynode *
roster_map(struct cload *L, const struct ynode *n)
{
	static const char *const keys[] = {
		"file", "columns", "type", "encoding", "sheet", "header"
	};
	struct cycle *c = L->c;
	const struct ynode *cols = y_get(n, "columns");
	size_t k;

	if (!y_keys(n, keys, NELEM(keys), L->d))
		L->ok = 0;
	read_file_keys(L, n, &c->roster_how);
	if (cols != NULL && !y_is_null(cols)) {
		if (!y_kind(cols, YNODE_MAP, L->d) || !y_keys(cols,
		    roster_col_names, NROSTER_COLS, L->d))
			L->ok = 0;
		for (k = 0; cols->kind == YNODE_MAP && k < NROSTER_COLS; k++)
			if (!read_colspec(L, y_get(cols, roster_col_names[k]),
			    &c->roster_cols[k]))
				L->ok = 0;
	}
	return y_require(n, "file", "in \"roster\"", L->d);
}

/* bare: s names a shipped file rather than a path: no '/', no ".yaml"
 * or ".yml" ("csm-scorecard", "default"). */
static int
bare(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && strchr(s, '/') == NULL && !(n > 5 &&
	    strcmp(s + n - 5, ".yaml") == 0) && !(n > 4 &&
	    strcmp(s + n - 4, ".yml") == 0);
}

/* named_file: the file named at n (cload_file), or for a bare name that
 * is no file beside the cycle, the shipped `kind` ("rubrics" or
 * "templates") of that name: `rubric: csm-scorecard`,
 * `template: default`. NULL after reporting (check: it must exist). */
static const char *
named_file(struct cload *L, const struct ynode *n, const char *what,
    const char *kind, int check)
{
	struct buf name, tried;
	const char *path = NULL;
	char *found;

	if (n->kind != YNODE_SCALAR || n->str == NULL || !bare(n->str) ||
	    access(resolve(L->c, n->str), F_OK) == 0)
		return cload_file(L, n, what, check);
	buf_init(&name);
	buf_init(&tried);
	buf_printf(&name, "%s.yaml", n->str);
	found = runenv_shipped(kind, name.p, &tried);
	if (found != NULL)
		path = arena_strdup(L->c->arena, found);
	else if (check) {
		char *hint = runenv_suggest(kind, n->str);

		diag_error(L->d, &n->pos, "%s \"%s\" is neither a file beside "
		    "the cycle nor a shipped %s (looked for %s%s%s); expected "
		    "a path such as \"%s.yaml\" or a shipped name%s%s%s", what,
		    n->str, what, resolve(L->c, n->str), tried.len > 0 ?
		    ", " : "", tried.p != NULL ? tried.p : "", n->str,
		    hint != NULL ? " (did you mean \"" : "", hint != NULL ?
		    hint : "", hint != NULL ? "\"?)" : "");
		free(hint);
		L->ok = 0;
	} else
		path = resolve(L->c, n->str);
	free(found);
	buf_free(&name);
	buf_free(&tried);
	return path;
}

/* the_default: the shipped default template, when the cycle names none.
 * NULL after reporting. */
static const char *
the_default(struct cload *L)
{
	char *found = runenv_template("default.yaml", L->d);
	const char *path = found != NULL ? arena_strdup(L->c->arena, found) :
	    NULL;

	free(found);
	return path;
}

/* rubric, template, deck_template, roster and previous. A previous cycle's
 * templates are not checked (nothing renders it), nor is its previous. */
static void
read_paths(struct cload *L, const struct ynode *root)
{
	struct cycle *c = L->c;
	const struct ynode *n;
	int top = L->depth == 0;
	struct stat st;

	n = y_require(root, "rubric", NULL, L->d);
	c->rubric_path = n != NULL ? named_file(L, n, "rubric", "rubrics", 1) :
	    NULL;
	n = y_get(root, "template");
	if (n != NULL && !y_is_null(n))
		c->template_path = named_file(L, n, "template", "templates",
		    top);
	else
		c->template_path = the_default(L);
	n = y_get(root, "deck_template");
	if (n != NULL && !y_is_null(n))
		c->deck_template_path = named_file(L, n, "deck_template",
		    "templates", top);
	else if (top && c->template_path != NULL) {
		const char *dir = dir_of(c->arena, c->template_path);
		const char *def = strcmp(dir, ".") == 0 ? "slides.yaml" :
		    arena_printf(c->arena, "%s/slides.yaml", dir);

		/* no slides.yaml beside the template: the shipped one */
		if (stat(def, &st) == 0 && S_ISREG(st.st_mode))
			c->deck_template_path = def;
	}
	n = y_require(root, "roster", NULL, L->d);
	if (n != NULL && n->kind == YNODE_MAP)
		n = roster_map(L, n);
	c->roster_path = n != NULL ? cload_file(L, n, "roster", 1) : NULL;
	if (c->rubric_path == NULL || c->template_path == NULL ||
	    c->roster_path == NULL)
		L->ok = 0;
	n = y_get(root, "previous");
	if (n != NULL && !y_is_null(n))
		c->previous_path = cload_file(L, n, "previous cycle", top);
}

static void
read_top(struct cload *L, const struct ynode *root)
{
	if (!y_keys(root, cycle_keys, NELEM(cycle_keys), L->d))
		L->ok = 0;
	read_id(L, root);
	L->c->title = text_at(L, root, "title", 1);
	L->c->organization = text_at(L, root, "organization", 0);
	read_period(L, root);
	L->c->review_date = date_at(L, root, "review_date");
	read_paths(L, root);
	sources_read(L, root);
	read_weights(L, root);
	read_anonymity(L, root);
}

static struct cycle *load(const char *path, struct diag *d, int depth,
    cycle_paths_fn paths, void *arg);

/* The cycle of a parsed cycle.yaml (doc->errors: problems its parse
 * already reported, which fail the load too) and of every file it names;
 * depth 1 for a previous cycle. NULL after errors. paths: see
 * cycle_load_then (may be NULL). */
static struct cycle *
from_doc(const struct ydoc *doc, struct diag *d, int depth,
    cycle_paths_fn paths, void *arg)
{
	size_t errors = diag_errors(d);
	struct diag *mine = diag_new(NULL), *rubric_d = diag_new(NULL);
	struct arena *a = arena_new();
	struct cycle *c = arena_alloc(a, sizeof(*c));
	struct cload L;

	c->arena = a;
	c->path = arena_strdup(a, doc->file);
	c->dir = dir_of(a, c->path);
	memset(&L, 0, sizeof L);
	L.c = c;
	L.d = mine;     /* cycle.yaml's messages, shown in file order */
	L.depth = depth;
	L.ok = 1;
	if (ydoc_empty(doc, "a cycle with the keys cycle, title, rubric, "
	    "template, roster and ratings", mine))
		L.ok = 0;
	else if (!y_kind(doc->root, YNODE_MAP, mine))
		L.ok = 0;
	else
		read_top(&L, doc->root);
	if (paths != NULL && L.ok && doc->errors == 0 &&
	    diag_errors(mine) == 0)
		paths(c, arg);
	if (c->rubric_path != NULL)
		c->rubric = rubric_load(c->rubric_path, rubric_d);
	sources_resolve(&L);
	diag_merge_sorted(d, mine);
	diag_merge(d, rubric_d);
	diag_free(mine);
	diag_free(rubric_d);
	L.d = d;
	if (c->roster_path != NULL && !roster_load(c, d))
		L.ok = 0;
	if (c->nsources > 0 && !ratings_load(c, d))
		L.ok = 0;
	if (depth == 0 && c->previous_path != NULL) {
		c->previous = load(c->previous_path, d, 1, NULL, NULL);
		if (c->previous == NULL)
			L.ok = 0;
	}
	free(L.qmap);
	if (!L.ok || doc->errors > 0 || diag_errors(d) > errors ||
	    c->rubric == NULL || c->person_ids == NULL ||
	    c->rating_first == NULL) {
		cycle_free(c);
		return NULL;
	}
	return c;
}

static struct cycle *
load(const char *path, struct diag *d, int depth, cycle_paths_fn paths,
    void *arg)
{
	struct ydoc *doc = ydoc_load(path, d);
	struct cycle *c;

	if (doc == NULL)
		return NULL;
	c = from_doc(doc, d, depth, paths, arg);
	ydoc_free(doc);
	return c;
}

struct cycle *
cycle_load(const char *path, struct diag *d)
{
	return load(path, d, 0, NULL, NULL);
}

struct cycle *
cycle_load_then(const char *path, struct diag *d, cycle_paths_fn paths,
    void *arg)
{
	return load(path, d, 0, paths, arg);
}

struct cycle *
cycle_from_yaml(const struct ydoc *doc, struct diag *d)
{
	return from_doc(doc, d, 0, NULL, NULL);
}
