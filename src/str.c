/* str.c: string helpers: comparisons, "did you mean" suggestions, UTF-8
 * checks, strict number parsing and round2 (revpack.1, SCORING). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
str_casecmp_ascii(const char *a, const char *b)
{
	while (*a != '\0' && lower((unsigned char)*a) == lower((unsigned char)*b))
		a++, b++;
	return lower((unsigned char)*a) - lower((unsigned char)*b);
}

void
str_trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

static int
min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions, so "wieght" is one edit from "weight"), three rows.
 */
int
str_distance(const char *a, const char *b, int cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int *r0, *r1, *r2, *t, d;

	if (la > 256 || lb > 256)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)cap)
		return cap + 1;
	r0 = xcalloc(lb + 1, sizeof(int));
	r1 = xcalloc(lb + 1, sizeof(int));
	r2 = xcalloc(lb + 1, sizeof(int));
	for (j = 0; j <= lb; j++)
		r1[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int best;

		r2[0] = (int)i;
		best = r2[0];
		for (j = 1; j <= lb; j++) {
			int cost = lower((unsigned char)a[i - 1]) !=
			    lower((unsigned char)b[j - 1]);

			r2[j] = min3(r1[j] + 1, r2[j - 1] + 1, r1[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r0[j - 2] + 1 < r2[j])
				r2[j] = r0[j - 2] + 1;
			if (r2[j] < best)
				best = r2[j];
		}
		t = r0, r0 = r1, r1 = r2, r2 = t;
		if (best > cap) {
			d = cap + 1;
			goto out;
		}
	}
	d = r1[lb] > cap ? cap + 1 : r1[lb];
out:
	free(r0);
	free(r1);
	free(r2);
	return d;
}

const char *
str_suggest(const char *s, const char *const *cands, size_t n)
{
	int len = (int)strlen(s), cap, best;
	const char *hit = NULL;
	size_t i;

	/* One edit for short words ("a0" is not a misspelt "id"), a third of
	 * the length for longer ones ("wieght" -> "weight"). */
	cap = len <= 3 ? 1 : len / 3 < 2 ? 2 : len / 3;
	best = cap + 1;
	for (i = 0; i < n; i++) {
		int d = str_distance(s, cands[i], cap);

		if (d < best && d < (int)strlen(cands[i])) {
			best = d;
			hit = cands[i];
		}
	}
	return hit;
}

int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = u[i];
		size_t k, len;
		uint32_t cp;

		if (c == 0)
			goto fail;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			goto fail;
		if (n - i < len)
			goto fail;
		for (k = 1; k < len; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				goto fail;
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto fail;
		i += len;
	}
	return 1;
fail:
	if (bad != NULL)
		*bad = i;
	return 0;
}

void
utf8_put(struct buf *b, uint32_t cp)
{
	if (cp < 0x80)
		buf_putc(b, (int)cp);
	else if (cp < 0x800) {
		buf_putc(b, (int)(0xc0 | cp >> 6));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(b, (int)(0xe0 | cp >> 12));
		buf_putc(b, (int)(0x80 | (cp >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (int)(0xf0 | cp >> 18));
		buf_putc(b, (int)(0x80 | (cp >> 12 & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

int
utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int len, k;

	if (n == 0) {
		*cp = 0;
		return 1;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xE0)
		len = 2, *cp = u[0] & 0x1F;
	else if (u[0] < 0xF0)
		len = 3, *cp = u[0] & 0x0F;
	else
		len = 4, *cp = u[0] & 0x07;
	if ((size_t)len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (k = 1; k < len; k++)
		*cp = (*cp << 6) | (u[k] & 0x3F);
	return len;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* The syntax of a plain decimal number: [+-]digits[.digits][e[+-]digits]. */
static int
number_syntax(const char *s, size_t n, int *integral)
{
	size_t i = 0, d = 0;

	*integral = 1;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && is_digit((unsigned char)s[i]))
		i++, d++;
	if (i < n && s[i] == '.') {
		*integral = 0;
		i++;
		while (i < n && is_digit((unsigned char)s[i]))
			i++, d++;
	}
	if (d == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		*integral = 0;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < n && is_digit((unsigned char)s[i]))
			i++, e++;
		if (e == 0)
			return 0;
	}
	return i == n;
}

int
parse_double(const char *s, size_t n, double *out)
{
	char tmp[64];
	int integral;
	char *end;

	if (n == 0 || n >= sizeof tmp || !number_syntax(s, n, &integral))
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = strtod(tmp, &end);
	return *end == '\0' && isfinite(*out);
}

int
parse_long(const char *s, size_t n, long *out)
{
	char tmp[32];
	int integral;
	char *end;

	if (n == 0 || n >= sizeof tmp || !number_syntax(s, n, &integral) ||
	    !integral)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = strtol(tmp, &end, 10);
	return *end == '\0' && *out > -1000000000L && *out < 1000000000L;
}

double
round2(double x)
{
	double r;

	if (isnan(x))
		return x;
	x += x < 0 ? -1e-9 : 1e-9;
	r = round(x * 100.0) / 100.0;
	return r == 0 ? 0.0 : r;        /* no "-0" */
}

const char *
fmt_num(double x, char *out, size_t size)
{
	size_t n;

	if (isnan(x)) {
		if (size > 0)
			out[0] = '\0';
		return out;
	}
	snprintf(out, size, "%.2f", round2(x));
	n = strlen(out);
	if (strchr(out, '.') != NULL) {
		while (n > 0 && out[n - 1] == '0')
			out[--n] = '\0';
		if (n > 0 && out[n - 1] == '.')
			out[--n] = '\0';
	}
	return out;
}

int
str_eq_fold(const char *a, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)s[i];

		if (x == '\0')
			return 0;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return a[n] == '\0';
}

/* digits: the number s[*i..) starts with (at most 4 digits), *i moved
 * past it; -1 when there is none. */
static int
digits(const char *s, size_t n, size_t *i)
{
	int v = 0, k = 0;

	while (*i < n && k < 4 && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k > 0 ? v : -1;
}

int
parse_datetime(const char *s, size_t n, double *out)
{
	int part[6] = { 0, 0, 0, 0, 0, 0 }, y, mo, d;
	size_t i = 0, k;

	for (k = 0; k < 6 && i < n; k++) {
		part[k] = digits(s, n, &i);
		if (part[k] < 0)
			return 0;
		if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.' ||
		    s[i] == ':' || s[i] == ' ' || s[i] == 'T'))
			i++;
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && (s[i] == 'A' || s[i] == 'P' || s[i] == 'a' ||
		    s[i] == 'p')) {
			/* "1:45:00 PM" */
			if ((s[i] == 'P' || s[i] == 'p') && part[3] < 12)
				part[3] += 12;
			else if ((s[i] == 'A' || s[i] == 'a') && part[3] == 12)
				part[3] = 0;
			break;
		}
	}
	if (k < 3)
		return 0;
	if (part[0] > 31) {
		y = part[0], mo = part[1], d = part[2];
	} else if (part[0] > 12 || (memchr(s, '.', n) != NULL &&
	    memchr(s, '/', n) == NULL)) {
		d = part[0], mo = part[1], y = part[2];
	} else {
		mo = part[0], d = part[1], y = part[2];
	}
	if (y < 100)
		y += 2000;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || part[3] > 24 ||
	    part[4] > 59 || part[5] > 60)
		return 0;
	*out = ((((double)y * 13 + mo) * 32 + d) * 25 + part[3]) * 3600.0 +
	    part[4] * 60.0 + part[5];
	return 1;
}

int
parse_leading_number(const char *s, size_t n, double *out)
{
	size_t i = 0, end;

	while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		i++;
	end = i;
	if (end == 0 || end == n || !parse_double(s, end, out))
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == ':' || s[i] == ')'))
		i++;
	else if (n - i >= 3 && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
		i += 3;         /* an en or em dash */
	else if (s[end - 1] == '.' && end >= 2 && i > end - 1)
		i = end;        /* "4. Good": the full stop was read */
	else
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i < n && i > end;
}

void
str_fold(struct buf *b, const char *s, size_t n)
{
	struct buf u;
	size_t i;
	int space = 0;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	buf_init(&u);
	if (i < n && uni_fold(s, n, &u)) {
		s = u.p;
		n = u.len;
	}
	buf_reset(b);
	buf_putc(b, 0);         /* p is never NULL, even for "" */
	b->len = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			i++;            /* a no-break space */
			space = 1;
			continue;
		}
		if (space && b->len > 0)
			buf_putc(b, ' ');
		space = 0;
		buf_putc(b, c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	buf_free(&u);
}
