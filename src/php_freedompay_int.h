/*
 * freedompay binding: declarations shared by the files of src/ (Zend API
 * allowed here; src/core/ never includes this).
 */
#ifndef PHP_FREEDOMPAY_INT_H
#define PHP_FREEDOMPAY_INT_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "core/fp_error.h"
#include "core/fp_sign.h"

ZEND_BEGIN_MODULE_GLOBALS(freedompay)
	zend_long max_response_size; /* freedompay.max_response_size */
ZEND_END_MODULE_GLOBALS(freedompay)

ZEND_EXTERN_MODULE_GLOBALS(freedompay)
#define FREEDOMPAY_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(freedompay, v)

/* Class entries (exceptions.c, signature.c, client.c). */
extern zend_class_entry *fp_ce_Exception;
extern zend_class_entry *fp_ce_InvalidArgumentException;
extern zend_class_entry *fp_ce_TransportException;
extern zend_class_entry *fp_ce_SignatureException;
extern zend_class_entry *fp_ce_ApiException;
extern zend_class_entry *fp_ce_Signature;
extern zend_class_entry *fp_ce_Client;

/* Sets the object handlers of FreedomPay\Client (client.c). */
void fp_client_setup_class(zend_class_entry *ce);

/* Throws FreedomPay\InvalidArgumentException with a formatted message. */
void fp_throw_invalid_argument(const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);
/* Throws the exception class that matches a core error domain. */
void fp_throw_core_error(const fp_error *err);
/* Throws FreedomPay\ApiException carrying the reply. */
void fp_throw_api_error(zend_long code, const char *message, zval *response);

/* PHP's own md5 (the code behind md5()), for fp_signer. */
extern const fp_md5_ops fp_php_md5;

/* params.c: PHP's own rules for the gateway's parameters. */

/* Where a parameter sits in a nested array, for error messages. */
typedef struct fp_key_path {
	const struct fp_key_path *parent;
	zend_string *key; /* NULL for an integer key */
	zend_ulong h;
} fp_key_path;

/* Where ordered values go: an md5 signer, or text for canonical(). */
typedef struct {
	fp_signer *signer;
	smart_str *text;
} fp_value_sink;

/*
 * Emits the values of params in the order the docs' snippet hashes them:
 * ksort() + implode() for flat arrays, makeFlatParamsArray() + ksort() for
 * nested ones. A top-level "pg_sig" is left out. False with an exception
 * thrown when a value cannot become a string.
 */
bool fp_params_emit(HashTable *params, fp_value_sink *sink);

/*
 * A deep copy of params whose every leaf is a string converted by the same
 * rules, so that what is signed and what is sent are the same bytes. NULL
 * with an exception thrown on a bad value or too deep nesting.
 */
HashTable *fp_params_normalize(HashTable *params);

/* Appends params as application/x-www-form-urlencoded, nested arrays in PHP
 * bracket notation. params must be normalized. */
void fp_params_form_encode(HashTable *params, smart_str *out);

/* sign() of a normalized or raw array into hex (33 bytes). False with an
 * exception thrown on failure. */
bool fp_params_sign(const char *script, size_t script_len, HashTable *params, const char *secret,
	size_t secret_len, char *hex);

/* The last path segment of a URL, query and fragment cut off. */
void fp_script_name(const char *url, size_t len, const char **start, size_t *out_len);

/* salt(): 32 lowercase hex chars from the CSPRNG; NULL with an exception thrown. */
zend_string *fp_new_salt(void);

/* reply.c: the gateway's XML replies. */
struct fp_xml_node;

typedef enum {
	FP_REPLY_OK, /* return_value holds the verified reply */
	FP_REPLY_THROWN, /* SignatureException or ApiException thrown */
	FP_REPLY_MALFORMED, /* not a gateway reply; err says why, nothing thrown */
} fp_reply_result;

/* The reply tree as an array keyed like its XML; repeating elements are lists. */
void fp_reply_to_array(const struct fp_xml_node *root, zval *out);

/* Parses body, verifies its pg_sig against script and secret, and returns
 * it as an array; pg_status=error becomes ApiException. */
fp_reply_result fp_reply_handle(const char *body, size_t len, const char *script, size_t script_len,
	const zend_string *secret, const char *url, zval *return_value, fp_error *err);

#endif
