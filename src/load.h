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
/* cycle_load_then: cycle_load, calling paths(c, arg) once cycle.yaml has
 * been read without error and before the rubric, roster and ratings are
 * (a caller can start on the template meanwhile). c is incomplete then:
 * only its file paths may be read, and only during the call. */
typedef void (*cycle_paths_fn)(const struct cycle *c, void *arg);
struct cycle *cycle_load_then(const char *path, struct diag *d,
    cycle_paths_fn paths, void *arg);
/* cycle_from_yaml: the same from cycle.yaml already parsed (the files it
 * names are read); a doc with errors is refused. */
struct cycle *cycle_from_yaml(const struct ydoc *doc, struct diag *d);
int cycle_looks_like(const struct ynode *root);

#endif
