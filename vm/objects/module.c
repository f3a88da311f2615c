/* vm/objects/module.c — module objects.
 *
 * A module is its dict plus a name.  Attribute access is the generic one
 * with two module specifics: a module-level __getattr__ (PEP 562) is
 * consulted when the name is missing, and the error names the module.
 * Modules made by module_new() (native modules) print as "(built-in)"
 * unless a __file__ is set; module('x') from Python prints "<module 'x'>".
 */
#include "vm/vm.h"
#include "vm/objects/typesys.h"

typedef struct ModuleExt {
    ModuleObject m;
    int builtin;
} ModuleExt;

static int module_fill(ModuleObject *m, Object *name, Object *doc) {
    if (!m->dict && !(m->dict = dict_new())) return -1;
    if (dict_set(m->dict, id___name__, name) < 0 || dict_set(m->dict, id___doc__, doc) < 0)
        return -1;
    Object *keys[] = {id___package__, id___loader__, id___spec__};
    for (int i = 0; i < 3; i++) {
        if (dict_get(m->dict, keys[i])) continue;
        if (dict_set(m->dict, keys[i], None) < 0) return -1;
    }
    INCREF(name);
    SETREF(m->name, name);
    return 0;
}

Object *module_new(const char *name) {
    ModuleObject *m = (ModuleObject *)obj_alloc(&Module_Type);
    if (!m) return NULL;
    Object *n = str_from_cstr(name);
    if (!n || module_fill(m, n, None) < 0) {
        XDECREF(n);
        DECREF((Object *)m);
        return NULL;
    }
    DECREF(n);
    ((ModuleExt *)m)->builtin = 1;
    gc_track((Object *)m);
    return (Object *)m;
}

Object *module_get_dict(Object *m) { return ((ModuleObject *)m)->dict; }

int module_add(Object *m, const char *name, Object *value) {
    return dict_set_cstr(((ModuleObject *)m)->dict, name, value);
}

int module_add_int(Object *m, const char *name, long long v) {
    Object *o = int_from_long(v);
    if (!o) return -1;
    int r = module_add(m, name, o);
    DECREF(o);
    return r;
}

int module_add_str(Object *m, const char *name, const char *v) {
    Object *o = str_from_cstr(v);
    if (!o) return -1;
    int r = module_add(m, name, o);
    DECREF(o);
    return r;
}

int module_add_functions(Object *m, MethodDef *defs) {
    for (MethodDef *d = defs; d && d->name; d++) {
        Object *f = builtin_function_new(d, (d->flags & METH_STATIC) ? NULL : m);
        if (!f) return -1;
        int r = module_add(m, d->name, f);
        DECREF(f);
        if (r < 0) return -1;
    }
    return 0;
}

int module_add_type(Object *m, TypeObject *t) {
    if (type_ready(t) < 0) return -1;
    return module_add(m, type_name(t), (Object *)t);
}

/* ---- the type ------------------------------------------------------------------- */

static Object *module_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                             Object *kwnames) {
    ModuleObject *m = (ModuleObject *)obj_alloc(type);
    if (!m) return NULL;
    m->dict = dict_new();
    if (!m->dict) {
        DECREF((Object *)m);
        return NULL;
    }
    gc_track((Object *)m);
    return (Object *)m;
}

static int module_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"name", "doc", NULL};
    Object *name, *doc = None;
    if (args_parse(args, nargs, kwnames, "U|O:module", kwlist, &name, &doc) < 0) return -1;
    return module_fill((ModuleObject *)self, name, doc);
}

static void module_dealloc(Object *o) {
    ModuleObject *m = (ModuleObject *)o;
    gc_untrack(o);
    XDECREF(m->dict);
    XDECREF(m->name);
    obj_free(o);
}

static int module_traverse(Object *o, visitproc visit, void *arg) {
    ModuleObject *m = (ModuleObject *)o;
    if (m->dict && visit(m->dict, arg)) return 1;
    return 0;
}

static int module_clear(Object *o) {
    ModuleObject *m = (ModuleObject *)o;
    CLEAR(m->dict);
    return 0;
}

static Object *module_name_of(ModuleObject *m) {
    Object *n = m->dict ? dict_get(m->dict, id___name__) : NULL;
    return n && str_check(n) ? n : NULL;
}

static Object *module_repr(Object *o) {
    ModuleObject *m = (ModuleObject *)o;
    Object *name = module_name_of(m);
    Object *shown = name ? name : str_intern_cstr("?");
    Object *file = m->dict ? dict_get(m->dict, id___file__) : NULL;
    if (file && str_check(file)) return str_from_format("<module %R from %R>", shown, file);
    if (((ModuleExt *)m)->builtin) return str_from_format("<module %R (built-in)>", shown);
    return str_from_format("<module %R>", shown);
}

static Object *module_getattro(Object *self, Object *name) {
    Object *r = obj_generic_getattr_suppress(self, name);
    if (r || err_occurred()) return r;
    ModuleObject *m = (ModuleObject *)self;
    if (m->dict) {
        Object *ga = dict_get(m->dict, id___getattr__);
        if (ga) {
            INCREF(ga);
            r = obj_call1(ga, name);
            DECREF(ga);
            return r;
        }
    }
    Object *mname = module_name_of(m);
    if (mname)
        err_format(&Exc_AttributeError, "module '%U' has no attribute '%U'", mname, name);
    else
        err_format(&Exc_AttributeError, "module has no attribute '%U'", name);
    err_attribute_set_context(self, name);
    return NULL;
}

static Object *module_dir(Object *self, Object *const *args, size_t nargs, Object *kw) {
    ModuleObject *m = (ModuleObject *)self;
    if (!m->dict) return list_new(0);
    Object *d = dict_get(m->dict, id___dir__);
    if (d) return obj_call0(d);
    return dict_keys_list(m->dict);
}

static MethodDef module_methods[] = {
    {"__dir__", module_dir, 0, "__dir__() -> list\nspecialized dir() implementation"},
    {NULL},
};

static Object *module_get_dict_attr(Object *self, void *c) {
    ModuleObject *m = (ModuleObject *)self;
    if (!m->dict && !(m->dict = dict_new())) return NULL;
    return NEWREF(m->dict);
}

static GetSetDef module_getset[] = {
    {"__dict__", module_get_dict_attr, NULL, NULL, NULL},
    {NULL},
};

TypeObject Module_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "module",
    .basicsize = sizeof(ModuleExt),
    .flags = TPFLAG_BASETYPE | TPFLAG_GC,
    .doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can "
           "have any type.",
    .dealloc = module_dealloc,
    .traverse = module_traverse,
    .clear = module_clear,
    .repr = module_repr,
    .getattro = module_getattro,
    .setattro = obj_generic_setattr,
    .tp_new = module_tp_new,
    .tp_init = module_init,
    .methods = module_methods,
    .getset = module_getset,
    .dictoffset = offsetof(ModuleObject, dict),
};

void module_init_types(void) { type_ready(&Module_Type); }
