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
#define FP_NAME(s)       \
	{                    \
		s, sizeof(s) - 1 \
	}
static const struct {
	const char *name;
	size_t len;
} fp_repeatable[] = {
	FP_NAME("card"),
	FP_NAME("pg_refund_payment"),
	FP_NAME("pg_revoked_payment"),
	FP_NAME("pg_receipt_position"),
};
#undef FP_NAME

static bool fp_reply_is_repeatable(const fp_xml_node *node)
{
	size_t i;

	for (i = 0; i < sizeof(fp_repeatable) / sizeof(fp_repeatable[0]); i++) {
		if (node->name_len == fp_repeatable[i].len &&
			memcmp(node->name, fp_repeatable[i].name, node->name_len) == 0) {
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

/* Whether another of parent's children has child's name. Replies are
 * small: a scan of the siblings costs less than a hash of their names. */
static bool fp_reply_name_repeats(const fp_xml_node *parent, const fp_xml_node *child)
{
	const fp_xml_node *other;

	for (other = parent->first_child; other != NULL; other = other->next) {
		if (other != child && other->name_len == child->name_len &&
			memcmp(other->name, child->name, child->name_len) == 0) {
			return true;
		}
	}
	return false;
}

/* How often each name occurs among parent's children, for large parents. */
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
	HashTable *counts = parent->children > 32 ? fp_reply_count_names(parent) : NULL;
	const fp_xml_node *child;

	for (child = parent->first_child; child != NULL; child = child->next) {
		zval value, *list;
		bool repeated = counts ? Z_LVAL_P(zend_hash_str_find(counts, child->name, child->name_len)) > 1
							   : fp_reply_name_repeats(parent, child);

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
	if (counts) {
		zend_array_destroy(counts);
	}
}

void fp_reply_to_array(const fp_xml_node *root, zval *out)
{
	array_init_size(out, root->children);
	fp_reply_children(root, Z_ARRVAL_P(out));
}
