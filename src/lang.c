/* lang.c: the table of languages a template can name, and numbers,
 * percentages and dates written the way each of them writes them (after
 * CLDR: German 3,37 and 15.07.2026; French, Spanish and Brazilian
 * Portuguese 3,37 and 15/07/2026; Japanese 3.37 and 2026/07/15; Arabic
 * with Western digits, 3.37 and 15/07/2026). English keeps revpack's
 * original forms (3.37, 2026-07-15). Thousands are not grouped: the
 * documents print scores, percentages and head counts. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"

#define NBSP "\xc2\xa0"

static const struct lang langs[] = {
	{ "en", "English", '.', "", '-', 1, 1, NULL, 0 },
	{ "de", "German", ',', NBSP, '.', 0, 0, tmpl_words_de, 0 },
	{ "fr", "French", ',', NBSP, '/', 0, 0, tmpl_words_fr, 0 },
	{ "es", "Spanish", ',', NBSP, '/', 0, 0, tmpl_words_es, 0 },
	{ "pt-BR", "Portuguese (Brazil)", ',', "", '/', 0, 0,
	    tmpl_words_pt_br, 0 },
	{ "ja", "Japanese", '.', "", '/', 1, 0, tmpl_words_ja, 0 },
	{ "ar", "Arabic", '.', "", '/', 0, 0, tmpl_words_ar, 1 },
};

const struct lang *
lang_find(const char *s, size_t len)
{
	size_t i, k;

	for (i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		const char *c = langs[i].code;

		if (strlen(c) != len)
			continue;
		for (k = 0; k < len; k++)
			if (tolower((unsigned char)c[k]) !=
			    tolower((unsigned char)s[k]) &&
			    !(c[k] == '-' && s[k] == '_'))
				break;
		if (k == len)
			return &langs[i];
	}
	return NULL;
}

const struct lang *
lang_default(void)
{
	return &langs[0];
}

const char *
lang_codes(void)
{
	return "en, de, fr, es, pt-BR, ja, ar";
}

const char *
lang_word(const struct lang *l, enum tmpl_word w)
{
	return l != NULL && l->words != NULL ? l->words[w] : NULL;
}

char *
lang_number(const struct lang *l, char *s)
{
	char *p = strchr(s, '.');

	if (l != NULL && l->decimal != '.' && p != NULL)
		*p = l->decimal;
	return s;
}

void
lang_percent(const struct lang *l, const char *num, char *out, size_t size)
{
	snprintf(out, size, "%s%s%%", num, l != NULL ? l->percent : "");
}

/* is_iso_date: "YYYY-MM-DD" exactly. */
static int
is_iso_date(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return 0;
	return s[10] == '\0';
}

void
lang_date(const struct lang *l, const char *iso, char *out, size_t size)
{
	if (l == NULL || l->date_iso || !is_iso_date(iso)) {
		snprintf(out, size, "%s", iso);
		return;
	}
	if (l->date_ymd)
		snprintf(out, size, "%.4s%c%.2s%c%.2s", iso, l->date_sep,
		    iso + 5, l->date_sep, iso + 8);
	else
		snprintf(out, size, "%.2s%c%.2s%c%.4s", iso + 8, l->date_sep,
		    iso + 5, l->date_sep, iso);
}
