/* test_xlsx.c: the .xlsx front end over the fixtures of
 * tests/fixtures/xlsx/ (made by make.py there): every cell of the good
 * workbooks, the exact message for each hostile one, and the value rules
 * (references, numbers, dates, format codes) on their own. */
#include <stdlib.h>

#include "check.h"
#include "in_xlsx.h"
#include "in_xlsx_int.h"

#define DIR "tests/fixtures/xlsx/"

/* int_of: s as a number, or -1 when it is not all digits. */
static int
int_of(const char *s)
{
	long v;

	return parse_long(s, strlen(s), &v) ? (int)v : -1;
}

/* Reads sheet `sheet` of fixture `file` into out: "ROW:c1|c2|...\n" per
 * row (a row of more than 40 cells as "ROW:[N cells] LAST"), then
 * "end N" (xlsx_next's last return), then one line per message. */
static const char *
run(const char *file, const char *sheet, struct buf *out)
{
	struct diag *d = diag_new(NULL);
	struct xlsx *x = xlsx_open(file, file + sizeof DIR - 1, sheet, d);
	const char *const *cells;
	const size_t *lens;
	size_t n, i;
	int row, r = 9, last = 0;

	buf_reset(out);
	while (x != NULL) {
		r = xlsx_next(x, &cells, &lens, &n, &row);
		if (r != 1)
			break;
		if (row <= last || n == 0 || lens[n - 1] == 0)
			buf_printf(out, "BAD ROW %d after %d\n", row, last);
		last = row;
		for (i = 0; i < n; i++)
			if (strlen(cells[i]) != lens[i])
				buf_printf(out, "BAD LEN %d:%zu\n", row, i);
		if (n > 40) {
			buf_printf(out, "%d:[%zu cells] %s\n", row, n,
			    cells[n - 1]);
			continue;
		}
		buf_printf(out, "%d:", row);
		for (i = 0; i < n; i++)
			buf_printf(out, "%s%s", i ? "|" : "", cells[i]);
		buf_puts(out, "\n");
	}
	if (x != NULL) {
		buf_printf(out, "end %d\n", r);
		/* finished: further calls give 0 */
		if (xlsx_next(x, &cells, &lens, &n, &row) != 0)
			buf_puts(out, "BAD: a call after the end\n");
	}
	xlsx_free(x);
	for (i = 0; i < diag_count(d); i++)
		buf_printf(out, "%s\n", diag_text(d, i, NULL));
	diag_free(d);
	return out->p != NULL ? out->p : "";
}

static void
test_good(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(run(DIR "good.xlsx", NULL, &b),
	    "1:subject|score|when\n"
	    "2:Bold and plain|4|2026-03-04|TRUE\n"
	    "3:inline|3.5|2026-03-04 13:45:00|FALSE|#DIV/0!|ab\n"
	    "6:|\xe6\xbc\xa2\xe5\xad\x97|||2.5\n"
	    "7:0.30000000000000004|1e+21|-0.5|1e-7|123456789012345680|42|"
	    "12:00:00|0|7\n"
	    "8:Zo\xc3\xab & <co>|1|rich\n"
	    "10:2026-03-04||  spaced  \n"
	    "11:[16384 cells] 9\n"
	    "12:1900-02-29|1900-01-01|-3\n"
	    "end 0\n");
	buf_free(&b);
}

static void
test_sheets(void)
{
	struct diag *d = diag_new(NULL);
	struct xlsx *x = xlsx_open(DIR "good.xlsx", "good.xlsx",
	    "roster \xc3\xa9", d);
	struct buf b;

	CHECK(x != NULL);
	CHECK_STR(xlsx_sheet(x), "Roster \xc3\xa9");
	CHECK_INT(xlsx_nsheets(x), 2);
	CHECK_STR(xlsx_sheet_name(x, 0), "Ratings");
	CHECK(xlsx_sheet_name(x, 2) == NULL);
	xlsx_free(x);
	diag_free(d);
	xlsx_free(NULL);
	buf_init(&b);
	/* the second sheet's relationship has an absolute target */
	CHECK_STR(run(DIR "good.xlsx", "Roster \xc3\xa9", &b),
	    "1:second\nend 0\n");
	CHECK_STR(run(DIR "good.xlsx", "Ratngs", &b), "good.xlsx: error: no "
	    "sheet called \"Ratngs\"; expected one of the workbook's sheets: "
	    "\"Ratings\", \"Roster \xc3\xa9\"\n");
	CHECK_STR(run(DIR "good-openpyxl.xlsx", "Notes", &b),
	    "2:|hello\nend 0\n");
	buf_free(&b);
}

static void
test_writers(void)
{
	struct buf b;

	buf_init(&b);
	/* prefixed elements (x:row) and the 1904 date system */
	CHECK_STR(run(DIR "good-1904.xlsx", NULL, &b),
	    "1:1904-01-01|2026-03-02|2026-03-02 06:00:00|p\nend 0\n");
	/* openpyxl: custom date formats, shared strings, an empty row */
	CHECK_STR(run(DIR "good-openpyxl.xlsx", NULL, &b),
	    "1:subject|rater|score|date|ok\n"
	    "2:a1|m1|4|2026-03-04|TRUE\n"
	    "3:a2|m1|3.5|2026-03-04 13:45:00|FALSE\n"
	    "5:a3||2\n"
	    "end 0\n");
	/* LibreOffice Calc: its own date formats, "General" as a custom
	 * format, many namespaces and elements around the cells */
	CHECK_STR(run(DIR "good-libreoffice.xlsx", NULL, &b),
	    "1:subject|rater|score|date|when|ok|note\n"
	    "2:a1|m1|4|2026-03-04|2026-03-04 13:45:00|TRUE|fine\n"
	    "3:a2|m1|3.5|2026-03-05||FALSE|Zo\xc3\xab, \"quoted\"\n"
	    "5:a3||2\n"
	    "end 0\n");
	/* Calc with dates counted from 1904 (date1904="true") */
	CHECK_STR(run(DIR "good-libreoffice-1904.xlsx", NULL, &b),
	    "1:who|when\n2:a1|2026-03-04\nend 0\n");
	CHECK_STR(run(DIR "good-libreoffice-1904.xlsx", "Notes", &b),
	    "3:||7\nend 0\n");
	buf_free(&b);
}

static void
test_not_workbooks(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(run(DIR "not-zip.xlsx", NULL, &b), "not-zip.xlsx: error: "
	    "not a zip archive; expected an .xlsx workbook (a zip archive of "
	    "XML parts)\n");
	CHECK_STR(run(DIR "not-workbook.xlsx", NULL, &b), "not-workbook.xlsx: "
	    "error: is a zip archive without xl/workbook.xml, not an Excel "
	    "workbook; expected an .xlsx workbook\n");
	CHECK_STR(run(DIR "truncated.xlsx", NULL, &b), "truncated.xlsx: error: "
	    "the zip archive is truncated or damaged (its central directory "
	    "is missing); expected a whole .xlsx workbook\n");
	CHECK_STR(run(DIR "missing.xlsx", NULL, &b), "missing.xlsx: error: "
	    "cannot open the file: No such file or directory\n");
	CHECK_STR(run(DIR, NULL, &b), ": error: is a folder; expected a "
	    "regular file\n");
	buf_free(&b);
}

static void
test_bombs(void)
{
	struct buf b;

	buf_init(&b);
	/* the directory claims 600 MiB; or 100 MiB from 10 KB */
	CHECK_STR(run(DIR "bomb-cap.xlsx", NULL, &b), "bomb-cap.xlsx: error: "
	    "zip entry xl/worksheets/sheet1.xml: 629145600 bytes uncompressed; "
	    "expected at most 536870912 (a zip bomb?)\n");
	CHECK_STR(run(DIR "bomb-ratio.xlsx", NULL, &b), "bomb-ratio.xlsx: "
	    "error: zip entry xl/worksheets/sheet1.xml: 104857600 bytes "
	    "compressed into 10374; expected a compression ratio of at most "
	    "200 to 1 (a zip bomb?)\n");
	/* the directory lies: 100000 bytes, 10 MiB inflated */
	CHECK_STR(run(DIR "bomb-lie.xlsx", NULL, &b), "1:1\nend -1\n"
	    "bomb-lie.xlsx: error: zip entry xl/worksheets/sheet1.xml inflates "
	    "to more than its declared 100000 bytes; expected an undamaged "
	    "workbook (a zip bomb?)\n");
	buf_free(&b);
}

static void
test_limits(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(run(DIR "row-limit.xlsx", NULL, &b), "1:1\nend -1\n"
	    "row-limit.xlsx:1048577: error: cell A1048577: past row 1048576, "
	    "the last of a sheet; expected at most 1048576 rows\n");
	CHECK_STR(run(DIR "col-limit.xlsx", NULL, &b), "end -1\n"
	    "col-limit.xlsx:3: error: cell XFE3: past column XFD, the last of "
	    "a sheet; expected at most 16384 columns\n");
	/* cells without a reference: the 16,385th is one too many */
	CHECK_STR(run(DIR "many-cells.xlsx", NULL, &b), "end -1\n"
	    "many-cells.xlsx:2: error: row 2 has more than 16384 cells; "
	    "expected at most that many (columns A to XFD)\n");
	CHECK_STR(run(DIR "row-text.xlsx", NULL, &b), "2:1\nend -1\n"
	    "row-text.xlsx:3: error: row 3: more than 4194304 bytes of text; "
	    "expected at most that many in a row\n");
	CHECK_STR(run(DIR "long-tag.xlsx", NULL, &b), "end -1\n"
	    "long-tag.xlsx:9: error: xl/worksheets/sheet1.xml: more than "
	    "4194304 bytes in one XML tag, comment or instruction; expected "
	    "SpreadsheetML\n");
	CHECK_STR(run(DIR "long-text.xlsx", NULL, &b), "end -1\n"
	    "long-text.xlsx:12: error: cell C12: text longer than 65536 bytes; "
	    "expected at most 65536 bytes in a cell\n");
	buf_free(&b);
}

static void
test_damaged(void)
{
	struct buf b;

	buf_init(&b);
	CHECK_STR(run(DIR "doctype.xlsx", NULL, &b), "end -1\n"
	    "doctype.xlsx: error: xl/worksheets/sheet1.xml: a DOCTYPE "
	    "declaration; expected none (Excel writes none, and entity "
	    "definitions are refused)\n");
	CHECK_STR(run(DIR "bad-xml.xlsx", NULL, &b), "1:1\nend -1\n"
	    "bad-xml.xlsx:2: error: xl/worksheets/sheet1.xml, line 2, column "
	    "159: mismatched tag; expected well-formed XML (the workbook is "
	    "damaged)\n");
	CHECK_STR(run(DIR "dup-cell.xlsx", NULL, &b), "end -1\n"
	    "dup-cell.xlsx:4: error: cell B4 appears twice; expected each "
	    "cell once (the sheet is damaged)\n");
	CHECK_STR(run(DIR "row-order.xlsx", NULL, &b), "7:1\nend -1\n"
	    "row-order.xlsx:5: error: row 5 comes after row 7; expected rows "
	    "in increasing order (the sheet is damaged)\n");
	CHECK_STR(run(DIR "not-number.xlsx", NULL, &b), "end -1\n"
	    "not-number.xlsx:2: error: cell D2: \"NaN\" is not a number; "
	    "expected a number (the cell has no text type)\n");
	CHECK_STR(run(DIR "bad-sst.xlsx", NULL, &b), "end -1\n"
	    "bad-sst.xlsx:5: error: cell B5: shared string \"3\"; expected an "
	    "index below 1 (the workbook is damaged)\n");
	buf_free(&b);
}

/* Rows across several of the reading thread's batches, and a reader
 * freed while the thread is ahead of it. */
static void
test_batches(void)
{
	struct diag *d = diag_new(NULL);
	struct xlsx *x = xlsx_open(DIR "batches.xlsx", "b.xlsx", NULL, d);
	const char *const *cells;
	const size_t *lens;
	size_t n;
	int row, i;

	CHECK(x != NULL);
	for (i = 1; i <= 40; i++) {
		CHECK_INT(xlsx_next(x, &cells, &lens, &n, &row), 1);
		CHECK_INT(row, 3 * i);
		CHECK_INT(n, 3);
		CHECK_INT(lens[0], 0);
		CHECK_INT(lens[1], 20000);
		CHECK(cells[1][0] == 'A' + i % 26 && cells[1][19999] ==
		    cells[1][0] && cells[1][20000] == '\0');
		CHECK_INT(int_of(cells[2]), i);
	}
	CHECK_INT(xlsx_next(x, &cells, &lens, &n, &row), 0);
	CHECK_INT(xlsx_next(x, &cells, &lens, &n, &row), 0);
	xlsx_free(x);
	x = xlsx_open(DIR "batches.xlsx", "b.xlsx", NULL, d);
	CHECK(x != NULL);
	CHECK_INT(xlsx_next(x, &cells, &lens, &n, &row), 1);
	CHECK_INT(row, 3);
	xlsx_free(x);
	CHECK_INT(diag_count(d), 0);
	diag_free(d);
}

static void
test_refs(void)
{
	char out[16];
	int col = -5, row = -5;

	CHECK_STR(xlsx_cellref(0, 1, out, sizeof out), "A1");
	CHECK_STR(xlsx_cellref(2, 12, out, sizeof out), "C12");
	CHECK_STR(xlsx_cellref(25, 3, out, sizeof out), "Z3");
	CHECK_STR(xlsx_cellref(26, 3, out, sizeof out), "AA3");
	CHECK_STR(xlsx_cellref(701, 9, out, sizeof out), "ZZ9");
	CHECK_STR(xlsx_cellref(702, 9, out, sizeof out), "AAA9");
	CHECK_STR(xlsx_cellref(16383, 1048576, out, sizeof out), "XFD1048576");
	CHECK(xlsx_parse_ref("XFD1048576", &col, &row));
	CHECK_INT(col, 16383);
	CHECK_INT(row, 1048576);
	CHECK(xlsx_parse_ref("XFE1", &col, &row));
	CHECK_INT(col, 16384);
	CHECK(xlsx_parse_ref("ZZZZZZZZ99999999999", &col, &row));
	CHECK(col >= XLSX_MAX_COLS && row > XLSX_MAX_ROWS);
	CHECK(!xlsx_parse_ref("A0", &col, &row));
	CHECK(!xlsx_parse_ref("12", &col, &row));
	CHECK(!xlsx_parse_ref("A", &col, &row));
	CHECK(!xlsx_parse_ref("$A$1", &col, &row));
	CHECK(!xlsx_parse_ref("A1 ", &col, &row));
	CHECK(xlsx_sniff((const unsigned char *)"PK\3\4", 4));
	CHECK(!xlsx_sniff((const unsigned char *)"PK\5\6", 4));
	CHECK(!xlsx_sniff((const unsigned char *)"PK", 2));
}

/* num: xlsx_number's text for s, or "ERR". */
static const char *
num(const char *s, char *out)
{
	double v;

	if (xlsx_number(s, strlen(s), out, 64, &v) < 0)
		return "ERR";
	return out;
}

static void
test_numbers(void)
{
	char o[64];

	CHECK_STR(num("4", o), "4");
	CHECK_STR(num("4.0", o), "4");
	CHECK_STR(num("3.50", o), "3.5");
	CHECK_STR(num("+3.5", o), "3.5");
	CHECK_STR(num(".5", o), "0.5");
	CHECK_STR(num("-0", o), "0");
	CHECK_STR(num("1E3", o), "1000");
	CHECK_STR(num("2.5e-3", o), "0.0025");
	CHECK_STR(num("0.000001", o), "0.000001");
	CHECK_STR(num("0.0000001", o), "1e-7");
	CHECK_STR(num("1.5e-10", o), "1.5e-10");
	CHECK_STR(num("123456789012345678901", o), "123456789012345680000");
	CHECK_STR(num("1e21", o), "1e+21");
	CHECK_STR(num("0.1", o), "0.1");
	CHECK_STR(num("0.30000000000000004", o), "0.30000000000000004");
	CHECK_STR(num("2.2250738585072014E-308", o),
	    "2.2250738585072014e-308");
	CHECK_STR(num("1e400", o), "ERR");
	CHECK_STR(num("nan", o), "ERR");
	CHECK_STR(num("inf", o), "ERR");
	CHECK_STR(num("0x10", o), "ERR");
	CHECK_STR(num(" 1", o), "ERR");
	CHECK_STR(num("1e", o), "ERR");
	CHECK_STR(num(".", o), "ERR");
	CHECK_STR(num("", o), "ERR");
}

static void
test_dates(void)
{
	char o[40];

	CHECK(xlsx_date(46085, 0, XLSX_DATE, o, sizeof o) > 0);
	CHECK_STR(o, "2026-03-04");
	CHECK(xlsx_date(46085.572916666664, 0, XLSX_DATE, o, sizeof o) > 0);
	CHECK_STR(o, "2026-03-04 13:45:00");
	CHECK(xlsx_date(61, 0, XLSX_DATE, o, sizeof o) > 0);
	CHECK_STR(o, "1900-03-01");
	CHECK(xlsx_date(59, 0, XLSX_DATE, o, sizeof o) > 0);
	CHECK_STR(o, "1900-02-28");
	CHECK(xlsx_date(2958465, 0, XLSX_DATE, o, sizeof o) > 0);
	CHECK_STR(o, "9999-12-31");
	CHECK_INT(xlsx_date(2958466, 0, XLSX_DATE, o, sizeof o), 0);
	CHECK_INT(xlsx_date(-1, 0, XLSX_DATE, o, sizeof o), 0);
	CHECK(xlsx_date(1, 1, XLSX_DATE, o, sizeof o) > 0);
	CHECK_STR(o, "1904-01-02");
	CHECK(xlsx_date(0.75, 0, XLSX_TIME, o, sizeof o) > 0);
	CHECK_STR(o, "18:00:00");
	CHECK(xlsx_date(1.75, 0, XLSX_TIME, o, sizeof o) > 0);
	CHECK_STR(o, "1900-01-01 18:00:00");
	/* rounded to the second, never to 24:00:00 */
	CHECK(xlsx_date(46085.9999999, 0, XLSX_DATE, o, sizeof o) > 0);
	CHECK_STR(o, "2026-03-05");
}

static void
test_formats(void)
{
	CHECK_INT(xlsx_builtin_kind(0), XLSX_NUMBER);
	CHECK_INT(xlsx_builtin_kind(14), XLSX_DATE);
	CHECK_INT(xlsx_builtin_kind(22), XLSX_DATE);
	CHECK_INT(xlsx_builtin_kind(20), XLSX_TIME);
	CHECK_INT(xlsx_builtin_kind(46), XLSX_TIME);
	CHECK_INT(xlsx_builtin_kind(49), XLSX_NUMBER);
	CHECK_INT(xlsx_code_kind("yyyy-mm-dd"), XLSX_DATE);
	CHECK_INT(xlsx_code_kind("d/m/yy h:mm"), XLSX_DATE);
	CHECK_INT(xlsx_code_kind("[h]:mm:ss"), XLSX_TIME);
	CHECK_INT(xlsx_code_kind("mmm"), XLSX_DATE);
	CHECK_INT(xlsx_code_kind("General"), XLSX_NUMBER);
	CHECK_INT(xlsx_code_kind("0.00\" days\""), XLSX_NUMBER);
	CHECK_INT(xlsx_code_kind("[Red][<=100]#,##0"), XLSX_NUMBER);
	CHECK_INT(xlsx_code_kind("#,##0\\ \\d"), XLSX_NUMBER);
	CHECK_INT(xlsx_code_kind("0_s"), XLSX_NUMBER);
	CHECK_INT(xlsx_code_kind("[$-409]dddd"), XLSX_DATE);
	CHECK_INT(xlsx_code_kind("\"unclosed d"), XLSX_NUMBER);
}

int
main(void)
{
	RUN(test_good);
	RUN(test_sheets);
	RUN(test_writers);
	RUN(test_not_workbooks);
	RUN(test_bombs);
	RUN(test_limits);
	RUN(test_damaged);
	RUN(test_batches);
	RUN(test_refs);
	RUN(test_numbers);
	RUN(test_dates);
	RUN(test_formats);
	return CHECK_EXIT();
}
