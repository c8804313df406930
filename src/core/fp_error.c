/* freedompay core: error reporting. */
#include "fp_error.h"

#include <stdarg.h>
#include <stdio.h>

void fp_error_clear(fp_error *err)
{
	err->domain = FP_OK;
	err->code = 0;
	err->message[0] = '\0';
}

void fp_error_set(fp_error *err, fp_error_domain domain, long code, const char *fmt, ...)
{
	va_list ap;

	err->domain = domain;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}
