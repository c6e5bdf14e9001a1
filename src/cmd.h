/* cmd.h: the subcommands main.c dispatches to, their options and the exit
 * statuses (revpack(1), EXIT STATUS). */
#ifndef REVPACK_CMD_H
#define REVPACK_CMD_H

#include <stddef.h>

enum exit_status {
	EXIT_OK = 0,            /* success, warnings allowed */
	EXIT_INPUT = 1,         /* the inputs are wrong; nothing written */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_OUTPUT = 3,        /* an output could not be written */
	EXIT_SIGINT = 130,
	EXIT_SIGTERM = 143
};

struct build_opts {
	const char *cycle;
	const char *out;        /* NULL: out/CYCLE/ */
	const char *docs;       /* comma list, NULL: all */
	const char *only;       /* comma list of person ids, NULL: all */
	int jobs;               /* 0: number of cores */
	int shard_k, shard_n;   /* 1/1 without --shard */
	const char *passwords;
	int quiet;
};

struct init_opts {
	const char *dir;        /* where cycle.yaml is drafted */
	const char *rubric, *roster;
	const char *tmpl;       /* NULL: the shipped default.yaml */
	const char *const *exports;
	size_t nexports;
};

int cmd_build(const struct build_opts *o);
/* cmd_init: drafts o->dir/cycle.yaml (see cmd_init.c). */
int cmd_init(const struct init_opts *o);
int cmd_validate(const char *file);
/* format: "json", "csv" or "xlsx"; out NULL or "-": stdout (not for
 * xlsx: main.c asks for -o). */
int cmd_aggregate(const char *cycle, const char *format, const char *out);
int cmd_handout(const char *rubric, const char *tmpl, int deck,
    const char *out);
int cmd_manifest(const char *outdir);

#endif
