/* lay_text.c: text for the layout engine: line breaking with the
 * fontset's widths where Unicode's line breaking algorithm (UAX #14,
 * through ICU: uni_line_breaks) allows a break, over-long words cut
 * between grapheme clusters, truncation with an ellipsis, and drawing a
 * line as runs of one face each, in the visual order of its paragraph's
 * direction (bidi.h). */
#include <stdlib.h>
#include <string.h>

#include "lay_int.h"

/* is_space: white space, which takes no room at the end of a line. */
static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B &&
	    cp != 0x2007);
}

/* cp_before: the start of the code point that ends at q (> lo), which is
 * put in *cp. */
static size_t
cp_before(const char *s, size_t lo, size_t q, uint32_t *cp)
{
	size_t p = q - 1;

	while (p > lo && ((unsigned char)s[p] & 0xC0) == 0x80)
		p--;
	utf8_next(s + p, q - p, cp);
	return p;
}

/* ink_end: the end of [a, b) without its trailing spaces. */
static size_t
ink_end(const char *s, size_t a, size_t b)
{
	uint32_t cp;

	while (b > a) {
		size_t p = cp_before(s, a, b, &cp);

		if (!is_space(cp))
			break;
		b = p;
	}
	return b;
}

const char *
lt_clean(struct lay *L, const char *text, size_t *len)
{
	size_t n = text != NULL ? strlen(text) : 0, i, j = 0, bad;
	char *out = arena_alloc(L->arena, n + 1);

	while (n > 0 && (text[0] == ' ' || text[0] == '\t')) {
		text++;
		n--;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\r') {
			out[j++] = '\n';
			if (i + 1 < n && text[i + 1] == '\n')
				i++;
		} else if (c < 0x20 && c != '\n')
			out[j++] = ' ';
		else if (c == 0x7f)
			out[j++] = ' ';
		else if ((c == 0xc2 && i + 1 < n &&
		    (unsigned char)text[i + 1] == 0x85) ||
		    (c == 0xe2 && i + 2 < n && text[i + 1] == '\x80' &&
		    (text[i + 2] == '\xa8' || text[i + 2] == '\xa9'))) {
			/* NEL, LINE and PARAGRAPH SEPARATOR (UAX #14: BK,
			 * NL) end a line like a newline */
			out[j++] = '\n';
			i += c == 0xc2 ? 1 : 2;
		} else if (c == 0xc2 && i + 1 < n &&
		    (unsigned char)text[i + 1] >= 0x80 &&
		    (unsigned char)text[i + 1] < 0xa0) {
			out[j++] = ' ';         /* a C1 control */
			i++;
		} else
			out[j++] = (char)c;
	}
	out[j] = '\0';
	while (!utf8_valid(out, j, &bad))
		out[bad] = '?';
	*len = j;
	return out;
}

float
lt_width(const struct lay *L, const struct lstyle *st, const char *s,
    size_t len)
{
	if (len == 0)
		return 0;
	return fontset_width(L->fs, st->face, s, len) * st->size / 1000;
}

/* The line being filled while wrapping. */
struct wrap {
	struct lay *L;
	const struct lstyle *st;
	const char *s;
	float width;
	size_t start, end;      /* the line's text so far (ink) */
	float w;                /* its width */
	float tail;             /* width of the spaces after `end` */
	int empty;
	struct lline *lines;
	size_t n, cap;
};

static void
emit(struct wrap *W)
{
	struct lline *l;

	XGROW(W->lines, W->cap, W->n + 1);
	l = &W->lines[W->n++];
	l->s = W->s + W->start;
	l->len = W->end - W->start;
	l->w = W->w;
	W->empty = 1;
	W->w = W->tail = 0;
}

/* unit: puts [p, q), a piece of a word wider than a line, on the line,
 * or on a new one when it does not fit. */
static void
unit(struct wrap *W, size_t p, size_t q)
{
	float cw = lt_width(W->L, W->st, W->s + p, q - p);

	if (W->w + cw > W->width && W->end > W->start) {
		emit(W);
		W->start = W->end = p;
	}
	W->w += cw;
	W->end = q;
	W->empty = 0;
}

/* hard: places the word [a, c) that is wider than a line, cut where a
 * grapheme cluster ends (never between a letter and its marks, nor inside
 * an emoji sequence) unless the fonts join the next code point to it (a
 * consonant after a virama, fontset_cluster_joins, as lt_fit cuts). */
static void
hard(struct wrap *W, size_t a, size_t c)
{
	struct lay *L = W->L;
	size_t n, i, p = a;

	XGROW(L->clusters, L->clusters_cap, c - a);
	n = uni_cluster_breaks(L->brk, W->s + a, c - a, L->clusters);
	W->start = W->end = a;
	W->w = 0;
	for (i = 0; i < n; i++) {
		size_t q = a + L->clusters[i];
		uint32_t prev, cp;

		if (q < c) {
			cp_before(W->s, a, q, &prev);
			utf8_next(W->s + q, c - q, &cp);
			if (fontset_cluster_joins(prev, cp))
				continue;
		}
		unit(W, p, q);
		p = q;
	}
}

/* place: one segment: ink [a, c), then spaces [c, b). */
static void
place(struct wrap *W, size_t a, size_t c, size_t b)
{
	float ink = lt_width(W->L, W->st, W->s + a, c - a);

	if (!W->empty && W->w + W->tail + ink > W->width)
		emit(W);
	if (W->empty) {
		W->start = a;
		if (ink > W->width)
			hard(W, a, c);
		else {
			W->end = c;
			W->w = ink;
		}
	} else {
		W->end = c;
		W->w += W->tail + ink;
	}
	W->empty = 0;
	W->tail = lt_width(W->L, W->st, W->s + c, b - c);
}

int
lt_para(const char *s, size_t len)
{
	int d;

	if (!bidi_maybe_rtl(s, len))
		return BIDI_LTR;
	d = bidi_first_strong(s, len);
	return d == BIDI_RTL ? BIDI_RTL : BIDI_LTR;
}

/* set_paras: the direction of each of the n lines of text s[0..len): its
 * paragraph's (paragraphs end at '\n'). */
static void
set_paras(struct lline *lines, size_t n, const char *s, size_t len)
{
	size_t i, start, end = 0;
	int d = BIDI_LTR;

	for (i = 0; i < n; i++) {
		size_t at = (size_t)(lines[i].s - s);

		if (i == 0 || at > end) {
			const char *nl = memchr(s + at, '\n', len - at);

			for (start = at; start > 0 && s[start - 1] != '\n';)
				start--;
			end = nl != NULL ? (size_t)(nl - s) : len;
			d = lt_para(s + start, end - start);
		}
		lines[i].para = d;
	}
}

struct lline *
lt_wrap(struct lay *L, const struct lstyle *st, const char *s, size_t len,
    float width, size_t *n)
{
	struct wrap W;
	size_t seg = 0, nb, i;
	struct lline *out;

	memset(&W, 0, sizeof W);
	W.lines = L->scratch;
	W.cap = L->scratch_cap;
	W.L = L;
	W.st = st;
	W.s = s;
	W.width = width > 1 ? width : 1;
	W.empty = 1;
	XGROW(L->breaks, L->breaks_cap, len + 1);
	nb = uni_line_breaks(L->brk, s, len, L->breaks);
	/* each segment between two breaks: a word and the spaces after it,
	 * or a line's end and its '\n', which ends the line */
	for (i = 0; i < nb; i++) {
		size_t q = L->breaks[i];
		int nl = s[q - 1] == '\n';
		size_t end = nl ? q - 1 : q;

		/* not after a soft hyphen: it is never drawn, so nothing
		 * would show the hyphen that such a break asks for */
		if (q >= 2 && q < len && memcmp(s + q - 2, "\xc2\xad", 2) == 0)
			continue;
		if (seg < end)
			place(&W, seg, ink_end(s, seg, end), end);
		if (nl) {
			if (W.empty)
				W.start = W.end = end;
			emit(&W);
		}
		seg = q;
	}
	if (!W.empty || W.n == 0) {
		if (W.empty)
			W.start = W.end = len;
		emit(&W);
	}
	out = arena_alloc(L->arena, W.n * sizeof *out);
	memcpy(out, W.lines, W.n * sizeof *out);
	set_paras(out, W.n, s, len);
	*n = W.n;
	L->scratch = W.lines;           /* kept for the next call */
	L->scratch_cap = W.cap;
	return out;
}

/* The runs of a line while fontset_runs gives them. */
struct collector {
	struct lay *L;
	size_t n;
};

/* collect: fontset_runs' callback: the runs into L->runs. */
static void
collect(void *ctx, const struct font_run *run)
{
	struct collector *c = ctx;

	XGROW(c->L->runs, c->L->runs_cap, c->n + 1);
	c->L->runs[c->n++] = *run;
}

/* A remembered run: where it is in the line. */
struct mrun {
	uint32_t off, len;
	int face;
	float width;
};

/* put_run: the text item of run r at (x, base); returns its width. */
static float
put_run(struct lay *L, const struct lstyle *st, float x, float base,
    const struct font_run *r, enum font_dir dir, int cont)
{
	struct dl_item *it = lay_item(L, DL_TEXT);

	it->x = x;
	it->y = base;
	it->w = r->width * st->size / 1000;
	it->h = st->size;
	it->face = r->face;
	it->size = st->size;
	it->text = r->s;
	it->len = r->len;
	it->fill = st->color;
	it->fill_on = 1;
	it->dir = (unsigned char)dir;
	it->cont = (unsigned char)(cont != 0);
	return it->w;
}

/* put_runs: text items for runs at (x, base), as fontset_runs gave them
 * (run i's text at line + off[i] when line is not NULL). */
static void
put_runs(struct lay *L, const struct lstyle *st, float x, float base,
    const struct font_run *runs, const struct mrun *mr, const char *line,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct font_run r;

		if (runs != NULL)
			r = runs[i];
		else {
			r.face = mr[i].face;
			r.s = line + mr[i].off;
			r.len = mr[i].len;
			r.width = mr[i].width;
		}
		x += put_run(L, st, x, base, &r, FONT_DIR_AUTO, i > 0);
	}
}

/* draw_bidi: a line that holds right-to-left text, or is in a
 * right-to-left paragraph: its bidi runs in visual order, each split into
 * runs of one face, placed left to right (a right-to-left run's face runs
 * in reverse), each item marked with its direction for the shaper. */
static void
draw_bidi(struct lay *L, const struct lstyle *st, float x, float base,
    const char *s, size_t len, int rtl)
{
	struct bidi_run small[16], *br = small;
	struct collector c;
	size_t n, i, j;

	if (len > NELEM(small))
		br = xcalloc(len, sizeof *br);
	n = bidi_runs(s, len, rtl, br, len > NELEM(small) ? len :
	    NELEM(small));
	c.L = L;
	for (i = 0; i < n; i++) {
		c.n = 0;
		fontset_runs(L->fs, st->face, s + br[i].off, br[i].len, L->d,
		    collect, &c);
		for (j = 0; j < c.n; j++)
			x += put_run(L, st, x, base, &L->runs[br[i].rtl ?
			    c.n - 1 - j : j], br[i].rtl ? FONT_DIR_RTL :
			    FONT_DIR_LTR, i > 0 || j > 0);
	}
	if (br != small)
		free(br);
}

/* lt_draw: the runs of a line are remembered per face (they do not
 * depend on the size or the place), unless measuring them warned about a
 * character or printed a placeholder. */
static void
draw(struct lay *L, const struct lstyle *st, float x, float base,
    const char *s, size_t len, int para)
{
	struct collector c;
	struct memo_key k;
	const struct mrun *mr;
	struct mrun *keep;
	size_t n, before, i;
	int plain = 1;

	if (len == 0)
		return;
	if (para == BIDI_NONE)
		para = lt_para(s, len);
	if (para == BIDI_RTL || bidi_maybe_rtl(s, len)) {
		draw_bidi(L, st, x, base, s, len, para == BIDI_RTL);
		return;
	}
	memo_key(&k, MK_RUNS, (uint32_t)st->face, 0, 0, s, len);
	mr = memo_get(L->memo, &k, &n);
	if (mr != NULL) {
		put_runs(L, st, x, base, NULL, mr, s, n);
		return;
	}
	c.L = L;
	c.n = 0;
	before = L->d != NULL ? diag_count(L->d) : 0;
	fontset_runs(L->fs, st->face, s, len, L->d, collect, &c);
	put_runs(L, st, x, base, L->runs, NULL, NULL, c.n);
	for (i = 0; i < c.n; i++)
		plain &= L->runs[i].s >= s && L->runs[i].s + L->runs[i].len <=
		    s + len;
	if (!plain || (L->d != NULL && diag_count(L->d) != before))
		return;
	keep = memo_put(L->memo, &k, c.n * sizeof *keep, c.n);
	for (i = 0; keep != NULL && i < c.n; i++) {
		keep[i].off = (uint32_t)(L->runs[i].s - s);
		keep[i].len = (uint32_t)L->runs[i].len;
		keep[i].face = L->runs[i].face;
		keep[i].width = L->runs[i].width;
	}
}

void
lt_draw(struct lay *L, const struct lstyle *st, float x, float base,
    const char *s, size_t len)
{
	draw(L, st, x, base, s, len, BIDI_NONE);
}

void
lt_draw_line(struct lay *L, const struct lstyle *st, float x, float base,
    const struct lline *l)
{
	draw(L, st, x, base, l->s, l->len, l->para);
}

/* keep_lines: the n lines stored under k with a copy of the text they
 * point into: s (cleaned, len bytes) and, for a line cut with an
 * ellipsis (lt_wrap_max), that line's own text `cut`. Returns the stored
 * lines, or `lines` when the memo is full. */
static struct lline *
keep_lines(struct lay *L, const struct memo_key *k, struct lline *lines,
    size_t n, const char *s, size_t len, const char *cut, size_t cutlen)
{
	struct lline *out = memo_put(L->memo, k, n * sizeof *out + len +
	    cutlen + 1, n);
	char *text;
	size_t i;

	if (out == NULL)
		return lines;
	text = (char *)(out + n);
	memcpy(text, s, len);
	if (cutlen > 0)
		memcpy(text + len, cut, cutlen);
	for (i = 0; i < n; i++) {
		out[i] = lines[i];
		if (cut != NULL && lines[i].s == cut)
			out[i].s = text + len;
		else
			out[i].s = text + (lines[i].s - s);
	}
	return out;
}

struct lline *
lt_lines(struct lay *L, const struct lstyle *st, const char *text,
    float width, size_t *n)
{
	struct memo_key k;
	struct lline *lines;
	const char *s;
	size_t len;

	memo_key(&k, MK_LINES, (uint32_t)st->face, memo_float(st->size),
	    memo_float(width), text, text != NULL ? strlen(text) : 0);
	lines = memo_get(L->memo, &k, n);
	if (lines != NULL)
		return lines;
	s = lt_clean(L, text, &len);
	lines = lt_wrap(L, st, s, len, width, n);
	return keep_lines(L, &k, lines, *n, s, len, NULL, 0);
}

const char *
lt_fit(struct lay *L, const struct lstyle *st, const char *s, size_t len,
    float width, size_t *outlen)
{
	static const char ell[] = "\xe2\x80\xa6";       /* … */
	float ew = lt_width(L, st, ell, 3), w = 0;
	size_t i = 0, cut = 0, cand = 0;
	uint32_t prev = 0;
	char *out;

	if (lt_width(L, st, s, len) <= width) {
		*outlen = len;
		return s;
	}
	/* cut after the last character that is not a space, at the end of
	 * a cluster (never between a consonant and its vowel sign) */
	while (i < len) {
		uint32_t cp;
		int k = utf8_next(s + i, len - i, &cp);
		float cw = lt_width(L, st, s + i, (size_t)k);

		if (cand != 0 && !fontset_cluster_joins(prev, cp))
			cut = cand;
		if (w + cw + ew > width)
			break;
		w += cw;
		i += (size_t)k;
		cand = is_space(cp) ? 0 : i;
		prev = cp;
	}
	if (i == len && cand != 0)
		cut = cand;
	out = arena_alloc(L->arena, cut + 4);
	memcpy(out, s, cut);
	memcpy(out + cut, ell, 4);
	*outlen = cut + 3;
	return out;
}

/* wrap_max: lt_wrap_max without the memo. */
static struct lline *
wrap_max(struct lay *L, const struct lstyle *st, const char *text,
    float width, size_t max, size_t *n, const char **clean, size_t *clen)
{
	size_t len;
	const char *s = lt_clean(L, text, &len);
	struct lline *lines = lt_wrap(L, st, s, len, width, n);

	*clean = s;
	*clen = len;
	if (*n > max && max > 0) {
		struct lline *last = &lines[max - 1];
		size_t rest = (size_t)(s + len - last->s);
		const char *t = arena_strndup(L->arena, last->s, rest);
		char *p;

		for (p = (char *)t; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		last->s = lt_fit(L, st, t, rest, width,
		    &last->len);
		/* force the ellipsis: the rest was cut */
		if (last->len == rest)
			last->s = lt_fit(L, st, t, rest, lt_width(L, st, t,
			    rest) - 0.01f, &last->len);
		last->w = lt_width(L, st, last->s, last->len);
		*n = max;
	}
	return lines;
}

struct lline *
lt_wrap_max(struct lay *L, const struct lstyle *st, const char *text,
    float width, size_t max, size_t *n)
{
	struct memo_key k;
	struct lline *lines;
	const char *s, *cut = NULL;
	size_t len, i;

	memo_key(&k, MK_LINES_MAX, (uint32_t)st->face, memo_float(st->size),
	    memo_float(width) ^ (uint32_t)max * 0x9e3779b9u, text,
	    text != NULL ? strlen(text) : 0);
	lines = memo_get(L->memo, &k, n);
	if (lines != NULL)
		return lines;
	lines = wrap_max(L, st, text, width, max, n, &s, &len);
	/* the cut line (with "…") has a text of its own */
	for (i = 0; i < *n; i++)
		if (lines[i].s < s || lines[i].s > s + len)
			cut = lines[i].s;
	return keep_lines(L, &k, lines, *n, s, len, cut, cut != NULL ?
	    lines[*n - 1].len : 0);
}

float
lt_block(struct lay *L, const struct lstyle *st, const char *text, float x,
    float top, float width, enum tmpl_align align)
{
	size_t n, i;
	struct lline *lines = lt_lines(L, st, text, width, &n);

	for (i = 0; i < n; i++) {
		float dx = 0;

		if (align == TA_RIGHT)
			dx = width - lines[i].w;
		else if (align == TA_CENTER)
			dx = (width - lines[i].w) / 2;
		lt_draw_line(L, st, x + (dx > 0 ? dx : 0), top - st->base -
		    (float)i * st->lh, &lines[i]);
	}
	return (float)n * st->lh;
}

float
lt_draw_max(struct lay *L, const struct lstyle *st, const char *text,
    float x, float top, float width, size_t max)
{
	size_t n, i;
	struct lline *lines = lt_wrap_max(L, st, text, width, max, &n);

	for (i = 0; i < n; i++)
		lt_draw_line(L, st, x, top - st->base - (float)i * st->lh,
		    &lines[i]);
	return (float)n * st->lh;
}

size_t
lay_break_lines(struct lay *L, enum tmpl_style style, const char *text,
    float width, const char **starts, size_t *lens, size_t max)
{
	struct lstyle st;
	size_t len, n, i;
	const char *s;
	struct lline *lines;

	lay_style(L, style, &st);
	s = lt_clean(L, text, &len);
	lines = lt_wrap(L, &st, s, len, width, &n);
	for (i = 0; i < n && i < max; i++) {
		starts[i] = lines[i].s;
		lens[i] = lines[i].len;
	}
	return n;
}
