/* bidi.c: the Unicode Bidirectional Algorithm (UAX #9) through ICU's
 * ubidi, its one user: the direction of a paragraph from its first strong
 * character, and a line's runs in visual order, each with its direction,
 * so that layout places them left to right and the device shapes each in
 * its own direction. Text stays UTF-8: the runs are byte ranges. */
#include <stdlib.h>

#include <unicode/ubidi.h>

#include "bidi.h"
#include "util.h"

int
bidi_maybe_rtl(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned c = p[i];

		if (c < 0xd6)
			continue;
		if (c <= 0xdf)                  /* U+0580..U+07FF */
			return 1;
		if (i + 2 >= n)
			return 1;               /* cut short: ask ICU */
		if (c == 0xe0 && p[i + 1] >= 0xa0 && p[i + 1] <= 0xa3)
			return 1;               /* U+0800..U+08FF */
		if (c == 0xe2 && ((p[i + 1] == 0x80 && (p[i + 2] == 0x8f ||
		    p[i + 2] == 0xab || p[i + 2] == 0xae)) || (p[i + 1] ==
		    0x81 && (p[i + 2] == 0xa7 || p[i + 2] == 0xa8))))
			return 1;               /* RLM, RLE, RLO, RLI, FSI */
		if (c == 0xef && p[i + 1] >= 0xac && p[i + 1] <= 0xbb)
			return 1;               /* U+FB00..U+FEFF */
		if (c == 0xf0 && (p[i + 1] == 0x90 ||
		    p[i + 1] == 0x9e))
			return 1;               /* U+10000.., U+1E000.. */
	}
	return 0;
}

/* A line as UTF-16 for ICU, with the byte offset of each unit. */
struct u16 {
	UChar *u;
	uint32_t *off;          /* n + 1 entries: off[n] is the length */
	int32_t n;
};

/* to_u16: s[0..n) (valid UTF-8) into t; the caller frees t->u, t->off. */
static void
to_u16(const char *s, size_t n, struct u16 *t)
{
	size_t i = 0;

	t->u = xcalloc(n + 1, sizeof *t->u);
	t->off = xcalloc(n + 1, sizeof *t->off);
	t->n = 0;
	while (i < n) {
		uint32_t cp;
		int k = utf8_next(s + i, n - i, &cp);

		if (cp >= 0x10000) {
			t->off[t->n] = (uint32_t)i;
			t->u[t->n++] = (UChar)(0xd800 + ((cp - 0x10000) >> 10));
			t->off[t->n] = (uint32_t)i;
			t->u[t->n++] = (UChar)(0xdc00 + (cp & 0x3ff));
		} else {
			t->off[t->n] = (uint32_t)i;
			t->u[t->n++] = (UChar)cp;
		}
		i += (size_t)k;
	}
	t->off[t->n] = (uint32_t)n;
}

int
bidi_first_strong(const char *s, size_t n)
{
	struct u16 t;
	UBiDiDirection d;

	if (!bidi_maybe_rtl(s, n)) {
		size_t i;

		/* without right-to-left characters: LTR if any letter is */
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];

			if ((c | 0x20) - 'a' < 26 || c >= 0xc0)
				break;
		}
		if (i == n)
			return BIDI_NONE;
	}
	to_u16(s, n, &t);
	d = ubidi_getBaseDirection(t.u, t.n);
	free(t.u);
	free(t.off);
	return d == UBIDI_RTL ? BIDI_RTL : d == UBIDI_LTR ? BIDI_LTR :
	    BIDI_NONE;
}

size_t
bidi_runs(const char *s, size_t n, int rtl, struct bidi_run *out,
    size_t max)
{
	UErrorCode e = U_ZERO_ERROR;
	UBiDi *b;
	struct u16 t;
	int32_t i, count;
	size_t k = 0;

	if (n == 0 || max == 0)
		return 0;
	to_u16(s, n, &t);
	b = ubidi_openSized(t.n, 0, &e);
	if (b != NULL)
		ubidi_setPara(b, t.u, t.n, rtl ? 1 : 0, NULL, &e);
	count = U_SUCCESS(e) ? ubidi_countRuns(b, &e) : 0;
	if (U_FAILURE(e) || count <= 0) {
		/* ICU failed (out of memory): the line as one run */
		out[0].off = 0;
		out[0].len = n;
		out[0].rtl = 0;
		k = 1;
	}
	for (i = 0; U_SUCCESS(e) && i < count && k < max; i++) {
		int32_t start, len;
		UBiDiDirection d = ubidi_getVisualRun(b, i, &start, &len);

		out[k].off = t.off[start];
		out[k].len = t.off[start + len] - t.off[start];
		out[k].rtl = d == UBIDI_RTL;
		k++;
	}
	if (b != NULL)
		ubidi_close(b);
	free(t.u);
	free(t.off);
	return k;
}
