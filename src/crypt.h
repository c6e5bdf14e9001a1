/* crypt.h: --passwords: the passwords file (CSV id,password) and AES-256
 * (PDF R6) encryption of finished PDF bytes through libqpdf. crypt.c is
 * the only libqpdf user. No password ever reaches a message, the
 * manifest or a file other than the encrypted PDF. */
#ifndef REVPACK_CRYPT_H
#define REVPACK_CRYPT_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct passwords;

/* passwords_load: reads FILE (a header row naming the columns "id" and
 * "password", then one row per id; other columns are ignored). Reports,
 * without showing any password: a file readable by group or others
 * (warning), a row without id or password, an id given twice. known:
 * the roster's ids (strtab), for a warning about ids it does not have
 * ("*", the organisation's row, is always known); may be NULL. NULL
 * after an error. Caller frees with passwords_free, which wipes them. */
struct passwords *passwords_load(const char *path,
    const struct strtab *known, struct diag *d);
void passwords_free(struct passwords *pw);      /* NULL is a no-op */
/* passwords_get: the password of id ("*" for the organisation), borrowed,
 * or NULL. */
const char *passwords_get(const struct passwords *pw, const char *id);

/* crypt_warm: sets up libqpdf's process-wide state on the calling thread
 * (one tiny encryption), so that worker threads only ever touch their
 * own qpdf objects. Call once before the workers start. */
void crypt_warm(void);

/* crypt_pdf: the PDF pdf[0..len) encrypted with AES-256 (R6), user and
 * owner password `password`, every permission granted to whoever opens
 * it, appended to out. Each call gives different bytes (random IV and
 * file key). name positions messages. Returns 0, or -1 after reporting. */
int crypt_pdf(const char *pdf, size_t len, const char *password,
    const char *name, struct buf *out, struct diag *d);

#endif
