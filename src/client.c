/*
 * freedompay binding: the FreedomPay\Client object and its options.
 *
 * The object holds the configuration and one fp_http (connections kept
 * alive between calls). The calls themselves live in call.c and
 * endpoints.c.
 */
#include "php_freedompay_int.h"

#include "core/fp_url.h"
#include "php_freedompay.h"

#include <curl/curl.h>
#include <math.h>
#include <unistd.h>

zend_class_entry *fp_ce_Client;
static zend_object_handlers fp_client_handlers;

#define FP_DEFAULT_CONNECT_TIMEOUT 10.0
#define FP_DEFAULT_TIMEOUT 30.0
#define FP_DEFAULT_RETRIES 1
#define FP_MAX_RETRIES 10

/* ---------------------------------------------------------------------
 * Lifetime
 * ------------------------------------------------------------------- */

/* A request in progress may hold the same string: the last holder wipes it. */
void fp_secret_release(zend_string *secret)
{
	if (!ZSTR_IS_INTERNED(secret) && GC_REFCOUNT(secret) == 1) {
		fp_wipe(ZSTR_VAL(secret), ZSTR_LEN(secret));
	}
	zend_string_release(secret);
}

static void fp_release_secret(zend_string **secret)
{
	if (*secret != NULL) {
		fp_secret_release(*secret);
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
	fp_release_secret(&c->proxy); /* may carry a password */
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

/* Two clients are equal only if they are the same object: a client has no
 * properties, so the default comparison would call any two equal. */
static int fp_client_compare(zval *a, zval *b)
{
	ZEND_COMPARE_OBJECTS_FALLBACK(a, b);
	return Z_OBJ_P(a) == Z_OBJ_P(b) ? 0 : ZEND_UNCOMPARABLE;
}

/* A proxy URL with its credentials hidden: scheme, three stars, @host:port. */
static zend_string *fp_proxy_for_display(const zend_string *proxy)
{
	const char *p = ZSTR_VAL(proxy), *scheme_end = strstr(p, "://"), *at = strrchr(p, '@');

	if (scheme_end == NULL || at == NULL || at < scheme_end) {
		return zend_string_copy((zend_string *) proxy);
	}
	return zend_strpprintf(0, "%.*s://***%s", (int) (scheme_end - p), p, at);
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
	ZVAL_BOOL(&v, c->persistent);
	zend_hash_str_update(info, ZEND_STRL("persistentConnections"), &v);
	if (c->proxy) {
		ZVAL_STR(&v, fp_proxy_for_display(c->proxy));
	} else {
		ZVAL_NULL(&v);
	}
	zend_hash_str_update(info, ZEND_STRL("proxy"), &v);
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
	fp_client_handlers.compare = fp_client_compare;
}

/* ---------------------------------------------------------------------
 * Connections kept across clients and requests
 * ------------------------------------------------------------------- */

/*
 * A long-lived php-fpm worker keeps its connections to the gateway from one
 * PHP request to the next: every client's transfers share one connection
 * cache (and DNS and TLS session caches) per process. Module globals are
 * per thread under ZTS, so no share is ever used by two threads, and no
 * lock is needed. A forked child must not touch its parent's connections
 * (closing them would end the parent's TLS sessions), so a child makes its
 * own share and leaves the inherited one alone.
 */
void *fp_shared_connections(void)
{
	CURLSH *share;

	if (FREEDOMPAY_G(share) != NULL && FREEDOMPAY_G(share_pid) == (long) getpid()) {
		return FREEDOMPAY_G(share);
	}
	share = curl_share_init();
	if (share == NULL || curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK ||
		curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK ||
		curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK) {
		if (share != NULL) {
			curl_share_cleanup(share);
		}
		return NULL;
	}
	FREEDOMPAY_G(share) = share;
	FREEDOMPAY_G(share_pid) = (long) getpid();
	return share;
}

void fp_shared_connections_free(void)
{
	if (FREEDOMPAY_G(share) != NULL && FREEDOMPAY_G(share_pid) == (long) getpid()) {
		curl_share_cleanup(FREEDOMPAY_G(share));
	}
	FREEDOMPAY_G(share) = NULL;
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
	if (str != NULL && fp_is_digits(ZSTR_VAL(str), ZSTR_LEN(str)) && ZSTR_VAL(str)[0] != '0' &&
		ZSTR_LEN(str) <= 20) {
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

/* One option: its name, and what reads it into the fresh client. */
typedef bool (*fp_option_parser)(fp_client *c, zval *value, const char *name);

static bool fp_expect_string(zval *value, const char *name)
{
	if (Z_TYPE_P(value) != IS_STRING) {
		fp_throw_invalid_argument(
			"Option \"%s\" must be a string, %s given", name, zend_zval_type_name(value));
		return false;
	}
	return true;
}

static bool fp_option_base_url(fp_client *c, zval *value, const char *name)
{
	fp_base_url url;
	fp_error err;

	if (!fp_expect_string(value, name)) {
		return false;
	}
	if (!fp_url_parse_base(Z_STRVAL_P(value), Z_STRLEN_P(value), &url, &err)) {
		fp_throw_core_error(&err);
		return false;
	}
	fp_release_string(&c->base_url);
	c->base_url = zend_string_init(Z_STRVAL_P(value), url.len, 0);
	return true;
}

static bool fp_option_region(fp_client *c, zval *value, const char *name)
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
				/* base_url, wherever it stands among the options, wins */
				if (c->base_url == NULL) {
					c->base_url = zend_string_init(regions[i][1], strlen(regions[i][1]), 0);
				}
				return true;
			}
		}
	}
	fp_throw_invalid_argument("Option \"%s\" must be \"kz\", \"kg\" or \"uz\"", name);
	return false;
}

static bool fp_option_testing_mode(fp_client *c, zval *value, const char *name)
{
	if (Z_TYPE_P(value) != IS_TRUE && Z_TYPE_P(value) != IS_FALSE) {
		fp_throw_invalid_argument("Option \"%s\" must be a bool, %s given", name, zend_zval_type_name(value));
		return false;
	}
	c->testing_mode = Z_TYPE_P(value) == IS_TRUE;
	return true;
}

static bool fp_option_payout_secret_key(fp_client *c, zval *value, const char *name)
{
	(void) name;
	fp_release_secret(&c->payout_secret);
	c->payout_secret = fp_parse_secret(value, "Option \"payout_secret_key\"");
	return c->payout_secret != NULL;
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

static bool fp_option_timeout(fp_client *c, zval *value, const char *name)
{
	return fp_parse_seconds(value, name, &c->timeout);
}

static bool fp_option_connect_timeout(fp_client *c, zval *value, const char *name)
{
	return fp_parse_seconds(value, name, &c->connect_timeout);
}

static bool fp_option_retries(fp_client *c, zval *value, const char *name)
{
	if (Z_TYPE_P(value) != IS_LONG || Z_LVAL_P(value) < 0 || Z_LVAL_P(value) > FP_MAX_RETRIES) {
		fp_throw_invalid_argument("Option \"%s\" must be an int from 0 to %d", name, FP_MAX_RETRIES);
		return false;
	}
	c->retries = Z_LVAL_P(value);
	return true;
}

static bool fp_option_ca_info(fp_client *c, zval *value, const char *name)
{
	if (Z_TYPE_P(value) != IS_STRING || Z_STRLEN_P(value) == 0 ||
		memchr(Z_STRVAL_P(value), '\0', Z_STRLEN_P(value))) {
		fp_throw_invalid_argument("Option \"%s\" must be the path of a CA bundle file", name);
		return false;
	}
	if (VCWD_ACCESS(Z_STRVAL_P(value), R_OK) != 0) {
		fp_throw_invalid_argument("Option \"%s\": cannot read %s", name, Z_STRVAL_P(value));
		return false;
	}
	fp_release_string(&c->ca_info);
	c->ca_info = zend_string_copy(Z_STR_P(value));
	return true;
}

static zend_string *fp_user_agent(const char *prefix, size_t len)
{
	return zend_strpprintf(0, "%.*s%sfreedompay-php/%s (PHP %s)", (int) len, prefix, len ? " " : "",
		PHP_FREEDOMPAY_VERSION, PHP_VERSION);
}

static bool fp_option_user_agent(fp_client *c, zval *value, const char *name)
{
	if (Z_TYPE_P(value) != IS_STRING || strpbrk(Z_STRVAL_P(value), "\r\n") != NULL ||
		strlen(Z_STRVAL_P(value)) != Z_STRLEN_P(value)) {
		fp_throw_invalid_argument("Option \"%s\" must be a string without line breaks", name);
		return false;
	}
	fp_release_string(&c->user_agent);
	c->user_agent = fp_user_agent(Z_STRVAL_P(value), Z_STRLEN_P(value));
	return true;
}

static bool fp_option_proxy(fp_client *c, zval *value, const char *name)
{
	fp_error err;

	if (Z_TYPE_P(value) == IS_NULL) {
		fp_release_secret(&c->proxy);
		return true;
	}
	if (!fp_expect_string(value, name)) {
		return false;
	}
	if (!fp_url_check_proxy(Z_STRVAL_P(value), Z_STRLEN_P(value), &err)) {
		fp_throw_core_error(&err);
		return false;
	}
	fp_release_secret(&c->proxy);
	c->proxy = zend_string_init(Z_STRVAL_P(value), Z_STRLEN_P(value), 0);
	return true;
}

static bool fp_option_persistent_connections(fp_client *c, zval *value, const char *name)
{
	if (Z_TYPE_P(value) != IS_TRUE && Z_TYPE_P(value) != IS_FALSE) {
		fp_throw_invalid_argument("Option \"%s\" must be a bool, %s given", name, zend_zval_type_name(value));
		return false;
	}
	c->persistent = Z_TYPE_P(value) == IS_TRUE;
	return true;
}

static const struct {
	const char *name;
	fp_option_parser parse;
} fp_options[] = {
	{"region", fp_option_region},
	{"base_url", fp_option_base_url},
	{"testing_mode", fp_option_testing_mode},
	{"payout_secret_key", fp_option_payout_secret_key},
	{"timeout", fp_option_timeout},
	{"connect_timeout", fp_option_connect_timeout},
	{"retries", fp_option_retries},
	{"ca_info", fp_option_ca_info},
	{"user_agent", fp_option_user_agent},
	{"proxy", fp_option_proxy},
	{"persistent_connections", fp_option_persistent_connections},
};

#define FP_OPTION_COUNT (sizeof(fp_options) / sizeof(fp_options[0]))

static void fp_throw_unknown_option(const char *what)
{
	smart_str known = {0};
	size_t i;

	for (i = 0; i < FP_OPTION_COUNT; i++) {
		smart_str_appends(&known, i ? ", " : "");
		smart_str_appends(&known, fp_options[i].name);
	}
	smart_str_0(&known);
	fp_throw_invalid_argument("Unknown option %s (known: %s)", what, ZSTR_VAL(known.s));
	smart_str_free(&known);
}

static bool fp_parse_option(fp_client *c, zend_string *key, zval *value)
{
	zend_string *quoted;
	size_t i;

	for (i = 0; i < FP_OPTION_COUNT; i++) {
		if (ZSTR_LEN(key) == strlen(fp_options[i].name) &&
			memcmp(ZSTR_VAL(key), fp_options[i].name, ZSTR_LEN(key)) == 0) {
			return fp_options[i].parse(c, value, fp_options[i].name);
		}
	}
	quoted = zend_strpprintf(0, "\"%s\"", ZSTR_VAL(key));
	fp_throw_unknown_option(ZSTR_VAL(quoted));
	zend_string_release(quoted);
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

	config.ca_info = c->ca_info ? ZSTR_VAL(c->ca_info) : NULL;
	config.user_agent = ZSTR_VAL(c->user_agent);
	config.proxy = c->proxy ? ZSTR_VAL(c->proxy) : NULL;
	config.allow_plain_http = strncasecmp(ZSTR_VAL(c->base_url), "http://", 7) == 0;
	config.share = c->persistent ? fp_shared_connections() : NULL;
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
	fresh->persistent = true;
	fresh->merchant_id = fp_parse_merchant_id(mid_str, mid_num);
	if (fresh->merchant_id == NULL) {
		return false;
	}
	fresh->secret = fp_parse_secret(secret, "secretKey");
	if (fresh->secret == NULL) {
		return false;
	}
	if (options) {
		/* base_url first, so that region (wherever it stands) yields to it */
		zval *base = zend_hash_str_find_deref(options, ZEND_STRL("base_url"));

		if (base != NULL && !fp_option_base_url(fresh, base, "base_url")) {
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
		fresh->user_agent = fp_user_agent("", 0);
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
