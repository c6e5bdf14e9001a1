/* sha256.c: SHA-256 as FIPS 180-4 section 6.2 defines it: the block
 * function in portable C and, on x86, with the SHA extensions (Intel SHA
 * Extensions, also on AMD since Zen), picked per hash by a CPU check. */
#include <string.h>

#include "sha256.h"

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

/* --- portable C --- */

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))
#define MAJ(a, b, c) (((a) & (b)) | ((c) & ((a) | (b))))
#define BS0(a) (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22))
#define BS1(e) (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25))
#define SS0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define SS1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))

/* One round on the eight working variables, named in their rotated
 * order, so that eight rounds in a row move no values around. */
#define ROUND(a, b, c, d, e, f, g, h, i, j) do {                        \
	uint32_t t1_ = (h) + BS1(e) + CH(e, f, g) + K[(i) + (j)] + w[j]; \
	(d) += t1_;                                                     \
	(h) = t1_ + BS0(a) + MAJ(a, b, c);                              \
} while (0)

/* The next message word w[t] in the ring slot of w[t-16]. */
#define SCHED16(j) (w[j] += SS1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] + \
	SS0(w[((j) + 1) & 15]))

/* blocks_c: n 64-byte blocks into the state (FIPS 180-4, 6.2.2), the
 * message schedule kept in a ring of 16 words. */
static void
blocks_c(uint32_t h[8], const unsigned char *p, size_t n)
{
	uint32_t w[16], a, b, c, d, e, f, g, hh;
	int i;

	for (; n > 0; n--, p += 64) {
		for (i = 0; i < 16; i++)
			w[i] = (uint32_t)p[4 * i] << 24 |
			    (uint32_t)p[4 * i + 1] << 16 |
			    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
		a = h[0]; b = h[1]; c = h[2]; d = h[3];
		e = h[4]; f = h[5]; g = h[6]; hh = h[7];
		for (i = 0; i < 64; i += 16) {
			if (i > 0) {
				SCHED16(0); SCHED16(1); SCHED16(2); SCHED16(3);
				SCHED16(4); SCHED16(5); SCHED16(6); SCHED16(7);
				SCHED16(8); SCHED16(9); SCHED16(10); SCHED16(11);
				SCHED16(12); SCHED16(13); SCHED16(14); SCHED16(15);
			}
			ROUND(a, b, c, d, e, f, g, hh, i, 0);
			ROUND(hh, a, b, c, d, e, f, g, i, 1);
			ROUND(g, hh, a, b, c, d, e, f, i, 2);
			ROUND(f, g, hh, a, b, c, d, e, i, 3);
			ROUND(e, f, g, hh, a, b, c, d, i, 4);
			ROUND(d, e, f, g, hh, a, b, c, i, 5);
			ROUND(c, d, e, f, g, hh, a, b, i, 6);
			ROUND(b, c, d, e, f, g, hh, a, i, 7);
			ROUND(a, b, c, d, e, f, g, hh, i, 8);
			ROUND(hh, a, b, c, d, e, f, g, i, 9);
			ROUND(g, hh, a, b, c, d, e, f, i, 10);
			ROUND(f, g, hh, a, b, c, d, e, i, 11);
			ROUND(e, f, g, hh, a, b, c, d, i, 12);
			ROUND(d, e, f, g, hh, a, b, c, i, 13);
			ROUND(c, d, e, f, g, hh, a, b, i, 14);
			ROUND(b, c, d, e, f, g, hh, a, i, 15);
		}
		h[0] += a; h[1] += b; h[2] += c; h[3] += d;
		h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
	}
}

/* --- x86 SHA extensions --- */

#ifdef SHA256_X86

/* Four rounds: the message words w (four at a time) plus their
 * constants; rnds2 does two rounds on the ABEF/CDGH halves of the
 * state. */
#define RNDS4(w, k) do {                                                \
	__m128i m_ = _mm_add_epi32(w,                                   \
	    _mm_loadu_si128((const __m128i *)(const void *)(k)));       \
	s1 = _mm_sha256rnds2_epu32(s1, s0, m_);                         \
	m_ = _mm_shuffle_epi32(m_, 0x0E);                               \
	s0 = _mm_sha256rnds2_epu32(s0, s1, m_);                         \
} while (0)

/* The next four message words into a (which held w[t-16..t-13]), from
 * b = w[t-12..t-9], c = w[t-8..t-5], d = w[t-4..t-1]. */
#define SCHED(a, b, c, d)                                               \
	((a) = _mm_sha256msg2_epu32(_mm_add_epi32(                      \
	    _mm_sha256msg1_epu32(a, b), _mm_alignr_epi8(d, c, 4)), d))

#define LOADW(i)                                                        \
	_mm_shuffle_epi8(_mm_loadu_si128(                               \
	    (const __m128i *)(const void *)(p + 16 * (i))), bswap)

/* blocks_x86: blocks_c with the SHA instructions. The state is kept as
 * ABEF and CDGH, as sha256rnds2 wants it. */
__attribute__((target("sha,sse4.1,ssse3")))
static void
blocks_x86(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
	    0x0405060700010203ULL);
	__m128i s0, s1, t, w0, w1, w2, w3, save0, save1;
	int r;

	t = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
	s1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
	t = _mm_shuffle_epi32(t, 0xB1);                 /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);               /* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);                 /* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0);              /* CDGH */
	for (; n > 0; n--, p += 64) {
		save0 = s0;
		save1 = s1;
		w0 = LOADW(0);
		RNDS4(w0, &K[0]);
		w1 = LOADW(1);
		RNDS4(w1, &K[4]);
		w2 = LOADW(2);
		RNDS4(w2, &K[8]);
		w3 = LOADW(3);
		RNDS4(w3, &K[12]);
		for (r = 16; r < 64; r += 16) {
			SCHED(w0, w1, w2, w3);
			RNDS4(w0, &K[r]);
			SCHED(w1, w2, w3, w0);
			RNDS4(w1, &K[r + 4]);
			SCHED(w2, w3, w0, w1);
			RNDS4(w2, &K[r + 8]);
			SCHED(w3, w0, w1, w2);
			RNDS4(w3, &K[r + 12]);
		}
		s0 = _mm_add_epi32(s0, save0);
		s1 = _mm_add_epi32(s1, save1);
	}
	t = _mm_shuffle_epi32(s0, 0x1B);                /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);               /* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xF0);              /* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);                 /* HGFE */
	_mm_storeu_si128((__m128i *)(void *)&h[0], s0);
	_mm_storeu_si128((__m128i *)(void *)&h[4], s1);
}

/* cpu_has_sha: the SHA extensions with SSSE3 and SSE4.1, which the code
 * above also uses. GCC reads the CPU model libgcc recorded at start-up
 * (no CPUID per call); clang's __builtin_cpu_supports does not know
 * "sha", so it asks CPUID. */
static int
cpu_has_sha(void)
{
#if defined(__clang__)
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) ||
	    !(c & bit_SSE4_1))
		return 0;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
#else
	return __builtin_cpu_supports("sha") &&
	    __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("sse4.1");
#endif
}

#else

static int
cpu_has_sha(void)
{
	return 0;
}

#endif

static void
blocks(struct sha256 *s, const unsigned char *p, size_t n)
{
#ifdef SHA256_X86
	if (s->hw) {
		blocks_x86(s->h, p, n);
		return;
	}
#endif
	blocks_c(s->h, p, n);
}

/* --- the hash --- */

int
sha256_hw(void)
{
	return cpu_has_sha();
}

void
sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(s->h, h0, sizeof h0);
	s->bytes = 0;
	s->nblk = 0;
	s->hw = cpu_has_sha();
}

void
sha256_portable(struct sha256 *s)
{
	s->hw = 0;
}

void
sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->bytes += len;
	if (s->nblk > 0) {
		size_t take = 64 - s->nblk < len ? 64 - s->nblk : len;

		memcpy(s->blk + s->nblk, p, take);
		s->nblk += take;
		p += take;
		len -= take;
		if (s->nblk < 64)
			return;
		blocks(s, s->blk, 1);
		s->nblk = 0;
	}
	if (len >= 64) {
		blocks(s, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	memcpy(s->blk, p, len);
	s->nblk = len;
}

void
sha256_final(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->bytes * 8;
	unsigned char pad[72];
	size_t npad = (s->nblk < 56 ? 56 : 120) - s->nblk;
	int i;

	memset(pad, 0, sizeof pad);
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[npad + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, pad, npad + 8);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void
sha256_tohex(const unsigned char dg[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[dg[i] >> 4];
		out[2 * i + 1] = hex[dg[i] & 15];
	}
	out[64] = '\0';
}

void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char dg[32];
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, dg);
	sha256_tohex(dg, out);
}
