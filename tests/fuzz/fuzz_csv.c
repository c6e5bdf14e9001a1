/* fuzz_csv.c: libFuzzer target over the CSV front end and the roster and
 * ratings loaders. The first byte picks what the rest is (modulo 4):
 *   0  any CSV, read with in_csv; every delivered record is checked
 *   1  a roster.csv, in a cycle with fixed ratings
 *   2  a long-format ratings.csv, with a fixed roster
 *   3  a wide-format export, with a fixed roster and mapping
 * Loader runs check the model a cycle_load success promises. Seeds:
 * tests/fuzz/seeds-csv/ (their first character is the mode). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "in_csv.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096];          /* this process's scratch folder */

#define ASSERT(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_csv: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

#include "check_cycle.h"        /* with the ASSERT above */

static const char roster[] =
    "id,name,level,department,manager_id,supervisory\n"
    "m1,Margaret,Senior,Leadership,,yes\n"
    "a1,Zoë,Junior,Customer Success,m1,no\n"
    "a2,José,Senior,Customer Success,m1,no\n";
static const char ratings[] =
    "subject_id,rater_id,rater_role,competency_id,score,comment\n"
    "a1,m1,manager,teamwork,3,\n";

static void
put(const char *name, const void *p, size_t n)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ASSERT(f != NULL);
	if (n > 0)
		ASSERT(fwrite(p, 1, n, f) == n);
	fclose(f);
}

/* Once: a folder with the cycle files that do not change. */
static void
setup(void)
{
	char top[2048], text[8192];
	char tmpl[] = "/tmp/fuzz_csv.XXXXXX";

	ASSERT(getcwd(top, sizeof top) != NULL);
	ASSERT(mkdtemp(tmpl) != NULL);
	snprintf(dir, sizeof dir, "%s", tmpl);
	snprintf(text, sizeof text,
	    "cycle: fuzz\ntitle: Fuzz\n"
	    "rubric: %s/tests/fixtures/ingest/rubric.yaml\n"
	    "template: %s/templates/default.yaml\n"
	    "roster: roster.csv\nratings:\n  - ratings.csv\n", top, top);
	put("long.yaml", text, strlen(text));
	snprintf(text, sizeof text,
	    "cycle: fuzz\ntitle: Fuzz\n"
	    "rubric: %s/tests/fixtures/ingest/rubric.yaml\n"
	    "template: %s/templates/default.yaml\n"
	    "roster: roster.csv\nratings:\n  - file: wide.csv\n"
	    "    format: wide\n"
	    "    columns: { subject: Who, rater: By, role: As, comment: Note }\n"
	    "    competencies: { T: teamwork, C: communication }\n"
	    "    roles: { Boss: manager }\n", top, top);
	put("wide.yaml", text, strlen(text));
}

/* Reads any CSV and checks what in_csv promises about each record. */
static void
read_csv(const uint8_t *p, size_t n)
{
	struct diag *d = diag_new(NULL);
	struct csvin *r = csvin_mem((const char *)p, n, "f.csv", d);
	struct csvin_rec rec;
	size_t i, lines = 1;
	int last = 0;

	for (i = 0; i < n; i++)
		lines += p[i] == '\n' || (p[i] == '\r' && (i + 1 == n ||
		    p[i + 1] != '\n'));
	if (r != NULL) {
		ASSERT(csvin_ncols(r) > 0);
		while (csvin_next(r, &rec)) {
			ASSERT(rec.n == csvin_ncols(r));
			ASSERT(rec.line > last && (size_t)rec.line <= lines);
			last = rec.line;
			for (i = 0; i < rec.n; i++) {
				ASSERT(strlen(rec.f[i]) == rec.len[i]);
				ASSERT(rec.len[i] <= CSVIN_MAX_FIELD);
				ASSERT(utf8_valid(rec.f[i], rec.len[i], NULL));
				ASSERT(memchr(rec.f[i], '\r', rec.len[i]) == NULL);
			}
		}
	}
	csvin_free(r);
	diag_free(d);
}

static void
load(const char *yaml)
{
	struct diag *d = diag_new(NULL);
	struct cycle *c;
	char here[4096];

	ASSERT(getcwd(here, sizeof here) != NULL);
	ASSERT(chdir(dir) == 0);
	c = cycle_load(yaml, d);
	ASSERT(chdir(here) == 0);
	ASSERT((c != NULL) == (diag_errors(d) == 0));
	if (c != NULL)
		check_cycle(c);
	cycle_free(c);
	diag_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (dir[0] == '\0')
		setup();
	if (size == 0)
		return 0;
	switch (data[0] % 4) {
	case 0:
		read_csv(data + 1, size - 1);
		break;
	case 1:
		put("roster.csv", data + 1, size - 1);
		put("ratings.csv", ratings, strlen(ratings));
		load("long.yaml");
		break;
	case 2:
		put("roster.csv", roster, strlen(roster));
		put("ratings.csv", data + 1, size - 1);
		load("long.yaml");
		break;
	default:
		put("roster.csv", roster, strlen(roster));
		put("wide.csv", data + 1, size - 1);
		load("wide.yaml");
		break;
	}
	return 0;
}
