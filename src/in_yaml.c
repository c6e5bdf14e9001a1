/* in_yaml.c: builds in_yaml.h's node trees from libyaml's event stream.
 *
 * We do not use yaml_parser_load: building the tree from events ourselves
 * lets one pass enforce the guards libyaml 0.2.5 lacks (depth before the
 * scanner's quadratic cost bites, a node budget, aliases refused, a single
 * document) and keeps the plain/quoted distinction libyaml's loader loses
 * for explicitly tagged scalars. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "in_yaml.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* A collection being built: items collect in a malloc'd array and move
 * into the arena when the collection ends. */
struct frame {
	struct ynode *node;
	struct ynode **items;   /* sequence items, or keys and values interleaved */
	size_t n, cap;
};

struct builder {
	struct ydoc *doc;
	struct diag *d;
	const char *data;
	size_t len;
	struct frame stack[YAML_MAX_DEPTH + 1];
	int depth;
	size_t nodes;
	int fatal;
};

static void
mark_pos(const struct builder *b, yaml_mark_t m, struct pos *at)
{
	at->file = b->doc->file;
	at->line = (int)m.line + 1;
	at->col = (int)m.column + 1;
}

/* The line and column (in characters) of byte offset off. */
static void
offset_pos(const struct builder *b, size_t off, struct pos *at)
{
	size_t i;

	at->file = b->doc->file;
	at->line = 1;
	at->col = 1;
	for (i = 0; i < off && i < b->len; i++) {
		if (b->data[i] == '\n') {
			at->line++;
			at->col = 1;
		} else if (((unsigned char)b->data[i] & 0xC0) != 0x80)
			at->col++;
	}
}

static const char *
shorten(const char *s, size_t n, char *out, size_t size)
{
	size_t k = n < size - 4 ? n : size - 4;

	/* do not cut a UTF-8 sequence in half */
	while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	memcpy(out, s, k);
	if (k < n)
		memcpy(out + k, "...", 4);
	else
		out[k] = '\0';
	return out;
}

/* Reports libyaml's error in words a user can act on. */
static void
report_parser_error(struct builder *b, const yaml_parser_t *p)
{
	struct pos at;
	const char *prob = p->problem != NULL ? p->problem : "unknown problem";

	if (p->error == YAML_READER_ERROR) {
		size_t off = p->problem_offset, bad;

		/* libyaml points at the byte that broke a sequence (the one
		 * after a lone "é" in Latin-1); point at the sequence. */
		if ((strstr(prob, "UTF-8") != NULL || strstr(prob, "octet") !=
		    NULL) && !utf8_valid(b->data, b->len, &bad) && bad <= off)
			off = bad;
		offset_pos(b, off, &at);
		if (strstr(prob, "UTF-8") != NULL || strstr(prob, "octet") != NULL)
			diag_error(b->d, &at, "the file is not valid UTF-8 "
			    "(byte %zu); save it as UTF-8", off);
		else if (strstr(prob, "control") != NULL)
			diag_error(b->d, &at, "a control character (byte 0x%02X) "
			    "is not allowed in YAML; remove it",
			    (unsigned)p->problem_value);
		else
			diag_error(b->d, &at, "cannot read the file: %s", prob);
		return;
	}
	mark_pos(b, p->problem_mark, &at);
	if (strcmp(prob, "found character that cannot start any token") == 0) {
		size_t off = p->problem_mark.index;
		unsigned char c = off < b->len ? (unsigned char)b->data[off] : 0;

		if (c == '\t')
			diag_error(b->d, &at, "a tab cannot indent YAML; "
			    "indent with spaces");
		else if (c >= 0x20 && c < 0x7F)
			diag_error(b->d, &at, "\"%c\" cannot start a value; "
			    "put the text in quotes", c);
		else
			diag_error(b->d, &at, "this character cannot start a "
			    "value; put the text in quotes");
	} else if (p->context != NULL && (strcmp(prob, "did not find expected "
	    "',' or '}'") == 0 || strcmp(prob, "did not find expected ',' or "
	    "']'") == 0))
		diag_error(b->d, &at, "the \"%c\" at line %d, column %d is not "
		    "closed; expected \",\" or \"%c\" before this",
		    prob[strlen(prob) - 2] == '}' ? '{' : '[',
		    (int)p->context_mark.line + 1,
		    (int)p->context_mark.column + 1, prob[strlen(prob) - 2]);
	else if (p->context != NULL && strcmp(prob, "found unexpected end of "
	    "stream") == 0 && strcmp(p->context, "while scanning a quoted "
	    "scalar") == 0)
		diag_error(b->d, &at, "the quoted text that starts at line %d, "
		    "column %d is not closed; expected a closing quote",
		    (int)p->context_mark.line + 1,
		    (int)p->context_mark.column + 1);
	else if (strcmp(prob, "mapping values are not allowed in this "
	    "context") == 0)
		diag_error(b->d, &at, "unexpected \":\"; a value that contains "
		    "\": \" must be in quotes, or the indentation is off");
	else if (p->context != NULL)
		diag_error(b->d, &at, "YAML syntax: %s (%s that starts at line "
		    "%d, column %d)", prob, p->context,
		    (int)p->context_mark.line + 1,
		    (int)p->context_mark.column + 1);
	else
		diag_error(b->d, &at, "YAML syntax: %s", prob);
}

static int
tag_known(const char *tag)
{
	static const char *const ok[] = {
		"str", "int", "float", "bool", "null", "map", "seq"
	};
	size_t i;

	if (strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) != 0)
		return 0;
	for (i = 0; i < NELEM(ok); i++)
		if (strcmp(tag + strlen(TAG_PREFIX), ok[i]) == 0)
			return 1;
	return 0;
}

static struct ynode *
new_node(struct builder *b, enum ynode_kind kind, const yaml_event_t *ev,
    const yaml_char_t *tag)
{
	struct ynode *n;

	if (++b->nodes > YAML_MAX_NODES) {
		struct pos at;

		mark_pos(b, ev->start_mark, &at);
		diag_error(b->d, &at, "more than %d values; a revpack file is "
		    "much smaller", YAML_MAX_NODES);
		b->fatal = 1;
		return NULL;
	}
	n = arena_alloc(b->doc->arena, sizeof(*n));
	n->kind = kind;
	n->index = -1;
	mark_pos(b, ev->start_mark, &n->pos);
	if (tag != NULL && strcmp((const char *)tag, "!") != 0) {
		n->tag = arena_strdup(b->doc->arena, (const char *)tag);
		if (!tag_known(n->tag)) {
			char tmp[64];

			diag_error(b->d, &n->pos, "unsupported tag \"%s\"; "
			    "remove it", shorten(n->tag, strlen(n->tag), tmp,
			    sizeof tmp));
			n->tag = NULL;
		}
	}
	return n;
}

/* Adds a finished node to the collection on top of the stack, or makes
 * it the root. */
static void
attach(struct builder *b, struct ynode *n)
{
	struct frame *f;

	if (b->depth == 0) {
		b->doc->root = n;
		return;
	}
	f = &b->stack[b->depth - 1];
	XGROW(f->items, f->cap, f->n + 1);
	f->items[f->n++] = n;
}

static struct ynode *
scalar(struct builder *b, const yaml_event_t *ev)
{
	struct ynode *n;
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	struct buf nfc;

	n = new_node(b, YNODE_SCALAR, ev, ev->data.scalar.tag);
	if (n == NULL)
		return NULL;
	if (memchr(v, '\0', len) != NULL) {
		diag_error(b->d, &n->pos, "the text contains a NUL character; "
		    "remove it");
		len = strlen(v);
	}
	buf_init(&nfc);
	if (uni_nfc(v, len, &nfc)) {    /* every text in NFC */
		n->raw = arena_strndup(b->doc->arena, v, len);
		v = nfc.p;
		len = nfc.len;
	}
	n->str = arena_strndup(b->doc->arena, v, len);
	n->len = len;
	buf_free(&nfc);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    n->tag == NULL;
	return n;
}

static int
push(struct builder *b, enum ynode_kind kind, const yaml_event_t *ev,
    const yaml_char_t *tag)
{
	struct ynode *n;

	if (b->depth >= YAML_MAX_DEPTH) {
		struct pos at;

		mark_pos(b, ev->start_mark, &at);
		diag_error(b->d, &at, "values nested more than %d levels "
		    "deep; a revpack file needs a handful", YAML_MAX_DEPTH);
		b->fatal = 1;
		return 0;
	}
	n = new_node(b, kind, ev, tag);
	if (n == NULL)
		return 0;
	memset(&b->stack[b->depth], 0, sizeof(struct frame));
	b->stack[b->depth].node = n;
	b->depth++;
	return 1;
}

/* Refuses a second occurrence of a key in a mapping, keeping the first. */
static size_t
dedup_pairs(struct builder *b, struct ypair *pairs, size_t n)
{
	struct strtab *seen = strtab_new(0);
	size_t i, out = 0;

	for (i = 0; i < n; i++) {
		const struct ynode *k = pairs[i].key;
		int first;

		if (k->kind != YNODE_SCALAR) {
			pairs[out++] = pairs[i];
			continue;
		}
		first = strtab_put(seen, k->str, k->len, k->pos.line);
		if (first >= 0) {
			char tmp[80];

			diag_error(b->d, &k->pos, "duplicate key \"%s\" (first at "
			    "line %d); keep one", shorten(k->str, k->len, tmp,
			    sizeof tmp), first);
			continue;
		}
		pairs[out++] = pairs[i];
	}
	strtab_free(seen);
	return out;
}

static void
pop(struct builder *b)
{
	struct frame *f = &b->stack[--b->depth];
	struct ynode *n = f->node;
	size_t i;

	if (n->kind == YNODE_SEQ) {
		n->n = f->n;
		n->items = arena_alloc(b->doc->arena, (f->n + 1) * sizeof(*n->items));
		for (i = 0; i < f->n; i++) {
			n->items[i] = f->items[i];
			n->items[i]->index = (int)i;
			n->items[i]->key = n->key;
		}
	} else {
		size_t np = f->n / 2;

		n->pairs = arena_alloc(b->doc->arena, (np + 1) * sizeof(*n->pairs));
		for (i = 0; i < np; i++) {
			n->pairs[i].key = f->items[2 * i];
			n->pairs[i].val = f->items[2 * i + 1];
		}
		for (i = 0; i < np; i++) {
			struct ynode *k = n->pairs[i].key, *v = n->pairs[i].val;

			v->key = k->kind == YNODE_SCALAR ? k->str : "?";
			/* A sequence's items were named when it ended. */
			if (v->kind == YNODE_SEQ)
				for (size_t j = 0; j < v->n; j++)
					v->items[j]->key = v->key;
		}
		n->n = dedup_pairs(b, n->pairs, np);
	}
	free(f->items);
	f->items = NULL;
	attach(b, n);
}

/* A key must be a scalar: YAML allows lists and mappings as keys, we do
 * not (they cannot name anything). Called before the collection is
 * pushed, so the top of the stack is its parent. */
static void
check_key(struct builder *b, enum ynode_kind kind, const yaml_event_t *ev)
{
	struct frame *f;
	struct pos at;

	if (b->depth == 0)
		return;
	f = &b->stack[b->depth - 1];
	if (f->node->kind == YNODE_MAP && f->n % 2 == 0) {
		mark_pos(b, ev->start_mark, &at);
		diag_error(b->d, &at, "a key must be plain text, not %s",
		    kind == YNODE_SEQ ? "a list" : "a mapping");
	}
}

static void
alias(struct builder *b, const yaml_event_t *ev)
{
	struct ynode *n = new_node(b, YNODE_SCALAR, ev, NULL);

	if (n == NULL)
		return;
	diag_error(b->d, &n->pos, "alias \"*%s\": anchors and aliases are "
	    "not supported; write the value out",
	    (const char *)ev->data.alias.anchor);
	n->str = "";
	n->plain = 1;
	attach(b, n);
}

/* One event; returns 0 at the end of the stream or on a fatal problem. */
static int
event(struct builder *b, const yaml_event_t *ev, int *docs)
{
	struct ynode *n;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			struct pos at;

			mark_pos(b, ev->start_mark, &at);
			diag_error(b->d, &at, "a second YAML document starts "
			    "here; a revpack file holds one");
			b->fatal = 1;
			return 0;
		}
		break;
	case YAML_ALIAS_EVENT:
		alias(b, ev);
		break;
	case YAML_SCALAR_EVENT:
		n = scalar(b, ev);
		if (n == NULL)
			return 0;
		attach(b, n);
		break;
	case YAML_SEQUENCE_START_EVENT:
		check_key(b, YNODE_SEQ, ev);
		if (!push(b, YNODE_SEQ, ev, ev->data.sequence_start.tag))
			return 0;
		break;
	case YAML_MAPPING_START_EVENT:
		check_key(b, YNODE_MAP, ev);
		if (!push(b, YNODE_MAP, ev, ev->data.mapping_start.tag))
			return 0;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		pop(b);
		break;
	default:
		break;
	}
	return 1;
}

struct ydoc *
ydoc_parse(const char *file, const char *data, size_t len, struct diag *d)
{
	struct builder b;
	yaml_parser_t p;
	yaml_event_t ev;
	int docs = 0, ok = 1;
	size_t errors0 = diag_errors(d);

	memset(&b, 0, sizeof b);
	b.doc = xcalloc(1, sizeof(struct ydoc));
	b.doc->arena = arena_new();
	b.doc->file = arena_strdup(b.doc->arena, file);
	b.d = d;
	b.data = data;
	b.len = len;
	if (!yaml_parser_initialize(&p))
		xdie_oom();
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			report_parser_error(&b, &p);
			ok = 0;
			break;
		}
		if (!event(&b, &ev, &docs)) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	while (b.depth > 0)
		free(b.stack[--b.depth].items);
	if (!ok || b.fatal) {
		ydoc_free(b.doc);
		return NULL;
	}
	b.doc->errors = diag_errors(d) - errors0;
	return b.doc;
}

struct ydoc *
ydoc_load(const char *path, struct diag *d)
{
	struct pos at = { path, 0, 0 };
	struct ydoc *doc;
	long long size;
	char *data;
	size_t got;
	FILE *f = diag_fopen(d, path, path, &size);

	if (f == NULL)
		return NULL;
	if (size > YAML_MAX_BYTES) {
		diag_error(d, &at, "the file has %lld bytes; a revpack YAML file "
		    "may have at most %ld", size, YAML_MAX_BYTES);
		fclose(f);
		return NULL;
	}
	data = xmalloc((size_t)size + 1);
	got = fread(data, 1, (size_t)size, f);
	if (ferror(f)) {
		diag_error(d, &at, "cannot read the file: %s", strerror(errno));
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	doc = ydoc_parse(path, data, got, d);
	free(data);
	return doc;
}

int
ydoc_empty(const struct ydoc *doc, const char *what, struct diag *d)
{
	struct pos at = { doc->file, 0, 0 };

	if (doc->root != NULL)
		return 0;
	diag_error(d, &at, "the file is empty; expected %s", what);
	return 1;
}

void
ydoc_free(struct ydoc *doc)
{
	if (doc == NULL)
		return;
	arena_free(doc->arena);
	free(doc);
}

const struct ynode *
y_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;

		if (k->kind == YNODE_SCALAR && strcmp(k->str, key) == 0)
			return map->pairs[i].val;
	}
	return NULL;
}

static int
tagged(const struct ynode *n, const char *t)
{
	return n->tag != NULL && strcmp(n->tag + strlen(TAG_PREFIX), t) == 0;
}

int
y_is_null(const struct ynode *n)
{
	if (n == NULL)
		return 1;
	if (n->kind != YNODE_SCALAR)
		return 0;
	if (tagged(n, "null"))
		return 1;
	return n->plain && (n->len == 0 || strcmp(n->str, "~") == 0 ||
	    strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	    strcmp(n->str, "NULL") == 0);
}

const char *
y_describe(const struct ynode *n, char *out, size_t size)
{
	char tmp[64];

	if (n == NULL || y_is_null(n))
		snprintf(out, size, "nothing");
	else if (n->kind == YNODE_SEQ)
		snprintf(out, size, "a list");
	else if (n->kind == YNODE_MAP)
		snprintf(out, size, "a mapping");
	else
		snprintf(out, size, "\"%s\"", shorten(n->str, n->len, tmp,
		    sizeof tmp));
	return out;
}

const char *
y_where(const struct ynode *n, char *out, size_t size)
{
	char tmp[64];
	const char *k = n->key != NULL ? n->key : "";

	shorten(k, strlen(k), tmp, sizeof tmp);
	if (n->index >= 0)
		snprintf(out, size, "\"%s\" item %d", tmp, n->index + 1);
	else if (n->key != NULL)
		snprintf(out, size, "\"%s\"", tmp);
	else
		snprintf(out, size, "the document");
	return out;
}

static void
wrong(const struct ynode *n, struct diag *d, const char *expected)
{
	char w[96], what[80];

	diag_error(d, &n->pos, "%s: expected %s, found %s", y_where(n, w,
	    sizeof w), expected, y_describe(n, what, sizeof what));
}

int
y_kind(const struct ynode *n, enum ynode_kind k, struct diag *d)
{
	static const char *const names[] = {
		"a single value", "a list", "a mapping (key: value lines)"
	};

	if (n->kind == k && !(k == YNODE_SCALAR && y_is_null(n)))
		return 1;
	wrong(n, d, names[k]);
	return 0;
}

int
y_keys(const struct ynode *map, const char *const *known, size_t nknown,
    struct diag *d)
{
	size_t i, j;
	int ok = 1;

	if (map == NULL || map->kind != YNODE_MAP)
		return 1;
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;
		const char *hint;
		char tmp[80];

		if (k->kind != YNODE_SCALAR)
			continue;
		for (j = 0; j < nknown; j++)
			if (strcmp(k->str, known[j]) == 0)
				break;
		if (j < nknown)
			continue;
		ok = 0;
		shorten(k->str, k->len, tmp, sizeof tmp);
		hint = str_suggest(k->str, known, nknown);
		if (hint != NULL)
			diag_error(d, &k->pos, "unknown key \"%s\"; did you mean "
			    "\"%s\"?", tmp, hint);
		else {
			struct buf b;

			buf_init(&b);
			for (j = 0; j < nknown; j++)
				buf_printf(&b, "%s%s", j ? ", " : "", known[j]);
			diag_error(d, &k->pos, "unknown key \"%s\"; expected one "
			    "of: %s", tmp, b.p != NULL ? b.p : "");
			buf_free(&b);
		}
	}
	return ok;
}

const struct ynode *
y_require(const struct ynode *map, const char *key, const char *what,
    struct diag *d)
{
	const struct ynode *v = y_get(map, key);

	if (v != NULL && !y_is_null(v))
		return v;
	if (map == NULL)
		return NULL;
	if (what != NULL)
		diag_error(d, v != NULL ? &v->pos : &map->pos,
		    "missing required key \"%s\" %s", key, what);
	else
		diag_error(d, v != NULL ? &v->pos : &map->pos,
		    "missing required key \"%s\"", key);
	return NULL;
}

int
y_str(const struct ynode *n, struct diag *d, const char **out)
{
	if (n->kind != YNODE_SCALAR || y_is_null(n)) {
		wrong(n, d, "text");
		return 0;
	}
	*out = n->str;
	return 1;
}

int
y_num(const struct ynode *n, struct diag *d, double *out)
{
	char w[96], tmp[64];

	if (n->kind == YNODE_SCALAR && (n->plain || tagged(n, "int") ||
	    tagged(n, "float")) && parse_double(n->str, n->len, out))
		return 1;
	if (n->kind == YNODE_SCALAR && !n->plain && !y_is_null(n) &&
	    parse_double(n->str, n->len, out)) {
		diag_error(d, &n->pos, "%s: expected a number, found the text "
		    "\"%s\"; remove the quotes", y_where(n, w, sizeof w),
		    shorten(n->str, n->len, tmp, sizeof tmp));
		return 0;
	}
	wrong(n, d, "a number");
	return 0;
}

int
y_int(const struct ynode *n, struct diag *d, long *out)
{
	double x;

	if (!y_num(n, d, &x))
		return 0;
	if (!parse_long(n->str, n->len, out)) {
		wrong(n, d, "a whole number");
		return 0;
	}
	return 1;
}

int
y_bool(const struct ynode *n, struct diag *d, int *out)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	size_t i;

	if (n->kind == YNODE_SCALAR && (n->plain || tagged(n, "bool"))) {
		for (i = 0; i < NELEM(yes); i++) {
			if (str_casecmp_ascii(n->str, yes[i]) == 0) {
				*out = 1;
				return 1;
			}
			if (str_casecmp_ascii(n->str, no[i]) == 0) {
				*out = 0;
				return 1;
			}
		}
	}
	wrong(n, d, "true or false");
	return 0;
}

int
y_strlist(const struct ynode *n, struct arena *arena, struct diag *d,
    const char ***out, size_t *count)
{
	const char **v;
	size_t i, k = 0;
	int ok = 1;

	if (n->kind == YNODE_MAP) {
		wrong(n, d, "text or a list of texts");
		return 0;
	}
	if (n->kind == YNODE_SCALAR) {
		if (y_is_null(n)) {
			wrong(n, d, "text or a list of texts");
			return 0;
		}
		v = arena_alloc(arena, 2 * sizeof(*v));
		v[0] = arena_strndup(arena, n->str, n->len);
		*out = v;
		*count = 1;
		return 1;
	}
	v = arena_alloc(arena, (n->n + 1) * sizeof(*v));
	for (i = 0; i < n->n; i++) {
		const char *s;

		if (!y_str(n->items[i], d, &s)) {
			ok = 0;
			continue;
		}
		v[k++] = arena_strndup(arena, s, n->items[i]->len);
	}
	*out = v;
	*count = k;
	return ok;
}
