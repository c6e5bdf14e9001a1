/* hbshape.c: a stand-in for HarfBuzz's `hb-shape --no-positions
 * --output-format=text` (not installed here), for tests/e2e/shaping.sh.
 *
 *   hbshape FONT[:INDEX] TEXT             [name=cluster|...] as hb-shape
 *                                          prints it (gidN without names)
 *   hbshape --outlines FONT[:INDEX] TEXT  one line per shaped glyph: a
 *                                          hash of its outline
 *   hbshape --gids FONT[:INDEX] G...      the same for the glyph ids G
 *   hbshape --covers FONT[:INDEX] TEXT    exit 0 when the font maps every
 *                                          character of TEXT, else 3
 *
 * Outline hashes let a test compare the glyphs a PDF draws (from the
 * font program it embeds, renumbered) with the glyphs HarfBuzz gives for
 * the original font: equal outlines, equal glyphs. Exit 0, 1 on a font
 * that cannot be read, 2 on usage. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

/* The outline hash: FNV-1a over the path commands and their points. */
struct hash {
	uint64_t h;
};

static void
mix(struct hash *s, int op, float a, float b)
{
	long v[3] = { op, (long)(a * 4), (long)(b * 4) };
	size_t i;

	for (i = 0; i < 3; i++)
		s->h = (s->h ^ (uint64_t)v[i]) * 1099511628211ULL;
}

static void
move_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)f, (void)st, (void)u;
	mix(d, 1, x, y);
}

static void
line_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)f, (void)st, (void)u;
	mix(d, 2, x, y);
}

static void
quad_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float cx,
    float cy, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	mix(d, 3, cx, cy);
	mix(d, 3, x, y);
}

static void
cubic_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float c1x,
    float c1y, float c2x, float c2y, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	mix(d, 4, c1x, c1y);
	mix(d, 4, c2x, c2y);
	mix(d, 4, x, y);
}

static void
close_path(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	mix(d, 5, 0, 0);
}

static uint64_t
outline_hash(hb_font_t *font, hb_draw_funcs_t *df, unsigned gid)
{
	struct hash s = { 14695981039346656037ULL };

	hb_font_get_glyph_shape(font, gid, df, &s);
	return s.h;
}

static hb_font_t *
open_font(const char *arg)
{
	char file[4096], *colon;
	unsigned index = 0;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;

	snprintf(file, sizeof(file), "%s", arg);
	colon = strrchr(file, ':');
	if (colon != NULL) {
		*colon = '\0';
		index = (unsigned)strtoul(colon + 1, NULL, 10);
	}
	blob = hb_blob_create_from_file_or_fail(file);
	if (blob == NULL)
		return NULL;
	face = hb_face_create(blob, index);
	hb_blob_destroy(blob);
	font = hb_font_create(face);
	hb_face_destroy(face);
	return font;
}

int
main(int argc, char **argv)
{
	hb_font_t *font;
	hb_buffer_t *b;
	hb_glyph_info_t *gi;
	hb_draw_funcs_t *df = hb_draw_funcs_create();
	unsigned n = 0, i;
	int mode = 0;   /* 0: names, 1: outlines, 2: gids, 3: covers */

	if (argc > 1 && strcmp(argv[1], "--outlines") == 0)
		mode = 1;
	else if (argc > 1 && strcmp(argv[1], "--gids") == 0)
		mode = 2;
	else if (argc > 1 && strcmp(argv[1], "--covers") == 0)
		mode = 3;
	if (mode != 0) {
		argc--;
		argv++;
	}
	if (argc < 3 || (mode != 2 && argc != 3)) {
		fprintf(stderr, "usage: hbshape [--outlines] FONT[:INDEX] TEXT"
		    " | --gids FONT G...\n");
		return 2;
	}
	font = open_font(argv[1]);
	if (font == NULL) {
		fprintf(stderr, "hbshape: cannot read %s\n", argv[1]);
		return 1;
	}
	hb_draw_funcs_set_move_to_func(df, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, quad_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, close_path, NULL, NULL);
	if (mode == 2) {
		for (i = 2; i < (unsigned)argc; i++)
			printf("%016llx\n", (unsigned long long)outline_hash(font,
			    df, (unsigned)strtoul(argv[i], NULL, 10)));
		hb_font_destroy(font);
		hb_draw_funcs_destroy(df);
		return 0;
	}
	b = hb_buffer_create();
	hb_buffer_add_utf8(b, argv[2], -1, 0, -1);
	if (mode == 3) {
		int all = 1;

		gi = hb_buffer_get_glyph_infos(b, &n);
		for (i = 0; i < n; i++) {
			hb_codepoint_t g;

			if (gi[i].codepoint != 0x200C && gi[i].codepoint !=
			    0x200D && !hb_font_get_nominal_glyph(font,
			    gi[i].codepoint, &g))
				all = 0;
		}
		hb_buffer_destroy(b);
		hb_font_destroy(font);
		hb_draw_funcs_destroy(df);
		return all ? 0 : 3;
	}
	hb_buffer_guess_segment_properties(b);
	hb_buffer_set_flags(b, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
	    HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_shape(font, b, NULL, 0);
	gi = hb_buffer_get_glyph_infos(b, &n);
	if (mode == 0)
		putchar('[');
	for (i = 0; i < n; i++) {
		char name[128];

		if (mode == 1) {
			printf("%016llx\n", (unsigned long long)outline_hash(font,
			    df, gi[i].codepoint));
			continue;
		}
		if (!hb_font_get_glyph_name(font, gi[i].codepoint, name,
		    sizeof(name)))
			snprintf(name, sizeof(name), "gid%u", gi[i].codepoint);
		printf("%s%s=%u", i > 0 ? "|" : "", name, gi[i].cluster);
	}
	if (mode == 0)
		printf("]\n");
	hb_buffer_destroy(b);
	hb_font_destroy(font);
	hb_draw_funcs_destroy(df);
	return 0;
}
