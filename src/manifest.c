/* manifest.c: builds, writes and strictly reads manifest.json and the
 * per-shard parts (see manifest.h for the format). The reader is a small
 * recursive-descent JSON parser into a tree (null, booleans, integers,
 * strings, arrays, objects; no fractions or exponents, depth at most 8),
 * then a check of the tree against the one shape manifest_emit writes. */
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

#define MAX_DEPTH 8
#define MAX_INT 9007199254740992ULL     /* 2^53 */

struct manifest *
manifest_new(const char *cycle, int shard_k, int shard_n, const char *docs,
    const char *only)
{
	struct manifest *m = xcalloc(1, sizeof *m);

	m->cycle = xstrdup(cycle);
	m->shard_k = shard_k;
	m->shard_n = shard_n;
	m->docs = docs != NULL ? xstrdup(docs) : NULL;
	m->only = only != NULL ? xstrdup(only) : NULL;
	return m;
}

void
manifest_free(struct manifest *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->files[i].path);
		free(m->files[i].subject);
	}
	free(m->files);
	free(m->cycle);
	free(m->docs);
	free(m->only);
	free(m);
}

void
manifest_add(struct manifest *m, const char *path, const char *sha256,
    uint64_t bytes, int pages, const char *subject, int encrypted)
{
	struct manifest_file *f;

	XGROW(m->files, m->cap, m->n + 1);
	f = &m->files[m->n++];
	f->path = xstrdup(path);
	snprintf(f->sha256, sizeof f->sha256, "%s", sha256);
	f->bytes = bytes;
	f->pages = pages;
	f->subject = subject != NULL ? xstrdup(subject) : NULL;
	f->encrypted = encrypted != 0;
}

static int
by_path(const void *a, const void *b)
{
	const struct manifest_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

const char *
manifest_sort(struct manifest *m)
{
	size_t i;

	if (m->n > 1)
		qsort(m->files, m->n, sizeof *m->files, by_path);
	for (i = 1; i < m->n; i++)
		if (strcmp(m->files[i - 1].path, m->files[i].path) == 0)
			return m->files[i].path;
	return NULL;
}

/* --- writing --- */

/* put_str: s as a JSON string: quotes, backslashes and control
 * characters escaped, UTF-8 as it is. NULL gives null. */
static void
put_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

void
manifest_emit(const struct manifest *m, struct buf *out)
{
	size_t i;

	buf_puts(out, "{\n  \"cycle\": ");
	put_str(out, m->cycle);
	if (m->shard_n > 0) {
		buf_printf(out, ",\n  \"shard\": {\"k\": %d, \"n\": %d}",
		    m->shard_k, m->shard_n);
		buf_puts(out, ",\n  \"docs\": ");
		put_str(out, m->docs != NULL ? m->docs : "");
		buf_puts(out, ",\n  \"only\": ");
		put_str(out, m->only);
	}
	buf_puts(out, ",\n  \"files\": [");
	for (i = 0; i < m->n; i++) {
		const struct manifest_file *f = &m->files[i];

		buf_puts(out, i > 0 ? ",\n    {\"path\": " : "\n    {\"path\": ");
		put_str(out, f->path);
		buf_printf(out, ", \"sha256\": \"%s\", \"bytes\": %llu, "
		    "\"pages\": ", f->sha256, (unsigned long long)f->bytes);
		if (f->pages < 0)
			buf_puts(out, "null");
		else
			buf_printf(out, "%d", f->pages);
		buf_puts(out, ", \"subject\": ");
		put_str(out, f->subject);
		buf_printf(out, ", \"encrypted\": %s}",
		    f->encrypted ? "true" : "false");
	}
	buf_puts(out, m->n > 0 ? "\n  ]\n}\n" : "]\n}\n");
}

const char *
manifest_part_name(int k, int n, char *out, size_t size)
{
	snprintf(out, size, "manifest.%d-of-%d.json", k, n);
	return out;
}

/* digits: a positive number without leading zeros at *s, or -1. */
static long
digits(const char **s)
{
	long v = 0;
	const char *p = *s;

	if (*p < '1' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > 1000000)
			return -1;
	}
	*s = p;
	return v;
}

int
manifest_part_parse(const char *name, int *k, int *n)
{
	const char *p = name;
	long kk, nn;

	if (strncmp(p, "manifest.", 9) != 0)
		return 0;
	p += 9;
	kk = digits(&p);
	if (kk < 0 || strncmp(p, "-of-", 4) != 0)
		return 0;
	p += 4;
	nn = digits(&p);
	if (nn < 0 || strcmp(p, ".json") != 0 || kk > nn)
		return 0;
	*k = (int)kk;
	*n = (int)nn;
	return 1;
}

/* --- reading: JSON text to a tree --- */

enum jkind { J_NULL, J_BOOL, J_INT, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jkind kind;
	int line, col;
	int b;                  /* J_BOOL */
	uint64_t i;             /* J_INT */
	char *s;                /* J_STR */
	struct jval *items;     /* J_ARR, J_OBJ: values */
	char **keys;            /* J_OBJ */
	size_t n;
};

struct jparse {
	const char *p, *end;
	int line, col;
	const char *name;
	struct diag *d;
	struct arena *arena;
	int failed;
};

/* fail: reports at the current place (the first problem only). */
static void
fail(struct jparse *j, const char *what)
{
	struct pos at = { j->name, j->line, j->col };

	if (!j->failed)
		diag_error(j->d, &at, "%s", what);
	j->failed = 1;
}

static void
advance(struct jparse *j, size_t n)
{
	for (; n > 0 && j->p < j->end; n--, j->p++) {
		if (*j->p == '\n') {
			j->line++;
			j->col = 1;
		} else if (((unsigned char)*j->p & 0xc0) != 0x80)
			j->col++;
	}
}

static void
skip_ws(struct jparse *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		advance(j, 1);
}

static int
literal(struct jparse *j, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
		return 0;
	advance(j, n);
	return 1;
}

static int
hex4(const char *p, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		int c = p[i], x;

		if (c >= '0' && c <= '9')
			x = c - '0';
		else if (c >= 'a' && c <= 'f')
			x = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			x = c - 'A' + 10;
		else
			return 0;
		*v = *v << 4 | (uint32_t)x;
	}
	return 1;
}

/* escape: the escape at j->p (after the backslash) into b. 0 on error. */
static int
escape(struct jparse *j, struct buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	uint32_t cp, lo;

	if (j->p >= j->end)
		return 0;
	hit = strchr(from, *j->p);
	if (*j->p != '\0' && hit != NULL) {
		buf_putc(b, to[hit - from]);
		advance(j, 1);
		return 1;
	}
	if (*j->p != 'u' || j->end - j->p < 5 || !hex4(j->p + 1, &cp))
		return 0;
	advance(j, 5);
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return 0;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
		    !hex4(j->p + 2, &lo) || lo < 0xdc00 || lo > 0xdfff)
			return 0;
		advance(j, 6);
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return 0;
	utf8_put(b, cp);
	return 1;
}

static char *
parse_string(struct jparse *j)
{
	struct buf b;
	char *s;

	advance(j, 1);                  /* the opening quote */
	buf_init(&b);
	buf_puts(&b, "");
	while (j->p < j->end && *j->p != '"') {
		if ((unsigned char)*j->p < 0x20) {
			fail(j, "a control character in a string; expected it "
			    "escaped");
			break;
		}
		if (*j->p == '\\') {
			advance(j, 1);
			if (!escape(j, &b)) {
				fail(j, "a bad escape in a string; expected \\\", "
				    "\\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX");
				break;
			}
			continue;
		}
		buf_putc(&b, *j->p);
		advance(j, 1);
	}
	if (!j->failed && j->p >= j->end)
		fail(j, "the text ends inside a string; expected a closing "
		    "quote");
	if (!j->failed && !utf8_valid(b.p, b.len, NULL))
		fail(j, "a string that is not valid UTF-8");
	advance(j, 1);
	s = arena_strndup(j->arena, b.p, b.len);
	buf_free(&b);
	return j->failed ? NULL : s;
}

static void parse_value(struct jparse *j, struct jval *v, int depth);

/* parse_items: an array (keys NULL) or an object's members. */
static void
parse_items(struct jparse *j, struct jval *v, int depth, int object)
{
	size_t cap = 0;
	char close = object ? '}' : ']';

	advance(j, 1);
	skip_ws(j);
	if (j->p < j->end && *j->p == close) {
		advance(j, 1);
		return;
	}
	for (;;) {
		struct jval item = { 0 };
		char *key = NULL;

		skip_ws(j);
		if (object) {
			if (j->p >= j->end || *j->p != '"') {
				fail(j, "expected a quoted key");
				return;
			}
			key = parse_string(j);
			skip_ws(j);
			if (j->failed || j->p >= j->end || *j->p != ':') {
				fail(j, "expected \":\" after the key");
				return;
			}
			advance(j, 1);
		}
		parse_value(j, &item, depth + 1);
		if (j->failed)
			return;
		if (v->n == cap) {
			size_t ncap = cap == 0 ? 8 : cap * 2;
			struct jval *ni = arena_alloc(j->arena, ncap * sizeof *ni);
			char **nk = arena_alloc(j->arena, ncap * sizeof *nk);

			if (v->n > 0) {
				memcpy(ni, v->items, v->n * sizeof *ni);
				memcpy(nk, v->keys, v->n * sizeof *nk);
			}
			v->items = ni;
			v->keys = nk;
			cap = ncap;
		}
		v->keys[v->n] = key;
		v->items[v->n++] = item;
		skip_ws(j);
		if (j->p < j->end && *j->p == ',') {
			advance(j, 1);
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			advance(j, 1);
			return;
		}
		fail(j, object ? "expected \",\" or \"}\"" :
		    "expected \",\" or \"]\"");
		return;
	}
}

static void
parse_number(struct jparse *j, struct jval *v)
{
	uint64_t x = 0;

	v->kind = J_INT;
	if (*j->p == '0' && j->end - j->p > 1 && j->p[1] >= '0' &&
	    j->p[1] <= '9') {
		fail(j, "a number with a leading zero");
		return;
	}
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
		x = x * 10 + (uint64_t)(*j->p - '0');
		if (x > MAX_INT) {
			fail(j, "a number too large; expected at most 2^53");
			return;
		}
		advance(j, 1);
	}
	if (j->p < j->end && (*j->p == '.' || *j->p == 'e' || *j->p == 'E'))
		fail(j, "a fraction or exponent; expected a whole number");
	v->i = x;
}

static void
parse_value(struct jparse *j, struct jval *v, int depth)
{
	skip_ws(j);
	v->line = j->line;
	v->col = j->col;
	if (depth > MAX_DEPTH) {
		fail(j, "nesting too deep for a manifest");
		return;
	}
	if (j->p >= j->end) {
		fail(j, "the text ends; expected a value");
		return;
	}
	switch (*j->p) {
	case '{':
		v->kind = J_OBJ;
		parse_items(j, v, depth, 1);
		return;
	case '[':
		v->kind = J_ARR;
		parse_items(j, v, depth, 0);
		return;
	case '"':
		v->kind = J_STR;
		v->s = parse_string(j);
		return;
	default:
		break;
	}
	if (*j->p >= '0' && *j->p <= '9')
		parse_number(j, v);
	else if (literal(j, "null"))
		v->kind = J_NULL;
	else if (literal(j, "true")) {
		v->kind = J_BOOL;
		v->b = 1;
	} else if (literal(j, "false"))
		v->kind = J_BOOL;
	else
		fail(j, "expected a value (an object, array, string, whole "
		    "number, true, false or null)");
}

/* --- reading: the tree to a manifest --- */

static void
fail_at(struct jparse *j, const struct jval *v, const char *what)
{
	j->line = v->line;
	j->col = v->col;
	fail(j, what);
}

/* member: the value of key in object v, or NULL. */
static const struct jval *
member(const struct jval *v, const char *key)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

/* check_keys: reports a key of v that is not in `allowed`, or is given
 * twice. 1 when there is none. */
static int
check_keys(struct jparse *j, const struct jval *v,
    const char *const *allowed, size_t nallowed)
{
	size_t i, k, m;

	for (i = 0; i < v->n; i++) {
		for (k = 0; k < nallowed; k++)
			if (strcmp(v->keys[i], allowed[k]) == 0)
				break;
		for (m = 0; m < i; m++)
			if (strcmp(v->keys[m], v->keys[i]) == 0)
				k = nallowed;
		if (k == nallowed) {
			fail_at(j, &v->items[i], "an unknown or repeated key "
			    "in a manifest");
			return 0;
		}
	}
	return 1;
}

/* need: the member key of kind `kind` (or, with nullable, null). */
static const struct jval *
need(struct jparse *j, const struct jval *obj, const char *key,
    enum jkind kind, int nullable)
{
	const struct jval *v = member(obj, key);
	struct buf b;

	if (v != NULL && (v->kind == kind || (nullable && v->kind == J_NULL)))
		return v;
	buf_init(&b);
	buf_printf(&b, "%s \"%s\"; expected %s%s", v == NULL ? "no key" :
	    "a wrong kind of value for", key,
	    kind == J_STR ? "a string" : kind == J_INT ? "a whole number" :
	    kind == J_BOOL ? "true or false" : kind == J_ARR ? "an array" :
	    "an object", nullable ? " or null" : "");
	fail_at(j, v != NULL ? v : obj, b.p);
	buf_free(&b);
	return NULL;
}

static int
is_sha(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

/* safe_path: a relative path of plain components (no "", ".", "..",
 * no leading "/", no backslash). */
static int
safe_path(const char *s)
{
	const char *c = s;

	if (*s == '\0' || strchr(s, '\\') != NULL)
		return 0;
	for (;;) {
		size_t n = strcspn(c, "/");

		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (c[n] == '\0')
			return 1;
		c += n + 1;
	}
}

static void
read_file_entry(struct jparse *j, struct manifest *m, const struct jval *f)
{
	static const char *const keys[] = {
		"path", "sha256", "bytes", "pages", "subject", "encrypted"
	};
	const struct jval *path, *sha, *bytes, *pages, *subj, *enc;

	if (f->kind != J_OBJ) {
		fail_at(j, f, "a file entry that is not an object");
		return;
	}
	if (!check_keys(j, f, keys, NELEM(keys)))
		return;
	path = need(j, f, "path", J_STR, 0);
	sha = path ? need(j, f, "sha256", J_STR, 0) : NULL;
	bytes = sha ? need(j, f, "bytes", J_INT, 0) : NULL;
	pages = bytes ? need(j, f, "pages", J_INT, 1) : NULL;
	subj = pages ? need(j, f, "subject", J_STR, 1) : NULL;
	enc = subj ? need(j, f, "encrypted", J_BOOL, 0) : NULL;
	if (enc == NULL)
		return;
	if (!safe_path(path->s)) {
		fail_at(j, path, "a path that is empty, absolute or goes up; "
		    "expected a path inside the output folder");
		return;
	}
	if (!is_sha(sha->s)) {
		fail_at(j, sha, "a sha256 that is not 64 lowercase hex digits");
		return;
	}
	if (pages->kind == J_INT && pages->i > 10000000) {
		fail_at(j, pages, "an implausible page count");
		return;
	}
	manifest_add(m, path->s, sha->s, bytes->i, pages->kind == J_NULL ?
	    -1 : (int)pages->i, subj->kind == J_NULL ? NULL : subj->s, enc->b);
}

/* read_shard: the part's "shard", "docs" and "only" (all or none). */
static void
read_shard(struct jparse *j, struct manifest *m, const struct jval *top)
{
	static const char *const skeys[] = { "k", "n" };
	const struct jval *sh = member(top, "shard"), *k, *n, *docs, *only;

	if (sh == NULL) {
		if (member(top, "docs") != NULL ||
		    member(top, "only") != NULL)
			fail_at(j, top, "\"docs\" or \"only\" without \"shard\"");
		return;
	}
	if (need(j, top, "shard", J_OBJ, 0) == NULL ||
	    !check_keys(j, sh, skeys, NELEM(skeys)))
		return;
	k = need(j, sh, "k", J_INT, 0);
	n = k ? need(j, sh, "n", J_INT, 0) : NULL;
	docs = n ? need(j, top, "docs", J_STR, 0) : NULL;
	only = docs ? need(j, top, "only", J_STR, 1) : NULL;
	if (only == NULL)
		return;
	if (k->i < 1 || n->i < 1 || k->i > n->i || n->i > 1000000) {
		fail_at(j, sh, "a shard outside 1 <= k <= n");
		return;
	}
	m->shard_k = (int)k->i;
	m->shard_n = (int)n->i;
	m->docs = xstrdup(docs->s);
	m->only = only->kind == J_STR ? xstrdup(only->s) : NULL;
}

static struct manifest *
read_tree(struct jparse *j, const struct jval *top)
{
	static const char *const keys[] = {
		"cycle", "shard", "docs", "only", "files"
	};
	const struct jval *cycle, *files;
	struct manifest *m;
	size_t i;

	if (top->kind != J_OBJ) {
		fail_at(j, top, "expected an object with \"cycle\" and "
		    "\"files\"");
		return NULL;
	}
	if (!check_keys(j, top, keys, NELEM(keys)))
		return NULL;
	cycle = need(j, top, "cycle", J_STR, 0);
	files = cycle ? need(j, top, "files", J_ARR, 0) : NULL;
	if (files == NULL)
		return NULL;
	m = manifest_new(cycle->s, 0, 0, NULL, NULL);
	read_shard(j, m, top);
	for (i = 0; i < files->n && !j->failed; i++)
		read_file_entry(j, m, &files->items[i]);
	if (j->failed) {
		manifest_free(m);
		return NULL;
	}
	return m;
}

struct manifest *
manifest_parse(const char *text, size_t len, const char *name,
    struct diag *d)
{
	struct jparse j = { 0 };
	struct jval top = { 0 };
	struct manifest *m = NULL;

	j.p = text;
	j.end = text + len;
	j.line = j.col = 1;
	j.name = name;
	j.d = d;
	j.arena = arena_new();
	if (memchr(text, '\0', len) != NULL)
		fail(&j, "a NUL byte; expected JSON text");
	else
		parse_value(&j, &top, 0);
	skip_ws(&j);
	if (!j.failed && j.p < j.end)
		fail(&j, "more text after the manifest's closing brace");
	if (!j.failed)
		m = read_tree(&j, &top);
	arena_free(j.arena);
	return m;
}
