/* init_rows.c: what `revpack init` writes about an export's answers and
 * rows: answer words onto the scale (values:, na:), unfinished responses
 * left out (where:) and responses given twice (repeated:). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"

/* Values that say a response is finished, and that it is not. */
static const char *const done_words[] = {
	"1", "true", "yes", "complete", "completed", "finished", "submitted"
};
static const char *const undone_words[] = {
	"0", "false", "no", "partial", "incomplete", "in progress",
	"started", "unfinished", "not finished"
};

/* is_word: fold is one of words[0..n). */
static int
is_word(const char *fold, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fold, words[i]) == 0)
			return 1;
	return 0;
}

/* finished_column: c says whether each response was finished (Qualtrics
 * "Finished", "Completed", "Response status", ...): its header says so,
 * and its few values are all finished or unfinished words, some of each. */
static int
finished_column(struct itable *t, const struct icol *c)
{
	static const char *const heads[] = {
		"finished", "completed", "complete", "status", "response type"
	};
	size_t k, done = 0, undone = 0;

	if (c->more || c->nvals < 2 || c->nvals > 4 ||
	    !init_has_word(c->fold, heads, NELEM(heads)))
		return 0;
	for (k = 0; k < c->nvals; k++) {
		const char *f = init_fold(t->a, c->vals[k].s);

		if (is_word(f, done_words, NELEM(done_words)))
			done++;
		else if (is_word(f, undone_words, NELEM(undone_words)))
			undone++;
		else
			return 0;
	}
	return done > 0 && undone > 0;
}

/* init_pick_rows: the time stamp column (for repeated responses) and a
 * "Finished" column that leaves unfinished responses out. */
void
init_pick_rows(struct itable *t, struct pick *p)
{
	static const char *const stamps[] = {
		"timestamp", "submit", "completion time", "completed",
		"end date", "enddate", "recorded", "date", "time"
	};
	size_t i;

	p->stamp = p->finished = -1;
	for (i = 0; i < t->ncols && p->stamp < 0; i++) {
		struct icol *c = &t->cols[i];

		if (!c->used && MOST(c->stamps, c->filled) &&
		    init_has_word(c->fold, stamps, NELEM(stamps)))
			p->stamp = (int)i;
	}
	for (i = 0; i < t->ncols && p->finished < 0; i++)
		if (!t->cols[i].used && finished_column(t, &t->cols[i]))
			p->finished = (int)i;
}

/* answer_columns: the columns whose cells are answers, into *out
 * (malloc'd). */
static size_t
answer_columns(const struct pick *p, int **out)
{
	size_t n = 0, i;

	*out = xcalloc(p->nquestions + p->nrole + 2, sizeof(int));
	if (p->score >= 0)
		(*out)[n++] = p->score;
	for (i = 0; i < p->nquestions; i++)
		(*out)[n++] = p->questions[i];
	for (i = 0; i < p->nrole; i++)
		(*out)[n++] = p->rscore[i];
	return n;
}

/* init_write_values: `values:` and `na:` for the answers that are not scores
 * as they stand: words of a known answer scale with as many words as
 * the rubric's scale has levels, in order onto it; words that mean not
 * rated; anything else (a number outside the scale, an unknown word) is
 * a TODO: init never guesses what such a value means. */
void
init_write_values(struct ydraft *y, struct itable *t, const struct pick *p,
    const struct rubric *rb)
{
	const char **words = NULL, **odd = NULL, **na = NULL;
	size_t nw = 0, capw = 0, no = 0, capo = 0, nn = 0, capn = 0, i, k, j;
	const char *const *vocab;
	int *cols;
	size_t ncols = answer_columns(p, &cols);

	for (i = 0; i < ncols; i++) {
		const struct icol *c = &t->cols[cols[i]];

		for (k = 0; k < c->nvals; k++) {
			const char *v = c->vals[k].s, *f = init_fold(t->a, v);
			int a = init_answer(rb, v);
			const char ***list = a == 3 ? &words : a == 2 ? &na : &odd;
			size_t *n = a == 3 ? &nw : a == 2 ? &nn : &no;
			size_t *cap = a == 3 ? &capw : a == 2 ? &capn : &capo;

			if (a == 1 || (a == 2 && strcmp(f, "n/a") == 0))
				continue;
			for (j = 0; j < *n && strcmp((*list)[j], v) != 0; j++)
				;
			if (j < *n)
				continue;
			XGROW(*list, *cap, *n + 1);
			(*list)[(*n)++] = v;
		}
	}
	if (nw > 0 || no > 0)
		y_line(y, 4, "values:           # answers -> scale values");
	if (nw > 0) {
		const char **folded = xcalloc(nw, sizeof(char *));

		for (i = 0; i < nw; i++)
			folded[i] = init_fold(t->a, words[i]);
		vocab = init_vocabulary(folded, nw, rb->scale.n);
		for (i = 0; i < nw; i++) {
			for (k = 0; vocab != NULL && strcmp(vocab[k], folded[i]) != 0;
			    k++)
				;
			if (vocab != NULL) {
				y_line(y, 6, "%s: %d   # the scale's words in order",
				    y_quote(y, words[i]), rb->scale.min + (int)k);
				continue;
			}
			y_line(y, 6, "%s: TODO", y_quote(y, words[i]));
			y_todo(y, t->path, "\"%s\" is an answer word of a scale "
			    "with another number of levels than the rubric's %zu; "
			    "write the scale value it stands for under values:",
			    words[i], rb->scale.n);
		}
		free(folded);
	}
	for (i = 0; i < no; i++) {
		y_line(y, 6, "%s: TODO", y_quote(y, odd[i]));
		y_todo(y, t->path, "\"%s\" is not on the scale %d to %d; write "
		    "the scale value it stands for, or n/a, under values:",
		    odd[i], rb->scale.min, rb->scale.max);
	}
	if (nn > 0) {
		y_line(y, 4, "na:               # answers that mean not rated");
		for (i = 0; i < nn; i++)
			y_line(y, 6, "- %s", y_quote(y, na[i]));
	}
	free(cols);
	free(words);
	free(odd);
	free(na);
}

/* repeat_example: the first repeat of the sample, in words (in t's
 * arena). */
static const char *
repeat_example(struct itable *t, const struct pick *p)
{
	struct strtab *seen = strtab_new(0);
	const char *out = "";
	size_t r;

	for (r = 0; r < t->nrows; r++) {
		char **row = t->cells[r];
		const char *k = arena_printf(t->a, "%s\x1f%s\x1f%s",
		    row[p->subject], row[p->rater], p->comp >= 0 ?
		    row[p->comp] : "");
		int prev;

		if (row[p->rater][0] == '\0')
			continue;
		prev = strtab_put(seen, k, strlen(k), (int)r);
		if (prev >= 0) {
			out = arena_printf(t->a, "\"%s\" about \"%s\", in data "
			    "rows %d and %zu", row[p->rater], row[p->subject],
			    prev + 1, r + 1);
			break;
		}
	}
	strtab_free(seen);
	return out;
}

/* init_repeats: the sample has a (subject, rater[, competency]) twice. */
int
init_repeats(const struct itable *t, const struct pick *p)
{
	struct strtab *seen;
	struct arena *a;
	size_t r;
	int twice = 0;

	if (p->subject < 0 || p->rater < 0)
		return 0;
	seen = strtab_new(0);
	a = arena_new();
	for (r = 0; r < t->nrows && !twice; r++) {
		char **row = t->cells[r];
		const char *k;

		if (row[p->rater][0] == '\0')
			continue;
		k = arena_printf(a, "%s\x1f%s\x1f%s", row[p->subject],
		    row[p->rater], p->comp >= 0 ? row[p->comp] : "");
		twice = strtab_put(seen, k, strlen(k), 1) >= 0;
	}
	strtab_free(seen);
	arena_free(a);
	return twice;
}

/* init_write_rows: `where:` for unfinished responses and `repeated:`. */
void
init_write_rows(struct ydraft *y, struct itable *t, const struct pick *p)
{
	if (p->finished >= 0) {
		const struct icol *c = &t->cols[p->finished];
		struct buf b;
		size_t k;

		buf_init(&b);
		for (k = 0; k < c->nvals; k++)
			if (is_word(init_fold(t->a, c->vals[k].s), done_words,
			    NELEM(done_words)))
				buf_printf(&b, "%s%s", b.len ? ", " : "", y_quote(y,
				    c->vals[k].s));
		y_line(y, 4, "where: { %s: [%s] }   # finished responses only",
		    y_quote(y, c->name), b.p);
		buf_free(&b);
	}
	if (!init_repeats(t, p))
		return;
	if (p->stamp >= 0)
		y_line(y, 4, "repeated: latest  # a response given twice: the "
		    "later one counts");
	else {
		y_line(y, 4, "repeated: TODO");
		y_todo(y, t->path, "a reviewer answered twice for the same "
		    "person (%s) and no time stamp column tells which answer is "
		    "the later; name the column that dates each response "
		    "(columns: timestamp:) and keep repeated: latest, or write "
		    "repeated: error to have each repeat listed", repeat_example(t,
		    p));
	}
}
