/* test_jobs.c: the shard hash (FNV-1a 64 reference values, spread,
 * stability) and the worker pool (every job once, completions on the
 * calling thread, per-worker contexts, stop on error). */
#define _GNU_SOURCE             /* sched_setaffinity */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "check.h"
#include "jobs.h"

static void
test_fnv1a_reference_values(void)
{
	/* From the FNV reference (Noll's test vectors). */
	CHECK(shard_hash("") == 0xcbf29ce484222325ULL);
	CHECK(shard_hash("a") == 0xaf63dc4c8601ec8cULL);
	CHECK(shard_hash("foobar") == 0x85944171f73967e8ULL);
}

static void
test_shard_of_range_and_spread(void)
{
	int count[8] = { 0 };
	char id[32];
	int i, k;

	for (i = 0; i < 8000; i++) {
		snprintf(id, sizeof id, "emp-%05d", i);
		k = shard_of(id, 8);
		CHECK(k >= 1 && k <= 8);
		CHECK_INT(k, (int)(shard_hash(id) % 8) + 1);
		count[k - 1]++;
	}
	for (k = 0; k < 8; k++)         /* 1000 expected each */
		CHECK(count[k] > 850 && count[k] < 1150);
	CHECK_INT(shard_of("anyone", 1), 1);
}

/* Case matters (ids are exact), and a one-byte change moves the hash. */
static void
test_shard_hash_distinguishes(void)
{
	CHECK(shard_hash("Ana") != shard_hash("ana"));
	CHECK(shard_hash("p1") != shard_hash("p2"));
}

struct wctx {
	int id;
	int jobs;                       /* jobs this worker ran */
};

struct run {
	int *result;                    /* [n]: which worker + 1 */
	int own_id;                     /* the calling thread's context's id */
	int own_on_other_thread;
	int *done_calls;                /* [n] */
	pthread_t caller;
	int done_on_other_thread;
	size_t fail_at;                 /* job that fails, or (size_t)-1 */
};

static int
work(void *worker, size_t job, void *arg)
{
	struct wctx *w = worker;
	struct run *r = arg;

	w->jobs++;
	r->result[job] += w->id + 1;
	if (w->id == r->own_id && !pthread_equal(pthread_self(), r->caller))
		r->own_on_other_thread = 1;
	return job == r->fail_at ? 7 : 0;
}

static void
done(void *arg, size_t job, int status)
{
	struct run *r = arg;

	if (!pthread_equal(pthread_self(), r->caller))
		r->done_on_other_thread = 1;
	r->done_calls[job] += status == 7 ? 100 : 1;
}

static void
run_pool_own(int nworkers, size_t nown, size_t n, size_t fail_at, int stop,
    struct run *r, struct wctx *w, size_t *ran)
{
	void *ctx[8];
	int i;

	r->result = calloc(n, sizeof *r->result);
	r->done_calls = calloc(n, sizeof *r->done_calls);
	r->caller = pthread_self();
	r->done_on_other_thread = 0;
	r->fail_at = fail_at;
	r->own_id = nworkers;
	r->own_on_other_thread = 0;
	for (i = 0; i <= nworkers; i++) {
		w[i].id = i;
		w[i].jobs = 0;
		ctx[i] = &w[i];
	}
	*ran = pool_run(n, ctx, nworkers, nown, &w[nworkers], work, done, r,
	    stop);
}

static void
run_pool(int nworkers, size_t n, size_t fail_at, int stop, struct run *r,
    struct wctx *w, size_t *ran)
{
	run_pool_own(nworkers, 0, n, fail_at, stop, r, w, ran);
}

static void
test_pool_runs_every_job_once(void)
{
	struct wctx w[8];
	struct run r;
	size_t i, ran;
	int total = 0, k;

	run_pool(4, 5000, (size_t)-1, 1, &r, w, &ran);
	CHECK_INT(ran, 5000);
	CHECK(!r.done_on_other_thread);
	for (i = 0; i < 5000; i++) {
		CHECK(r.result[i] >= 1 && r.result[i] <= 4);
		CHECK_INT(r.done_calls[i], 1);
	}
	for (k = 0; k < 4; k++)
		total += w[k].jobs;
	CHECK_INT(total, 5000);
	free(r.result);
	free(r.done_calls);
}

static void
test_pool_one_worker_and_no_jobs(void)
{
	struct wctx w[8];
	struct run r;
	size_t ran;

	run_pool(1, 10, (size_t)-1, 0, &r, w, &ran);
	CHECK_INT(ran, 10);
	CHECK_INT(w[0].jobs, 10);
	free(r.result);
	free(r.done_calls);
	run_pool(3, 0, (size_t)-1, 0, &r, w, &ran);
	CHECK_INT(ran, 0);
	free(r.result);
	free(r.done_calls);
}

/* The first nown jobs run on the calling thread with its own context,
 * once each, beside the workers, which take all the others. */
static void
test_pool_calling_thread_takes_the_first(void)
{
	struct wctx w[8];
	struct run r;
	size_t i, ran;

	run_pool_own(2, 3, 500, (size_t)-1, 1, &r, w, &ran);
	CHECK_INT(ran, 500);
	CHECK(!r.own_on_other_thread);
	CHECK(!r.done_on_other_thread);
	CHECK_INT(w[2].jobs, 3);
	for (i = 0; i < 3; i++)
		CHECK_INT(r.result[i], 3);
	for (i = 3; i < 500; i++) {
		CHECK(r.result[i] == 1 || r.result[i] == 2);
		CHECK_INT(r.done_calls[i], 1);
	}
	CHECK_INT(w[0].jobs + w[1].jobs, 497);
	free(r.result);
	free(r.done_calls);
	/* A failing own job stops the pool too. */
	run_pool_own(2, 3, 1000, 1, 1, &r, w, &ran);
	CHECK_INT(r.done_calls[1], 100);
	CHECK_INT(r.result[2], 0);
	free(r.result);
	free(r.done_calls);
}

/* With stop_on_error, jobs before the failing one all ran (they were
 * handed out first), the failure is reported, and at most one job per
 * other worker started after it. */
static void
test_pool_stops_after_failure(void)
{
	struct wctx w[8];
	struct run r;
	size_t i, ran;

	run_pool(4, 10000, 50, 1, &r, w, &ran);
	CHECK(ran >= 51 && ran <= 54);
	for (i = 0; i < 50; i++)
		CHECK_INT(r.done_calls[i], 1);
	CHECK_INT(r.done_calls[50], 100);
	for (i = 55; i < 10000; i++)
		CHECK_INT(r.result[i], 0);
	free(r.result);
	free(r.done_calls);
	/* Without it, everything runs. */
	run_pool(4, 1000, 50, 0, &r, w, &ran);
	CHECK_INT(ran, 1000);
	CHECK_INT(r.done_calls[50], 100);
	free(r.result);
	free(r.done_calls);
}

/* The default --jobs is the processors the process may run on (taskset,
 * a Slurm allocation), not all those online. */
static void
test_cores_follow_affinity(void)
{
	cpu_set_t all, one;
	int k, first = -1;

	CHECK(sched_getaffinity(0, sizeof all, &all) == 0);
	CHECK_INT(jobs_cores(), CPU_COUNT(&all) < 256 ? CPU_COUNT(&all) : 256);
	for (k = 0; k < CPU_SETSIZE && first < 0; k++)
		if (CPU_ISSET(k, &all))
			first = k;
	CPU_ZERO(&one);
	CPU_SET(first, &one);
	CHECK(sched_setaffinity(0, sizeof one, &one) == 0);
	CHECK_INT(jobs_cores(), 1);
	CHECK(sched_setaffinity(0, sizeof all, &all) == 0);
}

/* A side task runs once, on another thread when one starts, and its
 * result is there after side_join; a second join does nothing. */
struct side_arg {
	pthread_t caller, ran_on;
	int runs;
};

static void *
side_task(void *arg)
{
	struct side_arg *a = arg;

	a->ran_on = pthread_self();
	a->runs++;
	return NULL;
}

static void
test_side_task(void)
{
	struct side_arg a = { .caller = pthread_self() };
	struct side s;

	side_start(&s, side_task, &a);
	side_join(&s);
	CHECK(a.runs == 1);
	CHECK(s.started == 0);
	CHECK(!pthread_equal(a.ran_on, a.caller));
	side_join(&s);
	CHECK(a.runs == 1);
}

int
main(void)
{
	RUN(test_fnv1a_reference_values);
	RUN(test_shard_of_range_and_spread);
	RUN(test_shard_hash_distinguishes);
	RUN(test_pool_runs_every_job_once);
	RUN(test_pool_one_worker_and_no_jobs);
	RUN(test_pool_stops_after_failure);
	RUN(test_pool_calling_thread_takes_the_first);
	RUN(test_cores_follow_affinity);
	RUN(test_side_task);
	return CHECK_EXIT();
}
