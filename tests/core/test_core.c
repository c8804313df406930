/*
 * Unit tests of the plain-C core (src/core), without PHP: the XML parser's
 * hardening and bounds, checkXML verification, the signer's streaming, form
 * escaping, URL and field rules, the retry and outcome policy, and calls
 * over HTTP (retries, deadlines, close-on-exec).
 * tools/test.sh builds this with AddressSanitizer and UBSan and runs it.
 * Prints "PASS name" / "FAIL name" per check and "N passed, N failed".
 */
#include "../../src/core/fp_call.h"
#include "../../src/core/fp_field.h"
#include "../../src/core/fp_form.h"
#include "../../src/core/fp_http.h"
#include "../../src/core/fp_policy.h"
#include "../../src/core/fp_reply.h"
#include "../../src/core/fp_sign.h"
#include "../../src/core/fp_url.h"
#include "../../src/core/fp_xml.h"

#include <curl/curl.h>
#include <dirent.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static int passed, failed;

static void check(int ok, const char *name)
{
	printf("%s %s\n", ok ? "PASS" : "FAIL", name);
	if (ok) {
		passed++;
	} else {
		failed++;
	}
}

/* md5 of "script;v1;...;secret" through the signer. */
static void sign_values(
	const char *script, const char *const *values, size_t n, const char *secret, char *hex)
{
	fp_signer s;
	size_t i;

	fp_signer_begin(&s, &fp_md5_openssl, script, strlen(script));
	for (i = 0; i < n; i++) {
		fp_signer_add(&s, values[i], strlen(values[i]));
	}
	fp_signer_finish(&s, secret, strlen(secret), hex);
}

static int parse_fails(const char *xml, const char *expect_in_message)
{
	fp_error err;
	fp_xml_doc *doc;

	fp_error_clear(&err);
	doc = fp_xml_parse(xml, strlen(xml), "response", &err);
	if (doc != NULL) {
		fp_xml_free(doc);
		return 0;
	}
	return err.domain == FP_ERR_MALFORMED && strstr(err.message, expect_in_message) != NULL;
}

static void test_signer(void)
{
	/* md5("a;b;c"), as PHP's md5() gives it. */
	const char *values[] = {"b"};
	char hex[FP_MD5_HEX_LEN + 1];
	char big[5000];
	const char *bigv[] = {big};
	fp_signer s;
	size_t i;

	sign_values("a", values, 1, "c", hex);
	check(strcmp(hex, "e1e41abe725bfe71b5356c6f96dc8ebe") == 0, "signer: md5(\"a;b;c\")");

	/* A value larger than the buffer streams and gives the same digest as
	 * feeding it in small pieces. */
	for (i = 0; i < sizeof(big) - 1; i++) {
		big[i] = (char) ('a' + i % 26);
	}
	big[sizeof(big) - 1] = '\0';
	{
		char streamed[FP_MD5_HEX_LEN + 1];

		sign_values("script", bigv, 1, "secret", streamed);
		fp_signer_begin(&s, &fp_md5_openssl, "script", 6);
		fp_signer_add(&s, big, 1000);
		fp_signer_put(&s, big + 1000, 3000);
		fp_signer_put(&s, big + 4000, sizeof(big) - 1 - 4000);
		fp_signer_finish(&s, "secret", 6, hex);
		check(strcmp(hex, streamed) == 0, "signer: streaming over the buffer size is seamless");
	}
	check(fp_signature_equal("abc", 3, "abc", 3) && !fp_signature_equal("abc", 3, "abd", 3) &&
			!fp_signature_equal("abc", 3, "abcd", 4),
		"signer: constant-time compare");
}

static void test_form(void)
{
	char out[64];
	size_t n = fp_form_escape("a b&c=d[0]~é", strlen("a b&c=d[0]~é"), out);

	out[n] = '\0';
	check(strcmp(out, "a+b%26c%3Dd%5B0%5D%7E%C3%A9") == 0, "form: escapes like PHP's urlencode()");
}

static const char *const reply_xml =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<response>\n"
	"    <pg_status>ok</pg_status>\n"
	"    <pg_payment_id>1000001</pg_payment_id>\n"
	"    <pg_order_id/>\n"
	"    <pg_refund_payments>\n"
	"        <pg_refund_payment><pg_amount>-5</pg_amount></pg_refund_payment>\n"
	"        <pg_refund_payment><pg_amount>-7</pg_amount></pg_refund_payment>\n"
	"    </pg_refund_payments>\n"
	"    <pg_description><![CDATA[a & <b>]]> &amp; c</pg_description>\n"
	"    <pg_salt>salt</pg_salt>\n"
	"    <pg_sig>%s</pg_sig>\n"
	"</response>\n";

/*
 * checkXML's names for that reply, with their second suffix:
 *   pg_status001001 pg_payment_id002002 pg_order_id003003
 *   pg_refund_payments004pg_refund_payment001pg_amount001004
 *   pg_refund_payments004pg_refund_payment002pg_amount001005
 *   pg_description005006 pg_salt006007
 * sorted bytewise: pg_description, pg_order_id, pg_payment_id,
 * pg_refund_payments004...001, ...002, pg_salt, pg_status.
 */
static const char *const reply_values[] = {"a & <b> & c", "", "1000001", "-5", "-7", "salt", "ok"};

static fp_xml_doc *parse_reply(const char *sig, fp_error *err)
{
	char xml[2048];

	snprintf(xml, sizeof(xml), reply_xml, sig);
	fp_error_clear(err);
	return fp_xml_parse(xml, strlen(xml), "response", err);
}

static void test_reply(void)
{
	char sig[FP_MD5_HEX_LEN + 1], wrong[FP_MD5_HEX_LEN + 1];
	const fp_xml_node *root, *refunds;
	fp_xml_doc *doc;
	fp_error err;

	sign_values("get_status3.php", reply_values, 7, "sandbox-secret", sig);
	doc = parse_reply(sig, &err);
	check(doc != NULL, "xml: a pretty-printed reply parses");
	if (doc == NULL) {
		printf("    %s\n", err.message);
		return;
	}
	root = fp_xml_root(doc);
	refunds = fp_xml_child(root, "pg_refund_payments");
	check(root->children == 7 && refunds != NULL && refunds->children == 2 && refunds->text == NULL,
		"xml: element tree and positions");
	check(fp_xml_child(root, "pg_order_id")->text_len == 0, "xml: an empty element is an empty string");
	check(strcmp(fp_xml_child(root, "pg_description")->text, "a & <b> & c") == 0,
		"xml: CDATA and entities are text");
	check(fp_xml_verify(root, "get_status3.php", 15, "sandbox-secret", 14, &fp_md5_openssl, 1 << 20, &err),
		"verify: checkXML order, nested and repeated elements");
	check(!fp_xml_verify(root, "get_status3.php", 15, "other-secret", 12, &fp_md5_openssl, 1 << 20, &err) &&
			err.domain == FP_ERR_SIGNATURE,
		"verify: another secret fails");
	check(!fp_xml_verify(root, "get_status2.php", 15, "sandbox-secret", 14, &fp_md5_openssl, 1 << 20, &err),
		"verify: another script name fails");
	fp_xml_free(doc);

	memcpy(wrong, sig, sizeof(wrong));
	wrong[0] = wrong[0] == '0' ? '1' : '0';
	doc = parse_reply(wrong, &err);
	check(doc &&
			!fp_xml_verify(fp_xml_root(doc), "get_status3.php", 15, "sandbox-secret", 14, &fp_md5_openssl,
				1 << 20, &err) &&
			err.domain == FP_ERR_SIGNATURE,
		"verify: one changed hex digit fails");
	fp_xml_free(doc);
}

static char verify_message[256];

static int verify_domain(const char *xml)
{
	fp_error err;
	fp_xml_doc *doc;
	int domain;

	fp_error_clear(&err);
	doc = fp_xml_parse(xml, strlen(xml), "response", &err);
	if (doc == NULL) {
		return -1;
	}
	fp_xml_verify(fp_xml_root(doc), "s", 1, "k", 1, &fp_md5_openssl, 1 << 20, &err);
	domain = (int) err.domain;
	memcpy(verify_message, err.message, sizeof(verify_message));
	fp_xml_free(doc);
	return domain;
}

static void test_ambiguity(void)
{
	check(verify_domain("<response><pg_status>ok</pg_status></response>") == FP_ERR_UNSIGNED,
		"verify: no pg_sig is unsigned");
	check(verify_domain("<response><pg_sig>a</pg_sig><pg_sig>b</pg_sig></response>") == FP_ERR_SIGNATURE &&
			strstr(verify_message, "ambiguous"),
		"verify: two pg_sig are refused");
	check(verify_domain("<response><a><pg_sig>x</pg_sig></a><pg_sig>b</pg_sig></response>") ==
				FP_ERR_SIGNATURE &&
			strstr(verify_message, "ambiguous"),
		"verify: a nested pg_sig is refused");
	check(verify_domain("<response><pg_sig><x/></pg_sig></response>") == FP_ERR_SIGNATURE &&
			strstr(verify_message, "ambiguous"),
		"verify: a pg_sig with children is refused");
	/* <a> at 1 holds <c> at 2: "a001" "c" "002"; <a001c> at 2 is "a001c002" too. */
	check(verify_domain("<response><a><x/><c>1</c></a><a001c>2</a001c><pg_sig>x</pg_sig></response>") ==
				FP_ERR_SIGNATURE &&
			strstr(verify_message, "ambiguous"),
		"verify: colliding flattened names are refused");
	check(verify_domain("<response><a><x/><c>1</c></a><a002c>2</a002c><pg_sig>x</pg_sig></response>") ==
				FP_ERR_SIGNATURE &&
			strstr(verify_message, "wrong pg_sig"),
		"verify: distinct flattened names are not ambiguous");
}

static void test_hardening(void)
{
	char deep[2000] = "<response>";
	int i;

	check(parse_fails(
			  "<?xml version=\"1.0\"?><!DOCTYPE response [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
			  "<response><pg_status>&xxe;</pg_status></response>",
			  "DOCTYPE"),
		"xml: DOCTYPE with an external entity refused");
	check(parse_fails("<!DOCTYPE response SYSTEM \"http://127.0.0.1:1/x.dtd\"><response/>", "DOCTYPE"),
		"xml: external DTD refused");
	check(parse_fails("<response><a>&xxe;</a></response>", "not well-formed"),
		"xml: undeclared entity refused");
	check(parse_fails("<response><x:a xmlns:x=\"urn:x\">1</x:a></response>", "namespaced"),
		"xml: namespaced element refused");
	check(parse_fails("<request><a>1</a></request>", "root element"), "xml: wrong root refused");
	check(parse_fails("<response><pg_status>ok</pg_st", "not well-formed"), "xml: truncated refused");
	check(parse_fails("Service unavailable", "not well-formed"), "xml: plain text refused");
	check(parse_fails("", "empty"), "xml: empty body refused");
	check(
		parse_fails("<response><a>1</a></response><response/>", "not well-formed"), "xml: two roots refused");
	for (i = 0; i < 40; i++) {
		strcat(deep, "<a>");
	}
	check(parse_fails(deep, "too deep"), "xml: nesting deeper than 32 refused");
	{
		size_t n = 30000, k;
		char *many = malloc(10 + n * 4 + 12), *p = many;

		p += sprintf(p, "<response>");
		for (k = 0; k < n; k++) {
			p += sprintf(p, "<a/>");
		}
		sprintf(p, "</response>");
		check(parse_fails(many, "too large"), "xml: more than 20000 elements refused");
		free(many);
	}
	{
		const char *xml = "<response><a x=\"1\">t<!-- c --><?pi x?>u</a></response>";
		fp_error err;
		fp_xml_doc *doc = fp_xml_parse(xml, strlen(xml), "response", &err);

		check(doc && strcmp(fp_xml_child(fp_xml_root(doc), "a")->text, "tu") == 0,
			"xml: attributes, comments and PIs are dropped");
		fp_xml_free(doc);
	}
}

static void test_url(void)
{
	fp_base_url b;
	fp_error err;
	const char *start;
	size_t len;

	check(fp_url_path_is_valid("init_payment.php", 16) &&
			fp_url_path_is_valid("v1/merchant/{id}/card/init", 26),
		"url: gateway paths pass");
	check(!fp_url_path_is_valid("v1/./merchant/9/card/init", 25) &&
			!fp_url_path_is_valid("./api/payment_status", 20) && !fp_url_path_is_valid("api/.", 5) &&
			!fp_url_path_is_valid("a/../b", 6) && !fp_url_path_is_valid("a//b", 4) &&
			!fp_url_path_is_valid("a/", 2) && !fp_url_path_is_valid("", 0),
		"url: '.', '..' and empty segments are refused");
	check(!fp_url_path_is_valid("a%2e/b", 6) && !fp_url_path_is_valid("a\0b", 3) &&
			!fp_url_path_is_valid("a?b", 3),
		"url: escapes, NUL bytes and queries are refused");
	check(fp_url_parse_base("https://api.freedompay.kz/", 26, &b, &err) && b.len == 25 && b.https &&
			!b.loopback,
		"url: https base, trailing slash dropped");
	check(fp_url_parse_base("http://127.0.0.1:8080", 21, &b, &err) && b.loopback &&
			fp_url_parse_base("http://[::1]:1", 14, &b, &err) &&
			fp_url_parse_base("http://localhost:65535", 22, &b, &err),
		"url: plain http for loopback hosts");
	check(!fp_url_parse_base("http://api.freedompay.kz", 24, &b, &err) &&
			!fp_url_parse_base("http://127.0.0.1:abc", 20, &b, &err) && strstr(err.message, "port") &&
			!fp_url_parse_base("http://127.0.0.1:99999", 22, &b, &err) &&
			!fp_url_parse_base("http://127.0.0.1:0", 18, &b, &err) &&
			!fp_url_parse_base("https://u:p@api.freedompay.kz", 29, &b, &err) &&
			!fp_url_parse_base("https://api.freedompay.kz?x", 27, &b, &err) &&
			!fp_url_parse_base("ftp://api.freedompay.kz", 23, &b, &err),
		"url: remote http, bad ports, credentials, queries and other schemes are refused");
	check(fp_url_check_proxy("http://user:pw@proxy:3128", 25, &err) &&
			fp_url_check_proxy("socks5h://127.0.0.1:1080", 24, &err) &&
			!fp_url_check_proxy("proxy:3128", 10, &err) && !fp_url_check_proxy("http://p:3128/x", 15, &err) &&
			!fp_url_check_proxy("http://p:0", 10, &err),
		"url: proxy URLs");
	fp_url_script_name("https://h/a/b/result?x=1#y", 26, &start, &len);
	check(len == 6 && memcmp(start, "result", 6) == 0, "url: script name is the last segment, query cut");
	fp_url_script_name("https://h/a/", 12, &start, &len);
	check(len == 0, "url: a trailing slash gives an empty script name");
	fp_url_script_name("https://host", 12, &start, &len);
	check(len == 0, "url: no path, no script name");
}

static int field_ok(fp_field_kind kind, const char *value)
{
	return fp_field_check(kind, value, strlen(value)) == NULL;
}

static void test_fields(void)
{
	check(field_ok(FP_FIELD_AMOUNT, "0.01") && field_ok(FP_FIELD_AMOUNT, "2500") &&
			field_ok(FP_FIELD_AMOUNT, "99999999.99") && !field_ok(FP_FIELD_AMOUNT, "0") &&
			!field_ok(FP_FIELD_AMOUNT, "0.00") && !field_ok(FP_FIELD_AMOUNT, "1,50") &&
			!field_ok(FP_FIELD_AMOUNT, "1.001") && !field_ok(FP_FIELD_AMOUNT, "1.") &&
			!field_ok(FP_FIELD_AMOUNT, ".5") && !field_ok(FP_FIELD_AMOUNT, "-1") &&
			!field_ok(FP_FIELD_AMOUNT, "1e3") && !field_ok(FP_FIELD_AMOUNT, "100000000"),
		"field: amounts");
	check(field_ok(FP_FIELD_ORDER_ID, "A-1") && field_ok(FP_FIELD_ORDER_ID, "заказ-№5") &&
			!field_ok(FP_FIELD_ORDER_ID, "") && !field_ok(FP_FIELD_ORDER_ID, "a\nb") &&
			field_ok(FP_FIELD_ORDER_ID, "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ") /* 50 letters */
			&& !field_ok(FP_FIELD_ORDER_ID, "123456789012345678901234567890123456789012345678901"),
		"field: order ids count characters, at most 50");
	check(field_ok(FP_FIELD_PHONE, "77011234567") && !field_ok(FP_FIELD_PHONE, "+77011234567") &&
			!field_ok(FP_FIELD_PHONE, "7 701 123") && !field_ok(FP_FIELD_PHONE, "123"),
		"field: phones are digits only");
	check(field_ok(FP_FIELD_CARD_PAN, "4405645000006150") &&
			!field_ok(FP_FIELD_CARD_PAN, "4405645000006151") &&
			!field_ok(FP_FIELD_CARD_PAN, "4405 6450 0000 6150"),
		"field: card numbers pass the Luhn check");
	check(field_ok(FP_FIELD_IBAN, "GB82WEST12345698765432") &&
			!field_ok(FP_FIELD_IBAN, "GB82WEST12345698765433") &&
			!field_ok(FP_FIELD_IBAN, "gb82west12345698765432"),
		"field: IBAN checksum");
	check(field_ok(FP_FIELD_CARD_MONTH, "01") && field_ok(FP_FIELD_CARD_MONTH, "12") &&
			!field_ok(FP_FIELD_CARD_MONTH, "13") && !field_ok(FP_FIELD_CARD_MONTH, "00") &&
			field_ok(FP_FIELD_CARD_MONTH, "1") && !field_ok(FP_FIELD_CARD_MONTH, "012"),
		"field: card months");
	check(field_ok(FP_FIELD_URL, "https://shop.example/r") && !field_ok(FP_FIELD_URL, "shop.example/r") &&
			!field_ok(FP_FIELD_URL, "https:///x") && !field_ok(FP_FIELD_URL, "https://a b"),
		"field: URLs");
	check(field_ok(FP_FIELD_DATETIME, "2026-11-22 10:00:00") &&
			!field_ok(FP_FIELD_DATETIME, "2026-11-22T10:00:00"),
		"field: date and time");
}

static void test_policy(void)
{
	fp_error timeout = {FP_ERR_TIMEOUT, 28, ""}, tls = {FP_ERR_TLS, 60, ""}, http502 = {FP_ERR_HTTP, 502, ""},
			 http404 = {FP_ERR_HTTP, 404, ""}, sig = {FP_ERR_SIGNATURE, 0, ""},
			 bad = {FP_ERR_MALFORMED, 0, ""}, api = {FP_ERR_API, 340, ""},
			 mismatch = {FP_ERR_MISMATCH, 0, ""};

	check(fp_policy_should_retry(&timeout, true, 1, 3, 10000) &&
			fp_policy_should_retry(&http502, true, 2, 3, 10000) &&
			fp_policy_should_retry(&bad, true, 1, 2, 10000),
		"policy: a safe read is retried after transient failures");
	check(!fp_policy_should_retry(&timeout, false, 1, 3, 10000) &&
			!fp_policy_should_retry(&http502, false, 1, 3, 10000),
		"policy: nothing that moves money is ever retried");
	check(!fp_policy_should_retry(&tls, true, 1, 3, 10000) &&
			!fp_policy_should_retry(&sig, true, 1, 3, 10000) &&
			!fp_policy_should_retry(&http404, true, 1, 3, 10000) &&
			!fp_policy_should_retry(&api, true, 1, 3, 10000) &&
			!fp_policy_should_retry(&mismatch, true, 1, 3, 10000),
		"policy: TLS, signature, 4xx, gateway and mismatch errors are final");
	check(!fp_policy_should_retry(&timeout, true, 3, 3, 10000) &&
			!fp_policy_should_retry(&timeout, true, 1, 3, 200),
		"policy: no attempt past the count or the deadline");
	check(fp_policy_backoff_ms(1) == 250 && fp_policy_backoff_ms(2) == 500 &&
			fp_policy_backoff_ms(3) == 1000 && fp_policy_backoff_ms(9) == 2000,
		"policy: back-off doubles, capped at 2 s");
	check(fp_policy_outcome_unknown(&timeout, true) && fp_policy_outcome_unknown(&http502, true) &&
			fp_policy_outcome_unknown(&bad, true) && fp_policy_outcome_unknown(&mismatch, true) &&
			fp_policy_outcome_unknown(&sig, true),
		"policy: a lost, unreadable or untrustworthy reply after sending is an unknown outcome");
	check(!fp_policy_outcome_unknown(&timeout, false) && !fp_policy_outcome_unknown(&tls, true) &&
			!fp_policy_outcome_unknown(&http404, true) && !fp_policy_outcome_unknown(&api, true),
		"policy: never sent, TLS, 4xx and gateway errors are known outcomes");
}

/* A signed reply body for fp_reply_check: inner elements, pg_sig computed by checkXML's rule. */
static char *signed_reply(const char *const *values, size_t n, const char *inner)
{
	char sig[FP_MD5_HEX_LEN + 1];
	char *xml = malloc(strlen(inner) + 128);

	sign_values("s", values, n, "k", sig);
	sprintf(xml, "<response>%s<pg_sig>%s</pg_sig></response>", inner, sig);
	return xml;
}

static fp_reply_kind reply_kind(const char *xml, const char *payment_id, const char *order_id, fp_error *err)
{
	fp_reply_expect expect = {"s", 1, "k", 1, payment_id, order_id};
	fp_xml_doc *doc = NULL;
	fp_reply_kind kind;

	fp_error_clear(err);
	kind = fp_reply_check(xml, strlen(xml), &expect, &fp_md5_openssl, &doc, err);
	fp_xml_free(doc);
	return kind;
}

static long peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void test_reply_check(void)
{
	/* values in ksort order of pg_order_id, pg_payment_id, pg_status */
	static const char *const v[] = {"A-1", "7", "ok"};
	static const char *const err_v[] = {"340", "error"};
	char *ok = signed_reply(
		v, 3, "<pg_status>ok</pg_status><pg_payment_id>7</pg_payment_id><pg_order_id>A-1</pg_order_id>");
	char *first = signed_reply(v, 3, "<pg_sig>x</pg_sig>");
	char *error = signed_reply(err_v, 2, "<pg_status>error</pg_status><pg_error_code>340</pg_error_code>");
	fp_error err;

	check(
		reply_kind(ok, "7", "A-1", &err) == FP_REPLY_OK && reply_kind(ok, "0007", NULL, &err) == FP_REPLY_OK,
		"reply: verified, about what was asked");
	check(reply_kind(ok, "8", NULL, &err) == FP_REPLY_BAD && err.domain == FP_ERR_MISMATCH &&
			reply_kind(ok, NULL, "A-2", &err) == FP_REPLY_BAD && err.domain == FP_ERR_MISMATCH,
		"reply: about another payment or order is refused");
	check(reply_kind(error, "7", NULL, &err) == FP_REPLY_ERROR && err.domain == FP_ERR_API && err.code == 340,
		"reply: a signed error carries its code");
	free(first);
	/* The root's pg_sig takes no position, wherever it stands. */
	{
		static const char *const pv[] = {"1", "2"};
		char sig[FP_MD5_HEX_LEN + 1], xml[256];

		sign_values("s", pv, 2, "k", sig);
		snprintf(xml, sizeof(xml), "<response><pg_sig>%s</pg_sig><a>1</a><b><c>2</c></b></response>", sig);
		check(reply_kind(xml, NULL, NULL, &err) == FP_REPLY_OK, "reply: a leading pg_sig takes no position");
	}
	check(reply_kind("<response><pg_status>error</pg_status><pg_error_code>9998</pg_error_code></response>",
			  NULL, NULL, &err) == FP_REPLY_ERROR &&
			err.code == 9998 &&
			reply_kind("<response><pg_status>ok</pg_status></response>", NULL, NULL, &err) == FP_REPLY_BAD &&
			err.domain == FP_ERR_UNSIGNED,
		"reply: only the unidentified-merchant error may be unsigned");
	free(ok);
	free(error);

	/* Under 1 MiB: 30 levels of 15 kB names, 600 leaves. Built naively its
	 * flattened names would take ~8 GB; it must cost little and fail. */
	{
		size_t name_len = 15000, depth = 30, leaves = 600, i, d;
		char *name = malloc(name_len + 1), *xml, *p;
		clock_t t0;
		long rss0;
		fp_reply_kind kind;

		memset(name, 'n', name_len);
		name[name_len] = '\0';
		xml = malloc(2 * depth * (name_len + 4) + leaves * 16 + 64);
		p = xml + sprintf(xml, "<response>");
		for (d = 0; d < depth; d++) {
			p += sprintf(p, "<%s>", name);
		}
		for (i = 0; i < leaves; i++) {
			p += sprintf(p, "<l>%zu</l>", i);
		}
		for (d = 0; d < depth; d++) {
			p += sprintf(p, "</%s>", name);
		}
		sprintf(p, "<pg_sig>x</pg_sig></response>");
		rss0 = peak_rss_kb();
		t0 = clock();
		kind = reply_kind(xml, NULL, NULL, &err);
		check(kind == FP_REPLY_BAD && err.domain == FP_ERR_MALFORMED && strstr(err.message, "too complex"),
			"reply: a reply built to cost gigabytes is refused");
		check(peak_rss_kb() - rss0 < 64 * 1024, "reply: ... within a small multiple of its size in memory");
		printf("    (%.1f MB, %.0f ms of CPU, %ld kB more peak memory)\n", strlen(xml) / 1e6,
			(double) (clock() - t0) * 1000.0 / CLOCKS_PER_SEC, peak_rss_kb() - rss0);
		free(xml);
		free(name);
	}
}

/* Descriptors of this process without close-on-exec, other than stdio. */
static int inheritable_fds(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	while (dir != NULL && (e = readdir(dir)) != NULL) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] != '.' && fd > 2 && fd != dirfd(dir) && !(fcntl(fd, F_GETFD) & FD_CLOEXEC)) {
			n++;
		}
	}
	if (dir != NULL) {
		closedir(dir);
	}
	return n;
}

static fp_call *new_call(
	const char *base, const char *query, const char *body, bool safe, int attempts, long timeout_ms)
{
	fp_call *c = calloc(1, sizeof(*c));
	char *url = malloc(strlen(base) + strlen(query) + 4);

	sprintf(url, "%s/x%s", base, query);
	fp_call_init(c, url, body, strlen(body));
	c->expect.script = "x";
	c->expect.script_len = 1;
	c->expect.secret = "k";
	c->expect.secret_len = 1;
	c->safe_read = safe;
	c->max_attempts = attempts;
	c->x.timeout_ms = timeout_ms;
	c->x.connect_timeout_ms = 2000;
	c->x.max_response = 1024;
	return c;
}

static void free_call(fp_call *c)
{
	free((char *) c->x.url);
	fp_call_release(c);
	free(c);
}

/* Runs only when tools/test.sh gives it an echo server (tests/core/echo_router.php). */
static void test_http(const char *base)
{
	enum { N = 8 };
	fp_http_config config = {NULL, "freedompay-core-test", NULL, true, NULL};
	fp_http_exchange xs[N + 2], *ptrs[N + 2];
	char urls[N + 2][256], bodies[N][32];
	fp_error err;
	int i, ok = 0, inherited = inheritable_fds();
	fp_http *http = fp_http_new(&config, &err);

	/* (curl_multi_init opens a socket pair; the baseline was taken before) */
	check(http != NULL && inheritable_fds() == inherited,
		"http: a client is created, its descriptors close on exec");
	if (http == NULL) {
		return;
	}
	for (i = 0; i < N; i++) {
		snprintf(urls[i], sizeof(urls[i]), "%s/x?delay=0.%d", base, i % 3);
		snprintf(bodies[i], sizeof(bodies[i]), "request-%d", i);
		fp_http_exchange_init(&xs[i], urls[i], bodies[i], strlen(bodies[i]));
	}
	snprintf(urls[N], sizeof(urls[N]), "%s/x?status=502", base);
	fp_http_exchange_init(&xs[N], urls[N], "e", 1);
	snprintf(urls[N + 1], sizeof(urls[N + 1]), "http://127.0.0.1:1/refused");
	fp_http_exchange_init(&xs[N + 1], urls[N + 1], "r", 1);
	for (i = 0; i < N + 2; i++) {
		ptrs[i] = &xs[i];
	}
	fp_http_run(http, ptrs, N + 2, 4, NULL, NULL);
	for (i = 0; i < N; i++) {
		char want[64];

		snprintf(want, sizeof(want), "echo:request-%d", i);
		ok += xs[i].error.domain == FP_OK && xs[i].status == 200 && xs[i].data &&
			strcmp(xs[i].data, want) == 0 && xs[i].sent;
	}
	check(ok == N, "http: 8 exchanges, 4 at a time, each gets its own reply");
	check(xs[N].error.domain == FP_ERR_HTTP && xs[N].error.code == 502 && xs[N].sent,
		"http: a 502 is reported for its exchange only, as sent");
	check(xs[N + 1].error.domain == FP_ERR_TRANSPORT && !xs[N + 1].sent,
		"http: a refused connection is reported for its exchange only, as never sent");
	check(inheritable_fds() == inherited, "http: kept-alive connections close on exec");
	for (i = 0; i < N + 2; i++) {
		fp_http_exchange_release(&xs[i]);
	}

	/* The cap: 1024 bytes, 2000 echoed. */
	{
		char big[2000];

		memset(big, 'b', sizeof(big));
		snprintf(urls[0], sizeof(urls[0]), "%s/x", base);
		fp_http_exchange_init(&xs[0], urls[0], big, sizeof(big));
		xs[0].max_response = 1024;
		ptrs[0] = &xs[0];
		fp_http_run(http, ptrs, 1, 1, NULL, NULL);
		check(xs[0].error.domain == FP_ERR_TOO_LARGE && xs[0].len <= 1024,
			"http: the body cap holds while receiving");
		fp_http_exchange_release(&xs[0]);
	}

	/* Calls: retries of safe reads with the same body, within the deadline. */
	{
		fp_call *read = new_call(base, "?status=502", "same-body", true, 3, 10000);
		fp_call *pay = new_call(base, "?status=502", "payment", false, 3, 10000);
		fp_call *slow = new_call(base, "?delay=3", "slow", true, 10, 800);
		fp_call *late = new_call(base, "?delay=3", "late", false, 1, 800);
		fp_call *calls[] = {read, pay, slow, late};
		long long t0 = fp_http_now(), took;

		fp_call_run(http, calls, 4, 4, &fp_md5_openssl);
		took = fp_http_now() - t0;
		check(read->result == FP_REPLY_BAD && read->attempts == 3 && read->error.code == 502,
			"call: a safe read is tried 3 times");
		check(
			pay->attempts == 1 && pay->maybe_sent && fp_policy_outcome_unknown(&pay->error, pay->maybe_sent),
			"call: a payment is tried once; its 502 is an unknown outcome");
		check(slow->error.domain == FP_ERR_TIMEOUT && slow->attempts == 1 && late->maybe_sent,
			"call: the timeout is the whole call's deadline, retries included");
		check(took < 2900, "call: all four ran at once, the slow ones cut at 0.8 s");
		free_call(read);
		free_call(pay);
		free_call(slow);
		free_call(late);
	}
	fp_http_free(http);
}

int main(void)
{
	if (!fp_md5_openssl_init()) {
		puts("FAIL OpenSSL has no MD5");
		return 1;
	}
	test_signer();
	test_form();
	test_reply();
	test_ambiguity();
	test_hardening();
	test_url();
	test_fields();
	test_policy();
	test_reply_check();
	if (getenv("FP_TEST_HTTP_URL") != NULL) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		test_http(getenv("FP_TEST_HTTP_URL"));
		curl_global_cleanup();
	}
	fp_md5_openssl_shutdown();
	xmlCleanupParser(); /* a standalone program may: it owns libxml2 here */
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
