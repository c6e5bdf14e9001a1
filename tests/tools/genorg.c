/* genorg.c: a synthetic Customer Success organisation of any size for tests
 * and benchmarks: roster.csv, ratings.csv (long) and cycle.yaml, optionally
 * the same ratings as a survey tool's wide export, deterministic by seed.
 *
 *   genorg N OUTDIR --rubric PATH [--seed S] [--quirks] [--wide]
 *          [--peers K] [--template PATH]
 *
 * The shape follows the bench peers' own generator: about N/8 managers
 * (E00001 at the top, the others reporting to it), everyone else in a
 * random manager's team at a random level; every person but E00001 is
 * rated on every competency of the rubric by their manager, themselves
 * and K peers (default 2). --quirks writes what real exports contain: a
 * UTF-8 BOM, CRLF line ends, level labels as scores, N/A and empty
 * scores, comments with quotes, commas, newlines and an emoji. --wide also
 * writes forms-export.csv (the same ratings, one row per subject and
 * rater, vendor column names) and cycle-wide.yaml, which reads it instead
 * of ratings.csv: both cycles must give identical figures. Without
 * --template, the cycles name the source tree's templates/default.yaml. */
#define _XOPEN_SOURCE 700       /* realpath */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"

#define MAX_PEERS 64

/* --- a private PRNG: splitmix64, the same bytes on every platform --- */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *g)
{
	uint64_t z = (g->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* rng_below: a number in [0, n), n >= 1 (multiply-shift, no modulo bias
 * worth measuring for the small n used here). */
static size_t
rng_below(struct rng *g, size_t n)
{
	return (size_t)(((rng_next(g) >> 32) * (uint64_t)n) >> 32);
}

/* rng_chance: 1 with probability per_mille / 1000. */
static int
rng_chance(struct rng *g, unsigned per_mille)
{
	return rng_below(g, 1000) < per_mille;
}

/* --- names in many scripts --- */

struct name_pool {
	const char *const *given;
	size_t ngiven;
	const char *const *family;
	size_t nfamily;
	int family_first;       /* Vietnamese, Chinese, Japanese, Korean order */
	const char *sep;        /* between the parts: " " or "" */
	unsigned weight;        /* share of people, in per mille */
};

static const char *const latin_given[] = { "Zoë", "Łukasz", "José", "Mette",
	"Søren", "Ólafur", "Björk", "Inés", "François", "Çağla", "Jürgen",
	"Hannah", "Siobhán", "Amélie", "Renée", "João", "Priya", "Kwame",
	"Chidi", "Fatima", "Aarav", "Mateo", "Ana", "Eun-ji" };
static const char *const latin_family[] = { "Ångström", "Żółć", "Müller",
	"O'Brien", "Kowalski", "Okafor", "Iyer", "Hansen", "Pérez", "Núñez",
	"Dubois", "Yılmaz", "Schröder", "Mensah", "García", "Côté",
	"D'Angelo", "Þórsson", "Conceição", "Sørensen", "Lefèvre" };
static const char *const en_given[] = { "Emily", "Liam", "Margaret",
	"Olivia", "James", "Grace", "Sean", "Hannah" };
static const char *const en_family[] = { "Carter", "Brown", "Smith",
	"Murphy", "Walker", "O'Connor", "Taylor" };
static const char *const vi_family[] = { "Nguyễn", "Trần", "Lê", "Phạm",
	"Hoàng", "Võ", "Đặng" };
static const char *const vi_given[] = { "Thị Ngọc Ánh", "Văn Minh",
	"Thu Hà", "Đức Anh", "Quốc Bảo", "Minh Châu" };
static const char *const el_given[] = { "Γιώργος", "Αλέξης", "Νίκος",
	"Κώστας", "Δημήτρης" };
static const char *const el_family[] = { "Παπαδόπουλος", "Γεωργίου",
	"Οικονόμου", "Αντωνίου", "Κωνσταντίνου" };
static const char *const ru_given[] = { "Дмитрий", "Сергей", "Иван",
	"Алексей", "Павел" };
static const char *const ru_family[] = { "Волков", "Смирнов", "Кузнецов",
	"Попов", "Соколов" };
static const char *const zh_family[] = { "王", "李", "张", "刘", "陈", "杨" };
static const char *const zh_given[] = { "芳", "伟", "静", "磊", "敏",
	"秀英" };
static const char *const ja_family[] = { "佐藤", "鈴木", "高橋", "田中",
	"山田" };
static const char *const ja_given[] = { "健", "さくら", "ゆい", "翔太",
	"陽菜", "ひろし" };
static const char *const ko_family[] = { "김", "이", "박", "최", "정" };
static const char *const ko_given[] = { "민준", "서연", "지호", "하은",
	"도윤" };

#define POOL(g, f, ff, sep, w) { g, NELEM(g), f, NELEM(f), ff, sep, w }
static const struct name_pool pools[] = {
	POOL(latin_given, latin_family, 0, " ", 400),
	POOL(en_given, en_family, 0, " ", 150),
	POOL(vi_family, vi_given, 1, " ", 80),
	POOL(el_given, el_family, 0, " ", 70),
	POOL(ru_given, ru_family, 0, " ", 70),
	POOL(zh_family, zh_given, 1, "", 80),
	POOL(ja_family, ja_given, 1, " ", 75),
	POOL(ko_family, ko_given, 1, "", 75),
};

/* A person's name as three indices into the pools (built when written). */
struct gname {
	unsigned char pool, first, second;
};

static struct gname
pick_name(struct rng *g)
{
	struct gname n = { 0, 0, 0 };
	size_t r = rng_below(g, 1000), i;

	for (i = 0; i + 1 < NELEM(pools) && r >= pools[i].weight; i++)
		r -= pools[i].weight;
	n.pool = (unsigned char)i;
	n.first = (unsigned char)rng_below(g, pools[i].ngiven);
	n.second = (unsigned char)rng_below(g, pools[i].nfamily);
	return n;
}

/* --- the organisation --- */

static const char *const ic_levels[] = { "CSM I", "CSM II", "Senior CSM",
	"Lead CSM", "Associate CSM" };
static const char *const regions[] = { "Customer Success EMEA",
	"Customer Success Americas", "Customer Success APAC" };
static const char *const cities[] = { "Dublin", "Zürich", "São Paulo",
	"Kraków", "Tokyo", "Seoul", "Hà Nội", "Αθήνα", "Москва", "上海" };

struct gperson {
	struct gname name;
	const char *level;
	size_t manager;         /* index, or SIZE_MAX at the top */
	int dept;               /* index into regions, -1: none */
	int hourly;
	unsigned char city;
	int base;               /* this person's typical score */
};

struct opts {
	size_t n;
	const char *outdir, *rubric, *tmpl;
	uint64_t seed;
	int quirks, wide;
	size_t peers;
};

static int
clampi(int v, const struct scale *sc)
{
	return v < sc->min ? sc->min : v > sc->max ? sc->max : v;
}

/* level_base: the expected level of a role level, or the middle of the
 * scale where the rubric lists none; kept on the scale. */
static int
level_base(const struct rubric *r, const char *level)
{
	double e = rubric_expected(r, level);

	if (isnan(e))
		e = floor((r->scale.min + r->scale.max) / 2.0);
	return clampi((int)lround(e), &r->scale);
}

/* build_org: n people; the first max(1, n/8) are managers. Returns an
 * array the caller frees. */
static struct gperson *
build_org(const struct opts *o, const struct rubric *r, struct rng *g)
{
	struct gperson *pp = xcalloc(o->n, sizeof(*pp));
	size_t nmgr = o->n / 8 > 0 ? o->n / 8 : 1, i;
	static const int jitter[] = { -1, 0, 0, 1 };

	for (i = 0; i < o->n; i++) {
		struct gperson *p = &pp[i];

		p->name = pick_name(g);
		p->city = (unsigned char)rng_below(g, NELEM(cities));
		if (i < nmgr) {
			p->level = "CS Manager";
			p->manager = i == 0 ? SIZE_MAX : 0;
			p->dept = (int)(i % NELEM(regions));
		} else {
			p->level = ic_levels[rng_below(g, NELEM(ic_levels))];
			p->manager = rng_below(g, nmgr);
			p->dept = pp[p->manager].dept;
			p->hourly = rng_chance(g, 200);
		}
		if (o->quirks && i % 97 == 13)
			p->dept = -1;
		p->base = clampi(level_base(r, p->level) +
		    jitter[rng_below(g, NELEM(jitter))], &r->scale);
	}
	return pp;
}

/* --- CSV and YAML output --- */

struct out {
	FILE *f;
	const char *path;
	const char *eol;
};

/* out_open: OUTDIR/name for writing; a CSV file gets a BOM and CRLF
 * under --quirks. Exits with a message when the file cannot be created. */
static void
out_open(struct out *w, const struct opts *o, const char *name, int csv,
    struct arena *a)
{
	w->path = arena_printf(a, "%s/%s", o->outdir, name);
	w->f = fopen(w->path, "wb");
	if (w->f == NULL) {
		fprintf(stderr, "genorg: %s: %s\n", w->path, strerror(errno));
		exit(3);
	}
	setvbuf(w->f, NULL, _IOFBF, 1 << 20);
	w->eol = o->quirks && csv ? "\r\n" : "\n";
	if (o->quirks && csv)
		fputs("\xEF\xBB\xBF", w->f);
}

static void
out_close(struct out *w)
{
	if (w->f == NULL)
		return;
	if (ferror(w->f) || fclose(w->f) != 0) {
		fprintf(stderr, "genorg: %s: write failed\n", w->path);
		exit(3);
	}
	w->f = NULL;
}

/* csv_put: one field, quoted when it holds a comma, quote or line end;
 * sep (',' or 0) goes before it. */
static void
csv_put(FILE *f, int sep, const char *s)
{
	if (sep)
		putc(sep, f);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* yaml_put: s as a double-quoted YAML scalar. */
static void
yaml_put(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\x%02x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

static void
put_id(FILE *f, int sep, size_t i)
{
	if (sep)
		putc(sep, f);
	fprintf(f, "E%05zu", i + 1);
}

static void
put_name(FILE *f, const struct gname *n)
{
	const struct name_pool *p = &pools[n->pool];

	fputs(p->given[n->first], f);
	fputs(p->sep, f);
	fputs(p->family[n->second], f);
}

/* write_roster: roster.csv with the standard columns and one extra. */
static void
write_roster(const struct opts *o, const struct gperson *pp, size_t nmgr,
    struct arena *a)
{
	struct out w;
	size_t i;

	out_open(&w, o, "roster.csv", 1, a);
	fprintf(w.f, "id,name,email,title,level,department,manager_id,"
	    "supervisory,employment,location%s", w.eol);
	for (i = 0; i < o->n; i++) {
		const struct gperson *p = &pp[i];

		put_id(w.f, 0, i);
		putc(',', w.f);
		put_name(w.f, &p->name);
		fprintf(w.f, ",e%05zu@example.com", i + 1);
		csv_put(w.f, ',', p->level);
		csv_put(w.f, ',', p->level);
		csv_put(w.f, ',', p->dept >= 0 ? regions[p->dept] : "");
		putc(',', w.f);
		if (p->manager != SIZE_MAX)
			put_id(w.f, 0, p->manager);
		fprintf(w.f, ",%s,%s", i < nmgr ? "yes" : "no",
		    p->hourly ? "hourly" : "salary");
		csv_put(w.f, ',', cities[p->city]);
		fputs(w.eol, w.f);
	}
	out_close(&w);
}

/* --- ratings --- */

enum cell_kind { CELL_NUM, CELL_LABEL, CELL_LABEL_UPPER, CELL_NA, CELL_EMPTY };

struct cell {
	int v;
	enum cell_kind kind;
};

/* One rater's ratings of one subject: a wide row, or ncomps long rows. */
struct sheet {
	size_t rater;
	enum role role;
	struct cell *cells;     /* [ncomps] */
	const char *comment;    /* NULL: none */
};

static const char *const quirk_comments[] = {
	"Strong quarter.",
	"Said \"we will fix it\", then did.",
	"Good with escalations, slower on follow-ups, needs a plan",
	"Line one\nline two of the note",
	"Great QBRs \xF0\x9F\x91\x8D",
	"Très bon suivi des comptes, merci !",
	"顧客対応がとても丁寧です。",
	"Всегда готов помочь, даже в пятницу вечером.",
};

/* pick_peers: k distinct people other than the subject and its manager
 * (a rater rates a subject on a competency once), into out[]; k <= n - 2. */
static void
pick_peers(struct rng *g, size_t n, size_t subject, size_t manager, size_t k,
    size_t *out)
{
	size_t got = 0, j;

	while (got < k) {
		size_t c = rng_below(g, n);
		int dup = c == subject || c == manager;

		for (j = 0; j < got && !dup; j++)
			dup = out[j] == c;
		if (!dup)
			out[got++] = c;
	}
}

/* rate_person: fills sheets[0] (manager), [1] (self) and [2..2+k) (peers)
 * for subject i, the way gen_org.py does: a true level per competency
 * near the person's base; the manager gives it, self adds 0 to 2, peers
 * -1 to 1. Returns the number of sheets. */
static size_t
rate_person(const struct opts *o, const struct rubric *r,
    const struct gperson *pp, size_t i, size_t k, struct rng *g,
    struct sheet *sh)
{
	static const int tj[] = { -1, 0, 0, 1 }, sj[] = { 0, 1, 1, 2 },
	    pj[] = { -1, 0, 1 };
	size_t peers[MAX_PEERS], c, s, nsh = 2 + k;

	pick_peers(g, o->n, i, pp[i].manager, k, peers);
	sh[0].rater = pp[i].manager;
	sh[0].role = ROLE_MANAGER;
	sh[1].rater = i;
	sh[1].role = ROLE_SELF;
	for (s = 0; s < k; s++) {
		sh[2 + s].rater = peers[s];
		sh[2 + s].role = ROLE_PEER;
	}
	for (c = 0; c < r->ncomps; c++) {
		int t = clampi(pp[i].base + tj[rng_below(g, NELEM(tj))],
		    &r->scale);

		for (s = 0; s < nsh; s++) {
			struct cell *cl = &sh[s].cells[c];
			int d = s == 0 ? 0 : s == 1 ? sj[rng_below(g, NELEM(sj))] :
			    pj[rng_below(g, NELEM(pj))];

			cl->v = clampi(t + d, &r->scale);
			cl->kind = CELL_NUM;
			if (!o->quirks)
				continue;
			if (s == 0 && rng_chance(g, 50))
				cl->kind = rng_chance(g, 500) ? CELL_LABEL_UPPER :
				    CELL_LABEL;
			else if (s >= 2 && rng_chance(g, 30))
				cl->kind = rng_chance(g, 500) ? CELL_NA : CELL_EMPTY;
		}
	}
	for (s = 0; s < nsh; s++)
		sh[s].comment = o->quirks && rng_chance(g, 200) ?
		    quirk_comments[rng_below(g, NELEM(quirk_comments))] : NULL;
	return nsh;
}

/* put_cell: a score as the exports write it. */
static void
put_cell(FILE *f, const struct rubric *r, const struct cell *cl)
{
	const char *lab;

	putc(',', f);
	switch (cl->kind) {
	case CELL_NUM:
		fprintf(f, "%d", cl->v);
		break;
	case CELL_LABEL:
	case CELL_LABEL_UPPER:
		lab = rubric_level_label(r, cl->v);
		for (; lab != NULL && *lab; lab++) {
			int ch = (unsigned char)*lab;

			if (cl->kind == CELL_LABEL_UPPER && ch >= 'a' && ch <= 'z')
				ch -= 'a' - 'A';
			putc(ch, f);
		}
		break;
	case CELL_NA:
		fputs("N/A", f);
		break;
	case CELL_EMPTY:
		break;
	}
}

/* write_long: one row per rating; a rater's comment on the first
 * competency's row. Competency outer, raters inner, as gen_org.py. */
static void
write_long(struct out *w, const struct rubric *r, size_t subject,
    const struct sheet *sh, size_t nsh)
{
	size_t c, s;

	for (c = 0; c < r->ncomps; c++) {
		for (s = 0; s < nsh; s++) {
			put_id(w->f, 0, subject);
			put_id(w->f, ',', sh[s].rater);
			fprintf(w->f, ",%s", role_name(sh[s].role));
			csv_put(w->f, ',', r->comps[c].id);
			put_cell(w->f, r, &sh[s].cells[c]);
			csv_put(w->f, ',', c == 0 && sh[s].comment ?
			    sh[s].comment : "");
			fputs(w->eol, w->f);
		}
	}
}

static const char *const wide_roles[] = { "Manager", "Self review", "Peer",
	"Direct report" };

/* write_wide: one row per (subject, rater), the same cells. *row counts
 * rows for the (unmapped) Timestamp column. */
static void
write_wide(struct out *w, const struct rubric *r, size_t subject,
    const struct sheet *sh, size_t nsh, size_t *row)
{
	size_t c, s;

	for (s = 0; s < nsh; s++, (*row)++) {
		size_t t = *row * 7;

		fprintf(w->f, "2026-06-%02zu %02zu:%02zu:%02zu", 1 + *row / 4000 % 28,
		    8 + t / 3600 % 11, t / 60 % 60, t % 60);
		put_id(w->f, ',', subject);
		put_id(w->f, ',', sh[s].rater);
		fprintf(w->f, ",%s", wide_roles[sh[s].role]);
		for (c = 0; c < r->ncomps; c++)
			put_cell(w->f, r, &sh[s].cells[c]);
		csv_put(w->f, ',', sh[s].comment ? sh[s].comment : "");
		fputs(w->eol, w->f);
	}
}

/* question_columns: the vendor's column name of each competency, "Title
 * [min-max]", made unique with the id where titles repeat. */
static const char **
question_columns(const struct rubric *r, struct arena *a)
{
	const char **q = arena_alloc(a, r->ncomps * sizeof(*q));
	size_t c, d;

	for (c = 0; c < r->ncomps; c++) {
		int dup = 0;

		for (d = 0; d < r->ncomps; d++)
			dup |= d != c && strcmp(r->comps[d].title,
			    r->comps[c].title) == 0;
		q[c] = dup ? arena_printf(a, "%s (%s) [%d-%d]", r->comps[c].title,
		    r->comps[c].id, r->scale.min, r->scale.max) :
		    arena_printf(a, "%s [%d-%d]", r->comps[c].title,
		    r->scale.min, r->scale.max);
	}
	return q;
}

/* write_ratings: ratings.csv, and forms-export.csv with --wide. */
static void
write_ratings(const struct opts *o, const struct rubric *r,
    const struct gperson *pp, const char **qcols, struct rng *g,
    struct arena *a)
{
	struct out lw, ww = { NULL, NULL, NULL };
	struct sheet sh[MAX_PEERS + 2];
	size_t avail = o->n >= 2 ? o->n - 2 : 0;  /* not self, not manager */
	size_t k = o->peers < avail ? o->peers : avail, i, c, row = 0;

	for (i = 0; i < k + 2; i++)
		sh[i].cells = arena_alloc(a, r->ncomps * sizeof(struct cell));
	out_open(&lw, o, "ratings.csv", 1, a);
	fprintf(lw.f, "subject_id,rater_id,rater_role,competency_id,score,"
	    "comment%s", lw.eol);
	if (o->wide) {
		out_open(&ww, o, "forms-export.csv", 1, a);
		fputs("Timestamp,Employee ID,Reviewer ID,Relationship", ww.f);
		for (c = 0; c < r->ncomps; c++)
			csv_put(ww.f, ',', qcols[c]);
		fprintf(ww.f, ",Anything else?%s", ww.eol);
	}
	for (i = 0; i < o->n; i++) {
		size_t nsh;

		if (pp[i].manager == SIZE_MAX)
			continue;
		nsh = rate_person(o, r, pp, i, k, g, sh);
		write_long(&lw, r, i, sh, nsh);
		if (o->wide)
			write_wide(&ww, r, i, sh, nsh, &row);
	}
	out_close(&lw);
	out_close(&ww);
}

/* --- cycle.yaml --- */

/* abs_path: path made absolute, so the cycle file works wherever OUTDIR
 * is; exits when the file does not exist. */
static const char *
abs_path(const char *path, struct arena *a)
{
	char *p = realpath(path, NULL);
	const char *s;

	if (p == NULL) {
		fprintf(stderr, "genorg: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	s = arena_strdup(a, p);
	free(p);
	return s;
}

/* default_template: --template when given, else the first of
 * templates/default.yaml (from the source tree's top, where tests and
 * benchmarks run) and RUBRIC_DIR/../templates/default.yaml that exists,
 * else NULL (cycle.yaml then lacks the key, and a warning says so). */
static const char *
default_template(const struct opts *o, struct arena *a)
{
	const char *slash = strrchr(o->rubric, '/');
	const char *cands[2];
	size_t i;

	if (o->tmpl != NULL)
		return o->tmpl;
	cands[0] = "templates/default.yaml";
	cands[1] = slash == NULL ? "../templates/default.yaml" :
	    arena_printf(a, "%.*s/../templates/default.yaml",
	    (int)(slash - o->rubric), o->rubric);
	for (i = 0; i < NELEM(cands); i++)
		if (access(cands[i], R_OK) == 0)
			return cands[i];
	fprintf(stderr, "genorg: warning: no templates/default.yaml found; "
	    "pass --template PATH, cycle.yaml needs one\n");
	return NULL;
}

/* write_cycle: cycle.yaml (long ratings) or cycle-wide.yaml (the wide
 * export with its mapping). Default rater weights and anonymity. */
static void
write_cycle(const struct opts *o, const struct rubric *r, const char **qcols,
    const char *tmpl, int wide, struct arena *a)
{
	struct out w;
	size_t c;
	int i;

	out_open(&w, o, wide ? "cycle-wide.yaml" : "cycle.yaml", 0, a);
	fprintf(w.f, "# Generated by genorg: %zu people, seed %llu%s.\n"
	    "cycle: gen-%zu\ntitle: Generated organisation, %zu people\n"
	    "organization: Example Corp\n"
	    "period: { start: 2026-01-01, end: 2026-06-30 }\n"
	    "review_date: 2026-07-15\nrubric: ", o->n,
	    (unsigned long long)o->seed, o->quirks ? ", with quirks" : "",
	    o->n, o->n);
	yaml_put(w.f, abs_path(o->rubric, a));
	if (tmpl != NULL) {
		fputs("\ntemplate: ", w.f);
		yaml_put(w.f, abs_path(tmpl, a));
	}
	fputs("\nroster: roster.csv\nratings:\n", w.f);
	if (!wide) {
		fputs("  - file: ratings.csv\n", w.f);
		out_close(&w);
		return;
	}
	fputs("  - file: forms-export.csv\n    format: wide\n    columns:\n"
	    "      subject: \"Employee ID\"\n      rater: \"Reviewer ID\"\n"
	    "      role: \"Relationship\"\n      comment: \"Anything else?\"\n"
	    "    competencies:\n", w.f);
	for (c = 0; c < r->ncomps; c++) {
		fputs("      ", w.f);
		yaml_put(w.f, qcols[c]);
		fputs(": ", w.f);
		yaml_put(w.f, r->comps[c].id);
		fputs("\n", w.f);
	}
	fputs("    roles:\n", w.f);
	for (i = 0; i < NROLES; i++)
		fprintf(w.f, "      \"%s\": %s\n", wide_roles[i],
		    role_name((enum role)i));
	out_close(&w);
}

/* --- command line --- */

static void NORETURN
usage(const char *why)
{
	if (why != NULL)
		fprintf(stderr, "genorg: %s\n", why);
	fputs("usage: genorg N OUTDIR --rubric PATH [--seed S] [--quirks] "
	    "[--wide] [--peers K] [--template PATH]\n", stderr);
	exit(2);
}

static size_t
count_arg(const char *s, const char *what, long max)
{
	long v;

	if (s == NULL || !parse_long(s, strlen(s), &v) || v < 0 || v > max)
		usage(what);
	return (size_t)v;
}

/* value: the argument after option argv[*i], consumed; usage when none. */
static const char *
value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		usage("an option wants a value");
	*i += 1;
	return argv[*i];
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	int i, npos = 0;

	memset(o, 0, sizeof(*o));
	o->seed = 7;
	o->peers = 2;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--quirks") == 0)
			o->quirks = 1;
		else if (strcmp(a, "--wide") == 0)
			o->wide = 1;
		else if (strcmp(a, "--rubric") == 0)
			o->rubric = value(argc, argv, &i);
		else if (strcmp(a, "--template") == 0)
			o->tmpl = value(argc, argv, &i);
		else if (strcmp(a, "--seed") == 0)
			o->seed = count_arg(value(argc, argv, &i),
			    "--seed wants a number >= 0", LONG_MAX);
		else if (strcmp(a, "--peers") == 0)
			o->peers = count_arg(value(argc, argv, &i),
			    "--peers wants 0 to 64", MAX_PEERS);
		else if (a[0] == '-' && a[1] != '\0')
			usage("unknown option");
		else if (npos == 0)
			o->n = count_arg(a, "N wants a number from 1 to 10000000",
			    10000000);
		else if (npos == 1)
			o->outdir = a;
		else
			usage("too many arguments");
		if (a[0] != '-' || a[1] == '\0')
			npos++;
	}
	if (o->outdir == NULL || o->n == 0)
		usage(NULL);
	if (o->rubric == NULL)
		usage("--rubric PATH is required (competency ids come from it)");
}

/* mkdir_p: OUTDIR and its parents. */
static void
mkdir_p(const char *dir, struct arena *a)
{
	char *p = arena_strdup(a, dir), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			break;
		*s = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "genorg: %s: %s\n", p, strerror(errno));
		exit(3);
	}
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct diag *d = diag_new(stderr);
	struct arena *a = arena_new();
	struct rubric *r;
	struct gperson *pp;
	struct rng g;
	const char **qcols, *tmpl;

	parse_args(argc, argv, &o);
	r = rubric_load(o.rubric, d);
	if (r == NULL || r->ncomps == 0) {
		fprintf(stderr, "genorg: %s: not a usable rubric\n", o.rubric);
		return 1;
	}
	mkdir_p(o.outdir, a);
	g.s = o.seed;
	pp = build_org(&o, r, &g);
	qcols = question_columns(r, a);
	write_roster(&o, pp, o.n / 8 > 0 ? o.n / 8 : 1, a);
	write_ratings(&o, r, pp, qcols, &g, a);
	tmpl = default_template(&o, a);
	write_cycle(&o, r, qcols, tmpl, 0, a);
	if (o.wide)
		write_cycle(&o, r, qcols, tmpl, 1, a);
	free(pp);
	rubric_free(r);
	arena_free(a);
	diag_free(d);
	return 0;
}
