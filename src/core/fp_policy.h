/*
 * freedompay core: what a failed attempt means, and whether to try again.
 *
 * Pure functions, so the whole decision table is unit-tested without a
 * network. The rule: only a safe read (a status, a balance, a card list)
 * is ever tried again, with the very same body, within the call's
 * deadline. A call that moves money or creates something is tried once;
 * when it failed after its request may have reached the gateway, its
 * outcome is unknown and the shop must look the order up.
 */
#ifndef FP_POLICY_H
#define FP_POLICY_H

#include <stdbool.h>

#include "fp_error.h"

/* A failure that another attempt may not meet: the request or the answer
 * was lost or garbled on the way, or the server failed (5xx). Never TLS,
 * size, signature, mismatch or gateway errors. */
bool fp_policy_transient(const fp_error *err);

/* The pause before attempt number `attempt` (1 for the first retry):
 * 250 ms, doubling, at most 2 s. */
long fp_policy_backoff_ms(int attempt);

/*
 * Whether to try again after a failed attempt: a safe read, a transient
 * failure, attempts left, and time left for the pause plus a useful try.
 */
bool fp_policy_should_retry(
	const fp_error *err, bool safe_read, int attempts_made, int max_attempts, long long left_ms);

/*
 * Whether a failed call that is not a safe read has an unknown outcome:
 * its request may have reached the gateway (sent), and the failure is one
 * where the gateway may have acted: a timeout or a dropped connection
 * after sending, an HTTP 5xx, a reply that is cut short, unreadable, too
 * large, unsigned, wrongly signed, or about another payment.
 */
bool fp_policy_outcome_unknown(const fp_error *err, bool sent);

#endif
