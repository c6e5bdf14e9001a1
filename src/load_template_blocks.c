/* load_template_blocks.c: the `documents` part of a template: per document
 * its page set-up and ordered blocks, each block's options checked against
 * the block vocabulary and against the data that document offers; the
 * built-in block list of every document a template leaves out. */
#include <string.h>

#include "load_template.h"

#define BIT(x) (1u << (x))
#define PERSON_DOCS (BIT(TD_SCORECARD) | BIT(TD_COACHING) | BIT(TD_FORM) | \
	BIT(TD_BLANK_FORM))
#define GROUP_DOCS (BIT(TD_TEAM) | BIT(TD_ORG) | BIT(TD_DEPARTMENT))
#define RUBRIC_DOCS (BIT(TD_HANDOUT) | BIT(TD_DECK))

/* A block type: its name, the option a bare scalar value sets, and the
 * options it takes. */
struct btype {
	const char *name;
	const char *primary;            /* NULL: takes no scalar */
	const char *const keys[8];
};

static const struct btype btypes[NTMPL_BLOCKS] = {
	[TB_TITLE] = { "title", "text", { "text" } },
	[TB_HEADING] = { "heading", "text", { "text", "level", "bookmark" } },
	[TB_PARAGRAPH] = { "paragraph", "text",
	    { "text", "data", "style", "title" } },
	[TB_BULLETS] = { "bullets", "items",
	    { "items", "data", "style", "title" } },
	[TB_KV_GRID] = { "kv_grid", "data",
	    { "data", "fields", "columns", "title" } },
	[TB_TABLE] = { "table", "data", { "data", "columns", "rows", "title" } },
	[TB_SCALE_LEGEND] = { "scale_legend", "data", { "data", "title" } },
	[TB_CHIPS] = { "chips", "data", { "data", "title" } },
	[TB_SIGNATURE_LINES] = { "signature_lines", "signers",
	    { "signers", "title" } },
	[TB_LINES] = { "lines", "count", { "count", "spacing", "title" } },
	[TB_PAGE_BREAK] = { "page_break", NULL, { NULL } },
	[TB_SPACER] = { "spacer", "height", { "height" } },
	[TB_BARS] = { "bars", "data", { "data", "series", "title" } },
	[TB_RADAR] = { "radar", "data",
	    { "data", "series", "height", "title" } },
	[TB_HEATMAP] = { "heatmap", "data", { "data", "title" } },
	[TB_HISTOGRAM] = { "histogram", "data", { "data", "height", "title" } },
	[TB_CALIBRATION] = { "calibration", "data", { "data", "title" } },
	[TB_SECTIONS] = { "sections", "data",
	    { "data", "page_break", "levels", "title" } },
	[TB_CONTENTS] = { "contents", "title", { "title" } },
	[TB_INCLUDE] = { "include", "parts", { "parts" } },
};

const char *
tmpl_block_name(enum tmpl_block_type t)
{
	return btypes[t].name;
}

/* --- the data documents offer --- */

static const char *const f_person[] = { "name", "id", "job_title", "level",
	"department", "manager", "supervisory", "employment", "email",
	"review_date", "period", "cycle", "overall", "score", "percent",
	"rating", "coverage", "trend", NULL };
static const char *const f_comp[] = { "competency", "category", "weight",
	"score", "manager", "self", "peer", "direct_report", "level",
	"expected", "status", "descriptor", "trend", "raters", NULL };
static const char *const f_scale[] = { "level", "rating", "descriptor",
	NULL };
static const char *const f_trend[] = { "competency", "previous", "score",
	"change", NULL };
static const char *const f_gap[] = { "competency", "self", "manager",
	"gap", "flagged", NULL };
static const char *const f_action[] = { "action", "owner", "follow_up",
	NULL };
static const char *const f_grid[] = { "competency", "definition",
	"levels", NULL };
static const char *const f_group[] = { "manager", "department", "members",
	"cycle", "review_date", "period", NULL };
static const char *const f_stat[] = { "competency", "n", "mean", "median",
	"stdev", "min", "max", "expected", "below_expected", "below_share",
	"distribution", "trend", NULL };
static const char *const f_label[] = { "rating", "people", NULL };
static const char *const f_people[] = { "name", "id", "job_title",
	"level", "department", "overall", "rating", "coverage", NULL };
static const char *const f_calib[] = { "manager", "ratings", "mean_given",
	"delta_vs_org", "flagged", NULL };
static const char *const f_rcomp[] = { "competency", "category",
	"definition", "weight", NULL };
static const char *const f_ladder[] = { "role_level", "expected",
	"rating", NULL };
static const char *const f_manager[] = { "name", "id", "job_title",
	"department", "members", "cycle", "review_date", "period", NULL };
static const char *const f_none[] = { NULL };

/* What a document offers under a data name, to which block types. */
struct binding {
	unsigned docs;
	const char *name;
	unsigned types;
	const char *const *fields;
};

static const struct binding bindings[] = {
	{ PERSON_DOCS, "person", BIT(TB_KV_GRID), f_person },
	{ BIT(TD_SCORECARD) | BIT(TD_FORM) | BIT(TD_BLANK_FORM) | RUBRIC_DOCS,
	    "scale", BIT(TB_SCALE_LEGEND) | BIT(TB_TABLE), f_scale },
	{ BIT(TD_SCORECARD), "categories", BIT(TB_TABLE), f_comp },
	{ BIT(TD_SCORECARD) | BIT(TD_COACHING), "competencies",
	    BIT(TB_TABLE) | BIT(TB_BARS) | BIT(TB_RADAR), f_comp },
	{ BIT(TD_SCORECARD), "statuses", BIT(TB_CHIPS), f_none },
	{ BIT(TD_SCORECARD), "overall", BIT(TB_KV_GRID), f_person },
	{ BIT(TD_SCORECARD) | GROUP_DOCS, "trend", BIT(TB_TABLE) | BIT(TB_BARS),
	    f_trend },
	{ BIT(TD_SCORECARD), "comments", BIT(TB_BULLETS) | BIT(TB_PARAGRAPH),
	    f_none },
	{ BIT(TD_COACHING), "strengths", BIT(TB_TABLE) | BIT(TB_BULLETS) |
	    BIT(TB_BARS), f_comp },
	{ BIT(TD_COACHING), "growth", BIT(TB_TABLE) | BIT(TB_BULLETS) |
	    BIT(TB_BARS), f_comp },
	{ BIT(TD_COACHING), "growth_details", BIT(TB_SECTIONS), f_none },
	{ BIT(TD_COACHING), "gaps", BIT(TB_TABLE) | BIT(TB_BARS), f_gap },
	{ BIT(TD_COACHING), "objectives", BIT(TB_BULLETS) | BIT(TB_SECTIONS),
	    f_none },
	{ BIT(TD_COACHING), "actions", BIT(TB_TABLE), f_action },
	{ BIT(TD_FORM) | BIT(TD_BLANK_FORM), "rating_grid",
	    BIT(TB_TABLE) | BIT(TB_SECTIONS), f_grid },
	{ GROUP_DOCS, "group", BIT(TB_KV_GRID), f_group },
	{ GROUP_DOCS, "heatmap", BIT(TB_HEATMAP), f_none },
	{ GROUP_DOCS, "people", BIT(TB_TABLE), f_people },
	{ GROUP_DOCS, "competency_stats", BIT(TB_TABLE) | BIT(TB_BARS) |
	    BIT(TB_HISTOGRAM), f_stat },
	{ GROUP_DOCS, "skill_gaps", BIT(TB_TABLE) | BIT(TB_BARS), f_stat },
	{ GROUP_DOCS, "labels", BIT(TB_HISTOGRAM) | BIT(TB_TABLE) |
	    BIT(TB_BARS), f_label },
	{ BIT(TD_ORG), "calibration", BIT(TB_CALIBRATION) | BIT(TB_TABLE),
	    f_calib },
	{ RUBRIC_DOCS, "intro", BIT(TB_PARAGRAPH) | BIT(TB_BULLETS), f_none },
	{ RUBRIC_DOCS, "leaders", BIT(TB_PARAGRAPH) | BIT(TB_BULLETS), f_none },
	{ RUBRIC_DOCS, "individuals", BIT(TB_PARAGRAPH) | BIT(TB_BULLETS),
	    f_none },
	{ RUBRIC_DOCS, "competencies", BIT(TB_TABLE), f_rcomp },
	{ RUBRIC_DOCS, "competency_details", BIT(TB_SECTIONS), f_none },
	{ RUBRIC_DOCS, "ladder", BIT(TB_TABLE) | BIT(TB_BARS), f_ladder },
	{ BIT(TD_MANAGER_PACKET), "manager", BIT(TB_KV_GRID), f_manager },
};

/* The blocks a block type needs data for. */
#define DATA_TYPES (BIT(TB_KV_GRID) | BIT(TB_TABLE) | BIT(TB_SCALE_LEGEND) | \
	BIT(TB_CHIPS) | BIT(TB_BARS) | BIT(TB_RADAR) | BIT(TB_HEATMAP) | \
	BIT(TB_HISTOGRAM) | BIT(TB_CALIBRATION) | BIT(TB_SECTIONS))

static const struct binding *
find_binding(enum tmpl_doc doc, const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(bindings); i++)
		if ((bindings[i].docs & BIT(doc)) &&
		    strcmp(bindings[i].name, name) == 0)
			return &bindings[i];
	return NULL;
}

const char *const *
tmpl_data_fields(enum tmpl_doc doc, const char *name)
{
	const struct binding *b = find_binding(doc, name);

	return b != NULL ? b->fields : NULL;
}

enum tmpl_word
tmpl_field_word(const char *field)
{
	int w = tmpl_word_find(field, strlen(field));

	if (strcmp(field, "job_title") == 0)
		return TW_JOB_TITLE;
	return w >= 0 ? (enum tmpl_word)w : TW_KEY;
}

/* What a packet may include. */
static const char *const parts_person[] = { "scorecard", "coaching" };
static const char *const parts_manager[] = { "team", "reports" };

/* --- built-in block lists --- */

#define SIGN "- signature_lines: ['{words.employee}', '{words.manager}']\n"
#define GROUP_BLOCKS \
	"- kv_grid: { data: group, fields: [manager, department, members, " \
	"review_date, period], columns: 3 }\n" \
	"- heatmap: { data: heatmap, title: '{words.heatmap}' }\n" \
	"- table: { data: competency_stats, title: '{words.competency}', " \
	"columns: [{ field: competency, width: 0.34 }, n, mean, median, " \
	"stdev, min, max, below_expected] }\n" \
	"- histogram: { data: competency_stats, title: " \
	"'{words.distribution}' }\n" \
	"- table: { data: skill_gaps, title: '{words.skill_gaps}', columns: " \
	"[{ field: competency, width: 0.46 }, below_expected, below_share, " \
	"mean] }\n" \
	"- histogram: { data: labels, title: '{words.labels}' }\n" \
	"- table: { data: trend, title: '{words.trend}', columns: " \
	"[{ field: competency, width: 0.46 }, previous, score, change] }\n"

static const char *const builtin[NTMPL_DOCS] = {
	[TD_SCORECARD] =
	"- title: '{words.scorecard}'\n"
	"- kv_grid: { data: person, fields: [name, job_title, department, "
	"manager, supervisory, employment, review_date, period, overall], "
	"columns: 3 }\n"
	"- scale_legend: { data: scale, title: '{words.scale}' }\n"
	"- table: { data: categories, columns: [{ field: competency, width: "
	"0.22 }, score, manager, self, peer, { field: level, width: 0.13 }, "
	"expected, status, { field: descriptor, width: 0.25 }] }\n"
	"- radar: { data: competencies, title: '{words.profile}', series: "
	"[manager, self, expected] }\n"
	"- kv_grid: { data: overall, title: '{words.overall}', fields: "
	"[score, percent, rating, coverage, trend], columns: 3 }\n"
	"- table: { data: trend, title: '{words.trend}', columns: "
	"[{ field: competency, width: 0.46 }, previous, score, change] }\n"
	"- bullets: { data: comments, title: '{words.comments}' }\n"
	SIGN,
	[TD_COACHING] =
	"- title: '{words.coaching}'\n"
	"- kv_grid: { data: person, fields: [name, job_title, manager, "
	"review_date, overall], columns: 3 }\n"
	"- table: { data: strengths, title: '{words.strengths}', columns: "
	"[{ field: competency, width: 0.4 }, score, expected, status, level] }\n"
	"- table: { data: growth, title: '{words.growth}', columns: "
	"[{ field: competency, width: 0.4 }, score, expected, status, level] }\n"
	"- sections: { data: growth_details }\n"
	"- table: { data: gaps, title: '{words.gaps}', columns: "
	"[{ field: competency, width: 0.4 }, self, manager, gap, flagged] }\n"
	"- bullets: { data: objectives, title: '{words.objectives}' }\n"
	"- table: { data: actions, title: '{words.actions}', rows: 4, columns: "
	"[{ field: action, width: 0.55 }, owner, follow_up] }\n"
	SIGN,
	[TD_FORM] =
	"- title: '{words.form}'\n"
	"- kv_grid: { data: person, fields: [name, job_title, department, "
	"manager, supervisory, employment, review_date, period], columns: 2 }\n"
	"- scale_legend: { data: scale }\n"
	"- paragraph: { text: '{words.tick_one}', style: small }\n"
	"- table: { data: rating_grid, columns: [{ field: competency, width: "
	"0.2 }, levels] }\n"
	"- lines: { title: '{words.comments}', count: 6 }\n"
	SIGN,
	[TD_BLANK_FORM] = NULL,         /* the form's */
	[TD_PERSON_PACKET] = "- include: [scorecard, coaching]\n",
	[TD_TEAM] = "- title: '{words.team}'\n" GROUP_BLOCKS,
	[TD_ORG] = "- title: '{words.org}'\n" GROUP_BLOCKS
	"- calibration: { data: calibration, title: '{words.calibration}' }\n",
	[TD_DEPARTMENT] = "- title: '{words.department_summary}'\n"
	GROUP_BLOCKS,
	[TD_HANDOUT] =
	"- title: '{rubric.title}'\n"
	"- paragraph: { data: intro, title: '{words.intro}' }\n"
	"- scale_legend: { data: scale, title: '{words.scale}' }\n"
	"- sections: { data: competency_details, levels: auto }\n"
	"- table: { data: ladder, title: '{words.ladder}', columns: "
	"[role_level, expected, rating] }\n"
	"- paragraph: { data: leaders, title: '{words.leaders}' }\n"
	"- paragraph: { data: individuals, title: '{words.individuals}' }\n",
	[TD_DECK] =
	"- spacer: 120\n"
	"- title: '{rubric.title}'\n"
	"- paragraph: { text: '{organization}', style: subtitle }\n"
	"- page_break\n"
	"- paragraph: { data: intro, title: '{words.intro}' }\n"
	"- page_break\n"
	"- scale_legend: { data: scale, title: '{words.scale}' }\n"
	"- sections: { data: competency_details, page_break: true, "
	"levels: auto }\n"
	"- page_break\n"
	"- table: { data: ladder, title: '{words.ladder}', columns: "
	"[role_level, expected, rating] }\n"
	"- page_break\n"
	"- bullets: { data: leaders, title: '{words.leaders}' }\n"
	"- bullets: { data: individuals, title: '{words.individuals}' }\n",
	[TD_MANAGER_PACKET] =
	"- spacer: 100\n"
	"- title: '{words.manager_packet}'\n"
	"- paragraph: { text: '{cycle.title}', style: subtitle }\n"
	"- kv_grid: { data: manager, fields: [name, department, members, "
	"review_date, period], columns: 1 }\n"
	"- page_break\n"
	"- contents: '{words.contents}'\n"
	"- include: [team, reports]\n",
};

/* --- reading blocks --- */

struct bctx {
	struct tload *L;
	enum tmpl_doc doc;
	const struct ynode *inner;      /* the options mapping, or NULL */
	const struct ynode *outer;      /* the block's own mapping, or NULL */
	const struct ynode *primary;    /* the type key's scalar or list */
	const struct btype *bt;
	const char *pkey;               /* the option `primary` sets */
	const struct binding *bind;
};

/* opt: the node of option `key`, wherever it was written. */
static const struct ynode *
opt(const struct bctx *c, const char *key)
{
	const struct ynode *v = y_get(c->inner, key);

	if (v == NULL && c->outer != NULL && strcmp(key, c->bt->name) != 0)
		v = y_get(c->outer, key);
	if (v == NULL && c->primary != NULL && strcmp(c->pkey, key) == 0)
		v = c->primary;
	return v;
}

/* report_choice: `unknown WHAT "X"CTX; did you mean "Y"?` (or the list
 * of what was possible). */
static void
report_choice(struct tload *L, const struct ynode *n, const char *what,
    const char *ctx, const char *const *names, size_t count)
{
	const char *hint = str_suggest(n->str, names, count);
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < count; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	if (ctx == NULL)
		ctx = "";
	if (hint != NULL)
		diag_error(L->d, &n->pos, "unknown %s \"%s\"%s; did you mean "
		    "\"%s\"?", what, n->str, ctx, hint);
	else
		diag_error(L->d, &n->pos, "unknown %s \"%s\"%s; expected one "
		    "of: %s", what, n->str, ctx, count ? b.p : "(none here)");
	buf_free(&b);
}

/* data: the block's binding, from `data:` or the document's first one
 * that fits the type. */
static void
block_data(struct bctx *c, struct tmpl_block *b)
{
	const struct ynode *v = opt(c, "data");
	const char *names[NELEM(bindings)];
	size_t i, n = 0;

	for (i = 0; i < NELEM(bindings); i++)
		if ((bindings[i].docs & BIT(c->doc)) &&
		    (bindings[i].types & BIT(b->type)))
			names[n++] = bindings[i].name;
	if (v == NULL) {
		if (!(DATA_TYPES & BIT(b->type)))
			return;
		if (n == 0) {
			diag_error(c->L->d, &b->pos, "a %s block has nothing to "
			    "show in \"%s\"; expected another block type",
			    c->bt->name, tmpl_doc_name(c->doc));
			return;
		}
		c->bind = find_binding(c->doc, names[0]);
		b->data = names[0];
		return;
	}
	if (v->kind != YNODE_SCALAR || y_is_null(v)) {
		y_kind(v, YNODE_SCALAR, c->L->d);
		return;
	}
	c->bind = find_binding(c->doc, v->str);
	if (c->bind != NULL && (c->bind->types & BIT(b->type))) {
		b->data = c->bind->name;
		return;
	}
	c->bind = NULL;
	report_choice(c->L, v, "data", arena_printf(c->L->a, " for a %s in "
	    "\"%s\"", c->bt->name, tmpl_doc_name(c->doc)), names, n);
}

/* field: a field name of the block's data, or reports. */
static int
field(struct bctx *c, const struct ynode *n, const char **out)
{
	const char *const *f;
	size_t count = 0;

	if (!y_str(n, c->L->d, out))
		return 0;
	if (c->bind == NULL)
		return 1;       /* the data was wrong: said already */
	for (f = c->bind->fields; *f != NULL; f++, count++)
		if (strcmp(*f, *out) == 0) {
			*out = *f;      /* static: outlives the YAML tree */
			return 1;
		}
	report_choice(c->L, n, "field", arena_printf(c->L->a, " of \"%s\"",
	    c->bind->name), c->bind->fields, count);
	return 0;
}

static void
fields(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	size_t i;

	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->fields = arena_alloc(c->L->a, (v->n + 1) * sizeof *b->fields);
	for (i = 0; i < v->n; i++)
		if (field(c, v->items[i], &b->fields[b->nfields]))
			b->nfields++;
}

static void
column(struct bctx *c, const struct ynode *n, struct tmpl_column *col)
{
	static const char *const keys[] = { "field", "width", "header",
		"align" };
	static const char *const aligns[] = { "left", "center", "right" };
	const struct ynode *v;
	double w;

	col->pos = n->pos;
	col->pos.file = c->L->t->path;
	if (n->kind == YNODE_SCALAR) {
		field(c, n, &col->field);
		return;
	}
	if (!y_kind(n, YNODE_MAP, c->L->d))
		return;
	y_keys(n, keys, NELEM(keys), c->L->d);
	v = y_require(n, "field", "in a table column", c->L->d);
	if (v != NULL)
		field(c, v, &col->field);
	v = y_get(n, "width");
	if (v != NULL && y_num(v, c->L->d, &w)) {
		if (w > 0 && w <= 1)
			col->width = (float)w;
		else
			diag_error(c->L->d, &v->pos, "\"width\": %g is not a "
			    "fraction of the table; expected a number above 0 "
			    "and at most 1, such as 0.25", w);
	}
	v = y_get(n, "header");
	if (v != NULL)
		tl_text(c->L, v, TL_BODY, &col->header);
	v = y_get(n, "align");
	if (v != NULL && v->kind == YNODE_SCALAR) {
		int a = -1, i;

		for (i = 0; i < 3; i++)
			if (strcmp(v->str, aligns[i]) == 0)
				a = i;
		if (a < 0)
			report_choice(c->L, v, "alignment", NULL, aligns, 3);
		else {
			col->align = (enum tmpl_align)a;
			col->has_align = 1;
		}
	} else if (v != NULL)
		y_kind(v, YNODE_SCALAR, c->L->d);
}

static void
columns(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	double sum = 0;
	size_t i;

	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->columns = arena_alloc(c->L->a, v->n * sizeof *b->columns);
	b->ncolumns = v->n;
	for (i = 0; i < v->n; i++) {
		column(c, v->items[i], &b->columns[i]);
		sum += b->columns[i].width;
	}
	if (sum > 1.0001)
		diag_error(c->L->d, &v->pos, "the column widths add up to %.2f; "
		    "expected at most 1 (they are fractions of the table width)",
		    sum);
}

/* texts: a list of texts (bullets, signers) into b->items. */
static void
texts(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	size_t i;

	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->items = arena_alloc(c->L->a, (v->n + 1) * sizeof *b->items);
	for (i = 0; i < v->n; i++)
		if (tl_text(c->L, v->items[i], TL_BODY, &b->items[b->nitems]))
			b->nitems++;
}

static void
parts(struct bctx *c, const struct ynode *v, struct tmpl_block *b)
{
	const char *const *names = c->doc == TD_PERSON_PACKET ? parts_person :
	    parts_manager;
	size_t i, j;

	if (c->doc != TD_PERSON_PACKET && c->doc != TD_MANAGER_PACKET) {
		diag_error(c->L->d, &b->pos, "an include block belongs in a "
		    "packet (person_packet, manager_packet), not in \"%s\"",
		    tmpl_doc_name(c->doc));
		return;
	}
	if (!y_kind(v, YNODE_SEQ, c->L->d))
		return;
	b->items = arena_alloc(c->L->a, (v->n + 1) * sizeof *b->items);
	for (i = 0; i < v->n; i++) {
		const struct ynode *p = v->items[i];

		if (!y_kind(p, YNODE_SCALAR, c->L->d))
			continue;
		for (j = 0; j < 2 && strcmp(p->str, names[j]) != 0; j++)
			;
		if (j < 2)
			b->items[b->nitems++] = names[j];
		else
			report_choice(c->L, p, "part", arena_printf(c->L->a,
			    " of \"%s\"", tmpl_doc_name(c->doc)), names, 2);
	}
}

static int
int_opt(struct bctx *c, const char *key, long lo, long hi, int *out)
{
	const struct ynode *v = opt(c, key);
	char w[96];
	long x;

	if (v == NULL || !y_int(v, c->L->d, &x))
		return 0;
	if (x < lo || x > hi) {
		diag_error(c->L->d, &v->pos, "%s: %ld is out of range; expected "
		    "%ld to %ld", y_where(v, w, sizeof w), x, lo, hi);
		return 0;
	}
	*out = (int)x;
	return 1;
}

/* options: every option of the block, per its type. */
static void
options(struct bctx *c, struct tmpl_block *b)
{
	const struct ynode *v;
	int i;

	block_data(c, b);
	v = opt(c, "text");
	if (v != NULL)
		tl_text(c->L, v, TL_BODY, &b->text);
	v = opt(c, "title");
	if (v != NULL)
		tl_text(c->L, v, TL_BODY, &b->title);
	b->level = 1;
	int_opt(c, "level", 1, 2, &b->level);
	b->bookmark = b->type == TB_HEADING && b->level == 1;
	v = opt(c, "bookmark");
	if (v != NULL)
		y_bool(v, c->L->d, &b->bookmark);
	b->style = TS_BODY;
	v = opt(c, "style");
	if (v != NULL && v->kind == YNODE_SCALAR) {
		for (i = 0; i < NTMPL_STYLES && strcmp(v->str,
		    tmpl_style_name((enum tmpl_style)i)) != 0; i++)
			;
		if (i < NTMPL_STYLES)
			b->style = (enum tmpl_style)i;
		else {
			const char *names[NTMPL_STYLES];

			for (i = 0; i < NTMPL_STYLES; i++)
				names[i] = tmpl_style_name((enum tmpl_style)i);
			report_choice(c->L, v, "style", NULL, names,
			    NTMPL_STYLES);
		}
	} else if (v != NULL)
		y_kind(v, YNODE_SCALAR, c->L->d);
	v = opt(c, "items");
	if (v != NULL)
		texts(c, v, b);
	v = opt(c, "signers");
	if (v != NULL)
		texts(c, v, b);
	v = opt(c, "parts");
	if (v != NULL)
		parts(c, v, b);
	v = opt(c, "fields");
	if (v != NULL)
		fields(c, v, b);
	v = opt(c, "series");
	if (v != NULL)
		fields(c, v, b);
	v = opt(c, "columns");
	if (v != NULL && b->type == TB_TABLE)
		columns(c, v, b);
	b->columns_n = 2;
	if (b->type == TB_KV_GRID)
		int_opt(c, "columns", 1, 4, &b->columns_n);
	int_opt(c, "rows", 0, 50, &b->count);
	if (b->type == TB_LINES) {
		b->count = 5;
		int_opt(c, "count", 1, 60, &b->count);
	}
	v = opt(c, "height");
	if (v != NULL)
		tl_length(c->L, v, &b->height);
	v = opt(c, "spacing");
	if (v != NULL)
		tl_length(c->L, v, &b->height);
	v = opt(c, "page_break");
	if (v != NULL)
		y_bool(v, c->L->d, &b->page_break);
	v = opt(c, "levels");
	if (v != NULL && v->kind == YNODE_SCALAR) {
		static const char *const modes[] = { "auto", "matrix",
			"indicators" };

		for (i = 0; i < 3 && strcmp(v->str, modes[i]) != 0; i++)
			;
		if (i < 3)
			b->mode = modes[i];
		else
			report_choice(c->L, v, "levels layout", NULL,
				    modes, 3);
	} else if (v != NULL)
		y_kind(v, YNODE_SCALAR, c->L->d);
	if (b->mode == NULL)
		b->mode = "auto";
}

/* block_keys: unknown option names, wherever they were written. */
static void
block_keys(struct bctx *c)
{
	const char *keys[10];
	size_t n = 0;

	while (n < 8 && c->bt->keys[n] != NULL) {
		keys[n] = c->bt->keys[n];
		n++;
	}
	if (c->inner != NULL)
		y_keys(c->inner, keys, n, c->L->d);
	keys[n++] = c->bt->name;
	if (c->outer != NULL)
		y_keys(c->outer, keys, n, c->L->d);
}

static int
block_type(struct tload *L, const struct ynode *name)
{
	const char *names[NTMPL_BLOCKS];
	int i;

	for (i = 0; i < NTMPL_BLOCKS; i++) {
		names[i] = btypes[i].name;
		if (strcmp(name->str, names[i]) == 0)
			return i;
	}
	report_choice(L, name, "block type", NULL, names, NTMPL_BLOCKS);
	return -1;
}

/* block: one item of a `blocks` list. Returns 0 when it is unusable. */
static int
block(struct tload *L, enum tmpl_doc doc, const struct ynode *n,
    struct tmpl_block *b)
{
	struct bctx c;
	const struct ynode *name = n, *val = NULL;
	int t;

	memset(&c, 0, sizeof c);
	c.pkey = "";
	c.L = L;
	c.doc = doc;
	b->pos = n->pos;
	b->pos.file = L->t->path;
	if (n->kind == YNODE_MAP && n->n > 0) {
		name = n->pairs[0].key;
		val = n->pairs[0].val;
		c.outer = n;
	} else if (n->kind != YNODE_SCALAR || y_is_null(n)) {
		char what[80];

		diag_error(L->d, &n->pos, "a block: expected a block type such "
		    "as \"heading: Text\" or \"page_break\", found %s",
		    y_describe(n, what, sizeof what));
		return 0;
	}
	t = block_type(L, name);
	if (t < 0)
		return 0;
	b->type = (enum tmpl_block_type)t;
	c.bt = &btypes[t];
	if (val != NULL && val->kind == YNODE_MAP)
		c.inner = val;
	else if (val != NULL && !y_is_null(val)) {
		if (c.bt->primary == NULL) {
			diag_error(L->d, &val->pos, "a %s block takes no value; "
			    "expected \"- %s\" alone", c.bt->name, c.bt->name);
			return 0;
		}
		c.primary = val;
		c.pkey = c.bt->primary;
		/* `bullets: comments`: a scalar names the data */
		if (b->type == TB_BULLETS && val->kind == YNODE_SCALAR)
			c.pkey = "data";
	}
	block_keys(&c);
	options(&c, b);
	return 1;
}

static void
blocks(struct tload *L, enum tmpl_doc doc, const struct ynode *n,
    struct tmpl_docdef *dd)
{
	size_t i;

	if (!y_kind(n, YNODE_SEQ, L->d))
		return;
	dd->blocks = arena_alloc(L->a, (n->n + 1) * sizeof *dd->blocks);
	for (i = 0; i < n->n; i++)
		if (block(L, doc, n->items[i], &dd->blocks[dd->nblocks]))
			dd->nblocks++;
}

/* builtin_blocks: the document's block list from the code. */
static void
builtin_blocks(struct tload *L, enum tmpl_doc doc, struct tmpl_docdef *dd)
{
	const char *src = builtin[doc] != NULL ? builtin[doc] :
	    builtin[TD_FORM];
	struct ydoc *y = ydoc_parse("(built-in template)", src, strlen(src),
	    L->d);

	if (y != NULL && y->root != NULL)
		blocks(L, doc, y->root, dd);
	if (y != NULL) {
		size_t i, j;

		for (i = 0; i < dd->nblocks; i++) {
			dd->blocks[i].pos.file = "(built-in template)";
			for (j = 0; j < dd->blocks[i].ncolumns; j++)
				dd->blocks[i].columns[j].pos.file =
				    "(built-in template)";
		}
	}
	ydoc_free(y);
}

/* doc_defaults: page, bands and styles a document inherits. */
static void
doc_defaults(struct tload *L, enum tmpl_doc doc, struct tmpl_docdef *dd)
{
	const struct tmpl *t = L->t;

	dd->page = t->page;
	dd->header = t->header;
	dd->footer = t->footer;
	dd->continued = 1;
	dd->scale = 1;
	if (doc == TD_DECK && t->page.height > t->page.width) {
		/* 16:9 slides from a portrait template: larger type. */
		dd->page.width = 960;
		dd->page.height = 540;
		dd->page.top = 58;
		dd->page.bottom = 44;
		dd->page.left = dd->page.right = 54;
		dd->scale = 1.6f;
	}
}

static void
scale_styles(struct tmpl_docdef *dd)
{
	size_t i;

	for (i = 0; i < NTMPL_STYLES; i++) {
		dd->styles[i].size *= dd->scale;
		dd->styles[i].before *= dd->scale;
		dd->styles[i].after *= dd->scale;
	}
}

static void
document(struct tload *L, enum tmpl_doc doc, const struct ynode *n)
{
	static const char *const keys[] = { "page", "header", "footer",
		"styles", "scale", "continued", "blocks" };
	struct tmpl_docdef *dd = &L->t->docs[doc];
	const struct ynode *v, *list = NULL;
	double x;

	doc_defaults(L, doc, dd);
	memcpy(dd->styles, L->t->styles, sizeof dd->styles);
	if (n != NULL && n->kind == YNODE_SEQ)
		list = n;
	else if (n != NULL && y_kind(n, YNODE_MAP, L->d)) {
		dd->pos = n->pos;
		dd->pos.file = L->t->path;
		y_keys(n, keys, NELEM(keys), L->d);
		tl_page(L, y_get(n, "page"), &dd->page);
		tl_band(L, y_get(n, "header"), &dd->header, 1);
		tl_band(L, y_get(n, "footer"), &dd->footer, 0);
		tl_styles(L, y_get(n, "styles"), dd->styles);
		v = y_get(n, "scale");
		if (v != NULL && y_num(v, L->d, &x)) {
			if (x >= 0.5 && x <= 4)
				dd->scale = (float)x;
			else
				diag_error(L->d, &v->pos, "\"scale\": %g is out of "
				    "range; expected 0.5 to 4", x);
		}
		v = y_get(n, "continued");
		if (v != NULL)
			y_bool(v, L->d, &dd->continued);
		list = y_get(n, "blocks");
	}
	scale_styles(dd);
	if (list != NULL) {
		dd->from_template = 1;
		blocks(L, doc, list, dd);
	} else
		builtin_blocks(L, doc, dd);
}

void
tl_documents(struct tload *L, const struct ynode *n)
{
	const char *names[NTMPL_DOCS];
	const struct ynode *given[NTMPL_DOCS];
	size_t i;

	for (i = 0; i < NTMPL_DOCS; i++) {
		names[i] = tmpl_doc_name((enum tmpl_doc)i);
		given[i] = NULL;
	}
	if (n != NULL && y_kind(n, YNODE_MAP, L->d)) {
		y_keys(n, names, NTMPL_DOCS, L->d);
		for (i = 0; i < NTMPL_DOCS; i++)
			given[i] = y_get(n, names[i]);
	}
	for (i = 0; i < NTMPL_DOCS; i++)
		document(L, (enum tmpl_doc)i, given[i]);
}
