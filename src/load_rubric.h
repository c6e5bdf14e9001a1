/* load_rubric.h: what the two halves of the rubric loader share: the
 * state of one load and the helpers that read typed values into the
 * rubric's arena. load_rubric.c reads the document, its categories and
 * competencies; load_scale.c the scale and what refers to its levels
 * (expectations, status thresholds, bands) and the guide. Private to
 * them. */
#ifndef REVPACK_LOAD_RUBRIC_H
#define REVPACK_LOAD_RUBRIC_H

#include "load.h"

#define LEVEL_LIMIT 1000        /* a scale value lies in 0 .. 1000 */
#define WEIGHT_LIMIT 1e6        /* sums of weights stay exact enough */

/* The state of one load. Messages go to a private reporter first and are
 * handed over in file order at the end: the checks run in the order the
 * model needs (the scale before what refers to it), not the file's. */
struct rl {
	struct diag *d;
	struct rubric *r;
	struct arena *a;                /* r->arena */
	int have_range;                 /* smin..smax known (some level read) */
	int smin, smax;
	int scale_ok;                   /* r->scale is valid and filled */
	struct strtab *cat_ids;         /* folded id -> category index */
	struct strtab *comp_fold;       /* folded id -> competency index */
};

/* Helpers (load_rubric.c). */
struct pos rl_at(const struct rl *L, const struct ynode *n);
const struct ynode *rl_opt(const struct ynode *map, const char *key);
int rl_blank(const char *s);
const char *rl_text(struct rl *L, const struct ynode *n);
const char *rl_req_text(struct rl *L, const struct ynode *map,
    const char *key, const char *what);
void rl_strlist(struct rl *L, const struct ynode *map, const char *key,
    struct strv *out);

/* Levels and what refers to them (load_scale.c). */
int rl_label_value(const struct rl *L, const struct ynode *n);
int rl_level_ref(struct rl *L, const struct ynode *n, const char *what,
    double *out);
void rl_load_scale(struct rl *L, const struct ynode *scale);
void rl_load_expectations(struct rl *L, const struct ynode *m);
void rl_load_status(struct rl *L, const struct ynode *m);
void rl_load_bands(struct rl *L, const struct ynode *s);
void rl_load_guide(struct rl *L, const struct ynode *m);

#endif
