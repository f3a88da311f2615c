/* vm/objects/list.c — list: a growable array of references.
 *
 * Invariants: items[0..size) are owned, non-NULL references once the list
 * is visible to Python code (list_new hands out NULL slots to fill); alloc
 * is the capacity of items.  Any call that may run Python code (comparisons,
 * DECREF) can mutate the list, so loops re-read size after each such call
 * and hold their own reference to the item they are working on.
 *
 * This file also hosts two helpers every container shares: the repr
 * recursion guard and the deferred-deallocation "trashcan".  The sort lives
 * in listsort.c.
 */
#include <string.h>

#include "gc/gc.h"
#include "vm/vm.h"
#include "vm/objects/containers.h"
#include "vm/objects/typesys.h"

/* ---- shared: repr recursion guard ------------------------------------------
 * A per-thread stack of containers whose repr is in progress. */
static __thread Object **repr_stack;
static __thread size_t repr_len, repr_cap;

int container_repr_enter(Object *o) {
    for (size_t i = 0; i < repr_len; i++)
        if (repr_stack[i] == o) return 1;
    if (repr_len == repr_cap) {
        size_t cap = repr_cap ? repr_cap * 2 : 16;
        Object **p = mem_realloc(repr_stack, cap * sizeof(Object *));
        if (!p) return -1;
        repr_stack = p;
        repr_cap = cap;
    }
    repr_stack[repr_len++] = o;
    return 0;
}

void container_repr_leave(Object *o) {
    for (size_t i = repr_len; i > 0; i--) {
        if (repr_stack[i - 1] == o) {
            memmove(&repr_stack[i - 1], &repr_stack[i], (repr_len - i) * sizeof(Object *));
            repr_len--;
            return;
        }
    }
}

/* ---- shared: trashcan --------------------------------------------------------
 * Deallocating a container DECREFs its children, which may deallocate
 * containers, ... so a deep structure recurses once per level.  Past
 * TRASH_MAX_DEPTH nested deallocs the object is parked on a per-thread list
 * (linked through its GC header's scratch word; it is already untracked, so
 * the collector never sees it) and freed when the outermost dealloc ends.
 * Only exact built-in types are parked: their type's dealloc is then called
 * again, which is exactly the function that parked them. */
#define TRASH_MAX_DEPTH 50
static __thread int trash_depth;
static __thread bool trash_draining;
static __thread GCHead *trash_pending;

bool trash_begin(Object *o) {
    if (trash_depth >= TRASH_MAX_DEPTH && !(o->type->flags & TPFLAG_HEAPTYPE)) {
        GCHead *g = AS_GC(o);
        g->gc_refs = (intptr_t)trash_pending;
        trash_pending = g;
        return false;
    }
    trash_depth++;
    return true;
}

void trash_end(void) {
    if (--trash_depth > 0 || trash_draining) return;
    trash_draining = true;
    while (trash_pending) {
        GCHead *g = trash_pending;
        trash_pending = (GCHead *)g->gc_refs;
        g->gc_refs = 0;
        Object *o = FROM_GC(g);
        o->type->dealloc(o);
    }
    trash_draining = false;
}

Object *iter_self(Object *self) { return NEWREF(self); }

int meth_one_arg(const char *tname, const char *meth, size_t nargs) {
    if (nargs == 1) return 0;
    err_format(&Exc_TypeError, "%s.%s() takes exactly one argument (%zu given)", tname, meth,
               nargs);
    return -1;
}

int meth_no_args(const char *tname, const char *meth, size_t nargs) {
    if (nargs == 0) return 0;
    err_format(&Exc_TypeError, "%s.%s() takes no arguments (%zu given)", tname, meth, nargs);
    return -1;
}

/* ---- storage -------------------------------------------------------------- */

/* Set the size to newsize, growing (over-allocating) or shrinking items. */
static int list_resize(ListObject *l, intptr_t newsize) {
    if (l->alloc >= newsize && newsize >= (l->alloc >> 1)) {
        l->size = newsize;
        return 0;
    }
    size_t newalloc = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    if (newsize == 0) newalloc = 0;
    if (newalloc > (size_t)INTPTR_MAX / sizeof(Object *)) {
        err_no_memory();
        return -1;
    }
    Object **items = mem_realloc(l->items, newalloc * sizeof(Object *));
    if (!items) {
        if (newsize > l->alloc) return -1;
        err_clear();   /* a failed shrink keeps the larger block */
        l->size = newsize;
        return 0;
    }
    l->items = items;
    l->alloc = (intptr_t)newalloc;
    l->size = newsize;
    return 0;
}

#define LIST_FREELIST_MAX 80
static ListObject *list_freelist[LIST_FREELIST_MAX];
static int list_freelist_count;

static Object *list_alloc(TypeObject *type) {
    if (type == &List_Type && list_freelist_count > 0) {
        ListObject *l = list_freelist[--list_freelist_count];
        l->ob_base.refcnt = 1;
        return (Object *)l;
    }
    return obj_alloc(type);
}

Object *list_new(size_t n) {
    ListObject *l = (ListObject *)list_alloc(&List_Type);
    if (!l) return NULL;
    if (n > 0) {
        if (n > (size_t)INTPTR_MAX / sizeof(Object *)) {
            DECREF((Object *)l);
            return err_no_memory();
        }
        l->items = mem_alloc(n * sizeof(Object *));
        if (!l->items) {
            DECREF((Object *)l);
            return NULL;
        }
        memset(l->items, 0, n * sizeof(Object *));
    }
    l->size = l->alloc = (intptr_t)n;
    gc_track((Object *)l);
    return (Object *)l;
}

static void list_dealloc(Object *self) {
    ListObject *l = (ListObject *)self;
    gc_untrack(self);
    if (!trash_begin(self)) return;
    if (l->items) {
        for (intptr_t i = l->size - 1; i >= 0; i--) XDECREF(l->items[i]);
        mem_free(l->items);
    }
    if (self->type == &List_Type && list_freelist_count < LIST_FREELIST_MAX) {
        l->items = NULL;
        l->size = l->alloc = 0;
        list_freelist[list_freelist_count++] = l;
    } else {
        obj_free(self);
    }
    trash_end();
}

static int list_traverse(Object *self, visitproc visit, void *arg) {
    ListObject *l = (ListObject *)self;
    for (intptr_t i = l->size - 1; i >= 0; i--) {
        if (l->items[i]) {
            int r = visit(l->items[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

void list_clear(Object *self) {
    ListObject *l = (ListObject *)self;
    Object **items = l->items;
    intptr_t n = l->size;
    /* Detach first: the DECREFs below may run code that looks at the list. */
    l->items = NULL;
    l->size = l->alloc = 0;
    if (items) {
        for (intptr_t i = n - 1; i >= 0; i--) XDECREF(items[i]);
        mem_free(items);
    }
}

static int list_clear_slot(Object *self) {
    list_clear(self);
    return 0;
}

int list_append(Object *self, Object *item) {
    ListObject *l = (ListObject *)self;
    intptr_t n = l->size;
    if (n < l->alloc) {
        l->items[n] = NEWREF(item);
        l->size = n + 1;
        return 0;
    }
    if (list_resize(l, n + 1) < 0) return -1;
    l->items[n] = NEWREF(item);
    return 0;
}

int list_insert(Object *self, intptr_t where, Object *item) {
    ListObject *l = (ListObject *)self;
    intptr_t n = l->size;
    if (list_resize(l, n + 1) < 0) return -1;
    if (where < 0) {
        where += n;
        if (where < 0) where = 0;
    }
    if (where > n) where = n;
    memmove(&l->items[where + 1], &l->items[where], (size_t)(n - where) * sizeof(Object *));
    l->items[where] = NEWREF(item);
    return 0;
}

/* Append a borrowed array (which may alias the list's own items). */
static int list_extend_array(ListObject *l, Object *const *src, intptr_t m) {
    if (m == 0) return 0;
    intptr_t n = l->size;
    bool self_alias = (src == l->items);
    if (list_resize(l, n + m) < 0) return -1;
    if (self_alias) src = l->items;
    for (intptr_t i = 0; i < m; i++) l->items[n + i] = NEWREF(src[i]);
    return 0;
}

int list_extend(Object *self, Object *iterable) {
    ListObject *l = (ListObject *)self;
    if (list_check(iterable)) return list_extend_array(l, LIST_ITEMS(iterable), LIST_SIZE(iterable));
    if (tuple_check(iterable))
        return list_extend_array(l, TUPLE_ITEMS(iterable), TUPLE_SIZE(iterable));
    Object *it = obj_get_iter(iterable);
    if (!it) return -1;
    Object *x;
    while ((x = obj_iter_next(it)) != NULL) {
        int r;
        if (l->size < l->alloc) {
            l->items[l->size++] = x;
            r = 0;
        } else {
            r = list_append(self, x);
            DECREF(x);
        }
        if (r < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

Object *list_from_iterable(Object *iterable) {
    Object *l = list_new(0);
    if (!l) return NULL;
    if (list_extend(l, iterable) < 0) {
        DECREF(l);
        return NULL;
    }
    return l;
}

Object *list_as_tuple(Object *l) { return tuple_from_array(LIST_ITEMS(l), (size_t)LIST_SIZE(l)); }

Object *list_getslice(Object *self, intptr_t lo, intptr_t hi) {
    intptr_t n = LIST_SIZE(self);
    if (lo < 0) lo = 0;
    if (hi > n) hi = n;
    if (hi < lo) hi = lo;
    Object *r = list_new((size_t)(hi - lo));
    if (!r) return NULL;
    for (intptr_t i = lo; i < hi; i++) LIST_ITEMS(r)[i - lo] = NEWREF(LIST_GET(self, i));
    return r;
}

int list_reverse(Object *self) {
    ListObject *l = (ListObject *)self;
    if (l->size < 2) return 0;
    Object **lo = l->items, **hi = l->items + l->size - 1;
    while (lo < hi) {
        Object *t = *lo;
        *lo++ = *hi;
        *hi-- = t;
    }
    return 0;
}

Object *list_pop(Object *self) {
    ListObject *l = (ListObject *)self;
    if (l->size == 0) return err_format(&Exc_IndexError, "pop from empty list");
    Object *v = l->items[l->size - 1];
    list_resize(l, l->size - 1);   /* shrinking cannot fail */
    return v;
}

/* Replace items[lo:hi] with the n borrowed items of `src` (NULL, 0: delete).
 * The replaced references are released only once the list is consistent. */
static int list_replace_range(ListObject *l, intptr_t lo, intptr_t hi, Object *const *src,
                              intptr_t n) {
    intptr_t size = l->size;
    if (lo < 0) lo = 0;
    else if (lo > size) lo = size;
    if (hi < lo) hi = lo;
    else if (hi > size) hi = size;
    intptr_t norig = hi - lo;
    intptr_t delta = n - norig;
    Object *stackbuf[8];
    Object **recycle = stackbuf;
    if (norig > 8) {
        recycle = mem_alloc((size_t)norig * sizeof(Object *));
        if (!recycle) return -1;
    }
    if (norig) memcpy(recycle, &l->items[lo], (size_t)norig * sizeof(Object *));
    if (delta < 0) {
        memmove(&l->items[hi + delta], &l->items[hi], (size_t)(size - hi) * sizeof(Object *));
        list_resize(l, size + delta);   /* shrinking cannot fail */
    } else if (delta > 0) {
        if (list_resize(l, size + delta) < 0) {
            if (recycle != stackbuf) mem_free(recycle);
            return -1;
        }
        memmove(&l->items[hi + delta], &l->items[hi], (size_t)(size - hi) * sizeof(Object *));
    }
    for (intptr_t k = 0; k < n; k++) l->items[lo + k] = NEWREF(src[k]);
    for (intptr_t k = norig - 1; k >= 0; k--) DECREF(recycle[k]);
    if (recycle != stackbuf) mem_free(recycle);
    return 0;
}

/* A sequence as a borrowed array: lists/tuples directly, anything else via a
 * temporary list kept in *hold (new reference; NULL means an error).  The
 * array of an empty list may be NULL. */
static Object *const *seq_as_array(Object *v, intptr_t *n, Object **hold, const char *errmsg) {
    *hold = NULL;
    if (list_check(v) || tuple_check(v)) {
        /* Copy so that mutation during the assignment (or aliasing) is harmless. */
        *hold = list_check(v) ? list_getslice(v, 0, LIST_SIZE(v))
                              : NEWREF(v);
        if (!*hold) return NULL;
        v = *hold;
    } else {
        *hold = list_from_iterable(v);
        if (!*hold) {
            if (err_matches(&Exc_TypeError)) {
                err_clear();
                err_format(&Exc_TypeError, "%s", errmsg);
            }
            return NULL;
        }
        v = *hold;
    }
    if (list_check(v)) {
        *n = LIST_SIZE(v);
        return LIST_ITEMS(v);
    }
    *n = TUPLE_SIZE(v);
    return TUPLE_ITEMS(v);
}

/* ---- slots ---------------------------------------------------------------- */

static Object *list_repr(Object *self) {
    if (LIST_SIZE(self) == 0) return str_from_cstr("[]");
    int r = container_repr_enter(self);
    if (r != 0) return r > 0 ? str_from_cstr("[...]") : NULL;
    if (enter_recursive_call(" while getting the repr of an object") < 0) {
        container_repr_leave(self);
        return NULL;
    }
    StrBuf sb;
    strbuf_init(&sb);
    strbuf_append_char(&sb, '[');
    for (intptr_t i = 0; i < LIST_SIZE(self); i++) {
        if (i > 0 && strbuf_append(&sb, ", ", 2) < 0) goto fail;
        Object *item = NEWREF(LIST_GET(self, i));
        int rc = strbuf_append_repr(&sb, item);
        DECREF(item);
        if (rc < 0) goto fail;
    }
    if (strbuf_append_char(&sb, ']') < 0) goto fail;
    leave_recursive_call();
    container_repr_leave(self);
    return strbuf_finish(&sb);
fail:
    leave_recursive_call();
    container_repr_leave(self);
    strbuf_free(&sb);
    return NULL;
}

static Object *list_richcompare(Object *a, Object *b, int op) {
    if (!list_check(b)) return NEWREF(NotImplemented);
    if ((op == CMP_EQ || op == CMP_NE) && LIST_SIZE(a) != LIST_SIZE(b))
        return bool_from(op == CMP_NE);
    intptr_t i;
    for (i = 0; i < LIST_SIZE(a) && i < LIST_SIZE(b); i++) {
        Object *x = LIST_GET(a, i), *y = LIST_GET(b, i);
        if (x == y) continue;
        INCREF(x);
        INCREF(y);
        int k = obj_richcompare_bool(x, y, CMP_EQ);
        DECREF(x);
        DECREF(y);
        if (k < 0) return NULL;
        if (!k) break;
    }
    intptr_t na = LIST_SIZE(a), nb = LIST_SIZE(b);
    if (i >= na || i >= nb) {
        bool r;
        switch (op) {
        case CMP_LT: r = na < nb; break;
        case CMP_LE: r = na <= nb; break;
        case CMP_EQ: r = na == nb; break;
        case CMP_NE: r = na != nb; break;
        case CMP_GT: r = na > nb; break;
        default: r = na >= nb; break;
        }
        return bool_from(r);
    }
    if (op == CMP_EQ) return NEWREF(False);
    if (op == CMP_NE) return NEWREF(True);
    Object *x = NEWREF(LIST_GET(a, i)), *y = NEWREF(LIST_GET(b, i));
    Object *res = obj_richcompare(x, y, op);
    DECREF(x);
    DECREF(y);
    return res;
}

static intptr_t list_len(Object *self) { return LIST_SIZE(self); }

static int list_contains(Object *self, Object *item) {
    for (intptr_t i = 0; i < LIST_SIZE(self); i++) {
        Object *x = LIST_GET(self, i);
        if (x == item) return 1;
        INCREF(x);
        int k = obj_richcompare_bool(x, item, CMP_EQ);
        DECREF(x);
        if (k != 0) return k;
    }
    return 0;
}

/* An index operand as intptr_t (IndexError "cannot fit" on overflow). */
static int index_value(Object *key, intptr_t *out) {
    if (IS_SMALLINT(key)) {
        *out = SMALLINT_VALUE(key);
        return 0;
    }
    *out = obj_as_ssize(key, &Exc_IndexError);
    return (*out == -1 && err_occurred()) ? -1 : 0;
}

static Object *list_subscript(Object *self, Object *key) {
    if (IS_SMALLINT(key) || OBJ_TYPE(key)->nb_index) {
        intptr_t i;
        if (index_value(key, &i) < 0) return NULL;
        intptr_t n = LIST_SIZE(self);
        if (i < 0) i += n;
        if (i < 0 || i >= n) return err_format(&Exc_IndexError, "list index out of range");
        return NEWREF(LIST_GET(self, i));
    }
    if (slice_check(key)) {
        intptr_t start, stop, step, len;
        if (slice_indices(key, LIST_SIZE(self), &start, &stop, &step, &len) < 0) return NULL;
        if (step == 1) return list_getslice(self, start, stop);
        Object *r = list_new(len > 0 ? (size_t)len : 0);
        if (!r) return NULL;
        for (intptr_t k = 0, i = start; k < len; k++, i += step)
            LIST_ITEMS(r)[k] = NEWREF(LIST_GET(self, i));
        return r;
    }
    return err_format(&Exc_TypeError, "list indices must be integers or slices, not %T", key);
}

static int list_ass_extended(ListObject *l, Object *key, Object *value) {
    intptr_t start, stop, step, len;
    if (!value) {
        if (slice_indices(key, l->size, &start, &stop, &step, &len) < 0) return -1;
        if (step == 1) return list_replace_range(l, start, stop, NULL, 0);
        if (len <= 0) return 0;
        if (step < 0) {   /* the same cells, visited from the lowest */
            start += (len - 1) * step;
            step = -step;
        }
        Object **garbage = mem_alloc((size_t)len * sizeof(Object *));
        if (!garbage) return -1;
        intptr_t dst = start, g = 0, n = l->size;
        for (intptr_t i = start; i < n; i++) {
            if (g < len && i == start + g * step) garbage[g++] = l->items[i];
            else l->items[dst++] = l->items[i];
        }
        list_resize(l, n - len);
        for (intptr_t k = 0; k < len; k++) DECREF(garbage[k]);
        mem_free(garbage);
        return 0;
    }
    /* Convert the value first: iterating it may run code that resizes the list. */
    Object *hold;
    intptr_t n;
    Object *const *src;
    if (slice_indices(key, l->size, &start, &stop, &step, &len) < 0) return -1;
    src = seq_as_array(value, &n, &hold,
                       step == 1 ? "can only assign an iterable"
                                 : "must assign iterable to extended slice");
    if (!hold) return -1;   /* src is NULL for an empty list too: not an error */
    if (slice_indices(key, l->size, &start, &stop, &step, &len) < 0) {
        DECREF(hold);
        return -1;
    }
    if (step == 1) {
        int r = list_replace_range(l, start, stop, src, n);
        DECREF(hold);
        return r;
    }
    if (n != len) {
        DECREF(hold);
        err_format(&Exc_ValueError,
                   "attempt to assign sequence of size %zd to extended slice of size %zd",
                   (ssize_t)n, (ssize_t)len);
        return -1;
    }
    if (len > 0) {
        Object **garbage = mem_alloc((size_t)len * sizeof(Object *));
        if (!garbage) {
            DECREF(hold);
            return -1;
        }
        for (intptr_t k = 0, i = start; k < len; k++, i += step) {
            garbage[k] = l->items[i];
            l->items[i] = NEWREF(src[k]);
        }
        for (intptr_t k = 0; k < len; k++) DECREF(garbage[k]);
        mem_free(garbage);
    }
    DECREF(hold);
    return 0;
}

static int list_ass_subscript(Object *self, Object *key, Object *value) {
    ListObject *l = (ListObject *)self;
    if (IS_SMALLINT(key) || OBJ_TYPE(key)->nb_index) {
        intptr_t i;
        if (index_value(key, &i) < 0) return -1;
        if (i < 0) i += l->size;
        if (i < 0 || i >= l->size) {
            err_format(&Exc_IndexError, "list assignment index out of range");
            return -1;
        }
        if (!value) return list_replace_range(l, i, i + 1, NULL, 0);
        Object *old = l->items[i];
        l->items[i] = NEWREF(value);
        DECREF(old);
        return 0;
    }
    if (slice_check(key)) return list_ass_extended(l, key, value);
    err_format(&Exc_TypeError, "list indices must be integers or slices, not %T", key);
    return -1;
}

static Object *list_concat(Object *a, Object *b) {
    if (!list_check(a) || !list_check(b)) {
        if (list_check(a) && !seq_other_may_handle(b, BINOP_ADD))
            return err_format(&Exc_TypeError,
                              "can only concatenate list (not \"%T\") to list", b);
        return NEWREF(NotImplemented);
    }
    intptr_t na = LIST_SIZE(a), nb = LIST_SIZE(b);
    Object *r = list_new((size_t)(na + nb));
    if (!r) return NULL;
    for (intptr_t i = 0; i < na; i++) LIST_ITEMS(r)[i] = NEWREF(LIST_GET(a, i));
    for (intptr_t i = 0; i < nb; i++) LIST_ITEMS(r)[na + i] = NEWREF(LIST_GET(b, i));
    return r;
}

static Object *list_inplace_concat(Object *self, Object *other) {
    if (list_extend(self, other) < 0) return NULL;
    return NEWREF(self);
}

/* The repeat count of seq * n, or -1 with *status: 1 NotImplemented, -1 error. */
static intptr_t repeat_count(Object *count, int *status) {
    *status = 0;
    if (!IS_SMALLINT(count) && !OBJ_TYPE(count)->nb_index) {
        if (seq_other_may_handle(count, BINOP_MUL)) {
            *status = 1;
            return -1;
        }
        err_format(&Exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
        *status = -1;
        return -1;
    }
    intptr_t k = obj_as_ssize(count, &Exc_OverflowError);
    if (k == -1 && err_occurred()) {
        *status = -1;
        return -1;
    }
    return k < 0 ? 0 : k;
}

static Object *list_repeat(Object *a, Object *b) {
    Object *seq = a, *count = b;
    if (!list_check(a)) {
        seq = b;
        count = a;
    }
    int status;
    intptr_t k = repeat_count(count, &status);
    if (status) return status > 0 ? NEWREF(NotImplemented) : NULL;
    intptr_t n = LIST_SIZE(seq);
    if (k == 0 || n == 0) return list_new(0);
    if (n > INTPTR_MAX / k / (intptr_t)sizeof(Object *)) return err_no_memory();
    Object *r = list_new((size_t)(n * k));
    if (!r) return NULL;
    Object **dst = LIST_ITEMS(r);
    for (intptr_t j = 0; j < k; j++)
        for (intptr_t i = 0; i < n; i++) *dst++ = NEWREF(LIST_GET(seq, i));
    return r;
}

static Object *list_inplace_repeat(Object *self, Object *count) {
    int status;
    intptr_t k = repeat_count(count, &status);
    if (status) return status > 0 ? NEWREF(NotImplemented) : NULL;
    ListObject *l = (ListObject *)self;
    intptr_t n = l->size;
    if (k == 0 || n == 0) {
        list_clear(self);
        return NEWREF(self);
    }
    if (k > 1) {
        if (n > INTPTR_MAX / k / (intptr_t)sizeof(Object *)) return err_no_memory();
        if (list_resize(l, n * k) < 0) return NULL;
        for (intptr_t j = 1; j < k; j++)
            for (intptr_t i = 0; i < n; i++) l->items[j * n + i] = NEWREF(l->items[i]);
    }
    return NEWREF(self);
}

static Object *list_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames) {
    Object *l = list_alloc(type);
    if (!l) return NULL;
    gc_track(l);
    return l;
}

static int list_tp_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (OBJ_TYPE(self) == &List_Type && args_no_kwargs("list", kwnames) < 0) return -1;
    if (nargs > 1) {
        err_format(&Exc_TypeError, "list expected at most 1 argument, got %zu", nargs);
        return -1;
    }
    list_clear(self);
    if (nargs == 1) return list_extend(self, args[0]);
    return 0;
}

/* ---- methods -------------------------------------------------------------- */

static Object *list_m_append(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg("list", "append", nargs) < 0) return NULL;
    if (list_append(self, args[0]) < 0) return NULL;
    return none_new();
}

static Object *list_m_extend(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg("list", "extend", nargs) < 0) return NULL;
    if (list_extend(self, args[0]) < 0) return NULL;
    return none_new();
}

static Object *list_m_insert(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t where;
    Object *item;
    if (args_count("insert", nargs, 2, 2) < 0 ||
        args_parse(args, nargs, kw, "nO:insert", NULL, &where, &item) < 0)
        return NULL;
    if (list_insert(self, where, item) < 0) return NULL;
    return none_new();
}

static Object *list_m_remove(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg("list", "remove", nargs) < 0) return NULL;
    for (intptr_t i = 0; i < LIST_SIZE(self); i++) {
        Object *x = NEWREF(LIST_GET(self, i));
        int k = obj_richcompare_bool(x, args[0], CMP_EQ);
        DECREF(x);
        if (k < 0) return NULL;
        if (k) {
            if (i < LIST_SIZE(self) &&
                list_replace_range((ListObject *)self, i, i + 1, NULL, 0) < 0)
                return NULL;
            return none_new();
        }
    }
    return err_format(&Exc_ValueError, "list.remove(x): x not in list");
}

static Object *list_m_pop(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t i = -1;
    if (args_count("pop", nargs, 0, 1) < 0 || args_parse(args, nargs, kw, "|n:pop", NULL, &i) < 0)
        return NULL;
    ListObject *l = (ListObject *)self;
    if (l->size == 0) return err_format(&Exc_IndexError, "pop from empty list");
    if (i < 0) i += l->size;
    if (i < 0 || i >= l->size) return err_format(&Exc_IndexError, "pop index out of range");
    if (i == l->size - 1) return list_pop(self);
    Object *v = NEWREF(l->items[i]);
    if (list_replace_range(l, i, i + 1, NULL, 0) < 0) {
        DECREF(v);
        return NULL;
    }
    return v;
}

static Object *list_m_index(Object *self, Object *const *args, size_t nargs, Object *kw) {
    Object *value, *ostart = NULL, *ostop = NULL;
    if (args_count("index", nargs, 1, 3) < 0 ||
        args_parse(args, nargs, kw, "O|OO:index", NULL, &value, &ostart, &ostop) < 0)
        return NULL;
    intptr_t n = LIST_SIZE(self), start = 0, stop = INTPTR_MAX;
    if (ostart) {
        start = obj_as_ssize(ostart, NULL);
        if (start == -1 && err_occurred()) return NULL;
        if (start < 0 && (start += n) < 0) start = 0;
    }
    if (ostop) {
        stop = obj_as_ssize(ostop, NULL);
        if (stop == -1 && err_occurred()) return NULL;
        if (stop < 0 && (stop += n) < 0) stop = 0;
    }
    for (intptr_t i = start; i < stop && i < LIST_SIZE(self); i++) {
        Object *x = NEWREF(LIST_GET(self, i));
        int k = obj_richcompare_bool(x, value, CMP_EQ);
        DECREF(x);
        if (k < 0) return NULL;
        if (k) return int_from_ssize(i);
    }
    return err_format(&Exc_ValueError, "%R is not in list", value);
}

static Object *list_m_count(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg("list", "count", nargs) < 0) return NULL;
    intptr_t c = 0;
    for (intptr_t i = 0; i < LIST_SIZE(self); i++) {
        Object *x = NEWREF(LIST_GET(self, i));
        int k = obj_richcompare_bool(x, args[0], CMP_EQ);
        DECREF(x);
        if (k < 0) return NULL;
        c += k;
    }
    return int_from_ssize(c);
}

static Object *list_m_reverse(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("list", "reverse", nargs) < 0) return NULL;
    list_reverse(self);
    return none_new();
}

static Object *list_m_sort(Object *self, Object *const *args, size_t nargs, Object *kw) {
    static const char *const kwlist[] = {"key", "reverse", NULL};
    Object *key = NULL;
    int reverse = 0;
    if (nargs > 0) return err_format(&Exc_TypeError, "sort() takes no positional arguments");
    if (args_parse(args, nargs, kw, "|$Oi:sort", kwlist, &key, &reverse) < 0) return NULL;
    if (list_sort(self, key, reverse != 0) < 0) return NULL;
    return none_new();
}

static Object *list_m_copy(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("list", "copy", nargs) < 0) return NULL;
    return list_getslice(self, 0, LIST_SIZE(self));
}

static Object *list_m_clear(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("list", "clear", nargs) < 0) return NULL;
    list_clear(self);
    return none_new();
}

typedef struct {
    Object ob_base;
    intptr_t index;
    Object *seq;   /* NULL once exhausted */
} ListIterObject;

static Object *list_m_reversed(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("list", "__reversed__", nargs) < 0) return NULL;
    ListIterObject *it = (ListIterObject *)obj_alloc(&ListRevIter_Type);
    if (!it) return NULL;
    it->seq = NEWREF(self);
    it->index = LIST_SIZE(self) - 1;
    gc_track((Object *)it);
    return (Object *)it;
}

static MethodDef list_methods[] = {
    {"append", list_m_append, 0, "Append object to the end of the list."},
    {"extend", list_m_extend, 0, "Extend list by appending elements from the iterable."},
    {"insert", list_m_insert, 0, "Insert object before index."},
    {"remove", list_m_remove, 0, "Remove first occurrence of value."},
    {"pop", list_m_pop, 0, "Remove and return item at index (default last)."},
    {"index", list_m_index, 0, "Return first index of value."},
    {"count", list_m_count, 0, "Return number of occurrences of value."},
    {"reverse", list_m_reverse, 0, "Reverse *IN PLACE*."},
    {"sort", list_m_sort, METH_KW, "Sort the list in ascending order and return None."},
    {"copy", list_m_copy, 0, "Return a shallow copy of the list."},
    {"clear", list_m_clear, 0, "Remove all items from list."},
    {"__reversed__", list_m_reversed, 0, "Return a reverse iterator over the list."},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

/* ---- iterators ------------------------------------------------------------ */

static Object *list_iter(Object *self) {
    ListIterObject *it = (ListIterObject *)obj_alloc(&ListIter_Type);
    if (!it) return NULL;
    it->seq = NEWREF(self);
    gc_track((Object *)it);
    return (Object *)it;
}

static Object *listiter_next(Object *self) {
    ListIterObject *it = (ListIterObject *)self;
    if (!it->seq) return NULL;
    if (it->index < LIST_SIZE(it->seq)) return NEWREF(LIST_GET(it->seq, it->index++));
    CLEAR(it->seq);
    return NULL;
}

static Object *listreviter_next(Object *self) {
    ListIterObject *it = (ListIterObject *)self;
    if (!it->seq) return NULL;
    if (it->index >= 0 && it->index < LIST_SIZE(it->seq))
        return NEWREF(LIST_GET(it->seq, it->index--));
    it->index = -1;
    CLEAR(it->seq);
    return NULL;
}

static void listiter_dealloc(Object *self) {
    gc_untrack(self);
    XDECREF(((ListIterObject *)self)->seq);
    obj_free(self);
}

static int listiter_traverse(Object *self, visitproc visit, void *arg) {
    Object *s = ((ListIterObject *)self)->seq;
    return s ? visit(s, arg) : 0;
}

static int listiter_clear(Object *self) {
    CLEAR(((ListIterObject *)self)->seq);
    return 0;
}

static Object *listiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                    Object *kw) {
    ListIterObject *it = (ListIterObject *)self;
    intptr_t n = 0;
    if (it->seq) {
        if (OBJ_TYPE(self) == &ListIter_Type) n = LIST_SIZE(it->seq) - it->index;
        else if (it->index < LIST_SIZE(it->seq)) n = it->index + 1;
    }
    return int_from_ssize(n < 0 ? 0 : n);
}

static MethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject ListIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "list_iterator",
    .basicsize = sizeof(ListIterObject),
    .flags = TPFLAG_GC,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .clear = listiter_clear,
    .iter = iter_self,
    .iternext = listiter_next,
    .methods = listiter_methods,
};

TypeObject ListRevIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "list_reverseiterator",
    .basicsize = sizeof(ListIterObject),
    .flags = TPFLAG_GC,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .clear = listiter_clear,
    .iter = iter_self,
    .iternext = listreviter_next,
    .methods = listiter_methods,
};

TypeObject List_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "list",
    .basicsize = sizeof(ListObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE | TPFLAG_LIST_SUBCLASS,
    .doc = "Built-in mutable sequence.",
    .dealloc = list_dealloc,
    .traverse = list_traverse,
    .clear = list_clear_slot,
    .repr = list_repr,
    .hash = obj_hash_not_implemented,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .nb_add = list_concat,
    .nb_mul = list_repeat,
    .nb_inplace_add = list_inplace_concat,
    .nb_inplace_mul = list_inplace_repeat,
    .len = list_len,
    .getitem = list_subscript,
    .setitem = list_ass_subscript,
    .contains = list_contains,
    .tp_new = list_tp_new,
    .tp_init = list_tp_init,
    .methods = list_methods,
};
