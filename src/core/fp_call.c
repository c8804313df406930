/* freedompay core: calls to the gateway, one or many at once. */
#include "fp_call.h"

#include "fp_policy.h"

#include <stdlib.h>
#include <string.h>

void fp_call_init(fp_call *call, const char *url, const char *body, size_t body_len)
{
	memset(call, 0, sizeof(*call));
	fp_http_exchange_init(&call->x, url, body, body_len);
	call->max_attempts = 1;
}

void fp_call_release(fp_call *call)
{
	fp_xml_free(call->doc);
	call->doc = NULL;
	fp_http_exchange_release(&call->x);
}

typedef struct {
	fp_call **calls;
	const fp_md5_ops *md5;
} fp_call_run_state;

/* The attempt's reply, checked; the error reads after "The reply from URL ". */
static void fp_call_check_reply(fp_call *call, const fp_md5_ops *md5)
{
	fp_error why;

	fp_error_clear(&why);
	call->result =
		fp_reply_check(call->x.data ? call->x.data : "", call->x.len, &call->expect, md5, &call->doc, &why);
	if (call->result == FP_REPLY_ERROR) {
		call->error = why;
	} else if (call->result == FP_REPLY_BAD) {
		fp_error_set(&call->error, why.domain, why.code, "The reply from %s %s%s", call->x.url,
			why.domain == FP_ERR_MALFORMED ? "is not a gateway reply: " : "", why.message);
	}
}

static bool fp_call_on_done(void *ctx, size_t index, fp_http_exchange *x)
{
	fp_call_run_state *st = ctx;
	fp_call *call = st->calls[index];

	call->attempts++;
	fp_xml_free(call->doc);
	call->doc = NULL;
	if (x->error.domain == FP_OK) {
		fp_call_check_reply(call, st->md5);
	} else {
		call->result = FP_REPLY_BAD;
		call->error = x->error;
	}
	if (call->result == FP_REPLY_BAD) {
		long long left = x->deadline - fp_http_now();

		/* A reply (even a bad one) proves the request arrived. */
		call->maybe_sent = x->sent || x->error.domain == FP_OK;
		if (fp_policy_should_retry(&call->error, call->safe_read, call->attempts, call->max_attempts, left)) {
			/* The same body again: same salt, same signature. */
			x->not_before = fp_http_now() + fp_policy_backoff_ms(call->attempts);
			return true;
		}
	}
	return false;
}

void fp_call_run(fp_http *http, fp_call **calls, size_t n, size_t parallel, const fp_md5_ops *md5)
{
	fp_http_exchange *stack[16];
	fp_http_exchange **xs = n <= 16 ? stack : malloc(n * sizeof(*xs));
	fp_call_run_state st = {calls, md5};
	size_t i;

	if (xs == NULL) {
		for (i = 0; i < n; i++) {
			calls[i]->result = FP_REPLY_BAD;
			fp_error_set(&calls[i]->error, FP_ERR_MEMORY, 0, "out of memory");
		}
		return;
	}
	for (i = 0; i < n; i++) {
		calls[i]->attempts = 0;
		calls[i]->result = FP_REPLY_BAD;
		fp_error_clear(&calls[i]->error);
		calls[i]->maybe_sent = false;
		/* Money-moving calls never ride a kept-alive connection (fp_http.c). */
		calls[i]->x.fresh_connection = !calls[i]->safe_read;
		xs[i] = &calls[i]->x;
	}
	fp_http_run(http, xs, n, parallel, fp_call_on_done, &st);
	for (i = 0; i < n; i++) {
		/* Abandoned after a libcurl failure: no attempt was ever settled. */
		if (calls[i]->attempts == 0) {
			calls[i]->error = xs[i]->error;
			calls[i]->maybe_sent = xs[i]->sent;
			if (calls[i]->error.domain == FP_OK) {
				fp_error_set(&calls[i]->error, FP_ERR_TRANSPORT, 0, "POST %s was not sent", xs[i]->url);
			}
		}
	}
	if (xs != stack) {
		free(xs);
	}
}
