/* vm/objects/type_alias.c — small types around classes:
 *   mappingproxy        read-only view of a type's __dict__
 *   types.UnionType     int | None (PEP 604), usable with isinstance()
 *   types.GenericAlias  list[int] (PEP 585): annotations evaluate to it
 */
#include "vm/vm.h"
#include "vm/objects/typesys.h"

/* ---- mappingproxy ----------------------------------------------------------- */

typedef struct MappingProxyObject {
    Object ob_base;
    Object *mapping;
} MappingProxyObject;

#define MP(o) (((MappingProxyObject *)(o))->mapping)

Object *mappingproxy_new(Object *mapping) {
    MappingProxyObject *p = (MappingProxyObject *)obj_alloc(&MappingProxy_Type);
    if (!p) return NULL;
    p->mapping = NEWREF(mapping);
    gc_track((Object *)p);
    return (Object *)p;
}

static Object *mp_tp_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"mapping", NULL};
    Object *m;
    if (args_parse(args, nargs, kwnames, "O:mappingproxy", kwlist, &m) < 0) return NULL;
    if (!OBJ_TYPE(m)->getitem || list_check(m) || tuple_check(m)) {
        return err_format(&Exc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                          type_name(OBJ_TYPE(m)));
    }
    return mappingproxy_new(m);
}

static void mp_dealloc(Object *o) {
    gc_untrack(o);
    XDECREF(MP(o));
    obj_free(o);
}

static int mp_traverse(Object *o, visitproc visit, void *arg) {
    return MP(o) ? visit(MP(o), arg) : 0;
}

static Object *mp_getitem(Object *o, Object *key) { return obj_getitem(MP(o), key); }
static intptr_t mp_len(Object *o) { return obj_length(MP(o)); }
static int mp_contains(Object *o, Object *key) {
    if (dict_check(MP(o))) return dict_contains(MP(o), key);
    return obj_contains(MP(o), key);
}
static Object *mp_iter(Object *o) { return obj_get_iter(MP(o)); }
static Object *mp_repr(Object *o) { return str_from_format("mappingproxy(%R)", MP(o)); }
static Object *mp_str(Object *o) { return obj_str(MP(o)); }
static Object *mp_richcompare(Object *a, Object *b, int op) {
    return obj_richcompare(MP(a), b, op);
}

static Object *mp_forward(Object *self, const char *name, Object *const *args, size_t nargs) {
    return obj_call_method(MP(self), name, args, nargs);
}
static Object *mp_keys(Object *s, Object *const *a, size_t n, Object *k) {
    return mp_forward(s, "keys", a, n);
}
static Object *mp_values(Object *s, Object *const *a, size_t n, Object *k) {
    return mp_forward(s, "values", a, n);
}
static Object *mp_items(Object *s, Object *const *a, size_t n, Object *k) {
    return mp_forward(s, "items", a, n);
}
static Object *mp_get(Object *s, Object *const *a, size_t n, Object *k) {
    if (args_count("get", n, 1, 2) < 0) return NULL;
    return mp_forward(s, "get", a, n);
}
static Object *mp_copy(Object *s, Object *const *a, size_t n, Object *k) {
    return mp_forward(s, "copy", a, n);
}

static MethodDef mp_methods[] = {
    {"keys", mp_keys, 0, NULL},   {"values", mp_values, 0, NULL},
    {"items", mp_items, 0, NULL}, {"get", mp_get, 0, NULL},
    {"copy", mp_copy, 0, NULL},   {NULL},
};

TypeObject MappingProxy_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "mappingproxy",
    .basicsize = sizeof(MappingProxyObject),
    .flags = TPFLAG_GC,
    .dealloc = mp_dealloc,
    .traverse = mp_traverse,
    .repr = mp_repr,
    .str = mp_str,
    .richcompare = mp_richcompare,
    .iter = mp_iter,
    .len = mp_len,
    .getitem = mp_getitem,
    .contains = mp_contains,
    .tp_new = mp_tp_new,
    .methods = mp_methods,
};

/* ---- shared: repr of a type argument ("int", "mod.C", "None", "...") -------- */

static int append_type_repr(StrBuf *sb, Object *p) {
    if (p == None) return strbuf_append_cstr(sb, "None");
    if (p == Ellipsis) return strbuf_append_cstr(sb, "...");
    if (type_check(p)) {
        TypeObject *t = (TypeObject *)p;
        Object *mod = type_module(t), *qual = type_qualname(t);
        int r = -1;
        if (mod && qual) {
            if (str_check(mod) && !str_eq_cstr(mod, "builtins"))
                r = strbuf_printf(sb, "%s.%s", str_utf8(mod), str_utf8(qual));
            else
                r = strbuf_append_str(sb, qual);
        }
        XDECREF(mod);
        XDECREF(qual);
        return r;
    }
    return strbuf_append_repr(sb, p);
}

/* ---- types.GenericAlias ---------------------------------------------------------- */

typedef struct GenericAliasObject {
    Object ob_base;
    Object *origin;
    Object *args;   /* tuple */
} GenericAliasObject;

Object *generic_alias_new(Object *origin, Object *args) {
    GenericAliasObject *g = (GenericAliasObject *)obj_alloc(&GenericAlias_Type);
    if (!g) return NULL;
    g->origin = NEWREF(origin);
    g->args = tuple_check(args) ? NEWREF(args) : tuple_pack(1, args);
    if (!g->args) {
        DECREF((Object *)g);
        return NULL;
    }
    gc_track((Object *)g);
    return (Object *)g;
}

Object *generic_class_getitem(Object *cls, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("__class_getitem__", nargs, 1, 1) < 0) return NULL;
    return generic_alias_new(cls, args[0]);
}

static Object *ga_tp_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("GenericAlias", nargs, 2, 2) < 0) return NULL;
    return generic_alias_new(args[0], args[1]);
}

static void ga_dealloc(Object *o) {
    GenericAliasObject *g = (GenericAliasObject *)o;
    gc_untrack(o);
    XDECREF(g->origin);
    XDECREF(g->args);
    obj_free(o);
}

static int ga_traverse(Object *o, visitproc visit, void *arg) {
    GenericAliasObject *g = (GenericAliasObject *)o;
    if (g->origin && visit(g->origin, arg)) return 1;
    if (g->args && visit(g->args, arg)) return 1;
    return 0;
}

static Object *ga_repr(Object *o) {
    GenericAliasObject *g = (GenericAliasObject *)o;
    StrBuf sb;
    strbuf_init(&sb);
    if (append_type_repr(&sb, g->origin) < 0) goto fail;
    strbuf_append_char(&sb, '[');
    intptr_t n = TUPLE_SIZE(g->args);
    if (n == 0) strbuf_append_cstr(&sb, "()");
    for (intptr_t i = 0; i < n; i++) {
        if (i) strbuf_append_cstr(&sb, ", ");
        Object *a = TUPLE_GET(g->args, i);
        if (list_check(a)) {
            strbuf_append_char(&sb, '[');
            for (intptr_t j = 0; j < LIST_SIZE(a); j++) {
                if (j) strbuf_append_cstr(&sb, ", ");
                if (append_type_repr(&sb, LIST_GET(a, j)) < 0) goto fail;
            }
            strbuf_append_char(&sb, ']');
        } else if (append_type_repr(&sb, a) < 0) {
            goto fail;
        }
    }
    strbuf_append_char(&sb, ']');
    return strbuf_finish(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

static Object *ga_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    GenericAliasObject *g = (GenericAliasObject *)self;
    Object *r = obj_call(g->origin, args, nargs, kwnames);
    if (r && !IS_SMALLINT(r) && obj_dict_ptr(r)) {
        if (obj_setattr_cstr(r, "__orig_class__", self) < 0) err_clear();
    }
    return r;
}

static Object *ga_richcompare(Object *a, Object *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || OBJ_TYPE(b) != &GenericAlias_Type)
        return NEWREF(NotImplemented);
    GenericAliasObject *x = (GenericAliasObject *)a, *y = (GenericAliasObject *)b;
    int eq = obj_richcompare_bool(x->origin, y->origin, CMP_EQ);
    if (eq > 0) eq = obj_richcompare_bool(x->args, y->args, CMP_EQ);
    if (eq < 0) return NULL;
    return bool_from(op == CMP_EQ ? eq : !eq);
}

static int64_t ga_hash(Object *o) {
    GenericAliasObject *g = (GenericAliasObject *)o;
    int64_t a = obj_hash(g->origin);
    if (a == -1) return -1;
    int64_t b = obj_hash(g->args);
    if (b == -1) return -1;
    int64_t h = a ^ b;
    return h == -1 ? -2 : h;
}

static Object *ga_getattro(Object *self, Object *name) {
    GenericAliasObject *g = (GenericAliasObject *)self;
    if (str_check(name) && !typeslots_is_dunder(name)) return obj_getattr(g->origin, name);
    return obj_generic_getattr(self, name);
}

static Object *ga_or(Object *a, Object *b) { return union_new(a, b); }

static Object *ga_get_origin(Object *o, void *c) {
    return NEWREF(((GenericAliasObject *)o)->origin);
}
static Object *ga_get_args(Object *o, void *c) {
    return NEWREF(((GenericAliasObject *)o)->args);
}
static Object *get_empty_tuple(Object *o, void *c) { return tuple_empty(); }

static GetSetDef ga_getset[] = {
    {"__origin__", ga_get_origin, NULL, NULL, NULL},
    {"__args__", ga_get_args, NULL, NULL, NULL},
    {"__parameters__", get_empty_tuple, NULL, NULL, NULL},
    {NULL},
};

static Object *ga_instancecheck(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return err_format(&Exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}
static Object *ga_subclasscheck(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return err_format(&Exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}
static Object *ga_mro_entries(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return tuple_pack(1, ((GenericAliasObject *)self)->origin);
}

static MethodDef ga_methods[] = {
    {"__instancecheck__", ga_instancecheck, 0, NULL},
    {"__subclasscheck__", ga_subclasscheck, 0, NULL},
    {"__mro_entries__", ga_mro_entries, 0, NULL},
    {NULL},
};

TypeObject GenericAlias_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "types.GenericAlias",
    .basicsize = sizeof(GenericAliasObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE,
    .dealloc = ga_dealloc,
    .traverse = ga_traverse,
    .repr = ga_repr,
    .hash = ga_hash,
    .richcompare = ga_richcompare,
    .getattro = ga_getattro,
    .call = ga_call,
    .nb_or = ga_or,
    .tp_new = ga_tp_new,
    .methods = ga_methods,
    .getset = ga_getset,
};

/* ---- types.UnionType --------------------------------------------------------------- */

typedef struct UnionObject {
    Object ob_base;
    Object *args;   /* tuple, no duplicates, None stored as NoneType */
} UnionObject;

Object *union_args(Object *u) { return ((UnionObject *)u)->args; }

static bool union_member_ok(Object *o) {
    return o == None || type_check(o) || OBJ_TYPE(o) == &GenericAlias_Type ||
           OBJ_TYPE(o) == &Union_Type;
}

static int union_add(Object *list, Object *o) {
    if (OBJ_TYPE(o) == &Union_Type) {
        Object *a = ((UnionObject *)o)->args;
        for (intptr_t i = 0; i < TUPLE_SIZE(a); i++)
            if (union_add(list, TUPLE_GET(a, i)) < 0) return -1;
        return 0;
    }
    if (o == None) o = (Object *)&NoneType_Type;
    for (intptr_t i = 0; i < LIST_SIZE(list); i++) {
        int eq = obj_richcompare_bool(LIST_GET(list, i), o, CMP_EQ);
        if (eq < 0) return -1;
        if (eq) return 0;
    }
    return list_append(list, o);
}

Object *union_new(Object *a, Object *b) {
    if (!union_member_ok(a) || !union_member_ok(b)) return NEWREF(NotImplemented);
    Object *l = list_new(0);
    if (!l) return NULL;
    if (union_add(l, a) < 0 || union_add(l, b) < 0) {
        DECREF(l);
        return NULL;
    }
    if (LIST_SIZE(l) == 1) {
        Object *r = LIST_GET(l, 0);
        r = NEWREF(r == (Object *)&NoneType_Type ? None : r);
        DECREF(l);
        return r;
    }
    UnionObject *u = (UnionObject *)obj_alloc(&Union_Type);
    if (!u) {
        DECREF(l);
        return NULL;
    }
    u->args = list_as_tuple(l);
    DECREF(l);
    if (!u->args) {
        DECREF((Object *)u);
        return NULL;
    }
    gc_track((Object *)u);
    return (Object *)u;
}

static void union_dealloc(Object *o) {
    gc_untrack(o);
    XDECREF(((UnionObject *)o)->args);
    obj_free(o);
}

static int union_traverse(Object *o, visitproc visit, void *arg) {
    Object *a = ((UnionObject *)o)->args;
    return a ? visit(a, arg) : 0;
}

static Object *union_repr(Object *o) {
    Object *a = ((UnionObject *)o)->args;
    StrBuf sb;
    strbuf_init(&sb);
    for (intptr_t i = 0; i < TUPLE_SIZE(a); i++) {
        if (i) strbuf_append_cstr(&sb, " | ");
        Object *x = TUPLE_GET(a, i);
        if (append_type_repr(&sb, x == (Object *)&NoneType_Type ? None : x) < 0) {
            strbuf_free(&sb);
            return NULL;
        }
    }
    return strbuf_finish(&sb);
}

static Object *union_richcompare(Object *a, Object *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || OBJ_TYPE(b) != &Union_Type)
        return NEWREF(NotImplemented);
    Object *sa = frozenset_new(((UnionObject *)a)->args);
    Object *sb = sa ? frozenset_new(((UnionObject *)b)->args) : NULL;
    Object *r = sb ? obj_richcompare(sa, sb, op) : NULL;
    XDECREF(sa);
    XDECREF(sb);
    return r;
}

static int64_t union_hash(Object *o) {
    Object *s = frozenset_new(((UnionObject *)o)->args);
    if (!s) return -1;
    int64_t h = obj_hash(s);
    DECREF(s);
    return h;
}

static Object *union_get_args(Object *o, void *c) { return NEWREF(((UnionObject *)o)->args); }

static GetSetDef union_getset[] = {
    {"__args__", union_get_args, NULL, NULL, NULL},
    {"__parameters__", get_empty_tuple, NULL, NULL, NULL},
    {NULL},
};

static Object *union_instancecheck(Object *self, Object *const *args, size_t nargs, Object *k) {
    if (args_count("__instancecheck__", nargs, 1, 1) < 0) return NULL;
    int r = obj_isinstance(args[0], self);
    return r < 0 ? NULL : bool_from(r);
}

static Object *union_subclasscheck(Object *self, Object *const *args, size_t nargs, Object *k) {
    if (args_count("__subclasscheck__", nargs, 1, 1) < 0) return NULL;
    int r = obj_issubclass(args[0], self);
    return r < 0 ? NULL : bool_from(r);
}

static MethodDef union_methods[] = {
    {"__instancecheck__", union_instancecheck, 0, NULL},
    {"__subclasscheck__", union_subclasscheck, 0, NULL},
    {NULL},
};

TypeObject Union_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "types.UnionType",
    .basicsize = sizeof(UnionObject),
    .flags = TPFLAG_GC,
    .dealloc = union_dealloc,
    .traverse = union_traverse,
    .repr = union_repr,
    .hash = union_hash,
    .richcompare = union_richcompare,
    .nb_or = union_new,
    .methods = union_methods,
    .getset = union_getset,
};
