/* test_lay.c: the layout engine: line breaking (spaces, hyphens, CJK and
 * its punctuation, Hangul, long words, newlines), placeholders, page
 * breaks (table headers repeated, rows whole, "(continued)", signatures
 * never alone on a page), headers and footers with page numbers, that no
 * text leaves its page's margins, and that the engine's memory of
 * measured texts never changes a page. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lay.h"
#include "lay_int.h"

static struct diag *d;
static struct tmpl *t;
static struct fontset *fs;
static struct lay *L;

#define MAXL 64

/* lines_of: breaks text at width; copies line i into out[i]. */
static size_t
lines_of(const char *text, float width, char out[][256])
{
	const char *starts[MAXL];
	size_t lens[MAXL], n, i;

	lay_begin(L, NULL);
	n = lay_break_lines(L, TS_BODY, text, width, starts, lens, MAXL);
	for (i = 0; i < n && i < MAXL; i++)
		snprintf(out[i], 256, "%.*s", (int)lens[i], starts[i]);
	return n;
}

static float
width_of(const char *s)
{
	return fontset_width(fs, FONT_REGULAR, s, strlen(s)) * 9.5f / 1000;
}

static void
test_spaces(void)
{
	char l[MAXL][256];
	size_t n = lines_of("alpha beta gamma delta", width_of("gamma delta") +
	    1, l);

	CHECK_INT(n, 2);
	CHECK_STR(l[0], "alpha beta");
	CHECK_STR(l[1], "gamma delta");
	n = lines_of("alpha beta", 1000, l);
	CHECK_INT(n, 1);
	CHECK_STR(l[0], "alpha beta");
}

static void
test_hyphen(void)
{
	char l[MAXL][256];
	size_t n = lines_of("self-assessment", width_of("assessment") + 1, l);

	CHECK_INT(n, 2);
	CHECK_STR(l[0], "self-");
	CHECK_STR(l[1], "assessment");
	/* a leading minus is not a break */
	n = lines_of("-0.58", width_of("-0.5"), l);
	CHECK(strcmp(l[0], "-") != 0);
}

static void
test_long_word(void)
{
	static const char w[] =
	    "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunter";
	char l[MAXL][256];
	float max = width_of("Donaudampf");
	size_t n = lines_of(w, max, l), i;
	char joined[256] = "";

	CHECK(n >= 5);
	for (i = 0; i < n; i++) {
		CHECK(width_of(l[i]) <= max + 0.01f);
		CHECK(strlen(l[i]) > 0);
		strncat(joined, l[i], sizeof joined - strlen(joined) - 1);
	}
	CHECK_STR(joined, w);           /* nothing lost, UTF-8 whole */
}

static void
test_cjk(void)
{
	static const char s[] = "顧客の苦情対応は、問題を迅速に把握し、解決策を"
	    "提示し、顧客との信頼関係を維持することが求められる。";
	char l[MAXL][256];
	float max = width_of("顧客の苦情対応");
	size_t n = lines_of(s, max, l), i;
	char joined[512] = "";

	CHECK(n >= 5);
	for (i = 0; i < n; i++) {
		CHECK(width_of(l[i]) <= max + 0.01f);
		/* never a line that starts with closing punctuation */
		CHECK(strncmp(l[i], "、", 3) != 0);
		CHECK(strncmp(l[i], "。", 3) != 0);
		strncat(joined, l[i], sizeof joined - strlen(joined) - 1);
	}
	CHECK_STR(joined, s);
}

static void
test_hangul(void)
{
	char l[MAXL][256];
	size_t n = lines_of("고객 불만 처리는 문제를", width_of("고객 불만 처리"),
	    l);

	CHECK_INT(n, 2);
	CHECK_STR(l[0], "고객 불만");
	CHECK_STR(l[1], "처리는 문제를");
}

static void
test_newlines(void)
{
	char l[MAXL][256];
	size_t n = lines_of("one\r\ntwo\n\nthree\tfour", 1000, l);

	CHECK_INT(n, 4);
	CHECK_STR(l[0], "one");
	CHECK_STR(l[1], "two");
	CHECK_STR(l[2], "");
	CHECK_STR(l[3], "three four");
	n = lines_of("", 100, l);
	CHECK_INT(n, 1);
	CHECK_STR(l[0], "");
	/* a no-break space holds */
	n = lines_of("10\xc2\xa0pt of text", width_of("10 pt") + 1, l);
	CHECK_STR(l[0], "10\xc2\xa0pt");
	/* LINE SEPARATOR, PARAGRAPH SEPARATOR and NEL end lines too (a
	 * comment pasted from a web form or a JSON export); other C1
	 * controls are spaces */
	n = lines_of("one\xe2\x80\xa8two\xe2\x80\xa9three\xc2\x85" "four"
	    "\xc2\x86" "five", 1000, l);
	CHECK_INT(n, 4);
	CHECK_STR(l[0], "one");
	CHECK_STR(l[1], "two");
	CHECK_STR(l[2], "three");
	CHECK_STR(l[3], "four five");
}

static void
test_expand(void)
{
	lay_begin(L, NULL);
	lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	lay_var(L, TV_PERSON_NAME, "Zoë");
	CHECK_STR(lay_expand(L, "{words.scorecard}: {person.name} {{x}} "
	    "{manager.name}."), "Scorecard: Zoë {x} .");
	CHECK_STR(lay_expand(L, "a } b"), "a } b");
	CHECK_STR(lay_expand(L, "{words.page_of}"), "Page  of ");
	CHECK_STR(lay_word(L, TW_OVERALL), "Overall rating");
}

/* text_of: the text items of page p joined by '|'. */
static void
text_of(const struct dl_doc *doc, size_t p, struct buf *b)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < doc->pages[p].n; i++) {
		const struct dl_item *it = &doc->pages[p].items[i];

		if (it->kind == DL_TEXT) {
			buf_put(b, it->text, it->len);
			buf_putc(b, '|');
		}
	}
}

/* inside: every item lies on its page, text within the margins. */
static int
inside(const struct dl_doc *doc, const struct tmpl_page *pg)
{
	size_t p, i;

	for (p = 0; p < doc->npages; p++)
		for (i = 0; i < doc->pages[p].n; i++) {
			const struct dl_item *it = &doc->pages[p].items[i];

			if (it->kind != DL_TEXT)
				continue;
			if (it->x < pg->left - 0.01f || it->x + it->w >
			    pg->width - pg->right + 0.01f || it->y < 0 ||
			    it->y > pg->height)
				return 0;
		}
	return 1;
}

static void
test_table_pages(void)
{
	struct lay_col cols[3] = { { "Competency", 0.5f, TA_LEFT },
		{ "Score", 0, TA_RIGHT }, { "Note", 0, TA_LEFT } };
	struct lay_cell *cells = calloc(200 * 3, sizeof *cells);
	char (*names)[32] = calloc(200, sizeof *names);
	struct lay_table tb;
	const struct dl_doc *doc;
	struct buf b;
	size_t r, p, seen = 0;

	for (r = 0; r < 200; r++) {
		snprintf(names[r], sizeof names[r], "Row %zu", r + 1);
		cells[r * 3].text = names[r];
		cells[r * 3 + 1].text = "4.25";
		cells[r * 3 + 2].text = r % 10 == 0 ? "A note long enough to "
		    "wrap over two or three lines of this narrow column." : "";
	}
	tb.cols = cols;
	tb.ncols = 3;
	tb.cells = cells;
	tb.nrows = 200;
	tb.blank = 0;
	lay_begin(L, NULL);
	lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	lay_heading(L, 1, "Scores", 1);
	lay_table(L, &tb);
	doc = lay_finish(L);
	CHECK(doc->npages >= 4);
	buf_init(&b);
	for (p = 0; p < doc->npages; p++) {
		const char *h;

		text_of(doc, p, &b);
		/* every page: the header row, the footer's page number */
		CHECK(strstr(b.p, "Competency|Score|Note|") != NULL);
		CHECK(strstr(b.p, arena_printf(doc->arena, "Page %zu of %zu",
		    p + 1, doc->npages)) != NULL);
		if (p > 0)
			CHECK(strstr(b.p, "Scores (continued)|") != NULL);
		/* rows in order, none missing, none twice */
		for (h = strstr(b.p, "|Row "); h != NULL;
		    h = strstr(h + 1, "|Row ")) {
			CHECK_INT(strtol(h + 5, NULL, 10), (long)seen + 1);
			seen++;
		}
	}
	CHECK_INT(seen, 200);
	CHECK(inside(doc, &tmpl_doc(t, TD_SCORECARD)->page));
	/* the outline has the heading */
	CHECK_INT(doc->noutlines, 1);
	CHECK_STR(doc->outlines[0].title, "Scores");
	buf_free(&b);
	free(cells);
	free(names);
}

/* A row taller than a page is split between its lines, not lost. */
static void
test_tall_row(void)
{
	struct lay_col cols[2] = { { "Who", 0.2f, TA_LEFT },
		{ "Comment", 0, TA_LEFT } };
	struct lay_cell cells[2] = { { "Rater", LC_TEXT, LS_NONE, 0, 0 },
		{ NULL, LC_TEXT, LS_NONE, 0, 0 } };
	struct lay_table tb = { cols, 2, cells, 1, 0 };
	struct buf text, all;
	const struct dl_doc *doc;
	size_t i, p, words = 0;

	buf_init(&text);
	buf_init(&all);
	for (i = 0; i < 900; i++)
		buf_printf(&text, "word%zu ", i);
	cells[1].text = text.p;
	lay_begin(L, NULL);
	lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	lay_table(L, &tb);
	doc = lay_finish(L);
	CHECK(doc->npages >= 2);
	for (p = 0; p < doc->npages; p++) {
		text_of(doc, p, &all);
		for (i = 0; i < 900; i++) {
			char w[16];

			snprintf(w, sizeof w, "word%zu ", i);
			if (strstr(all.p, w) != NULL ||
			    (snprintf(w, sizeof w, "word%zu|", i) > 0 &&
			    strstr(all.p, w) != NULL))
				words++;
		}
	}
	CHECK_INT(words, 900);
	CHECK(inside(doc, &tmpl_doc(t, TD_SCORECARD)->page));
	buf_free(&text);
	buf_free(&all);
}

static void
test_contents(void)
{
	struct lay_entry e[2] = { { "First part", "a", 0 },
		{ "Second part", "b", 0 } };
	const struct dl_doc *doc;
	size_t i, links = 0;
	struct buf b;

	lay_begin(L, NULL);
	lay_part(L, TD_MANAGER_PACKET, "Cover", 0, "C-");
	lay_contents(L, e, 2);
	lay_part(L, TD_TEAM, "First", 0, NULL);
	lay_anchor(L, "a");
	lay_paragraph(L, TS_BODY, "one");
	lay_page_break(L);
	lay_paragraph(L, TS_BODY, "two");
	lay_part(L, TD_SCORECARD, "Second", 0, "S-");
	lay_anchor(L, "b");
	doc = lay_finish(L);
	CHECK_INT(doc->npages, 4);
	for (i = 0; i < doc->pages[0].n; i++)
		if (doc->pages[0].items[i].kind == DL_LINK) {
			CHECK_INT(doc->pages[0].items[i].ref, links == 0 ? 1 : 3);
			links++;
		}
	CHECK_INT(links, 2);
	buf_init(&b);
	text_of(doc, 0, &b);
	/* page numbers are drawn once the pages are known */
	CHECK(strstr(b.p, "First part|Second part|") != NULL);
	CHECK(strstr(b.p, "|2|4|") != NULL);
	buf_free(&b);
	CHECK_INT(doc->noutlines, 3);
	CHECK_INT(doc->nlabels, 3);
	CHECK_STR(doc->labels[2].prefix, "S-");
	CHECK_INT(doc->labels[2].page, 3);
}

/* rows_block: the lay_block_fn of test_signatures: a table of three
 * actions under the header "Action | Owner". */
static void
rows_block(void *arg, const struct tmpl_block *b)
{
	struct lay_col cols[2] = { { "Action", 0.6f, TA_LEFT },
		{ "Owner", 0, TA_LEFT } };
	struct lay_cell cells[6];
	struct lay_table tb = { cols, 2, cells, 3, 0 };
	size_t i;

	(void)arg;
	(void)b;
	memset(cells, 0, sizeof cells);
	for (i = 0; i < 3; i++)
		cells[2 * i + 1].text = "Manager";
	cells[0].text = "Row one";
	cells[2].text = "Row two";
	cells[4].text = "Row last";
	lay_table(L, &tb);
}

/* count_of: how often s occurs in the text of the whole document. */
static size_t
count_of(const struct dl_doc *doc, const char *s, struct buf *b)
{
	size_t p, n = 0;
	const char *h;

	for (p = 0; p < doc->npages; p++) {
		text_of(doc, p, b);
		for (h = strstr(b->p, s); h != NULL; h = strstr(h + 1, s))
			n++;
	}
	return n;
}

/* The signatures never stand alone on a page: a paragraph, a gap that
 * pushes the signatures past the page's end by every amount up to a
 * whole block, then bullets (or a table) and the signatures. The last
 * page must hold the bullets' (the table's) last item, under the
 * table's header row, and nothing may be lost or printed twice. */
static void
test_signatures(void)
{
	const char *bul[] = { "First bullet", "Last bullet, long enough to "
		"wrap over three lines of the page: it goes on and on, and on "
		"and on, and on and on, and on and on, and on and on, and on "
		"and on, and on and on, and on and on, and on and on.", NULL };
	const char *signers[] = { "Employee", "Manager", NULL };
	struct tmpl_block bl[4];
	const struct tmpl_page *pg = &tmpl_doc(t, TD_COACHING)->page;
	float body = pg->height - pg->top - pg->bottom, h;
	const struct dl_doc *doc;
	struct buf b;
	int kind, broke = 0;

	buf_init(&b);
	memset(bl, 0, sizeof bl);
	bl[0].type = TB_PARAGRAPH;
	bl[0].text = "Intro";
	bl[1].type = TB_SPACER;
	bl[3].type = TB_SIGNATURE_LINES;
	bl[3].items = signers;
	bl[3].nitems = 2;
	for (kind = 0; kind < 2; kind++)
		for (h = body - 300; h < body; h += 1) {
			const char *last = kind ? "Row last|" : "and on and on.|";

			bl[1].height = h;
			bl[2].type = kind ? TB_TABLE : TB_BULLETS;
			bl[2].data = kind ? "actions" : NULL;
			bl[2].items = bul;
			bl[2].nitems = 2;
			lay_begin(L, NULL);
			lay_part(L, TD_COACHING, NULL, 0, NULL);
			lay_blocks(L, bl, 4, rows_block, NULL);
			doc = lay_finish(L);
			broke += doc->npages > 1;
			text_of(doc, doc->npages - 1, &b);
			CHECK(strstr(b.p, "Employee|") != NULL);
			if (strstr(b.p, last) == NULL) {
				printf("  %s, gap %.0f pt: last page %s\n", kind ?
				    "table" : "bullets", h, b.p);
				buf_free(&b);
				CHECK(!"the signatures alone on the last page");
			}
			if (kind && doc->npages > 1)
				CHECK(strstr(b.p, "Action|Owner|") != NULL);
			CHECK_INT(count_of(doc, last, &b), 1);
			CHECK_INT(count_of(doc, kind ? "Row one|" :
			    "First bullet|", &b), 1);
			CHECK_INT(count_of(doc, "Employee|", &b), 1);
			CHECK(inside(doc, pg));
		}
	CHECK(broke > 50);
	buf_free(&b);
}

/* A template's placeholders reach the header and footer. */
static void
test_bands(void)
{
	const struct dl_doc *doc;
	struct buf b;

	lay_begin(L, NULL);
	lay_part(L, TD_SCORECARD, NULL, 0, NULL);
	lay_var(L, TV_ORGANIZATION, "Example Corp");
	lay_var(L, TV_PERSON_NAME, "王芳");
	lay_var(L, TV_DOCUMENT, "Scorecard");
	lay_title(L, "Title");
	doc = lay_finish(L);
	buf_init(&b);
	text_of(doc, 0, &b);
	CHECK(strstr(b.p, "Example Corp|") != NULL);
	CHECK(strstr(b.p, "王芳|") != NULL);
	CHECK(strstr(b.p, "Page 1 of 1|") != NULL);
	buf_free(&b);
}

/* Oversized content on a small page (a slide without footer): every text
 * stays between the margins, none below the bottom one. */
static void
test_overflow(void)
{
	static const char y[] = "page: { size: \"16:9\", margins: 40 }\n"
	    "footer: ~\nheader: ~\n";
	struct ydoc *doc = ydoc_parse("slide.yaml", y, strlen(y), d);
	struct tmpl *st = doc != NULL ? tmpl_from_yaml(doc, d) : NULL;
	struct lay *S;
	struct buf big;
	struct lay_kv kv[2];
	const char *signers[40];
	struct lay_level lv[3] = { { 1, NULL }, { 2, "Two" }, { 3, NULL } };
	const struct dl_doc *out;
	size_t i, p;

	CHECK(st != NULL);
	S = lay_new(st, fs, d);
	buf_init(&big);
	for (i = 0; i < 400; i++)
		buf_printf(&big, "word%zu ", i);
	lv[0].label = big.p;
	lv[2].label = big.p;
	kv[0].key = "Key";
	kv[0].value = big.p;
	kv[1].key = big.p;
	kv[1].value = "v";
	for (i = 0; i < 40; i++)
		signers[i] = "Signer";
	lay_begin(S, NULL);
	lay_part(S, TD_HANDOUT, NULL, 0, NULL);
	lay_title(S, big.p);
	lay_heading(S, 1, big.p, 1);
	lay_kv_grid(S, kv, 2, 2);
	lay_scale_legend(S, lv, 3);
	lay_signatures(S, signers, 40);
	lay_lines(S, 60, 0);
	out = lay_finish(S);
	CHECK(out->npages > 3);
	for (p = 0; p < out->npages; p++)
		for (i = 0; i < out->pages[p].n; i++) {
			const struct dl_item *it = &out->pages[p].items[i];

			if (it->kind != DL_TEXT && it->kind != DL_LINE)
				continue;
			CHECK(it->y - (it->kind == DL_TEXT ? 0.25f * it->size : 0)
			    >= 40 - 0.5f);
			CHECK(it->x >= 40 - 0.01f);
			CHECK(it->x + it->w <= 960 - 40 + 0.01f);
		}
	CHECK(inside(out, &tmpl_doc(st, TD_HANDOUT)->page));
	lay_free(S);
	buf_free(&big);
	tmpl_free(st);
	ydoc_free(doc);
}

/* Every shipped template loads; a small one falls back to the built-in
 * blocks. */
static void
test_templates(void)
{
	static const char *const names[] = { "default", "letter", "branded",
		"slides" };
	size_t i;

	for (i = 0; i < NELEM(names); i++) {
		char path[64];
		struct tmpl *x;

		snprintf(path, sizeof path, "templates/%s.yaml", names[i]);
		x = tmpl_load(path, d);
		CHECK(x != NULL);
		CHECK(tmpl_doc(x, TD_HANDOUT)->nblocks > 0);
		CHECK(tmpl_doc(x, TD_DECK)->page.width >
		    tmpl_doc(x, TD_DECK)->page.height);
		tmpl_free(x);
	}
	CHECK_INT(diag_errors(d), 0);
}

/* specimen: a document that measures texts every way the engine does
 * (titles, paragraphs, bullets, key-value grids with values cut to six
 * lines, tables with narrow columns and chips, legend labels, radar
 * labels cut to two lines, headers and footers), as a text dump. */
static void
specimen(struct lay *E, struct buf *out)
{
	static const char *const bullets[] = { "Listens first", "Explains "
		"the plan in words a customer can repeat; follows up in "
		"writing", "Ships" };
	static const char *const axes[] = { "Product knowledge",
		"Communication with customers and the wider account team, "
		"including escalations and their follow-up", "Planning",
		"Teamwork" };
	static const double vals[] = { 3.5, 2, 4.25, NAN };
	static const struct lay_level lv[] = { { 1, "Basic awareness of "
		"the topic" }, { 2, "Applied" }, { 3, "Intermediate "
		"proficiency with some supervision needed" } };
	static const struct lay_chip chips[] = { { LS_GREEN, "Green 3" },
		{ LS_RED, "Red 1" } };
	struct lay_col cols[4] = { { "Competency", 0.4f, TA_LEFT },
		{ "Score", 0.08f, TA_RIGHT }, { "Status", 0.1f, TA_CENTER },
		{ "Descriptor", 0, TA_LEFT } };
	struct lay_cell cells[4 * 6];
	struct lay_kv kv[3] = { { "Name", "Zoë Ångström" }, { "Manager",
		"A value long enough to be cut after six lines of its narrow "
		"column: it goes on and on, and on and on, and on and on, and "
		"on and on, and on and on, and on and on, and on, and on" },
		{ "Date", NULL } };
	struct lay_series sr = { "Self", TC_ACCENT, vals, 0 };
	struct lay_radar rd;
	struct lay_table tb;
	size_t r;

	memset(cells, 0, sizeof cells);
	for (r = 0; r < 6; r++) {
		cells[r * 4].text = r % 2 ? "Customer communication" :
		    "Self-assessment and planning";
		cells[r * 4].bold = 1;
		cells[r * 4 + 1].text = r % 3 ? "4.25" : "3.00";
		cells[r * 4 + 2].text = r % 2 ? "Green" : "Red";
		cells[r * 4 + 2].kind = LC_CHIP;
		cells[r * 4 + 2].status = r % 2 ? LS_GREEN : LS_RED;
		cells[r * 4 + 3].text = "Explains the plan; adapts to the "
		    "audience.\nFollows up in writing.";
	}
	memset(&tb, 0, sizeof tb);
	tb.cols = cols;
	tb.ncols = 4;
	tb.cells = cells;
	tb.nrows = 6;
	memset(&rd, 0, sizeof rd);
	rd.axes = axes;
	rd.naxes = 4;
	rd.series = &sr;
	rd.nseries = 1;
	rd.min = 1;
	rd.max = 5;
	lay_begin(E, NULL);
	lay_part(E, TD_SCORECARD, "Scorecard", 0, "S-");
	lay_var(E, TV_PERSON_NAME, "Zoë Ångström");
	lay_title(E, "Scorecard — Zoë Ångström");
	lay_kv_grid(E, kv, 3, 3);
	lay_heading(E, 1, "Competencies and a heading long enough to wrap "
	    "over two lines of the page, or nearly", 1);
	lay_table(E, &tb);
	lay_scale_legend(E, lv, 3);
	lay_chips(E, chips, 2);
	lay_radar(E, &rd);
	lay_paragraph(E, TS_BODY, "A paragraph of comments, written as "
	    "the manager wrote it:\r\nwith a line break,\ta tab and "
	    "self-assessment-heavy hyphenation that wraps somewhere.");
	lay_bullets(E, TS_BODY, bullets, 3);
	lay_table(E, &tb);
	textdev_render(lay_finish(E), fs, out);
}

/* The same document from a fresh engine, from one that has laid it out
 * before (its memory warm), and from one that may keep nothing: the same
 * dump, three times. */
static void
test_memo_same_pages(void)
{
	struct lay *E = lay_new(t, fs, d);
	struct buf cold, warm, none;

	buf_init(&cold);
	buf_init(&warm);
	buf_init(&none);
	specimen(E, &cold);
	specimen(E, &warm);
	specimen(E, &warm);     /* twice: the second one from memory */
	memo_budget(E->memo, 0);
	specimen(E, &none);
	CHECK(cold.len > 1000);
	CHECK(strstr(cold.p, "\xe2\x80\xa6") != NULL);   /* a cut text */
	CHECK_STR(warm.p + cold.len, cold.p);
	CHECK_STR(none.p, cold.p);
	buf_free(&cold);
	buf_free(&warm);
	buf_free(&none);
	lay_free(E);
}

/* A memo filled with many small texts (more than its table may hold
 * within the budget) says it is full, and after memo_start it remembers
 * again: its table must not stay grown past the budget, which left every
 * later file with a cleared memo of megabytes and nothing remembered. */
static void
test_memo_full_then_again(void)
{
	struct lay_memo *m = memo_new();
	struct memo_key k;
	char text[32];
	size_t n, i;
	int full = 0;

	for (i = 0; i < 1000000 && !full; i++) {
		int len = snprintf(text, sizeof text, "t%zu", i);

		memo_key(&k, MK_RUNS, 1, 2, 3, text, (size_t)len);
		full = memo_put(m, &k, 8, 1) == NULL;
	}
	CHECK(full);
	CHECK(i > 10000);
	memo_start(m);          /* the next file */
	memo_key(&k, MK_RUNS, 1, 2, 3, "again", 5);
	CHECK(memo_put(m, &k, 8, 1) != NULL);
	CHECK(memo_get(m, &k, &n) != NULL && n == 1);
	memo_free(m);
}

int
main(void)
{
	d = diag_new(stderr);
	t = tmpl_builtin(d);
	fs = fontset_new(&t->fonts, d);
	if (fs == NULL) {
		printf("FAIL test_lay: no fontset\n");
		return 1;
	}
	L = lay_new(t, fs, d);
	RUN(test_spaces);
	RUN(test_hyphen);
	RUN(test_long_word);
	RUN(test_cjk);
	RUN(test_hangul);
	RUN(test_newlines);
	RUN(test_expand);
	RUN(test_table_pages);
	RUN(test_tall_row);
	RUN(test_contents);
	RUN(test_signatures);
	RUN(test_bands);
	RUN(test_overflow);
	RUN(test_templates);
	RUN(test_memo_same_pages);
	RUN(test_memo_full_then_again);
	lay_free(L);
	fontset_free(fs);
	tmpl_free(t);
	diag_free(d);
	return CHECK_EXIT();
}
