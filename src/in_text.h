/* in_text.h: an input file's bytes as UTF-8 text: read whole under a size
 * cap, recognised when they are not text at all (a zip, a PDF, ...), and
 * decoded from the encoding they are in (a BOM, UTF-8, UTF-16, a legacy
 * 8-bit code page, or one the user names) through iconv(3). The only
 * iconv user. Knows nothing of CSV: in_csv.c reads through it. */
#ifndef REVPACK_IN_TEXT_H
#define REVPACK_IN_TEXT_H

#include <stddef.h>

#include "diag.h"

/* The largest input file read into memory (512 MiB): a review cycle's
 * exports are far smaller, and a larger file is almost always the wrong
 * file. */
#define TEXT_MAX_BYTES ((size_t)512 * 1024 * 1024)

/* What the first bytes of a file say it is, when that is not text. */
enum text_kind {
	TEXT_TEXT,              /* text, as far as the first bytes tell */
	TEXT_ZIP,               /* PK\3\4: an .xlsx, .docx, .ods, a .zip */
	TEXT_OLE2,              /* an Office 97-2003 compound file (.xls) */
	TEXT_PDF,
	TEXT_GZIP,
	TEXT_PNG,
	TEXT_JPEG,
	TEXT_BINARY             /* many NUL or control bytes, not UTF-16 */
};

/* Decoded text. p[0..len) is UTF-8 (NUL bytes are passed through: the
 * caller refuses them where they matter), without a byte order mark. p is
 * either the input itself or `own`, which text_done frees. */
struct text {
	const char *p;
	size_t len;
	char *own;
	char encoding[40];      /* "UTF-8", "UTF-16LE", "windows-1252", ... */
};

/* text_slurp: the whole regular file at path in *data (caller frees) and
 * *len. Files over max bytes (0: TEXT_MAX_BYTES) are not read: one error
 * at `name` names the size and the cap. 0 after an error (reported). */
int text_slurp(const char *path, const char *name, size_t max,
    struct diag *d, char **data, size_t *len);
/* text_too_big: the one message for an input over its size cap:
 * "NAME: error: the file is [more than ]N; revpack reads input files of
 * at most MAX (is it the right file?)". */
void text_too_big(const char *name, size_t max, size_t n, int more,
    struct diag *d);

/* text_sniff: what p[0..n) is, by its signature, or, in its first 4 KiB,
 * by NUL and control bytes (UTF-16 text, with or without a BOM, is text). */
enum text_kind text_sniff(const char *p, size_t n);

/* text_decode: in[0..n) (borrowed: t->p may point into it) as UTF-8 in
 * *t. `forced` names the encoding (see in_csv.h's csvin_opts) or is NULL
 * to detect it: a UTF-8 BOM or a UTF-16 BOM, UTF-16 without a BOM, valid
 * UTF-8, else Windows-1252 (Mac Roman when the line ends are lone CRs)
 * with one warning naming the first byte that is not UTF-8. A file that
 * mixes valid UTF-8 with other bytes, bytes a forced encoding cannot
 * decode and an unknown encoding name are one error each at `name`.
 * Returns 1, or 0 after an error (nothing to free then). */
int text_decode(const char *in, size_t n, const char *forced,
    const char *name, struct diag *d, struct text *t);
/* text_done: frees what text_decode allocated. */
void text_done(struct text *t);

/* text_pos: the 1-based line and character column of byte `at` of the
 * UTF-8 text s (lines end at LF, CRLF or a lone CR, as in in_lines.c). */
void text_pos(const char *s, size_t at, int *line, int *col);

#endif
