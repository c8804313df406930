/*
 * freedompay core: the gateway's XML, parsed defensively.
 *
 * One parser serves the replies to requests (<response>) and the callbacks
 * that arrive as pg_xml (<request>). Untrusted input: no DTD of any kind
 * (a DOCTYPE is refused, so no entity can be declared, substituted or
 * loaded), no network, bounded depth and element count, no namespaces. The
 * document becomes a small tree of elements; attributes, comments and
 * processing instructions are dropped, because the signature does not
 * cover them.
 */
#ifndef FP_XML_H
#define FP_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fp_error.h"
#include "fp_sign.h"

#define FP_XML_MAX_DEPTH 32
#define FP_XML_MAX_ELEMENTS 20000

typedef struct fp_xml_node fp_xml_node;
struct fp_xml_node {
	const char *name;
	size_t name_len;
	/* A leaf's text (text and CDATA joined, entities decoded); an element
	 * with children has none: its text is not signed, so it is not kept. */
	const char *text;
	size_t text_len;
	fp_xml_node *first_child;
	fp_xml_node *last_child;
	fp_xml_node *next;
	uint32_t children; /* element children */
	uint32_t position; /* 1-based among the parent's element children */
};

typedef struct fp_xml_doc fp_xml_doc;

/*
 * Parses data, whose root element must be named root_name (NULL: any
 * name). NULL with err set (FP_ERR_MALFORMED) on anything else.
 */
fp_xml_doc *fp_xml_parse(const char *data, size_t len, const char *root_name, fp_error *err);
const fp_xml_node *fp_xml_root(const fp_xml_doc *doc);
void fp_xml_free(fp_xml_doc *doc);

/* The first child of node called name, or NULL. */
const fp_xml_node *fp_xml_child(const fp_xml_node *node, const char *name);

/*
 * Checks the root's pg_sig as PG_Signature::checkXML does: every leaf in
 * document order, named parent-name + tag + %03d(position);
 * makeFlatParamsArray over that; ksort; script first, secret last; md5.
 * The root's pg_sig is removed before anything else, so it takes no
 * position (the rule Signature::sign follows too).
 * True when it matches. Otherwise err is FP_ERR_UNSIGNED (no pg_sig),
 * FP_ERR_SIGNATURE (a wrong pg_sig, or a document whose canonical form is
 * ambiguous: two leaves with one flattened name, a pg_sig not directly
 * under the root, more than one pg_sig), FP_ERR_MALFORMED (the flattened
 * names would take more than max_names bytes: a document built to cost
 * memory) or FP_ERR_MEMORY.
 */
bool fp_xml_verify(const fp_xml_node *root, const char *script, size_t script_len, const char *secret,
	size_t secret_len, const fp_md5_ops *md5, size_t max_names, fp_error *err);

/* The pg_sig the document's content calls for (its own pg_sig, if any, left
 * out), into hex; the same flattening and bounds as fp_xml_verify(). */
bool fp_xml_sign(const fp_xml_node *root, const char *script, size_t script_len, const char *secret,
	size_t secret_len, const fp_md5_ops *md5, size_t max_names, char hex[FP_MD5_HEX_LEN + 1], fp_error *err);

#endif
