/* zipfile.c: zipfile.h over libzip: an archive opened from a checked
 * regular file, entries streamed with zip_fread, and the sizes libzip
 * reports held against what is actually inflated; and archives written
 * into a memory source, each entry with the same DOS date. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "in_text.h"
#include "zipfile.h"

struct zipin {
	zip_t *za;
	const char *name;
	struct diag *d;
};

struct zipin_entry {
	struct zipin *z;
	zip_file_t *zf;
	const char *ename;      /* libzip's copy, alive as long as za */
	unsigned long long declared;    /* the directory's size */
	unsigned long long got;         /* bytes delivered so far */
	int done;
};

int
zipin_sniff(const unsigned char *p, size_t n)
{
	return n >= 4 && p[0] == 'P' && p[1] == 'K' && p[2] == 3 && p[3] == 4;
}

/* what_else: for a file that is not a zip archive, what its first bytes
 * say it is instead (NULL when they say nothing we know). */
static const char *
what_else(const unsigned char *p, size_t n)
{
	static const unsigned char cfb[] = { 0xD0, 0xCF, 0x11, 0xE0 };

	if (n == 0)
		return "the file is empty; expected an .xlsx workbook";
	if (n >= 4 && memcmp(p, cfb, 4) == 0)
		return "is an old-format (.xls) or password-protected Excel "
		    "file, not a zip archive; expected an .xlsx workbook "
		    "(save it again as .xlsx without a password)";
	return NULL;
}

/* say: an error about the archive as a whole. */
static void PRINTF_LIKE(2, 3)
say(struct zipin *z, const char *fmt, ...)
{
	struct pos at = { z->name, 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(z->d, DIAG_ERROR, &at, fmt, ap);
	va_end(ap);
}

/* opened: zip_open_from_source's failure in words; `head` is the file's
 * first bytes (n of them). */
static void
open_failed(struct zipin *z, zip_error_t *ze, const unsigned char *head,
    size_t n)
{
	const char *other = what_else(head, n);
	int code = zip_error_code_zip(ze);

	if (other != NULL)
		say(z, "%s", other);
	else if (code == ZIP_ER_NOZIP && !zipin_sniff(head, n))
		say(z, "not a zip archive; expected an .xlsx workbook (a zip "
		    "archive of XML parts)");
	else if (code == ZIP_ER_NOZIP)
		say(z, "the zip archive is truncated or damaged (its central "
		    "directory is missing); expected a whole .xlsx workbook");
	else
		say(z, "the zip archive is damaged (%s); expected a whole "
		    ".xlsx workbook", zip_error_strerror(ze));
}

struct zipin *
zipin_open(const char *path, const char *name, struct diag *d)
{
	struct zipin *z;
	unsigned char head[8];
	size_t n;
	zip_error_t ze;
	zip_source_t *src;
	long long size;
	FILE *f = diag_fopen(d, path, name, &size);

	if (f == NULL)
		return NULL;
	/* the cap of a CSV file: a workbook this large is not an export of
	 * a review cycle (nor is one whose sheet inflates past it, below) */
	if (size > 0 && (unsigned long long)size > ZIPIN_MAX_FILE) {
		text_too_big(name, ZIPIN_MAX_FILE, (size_t)size, 0, d);
		fclose(f);
		return NULL;
	}
	z = xcalloc(1, sizeof *z);
	z->name = name;
	z->d = d;
	n = fread(head, 1, sizeof head, f);
	if (ferror(f) || fseek(f, 0, SEEK_SET) != 0) {
		say(z, "cannot read the file: %s", strerror(errno));
		fclose(f);
		free(z);
		return NULL;
	}
	zip_error_init(&ze);
	/* The source owns f from here: zip_source_free closes it. */
	src = zip_source_filep_create(f, 0, -1, &ze);
	if (src == NULL) {
		fclose(f);
		xdie_oom();
	}
	z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (z->za == NULL) {
		open_failed(z, &ze, head, n);
		zip_source_free(src);
		zip_error_fini(&ze);
		free(z);
		return NULL;
	}
	zip_error_fini(&ze);
	return z;
}

void
zipin_free(struct zipin *z)
{
	if (z == NULL)
		return;
	zip_discard(z->za);
	free(z);
}

long
zipin_find(struct zipin *z, const char *entry)
{
	zip_int64_t i = zip_name_locate(z->za, entry, ZIP_FL_NOCASE);

	return i < 0 ? -1 : (long)i;
}

/* too_big: 1 after reporting when the directory's sizes for entry `ename`
 * break a cap of zipfile.h. */
static int
too_big(struct zipin *z, const char *ename, const zip_stat_t *st)
{
	char msg[256];

	if (!(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE))
		return 0;       /* held against the bytes while reading */
	if (st->size > ZIPIN_MAX_ENTRY) {
		snprintf(msg, sizeof msg, "%llu bytes uncompressed; expected "
		    "at most %u (a zip bomb?)", (unsigned long long)st->size,
		    ZIPIN_MAX_ENTRY);
		say(z, "zip entry %s: %s", ename, msg);
		return 1;
	}
	if (st->size > ZIPIN_RATIO_FLOOR &&
	    st->size / ZIPIN_MAX_RATIO > st->comp_size) {
		snprintf(msg, sizeof msg, "%llu bytes compressed into %llu; "
		    "expected a compression ratio of at most %d to 1 (a zip "
		    "bomb?)", (unsigned long long)st->size,
		    (unsigned long long)st->comp_size, ZIPIN_MAX_RATIO);
		say(z, "zip entry %s: %s", ename, msg);
		return 1;
	}
	return 0;
}

struct zipin_entry *
zipin_entry_open(struct zipin *z, long idx)
{
	struct zipin_entry *e;
	zip_stat_t st;
	zip_file_t *zf;

	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_NAME)) {
		say(z, "the zip archive is damaged (%s); expected a whole "
		    ".xlsx workbook", zip_strerror(z->za));
		return NULL;
	}
	if (too_big(z, st.name, &st))
		return NULL;
	zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		int code = zip_error_code_zip(zip_get_error(z->za));

		if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
			say(z, "zip entry %s is encrypted; expected an .xlsx "
			    "workbook without a password", st.name);
		else
			say(z, "zip entry %s cannot be read: %s", st.name,
			    zip_strerror(z->za));
		return NULL;
	}
	e = xcalloc(1, sizeof *e);
	e->z = z;
	e->zf = zf;
	e->ename = st.name;
	e->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : ZIPIN_MAX_ENTRY;
	if (e->declared > ZIPIN_MAX_ENTRY)
		e->declared = ZIPIN_MAX_ENTRY;
	return e;
}

long
zipin_read(struct zipin_entry *e, void *p, size_t n)
{
	zip_int64_t got;
	char msg[160];

	if (e->done)
		return 0;
	/* Never ask for more than one byte past the declared size: a
	 * stream that would go on is found without inflating it. */
	if (n > e->declared - e->got + 1)
		n = (size_t)(e->declared - e->got + 1);
	got = zip_fread(e->zf, p, n);
	if (got < 0) {
		e->done = 1;
		say(e->z, "zip entry %s is damaged: %s; expected a whole .xlsx "
		    "workbook", e->ename, zip_file_strerror(e->zf));
		return -1;
	}
	if (got == 0) {
		e->done = 1;
		return 0;
	}
	e->got += (unsigned long long)got;
	if (e->got > e->declared) {
		e->done = 1;
		snprintf(msg, sizeof msg, "inflates to more than its declared "
		    "%llu bytes%s", e->declared,
		    e->declared == ZIPIN_MAX_ENTRY ? " (the cap)" : "");
		say(e->z, "zip entry %s %s; expected an undamaged workbook "
		    "(a zip bomb?)", e->ename, msg);
		return -1;
	}
	return (long)got;
}

void
zipin_entry_close(struct zipin_entry *e)
{
	if (e == NULL)
		return;
	zip_fclose(e->zf);
	free(e);
}

const char *
zipin_entry_name(const struct zipin_entry *e)
{
	return e->ename;
}

void
zipin_set_diag(struct zipin *z, struct diag *d)
{
	z->d = d;
}

/* --- writing --- */

struct zipout {
	zip_source_t *src;      /* the archive's bytes */
	zip_t *za;
	int failed;
};

struct zipout *
zipout_new(void)
{
	struct zipout *z = xcalloc(1, sizeof *z);
	zip_error_t err;

	zip_error_init(&err);
	z->src = zip_source_buffer_create(NULL, 0, 0, &err);
	if (z->src != NULL)
		z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &err);
	if (z->za == NULL) {
		if (z->src != NULL)
			zip_source_free(z->src);
		z->src = NULL;
		z->failed = 1;
	} else
		zip_source_keep(z->src);        /* outlives zip_close */
	zip_error_fini(&err);
	return z;
}

void
zipout_free(struct zipout *z)
{
	if (z == NULL)
		return;
	if (z->za != NULL)
		zip_discard(z->za);
	if (z->src != NULL)
		zip_source_free(z->src);
	free(z);
}

void
zipout_add(struct zipout *z, const char *name, const void *p, size_t n,
    int store)
{
	zip_source_t *s;
	zip_int64_t i;
	void *copy;

	if (z->failed)
		return;
	copy = xmalloc(n > 0 ? n : 1);
	memcpy(copy, p, n);
	s = zip_source_buffer(z->za, copy, n, 1);      /* frees copy */
	if (s == NULL) {
		free(copy);
		z->failed = 1;
		return;
	}
	i = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(s);
		z->failed = 1;
		return;
	}
	/* 1980-01-01 00:00, the first DOS date: no clock, no time zone */
	if (zip_file_set_dostime(z->za, (zip_uint64_t)i, 0, (1 << 5) | 1,
	    0) != 0 || zip_set_file_compression(z->za, (zip_uint64_t)i,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) != 0)
		z->failed = 1;
}

int
zipout_finish(struct zipout *z, struct buf *out, const char *what,
    struct diag *d)
{
	zip_stat_t st;
	char chunk[65536];
	zip_int64_t n;

	if (!z->failed && zip_close(z->za) == 0) {
		z->za = NULL;
		zip_stat_init(&st);
		if (zip_source_stat(z->src, &st) == 0 &&
		    zip_source_open(z->src) == 0) {
			for (n = zip_source_read(z->src, chunk, sizeof chunk);
			    n > 0; n = zip_source_read(z->src, chunk,
			    sizeof chunk))
				buf_put(out, chunk, (size_t)n);
			zip_source_close(z->src);
			if (n == 0)
				return 0;
		}
	}
	diag_error(d, NULL, "%s: the archive could not be made (%s)", what,
	    z->za != NULL ? zip_strerror(z->za) : "libzip failed");
	return -1;
}
