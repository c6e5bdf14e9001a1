/* test_csv.c: the CSV front end as the loaders see it: records with their
 * physical line numbers, the header, and every syntax, size and encoding
 * problem reported with its position while reading goes on. */
#include <stdlib.h>

#include "check.h"
#include "in_csv.h"

/* Reads `data` and writes what came out into out: one "LINE:f1|f2|..."
 * per record, then one line per message. Returns out. */
static const char *
run(const char *data, size_t len, struct buf *out)
{
	struct diag *d = diag_new(NULL);
	struct csvin *r = csvin_mem(data, len, "t.csv", d);
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

#define RUN_S(s, out) run((s), sizeof(s) - 1, (out))

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
	CHECK_STR(RUN_S("\xFF\xFEi\0d\0", &b), "t.csv:1: error: the file is "
	    "UTF-16 text (it starts with a UTF-16 byte order mark); re-export "
	    "as UTF-8\n");
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
	    "6:2|x\"y\nt.csv:7: error: the record has 3 fields; expected 2, "
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
	CHECK_STR(RUN_S("id,name\n1,Jos\xE9\n2,ok\n", &b), "H:id|name\n"
	    "3:2|ok\nt.csv:2: error: column \"name\": not valid UTF-8 text "
	    "(is the file in another encoding, such as Windows-1252?); "
	    "re-export as UTF-8\n");
	CHECK_STR(RUN_S("id,name\n1,a\0b\n", &b), "H:id|name\n"
	    "t.csv:2: error: column \"name\": contains a NUL byte (is the "
	    "file UTF-16 or not text at all?); re-export as UTF-8\n");
	/* bad bytes inside the first eight-byte blocks, and valid UTF-8 */
	CHECK_STR(RUN_S("id,name\n1,abcdefg\xE9hijklmnop\n2,abcdefghijklmn\0p\n"
	    "3,Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m and more\n", &b), "H:id|name\n"
	    "4:3|Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m and more\n"
	    "t.csv:2: error: column \"name\": not valid UTF-8 text "
	    "(is the file in another encoding, such as Windows-1252?); "
	    "re-export as UTF-8\n"
	    "t.csv:3: error: column \"name\": contains a NUL byte (is the "
	    "file UTF-16 or not text at all?); re-export as UTF-8\n");
	/* in the header, the column has no name yet */
	CHECK_STR(RUN_S("id,n\xFF\n", &b), "t.csv:1: error: column 2: not "
	    "valid UTF-8 text (is the file in another encoding, such as "
	    "Windows-1252?); re-export as UTF-8\n");
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
	CHECK_STR(csvin_quote("a\tb\nc\x01", out, sizeof out), "a\\tb\\nc\\x01");
	memset(longs, 'x', sizeof longs - 1);
	longs[sizeof longs - 1] = '\0';
	CHECK_INT(strlen(csvin_quote(longs, out, sizeof out)), 63);
	CHECK(strcmp(out + 60, "...") == 0);
	/* "é" is two bytes: never cut in half */
	CHECK_STR(csvin_quote("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", small,
	    sizeof small), "\xC3\xA9...");
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
	RUN(test_header_lookup);
	RUN(test_open_errors);
	RUN(test_file_blocks);
	return CHECK_EXIT();
}
