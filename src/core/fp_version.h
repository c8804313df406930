/* freedompay core: versions of the linked libraries, for phpinfo(). */
#ifndef FP_VERSION_H
#define FP_VERSION_H

typedef struct {
	const char *name;
	const char *compiled; /* the headers built against */
	const char *runtime; /* the library loaded now */
} fp_library_version;

/* Fills out[0..2] (libcurl, libxml2, OpenSSL) and returns 3. */
int fp_library_versions(fp_library_version out[3]);

#endif
