/* cmd_build.c: `revpack build`: load and check every input, score, write
 * the aggregates, plan the documents, render them on the worker pool
 * (encrypting with --passwords), and write the manifest last. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "crypt.h"
#include "emit.h"
#include "jobs.h"
#include "load.h"
#include "manifest.h"
#include "outfile.h"
#include "progress.h"
#include "render.h"
#include "score.h"
#include "sha256.h"
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
	int errors;
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
	char *docs_norm, *only_norm;
	unsigned char *only;            /* [npeople]; NULL: everyone */
	struct job *jobs;
	size_t njobs, cap;
	struct result *res;
	struct arena *arena;            /* job paths */
	struct render_env env;
	struct manifest *man;
	/* the main thread's view of the pool */
	struct progress *prog;
	unsigned char *done;
	size_t next_print, ndone;
	struct strtab *printed;         /* messages already shown */
	struct arena *printed_keys;
	int failed;
	size_t nwritten;
	uint64_t nbytes;
};

/* --- the command line's lists --- */

/* parse_docs: --docs into b->sel and b->docs_norm (canonical order).
 * Returns 0, or EXIT_USAGE after saying what is wrong. */
static int
parse_docs(struct build *b, const char *list)
{
	int want[16] = { 0 };
	const char *p = list;
	struct buf norm;
	size_t i, t;

	if (list == NULL) {
		for (i = 0; i < ndoc_names; i++)
			want[i] = 1;
	}
	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, ",");
		char *name = xstrndup(p, n);

		for (i = 0; i < ndoc_names; i++)
			if (strcmp(name, doc_names[i]) == 0)
				break;
		if (i == ndoc_names) {
			const char *hint = str_suggest(name, doc_names, ndoc_names);

			fprintf(stderr, "revpack: --docs: unknown document \"%s\"%s%s%s; "
			    "expected a comma list of scorecard, coaching, form, "
			    "packet, team, org, handout, deck\n", name,
			    hint ? "; did you mean \"" : "", hint ? hint : "",
			    hint ? "\"?" : "");
			free(name);
			return EXIT_USAGE;
		}
		want[i] = 1;
		free(name);
		p += n;
		if (*p == ',')
			p++;
	}
	buf_init(&norm);
	buf_puts(&norm, "");
	for (i = 0; i < ndoc_names; i++) {
		if (!want[i])
			continue;
		if (norm.len > 0)
			buf_putc(&norm, ',');
		buf_puts(&norm, doc_names[i]);
		for (t = 0; t < NDOC_TYPES; t++)
			if (strcmp(b->r->kinds[t].doc, doc_names[i]) == 0)
				b->sel[t] = 1;
	}
	b->docs_norm = buf_detach(&norm, NULL);
	return 0;
}

/* parse_only: --only ids into b->only and b->only_norm (roster order).
 * Unknown or empty ids are errors (in b->d). */
static void
parse_only(struct build *b, const char *list)
{
	const struct cycle *c = b->cycle;
	const char *p = list;
	struct buf norm;
	const char **ids;
	size_t i;

	if (list == NULL)
		return;
	b->only = xcalloc(c->npeople + 1, 1);
	ids = xcalloc(c->npeople + 1, sizeof *ids);
	for (i = 0; i < c->npeople; i++)
		ids[i] = c->people[i].id;
	for (;;) {
		size_t n = strcspn(p, ",");
		char *id = xstrndup(p, n);
		int who = cycle_person(c, id);

		if (who >= 0)
			b->only[who] = 1;
		else if (n == 0)
			diag_error(b->d, NULL, "--only: an empty id in \"%s\"; "
			    "expected a comma list of person ids", list);
		else {
			const char *hint = str_suggest(id, ids, c->npeople);

			diag_error(b->d, NULL, "--only: \"%s\" is not in the "
			    "roster%s%s%s", id, hint ? "; did you mean \"" : "",
			    hint ? hint : "", hint ? "\"?" : "");
		}
		free(id);
		p += n;
		if (*p != ',')
			break;
		p++;
	}
	free(ids);
	buf_init(&norm);
	buf_puts(&norm, "");
	for (i = 0; i < c->npeople; i++) {
		if (!b->only[i])
			continue;
		if (norm.len > 0)
			buf_putc(&norm, ',');
		buf_puts(&norm, c->people[i].id);
	}
	b->only_norm = buf_detach(&norm, NULL);
}

/* --- PDF dates --- */

/* days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
static long long
days_from_civil(long y, long m, long d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* pdf_date: SOURCE_DATE_EPOCH when set, else the review date at 00:00
 * UTC, else none. A malformed SOURCE_DATE_EPOCH is an error. */
static void
pdf_date(struct build *b)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	const char *rd = b->cycle->review_date;
	long v = 0;

	if (sde != NULL && *sde != '\0') {
		if (!parse_long(sde, strlen(sde), &v) || v < 0)
			diag_error(b->d, NULL, "SOURCE_DATE_EPOCH \"%s\": expected "
			    "a whole number of seconds since 1970-01-01", sde);
		b->env.has_date = 1;
		b->env.epoch = v;
		return;
	}
	if (rd != NULL && strlen(rd) == 10) {
		long y = strtol(rd, NULL, 10), m = strtol(rd + 5, NULL, 10),
		    d = strtol(rd + 8, NULL, 10);

		b->env.has_date = 1;
		b->env.epoch = days_from_civil(y, m, d) * 86400;
	}
}

/* --- loading: every input checked before anything is written --- */

static struct tmpl *
load_deck_template(struct build *b)
{
	const struct cycle *c = b->cycle;
	const char *slash;
	struct buf path;
	struct tmpl *t = NULL;
	FILE *f;

	if (c->deck_template_path != NULL)
		return tmpl_load(c->deck_template_path, b->d);
	/* SPEC.md: default slides.yaml beside `template`. */
	buf_init(&path);
	slash = strrchr(c->template_path, '/');
	if (slash != NULL)
		buf_put(&path, c->template_path,
		    (size_t)(slash - c->template_path) + 1);
	buf_puts(&path, "slides.yaml");
	f = fopen(path.p, "r");
	if (f != NULL) {
		fclose(f);
		t = tmpl_load(path.p, b->d);
	}
	buf_free(&path);
	return t;
}

/* load: the cycle, its templates, --only, --passwords, the PDF date.
 * Returns 0, or EXIT_INPUT after every problem was reported. */
static int
load(struct build *b)
{
	size_t before;

	b->cycle = cycle_load(b->o->cycle, b->din);
	if (b->cycle == NULL)
		return EXIT_INPUT;
	before = diag_errors(b->d);
	b->tmpl = tmpl_load(b->cycle->template_path, b->d);
	if (b->sel[DOC_DECK] && b->tmpl != NULL)
		b->deck_tmpl = load_deck_template(b);
	parse_only(b, b->o->only);
	if (b->o->passwords != NULL)
		b->pw = passwords_load(b->o->passwords, b->cycle->person_ids,
		    b->d);
	pdf_date(b);
	/* A loader that returned NULL has reported why. */
	if (b->tmpl == NULL || (b->o->passwords != NULL && b->pw == NULL) ||
	    (b->deck_tmpl == NULL && b->sel[DOC_DECK] &&
	    b->cycle->deck_template_path != NULL) ||
	    diag_errors(b->d) > before || diag_errors(b->din) > 0)
		return EXIT_INPUT;
	return 0;
}

/* --- the plan --- */

static void
add_job(struct build *b, enum doc_type type, int who, const char *path,
    const char *subject, const char *owner)
{
	struct job *j;

	XGROW(b->jobs, b->cap, b->njobs + 1);
	j = &b->jobs[b->njobs];
	j->type = type;
	j->who = who;
	j->path = path;
	j->subject = subject;
	j->owner = owner;
	j->seq = b->njobs++;
}

/* wanted: type is selected and can be rendered. */
static int
wanted(const struct build *b, enum doc_type t)
{
	return b->sel[t] && b->r->kinds[t].render != NULL;
}

/* plan_group: the rubric, organisation and department documents
 * (written by shard 1, and not with --only). */
static void
plan_group(struct build *b)
{
	const struct cycle *c = b->cycle;
	size_t i;
	int t;

	if (b->o->shard_k != 1 || b->only != NULL)
		return;
	for (t = 0; t < NDOC_TYPES; t++) {
		const struct doc_kind *k = &b->r->kinds[t];

		if (!wanted(b, (enum doc_type)t))
			continue;
		if (k->scope == SCOPE_RUBRIC)
			add_job(b, k->type, -1, k->file, NULL, NULL);
		else if (k->scope == SCOPE_ORG)
			add_job(b, k->type, -1, k->file, NULL, "*");
		else if (k->scope == SCOPE_DEPT && c->ndepts > 1)
			for (i = 0; i < c->ndepts; i++)
				add_job(b, k->type, (int)i, arena_printf(b->arena,
				    "%s/%s.pdf", k->file, c->depts[i].slug), NULL,
				    "*");
	}
}

/* plan_person: person p's files, then (for a manager) the team files,
 * in table order. */
static void
plan_person(struct build *b, size_t p)
{
	const struct person *pe = &b->cycle->people[p];
	int t;

	for (t = 0; t < NDOC_TYPES; t++) {
		const struct doc_kind *k = &b->r->kinds[t];

		if (!wanted(b, (enum doc_type)t) || k->scope != SCOPE_PERSON)
			continue;
		if (k->rated_only && b->agg->people[p].rated == 0)
			continue;
		add_job(b, k->type, (int)p, arena_printf(b->arena,
		    "people/%s/%s", pe->id, k->file), pe->id, pe->id);
	}
	if (pe->nreports == 0)
		return;
	for (t = 0; t < NDOC_TYPES; t++) {
		const struct doc_kind *k = &b->r->kinds[t];

		if (wanted(b, (enum doc_type)t) && k->scope == SCOPE_MANAGER)
			add_job(b, k->type, (int)p, arena_printf(b->arena,
			    "managers/%s/%s", pe->id, k->file), pe->id, pe->id);
	}
}

/* note_unavailable: one warning naming the selected document kinds this
 * build has no renderer for (until every renderer has landed). */
static void
note_unavailable(struct build *b)
{
	struct buf names;
	size_t i;
	int t, miss;

	buf_init(&names);
	for (i = 0; i < ndoc_names; i++) {
		for (miss = 0, t = 0; t < NDOC_TYPES; t++)
			if (b->sel[t] && b->r->kinds[t].render == NULL &&
			    strcmp(b->r->kinds[t].doc, doc_names[i]) == 0)
				miss = 1;
		if (miss)
			buf_printf(&names, "%s%s", names.len ? ", " : "",
			    doc_names[i]);
	}
	if (names.len > 0)
		diag_warning(b->d, NULL, "this build of revpack cannot render "
		    "these documents yet, so none were written: %s", names.p);
	buf_free(&names);
}

/* plan: every file this run renders, in a fixed order: the group
 * documents, then each person in roster order. A person's and a
 * manager's files go to the shard of their id. */
static void
plan(struct build *b)
{
	size_t p;

	plan_group(b);
	for (p = 0; p < b->cycle->npeople; p++) {
		if (b->only != NULL && !b->only[p])
			continue;
		if (shard_of(b->cycle->people[p].id, b->o->shard_n) !=
		    b->o->shard_k)
			continue;
		plan_person(b, p);
	}
	note_unavailable(b);
}

/* check_passwords: with --passwords, every owner of a planned file has a
 * password; else one error naming every missing id. */
static int
check_passwords(struct build *b)
{
	struct strtab *seen;
	struct buf miss;
	size_t i, n = 0;

	if (b->pw == NULL)
		return 0;
	seen = strtab_new(0);
	buf_init(&miss);
	for (i = 0; i < b->njobs; i++) {
		const char *o = b->jobs[i].owner;

		if (o == NULL || passwords_get(b->pw, o) != NULL ||
		    strtab_put(seen, o, strlen(o), 1) >= 0)
			continue;
		buf_printf(&miss, "%s%s", n++ > 0 ? ", " : "", o);
	}
	if (n > 0)
		diag_error(b->d, NULL, "--passwords %s: no password for %zu "
		    "id%s whose files are to be encrypted: %s%s", b->o->passwords,
		    n, n == 1 ? "" : "s", miss.p, strtab_gets(seen, "*") >= 0 ?
		    " (* is the row for the organisation and department "
		    "summaries)" : "");
	buf_free(&miss);
	strtab_free(seen);
	return n > 0 ? EXIT_INPUT : 0;
}

/* --- rendering on the pool --- */

/* keep_messages: the worker's messages since `from`, copied into res. */
static void
keep_messages(struct result *res, const struct diag *d, size_t from)
{
	size_t i, n = diag_count(d);

	res->nmsgs = n - from;
	res->msgs = res->nmsgs ? xcalloc(res->nmsgs, sizeof *res->msgs) : NULL;
	for (i = from; i < n; i++) {
		enum diag_sev sev;

		res->msgs[i - from] = xstrdup(diag_text(d, i, &sev));
		if (sev == DIAG_ERROR)
			res->errors++;
	}
}

/* work: one job on a worker: render, encrypt, hash, write. */
static int
work(void *worker, size_t j, void *arg)
{
	struct build *b = arg;
	struct render_ctx *ctx = worker;
	const struct job *job = &b->jobs[j];
	struct result *res = &b->res[j];
	size_t from = diag_count(ctx->d);
	struct buf pdf, enc, *data = &pdf;
	int st;

	buf_init(&pdf);
	buf_init(&enc);
	ctx->pages = 0;
	st = b->r->kinds[job->type].render(ctx, job, &pdf);
	if (st == 0 && b->pw != NULL && job->owner != NULL) {
		st = crypt_pdf(pdf.p, pdf.len, passwords_get(b->pw, job->owner),
		    job->path, &enc, ctx->d);
		data = &enc;
		res->encrypted = 1;
	}
	if (st == 0) {
		sha256_hex(data->p, data->len, res->sha256);
		res->bytes = data->len;
		res->pages = ctx->pages;
		st = outdir_write(b->out, job->path, data->p, data->len, ctx->d);
	}
	buf_free(&pdf);
	buf_free(&enc);
	res->status = st != 0 ? -1 : 0;
	keep_messages(res, ctx->d, from);
	return res->status;
}

/* show: job j's messages on stderr, each text once per run, so that what
 * is printed does not depend on which worker ran what. */
static void
show(struct build *b, size_t j)
{
	struct result *res = &b->res[j];
	size_t i;

	for (i = 0; i < res->nmsgs; i++) {
		const char *m = res->msgs[i];

		if (strtab_put(b->printed, arena_strdup(b->printed_keys, m),
		    strlen(m), 1) < 0) {
			progress_clear(b->prog);
			fprintf(stderr, "%s\n", m);
		}
		free(res->msgs[i]);
	}
	free(res->msgs);
	res->msgs = NULL;
	res->nmsgs = 0;
}

/* done: on the main thread as jobs complete: messages in job order, the
 * progress bar, the tally. */
static void
done(void *arg, size_t j, int status)
{
	struct build *b = arg;

	b->done[j] = 1;
	b->ndone++;
	if (status != 0)
		b->failed = 1;
	else {
		b->nwritten++;
		b->nbytes += b->res[j].bytes;
	}
	while (b->next_print < b->njobs && b->done[b->next_print])
		show(b, b->next_print++);
	progress_set(b->prog, b->ndone);
}

/* render_all: the planned jobs on the pool. 0, or EXIT_OUTPUT. */
static int
render_all(struct build *b)
{
	int n = b->o->jobs > 0 ? b->o->jobs : jobs_cores(), i;
	struct render_ctx *ctx;
	void **workers;
	size_t j;

	if (b->njobs == 0)
		return 0;
	if ((size_t)n > b->njobs)
		n = (int)b->njobs;
	ctx = xcalloc((size_t)n, sizeof *ctx);
	workers = xcalloc((size_t)n, sizeof *workers);
	for (i = 0; i < n; i++) {
		ctx[i].env = &b->env;
		ctx[i].d = diag_new(NULL);
		ctx[i].index = i;
		if (b->r->worker_new != NULL)
			ctx[i].worker = b->r->worker_new(&b->env, b->d);
		workers[i] = &ctx[i];
	}
	b->res = xcalloc(b->njobs, sizeof *b->res);
	b->done = xcalloc(b->njobs, 1);
	b->printed = strtab_new(0);
	b->printed_keys = arena_new();
	b->prog = progress_new(stderr, b->njobs, !b->o->quiet);
	pool_run(b->njobs, workers, n, work, done, b, 1);
	for (j = b->next_print; j < b->njobs; j++)
		if (b->done[j])
			show(b, j);
	progress_free(b->prog);
	b->prog = NULL;
	for (i = 0; i < n; i++) {
		if (b->r->worker_free != NULL)
			b->r->worker_free(ctx[i].worker);
		diag_free(ctx[i].d);
	}
	free(ctx);
	free(workers);
	return b->failed ? EXIT_OUTPUT : 0;
}

/* --- writing --- */

/* put: one file the main thread writes (aggregates; the manifest, which
 * is listed nowhere and committed: written last, after a sync). */
static int
put(struct build *b, const char *rel, struct buf *data, int listed)
{
	char sha[65];
	int st = listed ? outdir_write(b->out, rel, data->p, data->len, b->d) :
	    outdir_commit(b->out, rel, data->p, data->len, b->d);

	if (st != 0)
		return EXIT_OUTPUT;
	b->nwritten++;
	b->nbytes += data->len;
	if (listed) {
		sha256_hex(data->p, data->len, sha);
		manifest_add(b->man, rel, sha, data->len, -1, NULL, 0);
	}
	return 0;
}

/* write_aggregates: aggregates.json and .csv (shard 1 only). */
static int
write_aggregates(struct build *b)
{
	struct buf json, csv;
	int st;

	if (b->o->shard_k != 1)
		return 0;
	buf_init(&json);
	buf_init(&csv);
	emit_json(b->agg, b->din, &json);
	emit_csv(b->agg, &csv);
	st = put(b, "aggregates.json", &json, 1);
	if (st == 0)
		st = put(b, "aggregates.csv", &csv, 1);
	buf_free(&json);
	buf_free(&csv);
	return st;
}

static const char *
manifest_file(const struct build *b, char *name, size_t size)
{
	if (b->o->shard_n <= 1)
		return "manifest.json";
	return manifest_part_name(b->o->shard_k, b->o->shard_n, name, size);
}

/* write_manifest: the rendered files and the aggregates, path order. */
static int
write_manifest(struct build *b)
{
	char name[48];
	struct buf out;
	size_t j;
	int st;

	for (j = 0; j < b->njobs; j++) {
		const struct result *r = &b->res[j];

		manifest_add(b->man, b->jobs[j].path, r->sha256, r->bytes,
		    r->pages, b->jobs[j].subject, r->encrypted);
	}
	manifest_sort(b->man);
	buf_init(&out);
	manifest_emit(b->man, &out);
	st = put(b, manifest_file(b, name, sizeof name), &out, 0);
	buf_free(&out);
	return st;
}

/* closing: what was written, where and how long it took (stderr only). */
static void
closing(const struct build *b, double t0)
{
	if (b->o->quiet)
		return;
	fprintf(stderr, "revpack: wrote %zu file%s (", b->nwritten,
	    b->nwritten == 1 ? "" : "s");
	if (b->nbytes < 1000000)
		fprintf(stderr, "%.1f kB", (double)b->nbytes / 1e3);
	else
		fprintf(stderr, "%.1f MB", (double)b->nbytes / 1e6);
	fprintf(stderr, ") to %s/", b->root);
	if (b->o->shard_n > 1)
		fprintf(stderr, " as shard %d of %d", b->o->shard_k,
		    b->o->shard_n);
	fprintf(stderr, " in %.1f s\n", now_seconds() - t0);
}

/* --- the command --- */

static void
build_free(struct build *b)
{
	size_t j;

	if (b->r->teardown != NULL && b->env.shared != NULL)
		b->r->teardown(&b->env);
	for (j = 0; b->res != NULL && j < b->njobs; j++) {
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
	int st = parse_docs(b, b->o->docs);

	if (st != 0)
		return st;
	st = load(b);
	if (st != 0)
		return st;
	b->agg = score_cycle(b->cycle, b->din);
	b->arena = arena_new();
	plan(b);
	st = check_passwords(b);
	if (st != 0)
		return st;
	b->env.cycle = b->cycle;
	b->env.agg = b->agg;
	b->env.tmpl = b->tmpl;
	b->env.deck_tmpl = b->deck_tmpl;
	if (b->njobs > 0) {
		b->env.scratch = outdir_scratch(b->out, b->d);
		if (b->env.scratch == NULL)
			return EXIT_OUTPUT;
		if (b->r->setup != NULL && b->r->setup(&b->env, b->d) != 0)
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
		if (outdir_create(b.out, b.root, b.d) != 0 ||
		    outdir_remove(b.out, manifest_file(&b, name, sizeof name),
		    b.d) != 0)
			st = EXIT_OUTPUT;
	}
	if (st == 0)
		st = write_aggregates(&b);
	if (st == 0)
		st = render_all(&b);
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
