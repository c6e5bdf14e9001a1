/* lay_int.h: the layout engine's state and helpers shared by lay.c (pages,
 * flow, headers and footers, navigation), lay_text.c (line breaking and
 * text drawing), lay_table.c (tables, grids, legends), lay_chart.c and
 * lay_chart_group.c (charts). Private to those files. */
#ifndef REVPACK_LAY_INT_H
#define REVPACK_LAY_INT_H

#include "bidi.h"
#include "lay.h"

/* A line of broken text: s points into an arena copy of the text. */
struct lline {
	const char *s;
	size_t len;
	float w;                /* pt */
	int para;               /* its paragraph's direction: BIDI_LTR or
	                           BIDI_RTL (bidi.h) */
};

/* Text set in one style: what drawing needs. */
struct lstyle {
	float size, lh;         /* font size and line height, pt */
	float base;             /* from a line's top to its baseline */
	enum font_style face;
	struct rgb color;
};

/* A heading waiting to be placed with what follows it. */
struct lpend {
	const char *text;
	int level, bookmark;
	int lead;               /* a paragraph in a heading's style (a bold
	                           lead-in): no space before, no section */
};
#define LAY_MAX_PEND 4

/* A part of the file: pages first..(next part's first - 1). */
struct lpart {
	enum tmpl_doc doc;
	size_t first_page;
	const char *vars[NTMPL_VARS];
	const char *label;
};

struct lanchor {
	const char *name;
	int page;
	float y;
};

/* A contents entry waiting for its anchor's page. */
struct lentry {
	const char *anchor;
	int page;               /* where the entry's line is */
	float lx, x0, x1, y;    /* the line's left, end of its title, right
	                           end; baseline y */
	struct lstyle st;
};

struct lay {
	const struct tmpl *t;
	const struct fontset *fs;
	struct diag *d;
	struct arena *arena;    /* per file */
	struct lay_memo *memo;  /* texts measured before (lay_memo.c) */
	struct font_run *runs;  /* a line's runs while drawing it */
	size_t runs_cap;
	struct dl_item *spare;  /* the last page's array, for the next one */
	size_t spare_cap;
	size_t packed_upto;     /* pages before it are packed (pack_parts) */
	int marked;             /* lay_mark was called in this part */
	unsigned char *pack_tmp;        /* dl_pack_page's working room */
	size_t pack_cap;
	struct dl_doc doc;
	int finished;
	/* the current part */
	const struct tmpl_docdef *dd;
	struct lstyle styles[NTMPL_STYLES];     /* dd's, worked out */
	struct lline *scratch;  /* lines while wrapping */
	size_t scratch_cap;
	struct uni_breaker *brk;        /* where lines may break (uni.c) */
	size_t *breaks;         /* a text's line breaks while wrapping it */
	size_t breaks_cap;
	size_t *clusters;       /* a word's clusters while cutting it */
	size_t clusters_cap;
	struct lpart *parts;
	size_t nparts, parts_cap;
	int outline_base;
	int rtl;                /* the template's language is written right
	                           to left: pages are mirrored */
	/* the current page: body box and cursor (PDF points, y up) */
	int page;               /* index in doc.pages, -1: none yet */
	float x0, x1, bottom;
	float y;                /* top of the next block */
	int at_top;             /* nothing placed on the page yet */
	/* keep-with-next: the headings waiting for what follows them (a
	 * heading right after a heading waits too), and the first anchor
	 * that lands with them (SIZE_MAX: none) */
	struct lpend pend[LAY_MAX_PEND];
	size_t npend;
	size_t pend_anchor;
	/* the section a page break continues */
	const char *section;
	int section_level;
	/* the lowest y that lay_space or a table row asked room down to on
	 * this page since it began or since the last lay_mark (FLT_MAX:
	 * none), and the page whose bottom lay_rollback raised */
	float low;
	int squeeze_page;
	float squeeze_bottom;
	/* navigation */
	struct lanchor *anchors;
	size_t nanchors, anchors_cap;
	struct lentry *entries;
	size_t nentries, entries_cap;
};

/* A point of the flow to go back to: the page, its item count, the
 * cursor and what waits or continues there, and the navigation counts. */
struct lmark {
	int page;
	size_t nitems, noutlines, nanchors, nentries, nparts;
	float y, bottom;
	int at_top;
	struct lpend pend[LAY_MAX_PEND];
	size_t npend, pend_anchor;
	const char *section;
	int section_level;
};

/* --- lay.c --- */
/* lay_mark: remembers where the flow stands in m and starts L->low
 * afresh. */
void lay_mark(struct lay *L, struct lmark *m);
/* lay_rollback: goes back to m (taken in the current part), dropping
 * everything placed since; the page with index `page`, now or once the
 * flow reaches it again, ends at `bottom` instead of its margin, until
 * lay_unsqueeze. Returns 0, changing nothing, when m is not of this part. */
int lay_rollback(struct lay *L, const struct lmark *m, int page,
    float bottom);
/* lay_unsqueeze: pages end at their margin again. */
void lay_unsqueeze(struct lay *L);
/* lay_demand: notes that the flow asked for room down to y (L->low). */
void lay_demand(struct lay *L, float y);
struct dl_item *lay_item(struct lay *L, enum dl_kind kind);
/* lay_space: makes room for h pt of something that must stay together
 * (on a new page if it does not fit here), placing a waiting heading
 * first; returns 1 when it broke the page. */
int lay_space(struct lay *L, float h);
/* lay_newpage: a new page of the current part. `automatic`: the engine
 * broke the page (a "(continued)" heading may follow). */
void lay_newpage(struct lay *L, int automatic);
/* lay_body_height: the room a new page surely has: its body less a
 * "(continued)" heading. */
float lay_body_height(const struct lay *L);
void lay_style(const struct lay *L, enum tmpl_style s, struct lstyle *st);
/* The smallest type a scaled style is set in (points). */
#define LAY_MIN_SIZE 7.0f
/* lay_style_scaled: style s with its size, line height and baseline
 * times k, but not below LAY_MIN_SIZE when k shrinks it. */
void lay_style_scaled(const struct lay *L, enum tmpl_style s, float k,
    struct lstyle *st);
/* lay_copy: s in the file's arena (NULL stays NULL). */
const char *lay_copy(struct lay *L, const char *s);
/* lay_lead: a short paragraph in a heading's style (a bold lead-in
 * line), kept with what follows it as a heading is. */
void lay_lead(struct lay *L, enum tmpl_style style, const char *text);
/* lay_flush_heading: draws the headings waiting for what follows them. */
void lay_flush_heading(struct lay *L);
/* lay_set_doc: the document whose page set-up and styles apply from
 * now on (lay.c). */
void lay_set_doc(struct lay *L, enum tmpl_doc doc);
/* lay_close_page: ends the current page (lay.c); lay_finish closes the
 * last one. */
void lay_close_page(struct lay *L);
/* lay_keep_lines: how many of a flow of n lines (or rows) must go
 * together from line i on so that neither page of a break holds a single
 * one: the first two (all of three or fewer), the last two, else one. */
size_t lay_keep_lines(size_t i, size_t n);
/* lay_resolve_entries (lay_block.c): the contents' page numbers, leaders
 * and links, once every anchor has landed. */
void lay_resolve_entries(struct lay *L);
/* lay_gap: space after a block (the style's `after`), not past the page. */
void lay_gap(struct lay *L, float h);

/* --- lay_chart.c: what the person charts and the group charts
 * (lay_chart_group.c) share --- */
const char *chart_num(struct lay *L, const char *fmt, double v);
void chart_style(const struct lay *L, size_t n, struct lstyle *st);
void chart_label(struct lay *L, const struct lstyle *st, const char *text,
    float x, float y, float w, size_t lines, enum tmpl_align align);
void chart_label_mid(struct lay *L, const struct lstyle *st,
    const char *text, float x, float y, float w, size_t lines,
    enum tmpl_align align);
float chart_rows_keep(size_t i, size_t n, float rh, float tail);
void chart_end(struct lay *L);
void chart_status_mark(struct lay *L, enum lay_status s, float x,
    float top, struct rgb col);
float chart_status_key(struct lay *L, const struct lstyle *st,
    const char *const *words, float x);

/* --- lay_memo.c --- */
enum memo_kind {
	MK_LINES,               /* a text cleaned and wrapped: lt_lines */
	MK_LINES_MAX,           /* the same in at most N lines: lt_wrap_max */
	MK_RUNS                 /* a line's runs of one face: lt_draw */
};
/* A key: its kind, up to three numbers (a face, float bits from
 * memo_float) and the bytes of a text (borrowed). */
struct memo_key {
	uint64_t hash;
	uint32_t p[4];
	const char *s;
	size_t len;
};
struct lay_memo *memo_new(void);
void memo_free(struct lay_memo *m);             /* NULL is a no-op */
/* memo_start: at the start of a file: forgets everything when the memo
 * went over its budget (never while a file may point into it). */
void memo_start(struct lay_memo *m);
void memo_key(struct memo_key *k, enum memo_kind kind, uint32_t a,
    uint32_t b, uint32_t c, const char *s, size_t len);
/* memo_get: the value stored under k and its count *n; NULL when none. */
void *memo_get(struct lay_memo *m, const struct memo_key *k, size_t *n);
/* memo_put: zeroed room for a value of `size` bytes (count n) stored
 * under k, which must not be there yet; NULL when over budget. The room
 * lives until memo_start forgets it. */
void *memo_put(struct lay_memo *m, const struct memo_key *k, size_t size,
    size_t n);
uint32_t memo_float(float f);
/* memo_budget: forgets everything and keeps at most `bytes` from now on
 * (0: nothing; for tests). */
void memo_budget(struct lay_memo *m, size_t bytes);

/* --- lay_text.c --- */
/* lt_clean: an arena copy of text fit to print: tabs and other controls
 * become spaces, CR LF and CR become LF, bad UTF-8 becomes '?'. */
const char *lt_clean(struct lay *L, const char *text, size_t *len);
/* lt_width: the advance width of s in pt. */
float lt_width(const struct lay *L, const struct lstyle *st, const char *s,
    size_t len);
/* lt_lines: text cleaned (lt_clean) and broken into lines (lt_wrap),
 * remembered by the engine: the lines and their text are read-only and
 * live at least until the next lay_begin. */
struct lline *lt_lines(struct lay *L, const struct lstyle *st,
    const char *text, float width, size_t *n);
/* lt_wrap: breaks s (cleaned) into lines of at most `width` pt where
 * UAX #14 allows (uni_line_breaks; a '\n' always), a word wider than
 * that cut between grapheme clusters; returns an arena array of *n
 * lines (at least one). */
struct lline *lt_wrap(struct lay *L, const struct lstyle *st, const char *s,
    size_t len, float width, size_t *n);
/* lt_draw: text s[0..len), a paragraph of one line, at (x, baseline),
 * split into runs of one face, in visual order (bidi.h). */
void lt_draw(struct lay *L, const struct lstyle *st, float x, float base,
    const char *s, size_t len);
/* lt_draw_line: line l of a wrapped text, as lt_draw, in its paragraph's
 * direction. */
void lt_draw_line(struct lay *L, const struct lstyle *st, float x,
    float base, const struct lline *l);
/* lt_para: the direction of paragraph s[0..len): its first strong
 * character's; left to right without one (a figure, a date, "-2.00"
 * keep the order they are typed in, on Arabic pages too). BIDI_LTR or
 * BIDI_RTL. */
int lt_para(const char *s, size_t len);
/* lt_fit: the longest prefix of s that fits in `width` pt, with "…"
 * appended when it had to be cut; returns the (arena) text. */
const char *lt_fit(struct lay *L, const struct lstyle *st, const char *s,
    size_t len, float width, size_t *outlen);
/* lt_wrap_max: text wrapped in at most `max` lines, the last ending in
 * "…" when cut (for boxes of a fixed height: chart labels). */
struct lline *lt_wrap_max(struct lay *L, const struct lstyle *st,
    const char *text, float width, size_t max, size_t *n);
/* lt_draw_max: text in at most `max` lines from (x, top), left-aligned;
 * returns its height. */
float lt_draw_max(struct lay *L, const struct lstyle *st, const char *text,
    float x, float top, float width, size_t max);
/* lt_block: wraps and draws text at (x, top) in `width`, aligned;
 * returns its height. Does not break pages. */
float lt_block(struct lay *L, const struct lstyle *st, const char *text,
    float x, float top, float width, enum tmpl_align align);

/* --- small drawing helpers (lay.c) --- */
void lay_rect(struct lay *L, float x, float y, float w, float h,
    const struct rgb *fill, const struct rgb *stroke, float lw);
void lay_line(struct lay *L, float x, float y, float x2, float y2,
    const struct rgb *c, float lw, int dash);

#endif
