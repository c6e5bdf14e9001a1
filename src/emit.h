/* emit.h: aggregates to the bytes of aggregates.json, aggregates.csv and
 * aggregates.xlsx (keys, shapes and order as revpack.1 gives them),
 * byte-identical between runs. */
#ifndef REVPACK_EMIT_H
#define REVPACK_EMIT_H

#include "diag.h"
#include "score.h"
#include "util.h"

/* Called by emit_json now and then with what it has written into out so
 * far; it takes the bytes and empties out (buf_reset). */
typedef void (*emit_flush_fn)(void *arg, struct buf *out);

/* emit_json: appends aggregates.json for a to out, handing it to flush
 * (when not NULL) a megabyte at a time, so that a large organisation's
 * file (100,000 people: 620 MB) need not be held whole; what is left in
 * out at the end is the caller's to take. d holds the run's
 * diagnostics: each becomes a line of warnings[] (NULL: none). Objects
 * whose values are all scalars, and the strengths and growth arrays, are
 * written on one line; everything else one member per line, indented by
 * two spaces; the file ends with a newline. */
void emit_json(const struct aggregates *a, const struct diag *d,
    struct buf *out, emit_flush_fn flush, void *arg);

/* emit_csv: appends aggregates.csv for a to out: a UTF-8 BOM, the header
 * id,name,level,manager_id,department,overall,percent,label,coverage and
 * one column per competency id (rubric order), then one row per person
 * (roster order); CRLF line ends and RFC 4180 quoting. A text cell that
 * starts with = + - @ TAB or CR gets a leading apostrophe (spreadsheet
 * formula injection). Missing figures are empty cells. */
void emit_csv(const struct aggregates *a, struct buf *out);

/* emit_xlsx: appends aggregates.xlsx for a to out: the figures of
 * aggregates.json as a workbook (sheets People, Competencies, Teams,
 * Departments, Organisation, Calibration, README; README.md describes
 * them), numbers as numbers, status cells in t's red, yellow and green
 * with t's status words. epoch dates the document properties (<= 0:
 * 1980-01-01). libxlsxwriter builds the archive in tmpdir (a private
 * folder: the caller's outdir_hold covers it), which is left as it was.
 * Not for two calls at once in one process. Returns 0, or -1 after
 * reporting in d (the caller exits 3). */
struct tmpl;
int emit_xlsx(const struct aggregates *a, const struct tmpl *t,
    long long epoch, const char *tmpdir, struct buf *out, struct diag *d);

/* emit_num: appends x as fmt_num writes it ("3", "3.5", "-0.25"), fast
 * (no printf); NAN appends nothing. */
void emit_num(struct buf *b, double x);
/* emit_int: appends a decimal integer. */
void emit_int(struct buf *b, long long v);

#endif
