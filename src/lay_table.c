/* lay_table.c: tables (wrapped cells, status chips, tick boxes, the header
 * row repeated on every page, rows kept whole, a row taller than a page
 * split between its lines), key-value grids, the scale legend and chip
 * rows. */
#include <math.h>
#include <string.h>

#include "lay_int.h"

#define PADX 3.0f
#define PADY 2.5f

/* A cell broken into lines. */
struct lcell {
	struct lline *lines;
	size_t n;
	float extra;            /* height above the text (a tick box) */
};

/* col_widths: the table's column widths in pt (fractions given, the rest
 * shared by the columns without one). */
static float *
col_widths(struct lay *L, const struct lay_col *cols, size_t n, float total)
{
	float *w = arena_alloc(L->arena, (n + 1) * sizeof *w), sum = 0, share;
	size_t i, zero = 0;

	for (i = 0; i < n; i++) {
		sum += cols[i].width > 0 ? cols[i].width : 0;
		zero += cols[i].width > 0 ? 0 : 1;
	}
	share = zero > 0 ? (1 - sum) / (float)zero : 0;
	if (zero > 0 && share < 0.06f)
		share = 0.06f;
	sum += share * (float)zero;
	for (i = 0; i < n; i++)
		w[i] = (cols[i].width > 0 ? cols[i].width : share) / sum * total;
	return w;
}

/* cell_style: the table style, bold for bold cells, times the column's
 * scale (a narrow column sets its text smaller rather than cutting its
 * words). */
static void
cell_style(const struct lay *L, const struct lay_cell *c, float scale,
    struct lstyle *st)
{
	lay_style_scaled(L, TS_TABLE, scale, st);
	if (c != NULL && c->bold)
		st->face = FONT_BOLD;
}

/* widest_word: the width of the longest word of s (words of scripts
 * written without spaces do not count: they break anywhere). */
static float
widest_word(const struct lay *L, const struct lstyle *st, const char *s)
{
	float max = 0;
	size_t i = 0, start = 0, n = s != NULL ? strlen(s) : 0;
	int cjk = 0;

	if (n == 0)             /* a cell without text (s may be NULL) */
		return 0;
	for (i = 0; i <= n; i++) {
		unsigned char c = i < n ? (unsigned char)s[i] : ' ';

		if (c == ' ' || c == '\n' || c == '-' || c == '/') {
			float w = cjk ? 0 : lt_width(L, st, s + start, i - start);

			max = w > max ? w : max;
			start = i + 1;
			cjk = 0;
		} else if (c >= 0xe3 && c <= 0xed)
			cjk = 1;
	}
	return max;
}

/* col_scales: per column the scale of its text: narrow columns (80 pt
 * or less inside) get the one scale, from 0.72 to 1, at which the longest
 * word of each of their cells fits; wider columns keep 1. The headers
 * get a scale of their own (*hsc, never above the cells'), so that a
 * long header word does not make a column's figures smaller. */
static float *
col_scales(struct lay *L, const struct lay_table *t, const float *w,
    float **hsc)
{
	float *sc = arena_alloc(L->arena, (t->ncols + 1) * sizeof *sc);
	float *hs = arena_alloc(L->arena, (t->ncols + 1) * sizeof *hs);
	float min = 1, hmin = 1;
	size_t i, r;

	for (i = 0; i < t->ncols; i++) {
		struct lstyle st, hst;
		float inner = w[i] - 2 * PADX, max = 0, hmax;

		sc[i] = hs[i] = 1;
		if (inner > 80)
			continue;
		lay_style(L, TS_TABLE_HEAD, &hst);
		hmax = widest_word(L, &hst, t->cols[i].header);
		for (r = 0; r < t->nrows && r < 200; r++) {
			const struct lay_cell *c = &t->cells[r * t->ncols + i];
			float ww;

			cell_style(L, c, 1, &st);
			ww = widest_word(L, &st, c->text) + (c->kind == LC_CHIP ?
			    2 * PADX : 0);
			max = ww > max ? ww : max;
		}
		if (max > inner)
			sc[i] = inner / max * 0.98f;
		if (hmax > inner)
			hs[i] = inner / hmax * 0.98f;
		min = sc[i] < min ? sc[i] : min;
		hmin = hs[i] < hmin ? hs[i] : hmin;
	}
	/* one size for all narrow columns: a row of levels reads evenly */
	if (min < 0.72f)
		min = 0.72f;
	for (i = 0; i < t->ncols; i++)
		if (w[i] - 2 * PADX <= 80) {
			sc[i] = min;
			hs[i] = hmin < min ? hmin : min;
		}
	*hsc = hs;
	return sc;
}

/* prepare: breaks a cell's text into lines for column width w. */
static void
prepare(struct lay *L, const struct lay_cell *c, float w, float scale,
    struct lcell *out)
{
	struct lstyle st;

	cell_style(L, c, scale, &st);
	out->extra = c != NULL && c->kind == LC_BOX ? st.size + 3 : 0;
	if (c == NULL || c->text == NULL || c->text[0] == '\0') {
		out->lines = NULL;
		out->n = 0;
		return;
	}
	w -= 2 * PADX + (c->kind == LC_CHIP ? 2 * PADX : 0);
	out->lines = lt_lines(L, &st, c->text, w, &out->n);
}

static float
cell_height(const struct lay *L, const struct lay_cell *c,
    const struct lcell *lc, float scale)
{
	struct lstyle st;

	cell_style(L, c, scale, &st);
	return lc->extra + (float)lc->n * st.lh + 2 * PADY;
}

/* draw_cell: lines [from, to) of a cell whose top is `top`. */
static void
draw_cell(struct lay *L, const struct lay_cell *c, const struct lcell *lc,
    size_t from, size_t to, float x, float top, float w, float scale,
    enum tmpl_align align)
{
	struct lstyle st;
	size_t i;
	float y = top - PADY;

	cell_style(L, c, scale, &st);
	if (c != NULL && c->kind == LC_CHIP && c->status != LS_NONE &&
	    from == 0) {
		/* a chip as tall as its text, at the top of the cell */
		struct rgb bg = lay_status_color(L, c->status);
		float cw = 0, ch = (float)lc->n * st.lh + 2;

		for (i = 0; i < lc->n; i++)
			cw = lc->lines[i].w > cw ? lc->lines[i].w : cw;
		cw += 2 * PADX;
		if (lc->n == 0) {
			cw = st.size * 2;
			ch = st.lh;
		}
		x += align == TA_LEFT ? PADX : align == TA_RIGHT ?
		    w - PADX - cw : (w - cw) / 2;
		lay_rect(L, x, top - PADY - ch + 1, cw, ch, &bg, NULL, 0);
		st.color = lay_on_color(L, bg);
		w = cw + 2 * PADX;
		x -= PADX;
		align = TA_CENTER;
	}
	if (c != NULL && c->kind == LC_BOX && from == 0) {
		struct rgb lc2 = lay_color(L, TC_TEXT);

		lay_rect(L, x + PADX, y - st.size, st.size, st.size, NULL, &lc2,
		    0.6f);
		y -= lc->extra;
	}
	for (i = from; i < to; i++) {
		float dx = PADX;

		if (align == TA_RIGHT)
			dx = w - PADX - lc->lines[i].w;
		else if (align == TA_CENTER)
			dx = (w - lc->lines[i].w) / 2;
		lt_draw_line(L, &st, x + dx, y - st.base, &lc->lines[i]);
		y -= st.lh;
	}
}

struct tstate {
	const struct lay_table *t;
	float *w;
	float *scale;           /* per column: its text size times this */
	float *hscale;          /* and its header's */
	struct lcell *hcells;
	float hh;
	size_t rows_here;       /* rows drawn on this page */
	size_t *from;           /* draw_row: per column, its lines drawn */
	struct lcell *look;     /* row_height's cells */
	size_t nrows;           /* rows with text, then blank rows */
	float blank_h;          /* a blank row's height */
};

/* row_height: the height of row r (a blank row past the rows with text),
 * broken into T->look: for looking ahead; the texts' lines are
 * remembered, so drawing the row later breaks them again for nothing. */
static float
row_height(struct lay *L, struct tstate *T, size_t r)
{
	size_t i, nc = T->t->ncols;
	float rh = 0;

	if (r >= T->t->nrows)
		return T->blank_h;
	for (i = 0; i < nc; i++) {
		const struct lay_cell *c = &T->t->cells[r * nc + i];
		float h;

		prepare(L, c, T->w[i], T->scale[i], &T->look[i]);
		h = cell_height(L, c, &T->look[i], T->scale[i]);
		rh = h > rh ? h : rh;
	}
	return rh;
}

/* keep_rows: the height of rows [r, r + k) where k = lay_keep_lines(r,
 * T->nrows): from row r on, what must go to one page so that no page
 * holds a single row of the table. Rows too tall for that are not kept
 * together when they would not fit a page (0: only the row itself). */
static float
keep_rows(struct lay *L, struct tstate *T, size_t r)
{
	size_t k = lay_keep_lines(r, T->nrows), j;
	float h = 0;

	if (k <= 1)
		return 0;
	for (j = r; j < r + k; j++)
		h += row_height(L, T, j);
	return h <= lay_body_height(L) - T->hh ? h : 0;
}

static void
draw_header(struct lay *L, struct tstate *T)
{
	struct rgb fill = lay_color(L, TC_FILL), line = lay_color(L, TC_LINES);
	float x = L->x0;
	size_t i;

	lay_rect(L, L->x0, L->y - T->hh, L->x1 - L->x0, T->hh, &fill, NULL, 0);
	for (i = 0; i < T->t->ncols; i++) {
		struct lstyle st;
		size_t k;
		float y = L->y - PADY;

		lay_style_scaled(L, TS_TABLE_HEAD, T->hscale[i], &st);
		for (k = 0; k < T->hcells[i].n; k++) {
			const struct lline *ln = &T->hcells[i].lines[k];
			enum tmpl_align a = T->t->cols[i].align;
			float dx = a == TA_RIGHT ? T->w[i] - PADX - ln->w :
			    a == TA_CENTER ? (T->w[i] - ln->w) / 2 : PADX;

			lt_draw_line(L, &st, x + dx, y - st.base, ln);
			y -= st.lh;
		}
		x += T->w[i];
	}
	L->y -= T->hh;
	lay_line(L, L->x0, L->y, L->x1, L->y, &line, 0.6f, 0);
}

/* header_cells: the header row, broken into lines. */
static void
header_cells(struct lay *L, struct tstate *T)
{
	size_t i;

	T->hcells = arena_alloc(L->arena, (T->t->ncols + 1) *
	    sizeof *T->hcells);
	T->hh = 0;
	for (i = 0; i < T->t->ncols; i++) {
		struct lstyle cs;
		float h;

		lay_style_scaled(L, TS_TABLE_HEAD, T->hscale[i], &cs);
		T->hcells[i].lines = lt_lines(L, &cs, T->t->cols[i].header,
		    T->w[i] - 2 * PADX, &T->hcells[i].n);
		h = (float)T->hcells[i].n * cs.lh + 2 * PADY;
		T->hh = h > T->hh ? h : T->hh;
	}
}
/* group_keep: the room a group row r (one that heads the rows after it)
 * keeps below it: the first two rows of its group, or their first line
 * when they take more than half a page. */
static float
group_keep(struct lay *L, struct tstate *T, size_t r)
{
	const struct lay_table *t = T->t;
	struct lstyle st;
	float g = row_height(L, T, r + 1);

	if (r + 2 < t->nrows && !t->cells[(r + 2) * t->ncols].group)
		g += row_height(L, T, r + 2);
	if (g > lay_body_height(L) / 2) {
		lay_style(L, TS_TABLE, &st);
		g = st.lh + 2 * PADY;
	}
	return g;
}

/* new_table_page: a page break inside the table, header repeated. */
static void
new_table_page(struct lay *L, struct tstate *T)
{
	lay_newpage(L, 1);
	L->at_top = 0;
	draw_header(L, T);
	T->rows_here = 0;
}

/* draw_row: one row, split between pages when taller than a page; with
 * `keep` more room below it: for the rows kept on a page with it
 * (keep_rows), or a group row's share of the row after it. */
static void
draw_row(struct lay *L, struct tstate *T, const struct lay_cell *cells,
    struct lcell *lc, float rh, float keep)
{
	struct rgb line = lay_color(L, TC_LINES);
	size_t nc = T->t->ncols, i, *from = T->from;
	int more = 1;

	memset(from, 0, nc * sizeof *from);
	/* A row that fits on a page goes whole to the next one, with the
	 * rows kept with it; a taller one is split where it stands. */
	if (L->y - rh - keep < L->bottom - 0.01f && T->rows_here > 0 &&
	    rh <= lay_body_height(L) - T->hh - 40)
		new_table_page(L, T);
	lay_demand(L, L->y - rh);
	if (cells != NULL && cells[0].group) {
		struct rgb fill = lay_color(L, TC_FILL);

		lay_rect(L, L->x0, L->y - rh, L->x1 - L->x0, rh, &fill, NULL, 0);
	}
	T->rows_here++;
	while (more) {
		float avail = L->y - L->bottom, h = 0, x = L->x0;

		more = 0;
		for (i = 0; i < nc; i++) {
			const struct lay_cell *c = cells != NULL ? &cells[i] : NULL;
			struct lstyle st;
			size_t fit, left = lc[i].n - from[i];
			float ch;

			cell_style(L, c, T->scale[i], &st);
			fit = left;
			if (rh > avail) {
				float room = avail - 2 * PADY - (from[i] == 0 ?
				    lc[i].extra : 0);

				fit = room > 0 ? (size_t)(room / st.lh) : 0;
				if (fit > left)
					fit = left;
			}
			ch = (from[i] == 0 ? lc[i].extra : 0) + (float)fit *
			    st.lh + 2 * PADY;
			h = ch > h ? ch : h;
			draw_cell(L, c, &lc[i], from[i], from[i] + fit, x,
			    L->y, T->w[i], T->scale[i], T->t->cols[i].align);
			from[i] += fit;
			if (from[i] < lc[i].n)
				more = 1;
			x += T->w[i];
		}
		h = rh <= avail ? rh : h;
		L->y -= h;
		lay_line(L, L->x0, L->y, L->x1, L->y, &line, 0.4f, 0);
		if (more) {
			rh -= h;
			new_table_page(L, T);
		}
	}
}

void
lay_table(struct lay *L, const struct lay_table *t)
{
	struct tstate T;
	struct lcell *lc;
	struct lstyle st;
	size_t r, i, nc = t->ncols;
	float first;

	if (nc == 0)
		return;
	if (L->page < 0)
		lay_space(L, 0);
	lay_style(L, TS_TABLE, &st);
	memset(&T, 0, sizeof T);
	T.t = t;
	T.w = col_widths(L, t->cols, nc, L->x1 - L->x0);
	T.scale = col_scales(L, t, T.w, &T.hscale);
	T.from = arena_alloc(L->arena, (nc + 1) * sizeof *T.from);
	T.look = arena_alloc(L->arena, (nc + 1) * sizeof *T.look);
	/* a row to write in: 7 mm or more, a ruled notebook's line */
	T.blank_h = 1.5f * st.lh + 2 * PADY > 20 ? 1.5f * st.lh + 2 * PADY :
	    20;
	T.nrows = t->nrows + (size_t)(t->blank > 0 ? t->blank : 0);
	header_cells(L, &T);
	lc = arena_alloc(L->arena, (nc + 1) * sizeof *lc);
	/* The header and the first two rows together (all of three or
	 * fewer), else the first row (or two lines of it). */
	first = 2 * st.lh + 2 * PADY;
	if (T.nrows > 0) {
		float h = row_height(L, &T, 0), k = keep_rows(L, &T, 0);

		first = k > 0 ? k : h > first ? h : first;
		/* a row taller than a page starts where it stands */
		if (first > lay_body_height(L) - T.hh - 40)
			first = lay_body_height(L) / 3;
	}
	/* a table only to write in stays whole when it is short */
	if (t->nrows == 0 && (float)T.nrows * T.blank_h <=
	    lay_body_height(L) / 2)
		first = (float)T.nrows * T.blank_h;
	lay_space(L, T.hh + first);
	draw_header(L, &T);
	for (r = 0; r < t->nrows; r++) {
		const struct lay_cell *cells = &t->cells[r * nc];
		float rh = 0, keep = r > 0 ? keep_rows(L, &T, r) : 0;

		for (i = 0; i < nc; i++) {
			float h;

			prepare(L, &cells[i], T.w[i], T.scale[i], &lc[i]);
			h = cell_height(L, &cells[i], &lc[i], T.scale[i]);
			rh = h > rh ? h : rh;
		}
		if (keep > 0)
			keep -= rh;
		if (cells[0].group && r + 1 < t->nrows) {
			float g = group_keep(L, &T, r);

			keep = g > keep ? g : keep;
		}
		draw_row(L, &T, cells, lc, rh, keep);
	}
	memset(lc, 0, (nc + 1) * sizeof *lc);
	for (; r < T.nrows; r++) {
		float keep = r > 0 ? keep_rows(L, &T, r) : 0;

		draw_row(L, &T, NULL, lc, T.blank_h, keep > 0 ? keep -
		    T.blank_h : 0);
	}
	lay_gap(L, L->dd->styles[TS_TABLE].after);
}

/* --- key-value grid --- */

/* kv_height: the height of a grid of n pairs in rows of `columns`, each
 * cw wide, as lay_kv_grid draws it (texts' lines are remembered). */
static float
kv_height(struct lay *L, const struct lay_kv *kv, size_t n, int columns,
    float cw)
{
	struct lstyle ks, vs;
	float total = 0;
	size_t r, i, kn, vn;

	lay_style(L, TS_LABEL, &ks);
	lay_style(L, TS_BODY, &vs);
	for (r = 0; r < n; r += (size_t)columns) {
		float rh = 0;

		for (i = r; i < n && i < r + (size_t)columns; i++) {
			float h;

			lt_lines(L, &ks, kv[i].key, cw, &kn);
			lt_wrap_max(L, &vs, kv[i].value, cw, 6, &vn);
			h = (float)kn * ks.lh + (float)vn * vs.lh + 6;
			rh = h > rh ? h : rh;
		}
		total += rh + 2;
	}
	return total;
}

void
lay_kv_grid(struct lay *L, const struct lay_kv *kv, size_t n, int columns)
{
	struct lstyle ks, vs;
	struct rgb line = lay_color(L, TC_LINES);
	float cw, gap = 10, total;
	size_t r, i;

	if (n == 0)
		return;
	if (columns < 1)
		columns = 1;
	lay_style(L, TS_LABEL, &ks);
	lay_style(L, TS_BODY, &vs);
	if (L->page < 0)
		lay_space(L, 0);
	cw = (L->x1 - L->x0 - gap * (float)(columns - 1)) / (float)columns;
	/* a small grid moves whole (it reads as one block); a long one
	 * breaks between its rows */
	total = kv_height(L, kv, n, columns, cw);
	if (total <= lay_body_height(L) / 2)
		lay_space(L, total);
	for (r = 0; r < n; r += (size_t)columns) {
		struct lline *kl[4], *vl[4];
		size_t kn[4], vn[4], m = n - r < (size_t)columns ? n - r :
		    (size_t)columns;
		float rh = 0;

		for (i = 0; i < m; i++) {
			float h;

			kl[i] = lt_lines(L, &ks, kv[r + i].key, cw, &kn[i]);
			/* a grid cell is a box: at most a few lines */
			vl[i] = lt_wrap_max(L, &vs, kv[r + i].value, cw, 6, &vn[i]);
			h = (float)kn[i] * ks.lh + (float)vn[i] * vs.lh + 6;
			rh = h > rh ? h : rh;
		}
		lay_space(L, rh);
		for (i = 0; i < m; i++) {
			float x = L->x0 + (float)i * (cw + gap), y = L->y;
			size_t k;

			for (k = 0; k < kn[i]; k++, y -= ks.lh)
				lt_draw_line(L, &ks, x, y - ks.base,
				    &kl[i][k]);
			for (k = 0; k < vn[i]; k++, y -= vs.lh)
				lt_draw_line(L, &vs, x, y - vs.base,
				    &vl[i][k]);
			/* a blank value: a line to write on */
			lay_line(L, x, L->y - rh + 2, x + cw, L->y - rh + 2, &line,
			    vl[i][0].len == 0 ? 0.6f : 0.3f, 0);
		}
		L->y -= rh + 2;
	}
	lay_gap(L, L->dd->styles[TS_BODY].after + 4);
}

/* --- scale legend and chips --- */

void
lay_scale_legend(struct lay *L, const struct lay_level *lv, size_t n)
{
	struct lstyle sm, num;
	float cw, sh, gap = 4, rh = 0;
	struct lline **lines;
	size_t *nl, i;

	if (n == 0)
		return;
	if (L->page < 0)
		lay_space(L, 0);
	lay_style(L, TS_SMALL, &sm);
	lay_style(L, TS_TABLE_HEAD, &num);
	sm.color = lay_color(L, TC_TEXT);
	cw = (L->x1 - L->x0 - gap * (float)(n - 1)) / (float)n;
	sh = num.size * 2;
	lines = arena_alloc(L->arena, n * sizeof *lines);
	nl = arena_alloc(L->arena, n * sizeof *nl);
	for (i = 0; i < n; i++) {
		lines[i] = lt_wrap_max(L, &sm, lv[i].label, cw - 2, 4, &nl[i]);
		rh = (float)nl[i] * sm.lh > rh ? (float)nl[i] * sm.lh : rh;
	}
	lay_space(L, sh + 3 + rh);
	for (i = 0; i < n; i++) {
		float x = L->x0 + (float)i * (cw + gap), y = L->y - sh - 3;
		struct rgb bg = lay_level_color(L, i, n);
		const char *v = arena_printf(L->arena, "%d", lv[i].value);
		size_t k;

		lay_rect(L, x, L->y - sh, cw, sh, &bg, NULL, 0);
		num.color = lay_on_color(L, bg);
		lt_block(L, &num, v, x, L->y - (sh - num.lh) / 2, cw, TA_CENTER);
		for (k = 0; k < nl[i]; k++, y -= sm.lh)
			lt_draw_line(L, &sm, x + (cw - lines[i][k].w) / 2,
			    y - sm.base, &lines[i][k]);
	}
	L->y -= sh + 3 + rh;
	lay_gap(L, L->dd->styles[TS_BODY].after + 2);
}

void
lay_chips(struct lay *L, const struct lay_chip *chips, size_t n)
{
	struct lstyle st;
	float x, h, gap = 6;
	size_t i, len;

	if (n == 0)
		return;
	lay_style(L, TS_TABLE_HEAD, &st);
	h = st.lh + 2 * PADY;
	lay_space(L, h);
	x = L->x0;
	for (i = 0; i < n; i++) {
		const char *s = lt_clean(L, chips[i].text, &len);
		struct rgb bg = lay_status_color(L, chips[i].status);
		float w;

		s = lt_fit(L, &st, s, len, L->x1 - L->x0 - 4 * PADX, &len);
		w = lt_width(L, &st, s, len) + 4 * PADX;
		if (x + w > L->x1 && x > L->x0) {
			L->y -= h + gap / 2;
			lay_space(L, h);
			x = L->x0;
		}
		lay_rect(L, x, L->y - h, w, h, &bg, NULL, 0);
		st.color = lay_on_color(L, bg);
		lt_draw(L, &st, x + 2 * PADX, L->y - PADY - st.base, s, len);
		x += w + gap;
	}
	L->y -= h;
	lay_gap(L, L->dd->styles[TS_BODY].after + 2);
}
