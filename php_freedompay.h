/*
 * freedompay: the FreedomPay payment gateway for PHP.
 * Public header: the module entry and the version.
 */
#ifndef PHP_FREEDOMPAY_H
#define PHP_FREEDOMPAY_H

extern zend_module_entry freedompay_module_entry;
#define phpext_freedompay_ptr &freedompay_module_entry

#define PHP_FREEDOMPAY_VERSION "0.1.0"

#if defined(ZTS) && defined(COMPILE_DL_FREEDOMPAY)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
