/* freedompay core: form escaping. */
#include "fp_form.h"

static int fp_form_is_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		c == '_' || c == '.';
}

size_t fp_form_escape(const char *in, size_t n, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, w = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) in[i];

		if (fp_form_is_plain(c)) {
			out[w++] = (char) c;
		} else if (c == ' ') {
			out[w++] = '+';
		} else {
			out[w++] = '%';
			out[w++] = hex[c >> 4];
			out[w++] = hex[c & 0x0f];
		}
	}
	return w;
}
