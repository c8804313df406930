/*
 * freedompay core: a gateway reply, from bytes to a verdict.
 *
 * Parses the body (hardened, see fp_xml.h), verifies its pg_sig against
 * the request's script name and secret, and tells what it says. Plain C
 * over a buffer, so the whole reply path can be measured and fuzzed
 * without a network or PHP.
 */
#ifndef FP_REPLY_H
#define FP_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "fp_error.h"
#include "fp_sign.h"
#include "fp_xml.h"

typedef struct {
	const char *script;
	size_t script_len;
	const char *secret;
	size_t secret_len;
	/* What the request asked about (NULL: nothing): a verified reply that
	 * names another payment or order is refused (FP_ERR_MISMATCH). */
	const char *payment_id;
	const char *order_id;
} fp_reply_expect;

typedef enum {
	FP_REPLY_BAD, /* not a reply to act on: err says why */
	FP_REPLY_OK, /* verified, pg_status is not "error" */
	FP_REPLY_ERROR, /* pg_status=error: verified, or the unsigned 101/9998 of an unidentified merchant */
} fp_reply_kind;

/*
 * Checks body. For FP_REPLY_OK and FP_REPLY_ERROR, *doc is the parsed
 * reply (the caller frees it with fp_xml_free) and, for an error, err
 * holds pg_error_code and the description. A reply may cost memory of a
 * small multiple of its own size, never more: past that it is refused.
 */
fp_reply_kind fp_reply_check(const char *body, size_t len, const fp_reply_expect *expect,
	const fp_md5_ops *md5, fp_xml_doc **doc, fp_error *err);

/* The text of the root's only leaf child called name: 1 found, 0 absent,
 * -1 when it repeats or has children. */
int fp_reply_field(const fp_xml_node *root, const char *name, const char **text, size_t *len);

#endif
