/* cmd_build.c: `revpack build`: load and check every input, score, plan
 * the documents, write the aggregates and render the documents on the
 * worker pool (encrypting with --passwords), and write the manifest last. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "in_text.h"
#include "load.h"
#include "manifest.h"
#include "runenv.h"
#include "sha256.h"

/* --- loading: every input checked before anything is written --- */

/* templates: the thread started by on_paths: the template, the deck's
 * (loaded whatever --docs says: its words and fonts are part of the
 * run's glyph set, which must not depend on the documents chosen), then
 * the renderers' fonts for them. Reports in b->pre.d, which load() shows
 * where the templates' messages always came: after the cycle's. */
static void *
templates(void *arg)
{
	struct build *b = arg;

	b->pre.tmpl = tmpl_load(b->pre.path, b->pre.d);
	if (b->pre.tmpl != NULL)
		b->pre.deck = tmpl_load_deck(b->pre.deck_path, b->pre.d);
	b->pre.fonts_st = -1;
	if (b->pre.tmpl != NULL && (b->pre.deck != NULL ||
	    b->pre.deck_path == NULL) && b->r->fonts_ahead != NULL)
		b->pre.fonts_st = b->r->fonts_ahead(b->pre.tmpl, b->pre.deck,
		    &b->pre.fonts);
	return NULL;
}

/* on_paths: cycle.yaml is read: the templates and their fonts (about 20
 * ms: fontconfig, reading the faces) are made beside the roster and the
 * ratings (about 30 ms per 1,000 people) instead of after them. */
static void
on_paths(const struct cycle *c, void *arg)
{
	struct build *b = arg;

	b->pre.path = xstrdup(c->template_path);
	b->pre.deck_path = c->deck_template_path != NULL ?
	    xstrdup(c->deck_template_path) : NULL;
	b->pre.d = diag_new(NULL);
	b->pre.begun = 1;
	side_start(&b->pre.side, templates, b);
}

/* load: the cycle, its templates, --only, --passwords, the PDF date.
 * Returns 0, or EXIT_INPUT after every problem was reported. */
static int
load(struct build *b)
{
	size_t before;

	b->cycle = cycle_load_then(b->o->cycle, b->din, on_paths, b);
	side_join(&b->pre.side);
	if (b->cycle == NULL)
		return EXIT_INPUT;
	before = diag_errors(b->d);
	if (b->pre.begun) {
		diag_merge(b->d, b->pre.d);
		b->tmpl = b->pre.tmpl;
		b->deck_tmpl = b->pre.deck;
		b->env.ahead = b->pre.fonts;
		b->pre.tmpl = b->pre.deck = NULL;
		b->pre.fonts = NULL;
	} else {
		b->tmpl = tmpl_load(b->cycle->template_path, b->d);
		if (b->tmpl != NULL)
			b->deck_tmpl = tmpl_load_deck(
			    b->cycle->deck_template_path, b->d);
	}
	build_parse_only(b, b->o->only);
	if (b->o->passwords != NULL)
		b->pw = passwords_load(b->o->passwords, b->cycle->person_ids,
		    b->d);
	if (runenv_pdf_date(b->cycle->review_date, &b->env.has_date,
	    &b->env.epoch, b->d) != 0)
		return EXIT_INPUT;
	/* A loader that returned NULL has reported why. */
	if (b->tmpl == NULL || (b->o->passwords != NULL && b->pw == NULL) ||
	    (b->deck_tmpl == NULL && b->cycle->deck_template_path != NULL) ||
	    diag_errors(b->d) > before || diag_errors(b->din) > 0)
		return EXIT_INPUT;
	return 0;
}

/* --- writing --- */

/* put: the manifest, which the main thread writes last, after a sync
 * (the aggregates are the first jobs: build_render.c). */
static int
put(struct build *b, const char *rel, struct buf *data)
{
	if (outdir_commit(b->out, rel, data->p, data->len, b->d) != 0)
		return EXIT_OUTPUT;
	b->nwritten++;
	b->nbytes += data->len;
	return 0;
}

static const char *
manifest_file(const struct build *b, char *name, size_t size)
{
	if (b->o->shard_n <= 1)
		return "manifest.json";
	return manifest_part_name(b->o->shard_k, b->o->shard_n, name, size);
}

/* read_prev: before a partial build (--only, or --docs short of every
 * document) replaces the folder's manifest.json, the earlier build's, so
 * that its entries for files this build does not write can be kept. A
 * manifest that cannot be read is said so and left out. */
static void
read_prev(struct build *b)
{
	struct buf path;
	struct diag *quiet;
	char *text = NULL;
	size_t len = 0;

	if (b->o->shard_n > 1 || (b->only_norm == NULL && b->docs_all))
		return;
	buf_init(&path);
	buf_printf(&path, "%s/manifest.json", b->root);
	quiet = diag_new(NULL);
	if (access(path.p, F_OK) == 0 && text_slurp(path.p, path.p, 0, quiet,
	    &text, &len)) {
		b->prev = manifest_parse(text, len, path.p, quiet);
		if (b->prev != NULL && (b->prev->shard_n > 0 ||
		    strcmp(b->prev->cycle, b->cycle->id) != 0)) {
			manifest_free(b->prev);
			b->prev = NULL;
		}
		if (b->prev == NULL)
			diag_warning(b->d, NULL, "%s: the earlier build's "
			    "manifest cannot be read or is another cycle's or "
			    "a shard's; this build's manifest lists only the "
			    "files it writes", path.p);
	}
	free(text);
	diag_free(quiet);
	buf_free(&path);
}

/* unchanged: file f of the earlier manifest is still in the folder as it
 * was (its size and sha256). */
static int
unchanged(const struct build *b, const struct manifest_file *f)
{
	struct buf path;
	struct diag *quiet = diag_new(NULL);
	char *data = NULL, sum[65];
	size_t len = 0;
	int same = 0;

	buf_init(&path);
	buf_printf(&path, "%s/%s", b->root, f->path);
	if (access(path.p, F_OK) == 0 && text_slurp(path.p, path.p, 0, quiet,
	    &data, &len) && len == f->bytes) {
		sha256_hex(data, len, sum);
		same = strcmp(sum, f->sha256) == 0;
	}
	free(data);
	diag_free(quiet);
	buf_free(&path);
	return same;
}

/* keep_prev: the earlier manifest's entries for files this build did not
 * write and that are still there unchanged. */
static void
keep_prev(struct build *b)
{
	struct strtab *ours = strtab_new(0);
	size_t j;

	for (j = 0; j < b->man->n; j++)
		strtab_put(ours, b->man->files[j].path,
		    strlen(b->man->files[j].path), 1);
	for (j = 0; j < b->prev->n; j++) {
		const struct manifest_file *f = &b->prev->files[j];

		if (strtab_get(ours, f->path, strlen(f->path)) >= 0 ||
		    !unchanged(b, f))
			continue;
		manifest_add(b->man, f->path, f->sha256, f->bytes, f->pages,
		    f->subject, f->encrypted);
		b->nkept++;
	}
	strtab_free(ours);
}

/* write_manifest: the rendered files and the aggregates (and, after a
 * partial build, the earlier build's files kept), path order. */
static int
write_manifest(struct build *b)
{
	char name[48];
	struct buf out;
	size_t j;
	int st;

	for (j = 0; j < b->naux; j++)
		manifest_add(b->man, b->aux_path[j], b->res[j].sha256,
		    b->res[j].bytes, -1, NULL, 0);
	for (j = 0; j < b->njobs; j++) {
		const struct result *r = &b->res[b->naux + j];

		manifest_add(b->man, b->jobs[j].path, r->sha256, r->bytes,
		    r->pages, b->jobs[j].subject, r->encrypted);
	}
	if (b->prev != NULL)
		keep_prev(b);
	manifest_sort(b->man);
	buf_init(&out);
	manifest_emit(b->man, &out);
	st = put(b, manifest_file(b, name, sizeof name), &out);
	buf_free(&out);
	return st;
}

/* closing: what was written, where and how long it took (stderr only). */
static void
closing(const struct build *b, double t0)
{
	if (b->o->quiet)
		return;
	/* the files the progress bar counted, then the manifest */
	fprintf(stderr, "revpack: wrote %zu file%s and the manifest (",
	    b->nwritten - 1, b->nwritten == 2 ? "" : "s");
	if (b->nbytes < 1000000)
		fprintf(stderr, "%.1f kB", (double)b->nbytes / 1e3);
	else
		fprintf(stderr, "%.1f MB", (double)b->nbytes / 1e6);
	fprintf(stderr, ") to %s/", b->root);
	if (b->o->shard_n > 1)
		fprintf(stderr, " as shard %d of %d", b->o->shard_k,
		    b->o->shard_n);
	fprintf(stderr, " in %.1f s", now_seconds() - t0);
	if (b->nkept > 0)
		fprintf(stderr, "; the manifest also lists %zu file%s of the "
		    "earlier build there", b->nkept, b->nkept == 1 ? "" : "s");
	fputc('\n', stderr);
}

/* --- the command --- */

static void
build_free(struct build *b)
{
	size_t j;

	side_join(&b->book.side);
	buf_free(&b->book.data);
	diag_free(b->book.d);
	side_join(&b->pre.side);
	if (b->r->teardown != NULL && b->env.shared != NULL)
		b->r->teardown(&b->env);
	if (b->r->fonts_ahead_free != NULL) {
		b->r->fonts_ahead_free(b->env.ahead);
		b->r->fonts_ahead_free(b->pre.fonts);
	}
	tmpl_free(b->pre.deck);
	tmpl_free(b->pre.tmpl);
	free(b->pre.path);
	free(b->pre.deck_path);
	diag_free(b->pre.d);
	for (j = 0; b->res != NULL && j < b->naux + b->njobs; j++) {
		size_t i;

		for (i = 0; i < b->res[j].nmsgs; i++)
			free(b->res[j].msgs[i]);
		free(b->res[j].msgs);
	}
	free(b->res);
	free(b->done);
	strtab_free(b->printed);
	arena_free(b->printed_keys);
	manifest_free(b->man);
	manifest_free(b->prev);
	free(b->jobs);
	arena_free(b->arena);
	passwords_free(b->pw);
	tmpl_free(b->deck_tmpl);
	tmpl_free(b->tmpl);
	aggregates_free(b->agg);
	cycle_free(b->cycle);
	free(b->only);
	free(b->only_norm);
	free(b->docs_norm);
	free(b->root);
	outdir_free(b->out);
	diag_free(b->din);
	diag_free(b->d);
}

/* prepare: everything before the first byte is written: inputs, scores,
 * the plan, passwords, renderers' set-up. 0 or an exit status. */
static int
prepare(struct build *b)
{
	int st = build_parse_docs(b, b->o->docs);

	if (st != 0)
		return st;
	st = load(b);
	if (st != 0)
		return st;
	b->agg = score_cycle(b->cycle, b->din);
	b->arena = arena_new();
	if (b->o->shard_k == 1) {
		/* shard 1 writes the aggregates, on the main thread
		 * beside the renderers, the workbook first as it takes
		 * longest */
		b->aux_path[b->naux++] = "aggregates.xlsx";
		b->aux_path[b->naux++] = "aggregates.json";
		b->aux_path[b->naux++] = "aggregates.csv";
	}
	build_plan(b);
	st = build_check_passwords(b);
	if (st != 0)
		return st;
	b->env.cycle = b->cycle;
	b->env.agg = b->agg;
	b->env.tmpl = b->tmpl;
	b->env.deck_tmpl = b->deck_tmpl;
	if (b->njobs > 0 || b->naux > 0) {     /* fonts; the workbook */
		b->env.scratch = outdir_scratch(b->out, b->d);
		if (b->env.scratch == NULL)
			return EXIT_OUTPUT;
	}
	/* the workbook beside the set-up, unless the set-up is bound to
	 * fail: the error would then wait for it (10 s at 100,000 people) */
	if (b->naux > 0 && (b->njobs == 0 || (b->env.ahead != NULL &&
	    b->pre.fonts_st == 0)))
		build_book_start(b);
	if (b->njobs > 0) {
		/* setup writes font subsets into the scratch folder: a
		 * signal's cleanup waits for it */
		outdir_hold(b->out);
		st = b->r->setup != NULL ? b->r->setup(&b->env, b->d) : 0;
		outdir_release(b->out);
		if (st != 0)
			return EXIT_INPUT;
	}
	if (b->pw != NULL && b->njobs > 0)
		crypt_warm();
	return 0;
}

int
build_run(const struct build_opts *o, const struct renderers *r)
{
	struct build b;
	char name[48];
	double t0 = now_seconds();
	int st;

	memset(&b, 0, sizeof b);
	b.o = o;
	b.r = r;
	b.out = outdir_new(o->shard_k, o->shard_n);
	b.d = diag_new(stderr);
	b.din = diag_new(stderr);
	st = prepare(&b);
	if (st == 0) {
		b.root = xstrdup(o->out != NULL ? o->out :
		    arena_printf(b.arena, "out/%s", b.cycle->id));
		b.man = manifest_new(b.cycle->id, o->shard_k,
		    o->shard_n > 1 ? o->shard_n : 0, b.docs_norm, b.only_norm);
		if (outdir_create(b.out, b.root, b.d) != 0)
			st = EXIT_OUTPUT;
		else {
			read_prev(&b);
			if (outdir_remove(b.out, manifest_file(&b, name,
			    sizeof name), b.d) != 0)
				st = EXIT_OUTPUT;
		}
	}
	if (st == 0)
		st = build_render(&b);
	if (st == 0)
		st = write_manifest(&b);
	if (st == 0)
		closing(&b, t0);
	else if (st == EXIT_OUTPUT && b.root != NULL)
		fprintf(stderr, "revpack: stopped after %zu file%s in %s/; no "
		    "manifest was written, so the folder is incomplete\n",
		    b.nwritten, b.nwritten == 1 ? "" : "s", b.root);
	build_free(&b);
	return st;
}

int
cmd_build(const struct build_opts *o)
{
	return build_run(o, &doc_renderers);
}
