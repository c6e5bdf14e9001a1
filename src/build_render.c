/* build_render.c: runs `revpack build`'s plan: the documents on the
 * worker pool (--jobs renderers), the aggregates (shard 1) on the main
 * thread beside them; each renders into a buffer, encrypts, hashes and
 * writes; the main thread shows the progress and each job's messages in
 * job order. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "emit.h"
#include "jobs.h"
#include "sha256.h"

/* keep_messages: the worker's messages since `from`, copied into res. */
static void
keep_messages(struct result *res, const struct diag *d, size_t from)
{
	size_t i, n = diag_count(d);

	res->nmsgs = n - from;
	res->msgs = res->nmsgs ? xcalloc(res->nmsgs, sizeof *res->msgs) : NULL;
	for (i = from; i < n; i++)
		res->msgs[i - from] = xstrdup(diag_text(d, i, NULL));
}

/* aggregates.json goes to its file a megabyte at a time (100,000 people:
 * 620 MB), hashed on the way. */
struct jsink {
	const struct build *b;
	struct buf buf;
	struct sha256 h;
	uint64_t n;
	int fd, err;
};

static void
json_flush(void *arg, struct buf *out)
{
	struct jsink *s = arg;

	if (s->err == 0 && outfile_put(s->fd, out->p, out->len) != 0)
		s->err = errno;
	sha256_update(&s->h, out->p, out->len);
	s->n += out->len;
	buf_reset(out);
}

static int
json_fill(void *arg, int fd)
{
	struct jsink *s = arg;

	s->fd = fd;
	emit_json(s->b->agg, s->b->din, &s->buf, json_flush, s);
	json_flush(s, &s->buf);
	errno = s->err;
	return s->err != 0 ? -1 : 0;
}

/* write_json: aggregates.json, job k, into its file. 0, or -1 after
 * reporting in d. */
static int
write_json(struct build *b, size_t k, struct diag *d)
{
	struct result *res = &b->res[k];
	struct jsink s;
	unsigned char dg[32];
	int st;

	memset(&s, 0, sizeof s);
	s.b = b;
	buf_init(&s.buf);
	sha256_init(&s.h);
	st = outdir_write_fill(b->out, b->aux_path[k], json_fill, &s, d);
	sha256_final(&s.h, dg);
	sha256_tohex(dg, res->sha256);
	res->bytes = s.n;
	res->pages = -1;
	buf_free(&s.buf);
	return st;
}

/* book: the workbook's thread. It is built in the scratch folder, so a
 * signal's cleanup waits for it; its messages go to a reporter of its
 * own and reach stderr in job order like a worker's. */
static void *
book(void *arg)
{
	struct build *b = arg;

	outdir_hold(b->out);
	b->book.status = emit_xlsx(b->agg, b->tmpl, b->env.has_date ?
	    b->env.epoch : 0, b->env.scratch, &b->book.data, b->book.d);
	outdir_release(b->out);
	return NULL;
}

/* The workbook costs about 0.1 s per 1,000 people (in libxlsxwriter):
 * begun as soon as the scores are known, it runs while the main thread
 * sets up the fonts, when only one core would otherwise be busy. If no
 * thread can start, it is made here and now. */
void
build_book_start(struct build *b)
{
	buf_init(&b->book.data);
	b->book.d = diag_new(NULL);
	side_start(&b->book.side, book, b);
}

/* aggregates: job k < naux: aggregates.csv or .xlsx (never encrypted; no
 * pages). Into data; 0, or -1 after reporting in d. */
static int
aggregates(struct build *b, size_t k, struct buf *data, struct diag *d)
{
	b->res[k].pages = -1;
	if (strcmp(b->aux_path[k], "aggregates.csv") == 0) {
		emit_csv(b->agg, data);
		return 0;
	}
	if (b->book.d == NULL)
		build_book_start(b);
	side_join(&b->book.side);
	diag_merge(d, b->book.d);
	buf_free(data);
	*data = b->book.data;
	buf_init(&b->book.data);
	return b->book.status;
}

/* work: job k: the aggregates (on the main thread), or a document (on a
 * worker): render, encrypt, hash, write. */
static int
work(void *worker, size_t k, void *arg)
{
	struct build *b = arg;
	struct render_ctx *ctx = worker;
	const struct job *job = k < b->naux ? NULL : &b->jobs[k - b->naux];
	struct result *res = &b->res[k];
	size_t from = diag_count(ctx->d);
	struct buf pdf, enc, *data = &pdf;
	int st;

	if (job == NULL && strcmp(b->aux_path[k], "aggregates.json") == 0) {
		res->status = write_json(b, k, ctx->d) != 0 ? -1 : 0;
		keep_messages(res, ctx->d, from);
		return res->status;
	}
	buf_init(&pdf);
	buf_init(&enc);
	ctx->pages = 0;
	if (job == NULL)
		st = aggregates(b, k, &pdf, ctx->d);
	else
		st = b->r->kinds[job->type].render(ctx, job, &pdf);
	if (st == 0 && job != NULL && b->pw != NULL && job->owner != NULL) {
		st = crypt_pdf(pdf.p, pdf.len, passwords_get(b->pw, job->owner),
		    job->path, &enc, ctx->d);
		data = &enc;
		res->encrypted = 1;
	}
	if (st == 0) {
		sha256_hex(data->p, data->len, res->sha256);
		res->bytes = data->len;
		if (job != NULL)
			res->pages = ctx->pages;
		st = outdir_write(b->out, job != NULL ? job->path :
		    b->aux_path[k], data->p, data->len, ctx->d);
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

/* How much a build writes between two flushes while workers render: the
 * manifest's final flush then waits for little more than the last part
 * (on ext4, for 1,000 scorecards, 30 ms of writing back at the end). */
#define FLUSH_EVERY (4u << 20)

/* done: on the main thread as jobs complete: messages in job order, the
 * progress bar, the tally, a flush now and then. */
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
	while (b->next_print < b->naux + b->njobs && b->done[b->next_print])
		show(b, b->next_print++);
	progress_set(b->prog, b->ndone);
	if (b->nbytes - b->flushed >= FLUSH_EVERY) {
		outdir_flush(b->out);
		b->flushed = b->nbytes;
	}
}

/* build_render: the planned jobs on the pool, the aggregates on this
 * thread meanwhile: they are no renderers' work, and the workbook would
 * otherwise hold up a renderer (at --jobs 1, the only one). 0, or
 * EXIT_OUTPUT. */
int
build_render(struct build *b)
{
	int n = b->o->jobs > 0 ? b->o->jobs : jobs_cores(), i;
	size_t total = b->naux + b->njobs, j;
	struct render_ctx *ctx, own = { 0 };
	void **workers;

	if (total == 0)
		return 0;
	if ((size_t)n > b->njobs)
		n = b->njobs > 0 ? (int)b->njobs : 1;
	ctx = xcalloc((size_t)n, sizeof *ctx);
	workers = xcalloc((size_t)n, sizeof *workers);
	for (i = 0; i < n; i++) {
		ctx[i].env = &b->env;
		ctx[i].d = diag_new(NULL);
		ctx[i].index = i;
		/* no documents: the renderers were not set up */
		if (b->r->worker_new != NULL && b->njobs > 0)
			ctx[i].worker = b->r->worker_new(&b->env, b->d);
		workers[i] = &ctx[i];
	}
	b->res = xcalloc(total, sizeof *b->res);
	b->done = xcalloc(total, 1);
	b->printed = strtab_new(0);
	b->printed_keys = arena_new();
	b->prog = progress_new(stderr, total, !b->o->quiet);
	own.env = &b->env;
	own.d = diag_new(NULL);
	own.index = n;
	pool_run(total, workers, n, b->naux, &own, work, done, b, 1);
	diag_free(own.d);
	for (j = b->next_print; j < total; j++)
		if (b->done[j])
			show(b, j);
	progress_free(b->prog);
	b->prog = NULL;
	for (i = 0; i < n; i++) {
		if (b->r->worker_free != NULL && ctx[i].worker != NULL)
			b->r->worker_free(ctx[i].worker);
		diag_free(ctx[i].d);
	}
	free(ctx);
	free(workers);
	return b->failed ? EXIT_OUTPUT : 0;
}
