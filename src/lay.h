/* lay.h: the layout stage. A document calls one function per block (a
 * title, a paragraph, a table, a chart...) in reading order; the layout
 * breaks lines with the fontset's widths, flows the blocks down pages of
 * the template's geometry, breaks pages (header rows repeated, rows kept
 * whole, headings kept with what follows, charts never split), and at
 * lay_finish draws headers and footers with {page} of {pages}, resolves
 * the contents page, and hands over a display list (dev.h). It knows
 * nothing of PDF. revpack-template.5 describes it for template authors. */
#ifndef REVPACK_LAY_H
#define REVPACK_LAY_H

#include <stddef.h>

#include "dev.h"
#include "fonts.h"
#include "tmpl.h"

struct lay;

/* lay_new: a layout engine for template t and fontset fs (both borrowed,
 * read-only, must outlive it). Missing glyphs are reported in d (may be
 * NULL). One per thread; reuse it for document after document. */
struct lay *lay_new(const struct tmpl *t, const struct fontset *fs,
    struct diag *d);
void lay_free(struct lay *L);                   /* NULL is a no-op */

/* lay_begin: starts a new output file, dropping what lay_finish handed
 * out last time. `info` (title, author...) is copied. */
void lay_begin(struct lay *L, const struct dl_info *info);

/* lay_part: starts a part laid out as the template's document `doc` (its
 * page size, margins, styles, header and footer), on a new page. A file
 * holds one part, or several (packets). With a `bookmark`, the part gets
 * an outline entry at `outline_level` and its headings nest below it;
 * with a `label`, its pages are labelled "label1", "label2"... Texts are
 * copied. Placeholder values are reset for the part. */
void lay_part(struct lay *L, enum tmpl_doc doc, const char *bookmark,
    int outline_level, const char *label);
/* lay_var: the value of a placeholder ({person.name}...) in this part's
 * header, footer and in what lay_expand returns (copied; NULL: empty). */
void lay_var(struct lay *L, enum tmpl_var v, const char *value);
/* lay_expand: text with its {placeholders} and {words.X} replaced and
 * "{{" turned into "{"; lives until the next lay_begin. */
const char *lay_expand(struct lay *L, const char *text);
/* lay_word: the template's word w (borrowed). */
const char *lay_word(const struct lay *L, enum tmpl_word w);

/* --- text blocks. Texts are UTF-8 (borrowed for the call only). A '\n'
 * in a text starts a new line. --- */
void lay_title(struct lay *L, const char *text);
/* lay_heading: level 1 (style heading) or 2 (subheading). It is kept on
 * one page with the first two lines or rows of what follows, and with the
 * headings that follow it directly; with `bookmark` it gets an outline
 * entry. A later page break the engine makes inside its
 * section repeats it with "(continued)" (template option `continued`). */
void lay_heading(struct lay *L, int level, const char *text, int bookmark);
/* lay_paragraph: text that breaks between pages leaving two lines or
 * more on each side (three lines or fewer move whole). One or two lines in
 * a heading's style (title, heading, subheading) are a lead-in, kept with
 * what follows as a heading is. */
void lay_paragraph(struct lay *L, enum tmpl_style style, const char *text);
/* lay_note: a paragraph kept whole on one page, which ends the section of
 * the heading above it (no "(continued)" heading is repeated for it). */
void lay_note(struct lay *L, enum tmpl_style style, const char *text);
/* lay_bullets: a list whose lines break between pages as one paragraph's
 * do (two or more on each side of a break). */
void lay_bullets(struct lay *L, enum tmpl_style style,
    const char *const *items, size_t n);

/* A key-value grid: `columns` pairs per row, keys in the label style
 * above their values; moved whole when it takes up to half a page. */
struct lay_kv {
	const char *key, *value;        /* value NULL or "": a blank line */
};
void lay_kv_grid(struct lay *L, const struct lay_kv *kv, size_t n,
    int columns);

/* --- status --- */
enum lay_status {
	LS_NONE,                /* no colour */
	LS_RED,
	LS_YELLOW,
	LS_GREEN,
	LS_UNRATED
};

/* --- tables --- */
enum lay_cell_kind {
	LC_TEXT,
	LC_CHIP,                /* text on a chip of the status colour */
	LC_BOX                  /* a tick box, then the text below it */
};

struct lay_cell {
	const char *text;       /* NULL: empty */
	enum lay_cell_kind kind;
	enum lay_status status; /* LC_CHIP; also tints a LC_TEXT cell */
	int bold;
	int group;              /* every cell of a row that heads the rows
	                           after it: drawn on the fill colour, kept
	                           on a page with the row after it */
};

struct lay_col {
	const char *header;
	float width;            /* fraction of the table width; 0: an equal
	                           share of what the others leave */
	enum tmpl_align align;
};

/* A table: a header row repeated on every page, then nrows rows of ncols
 * cells (row-major); cell text wraps within its column, rows are kept
 * whole (a row taller than a page is split between its lines), and a page
 * break leaves two rows or more on each side of it (three or fewer rows
 * move whole). `blank`
 * adds that many empty rows of two lines each (to write in). */
struct lay_table {
	const struct lay_col *cols;
	size_t ncols;
	const struct lay_cell *cells;
	size_t nrows;
	int blank;
};
void lay_table(struct lay *L, const struct lay_table *t);

/* --- legends, chips, signatures --- */
struct lay_level {
	int value;
	const char *label;
};
/* lay_scale_legend: the scale's levels side by side, value on a swatch
 * shaded from red to green, label below. */
void lay_scale_legend(struct lay *L, const struct lay_level *levels,
    size_t n);

struct lay_chip {
	enum lay_status status;
	const char *text;
};
void lay_chips(struct lay *L, const struct lay_chip *chips, size_t n);
/* lay_signatures: per signer a label, a line to sign on and a date line. */
void lay_signatures(struct lay *L, const char *const *signers, size_t n);
/* lay_lines: `count` ruled lines to write on, `spacing` apart (0: auto). */
void lay_lines(struct lay *L, int count, float spacing);
void lay_page_break(struct lay *L);
void lay_spacer(struct lay *L, float height);

/* --- charts (vectors). A chart is kept on one page; one too tall for a
 * page is broken between its rows (bars, heatmap, calibration) or scaled
 * down (radar, histogram). Numbers are plotted as given; NAN: none. --- */
struct lay_bar {
	const char *label;
	double value;
	double marker;          /* e.g. the expected level, or NAN */
	enum lay_status status; /* bar colour (LS_NONE: accent) */
	const char *value_text; /* printed after the bar, or NULL */
};
struct lay_bars {
	const struct lay_bar *bars;
	size_t n;
	double min, max;        /* the axis */
	const char *marker_label;       /* legend of the marker, or NULL */
};
void lay_bars(struct lay *L, const struct lay_bars *b);

struct lay_series {
	const char *name;
	enum tmpl_color color;
	const double *values;   /* one per axis; NAN: not rated */
	int dashed;             /* 0 solid (and filled), else the dash length:
	                           series told apart in grayscale print too */
};
struct lay_radar {
	const char *const *axes;
	size_t naxes;
	const struct lay_series *series;
	size_t nseries;
	double min, max;
	float size;             /* diameter; 0: fits the width */
};
void lay_radar(struct lay *L, const struct lay_radar *r);

/* A heatmap: one row per person, one column per competency, cells
 * coloured by status with their text (a score). Column titles that do not
 * fit become numbers with a key below. */
struct lay_heatmap {
	const char *const *rows;
	size_t nrows;
	const char *const *cols;
	size_t ncols;
	const struct lay_cell *cells;   /* nrows * ncols, row-major */
	const char *key[3];     /* the words of red, yellow and green for the
	                           key above the columns (on every page the
	                           heatmap spans), or NULL: no key */
};
void lay_heatmap(struct lay *L, const struct lay_heatmap *h);

/* A histogram: counts per level. One row: vertical bars with the level
 * labels below; several rows: one 100% stacked bar per row with a legend
 * of the levels. */
struct lay_histogram {
	const char *const *levels;
	size_t nlevels;
	const char *const *rows;        /* row labels (ignored for one row) */
	size_t nrows;
	const double *counts;           /* nrows * nlevels */
	float height;                   /* one row: chart height; 0: auto */
};
void lay_histogram(struct lay *L, const struct lay_histogram *h);

/* Calibration: per rater a bar of delta_vs_org from a zero axis, dashed
 * lines at +-threshold, flagged rows in red, ratings and mean printed. */
struct lay_calib {
	const char *label;
	long ratings;
	double mean, delta;
	int flagged;
};
struct lay_calibration {
	const struct lay_calib *rows;
	size_t n;
	double threshold;
	const char *ratings_word, *mean_word, *delta_word;
};
void lay_calibration(struct lay *L, const struct lay_calibration *c);

/* --- navigation --- */
/* lay_anchor: names the current position (for contents entries). */
void lay_anchor(struct lay *L, const char *name);
/* lay_outline: a bookmark at the current position. */
void lay_outline(struct lay *L, int level, const char *title);
/* lay_contents: a contents list here, one line per entry (level 0 or 1),
 * each with the page number where its anchor landed and a link to it.
 * Anchors may come later in the file. */
struct lay_entry {
	const char *title;
	const char *anchor;
	int level;
};
void lay_contents(struct lay *L, const struct lay_entry *e, size_t n);

/* --- template blocks --- */
/* lay_block_title: the block's `title` option (placeholders expanded) as
 * a level-1 heading with a bookmark; nothing when it has none. */
void lay_block_title(struct lay *L, const struct tmpl_block *b);
/* lay_static_block: lays out a block that needs no document data (title,
 * heading, paragraph or bullets with literal text, signature_lines, lines,
 * page_break, spacer), its placeholders expanded, and returns 1; returns
 * 0, doing nothing, for a block whose content the document supplies
 * (b->data set, charts, tables, include, contents). */
int lay_static_block(struct lay *L, const struct tmpl_block *b);
/* lay_block_fn: lays out block b, whose content the document supplies
 * (lay_static_block returned 0 for it); arg is lay_blocks'. */
typedef void (*lay_block_fn)(void *arg, const struct tmpl_block *b);
/* lay_blocks: lays out a part's n blocks in order: each one that
 * lay_static_block handles itself, the others through fn(arg, block). */
void lay_blocks(struct lay *L, const struct tmpl_block *blocks, size_t n,
    lay_block_fn fn, void *arg);

/* lay_finish: draws headers and footers, resolves the contents, and
 * returns the display list (owned by L, valid until the next lay_begin
 * or lay_free). Anchors that never landed are reported in d. */
const struct dl_doc *lay_finish(struct lay *L);
/* lay_release_page: frees the items of page `page` of the finished display
 * list (the page keeps its size, with no items): for a device that is
 * done with them (pdfdev_render_cb), so that a long file is not held
 * whole. No-op before lay_finish or for a page that does not exist. */
void lay_release_page(struct lay *L, size_t page);
/* lay_release_all: frees everything the finished display list points to
 * (its pages' items and every text: outlines, labels, images, info),
 * keeping only its counts (npages...), for a device that has read it all
 * (pdfdev_render_cb) and is about to save a long file. Nothing of the
 * list may be read after it but its counts, until the next lay_begin.
 * No-op before lay_finish. */
void lay_release_all(struct lay *L);

/* --- for tests and tools --- */
/* lay_break_lines: text in `style` broken into lines of at most `width`
 * pt: fills lines[]/lens[] (up to max; the lines point into a cleaned copy
 * that lives until the next lay_begin) and returns the number of lines. */
size_t lay_break_lines(struct lay *L, enum tmpl_style style,
    const char *text, float width, const char **lines, size_t *lens,
    size_t max);

/* The template's colours as the documents use them (also for deck.pptx). */
struct rgb lay_color(const struct lay *L, enum tmpl_color c);
struct rgb lay_status_color(const struct lay *L, enum lay_status s);
/* lay_on_color: dark or white text, whichever reads on background c. */
struct rgb lay_on_color(const struct lay *L, struct rgb c);
/* lay_level_color: level i of n shaded red, yellow, green (one level:
 * green), as the scale legend, chips and histograms draw it. */
struct rgb lay_level_color(const struct lay *L, size_t i, size_t n);

#endif
