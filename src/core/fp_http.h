/*
 * freedompay core: HTTP on libcurl.
 *
 * One fp_http per client: a curl multi handle (its connection cache keeps
 * connections alive between calls) and a pool of easy handles, so the same
 * code runs one request or many at once. Every transfer has a connect and a
 * total timeout, verifies the TLS peer and host, follows no redirect, never
 * uses signals, and stops receiving once the body exceeds the cap.
 */
#ifndef FP_HTTP_H
#define FP_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "fp_error.h"

typedef struct {
	long connect_timeout_ms;
	long timeout_ms;
	size_t max_response; /* bytes; a longer body is an error */
	const char *ca_info; /* a CA bundle file, or NULL for the system's */
	const char *user_agent;
	bool allow_plain_http; /* http:// too (the caller allows it for loopback only) */
} fp_http_config;

typedef struct fp_http fp_http;

typedef struct {
	/* in */
	const char *url;
	const char *body;
	size_t body_len;
	/* out */
	long status;
	char *content_type; /* NULL when the server sent none */
	char *data; /* the body, NUL-terminated; NULL when empty */
	size_t len;
	fp_error error; /* FP_OK, or why the exchange failed */
	/* private */
	size_t cap;
	bool too_large;
	size_t max;
} fp_http_exchange;

fp_http *fp_http_new(const fp_http_config *config, fp_error *err);
void fp_http_free(fp_http *http);

/* Prepares x for a POST of body to url (both must outlive the call). */
void fp_http_exchange_init(fp_http_exchange *x, const char *url, const char *body, size_t body_len);
/* Frees what an exchange received. */
void fp_http_exchange_release(fp_http_exchange *x);

/*
 * POSTs every exchange (application/x-www-form-urlencoded), at most
 * parallel at once. Each exchange gets its own result: x->error.domain is
 * FP_OK with a 2xx status, FP_ERR_HTTP for another status, or the reason
 * the transfer failed.
 */
void fp_http_post(fp_http *http, fp_http_exchange *xs, size_t n, size_t parallel);

#endif
