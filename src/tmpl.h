/* tmpl.h: a layout template (template.yaml) as validated data: pages,
 * fonts, colours, text styles, fixed words, header and footer, and per
 * document its ordered blocks. Loaded by load_template.c (the document
 * and block part by load_template_blocks.c); read-only once loaded and
 * shared by render threads. The format is described in revpack-template.5. */
#ifndef REVPACK_TMPL_H
#define REVPACK_TMPL_H

#include "dev.h"
#include "fonts.h"
#include "in_yaml.h"

/* --- documents --- */
enum tmpl_doc {
	TD_SCORECARD,
	TD_COACHING,
	TD_FORM,
	TD_BLANK_FORM,
	TD_PERSON_PACKET,
	TD_TEAM,
	TD_ORG,
	TD_DEPARTMENT,
	TD_HANDOUT,
	TD_DECK,
	TD_MANAGER_PACKET,
	NTMPL_DOCS
};
/* "scorecard", "coaching", ... as the template spells them. */
const char *tmpl_doc_name(enum tmpl_doc doc);

/* --- text styles --- */
enum tmpl_style {
	TS_TITLE,
	TS_SUBTITLE,
	TS_HEADING,
	TS_SUBHEADING,
	TS_BODY,
	TS_SMALL,
	TS_LABEL,               /* keys of a kv_grid, legends */
	TS_TABLE,
	TS_TABLE_HEAD,
	TS_CHART,               /* chart labels and values */
	TS_HEADER,              /* page header */
	TS_FOOTER,
	NTMPL_STYLES
};
const char *tmpl_style_name(enum tmpl_style s);

/* --- colours --- */
enum tmpl_color {
	TC_TEXT,
	TC_MUTED,
	TC_ACCENT,
	TC_LINES,
	TC_FILL,                /* table header and zebra background */
	TC_RED,
	TC_YELLOW,
	TC_GREEN,
	TC_UNRATED,
	TC_MANAGER,             /* chart series */
	TC_SELF,
	TC_PEER,
	TC_EXPECTED,
	NTMPL_COLORS
};
const char *tmpl_color_name(enum tmpl_color c);

struct tmpl_style_def {
	float size;             /* pt */
	int bold;
	enum tmpl_color color;
	float leading;          /* line height as a multiple of size */
	float before, after;    /* space above and below a block, pt */
};

/* Page geometry, in points. */
struct tmpl_page {
	float width, height;
	float top, right, bottom, left;         /* margins */
};

/* A header or footer: three one-line slots with placeholders, and a rule
 * between it and the body. */
struct tmpl_band {
	const char *left, *center, *right;      /* NULL: empty */
	int rule;
	int logo;               /* header: draw the template's logo at left */
};

/* --- fixed words, with their English defaults --- */
#define TMPL_WORDS(X) \
	X(SCORECARD, "scorecard", "Scorecard") \
	X(COACHING, "coaching", "Coaching summary") \
	X(FORM, "form", "Rating form") \
	X(BLANK_FORM, "blank_form", "Rating form") \
	X(PERSON_PACKET, "person_packet", "Review packet") \
	X(TEAM, "team", "Team summary") \
	X(ORG, "org", "Organisation summary") \
	X(DEPARTMENT, "department_summary", "Department summary") \
	X(HANDOUT, "handout", "Rubric guide") \
	X(DECK, "deck", "Rubric rollout") \
	X(MANAGER_PACKET, "manager_packet", "Manager packet") \
	X(CONTENTS, "contents", "Contents") \
	X(CONTINUED, "continued", "(continued)") \
	X(PAGE_OF, "page_of", "Page {page} of {pages}") \
	X(NAME, "name", "Name") \
	X(ID, "id", "ID") \
	X(JOB_TITLE, "job_title", "Job title") \
	X(LEVEL, "level", "Level") \
	X(DEPARTMENT_LABEL, "department", "Department") \
	X(MANAGER, "manager", "Manager") \
	X(SUPERVISORY, "supervisory", "Supervisory") \
	X(EMPLOYMENT, "employment", "Employment") \
	X(EMAIL, "email", "Email") \
	X(REVIEW_DATE, "review_date", "Review date") \
	X(PERIOD, "period", "Period of scoring") \
	X(CYCLE, "cycle", "Review cycle") \
	X(OVERALL, "overall", "Overall rating") \
	X(SCORE, "score", "Score") \
	X(PERCENT, "percent", "Percent of scale") \
	X(RATING, "rating", "Rating") \
	X(COVERAGE, "coverage", "Coverage") \
	X(TREND, "trend", "Trend") \
	X(PREVIOUS, "previous", "Previous") \
	X(CHANGE, "change", "Change") \
	X(SELF, "self", "Self") \
	X(PEER, "peer", "Peers") \
	X(DIRECT_REPORT, "direct_report", "Direct reports") \
	X(EXPECTED, "expected", "Expected") \
	X(STATUS, "status", "Status") \
	X(DESCRIPTOR, "descriptor", "Descriptor") \
	X(DESCRIPTORS, "descriptors", "What each level reached means") \
	X(COMPETENCY, "competency", "Competency") \
	X(CATEGORY, "category", "Category") \
	X(WEIGHT, "weight", "Weight") \
	X(RATERS, "raters", "Raters") \
	X(COMMENTS, "comments", "Comments") \
	X(STRENGTHS, "strengths", "Strengths") \
	X(GROWTH, "growth", "Growth areas") \
	X(NEXT_LEVEL, "next_level", "What the next level looks like") \
	X(REFERENCE, "reference", "reference: status threshold") \
	X(SCORE_RULE, "score_rule", "How the score is made") \
	X(SCORE_RULE_ROLES, "score_rule_roles", "each competency's score is the weighted mean of the roles' means, with the weights") \
	X(SCORE_RULE_CATS, "score_rule_cats", "the overall rating is the weighted mean of the category scores, with the weights") \
	X(SCORE_RULE_COMPS, "score_rule_comps", "the overall rating is the weighted mean of the competency scores") \
	X(SCORE_RULE_PERCENT, "score_rule_percent", "percent of scale") \
	X(COACHING_NOTES, "coaching_notes", "Coaching notes") \
	X(GAPS, "gaps", "Perception gaps") \
	X(GAP, "gap", "Gap") \
	X(BLIND_SPOT, "blind_spot", "Blind spot") \
	X(HIDDEN_STRENGTH, "hidden_strength", "Hidden strength") \
	X(OBJECTIVES, "objectives", "Suggested learning objectives") \
	X(ACTIONS, "actions", "Agreed actions") \
	X(ACTION, "action", "Action") \
	X(OWNER, "owner", "Owner") \
	X(FOLLOW_UP, "follow_up", "Follow-up date") \
	X(SIGNATURE, "signature", "Signature") \
	X(DATE, "date", "Date") \
	X(EMPLOYEE, "employee", "Employee") \
	X(RED, "red", "Red") \
	X(YELLOW, "yellow", "Yellow") \
	X(GREEN, "green", "Green") \
	X(UNRATED, "unrated", "Not rated") \
	X(YES, "yes", "Yes") \
	X(NO, "no", "No") \
	X(NONE, "none", "None") \
	X(SCALE, "scale", "Rating scale") \
	X(TICK_ONE, "tick_one", "Tick one level per competency.") \
	X(WRITE_SCORE, "write_score", "Write one score per competency, and a comment where it helps.") \
	X(MEMBERS, "members", "Members") \
	X(N, "n", "n") \
	X(MEAN, "mean", "Mean") \
	X(MEDIAN, "median", "Median") \
	X(STDEV, "stdev", "Std. dev.") \
	X(MIN, "min", "Min") \
	X(MAX, "max", "Max") \
	X(BELOW_EXPECTED, "below_expected", "Below expected") \
	X(BELOW_SHARE, "below_share", "Share below") \
	X(DISTRIBUTION, "distribution", "Distribution by level") \
	X(LABELS, "labels", "Overall ratings") \
	X(HEATMAP, "heatmap", "Ratings by person and competency") \
	X(SKILL_GAPS, "skill_gaps", "Skill gaps") \
	X(CALIBRATION, "calibration", "Calibration") \
	X(RATINGS, "ratings", "Ratings") \
	X(MEAN_GIVEN, "mean_given", "Mean given") \
	X(DELTA_VS_ORG, "delta_vs_org", "Difference vs organisation") \
	X(FLAGGED, "flagged", "Flagged") \
	X(PEOPLE, "people", "People") \
	X(DEFINITION, "definition", "Definition") \
	X(STRONG, "strong", "What strong looks like") \
	X(LEVELS, "levels", "Level descriptors") \
	X(INDICATORS, "indicators", "Indicators") \
	X(LADDER, "ladder", "Expectations by role level") \
	X(ROLE_LEVEL, "role_level", "Role level") \
	X(INTRO, "intro", "How the framework works") \
	X(LEADERS, "leaders", "For leaders") \
	X(INDIVIDUALS, "individuals", "For individuals") \
	X(PROFILE, "profile", "Competency profile") \
	X(KEY, "key", "Key") \
	X(SHORTENED, "shortened", "(shortened: {n} more lines in the ratings file)")

enum tmpl_word {
#define TMPL_WORD_ENUM(id, key, def) TW_##id,
	TMPL_WORDS(TMPL_WORD_ENUM)
#undef TMPL_WORD_ENUM
	NTMPL_WORDS
};
/* The key a template uses for w ("overall"), and its English default. */
const char *tmpl_word_key(enum tmpl_word w);
const char *tmpl_word_default(enum tmpl_word w);
/* tmpl_word_find: the word whose key is s, or -1. */
int tmpl_word_find(const char *s, size_t len);

/* --- placeholders: {name} in header, footer and block texts --- */
#define TMPL_VARS(X) \
	X(PERSON_NAME, "person.name") \
	X(PERSON_ID, "person.id") \
	X(PERSON_TITLE, "person.title") \
	X(PERSON_LEVEL, "person.level") \
	X(PERSON_DEPARTMENT, "person.department") \
	X(MANAGER_NAME, "manager.name") \
	X(MANAGER_ID, "manager.id") \
	X(CYCLE_ID, "cycle.id") \
	X(CYCLE_TITLE, "cycle.title") \
	X(CYCLE_PERIOD, "cycle.period") \
	X(RUBRIC_TITLE, "rubric.title") \
	X(RUBRIC_VERSION, "rubric.version") \
	X(ORGANIZATION, "organization") \
	X(DEPARTMENT, "department") \
	X(DOCUMENT, "document") \
	X(DATE, "date") \
	X(PAGE, "page") \
	X(PAGES, "pages")

enum tmpl_var {
#define TMPL_VAR_ENUM(id, key) TV_##id,
	TMPL_VARS(TMPL_VAR_ENUM)
#undef TMPL_VAR_ENUM
	NTMPL_VARS
};
const char *tmpl_var_name(enum tmpl_var v);
int tmpl_var_find(const char *s, size_t len);   /* or -1 */

/* --- blocks --- */
enum tmpl_block_type {
	TB_TITLE,
	TB_HEADING,
	TB_PARAGRAPH,
	TB_BULLETS,
	TB_KV_GRID,
	TB_TABLE,
	TB_SCALE_LEGEND,
	TB_CHIPS,
	TB_SIGNATURE_LINES,
	TB_LINES,               /* ruled lines to write on */
	TB_PAGE_BREAK,
	TB_SPACER,
	TB_BARS,
	TB_RADAR,
	TB_HEATMAP,
	TB_HISTOGRAM,
	TB_CALIBRATION,
	TB_SECTIONS,            /* titled sections of paragraphs and lists */
	TB_CONTENTS,
	TB_INCLUDE,             /* packets: the documents they bundle */
	NTMPL_BLOCKS
};
const char *tmpl_block_name(enum tmpl_block_type t);

enum tmpl_align {
	TA_LEFT,
	TA_CENTER,
	TA_RIGHT
};

/* A table column. */
struct tmpl_column {
	const char *field;      /* a field of the block's data */
	float width;            /* fraction of the table width; 0: an equal
	                           share of what the others leave */
	const char *header;     /* header text; NULL: the field's word */
	enum tmpl_align align;
	int has_align;          /* align given (else the field's default) */
	struct pos pos;
};

/* One block of a document. Which fields mean something depends on
 * `type` (revpack-template.5). Texts keep their {placeholders}: expand them
 * with lay_expand when rendering. */
struct tmpl_block {
	enum tmpl_block_type type;
	const char *data;       /* the data it shows (see tmpl_data), or NULL */
	const char *text;       /* title, heading, paragraph */
	const char *title;      /* a heading printed above the block */
	const char **items;     /* bullets, signers, include: NULL-terminated */
	size_t nitems;
	const char **fields;    /* kv_grid fields, chart series */
	size_t nfields;
	struct tmpl_column *columns;    /* table */
	size_t ncolumns;
	int columns_n;          /* kv_grid: key-value pairs per row */
	int count;              /* lines: how many; table: empty rows */
	int level;              /* heading: 1 or 2 */
	float height;           /* spacer, lines spacing, chart height; 0: auto */
	enum tmpl_style style;  /* paragraph, bullets */
	int page_break;         /* sections: each section on a new page */
	int bookmark;           /* heading: add a bookmark (default 1 for level 1) */
	const char *mode;       /* sections: levels "matrix"|"indicators"|"auto" */
	struct pos pos;
};

/* The ordered blocks of one document, and its page set-up. */
struct tmpl_docdef {
	struct tmpl_page page;
	struct tmpl_band header, footer;
	struct tmpl_block *blocks;
	size_t nblocks;
	int from_template;      /* 0: the built-in default block list */
	int continued;          /* repeat the last heading with "(continued)"
	                           on a page that the engine broke */
	float scale;            /* every style's size and spacing times this */
	struct tmpl_style_def styles[NTMPL_STYLES];    /* scaled already */
	struct pos pos;
};

/* A validated template. Every string lives in `arena`. */
struct lang;

struct tmpl {
	const char *path;
	const char *dir;        /* folder of path, for relative files */
	struct tmpl_page page;  /* the default page */
	struct font_request fonts;
	struct rgb colors[NTMPL_COLORS];
	struct tmpl_style_def styles[NTMPL_STYLES];
	const char *words[NTMPL_WORDS];         /* the template's own */
	const struct lang *lang;        /* `language:` (lang.h); never NULL */
	const char *logo;       /* resolved path, or NULL */
	float logo_width, logo_height;  /* the logo's box in the header, pt */
	struct tmpl_band header, footer;
	struct tmpl_docdef docs[NTMPL_DOCS];
	struct arena *arena;
};

/* tmpl_load: reads and checks a template; NULL after reporting every
 * problem. Caller frees with tmpl_free. */
struct tmpl *tmpl_load(const char *path, struct diag *d);
struct tmpl *tmpl_from_yaml(const struct ydoc *doc, struct diag *d);
/* tmpl_load_deck: a cycle's deck template: the one at path (its
 * deck_template, given or found beside its template), else the shipped
 * slides.yaml, else NULL (the deck then uses the cycle's template, which
 * lays decks out on 16:9 pages anyway). `revpack build` and `revpack
 * validate` load the same one. */
struct tmpl *tmpl_load_deck(const char *path, struct diag *d);
/* tmpl_builtin: the template every default comes from (A4, Liberation
 * Sans, English words, every document's default blocks). */
struct tmpl *tmpl_builtin(struct diag *d);
/* tmpl_looks_like: the document has a key only a template has. */
int tmpl_looks_like(const struct ynode *root);
void tmpl_free(struct tmpl *t);                 /* NULL is a no-op */

/* Borrowed lookups. tmpl_word: the template's own word w, else its
 * language's, else the English default. */
const char *tmpl_word(const struct tmpl *t, enum tmpl_word w);
const struct tmpl_docdef *tmpl_doc(const struct tmpl *t, enum tmpl_doc doc);

/* --- data a document binds to its blocks (load_template_blocks.c) --- */
/* tmpl_data_fields: the fields the data `name` of document `doc` offers
 * to tables, kv_grids and charts (NULL-terminated), or NULL when the
 * document has no such data. */
const char *const *tmpl_data_fields(enum tmpl_doc doc, const char *name);
/* tmpl_field_word: the word a field prints as a column header or key. */
enum tmpl_word tmpl_field_word(const char *field);

#endif
