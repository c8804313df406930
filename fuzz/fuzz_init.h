/*
 * The set-up every fuzz target shares, included by each (one target, one
 * program): libxml2's global state made before the first parse, and
 * OpenSSL's MD5 fetched once, as the extension's MINIT does.
 */
#ifndef FUZZ_INIT_H
#define FUZZ_INIT_H

#include "../src/core/fp_sign.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	xmlInitParser();
	if (!fp_md5_openssl_init()) {
		abort();
	}
	return 0;
}

#endif
