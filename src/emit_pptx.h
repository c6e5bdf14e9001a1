/* emit_pptx.h: a deck of slides as a PowerPoint file (Office Open XML,
 * PresentationML): the one place that knows the parts, relationships and
 * elements of a .pptx. The caller (doc_pptx.c) decides what each slide
 * says; this writes a theme, a slide master and two layouts carrying the
 * template's fonts and colours (so that a slide a user adds looks like
 * the others), the slides with their text in editable boxes, bullet
 * lists as lists, tables as tables, speaker notes, and the logo as a
 * picture, zipped with fixed dates: the same deck gives the same bytes. */
#ifndef REVPACK_EMIT_PPTX_H
#define REVPACK_EMIT_PPTX_H

#include <stddef.h>

#include "dev.h"
#include "diag.h"
#include "util.h"

/* A paragraph of a text box. */
struct pptx_para {
	const char *text;
	unsigned char bullet;   /* a bullet list item */
	unsigned char bold;
	unsigned char muted;    /* in the muted colour */
};

/* A table cell. fill / color: set when has_fill / has_color. */
struct pptx_cell {
	const char *text;
	unsigned char bold, has_fill, has_color, center;
	struct rgb fill, color;
};

/* A table: nrows x ncols cells, row by row; the first row is a header
 * when `head`; column widths as shares of the table's width (NULL:
 * equal). */
struct pptx_table {
	const char *title;      /* a bold line above it, or NULL */
	struct pptx_cell *cells;
	size_t nrows, ncols;
	const float *widths;
	int head;
	float size;             /* type size, pt */
	float y, h;             /* top and height, pt from the slide's top */
};

enum pptx_layout {
	PPTX_TITLE,             /* title and subtitle, centred */
	PPTX_CONTENT            /* title, then a text box and tables */
};

struct pptx_slide {
	enum pptx_layout layout;
	const char *title;
	const char *subtitle;   /* TITLE: under the title; CONTENT: a muted
	                           line under the title (a category), or
	                           NULL */
	struct pptx_para *paras;
	size_t nparas;
	float size;             /* the text box's type size, pt */
	float body_h;           /* the text box's height, pt */
	struct pptx_table *tables;
	size_t ntables;
	const char *notes;      /* speaker notes, '\n' between paragraphs */
};

/* The deck's look, from the template. */
struct pptx_look {
	float width, height;    /* slide, pt */
	float left, right, top, bottom; /* margins, pt */
	const char *font;       /* typeface name */
	struct rgb text, muted, accent, lines, fill;
	const char *logo;       /* PNG or JPEG file, or NULL */
	float logo_w, logo_h;   /* pt */
	int rtl;                /* a right-to-left language: tables run
	                           from the right (a paragraph's own
	                           direction is its first strong
	                           character's) */
	const char *lang;       /* "en-US", "ar-SA"... */
};

struct pptx_deck {
	struct pptx_look look;
	const char *title, *author;     /* document properties */
	const char *date;       /* ISO 8601 "2026-07-15T00:00:00Z", or NULL */
	struct pptx_slide *slides;
	size_t nslides;
};

/* Where content starts under a CONTENT slide's title (and its muted
 * line), pt from the slide's top, for callers that stack tables. */
float pptx_body_top(const struct pptx_look *lk, int subtitle);

/* pptx_write: the deck's .pptx bytes appended to out. 0, or -1 after
 * reporting in d (the logo cannot be read, libzip failed). */
int pptx_write(const struct pptx_deck *dk, struct buf *out,
    struct diag *d);

#endif
