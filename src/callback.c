/*
 * freedompay binding: FreedomPay\Callback, a request the gateway sends to
 * the shop (result_url, check_url, post_link, the success and failure
 * redirects).
 *
 * fromRequest() accepts a callback only when its pg_sig verifies with the
 * shop's own secret (a pg_secret_key field in the request is just another
 * signed field), then reply() writes the signed answer. Replies are
 * deterministic: the salt is an HMAC of the secret and the callback's own
 * content, so the gateway's repeated deliveries of one callback get
 * byte-identical answers without the shop storing anything.
 */
#include "php_freedompay_int.h"

#include "core/fp_url.h"
#include "core/fp_xml.h"
#include "core/fp_xmlout.h"
#include "php_streams.h"
#include "SAPI.h"

zend_class_entry *fp_ce_Callback;
static zend_object_handlers fp_callback_handlers;

typedef struct {
	zval params; /* the verified fields, pg_sig left out */
	zend_string *script;
	zend_string *secret; /* a private copy, wiped when freed */
	zend_object std;
} fp_callback;

static inline fp_callback *fp_callback_from_obj(zend_object *obj)
{
	return (fp_callback *) ((char *) obj - XtOffsetOf(fp_callback, std));
}

#define Z_FP_CALLBACK_P(zv) fp_callback_from_obj(Z_OBJ_P(zv))

/* ---------------------------------------------------------------------
 * The object
 * ------------------------------------------------------------------- */

static zend_object *fp_callback_create(zend_class_entry *ce)
{
	fp_callback *cb = zend_object_alloc(sizeof(fp_callback), ce);

	memset(cb, 0, XtOffsetOf(fp_callback, std));
	ZVAL_UNDEF(&cb->params);
	zend_object_std_init(&cb->std, ce);
	object_properties_init(&cb->std, ce);
	cb->std.handlers = &fp_callback_handlers;
	return &cb->std;
}

static void fp_callback_free(zend_object *obj)
{
	fp_callback *cb = fp_callback_from_obj(obj);

	zval_ptr_dtor(&cb->params);
	if (cb->script) {
		zend_string_release(cb->script);
	}
	if (cb->secret) {
		fp_wipe(ZSTR_VAL(cb->secret), ZSTR_LEN(cb->secret));
		zend_string_release(cb->secret);
	}
	zend_object_std_dtor(obj);
}

static HashTable *fp_callback_debug_info(zend_object *obj, int *is_temp)
{
	fp_callback *cb = fp_callback_from_obj(obj);
	HashTable *info = zend_new_array(3);
	zval v;

	*is_temp = 1;
	if (cb->script) {
		ZVAL_STR_COPY(&v, cb->script);
		zend_hash_str_update(info, ZEND_STRL("script"), &v);
	}
	if (!Z_ISUNDEF(cb->params)) {
		ZVAL_COPY(&v, &cb->params);
		zend_hash_str_update(info, ZEND_STRL("params"), &v);
	}
	ZVAL_STRING(&v, "***");
	zend_hash_str_update(info, ZEND_STRL("secretKey"), &v);
	return info;
}

void fp_callback_setup_class(zend_class_entry *ce)
{
	fp_ce_Callback = ce;
	ce->create_object = fp_callback_create;
	memcpy(&fp_callback_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	fp_callback_handlers.offset = XtOffsetOf(fp_callback, std);
	fp_callback_handlers.free_obj = fp_callback_free;
	fp_callback_handlers.clone_obj = NULL; /* it holds the secret */
	fp_callback_handlers.get_debug_info = fp_callback_debug_info;
}

/* The verified callback, or an Error if the object was never made by fromRequest(). */
static fp_callback *fp_callback_this(zval *object)
{
	fp_callback *cb = Z_FP_CALLBACK_P(object);

	if (Z_ISUNDEF(cb->params)) {
		zend_throw_error(NULL, "FreedomPay\\Callback was not made by Callback::fromRequest()");
		return NULL;
	}
	return cb;
}

/* A field of the callback as a string, or NULL. */
static zend_string *fp_callback_field(fp_callback *cb, const char *name)
{
	zval *v = zend_hash_str_find(Z_ARRVAL(cb->params), name, strlen(name));

	return v != NULL && Z_TYPE_P(v) == IS_STRING ? Z_STR_P(v) : NULL;
}

static bool fp_callback_field_is(fp_callback *cb, const char *name, const char *value)
{
	zend_string *s = fp_callback_field(cb, name);

	return s != NULL && ZSTR_LEN(s) == strlen(value) && memcmp(ZSTR_VAL(s), value, ZSTR_LEN(s)) == 0;
}

/* ---------------------------------------------------------------------
 * fromRequest(): verify first
 * ------------------------------------------------------------------- */

static void fp_throw_signature(const char *why)
{
	zend_throw_exception_ex(fp_ce_SignatureException, 0,
		"The callback %s: it was not sent by FreedomPay for this "
		"shop, or not for this URL",
		why);
}

/*
 * A form (or query) callback: every field but pg_sig, as the docs' snippet
 * signs them. What is verified, and kept in out, is a copy of params made
 * before anything else: a __toString among the values runs once, on the
 * copy, and cannot change what was verified or the pg_sig it is checked
 * against.
 */
static bool fp_callback_verify_form(
	HashTable *params, const zend_string *script, const zend_string *secret, zval *out)
{
	char expected[FP_MD5_HEX_LEN + 1];
	zval *found = zend_hash_str_find_deref(params, ZEND_STRL("pg_sig"));
	zend_string *given;
	HashTable *fields;
	bool ok;

	if (found == NULL) {
		fp_throw_signature("is not signed (no pg_sig)");
		return false;
	}
	if (Z_TYPE_P(found) != IS_STRING || Z_STRLEN_P(found) != FP_MD5_HEX_LEN) {
		fp_throw_signature("has a malformed pg_sig");
		return false;
	}
	given = zend_string_copy(Z_STR_P(found));
	fields = fp_params_snapshot(params);
	ok = fields != NULL &&
		fp_params_sign(
			ZSTR_VAL(script), ZSTR_LEN(script), fields, ZSTR_VAL(secret), ZSTR_LEN(secret), expected);
	if (ok && !fp_signature_equal(expected, FP_MD5_HEX_LEN, ZSTR_VAL(given), ZSTR_LEN(given))) {
		fp_throw_signature("failed signature verification (wrong pg_sig)");
		ok = false;
	}
	zend_string_release(given);
	if (!ok) {
		if (fields != NULL) {
			zend_array_destroy(fields);
		}
		return false;
	}
	ZVAL_ARR(out, fields);
	return true;
}

/* A callback sent as one pg_xml field: parsed as hardened as a reply, and
 * verified as XML (checkXML). Its fields become the params. */
static bool fp_callback_verify_xml(
	zend_string *xml, const zend_string *script, const zend_string *secret, zval *out)
{
	fp_xml_doc *doc;
	fp_error err;
	zend_string *why;

	fp_error_clear(&err);
	doc = fp_xml_parse(ZSTR_VAL(xml), ZSTR_LEN(xml), NULL, &err);
	if (doc != NULL &&
		fp_xml_verify(fp_xml_root(doc), ZSTR_VAL(script), ZSTR_LEN(script), ZSTR_VAL(secret),
			ZSTR_LEN(secret), &fp_php_md5, 4 * ZSTR_LEN(xml) + 65536, &err)) {
		fp_reply_to_array(fp_xml_root(doc), out);
		zend_hash_str_del(Z_ARRVAL_P(out), ZEND_STRL("pg_sig"));
		fp_xml_free(doc);
		return true;
	}
	fp_xml_free(doc);
	why = zend_strpprintf(0, "in pg_xml %s%s",
		err.domain == FP_ERR_MALFORMED ? "is not a gateway document: " : "failed verification: ",
		err.message);
	fp_throw_signature(ZSTR_VAL(why));
	zend_string_release(why);
	return false;
}

/* The script name: the last path segment of a URL or path, or the name itself. */
static zend_string *fp_callback_script(zend_string *url_or_script)
{
	const char *start;
	size_t len;

	if (memchr(ZSTR_VAL(url_or_script), '/', ZSTR_LEN(url_or_script)) == NULL &&
		memchr(ZSTR_VAL(url_or_script), '?', ZSTR_LEN(url_or_script)) == NULL) {
		return zend_string_copy(url_or_script);
	}
	fp_url_script_name(ZSTR_VAL(url_or_script), ZSTR_LEN(url_or_script), &start, &len);
	return zend_string_init(start, len, 0);
}

/* fromRequest() proper: verifies params and makes the Callback in out. */
static void fp_callback_make(HashTable *params, zend_string *url_or_script, zend_string *secret, zval *out)
{
	zend_string *script;
	zval *xml, verified;
	fp_callback *cb;
	bool ok;

	if (ZSTR_LEN(secret) == 0) {
		fp_throw_invalid_argument("Callback::fromRequest(): secretKey must not be empty");
		return;
	}
	script = fp_callback_script(url_or_script);
	if (ZSTR_LEN(script) == 0) {
		zend_string_release(script);
		fp_throw_invalid_argument(
			"Callback::fromRequest(): \"%s\" has no last path segment to be the signature's "
			"script name; give the URL without a trailing slash, or the script name itself",
			ZSTR_VAL(url_or_script));
		return;
	}
	xml = zend_hash_str_find_deref(params, ZEND_STRL("pg_xml"));
	if (xml != NULL && Z_TYPE_P(xml) == IS_STRING && !zend_hash_str_exists(params, ZEND_STRL("pg_sig"))) {
		/* The XML method: only what the XML holds is read (and signed). */
		ok = fp_callback_verify_xml(Z_STR_P(xml), script, secret, &verified);
	} else {
		ok = fp_callback_verify_form(params, script, secret, &verified);
	}
	if (!ok) {
		zend_string_release(script);
		return;
	}
	object_init_ex(out, fp_ce_Callback);
	cb = Z_FP_CALLBACK_P(out);
	ZVAL_COPY_VALUE(&cb->params, &verified);
	cb->script = script;
	cb->secret = zend_string_init(ZSTR_VAL(secret), ZSTR_LEN(secret), 0);
}

PHP_METHOD(FreedomPay_Callback, fromRequest)
{
	HashTable *params;
	zend_string *url_or_script, *secret;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_ARRAY_HT(params)
		Z_PARAM_STR(url_or_script)
		Z_PARAM_STR(secret)
	ZEND_PARSE_PARAMETERS_END();

	fp_callback_make(params, url_or_script, secret, return_value);
}

/* A superglobal's array if it has fields, else NULL. */
static HashTable *fp_request_fields(const char *name, size_t len, int track)
{
	zval *fields;

	zend_is_auto_global_str((char *) name, len);
	fields = &PG(http_globals)[track];
	return Z_TYPE_P(fields) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(fields)) > 0 ? Z_ARRVAL_P(fields)
																						  : NULL;
}

/* The raw request body when it is an XML document (at most the reply cap). */
static zend_string *fp_request_xml_body(void)
{
	php_stream *in = php_stream_open_wrapper_ex("php://input", "rb", 0, NULL, NULL);
	zend_string *body = NULL;
	size_t i;

	if (in == NULL) {
		return NULL;
	}
	body = php_stream_copy_to_mem(in, (size_t) FREEDOMPAY_G(max_response_size), 0);
	php_stream_close(in);
	for (i = 0; body != NULL && i < ZSTR_LEN(body) && strchr(" \t\r\n", ZSTR_VAL(body)[i]) != NULL; i++) {
	}
	if (body != NULL && (i == ZSTR_LEN(body) || ZSTR_VAL(body)[i] != '<')) {
		zend_string_release(body);
		body = NULL;
	}
	return body;
}

/*
 * What the gateway sent, wherever PHP put it: the form fields of a POST
 * (pg_xml among them for the XML method), an XML document as the raw body,
 * or the query of a GET redirect.
 */
PHP_METHOD(FreedomPay_Callback, fromGlobals)
{
	zend_string *url_or_script, *secret, *xml;
	HashTable *fields;
	zval wrapped;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(url_or_script)
		Z_PARAM_STR(secret)
	ZEND_PARSE_PARAMETERS_END();

	if ((fields = fp_request_fields(ZEND_STRL("_POST"), TRACK_VARS_POST)) != NULL) {
		fp_callback_make(fields, url_or_script, secret, return_value);
	} else if ((xml = fp_request_xml_body()) != NULL) {
		array_init(&wrapped);
		add_assoc_str(&wrapped, "pg_xml", xml);
		fp_callback_make(Z_ARRVAL(wrapped), url_or_script, secret, return_value);
		zval_ptr_dtor(&wrapped);
	} else {
		fields = fp_request_fields(ZEND_STRL("_GET"), TRACK_VARS_GET);
		fp_callback_make(
			fields ? fields : (HashTable *) &zend_empty_array, url_or_script, secret, return_value);
	}
}

PHP_METHOD(FreedomPay_Callback, __construct)
{
	(void) return_value;
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(FreedomPay_Callback, params)
{
	fp_callback *cb;

	ZEND_PARSE_PARAMETERS_NONE();
	if ((cb = fp_callback_this(ZEND_THIS)) == NULL) {
		RETURN_THROWS();
	}
	RETURN_COPY(&cb->params);
}

PHP_METHOD(FreedomPay_Callback, isSuccessful)
{
	fp_callback *cb;

	ZEND_PARSE_PARAMETERS_NONE();
	if ((cb = fp_callback_this(ZEND_THIS)) == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(fp_callback_field_is(cb, "pg_result", "1"));
}

PHP_METHOD(FreedomPay_Callback, canReject)
{
	fp_callback *cb;

	ZEND_PARSE_PARAMETERS_NONE();
	if ((cb = fp_callback_this(ZEND_THIS)) == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(fp_callback_field_is(cb, "pg_can_reject", "1"));
}

/* ---------------------------------------------------------------------
 * expect(): the callback is about the shop's own order and amount
 * ------------------------------------------------------------------- */

/* An amount in hundredths: digits, optionally "." and decimals, any past
 * the second zero (the gateway writes 500, 482.5, 2500.00; a shop's
 * database may hold 15000.0000). False for anything else. */
static bool fp_amount_cents(const char *s, size_t n, uint64_t *cents)
{
	uint64_t v = 0;
	size_t i = 0, digits = 0, decimals = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 15) {
		v = v * 10 + (uint64_t) (s[i++] - '0');
		digits++;
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && decimals < 2; i++, decimals++) {
			v = v * 10 + (uint64_t) (s[i] - '0');
		}
		while (i < n && s[i] == '0') {
			i++;
		}
	}
	while (decimals++ < 2) {
		v *= 10;
	}
	*cents = v;
	return digits > 0 && i == n;
}

/* What the callback says, against what the shop expects. */
static bool fp_callback_matches(fp_callback *cb, zend_string *order_id, uint64_t cents, zend_string *currency)
{
	zend_string *got_order = fp_callback_field(cb, "pg_order_id"),
				*got_amount = fp_callback_field(cb, "pg_amount");
	zend_string *got_currency = fp_callback_field(cb, "pg_currency");
	uint64_t got = 0;

	return got_order != NULL && zend_string_equals(got_order, order_id) && got_amount != NULL &&
		fp_amount_cents(ZSTR_VAL(got_amount), ZSTR_LEN(got_amount), &got) && got == cents &&
		(currency == NULL || (got_currency != NULL && zend_string_equals(got_currency, currency)));
}

PHP_METHOD(FreedomPay_Callback, expect)
{
	zend_string *order_id, *amount_str, *currency = NULL, *got_currency;
	zval *amount;
	fp_callback *cb;
	uint64_t want = 0;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(order_id)
		Z_PARAM_ZVAL(amount)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(currency)
	ZEND_PARSE_PARAMETERS_END();

	if ((cb = fp_callback_this(ZEND_THIS)) == NULL) {
		RETURN_THROWS();
	}
	if (Z_TYPE_P(amount) != IS_LONG && Z_TYPE_P(amount) != IS_DOUBLE && Z_TYPE_P(amount) != IS_STRING) {
		fp_throw_invalid_argument("Callback::expect(): the amount must be an int, float or string, %s given",
			zend_zval_type_name(amount));
		RETURN_THROWS();
	}
	amount_str = zval_get_string(amount);
	if (!fp_amount_cents(ZSTR_VAL(amount_str), ZSTR_LEN(amount_str), &want)) {
		fp_throw_invalid_argument(
			"Callback::expect(): the amount must be like 2500.00, \"%s\" given", ZSTR_VAL(amount_str));
		zend_string_release(amount_str);
		RETURN_THROWS();
	}
	if (!fp_callback_matches(cb, order_id, want, currency)) {
		zend_string *got_order = fp_callback_field(cb, "pg_order_id"),
					*got_amount = fp_callback_field(cb, "pg_amount");

		got_currency = fp_callback_field(cb, "pg_currency");
		zend_throw_exception_ex(fp_ce_CallbackMismatchException, 0,
			"The callback is about order %s, amount %s%s%s, not about order %s, amount %s%s%s as the shop "
			"expects",
			got_order ? ZSTR_VAL(got_order) : "(none)", got_amount ? ZSTR_VAL(got_amount) : "(none)",
			currency && got_currency ? " " : "", currency && got_currency ? ZSTR_VAL(got_currency) : "",
			ZSTR_VAL(order_id), ZSTR_VAL(amount_str), currency ? " " : "",
			currency ? ZSTR_VAL(currency) : "");
		zend_string_release(amount_str);
		RETURN_THROWS();
	}
	zend_string_release(amount_str);
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

PHP_METHOD(FreedomPay_Callback, isResult)
{
	fp_callback *cb;

	ZEND_PARSE_PARAMETERS_NONE();
	if ((cb = fp_callback_this(ZEND_THIS)) == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(zend_hash_str_exists(Z_ARRVAL(cb->params), ZEND_STRL("pg_result")));
}

/* ---------------------------------------------------------------------
 * reply(): the signed answer, the same for every delivery
 * ------------------------------------------------------------------- */

typedef struct {
	fp_xml_field *fields;
	zend_string **owned; /* strings converted from the extra values */
	size_t n, owned_n;
} fp_reply_fields;

static void fp_reply_fields_add(
	fp_reply_fields *r, const char *name, size_t name_len, const char *v, size_t len)
{
	r->fields[r->n].name = name;
	r->fields[r->n].name_len = name_len;
	r->fields[r->n].value = v;
	r->fields[r->n].value_len = len;
	r->n++;
}

static void fp_reply_fields_free(fp_reply_fields *r)
{
	while (r->owned_n > 0) {
		zend_string_release(r->owned[--r->owned_n]);
	}
	efree(r->fields);
	efree(r->owned);
}

static bool fp_reply_name_reserved(zend_string *name)
{
	return zend_string_equals_literal(name, "pg_status") ||
		zend_string_equals_literal(name, "pg_description") || zend_string_equals_literal(name, "pg_salt") ||
		zend_string_equals_literal(name, "pg_sig");
}

/* The extra fields: names that can be elements, values that are scalars. */
/* An answer is a few short fields: bounds far above any real one keep a
 * mistake (or a hostile value passed through) from building megabytes. */
#define FP_REPLY_MAX_EXTRA 100
#define FP_REPLY_MAX_TEXT 65536

static bool fp_reply_text_fits(const char *field, size_t len)
{
	if (len <= FP_REPLY_MAX_TEXT) {
		return true;
	}
	fp_throw_invalid_argument("Callback::reply(): %s is longer than %d bytes", field, FP_REPLY_MAX_TEXT);
	return false;
}

static bool fp_reply_add_extra(fp_reply_fields *r, HashTable *extra)
{
	zend_string *key;
	zval *value;

	if (zend_hash_num_elements(extra) > FP_REPLY_MAX_EXTRA) {
		fp_throw_invalid_argument("Callback::reply(): at most %d extra fields, %u given", FP_REPLY_MAX_EXTRA,
			zend_hash_num_elements(extra));
		return false;
	}

	ZEND_HASH_FOREACH_STR_KEY_VAL(extra, key, value) {
		zend_string *str;

		ZVAL_DEREF(value);
		if (key == NULL || !fp_xmlout_name_ok(ZSTR_VAL(key), ZSTR_LEN(key)) || fp_reply_name_reserved(key)) {
			fp_throw_invalid_argument(
				"Callback::reply(): extra field \"%s\" cannot be sent (an element name of "
				"letters, digits, _ and -, not pg_status, pg_description, pg_salt or pg_sig)",
				key ? ZSTR_VAL(key) : "(an integer key)");
			return false;
		}
		if (Z_TYPE_P(value) == IS_ARRAY || Z_TYPE_P(value) == IS_OBJECT || Z_TYPE_P(value) == IS_RESOURCE) {
			fp_throw_invalid_argument("Callback::reply(): extra field \"%s\" must be a scalar, %s given",
				ZSTR_VAL(key), zend_zval_type_name(value));
			return false;
		}
		str = zval_get_string(value);
		r->owned[r->owned_n++] = str;
		if (ZSTR_LEN(str) > FP_REPLY_MAX_TEXT) {
			zend_string *what = zend_strpprintf(0, "extra field \"%s\"", ZSTR_VAL(key));

			fp_reply_text_fits(ZSTR_VAL(what), ZSTR_LEN(str));
			zend_string_release(what);
			return false;
		}
		fp_reply_fields_add(r, ZSTR_VAL(key), ZSTR_LEN(key), ZSTR_VAL(str), ZSTR_LEN(str));
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

/*
 * The reply's salt: HMAC-SHA256 under the secret of the callback's signed
 * content (its salt and signature left out, so a redelivery with a new salt
 * is the same callback) and of the answer itself. 32 hex chars.
 */
static bool fp_reply_salt(fp_callback *cb, fp_reply_fields *r, char salt[33])
{
	smart_str data = {0};
	fp_value_sink sink = {NULL, &data};
	HashTable *content = zend_array_dup(Z_ARRVAL(cb->params));
	unsigned char mac[32];
	size_t i;
	bool ok;

	zend_hash_str_del(content, ZEND_STRL("pg_salt"));
	smart_str_appends(&data, "freedompay callback reply");
	smart_str_appendc(&data, '\0');
	smart_str_append(&data, cb->script);
	for (i = 0; i < r->n; i++) {
		smart_str_appendc(&data, '\0');
		smart_str_appendl(&data, r->fields[i].name, r->fields[i].name_len);
		smart_str_appendc(&data, '=');
		smart_str_appendl(&data, r->fields[i].value, r->fields[i].value_len);
	}
	smart_str_appendc(&data, '\0');
	ok = fp_params_emit(content, &sink);
	zend_array_destroy(content);
	smart_str_0(&data);
	ok = ok &&
		fp_hmac_sha256(ZSTR_VAL(cb->secret), ZSTR_LEN(cb->secret), ZSTR_VAL(data.s), ZSTR_LEN(data.s), mac);
	smart_str_free(&data);
	if (ok) {
		fp_hex_encode(mac, 16, salt);
		salt[32] = '\0';
	} else if (!EG(exception)) {
		zend_throw_exception(
			fp_ce_SignatureException, "Callback::reply(): the HMAC for the reply's salt failed", 0);
	}
	return ok;
}

/* "rejected" is honoured where the gateway lets the shop refuse: a result
 * with pg_can_reject=1, or a check (check_url: neither pg_result nor
 * pg_can_reject). Anywhere else the payment stands whatever the answer. */
static bool fp_reply_may_reject(fp_callback *cb)
{
	HashTable *p = Z_ARRVAL(cb->params);

	return fp_callback_field_is(cb, "pg_can_reject", "1") ||
		(!zend_hash_str_exists(p, ZEND_STRL("pg_result")) &&
			!zend_hash_str_exists(p, ZEND_STRL("pg_can_reject")));
}

static bool fp_reply_check_status(fp_callback *cb, zend_string *status)
{
	if (!zend_string_equals_literal(status, "ok") && !zend_string_equals_literal(status, "rejected") &&
		!zend_string_equals_literal(status, "error")) {
		fp_throw_invalid_argument(
			"Callback::reply(): status must be \"ok\", \"rejected\" or \"error\", \"%s\" given",
			ZSTR_VAL(status));
		return false;
	}
	if (zend_string_equals_literal(status, "rejected") && !fp_reply_may_reject(cb)) {
		fp_throw_invalid_argument(
			"Callback::reply(): \"rejected\" needs a callback with pg_can_reject=1; this "
			"payment stands whatever the answer (reply \"ok\", or refund it)");
		return false;
	}
	return true;
}

PHP_METHOD(FreedomPay_Callback, reply)
{
	zend_string *status, *description = ZSTR_EMPTY_ALLOC();
	HashTable *extra = (HashTable *) &zend_empty_array;
	fp_reply_fields r = {NULL, NULL, 0, 0};
	fp_callback *cb;
	char salt[33], *xml;
	size_t xml_len;
	fp_error err;

	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_STR(status)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(description)
		Z_PARAM_ARRAY_HT(extra)
	ZEND_PARSE_PARAMETERS_END();

	if ((cb = fp_callback_this(ZEND_THIS)) == NULL || !fp_reply_check_status(cb, status) ||
		!fp_reply_text_fits("the description", ZSTR_LEN(description))) {
		RETURN_THROWS();
	}
	r.fields = safe_emalloc(zend_hash_num_elements(extra) + 3, sizeof(*r.fields), 0);
	r.owned = safe_emalloc(zend_hash_num_elements(extra) + 1, sizeof(*r.owned), 0);
	fp_reply_fields_add(&r, ZEND_STRL("pg_status"), ZSTR_VAL(status), ZSTR_LEN(status));
	if (ZSTR_LEN(description) > 0) {
		fp_reply_fields_add(&r, ZEND_STRL("pg_description"), ZSTR_VAL(description), ZSTR_LEN(description));
	}
	if (!fp_reply_add_extra(&r, extra) || !fp_reply_salt(cb, &r, salt)) {
		fp_reply_fields_free(&r);
		RETURN_THROWS();
	}
	fp_reply_fields_add(&r, ZEND_STRL("pg_salt"), salt, 32);
	fp_error_clear(&err);
	if (!fp_xmlout_signed("response", r.fields, r.n, ZSTR_VAL(cb->script), ZSTR_LEN(cb->script),
			ZSTR_VAL(cb->secret), ZSTR_LEN(cb->secret), &fp_php_md5, &xml, &xml_len, &err)) {
		fp_reply_fields_free(&r);
		if (err.domain == FP_ERR_MALFORMED) {
			/* Our own document failed its check: something in what was given. */
			fp_throw_invalid_argument("Callback::reply(): the answer cannot be built: %s", err.message);
		} else {
			fp_throw_core_error(&err);
		}
		RETURN_THROWS();
	}
	fp_reply_fields_free(&r);
	RETVAL_STRINGL(xml, xml_len);
	free(xml);
}
