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

void fp_signer_begin(fp_signer *s, const fp_md5_ops *md5, const char *script, size_t len);
void fp_signer_put_slow(fp_signer *s, const char *p, size_t n);

static inline void fp_signer_put(fp_signer *s, const char *p, size_t n)
{
	if (n <= FP_SIGN_BUFFER - s->len) {
		memcpy(s->buf + s->len, p, n);
		s->len += n;
	} else {
		fp_signer_put_slow(s, p, n);
	}
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
