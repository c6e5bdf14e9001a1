/* doc_int.h: the run's shared fonts and a worker's layout engines and PDF
 * devices, as doc_fonts.c makes them and doc_common.c uses them. Private
 * to the doc_*.c files. */
#ifndef REVPACK_DOC_INT_H
#define REVPACK_DOC_INT_H

#include "doc.h"
#include "fonts.h"

/* What doc_setup made (env->shared): read-only while workers run. */
struct doc_shared {
	struct fontset *fs[2];  /* [0] the cycle's template, [1] the deck's
	                           (the same set when their fonts agree) */
	const struct rubric *rubric;    /* the run's (a cycle's, or the
	                           handout's without one) */
	uint32_t *missing;      /* code points no font covers, reported */
	size_t nmissing;
};

/* One worker's engines, made on first use in the worker's own thread
 * (they report into that worker's diag). [0] the cycle's template, [1]
 * the deck's. */
struct doc_worker {
	const struct render_env *env;
	struct lay *lay[2];
	struct pdfdev *dev[2];
	struct diag *d;         /* the diag the engines report into */
	struct arena *a;        /* the current document's scratch */
	int trim;               /* give freed memory back to the system
	                           before the next document (doc_begin) */
};

/* A renderer's block builder: lays out template block b of person p. */
typedef void (*doc_block_fn)(struct doc *D, int p,
    const struct tmpl_block *b);
/* doc_person_part (doc_common.c): a part laid out as template document
 * doc for person p (doc_part, doc_person_vars), each block static or
 * built by fn, with scratch of its own: D->a is a fresh arena while the
 * part is laid out and freed when it ends. */
void doc_person_part(struct doc *D, enum tmpl_doc doc, int p,
    const struct doc_partopt *o, doc_block_fn fn);

/* The deck's template (the cycle's when it has none). */
const struct tmpl *doc_deck_tmpl(const struct render_env *env);

/* doc_literals: non-ASCII characters the documents print on their own
 * (beyond what fontset_subset always adds); part of every subset. */
extern const char doc_literals[];

/* doc_score_bars (doc_scorecard.c): a bars block, its title and the n
 * bars v, on an axis from 0 (so the lowest level shows; from the scale's
 * minimum when that is below 0) to the scale's maximum, the marker's
 * legend the word `marker`. */
void doc_score_bars(struct doc *D, const struct tmpl_block *b,
    const struct lay_bar *v, size_t n, enum tmpl_word marker);

/* doc_comp_bars (doc_scorecard.c): a bars block of the official scores
 * of n competencies (idx) against their expected levels, with its title;
 * nothing when n is 0. */
void doc_comp_bars(struct doc *D, int p, const struct tmpl_block *b,
    const int *idx, size_t n);

/* doc_comp_block (doc_scorecard.c): a block of data "competencies" of
 * person p: a table, bars or the radar. */
void doc_comp_block(struct doc *D, int p, const struct tmpl_block *b);

/* The rubric's scales as the rollout documents show them (doc_rubric.c,
 * also for deck.pptx): doc_ryg, a Red / Yellow / Green framework (three
 * levels labelled so); doc_has_levels, c has level descriptors;
 * doc_use_indicators, which of c's scales a sections block of `mode`
 * ("auto", "indicators", "matrix") shows: 1 its indicators. */
int doc_ryg(const struct rubric *r);
int doc_has_levels(const struct rubric *r, const struct competency *c);
int doc_use_indicators(const struct rubric *r, const struct competency *c,
    const char *mode);

#endif
