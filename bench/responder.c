/*
 * A tiny keep-alive HTTP/1.1 responder for the benchmarks: it serves one
 * fixed body to every request, so that what a benchmark measures is the
 * client, not the server.
 *
 *   responder BODY_FILE [DELAY_MS]
 *
 * It listens on 127.0.0.1 at a port the kernel picks, prints "port N" on
 * stdout, and then answers:
 *   - any request (any method, any path but /__stats): 200 with the body,
 *     Content-Type: application/xml, after DELAY_MS milliseconds (0: at
 *     once). A delayed answer never holds up the other connections;
 *   - GET /__stats: "connections N requests M" at once, where N counts the
 *     TCP connections accepted so far (this one included) and M the
 *     requests answered with the body.
 * Connections are kept alive (HTTP/1.1) unless the client asks to close;
 * pipelined requests are answered in order; "Expect: 100-continue" gets
 * its 100. On SIGTERM, SIGINT or SIGHUP, or when its parent dies, it prints
 * "connections N requests M" on stdout and exits 0.
 *
 * Linux only (epoll, accept4, prctl). Built by bench/run with cc -O2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_REQUEST (1024 * 1024) /* header and body of one request */

typedef struct {
	int fd;
	char *in; /* bytes received and not yet consumed */
	size_t in_len, in_cap;
	const char *out; /* what is being written now */
	size_t out_len, out_off;
	char *out_own; /* out, when it is this connection's own (stats) */
	int64_t due_ns; /* the delayed answer is due then; 0: none pending */
	int close_after; /* close once the answer is written */
	int continue_sent; /* 100 Continue sent for the request being received */
	uint32_t events; /* what epoll watches for now */
} conn;

static volatile sig_atomic_t stop_requested;
static conn **conns; /* by descriptor */
static size_t conns_cap;
static int *pending; /* descriptors with a delayed answer due */
static size_t npending, pending_cap;
static int epfd;
static char *response; /* status line, headers and body */
static size_t response_len;
static int64_t delay_ns;
static unsigned long long accepted, answered;

static void on_signal(int sig)
{
	(void) sig;
	stop_requested = 1;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("responder: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	exit(2);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void watch(conn *c, uint32_t events)
{
	struct epoll_event ev;

	if (c->events == events) {
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.fd = c->fd;
	if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) != 0) {
		die("epoll_ctl: %s", strerror(errno));
	}
	c->events = events;
}

static void unpend(int fd)
{
	size_t i;

	for (i = 0; i < npending; i++) {
		if (pending[i] == fd) {
			pending[i] = pending[--npending];
			return;
		}
	}
}

static void close_conn(conn *c)
{
	if (c->due_ns != 0) {
		unpend(c->fd);
	}
	epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	conns[c->fd] = NULL;
	free(c->in);
	free(c->out_own);
	free(c);
}

/* Writes what is left of c->out; 0 when all is written, 1 when the socket
 * is full, -1 when the connection failed. */
static int flush_out(conn *c)
{
	while (c->out_off < c->out_len) {
		ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);

		if (n > 0) {
			c->out_off += (size_t) n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return 1;
		} else {
			return -1;
		}
	}
	c->out = NULL;
	c->out_len = c->out_off = 0;
	free(c->out_own);
	c->out_own = NULL;
	return 0;
}

/* Case-insensitive search for a header line "name: value"; its value, or NULL. */
static const char *header(const char *head, size_t head_len, const char *name, size_t *value_len)
{
	size_t name_len = strlen(name);
	const char *p = memchr(head, '\n', head_len), *end = head + head_len;

	while (p != NULL && p + 1 < end) {
		const char *line = p + 1, *eol = memchr(line, '\n', (size_t) (end - line));
		const char *v;

		if (eol == NULL) {
			eol = end;
		}
		if ((size_t) (eol - line) > name_len && strncasecmp(line, name, name_len) == 0 &&
			line[name_len] == ':') {
			v = line + name_len + 1;
			while (v < eol && (*v == ' ' || *v == '\t')) {
				v++;
			}
			*value_len = (size_t) (eol - v);
			while (*value_len > 0 && (v[*value_len - 1] == '\r' || v[*value_len - 1] == ' ')) {
				(*value_len)--;
			}
			return v;
		}
		p = eol < end ? eol : NULL;
	}
	return NULL;
}

static int value_has(const char *v, size_t len, const char *token)
{
	size_t t = strlen(token), i;

	for (i = 0; i + t <= len; i++) {
		if (strncasecmp(v + i, token, t) == 0) {
			return 1;
		}
	}
	return 0;
}

static void answer_now(conn *c);

/* Takes the next complete request from c->in, if there is one and nothing
 * is being answered; starts its answer. Returns -1 to close the connection. */
static int next_request(conn *c)
{
	char *head_end;
	size_t head_len, total, v_len, body_len = 0;
	const char *v;
	int is_stats, http10;

	if (c->out != NULL || c->due_ns != 0 || c->in_len == 0) {
		return 0;
	}
	head_end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
	if (head_end == NULL) {
		return c->in_len > MAX_REQUEST ? -1 : 0;
	}
	head_len = (size_t) (head_end - c->in) + 4;
	if (header(c->in, head_len, "transfer-encoding", &v_len) != NULL) {
		return -1; /* no client of ours sends a chunked request */
	}
	if ((v = header(c->in, head_len, "content-length", &v_len)) != NULL) {
		char digits[24];

		if (v_len == 0 || v_len >= sizeof(digits) || strspn(v, "0123456789") < v_len) {
			return -1;
		}
		memcpy(digits, v, v_len);
		digits[v_len] = '\0';
		body_len = strtoul(digits, NULL, 10);
		if (body_len > MAX_REQUEST) {
			return -1;
		}
	}
	total = head_len + body_len;
	if (c->in_len < total) {
		v = header(c->in, head_len, "expect", &v_len);
		if (v != NULL && value_has(v, v_len, "100-continue") && !c->continue_sent) {
			static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";

			c->continue_sent = 1;
			if (send(c->fd, cont, sizeof(cont) - 1, MSG_NOSIGNAL) != (ssize_t) (sizeof(cont) - 1)) {
				return -1;
			}
		}
		return 0;
	}
	c->continue_sent = 0;
	is_stats = c->in_len >= 13 && memcmp(c->in, "GET /__stats ", 13) == 0;
	http10 = memmem(c->in, (size_t) ((char *) memchr(c->in, '\n', head_len) - c->in), "HTTP/1.0", 8) != NULL;
	v = header(c->in, head_len, "connection", &v_len);
	c->close_after =
		v != NULL ? value_has(v, v_len, "close") || (http10 && !value_has(v, v_len, "keep-alive")) : http10;
	memmove(c->in, c->in + total, c->in_len - total);
	c->in_len -= total;

	if (is_stats) {
		char body[96], *out = malloc(256);
		int blen = snprintf(body, sizeof(body), "connections %llu requests %llu\n", accepted, answered);
		int olen;

		if (out == NULL) {
			return -1;
		}
		olen = snprintf(out, 256,
			"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n%s\r\n%s", blen,
			c->close_after ? "Connection: close\r\n" : "", body);
		c->out_own = out;
		c->out = out;
		c->out_len = (size_t) olen;
		c->out_off = 0;
		return 1;
	}
	if (delay_ns > 0) {
		c->due_ns = now_ns() + delay_ns;
		if (npending == pending_cap) {
			size_t cap = pending_cap ? pending_cap * 2 : 64;
			int *grown = realloc(pending, cap * sizeof(*grown));

			if (grown == NULL) {
				die("out of memory");
			}
			pending = grown;
			pending_cap = cap;
		}
		pending[npending++] = c->fd;
		return 0;
	}
	answer_now(c);
	return 1;
}

static void answer_now(conn *c)
{
	answered++;
	c->out = response;
	c->out_len = response_len;
	c->out_off = 0;
}

/* Writes, moves on to the next request, and sets what epoll watches. */
static void progress(conn *c)
{
	for (;;) {
		int r;

		if (c->out != NULL) {
			r = flush_out(c);
			if (r < 0) {
				close_conn(c);
				return;
			}
			if (r > 0) {
				watch(c, EPOLLOUT);
				return;
			}
			if (c->close_after) {
				shutdown(c->fd, SHUT_WR);
				close_conn(c);
				return;
			}
		}
		r = next_request(c);
		if (r < 0) {
			close_conn(c);
			return;
		}
		if (r == 0) {
			/* Waiting for more bytes, or for a delayed answer. */
			watch(c, c->due_ns != 0 ? EPOLLRDHUP : EPOLLIN | EPOLLRDHUP);
			return;
		}
	}
}

static void on_readable(conn *c)
{
	for (;;) {
		ssize_t n;

		if (c->in_cap - c->in_len < 4096) {
			size_t cap = c->in_cap ? c->in_cap * 2 : 8192;
			char *grown;

			if (cap > 2 * MAX_REQUEST + 8192) {
				close_conn(c);
				return;
			}
			grown = realloc(c->in, cap);
			if (grown == NULL) {
				close_conn(c);
				return;
			}
			c->in = grown;
			c->in_cap = cap;
		}
		n = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
		if (n > 0) {
			c->in_len += (size_t) n;
			continue;
		}
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			break;
		}
		close_conn(c); /* the client closed, or the connection failed */
		return;
	}
	progress(c);
}

static void on_accept(int lfd)
{
	for (;;) {
		struct epoll_event ev;
		int one = 1;
		conn *c;
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED) {
				continue;
			}
			return; /* EAGAIN, or out of descriptors: try again later */
		}
		accepted++;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if ((size_t) fd >= conns_cap) {
			size_t cap = conns_cap ? conns_cap : 256;
			conn **grown;

			while (cap <= (size_t) fd) {
				cap *= 2;
			}
			grown = realloc(conns, cap * sizeof(*grown));
			if (grown == NULL) {
				die("out of memory");
			}
			memset(grown + conns_cap, 0, (cap - conns_cap) * sizeof(*grown));
			conns = grown;
			conns_cap = cap;
		}
		c = calloc(1, sizeof(*c));
		if (c == NULL) {
			die("out of memory");
		}
		c->fd = fd;
		c->events = EPOLLIN | EPOLLRDHUP;
		memset(&ev, 0, sizeof(ev));
		ev.events = c->events;
		ev.data.fd = fd;
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
			die("epoll_ctl: %s", strerror(errno));
		}
		conns[fd] = c;
	}
}

/* Answers the delayed requests that are due; returns the wait until the next one, in ms (-1: none). */
static int run_due(void)
{
	int64_t now = now_ns(), next = -1;
	size_t i = 0;

	while (i < npending) {
		conn *c = conns[pending[i]];

		if (c->due_ns <= now) {
			pending[i] = pending[--npending];
			c->due_ns = 0;
			answer_now(c);
			progress(c);
			continue; /* pending[i] is another descriptor now */
		}
		if (next < 0 || c->due_ns - now < next) {
			next = c->due_ns - now;
		}
		i++;
	}
	return next < 0 ? -1 : (int) ((next + 999999) / 1000000);
}

static char *load_file(const char *path, size_t *len)
{
	struct stat st;
	char *data;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		die("cannot read %s: %s", path, strerror(errno));
	}
	data = malloc((size_t) st.st_size + 1);
	if (data == NULL || read(fd, data, (size_t) st.st_size) != st.st_size) {
		die("cannot read %s", path);
	}
	close(fd);
	*len = (size_t) st.st_size;
	return data;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	socklen_t addr_len = sizeof(addr);
	struct epoll_event ev, events[256];
	struct sigaction sa;
	size_t body_len;
	char *body, head[256];
	int lfd, one = 1, head_len;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s BODY_FILE [DELAY_MS]\n", argv[0]);
		return 2;
	}
	delay_ns = argc == 3 ? (int64_t) strtol(argv[2], NULL, 10) * 1000000 : 0;
	body = load_file(argv[1], &body_len);
	head_len = snprintf(head, sizeof(head),
		"HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset=utf-8\r\nContent-Length: %zu\r\n\r\n",
		body_len);
	response_len = (size_t) head_len + body_len;
	response = malloc(response_len);
	if (response == NULL) {
		die("out of memory");
	}
	memcpy(response, head, (size_t) head_len);
	memcpy(response + head_len, body, body_len);
	free(body);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1) {
		stop_requested = 1; /* the parent is already gone */
	}

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0) {
		die("socket: %s", strerror(errno));
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = 0; /* a free port, chosen by the kernel */
	if (bind(lfd, (struct sockaddr *) &addr, sizeof(addr)) != 0 || listen(lfd, 1024) != 0 ||
		getsockname(lfd, (struct sockaddr *) &addr, &addr_len) != 0) {
		die("cannot listen on 127.0.0.1: %s", strerror(errno));
	}
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0) {
		die("epoll_create1: %s", strerror(errno));
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &ev);
	printf("port %u\n", (unsigned) ntohs(addr.sin_port));
	fflush(stdout);

	while (!stop_requested) {
		int i, n, timeout = run_due();

		n = epoll_wait(epfd, events, (int) (sizeof(events) / sizeof(events[0])), timeout);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			die("epoll_wait: %s", strerror(errno));
		}
		for (i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			conn *c;

			if (fd == lfd) {
				on_accept(lfd);
				continue;
			}
			c = (size_t) fd < conns_cap ? conns[fd] : NULL;
			if (c == NULL) {
				continue; /* closed earlier in this batch */
			}
			if (events[i].events & (EPOLLERR | EPOLLHUP)) {
				close_conn(c);
			} else if (events[i].events & EPOLLOUT) {
				progress(c);
			} else if (events[i].events & (EPOLLIN | EPOLLRDHUP)) {
				on_readable(c);
			}
		}
	}
	printf("connections %llu requests %llu\n", accepted, answered);
	fflush(stdout);
	return 0;
}
