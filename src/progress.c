/* progress.c: a one-line progress bar redrawn in place with \r. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

#define WIDTH 30

struct progress {
	FILE *f;
	size_t total, done;
	int on;                 /* drawing at all */
	int shown;              /* the bar is on the screen */
	double last;            /* when it was drawn */
};

double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress *
progress_new(FILE *f, size_t total, int enabled)
{
	struct progress *p = xcalloc(1, sizeof *p);

	p->f = f;
	p->total = total;
	p->on = enabled && total > 0 && isatty(fileno(f));
	return p;
}

static void
draw(struct progress *p)
{
	size_t fill = p->total ? p->done * WIDTH / p->total : WIDTH, i;
	char bar[WIDTH + 1];

	for (i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[WIDTH] = '\0';
	fprintf(p->f, "\r[%s] %zu/%zu files %3d%%", bar, p->done, p->total,
	    (int)(p->total ? p->done * 100 / p->total : 100));
	fflush(p->f);
	p->shown = 1;
}

void
progress_set(struct progress *p, size_t done)
{
	double t;

	p->done = done;
	if (!p->on)
		return;
	t = now_seconds();
	if (done >= p->total || t - p->last >= 0.1 || !p->shown) {
		p->last = t;
		draw(p);
	}
}

void
progress_clear(struct progress *p)
{
	if (p->on && p->shown) {
		fputs("\r\033[K", p->f);
		fflush(p->f);
		p->shown = 0;
	}
}

void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	progress_clear(p);
	free(p);
}
