/*
 * freedompay core: the gateway's signature.
 *
 * pg_sig = md5("script;value1;...;valueN;secret"). The binding decides the
 * order of the values (PHP's ksort rules) and how each becomes a string
 * (PHP's implode rules); this module only joins and hashes, streaming the
 * pieces through one stack buffer so no joined copy is ever allocated.
 */
#ifndef FP_SIGN_H
#define FP_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FP_MD5_HEX_LEN 32
/* Large enough for a typical request in one piece; bigger ones stream. */
#define FP_SIGN_BUFFER 1024
/* Room for any md5 implementation's context. */
#define FP_MD5_STATE_SIZE 256

/*
 * An md5 implementation. The PHP binding passes PHP's own (the code behind
 * md5(), the floor signing is measured against: OpenSSL's EVP layer costs
 * ~30 ns more per call on OpenSSL 3). Standalone users of the core (unit
 * tests, fuzzers) pass fp_md5_openssl.
 */
typedef struct {
	void (*init)(void *state);
	void (*update)(void *state, const void *data, size_t len);
	/* Must leave no trace of the input in state (it held the secret). */
	bool (*final)(void *state, unsigned char digest[16]);
} fp_md5_ops;

/* OpenSSL's MD5, fetched once by fp_md5_openssl_init(). */
extern const fp_md5_ops fp_md5_openssl;
bool fp_md5_openssl_init(void);
void fp_md5_openssl_shutdown(void);

typedef struct {
	const fp_md5_ops *md5;
	size_t len;
	bool streaming; /* the buffer overflowed once: the digest is running */
	union {
		unsigned char bytes[FP_MD5_STATE_SIZE];
		uint64_t align;
		void *ptr;
	} state;
	unsigned char buf[FP_SIGN_BUFFER];
} fp_signer;

void fp_signer_put_slow(fp_signer *s, const char *p, size_t n);

/* memcpy for the short pieces (up to 32 bytes) a request is made of,
 * without a call: the first and last bytes of each piece as overlapping
 * fixed-size moves. */
static inline void fp_copy_short(unsigned char *d, const char *s, size_t n)
{
	uint64_t a, b, c, e;
	uint32_t x, y;

	if (n >= 8 && n <= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
	} else if (n > 16 && n <= 32) {
		memcpy(&a, s, 8);
		memcpy(&b, s + 8, 8);
		memcpy(&c, s + n - 16, 8);
		memcpy(&e, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + 8, &b, 8);
		memcpy(d + n - 16, &c, 8);
		memcpy(d + n - 8, &e, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(d, &x, 4);
		memcpy(d + n - 4, &y, 4);
	} else if (n > 0 && n < 4) {
		d[0] = (unsigned char) s[0];
		d[n / 2] = (unsigned char) s[n / 2];
		d[n - 1] = (unsigned char) s[n - 1];
	}
}

static inline void fp_signer_put(fp_signer *s, const char *p, size_t n)
{
	if (n <= 32 && n <= FP_SIGN_BUFFER - s->len) {
		fp_copy_short(s->buf + s->len, p, n);
		s->len += n;
	} else if (n <= FP_SIGN_BUFFER - s->len) {
		memcpy(s->buf + s->len, p, n);
		s->len += n;
	} else {
		fp_signer_put_slow(s, p, n);
	}
}

static inline void fp_signer_begin(fp_signer *s, const fp_md5_ops *md5, const char *script, size_t len)
{
	s->md5 = md5;
	s->len = 0;
	s->streaming = false;
	fp_signer_put(s, script, len);
}

/* Appends ";" and one value. */
static inline void fp_signer_add(fp_signer *s, const char *value, size_t len)
{
	if (s->len < FP_SIGN_BUFFER) {
		s->buf[s->len++] = ';';
	} else {
		fp_signer_put_slow(s, ";", 1);
	}
	fp_signer_put(s, value, len);
}

/* "00" to "99": two decimal digits written per division. */
extern const char fp_decimal_pairs[201];

/* How many decimal digits u has. */
static inline unsigned fp_decimal_digits(unsigned long long u)
{
	unsigned digits = 1;

	while (u >= 10000) {
		u /= 10000;
		digits += 4;
	}
	return digits + (u >= 10) + (u >= 100) + (u >= 1000);
}

/* Writes ";" and the decimal digits of v at p, right to left into their
 * place (no temporary: reading a just-written temporary back in wide moves
 * stalls the CPU); returns the end. Needs FP_SIGN_LONG_MAX bytes of room. */
#define FP_SIGN_LONG_MAX 21
static inline unsigned char *fp_put_long(unsigned char *p, long long v)
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long) v : (unsigned long long) v;
	unsigned char *end;

	*p++ = ';';
	if (v < 0) {
		*p++ = '-';
	}
	end = p + fp_decimal_digits(u);
	p = end;
	while (u >= 100) {
		p -= 2;
		memcpy(p, fp_decimal_pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, fp_decimal_pairs + 2 * u, 2);
	} else {
		p[-1] = (unsigned char) ('0' + u);
	}
	return end;
}

/* Writes ";" and n bytes of value at p; returns the end. */
static inline unsigned char *fp_put_value(unsigned char *p, const char *value, size_t n)
{
	*p++ = ';';
	if (n <= 32) {
		fp_copy_short(p, value, n);
	} else {
		memcpy(p, value, n);
	}
	return p + n;
}

/*
 * For a caller that knows an upper bound on what it will add: where to
 * write when n more bytes fit in the buffer, else NULL (then add piece by
 * piece). fp_signer_wrote() records how far the caller wrote.
 */
static inline unsigned char *fp_signer_room(fp_signer *s, size_t n)
{
	return n <= FP_SIGN_BUFFER - s->len ? s->buf + s->len : NULL;
}

static inline void fp_signer_wrote(fp_signer *s, const unsigned char *end)
{
	s->len = (size_t) (end - s->buf);
}

/* Appends ";" and the decimal digits of v. */
static inline void fp_signer_add_long(fp_signer *s, long long v)
{
	unsigned char *p = fp_signer_room(s, FP_SIGN_LONG_MAX);

	if (p != NULL) {
		fp_signer_wrote(s, fp_put_long(p, v));
	} else {
		unsigned char tmp[FP_SIGN_LONG_MAX];
		unsigned char *end = fp_put_long(tmp, v);

		fp_signer_put_slow(s, (const char *) tmp, (size_t) (end - tmp));
	}
}

/*
 * Appends ";" and the secret, writes 32 lowercase hex digits and a NUL to
 * hex, and wipes the buffer (it held the secret).
 * False if the md5 implementation failed.
 */
bool fp_signer_finish(fp_signer *s, const char *secret, size_t len, char hex[FP_MD5_HEX_LEN + 1]);

/* Wipes a signer that will not be finished. */
void fp_signer_abandon(fp_signer *s);

void fp_hex_encode(const unsigned char *in, size_t n, char *out);

/* Zeroes memory that held a secret, in a way the compiler cannot drop. */
void fp_wipe(void *p, size_t n);

/* Constant-time for equal lengths; different lengths are simply unequal. */
bool fp_signature_equal(const char *a, size_t alen, const char *b, size_t blen);

#endif
