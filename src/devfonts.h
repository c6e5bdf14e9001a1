/* devfonts.h: the faces a PDF device embeds: for one document at a time,
 * which code points it draws in each face, their codes in the page
 * content, and each face's font for that document (fontprog.c). Knows no
 * PDF library: dev_pdf.c turns the fonts into PDF objects. One per
 * device, so one per worker thread. */
#ifndef REVPACK_DEVFONTS_H
#define REVPACK_DEVFONTS_H

#include <stdint.h>

#include "dev.h"
#include "fontprog.h"
#include "fonts.h"

struct devfonts;

struct devfonts *devfonts_new(const struct fontset *fs);
void devfonts_free(struct devfonts *df);        /* NULL is a no-op */
/* devfonts_begin: marks the code points doc draws in each face (outside
 * the BMP, U+FFFD, as pdfops.c writes them), reading a face's font file
 * the first time, and makes each drawn face's font for the document.
 * Returns 0, or -1 after reporting in d. devfonts_end must follow either
 * way. */
int devfonts_begin(struct devfonts *df, const struct dl_doc *doc,
    struct diag *d);
/* devfonts_end: forgets the document's marks, fonts and codes. */
void devfonts_end(struct devfonts *df);
/* devfonts_face: the face that embeds `face` (faces with the same font
 * file share one), or -1 for a face with no file. */
int devfonts_face(const struct devfonts *df, int face);
/* devfonts_doc: face f's font for the current document, or NULL when
 * the document does not draw with it. */
const struct fontdoc *devfonts_doc(const struct devfonts *df, int f);
/* devfonts_codes: per code point, its code in face f's font for the
 * current document (0: not in it). */
const uint16_t *devfonts_codes(const struct devfonts *df, int f);
/* devfonts_gcodes: per glyph id, its code in face f's font for the
 * current document (0: not in it), for the runs that are shaped
 * (fontset_shapes). */
const uint16_t *devfonts_gcodes(const struct devfonts *df, int f);
/* dl_text_shaped: 1 when text item it is drawn as shaped glyphs: its
 * script is shaped (fontset_shapes), or bidi set it right to left (a
 * run of neutrals there is mirrored and reversed by the shaper). */
int dl_text_shaped(const struct dl_item *it);
/* devfonts_shape: the glyphs of the shaped text item it (as
 * devfonts_begin marked them) and in *w each one's width in the
 * document's font (1/1000 em); both valid until the next call. */
const struct font_shaped *devfonts_shape(struct devfonts *df,
    const struct dl_item *it, const int **w);

#endif
