/* freedompay core: joining and hashing the canonical string. */
#include "fp_sign.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---------------------------------------------------------------------
 * OpenSSL's MD5
 * ------------------------------------------------------------------- */

/*
 * Fetched once: on OpenSSL 3 a per-call lookup costs more than the rest of
 * the signer (EVP_MD objects are safe to share between threads). "-fips":
 * md5 is the protocol's checksum, not a primitive we choose, so a FIPS
 * default must not hide it.
 */
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
static EVP_MD *fp_md5_impl;
#else
static const EVP_MD *fp_md5_impl;
#endif

typedef struct {
	EVP_MD_CTX *ctx;
	bool failed;
} fp_md5_openssl_state;

bool fp_md5_openssl_init(void)
{
	if (fp_md5_impl == NULL) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
		fp_md5_impl = EVP_MD_fetch(NULL, "MD5", "-fips");
#else
		fp_md5_impl = EVP_md5();
#endif
	}
	return fp_md5_impl != NULL;
}

void fp_md5_openssl_shutdown(void)
{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	EVP_MD_free(fp_md5_impl);
#endif
	fp_md5_impl = NULL;
}

static void fp_md5_openssl_begin(void *state)
{
	fp_md5_openssl_state *st = state;

	st->ctx = fp_md5_impl ? EVP_MD_CTX_new() : NULL;
	st->failed = st->ctx == NULL || EVP_DigestInit_ex(st->ctx, fp_md5_impl, NULL) != 1;
}

static void fp_md5_openssl_update(void *state, const void *data, size_t len)
{
	fp_md5_openssl_state *st = state;

	if (!st->failed && EVP_DigestUpdate(st->ctx, data, len) != 1) {
		st->failed = true;
	}
}

static bool fp_md5_openssl_end(void *state, unsigned char digest[16])
{
	fp_md5_openssl_state *st = state;
	unsigned int len = 0;
	bool ok = !st->failed && EVP_DigestFinal_ex(st->ctx, digest, &len) == 1 && len == 16;

	/* EVP_MD_CTX_free() wipes the digest state. */
	EVP_MD_CTX_free(st->ctx);
	st->ctx = NULL;
	return ok;
}

const fp_md5_ops fp_md5_openssl = {
	fp_md5_openssl_begin,
	fp_md5_openssl_update,
	fp_md5_openssl_end,
};

/* ---------------------------------------------------------------------
 * The signer
 * ------------------------------------------------------------------- */

/* Hands the buffered bytes to the digest, starting it on first use. */
static void fp_signer_flush(fp_signer *s)
{
	if (!s->streaming) {
		s->streaming = true;
		s->md5->init(&s->state);
	}
	s->md5->update(&s->state, s->buf, s->len);
	s->len = 0;
}

void fp_signer_put_slow(fp_signer *s, const char *p, size_t n)
{
	while (n > 0) {
		size_t room = FP_SIGN_BUFFER - s->len;
		size_t take = n < room ? n : room;

		memcpy(s->buf + s->len, p, take);
		s->len += take;
		p += take;
		n -= take;
		if (s->len == FP_SIGN_BUFFER) {
			fp_signer_flush(s);
		}
	}
}

void fp_wipe(void *p, size_t n)
{
#if defined(__GNUC__) || defined(__clang__)
	/* memset, then a barrier that makes the zeroed bytes observable, so the
	 * store cannot be optimised away; far cheaper than a byte-wise loop. */
	memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
#else
	OPENSSL_cleanse(p, n);
#endif
}

void fp_signer_abandon(fp_signer *s)
{
	if (s->streaming) {
		unsigned char digest[16];

		(void) s->md5->final(&s->state, digest);
	}
	fp_wipe(s->buf, s->streaming ? FP_SIGN_BUFFER : s->len);
	s->len = 0;
}

/* "000102...ff": the two hex digits of every byte, made by the compiler. */
#define FP_HEX_ROW(h) \
	h "0" h "1" h "2" h "3" h "4" h "5" h "6" h "7" h "8" h "9" h "a" h "b" h "c" h "d" h "e" h "f"
static const char fp_hex_pairs[] = FP_HEX_ROW("0") FP_HEX_ROW("1") FP_HEX_ROW("2") FP_HEX_ROW("3")
	FP_HEX_ROW("4") FP_HEX_ROW("5") FP_HEX_ROW("6") FP_HEX_ROW("7") FP_HEX_ROW("8") FP_HEX_ROW("9")
		FP_HEX_ROW("a") FP_HEX_ROW("b") FP_HEX_ROW("c") FP_HEX_ROW("d") FP_HEX_ROW("e") FP_HEX_ROW("f");

#define FP_DECIMAL_ROW(t) t "0" t "1" t "2" t "3" t "4" t "5" t "6" t "7" t "8" t "9"
const char fp_decimal_pairs[201] =
	FP_DECIMAL_ROW("0") FP_DECIMAL_ROW("1") FP_DECIMAL_ROW("2") FP_DECIMAL_ROW("3") FP_DECIMAL_ROW("4")
		FP_DECIMAL_ROW("5") FP_DECIMAL_ROW("6") FP_DECIMAL_ROW("7") FP_DECIMAL_ROW("8") FP_DECIMAL_ROW("9");

void fp_hex_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(out + 2 * i, fp_hex_pairs + 2 * in[i], 2);
	}
}

/* A digest's 16 bytes as 32 hex digits. With SSE2 (every x86-64 CPU) in a
 * dozen vector operations: each nibble n becomes '0' + n, plus 39 when it
 * is above 9 ('a' - '0' - 10), and the two nibbles of each byte are
 * interleaved high first. */
static void fp_hex_encode_digest(const unsigned char in[16], char out[FP_MD5_HEX_LEN])
{
#if defined(__SSE2__)
	const __m128i low4 = _mm_set1_epi8(0x0f);
	__m128i bytes = _mm_loadu_si128((const __m128i *) in);
	__m128i hi = _mm_and_si128(_mm_srli_epi16(bytes, 4), low4);
	__m128i lo = _mm_and_si128(bytes, low4);
	__m128i nine = _mm_set1_epi8(9), zero = _mm_set1_epi8('0'), gap = _mm_set1_epi8('a' - '0' - 10);

	hi = _mm_add_epi8(_mm_add_epi8(hi, zero), _mm_and_si128(_mm_cmpgt_epi8(hi, nine), gap));
	lo = _mm_add_epi8(_mm_add_epi8(lo, zero), _mm_and_si128(_mm_cmpgt_epi8(lo, nine), gap));
	_mm_storeu_si128((__m128i *) out, _mm_unpacklo_epi8(hi, lo));
	_mm_storeu_si128((__m128i *) (out + 16), _mm_unpackhi_epi8(hi, lo));
#else
	fp_hex_encode(in, 16, out);
#endif
}

bool fp_signer_finish(fp_signer *s, const char *secret, size_t len, char hex[FP_MD5_HEX_LEN + 1])
{
	unsigned char digest[16];
	bool ok;

	fp_signer_add(s, secret, len);
	if (!s->streaming) {
		s->md5->init(&s->state);
	}
	s->md5->update(&s->state, s->buf, s->len);
	ok = s->md5->final(&s->state, digest);
	/* The buffer held the secret (a streamed run may have filled all of it);
	 * final() wiped its own state. */
	fp_wipe(s->buf, s->streaming ? FP_SIGN_BUFFER : s->len);
	s->len = 0;
	if (!ok) {
		hex[0] = '\0';
		return false;
	}
	fp_hex_encode_digest(digest, hex);
	hex[FP_MD5_HEX_LEN] = '\0';
	return true;
}

bool fp_signature_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen) {
		return false;
	}
	return CRYPTO_memcmp(a, b, alen) == 0;
}
