/* freedompay core: writing a signed XML document. */
#include "fp_xmlout.h"

#include "fp_xml.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *p;
	size_t len, cap;
	bool failed;
} fp_buf;

static void fp_buf_put(fp_buf *b, const char *s, size_t n)
{
	if (b->failed) {
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 512;
		char *grown;

		while (cap < b->len + n + 1) {
			cap *= 2;
		}
		grown = realloc(b->p, cap);
		if (grown == NULL) {
			b->failed = true;
			return;
		}
		b->p = grown;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void fp_buf_puts(fp_buf *b, const char *s)
{
	fp_buf_put(b, s, strlen(s));
}

bool fp_xmlout_name_ok(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || (len == 6 && memcmp(name, "pg_sig", 6) == 0)) {
		return false;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char) name[i];
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

		if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '-'))) {
			return false;
		}
	}
	return true;
}

/* The length of the valid UTF-8 character XML allows at s, or 0. */
static size_t fp_xml_char_len(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t len, i;

	if (s[0] < 0x80) {
		return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ? 1 : 0;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3, cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n) {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, U+FFFE/U+FFFF, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) ||
		cp == 0xfffe || cp == 0xffff || cp > 0x10ffff) {
		return 0;
	}
	return len;
}

/* Text content: &, < and > escaped, anything XML cannot carry as U+FFFD. */
static void fp_buf_put_text(fp_buf *b, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t i = 0;

	while (i < n) {
		size_t len = fp_xml_char_len(s + i, n - i);

		if (len == 0) {
			fp_buf_puts(b, "\xef\xbf\xbd");
			i++;
		} else if (s[i] == '&') {
			fp_buf_puts(b, "&amp;");
			i++;
		} else if (s[i] == '<') {
			fp_buf_puts(b, "&lt;");
			i++;
		} else if (s[i] == '>') {
			fp_buf_puts(b, "&gt;");
			i++;
		} else if (s[i] == '\r') {
			fp_buf_puts(b, "&#13;"); /* a raw CR would be read back as LF */
			i++;
		} else {
			fp_buf_put(b, text + i, len);
			i += len;
		}
	}
}

static void fp_buf_put_element(fp_buf *b, const fp_xml_field *f)
{
	fp_buf_puts(b, "<");
	fp_buf_put(b, f->name, f->name_len);
	fp_buf_puts(b, ">");
	fp_buf_put_text(b, f->value, f->value_len);
	fp_buf_puts(b, "</");
	fp_buf_put(b, f->name, f->name_len);
	fp_buf_puts(b, ">");
}

/* The signature of the document in b, as the receiving side computes it. */
static bool fp_xmlout_sign(const fp_buf *b, const char *root, const char *script, size_t script_len,
	const char *secret, size_t secret_len, const fp_md5_ops *md5, char hex[FP_MD5_HEX_LEN + 1], fp_error *err)
{
	fp_xml_doc *doc = fp_xml_parse(b->p, b->len, root, err);
	bool ok;

	if (doc == NULL) {
		return false;
	}
	ok = fp_xml_sign(
		fp_xml_root(doc), script, script_len, secret, secret_len, md5, 4 * b->len + 65536, hex, err);
	fp_xml_free(doc);
	return ok;
}

bool fp_xmlout_signed(const char *root, const fp_xml_field *fields, size_t n, const char *script,
	size_t script_len, const char *secret, size_t secret_len, const fp_md5_ops *md5, char **out,
	size_t *out_len, fp_error *err)
{
	char hex[FP_MD5_HEX_LEN + 1];
	fp_buf b = {NULL, 0, 0, false};
	size_t i;

	*out = NULL;
	*out_len = 0;
	for (i = 0; i < n; i++) {
		if (!fp_xmlout_name_ok(fields[i].name, fields[i].name_len)) {
			fp_error_set(err, FP_ERR_ARGUMENT, 0, "\"%.*s\" cannot be an element name",
				(int) (fields[i].name_len > 64 ? 64 : fields[i].name_len), fields[i].name);
			return false;
		}
	}
	fp_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<");
	fp_buf_puts(&b, root);
	fp_buf_puts(&b, ">");
	for (i = 0; i < n; i++) {
		fp_buf_put_element(&b, &fields[i]);
	}
	fp_buf_puts(&b, "</");
	fp_buf_puts(&b, root);
	fp_buf_puts(&b, ">\n");
	if (b.failed) {
		free(b.p);
		fp_error_set(err, FP_ERR_MEMORY, 0, "out of memory");
		return false;
	}
	if (!fp_xmlout_sign(&b, root, script, script_len, secret, secret_len, md5, hex, err)) {
		free(b.p);
		return false;
	}
	/* The signature goes last: drop "</root>\n" and write it back after. */
	b.len -= strlen(root) + 4;
	fp_buf_puts(&b, "<pg_sig>");
	fp_buf_puts(&b, hex);
	fp_buf_puts(&b, "</pg_sig></");
	fp_buf_puts(&b, root);
	fp_buf_puts(&b, ">\n");
	if (b.failed) {
		free(b.p);
		fp_error_set(err, FP_ERR_MEMORY, 0, "out of memory");
		return false;
	}
	*out = b.p;
	*out_len = b.len;
	return true;
}

bool fp_hmac_sha256(const void *key, size_t key_len, const void *data, size_t len, unsigned char out[32])
{
	unsigned int out_len = 0;

	return HMAC(EVP_sha256(), key, (int) key_len, data, len, out, &out_len) != NULL && out_len == 32;
}
