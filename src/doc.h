/* doc.h: what the document renderers (doc_*.c) share: the run's fonts
 * and the per-worker layout engines and PDF devices (the renderer table's
 * set-up hooks), a document's life (begin, parts, finish), placeholders,
 * number formats, template blocks bound to data (tables, key-value
 * grids, the scale legend), and the scorecard and coaching parts that
 * packets include. revpack-template.5 describes the documents. */
#ifndef REVPACK_DOC_H
#define REVPACK_DOC_H

#include <stddef.h>

#include "lay.h"
#include "model.h"
#include "render.h"
#include "score.h"
#include "tmpl.h"

/* --- set-up: the renderer table's hooks (doc_fonts.c) --- */

/* doc_setup: the run's fonts: a fontset per distinct font request (the
 * cycle's template, the deck's), subset to the code points of everything
 * any document of the WHOLE cycle can print (so --only and --shard never
 * change a file), into env->scratch; warns once per code point no font
 * covers, at the input where it first occurs. Sets env->shared. 0, or -1
 * after reporting. */
int doc_setup(struct render_env *env, struct diag *d);
/* doc_setup_rubric: the same for a run without a cycle (`revpack
 * handout`): the code points of rubric r and the templates only. */
int doc_setup_rubric(struct render_env *env, const struct rubric *r,
    struct diag *d);
void doc_teardown(struct render_env *env);
/* doc_fonts_ahead: the fontsets doc_setup would make for these templates
 * (deck NULL: t's), made beforehand on any thread into *ahead; doc_setup
 * takes them from env->ahead and reports their messages. -1 when a font
 * was not found (doc_setup will fail), else 0. */
int doc_fonts_ahead(const struct tmpl *t, const struct tmpl *deck,
    void **ahead);
void doc_fonts_ahead_free(void *ahead);
/* doc_check_fonts: doc_setup's checks without its subsets (`revpack
 * validate`): the fonts of env's templates found, and the same warnings
 * for the characters no font covers, over the same texts. env->scratch
 * and env->shared are not used. 0, or -1 after reporting. */
int doc_check_fonts(const struct render_env *env, struct diag *d);
/* doc_worker_new: a worker's own layout engines and PDF devices (made on
 * first use, in the worker's thread). */
void *doc_worker_new(const struct render_env *env, struct diag *d);
void doc_worker_free(void *worker);

/* --- one document --- */

/* A document being rendered on a worker. The fields are read-only for
 * renderers; `a` is scratch memory that lives until doc_finish (inside
 * doc_scorecard_part and doc_coaching_part: until the part ends). */
struct doc {
	struct render_ctx *ctx;
	const struct render_env *env;
	const struct cycle *c;          /* NULL in `revpack handout` */
	const struct rubric *r;
	const struct aggregates *agg;   /* NULL without a cycle */
	const struct tmpl *t;           /* the template in use */
	struct lay *L;
	struct arena *a;
	int deck;                       /* laid out with the deck's template */
	void *w;                        /* the worker (private) */
};

/* doc_begin: starts a file on ctx's worker, with the cycle's template
 * (deck = 0) or the deck's (deck = 1). title is the PDF's title (e.g.
 * "Scorecard — Zoë Ångström"); author is the organisation, subject the
 * cycle's title, creator "revpack VERSION", dates from env. */
void doc_begin(struct doc *D, struct render_ctx *ctx, int deck,
    const char *title);
/* doc_begin_titled: doc_begin with the title "WORD — NAME" (or WORD
 * when name is NULL), the word from the template in use. */
void doc_begin_titled(struct doc *D, struct render_ctx *ctx, int deck,
    enum tmpl_word w, const char *name);
/* doc_finish: lays out headers and footers, renders the PDF into out and
 * sets ctx->pages. 0, or -1 after reporting in ctx->d. */
int doc_finish(struct doc *D, struct buf *out);

/* Options of a part (a document laid out inside a file). */
struct doc_partopt {
	const char *bookmark;   /* outline entry of the part, or NULL */
	int outline_level;      /* its level (its headings nest below) */
	const char *label;      /* page label prefix ("S-"), or NULL */
	const char *anchor;     /* a contents anchor at its start, or NULL */
};

/* doc_part: starts a part laid out as template document `doc` and sets
 * the placeholders every part has: {organization}, {cycle.*},
 * {rubric.*}, {date} (the review date) and {document} (the word of doc).
 * o may be NULL. */
void doc_part(struct doc *D, enum tmpl_doc doc, const struct doc_partopt *o);
/* doc_person_vars: {person.*}, {manager.*} and {department} of person p
 * (p < 0: left empty, as on the blank form). */
void doc_person_vars(struct doc *D, int p);
/* doc_manager_vars: manager m as both {person.*} and {manager.*} (a team
 * summary or manager packet, where m's own manager appears nowhere). */
void doc_manager_vars(struct doc *D, int m);

/* --- formats (texts in D->a) --- */
extern const char doc_dash[];           /* "–": no figure */
/* doc_num: x with two decimals ("2.78", "3.00"); NAN: doc_dash. */
const char *doc_num(struct doc *D, double x);
/* doc_delta: a change with its sign ("+0.57", "-0.12", "0.00"); NAN:
 * doc_dash. */
const char *doc_delta(struct doc *D, double x);
/* doc_pct: a percentage ("39%", "39.5%"); NAN: doc_dash. */
const char *doc_pct(struct doc *D, double x);
/* doc_g: x as "%g" writes it ("20", "0.5"). doc_num, doc_delta, doc_pct
 * and doc_g write numbers the way the template's language does ("0,5"). */
const char *doc_g(struct doc *D, double x);
/* doc_date: an ISO date in the template's language's form ("15.07.2026"
 * in German); NULL stays NULL, other text stays as it is. */
const char *doc_date(struct doc *D, const char *iso);
const char *doc_printf(struct doc *D, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* doc_period: the cycle's period, "2026-01-01 – 2026-06-30" (doc_date). */
const char *doc_period(struct doc *D);
const char *doc_word(struct doc *D, enum tmpl_word w);
enum lay_status doc_status(enum status st);
/* doc_status_word: Red, Yellow, Green or Not rated, as the template says. */
const char *doc_status_word(struct doc *D, enum status st);
/* doc_level_label: the scale label of level value v ("" when none). */
const char *doc_level_label(struct doc *D, int v);
/* doc_join: the strings of v, one a line (NULL when v is empty). */
const char *doc_join(struct doc *D, const struct strv *v);

/* --- blocks bound to data --- */

/* A table column as the block (or the renderer's defaults) gives it. */
struct doc_col {
	const char *field;
	struct lay_col col;     /* header expanded, width, alignment */
};
/* doc_columns: the block's columns, or `defaults` (NULL-terminated field
 * names) when the block lists none; *n is set. Headers are the column's
 * own (placeholders expanded) or the field's word; alignment the
 * column's own or doc_field_align's. */
struct doc_col *doc_columns(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults, size_t *n);
/* doc_field_align: figures right, chips centred, text left. */
enum tmpl_align doc_field_align(const char *field);

/* A renderer's cell source: fills *cell (zeroed) for `field` of row. */
typedef void (*doc_cell_fn)(struct doc *D, void *arg, size_t row,
    const char *field, struct lay_cell *cell);
/* doc_table: a table block: its title, then nrows rows of the block's
 * columns (or defaults) filled by fn, plus the block's empty rows. */
void doc_table(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults, size_t nrows, doc_cell_fn fn, void *arg);
/* doc_table_rows: the same without the block's title (for one table per
 * category under its own heading). */
void doc_table_rows(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults, size_t nrows, doc_cell_fn fn, void *arg);

/* doc_kv: a kv_grid block (its title, its fields or defaults), each
 * value from fn: the text of `field` (NULL or "": a line to write on). */
void doc_kv(struct doc *D, const struct tmpl_block *b,
    const char *const *defaults,
    const char *(*fn)(struct doc *D, void *arg, const char *field),
    void *arg);
/* doc_scale_legend: a scale_legend block over the rubric's scale; a
 * table block of data "scale" (fields level, rating, descriptor). */
void doc_scale_legend(struct doc *D, const struct tmpl_block *b);
void doc_scale_table(struct doc *D, const struct tmpl_block *b);
/* doc_nothing: the block's title and the word "None" (an empty list the
 * reader should see is empty). */
void doc_nothing(struct doc *D, const struct tmpl_block *b);
/* doc_unsupported: a block this renderer cannot fill; a warning once. */
void doc_unsupported(struct doc *D, const struct tmpl_block *b);

/* --- people (doc_person.c) --- */

/* doc_person_field: the value of a `person` field (name, job_title,
 * manager, overall...) of person p; with ratings = 0 (forms) the rating
 * fields are blank, with p < 0 everything is. */
const char *doc_person_field(struct doc *D, int p, const char *field,
    int ratings);
/* doc_comp_cell: a cell of a competency field (competency, score,
 * manager, self, peer, direct_report, level, expected, status,
 * descriptor, trend, raters, category, weight) of person p and
 * competency k. Peer and direct-report figures appear only where the
 * anonymity rule shows them. */
void doc_comp_cell(struct doc *D, int p, int k, const char *field,
    struct lay_cell *cell);

/* A comment a person's documents may show: the anonymity rule applied. */
struct doc_comment {
	enum role role;
	int comp;               /* competency index, -1: a general comment */
	const char *text;
	uint64_t key;           /* the order: a hash of the text and the
	                           person's id, never the input's order */
	const struct rating *rating;    /* where it came from (for messages;
	                           never print its rater) */
};
/* doc_comment_shown: 1 when rating rt's comment may be shown in its
 * subject's documents: manager and self always; a peer's or direct
 * report's on a competency where that role is shown, or (a general
 * comment of a wide row) when at least min_raters raters of the role
 * scored the subject on anything. */
int doc_comment_shown(const struct cycle *c, const struct aggregates *agg,
    const struct rating *rt);
/* doc_comments: the comments of person p that documents may show, in the
 * order they print: general comments first, then by competency (rubric
 * order), then
 * manager, self, peer, direct_report, then by key. Returns a malloc'd
 * array (caller frees) of *n. */
struct doc_comment *doc_comments(const struct cycle *c,
    const struct aggregates *agg, int p, size_t *n);

/* --- parts that packets include --- */
void doc_scorecard_part(struct doc *D, int p, const struct doc_partopt *o);
void doc_coaching_part(struct doc *D, int p, const struct doc_partopt *o);

/* --- renderers (render.h's contract) --- */
int doc_scorecard_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_coaching_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_form_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_blank_form_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_packet_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);

/* The team, organisation, department, rubric and manager-packet
 * documents (doc_team.c, doc_rubric.c, doc_mpacket.c). */
void doc_team_part(struct doc *D, int manager, const struct doc_partopt *o);
int doc_team_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_org_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_dept_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_handout_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_deck_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
/* doc_deck_pptx_render (doc_pptx.c): the deck as a .pptx (not a PDF:
 * ctx->pages is -1, the manifest's "pages" null). */
int doc_deck_pptx_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);
int doc_mpacket_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out);

#endif
