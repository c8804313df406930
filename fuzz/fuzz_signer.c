/*
 * libFuzzer target: the signer's buffering. Signing streams the canonical
 * string through a 1 kB buffer into md5, writing integers in place; this
 * checks it against the plain definition, md5 of "script;v1;...;vn;secret"
 * joined in memory first (OpenSSL's one-shot digest).
 *
 * The input is split at NUL bytes: the first piece is the script name, the
 * last the secret, those between the values. A value that starts with 0x01
 * and has 8 more bytes is instead an integer (those bytes, little-endian),
 * added with fp_signer_add_long and written in decimal for the reference.
 *
 * Built and run by tools/fuzz.sh.
 */
#define _GNU_SOURCE /* memrchr */
#include "../src/core/fp_sign.h"
#include "fuzz_init.h"

#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long read_long(const uint8_t *p)
{
	unsigned long long u = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		u = (u << 8) | p[i];
	}
	return (long long) u;
}

static void reference_hex(const char *joined, size_t len, char hex[FP_MD5_HEX_LEN + 1])
{
	unsigned char digest[16];
	unsigned int digest_len = 0;

	if (EVP_Digest(joined, len, digest, &digest_len, EVP_md5(), NULL) != 1 || digest_len != 16) {
		abort();
	}
	fp_hex_encode(digest, 16, hex);
	hex[FP_MD5_HEX_LEN] = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *) data, *end = p + size, *script = p, *secret;
	const char *stop = memchr(p, '\0', size);
	size_t script_len, secret_len;
	char *joined, ours[FP_MD5_HEX_LEN + 1], theirs[FP_MD5_HEX_LEN + 1];
	size_t joined_len = 0;
	fp_signer signer;

	if (stop == NULL) {
		return 0;
	}
	script_len = (size_t) (stop - script);
	secret = memrchr(p, '\0', size);
	secret++;
	secret_len = (size_t) (end - secret);
	/* Every piece grows by at most 21 bytes (";" and a 20-digit integer). */
	joined = malloc(size * 22 + 2);
	if (joined == NULL) {
		return 0;
	}
	memcpy(joined, script, script_len);
	joined_len = script_len;
	fp_signer_begin(&signer, &fp_md5_openssl, script, script_len);
	for (p = stop + 1; p < secret; p = stop + 1) {
		const char *value = p;
		size_t len;

		stop = memchr(p, '\0', (size_t) (secret - p));
		len = (size_t) (stop - value);
		if (len == 9 && value[0] == '\x01') {
			long long v = read_long((const uint8_t *) value + 1);

			fp_signer_add_long(&signer, v);
			joined_len += (size_t) sprintf(joined + joined_len, ";%lld", v);
		} else {
			fp_signer_add(&signer, value, len);
			joined[joined_len++] = ';';
			memcpy(joined + joined_len, value, len);
			joined_len += len;
		}
	}
	joined[joined_len++] = ';';
	memcpy(joined + joined_len, secret, secret_len);
	joined_len += secret_len;
	if (!fp_signer_finish(&signer, secret, secret_len, ours)) {
		abort();
	}
	reference_hex(joined, joined_len, theirs);
	if (memcmp(ours, theirs, sizeof(ours)) != 0) {
		abort();
	}
	free(joined);
	return 0;
}
