/*
 * freedompay core: writing a signed XML document, the shop's answer to a
 * callback (<response><pg_status>ok</pg_status>...<pg_sig>...</pg_sig>).
 *
 * What is signed is what is sent: the document is written, parsed back
 * with the same hardened parser, and signed by the same checkXML rule the
 * gateway verifies with, so no escaping or normalisation can make the two
 * disagree.
 */
#ifndef FP_XMLOUT_H
#define FP_XMLOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "fp_error.h"
#include "fp_sign.h"

typedef struct {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
} fp_xml_field;

/* A name we write as an element: a letter or "_", then letters, digits,
 * "_" or "-"; never pg_sig. */
bool fp_xmlout_name_ok(const char *name, size_t len);

/*
 * Writes <?xml ...?><root> with each field as an element, in order, text
 * escaped, then the pg_sig for script and secret. Bytes XML cannot carry
 * (control characters, invalid UTF-8) become U+FFFD. *out is malloc'd and
 * NUL-terminated. False with err set on a bad name or out of memory.
 */
bool fp_xmlout_signed(const char *root, const fp_xml_field *fields, size_t n, const char *script,
	size_t script_len, const char *secret, size_t secret_len, const fp_md5_ops *md5, char **out,
	size_t *out_len, fp_error *err);

/* HMAC-SHA256 of data under key (OpenSSL); false if it failed. */
bool fp_hmac_sha256(const void *key, size_t key_len, const void *data, size_t len, unsigned char out[32]);

#endif
