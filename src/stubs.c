/* stubs.c: TEMPORARY, while the foundation is laid: each function here
 * moves to its own file and this file is deleted before any issue is
 * resolved. */
#include <stdio.h>

#include "cmd.h"
#include "load.h"
#include "tmpl.h"

static int
not_yet(const char *what)
{
	fprintf(stderr, "revpack: %s is not built yet\n", what);
	return EXIT_USAGE;
}

int cmd_build(const struct build_opts *o) { (void)o; return not_yet("build"); }
int cmd_aggregate(const char *c, const char *f, const char *o) { (void)c; (void)f; (void)o; return not_yet("aggregate"); }
int cmd_handout(const char *r, const char *t, int deck, const char *o) { (void)r; (void)t; (void)deck; (void)o; return not_yet("handout"); }
int cmd_manifest(const char *o) { (void)o; return not_yet("manifest"); }
struct cycle *cycle_load(const char *path, struct diag *d) { (void)path; (void)d; return NULL; }
int cycle_looks_like(const struct ynode *root) { return y_get(root, "roster") != NULL; }
struct tmpl *tmpl_load(const char *path, struct diag *d) { (void)path; (void)d; return NULL; }
struct tmpl *tmpl_from_yaml(const struct ydoc *doc, struct diag *d) { (void)doc; (void)d; return NULL; }
int tmpl_looks_like(const struct ynode *root) { (void)root; return 0; }
void tmpl_free(struct tmpl *t) { (void)t; }
struct rubric *rubric_load(const char *path, struct diag *d) { (void)path; (void)d; return NULL; }
struct rubric *rubric_from_yaml(const struct ydoc *doc, struct diag *d) { (void)doc; (void)d; return NULL; }
int rubric_looks_like(const struct ynode *root) { return y_get(root, "scale") != NULL; }
