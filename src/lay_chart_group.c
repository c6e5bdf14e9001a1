/* lay_chart_group.c: the group summaries' charts, drawn as vectors: a
 * heatmap of people by competencies, histograms of counts per level, and
 * the calibration chart of raters against the organisation (what they
 * share with the person charts is in lay_chart.c). */
#include <math.h>
#include <string.h>

#include "lay_int.h"

/* --- heatmap --- */

struct heat {
	const struct lay_heatmap *h;
	struct lstyle st;
	float lw, cw, rh;
	int numbered;
	size_t hl;              /* header lines */
	float tail;             /* the key of numbered columns below it */
};

/* heat_key: the key above a heatmap's columns. */
static void
heat_key(struct lay *L, struct heat *H)
{
	chart_status_key(L, &H->st, H->h->key, L->x0 + H->lw);
	L->y -= H->st.lh + 4;
}

static void
heat_header(struct lay *L, struct heat *H)
{
	struct rgb fill = lay_color(L, TC_FILL);
	float hh = (float)H->hl * H->st.lh + 4;
	size_t c;

	if (H->h->key[0] != NULL)
		heat_key(L, H);

	lay_rect(L, L->x0, L->y - hh, L->x1 - L->x0, hh, &fill, NULL, 0);
	for (c = 0; c < H->h->ncols; c++) {
		float x = L->x0 + H->lw + (float)c * H->cw;

		if (H->numbered)
			chart_label(L, &H->st, arena_printf(L->arena, "%zu", c + 1), x,
			    L->y - 2, H->cw, 1, TA_CENTER);
		else
			chart_label(L, &H->st, H->h->cols[c], x + 1, L->y - 2,
			    H->cw - 2, H->hl, TA_CENTER);
	}
	L->y -= hh;
}

static void
heat_row(struct lay *L, struct heat *H, size_t r)
{
	struct rgb line = lay_color(L, TC_LINES);
	size_t c;

	if (lay_space(L, chart_rows_keep(r, H->h->nrows, H->rh, H->tail)))
		heat_header(L, H);
	chart_label(L, &H->st, H->h->rows[r], L->x0, L->y - 2, H->lw - 4, 1,
	    TA_LEFT);
	for (c = 0; c < H->h->ncols; c++) {
		const struct lay_cell *x = &H->h->cells[r * H->h->ncols + c];
		struct rgb bg = lay_status_color(L, x->status);
		float cx = L->x0 + H->lw + (float)c * H->cw;
		struct lstyle vs = H->st;

		lay_rect(L, cx + 0.5f, L->y - H->rh + 0.5f, H->cw - 1,
		    H->rh - 1, &bg, NULL, 0);
		vs.color = lay_on_color(L, bg);
		chart_status_mark(L, x->status, cx, L->y, vs.color);
		if (x->text != NULL) {
			float m = x->status == LS_RED || x->status == LS_YELLOW ?
			    3 : 0;      /* room for the mark */

			chart_label(L, &vs, x->text, cx + m, L->y - 2, H->cw - m, 1,
			    TA_CENTER);
		}
	}
	L->y -= H->rh;
	lay_line(L, L->x0, L->y, L->x0 + H->lw - 4, L->y, &line, 0.3f, 0);
}

void
lay_heatmap(struct lay *L, const struct lay_heatmap *h)
{
	struct heat H;
	struct buf b;
	size_t c, r, n;
	float head, all;

	if (h->nrows == 0 || h->ncols == 0)
		return;
	if (L->page < 0)
		lay_space(L, 0);
	memset(&H, 0, sizeof H);
	H.h = h;
	chart_style(L, h->ncols, &H.st);
	H.lw = (L->x1 - L->x0) * (h->ncols > 12 ? 0.22f : 0.28f);
	H.cw = (L->x1 - L->x0 - H.lw) / (float)h->ncols;
	H.rh = H.st.lh + 5;
	H.hl = 1;
	/* Titles when each fits in three lines of its column, else numbers
	 * with a key below. */
	for (c = 0; c < h->ncols && !H.numbered; c++) {
		size_t len;
		const char *s = lt_clean(L, h->cols[c], &len);

		lt_wrap(L, &H.st, s, len, H.cw - 2, &n);
		if (n > 3 || lt_width(L, &H.st, s, len) > 3 * (H.cw - 2))
			H.numbered = 1;
		H.hl = n > H.hl ? n : H.hl;
	}
	if (H.numbered)
		H.hl = 1;
	buf_init(&b);
	if (H.numbered) {
		struct lstyle ks;

		for (c = 0; c < h->ncols; c++)
			buf_printf(&b, "%s%zu %s", c ? "  ·  " : "", c + 1,
			    h->cols[c]);
		lay_style(L, TS_SMALL, &ks);
		lt_lines(L, &ks, b.p, L->x1 - L->x0, &n);
		/* the key goes with the last rows (when it is not a page
		 * of its own) */
		H.tail = 4 + (float)n * ks.lh;
		if (H.tail > lay_body_height(L) / 3)
			H.tail = 0;
	}
	head = (float)H.hl * H.st.lh + 4 + (h->key[0] != NULL ? H.st.lh + 4 :
	    0);
	/* whole when it takes up to half a page; else the header and the
	 * first rows together */
	all = head + H.rh * (float)h->nrows + H.tail;
	lay_space(L, all <= lay_body_height(L) / 2 ? all : head +
	    chart_rows_keep(0, h->nrows, H.rh, H.tail));
	heat_header(L, &H);
	for (r = 0; r < h->nrows; r++)
		heat_row(L, &H, r);
	if (H.numbered) {
		lay_gap(L, 4);
		lay_note(L, TS_SMALL, b.p);
	}
	buf_free(&b);
	chart_end(L);
}

/* --- histogram --- */

static void
hist_one(struct lay *L, const struct lay_histogram *h)
{
	struct lstyle st;
	struct rgb axis = lay_color(L, TC_LINES);
	float w = L->x1 - L->x0, slot = w / (float)h->nlevels;
	float ch = h->height > 0 ? h->height : 110, total;
	double max = 0;
	size_t i;

	chart_style(L, h->nlevels, &st);
	for (i = 0; i < h->nlevels; i++)
		max = h->counts[i] > max ? h->counts[i] : max;
	total = st.lh + ch + 3 * st.lh + 4;
	if (total > lay_body_height(L) - 60) {
		ch -= total - (lay_body_height(L) - 60);
		total = lay_body_height(L) - 60;
	}
	lay_space(L, total);
	L->y -= st.lh;
	for (i = 0; i < h->nlevels; i++) {
		float x = L->x0 + (float)i * slot, bh = max > 0 ?
		    (float)(h->counts[i] / max) * ch : 0;
		struct rgb c = lay_level_color(L, i, h->nlevels);

		if (bh > 0)
			lay_rect(L, x + slot * 0.2f, L->y - ch, slot * 0.6f, bh, &c,
			    NULL, 0);
		chart_label(L, &st, chart_num(L, "%g", h->counts[i]), x,
		    L->y - ch + bh + st.lh, slot, 1, TA_CENTER);
		chart_label(L, &st, h->levels[i], x + 1, L->y - ch - 3, slot - 2, 3,
		    TA_CENTER);
	}
	lay_line(L, L->x0, L->y - ch, L->x1, L->y - ch, &axis, 0.6f, 0);
	L->y -= ch + 3 * st.lh + 4;
}

static void
hist_legend(struct lay *L, const struct lay_histogram *h,
    const struct lstyle *st)
{
	float x = L->x0;
	size_t i;

	lay_space(L, st->lh);
	for (i = 0; i < h->nlevels; i++) {
		struct rgb c = lay_level_color(L, i, h->nlevels);
		const char *t = h->levels[i];
		size_t len;
		float tw;

		t = lt_fit(L, st, t, strlen(t), (L->x1 - L->x0) / 3, &len);
		tw = lt_width(L, st, t, len) + st->size + 10;
		if (x + tw > L->x1 && x > L->x0) {
			L->y -= st->lh;
			lay_space(L, st->lh);
			x = L->x0;
		}
		lay_rect(L, x, L->y - st->lh + 2, st->size * 0.8f, st->size * 0.8f,
		    &c, NULL, 0);
		lt_draw(L, st, x + st->size, L->y - st->base, t, len);
		x += tw;
	}
	L->y -= st->lh + 3;
}

static void
hist_rows(struct lay *L, const struct lay_histogram *h)
{
	struct lstyle st;
	struct rgb frame = lay_color(L, TC_LINES);
	float lw = (L->x1 - L->x0) * 0.3f, bx = L->x0 + lw + 6;
	float bw = L->x1 - bx, rh, all;
	size_t r, i;

	chart_style(L, h->nlevels, &st);
	rh = 2 * st.lh + 4;
	/* whole when it takes up to half a page; else never a single row
	 * on a page */
	all = st.lh * 2 + rh * (float)h->nrows;
	lay_space(L, all <= lay_body_height(L) / 2 ? all : st.lh * 2 +
	    chart_rows_keep(0, h->nrows, rh, 0));
	hist_legend(L, h, &st);
	for (r = 0; r < h->nrows; r++) {
		const double *c = &h->counts[r * h->nlevels];
		double sum = 0;
		float x = bx, by, bh = rh * 0.55f;

		lay_space(L, chart_rows_keep(r, h->nrows, rh, 0));
		by = L->y - (rh + bh) / 2;
		for (i = 0; i < h->nlevels; i++)
			sum += c[i] > 0 ? c[i] : 0;
		chart_label_mid(L, &st, h->rows[r], L->x0, by + bh / 2, lw, 2,
		    TA_LEFT);
		lay_rect(L, bx, by, bw, bh, NULL, &frame, 0.3f);
		for (i = 0; i < h->nlevels && sum > 0; i++) {
			float sw = c[i] > 0 ? (float)(c[i] / sum) * bw : 0;
			struct rgb col = lay_level_color(L, i, h->nlevels);
			const char *t = chart_num(L, "%g", c[i]);
			struct lstyle vs = st;

			if (sw <= 0)
				continue;
			lay_rect(L, x, by, sw, bh, &col, NULL, 0);
			vs.color = lay_on_color(L, col);
			if (lt_width(L, &vs, t, strlen(t)) + 2 < sw)
				chart_label(L, &vs, t, x, by + bh / 2 + vs.lh / 2, sw, 1,
				    TA_CENTER);
			x += sw;
		}
		L->y -= rh;
	}
}

void
lay_histogram(struct lay *L, const struct lay_histogram *h)
{
	if (h->nlevels == 0 || h->nrows == 0)
		return;
	if (L->page < 0)
		lay_space(L, 0);
	if (h->nrows == 1)
		hist_one(L, h);
	else
		hist_rows(L, h);
	chart_end(L);
}

/* --- calibration --- */

struct calib {
	const struct lay_calibration *c;
	struct lstyle st, hs;
	float lw, bx0, bx1, zero, scale, tx, rh, hh;
	double m;               /* the axis runs from -m to +m */
};

static void
calib_header(struct lay *L, struct calib *C)
{
	struct rgb fill = lay_color(L, TC_FILL);
	float tw = (L->x1 - C->tx) / 3;

	lay_rect(L, L->x0, L->y - C->hh, L->x1 - L->x0, C->hh, &fill, NULL, 0);
	/* the axis of the bars: -m, 0, +m; the numbers' own headings */
	chart_label(L, &C->hs, arena_printf(L->arena, "%+.1f", -C->m), C->bx0,
	    L->y - C->hh / 2 + C->hs.lh / 2, 40, 1, TA_LEFT);
	chart_label(L, &C->hs, "0", C->zero - 20, L->y - C->hh / 2 + C->hs.lh / 2,
	    40, 1, TA_CENTER);
	chart_label(L, &C->hs, arena_printf(L->arena, "%+.1f", C->m), C->bx1 - 40,
	    L->y - C->hh / 2 + C->hs.lh / 2, 40, 1, TA_RIGHT);
	chart_label(L, &C->hs, C->c->ratings_word, C->tx, L->y - 2, tw, 2, TA_RIGHT);
	chart_label(L, &C->hs, C->c->mean_word, C->tx + tw, L->y - 2, tw, 2,
	    TA_RIGHT);
	chart_label(L, &C->hs, C->c->delta_word, C->tx + 2 * tw, L->y - 2, tw, 2,
	    TA_RIGHT);
	L->y -= C->hh;
}

static void
calib_row(struct lay *L, struct calib *C, const struct lay_calib *r)
{
	struct rgb grid = lay_color(L, TC_LINES), red = lay_color(L, TC_RED);
	struct rgb ac = lay_color(L, TC_ACCENT);
	float tw = (L->x1 - C->tx) / 3, bh = C->rh * 0.5f, by, x, t;
	struct lstyle vs = C->st;

	if (lay_space(L, chart_rows_keep((size_t)(r - C->c->rows), C->c->n, C->rh,
	    0)))
		calib_header(L, C);
	by = L->y - (C->rh + bh) / 2;
	chart_label_mid(L, &C->st, r->label, L->x0, by + bh / 2, C->lw, 2, TA_LEFT);
	lay_line(L, C->zero, L->y, C->zero, L->y - C->rh, &grid, 0.6f, 0);
	t = (float)C->c->threshold * C->scale;
	lay_line(L, C->zero - t, L->y, C->zero - t, L->y - C->rh, &grid, 0.5f,
	    2);
	lay_line(L, C->zero + t, L->y, C->zero + t, L->y - C->rh, &grid, 0.5f,
	    2);
	if (!isnan(r->delta)) {
		x = (float)r->delta * C->scale;
		lay_rect(L, x < 0 ? C->zero + x : C->zero, by, fabsf(x), bh,
		    r->flagged ? &red : &ac, NULL, 0);
	}
	if (r->flagged) {
		vs.face = FONT_BOLD;
		vs.color = red;
	}
	chart_label_mid(L, &C->st, arena_printf(L->arena, "%ld", r->ratings), C->tx,
	    by + bh / 2, tw, 1, TA_RIGHT);
	chart_label_mid(L, &C->st, isnan(r->mean) ? "" : chart_num(L, "%.2f",
	    r->mean), C->tx + tw, by + bh / 2, tw, 1, TA_RIGHT);
	chart_label_mid(L, &vs, isnan(r->delta) ? "" : chart_num(L, "%+.2f",
	    r->delta), C->tx + 2 * tw, by + bh / 2, tw, 1, TA_RIGHT);
	L->y -= C->rh;
	lay_line(L, L->x0, L->y, L->x1, L->y, &grid, 0.3f, 0);
}

void
lay_calibration(struct lay *L, const struct lay_calibration *c)
{
	struct calib C;
	double m = c->threshold * 2;
	float all;
	size_t i;

	if (c->n == 0)
		return;
	if (L->page < 0)
		lay_space(L, 0);
	memset(&C, 0, sizeof C);
	C.c = c;
	chart_style(L, c->n, &C.st);
	lay_style(L, TS_TABLE_HEAD, &C.hs);
	C.hs.size = C.st.size;
	C.hs.lh = C.st.lh;
	C.hs.base = C.st.base;
	C.lw = (L->x1 - L->x0) * 0.26f;
	C.tx = L->x1 - (L->x1 - L->x0) * 0.36f;
	C.bx0 = L->x0 + C.lw + 6;
	C.bx1 = C.tx - 8;
	C.zero = (C.bx0 + C.bx1) / 2;
	for (i = 0; i < c->n; i++)
		if (!isnan(c->rows[i].delta) && fabs(c->rows[i].delta) > m)
			m = fabs(c->rows[i].delta);
	m = ceil(m * 2) / 2;
	C.m = m;
	C.scale = (float)((C.bx1 - C.bx0) / 2 / (m > 0 ? m : 1));
	C.rh = 2 * C.st.lh + 4;
	C.hh = 2 * C.st.lh + 4;
	/* whole when it takes up to half a page */
	all = C.hh + C.rh * (float)c->n;
	lay_space(L, all <= lay_body_height(L) / 2 ? all : C.hh +
	    chart_rows_keep(0, c->n, C.rh, 0));
	calib_header(L, &C);
	for (i = 0; i < c->n; i++)
		calib_row(L, &C, &c->rows[i]);
	chart_end(L);
}
