/*
 * freedompay binding: the gateway's endpoints, one table row each.
 *
 * A row says where an endpoint lives, which key signs it, whether it may
 * be retried (a safe read) or creates something (then pg_order_id is
 * required: a payment the shop cannot look up is lost), and which fields
 * it requires. Client methods are thin shells over one invoker, and
 * request() finds the same row by path, so a named method and request()
 * can never sign or send differently.
 */
#include "php_freedompay_int.h"

#include "core/fp_field.h"

struct fp_endpoint {
	const char *path; /* "{id}" stands for the merchant id */
	unsigned flags;
	const char *const *required; /* NULL-terminated, or NULL */
	const char *const *one_of; /* at least one of these, or NULL */
};

static const char *const fp_req_init[] = {"pg_amount", "pg_description", NULL};
static const char *const fp_req_payment_id[] = {"pg_payment_id", NULL};
static const char *const fp_one_of_payment_or_order[] = {"pg_payment_id", "pg_order_id", NULL};

#define FP_CREATE (FP_EP_CREATES | FP_EP_TESTING)
#define FP_PAYOUT_READ (FP_EP_PAYOUT_KEY | FP_EP_SAFE_READ)

static const fp_endpoint fp_endpoints[] = {
	/* purchases */
	{"init_payment.php", FP_CREATE, fp_req_init, NULL},
	{"g2g/payment_page", FP_CREATE, fp_req_init, NULL},
	{"g2g/any_amount", FP_CREATE, NULL, NULL},
	{"g2g/payment", FP_CREATE, fp_req_init, NULL},
	{"g2g/paymentAcs", 0, fp_req_payment_id, NULL},
	{"make_recurring_payment.php", FP_CREATE, fp_req_init, NULL},
	{"v1/merchant/{id}/card/init", FP_CREATE, fp_req_init, NULL},
	{"v1/merchant/{id}/card/pay", 0, fp_req_payment_id, NULL},
	{"v1/merchant/{id}/card/direct", 0, fp_req_payment_id, NULL},
	{"cancel.php", 0, fp_req_payment_id, NULL},
	{"revoke.php", 0, fp_req_payment_id, NULL},
	{"do_capture.php", 0, fp_req_payment_id, NULL},
	{"get_status3.php", FP_EP_SAFE_READ, NULL, fp_one_of_payment_or_order},
	{"get_status.php", FP_EP_SAFE_READ, NULL, fp_one_of_payment_or_order},
	{"ps_list.php", FP_EP_SAFE_READ, NULL, NULL},
	/* payouts */
	{"api/reg2nonreg", FP_EP_PAYOUT_KEY | FP_EP_CREATES, NULL, NULL},
	{"api/reg2reg", FP_EP_PAYOUT_KEY | FP_EP_CREATES, NULL, NULL},
	{"api/to_iban", FP_EP_PAYOUT_KEY | FP_EP_CREATES, NULL, NULL},
	{"api/cbc/check", FP_EP_PAYOUT_KEY | FP_EP_CREATES, NULL, NULL},
	{"get_status2.php", FP_PAYOUT_READ, NULL, fp_one_of_payment_or_order},
	{"api/payment_status", FP_PAYOUT_READ, NULL, fp_one_of_payment_or_order},
	{"api/payment_status2", FP_PAYOUT_READ, NULL, fp_one_of_payment_or_order},
	{"api/balance_status", FP_PAYOUT_READ, NULL, NULL},
	{"api/cbc/status", FP_PAYOUT_READ, fp_req_payment_id, NULL},
	{"api/", FP_EP_PAYOUT_KEY | FP_EP_PREFIX, NULL, NULL},
	/* card storage */
	{"v1/merchant/{id}/cardstorage/list", FP_EP_SAFE_READ, NULL, NULL},
};

#define FP_ENDPOINT_COUNT (sizeof(fp_endpoints) / sizeof(fp_endpoints[0]))

const fp_endpoint *fp_endpoint_for_path(const char *path)
{
	size_t i;

	for (i = 0; i < FP_ENDPOINT_COUNT; i++) {
		const fp_endpoint *ep = &fp_endpoints[i];

		if ((ep->flags & FP_EP_PREFIX) ? strncmp(path, ep->path, strlen(ep->path)) == 0
									   : strcmp(path, ep->path) == 0) {
			return ep;
		}
	}
	return NULL;
}

unsigned fp_endpoint_flags(const fp_endpoint *ep)
{
	return ep != NULL ? ep->flags : 0;
}

/* ---------------------------------------------------------------------
 * Field rules: the grammar of every field the gateway documents, applied
 * wherever the field is sent
 * ------------------------------------------------------------------- */

static const struct {
	const char *name;
	fp_field_kind kind;
} fp_field_rules[] = {
	{"pg_amount", FP_FIELD_AMOUNT},
	{"pg_refund_amount", FP_FIELD_AMOUNT},
	{"pg_clearing_amount", FP_FIELD_AMOUNT},
	{"pg_order_id", FP_FIELD_ORDER_ID},
	{"pg_payment_id", FP_FIELD_ID},
	{"pg_description", FP_FIELD_TEXT},
	{"pg_currency", FP_FIELD_CURRENCY},
	{"pg_language", FP_FIELD_LANGUAGE},
	{"pg_user_phone", FP_FIELD_PHONE},
	{"pg_phone", FP_FIELD_PHONE},
	{"pg_user_contact_email", FP_FIELD_EMAIL},
	{"pg_user_email", FP_FIELD_EMAIL},
	{"pg_check_url", FP_FIELD_URL},
	{"pg_result_url", FP_FIELD_URL},
	{"pg_refund_url", FP_FIELD_URL},
	{"pg_capture_url", FP_FIELD_URL},
	{"pg_success_url", FP_FIELD_URL},
	{"pg_failure_url", FP_FIELD_URL},
	{"pg_site_url", FP_FIELD_URL},
	{"pg_state_url", FP_FIELD_URL},
	{"pg_post_link", FP_FIELD_URL},
	{"pg_back_link", FP_FIELD_URL},
	{"pg_testing_mode", FP_FIELD_FLAG},
	{"pg_auto_clearing", FP_FIELD_FLAG},
	{"pg_recurring_start", FP_FIELD_FLAG},
	{"pg_lifetime", FP_FIELD_DIGITS},
	{"pg_recurring_lifetime", FP_FIELD_DIGITS},
	{"pg_card_pan", FP_FIELD_CARD_PAN},
	{"pg_card_cvc", FP_FIELD_CARD_CVC},
	{"pg_card_month", FP_FIELD_CARD_MONTH},
	{"pg_card_year", FP_FIELD_CARD_YEAR},
	{"pg_card_token", FP_FIELD_TOKEN},
	{"pg_card_token_to", FP_FIELD_TOKEN},
	{"pg_idempotency_key", FP_FIELD_TOKEN},
	{"pg_recipient_iban", FP_FIELD_IBAN},
	{"pg_order_time_limit", FP_FIELD_DATETIME},
};

/* A rule-checked field that breaks its rule, or is required and missing
 * or empty: the exception names it. */
static bool fp_check_field(
	const char *method, HashTable *fields, const char *name, fp_field_kind kind, bool required)
{
	zval *v = zend_hash_str_find(fields, name, strlen(name));
	const char *why;

	if (v == NULL || (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) == 0 && kind != FP_FIELD_ANY)) {
		if (required) {
			fp_throw_invalid_argument("%s(): parameter \"%s\" is required", method, name);
			return false;
		}
		return true;
	}
	if (Z_TYPE_P(v) != IS_STRING) {
		fp_throw_invalid_argument("%s(): parameter \"%s\" must be a value, not an array", method, name);
		return false;
	}
	why = fp_field_check(kind, Z_STRVAL_P(v), Z_STRLEN_P(v));
	if (why != NULL) {
		/* The value is the shop's own: shown, cut short, for the message. */
		fp_throw_invalid_argument("%s(): parameter \"%s\" %s, \"%.*s\" given", method, name, why,
			(int) MIN(Z_STRLEN_P(v), 64), Z_STRVAL_P(v));
		return false;
	}
	return true;
}

static fp_field_kind fp_field_kind_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(fp_field_rules) / sizeof(fp_field_rules[0]); i++) {
		if (strcmp(fp_field_rules[i].name, name) == 0) {
			return fp_field_rules[i].kind;
		}
	}
	return FP_FIELD_ANY;
}

static bool fp_check_one_of(const fp_endpoint *ep, const char *method, HashTable *fields)
{
	const char *const *name;

	for (name = ep->one_of; *name != NULL; name++) {
		zval *v = zend_hash_str_find(fields, *name, strlen(*name));

		if (v != NULL && Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) > 0) {
			return true;
		}
	}
	fp_throw_invalid_argument(
		"%s(): parameter \"%s\" or \"%s\" is required", method, ep->one_of[0], ep->one_of[1]);
	return false;
}

bool fp_endpoint_check_fields(const fp_endpoint *ep, const char *method, HashTable *fields)
{
	const char *const *name;
	size_t i;

	for (name = ep != NULL ? ep->required : NULL; name != NULL && *name != NULL; name++) {
		if (!fp_check_field(method, fields, *name, fp_field_kind_of(*name), true)) {
			return false;
		}
	}
	/* A payment or payout the shop cannot look up after a lost reply is a
	 * lost payment: the order id is its key. */
	if (ep != NULL && (ep->flags & FP_EP_CREATES) &&
		!fp_check_field(method, fields, "pg_order_id", FP_FIELD_ORDER_ID, true)) {
		return false;
	}
	if (ep != NULL && ep->one_of != NULL && !fp_check_one_of(ep, method, fields)) {
		return false;
	}
	for (i = 0; i < sizeof(fp_field_rules) / sizeof(fp_field_rules[0]); i++) {
		if (!fp_check_field(method, fields, fp_field_rules[i].name, fp_field_rules[i].kind, false)) {
			return false;
		}
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Methods
 * ------------------------------------------------------------------- */

static void fp_invoke(
	zval *object, const char *method, const char *path, HashTable *params, zval *return_value)
{
	zend_string *p = zend_string_init(path, strlen(path), 0);

	fp_client_call(object, method, p, params, return_value);
	zend_string_release(p);
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

	fp_client_call(ZEND_THIS, "request", path, params, return_value);
}

PHP_METHOD(FreedomPay_Client, initPayment)
{
	HashTable *params;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(params)
	ZEND_PARSE_PARAMETERS_END();

	fp_invoke(ZEND_THIS, "initPayment", "init_payment.php", params, return_value);
}

PHP_METHOD(FreedomPay_Client, status)
{
	HashTable *params;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(params)
	ZEND_PARSE_PARAMETERS_END();

	fp_invoke(ZEND_THIS, "status", "get_status3.php", params, return_value);
}
