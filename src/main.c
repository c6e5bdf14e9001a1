/* main.c: argv -> options -> one cmd_* -> exit status. Nothing else. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

enum opt_key {
	OPT_OUT, OPT_DOCS, OPT_ONLY, OPT_JOBS, OPT_SHARD, OPT_PASSWORDS,
	OPT_QUIET, OPT_FORMAT, OPT_OUTPUT, OPT_TEMPLATE, OPT_DECK, OPT_RUBRIC,
	OPT_ROSTER, NOPTS
};

struct opt {
	const char *name;       /* "--out" */
	const char *alias;      /* "-o" or NULL */
	int has_arg;
	enum opt_key key;
};

struct command {
	const char *name;
	const char *arg;        /* the file it takes, for "missing ..." */
	const char *synopsis;
	const char *help;
	const struct opt *opts;
	int many;               /* takes further files after the first */
};

/* What the command line said. */
struct args {
	const char *val[NOPTS];
	int set[NOPTS];
	const char *file;
	const char **more;      /* the files after the first (many), malloc'd */
	size_t nmore;
};

static const struct opt build_opts[] = {
	{ "--out", NULL, 1, OPT_OUT }, { "--docs", NULL, 1, OPT_DOCS },
	{ "--only", NULL, 1, OPT_ONLY }, { "--jobs", "-j", 1, OPT_JOBS },
	{ "--shard", NULL, 1, OPT_SHARD },
	{ "--passwords", NULL, 1, OPT_PASSWORDS },
	{ "--quiet", "-q", 0, OPT_QUIET }, { NULL, NULL, 0, NOPTS }
};
static const struct opt aggregate_opts[] = {
	{ "--format", NULL, 1, OPT_FORMAT }, { "--output", "-o", 1, OPT_OUTPUT },
	{ NULL, NULL, 0, NOPTS }
};
static const struct opt handout_opts[] = {
	{ "--template", NULL, 1, OPT_TEMPLATE }, { "--deck", NULL, 0, OPT_DECK },
	{ "--output", "-o", 1, OPT_OUTPUT }, { NULL, NULL, 0, NOPTS }
};
static const struct opt init_options[] = {
	{ "--rubric", NULL, 1, OPT_RUBRIC }, { "--roster", NULL, 1, OPT_ROSTER },
	{ "--template", NULL, 1, OPT_TEMPLATE }, { NULL, NULL, 0, NOPTS }
};
static const struct opt no_opts[] = { { NULL, NULL, 0, NOPTS } };

static const struct command commands[] = {
	{ "build", "CYCLE.yaml", "build CYCLE.yaml [--out DIR] [--docs LIST] [--only IDS] "
	    "[--jobs N] [--shard K/N] [--passwords FILE] [--quiet]",
	  "Render every document of a review cycle.\n"
	  "  --out DIR        where to write (default out/CYCLE-ID/)\n"
	  "  --docs LIST      comma list of scorecard,coaching,form,packet,team,"
	  "org,handout,deck\n"
	  "                   (default all; aggregates and the manifest are "
	  "always written)\n"
	  "  --only IDS       comma list of person ids to render\n"
	  "  --jobs N         parallel renderers (default: number of cores)\n"
	  "  --shard K/N      render shard K of N (see revpack(1))\n"
	  "  --passwords FILE CSV id,password: encrypt files with AES-256\n"
	  "  --quiet          no progress on the terminal\n", build_opts, 0 },
	{ "validate", "FILE", "validate FILE",
	  "Check a cycle (and every file it names), a rubric or a template;\n"
	  "list every problem; render nothing. The kind is told from the "
	  "keys.\n", no_opts, 0 },
	{ "aggregate", "CYCLE.yaml", "aggregate CYCLE.yaml [--format json|csv|xlsx] [-o FILE]",
	  "Compute the cycle's figures (the scoring rules of revpack(1)).\n"
	  "  --format F         json: every figure (default); csv: one row per\n"
	  "                     person for spreadsheets; xlsx: the figures as a\n"
	  "                     formatted Excel workbook (needs -o FILE)\n"
	  "  -o, --output FILE  write there instead of standard output\n",
	  aggregate_opts, 0 },
	{ "handout", "RUBRIC.yaml", "handout RUBRIC.yaml [--template FILE] [--deck] -o FILE.pdf|FILE.pptx",
	  "Render a rubric as a rollout handout (or, with --deck, a 16:9 "
	  "slide deck;\nas an editable PowerPoint file when FILE ends in "
	  ".pptx).\n"
	  "  --template FILE    layout (default: the shipped default.yaml, or "
	  "slides.yaml\n"
	  "                     with --deck)\n"
	  "  --deck             slides for projecting\n"
	  "  -o, --output FILE  the PDF (or .pptx deck) to write\n",
	  handout_opts, 0 },
	{ "manifest", "OUTDIR", "manifest OUTDIR",
	  "Merge the manifest.K-of-N.json files of --shard runs into "
	  "manifest.json.\n", no_opts, 0 },
	{ "init", "DIR", "init DIR --rubric RUBRIC --roster ROSTER [--template T] "
	    "EXPORT...",
	  "Draft DIR/cycle.yaml for exports as a survey or review tool gives "
	  "them:\nwhich columns hold the subject, the rater, the role, the "
	  "competencies and\nthe answers, inferred from headers and values and "
	  "written out with a comment\neach; what cannot be inferred is a TODO "
	  "(exit 1). Never overwrites a cycle.\n"
	  "  --rubric RUBRIC    the rubric the exports rate against\n"
	  "  --roster ROSTER    the people (any column names, CSV or .xlsx)\n"
	  "  --template T       layout (default: the shipped default.yaml)\n",
	  init_options, 1 },
};

static void
usage_line(FILE *f, const struct command *c)
{
	fprintf(f, "usage: revpack %s\n", c->synopsis);
}

static void
main_help(FILE *f)
{
	size_t i;

	fputs("revpack: review-cycle ratings and a competency rubric to "
	    "printable PDFs\n\nusage:\n", f);
	for (i = 0; i < NELEM(commands); i++)
		fprintf(f, "  revpack %s\n", commands[i].synopsis);
	fputs("  revpack --help | --version\n\n"
	    "revpack COMMAND --help describes a command. Exit status: 0 done, "
	    "1 wrong inputs,\n2 bad command line, 3 an output could not be "
	    "written, 130/143 interrupted.\n", f);
}

static int
bad_usage(const struct command *c, const char *fmt, const char *what)
{
	fputs("revpack: ", stderr);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	if (c != NULL)
		usage_line(stderr, c);
	else
		fputs("usage: revpack COMMAND ... (revpack --help lists them)\n",
		    stderr);
	return EXIT_USAGE;
}

static const struct opt *
find_opt(const struct opt *opts, const char *arg, size_t n)
{
	for (; opts->name != NULL; opts++)
		if ((strlen(opts->name) == n && strncmp(arg, opts->name, n) == 0) ||
		    (opts->alias != NULL && strlen(opts->alias) == n &&
		    strncmp(arg, opts->alias, n) == 0))
			return opts;
	return NULL;
}

/* Options may come before or after the file; "--name=value" and
 * "--name value" both work; "--" ends the options. Returns -1 when the
 * command line is fine, else the exit status. */
static int
parse_args(const struct command *c, int argc, char **argv, struct args *a)
{
	int i, dashdash = 0;

	memset(a, 0, sizeof *a);
	a->more = xcalloc((size_t)argc + 1, sizeof(char *));
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq;
		const struct opt *o;
		size_t n;

		if (dashdash || arg[0] != '-' || arg[1] == '\0') {
			if (arg[0] == '\0')
				return bad_usage(c, "%s", "an empty argument; "
				    "expected a file name");
			if (a->file == NULL)
				a->file = arg;
			else if (c->many)
				a->more[a->nmore++] = arg;
			else
				return bad_usage(c, "unexpected argument \"%s\"", arg);
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			usage_line(stdout, c);
			fputs(c->help, stdout);
			return EXIT_OK;
		}
		eq = strchr(arg, '=');
		n = eq != NULL && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
		o = find_opt(c->opts, arg, n);
		if (o == NULL)
			return bad_usage(c, "unknown option \"%s\"", arg);
		a->set[o->key] = 1;
		if (!o->has_arg) {
			if (eq != NULL && arg[1] == '-')
				return bad_usage(c, "option \"%s\" takes no value", arg);
			continue;
		}
		if (eq != NULL && arg[1] == '-')
			a->val[o->key] = eq + 1;
		else if (i + 1 < argc)
			a->val[o->key] = argv[++i];
		else
			return bad_usage(c, "option \"%s\" needs a value", arg);
		if (a->val[o->key][0] == '\0')
			return bad_usage(c, "option \"%s\" has an empty value; "
			    "expected a file, folder or list", o->name);
	}
	if (a->file == NULL)
		return bad_usage(c, "missing %s", c->arg);
	return -1;
}

/* A whole number in [lo, hi], or -1. */
static long
number(const char *s, long lo, long hi)
{
	long v;

	if (s == NULL || !parse_long(s, strlen(s), &v) || v < lo || v > hi)
		return -1;
	return v;
}

static int
run_build(const struct command *c, const struct args *a)
{
	struct build_opts o;
	const char *slash;

	memset(&o, 0, sizeof o);
	o.cycle = a->file;
	o.out = a->val[OPT_OUT];
	o.docs = a->val[OPT_DOCS];
	o.only = a->val[OPT_ONLY];
	o.passwords = a->val[OPT_PASSWORDS];
	o.quiet = a->set[OPT_QUIET];
	o.shard_k = o.shard_n = 1;
	if (a->set[OPT_JOBS]) {
		o.jobs = (int)number(a->val[OPT_JOBS], 1, 256);
		if (o.jobs < 0)
			return bad_usage(c, "--jobs \"%s\": expected a number "
			    "from 1 to 256", a->val[OPT_JOBS]);
	}
	if (a->set[OPT_SHARD]) {
		char k[16];
		const char *s = a->val[OPT_SHARD];

		slash = strchr(s, '/');
		if (slash == NULL || (size_t)(slash - s) >= sizeof k)
			return bad_usage(c, "--shard \"%s\": expected K/N, "
			    "such as 2/8", s);
		memcpy(k, s, (size_t)(slash - s));
		k[slash - s] = '\0';
		o.shard_n = (int)number(slash + 1, 1, 100000);
		o.shard_k = (int)number(k, 1, 100000);
		if (o.shard_n < 1 || o.shard_k < 1 || o.shard_k > o.shard_n)
			return bad_usage(c, "--shard \"%s\": expected K/N with "
			    "1 <= K <= N, such as 2/8", s);
	}
	return cmd_build(&o);
}

/* stdout_status: st, or EXIT_OUTPUT after saying why when what the
 * command printed could not all be written (`validate > /dev/full`, a
 * closed pipe): a summary the user never saw is no success. A command
 * that already reported it (st EXIT_OUTPUT) is not reported twice. */
static int
stdout_status(int st)
{
	int err;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return st;
	err = errno;
	if (st != EXIT_OUTPUT)
		fprintf(stderr, "revpack: error: cannot write to standard "
		    "output: %s\n", err != 0 ? strerror(err) : "write error");
	return EXIT_OUTPUT;
}

static int
run(const struct command *c, const struct args *a)
{
	if (strcmp(c->name, "build") == 0)
		return run_build(c, a);
	if (strcmp(c->name, "validate") == 0)
		return cmd_validate(a->file);
	if (strcmp(c->name, "aggregate") == 0) {
		const char *fmt = a->set[OPT_FORMAT] ? a->val[OPT_FORMAT] : "json";

		const char *o = a->val[OPT_OUTPUT];

		if (strcmp(fmt, "json") != 0 && strcmp(fmt, "csv") != 0 &&
		    strcmp(fmt, "xlsx") != 0)
			return bad_usage(c, "--format \"%s\": expected json, "
			    "csv or xlsx", fmt);
		if (strcmp(fmt, "xlsx") == 0 && (o == NULL ||
		    strcmp(o, "-") == 0))
			return bad_usage(c, "%s", "--format xlsx writes a binary "
			    "workbook, not text for standard output: give -o "
			    "FILE.xlsx");
		return cmd_aggregate(a->file, fmt, a->val[OPT_OUTPUT]);
	}
	if (strcmp(c->name, "handout") == 0) {
		if (!a->set[OPT_OUTPUT])
			return bad_usage(c, "%s", "missing -o FILE.pdf");
		return cmd_handout(a->file, a->val[OPT_TEMPLATE],
		    a->set[OPT_DECK], a->val[OPT_OUTPUT]);
	}
	if (strcmp(c->name, "init") == 0) {
		struct init_opts o;

		if (a->val[OPT_RUBRIC] == NULL || a->val[OPT_ROSTER] == NULL ||
		    a->nmore == 0)
			return bad_usage(c, "%s", "missing --rubric, --roster or "
			    "an export");
		o.dir = a->file;
		o.rubric = a->val[OPT_RUBRIC];
		o.roster = a->val[OPT_ROSTER];
		o.tmpl = a->val[OPT_TEMPLATE];
		o.exports = a->more;
		o.nexports = a->nmore;
		return cmd_init(&o);
	}
	return cmd_manifest(a->file);
}

int
main(int argc, char **argv)
{
	struct args a;
	size_t i;
	int st;

	/* A file grown past `ulimit -f` is a write error (EFBIG, exit 3,
	 * temporary removed), not a kill that leaves the temporary behind. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2)
		return bad_usage(NULL, "%s", "missing command");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		main_help(stdout);
		return stdout_status(EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("revpack %s\n", REVPACK_VERSION);
		return stdout_status(EXIT_OK);
	}
	for (i = 0; i < NELEM(commands); i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		st = parse_args(&commands[i], argc - 2, argv + 2, &a);
		if (st < 0)
			st = run(&commands[i], &a);
		free(a.more);
		return stdout_status(st);
	}
	if (argv[1][0] == '-')
		return bad_usage(NULL, "unknown option \"%s\"", argv[1]);
	return bad_usage(NULL, "unknown command \"%s\"", argv[1]);
}
