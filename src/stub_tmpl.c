/* stub_tmpl.c: TEMPORARY placeholder until load_template.c lands (delete
 * this file then). */
#include "tmpl.h"

struct tmpl *tmpl_load(const char *path, struct diag *d) { (void)path; (void)d; return NULL; }
struct tmpl *tmpl_from_yaml(const struct ydoc *doc, struct diag *d) { (void)doc; (void)d; return NULL; }
int tmpl_looks_like(const struct ynode *root) { (void)root; return 0; }
void tmpl_free(struct tmpl *t) { (void)t; }
