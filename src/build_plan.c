/* build_plan.c: the lists of `revpack build`'s command line (--docs,
 * --only) and the plan: every file the run renders, in a fixed order,
 * filtered by --docs, --only, --shard and who has ratings. */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "jobs.h"

/* build_parse_docs: --docs into b->sel and b->docs_norm (canonical order).
 * Returns 0, or EXIT_USAGE after saying what is wrong. */
int
build_parse_docs(struct build *b, const char *list)
{
	int want[16] = { 0 };
	const char *p = list;
	struct buf norm;
	size_t i, t;

	if (list == NULL) {
		for (i = 0; i < ndoc_names; i++)
			want[i] = 1;
	}
	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, ",");
		char *name = xstrndup(p, n);

		for (i = 0; i < ndoc_names; i++)
			if (strcmp(name, doc_names[i]) == 0)
				break;
		if (i == ndoc_names) {
			const char *hint = str_suggest(name, doc_names, ndoc_names);

			fprintf(stderr, "revpack: --docs: unknown document \"%s\"%s%s%s; "
			    "expected a comma list of scorecard, coaching, form, "
			    "packet, team, org, handout, deck\n", name,
			    hint ? "; did you mean \"" : "", hint ? hint : "",
			    hint ? "\"?" : "");
			free(name);
			return EXIT_USAGE;
		}
		want[i] = 1;
		free(name);
		p += n;
		if (*p == ',')
			p++;
	}
	buf_init(&norm);
	buf_puts(&norm, "");
	for (i = 0; i < ndoc_names; i++) {
		if (!want[i])
			continue;
		if (norm.len > 0)
			buf_putc(&norm, ',');
		buf_puts(&norm, doc_names[i]);
		for (t = 0; t < NDOC_TYPES; t++)
			if (strcmp(b->r->kinds[t].doc, doc_names[i]) == 0)
				b->sel[t] = 1;
	}
	b->docs_norm = buf_detach(&norm, NULL);
	b->docs_all = 1;
	for (i = 0; i < ndoc_names; i++)
		b->docs_all &= want[i];
	return 0;
}

/* build_parse_only: --only ids into b->only and b->only_norm (roster order).
 * Unknown or empty ids are errors (in b->d). */
void
build_parse_only(struct build *b, const char *list)
{
	const struct cycle *c = b->cycle;
	const char *p = list;
	struct buf norm;
	const char **ids;
	size_t i;

	if (list == NULL)
		return;
	b->only = xcalloc(c->npeople + 1, 1);
	ids = xcalloc(c->npeople + 1, sizeof *ids);
	buf_init(&norm);
	for (i = 0; i < c->npeople; i++)
		ids[i] = c->people[i].id;
	for (;;) {
		size_t n = strcspn(p, ",");
		char *id = xstrndup(p, n);
		int who;

		/* ids are kept in NFC, as a macOS shell may not type them */
		if (utf8_valid(id, n, NULL) && uni_nfc(id, n, &norm)) {
			free(id);
			id = xstrndup(norm.p, norm.len);
		}
		who = cycle_person(c, id);

		if (who >= 0)
			b->only[who] = 1;
		else if (n == 0)
			diag_error(b->d, NULL, "--only: an empty id in \"%s\"; "
			    "expected a comma list of person ids", list);
		else {
			const char *hint = str_suggest(id, ids, c->npeople);

			diag_error(b->d, NULL, "--only: \"%s\" is not in the "
			    "roster%s%s%s", id, hint ? "; did you mean \"" : "",
			    hint ? hint : "", hint ? "\"?" : "");
		}
		free(id);
		p += n;
		if (*p != ',')
			break;
		p++;
	}
	free(ids);
	buf_reset(&norm);
	buf_puts(&norm, "");
	for (i = 0; i < c->npeople; i++) {
		if (!b->only[i])
			continue;
		if (norm.len > 0)
			buf_putc(&norm, ',');
		buf_puts(&norm, c->people[i].id);
	}
	b->only_norm = buf_detach(&norm, NULL);
}

static void
add_job(struct build *b, enum doc_type type, int who, const char *path,
    const char *subject, const char *owner)
{
	struct job *j;

	XGROW(b->jobs, b->cap, b->njobs + 1);
	j = &b->jobs[b->njobs];
	j->type = type;
	j->who = who;
	j->path = path;
	j->subject = subject;
	j->owner = owner;
	b->njobs++;
}

/* wanted: type is selected and can be rendered. */
static int
wanted(const struct build *b, enum doc_type t)
{
	return b->sel[t] && b->r->kinds[t].render != NULL;
}

/* plan_group: the rubric, organisation and department documents
 * (written by shard 1, and not with --only). */
static void
plan_group(struct build *b)
{
	const struct cycle *c = b->cycle;
	size_t i;
	int t;

	if (b->o->shard_k != 1 || b->only != NULL)
		return;
	for (t = 0; t < NDOC_TYPES; t++) {
		const struct doc_kind *k = &b->r->kinds[t];

		if (!wanted(b, (enum doc_type)t))
			continue;
		if (k->scope == SCOPE_RUBRIC)
			add_job(b, k->type, -1, k->file, NULL, NULL);
		else if (k->scope == SCOPE_ORG)
			add_job(b, k->type, -1, k->file, NULL, "*");
		else if (k->scope == SCOPE_DEPT && c->ndepts > 1)
			for (i = 0; i < c->ndepts; i++)
				add_job(b, k->type, (int)i, arena_printf(b->arena,
				    "%s/%s.pdf", k->file, c->depts[i].slug), NULL,
				    "*");
	}
}

/* plan_person: person p's files, then (for a manager) the team files,
 * in table order. */
static void
plan_person(struct build *b, size_t p)
{
	const struct person *pe = &b->cycle->people[p];
	int t;

	for (t = 0; t < NDOC_TYPES; t++) {
		const struct doc_kind *k = &b->r->kinds[t];

		if (!wanted(b, (enum doc_type)t) || k->scope != SCOPE_PERSON)
			continue;
		if (k->rated_only && b->agg->people[p].rated == 0)
			continue;
		add_job(b, k->type, (int)p, arena_printf(b->arena,
		    "people/%s/%s", pe->id, k->file), pe->id, pe->id);
	}
	if (pe->nreports == 0)
		return;
	for (t = 0; t < NDOC_TYPES; t++) {
		const struct doc_kind *k = &b->r->kinds[t];

		if (wanted(b, (enum doc_type)t) && k->scope == SCOPE_MANAGER)
			add_job(b, k->type, (int)p, arena_printf(b->arena,
			    "managers/%s/%s", pe->id, k->file), pe->id, pe->id);
	}
}

/* note_unavailable: one warning naming the selected document kinds this
 * build has no renderer for (until every renderer has landed). */
static void
note_unavailable(struct build *b)
{
	struct buf names;
	size_t i;
	int t, miss;

	buf_init(&names);
	for (i = 0; i < ndoc_names; i++) {
		for (miss = 0, t = 0; t < NDOC_TYPES; t++)
			if (b->sel[t] && b->r->kinds[t].render == NULL &&
			    strcmp(b->r->kinds[t].doc, doc_names[i]) == 0)
				miss = 1;
		if (miss)
			buf_printf(&names, "%s%s", names.len ? ", " : "",
			    doc_names[i]);
	}
	if (names.len > 0)
		diag_warning(b->d, NULL, "this build of revpack cannot render "
		    "these documents yet, so none were written: %s", names.p);
	buf_free(&names);
}

/* build_plan: every file this run renders, in a fixed order: the group
 * documents, then each person in roster order. A person's and a
 * manager's files go to the shard of their id. */
void
build_plan(struct build *b)
{
	size_t p;

	plan_group(b);
	for (p = 0; p < b->cycle->npeople; p++) {
		if (b->only != NULL && !b->only[p])
			continue;
		if (shard_of(b->cycle->people[p].id, b->o->shard_n) !=
		    b->o->shard_k)
			continue;
		plan_person(b, p);
	}
	note_unavailable(b);
}

/* build_check_passwords: with --passwords, every owner of a planned file has a
 * password; else one error naming every missing id. */
int
build_check_passwords(struct build *b)
{
	struct strtab *seen;
	struct buf miss;
	size_t i, n = 0;

	if (b->pw == NULL)
		return 0;
	seen = strtab_new(0);
	buf_init(&miss);
	for (i = 0; i < b->njobs; i++) {
		const char *o = b->jobs[i].owner;

		if (o == NULL || passwords_get(b->pw, o) != NULL ||
		    strtab_put(seen, o, strlen(o), 1) >= 0)
			continue;
		buf_printf(&miss, "%s%s", n++ > 0 ? ", " : "", o);
	}
	if (n > 0)
		diag_error(b->d, NULL, "--passwords %s: no password for %zu "
		    "id%s whose files are to be encrypted: %s%s", b->o->passwords,
		    n, n == 1 ? "" : "s", miss.p, strtab_gets(seen, "*") >= 0 ?
		    " (* is the row for the organisation and department "
		    "summaries)" : "");
	buf_free(&miss);
	strtab_free(seen);
	return n > 0 ? EXIT_INPUT : 0;
}
