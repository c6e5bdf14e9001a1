/* uni.c: Unicode operations through ICU, its one user: text folded for
 * comparison, so that names and e-mails match however they are typed or
 * exported (case, composed or decomposed accents, compatibility forms,
 * invisible joiners). */
#include <stdlib.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "util.h"

/* to_utf16: s[0..n) as UTF-16 in a malloc'd buffer (*len units); NULL
 * when s is not UTF-8. */
static UChar *
to_utf16(const char *s, size_t n, int32_t *len)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar *u;

	u_strFromUTF8(NULL, 0, len, s, (int32_t)n, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	u = xcalloc((size_t)*len + 1, sizeof(UChar));
	e = U_ZERO_ERROR;
	u_strFromUTF8(u, *len + 1, NULL, s, (int32_t)n, &e);
	if (U_FAILURE(e)) {
		free(u);
		return NULL;
	}
	return u;
}

int
uni_fold(const char *s, size_t n, struct buf *out)
{
	const UNormalizer2 *nf;
	UErrorCode e = U_ZERO_ERROR;
	UChar *u, *f = NULL;
	int32_t len, flen = 0, blen;
	int ok = 0;

	if (n > (1u << 20))
		return 0;
	nf = unorm2_getNFKCCasefoldInstance(&e);
	u = to_utf16(s, n, &len);
	if (U_FAILURE(e) || u == NULL)
		goto done;
	flen = unorm2_normalize(nf, u, len, NULL, 0, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		goto done;
	e = U_ZERO_ERROR;
	f = xcalloc((size_t)flen + 1, sizeof(UChar));
	unorm2_normalize(nf, u, len, f, flen + 1, &e);
	if (U_FAILURE(e))
		goto done;
	u_strToUTF8(NULL, 0, &blen, f, flen, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		goto done;
	e = U_ZERO_ERROR;
	buf_reset(out);
	buf_put(out, "", 0);
	{
		char *b = xmalloc((size_t)blen + 1);

		u_strToUTF8(b, blen + 1, NULL, f, flen, &e);
		if (!U_FAILURE(e)) {
			buf_put(out, b, (size_t)blen);
			ok = 1;
		}
		free(b);
	}
done:
	free(u);
	free(f);
	return ok;
}
