/* longwide.c: rewrites a long-format ratings file as the wide export a
 * survey tool would write for the same ratings, so that tests can check
 * that both forms give identical figures.
 *
 *   longwide LONG.csv WIDE.csv
 *
 * One wide row per (subject, rater, role), in order of first appearance;
 * one question column per competency id ("Q <id>"), in order of first
 * appearance; each cell holds the long row's score text as written (a
 * number, a level label, N/A or empty); a rating the long file does not
 * have is an empty cell (not rated). Roles become "Manager", "Self
 * review", "Peer", "Direct report". Per-competency comments have no place
 * in a wide row (its comment is a general one) and are dropped: figures
 * do not depend on them. Prints the cycle.yaml lines that map the file
 * (to put under `ratings:` after `- file: WIDE.csv`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv.h"

static const char *const vendor_roles[][2] = {
	{ "manager", "Manager" }, { "self", "Self review" },
	{ "peer", "Peer" }, { "direct_report", "Direct report" },
};

struct row {
	const char *subject, *rater, *role;
	const char **cells;             /* [ncomps], NULL: no rating */
	size_t ncells;
};

struct table {
	struct arena *ar;
	struct strtab *rows_by_key, *comps;
	struct row *rows;
	size_t nrows, rcap;
	const char **comp_ids;
	size_t ncomps, ccap;
};

static const char *
vendor_role(const char *role)
{
	size_t i;

	for (i = 0; i < NELEM(vendor_roles); i++)
		if (strcmp(role, vendor_roles[i][0]) == 0)
			return vendor_roles[i][1];
	return role;
}

/* The index of competency id, added when new. */
static size_t
comp_index(struct table *t, const char *id)
{
	int i = strtab_gets(t->comps, id);

	if (i >= 0)
		return (size_t)i;
	XGROW(t->comp_ids, t->ccap, t->ncomps + 1);
	t->comp_ids[t->ncomps] = arena_strdup(t->ar, id);
	strtab_put(t->comps, t->comp_ids[t->ncomps],
	    strlen(t->comp_ids[t->ncomps]), (int)t->ncomps);
	return t->ncomps++;
}

/* The row of (subject, rater, role), added when new. */
static struct row *
row_for(struct table *t, const char *subject, const char *rater,
    const char *role)
{
	char *key = arena_printf(t->ar, "%s\x1f%s\x1f%s", subject, rater, role);
	int i = strtab_gets(t->rows_by_key, key);
	struct row *r;

	if (i >= 0)
		return &t->rows[i];
	XGROW(t->rows, t->rcap, t->nrows + 1);
	r = &t->rows[t->nrows];
	memset(r, 0, sizeof(*r));
	r->subject = arena_strdup(t->ar, subject);
	r->rater = arena_strdup(t->ar, rater);
	r->role = arena_strdup(t->ar, role);
	strtab_put(t->rows_by_key, key, strlen(key), (int)t->nrows);
	return &t->rows[t->nrows++];
}

static void
set_cell(struct table *t, struct row *r, size_t k, const char *score)
{
	if (r->ncells <= k) {
		size_t n = t->ncomps > k + 1 ? t->ncomps : k + 1;

		r->cells = xreallocarray(r->cells, n, sizeof(*r->cells));
		memset(r->cells + r->ncells, 0, (n - r->ncells) *
		    sizeof(*r->cells));
		r->ncells = n;
	}
	r->cells[k] = arena_strdup(t->ar, score);
}

static int
read_long(struct table *t, const char *path, struct diag *d)
{
	static const char *const need[] = { "subject_id", "rater_id",
	    "rater_role", "competency_id", "score" };
	struct csvin *in = csvin_open(path, path, d);
	struct csvin_rec rec;
	int col[5];
	size_t i;

	if (in == NULL)
		return -1;
	for (i = 0; i < 5; i++) {
		col[i] = csvin_col(in, need[i]);
		if (col[i] >= 0)
			continue;
		fprintf(stderr, "longwide: %s: no column %s\n", path, need[i]);
		csvin_free(in);
		return -1;
	}
	while (csvin_next(in, &rec)) {
		struct row *r = row_for(t, rec.f[col[0]], rec.f[col[1]],
		    rec.f[col[2]]);

		set_cell(t, r, comp_index(t, rec.f[col[3]]), rec.f[col[4]]);
	}
	i = csvin_errors(in);
	csvin_free(in);
	return i == 0 ? 0 : -1;
}

/* A CSV field, always quoted. */
static void
field(FILE *f, const char *s, int last)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

static int
write_wide(const struct table *t, const char *path)
{
	FILE *f = fopen(path, "wb");
	size_t i, k;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	field(f, "Employee", 0);
	field(f, "Reviewer", 0);
	field(f, "Relationship", 0);
	for (k = 0; k < t->ncomps; k++) {
		char q[256];

		snprintf(q, sizeof q, "Q %s", t->comp_ids[k]);
		field(f, q, 0);
	}
	field(f, "Notes", 1);
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];

		field(f, r->subject, 0);
		field(f, r->rater, 0);
		field(f, vendor_role(r->role), 0);
		for (k = 0; k < t->ncomps; k++)
			field(f, k < r->ncells && r->cells[k] != NULL ?
			    r->cells[k] : "", 0);
		field(f, "", 1);
	}
	return fclose(f) == 0 ? 0 : -1;
}

static void
print_mapping(const struct table *t)
{
	size_t i;

	puts("    format: wide\n    columns: { subject: \"Employee\", "
	    "rater: \"Reviewer\", role: \"Relationship\", comment: \"Notes\" }"
	    "\n    competencies:");
	for (i = 0; i < t->ncomps; i++)
		printf("      \"Q %s\": \"%s\"\n", t->comp_ids[i],
		    t->comp_ids[i]);
	puts("    roles:");
	for (i = 0; i < NELEM(vendor_roles); i++)
		printf("      \"%s\": %s\n", vendor_roles[i][1],
		    vendor_roles[i][0]);
}

int
main(int argc, char **argv)
{
	struct diag *d = diag_new(stderr);
	struct table t;
	size_t i;
	int st = 0;

	if (argc != 3) {
		fputs("usage: longwide LONG.csv WIDE.csv\n", stderr);
		return 2;
	}
	memset(&t, 0, sizeof t);
	t.ar = arena_new();
	t.rows_by_key = strtab_new(0);
	t.comps = strtab_new(0);
	if (read_long(&t, argv[1], d) != 0 || write_wide(&t, argv[2]) != 0)
		st = 1;
	else
		print_mapping(&t);
	for (i = 0; i < t.nrows; i++)
		free(t.rows[i].cells);
	free(t.rows);
	free(t.comp_ids);
	strtab_free(t.rows_by_key);
	strtab_free(t.comps);
	arena_free(t.ar);
	diag_free(d);
	return st;
}
