/*
 * The floor of a status call: libcurl transfers alone, nothing else. One
 * easy handle, set up once and reused, so the connection is kept alive;
 * each transfer POSTs the same prepared form body and collects the reply
 * in a reused buffer. No signing, no parsing.
 *
 *   curl_floor URL BODY_FILE [--multi | --parse]
 *
 * It reads commands on stdin, one a line: a number N runs N transfers and
 * prints "cpu_ns wall_ns" per transfer (this process's CPU, user +
 * system, from getrusage; and monotonic wall time); "q" or the end of
 * input quits. Every reply must be HTTP 200 with the same length as the
 * first, else it prints "error ..." and exits 1.
 *
 * --multi drives the same handle through a multi handle (curl_multi_poll)
 * instead of curl_easy_perform: not the floor, but it shows what the multi
 * interface itself costs per transfer.
 *
 * --parse also reads each reply with libxml2, as the extension does (a push
 * parser, the same options, SAX callbacks that do nothing, so no tree is
 * built): not the floor either, but the least any client that parses the
 * reply with libxml2 pays. It shows where libxml2 puts the limit.
 */
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>

typedef struct {
	char *data;
	size_t len, cap;
} buffer;

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	buffer *b = userdata;
	size_t n = size * nmemb;

	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *grown;

		while (cap < b->len + n) {
			cap *= 2;
		}
		grown = realloc(b->data, cap);
		if (grown == NULL) {
			return 0;
		}
		b->data = grown;
		b->cap = cap;
	}
	memcpy(b->data + b->len, ptr, n);
	b->len += n;
	return n;
}

static long long cpu_ns(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
		(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
}

static long long wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
	int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	const xmlChar **attributes)
{
	(void) ctx, (void) localname, (void) prefix, (void) uri, (void) nb_namespaces, (void) namespaces;
	(void) nb_attributes, (void) nb_defaulted, (void) attributes;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void) ctx, (void) localname, (void) prefix, (void) uri;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	(void) ctx, (void) ch, (void) len;
}

/* The reply through libxml2's push parser, as the extension reads it; 1 if
 * it is well-formed. */
static int parse_reply(const buffer *reply)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	int head = reply->len < 4 ? (int) reply->len : 4, ok;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text;
	ctxt = xmlCreatePushParserCtxt(&sax, NULL, reply->data, head, NULL);
	if (ctxt == NULL) {
		return 0;
	}
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	xmlParseChunk(ctxt, reply->data + head, (int) (reply->len - (size_t) head), 1);
	ok = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	return ok;
}

static CURLcode perform_multi(CURLM *multi, CURL *easy)
{
	CURLcode rc = CURLE_OK;
	CURLMsg *msg;
	int running = 1, left;

	curl_multi_add_handle(multi, easy);
	while (running) {
		if (curl_multi_perform(multi, &running) != CURLM_OK) {
			rc = CURLE_FAILED_INIT;
			break;
		}
		if (running) {
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
		}
	}
	while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
		if (msg->msg == CURLMSG_DONE) {
			rc = msg->data.result;
		}
	}
	curl_multi_remove_handle(multi, easy);
	return rc;
}

int main(int argc, char **argv)
{
	buffer reply = {NULL, 0, 0};
	char line[64], *form;
	size_t form_len, first_len = 0;
	long form_size;
	FILE *f;
	CURL *easy;
	CURLM *multi = NULL;
	int parse;

	if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--multi") != 0 && strcmp(argv[3], "--parse") != 0)) {
		fprintf(stderr, "usage: %s URL BODY_FILE [--multi | --parse]\n", argv[0]);
		return 2;
	}
	parse = argc == 4 && strcmp(argv[3], "--parse") == 0;
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	f = fopen(argv[2], "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (form_size = ftell(f)) < 0) {
		fprintf(stderr, "cannot read %s\n", argv[2]);
		return 2;
	}
	rewind(f);
	form = malloc((size_t) form_size + 1);
	form_len = fread(form, 1, (size_t) form_size, f);
	fclose(f);

	curl_global_init(CURL_GLOBAL_DEFAULT);
	easy = curl_easy_init();
	if (argc == 4 && !parse) {
		multi = curl_multi_init();
	}
	xmlInitParser();
	curl_easy_setopt(easy, CURLOPT_URL, argv[1]);
	curl_easy_setopt(easy, CURLOPT_POST, 1L);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) form_len);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, &reply);
	/* What any real client sets: timeouts without signals. */
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 30000L);

	while (fgets(line, sizeof(line), stdin) != NULL) {
		long long c0, w0, i, n = strtoll(line, NULL, 10);

		if (line[0] == 'q' || n <= 0) {
			break;
		}
		c0 = cpu_ns();
		w0 = wall_ns();
		for (i = 0; i < n; i++) {
			long status = 0;
			CURLcode rc;

			reply.len = 0;
			rc = multi ? perform_multi(multi, easy) : curl_easy_perform(easy);
			curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
			if (first_len == 0) {
				first_len = reply.len;
			}
			if (rc != CURLE_OK || status != 200 || reply.len != first_len || first_len == 0
				|| (parse && !parse_reply(&reply))) {
				printf("error transfer %lld: %s, HTTP %ld, %zu bytes\n", i, curl_easy_strerror(rc), status,
					reply.len);
				fflush(stdout);
				return 1;
			}
		}
		printf("%.1f %.1f\n", (double) (cpu_ns() - c0) / (double) n, (double) (wall_ns() - w0) / (double) n);
		fflush(stdout);
	}
	curl_easy_cleanup(easy);
	if (multi) {
		curl_multi_cleanup(multi);
	}
	curl_global_cleanup();
	free(form);
	free(reply.data);
	return 0;
}
