/* build.h: what the parts of `revpack build` share (cmd_build.c steers;
 * build_plan.c reads the command line's lists and plans the files;
 * build_render.c runs the plan on the worker pool). Private to them. */
#ifndef REVPACK_BUILD_H
#define REVPACK_BUILD_H

#include <stdint.h>

#include "cmd.h"
#include "crypt.h"
#include "jobs.h"
#include "manifest.h"
#include "model.h"
#include "outfile.h"
#include "progress.h"
#include "render.h"
#include "score.h"
#include "tmpl.h"

/* One job's outcome, written by the worker that ran it and read by the
 * main thread once the pool has handed the job back. */
struct result {
	char sha256[65];
	uint64_t bytes;
	int pages;
	int encrypted;
	int status;             /* 0: written */
	char **msgs;            /* its diagnostics, in the order made */
	size_t nmsgs;
};

struct build {
	const struct build_opts *o;
	const struct renderers *r;
	struct diag *d;                 /* the run's reporter (stderr) */
	struct diag *din;               /* the cycle's and scoring's only:
	                                   aggregates.json's warnings[] */
	struct outdir *out;
	char *root;
	struct cycle *cycle;
	struct aggregates *agg;
	struct tmpl *tmpl, *deck_tmpl;
	struct passwords *pw;
	int sel[NDOC_TYPES];            /* selected by --docs */
	int docs_all;                   /* --docs selects every document */
	char *docs_norm, *only_norm;
	unsigned char *only;            /* [npeople]; NULL: everyone */
	struct job *jobs;
	size_t njobs, cap;
	/* A build runs naux + njobs jobs: first the aggregates (shard 1:
	 * aux_path[0..naux-1], on the main thread), then jobs[] (on the
	 * pool). res[] and done[] are indexed by that order. */
	size_t naux;
	const char *aux_path[3];
	struct result *res;
	struct arena *arena;            /* job paths */
	struct render_env env;
	struct manifest *man;
	struct manifest *prev;          /* a partial build's folder's earlier
	                                   manifest, or NULL */
	size_t nkept;                   /* its entries kept in ours */
	/* the main thread's view of the pool */
	struct progress *prog;
	unsigned char *done;
	size_t next_print, ndone;
	struct strtab *printed;         /* messages already shown */
	struct arena *printed_keys;
	int failed;
	size_t nwritten;
	uint64_t nbytes;
	uint64_t flushed;               /* nbytes at the last outdir_flush */
	/* The template, the deck's and what of the fonts needs only them,
	 * loaded on a thread of their own while the ratings load
	 * (cmd_build.c) */
	struct {
		struct side side;
		int begun;
		char *path, *deck_path;
		struct tmpl *tmpl, *deck;
		void *fonts;            /* renderers' fonts_ahead */
		int fonts_st;           /* what it returned (-1: not made) */
		struct diag *d;
	} pre;
	/* The workbook, made on a thread of its own from the scores on,
	 * while the fonts are set up (build_render.c) */
	struct {
		struct side side;
		int status;             /* emit_xlsx's */
		struct buf data;
		struct diag *d;
	} book;
};

/* build_plan.c */
/* build_parse_docs: --docs (NULL: all) into b->sel and b->docs_norm.
 * Returns 0, or EXIT_USAGE after saying what is wrong. */
int build_parse_docs(struct build *b, const char *list);
/* build_parse_only: --only (NULL: everyone) into b->only and
 * b->only_norm; unknown or empty ids are errors in b->d. */
void build_parse_only(struct build *b, const char *list);
/* build_plan: every file this run renders into b->jobs, in a fixed
 * order (see the function). */
void build_plan(struct build *b);
/* build_check_passwords: with --passwords, 0 when every owner of a
 * planned file has a password, else EXIT_INPUT after one error naming
 * them all. */
int build_check_passwords(struct build *b);

/* build_render.c */
/* build_book_start: starts making aggregates.xlsx in the scratch
 * folder on a thread of its own (shard 1; needs the scores, the template
 * and env.scratch); side_join(&b->book.side) waits for it (build_free
 * too). */
void build_book_start(struct build *b);
/* build_render: the aggregates and the planned jobs on the pool (render,
 * encrypt, hash, write), messages in job order on stderr. 0, or
 * EXIT_OUTPUT. */
int build_render(struct build *b);

#endif
