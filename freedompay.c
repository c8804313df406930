/*
 * freedompay: the FreedomPay payment gateway for PHP.
 * The module: class registration, globals, phpinfo().
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/info.h"
#include "zend_attributes.h" /* the arginfo adds #[\SensitiveParameter] */
#include "zend_exceptions.h"

#include "php_freedompay.h"
#include "src/core/fp_version.h"
#include "src/php_freedompay_int.h"

#include "freedompay_arginfo.h"

#include <curl/curl.h>
#include <unistd.h>

ZEND_DECLARE_MODULE_GLOBALS(freedompay)

/* The reply cap, from 1 KiB to 64 MiB ("1M" style quantities accepted). */
static ZEND_INI_MH(fp_on_update_max_response)
{
#if PHP_VERSION_ID >= 80200
	zend_long size = zend_ini_parse_quantity_warn(new_value, entry->name);
#else
	zend_long size = zend_atol(ZSTR_VAL(new_value), ZSTR_LEN(new_value));
#endif

	(void) mh_arg2;
	(void) mh_arg3;
	(void) stage;
	if (size < 1024 || size > 64 * 1024 * 1024) {
		return FAILURE;
	}
	*(zend_long *) ZEND_INI_GET_ADDR() = size;
	return SUCCESS;
}

PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY("freedompay.max_response_size", "1M", PHP_INI_ALL, fp_on_update_max_response,
		max_response_size, zend_freedompay_globals, freedompay_globals)
PHP_INI_END()

static void fp_register_classes(void)
{
	fp_ce_Exception = register_class_FreedomPay_Exception(zend_ce_throwable);
	fp_ce_InvalidArgumentException =
		register_class_FreedomPay_InvalidArgumentException(spl_ce_InvalidArgumentException, fp_ce_Exception);
	fp_ce_TransportException =
		register_class_FreedomPay_TransportException(spl_ce_RuntimeException, fp_ce_Exception);
	fp_ce_OutcomeUnknownException =
		register_class_FreedomPay_OutcomeUnknownException(fp_ce_TransportException);
	fp_ce_SignatureException =
		register_class_FreedomPay_SignatureException(spl_ce_RuntimeException, fp_ce_Exception);
	fp_ce_CallbackMismatchException =
		register_class_FreedomPay_CallbackMismatchException(fp_ce_SignatureException);
	fp_ce_ApiException = register_class_FreedomPay_ApiException(spl_ce_RuntimeException, fp_ce_Exception);
	fp_ce_Signature = register_class_FreedomPay_Signature();
	fp_client_setup_class(register_class_FreedomPay_Client());
	fp_callback_setup_class(register_class_FreedomPay_Callback());
}

static PHP_MINIT_FUNCTION(freedompay)
{
	(void) type;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		return FAILURE;
	}
	REGISTER_INI_ENTRIES();
	fp_register_classes();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(freedompay)
{
	(void) type;
	UNREGISTER_INI_ENTRIES();
#ifndef ZTS
	fp_shared_connections_free();
#endif
	curl_global_cleanup();
	return SUCCESS;
}

static PHP_GINIT_FUNCTION(freedompay)
{
#if defined(COMPILE_DL_FREEDOMPAY) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	freedompay_globals->max_response_size = 1024 * 1024;
	freedompay_globals->share = NULL;
	freedompay_globals->share_pid = 0;
	freedompay_globals->shape.n = 0;
	freedompay_globals->in_request = false;
}

#ifdef ZTS
/* A thread's connections go with the thread. */
static PHP_GSHUTDOWN_FUNCTION(freedompay)
{
	if (freedompay_globals->share != NULL && freedompay_globals->share_pid == (long) getpid()) {
		curl_share_cleanup(freedompay_globals->share);
	}
	freedompay_globals->share = NULL;
}
#endif

static PHP_RINIT_FUNCTION(freedompay)
{
	(void) type;
	(void) module_number;
	FREEDOMPAY_G(in_request) = true;
	return SUCCESS;
}

/*
 * The shape cache holds strings of the request (params.c): it goes with
 * it. Signing may still happen after this (a session handler's or a
 * destructor's, in a later module's shutdown), so nothing is cached again
 * until the next request starts.
 */
static PHP_RSHUTDOWN_FUNCTION(freedompay)
{
	(void) type;
	(void) module_number;
	FREEDOMPAY_G(in_request) = false;
	fp_shape_forget();
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(freedompay)
{
	fp_library_version libs[3];
	int i, n = fp_library_versions(libs);

	(void) zend_module;
	php_info_print_table_start();
	php_info_print_table_header(2, "freedompay support", "enabled");
	php_info_print_table_row(2, "Version", PHP_FREEDOMPAY_VERSION);
	php_info_print_table_end();

	php_info_print_table_start();
	php_info_print_table_header(3, "Library", "Compiled", "Loaded");
	for (i = 0; i < n; i++) {
		php_info_print_table_row(3, libs[i].name, libs[i].compiled, libs[i].runtime);
	}
	php_info_print_table_end();

	DISPLAY_INI_ENTRIES();
}

/* clang-format off */
static const zend_module_dep freedompay_deps[] = {
	ZEND_MOD_REQUIRED("libxml")
	ZEND_MOD_REQUIRED("spl")
	ZEND_MOD_END
};
/* clang-format on */

/* clang-format off */
zend_module_entry freedompay_module_entry = {
	STANDARD_MODULE_HEADER_EX,
	NULL,
	freedompay_deps,
	"freedompay",
	NULL, /* every function is a method of a class */
	PHP_MINIT(freedompay),
	PHP_MSHUTDOWN(freedompay),
	PHP_RINIT(freedompay),
	PHP_RSHUTDOWN(freedompay),
	PHP_MINFO(freedompay),
	PHP_FREEDOMPAY_VERSION,
	PHP_MODULE_GLOBALS(freedompay),
	PHP_GINIT(freedompay),
#ifdef ZTS
	PHP_GSHUTDOWN(freedompay),
#else
	NULL,
#endif
	NULL,
	STANDARD_MODULE_PROPERTIES_EX
};
/* clang-format on */

#ifdef COMPILE_DL_FREEDOMPAY
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(freedompay)
#endif
