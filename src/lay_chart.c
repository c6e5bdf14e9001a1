/* lay_chart.c: charts drawn as vectors: horizontal bars with a marker
 * (the expected level) and a radar of competencies with overlaid series,
 * and what every chart shares (labels, numbers, the status marks and
 * key, keeping rows together). The group summaries' charts are in
 * lay_chart_group.c. Labels live in boxes of a fixed height, so they are
 * cut with an ellipsis, never spilled. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "lay_int.h"

#define PI 3.14159265358979323846

/* chart_num: v printed with fmt ("%g", "%.2f", "%+.2f": one double), in the
 * template's language's form ("3,37" in German). */
const char *
chart_num(struct lay *L, const char *fmt, double v)
{
	char tmp[64];

	snprintf(tmp, sizeof tmp, fmt, v);
	return arena_strdup(L->arena, lang_number(L->t->lang, tmp));
}

/* chart_style: the chart style, a little smaller for crowded charts. */
void
chart_style(const struct lay *L, size_t n, struct lstyle *st)
{
	lay_style_scaled(L, TS_CHART, n > 16 ? 0.85f : 1, st);
}

/* chart_label: text cut to `lines` lines of width w, drawn from top y. */
void
chart_label(struct lay *L, const struct lstyle *st, const char *text,
    float x, float y, float w, size_t lines, enum tmpl_align align)
{
	size_t n, i;
	struct lline *l = lt_wrap_max(L, st, text, w, lines, &n);

	for (i = 0; i < n; i++) {
		float dx = align == TA_RIGHT ? w - l[i].w : align == TA_CENTER ?
		    (w - l[i].w) / 2 : 0;

		lt_draw_line(L, st, x + dx, y - st->base - (float)i * st->lh,
		    &l[i]);
	}
}

/* chart_label_mid: as label, centred vertically on y. */
void
chart_label_mid(struct lay *L, const struct lstyle *st, const char *text,
    float x, float y, float w, size_t lines, enum tmpl_align align)
{
	size_t n;

	lt_wrap_max(L, st, text, w, lines, &n);
	chart_label(L, st, text, x, y + (float)n * st->lh / 2, w, lines, align);
}

static float
frac(double v, double min, double max)
{
	double f = max > min ? (v - min) / (max - min) : 0;

	return (float)(f < 0 ? 0 : f > 1 ? 1 : f);
}

/* chart_rows_keep: the room to ask before row i of a chart's n rows of height
 * rh, `tail` being what ends the chart after its last row (a legend, a
 * key): its first three rows (or all) together, its last two with the
 * tail, else one row; so no page holds a single row of the chart. */
float
chart_rows_keep(size_t i, size_t n, float rh, float tail)
{
	/* a chart begins with three rows (as it always has), or all */
	size_t k = i == 0 ? (n < 3 ? n : 3) : lay_keep_lines(i, n);

	if (i + k < n)
		tail = 0;
	return (float)k * rh + tail;
}

/* chart_end: space after a chart. */
void
chart_end(struct lay *L)
{
	lay_gap(L, L->dd->styles[TS_CHART].after);
}

/* --- bars --- */

struct bars_geo {
	float lw, bx0, bx1, row;
	struct lstyle st;
};

static void
bars_axis(struct lay *L, const struct lay_bars *b, const struct bars_geo *g)
{
	struct rgb grid = lay_color(L, TC_LINES);
	double v;
	int step = b->max - b->min > 10 ? (int)ceil((b->max - b->min) / 10) : 1;

	for (v = ceil(b->min); v <= b->max + 1e-9; v += step) {
		float x = g->bx0 + frac(v, b->min, b->max) * (g->bx1 - g->bx0);
		const char *t = chart_num(L, "%g", v);

		chart_label(L, &g->st, t, x - 12, L->y, 24, 1, TA_CENTER);
		lay_line(L, x, L->y - g->st.lh, x, L->y - g->st.lh - 2, &grid,
		    0.5f, 0);
	}
	L->y -= g->st.lh + 2;
}

/* chart_status_mark: what tells a status apart without its colour, in the
 * top-left corner of a box at (x, top): red a solid triangle pointing
 * down, yellow a short bar, green nothing; drawn in col. */
void
chart_status_mark(struct lay *L, enum lay_status s, float x, float top,
    struct rgb col)
{
	if (s == LS_RED) {
		float *p = arena_alloc(L->arena, 6 * sizeof *p);
		struct dl_item *it = lay_item(L, DL_POLY);

		p[0] = x + 1.5f;
		p[1] = top - 1.5f;
		p[2] = x + 6.5f;
		p[3] = top - 1.5f;
		p[4] = x + 4.0f;
		p[5] = top - 5.5f;
		it->pts = p;
		it->npts = 3;
		it->closed = 1;
		it->fill = col;
		it->fill_on = 1;
		it->alpha = 1;
	} else if (s == LS_YELLOW)
		lay_line(L, x + 1.5f, top - 3.0f, x + 6.5f, top - 3.0f, &col,
		    1.4f, 0);
}

/* chart_status_key: each status's colour with its mark, and its word (words:
 * red, yellow, green), in one line from x at the current y; returns the
 * x after it. */
float
chart_status_key(struct lay *L, const struct lstyle *st,
    const char *const *words, float x)
{
	static const enum lay_status order[3] = { LS_RED, LS_YELLOW, LS_GREEN };
	float h = st->lh + 2;
	size_t k;

	for (k = 0; k < 3; k++) {
		struct rgb bg = lay_status_color(L, order[k]);
		size_t len;
		const char *t = lt_clean(L, words[k], &len);

		lay_rect(L, x, L->y - h + 1, 12, h - 2, &bg, NULL, 0);
		chart_status_mark(L, order[k], x + 2, L->y, lay_on_color(L, bg));
		chart_label(L, st, words[k], x + 15, L->y - 1, 80, 1, TA_LEFT);
		x += 15 + lt_width(L, st, t, len) + 12;
	}
	return x;
}

void
lay_bars(struct lay *L, const struct lay_bars *b)
{
	struct bars_geo g;
	struct rgb grid = lay_color(L, TC_LINES), mk = lay_color(L,
	    TC_EXPECTED), muted = lay_color(L, TC_MUTED);
	float w = L->x1 - L->x0, total, legend;
	size_t i;
	int coloured = 0;

	if (b->n == 0)
		return;
	for (i = 0; i < b->n; i++)
		coloured |= b->bars[i].status != LS_NONE &&
		    b->bars[i].status != LS_UNRATED;
	if (L->page < 0)
		lay_space(L, 0);
	chart_style(L, b->n, &g.st);
	g.lw = w * 0.32f;
	g.bx0 = L->x0 + g.lw + 6;
	g.bx1 = L->x1 - g.st.size * 5;
	g.row = 2 * g.st.lh + 4;
	legend = b->marker_label != NULL || coloured ? g.st.lh + 6 : 0;
	total = g.st.lh + 2 + (float)b->n * g.row + legend;
	/* Kept together when it fits a page; else broken between rows,
	 * never leaving one bar alone on a page. */
	lay_space(L, total <= lay_body_height(L) - 40 ? total :
	    g.st.lh + 2 + chart_rows_keep(0, b->n, g.row, legend));
	bars_axis(L, b, &g);
	for (i = 0; i < b->n; i++) {
		const struct lay_bar *r = &b->bars[i];
		float top, bh = g.row * 0.5f, by;
		struct rgb c = r->status == LS_NONE ? lay_color(L, TC_ACCENT) :
		    lay_status_color(L, r->status);

		if (lay_space(L, chart_rows_keep(i, b->n, g.row, legend)))
			bars_axis(L, b, &g);
		top = L->y;
		by = top - (g.row + bh) / 2;
		chart_label_mid(L, &g.st, r->label, L->x0, by + bh / 2, g.lw, 2,
		    TA_LEFT);
		lay_rect(L, g.bx0, by, g.bx1 - g.bx0, bh, NULL, &grid, 0.3f);
		/* a score at the axis's minimum keeps a stub of its colour:
		 * rated, not blank */
		if (!isnan(r->value)) {
			float bw = fmaxf(3.0f, frac(r->value, b->min, b->max) *
			    (g.bx1 - g.bx0));

			lay_rect(L, g.bx0, by, bw, bh, &c, NULL, 0);
			/* the status told by a mark too, as in the heatmaps */
			chart_status_mark(L, r->status, bw >= 9 ? g.bx0 : g.bx0 + bw,
			    by + bh / 2 + 3, bw >= 9 ? lay_on_color(L, c) :
			    lay_color(L, TC_TEXT));
		}
		if (!isnan(r->marker)) {
			float x = g.bx0 + frac(r->marker, b->min, b->max) *
			    (g.bx1 - g.bx0);

			lay_line(L, x, by - 3, x, by + bh + 3, &mk, 1.6f, 0);
		}
		if (r->value_text != NULL) {
			struct lstyle vs = g.st;

			if (isnan(r->value))
				vs.color = muted;
			chart_label(L, &vs, r->value_text, g.bx1 + 4, by + bh / 2 +
			    vs.lh / 2, L->x1 - g.bx1 - 4, 1, TA_LEFT);
		}
		L->y -= g.row;
	}
	if (legend > 0) {
		float x = g.bx0;

		lay_space(L, legend);
		L->y -= 2;
		if (b->marker_label != NULL) {
			size_t len;
			const char *t = lt_clean(L, b->marker_label, &len);

			lay_line(L, x, L->y - 1, x, L->y - g.st.lh, &mk, 1.6f, 0);
			chart_label(L, &g.st, b->marker_label, x + 5, L->y - 1,
			    g.bx1 - x, 1, TA_LEFT);
			x += 5 + lt_width(L, &g.st, t, len) + 14;
		}
		if (coloured) {
			/* a key to the status colours and marks */
			const char *words[3];

			words[0] = lay_word(L, TW_RED);
			words[1] = lay_word(L, TW_YELLOW);
			words[2] = lay_word(L, TW_GREEN);
			chart_status_key(L, &g.st, words, x);
		}
		L->y -= legend - 2;
	}
	chart_end(L);
}

/* --- radar --- */

static void
legend_row(struct lay *L, const struct lay_series *s, size_t n,
    const struct lstyle *st)
{
	float x = L->x0, w;
	size_t i;

	for (i = 0; i < n; i++) {
		struct rgb c = lay_color(L, s[i].color);

		w = lt_width(L, st, s[i].name, strlen(s[i].name)) + 26;
		if (x + w > L->x1 && x > L->x0) {
			L->y -= st->lh;
			x = L->x0;
		}
		lay_line(L, x, L->y - st->lh / 2, x + 16, L->y - st->lh / 2, &c,
		    2, s[i].dashed);
		chart_label(L, st, s[i].name, x + 20, L->y, L->x1 - x - 20, 1,
		    TA_LEFT);
		x += w + 6;
	}
	L->y -= st->lh;
}

static void
radar_as_bars(struct lay *L, const struct lay_radar *r)
{
	struct lay_bar *bars = arena_alloc(L->arena, (r->naxes + 1) *
	    sizeof *bars);
	struct lay_bars b = { NULL, 0, 0, 0, NULL };
	size_t i;

	for (i = 0; i < r->naxes; i++) {
		bars[i].label = r->axes[i];
		bars[i].value = r->nseries > 0 ? r->series[0].values[i] : NAN;
		bars[i].marker = r->nseries > 2 ? r->series[2].values[i] : NAN;
		bars[i].status = LS_NONE;
		bars[i].value_text = isnan(bars[i].value) ? NULL :
		    chart_num(L, "%.2f", bars[i].value);
	}
	b.bars = bars;
	b.n = r->naxes;
	b.min = r->min;
	b.max = r->max;
	b.marker_label = r->nseries > 2 ? r->series[2].name : NULL;
	lay_bars(L, &b);
}

static float *radar_points(struct lay *L, const double *v, size_t n,
    double min, double max, float cx, float cy, float R);
static void poly(struct lay *L, const float *pts, size_t n,
    const struct rgb *fill, const struct rgb *stroke, float lw, int dash);

/* radar_series: one series: a closed (filled when solid) polygon when
 * every spoke is rated; else only the edges between rated neighbours and
 * a dot on a rated spoke with none, so an unrated competency is a gap,
 * never drawn at the centre as the worst score. */
static void
radar_series(struct lay *L, const struct lay_series *s,
    const struct lay_radar *r, float cx, float cy, float R)
{
	struct rgb c = lay_color(L, s->color);
	float *p = radar_points(L, s->values, r->naxes, r->min, r->max, cx, cy,
	    R);
	float lw = s->dashed ? 1.2f : 1.4f;
	size_t i, n = r->naxes, gaps = 0;

	for (i = 0; i < n; i++)
		gaps += isnan(s->values[i]);
	if (gaps == 0) {
		poly(L, p, n, s->dashed ? NULL : &c, &c, lw, s->dashed);
		return;
	}
	for (i = 0; i < n; i++) {
		size_t j = (i + 1) % n, h = (i + n - 1) % n;

		if (isnan(s->values[i]))
			continue;
		if (!isnan(s->values[j]))
			lay_line(L, p[2 * i], p[2 * i + 1], p[2 * j], p[2 * j + 1],
			    &c, lw, s->dashed);
		else if (isnan(s->values[h]))
			lay_rect(L, p[2 * i] - 1.5f, p[2 * i + 1] - 1.5f, 3, 3, &c,
			    NULL, 0);
	}
}

static float *
radar_points(struct lay *L, const double *v, size_t n, double min,
    double max, float cx, float cy, float R)
{
	float *p = arena_alloc(L->arena, 2 * n * sizeof *p);
	size_t i;

	for (i = 0; i < n; i++) {
		double a = PI / 2 - 2 * PI * (double)i / (double)n;
		float f = v != NULL ? frac(isnan(v[i]) ? min : v[i], min, max) :
		    1;

		p[2 * i] = cx + (float)cos(a) * R * f;
		p[2 * i + 1] = cy + (float)sin(a) * R * f;
	}
	return p;
}

static void
poly(struct lay *L, const float *pts, size_t n, const struct rgb *fill,
    const struct rgb *stroke, float lw, int dash)
{
	struct dl_item *it = lay_item(L, DL_POLY);

	it->pts = pts;
	it->npts = (int)n;
	it->closed = 1;
	if (fill != NULL) {
		it->fill = *fill;
		it->fill_on = 1;
		it->alpha = 0.15f;
	}
	it->stroke = *stroke;
	it->stroke_on = 1;
	it->line_width = lw;
	it->dash = (unsigned char)dash;
}

/* radar_labels: each axis label in a box outside the circle, cut to two
 * lines. Labels centred above or below the circle are at least lw wide;
 * those aligned away from it take the room the circle leaves at the
 * sides. */
static void
radar_labels(struct lay *L, const struct lay_radar *r, const struct lstyle
    *st, float cx, float cy, float R, float lw)
{
	float side = (L->x1 - L->x0) / 2 - R - 8;
	/* a centred label may reach most of the way to its neighbours */
	float mid = 1.8f * (R + 6) * (float)sin(2 * PI / (double)r->naxes);
	size_t i;

	for (i = 0; i < r->naxes; i++) {
		double a = PI / 2 - 2 * PI * (double)i / (double)r->naxes;
		float c = (float)cos(a), s = (float)sin(a);
		float x = cx + c * (R + 6), y = cy + s * (R + 6);
		/* crowded charts: one line near the top and bottom, aligned
		 * away from the vertical axis; a label on the axis itself
		 * has the chart's margin above or below it for two */
		float lim = r->naxes > 12 ? 0.05f : 0.3f;
		enum tmpl_align al = c > lim ? TA_LEFT : c < -lim ? TA_RIGHT :
		    TA_CENTER;
		size_t lines = r->naxes > 12 && fabsf(s) > 0.7f &&
		    al != TA_CENTER ? 1 : 2;
		float bw = al == TA_CENTER ? (mid > lw ? mid : lw) :
		    side > lw ? side : lw;
		float bx = al == TA_LEFT ? x : al == TA_RIGHT ? x - bw :
		    x - bw / 2;
		float top = s > 0.3f ? y + (float)lines * st->lh : s < -0.3f ?
		    y : y + st->lh;

		chart_label(L, st, r->axes[i], bx, top, bw, lines, al);
	}
}

void
lay_radar(struct lay *L, const struct lay_radar *r)
{
	struct lstyle st;
	struct rgb grid = lay_color(L, TC_LINES), muted = lay_color(L, TC_MUTED);
	float w = L->x1 - L->x0, lw, D, R, cx, cy, total;
	size_t i, k;
	double v;

	if (r->naxes == 0)
		return;
	if (r->naxes < 3) {
		radar_as_bars(L, r);
		return;
	}
	if (L->page < 0)
		lay_space(L, 0);
	chart_style(L, r->naxes, &st);
	lw = st.size * (r->naxes > 12 ? 8 : 10);
	D = r->size > 0 ? r->size : w * 0.55f;
	if (D > w - 2 * lw - 16)
		D = w - 2 * lw - 16;
	total = D + 4 * st.lh + 16 + 2 * st.lh;
	if (total > lay_body_height(L) - 60) {  /* scaled to fit a page */
		D -= total - (lay_body_height(L) - 60);
		total = lay_body_height(L) - 60;
	}
	R = D / 2;
	/* Too small for its labels (the first ones clockwise from the top
	 * would run into each other): bars, one row per axis. */
	{
		double a = 2 * PI / (double)r->naxes;

		if (R * (cos(a) - cos(2 * a)) < st.lh) {
			radar_as_bars(L, r);
			return;
		}
	}
	lay_space(L, total);
	cx = L->x0 + w / 2;
	cy = L->y - 2 * st.lh - 8 - R;
	for (v = ceil(r->min); v <= r->max + 1e-9; v += 1) {
		double *ring = arena_alloc(L->arena, r->naxes * sizeof *ring);

		for (i = 0; i < r->naxes; i++)
			ring[i] = v;
		poly(L, radar_points(L, ring, r->naxes, r->min, r->max, cx, cy,
		    R), r->naxes, NULL, &grid, 0.4f, 0);
		st.color = muted;
		chart_label(L, &st, chart_num(L, "%g", v), cx + 2,
		    cy + frac(v, r->min, r->max) * R - 1, 20, 1, TA_LEFT);
	}
	{
		float *spokes = radar_points(L, NULL, r->naxes, 0, 1, cx, cy, R);

		for (i = 0; i < r->naxes; i++)
			lay_line(L, cx, cy, spokes[2 * i], spokes[2 * i + 1],
			    &grid, 0.4f, 0);
	}
	for (k = 0; k < r->nseries; k++)
		radar_series(L, &r->series[k], r, cx, cy, R);
	lay_style(L, TS_CHART, &st);
	chart_style(L, r->naxes, &st);
	radar_labels(L, r, &st, cx, cy, R, lw);
	L->y = cy - R - 2 * st.lh - 8;
	lay_style(L, TS_CHART, &st);
	legend_row(L, r->series, r->nseries, &st);
	chart_end(L);
}
