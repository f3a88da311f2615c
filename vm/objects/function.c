/* vm/objects/function.c — Python functions, cells and bound methods.
 *
 * A function pairs a code object with the globals/builtins it runs in plus
 * its defaults and closure; calling it is function_call() (vm/call.c).
 * Functions are descriptors: looked up on an instance they bind into a
 * method object (self + function).  Cells hold the variables shared
 * between nested scopes (empty cell: ref == NULL).
 */
#include <string.h>

#include "vm/eval.h"
#include "vm/vm.h"
#include "vm/objects/typesys.h"

#define VISIT(o)                                              \
    do {                                                      \
        Object *_v = (Object *)(o);                           \
        if (_v && !IS_SMALLINT(_v)) {                         \
            int _r = visit(_v, arg);                          \
            if (_r) return _r;                                \
        }                                                     \
    } while (0)

/* ---- function ---------------------------------------------------------------- */

Object *function_new_full(Object *code, Object *globals, Object *builtins, Object *qualname) {
    CodeObject *co = (CodeObject *)code;
    FunctionObject *fn = (FunctionObject *)obj_alloc(&Function_Type);
    if (!fn) return NULL;
    fn->code = NEWREF(code);
    fn->globals = NEWREF(globals);
    fn->builtins = NEWREF(builtins);
    fn->name = NEWREF(co->name);
    fn->qualname = NEWREF(qualname && str_check(qualname) ? qualname : co->qualname);
    /* The compiler puts a function's docstring (or None) first in consts. */
    Object *doc = None;
    if ((co->flags & CO_OPTIMIZED) && TUPLE_SIZE(co->consts) > 0 &&
        str_check(TUPLE_GET(co->consts, 0)))
        doc = TUPLE_GET(co->consts, 0);
    fn->doc = NEWREF(doc);
    Object *mod = dict_check(globals) ? dict_get_str(globals, id___name__) : NULL;
    if (!mod && err_occurred()) err_clear();
    fn->module = NEWREF(mod ? mod : None);
    gc_track((Object *)fn);
    return (Object *)fn;
}

Object *function_new(Object *code, Object *globals, Object *qualname) {
    Object *builtins = dict_get_str(globals, id___builtins__);
    if (builtins && module_check(builtins)) builtins = module_get_dict(builtins);
    if (!builtins || !dict_check(builtins)) builtins = runtime.builtins;
    return function_new_full(code, globals, builtins, qualname);
}

static int function_clear(Object *o) {
    FunctionObject *fn = (FunctionObject *)o;
    CLEAR(fn->code);
    CLEAR(fn->globals);
    CLEAR(fn->builtins);
    CLEAR(fn->name);
    CLEAR(fn->qualname);
    CLEAR(fn->defaults);
    CLEAR(fn->kwdefaults);
    CLEAR(fn->closure);
    CLEAR(fn->doc);
    CLEAR(fn->dict);
    CLEAR(fn->module);
    CLEAR(fn->annotations);
    return 0;
}

static void function_dealloc(Object *o) {
    gc_untrack(o);
    function_clear(o);
    obj_free(o);
}

static int function_traverse(Object *o, visitproc visit, void *arg) {
    FunctionObject *fn = (FunctionObject *)o;
    VISIT(fn->code);
    VISIT(fn->globals);
    VISIT(fn->builtins);
    VISIT(fn->defaults);
    VISIT(fn->kwdefaults);
    VISIT(fn->closure);
    VISIT(fn->doc);
    VISIT(fn->dict);
    VISIT(fn->module);
    VISIT(fn->annotations);
    return 0;
}

static Object *function_repr(Object *o) {
    return str_from_format("<function %U at %p>", ((FunctionObject *)o)->qualname, (void *)o);
}

static Object *function_descr_get(Object *func, Object *obj, Object *type) {
    if (!obj || obj == None) return NEWREF(func);
    return method_new(func, obj);
}

static Object *fn_get_name(Object *o, void *c) { return NEWREF(((FunctionObject *)o)->name); }
static int fn_set_name(Object *o, Object *v, void *c) {
    if (!v || !str_check(v)) {
        err_format(&Exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    SETREF(((FunctionObject *)o)->name, NEWREF(v));
    return 0;
}
static Object *fn_get_qualname(Object *o, void *c) { return NEWREF(((FunctionObject *)o)->qualname); }
static int fn_set_qualname(Object *o, Object *v, void *c) {
    if (!v || !str_check(v)) {
        err_format(&Exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    SETREF(((FunctionObject *)o)->qualname, NEWREF(v));
    return 0;
}

#define FN_OPT_FIELD(fname, field)                                         \
    static Object *fn_get_##fname(Object *o, void *c) {                    \
        Object *v = ((FunctionObject *)o)->field;                          \
        return NEWREF(v ? v : None);                                       \
    }                                                                      \
    static int fn_set_##fname(Object *o, Object *v, void *c) {             \
        SETREF(((FunctionObject *)o)->field, v ? NEWREF(v) : NULL);        \
        return 0;                                                          \
    }
FN_OPT_FIELD(doc, doc)
FN_OPT_FIELD(module, module)

static Object *fn_get_defaults(Object *o, void *c) {
    Object *v = ((FunctionObject *)o)->defaults;
    return NEWREF(v ? v : None);
}
static int fn_set_defaults(Object *o, Object *v, void *c) {
    if (v == None) v = NULL;
    if (v && !tuple_check(v)) {
        err_format(&Exc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    SETREF(((FunctionObject *)o)->defaults, XNEWREF(v));
    return 0;
}
static Object *fn_get_kwdefaults(Object *o, void *c) {
    Object *v = ((FunctionObject *)o)->kwdefaults;
    return NEWREF(v ? v : None);
}
static int fn_set_kwdefaults(Object *o, Object *v, void *c) {
    if (v == None) v = NULL;
    if (v && !dict_check(v)) {
        err_format(&Exc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    SETREF(((FunctionObject *)o)->kwdefaults, XNEWREF(v));
    return 0;
}
static Object *fn_get_code(Object *o, void *c) { return NEWREF(((FunctionObject *)o)->code); }
static int fn_set_code(Object *o, Object *v, void *c) {
    FunctionObject *fn = (FunctionObject *)o;
    if (!v || OBJ_TYPE(v) != &Code_Type) {
        err_format(&Exc_TypeError, "__code__ must be set to a code object");
        return -1;
    }
    int nfree = ((CodeObject *)v)->nfrees;
    int nclosure = fn->closure ? (int)TUPLE_SIZE(fn->closure) : 0;
    if (nfree != nclosure) {
        err_format(&Exc_ValueError, "%U() requires a code object with %d free vars, not %d",
                   fn->name, nclosure, nfree);
        return -1;
    }
    SETREF(fn->code, NEWREF(v));
    return 0;
}
static Object *fn_get_globals(Object *o, void *c) { return NEWREF(((FunctionObject *)o)->globals); }
static Object *fn_get_builtins(Object *o, void *c) {
    return NEWREF(((FunctionObject *)o)->builtins);
}
static Object *fn_get_closure(Object *o, void *c) {
    Object *v = ((FunctionObject *)o)->closure;
    return NEWREF(v ? v : None);
}
static Object *fn_get_annotations(Object *o, void *c) {
    FunctionObject *fn = (FunctionObject *)o;
    if (!fn->annotations) {
        fn->annotations = dict_new();
        if (!fn->annotations) return NULL;
    }
    return NEWREF(fn->annotations);
}
static int fn_set_annotations(Object *o, Object *v, void *c) {
    if (v == None) v = NULL;
    if (v && !dict_check(v)) {
        err_format(&Exc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    SETREF(((FunctionObject *)o)->annotations, XNEWREF(v));
    return 0;
}

static GetSetDef function_getset[] = {
    {"__name__", fn_get_name, fn_set_name, NULL, NULL},
    {"__qualname__", fn_get_qualname, fn_set_qualname, NULL, NULL},
    {"__doc__", fn_get_doc, fn_set_doc, NULL, NULL},
    {"__module__", fn_get_module, fn_set_module, NULL, NULL},
    {"__defaults__", fn_get_defaults, fn_set_defaults, NULL, NULL},
    {"__kwdefaults__", fn_get_kwdefaults, fn_set_kwdefaults, NULL, NULL},
    {"__code__", fn_get_code, fn_set_code, NULL, NULL},
    {"__globals__", fn_get_globals, NULL, NULL, NULL},
    {"__builtins__", fn_get_builtins, NULL, NULL, NULL},
    {"__closure__", fn_get_closure, NULL, NULL, NULL},
    {"__annotations__", fn_get_annotations, fn_set_annotations, NULL, NULL},
    {"__dict__", obj_generic_get_dict, obj_generic_set_dict, NULL, NULL},
    {NULL},
};

TypeObject Function_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "function",
    .basicsize = sizeof(FunctionObject),
    .flags = TPFLAG_GC,
    .dealloc = function_dealloc,
    .traverse = function_traverse,
    .clear = function_clear,
    .repr = function_repr,
    .call = function_call,
    .descr_get = function_descr_get,
    .getset = function_getset,
    .dictoffset = offsetof(FunctionObject, dict),
};

/* ---- cell ------------------------------------------------------------------ */

Object *cell_new(Object *value) {
    CellObject *c = (CellObject *)obj_alloc(&Cell_Type);
    if (!c) return NULL;
    c->ref = XNEWREF(value);
    gc_track((Object *)c);
    return (Object *)c;
}

static int cell_clear(Object *o) {
    CLEAR(((CellObject *)o)->ref);
    return 0;
}

static void cell_dealloc(Object *o) {
    gc_untrack(o);
    cell_clear(o);
    obj_free(o);
}

static int cell_traverse(Object *o, visitproc visit, void *arg) {
    VISIT(((CellObject *)o)->ref);
    return 0;
}

static Object *cell_repr(Object *o) {
    Object *v = ((CellObject *)o)->ref;
    if (!v) return str_from_format("<cell at %p: empty>", (void *)o);
    return str_from_format("<cell at %p: %s object at %p>", (void *)o, type_name(OBJ_TYPE(v)),
                           (void *)v);
}

static Object *cell_richcompare(Object *a, Object *b, int op) {
    if (OBJ_TYPE(b) != &Cell_Type) return NEWREF(NotImplemented);
    Object *x = ((CellObject *)a)->ref, *y = ((CellObject *)b)->ref;
    if (x && y) return obj_richcompare(x, y, op);
    int c = (x != NULL) - (y != NULL);
    int r;
    switch (op) {
    case CMP_LT: r = c < 0; break;
    case CMP_LE: r = c <= 0; break;
    case CMP_EQ: r = c == 0; break;
    case CMP_NE: r = c != 0; break;
    case CMP_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return bool_from(r);
}

static Object *cell_get_contents(Object *o, void *c) {
    Object *v = ((CellObject *)o)->ref;
    if (!v) return err_format(&Exc_ValueError, "Cell is empty");
    return NEWREF(v);
}
static int cell_set_contents(Object *o, Object *v, void *c) {
    SETREF(((CellObject *)o)->ref, XNEWREF(v));
    return 0;
}

static GetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL, NULL},
    {NULL},
};

TypeObject Cell_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "cell",
    .basicsize = sizeof(CellObject),
    .flags = TPFLAG_GC,
    .dealloc = cell_dealloc,
    .traverse = cell_traverse,
    .clear = cell_clear,
    .repr = cell_repr,
    .richcompare = cell_richcompare,
    .hash = obj_hash_not_implemented,
    .getset = cell_getset,
};

/* ---- bound method ------------------------------------------------------------ */

Object *method_new(Object *func, Object *self) {
    MethodObject *m = (MethodObject *)obj_alloc(&Method_Type);
    if (!m) return NULL;
    m->func = NEWREF(func);
    m->self = NEWREF(self);
    gc_track((Object *)m);
    return (Object *)m;
}

static int method_clear(Object *o) {
    MethodObject *m = (MethodObject *)o;
    CLEAR(m->func);
    CLEAR(m->self);
    return 0;
}

static void method_dealloc(Object *o) {
    gc_untrack(o);
    method_clear(o);
    obj_free(o);
}

static int method_traverse(Object *o, visitproc visit, void *arg) {
    VISIT(((MethodObject *)o)->func);
    VISIT(((MethodObject *)o)->self);
    return 0;
}

static Object *method_call(Object *o, Object *const *args, size_t nargs, Object *kwnames) {
    return eval_call(o, args, nargs, kwnames);
}

static Object *method_repr(Object *o) {
    MethodObject *m = (MethodObject *)o;
    Object *name = NULL;
    if (obj_lookup_attr(m->func, id___qualname__, &name) < 0) return NULL;
    if (!name && obj_lookup_attr(m->func, id___name__, &name) < 0) return NULL;
    Object *r;
    if (name && str_check(name))
        r = str_from_format("<bound method %U of %R>", name, m->self);
    else
        r = str_from_format("<bound method ? of %R>", m->self);
    XDECREF(name);
    return r;
}

static Object *method_richcompare(Object *a, Object *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !method_check(b)) return NEWREF(NotImplemented);
    MethodObject *x = (MethodObject *)a, *y = (MethodObject *)b;
    int eq = x->self == y->self;
    if (eq) {
        eq = obj_richcompare_bool(x->func, y->func, CMP_EQ);
        if (eq < 0) return NULL;
    }
    return bool_from(op == CMP_EQ ? eq : !eq);
}

static int64_t method_hash(Object *o) {
    MethodObject *m = (MethodObject *)o;
    int64_t h = obj_hash(m->func);
    if (h == -1) return -1;
    int64_t r = (int64_t)((uintptr_t)m->self >> 4) ^ h;
    return r == -1 ? -2 : r;
}

static Object *method_getattro(Object *o, Object *name) {
    /* Attributes of the method type first (__self__, __func__ ...), then
     * those of the underlying function (__name__, __doc__, user attrs). */
    Object *descr = type_lookup(&Method_Type, name);
    if (descr) {
        descrgetfunc get = OBJ_TYPE(descr)->descr_get;
        if (get) return get(descr, o, (Object *)&Method_Type);
        return NEWREF(descr);
    }
    return obj_getattr(((MethodObject *)o)->func, name);
}

static Object *method_get_self(Object *o, void *c) { return NEWREF(((MethodObject *)o)->self); }
static Object *method_get_func(Object *o, void *c) { return NEWREF(((MethodObject *)o)->func); }
static Object *method_get_doc(Object *o, void *c) {
    return obj_getattr(((MethodObject *)o)->func, id___doc__);
}

static GetSetDef method_getset[] = {
    {"__self__", method_get_self, NULL, NULL, NULL},
    {"__func__", method_get_func, NULL, NULL, NULL},
    {"__doc__", method_get_doc, NULL, NULL, NULL},
    {NULL},
};

TypeObject Method_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "method",
    .basicsize = sizeof(MethodObject),
    .flags = TPFLAG_GC,
    .dealloc = method_dealloc,
    .traverse = method_traverse,
    .clear = method_clear,
    .repr = method_repr,
    .richcompare = method_richcompare,
    .hash = method_hash,
    .call = method_call,
    .getattro = method_getattro,
    .getset = method_getset,
};
