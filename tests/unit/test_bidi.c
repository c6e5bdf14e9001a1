/* test_bidi.c: the bidirectional algorithm as layout uses it (bidi.c):
 * paragraph directions from the first strong character, and lines put in
 * visual order, written out by hand from UAX #9 (weak types, numbers
 * after Arabic, paired brackets) for the strings issue 14 names. */
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "check.h"
#include "util.h"

/* visual: the line s as it is drawn, left to right, a right-to-left
 * run's characters reversed (mirroring is the shaper's, not shown). */
static const char *
visual(const char *s, int rtl)
{
	static char out[512];
	struct bidi_run r[64];
	size_t n = bidi_runs(s, strlen(s), rtl, r, 64), i, o = 0;

	for (i = 0; i < n; i++) {
		size_t end = r[i].off + r[i].len, k;

		if (!r[i].rtl) {
			memcpy(out + o, s + r[i].off, r[i].len);
			o += r[i].len;
			continue;
		}
		while (end > r[i].off) {        /* code points backwards */
			for (k = end - 1; k > r[i].off &&
			    ((unsigned char)s[k] & 0xc0) == 0x80; k--)
				;
			memcpy(out + o, s + k, end - k);
			o += end - k;
			end = k;
		}
	}
	out[o] = '\0';
	return out;
}

/* rev: the code points of s reversed (for writing expectations). */
static const char *
rev(const char *s, char *out)
{
	size_t n = strlen(s), o = 0, end = n, k;

	while (end > 0) {
		for (k = end - 1; k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80;
		    k--)
			;
		memcpy(out + o, s + k, end - k);
		o += end - k;
		end = k;
	}
	out[o] = '\0';
	return out;
}

static void
test_first_strong(void)
{
	CHECK(bidi_first_strong("123 abc", 7) == BIDI_LTR);
	CHECK(bidi_first_strong("123 \xd7\x90\xd7\x91", 8) == BIDI_RTL);
	CHECK(bidi_first_strong("3.37 / 6", 8) == BIDI_NONE);
	CHECK(bidi_first_strong("", 0) == BIDI_NONE);
	/* RLM is strong; a letter with an accent is too */
	CHECK(bidi_first_strong("\xe2\x80\x8f abc", 7) == BIDI_RTL);
	CHECK(bidi_first_strong("- \xc3\xa9t\xc3\xa9", 7) == BIDI_LTR);
	CHECK(bidi_first_strong("(\xd9\x85\xd8\xad\xd9\x85\xd8\xaf) Mo", 12) ==
	    BIDI_RTL);
}

static void
test_maybe_rtl(void)
{
	const char *ltr = "Zo\xc3\xab \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80";
	const char *he = "a \xd7\xa9";

	CHECK(!bidi_maybe_rtl(ltr, strlen(ltr)));
	CHECK(!bidi_maybe_rtl("plain", 5));
	CHECK(bidi_maybe_rtl(he, strlen(he)));
	CHECK(bidi_maybe_rtl("\xe2\x80\x8f", 3));      /* RLM */
	CHECK(bidi_maybe_rtl("\xef\xbb\xb7", 3));      /* U+FEF7 lam-alef */
}

static void
test_runs(void)
{
	char a[128], b[128], want[256];

	/* Latin only: one run, as it is */
	CHECK_STR(visual("Zo\xc3\xab Ali", 0), "Zo\xc3\xab Ali");
	/* Arabic inside a left-to-right paragraph: reversed in place */
	snprintf(want, sizeof want, "Score %s done",
	    rev("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xb9\xd9\x84\xd9\x8a",
	    a));
	CHECK_STR(visual("Score \xd9\x85\xd8\xad\xd9\x85\xd8\xaf "
	    "\xd8\xb9\xd9\x84\xd9\x8a done", 0), want);
	/* Hebrew then a number, right to left: the number on the left,
	 * its digits in order */
	snprintf(want, sizeof want, "100%%%s",
	    rev("\xd7\xa2\xd7\x91\xd7\x95\xd7\x93\xd7\x94 ", a));
	CHECK_STR(visual("\xd7\xa2\xd7\x91\xd7\x95\xd7\x93\xd7\x94 100%", 1),
	    want);
	/* "محمد (Mo) Ali 3", right to left: the 3 follows Ali (W7), the
	 * brackets take the paragraph's direction (N0) */
	snprintf(want, sizeof want, "Ali 3 )Mo( %s",
	    rev("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", a));
	CHECK_STR(visual("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf (Mo) Ali 3", 1),
	    want);
	/* Arabic-Indic digits inside Arabic keep their order */
	snprintf(want, sizeof want, "%s\xd9\xa3\xd9\xa5%s",
	    rev(" \xd9\x85\xd8\xb1\xd8\xa9", a),
	    rev("\xd8\xb9\xd9\x85\xd9\x84 ", b));
	CHECK_STR(visual("\xd8\xb9\xd9\x85\xd9\x84 \xd9\xa3\xd9\xa5 "
	    "\xd9\x85\xd8\xb1\xd8\xa9", 1), want);
	/* no strong character, right to left: "3 / 6" reads 6 / 3 */
	CHECK_STR(visual("3 / 6", 1), "6 / 3");
	CHECK_STR(visual("3 / 6", 0), "3 / 6");
}

int
main(void)
{
	RUN(test_first_strong);
	RUN(test_maybe_rtl);
	RUN(test_runs);
	return CHECK_EXIT();
}
