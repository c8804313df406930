/*
 * freedompay: the FreedomPay payment gateway for PHP.
 * The module: class registration, globals, phpinfo().
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/info.h"
#include "zend_attributes.h" /* the arginfo adds #[\SensitiveParameter] */
#include "zend_exceptions.h"

#include "php_freedompay.h"
#include "src/core/fp_version.h"
#include "src/php_freedompay_int.h"

#include "freedompay_arginfo.h"

static void fp_register_classes(void)
{
	fp_ce_Exception = register_class_FreedomPay_Exception(zend_ce_throwable);
	fp_ce_InvalidArgumentException =
		register_class_FreedomPay_InvalidArgumentException(spl_ce_InvalidArgumentException, fp_ce_Exception);
	fp_ce_TransportException =
		register_class_FreedomPay_TransportException(spl_ce_RuntimeException, fp_ce_Exception);
	fp_ce_SignatureException =
		register_class_FreedomPay_SignatureException(spl_ce_RuntimeException, fp_ce_Exception);
	fp_ce_ApiException = register_class_FreedomPay_ApiException(spl_ce_RuntimeException, fp_ce_Exception);
	fp_ce_Signature = register_class_FreedomPay_Signature();
}

static PHP_MINIT_FUNCTION(freedompay)
{
	(void) type;
	(void) module_number;
	fp_register_classes();
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
}

static const zend_module_dep freedompay_deps[] = {
	ZEND_MOD_REQUIRED("libxml") ZEND_MOD_REQUIRED("spl") ZEND_MOD_END};

zend_module_entry freedompay_module_entry = {STANDARD_MODULE_HEADER_EX, NULL, freedompay_deps, "freedompay",
	NULL, /* every function is a method of a class */
	PHP_MINIT(freedompay), NULL, NULL, NULL, PHP_MINFO(freedompay), PHP_FREEDOMPAY_VERSION,
	STANDARD_MODULE_PROPERTIES};

#ifdef COMPILE_DL_FREEDOMPAY
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(freedompay)
#endif
