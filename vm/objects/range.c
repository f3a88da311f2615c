/* vm/objects/range.c — range, its iterators, and slice.
 *
 * A range keeps start/stop/step and its precomputed length as int objects
 * (tagged when small).  When all four are small, iteration, indexing and
 * membership run on C integers; otherwise the same arithmetic is done on
 * int objects (ranges over big ints work, just slower).  The range iterator
 * hands out tagged ints without allocating.
 *
 * slice objects carry start/stop/step (None when absent); slice_indices
 * resolves them against a length exactly like CPython.
 */
#include "vm/vm.h"
#include "vm/objects/containers.h"
#include "vm/objects/typesys.h"

/* ---- int object helpers ---------------------------------------------------- */

static Object *num_add(Object *a, Object *b) { return obj_binary_op(a, b, BINOP_ADD); }
static Object *num_sub(Object *a, Object *b) { return obj_binary_op(a, b, BINOP_SUB); }
static Object *num_mul(Object *a, Object *b) { return obj_binary_op(a, b, BINOP_MUL); }
static Object *num_floordiv(Object *a, Object *b) {
    return obj_binary_op(a, b, BINOP_FLOORDIV);
}

static Object *int_from_i128(__int128 v) {
    if (v >= INT64_MIN && v <= INT64_MAX) return int_from_long((long long)v);
    mpz_t z, hi;
    bool neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    mpz_init(z);
    mpz_init(hi);
    mpz_set_ui(z, (unsigned long)(uint64_t)(u >> 64));
    mpz_mul_2exp(z, z, 64);
    mpz_set_ui(hi, (unsigned long)(uint64_t)u);
    mpz_add(z, z, hi);
    if (neg) mpz_neg(z, z);
    Object *r = int_from_mpz(z);
    mpz_clear(z);
    mpz_clear(hi);
    return r;
}

static bool range_is_small(RangeObject *r) {
    return IS_SMALLINT(r->start) && IS_SMALLINT(r->stop) && IS_SMALLINT(r->step) &&
           IS_SMALLINT(r->length);
}

/* Number of elements of range(start, stop, step) (step != 0), new reference. */
static Object *compute_length(Object *start, Object *stop, Object *step) {
    if (IS_SMALLINT(start) && IS_SMALLINT(stop) && IS_SMALLINT(step)) {
        __int128 lo = SMALLINT_VALUE(start), hi = SMALLINT_VALUE(stop),
                 st = SMALLINT_VALUE(step);
        __int128 n = 0;
        if (st > 0 && lo < hi) n = (hi - lo - 1) / st + 1;
        else if (st < 0 && lo > hi) n = (lo - hi - 1) / (-st) + 1;
        return int_from_i128(n);
    }
    int sign = int_sign(step);
    Object *lo = sign > 0 ? start : stop, *hi = sign > 0 ? stop : start;
    int cmp = obj_richcompare_bool(lo, hi, CMP_LT);
    if (cmp < 0) return NULL;
    if (!cmp) return int_from_long(0);
    Object *absstep = sign > 0 ? NEWREF(step) : obj_neg(step);
    if (!absstep) return NULL;
    /* (hi - lo - 1) // |step| + 1 */
    Object *diff = num_sub(hi, lo), *t = NULL, *q = NULL, *r = NULL;
    if (diff) t = num_sub(diff, MAKE_SMALLINT(1));
    if (t) q = num_floordiv(t, absstep);
    if (q) r = num_add(q, MAKE_SMALLINT(1));
    XDECREF(diff);
    XDECREF(t);
    XDECREF(q);
    DECREF(absstep);
    return r;
}

/* Steals start, stop, step. */
static Object *range_make(TypeObject *type, Object *start, Object *stop, Object *step) {
    Object *len = compute_length(start, stop, step);
    if (!len) goto fail;
    RangeObject *r = (RangeObject *)obj_alloc(type);
    if (!r) {
        DECREF(len);
        goto fail;
    }
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = len;
    return (Object *)r;
fail:
    DECREF(start);
    DECREF(stop);
    DECREF(step);
    return NULL;
}

Object *range_new(intptr_t start, intptr_t stop, intptr_t step) {
    if (step == 0) return err_format(&Exc_ValueError, "range() arg 3 must not be zero");
    Object *a = int_from_ssize(start), *b = int_from_ssize(stop), *c = int_from_ssize(step);
    if (!a || !b || !c) {
        XDECREF(a);
        XDECREF(b);
        XDECREF(c);
        return NULL;
    }
    return range_make(&Range_Type, a, b, c);
}

static Object *range_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    if (args_no_kwargs("range", kwnames) < 0) return NULL;
    if (nargs == 0)
        return err_format(&Exc_TypeError, "range expected at least 1 argument, got 0");
    if (nargs > 3)
        return err_format(&Exc_TypeError, "range expected at most 3 arguments, got %zu", nargs);
    Object *v[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < nargs; i++) {
        v[i] = obj_index(args[i]);
        if (!v[i]) {
            for (size_t j = 0; j < i; j++) DECREF(v[j]);
            return NULL;
        }
    }
    Object *start, *stop, *step;
    if (nargs == 1) {
        start = MAKE_SMALLINT(0);
        stop = v[0];
        step = MAKE_SMALLINT(1);
    } else {
        start = v[0];
        stop = v[1];
        step = nargs == 3 ? v[2] : MAKE_SMALLINT(1);
    }
    if (int_sign(step) == 0) {
        DECREF(start);
        DECREF(stop);
        DECREF(step);
        return err_format(&Exc_ValueError, "range() arg 3 must not be zero");
    }
    return range_make(type, start, stop, step);
}

static void range_dealloc(Object *self) {
    RangeObject *r = (RangeObject *)self;
    DECREF(r->start);
    DECREF(r->stop);
    DECREF(r->step);
    DECREF(r->length);
    obj_free(self);
}

static Object *range_repr(Object *self) {
    RangeObject *r = (RangeObject *)self;
    if (IS_SMALLINT(r->step) && SMALLINT_VALUE(r->step) == 1)
        return str_from_format("range(%R, %R)", r->start, r->stop);
    return str_from_format("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static intptr_t range_len(Object *self) {
    RangeObject *r = (RangeObject *)self;
    if (IS_SMALLINT(r->length)) return SMALLINT_VALUE(r->length);
    err_format(&Exc_OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
}

static int range_bool(Object *self) { return int_sign(((RangeObject *)self)->length) != 0; }

/* start + i * step for 0 <= i < len (new reference). */
static Object *range_value_at(RangeObject *r, Object *i) {
    if (IS_SMALLINT(i) && IS_SMALLINT(r->start) && IS_SMALLINT(r->step))
        return int_from_i128((__int128)SMALLINT_VALUE(r->start) +
                             (__int128)SMALLINT_VALUE(i) * SMALLINT_VALUE(r->step));
    Object *t = num_mul(i, r->step);
    if (!t) return NULL;
    Object *v = num_add(r->start, t);
    DECREF(t);
    return v;
}

/* Slice bounds resolved against an int-object length (slice.indices and
 * range slicing); all outputs new references. */
static int slice_indices_obj(Object *slice, Object *length, Object **pstart, Object **pstop,
                             Object **pstep) {
    SliceObject *s = (SliceObject *)slice;
    Object *step = NULL, *start = NULL, *stop = NULL, *lower = NULL, *upper = NULL;
    if (s->step == None) {
        step = MAKE_SMALLINT(1);
    } else {
        step = obj_index(s->step);
        if (!step) goto fail;
        if (int_sign(step) == 0) {
            err_format(&Exc_ValueError, "slice step cannot be zero");
            goto fail;
        }
    }
    bool neg = int_sign(step) < 0;
    if (neg) {
        lower = MAKE_SMALLINT(-1);
        upper = num_add(length, lower);
        if (!upper) goto fail;
    } else {
        lower = MAKE_SMALLINT(0);
        upper = NEWREF(length);
    }
    Object *const src[2] = {s->start, s->stop};
    Object **dst[2] = {&start, &stop};
    for (int k = 0; k < 2; k++) {
        Object *v;
        if (src[k] == None) {
            v = NEWREF((k == 0) == neg ? upper : lower);
        } else {
            v = obj_index(src[k]);
            if (!v) goto fail;
            if (int_sign(v) < 0) {
                Object *t = num_add(v, length);
                DECREF(v);
                if (!t) goto fail;
                v = t;
                int c = obj_richcompare_bool(v, lower, CMP_LT);
                if (c < 0) {
                    DECREF(v);
                    goto fail;
                }
                if (c) SETREF(v, NEWREF(lower));
            } else {
                int c = obj_richcompare_bool(v, upper, CMP_GT);
                if (c < 0) {
                    DECREF(v);
                    goto fail;
                }
                if (c) SETREF(v, NEWREF(upper));
            }
        }
        *dst[k] = v;
    }
    DECREF(upper);
    *pstart = start;
    *pstop = stop;
    *pstep = step;
    return 0;
fail:
    XDECREF(step);
    XDECREF(start);
    XDECREF(stop);
    XDECREF(upper);
    return -1;
}

static Object *range_subscript(Object *self, Object *key) {
    RangeObject *r = (RangeObject *)self;
    if (slice_check(key)) {
        Object *sstart, *sstop, *sstep;
        if (slice_indices_obj(key, r->length, &sstart, &sstop, &sstep) < 0) return NULL;
        Object *start = range_value_at(r, sstart);
        Object *stop = start ? range_value_at(r, sstop) : NULL;
        Object *step = stop ? num_mul(r->step, sstep) : NULL;
        DECREF(sstart);
        DECREF(sstop);
        DECREF(sstep);
        if (!step) {
            XDECREF(start);
            XDECREF(stop);
            return NULL;
        }
        return range_make(&Range_Type, start, stop, step);
    }
    if (!IS_SMALLINT(key) && !OBJ_TYPE(key)->nb_index)
        return err_format(&Exc_TypeError, "range indices must be integers or slices, not %T",
                          key);
    Object *i = obj_index(key);
    if (!i) return NULL;
    if (int_sign(i) < 0) {
        SETREF(i, num_add(i, r->length));
        if (!i) return NULL;
    }
    int ok = int_sign(i) >= 0;
    if (ok) {
        ok = obj_richcompare_bool(i, r->length, CMP_LT);
        if (ok < 0) {
            DECREF(i);
            return NULL;
        }
    }
    if (!ok) {
        DECREF(i);
        return err_format(&Exc_IndexError, "range object index out of range");
    }
    Object *v = range_value_at(r, i);
    DECREF(i);
    return v;
}

/* Is the exact int x one of the range's values?  1/0/-1. */
static int range_contains_int(RangeObject *r, Object *x) {
    if (IS_SMALLINT(x) && range_is_small(r)) {
        intptr_t v = SMALLINT_VALUE(x), lo = SMALLINT_VALUE(r->start),
                 hi = SMALLINT_VALUE(r->stop), st = SMALLINT_VALUE(r->step);
        if (st > 0 ? !(lo <= v && v < hi) : !(hi < v && v <= lo)) return 0;
        return ((__int128)v - lo) % st == 0;
    }
    int pos = int_sign(r->step) > 0;
    int c1 = obj_richcompare_bool(pos ? r->start : x, pos ? x : r->start, CMP_LE);
    if (c1 <= 0) return c1;
    int c2 = obj_richcompare_bool(pos ? x : r->stop, pos ? r->stop : x, CMP_LT);
    if (c2 <= 0) return c2;
    Object *d = num_sub(x, r->start);
    if (!d) return -1;
    Object *m = obj_binary_op(d, r->step, BINOP_MOD);
    DECREF(d);
    if (!m) return -1;
    int zero = int_sign(m) == 0;
    DECREF(m);
    return zero;
}

static bool is_plain_int(Object *x) {
    return int_check_exact(x) || (!IS_SMALLINT(x) && x->type == &Bool_Type);
}

/* Linear search through the range for non-int items: count or first index. */
static int range_search(Object *self, Object *x, bool want_index, intptr_t *out) {
    Object *it = obj_get_iter(self), *v;
    if (!it) return -1;
    intptr_t i = 0, count = 0;
    while ((v = obj_iter_next(it)) != NULL) {
        int c = obj_richcompare_bool(v, x, CMP_EQ);
        DECREF(v);
        if (c < 0) {
            DECREF(it);
            return -1;
        }
        if (c) {
            if (want_index) {
                DECREF(it);
                *out = i;
                return 1;
            }
            count++;
        }
        i++;
    }
    DECREF(it);
    if (err_occurred()) return -1;
    *out = count;
    return want_index ? 0 : 1;
}

static int range_contains(Object *self, Object *x) {
    if (is_plain_int(x)) return range_contains_int((RangeObject *)self, x);
    intptr_t idx;
    return range_search(self, x, true, &idx);
}

static Object *range_count(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg("range", "count", nargs) < 0) return NULL;
    if (is_plain_int(args[0])) {
        int c = range_contains_int((RangeObject *)self, args[0]);
        return c < 0 ? NULL : int_from_long(c);
    }
    intptr_t n;
    if (range_search(self, args[0], false, &n) < 0) return NULL;
    return int_from_ssize(n);
}

static Object *range_index(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg("range", "index", nargs) < 0) return NULL;
    RangeObject *r = (RangeObject *)self;
    Object *x = args[0];
    if (is_plain_int(x)) {
        int c = range_contains_int(r, x);
        if (c < 0) return NULL;
        if (!c) return err_format(&Exc_ValueError, "%R is not in range", x);
        Object *d = num_sub(x, r->start);
        if (!d) return NULL;
        Object *q = num_floordiv(d, r->step);
        DECREF(d);
        return q;
    }
    intptr_t idx;
    int c = range_search(self, x, true, &idx);
    if (c < 0) return NULL;
    if (!c) return err_format(&Exc_ValueError, "sequence.index(x): x not in sequence");
    return int_from_ssize(idx);
}

static Object *range_richcompare(Object *a, Object *b, int op) {
    if (OBJ_TYPE(b) != &Range_Type || (op != CMP_EQ && op != CMP_NE))
        return NEWREF(NotImplemented);
    RangeObject *x = (RangeObject *)a, *y = (RangeObject *)b;
    int eq = 1;
    if (a != b) {
        eq = obj_richcompare_bool(x->length, y->length, CMP_EQ);
        if (eq > 0 && int_sign(x->length) != 0) {
            eq = obj_richcompare_bool(x->start, y->start, CMP_EQ);
            if (eq > 0) {
                int one = obj_richcompare_bool(x->length, MAKE_SMALLINT(1), CMP_EQ);
                if (one < 0) return NULL;
                if (!one) eq = obj_richcompare_bool(x->step, y->step, CMP_EQ);
            }
        }
        if (eq < 0) return NULL;
    }
    return bool_from(op == CMP_EQ ? eq : !eq);
}

/* hash((len, start, step)) with None for the parts equality ignores. */
static int64_t range_hash(Object *self) {
    RangeObject *r = (RangeObject *)self;
    Object *t;
    if (int_sign(r->length) == 0) {
        t = tuple_pack(3, r->length, None, None);
    } else {
        int one = obj_richcompare_bool(r->length, MAKE_SMALLINT(1), CMP_EQ);
        if (one < 0) return -1;
        t = one ? tuple_pack(3, r->length, r->start, None)
                : tuple_pack(3, r->length, r->start, r->step);
    }
    if (!t) return -1;
    int64_t h = obj_hash(t);
    DECREF(t);
    return h;
}

/* ---- iterators ------------------------------------------------------------ */

typedef struct {
    Object ob_base;
    intptr_t next, step, remaining;
} RangeIterObject;

typedef struct {
    Object ob_base;
    Object *next, *step, *remaining;
} LongRangeIterObject;

static Object *make_range_iter(Object *start, Object *step, Object *len) {
    if (IS_SMALLINT(start) && IS_SMALLINT(step) && IS_SMALLINT(len)) {
        /* Every produced value lies between start and the last value, both
         * small, so it fits a tagged int. */
        RangeIterObject *it = (RangeIterObject *)obj_alloc(&RangeIter_Type);
        if (!it) return NULL;
        it->next = SMALLINT_VALUE(start);
        it->step = SMALLINT_VALUE(step);
        it->remaining = SMALLINT_VALUE(len);
        return (Object *)it;
    }
    LongRangeIterObject *it = (LongRangeIterObject *)obj_alloc(&LongRangeIter_Type);
    if (!it) return NULL;
    it->next = NEWREF(start);
    it->step = NEWREF(step);
    it->remaining = NEWREF(len);
    return (Object *)it;
}

static Object *range_iter(Object *self) {
    RangeObject *r = (RangeObject *)self;
    return make_range_iter(r->start, r->step, r->length);
}

static Object *range_reversed(Object *self, Object *const *args, size_t nargs, Object *kw) {
    RangeObject *r = (RangeObject *)self;
    if (int_sign(r->length) == 0) return make_range_iter(r->start, r->step, r->length);
    Object *lastidx = num_sub(r->length, MAKE_SMALLINT(1));
    if (!lastidx) return NULL;
    Object *last = range_value_at(r, lastidx);
    DECREF(lastidx);
    if (!last) return NULL;
    Object *negstep = obj_neg(r->step);
    if (!negstep) {
        DECREF(last);
        return NULL;
    }
    /* The last value must itself be small for the fast iterator. */
    Object *it = make_range_iter(last, negstep, r->length);
    DECREF(last);
    DECREF(negstep);
    return it;
}

static Object *rangeiter_next(Object *self) {
    RangeIterObject *it = (RangeIterObject *)self;
    if (it->remaining <= 0) return NULL;
    Object *v = MAKE_SMALLINT(it->next);
    /* Wrapping add: the value after the last one is never used. */
    it->next = (intptr_t)((uintptr_t)it->next + (uintptr_t)it->step);
    it->remaining--;
    return v;
}

static Object *rangeiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                     Object *kw) {
    return int_from_ssize(((RangeIterObject *)self)->remaining);
}

static Object *longrangeiter_next(Object *self) {
    LongRangeIterObject *it = (LongRangeIterObject *)self;
    if (int_sign(it->remaining) <= 0) return NULL;
    Object *rem = num_sub(it->remaining, MAKE_SMALLINT(1));
    if (!rem) return NULL;
    Object *after = num_add(it->next, it->step);
    if (!after) {
        DECREF(rem);
        return NULL;
    }
    SETREF(it->remaining, rem);
    Object *v = it->next;
    it->next = after;
    return v;
}

static void longrangeiter_dealloc(Object *self) {
    LongRangeIterObject *it = (LongRangeIterObject *)self;
    DECREF(it->next);
    DECREF(it->step);
    DECREF(it->remaining);
    obj_free(self);
}

static Object *longrangeiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                         Object *kw) {
    return NEWREF(((LongRangeIterObject *)self)->remaining);
}

static MethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static MethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject RangeIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "range_iterator",
    .basicsize = sizeof(RangeIterObject),
    .dealloc = obj_free,
    .iter = iter_self,
    .iternext = rangeiter_next,
    .methods = rangeiter_methods,
};

TypeObject LongRangeIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "longrange_iterator",
    .basicsize = sizeof(LongRangeIterObject),
    .dealloc = longrangeiter_dealloc,
    .iter = iter_self,
    .iternext = longrangeiter_next,
    .methods = longrangeiter_methods,
};

static Object *range_get_start(Object *self, void *c) {
    return NEWREF(((RangeObject *)self)->start);
}
static Object *range_get_stop(Object *self, void *c) {
    return NEWREF(((RangeObject *)self)->stop);
}
static Object *range_get_step(Object *self, void *c) {
    return NEWREF(((RangeObject *)self)->step);
}

static GetSetDef range_getset[] = {
    {"start", range_get_start, NULL, NULL, NULL},
    {"stop", range_get_stop, NULL, NULL, NULL},
    {"step", range_get_step, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MethodDef range_methods[] = {
    {"count", range_count, 0, "rangeobject.count(value) -> integer"},
    {"index", range_index, 0, "rangeobject.index(value) -> integer"},
    {"__reversed__", range_reversed, 0, "Return a reverse iterator."},
    {NULL, NULL, 0, NULL},
};

TypeObject Range_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "range",
    .basicsize = sizeof(RangeObject),
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
    .dealloc = range_dealloc,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .nb_bool = range_bool,
    .len = range_len,
    .getitem = range_subscript,
    .contains = range_contains,
    .tp_new = range_tp_new,
    .methods = range_methods,
    .getset = range_getset,
};

/* ---- slice ---------------------------------------------------------------- */

Object *slice_new(Object *start, Object *stop, Object *step) {
    SliceObject *s = (SliceObject *)obj_alloc(&Slice_Type);
    if (!s) return NULL;
    s->start = NEWREF(start ? start : None);
    s->stop = NEWREF(stop ? stop : None);
    s->step = NEWREF(step ? step : None);
    gc_track((Object *)s);
    return (Object *)s;
}

/* One slice bound as a clamped C index; -1 + TypeError if not an integer. */
static int slice_bound(Object *v, intptr_t *out) {
    if (IS_SMALLINT(v)) {
        *out = SMALLINT_VALUE(v);
        return 0;
    }
    if (!OBJ_TYPE(v)->nb_index) {
        err_format(&Exc_TypeError,
                   "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    *out = obj_as_ssize(v, NULL);
    return (*out == -1 && err_occurred()) ? -1 : 0;
}

int slice_indices(Object *slice, intptr_t length, intptr_t *start, intptr_t *stop,
                  intptr_t *step, intptr_t *slicelength) {
    SliceObject *s = (SliceObject *)slice;
    intptr_t st = 1, lo, hi;
    if (s->step != None) {
        if (slice_bound(s->step, &st) < 0) return -1;
        if (st == 0) {
            err_format(&Exc_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (st < -INTPTR_MAX) st = -INTPTR_MAX;   /* so that -step cannot overflow */
    }
    if (s->start == None) lo = st < 0 ? INTPTR_MAX : 0;
    else if (slice_bound(s->start, &lo) < 0) return -1;
    if (s->stop == None) hi = st < 0 ? INTPTR_MIN : INTPTR_MAX;
    else if (slice_bound(s->stop, &hi) < 0) return -1;

    if (lo < 0) {
        lo += length;
        if (lo < 0) lo = st < 0 ? -1 : 0;
    } else if (lo >= length) {
        lo = st < 0 ? length - 1 : length;
    }
    if (hi < 0) {
        hi += length;
        if (hi < 0) hi = st < 0 ? -1 : 0;
    } else if (hi >= length) {
        hi = st < 0 ? length - 1 : length;
    }
    intptr_t n = 0;
    if (st < 0) {
        if (hi < lo) n = (lo - hi - 1) / (-st) + 1;
    } else if (lo < hi) {
        n = (hi - lo - 1) / st + 1;
    }
    *start = lo;
    *stop = hi;
    *step = st;
    *slicelength = n;
    return 0;
}

static Object *slice_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    if (args_no_kwargs("slice", kwnames) < 0) return NULL;
    if (nargs == 0)
        return err_format(&Exc_TypeError, "slice expected at least 1 argument, got 0");
    if (nargs > 3)
        return err_format(&Exc_TypeError, "slice expected at most 3 arguments, got %zu", nargs);
    if (nargs == 1) return slice_new(NULL, args[0], NULL);
    return slice_new(args[0], args[1], nargs == 3 ? args[2] : NULL);
}

static void slice_dealloc(Object *self) {
    SliceObject *s = (SliceObject *)self;
    gc_untrack(self);
    DECREF(s->start);
    DECREF(s->stop);
    DECREF(s->step);
    obj_free(self);
}

static int slice_traverse(Object *self, visitproc visit, void *arg) {
    SliceObject *s = (SliceObject *)self;
    int r;
    if ((r = visit(s->start, arg)) != 0) return r;
    if ((r = visit(s->stop, arg)) != 0) return r;
    return visit(s->step, arg);
}

static int slice_clear(Object *self) {
    SliceObject *s = (SliceObject *)self;
    SETREF(s->start, NEWREF(None));
    SETREF(s->stop, NEWREF(None));
    SETREF(s->step, NEWREF(None));
    return 0;
}

static Object *slice_repr(Object *self) {
    SliceObject *s = (SliceObject *)self;
    return str_from_format("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static Object *slice_richcompare(Object *a, Object *b, int op) {
    if (!slice_check(b)) return NEWREF(NotImplemented);
    if (a == b && (op == CMP_EQ || op == CMP_NE)) return bool_from(op == CMP_EQ);
    SliceObject *x = (SliceObject *)a, *y = (SliceObject *)b;
    Object *ta = tuple_pack(3, x->start, x->stop, x->step);
    if (!ta) return NULL;
    Object *tb = tuple_pack(3, y->start, y->stop, y->step);
    if (!tb) {
        DECREF(ta);
        return NULL;
    }
    Object *r = obj_richcompare(ta, tb, op);
    DECREF(ta);
    DECREF(tb);
    return r;
}

static Object *slice_m_indices(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg("slice", "indices", nargs) < 0) return NULL;
    Object *len = obj_index(args[0]);
    if (!len) return NULL;
    if (int_sign(len) < 0) {
        DECREF(len);
        return err_format(&Exc_ValueError, "length should not be negative");
    }
    Object *start, *stop, *step;
    int rc = slice_indices_obj(self, len, &start, &stop, &step);
    DECREF(len);
    if (rc < 0) return NULL;
    Object *t = tuple_pack(3, start, stop, step);
    DECREF(start);
    DECREF(stop);
    DECREF(step);
    return t;
}

static Object *slice_get_start(Object *self, void *c) {
    return NEWREF(((SliceObject *)self)->start);
}
static Object *slice_get_stop(Object *self, void *c) {
    return NEWREF(((SliceObject *)self)->stop);
}
static Object *slice_get_step(Object *self, void *c) {
    return NEWREF(((SliceObject *)self)->step);
}

static GetSetDef slice_getset[] = {
    {"start", slice_get_start, NULL, NULL, NULL},
    {"stop", slice_get_stop, NULL, NULL, NULL},
    {"step", slice_get_step, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MethodDef slice_methods[] = {
    {"indices", slice_m_indices, 0,
     "S.indices(len) -> (start, stop, stride)"},
    {NULL, NULL, 0, NULL},
};

TypeObject Slice_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "slice",
    .basicsize = sizeof(SliceObject),
    .flags = TPFLAG_GC,
    .doc = "slice(stop)\nslice(start, stop[, step])",
    .dealloc = slice_dealloc,
    .traverse = slice_traverse,
    .clear = slice_clear,
    .repr = slice_repr,
    .hash = obj_hash_not_implemented,
    .richcompare = slice_richcompare,
    .tp_new = slice_tp_new,
    .methods = slice_methods,
    .getset = slice_getset,
};
