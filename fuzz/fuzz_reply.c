/*
 * libFuzzer target: a gateway reply, from bytes to a verdict. The input is
 * the body of a reply to a get_status3.php call, as the network gave it;
 * fp_reply_check is what every Client call runs on it.
 *
 * Besides what the sanitizers catch (memory errors, leaks, undefined
 * behaviour) and libFuzzer's own limits (time and memory per input), it
 * checks that verification and signing agree: for every document the
 * parser accepts, fp_xml_verify says yes exactly when the root's pg_sig is
 * the one fp_xml_sign computes. Then it writes that signature into the
 * body and checks the reply again, so that mutations of a signed reply get
 * past verification and reach the classification behind it.
 *
 * Built and run by tools/fuzz.sh.
 */
#define _GNU_SOURCE /* memmem */
#include "../src/core/fp_reply.h"
#include "fuzz_init.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT "get_status3.php"
#define SECRET "fuzz-secret"

/* Reads every name and text the tree holds, so a dangling pointer shows. */
static size_t touch(const fp_xml_node *node)
{
	const fp_xml_node *child;
	size_t sum = node->name_len + node->text_len;

	if (node->name_len > 0 && node->name[node->name_len] != '\0') {
		abort();
	}
	if (node->text_len > 0) {
		sum += (unsigned char) node->text[0] + (unsigned char) node->text[node->text_len - 1];
	}
	for (child = node->first_child; child != NULL; child = child->next) {
		sum += touch(child);
	}
	return sum;
}

static void check_reply(const char *body, size_t len, const fp_reply_expect *expect)
{
	fp_xml_doc *doc = NULL;
	fp_error err;
	fp_reply_kind kind;

	fp_error_clear(&err);
	kind = fp_reply_check(body, len, expect, &fp_md5_openssl, &doc, &err);
	if (kind == FP_REPLY_BAD) {
		if (doc != NULL || err.domain == FP_OK) {
			abort(); /* a refusal always says why and hands back nothing */
		}
		return;
	}
	if (doc == NULL) {
		abort();
	}
	(void) touch(fp_xml_root(doc));
	fp_xml_free(doc);
}

/* The pg_sig the document should carry, and whether verification agrees. */
static bool expected_signature(const fp_xml_node *root, size_t len, char hex[FP_MD5_HEX_LEN + 1])
{
	fp_error sign_err, verify_err;
	const char *sig = NULL;
	size_t sig_len = 0;
	bool signed_ok, verified, matches;
	size_t max_names = 4 * len + 65536;

	fp_error_clear(&sign_err);
	fp_error_clear(&verify_err);
	signed_ok = fp_xml_sign(
		root, SCRIPT, strlen(SCRIPT), SECRET, strlen(SECRET), &fp_md5_openssl, max_names, hex, &sign_err);
	verified = fp_xml_verify(
		root, SCRIPT, strlen(SCRIPT), SECRET, strlen(SECRET), &fp_md5_openssl, max_names, &verify_err);
	matches = signed_ok && fp_reply_field(root, "pg_sig", &sig, &sig_len) == 1 && sig_len == FP_MD5_HEX_LEN &&
		memcmp(sig, hex, FP_MD5_HEX_LEN) == 0;
	if (verified != matches) {
		abort();
	}
	return signed_ok;
}

/* The body with the first copy of its pg_sig text replaced by hex. */
static char *resigned(const char *body, size_t len, const fp_xml_node *root, const char *hex)
{
	const char *sig = NULL;
	size_t sig_len = 0;
	char *copy, *at;

	if (fp_reply_field(root, "pg_sig", &sig, &sig_len) != 1 || sig_len != FP_MD5_HEX_LEN) {
		return NULL;
	}
	at = memmem(body, len, sig, sig_len);
	if (at == NULL || (copy = malloc(len)) == NULL) {
		return NULL;
	}
	memcpy(copy, body, len);
	memcpy(copy + (at - body), hex, FP_MD5_HEX_LEN);
	return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *) data;
	fp_reply_expect expect = {SCRIPT, strlen(SCRIPT), SECRET, strlen(SECRET), NULL, NULL};
	char hex[FP_MD5_HEX_LEN + 1];
	fp_xml_doc *doc;
	fp_error err;
	char *patched;

	/* Half the inputs also ask about one payment, as status() does. */
	if (size % 2 == 1) {
		expect.payment_id = "710243588";
	}
	check_reply(body, size, &expect);

	fp_error_clear(&err);
	doc = fp_xml_parse(body, size, "response", &err);
	if (doc == NULL) {
		return 0;
	}
	if (expected_signature(fp_xml_root(doc), size, hex)) {
		patched = resigned(body, size, fp_xml_root(doc), hex);
		if (patched != NULL) {
			check_reply(patched, size, &expect);
			free(patched);
		}
	}
	fp_xml_free(doc);
	return 0;
}
