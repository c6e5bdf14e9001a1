/* util.h: allocators that never return NULL, arenas, growable buffers,
 * string -> index tables and small string helpers shared by every stage. */
#ifndef REVPACK_UTIL_H
#define REVPACK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* --- xalloc.c: out of memory prints a message and exits (status 3). --- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: p resized to n * size bytes, overflow checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
NORETURN void xdie_oom(void);
/* mem_trim: freed memory back to the system (glibc's malloc_trim; nothing
 * in a sanitizer build). */
void mem_trim(void);

/* Grow *p (an array of *cap elements of size `size`) so that it holds at
 * least `need` elements; doubles. */
void xgrow(void **p, size_t *cap, size_t need, size_t size);
#define XGROW(p, cap, need) xgrow((void **)&(p), &(cap), (need), sizeof(*(p)))

/* --- arena (xalloc.c): bump allocation freed all at once. The model, the
 * YAML trees and the layout's display lists live in arenas, so their
 * owners free one thing. Not thread-safe: one arena per owner. --- */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);               /* NULL is a no-op */
void *arena_alloc(struct arena *a, size_t n);   /* zeroed, 16-aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* --- buf.c: a growable byte buffer, always NUL-terminated. --- */
struct buf {
	char *p;       /* NUL-terminated; NULL until the first write */
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_free(struct buf *b);                   /* frees p, resets */
void buf_reset(struct buf *b);                  /* len = 0, keeps memory */
void buf_put(struct buf *b, const void *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, int c);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* buf_detach: hands over p (caller frees) and resets b. Never NULL. */
char *buf_detach(struct buf *b, size_t *len);

/* --- strtab.c: string -> int hash table (open addressing, FNV-1a).
 * Keys are borrowed: they must outlive the table. With fold_case, ASCII
 * letters compare case-insensitively (used for level labels and for ids
 * that differ only in case). --- */
struct strtab;
struct strtab *strtab_new(int fold_case);
void strtab_free(struct strtab *t);             /* NULL is a no-op */
/* strtab_put: maps key -> val. Returns the value already there (and keeps
 * it) or -1 when the key was new. */
int strtab_put(struct strtab *t, const char *key, size_t len, int val);
/* strtab_set: the value of a key already in t becomes val (a key not in
 * t is left out). */
void strtab_set(struct strtab *t, const char *key, size_t len, int val);
/* strtab_get: the value, or -1. */
int strtab_get(const struct strtab *t, const char *key, size_t len);
int strtab_gets(const struct strtab *t, const char *key);
size_t strtab_count(const struct strtab *t);

/* --- file.c --- */
/* file_open: the regular file at path opened for reading ("rb"), its
 * size in *size (when not NULL); never blocks on a FIFO. NULL when it
 * cannot be opened (errno set, *why NULL) or is not a regular file (*why
 * says what it is: "a folder", "a named pipe (FIFO)", ...). */
FILE *file_open(const char *path, long long *size, const char **why);

/* --- uni.c (ICU) --- */
/* uni_fold: s[0..n) folded for comparison (Unicode NFKC with case folding,
 * invisible format characters removed) into out (reset first): 1, or 0
 * when s is not UTF-8 (out undefined). */
int uni_fold(const char *s, size_t n, struct buf *out);
/* uni_nfc: s[0..n) (valid UTF-8) in Unicode NFC, the one form revpack
 * keeps text in (so that composed and decomposed input compare, measure
 * and print alike). 0 when s is NFC already (text below U+0300 is
 * known to be without calling ICU); else 1 and the NFC text in out
 * (reset first). */
int uni_nfc(const char *s, size_t n, struct buf *out);
/* uni_casefold: s[0..n) with full Unicode case folding, then NFC, into
 * out (reset first): "Ärzte" and "ÄRZTE" fold alike. 1, or 0
 * when s is not UTF-8. */
int uni_casefold(const char *s, size_t n, struct buf *out);
/* uni_skeleton: the confusable skeleton of s[0..n) (Unicode TR 39): two
 * texts that look alike have the same one. 1, or 0 on failure. */
int uni_skeleton(const char *s, size_t n, struct buf *out);
/* uni_ignorable: cp is a default-ignorable code point (ZWJ, ZWNJ,
 * variation selectors, bidi controls, soft hyphen...): kept in the text,
 * never drawn. */
int uni_ignorable(uint32_t cp);
/* uni_ignorable_ranges: the default-ignorable code points as at most max
 * ranges [lo, hi] into out; returns how many (Unicode 15 has 18). */
size_t uni_ignorable_ranges(uint32_t (*out)[2], size_t max);
/* uni_script: cp's script (an ICU UScriptCode; Inherited counts as
 * Common); uni_script_name: its English name ("Devanagari");
 * uni_is_common_script: Common or Inherited (digits, punctuation, marks),
 * which belong to no one script. */
int uni_script(uint32_t cp);
const char *uni_script_name(int script);
int uni_is_common_script(int script);
/* uni_char_name: "U+0441 CYRILLIC SMALL LETTER ES" (or just "U+0441")
 * into out; returns out. */
const char *uni_char_name(uint32_t cp, char *out, size_t size);
/* uni_breaker_new: the line and cluster break iterators of one thread
 * (a layout engine has one; they are reused text after text); free with
 * uni_breaker_free (NULL is a no-op). */
struct uni_breaker *uni_breaker_new(void);
void uni_breaker_free(struct uni_breaker *b);
/* uni_line_breaks: the byte offsets of s[0..len) (valid UTF-8) where a
 * line may start, ascending, 0 left out, len the last (none when len is
 * 0), into out (room for len); returns how many. UAX #14 by ICU (root
 * locale: strict Chinese and Japanese rules; dictionaries for Thai, Lao,
 * Khmer and Burmese), except between two Hangul characters: Korean
 * breaks between words only. A '\n' ends a line: the offset after it is
 * always there. */
size_t uni_line_breaks(struct uni_breaker *b, const char *s, size_t len,
    size_t *out);
/* uni_cluster_breaks: the same for the ends of grapheme clusters
 * (UAX #29: a letter with its marks, an emoji sequence, a flag). */
size_t uni_cluster_breaks(struct uni_breaker *b, const char *s, size_t len,
    size_t *out);

/* --- str.c: small string helpers. --- */
int str_eq(const char *a, const char *b);               /* NULLs equal */
int str_casecmp_ascii(const char *a, const char *b);
/* str_fold: s[0..n) for comparison, into b (reset first; b->p is never
 * NULL): trimmed, each run of white space one space, ASCII letters
 * lowered, and text beyond ASCII also case-folded and normalised
 * (uni_fold): "ZOË  Brontë" and a decomposed "zoë brontë" fold alike. */
void str_fold(struct buf *b, const char *s, size_t n);
/* str_eq_fold: s[0..n) equals the C string a, ASCII case ignored. */
int str_eq_fold(const char *a, const char *s, size_t n);
/* str_trim: s[0..*n) without its leading and trailing spaces and tabs
 * (*s moved forward, *n shortened), as a CSV cell is read. */
void str_trim(const char **s, size_t *n);
/* Edit distance (bytes) between a and b, capped: returns cap+1 as soon as
 * the distance exceeds cap. For "did you mean" suggestions. */
int str_distance(const char *a, const char *b, int cap);
/* The candidate nearest to s, or NULL when none is close enough (one edit
 * for words of up to 3 bytes, else at most max(2, strlen(s)/3)). */
const char *str_suggest(const char *s, const char *const *cands, size_t n);
/* utf8_valid: 1 when s[0..n) is well-formed UTF-8 without NUL bytes;
 * else 0 and *bad (when not NULL) is the byte offset of the problem. */
int utf8_valid(const char *s, size_t n, size_t *bad);
/* utf8_next: decodes the code point at s (valid UTF-8 assumed), returns
 * its byte length (>= 1). */
int utf8_next(const char *s, size_t n, uint32_t *cp);
/* utf8_put: appends code point cp (at most U+10FFFF) to b as UTF-8. */
void utf8_put(struct buf *b, uint32_t cp);
/* utf8_count: number of code points. */
size_t utf8_count(const char *s, size_t n);
/* Strict number parsing of a whole string (leading/trailing spaces not
 * allowed): 1 on success. */
int parse_double(const char *s, size_t n, double *out);
int parse_long(const char *s, size_t n, long *out);
/* parse_datetime: a date and time as one number that orders them: ISO
 * "2026-03-04[ T]13:45[:00]", "3/4/2026 1:45:00 PM" (month first, as
 * Google Forms and US Excel write it; day first when the first number is
 * above 12, or with dots: "04.03.2026 13:45"), "2026/05/30 6:26:23 PM".
 * A missing time or seconds count as 0. 1, or 0 when s is none of these. */
int parse_datetime(const char *s, size_t n, double *out);
/* parse_leading_number: the number that starts an answer such as "4 -
 * Advanced proficiency", "4 – Exceeds", "4: Good" or "4. Good" (a number,
 * then a dash, colon, full stop or parenthesis, then text), in *out: 1,
 * else 0. */
int parse_leading_number(const char *s, size_t n, double *out);
/* Fixed-point rounding (revpack.1, SCORING): round half away from zero to 2
 * decimals, after moving x by 1e-9 away from zero. NAN stays NAN. */
double round2(double x);
/* fmt_num: x with at most 2 decimals and no trailing zeros ("3", "3.5",
 * "3.25"), into out (>= 32 bytes). NAN gives "". */
const char *fmt_num(double x, char *out, size_t size);

#endif
