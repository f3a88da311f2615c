/* vm/objects/dictviews.c — dict iterators and the keys/values/items views.
 *
 * Iterators walk the entries array by position.  They remember the dict's
 * size when created: a size change raises "dictionary changed size during
 * iteration"; a same-size change that yields more keys than expected raises
 * "dictionary keys changed during iteration" (both as CPython).
 *
 * Views are thin wrappers around the dict: len/iter/contains/repr; keys and
 * items views also behave like sets (& | - ^, comparisons, isdisjoint) by
 * building a real set for the result.
 */
#include "vm/vm.h"
#include "vm/objects/containers.h"
#include "vm/objects/typesys.h"

/* ---- iterators ------------------------------------------------------------ */

enum { IT_KEYS, IT_VALUES, IT_ITEMS };

typedef struct {
    Object ob_base;
    Object *dict;      /* NULL once exhausted */
    intptr_t used;     /* dict size at creation (-1 after a size error) */
    intptr_t pos;      /* next entry to look at */
    intptr_t len;      /* items still expected */
    Object *result;    /* cached 2-tuple reused by items iteration */
} DictIterObject;

static int iter_kind(TypeObject *t) {
    if (t == &DictKeyIter_Type || t == &DictRevKeyIter_Type) return IT_KEYS;
    if (t == &DictValueIter_Type || t == &DictRevValueIter_Type) return IT_VALUES;
    return IT_ITEMS;
}

static bool iter_reversed(TypeObject *t) {
    return t == &DictRevKeyIter_Type || t == &DictRevValueIter_Type ||
           t == &DictRevItemIter_Type;
}

Object *dictiter_new(Object *d, TypeObject *itertype) {
    DictIterObject *it = (DictIterObject *)obj_alloc(itertype);
    if (!it) return NULL;
    DictObject *dp = (DictObject *)d;
    it->dict = NEWREF(d);
    it->used = dp->used;
    it->len = dp->used;
    it->pos = iter_reversed(itertype) ? dp->nentries - 1 : 0;
    gc_track((Object *)it);
    return (Object *)it;
}

static Object *make_item(DictIterObject *it, Object *k, Object *v) {
    Object *r = it->result;
    if (r && r->refcnt == 1) {
        /* Nobody else sees the previous pair: refill it in place. */
        INCREF(r);
        Object *ok = TUPLE_ITEMS(r)[0], *ov = TUPLE_ITEMS(r)[1];
        TUPLE_ITEMS(r)[0] = NEWREF(k);
        TUPLE_ITEMS(r)[1] = NEWREF(v);
        DECREF(ok);
        DECREF(ov);
        return r;
    }
    r = tuple_pack(2, k, v);
    if (!r) return NULL;
    if (!it->result) it->result = NEWREF(r);
    else SETREF(it->result, NEWREF(r));
    return r;
}

static Object *dictiter_next(Object *self) {
    DictIterObject *it = (DictIterObject *)self;
    DictObject *d = (DictObject *)it->dict;
    if (!d) return NULL;
    if (it->used != d->used) {
        it->used = -1;
        return err_format(&Exc_RuntimeError, "dictionary changed size during iteration");
    }
    intptr_t i = it->pos;
    DictEntry *ep = NULL;
    if (iter_reversed(OBJ_TYPE(self))) {
        if (i >= d->nentries) i = d->nentries - 1;
        while (i >= 0 && !d->entries[i].key) i--;
        if (i >= 0) {
            ep = &d->entries[i];
            it->pos = i - 1;
        }
    } else {
        while (i < d->nentries && !d->entries[i].key) i++;
        if (i < d->nentries) {
            ep = &d->entries[i];
            it->pos = i + 1;
        }
    }
    if (!ep) {
        it->len = 0;
        CLEAR(it->dict);
        return NULL;
    }
    if (it->len == 0) {
        it->len = -1;
        return err_format(&Exc_RuntimeError, "dictionary keys changed during iteration");
    }
    it->len--;
    switch (iter_kind(OBJ_TYPE(self))) {
    case IT_KEYS: return NEWREF(ep->key);
    case IT_VALUES: return NEWREF(ep->value);
    default: return make_item(it, ep->key, ep->value);
    }
}

static void dictiter_dealloc(Object *self) {
    DictIterObject *it = (DictIterObject *)self;
    gc_untrack(self);
    XDECREF(it->dict);
    XDECREF(it->result);
    obj_free(self);
}

static int dictiter_traverse(Object *self, visitproc visit, void *arg) {
    DictIterObject *it = (DictIterObject *)self;
    int r = 0;
    if (it->dict) r = visit(it->dict, arg);
    if (!r && it->result) r = visit(it->result, arg);
    return r;
}

static int dictiter_clear(Object *self) {
    DictIterObject *it = (DictIterObject *)self;
    CLEAR(it->dict);
    CLEAR(it->result);
    return 0;
}

static Object *dictiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                    Object *kw) {
    DictIterObject *it = (DictIterObject *)self;
    intptr_t n = 0;
    if (it->dict && it->used == ((DictObject *)it->dict)->used && it->len > 0) n = it->len;
    return int_from_ssize(n);
}

static MethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

#define DICTITER_TYPE(cname, pyname)                  \
    TypeObject cname = {                              \
        .ob_base = STATIC_OBJECT_HEAD(&Type_Type),    \
        .name = pyname,                               \
        .basicsize = sizeof(DictIterObject),          \
        .flags = TPFLAG_GC,                           \
        .dealloc = dictiter_dealloc,                  \
        .traverse = dictiter_traverse,                \
        .clear = dictiter_clear,                      \
        .iter = iter_self,                            \
        .iternext = dictiter_next,                    \
        .methods = dictiter_methods,                  \
    };

DICTITER_TYPE(DictKeyIter_Type, "dict_keyiterator")
DICTITER_TYPE(DictValueIter_Type, "dict_valueiterator")
DICTITER_TYPE(DictItemIter_Type, "dict_itemiterator")
DICTITER_TYPE(DictRevKeyIter_Type, "dict_reversekeyiterator")
DICTITER_TYPE(DictRevValueIter_Type, "dict_reversevalueiterator")
DICTITER_TYPE(DictRevItemIter_Type, "dict_reverseitemiterator")

/* ---- views ---------------------------------------------------------------- */

typedef struct {
    Object ob_base;
    Object *dict;
} DictViewObject;

#define VIEW_DICT(v) (((DictViewObject *)(v))->dict)

static Object *view_new(Object *d, TypeObject *type) {
    DictViewObject *v = (DictViewObject *)obj_alloc(type);
    if (!v) return NULL;
    v->dict = NEWREF(d);
    gc_track((Object *)v);
    return (Object *)v;
}

Object *dict_keys_view(Object *d) { return view_new(d, &DictKeys_Type); }
Object *dict_values_view(Object *d) { return view_new(d, &DictValues_Type); }
Object *dict_items_view(Object *d) { return view_new(d, &DictItems_Type); }

static bool is_setview(Object *o) {
    TypeObject *t = OBJ_TYPE(o);
    return t == &DictKeys_Type || t == &DictItems_Type;
}

static void view_dealloc(Object *self) {
    gc_untrack(self);
    DECREF(VIEW_DICT(self));
    obj_free(self);
}

static int view_traverse(Object *self, visitproc visit, void *arg) {
    return visit(VIEW_DICT(self), arg);
}

static intptr_t view_len(Object *self) { return dict_size(VIEW_DICT(self)); }

static Object *keys_iter(Object *self) { return dictiter_new(VIEW_DICT(self), &DictKeyIter_Type); }
static Object *values_iter(Object *self) {
    return dictiter_new(VIEW_DICT(self), &DictValueIter_Type);
}
static Object *items_iter(Object *self) {
    return dictiter_new(VIEW_DICT(self), &DictItemIter_Type);
}

static Object *keys_reversed(Object *self, Object *const *a, size_t n, Object *kw) {
    return dictiter_new(VIEW_DICT(self), &DictRevKeyIter_Type);
}
static Object *values_reversed(Object *self, Object *const *a, size_t n, Object *kw) {
    return dictiter_new(VIEW_DICT(self), &DictRevValueIter_Type);
}
static Object *items_reversed(Object *self, Object *const *a, size_t n, Object *kw) {
    return dictiter_new(VIEW_DICT(self), &DictRevItemIter_Type);
}

static Object *view_repr(Object *self) {
    int r = container_repr_enter(self);
    if (r != 0) return r > 0 ? str_from_cstr("...") : NULL;
    Object *l = list_from_iterable(self);
    Object *s = NULL;
    if (l) {
        s = str_from_format("%s(%R)", OBJ_TYPE(self)->name, l);
        DECREF(l);
    }
    container_repr_leave(self);
    return s;
}

static int keys_contains(Object *self, Object *key) { return dict_contains(VIEW_DICT(self), key); }

static int items_contains(Object *self, Object *item) {
    if (!tuple_check(item) || TUPLE_SIZE(item) != 2) return 0;
    Object *v = dict_get(VIEW_DICT(self), TUPLE_GET(item, 0));
    if (!v) return err_occurred() ? -1 : 0;
    INCREF(v);
    int r = obj_richcompare_bool(v, TUPLE_GET(item, 1), CMP_EQ);
    DECREF(v);
    return r;
}

/* Every element of a is in b: 1/0/-1. */
static int all_contained_in(Object *a, Object *b) {
    Object *it = obj_get_iter(a);
    if (!it) return -1;
    Object *x;
    int ok = 1;
    while ((x = obj_iter_next(it)) != NULL) {
        ok = obj_contains(b, x);
        DECREF(x);
        if (ok <= 0) break;
    }
    DECREF(it);
    if (ok > 0 && err_occurred()) return -1;
    return ok;
}

static Object *view_richcompare(Object *a, Object *b, int op) {
    if (!anyset_check(b) && !is_setview(b)) return NEWREF(NotImplemented);
    intptr_t la = obj_length(a), lb;
    if (la < 0) return NULL;
    lb = obj_length(b);
    if (lb < 0) return NULL;
    int ok = 0;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        ok = la == lb ? all_contained_in(a, b) : 0;
        break;
    case CMP_LT: ok = la < lb ? all_contained_in(a, b) : 0; break;
    case CMP_LE: ok = la <= lb ? all_contained_in(a, b) : 0; break;
    case CMP_GT: ok = la > lb ? all_contained_in(b, a) : 0; break;
    case CMP_GE: ok = la >= lb ? all_contained_in(b, a) : 0; break;
    }
    if (ok < 0) return NULL;
    return bool_from(op == CMP_NE ? !ok : ok);
}

/* A new set from a view operand (a keys view copies its dict's keys). */
static Object *view_to_set(Object *o) {
    if (OBJ_TYPE(o) == &DictKeys_Type) o = VIEW_DICT(o);
    return set_new(o);
}

static Object *set_then(Object *left, const char *method, Object *right) {
    Object *s = view_to_set(left);
    if (!s) return NULL;
    Object *r = obj_call_method(s, method, &right, 1);
    if (!r) {
        DECREF(s);
        return NULL;
    }
    DECREF(r);
    return s;
}

static Object *view_or(Object *a, Object *b) {
    if (!is_setview(a)) {   /* reflected: iterable | view */
        Object *t = a;
        a = b;
        b = t;
    }
    return set_then(a, "update", b);
}

static Object *view_sub(Object *a, Object *b) { return set_then(a, "difference_update", b); }

static Object *view_xor(Object *a, Object *b) {
    if (!is_setview(a)) {
        Object *t = a;
        a = b;
        b = t;
    }
    return set_then(a, "symmetric_difference_update", b);
}

static Object *view_and(Object *a, Object *b) {
    if (!is_setview(a)) {
        Object *t = a;
        a = b;
        b = t;
    }
    /* Walk the other operand and keep what the view contains. */
    Object *result = set_new(NULL);
    if (!result) return NULL;
    Object *it = obj_get_iter(b);
    if (!it) {
        DECREF(result);
        return NULL;
    }
    Object *x;
    while ((x = obj_iter_next(it)) != NULL) {
        int c = obj_contains(a, x);
        if (c > 0) c = set_add(result, x) < 0 ? -1 : 1;
        DECREF(x);
        if (c < 0) break;
    }
    DECREF(it);
    if (err_occurred()) {
        DECREF(result);
        return NULL;
    }
    return result;
}

static Object *view_isdisjoint(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg(OBJ_TYPE(self)->name, "isdisjoint", nargs) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Object *x;
    int found = 0;
    while ((x = obj_iter_next(it)) != NULL) {
        found = obj_contains(self, x);
        DECREF(x);
        if (found != 0) break;
    }
    DECREF(it);
    if (found < 0 || err_occurred()) return NULL;
    return bool_from(!found);
}

static Object *view_mapping(Object *self, void *closure) {
    return mappingproxy_new(VIEW_DICT(self));
}

static GetSetDef view_getset[] = {
    {"mapping", view_mapping, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MethodDef keys_methods[] = {
    {"isdisjoint", view_isdisjoint, 0, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", keys_reversed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static MethodDef values_methods[] = {
    {"__reversed__", values_reversed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static MethodDef items_methods[] = {
    {"isdisjoint", view_isdisjoint, 0, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", items_reversed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject DictKeys_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "dict_keys",
    .basicsize = sizeof(DictViewObject),
    .flags = TPFLAG_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .hash = obj_hash_not_implemented,
    .richcompare = view_richcompare,
    .iter = keys_iter,
    .nb_sub = view_sub,
    .nb_and = view_and,
    .nb_or = view_or,
    .nb_xor = view_xor,
    .len = view_len,
    .contains = keys_contains,
    .methods = keys_methods,
    .getset = view_getset,
};

TypeObject DictValues_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "dict_values",
    .basicsize = sizeof(DictViewObject),
    .flags = TPFLAG_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .iter = values_iter,
    .len = view_len,
    .methods = values_methods,
    .getset = view_getset,
};

TypeObject DictItems_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "dict_items",
    .basicsize = sizeof(DictViewObject),
    .flags = TPFLAG_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .hash = obj_hash_not_implemented,
    .richcompare = view_richcompare,
    .iter = items_iter,
    .nb_sub = view_sub,
    .nb_and = view_and,
    .nb_or = view_or,
    .nb_xor = view_xor,
    .len = view_len,
    .contains = items_contains,
    .methods = items_methods,
    .getset = view_getset,
};
