/* vm/objects/tuple.c — tuple: an immutable fixed-size array of references.
 *
 * Invariants: items[0..size) hold owned references once the tuple is
 * visible to Python code (tuple_new hands out NULL slots for its caller to
 * fill).  One shared empty tuple exists; small exact tuples are recycled
 * through per-size free lists, since tuples are created on every call with
 * *args, every items() step and every multiple assignment.
 */
#include <string.h>

#include "gc/gc.h"
#include "vm/vm.h"
#include "vm/objects/containers.h"
#include "vm/objects/typesys.h"

#define TUPLE_FREELIST_SIZES 20    /* sizes 1..19 are recycled */
#define TUPLE_FREELIST_MAX 2000    /* per size */

/* Free lists: chained through items[0]; only touched under the GIL. */
static TupleObject *tuple_freelist[TUPLE_FREELIST_SIZES];
static int tuple_freelist_count[TUPLE_FREELIST_SIZES];
static Object *empty_tuple;

static Object *tuple_alloc(TypeObject *type, size_t n) {
    if (type == &Tuple_Type && n < TUPLE_FREELIST_SIZES && tuple_freelist[n]) {
        TupleObject *t = tuple_freelist[n];
        tuple_freelist[n] = (TupleObject *)t->items[0];
        tuple_freelist_count[n]--;
        t->ob_base.refcnt = 1;
        memset(t->items, 0, n * sizeof(Object *));
        return (Object *)t;
    }
    TupleObject *t = (TupleObject *)obj_alloc_var(type, n);
    if (!t) return NULL;
    t->size = (intptr_t)n;
    t->hash_cache_unused = -1;
    return (Object *)t;
}

Object *tuple_empty(void) {
    if (!empty_tuple) {
        empty_tuple = tuple_alloc(&Tuple_Type, 0);
        if (!empty_tuple) return NULL;
    }
    return NEWREF(empty_tuple);
}

Object *tuple_new(size_t n) {
    if (n == 0) return tuple_empty();
    Object *t = tuple_alloc(&Tuple_Type, n);
    if (t) gc_track(t);
    return t;
}

Object *tuple_from_array(Object *const *items, size_t n) {
    if (n == 0) return tuple_empty();
    Object *t = tuple_alloc(&Tuple_Type, n);
    if (!t) return NULL;
    for (size_t i = 0; i < n; i++) TUPLE_ITEMS(t)[i] = NEWREF(items[i]);
    gc_track(t);
    return t;
}

Object *tuple_pack(size_t n, ...) {
    if (n == 0) return tuple_empty();
    Object *t = tuple_alloc(&Tuple_Type, n);
    if (!t) return NULL;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) TUPLE_ITEMS(t)[i] = NEWREF(va_arg(ap, Object *));
    va_end(ap);
    gc_track(t);
    return t;
}

Object *tuple_getslice(Object *t, intptr_t lo, intptr_t hi) {
    intptr_t n = TUPLE_SIZE(t);
    if (lo < 0) lo = 0;
    if (hi > n) hi = n;
    if (hi < lo) hi = lo;
    if (lo == 0 && hi == n && OBJ_TYPE(t) == &Tuple_Type) return NEWREF(t);
    return tuple_from_array(TUPLE_ITEMS(t) + lo, (size_t)(hi - lo));
}

static void tuple_dealloc(Object *self) {
    TupleObject *t = (TupleObject *)self;
    gc_untrack(self);
    if (!trash_begin(self)) return;
    intptr_t n = t->size;
    for (intptr_t i = n - 1; i >= 0; i--) XDECREF(t->items[i]);
    if (self->type == &Tuple_Type && n > 0 && n < TUPLE_FREELIST_SIZES &&
        tuple_freelist_count[n] < TUPLE_FREELIST_MAX) {
        t->items[0] = (Object *)tuple_freelist[n];
        tuple_freelist[n] = t;
        tuple_freelist_count[n]++;
    } else {
        obj_free(self);
    }
    trash_end();
}

static int tuple_traverse(Object *self, visitproc visit, void *arg) {
    TupleObject *t = (TupleObject *)self;
    for (intptr_t i = 0; i < t->size; i++) {
        if (t->items[i]) {
            int r = visit(t->items[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

static int tuple_clear_refs(Object *self) {
    TupleObject *t = (TupleObject *)self;
    for (intptr_t i = 0; i < t->size; i++) CLEAR(t->items[i]);
    return 0;
}

static Object *tuple_repr(Object *self) {
    intptr_t n = TUPLE_SIZE(self);
    if (n == 0) return str_from_cstr("()");
    int r = container_repr_enter(self);
    if (r != 0) return r > 0 ? str_from_cstr("(...)") : NULL;
    if (enter_recursive_call(" while getting the repr of an object") < 0) {
        container_repr_leave(self);
        return NULL;
    }
    StrBuf sb;
    strbuf_init(&sb);
    strbuf_append_char(&sb, '(');
    for (intptr_t i = 0; i < n; i++) {
        if (i > 0 && strbuf_append(&sb, ", ", 2) < 0) goto fail;
        if (strbuf_append_repr(&sb, TUPLE_GET(self, i)) < 0) goto fail;
    }
    if (n == 1 && strbuf_append_char(&sb, ',') < 0) goto fail;
    if (strbuf_append_char(&sb, ')') < 0) goto fail;
    leave_recursive_call();
    container_repr_leave(self);
    return strbuf_finish(&sb);
fail:
    leave_recursive_call();
    container_repr_leave(self);
    strbuf_free(&sb);
    return NULL;
}

/* The xxHash-style combination CPython uses, so hash((1, 2)) agrees. */
#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

int64_t tuple_hash(Object *self) {
    intptr_t n = TUPLE_SIZE(self);
    uint64_t acc = XXPRIME_5;
    for (intptr_t i = 0; i < n; i++) {
        int64_t h = obj_hash(TUPLE_GET(self, i));
        if (h == -1) return -1;
        acc += (uint64_t)h * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)n ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (uint64_t)-1) return 1546275796;
    return (int64_t)acc;
}

/* Lexicographic comparison shared with list (see list.c's seq_richcompare). */
static Object *tuple_richcompare(Object *a, Object *b, int op) {
    if (!tuple_check(b)) return NEWREF(NotImplemented);
    intptr_t na = TUPLE_SIZE(a), nb = TUPLE_SIZE(b);
    intptr_t i;
    for (i = 0; i < na && i < nb; i++) {
        int k = obj_richcompare_bool(TUPLE_GET(a, i), TUPLE_GET(b, i), CMP_EQ);
        if (k < 0) return NULL;
        if (!k) break;
    }
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
    return obj_richcompare(TUPLE_GET(a, i), TUPLE_GET(b, i), op);
}

static intptr_t tuple_len(Object *self) { return TUPLE_SIZE(self); }

static int tuple_contains(Object *self, Object *item) {
    intptr_t n = TUPLE_SIZE(self);
    for (intptr_t i = 0; i < n; i++) {
        int k = obj_richcompare_bool(TUPLE_GET(self, i), item, CMP_EQ);
        if (k != 0) return k;
    }
    return 0;
}

static Object *tuple_subscript(Object *self, Object *key) {
    intptr_t n = TUPLE_SIZE(self);
    if (IS_SMALLINT(key) || OBJ_TYPE(key)->nb_index) {
        intptr_t i;
        if (IS_SMALLINT(key)) {
            i = SMALLINT_VALUE(key);
        } else {
            i = obj_as_ssize(key, &Exc_IndexError);
            if (i == -1 && err_occurred()) return NULL;
        }
        if (i < 0) i += n;
        if (i < 0 || i >= n) return err_format(&Exc_IndexError, "tuple index out of range");
        return NEWREF(TUPLE_GET(self, i));
    }
    if (slice_check(key)) {
        intptr_t start, stop, step, len;
        if (slice_indices(key, n, &start, &stop, &step, &len) < 0) return NULL;
        if (step == 1) return tuple_getslice(self, start, stop);
        if (len <= 0) return tuple_empty();
        Object *r = tuple_alloc(&Tuple_Type, (size_t)len);
        if (!r) return NULL;
        for (intptr_t k = 0, i = start; k < len; k++, i += step)
            TUPLE_ITEMS(r)[k] = NEWREF(TUPLE_GET(self, i));
        gc_track(r);
        return r;
    }
    return err_format(&Exc_TypeError, "tuple indices must be integers or slices, not %T", key);
}

static Object *tuple_concat(Object *a, Object *b) {
    if (!tuple_check(a) || !tuple_check(b)) {
        if (tuple_check(a) && !seq_other_may_handle(b, BINOP_ADD))
            return err_format(&Exc_TypeError,
                              "can only concatenate tuple (not \"%T\") to tuple", b);
        return NEWREF(NotImplemented);
    }
    intptr_t na = TUPLE_SIZE(a), nb = TUPLE_SIZE(b);
    if (nb == 0 && OBJ_TYPE(a) == &Tuple_Type) return NEWREF(a);
    if (na == 0 && OBJ_TYPE(b) == &Tuple_Type) return NEWREF(b);
    if (na + nb == 0) return tuple_empty();
    Object *r = tuple_alloc(&Tuple_Type, (size_t)(na + nb));
    if (!r) return NULL;
    for (intptr_t i = 0; i < na; i++) TUPLE_ITEMS(r)[i] = NEWREF(TUPLE_GET(a, i));
    for (intptr_t i = 0; i < nb; i++) TUPLE_ITEMS(r)[na + i] = NEWREF(TUPLE_GET(b, i));
    gc_track(r);
    return r;
}

/* seq * n where one operand is the tuple and the other an index-able int. */
static Object *tuple_repeat(Object *a, Object *b) {
    Object *seq = a, *count = b;
    if (!tuple_check(a)) {
        seq = b;
        count = a;
    }
    if (!IS_SMALLINT(count) && !OBJ_TYPE(count)->nb_index) {
        if (seq_other_may_handle(count, BINOP_MUL)) return NEWREF(NotImplemented);
        return err_format(&Exc_TypeError, "can't multiply sequence by non-int of type '%T'",
                          count);
    }
    intptr_t k = obj_as_ssize(count, &Exc_OverflowError);
    if (k == -1 && err_occurred()) return NULL;
    intptr_t n = TUPLE_SIZE(seq);
    if (k <= 0 || n == 0) return tuple_empty();
    if (k == 1 && OBJ_TYPE(seq) == &Tuple_Type) return NEWREF(seq);
    if (n > INTPTR_MAX / k / (intptr_t)sizeof(Object *)) return err_no_memory();
    Object *r = tuple_alloc(&Tuple_Type, (size_t)(n * k));
    if (!r) return NULL;
    Object **dst = TUPLE_ITEMS(r);
    for (intptr_t j = 0; j < k; j++)
        for (intptr_t i = 0; i < n; i++) *dst++ = NEWREF(TUPLE_GET(seq, i));
    gc_track(r);
    return r;
}

/* ---- methods -------------------------------------------------------------- */

static Object *tuple_count(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (meth_one_arg("tuple", "count", nargs) < 0) return NULL;
    intptr_t c = 0, n = TUPLE_SIZE(self);
    for (intptr_t i = 0; i < n; i++) {
        int k = obj_richcompare_bool(TUPLE_GET(self, i), args[0], CMP_EQ);
        if (k < 0) return NULL;
        c += k;
    }
    return int_from_ssize(c);
}

static Object *tuple_index(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *value, *ostart = NULL, *ostop = NULL;
    if (args_count("index", nargs, 1, 3) < 0 ||
        args_parse(args, nargs, kwnames, "O|OO:index", NULL, &value, &ostart, &ostop) < 0)
        return NULL;
    intptr_t n = TUPLE_SIZE(self), start = 0, stop = n;
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
    for (intptr_t i = start; i < stop && i < TUPLE_SIZE(self); i++) {
        int k = obj_richcompare_bool(TUPLE_GET(self, i), value, CMP_EQ);
        if (k < 0) return NULL;
        if (k) return int_from_ssize(i);
    }
    return err_format(&Exc_ValueError, "tuple.index(x): x not in tuple");
}

static Object *tuple_getnewargs(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    Object *copy = tuple_from_array(TUPLE_ITEMS(self), (size_t)TUPLE_SIZE(self));
    if (!copy) return NULL;
    Object *r = tuple_pack(1, copy);
    DECREF(copy);
    return r;
}

static MethodDef tuple_methods[] = {
    {"count", tuple_count, 0, "Return number of occurrences of value."},
    {"index", tuple_index, 0, "Return first index of value."},
    {"__getnewargs__", tuple_getnewargs, 0, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

/* tuple(iterable=()); honours subtypes (namedtuple classes derive from tuple). */
static Object *tuple_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    if (type == &Tuple_Type && args_no_kwargs("tuple", kwnames) < 0) return NULL;
    Object *iterable = NULL;
    if (nargs > 1)
        return err_format(&Exc_TypeError, "tuple expected at most 1 argument, got %zu", nargs);
    if (nargs == 1) iterable = args[0];
    Object *t;
    if (!iterable) {
        t = tuple_empty();
    } else if (OBJ_TYPE(iterable) == &Tuple_Type) {
        t = NEWREF(iterable);
    } else if (list_check(iterable)) {
        t = list_as_tuple(iterable);
    } else {
        Object *l = list_from_iterable(iterable);
        if (!l) return NULL;
        t = list_as_tuple(l);
        DECREF(l);
    }
    if (!t || type == &Tuple_Type) return t;
    intptr_t n = TUPLE_SIZE(t);
    Object *r = obj_alloc_var(type, (size_t)n);
    if (!r) {
        DECREF(t);
        return NULL;
    }
    ((TupleObject *)r)->size = n;
    ((TupleObject *)r)->hash_cache_unused = -1;
    for (intptr_t i = 0; i < n; i++) TUPLE_ITEMS(r)[i] = NEWREF(TUPLE_GET(t, i));
    DECREF(t);
    gc_track(r);
    return r;
}

/* ---- iterator ------------------------------------------------------------- */

typedef struct {
    Object ob_base;
    intptr_t index;
    Object *seq;   /* NULL once exhausted */
} TupleIterObject;

static Object *tuple_iter(Object *self) {
    TupleIterObject *it = (TupleIterObject *)obj_alloc(&TupleIter_Type);
    if (!it) return NULL;
    it->seq = NEWREF(self);
    gc_track((Object *)it);
    return (Object *)it;
}

static Object *tupleiter_next(Object *self) {
    TupleIterObject *it = (TupleIterObject *)self;
    if (!it->seq) return NULL;
    if (it->index < TUPLE_SIZE(it->seq)) return NEWREF(TUPLE_GET(it->seq, it->index++));
    CLEAR(it->seq);
    return NULL;
}

static void tupleiter_dealloc(Object *self) {
    gc_untrack(self);
    XDECREF(((TupleIterObject *)self)->seq);
    obj_free(self);
}

static int tupleiter_traverse(Object *self, visitproc visit, void *arg) {
    Object *s = ((TupleIterObject *)self)->seq;
    return s ? visit(s, arg) : 0;
}

static int tupleiter_clear(Object *self) {
    CLEAR(((TupleIterObject *)self)->seq);
    return 0;
}

static Object *tupleiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    TupleIterObject *it = (TupleIterObject *)self;
    return int_from_ssize(it->seq ? TUPLE_SIZE(it->seq) - it->index : 0);
}

static MethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject TupleIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "tuple_iterator",
    .basicsize = sizeof(TupleIterObject),
    .flags = TPFLAG_GC,
    .dealloc = tupleiter_dealloc,
    .traverse = tupleiter_traverse,
    .clear = tupleiter_clear,
    .iter = iter_self,
    .iternext = tupleiter_next,
    .methods = tupleiter_methods,
};

TypeObject Tuple_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "tuple",
    .basicsize = sizeof(TupleObject),
    .itemsize = sizeof(Object *),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE | TPFLAG_TUPLE_SUBCLASS,
    .doc = "Built-in immutable sequence.",
    .dealloc = tuple_dealloc,
    .traverse = tuple_traverse,
    .clear = tuple_clear_refs,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .nb_add = tuple_concat,
    .nb_mul = tuple_repeat,
    .len = tuple_len,
    .getitem = tuple_subscript,
    .contains = tuple_contains,
    .tp_new = tuple_tp_new,
    .methods = tuple_methods,
};
