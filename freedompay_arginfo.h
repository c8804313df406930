/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 469c630a67d9c24b57364e018b2c5d54f718d441 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_OutcomeUnknownException_getOrderId, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_ApiException_getErrorCode, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_ApiException_getResponse, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_FreedomPay_Signature___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Signature_sign, 0, 3, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, script, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, secretKey, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Signature_verify, 0, 3, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, script, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, secretKey, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Signature_canonical, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, script, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Signature_scriptName, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Signature_salt, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_FreedomPay_Client___construct, 0, 0, 2)
	ZEND_ARG_TYPE_MASK(0, merchantId, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO(0, secretKey, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_request, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, params, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_initPayment, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_FreedomPay_Client_paymentPage arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_anyAmount arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_cardPayment arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_cardPaymentAcs arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_recurringPayment arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_savedCardInit arginfo_class_FreedomPay_Client_initPayment

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_savedCardPay, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, paymentId, MAY_BE_LONG|MAY_BE_STRING, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_FreedomPay_Client_savedCardDirect arginfo_class_FreedomPay_Client_savedCardPay

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_cancel, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, paymentId, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, params, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_refund, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, paymentId, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_MASK(0, amount, MAY_BE_LONG|MAY_BE_DOUBLE|MAY_BE_STRING|MAY_BE_NULL, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, params, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_FreedomPay_Client_capture arginfo_class_FreedomPay_Client_refund

#define arginfo_class_FreedomPay_Client_status arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_payoutPage arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_payoutToCard arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_payoutToIban arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_payoutStatus arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_balance arginfo_class_FreedomPay_ApiException_getResponse

#define arginfo_class_FreedomPay_Client_cashByCode arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_cashByCodeExec arginfo_class_FreedomPay_Client_savedCardPay

#define arginfo_class_FreedomPay_Client_cashByCodeStatus arginfo_class_FreedomPay_Client_savedCardPay

#define arginfo_class_FreedomPay_Client_addCard arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_addCardNoCharge arginfo_class_FreedomPay_Client_initPayment

#define arginfo_class_FreedomPay_Client_addPayoutCard arginfo_class_FreedomPay_Client_initPayment

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_listCards, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, userId, MAY_BE_LONG|MAY_BE_STRING, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_removeCard, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, userId, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO(0, cardToken, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Client_statusMany, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, queries, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, concurrency, IS_LONG, 0, "16")
ZEND_END_ARG_INFO()

#define arginfo_class_FreedomPay_Callback___construct arginfo_class_FreedomPay_Signature___construct

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_FreedomPay_Callback_fromRequest, 0, 3, FreedomPay\\Callback, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, urlOrScript, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, secretKey, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_FreedomPay_Callback_fromGlobals, 0, 2, FreedomPay\\Callback, 0)
	ZEND_ARG_TYPE_INFO(0, urlOrScript, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, secretKey, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_FreedomPay_Callback_params arginfo_class_FreedomPay_ApiException_getResponse

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Callback_reply, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, description, IS_STRING, 0, "\'\'")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, extra, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Callback_isSuccessful, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_FreedomPay_Callback_isResult arginfo_class_FreedomPay_Callback_isSuccessful

#define arginfo_class_FreedomPay_Callback_canReject arginfo_class_FreedomPay_Callback_isSuccessful

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_FreedomPay_Callback_expect, 0, 2, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_MASK(0, amount, MAY_BE_LONG|MAY_BE_DOUBLE|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, currency, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()


ZEND_METHOD(FreedomPay_OutcomeUnknownException, getOrderId);
ZEND_METHOD(FreedomPay_ApiException, getErrorCode);
ZEND_METHOD(FreedomPay_ApiException, getResponse);
ZEND_METHOD(FreedomPay_Signature, __construct);
ZEND_METHOD(FreedomPay_Signature, sign);
ZEND_METHOD(FreedomPay_Signature, verify);
ZEND_METHOD(FreedomPay_Signature, canonical);
ZEND_METHOD(FreedomPay_Signature, scriptName);
ZEND_METHOD(FreedomPay_Signature, salt);
ZEND_METHOD(FreedomPay_Client, __construct);
ZEND_METHOD(FreedomPay_Client, request);
ZEND_METHOD(FreedomPay_Client, initPayment);
ZEND_METHOD(FreedomPay_Client, paymentPage);
ZEND_METHOD(FreedomPay_Client, anyAmount);
ZEND_METHOD(FreedomPay_Client, cardPayment);
ZEND_METHOD(FreedomPay_Client, cardPaymentAcs);
ZEND_METHOD(FreedomPay_Client, recurringPayment);
ZEND_METHOD(FreedomPay_Client, savedCardInit);
ZEND_METHOD(FreedomPay_Client, savedCardPay);
ZEND_METHOD(FreedomPay_Client, savedCardDirect);
ZEND_METHOD(FreedomPay_Client, cancel);
ZEND_METHOD(FreedomPay_Client, refund);
ZEND_METHOD(FreedomPay_Client, capture);
ZEND_METHOD(FreedomPay_Client, status);
ZEND_METHOD(FreedomPay_Client, payoutPage);
ZEND_METHOD(FreedomPay_Client, payoutToCard);
ZEND_METHOD(FreedomPay_Client, payoutToIban);
ZEND_METHOD(FreedomPay_Client, payoutStatus);
ZEND_METHOD(FreedomPay_Client, balance);
ZEND_METHOD(FreedomPay_Client, cashByCode);
ZEND_METHOD(FreedomPay_Client, cashByCodeExec);
ZEND_METHOD(FreedomPay_Client, cashByCodeStatus);
ZEND_METHOD(FreedomPay_Client, addCard);
ZEND_METHOD(FreedomPay_Client, addCardNoCharge);
ZEND_METHOD(FreedomPay_Client, addPayoutCard);
ZEND_METHOD(FreedomPay_Client, listCards);
ZEND_METHOD(FreedomPay_Client, removeCard);
ZEND_METHOD(FreedomPay_Client, statusMany);
ZEND_METHOD(FreedomPay_Callback, __construct);
ZEND_METHOD(FreedomPay_Callback, fromRequest);
ZEND_METHOD(FreedomPay_Callback, fromGlobals);
ZEND_METHOD(FreedomPay_Callback, params);
ZEND_METHOD(FreedomPay_Callback, reply);
ZEND_METHOD(FreedomPay_Callback, isSuccessful);
ZEND_METHOD(FreedomPay_Callback, isResult);
ZEND_METHOD(FreedomPay_Callback, canReject);
ZEND_METHOD(FreedomPay_Callback, expect);


static const zend_function_entry class_FreedomPay_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_InvalidArgumentException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_TransportException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_OutcomeUnknownException_methods[] = {
	ZEND_ME(FreedomPay_OutcomeUnknownException, getOrderId, arginfo_class_FreedomPay_OutcomeUnknownException_getOrderId, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_SignatureException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_CallbackMismatchException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_ApiException_methods[] = {
	ZEND_ME(FreedomPay_ApiException, getErrorCode, arginfo_class_FreedomPay_ApiException_getErrorCode, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_ApiException, getResponse, arginfo_class_FreedomPay_ApiException_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_Signature_methods[] = {
	ZEND_ME(FreedomPay_Signature, __construct, arginfo_class_FreedomPay_Signature___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(FreedomPay_Signature, sign, arginfo_class_FreedomPay_Signature_sign, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(FreedomPay_Signature, verify, arginfo_class_FreedomPay_Signature_verify, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(FreedomPay_Signature, canonical, arginfo_class_FreedomPay_Signature_canonical, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(FreedomPay_Signature, scriptName, arginfo_class_FreedomPay_Signature_scriptName, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(FreedomPay_Signature, salt, arginfo_class_FreedomPay_Signature_salt, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_Client_methods[] = {
	ZEND_ME(FreedomPay_Client, __construct, arginfo_class_FreedomPay_Client___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, request, arginfo_class_FreedomPay_Client_request, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, initPayment, arginfo_class_FreedomPay_Client_initPayment, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, paymentPage, arginfo_class_FreedomPay_Client_paymentPage, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, anyAmount, arginfo_class_FreedomPay_Client_anyAmount, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, cardPayment, arginfo_class_FreedomPay_Client_cardPayment, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, cardPaymentAcs, arginfo_class_FreedomPay_Client_cardPaymentAcs, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, recurringPayment, arginfo_class_FreedomPay_Client_recurringPayment, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, savedCardInit, arginfo_class_FreedomPay_Client_savedCardInit, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, savedCardPay, arginfo_class_FreedomPay_Client_savedCardPay, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, savedCardDirect, arginfo_class_FreedomPay_Client_savedCardDirect, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, cancel, arginfo_class_FreedomPay_Client_cancel, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, refund, arginfo_class_FreedomPay_Client_refund, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, capture, arginfo_class_FreedomPay_Client_capture, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, status, arginfo_class_FreedomPay_Client_status, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, payoutPage, arginfo_class_FreedomPay_Client_payoutPage, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, payoutToCard, arginfo_class_FreedomPay_Client_payoutToCard, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, payoutToIban, arginfo_class_FreedomPay_Client_payoutToIban, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, payoutStatus, arginfo_class_FreedomPay_Client_payoutStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, balance, arginfo_class_FreedomPay_Client_balance, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, cashByCode, arginfo_class_FreedomPay_Client_cashByCode, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, cashByCodeExec, arginfo_class_FreedomPay_Client_cashByCodeExec, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, cashByCodeStatus, arginfo_class_FreedomPay_Client_cashByCodeStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, addCard, arginfo_class_FreedomPay_Client_addCard, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, addCardNoCharge, arginfo_class_FreedomPay_Client_addCardNoCharge, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, addPayoutCard, arginfo_class_FreedomPay_Client_addPayoutCard, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, listCards, arginfo_class_FreedomPay_Client_listCards, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, removeCard, arginfo_class_FreedomPay_Client_removeCard, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Client, statusMany, arginfo_class_FreedomPay_Client_statusMany, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_FreedomPay_Callback_methods[] = {
	ZEND_ME(FreedomPay_Callback, __construct, arginfo_class_FreedomPay_Callback___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(FreedomPay_Callback, fromRequest, arginfo_class_FreedomPay_Callback_fromRequest, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(FreedomPay_Callback, fromGlobals, arginfo_class_FreedomPay_Callback_fromGlobals, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(FreedomPay_Callback, params, arginfo_class_FreedomPay_Callback_params, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Callback, reply, arginfo_class_FreedomPay_Callback_reply, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Callback, isSuccessful, arginfo_class_FreedomPay_Callback_isSuccessful, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Callback, isResult, arginfo_class_FreedomPay_Callback_isResult, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Callback, canReject, arginfo_class_FreedomPay_Callback_canReject, ZEND_ACC_PUBLIC)
	ZEND_ME(FreedomPay_Callback, expect, arginfo_class_FreedomPay_Callback_expect, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_FreedomPay_Exception(zend_class_entry *class_entry_Throwable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "Exception", class_FreedomPay_Exception_methods);
	class_entry = zend_register_internal_interface(&ce);
	zend_class_implements(class_entry, 1, class_entry_Throwable);

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_InvalidArgumentException(zend_class_entry *class_entry_InvalidArgumentException, zend_class_entry *class_entry_FreedomPay_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "InvalidArgumentException", class_FreedomPay_InvalidArgumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InvalidArgumentException);
	zend_class_implements(class_entry, 1, class_entry_FreedomPay_Exception);

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_TransportException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_FreedomPay_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "TransportException", class_FreedomPay_TransportException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_FreedomPay_Exception);

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_OutcomeUnknownException(zend_class_entry *class_entry_FreedomPay_TransportException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "OutcomeUnknownException", class_FreedomPay_OutcomeUnknownException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_FreedomPay_TransportException);

	zval property_orderId_default_value;
	ZVAL_NULL(&property_orderId_default_value);
	zend_string *property_orderId_name = zend_string_init("orderId", sizeof("orderId") - 1, 1);
	zend_declare_typed_property(class_entry, property_orderId_name, &property_orderId_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_orderId_name);

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_SignatureException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_FreedomPay_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "SignatureException", class_FreedomPay_SignatureException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_FreedomPay_Exception);

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_CallbackMismatchException(zend_class_entry *class_entry_FreedomPay_SignatureException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "CallbackMismatchException", class_FreedomPay_CallbackMismatchException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_FreedomPay_SignatureException);

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_ApiException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_FreedomPay_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "ApiException", class_FreedomPay_ApiException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_FreedomPay_Exception);

	zval property_errorCode_default_value;
	ZVAL_LONG(&property_errorCode_default_value, 0);
	zend_string *property_errorCode_name = zend_string_init("errorCode", sizeof("errorCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_errorCode_name, &property_errorCode_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_errorCode_name);

	zval property_response_default_value;
	ZVAL_EMPTY_ARRAY(&property_response_default_value);
	zend_string *property_response_name = zend_string_init("response", sizeof("response") - 1, 1);
	zend_declare_typed_property(class_entry, property_response_name, &property_response_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_response_name);

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_Signature(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "Signature", class_FreedomPay_Signature_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "sign", sizeof("sign") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "verify", sizeof("verify") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_Client(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "Client", class_FreedomPay_Client_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "cardpayment", sizeof("cardpayment") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "cardpaymentacs", sizeof("cardpaymentacs") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_FreedomPay_Callback(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "FreedomPay", "Callback", class_FreedomPay_Callback_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "fromrequest", sizeof("fromrequest") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "fromglobals", sizeof("fromglobals") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}
