/* tmpl.c: the names a template uses (documents, styles, colours, words
 * with their English defaults, placeholders), the data each document
 * offers its blocks, the built-in block lists, and the borrowed lookups on
 * a loaded template. */
#include <string.h>

#include "lang.h"
#include "load_template.h"

const char *const tmpl_doc_names[NTMPL_DOCS] = {
	"scorecard", "coaching", "form", "blank_form", "person_packet",
	"team", "org", "department", "handout", "deck", "manager_packet"
};
const char *const tmpl_style_names[NTMPL_STYLES] = {
	"title", "subtitle", "heading", "subheading", "body", "small",
	"label", "table", "table_head", "chart", "header", "footer"
};
const char *const tmpl_color_names[NTMPL_COLORS] = {
	"text", "muted", "accent", "lines", "fill", "red", "yellow", "green",
	"unrated", "manager", "self", "peer", "expected"
};

const char *const tmpl_word_keys[NTMPL_WORDS] = {
#define TMPL_WORD_KEY(id, key, def) key,
	TMPL_WORDS(TMPL_WORD_KEY)
#undef TMPL_WORD_KEY
};
static const char *const word_defaults[NTMPL_WORDS] = {
#define TMPL_WORD_DEF(id, key, def) def,
	TMPL_WORDS(TMPL_WORD_DEF)
#undef TMPL_WORD_DEF
};
const char *const tmpl_var_names[NTMPL_VARS] = {
#define TMPL_VAR_NAME(id, key) key,
	TMPL_VARS(TMPL_VAR_NAME)
#undef TMPL_VAR_NAME
};


const char *tmpl_doc_name(enum tmpl_doc doc) { return tmpl_doc_names[doc]; }
const char *tmpl_style_name(enum tmpl_style s) { return tmpl_style_names[s]; }
const char *tmpl_color_name(enum tmpl_color c) { return tmpl_color_names[c]; }
const char *tmpl_word_key(enum tmpl_word w) { return tmpl_word_keys[w]; }
const char *tmpl_word_default(enum tmpl_word w) { return word_defaults[w]; }
const char *tmpl_var_name(enum tmpl_var v) { return tmpl_var_names[v]; }

static int
find_name(const char *const *names, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strncmp(names[i], s, len) == 0 && names[i][len] == '\0')
			return (int)i;
	return -1;
}

int
tmpl_word_find(const char *s, size_t len)
{
	return find_name(tmpl_word_keys, NTMPL_WORDS, s, len);
}

int
tmpl_color_find(const char *s, size_t len)
{
	return find_name(tmpl_color_names, NTMPL_COLORS, s, len);
}

int
tmpl_var_find(const char *s, size_t len)
{
	return find_name(tmpl_var_names, NTMPL_VARS, s, len);
}

const char *
tmpl_word(const struct tmpl *t, enum tmpl_word w)
{
	const char *s = lang_word(t->lang, w);

	if (t->words[w] != NULL)
		return t->words[w];
	return s != NULL ? s : word_defaults[w];
}

const struct tmpl_docdef *
tmpl_doc(const struct tmpl *t, enum tmpl_doc doc)
{
	return &t->docs[doc];
}

int
tmpl_looks_like(const struct ynode *root)
{
	static const char *const keys[] = {
		"documents", "page", "fonts", "styles", "words", "header",
		"footer", "colors", "logo", "language"
	};
	size_t i;

	for (i = 0; i < NELEM(keys); i++)
		if (y_get(root, keys[i]) != NULL)
			return 1;
	return 0;
}


/* --- the data documents offer --- */

#define PERSON_DOCS (BIT(TD_SCORECARD) | BIT(TD_COACHING) | BIT(TD_FORM) | \
	BIT(TD_BLANK_FORM))
#define GROUP_DOCS (BIT(TD_TEAM) | BIT(TD_ORG) | BIT(TD_DEPARTMENT))
#define RUBRIC_DOCS (BIT(TD_HANDOUT) | BIT(TD_DECK))

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
	"levels", "weight", "score", "comments", NULL };
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

const struct binding tmpl_bindings[] = {
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
const size_t tmpl_nbindings = NELEM(tmpl_bindings);


const struct binding *
tmpl_find_binding(enum tmpl_doc doc, const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(tmpl_bindings); i++)
		if ((tmpl_bindings[i].docs & BIT(doc)) &&
		    strcmp(tmpl_bindings[i].name, name) == 0)
			return &tmpl_bindings[i];
	return NULL;
}

const char *const *
tmpl_data_fields(enum tmpl_doc doc, const char *name)
{
	const struct binding *b = tmpl_find_binding(doc, name);

	return b != NULL ? b->fields : NULL;
}

enum tmpl_word
tmpl_field_word(const char *field)
{
	int w = tmpl_word_find(field, strlen(field));

	return w >= 0 ? (enum tmpl_word)w : TW_KEY;
}

/* What a packet may include. */
const char *const tmpl_parts_person[2] = { "scorecard", "coaching" };
const char *const tmpl_parts_manager[2] = { "team", "reports" };

/* --- built-in block lists --- */

#define SIGN "- signature_lines: ['{words.employee}', '{words.manager}']\n"
#define GROUP_HEAD \
	"- kv_grid: { data: group, fields: [manager, department, members, " \
	"review_date, period], columns: 3 }\n"
#define GROUP_BLOCKS \
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

const char *const tmpl_builtin_blocks[NTMPL_DOCS] = {
	[TD_SCORECARD] =
	"- title: '{words.scorecard}'\n"
	"- kv_grid: { data: person, fields: [name, job_title, department, "
	"manager, supervisory, employment, review_date, period, overall, "
	"percent, coverage, trend], columns: 3 }\n"
	"- scale_legend: { data: scale, title: '{words.scale}' }\n"
	"- table: { data: categories, columns: [{ field: competency, "
	"width: 0.24 }, { field: score, width: 0.065 }, { field: "
	"manager, width: 0.08 }, { field: self, width: 0.055 }, { "
	"field: peer, width: 0.055 }, { field: direct_report, width: "
	"0.07 }, { field: level, width: 0.22 }, { field: expected, "
	"width: 0.08 }, { field: trend, width: 0.06 }, { field: status, "
	"width: 0.075 }] }\n"
	"- radar: { data: competencies, title: '{words.profile}', series: "
	"[manager, self, expected], height: 190 }\n"
	"- bullets: { data: comments, title: '{words.comments}' }\n"
	SIGN,
	[TD_COACHING] =
	"- title: '{words.coaching} \xe2\x80\x94 {person.name}'\n"
	"- kv_grid: { data: person, fields: [job_title, manager, review_date, "
	"overall], columns: 4 }\n"
	"- table: { data: strengths, title: '{words.strengths}', columns: "
	"[{ field: competency, width: 0.42 }, score, expected, status, "
	"{ field: level, width: 0.22 }] }\n"
	"- sections: { data: growth_details, title: '{words.growth}' }\n"
	"- table: { data: gaps, title: '{words.gaps}', columns: "
	"[{ field: competency, width: 0.4 }, self, manager, gap, flagged] }\n"
	"- bullets: { data: objectives, title: '{words.objectives}' }\n"
	"- table: { data: actions, title: '{words.actions}', rows: 3, columns: "
	"[{ field: action, width: 0.55 }, owner, follow_up] }\n"
	SIGN,
	[TD_FORM] =
	"- title: '{words.form}'\n"
	"- kv_grid: { data: person, fields: [name, job_title, department, "
	"manager, supervisory, employment, review_date, period], columns: 4 }\n"
	"- scale_legend: { data: scale }\n"
	"- table: { data: rating_grid }\n"
	"- lines: { title: '{words.comments}', count: 4 }\n"
	SIGN,
	[TD_BLANK_FORM] = NULL,         /* the form's */
	[TD_PERSON_PACKET] = "- include: [scorecard, coaching]\n",
	/* a team: each member's whole name and overall rating too */
	[TD_TEAM] = "- title: '{words.team}'\n" GROUP_HEAD
	"- table: { data: people, title: '{words.people}', columns: "
	"[{ field: name, width: 0.3 }, job_title, level, overall, coverage] }\n"
	GROUP_BLOCKS,
	[TD_ORG] = "- title: '{words.org}'\n" GROUP_HEAD GROUP_BLOCKS
	"- calibration: { data: calibration, title: '{words.calibration}' }\n",
	[TD_DEPARTMENT] = "- title: '{words.department_summary}'\n"
	GROUP_HEAD GROUP_BLOCKS,
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
	"- table: { data: ladder, title: '{words.ladder}', columns: "
	"[role_level, expected, rating] }\n"
	"- sections: { data: competency_details, page_break: true, "
	"levels: auto }\n"
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

