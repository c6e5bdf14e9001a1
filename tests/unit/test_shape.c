/* test_shape.c: unit tests of text shaping (fonts.c's HarfBuzz path)
 * and of embedding shaped glyphs (fontprog.c). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "check.h"
#include "deflate.h"
#include "fontprog.h"
#include "fonts.h"
#include "ttf.h"
#include "util.h"

#define SALAM "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"        /* سلام */

static struct fontset *
dejavu(struct diag *d)
{
	struct font_request req = { "DejaVu Sans", NULL, NULL, 0, { 0, 0, 0 } };

	return fontset_new(&req, d);
}

static void
test_shapes_predicate(void)
{
	CHECK(!fontset_shapes("Office Staffing", 15));
	CHECK(!fontset_shapes("Zo\xc3\xab \xe7\x8e\x8b", 7));  /* Zoë 王 */
	CHECK(fontset_shapes("Ma\xcc\xa7ria", 7));             /* a + U+0327 */
	CHECK(fontset_shapes(SALAM, strlen(SALAM)));
	CHECK(fontset_shapes("\xe0\xa4\x95\xe0\xa4\xbf", 6));  /* कि */
	CHECK(fontset_shapes_cp(0x0E35));                       /* Thai mark */
	CHECK(!fontset_shapes_cp(0x00E9));
	CHECK(!fontset_shapes_cp(0x4E00));
}

/* Where text may be cut (an ellipsis): never inside a cluster. */
static void
test_cluster_joins(void)
{
	CHECK(fontset_cluster_joins(0x0915, 0x093F));   /* क + ि */
	CHECK(fontset_cluster_joins(0x094D, 0x0937));   /* virama + ष */
	CHECK(fontset_cluster_joins(0x0915, 0x094D));   /* क + virama */
	CHECK(fontset_cluster_joins('e', 0x0301));      /* combining acute */
	CHECK(fontset_cluster_joins(0x0915, 0x200D));   /* a joiner */
	CHECK(!fontset_cluster_joins(0x093F, 0x0924));  /* ि | त */
	CHECK(!fontset_cluster_joins('a', 'b'));
	CHECK(!fontset_cluster_joins(0x4E00, 0x4E01));
}

/* shaped: the glyph count and width of text shaped in face 0. */
static size_t
shaped(const struct fontset *fs, const char *s, float *width)
{
	struct font_shaped sh = { NULL, 0, 0, 0, 0 };
	size_t n;

	fontset_shape(fs, 0, s, strlen(s), FONT_DIR_AUTO, &sh);
	n = sh.n;
	*width = sh.width;
	font_shaped_free(&sh);
	return n;
}

static void
test_shaped_runs(void)
{
	struct diag *d = diag_new(NULL);
	struct fontset *fs = dejavu(d);
	struct cpset *used = malloc(sizeof(*used));
	char dir[] = "/tmp/test_shape.XXXXXX", cmd[64];
	float sw, sw2;

	CHECK(fs != NULL && used != NULL);
	/* four letters, three glyphs: final meem, lam-alef, initial seen */
	CHECK_INT(shaped(fs, SALAM, &sw), 3);
	CHECK_NUM(fontset_width(fs, FONT_REGULAR, SALAM, strlen(SALAM)), sw);
	CHECK(mkdtemp(dir) != NULL);
	cpset_clear(used);
	cpset_add_utf8(used, SALAM, strlen(SALAM));
	CHECK_INT(fontset_subset(fs, used, dir, d), 0);
	/* the subset keeps what shaping needs: the same glyphs */
	CHECK_INT(shaped(fs, SALAM, &sw2), 3);
	CHECK_NUM(sw2, sw);
	fontset_free(fs);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
	free(used);
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

static void
test_fontdoc_glyphs(void)
{
	static const uint16_t cps[] = { 'A', 'B' };
	static const uint16_t gids[] = { 3 };
	static const uint32_t text[FONTDOC_GTEXT_MAX] = { 0x644, 0x627 };
	struct deflater *z = deflater_new(1);
	struct fontprog *fp, *fp2;
	const struct fontdoc *fd;
	struct buf a = { 0 }, b = { 0 };
	unsigned char *data;
	char *tu;
	size_t n;

	data = ttf_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", &n);
	CHECK(data != NULL);
	fp = fontprog_new(data, n, -1, 0);
	fp2 = fontprog_new(data, n, -1, 0);
	CHECK(fp != NULL && fp2 != NULL);
	/* no shaped glyph: the bytes of fontprog_doc */
	fd = fontprog_doc(fp, cps, 2, z);
	buf_put(&a, fd->prog.p, fd->prog.len);
	buf_put(&a, fd->tounicode.p, fd->tounicode.len);
	buf_put(&a, fd->font.p, fd->font.len);
	fd = fontprog_doc_glyphs(fp2, cps, 2, NULL, NULL, 0, z);
	buf_put(&b, fd->prog.p, fd->prog.len);
	buf_put(&b, fd->tounicode.p, fd->tounicode.len);
	buf_put(&b, fd->font.p, fd->font.len);
	CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
	/* one shaped glyph: code 3, its cluster's text in ToUnicode */
	fd = fontprog_doc_glyphs(fp, cps, 2, gids, text, 1, z);
	CHECK_INT(fd->ngids, 1);
	CHECK(strstr(fd->font.p, "/LastChar 3\n") != NULL);
	tu = inflated(&fd->tounicode);
	CHECK(tu != NULL && strstr(tu, "1 beginbfchar\n<03> <06440627>\n") !=
	    NULL);
	free(tu);
	buf_free(&a);
	buf_free(&b);
	fontprog_free(fp);
	fontprog_free(fp2);
	deflater_free(z);
	free(data);
}

int
main(void)
{
	RUN(test_shapes_predicate);
	RUN(test_cluster_joins);
	RUN(test_shaped_runs);
	RUN(test_fontdoc_glyphs);
	return CHECK_EXIT();
}
