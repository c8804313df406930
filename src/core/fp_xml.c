/* freedompay core: hardened XML parsing and reply verification. */
#include "fp_xml.h"
#include "fp_sort.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Arena: every node and string of a document, freed at once
 * ------------------------------------------------------------------- */

#define FP_ARENA_CHUNK 8192

typedef struct fp_arena_chunk {
	struct fp_arena_chunk *prev;
	size_t used, size;
	/* data follows, aligned for pointers */
} fp_arena_chunk;

typedef struct {
	fp_arena_chunk *top;
} fp_arena;

#define FP_ARENA_ALIGN(n) (((n) + sizeof(void *) - 1) & ~(sizeof(void *) - 1))
#define FP_CHUNK_DATA(c) ((char *) (c) + FP_ARENA_ALIGN(sizeof(fp_arena_chunk)))

static void *fp_arena_alloc(fp_arena *a, size_t n)
{
	fp_arena_chunk *c = a->top;

	n = FP_ARENA_ALIGN(n);
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > FP_ARENA_CHUNK ? n : FP_ARENA_CHUNK;

		c = malloc(FP_ARENA_ALIGN(sizeof(fp_arena_chunk)) + size);
		if (c == NULL) {
			return NULL;
		}
		c->prev = a->top;
		c->used = 0;
		c->size = size;
		a->top = c;
	}
	c->used += n;
	return FP_CHUNK_DATA(c) + c->used - n;
}

static char *fp_arena_strndup(fp_arena *a, const char *s, size_t n)
{
	char *copy = fp_arena_alloc(a, n + 1);

	if (copy != NULL) {
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	return copy;
}

static void fp_arena_free(fp_arena *a)
{
	while (a->top != NULL) {
		fp_arena_chunk *prev = a->top->prev;

		free(a->top);
		a->top = prev;
	}
}

/* ---------------------------------------------------------------------
 * Parsing: libxml2's SAX2 interface into fp_xml_node trees
 * ------------------------------------------------------------------- */

struct fp_xml_doc {
	fp_arena arena;
	fp_xml_node *root;
};

typedef struct {
	xmlParserCtxtPtr ctxt;
	fp_xml_doc *doc;
	const char *root_name;
	fp_xml_node *stack[FP_XML_MAX_DEPTH];
	size_t depth;
	size_t elements;
	/* text of the element being read; kept only if it stays a leaf */
	char *text;
	size_t text_len, text_cap;
	fp_error *err;
	bool failed;
} fp_xml_state;

static void fp_xml_fail(fp_xml_state *st, const char *fmt, const char *arg)
{
	if (!st->failed) {
		st->failed = true;
		fp_error_set(st->err, FP_ERR_MALFORMED, 0, fmt, arg);
	}
	xmlStopParser(st->ctxt);
}

static void fp_xml_on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
	int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	const xmlChar **attributes)
{
	fp_xml_state *st = ctx;
	fp_xml_node *node, *parent = st->depth > 0 ? st->stack[st->depth - 1] : NULL;

	(void) namespaces;
	(void) nb_attributes;
	(void) nb_defaulted;
	(void) attributes;
	if (st->failed) {
		return;
	}
	if (prefix != NULL || uri != NULL || nb_namespaces > 0) {
		fp_xml_fail(st, "namespaced element <%s> is not allowed", (const char *) localname);
		return;
	}
	if (st->depth == FP_XML_MAX_DEPTH || ++st->elements > FP_XML_MAX_ELEMENTS) {
		fp_xml_fail(st, "document too deep or too large at <%s>", (const char *) localname);
		return;
	}
	if (parent == NULL && st->root_name != NULL && strcmp((const char *) localname, st->root_name) != 0) {
		fp_xml_fail(st, "the root element is <%s>", (const char *) localname);
		return;
	}
	node = fp_arena_alloc(&st->doc->arena, sizeof(*node));
	if (node == NULL) {
		fp_xml_fail(st, "out of memory at <%s>", (const char *) localname);
		return;
	}
	memset(node, 0, sizeof(*node));
	node->name_len = strlen((const char *) localname);
	node->name = fp_arena_strndup(&st->doc->arena, (const char *) localname, node->name_len);
	if (node->name == NULL) {
		fp_xml_fail(st, "out of memory at <%s>", (const char *) localname);
		return;
	}
	if (parent != NULL) {
		node->position = ++parent->children;
		if (parent->first_child == NULL) {
			parent->first_child = node;
		} else {
			parent->last_child->next = node;
		}
		parent->last_child = node;
	} else {
		node->position = 1;
		st->doc->root = node;
	}
	st->stack[st->depth++] = node;
	st->text_len = 0; /* a parent's text is not kept */
}

static void fp_xml_on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	fp_xml_state *st = ctx;
	fp_xml_node *node;

	(void) localname;
	(void) prefix;
	(void) uri;
	if (st->failed || st->depth == 0) {
		return;
	}
	node = st->stack[--st->depth];
	if (node->children == 0) {
		node->text = fp_arena_strndup(&st->doc->arena, st->text ? st->text : "", st->text_len);
		node->text_len = st->text_len;
		if (node->text == NULL) {
			fp_xml_fail(st, "out of memory at <%s>", node->name);
		}
	}
	st->text_len = 0;
}

static void fp_xml_on_text(void *ctx, const xmlChar *ch, int len)
{
	fp_xml_state *st = ctx;
	size_t need;

	if (st->failed || st->depth == 0 || len <= 0) {
		return;
	}
	need = st->text_len + (size_t) len;
	if (need > st->text_cap) {
		size_t cap = st->text_cap ? st->text_cap : 256;
		char *grown;

		while (cap < need) {
			cap *= 2;
		}
		grown = realloc(st->text, cap);
		if (grown == NULL) {
			fp_xml_fail(st, "out of memory in <%s>", st->stack[st->depth - 1]->name);
			return;
		}
		st->text = grown;
		st->text_cap = cap;
	}
	memcpy(st->text + st->text_len, ch, (size_t) len);
	st->text_len = need;
}

static void fp_xml_on_doctype(
	void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	(void) name;
	(void) external_id;
	(void) system_id;
	fp_xml_fail(ctx, "%s", "a DOCTYPE is not allowed");
}

/* No DTD is ever read, so no entity but the five predefined ones exists. */
static xmlEntityPtr fp_xml_on_entity(void *ctx, const xmlChar *name)
{
	(void) ctx;
	return xmlGetPredefinedEntity(name);
}

static void fp_xml_on_error(void *ctx, xmlErrorPtr error)
{
	fp_xml_state *st = ctx;
	char message[200];
	size_t len;

	if (st->failed || error == NULL || error->level < XML_ERR_ERROR) {
		return;
	}
	snprintf(message, sizeof(message), "line %d: %s", error->line, error->message ? error->message : "error");
	len = strlen(message);
	while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == ' ')) {
		message[--len] = '\0';
	}
	st->failed = true;
	fp_error_set(st->err, FP_ERR_MALFORMED, 0, "not well-formed XML (%s)", message);
}

static void fp_xml_handler(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = fp_xml_on_start;
	sax->endElementNs = fp_xml_on_end;
	sax->characters = fp_xml_on_text;
	sax->ignorableWhitespace = fp_xml_on_text;
	sax->cdataBlock = fp_xml_on_text;
	sax->internalSubset = fp_xml_on_doctype;
	sax->externalSubset = fp_xml_on_doctype;
	sax->getEntity = fp_xml_on_entity;
	sax->serror = fp_xml_on_error;
}

/* Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE. */
#define FP_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

static bool fp_xml_run(fp_xml_state *st, const char *data, size_t len)
{
	xmlSAXHandler sax;
	/* The first bytes let libxml2 detect the encoding. */
	int head = len < 4 ? (int) len : 4;

	fp_xml_handler(&sax);
	st->ctxt = xmlCreatePushParserCtxt(&sax, st, data, head, NULL);
	if (st->ctxt == NULL) {
		fp_error_set(st->err, FP_ERR_MEMORY, 0, "cannot create an XML parser");
		return false;
	}
	xmlCtxtUseOptions(st->ctxt, FP_XML_OPTIONS);
	if (len > (size_t) head && len - (size_t) head > (size_t) INT32_MAX) {
		fp_error_set(st->err, FP_ERR_MALFORMED, 0, "document too large");
		xmlFreeParserCtxt(st->ctxt);
		return false;
	}
	xmlParseChunk(st->ctxt, data + head, (int) (len - (size_t) head), 1);
	if (!st->failed && (!st->ctxt->wellFormed || st->doc->root == NULL)) {
		st->failed = true;
		fp_error_set(st->err, FP_ERR_MALFORMED, 0, "not a well-formed XML document");
	}
	xmlFreeParserCtxt(st->ctxt);
	return !st->failed;
}

fp_xml_doc *fp_xml_parse(const char *data, size_t len, const char *root_name, fp_error *err)
{
	fp_xml_state st;
	fp_xml_doc *doc;

	if (len == 0) {
		fp_error_set(err, FP_ERR_MALFORMED, 0, "the body is empty");
		return NULL;
	}
	doc = calloc(1, sizeof(*doc));
	if (doc == NULL) {
		fp_error_set(err, FP_ERR_MEMORY, 0, "out of memory");
		return NULL;
	}
	memset(&st, 0, sizeof(st));
	st.doc = doc;
	st.root_name = root_name;
	st.err = err;
	if (!fp_xml_run(&st, data, len)) {
		free(st.text);
		fp_xml_free(doc);
		return NULL;
	}
	free(st.text);
	return doc;
}

const fp_xml_node *fp_xml_root(const fp_xml_doc *doc)
{
	return doc->root;
}

void fp_xml_free(fp_xml_doc *doc)
{
	if (doc != NULL) {
		fp_arena_free(&doc->arena);
		free(doc);
	}
}

const fp_xml_node *fp_xml_child(const fp_xml_node *node, const char *name)
{
	const fp_xml_node *child;

	for (child = node->first_child; child != NULL; child = child->next) {
		if (strcmp(child->name, name) == 0) {
			return child;
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * Verification: PG_Signature::checkXML
 * ------------------------------------------------------------------- */

typedef struct {
	char *name1; /* parent + tag + %03d(position): makeFlatParamsXML */
	char *name2; /* name1 + %03d(order): makeFlatParamsArray over that */
	size_t len1;
	uint32_t order; /* 1-based, in document order */
	const fp_xml_node *leaf;
} fp_flat_leaf;

typedef struct {
	fp_arena arena;
	fp_flat_leaf *leaves;
	size_t n, cap;
	const fp_xml_node *sig;
	fp_error *err;
} fp_flattener;

static bool fp_flat_fail(fp_flattener *f, fp_error_domain domain, const char *message)
{
	fp_error_set(f->err, domain, 0, "%s", message);
	return false;
}

/* sprintf("%03u", pos) without the cost of printf: at least 3 digits. */
static size_t fp_put_position(char *dst, uint32_t pos)
{
	char digits[10];
	size_t n = 0, i;

	do {
		digits[n++] = (char) ('0' + pos % 10);
		pos /= 10;
	} while (pos > 0);
	while (n < 3) {
		digits[n++] = '0';
	}
	for (i = 0; i < n; i++) {
		dst[i] = digits[n - 1 - i];
	}
	dst[n] = '\0';
	return n;
}

/* parent (plen bytes) + tag + %03d(pos); its length in *len. */
static char *fp_flat_name(
	fp_arena *a, const char *parent, size_t plen, const char *tag, size_t tag_len, uint32_t pos, size_t *len)
{
	char *name = fp_arena_alloc(a, plen + tag_len + 11);

	if (name != NULL) {
		memcpy(name, parent, plen);
		memcpy(name + plen, tag, tag_len);
		*len = plen + tag_len + fp_put_position(name + plen + tag_len, pos);
	}
	return name;
}

static bool fp_is_pg_sig(const fp_xml_node *node)
{
	return node->name_len == 6 && memcmp(node->name, "pg_sig", 6) == 0;
}

static bool fp_flat_push(fp_flattener *f, char *name1, size_t len1, const fp_xml_node *leaf)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		fp_flat_leaf *grown = realloc(f->leaves, cap * sizeof(*grown));

		if (grown == NULL) {
			return fp_flat_fail(f, FP_ERR_MEMORY, "out of memory");
		}
		f->leaves = grown;
		f->cap = cap;
	}
	f->leaves[f->n].name1 = name1;
	f->leaves[f->n].name2 = NULL;
	f->leaves[f->n].len1 = len1;
	f->leaves[f->n].order = (uint32_t) (f->n + 1);
	f->leaves[f->n].leaf = leaf;
	f->n++;
	return true;
}

/* strlen(sprintf("%03u", pos)) */
static size_t fp_position_width(uint32_t pos)
{
	size_t n = 3;

	for (pos /= 1000; pos > 0; pos /= 10) {
		n++;
	}
	return n;
}

/*
 * The bytes the flattened names of the elements below parent would take
 * (prefix_len is the length of parent's own name), or more than limit:
 * names repeat every ancestor's name, so a deep document of long names can
 * ask for far more memory than its own size. Stops counting past limit.
 */
static size_t fp_flat_cost(const fp_xml_node *parent, size_t prefix_len, bool top, size_t limit)
{
	const fp_xml_node *child;
	size_t total = 0;
	uint32_t shift = 0;

	for (child = parent->first_child; child != NULL && total <= limit; child = child->next) {
		size_t len;

		if (top && fp_is_pg_sig(child)) {
			shift++;
			continue;
		}
		len = prefix_len + child->name_len + fp_position_width(child->position - shift);
		/* name1, and name2 = name1 + a second position, for a leaf */
		total +=
			child->children > 0 ? len + 11 + fp_flat_cost(child, len, false, limit - total) : 2 * len + 24;
	}
	return total;
}

static bool fp_flat_walk(
	fp_flattener *f, const fp_xml_node *parent, const char *prefix, size_t prefix_len, bool top)
{
	const fp_xml_node *child;
	uint32_t shift = 0;

	for (child = parent->first_child; child != NULL; child = child->next) {
		size_t len = 0;
		char *name;

		if (fp_is_pg_sig(child)) {
			/* Anywhere but once, as a leaf under the root, a pg_sig would
			 * hide content from the signature. The root's is removed before
			 * anything else, so it takes no position either. */
			if (!top || f->sig != NULL || child->children > 0) {
				return fp_flat_fail(f, FP_ERR_SIGNATURE, "pg_sig is ambiguous");
			}
			f->sig = child;
			shift = 1;
			continue;
		}
		name = fp_flat_name(
			&f->arena, prefix, prefix_len, child->name, child->name_len, child->position - shift, &len);
		if (name == NULL) {
			return fp_flat_fail(f, FP_ERR_MEMORY, "out of memory");
		}
		if (child->children > 0) {
			if (!fp_flat_walk(f, child, name, len, false)) {
				return false;
			}
		} else if (!fp_flat_push(f, name, len, child)) {
			return false;
		}
	}
	return true;
}

static inline int fp_compare_name1(const void *a, const void *b)
{
	const fp_flat_leaf *x = a, *y = b;
	int c = memcmp(x->name1, y->name1, x->len1 < y->len1 ? x->len1 : y->len1);

	return c != 0 ? c : (x->len1 > y->len1) - (x->len1 < y->len1);
}

static int fp_compare_name2(const void *a, const void *b)
{
	return strcmp(((const fp_flat_leaf *) a)->name2, ((const fp_flat_leaf *) b)->name2);
}

static inline bool fp_name1_less(const fp_flat_leaf *a, const fp_flat_leaf *b)
{
	return fp_compare_name1(a, b) < 0;
}

/* Tag names never start with a digit, sign, dot or space, so PHP never
 * reads these keys as numbers and ksort is a plain byte order. */
FP_DEFINE_RUN_MERGE_SORT(fp_sort_name1_runs, fp_flat_leaf, fp_name1_less, 8)

static bool fp_sort_name1(fp_flat_leaf *l, size_t n)
{
	fp_flat_leaf *scratch = NULL;

	if (n > 8 && (scratch = malloc(n * sizeof(*scratch))) == NULL) {
		return false;
	}
	fp_sort_name1_runs(l, scratch, n);
	free(scratch);
	return true;
}

/*
 * PG_Signature orders the leaves by name2 = name1 + %03d(document order).
 * When no name1 is a prefix of another, that is name1's order, so one sort
 * does; a prefix (rare: "pg_a001" against "pg_a0011...") needs name2.
 */
static bool fp_flat_order(fp_flattener *f)
{
	bool prefixes = false;
	size_t i;

	if (!fp_sort_name1(f->leaves, f->n)) {
		return fp_flat_fail(f, FP_ERR_MEMORY, "out of memory");
	}
	for (i = 1; i < f->n; i++) {
		const fp_flat_leaf *a = &f->leaves[i - 1], *b = &f->leaves[i];

		/* Equal names would make PHP's flattening drop or overwrite a value. */
		if (fp_compare_name1(a, b) == 0) {
			return fp_flat_fail(f, FP_ERR_SIGNATURE, "the canonical form is ambiguous");
		}
		/* sorted: a name with a prefix among the names sorts right after one */
		prefixes |= a->len1 < b->len1 && memcmp(a->name1, b->name1, a->len1) == 0;
	}
	if (!prefixes) {
		return true;
	}
	for (i = 0; i < f->n; i++) {
		size_t len2;

		f->leaves[i].name2 =
			fp_flat_name(&f->arena, f->leaves[i].name1, f->leaves[i].len1, "", 0, f->leaves[i].order, &len2);
		if (f->leaves[i].name2 == NULL) {
			return fp_flat_fail(f, FP_ERR_MEMORY, "out of memory");
		}
	}
	qsort(f->leaves, f->n, sizeof(*f->leaves), fp_compare_name2);
	for (i = 1; i < f->n; i++) {
		if (strcmp(f->leaves[i - 1].name2, f->leaves[i].name2) == 0) {
			return fp_flat_fail(f, FP_ERR_SIGNATURE, "the canonical form is ambiguous");
		}
	}
	return true;
}

/* md5 of the ordered leaves, script first and secret last. */
static bool fp_flat_digest(fp_flattener *f, const char *script, size_t script_len, const char *secret,
	size_t secret_len, const fp_md5_ops *md5, char hex[FP_MD5_HEX_LEN + 1])
{
	fp_signer signer;
	size_t i;

	fp_signer_begin(&signer, md5, script, script_len);
	for (i = 0; i < f->n; i++) {
		fp_signer_add(&signer, f->leaves[i].leaf->text, f->leaves[i].leaf->text_len);
	}
	if (!fp_signer_finish(&signer, secret, secret_len, hex)) {
		fp_error_set(f->err, FP_ERR_CRYPTO, 0, "the md5 digest failed");
		return false;
	}
	return true;
}

/* Flattens and orders the document's leaves, bounded by max_names. */
static bool fp_flat_prepare(fp_flattener *f, const fp_xml_node *root, size_t max_names, fp_error *err)
{
	memset(f, 0, sizeof(*f));
	f->err = err;
	if (fp_flat_cost(root, 0, true, max_names) > max_names) {
		fp_error_set(err, FP_ERR_MALFORMED, 0,
			"too complex to verify (its flattened names would exceed %zu bytes)", max_names);
		return false;
	}
	return fp_flat_walk(f, root, "", 0, true) && fp_flat_order(f);
}

static void fp_flat_release(fp_flattener *f)
{
	free(f->leaves);
	fp_arena_free(&f->arena);
}

bool fp_xml_verify(const fp_xml_node *root, const char *script, size_t script_len, const char *secret,
	size_t secret_len, const fp_md5_ops *md5, size_t max_names, fp_error *err)
{
	char expected[FP_MD5_HEX_LEN + 1];
	fp_flattener f;
	bool ok = fp_flat_prepare(&f, root, max_names, err);

	if (ok && f.sig == NULL) {
		fp_error_set(err, FP_ERR_UNSIGNED, 0, "no pg_sig");
		ok = false;
	}
	ok = ok && fp_flat_digest(&f, script, script_len, secret, secret_len, md5, expected);
	if (ok && !fp_signature_equal(expected, FP_MD5_HEX_LEN, f.sig->text, f.sig->text_len)) {
		fp_error_set(err, FP_ERR_SIGNATURE, 0, "wrong pg_sig");
		ok = false;
	}
	fp_flat_release(&f);
	return ok;
}

bool fp_xml_sign(const fp_xml_node *root, const char *script, size_t script_len, const char *secret,
	size_t secret_len, const fp_md5_ops *md5, size_t max_names, char hex[FP_MD5_HEX_LEN + 1], fp_error *err)
{
	fp_flattener f;
	bool ok = fp_flat_prepare(&f, root, max_names, err) &&
		fp_flat_digest(&f, script, script_len, secret, secret_len, md5, hex);

	fp_flat_release(&f);
	return ok;
}
