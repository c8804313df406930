/*
 * freedompay binding: the exception hierarchy, and the one place where a
 * core error becomes an exception.
 *
 * Exceptions are built as objects first and thrown by the caller, so that
 * statusMany() can hand each query's failure back in its slot.
 */
#include "php_freedompay_int.h"

#include "zend_exceptions.h"

zend_class_entry *fp_ce_Exception;
zend_class_entry *fp_ce_InvalidArgumentException;
zend_class_entry *fp_ce_TransportException;
zend_class_entry *fp_ce_OutcomeUnknownException;
zend_class_entry *fp_ce_SignatureException;
zend_class_entry *fp_ce_CallbackMismatchException;
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

/* An exception object with message and code, not thrown. Its file and line
 * are those of the PHP call that is running. */
static void fp_exception_new(zval *out, zend_class_entry *ce, const char *message, zend_long code)
{
	object_init_ex(out, ce);
	zend_update_property_string(zend_ce_exception, Z_OBJ_P(out), ZEND_STRL("message"), message);
	if (code != 0) {
		zend_update_property_long(zend_ce_exception, Z_OBJ_P(out), ZEND_STRL("code"), code);
	}
}

static zend_class_entry *fp_exception_class(fp_error_domain domain)
{
	switch (domain) {
	case FP_ERR_ARGUMENT:
		return fp_ce_InvalidArgumentException;
	case FP_ERR_UNSIGNED:
	case FP_ERR_SIGNATURE:
	case FP_ERR_CRYPTO:
		return fp_ce_SignatureException;
	case FP_ERR_API:
		return fp_ce_ApiException;
	default:
		return fp_ce_TransportException;
	}
}

void fp_exception_from_error(zval *out, const fp_error *err)
{
	/* The code: curl's error code, the HTTP status, or pg_error_code. */
	fp_exception_new(out, fp_exception_class(err->domain), err->message, err->code);
}

void fp_exception_outcome_unknown(
	zval *out, const fp_error *err, zend_string *order_id, zend_string *payment_id)
{
	zend_string *message;
	zval cause;

	if (order_id != NULL) {
		message = zend_strpprintf(0,
			"The outcome of order %s is unknown: %s. The request may have reached the gateway; look the "
			"order up "
			"(status by pg_order_id) before trying again",
			ZSTR_VAL(order_id), err->message);
	} else if (payment_id != NULL) {
		message = zend_strpprintf(0,
			"The outcome of the call for payment %s is unknown: %s. The request may have reached the "
			"gateway; look "
			"the payment up (status by pg_payment_id) before trying again",
			ZSTR_VAL(payment_id), err->message);
	} else {
		message = zend_strpprintf(0,
			"The outcome is unknown: %s. The request may have reached the gateway; look it up before trying "
			"again",
			err->message);
	}
	fp_exception_new(out, fp_ce_OutcomeUnknownException, ZSTR_VAL(message), err->code);
	zend_string_release(message);
	/* What went wrong, typed (a TransportException, a SignatureException…), as the previous one. */
	fp_exception_from_error(&cause, err);
	zend_exception_set_previous(Z_OBJ_P(out), Z_OBJ(cause));
	if (order_id != NULL) {
		zend_update_property_str(fp_ce_OutcomeUnknownException, Z_OBJ_P(out), ZEND_STRL("orderId"), order_id);
	}
}

void fp_exception_api(zval *out, const fp_error *err, zval *response)
{
	fp_exception_new(out, fp_ce_ApiException, err->message, err->code);
	zend_update_property_long(fp_ce_ApiException, Z_OBJ_P(out), ZEND_STRL("errorCode"), err->code);
	zend_update_property(fp_ce_ApiException, Z_OBJ_P(out), ZEND_STRL("response"), response);
}

bool fp_exception_catch(zval *out)
{
	zend_object *ex = EG(exception);

	if (ex == NULL || zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
		return false;
	}
	ZVAL_OBJ_COPY(out, ex);
	zend_clear_exception();
	return true;
}

void fp_throw_core_error(const fp_error *err)
{
	zval ex;

	fp_exception_from_error(&ex, err);
	zend_throw_exception_object(&ex);
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

PHP_METHOD(FreedomPay_OutcomeUnknownException, getOrderId)
{
	zval *value, rv;

	ZEND_PARSE_PARAMETERS_NONE();
	value =
		zend_read_property(fp_ce_OutcomeUnknownException, Z_OBJ_P(ZEND_THIS), ZEND_STRL("orderId"), 1, &rv);
	if (Z_TYPE_P(value) != IS_STRING) {
		RETURN_NULL();
	}
	RETURN_COPY(value);
}
