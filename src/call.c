/*
 * freedompay binding: the pipeline of a call.
 *
 *   prepare   path → endpoint row, URL, key; params → normalized fields,
 *             checked, completed (merchant, salt), signed, form-encoded
 *   run       one or many fp_calls over the client's connections
 *   outcome   the verified reply as an array, or an exception object
 *
 * Nothing here throws mid-way: a failure becomes the request's exception,
 * so statusMany() reports one per query and a single call is the case of
 * one. The exception is built in one place, fp_request_outcome().
 */
#include "php_freedompay_int.h"

#include "core/fp_policy.h"
#include "core/fp_url.h"
#include "core/fp_xml.h"
#include "ext/standard/php_string.h"

#include <math.h>

/* ---------------------------------------------------------------------
 * Prepare
 * ------------------------------------------------------------------- */

/* The path as the rules name it: a leading "/" dropped, this merchant's id
 * in "v1/merchant/<id>/" written as {id}. NULL with an exception thrown
 * for a malformed path or another merchant's. */
static zend_string *fp_rule_path(fp_client *c, zend_string *path)
{
	const char *p = ZSTR_VAL(path);
	size_t n = ZSTR_LEN(path);
	zend_string *own, *rule;

	if (n > 0 && p[0] == '/') {
		p++;
		n--;
	}
	if (!fp_url_path_is_valid(p, n)) {
		fp_throw_invalid_argument("path \"%s\" is not a gateway path such as \"init_payment.php\" or "
								  "\"v1/merchant/{id}/card/init\" (no empty, \".\" or \"..\" segments)",
			ZSTR_VAL(path));
		return NULL;
	}
	own = zend_strpprintf(0, "v1/merchant/%s/", ZSTR_VAL(c->merchant_id));
	if (n > ZSTR_LEN(own) && memcmp(p, ZSTR_VAL(own), ZSTR_LEN(own)) == 0) {
		rule = zend_strpprintf(0, "v1/merchant/{id}/%.*s", (int) (n - ZSTR_LEN(own)), p + ZSTR_LEN(own));
	} else {
		rule = zend_string_init(p, n, 0);
	}
	zend_string_release(own);
	if (strncmp(ZSTR_VAL(rule), "v1/merchant/", 12) == 0 &&
		strncmp(ZSTR_VAL(rule), "v1/merchant/{id}/", 17) != 0) {
		fp_throw_invalid_argument("path \"%s\" names another merchant than this client's (%s)",
			ZSTR_VAL(path), ZSTR_VAL(c->merchant_id));
		zend_string_release(rule);
		return NULL;
	}
	return rule;
}

/* The endpoint row, flags and URL of the request. */
static bool fp_request_resolve(fp_request *req, fp_client *c, zend_string *path)
{
	zend_string *rule = fp_rule_path(c, path), *with_id;

	if (rule == NULL) {
		return false;
	}
	with_id = php_str_to_str(
		ZSTR_VAL(rule), ZSTR_LEN(rule), "{id}", 4, ZSTR_VAL(c->merchant_id), ZSTR_LEN(c->merchant_id));
	if (strpbrk(ZSTR_VAL(with_id), "{}") != NULL) {
		fp_throw_invalid_argument("path \"%s\" may only contain the placeholder {id}", ZSTR_VAL(path));
		zend_string_release(rule);
		zend_string_release(with_id);
		return false;
	}
	req->endpoint = fp_endpoint_for_path(ZSTR_VAL(rule));
	req->flags = fp_endpoint_flags(req->endpoint);
	req->url = zend_strpprintf(0, "%s/%s", ZSTR_VAL(c->base_url), ZSTR_VAL(with_id));
	zend_string_release(rule);
	zend_string_release(with_id);
	return true;
}

static bool fp_request_choose_secret(fp_request *req, fp_client *c, zend_string *path)
{
	if (!(req->flags & FP_EP_PAYOUT_KEY)) {
		req->secret = zend_string_copy(c->secret);
		return true;
	}
	if (c->payout_secret == NULL) {
		fp_throw_invalid_argument(
			"Option \"payout_secret_key\" is required: %s is signed with the payout secret key",
			ZSTR_VAL(path));
		return false;
	}
	req->secret = zend_string_copy(c->payout_secret);
	return true;
}

static void fp_fields_set(HashTable *fields, const char *name, size_t len, zend_string *value)
{
	zval v;

	ZVAL_STR(&v, value);
	zend_hash_str_update(fields, name, len, &v);
}

/* A field of the normalized request (a string), or NULL. */
static zend_string *fp_fields_get(HashTable *fields, const char *name, size_t len)
{
	zval *v = zend_hash_str_find(fields, name, len);

	return v != NULL && Z_TYPE_P(v) == IS_STRING ? Z_STR_P(v) : NULL;
}

/* pg_merchant_id, pg_salt and pg_testing_mode, unless the caller set them. */
static bool fp_request_complete_fields(fp_request *req, fp_client *c)
{
	zval *mid = zend_hash_str_find(req->fields, ZEND_STRL("pg_merchant_id"));
	zend_string *salt;

	if (mid != NULL && !(Z_TYPE_P(mid) == IS_STRING && zend_string_equals(Z_STR_P(mid), c->merchant_id))) {
		fp_throw_invalid_argument(
			"Parameter \"pg_merchant_id\" must be this client's merchant id (%s)", ZSTR_VAL(c->merchant_id));
		return false;
	}
	if (mid == NULL) {
		fp_fields_set(req->fields, ZEND_STRL("pg_merchant_id"), zend_string_copy(c->merchant_id));
	}
	/* The caller's salt stands; a missing or empty one is made fresh. */
	salt = fp_fields_get(req->fields, ZEND_STRL("pg_salt"));
	if (salt == NULL || ZSTR_LEN(salt) == 0) {
		zend_string *fresh = fp_new_salt();

		if (fresh == NULL) {
			return false;
		}
		fp_fields_set(req->fields, ZEND_STRL("pg_salt"), fresh);
	}
	if (c->testing_mode && (req->flags & FP_EP_TESTING) &&
		!zend_hash_str_exists(req->fields, ZEND_STRL("pg_testing_mode"))) {
		fp_fields_set(req->fields, ZEND_STRL("pg_testing_mode"), ZSTR_CHAR('1'));
	}
	return true;
}

static bool fp_request_sign(fp_request *req)
{
	char sig[FP_MD5_HEX_LEN + 1];
	const char *script;
	size_t script_len;
	zend_string *id;

	fp_url_script_name(ZSTR_VAL(req->url), ZSTR_LEN(req->url), &script, &script_len);
	if (!fp_params_sign(script, script_len, req->fields, ZSTR_VAL(req->secret), ZSTR_LEN(req->secret), sig)) {
		return false;
	}
	fp_fields_set(req->fields, ZEND_STRL("pg_sig"), zend_string_init(sig, FP_MD5_HEX_LEN, 0));
	fp_params_form_encode(req->fields, &req->body);
	if ((id = fp_fields_get(req->fields, ZEND_STRL("pg_order_id"))) != NULL) {
		req->order_id = zend_string_copy(id);
	}
	if ((id = fp_fields_get(req->fields, ZEND_STRL("pg_payment_id"))) != NULL) {
		req->payment_id = zend_string_copy(id);
	}
	return true;
}

/*
 * The fields are copied first: converting them may run a __toString, which
 * may even run the client's constructor again. Everything read from the
 * client after that is read once, and what the request keeps is its own.
 */
static bool fp_request_build(fp_request *req, fp_client *c, zend_string *path, HashTable *params)
{
	req->fields = fp_params_normalize(params);
	if (req->fields == NULL) {
		return false;
	}
	if (c->http == NULL) {
		zend_throw_error(NULL, "FreedomPay\\Client was not constructed");
		return false;
	}
	return fp_request_resolve(req, c, path) && fp_request_choose_secret(req, c, path) &&
		fp_request_complete_fields(req, c) &&
		fp_endpoint_check_fields(req->endpoint, req->method, req->fields) && fp_request_sign(req);
}

void fp_request_prepare(
	fp_request *req, fp_client *c, const char *method, zend_string *path, HashTable *params)
{
	memset(req, 0, sizeof(*req));
	ZVAL_UNDEF(&req->exception);
	req->method = method;
	if (c->http == NULL) {
		zend_throw_error(NULL, "FreedomPay\\Client was not constructed");
	} else if (fp_request_build(req, c, path, params)) {
		return;
	}
	/* The failure's exception goes into the request; an exit() or a fatal
	 * error stays thrown, for the caller to see in EG(exception). */
	fp_exception_catch(&req->exception);
}

/* ---------------------------------------------------------------------
 * Run
 * ------------------------------------------------------------------- */

static void fp_request_setup_call(fp_request *req, fp_client *c, size_t max_response)
{
	fp_call *call = &req->core;
	fp_reply_expect *expect = &call->expect;

	fp_call_init(call, ZSTR_VAL(req->url), ZSTR_VAL(req->body.s), ZSTR_LEN(req->body.s));
	fp_url_script_name(ZSTR_VAL(req->url), ZSTR_LEN(req->url), &expect->script, &expect->script_len);
	expect->secret = ZSTR_VAL(req->secret);
	expect->secret_len = ZSTR_LEN(req->secret);
	expect->payment_id = req->payment_id ? ZSTR_VAL(req->payment_id) : NULL;
	expect->order_id = req->order_id ? ZSTR_VAL(req->order_id) : NULL;
	call->safe_read = (req->flags & FP_EP_SAFE_READ) != 0;
	call->max_attempts = call->safe_read ? 1 + (int) c->retries : 1;
	call->x.timeout_ms = (long) ceil(c->timeout * 1000.0);
	call->x.connect_timeout_ms = (long) ceil(c->connect_timeout * 1000.0);
	call->x.max_response = max_response;
}

void fp_request_run(fp_client *c, fp_request **reqs, size_t n, size_t parallel)
{
	fp_call *stack[16];
	fp_call **calls = n <= 16 ? stack : safe_emalloc(n, sizeof(*calls), 0);
	/* Read at each call: ini_set() between calls takes effect. */
	size_t max_response = (size_t) FREEDOMPAY_G(max_response_size);
	size_t i, count = 0;

	for (i = 0; i < n; i++) {
		if (Z_ISUNDEF(reqs[i]->exception)) {
			fp_request_setup_call(reqs[i], c, max_response);
			calls[count++] = &reqs[i]->core;
		}
	}
	if (count > 0) {
		fp_call_run(c->http, calls, count, parallel, &fp_php_md5);
	}
	if (calls != stack) {
		efree(calls);
	}
}

/* ---------------------------------------------------------------------
 * Outcome
 * ------------------------------------------------------------------- */

bool fp_request_outcome(fp_request *req, zval *result)
{
	fp_call *call = &req->core;
	zval reply;

	if (!Z_ISUNDEF(req->exception)) {
		ZVAL_COPY(result, &req->exception);
		return false;
	}
	switch (call->result) {
	case FP_REPLY_OK: {
		const char *list = fp_endpoint_list(req->endpoint);

		fp_reply_to_array(fp_xml_root(call->doc), result);
		if (list != NULL && !zend_hash_str_exists(Z_ARRVAL_P(result), list, strlen(list))) {
			zval none;

			array_init(&none);
			zend_hash_str_add_new(Z_ARRVAL_P(result), list, strlen(list), &none);
		}
		return true;
	}
	case FP_REPLY_ERROR:
		fp_reply_to_array(fp_xml_root(call->doc), &reply);
		fp_exception_api(result, &call->error, &reply);
		zval_ptr_dtor(&reply);
		return false;
	default:
		if (!call->safe_read && fp_policy_outcome_unknown(&call->error, call->maybe_sent)) {
			fp_exception_outcome_unknown(result, &call->error, req->order_id, req->payment_id);
		} else {
			fp_exception_from_error(result, &call->error);
		}
		return false;
	}
}

void fp_request_release(fp_request *req)
{
	if (req->url) {
		zend_string_release(req->url);
	}
	if (req->secret) {
		fp_secret_release(req->secret);
	}
	if (req->fields) {
		zend_array_destroy(req->fields);
	}
	if (req->order_id) {
		zend_string_release(req->order_id);
	}
	if (req->payment_id) {
		zend_string_release(req->payment_id);
	}
	smart_str_free(&req->body);
	fp_call_release(&req->core);
	zval_ptr_dtor(&req->exception);
	memset(req, 0, sizeof(*req));
	ZVAL_UNDEF(&req->exception);
}

void fp_client_call(
	zval *object, const char *method, zend_string *path, HashTable *params, zval *return_value)
{
	fp_client *c = Z_FP_CLIENT_P(object);
	fp_request req;
	fp_request *one = &req;
	zval outcome;

	fp_request_prepare(&req, c, method, path, params);
	if (EG(exception)) {
		fp_request_release(&req); /* an exit() or a fatal error unwinds */
		return;
	}
	fp_request_run(c, &one, 1, 1);
	if (fp_request_outcome(&req, &outcome)) {
		ZVAL_COPY_VALUE(return_value, &outcome);
	} else {
		zend_throw_exception_object(&outcome);
	}
	fp_request_release(&req);
}
