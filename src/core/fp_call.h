/*
 * freedompay core: calls to the gateway, one or many at once.
 *
 * A call is a signed body for one URL. Running it sends it (over
 * fp_http), checks the reply (fp_reply), and under fp_policy's rule tries
 * a safe read again with the very same body, within the call's deadline.
 * Each call ends with one result: a reply to act on, or why it failed and
 * whether its request may have reached the gateway.
 */
#ifndef FP_CALL_H
#define FP_CALL_H

#include <stdbool.h>
#include <stddef.h>

#include "fp_error.h"
#include "fp_http.h"
#include "fp_reply.h"

typedef struct {
	/* in */
	fp_reply_expect expect; /* script name, secret, ids asked about */
	bool safe_read; /* may be tried again; may use a kept-alive connection */
	int max_attempts; /* 1 + retries (only safe reads use more than one) */
	/* out */
	fp_reply_kind result; /* FP_REPLY_BAD: failed, see error */
	fp_xml_doc *doc; /* the reply, for FP_REPLY_OK and FP_REPLY_ERROR */
	fp_error error; /* why it failed; for FP_REPLY_ERROR the gateway's code */
	bool maybe_sent; /* a failed request may have reached the gateway */
	int attempts;
	/* the transfer: url, body, limits (fp_http_exchange_init) */
	fp_http_exchange x;
} fp_call;

/* Prepares a call of body to url; every pointer must outlive the run. */
void fp_call_init(fp_call *call, const char *url, const char *body, size_t body_len);

/* Runs the calls, at most parallel at once. */
void fp_call_run(fp_http *http, fp_call **calls, size_t n, size_t parallel, const fp_md5_ops *md5);

/* Frees what a call received. */
void fp_call_release(fp_call *call);

#endif
