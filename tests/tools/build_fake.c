/* build_fake.c: `revpack build` with test renderers, for the build's
 * end-to-end tests: every document type renders a small valid PDF (one
 * page, two for packets) naming the document and its subject, so the
 * pool, sharding, atomic writes, modes, signals and encryption are
 * exercised with real bytes before the real documents exist.
 *   build_fake CYCLE.yaml [--out DIR] [--docs L] [--only L] [--jobs N]
 *              [--shard K/N] [--passwords F] [--quiet]
 * Environment: BUILD_FAKE_SLOW_MS=N sleeps N ms per document;
 * BUILD_FAKE_FAIL=PATH makes that document's renderer fail;
 * BUILD_FAKE_WARN=1 makes each document warn (and one warning given
 * once per worker), to check that stderr does not depend on scheduling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "model.h"
#include "render.h"

/* ascii: s with every byte outside printable ASCII as '?' and PDF string
 * delimiters escaped, for a base-14 font. */
static void
ascii(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '(' || c == ')' || c == '\\')
			buf_putc(b, '\\');
		buf_putc(b, c >= 0x20 && c < 0x7f ? c : '?');
	}
}

/* minimal_pdf: a valid PDF of `pages` pages, each with one line of text,
 * with a correct cross-reference table. */
static void
minimal_pdf(struct buf *out, const char *text, int pages)
{
	size_t off[64], start = out->len, xref;
	int i, n = 0, nobj = 4 + 2 * pages;      /* with object 0 */

	buf_puts(out, "%PDF-1.4\n");
	off[++n] = out->len - start;
	buf_puts(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[++n] = out->len - start;
	buf_puts(out, "2 0 obj\n<< /Type /Pages /Kids [");
	for (i = 0; i < pages; i++)
		buf_printf(out, " %d 0 R", 4 + 2 * i);
	buf_printf(out, " ] /Count %d >>\nendobj\n", pages);
	off[++n] = out->len - start;
	buf_puts(out, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont "
	    "/Helvetica >>\nendobj\n");
	for (i = 0; i < pages; i++) {
		struct buf content;

		buf_init(&content);
		buf_puts(&content, "BT /F1 12 Tf 72 770 Td (");
		ascii(&content, text);
		buf_printf(&content, " page %d) Tj ET\n", i + 1);
		off[++n] = out->len - start;
		buf_printf(out, "%d 0 obj\n<< /Type /Page /Parent 2 0 R "
		    "/MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R "
		    ">> >> /Contents %d 0 R >>\nendobj\n", n, n + 1);
		off[++n] = out->len - start;
		buf_printf(out, "%d 0 obj\n<< /Length %zu >>\nstream\n%s"
		    "endstream\nendobj\n", n, content.len, content.p);
		buf_free(&content);
	}
	xref = out->len - start;
	buf_printf(out, "xref\n0 %d\n0000000000 65535 f \n", nobj);
	for (i = 1; i < nobj; i++)
		buf_printf(out, "%010zu 00000 n \n", off[i]);
	buf_printf(out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n"
	    "%%%%EOF\n", nobj, xref);
}

static const char *const type_names[NDOC_TYPES] = {
	"Handout", "Deck", "Deck (PowerPoint)", "Blank form",
	"Organisation summary",
	"Department summary", "Scorecard", "Coaching summary", "Rating form",
	"Review packet", "Team summary", "Manager packet"
};

struct fake_worker {
	int jobs;
};

static int
fake_render(struct render_ctx *ctx, const struct job *job, struct buf *out)
{
	const char *slow = getenv("BUILD_FAKE_SLOW_MS");
	const char *fail = getenv("BUILD_FAKE_FAIL");
	const struct cycle *c = ctx->env->cycle;
	struct fake_worker *w = ctx->worker;
	struct buf text;
	int packet = job->type == DOC_PACKET || job->type == DOC_TEAM_PACKET;

	w->jobs++;
	if (slow != NULL) {
		long ms = strtol(slow, NULL, 10);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	if (fail != NULL && strcmp(fail, job->path) == 0) {
		diag_error(ctx->d, NULL, "%s: the test renderer fails here",
		    job->path);
		return -1;
	}
	if (getenv("BUILD_FAKE_WARN") != NULL) {
		diag_warning(ctx->d, NULL, "%s: a warning from its renderer",
		    job->path);
		if (diag_once(ctx->d, "fake-once"))
			diag_warning(ctx->d, NULL, "a warning given once per run");
	}
	buf_init(&text);
	buf_printf(&text, "%s of cycle %s", type_names[job->type], c->id);
	if (job->who >= 0 && job->type != DOC_DEPT)
		buf_printf(&text, " for %s (%s)", c->people[job->who].name,
		    c->people[job->who].id);
	else if (job->type == DOC_DEPT)
		buf_printf(&text, " for %s", c->depts[job->who].name);
	minimal_pdf(out, text.p, packet ? 2 : 1);
	buf_free(&text);
	ctx->pages = job->type == DOC_DECK_PPTX ? -1 : packet ? 2 : 1;
	return 0;
}

static const struct doc_kind fake_kinds[NDOC_TYPES] = {
	{ DOC_HANDOUT, "handout", SCOPE_RUBRIC, "handout.pdf", 0, fake_render },
	{ DOC_DECK, "deck", SCOPE_RUBRIC, "deck.pdf", 0, fake_render },
	{ DOC_DECK_PPTX, "deck", SCOPE_RUBRIC, "deck.pptx", 0, fake_render },
	{ DOC_BLANK_FORM, "form", SCOPE_RUBRIC, "blank-form.pdf", 0, fake_render },
	{ DOC_ORG, "org", SCOPE_ORG, "org.pdf", 0, fake_render },
	{ DOC_DEPT, "org", SCOPE_DEPT, "departments", 0, fake_render },
	{ DOC_SCORECARD, "scorecard", SCOPE_PERSON, "scorecard.pdf", 1, fake_render },
	{ DOC_COACHING, "coaching", SCOPE_PERSON, "coaching.pdf", 1, fake_render },
	{ DOC_FORM, "form", SCOPE_PERSON, "form.pdf", 0, fake_render },
	{ DOC_PACKET, "packet", SCOPE_PERSON, "packet.pdf", 1, fake_render },
	{ DOC_TEAM, "team", SCOPE_MANAGER, "team.pdf", 0, fake_render },
	{ DOC_TEAM_PACKET, "packet", SCOPE_MANAGER, "packet.pdf", 0, fake_render },
};

static void *
fake_worker_new(const struct render_env *env, struct diag *d)
{
	(void)env;
	(void)d;
	return xcalloc(1, sizeof(struct fake_worker));
}

static void
fake_worker_free(void *w)
{
	free(w);
}

static const struct renderers fake_renderers = {
	fake_kinds, NULL, NULL, fake_worker_new, fake_worker_free, NULL, NULL
};

static int
usage(void)
{
	fputs("usage: build_fake CYCLE.yaml [--out DIR] [--docs L] [--only L] "
	    "[--jobs N] [--shard K/N] [--passwords F] [--quiet]\n", stderr);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	struct build_opts o;
	int i;

	memset(&o, 0, sizeof o);
	o.shard_k = o.shard_n = 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--quiet") == 0) {
			o.quiet = 1;
			continue;
		}
		if (a[0] != '-') {
			o.cycle = a;
			continue;
		}
		if (v == NULL)
			return usage();
		i++;
		if (strcmp(a, "--out") == 0)
			o.out = v;
		else if (strcmp(a, "--docs") == 0)
			o.docs = v;
		else if (strcmp(a, "--only") == 0)
			o.only = v;
		else if (strcmp(a, "--jobs") == 0)
			o.jobs = (int)strtol(v, NULL, 10);
		else if (strcmp(a, "--passwords") == 0)
			o.passwords = v;
		else if (strcmp(a, "--shard") == 0) {
			if (sscanf(v, "%d/%d", &o.shard_k, &o.shard_n) != 2)
				return usage();
		} else
			return usage();
	}
	if (o.cycle == NULL)
		return usage();
	return build_run(&o, &fake_renderers);
}
