/* test_fonts.c: the fontset: faces by family and by file, widths against
 * the fonts' own advances, fallback per code point, placeholders and
 * their warnings, subsets. Needs the default fonts (make deps). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "check.h"
#include "fontprog.h"
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
	/* regular, bold, ten fallbacks and their ten bold faces */
	CHECK_INT(fontset_nfaces(fs), 22);
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
	/* U+20BB7, CJK extension B, which no font of the chain has */
	const char *s = "a\xf0\xa0\xae\xb7" "b\xf0\xa0\xae\xb7\t";
	enum diag_sev sev;

	CHECK(fs != NULL);
	fontset_runs(fs, FONT_REGULAR, s, strlen(s), d, collect, &rs);
	/* U+FFFD comes from DejaVu Sans, the ninth fallback. */
	CHECK_STR(rs.out, "0:a|10:\xef\xbf\xbd|0:b|10:\xef\xbf\xbd|"
	    "10:\xef\xbf\xbd|");
	CHECK(rs.sum > 500);
	/* Once per code point: the ideograph and the tab. */
	CHECK_INT(diag_count(d), 2);
	CHECK(strstr(diag_text(d, 0, &sev), "U+20BB7") != NULL);
	CHECK(strstr(diag_text(d, 0, &sev), "placeholder") != NULL);
	CHECK_INT(sev, DIAG_WARNING);
	CHECK(strstr(diag_text(d, 1, &sev), "U+0009") != NULL);
	fontset_runs(fs, FONT_REGULAR, s, strlen(s), d, NULL, NULL);
	CHECK_INT(diag_count(d), 2);
	fontset_free(fs);
	diag_free(d);
}

/* Emoji outside the BMP print with the first face that has them: 😀
 * with DejaVu Sans (its emoticons), 👍 and its skin tone with Symbola,
 * in one run (shaped: the modifier joins its base's cluster), the
 * variation selector kept in the run for HarfBuzz. */
static void
test_astral(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = default_set(d);
	struct runs rs = { "", 0 };
	const char *s = "a\xf0\x9f\x98\x80\xef\xb8\x8f"     /* a 😀 VS16 */
	    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd";                /* 👍🏽 */

	CHECK(fs != NULL);
	CHECK(fontset_shapes(s, strlen(s)));
	fontset_runs(fs, FONT_REGULAR, s, strlen(s), d, collect, &rs);
	CHECK_STR(rs.out, "0:a|10:\xf0\x9f\x98\x80\xef\xb8\x8f|"
	    "11:\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd|");
	CHECK(rs.sum > 1500);
	CHECK(fontset_cluster_joins(0x1F44D, 0x1F3FD));
	CHECK(fontset_face_has(fs, 11, 0x1F44D));
	CHECK(!fontset_face_has(fs, 0, 0x1F44D));
	CHECK_INT(diag_count(d), 0);
	fontset_free(fs);
	diag_free(d);
}

/* Bold text in a fallback family uses the family's bold face when it has
 * one (Noto Sans Arabic Bold, face 12 + 2), else the regular face (Symbola
 * has no bold: face 11 for both). */
static void
test_bold_fallback(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = default_set(d);
	struct runs rs = { "", 0 }, rb = { "", 0 };
	const char *s = "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xe2\x9c\x88";  /* سلام ✈ */
	int ttc;
	const char *f;

	CHECK(fs != NULL);
	fontset_runs(fs, FONT_REGULAR, s, strlen(s), d, collect, &rs);
	fontset_runs(fs, FONT_BOLD, s, strlen(s), d, collect, &rb);
	CHECK_STR(rs.out, "4:\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85|0: |"
	    "10:\xe2\x9c\x88|");
	CHECK_STR(rb.out, "14:\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85|1: |"
	    "20:\xe2\x9c\x88|");
	f = fontset_face_file(fs, 14, &ttc);
	CHECK(f != NULL && strstr(f, "NotoSansArabic-Bold") != NULL);
	/* the bold face's own advances: wider than the regular ones */
	CHECK(rb.sum > rs.sum);
	/* no bold Symbola: its bold slot repeats the regular face */
	CHECK_STR(fontset_face_file(fs, 21, &ttc), fontset_face_file(fs, 11,
	    &ttc));
	CHECK_INT(diag_count(d), 0);
	fontset_free(fs);
	diag_free(d);
}

/* A code point set keeps code points above the BMP in order, and a
 * clear empties them too. */
static void
test_cpset_astral(void)
{
	struct cpset *set = calloc(1, sizeof(*set)), *b = calloc(1,
	    sizeof(*b));
	uint32_t cp;

	CHECK(cpset_empty(set));
	CHECK(cpset_add(set, 0x20BB7));
	CHECK(cpset_add(set, 0x1F600));
	CHECK(cpset_add(set, 0x1F600));
	CHECK(cpset_has(set, 0x1F600) && cpset_has(set, 0x20BB7));
	CHECK(!cpset_has(set, 0x1F601));
	CHECK_INT(set->nastral, 2);
	CHECK_INT(set->astral[0], 0x1F600);
	cpset_add(b, 0x41);
	cpset_add(b, 0x1F44D);
	cpset_union(set, b);
	CHECK(cpset_has(set, 0x41) && cpset_has(set, 0x1F44D));
	CHECK_INT(set->nastral, 3);
	for (cp = 0x10000; set->nastral < CPSET_ASTRAL_MAX; cp++)
		cpset_add(set, cp);
	CHECK(!cpset_add(set, 0x10FFFD));
	CHECK(!cpset_has(set, 0x10FFFD));
	cpset_clear(set);
	CHECK(cpset_empty(set));
	CHECK(!cpset_has(set, 0x1F600));
	free(set);
	free(b);
}

/* Default-ignorable code points (ZWJ, ZWNJ, a variation selector, a
 * bidi control, a tag character) are in no run, take no width and are
 * never warned about. */
static void
test_ignorables(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = default_set(d);
	struct runs rs = { "", 0 };
	/* a ZWJ b ZWNJ c VS16 d RLO e TAG-A f */
	const char *s = "a\xe2\x80\x8d" "b\xe2\x80\x8c" "c\xef\xb8\x8f"
	    "d\xe2\x80\xae" "e\xf3\xa0\x80\x81" "f";

	CHECK(fs != NULL);
	fontset_runs(fs, FONT_REGULAR, s, strlen(s), d, collect, &rs);
	CHECK_STR(rs.out, "0:a|0:b|0:c|0:d|0:e|0:f|");
	CHECK_NUM(w(fs, FONT_REGULAR, s), w(fs, FONT_REGULAR, "abcdef"));
	CHECK_INT(diag_count(d), 0);
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

static uint32_t
be32(const char *p)
{
	const unsigned char *q = (const unsigned char *)p;

	return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
	    (uint32_t)q[2] << 8 | q[3];
}

/* table: the offset of table `tag` in a font, 0 when absent. */
static size_t
table(const struct buf *f, const char *tag, size_t *len)
{
	unsigned n = (unsigned)((unsigned char)f->p[4] << 8 |
	    (unsigned char)f->p[5]), i;

	for (i = 0; i < n; i++)
		if (memcmp(f->p + 12 + 16 * i, tag, 4) == 0) {
			*len = be32(f->p + 12 + 16 * i + 12);
			return be32(f->p + 12 + 16 * i + 8);
		}
	return 0;
}

static unsigned
be16(const char *p)
{
	return (unsigned)((unsigned char)p[0] << 8 | (unsigned char)p[1]);
}

/* check_symbolic_cmap: the cmap of a font drawn with 1-byte codes: a
 * Macintosh (1,0) format 6 subtable and a Windows symbol (3,0) format 4
 * one, both mapping code c (1..n) to glyph c, and nothing else. */
static void
check_symbolic_cmap(const struct buf *f, size_t n)
{
	size_t len, at = table(f, "cmap", &len), k;
	const char *c = f->p + at, *m, *w;

	CHECK(at > 0 && be16(c + 2) == 2);
	CHECK(be16(c + 4) == 1 && be16(c + 6) == 0);
	CHECK(be16(c + 12) == 3 && be16(c + 14) == 0);
	m = c + be32(c + 8);
	w = c + be32(c + 16);
	CHECK_INT(be16(m), 6);
	CHECK_INT(be16(m + 6), 1);
	CHECK_INT(be16(m + 8), (int)n);
	for (k = 0; k < n; k++)
		CHECK_INT(be16(m + 10 + 2 * k), (int)k + 1);
	CHECK_INT(be16(w), 4);
	CHECK_INT(be16(w + 6), 4);                      /* two segments */
	CHECK_INT(be16(w + 14), 0xF000 + (int)n);       /* end */
	CHECK_INT(be16(w + 20), 0xF001);                /* start */
	CHECK_INT((be16(w + 20) + be16(w + 24)) & 0xFFFF, 1);
	CHECK_INT(be16(w + 16), 0xFFFF);
}

/* A document's font: only its code points, numbered 1.. in order, the
 * components of nested composites (DejaVu's ễ) after them. */
static void
test_prog_subset(void)
{
	struct diag *d = diag_new(NULL);
	struct font_request req = { "DejaVu Sans", NULL, NULL, 0, { 0, 0, 0 } };
	struct fontset *fs = fontset_new(&req, d);
	struct cpset *used = calloc(1, sizeof(*used));
	char dir[] = "/tmp/test_fonts.XXXXXX", cmd[64];
	const char *s = "Nguy\xe1\xbb\x85n", *file, *why;
	static const uint16_t cps[] = { 'N', 'g', 'n', 'u', 'y', 0x1EC5 };
	struct ttf t, t2, t3;
	struct ttf_prog *fp, *fp2;
	struct buf out;
	unsigned char *data;
	size_t n, i, at, len;
	uint32_t sum = 0;
	unsigned g;
	int ttc;

	CHECK(fs != NULL && used != NULL && mkdtemp(dir) != NULL);
	cpset_add_utf8(used, s, strlen(s));
	CHECK_INT(fontset_subset(fs, used, dir, d), 0);
	file = fontset_face_file(fs, 0, &ttc);
	data = read_all(file, &n);
	CHECK(ttf_read_mem(data, n, 0, &t, &why) == 0);
	fp = ttf_prog_new(data, n, -1);
	CHECK(fp != NULL);
	CHECK(ttf_prog_has(fp, 'A'));           /* the run's subset has ASCII */
	CHECK_INT(ttf_prog_width(fp, 0x1EC5), ttf_width(&t, 0x1EC5));
	buf_init(&out);
	ttf_prog_subset(fp, cps, NELEM(cps), 0, &out);
	/* a valid font: whole-font checksum 0xB1B0AFBA, same widths */
	for (i = 0; i + 4 <= out.len; i += 4)
		sum += be32(out.p + i);
	CHECK(sum == 0xB1B0AFBAu);
	CHECK(ttf_read_mem((unsigned char *)out.p, out.len, 0, &t2, &why) == 0);
	for (i = 0; i < NELEM(cps); i++) {
		CHECK_INT(t2.gid[cps[i]], (int)i + 1);
		CHECK_INT(ttf_width(&t2, cps[i]), ttf_width(&t, cps[i]));
	}
	for (i = 0, n = 0; i < 65536; i++)
		n += t2.gid[i] != 0;
	CHECK_INT(n, NELEM(cps));               /* no A, no other character */
	/* ễ is built on e and marks, which follow as glyphs of their own */
	fp2 = ttf_prog_new((unsigned char *)out.p, out.len, -1);
	CHECK(fp2 != NULL);
	CHECK(ttf_prog_nglyphs(fp2) > NELEM(cps) + 1);
	for (g = 1; g < ttf_prog_nglyphs(fp2); g++)
		CHECK(ttf_prog_glyph_len(fp2, g) > 0);
	/* the character range is the document's; no glyph names */
	at = table(&out, "OS/2", &len);
	CHECK(at > 0 && len >= 68);
	CHECK_INT((unsigned char)out.p[at + 64] << 8 |
	    (unsigned char)out.p[at + 65], 'N');
	CHECK_INT((unsigned char)out.p[at + 66] << 8 |
	    (unsigned char)out.p[at + 67], 0x1EC5);
	at = table(&out, "post", &len);
	CHECK(at > 0 && be32(out.p + at) == 0x00030000u && len == 32);
	/* for 1-byte codes: the same glyphs, a cmap of codes only */
	buf_reset(&out);
	ttf_prog_subset(fp, cps, NELEM(cps), 1, &out);
	for (i = 0, sum = 0; i + 4 <= out.len; i += 4)
		sum += be32(out.p + i);
	CHECK(sum == 0xB1B0AFBAu);
	CHECK(ttf_read_mem((unsigned char *)out.p, out.len, 0, &t3, &why) != 0);
	CHECK(strstr(why, "symbol") != NULL);   /* no Unicode subtable */
	check_symbolic_cmap(&out, NELEM(cps));
	at = table(&out, "OS/2", &len);
	CHECK(at > 0 && len >= 68);
	CHECK_INT(be16(out.p + at + 64), 0xF001);
	CHECK_INT(be16(out.p + at + 66), 0xF000 + NELEM(cps));
	at = table(&out, "maxp", &len);
	CHECK_INT(be16(out.p + at + 4), (int)ttf_prog_nglyphs(fp2));
	ttf_prog_free(fp);
	ttf_prog_free(fp2);
	ttf_release(&t);
	ttf_release(&t2);
	buf_free(&out);
	free(data);
	free(used);
	fontset_free(fs);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	diag_free(d);
}

/* inflated: the zlib stream in b, as a string (caller frees). */
static char *
inflated(const struct buf *b)
{
	uLongf n = 1 << 20;
	char *p = calloc(n + 1, 1);

	if (p != NULL && uncompress((Bytef *)p, &n, (const Bytef *)b->p,
	    (uLong)b->len) != Z_OK)
		p[0] = '\0';
	return p;
}

/* What a document embeds for a face names its own code points only:
 * widths and ToUnicode by code 1.., the tag from the set; the same set
 * gives the same bytes (from the cache), another set or face another
 * tag. Up to 255 code points the font is simple (1-byte codes), beyond
 * a Type0 font (2-byte CIDs). */
static void
test_fontdoc(void)
{
	static const uint16_t set[] = { 'A', 'B', 'C', 'a', 0xE9 };
	static const uint16_t set2[] = { 'A', 'B' };
	static const uint16_t across[] = { 0xFE, 0xFF, 0x100, 0x101, 0x102 };
	struct deflater *z = deflater_new(1);
	struct fontprog *fp, *fp2;
	const struct fontdoc *fd, *fd2;
	unsigned char *data;
	char *tu, tag[8];
	size_t n;

	data = read_all(LIB "LiberationSans-Regular.ttf", &n);
	fp = fontprog_new(data, n, -1, 0);
	fp2 = fontprog_new(data, n, -1, 1);
	CHECK(fp != NULL && fp2 != NULL);
	CHECK(fontprog_has(fp, 0xE9) && !fontprog_has(fp, 0x4E00));
	fd = fontprog_doc(fp, set, NELEM(set), z);
	CHECK_INT(fd->ncps, NELEM(set));
	CHECK_INT(fd->simple, 1);
	CHECK(strstr(fd->font.p, "/Subtype /TrueType\n/BaseFont /") != NULL);
	memcpy(tag, strstr(fd->font.p, "/BaseFont /") + 11, 7);
	tag[7] = '\0';
	CHECK(strstr(fd->font.p, "+LiberationSans\n") != NULL);
	CHECK(fd->cidfont.len == 0);
	/* A B C a é: widths 666 666 722 556 556 (1/1000 em, truncated as
	 * fonts.c measures) */
	CHECK(strstr(fd->font.p, "/FirstChar 1\n/LastChar 5\n"
	    "/Widths [666 666 722 556 556]\n") != NULL);
	CHECK(strstr(fd->descriptor.p, tag) != NULL);
	CHECK(strstr(fd->descriptor.p, "/Flags 4\n") != NULL);  /* symbolic */
	CHECK(strstr(fd->prog_dict.p, "/Length1 ") != NULL);
	tu = inflated(&fd->tounicode);
	CHECK(tu != NULL);
	CHECK(strstr(tu, "<00> <FF>\nendcodespacerange\n3 beginbfrange\n"
	    "<01> <03> <0041>\n<04> <04> <0061>\n<05> <05> <00E9>\n"
	    "endbfrange\nendcmap") != NULL);
	free(tu);
	/* a range never crosses a 256-code boundary */
	tu = inflated(&fontprog_doc(fp, across, NELEM(across), z)->tounicode);
	CHECK(tu != NULL);
	CHECK(strstr(tu, "\n2 beginbfrange\n<01> <02> <00FE>\n"
	    "<03> <05> <0100>\nendbfrange\n") != NULL);
	free(tu);
	/* the cache gives the same entry; another set, another tag */
	CHECK(fontprog_doc(fp, set, NELEM(set), z) == fd);
	fd2 = fontprog_doc(fp, set2, NELEM(set2), z);
	CHECK(strstr(fd2->font.p, tag) == NULL);
	CHECK(strstr(fontprog_doc(fp2, set, NELEM(set), z)->font.p, tag) ==
	    NULL);
	fontprog_free(fp);
	fontprog_free(fp2);
	deflater_free(z);
	free(data);
}

/* More than 255 code points in a face: a Type0 font, 2-byte CIDs, /W
 * with the commonest width as /DW, CIDToGIDMap /Identity. */
static void
test_fontdoc_type0(void)
{
	struct deflater *z = deflater_new(1);
	struct fontprog *fp;
	const struct fontdoc *fd;
	unsigned char *data;
	uint16_t cps[300];
	uint32_t cp;
	size_t n, k = 0;
	char *tu;

	data = read_all(LIB "LiberationSans-Regular.ttf", &n);
	fp = fontprog_new(data, n, -1, 0);
	CHECK(fp != NULL);
	for (cp = 0x20; cp < 0xFFFF && k < NELEM(cps); cp++)
		if (fontprog_has(fp, cp))
			cps[k++] = (uint16_t)cp;
	CHECK_INT(k, NELEM(cps));
	fd = fontprog_doc(fp, cps, 256, z);
	CHECK_INT(fd->simple, 0);
	CHECK(strstr(fd->font.p, "/Subtype /Type0\n") != NULL);
	CHECK(strstr(fd->font.p, "/Encoding /Identity-H\n") != NULL);
	CHECK(strstr(fd->cidfont.p, "/CIDToGIDMap /Identity") != NULL);
	CHECK(strstr(fd->cidfont.p, "/DW 556\n/W [") != NULL);
	CHECK(strstr(fd->descriptor.p, "/Flags 32\n") != NULL);
	tu = inflated(&fd->tounicode);
	CHECK(tu != NULL);
	CHECK(strstr(tu, "<0000> <FFFF>\nendcodespacerange\n") != NULL);
	CHECK(strstr(tu, "<0001> <005F> <0020>\n") != NULL);   /* space.. */
	free(tu);
	CHECK_INT(fontprog_doc(fp, cps, 255, z)->simple, 1);
	fontprog_free(fp);
	deflater_free(z);
	free(data);
}

int
main(void)
{
	RUN(test_widths);
	RUN(test_fallback_runs);
	RUN(test_placeholder);
	RUN(test_astral);
	RUN(test_bold_fallback);
	RUN(test_cpset_astral);
	RUN(test_ignorables);
	RUN(test_by_file_and_alias);
	RUN(test_errors);
	RUN(test_subset);
	RUN(test_prog_subset);
	RUN(test_fontdoc);
	RUN(test_fontdoc_type0);
	return CHECK_EXIT();
}
