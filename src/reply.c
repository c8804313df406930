/*
 * freedompay binding: the gateway's XML replies as PHP arrays.
 *
 * A reply becomes an array keyed exactly as its XML (pg_status,
 * pg_payment_id, ...). Nothing reaches PHP that the signature does not
 * cover: attributes and the text of elements that have children are
 * dropped by the parser. An element that can repeat is always a list.
 */
#include "php_freedompay_int.h"

#include "core/fp_xml.h"

/* Elements the gateway repeats; they are lists even when one is present. */
static const char *const fp_repeatable[] = {
	"card",
	"pg_refund_payment",
	"pg_revoked_payment",
	"pg_receipt_position",
};

static bool fp_reply_is_repeatable(const fp_xml_node *node)
{
	size_t i;

	for (i = 0; i < sizeof(fp_repeatable) / sizeof(fp_repeatable[0]); i++) {
		if (strcmp(node->name, fp_repeatable[i]) == 0) {
			return true;
		}
	}
	return false;
}

static void fp_reply_children(const fp_xml_node *parent, HashTable *out);

static void fp_reply_value(const fp_xml_node *node, zval *value)
{
	if (node->children == 0) {
		ZVAL_STRINGL(value, node->text, node->text_len);
	} else {
		array_init(value);
		fp_reply_children(node, Z_ARRVAL_P(value));
	}
}

/* How often each name occurs among parent's children. */
static HashTable *fp_reply_count_names(const fp_xml_node *parent)
{
	HashTable *counts = zend_new_array(parent->children);
	const fp_xml_node *child;

	for (child = parent->first_child; child != NULL; child = child->next) {
		zval *count = zend_hash_str_find(counts, child->name, child->name_len);

		if (count != NULL) {
			Z_LVAL_P(count)++;
		} else {
			zval one;

			ZVAL_LONG(&one, 1);
			zend_hash_str_add_new(counts, child->name, child->name_len, &one);
		}
	}
	return counts;
}

static void fp_reply_children(const fp_xml_node *parent, HashTable *out)
{
	HashTable *counts = fp_reply_count_names(parent);
	const fp_xml_node *child;

	for (child = parent->first_child; child != NULL; child = child->next) {
		zval value, *list;
		bool repeated = Z_LVAL_P(zend_hash_str_find(counts, child->name, child->name_len)) > 1;

		fp_reply_value(child, &value);
		if (!repeated && !fp_reply_is_repeatable(child)) {
			zend_hash_str_update(out, child->name, child->name_len, &value);
			continue;
		}
		list = zend_hash_str_find(out, child->name, child->name_len);
		if (list == NULL) {
			zval empty;

			array_init(&empty);
			list = zend_hash_str_add_new(out, child->name, child->name_len, &empty);
		}
		zend_hash_next_index_insert_new(Z_ARRVAL_P(list), &value);
	}
	zend_array_destroy(counts);
}

void fp_reply_to_array(const fp_xml_node *root, zval *out)
{
	array_init_size(out, root->children);
	fp_reply_children(root, Z_ARRVAL_P(out));
}

/* The text of the root's only child called name: 1 found, 0 absent, -1 when
 * it repeats or has children (a malformed reply). */
static int fp_reply_field(const fp_xml_node *root, const char *name, const char **text, size_t *len)
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

static zend_long fp_reply_error_code(const fp_xml_node *root)
{
	const char *text;
	size_t len;

	if (fp_reply_field(root, "pg_error_code", &text, &len) != 1 || len == 0 || len > 18) {
		return 0;
	}
	return ZEND_STRTOL(text, NULL, 10);
}

/* Leaf texts are NUL-terminated and XML has no NUL byte, so the text is
 * the whole message. */
static void fp_reply_throw_api(const fp_xml_node *root, zval *reply)
{
	const char *text = NULL;
	size_t len = 0;

	if (fp_reply_field(root, "pg_error_description", &text, &len) != 1 &&
		fp_reply_field(root, "pg_description", &text, &len) != 1) {
		text = "The gateway answered pg_status=error";
	}
	fp_throw_api_error(fp_reply_error_code(root), text, reply);
}

/* The one unsigned reply the gateway sends: it could not tell which
 * merchant was calling, so it had no key to sign with. */
static bool fp_reply_is_unidentified_merchant(const fp_xml_node *root)
{
	const char *status;
	size_t len;
	zend_long code;

	if (fp_reply_field(root, "pg_status", &status, &len) != 1 || len != 5 ||
		memcmp(status, "error", 5) != 0) {
		return false;
	}
	code = fp_reply_error_code(root);
	return code == 101 || code == 9998;
}

static fp_reply_result fp_reply_signed(const fp_xml_node *root, zval *return_value, fp_error *err)
{
	const char *status = NULL;
	size_t len = 0;
	int found = fp_reply_field(root, "pg_status", &status, &len);
	zval reply;

	if (found < 0) {
		fp_error_set(err, FP_ERR_MALFORMED, 0, "pg_status is not a single value");
		return FP_REPLY_MALFORMED;
	}
	fp_reply_to_array(root, &reply);
	if (found == 1 && len == 5 && memcmp(status, "error", 5) == 0) {
		fp_reply_throw_api(root, &reply);
		zval_ptr_dtor(&reply);
		return FP_REPLY_THROWN;
	}
	ZVAL_COPY_VALUE(return_value, &reply);
	return FP_REPLY_OK;
}

fp_reply_result fp_reply_handle(const char *body, size_t len, const char *script, size_t script_len,
	const zend_string *secret, const char *url, zval *return_value, fp_error *err)
{
	fp_xml_doc *doc = fp_xml_parse(body, len, "response", err);
	const fp_xml_node *root;
	fp_reply_result result;
	fp_error why;
	zval reply;

	if (doc == NULL) {
		return FP_REPLY_MALFORMED;
	}
	root = fp_xml_root(doc);
	fp_error_clear(&why);
	if (fp_xml_verify(root, script, script_len, ZSTR_VAL(secret), ZSTR_LEN(secret), &fp_php_md5, &why)) {
		result = fp_reply_signed(root, return_value, err);
	} else if (why.domain == FP_ERR_UNSIGNED && fp_reply_is_unidentified_merchant(root)) {
		fp_reply_to_array(root, &reply);
		fp_reply_throw_api(root, &reply);
		zval_ptr_dtor(&reply);
		result = FP_REPLY_THROWN;
	} else if (why.domain == FP_ERR_UNSIGNED) {
		zend_throw_exception_ex(
			fp_ce_SignatureException, 0, "The reply from %s is not signed (no pg_sig)", url);
		result = FP_REPLY_THROWN;
	} else if (why.domain == FP_ERR_SIGNATURE) {
		zend_throw_exception_ex(fp_ce_SignatureException, 0,
			"The reply from %s failed signature verification (%s): it was altered or not signed with this "
			"client's secret key",
			url, why.message);
		result = FP_REPLY_THROWN;
	} else {
		fp_throw_core_error(&why);
		result = FP_REPLY_THROWN;
	}
	fp_xml_free(doc);
	return result;
}
