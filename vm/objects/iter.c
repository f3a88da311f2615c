/* vm/objects/iter.c — the built-in iterator types: enumerate, zip, map,
 * filter, reversed, the sequence iterator behind iter(obj-with-__getitem__)
 * and the callable iterator behind iter(callable, sentinel).
 *
 * Each is a type with tp_new, so the builtins module only needs to expose
 * the type objects.  All hold references and are GC types.  enumerate and
 * zip reuse their result tuple when the caller dropped the previous one
 * (refcount 1), so `for i, x in enumerate(...)` allocates nothing per step.
 *
 * containers_init_types(), at the end, readies every type of the area.
 */
#include "vm/vm.h"
#include "vm/objects/containers.h"

/* Reuse *cache if nobody else holds it, else make a new n-tuple (cached). */
static Object *result_tuple(Object **cache, size_t n) {
    Object *r = *cache;
    if (r && r->refcnt == 1) {
        INCREF(r);
        for (size_t i = 0; i < n; i++) CLEAR(TUPLE_ITEMS(r)[i]);
        return r;
    }
    r = tuple_new(n);
    if (!r) return NULL;
    if (*cache) DECREF(*cache);
    *cache = NEWREF(r);
    return r;
}

static int visit_opt(Object *o, visitproc visit, void *arg) { return o ? visit(o, arg) : 0; }

/* ---- enumerate ------------------------------------------------------------ */

typedef struct {
    Object ob_base;
    Object *it;
    intptr_t index;       /* next index while it fits a small int */
    Object *long_index;   /* next index once it does not (else NULL) */
    Object *result;
} EnumerateObject;

static Object *enumerate_new(TypeObject *type, Object *const *args, size_t nargs,
                             Object *kwnames) {
    static const char *const kwlist[] = {"iterable", "start", NULL};
    Object *iterable, *start = NULL;
    if (nargs == 0 && args_nkw(kwnames) == 0)
        return err_format(&Exc_TypeError, "enumerate() missing required argument 'iterable'");
    if (args_parse(args, nargs, kwnames, "O|O:enumerate", kwlist, &iterable, &start) < 0)
        return NULL;
    Object *idx = NULL;
    if (start) {
        idx = obj_index(start);
        if (!idx) return NULL;
    }
    Object *it = obj_get_iter(iterable);
    if (!it) {
        XDECREF(idx);
        return NULL;
    }
    EnumerateObject *e = (EnumerateObject *)obj_alloc(type);
    if (!e) {
        DECREF(it);
        XDECREF(idx);
        return NULL;
    }
    e->it = it;
    if (!idx || IS_SMALLINT(idx)) {
        e->index = idx ? SMALLINT_VALUE(idx) : 0;
        XDECREF(idx);
    } else {
        e->long_index = idx;
    }
    gc_track((Object *)e);
    return (Object *)e;
}

static Object *enumerate_next(Object *self) {
    EnumerateObject *e = (EnumerateObject *)self;
    Object *item = obj_iter_next(e->it);
    if (!item) return NULL;
    Object *idx;
    if (!e->long_index) {
        idx = MAKE_SMALLINT(e->index);
        if (e->index == SMALLINT_MAX) {
            e->long_index = int_from_ssize(e->index);
            if (!e->long_index) {
                DECREF(item);
                return NULL;
            }
            SETREF(e->long_index, obj_binary_op(e->long_index, MAKE_SMALLINT(1), BINOP_ADD));
            if (!e->long_index) {
                DECREF(item);
                return NULL;
            }
        } else {
            e->index++;
        }
    } else {
        idx = e->long_index;
        e->long_index = obj_binary_op(idx, MAKE_SMALLINT(1), BINOP_ADD);
        if (!e->long_index) {
            e->long_index = idx;
            DECREF(item);
            return NULL;
        }
    }
    Object *r = result_tuple(&e->result, 2);
    if (!r) {
        DECREF(item);
        DECREF(idx);
        return NULL;
    }
    TUPLE_ITEMS(r)[0] = idx;
    TUPLE_ITEMS(r)[1] = item;
    return r;
}

static void enumerate_dealloc(Object *self) {
    EnumerateObject *e = (EnumerateObject *)self;
    gc_untrack(self);
    XDECREF(e->it);
    XDECREF(e->long_index);
    XDECREF(e->result);
    obj_free(self);
}

static int enumerate_traverse(Object *self, visitproc visit, void *arg) {
    EnumerateObject *e = (EnumerateObject *)self;
    int r = visit_opt(e->it, visit, arg);
    if (!r) r = visit_opt(e->long_index, visit, arg);
    if (!r) r = visit_opt(e->result, visit, arg);
    return r;
}

static int enumerate_clear(Object *self) {
    EnumerateObject *e = (EnumerateObject *)self;
    CLEAR(e->it);
    CLEAR(e->long_index);
    CLEAR(e->result);
    return 0;
}

TypeObject Enumerate_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "enumerate",
    .basicsize = sizeof(EnumerateObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE,
    .doc = "Return an enumerate object.",
    .dealloc = enumerate_dealloc,
    .traverse = enumerate_traverse,
    .clear = enumerate_clear,
    .iter = iter_self,
    .iternext = enumerate_next,
    .tp_new = enumerate_new,
};

/* ---- zip ------------------------------------------------------------------ */

typedef struct {
    Object ob_base;
    Object *its;       /* tuple of iterators */
    int strict;
    Object *result;
} ZipObject;

static Object *zip_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    int strict = 0;
    for (size_t k = 0; k < args_nkw(kwnames); k++) {
        Object *name = TUPLE_GET(kwnames, k);
        if (!str_eq_cstr(name, "strict"))
            return err_format(&Exc_TypeError, "'%U' is an invalid keyword argument for zip()",
                              name);
        strict = obj_is_true(args[nargs + k]);
        if (strict < 0) return NULL;
    }
    Object *its = tuple_new(nargs);
    if (!its) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        Object *it = obj_get_iter(args[i]);
        if (!it) {
            DECREF(its);
            return NULL;
        }
        TUPLE_ITEMS(its)[i] = it;
    }
    ZipObject *z = (ZipObject *)obj_alloc(type);
    if (!z) {
        DECREF(its);
        return NULL;
    }
    z->its = its;
    z->strict = strict;
    gc_track((Object *)z);
    return (Object *)z;
}

/* strict=True found iterator i exhausted first (or others after it). */
static Object *zip_strict_error(ZipObject *z, size_t i) {
    const char *plural = i == 1 ? " " : "s 1-";
    if (i > 0)
        return err_format(&Exc_ValueError, "zip() argument %zu is shorter than argument%s%zu",
                          i + 1, plural, i);
    size_t n = (size_t)TUPLE_SIZE(z->its);
    for (i = 1; i < n; i++) {
        Object *item = obj_iter_next(TUPLE_GET(z->its, i));
        if (item) {
            DECREF(item);
            plural = i == 1 ? " " : "s 1-";
            return err_format(&Exc_ValueError, "zip() argument %zu is longer than argument%s%zu",
                              i + 1, plural, i);
        }
        if (err_occurred()) return NULL;
    }
    return NULL;   /* all exhausted together: a normal end */
}

static Object *zip_next(Object *self) {
    ZipObject *z = (ZipObject *)self;
    size_t n = (size_t)TUPLE_SIZE(z->its);
    if (n == 0) return NULL;
    Object *r = result_tuple(&z->result, n);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++) {
        Object *item = obj_iter_next(TUPLE_GET(z->its, i));
        if (!item) {
            DECREF(r);
            if (z->strict && !err_occurred()) return zip_strict_error(z, i);
            return NULL;
        }
        TUPLE_ITEMS(r)[i] = item;
    }
    return r;
}

static void zip_dealloc(Object *self) {
    ZipObject *z = (ZipObject *)self;
    gc_untrack(self);
    XDECREF(z->its);
    XDECREF(z->result);
    obj_free(self);
}

static int zip_traverse(Object *self, visitproc visit, void *arg) {
    ZipObject *z = (ZipObject *)self;
    int r = visit_opt(z->its, visit, arg);
    if (!r) r = visit_opt(z->result, visit, arg);
    return r;
}

static int zip_clear(Object *self) {
    ZipObject *z = (ZipObject *)self;
    CLEAR(z->its);
    CLEAR(z->result);
    return 0;
}

TypeObject Zip_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "zip",
    .basicsize = sizeof(ZipObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE,
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.",
    .dealloc = zip_dealloc,
    .traverse = zip_traverse,
    .clear = zip_clear,
    .iter = iter_self,
    .iternext = zip_next,
    .tp_new = zip_new,
};

/* ---- map ------------------------------------------------------------------ */

typedef struct {
    Object ob_base;
    Object *func;
    Object *its;   /* tuple of iterators */
} MapObject;

static Object *map_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    if (type == &Map_Type && args_no_kwargs("map", kwnames) < 0) return NULL;
    if (nargs < 2) return err_format(&Exc_TypeError, "map() must have at least two arguments.");
    Object *its = tuple_new(nargs - 1);
    if (!its) return NULL;
    for (size_t i = 1; i < nargs; i++) {
        Object *it = obj_get_iter(args[i]);
        if (!it) {
            DECREF(its);
            return NULL;
        }
        TUPLE_ITEMS(its)[i - 1] = it;
    }
    MapObject *m = (MapObject *)obj_alloc(type);
    if (!m) {
        DECREF(its);
        return NULL;
    }
    m->func = NEWREF(args[0]);
    m->its = its;
    gc_track((Object *)m);
    return (Object *)m;
}

static Object *map_next(Object *self) {
    MapObject *m = (MapObject *)self;
    size_t n = (size_t)TUPLE_SIZE(m->its);
    Object *stack[8];
    Object **argv = stack;
    if (n > 8) {
        argv = mem_alloc(n * sizeof(Object *));
        if (!argv) return NULL;
    }
    size_t got = 0;
    Object *r = NULL;
    for (; got < n; got++) {
        argv[got] = obj_iter_next(TUPLE_GET(m->its, got));
        if (!argv[got]) break;
    }
    if (got == n) r = obj_call(m->func, argv, n, NULL);
    for (size_t i = 0; i < got; i++) DECREF(argv[i]);
    if (argv != stack) mem_free(argv);
    return r;
}

static void map_dealloc(Object *self) {
    MapObject *m = (MapObject *)self;
    gc_untrack(self);
    XDECREF(m->func);
    XDECREF(m->its);
    obj_free(self);
}

static int map_traverse(Object *self, visitproc visit, void *arg) {
    MapObject *m = (MapObject *)self;
    int r = visit_opt(m->func, visit, arg);
    if (!r) r = visit_opt(m->its, visit, arg);
    return r;
}

static int map_clear(Object *self) {
    MapObject *m = (MapObject *)self;
    CLEAR(m->func);
    CLEAR(m->its);
    return 0;
}

TypeObject Map_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "map",
    .basicsize = sizeof(MapObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE,
    .doc = "map(func, *iterables) --> map object",
    .dealloc = map_dealloc,
    .traverse = map_traverse,
    .clear = map_clear,
    .iter = iter_self,
    .iternext = map_next,
    .tp_new = map_new,
};

/* ---- filter --------------------------------------------------------------- */

typedef struct {
    Object ob_base;
    Object *func;   /* None or bool: truthiness of the item itself */
    Object *it;
} FilterObject;

static Object *filter_new(TypeObject *type, Object *const *args, size_t nargs,
                          Object *kwnames) {
    if (type == &Filter_Type && args_no_kwargs("filter", kwnames) < 0) return NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "filter expected 2 arguments, got %zu", nargs);
    Object *it = obj_get_iter(args[1]);
    if (!it) return NULL;
    FilterObject *f = (FilterObject *)obj_alloc(type);
    if (!f) {
        DECREF(it);
        return NULL;
    }
    f->func = NEWREF(args[0]);
    f->it = it;
    gc_track((Object *)f);
    return (Object *)f;
}

static Object *filter_next(Object *self) {
    FilterObject *f = (FilterObject *)self;
    bool plain = f->func == None || f->func == (Object *)&Bool_Type;
    for (;;) {
        Object *item = obj_iter_next(f->it);
        if (!item) return NULL;
        int ok;
        if (plain) {
            ok = obj_is_true(item);
        } else {
            Object *r = obj_call1(f->func, item);
            if (!r) {
                DECREF(item);
                return NULL;
            }
            ok = obj_is_true(r);
            DECREF(r);
        }
        if (ok > 0) return item;
        DECREF(item);
        if (ok < 0) return NULL;
    }
}

static void filter_dealloc(Object *self) {
    FilterObject *f = (FilterObject *)self;
    gc_untrack(self);
    XDECREF(f->func);
    XDECREF(f->it);
    obj_free(self);
}

static int filter_traverse(Object *self, visitproc visit, void *arg) {
    FilterObject *f = (FilterObject *)self;
    int r = visit_opt(f->func, visit, arg);
    if (!r) r = visit_opt(f->it, visit, arg);
    return r;
}

static int filter_clear(Object *self) {
    FilterObject *f = (FilterObject *)self;
    CLEAR(f->func);
    CLEAR(f->it);
    return 0;
}

TypeObject Filter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "filter",
    .basicsize = sizeof(FilterObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE,
    .doc = "filter(function or None, iterable) --> filter object",
    .dealloc = filter_dealloc,
    .traverse = filter_traverse,
    .clear = filter_clear,
    .iter = iter_self,
    .iternext = filter_next,
    .tp_new = filter_new,
};

/* ---- reversed and the sequence iterator ------------------------------------ */

typedef struct {
    Object ob_base;
    Object *seq;        /* NULL once exhausted */
    intptr_t index;     /* next index to fetch */
} SeqIterObject;

static Object *reversed_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    if (type == &Reversed_Type && args_no_kwargs("reversed", kwnames) < 0) return NULL;
    if (nargs != 1)
        return err_format(&Exc_TypeError, "reversed expected 1 argument, got %zu", nargs);
    Object *seq = args[0];
    Object *meth = type_lookup(OBJ_TYPE(seq), id___reversed__);
    if (meth == None)
        return err_format(&Exc_TypeError, "'%T' object is not reversible", seq);
    if (meth) {
        INCREF(meth);
        Object *r = obj_call(meth, &seq, 1, NULL);
        DECREF(meth);
        return r;
    }
    if (!OBJ_TYPE(seq)->getitem || dict_check(seq) || !OBJ_TYPE(seq)->len)
        return err_format(&Exc_TypeError, "'%T' object is not reversible", seq);
    intptr_t n = obj_length(seq);
    if (n < 0) return NULL;
    SeqIterObject *it = (SeqIterObject *)obj_alloc(type);
    if (!it) return NULL;
    it->seq = NEWREF(seq);
    it->index = n - 1;
    gc_track((Object *)it);
    return (Object *)it;
}

/* Fetch seq[index]; NULL without error at IndexError/StopIteration. */
static Object *seq_fetch(SeqIterObject *it) {
    Object *v = obj_getitem(it->seq, MAKE_SMALLINT(it->index));
    if (v) return v;
    if (err_matches(&Exc_IndexError) || err_matches(&Exc_StopIteration)) err_clear();
    CLEAR(it->seq);
    return NULL;
}

static Object *reversed_next(Object *self) {
    SeqIterObject *it = (SeqIterObject *)self;
    if (!it->seq) return NULL;
    if (it->index < 0) {
        CLEAR(it->seq);
        return NULL;
    }
    Object *v = seq_fetch(it);
    if (v) it->index--;
    return v;
}

static Object *reversed_length_hint(Object *self, Object *const *args, size_t nargs,
                                    Object *kw) {
    SeqIterObject *it = (SeqIterObject *)self;
    if (!it->seq) return int_from_long(0);
    intptr_t n = obj_length(it->seq);
    if (n < 0) return NULL;
    return int_from_ssize(it->index + 1 <= n ? it->index + 1 : 0);
}

Object *seqiter_new(Object *seq) {
    SeqIterObject *it = (SeqIterObject *)obj_alloc(&SeqIter_Type);
    if (!it) return NULL;
    it->seq = NEWREF(seq);
    gc_track((Object *)it);
    return (Object *)it;
}

static Object *seqiter_next(Object *self) {
    SeqIterObject *it = (SeqIterObject *)self;
    if (!it->seq) return NULL;
    Object *v = seq_fetch(it);
    if (v) it->index++;
    return v;
}

static Object *seqiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                   Object *kw) {
    SeqIterObject *it = (SeqIterObject *)self;
    if (!it->seq) return int_from_long(0);
    if (!OBJ_TYPE(it->seq)->len) return NEWREF(NotImplemented);
    intptr_t n = obj_length(it->seq);
    if (n < 0) return NULL;
    return int_from_ssize(n > it->index ? n - it->index : 0);
}

static void seqiter_dealloc(Object *self) {
    gc_untrack(self);
    XDECREF(((SeqIterObject *)self)->seq);
    obj_free(self);
}

static int seqiter_traverse(Object *self, visitproc visit, void *arg) {
    return visit_opt(((SeqIterObject *)self)->seq, visit, arg);
}

static int seqiter_clear(Object *self) {
    CLEAR(((SeqIterObject *)self)->seq);
    return 0;
}

static MethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static MethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject Reversed_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "reversed",
    .basicsize = sizeof(SeqIterObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE,
    .doc = "Return a reverse iterator over the values of the given sequence.",
    .dealloc = seqiter_dealloc,
    .traverse = seqiter_traverse,
    .clear = seqiter_clear,
    .iter = iter_self,
    .iternext = reversed_next,
    .tp_new = reversed_new,
    .methods = reversed_methods,
};

TypeObject SeqIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "iterator",
    .basicsize = sizeof(SeqIterObject),
    .flags = TPFLAG_GC,
    .dealloc = seqiter_dealloc,
    .traverse = seqiter_traverse,
    .clear = seqiter_clear,
    .iter = iter_self,
    .iternext = seqiter_next,
    .methods = seqiter_methods,
};

/* ---- callable iterator ---------------------------------------------------- */

typedef struct {
    Object ob_base;
    Object *func;       /* NULL once exhausted */
    Object *sentinel;
} CallIterObject;

Object *calliter_new(Object *callable, Object *sentinel) {
    CallIterObject *it = (CallIterObject *)obj_alloc(&CallIter_Type);
    if (!it) return NULL;
    it->func = NEWREF(callable);
    it->sentinel = NEWREF(sentinel);
    gc_track((Object *)it);
    return (Object *)it;
}

static Object *calliter_next(Object *self) {
    CallIterObject *it = (CallIterObject *)self;
    if (!it->func) return NULL;
    Object *r = obj_call0(it->func);
    if (!r) {
        if (err_matches(&Exc_StopIteration)) {
            err_clear();
            CLEAR(it->func);
            CLEAR(it->sentinel);
        }
        return NULL;
    }
    int eq = obj_richcompare_bool(it->sentinel, r, CMP_EQ);
    if (eq == 0) return r;
    DECREF(r);
    if (eq > 0) {
        CLEAR(it->func);
        CLEAR(it->sentinel);
    }
    return NULL;
}

static void calliter_dealloc(Object *self) {
    CallIterObject *it = (CallIterObject *)self;
    gc_untrack(self);
    XDECREF(it->func);
    XDECREF(it->sentinel);
    obj_free(self);
}

static int calliter_traverse(Object *self, visitproc visit, void *arg) {
    CallIterObject *it = (CallIterObject *)self;
    int r = visit_opt(it->func, visit, arg);
    if (!r) r = visit_opt(it->sentinel, visit, arg);
    return r;
}

static int calliter_clear(Object *self) {
    CallIterObject *it = (CallIterObject *)self;
    CLEAR(it->func);
    CLEAR(it->sentinel);
    return 0;
}

TypeObject CallIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "callable_iterator",
    .basicsize = sizeof(CallIterObject),
    .flags = TPFLAG_GC,
    .dealloc = calliter_dealloc,
    .traverse = calliter_traverse,
    .clear = calliter_clear,
    .iter = iter_self,
    .iternext = calliter_next,
};

/* ---- start-up ------------------------------------------------------------- */

void containers_init_types(void) {
    TypeObject *types[] = {
        &Tuple_Type, &TupleIter_Type, &List_Type, &ListIter_Type, &ListRevIter_Type,
        &Dict_Type, &DictKeys_Type, &DictValues_Type, &DictItems_Type, &DictKeyIter_Type,
        &DictValueIter_Type, &DictItemIter_Type, &DictRevKeyIter_Type,
        &DictRevValueIter_Type, &DictRevItemIter_Type, &Set_Type, &FrozenSet_Type,
        &SetIter_Type, &Range_Type, &RangeIter_Type, &LongRangeIter_Type, &Slice_Type,
        &Enumerate_Type, &Zip_Type, &Map_Type, &Filter_Type, &Reversed_Type,
        &SeqIter_Type, &CallIter_Type,
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) type_ready(types[i]);
}
