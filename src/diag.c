/* diag.c: formats, keeps and echoes diagnostics (see diag.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

struct msg {
	enum diag_sev sev;
	char *text;
	int line, col;          /* of its position, 0 when none */
	int dropped;            /* folded into another (diag_fold) */
};

struct diag {
	FILE *echo;
	struct msg *msgs;
	size_t n, cap;
	size_t errors, warnings;
	struct strtab *once;
	struct arena *once_keys;
};

struct diag *
diag_new(FILE *echo)
{
	struct diag *d = xcalloc(1, sizeof(*d));

	d->echo = echo;
	return d;
}

void
diag_free(struct diag *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	strtab_free(d->once);
	arena_free(d->once_keys);
	free(d);
}

static void
add(struct diag *d, enum diag_sev sev, char *text, int line, int col)
{
	XGROW(d->msgs, d->cap, d->n + 1);
	d->msgs[d->n].sev = sev;
	d->msgs[d->n].text = text;
	d->msgs[d->n].line = line;
	d->msgs[d->n].col = col;
	d->msgs[d->n].dropped = 0;
	d->n++;
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->echo != NULL) {
		fputs(text, d->echo);
		fputc('\n', d->echo);
		fflush(d->echo);
	}
}

/* shown: cp may be printed as it is: not a C1 control, not invisible
 * (default-ignorable: joiners, bidi controls, U+FEFF...), not one of the
 * other bidi controls or the line and paragraph separators, which a
 * terminal would act on or which would hide or reorder the message. */
static int
shown(uint32_t cp)
{
	if (cp < 0xA0)
		return 0;
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x2028 || cp == 0x2029)
		return 0;
	return !uni_ignorable(cp);
}

void
diag_escape(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		uint32_t cp;

		if (c == '\n' || c == '\r') {
			/* one message, one line */
			buf_putc(out, ' ');
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			buf_printf(out, "<U+%04X>", (unsigned)c);
			i++;
		} else if (c < 0x80) {
			buf_putc(out, (char)c);
			i++;
		} else if (c < 0xC2 || n > len - i || !utf8_valid(s + i, n,
		    NULL)) {
			/* not UTF-8: a lone byte, which a terminal in a
			 * Latin-1 mode could take for a C1 control */
			buf_printf(out, "<0x%02X>", (unsigned)c);
			i++;
		} else {
			n = (size_t)utf8_next(s + i, n, &cp);
			if (shown(cp))
				buf_put(out, s + i, n);
			else
				buf_printf(out, "<U+%04X>", (unsigned)cp);
			i += n;
		}
	}
}

void
diag_vreport(struct diag *d, enum diag_sev sev, const struct pos *at,
    const char *fmt, va_list ap)
{
	struct buf b, safe;

	buf_init(&b);
	if (at == NULL || at->file == NULL)
		buf_puts(&b, "revpack");
	else {
		buf_puts(&b, at->file);
		if (at->line > 0) {
			buf_printf(&b, ":%d", at->line);
			if (at->col > 0)
				buf_printf(&b, ":%d", at->col);
		}
	}
	buf_puts(&b, sev == DIAG_ERROR ? ": error: " : ": warning: ");
	buf_vprintf(&b, fmt, ap);
	buf_init(&safe);
	diag_escape(&safe, b.p, b.len);
	buf_free(&b);
	add(d, sev, buf_detach(&safe, NULL), at != NULL ? at->line : 0,
	    at != NULL ? at->col : 0);
}

void
diag_report(struct diag *d, enum diag_sev sev, const struct pos *at,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(d, sev, at, fmt, ap);
	va_end(ap);
}

void
diag_error(struct diag *d, const struct pos *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(d, DIAG_ERROR, at, fmt, ap);
	va_end(ap);
}

void
diag_warning(struct diag *d, const struct pos *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(d, DIAG_WARNING, at, fmt, ap);
	va_end(ap);
}

int
diag_once(struct diag *d, const char *key)
{
	char *k;

	if (d->once == NULL) {
		d->once = strtab_new(0);
		d->once_keys = arena_new();
	}
	if (strtab_gets(d->once, key) >= 0)
		return 0;
	k = arena_strdup(d->once_keys, key);
	strtab_put(d->once, k, strlen(k), 1);
	return 1;
}

size_t
diag_errors(const struct diag *d)
{
	return d->errors;
}

size_t
diag_warnings(const struct diag *d)
{
	return d->warnings;
}

size_t
diag_count(const struct diag *d)
{
	return d->n;
}

const char *
diag_text(const struct diag *d, size_t i, enum diag_sev *sev)
{
	if (i >= d->n)
		return NULL;
	if (sev != NULL)
		*sev = d->msgs[i].sev;
	return d->msgs[i].text;
}

void
diag_fold(struct diag *d, const size_t *idx, size_t n, enum diag_sev sev,
    const struct pos *at, const char *fmt, ...)
{
	struct diag *one = diag_new(NULL);
	struct msg *m;
	va_list ap;
	size_t i;

	for (i = 0; i < n; i++) {
		m = &d->msgs[idx[i]];
		if (m->sev == DIAG_ERROR)
			d->errors--;
		else
			d->warnings--;
		m->dropped = 1;
	}
	va_start(ap, fmt);
	diag_vreport(one, sev, at, fmt, ap);
	va_end(ap);
	m = &d->msgs[idx[0]];
	free(m->text);
	m->text = one->msgs[0].text;
	one->msgs[0].text = NULL;
	m->sev = sev;
	m->line = one->msgs[0].line;
	m->col = one->msgs[0].col;
	m->dropped = 0;
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	diag_free(one);
}

void
diag_merge(struct diag *dst, const struct diag *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		if (!src->msgs[i].dropped)
			add(dst, src->msgs[i].sev, xstrdup(src->msgs[i].text),
		    src->msgs[i].line, src->msgs[i].col);
}

struct order {
	int line, col;
	size_t i;
};

static int
order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void
diag_merge_sorted(struct diag *dst, const struct diag *src)
{
	struct order *o = xcalloc(src->n + 1, sizeof(*o));
	size_t i;

	for (i = 0; i < src->n; i++) {
		o[i].line = src->msgs[i].line;
		o[i].col = src->msgs[i].col;
		o[i].i = i;
	}
	qsort(o, src->n, sizeof(*o), order_cmp);
	for (i = 0; i < src->n; i++) {
		const struct msg *m = &src->msgs[o[i].i];

		if (!m->dropped)
			add(dst, m->sev, xstrdup(m->text), m->line, m->col);
	}
	free(o);
}

FILE *
diag_fopen(struct diag *d, const char *path, const char *name,
    long long *size)
{
	struct pos at = { name, 0, 0 };
	const char *why;
	FILE *f = file_open(path, size, &why);

	if (f == NULL && why != NULL)
		diag_error(d, &at, "is %s; expected a regular file", why);
	else if (f == NULL)
		diag_error(d, &at, "cannot open the file: %s", strerror(errno));
	return f;
}
