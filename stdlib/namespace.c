/* stdlib/namespace.c — types.SimpleNamespace: an object whose attributes are
 * just its __dict__.  sys.implementation is one, and types.py exposes the
 * type as `type(sys.implementation)`, as in CPython.
 */
#include "vm/vm.h"
#include "stdlib/runtime_modules.h"

typedef struct NamespaceObject {
    Object ob_base;
    Object *dict;
} NamespaceObject;

/* Objects whose repr is in progress on this thread (recursion shows "..."). */
#define REPR_STACK_MAX 64
static __thread Object *repr_stack[REPR_STACK_MAX];
static __thread int repr_depth;

static Object *namespace_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                                Object *kwnames) {
    Object *self = obj_alloc(type);
    if (!self) return NULL;
    ((NamespaceObject *)self)->dict = dict_new();
    if (!((NamespaceObject *)self)->dict) {
        DECREF(self);
        return NULL;
    }
    if (type->flags & TPFLAG_GC) gc_track(self);
    return self;
}

static int namespace_tp_init(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    if (nargs) {
        err_format(&Exc_TypeError, "no positional arguments expected");
        return -1;
    }
    Object *dict = ((NamespaceObject *)self)->dict;
    size_t nkw = args_nkw(kwnames);
    for (size_t i = 0; i < nkw; i++)
        if (dict_set(dict, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) return -1;
    return 0;
}

Object *namespace_new(Object *dict) {
    Object *ns = namespace_tp_new(&SimpleNamespace_Type, NULL, 0, NULL);
    if (ns && dict && dict_update(((NamespaceObject *)ns)->dict, dict) < 0) CLEAR(ns);
    return ns;
}

static void namespace_dealloc(Object *self) {
    if (OBJ_TYPE(self)->flags & TPFLAG_GC) gc_untrack(self);
    CLEAR(((NamespaceObject *)self)->dict);
    obj_free(self);
}

static int namespace_traverse(Object *self, visitproc visit, void *arg) {
    Object *d = ((NamespaceObject *)self)->dict;
    return d ? visit(d, arg) : 0;
}

static int namespace_clear(Object *self) {
    CLEAR(((NamespaceObject *)self)->dict);
    return 0;
}

static Object *namespace_repr(Object *self) {
    TypeObject *t = OBJ_TYPE(self);
    const char *name = t == &SimpleNamespace_Type ? "namespace" : type_name(t);
    for (int i = 0; i < repr_depth; i++)
        if (repr_stack[i] == self) return str_from_format("%s(...)", name);
    if (repr_depth == REPR_STACK_MAX) return str_from_format("%s(...)", name);
    repr_stack[repr_depth++] = self;
    StrBuf sb;
    strbuf_init(&sb);
    strbuf_append_cstr(&sb, name);
    strbuf_append_char(&sb, '(');
    Object *dict = ((NamespaceObject *)self)->dict;
    Object *items = dict ? dict_items_list(dict) : list_new(0);
    int ok = items != NULL;
    for (intptr_t i = 0; ok && i < LIST_SIZE(items); i++) {
        Object *kv = LIST_GET(items, i);
        Object *k = TUPLE_GET(kv, 0);
        if (!str_check(k)) continue;
        if (i) strbuf_append_cstr(&sb, ", ");
        strbuf_append_str(&sb, k);
        strbuf_append_char(&sb, '=');
        if (strbuf_append_repr(&sb, TUPLE_GET(kv, 1)) < 0) ok = 0;
    }
    XDECREF(items);
    repr_depth--;
    if (!ok) {
        strbuf_free(&sb);
        return NULL;
    }
    strbuf_append_char(&sb, ')');
    return strbuf_finish(&sb);
}

static Object *namespace_richcompare(Object *a, Object *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) ||
        !type_is_subtype(OBJ_TYPE(a), &SimpleNamespace_Type) ||
        !type_is_subtype(OBJ_TYPE(b), &SimpleNamespace_Type))
        return NEWREF(NotImplemented);
    return obj_richcompare(((NamespaceObject *)a)->dict, ((NamespaceObject *)b)->dict, op);
}

TypeObject SimpleNamespace_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "types.SimpleNamespace",
    .basicsize = sizeof(NamespaceObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_GC,
    .doc = "A simple attribute-based namespace.",
    .dealloc = namespace_dealloc,
    .traverse = namespace_traverse,
    .clear = namespace_clear,
    .repr = namespace_repr,
    .richcompare = namespace_richcompare,
    .tp_new = namespace_tp_new,
    .tp_init = namespace_tp_init,
    .dictoffset = offsetof(NamespaceObject, dict),
};
