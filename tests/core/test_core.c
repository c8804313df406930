/*
 * Unit tests of the plain-C core (src/core), without PHP: the XML parser's
 * hardening, checkXML verification, the signer's streaming, form escaping.
 * tools/test.sh builds this with AddressSanitizer and UBSan and runs it.
 * Prints "PASS name" / "FAIL name" per check and "N passed, N failed".
 */
#include "../../src/core/fp_form.h"
#include "../../src/core/fp_http.h"
#include "../../src/core/fp_sign.h"
#include "../../src/core/fp_xml.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	check(fp_xml_verify(root, "get_status3.php", 15, "sandbox-secret", 14, &fp_md5_openssl, &err),
		"verify: checkXML order, nested and repeated elements");
	check(!fp_xml_verify(root, "get_status3.php", 15, "other-secret", 12, &fp_md5_openssl, &err) &&
			err.domain == FP_ERR_SIGNATURE,
		"verify: another secret fails");
	check(!fp_xml_verify(root, "get_status2.php", 15, "sandbox-secret", 14, &fp_md5_openssl, &err),
		"verify: another script name fails");
	fp_xml_free(doc);

	memcpy(wrong, sig, sizeof(wrong));
	wrong[0] = wrong[0] == '0' ? '1' : '0';
	doc = parse_reply(wrong, &err);
	check(doc &&
			!fp_xml_verify(
				fp_xml_root(doc), "get_status3.php", 15, "sandbox-secret", 14, &fp_md5_openssl, &err) &&
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
	fp_xml_verify(fp_xml_root(doc), "s", 1, "k", 1, &fp_md5_openssl, &err);
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

/* Runs only when tools/test.sh gives it an echo server (tests/core/echo_router.php). */
static void test_http(const char *base)
{
	enum { N = 8 };
	fp_http_config config = {2000, 5000, 1024, NULL, "freedompay-core-test", true};
	fp_http_exchange xs[N + 2];
	char urls[N + 2][256], bodies[N][32];
	fp_error err;
	fp_http *http = fp_http_new(&config, &err);
	int i, ok = 0;

	check(http != NULL, "http: a client is created");
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

	fp_http_post(http, xs, N + 2, 4);
	for (i = 0; i < N; i++) {
		char want[64];

		snprintf(want, sizeof(want), "echo:request-%d", i);
		ok +=
			xs[i].error.domain == FP_OK && xs[i].status == 200 && xs[i].data && strcmp(xs[i].data, want) == 0;
	}
	check(ok == N, "http: 8 exchanges, 4 at a time, each gets its own reply");
	check(xs[N].error.domain == FP_ERR_HTTP && xs[N].error.code == 502,
		"http: a 502 is reported for its exchange only");
	check(xs[N + 1].error.domain == FP_ERR_TRANSPORT,
		"http: a refused connection is reported for its exchange only");
	for (i = 0; i < N + 2; i++) {
		fp_http_exchange_release(&xs[i]);
	}

	/* The cap: 1024 bytes configured, 2000 echoed. */
	{
		char big[2000];

		memset(big, 'b', sizeof(big));
		snprintf(urls[0], sizeof(urls[0]), "%s/x", base);
		fp_http_exchange_init(&xs[0], urls[0], big, sizeof(big));
		fp_http_post(http, xs, 1, 1);
		check(xs[0].error.domain == FP_ERR_TOO_LARGE && xs[0].len <= 1024,
			"http: the body cap holds while receiving");
		fp_http_exchange_release(&xs[0]);
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
