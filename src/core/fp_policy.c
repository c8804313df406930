/* freedompay core: what a failed attempt means, and whether to try again. */
#include "fp_policy.h"

/* Below this, another attempt could not finish anyway. */
#define FP_MIN_ATTEMPT_MS 50

bool fp_policy_transient(const fp_error *err)
{
	switch (err->domain) {
	case FP_ERR_TRANSPORT:
	case FP_ERR_TIMEOUT:
	case FP_ERR_MALFORMED:
		return true;
	case FP_ERR_HTTP:
		return err->code >= 500;
	default:
		return false;
	}
}

long fp_policy_backoff_ms(int attempt)
{
	long ms = 250;

	while (attempt-- > 1 && ms < 2000) {
		ms *= 2;
	}
	return ms > 2000 ? 2000 : ms;
}

bool fp_policy_should_retry(
	const fp_error *err, bool safe_read, int attempts_made, int max_attempts, long long left_ms)
{
	if (!safe_read || attempts_made >= max_attempts || !fp_policy_transient(err)) {
		return false;
	}
	return left_ms >= fp_policy_backoff_ms(attempts_made) + FP_MIN_ATTEMPT_MS;
}

bool fp_policy_outcome_unknown(const fp_error *err, bool sent)
{
	if (!sent) {
		return false;
	}
	switch (err->domain) {
	case FP_ERR_TRANSPORT:
	case FP_ERR_TIMEOUT:
	case FP_ERR_TOO_LARGE:
	case FP_ERR_MALFORMED:
	case FP_ERR_MISMATCH:
	case FP_ERR_MEMORY:
	/* A reply we cannot trust tells nothing of what the gateway did. */
	case FP_ERR_UNSIGNED:
	case FP_ERR_SIGNATURE:
	case FP_ERR_CRYPTO:
		return true;
	case FP_ERR_HTTP:
		return err->code >= 500;
	default:
		return false;
	}
}
