/* freedompay core: the grammar of the gateway's fields. */
#include "fp_field.h"

#include <string.h>

static bool fp_all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return n > 0;
}

static bool fp_is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool fp_is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* The gateway's amounts: a decimal point, at most 2 decimals, no
 * thousands separators, from 0.01 to 99999999.99. */
static bool fp_amount_ok(const char *s, size_t n)
{
	size_t i = 0, digits = 0, decimals = 0;
	bool nonzero = false;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		nonzero |= s[i++] != '0';
		digits++;
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			nonzero |= s[i] != '0';
			decimals++;
		}
		if (decimals == 0) {
			return false;
		}
	}
	return i == n && digits > 0 && digits <= 8 && decimals <= 2 && nonzero;
}

/* Characters of UTF-8 text, or -1 for a control character (or invalid
 * UTF-8 lead byte). */
static long fp_text_chars(const char *s, size_t n)
{
	long chars = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) s[i];

		if (c < 0x20 || c == 0x7f) {
			return -1;
		}
		if ((c & 0xc0) != 0x80) {
			chars++;
		}
	}
	return chars;
}

static bool fp_luhn_ok(const char *s, size_t n)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned d = (unsigned) (s[n - 1 - i] - '0');

		if (i % 2 == 1) {
			d *= 2;
			d = d > 9 ? d - 9 : d;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

/* ISO 13616: move the first four characters to the end, letters become
 * 10..35, and the number must be 1 modulo 97. */
static bool fp_iban_ok(const char *s, size_t n)
{
	unsigned rem = 0;
	size_t i;

	if (n < 15 || n > 34 || !fp_is_upper(s[0]) || !fp_is_upper(s[1]) || !fp_all_digits(s + 2, 2)) {
		return false;
	}
	for (i = 0; i < n; i++) {
		char c = s[(i + 4) % n];

		if (c >= '0' && c <= '9') {
			rem = (rem * 10 + (unsigned) (c - '0')) % 97;
		} else if (fp_is_upper(c)) {
			rem = (rem * 100 + (unsigned) (c - 'A' + 10)) % 97;
		} else {
			return false;
		}
	}
	return rem == 1;
}

/* One or two digits from 1 to 12 (the caller checked they are digits). */
static bool fp_month_ok(const char *s, size_t n)
{
	int month = n == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');

	return month >= 1 && month <= 12;
}

static bool fp_email_ok(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	size_t i, local, dot = 0;

	if (at == NULL || n > 254) {
		return false;
	}
	local = (size_t) (at - s);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) s[i];

		if (c <= ' ' || c == 0x7f || (c == '@' && i != local) || c == '<' || c == '>' || c == ',' ||
			c == ';') {
			return false;
		}
		if (c == '.' && i > local) {
			dot = i;
		}
	}
	return local > 0 && dot > local + 1 && dot + 1 < n;
}

static bool fp_url_ok(const char *s, size_t n)
{
	size_t i, scheme;

	if (n > 7 && strncmp(s, "http://", 7) == 0) {
		scheme = 7;
	} else if (n > 8 && strncmp(s, "https://", 8) == 0) {
		scheme = 8;
	} else {
		return false;
	}
	if (s[scheme] == '/' || s[scheme] == '?' || s[scheme] == '#') {
		return false; /* no host */
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) s[i];

		if (c <= ' ' || c == 0x7f) {
			return false;
		}
	}
	return true;
}

static bool fp_datetime_ok(const char *s, size_t n)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t i;

	if (n != sizeof(shape) - 1) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i]) {
			return false;
		}
	}
	return true;
}

static bool fp_token_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 255) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if ((unsigned char) s[i] <= ' ' || (unsigned char) s[i] >= 0x7f) {
			return false;
		}
	}
	return true;
}

const char *fp_field_check(fp_field_kind kind, const char *s, size_t n)
{
	long chars;

	switch (kind) {
	case FP_FIELD_ANY:
		return NULL;
	case FP_FIELD_TEXT:
		return n > 0 ? NULL : "must not be empty";
	case FP_FIELD_AMOUNT:
		return fp_amount_ok(s, n) ? NULL
								  : "must be an amount from 0.01 with at most 2 decimals and a decimal point";
	case FP_FIELD_ORDER_ID:
		chars = fp_text_chars(s, n);
		return chars >= 1 && chars <= 50 ? NULL : "must be 1 to 50 characters without control characters";
	case FP_FIELD_ID:
		return fp_all_digits(s, n) && n <= 20 ? NULL : "must be a gateway id (digits only)";
	case FP_FIELD_PHONE:
		return fp_all_digits(s, n) && n >= 7 && n <= 15
			? NULL
			: "must be digits only, the country code first, without +, spaces or brackets (e.g. 77011234567)";
	case FP_FIELD_EMAIL:
		return fp_email_ok(s, n) ? NULL : "must be an e-mail address";
	case FP_FIELD_URL:
		return fp_url_ok(s, n) ? NULL : "must be an absolute http(s) URL";
	case FP_FIELD_FLAG:
		return n == 1 && (s[0] == '0' || s[0] == '1') ? NULL : "must be 0 or 1";
	case FP_FIELD_CARD_PAN:
		return fp_all_digits(s, n) && n >= 13 && n <= 19 && fp_luhn_ok(s, n)
			? NULL
			: "must be a card number: 13 to 19 digits with a valid check digit";
	case FP_FIELD_CARD_CVC:
		return fp_all_digits(s, n) && (n == 3 || n == 4) ? NULL : "must be 3 or 4 digits";
	case FP_FIELD_CARD_MONTH:
		return fp_all_digits(s, n) && n <= 2 && fp_month_ok(s, n) ? NULL : "must be a month from 01 to 12";
	case FP_FIELD_CARD_YEAR:
		return fp_all_digits(s, n) && (n == 2 || n == 4) ? NULL : "must be the year's last two digits";
	case FP_FIELD_IBAN:
		return fp_iban_ok(s, n) ? NULL : "must be an IBAN (capital letters and digits, valid checksum)";
	case FP_FIELD_DIGITS:
		return fp_all_digits(s, n) ? NULL : "must be digits only";
	case FP_FIELD_DATETIME:
		return fp_datetime_ok(s, n) ? NULL : "must be a time as YYYY-MM-DD HH:MM:SS";
	case FP_FIELD_LANGUAGE:
		return n == 2 && (fp_is_lower(s[0]) || fp_is_upper(s[0])) && (fp_is_lower(s[1]) || fp_is_upper(s[1]))
			? NULL
			: "must be a two-letter language code";
	case FP_FIELD_CURRENCY:
		return n == 3 && fp_is_upper(s[0]) && fp_is_upper(s[1]) && fp_is_upper(s[2])
			? NULL
			: "must be a three-letter currency code such as KZT";
	case FP_FIELD_TOKEN:
		return fp_token_ok(s, n) ? NULL : "must be 1 to 255 printable ASCII characters";
	}
	return "has an unknown rule";
}
