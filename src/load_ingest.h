/* load_ingest.h: the contract between the cycle loader (load_cycle.c) and
 * the roster and ratings loaders it drives; no other stage includes it. */
#ifndef REVPACK_LOAD_INGEST_H
#define REVPACK_LOAD_INGEST_H

#include "in_yaml.h"
#include "model.h"

/* Where cycle.yaml names a wide file's columns, so that a header lacking
 * one is reported at the key that names it. */
struct wide_pos {
	struct pos subject, rater, role, comment;
	struct pos *q;          /* [source.nq] */
};

/* roster_load: reads c->roster_path into c->people, person_ids,
 * extra_cols, managers and depts, with every check of SPEC.md's roster
 * rules. c->rubric may be NULL (after its own errors): the level check is
 * skipped then. Returns 1 when there was no error. After errors, the
 * people that could be read stay in c (person_ids is set once the header
 * was usable), so that the ratings can still be checked against them. */
int roster_load(struct cycle *c, struct diag *d);

/* ratings_load: reads every c->sources file into c->ratings (sorted by
 * subject in roster order, input order kept) and c->rating_first. Checks
 * that need the rubric or the roster are skipped when c->rubric or
 * c->person_ids is NULL. wp[i] is for c->sources[i]. Returns 1 when there
 * was no error. */
int ratings_load(struct cycle *c, const struct wide_pos *wp, struct diag *d);

/* --- load_cycle.c and load_sources.c --- */

/* The state of loading one cycle file. */
struct cload {
	struct cycle *c;
	struct diag *d;
	int depth;              /* 1 for a previous cycle: its previous is not loaded */
	struct wide_pos *wp;    /* [c->nsources], malloc'd */
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
/* sources_read: `ratings:` of root into c->sources, L->wp and L->qmap. */
void sources_read(struct cload *L, const struct ynode *root);
/* sources_resolve: the wide files' question columns to competency
 * indexes, against the loaded rubric (nothing without one). */
void sources_resolve(struct cload *L);

/* id_problem: NULL when s[0..n) is a safe id (SPEC.md: it becomes a
 * folder name), else what is wrong with it ("contains \"/\""). */
const char *id_problem(const char *s, size_t n);
/* The rule in words, for messages. */
#define ID_RULE "ids become folder names: 1-64 bytes, no / \\ * or control " \
	"characters, not . or .., not starting with . or -"

#endif
