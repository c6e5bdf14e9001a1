/* load_template.c: template.yaml to a validated struct tmpl: page set-up,
 * fonts, colours, text styles, fixed words, header, footer and logo, with
 * every problem reported at its file:line:col. The documents and their
 * blocks are read by load_template_blocks.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "load_template.h"
#include "runenv.h"

static const char *const color_defaults[NTMPL_COLORS] = {
	"#1a1a1a", "#5f6368", "#1f4e79", "#b0b7c3", "#eef2f7", "#a61b1b",
	"#f5cf4f", "#3b9a57", "#bdbdbd", "#1f77b4", "#e4761b", "#8e5fb8",
	"#444444"
};

/* size, bold, colour, leading, before, after */
static const struct tmpl_style_def style_defaults[NTMPL_STYLES] = {
	{ 20, 1, TC_ACCENT, 1.2f, 0, 8 },       /* title */
	{ 12, 0, TC_MUTED, 1.25f, 0, 8 },       /* subtitle */
	{ 13, 1, TC_ACCENT, 1.2f, 12, 5 },      /* heading */
	{ 10.5f, 1, TC_TEXT, 1.25f, 8, 3 },     /* subheading */
	{ 9.5f, 0, TC_TEXT, 1.3f, 0, 5 },       /* body */
	{ 8, 0, TC_MUTED, 1.25f, 0, 4 },        /* small */
	{ 7.5f, 1, TC_MUTED, 1.25f, 0, 0 },     /* label */
	{ 8.5f, 0, TC_TEXT, 1.25f, 0, 8 },      /* table */
	{ 8, 1, TC_TEXT, 1.2f, 0, 0 },          /* table_head */
	{ 7.5f, 0, TC_TEXT, 1.2f, 0, 8 },       /* chart */
	{ 8, 0, TC_MUTED, 1.2f, 0, 0 },         /* header */
	{ 8, 0, TC_MUTED, 1.2f, 0, 0 }          /* footer */
};

/* The built-in fallback chain (default.yaml spells it out; README.md
 * "Fonts and scripts" says which face draws which script, and the
 * Makefile's FONT_PKGS installs them): CJK, Hangul, then one Noto face
 * per script Liberation Sans lacks, DejaVu Sans for rarer scripts and the
 * placeholder U+FFFD, Symbola for monochrome emoji and symbols. Bold text
 * finds each family's bold face itself (fonts.c, fc_bold). fonts.c's
 * font_request_default lists the same chain. */
static const char *const fallback_fonts[] = {
	"WenQuanYi Zen Hei", "NanumGothic", "Noto Sans Arabic",
	"Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali",
	"Noto Sans Tamil", "Noto Sans Thai", "DejaVu Sans", "Symbola"
};

/* --- placeholders --- */

/* Candidate names for "did you mean": every variable and words.KEY. */
static void
make_cands(struct tload *L)
{
	size_t i, n = 0;

	L->cands = arena_alloc(L->a, (NTMPL_VARS + NTMPL_WORDS) *
	    sizeof *L->cands);
	for (i = 0; i < NTMPL_VARS; i++)
		L->cands[n++] = tmpl_var_names[i];
	for (i = 0; i < NTMPL_WORDS; i++)
		L->cands[n++] = arena_printf(L->a, "words.%s", tmpl_word_keys[i]);
	L->ncands = n;
}

/* check_name: one placeholder name (without braces); reports at n. */
static int
check_name(struct tload *L, const struct ynode *n, const char *name,
    size_t len, enum tl_where where)
{
	char *s = arena_strndup(L->a, name, len);
	const char *hint;
	int v;

	if (len > 6 && strncmp(name, "words.", 6) == 0 &&
	    tmpl_word_find(name + 6, len - 6) >= 0) {
		if (where != TL_WORD)
			return 1;
		diag_error(L->d, &n->pos, "placeholder \"{%s}\" in a word: "
		    "a word cannot name another word; write its text", s);
		return 0;
	}
	/* {n}: the count in a word that has one (shortened) */
	if (where == TL_WORD && len == 1 && name[0] == 'n')
		return 1;
	v = tmpl_var_find(name, len);
	if (v == TV_PAGE || v == TV_PAGES) {
		if (where != TL_BODY)
			return 1;
		diag_error(L->d, &n->pos, "placeholder \"{%s}\" is only known "
		    "in headers, footers and words; use it there", s);
		return 0;
	}
	if (v >= 0)
		return 1;
	if (L->cands == NULL)
		make_cands(L);
	hint = str_suggest(s, L->cands, L->ncands);
	if (hint != NULL)
		diag_error(L->d, &n->pos, "unknown placeholder \"{%s}\"; did you "
		    "mean \"{%s}\"?", s, hint);
	else
		diag_error(L->d, &n->pos, "unknown placeholder \"{%s}\"; expected "
		    "one of {person.name}, {cycle.title}, {page}, {words.KEY} "
		    "... (see the template reference), or \"{{\" for a brace", s);
	return 0;
}

int
tl_text(struct tload *L, const struct ynode *n, enum tl_where where,
    const char **out)
{
	const char *s, *p, *end;
	int ok = 1;

	if (n->kind != YNODE_SCALAR) {
		char w[96], what[80];

		diag_error(L->d, &n->pos, "%s: expected text, found %s",
		    y_where(n, w, sizeof w), y_describe(n, what, sizeof what));
		return 0;
	}
	s = y_is_null(n) ? "" : n->str;
	for (p = s; *p != '\0'; p++) {
		if (*p != '{')
			continue;
		if (p[1] == '{') {
			p++;
			continue;
		}
		end = strchr(p, '}');
		if (end == NULL) {
			diag_error(L->d, &n->pos, "unclosed \"{\" in \"%.40s\"; "
			    "write \"{{\" for a literal brace", s);
			return 0;
		}
		if (!check_name(L, n, p + 1, (size_t)(end - p - 1), where))
			ok = 0;
		p = end;
	}
	*out = arena_strdup(L->a, s);   /* the YAML tree dies before us */
	return ok;
}

/* --- numbers, lengths, colours --- */

int
tl_length(struct tload *L, const struct ynode *n, float *out)
{
	static const struct { const char *unit; double pt; } units[] = {
		{ "pt", 1 }, { "mm", 72 / 25.4 }, { "cm", 72 / 2.54 },
		{ "in", 72 }
	};
	double x;
	size_t i;
	char w[96], what[80];

	if (n->kind == YNODE_SCALAR && n->plain && parse_double(n->str,
	    n->len, &x) && x >= 0 && x < 100000) {
		*out = (float)x;
		return 1;
	}
	for (i = 0; n->kind == YNODE_SCALAR && n->len > 2 && i < NELEM(units);
	    i++)
		if (strcmp(n->str + n->len - 2, units[i].unit) == 0 &&
		    parse_double(n->str, n->len - 2, &x) && x >= 0 &&
		    x < 10000) {
			*out = (float)(x * units[i].pt);
			return 1;
		}
	diag_error(L->d, &n->pos, "%s: expected a length (points, or a number "
	    "with mm, cm, in or pt, such as 20mm), found %s",
	    y_where(n, w, sizeof w), y_describe(n, what, sizeof what));
	return 0;
}

/* number: a plain number within [lo, hi]. */
static int
number(struct tload *L, const struct ynode *n, double lo, double hi,
    double *out)
{
	char w[96];

	if (!y_num(n, L->d, out))
		return 0;
	if (*out >= lo && *out <= hi)
		return 1;
	diag_error(L->d, &n->pos, "%s: %g is out of range; expected a number "
	    "from %g to %g", y_where(n, w, sizeof w), *out, lo, hi);
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* parse_hex: "#rrggbb" into c; 0 when malformed. */
static int
parse_hex(const char *s, size_t len, struct rgb *c)
{
	int v[6];
	size_t i;

	if (len != 7 || s[0] != '#')
		return 0;
	for (i = 0; i < 6; i++) {
		v[i] = hexval((unsigned char)s[i + 1]);
		if (v[i] < 0)
			return 0;
	}
	c->r = (float)(v[0] * 16 + v[1]) / 255;
	c->g = (float)(v[2] * 16 + v[3]) / 255;
	c->b = (float)(v[4] * 16 + v[5]) / 255;
	return 1;
}

static int
color(struct tload *L, const struct ynode *n, struct rgb *c)
{
	char w[96], what[80];

	if (n->kind == YNODE_SCALAR && parse_hex(n->str, n->len, c))
		return 1;
	if (y_is_null(n))
		diag_error(L->d, &n->pos, "%s: expected a colour such as "
		    "\"#1f4e79\", found nothing (put the colour in quotes: an "
		    "unquoted # starts a comment)", y_where(n, w, sizeof w));
	else
		diag_error(L->d, &n->pos, "%s: expected a colour such as "
		    "\"#1f4e79\", found %s", y_where(n, w, sizeof w),
		    y_describe(n, what, sizeof what));
	return 0;
}

static void
colors(struct tload *L, const struct ynode *n)
{
	size_t i;

	if (n == NULL || !y_kind(n, YNODE_MAP, L->d))
		return;
	y_keys(n, tmpl_color_names, NTMPL_COLORS, L->d);
	for (i = 0; i < NTMPL_COLORS; i++) {
		const struct ynode *v = y_get(n, tmpl_color_names[i]);

		if (v != NULL)
			color(L, v, &L->t->colors[i]);
	}
}

/* --- page --- */

static const struct { const char *name; float w, h; } page_sizes[] = {
	{ "A4", 595.28f, 841.89f }, { "Letter", 612, 792 },
	{ "Legal", 612, 1008 }, { "A3", 841.89f, 1190.55f },
	{ "A5", 419.53f, 595.28f }, { "16:9", 960, 540 }
};

static void
page_size(struct tload *L, const struct ynode *v, struct tmpl_page *pg)
{
	const char *names[NELEM(page_sizes)];
	const char *hint;
	size_t i;

	for (i = 0; i < NELEM(page_sizes); i++) {
		names[i] = page_sizes[i].name;
		if (v->kind == YNODE_SCALAR &&
		    str_casecmp_ascii(v->str, names[i]) == 0) {
			pg->width = page_sizes[i].w;
			pg->height = page_sizes[i].h;
			return;
		}
	}
	if (v->kind != YNODE_SCALAR) {
		y_kind(v, YNODE_SCALAR, L->d);
		return;
	}
	hint = str_suggest(v->str, names, NELEM(names));
	diag_error(L->d, &v->pos, "unknown page size \"%s\"; %s%s%sexpected "
	    "A4, Letter, Legal, A3, A5 or 16:9, or give width and height",
	    v->str, hint != NULL ? "did you mean \"" : "",
	    hint != NULL ? hint : "", hint != NULL ? "\"? " : "");
}

static void
margins(struct tload *L, const struct ynode *v, struct tmpl_page *pg)
{
	static const char *const keys[] = { "top", "right", "bottom", "left" };
	float *slot[] = { &pg->top, &pg->right, &pg->bottom, &pg->left };
	float x;
	size_t i;

	if (v->kind == YNODE_SCALAR) {
		if (tl_length(L, v, &x))
			pg->top = pg->right = pg->bottom = pg->left = x;
		return;
	}
	if (!y_kind(v, YNODE_MAP, L->d))
		return;
	y_keys(v, keys, NELEM(keys), L->d);
	for (i = 0; i < NELEM(keys); i++) {
		const struct ynode *m = y_get(v, keys[i]);

		if (m != NULL)
			tl_length(L, m, slot[i]);
	}
}

void
tl_page(struct tload *L, const struct ynode *n, struct tmpl_page *pg)
{
	static const char *const keys[] = {
		"size", "width", "height", "orientation", "margins"
	};
	const struct ynode *v;
	float t;

	if (n == NULL || !y_kind(n, YNODE_MAP, L->d))
		return;
	y_keys(n, keys, NELEM(keys), L->d);
	v = y_get(n, "size");
	if (v != NULL)
		page_size(L, v, pg);
	v = y_get(n, "width");
	if (v != NULL)
		tl_length(L, v, &pg->width);
	v = y_get(n, "height");
	if (v != NULL)
		tl_length(L, v, &pg->height);
	v = y_get(n, "orientation");
	if (v != NULL) {
		int land = v->kind == YNODE_SCALAR &&
		    strcmp(v->str, "landscape") == 0;

		if (!land && !(v->kind == YNODE_SCALAR &&
		    strcmp(v->str, "portrait") == 0)) {
			char what[80];

			diag_error(L->d, &v->pos, "\"orientation\": expected "
			    "portrait or landscape, found %s",
			    y_describe(v, what, sizeof what));
		} else if (land != (pg->width > pg->height)) {
			t = pg->width;
			pg->width = pg->height;
			pg->height = t;
		}
	}
	v = y_get(n, "margins");
	if (v != NULL)
		margins(L, v, pg);
	if (pg->width < 144 || pg->height < 144)
		diag_error(L->d, &n->pos, "page of %.0f x %.0f pt is too small; "
		    "expected at least 144 x 144 pt (2 in)", pg->width,
		    pg->height);
	else if (pg->left + pg->right > pg->width - 72 ||
	    pg->top + pg->bottom > pg->height - 72)
		diag_error(L->d, &n->pos, "the margins leave less than 72 pt "
		    "(1 in) of a %.0f x %.0f pt page for the content; expected "
		    "smaller margins", pg->width, pg->height);
}

/* --- header, footer --- */

void
tl_band(struct tload *L, const struct ynode *n, struct tmpl_band *b,
    int header)
{
	static const char *const hkeys[] = {
		"left", "center", "right", "rule", "logo"
	};
	const char **slot[] = { &b->left, &b->center, &b->right };
	size_t i, nkeys = header ? 5 : 4;
	const struct ynode *v;

	if (n == NULL)
		return;
	if (y_is_null(n)) {             /* `footer: ~`: none at all */
		memset(b, 0, sizeof *b);
		return;
	}
	if (!y_kind(n, YNODE_MAP, L->d))
		return;
	y_keys(n, hkeys, nkeys, L->d);
	for (i = 0; i < 3; i++) {
		v = y_get(n, hkeys[i]);
		if (v != NULL)
			tl_text(L, v, TL_BAND, slot[i]);
	}
	v = y_get(n, "rule");
	if (v != NULL)
		y_bool(v, L->d, &b->rule);
	v = header ? y_get(n, "logo") : NULL;
	if (v != NULL)
		y_bool(v, L->d, &b->logo);
}

/* --- styles --- */

static void
style(struct tload *L, const struct ynode *n, struct tmpl_style_def *s)
{
	static const char *const keys[] = {
		"size", "bold", "color", "leading", "before", "after"
	};
	const struct ynode *v;
	double x;
	float f;

	if (n->kind == YNODE_SCALAR) {          /* `body: 10`: the size */
		if (number(L, n, 4, 200, &x))
			s->size = (float)x;
		return;
	}
	if (!y_kind(n, YNODE_MAP, L->d))
		return;
	y_keys(n, keys, NELEM(keys), L->d);
	v = y_get(n, "size");
	if (v != NULL && number(L, v, 4, 200, &x))
		s->size = (float)x;
	v = y_get(n, "bold");
	if (v != NULL)
		y_bool(v, L->d, &s->bold);
	v = y_get(n, "leading");
	if (v != NULL && number(L, v, 0.8, 4, &x))
		s->leading = (float)x;
	v = y_get(n, "before");
	if (v != NULL && tl_length(L, v, &f))
		s->before = f;
	v = y_get(n, "after");
	if (v != NULL && tl_length(L, v, &f))
		s->after = f;
	v = y_get(n, "color");
	if (v != NULL) {
		int c = v->kind == YNODE_SCALAR ? tmpl_color_find(v->str,
		    v->len) : -1;

		if (c >= 0)
			s->color = (enum tmpl_color)c;
		else {
			const char *hint = v->kind == YNODE_SCALAR ?
			    str_suggest(v->str, tmpl_color_names, NTMPL_COLORS) : NULL;
			char what[80];

			diag_error(L->d, &v->pos, "\"color\": expected the name "
			    "of a template colour (text, muted, accent, ...), "
			    "found %s%s%s%s", y_describe(v, what, sizeof what),
			    hint ? "; did you mean \"" : "", hint ? hint : "",
			    hint ? "\"?" : "");
		}
	}
}

void
tl_styles(struct tload *L, const struct ynode *n,
    struct tmpl_style_def *styles)
{
	size_t i;

	if (n == NULL || !y_kind(n, YNODE_MAP, L->d))
		return;
	y_keys(n, tmpl_style_names, NTMPL_STYLES, L->d);
	for (i = 0; i < NTMPL_STYLES; i++) {
		const struct ynode *v = y_get(n, tmpl_style_names[i]);

		if (v != NULL)
			style(L, v, &styles[i]);
	}
}

/* --- words --- */

static void
words(struct tload *L, const struct ynode *n)
{
	size_t i;

	if (n == NULL || !y_kind(n, YNODE_MAP, L->d))
		return;
	y_keys(n, tmpl_word_keys, NTMPL_WORDS, L->d);
	for (i = 0; i < NTMPL_WORDS; i++) {
		const struct ynode *v = y_get(n, tmpl_word_keys[i]);

		if (v != NULL)
			tl_text(L, v, TL_WORD, &L->t->words[i]);
	}
}

/* --- language --- */

/* language: `language: de`: the words and number and date forms of a
 * language lang.c knows; anything else is reported with the list. */
static void
language(struct tload *L, const struct ynode *n)
{
	const struct lang *l;
	const char *s;

	if (n == NULL || !y_str(n, L->d, &s))
		return;
	l = lang_find(s, strlen(s));
	if (l == NULL) {
		diag_error(L->d, &n->pos, "language \"%s\" is not one revpack "
		    "has words for; expected one of %s (or write every word "
		    "under \"words:\")", s, lang_codes());
		return;
	}
	L->t->lang = l;
}

/* --- fonts --- */

/* font_name: a family name, or a path made relative to the template. */
static const char *
font_name(struct tload *L, const char *s)
{
	if (strchr(s, '/') == NULL || s[0] == '/' || L->t->dir == NULL)
		return arena_strdup(L->a, s);
	return arena_printf(L->a, "%s/%s", L->t->dir, s);
}

static void
fonts(struct tload *L, const struct ynode *n)
{
	static const char *const keys[] = { "regular", "bold", "fallback" };
	struct font_request *f = &L->t->fonts;
	const struct ynode *v;
	const char *s, **list;
	size_t i, count;

	if (n == NULL || !y_kind(n, YNODE_MAP, L->d))
		return;
	f->at = n->pos;
	f->at.file = L->t->path;
	y_keys(n, keys, NELEM(keys), L->d);
	v = y_get(n, "regular");
	if (v != NULL && y_str(v, L->d, &s)) {
		f->regular = font_name(L, s);
		/* A family's bold unless told otherwise. */
		f->bold = strchr(s, '/') == NULL && strchr(s, ':') == NULL ?
		    arena_printf(L->a, "%s:bold", s) : NULL;
	}
	v = y_get(n, "bold");
	if (v != NULL && y_str(v, L->d, &s))
		f->bold = font_name(L, s);
	v = y_get(n, "fallback");
	if (v != NULL) {
		if (y_is_null(v)) {
			f->fallback = NULL;
			f->nfallback = 0;
		} else if (y_strlist(v, L->a, L->d, &list, &count)) {
			for (i = 0; i < count; i++)
				list[i] = font_name(L, list[i]);
			f->fallback = list;
			f->nfallback = count;
		}
	}
}

/* --- logo --- */

/* image_size: the pixel size of a PNG or JPEG file; 0 when it is
 * neither or cannot be read. */
static int
image_size(const char *path, long *w, long *h)
{
	unsigned char b[64 * 1024];
	size_t n, i;
	const char *why;
	FILE *f = file_open(path, NULL, &why);

	if (f == NULL)
		return 0;
	n = fread(b, 1, sizeof b, f);
	fclose(f);
	if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(b + 12, "IHDR", 4) == 0) {
		*w = (long)b[16] << 24 | (long)b[17] << 16 | b[18] << 8 | b[19];
		*h = (long)b[20] << 24 | (long)b[21] << 16 | b[22] << 8 | b[23];
		return *w > 0 && *h > 0;
	}
	if (n < 4 || b[0] != 0xff || b[1] != 0xd8)
		return 0;
	for (i = 2; i + 9 < n; ) {      /* walk the JPEG segments to a SOF */
		unsigned m = b[i + 1];
		size_t len = (size_t)b[i + 2] << 8 | b[i + 3];

		if (b[i] != 0xff)
			return 0;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			*h = (long)b[i + 5] << 8 | b[i + 6];
			*w = (long)b[i + 7] << 8 | b[i + 8];
			return *w > 0 && *h > 0;
		}
		i += 2 + len;
	}
	return 0;
}

static void
logo(struct tload *L, const struct ynode *n)
{
	static const char *const keys[] = { "file", "width", "height" };
	const struct ynode *file = n, *v;
	const char *s;
	long pw, ph;
	float w = 0, h = 0;

	if (n == NULL || y_is_null(n))
		return;
	if (n->kind == YNODE_MAP) {
		y_keys(n, keys, NELEM(keys), L->d);
		file = y_require(n, "file", "in \"logo\"", L->d);
		v = y_get(n, "width");
		if (v != NULL)
			tl_length(L, v, &w);
		v = y_get(n, "height");
		if (v != NULL)
			tl_length(L, v, &h);
	}
	if (file == NULL || !y_str(file, L->d, &s))
		return;
	/* A copy in the template's arena either way: s points into the
	 * YAML tree, which tmpl_load frees before the logo is drawn. */
	s = s[0] == '/' ? arena_strdup(L->a, s) :
	    arena_printf(L->a, "%s/%s", L->t->dir, s);
	if (!image_size(s, &pw, &ph)) {
		diag_error(L->d, &file->pos, "logo \"%s\" cannot be read as a "
		    "PNG or JPEG image; expected such a file (its path is "
		    "relative to the template)", file->str);
		return;
	}
	if (w <= 0 && h <= 0)
		h = 28;
	if (w <= 0)
		w = h * (float)pw / (float)ph;
	if (h <= 0)
		h = w * (float)ph / (float)pw;
	L->t->logo = s;
	L->t->logo_width = w;
	L->t->logo_height = h;
}

/* --- the whole template --- */

static void
defaults(struct tmpl *t)
{
	size_t i;

	t->page.width = 595.28f;
	t->page.height = 841.89f;
	t->page.top = 62;
	t->page.bottom = 54;
	t->page.left = t->page.right = 50;
	t->lang = lang_default();
	t->fonts.regular = "Liberation Sans";
	t->fonts.bold = "Liberation Sans:bold";
	t->fonts.fallback = fallback_fonts;
	t->fonts.nfallback = NELEM(fallback_fonts);
	for (i = 0; i < NTMPL_COLORS; i++)
		parse_hex(color_defaults[i], 7, &t->colors[i]);
	memcpy(t->styles, style_defaults, sizeof t->styles);
	t->header.left = "{organization}";
	t->header.right = "{cycle.title}";
	t->header.rule = 1;
	t->header.logo = 1;
	t->footer.left = "{document}";
	t->footer.center = "{person.name}";
	t->footer.right = "{words.page_of}";
	t->footer.rule = 0;
}

static struct tmpl *
tmpl_alloc(const char *path)
{
	struct arena *a = arena_new();
	struct tmpl *t = arena_alloc(a, sizeof *t);
	const char *slash;

	t->arena = a;
	t->path = arena_strdup(a, path);
	slash = strrchr(t->path, '/');
	t->dir = slash != NULL ? arena_strndup(a, t->path,
	    (size_t)(slash - t->path)) : ".";
	defaults(t);
	return t;
}

/* read_root: every top-level key of a template. */
static void
read_root(struct tload *L, const struct ynode *root)
{
	static const char *const keys[] = {
		"name", "description", "page", "fonts", "colors", "styles",
		"language", "words", "logo", "header", "footer", "documents"
	};
	struct tmpl *t = L->t;

	if (!y_kind(root, YNODE_MAP, L->d))
		return;
	y_keys(root, keys, NELEM(keys), L->d);
	tl_page(L, y_get(root, "page"), &t->page);
	fonts(L, y_get(root, "fonts"));
	colors(L, y_get(root, "colors"));
	tl_styles(L, y_get(root, "styles"), t->styles);
	language(L, y_get(root, "language"));
	words(L, y_get(root, "words"));
	logo(L, y_get(root, "logo"));
	tl_band(L, y_get(root, "header"), &t->header, 1);
	tl_band(L, y_get(root, "footer"), &t->footer, 0);
	if (t->logo != NULL && t->header.logo &&
	    t->logo_height > t->page.top - 14)
		diag_error(L->d, &y_get(root, "logo")->pos, "the logo is %.0f pt "
		    "high but the top margin of %.0f pt leaves %.0f pt for the "
		    "header; expected a smaller logo height or a larger top "
		    "margin", t->logo_height, t->page.top, t->page.top - 14);
	tl_documents(L, y_get(root, "documents"));
}

struct tmpl *
tmpl_from_yaml(const struct ydoc *doc, struct diag *d)
{
	struct tload L;
	struct diag *mine = diag_new(NULL);
	int bad;

	/* Checks run per part, not in file order: collect, then report in
	 * line order. */
	memset(&L, 0, sizeof L);
	L.t = tmpl_alloc(doc->file);
	L.d = mine;
	L.a = L.t->arena;
	if (!ydoc_empty(doc, "a template with page, fonts, documents, ...",
	    mine))
		read_root(&L, doc->root);
	/* doc->errors: its parse reported problems that left the tree whole */
	bad = diag_errors(mine) > 0 || doc->errors > 0;
	diag_merge_sorted(d, mine);
	diag_free(mine);
	if (bad) {
		tmpl_free(L.t);
		return NULL;
	}
	return L.t;
}

struct tmpl *
tmpl_load(const char *path, struct diag *d)
{
	struct ydoc *doc = ydoc_load(path, d);
	struct tmpl *t = NULL;

	if (doc != NULL)
		t = tmpl_from_yaml(doc, d);
	ydoc_free(doc);
	return t;
}

struct tmpl *
tmpl_load_deck(const char *path, struct diag *d)
{
	struct tmpl *t;
	char *shipped;

	if (path != NULL)
		return tmpl_load(path, d);
	shipped = runenv_template("slides.yaml", NULL);
	if (shipped == NULL)
		return NULL;
	t = tmpl_load(shipped, d);
	free(shipped);
	return t;
}

struct tmpl *
tmpl_builtin(struct diag *d)
{
	struct tload L;

	memset(&L, 0, sizeof L);
	L.t = tmpl_alloc("(built-in template)");
	L.t->dir = ".";
	L.d = d;
	L.a = L.t->arena;
	tl_documents(&L, NULL);
	return L.t;
}

void
tmpl_free(struct tmpl *t)
{
	if (t != NULL)
		arena_free(t->arena);
}
