/* fuzz_passwords.c: libFuzzer target over the --passwords file: the input
 * is written (mode 0600) as passwords.csv in the private folder of
 * fixture.h and read with passwords_load against the fixed roster's ids.
 * A refused file must have said why; in an accepted one every password
 * found (for the roster's ids, "*", and the first cell of the input's
 * first lines) is 1 to 127 bytes long, a long one that occurs once in
 * the input appears in no message, and the first one found encrypts a
 * tiny PDF into bytes that start with "%PDF". Seeds:
 * tests/fuzz/seeds-passwords/. */
#include <fcntl.h>
#include <stdint.h>

#include "crypt.h"
#include "fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* crypt_warm's page: the smallest PDF libqpdf reads. */
static const char tiny_pdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

/* The ids passwords_get is asked for besides the input's own. */
static const char *const fixed_ids[] = { "*", "rb", "jps", "mw", "cs",
	"ro", "id", "password" };

/* occurrences: how many times s occurs in p[0..n) (up to 2). */
static int
occurrences(const uint8_t *p, size_t n, const char *s)
{
	size_t len = strlen(s), i;
	int k = 0;

	for (i = 0; len > 0 && i + len <= n && k < 2; i++)
		if (memcmp(p + i, s, len) == 0)
			k++;
	return k;
}

/* check_one: the password of id, when there is one: its length, and a
 * long one that occurs once in the input is in no message (a shorter
 * one could be a word of the message itself). Returns it or NULL. */
static const char *
check_one(const struct passwords *pw, const char *id, const uint8_t *data,
    size_t size, const struct diag *d)
{
	const char *p = passwords_get(pw, id);
	enum diag_sev sev;
	size_t len, i;

	if (p == NULL)
		return NULL;
	len = strlen(p);
	ASSERT(len >= 1 && len <= 127);
	if (len >= 16 && occurrences(data, size, p) == 1)
		for (i = 0; i < diag_count(d); i++)
			ASSERT(strstr(diag_text(d, i, &sev), p) == NULL);
	return p;
}

/* first_cells: the first cell of each of the input's first 16 lines
 * (up to a comma, quote or line end), checked as ids; sets *first to
 * the first password found if it is still NULL. */
static void
first_cells(const struct passwords *pw, const uint8_t *data, size_t size,
    const struct diag *d, const char **first)
{
	char id[256];
	size_t i = 0, n;
	int line;
	const char *p;

	for (line = 0; line < 16 && i < size; line++) {
		for (n = 0; i < size && data[i] != ',' && data[i] != '\n' &&
		    data[i] != '\r' && data[i] != '"' && data[i] != '\0'; i++)
			if (n + 1 < sizeof id)
				id[n++] = (char)data[i];
		id[n] = '\0';
		p = check_one(pw, id, data, size, d);
		if (*first == NULL)
			*first = p;
		while (i < size && data[i] != '\n')
			i++;
		i++;
	}
}

/* encrypt: the tiny PDF with password p. */
static void
encrypt(const char *p)
{
	struct diag *d = diag_new(NULL);
	struct buf out;

	buf_init(&out);
	ASSERT(crypt_pdf(tiny_pdf, sizeof tiny_pdf - 1, p, "tiny.pdf", &out,
	    d) == 0);
	ASSERT(out.len > 5 && memcmp(out.p, "%PDF", 4) == 0);
	buf_free(&out);
	diag_free(d);
}

/* known_ids: the fixed roster's ids, as passwords_load takes them. */
static struct strtab *
known_ids(void)
{
	static const char *const ids[] = { "rb", "jps", "mw", "cs", "ro" };
	struct strtab *t = strtab_new(0);
	size_t i;

	for (i = 0; i < NELEM(ids); i++)
		strtab_put(t, ids[i], strlen(ids[i]), (int)i);
	return t;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strtab *known;
	struct passwords *pw;
	struct diag *d;
	const char *first = NULL, *p;
	char path[8192];
	size_t i;
	int fd;

	if (fx_setup()) {
		/* only its owner reads it: no warning about its mode */
		fd = open(fx_path(path, sizeof path, "passwords.csv"),
		    O_WRONLY | O_CREAT | O_TRUNC, 0600);
		ASSERT(fd >= 0 && close(fd) == 0);
	}
	fx_put("passwords.csv", data, size);
	known = known_ids();
	d = diag_new(NULL);
	pw = passwords_load(fx_path(path, sizeof path, "passwords.csv"),
	    known, d);
	/* refused: said why; accepted: no error */
	ASSERT((pw != NULL) == (diag_errors(d) == 0));
	if (pw != NULL) {
		for (i = 0; i < NELEM(fixed_ids); i++) {
			p = check_one(pw, fixed_ids[i], data, size, d);
			if (first == NULL)
				first = p;
		}
		first_cells(pw, data, size, d, &first);
		if (first != NULL)
			encrypt(first);
	}
	passwords_free(pw);
	diag_free(d);
	strtab_free(known);
	return 0;
}
