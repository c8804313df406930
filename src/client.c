/*
 * freedompay binding: FreedomPay\Client.
 *
 * A call normalizes the parameters (every value becomes the string that is
 * both signed and sent), adds pg_merchant_id, pg_salt and pg_sig, POSTs
 * them, and accepts only a reply whose pg_sig verifies.
 */
#include "php_freedompay_int.h"

#include "core/fp_http.h"
#include "ext/standard/php_string.h"
#include "php_freedompay.h"

#include <ctype.h>
#include <math.h>
#include <unistd.h>

zend_class_entry *fp_ce_Client;
static zend_object_handlers fp_client_handlers;

#define FP_DEFAULT_CONNECT_TIMEOUT 10.0
#define FP_DEFAULT_TIMEOUT 30.0
#define FP_DEFAULT_RETRIES 1
#define FP_MAX_RETRIES 10

typedef struct {
	zend_string *merchant_id;
	zend_string *secret;
	zend_string *payout_secret; /* NULL unless configured */
	zend_string *base_url; /* no trailing slash */
	zend_string *ca_info; /* NULL: the system's CA store */
	zend_string *user_agent; /* the whole User-Agent header */
	double timeout;
	double connect_timeout;
	zend_long retries;
	bool testing_mode;
	fp_http *http;
	zend_object std;
} fp_client;

static inline fp_client *fp_client_from_obj(zend_object *obj)
{
	return (fp_client *) ((char *) obj - XtOffsetOf(fp_client, std));
}

#define Z_FP_CLIENT_P(zv) fp_client_from_obj(Z_OBJ_P(zv))

/* ---------------------------------------------------------------------
 * Lifetime
 * ------------------------------------------------------------------- */

static void fp_release_secret(zend_string **secret)
{
	if (*secret != NULL) {
		fp_wipe(ZSTR_VAL(*secret), ZSTR_LEN(*secret));
		zend_string_release(*secret);
		*secret = NULL;
	}
}

static void fp_release_string(zend_string **s)
{
	if (*s != NULL) {
		zend_string_release(*s);
		*s = NULL;
	}
}

/* Frees the configuration (not std). */
static void fp_client_clear(fp_client *c)
{
	fp_release_string(&c->merchant_id);
	fp_release_secret(&c->secret);
	fp_release_secret(&c->payout_secret);
	fp_release_string(&c->base_url);
	fp_release_string(&c->ca_info);
	fp_release_string(&c->user_agent);
	fp_http_free(c->http);
	c->http = NULL;
}

static zend_object *fp_client_create(zend_class_entry *ce)
{
	fp_client *c = zend_object_alloc(sizeof(fp_client), ce);

	memset(c, 0, XtOffsetOf(fp_client, std));
	zend_object_std_init(&c->std, ce);
	object_properties_init(&c->std, ce);
	c->std.handlers = &fp_client_handlers;
	return &c->std;
}

static void fp_client_free(zend_object *obj)
{
	fp_client_clear(fp_client_from_obj(obj));
	zend_object_std_dtor(obj);
}

/* var_dump(), print_r() and debug_zval_dump() see this; the secrets only
 * as "***". */
static HashTable *fp_client_debug_info(zend_object *obj, int *is_temp)
{
	fp_client *c = fp_client_from_obj(obj);
	HashTable *info = zend_new_array(10);
	zval v;

	*is_temp = 1;
#define FP_DEBUG_STR(name, s)   \
	if ((s) != NULL) {          \
		ZVAL_STR_COPY(&v, (s)); \
	} else {                    \
		ZVAL_NULL(&v);          \
	}                           \
	zend_hash_str_update(info, name, sizeof(name) - 1, &v);
	FP_DEBUG_STR("merchantId", c->merchant_id);
	FP_DEBUG_STR("baseUrl", c->base_url);
#undef FP_DEBUG_STR
	ZVAL_STRING(&v, c->secret ? "***" : "");
	zend_hash_str_update(info, ZEND_STRL("secretKey"), &v);
	if (c->payout_secret) {
		ZVAL_STRING(&v, "***");
	} else {
		ZVAL_NULL(&v);
	}
	zend_hash_str_update(info, ZEND_STRL("payoutSecretKey"), &v);
	ZVAL_BOOL(&v, c->testing_mode);
	zend_hash_str_update(info, ZEND_STRL("testingMode"), &v);
	ZVAL_DOUBLE(&v, c->timeout);
	zend_hash_str_update(info, ZEND_STRL("timeout"), &v);
	ZVAL_DOUBLE(&v, c->connect_timeout);
	zend_hash_str_update(info, ZEND_STRL("connectTimeout"), &v);
	ZVAL_LONG(&v, c->retries);
	zend_hash_str_update(info, ZEND_STRL("retries"), &v);
	return info;
}

void fp_client_setup_class(zend_class_entry *ce)
{
	fp_ce_Client = ce;
	ce->create_object = fp_client_create;
	memcpy(&fp_client_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	fp_client_handlers.offset = XtOffsetOf(fp_client, std);
	fp_client_handlers.free_obj = fp_client_free;
	fp_client_handlers.clone_obj = NULL; /* a clone would share the secret and the connections */
	fp_client_handlers.get_debug_info = fp_client_debug_info;
}

/* ---------------------------------------------------------------------
 * Construction: merchant, secret, options
 * ------------------------------------------------------------------- */

static bool fp_is_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return true;
}

static zend_string *fp_parse_merchant_id(zend_string *str, zend_long num)
{
	if (str == NULL && num > 0) {
		return zend_long_to_str(num);
	}
	if (str != NULL && fp_is_digits(ZSTR_VAL(str), ZSTR_LEN(str)) && ZSTR_VAL(str)[0] != '0') {
		return zend_string_copy(str);
	}
	fp_throw_invalid_argument("merchantId must be a positive integer (the shop's number in FreedomPay)");
	return NULL;
}

/* A private copy, wiped when the client is freed; what names it in
 * messages ("secretKey", "Option \"payout_secret_key\""). */
static zend_string *fp_parse_secret(zval *value, const char *what)
{
	if (Z_TYPE_P(value) != IS_STRING) {
		fp_throw_invalid_argument("%s must be a string, %s given", what, zend_zval_type_name(value));
		return NULL;
	}
	if (Z_STRLEN_P(value) == 0) {
		fp_throw_invalid_argument("%s must not be empty", what);
		return NULL;
	}
	return zend_string_init(Z_STRVAL_P(value), Z_STRLEN_P(value), 0);
}

/* "127.0.0.1", "localhost" or "[::1]": the only hosts plain http may reach. */
static bool fp_is_loopback(const char *host, size_t len)
{
	return (len == 9 && memcmp(host, "localhost", 9) == 0) || (len == 5 && memcmp(host, "[::1]", 5) == 0) ||
		(len >= 7 && memcmp(host, "127.", 4) == 0 && strspn(host, "0123456789.") >= len);
}

static zend_string *fp_parse_base_url(zval *value)
{
	const char *url, *host, *end;
	size_t len, scheme, host_len;
	bool https;

	if (Z_TYPE_P(value) != IS_STRING) {
		fp_throw_invalid_argument(
			"Option \"base_url\" must be a string, %s given", zend_zval_type_name(value));
		return NULL;
	}
	url = Z_STRVAL_P(value);
	len = Z_STRLEN_P(value);
	while (len > 0 && url[len - 1] == '/') {
		len--;
	}
	https = len > 8 && strncasecmp(url, "https://", 8) == 0;
	scheme = https ? 8 : (len > 7 && strncasecmp(url, "http://", 7) == 0 ? 7 : 0);
	if (scheme == 0 || strpbrk(url, "?#@ \t\r\n") != NULL || memchr(url, '\0', len) != NULL) {
		fp_throw_invalid_argument("Option \"base_url\" must be an http(s) URL without query, fragment or "
								  "credentials, such as https://api.freedompay.kz");
		return NULL;
	}
	host = url + scheme;
	end = memchr(host, '/', len - scheme);
	end = end ? end : url + len;
	host_len = strcspn(host, host[0] == '[' ? "]" : ":/");
	host_len += host[0] == '[' ? 1 : 0;
	if (host_len == 0 || host + host_len > end) {
		fp_throw_invalid_argument("Option \"base_url\" has no host");
		return NULL;
	}
	if (!https && !fp_is_loopback(host, host_len)) {
		fp_throw_invalid_argument("Option \"base_url\" must use https (plain http is allowed only for "
								  "127.0.0.1, localhost and [::1], e.g. the sandbox)");
		return NULL;
	}
	return zend_string_init(url, len, 0);
}

static zend_string *fp_parse_region(zval *value)
{
	static const char *const regions[][2] = {
		{"kz", "https://api.freedompay.kz"},
		{"kg", "https://api.freedompay.kg"},
		{"uz", "https://api.freedompay.uz"},
	};
	size_t i;

	if (Z_TYPE_P(value) == IS_STRING) {
		for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
			if (Z_STRLEN_P(value) == 2 && memcmp(Z_STRVAL_P(value), regions[i][0], 2) == 0) {
				return zend_string_init(regions[i][1], strlen(regions[i][1]), 0);
			}
		}
	}
	fp_throw_invalid_argument("Option \"region\" must be \"kz\", \"kg\" or \"uz\"");
	return NULL;
}

static bool fp_parse_seconds(zval *value, const char *name, double *out)
{
	double seconds;

	if (Z_TYPE_P(value) == IS_LONG) {
		seconds = (double) Z_LVAL_P(value);
	} else if (Z_TYPE_P(value) == IS_DOUBLE) {
		seconds = Z_DVAL_P(value);
	} else {
		fp_throw_invalid_argument("Option \"%s\" must be a number of seconds (int or float), %s given", name,
			zend_zval_type_name(value));
		return false;
	}
	if (!(seconds >= 0.001 && seconds <= 3600.0)) {
		fp_throw_invalid_argument("Option \"%s\" must be between 0.001 and 3600 seconds", name);
		return false;
	}
	*out = seconds;
	return true;
}

static zend_string *fp_parse_ca_info(zval *value)
{
	if (Z_TYPE_P(value) != IS_STRING || Z_STRLEN_P(value) == 0 ||
		memchr(Z_STRVAL_P(value), '\0', Z_STRLEN_P(value))) {
		fp_throw_invalid_argument("Option \"ca_info\" must be the path of a CA bundle file");
		return NULL;
	}
	if (VCWD_ACCESS(Z_STRVAL_P(value), R_OK) != 0) {
		fp_throw_invalid_argument("Option \"ca_info\": cannot read %s", Z_STRVAL_P(value));
		return NULL;
	}
	return zend_string_copy(Z_STR_P(value));
}

static zend_string *fp_parse_user_agent(zval *value)
{
	if (Z_TYPE_P(value) != IS_STRING || strpbrk(Z_STRVAL_P(value), "\r\n") != NULL ||
		strlen(Z_STRVAL_P(value)) != Z_STRLEN_P(value)) {
		fp_throw_invalid_argument("Option \"user_agent\" must be a string without line breaks");
		return NULL;
	}
	return zend_strpprintf(0, "%s%sfreedompay-php/%s (PHP %s)", Z_STRVAL_P(value),
		Z_STRLEN_P(value) ? " " : "", PHP_FREEDOMPAY_VERSION, PHP_VERSION);
}

static bool fp_parse_option(fp_client *c, zend_string *key, zval *value)
{
	if (zend_string_equals_literal(key, "region")) {
		zend_string *url = fp_parse_region(value);

		if (url == NULL) {
			return false;
		}
		if (c->base_url == NULL) {
			c->base_url = url;
		} else {
			zend_string_release(url); /* base_url overrides region */
		}
		return true;
	}
	if (zend_string_equals_literal(key, "base_url")) {
		fp_release_string(&c->base_url);
		c->base_url = fp_parse_base_url(value);
		return c->base_url != NULL;
	}
	if (zend_string_equals_literal(key, "testing_mode")) {
		if (Z_TYPE_P(value) != IS_TRUE && Z_TYPE_P(value) != IS_FALSE) {
			fp_throw_invalid_argument(
				"Option \"testing_mode\" must be a bool, %s given", zend_zval_type_name(value));
			return false;
		}
		c->testing_mode = Z_TYPE_P(value) == IS_TRUE;
		return true;
	}
	if (zend_string_equals_literal(key, "payout_secret_key")) {
		fp_release_secret(&c->payout_secret);
		c->payout_secret = fp_parse_secret(value, "Option \"payout_secret_key\"");
		return c->payout_secret != NULL;
	}
	if (zend_string_equals_literal(key, "timeout")) {
		return fp_parse_seconds(value, "timeout", &c->timeout);
	}
	if (zend_string_equals_literal(key, "connect_timeout")) {
		return fp_parse_seconds(value, "connect_timeout", &c->connect_timeout);
	}
	if (zend_string_equals_literal(key, "retries")) {
		if (Z_TYPE_P(value) != IS_LONG || Z_LVAL_P(value) < 0 || Z_LVAL_P(value) > FP_MAX_RETRIES) {
			fp_throw_invalid_argument("Option \"retries\" must be an int from 0 to %d", FP_MAX_RETRIES);
			return false;
		}
		c->retries = Z_LVAL_P(value);
		return true;
	}
	if (zend_string_equals_literal(key, "ca_info")) {
		fp_release_string(&c->ca_info);
		c->ca_info = fp_parse_ca_info(value);
		return c->ca_info != NULL;
	}
	if (zend_string_equals_literal(key, "user_agent")) {
		fp_release_string(&c->user_agent);
		c->user_agent = fp_parse_user_agent(value);
		return c->user_agent != NULL;
	}
	fp_throw_invalid_argument(
		"Unknown option \"%s\" (known: region, base_url, testing_mode, payout_secret_key, "
		"timeout, connect_timeout, retries, ca_info, user_agent)",
		ZSTR_VAL(key));
	return false;
}

static bool fp_parse_options(fp_client *c, HashTable *options)
{
	zend_string *key;
	zend_ulong index;
	zval *value;

	ZEND_HASH_FOREACH_KEY_VAL(options, index, key, value) {
		ZVAL_DEREF(value);
		if (key == NULL) {
			fp_throw_invalid_argument(
				"Unknown option %" ZEND_ULONG_FMT_SPEC ": options are keyed by name", index);
			return false;
		}
		if (!fp_parse_option(c, key, value)) {
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

static bool fp_client_start_http(fp_client *c)
{
	fp_http_config config;
	fp_error err;

	config.connect_timeout_ms = (long) ceil(c->connect_timeout * 1000.0);
	config.timeout_ms = (long) ceil(c->timeout * 1000.0);
	config.max_response = (size_t) FREEDOMPAY_G(max_response_size);
	config.ca_info = c->ca_info ? ZSTR_VAL(c->ca_info) : NULL;
	config.user_agent = ZSTR_VAL(c->user_agent);
	config.allow_plain_http = strncasecmp(ZSTR_VAL(c->base_url), "http://", 7) == 0;
	c->http = fp_http_new(&config, &err);
	if (c->http == NULL) {
		fp_throw_core_error(&err);
		return false;
	}
	return true;
}

/* Builds the whole configuration in a scratch struct, so that a failed
 * (or repeated) constructor call never leaves a half-made client. */
static bool fp_client_configure(
	fp_client *fresh, zend_string *mid_str, zend_long mid_num, zval *secret, HashTable *options)
{
	fresh->connect_timeout = FP_DEFAULT_CONNECT_TIMEOUT;
	fresh->timeout = FP_DEFAULT_TIMEOUT;
	fresh->retries = FP_DEFAULT_RETRIES;
	fresh->merchant_id = fp_parse_merchant_id(mid_str, mid_num);
	if (fresh->merchant_id == NULL) {
		return false;
	}
	fresh->secret = fp_parse_secret(secret, "secretKey");
	if (fresh->secret == NULL) {
		return false;
	}
	/* base_url first, whatever the order of the options */
	if (options) {
		zval *base = zend_hash_str_find_deref(options, ZEND_STRL("base_url"));

		if (base != NULL && (fresh->base_url = fp_parse_base_url(base)) == NULL) {
			return false;
		}
		if (!fp_parse_options(fresh, options)) {
			return false;
		}
	}
	if (fresh->base_url == NULL) {
		fresh->base_url = zend_string_init(ZEND_STRL("https://api.freedompay.kz"), 0);
	}
	if (fresh->user_agent == NULL) {
		zval empty;

		ZVAL_EMPTY_STRING(&empty);
		fresh->user_agent = fp_parse_user_agent(&empty);
	}
	return fp_client_start_http(fresh);
}

PHP_METHOD(FreedomPay_Client, __construct)
{
	zend_string *mid_str = NULL, *secret_str;
	zend_long mid_num = 0;
	zval secret;
	HashTable *options = NULL;
	fp_client *c = Z_FP_CLIENT_P(ZEND_THIS);
	fp_client fresh;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR_OR_LONG(mid_str, mid_num)
		Z_PARAM_STR(secret_str)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	memset(&fresh, 0, XtOffsetOf(fp_client, std));
	ZVAL_STR(&secret, secret_str);
	if (!fp_client_configure(&fresh, mid_str, mid_num, &secret, options)) {
		fp_client_clear(&fresh);
		RETURN_THROWS();
	}
	fp_client_clear(c);
	memcpy(c, &fresh, XtOffsetOf(fp_client, std));
}

/* ---------------------------------------------------------------------
 * Endpoints
 * ------------------------------------------------------------------- */

#define FP_ENDPOINT_PAYOUT 1u /* signed with the payout secret key */
#define FP_ENDPOINT_SAFE_READ 2u /* may be retried: it changes nothing */
#define FP_ENDPOINT_PREFIX 4u /* the rule covers every path below */

typedef struct {
	const char *path; /* "{id}" stands for the merchant id */
	unsigned flags;
} fp_endpoint_rule;

static const fp_endpoint_rule fp_endpoint_rules[] = {
	{"get_status3.php", FP_ENDPOINT_SAFE_READ},
	{"get_status.php", FP_ENDPOINT_SAFE_READ},
	{"get_status2.php", FP_ENDPOINT_PAYOUT | FP_ENDPOINT_SAFE_READ},
	{"ps_list.php", FP_ENDPOINT_SAFE_READ},
	{"v1/merchant/{id}/cardstorage/list", FP_ENDPOINT_SAFE_READ},
	{"api/payment_status", FP_ENDPOINT_PAYOUT | FP_ENDPOINT_SAFE_READ},
	{"api/payment_status2", FP_ENDPOINT_PAYOUT | FP_ENDPOINT_SAFE_READ},
	{"api/balance_status", FP_ENDPOINT_PAYOUT | FP_ENDPOINT_SAFE_READ},
	{"api/cbc/status", FP_ENDPOINT_PAYOUT | FP_ENDPOINT_SAFE_READ},
	{"api/", FP_ENDPOINT_PAYOUT | FP_ENDPOINT_PREFIX},
};

static unsigned fp_endpoint_flags(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(fp_endpoint_rules) / sizeof(fp_endpoint_rules[0]); i++) {
		const fp_endpoint_rule *r = &fp_endpoint_rules[i];

		if ((r->flags & FP_ENDPOINT_PREFIX) ? strncmp(path, r->path, strlen(r->path)) == 0
											: strcmp(path, r->path) == 0) {
			return r->flags;
		}
	}
	return 0;
}

typedef struct {
	zend_string *path; /* as the rules name it: "{id}" for the merchant */
	zend_string *url; /* base_url + "/" + path with the merchant id */
	const char *script; /* the signature's script name: url's last segment */
	size_t script_len;
	unsigned flags;
	zend_string *secret; /* borrowed from the client */
	HashTable *fields; /* what is signed and sent */
	smart_str body;
} fp_call;

static void fp_call_release(fp_call *call)
{
	fp_release_string(&call->path);
	fp_release_string(&call->url);
	if (call->fields) {
		zend_array_destroy(call->fields);
		call->fields = NULL;
	}
	smart_str_free(&call->body);
}

static bool fp_path_is_valid(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || p[0] == '/' || p[n - 1] == '/' || strstr(p, "//") != NULL || strstr(p, "..") != NULL ||
		strlen(p) != n) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char) p[i]) && strchr("._-/{}", p[i]) == NULL) {
			return false;
		}
	}
	return true;
}

/* The path as the rules name it: a leading "/" dropped, this merchant's id
 * in "v1/merchant/<id>/" written as {id}. NULL with an exception thrown
 * for a malformed path or another merchant's. */
static zend_string *fp_rule_path(fp_client *c, zend_string *path)
{
	const char *p = ZSTR_VAL(path);
	size_t n = ZSTR_LEN(path);
	zend_string *own = zend_strpprintf(0, "v1/merchant/%s/", ZSTR_VAL(c->merchant_id));
	zend_string *rule;

	if (n > 0 && p[0] == '/') {
		p++;
		n--;
	}
	if (!fp_path_is_valid(p, n)) {
		zend_string_release(own);
		fp_throw_invalid_argument("path \"%s\" is not a gateway path such as \"init_payment.php\" or "
								  "\"v1/merchant/{id}/card/init\"",
			ZSTR_VAL(path));
		return NULL;
	}
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

/* Sets the call's rule path, URL, script name and endpoint flags. */
static bool fp_call_resolve(fp_client *c, zend_string *path, fp_call *call)
{
	zend_string *with_id;

	call->path = fp_rule_path(c, path);
	if (call->path == NULL) {
		return false;
	}
	with_id = php_str_to_str(ZSTR_VAL(call->path), ZSTR_LEN(call->path), "{id}", 4, ZSTR_VAL(c->merchant_id),
		ZSTR_LEN(c->merchant_id));
	if (strpbrk(ZSTR_VAL(with_id), "{}") != NULL) {
		zend_string_release(with_id);
		fp_throw_invalid_argument("path \"%s\" may only contain the placeholder {id}", ZSTR_VAL(path));
		return false;
	}
	call->url = zend_strpprintf(0, "%s/%s", ZSTR_VAL(c->base_url), ZSTR_VAL(with_id));
	zend_string_release(with_id);
	fp_script_name(ZSTR_VAL(call->url), ZSTR_LEN(call->url), &call->script, &call->script_len);
	call->flags = fp_endpoint_flags(ZSTR_VAL(call->path));
	return true;
}

static bool fp_call_choose_secret(fp_client *c, fp_call *call)
{
	if (!(call->flags & FP_ENDPOINT_PAYOUT)) {
		call->secret = c->secret;
		return true;
	}
	if (c->payout_secret == NULL) {
		fp_throw_invalid_argument("Option \"payout_secret_key\" is required: %s is signed with the payout "
								  "secret key",
			ZSTR_VAL(call->path));
		return false;
	}
	call->secret = c->payout_secret;
	return true;
}

static void fp_fields_set(HashTable *fields, const char *name, size_t len, zend_string *value)
{
	zval v;

	ZVAL_STR(&v, value);
	zend_hash_str_update(fields, name, len, &v);
}

/* pg_merchant_id, pg_salt and pg_testing_mode, unless the caller set them. */
static bool fp_call_complete_fields(fp_client *c, fp_call *call)
{
	zval *mid = zend_hash_str_find(call->fields, ZEND_STRL("pg_merchant_id"));
	zval *salt;

	if (mid != NULL && !(Z_TYPE_P(mid) == IS_STRING && zend_string_equals(Z_STR_P(mid), c->merchant_id))) {
		fp_throw_invalid_argument(
			"Parameter \"pg_merchant_id\" must be this client's merchant id (%s)", ZSTR_VAL(c->merchant_id));
		return false;
	}
	if (mid == NULL) {
		fp_fields_set(call->fields, ZEND_STRL("pg_merchant_id"), zend_string_copy(c->merchant_id));
	}
	/* Looked up after the insert above, which may have moved the buckets.
	 * The caller's salt stands; a missing or empty one is made fresh (fields
	 * are normalized, so a present salt is a string). */
	salt = zend_hash_str_find(call->fields, ZEND_STRL("pg_salt"));
	if (salt == NULL || Z_STRLEN_P(salt) == 0) {
		zend_string *fresh = fp_new_salt();

		if (fresh == NULL) {
			return false;
		}
		fp_fields_set(call->fields, ZEND_STRL("pg_salt"), fresh);
	}
	if (c->testing_mode && !zend_hash_str_exists(call->fields, ZEND_STRL("pg_testing_mode"))) {
		fp_fields_set(call->fields, ZEND_STRL("pg_testing_mode"), ZSTR_CHAR('1'));
	}
	zend_hash_str_del(call->fields, ZEND_STRL("pg_sig"));
	return true;
}

static bool fp_call_prepare(fp_client *c, zend_string *path, HashTable *params, fp_call *call)
{
	char sig[FP_MD5_HEX_LEN + 1];

	if (!fp_call_resolve(c, path, call) || !fp_call_choose_secret(c, call)) {
		return false;
	}
	call->fields = fp_params_normalize(params);
	if (call->fields == NULL || !fp_call_complete_fields(c, call)) {
		return false;
	}
	if (!fp_params_sign(call->script, call->script_len, call->fields, ZSTR_VAL(call->secret),
			ZSTR_LEN(call->secret), sig)) {
		return false;
	}
	fp_fields_set(call->fields, ZEND_STRL("pg_sig"), zend_string_init(sig, FP_MD5_HEX_LEN, 0));
	fp_params_form_encode(call->fields, &call->body);
	return true;
}

/* ---------------------------------------------------------------------
 * Sending, with retries for reads
 * ------------------------------------------------------------------- */

/* A failure worth another try: the request may not have arrived, or the
 * answer was lost or garbled on the way. Never TLS, size, signature or
 * gateway errors. */
static bool fp_is_retryable(const fp_error *err)
{
	switch (err->domain) {
	case FP_ERR_TRANSPORT:
	case FP_ERR_TIMEOUT:
	case FP_ERR_MALFORMED:
		return true;
	case FP_ERR_HTTP:
		return err->code >= 500;
	default:
		return false;
	}
}

/* One attempt. True when finished (a result or an exception); false with
 * err set when the attempt failed before a verifiable reply arrived. */
static bool fp_call_attempt(fp_client *c, fp_call *call, zval *return_value, fp_error *err)
{
	fp_http_exchange x;
	bool finished = false;

	fp_http_exchange_init(&x, ZSTR_VAL(call->url), ZSTR_VAL(call->body.s), ZSTR_LEN(call->body.s));
	fp_http_post(c->http, &x, 1, 1);
	if (x.error.domain != FP_OK) {
		*err = x.error;
	} else {
		fp_reply_result r = fp_reply_handle(x.data ? x.data : "", x.len, call->script, call->script_len,
			call->secret, ZSTR_VAL(call->url), return_value, err);

		if (r == FP_REPLY_MALFORMED) {
			char why[sizeof(err->message)];

			memcpy(why, err->message, sizeof(why));
			fp_error_set(err, FP_ERR_MALFORMED, 0, "The reply from %s is not a gateway reply: %s",
				ZSTR_VAL(call->url), why);
		} else {
			finished = true;
		}
	}
	fp_http_exchange_release(&x);
	return finished;
}

static void fp_backoff(int attempt)
{
	/* 0.25 s, 0.5 s, 1 s ... capped at 2 s: the gateway asks for pauses. */
	long ms = 250L << (attempt < 3 ? attempt : 3);

	usleep((useconds_t) ((ms > 2000 ? 2000 : ms) * 1000));
}

static void fp_call_execute(fp_client *c, fp_call *call, zval *return_value)
{
	int attempts = 1 + ((call->flags & FP_ENDPOINT_SAFE_READ) ? (int) c->retries : 0);
	int attempt;
	fp_error err;

	fp_error_clear(&err);
	for (attempt = 0; attempt < attempts; attempt++) {
		if (attempt > 0) {
			fp_backoff(attempt - 1);
		}
		/* The same body every time: same salt, same signature. */
		if (fp_call_attempt(c, call, return_value, &err)) {
			return;
		}
		if (!fp_is_retryable(&err)) {
			break;
		}
	}
	fp_throw_core_error(&err);
}

static void fp_client_call(zval *object, zend_string *path, HashTable *params, zval *return_value)
{
	fp_client *c = Z_FP_CLIENT_P(object);
	fp_call call;

	memset(&call, 0, sizeof(call));
	if (c->http == NULL) {
		zend_throw_error(NULL, "FreedomPay\\Client was not constructed");
		return;
	}
	if (fp_call_prepare(c, path, params, &call)) {
		fp_call_execute(c, &call, return_value);
	}
	fp_call_release(&call);
}

PHP_METHOD(FreedomPay_Client, request)
{
	zend_string *path;
	HashTable *params = (HashTable *) &zend_empty_array;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(path)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(params)
	ZEND_PARSE_PARAMETERS_END();

	fp_client_call(ZEND_THIS, path, params, return_value);
}

/* ---------------------------------------------------------------------
 * One method per endpoint
 * ------------------------------------------------------------------- */

static bool fp_require(HashTable *params, const char *method, const char *name)
{
	zval *v = zend_hash_str_find_deref(params, name, strlen(name));

	if (v == NULL || Z_TYPE_P(v) == IS_NULL || (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) == 0)) {
		fp_throw_invalid_argument("%s(): parameter \"%s\" is required", method, name);
		return false;
	}
	return true;
}

/* An amount as the gateway takes it: a decimal point, at most 2 decimals,
 * no thousands separators, at least 0.01. */
static bool fp_amount_is_valid(const char *s, size_t n)
{
	size_t i = 0, digits = 0, decimals = 0;
	bool nonzero = false;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		nonzero |= s[i++] != '0';
		digits++;
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			nonzero |= s[i] != '0';
			decimals++;
		}
		if (decimals == 0) {
			return false;
		}
	}
	return i == n && digits > 0 && digits <= 8 && decimals <= 2 && nonzero;
}

static bool fp_require_amount(HashTable *params, const char *method, const char *name)
{
	zval *v = zend_hash_str_find_deref(params, name, strlen(name));
	zend_string *str;
	bool ok;

	if (v == NULL) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_STRING && Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_DOUBLE) {
		fp_throw_invalid_argument(
			"%s(): parameter \"%s\" must be an amount such as \"2500.00\"", method, name);
		return false;
	}
	str = zval_get_string(v);
	ok = fp_amount_is_valid(ZSTR_VAL(str), ZSTR_LEN(str));
	if (!ok) {
		fp_throw_invalid_argument(
			"%s(): parameter \"%s\" must be an amount from 0.01 with at most 2 decimals "
			"and a decimal point, \"%s\" given",
			method, name, ZSTR_VAL(str));
	}
	zend_string_release(str);
	return ok;
}

static void fp_client_endpoint(zval *object, const char *path, HashTable *params, zval *return_value)
{
	zend_string *p = zend_string_init(path, strlen(path), 0);

	fp_client_call(object, p, params, return_value);
	zend_string_release(p);
}

PHP_METHOD(FreedomPay_Client, initPayment)
{
	HashTable *params;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(params)
	ZEND_PARSE_PARAMETERS_END();

	if (!fp_require(params, "initPayment", "pg_amount") ||
		!fp_require_amount(params, "initPayment", "pg_amount") ||
		!fp_require(params, "initPayment", "pg_description")) {
		RETURN_THROWS();
	}
	fp_client_endpoint(ZEND_THIS, "init_payment.php", params, return_value);
}

/* get_status3.php, by pg_payment_id or pg_order_id. */
PHP_METHOD(FreedomPay_Client, status)
{
	HashTable *params;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(params)
	ZEND_PARSE_PARAMETERS_END();

	if (!zend_hash_str_exists(params, ZEND_STRL("pg_payment_id")) &&
		!zend_hash_str_exists(params, ZEND_STRL("pg_order_id"))) {
		fp_throw_invalid_argument("status(): parameter \"pg_payment_id\" or \"pg_order_id\" is required");
		RETURN_THROWS();
	}
	fp_client_endpoint(ZEND_THIS, "get_status3.php", params, return_value);
}
