/* jobs.c: the worker pool (threads take jobs in index order and report
 * completions to the calling thread) and the stable shard hash. */
#define _GNU_SOURCE             /* sched_getaffinity, CPU_COUNT */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "jobs.h"
#include "util.h"

uint64_t
shard_hash(const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)id; *p != '\0'; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h;
}

int
shard_of(const char *id, int n)
{
	if (n <= 1)
		return 1;
	return (int)(shard_hash(id) % (uint64_t)n) + 1;
}

int
jobs_cores(void)
{
	cpu_set_t set;
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	/* The processors this process may run on: fewer than are online
	 * under taskset, a Slurm allocation or a container's cpuset. */
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		n = CPU_COUNT(&set);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* The pool's shared state; every field below `lock` is guarded by it. */
struct pool {
	size_t njobs;
	pool_work_fn work;
	void *arg;
	int stop_on_error;
	pthread_mutex_t lock;
	pthread_cond_t changed;         /* a worker left */
	size_t next;                    /* next job to hand out */
	int stop;                       /* a job failed: hand out no more */
	size_t *doneq;                  /* completed jobs, in completion order */
	int *status;                    /* [njobs] */
	size_t qhead, qtail;
	int running;                    /* workers that have not left */
};

struct worker {
	struct pool *pool;
	void *ctx;
};

/* take: the next job for a worker, or 0 when there is none. */
static int
take(struct pool *p, size_t *job)
{
	int ok;

	pthread_mutex_lock(&p->lock);
	ok = !p->stop && p->next < p->njobs;
	if (ok)
		*job = p->next++;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	size_t job;

	while (take(p, &job)) {
		int st = p->work(w->ctx, job, p->arg);

		/* No wake-up per job: the calling thread looks at the queue
		 * DRAIN_MS apart (a wake-up per job cost two context switches
		 * and a few futex calls a document). */
		pthread_mutex_lock(&p->lock);
		p->status[job] = st;
		p->doneq[p->qtail++] = job;
		if (st != 0 && p->stop_on_error)
			p->stop = 1;
		pthread_mutex_unlock(&p->lock);
	}
	pthread_mutex_lock(&p->lock);
	p->running--;
	pthread_cond_signal(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* How often the calling thread hands completed jobs to `done` while
 * workers run (the progress bar is redrawn ten times a second). */
#define DRAIN_MS 50

/* hand_off: hands the jobs completed so far to done, on the calling
 * thread. Called with the lock held. */
static void
hand_off(struct pool *p, pool_done_fn done)
{
	while (p->qhead < p->qtail) {
		size_t job = p->doneq[p->qhead++];
		int st = p->status[job];

		pthread_mutex_unlock(&p->lock);
		if (done != NULL)
			done(p->arg, job, st);
		pthread_mutex_lock(&p->lock);
	}
}

/* drain: hands completed jobs to done, on the calling thread, until every
 * worker has left and the queue is empty. Called with the lock held. */
static void
drain(struct pool *p, pool_done_fn done)
{
	for (;;) {
		struct timespec until;

		hand_off(p, done);
		if (p->running == 0)
			return;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += DRAIN_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p->changed, &p->lock, &until);
	}
}

/* run_own: jobs 0 .. nown-1 on the calling thread, with context own, while
 * the workers take the others. Called with the lock held. */
static void
run_own(struct pool *p, size_t nown, void *own, pool_done_fn done)
{
	size_t job;

	for (job = 0; job < nown && !p->stop; job++) {
		int st;

		pthread_mutex_unlock(&p->lock);
		st = p->work(own, job, p->arg);
		pthread_mutex_lock(&p->lock);
		p->status[job] = st;
		p->doneq[p->qtail++] = job;
		if (st != 0 && p->stop_on_error)
			p->stop = 1;
		hand_off(p, done);
	}
}

size_t
pool_run(size_t njobs, void **workers, int nworkers, size_t nown, void *own,
    pool_work_fn work, pool_done_fn done, void *arg, int stop_on_error)
{
	struct pool p = { 0 };
	pthread_condattr_t ca;
	struct worker *w;
	pthread_t *tids;
	int i, started = 0;
	size_t ran;

	if (nworkers < 1)
		nworkers = 1;
	p.njobs = njobs;
	p.work = work;
	p.arg = arg;
	p.stop_on_error = stop_on_error;
	if (nown > njobs)
		nown = njobs;
	p.next = nown;
	p.doneq = xcalloc(njobs + 1, sizeof *p.doneq);
	p.status = xcalloc(njobs + 1, sizeof *p.status);
	pthread_mutex_init(&p.lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p.changed, &ca);
	pthread_condattr_destroy(&ca);
	w = xcalloc((size_t)nworkers, sizeof *w);
	tids = xcalloc((size_t)nworkers, sizeof *tids);
	pthread_mutex_lock(&p.lock);
	for (i = 0; i < nworkers; i++) {
		w[i].pool = &p;
		w[i].ctx = workers[i];
		if (pthread_create(&tids[started], NULL, worker_main, &w[i]) != 0)
			break;
		started++;
		p.running++;
	}
	run_own(&p, nown, own, done);
	if (started == 0) {
		/* No thread at all: the calling thread is the worker. */
		p.running = 1;
		pthread_mutex_unlock(&p.lock);
		worker_main(&w[0]);
		pthread_mutex_lock(&p.lock);
	}
	drain(&p, done);
	ran = p.qtail;
	pthread_mutex_unlock(&p.lock);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	free(tids);
	free(w);
	free(p.doneq);
	free(p.status);
	return ran;
}

void
side_start(struct side *s, void *(*fn)(void *), void *arg)
{
	s->started = pthread_create(&s->thread, NULL, fn, arg) == 0;
	if (!s->started)
		fn(arg);
}

void
side_join(struct side *s)
{
	if (s->started) {
		pthread_join(s->thread, NULL);
		s->started = 0;
	}
}
