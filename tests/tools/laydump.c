/* laydump.c: lays out a specimen document (every block type, with awkward
 * synthetic data: names in many scripts, a 200-row table, a 60-character
 * word, CJK without spaces, 30 competencies, 9 levels) with a template,
 * and prints the text device's dump, or writes a PDF.
 *   laydump [-t TEMPLATE] [-d DOC] [-o FILE.pdf] [-n REPEAT] [CASE...]
 * CASE is a block type (title, paragraph, table, radar...), "table200",
 * "packet", or "all" (default). -n lays the cases out REPEAT times and
 * prints the time per layout on stderr instead of the dump. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <unistd.h>

#include "dev.h"
#include "fonts.h"
#include "lay.h"
#include "tmpl.h"

#define NCOMP 30
#define NLEVELS 9
#define NPEOPLE 12

static const char *const names[] = {
	"Zoë Ångström", "Nguyễn Thị Ngọc Ánh", "王芳", "김민준", "Łukasz Żółć",
	"José Müller-Lüdenscheidt", "Αλέξανδρος Παπαδόπουλος",
	"Дмитрий Шостакович", "山田太郎", "Ừ ặ Bảo", "Siobhán Ní Bhriain",
	"Maximiliana Wolfeschlegelsteinhausen-Bergerdorff"
};
static const char long_word[] =
    "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunter";
static const char cjk_line[] =
    "顧客の苦情対応は、問題を迅速に把握し、解決策を提示し、顧客との信頼関係を"
    "維持することが求められる。客户投诉处理需要迅速了解问题并提出解决方案。"
    "고객 불만 처리는 문제를 신속하게 파악하고 해결책을 제시해야 합니다。";
static const char para[] =
    "A Customer Success Manager at this level handles complaints without "
    "escalation, keeps the customer informed at every step, and writes a "
    "short account of what went wrong and what was changed so that it does "
    "not happen again. Comments may contain \"quotes\", commas, and\nline "
    "breaks written by the rater.";

static const char *const level_labels[NLEVELS] = {
	"Basic understanding", "Developing", "Working knowledge", "Applied",
	"Proficient", "Advanced proficiency", "Expert", "Leading",
	"Mastery of the discipline across teams"
};

static char comp_titles[NCOMP][64];

static void
init_data(void)
{
	static const char *const base[] = {
		"Customer complaint handling", "Product knowledge",
		"Renewal forecasting", "Executive relationships",
		"Onboarding", "QBR preparation", "Escalation management",
		"Churn risk analysis", "顧客理解", "고객 성공 전략"
	};
	int i;

	for (i = 0; i < NCOMP; i++)
		snprintf(comp_titles[i], sizeof comp_titles[i], "%s %d",
		    base[i % 10], i / 10 + 1);
}

static enum lay_status
status_of(double s, double e)
{
	if (isnan(s))
		return LS_UNRATED;
	return s >= e ? LS_GREEN : s >= e - 1 ? LS_YELLOW : LS_RED;
}

static void
case_text(struct lay *L)
{
	const char *items[] = { para, long_word, cjk_line, "Short item" };

	lay_heading(L, 1, "Paragraphs and bullets", 1);
	lay_paragraph(L, TS_BODY, para);
	lay_paragraph(L, TS_BODY, long_word);
	lay_paragraph(L, TS_BODY, cjk_line);
	lay_heading(L, 2, "Bullets", 0);
	lay_bullets(L, TS_BODY, items, 4);
	lay_paragraph(L, TS_SMALL, "Small print: 🙂 is outside the BMP.");
}

static void
case_kv(struct lay *L)
{
	struct lay_kv kv[9] = {
		{ "Name", "Nguyễn Thị Ngọc Ánh" }, { "Job title", "Senior CSM" },
		{ "Department", "Customer Success — EMEA Enterprise Accounts" },
		{ "Manager", "王芳" }, { "Supervisory", "No" },
		{ "Employment", "Salary" }, { "Review date", "2026-07-15" },
		{ "Period of scoring", "2026-01-01 – 2026-06-30" },
		{ "Overall rating", "4.25 Exceeds expectations" }
	};

	lay_heading(L, 1, "Key-value grid", 1);
	lay_kv_grid(L, kv, 9, 3);
	kv[2].value = long_word;
	lay_kv_grid(L, kv, 9, 2);
}

static void
case_table(struct lay *L, size_t rows)
{
	struct lay_col cols[6] = {
		{ "Competency", 0.3f, TA_LEFT }, { "Score", 0, TA_RIGHT },
		{ "Manager", 0, TA_RIGHT }, { "Level", 0.18f, TA_LEFT },
		{ "Status", 0, TA_CENTER }, { "Descriptor", 0.25f, TA_LEFT }
	};
	struct lay_cell *cells = calloc(rows * 6, sizeof *cells);
	char (*num)[16] = calloc(rows, sizeof *num);
	struct lay_table t;
	size_t r;

	for (r = 0; r < rows; r++) {
		struct lay_cell *c = &cells[r * 6];
		double s = 1 + (double)(r * 7 % 50) / 10;

		snprintf(num[r], sizeof num[r], "%.2f", s);
		c[0].text = r % 17 == 5 ? long_word : r % 13 == 3 ? cjk_line :
		    comp_titles[r % NCOMP];
		c[1].text = num[r];
		c[1].bold = 1;
		c[2].text = num[r];
		c[3].text = level_labels[r % NLEVELS];
		c[4].kind = LC_CHIP;
		c[4].status = status_of(s, 3);
		c[4].text = c[4].status == LS_GREEN ? "Green" :
		    c[4].status == LS_YELLOW ? "Yellow" : "Red";
		c[5].text = r % 4 == 0 ? para : "Handles routine cases.";
	}
	t.cols = cols;
	t.ncols = 6;
	t.cells = cells;
	t.nrows = rows;
	t.blank = 0;
	lay_heading(L, 1, rows > 20 ? "A table of 200 rows" : "Table", 1);
	lay_table(L, &t);
	free(cells);
	free(num);
}

static void
case_form(struct lay *L)
{
	struct lay_col cols[1 + NLEVELS];
	struct lay_cell cells[3 * (1 + NLEVELS)];
	struct lay_table t;
	int r, i;

	cols[0].header = "Competency";
	cols[0].width = 0.2f;
	cols[0].align = TA_LEFT;
	for (i = 0; i < NLEVELS; i++) {
		cols[1 + i].header = level_labels[i];
		cols[1 + i].width = 0;
		cols[1 + i].align = TA_LEFT;
	}
	memset(cells, 0, sizeof cells);
	for (r = 0; r < 3; r++) {
		cells[r * (1 + NLEVELS)].text = comp_titles[r];
		cells[r * (1 + NLEVELS)].bold = 1;
		for (i = 0; i < NLEVELS; i++) {
			cells[r * (1 + NLEVELS) + 1 + i].kind = LC_BOX;
			cells[r * (1 + NLEVELS) + 1 + i].text =
			    "Resolves routine complaints with help.";
		}
	}
	t.cols = cols;
	t.ncols = 1 + NLEVELS;
	t.cells = cells;
	t.nrows = 3;
	t.blank = 0;
	lay_heading(L, 1, "Rating form grid", 1);
	lay_table(L, &t);
	{
		struct lay_col ac[3] = { { "Action", 0.55f, TA_LEFT },
			{ "Owner", 0, TA_LEFT }, { "Follow-up date", 0, TA_LEFT } };
		struct lay_table at = { ac, 3, NULL, 0, 4 };

		lay_heading(L, 2, "Agreed actions", 0);
		lay_table(L, &at);
	}
}

static void
case_legend(struct lay *L)
{
	struct lay_level lv[NLEVELS];
	struct lay_chip chips[4] = {
		{ LS_GREEN, "Green 12" }, { LS_YELLOW, "Yellow 3" },
		{ LS_RED, "Red 1" }, { LS_UNRATED, "Not rated 2" }
	};
	int i;

	for (i = 0; i < NLEVELS; i++) {
		lv[i].value = i + 1;
		lv[i].label = level_labels[i];
	}
	lay_heading(L, 1, "Scale legend and chips", 1);
	lay_scale_legend(L, lv, 3);
	lay_scale_legend(L, lv, 6);
	lay_scale_legend(L, lv, NLEVELS);
	lay_chips(L, chips, 4);
}

static void
case_signatures(struct lay *L)
{
	const char *signers[2] = { "Employee", "Manager — 王芳" };

	lay_heading(L, 1, "Comments", 0);
	lay_lines(L, 4, 0);
	lay_signatures(L, signers, 2);
	lay_spacer(L, 20);
}

static void
case_bars(struct lay *L)
{
	struct lay_bar bars[NCOMP];
	char txt[NCOMP][16];
	struct lay_bars b;
	int i;

	for (i = 0; i < NCOMP; i++) {
		double v = 1 + (double)(i * 37 % 50) / 10;

		snprintf(txt[i], sizeof txt[i], "%.2f", v);
		bars[i].label = i == 4 ? long_word : comp_titles[i];
		bars[i].value = i == 7 ? NAN : v;
		bars[i].marker = 3 + i % 3;
		bars[i].status = status_of(bars[i].value, bars[i].marker);
		bars[i].value_text = i == 7 ? "Not rated" : txt[i];
	}
	b.bars = bars;
	b.n = NCOMP;
	b.min = 1;
	b.max = 6;
	b.marker_label = "Expected";
	lay_heading(L, 1, "Bars", 1);
	lay_bars(L, &b);
}

static void
case_radar(struct lay *L, size_t naxes)
{
	const char *axes[NCOMP];
	double v[3][NCOMP];
	struct lay_series s[3] = {
		{ "Manager", TC_MANAGER, v[0], 0 },
		{ "Self", TC_SELF, v[1], 2 },
		{ "Expected", TC_EXPECTED, v[2], 4 }
	};
	struct lay_radar r;
	size_t i;

	for (i = 0; i < naxes; i++) {
		axes[i] = comp_titles[i];
		v[0][i] = 1 + (double)(i * 37 % 50) / 10;
		v[1][i] = i == 3 ? NAN : 1 + (double)(i * 23 % 50) / 10;
		v[2][i] = 4;
	}
	r.axes = axes;
	r.naxes = naxes;
	r.series = s;
	r.nseries = 3;
	r.min = 1;
	r.max = 6;
	r.size = 0;
	lay_heading(L, 1, naxes > 8 ? "Radar of 30 competencies" : "Radar", 1);
	lay_radar(L, &r);
}

static void
case_heatmap(struct lay *L, size_t ncols)
{
	const char *cols[NCOMP], *rows[NPEOPLE];
	struct lay_cell cells[NPEOPLE * NCOMP];
	char txt[NPEOPLE * NCOMP][8];
	struct lay_heatmap h;
	size_t r, c;

	for (c = 0; c < ncols; c++)
		cols[c] = comp_titles[c];
	for (r = 0; r < NPEOPLE; r++) {
		rows[r] = names[r];
		for (c = 0; c < ncols; c++) {
			struct lay_cell *x = &cells[r * ncols + c];
			double s = 1 + (double)((r * 31 + c * 7) % 50) / 10;

			snprintf(txt[r * ncols + c], 8, "%.1f", s);
			memset(x, 0, sizeof *x);
			x->text = (r + c) % 11 == 0 ? NULL : txt[r * ncols + c];
			x->status = x->text == NULL ? LS_UNRATED :
			    status_of(s, 3.5);
		}
	}
	h.rows = rows;
	h.nrows = NPEOPLE;
	h.cols = cols;
	h.ncols = ncols;
	h.cells = cells;
	h.key[0] = "Red";
	h.key[1] = "Yellow";
	h.key[2] = "Green";
	lay_heading(L, 1, "Heatmap", 1);
	lay_heatmap(L, &h);
}

static void
case_histogram(struct lay *L)
{
	double counts[4 * NLEVELS];
	const char *rows[4] = { comp_titles[0], comp_titles[1], long_word,
		comp_titles[8] };
	struct lay_histogram h;
	int i;

	for (i = 0; i < 4 * NLEVELS; i++)
		counts[i] = (double)((i * 7) % 5);
	h.levels = level_labels;
	h.nlevels = NLEVELS;
	h.rows = rows;
	h.nrows = 1;
	h.counts = counts;
	h.height = 0;
	lay_heading(L, 1, "Histogram", 1);
	lay_histogram(L, &h);
	h.nrows = 4;
	lay_histogram(L, &h);
	memset(counts, 0, sizeof counts);
	h.nrows = 1;
	lay_histogram(L, &h);           /* empty data */
}

static void
case_calibration(struct lay *L)
{
	struct lay_calib rows[6] = {
		{ "王芳", 40, 4.1, 0.62, 1 }, { "Zoë Ångström", 22, 3.4, -0.08, 0 },
		{ "Maximiliana Wolfeschlegelsteinhausen-Bergerdorff", 12, 2.9,
		    -0.58, 1 }, { "김민준", 30, 3.5, 0.02, 0 },
		{ "José Müller", 8, 3.2, -0.28, 0 }, { "Łukasz Żółć", 1, 5.5, 2.02, 1 }
	};
	struct lay_calibration c = { rows, 6, 0.5, "Ratings", "Mean given",
		"Difference vs organisation" };

	lay_heading(L, 1, "Calibration", 1);
	lay_calibration(L, &c);
}

static void
case_empty(struct lay *L)
{
	struct lay_bars b = { NULL, 0, 1, 6, NULL };
	struct lay_radar r = { NULL, 0, NULL, 0, 1, 6, 0 };
	struct lay_heatmap h = { NULL, 0, NULL, 0, NULL, { NULL, NULL, NULL } };
	struct lay_histogram hi = { NULL, 0, NULL, 0, NULL, 0 };
	struct lay_table t = { NULL, 0, NULL, 0, 0 };
	struct lay_calibration c = { NULL, 0, 0.5, "R", "M", "D" };

	lay_heading(L, 1, "Empty data", 1);
	lay_bars(L, &b);
	lay_radar(L, &r);
	lay_heatmap(L, &h);
	lay_histogram(L, &hi);
	lay_table(L, &t);
	lay_calibration(L, &c);
	lay_bullets(L, TS_BODY, NULL, 0);
	lay_kv_grid(L, NULL, 0, 3);
	lay_paragraph(L, TS_BODY, "");
}

static void
set_vars(struct lay *L, const char *person)
{
	lay_var(L, TV_PERSON_NAME, person);
	lay_var(L, TV_ORGANIZATION, "Example Corp — Customer Success");
	lay_var(L, TV_CYCLE_TITLE, "Customer success review, H1 2026");
	lay_var(L, TV_DOCUMENT, "Layout specimen");
	lay_var(L, TV_RUBRIC_TITLE, "CSM performance scorecard");
}

static void
case_packet(struct lay *L)
{
	struct lay_entry e[4] = {
		{ "Team summary", "team", 0 },
		{ names[1], "p1", 0 }, { "Scorecard", "p1-s", 1 },
		{ names[2], "p2", 0 }
	};

	lay_part(L, TD_MANAGER_PACKET, "Cover", 0, "C-");
	set_vars(L, NULL);
	lay_title(L, "Manager packet");
	lay_page_break(L);
	lay_heading(L, 1, "Contents", 0);
	lay_contents(L, e, 4);
	lay_part(L, TD_TEAM, "Team summary", 0, "T-");
	set_vars(L, NULL);
	lay_anchor(L, "team");
	lay_title(L, "Team summary");
	lay_part(L, TD_SCORECARD, names[1], 0, "S-");
	set_vars(L, names[1]);
	lay_anchor(L, "p1");
	lay_title(L, "Scorecard");
	lay_anchor(L, "p1-s");
	case_table(L, 30);
	lay_part(L, TD_SCORECARD, names[2], 0, NULL);
	set_vars(L, names[2]);
	lay_anchor(L, "p2");
	lay_title(L, "Scorecard");
}

/* case_scorecard: about what a one-page scorecard lays out, for -n. */
static void
case_scorecard(struct lay *L)
{
	struct lay_kv kv[9] = {
		{ "Name", "Nguyễn Thị Ngọc Ánh" }, { "Job title", "Senior CSM" },
		{ "Department", "Customer Success" }, { "Manager", "王芳" },
		{ "Supervisory", "No" }, { "Employment", "Salary" },
		{ "Review date", "2026-07-15" }, { "Period", "2026 H1" },
		{ "Overall rating", "4.25 Exceeds expectations" }
	};
	struct lay_level lv[6];
	struct lay_col cols[5] = { { "Competency", 0.4f, TA_LEFT },
		{ "Score", 0, TA_RIGHT }, { "Manager", 0, TA_RIGHT },
		{ "Self", 0, TA_RIGHT }, { "Status", 0, TA_CENTER } };
	struct lay_cell cells[7 * 5];
	struct lay_table t = { cols, 5, cells, 7, 0 };
	const char *signers[2] = { "Employee", "Manager" };
	int i;

	for (i = 0; i < 6; i++) {
		lv[i].value = i + 1;
		lv[i].label = level_labels[i];
	}
	memset(cells, 0, sizeof cells);
	for (i = 0; i < 7; i++) {
		cells[i * 5].text = comp_titles[i];
		cells[i * 5 + 1].text = "4.25";
		cells[i * 5 + 2].text = "4.50";
		cells[i * 5 + 3].text = "4.00";
		cells[i * 5 + 4].kind = LC_CHIP;
		cells[i * 5 + 4].status = LS_GREEN;
		cells[i * 5 + 4].text = "Green";
	}
	lay_title(L, "Scorecard");
	lay_kv_grid(L, kv, 9, 3);
	lay_scale_legend(L, lv, 6);
	lay_heading(L, 2, "Customer success skills", 0);
	lay_table(L, &t);
	lay_heading(L, 2, "Business skills", 0);
	lay_table(L, &t);
	lay_signatures(L, signers, 2);
}

static void
run_case(struct lay *L, const char *c)
{
	int all = strcmp(c, "all") == 0;

	if (all || strcmp(c, "title") == 0)
		lay_title(L, "Layout specimen — Nguyễn Thị Ngọc Ánh 王芳 김민준");
	if (all || strcmp(c, "paragraph") == 0)
		case_text(L);
	if (all || strcmp(c, "kv_grid") == 0)
		case_kv(L);
	if (all || strcmp(c, "table") == 0)
		case_table(L, 6);
	if (all || strcmp(c, "form") == 0)
		case_form(L);
	if (all || strcmp(c, "scale_legend") == 0)
		case_legend(L);
	if (all || strcmp(c, "signature_lines") == 0)
		case_signatures(L);
	if (all || strcmp(c, "bars") == 0)
		case_bars(L);
	if (all || strcmp(c, "radar") == 0) {
		case_radar(L, 6);
		case_radar(L, NCOMP);
	}
	if (all || strcmp(c, "heatmap") == 0) {
		case_heatmap(L, 6);
		case_heatmap(L, NCOMP);
	}
	if (all || strcmp(c, "histogram") == 0)
		case_histogram(L);
	if (all || strcmp(c, "calibration") == 0)
		case_calibration(L);
	if (all || strcmp(c, "empty") == 0)
		case_empty(L);
	if (all || strcmp(c, "page_break") == 0) {
		lay_page_break(L);
		lay_paragraph(L, TS_BODY, "After a page break.");
	}
	if (strcmp(c, "table200") == 0)
		case_table(L, 200);
	if (strcmp(c, "scorecard") == 0)
		case_scorecard(L);
}

/* What to lay out, for laying it out again. */
struct job {
	enum tmpl_doc doc;
	int argc, first;
	char **argv;
};

static void layout(struct lay *L, enum tmpl_doc doc, int argc, char **argv,
    int first);

static const struct dl_doc *
relayout_job(struct lay *L, const struct job *j)
{
	layout(L, j->doc, j->argc, j->argv, j->first);
	return lay_finish(L);
}

static void
layout(struct lay *L, enum tmpl_doc doc, int argc, char **argv, int first)
{
	struct dl_info info = { "Layout specimen — Zoë", "revpack", NULL,
		"revpack laydump", NULL, 0, 0 };
	int i;

	lay_begin(L, &info);
	if (first < argc && strcmp(argv[first], "packet") == 0) {
		case_packet(L);
		return;
	}
	lay_part(L, doc, "Specimen", 0, NULL);
	set_vars(L, names[0]);
	if (first >= argc)
		run_case(L, "all");
	for (i = first; i < argc; i++)
		run_case(L, argv[i]);
}

/* collect: every code point the display list prints. */
static void
collect(const struct dl_doc *dl, struct cpset *used)
{
	size_t p, i;

	for (p = 0; p < dl->npages; p++)
		for (i = 0; i < dl->pages[p].n; i++)
			if (dl->pages[p].items[i].kind == DL_TEXT)
				cpset_add_utf8(used, dl->pages[p].items[i].text,
				    dl->pages[p].items[i].len);
}

static void
remove_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char path[512];

	while (dp != NULL && (e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (dp != NULL)
		closedir(dp);
	rmdir(dir);
}

/* laydump_pdf: subsets the fonts to what the first layout printed, lays
 * the specimen out again and writes it as PDF. */
static int
laydump_pdf(struct lay *L, struct fontset *fs, const struct job *j,
    const char *path, struct diag *d)
{
	const struct dl_doc *dl = relayout_job(L, j);
	struct cpset *used = calloc(1, sizeof *used);
	char tmp[] = "/tmp/laydump.XXXXXX";
	struct pdfdev *dev;
	struct buf b;
	FILE *f;
	int rc = 1;

	collect(dl, used);
	if (mkdtemp(tmp) == NULL || fontset_subset(fs, used, tmp, d) != 0) {
		free(used);
		return 1;
	}
	dl = relayout_job(L, j);
	dev = pdfdev_new(fs);
	buf_init(&b);
	if (pdfdev_render(dev, dl, &b, d) == 0) {
		f = fopen(path, "wb");
		rc = f == NULL || fwrite(b.p, 1, b.len, f) != b.len;
		if (f != NULL && fclose(f) != 0)
			rc = 1;
	}
	buf_free(&b);
	pdfdev_free(dev);
	remove_dir(tmp);
	free(used);
	return rc;
}

static int
find_doc(const char *s)
{
	int i;

	for (i = 0; i < NTMPL_DOCS; i++)
		if (strcmp(s, tmpl_doc_name((enum tmpl_doc)i)) == 0)
			return i;
	return -1;
}

int
main(int argc, char **argv)
{
	const char *tpath = NULL, *pdf = NULL;
	int doc = TD_SCORECARD, repeat = 0, i = 1, st = 0;
	struct diag *d = diag_new(stderr);
	struct tmpl *t;
	struct fontset *fs;
	struct lay *L;
	const struct dl_doc *dl;
	struct buf out;
	struct job job;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "-t") == 0)
			tpath = argv[i + 1];
		else if (strcmp(argv[i], "-d") == 0)
			doc = find_doc(argv[i + 1]);
		else if (strcmp(argv[i], "-o") == 0)
			pdf = argv[i + 1];
		else if (strcmp(argv[i], "-n") == 0)
			repeat = (int)strtol(argv[i + 1], NULL, 10);
		else
			doc = -1;
	}
	if (doc < 0) {
		fprintf(stderr, "usage: laydump [-t TEMPLATE] [-d DOC] "
		    "[-o FILE.pdf] [-n REPEAT] [CASE...]\n");
		return 2;
	}
	init_data();
	t = tpath != NULL ? tmpl_load(tpath, d) : tmpl_builtin(d);
	fs = t != NULL ? fontset_new(&t->fonts, d) : NULL;
	if (fs == NULL) {
		tmpl_free(t);
		diag_free(d);
		return 1;
	}
	L = lay_new(t, fs, d);
	if (repeat > 0) {
		struct timespec a, b;
		int k;

		clock_gettime(CLOCK_MONOTONIC, &a);
		for (k = 0; k < repeat; k++) {
			layout(L, (enum tmpl_doc)doc, argc, argv, i);
			lay_finish(L);
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		fprintf(stderr, "%.2f us per layout\n", ((double)(b.tv_sec -
		    a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / 1e3 /
		    repeat);
	}
	job.doc = (enum tmpl_doc)doc;
	job.argc = argc;
	job.argv = argv;
	job.first = i;
	buf_init(&out);
	if (pdf != NULL)
		st = laydump_pdf(L, fs, &job, pdf, d);
	else if (repeat == 0) {
		dl = relayout_job(L, &job);
		textdev_render(dl, fs, &out);
	}
	if (out.len > 0)
		fwrite(out.p, 1, out.len, stdout);
	buf_free(&out);
	lay_free(L);
	fontset_free(fs);
	tmpl_free(t);
	diag_free(d);
	return st;
}
