/* load.h: input files to the validated model of model.h. Each loader
 * reports every problem it finds (file:line[:col]) in d and returns NULL
 * when there was at least one error; warnings do not stop it. */
#ifndef REVPACK_LOAD_H
#define REVPACK_LOAD_H

#include "in_yaml.h"
#include "model.h"

/* load_rubric.c */
struct rubric *rubric_load(const char *path, struct diag *d);
struct rubric *rubric_from_yaml(const struct ydoc *doc, struct diag *d);
/* rubric_looks_like: the document's keys say it is a rubric. */
int rubric_looks_like(const struct ynode *root);

/* load_cycle.c: the cycle and everything it names (rubric, roster,
 * ratings, the previous cycle). The template is loaded by its users. */
struct cycle *cycle_load(const char *path, struct diag *d);
/* cycle_from_yaml: the same from cycle.yaml already parsed (the files it
 * names are read); a doc with errors is refused. */
struct cycle *cycle_from_yaml(const struct ydoc *doc, struct diag *d);
int cycle_looks_like(const struct ynode *root);

#endif
