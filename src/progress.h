/* progress.h: the progress bar of long runs, on stderr when it is a
 * terminal (and not --quiet); redrawn at most ten times a second. The
 * clock it reads only ever reaches the terminal. */
#ifndef REVPACK_PROGRESS_H
#define REVPACK_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

struct progress;

/* progress_new: a bar over `total` steps on f, or a silent one when f is
 * not a terminal or enabled is 0. */
struct progress *progress_new(FILE *f, size_t total, int enabled);
/* progress_set: done steps so far; redraws when due (always at total). */
void progress_set(struct progress *p, size_t done);
/* progress_clear: erases the bar so a message can be printed; the next
 * progress_set draws it again. */
void progress_clear(struct progress *p);
/* progress_free: erases the bar. NULL is a no-op. */
void progress_free(struct progress *p);

/* now_seconds: a monotonic clock, for durations shown on stderr. */
double now_seconds(void);

#endif
