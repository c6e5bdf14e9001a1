/* cmd_aggregate.c: `revpack aggregate CYCLE.yaml [--format json|csv|xlsx]
 * [-o FILE]`: load the cycle, score it, write aggregates.json or .csv to
 * standard output or to FILE, or aggregates.xlsx to FILE (mode 0600: it
 * holds everyone's ratings). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "emit.h"
#include "load.h"
#include "outfile.h"
#include "runenv.h"
#include "tmpl.h"

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

/* workbook: aggregates.xlsx for a into b, coloured with the cycle's
 * template and dated like its PDFs, built in a private scratch folder
 * that is gone when this returns. 0, EXIT_INPUT or EXIT_OUTPUT. */
static int
workbook(const struct aggregates *a, struct buf *b, struct diag *d)
{
	const struct cycle *c = a->cycle;
	struct outdir *od;
	struct tmpl *t = tmpl_load(c->template_path, d);
	const char *scratch;
	long long epoch = 0;
	int has_date = 0, st = EXIT_OUTPUT;

	if (t == NULL || runenv_pdf_date(c->review_date, &has_date, &epoch,
	    d) != 0) {
		tmpl_free(t);
		return EXIT_INPUT;
	}
	od = outdir_new(1, 1);
	scratch = outdir_scratch(od, d);
	if (scratch != NULL) {
		/* fills the scratch folder: a signal waits for it */
		outdir_hold(od);
		if (emit_xlsx(a, t, has_date ? epoch : 0, scratch, b, d) == 0)
			st = EXIT_OK;
		outdir_release(od);
	}
	/* The scratch folder and its watcher go first: outfile_write holds
	 * the signals itself. */
	outdir_free(od);
	tmpl_free(t);
	return st;
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
	if (format != NULL && strcmp(format, "xlsx") == 0)
		st = workbook(a, &b, d);
	else if (format != NULL && strcmp(format, "csv") == 0)
		emit_csv(a, &b);
	else
		emit_json(a, d, &b, NULL, NULL);
	/* after a failure (said why) nothing is written */
	if (st == EXIT_OK && (out == NULL || strcmp(out, "-") == 0))
		st = to_stdout(&b, d);
	else if (st == EXIT_OK && outfile_write(out, b.p, b.len, 0600, d) != 0)
		st = EXIT_OUTPUT;
	buf_free(&b);
	aggregates_free(a);
	cycle_free(c);
	diag_free(d);
	return st;
}
