/* fuzz_template.c: libFuzzer target over a template through rendering:
 * the input is written as fuzz-template.yaml beside the fixed files of
 * fixture.h (its logo may name logo.png, a valid PNG), loaded with
 * tmpl_load, and when accepted used to render the rubric handout, a
 * scorecard of the fixed cycle, and every other document whose blocks
 * the template gives itself (coaching, forms, packets, team, org,
 * department, deck), into buffers. A refused template must have said
 * why; an accepted one renders to PDF bytes that start with "%PDF-" and
 * end with "%%EOF\n", or reports why not.
 *
 * Fonts: the template's own (its `fonts` block, else the shipped chain
 * of ten faces), looked up through fontconfig on every input: over the
 * 535 inputs of a 120 s corpus that cost 10.9 s against 10.2 s with a
 * fixed two-face chain, so nothing is cached or forced. A font path may
 * name a file of the folder (the template itself, logo.png), which the
 * TrueType reader must refuse cleanly. Seeds: tests/fuzz/seeds-template/.
 */
#include <stdint.h>

#include "doc.h"
#include "fixture.h"
#include "load.h"
#include "score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fixed cycle and its figures, loaded once and read-only after. */
static struct cycle *cyc;
static struct aggregates *agg;

static void
free_cycle(void)
{
	aggregates_free(agg);
	cycle_free(cyc);
}

static void
setup(void)
{
	struct diag *d = diag_new(NULL);
	char path[8192];

	cyc = cycle_load(fx_path(path, sizeof path, "cycle.yaml"), d);
	ASSERT(cyc != NULL);
	agg = score_cycle(cyc, d);
	atexit(free_cycle);
	diag_free(d);
}

/* render_one: one document through fn; checks the PDF bytes, or that a
 * failure was reported. */
static void
render_one(struct render_ctx *ctx, render_fn fn, const struct job *job)
{
	struct buf b;

	buf_init(&b);
	ctx->pages = 0;
	if (fn(ctx, job, &b) == 0) {
		ASSERT(b.len > 12 && memcmp(b.p, "%PDF-", 5) == 0);
		ASSERT(memcmp(b.p + b.len - 6, "%%EOF\n", 6) == 0);
		ASSERT(ctx->pages > 0);
	} else
		ASSERT(diag_errors(ctx->d) > 0);
	buf_free(&b);
}

/* The documents rendered when the template gives their blocks itself
 * (the handout and the scorecard are rendered always): the renderer,
 * the job's type, and whom it is about (a person's id, "" for the first
 * department, NULL for no one). */
static const struct {
	enum tmpl_doc doc;
	render_fn fn;
	enum doc_type type;
	const char *who;
} own[] = {
	{ TD_SCORECARD, doc_scorecard_render, DOC_SCORECARD, "jps" },
	{ TD_HANDOUT, doc_handout_render, DOC_HANDOUT, NULL },
	{ TD_COACHING, doc_coaching_render, DOC_COACHING, "jps" },
	{ TD_FORM, doc_form_render, DOC_FORM, "jps" },
	{ TD_BLANK_FORM, doc_blank_form_render, DOC_BLANK_FORM, NULL },
	{ TD_PERSON_PACKET, doc_packet_render, DOC_PACKET, "jps" },
	{ TD_TEAM, doc_team_render, DOC_TEAM, "rb" },
	{ TD_ORG, doc_org_render, DOC_ORG, NULL },
	{ TD_DEPARTMENT, doc_dept_render, DOC_DEPT, "" },
	{ TD_DECK, doc_deck_render, DOC_DECK, NULL },
	{ TD_MANAGER_PACKET, doc_mpacket_render, DOC_TEAM_PACKET, "rb" },
};

/* render: with t, the handout, James P. Sullivan's scorecard, and each
 * other document whose blocks t gives. */
static void
render(const struct tmpl *t, struct diag *d)
{
	struct render_env env;
	struct render_ctx ctx;
	struct job job;
	char scratch[8192];
	size_t i;

	memset(&env, 0, sizeof env);
	env.cycle = cyc;
	env.agg = agg;
	env.tmpl = t;
	env.deck_tmpl = t;
	env.has_date = 1;
	env.epoch = 1672531200;         /* the review date, 2023-01-01 */
	env.scratch = fx_path(scratch, sizeof scratch, "scratch");
	if (doc_setup(&env, d) != 0) {
		ASSERT(diag_errors(d) > 0);
		doc_teardown(&env);
		return;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.env = &env;
	ctx.d = d;
	ctx.worker = doc_worker_new(&env, d);
	for (i = 0; i < NELEM(own); i++) {
		if (i >= 2 && !t->docs[own[i].doc].from_template)
			continue;
		memset(&job, 0, sizeof job);
		job.type = own[i].type;
		job.who = own[i].who == NULL ? -1 : own[i].who[0] == '\0' ? 0 :
		    cycle_person(cyc, own[i].who);
		job.path = "fuzz.pdf";
		job.subject = job.owner = own[i].who;
		ASSERT(own[i].who == NULL || job.who >= 0);
		render_one(&ctx, own[i].fn, &job);
	}
	doc_worker_free(ctx.worker);
	doc_teardown(&env);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d;
	struct tmpl *t;
	char path[8192];

	if (fx_setup())
		setup();
	fx_put("fuzz-template.yaml", data, size);
	d = diag_new(NULL);
	t = tmpl_load(fx_path(path, sizeof path, "fuzz-template.yaml"), d);
	/* refused: said why; accepted: no error */
	ASSERT((t != NULL) == (diag_errors(d) == 0));
	if (t != NULL)
		render(t, d);
	tmpl_free(t);
	diag_free(d);
	return 0;
}
