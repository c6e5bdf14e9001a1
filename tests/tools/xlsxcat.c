/* xlsxcat.c: prints one sheet of an .xlsx workbook as in_xlsx reads it,
 * for looking at fixtures and timing the reader:
 *   xlsxcat BOOK.xlsx [SHEET] [--count]
 * One line per row, "ROW:cell|cell|...", then the messages on stderr;
 * --count prints only the number of rows and non-empty cells. Exit status
 * 1 when the reader reported an error. */
#include <stdio.h>
#include <string.h>

#include "in_xlsx.h"

int
main(int argc, char **argv)
{
	struct diag *d = diag_new(stderr);
	const char *sheet = NULL, *path = NULL;
	const char *const *cells;
	const size_t *lens;
	struct xlsx *x;
	size_t n, i, nrows = 0, ncells = 0;
	int row, r = 0, count = 0, k;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--count") == 0)
			count = 1;
		else if (path == NULL)
			path = argv[k];
		else
			sheet = argv[k];
	}
	if (path == NULL) {
		fprintf(stderr, "usage: xlsxcat BOOK.xlsx [SHEET] [--count]\n");
		return 2;
	}
	x = xlsx_open(path, path, sheet, d);
	while (x != NULL) {
		r = xlsx_next(x, &cells, &lens, &n, &row);
		if (r <= 0)
			break;
		nrows++;
		if (!count)
			printf("%d:", row);
		for (i = 0; i < n; i++) {
			ncells += lens[i] > 0;
			if (!count)
				printf("%s%s", i > 0 ? "|" : "", cells[i]);
		}
		if (!count)
			printf("\n");
	}
	if (count)
		printf("%zu rows, %zu cells\n", nrows, ncells);
	xlsx_free(x);
	k = diag_errors(d) > 0;
	diag_free(d);
	return k;
}
