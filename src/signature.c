/* freedompay binding: FreedomPay\Signature. */
#include "php_freedompay_int.h"

#include "core/fp_url.h"

zend_class_entry *fp_ce_Signature;

/* Private: every method is static. */
PHP_METHOD(FreedomPay_Signature, __construct)
{
	(void) return_value;
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(FreedomPay_Signature, sign)
{
	zend_string *script, *secret, *sig;
	HashTable *params;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_STR(script)
		Z_PARAM_ARRAY_HT(params)
		Z_PARAM_STR(secret)
	ZEND_PARSE_PARAMETERS_END();

	sig = zend_string_alloc(FP_MD5_HEX_LEN, 0);
	if (!fp_params_sign(
			ZSTR_VAL(script), ZSTR_LEN(script), params, ZSTR_VAL(secret), ZSTR_LEN(secret), ZSTR_VAL(sig))) {
		zend_string_efree(sig);
		RETURN_THROWS();
	}
	RETURN_NEW_STR(sig);
}

PHP_METHOD(FreedomPay_Signature, verify)
{
	zend_string *script, *secret;
	HashTable *params;
	zval *found;
	zend_string *given;
	char expected[FP_MD5_HEX_LEN + 1];
	bool equal;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_STR(script)
		Z_PARAM_ARRAY_HT(params)
		Z_PARAM_STR(secret)
	ZEND_PARSE_PARAMETERS_END();

	found = zend_hash_str_find_deref(params, ZEND_STRL("pg_sig"));
	if (found == NULL || Z_TYPE_P(found) != IS_STRING) {
		RETURN_FALSE;
	}
	/* Hold our own reference: pg_sig may sit behind a PHP reference that a
	 * __toString met while signing rewrites. */
	given = zend_string_copy(Z_STR_P(found));
	if (!fp_params_sign(
			ZSTR_VAL(script), ZSTR_LEN(script), params, ZSTR_VAL(secret), ZSTR_LEN(secret), expected)) {
		zend_string_release(given);
		RETURN_THROWS();
	}
	equal = fp_signature_equal(expected, FP_MD5_HEX_LEN, ZSTR_VAL(given), ZSTR_LEN(given));
	zend_string_release(given);
	RETURN_BOOL(equal);
}

PHP_METHOD(FreedomPay_Signature, canonical)
{
	zend_string *script;
	HashTable *params;
	smart_str text = {0};
	fp_value_sink sink;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(script)
		Z_PARAM_ARRAY_HT(params)
	ZEND_PARSE_PARAMETERS_END();

	smart_str_append(&text, script);
	sink.signer = NULL;
	sink.text = &text;
	if (!fp_params_emit(params, &sink)) {
		smart_str_free(&text);
		RETURN_THROWS();
	}
	smart_str_appendl(&text, ";***", 4);
	smart_str_0(&text);
	RETURN_NEW_STR(text.s);
}

PHP_METHOD(FreedomPay_Signature, scriptName)
{
	zend_string *url;
	const char *start;
	size_t len;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(url)
	ZEND_PARSE_PARAMETERS_END();

	fp_url_script_name(ZSTR_VAL(url), ZSTR_LEN(url), &start, &len);
	RETURN_STRINGL(start, len);
}

PHP_METHOD(FreedomPay_Signature, salt)
{
	zend_string *salt;

	ZEND_PARSE_PARAMETERS_NONE();

	salt = fp_new_salt();
	if (salt == NULL) {
		RETURN_THROWS();
	}
	RETURN_NEW_STR(salt);
}
