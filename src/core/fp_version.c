/* freedompay core: versions of the linked libraries. */
#include "fp_version.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

int fp_library_versions(fp_library_version out[3])
{
	out[0].name = "libcurl";
	out[0].compiled = LIBCURL_VERSION;
	out[0].runtime = curl_version_info(CURLVERSION_NOW)->version;
	out[1].name = "libxml2";
	out[1].compiled = LIBXML_DOTTED_VERSION;
	out[1].runtime = xmlParserVersion;
	out[2].name = "OpenSSL";
	out[2].compiled = OPENSSL_VERSION_TEXT;
	out[2].runtime = OpenSSL_version(OPENSSL_VERSION);
	return 3;
}
