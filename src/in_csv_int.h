/* in_csv_int.h: the state of in_csv.h's reader, shared by in_csv.c (the
 * libcsv row source), in_table.c (everything around the row sources:
 * opening, decoding, checks and messages) and in_table_hdr.c (the header
 * and column lookup). Private to those three files. */
#ifndef REVPACK_IN_CSV_INT_H
#define REVPACK_IN_CSV_INT_H

#include "in_csv.h"
#include "in_lines.h"
#include "in_text.h"
#include "in_xlsx.h"

struct csv_parser;
struct csvin;

/* A row source: where records come from. begin() (may be NULL) is
 * called once before the first row; next() leaves the next row in the
 * record being built (csvr_field for each cell; r->rec_line, r->rec_row;
 * r->done = 1) and returns 1, or returns 0 at the end of the input,
 * reporting syntax problems itself and skipping what they break; end()
 * (may be NULL) frees what begin() made. */
struct rowsrc {
	void (*begin)(struct csvin *r);
	int (*next)(struct csvin *r);
	void (*end)(struct csvin *r);
};

/* Where a record's row stops being its line: from line `line` on,
 * row = line - delta (until the next mark). */
struct rowmark {
	int line, delta;
};

/* A record read ahead while the header was recognised, with what was
 * said while reading it (shown when the loader reaches it). */
struct pending {
	const char **f;
	size_t *len;
	size_t n;
	int line, row;
	int has;                /* 0: no record, only messages (the end) */
	struct diag *msgs;
};

struct csvin {
	struct csv_parser *p;    /* the CSV source's (in_csv.c) */
	const char *name;
	struct diag *d;
	struct diag *defer;     /* while reading ahead: messages go here */
	const struct rowsrc *src;
	struct lines *lines;
	struct xlsx *x;
	char *raw;              /* the file's bytes, when read from a path */
	struct text text;       /* decoded */
	int line;               /* number of the last line read */
	int rec_line;           /* where the record being built starts */
	int rows, rec_row;      /* rows begun so far; the record's row */
	struct rowmark *marks;
	size_t nmarks, capmarks;
	int quote_line, quote_col;      /* opening quote of a field left open */
	int stopped;            /* a runaway field: nothing more is read */
	char delim;
	/* the record being built */
	struct buf data;        /* its fields, each NUL-terminated */
	struct buf nfc;         /* scratch: a field put in NFC */
	size_t *off, *lens;
	const char **ptrs;
	size_t nf, capf, capp;
	size_t ended;           /* fields ended during the current line */
	int done;               /* a row ended */
	int bad_col;            /* first field with NUL/invalid UTF-8, or -1 */
	int bad_nul;
	/* the header */
	int have_header;
	int header_line;
	int header_rows;
	const char **cols;
	size_t ncols;
	int *dup;               /* [ncols]: a later column of the same name, or -1 */
	unsigned char *dup_said;
	struct strtab *colidx;
	struct strtab *alias;   /* Qualtrics ids -> column, or NULL */
	int sizing;             /* the header is being recognised: an .xlsx
	                           row keeps its own width for now */
	struct pending q[CSVIN_MAX_HEADER_ROWS + 2];
	size_t nq, qpos;
	struct arena *arena;
	size_t nerrors, unlisted;
};

/* csvr_csv: the libcsv row source over r->lines (in_csv.c). */
extern const struct rowsrc csvr_csv;

/* --- in_table.c, for the row sources --- */
/* csvr_field: appends a cell to the record being built; a CRLF or CR in
 * a field of a record spanning lines becomes LF. */
void csvr_field(struct csvin *r, const char *s, size_t len);
/* csvr_record_reset: empties the record being built. */
void csvr_record_reset(struct csvin *r);
/* csvr_say: an error at `line` (charcol 0: no column on the line) about
 * column col (-1: none); row > 0: the row of the record it is about,
 * said when it is not the line. Counted against CSVIN_MAX_ERRORS. */
void csvr_say(struct csvin *r, int line, int charcol, int col, int row,
    const char *fmt, ...) PRINTF_LIKE(6, 7);

/* csvr_read_ahead: reads the next record into a new queue slot, keeping
 * what is said meanwhile in the slot. 1 when the slot holds a record. */
int csvr_read_ahead(struct csvin *r);
/* csvr_take_ahead: the next queue slot's messages are said; its record,
 * if any, goes to *rec (1). */
int csvr_take_ahead(struct csvin *r, struct csvin_rec *rec);
/* csvr_read_header (in_table_hdr.c): the header row(s) after the first
 * record; 0 after an error (reported). */
int csvr_read_header(struct csvin *r, const struct csvin_opts *o);

#endif
