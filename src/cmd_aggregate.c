/* cmd_aggregate.c: `revpack aggregate CYCLE.yaml [--format json|csv]
 * [-o FILE]`: load the cycle, score it, write aggregates.json or .csv to
 * standard output or to FILE (mode 0600: it holds everyone's ratings). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "emit.h"
#include "load.h"
#include "outfile.h"

/* Writes b to standard output; EXIT_OK or EXIT_OUTPUT after saying why. */
static int
to_stdout(const struct buf *b, struct diag *d)
{
	if (fwrite(b->p, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
		diag_error(d, NULL, "cannot write to standard output: %s",
		    strerror(errno));
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}

int
cmd_aggregate(const char *cycle, const char *format, const char *out)
{
	struct diag *d = diag_new(stderr);
	struct cycle *c = cycle_load(cycle, d);
	struct aggregates *a;
	struct buf b;
	int st = EXIT_OK;

	if (c == NULL || diag_errors(d) > 0) {
		cycle_free(c);
		diag_free(d);
		return EXIT_INPUT;      /* the loaders said why; nothing written */
	}
	a = score_cycle(c, d);
	buf_init(&b);
	if (format != NULL && strcmp(format, "csv") == 0)
		emit_csv(a, &b);
	else
		emit_json(a, d, &b);
	if (out == NULL || strcmp(out, "-") == 0)
		st = to_stdout(&b, d);
	else if (outfile_write(out, b.p, b.len, 0600, d) != 0)
		st = EXIT_OUTPUT;
	buf_free(&b);
	aggregates_free(a);
	cycle_free(c);
	diag_free(d);
	return st;
}
