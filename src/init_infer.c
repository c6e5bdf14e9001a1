/* init_infer.c: the mappings `revpack init` writes for an export,
 * inferred from its headers and values: which columns hold the subject,
 * the rater, the role, the competencies, the answers and the comments;
 * which answer words mean which scale value. A meaning it cannot place
 * becomes a TODO. (The roster's: init_roster.c.) */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"

/* --- an export --- */

/* A rater role by the words a tool uses for it, or -1. */
static int
role_word(const char *fold)
{
	static const struct { const char *word; int role; } words[] = {
		{ "self", ROLE_SELF }, { "employee", ROLE_SELF },
		{ "my own", ROLE_SELF },
		{ "i report to them", ROLE_DIRECT_REPORT },
		{ "direct report", ROLE_DIRECT_REPORT },
		{ "upward", ROLE_DIRECT_REPORT }, { "report", ROLE_DIRECT_REPORT },
		{ "subordinate", ROLE_DIRECT_REPORT },
		{ "manager", ROLE_MANAGER }, { "downward", ROLE_MANAGER },
		{ "supervisor", ROLE_MANAGER }, { "lead", ROLE_MANAGER },
		{ "peer", ROLE_PEER }, { "colleague", ROLE_PEER },
		{ "coworker", ROLE_PEER }, { "co-worker", ROLE_PEER },
		{ "teammate", ROLE_PEER },
	};
	size_t i;

	for (i = 0; i < NELEM(words); i++)
		if (strstr(fold, words[i].word) != NULL)
			return words[i].role;
	return -1;
}

/* rater_header: the header names who answered, not whom about. */
static int
rater_header(const char *fold)
{
	static const char *const words[] = {
		"reviewer", "rater", "respondent", "recipient", "evaluator",
		"email address", "your email", "your name", "submitted by",
		"author", "assessor"
	};

	return init_has_word(fold, words, NELEM(words)) || strcmp(fold, "email") == 0 ||
	    strcmp(fold, "name") == 0;
}

/* better_person: column a names people more surely than b (ids, then
 * e-mails, then names). */
static int
better_person(const struct itable *t, int a, int b)
{
	const struct icol *x = &t->cols[a], *y = &t->cols[b];

	if (b < 0)
		return 1;
	if ((x->ids > 0) != (y->ids > 0))
		return x->ids > 0;
	return (x->emails > 0) > (y->emails > 0);
}

/* pair_hits: rows whose first and last name cells (columns f and l),
 * joined, name a person of the roster; *filled: rows with either. */
static size_t
pair_hits(const struct itable *t, struct ipeople *pp, int f, int l,
    size_t *filled)
{
	struct buf b;
	size_t r, hits = 0;

	buf_init(&b);
	*filled = 0;
	for (r = 0; r < t->nrows; r++) {
		const int *cands;
		size_t ncands;

		if (t->cells[r][f][0] == '\0' && t->cells[r][l][0] == '\0')
			continue;
		(*filled)++;
		buf_reset(&b);
		buf_printf(&b, "%s %s", t->cells[r][f], t->cells[r][l]);
		if (people_find(pp->x, b.p, b.len, &cands, &ncands) != -1)
			hits++;
	}
	buf_free(&b);
	return hits;
}

/* name_pairs: a subject or rater given as first and last name columns
 * ("Employee First Name", "Employee Last Name"), where no single column
 * names them. */
static void
name_pairs(struct itable *t, struct ipeople *pp, struct pick *p)
{
	size_t i, j, filled, hits;

	for (i = 0; i < t->ncols; i++) {
		const char *f = t->cols[i].fold, *at = strstr(f, "first");

		if (t->cols[i].used || at == NULL)
			continue;
		for (j = 0; j < t->ncols; j++) {
			const char *l = t->cols[j].fold;
			size_t pre = (size_t)(at - f);

			if (t->cols[j].used || strncmp(l, f, pre) != 0 ||
			    strncmp(l + pre, "last", 4) != 0 ||
			    strcmp(l + pre + 4, at + 5) != 0)
				continue;
			hits = pair_hits(t, pp, (int)i, (int)j, &filled);
			if (!MOST(hits, filled))
				continue;
			if (rater_header(f) || (p->subject >= 0 && p->rater < 0 &&
			    !init_has_word(f, (const char *const[]){ "employee",
			    "reviewee", "subject", "person" }, 4))) {
				if (p->rater >= 0)
					continue;
				p->rater = (int)i;
				p->rater2 = (int)j;
			} else {
				if (p->subject >= 0)
					continue;
				p->subject = (int)i;
				p->subject2 = (int)j;
			}
			t->cols[i].used = t->cols[j].used = 1;
		}
	}
}

/* pick_people: the subject's and the rater's columns: those whose cells
 * name people of the roster, told apart by their headers. */
static void
pick_people(struct itable *t, struct ipeople *pp, struct pick *p)
{
	size_t i;

	p->subject = p->rater = -1;
	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];

		/* raters: half will do (peers may be anonymous tokens) */
		if (c->used || c->filled == 0 || c->comps > 0 ||
		    c->answers * 2 > c->filled || (!MOST(c->people, c->filled) &&
		    !(rater_header(c->fold) && c->people * 2 >= c->filled)))
			continue;
		if (rater_header(c->fold)) {
			if (better_person(t, (int)i, p->rater))
				p->rater = (int)i;
		} else if (better_person(t, (int)i, p->subject))
			p->subject = (int)i;
	}
	if (p->subject >= 0)
		t->cols[p->subject].used = 1;
	if (p->rater >= 0)
		t->cols[p->rater].used = 1;
	name_pairs(t, pp, p);
}

/* roles_column: the column whose few values are rater roles in the
 * tool's words, or -1. */
static int
roles_column(struct itable *t)
{
	size_t i, k;

	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];
		size_t known = 0;

		if (c->used || c->filled == 0 || c->more || c->nvals > 12 ||
		    c->answers * 2 > c->filled)
			continue;
		for (k = 0; k < c->nvals; k++)
			known += role_word(init_fold(t->a, c->vals[k].s)) >= 0;
		if ((known * 2 > c->nvals && c->nvals >= 2) || (known > 0 &&
		    init_has_word(c->fold, (const char *const[]){ "relationship",
		    "role", "type" }, 3))) {
			c->used = 1;
			return (int)i;
		}
	}
	return -1;
}

/* role_columns: 15Five-like pairs "<Role> ... - Rating" and "<Role> ...
 * - Comment", one per reviewer. */
static void
role_columns(struct itable *t, struct pick *p)
{
	size_t i, j;

	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];
		const char *r = strstr(c->fold, "rating");
		int role;

		if (c->used || r == NULL || !MOST(c->answers, c->filled))
			continue;
		role = role_word(c->fold);
		if (role < 0)
			continue;
		XGROW(p->rscore, p->caprole, p->nrole + 1);
		p->rcomment = xreallocarray(p->rcomment, p->caprole,
		    sizeof(int));
		p->rrole = xreallocarray(p->rrole, p->caprole, sizeof(int));
		p->rscore[p->nrole] = (int)i;
		p->rrole[p->nrole] = role;
		p->rcomment[p->nrole] = -1;
		c->used = 1;
		for (j = 0; j < t->ncols; j++) {
			const char *f = t->cols[j].fold;
			size_t pre = (size_t)(r - c->fold);

			if (!t->cols[j].used && strncmp(f, c->fold, pre) == 0 &&
			    strcmp(f + pre, "comment") == 0) {
				p->rcomment[p->nrole] = (int)j;
				t->cols[j].used = 1;
				break;
			}
		}
		p->nrole++;
	}
}

/* comment_columns: free-text columns: a comment-like header, text. */
static void
comment_columns(struct itable *t, struct pick *p)
{
	static const char *const words[] = {
		"comment", "anything", "response", "feedback", "note", "remark",
		"explain", "why", "example", "open-ended"
	};
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];

		/* free text: mostly distinct values, not an id column */
		if (c->used || c->answers * 2 > c->filled || c->people > 0 ||
		    !init_has_word(c->fold, words, NELEM(words)) ||
		    (c->filled > 3 && c->nvals * 2 < c->filled) ||
		    strcmp(c->fold, "id") == 0 || (strlen(c->fold) > 3 &&
		    strcmp(c->fold + strlen(c->fold) - 3, " id") == 0))
			continue;
		XGROW(p->comments, p->capcomments, p->ncomments + 1);
		p->comments[p->ncomments++] = (int)i;
		c->used = 1;
	}
}

/* wide_questions: columns whose header names a competency and whose
 * cells are answers; one per competency (the first). */
static void
wide_questions(struct itable *t, const struct rubric *rb, struct pick *p)
{
	int *seen = xcalloc(rb->ncomps + 1, sizeof(int));
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];

		if (c->used || c->comp < 0 || seen[c->comp] ||
		    (c->filled > 0 && !MOST(c->answers, c->filled)) ||
		    init_has_word(c->fold, (const char *const[]){ "comment",
		    "anything", "why" }, 3))
			continue;
		seen[c->comp] = 1;
		XGROW(p->questions, p->capquestions, p->nquestions + 1);
		p->questions[p->nquestions++] = (int)i;
		c->used = 1;
	}
	free(seen);
}

/* unknown_questions: once the other columns are placed, those whose
 * cells are mostly answers on the scale but whose header names no
 * competency (or one another column already rates): asked, never left
 * out unsaid. */
static void
unknown_questions(struct itable *t, struct pick *p)
{
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];

		if (c->used || c->filled == 0 || !MOST(c->scores, c->filled) ||
		    (int)i == p->stamp || (int)i == p->finished)
			continue;
		XGROW(p->unknown, p->capunknown, p->nunknown + 1);
		p->unknown[p->nunknown++] = (int)i;
		c->used = 1;
	}
}

/* long_columns: the competency and score columns of a long file. */
static void
long_columns(struct itable *t, const struct rubric *rb, struct pick *p)
{
	size_t i;

	p->comp = p->score = -1;
	for (i = 0; i < t->ncols; i++) {
		struct icol *c = &t->cols[i];

		if (!c->used && c->filled > 0 && MOST(c->comps, c->filled) &&
		    !c->more && c->nvals <= 3 * rb->ncomps && p->comp < 0)
			p->comp = (int)i;
	}
	if (p->comp < 0)
		return;
	t->cols[p->comp].used = 1;
	role_columns(t, p);
	for (i = 0; i < t->ncols && p->nrole == 0; i++) {
		struct icol *c = &t->cols[i];

		if (!c->used && c->filled > 0 && MOST(c->answers, c->filled) &&
		    (p->score < 0 || init_has_word(c->fold, (const char *const[]){
		    "rating", "score", "answer" }, 3)))
			p->score = (int)i;
	}
	if (p->score >= 0)
		t->cols[p->score].used = 1;
}

/* pick_roles: the column of rater roles: few values in a tool's words,
 * or a header that says it (numbered choices too), or -1. */
static int
pick_roles(struct itable *t)
{
	static const char *const words[] = {
		"relationship", "role", "review type", "reviewer type",
		"relation"
	};
	int i = roles_column(t);
	size_t k;

	for (k = 0; i < 0 && k < t->ncols; k++) {
		struct icol *c = &t->cols[k];

		if (!c->used && c->filled > 0 && !c->more && c->nvals <= 12 &&
		    init_has_word(c->fold, words, NELEM(words))) {
			c->used = 1;
			i = (int)k;
		}
	}
	return i;
}

/* write_roles: `roles:` for the role column's values in the tool's
 * words; a value init cannot place is a TODO. */
static void
write_roles(struct ydraft *y, const struct itable *t, int col)
{
	const struct icol *c = &t->cols[col];
	size_t k;

	for (k = 0; k < c->nvals; k++)
		if (role_parse(init_fold(t->a, c->vals[k].s)) < 0)
			break;
	if (k == c->nvals)
		return;         /* revpack's own role names */
	y_line(y, 4, "roles:            # the tool's words for each role");
	for (k = 0; k < c->nvals; k++) {
		const char *fold = init_fold(t->a, c->vals[k].s);
		int r = role_parse(fold);

		if (r >= 0) {
			y_line(y, 6, "%s: %s", y_quote(y, c->vals[k].s),
			    role_name((enum role)r));
			continue;
		}
		r = role_word(fold);
		if (r >= 0) {
			y_line(y, 6, "%s: %s   # a guess from the word", y_quote(y,
			    c->vals[k].s), role_name((enum role)r));
			continue;
		}
		y_line(y, 6, "%s: TODO", y_quote(y, c->vals[k].s));
		y_todo(y, t->path, "column \"%s\": \"%s\" (%zu rows) is not a "
		    "rater role init knows; write manager, self, peer or "
		    "direct_report for it under roles:", c->name, c->vals[k].s,
		    c->vals[k].n);
	}
}

/* write_columns: `columns:` and the role keys of the draft. */
static void
write_columns(struct ydraft *y, struct itable *t, struct pick *p)
{
	const struct icol *c;
	size_t i;

	y_line(y, 4, "columns:");
	c = &t->cols[p->subject];
	if (p->subject2 >= 0)
		y_line(y, 6, "subject: [%s, %s]   # first and last names of "
		    "people in the roster", y_quote(y, c->name), y_quote(y,
		    t->cols[p->subject2].name));
	else
		y_line(y, 6, "subject: %s   # %s of people in the roster",
		    y_quote(y, c->name), c->ids > 0 ? "ids" : c->emails > 0 ?
		    "e-mails" : "names");
	if (p->rater >= 0 && p->rater2 >= 0)
		y_line(y, 6, "rater: [%s, %s]   # first and last names; empty "
		    "for anonymous reviewers", y_quote(y, t->cols[p->rater].name),
		    y_quote(y, t->cols[p->rater2].name));
	else if (p->rater >= 0) {
		c = &t->cols[p->rater];
		y_line(y, 6, "rater: %s   # %s; empty for anonymous reviewers",
		    y_quote(y, c->name), c->ids > 0 ? "ids" : c->emails > 0 ?
		    "e-mails" : "names");
	}
	if (p->role >= 0)
		y_line(y, 6, "role: %s", y_quote(y, t->cols[p->role].name));
	if (p->comp >= 0)
		y_line(y, 6, "competency: %s   # competency titles or ids",
		    y_quote(y, t->cols[p->comp].name));
	if (p->score >= 0)
		y_line(y, 6, "score: %s", y_quote(y, t->cols[p->score].name));
	if (p->ncomments == 1)
		y_line(y, 6, "comment: %s", y_quote(y,
		    t->cols[p->comments[0]].name));
	else if (p->ncomments > 1) {
		y_line(y, 6, "comment:          # joined");
		for (i = 0; i < p->ncomments; i++)
			y_line(y, 8, "- %s", y_quote(y,
			    t->cols[p->comments[i]].name));
	}
	if (p->stamp >= 0 && init_repeats(t, p))
		y_line(y, 6, "timestamp: %s", y_quote(y,
		    t->cols[p->stamp].name));
}

/* write_role_columns: `role_columns:` of a file with a column per
 * reviewer. */
static void
write_role_columns(struct ydraft *y, const struct itable *t,
    const struct pick *p)
{
	size_t i;

	y_line(y, 4, "role_columns:     # a rating (and comment) column per "
	    "reviewer; no rater column: the role says who");
	for (i = 0; i < p->nrole; i++) {
		if (p->rcomment[i] >= 0)
			y_line(y, 6, "- { role: %s, score: %s, comment: %s }",
			    role_name((enum role)p->rrole[i]), y_quote(y,
			    t->cols[p->rscore[i]].name), y_quote(y,
			    t->cols[p->rcomment[i]].name));
		else
			y_line(y, 6, "- { role: %s, score: %s }",
			    role_name((enum role)p->rrole[i]), y_quote(y,
			    t->cols[p->rscore[i]].name));
	}
}

/* unasked: says which competencies no question column rates (a survey
 * may leave some out; the user should know). */
static void
unasked(struct ydraft *y, const struct itable *t, const struct rubric *rb,
    const struct pick *p)
{
	struct buf b;
	size_t c, i;

	buf_init(&b);
	for (c = 0; c < rb->ncomps; c++) {
		for (i = 0; i < p->nquestions; i++)
			if (t->cols[p->questions[i]].comp == (int)c)
				break;
		if (i == p->nquestions)
			buf_printf(&b, "%s%s", b.len ? ", " : "", rb->comps[c].id);
	}
	if (b.len > 0)
		y_said(y, t->path, "no question column rates: %s", b.p);
	buf_free(&b);
}

/* plain_long: the file is in revpack's own long layout. */
static int
plain_long(const struct itable *t)
{
	static const char *const cols[] = {
		"subject_id", "rater_id", "rater_role", "competency_id", "score"
	};
	size_t i;

	for (i = 0; i < NELEM(cols); i++)
		if (itable_col(t, cols[i]) < 0)
			return 0;
	return 1;
}

/* analyse: p picked from t (measured here); 1 when t has a subject
 * column and competencies to map. */
static int
analyse(struct itable *t, struct ipeople *pp, const struct rubric *rb,
    struct pick *p)
{
	memset(p, 0, sizeof *p);
	p->subject2 = p->rater2 = -1;
	itable_measure(t, pp, rb);
	pick_people(t, pp, p);
	long_columns(t, rb, p);
	p->role = p->nrole == 0 ? pick_roles(t) : -1;
	if (p->comp < 0)
		wide_questions(t, rb, p);
	p->wide = p->comp < 0 && p->nquestions > 0;
	init_pick_rows(t, p);
	if (p->wide)
		unknown_questions(t, p);
	comment_columns(t, p);
	return p->subject >= 0 && (p->comp >= 0 || p->nquestions > 0);
}

static void
pick_free(struct pick *p)
{
	free(p->comments);
	free(p->unknown);
	free(p->questions);
	free(p->rscore);
	free(p->rcomment);
	free(p->rrole);
}

/* other_sheet: when the first sheet of a workbook holds no ratings (an
 * instructions or summary sheet first), the first other sheet that does,
 * with its pick in *p; else NULL (*p is then the first sheet's). */
static struct itable *
other_sheet(const struct itable *first, struct ipeople *pp,
    const struct rubric *rb, struct pick *p, struct diag *d)
{
	size_t i;

	for (i = 1; i < first->nsheets; i++) {
		struct diag *quiet = diag_new(NULL);
		struct itable *t = itable_read(first->path, first->sheets[i],
		    quiet);
		struct pick q;

		diag_free(quiet);
		if (t == NULL)
			continue;
		if (analyse(t, pp, rb, &q)) {
			pick_free(p);
			*p = q;
			return t;
		}
		pick_free(&q);
		itable_free(t);
	}
	(void)d;
	return NULL;
}

void
init_export(struct ydraft *y, const char *path, const char *rel,
    struct ipeople *pp, const struct rubric *rb, struct diag *d)
{
	struct itable *t = itable_read(path, NULL, d), *o;
	struct pick p;
	size_t i;

	if (t == NULL) {
		y_todo(y, path, "cannot be read (see the messages above)");
		return;
	}
	y_line(y, 2, "- file: %s", y_quote(y, rel));
	if (t->encoding != NULL && strcmp(t->encoding, "UTF-8") != 0 &&
	    t->nsheets == 0)
		y_line(y, 4, "encoding: %s   # not UTF-8", t->encoding);
	if (plain_long(t)) {
		y_said(y, path, "revpack's own long layout, %zu rows", t->total);
		itable_free(t);
		return;
	}
	if (!analyse(t, pp, rb, &p) && t->nsheets > 1) {
		o = other_sheet(t, pp, rb, &p, d);
		if (o != NULL) {
			itable_free(t);
			t = o;
			y_line(y, 4, "sheet: %s   # the first sheet holds no "
			    "ratings", y_quote(y, t->sheet));
		}
	}
	if (p.subject < 0 || (p.comp < 0 && p.nquestions == 0)) {
		y_todo(y, path, "%s; map it by hand (README.md, \"Exports as "
		    "they are\")", p.subject < 0 ? "no column names people of "
		    "the roster in most of its rows" : "no column names the "
		    "rubric's competencies, in its header or its cells");
		pick_free(&p);
		itable_free(t);
		return;
	}
	if (p.wide)
		y_line(y, 4, "format: wide      # a row per response, a column "
		    "per question");
	write_columns(y, t, &p);
	if (p.role >= 0)
		write_roles(y, t, p.role);
	else if (p.nrole > 0)
		write_role_columns(y, t, &p);
	else {
		y_line(y, 4, "role: TODO");
		y_todo(y, path, "no column says who answered as what (manager, "
		    "self, peer, direct report); write the role of every row "
		    "under role:");
	}
	init_write_values(y, t, &p, rb);
	init_write_rows(y, t, &p);
	if (p.wide) {
		y_line(y, 4, "competencies:     # question columns, by the "
		    "competency titles in them");
		for (i = 0; i < p.nquestions; i++)
			y_line(y, 6, "%s: %s", y_quote(y,
			    t->cols[p.questions[i]].name),
			    rb->comps[t->cols[p.questions[i]].comp].id);
		for (i = 0; i < p.nunknown; i++) {
			y_line(y, 6, "%s: TODO", y_quote(y,
			    t->cols[p.unknown[i]].name));
			y_todo(y, path, "column \"%s\" holds answers on the scale, "
			    "but its header names no competency init can tell; "
			    "write the id of the competency it rates under "
			    "competencies:, or delete the line to leave the column "
			    "out", t->cols[p.unknown[i]].name);
		}
		unasked(y, t, rb, &p);
	}
	y_said(y, path, "a %s export, %zu rows: subject \"%s\", %s%s%s, %s",
	    p.wide ? "wide" : "long", t->total, t->cols[p.subject].name,
	    p.rater >= 0 ? "rater \"" : "no rater column",
	    p.rater >= 0 ? t->cols[p.rater].name : "", p.rater >= 0 ? "\"" : "",
	    p.wide ? arena_printf(t->a, "%zu question columns", p.nquestions) :
	    p.nrole > 0 ? arena_printf(t->a, "%zu role columns", p.nrole) :
	    p.role >= 0 ? arena_printf(t->a, "role \"%s\"",
	    t->cols[p.role].name) : "no role column");
	pick_free(&p);
	itable_free(t);
}
