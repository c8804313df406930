/* freedompay core: a gateway reply, from bytes to a verdict. */
#include "fp_reply.h"

#include <stdlib.h>
#include <string.h>

int fp_reply_field(const fp_xml_node *root, const char *name, const char **text, size_t *len)
{
	const fp_xml_node *child, *found = NULL;

	for (child = root->first_child; child != NULL; child = child->next) {
		if (strcmp(child->name, name) != 0) {
			continue;
		}
		if (found != NULL || child->children > 0) {
			return -1;
		}
		found = child;
	}
	if (found == NULL) {
		return 0;
	}
	*text = found->text;
	*len = found->text_len;
	return 1;
}

static bool fp_reply_status_is(const fp_xml_node *root, const char *status)
{
	const char *text;
	size_t len;

	return fp_reply_field(root, "pg_status", &text, &len) == 1 && len == strlen(status) &&
		memcmp(text, status, len) == 0;
}

static long fp_reply_error_code(const fp_xml_node *root)
{
	const char *text;
	size_t len;

	if (fp_reply_field(root, "pg_error_code", &text, &len) != 1 || len == 0 || len > 9) {
		return 0;
	}
	return strtol(text, NULL, 10);
}

/* An error reply: err carries its code and description. */
static void fp_reply_describe_error(const fp_xml_node *root, fp_error *err)
{
	const char *text = NULL;
	size_t len = 0;

	if (fp_reply_field(root, "pg_error_description", &text, &len) != 1 &&
		fp_reply_field(root, "pg_description", &text, &len) != 1) {
		text = "The gateway answered pg_status=error";
		len = strlen(text);
	}
	fp_error_set(err, FP_ERR_API, fp_reply_error_code(root), "%.*s", (int) (len > 255 ? 255 : len), text);
}

/* Ids compare as numbers when both are digits ("007" is 7), else bytewise. */
static bool fp_reply_same_id(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;
	bool digits = alen > 0 && blen > 0;

	for (i = 0; digits && i < alen; i++) {
		digits = a[i] >= '0' && a[i] <= '9';
	}
	for (i = 0; digits && i < blen; i++) {
		digits = b[i] >= '0' && b[i] <= '9';
	}
	if (digits) {
		while (alen > 1 && *a == '0') {
			a++, alen--;
		}
		while (blen > 1 && *b == '0') {
			b++, blen--;
		}
	}
	return alen == blen && memcmp(a, b, alen) == 0;
}

/* The one unsigned reply the gateway sends: it could not tell which
 * merchant was calling, so it had no key to sign with. */
static bool fp_reply_is_unidentified_merchant(const fp_xml_node *root)
{
	long code;

	if (!fp_reply_status_is(root, "error")) {
		return false;
	}
	code = fp_reply_error_code(root);
	return code == 101 || code == 9998;
}

/* The root's fields a verdict needs, found in one pass. */
typedef struct {
	const fp_xml_node *status, *payment_id, *order_id;
	bool status_twice, payment_id_twice, order_id_twice;
} fp_reply_fields;

static void fp_reply_note(const fp_xml_node *child, const fp_xml_node **slot, bool *twice)
{
	*twice |= *slot != NULL || child->children > 0;
	*slot = child;
}

static void fp_reply_scan(const fp_xml_node *root, fp_reply_fields *r)
{
	const fp_xml_node *child;

	memset(r, 0, sizeof(*r));
	for (child = root->first_child; child != NULL; child = child->next) {
		if (child->name_len == 9 && memcmp(child->name, "pg_status", 9) == 0) {
			fp_reply_note(child, &r->status, &r->status_twice);
		} else if (child->name_len == 13 && memcmp(child->name, "pg_payment_id", 13) == 0) {
			fp_reply_note(child, &r->payment_id, &r->payment_id_twice);
		} else if (child->name_len == 11 && memcmp(child->name, "pg_order_id", 11) == 0) {
			fp_reply_note(child, &r->order_id, &r->order_id_twice);
		}
	}
}

/* A verified reply that names another payment or order than was asked about. */
static bool fp_reply_other(
	const fp_xml_node *node, bool twice, const char *field, const char *expected, fp_error *err)
{
	if (expected == NULL || node == NULL) {
		return false;
	}
	if (!twice && fp_reply_same_id(node->text, node->text_len, expected, strlen(expected))) {
		return false;
	}
	fp_error_set(err, FP_ERR_MISMATCH, 0, "is about %s %.*s, not about %s as asked", field,
		twice ? 9 : (int) (node->text_len > 60 ? 60 : node->text_len), twice ? "(several)" : node->text,
		expected);
	return true;
}

static fp_reply_kind fp_reply_classify(const fp_xml_node *root, const fp_reply_expect *expect, fp_error *err)
{
	fp_reply_fields r;

	fp_reply_scan(root, &r);
	if (r.status_twice) {
		fp_error_set(err, FP_ERR_MALFORMED, 0, "pg_status is not a single value");
		return FP_REPLY_BAD;
	}
	if (r.status != NULL && r.status->text_len == 5 && memcmp(r.status->text, "error", 5) == 0) {
		fp_reply_describe_error(root, err);
		return FP_REPLY_ERROR;
	}
	if (fp_reply_other(r.payment_id, r.payment_id_twice, "pg_payment_id", expect->payment_id, err) ||
		fp_reply_other(r.order_id, r.order_id_twice, "pg_order_id", expect->order_id, err)) {
		return FP_REPLY_BAD;
	}
	return FP_REPLY_OK;
}

fp_reply_kind fp_reply_check(const char *body, size_t len, const fp_reply_expect *expect,
	const fp_md5_ops *md5, fp_xml_doc **doc_out, fp_error *err)
{
	fp_xml_doc *doc = fp_xml_parse(body, len, "response", err);
	const fp_xml_node *root;
	fp_reply_kind kind = FP_REPLY_BAD;
	fp_error why;

	*doc_out = NULL;
	if (doc == NULL) {
		return FP_REPLY_BAD;
	}
	root = fp_xml_root(doc);
	fp_error_clear(&why);
	/* Flattened names may take a few times the reply's size, never more. */
	if (fp_xml_verify(root, expect->script, expect->script_len, expect->secret, expect->secret_len, md5,
			4 * len + 65536, &why)) {
		kind = fp_reply_classify(root, expect, err);
	} else if (why.domain == FP_ERR_UNSIGNED && fp_reply_is_unidentified_merchant(root)) {
		fp_reply_describe_error(root, err);
		kind = FP_REPLY_ERROR;
	} else if (why.domain == FP_ERR_UNSIGNED) {
		fp_error_set(err, FP_ERR_UNSIGNED, 0, "is not signed (no pg_sig)");
	} else if (why.domain == FP_ERR_SIGNATURE) {
		fp_error_set(err, FP_ERR_SIGNATURE, 0,
			"failed signature verification (%s): it was altered or not signed with this client's secret key",
			why.message);
	} else {
		*err = why;
	}
	if (kind == FP_REPLY_BAD) {
		fp_xml_free(doc);
	} else {
		*doc_out = doc;
	}
	return kind;
}
