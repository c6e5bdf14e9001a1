/* in_yaml.h: YAML files as small trees of nodes with positions, read behind
 * guards (size cap, depth limit, no aliases, one document, no NUL, duplicate
 * keys refused), and typed getters that report what they did not find.
 * The only libyaml user. Knows no domain words. */
#ifndef REVPACK_IN_YAML_H
#define REVPACK_IN_YAML_H

#include <stddef.h>

#include "diag.h"

#define YAML_MAX_BYTES (2L * 1024 * 1024)     /* size cap of one file */
#define YAML_MAX_DEPTH 64                     /* nested collections */
#define YAML_MAX_NODES 500000

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP
};

struct ypair;

/* A node. Scalars hold NUL-free text (`str`, `len`); `plain` tells a plain
 * scalar (`40`, `yes`) from a quoted or block one (`"40"`). Typing is ours:
 * see the getters. Sequences hold `n` items; mappings `n` pairs, keys are
 * scalars. `key` names the mapping key this node is the value of (or, for
 * a sequence item, its sequence's key) and `index` is its place in a
 * sequence (-1 otherwise), for messages. */
struct ynode {
	enum ynode_kind kind;
	struct pos pos;
	const char *tag;        /* explicit tag, resolved ("tag:yaml.org,2002:int"), or NULL */
	const char *str;        /* a scalar's text, in NFC */
	size_t len;
	const char *raw;        /* the text as written, when NFC changed it
	                           (a file name on disk may be decomposed) */
	int plain;
	struct ynode **items;
	struct ypair *pairs;
	size_t n;
	const char *key;
	int index;
};

struct ypair {
	struct ynode *key;
	struct ynode *val;
};

struct ydoc {
	struct ynode *root;     /* NULL for an empty file */
	const char *file;       /* the path, as given */
	struct arena *arena;    /* owns every node and string */
	size_t errors;          /* problems reported that left the tree whole
	                           (duplicate key, alias, tag, NUL): a loader
	                           checks on, then refuses the file */
};

/* ydoc_load: reads and parses `path`, reporting every problem it can find
 * (with file:line:col). Returns NULL when the file cannot be read or
 * parsed at all; after problems that leave the tree whole it returns the
 * tree with `errors` > 0, so that its loader can report further problems
 * before it refuses the file. Caller frees with ydoc_free. */
struct ydoc *ydoc_load(const char *path, struct diag *d);
/* ydoc_parse: the same on bytes already in memory; `file` names them in
 * messages. */
struct ydoc *ydoc_parse(const char *file, const char *data, size_t len,
    struct diag *d);
void ydoc_free(struct ydoc *doc);               /* NULL is a no-op */
/* ydoc_empty: when doc holds no YAML node (empty, blank, only comments
 * or a BOM), reports "FILE: error: the file is empty; expected WHAT", the
 * one form every loader gives an empty file (as the CSV reader does), and
 * returns 1; else 0. */
int ydoc_empty(const struct ydoc *doc, const char *what, struct diag *d);

/* --- lookups (borrowed results, no messages) --- */
/* y_get: the value of `key` in mapping `map`, or NULL (also when map is
 * NULL or not a mapping). */
const struct ynode *y_get(const struct ynode *map, const char *key);
/* y_is_null: a missing node, `~`, `null` or an empty plain scalar. */
int y_is_null(const struct ynode *n);

/* --- checks that report (each returns 1 when fine, 0 after reporting) --- */
/* y_kind: n is of kind k ("expected a mapping, found a list"). */
int y_kind(const struct ynode *n, enum ynode_kind k, struct diag *d);
/* y_keys: every key of map is in known[]; unknown ones are reported with
 * the nearest known key as a suggestion. Returns 1 if all were known. */
int y_keys(const struct ynode *map, const char *const *known, size_t nknown,
    struct diag *d);
/* y_require: the value of key, or reports `missing required key "KEY"`
 * at the mapping (`what`, when not NULL, names it: "in category \"x\"")
 * and returns NULL. A null value counts as missing. */
const struct ynode *y_require(const struct ynode *map, const char *key,
    const char *what, struct diag *d);

/* --- typed getters: convert n, or report and return 0 --- */
/* y_str: any non-null scalar, as text (a plain `40` is the text "40"). */
int y_str(const struct ynode *n, struct diag *d, const char **out);
/* y_num: a plain number (or a !!int / !!float tagged scalar). A quoted
 * number is refused: "expected a number, found the text "4"". */
int y_num(const struct ynode *n, struct diag *d, double *out);
/* y_int: as y_num, an integer. */
int y_int(const struct ynode *n, struct diag *d, long *out);
/* y_bool: plain true/false/yes/no (any case). */
int y_bool(const struct ynode *n, struct diag *d, int *out);
/* y_strlist: a string or a sequence of strings, as a NULL-terminated array
 * in `arena`. *count gets the number. */
int y_strlist(const struct ynode *n, struct arena *arena, struct diag *d,
    const char ***out, size_t *count);

/* y_describe: a short text for what n is, for messages: "a list",
 * "a mapping", "\"abc\"" (scalar text, shortened). Written into out. */
const char *y_describe(const struct ynode *n, char *out, size_t size);
/* y_where: the node's name for messages: `"weight"` or `"levels" item 3`. */
const char *y_where(const struct ynode *n, char *out, size_t size);

#endif
