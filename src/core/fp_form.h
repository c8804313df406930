/*
 * freedompay core: application/x-www-form-urlencoded escaping, byte for
 * byte what PHP's urlencode() produces (space as '+', A-Z a-z 0-9 - _ .
 * kept, everything else %XX in upper case), so that the gateway's PHP
 * decodes exactly the bytes that were signed.
 */
#ifndef FP_FORM_H
#define FP_FORM_H

#include <stddef.h>

/* The most bytes fp_form_escape writes for n input bytes. */
#define FP_FORM_ESCAPED_MAX(n) ((n) *3)

/* Writes the escaped form of in to out (room for FP_FORM_ESCAPED_MAX(n))
 * and returns the number of bytes written. */
size_t fp_form_escape(const char *in, size_t n, char *out);

#endif
