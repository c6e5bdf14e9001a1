/* tmpl.h: a layout template (template.yaml) as validated data: pages,
 * fonts, colours, fixed words, and per document its ordered blocks.
 * Loaded by load_template.c. */
#ifndef REVPACK_TMPL_H
#define REVPACK_TMPL_H

#include "in_yaml.h"

struct tmpl;

/* tmpl_load: reads and checks a template; NULL after reporting every
 * problem. Caller frees with tmpl_free. */
struct tmpl *tmpl_load(const char *path, struct diag *d);
struct tmpl *tmpl_from_yaml(const struct ydoc *doc, struct diag *d);
int tmpl_looks_like(const struct ynode *root);
void tmpl_free(struct tmpl *t);                 /* NULL is a no-op */

#endif
