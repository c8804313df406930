dnl freedompay: the FreedomPay payment gateway for PHP.

PHP_ARG_ENABLE([freedompay],
  [whether to enable freedompay],
  [AS_HELP_STRING([--enable-freedompay], [Enable the FreedomPay gateway client])],
  [yes])

PHP_ARG_ENABLE([freedompay-developer-flags],
  [whether to build freedompay with -Wall -Wextra -Werror],
  [AS_HELP_STRING([--enable-freedompay-developer-flags], [Treat every compiler warning as an error])],
  [no],
  [no])

if test "$PHP_FREEDOMPAY" != "no"; then
  PKG_PROG_PKG_CONFIG

  PKG_CHECK_MODULES([FREEDOMPAY_CURL], [libcurl >= 7.61.0], [],
    [AC_MSG_ERROR([freedompay needs libcurl >= 7.61.0 with its headers and pkg-config file (Debian: apt-get install libcurl4-openssl-dev pkg-config)])])
  PKG_CHECK_MODULES([FREEDOMPAY_XML], [libxml-2.0 >= 2.9.0], [],
    [AC_MSG_ERROR([freedompay needs libxml2 >= 2.9.0 with its headers and pkg-config file (Debian: apt-get install libxml2-dev pkg-config)])])
  PKG_CHECK_MODULES([FREEDOMPAY_SSL], [libcrypto >= 1.1.1], [],
    [AC_MSG_ERROR([freedompay needs OpenSSL (libcrypto) >= 1.1.1 with its headers and pkg-config file (Debian: apt-get install libssl-dev pkg-config)])])

  for flags in "$FREEDOMPAY_CURL_CFLAGS" "$FREEDOMPAY_XML_CFLAGS" "$FREEDOMPAY_SSL_CFLAGS"; do
    PHP_EVAL_INCLINE([$flags])
  done
  for libs in "$FREEDOMPAY_CURL_LIBS" "$FREEDOMPAY_XML_LIBS" "$FREEDOMPAY_SSL_LIBS"; do
    PHP_EVAL_LIBLINE([$libs], [FREEDOMPAY_SHARED_LIBADD])
  done

  FREEDOMPAY_CFLAGS="-std=gnu99 -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  dnl Only get_module (ZEND_DLEXPORT) leaves the module: calls between its
  dnl files are direct, not through the PLT, and its globals need no GOT.
  AX_CHECK_COMPILE_FLAG([-fvisibility=hidden],
    [FREEDOMPAY_CFLAGS="$FREEDOMPAY_CFLAGS -fvisibility=hidden"])
  if test "$PHP_FREEDOMPAY_DEVELOPER_FLAGS" != "no"; then
    FREEDOMPAY_CFLAGS="$FREEDOMPAY_CFLAGS -Wall -Wextra -Werror"
  fi

  FREEDOMPAY_SOURCES="freedompay.c \
    src/call.c \
    src/callback.c \
    src/client.c \
    src/endpoints.c \
    src/exceptions.c \
    src/params.c \
    src/reply.c \
    src/signature.c \
    src/core/fp_call.c \
    src/core/fp_error.c \
    src/core/fp_field.c \
    src/core/fp_form.c \
    src/core/fp_http.c \
    src/core/fp_policy.c \
    src/core/fp_reply.c \
    src/core/fp_sign.c \
    src/core/fp_url.c \
    src/core/fp_version.c \
    src/core/fp_xml.c \
    src/core/fp_xmlout.c"

  PHP_NEW_EXTENSION([freedompay], [$FREEDOMPAY_SOURCES], [$ext_shared], [], [$FREEDOMPAY_CFLAGS])
  PHP_ADD_BUILD_DIR([$ext_builddir/src])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/core])
  PHP_ADD_EXTENSION_DEP([freedompay], [libxml])
  PHP_ADD_EXTENSION_DEP([freedompay], [spl])
  PHP_SUBST([FREEDOMPAY_SHARED_LIBADD])
fi
