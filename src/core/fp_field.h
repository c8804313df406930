/*
 * freedompay core: the grammar of the gateway's fields.
 *
 * Checked before anything is sent, so that a malformed amount or phone is
 * the shop's InvalidArgumentException naming the field, not a payment the
 * gateway creates with a value the shop did not mean.
 */
#ifndef FP_FIELD_H
#define FP_FIELD_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	FP_FIELD_ANY, /* any string, also empty */
	FP_FIELD_TEXT, /* not empty */
	FP_FIELD_AMOUNT, /* 0.01 to 99999999.99, a decimal point, at most 2 decimals */
	FP_FIELD_ORDER_ID, /* 1 to 50 characters, no control characters */
	FP_FIELD_ID, /* a gateway id: 1 to 20 digits */
	FP_FIELD_PHONE, /* digits only, country code first: 7 to 15 digits */
	FP_FIELD_EMAIL,
	FP_FIELD_URL, /* an absolute http(s) URL */
	FP_FIELD_FLAG, /* "0" or "1" */
	FP_FIELD_CARD_PAN, /* 13 to 19 digits passing the Luhn check */
	FP_FIELD_CARD_CVC, /* 3 or 4 digits */
	FP_FIELD_CARD_MONTH, /* 1 to 12, "01" to "12" */
	FP_FIELD_CARD_YEAR, /* two digits (four accepted) */
	FP_FIELD_IBAN, /* letters and digits with a valid ISO 13616 checksum */
	FP_FIELD_DIGITS, /* one or more digits */
	FP_FIELD_DATETIME, /* YYYY-MM-DD HH:MM:SS */
	FP_FIELD_LANGUAGE, /* two letters */
	FP_FIELD_CURRENCY, /* three capital letters */
	FP_FIELD_TOKEN /* 1 to 255 printable ASCII characters */
} fp_field_kind;

/* NULL when value fits kind; otherwise what it must be, for a message
 * ("must be ..."). */
const char *fp_field_check(fp_field_kind kind, const char *value, size_t len);

#endif
