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

/* What a method's PHP arguments are, and where they go. */
typedef enum {
	FP_ARGS_PARAMS, /* (array $params) */
	FP_ARGS_NONE, /* () */
	FP_ARGS_ID, /* (int|string $id) */
	FP_ARGS_ID_PARAMS, /* (int|string $id, array $params = []) */
	FP_ARGS_ID_AMOUNT_PARAMS, /* (int|string $id, int|float|string|null $amount = null, array $params = []) */
	FP_ARGS_ID_TOKEN, /* (int|string $id, string $token) */
} fp_args_shape;

struct fp_endpoint {
	const char *method; /* the Client method, or NULL: a path only request() reaches */
	const char *path; /* "{id}" stands for the merchant id */
	unsigned flags;
	fp_args_shape args;
	const char *arg1; /* the field the first argument fills */
	const char *arg2; /* the field the second argument fills */
	const char *const *required; /* NULL-terminated, or NULL */
	const char *const *one_of; /* at least one of these, or NULL */
	const char *path_by_payment_id; /* the path when the params have no pg_order_id, or NULL */
	const char *list; /* an element the reply repeats: always a list, empty when absent */
};

static const char *const fp_req_init[] = {"pg_amount", "pg_description", NULL};
static const char *const fp_req_description[] = {"pg_description", NULL};
static const char *const fp_req_card[] = {"pg_amount", "pg_description", "pg_card_pan", "pg_card_cvc",
	"pg_card_month", "pg_card_year", "pg_card_name", NULL};
static const char *const fp_req_acs[] = {"pg_payment_id", "pg_3d_md", "pg_3d_pares", NULL};
static const char *const fp_req_recurring[] = {"pg_recurring_profile", "pg_amount", "pg_description", NULL};
static const char *const fp_req_saved_card[] = {
	"pg_user_id", "pg_card_token", "pg_amount", "pg_description", NULL};
static const char *const fp_req_payment_id[] = {"pg_payment_id", NULL};
static const char *const fp_one_of_payment_or_order[] = {"pg_payment_id", "pg_order_id", NULL};
static const char *const fp_req_payout_card[] = {"pg_amount", "pg_description", "pg_user_id", NULL};
static const char *const fp_one_of_card_to[] = {"pg_card_token_to", "pg_card_id_to", NULL};
static const char *const fp_req_iban[] = {"pg_amount", "pg_description", "pg_recipient_bank_bic",
	"pg_recipient_iban", "pg_recipient_iin_bin", "pg_recipient_name", NULL};
static const char *const fp_req_cash[] = {"pg_phone", "pg_amount", NULL};
static const char *const fp_req_add_card[] = {"pg_user_id", "pg_post_link", "pg_back_link", NULL};
static const char *const fp_req_user[] = {"pg_user_id", NULL};
static const char *const fp_req_user_token[] = {"pg_user_id", "pg_card_token", NULL};

/* A payment init: creates (pg_order_id required), testing_mode applies. */
#define FP_INIT (FP_EP_CREATES | FP_EP_TESTING)
#define FP_PAYOUT_READ (FP_EP_PAYOUT_KEY | FP_EP_SAFE_READ)
#define FP_PAYOUT_CREATE (FP_EP_PAYOUT_KEY | FP_EP_CREATES)

/* Designated fields: what a row leaves out is NULL, 0 or FP_ARGS_PARAMS. */
static const fp_endpoint fp_endpoints[] = {
	/* purchases */
	{.method = "initPayment", .path = "init_payment.php", .flags = FP_INIT, .required = fp_req_init},
	{.method = "paymentPage", .path = "g2g/payment_page", .flags = FP_INIT, .required = fp_req_init},
	{.method = "anyAmount", .path = "g2g/any_amount", .flags = FP_INIT, .required = fp_req_description},
	{.method = "cardPayment", .path = "g2g/payment", .flags = FP_INIT, .required = fp_req_card},
	{.method = "cardPaymentAcs", .path = "g2g/paymentAcs", .required = fp_req_acs},
	{.method = "recurringPayment",
		.path = "make_recurring_payment.php",
		.flags = FP_INIT,
		.required = fp_req_recurring},
	{.method = "savedCardInit",
		.path = "v1/merchant/{id}/card/init",
		.flags = FP_INIT,
		.required = fp_req_saved_card},
	{.method = "savedCardPay",
		.path = "v1/merchant/{id}/card/pay",
		.args = FP_ARGS_ID,
		.arg1 = "pg_payment_id",
		.required = fp_req_payment_id},
	{.method = "savedCardDirect",
		.path = "v1/merchant/{id}/card/direct",
		.args = FP_ARGS_ID,
		.arg1 = "pg_payment_id",
		.required = fp_req_payment_id},
	{.method = "cancel",
		.path = "cancel.php",
		.args = FP_ARGS_ID_PARAMS,
		.arg1 = "pg_payment_id",
		.required = fp_req_payment_id},
	{.method = "refund",
		.path = "revoke.php",
		.args = FP_ARGS_ID_AMOUNT_PARAMS,
		.arg1 = "pg_payment_id",
		.arg2 = "pg_refund_amount",
		.required = fp_req_payment_id},
	{.method = "capture",
		.path = "do_capture.php",
		.args = FP_ARGS_ID_AMOUNT_PARAMS,
		.arg1 = "pg_payment_id",
		.arg2 = "pg_clearing_amount",
		.required = fp_req_payment_id},
	{.method = "status",
		.path = "get_status3.php",
		.flags = FP_EP_SAFE_READ,
		.one_of = fp_one_of_payment_or_order},
	{.path = "get_status.php", .flags = FP_EP_SAFE_READ, .one_of = fp_one_of_payment_or_order},
	{.path = "ps_list.php", .flags = FP_EP_SAFE_READ},
	/* payouts: signed with the payout secret key */
	{.method = "payoutPage", .path = "api/reg2nonreg", .flags = FP_PAYOUT_CREATE, .required = fp_req_init},
	{.method = "payoutToCard",
		.path = "api/reg2reg",
		.flags = FP_PAYOUT_CREATE,
		.required = fp_req_payout_card,
		.one_of = fp_one_of_card_to},
	{.method = "payoutToIban", .path = "api/to_iban", .flags = FP_PAYOUT_CREATE, .required = fp_req_iban},
	{.method = "payoutStatus",
		.path = "get_status2.php",
		.flags = FP_PAYOUT_READ,
		.one_of = fp_one_of_payment_or_order,
		.path_by_payment_id = "api/payment_status"},
	{.path = "api/payment_status", .flags = FP_PAYOUT_READ, .one_of = fp_one_of_payment_or_order},
	{.path = "api/payment_status2", .flags = FP_PAYOUT_READ, .one_of = fp_one_of_payment_or_order},
	{.method = "balance", .path = "api/balance_status", .flags = FP_PAYOUT_READ, .args = FP_ARGS_NONE},
	/* The docs' check example leaves pg_post_link out of its signature
	 * string, and their exec/status snippets sign another field set than
	 * they send. Like every call, these sign exactly the fields they send
	 * (tests/payout/070 shows the gateway refusing the example's way). */
	{.method = "cashByCode", .path = "api/cbc/check", .flags = FP_PAYOUT_CREATE, .required = fp_req_cash},
	{.method = "cashByCodeExec",
		.path = "api/cbc/exec",
		.flags = FP_EP_PAYOUT_KEY,
		.args = FP_ARGS_ID,
		.arg1 = "pg_payment_id",
		.required = fp_req_payment_id},
	{.method = "cashByCodeStatus",
		.path = "api/cbc/status",
		.flags = FP_PAYOUT_READ,
		.args = FP_ARGS_ID,
		.arg1 = "pg_payment_id",
		.required = fp_req_payment_id},
	{.path = "api/", .flags = FP_EP_PAYOUT_KEY | FP_EP_PREFIX},
	/* card storage: never retried, but for the list */
	{.method = "addCard", .path = "v1/merchant/{id}/cardstorage/add", .required = fp_req_add_card},
	{.method = "addCardNoCharge", .path = "v1/merchant/{id}/cardstorage/add2", .required = fp_req_add_card},
	/* Signed with script name "add", the last segment of its URL, as every
	 * call is. The docs' example signs it as "add2": a docs error, copied
	 * from the add2 example (tests/cards/071). */
	{.method = "addPayoutCard",
		.path = "v1/merchant/{id}/cardstoragepayout/add",
		.required = fp_req_add_card},
	{.method = "listCards",
		.path = "v1/merchant/{id}/cardstorage/list",
		.flags = FP_EP_SAFE_READ,
		.args = FP_ARGS_ID,
		.arg1 = "pg_user_id",
		.required = fp_req_user,
		.list = "card"},
	{.method = "removeCard",
		.path = "v1/merchant/{id}/cardstorage/remove",
		.args = FP_ARGS_ID_TOKEN,
		.arg1 = "pg_user_id",
		.arg2 = "pg_card_token",
		.required = fp_req_user_token},
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

const char *fp_endpoint_list(const fp_endpoint *ep)
{
	return ep != NULL ? ep->list : NULL;
}

/* ---------------------------------------------------------------------
 * Field rules: the grammar of every field the gateway documents, applied
 * wherever the field is sent
 * ------------------------------------------------------------------- */

#define FP_RULE(name, kind)          \
	{                                \
		name, sizeof(name) - 1, kind \
	}

static const struct {
	const char *name;
	size_t len;
	fp_field_kind kind;
} fp_field_rules[] = {
	FP_RULE("pg_amount", FP_FIELD_AMOUNT),
	FP_RULE("pg_refund_amount", FP_FIELD_AMOUNT),
	FP_RULE("pg_clearing_amount", FP_FIELD_AMOUNT),
	FP_RULE("pg_order_id", FP_FIELD_ORDER_ID),
	FP_RULE("pg_payment_id", FP_FIELD_ID),
	FP_RULE("pg_description", FP_FIELD_TEXT),
	FP_RULE("pg_currency", FP_FIELD_CURRENCY),
	FP_RULE("pg_language", FP_FIELD_LANGUAGE),
	FP_RULE("pg_user_phone", FP_FIELD_PHONE),
	FP_RULE("pg_phone", FP_FIELD_PHONE),
	FP_RULE("pg_user_contact_email", FP_FIELD_EMAIL),
	FP_RULE("pg_user_email", FP_FIELD_EMAIL),
	FP_RULE("pg_check_url", FP_FIELD_URL),
	FP_RULE("pg_result_url", FP_FIELD_URL),
	FP_RULE("pg_refund_url", FP_FIELD_URL),
	FP_RULE("pg_capture_url", FP_FIELD_URL),
	FP_RULE("pg_success_url", FP_FIELD_URL),
	FP_RULE("pg_failure_url", FP_FIELD_URL),
	FP_RULE("pg_site_url", FP_FIELD_URL),
	FP_RULE("pg_state_url", FP_FIELD_URL),
	FP_RULE("pg_post_link", FP_FIELD_URL),
	FP_RULE("pg_back_link", FP_FIELD_URL),
	FP_RULE("pg_testing_mode", FP_FIELD_FLAG),
	FP_RULE("pg_auto_clearing", FP_FIELD_FLAG),
	FP_RULE("pg_recurring_start", FP_FIELD_FLAG),
	FP_RULE("pg_lifetime", FP_FIELD_DIGITS),
	FP_RULE("pg_recurring_lifetime", FP_FIELD_DIGITS),
	FP_RULE("pg_card_pan", FP_FIELD_CARD_PAN),
	FP_RULE("pg_card_cvc", FP_FIELD_CARD_CVC),
	FP_RULE("pg_card_month", FP_FIELD_CARD_MONTH),
	FP_RULE("pg_card_year", FP_FIELD_CARD_YEAR),
	FP_RULE("pg_card_token", FP_FIELD_TOKEN),
	FP_RULE("pg_card_token_to", FP_FIELD_TOKEN),
	FP_RULE("pg_idempotency_key", FP_FIELD_TOKEN),
	FP_RULE("pg_recipient_iban", FP_FIELD_IBAN),
	FP_RULE("pg_order_time_limit", FP_FIELD_DATETIME),
};

#undef FP_RULE

/* Card data and bank accounts never reach a message (messages are logged). */
static bool fp_field_is_sensitive(const char *name)
{
	return strncmp(name, "pg_card_", 8) == 0 || strstr(name, "iban") != NULL;
}

/* A value that breaks its field's rule: the exception names the field. */
static bool fp_check_value(const char *method, const char *name, zval *v, fp_field_kind kind)
{
	const char *why;

	if (Z_TYPE_P(v) != IS_STRING) {
		fp_throw_invalid_argument("%s(): parameter \"%s\" must be a value, not an array", method, name);
		return false;
	}
	why = fp_field_check(kind, Z_STRVAL_P(v), Z_STRLEN_P(v));
	if (why != NULL && fp_field_is_sensitive(name)) {
		fp_throw_invalid_argument("%s(): parameter \"%s\" %s (the value is not shown)", method, name, why);
		return false;
	}
	if (why != NULL) {
		/* The value is the shop's own: shown, cut short, for the message. */
		fp_throw_invalid_argument("%s(): parameter \"%s\" %s, \"%.*s\" given", method, name, why,
			(int) MIN(Z_STRLEN_P(v), 64), Z_STRVAL_P(v));
		return false;
	}
	return true;
}

/* Empty is as good as absent: a required field must have a value; an
 * optional one may be sent empty (the gateway's SDKs do). */
static bool fp_value_is_empty(const zval *v)
{
	return v == NULL || (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) == 0);
}

/* A required field: present, not empty, and true to its rule. */
static bool fp_check_required(const char *method, HashTable *fields, const char *name, fp_field_kind kind)
{
	zval *v = zend_hash_str_find(fields, name, strlen(name));

	if (fp_value_is_empty(v)) {
		fp_throw_invalid_argument("%s(): parameter \"%s\" is required", method, name);
		return false;
	}
	return fp_check_value(method, name, v, kind);
}

/* The rule of a field, by name; FP_FIELD_ANY for a field without one. */
static fp_field_kind fp_field_rule_of(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(fp_field_rules) / sizeof(fp_field_rules[0]); i++) {
		if (fp_field_rules[i].len == len && memcmp(fp_field_rules[i].name, name, len) == 0) {
			return fp_field_rules[i].kind;
		}
	}
	return FP_FIELD_ANY;
}

static fp_field_kind fp_field_kind_of(const char *name)
{
	return fp_field_rule_of(name, strlen(name));
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
	zend_string *key;
	zval *v;

	for (name = ep != NULL ? ep->required : NULL; name != NULL && *name != NULL; name++) {
		if (!fp_check_required(method, fields, *name, fp_field_kind_of(*name))) {
			return false;
		}
	}
	/* A payment or payout the shop cannot look up after a lost reply is a
	 * lost payment: the order id is its key. */
	if (ep != NULL && (ep->flags & FP_EP_CREATES) &&
		!fp_check_required(method, fields, "pg_order_id", FP_FIELD_ORDER_ID)) {
		return false;
	}
	if (ep != NULL && ep->one_of != NULL && !fp_check_one_of(ep, method, fields)) {
		return false;
	}
	/* Every field sent that has a rule keeps it: a walk of the request's few
	 * fields, not a lookup of every rule. */
	ZEND_HASH_FOREACH_STR_KEY_VAL(fields, key, v) {
		fp_field_kind kind;

		if (key == NULL || ZSTR_LEN(key) < 4 || memcmp(ZSTR_VAL(key), "pg_", 3) != 0 ||
			fp_value_is_empty(v)) {
			continue;
		}
		kind = fp_field_rule_of(ZSTR_VAL(key), ZSTR_LEN(key));
		if (kind != FP_FIELD_ANY && !fp_check_value(method, ZSTR_VAL(key), v, kind)) {
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

/* ---------------------------------------------------------------------
 * Methods: thin shells over one invoker
 * ------------------------------------------------------------------- */

static const fp_endpoint *fp_endpoint_for_method(const char *method)
{
	size_t i;

	for (i = 0; i < FP_ENDPOINT_COUNT; i++) {
		if (fp_endpoints[i].method != NULL && strcmp(fp_endpoints[i].method, method) == 0) {
			return &fp_endpoints[i];
		}
	}
	return NULL;
}

/*
 * Puts an argument's value into params under field. The same field in
 * params with another value is a contradiction, refused.
 */
static bool fp_args_put(HashTable *params, const fp_endpoint *ep, const char *field, zval *value)
{
	zval *given = zend_hash_str_find_deref(params, field, strlen(field));

	/* Scalars compare as PHP's == does (10 and "10.00" agree), which runs no
	 * user code; an object or an array agrees only with itself. */
	if (given != NULL && !zend_is_identical(given, value) &&
		!(Z_TYPE_P(given) <= IS_STRING && Z_TYPE_P(value) <= IS_STRING && zend_compare(given, value) == 0)) {
		fp_throw_invalid_argument(
			"%s(): parameter \"%s\" is given both as an argument and in the params, with other values",
			ep->method, field);
		return false;
	}
	Z_TRY_ADDREF_P(value);
	zend_hash_str_update(params, field, strlen(field), value);
	return true;
}

/* An id argument (int or string) as the value for its field. */
static void fp_args_id(zval *out, zend_string *str, zend_long num)
{
	if (str != NULL) {
		ZVAL_STR_COPY(out, str);
	} else {
		ZVAL_LONG(out, num);
	}
}

/* Reads the method's arguments (by shape) into a params array of its own. */
static HashTable *fp_args_collect(INTERNAL_FUNCTION_PARAMETERS, const fp_endpoint *ep)
{
	HashTable *params = (HashTable *) &zend_empty_array, *out;
	zend_string *id_str = NULL, *token = NULL;
	zend_long id_num = 0;
	zval id, *amount = NULL, tok;
	bool ok = true;

	switch (ep->args) {
	case FP_ARGS_PARAMS:
		ZEND_PARSE_PARAMETERS_START(1, 1)
			Z_PARAM_ARRAY_HT(params)
		ZEND_PARSE_PARAMETERS_END_EX(return NULL)
		;
		break;
	case FP_ARGS_NONE:
		ZEND_PARSE_PARAMETERS_START(0, 0)
		ZEND_PARSE_PARAMETERS_END_EX(return NULL)
		;
		break;
	case FP_ARGS_ID:
		ZEND_PARSE_PARAMETERS_START(1, 1)
			Z_PARAM_STR_OR_LONG(id_str, id_num)
		ZEND_PARSE_PARAMETERS_END_EX(return NULL)
		;
		break;
	case FP_ARGS_ID_PARAMS:
		ZEND_PARSE_PARAMETERS_START(1, 2)
			Z_PARAM_STR_OR_LONG(id_str, id_num)
			Z_PARAM_OPTIONAL
			Z_PARAM_ARRAY_HT(params)
		ZEND_PARSE_PARAMETERS_END_EX(return NULL)
		;
		break;
	case FP_ARGS_ID_AMOUNT_PARAMS:
		ZEND_PARSE_PARAMETERS_START(1, 3)
			Z_PARAM_STR_OR_LONG(id_str, id_num)
			Z_PARAM_OPTIONAL
			Z_PARAM_ZVAL(amount)
			Z_PARAM_ARRAY_HT(params)
		ZEND_PARSE_PARAMETERS_END_EX(return NULL)
		;
		break;
	case FP_ARGS_ID_TOKEN:
		ZEND_PARSE_PARAMETERS_START(2, 2)
			Z_PARAM_STR_OR_LONG(id_str, id_num)
			Z_PARAM_STR(token)
		ZEND_PARSE_PARAMETERS_END_EX(return NULL)
		;
		break;
	}
	(void) return_value;
	out = zend_array_dup(params);
	if (ep->arg1 != NULL) {
		fp_args_id(&id, id_str, id_num);
		ok = fp_args_put(out, ep, ep->arg1, &id);
		zval_ptr_dtor(&id);
	}
	if (ok && amount != NULL && Z_TYPE_P(amount) != IS_NULL) {
		if (Z_TYPE_P(amount) != IS_LONG && Z_TYPE_P(amount) != IS_DOUBLE && Z_TYPE_P(amount) != IS_STRING) {
			fp_throw_invalid_argument("%s(): the amount must be an int, float, string or null, %s given",
				ep->method, zend_zval_type_name(amount));
			ok = false;
		} else {
			ok = fp_args_put(out, ep, ep->arg2, amount);
		}
	}
	if (ok && token != NULL) {
		ZVAL_STR(&tok, token);
		ok = fp_args_put(out, ep, ep->arg2, &tok);
	}
	if (!ok) {
		zend_array_destroy(out);
		return NULL;
	}
	return out;
}

/* The row's path, or its alternative by payment id when no order id is given. */
static const char *fp_endpoint_path_for(const fp_endpoint *ep, HashTable *params)
{
	zval *order;

	if (ep->path_by_payment_id == NULL) {
		return ep->path;
	}
	order = zend_hash_str_find_deref(params, ZEND_STRL("pg_order_id"));
	return order != NULL && !(Z_TYPE_P(order) == IS_STRING && Z_STRLEN_P(order) == 0) &&
			Z_TYPE_P(order) != IS_NULL
		? ep->path
		: ep->path_by_payment_id;
}

/* The one invoker every endpoint method calls. */
static void fp_endpoint_invoke(INTERNAL_FUNCTION_PARAMETERS, const char *method)
{
	const fp_endpoint *ep = fp_endpoint_for_method(method);
	HashTable *params;
	zend_string *path;

	ZEND_ASSERT(ep != NULL);
	params = fp_args_collect(INTERNAL_FUNCTION_PARAM_PASSTHRU, ep);
	if (params == NULL) {
		RETURN_THROWS();
	}
	path = zend_string_init(fp_endpoint_path_for(ep, params), strlen(fp_endpoint_path_for(ep, params)), 0);
	fp_client_call(ZEND_THIS, ep->method, path, params, return_value);
	zend_string_release(path);
	zend_array_destroy(params);
}

#define FP_ENDPOINT_METHOD(name)                                     \
	PHP_METHOD(FreedomPay_Client, name)                              \
	{                                                                \
		fp_endpoint_invoke(INTERNAL_FUNCTION_PARAM_PASSTHRU, #name); \
	}

FP_ENDPOINT_METHOD(initPayment)
FP_ENDPOINT_METHOD(paymentPage)
FP_ENDPOINT_METHOD(anyAmount)
FP_ENDPOINT_METHOD(cardPayment)
FP_ENDPOINT_METHOD(cardPaymentAcs)
FP_ENDPOINT_METHOD(recurringPayment)
FP_ENDPOINT_METHOD(savedCardInit)
FP_ENDPOINT_METHOD(savedCardPay)
FP_ENDPOINT_METHOD(savedCardDirect)
FP_ENDPOINT_METHOD(cancel)
FP_ENDPOINT_METHOD(refund)
FP_ENDPOINT_METHOD(capture)
FP_ENDPOINT_METHOD(status)
FP_ENDPOINT_METHOD(payoutPage)
FP_ENDPOINT_METHOD(payoutToCard)
FP_ENDPOINT_METHOD(payoutToIban)
FP_ENDPOINT_METHOD(payoutStatus)
FP_ENDPOINT_METHOD(balance)
FP_ENDPOINT_METHOD(cashByCode)
FP_ENDPOINT_METHOD(cashByCodeExec)
FP_ENDPOINT_METHOD(cashByCodeStatus)
FP_ENDPOINT_METHOD(addCard)
FP_ENDPOINT_METHOD(addCardNoCharge)
FP_ENDPOINT_METHOD(addPayoutCard)
FP_ENDPOINT_METHOD(listCards)
FP_ENDPOINT_METHOD(removeCard)

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

/*
 * Many statuses at once, over concurrent connections. Each query gets its
 * own result in its slot: the reply array, or the exception it ended in.
 * Retries and the deadline apply to each query on its own.
 */
PHP_METHOD(FreedomPay_Client, statusMany)
{
	HashTable *queries;
	zend_long concurrency = 16;
	fp_client *c = Z_FP_CLIENT_P(ZEND_THIS);
	fp_request *reqs, **ptrs;
	zend_string *path, *key;
	zend_ulong h;
	zval *query, outcome;
	uint32_t n, i = 0;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(queries)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(concurrency)
	ZEND_PARSE_PARAMETERS_END();

	if (concurrency < 1 || concurrency > 256) {
		fp_throw_invalid_argument(
			"statusMany(): concurrency must be from 1 to 256, " ZEND_LONG_FMT " given", concurrency);
		RETURN_THROWS();
	}
	n = zend_hash_num_elements(queries);
	reqs = safe_emalloc(n ? n : 1, sizeof(*reqs), 0);
	ptrs = safe_emalloc(n ? n : 1, sizeof(*ptrs), 0);
	path = zend_string_init(ZEND_STRL("get_status3.php"), 0);
	ZEND_HASH_FOREACH_VAL(queries, query) {
		ZVAL_DEREF(query);
		ptrs[i] = &reqs[i];
		if (Z_TYPE_P(query) == IS_ARRAY) {
			fp_request_prepare(&reqs[i], c, "statusMany", path, Z_ARRVAL_P(query));
		} else {
			memset(&reqs[i], 0, sizeof(reqs[i]));
			fp_throw_invalid_argument(
				"statusMany(): each query must be an array of status() params, %s given",
				zend_zval_type_name(query));
			fp_exception_catch(&reqs[i].exception);
		}
		i++;
		if (EG(exception)) {
			break; /* an exit() or a fatal error: unwind */
		}
	}
	ZEND_HASH_FOREACH_END();
	if (!EG(exception)) {
		fp_request_run(c, ptrs, n, (size_t) concurrency);
		array_init_size(return_value, n);
		i = 0;
		ZEND_HASH_FOREACH_KEY(queries, h, key)
		{
			fp_request_outcome(&reqs[i++], &outcome);
			if (key) {
				zend_hash_update(Z_ARRVAL_P(return_value), key, &outcome);
			} else {
				zend_hash_index_update(Z_ARRVAL_P(return_value), h, &outcome);
			}
		}
		ZEND_HASH_FOREACH_END();
	}
	while (i > 0) {
		fp_request_release(&reqs[--i]);
	}
	zend_string_release(path);
	efree(reqs);
	efree(ptrs);
}
