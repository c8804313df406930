/*
 * freedompay binding: the exception hierarchy and the mapping from core
 * error domains to exception classes.
 */
#include "php_freedompay_int.h"

#include "zend_exceptions.h"

zend_class_entry *fp_ce_Exception;
zend_class_entry *fp_ce_InvalidArgumentException;
zend_class_entry *fp_ce_TransportException;
zend_class_entry *fp_ce_SignatureException;
zend_class_entry *fp_ce_ApiException;

void fp_throw_invalid_argument(const char *fmt, ...)
{
	va_list ap;
	zend_string *message;

	va_start(ap, fmt);
	message = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	zend_throw_exception(fp_ce_InvalidArgumentException, ZSTR_VAL(message), 0);
	zend_string_release(message);
}

void fp_throw_core_error(const fp_error *err)
{
	zend_class_entry *ce;

	switch (err->domain) {
	case FP_ERR_ARGUMENT:
		ce = fp_ce_InvalidArgumentException;
		break;
	case FP_ERR_UNSIGNED:
	case FP_ERR_SIGNATURE:
	case FP_ERR_CRYPTO:
		ce = fp_ce_SignatureException;
		break;
	default:
		ce = fp_ce_TransportException;
		break;
	}
	zend_throw_exception(ce, err->message, err->code);
}

void fp_throw_api_error(zend_long code, const char *message, zval *response)
{
	zend_object *ex = zend_throw_exception(fp_ce_ApiException, message, code);

	zend_update_property_long(fp_ce_ApiException, ex, ZEND_STRL("errorCode"), code);
	zend_update_property(fp_ce_ApiException, ex, ZEND_STRL("response"), response);
}

PHP_METHOD(FreedomPay_ApiException, getErrorCode)
{
	zval *value, rv;

	ZEND_PARSE_PARAMETERS_NONE();
	value = zend_read_property(fp_ce_ApiException, Z_OBJ_P(ZEND_THIS), ZEND_STRL("errorCode"), 1, &rv);
	RETURN_LONG(zval_get_long(value));
}

PHP_METHOD(FreedomPay_ApiException, getResponse)
{
	zval *value, rv;

	ZEND_PARSE_PARAMETERS_NONE();
	value = zend_read_property(fp_ce_ApiException, Z_OBJ_P(ZEND_THIS), ZEND_STRL("response"), 1, &rv);
	if (Z_TYPE_P(value) != IS_ARRAY) {
		RETURN_EMPTY_ARRAY();
	}
	RETURN_COPY(value);
}
