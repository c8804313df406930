/*
 * libFuzzer target: the shop's signed answer to a callback. What the
 * gateway sends is parsed (a pg_xml body), verified, and answered with a
 * signed <response> written by fp_xmlout_signed, as Callback::reply does.
 *
 * Checked besides the sanitizers' findings: every answer written parses
 * back with the same hardened parser, verifies with the gateway's checkXML
 * rule, and carries the fields it was given, in order, with their values
 * unchanged wherever XML can carry them as they are.
 *
 * The first byte picks where the fields come from: even, the leaves of
 * the input parsed as XML (values as the parser gives them, so they must
 * come back exactly); odd, the rest of the input as NUL-separated name and
 * value pairs (any bytes in a value: control characters and invalid UTF-8
 * become U+FFFD, so only printable ASCII values are compared).
 *
 * Built and run by tools/fuzz.sh.
 */
#include "../src/core/fp_xml.h"
#include "fuzz_init.h"
#include "../src/core/fp_xmlout.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT "result"
#define SECRET "fuzz-secret"
#define MAX_FIELDS 100

typedef struct {
	fp_xml_field f[MAX_FIELDS];
	size_t n;
	bool exact; /* every value must come back byte for byte */
} field_list;

static bool plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c > 0x7e) {
			return false;
		}
	}
	return true;
}

static void add(field_list *l, const char *name, size_t name_len, const char *value, size_t value_len)
{
	if (l->n == MAX_FIELDS || !fp_xmlout_name_ok(name, name_len)) {
		return;
	}
	l->f[l->n].name = name;
	l->f[l->n].name_len = name_len;
	l->f[l->n].value = value;
	l->f[l->n].value_len = value_len;
	l->n++;
}

/* The root's leaves, as a callback's fields. */
static void fields_from_xml(const fp_xml_doc *doc, field_list *l)
{
	const fp_xml_node *child;
	fp_error err;

	(void) fp_xml_verify(
		fp_xml_root(doc), SCRIPT, strlen(SCRIPT), SECRET, strlen(SECRET), &fp_md5_openssl, 65536, &err);
	for (child = fp_xml_root(doc)->first_child; child != NULL; child = child->next) {
		if (child->children == 0) {
			add(l, child->name, child->name_len, child->text, child->text_len);
		}
	}
	l->exact = true;
}

/* NUL-separated name, value, name, value, ... */
static void fields_from_bytes(const char *p, size_t len, field_list *l)
{
	const char *end = p + len;

	while (p < end && l->n < MAX_FIELDS) {
		const char *name = p, *value, *stop = memchr(p, '\0', (size_t) (end - p));
		size_t name_len = (size_t) ((stop ? stop : end) - name);

		if (stop == NULL) {
			break;
		}
		value = stop + 1;
		stop = value < end ? memchr(value, '\0', (size_t) (end - value)) : NULL;
		add(l, name, name_len, value, (size_t) ((stop ? stop : end) - value));
		p = stop ? stop + 1 : end;
	}
	l->exact = false;
}

static void check_answer(const field_list *l)
{
	char *out = NULL;
	size_t out_len = 0, i = 0;
	fp_error err;
	fp_xml_doc *doc;
	const fp_xml_node *node;

	fp_error_clear(&err);
	if (!fp_xmlout_signed("response", l->f, l->n, SCRIPT, strlen(SCRIPT), SECRET, strlen(SECRET),
			&fp_md5_openssl, &out, &out_len, &err)) {
		if (err.domain != FP_ERR_MEMORY) {
			abort(); /* every name was checked: only memory may fail */
		}
		return;
	}
	doc = fp_xml_parse(out, out_len, "response", &err);
	if (doc == NULL ||
		!fp_xml_verify(fp_xml_root(doc), SCRIPT, strlen(SCRIPT), SECRET, strlen(SECRET), &fp_md5_openssl,
			4 * out_len + 65536, &err)) {
		abort(); /* an answer the gateway would refuse */
	}
	for (node = fp_xml_root(doc)->first_child; node != NULL && i < l->n; node = node->next, i++) {
		const fp_xml_field *f = &l->f[i];

		if (node->name_len != f->name_len || memcmp(node->name, f->name, f->name_len) != 0 ||
			node->children != 0) {
			abort();
		}
		if ((l->exact || plain_ascii(f->value, f->value_len)) &&
			(node->text_len != f->value_len || memcmp(node->text, f->value, f->value_len) != 0)) {
			abort();
		}
	}
	if (i != l->n || node == NULL || node->name_len != 6 || memcmp(node->name, "pg_sig", 6) != 0 ||
		node->next != NULL) {
		abort(); /* the fields, then pg_sig, and nothing else */
	}
	fp_xml_free(doc);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	field_list l;
	fp_xml_doc *doc = NULL;
	fp_error err;

	if (size == 0) {
		return 0;
	}
	memset(&l, 0, sizeof(l));
	if (data[0] % 2 == 0) {
		fp_error_clear(&err);
		doc = fp_xml_parse((const char *) data + 1, size - 1, NULL, &err);
		if (doc == NULL) {
			return 0;
		}
		fields_from_xml(doc, &l);
	} else {
		fields_from_bytes((const char *) data + 1, size - 1, &l);
	}
	check_answer(&l);
	if (doc != NULL) {
		fp_xml_free(doc);
	}
	return 0;
}
