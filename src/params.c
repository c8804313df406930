/*
 * freedompay binding: the gateway's parameters under PHP's own rules.
 *
 * The documentation signs with ksort() + implode() (flat arrays) and with
 * PG_Signature's makeFlatParamsArray() (nested arrays). Byte-identical
 * signatures need those functions' exact semantics: ksort's comparison of
 * numeric keys, implode's conversion of each value, array_merge's
 * renumbering of integer keys. This file reproduces them; the joining and
 * hashing happen in core/fp_sign.
 */
#include "php_freedompay_int.h"

#include "core/fp_form.h"
#include "core/fp_sort.h"
#include "ext/standard/md5.h"
#include "zend_sort.h"

#if PHP_VERSION_ID >= 80200
#include "ext/random/php_random.h"
#else
#include "ext/standard/php_random.h"
#endif

/* Deeper nesting is refused (and a self-referencing array stops here). */
#define FP_MAX_DEPTH 32
/* Requests up to this many fields are ordered without a heap allocation. */
#define FP_STACK_ENTRIES 32
/*
 * What one walk of nested parameters may visit. PHP arrays are shared by
 * reference count: thirty levels that each hold the level below twice cost
 * two kilobytes and stand for a billion fields. A walk stops at this many
 * fields, or this many bytes of flattened names, whichever comes first.
 */
#define FP_MAX_FIELDS 100000
#define FP_MAX_NAME_BYTES (16 * 1024 * 1024)

typedef struct {
	uint32_t fields;
	size_t name_bytes;
} fp_walk_budget;

/* ---------------------------------------------------------------------
 * Error messages that name the parameter
 * ------------------------------------------------------------------- */

static void fp_path_append(smart_str *out, const fp_key_path *path)
{
	if (path->parent) {
		fp_path_append(out, path->parent);
		smart_str_appendc(out, '[');
	}
	if (path->key) {
		smart_str_append(out, path->key);
	} else {
		smart_str_append_long(out, (zend_long) path->h);
	}
	if (path->parent) {
		smart_str_appendc(out, ']');
	}
}

static zend_string *fp_path_string(const fp_key_path *path)
{
	smart_str out = {0};

	fp_path_append(&out, path);
	smart_str_0(&out);
	return out.s;
}

static void fp_throw_bad_value(const fp_key_path *path, zval *value)
{
	zend_string *name = fp_path_string(path);
	const char *type =
		Z_TYPE_P(value) == IS_OBJECT ? ZSTR_VAL(Z_OBJCE_P(value)->name) : zend_zval_type_name(value);

	fp_throw_invalid_argument(
		"Parameter \"%s\" must be a scalar, null or Stringable, %s given", ZSTR_VAL(name), type);
	zend_string_release(name);
}

static void fp_throw_too_deep(const fp_key_path *path)
{
	zend_string *name = fp_path_string(path);

	fp_throw_invalid_argument(
		"Parameter \"%s\" is nested too deeply (more than %d levels)", ZSTR_VAL(name), FP_MAX_DEPTH);
	zend_string_release(name);
}

static void fp_throw_too_many(void)
{
	fp_throw_invalid_argument("Parameters hold more than %d fields (or %d MB of field names) once "
							  "nested arrays are flattened",
		FP_MAX_FIELDS, FP_MAX_NAME_BYTES >> 20);
}

/* Counts one field (and its flattened name); false once over the bound. */
static bool fp_budget_take(fp_walk_budget *budget, size_t name_len)
{
	budget->name_bytes += name_len;
	return ++budget->fields <= FP_MAX_FIELDS && budget->name_bytes <= FP_MAX_NAME_BYTES;
}

/* ---------------------------------------------------------------------
 * Values: what implode() and (string) make of them
 * ------------------------------------------------------------------- */

/*
 * An object as (string) makes it: __toString or a cast handler. That is
 * user code, which may unset or reassign the very value being converted
 * (through a reference): the object is held for the length of the call.
 */
static zend_string *fp_object_string(zval *value, const fp_key_path *path)
{
	zend_object *obj = Z_OBJ_P(value);
	zend_string *str = NULL;
	zval tmp;

	GC_ADDREF(obj);
	if (obj->handlers->cast_object(obj, &tmp, IS_STRING) == SUCCESS) {
		str = Z_STR(tmp);
	} else if (!EG(exception)) {
		/* A throwing __toString keeps its own exception. */
		zend_string *name = fp_path_string(path);

		fp_throw_invalid_argument("Parameter \"%s\" must be a scalar, null or Stringable, %s given",
			ZSTR_VAL(name), ZSTR_VAL(obj->ce->name));
		zend_string_release(name);
	}
	OBJ_RELEASE(obj);
	return str;
}

/* The rare types: floats follow the `precision` INI through the engine's
 * own conversion; objects need __toString (or a cast handler). */
static zend_string *fp_value_string_slow(zval *value, const fp_key_path *path)
{
	switch (Z_TYPE_P(value)) {
	case IS_DOUBLE:
		return zval_get_string_func(value);
	case IS_OBJECT:
		return fp_object_string(value, path);
	default:
		fp_throw_bad_value(path, value);
		return NULL;
	}
}

/* (string)$value; NULL with an exception thrown. */
static zend_string *fp_value_string(zval *value, const fp_key_path *path)
{
	switch (Z_TYPE_P(value)) {
	case IS_STRING:
		return zend_string_copy(Z_STR_P(value));
	case IS_LONG:
		return zend_long_to_str(Z_LVAL_P(value));
	case IS_TRUE:
		return ZSTR_CHAR('1');
	case IS_FALSE:
	case IS_NULL:
		return ZSTR_EMPTY_ALLOC();
	default:
		return fp_value_string_slow(value, path);
	}
}

static zend_always_inline void fp_sink_put(fp_value_sink *sink, const char *p, size_t n)
{
	if (EXPECTED(sink->signer != NULL)) {
		fp_signer_add(sink->signer, p, n);
	} else {
		smart_str_appendc(sink->text, ';');
		smart_str_appendl(sink->text, p, n);
	}
}

static zend_never_inline bool fp_emit_value_slow(
	fp_value_sink *sink, zval *value, zend_string *key, zend_ulong h)
{
	fp_key_path path = {NULL, key, h};
	zend_string *str = fp_value_string_slow(value, &path);

	if (str == NULL) {
		return false;
	}
	fp_sink_put(sink, ZSTR_VAL(str), ZSTR_LEN(str));
	zend_string_release(str);
	return true;
}

/* One value as implode() writes it; strings and integers need no copy. */
static zend_always_inline bool fp_emit_value(fp_value_sink *sink, zval *value, zend_string *key, zend_ulong h)
{
	char buf[MAX_LENGTH_OF_LONG + 1];
	char *end = buf + sizeof(buf) - 1;
	char *start;

	/* Read through a reference now, as implode() does: an earlier
	 * __toString may have reassigned it. */
	ZVAL_DEREF(value);
	switch (Z_TYPE_P(value)) {
	case IS_STRING:
		fp_sink_put(sink, Z_STRVAL_P(value), Z_STRLEN_P(value));
		return true;
	case IS_LONG:
		if (EXPECTED(sink->signer != NULL)) {
			fp_signer_add_long(sink->signer, (long long) Z_LVAL_P(value));
			return true;
		}
		start = zend_print_long_to_buf(end, Z_LVAL_P(value));
		fp_sink_put(sink, start, (size_t) (end - start));
		return true;
	case IS_TRUE:
		fp_sink_put(sink, "1", 1);
		return true;
	case IS_FALSE:
	case IS_NULL:
		fp_sink_put(sink, "", 0);
		return true;
	default:
		return fp_emit_value_slow(sink, value, key, h);
	}
}

/* ---------------------------------------------------------------------
 * Keys: the order ksort() gives them
 * ------------------------------------------------------------------- */

/*
 * A string key that PHP can never read as a number compares with its peers
 * byte by byte, which is a total order, so any sort gives ksort's result.
 * is_numeric_string() only accepts strings that start with whitespace, a
 * sign, a dot or a digit: the first byte settles nearly every key.
 */
static zend_always_inline bool fp_key_is_plain(const zend_string *key)
{
	unsigned char c;

	if (ZSTR_LEN(key) == 0) {
		return true;
	}
	c = (unsigned char) ZSTR_VAL(key)[0];
	if (!((c >= '0' && c <= '9') || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
			c == '\f' || c == '+' || c == '-' || c == '.')) {
		return true;
	}
	return !is_numeric_string(ZSTR_VAL(key), ZSTR_LEN(key), NULL, NULL, false);
}

#if PHP_VERSION_ID >= 80200
/* ksort()'s SORT_REGULAR key comparison as of PHP 8.2 (ext/standard/array.c). */
static int fp_compare_keys_unstable(Bucket *f, Bucket *s)
{
	zval first, second;

	if (f->key == NULL && s->key == NULL) {
		return (zend_long) f->h > (zend_long) s->h ? 1 : -1;
	} else if (f->key && s->key) {
		return zendi_smart_strcmp(f->key, s->key);
	}
	if (f->key) {
		ZVAL_STR(&first, f->key);
	} else {
		ZVAL_LONG(&first, f->h);
	}
	if (s->key) {
		ZVAL_STR(&second, s->key);
	} else {
		ZVAL_LONG(&second, s->h);
	}
	return zend_compare(&first, &second);
}
#else
/* PHP 8.1 still compares an integer key with a non-numeric string as 0. */
static zend_long fp_key_as_long(zend_string *key, double *d, zend_uchar *type)
{
	zend_long l = 0;

	*type = is_numeric_string(ZSTR_VAL(key), ZSTR_LEN(key), &l, d, 1);
	return *type == IS_LONG ? l : 0;
}

static int fp_compare_keys_unstable(Bucket *f, Bucket *s)
{
	zend_long l1, l2;
	zend_uchar t;
	double d;

	if (f->key == NULL && s->key == NULL) {
		return (zend_long) f->h > (zend_long) s->h ? 1 : -1;
	} else if (f->key && s->key) {
		return zendi_smart_strcmp(f->key, s->key);
	} else if (f->key == NULL) {
		l1 = (zend_long) f->h;
		l2 = fp_key_as_long(s->key, &d, &t);
		if (t == IS_DOUBLE) {
			return ZEND_NORMALIZE_BOOL((double) l1 - d);
		}
	} else {
		l2 = (zend_long) s->h;
		l1 = fp_key_as_long(f->key, &d, &t);
		if (t == IS_DOUBLE) {
			return ZEND_NORMALIZE_BOOL(d - (double) l2);
		}
	}
	return l1 > l2 ? 1 : (l1 < l2 ? -1 : 0);
}
#endif

/* The comparison above is not transitive for some mixes of numeric and
 * other strings, so only the same algorithm (zend_sort), the same input
 * order and the same tie-break (original position, kept in Z_EXTRA) give
 * ksort's exact result. */
static int fp_compare_keys(const void *a, const void *b)
{
	Bucket *f = (Bucket *) a;
	Bucket *s = (Bucket *) b;
	int result = fp_compare_keys_unstable(f, s);

	if (EXPECTED(result)) {
		return result;
	}
	return Z_EXTRA(f->val) > Z_EXTRA(s->val) ? 1 : (Z_EXTRA(f->val) < Z_EXTRA(s->val) ? -1 : 0);
}

static void fp_swap_buckets(void *a, void *b)
{
	Bucket tmp;

	memcpy(&tmp, a, sizeof(Bucket));
	memcpy(a, b, sizeof(Bucket));
	memcpy(b, &tmp, sizeof(Bucket));
}

/*
 * The common case: every key a plain string. Each entry keeps the key's
 * first 8 bytes as a big-endian number, so most comparisons are one integer
 * compare; equal prefixes fall back to PHP's byte comparison.
 */
typedef struct {
	uint64_t prefix;
	zend_string *key;
	zval value; /* as in the array (maybe a reference); counted while user code may run */
} fp_plain_entry;

static zend_always_inline uint64_t fp_key_prefix(const zend_string *key)
{
	uint64_t prefix = 0;

	if (EXPECTED(ZSTR_LEN(key) >= 8)) {
		memcpy(&prefix, ZSTR_VAL(key), 8);
	} else {
		memcpy(&prefix, ZSTR_VAL(key), ZSTR_LEN(key));
	}
#if defined(WORDS_BIGENDIAN)
	return prefix;
#elif defined(__GNUC__) || defined(__clang__)
	return __builtin_bswap64(prefix);
#else
	{
		unsigned char *b = (unsigned char *) &prefix;
		uint64_t be = 0;
		int i;

		for (i = 0; i < 8; i++) {
			be = (be << 8) | b[i];
		}
		return be;
	}
#endif
}

static zend_always_inline bool fp_plain_less(const fp_plain_entry *a, const fp_plain_entry *b)
{
	if (a->prefix != b->prefix) {
		return a->prefix < b->prefix;
	}
	return zend_binary_strcmp(ZSTR_VAL(a->key), ZSTR_LEN(a->key), ZSTR_VAL(b->key), ZSTR_LEN(b->key)) < 0;
}

#define FP_PLAIN_RUN 16

/* Keys are unique, so any correct sort gives ksort's order. Requests are
 * small (insertion sort alone); a callback's $_POST may be huge. */
FP_DEFINE_RUN_MERGE_SORT(fp_plain_sort_runs, fp_plain_entry, fp_plain_less, FP_PLAIN_RUN)

static void fp_plain_sort(fp_plain_entry *e, uint32_t n)
{
	fp_plain_entry *scratch = n > FP_PLAIN_RUN ? safe_emalloc(n, sizeof(*scratch), 0) : NULL;

	fp_plain_sort_runs(e, scratch, n);
	if (scratch != NULL) {
		efree(scratch);
	}
}

typedef enum { FP_COLLECT_PLAIN, FP_COLLECT_MIXED, FP_COLLECT_NESTED } fp_collect_result;

/* Collects a flat array whose keys are all plain strings; stops early on
 * anything else. *objects tells whether converting a value runs user code. */
static fp_collect_result fp_plain_collect(HashTable *ht, fp_plain_entry *e, uint32_t *count, bool *objects)
{
	fp_collect_result result = FP_COLLECT_PLAIN;
	zend_string *key;
	zval *value;
	uint32_t n = 0;

	ZEND_HASH_FOREACH_STR_KEY_VAL_IND(ht, key, value) {
		zval *target = value;

		if (key && UNEXPECTED(zend_string_equals_literal(key, "pg_sig"))) {
			continue;
		}
		ZVAL_DEREF(target);
		if (UNEXPECTED(Z_TYPE_P(target) == IS_ARRAY)) {
			return FP_COLLECT_NESTED;
		}
		*objects |= Z_TYPE_P(target) == IS_OBJECT;
		if (result != FP_COLLECT_PLAIN) {
			continue;
		}
		if (UNEXPECTED(key == NULL || !fp_key_is_plain(key))) {
			result = FP_COLLECT_MIXED;
			continue;
		}
		e[n].prefix = fp_key_prefix(key);
		e[n].key = key;
		ZVAL_COPY_VALUE(&e[n].value, value);
		n++;
	}
	ZEND_HASH_FOREACH_END();
	*count = n;
	return result;
}

/* A __toString may unset or reassign (through references) values not yet
 * converted: while user code can run, every collected value is held. */
static void fp_plain_hold(fp_plain_entry *e, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		Z_TRY_ADDREF(e[i].value);
	}
}

static void fp_plain_release(fp_plain_entry *e, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		zval_ptr_dtor(&e[i].value);
	}
}

static bool fp_plain_emit(fp_plain_entry *e, uint32_t n, fp_value_sink *sink)
{
	uint32_t i;

	/* Two loops so that the hot one (hashing) inlines a single sink. */
	if (EXPECTED(sink->signer != NULL)) {
		fp_value_sink hash = {sink->signer, NULL};

		for (i = 0; i < n; i++) {
			if (UNEXPECTED(!fp_emit_value(&hash, &e[i].value, e[i].key, 0))) {
				return false;
			}
		}
		return true;
	}
	for (i = 0; i < n; i++) {
		if (!fp_emit_value(sink, &e[i].value, e[i].key, 0)) {
			return false;
		}
	}
	return true;
}

/* The general case: copies of the array's buckets (values held when user
 * code may run), in the array's order, for zend_sort with ksort's own
 * comparison. */
typedef struct {
	Bucket *items;
	uint32_t n;
	bool held;
} fp_entries;

static void fp_entries_collect(HashTable *ht, fp_entries *e, bool skip_sig, bool hold)
{
	zend_string *key;
	zend_ulong h;
	zval *value;

	e->items = safe_emalloc(zend_hash_num_elements(ht), sizeof(Bucket), 0);
	e->n = 0;
	e->held = hold;
	ZEND_HASH_FOREACH_KEY_VAL_IND(ht, h, key, value) {
		Bucket *b = &e->items[e->n];

		if (skip_sig && key && zend_string_equals_literal(key, "pg_sig")) {
			continue;
		}
		/* As in the array: a reference is read when its turn comes. */
		if (hold) {
			ZVAL_COPY(&b->val, value);
		} else {
			ZVAL_COPY_VALUE(&b->val, value);
		}
		Z_EXTRA(b->val) = e->n;
		b->h = h;
		b->key = key;
		e->n++;
	}
	ZEND_HASH_FOREACH_END();
}

static void fp_entries_free(fp_entries *e)
{
	uint32_t i;

	if (e->held) {
		for (i = 0; i < e->n; i++) {
			zval_ptr_dtor(&e->items[i].val);
		}
	}
	efree(e->items);
}

static void fp_entries_sort(fp_entries *e)
{
	if (e->n > 1) {
		zend_sort(e->items, e->n, sizeof(Bucket), fp_compare_keys, fp_swap_buckets);
	}
}

static bool fp_entries_emit(fp_entries *e, fp_value_sink *sink)
{
	uint32_t i;

	for (i = 0; i < e->n; i++) {
		Bucket *b = &e->items[i];

		if (!fp_emit_value(sink, &b->val, b->key, b->h)) {
			return false;
		}
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Nested arrays: makeFlatParamsArray()
 * ------------------------------------------------------------------- */

/* array_merge($a, $b): integer keys of both renumbered, string keys of $b
 * overwrite in place. */
static HashTable *fp_array_merge(HashTable *a, HashTable *b)
{
	HashTable *merged = zend_new_array(zend_hash_num_elements(a) + zend_hash_num_elements(b));
	HashTable *parts[2] = {a, b};
	zend_string *key;
	zval *value;
	int i;

	for (i = 0; i < 2; i++) {
		ZEND_HASH_FOREACH_STR_KEY_VAL(parts[i], key, value) {
			Z_TRY_ADDREF_P(value);
			if (key) {
				zend_hash_update(merged, key, value);
			} else {
				zend_hash_next_index_insert(merged, value);
			}
		}
		ZEND_HASH_FOREACH_END();
	}
	return merged;
}

/* $parent_name . $key . sprintf('%03d', $i) */
static zend_string *fp_flat_name(zend_string *parent, zend_string *key, zend_ulong h, uint32_t position)
{
	smart_str name = {0};
	char digits[16];
	int len = snprintf(digits, sizeof(digits), "%03u", position);

	if (parent) {
		smart_str_append(&name, parent);
	}
	if (key) {
		smart_str_append(&name, key);
	} else {
		smart_str_append_long(&name, (zend_long) h);
	}
	smart_str_appendl(&name, digits, (size_t) len);
	smart_str_0(&name);
	return name.s;
}

static HashTable *fp_flatten(
	HashTable *src, zend_string *parent, const fp_key_path *at, int depth, fp_walk_budget *budget);

/* One non-array value: $flat += [$name => (string)$val]. The literal's key
 * follows symbol-table rules ("5001" becomes int 5001) and += never
 * overwrites. */
static bool fp_flatten_leaf(HashTable *flat, zend_string *name, zval *value, const fp_key_path *path)
{
	zend_string *str = fp_value_string(value, path);
	zval zv;

	if (str == NULL) {
		return false;
	}
	if (zend_symtable_exists(flat, name)) {
		zend_string_release(str);
		return true;
	}
	ZVAL_STR(&zv, str);
	zend_symtable_update(flat, name, &zv);
	return true;
}

/* One array value: $flat = array_merge($flat, makeFlatParamsArray($val, $name)). */
static HashTable *fp_flatten_branch(HashTable *flat, zend_string *name, HashTable *value,
	const fp_key_path *path, int depth, fp_walk_budget *budget)
{
	HashTable *sub, *merged;

	if (depth >= FP_MAX_DEPTH) {
		fp_throw_too_deep(path);
		return NULL;
	}
	sub = fp_flatten(value, name, path, depth + 1, budget);
	if (sub == NULL) {
		return NULL;
	}
	merged = fp_array_merge(flat, sub);
	zend_array_destroy(sub);
	zend_array_destroy(flat);
	return merged;
}

/*
 * makeFlatParamsArray($src, $parent). src is held while it is walked (a
 * __toString may reassign the reference it came through), and each value
 * while it is converted. The top level's pg_sig was removed before
 * anything else, so it takes no position; a nested one is skipped after
 * counting, as PG_Signature does.
 */
static HashTable *fp_flatten(
	HashTable *src, zend_string *parent, const fp_key_path *at, int depth, fp_walk_budget *budget)
{
	HashTable *flat = zend_new_array(0);
	uint32_t position = 0;
	zend_string *key, *name;
	zend_ulong h;
	zval *value;

	GC_TRY_ADDREF(src);
	ZEND_HASH_FOREACH_KEY_VAL_IND(src, h, key, value) {
		fp_key_path path = {at, key, h};
		HashTable *next;
		zval item;

		if (key && zend_string_equals_literal(key, "pg_sig")) {
			position += depth > 0;
			continue;
		}
		position++;
		name = fp_flat_name(parent, key, h, position);
		ZVAL_COPY_DEREF(&item, value);
		if (!fp_budget_take(budget, ZSTR_LEN(name))) {
			fp_throw_too_many();
			next = NULL;
		} else if (Z_TYPE(item) == IS_ARRAY) {
			next = fp_flatten_branch(flat, name, Z_ARRVAL(item), &path, depth, budget);
		} else {
			next = fp_flatten_leaf(flat, name, &item, &path) ? flat : NULL;
		}
		zval_ptr_dtor(&item);
		zend_string_release(name);
		if (next == NULL) {
			/* fp_flatten_branch destroyed nothing on failure */
			zend_array_destroy(flat);
			flat = NULL;
			break;
		}
		flat = next;
	}
	ZEND_HASH_FOREACH_END();
	zend_array_release(src);
	return flat;
}

/* ksort + implode of any array. */
static bool fp_emit_general(HashTable *ht, fp_value_sink *sink, bool skip_sig, bool hold)
{
	fp_entries e;
	bool ok;

	fp_entries_collect(ht, &e, skip_sig, hold);
	fp_entries_sort(&e);
	ok = fp_entries_emit(&e, sink);
	fp_entries_free(&e);
	return ok;
}

/*
 * The common nested case in one pass: every top-level key starts with a
 * character no number starts with (so no flattened name can be read as a
 * number, and ksort is a byte order), no object among the values (no user code runs), no two leaves
 * with one flattened name. The leaves' names go into one buffer, are sorted
 * once, and their values emitted in that order: linear in the leaves (plus
 * the sort), where array_merge() per branch is quadratic. Anything else
 * takes the exact path below, which reproduces makeFlatParamsArray() and
 * array_merge() step by step.
 */
typedef struct {
	union {
		size_t offset; /* in the names buffer, while it may still move */
		const char *ptr; /* once it is complete */
	} name;
	size_t len;
	zval *value;
} fp_fast_leaf;

typedef struct {
	smart_str names; /* every leaf's flattened name, one after another */
	smart_str path; /* the name of the branch being walked */
	fp_fast_leaf *leaves;
	uint32_t n, cap;
	fp_walk_budget budget;
	bool too_many; /* the walk stopped at FP_MAX_FIELDS */
} fp_fast_flat;

static int fp_fast_compare(const void *a, const void *b)
{
	const fp_fast_leaf *x = a, *y = b;
	int c = memcmp(x->name.ptr, y->name.ptr, MIN(x->len, y->len));

	return c != 0 ? c : (x->len < y->len ? -1 : x->len > y->len);
}

static void fp_fast_swap(void *a, void *b)
{
	fp_fast_leaf tmp = *(fp_fast_leaf *) a;

	*(fp_fast_leaf *) a = *(fp_fast_leaf *) b;
	*(fp_fast_leaf *) b = tmp;
}

/* smart_str grows a page at a time: fine where realloc extends in place
 * (PHP's allocator), quadratic where it copies (the system's, ASan's). The
 * names buffer doubles instead. */
static void fp_fast_reserve(smart_str *names, size_t more)
{
	size_t len = names->s ? ZSTR_LEN(names->s) : 0;

	if (names->s == NULL || len + more >= names->a) {
		smart_str_erealloc(names, MAX(len + more, 2 * names->a));
	}
}

static void fp_fast_push(fp_fast_flat *f, zval *value)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->leaves = safe_erealloc(f->leaves, f->cap, sizeof(*f->leaves), 0);
	}
	f->leaves[f->n].name.offset = f->names.s ? ZSTR_LEN(f->names.s) : 0;
	f->leaves[f->n].len = ZSTR_LEN(f->path.s);
	f->leaves[f->n].value = value;
	fp_fast_reserve(&f->names, ZSTR_LEN(f->path.s));
	smart_str_append(&f->names, f->path.s);
	f->n++;
}

/* Walks src as makeFlatParamsArray names it; false: not the common case. */
static bool fp_fast_walk(fp_fast_flat *f, HashTable *src, int depth)
{
	size_t base = f->path.s ? ZSTR_LEN(f->path.s) : 0;
	uint32_t position = 0;
	zend_string *key;
	zend_ulong h;
	zval *value;

	if (depth >= FP_MAX_DEPTH) {
		return false;
	}
	ZEND_HASH_FOREACH_KEY_VAL_IND(src, h, key, value) {
		char digits[16];
		int len;

		if (key && zend_string_equals_literal(key, "pg_sig")) {
			position += depth > 0;
			continue;
		}
		position++;
		if (!fp_budget_take(&f->budget, base + (key ? ZSTR_LEN(key) : MAX_LENGTH_OF_LONG) + 3)) {
			f->too_many = true;
			return false;
		}
		/* A name starting as this key does can never read as a number. */
		if (depth == 0 &&
			(key == NULL || ZSTR_LEN(key) == 0 ||
				strchr("0123456789+-. \t\n\r\v\f", ZSTR_VAL(key)[0]) != NULL)) {
			return false;
		}
		ZVAL_DEREF(value);
		if (Z_TYPE_P(value) == IS_OBJECT || Z_TYPE_P(value) == IS_RESOURCE) {
			return false;
		}
		if (f->path.s) {
			ZSTR_LEN(f->path.s) = base;
		}
		if (key) {
			smart_str_append(&f->path, key);
		} else {
			smart_str_append_long(&f->path, (zend_long) h);
		}
		len = snprintf(digits, sizeof(digits), "%03u", position);
		smart_str_appendl(&f->path, digits, (size_t) len);
		if (Z_TYPE_P(value) != IS_ARRAY) {
			fp_fast_push(f, value);
		} else if (!fp_fast_walk(f, Z_ARRVAL_P(value), depth + 1)) {
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

typedef enum { FP_FAST_DONE, FP_FAST_FAILED, FP_FAST_NOT_APPLICABLE } fp_fast_result;

static fp_fast_result fp_emit_nested_fast(HashTable *params, fp_value_sink *sink)
{
	fp_fast_flat f = {{0}, {0}, NULL, 0, 0, {0, 0}, false};
	fp_fast_result result = FP_FAST_NOT_APPLICABLE;
	uint32_t i;
	bool walked = fp_fast_walk(&f, params, 0);

	if (f.too_many) {
		fp_throw_too_many();
		result = FP_FAST_FAILED;
	} else if (walked && f.n > 0) {
		for (i = 0; i < f.n; i++) {
			f.leaves[i].name.ptr = ZSTR_VAL(f.names.s) + f.leaves[i].name.offset;
		}
		zend_sort(f.leaves, f.n, sizeof(*f.leaves), fp_fast_compare, fp_fast_swap);
		for (i = 1; i < f.n && fp_fast_compare(&f.leaves[i - 1], &f.leaves[i]) != 0; i++) {
		}
		if (i == f.n) {
			/* names unique: each value as implode() writes it, in name order */
			result = FP_FAST_DONE;
			for (i = 0; i < f.n && result == FP_FAST_DONE; i++) {
				if (!fp_emit_value(sink, f.leaves[i].value, NULL, 0)) {
					result = FP_FAST_FAILED;
				}
			}
		}
	}
	smart_str_free(&f.names);
	smart_str_free(&f.path);
	if (f.leaves) {
		efree(f.leaves);
	}
	return result;
}

static bool fp_emit_nested(HashTable *params, fp_value_sink *sink)
{
	fp_walk_budget budget = {0, 0};
	HashTable *flat;
	bool ok;

	switch (fp_emit_nested_fast(params, sink)) {
	case FP_FAST_DONE:
		return true;
	case FP_FAST_FAILED:
		return false;
	default:
		break;
	}
	flat = fp_flatten(params, NULL, NULL, 0, &budget);

	if (flat == NULL) {
		return false;
	}
	/* Every value is a string of our own now: no user code runs. */
	ok = fp_emit_general(flat, sink, false, false);
	zend_array_destroy(flat);
	return ok;
}

/*
 * Shops sign the same shape of request again and again: the same keys in
 * the same order, the very same key strings (those of one array literal).
 * The sorted order of the last shape is kept with a reference on each of
 * its keys, so no key can be freed and its address reused while it is
 * cached: a request of that shape is recognised by the keys' addresses and
 * skips collecting and sorting. The cache goes at the end of each request.
 */
/*
 * The very same layout again (the usual case: the same array literal, the
 * same assignments): each key sits in the bucket it sat in before, so the
 * values are read in sorted order and written straight into the signer's
 * buffer in one pass. Exactly n live elements, each of the n distinct
 * buckets holding its expected key, means exactly the cached set of keys.
 * False, with nothing committed to the signer, on any difference, or a
 * value that is not a string, integer, boolean or null: then the caller
 * takes a slower path.
 */
static bool fp_shape_sign_in_place(HashTable *ht, const fp_shape_cache *shape, fp_signer *signer)
{
	const uint32_t n = shape->n;
	unsigned char *p = signer->buf + signer->len;
	const unsigned char *limit = signer->buf + FP_SIGN_BUFFER;
	Bucket *buckets;
	uint32_t i;

	if (zend_hash_num_elements(ht) != n || HT_IS_PACKED(ht) || ht->nNumUsed < shape->buckets_used) {
		return false;
	}
	buckets = ht->arData;
	for (i = 0; i < n; i++) {
		Bucket *b = buckets + shape->bucket[i];
		zval *value = &b->val;

		if (UNEXPECTED(b->key != shape->sorted_keys[i])) {
			return false;
		}
		ZVAL_DEREF(value);
		if (EXPECTED(Z_TYPE_P(value) == IS_STRING)) {
			if (UNEXPECTED(Z_STRLEN_P(value) >= (size_t) (limit - p))) {
				return false;
			}
			p = fp_put_value(p, Z_STRVAL_P(value), Z_STRLEN_P(value));
		} else if (Z_TYPE_P(value) == IS_LONG) {
			if (UNEXPECTED(FP_SIGN_LONG_MAX > limit - p)) {
				return false;
			}
			p = fp_put_long(p, (long long) Z_LVAL_P(value));
		} else if (Z_TYPE_P(value) >= IS_NULL && Z_TYPE_P(value) <= IS_TRUE && limit - p >= 2) {
			p = fp_put_value(p, "1", Z_TYPE_P(value) == IS_TRUE);
		} else {
			return false; /* a deleted bucket (UNDEF), an INDIRECT slot, a float, user code */
		}
	}
	fp_signer_wrote(signer, p);
	return true;
}

/* Where an array's keys sit (bucket indexes, in sorted order), for the one-pass path. */
static void fp_shape_relocate(fp_shape_cache *shape, const uint32_t *where)
{
	uint32_t i, used = 0;

	for (i = 0; i < shape->n; i++) {
		shape->bucket[i] = where[i];
		used = where[i] >= used ? where[i] + 1 : used;
	}
	shape->buckets_used = used;
}

static bool fp_shape_emit(HashTable *ht, fp_value_sink *sink, bool *done)
{
	fp_shape_cache *shape = &FREEDOMPAY_G(shape);
	const uint32_t n = shape->n;
	zend_string *const *keys = shape->keys;
	const uint8_t *rank = shape->rank;
	zval *sorted[FP_SHAPE_MAX];
	uint32_t where[FP_SHAPE_MAX];
	Bucket *bucket, *end;
	uint32_t i = 0;

	*done = false;
	if (n == 0) {
		return true;
	}
	if (EXPECTED(sink->signer != NULL) && fp_shape_sign_in_place(ht, shape, sink->signer)) {
		*done = true;
		return true;
	}
	/* String keys: never a packed array. */
	if (zend_hash_num_elements(ht) > n + 1 || HT_IS_PACKED(ht)) {
		return true;
	}
	bucket = ht->arData;
	end = bucket + ht->nNumUsed;
	for (; bucket != end; bucket++) {
		zval *value = &bucket->val;

		if (Z_TYPE_P(value) == IS_INDIRECT) {
			value = Z_INDIRECT_P(value);
		}
		if (Z_TYPE_P(value) == IS_UNDEF) {
			continue;
		}
		if (i < n && bucket->key == keys[i]) {
			ZVAL_DEREF(value);
			if (Z_TYPE_P(value) == IS_ARRAY || Z_TYPE_P(value) == IS_OBJECT) {
				return true; /* user code or nesting: the full path */
			}
			where[rank[i]] = (uint32_t) (bucket - ht->arData);
			sorted[rank[i++]] = value;
		} else if (bucket->key == NULL || !zend_string_equals_literal(bucket->key, "pg_sig")) {
			return true;
		}
	}
	if (i != n) {
		return true;
	}
	*done = true;
	if (zend_hash_num_elements(ht) == n) {
		/* The same keys laid out otherwise (one unset and set again, a
		 * pg_sig among them when the shape was remembered): this layout
		 * is the one to expect next. */
		fp_shape_relocate(shape, where);
	}
	/* Here the values in hand, sorted, are written one by one (the one-pass
	 * path above covers the usual case). */
	for (i = 0; i < n; i++) {
		if (!fp_emit_value(sink, sorted[i], keys[shape->order[i]], 0)) {
			return false;
		}
	}
	return true;
}

void fp_shape_forget(void)
{
	fp_shape_cache *shape = &FREEDOMPAY_G(shape);

	while (shape->n > 0) {
		zend_string_release(shape->keys[--shape->n]);
	}
}

/* Remembers a sorted plain shape (no objects among its values). */
static void fp_shape_remember(HashTable *ht, const fp_plain_entry *sorted, uint32_t n)
{
	fp_shape_cache *shape = &FREEDOMPAY_G(shape);
	zend_string *keys[FP_SHAPE_MAX];
	uint32_t where[FP_SHAPE_MAX], sorted_where[FP_SHAPE_MAX];
	Bucket *b, *end;
	uint32_t i = 0, j;

	if (n == 0 || n > FP_SHAPE_MAX || !FREEDOMPAY_G(in_request) || HT_IS_PACKED(ht)) {
		return;
	}
	end = ht->arData + ht->nNumUsed;
	for (b = ht->arData; b != end; b++) {
		if (Z_TYPE(b->val) == IS_UNDEF) {
			continue;
		}
		if (b->key != NULL && zend_string_equals_literal(b->key, "pg_sig")) {
			continue;
		}
		if (b->key == NULL || i == n) {
			return;
		}
		where[i] = (uint32_t) (b - ht->arData);
		keys[i++] = b->key;
	}
	if (i != n) {
		return;
	}
	fp_shape_forget();
	for (j = 0; j < n; j++) {
		for (i = 0; i < n && keys[i] != sorted[j].key; i++) {
		}
		if (i == n) {
			return;
		}
		shape->order[j] = (uint8_t) i;
		shape->rank[i] = (uint8_t) j;
		shape->sorted_keys[j] = keys[i];
		sorted_where[j] = where[i];
	}
	for (i = 0; i < n; i++) {
		shape->keys[i] = zend_string_copy(keys[i]);
	}
	shape->n = n;
	fp_shape_relocate(shape, sorted_where);
}

bool fp_params_emit(HashTable *params, fp_value_sink *sink)
{
	fp_plain_entry stack[FP_STACK_ENTRIES];
	fp_plain_entry *entries = stack;
	fp_collect_result kind;
	bool objects = false, ok, done;
	uint32_t n = 0;

	ok = fp_shape_emit(params, sink, &done);
	if (done) {
		return ok;
	}
	if (zend_hash_num_elements(params) > FP_STACK_ENTRIES) {
		entries = safe_emalloc(zend_hash_num_elements(params), sizeof(*entries), 0);
	}
	kind = fp_plain_collect(params, entries, &n, &objects);
	if (EXPECTED(kind == FP_COLLECT_PLAIN)) {
		fp_plain_sort(entries, n);
		if (!objects) {
			fp_shape_remember(params, entries, n);
		}
		if (UNEXPECTED(objects)) {
			fp_plain_hold(entries, n);
		}
		/* implode() converts in key order, so __toString runs in that order. */
		ok = fp_plain_emit(entries, n, sink);
		if (UNEXPECTED(objects)) {
			fp_plain_release(entries, n);
		}
	} else if (kind == FP_COLLECT_MIXED) {
		ok = fp_emit_general(params, sink, true, objects);
	} else {
		ok = fp_emit_nested(params, sink);
	}
	if (entries != stack) {
		efree(entries);
	}
	return ok;
}

/* PHP's own md5, the code behind md5(): the signer's digest. */
static void fp_php_md5_init(void *state)
{
	PHP_MD5Init((PHP_MD5_CTX *) state);
}

static void fp_php_md5_update(void *state, const void *data, size_t len)
{
	PHP_MD5Update((PHP_MD5_CTX *) state, data, len);
}

/* PHP_MD5Final() wipes the context itself. */
static bool fp_php_md5_final(void *state, unsigned char digest[16])
{
	PHP_MD5Final(digest, (PHP_MD5_CTX *) state);
	return true;
}

typedef char fp_php_md5_state_fits[sizeof(PHP_MD5_CTX) <= FP_MD5_STATE_SIZE ? 1 : -1];

const fp_md5_ops fp_php_md5 = {
	fp_php_md5_init,
	fp_php_md5_update,
	fp_php_md5_final,
};

bool fp_params_sign(const char *script, size_t script_len, HashTable *params, const char *secret,
	size_t secret_len, char *hex)
{
	fp_value_sink sink;
	fp_signer signer;

	fp_signer_begin(&signer, &fp_php_md5, script, script_len);
	sink.signer = &signer;
	sink.text = NULL;
	if (!fp_params_emit(params, &sink)) {
		fp_signer_abandon(&signer);
		return false;
	}
	if (!fp_signer_finish(&signer, secret, secret_len, hex)) {
		zend_throw_exception(fp_ce_SignatureException, "The md5 digest failed", 0);
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Requests: normalizing and form-encoding
 * ------------------------------------------------------------------- */

/*
 * A PHP receiver rewrites some field names: "a b" and "a.b" arrive as "a_b",
 * brackets start nested arrays, a NUL byte cuts the name, an empty name is
 * dropped (or, nested, appends). The gateway would then check the signature
 * over other names than were signed, so such names are refused.
 */
static bool fp_key_survives_form(zend_string *key, int depth, const fp_key_path *path)
{
	const char *bad = depth == 0 ? " .[]" : "[]";
	zend_string *name;
	size_t i;

	if (key == NULL) {
		return true;
	}
	for (i = 0; i < ZSTR_LEN(key); i++) {
		if (ZSTR_VAL(key)[i] == '\0' || strchr(bad, ZSTR_VAL(key)[i]) != NULL) {
			break;
		}
	}
	if (ZSTR_LEN(key) > 0 && i == ZSTR_LEN(key)) {
		return true;
	}
	name = fp_path_string(path);
	fp_throw_invalid_argument("Parameter name \"%s\" cannot be sent: the receiving side would rename it "
							  "(empty names, spaces and dots, brackets and NUL bytes are not kept)",
		ZSTR_VAL(name));
	zend_string_release(name);
	return false;
}

/*
 * A copy of the tree that only we can reach: arrays copied, scalars
 * converted (no user code runs for them), objects held unconverted.
 * Empty arrays are left out: they send no field at all, so they must not
 * be signed either (they would shift makeFlatParamsArray's positions).
 * The top level's pg_sig is removed before anything else.
 */
typedef struct {
	bool to_send; /* refuse names a form receiver would rewrite, drop empty arrays */
	bool objects; /* set: the copy holds objects still to convert */
	fp_walk_budget budget;
} fp_copy_walk;

static HashTable *fp_copy_tree(HashTable *src, const fp_key_path *at, int depth, fp_copy_walk *walk)
{
	HashTable *out = zend_new_array(zend_hash_num_elements(src));
	zend_string *key;
	zend_ulong h;
	zval *value, copy;

	ZEND_HASH_FOREACH_KEY_VAL_IND(src, h, key, value) {
		fp_key_path path = {at, key, h};

		if (depth == 0 && key && zend_string_equals_literal(key, "pg_sig")) {
			continue;
		}
		if (walk->to_send && !fp_key_survives_form(key, depth, &path)) {
			goto fail;
		}
		if (!fp_budget_take(&walk->budget, key ? ZSTR_LEN(key) : 0)) {
			fp_throw_too_many();
			goto fail;
		}
		ZVAL_DEREF(value);
		if (Z_TYPE_P(value) == IS_ARRAY) {
			HashTable *sub;

			if (walk->to_send && zend_hash_num_elements(Z_ARRVAL_P(value)) == 0) {
				continue;
			}
			if (depth >= FP_MAX_DEPTH) {
				fp_throw_too_deep(&path);
				goto fail;
			}
			sub = fp_copy_tree(Z_ARRVAL_P(value), &path, depth + 1, walk);
			if (sub == NULL) {
				goto fail;
			}
			ZVAL_ARR(&copy, sub);
		} else if (Z_TYPE_P(value) == IS_OBJECT) {
			ZVAL_COPY(&copy, value);
			walk->objects = true;
		} else {
			zend_string *str = fp_value_string(value, &path);

			if (str == NULL) {
				goto fail;
			}
			ZVAL_STR(&copy, str);
		}
		if (key) {
			zend_hash_add_new(out, key, &copy);
		} else {
			zend_hash_index_add_new(out, h, &copy);
		}
	}
	ZEND_HASH_FOREACH_END();
	return out;

fail:
	zend_array_destroy(out);
	return NULL;
}

/* One held object of the copy becomes its string. */
static bool fp_stringify_leaf(zval *value, const fp_key_path *path)
{
	zend_string *str;

	if (Z_TYPE_P(value) != IS_OBJECT) {
		return true;
	}
	str = fp_value_string(value, path);
	if (str == NULL) {
		return false;
	}
	zval_ptr_dtor(value);
	ZVAL_STR(value, str);
	return true;
}

/* Nested: makeFlatParamsArray converts in document order. */
static bool fp_stringify_nested(HashTable *copy, const fp_key_path *at)
{
	zend_string *key;
	zend_ulong h;
	zval *value;

	ZEND_HASH_FOREACH_KEY_VAL(copy, h, key, value) {
		fp_key_path path = {at, key, h};

		if (Z_TYPE_P(value) == IS_ARRAY ? !fp_stringify_nested(Z_ARRVAL_P(value), &path)
										: !fp_stringify_leaf(value, &path)) {
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

/* Flat: implode() converts in ksort() order. */
static bool fp_stringify_flat(HashTable *copy)
{
	fp_entries e;
	uint32_t i;
	bool ok = true;

	fp_entries_collect(copy, &e, false, false);
	fp_entries_sort(&e);
	for (i = 0; i < e.n && ok; i++) {
		Bucket *b = &e.items[i];
		fp_key_path path = {NULL, b->key, b->h};
		zval *value = b->key ? zend_hash_find(copy, b->key) : zend_hash_index_find(copy, b->h);

		ok = fp_stringify_leaf(value, &path);
	}
	fp_entries_free(&e);
	return ok;
}

static HashTable *fp_params_copy(HashTable *params, bool to_send)
{
	fp_copy_walk walk = {to_send, false, {0, 0}};
	HashTable *copy = fp_copy_tree(params, NULL, 0, &walk);
	bool nested = false;
	zval *value;

	if (copy == NULL || !walk.objects) {
		return copy;
	}
	/* __toString is user code: it runs on our copy, in the order the
	 * docs' snippet would run it, and cannot reach what we walk. */
	ZEND_HASH_FOREACH_VAL(copy, value) {
		nested |= Z_TYPE_P(value) == IS_ARRAY;
	}
	ZEND_HASH_FOREACH_END();
	if (!(nested ? fp_stringify_nested(copy, NULL) : fp_stringify_flat(copy))) {
		zend_array_destroy(copy);
		return NULL;
	}
	return copy;
}

HashTable *fp_params_normalize(HashTable *params)
{
	return fp_params_copy(params, true);
}

HashTable *fp_params_snapshot(HashTable *params)
{
	return fp_params_copy(params, false);
}

static void fp_form_append_escaped(smart_str *out, const char *p, size_t n)
{
	/* smart_str_alloc() reserves room without changing the length. */
	smart_str_alloc(out, FP_FORM_ESCAPED_MAX(n), 0);
	ZSTR_LEN(out->s) += fp_form_escape(p, n, ZSTR_VAL(out->s) + ZSTR_LEN(out->s));
}

static void fp_form_append_key(smart_str *out, zend_string *key, zend_ulong h)
{
	if (key) {
		fp_form_append_escaped(out, ZSTR_VAL(key), ZSTR_LEN(key));
	} else {
		smart_str_append_long(out, (zend_long) h);
	}
}

/* Field names: the top key escaped, then "[key]" per level. */
static void fp_form_append_name(smart_str *out, const fp_key_path *path)
{
	if (path->parent) {
		fp_form_append_name(out, path->parent);
		smart_str_appendc(out, '[');
		fp_form_append_key(out, path->key, path->h);
		smart_str_appendc(out, ']');
	} else {
		fp_form_append_key(out, path->key, path->h);
	}
}

static void fp_form_encode_level(HashTable *ht, const fp_key_path *at, smart_str *out)
{
	zend_string *key;
	zend_ulong h;
	zval *value;

	ZEND_HASH_FOREACH_KEY_VAL(ht, h, key, value) {
		fp_key_path path = {at, key, h};

		if (Z_TYPE_P(value) == IS_ARRAY) {
			fp_form_encode_level(Z_ARRVAL_P(value), &path, out);
			continue;
		}
		ZEND_ASSERT(Z_TYPE_P(value) == IS_STRING);
		if (out->s && ZSTR_LEN(out->s) > 0) {
			smart_str_appendc(out, '&');
		}
		fp_form_append_name(out, &path);
		smart_str_appendc(out, '=');
		fp_form_append_escaped(out, Z_STRVAL_P(value), Z_STRLEN_P(value));
	}
	ZEND_HASH_FOREACH_END();
}

void fp_params_form_encode(HashTable *params, smart_str *out)
{
	fp_form_encode_level(params, NULL, out);
	smart_str_0(out);
}

/* ---------------------------------------------------------------------
 * Salts
 * ------------------------------------------------------------------- */

zend_string *fp_new_salt(void)
{
	unsigned char raw[16];
	zend_string *salt;

	if (php_random_bytes_throw(raw, sizeof(raw)) == FAILURE) {
		return NULL;
	}
	salt = zend_string_alloc(2 * sizeof(raw), 0);
	fp_hex_encode(raw, sizeof(raw), ZSTR_VAL(salt));
	ZSTR_VAL(salt)[2 * sizeof(raw)] = '\0';
	return salt;
}
