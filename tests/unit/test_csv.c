/* test_csv.c: the CSV front end as the loaders see it: records with their
 * physical line numbers and rows, the header (one row or several), the
 * encodings files come in, binary files named, and every syntax, size and
 * encoding problem reported with its position while reading goes on. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "in_csv.h"

/* Writes what came out of r into out: "H:" and the column names, then
 * one "LINE:f1|f2|..." per record ("LINE/ROW:" with `rows`), then one
 * line per message. Frees r and d. Returns out. */
static const char *
dump(struct csvin *r, struct diag *d, struct buf *out, int rows)
{
	struct csvin_rec rec;
	size_t i;

	buf_reset(out);
	if (r != NULL) {
		buf_puts(out, "H:");
		for (i = 0; i < csvin_ncols(r); i++)
			buf_printf(out, "%s%s", i ? "|" : "",
			    csvin_colname(r, i));
		buf_puts(out, "\n");
		while (csvin_next(r, &rec)) {
			if (rows)
				buf_printf(out, "%d/%d:", rec.line, rec.row);
			else
				buf_printf(out, "%d:", rec.line);
			for (i = 0; i < rec.n; i++)
				buf_printf(out, "%s%s", i ? "|" : "", rec.f[i]);
			buf_puts(out, "\n");
		}
	}
	csvin_free(r);
	for (i = 0; i < diag_count(d); i++)
		buf_printf(out, "%s\n", diag_text(d, i, NULL));
	diag_free(d);
	return out->p != NULL ? out->p : "";
}

/* Reads `data` and writes what came out into out (see dump). */
static const char *
run(const char *data, size_t len, struct buf *out)
{
	struct diag *d = diag_new(NULL);

	return dump(csvin_mem(data, len, "t.csv", d), d, out, 0);
}

/* write_tmp: data[0..len) in a new temporary file, its path in path. */
static void
write_tmp(char *path, const char *data, size_t len)
{
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");

	fwrite(data, 1, len, f);
	fclose(f);
}

/* The same through a file and csvin_open_opts (o may be NULL); the
 * records say their rows. */
static const char *
run_opts(const char *data, size_t len, const struct csvin_opts *o,
    struct buf *out)
{
	char path[] = "/tmp/test_csv_opts.XXXXXX";
	struct diag *d = diag_new(NULL);
	struct csvin *r;

	write_tmp(path, data, len);
	r = csvin_open_opts(path, "t.csv", o, d);
	remove(path);
	return dump(r, d, out, 1);
}

/* The encoding a file is read in ("-" when it is refused). */
static const char *
encoding_of(const char *data, size_t len, const char *forced, char *out,
    size_t size)
{
	char path[] = "/tmp/test_csv_enc.XXXXXX";
	struct csvin_opts o = { CSVIN_AUTO, forced, NULL, 0, 0, 0 };
	struct diag *d = diag_new(NULL);
	struct csvin *r;

	write_tmp(path, data, len);
	r = csvin_open_opts(path, "t.csv", &o, d);
	remove(path);
	snprintf(out, size, "%s", r != NULL ? csvin_encoding(r) : "-");
	csvin_free(r);
	diag_free(d);
	return out;
}

#define RUN_S(s, out) run((s), sizeof(s) - 1, (out))
#define RUN_O(s, o, out) run_opts((s), sizeof(s) - 1, (o), (out))
#define ENC(s, forced, out) encoding_of((s), sizeof(s) - 1, (forced), (out), \
    sizeof(out))

static void
test_plain(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(RUN_S("a,b,c\n1,2,3\n4,5,6\n", &b),
	    "H:a|b|c\n2:1|2|3\n3:4|5|6\n");
	/* no newline at the end, blank lines and all-empty records skipped */
	CHECK_STR(RUN_S("a,b\n\n1,2\n,\n  \n3,4", &b),
	    "H:a|b\n3:1|2\n6:3|4\n");
	/* header names are trimmed; unquoted values lose spaces */
	CHECK_STR(RUN_S(" a , \"b \"\n 1 ,\" 2 \"\n", &b),
	    "H:a|b\n2:1| 2 \n");
	buf_free(&b);
}

static void
test_bom_crlf(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(RUN_S("\xEF\xBB\xBFid,x\r\n1,\"a\r\nb\"\r\n2,c\r\n", &b),
	    "H:id|x\n2:1|a\nb\n4:2|c\n");
	/* lone CR line ends (old Mac exports) */
	CHECK_STR(RUN_S("id,x\r1,a\r2,b\r", &b), "H:id|x\n2:1|a\n3:2|b\n");
	/* UTF-16 is read (see test_utf16) */
	CHECK_STR(RUN_S("\xFF\xFEi\0d\0", &b), "H:id\n");
	buf_free(&b);
}

static void
test_delimiters(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(RUN_S("a;b;c\n1;2,5;3\n", &b), "H:a|b|c\n2:1|2,5|3\n");
	CHECK_STR(RUN_S("a\tb\n1\t\n\t2\n", &b), "H:a|b\n2:1|\n3:|2\n");
	/* delimiters inside quotes do not count */
	CHECK_STR(RUN_S("\"a;b;c\",d\n1,2\n", &b), "H:a;b;c|d\n2:1|2\n");
	/* Excel's delimiter line */
	CHECK_STR(RUN_S("sep=;\r\na;b,c\r\n1;2\r\n", &b), "H:a|b,c\n3:1|2\n");
	/* not such a line: an ordinary header */
	CHECK_STR(RUN_S("sep=,x\na,b\n", &b), "H:sep=|x\n2:a|b\n");
	/* a single column */
	CHECK_STR(RUN_S("id\n1\n", &b), "H:id\n2:1\n");
	buf_free(&b);
}

static void
test_quoted_newlines(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(RUN_S("id,comment\n1,\"one\ntwo\n\nthree\"\n2,\"x\"\"y\"\n"
	    "3,\"a\nb\",\n", &b) + 0, "H:id|comment\n2:1|one\ntwo\n\nthree\n"
	    "6:2|x\"y\nt.csv:7: error: row 4: the record has 3 fields; "
	    "expected 2, "
	    "as in the header (a value that contains \",\" must be in double "
	    "quotes)\n");
	/* the line after a multi-line record */
	CHECK_STR(RUN_S("a,b\n\"x\ny\",\"p\nq\nr\"\nz,w\n", &b),
	    "H:a|b\n2:x\ny|p\nq\nr\n6:z|w\n");
	buf_free(&b);
}

static void
test_strict_errors(void)
{
	struct buf b;

	buf_init(&b);
	/* every bad line reported, the good ones delivered */
	CHECK_STR(RUN_S("a,b\n1,x\"y\n2,\"ok\"\n3,\"ab\"cd\n4,fine\n", &b),
	    "H:a|b\n3:2|ok\n5:4|fine\n"
	    "t.csv:2:4: error: a quote inside an unquoted field; put the "
	    "whole field in quotes and write the quote twice (\"\")\n"
	    "t.csv:4:7: error: text after the closing quote of a quoted "
	    "field; a quote inside a quoted field is written twice (\"\")\n");
	/* a quoted field closed on a later line, then text */
	CHECK_STR(RUN_S("a,b\n1,\"ab\ncd\"e\n2,z\n", &b),
	    "H:a|b\n4:2|z\n"
	    "t.csv:3:4: error: text after the closing quote of the quoted "
	    "field that began at line 2; a quote inside a quoted field is "
	    "written twice (\"\")\n");
	/* an unterminated quote at the end */
	CHECK_STR(RUN_S("a,b\n1,2\n3,  \"open\nmore\n", &b),
	    "H:a|b\n2:1|2\n"
	    "t.csv:3:5: error: a quoted field starts here and has no closing "
	    "quote; add the closing quote (\")\n");
	/* columns count characters, not bytes */
	CHECK_STR(RUN_S("a,b\n\xC3\xA9t\xC3\xA9,x\"\n", &b), "H:a|b\n"
	    "t.csv:2:6: error: a quote inside an unquoted field; put the "
	    "whole field in quotes and write the quote twice (\"\")\n");
	buf_free(&b);
}

static void
test_field_counts(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(RUN_S("a,b,c\n1,2\n1,2,3\n", &b), "H:a|b|c\n3:1|2|3\n"
	    "t.csv:2: error: the record has 2 fields; expected 3, as in the "
	    "header\n");
	CHECK_STR(RUN_S("a;b\n1;2;3\n", &b), "H:a|b\n"
	    "t.csv:2: error: the record has 3 fields; expected 2, as in the "
	    "header (a value that contains \";\" must be in double quotes)\n");
	buf_free(&b);
}

static void
test_encoding(void)
{
	struct buf b;

	buf_init(&b);
	/* not UTF-8: read as Windows-1252, said once (test_legacy) */
	CHECK_STR(RUN_S("id,name\n1,Jos\xE9\n2,ok\n", &b), "H:id|name\n"
	    "2:1|Jos\xC3\xA9\n3:2|ok\nt.csv: warning: not UTF-8 text; read as "
	    "Windows-1252 (the first byte that is not UTF-8 is 0xE9, at line "
	    "2, column 6: \"\xC3\xA9\"); if names or comments look wrong, set "
	    "encoding: in cycle.yaml\n");
	CHECK_STR(RUN_S("id,name\n1,a\0b\n", &b), "H:id|name\n"
	    "t.csv:2: error: column \"name\": contains a NUL byte (is the "
	    "file UTF-16 or not text at all?); re-export as UTF-8\n");
	/* NUL bytes inside the first eight-byte blocks, and valid UTF-8 */
	CHECK_STR(RUN_S("id,name\n1,abcdefghijklmnop\n2,abcdefghijklmn\0p\n"
	    "3,Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m and more\n", &b), "H:id|name\n"
	    "2:1|abcdefghijklmnop\n"
	    "4:3|Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m and more\n"
	    "t.csv:3: error: column \"name\": contains a NUL byte (is the "
	    "file UTF-16 or not text at all?); re-export as UTF-8\n");
	/* in the header, the column has no name yet */
	CHECK_STR(RUN_S("id,name,no\0te\n", &b), "t.csv:1: error: column 3: "
	    "contains a NUL byte (is the file UTF-16 or not text at all?); re-export "
	    "as UTF-8\n");
	CHECK_STR(RUN_S("", &b), "t.csv: error: the file is empty; expected "
	    "a header line naming the columns\n");
	CHECK_STR(RUN_S("\xEF\xBB\xBF\r\n\r\n", &b), "t.csv: error: the file "
	    "is empty; expected a header line naming the columns\n");
	buf_free(&b);
}

static void
test_field_cap(void)
{
	struct buf in, b;
	size_t i;

	buf_init(&in);
	buf_init(&b);
	/* an unterminated quote swallowing the file stops at the cap */
	buf_puts(&in, "id,comment\n1,ok\n2,\"never closed\n");
	for (i = 0; i < 3000; i++)
		buf_puts(&in, "3,some text that goes on and on and on\n");
	CHECK_STR(run(in.p, in.len, &b), "H:id|comment\n2:1|ok\n"
	    "t.csv:3:3: error: a quoted field longer than 65536 bytes starts "
	    "here; is its closing quote missing? stopped reading this file\n");
	/* a field just under the cap is fine */
	buf_reset(&in);
	buf_puts(&in, "id,comment\n1,\"");
	for (i = 0; i < CSVIN_MAX_FIELD - 10; i++)
		buf_putc(&in, i % 50 == 49 ? '\n' : 'x');
	buf_puts(&in, "\"\n2,b\n");
	run(in.p, in.len, &b);
	CHECK(strstr(b.p, "error") == NULL);
	CHECK(strstr(b.p, "\n1:") == NULL);
	CHECK(strstr(b.p, "\n2:1|xxx") != NULL);
	CHECK(strstr(b.p, "\n1313:2|b\n") != NULL);
	buf_free(&in);
	buf_free(&b);
}

static void
test_line_cap(void)
{
	struct buf in, b;
	size_t i;

	buf_init(&in);
	buf_init(&b);
	buf_puts(&in, "a,b\n1,2\n");
	for (i = 0; i < CSVIN_MAX_LINE / 4 + 10; i++)
		buf_puts(&in, "x,y,");
	buf_puts(&in, "\n3,4\n");
	CHECK_STR(run(in.p, in.len, &b), "H:a|b\n2:1|2\n4:3|4\n"
	    "t.csv:3: error: the line is longer than 1048576 bytes; a CSV "
	    "export has shorter lines (is this a CSV file?)\n");
	buf_free(&in);
	buf_free(&b);
}

static void
test_error_cap(void)
{
	struct buf in, b;
	const char *p;
	size_t i, n = 0;

	buf_init(&in);
	buf_init(&b);
	buf_puts(&in, "a,b\n");
	for (i = 0; i < CSVIN_MAX_ERRORS + 25; i++)
		buf_puts(&in, "1,2,3\n");
	run(in.p, in.len, &b);
	for (p = b.p; (p = strstr(p, "error:")) != NULL; p++)
		n++;
	CHECK_INT(n, CSVIN_MAX_ERRORS + 1);
	CHECK(strstr(b.p, "t.csv: error: 25 more errors in this file are not "
	    "listed (only the first 200 are)\n") != NULL);
	buf_free(&in);
	buf_free(&b);
}

static void
test_quote_for_messages(void)
{
	char out[80], small[11];
	char longs[200];

	CHECK_STR(csvin_quote("plain", out, sizeof out), "plain");
	CHECK_STR(csvin_quote("a\tb\nc\x01", out, sizeof out),
	    "a\\tb\\nc<U+0001>");
	/* an escape near the end is not cut: it goes with the "..." */
	memset(longs, 'x', sizeof longs - 1);
	longs[sizeof longs - 1] = '\0';
	longs[58] = '\x1b';
	CHECK_STR(csvin_quote(longs, out, sizeof out) + 55, "xxx...");
	memset(longs, 'x', sizeof longs - 1);
	longs[sizeof longs - 1] = '\0';
	CHECK_INT(strlen(csvin_quote(longs, out, sizeof out)), 63);
	CHECK(strcmp(out + 60, "...") == 0);
	/* "é" is two bytes: never cut in half */
	CHECK_STR(csvin_quote("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", small,
	    sizeof small), "\xC3\xA9...");
}

/* Every message goes through diag_escape: no input byte a terminal would
 * act on reaches stderr raw (issue 17, item 5). */
static void
test_diag_escape(void)
{
	struct diag *d = diag_new(NULL);
	struct pos at = { "r.csv", 3, 0 };
	struct buf b;

	buf_init(&b);
	diag_escape(&b, "Ann\x1b[31m\x07 \x7f|\xC2\x9B|\xE2\x80\xAE|"
	    "\xE2\x81\xA6|\xE2\x80\x8B|\xE2\x80\xA8|\x9B|\xFF|\xC3\xA9|"
	    "\xF0\x9F\x99\x82|a\nb\rc\td", 50);
	CHECK_STR(b.p, "Ann<U+001B>[31m<U+0007> <U+007F>|<U+009B>|<U+202E>|"
	    "<U+2066>|<U+200B>|<U+2028>|<0x9B>|<0xFF>|\xC3\xA9|"
	    "\xF0\x9F\x99\x82|a b c<U+0009>d");
	/* and it is the reporter's: a value in any message */
	diag_error(d, &at, "\"%s\" is odd", "a\xC2\x85\x1b");
	CHECK_STR(diag_text(d, 0, NULL), "r.csv:3: error: \"a<U+0085><U+001B>\" "
	    "is odd");
	buf_free(&b);
	diag_free(d);
}

static void
test_header_lookup(void)
{
	struct diag *d = diag_new(NULL);
	static const char data[] = "ID, Name ,score,x,SCORE,\n1,2,3,4,5,6\n";
	struct csvin *r = csvin_mem(data, sizeof data - 1, "h.csv", d);

	CHECK(r != NULL);
	CHECK_INT(csvin_ncols(r), 6);
	CHECK_INT(csvin_col(r, "id"), 0);
	CHECK_INT(csvin_col(r, "name"), 1);
	CHECK_INT(csvin_col(r, "x"), 3);
	CHECK_INT(csvin_col(r, "missing"), -1);
	CHECK_INT(csvin_col(r, "score"), -2);
	CHECK_INT(csvin_col(r, "Score"), -2);   /* reported once */
	CHECK_INT(csvin_col(r, ""), -1);
	CHECK(csvin_delim(r) == ',');
	CHECK_INT(diag_count(d), 1);
	CHECK_STR(diag_text(d, 0, NULL), "h.csv:1: error: column \"score\" "
	    "appears more than once in the header (columns 3 and 5); rename "
	    "or remove one");
	csvin_free(r);
	diag_free(d);
}

static void
test_open_errors(void)
{
	struct diag *d = diag_new(NULL);

	CHECK(csvin_open("/nonexistent/x.csv", "x.csv", d) == NULL);
	CHECK_STR(diag_text(d, 0, NULL), "x.csv: error: cannot open the "
	    "file: No such file or directory");
	CHECK(csvin_open("/tmp", "tmp", d) == NULL);
	CHECK_STR(diag_text(d, 1, NULL), "tmp: error: is a folder; expected a "
	    "regular file");
	diag_free(d);
}

static void
test_file_blocks(void)
{
	/* records that straddle the 64 KiB read blocks keep their lines */
	char path[] = "/tmp/test_csv.XXXXXX";
	struct diag *d = diag_new(NULL);
	struct csvin_rec rec;
	struct csvin *r;
	int fd = mkstemp(path), line = 0;
	FILE *f = fdopen(fd, "w");
	size_t i, n = 0;

	CHECK(f != NULL);
	fputs("\xEF\xBB\xBFid\tcomment\r\n", f);
	for (i = 0; i < 20000; i++)
		fprintf(f, "%zu\t\"multi\r\nline %zu\"\r\n", i, i);
	fclose(f);
	r = csvin_open(path, "f.csv", d);
	CHECK(r != NULL);
	while (csvin_next(r, &rec)) {
		char want[64];

		snprintf(want, sizeof want, "multi\nline %zu", n);
		if (rec.line != 2 + 2 * (int)n || strcmp(rec.f[1], want) != 0)
			line = rec.line;
		n++;
	}
	csvin_free(r);
	remove(path);
	CHECK_INT(line, 0);
	CHECK_INT(n, 20000);
	CHECK_INT(diag_count(d), 0);
	diag_free(d);
}


static void
test_utf16(void)
{
	struct buf b;
	char enc[32];

	buf_init(&b);
	/* Excel's "Unicode Text": UTF-16LE, a BOM, tabs, CRLF */
	CHECK_STR(RUN_S("\xFF\xFEi\0d\0\t\0n\0a\0m\0e\0\r\0\n\0"
	    "1\0\t\0Z\0o\0\xEB\0 \0\xC5\0n\0g\0\r\0\n\0", &b),
	    "H:id|name\n2:1|Zo\xC3\xAB \xC3\x85ng\n");
	CHECK_STR(ENC("\xFF\xFEi\0d\0\n\0", NULL, enc), "UTF-16LE");
	/* big-endian, and a character beyond the BMP */
	CHECK_STR(RUN_S("\xFE\xFF\0i\0d\0\n\0x\xD8\x3D\xDE\x00\0\n", &b),
	    "H:id\n2:x\xF0\x9F\x98\x80\n");
	CHECK_STR(ENC("\xFE\xFF\0i\0d\0\n", NULL, enc), "UTF-16BE");
	/* no BOM: told by the NUL bytes */
	CHECK_STR(RUN_S("i\0d\0,\0n\0\n\0" "1\0,\0x\0\n\0", &b),
	    "H:id|n\n2:1|x\n");
	CHECK_STR(ENC("\0i\0d\0,\0n\0\n\0" "1\0,\0x\0\n", NULL, enc),
	    "UTF-16BE");
	/* an odd number of bytes */
	CHECK_STR(RUN_S("\xFF\xFEi\0d\0\n\0x", &b), "t.csv:2:1: error: the "
	    "file ends in the middle of a UTF-16LE character; save the file "
	    "again (as UTF-8), or set encoding: in cycle.yaml\n");
	/* an unpaired surrogate */
	CHECK_STR(RUN_S("\xFF\xFEi\0d\0\n\0a\0\x00\xDC\n\0", &b), "t.csv:2:2: "
	    "error: the bytes 0x00 0xDC are not UTF-16LE text; save the file "
	    "again (as UTF-8), or set encoding: in cycle.yaml\n");
	buf_free(&b);
}

static void
test_legacy(void)
{
	struct buf b;
	char enc[32];

	buf_init(&b);
	/* Windows-1252: one warning for the file, at its first such byte */
	CHECK_STR(RUN_S("id,name\r\n1,Zo\xEB \xC5ngstr\xF6m\r\n2,Fran\xE7ois "
	    "\x80 5\r\n", &b), "H:id|name\n2:1|Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m\n"
	    "3:2|Fran\xC3\xA7ois \xE2\x82\xAC 5\n"
	    "t.csv: warning: not UTF-8 text; read as Windows-1252 (the first "
	    "byte that is not UTF-8 is 0xEB, at line 2, column 5: "
	    "\"\xC3\xAB\"); if names or comments look wrong, set encoding: in "
	    "cycle.yaml\n");
	CHECK_STR(ENC("id\n\xEB\n", NULL, enc), "windows-1252");
	/* lone CRs: classic Mac OS, so Mac Roman */
	CHECK_STR(RUN_S("id,name\r1,Zo\x91 \x81ngstr\x9Am\r", &b),
	    "H:id|name\n2:1|Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m\n"
	    "t.csv: warning: not UTF-8 text; read as Mac Roman (the first "
	    "byte that is not UTF-8 is 0x91, at line 2, column 5: "
	    "\"\xC3\xAB\"); if names or comments look wrong, set encoding: in "
	    "cycle.yaml\n");
	CHECK_STR(ENC("id\r\x91\r", NULL, enc), "macintosh");
	/* UTF-8 and Windows-1252 in one file: refused, both places named */
	CHECK_STR(RUN_S("id,name\n1,Zo\xC3\xAB\n2,Jos\xE9\n", &b), "t.csv:3:6: "
	    "error: the byte 0xE9 is not UTF-8 text, but line 2 has UTF-8 "
	    "text (at column 5): the file mixes two encodings, and part of it "
	    "would be garbled either way; save it again in one encoding "
	    "(UTF-8), or set encoding: in cycle.yaml to read all of it in "
	    "one\n");
	/* a UTF-8 BOM says UTF-8: other bytes are an error */
	CHECK_STR(RUN_S("\xEF\xBB\xBFid\n\xE9t\xE9\n", &b), "t.csv:2:1: error: "
	    "the byte 0xE9 is not UTF-8 text; save the file again (as UTF-8), "
	    "or set encoding: in cycle.yaml\n");
	CHECK_STR(ENC("\xEF\xBB\xBFid\n1\n", NULL, enc), "UTF-8");
	CHECK_STR(ENC("id\n1\n", NULL, enc), "UTF-8");
	buf_free(&b);
}

static void
test_forced_encoding(void)
{
	struct csvin_opts o = { CSVIN_AUTO, "windows-1252", NULL, 0, 0, 0 };
	struct buf b;
	char enc[32];

	buf_init(&b);
	/* used as given, even on what would be read as UTF-8: no warning */
	CHECK_STR(RUN_O("id,name\n1,Zo\xC3\xAB\n", &o, &b), "H:id|name\n"
	    "2/2:1|Zo\xC3\x83\xC2\xAB\n");
	/* a byte it cannot decode: one error with line and column */
	CHECK_STR(RUN_O("id,name\n1,ok\n2,a\x81\n", &o, &b), "t.csv:3:4: "
	    "error: the byte 0x81 is not windows-1252 text; set the right "
	    "encoding: in cycle.yaml, or save the file as UTF-8\n");
	o.encoding = "utf-8";
	CHECK_STR(RUN_O("id,name\n1,Zo\xEB\n", &o, &b), "t.csv:2:5: error: "
	    "the byte 0xEB is not UTF-8 text; set the right encoding: in "
	    "cycle.yaml, or save the file as UTF-8\n");
	o.encoding = "Mac Roman";
	CHECK_STR(RUN_O("id,name\n1,Zo\x91\n", &o, &b), "H:id|name\n"
	    "2/2:1|Zo\xC3\xAB\n");
	o.encoding = "utf-16";
	CHECK_STR(RUN_O("i\0d\0\n\0x\0\n\0", &o, &b), "H:id\n2/2:x\n");
	o.encoding = "x-no-such-encoding";
	CHECK_STR(RUN_O("id\n1\n", &o, &b), "t.csv: error: unknown encoding "
	    "\"x-no-such-encoding\"; expected utf-8, utf-16, windows-1252, "
	    "macintosh (Mac Roman), iso-8859-1 or another name iconv knows "
	    "(iconv -l)\n");
	CHECK_STR(ENC("id\n\xE9\n", "iso-8859-1", enc), "ISO-8859-1");
	CHECK_STR(ENC("id\n\xE9\n", "CP1252", enc), "windows-1252");
	CHECK_STR(ENC("id\n\xE9\n", "ISO-8859-15", enc), "ISO-8859-15");
	buf_free(&b);
}

static void
test_binary_refused(void)
{
	struct csvin_opts o = { CSVIN_CSV, NULL, NULL, 0, 0, 0 };
	struct buf b;
	char bin[600];
	size_t i;

	buf_init(&b);
	CHECK_STR(RUN_O("PK\3\4\x14\0\0\0\x08\0", &o, &b), "t.csv: error: is "
	    "an Excel workbook (.xlsx) or another zip archive, not CSV; give "
	    "it type: xlsx in cycle.yaml, or save it as CSV\n");
	CHECK_STR(RUN_S("PK\3\4\x14\0\0\0\x08\0", &b), "t.csv: error: is an "
	    "Excel workbook (.xlsx) or another zip archive, not CSV; give it "
	    "type: xlsx in cycle.yaml, or save it as CSV\n");
	CHECK_STR(RUN_S("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", &b),
	    "t.csv: error: is an old Excel .xls workbook (or another Office "
	    "97-2003 file), not CSV; save it as .xlsx or CSV\n");
	CHECK_STR(RUN_S("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", &b), "t.csv: error: "
	    "is a PDF document, not CSV; export the data as CSV or .xlsx from "
	    "the tool that made it\n");
	CHECK_STR(RUN_S("\x1F\x8B\x08\0\0\0\0\0", &b), "t.csv: error: is "
	    "gzip-compressed, not CSV; decompress it first (gunzip)\n");
	CHECK_STR(RUN_S("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", &b), "t.csv: error: "
	    "is a PNG image, not CSV; give the exported data file instead\n");
	CHECK_STR(RUN_S("\xFF\xD8\xFF\xE0\0\x10JFIF", &b), "t.csv: error: is "
	    "a JPEG image, not CSV; give the exported data file instead\n");
	/* no signature, but NUL and control bytes all over */
	for (i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i % 7 == 0 ? 0 : i % 5 == 0 ? 3 : 'a' + i % 26);
	CHECK_STR(run(bin, sizeof bin, &b), "t.csv: error: is a binary file, "
	    "not CSV text (it has NUL or control bytes near its start); give "
	    "the CSV export itself, or set encoding: if it is text in an "
	    "encoding such as UTF-32\n");
	buf_free(&b);
}

static void
test_size_cap(void)
{
	struct csvin_opts o = { CSVIN_AUTO, NULL, NULL, 0, 0, 20 };
	struct buf b;

	buf_init(&b);
	CHECK_STR(RUN_O("id,name\n1,Zo\n2,Al\n3,Bo\n", &o, &b), "t.csv: "
	    "error: the file is 23 bytes; revpack reads input files of at most "
	    "20 bytes (is it the right file?)\n");
	o.max_bytes = 23;
	CHECK_STR(RUN_O("id,name\n1,Zo\n2,Al\n3,Bo\n", &o, &b), "H:id|name\n"
	    "2/2:1|Zo\n3/3:2|Al\n4/4:3|Bo\n");
	buf_free(&b);
}

/* The SurveyMonkey header as exported: question texts over merged cells,
 * sub-questions and "Response" below. */
static const char monkey[] =
    "Respondent ID,Collector ID,Start Date,Employee,How would you rate "
    "...?,,,Anything else?,Relationship\r\n"
    ",,,Response,Complaint handling,Follow-up,Onboarding,Open-Ended "
    "Response,Response\r\n"
    "114,42,2026-06-01,a1,4,5,3,\"Good\r\nwork\",Peer\r\n"
    "115,42,2026-06-02,a2,4,5,3,x,Peer,extra\r\n";

static void
test_surveymonkey(void)
{
	struct diag *d = diag_new(NULL);
	struct csvin *r = csvin_mem(monkey, sizeof monkey - 1, "sm.csv", d);
	struct buf b;

	CHECK(r != NULL);
	CHECK_INT(csvin_header_rows(r), 2);
	CHECK_INT(csvin_col(r, "Respondent ID"), 0);
	CHECK_INT(csvin_col(r, "employee"), 3);
	CHECK_INT(csvin_col(r, "How would you rate ...? - Follow-up"), 5);
	CHECK_INT(csvin_col(r, "Anything else?"), 7);
	CHECK_INT(csvin_col(r, "Response"), -1);
	csvin_free(r);
	diag_free(d);
	buf_init(&b);
	CHECK_STR(RUN_O(monkey, NULL, &b), "H:Respondent ID|Collector ID|"
	    "Start Date|Employee|How would you rate ...? - Complaint handling|"
	    "How would you rate ...? - Follow-up|How would you rate ...? - "
	    "Onboarding|Anything else?|Relationship\n"
	    "3/3:114|42|2026-06-01|a1|4|5|3|Good\nwork|Peer\n"
	    "t.csv:5: error: row 4: the record has 10 fields; expected 9, as "
	    "in the header (a value that contains \",\" must be in double "
	    "quotes)\n");
	buf_free(&b);
}

/* Qualtrics: ids, question texts (one spanning lines), ImportIds. */
static const char qualtrics_csv[] =
    "StartDate,ResponseId,Q1,Q2_1,Q2_2,Q3\n"
    "Start Date,Response ID,Who is your manager?,\"How would you rate...\n"
    "- Complaint handling\",How would you rate... - Follow-up,\n"
    "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"Europe/Paris\"\"}\","
    "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\","
    "\"{\"\"ImportId\"\":\"\"QID2_1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_2\"\"}\","
    "\"{\"\"ImportId\"\":\"\"QID3_TEXT\"\"}\"\n"
    "2026-06-01,R_1,m1,4,5,ok\n"
    "2026-06-01,R_2,m1,4,5\n";

static void
test_qualtrics(void)
{
	struct diag *d = diag_new(NULL);
	struct csvin *r = csvin_mem(qualtrics_csv, sizeof qualtrics_csv - 1,
	    "q.csv", d);
	struct buf b;

	CHECK(r != NULL);
	CHECK_INT(csvin_header_rows(r), 3);
	CHECK_INT(csvin_header_line(r), 1);
	/* by question text, and by id */
	CHECK_INT(csvin_col(r, "Who is your manager?"), 2);
	CHECK_INT(csvin_col(r, "Q1"), 2);
	CHECK_INT(csvin_col(r, "How would you rate... - Follow-up"), 4);
	CHECK_INT(csvin_col(r, "q2_2"), 4);
	/* no question text: the id names the column */
	CHECK_STR(csvin_colname(r, 5), "Q3");
	CHECK_INT(diag_count(d), 0);
	csvin_free(r);
	diag_free(d);
	buf_init(&b);
	CHECK_STR(RUN_O(qualtrics_csv, NULL, &b), "H:Start Date|Response ID|"
	    "Who is your manager?|How would you rate...\n- Complaint handling|"
	    "How would you rate... - Follow-up|Q3\n"
	    "5/4:2026-06-01|R_1|m1|4|5|ok\n"
	    "t.csv:6: error: row 5: the record has 5 fields; expected 6, as "
	    "in the header\n");
	buf_free(&b);
}

static void
test_header_options(void)
{
	static const char two[] = "Name,Scores,,Note\n,Q1,Q2,\nAl,1,2,x\n"
	    "Bo,3,4,y\n";
	struct csvin_opts o = { CSVIN_AUTO, NULL, NULL, 2, 0, 0 };
	struct buf b;

	buf_init(&b);
	/* merged cells over named ones: recognised as two rows, joined */
	CHECK_STR(RUN_O(two, NULL, &b), "H:Name|Scores - Q1|Scores - Q2|Note\n"
	    "3/3:Al|1|2|x\n4/4:Bo|3|4|y\n");
	CHECK_STR(RUN_O(two, &o, &b), "H:Name|Scores - Q1|Scores - Q2|Note\n"
	    "3/3:Al|1|2|x\n4/4:Bo|3|4|y\n");
	/* the second row names the columns; blanks take the row above */
	o.header_names = 2;
	CHECK_STR(RUN_O(two, &o, &b), "H:Name|Q1|Q2|Note\n"
	    "3/3:Al|1|2|x\n4/4:Bo|3|4|y\n");
	/* told: one row */
	o.header_rows = 1;
	o.header_names = 0;
	CHECK_STR(RUN_O(two, &o, &b), "H:Name|Scores||Note\n"
	    "2/2:|Q1|Q2|\n3/3:Al|1|2|x\n4/4:Bo|3|4|y\n");
	/* one row: its names as they are, even "Response" */
	CHECK_STR(RUN_O("Id,Response\n1,2\n", &o, &b), "H:Id|Response\n"
	    "2/2:1|2\n");
	/* a naming row the recognised header does not have is not used */
	{
		struct csvin_opts o2 = { CSVIN_AUTO, NULL, NULL, 0, 2, 0 };

		CHECK_STR(RUN_O("Id,Response\n1,2\n", &o2, &b),
		    "H:Id|Response\n2/2:1|2\n");
	}
	/* data in the second row: not a header row */
	CHECK_STR(RUN_O("Name,Score,,Note\nAl,1,2,x\n", NULL, &b),
	    "H:Name|Score||Note\n2/2:Al|1|2|x\n");
	o.header_rows = 2;
	/* joined names that repeat are duplicates */
	o.header_names = 0;
	{
		static const char dup[] = "Q,,Q\nA,B,A\n1,2,3\n";
		char path[] = "/tmp/test_csv_dup.XXXXXX";
		struct diag *d = diag_new(NULL);
		struct csvin *r;

		write_tmp(path, dup, sizeof dup - 1);
		r = csvin_open_opts(path, "d.csv", &o, d);
		remove(path);
		CHECK(r != NULL);
		CHECK_STR(csvin_colname(r, 0), "Q - A");
		CHECK_INT(csvin_col(r, "Q - B"), 1);
		CHECK_INT(csvin_col(r, "q - a"), -2);
		CHECK_STR(diag_text(d, 0, NULL), "d.csv:1: error: column "
		    "\"Q - A\" appears more than once in the header (columns 1 "
		    "and 3); rename or remove one");
		csvin_free(r);
		diag_free(d);
	}
	/* more header rows than the file has */
	o.header_rows = 3;
	CHECK_STR(RUN_O("a,b\n1,2\n", &o, &b), "t.csv:1: error: expected 3 "
	    "header rows; the file has only 2 good rows\n");
	o.header_rows = 2;
	o.header_names = 3;
	CHECK_STR(RUN_O("a,b\n1,2\n", &o, &b), "t.csv: error: the header row "
	    "that names the columns: 3; expected 1 to 2, one of the header "
	    "rows\n");
	buf_free(&b);
}

static void
test_rows_and_lines(void)
{
	struct diag *d = diag_new(NULL);
	static const char data[] = "id,comment\n\n1,\"two\nlines\"\n\n2,x\n"
	    "3,y\n";
	struct csvin *r = csvin_mem(data, sizeof data - 1, "r.csv", d);
	struct csvin_rec rec;
	struct buf b;

	/* blank lines are rows, a record spanning lines is one */
	CHECK(r != NULL);
	CHECK(csvin_next(r, &rec));
	CHECK_INT(rec.line, 3);
	CHECK_INT(rec.row, 3);
	csvin_error(r, rec.line, 1, "same row and line");
	CHECK(csvin_next(r, &rec));
	CHECK_INT(rec.line, 6);
	CHECK_INT(rec.row, 5);
	csvin_error(r, rec.line, 1, "moved");
	csvin_warning(r, rec.line, -1, "no column");
	CHECK(csvin_next(r, &rec));
	CHECK_INT(rec.line, 7);
	CHECK_INT(rec.row, 6);
	/* an earlier record, and the header */
	csvin_error(r, 3, -1, "back");
	csvin_error(r, csvin_header_line(r), -1, "header");
	CHECK(!csvin_next(r, &rec));
	CHECK_INT(diag_count(d), 5);
	CHECK_STR(diag_text(d, 0, NULL), "r.csv:3: error: column "
	    "\"comment\": same row and line");
	CHECK_STR(diag_text(d, 1, NULL), "r.csv:6: error: row 5: column "
	    "\"comment\": moved");
	CHECK_STR(diag_text(d, 2, NULL), "r.csv:6: warning: row 5: no "
	    "column");
	CHECK_STR(diag_text(d, 3, NULL), "r.csv:3: error: back");
	CHECK_STR(diag_text(d, 4, NULL), "r.csv:1: error: header");
	csvin_free(r);
	diag_free(d);
	/* Excel's sep= line counts as a row: rows stay lines */
	buf_init(&b);
	CHECK_STR(RUN_O("sep=;\na;b\n1;2\n", NULL, &b), "H:a|b\n3/3:1|2\n");
	buf_free(&b);
}

static void
test_read_ahead_order(void)
{
	/* messages about the records read ahead to recognise the header
	 * come when the loader reaches those records, in file order */
	struct diag *d = diag_new(NULL);
	static const char data[] = "a,b\n1,2,3\nx,\"y\"z\n4,5\n";
	struct csvin *r = csvin_mem(data, sizeof data - 1, "o.csv", d);
	struct csvin_rec rec;

	CHECK(r != NULL);
	CHECK_INT(diag_count(d), 0);
	CHECK(csvin_next(r, &rec));
	CHECK_INT(rec.line, 4);
	CHECK_INT(diag_count(d), 2);
	csvin_error(r, rec.line, 0, "after");
	CHECK(!csvin_next(r, &rec));
	CHECK_STR(diag_text(d, 0, NULL), "o.csv:2: error: the record has 3 "
	    "fields; expected 2, as in the header (a value that contains "
	    "\",\" must be in double quotes)");
	CHECK_STR(diag_text(d, 1, NULL), "o.csv:3:6: error: text after the "
	    "closing quote of a quoted field; a quote inside a quoted field "
	    "is written twice (\"\")");
	CHECK_STR(diag_text(d, 2, NULL), "o.csv:4: error: column \"a\": "
	    "after");
	csvin_free(r);
	diag_free(d);
}

int
main(void)
{
	RUN(test_plain);
	RUN(test_bom_crlf);
	RUN(test_delimiters);
	RUN(test_quoted_newlines);
	RUN(test_strict_errors);
	RUN(test_field_counts);
	RUN(test_encoding);
	RUN(test_field_cap);
	RUN(test_line_cap);
	RUN(test_error_cap);
	RUN(test_quote_for_messages);
	RUN(test_diag_escape);
	RUN(test_header_lookup);
	RUN(test_open_errors);
	RUN(test_file_blocks);
	RUN(test_utf16);
	RUN(test_legacy);
	RUN(test_forced_encoding);
	RUN(test_binary_refused);
	RUN(test_size_cap);
	RUN(test_surveymonkey);
	RUN(test_qualtrics);
	RUN(test_header_options);
	RUN(test_rows_and_lines);
	RUN(test_read_ahead_order);
	return CHECK_EXIT();
}
