/* uni.c: Unicode operations through ICU, its one user: input text put in
 * NFC as it is read; text folded for comparison, so that names and
 * e-mails match however they are typed or exported (case, composed or
 * decomposed accents, compatibility forms, invisible joiners); case
 * folding, confusable skeletons, scripts and character names for the
 * checks on ids; default-ignorable code points for the fonts; and for
 * the layout engine, where lines may break (UAX #14, with ICU's
 * dictionaries for Thai, Lao, Khmer and Burmese), where grapheme
 * clusters end, and the bidirectional algorithm (bidi.h): paragraph
 * directions and lines in visual order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "bidi.h"
#include "util.h"

/* to_utf16: s[0..n) as UTF-16 in a malloc'd buffer (*len units); NULL
 * when s is not UTF-8. */
static UChar *
to_utf16(const char *s, size_t n, int32_t *len)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar *u;

	u_strFromUTF8(NULL, 0, len, s, (int32_t)n, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	u = xcalloc((size_t)*len + 1, sizeof(UChar));
	e = U_ZERO_ERROR;
	u_strFromUTF8(u, *len + 1, NULL, s, (int32_t)n, &e);
	if (U_FAILURE(e)) {
		free(u);
		return NULL;
	}
	return u;
}

/* from_utf16: u[0..len) as UTF-8 into out (reset first): 1, or 0. */
static int
from_utf16(const UChar *u, int32_t len, struct buf *out)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t blen;
	char *b;
	int ok;

	u_strToUTF8(NULL, 0, &blen, u, len, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return 0;
	e = U_ZERO_ERROR;
	b = xmalloc((size_t)blen + 1);
	u_strToUTF8(b, blen + 1, NULL, u, len, &e);
	ok = !U_FAILURE(e);
	buf_reset(out);
	buf_put(out, "", 0);
	if (ok)
		buf_put(out, b, (size_t)blen);
	free(b);
	return ok;
}

/* normalize: u[0..len) through nf, as UTF-8 into out: 1, or 0. */
static int
normalize(const UNormalizer2 *nf, const UChar *u, int32_t len,
    struct buf *out)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar *f;
	int32_t flen;
	int ok;

	flen = unorm2_normalize(nf, u, len, NULL, 0, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return 0;
	e = U_ZERO_ERROR;
	f = xcalloc((size_t)flen + 1, sizeof(UChar));
	unorm2_normalize(nf, u, len, f, flen + 1, &e);
	ok = !U_FAILURE(e) && from_utf16(f, flen, out);
	free(f);
	return ok;
}

int
uni_nfc(const char *s, size_t n, struct buf *out)
{
	const unsigned char *t = (const unsigned char *)s;
	const UNormalizer2 *nf;
	UErrorCode e = U_ZERO_ERROR;
	UChar *u;
	int32_t len;
	size_t i;
	int changed = 0;

	/* Every code point below U+0300 (lead bytes up to 0xCB) is NFC on
	 * its own and composes with nothing before it: ASCII, Latin-1 and
	 * the Latin extensions need no ICU call. */
	for (i = 0; i < n && t[i] < 0xCC; i++)
		;
	if (i == n || n > (1u << 24))
		return 0;
	nf = unorm2_getNFCInstance(&e);
	u = to_utf16(s, n, &len);
	if (U_FAILURE(e) || u == NULL) {
		free(u);
		return 0;
	}
	if (unorm2_quickCheck(nf, u, len, &e) != UNORM_YES || U_FAILURE(e)) {
		e = U_ZERO_ERROR;
		if (!unorm2_isNormalized(nf, u, len, &e) && !U_FAILURE(e))
			changed = normalize(nf, u, len, out);
	}
	free(u);
	return changed;
}

int
uni_casefold(const char *s, size_t n, struct buf *out)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *nf = unorm2_getNFCInstance(&e);
	UChar *u, *f;
	int32_t len, flen;
	int ok = 0;

	if (n > (1u << 20) || U_FAILURE(e))
		return 0;
	u = to_utf16(s, n, &len);
	if (u == NULL)
		return 0;
	flen = u_strFoldCase(NULL, 0, u, len, U_FOLD_CASE_DEFAULT, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) {
		free(u);
		return 0;
	}
	e = U_ZERO_ERROR;
	f = xcalloc((size_t)flen + 1, sizeof(UChar));
	u_strFoldCase(f, flen + 1, u, len, U_FOLD_CASE_DEFAULT, &e);
	/* folding can undo a composition: NFC again */
	if (!U_FAILURE(e))
		ok = normalize(nf, f, flen, out);
	free(f);
	free(u);
	return ok;
}

int
uni_ignorable(uint32_t cp)
{
	return u_hasBinaryProperty((UChar32)cp,
	    UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

size_t
uni_ignorable_ranges(uint32_t (*out)[2], size_t max)
{
	UErrorCode e = U_ZERO_ERROR;
	const USet *set = u_getBinaryPropertySet(
	    UCHAR_DEFAULT_IGNORABLE_CODE_POINT, &e);
	int32_t i, k;
	size_t n = 0;

	if (U_FAILURE(e))
		return 0;
	k = uset_getRangeCount(set);
	for (i = 0; i < k && n < max; i++) {
		UChar32 lo, hi;

		e = U_ZERO_ERROR;
		uset_getItem(set, i, &lo, &hi, NULL, 0, &e);
		if (U_FAILURE(e))
			continue;
		out[n][0] = (uint32_t)lo;
		out[n][1] = (uint32_t)hi;
		n++;
	}
	return n;
}

int
uni_script(uint32_t cp)
{
	UErrorCode e = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript((UChar32)cp, &e);

	if (U_FAILURE(e) || sc == USCRIPT_INHERITED)
		return USCRIPT_COMMON;
	return (int)sc;
}

const char *
uni_script_name(int script)
{
	const char *name = uscript_getName((UScriptCode)script);

	return name != NULL ? name : "Unknown";
}

int
uni_is_common_script(int script)
{
	return script == USCRIPT_COMMON || script == USCRIPT_INHERITED;
}

const char *
uni_char_name(uint32_t cp, char *out, size_t size)
{
	UErrorCode e = U_ZERO_ERROR;
	char name[96];
	int32_t n;

	n = u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name, sizeof name,
	    &e);
	if (U_FAILURE(e) || n <= 0 || n >= (int32_t)sizeof name)
		snprintf(out, size, "U+%04X", (unsigned)cp);
	else
		snprintf(out, size, "U+%04X %s", (unsigned)cp, name);
	return out;
}

int
uni_skeleton(const char *s, size_t n, struct buf *out)
{
	UErrorCode e = U_ZERO_ERROR;
	USpoofChecker *sc;
	int32_t len;
	char *b;
	int ok = 0;

	if (n > (1u << 16))
		return 0;
	/* a checker per call: ICU shares the data, and no state is kept
	 * between threads */
	sc = uspoof_open(&e);
	if (U_FAILURE(e))
		return 0;
	len = uspoof_getSkeletonUTF8(sc, 0, s, (int32_t)n, NULL, 0, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR || !U_FAILURE(e)) {
		e = U_ZERO_ERROR;
		b = xmalloc((size_t)len + 1);
		uspoof_getSkeletonUTF8(sc, 0, s, (int32_t)n, b, len + 1, &e);
		if (!U_FAILURE(e)) {
			buf_reset(out);
			buf_put(out, "", 0);
			buf_put(out, b, (size_t)len);
			ok = 1;
		}
		free(b);
	}
	uspoof_close(sc);
	return ok;
}

int
uni_fold(const char *s, size_t n, struct buf *out)
{
	const UNormalizer2 *nf;
	UErrorCode e = U_ZERO_ERROR;
	UChar *u;
	int32_t len;
	int ok;

	if (n > (1u << 20))
		return 0;
	nf = unorm2_getNFKCCasefoldInstance(&e);
	if (U_FAILURE(e))
		return 0;
	u = to_utf16(s, n, &len);
	if (u == NULL)
		return 0;
	ok = normalize(nf, u, len, out);
	free(u);
	return ok;
}

/* Break iterators of one thread (ICU's are not to be shared while in
 * use): lines and grapheme clusters. Either may be NULL when ICU could
 * not open it (its data missing); see uni_line_breaks. */
struct uni_breaker {
	UBreakIterator *line, *cluster;
};

struct uni_breaker *
uni_breaker_new(void)
{
	struct uni_breaker *b = xcalloc(1, sizeof *b);
	UErrorCode e = U_ZERO_ERROR;

	/* The root locale, not "ja": ICU's root rules are the strict CJ
	 * ones (no line starts with a small kana or the prolonged sound
	 * mark ー), where "ja" would allow both. */
	b->line = ubrk_open(UBRK_LINE, "", NULL, 0, &e);
	if (U_FAILURE(e))
		b->line = NULL;
	e = U_ZERO_ERROR;
	b->cluster = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &e);
	if (U_FAILURE(e))
		b->cluster = NULL;
	return b;
}

void
uni_breaker_free(struct uni_breaker *b)
{
	if (b == NULL)
		return;
	if (b->line != NULL)
		ubrk_close(b->line);
	if (b->cluster != NULL)
		ubrk_close(b->cluster);
	free(b);
}

/* is_hangul: cp is a Hangul syllable or jamo (line break classes H2, H3,
 * JL, JV, JT). */
static int
is_hangul(UChar32 cp)
{
	switch (u_getIntPropertyValue(cp, UCHAR_LINE_BREAK)) {
	case U_LB_H2:
	case U_LB_H3:
	case U_LB_JL:
	case U_LB_JV:
	case U_LB_JT:
		return 1;
	default:
		return 0;
	}
}

/* inside_korean_word: s[q] starts a Hangul character that follows one.
 * Korean puts spaces between words and is set without breaking inside
 * them (CSS's word-break: keep-all); UAX #14 allows a break between any
 * two syllables, and ICU 72 has no "lw=keepall" option yet (ICU 74 has,
 * with this rule). */
static int
inside_korean_word(const char *s, size_t len, size_t q)
{
	const uint8_t *t = (const uint8_t *)s;
	int32_t i = (int32_t)q;
	UChar32 a, b;

	if (t[q - 1] < 0x80 || t[q] < 0x80)
		return 0;       /* an ASCII neighbour: not Korean */
	U8_PREV(t, 0, i, a);
	i = (int32_t)q;
	U8_NEXT(t, i, (int32_t)len, b);
	return is_hangul(a) && is_hangul(b);
}

/* breaks: the boundaries bi finds in s[0..len) after 0, into out (room
 * for len); the Korean word rule for line breaks (`line`). Without an
 * iterator, or for a text ICU cannot index, only len. */
static size_t
breaks(UBreakIterator *bi, int line, const char *s, size_t len,
    size_t *out)
{
	UText ut = UTEXT_INITIALIZER;
	UErrorCode e = U_ZERO_ERROR;
	size_t n = 0;
	int32_t q;

	if (len == 0)
		return 0;
	if (bi != NULL && len < INT32_MAX) {
		utext_openUTF8(&ut, s, (int64_t)len, &e);
		ubrk_setUText(bi, &ut, &e);     /* keeps a shallow clone */
		if (!U_FAILURE(e))
			ubrk_first(bi);
		while (!U_FAILURE(e) && (q = ubrk_next(bi)) != UBRK_DONE &&
		    (size_t)q < len)
			if (!line || !inside_korean_word(s, len, (size_t)q))
				out[n++] = (size_t)q;
		utext_close(&ut);
	}
	out[n++] = len;
	return n;
}

size_t
uni_line_breaks(struct uni_breaker *b, const char *s, size_t len,
    size_t *out)
{
	return breaks(b->line, 1, s, len, out);
}

size_t
uni_cluster_breaks(struct uni_breaker *b, const char *s, size_t len,
    size_t *out)
{
	return breaks(b->cluster, 0, s, len, out);
}

/* --- the bidirectional algorithm (bidi.h) --- */

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
