/* vm/objects/listsort.c — list.sort(): a stable natural merge sort.
 *
 * The algorithm follows the shape of timsort: the input is cut into
 * natural runs (non-descending, or strictly descending and then reversed),
 * short runs are extended to `minrun` with binary insertion, and runs are
 * merged under timsort's stack invariants so the work stays O(n log n) and
 * already-ordered data costs O(n).  (No galloping: plain merges.)
 *
 * Keys and values travel in two parallel arrays (values == NULL when no
 * key function is given).  Comparisons use `<` only, through a fast path
 * chosen once when every key has the same simple type.
 *
 * Invariants on failure: a comparison may raise at any point; the arrays
 * then still hold a permutation of the input (merges copy their buffered
 * half back), so the list loses nothing.  During the sort the list is
 * emptied, so Python code (key, __lt__) that mutates it is detected:
 * ValueError "list modified during sort".
 */
#include <string.h>

#include "vm/vm.h"
#include "vm/objects/containers.h"

enum { KIND_GENERIC, KIND_SMALLINT, KIND_STR, KIND_FLOAT };

typedef struct {
    Object **keys;
    Object **vals;        /* NULL: keys are the values */
    int kind;
    Object **tmp;         /* merge buffer: room for keys (and values) */
    size_t tmp_cap;       /* in elements of one array */
} SortState;

/* 1 if a < b, 0 if not, -1 on error. */
static inline int sort_lt(SortState *ss, Object *a, Object *b) {
    switch (ss->kind) {
    case KIND_SMALLINT:
        return SMALLINT_VALUE(a) < SMALLINT_VALUE(b);
    case KIND_STR:
        return str_compare(a, b) < 0;
    case KIND_FLOAT:
        return FLOAT_VALUE(a) < FLOAT_VALUE(b);
    default:
        return obj_richcompare_bool(a, b, CMP_LT);
    }
}

static void reverse_range(Object **a, intptr_t lo, intptr_t hi) {
    hi--;
    while (lo < hi) {
        Object *t = a[lo];
        a[lo++] = a[hi];
        a[hi--] = t;
    }
}

/* Sort [lo, hi) given that [lo, start) is already sorted. */
static int binary_insertion(SortState *ss, intptr_t lo, intptr_t hi, intptr_t start) {
    Object **k = ss->keys, **v = ss->vals;
    for (; start < hi; start++) {
        Object *pivot = k[start];
        intptr_t l = lo, r = start;
        while (l < r) {   /* find the first element > pivot (stability) */
            intptr_t m = l + ((r - l) >> 1);
            int c = sort_lt(ss, pivot, k[m]);
            if (c < 0) return -1;
            if (c) r = m;
            else l = m + 1;
        }
        memmove(&k[l + 1], &k[l], (size_t)(start - l) * sizeof(Object *));
        k[l] = pivot;
        if (v) {
            Object *pv = v[start];
            memmove(&v[l + 1], &v[l], (size_t)(start - l) * sizeof(Object *));
            v[l] = pv;
        }
    }
    return 0;
}

/* Length of the run starting at lo (descending runs are reversed in place). */
static intptr_t count_run(SortState *ss, intptr_t lo, intptr_t hi) {
    if (lo + 1 >= hi) return hi - lo;
    Object **k = ss->keys;
    intptr_t n = lo + 1;
    int c = sort_lt(ss, k[n], k[lo]);
    if (c < 0) return -1;
    if (c) {   /* strictly descending */
        for (n++; n < hi; n++) {
            c = sort_lt(ss, k[n], k[n - 1]);
            if (c < 0) return -1;
            if (!c) break;
        }
        reverse_range(k, lo, n);
        if (ss->vals) reverse_range(ss->vals, lo, n);
    } else {
        for (n++; n < hi; n++) {
            c = sort_lt(ss, k[n], k[n - 1]);
            if (c < 0) return -1;
            if (c) break;
        }
    }
    return n - lo;
}

static intptr_t compute_minrun(intptr_t n) {
    intptr_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

static int ensure_tmp(SortState *ss, size_t need) {
    if (need <= ss->tmp_cap) return 0;
    size_t per = ss->vals ? 2 : 1;
    Object **p = mem_realloc(ss->tmp, need * per * sizeof(Object *));
    if (!p) return -1;
    ss->tmp = p;
    ss->tmp_cap = need;
    return 0;
}

/* Merge the adjacent sorted ranges [lo, mid) and [mid, hi). */
static int merge_runs(SortState *ss, intptr_t lo, intptr_t mid, intptr_t hi) {
    Object **k = ss->keys, **v = ss->vals;
    /* Already in order: nothing to do (the common case for sorted input). */
    int c = sort_lt(ss, k[mid], k[mid - 1]);
    if (c <= 0) return c;
    intptr_t na = mid - lo;
    if (ensure_tmp(ss, (size_t)na) < 0) return -1;
    Object **tk = ss->tmp, **tv = ss->tmp + ss->tmp_cap;
    memcpy(tk, &k[lo], (size_t)na * sizeof(Object *));
    if (v) memcpy(tv, &v[lo], (size_t)na * sizeof(Object *));
    intptr_t i = 0, j = mid, d = lo;
    int rc = 0;
    while (i < na && j < hi) {
        c = sort_lt(ss, k[j], tk[i]);
        if (c < 0) {
            rc = -1;
            break;
        }
        if (c) {
            k[d] = k[j];
            if (v) v[d] = v[j];
            j++;
        } else {
            k[d] = tk[i];
            if (v) v[d] = tv[i];
            i++;
        }
        d++;
    }
    /* What is left of the buffered half fills exactly the gap before j. */
    memcpy(&k[d], &tk[i], (size_t)(na - i) * sizeof(Object *));
    if (v) memcpy(&v[d], &tv[i], (size_t)(na - i) * sizeof(Object *));
    return rc;
}

typedef struct {
    intptr_t base, len;
} Run;

static int merge_at(SortState *ss, Run *runs, int *nruns, int i) {
    Run *a = &runs[i], *b = &runs[i + 1];
    if (merge_runs(ss, a->base, b->base, b->base + b->len) < 0) return -1;
    a->len += b->len;
    if (i + 2 < *nruns) runs[i + 1] = runs[i + 2];
    (*nruns)--;
    return 0;
}

/* Keep run lengths decreasing like Fibonacci numbers (timsort's invariant,
 * in its corrected form), merging while it is violated. */
static int merge_collapse(SortState *ss, Run *runs, int *nruns) {
    while (*nruns > 1) {
        int n = *nruns - 2;
        if ((n > 0 && runs[n - 1].len <= runs[n].len + runs[n + 1].len) ||
            (n > 1 && runs[n - 2].len <= runs[n - 1].len + runs[n].len)) {
            if (runs[n - 1].len < runs[n + 1].len) n--;
        } else if (runs[n].len > runs[n + 1].len) {
            break;
        }
        if (merge_at(ss, runs, nruns, n) < 0) return -1;
    }
    return 0;
}

static int sort_arrays(SortState *ss, intptr_t n) {
    if (n < 2) return 0;
    Run runs[90];   /* enough for 2**64 elements under the invariant */
    int nruns = 0;
    intptr_t minrun = compute_minrun(n);
    for (intptr_t lo = 0; lo < n;) {
        intptr_t len = count_run(ss, lo, n);
        if (len < 0) return -1;
        if (len < minrun) {
            intptr_t force = n - lo < minrun ? n - lo : minrun;
            if (binary_insertion(ss, lo, lo + force, lo + len) < 0) return -1;
            len = force;
        }
        runs[nruns].base = lo;
        runs[nruns].len = len;
        nruns++;
        if (merge_collapse(ss, runs, &nruns) < 0) return -1;
        lo += len;
    }
    while (nruns > 1) {
        int i = nruns - 2;
        if (i > 0 && runs[i - 1].len < runs[i + 1].len) i--;
        if (merge_at(ss, runs, &nruns, i) < 0) return -1;
    }
    return 0;
}

/* Pick a comparison fast path when all keys share a simple exact type. */
static int choose_kind(Object **keys, intptr_t n) {
    if (n == 0) return KIND_GENERIC;
    bool all_int = true, all_str = true, all_float = true;
    for (intptr_t i = 0; i < n; i++) {
        Object *k = keys[i];
        if (!IS_SMALLINT(k)) all_int = false;
        if (!str_check_exact(k)) all_str = false;
        if (IS_SMALLINT(k) || k->type != &Float_Type) all_float = false;
        if (!all_int && !all_str && !all_float) return KIND_GENERIC;
    }
    if (all_int) return KIND_SMALLINT;
    if (all_str) return KIND_STR;
    return KIND_FLOAT;
}

int list_sort(Object *self, Object *key, bool reverse) {
    ListObject *l = (ListObject *)self;
    if (key == None) key = NULL;
    /* Take the items out: the list reads as empty while we sort. */
    Object **items = l->items;
    intptr_t n = l->size, alloc = l->alloc;
    l->items = NULL;
    l->size = 0;
    l->alloc = -1;   /* marker: any mutation will change it */

    SortState ss = {0};
    Object **keys = NULL;
    int rc = 0;
    intptr_t nkeys = 0;
    if (key && n > 0) {
        keys = mem_alloc((size_t)n * sizeof(Object *));
        if (!keys) {
            rc = -1;
            goto restore;
        }
        for (; nkeys < n; nkeys++) {
            keys[nkeys] = obj_call1(key, items[nkeys]);
            if (!keys[nkeys]) {
                rc = -1;
                goto restore;
            }
        }
        ss.keys = keys;
        ss.vals = items;
    } else {
        ss.keys = items;
        ss.vals = NULL;
    }
    ss.kind = choose_kind(ss.keys, n);
    /* Reversing before and after keeps equal elements in original order. */
    if (reverse) {
        reverse_range(ss.keys, 0, n);
        if (ss.vals) reverse_range(ss.vals, 0, n);
    }
    rc = sort_arrays(&ss, n);
    if (reverse) {
        reverse_range(ss.keys, 0, n);
        if (ss.vals) reverse_range(ss.vals, 0, n);
    }

restore:
    if (keys) {
        for (intptr_t i = 0; i < nkeys; i++) DECREF(keys[i]);
        mem_free(keys);
    }
    mem_free(ss.tmp);
    Object **added = l->items;
    intptr_t nadded = l->size;
    bool modified = l->alloc != -1 || added != NULL;
    l->items = items;
    l->size = n;
    l->alloc = alloc;
    if (modified) {
        if (added) {
            for (intptr_t i = nadded - 1; i >= 0; i--) XDECREF(added[i]);
            mem_free(added);
        }
        if (rc == 0) {
            err_format(&Exc_ValueError, "list modified during sort");
            rc = -1;
        }
    }
    return rc;
}
