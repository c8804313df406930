/* freedompay core: HTTP on libcurl. */
#include "fp_http.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef _WIN32
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#endif

/* A pooled easy handle with what stays the same across its transfers. */
typedef struct {
	CURL *handle;
	char errbuf[CURL_ERROR_SIZE];
} fp_easy;

struct fp_http {
	CURLM *multi;
	fp_easy **easy; /* pooled: made as parallelism grows, reused; each stays put (libcurl holds its errbuf) */
	size_t easy_count;
	void *share; /* a CURLSH the process keeps connections in, or NULL */
	struct curl_slist *headers;
	char *ca_info;
	char *user_agent;
	char *proxy;
	bool allow_plain_http;
	long pid; /* the process whose handles these are */
};

#ifndef _WIN32
#define FP_PID() ((long) getpid())
#else
#define FP_PID() 0L
#endif

static char *fp_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = malloc(n);

	if (copy != NULL) {
		memcpy(copy, s, n);
	}
	return copy;
}

long long fp_http_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------------
 * Close-on-exec: a script's proc_open(), exec() or shell_exec() must not
 * hand our kept-alive gateway connection, or libcurl's internal
 * descriptors, to the programs it starts.
 * ------------------------------------------------------------------- */

#ifndef _WIN32
static void fp_set_cloexec(int fd)
{
	int flags = fcntl(fd, F_GETFD);

	if (flags >= 0 && !(flags & FD_CLOEXEC)) {
		(void) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
	}
}

/* Every socket libcurl opens for a transfer, before it connects. */
static int fp_http_on_socket(void *clientp, curl_socket_t fd, curlsocktype purpose)
{
	(void) clientp;
	(void) purpose;
	fp_set_cloexec((int) fd);
	return CURL_SOCKOPT_OK;
}

typedef struct {
	int *fds;
	size_t n;
} fp_fd_list;

/* The descriptors open now; an empty list where the system cannot tell. */
static fp_fd_list fp_open_fds(void)
{
	fp_fd_list list = {NULL, 0};
	size_t cap = 0;
	struct dirent *entry;
	DIR *dir = opendir("/proc/self/fd");

	if (dir == NULL) {
		dir = opendir("/dev/fd");
	}
	if (dir == NULL) {
		return list;
	}
	while ((entry = readdir(dir)) != NULL) {
		char *end;
		long fd = strtol(entry->d_name, &end, 10);

		if (end == entry->d_name || *end != '\0' || fd == dirfd(dir)) {
			continue;
		}
		if (list.n == cap) {
			int *grown = realloc(list.fds, (cap ? cap * 2 : 64) * sizeof(int));

			if (grown == NULL) {
				break;
			}
			list.fds = grown;
			cap = cap ? cap * 2 : 64;
		}
		list.fds[list.n++] = (int) fd;
	}
	closedir(dir);
	return list;
}

static bool fp_fd_listed(const fp_fd_list *list, int fd)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		if (list->fds[i] == fd) {
			return true;
		}
	}
	return false;
}

/* curl_multi_init() opens a wake-up socket pair without close-on-exec and
 * offers no callback for it: the descriptors it opened get the flag here. */
static CURLM *fp_multi_init_cloexec(void)
{
	fp_fd_list before = fp_open_fds(), after;
	CURLM *multi = curl_multi_init();
	size_t i;

	if (multi != NULL) {
		after = fp_open_fds();
		for (i = 0; i < after.n; i++) {
			if (!fp_fd_listed(&before, after.fds[i])) {
				fp_set_cloexec(after.fds[i]);
			}
		}
		free(after.fds);
	}
	free(before.fds);
	return multi;
}
#else
#define fp_multi_init_cloexec curl_multi_init
#endif

/* ---------------------------------------------------------------------
 * The client's transport
 * ------------------------------------------------------------------- */

static struct curl_slist *fp_http_headers(void)
{
	/*
	 * An empty Expect: stops curl from waiting for "100 Continue" on a large
	 * body. Nothing else: libcurl already sends a form's Content-Type, and
	 * every header added here is searched on each transfer, for each header
	 * libcurl writes (a profile showed 10,000 instructions a call for three).
	 */
	static const char *const lines[] = {
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
	http->allow_plain_http = config->allow_plain_http;
	http->share = config->share;
	http->pid = FP_PID();
	http->multi = fp_multi_init_cloexec();
	http->headers = fp_http_headers();
	http->ca_info = config->ca_info ? fp_strdup(config->ca_info) : NULL;
	http->proxy = config->proxy ? fp_strdup(config->proxy) : NULL;
	http->user_agent = fp_strdup(config->user_agent ? config->user_agent : "freedompay");
	if (http->multi == NULL || http->headers == NULL || http->user_agent == NULL ||
		(config->ca_info && http->ca_info == NULL) || (config->proxy && http->proxy == NULL)) {
		fp_http_free(http);
		fp_error_set(err, FP_ERR_MEMORY, 0, "cannot initialise libcurl");
		return NULL;
	}
	/* At most this many idle connections are kept (in the share, if any). */
	curl_multi_setopt(http->multi, CURLMOPT_MAXCONNECTS, 16L);
	return http;
}

static void fp_free_secret_string(char *s)
{
	if (s != NULL) {
		/* A proxy URL may carry a password. */
		volatile char *p = s;

		while (*p) {
			*p++ = 0;
		}
		free(s);
	}
}

/*
 * After fork() the handles and their connections belong to the parent: a
 * child that used them would talk on the parent's sockets, and one that
 * cleaned them up would end the parent's TLS sessions. The child leaves
 * them as they are (a little memory) and starts its own, without the
 * parent's share.
 */
typedef struct fp_http_orphan {
	struct fp_http_orphan *next;
	CURLM *multi;
	fp_easy **easy;
	size_t easy_count;
} fp_http_orphan;

/* What children left to their parents, kept reachable: it is not lost,
 * only not ours to clean up. */
static fp_http_orphan *fp_http_orphans;

static void fp_http_leave_to_parent(fp_http *http)
{
	fp_http_orphan *orphan = malloc(sizeof(*orphan));

	if (orphan != NULL) {
		orphan->multi = http->multi;
		orphan->easy = http->easy;
		orphan->easy_count = http->easy_count;
		orphan->next = fp_http_orphans;
		fp_http_orphans = orphan;
	}
	http->easy = NULL;
	http->easy_count = 0;
	http->multi = NULL;
	http->share = NULL;
}

static bool fp_http_own_handles(fp_http *http)
{
	if (http->pid == FP_PID()) {
		return http->multi != NULL;
	}
	fp_http_leave_to_parent(http);
	http->pid = FP_PID();
	http->multi = fp_multi_init_cloexec();
	return http->multi != NULL;
}

void fp_http_free(fp_http *http)
{
	size_t i;

	if (http == NULL) {
		return;
	}
	if (http->pid != FP_PID()) {
		fp_http_leave_to_parent(http);
	}
	for (i = 0; i < http->easy_count; i++) {
		curl_easy_cleanup(http->easy[i]->handle);
		free(http->easy[i]);
	}
	free(http->easy);
	if (http->multi != NULL) {
		curl_multi_cleanup(http->multi);
	}
	curl_slist_free_all(http->headers);
	free(http->ca_info);
	free(http->user_agent);
	fp_free_secret_string(http->proxy);
	free(http);
}

void fp_http_exchange_init(fp_http_exchange *x, const char *url, const char *body, size_t body_len)
{
	memset(x, 0, sizeof(*x));
	x->url = url;
	x->body = body;
	x->body_len = body_len;
	x->timeout_ms = 30000;
	x->connect_timeout_ms = 10000;
	x->max_response = 1024 * 1024;
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

	if (n > x->max_response - x->len) {
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

/* What every transfer of an easy handle shares: set once, when it is made. */
static bool fp_http_setup_handle(fp_http *http, fp_easy *e)
{
	CURL *easy = e->handle;
	CURLcode rc = CURLE_OK;

#define FP_SET(option, value)                       \
	if (rc == CURLE_OK) {                           \
		rc = curl_easy_setopt(easy, option, value); \
	}
	FP_SET(CURLOPT_POST, 1L);
	FP_SET(CURLOPT_HTTPHEADER, http->headers);
	FP_SET(CURLOPT_USERAGENT, http->user_agent);
	FP_SET(CURLOPT_WRITEFUNCTION, fp_http_on_data);
	FP_SET(CURLOPT_ERRORBUFFER, e->errbuf);
	/* Timeouts use no signals (safe in threaded servers). */
	FP_SET(CURLOPT_NOSIGNAL, 1L);
	/* TLS is always verified; there is deliberately no way to turn it off. */
	FP_SET(CURLOPT_SSL_VERIFYPEER, 1L);
	FP_SET(CURLOPT_SSL_VERIFYHOST, 2L);
	FP_SET(CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
	FP_SET(CURLOPT_CAINFO, http->ca_info); /* NULL: the system's store */
	FP_SET(CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
	FP_SET(CURLOPT_PROTOCOLS_STR, http->allow_plain_http ? "http,https" : "https");
#else
	FP_SET(CURLOPT_PROTOCOLS,
		http->allow_plain_http ? (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS) : (long) CURLPROTO_HTTPS);
#endif
	/* Only an explicit proxy: "" stops libcurl from reading http_proxy,
	 * ALL_PROXY and the rest from the environment, and an empty NOPROXY
	 * keeps no_proxy from it too. */
	FP_SET(CURLOPT_PROXY, http->proxy ? http->proxy : "");
	FP_SET(CURLOPT_NOPROXY, "");
	/* No Accept-Encoding: replies are a few kB, decoding set-up costs each
	 * transfer more than it saves, and a body compressed unasked stays
	 * compressed, so it is refused as not XML (a "gzip bomb" included). */
	FP_SET(CURLOPT_TCP_KEEPALIVE, 1L);
#ifndef _WIN32
	FP_SET(CURLOPT_SOCKOPTFUNCTION, fp_http_on_socket);
#endif
	if (http->share != NULL) {
		FP_SET(CURLOPT_SHARE, (CURLSH *) http->share);
	}
#undef FP_SET
	return rc == CURLE_OK;
}

/* What changes from one transfer to the next. */
static bool fp_http_setup_transfer(CURL *easy, fp_http_exchange *x, long timeout_ms)
{
	long connect_ms = x->connect_timeout_ms < timeout_ms ? x->connect_timeout_ms : timeout_ms;

	/*
	 * libcurl silently sends a request again when a kept-alive connection
	 * dies before any byte of the answer arrives. For a call that moves
	 * money that could be a second payment, so such calls start on a
	 * connection of their own (which libcurl never resends on).
	 */
	return curl_easy_setopt(easy, CURLOPT_URL, x->url) == CURLE_OK &&
		curl_easy_setopt(easy, CURLOPT_POSTFIELDS, x->body) == CURLE_OK &&
		curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) x->body_len) == CURLE_OK &&
		curl_easy_setopt(easy, CURLOPT_WRITEDATA, x) == CURLE_OK &&
		curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connect_ms) == CURLE_OK &&
		curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, timeout_ms) == CURLE_OK &&
		curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, x->fresh_connection ? 1L : 0L) == CURLE_OK &&
		curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) x->max_response) == CURLE_OK;
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

/*
 * Whether the request may have reached the server. Only a transfer that
 * never began to send (no name, no connection, no TLS session, or the
 * limit ran out before) is known not to have: libcurl stamps the
 * pre-transfer time just before it writes the request.
 */
static bool fp_http_maybe_sent(CURL *easy, const fp_http_exchange *x)
{
	curl_off_t pretransfer = 0;
	long request_size = 0;

	if (x->status > 0) {
		return true;
	}
	if (curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) != CURLE_OK ||
		curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_size) != CURLE_OK) {
		return true; /* cannot tell: assume the worst */
	}
	return pretransfer > 0 || request_size > 0;
}

static bool fp_memmem(const char *hay, size_t hay_len, const char *needle, size_t needle_len)
{
	size_t i;

	for (i = 0; needle_len <= hay_len && i <= hay_len - needle_len; i++) {
		if (memcmp(hay + i, needle, needle_len) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * libcurl's message for a failure, unless it quotes the proxy's
 * credentials (some quote the proxy URL): then only the error's name.
 */
static const char *fp_http_error_text(const char *proxy, CURLcode rc, const char *errbuf)
{
	const char *scheme_end = proxy ? strstr(proxy, "://") : NULL;
	const char *at = scheme_end ? strrchr(scheme_end, '@') : NULL;

	if (errbuf[0] == '\0') {
		return curl_easy_strerror(rc);
	}
	if (at != NULL) {
		const char *user = scheme_end + 3, *colon = memchr(user, ':', (size_t) (at - user));
		size_t user_len = (size_t) ((colon ? colon : at) - user);

		if ((user_len > 0 && fp_memmem(errbuf, strlen(errbuf), user, user_len)) ||
			(colon != NULL && at - colon > 1 &&
				fp_memmem(errbuf, strlen(errbuf), colon + 1, (size_t) (at - colon - 1)))) {
			return curl_easy_strerror(rc);
		}
	}
	return errbuf;
}

/* Records how a finished transfer went. */
static void fp_http_finish(
	const fp_http *http, CURL *easy, fp_http_exchange *x, CURLcode rc, const char *errbuf)
{
	char *type = NULL;

	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &x->status);
	if (curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != NULL) {
		x->content_type = fp_strdup(type);
	}
	x->sent = fp_http_maybe_sent(easy, x);
	if (rc != CURLE_OK) {
		fp_error_domain domain = fp_http_domain(rc, x);

		if (domain == FP_ERR_TOO_LARGE) {
			fp_error_set(
				&x->error, domain, (long) rc, "the reply from %s exceeds %zu bytes", x->url, x->max_response);
		} else {
			fp_error_set(&x->error, domain, (long) rc, "POST %s failed: %s", x->url,
				fp_http_error_text(http->proxy, rc, errbuf));
		}
	} else if (x->status < 200 || x->status > 299) {
		fp_error_set(&x->error, FP_ERR_HTTP, x->status, "POST %s answered HTTP %ld%s%s%s", x->url, x->status,
			x->content_type ? " (" : "", x->content_type ? x->content_type : "", x->content_type ? ")" : "");
	}
}

/* A new pooled easy handle, or NULL. */
static fp_easy *fp_http_easy_new(fp_http *http)
{
	fp_easy *e = calloc(1, sizeof(*e));

	if (e == NULL) {
		return NULL;
	}
	e->handle = curl_easy_init();
	if (e->handle == NULL || !fp_http_setup_handle(http, e)) {
		if (e->handle != NULL) {
			curl_easy_cleanup(e->handle);
		}
		free(e);
		return NULL;
	}
	return e;
}

/* The idle easy handle for slot i of the pool; the pool grows up to it. */
static fp_easy *fp_http_easy(fp_http *http, size_t i)
{
	if (i >= http->easy_count) {
		fp_easy **grown = realloc(http->easy, (i + 1) * sizeof(*grown));

		if (grown == NULL) {
			return NULL;
		}
		http->easy = grown;
		while (http->easy_count <= i) {
			fp_easy *e = fp_http_easy_new(http);

			if (e == NULL) {
				return NULL;
			}
			grown[http->easy_count++] = e;
		}
	}
	return http->easy[i];
}

/* ---------------------------------------------------------------------
 * Running exchanges: a few at a time, each with its own deadline, some
 * waiting to be tried again
 * ------------------------------------------------------------------- */

typedef struct {
	size_t index; /* the exchange in this slot (slot s uses easy handle s) */
	bool busy;
} fp_http_slot;

typedef struct {
	fp_http *http;
	fp_http_exchange **xs;
	size_t n;
	fp_http_slot *slots;
	size_t nslots;
	size_t next_new; /* exchanges from here on have not been started */
	size_t *waiting; /* exchanges to start again once due */
	size_t nwaiting;
	size_t done;
	fp_http_on_done on_done;
	void *ctx;
} fp_http_run_state;

static void fp_http_reset(fp_http_exchange *x)
{
	fp_http_exchange_release(x);
	fp_error_clear(&x->error);
	x->status = 0;
	x->sent = false;
	x->too_large = false;
}

/* An exchange has a result: on_done may send it round again. */
static void fp_http_settle(fp_http_run_state *st, size_t index)
{
	fp_http_exchange *x = st->xs[index];

	if (st->on_done != NULL && st->on_done(st->ctx, index, x)) {
		fp_http_reset(x);
		st->waiting[st->nwaiting++] = index;
		return;
	}
	st->done++;
}

static void fp_http_start(fp_http_run_state *st, size_t slot_index, size_t index)
{
	fp_http_slot *slot = &st->slots[slot_index];
	fp_http_exchange *x = st->xs[index];
	long long now = fp_http_now(), left;
	fp_easy *easy;

	if (x->deadline == 0) {
		x->deadline = now + x->timeout_ms;
	}
	left = x->deadline - now;
	slot->index = index;
	if (left <= 0) {
		fp_error_set(&x->error, FP_ERR_TIMEOUT, (long) CURLE_OPERATION_TIMEDOUT,
			"POST %s was not sent: the call's time limit ran out", x->url);
		fp_http_settle(st, index);
		return;
	}
	easy = fp_http_easy(st->http, slot_index);
	if (easy != NULL) {
		easy->errbuf[0] = '\0';
	}
	if (easy == NULL || !fp_http_setup_transfer(easy->handle, x, (long) left) ||
		curl_multi_add_handle(st->http->multi, easy->handle) != CURLM_OK) {
		fp_error_set(&x->error, FP_ERR_MEMORY, 0, "cannot start a transfer to %s", x->url);
		fp_http_settle(st, index);
		return;
	}
	slot->busy = true;
}

/* The next exchange to start now, if any: due retries first, then new ones. */
static bool fp_http_next_due(fp_http_run_state *st, long long now, size_t *index)
{
	size_t i;

	for (i = 0; i < st->nwaiting; i++) {
		if (st->xs[st->waiting[i]]->not_before <= now) {
			*index = st->waiting[i];
			st->waiting[i] = st->waiting[--st->nwaiting];
			return true;
		}
	}
	while (st->next_new < st->n) {
		*index = st->next_new++;
		if (st->xs[*index]->not_before <= now) {
			return true;
		}
		st->waiting[st->nwaiting++] = *index;
	}
	return false;
}

static void fp_http_fill_slots(fp_http_run_state *st)
{
	long long now = fp_http_now();
	size_t s, index;

	for (s = 0; s < st->nslots; s++) {
		if (!st->slots[s].busy && fp_http_next_due(st, now, &index)) {
			fp_http_start(st, s, index);
		}
	}
}

/* Collects finished transfers; returns how many. */
static size_t fp_http_reap(fp_http_run_state *st)
{
	CURLMsg *msg;
	int left;
	size_t s, reaped = 0;

	while ((msg = curl_multi_info_read(st->http->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE) {
			continue;
		}
		for (s = 0; s < st->nslots; s++) {
			fp_http_slot *slot = &st->slots[s];
			/* a busy slot's easy handle exists */
			fp_easy *easy = slot->busy ? st->http->easy[s] : NULL;

			if (easy != NULL && easy->handle == msg->easy_handle) {
				CURLcode rc = msg->data.result;

				/* msg is invalid after remove_handle: read it first */
				fp_http_finish(st->http, easy->handle, st->xs[slot->index], rc, easy->errbuf);
				curl_multi_remove_handle(st->http->multi, easy->handle);
				slot->busy = false;
				fp_http_settle(st, slot->index);
				reaped++;
				break;
			}
		}
	}
	return reaped;
}

/* How long to wait for sockets: until the next retry is due (if a slot is
 * free to start it), at most 1 s. */
static int fp_http_wait_ms(const fp_http_run_state *st)
{
	long long now = fp_http_now(), wait = 1000;
	size_t i, s;

	for (s = 0; s < st->nslots && st->slots[s].busy; s++) {
	}
	for (i = 0; s < st->nslots && i < st->nwaiting; i++) {
		long long due = st->xs[st->waiting[i]]->not_before - now;

		wait = due < wait ? due : wait;
	}
	return wait < 0 ? 0 : (int) wait;
}

/* Only after a libcurl failure: nothing may look like a success. */
static void fp_http_abandon(fp_http_run_state *st)
{
	size_t s, i;

	for (s = 0; s < st->nslots; s++) {
		if (st->slots[s].busy) {
			fp_http_exchange *x = st->xs[st->slots[s].index];

			curl_multi_remove_handle(st->http->multi, st->http->easy[s]->handle);
			st->slots[s].busy = false;
			fp_error_set(&x->error, FP_ERR_TRANSPORT, 0, "POST %s: libcurl failed", x->url);
			x->sent = true;
		}
	}
	for (i = 0; i < st->nwaiting; i++) {
		fp_error_set(&st->xs[st->waiting[i]]->error, FP_ERR_TRANSPORT, 0, "POST %s: libcurl failed",
			st->xs[st->waiting[i]]->url);
	}
	for (i = st->next_new; i < st->n; i++) {
		fp_error_set(&st->xs[i]->error, FP_ERR_TRANSPORT, 0, "POST %s: libcurl failed", st->xs[i]->url);
	}
}

void fp_http_run(
	fp_http *http, fp_http_exchange **xs, size_t n, size_t parallel, fp_http_on_done on_done, void *ctx)
{
	fp_http_run_state st;
	int running = 0;
	size_t i;

	memset(&st, 0, sizeof(st));
	st.http = http;
	st.xs = xs;
	st.n = n;
	st.on_done = on_done;
	st.ctx = ctx;
	st.nslots = parallel == 0 || parallel > n ? n : parallel;
	st.slots = calloc(st.nslots ? st.nslots : 1, sizeof(*st.slots));
	st.waiting = malloc((n ? n : 1) * sizeof(*st.waiting));
	for (i = 0; i < n; i++) {
		fp_http_reset(xs[i]);
		xs[i]->deadline = 0;
		if (st.slots == NULL || st.waiting == NULL) {
			fp_error_set(&xs[i]->error, FP_ERR_MEMORY, 0, "out of memory");
		}
	}
	if (st.slots != NULL && st.waiting != NULL && !fp_http_own_handles(http)) {
		for (i = 0; i < n; i++) {
			fp_error_set(&xs[i]->error, FP_ERR_MEMORY, 0, "cannot initialise libcurl");
		}
		free(st.slots);
		st.slots = NULL;
	}
	if (st.slots == NULL || st.waiting == NULL) {
		free(st.slots);
		free(st.waiting);
		return;
	}
	/* Connections kept for the next calls: as many as run at once. */
	curl_multi_setopt(http->multi, CURLMOPT_MAXCONNECTS, (long) (st.nslots > 16 ? st.nslots : 16));
	while (st.done < n) {
		fp_http_fill_slots(&st);
		if (curl_multi_perform(http->multi, &running) != CURLM_OK) {
			fp_http_abandon(&st);
			break;
		}
		/* A freed slot is refilled before waiting on the others. */
		if (fp_http_reap(&st) > 0 || st.done == n) {
			continue;
		}
#if LIBCURL_VERSION_NUM >= 0x074200 /* 7.66.0 */
		curl_multi_poll(http->multi, NULL, 0, fp_http_wait_ms(&st), NULL);
#else
		if (running > 0) {
			curl_multi_wait(http->multi, NULL, 0, fp_http_wait_ms(&st), NULL);
		} else {
			usleep((useconds_t) fp_http_wait_ms(&st) * 1000);
		}
#endif
	}
	free(st.slots);
	free(st.waiting);
}
