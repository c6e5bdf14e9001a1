/* jobs.h: the worker pool of `revpack build --jobs N` and the shard
 * function of `--shard K/N`. Knows nothing of documents: a job is an
 * index, a worker is a context pointer the caller made. */
#ifndef REVPACK_JOBS_H
#define REVPACK_JOBS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* shard_hash: FNV-1a (64 bit) of the id's bytes. Stable across machines,
 * runs and versions: it decides which shard writes a person's files. */
uint64_t shard_hash(const char *id);
/* shard_of: the shard (1..n) that owns id: shard_hash(id) % n + 1. */
int shard_of(const char *id, int n);

/* jobs_cores: the number of processors this process may run on (its CPU
 * affinity: taskset, a Slurm allocation, a cpuset), else of online ones;
 * at least 1, at most 256. */
int jobs_cores(void);

/* A job's work, run on a worker thread: worker is workers[w] of
 * pool_run, job the job's index. Returns 0, or nonzero on failure. */
typedef int (*pool_work_fn)(void *worker, size_t job, void *arg);
/* Called on the thread that called pool_run, once per job that ran, in
 * the order jobs complete (not job order), with work's status; in
 * batches, at most about 50 ms after the job completed. */
typedef void (*pool_done_fn)(void *arg, size_t job, int status);

/* pool_run: runs jobs 0 .. njobs-1: the first nown on the calling thread
 * (context own) beside the workers, the others on nworkers threads (each
 * with its own context workers[i]), taken in index order. With stop_on_error,
 * no job is started after one fails. Returns the number of jobs that
 * ran (all of them unless one failed with stop_on_error). If a thread
 * cannot be started, the jobs run on the threads that could, or on the
 * calling thread. */
size_t pool_run(size_t njobs, void **workers, int nworkers, size_t nown,
    void *own, pool_work_fn work, pool_done_fn done, void *arg,
    int stop_on_error);

/* A side task: fn(arg) on a thread of its own beside the caller's work,
 * or, if no thread can start, on the calling thread at once. side_join
 * waits for it (nothing if it ran inline or was joined already). */
struct side {
	pthread_t thread;
	int started;
};
void side_start(struct side *s, void *(*fn)(void *), void *arg);
void side_join(struct side *s);

#endif
