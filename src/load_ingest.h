/* load_ingest.h: the contract between the cycle loader (load_cycle.c) and
 * the roster and ratings loaders it drives; no other stage includes it. */
#ifndef REVPACK_LOAD_INGEST_H
#define REVPACK_LOAD_INGEST_H

#include "in_yaml.h"
#include "in_csv.h"
#include "model.h"

/* roster_load: reads c->roster_path into c->people, person_ids,
 * extra_cols, managers and depts, with every check of the roster rules
 * (revpack-cycle.5). c->rubric may be NULL (after its own errors): the
 * level check is skipped then. Returns 1 when there was no error. After
 * errors, the people that could be read stay in c (person_ids is set
 * once the header was usable), so that the ratings can still be checked
 * against them. */
int roster_load(struct cycle *c, struct diag *d);

/* ratings_load: reads every c->sources file into c->ratings (sorted by
 * subject in roster order, input order kept) and c->rating_first. Checks
 * that need the rubric or the roster are skipped when c->rubric or
 * c->person_ids is NULL. Returns 1 when there was no error. */
int ratings_load(struct cycle *c, struct diag *d);

/* --- load_people.c: people as exports name them --- */
struct people_index;
/* people_index_new: an index of c's people by e-mail and full name (ASCII
 * case and runs of white space ignored). Free with people_index_free. */
struct people_index *people_index_new(const struct cycle *c);
void people_index_free(struct people_index *x);        /* NULL: no-op */
/* people_find: the person s[0..n) names: by roster id (exactly), then
 * e-mail, then full name ("Last, First" too; last, a two-part name in
 * its other order or without its space). Their index; -1 when nobody;
 * -2 when a name several people share (their indexes in
 * *cands[0..*ncands), borrowed until x is freed). Not thread-safe (x
 * keeps a scratch buffer). */
int people_find(struct people_index *x, const char *s, size_t n,
    const int **cands, size_t *ncands);

/* --- load_cycle.c and load_sources.c --- */

/* The state of loading one cycle file. */
struct cload {
	struct cycle *c;
	struct diag *d;
	int depth;              /* 1 for a previous cycle: its previous is not loaded */
	const struct ynode **qmap;      /* [c->nsources]: `competencies:` or NULL */
	int ok;
};

/* cload_file: the path (resolved against the cycle's folder) of the file
 * named at node n, or NULL after reporting; `check`: it must exist as a
 * file. `what` names it in messages ("rubric"). */
const char *cload_file(struct cload *L, const struct ynode *n,
    const char *what, int check);
/* cload_key: the key node of `key` in mapping map (for messages about the
 * key itself), or NULL. */
const struct ynode *cload_key(const struct ynode *map, const char *key);
/* sources_read: `ratings:` of root into c->sources and L->qmap. */
void sources_read(struct cload *L, const struct ynode *root);
/* read_colspec: the column at n (a name, or a list of names whose cells
 * are joined) into *cs; nothing when n is NULL or null. 1, or 0 after
 * reporting. */
int read_colspec(struct cload *L, const struct ynode *n, struct colspec *cs);
/* read_file_keys: `type`, `encoding`, `sheet` and `header` of a roster or
 * ratings item: how the file is read. */
void read_file_keys(struct cload *L, const struct ynode *item,
    struct filespec *how);
/* load_open: the table at path (a roster or ratings file) opened for
 * reading as cycle.yaml says (`how`); NULL after reporting. */
struct csvin *load_open(const char *path, const struct filespec *how,
    struct diag *d);
/* sources_resolve: the wide files' question columns and the long files'
 * competency texts to competency indexes, against the loaded rubric
 * (nothing without one). */
void sources_resolve(struct cload *L);

/* --- load_ids.c --- */
/* id_problem: NULL when s[0..n) (NFC) is a safe id (it becomes a folder
 * name), else what is wrong with it ("contains \"/\"", or, in
 * buf, "contains U+200B ZERO WIDTH SPACE, an invisible character"). */
const char *id_problem(const char *s, size_t n, char *buf, size_t size);
/* id_fold_key: the key under which ids that differ only in case collide,
 * in a strtab_new(1) table: the id itself when ASCII, else its Unicode
 * case folding (copied into a). */
const char *id_fold_key(const char *id, struct arena *a);
/* An id of a file, for ids_lookalikes: the id, its id_fold_key, its line. */
struct id_row {
	const char *id;
	const char *fold;
	int line;
};
/* ids_lookalikes: reports, through say (is_error 1 or 0, the message at
 * `line`), each id that looks like an earlier one without being the same
 * id in another case (the same confusable skeleton, Unicode TR 39), where
 * one of the two is not ASCII: an error naming both rows; and each id
 * whose letters mix scripts (Latin and Cyrillic; Japanese and Korean
 * mixes are fine): a warning. Nothing when every id is ASCII. */
typedef void (*id_say_fn)(void *ctx, int line, int is_error,
    const char *msg);
void ids_lookalikes(const struct id_row *ids, size_t n, id_say_fn say,
    void *ctx);
/* The rule in words, for messages. */
#define ID_RULE "ids become folder names: 1-64 bytes, no / \\ * or control " \
	"characters, not . or .., not starting with . or -"

#endif
