/* sha256.h: SHA-256 (FIPS 180-4) for the manifest's file digests; our own
 * code, so that revpack needs no crypto library for hashing. On x86 CPUs
 * with the SHA extensions the block function uses them (chosen at run
 * time); everywhere else, portable C. Both give the same digests. */
#ifndef REVPACK_SHA256_H
#define REVPACK_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;         /* message length so far */
	unsigned char blk[64];  /* a partial block */
	size_t nblk;
	int hw;                 /* 1: the CPU's SHA instructions */
};

/* sha256_init: a new hash; uses the CPU's SHA instructions when it has
 * them. */
void sha256_init(struct sha256 *s);
/* sha256_portable: makes s (just initialised) use the portable code even
 * where the CPU has SHA instructions (for tests comparing the two). */
void sha256_portable(struct sha256 *s);
/* sha256_hw: 1 when this CPU's SHA instructions are used. */
int sha256_hw(void);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* sha256_final: the 32-byte digest; s must be initialised again before
 * reuse. */
void sha256_final(struct sha256 *s, unsigned char out[32]);
/* sha256_tohex: a digest as 64 lowercase hex digits and a NUL. */
void sha256_tohex(const unsigned char dg[32], char out[65]);
/* sha256_hex: the digest of data as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
