/* vm/objects/descr_py.c — the descriptor types Python code builds:
 * classmethod, staticmethod, property and super.
 *
 * classmethod/staticmethod copy __name__/__qualname__/__doc__/__module__
 * of the wrapped callable into their own __dict__ (3.10+ behaviour).
 * super(type, obj) looks attributes up along type(obj).__mro__ starting
 * after `type` and binds them to obj.
 */
#include <string.h>

#include "vm/vm.h"
#include "vm/eval.h"
#include "vm/objects/typesys.h"

/* ---- staticmethod / classmethod ----------------------------------------------- */

static int sm_copy_attrs(StaticMethodObject *sm) {
    static const char *names[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                  "__annotations__"};
    if (!sm->dict && !(sm->dict = dict_new())) return -1;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        Object *v = NULL;
        int r = obj_lookup_attr(sm->func, str_intern_cstr(names[i]), &v);
        if (r < 0) return -1;
        if (r == 0) continue;
        r = dict_set(sm->dict, str_intern_cstr(names[i]), v);
        DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

static Object *sm_alloc(TypeObject *type, Object *func) {
    StaticMethodObject *sm = (StaticMethodObject *)obj_alloc(type);
    if (!sm) return NULL;
    sm->func = NEWREF(func);
    if (sm_copy_attrs(sm) < 0) {
        DECREF((Object *)sm);
        return NULL;
    }
    gc_track((Object *)sm);
    return (Object *)sm;
}

Object *staticmethod_new(Object *callable) { return sm_alloc(&StaticMethod_Type, callable); }
Object *classmethod_new(Object *callable) { return sm_alloc(&ClassMethod_Type, callable); }

static Object *sm_tp_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    const char *n = type_is_subtype(type, &ClassMethod_Type) ? "classmethod" : "staticmethod";
    if (kwnames && TUPLE_SIZE(kwnames) > 0)
        return err_format(&Exc_TypeError, "%s() takes no keyword arguments", n);
    if (nargs != 1)
        return err_format(&Exc_TypeError, "%s expected 1 argument, got %zu", n, nargs);
    return sm_alloc(type, args[0]);
}

static int sm_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return 0;
}

static void sm_dealloc(Object *o) {
    StaticMethodObject *sm = (StaticMethodObject *)o;
    gc_untrack(o);
    XDECREF(sm->func);
    XDECREF(sm->dict);
    obj_free(o);
}

static int sm_traverse(Object *o, visitproc visit, void *arg) {
    StaticMethodObject *sm = (StaticMethodObject *)o;
    if (sm->func && visit(sm->func, arg)) return 1;
    if (sm->dict && visit(sm->dict, arg)) return 1;
    return 0;
}

static int sm_clear(Object *o) {
    StaticMethodObject *sm = (StaticMethodObject *)o;
    CLEAR(sm->func);
    CLEAR(sm->dict);
    return 0;
}

static Object *sm_get(Object *self, Object *obj, Object *type) {
    return NEWREF(((StaticMethodObject *)self)->func);
}

static Object *sm_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return obj_call(((StaticMethodObject *)self)->func, args, nargs, kwnames);
}

static Object *sm_repr(Object *self) {
    StaticMethodObject *sm = (StaticMethodObject *)self;
    return str_from_format("<%s(%R)>", type_name(OBJ_TYPE(self)), sm->func);
}

static Object *sm_get_func(Object *self, void *c) {
    return NEWREF(((StaticMethodObject *)self)->func);
}

static Object *sm_get_abstract(Object *self, void *c) {
    Object *v = NULL;
    int r = obj_lookup_attr(((StaticMethodObject *)self)->func,
                            str_intern_cstr("__isabstractmethod__"), &v);
    if (r < 0) return NULL;
    if (r == 0) return bool_from(0);
    int t = obj_is_true(v);
    DECREF(v);
    if (t < 0) return NULL;
    return bool_from(t);
}

static GetSetDef sm_getset[] = {
    {"__func__", sm_get_func, NULL, NULL, NULL},
    {"__wrapped__", sm_get_func, NULL, NULL, NULL},
    {"__isabstractmethod__", sm_get_abstract, NULL, NULL, NULL},
    {"__dict__", obj_generic_get_dict, obj_generic_set_dict, NULL, NULL},
    {NULL},
};

TypeObject StaticMethod_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "staticmethod",
    .basicsize = sizeof(StaticMethodObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_GC,
    .doc = "staticmethod(function) -> method\n\nConvert a function to be a static method.",
    .dealloc = sm_dealloc,
    .traverse = sm_traverse,
    .clear = sm_clear,
    .repr = sm_repr,
    .descr_get = sm_get,
    .call = sm_call,
    .tp_new = sm_tp_new,
    .tp_init = sm_init,
    .getset = sm_getset,
    .dictoffset = offsetof(StaticMethodObject, dict),
};

static Object *cm_get(Object *self, Object *obj, Object *type) {
    StaticMethodObject *cm = (StaticMethodObject *)self;
    if (!type) type = (Object *)OBJ_TYPE(obj);
    descrgetfunc get = OBJ_TYPE(cm->func)->descr_get;
    if (get && !function_check(cm->func)) return get(cm->func, type, type);
    return method_new(cm->func, type);
}

TypeObject ClassMethod_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "classmethod",
    .basicsize = sizeof(StaticMethodObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_GC,
    .doc = "classmethod(function) -> method\n\nConvert a function to be a class method.",
    .dealloc = sm_dealloc,
    .traverse = sm_traverse,
    .clear = sm_clear,
    .repr = sm_repr,
    .descr_get = cm_get,
    .tp_new = sm_tp_new,
    .tp_init = sm_init,
    .getset = sm_getset,
    .dictoffset = offsetof(StaticMethodObject, dict),
};

/* ---- property ----------------------------------------------------------------- */

static int prop_fill(PropertyObject *p, Object *fget, Object *fset, Object *fdel, Object *doc) {
    if (fget == None) fget = NULL;
    if (fset == None) fset = NULL;
    if (fdel == None) fdel = NULL;
    SETREF(p->fget, XNEWREF(fget));
    SETREF(p->fset, XNEWREF(fset));
    SETREF(p->fdel, XNEWREF(fdel));
    p->getter_doc = 0;
    if ((!doc || doc == None) && fget) {
        Object *d = NULL;
        if (obj_lookup_attr(fget, id___doc__, &d) < 0) return -1;
        if (d) {
            SETREF(p->doc, d);
            p->getter_doc = 1;
        } else {
            SETREF(p->doc, NULL);
        }
    } else {
        SETREF(p->doc, (doc && doc != None) ? NEWREF(doc) : NULL);
    }
    return 0;
}

static Object *prop_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames) {
    Object *o = obj_alloc(type);
    if (o) gc_track(o);
    return o;
}

static int prop_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"fget", "fset", "fdel", "doc", NULL};
    Object *fget = NULL, *fset = NULL, *fdel = NULL, *doc = NULL;
    if (args_parse(args, nargs, kwnames, "|OOOO:property", kwlist, &fget, &fset, &fdel, &doc) < 0)
        return -1;
    return prop_fill((PropertyObject *)self, fget, fset, fdel, doc);
}

static void prop_dealloc(Object *o) {
    PropertyObject *p = (PropertyObject *)o;
    gc_untrack(o);
    XDECREF(p->fget);
    XDECREF(p->fset);
    XDECREF(p->fdel);
    XDECREF(p->doc);
    XDECREF(p->name);
    obj_free(o);
}

static int prop_traverse(Object *o, visitproc visit, void *arg) {
    PropertyObject *p = (PropertyObject *)o;
    Object *f[] = {p->fget, p->fset, p->fdel, p->doc, p->name};
    for (size_t i = 0; i < 5; i++)
        if (f[i] && visit(f[i], arg)) return 1;
    return 0;
}

static int prop_clear(Object *o) {
    PropertyObject *p = (PropertyObject *)o;
    CLEAR(p->fget);
    CLEAR(p->fset);
    CLEAR(p->fdel);
    CLEAR(p->doc);
    CLEAR(p->name);
    return 0;
}

static Object *prop_error(PropertyObject *p, Object *obj, const char *what) {
    if (p->name)
        return err_format(&Exc_AttributeError, "property %R of '%s' object has no %s", p->name,
                          type_name(OBJ_TYPE(obj)), what);
    return err_format(&Exc_AttributeError, "property of '%s' object has no %s",
                      type_name(OBJ_TYPE(obj)), what);
}

static Object *prop_get(Object *self, Object *obj, Object *type) {
    PropertyObject *p = (PropertyObject *)self;
    if (!obj) return NEWREF(self);
    if (!p->fget) return prop_error(p, obj, "getter");
    return obj_call(p->fget, &obj, 1, NULL);
}

static int prop_set(Object *self, Object *obj, Object *value) {
    PropertyObject *p = (PropertyObject *)self;
    Object *f = value ? p->fset : p->fdel;
    if (!f) {
        prop_error(p, obj, value ? "setter" : "deleter");
        return -1;
    }
    Object *r;
    if (value) {
        Object *args[2] = {obj, value};
        r = obj_call(f, args, 2, NULL);
    } else {
        r = obj_call(f, &obj, 1, NULL);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

/* getter/setter/deleter: a copy (of the same subclass) with one accessor replaced */
static Object *prop_copy(Object *self, Object *fget, Object *fset, Object *fdel) {
    PropertyObject *p = (PropertyObject *)self;
    if (!fget) fget = p->fget ? p->fget : None;
    if (!fset) fset = p->fset ? p->fset : None;
    if (!fdel) fdel = p->fdel ? p->fdel : None;
    Object *doc = (p->getter_doc && fget != None) ? None : (p->doc ? p->doc : None);
    Object *args[4] = {fget, fset, fdel, doc};
    Object *n = obj_call((Object *)OBJ_TYPE(self), args, 4, NULL);
    if (n && OBJ_TYPE(n)->descr_get == prop_get && p->name) {
        PropertyObject *np = (PropertyObject *)n;
        INCREF(p->name);
        SETREF(np->name, p->name);
    }
    return n;
}

static Object *prop_getter(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("getter", nargs, 1, 1) < 0) return NULL;
    return prop_copy(self, args[0], NULL, NULL);
}
static Object *prop_setter(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("setter", nargs, 1, 1) < 0) return NULL;
    return prop_copy(self, NULL, args[0], NULL);
}
static Object *prop_deleter(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("deleter", nargs, 1, 1) < 0) return NULL;
    return prop_copy(self, NULL, NULL, args[0]);
}
static Object *prop_set_name(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("__set_name__", nargs, 2, 2) < 0) return NULL;
    PropertyObject *p = (PropertyObject *)self;
    INCREF(args[1]);
    SETREF(p->name, args[1]);
    return none_new();
}

static MethodDef prop_methods[] = {
    {"getter", prop_getter, 0, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", prop_setter, 0, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", prop_deleter, 0, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", prop_set_name, 0, "Method to set name of a property."},
    {NULL},
};

static Object *prop_get_fget(Object *self, void *c) {
    Object *f = ((PropertyObject *)self)->fget;
    return NEWREF(f ? f : None);
}
static Object *prop_get_fset(Object *self, void *c) {
    Object *f = ((PropertyObject *)self)->fset;
    return NEWREF(f ? f : None);
}
static Object *prop_get_fdel(Object *self, void *c) {
    Object *f = ((PropertyObject *)self)->fdel;
    return NEWREF(f ? f : None);
}
static Object *prop_get_doc(Object *self, void *c) {
    Object *f = ((PropertyObject *)self)->doc;
    return NEWREF(f ? f : None);
}
static int prop_set_doc(Object *self, Object *value, void *c) {
    PropertyObject *p = (PropertyObject *)self;
    SETREF(p->doc, XNEWREF(value));
    return 0;
}
static Object *prop_get_abstract(Object *self, void *c) {
    PropertyObject *p = (PropertyObject *)self;
    Object *fs[3] = {p->fget, p->fset, p->fdel};
    for (int i = 0; i < 3; i++) {
        if (!fs[i]) continue;
        Object *v = NULL;
        int r = obj_lookup_attr(fs[i], str_intern_cstr("__isabstractmethod__"), &v);
        if (r < 0) return NULL;
        if (r == 0) continue;
        int t = obj_is_true(v);
        DECREF(v);
        if (t < 0) return NULL;
        if (t) return bool_from(1);
    }
    return bool_from(0);
}

static GetSetDef prop_getset[] = {
    {"fget", prop_get_fget, NULL, NULL, NULL},
    {"fset", prop_get_fset, NULL, NULL, NULL},
    {"fdel", prop_get_fdel, NULL, NULL, NULL},
    {"__doc__", prop_get_doc, prop_set_doc, NULL, NULL},
    {"__isabstractmethod__", prop_get_abstract, NULL, NULL, NULL},
    {NULL},
};

TypeObject Property_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "property",
    .basicsize = sizeof(PropertyObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_GC,
    .doc = "Property attribute.",
    .dealloc = prop_dealloc,
    .traverse = prop_traverse,
    .clear = prop_clear,
    .descr_get = prop_get,
    .descr_set = prop_set,
    .tp_new = prop_tp_new,
    .tp_init = prop_init,
    .methods = prop_methods,
    .getset = prop_getset,
};

/* ---- super ----------------------------------------------------------------------- */

typedef struct SuperObject {
    Object ob_base;
    TypeObject *type;
    Object *obj;
    TypeObject *obj_type;
} SuperObject;

/* The type whose MRO super searches: obj's class, or obj itself if it is a
 * subclass of `type` (super in classmethods). */
static TypeObject *super_check(TypeObject *type, Object *obj) {
    if (type_check(obj) && type_is_subtype((TypeObject *)obj, type)) return (TypeObject *)obj;
    if (type_is_subtype(OBJ_TYPE(obj), type)) return OBJ_TYPE(obj);
    Object *cls = NULL;
    if (obj_lookup_attr(obj, id___class__, &cls) < 0) return NULL;
    if (cls) {
        if (type_check(cls) && cls != (Object *)OBJ_TYPE(obj) &&
            type_is_subtype((TypeObject *)cls, type)) {
            DECREF(cls);
            return (TypeObject *)cls;
        }
        DECREF(cls);
    }
    err_format(&Exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static Object *super_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    Object *o = obj_alloc(type);
    if (o) gc_track(o);
    return o;
}

static int super_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    SuperObject *su = (SuperObject *)self;
    if (kwnames && TUPLE_SIZE(kwnames) > 0) {
        err_format(&Exc_TypeError, "super() takes no keyword arguments");
        return -1;
    }
    if (nargs > 2) {
        err_format(&Exc_TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
        return -1;
    }
    TypeObject *type = NULL;
    Object *obj = NULL;
    if (nargs == 0) {
        if (eval_super_args(&type, &obj) < 0) return -1;
    } else {
        if (!type_check(args[0])) {
            err_format(&Exc_TypeError, "super() argument 1 must be a type, not %T", args[0]);
            return -1;
        }
        type = (TypeObject *)args[0];
        if (nargs == 2 && args[1] != None) obj = args[1];
    }
    TypeObject *obj_type = NULL;
    if (obj) {
        obj_type = super_check(type, obj);
        if (!obj_type) return -1;
    }
    INCREF((Object *)type);
    SETREF(su->type, (TypeObject *)type);
    SETREF(su->obj, XNEWREF(obj));
    XINCREF((Object *)obj_type);
    SETREF(su->obj_type, obj_type);
    return 0;
}

static void super_dealloc(Object *o) {
    SuperObject *su = (SuperObject *)o;
    gc_untrack(o);
    XDECREF((Object *)su->type);
    XDECREF(su->obj);
    XDECREF((Object *)su->obj_type);
    obj_free(o);
}

static int super_traverse(Object *o, visitproc visit, void *arg) {
    SuperObject *su = (SuperObject *)o;
    if (su->obj && visit(su->obj, arg)) return 1;
    return 0;
}

static Object *super_getattro(Object *self, Object *name) {
    SuperObject *su = (SuperObject *)self;
    TypeObject *start = su->obj_type;
    if (!start || !start->mro || (str_check(name) && str_eq(name, id___class__)))
        return obj_generic_getattr(self, name);
    Object *mro = start->mro;
    intptr_t n = TUPLE_SIZE(mro), i = 0;
    while (i < n && TUPLE_GET(mro, i) != (Object *)su->type) i++;
    for (i++; i < n; i++) {
        Object *d = ((TypeObject *)TUPLE_GET(mro, i))->dict;
        if (!d) continue;
        Object *res = dict_get(d, name);
        if (!res) {
            if (err_occurred()) return NULL;
            continue;
        }
        descrgetfunc get = OBJ_TYPE(res)->descr_get;
        if (!get) return NEWREF(res);
        INCREF(res);
        Object *r = get(res, su->obj == (Object *)start ? NULL : su->obj, (Object *)start);
        DECREF(res);
        return r;
    }
    return obj_generic_getattr(self, name);
}

static Object *super_repr(Object *self) {
    SuperObject *su = (SuperObject *)self;
    const char *tn = su->type ? type_name(su->type) : "NULL";
    if (su->obj_type)
        return str_from_format("<super: <class '%s'>, <%s object>>", tn,
                               type_name(su->obj_type));
    return str_from_format("<super: <class '%s'>, NULL>", tn);
}

static Object *super_descr_get(Object *self, Object *obj, Object *type) {
    SuperObject *su = (SuperObject *)self;
    if (!obj || su->obj) return NEWREF(self);
    Object *args[2] = {(Object *)su->type, obj};
    return obj_call((Object *)OBJ_TYPE(self), args, 2, NULL);
}

static Object *super_get_thisclass(Object *self, void *c) {
    SuperObject *su = (SuperObject *)self;
    return NEWREF(su->type ? (Object *)su->type : None);
}
static Object *super_get_self(Object *self, void *c) {
    SuperObject *su = (SuperObject *)self;
    return NEWREF(su->obj ? su->obj : None);
}
static Object *super_get_self_class(Object *self, void *c) {
    SuperObject *su = (SuperObject *)self;
    return NEWREF(su->obj_type ? (Object *)su->obj_type : None);
}

static GetSetDef super_getset[] = {
    {"__thisclass__", super_get_thisclass, NULL, NULL, NULL},
    {"__self__", super_get_self, NULL, NULL, NULL},
    {"__self_class__", super_get_self_class, NULL, NULL, NULL},
    {NULL},
};

TypeObject Super_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "super",
    .basicsize = sizeof(SuperObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_GC,
    .doc = "super() -> same as super(__class__, <first argument>)",
    .dealloc = super_dealloc,
    .traverse = super_traverse,
    .repr = super_repr,
    .getattro = super_getattro,
    .descr_get = super_descr_get,
    .tp_new = super_tp_new,
    .tp_init = super_init,
    .getset = super_getset,
};
