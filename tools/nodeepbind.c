/*
 * Preloaded for the ASan test run only: Debian's PHP opens extensions with
 * RTLD_DEEPBIND, which the sanitizer runtime cannot work with. This dlopen()
 * drops the flag and hands over to the real one (ASan's interceptor).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

void *dlopen(const char *file, int flags)
{
	static void *(*real_dlopen)(const char *, int);

	if (real_dlopen == NULL) {
		real_dlopen = (void *(*) (const char *, int)) dlsym(RTLD_NEXT, "dlopen");
	}
	return real_dlopen(file, flags & ~RTLD_DEEPBIND);
}
