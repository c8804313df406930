/*
 * freedompay core: HTTP on libcurl.
 *
 * One fp_http per client: a curl multi handle (its connection cache keeps
 * connections alive between calls) and a pool of easy handles, so the same
 * code runs one request or many at once. Every transfer has a connect and a
 * total limit, verifies the TLS peer and host, follows no redirect, never
 * uses signals or a proxy from the environment, stops receiving once the
 * body exceeds its cap, and opens its descriptors close-on-exec.
 */
#ifndef FP_HTTP_H
#define FP_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "fp_error.h"

typedef struct {
	const char *ca_info; /* a CA bundle file, or NULL for the system's */
	const char *user_agent;
	const char *proxy; /* an explicit proxy URL, or NULL: no proxy at all */
	bool allow_plain_http; /* http:// too (the caller allows it for loopback only) */
	void *share; /* a CURLSH to keep connections, DNS and TLS sessions in, or NULL */
} fp_http_config;

typedef struct fp_http fp_http;

typedef struct {
	/* in */
	const char *url;
	const char *body;
	size_t body_len;
	long timeout_ms; /* the whole exchange, every attempt included, from its first start */
	long connect_timeout_ms;
	size_t max_response; /* bytes; a longer body is an error */
	bool fresh_connection; /* never reuse a kept-alive connection (see fp_http.c) */
	long long not_before; /* do not start before this time (0: at once) */
	/* out */
	long status;
	char *content_type; /* NULL when the server sent none */
	char *data; /* the body, NUL-terminated; NULL when empty */
	size_t len;
	fp_error error; /* FP_OK, or why the exchange failed */
	bool sent; /* the request may have reached the server */
	long long deadline; /* set at the first start: fp_http_now() + timeout_ms */
	/* private */
	size_t cap;
	bool too_large;
} fp_http_exchange;

/*
 * Called when an exchange has finished. Returning true starts it again
 * after x->not_before (its deadline stays); the exchange's received data
 * and error are cleared first by fp_http.
 */
typedef bool (*fp_http_on_done)(void *ctx, size_t index, fp_http_exchange *x);

fp_http *fp_http_new(const fp_http_config *config, fp_error *err);
void fp_http_free(fp_http *http);

/* Milliseconds on a monotonic clock. */
long long fp_http_now(void);

/* Prepares x for a POST of body to url (both must outlive the run). */
void fp_http_exchange_init(fp_http_exchange *x, const char *url, const char *body, size_t body_len);
/* Frees what an exchange received. */
void fp_http_exchange_release(fp_http_exchange *x);

/*
 * POSTs every exchange (application/x-www-form-urlencoded), at most
 * parallel at once, in index order. Each exchange gets its own result:
 * x->error.domain is FP_OK with a 2xx status, FP_ERR_HTTP for another
 * status, or the reason the transfer failed. on_done (may be NULL) sees
 * each result and may ask for another attempt.
 */
void fp_http_run(
	fp_http *http, fp_http_exchange **xs, size_t n, size_t parallel, fp_http_on_done on_done, void *ctx);

#endif
