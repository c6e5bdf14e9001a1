/* render.h: the contract between `revpack build` and the document
 * renderers: the document types, a planned job, what every renderer is
 * given (shared, read-only inputs and a per-worker context), and the
 * renderer table (doctab.c). Adding a document renderer is one entry in
 * that table. */
#ifndef REVPACK_RENDER_H
#define REVPACK_RENDER_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct cycle;
struct aggregates;
struct tmpl;

/* Every file `revpack build` can render. The order is the plan's order
 * for one subject. */
enum doc_type {
	DOC_HANDOUT,            /* handout.pdf */
	DOC_DECK,               /* deck.pdf */
	DOC_DECK_PPTX,          /* deck.pptx */
	DOC_BLANK_FORM,         /* blank-form.pdf */
	DOC_ORG,                /* org.pdf */
	DOC_DEPT,               /* departments/<slug>.pdf */
	DOC_SCORECARD,          /* people/<id>/scorecard.pdf */
	DOC_COACHING,           /* people/<id>/coaching.pdf */
	DOC_FORM,               /* people/<id>/form.pdf */
	DOC_PACKET,             /* people/<id>/packet.pdf */
	DOC_TEAM,               /* managers/<id>/team.pdf */
	DOC_TEAM_PACKET,        /* managers/<id>/packet.pdf */
	NDOC_TYPES
};

/* Whom a document is about, which decides its path, its shard and whose
 * password encrypts it. */
enum doc_scope {
	SCOPE_RUBRIC,           /* no one: top of the tree, 0644, shard 1 */
	SCOPE_ORG,              /* the organisation: "*" password, shard 1 */
	SCOPE_DEPT,             /* a department: "*" password, shard 1 */
	SCOPE_PERSON,           /* people/<id>/: the person's */
	SCOPE_MANAGER           /* managers/<id>/: the manager's */
};

/* One file to render, planned up front in a deterministic order. */
struct job {
	enum doc_type type;
	int who;                /* person index (SCOPE_PERSON, SCOPE_MANAGER),
	                           department index (SCOPE_DEPT), else -1 */
	const char *path;       /* relative to --out, '/'-separated */
	const char *subject;    /* manifest "subject": the person's or
	                           manager's id, or NULL */
	const char *owner;      /* whose password encrypts it with
	                           --passwords: an id, "*", or NULL (never
	                           encrypted) */
};

/* What every renderer reads; made once before the workers start and
 * read-only while they run. */
struct render_env {
	const struct cycle *cycle;
	const struct aggregates *agg;
	const struct tmpl *tmpl;        /* the cycle's template */
	const struct tmpl *deck_tmpl;   /* the deck's, or NULL: use tmpl */
	int has_date;                   /* PDF dates: SOURCE_DATE_EPOCH, */
	long long epoch;                /* else review_date 00:00 UTC */
	const char *scratch;            /* private temporary folder */
	void *shared;                   /* what renderers' setup made */
	void *ahead;                    /* what fonts_ahead made, or NULL:
	                                   setup takes it */
};

/* One worker's context: never shared between threads. */
struct render_ctx {
	const struct render_env *env;
	struct diag *d;         /* this worker's reporter */
	void *worker;           /* what renderers' worker_new made (a pdfdev) */
	int index;              /* worker number, 0-based */
	int pages;              /* set by render: pages of the document */
};

/* render: appends job's document (PDF bytes) to out and sets ctx->pages.
 * Returns 0, or -1 after reporting in ctx->d. Must give the same bytes
 * for the same job whatever the worker, the order or the other jobs. */
typedef int (*render_fn)(struct render_ctx *ctx, const struct job *job,
    struct buf *out);

/* One entry of the renderer table. */
struct doc_kind {
	enum doc_type type;
	const char *doc;        /* the --docs name that selects it */
	enum doc_scope scope;
	const char *file;       /* file name ("scorecard.pdf"); for
	                           SCOPE_DEPT the folder ("departments") */
	int rated_only;         /* not for people with nothing rated */
	render_fn render;       /* NULL: not available in this build */
};

/* The renderer table with its set-up hooks. The hooks may be NULL. */
struct renderers {
	const struct doc_kind *kinds;   /* [NDOC_TYPES], indexed by type */
	/* setup: once, before the workers, when some job will render:
	 * fonts, subsets (into env->scratch), env->shared. 0 or -1 after
	 * reporting (exit 1: e.g. a font that cannot be found). */
	int (*setup)(struct render_env *env, struct diag *d);
	void (*teardown)(struct render_env *env);
	/* worker_new/worker_free: a worker's own state (its PDF device). */
	void *(*worker_new)(const struct render_env *env, struct diag *d);
	void (*worker_free)(void *worker);
	/* fonts_ahead: what of setup needs only the templates (deck may be
	 * NULL: the template's), made on another thread while the ratings
	 * load, into *ahead; put in env->ahead, setup uses it and reports
	 * its messages then, as if it had made it itself. Returns -1 when
	 * setup will fail with it (a font not found), else 0.
	 * fonts_ahead_free: one that setup did not take. */
	int (*fonts_ahead)(const struct tmpl *t, const struct tmpl *deck,
	    void **ahead);
	void (*fonts_ahead_free)(void *ahead);
};

/* The table revpack ships (doctab.c). */
extern const struct renderers doc_renderers;

/* --docs names in their canonical order: "scorecard", "coaching",
 * "form", "packet", "team", "org", "handout", "deck". */
extern const char *const doc_names[];
extern const size_t ndoc_names;

/* build_run: `revpack build` with a given renderer table (cmd_build is
 * build_run with doc_renderers; tests pass their own). Returns the exit
 * status. */
struct build_opts;
int build_run(const struct build_opts *o, const struct renderers *r);

#endif
