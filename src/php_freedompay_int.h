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

#include "core/fp_call.h"
#include "core/fp_error.h"
#include "core/fp_http.h"
#include "core/fp_sign.h"

/* The key order of the last request shape signed (see params.c). */
#define FP_SHAPE_MAX 16
typedef struct {
	zend_string *keys[FP_SHAPE_MAX]; /* held, in the array's order */
	uint8_t order[FP_SHAPE_MAX]; /* the sorted order: indexes into keys */
	uint8_t rank[FP_SHAPE_MAX]; /* the inverse: where keys[i] goes when sorted */
	/* In sorted order: each key and the index of its bucket when it was
	 * remembered, where the same array built the same way has it again. */
	zend_string *sorted_keys[FP_SHAPE_MAX];
	uint32_t bucket[FP_SHAPE_MAX];
	uint32_t buckets_used; /* one past the highest of them: fewer used buckets cannot hold them */
	uint32_t n; /* 0: nothing cached */
} fp_shape_cache;

ZEND_BEGIN_MODULE_GLOBALS(freedompay)
	zend_long max_response_size; /* freedompay.max_response_size */
	fp_shape_cache shape;
	bool in_request; /* between our RINIT and RSHUTDOWN: the shape cache may fill */
	void *share; /* the CURLSH clients keep connections in across requests */
	long share_pid; /* the process that made it */
ZEND_END_MODULE_GLOBALS(freedompay)

ZEND_EXTERN_MODULE_GLOBALS(freedompay)
#define FREEDOMPAY_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(freedompay, v)

/* Class entries (exceptions.c, signature.c, client.c). */
extern zend_class_entry *fp_ce_Exception;
extern zend_class_entry *fp_ce_InvalidArgumentException;
extern zend_class_entry *fp_ce_TransportException;
extern zend_class_entry *fp_ce_OutcomeUnknownException;
extern zend_class_entry *fp_ce_SignatureException;
extern zend_class_entry *fp_ce_CallbackMismatchException;
extern zend_class_entry *fp_ce_ApiException;
extern zend_class_entry *fp_ce_Signature;
extern zend_class_entry *fp_ce_Client;
extern zend_class_entry *fp_ce_Callback;

/* Sets the object handlers of FreedomPay\Callback (callback.c). */
void fp_callback_setup_class(zend_class_entry *ce);

/* ---------------------------------------------------------------------
 * client.c: the FreedomPay\Client object
 * ------------------------------------------------------------------- */

/* Releases a secret key string, wiping it if this was the last reference. */
void fp_secret_release(zend_string *secret);

typedef struct {
	zend_string *merchant_id;
	zend_string *secret;
	zend_string *payout_secret; /* NULL unless configured */
	zend_string *base_url; /* no trailing slash */
	zend_string *ca_info; /* NULL: the system's CA store */
	zend_string *user_agent; /* the whole User-Agent header */
	zend_string *proxy; /* NULL: no proxy (the environment is never read) */
	double timeout; /* the whole call, retries and pauses included */
	double connect_timeout;
	zend_long retries; /* extra attempts of a safe read */
	bool testing_mode;
	bool persistent; /* connections outlive the client (the process's share) */
	fp_http *http;
	zend_object std;
} fp_client;

static inline fp_client *fp_client_from_obj(zend_object *obj)
{
	return (fp_client *) ((char *) obj - XtOffsetOf(fp_client, std));
}

#define Z_FP_CLIENT_P(zv) fp_client_from_obj(Z_OBJ_P(zv))

/* Sets the object handlers of FreedomPay\Client. */
void fp_client_setup_class(zend_class_entry *ce);

/* The connections this process keeps between clients and requests (a
 * CURLSH), made on first use; NULL if it cannot be made. */
void *fp_shared_connections(void);
/* Frees it, if this process made it (freedompay.c, at shutdown). */
void fp_shared_connections_free(void);

/* ---------------------------------------------------------------------
 * endpoints.c: one row per gateway endpoint
 * ------------------------------------------------------------------- */

#define FP_EP_PAYOUT_KEY 1u /* signed with the payout secret key */
#define FP_EP_SAFE_READ 2u /* changes nothing: may be retried */
#define FP_EP_CREATES 4u /* creates a payment or payout: pg_order_id is required */
#define FP_EP_TESTING 8u /* testing_mode adds pg_testing_mode=1 */
#define FP_EP_PREFIX 16u /* the row covers every path below its own (request() only) */

typedef struct fp_endpoint fp_endpoint;

/* The row for a path as the rules name it ("{id}" for this merchant), or
 * NULL: an unknown path is treated as a call that moves money. */
const fp_endpoint *fp_endpoint_for_path(const char *path);

/* Checks required fields and field grammar on normalized fields. False
 * with InvalidArgumentException thrown. */
bool fp_endpoint_check_fields(const fp_endpoint *ep, const char *method, HashTable *fields);

unsigned fp_endpoint_flags(const fp_endpoint *ep);

/* The element a reply of this endpoint repeats (a list even of none), or NULL. */
const char *fp_endpoint_list(const fp_endpoint *ep);

/* ---------------------------------------------------------------------
 * call.c: prepare, transfer, outcome
 * ------------------------------------------------------------------- */

typedef struct {
	const char *method; /* for messages: "initPayment", "request" */
	const fp_endpoint *endpoint; /* NULL: an unknown path */
	unsigned flags;
	zend_string *url; /* base_url + "/" + path with the merchant id */
	zend_string *secret; /* the client's, held: a re-run constructor may replace it */
	HashTable *fields; /* what is signed and sent */
	zend_string *order_id; /* pg_order_id, if sent */
	zend_string *payment_id; /* pg_payment_id, if sent */
	smart_str body;
	fp_call core;
	zval exception; /* a failure before sending: its exception (else IS_UNDEF) */
} fp_request;

/* Fills req for path and params (a copy is taken): resolves the path,
 * normalizes and checks the fields, signs them. A failure leaves its
 * exception in req->exception (nothing is thrown). */
void fp_request_prepare(
	fp_request *req, fp_client *c, const char *method, zend_string *path, HashTable *params);
/* Sends every prepared request (at most parallel at once) and leaves each
 * one's outcome in it. */
void fp_request_run(fp_client *c, fp_request **reqs, size_t n, size_t parallel);
/* The outcome: the reply array in result, or an exception object. True for
 * a reply. */
bool fp_request_outcome(fp_request *req, zval *result);
void fp_request_release(fp_request *req);

/* One call: prepare, run, and return the reply or throw. */
void fp_client_call(
	zval *object, const char *method, zend_string *path, HashTable *params, zval *return_value);

/* ---------------------------------------------------------------------
 * exceptions.c
 * ------------------------------------------------------------------- */

/* Throws FreedomPay\InvalidArgumentException with a formatted message. */
void fp_throw_invalid_argument(const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);
/* An exception object (not thrown) of the class that matches a core error. */
void fp_exception_from_error(zval *out, const fp_error *err);
/* OutcomeUnknownException naming the order, else the payment (either may
 * be NULL). */
void fp_exception_outcome_unknown(
	zval *out, const fp_error *err, zend_string *order_id, zend_string *payment_id);
/* ApiException carrying the reply. */
void fp_exception_api(zval *out, const fp_error *err, zval *response);
/* Takes the exception being thrown out of the engine, into out. False
 * (and left thrown) for an exit() or a fatal error, which must unwind. */
bool fp_exception_catch(zval *out);
/* Throws the error's exception. */
void fp_throw_core_error(const fp_error *err);

/* ---------------------------------------------------------------------
 * params.c: PHP's own rules for the gateway's parameters
 * ------------------------------------------------------------------- */

/* PHP's own md5 (the code behind md5()), for fp_signer. */
extern const fp_md5_ops fp_php_md5;

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
 * nested ones. A top-level "pg_sig" is removed before anything else. False
 * with an exception thrown when a value cannot become a string.
 */
bool fp_params_emit(HashTable *params, fp_value_sink *sink);

/*
 * A deep copy of params whose every leaf is a string converted by the same
 * rules (in the order the snippet converts), so that what is signed and
 * what is sent are the same bytes. The top-level pg_sig and empty arrays
 * are left out. NULL with an exception thrown on a bad value, a name a
 * form would rename, or too deep nesting.
 */
HashTable *fp_params_normalize(HashTable *params);
/* The same copy of fields received (a callback's): every name and every
 * empty array is kept, as the sender signed them. */
HashTable *fp_params_snapshot(HashTable *params);

/* Appends params as application/x-www-form-urlencoded, nested arrays in PHP
 * bracket notation. params must be normalized. */
void fp_params_form_encode(HashTable *params, smart_str *out);

/* sign() of a normalized or raw array into hex (33 bytes). False with an
 * exception thrown on failure. */
bool fp_params_sign(const char *script, size_t script_len, HashTable *params, const char *secret,
	size_t secret_len, char *hex);

/* Releases the cached key order (at the end of a request). */
void fp_shape_forget(void);

/* salt(): 32 lowercase hex chars from the CSPRNG; NULL with an exception thrown. */
zend_string *fp_new_salt(void);

/* ---------------------------------------------------------------------
 * reply.c: the gateway's XML as PHP arrays
 * ------------------------------------------------------------------- */

struct fp_xml_node;

/* The reply tree as an array keyed like its XML; repeating elements are lists. */
void fp_reply_to_array(const struct fp_xml_node *root, zval *out);

#endif
