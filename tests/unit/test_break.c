/* test_break.c: line breaking as Unicode's algorithm (UAX #14, by ICU)
 * allows it: the layout engine's lines start only where uni_line_breaks
 * says a line may start, for Thai (a dictionary finds its words) and
 * Japanese (kinsoku: no line starts with 。 、 ー or a closing bracket), at
 * many widths; and the known answers written by hand, including a word
 * too wide for its line, cut between grapheme clusters only. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lay.h"
#include "lay_int.h"

static struct diag *d;
static struct tmpl *t;
static struct fontset *fs;
static struct lay *L;

#define MAXL 128

static const char thai[] = "สวัสดีครับ ผมชื่อสมชาย";
static const char japanese[] = "顧客の苦情対応は、問題を迅速に把握し、ちょっと"
    "コーヒーを飲んでから「解決策」を提示する（本当）。";
static const char devanagari[] = "प्रतिनिधित्वकर्ताओंकीसमितिने";

/* A text broken into lines: where each starts (byte offset) and its text. */
struct broken {
	size_t n;
	size_t off[MAXL];
	char line[MAXL][512];
};

/* body_width: the width of s in the body style, pt. */
static float
body_width(const char *s)
{
	struct lstyle st;

	lay_style(L, TS_BODY, &st);
	return lt_width(L, &st, s, strlen(s));
}

/* break_text: text (clean: no leading space, no control) at width. */
static void
break_text(const char *text, float width, struct broken *b)
{
	const char *starts[MAXL];
	size_t lens[MAXL], i;

	lay_begin(L, NULL);
	b->n = lay_break_lines(L, TS_BODY, text, width, starts, lens, MAXL);
	for (i = 0; i < b->n && i < MAXL; i++) {
		b->off[i] = (size_t)(starts[i] - starts[0]);
		snprintf(b->line[i], sizeof b->line[i], "%.*s", (int)lens[i],
		    starts[i]);
	}
}

/* is_break: offset `off` of s is in the n offsets of `at` (0 always is). */
static int
is_break(const size_t *at, size_t n, size_t off)
{
	size_t i;

	for (i = 0; i < n && off != 0; i++)
		if (at[i] == off)
			return 1;
	return off == 0;
}

/* legal: every line of b starts where uni_line_breaks allows a line to
 * start in s, and the lines give s back (the spaces at line ends aside,
 * which no line holds). Returns the first line that does not, counted
 * from 1, or 0. */
static size_t
legal(const char *s, const struct broken *b)
{
	size_t len = strlen(s), *at = calloc(len + 1, sizeof *at), n, i;
	struct uni_breaker *br = uni_breaker_new();
	size_t bad = 0;

	n = uni_line_breaks(br, s, len, at);
	for (i = 0; i < b->n && bad == 0; i++) {
		if (!is_break(at, n, b->off[i]) ||
		    strncmp(s + b->off[i], b->line[i], strlen(b->line[i])) != 0)
			bad = i + 1;
	}
	uni_breaker_free(br);
	free(at);
	return bad;
}

/* starts_with_any: line starts with one of the UTF-8 strings in set. */
static int
starts_with_any(const char *line, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strncmp(line, *set, strlen(*set)) == 0)
			return 1;
	return 0;
}

/* The break iterator on its own: Thai words found by the dictionary. */
static void
test_uni_line_breaks(void)
{
	struct uni_breaker *br = uni_breaker_new();
	size_t at[64], n;

	/* สวัสดี | ครับ␠ | ผม | ชื่อ | สมชาย */
	n = uni_line_breaks(br, thai, strlen(thai), at);
	CHECK_INT(n, 5);
	CHECK_INT(at[0], strlen("สวัสดี"));
	CHECK_INT(at[1], strlen("สวัสดีครับ "));
	CHECK_INT(at[2], strlen("สวัสดีครับ ผม"));
	CHECK_INT(at[3], strlen("สวัสดีครับ ผมชื่อ"));
	CHECK_INT(at[4], strlen(thai));
	/* Lao, Khmer and Burmese have dictionaries too: a break inside */
	CHECK(uni_line_breaks(br, "ພາສາລາວ", strlen("ພາສາລາວ"), at) >= 2);
	CHECK(uni_line_breaks(br, "ភាសាខ្មែរជាភាសា",
	    strlen("ភាសាខ្មែរជាភាសា"), at) >= 2);
	CHECK(uni_line_breaks(br, "မြန်မာဘာသာစကား",
	    strlen("မြန်မာဘာသာစကား"), at) >= 2);
	/* Korean words stay whole: only after the space */
	n = uni_line_breaks(br, "고객 불만", strlen("고객 불만"), at);
	CHECK_INT(n, 2);
	CHECK_INT(at[0], strlen("고객 "));
	CHECK_INT(uni_line_breaks(br, "", 0, at), 0);
	uni_breaker_free(br);
}

static void
test_thai(void)
{
	struct broken b;
	float w;

	/* at every width from one word up: only legal starts */
	for (w = body_width("สมชาย"); w < body_width(thai) + 2; w += 2) {
		break_text(thai, w, &b);
		CHECK_INT(legal(thai, &b), 0);
	}
	/* not only at the space: inside ผมชื่อสมชาย, between words */
	break_text(thai, body_width("สวัสดีครับ ผมชื่อ") + 0.5f, &b);
	CHECK_INT(b.n, 2);
	CHECK_STR(b.line[0], "สวัสดีครับ ผมชื่อ");
	CHECK_STR(b.line[1], "สมชาย");
	break_text(thai, body_width("สวัสดีครับ") - 0.5f, &b);
	CHECK_STR(b.line[0], "สวัสดี");
	CHECK_STR(b.line[1], "ครับ ผม");
}

static void
test_japanese(void)
{
	static const char *const never_first[] = {
		"。", "、", "ー", "」", "）", "ょ", "っ", NULL
	};
	struct broken b;
	char joined[1024];
	float w, max = body_width(japanese) + 2;
	size_t i;

	/* from the widest unbreakable piece (ちょっ, 当）。) up */
	for (w = body_width("ちょっ"); w < max; w += 3) {
		break_text(japanese, w, &b);
		CHECK_INT(legal(japanese, &b), 0);
		joined[0] = '\0';
		for (i = 0; i < b.n; i++) {
			CHECK(!starts_with_any(b.line[i], never_first));
			CHECK(b.n == 1 || body_width(b.line[i]) <= w + 0.01f);
			strncat(joined, b.line[i], sizeof joined - strlen(joined)
			    - 1);
		}
		CHECK_STR(joined, japanese);
	}
	/* an opening bracket stays with what follows it */
	break_text("解決策を「提示」", body_width("解決策を「") + 0.5f, &b);
	CHECK_STR(b.line[0], "解決策を");
	CHECK_STR(b.line[1], "「提示」");
}

static void
test_latin(void)
{
	struct broken b;

	break_text("well-known", body_width("well-kno"), &b);
	CHECK_INT(b.n, 2);
	CHECK_STR(b.line[0], "well-");
	CHECK_STR(b.line[1], "known");
	break_text("a well-known name", body_width("a well-known") + 0.5f, &b);
	CHECK_STR(b.line[0], "a well-known");
	CHECK_STR(b.line[1], "name");
	/* a no-break space holds; a leading minus is not a break */
	break_text("10\xc2\xa0pt of text", body_width("10 pt") + 0.5f, &b);
	CHECK_STR(b.line[0], "10\xc2\xa0pt");
	break_text("-0.58", body_width("-0.5"), &b);
	CHECK(strcmp(b.line[0], "-") != 0);
	/* nor a soft hyphen, which UAX #14 allows but revpack never draws */
	break_text("x Donau\xc2\xad" "dampf", body_width("x Donaudampf") - 1,
	    &b);
	CHECK_INT(b.n, 2);
	CHECK_STR(b.line[0], "x");
	CHECK_STR(b.line[1], "Donau\xc2\xad" "dampf");
}

/* A word wider than its line is cut, but never inside a grapheme cluster
 * (a consonant and its vowel sign) nor after a virama. */
static void
test_cut_clusters(void)
{
	struct uni_breaker *br = uni_breaker_new();
	size_t len = strlen(devanagari), *cl = calloc(len, sizeof *cl), ncl;
	static const char *const never_first[] = {
		"\xe0\xa4\xbf", "\xe0\xa5\x80", "\xe0\xa5\x8d", "\xe0\xa4\x82",
		"\xe0\xa5\x87", "\xe0\xa5\x8b", NULL    /* ि ी ् ं े ो */
	};
	struct broken b;
	char joined[512];
	float w;
	size_t i;

	ncl = uni_cluster_breaks(br, devanagari, len, cl);
	CHECK(ncl > 5);
	for (w = body_width("प्र"); w < body_width(devanagari); w += 3) {
		break_text(devanagari, w, &b);
		CHECK(b.n >= 2);
		joined[0] = '\0';
		for (i = 0; i < b.n; i++) {
			CHECK(strlen(b.line[i]) > 0);
			CHECK(!starts_with_any(b.line[i], never_first));
			CHECK(is_break(cl, ncl, b.off[i]));
			strncat(joined, b.line[i], sizeof joined - strlen(joined)
			    - 1);
		}
		CHECK_STR(joined, devanagari);
	}
	/* in the narrowest box, a line per cluster: an emoji with its skin
	 * tone, a letter with a combining accent */
	break_text("👍🏽👍🏽👍🏽", 1, &b);
	CHECK_INT(b.n, 3);
	CHECK_STR(b.line[2], "👍🏽");
	break_text("e\xcc\x81" "e\xcc\x81", 1, &b);
	CHECK_INT(b.n, 2);
	CHECK_STR(b.line[1], "e\xcc\x81");
	/* not cut before its vowel sign: प्रति, not प्रत | ि */
	break_text("प्रति", body_width("प्रत"), &b);
	CHECK(b.n <= 2);
	CHECK(strcmp(b.line[0], "प्रत") != 0);
	free(cl);
	uni_breaker_free(br);
}

int
main(void)
{
	d = diag_new(stderr);
	t = tmpl_builtin(d);
	fs = fontset_new(&t->fonts, d);
	if (fs == NULL) {
		printf("FAIL test_break: no fontset\n");
		return 1;
	}
	L = lay_new(t, fs, d);
	RUN(test_uni_line_breaks);
	RUN(test_thai);
	RUN(test_japanese);
	RUN(test_latin);
	RUN(test_cut_clusters);
	lay_free(L);
	fontset_free(fs);
	tmpl_free(t);
	diag_free(d);
	return CHECK_EXIT();
}
