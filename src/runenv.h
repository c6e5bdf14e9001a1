/* runenv.h: what revpack takes from where it runs rather than from its
 * inputs: the PDF date (SOURCE_DATE_EPOCH, else the cycle's review date;
 * never the clock) and where the shipped templates are. */
#ifndef REVPACK_RUNENV_H
#define REVPACK_RUNENV_H

#include "diag.h"
#include "util.h"

/* runenv_pdf_date: the date every PDF of a run carries. SOURCE_DATE_EPOCH
 * when set (whole seconds, up to the end of year 9999), else review_date
 * (YYYY-MM-DD, already validated; may be NULL) at 00:00 UTC, else none.
 * Sets *has_date and *epoch; returns 0, or -1 after reporting a malformed
 * SOURCE_DATE_EPOCH. */
int runenv_pdf_date(const char *review_date, int *has_date,
    long long *epoch, struct diag *d);

/* runenv_template: the path of the shipped template `name` ("default.yaml",
 * "slides.yaml"), looked for in this order: beside the installed program
 * (BIN/../share/revpack/templates), in the source tree the program was
 * built in (templates/ of the folder, or one or two up, that holds
 * src/main.c: ./revpack, build/revpack, build/san/revpack), then in the
 * compiled-in REVPACK_DATADIR/templates. NULL when none has it; then, with
 * d not NULL, an error lists every place tried. Caller frees. */
char *runenv_template(const char *name, struct diag *d);
/* runenv_shipped: the same search for file `name` among the shipped
 * `kind` ("templates" or "rubrics"), each path tried appended to `tried`
 * (", "-separated); NULL when none has it. Caller frees. */
char *runenv_shipped(const char *kind, const char *name, struct buf *tried);
/* runenv_suggest: the shipped `kind` name (without ".yaml") nearest to
 * name, for "did you mean", or NULL. Caller frees. */
char *runenv_suggest(const char *kind, const char *name);

#endif
