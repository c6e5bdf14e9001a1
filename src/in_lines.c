/* in_lines.c: in_lines.h's physical lines over a growing buffer that is
 * refilled in 64 KiB blocks (or, for bytes in memory, over those bytes
 * themselves); a line is always whole in the buffer when it is handed
 * out, so that its bytes can be given to a parser at once and a byte
 * offset in it is a column. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "in_lines.h"
#include "util.h"

#define BLOCK (64 * 1024)

struct lines {
	FILE *f;
	char *in;               /* in[start..len) not yet handed out */
	size_t cap, len, start;
	int eof, failed;
	int borrowed;           /* in is the caller's memory: never refilled */
	int number;
	enum lines_bom bom;
};

/* Reads more of the file behind what is left in the buffer; sets eof.
 * (Bytes in memory are all there from the start.) */
static void
refill(struct lines *l)
{
	size_t left = l->len - l->start, got;

	if (l->start > 0) {
		memmove(l->in, l->in + l->start, left);
		l->len = left;
		l->start = 0;
	}
	if (l->cap - l->len < BLOCK) {
		l->cap = l->len + BLOCK;
		l->in = xrealloc(l->in, l->cap);
	}
	got = fread(l->in + l->len, 1, l->cap - l->len, l->f);
	if (got == 0 && ferror(l->f))
		l->failed = errno != 0 ? errno : EIO;
	l->len += got;
	if (got == 0)
		l->eof = 1;
}

/* find_eol: the length of the first line of b[0..n) with its terminator
 * (LF, CRLF or CR) in *end: 1, or 0 when more input is needed. */
static int
find_eol(const char *b, size_t n, int eof, size_t *end)
{
	const char *lf = memchr(b, '\n', n);
	size_t lim = lf != NULL ? (size_t)(lf - b) : n;
	const char *cr = memchr(b, '\r', lim);

	if (cr != NULL) {
		size_t i = (size_t)(cr - b);

		if (i + 1 < n) {
			*end = i + 1 + (b[i + 1] == '\n');
			return 1;
		}
		if (eof) {
			*end = i + 1;
			return 1;
		}
		return 0;
	}
	if (lf != NULL) {
		*end = lim + 1;
		return 1;
	}
	return 0;
}

/* Looks at the first bytes: a UTF-8 BOM is stripped, a UTF-16 one noted. */
static struct lines *
begin(struct lines *l)
{
	const unsigned char *u;

	while (l->len < 4 && !l->eof)
		refill(l);
	u = (const unsigned char *)l->in;
	if (l->len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		l->start = 3;
		l->bom = BOM_UTF8;
	} else if (l->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF)))
		l->bom = BOM_UTF16;
	return l;
}

struct lines *
lines_file(FILE *f)
{
	struct lines *l = xcalloc(1, sizeof(*l));

	l->f = f;
	return begin(l);
}

struct lines *
lines_mem(const char *data, size_t len)
{
	struct lines *l = xcalloc(1, sizeof(*l));

	/* all of it is there: hand out lines in place, without copying */
	l->in = (char *)(uintptr_t)data;
	l->len = l->cap = len;
	l->eof = 1;
	l->borrowed = 1;
	return begin(l);
}

void
lines_free(struct lines *l)
{
	if (l == NULL)
		return;
	if (l->f != NULL)
		fclose(l->f);
	if (!l->borrowed)
		free(l->in);
	free(l);
}

enum lines_bom
lines_bom(const struct lines *l)
{
	return l->bom;
}

int
lines_number(const struct lines *l)
{
	return l->number;
}

/* Skips the rest of an overlong line, through its end. */
static void
skip_line(struct lines *l)
{
	size_t end;

	for (;;) {
		if (find_eol(l->in + l->start, l->len - l->start, l->eof,
		    &end)) {
			l->start += end;
			return;
		}
		l->start = l->len;
		if (l->eof)
			return;
		refill(l);
	}
}

int
lines_next(struct lines *l, size_t max, const char **s, size_t *n)
{
	size_t end, avail;

	for (;;) {
		if (l->failed > 0) {
			errno = l->failed;
			l->failed = -1;         /* said once */
			return LINES_FAILED;
		}
		avail = l->len - l->start;
		if (find_eol(l->in + l->start, avail, l->eof, &end))
			break;
		if (!l->eof && avail <= max) {
			refill(l);
			continue;
		}
		if (avail == 0)
			return LINES_END;
		end = avail;            /* the last line has no terminator */
		break;
	}
	l->number++;
	if (end > max) {
		skip_line(l);
		return LINES_LONG;
	}
	*s = l->in + l->start;
	*n = end;
	l->start += end;
	return LINES_OK;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
lines_peek(struct lines *l, size_t max, const char **s, size_t *n,
    int *first)
{
	size_t i, avail, end;
	const char *b;

	for (;;) {
		b = l->in + l->start;
		avail = l->len - l->start;
		for (i = 0; i < avail && is_blank(b[i]); i++)
			continue;
		if (i < avail && find_eol(b + i, avail - i, l->eof, &end))
			break;
		end = avail - i;
		if (l->eof || l->failed || avail >= max)
			break;
		refill(l);
	}
	if (i == avail)
		return 0;
	*s = b + i;
	*n = end;
	*first = i == 0;
	return 1;
}
