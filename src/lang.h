/* lang.h: the languages a template can print in (`language: de`): per
 * language its fixed words (tmpl_words.c), and how it writes numbers,
 * percentages and dates, from plain tables after CLDR's conventions (no
 * run-time locale: the same inputs give the same bytes on any machine). */
#ifndef REVPACK_LANG_H
#define REVPACK_LANG_H

#include <stddef.h>

#include "tmpl.h"

struct lang {
	const char *code;       /* "de", "pt-BR": what `language:` takes */
	const char *name;       /* "German", for messages */
	char decimal;           /* decimal separator: '.' or ',' */
	const char *percent;    /* between the number and "%": "" or NBSP */
	char date_sep;          /* between the parts of a date */
	int date_ymd;           /* 1: 2026/07/15; 0: 15.07.2026 */
	int date_iso;           /* 1: dates as written (2026-07-15) */
	const char *const *words;       /* NTMPL_WORDS; NULL: English */
	int rtl;                /* written right to left: pages mirrored */
};

/* lang_find: the language whose code is s (case-insensitive, "pt_BR" as
 * "pt-BR"), or NULL. lang_default: English, as revpack always printed. */
const struct lang *lang_find(const char *s, size_t len);
const struct lang *lang_default(void);
/* lang_codes: "en, de, fr, es, pt-BR, ja, ar", for messages. */
const char *lang_codes(void);
/* lang_word: the language's word w, or NULL where it has none. */
const char *lang_word(const struct lang *l, enum tmpl_word w);

/* lang_number: rewrites the number s (as printf writes it: "3.37",
 * "-0.12", "20") in place in the language's form ("3,37"). Returns s. */
char *lang_number(const struct lang *l, char *s);
/* lang_percent: the percentage `num` (already in the language's form)
 * followed by its percent sign ("39 %" in German), into out. */
void lang_percent(const struct lang *l, const char *num, char *out,
    size_t size);
/* lang_date: an ISO date ("2026-07-15") in the language's form
 * ("15.07.2026"), into out; any other text is copied as it is. */
void lang_date(const struct lang *l, const char *iso, char *out,
    size_t size);

/* The translations (tmpl_words.c), one entry per enum tmpl_word. */
extern const char *const tmpl_words_de[NTMPL_WORDS];
extern const char *const tmpl_words_fr[NTMPL_WORDS];
extern const char *const tmpl_words_es[NTMPL_WORDS];
extern const char *const tmpl_words_pt_br[NTMPL_WORDS];
extern const char *const tmpl_words_ja[NTMPL_WORDS];
extern const char *const tmpl_words_ar[NTMPL_WORDS];

#endif
