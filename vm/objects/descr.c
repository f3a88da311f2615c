/* vm/objects/descr.c — C-level callables and descriptors.
 *
 *   builtin_function_or_method  a MethodDef bound to a module, an instance,
 *                               a type (METH_CLASS) or nothing (METH_STATIC)
 *   method_descriptor           a MethodDef in a type's dict; binds on access
 *   classmethod_descriptor      a METH_CLASS MethodDef; binds to the type
 *   getset_descriptor           a GetSetDef (data descriptor)
 *   member_descriptor           an Object * field (__slots__)
 *   wrapper_descriptor          a dunder exposing a C slot (typeslots.c)
 *   method-wrapper              a wrapper_descriptor bound to an instance
 * A descriptor's __get__ receives obj == NULL for class access; None is a
 * real instance there (None.__repr__).
 */
#include <string.h>

#include "vm/vm.h"
#include "vm/objects/typesys.h"

typedef struct MethodDescrObject {
    Object ob_base;
    TypeObject *type;
    MethodDef *def;
} MethodDescrObject;

typedef struct GetSetDescrObject {
    Object ob_base;
    TypeObject *type;
    GetSetDef *def;
} GetSetDescrObject;

typedef struct MethodWrapperObject {
    Object ob_base;
    WrapperDescrObject *descr;
    Object *self;
} MethodWrapperObject;

static Object *descr_type_check(TypeObject *dtype, const char *name, Object *obj) {
    if (type_is_subtype(OBJ_TYPE(obj), dtype)) return obj;
    err_format(&Exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%T' object",
               name, dtype->name, obj);
    return NULL;
}

/* ---- builtin_function_or_method ----------------------------------------- */

Object *builtin_function_new(MethodDef *def, Object *self) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)obj_alloc(&BuiltinFunction_Type);
    if (!f) return NULL;
    f->def = def;
    f->self = XNEWREF(self);
    if (self && module_check(self)) f->module = XNEWREF(((ModuleObject *)self)->name);
    return (Object *)f;
}

static void builtin_dealloc(Object *o) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)o;
    XDECREF(f->self);
    XDECREF(f->module);
    obj_free(o);
}

static bool bound_to_instance(BuiltinFunctionObject *f) {
    return f->self && !module_check(f->self);
}

/* "list.append" style owner name for messages, or NULL for functions. */
static const char *builtin_owner(BuiltinFunctionObject *f) {
    if (!bound_to_instance(f)) return NULL;
    if ((f->def->flags & METH_CLASS) || f->def == &tp_new_methoddef)
        return type_check(f->self) ? type_name((TypeObject *)f->self) : type_name(OBJ_TYPE(f->self));
    return type_name(OBJ_TYPE(f->self));
}

static Object *builtin_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)self;
    if (kwnames && TUPLE_SIZE(kwnames) > 0 && !(f->def->flags & METH_KW)) {
        const char *owner = builtin_owner(f);
        if (owner)
            return err_format(&Exc_TypeError, "%s.%s() takes no keyword arguments", owner,
                              f->def->name);
        return err_format(&Exc_TypeError, "%s() takes no keyword arguments", f->def->name);
    }
    return f->def->meth(f->self, args, nargs, kwnames);
}

static Object *builtin_repr(Object *self) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)self;
    if (!bound_to_instance(f)) return str_from_format("<built-in function %s>", f->def->name);
    return str_from_format("<built-in method %s of %s object at %p>", f->def->name,
                           type_name(OBJ_TYPE(f->self)), (void *)f->self);
}

static Object *builtin_get_name(Object *self, void *c) {
    return str_from_cstr(((BuiltinFunctionObject *)self)->def->name);
}

static Object *builtin_get_qualname(Object *self, void *c) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)self;
    if (!bound_to_instance(f)) return str_from_cstr(f->def->name);
    TypeObject *owner = type_check(f->self) && ((f->def->flags & METH_CLASS) ||
                                                f->def == &tp_new_methoddef)
                            ? (TypeObject *)f->self
                            : OBJ_TYPE(f->self);
    Object *q = type_qualname(owner);
    if (!q) return NULL;
    Object *r = str_from_format("%U.%s", q, f->def->name);
    DECREF(q);
    return r;
}

static Object *builtin_get_self(Object *self, void *c) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)self;
    return NEWREF(f->self ? f->self : None);
}

static Object *builtin_get_module(Object *self, void *c) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)self;
    return NEWREF(f->module ? f->module : None);
}

static int builtin_set_module(Object *self, Object *value, void *c) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)self;
    XINCREF(value);
    SETREF(f->module, value);
    return 0;
}

static Object *builtin_get_doc(Object *self, void *c) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)self;
    if (f->def->doc) return str_from_cstr(f->def->doc);
    return none_new();
}

static Object *get_none(Object *self, void *c) { return none_new(); }

static GetSetDef builtin_getset[] = {
    {"__name__", builtin_get_name, NULL, NULL, NULL},
    {"__qualname__", builtin_get_qualname, NULL, NULL, NULL},
    {"__self__", builtin_get_self, NULL, NULL, NULL},
    {"__module__", builtin_get_module, builtin_set_module, NULL, NULL},
    {"__doc__", builtin_get_doc, NULL, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL, NULL},
    {NULL},
};

static Object *builtin_richcompare(Object *a, Object *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || OBJ_TYPE(b) != &BuiltinFunction_Type)
        return NEWREF(NotImplemented);
    BuiltinFunctionObject *x = (BuiltinFunctionObject *)a, *y = (BuiltinFunctionObject *)b;
    bool eq = x->def == y->def && x->self == y->self;
    return bool_from(op == CMP_EQ ? eq : !eq);
}

static int64_t builtin_hash(Object *o) {
    BuiltinFunctionObject *f = (BuiltinFunctionObject *)o;
    int64_t h = (int64_t)((uintptr_t)f->def >> 3) ^ (int64_t)((uintptr_t)f->self >> 4);
    return h == -1 ? -2 : h;
}

TypeObject BuiltinFunction_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "builtin_function_or_method",
    .basicsize = sizeof(BuiltinFunctionObject),
    .dealloc = builtin_dealloc,
    .repr = builtin_repr,
    .hash = builtin_hash,
    .richcompare = builtin_richcompare,
    .call = builtin_call,
    .getset = builtin_getset,
};

/* ---- method_descriptor / classmethod_descriptor ----------------------------- */

Object *method_descr_new(TypeObject *type, MethodDef *def) {
    MethodDescrObject *d = (MethodDescrObject *)obj_alloc(&MethodDescr_Type);
    if (!d) return NULL;
    d->type = type;
    d->def = def;
    return (Object *)d;
}

static Object *mdescr_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    MethodDescrObject *d = (MethodDescrObject *)self;
    if (nargs < 1) {
        return err_format(&Exc_TypeError, "unbound method %s.%s() needs an argument",
                          type_name(d->type), d->def->name);
    }
    if (!descr_type_check(d->type, d->def->name, args[0])) return NULL;
    if (kwnames && TUPLE_SIZE(kwnames) > 0 && !(d->def->flags & METH_KW)) {
        return err_format(&Exc_TypeError, "%s.%s() takes no keyword arguments",
                          type_name(d->type), d->def->name);
    }
    return d->def->meth(args[0], args + 1, nargs - 1, kwnames);
}

static Object *mdescr_get(Object *self, Object *obj, Object *type) {
    MethodDescrObject *d = (MethodDescrObject *)self;
    if (!obj) return NEWREF(self);
    if (!descr_type_check(d->type, d->def->name, obj)) return NULL;
    return builtin_function_new(d->def, obj);
}

static Object *mdescr_repr(Object *self) {
    MethodDescrObject *d = (MethodDescrObject *)self;
    return str_from_format("<method '%s' of '%s' objects>", d->def->name, type_name(d->type));
}

static Object *mdescr_get_name(Object *self, void *c) {
    return str_from_cstr(((MethodDescrObject *)self)->def->name);
}

static Object *mdescr_get_qualname(Object *self, void *c) {
    MethodDescrObject *d = (MethodDescrObject *)self;
    Object *q = type_qualname(d->type);
    if (!q) return NULL;
    Object *r = str_from_format("%U.%s", q, d->def->name);
    DECREF(q);
    return r;
}

static Object *mdescr_get_objclass(Object *self, void *c) {
    return NEWREF((Object *)((MethodDescrObject *)self)->type);
}

static Object *mdescr_get_doc(Object *self, void *c) {
    MethodDescrObject *d = (MethodDescrObject *)self;
    return d->def->doc ? str_from_cstr(d->def->doc) : none_new();
}

static GetSetDef mdescr_getset[] = {
    {"__name__", mdescr_get_name, NULL, NULL, NULL},
    {"__qualname__", mdescr_get_qualname, NULL, NULL, NULL},
    {"__objclass__", mdescr_get_objclass, NULL, NULL, NULL},
    {"__doc__", mdescr_get_doc, NULL, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL, NULL},
    {NULL},
};

TypeObject MethodDescr_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "method_descriptor",
    .basicsize = sizeof(MethodDescrObject),
    .dealloc = object_dealloc,
    .repr = mdescr_repr,
    .call = mdescr_call,
    .descr_get = mdescr_get,
    .getset = mdescr_getset,
};

static Object *cmdescr_check_type(MethodDescrObject *d, Object *type) {
    if (!type_check(type) || !type_is_subtype((TypeObject *)type, d->type)) {
        err_format(&Exc_TypeError, "descriptor '%s' requires a subtype of '%s' but received '%s'",
                   d->def->name, d->type->name,
                   type_check(type) ? ((TypeObject *)type)->name : type_name(OBJ_TYPE(type)));
        return NULL;
    }
    return type;
}

static Object *cmdescr_get(Object *self, Object *obj, Object *type) {
    MethodDescrObject *d = (MethodDescrObject *)self;
    if (!type) type = (Object *)OBJ_TYPE(obj);
    if (!cmdescr_check_type(d, type)) return NULL;
    return builtin_function_new(d->def, type);
}

static Object *cmdescr_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    MethodDescrObject *d = (MethodDescrObject *)self;
    if (nargs < 1) {
        return err_format(&Exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                          d->def->name, d->type->name);
    }
    if (!cmdescr_check_type(d, args[0])) return NULL;
    Object *f = builtin_function_new(d->def, args[0]);
    if (!f) return NULL;
    Object *r = obj_call(f, args + 1, nargs - 1, kwnames);
    DECREF(f);
    return r;
}

TypeObject ClassMethodDescr_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "classmethod_descriptor",
    .basicsize = sizeof(MethodDescrObject),
    .dealloc = object_dealloc,
    .repr = mdescr_repr,
    .call = cmdescr_call,
    .descr_get = cmdescr_get,
    .getset = mdescr_getset,
};

/* ---- getset_descriptor ------------------------------------------------------------- */

Object *getset_descr_new(TypeObject *type, GetSetDef *def) {
    GetSetDescrObject *d = (GetSetDescrObject *)obj_alloc(&GetSetDescr_Type);
    if (!d) return NULL;
    d->type = type;
    d->def = def;
    return (Object *)d;
}

static Object *getset_get(Object *self, Object *obj, Object *type) {
    GetSetDescrObject *d = (GetSetDescrObject *)self;
    if (!obj) return NEWREF(self);
    if (!descr_type_check(d->type, d->def->name, obj)) return NULL;
    if (!d->def->get) {
        return err_format(&Exc_AttributeError, "attribute '%s' of '%s' objects is not readable",
                          d->def->name, d->type->name);
    }
    return d->def->get(obj, d->def->closure);
}

static int getset_set(Object *self, Object *obj, Object *value) {
    GetSetDescrObject *d = (GetSetDescrObject *)self;
    if (!descr_type_check(d->type, d->def->name, obj)) return -1;
    if (!d->def->set) {
        err_format(&Exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                   d->def->name, type_name(d->type));
        return -1;
    }
    return d->def->set(obj, value, d->def->closure);
}

static Object *getset_repr(Object *self) {
    GetSetDescrObject *d = (GetSetDescrObject *)self;
    return str_from_format("<attribute '%s' of '%s' objects>", d->def->name, type_name(d->type));
}

static Object *getset_get_name(Object *self, void *c) {
    return str_from_cstr(((GetSetDescrObject *)self)->def->name);
}

static Object *getset_get_qualname(Object *self, void *c) {
    GetSetDescrObject *d = (GetSetDescrObject *)self;
    Object *q = type_qualname(d->type);
    if (!q) return NULL;
    Object *r = str_from_format("%U.%s", q, d->def->name);
    DECREF(q);
    return r;
}

static Object *getset_get_objclass(Object *self, void *c) {
    return NEWREF((Object *)((GetSetDescrObject *)self)->type);
}

static Object *getset_get_doc(Object *self, void *c) {
    GetSetDescrObject *d = (GetSetDescrObject *)self;
    return d->def->doc ? str_from_cstr(d->def->doc) : none_new();
}

static GetSetDef getset_getset[] = {
    {"__name__", getset_get_name, NULL, NULL, NULL},
    {"__qualname__", getset_get_qualname, NULL, NULL, NULL},
    {"__objclass__", getset_get_objclass, NULL, NULL, NULL},
    {"__doc__", getset_get_doc, NULL, NULL, NULL},
    {NULL},
};

TypeObject GetSetDescr_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "getset_descriptor",
    .basicsize = sizeof(GetSetDescrObject),
    .dealloc = object_dealloc,
    .repr = getset_repr,
    .descr_get = getset_get,
    .descr_set = getset_set,
    .getset = getset_getset,
};

/* ---- member_descriptor ------------------------------------------------------------- */

Object *member_descr_new(TypeObject *type, Object *name, intptr_t offset, int readonly) {
    MemberDescrObject *d = (MemberDescrObject *)obj_alloc(&MemberDescr_Type);
    if (!d) return NULL;
    d->type = type;
    d->name = NEWREF(name);
    d->offset = offset;
    d->readonly = readonly;
    return (Object *)d;
}

static void member_dealloc(Object *o) {
    XDECREF(((MemberDescrObject *)o)->name);
    obj_free(o);
}

static Object *member_get(Object *self, Object *obj, Object *type) {
    MemberDescrObject *d = (MemberDescrObject *)self;
    if (!obj) return NEWREF(self);
    if (!descr_type_check(d->type, str_utf8(d->name), obj)) return NULL;
    Object *v = *(Object **)((char *)obj + d->offset);
    if (!v) {
        err_no_attribute(obj, d->name);
        return NULL;
    }
    return NEWREF(v);
}

static int member_set(Object *self, Object *obj, Object *value) {
    MemberDescrObject *d = (MemberDescrObject *)self;
    if (!descr_type_check(d->type, str_utf8(d->name), obj)) return -1;
    if (d->readonly) {
        err_format(&Exc_AttributeError, "readonly attribute");
        return -1;
    }
    Object **field = (Object **)((char *)obj + d->offset);
    if (!value && !*field) {
        err_set_object(&Exc_AttributeError, d->name);
        return -1;
    }
    XINCREF(value);
    SETREF(*field, value);
    return 0;
}

static Object *member_repr(Object *self) {
    MemberDescrObject *d = (MemberDescrObject *)self;
    return str_from_format("<member '%U' of '%s' objects>", d->name, type_name(d->type));
}

static Object *member_get_name(Object *self, void *c) {
    return NEWREF(((MemberDescrObject *)self)->name);
}

static Object *member_get_objclass(Object *self, void *c) {
    return NEWREF((Object *)((MemberDescrObject *)self)->type);
}

static GetSetDef member_getset[] = {
    {"__name__", member_get_name, NULL, NULL, NULL},
    {"__objclass__", member_get_objclass, NULL, NULL, NULL},
    {"__doc__", get_none, NULL, NULL, NULL},
    {NULL},
};

TypeObject MemberDescr_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "member_descriptor",
    .basicsize = sizeof(MemberDescrObject),
    .dealloc = member_dealloc,
    .repr = member_repr,
    .descr_get = member_get,
    .descr_set = member_set,
    .getset = member_getset,
};

/* ---- wrapper_descriptor and method-wrapper ---------------------------------------- */

Object *wrapper_descr_new(TypeObject *type, const SlotDef *def, void *wrapped) {
    WrapperDescrObject *d = (WrapperDescrObject *)obj_alloc(&WrapperDescr_Type);
    if (!d) return NULL;
    d->type = type;
    d->def = def;
    d->wrapped = wrapped;
    return (Object *)d;
}

static Object *call_wrapper(WrapperDescrObject *d, Object *self, Object *const *args,
                            size_t nargs, Object *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) > 0 && !(d->def->flags & SLOTDEF_KW)) {
        return err_format(&Exc_TypeError, "wrapper %s() takes no keyword arguments",
                          d->def->name);
    }
    return d->def->wrapper(self, args, nargs, kwnames, d->wrapped, d->def);
}

static Object *wdescr_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    WrapperDescrObject *d = (WrapperDescrObject *)self;
    if (nargs < 1) {
        return err_format(&Exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                          d->def->name, d->type->name);
    }
    if (!type_is_subtype(OBJ_TYPE(args[0]), d->type)) {
        return err_format(&Exc_TypeError,
                          "descriptor '%s' requires a '%s' object but received a '%T'",
                          d->def->name, d->type->name, args[0]);
    }
    return call_wrapper(d, args[0], args + 1, nargs - 1, kwnames);
}

static Object *wdescr_get(Object *self, Object *obj, Object *type) {
    WrapperDescrObject *d = (WrapperDescrObject *)self;
    if (!obj) return NEWREF(self);
    if (!descr_type_check(d->type, d->def->name, obj)) return NULL;
    MethodWrapperObject *w = (MethodWrapperObject *)obj_alloc(&MethodWrapper_Type);
    if (!w) return NULL;
    w->descr = (WrapperDescrObject *)NEWREF(self);
    w->self = NEWREF(obj);
    return (Object *)w;
}

static Object *wdescr_repr(Object *self) {
    WrapperDescrObject *d = (WrapperDescrObject *)self;
    return str_from_format("<slot wrapper '%s' of '%s' objects>", d->def->name,
                           type_name(d->type));
}

static Object *wdescr_get_name(Object *self, void *c) {
    return str_from_cstr(((WrapperDescrObject *)self)->def->name);
}

static Object *wdescr_get_qualname(Object *self, void *c) {
    WrapperDescrObject *d = (WrapperDescrObject *)self;
    Object *q = type_qualname(d->type);
    if (!q) return NULL;
    Object *r = str_from_format("%U.%s", q, d->def->name);
    DECREF(q);
    return r;
}

static Object *wdescr_get_objclass(Object *self, void *c) {
    return NEWREF((Object *)((WrapperDescrObject *)self)->type);
}

static GetSetDef wdescr_getset[] = {
    {"__name__", wdescr_get_name, NULL, NULL, NULL},
    {"__qualname__", wdescr_get_qualname, NULL, NULL, NULL},
    {"__objclass__", wdescr_get_objclass, NULL, NULL, NULL},
    {"__doc__", get_none, NULL, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL, NULL},
    {NULL},
};

TypeObject WrapperDescr_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "wrapper_descriptor",
    .basicsize = sizeof(WrapperDescrObject),
    .dealloc = object_dealloc,
    .repr = wdescr_repr,
    .call = wdescr_call,
    .descr_get = wdescr_get,
    .getset = wdescr_getset,
};

static void mwrapper_dealloc(Object *o) {
    MethodWrapperObject *w = (MethodWrapperObject *)o;
    DECREF((Object *)w->descr);
    DECREF(w->self);
    obj_free(o);
}

static Object *mwrapper_call(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    MethodWrapperObject *w = (MethodWrapperObject *)self;
    return call_wrapper(w->descr, w->self, args, nargs, kwnames);
}

static Object *mwrapper_repr(Object *self) {
    MethodWrapperObject *w = (MethodWrapperObject *)self;
    return str_from_format("<method-wrapper '%s' of %s object at %p>", w->descr->def->name,
                           type_name(OBJ_TYPE(w->self)), (void *)w->self);
}

static Object *mwrapper_richcompare(Object *a, Object *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || OBJ_TYPE(b) != &MethodWrapper_Type)
        return NEWREF(NotImplemented);
    MethodWrapperObject *x = (MethodWrapperObject *)a, *y = (MethodWrapperObject *)b;
    bool eq = x->descr == y->descr && x->self == y->self;
    return bool_from(op == CMP_EQ ? eq : !eq);
}

static int64_t mwrapper_hash(Object *o) {
    MethodWrapperObject *w = (MethodWrapperObject *)o;
    int64_t h = (int64_t)((uintptr_t)w->descr >> 3) ^ (int64_t)((uintptr_t)w->self >> 4);
    return h == -1 ? -2 : h;
}

static Object *mwrapper_get_self(Object *self, void *c) {
    return NEWREF(((MethodWrapperObject *)self)->self);
}

static Object *mwrapper_get_name(Object *self, void *c) {
    return str_from_cstr(((MethodWrapperObject *)self)->descr->def->name);
}

static Object *mwrapper_get_qualname(Object *self, void *c) {
    return wdescr_get_qualname((Object *)((MethodWrapperObject *)self)->descr, c);
}

static GetSetDef mwrapper_getset[] = {
    {"__self__", mwrapper_get_self, NULL, NULL, NULL},
    {"__name__", mwrapper_get_name, NULL, NULL, NULL},
    {"__qualname__", mwrapper_get_qualname, NULL, NULL, NULL},
    {"__doc__", get_none, NULL, NULL, NULL},
    {NULL},
};

TypeObject MethodWrapper_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "method-wrapper",
    .basicsize = sizeof(MethodWrapperObject),
    .dealloc = mwrapper_dealloc,
    .repr = mwrapper_repr,
    .hash = mwrapper_hash,
    .richcompare = mwrapper_richcompare,
    .call = mwrapper_call,
    .getset = mwrapper_getset,
};
