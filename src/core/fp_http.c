/* freedompay core: HTTP on libcurl. */
#include "fp_http.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct fp_http {
	CURLM *multi;
	CURL **easy; /* pooled: allocated as parallelism grows, reused */
	size_t easy_count;
	struct curl_slist *headers;
	fp_http_config config;
	char *ca_info;
	char *user_agent;
};

static char *fp_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = malloc(n);

	if (copy != NULL) {
		memcpy(copy, s, n);
	}
	return copy;
}

static struct curl_slist *fp_http_headers(void)
{
	/* An empty Expect: stops curl from waiting for "100 Continue". */
	static const char *const lines[] = {
		"Content-Type: application/x-www-form-urlencoded",
		"Accept: application/xml, text/xml",
		"Expect:",
	};
	struct curl_slist *list = NULL;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct curl_slist *next = curl_slist_append(list, lines[i]);

		if (next == NULL) {
			curl_slist_free_all(list);
			return NULL;
		}
		list = next;
	}
	return list;
}

fp_http *fp_http_new(const fp_http_config *config, fp_error *err)
{
	fp_http *http = calloc(1, sizeof(*http));

	if (http == NULL) {
		fp_error_set(err, FP_ERR_MEMORY, 0, "out of memory");
		return NULL;
	}
	http->config = *config;
	http->multi = curl_multi_init();
	http->headers = fp_http_headers();
	http->ca_info = config->ca_info ? fp_strdup(config->ca_info) : NULL;
	http->user_agent = fp_strdup(config->user_agent ? config->user_agent : "freedompay");
	if (http->multi == NULL || http->headers == NULL || http->user_agent == NULL ||
		(config->ca_info && http->ca_info == NULL)) {
		fp_http_free(http);
		fp_error_set(err, FP_ERR_MEMORY, 0, "cannot initialise libcurl");
		return NULL;
	}
	http->config.ca_info = http->ca_info;
	http->config.user_agent = http->user_agent;
	return http;
}

void fp_http_free(fp_http *http)
{
	size_t i;

	if (http == NULL) {
		return;
	}
	for (i = 0; i < http->easy_count; i++) {
		curl_easy_cleanup(http->easy[i]);
	}
	free(http->easy);
	if (http->multi != NULL) {
		curl_multi_cleanup(http->multi);
	}
	curl_slist_free_all(http->headers);
	free(http->ca_info);
	free(http->user_agent);
	free(http);
}

void fp_http_exchange_init(fp_http_exchange *x, const char *url, const char *body, size_t body_len)
{
	memset(x, 0, sizeof(*x));
	x->url = url;
	x->body = body;
	x->body_len = body_len;
}

void fp_http_exchange_release(fp_http_exchange *x)
{
	free(x->data);
	free(x->content_type);
	x->data = NULL;
	x->content_type = NULL;
	x->len = x->cap = 0;
}

/* Appends received bytes; refusing them once the cap is passed makes curl
 * abort the transfer (CURLE_WRITE_ERROR). */
static size_t fp_http_on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	fp_http_exchange *x = userdata;
	size_t n = size * nmemb;

	if (n > x->max - x->len) {
		x->too_large = true;
		return 0;
	}
	if (x->len + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 4096;
		char *grown;

		while (cap < x->len + n + 1) {
			cap *= 2;
		}
		grown = realloc(x->data, cap);
		if (grown == NULL) {
			return 0;
		}
		x->data = grown;
		x->cap = cap;
	}
	memcpy(x->data + x->len, ptr, n);
	x->len += n;
	x->data[x->len] = '\0';
	return n;
}

static bool fp_http_setup(fp_http *http, CURL *easy, fp_http_exchange *x, char *errbuf)
{
	const fp_http_config *c = &http->config;
	CURLcode rc = CURLE_OK;

#define FP_SET(option, value)                       \
	if (rc == CURLE_OK) {                           \
		rc = curl_easy_setopt(easy, option, value); \
	}
	FP_SET(CURLOPT_URL, x->url);
	FP_SET(CURLOPT_POST, 1L);
	FP_SET(CURLOPT_POSTFIELDS, x->body);
	FP_SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) x->body_len);
	FP_SET(CURLOPT_HTTPHEADER, http->headers);
	FP_SET(CURLOPT_USERAGENT, c->user_agent);
	FP_SET(CURLOPT_WRITEFUNCTION, fp_http_on_data);
	FP_SET(CURLOPT_WRITEDATA, x);
	FP_SET(CURLOPT_PRIVATE, x);
	FP_SET(CURLOPT_ERRORBUFFER, errbuf);
	/* Timeouts use no signals (safe in threaded servers), and every call has both. */
	FP_SET(CURLOPT_NOSIGNAL, 1L);
	FP_SET(CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	FP_SET(CURLOPT_TIMEOUT_MS, c->timeout_ms);
	/* TLS is always verified; there is deliberately no way to turn it off. */
	FP_SET(CURLOPT_SSL_VERIFYPEER, 1L);
	FP_SET(CURLOPT_SSL_VERIFYHOST, 2L);
	FP_SET(CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
	if (c->ca_info != NULL) {
		FP_SET(CURLOPT_CAINFO, c->ca_info);
	}
	FP_SET(CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
	FP_SET(CURLOPT_PROTOCOLS_STR, c->allow_plain_http ? "http,https" : "https");
#else
	FP_SET(CURLOPT_PROTOCOLS,
		c->allow_plain_http ? (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS) : (long) CURLPROTO_HTTPS);
#endif
	FP_SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) c->max_response);
	FP_SET(CURLOPT_ACCEPT_ENCODING, "");
	FP_SET(CURLOPT_TCP_KEEPALIVE, 1L);
#undef FP_SET
	return rc == CURLE_OK;
}

static fp_error_domain fp_http_domain(CURLcode rc, const fp_http_exchange *x)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return FP_ERR_TIMEOUT;
	case CURLE_FILESIZE_EXCEEDED:
		return FP_ERR_TOO_LARGE;
	case CURLE_WRITE_ERROR:
		return x->too_large ? FP_ERR_TOO_LARGE : FP_ERR_TRANSPORT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_USE_SSL_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return FP_ERR_TLS;
	default:
		return FP_ERR_TRANSPORT;
	}
}

/* Records how a finished transfer went. */
static void fp_http_finish(CURL *easy, fp_http_exchange *x, CURLcode rc, const char *errbuf)
{
	char *type = NULL;

	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &x->status);
	if (curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != NULL) {
		x->content_type = fp_strdup(type);
	}
	if (rc != CURLE_OK) {
		fp_error_domain domain = fp_http_domain(rc, x);

		if (domain == FP_ERR_TOO_LARGE) {
			fp_error_set(&x->error, domain, (long) rc, "the reply from %s exceeds %zu bytes", x->url, x->max);
		} else {
			fp_error_set(&x->error, domain, (long) rc, "POST %s failed: %s", x->url,
				errbuf[0] ? errbuf : curl_easy_strerror(rc));
		}
	} else if (x->status < 200 || x->status > 299) {
		fp_error_set(&x->error, FP_ERR_HTTP, x->status, "POST %s answered HTTP %ld%s%s%s", x->url, x->status,
			x->content_type ? " (" : "", x->content_type ? x->content_type : "", x->content_type ? ")" : "");
	}
}

/* An idle easy handle for slot i of the pool, created on first use. */
static CURL *fp_http_easy(fp_http *http, size_t i)
{
	if (i >= http->easy_count) {
		CURL **grown = realloc(http->easy, (i + 1) * sizeof(*grown));

		if (grown == NULL) {
			return NULL;
		}
		http->easy = grown;
		grown[i] = curl_easy_init();
		if (grown[i] == NULL) {
			return NULL;
		}
		http->easy_count = i + 1;
	}
	return http->easy[i];
}

typedef struct {
	fp_http_exchange *x;
	char errbuf[CURL_ERROR_SIZE];
	bool busy;
} fp_http_slot;

static bool fp_http_start(fp_http *http, fp_http_slot *slot, size_t i, fp_http_exchange *x)
{
	CURL *easy = fp_http_easy(http, i);

	x->max = http->config.max_response;
	slot->errbuf[0] = '\0';
	slot->x = x;
	if (easy == NULL || !fp_http_setup(http, easy, x, slot->errbuf) ||
		curl_multi_add_handle(http->multi, easy) != CURLM_OK) {
		fp_error_set(&x->error, FP_ERR_MEMORY, 0, "cannot start a transfer to %s", x->url);
		return false;
	}
	slot->busy = true;
	return true;
}

/* Collects finished transfers; returns how many finished. */
static size_t fp_http_reap(fp_http *http, fp_http_slot *slots, size_t nslots)
{
	CURLMsg *msg;
	int left;
	size_t done = 0, i;

	while ((msg = curl_multi_info_read(http->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE) {
			continue;
		}
		for (i = 0; i < nslots; i++) {
			if (slots[i].busy && http->easy[i] == msg->easy_handle) {
				CURLcode rc = msg->data.result;

				/* msg is invalid after remove_handle: read it first */
				fp_http_finish(http->easy[i], slots[i].x, rc, slots[i].errbuf);
				curl_multi_remove_handle(http->multi, http->easy[i]);
				slots[i].busy = false;
				done++;
				break;
			}
		}
	}
	return done;
}

void fp_http_post(fp_http *http, fp_http_exchange *xs, size_t n, size_t parallel)
{
	fp_http_slot *slots;
	size_t next = 0, finished = 0, i;
	int running = 0;

	if (parallel == 0 || parallel > n) {
		parallel = n;
	}
	slots = calloc(parallel ? parallel : 1, sizeof(*slots));
	for (i = 0; i < n; i++) {
		fp_error_clear(&xs[i].error);
		xs[i].status = 0;
		if (slots == NULL) {
			fp_error_set(&xs[i].error, FP_ERR_MEMORY, 0, "out of memory");
		}
	}
	if (slots == NULL) {
		return;
	}
	while (finished < n) {
		for (i = 0; i < parallel && next < n; i++) {
			if (!slots[i].busy) {
				if (!fp_http_start(http, &slots[i], i, &xs[next])) {
					finished++;
				}
				next++;
			}
		}
		if (curl_multi_perform(http->multi, &running) != CURLM_OK) {
			break;
		}
		finished += fp_http_reap(http, slots, parallel);
		if (finished < n && running > 0) {
#if LIBCURL_VERSION_NUM >= 0x074200 /* 7.66.0 */
			curl_multi_poll(http->multi, NULL, 0, 1000, NULL);
#else
			curl_multi_wait(http->multi, NULL, 0, 1000, NULL);
#endif
		}
	}
	/* Only after a libcurl failure: nothing may look like a success. */
	for (i = 0; i < parallel; i++) {
		if (slots[i].busy) {
			curl_multi_remove_handle(http->multi, http->easy[i]);
			fp_error_set(&slots[i].x->error, FP_ERR_TRANSPORT, 0, "POST %s: libcurl failed", slots[i].x->url);
		}
	}
	for (; next < n; next++) {
		fp_error_set(&xs[next].error, FP_ERR_TRANSPORT, 0, "POST %s: libcurl failed", xs[next].url);
	}
	free(slots);
}
