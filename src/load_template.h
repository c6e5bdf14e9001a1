/* load_template.h: what load_template.c and load_template_blocks.c share
 * while reading one template (private to those two files). */
#ifndef REVPACK_LOAD_TEMPLATE_H
#define REVPACK_LOAD_TEMPLATE_H

#include "tmpl.h"

/* The names of template things (tmpl.c). */
extern const char *const tmpl_doc_names[NTMPL_DOCS];
extern const char *const tmpl_style_names[NTMPL_STYLES];
extern const char *const tmpl_color_names[NTMPL_COLORS];
extern const char *const tmpl_word_keys[NTMPL_WORDS];
extern const char *const tmpl_var_names[NTMPL_VARS];
int tmpl_color_find(const char *s, size_t len);         /* or -1 */

#define BIT(x) (1u << (x))

/* What a document offers under a data name, to which block types (bit
 * masks of enum tmpl_doc and enum tmpl_block_type), with which fields. */
struct binding {
	unsigned docs;
	const char *name;
	unsigned types;
	const char *const *fields;
};
extern const struct binding tmpl_bindings[];
extern const size_t tmpl_nbindings;
const struct binding *tmpl_find_binding(enum tmpl_doc doc, const char *name);
/* The block lists of documents a template leaves out, as YAML (NULL: the
 * form's), and what packets may include. */
extern const char *const tmpl_builtin_blocks[NTMPL_DOCS];
extern const char *const tmpl_parts_person[2];
extern const char *const tmpl_parts_manager[2];

/* One template being read: where messages go and where strings live. */
struct tload {
	struct tmpl *t;
	struct diag *d;
	struct arena *a;
	const char **cands;     /* placeholder names, for suggestions */
	size_t ncands;
};

/* Where a placeholder may stand. */
enum tl_where {
	TL_BODY,                /* block texts: no {page} or {pages} */
	TL_BAND,                /* header, footer: every placeholder */
	TL_WORD                 /* a word: every placeholder but {words.X} */
};

/* tl_text: n as text whose {placeholders} are all known; reports and
 * returns 0 otherwise. */
int tl_text(struct tload *L, const struct ynode *n, enum tl_where where,
    const char **out);
/* tl_length: a length (a number of points, or "12mm", "1in", "10pt",
 * "2.5cm"), >= 0. */
int tl_length(struct tload *L, const struct ynode *n, float *out);
/* tl_page: reads a page mapping over *pg (which holds the defaults). */
void tl_page(struct tload *L, const struct ynode *n, struct tmpl_page *pg);
/* tl_band: reads a header or footer mapping over *b. */
void tl_band(struct tload *L, const struct ynode *n, struct tmpl_band *b,
    int header);
/* tl_styles: reads a styles mapping over styles[]. */
void tl_styles(struct tload *L, const struct ynode *n,
    struct tmpl_style_def *styles);

/* load_template_blocks.c: the `documents` mapping (n may be NULL), and
 * the built-in block lists of the documents it leaves out. */
void tl_documents(struct tload *L, const struct ynode *n);

#endif
