/* in_xlsx_int.h: what the .xlsx reader's files share: the reader's
 * state (in_xlsx.c feeds expat and reads the workbook's small parts,
 * in_xlsx_row.c turns the sheet's rows and cells into text) and the cell
 * value rules that need no XML (in_xlsx_val.c). Not for other stages. */
#ifndef REVPACK_IN_XLSX_INT_H
#define REVPACK_IN_XLSX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "in_xlsx.h"

#define XLSX_MAX_ROWS 1048576   /* Excel's last row */
#define XLSX_MAX_COLS 16384     /* Excel's last column, XFD */

#define XLSX_MAX_ROW (4 * 1024 * 1024)  /* bytes of text in one row */
#define NO_OFF ((size_t)-1)
#define MAX_PARTS 65536         /* sheets, relationships, cell styles */

/* What a number format shows a number as. */
enum xlsx_kind {
	XLSX_NUMBER,
	XLSX_DATE,              /* a date, perhaps with a time of day */
	XLSX_TIME               /* a time of day or a duration */
};

/* xlsx_parse_ref: "C12" (no "$", no sheet) into *col (0-based) and *row
 * (1-based). 1 when the text is letters then digits; the numbers may
 * still be past the sheet's limits (col >= XLSX_MAX_COLS, row >
 * XLSX_MAX_ROWS; both are clamped a little above, not overflowed). 0 when
 * it is not a reference. */
int xlsx_parse_ref(const char *s, int *col, int *row);

/* xlsx_number: the number written as s[0..n) (XML's xsd:double without
 * INF/NaN), as the shortest decimal that reads back as the same double:
 * "4", "3.5", "0.30000000000000004", "1e+21". Writes it into out (>= 32
 * bytes) and its value into *v. Returns its length, or -1 when s is not
 * such a number. */
int xlsx_number(const char *s, size_t n, char *out, size_t size, double *v);

/* xlsx_plain: 1 when s[0..n) is a number already written as xlsx_number
 * would write it (then it can be handed out as it is). */
int xlsx_plain(const char *s, size_t n);

/* xlsx_date: Excel serial day number v (1900 system, with its fictitious
 * 1900-02-29, or the 1904 system) as ISO text into out (>= 32 bytes):
 * "2026-03-04", "2026-03-04 13:45:00" when there is a time of day, or
 * "13:45:00" for a time (kind XLSX_TIME) below one day. Returns the
 * length, or 0 when v is outside Excel's dates (negative, past
 * 9999-12-31): the caller prints the number instead. */
int xlsx_date(double v, int date1904, enum xlsx_kind kind, char *out,
    size_t size);

/* xlsx_builtin_kind: what built-in number format `id` shows. */
enum xlsx_kind xlsx_builtin_kind(long id);
/* xlsx_code_kind: what a custom format code ("yyyy-mm-dd", "0.00") shows:
 * a date or time when d, m, y, h or s appears outside quotes, brackets
 * and escapes. */
enum xlsx_kind xlsx_code_kind(const char *code);

enum part { P_WORKBOOK, P_RELS, P_STYLES, P_SST, P_SHEET };
enum ctype { T_NUM, T_SST, T_INLINE, T_STR, T_BOOL, T_ERR, T_ISO };

struct rel {
	const char *id, *target, *type;
};

/* The reader. Only the current row is held; the shared strings stay for
 * the reader's life (cells point into them). */
struct xlsx_pipe;

struct xlsx {
	const char *name;
	struct diag *d;         /* the reading thread's, while there is one */
	struct xlsx_pipe *pipe; /* NULL until the first xlsx_next */
	struct zipin *zip;
	struct arena *arena;
	/* the part being parsed */
	struct XML_ParserStruct *p;     /* expat's XML_Parser */
	struct zipin_entry *ent;
	const char *part;
	enum part kind;
	int depth, failed, done;
	unsigned long events, seen;     /* handler calls; at the last chunk */
	size_t quiet;           /* bytes fed since a handler was called */
	struct buf text;        /* character data being collected */
	int collect, rph;       /* collecting; inside phonetic runs */
	/* xl/workbook.xml */
	int date1904;
	const char **sheets, **rids;
	size_t nsheets, capsheets, chosen;
	/* xl/_rels/workbook.xml.rels */
	struct rel *rels;
	size_t nrels, caprels;
	/* xl/styles.xml: kind + 1 per custom format id; kind per cell style */
	unsigned char *fmt_kind;
	unsigned char *xf_kind;
	size_t nxfs, capxfs;
	int in_numfmts, in_cellxfs;
	/* xl/sharedStrings.xml */
	struct buf sst;
	uint32_t *sst_off;      /* [nsst + 1]: string i is sst.p + sst_off[i] */
	size_t nsst, capsst;
	int in_si;
	/* the sheet */
	int in_data, in_row, in_cell, in_is, ready;
	int row_over;           /* the row is past XLSX_MAX_ROWS */
	int row, prev_row, col, prev_col, style;
	enum ctype ct;
	const char **cells;     /* [XLSX_MAX_COLS] */
	size_t *lens, *offs;    /* offs: into rowbuf, or NO_OFF */
	uint32_t *stamp;        /* seq of the row that set the cell */
	uint32_t seq;
	size_t n;
	struct buf rowbuf;
};

/* --- in_xlsx.c, for in_xlsx_row.c --- */
/* xlsx_fail: reports at line (0: the workbook as a whole) and stops the
 * parser for good; only the first failure is reported. */
void xlsx_fail(struct xlsx *x, int line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* xlsx_pause: stops the parser after this handler: resumably when a row
 * is ready, for good when x->done (the cells are over). */
void xlsx_pause(struct xlsx *x);

/* xlsx_pull: the sheet's next row with a non-empty cell into x->cells,
 * x->lens, x->n and x->row: 1, 0 at the end, -1 after reporting (then 0
 * for good). xlsx_pull_row: the same, handed out as xlsx_next does. */
int xlsx_pull(struct xlsx *x);
int xlsx_pull_row(struct xlsx *x, const char *const **cells,
    const size_t **lens, size_t *n, int *row);

/* --- in_xlsx_pipe.c: xlsx_next over a reading thread. --- */
/* xlsx_pipe_stop: stops and joins the thread, if any, dropping the rows
 * it read ahead; x->d is the caller's again. */
void xlsx_pipe_stop(struct xlsx *x);
void xlsx_pipe_free(struct xlsx_pipe *p);

/* --- in_xlsx_row.c: the sheet's elements (local names), from expat's
 * handlers; a row ready for xlsx_next sets x->ready and pauses. --- */
void xlsx_sheet_start(struct xlsx *x, const char *el, const char **a);
void xlsx_sheet_end(struct xlsx *x, const char *el);

/* --- in_xlsx_val.c --- */
/* xlsx_uint: s[0..n) as a decimal number below lim into *v; 0 when it is
 * not one (empty, a sign, other characters, too long). */
int xlsx_uint(const char *s, size_t n, long lim, long *v);

#endif
