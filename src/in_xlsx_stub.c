/* in_xlsx_stub.c: in_xlsx.h without a reader: every workbook is refused
 * with one line. It only lets this branch build until the real in_xlsx.c
 * is merged; delete it then. */
#include <stdio.h>
#include <string.h>

#include "in_xlsx.h"

struct xlsx *
xlsx_open(const char *path, const char *name, const char *sheet,
    struct diag *d)
{
	struct pos at = { name, 0, 0 };

	(void)path;
	(void)sheet;
	diag_error(d, &at, "is an Excel workbook (.xlsx), and this build of "
	    "revpack cannot read workbooks yet; save the sheet as CSV UTF-8");
	return NULL;
}

int
xlsx_next(struct xlsx *x, const char *const **cells, const size_t **lens,
    size_t *n, int *row)
{
	(void)x;
	(void)cells;
	(void)lens;
	*n = 0;
	*row = 0;
	return 0;
}

const char *
xlsx_cellref(int col, int row, char *out, size_t size)
{
	char letters[8];
	int k = 0, i;

	col++;
	while (col > 0 && k < (int)sizeof letters) {
		letters[k++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < k / 2; i++) {
		char c = letters[i];

		letters[i] = letters[k - 1 - i];
		letters[k - 1 - i] = c;
	}
	snprintf(out, size, "%.*s%d", k, letters, row);
	return out;
}

const char *
xlsx_sheet(const struct xlsx *x)
{
	(void)x;
	return "";
}

void
xlsx_free(struct xlsx *x)
{
	(void)x;
}

int
xlsx_sniff(const unsigned char *p, size_t n)
{
	return n >= 4 && memcmp(p, "PK\3\4", 4) == 0;
}
