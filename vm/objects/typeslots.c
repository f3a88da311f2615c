/* vm/objects/typeslots.c — the bridge between C slots and dunder methods.
 *
 * One table (slotdefs) pairs every dunder name with a TypeObject slot, a
 * wrapper (exposes a C slot as `int.__add__`) and a dispatcher (implements
 * the slot of a class by calling the dunder found on its MRO).
 *  - static types: typeslots_add_wrappers puts a wrapper descriptor in the
 *    dict for each slot the type defines itself;
 *  - heap types: typeslots_fixup_all computes each slot from what the MRO
 *    holds: an inherited wrapper of the same slot gives back the C function
 *    itself (no Python-level indirection), anything else the dispatcher;
 *    setting a dunder on a class later re-runs this for it and subclasses.
 * Also: instance deallocation/traversal of heap types and the external
 * instance dicts of subclasses of var-sized types.
 */
#include <stdlib.h>
#include <string.h>

#include "gc/gc.h"
#include "vm/vm.h"
#include "vm/objects/typesys.h"
#include "vm/objects/weakref.h"

#define SLOT_AT(t, off) (*(void **)((char *)(t) + (off)))

/* ---- calling methods found on types --------------------------------------- */

Object *call_unbound(Object *func, Object *self, Object *const *args, size_t nargs,
                     Object *kwnames) {
    TypeObject *ft = OBJ_TYPE(func);
    if (ft == &Function_Type || ft == &MethodDescr_Type || ft == &WrapperDescr_Type) {
        size_t nkw = kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
        size_t total = nargs + nkw + 1;
        Object *small[8];
        Object **buf = total <= 8 ? small : mem_alloc(total * sizeof(Object *));
        if (!buf) return NULL;
        buf[0] = self;
        if (nargs + nkw) memcpy(buf + 1, args, (nargs + nkw) * sizeof(Object *));
        Object *r = obj_call(func, buf, nargs + 1, kwnames);
        if (buf != small) mem_free(buf);
        return r;
    }
    descrgetfunc get = ft->descr_get;
    Object *bound = get ? get(func, self, (Object *)OBJ_TYPE(self)) : NEWREF(func);
    if (!bound) return NULL;
    Object *r = obj_call(bound, args, nargs, kwnames);
    DECREF(bound);
    return r;
}

Object *call_special(Object *self, Object *name, Object *const *args, size_t nargs,
                     int *found) {
    Object *f = type_lookup(OBJ_TYPE(self), name);
    if (!f) {
        *found = 0;
        return NULL;
    }
    *found = 1;
    INCREF(f);
    Object *r = call_unbound(f, self, args, nargs, NULL);
    DECREF(f);
    return r;
}

/* Call a dunder that must exist (AttributeError otherwise). */
static Object *call_method(Object *self, Object *name, Object *const *args, size_t nargs) {
    int found;
    Object *r = call_special(self, name, args, nargs, &found);
    if (!found) err_no_attribute(self, name);
    return r;
}

/* Call a dunder if present; NotImplemented if not. */
static Object *call_maybe(Object *self, Object *name, Object *arg) {
    int found;
    Object *r = call_special(self, name, &arg, 1, &found);
    if (!found) return NEWREF(NotImplemented);
    return r;
}

/* ---- heap-type slot dispatchers ---------------------------------------------- */

static bool method_is_overloaded(TypeObject *left, TypeObject *right, Object *name) {
    Object *a = type_lookup(right, name);
    if (!a) return false;
    return type_lookup(left, name) != a;
}

/* The binary operator protocol of a class: self's __op__, other's __rop__,
 * with the subclass's reflected method first when it overrides it. */
static Object *slot_binary(Object *self, Object *other, size_t off, void *thisfunc,
                           Object *name, Object *rname) {
    TypeObject *ts = OBJ_TYPE(self), *to = OBJ_TYPE(other);
    bool do_other = ts != to && SLOT_AT(to, off) == thisfunc;
    if (SLOT_AT(ts, off) == thisfunc) {
        Object *r;
        if (do_other && type_is_subtype(to, ts) && method_is_overloaded(ts, to, rname)) {
            r = call_maybe(other, rname, self);
            if (r != NotImplemented) return r;
            DECREF(r);
            do_other = false;
        }
        r = call_maybe(self, name, other);
        if (r != NotImplemented || ts == to) return r;
        DECREF(r);
    }
    if (do_other) return call_maybe(other, rname, self);
    return NEWREF(NotImplemented);
}

#define SLOT_BINARY(fn, field, name, rname)                                           \
    static Object *fn(Object *a, Object *b) {                                         \
        return slot_binary(a, b, offsetof(TypeObject, field), (void *)fn, id_##name, \
                           id_##rname);                                               \
    }
SLOT_BINARY(slot_nb_add, nb_add, __add__, __radd__)
SLOT_BINARY(slot_nb_sub, nb_sub, __sub__, __rsub__)
SLOT_BINARY(slot_nb_mul, nb_mul, __mul__, __rmul__)
SLOT_BINARY(slot_nb_truediv, nb_truediv, __truediv__, __rtruediv__)
SLOT_BINARY(slot_nb_floordiv, nb_floordiv, __floordiv__, __rfloordiv__)
SLOT_BINARY(slot_nb_mod, nb_mod, __mod__, __rmod__)
SLOT_BINARY(slot_nb_divmod, nb_divmod, __divmod__, __rdivmod__)
SLOT_BINARY(slot_nb_lshift, nb_lshift, __lshift__, __rlshift__)
SLOT_BINARY(slot_nb_rshift, nb_rshift, __rshift__, __rrshift__)
SLOT_BINARY(slot_nb_and, nb_and, __and__, __rand__)
SLOT_BINARY(slot_nb_or, nb_or, __or__, __ror__)
SLOT_BINARY(slot_nb_xor, nb_xor, __xor__, __rxor__)
SLOT_BINARY(slot_nb_matmul, nb_matmul, __matmul__, __rmatmul__)

static Object *slot_nb_pow(Object *a, Object *b, Object *mod) {
    if (mod == None)
        return slot_binary(a, b, offsetof(TypeObject, nb_pow), (void *)slot_nb_pow, id___pow__,
                           id___rpow__);
    if (OBJ_TYPE(a)->nb_pow == slot_nb_pow) {
        Object *args[2] = {b, mod};
        int found;
        Object *r = call_special(a, id___pow__, args, 2, &found);
        if (found) return r;
    }
    return NEWREF(NotImplemented);
}

#define SLOT_INPLACE(fn, name) \
    static Object *fn(Object *a, Object *b) { return call_maybe(a, id_##name, b); }
SLOT_INPLACE(slot_nb_inplace_add, __iadd__)
SLOT_INPLACE(slot_nb_inplace_sub, __isub__)
SLOT_INPLACE(slot_nb_inplace_mul, __imul__)
SLOT_INPLACE(slot_nb_inplace_truediv, __itruediv__)
SLOT_INPLACE(slot_nb_inplace_floordiv, __ifloordiv__)
SLOT_INPLACE(slot_nb_inplace_mod, __imod__)
SLOT_INPLACE(slot_nb_inplace_lshift, __ilshift__)
SLOT_INPLACE(slot_nb_inplace_rshift, __irshift__)
SLOT_INPLACE(slot_nb_inplace_and, __iand__)
SLOT_INPLACE(slot_nb_inplace_or, __ior__)
SLOT_INPLACE(slot_nb_inplace_xor, __ixor__)
SLOT_INPLACE(slot_nb_inplace_matmul, __imatmul__)

static Object *slot_nb_inplace_pow(Object *a, Object *b, Object *mod) {
    return call_maybe(a, id___ipow__, b);
}

#define SLOT_UNARY(fn, name) \
    static Object *fn(Object *self) { return call_method(self, id_##name, NULL, 0); }
SLOT_UNARY(slot_nb_neg, __neg__)
SLOT_UNARY(slot_nb_pos, __pos__)
SLOT_UNARY(slot_nb_abs, __abs__)
SLOT_UNARY(slot_nb_invert, __invert__)
SLOT_UNARY(slot_nb_int, __int__)
SLOT_UNARY(slot_nb_float, __float__)
SLOT_UNARY(slot_nb_index, __index__)
SLOT_UNARY(slot_repr, __repr__)
SLOT_UNARY(slot_str, __str__)

static int slot_nb_bool(Object *self) {
    Object *r = call_method(self, id___bool__, NULL, 0);
    if (!r) return -1;
    if (r != True && r != False) {
        err_format(&Exc_TypeError, "__bool__ should return bool, returned %T", r);
        DECREF(r);
        return -1;
    }
    DECREF(r);
    return r == True;
}

static intptr_t slot_len(Object *self) {
    Object *r = call_method(self, id___len__, NULL, 0);
    if (!r) return -1;
    Object *idx = obj_index(r);
    DECREF(r);
    if (!idx) return -1;
    if (int_sign(idx) < 0) {
        DECREF(idx);
        err_format(&Exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    intptr_t n = int_as_ssize(idx);
    DECREF(idx);
    if (n == -1 && err_occurred()) {
        err_clear();
        err_format(&Exc_OverflowError, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    return n;
}

static Object *slot_getitem(Object *self, Object *key) {
    return call_method(self, id___getitem__, &key, 1);
}

static int slot_setitem(Object *self, Object *key, Object *value) {
    Object *r;
    if (value) {
        Object *args[2] = {key, value};
        r = call_method(self, id___setitem__, args, 2);
    } else {
        r = call_method(self, id___delitem__, &key, 1);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static int slot_contains(Object *self, Object *item) {
    Object *f = type_lookup(OBJ_TYPE(self), id___contains__);
    if (f == None) {
        err_format(&Exc_TypeError, "'%s' object is not a container", type_name(OBJ_TYPE(self)));
        return -1;
    }
    int found;
    Object *r = call_special(self, id___contains__, &item, 1, &found);
    if (!found) {
        /* no __contains__ any more: search by iteration */
        Object *it = obj_get_iter(self);
        if (!it) return -1;
        for (;;) {
            Object *x = obj_iter_next(it);
            if (!x) {
                DECREF(it);
                return err_occurred() ? -1 : 0;
            }
            int c = obj_richcompare_bool(x, item, CMP_EQ);
            DECREF(x);
            if (c != 0) {
                DECREF(it);
                return c;
            }
        }
    }
    if (!r) return -1;
    int t = obj_is_true(r);
    DECREF(r);
    return t;
}

static Object *slot_iter(Object *self) {
    Object *f = type_lookup(OBJ_TYPE(self), id___iter__);
    if (f == None) {
        return err_format(&Exc_TypeError, "'%s' object is not iterable",
                          type_name(OBJ_TYPE(self)));
    }
    return call_method(self, id___iter__, NULL, 0);
}

static Object *slot_iternext(Object *self) {
    Object *r = call_method(self, id___next__, NULL, 0);
    if (!r && err_matches(&Exc_StopIteration)) err_clear();
    return r;
}

static int64_t slot_hash(Object *self) {
    Object *f = type_lookup(OBJ_TYPE(self), id___hash__);
    if (f == None || !f) return obj_hash_not_implemented(self);
    Object *r = call_method(self, id___hash__, NULL, 0);
    if (!r) return -1;
    if (!int_check(r)) {
        DECREF(r);
        err_format(&Exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    int64_t h = int_hash(r);
    DECREF(r);
    return h == -1 ? -2 : h;
}

static Object *cmp_names[6];

static Object *slot_richcompare(Object *a, Object *b, int op) {
    int found;
    Object *r = call_special(a, cmp_names[op], &b, 1, &found);
    if (!found) return NEWREF(NotImplemented);
    return r;
}

static Object *slot_getattro(Object *self, Object *name) {
    TypeObject *tp = OBJ_TYPE(self);
    Object *getattribute = type_lookup(tp, id___getattribute__);
    Object *getattr = type_lookup(tp, id___getattr__);
    Object *r;
    bool generic = getattribute && OBJ_TYPE(getattribute) == &WrapperDescr_Type &&
                   ((WrapperDescrObject *)getattribute)->wrapped == (void *)obj_generic_getattr;
    if (getattr) INCREF(getattr);
    if (generic) {
        r = getattr ? obj_generic_getattr_suppress(self, name) : obj_generic_getattr(self, name);
    } else if (getattribute) {
        INCREF(getattribute);
        r = call_unbound(getattribute, self, &name, 1, NULL);
        DECREF(getattribute);
    } else {
        r = obj_generic_getattr(self, name);
    }
    if (!r && getattr && (!err_occurred() || err_matches(&Exc_AttributeError))) {
        err_clear();
        r = call_unbound(getattr, self, &name, 1, NULL);
    }
    XDECREF(getattr);
    return r;
}

static int slot_setattro(Object *self, Object *name, Object *value) {
    Object *r;
    if (value) {
        Object *args[2] = {name, value};
        r = call_method(self, id___setattr__, args, 2);
    } else {
        r = call_method(self, id___delattr__, &name, 1);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static Object *slot_descr_get(Object *self, Object *obj, Object *type) {
    Object *f = type_lookup(OBJ_TYPE(self), id___get__);
    if (!f) return NEWREF(self);
    Object *args[2] = {obj ? obj : None, type ? type : None};
    INCREF(f);
    Object *r = call_unbound(f, self, args, 2, NULL);
    DECREF(f);
    return r;
}

static int slot_descr_set(Object *self, Object *obj, Object *value) {
    Object *r;
    if (value) {
        Object *args[2] = {obj, value};
        r = call_method(self, id___set__, args, 2);
    } else {
        r = call_method(self, id___delete__, &obj, 1);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static Object *slot_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *f = type_lookup(OBJ_TYPE(self), id___call__);
    if (!f) {
        return err_format(&Exc_TypeError, "'%s' object is not callable",
                          type_name(OBJ_TYPE(self)));
    }
    INCREF(f);
    Object *r = call_unbound(f, self, args, nargs, kwnames);
    DECREF(f);
    return r;
}

static int slot_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *f = type_lookup(OBJ_TYPE(self), id___init__);
    if (!f) {
        err_no_attribute(self, id___init__);
        return -1;
    }
    INCREF(f);
    Object *r = call_unbound(f, self, args, nargs, kwnames);
    DECREF(f);
    if (!r) return -1;
    if (r != None) {
        err_format(&Exc_TypeError, "__init__() should return None, not '%T'", r);
        DECREF(r);
        return -1;
    }
    DECREF(r);
    return 0;
}

static Object *slot_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    Object *f = type_lookup(type, id___new__);
    if (!f) return err_no_attribute((Object *)type, id___new__), NULL;
    Object *func;
    if (OBJ_TYPE(f) == &StaticMethod_Type) {
        func = NEWREF(((StaticMethodObject *)f)->func);
    } else {
        descrgetfunc get = OBJ_TYPE(f)->descr_get;
        func = get ? get(f, NULL, (Object *)type) : NEWREF(f);
        if (!func) return NULL;
    }
    size_t nkw = kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
    size_t total = nargs + nkw + 1;
    Object *small[8];
    Object **buf = total <= 8 ? small : mem_alloc(total * sizeof(Object *));
    if (!buf) {
        DECREF(func);
        return NULL;
    }
    buf[0] = (Object *)type;
    if (nargs + nkw) memcpy(buf + 1, args, (nargs + nkw) * sizeof(Object *));
    Object *r = obj_call(func, buf, nargs + 1, kwnames);
    if (buf != small) mem_free(buf);
    DECREF(func);
    return r;
}

/* Objects whose __del__ already ran (a resurrected object must not run it
 * twice): the GC header's flag, or a side set for non-GC instances. */
static PtrMap finalized;

static bool finalized_get(Object *o) {
    if (obj_is_gc(o)) return AS_GC(o)->finalized != 0;
    void **mark = ptrmap_slot(&finalized, o, false);
    return mark && *mark;
}

static void finalized_set(Object *o, bool v) {
    if (obj_is_gc(o)) {
        AS_GC(o)->finalized = v;
    } else if (v) {
        *ptrmap_slot(&finalized, o, true) = (void *)1;
    } else {
        ptrmap_remove(&finalized, o);
    }
}

/* The callers (subtype_dealloc, the collector) make sure it runs once. */
static void slot_finalize(Object *self) {
    Object *del = type_lookup(OBJ_TYPE(self), id___del__);
    if (!del) return;
    INCREF(del);
    Object *saved = err_fetch();
    Object *r = call_unbound(del, self, NULL, 0, NULL);
    if (!r)
        err_write_unraisable(del);
    else
        DECREF(r);
    DECREF(del);
    if (saved) err_restore(saved);
}

/* ---- wrappers: C slots as methods -------------------------------------------- */

static int check_args(size_t nargs, size_t n) {
    if (nargs == n) return 0;
    err_format(&Exc_TypeError, "expected %zu argument%s, got %zu", n, n == 1 ? "" : "s", nargs);
    return -1;
}

static Object *wrap_unary(Object *self, Object *const *args, size_t nargs, Object *kw,
                          void *w, const SlotDef *d) {
    if (check_args(nargs, 0) < 0) return NULL;
    return ((unaryfunc)w)(self);
}

static Object *wrap_binary_l(Object *self, Object *const *args, size_t nargs, Object *kw,
                             void *w, const SlotDef *d) {
    if (check_args(nargs, 1) < 0) return NULL;
    return ((binaryfunc)w)(self, args[0]);
}

static Object *wrap_binary_r(Object *self, Object *const *args, size_t nargs, Object *kw,
                             void *w, const SlotDef *d) {
    if (check_args(nargs, 1) < 0) return NULL;
    return ((binaryfunc)w)(args[0], self);
}

static int check_args_range(size_t nargs, size_t lo, size_t hi) {
    if (nargs < lo) {
        err_format(&Exc_TypeError, "expected at least %zu argument%s, got %zu", lo,
                   lo == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > hi) {
        err_format(&Exc_TypeError, "expected at most %zu argument%s, got %zu", hi,
                   hi == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

static Object *wrap_ternary(Object *self, Object *const *args, size_t nargs, Object *kw,
                            void *w, const SlotDef *d) {
    if (check_args_range(nargs, 1, 2) < 0) return NULL;
    return ((ternaryfunc)w)(self, args[0], nargs == 2 ? args[1] : None);
}

static Object *wrap_ternary_r(Object *self, Object *const *args, size_t nargs, Object *kw,
                              void *w, const SlotDef *d) {
    if (check_args_range(nargs, 1, 2) < 0) return NULL;
    return ((ternaryfunc)w)(args[0], self, nargs == 2 ? args[1] : None);
}

static Object *wrap_hash(Object *self, Object *const *args, size_t nargs, Object *kw, void *w,
                         const SlotDef *d) {
    if (check_args(nargs, 0) < 0) return NULL;
    int64_t h = ((hashfunc)w)(self);
    if (h == -1 && err_occurred()) return NULL;
    return int_from_long(h);
}

static Object *wrap_richcmp(Object *self, Object *const *args, size_t nargs, Object *kw,
                            void *w, const SlotDef *d) {
    if (check_args(nargs, 1) < 0) return NULL;
    return ((richcmpfunc)w)(self, args[0], d->op);
}

static Object *wrap_setattr(Object *self, Object *const *args, size_t nargs, Object *kw,
                            void *w, const SlotDef *d) {
    if (check_args(nargs, 2) < 0) return NULL;
    if (((setattrofunc)w)(self, args[0], args[1]) < 0) return NULL;
    return none_new();
}

static Object *wrap_delattr(Object *self, Object *const *args, size_t nargs, Object *kw,
                            void *w, const SlotDef *d) {
    if (check_args(nargs, 1) < 0) return NULL;
    if (((setattrofunc)w)(self, args[0], NULL) < 0) return NULL;
    return none_new();
}

static Object *wrap_descr_get(Object *self, Object *const *args, size_t nargs, Object *kw,
                              void *w, const SlotDef *d) {
    if (check_args_range(nargs, 1, 2) < 0) return NULL;
    Object *obj = args[0] == None ? NULL : args[0];
    Object *type = nargs == 2 && args[1] != None ? args[1] : NULL;
    if (!obj && !type) return err_format(&Exc_TypeError, "__get__(None, None) is invalid");
    return ((descrgetfunc)w)(self, obj, type);
}

static Object *wrap_descr_set(Object *self, Object *const *args, size_t nargs, Object *kw,
                              void *w, const SlotDef *d) {
    if (check_args(nargs, 2) < 0) return NULL;
    if (((descrsetfunc)w)(self, args[0], args[1]) < 0) return NULL;
    return none_new();
}

static Object *wrap_descr_delete(Object *self, Object *const *args, size_t nargs, Object *kw,
                                 void *w, const SlotDef *d) {
    if (check_args(nargs, 1) < 0) return NULL;
    if (((descrsetfunc)w)(self, args[0], NULL) < 0) return NULL;
    return none_new();
}

static Object *wrap_call(Object *self, Object *const *args, size_t nargs, Object *kw, void *w,
                         const SlotDef *d) {
    return ((callfunc)w)(self, args, nargs, kw);
}

static Object *wrap_next(Object *self, Object *const *args, size_t nargs, Object *kw, void *w,
                         const SlotDef *d) {
    if (check_args(nargs, 0) < 0) return NULL;
    Object *r = ((unaryfunc)w)(self);
    if (!r && !err_occurred()) err_set_none(&Exc_StopIteration);
    return r;
}

static Object *wrap_init(Object *self, Object *const *args, size_t nargs, Object *kw, void *w,
                         const SlotDef *d) {
    if (((initfunc)w)(self, args, nargs, kw) < 0) return NULL;
    return none_new();
}

static Object *wrap_del(Object *self, Object *const *args, size_t nargs, Object *kw, void *w,
                        const SlotDef *d) {
    if (check_args(nargs, 0) < 0) return NULL;
    ((destructor)w)(self);
    if (err_occurred()) return NULL;
    return none_new();
}

static Object *wrap_len(Object *self, Object *const *args, size_t nargs, Object *kw, void *w,
                        const SlotDef *d) {
    if (check_args(nargs, 0) < 0) return NULL;
    intptr_t n = ((lenfunc)w)(self);
    if (n == -1 && err_occurred()) return NULL;
    return int_from_ssize(n);
}

static Object *wrap_inquiry(Object *self, Object *const *args, size_t nargs, Object *kw,
                            void *w, const SlotDef *d) {
    if (check_args(nargs, 0) < 0) return NULL;
    int r = ((inquiry)w)(self);
    if (r < 0) return NULL;
    return bool_from(r);
}

static Object *wrap_setitem(Object *self, Object *const *args, size_t nargs, Object *kw,
                            void *w, const SlotDef *d) {
    if (check_args(nargs, 2) < 0) return NULL;
    if (((objobjargproc)w)(self, args[0], args[1]) < 0) return NULL;
    return none_new();
}

static Object *wrap_delitem(Object *self, Object *const *args, size_t nargs, Object *kw,
                            void *w, const SlotDef *d) {
    if (check_args(nargs, 1) < 0) return NULL;
    if (((objobjargproc)w)(self, args[0], NULL) < 0) return NULL;
    return none_new();
}

static Object *wrap_contains(Object *self, Object *const *args, size_t nargs, Object *kw,
                             void *w, const SlotDef *d) {
    if (check_args(nargs, 1) < 0) return NULL;
    int r = ((objobjproc)w)(self, args[0]);
    if (r < 0) return NULL;
    return bool_from(r);
}

/* ---- the table --------------------------------------------------------------- */

#define SD(name, field, slot, wrap) \
    {name, offsetof(TypeObject, field), (void *)(slot), wrap, 0, 0, NULL}
#define SDK(name, field, slot, wrap) \
    {name, offsetof(TypeObject, field), (void *)(slot), wrap, SLOTDEF_KW, 0, NULL}
#define SDC(name, op) \
    {name, offsetof(TypeObject, richcompare), (void *)slot_richcompare, wrap_richcmp, 0, op, NULL}
#define SDB(name, rname, field, slot) \
    SD(name, field, slot, wrap_binary_l), SD(rname, field, slot, wrap_binary_r)

/* Entries of one slot are adjacent (update_group relies on it). */
static SlotDef slotdefs[] = {
    SD("__getattribute__", getattro, slot_getattro, wrap_binary_l),
    SD("__getattr__", getattro, slot_getattro, NULL),
    SD("__setattr__", setattro, slot_setattro, wrap_setattr),
    SD("__delattr__", setattro, slot_setattro, wrap_delattr),
    SD("__repr__", repr, slot_repr, wrap_unary),
    SD("__str__", str, slot_str, wrap_unary),
    SD("__hash__", hash, slot_hash, wrap_hash),
    SDK("__call__", call, slot_call, wrap_call),
    SDC("__lt__", CMP_LT), SDC("__le__", CMP_LE), SDC("__eq__", CMP_EQ),
    SDC("__ne__", CMP_NE), SDC("__gt__", CMP_GT), SDC("__ge__", CMP_GE),
    SD("__iter__", iter, slot_iter, wrap_unary),
    SD("__next__", iternext, slot_iternext, wrap_next),
    SD("__get__", descr_get, slot_descr_get, wrap_descr_get),
    SD("__set__", descr_set, slot_descr_set, wrap_descr_set),
    SD("__delete__", descr_set, slot_descr_set, wrap_descr_delete),
    SDK("__init__", tp_init, slot_init, wrap_init),
    SD("__new__", tp_new, slot_new, NULL),
    SD("__del__", finalize, slot_finalize, wrap_del),
    SDB("__add__", "__radd__", nb_add, slot_nb_add),
    SDB("__sub__", "__rsub__", nb_sub, slot_nb_sub),
    SDB("__mul__", "__rmul__", nb_mul, slot_nb_mul),
    SDB("__truediv__", "__rtruediv__", nb_truediv, slot_nb_truediv),
    SDB("__floordiv__", "__rfloordiv__", nb_floordiv, slot_nb_floordiv),
    SDB("__mod__", "__rmod__", nb_mod, slot_nb_mod),
    SDB("__divmod__", "__rdivmod__", nb_divmod, slot_nb_divmod),
    SDB("__lshift__", "__rlshift__", nb_lshift, slot_nb_lshift),
    SDB("__rshift__", "__rrshift__", nb_rshift, slot_nb_rshift),
    SDB("__and__", "__rand__", nb_and, slot_nb_and),
    SDB("__or__", "__ror__", nb_or, slot_nb_or),
    SDB("__xor__", "__rxor__", nb_xor, slot_nb_xor),
    SDB("__matmul__", "__rmatmul__", nb_matmul, slot_nb_matmul),
    SD("__pow__", nb_pow, slot_nb_pow, wrap_ternary),
    SD("__rpow__", nb_pow, slot_nb_pow, wrap_ternary_r),
    SD("__iadd__", nb_inplace_add, slot_nb_inplace_add, wrap_binary_l),
    SD("__isub__", nb_inplace_sub, slot_nb_inplace_sub, wrap_binary_l),
    SD("__imul__", nb_inplace_mul, slot_nb_inplace_mul, wrap_binary_l),
    SD("__itruediv__", nb_inplace_truediv, slot_nb_inplace_truediv, wrap_binary_l),
    SD("__ifloordiv__", nb_inplace_floordiv, slot_nb_inplace_floordiv, wrap_binary_l),
    SD("__imod__", nb_inplace_mod, slot_nb_inplace_mod, wrap_binary_l),
    SD("__ilshift__", nb_inplace_lshift, slot_nb_inplace_lshift, wrap_binary_l),
    SD("__irshift__", nb_inplace_rshift, slot_nb_inplace_rshift, wrap_binary_l),
    SD("__iand__", nb_inplace_and, slot_nb_inplace_and, wrap_binary_l),
    SD("__ior__", nb_inplace_or, slot_nb_inplace_or, wrap_binary_l),
    SD("__ixor__", nb_inplace_xor, slot_nb_inplace_xor, wrap_binary_l),
    SD("__imatmul__", nb_inplace_matmul, slot_nb_inplace_matmul, wrap_binary_l),
    SD("__ipow__", nb_inplace_pow, slot_nb_inplace_pow, wrap_ternary),
    SD("__neg__", nb_neg, slot_nb_neg, wrap_unary),
    SD("__pos__", nb_pos, slot_nb_pos, wrap_unary),
    SD("__abs__", nb_abs, slot_nb_abs, wrap_unary),
    SD("__invert__", nb_invert, slot_nb_invert, wrap_unary),
    SD("__int__", nb_int, slot_nb_int, wrap_unary),
    SD("__float__", nb_float, slot_nb_float, wrap_unary),
    SD("__index__", nb_index, slot_nb_index, wrap_unary),
    SD("__bool__", nb_bool, slot_nb_bool, wrap_inquiry),
    SD("__len__", len, slot_len, wrap_len),
    SD("__getitem__", getitem, slot_getitem, wrap_binary_l),
    SD("__setitem__", setitem, slot_setitem, wrap_setitem),
    SD("__delitem__", setitem, slot_setitem, wrap_delitem),
    SD("__contains__", contains, slot_contains, wrap_contains),
};
#define NSLOTDEFS (sizeof(slotdefs) / sizeof(slotdefs[0]))

static void slotdefs_init(void) {
    if (slotdefs[0].pyname) return;
    for (size_t i = 0; i < NSLOTDEFS; i++) slotdefs[i].pyname = str_intern_cstr(slotdefs[i].name);
    static const char *cmp[6] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
    for (int i = 0; i < 6; i++) cmp_names[i] = str_intern_cstr(cmp[i]);
}

int typeslots_add_wrappers(TypeObject *t) {
    slotdefs_init();
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        const SlotDef *p = &slotdefs[i];
        if (!p->wrapper) continue;
        void *f = SLOT_AT(t, p->offset);
        if (!f) continue;
        if (dict_get(t->dict, p->pyname)) continue;
        if (p->offset == offsetof(TypeObject, hash) && f == (void *)obj_hash_not_implemented) {
            if (dict_set(t->dict, p->pyname, None) < 0) return -1;
            continue;
        }
        Object *w = wrapper_descr_new(t, p, f);
        if (!w) return -1;
        int r = dict_set(t->dict, p->pyname, w);
        DECREF(w);
        if (r < 0) return -1;
    }
    return 0;
}

/* Recompute the slot shared by slotdefs[i0..i1) for heap type t. */
static void update_group(TypeObject *t, size_t i0, size_t i1) {
    size_t off = slotdefs[i0].offset;
    void *specific = NULL, *generic = NULL;
    bool use_generic = false;
    for (size_t i = i0; i < i1; i++) {
        const SlotDef *p = &slotdefs[i];
        Object *descr = type_lookup(t, p->pyname);
        if (!descr) continue;
        if (off == offsetof(TypeObject, tp_new)) {
            if (is_tp_new_wrapper(descr)) {
                TypeObject *owner = (TypeObject *)((BuiltinFunctionObject *)descr)->self;
                specific = (void *)owner->tp_new;
            } else {
                use_generic = true;
                generic = p->slot_func;
            }
            continue;
        }
        if (OBJ_TYPE(descr) == &WrapperDescr_Type && ((WrapperDescrObject *)descr)->def == p &&
            type_is_subtype(t, ((WrapperDescrObject *)descr)->type)) {
            void *w = ((WrapperDescrObject *)descr)->wrapped;
            if (!specific || specific == w)
                specific = w;
            else
                use_generic = true, generic = p->slot_func;
        } else if (descr == None && off == offsetof(TypeObject, hash)) {
            specific = (void *)obj_hash_not_implemented;
        } else {
            use_generic = true;
            generic = p->slot_func;
        }
    }
    if (use_generic)
        SLOT_AT(t, off) = generic;
    else
        SLOT_AT(t, off) = specific;
}

void typeslots_fixup_all(TypeObject *t) {
    slotdefs_init();
    size_t i = 0;
    while (i < NSLOTDEFS) {
        size_t j = i + 1;
        while (j < NSLOTDEFS && slotdefs[j].offset == slotdefs[i].offset) j++;
        update_group(t, i, j);
        i = j;
    }
    if (!t->tp_new) t->tp_new = t->base ? t->base->tp_new : NULL;
}

bool typeslots_is_dunder(Object *name) {
    if (!str_check(name)) return false;
    const char *s = str_utf8(name);
    size_t n = (size_t)STR_SIZE(name);
    return n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

static void update_recursive(TypeObject *t, size_t i0, size_t i1) {
    if (!(t->flags & TPFLAG_HEAPTYPE)) return;
    update_group(t, i0, i1);
    Object *subs = type_subclasses_list(t);
    if (!subs) {
        err_clear();
        return;
    }
    for (intptr_t k = 0; k < LIST_SIZE(subs); k++)
        update_recursive((TypeObject *)LIST_GET(subs, k), i0, i1);
    DECREF(subs);
}

void typeslots_update(TypeObject *t, Object *name) {
    slotdefs_init();
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        if (!str_eq(slotdefs[i].pyname, name)) continue;
        size_t i0 = i, i1 = i + 1;
        while (i0 > 0 && slotdefs[i0 - 1].offset == slotdefs[i].offset) i0--;
        while (i1 < NSLOTDEFS && slotdefs[i1].offset == slotdefs[i].offset) i1++;
        update_recursive(t, i0, i1);
        i = i1 - 1;
    }
}

/* ---- __new__ of built-in types --------------------------------------------------- */

static Object *tp_new_wrapper(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    TypeObject *type = (TypeObject *)self;
    if (nargs < 1) {
        return err_format(&Exc_TypeError, "%s.__new__(): not enough arguments", type->name);
    }
    Object *arg0 = args[0];
    if (!type_check(arg0)) {
        return err_format(&Exc_TypeError, "%s.__new__(X): X is not a type object (%T)",
                          type->name, arg0);
    }
    TypeObject *sub = (TypeObject *)arg0;
    if (!type_is_subtype(sub, type)) {
        return err_format(&Exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s",
                          type->name, sub->name, sub->name, type->name);
    }
    TypeObject *staticbase = sub;
    while (staticbase && staticbase->tp_new == slot_new) staticbase = staticbase->base;
    if (staticbase && staticbase->tp_new != type->tp_new) {
        return err_format(&Exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()",
                          type->name, sub->name, staticbase->name);
    }
    return type->tp_new(sub, args + 1, nargs - 1, kwnames);
}

MethodDef tp_new_methoddef = {"__new__", tp_new_wrapper, METH_KW,
                              "Create and return a new object.  See help(type) for accurate "
                              "signature."};

bool is_tp_new_wrapper(Object *o) {
    return !IS_SMALLINT(o) && o->type == &BuiltinFunction_Type &&
           ((BuiltinFunctionObject *)o)->def == &tp_new_methoddef;
}

/* ---- instances of heap types ----------------------------------------------------- */

static PtrMap external_dicts;   /* object -> malloc'ed box holding its dict */

Object **typeslots_external_dict(Object *o, bool create) {
    void **slot = ptrmap_slot(&external_dicts, o, create);
    if (!slot) return NULL;
    if (!*slot) {
        Object **box = calloc(1, sizeof(Object *));
        if (!box) {
            err_no_memory();
            return NULL;
        }
        *slot = box;
    }
    return (Object **)*slot;
}

void typeslots_drop_external_dict(Object *o) {
    void **slot = ptrmap_slot(&external_dicts, o, false);
    if (!slot) return;
    Object **box = *slot;
    ptrmap_remove(&external_dicts, o);
    if (box) {
        XDECREF(*box);
        free(box);
    }
}

/* Does t's dict pointer belong to a heap type (not to the static base)? */
static bool owns_dict(TypeObject *t) {
    return t->dictoffset && type_static_base(t)->dictoffset == 0;
}

#define SLOTS_OF(t) (((HeapTypeObject *)(t))->slots)
#define SLOT_FIELD(o, t, i) \
    ((Object **)((char *)(o) + (t)->base->basicsize + (size_t)(i) * sizeof(Object *)))

int subtype_traverse(Object *self, visitproc visit, void *arg) {
    TypeObject *type = self->type;
    /* The instance owns a reference to its class (obj_alloc takes it):
     * visiting it lets a class die in a cycle with its instances. */
    int rt = visit((Object *)type, arg);
    if (rt) return rt;
    for (TypeObject *b = type; b && (b->flags & TPFLAG_HEAPTYPE); b = b->base) {
        Object *slots = SLOTS_OF(b);
        if (!slots) continue;
        for (intptr_t i = 0; i < TUPLE_SIZE(slots); i++) {
            Object *v = *SLOT_FIELD(self, b, i);
            if (v) {
                int r = visit(v, arg);
                if (r) return r;
            }
        }
    }
    if (owns_dict(type)) {
        Object **dp = type->dictoffset > 0 ? (Object **)((char *)self + type->dictoffset)
                                           : typeslots_external_dict(self, false);
        if (dp && *dp) {
            int r = visit(*dp, arg);
            if (r) return r;
        }
    }
    TypeObject *sb = type_static_base(type);
    if (sb->traverse) return sb->traverse(self, visit, arg);
    return 0;
}

static void clear_own_fields(Object *self) {
    TypeObject *type = self->type;
    for (TypeObject *b = type; b && (b->flags & TPFLAG_HEAPTYPE); b = b->base) {
        Object *slots = SLOTS_OF(b);
        if (!slots) continue;
        for (intptr_t i = 0; i < TUPLE_SIZE(slots); i++) CLEAR(*SLOT_FIELD(self, b, i));
    }
    if (owns_dict(type)) {
        if (type->dictoffset > 0)
            CLEAR(*(Object **)((char *)self + type->dictoffset));
        else
            typeslots_drop_external_dict(self);
    }
}

int subtype_clear(Object *self) {
    clear_own_fields(self);
    TypeObject *sb = type_static_base(self->type);
    if (sb->clear) return sb->clear(self);
    return 0;
}

/* Called untracked: a parked or dying object must be invisible to the
 * collector (it would see a zero count and free it twice). */
static void subtype_dealloc_impl(Object *self) {
    TypeObject *type = self->type;
    bool gc = (type->flags & TPFLAG_GC) != 0;
    if (type->finalize) {
        if (!finalized_get(self)) {
            finalized_set(self, true);
            if (gc) gc_track(self);
            self->refcnt = 1;
            type->finalize(self);
            if (--self->refcnt != 0) return;  /* resurrected by __del__: stays tracked */
            if (gc) gc_untrack(self);
        }
        if (!gc) finalized_set(self, false);
    }
    if (type->weaklistoffset > 0 && type_static_base(type)->weaklistoffset == 0 &&
        *(Object **)((char *)self + type->weaklistoffset))
        weakref_clear_all(self);
    clear_own_fields(self);
    type_static_base(type)->dealloc(self);
}

/* Deep chains (linked lists of instances) would overflow the C stack:
 * past a depth, deallocations are queued and run by the outermost call. */
static __thread int dealloc_depth;
static __thread Object **deferred;
static __thread size_t ndeferred, capdeferred;

void subtype_dealloc(Object *self) {
    if (self->type->flags & TPFLAG_GC) gc_untrack(self);
    if (dealloc_depth > 100) {
        if (ndeferred == capdeferred) {
            size_t ncap = capdeferred ? capdeferred * 2 : 64;
            Object **n = realloc(deferred, ncap * sizeof(Object *));
            if (n) {
                deferred = n;
                capdeferred = ncap;
            }
        }
        if (ndeferred < capdeferred) {
            deferred[ndeferred++] = self;
            return;
        }
    }
    dealloc_depth++;
    subtype_dealloc_impl(self);
    dealloc_depth--;
    if (dealloc_depth == 0) {
        while (ndeferred > 0) {
            Object *o = deferred[--ndeferred];
            dealloc_depth++;
            subtype_dealloc_impl(o);
            dealloc_depth--;
        }
    }
}
