/* test_crypt.c: AES-256 encryption of PDF bytes (R6 in the result, fresh
 * bytes each time, the password nowhere in it, damaged input refused
 * without showing the password) and the passwords file reader. */
#include <stdlib.h>
#include <sys/stat.h>

#include "check.h"
#include "crypt.h"

static const char pdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

static int
has(const struct buf *b, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->p + i, s, n) == 0)
			return 1;
	return 0;
}

static void
test_encrypts_r6(void)
{
	struct diag *d = diag_new(NULL);
	struct buf a, b;

	buf_init(&a);
	buf_init(&b);
	crypt_warm();
	CHECK(crypt_pdf(pdf, sizeof pdf - 1, "S3cret-pw", "t.pdf", &a, d) == 0);
	CHECK(crypt_pdf(pdf, sizeof pdf - 1, "S3cret-pw", "t.pdf", &b, d) == 0);
	CHECK(a.len > 100 && memcmp(a.p, "%PDF-", 5) == 0);
	CHECK(has(&a, "/Encrypt"));
	CHECK(has(&a, "/R 6"));
	CHECK(has(&a, "/V 5"));
	CHECK(!has(&a, "S3cret-pw"));
	CHECK(a.len != b.len || memcmp(a.p, b.p, a.len) != 0);  /* random */
	CHECK_INT(diag_count(d), 0);
	buf_free(&a);
	buf_free(&b);
	diag_free(d);
}

static void
test_refuses_damaged_pdf(void)
{
	struct diag *d = diag_new(NULL);
	struct buf a;

	buf_init(&a);
	CHECK(crypt_pdf("not a pdf at all", 16, "S3cret-pw", "bad.pdf", &a,
	    d) == -1);
	CHECK_INT(diag_errors(d), 1);
	CHECK(strncmp(diag_text(d, 0, NULL), "bad.pdf: error: cannot encrypt: ",
	    32) == 0);
	CHECK(strstr(diag_text(d, 0, NULL), "S3cret") == NULL);
	buf_free(&a);
	diag_free(d);
}

static const char *
put(const char *name, const char *text, int mode)
{
	static char path[512];
	const char *tmp = getenv("TMPDIR");
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmp ? tmp : "/tmp", name);
	f = fopen(path, "w");
	if (f == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	chmod(path, (mode_t)mode);
	return path;
}

static void
test_passwords_file(void)
{
	struct diag *d = diag_new(NULL);
	const char *path = put("pw-ok.csv", "ID,Password,note\r\na,pa,x\r\n"
	    "*,org pw,\r\n\"b,c\",\"p,\"\"q\",\r\n", 0600);
	struct passwords *pw = passwords_load(path, NULL, d);

	CHECK(pw != NULL);
	CHECK_INT(diag_count(d), 0);
	CHECK_STR(passwords_get(pw, "a"), "pa");
	CHECK_STR(passwords_get(pw, "*"), "org pw");
	CHECK_STR(passwords_get(pw, "b,c"), "p,\"q");
	CHECK(passwords_get(pw, "A") == NULL);
	passwords_free(pw);
	passwords_free(NULL);
	diag_free(d);
}

static void
test_passwords_refused(void)
{
	struct diag *d = diag_new(NULL);
	const char *path = put("pw-bad.csv", "id,password\na,\n", 0640);
	size_t i;

	CHECK(passwords_load(path, NULL, d) == NULL);
	CHECK_INT(diag_warnings(d), 1);         /* group-readable */
	CHECK_INT(diag_errors(d), 1);           /* empty password */
	path = put("pw-none.csv", "Sesame-1,Sesame-2\n", 0600);
	CHECK(passwords_load(path, NULL, d) == NULL);
	for (i = 0; i < diag_count(d); i++)
		CHECK(strstr(diag_text(d, i, NULL), "Sesame") == NULL);
	CHECK(passwords_load("/nonexistent/pw.csv", NULL, d) == NULL);
	diag_free(d);
}

int
main(void)
{
	RUN(test_encrypts_r6);
	RUN(test_refuses_damaged_pdf);
	RUN(test_passwords_file);
	RUN(test_passwords_refused);
	return CHECK_EXIT();
}
