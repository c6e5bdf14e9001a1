/* load_roster.c: roster.csv to the cycle's people, reporting lines, teams
 * and departments, with the roster checks of revpack-cycle.5 (safe and
 * unique ids, known managers, no management cycles, levels the rubric
 * knows). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "in_csv.h"
#include "load_ingest.h"

enum {
	C_ID = RC_ID, C_NAME = RC_NAME, C_MANAGER = RC_MANAGER,
	C_EMAIL = RC_EMAIL, C_TITLE = RC_TITLE, C_LEVEL = RC_LEVEL,
	C_DEPT = RC_DEPT, C_SUPERVISORY = RC_SUPERVISORY,
	C_EMPLOYMENT = RC_EMPLOYMENT, NKNOWN = NROSTER_COLS
};

#define known roster_col_names

struct rload {
	struct cycle *c;
	struct diag *d;
	struct csvin *r;
	int col[NKNOWN];        /* column index, or -1 */
	int *joined[NKNOWN];    /* a column cycle.yaml maps to several: their
	                           indexes (col[k] is the first), or NULL */
	struct buf join;        /* scratch */
	int *extra_col;         /* [c->nextra] */
	struct person *v;       /* malloc'd while reading */
	size_t n, cap;
	struct strtab *folded;  /* id, case folded -> index */
	const char **fold;      /* [n]: each row's key in folded */
	size_t capfold;
	const char *last_key;
	int ok;
};

/* Column col's field trimmed of surrounding spaces and tabs, copied into
 * the arena; NULL when empty. */
static const char *
col_field(struct rload *L, const struct csvin_rec *rec, int col)
{
	const char *s = rec->f[col];
	size_t n = rec->len[col];

	str_trim(&s, &n);
	return n > 0 ? arena_strndup(L->c->arena, s, n) : NULL;
}

/* A field trimmed of surrounding spaces and tabs (several mapped columns:
 * their non-empty fields joined with a space), copied into the arena;
 * NULL when empty or when the column is absent. */
static const char *
field(struct rload *L, const struct csvin_rec *rec, int k)
{
	const struct colspec *cs = &L->c->roster_cols[k];
	const char *s;
	size_t n, i;

	if (L->col[k] < 0)
		return NULL;
	if (L->joined[k] == NULL)
		return col_field(L, rec, L->col[k]);
	buf_reset(&L->join);
	for (i = 0; i < cs->n; i++) {
		int col = L->joined[k][i];

		s = rec->f[col];
		n = rec->len[col];
		str_trim(&s, &n);
		if (n > 0 && L->join.len > 0)
			buf_putc(&L->join, ' ');
		buf_put(&L->join, s, n);
	}
	return L->join.len > 0 ? arena_strndup(L->c->arena, L->join.p,
	    L->join.len) : NULL;
}

/* mapped_column: the column of the roster called `name` (cycle.yaml
 * maps it at `at`): its index, or -1 after reporting. */
static int
mapped_column(struct rload *L, const char *name, const struct pos *at)
{
	const char *hint;
	int k = csvin_col(L->r, name);

	if (k >= 0 || k == -2)
		return k >= 0 ? k : -1;
	hint = csvin_suggest(L->r, name);
	diag_error(L->d, at, "%s has no column \"%s\"%s%s%s",
	    L->c->roster_path, name, hint ? "; did you mean \"" : "",
	    hint ? hint : "", hint ? "\"?" : "");
	return -1;
}

/* Finds the columns (by cycle.yaml's names for them, else their own);
 * reports missing required ones (with a suggestion from the header) and
 * duplicated ones. Returns 0 when rows cannot be read. */
static int
find_columns(struct rload *L)
{
	const char *hint;
	size_t k, i;
	int usable = 1;

	for (k = 0; k < NKNOWN; k++) {
		const struct colspec *cs = &L->c->roster_cols[k];

		if (cs->n > 0) {
			if (cs->n > 1)
				L->joined[k] = xcalloc(cs->n, sizeof(int));
			for (i = 0; i < cs->n; i++) {
				int col = mapped_column(L, cs->names[i], &cs->pos);

				if (col < 0)
					usable = 0, L->ok = 0;
				if (i == 0)
					L->col[k] = col;
				if (L->joined[k] != NULL)
					L->joined[k][i] = col;
			}
			continue;
		}
		L->col[k] = csvin_col(L->r, known[k]);
		if (L->col[k] == -2)
			usable = 0, L->ok = 0;
		if (L->col[k] != -1 || k > C_MANAGER)
			continue;
		hint = csvin_suggest(L->r, known[k]);
		if (hint != NULL)
			csvin_error(L->r, csvin_header_line(L->r), -1,
			    "missing required column \"%s\"; did you mean "
			    "\"%s\"? (a roster needs the columns id, name and "
			    "manager_id)", known[k], hint);
		else
			csvin_error(L->r, csvin_header_line(L->r), -1,
			    "missing required column \"%s\"; a roster needs "
			    "the columns id, name and manager_id", known[k]);
		usable = 0;
	}
	return usable;
}

/* is_known: column i is one of the roster's known columns (mapped). */
static int
is_known(const struct rload *L, int i)
{
	size_t k, j;

	for (k = 0; k < NKNOWN; k++) {
		if (L->col[k] == i)
			return 1;
		for (j = 0; L->joined[k] != NULL &&
		    j < L->c->roster_cols[k].n; j++)
			if (L->joined[k][j] == i)
				return 1;
	}
	return 0;
}

/* The further columns, kept for templates. */
static void
find_extra(struct rload *L)
{
	struct cycle *c = L->c;
	size_t i, nc = csvin_ncols(L->r);

	c->extra_cols = arena_alloc(c->arena, (nc + 1) * sizeof(char *));
	L->extra_col = xcalloc(nc + 1, sizeof(int));
	for (i = 0; i < nc; i++) {
		const char *name = csvin_colname(L->r, i);

		if (is_known(L, (int)i) || name[0] == '\0')
			continue;
		if (csvin_col(L->r, name) == -2) {
			L->ok = 0;
			continue;
		}
		c->extra_cols[c->nextra] = arena_strdup(c->arena, name);
		L->extra_col[c->nextra++] = (int)i;
	}
}

/* supervisory: yes/no, true/false, 1/0 in any case; -1 when empty. */
static int
parse_yes_no(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "1" };
	static const char *const no[] = { "no", "false", "0" };
	size_t i;

	*out = -1;
	if (s == NULL)
		return 1;
	for (i = 0; i < NELEM(yes); i++) {
		if (str_casecmp_ascii(s, yes[i]) == 0) {
			*out = 1;
			return 1;
		}
		if (str_casecmp_ascii(s, no[i]) == 0) {
			*out = 0;
			return 1;
		}
	}
	return 0;
}

/* Checks the id of the person being added: safe, not taken, not taken
 * in another case. Returns 0 when the row must be dropped (a duplicate). */
static int
check_id(struct rload *L, const char *id, int line)
{
	struct cycle *c = L->c;
	const char *why, *key;
	char q[80], q2[80], buf[160];
	int prev;

	if (id == NULL) {
		csvin_error(L->r, line, L->col[C_ID],
		    "empty; every person needs an id");
		return 0;
	}
	why = id_problem(id, strlen(id), buf, sizeof buf);
	if (why != NULL)
		csvin_error(L->r, line, L->col[C_ID], "\"%s\" %s; " ID_RULE,
		    csvin_quote(id, q, sizeof q), why);
	prev = strtab_put(c->person_ids, id, strlen(id), (int)L->n);
	if (prev >= 0) {
		csvin_error(L->r, line, L->col[C_ID], "\"%s\" is already the "
		    "id of line %d; each person has one row, with an id of "
		    "their own", csvin_quote(id, q, sizeof q),
		    L->v[prev].pos.line);
		return 0;
	}
	key = L->last_key = id_fold_key(id, c->arena);
	prev = strtab_put(L->folded, key, strlen(key), (int)L->n);
	if (prev >= 0)
		csvin_error(L->r, line, L->col[C_ID], "\"%s\" and \"%s\" (line "
		    "%d) differ only in case; ids become folder names, which "
		    "may not differ only in case", csvin_quote(id, q, sizeof q),
		    csvin_quote(L->v[prev].id, q2, sizeof q2),
		    L->v[prev].pos.line);
	return 1;
}

/* say_id: ids_lookalikes' messages, at the row's id. */
static void
say_id(void *ctx, int line, int is_error, const char *msg)
{
	struct rload *L = ctx;

	if (is_error)
		csvin_error(L->r, line, L->col[C_ID], "%s", msg);
	else
		csvin_warning(L->r, line, L->col[C_ID], "%s", msg);
}

/* lookalikes: ids that look like another id, or mix scripts. */
static void
lookalikes(struct rload *L)
{
	struct id_row *v = xcalloc(L->n + 1, sizeof *v);
	size_t i;

	for (i = 0; i < L->n; i++) {
		v[i].id = L->v[i].id;
		v[i].fold = L->fold[i];
		v[i].line = L->v[i].pos.line;
	}
	ids_lookalikes(v, L->n, say_id, L);
	free(v);
}

static void
read_row(struct rload *L, const struct csvin_rec *rec)
{
	struct cycle *c = L->c;
	struct person *p;
	const char *id = field(L, rec, C_ID), *sup;
	size_t k;

	if (!check_id(L, id, rec->line))
		return;
	XGROW(L->fold, L->capfold, L->n + 1);
	L->fold[L->n] = L->last_key;
	XGROW(L->v, L->cap, L->n + 1);
	p = &L->v[L->n++];
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->pos.file = c->roster_path;
	p->pos.line = rec->line;
	p->name = field(L, rec, C_NAME);
	if (p->name == NULL) {
		csvin_error(L->r, rec->line, L->col[C_NAME],
		    "empty; every person needs a name");
		p->name = "";
	}
	p->manager_id = field(L, rec, C_MANAGER);
	p->email = field(L, rec, C_EMAIL);
	p->title = field(L, rec, C_TITLE);
	p->level = field(L, rec, C_LEVEL);
	p->department = field(L, rec, C_DEPT);
	p->employment = field(L, rec, C_EMPLOYMENT);
	sup = field(L, rec, C_SUPERVISORY);
	if (!parse_yes_no(sup, &p->supervisory)) {
		char q[80];

		csvin_error(L->r, rec->line, L->col[C_SUPERVISORY], "\"%s\" is "
		    "not yes or no; expected yes/no, true/false or 1/0",
		    csvin_quote(sup, q, sizeof q));
	}
	p->manager = -1;
	p->dept = -1;
	p->extra = arena_alloc(c->arena, (c->nextra + 1) * sizeof(char *));
	for (k = 0; k < c->nextra; k++)
		p->extra[k] = col_field(L, rec, L->extra_col[k]);
}

/* --- after all rows --- */

/* manager_of: the person a manager_id cell names: by id, else (a
 * roster whose manager column cycle.yaml maps, such as BambooHR's
 * "Reports To") by e-mail or name, made into their id. -1 when nobody,
 * -2 when a name several people share (reported at p). */
static int
manager_of(struct rload *L, struct people_index **x, const struct person *p,
    const char *s)
{
	const int *cands;
	size_t ncands;
	int i = cycle_person(L->c, s);

	if (i >= 0 || L->c->roster_cols[C_MANAGER].n == 0)
		return i;
	if (*x == NULL)
		*x = people_index_new(L->c);
	i = people_find(*x, s, strlen(s), &cands, &ncands);
	if (i == -2) {
		struct buf b;
		size_t k;

		buf_init(&b);
		for (k = 0; k < ncands && k < 5; k++)
			buf_printf(&b, "%s%s (line %d)", k ? ", " : "",
			    L->c->people[cands[k]].id,
			    L->c->people[cands[k]].pos.line);
		diag_error(L->d, &p->pos, "column \"%s\": \"%s\" is the name "
		    "of %zu people in the roster: %s; expected the manager's "
		    "id or e-mail", L->c->roster_cols[C_MANAGER].names[0], s,
		    ncands, b.p);
		buf_free(&b);
		return -2;
	}
	return i >= 0 ? i : -1;
}

static void
resolve_managers(struct rload *L)
{
	struct cycle *c = L->c;
	struct people_index *x = NULL;
	size_t i;
	char q[80];

	for (i = 0; i < c->npeople; i++) {
		struct person *p = &c->people[i];
		struct pos at = p->pos;

		if (p->manager_id == NULL)
			continue;
		p->manager = manager_of(L, &x, p, p->manager_id);
		if (p->manager == -2) {
			p->manager = -1;
			L->ok = 0;
			continue;
		}
		if (p->manager < 0)
			diag_error(L->d, &at, "column \"manager_id\": \"%s\" is not "
			    "an id in the roster; expected the id of this "
			    "person's manager, or nothing at the top of a "
			    "reporting line", csvin_quote(p->manager_id, q,
			    sizeof q));
		else if ((size_t)p->manager == i) {
			diag_error(L->d, &at, "column \"manager_id\": \"%s\" is "
			    "this person's own id; leave manager_id empty at "
			    "the top of a reporting line", p->id);
			p->manager = -1;
		}
		if (p->manager_id != NULL && p->manager < 0)
			L->ok = 0;
		else if (p->manager >= 0)
			p->manager_id = c->people[p->manager].id;
	}
	people_index_free(x);
}

/* Reports the management cycle that `path` (npath people, each managed by
 * the next, the last by path[from]) closes, at the line of its first
 * member in roster order. */
static void
report_cycle(struct rload *L, const int *path, size_t from, size_t npath)
{
	struct cycle *c = L->c;
	size_t i, first = from;
	struct buf b;

	for (i = from; i < npath; i++)
		if (path[i] < path[first])
			first = i;
	buf_init(&b);
	for (i = 0; i < npath - from && i < 12; i++) {
		const struct person *p = &c->people[path[from +
		    (first - from + i) % (npath - from)]];

		buf_printf(&b, "%s (%s) -> ", p->id, p->name);
	}
	if (npath - from > 12)
		buf_puts(&b, "... -> ");
	buf_puts(&b, c->people[path[first]].id);
	diag_error(L->d, &c->people[path[first]].pos, "column \"manager_id\": "
	    "a management cycle (-> means reports to): %s; someone in it "
	    "needs another manager, or an empty manager_id at the top", b.p);
	buf_free(&b);
	L->ok = 0;
}

/* Follows every reporting line upwards once (O(n)); a line that comes
 * back to a person on it is a cycle. */
static void
find_cycles(struct rload *L)
{
	struct cycle *c = L->c;
	unsigned char *state = xcalloc(c->npeople + 1, 1);   /* 0 new, 1 on path, 2 done */
	int *path = xmalloc((c->npeople + 1) * sizeof(int));
	size_t i, n, k;

	for (i = 0; i < c->npeople; i++) {
		int p = (int)i;

		n = 0;
		while (p >= 0 && state[p] == 0) {
			state[p] = 1;
			path[n++] = p;
			p = c->people[p].manager;
		}
		if (p >= 0 && state[p] == 1) {
			for (k = 0; path[k] != p; k++)
				continue;
			report_cycle(L, path, k, n);
		}
		for (k = 0; k < n; k++)
			state[path[k]] = 2;
	}
	free(state);
	free(path);
}

/* reports (roster order) and the list of managers. */
static void
link_teams(struct cycle *c)
{
	size_t i, *fill = xcalloc(c->npeople + 1, sizeof(size_t));

	for (i = 0; i < c->npeople; i++)
		if (c->people[i].manager >= 0)
			c->people[c->people[i].manager].nreports++;
	for (i = 0; i < c->npeople; i++) {
		struct person *p = &c->people[i];

		if (p->nreports > 0) {
			p->reports = arena_alloc(c->arena, p->nreports *
			    sizeof(int));
			c->nmanagers++;
		}
	}
	c->managers = arena_alloc(c->arena, (c->nmanagers + 1) * sizeof(int));
	c->nmanagers = 0;
	for (i = 0; i < c->npeople; i++) {
		int m = c->people[i].manager;

		if (c->people[i].nreports > 0)
			c->managers[c->nmanagers++] = (int)i;
		if (m >= 0)
			c->people[m].reports[fill[m]++] = (int)i;
	}
	free(fill);
}

/* A department's slug: ASCII letters and digits lowercased, other runs
 * one "-", trimmed, "department" if empty. */
static char *
slug_of(struct arena *a, const char *name)
{
	size_t n = strlen(name), k = 0, i;
	char *s = arena_alloc(a, n + 16);

	for (i = 0; i < n; i++) {
		char ch = name[i];

		if (ch >= 'A' && ch <= 'Z')
			s[k++] = (char)(ch - 'A' + 'a');
		else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			s[k++] = ch;
		else if (k > 0 && s[k - 1] != '-')
			s[k++] = '-';
	}
	while (k > 0 && s[k - 1] == '-')
		k--;
	s[k] = '\0';
	return k > 0 ? s : arena_strdup(a, "department");
}

/* Departments in first-appearance order, unique slugs (-2, -3 for
 * repeats, in roster order), members in roster order. */
static void
group_departments(struct cycle *c)
{
	struct strtab *names = strtab_new(0), *slugs = strtab_new(0);
	size_t i, cap = 0, *fill;

	for (i = 0; i < c->npeople; i++) {
		struct person *p = &c->people[i];
		int k;

		if (p->department == NULL)
			continue;
		k = strtab_put(names, p->department, strlen(p->department),
		    (int)c->ndepts);
		if (k < 0) {
			struct department *dp;
			const char *base = slug_of(c->arena, p->department);
			const char *slug = base;
			int rep;

			for (rep = 2; strtab_gets(slugs, slug) >= 0; rep++)
				slug = arena_printf(c->arena, "%s-%d", base, rep);
			strtab_put(slugs, slug, strlen(slug), 1);
			XGROW(c->depts, cap, c->ndepts + 1);
			dp = &c->depts[c->ndepts];
			memset(dp, 0, sizeof(*dp));
			dp->name = p->department;
			dp->slug = slug;
			k = (int)c->ndepts++;
		}
		p->dept = k;
		c->depts[k].n++;
	}
	/* the departments move into the arena, members after them */
	if (c->ndepts > 0) {
		struct department *v = arena_alloc(c->arena, c->ndepts *
		    sizeof(*v));

		memcpy(v, c->depts, c->ndepts * sizeof(*v));
		free(c->depts);
		c->depts = v;
	}
	fill = xcalloc(c->ndepts + 1, sizeof(size_t));
	for (i = 0; i < c->ndepts; i++)
		c->depts[i].members = arena_alloc(c->arena, c->depts[i].n *
		    sizeof(int));
	for (i = 0; i < c->npeople; i++)
		if (c->people[i].dept >= 0)
			c->depts[c->people[i].dept].members[
			    fill[c->people[i].dept]++] = (int)i;
	free(fill);
	strtab_free(names);
	strtab_free(slugs);
}

/* Warns once per level the rubric has no expectation for, at its first
 * line, with the number of people at it. Nothing when the rubric lists
 * no expectations at all (levels do not matter to it then). */
static void
check_levels(struct rload *L)
{
	struct cycle *c = L->c;
	const struct rubric *rb = c->rubric;
	struct strtab *seen;
	size_t i, k, *count, *first, nfirst = 0;
	const char **lv;

	if (rb == NULL || rb->nexpectations == 0)
		return;
	seen = strtab_new(0);
	count = xcalloc(c->npeople + 1, sizeof(size_t));
	first = xcalloc(c->npeople + 1, sizeof(size_t));
	for (i = 0; i < c->npeople; i++) {
		const char *level = c->people[i].level;
		int f;

		if (level == NULL || !isnan(rubric_expected(rb, level)))
			continue;
		f = strtab_put(seen, level, strlen(level), (int)i);
		if (f < 0)
			first[nfirst++] = i;
		count[f < 0 ? i : (size_t)f]++;
	}
	lv = xcalloc(rb->nexpectations + 1, sizeof(*lv));
	for (k = 0; k < rb->nexpectations; k++)
		lv[k] = rb->expectations[k].level;
	for (k = 0; k < nfirst; k++) {
		const struct person *p = &c->people[first[k]];
		const char *hint = str_suggest(p->level, lv, rb->nexpectations);
		struct buf b;
		char q[80];

		buf_init(&b);
		for (i = 0; i < rb->nexpectations; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", lv[i]);
		diag_warning(L->d, &p->pos, "column \"level\": the rubric has no "
		    "expectation for \"%s\" (%zu %s), so the status "
		    "thresholds apply; %s%s%sthe rubric has expectations for: "
		    "%s", csvin_quote(p->level, q, sizeof q), count[first[k]],
		    count[first[k]] == 1 ? "person" : "people",
		    hint ? "did you mean \"" : "", hint ? hint : "",
		    hint ? "\"? " : "", b.p);
		buf_free(&b);
	}
	free(lv);
	free(count);
	free(first);
	strtab_free(seen);
}

int
roster_load(struct cycle *c, struct diag *d)
{
	struct csvin_rec rec;
	struct rload L;
	size_t k;

	memset(&L, 0, sizeof L);
	L.c = c;
	L.d = diag_new(NULL);   /* shown in file order once all checks ran */
	L.ok = 1;
	L.r = load_open(c->roster_path, &c->roster_how, L.d);
	if (L.r == NULL || !find_columns(&L)) {
		csvin_free(L.r);
		for (k = 0; k < NKNOWN; k++)
			free(L.joined[k]);
		diag_merge(d, L.d);
		diag_free(L.d);
		return 0;
	}
	find_extra(&L);
	c->person_ids = strtab_new(0);
	L.folded = strtab_new(1);
	while (csvin_next(L.r, &rec))
		read_row(&L, &rec);
	lookalikes(&L);
	/* the reader counts the errors of the rows, ours included */
	if (csvin_errors(L.r) > 0)
		L.ok = 0;
	else if (L.n == 0) {
		struct pos at = { c->roster_path, 0, 0 };

		diag_error(L.d, &at, "the roster lists nobody; expected one row "
		    "per person below the header");
		L.ok = 0;
	}
	csvin_free(L.r);
	c->people = arena_alloc(c->arena, (L.n + 1) * sizeof(struct person));
	if (L.n > 0)
		memcpy(c->people, L.v, L.n * sizeof(struct person));
	c->npeople = L.n;
	free(L.v);
	free(L.extra_col);
	for (k = 0; k < NKNOWN; k++)
		free(L.joined[k]);
	buf_free(&L.join);
	strtab_free(L.folded);
	free(L.fold);
	resolve_managers(&L);
	find_cycles(&L);
	link_teams(c);
	group_departments(c);
	check_levels(&L);
	diag_merge_sorted(d, L.d);
	diag_free(L.d);
	return L.ok;
}
