/* test_sha256.c: SHA-256 against the FIPS 180-4 examples (NIST's
 * "Cryptographic Standards and Guidelines: Examples with Intermediate
 * Values") and against split updates, in both block functions: the
 * portable one (forced with sha256_portable) and, on a CPU with SHA
 * instructions, the one using them; and the two against each other on
 * random data. */
#include <stdlib.h>

#include "check.h"
#include "sha256.h"

#define NELEM_(a) (sizeof (a) / sizeof (a)[0])

static void
test_fips_abc(void)
{
	char h[65];

	sha256_hex("abc", 3, h);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}

static void
test_fips_two_blocks(void)
{
	static const char m[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char h[65];

	sha256_hex(m, sizeof m - 1, h);
	CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
}

static void
test_empty(void)
{
	char h[65];

	sha256_hex("", 0, h);
	CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
}

/* One million "a" (FIPS 180-2 appendix B.3), fed in uneven pieces so
 * that the partial-block path is exercised. */
static void
test_million_a_in_pieces(void)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char dg[32];
	char h[65], *a = malloc(1000000);
	struct sha256 s;
	size_t off = 0, step = 1;
	int i;

	CHECK(a != NULL);
	memset(a, 'a', 1000000);
	sha256_init(&s);
	while (off < 1000000) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;

		sha256_update(&s, a + off, n);
		off += n;
		step = step * 7 % 131 + 1;
	}
	sha256_final(&s, dg);
	free(a);
	for (i = 0; i < 32; i++) {
		h[2 * i] = hex[dg[i] >> 4];
		h[2 * i + 1] = hex[dg[i] & 15];
	}
	h[64] = '\0';
	CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundary (55, 56, 63, 64 bytes) agree
 * between a one-shot and a byte-by-byte digest, and differ from each
 * other. */
static void
test_padding_boundaries(void)
{
	static const size_t lens[] = { 55, 56, 57, 63, 64, 65, 119, 120 };
	char m[128], one[65], prev[65] = "";
	size_t i, j;

	memset(m, 'x', sizeof m);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		struct sha256 s;
		unsigned char dg[32];
		char h2[65];
		static const char hex[] = "0123456789abcdef";

		sha256_hex(m, lens[i], one);
		sha256_init(&s);
		for (j = 0; j < lens[i]; j++)
			sha256_update(&s, m + j, 1);
		sha256_final(&s, dg);
		for (j = 0; j < 32; j++) {
			h2[2 * j] = hex[dg[j] >> 4];
			h2[2 * j + 1] = hex[dg[j] & 15];
		}
		h2[64] = '\0';
		CHECK_STR(one, h2);
		CHECK(strcmp(one, prev) != 0);
		memcpy(prev, one, sizeof prev);
	}
	/* 56 bytes of "abcdbcde..." is the two-block case above; 64 "a"s: */
	memset(m, 'a', 64);
	sha256_hex(m, 64, one);
	CHECK_STR(one, "ffe054fe7ae0cb6dc65c3af9b61d5209"
	    "f439851db43d0ba5997337df154668eb");
}

/* digest: data's digest as hex, through the portable code or the
 * default (the CPU's SHA instructions where it has them), in pieces of
 * `step` bytes (0: one update). */
static void
digest(const void *data, size_t len, int portable, size_t step,
    char out[65])
{
	const unsigned char *p = data;
	unsigned char dg[32];
	struct sha256 s;
	size_t off = 0;

	sha256_init(&s);
	if (portable)
		sha256_portable(&s);
	while (off < len) {
		size_t n = step == 0 || step > len - off ? len - off : step;

		sha256_update(&s, p + off, n);
		off += n;
	}
	sha256_final(&s, dg);
	sha256_tohex(dg, out);
}

/* The FIPS examples again, through both block functions. */
static void
test_both_paths_fips(void)
{
	static const struct {
		const char *m, *h;
	} v[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223"
		    "b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    "248d6a61d20638b8e5c026930c3e6039"
		    "a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		    "cf5b16a778af8380036ce59e7b049237"
		    "0b249b11e8f07a51afac45037afee9d1" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb924"
		    "27ae41e4649b934ca495991b7852b855" },
	};
	char h[65];
	size_t i;
	int portable;

	for (portable = 0; portable < 2; portable++)
		for (i = 0; i < sizeof v / sizeof v[0]; i++) {
			digest(v[i].m, strlen(v[i].m), portable, 0, h);
			CHECK_STR(h, v[i].h);
			digest(v[i].m, strlen(v[i].m), portable, 3, h);
			CHECK_STR(h, v[i].h);
		}
}

static void
test_both_paths_million_a(void)
{
	char h[65], *a = malloc(1000000);
	int portable;

	CHECK(a != NULL);
	memset(a, 'a', 1000000);
	for (portable = 0; portable < 2; portable++) {
		digest(a, 1000000, portable, 0, h);
		if (strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67"
		    "f1809a48a497200e046d39ccc7112cd0") != 0)
			break;
	}
	free(a);
	CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}

/* Random data of every length up to 300 bytes and some long ones, in one
 * piece and in uneven pieces: both block functions agree. */
static void
test_paths_agree_on_random_data(void)
{
	static const size_t longer[] = { 1000, 4096, 65535, 65536, 100001 };
	unsigned char *m = malloc(100001);
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	char a[65], b[65], c[65];
	size_t i, len;
	int bad = 0;

	CHECK(m != NULL);
	for (i = 0; i < 100001; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		m[i] = (unsigned char)(x >> 32);
	}
	for (len = 0; len < 300 + NELEM_(longer) && !bad; len++) {
		size_t n = len < 300 ? len : longer[len - 300];

		digest(m + len % 7, n < 100001 - 7 ? n : n - 7, 1, 0, a);
		digest(m + len % 7, n < 100001 - 7 ? n : n - 7, 0, 0, b);
		digest(m + len % 7, n < 100001 - 7 ? n : n - 7, 0,
		    len % 97 + 1, c);
		bad = strcmp(a, b) != 0 || strcmp(a, c) != 0;
	}
	free(m);
	CHECK(!bad);
}

int
main(void)
{
	RUN(test_fips_abc);
	RUN(test_fips_two_blocks);
	RUN(test_empty);
	RUN(test_million_a_in_pieces);
	RUN(test_padding_boundaries);
	RUN(test_both_paths_fips);
	RUN(test_both_paths_million_a);
	RUN(test_paths_agree_on_random_data);
	printf("# sha256: %s\n", sha256_hw() ? "SHA instructions used "
	    "(portable code forced where tested)" : "portable code only");
	return CHECK_EXIT();
}
