/* crypt.c: the passwords file and AES-256 encryption of PDF bytes with
 * libqpdf's C API (libharu 2.3.0 has no AES, only RC4): read the bytes from
 * memory, write them back to memory with R6 encryption parameters. */
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crypt.h"
#include "in_csv.h"

/* The longest password AES-256 in PDF (R6) takes, in UTF-8 bytes. */
#define MAX_PASSWORD 127

struct passwords {
	struct strtab *ids;     /* id -> index */
	char **id, **pw;
	int *line;
	size_t n, cap;
};

/* wipe: overwrites s so a password does not linger in freed memory. */
static void
wipe(char *s)
{
	volatile char *p = s;

	if (s == NULL)
		return;
	while (*p != '\0')
		*p++ = '\0';
}

void
passwords_free(struct passwords *pw)
{
	size_t i;

	if (pw == NULL)
		return;
	strtab_free(pw->ids);
	for (i = 0; i < pw->n; i++) {
		wipe(pw->pw[i]);
		free(pw->pw[i]);
		free(pw->id[i]);
	}
	free(pw->id);
	free(pw->pw);
	free(pw->line);
	free(pw);
}

const char *
passwords_get(const struct passwords *pw, const char *id)
{
	int i = strtab_gets(pw->ids, id);

	return i < 0 ? NULL : pw->pw[i];
}

/* relay: copies src's messages to d. With `withhold`, every quoted part
 * is replaced: when the header row is not "id,password", its cells (which
 * may be a password, in a file without a header) are what the CSV reader
 * quotes as column names. The position part is kept. */
static void
relay(struct diag *d, const struct diag *src, int withhold)
{
	size_t i;

	for (i = 0; i < diag_count(src); i++) {
		enum diag_sev sev;
		const char *t = diag_text(src, i, &sev), *tag, *q;
		const char *word = sev == DIAG_ERROR ? ": error: " : ": warning: ";
		struct buf where, what;
		struct pos at = { NULL, 0, 0 };
		int inside = 0;

		tag = strstr(t, word);
		if (tag == NULL)
			continue;
		buf_init(&where);
		buf_init(&what);
		buf_put(&where, t, (size_t)(tag - t));
		for (q = tag + strlen(word); *q != '\0'; q++) {
			if (*q == '"' && withhold) {
				buf_puts(&what, inside ? "\"" : "\"(withheld)");
				inside = !inside;
			} else if (!inside)
				buf_putc(&what, *q);
		}
		at.file = where.p;
		diag_report(d, sev, &at, "%s", what.p);
		buf_free(&where);
		buf_free(&what);
	}
}

static void
check_mode(const char *path, struct diag *d)
{
	struct stat st;
	struct pos at = { path, 0, 0 };

	if (stat(path, &st) == 0 && (st.st_mode & 044) != 0)
		diag_warning(d, &at, "readable by group or others (mode %04o); "
		    "expected a passwords file only its owner can read "
		    "(chmod 600)", (unsigned)(st.st_mode & 07777));
}

/* add_row: one record; 0 when it was refused (reported). */
static int
add_row(struct passwords *pw, struct csvin *r, const struct csvin_rec *rec,
    int cid, int cpw, const struct strtab *known)
{
	const char *id = rec->f[cid], *p = rec->f[cpw];
	int prev;

	if (rec->len[cid] == 0) {
		csvin_error(r, rec->line, cid, "empty; expected the id of a "
		    "person, or * for the organisation and department summaries");
		return 0;
	}
	if (rec->len[cpw] == 0) {
		csvin_error(r, rec->line, cpw, "empty for id \"%s\"; expected "
		    "a password (an empty one would open the file for anyone)",
		    id);
		return 0;
	}
	if (rec->len[cpw] > MAX_PASSWORD) {
		/* AES-256 (PDF R6) keys come from the first 127 bytes of the
		 * UTF-8 password; readers truncate differently, so a longer
		 * one gave files nobody could open. */
		csvin_error(r, rec->line, cpw, "the password for id \"%s\" "
		    "is %zu bytes long; expected at most %d bytes (PDF "
		    "encryption uses no more)", id, rec->len[cpw], MAX_PASSWORD);
		return 0;
	}
	prev = strtab_gets(pw->ids, id);
	if (prev >= 0) {
		csvin_error(r, rec->line, cid, "\"%s\" has a password already "
		    "at line %d; expected one row per id", id, pw->line[prev]);
		return 0;
	}
	if (known != NULL && strcmp(id, "*") != 0 && strtab_gets(known, id) < 0)
		csvin_warning(r, rec->line, cid, "\"%s\" is not in the roster; "
		    "its password is not used", id);
	XGROW(pw->id, pw->cap, pw->n + 1);
	pw->pw = xreallocarray(pw->pw, pw->cap, sizeof *pw->pw);
	pw->line = xreallocarray(pw->line, pw->cap, sizeof *pw->line);
	pw->id[pw->n] = xstrdup(id);
	pw->pw[pw->n] = xstrdup(p);
	pw->line[pw->n] = rec->line;
	strtab_put(pw->ids, pw->id[pw->n], strlen(id), (int)pw->n);
	pw->n++;
	return 1;
}

struct passwords *
passwords_load(const char *path, const struct strtab *known, struct diag *d)
{
	struct diag *local = diag_new(NULL);
	struct passwords *pw = xcalloc(1, sizeof *pw);
	struct csvin *r;
	struct csvin_rec rec;
	int cid = -1, cpw = -1, ok = 1;

	check_mode(path, d);
	pw->ids = strtab_new(0);
	r = csvin_open(path, path, local);
	if (r == NULL)
		ok = 0;
	else {
		cid = csvin_col(r, "id");
		cpw = csvin_col(r, "password");
		if (cid < 0 || cpw < 0) {
			struct pos at = { path, 1, 0 };

			diag_error(local, &at, "the header row lacks the column "
			    "%s; expected a first line \"id,password\"",
			    cid < 0 ? "id" : "password");
			ok = 0;
		}
		while (ok && csvin_next(r, &rec))
			add_row(pw, r, &rec, cid, cpw, known);
		csvin_free(r);
	}
	relay(d, local, cid < 0 || cpw < 0);
	if (diag_errors(local) > 0)
		ok = 0;
	diag_free(local);
	if (!ok) {
		passwords_free(pw);
		return NULL;
	}
	return pw;
}

/* qpdf_failed: reports libqpdf's error (it names no password) and
 * returns -1. */
static int
qpdf_failed(qpdf_data q, const char *name, struct diag *d)
{
	struct pos at = { name, 0, 0 };
	const char *why = "unknown error";

	if (qpdf_has_error(q)) {
		qpdf_error e = qpdf_get_error(q);

		why = qpdf_get_error_message_detail(q, e);
	}
	diag_error(d, &at, "cannot encrypt: %s", why);
	return -1;
}

int
crypt_pdf(const char *pdf, size_t len, const char *password,
    const char *name, struct buf *out, struct diag *d)
{
	qpdf_data q = qpdf_init();
	int st = 0;

	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if ((qpdf_read_memory(q, name, pdf, len, NULL) & QPDF_ERRORS) != 0 ||
	    (qpdf_init_write_memory(q) & QPDF_ERRORS) != 0)
		st = qpdf_failed(q, name, d);
	else {
		qpdf_set_r6_encryption_parameters2(q, password, password,
		    QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
		    QPDF_TRUE, qpdf_r3p_full, QPDF_TRUE);
		if ((qpdf_write(q) & QPDF_ERRORS) != 0)
			st = qpdf_failed(q, name, d);
		else
			buf_put(out, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	}
	qpdf_cleanup(&q);
	return st;
}

void
crypt_warm(void)
{
	static const char pdf[] =
	    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
	    "trailer<</Root 1 0 R>>\n%%EOF\n";
	struct diag *d = diag_new(NULL);
	struct buf b;

	buf_init(&b);
	crypt_pdf(pdf, sizeof pdf - 1, "warm", "warm-up", &b, d);
	buf_free(&b);
	diag_free(d);
}
