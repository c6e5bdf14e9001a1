/* init.h: what the stages of `revpack init` share: a table read for
 * inference (init_table.c), the roster's and the exports' mappings
 * inferred from their headers and values (init_infer.c), and the draft
 * cycle.yaml written from them (cmd_init.c). Not for other stages. */
#ifndef REVPACK_INIT_H
#define REVPACK_INIT_H

#include "load_ingest.h"

/* Records looked at per file: enough to tell what a column holds. */
#define INIT_ROWS 5000
/* Distinct values kept per column. */
#define INIT_VALUES 64

/* One distinct value of a column and how often it occurs. */
struct ivalue {
	const char *s;
	size_t n;
};

/* What a column of a table holds. */
struct icol {
	const char *name;       /* the header's (joined) name */
	const char *fold;       /* the name, case and spaces folded */
	size_t filled;          /* non-empty cells */
	struct ivalue *vals;    /* the first INIT_VALUES distinct values */
	size_t nvals;
	int more;               /* more distinct values than kept */
	size_t people;          /* cells naming a person of the roster */
	size_t ids, emails;     /* of which by id, by e-mail */
	size_t comps;           /* cells naming a competency */
	size_t answers;         /* cells that are scores or N/A words */
	size_t scores;          /* cells on the scale (numbers, labels,
	                           words of a known answer scale) or N/A */
	size_t stamps;          /* cells that are dates and times */
	size_t textlen;         /* bytes of all its cells */
	int comp;               /* the competency its header names, or -1 */
	int used;               /* taken by a mapping */
};

/* A table read for inference: the header and the first INIT_ROWS
 * records. */
struct itable {
	const char *path;       /* as given on the command line */
	const char *encoding;
	const char **sheets;    /* a workbook's sheets; nsheets 0 for CSV */
	size_t nsheets;
	const char *sheet;      /* the sheet read, or NULL */
	int header_rows;
	struct icol *cols;
	size_t ncols;
	char ***cells;          /* [nrows][ncols], "" when empty */
	size_t nrows;
	size_t total;           /* records in the file */
	struct arena *a;
};

/* A cycle with just the roster's people, for matching cells to them. */
struct ipeople {
	struct cycle c;
	struct people_index *x;
};

/* --- init_table.c --- */
/* itable_read: path's header and first records (a workbook's sheet
 * `sheet`, NULL: the first), NULL after reporting. */
struct itable *itable_read(const char *path, const char *sheet,
    struct diag *d);
void itable_free(struct itable *t);             /* NULL is a no-op */
/* itable_col: the column whose folded name is `fold`, or -1. */
int itable_col(const struct itable *t, const char *fold);
/* itable_first: the first column not yet used whose folded name is one of
 * names[0..n) (in that order of preference), or -1. */
int itable_first(const struct itable *t, const char *const *names, size_t n);
/* itable_measure: each column's people, competencies, answers, stamps. */
void itable_measure(struct itable *t, struct ipeople *pp,
    const struct rubric *rb);
/* init_fold: s folded (ASCII case, runs of white space), in a. */
const char *init_fold(struct arena *a, const char *s);
/* init_answer: how an answer cell reads against the scale: 1 a score
 * (number on the scale, leading number, level label), 2 a word that means
 * not rated, 3 a word of a known answer scale (agreement, ...), 4 a number
 * outside the scale, 0 none of these. */
int init_answer(const struct rubric *rb, const char *s);
/* init_na_word: the folded word means "not rated" (N/A, Not observed). */
int init_na_word(const char *fold);
/* init_vocabulary: the known answer scale (agreement, frequency,
 * expectations; lowest first, NULL-ended) that holds every folded word
 * of words[0..n) and has `levels` words, or NULL. */
const char *const *init_vocabulary(const char *const *words, size_t n,
    size_t levels);

/* A share of a column's filled cells "most" have: 80%. */
#define MOST(part, whole) ((whole) > 0 && (part) * 5 >= (whole) * 4)

/* The columns init picked for an export (init_infer.c, init_rows.c). */
struct pick {
	int subject, rater, role, comp, score, stamp, finished;
	int subject2, rater2;   /* a last name column joined to the first's */
	int *unknown;           /* wide: answer columns naming no competency */
	size_t nunknown, capunknown;
	int *comments;
	size_t ncomments, capcomments;
	int *questions;         /* wide: question columns */
	size_t nquestions, capquestions;
	int *rscore, *rcomment, *rrole; /* role columns */
	size_t nrole, caprole;
	int wide;
};


/* init_has_word: the folded text holds one of words[0..n). */
int init_has_word(const char *fold, const char *const *words, size_t n);

/* --- init_rows.c --- */
/* init_pick_rows: the time stamp column (for repeated responses) and a
 * column saying whether a response was finished. */
void init_pick_rows(struct itable *t, struct pick *p);
/* init_repeats: the sample has a (subject, rater[, competency]) twice. */
int init_repeats(const struct itable *t, const struct pick *p);

/* --- init_roster.c and init_infer.c: what `revpack init` writes --- */

/* An open point: a value or mapping init could not infer; written as
 * TODO into the draft and listed on stderr. */
struct itodo {
	const char *file;
	const char *what;       /* the message, without the file */
};

struct ydraft;          /* the draft cycle.yaml being written */

/* init_roster: the roster entry of the draft (a path, or a mapping of
 * its columns) into y; the people it lists into pp. 0 after reporting
 * (the roster cannot be read at all). */
int init_roster(struct ydraft *y, const char *path, const char *rel,
    struct ipeople *pp, struct diag *d);
/* init_write_values: `values:` and `na:` for p's answer columns; what it
 * cannot place is a TODO. init_write_rows: `where:` and `repeated:`. */
void init_write_values(struct ydraft *y, struct itable *t,
    const struct pick *p, const struct rubric *rb);
void init_write_rows(struct ydraft *y, struct itable *t, const struct pick *p);
/* init_export: one ratings entry of the draft for the export at path
 * (rel: its path from the draft's folder). Prints what it recognised. */
void init_export(struct ydraft *y, const char *path, const char *rel,
    struct ipeople *pp, const struct rubric *rb, struct diag *d);

/* --- cmd_init.c: the draft --- */
/* init_explain: after a cycle failed to validate (its messages in d):
 * for each ratings file an error is about, prints on stdout the ratings
 * entry revpack init would have written for it. Best effort: nothing
 * when the cycle's rubric or roster cannot be read. */
void init_explain(const char *cycle_path, const struct ynode *root,
    struct diag *d);
/* y_line: a line of the draft, indented by `indent` spaces. */
void y_line(struct ydraft *y, int indent, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* y_quote: s as a double-quoted YAML scalar, in the draft's arena. */
const char *y_quote(struct ydraft *y, const char *s);
/* y_todo: an open point about file (listed on stderr at the end). */
void y_todo(struct ydraft *y, const char *file, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* y_said: what init recognised in file, for the user (stdout). */
void y_said(struct ydraft *y, const char *file, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

#endif
