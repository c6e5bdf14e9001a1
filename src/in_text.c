/* in_text.c: in_text.h's whole-file reading, binary signatures and
 * encoding detection and conversion (iconv(3), glibc's converters).
 *
 * Detection, in order: a UTF-8 BOM (stripped); a UTF-16 BOM; UTF-16
 * without a BOM (NUL bytes on one side of most code units in the first
 * 4 KiB); valid UTF-8; else a legacy 8-bit code page: Mac Roman when the
 * line ends are lone CRs (classic Mac OS), else Windows-1252 (which is
 * also right for ISO-8859-1 text). A file with as much valid UTF-8
 * beyond ASCII as bytes that are not UTF-8 is taken for a mix of two
 * encodings (UTF-8 rows pasted into a Windows-1252 export): read either
 * way, part of it would be garbled, so it is refused. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in_text.h"

#define SNIFF_BYTES 4096

/* --- reading --- */

/* size_words: n bytes in words: "600 bytes", "12.5 MiB". */
static const char *
size_words(size_t n, char *out, size_t size)
{
	if (n < 1024 * 1024)
		snprintf(out, size, "%zu bytes", n);
	else if (n % (1024 * 1024) == 0)
		snprintf(out, size, "%zu MiB", n / (1024 * 1024));
	else
		snprintf(out, size, "%.1f MiB", (double)n / (1024 * 1024));
	return out;
}

void
text_too_big(const char *name, size_t max, size_t n, int more,
    struct diag *d)
{
	struct pos at = { name, 0, 0 };
	char a[32], b[32];

	diag_error(d, &at, "the file is %s%s; revpack reads input files of at "
	    "most %s (is it the right file?)", more ? "more than " : "",
	    size_words(n, a, sizeof a), size_words(max, b, sizeof b));
}

int
text_slurp(const char *path, const char *name, size_t max, struct diag *d,
    char **data, size_t *len)
{
	long long size;
	FILE *f = diag_fopen(d, path, name, &size);
	size_t cap, n = 0, got;
	char *p;

	*data = NULL;
	*len = 0;
	if (f == NULL)
		return 0;
	if (max == 0)
		max = TEXT_MAX_BYTES;
	if (size > 0 && (unsigned long long)size > max) {
		text_too_big(name, max, (size_t)size, 0, d);
		fclose(f);
		return 0;
	}
	/* the size is a hint: the file may grow or shrink while read */
	cap = size > 0 ? (size_t)size + 1 : 4096;
	p = xmalloc(cap);
	for (;;) {
		if (n == cap)
			p = xrealloc(p, cap *= 2);
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			text_too_big(name, max, max, 1, d);
			break;
		}
		if (got == 0)
			break;
	}
	if (n <= max && ferror(f)) {
		struct pos at = { name, 0, 0 };

		diag_error(d, &at, "cannot read the file: %s", strerror(errno));
		n = max + 1;
	}
	fclose(f);
	if (n > max) {
		free(p);
		return 0;
	}
	*data = p;
	*len = n;
	return 1;
}

/* --- what the bytes are --- */

static int
starts(const char *p, size_t n, const char *sig, size_t k)
{
	return n >= k && memcmp(p, sig, k) == 0;
}

/* utf16_guess: 'L' or 'B' when p[0..n) looks like UTF-16 without a BOM
 * (ASCII characters leave a NUL on one side of most code units), else 0. */
static int
utf16_guess(const char *p, size_t n)
{
	size_t i, pairs, zero[2] = { 0, 0 };

	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	pairs = n / 2;
	if (pairs < 2)
		return 0;
	for (i = 0; i + 1 < n; i += 2) {
		zero[0] += p[i] == '\0';
		zero[1] += p[i + 1] == '\0';
	}
	if (zero[1] * 5 >= pairs * 2 && zero[0] * 20 <= pairs)
		return 'L';
	if (zero[0] * 5 >= pairs * 2 && zero[1] * 20 <= pairs)
		return 'B';
	return 0;
}

static int
utf16_bom(const char *p, size_t n)
{
	if (starts(p, n, "\xFF\xFE", 2))
		return 'L';
	if (starts(p, n, "\xFE\xFF", 2))
		return 'B';
	return 0;
}

enum text_kind
text_sniff(const char *p, size_t n)
{
	size_t i, m = n < SNIFF_BYTES ? n : SNIFF_BYTES, nul = 0, ctl = 0;

	if (starts(p, n, "PK\3\4", 4) || starts(p, n, "PK\5\6", 4))
		return TEXT_ZIP;
	if (starts(p, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return TEXT_OLE2;
	if (starts(p, n, "%PDF-", 5))
		return TEXT_PDF;
	if (starts(p, n, "\x1F\x8B", 2))
		return TEXT_GZIP;
	if (starts(p, n, "\x89PNG\r\n\x1A\n", 8))
		return TEXT_PNG;
	if (starts(p, n, "\xFF\xD8\xFF", 3))
		return TEXT_JPEG;
	if (utf16_bom(p, n) || utf16_guess(p, n))
		return TEXT_TEXT;
	for (i = 0; i < m; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == 0)
			nul++;
		else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f' && c != 0x1A) || c == 0x7F)
			ctl++;
	}
	/* a stray NUL is left to the reader, which names its record */
	if ((nul + ctl) * 10 > m || (nul >= 4 && nul * 100 > m))
		return TEXT_BINARY;
	return TEXT_TEXT;
}

/* --- UTF-8 --- */

/* seq_len: the length of the well-formed UTF-8 sequence at s[0..n) that
 * starts with a byte >= 0x80, or 0 when it is not one. */
static size_t
seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t k, i;

	if (c >= 0xC2 && c <= 0xDF)
		k = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		k = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else
		return 0;
	if (n < k || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

/* What a scan for UTF-8 found. */
struct scan {
	size_t bad;             /* offset of the first byte that is not UTF-8 */
	size_t nbad;            /* bytes that are not UTF-8 */
	size_t nmulti;          /* well-formed sequences beyond ASCII */
	size_t multi;           /* offset of the first of them */
	size_t lone_cr, lf;     /* line ends */
};

/* scan_utf8: 1 when s[0..n) is well-formed UTF-8 (NUL bytes allowed); the
 * counts in *sc either way. ASCII is skipped eight bytes at a time. */
static int
scan_utf8(const char *s, size_t n, struct scan *sc)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t highs = 0x8080808080808080u;
	size_t i = 0, k;
	uint64_t w;

	memset(sc, 0, sizeof(*sc));
	sc->bad = n;
	while (i < n) {
		if (i + 8 <= n) {
			memcpy(&w, u + i, 8);
			if ((w & highs) == 0) {
				i += 8;
				continue;
			}
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = seq_len(u + i, n - i);
		if (k > 0) {
			if (sc->nmulti++ == 0)
				sc->multi = i;
			i += k;
			continue;
		}
		if (sc->nbad++ == 0)
			sc->bad = i;
		i++;
	}
	return sc->nbad == 0;
}

/* line_ends: counts lone CRs and LFs (for Mac Roman's lone CRs). */
static void
line_ends(const char *s, size_t n, struct scan *sc)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		const char *cr = memchr(p, '\r', (size_t)(end - p));

		if (cr == NULL)
			break;
		if (cr + 1 == end || cr[1] != '\n')
			sc->lone_cr++;
		p = cr + 1;
	}
	sc->lf = memchr(s, '\n', n) != NULL;
}

/* pos_at: line and column of byte `at` of s; the column counts UTF-8
 * characters, or bytes when `bytes` is set (an 8-bit code page). */
static void
pos_at(const char *s, size_t at, int bytes, int *line, int *col)
{
	size_t i, start = 0;
	int l = 1;

	for (i = 0; i < at; i++) {
		if (s[i] == '\r' && i + 1 < at && s[i + 1] == '\n')
			i++;
		if (s[i] == '\n' || s[i] == '\r') {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*col = (int)(bytes ? at - start : utf8_count(s + start, at - start)) + 1;
}

void
text_pos(const char *s, size_t at, int *line, int *col)
{
	pos_at(s, at, 0, line, col);
}

/* --- conversion --- */

/* How an encoding the user names is given to iconv and shown. */
struct enc {
	const char *iconv;
	const char *shown;
	int utf16;              /* 'L', 'B', '?' (by BOM or guess), or 0 */
};

static int
same_name(const char *a, const char *b)
{
	/* ASCII case, '-', '_' and ' ' ignored: "UTF8", "utf-8", "Mac Roman" */
	for (;;) {
		while (*a == '-' || *a == '_' || *a == ' ')
			a++;
		while (*b == '-' || *b == '_' || *b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
		a++;
		b++;
	}
}

static struct enc
known(const char *name)
{
	static const struct {
		const char *alias;
		struct enc e;
	} tab[] = {
		{ "utf8", { "UTF-8", "UTF-8", 0 } },
		{ "utf16", { "UTF-16", "UTF-16", '?' } },
		{ "utf16le", { "UTF-16LE", "UTF-16LE", 'L' } },
		{ "utf16be", { "UTF-16BE", "UTF-16BE", 'B' } },
		{ "windows1252", { "WINDOWS-1252", "windows-1252", 0 } },
		{ "cp1252", { "WINDOWS-1252", "windows-1252", 0 } },
		{ "macintosh", { "MACINTOSH", "macintosh", 0 } },
		{ "macroman", { "MACINTOSH", "macintosh", 0 } },
		{ "iso88591", { "ISO-8859-1", "ISO-8859-1", 0 } },
		{ "latin1", { "ISO-8859-1", "ISO-8859-1", 0 } },
	};
	struct enc e = { name, name, 0 };
	size_t i;

	for (i = 0; i < NELEM(tab); i++)
		if (same_name(name, tab[i].alias))
			return tab[i].e;
	return e;
}

/* Appends code point U+0080..U+00FF for a byte Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), as browsers read them. */
static void
put_latin1(struct buf *o, unsigned char c)
{
	char u[2];

	u[0] = (char)(0xC0 | (c >> 6));
	u[1] = (char)(0x80 | (c & 0x3F));
	buf_put(o, u, 2);
}

/* Reports where conversion stopped: the output so far gives the line and
 * column. */
static void
undecodable(const char *name, struct diag *d, const struct buf *o,
    const unsigned char *at, size_t left, int unit, const char *enc,
    const char *why)
{
	struct pos p = { name, 0, 0 };
	char bytes[16] = "";

	text_pos(o->p != NULL ? o->p : "", o->len, &p.line, &p.col);
	if (left == 0)
		diag_error(d, &p, "the file ends in the middle of a %s "
		    "character; %s", enc, why);
	else if (unit == 2 && left >= 2) {
		snprintf(bytes, sizeof bytes, "0x%02X 0x%02X", at[0], at[1]);
		diag_error(d, &p, "the bytes %s are not %s text; %s", bytes,
		    enc, why);
	} else
		diag_error(d, &p, "the byte 0x%02X is not %s text; %s", at[0],
		    enc, why);
}

/* convert: in[0..n) from encoding e to UTF-8 in t->own. `lenient`: bytes
 * the code page leaves undefined are read as Latin-1 (detected legacy
 * files); else they are an error, as is anything iconv refuses. */
static int
convert(const char *in, size_t n, const struct enc *e, int lenient,
    const char *name, struct diag *d, struct text *t, const char *why)
{
	iconv_t cd = iconv_open("UTF-8", e->iconv);
	struct buf o;
	char *ip = (char *)(uintptr_t)in;
	size_t il = n, ok = 1;

	if (cd == (iconv_t)-1) {
		struct pos at = { name, 0, 0 };

		diag_error(d, &at, "unknown encoding \"%s\"; expected utf-8, "
		    "utf-16, windows-1252, macintosh (Mac Roman), iso-8859-1 "
		    "or another name iconv knows (iconv -l)", e->shown);
		return 0;
	}
	buf_init(&o);
	buf_put(&o, "", 0);
	XGROW(o.p, o.cap, n + n / 2 + 16);
	while (il > 0) {
		char *op = o.p + o.len;
		size_t ol = o.cap - o.len - 1, r;

		r = iconv(cd, &ip, &il, &op, &ol);
		o.len = (size_t)(op - o.p);
		o.p[o.len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			XGROW(o.p, o.cap, o.cap + il * 2 + 16);
		else if (errno == EILSEQ && lenient) {
			put_latin1(&o, (unsigned char)*ip);
			ip++;
			il--;
		} else {
			undecodable(name, d, &o, (const unsigned char *)ip,
			    errno == EINVAL ? 0 : il, e->utf16 ? 2 : 1,
			    e->shown, why);
			ok = 0;
			break;
		}
	}
	iconv_close(cd);
	if (!ok) {
		buf_free(&o);
		return 0;
	}
	t->own = buf_detach(&o, &t->len);
	t->p = t->own;
	snprintf(t->encoding, sizeof t->encoding, "%s", e->shown);
	return 1;
}

static int
decode_utf16(const char *in, size_t n, int order, const char *name,
    struct diag *d, struct text *t, const char *why)
{
	struct enc e = { "UTF-16LE", "UTF-16LE", 'L' };
	int bom = utf16_bom(in, n);

	if (order == '?')
		order = bom ? bom : utf16_guess(in, n) == 'B' ? 'B' : 'L';
	if (order == 'B') {
		e.iconv = "UTF-16BE";
		e.shown = "UTF-16BE";
		e.utf16 = 'B';
	}
	if (bom == order) {
		in += 2;
		n -= 2;
	}
	return convert(in, n, &e, 0, name, d, t, why);
}

/* as_utf8: in[0..n) is UTF-8 (a BOM is skipped) or an error is reported. */
static int
as_utf8(const char *in, size_t n, const char *name, struct diag *d,
    struct text *t, const char *why)
{
	struct scan sc;

	if (starts(in, n, "\xEF\xBB\xBF", 3)) {
		in += 3;
		n -= 3;
	}
	if (!scan_utf8(in, n, &sc)) {
		struct pos at = { name, 0, 0 };

		text_pos(in, sc.bad, &at.line, &at.col);
		diag_error(d, &at, "the byte 0x%02X is not UTF-8 text; %s",
		    (unsigned char)in[sc.bad], why);
		return 0;
	}
	t->p = in;
	t->len = n;
	snprintf(t->encoding, sizeof t->encoding, "UTF-8");
	return 1;
}

/* one_char: byte c of encoding e as UTF-8 in out, for a message. */
static const char *
one_char(const struct enc *e, unsigned char c, char *out, size_t size)
{
	iconv_t cd = iconv_open("UTF-8", e->iconv);
	char in[1], *ip = in, *op = out;
	size_t il = 1, ol = size - 1;

	in[0] = (char)c;
	out[0] = '\0';
	if (cd == (iconv_t)-1)
		return out;
	/* an undefined byte is read as a C1 control: not worth quoting */
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    ((unsigned char)out[0] == 0xC2 && (unsigned char)out[1] < 0xA0))
		op = out;
	*op = '\0';
	iconv_close(cd);
	return out;
}

/* legacy: in[0..n), which is not UTF-8, read in a legacy code page, with
 * the one warning that says so (or the error about a mixed file). */
static int
legacy(const char *in, size_t n, const struct scan *sc, const char *name,
    struct diag *d, struct text *t)
{
	struct enc e = { "WINDOWS-1252", "windows-1252", 0 };
	const char *shown = "Windows-1252";
	struct pos at = { name, 0, 0 };
	struct scan ends = *sc;
	char ch[8];
	int line, col;

	text_pos(in, sc->bad, &line, &col);
	if (sc->nbad <= sc->nmulti) {
		int uline, ucol;

		at.line = line;
		at.col = col;
		text_pos(in, sc->multi, &uline, &ucol);
		diag_error(d, &at, "the byte 0x%02X is not UTF-8 text, but line "
		    "%d has UTF-8 text (at column %d): the file mixes two "
		    "encodings, and part of it would be garbled either way; "
		    "save it again in one encoding (UTF-8), or set encoding: in "
		    "cycle.yaml to read all of it in one",
		    (unsigned char)in[sc->bad], uline, ucol);
		return 0;
	}
	line_ends(in, n, &ends);
	if (ends.lone_cr > 0 && ends.lf == 0) {
		e.iconv = "MACINTOSH";
		e.shown = "macintosh";
		shown = "Mac Roman";
	}
	if (!convert(in, n, &e, 1, name, d, t, ""))
		return 0;
	/* in an 8-bit code page a byte is a character */
	pos_at(in, sc->bad, 1, &line, &col);
	one_char(&e, (unsigned char)in[sc->bad], ch, sizeof ch);
	diag_warning(d, &at, "not UTF-8 text; read as %s (the first byte "
	    "that is not UTF-8 is 0x%02X, at line %d, column %d: %s%s%s); if "
	    "names or comments look wrong, set encoding: in cycle.yaml", shown,
	    (unsigned char)in[sc->bad], line, col, ch[0] != '\0' ? "\"" : "",
	    ch[0] != '\0' ? ch : "a control character",
	    ch[0] != '\0' ? "\"" : "");
	return 1;
}

int
text_decode(const char *in, size_t n, const char *forced, const char *name,
    struct diag *d, struct text *t)
{
	static const char set[] = "set the right encoding: in cycle.yaml, or "
	    "save the file as UTF-8";
	static const char bom[] = "save the file again (as UTF-8), or set "
	    "encoding: in cycle.yaml";
	struct scan sc;
	int order;

	memset(t, 0, sizeof(*t));
	if (forced != NULL) {
		struct enc e = known(forced);

		if (e.utf16)
			return decode_utf16(in, n, e.utf16, name, d, t, set);
		if (strcmp(e.iconv, "UTF-8") == 0)
			return as_utf8(in, n, name, d, t, set);
		return convert(in, n, &e, 0, name, d, t, set);
	}
	if (starts(in, n, "\xEF\xBB\xBF", 3))
		return as_utf8(in, n, name, d, t, bom);
	order = utf16_bom(in, n);
	if (order != 0)
		return decode_utf16(in, n, order, name, d, t, bom);
	order = utf16_guess(in, n);
	if (order != 0)
		return decode_utf16(in, n, order, name, d, t, bom);
	if (scan_utf8(in, n, &sc)) {
		t->p = in;
		t->len = n;
		snprintf(t->encoding, sizeof t->encoding, "UTF-8");
		return 1;
	}
	return legacy(in, n, &sc, name, d, t);
}

void
text_done(struct text *t)
{
	free(t->own);
	t->own = NULL;
	t->p = NULL;
	t->len = 0;
}
