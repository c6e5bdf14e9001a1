/* cmd_handout.c: `revpack handout RUBRIC.yaml [--template FILE] [--deck]
 * -o FILE.pdf|FILE.pptx`: a rubric alone, without a review cycle, as the
 * rollout handout or deck, with the given template or a shipped one; an
 * output named .pptx is the deck as a PowerPoint file (--deck implied:
 * the handout has no such form). */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"
#include "load.h"
#include "outfile.h"
#include "runenv.h"

/* render: the document into b (deck 2: as .pptx). 0, EXIT_INPUT
 * (fonts) or EXIT_OUTPUT. */
static int
render(struct render_env *env, const struct rubric *r, int deck,
    struct buf *b, struct diag *d)
{
	struct render_ctx ctx;
	int rc;

	if (doc_setup_rubric(env, r, d) != 0)
		return EXIT_INPUT;
	memset(&ctx, 0, sizeof ctx);
	ctx.env = env;
	ctx.d = d;
	ctx.worker = doc_worker_new(env, d);
	rc = deck == 2 ? doc_deck_pptx_render(&ctx, NULL, b) : deck ?
	    doc_deck_render(&ctx, NULL, b) : doc_handout_render(&ctx, NULL, b);
	doc_worker_free(ctx.worker);
	return rc == 0 ? 0 : EXIT_OUTPUT;
}

/* pptx_name: path ends in ".pptx" (any case). */
static int
pptx_name(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && str_casecmp_ascii(path + n - 5, ".pptx") == 0;
}

int
cmd_handout(const char *rubric, const char *tmpl, int deck, const char *out)
{
	struct diag *d = diag_new(stderr);
	struct outdir *od = outdir_new(1, 1);
	struct render_env env;
	struct rubric *r = rubric_load(rubric, d);
	char *found = NULL;
	struct tmpl *t = NULL;
	struct buf b;
	int st = EXIT_INPUT;

	memset(&env, 0, sizeof env);
	buf_init(&b);
	if (pptx_name(out))
		deck = 2;
	if (r != NULL && tmpl == NULL)
		tmpl = found = runenv_template(deck ? "slides.yaml" :
		    "default.yaml", d);
	if (r != NULL && tmpl != NULL)
		t = tmpl_load(tmpl, d);
	if (t != NULL && runenv_pdf_date(NULL, &env.has_date, &env.epoch,
	    d) == 0) {
		env.tmpl = t;
		env.deck_tmpl = t;
		env.scratch = outdir_scratch(od, d);
		if (env.scratch == NULL) {
			st = EXIT_OUTPUT;
		} else {
			/* fills the scratch folder: a signal waits for it */
			outdir_hold(od);
			st = render(&env, r, deck, &b, d);
			outdir_release(od);
		}
	}
	doc_teardown(&env);
	/* The scratch folder and its watcher go first: outfile_write holds
	 * SIGINT and SIGTERM back itself while its temporary exists. */
	outdir_free(od);
	if (st == 0 && outfile_write(out, b.p, b.len, 0644, d) != 0)
		st = EXIT_OUTPUT;
	buf_free(&b);
	tmpl_free(t);
	free(found);
	rubric_free(r);
	diag_free(d);
	return st;
}
