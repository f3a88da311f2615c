/* vm/objects/weakref.c — weak references (the `_weakref` module's ref type).
 *
 * An object that can be weakly referenced has a `weaklist` field (its
 * type's weaklistoffset): the head of a doubly-linked list of the weakref
 * objects pointing at it.  A weakref does not own its referent.  When the
 * referent dies, its dealloc calls weakref_clear_all(), which cuts every
 * weakref loose and then calls their callbacks.
 */
#include "vm/objects/weakref.h"
#include "vm/vm.h"

typedef struct WeakRefObject {
    Object ob_base;
    Object *obj;        /* borrowed; NULL once dead */
    Object *callback;   /* owned, may be NULL */
    int64_t hash;       /* -1 until computed */
    struct WeakRefObject *prev, *next;
} WeakRefObject;

static Object **weaklist_of(Object *o) {
    if (IS_SMALLINT(o)) return NULL;
    /* Only classes (heap types) have the field Type_Type's offset names. */
    if ((o->type->flags & TPFLAG_TYPE_SUBCLASS) && !(((TypeObject *)o)->flags & TPFLAG_HEAPTYPE))
        return NULL;
    intptr_t off = OBJ_TYPE(o)->weaklistoffset;
    return off > 0 ? (Object **)((char *)o + off) : NULL;
}

static void unlink_ref(WeakRefObject *r) {
    if (!r->obj) return;
    Object **head = weaklist_of(r->obj);
    if (r->prev) r->prev->next = r->next;
    else if (head && *head == (Object *)r) *head = (Object *)r->next;
    if (r->next) r->next->prev = r->prev;
    r->prev = r->next = NULL;
    r->obj = NULL;
}

static Object *weakref_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                              Object *kwnames) {
    Object *obj, *callback = NULL;
    if (args_parse(args, nargs, kwnames, "O|O:ref", NULL, &obj, &callback) < 0) return NULL;
    Object **head = weaklist_of(obj);
    if (!head)
        return err_format(&Exc_TypeError, "cannot create weak reference to '%s' object",
                          type_name(OBJ_TYPE(obj)));
    if (callback == None) callback = NULL;
    /* Without a callback, an existing plain ref is shared, as CPython does. */
    if (!callback && type == &WeakRef_Type) {
        for (WeakRefObject *r = (WeakRefObject *)*head; r; r = r->next)
            if (!r->callback && OBJ_TYPE((Object *)r) == &WeakRef_Type) return NEWREF((Object *)r);
    }
    WeakRefObject *r = (WeakRefObject *)obj_alloc(type);
    if (!r) return NULL;
    r->obj = obj;
    r->callback = XNEWREF(callback);
    r->hash = -1;
    r->next = (WeakRefObject *)*head;
    if (r->next) r->next->prev = r;
    *head = (Object *)r;
    if (type->flags & TPFLAG_GC) gc_track((Object *)r);
    return (Object *)r;
}

static void weakref_dealloc(Object *o) {
    WeakRefObject *r = (WeakRefObject *)o;
    if (OBJ_TYPE(o)->flags & TPFLAG_GC) gc_untrack(o);
    unlink_ref(r);
    CLEAR(r->callback);
    obj_free(o);
}

static int weakref_traverse(Object *o, visitproc visit, void *arg) {
    WeakRefObject *r = (WeakRefObject *)o;
    if (r->callback) return visit(r->callback, arg);
    return 0;
}

static int weakref_clear(Object *o) {
    WeakRefObject *r = (WeakRefObject *)o;
    unlink_ref(r);
    CLEAR(r->callback);
    return 0;
}

static Object *weakref_call(Object *o, Object *const *args, size_t nargs, Object *kwnames) {
    if (nargs || args_nkw(kwnames))
        return err_format(&Exc_TypeError, "weakref() takes no arguments");
    WeakRefObject *r = (WeakRefObject *)o;
    return NEWREF(r->obj ? r->obj : None);
}

static int64_t weakref_hash(Object *o) {
    WeakRefObject *r = (WeakRefObject *)o;
    if (r->hash != -1) return r->hash;
    if (!r->obj) {
        err_format(&Exc_TypeError, "weak object has gone away");
        return -1;
    }
    r->hash = obj_hash(r->obj);
    return r->hash;
}

static Object *weakref_richcompare(Object *a, Object *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || OBJ_TYPE(b) != OBJ_TYPE(a)) return NEWREF(NotImplemented);
    WeakRefObject *ra = (WeakRefObject *)a, *rb = (WeakRefObject *)b;
    if (!ra->obj || !rb->obj) {
        int same = a == b;
        return bool_from(op == CMP_EQ ? same : !same);
    }
    return obj_richcompare(ra->obj, rb->obj, op);
}

static Object *weakref_repr(Object *o) {
    WeakRefObject *r = (WeakRefObject *)o;
    if (!r->obj) return str_from_format("<weakref at %p; dead>", (void *)o);
    return str_from_format("<weakref at %p; to '%s' at %p>", (void *)o,
                           type_name(OBJ_TYPE(r->obj)), (void *)r->obj);
}

static Object *weakref_get_callback(Object *o, void *closure) {
    WeakRefObject *r = (WeakRefObject *)o;
    return NEWREF(r->callback ? r->callback : None);
}

static GetSetDef weakref_getset[] = {
    {"__callback__", weakref_get_callback, NULL, "the callback, or None", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

TypeObject WeakRef_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "weakref.ReferenceType",
    .basicsize = sizeof(WeakRefObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE,
    .doc = "ref(object[, callback]): a reference that does not keep object alive",
    .dealloc = weakref_dealloc,
    .traverse = weakref_traverse,
    .clear = weakref_clear,
    .repr = weakref_repr,
    .hash = weakref_hash,
    .richcompare = weakref_richcompare,
    .call = weakref_call,
    .tp_new = weakref_tp_new,
    .getset = weakref_getset,
};

int weakref_detach_all(Object *o, Object *pending, bool (*is_garbage)(Object *ref)) {
    Object **head = weaklist_of(o);
    int n = 0;
    if (!head) return 0;
    while (*head) {
        WeakRefObject *r = (WeakRefObject *)*head;
        unlink_ref(r);
        /* A weakref that dies in the same cycle never calls back. */
        if (r->callback && pending && !(is_garbage && is_garbage((Object *)r))) {
            if (list_append(pending, (Object *)r) < 0) err_clear();
            else n++;
        }
    }
    return n;
}

void weakref_call_pending(Object *pending) {
    Object *saved = err_fetch();
    for (intptr_t i = 0; i < LIST_SIZE(pending); i++) {
        WeakRefObject *r = (WeakRefObject *)LIST_GET(pending, i);
        Object *cb = r->callback;
        if (!cb) continue;
        r->callback = NULL;
        Object *res = obj_call1(cb, (Object *)r);
        if (res) DECREF(res);
        else err_write_unraisable(cb);
        DECREF(cb);
    }
    if (saved) err_restore(saved);
}

void weakref_clear_all(Object *o) {
    Object **head = weaklist_of(o);
    if (!head || !*head) return;
    /* Keep the callbacks' weakrefs alive while we call them. */
    Object *pending = list_new(0);
    if (!pending) err_clear();
    weakref_detach_all(o, pending, NULL);
    if (pending) {
        weakref_call_pending(pending);
        DECREF(pending);
    }
}

intptr_t weakref_count(Object *o) {
    Object **head = weaklist_of(o);
    intptr_t n = 0;
    if (head)
        for (WeakRefObject *r = (WeakRefObject *)*head; r; r = r->next) n++;
    return n;
}

static Object *wr_getweakrefcount(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("getweakrefcount", nargs, 1, 1) < 0) return NULL;
    return int_from_ssize(weakref_count(args[0]));
}

static Object *wr_getweakrefs(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("getweakrefs", nargs, 1, 1) < 0) return NULL;
    Object *list = list_new(0);
    Object **head = weaklist_of(args[0]);
    if (list && head)
        for (WeakRefObject *r = (WeakRefObject *)*head; r; r = r->next)
            if (list_append(list, (Object *)r) < 0) {
                DECREF(list);
                return NULL;
            }
    return list;
}

static MethodDef weakref_functions[] = {
    {"getweakrefcount", wr_getweakrefcount, 0, "Number of weak references to the object."},
    {"getweakrefs", wr_getweakrefs, 0, "List of the weak references to the object."},
    {NULL, NULL, 0, NULL},
};

Object *mod_weakref_init(void) {
    if (type_ready(&WeakRef_Type) < 0) return NULL;
    Object *m = module_new("_weakref");
    if (!m) return NULL;
    if (module_add_functions(m, weakref_functions) < 0 ||
        module_add(m, "ref", (Object *)&WeakRef_Type) < 0 ||
        module_add(m, "ReferenceType", (Object *)&WeakRef_Type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
