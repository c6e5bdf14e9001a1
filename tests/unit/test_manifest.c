/* test_manifest.c: manifest.json and its parts: the exact text written,
 * a round trip through the strict reader, path order, and the reader
 * refusing what manifest_emit never writes. */
#include <stdlib.h>

#include "check.h"
#include "manifest.h"

#define SHA_A "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_E "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void
test_emit_exact_text(void)
{
	struct manifest *m = manifest_new("2026-H1", 0, 0, NULL, NULL);
	struct buf b;

	manifest_add(m, "people/p2/form.pdf", SHA_A, 1234, 2, "p2", 1);
	manifest_add(m, "aggregates.json", SHA_E, 0, -1, NULL, 0);
	CHECK(manifest_sort(m) == NULL);
	buf_init(&b);
	manifest_emit(m, &b);
	CHECK_STR(b.p, "{\n  \"cycle\": \"2026-H1\",\n  \"files\": [\n"
	    "    {\"path\": \"aggregates.json\", \"sha256\": \"" SHA_E "\", "
	    "\"bytes\": 0, \"pages\": null, \"subject\": null, "
	    "\"encrypted\": false},\n"
	    "    {\"path\": \"people/p2/form.pdf\", \"sha256\": \"" SHA_A "\", "
	    "\"bytes\": 1234, \"pages\": 2, \"subject\": \"p2\", "
	    "\"encrypted\": true}\n  ]\n}\n");
	buf_free(&b);
	manifest_free(m);
}

static void
test_emit_empty_and_part(void)
{
	struct manifest *m = manifest_new("c", 2, 4, "scorecard,form", NULL);
	struct buf b;

	buf_init(&b);
	manifest_emit(m, &b);
	CHECK_STR(b.p, "{\n  \"cycle\": \"c\",\n  \"shard\": {\"k\": 2, "
	    "\"n\": 4},\n  \"docs\": \"scorecard,form\",\n  \"only\": null,\n"
	    "  \"files\": []\n}\n");
	buf_free(&b);
	manifest_free(m);
}

/* Odd but legal ids and names survive the round trip byte for byte. */
static void
test_round_trip(void)
{
	struct manifest *m = manifest_new("H1 \"quoted\" \\ é",
	    3, 7, "scorecard", "a,b\"c");
	struct manifest *r;
	struct diag *d = diag_new(NULL);
	struct buf b, b2;

	manifest_add(m, "people/zoë \"z\"/scorecard.pdf", SHA_A, 99, 1,
	    "zoë \"z\"", 1);
	manifest_add(m, "people/tab\there/form.pdf", SHA_E,
	    9007199254740992ULL, 12, "tab\there", 0);
	manifest_sort(m);
	buf_init(&b);
	buf_init(&b2);
	manifest_emit(m, &b);
	r = manifest_parse(b.p, b.len, "m.json", d);
	CHECK(r != NULL);
	CHECK_INT(diag_count(d), 0);
	CHECK_STR(r->cycle, m->cycle);
	CHECK_INT(r->shard_k, 3);
	CHECK_INT(r->shard_n, 7);
	CHECK_STR(r->only, "a,b\"c");
	CHECK_INT(r->n, 2);
	CHECK_STR(r->files[1].subject, "zoë \"z\"");
	CHECK(r->files[0].bytes == 9007199254740992ULL);
	manifest_emit(r, &b2);
	CHECK_STR(b2.p, b.p);
	buf_free(&b);
	buf_free(&b2);
	manifest_free(m);
	manifest_free(r);
	diag_free(d);
}

static void
test_sort_finds_duplicates(void)
{
	struct manifest *m = manifest_new("c", 0, 0, NULL, NULL);

	manifest_add(m, "b.pdf", SHA_A, 1, 1, NULL, 0);
	manifest_add(m, "a.pdf", SHA_A, 1, 1, NULL, 0);
	manifest_add(m, "b.pdf", SHA_A, 1, 1, NULL, 0);
	CHECK_STR(manifest_sort(m), "b.pdf");
	CHECK_STR(m->files[0].path, "a.pdf");
	manifest_free(m);
}

/* Each text is refused with a message at the right place. */
static void
test_reader_refuses(void)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "", "m.json:1:1: error: the text ends; expected a value" },
		{ "{\"cycle\": \"c\"}", "no key \"files\"" },
		{ "{\"cycle\": \"c\", \"files\": [], \"x\": 1}", "unknown or repeated key" },
		{ "{\"cycle\": \"c\", \"cycle\": \"d\", \"files\": []}", "unknown or repeated key" },
		{ "{\"cycle\": 1, \"files\": []}", "wrong kind of value for \"cycle\"" },
		{ "{\"cycle\": \"c\", \"files\": []} x", "more text after" },
		{ "{\"cycle\": \"c\",\n \"files\": [{\"path\": \"a\", \"sha256\": \"00\", "
		  "\"bytes\": 1, \"pages\": null, \"subject\": null, \"encrypted\": false}]}",
		  "m.json:2:36: error: a sha256 that is not 64" },
		{ "{\"cycle\": \"c\", \"files\": [{\"path\": \"../a\", \"sha256\": \"" SHA_A "\", "
		  "\"bytes\": 1, \"pages\": null, \"subject\": null, \"encrypted\": false}]}",
		  "goes up" },
		{ "{\"cycle\": \"c\", \"files\": [{\"path\": \"a\", \"sha256\": \"" SHA_A "\", "
		  "\"bytes\": 1.5, \"pages\": null, \"subject\": null, \"encrypted\": false}]}",
		  "fraction or exponent" },
		{ "{\"cycle\": \"c\\x\", \"files\": []}", "bad escape" },
		{ "{\"cycle\": \"\\ud800\", \"files\": []}", "bad escape" },
		{ "{\"cycle\": \"\xff\", \"files\": []}", "not valid UTF-8" },
		{ "{\"cycle\": \"c\", \"files\": [}", "expected a value" },
		{ "{\"cycle\": \"c\", \"files\": [] ", "expected \",\" or \"}\"" },
		{ "{\"cycle\": \"c\", \"docs\": \"x\", \"files\": []}", "without \"shard\"" },
		{ "{\"cycle\": \"c\", \"shard\": {\"k\": 3, \"n\": 2}, \"docs\": \"\", "
		  "\"only\": null, \"files\": []}", "outside 1 <= k <= n" },
		{ "[[[[[[[[[[[[]]]]]]]]]]]]", "nesting too deep" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diag *d = diag_new(NULL);
		struct manifest *m = manifest_parse(bad[i].text,
		    strlen(bad[i].text), "m.json", d);

		if (m != NULL || diag_count(d) != 1 ||
		    strstr(diag_text(d, 0, NULL), bad[i].msg) == NULL) {
			printf("FAIL test_reader_refuses: case %zu: %s\n", i,
			    diag_count(d) ? diag_text(d, 0, NULL) : "(accepted)");
			check_failed_ = 1;
		}
		manifest_free(m);
		diag_free(d);
	}
}

static void
test_part_names(void)
{
	char b[48];
	int k = 0, n = 0;

	CHECK_STR(manifest_part_name(2, 16, b, sizeof b),
	    "manifest.2-of-16.json");
	CHECK(manifest_part_parse("manifest.2-of-16.json", &k, &n));
	CHECK(k == 2 && n == 16);
	CHECK(!manifest_part_parse("manifest.json", &k, &n));
	CHECK(!manifest_part_parse("manifest.02-of-16.json", &k, &n));
	CHECK(!manifest_part_parse("manifest.3-of-2.json", &k, &n));
	CHECK(!manifest_part_parse("manifest.0-of-2.json", &k, &n));
	CHECK(!manifest_part_parse("manifest.1-of-2.json.tmp", &k, &n));
	CHECK(!manifest_part_parse(".manifest.1-of-2.json.tmp-1of2-9", &k, &n));
}

int
main(void)
{
	RUN(test_emit_exact_text);
	RUN(test_emit_empty_and_part);
	RUN(test_round_trip);
	RUN(test_sort_finds_duplicates);
	RUN(test_reader_refuses);
	RUN(test_part_names);
	return CHECK_EXIT();
}
