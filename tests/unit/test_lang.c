/* test_lang.c: the languages a template can name (lang.c, tmpl_words.c):
 * every language has every word, with the placeholders the English one
 * has; numbers, percentages and dates in each language's form; the
 * built-in font chain prints every word; a template's own words win. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "fonts.h"
#include "lang.h"
#include "tmpl.h"

static const char *const codes[] = { "en", "de", "fr", "es", "pt-BR", "ja",
	"ar" };

static void
test_find(void)
{
	CHECK(lang_find("de", 2) != NULL);
	CHECK_STR(lang_find("PT_br", 5)->code, "pt-BR");
	CHECK_STR(lang_find("pt-br", 5)->name, "Portuguese (Brazil)");
	CHECK(lang_find("pt", 2) == NULL);
	CHECK(lang_find("deu", 3) == NULL);
	CHECK(lang_find("", 0) == NULL);
	CHECK_STR(lang_default()->code, "en");
	CHECK(lang_word(lang_default(), TW_SCORECARD) == NULL);
}

/* Every word in every language, and {page} {pages} only in page_of. */
static void
test_every_word(void)
{
	size_t i;
	int w;

	for (i = 1; i < sizeof codes / sizeof codes[0]; i++) {
		const struct lang *l = lang_find(codes[i], strlen(codes[i]));

		CHECK(l != NULL);
		for (w = 0; w < NTMPL_WORDS; w++) {
			const char *s = lang_word(l, (enum tmpl_word)w);

			if (s == NULL || s[0] == '\0') {
				printf("FAIL test_every_word: %s has no word "
				    "\"%s\"\n", l->code,
				    tmpl_word_key((enum tmpl_word)w));
				check_failed_ = 1;
				return;
			}
			if (w == TW_PAGE_OF)
				CHECK(strstr(s, "{page}") && strstr(s, "{pages}"));
			else if (w == TW_SHORTENED)
				CHECK(strstr(s, "{n}") != NULL);
			else
				CHECK(strchr(s, '{') == NULL);
		}
	}
}

static void
test_numbers(void)
{
	const struct lang *de = lang_find("de", 2), *ja = lang_find("ja", 2);
	const struct lang *fr = lang_find("fr", 2), *en = lang_default();
	char n[32], out[64];

	snprintf(n, sizeof n, "3.37");
	CHECK_STR(lang_number(de, n), "3,37");
	snprintf(n, sizeof n, "-0.12");
	CHECK_STR(lang_number(fr, n), "-0,12");
	snprintf(n, sizeof n, "20");
	CHECK_STR(lang_number(de, n), "20");
	snprintf(n, sizeof n, "3.37");
	CHECK_STR(lang_number(ja, n), "3.37");
	CHECK_STR(lang_number(en, n), "3.37");
	lang_percent(de, "59", out, sizeof out);
	CHECK_STR(out, "59\xc2\xa0%");
	lang_percent(ja, "59", out, sizeof out);
	CHECK_STR(out, "59%");
	lang_percent(en, "39.5", out, sizeof out);
	CHECK_STR(out, "39.5%");
}

static void
test_dates(void)
{
	static const char *const want[] = { "2026-07-15", "15.07.2026",
		"15/07/2026", "15/07/2026", "15/07/2026", "2026/07/15",
		"15/07/2026" };
	char out[64];
	size_t i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		lang_date(lang_find(codes[i], strlen(codes[i])), "2026-07-15",
		    out, sizeof out);
		CHECK_STR(out, want[i]);
	}
	lang_date(lang_find("de", 2), "H1 2026", out, sizeof out);
	CHECK_STR(out, "H1 2026");
	lang_date(lang_find("de", 2), "2026-7-15", out, sizeof out);
	CHECK_STR(out, "2026-7-15");
}

/* Every character of every word has a face in the built-in chain, so no
 * language prints a placeholder. */
static void
test_fonts_cover_words(void)
{
	struct diag *d = diag_new(NULL);
	struct tmpl *t = tmpl_builtin(d);
	struct fontset *fs = t != NULL ? fontset_new(&t->fonts, d) : NULL;
	size_t i, f;
	int w;

	CHECK(fs != NULL);
	for (i = 1; i < sizeof codes / sizeof codes[0]; i++)
		for (w = 0; w < NTMPL_WORDS; w++) {
			const unsigned char *s = (const unsigned char *)lang_word(
			    lang_find(codes[i], strlen(codes[i])),
			    (enum tmpl_word)w);

			while (*s != '\0') {
				uint32_t cp = *s;
				int len = cp < 0x80 ? 1 : cp < 0xe0 ? 2 :
				    cp < 0xf0 ? 3 : 4, k, has = 0;

				if (len > 1)
					cp &= 0xff >> (len + 1);
				for (k = 1; k < len; k++)
					cp = cp << 6 | (s[k] & 0x3f);
				for (f = 0; f < fontset_nfaces(fs); f++)
					has |= fontset_face_has(fs, (int)f, cp);
				if (!has) {
					printf("FAIL test_fonts_cover_words: %s "
					    "U+%04X\n", codes[i], (unsigned)cp);
					check_failed_ = 1;
					break;
				}
				s += len;
			}
		}
	fontset_free(fs);
	tmpl_free(t);
	diag_free(d);
}

/* language: de, and the template's own word over the language's. */
static void
test_template(void)
{
	static const char yaml[] = "language: de\n"
	    "words: { scorecard: Leistungsbild }\n";
	char path[] = "/tmp/revpack-test-lang-XXXXXX";
	struct diag *d = diag_new(NULL);
	struct tmpl *t;
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	CHECK(f != NULL);
	fputs(yaml, f);
	fclose(f);
	t = tmpl_load(path, d);
	remove(path);
	CHECK(t != NULL);
	CHECK_STR(tmpl_word(t, TW_SCORECARD), "Leistungsbild");
	CHECK_STR(tmpl_word(t, TW_COACHING), "Coaching-Zusammenfassung");
	CHECK_STR(tmpl_word(t, TW_PAGE_OF), "Seite {page} von {pages}");
	tmpl_free(t);
	diag_free(d);
}

int
main(void)
{
	RUN(test_find);
	RUN(test_every_word);
	RUN(test_numbers);
	RUN(test_dates);
	RUN(test_fonts_cover_words);
	RUN(test_template);
	return CHECK_EXIT();
}
