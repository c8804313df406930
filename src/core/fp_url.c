/* freedompay core: URLs, gateway paths and signature script names. */
#include "fp_url.h"

#include <string.h>
#include <strings.h>

static bool fp_is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Length of a scheme from the list, with "://", at the start of url; 0 if none. */
static size_t fp_scheme_prefix(const char *url, size_t len, const char *const *schemes, size_t *which)
{
	size_t i;

	for (i = 0; schemes[i] != NULL; i++) {
		size_t n = strlen(schemes[i]);

		if (len > n + 3 && strncasecmp(url, schemes[i], n) == 0 && memcmp(url + n, "://", 3) == 0) {
			*which = i;
			return n + 3;
		}
	}
	return 0;
}

static bool fp_is_loopback_host(const char *host, size_t len)
{
	size_t i;

	if ((len == 9 && strncasecmp(host, "localhost", 9) == 0) || (len == 5 && memcmp(host, "[::1]", 5) == 0)) {
		return true;
	}
	if (len < 7 || memcmp(host, "127.", 4) != 0) {
		return false;
	}
	for (i = 4; i < len; i++) {
		if (!(host[i] == '.' || (host[i] >= '0' && host[i] <= '9'))) {
			return false;
		}
	}
	return true;
}

/* host[:port] with no credentials; sets the host's length. */
static bool fp_check_authority(const char *a, size_t len, size_t *host_len, const char *what, fp_error *err)
{
	size_t i = 0, h;
	unsigned long port = 0;

	if (memchr(a, '@', len) != NULL) {
		fp_error_set(err, FP_ERR_ARGUMENT, 0,
			"%s must be an http(s) URL without query, fragment or credentials, such as "
			"https://api.freedompay.kz",
			what);
		return false;
	}
	if (len > 0 && a[0] == '[') {
		while (i < len && a[i] != ']') {
			unsigned char c = (unsigned char) a[i];

			if (i > 0 &&
				!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
					(c >= 'A' && c <= 'F'))) {
				break;
			}
			i++;
		}
		if (i == len || a[i] != ']' || i < 3) {
			fp_error_set(err, FP_ERR_ARGUMENT, 0, "%s has a malformed IPv6 host", what);
			return false;
		}
		i++;
	} else {
		while (i < len && (fp_is_alnum((unsigned char) a[i]) || a[i] == '-' || a[i] == '.' || a[i] == '_')) {
			i++;
		}
	}
	h = i;
	if (h == 0) {
		fp_error_set(err, FP_ERR_ARGUMENT, 0, "%s has no host", what);
		return false;
	}
	if (i < len && a[i] == ':') {
		size_t digits = 0;

		for (i++; i < len && a[i] >= '0' && a[i] <= '9' && digits < 6; i++, digits++) {
			port = port * 10 + (unsigned long) (a[i] - '0');
		}
		if (digits == 0 || i != len || port < 1 || port > 65535) {
			fp_error_set(
				err, FP_ERR_ARGUMENT, 0, "%s has a bad port: it must be a number from 1 to 65535", what);
			return false;
		}
	}
	if (i != len) {
		fp_error_set(err, FP_ERR_ARGUMENT, 0,
			"%s must be an http(s) URL without query, fragment or credentials, such as "
			"https://api.freedompay.kz",
			what);
		return false;
	}
	*host_len = h;
	return true;
}

bool fp_url_parse_base(const char *url, size_t len, fp_base_url *out, fp_error *err)
{
	static const char *const schemes[] = {"https", "http", NULL};
	const char *what = "Option \"base_url\"";
	size_t which = 0, start, end, host_len, i;

	while (len > 0 && url[len - 1] == '/') {
		len--;
	}
	start = fp_scheme_prefix(url, len, schemes, &which);
	if (start == 0) {
		fp_error_set(err, FP_ERR_ARGUMENT, 0,
			"%s must be an http(s) URL without query, fragment or credentials, such as "
			"https://api.freedompay.kz",
			what);
		return false;
	}
	for (end = start; end < len && url[end] != '/'; end++) {
	}
	if (!fp_check_authority(url + start, end - start, &host_len, what, err)) {
		return false;
	}
	/* The path: unreserved characters and percent escapes only. */
	for (i = end; i < len; i++) {
		unsigned char c = (unsigned char) url[i];

		if (!(fp_is_alnum(c) || strchr("/-._~%", c) != NULL) || c == '\0') {
			fp_error_set(err, FP_ERR_ARGUMENT, 0,
				"%s must be an http(s) URL without query, fragment or credentials, such as "
				"https://api.freedompay.kz",
				what);
			return false;
		}
	}
	out->len = len;
	out->https = which == 0;
	out->loopback = fp_is_loopback_host(url + start, host_len);
	if (!out->https && !out->loopback) {
		fp_error_set(err, FP_ERR_ARGUMENT, 0,
			"%s must use https (plain http is allowed only for 127.0.0.1, localhost and [::1], e.g. the "
			"sandbox)",
			what);
		return false;
	}
	return true;
}

static int fp_hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* RFC 3986's userinfo: unreserved, sub-delims, ':' and percent escapes;
 * a NUL escape is refused too (libcurl would cut the password there). */
static bool fp_userinfo_is_valid(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) p[i];

		if (c == '%') {
			int hi = i + 2 < n ? fp_hex_value((unsigned char) p[i + 1]) : -1;
			int lo = i + 2 < n ? fp_hex_value((unsigned char) p[i + 2]) : -1;

			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				return false;
			}
			i += 2;
		} else if (!fp_is_alnum(c) && (c == '\0' || strchr("-._~!$&'()*+,;=:", c) == NULL)) {
			return false;
		}
	}
	return n > 0;
}

bool fp_url_check_proxy(const char *url, size_t len, fp_error *err)
{
	static const char *const schemes[] = {"http", "https", "socks4", "socks4a", "socks5", "socks5h", NULL};
	const char *what = "Option \"proxy\"";
	size_t which = 0, start, end, host_len, at;

	while (len > 0 && url[len - 1] == '/') {
		len--;
	}
	start = fp_scheme_prefix(url, len, schemes, &which);
	if (start == 0 || memchr(url, '\0', len) != NULL) {
		fp_error_set(err, FP_ERR_ARGUMENT, 0,
			"%s must be a proxy URL such as http://proxy.example:3128 or socks5h://127.0.0.1:1080", what);
		return false;
	}
	for (end = start; end < len && url[end] != '/'; end++) {
	}
	if (end != len) {
		fp_error_set(err, FP_ERR_ARGUMENT, 0, "%s must not have a path", what);
		return false;
	}
	/* user:password@ is allowed (and never shown); the host follows the last '@'. */
	for (at = end; at > start && url[at - 1] != '@'; at--) {
	}
	if (at > start) {
		if (!fp_userinfo_is_valid(url + start, at - 1 - start)) {
			/* The credentials themselves are never quoted. */
			fp_error_set(err, FP_ERR_ARGUMENT, 0,
				"%s has malformed credentials: user:password may hold letters, digits, -._~!$&'()*+,;= "
				"and percent escapes (%%40 for @, never %%00)",
				what);
			return false;
		}
		start = at;
	}
	return fp_check_authority(url + start, end - start, &host_len, what, err);
}

bool fp_url_path_is_valid(const char *p, size_t n)
{
	size_t i, seg = 0;

	if (n == 0) {
		return false;
	}
	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == '/') {
			size_t len = i - seg;

			if (len == 0 || (len == 1 && p[seg] == '.') || (len == 2 && p[seg] == '.' && p[seg + 1] == '.')) {
				return false;
			}
			seg = i + 1;
			continue;
		}
		if (p[i] == '\0' || (!fp_is_alnum((unsigned char) p[i]) && strchr("._-{}", p[i]) == NULL)) {
			return false;
		}
	}
	return true;
}

/* Length of "scheme://" at the start of url, or 0. */
static size_t fp_scheme_length(const char *url, size_t len)
{
	size_t i;

	if (len == 0 || !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'))) {
		return 0;
	}
	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char) url[i];

		if (c == ':') {
			return len - i >= 3 && url[i + 1] == '/' && url[i + 2] == '/' ? i + 3 : 0;
		}
		if (!fp_is_alnum(c) && c != '+' && c != '-' && c != '.') {
			return 0;
		}
	}
	return 0;
}

void fp_url_script_name(const char *url, size_t len, const char **start, size_t *out_len)
{
	const char *end = url + len;
	const char *path = url;
	const char *p;
	size_t scheme;

	for (p = url; p < end; p++) {
		if (*p == '?' || *p == '#') {
			end = p;
			break;
		}
	}
	scheme = fp_scheme_length(url, (size_t) (end - url));
	if (scheme > 0 || (end - url >= 2 && url[0] == '/' && url[1] == '/')) {
		size_t skip = scheme ? scheme : 2;

		/* Skip the authority: the path starts at the next '/', if any. */
		path = memchr(url + skip, '/', (size_t) (end - url) - skip);
		if (path == NULL) {
			*start = end;
			*out_len = 0;
			return;
		}
	}
	for (p = end; p > path && p[-1] != '/'; p--) {
	}
	*start = p;
	*out_len = (size_t) (end - p);
}
