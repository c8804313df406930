/*
 * freedompay core: URLs, gateway paths and signature script names.
 *
 * A path is checked here, before libcurl sees it: libcurl normalises "."
 * and ".." segments after our rules would have run, so such a path could
 * reach another merchant's endpoint or be signed with the wrong key.
 */
#ifndef FP_URL_H
#define FP_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "fp_error.h"

typedef struct {
	size_t len; /* the URL without trailing slashes */
	bool https;
	bool loopback; /* the host is 127.x.x.x, localhost or [::1] */
} fp_base_url;

/*
 * Checks a client's base URL: http or https, a host, an optional port from
 * 1 to 65535, an optional path; no credentials, query, fragment, spaces or
 * NUL bytes. False with err set (FP_ERR_ARGUMENT) otherwise.
 */
bool fp_url_parse_base(const char *url, size_t len, fp_base_url *out, fp_error *err);

/*
 * Checks an explicit proxy URL: http, https, socks4, socks4a, socks5 or
 * socks5h, a host and an optional port; credentials are allowed.
 */
bool fp_url_check_proxy(const char *url, size_t len, fp_error *err);

/*
 * A gateway path relative to the base URL: segments of letters, digits,
 * "_", "-", "." and the placeholder braces, separated by single slashes.
 * No segment may be empty, "." or "..", so nothing can climb or collapse.
 */
bool fp_url_path_is_valid(const char *path, size_t len);

/* The last path segment of a URL, query and fragment cut off; empty when
 * the path ends with "/" or the URL has no path. */
void fp_url_script_name(const char *url, size_t len, const char **start, size_t *out_len);

#endif
