/* vm/objects/object.c — `object`, the None / NotImplemented / Ellipsis
 * singletons, obj_dealloc and the generic attribute protocol.
 *
 * Attribute lookup order (obj_generic_getattr): a data descriptor found on
 * the type wins, then the instance __dict__, then a non-data descriptor or
 * plain class attribute.  The instance dict is created lazily on the first
 * store.  The singletons are immortal static objects.
 */
#include <string.h>

#include "gc/gc.h"
#include "vm/vm.h"
#include "vm/objects/typesys.h"

Object NoneStruct = STATIC_OBJECT_HEAD(&NoneType_Type);
Object NotImplementedStruct = STATIC_OBJECT_HEAD(&NotImplemented_Type);
Object EllipsisStruct = STATIC_OBJECT_HEAD(&Ellipsis_Type);

void obj_dealloc(Object *o) { o->type->dealloc(o); }

void object_dealloc(Object *o) { obj_free(o); }

/* ---- attribute names and dict lookups ---------------------------------- */

static inline Object *dict_lookup_name(Object *d, Object *name) {
    if (str_check_exact(name) && ((StrObject *)name)->hash != -1) return dict_get_str(d, name);
    return dict_get(d, name);
}

Object **obj_dict_ptr(Object *o) {
    if (IS_SMALLINT(o)) return NULL;
    intptr_t off = o->type->dictoffset;
    if (off > 0) return (Object **)((char *)o + off);
    if (off < 0) return typeslots_external_dict(o, true);
    return NULL;
}

void err_attribute_set_context(Object *obj, Object *name) {
    Object *exc = err_occurred();
    if (!exc || !type_is_subtype(OBJ_TYPE(exc), &Exc_AttributeError)) return;
    NameErrorObject *ne = (NameErrorObject *)exc;
    if (!ne->name) ne->name = NEWREF(name);
    if (!ne->obj) ne->obj = NEWREF(obj);
}

void err_no_attribute(Object *obj, Object *name) {
    err_format(&Exc_AttributeError, "'%s' object has no attribute '%U'",
               type_name(OBJ_TYPE(obj)), name);
    err_attribute_set_context(obj, name);
}

/* The default __getattribute__; with `suppress` a missing attribute returns
 * NULL without raising (descriptors may still raise). */
static Object *generic_getattr(Object *o, Object *name, int suppress) {
    TypeObject *tp = OBJ_TYPE(o);
    if (!str_check(name)) {
        return err_format(&Exc_TypeError, "attribute name must be string, not '%T'", name);
    }
    Object *descr = type_lookup(tp, name);
    descrgetfunc get = NULL;
    if (descr) {
        INCREF(descr);
        get = OBJ_TYPE(descr)->descr_get;
        if (get && OBJ_TYPE(descr)->descr_set) {
            Object *r = get(descr, o, (Object *)tp);
            DECREF(descr);
            return r;
        }
    }
    if (tp->dictoffset) {
        Object **dp = obj_dict_ptr(o);
        if (dp && *dp) {
            Object *d = *dp;
            INCREF(d);
            Object *r = dict_lookup_name(d, name);
            if (r) {
                INCREF(r);
                DECREF(d);
                XDECREF(descr);
                return r;
            }
            DECREF(d);
            if (err_occurred()) {
                XDECREF(descr);
                return NULL;
            }
        }
    }
    if (get) {
        Object *r = get(descr, o, (Object *)tp);
        DECREF(descr);
        return r;
    }
    if (descr) return descr;
    if (!suppress) err_no_attribute(o, name);
    return NULL;
}

Object *obj_generic_getattr(Object *o, Object *name) { return generic_getattr(o, name, 0); }

/* obj_lookup_attr's fast path for the common getattro. */
Object *obj_generic_getattr_suppress(Object *o, Object *name) {
    return generic_getattr(o, name, 1);
}

int obj_generic_setattr(Object *o, Object *name, Object *value) {
    TypeObject *tp = OBJ_TYPE(o);
    if (!str_check(name)) {
        err_format(&Exc_TypeError, "attribute name must be string, not '%T'", name);
        return -1;
    }
    Object *descr = type_lookup(tp, name);
    if (descr) {
        descrsetfunc set = OBJ_TYPE(descr)->descr_set;
        if (set) {
            INCREF(descr);
            int r = set(descr, o, value);
            DECREF(descr);
            return r;
        }
    }
    Object **dp = obj_dict_ptr(o);
    if (!dp) {
        if (descr)
            err_format(&Exc_AttributeError, "'%s' object attribute '%U' is read-only",
                       type_name(tp), name);
        else
            err_no_attribute(o, name);
        return -1;
    }
    if (value) {
        if (!*dp) {
            *dp = dict_new();
            if (!*dp) return -1;
            gc_set_instance_dict(*dp, true);   /* not counted by gc.collect() */
        }
        return dict_set(*dp, name, value);
    }
    if (!*dp || dict_del(*dp, name) < 0) {
        if (*dp && !err_matches(&Exc_KeyError)) return -1;
        err_clear();
        err_no_attribute(o, name);
        return -1;
    }
    return 0;
}

Object *obj_generic_get_dict(Object *o, void *closure) {
    Object **dp = obj_dict_ptr(o);
    if (!dp) {
        return err_format(&Exc_AttributeError, "This object has no __dict__");
    }
    if (!*dp) {
        *dp = dict_new();
        if (!*dp) return NULL;
    }
    gc_set_instance_dict(*dp, false);   /* materialised, as in CPython */
    return NEWREF(*dp);
}

int obj_generic_set_dict(Object *o, Object *value, void *closure) {
    Object **dp = obj_dict_ptr(o);
    if (!dp) {
        err_format(&Exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (!value) {
        err_format(&Exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!dict_check(value)) {
        err_format(&Exc_TypeError, "__dict__ must be set to a dictionary, not a '%T'", value);
        return -1;
    }
    INCREF(value);
    SETREF(*dp, value);
    return 0;
}

/* ---- object ---------------------------------------------------------------- */

Object *object_repr(Object *o) {
    TypeObject *t = OBJ_TYPE(o);
    Object *mod = type_module(t);
    Object *qual = type_qualname(t);
    Object *r = NULL;
    if (!mod || !qual) goto done;
    if (str_check(mod) && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("<%U.%U object at %p>", mod, qual, (void *)o);
    else
        r = str_from_format("<%U object at %p>", qual, (void *)o);
done:
    XDECREF(mod);
    XDECREF(qual);
    return r;
}

/* object.__str__: repr(self) through the type's slot. */
static Object *object_str(Object *o) { return obj_repr(o); }

int64_t object_hash(Object *o) {
    uintptr_t p = (uintptr_t)o;
    int64_t h = (int64_t)((p >> 4) | (p << (8 * sizeof(p) - 4)));
    return h == -1 ? -2 : h;
}

int64_t obj_hash_not_implemented(Object *o) {
    err_format(&Exc_TypeError, "unhashable type: '%s'", type_name(OBJ_TYPE(o)));
    return -1;
}

Object *object_richcompare(Object *a, Object *b, int op) {
    switch (op) {
    case CMP_EQ:
        return NEWREF(a == b ? True : NotImplemented);
    case CMP_NE: {
        /* != inverts __eq__ unless it is NotImplemented */
        richcmpfunc f = OBJ_TYPE(a)->richcompare;
        if (!f) return NEWREF(NotImplemented);
        Object *r = f(a, b, CMP_EQ);
        if (!r || r == NotImplemented) return r;
        int t = obj_is_true(r);
        DECREF(r);
        if (t < 0) return NULL;
        return bool_from(!t);
    }
    default:
        return NEWREF(NotImplemented);
    }
}

static bool excess_args(size_t nargs, Object *kwnames) {
    return nargs > 0 || (kwnames && TUPLE_SIZE(kwnames) > 0);
}

/* Classes whose __abstractmethods__ (set by abc.ABCMeta) is not empty
 * cannot be instantiated. */
static int abstract_check(TypeObject *type) {
    static Object *name;
    if (!name) name = str_intern_cstr("__abstractmethods__");
    Object *am = type_lookup(type, name);
    if (!am) return 0;
    int t = obj_is_true(am);
    if (t <= 0) return t;
    Object *l = list_from_iterable(am);
    if (!l) return -1;
    if (list_sort(l, NULL, false) < 0) {
        DECREF(l);
        return -1;
    }
    Object *sep = str_from_cstr(", ");
    Object *joined = sep ? str_join(sep, l) : NULL;
    XDECREF(sep);
    if (joined)
        err_format(&Exc_TypeError, "Can't instantiate abstract class %s with abstract method%s %U",
                   type_name(type), LIST_SIZE(l) > 1 ? "s" : "", joined);
    XDECREF(joined);
    DECREF(l);
    return -1;
}

Object *object_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    if (excess_args(nargs, kwnames)) {
        if (type->tp_new != object_new) {
            return err_format(&Exc_TypeError,
                              "object.__new__() takes exactly one argument (the type to "
                              "instantiate)");
        }
        if (type->tp_init == object_init) {
            return err_format(&Exc_TypeError, "%s() takes no arguments", type_name(type));
        }
    }
    if ((type->flags & TPFLAG_HEAPTYPE) && abstract_check(type) < 0) return NULL;
    Object *o = obj_alloc(type);
    if (!o) return NULL;
    if (type->flags & TPFLAG_GC) gc_track(o);
    return o;
}

int object_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (excess_args(nargs, kwnames)) {
        TypeObject *type = OBJ_TYPE(self);
        if (type->tp_init != object_init) {
            err_format(&Exc_TypeError,
                       "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            err_format(&Exc_TypeError,
                       "%s.__init__() takes exactly one argument (the instance to initialize)",
                       type_name(type));
            return -1;
        }
    }
    return 0;
}

static Object *object_get_class(Object *o, void *closure) {
    return NEWREF((Object *)OBJ_TYPE(o));
}

static bool same_slots(TypeObject *a, TypeObject *b) {
    Object *sa = ((HeapTypeObject *)a)->slots, *sb = ((HeapTypeObject *)b)->slots;
    if (!sa || !sb) return (!sa || TUPLE_SIZE(sa) == 0) && (!sb || TUPLE_SIZE(sb) == 0);
    return obj_richcompare_bool(sa, sb, CMP_EQ) == 1;
}

/* Two heap types are layout-compatible when they share the static base,
 * size and dict/slot layout. */
static bool compatible_for_assignment(TypeObject *old, TypeObject *new) {
    if (type_static_base(old) != type_static_base(new)) return false;
    if (old->basicsize != new->basicsize || old->itemsize != new->itemsize) return false;
    if (old->dictoffset != new->dictoffset || old->weaklistoffset != new->weaklistoffset)
        return false;
    TypeObject *a = old, *b = new;
    while (a && (a->flags & TPFLAG_HEAPTYPE) && b && (b->flags & TPFLAG_HEAPTYPE)) {
        if (!same_slots(a, b)) return false;
        a = a->base;
        b = b->base;
    }
    return true;
}

static int object_set_class(Object *o, Object *value, void *closure) {
    if (!value) {
        err_format(&Exc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!type_check(value)) {
        err_format(&Exc_TypeError, "__class__ must be set to a class, not '%T' object", value);
        return -1;
    }
    TypeObject *new = (TypeObject *)value, *old = OBJ_TYPE(o);
    if (!(new->flags & TPFLAG_HEAPTYPE) || !(old->flags & TPFLAG_HEAPTYPE)) {
        err_format(&Exc_TypeError,
                   "__class__ assignment only supported for mutable types or ModuleType "
                   "subclasses");
        return -1;
    }
    if (!compatible_for_assignment(old, new)) {
        err_format(&Exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                   type_name(new), type_name(old));
        return -1;
    }
    INCREF(value);
    o->type = new;
    DECREF((Object *)old);
    return 0;
}

static Object *object_dir_method(Object *self, Object *const *args, size_t nargs,
                                 Object *kwnames) {
    if (args_count("__dir__", nargs, 0, 0) < 0) return NULL;
    return object_dir_list(self);
}

/* dir(instance): the instance dict's keys plus everything reachable through
 * the class (unsorted; obj_dir sorts). */
Object *object_dir_list(Object *o) {
    Object *names = dict_new();
    if (!names) return NULL;
    Object **dp = obj_dict_ptr(o);
    if (dp && *dp && dict_check(*dp) && dict_merge(names, *dp, true) < 0) goto fail;
    Object *cls = NULL;
    if (obj_lookup_attr(o, id___class__, &cls) < 0) goto fail;
    if (cls) {
        if (type_check(cls)) {
            Object *tl = type_dir_list((TypeObject *)cls);
            if (!tl) {
                DECREF(cls);
                goto fail;
            }
            intptr_t n = LIST_SIZE(tl);
            for (intptr_t i = 0; i < n; i++) {
                if (dict_set(names, LIST_GET(tl, i), None) < 0) {
                    DECREF(tl);
                    DECREF(cls);
                    goto fail;
                }
            }
            DECREF(tl);
        }
        DECREF(cls);
    }
    Object *r = dict_keys_list(names);
    DECREF(names);
    return r;
fail:
    DECREF(names);
    return NULL;
}

static Object *object_format_method(Object *self, Object *const *args, size_t nargs,
                                    Object *kwnames) {
    if (args_count("__format__", nargs, 1, 1) < 0) return NULL;
    if (!str_check(args[0])) {
        return err_format(&Exc_TypeError, "__format__() argument must be str, not %T", args[0]);
    }
    if (STR_SIZE(args[0]) > 0) {
        return err_format(&Exc_TypeError, "unsupported format string passed to %s.__format__",
                          type_name(OBJ_TYPE(self)));
    }
    return obj_str(self);
}

static Object *object_init_subclass(Object *cls, Object *const *args, size_t nargs,
                                    Object *kwnames) {
    const char *n = type_check(cls) ? type_name((TypeObject *)cls) : "object";
    if (kwnames && TUPLE_SIZE(kwnames) > 0) {
        return err_format(&Exc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                          n);
    }
    if (nargs > 0) {
        return err_format(&Exc_TypeError,
                          "%s.__init_subclass__() takes no arguments (%zu given)", n, nargs);
    }
    return none_new();
}

static Object *object_subclasshook(Object *cls, Object *const *args, size_t nargs,
                                   Object *kwnames) {
    return NEWREF(NotImplemented);
}

static Object *object_getstate_impl(Object *self) {
    Object **dp = obj_dict_ptr(self);
    Object *state = NULL;
    if (dp && *dp && dict_size(*dp) > 0) {
        state = dict_copy(*dp);
        if (!state) return NULL;
    }
    /* __slots__ values go in a second dict: (dict_or_None, slots) */
    Object *slotvals = NULL;
    for (TypeObject *t = OBJ_TYPE(self); t && (t->flags & TPFLAG_HEAPTYPE); t = t->base) {
        Object *slots = ((HeapTypeObject *)t)->slots;
        if (!slots) continue;
        for (intptr_t i = 0; i < TUPLE_SIZE(slots); i++) {
            Object *name = TUPLE_GET(slots, i);
            if (str_eq_cstr(name, "__dict__") || str_eq_cstr(name, "__weakref__")) continue;
            Object *v = NULL;
            int r = obj_lookup_attr(self, name, &v);
            if (r < 0) goto fail;
            if (r == 0) continue;
            if (!slotvals && !(slotvals = dict_new())) {
                DECREF(v);
                goto fail;
            }
            r = dict_set(slotvals, name, v);
            DECREF(v);
            if (r < 0) goto fail;
        }
    }
    if (slotvals) {
        Object *t = tuple_pack(2, state ? state : None, slotvals);
        XDECREF(state);
        DECREF(slotvals);
        return t;
    }
    return state ? state : none_new();
fail:
    XDECREF(state);
    XDECREF(slotvals);
    return NULL;
}

static Object *object_getstate(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("__getstate__", nargs, 0, 0) < 0) return NULL;
    return object_getstate_impl(self);
}

/* copyreg.__newobj__ equivalent used by __reduce_ex__: cls.__new__(cls, *args) */
static Object *newobj_func(Object *self, Object *const *args, size_t nargs,
                           Object *kwnames) {
    if (nargs < 1 || !type_check(args[0])) {
        return err_format(&Exc_TypeError, "__newobj__ arg 1 must be a type");
    }
    TypeObject *cls = (TypeObject *)args[0];
    Object *newm = obj_getattr(args[0], id___new__);
    if (!newm) return NULL;
    Object *r = obj_call(newm, args, nargs, NULL);
    DECREF(newm);
    (void)cls;
    return r;
}
static MethodDef newobj_def = {"__newobj__", newobj_func, 0, NULL};

static Object *object_reduce_ex(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    if (args_count("__reduce_ex__", nargs, 0, 1) < 0) return NULL;
    TypeObject *t = OBJ_TYPE(self);
    if (!(t->flags & TPFLAG_HEAPTYPE) && t->tp_new != object_new) {
        return err_format(&Exc_TypeError, "cannot pickle '%s' object", type_name(t));
    }
    Object *fn = builtin_function_new(&newobj_def, NULL);
    Object *cargs = tuple_pack(1, (Object *)t);
    Object *state = object_getstate_impl(self);
    Object *listitems = None, *dictitems = None;
    Object *r = NULL;
    if (!fn || !cargs || !state) goto done;
    INCREF(listitems);
    INCREF(dictitems);
    if (list_check(self)) {
        SETREF(listitems, obj_get_iter(self));
        if (!listitems) goto done2;
    }
    if (dict_check(self)) {
        Object *items = obj_call_method(self, "items", NULL, 0);
        if (!items) goto done2;
        SETREF(dictitems, obj_get_iter(items));
        DECREF(items);
        if (!dictitems) goto done2;
    }
    r = tuple_pack(5, fn, cargs, state, listitems, dictitems);
done2:
    XDECREF(listitems);
    XDECREF(dictitems);
done:
    XDECREF(fn);
    XDECREF(cargs);
    XDECREF(state);
    return r;
}

static Object *object_reduce(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    return object_reduce_ex(self, NULL, 0, NULL);
}

static Object *object_sizeof(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    return int_from_ssize((intptr_t)OBJ_TYPE(self)->basicsize);
}

static MethodDef object_methods[] = {
    {"__dir__", object_dir_method, 0, "Default dir() implementation."},
    {"__format__", object_format_method, 0, "Default object formatter."},
    {"__init_subclass__", object_init_subclass, METH_CLASS | METH_KW,
     "This method is called when a class is subclassed."},
    {"__subclasshook__", object_subclasshook, METH_CLASS | METH_KW,
     "Abstract classes can override this to customize issubclass()."},
    {"__getstate__", object_getstate, 0, "Helper for pickle."},
    {"__reduce_ex__", object_reduce_ex, 0, "Helper for pickle."},
    {"__reduce__", object_reduce, 0, "Helper for pickle."},
    {"__sizeof__", object_sizeof, 0, "Size of object in memory, in bytes."},
    {NULL},
};

static GetSetDef object_getset[] = {
    {"__class__", object_get_class, object_set_class, "the object's class", NULL},
    {NULL},
};

TypeObject Object_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "object",
    .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
    .doc = "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments "
           "and returns a new featureless\ninstance that has no instance attributes and "
           "cannot be given any.\n",
    .dealloc = object_dealloc,
    .repr = object_repr,
    .str = object_str,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .getattro = obj_generic_getattr,
    .setattro = obj_generic_setattr,
    .tp_new = object_new,
    .tp_init = object_init,
    .methods = object_methods,
    .getset = object_getset,
};

/* ---- None, NotImplemented, Ellipsis ----------------------------------- */

static void singleton_dealloc(Object *o) {
    /* immortal: a count reaching zero means a refcounting bug elsewhere;
     * restore it rather than freeing static memory */
    o->refcnt = 1 << 30;
}

static Object *none_repr(Object *o) { return NEWREF(str_intern_cstr("None")); }
static int none_bool(Object *o) { return 0; }

static Object *singleton_new(TypeObject *type, Object *const *args, size_t nargs,
                             Object *kwnames, Object *result) {
    if (excess_args(nargs, kwnames)) {
        return err_format(&Exc_TypeError, "%s takes no arguments", type_name(type));
    }
    return NEWREF(result);
}

static Object *none_new_slot(TypeObject *type, Object *const *args, size_t nargs,
                             Object *kwnames) {
    return singleton_new(type, args, nargs, kwnames, None);
}

TypeObject NoneType_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "NoneType",
    .basicsize = sizeof(Object),
    .dealloc = singleton_dealloc,
    .repr = none_repr,
    .hash = object_hash,
    .nb_bool = none_bool,
    .tp_new = none_new_slot,
};

static Object *notimpl_repr(Object *o) { return NEWREF(str_intern_cstr("NotImplemented")); }
static Object *notimpl_new(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames) {
    return singleton_new(type, args, nargs, kwnames, NotImplemented);
}
static Object *notimpl_reduce(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    return NEWREF(str_intern_cstr("NotImplemented"));
}
static MethodDef notimpl_methods[] = {{"__reduce__", notimpl_reduce, 0, NULL}, {NULL}};

TypeObject NotImplemented_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "NotImplementedType",
    .basicsize = sizeof(Object),
    .dealloc = singleton_dealloc,
    .repr = notimpl_repr,
    .hash = object_hash,
    .tp_new = notimpl_new,
    .methods = notimpl_methods,
};

static Object *ellipsis_repr(Object *o) { return NEWREF(str_intern_cstr("Ellipsis")); }
static Object *ellipsis_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    return singleton_new(type, args, nargs, kwnames, Ellipsis);
}

TypeObject Ellipsis_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "ellipsis",
    .basicsize = sizeof(Object),
    .dealloc = singleton_dealloc,
    .repr = ellipsis_repr,
    .hash = object_hash,
    .tp_new = ellipsis_new,
};
