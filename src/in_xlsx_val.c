/* in_xlsx_val.c: the text an .xlsx cell value is given as: cell
 * references, numbers printed back in their shortest form, Excel's serial
 * dates as ISO dates, and which number formats show dates. No XML here;
 * in_xlsx.c calls these for each cell. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in_xlsx.h"
#include "in_xlsx_int.h"
#include "zipfile.h"

int
xlsx_sniff(const unsigned char *p, size_t n)
{
	return zipin_sniff(p, n);
}

const char *
xlsx_cellref(int col, int row, char *out, size_t size)
{
	char letters[8];
	int k = 0, c = col + 1;

	if (col < 0 || row < 0 || size == 0) {
		if (size > 0)
			out[0] = '\0';
		return out;
	}
	/* bijective base 26: A..Z, AA..ZZ, AAA.. */
	while (c > 0 && k < (int)sizeof letters) {
		letters[k++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	{
		char tmp[16];
		int i;

		for (i = 0; i < k; i++)
			tmp[i] = letters[k - 1 - i];
		tmp[k] = '\0';
		snprintf(out, size, "%s%d", tmp, row);
	}
	return out;
}

int
xlsx_parse_ref(const char *s, int *col, int *row)
{
	long c = 0, r = 0;
	const char *p = s;

	while (isupper((unsigned char)*p) || islower((unsigned char)*p)) {
		if (c <= XLSX_MAX_COLS)
			c = c * 26 + (toupper((unsigned char)*p) - 'A' + 1);
		p++;
	}
	if (p == s || !isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p)) {
		if (r <= XLSX_MAX_ROWS)
			r = r * 10 + (*p - '0');
		p++;
	}
	if (*p != '\0' || r == 0)
		return 0;
	*col = (int)(c - 1);
	*row = (int)r;
	return 1;
}

int
xlsx_uint(const char *s, size_t n, long lim, long *v)
{
	size_t i;

	*v = 0;
	if (n == 0 || n > 10)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return *v < lim;
}


/* xlsx_plain: 1 when s[0..n) is already the shortest form xlsx_number
 * would print: -?(0|[1-9][0-9]*)(.[0-9]*[1-9])? with at most 15
 * significant digits (any 15-digit decimal survives the round trip, so
 * no shorter text names the same double) and no exponent needed. */
int
xlsx_plain(const char *s, size_t n)
{
	size_t i = 0, intd = 0, fracd = 0, lead = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i >= n || !isdigit((unsigned char)s[i]))
		return 0;
	if (s[i] == '0' && i + 1 < n && s[i + 1] != '.')
		return 0;
	if (s[i] == '0' && i + 1 == n)
		return s[0] != '-';             /* "0", not "-0" */
	while (i < n && isdigit((unsigned char)s[i])) {
		i++;
		intd++;
	}
	if (i < n) {
		if (s[i] != '.' || i + 1 == n || s[n - 1] == '0')
			return 0;
		for (i++; i < n; i++) {
			if (!isdigit((unsigned char)s[i]))
				return 0;
			fracd++;
		}
	}
	if (intd == 1 && s[s[0] == '-'] == '0') {
		intd = 0;       /* 0.xxx: leading zeros are not significant */
		while (s[(s[0] == '-') + 2 + lead] == '0')
			lead++;
		if (lead >= 6)
			return 0;
		fracd -= lead;
	}
	return intd <= 15 && intd + fracd <= 15 && intd + fracd > 0;
}

/* number_syntax: 1 when s[0..n) is [+-]digits[.digits][e[+-]digits]
 * (digits on at least one side of the point). strtod alone would also
 * take "inf", "nan", hex and leading spaces. */
static int
number_syntax(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < n && isdigit((unsigned char)s[i]); i++)
		d++;
	if (i < n && s[i] == '.')
		for (i++; i < n && isdigit((unsigned char)s[i]); i++)
			d++;
	if (d == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i >= n || !isdigit((unsigned char)s[i]))
			return 0;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
	}
	return i == n;
}

/* shortest: v (finite, not zero) into out as the fewest significant
 * digits that read back as v, laid out as JavaScript prints numbers:
 * plain from 1e-7 up to 1e21, else with an exponent. */
static int
shortest(double v, char *out, size_t size)
{
	char e[40], dig[24];
	int prec, k = 0, x, i, o = 0;
	const char *p;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(e, sizeof e, "%.*e", prec - 1, v);
		if (strtod(e, NULL) == v)
			break;
	}
	p = e;
	if (*p == '-')
		out[o++] = *p++;
	for (; *p != 'e'; p++)
		if (*p != '.')
			dig[k++] = *p;
	while (k > 1 && dig[k - 1] == '0')
		k--;
	dig[k] = '\0';
	x = (int)strtol(p + 1, NULL, 10) + 1;  /* the point after x digits */
	if (k <= x && x <= 21) {
		for (i = 0; i < x; i++)
			out[o++] = i < k ? dig[i] : '0';
	} else if (0 < x && x <= 21) {
		for (i = 0; i < k; i++) {
			if (i == x)
				out[o++] = '.';
			out[o++] = dig[i];
		}
	} else if (-6 < x && x <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (i = 0; i < -x; i++)
			out[o++] = '0';
		for (i = 0; i < k; i++)
			out[o++] = dig[i];
	} else {
		out[o++] = dig[0];
		if (k > 1)
			out[o++] = '.';
		for (i = 1; i < k; i++)
			out[o++] = dig[i];
		o += snprintf(out + o, size - (size_t)o, "e%c%d",
		    x - 1 < 0 ? '-' : '+', abs(x - 1));
	}
	out[o] = '\0';
	return o;
}

int
xlsx_number(const char *s, size_t n, char *out, size_t size, double *v)
{
	char tmp[64];

	if (size < 32)
		return -1;
	if (n < 24 && xlsx_plain(s, n)) {
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		*v = strtod(tmp, NULL);
		memcpy(out, s, n);
		out[n] = '\0';
		return (int)n;
	}
	if (n == 0 || n >= sizeof tmp || !number_syntax(s, n))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*v = strtod(tmp, NULL);
	if (!isfinite(*v))
		return -1;
	if (*v == 0) {
		*v = 0;
		out[0] = '0';
		out[1] = '\0';
		return 1;
	}
	return shortest(*v, out, size);
}

/* civil: the proleptic Gregorian date `days` days after 1970-01-01
 * (H. Hinnant's civil_from_days). */
static void
civil(long days, int *y, int *m, int *d)
{
	long z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
xlsx_date(double v, int date1904, enum xlsx_kind kind, char *out,
    size_t size)
{
	long long secs;
	long days, tod;
	int y, m, d, n;

	if (!(v >= 0) || v >= (date1904 ? 2957004.0 : 2958466.0))
		return 0;
	secs = llround(v * 86400.0);
	days = (long)(secs / 86400);
	tod = (long)(secs % 86400);
	if (kind == XLSX_TIME && days == 0)
		return snprintf(out, size, "%02ld:%02ld:%02ld", tod / 3600,
		    tod / 60 % 60, tod % 60);
	if (date1904)
		civil(days - 24107, &y, &m, &d);
	else if (days == 60) {
		/* Lotus 1-2-3's leap day, kept by Excel */
		y = 1900;
		m = 2;
		d = 29;
	} else
		civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
	n = snprintf(out, size, "%04d-%02d-%02d", y, m, d);
	if (tod != 0 && n > 0 && (size_t)n < size)
		n += snprintf(out + n, size - (size_t)n, " %02ld:%02ld:%02ld",
		    tod / 3600, tod / 60 % 60, tod % 60);
	return n;
}

enum xlsx_kind
xlsx_builtin_kind(long id)
{
	/* ECMA-376 part 1, 18.8.30: 14-17 and 22 dates, 18-21 and 45-47
	 * times; 27-36 and 50-58 are the East Asian locales' dates. */
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return XLSX_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return XLSX_TIME;
	return XLSX_NUMBER;
}

enum xlsx_kind
xlsx_code_kind(const char *code)
{
	int dy = 0, hs = 0, m = 0;
	const char *p;

	for (p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (p == NULL)
				goto out;
			break;
		case '[':
			p = strchr(p + 1, ']');
			if (p == NULL)
				goto out;
			break;
		case '\\': case '_': case '*':
			if (p[1] == '\0')
				goto out;
			p++;
			break;
		case 'd': case 'D': case 'y': case 'Y':
			dy = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			hs = 1;
			break;
		case 'm': case 'M':
			m = 1;
			break;
		default:
			break;
		}
	}
out:
	if (dy)
		return XLSX_DATE;
	if (hs)
		return XLSX_TIME;
	return m ? XLSX_DATE : XLSX_NUMBER;
}
