/* in_xlsx_pipe.c: xlsx_next over a reading thread, so that expat's
 * parsing of the sheet (most of an .xlsx file's cost) overlaps the
 * caller's work on the rows it already has.
 *
 * The thread pulls rows with xlsx_pull and copies them into batches
 * (cell texts in one buffer; shared strings, which do not move, by
 * pointer); xlsx_next hands the rows of one batch out and gives the batch
 * back at the next call, so a row stays valid until then. NBATCH batches
 * of about BATCH_BYTES bound the memory. The thread reports into its own
 * struct diag (a diag is not shared between threads), merged into the
 * caller's when the caller reaches the end of the rows: messages keep
 * their order, as the thread stops at its first error. When no thread can
 * be started, xlsx_next pulls rows itself. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "in_xlsx_int.h"
#include "zipfile.h"

#define NBATCH 3
#define BATCH_BYTES (256 * 1024)
#define BATCH_CELLS 65536

struct pcell {
	const char *p;          /* a shared string, or NULL: bytes + off */
	size_t off, len;
};

struct prow {
	int row;
	size_t first, n;        /* its cells: c[first .. first + n) */
};

struct batch {
	struct buf bytes;
	struct pcell *c;
	size_t nc, capc;
	struct prow *r;
	size_t nr, capr;
	int end;                /* after its rows: 0 more, 1 end, -1 failed */
};

struct xlsx_pipe {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct batch b[NBATCH];
	int ready[NBATCH];      /* filled, not yet handed out, in order */
	size_t head, nready;    /* ready batches: b[head], b[head+1], ... */
	int busy[NBATCH];       /* being filled or read */
	int cancel;
	struct diag *own;       /* the thread's reports */
	struct diag *user;      /* the caller's */
	struct batch *cur;      /* being read by xlsx_next */
	size_t next;            /* its next row */
	const char **cells;     /* [XLSX_MAX_COLS]: the row handed out */
	size_t *lens;
	int end;                /* the caller has seen the end */
};

/* take: the row x->cells[0..x->n) into batch b (texts copied unless they
 * are shared strings). */
static void
take(struct xlsx *x, struct batch *b)
{
	const char *lo = x->sst.p, *hi = lo != NULL ? lo + x->sst.len : NULL;
	struct pcell *c;
	size_t i;

	XGROW(b->r, b->capr, b->nr + 1);
	b->r[b->nr].row = x->row;
	b->r[b->nr].first = b->nc;
	b->r[b->nr++].n = x->n;
	XGROW(b->c, b->capc, b->nc + x->n);
	for (i = 0; i < x->n; i++) {
		c = &b->c[b->nc++];
		c->len = x->lens[i];
		if (lo != NULL && x->cells[i] >= lo && x->cells[i] < hi)
			c->p = x->cells[i];
		else {
			c->p = NULL;
			c->off = b->bytes.len;
			buf_put(&b->bytes, x->cells[i], x->lens[i]);
			buf_putc(&b->bytes, '\0');
		}
	}
}

static void *
worker(void *arg)
{
	struct xlsx *x = arg;
	struct xlsx_pipe *p = x->pipe;
	struct batch *b;
	int i, r = 1;

	while (r == 1) {
		pthread_mutex_lock(&p->lock);
		for (;;) {
			for (i = 0; i < NBATCH && p->busy[i]; i++)
				;
			if (p->cancel || i < NBATCH)
				break;
			pthread_cond_wait(&p->changed, &p->lock);
		}
		if (p->cancel) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		p->busy[i] = 1;
		pthread_mutex_unlock(&p->lock);
		b = &p->b[i];
		buf_reset(&b->bytes);
		b->nc = b->nr = 0;
		b->end = 0;
		while (b->bytes.len < BATCH_BYTES && b->nc < BATCH_CELLS) {
			r = xlsx_pull(x);
			if (r != 1)
				break;
			take(x, b);
		}
		b->end = r == 1 ? 0 : r == 0 ? 1 : -1;
		pthread_mutex_lock(&p->lock);
		p->ready[(p->head + p->nready++) % NBATCH] = i;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

/* start: the reading thread; 0 when it could not be started (then
 * xlsx_next pulls rows itself). */
static int
start(struct xlsx *x)
{
	struct xlsx_pipe *p = xcalloc(1, sizeof *p);
	int i;

	for (i = 0; i < NBATCH; i++)
		buf_init(&p->b[i].bytes);
	p->own = diag_new(NULL);
	p->user = x->d;
	p->cells = xcalloc(XLSX_MAX_COLS, sizeof *p->cells);
	p->lens = xcalloc(XLSX_MAX_COLS, sizeof *p->lens);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	x->pipe = p;
	x->d = p->own;
	zipin_set_diag(x->zip, p->own);
	if (pthread_create(&p->thread, NULL, worker, x) != 0) {
		x->d = p->user;
		zipin_set_diag(x->zip, p->user);
		x->pipe = NULL;
		xlsx_pipe_free(p);
		return 0;
	}
	return 1;
}

/* finish: joins the thread and hands its messages to the caller's diag. */
static void
finish(struct xlsx *x)
{
	struct xlsx_pipe *p = x->pipe;

	pthread_join(p->thread, NULL);
	x->d = p->user;
	zipin_set_diag(x->zip, p->user);
	diag_merge(p->user, p->own);
	p->end = 1;
}

int
xlsx_next(struct xlsx *x, const char *const **cells, const size_t **lens,
    size_t *n, int *row)
{
	struct xlsx_pipe *p = x->pipe;
	const struct prow *pr;
	const struct pcell *c;
	size_t i;
	int end;

	if (p == NULL && (x->p == NULL || x->failed || !start(x)))
		return xlsx_pull_row(x, cells, lens, n, row);
	p = x->pipe;
	if (p->end)
		return 0;
	while (p->cur == NULL || p->next == p->cur->nr) {
		end = p->cur != NULL ? p->cur->end : 0;
		pthread_mutex_lock(&p->lock);
		if (p->cur != NULL)
			p->busy[p->cur - p->b] = 0;
		p->cur = NULL;
		pthread_cond_broadcast(&p->changed);
		if (end != 0) {
			pthread_mutex_unlock(&p->lock);
			finish(x);
			return end < 0 ? -1 : 0;
		}
		while (p->nready == 0)
			pthread_cond_wait(&p->changed, &p->lock);
		p->cur = &p->b[p->ready[p->head]];
		p->head = (p->head + 1) % NBATCH;
		p->nready--;
		pthread_mutex_unlock(&p->lock);
		p->next = 0;
	}
	pr = &p->cur->r[p->next++];
	for (i = 0; i < pr->n; i++) {
		c = &p->cur->c[pr->first + i];
		p->cells[i] = c->p != NULL ? c->p : p->cur->bytes.p + c->off;
		p->lens[i] = c->len;
	}
	*cells = p->cells;
	*lens = p->lens;
	*n = pr->n;
	*row = pr->row;
	return 1;
}

void
xlsx_pipe_stop(struct xlsx *x)
{
	struct xlsx_pipe *p = x->pipe;

	if (p == NULL)
		return;
	if (!p->end) {
		pthread_mutex_lock(&p->lock);
		p->cancel = 1;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->thread, NULL);
		/* stopped early: what it found is not the caller's concern */
		x->d = p->user;
		zipin_set_diag(x->zip, p->user);
	}
	x->pipe = NULL;
	xlsx_pipe_free(p);
}

void
xlsx_pipe_free(struct xlsx_pipe *p)
{
	int i;

	for (i = 0; i < NBATCH; i++) {
		buf_free(&p->b[i].bytes);
		free(p->b[i].c);
		free(p->b[i].r);
	}
	diag_free(p->own);
	free(p->cells);
	free(p->lens);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p);
}
