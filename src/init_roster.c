/* init_roster.c: the roster entry `revpack init` writes: the roster as it
 * is when it has revpack's columns, else a mapping of its own column
 * names (id, name or first + last name, e-mail, manager, ...) found by
 * their usual names; and the people it lists, for matching exports. */
#include <stdlib.h>
#include <string.h>

#include "init.h"

/* roster_pick: the roster's columns (id, name or first + last, e-mail,
 * manager, department, title, level) by their usual names. */
static void
roster_pick(struct itable *t, int *col, int *last)
{
	static const char *const ids[] = {
		"id", "employee id", "employee #", "employee number",
		"employee no", "worker id", "person id", "user id", "emp id"
	};
	static const char *const names[] = {
		"name", "full name", "employee name", "display name",
		"preferred name", "employee", "worker"
	};
	static const char *const firsts[] = {
		"first name", "given name", "preferred first name", "first"
	};
	static const char *const lasts[] = {
		"last name", "surname", "family name", "last"
	};
	static const char *const emails[] = {
		"email", "work email", "e-mail", "work e-mail", "email address",
		"business email"
	};
	static const char *const managers[] = {
		"manager_id", "manager id", "reports to", "manager", "supervisor",
		"reporting to", "manager email", "supervisor email"
	};
	static const char *const depts[] = {
		"department", "dept", "team", "division"
	};
	static const char *const titles[] = {
		"title", "job title", "position", "job"
	};
	static const char *const levels[] = {
		"level", "job level", "grade", "career level"
	};
	size_t i;

	for (i = 0; i < NROSTER_COLS; i++)
		col[i] = -1;
	*last = -1;
	col[RC_ID] = itable_first(t, ids, NELEM(ids));
	col[RC_NAME] = itable_first(t, names, NELEM(names));
	if (col[RC_NAME] < 0) {
		col[RC_NAME] = itable_first(t, firsts, NELEM(firsts));
		*last = itable_first(t, lasts, NELEM(lasts));
	}
	col[RC_EMAIL] = itable_first(t, emails, NELEM(emails));
	col[RC_MANAGER] = itable_first(t, managers, NELEM(managers));
	col[RC_DEPT] = itable_first(t, depts, NELEM(depts));
	col[RC_TITLE] = itable_first(t, titles, NELEM(titles));
	col[RC_LEVEL] = itable_first(t, levels, NELEM(levels));
	for (i = 0; col[RC_LEVEL] < 0 && i < t->ncols; i++)
		if (strstr(t->cols[i].fold, "level") != NULL)
			col[RC_LEVEL] = (int)i;
	col[RC_SUPERVISORY] = itable_col(t, "supervisory");
	col[RC_EMPLOYMENT] = itable_col(t, "employment");
}

/* roster_people: pp's cycle holds the roster's people (id, name, e-mail)
 * for matching cells to them. */
static void
roster_people(struct ipeople *pp, const struct itable *t, const int *col,
    int last)
{
	struct cycle *c = &pp->c;
	size_t r;

	c->arena = arena_new();
	c->person_ids = strtab_new(0);
	c->people = arena_alloc(c->arena, (t->nrows + 1) * sizeof(*c->people));
	for (r = 0; r < t->nrows; r++) {
		struct person *p = &c->people[c->npeople];
		char **row = t->cells[r];

		/* copies: the table goes before the people do */
		p->id = arena_strdup(c->arena, col[RC_ID] >= 0 ?
		    row[col[RC_ID]] : "");
		if (p->id[0] == '\0' || strtab_put(c->person_ids, p->id,
		    strlen(p->id), (int)c->npeople) >= 0)
			continue;
		p->name = arena_strdup(c->arena, col[RC_NAME] >= 0 ?
		    row[col[RC_NAME]] : "");
		if (last >= 0)
			p->name = arena_printf(c->arena, "%s %s", p->name,
			    row[last]);
		p->email = col[RC_EMAIL] >= 0 && row[col[RC_EMAIL]][0] != '\0' ?
		    arena_strdup(c->arena, row[col[RC_EMAIL]]) : NULL;
		p->manager = -1;
		c->npeople++;
	}
	pp->x = people_index_new(c);
}

int
init_roster(struct ydraft *y, const char *path, const char *rel,
    struct ipeople *pp, struct diag *d)
{
	static const char *const keys[NROSTER_COLS] = {
		"id", "name", "manager_id", "email", "title", "level",
		"department", "supervisory", "employment"
	};
	struct itable *t = itable_read(path, NULL, d);
	int col[NROSTER_COLS], last;
	size_t k, plain = 0;

	if (t == NULL)
		return 0;
	roster_pick(t, col, &last);
	for (k = 0; k < NROSTER_COLS; k++)
		plain += col[k] < 0 || strcmp(t->cols[col[k]].fold, keys[k]) == 0;
	roster_people(pp, t, col, last);
	if (plain == NROSTER_COLS && last < 0) {
		y_line(y, 0, "roster: %s", y_quote(y, rel));
		y_said(y, path, "a roster in revpack's own layout, %zu people",
		    pp->c.npeople);
		itable_free(t);
		return 1;
	}
	y_line(y, 0, "roster:");
	y_line(y, 2, "file: %s", y_quote(y, rel));
	y_line(y, 2, "columns:          # the roster's own column names");
	for (k = 0; k < NROSTER_COLS; k++) {
		if (col[k] < 0 && k > RC_MANAGER)
			continue;
		if (col[k] < 0) {
			y_line(y, 4, "%s: TODO", keys[k]);
			y_todo(y, path, "no column holds the %s of each person; "
			    "name it in cycle.yaml (roster: columns: %s:)",
			    k == RC_ID ? "id" : k == RC_NAME ? "name" : "manager",
			    keys[k]);
		} else if (k == RC_NAME && last >= 0)
			y_line(y, 4, "name: [%s, %s]   # first and last name, "
			    "joined", y_quote(y, t->cols[col[k]].name),
			    y_quote(y, t->cols[last].name));
		else
			y_line(y, 4, "%s: %s", keys[k], y_quote(y,
			    t->cols[col[k]].name));
	}
	y_said(y, path, "a roster with its own column names, %zu people%s",
	    pp->c.npeople, col[RC_MANAGER] >= 0 ? "; managers given by id, "
	    "e-mail or name" : "");
	itable_free(t);
	return 1;
}
