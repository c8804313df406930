/*
 * freedompay core: error reporting shared by every core module.
 *
 * The core never throws: each fallible function fills a caller-owned
 * fp_error. The PHP binding alone maps a domain to an exception class.
 */
#ifndef FP_ERROR_H
#define FP_ERROR_H

#include <stddef.h>

typedef enum {
	FP_OK = 0,
	FP_ERR_MEMORY, /* allocation failed */
	FP_ERR_ARGUMENT, /* the caller passed something invalid */
	FP_ERR_TRANSPORT, /* connect, DNS, reset, partial transfer */
	FP_ERR_TIMEOUT, /* connect or total timeout */
	FP_ERR_TLS, /* certificate or handshake failure */
	FP_ERR_HTTP, /* a non-2xx HTTP status; code holds it */
	FP_ERR_TOO_LARGE, /* the reply exceeded the size cap */
	FP_ERR_MALFORMED, /* empty, not XML, DOCTYPE, bad structure */
	FP_ERR_UNSIGNED, /* a reply without pg_sig */
	FP_ERR_SIGNATURE, /* a reply whose pg_sig does not match */
	FP_ERR_CRYPTO, /* the md5 implementation failed */
	FP_ERR_MISMATCH, /* a verified reply about another payment or order */
	FP_ERR_API /* the gateway answered pg_status=error; code is pg_error_code */
} fp_error_domain;

typedef struct {
	fp_error_domain domain;
	long code; /* curl code, HTTP status, or 0 */
	char message[256];
} fp_error;

void fp_error_clear(fp_error *err);

/* printf-style; the message is truncated to fit, never overflows. */
void fp_error_set(fp_error *err, fp_error_domain domain, long code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

#endif
