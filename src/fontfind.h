/* fontfind.h: finding the file of a template's font request (fontfind.c,
 * over fontconfig). fonts.c reads what it finds. */
#ifndef REVPACK_FONTFIND_H
#define REVPACK_FONTFIND_H

#include "diag.h"

/* What fontconfig knows, loaded on first use (a name to match): a run's
 * font set-up makes one and frees it when its faces are read. */
struct fontfind;
struct fontfind *fontfind_new(void);
void fontfind_free(struct fontfind *ff);

/* fontfind_file: the file (caller frees) and face index (-1: a .ttf, or
 * none given) of a request: a path when it holds '/' ("x.ttc:N" names
 * face N of a collection, face 0 without ":N"), else a "Family[:style]"
 * that fontconfig must match to that very family. NULL after reporting
 * at `at` in d. */
char *fontfind_file(struct fontfind *ff, const char *req, int *idx,
    const struct pos *at, struct diag *d);
/* fontfind_bold: the file (caller frees) and face index of family's own
 * bold face, or NULL when it has none, when family is not a bare family
 * name, or when no name was matched yet (fontconfig not loaded). */
char *fontfind_bold(struct fontfind *ff, const char *family, int *idx);

#endif
