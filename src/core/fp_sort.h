/*
 * freedompay core: one stable sort for the arrays signing orders (a
 * request's keys, a reply's flattened names), whatever their element type.
 *
 * FP_DEFINE_RUN_MERGE_SORT(name, type, less, run) defines
 *
 *   static void name(type *v, type *scratch, size_t n)
 *
 * which sorts v by less(const type *a, const type *b): runs of `run`
 * elements by insertion, then merged bottom-up, so it is O(n log n) on any
 * input (a callback's $_POST may hold 100,000 keys in reverse order) and
 * stable, with the comparison inlined (qsort calls through a pointer for
 * each one). scratch has room for n elements; with n <= run it is not
 * used and may be NULL.
 */
#ifndef FP_SORT_H
#define FP_SORT_H

#include <stddef.h>
#include <string.h>

#define FP_DEFINE_RUN_MERGE_SORT(name, type, less, run)                         \
	static void name(type *v, type *scratch, size_t n)                          \
	{                                                                           \
		type *from = v, *to = scratch, *swap;                                   \
		size_t i, j, width;                                                     \
                                                                                \
		for (i = 0; i < n; i += (run)) {                                        \
			size_t end = i + (run) < n ? i + (run) : n;                         \
                                                                                \
			for (j = i + 1; j < end; j++) {                                     \
				type cur = v[j];                                                \
				size_t k = j;                                                   \
                                                                                \
				for (; k > i && less(&cur, &v[k - 1]); k--) {                   \
					v[k] = v[k - 1];                                            \
				}                                                               \
				v[k] = cur;                                                     \
			}                                                                   \
		}                                                                       \
		for (width = (run); width < n; width *= 2) {                            \
			for (i = 0; i < n; i += 2 * width) {                                \
				size_t a = i, mid = i + width < n ? i + width : n, b = mid;     \
				size_t end = i + 2 * width < n ? i + 2 * width : n, k = i;      \
                                                                                \
				while (a < mid && b < end) {                                    \
					to[k++] = less(&from[b], &from[a]) ? from[b++] : from[a++]; \
				}                                                               \
				while (a < mid) {                                               \
					to[k++] = from[a++];                                        \
				}                                                               \
				while (b < end) {                                               \
					to[k++] = from[b++];                                        \
				}                                                               \
			}                                                                   \
			swap = from;                                                        \
			from = to;                                                          \
			to = swap;                                                          \
		}                                                                       \
		if (from != v) {                                                        \
			memcpy(v, from, n * sizeof(*v));                                    \
		}                                                                       \
	}

#endif
