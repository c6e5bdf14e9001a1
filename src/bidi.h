/* bidi.h: the Unicode Bidirectional Algorithm (UAX #9) for layout: which
 * way a paragraph runs and the order in which a line's runs are drawn.
 * Through ICU's ubidi, in uni.c (ICU's one user). Text stays UTF-8: runs
 * are byte ranges. */
#ifndef REVPACK_BIDI_H
#define REVPACK_BIDI_H

#include <stddef.h>

enum {
	BIDI_NONE,              /* no strong character */
	BIDI_LTR,
	BIDI_RTL
};

/* bidi_maybe_rtl: 0 when the n bytes of valid UTF-8 at s certainly hold
 * no right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko, their
 * presentation forms, RLM and the right-to-left controls); 1 when they
 * may. A byte test, for the common case. */
int bidi_maybe_rtl(const char *s, size_t n);

/* bidi_first_strong: the direction of the first strong character of
 * s[0..n), which is the paragraph's when nothing else says (UAX #9 P2,
 * P3): BIDI_LTR, BIDI_RTL, or BIDI_NONE. */
int bidi_first_strong(const char *s, size_t n);

/* A run of one direction: bytes [off, off + len) of the line. */
struct bidi_run {
	size_t off, len;
	int rtl;
};

/* bidi_runs: the runs of the line s[0..n) (valid UTF-8) of a paragraph
 * that runs right to left (rtl 1) or left to right (0), in visual order,
 * left to right, at most max of them (n runs are always enough). A
 * right-to-left run's characters are drawn in reverse, mirrored, as the
 * shaper does. Returns how many. */
size_t bidi_runs(const char *s, size_t n, int rtl, struct bidi_run *out,
    size_t max);

#endif
