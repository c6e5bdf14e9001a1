/* load_ids.c: what makes an id safe as a folder name beyond its bytes
 * (ids become folders under people/ and managers/): no
 * invisible or bidi-control characters; no two ids that differ only in
 * case, under full Unicode case folding (macOS and SMB shares fold case);
 * no id that looks like another (a Cyrillic "с" in "сs-010"). Ids are in
 * NFC already (the readers normalise), so forms that differ only in
 * normalisation are one id. Every Unicode property comes from uni.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_ingest.h"

static int
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* is_bidi_control: the marks and embeddings that reorder text on
 * screen (all default-ignorable too). */
static int
is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* invisible: what is wrong with the non-ASCII characters of s[0..n), into
 * buf; NULL when nothing. */
static const char *
invisible(const char *s, size_t n, char *buf, size_t size)
{
	char name[128];
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		i += (size_t)utf8_next(s + i, n - i, &cp);
		if (cp < 0x80)
			continue;
		if (is_bidi_control(cp)) {
			snprintf(buf, size, "contains %s, an invisible "
			    "character that reorders text on screen",
			    uni_char_name(cp, name, sizeof name));
			return buf;
		}
		if (uni_ignorable(cp)) {
			snprintf(buf, size, "contains %s, an invisible "
			    "character", uni_char_name(cp, name, sizeof name));
			return buf;
		}
	}
	return NULL;
}

const char *
id_problem(const char *s, size_t n, char *buf, size_t size)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (n == 0)
		return "is empty";
	if (n > 64)
		return "is longer than 64 bytes";
	if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return "is a reserved folder name";
	if (s[0] == '.')
		return "starts with \".\"";
	if (s[0] == '-')
		return "starts with \"-\"";
	for (i = 0; i < n; i++) {
		if (u[i] == '/')
			return "contains \"/\"";
		if (u[i] == '\\')
			return "contains \"\\\"";
		if (u[i] == '*')
			return "contains \"*\"";
		/* C0, DEL, and C1 (U+0080..U+009F, encoded C2 80..C2 9F) */
		if (u[i] < 0x20 || u[i] == 0x7F || (u[i] == 0xC2 && i + 1 < n &&
		    u[i + 1] >= 0x80 && u[i + 1] <= 0x9F))
			return "contains a control character";
	}
	return is_ascii(s, n) ? NULL : invisible(s, n, buf, size);
}

const char *
id_fold_key(const char *id, struct arena *a)
{
	struct buf b;
	const char *key = id;

	if (is_ascii(id, strlen(id)))
		return id;      /* the table folds ASCII case itself */
	buf_init(&b);
	if (uni_casefold(id, strlen(id), &b))
		key = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return key;
}

/* --- look-alikes --- */

/* first_foreign: the first code point of s that is not ASCII. */
static uint32_t
first_foreign(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp = 0;

	while (i < n) {
		i += (size_t)utf8_next(s + i, n - i, &cp);
		if (cp >= 0x80)
			return cp;
	}
	return cp;
}

/* cjk_mix: scripts a and b are written together in one language
 * (Japanese: Han with kana; Korean: Han with Hangul; Han with Bopomofo). */
static int
cjk_mix(const char *a, const char *b)
{
	static const char *const cjk[] = {
		"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"
	};
	size_t i;
	int x = 0, y = 0;

	for (i = 0; i < NELEM(cjk); i++) {
		x |= strcmp(a, cjk[i]) == 0;
		y |= strcmp(b, cjk[i]) == 0;
	}
	return x && y;
}

/* mixed: when id's letters come from two scripts that are not written
 * together, the first letter of the second script in *cp, its script and
 * the first script's names in *second and *first; else 0. */
static int
mixed(const char *id, uint32_t *cp, const char **first, const char **second)
{
	size_t n = strlen(id), i = 0;
	uint32_t c;
	int s0 = -1;

	while (i < n) {
		int s;

		i += (size_t)utf8_next(id + i, n - i, &c);
		s = uni_script(c);
		if (uni_is_common_script(s))
			continue;
		if (s0 < 0) {
			s0 = s;
			continue;
		}
		if (s != s0 && !cjk_mix(uni_script_name(s0),
		    uni_script_name(s))) {
			*cp = c;
			*first = uni_script_name(s0);
			*second = uni_script_name(s);
			return 1;
		}
	}
	return 0;
}

void
ids_lookalikes(const struct id_row *ids, size_t n, id_say_fn say,
    void *ctx)
{
	struct strtab *skel;
	struct arena *a;
	struct buf b, f, m;
	char name[128], q1[80], q2[80];
	size_t i;

	for (i = 0; i < n && is_ascii(ids[i].id, strlen(ids[i].id)); i++)
		;
	if (i == n)
		return;         /* all ASCII: nothing looks like anything */
	skel = strtab_new(0);
	a = arena_new();
	buf_init(&b);
	buf_init(&f);
	buf_init(&m);
	for (i = 0; i < n; i++) {
		const char *id = ids[i].id, *s1, *s2;
		int prev = -1;
		uint32_t cp;

		/* skeletons of the case-folded ids: "СS-010" looks like
		 * "cs-010" too */
		if (uni_casefold(id, strlen(id), &f) &&
		    uni_skeleton(f.p, f.len, &b))
			prev = strtab_put(skel, arena_strndup(a, b.p, b.len),
			    b.len, (int)i);
		if (prev >= 0 &&
		    str_casecmp_ascii(ids[prev].fold, ids[i].fold) != 0 &&
		    (!is_ascii(id, strlen(id)) ||
		    !is_ascii(ids[prev].id, strlen(ids[prev].id)))) {
			const char *odd = is_ascii(id, strlen(id)) ?
			    ids[prev].id : id;

			buf_reset(&m);
			buf_printf(&m, "\"%s\" looks like \"%s\" (line %d): "
			    "%s; ids become folder names, which must not be "
			    "mistaken for each other: use the same characters "
			    "for the same person, others for another",
			    csvin_quote(id, q1, sizeof q1),
			    csvin_quote(ids[prev].id, q2, sizeof q2),
			    ids[prev].line, uni_char_name(first_foreign(odd),
			    name, sizeof name));
			say(ctx, ids[i].line, 1, m.p);
		} else if (prev < 0 && mixed(id, &cp, &s1, &s2)) {
			buf_reset(&m);
			buf_printf(&m, "\"%s\" mixes %s and %s letters (%s); "
			    "expected an id in one script (is it a look-alike "
			    "typed by mistake?)", csvin_quote(id, q1, sizeof q1),
			    s1, s2,
			    uni_char_name(cp, name, sizeof name));
			say(ctx, ids[i].line, 0, m.p);
		}
	}
	buf_free(&m);
	buf_free(&b);
	buf_free(&f);
	arena_free(a);
	strtab_free(skel);
}
