/* fuzz_xlsx.c: libFuzzer target over the .xlsx front end (zipfile.c and
 * in_xlsx). The first byte picks what the rest is (modulo 2):
 *   0  a whole file, read as a workbook (libzip's and our zip guards);
 *   1  the XML parts of a workbook, separated by 0xFF bytes (never in
 *      UTF-8): the sheet, then sharedStrings.xml, styles.xml and
 *      workbook.xml (fixed ones when absent), put into a stored zip here,
 *      so that mutations reach the XML instead of breaking checksums.
 * Every delivered row is checked against what in_xlsx.h promises, and a
 * failure must have been reported. Seeds: tests/fuzz/seeds-xlsx/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "in_xlsx.h"
#include "in_xlsx_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4096];         /* this process's scratch file */

#define ASSERT(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_xlsx: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

static const char wb[] = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" "
    "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] = "<Relationships><Relationship Id=\"rId1\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char sst[] = "<sst><si><t>a</t></si><si><r><t>b</t></r></si>"
    "</sst>";
static const char styles[] = "<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf "
    "numFmtId=\"14\"/></cellXfs></styleSheet>";

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void
le(struct buf *b, uint32_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		buf_putc(b, (int)((v >> (8 * i)) & 0xFF));
}

/* put_entry: a stored entry's local header and data into z, its central
 * directory record into cd. */
static void
put_entry(struct buf *z, struct buf *cd, const char *name, const void *p,
    size_t n)
{
	uint32_t crc = crc32_of(p, n), off = (uint32_t)z->len;
	size_t nl = strlen(name);

	le(z, 0x04034b50, 4);
	le(z, 20, 2); le(z, 0, 2); le(z, 0, 2); le(z, 0, 2); le(z, 0x21, 2);
	le(z, crc, 4); le(z, (uint32_t)n, 4); le(z, (uint32_t)n, 4);
	le(z, (uint32_t)nl, 2); le(z, 0, 2);
	buf_put(z, name, nl);
	buf_put(z, p, n);
	le(cd, 0x02014b50, 4);
	le(cd, 20, 2); le(cd, 20, 2); le(cd, 0, 2); le(cd, 0, 2); le(cd, 0, 2);
	le(cd, 0x21, 2); le(cd, crc, 4); le(cd, (uint32_t)n, 4);
	le(cd, (uint32_t)n, 4); le(cd, (uint32_t)nl, 2); le(cd, 0, 2);
	le(cd, 0, 2); le(cd, 0, 2); le(cd, 0, 2); le(cd, 0, 4); le(cd, off, 4);
	buf_put(cd, name, nl);
}

/* parts: the workbook whose XML parts are p[0..n) split at 0xFF. */
static void
parts(const uint8_t *p, size_t n, struct buf *z)
{
	static const char *const names[] = { "xl/worksheets/sheet1.xml",
	    "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml" };
	const char *defaults[] = { "", sst, styles, wb };
	struct buf cd;
	size_t i, start = 0, k = 0, cdoff;
	int given[4] = { 0, 0, 0, 0 };

	buf_init(&cd);
	for (i = 0; i <= n && k < 4; i++)
		if (i == n || p[i] == 0xFF) {
			put_entry(z, &cd, names[k], p + start, i - start);
			given[k++] = 1;
			start = i + 1;
		}
	for (k = 1; k < 4; k++)
		if (!given[k])
			put_entry(z, &cd, names[k], defaults[k],
			    strlen(defaults[k]));
	put_entry(z, &cd, "xl/_rels/workbook.xml.rels", rels, strlen(rels));
	cdoff = z->len;
	buf_put(z, cd.p, cd.len);
	le(z, 0x06054b50, 4);
	le(z, 0, 2); le(z, 0, 2); le(z, 5, 2); le(z, 5, 2);
	le(z, (uint32_t)cd.len, 4); le(z, (uint32_t)cdoff, 4); le(z, 0, 2);
	buf_free(&cd);
}

static void
put(const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	ASSERT(f != NULL);
	if (n > 0)
		ASSERT(fwrite(p, 1, n, f) == n);
	fclose(f);
}

/* Reads the workbook at path and checks what in_xlsx.h promises. */
static void
read_book(void)
{
	struct diag *d = diag_new(NULL);
	struct xlsx *x = xlsx_open(path, "f.xlsx", NULL, d);
	const char *const *cells;
	const size_t *lens;
	size_t n, i;
	int row, last = 0, r = 0;

	if (x == NULL)
		ASSERT(diag_errors(d) > 0);
	while (x != NULL) {
		r = xlsx_next(x, &cells, &lens, &n, &row);
		if (r != 1)
			break;
		ASSERT(row > last && row <= XLSX_MAX_ROWS);
		last = row;
		ASSERT(n >= 1 && n <= XLSX_MAX_COLS && lens[n - 1] > 0);
		for (i = 0; i < n; i++) {
			ASSERT(strlen(cells[i]) == lens[i]);
			ASSERT(lens[i] <= XLSX_MAX_TEXT);
		}
	}
	if (x != NULL) {
		ASSERT(r == 0 || r == -1);
		ASSERT((r == -1) == (diag_errors(d) > 0));
		ASSERT(xlsx_next(x, &cells, &lens, &n, &row) == 0);
	}
	xlsx_free(x);
	diag_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf z;

	if (path[0] == '\0') {
		char tmpl[] = "/tmp/fuzz_xlsx.XXXXXX";

		ASSERT(mkdtemp(tmpl) != NULL);
		snprintf(path, sizeof path, "%s/f.xlsx", tmpl);
	}
	if (size == 0)
		return 0;
	if (data[0] % 2 == 0)
		put(data + 1, size - 1);
	else {
		buf_init(&z);
		parts(data + 1, size - 1, &z);
		put(z.p, z.len);
		buf_free(&z);
	}
	read_book();
	return 0;
}
