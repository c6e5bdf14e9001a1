/* test_fonts.c: the fontset: faces by family and by file, widths against
 * the fonts' own advances, fallback per code point, placeholders and
 * their warnings, subsets. Needs the default fonts (make deps). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fonts.h"
#include "ttf.h"

#define LIB "/usr/share/fonts/truetype/liberation2/"

static struct fontset *
default_set(struct diag *d)
{
	struct font_request req;

	font_request_default(&req);
	return fontset_new(&req, d);
}

static float
w(const struct fontset *fs, enum font_style st, const char *s)
{
	return fontset_width(fs, st, s, strlen(s));
}

/* Runs collected into a string "face:text|face:text|". */
struct runs {
	char out[512];
	float sum;
};

static void
collect(void *ctx, const struct font_run *r)
{
	struct runs *rs = ctx;
	size_t n = strlen(rs->out);

	snprintf(rs->out + n, sizeof(rs->out) - n, "%d:%.*s|", r->face,
	    (int)r->len, r->s);
	rs->sum += r->width;
}

static void
test_widths(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = default_set(d);

	CHECK(fs != NULL);
	CHECK_INT(fontset_nfaces(fs), 5);
	/* Liberation Sans advances (font units of 2048) * 1000 / 2048,
	 * truncated as libharu writes them into /W. */
	CHECK_NUM(w(fs, FONT_REGULAR, "A"), 666);       /* 1366 */
	CHECK_NUM(w(fs, FONT_REGULAR, "a"), 556);       /* 1139 */
	CHECK_NUM(w(fs, FONT_REGULAR, " "), 277);       /* 569 */
	CHECK_NUM(w(fs, FONT_REGULAR, "W"), 943);       /* 1933 */
	CHECK_NUM(w(fs, FONT_REGULAR, "mi"), 833 + 222);
	CHECK_NUM(w(fs, FONT_BOLD, "A"), 722);          /* 1479 */
	CHECK_NUM(w(fs, FONT_REGULAR, "\xe1\xbb\x85"), 556);    /* ễ */
	CHECK_NUM(w(fs, FONT_REGULAR, "\xce\xb1"), 578);        /* α */
	CHECK_NUM(w(fs, FONT_REGULAR, "\xd0\xb6"), 668);        /* ж */
	/* WenQuanYi Zen Hei: ideographs 1024/1024, kana 1048/1024. */
	CHECK_NUM(w(fs, FONT_REGULAR, "\xe7\x8e\x8b\xe8\x8a\xb3"), 2000);
	CHECK_NUM(w(fs, FONT_REGULAR, "\xe3\x81\x8b"), 1023);
	CHECK(fontset_metrics(fs, 0)->ascent > 800);
	CHECK(fontset_metrics(fs, 0)->descent < -150);
	CHECK(fontset_metrics(fs, 0)->cap_height > 600);
	CHECK_INT(diag_count(d), 0);
	fontset_free(fs);
	diag_free(d);
}

static void
test_fallback_runs(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = default_set(d);
	struct runs rs = { "", 0 };
	const char *s = "Zo\xc3\xab \xe7\x8e\x8b\xe8\x8a\xb3 \xea\xb9\x80!";
	float total;

	CHECK(fs != NULL);
	total = fontset_runs(fs, FONT_BOLD, s, strlen(s), d, collect, &rs);
	CHECK_STR(rs.out, "1:Zo\xc3\xab |2:\xe7\x8e\x8b\xe8\x8a\xb3|1: |"
	    "2:\xea\xb9\x80|1:!|");
	CHECK_NUM(total, rs.sum);
	CHECK_NUM(total, w(fs, FONT_BOLD, s));
	CHECK_INT(diag_count(d), 0);
	fontset_free(fs);
	diag_free(d);
}

static void
test_placeholder(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = default_set(d);
	struct runs rs = { "", 0 };
	const char *s = "a\xf0\x9f\x91\x8d" "b\xf0\x9f\x91\x8d\t";
	enum diag_sev sev;

	CHECK(fs != NULL);
	fontset_runs(fs, FONT_REGULAR, s, strlen(s), d, collect, &rs);
	/* U+FFFD comes from DejaVu Sans, the last fallback. */
	CHECK_STR(rs.out, "0:a|4:\xef\xbf\xbd|0:b|4:\xef\xbf\xbd|"
	    "4:\xef\xbf\xbd|");
	CHECK(rs.sum > 500);
	/* Once per code point: the emoji and the tab. */
	CHECK_INT(diag_count(d), 2);
	CHECK(strstr(diag_text(d, 0, &sev), "U+1F44D") != NULL);
	CHECK(strstr(diag_text(d, 0, &sev), "placeholder") != NULL);
	CHECK_INT(sev, DIAG_WARNING);
	CHECK(strstr(diag_text(d, 1, &sev), "U+0009") != NULL);
	fontset_runs(fs, FONT_REGULAR, s, strlen(s), d, NULL, NULL);
	CHECK_INT(diag_count(d), 2);
	fontset_free(fs);
	diag_free(d);
}

static void
test_by_file_and_alias(void)
{
	struct diag *d = diag_new(NULL);
	const char *fb[] = { "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:1",
	    LIB "LiberationSans-Regular.ttf" };
	struct font_request req = { LIB "LiberationSans-Regular.ttf", NULL,
	    fb, 2, { "t.yaml", 3, 5 } };
	struct fontset *fs = fontset_new(&req, d);
	struct runs rs = { "", 0 };
	int ttc = 9;

	CHECK(fs != NULL);
	CHECK(strstr(fontset_face_file(fs, 2, &ttc), "wqy-zenhei.ttc") != NULL);
	CHECK_INT(ttc, 1);
	CHECK(fontset_face_file(fs, 0, &ttc) != NULL);
	CHECK_INT(ttc, -1);
	/* No bold face: bold runs use the regular face, numbered 0. */
	fontset_runs(fs, FONT_BOLD, "A\xe7\x8e\x8b", 4, d, collect, &rs);
	CHECK_STR(rs.out, "0:A|2:\xe7\x8e\x8b|");
	CHECK_NUM(w(fs, FONT_BOLD, "A"), 666);
	fontset_free(fs);
	diag_free(d);
}

static void
test_errors(void)
{
	struct diag *d = diag_new(NULL);
	char dir[] = "/tmp/test_fonts.XXXXXX", path[64];
	const char *fb[] = { "Liberaton Sans", path };
	struct font_request req = { "/nonexistent/x.ttf", NULL, fb, 2,
	    { "t.yaml", 3, 5 } };
	FILE *f;
	enum diag_sev sev;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/cff.otf", dir);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	fwrite("OTTO\0\0\0\0\0\0\0\0", 1, 12, f);
	fclose(f);
	CHECK(fontset_new(&req, d) == NULL);
	remove(path);
	rmdir(dir);
	CHECK_INT(diag_errors(d), 3);
	CHECK(strstr(diag_text(d, 0, &sev), "t.yaml:3:5: error: font "
	    "\"/nonexistent/x.ttf\"") != NULL);
	CHECK(strstr(diag_text(d, 0, &sev), "does not exist") != NULL);
	CHECK(strstr(diag_text(d, 1, &sev), "did you mean \"Liberation "
	    "Sans\"") != NULL);
	CHECK(strstr(diag_text(d, 2, &sev), "CFF") != NULL);
	diag_free(d);
}

static void
test_subset(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = default_set(d);
	struct cpset *used = malloc(sizeof(*used));
	char dir[] = "/tmp/test_fonts.XXXXXX", cmd[64];
	const char *name = "Zo\xc3\xab \xe7\x8e\x8b";   /* Zoë 王 */
	float before;
	int ttc;

	CHECK(fs != NULL && used != NULL);
	CHECK(mkdtemp(dir) != NULL);
	before = w(fs, FONT_REGULAR, name);
	cpset_clear(used);
	cpset_add_utf8(used, name, strlen(name));
	CHECK(cpset_has(used, 0x738B));
	CHECK(!cpset_has(used, 0x82B3));
	CHECK_INT(fontset_subset(fs, used, dir, d), 0);
	CHECK_NUM(w(fs, FONT_REGULAR, name), before);
	CHECK_NUM(w(fs, FONT_REGULAR, "0123456789%"), 10 * 556 + 889);
	CHECK(strncmp(fontset_face_file(fs, 0, &ttc), dir, strlen(dir)) == 0);
	CHECK_INT(ttc, -1);
	CHECK(fontset_face_file(fs, 2, &ttc) != NULL);
	CHECK(fontset_face_file(fs, 3, &ttc) == NULL);  /* no Hangul used */
	/* 芳 was not collected: now a placeholder, with a warning. */
	CHECK_NUM(w(fs, FONT_REGULAR, "\xe8\x8a\xb3"),
	    w(fs, FONT_REGULAR, "\xef\xbf\xbd"));
	fontset_runs(fs, FONT_REGULAR, "\xe8\x8a\xb3", 3, d, NULL, NULL);
	CHECK_INT(diag_warnings(d), 1);
	fontset_free(fs);
	free(used);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	diag_free(d);
}

/* read_all: a whole file (caller frees). */
static unsigned char *
read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = malloc(4 << 20);

	*n = f != NULL && p != NULL ? fread(p, 1, 4 << 20, f) : 0;
	if (f != NULL)
		fclose(f);
	return p;
}

static void
test_trim(void)
{
	struct diag *d = diag_new(NULL);
	struct font_request req = { "DejaVu Sans", NULL, NULL, 0, { 0, 0, 0 } };
	struct fontset *fs = fontset_new(&req, d);
	struct cpset *used = calloc(1, sizeof(*used));
	char dir[] = "/tmp/test_fonts.XXXXXX", cmd[64];
	const char *s = "Nguy\xe1\xbb\x85n", *file;
	struct ttf t, t2;
	struct ttf_prog *fp, *fp2;
	struct buf out;
	unsigned char *data = NULL, *keep;
	const char *why;
	size_t n, i;
	uint32_t sum = 0;
	int ttc;
	unsigned g, empty = 0;

	CHECK(fs != NULL && used != NULL && mkdtemp(dir) != NULL);
	cpset_add_utf8(used, s, strlen(s));
	CHECK_INT(fontset_subset(fs, used, dir, d), 0);
	file = fontset_face_file(fs, 0, &ttc);
	data = read_all(file, &n);
	CHECK(ttf_read_mem(data, n, 0, &t, &why) == 0);
	fp = ttf_prog_new(data, n);
	CHECK(fp != NULL);
	keep = calloc(ttf_prog_nglyphs(fp), 1);
	keep[t.gid[0x1EC5]] = 1;                /* ễ, a nested composite */
	buf_init(&out);
	ttf_prog_trim(fp, keep, &out);
	/* a valid font: same widths, whole-font checksum 0xB1B0AFBA */
	CHECK(ttf_read_mem((unsigned char *)out.p, out.len, 0, &t2, &why) == 0);
	CHECK_INT(ttf_width(&t2, 0x1EC5), ttf_width(&t, 0x1EC5));
	for (i = 0; i + 4 <= out.len; i += 4)
		sum += (uint32_t)(unsigned char)out.p[i] << 24 |
		    (uint32_t)(unsigned char)out.p[i + 1] << 16 |
		    (uint32_t)(unsigned char)out.p[i + 2] << 8 |
		    (uint32_t)(unsigned char)out.p[i + 3];
	CHECK(sum == 0xB1B0AFBAu);
	fp2 = ttf_prog_new((unsigned char *)out.p, out.len);
	CHECK(fp2 != NULL);
	/* ễ keeps its outline and the e it is built on; A is dropped */
	CHECK(ttf_prog_glyph_len(fp2, t.gid[0x1EC5]) > 0);
	CHECK(ttf_prog_glyph_len(fp2, t.gid['e']) > 0);
	CHECK(keep[t.gid['e']] == 1);
	CHECK_INT(ttf_prog_glyph_len(fp2, t.gid['A']), 0);
	CHECK(ttf_prog_glyph_len(fp, t.gid['A']) > 0);
	for (g = 0; g < ttf_prog_nglyphs(fp2); g++)
		empty += ttf_prog_glyph_len(fp2, g) == 0;
	CHECK(empty > 90);
	ttf_prog_free(fp);
	ttf_prog_free(fp2);
	ttf_release(&t);
	ttf_release(&t2);
	buf_free(&out);
	free(keep);
	free(data);
	free(used);
	fontset_free(fs);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	diag_free(d);
}

int
main(void)
{
	RUN(test_widths);
	RUN(test_fallback_runs);
	RUN(test_placeholder);
	RUN(test_by_file_and_alias);
	RUN(test_errors);
	RUN(test_subset);
	RUN(test_trim);
	return CHECK_EXIT();
}
