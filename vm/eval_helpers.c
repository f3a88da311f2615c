/* vm/eval_helpers.c — the slow paths of the dispatch loop.
 *
 * Raising, unpacking, with-statements, calls with star-args, name
 * lookups that miss the fast path, imports and the interactive echo.  Every
 * helper follows the loop's ownership rule stated in vm/eval_helpers.h, and
 * CPython 3.11's error messages.
 */
#include <string.h>

#include "vm/eval.h"
#include "vm/eval_helpers.h"
#include "vm/opcodes.h"
#include "vm/runtime.h"
#include "vm/vm.h"

/* ---- raise ----------------------------------------------------------------- */

/* Make `value` the new exception's __context__ (the handled exception),
 * cutting the chain where it would loop back. */
static void set_context(Object *value) {
    Object *handled = ts_current->handled_exc;
    if (!handled || handled == None || handled == value) return;
    Object *o = handled;
    while (o) {
        Object *ctx = exc_get_context(o);
        if (ctx == value) {
            exc_set_context(o, NULL);
            break;
        }
        o = ctx;
    }
    exc_set_context(value, NEWREF(handled));
}

static Object *instantiate_exc(Object *cls) {
    Object *v = obj_call0(cls);
    if (v && !is_exception_instance(v)) {
        err_format(&Exc_TypeError,
                   "calling %R should have returned an instance of BaseException, not %T", cls, v);
        DECREF(v);
        return NULL;
    }
    return v;
}

void eval_do_raise(Object *exc, Object *cause) {
    Object *value = NULL;
    if (is_exception_class(exc)) {
        value = instantiate_exc(exc);
        if (!value) goto fail;
    } else if (is_exception_instance(exc)) {
        value = NEWREF(exc);
    } else {
        err_format(&Exc_TypeError, "exceptions must derive from BaseException");
        goto fail;
    }
    if (cause) {
        Object *c;
        if (is_exception_class(cause)) {
            c = instantiate_exc(cause);
            if (!c) goto fail;
        } else if (is_exception_instance(cause)) {
            c = NEWREF(cause);
        } else if (cause == None) {
            c = NULL;
        } else {
            err_format(&Exc_TypeError, "exception causes must derive from BaseException");
            goto fail;
        }
        exc_set_cause(value, c);
    }
    set_context(value);
    err_restore(value);
    DECREF(exc);
    XDECREF(cause);
    return;
fail:
    XDECREF(value);
    DECREF(exc);
    XDECREF(cause);
}

/* ---- unpacking ------------------------------------------------------------- */

static bool looks_iterable(Object *o) {
    TypeObject *t = OBJ_TYPE(o);
    return t->iter != NULL || (t->getitem != NULL && !dict_check(o));
}

int eval_unpack(Object *seq, int before, int after, Object **top) {
    Object **out = top;
    Object *it = obj_get_iter(seq);
    if (!it) {
        if (err_matches(&Exc_TypeError) && !looks_iterable(seq)) {
            err_clear();
            err_format(&Exc_TypeError, "cannot unpack non-iterable %T object", seq);
        }
        return -1;
    }
    for (int i = 0; i < before; i++) {
        Object *w = obj_iter_next(it);
        if (!w) {
            if (!err_occurred()) {
                if (after < 0)
                    err_format(&Exc_ValueError, "not enough values to unpack (expected %d, got %d)",
                               before, i);
                else
                    err_format(&Exc_ValueError,
                               "not enough values to unpack (expected at least %d, got %d)",
                               before + after, i);
            }
            goto fail;
        }
        *--out = w;
    }
    if (after < 0) {
        Object *w = obj_iter_next(it);
        if (w) {
            DECREF(w);
            err_format(&Exc_ValueError, "too many values to unpack (expected %d)", before);
            goto fail;
        }
        if (err_occurred()) goto fail;
        DECREF(it);
        return 0;
    }
    Object *rest = list_from_iterable(it);
    if (!rest) goto fail;
    *--out = rest;
    intptr_t n = LIST_SIZE(rest);
    if (n < after) {
        err_format(&Exc_ValueError, "not enough values to unpack (expected at least %d, got %zd)",
                   before + after, (intptr_t)before + n);
        goto fail;
    }
    for (int j = 0; j < after; j++) *--out = LIST_GET(rest, n - after + j);
    ((ListObject *)rest)->size = n - after; /* the moved references now live on the stack */
    DECREF(it);
    return 0;
fail:
    while (out < top) DECREF(*out++);
    DECREF(it);
    return -1;
}

/* ---- exceptions and with ---------------------------------------------------- */

int eval_exc_match(Object *exc, Object *cls) {
    static const char msg[] = "catching classes that do not inherit from BaseException is not allowed";
    if (tuple_check(cls)) {
        for (intptr_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (!is_exception_class(TUPLE_GET(cls, i))) {
                err_format(&Exc_TypeError, msg);
                return -1;
            }
        for (intptr_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (type_is_subtype(OBJ_TYPE(exc), (TypeObject *)TUPLE_GET(cls, i))) return 1;
        return 0;
    }
    if (!is_exception_class(cls)) {
        err_format(&Exc_TypeError, msg);
        return -1;
    }
    return type_is_subtype(OBJ_TYPE(exc), (TypeObject *)cls);
}

/* descr bound to obj (new reference) */
static Object *bind_special(Object *descr, Object *obj) {
    descrgetfunc get = OBJ_TYPE(descr)->descr_get;
    if (get) return get(descr, obj, (Object *)OBJ_TYPE(obj));
    return NEWREF(descr);
}

Object *eval_setup_with(Object *mgr, Object **exit_out) {
    TypeObject *tp = OBJ_TYPE(mgr);
    Object *enter = type_lookup(tp, id___enter__);
    if (!enter)
        return err_format(&Exc_TypeError,
                          "'%s' object does not support the context manager protocol",
                          type_name(tp));
    Object *exitd = type_lookup(tp, id___exit__);
    if (!exitd)
        return err_format(&Exc_TypeError,
                          "'%s' object does not support the context manager protocol "
                          "(missed __exit__ method)",
                          type_name(tp));
    INCREF(enter);
    Object *exit = bind_special(exitd, mgr);
    if (!exit) {
        DECREF(enter);
        return NULL;
    }
    Object *res;
    if (OBJ_TYPE(enter) == &Function_Type) {
        res = eval_call(enter, &mgr, 1, NULL);
    } else {
        Object *b = bind_special(enter, mgr);
        res = b ? eval_call(b, NULL, 0, NULL) : NULL;
        XDECREF(b);
    }
    DECREF(enter);
    if (!res) {
        DECREF(exit);
        return NULL;
    }
    *exit_out = exit;
    return res;
}

Object *eval_with_exit(Object *exit, Object *exc) {
    Object *tb = exc_get_traceback(exc);
    Object *args[3] = {(Object *)OBJ_TYPE(exc), exc, tb ? tb : None};
    return eval_call(exit, args, 3, NULL);
}

/* ---- calls and displays ------------------------------------------------------ */

Object *eval_func_str(Object *func) {
    Object *qn = NULL, *mod = NULL, *r;
    if (obj_lookup_attr(func, id___qualname__, &qn) <= 0 || !str_check(qn)) {
        err_clear();
        XDECREF(qn);
        return obj_str(func);
    }
    if (obj_lookup_attr(func, id___module__, &mod) < 0) err_clear();
    if (mod && str_check(mod) && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("%U.%U()", mod, qn);
    else
        r = str_from_format("%U()", qn);
    XDECREF(mod);
    DECREF(qn);
    return r;
}

static int kwargs_error(Object *func, const char *fmt, Object *x) {
    Object *fs = eval_func_str(func);
    if (!fs) return -1;
    err_format(&Exc_TypeError, fmt, fs, x);
    DECREF(fs);
    return -1;
}

int eval_dict_merge(Object *func, Object *dict, Object *other) {
    if (dict_check(other)) {
        intptr_t pos = 0;
        Object *k, *v;
        while (dict_next(other, &pos, &k, &v)) {
            int c = dict_contains(dict, k);
            if (c < 0) return -1;
            if (c) {
                Object *fs = eval_func_str(func);
                if (!fs) return -1;
                err_format(&Exc_TypeError, "%U got multiple values for keyword argument '%S'", fs,
                           k);
                DECREF(fs);
                return -1;
            }
            if (dict_set(dict, k, v) < 0) return -1;
        }
        return 0;
    }
    Object *keys = NULL;
    int r = obj_lookup_attr(other, id_keys, &keys);
    if (r <= 0) {
        if (r == 0) kwargs_error(func, "%U argument after ** must be a mapping, not %T", other);
        return -1;
    }
    Object *klist = obj_call0(keys);
    DECREF(keys);
    if (!klist) return -1;
    Object *it = obj_get_iter(klist);
    DECREF(klist);
    if (!it) return -1;
    Object *k;
    while ((k = obj_iter_next(it))) {
        int c = dict_contains(dict, k);
        Object *v = c == 0 ? obj_getitem(other, k) : NULL;
        if (c > 0) {
            Object *fs = eval_func_str(func);
            if (fs) {
                err_format(&Exc_TypeError, "%U got multiple values for keyword argument '%S'",
                           fs, k);
                DECREF(fs);
            }
        }
        if (!v || dict_set(dict, k, v) < 0) {
            XDECREF(v);
            DECREF(k);
            DECREF(it);
            return -1;
        }
        DECREF(v);
        DECREF(k);
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

Object *eval_call_ex(Object *func, Object *args, Object *kwargs) {
    Object *t;
    if (!IS_SMALLINT(args) && args->type == &Tuple_Type) {
        t = NEWREF(args);
    } else {
        if (!looks_iterable(args)) {
            kwargs_error(func, "%U argument after * must be an iterable, not %T", args);
            return NULL;
        }
        Object *l = list_from_iterable(args);
        if (!l) return NULL;
        t = list_as_tuple(l);
        DECREF(l);
        if (!t) return NULL;
    }
    size_t n = (size_t)TUPLE_SIZE(t);
    if (!kwargs || (dict_check(kwargs) && dict_size(kwargs) == 0)) {
        Object *r = eval_call(func, TUPLE_ITEMS(t), n, NULL);
        DECREF(t);
        return r;
    }
    Object *d;
    if (!IS_SMALLINT(kwargs) && kwargs->type == &Dict_Type) {
        d = NEWREF(kwargs);
    } else {
        d = dict_new();
        if (!d || eval_dict_merge(func, d, kwargs) < 0) {
            XDECREF(d);
            DECREF(t);
            return NULL;
        }
    }
    size_t nk = (size_t)dict_size(d);
    Object **arr = mem_alloc((n + nk + 1) * sizeof(Object *));
    Object *kwnames = tuple_new(nk);
    Object *r = NULL;
    size_t filled = 0;
    if (!arr || !kwnames) goto done;
    memcpy(arr, TUPLE_ITEMS(t), n * sizeof(Object *));
    intptr_t pos = 0;
    Object *k, *v;
    while (filled < nk && dict_next(d, &pos, &k, &v)) {
        if (!str_check(k)) {
            err_format(&Exc_TypeError, "keywords must be strings");
            goto done;
        }
        TUPLE_ITEMS(kwnames)[filled] = NEWREF(k);
        arr[n + filled] = NEWREF(v);
        filled++;
    }
    if (filled < nk) { /* the dict shrank meanwhile: keep the tuple well formed */
        for (size_t i = filled; i < nk; i++) TUPLE_ITEMS(kwnames)[i] = NEWREF(None);
        err_format(&Exc_RuntimeError, "dictionary changed size during iteration");
        goto done;
    }
    r = eval_call(func, arr, n, kwnames);
done:
    if (arr)
        for (size_t i = 0; i < filled; i++) DECREF(arr[n + i]);
    if (kwnames && filled < nk)
        for (size_t i = filled; i < nk; i++)
            if (!TUPLE_ITEMS(kwnames)[i]) TUPLE_ITEMS(kwnames)[i] = NEWREF(None);
    XDECREF(kwnames);
    mem_free(arr);
    DECREF(d);
    DECREF(t);
    return r;
}

int eval_list_extend(Object *list, Object *iterable) {
    if (list_extend(list, iterable) == 0) return 0;
    if (err_matches(&Exc_TypeError) && !looks_iterable(iterable)) {
        err_clear();
        err_format(&Exc_TypeError, "Value after * must be an iterable, not %T", iterable);
    }
    return -1;
}

int eval_set_update(Object *set, Object *iterable) { return set_update(set, iterable); }

int eval_dict_update(Object *dict, Object *other) {
    if (!dict_check(other)) {
        int r = obj_hasattr(other, id_keys);
        if (r < 0) return -1;
        if (r == 0) {
            err_format(&Exc_TypeError, "'%T' object is not a mapping", other);
            return -1;
        }
    }
    return dict_merge(dict, other, true);
}

Object *eval_format_value(Object *v, int conv, Object *spec) {
    Object *x;
    switch (conv) {
    case 1: x = str_check_exact(v) ? NEWREF(v) : obj_str(v); break;
    case 2: x = obj_repr(v); break;
    case 3: x = obj_ascii(v); break;
    default: x = NEWREF(v); break;
    }
    if (!x) return NULL;
    if (str_check_exact(x) && (!spec || STR_SIZE(spec) == 0)) return x;
    Object *r = obj_format(x, spec);
    DECREF(x);
    return r;
}

Object *eval_build_string(Object **items, int n) {
    StrBuf sb;
    strbuf_init(&sb);
    int err = 0;
    for (int i = 0; i < n; i++) {
        if (!err && strbuf_append_str(&sb, items[i]) < 0) err = -1;
        DECREF(items[i]);
    }
    if (err) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}

Object *eval_build_map(Object **items, int n) {
    Object *d = dict_new();
    int err = d ? 0 : -1;
    for (int i = 0; i < n; i++) {
        if (!err && dict_set(d, items[2 * i], items[2 * i + 1]) < 0) err = -1;
        DECREF(items[2 * i]);
        DECREF(items[2 * i + 1]);
    }
    if (err) {
        XDECREF(d);
        return NULL;
    }
    return d;
}

Object *eval_build_const_key_map(Object **values, Object *keys, int n) {
    Object *d = dict_new();
    int err = d ? 0 : -1;
    for (int i = 0; i < n; i++) {
        if (!err && dict_set(d, TUPLE_GET(keys, i), values[i]) < 0) err = -1;
        DECREF(values[i]);
    }
    DECREF(keys);
    if (err) {
        XDECREF(d);
        return NULL;
    }
    return d;
}

/* ---- names ------------------------------------------------------------------ */

void eval_name_error(Object *name) {
    err_format(&Exc_NameError, "name '%U' is not defined", name);
    Object *exc = err_occurred();
    if (exc && type_is_subtype(OBJ_TYPE(exc), &Exc_NameError)) {
        NameErrorObject *ne = (NameErrorObject *)exc;
        if (!ne->name) ne->name = NEWREF(name);
    }
}

Object *eval_load_global_slow(Frame *f, Object *name) {
    if (err_occurred()) return NULL;
    Object *v = dict_get_str(f->builtins, name);
    if (v) return NEWREF(v);
    if (!err_occurred()) eval_name_error(name);
    return NULL;
}

Object *eval_load_name(Frame *f, Object *name) {
    Object *locals = f->locals, *v;
    if (!locals) return err_format(&Exc_SystemError, "no locals when loading %R", name);
    if (!IS_SMALLINT(locals) && locals->type == &Dict_Type) {
        v = dict_get_str(locals, name);
        if (v) return NEWREF(v);
    } else {
        v = obj_getitem(locals, name);
        if (v) return v;
        if (!err_matches(&Exc_KeyError)) return NULL;
        err_clear();
    }
    v = dict_get_str(f->globals, name);
    if (v) return NEWREF(v);
    return eval_load_global_slow(f, name);
}

int eval_store_name(Frame *f, Object *name, Object *v) {
    Object *locals = f->locals;
    if (!locals) {
        err_format(&Exc_SystemError, "no locals found when storing %R", name);
        return -1;
    }
    if (!IS_SMALLINT(locals) && locals->type == &Dict_Type) return dict_set(locals, name, v);
    return obj_setitem(locals, name, v);
}

int eval_delete_name(Frame *f, Object *name) {
    Object *locals = f->locals;
    if (!locals) {
        err_format(&Exc_SystemError, "no locals when deleting %R", name);
        return -1;
    }
    int r = dict_check(locals) ? dict_del(locals, name) : obj_delitem(locals, name);
    if (r < 0 && err_matches(&Exc_KeyError)) {
        err_clear();
        eval_name_error(name);
    }
    return r;
}

int eval_delete_global(Frame *f, Object *name) {
    int r = dict_del(f->globals, name);
    if (r < 0 && err_matches(&Exc_KeyError)) {
        err_clear();
        eval_name_error(name);
    }
    return r;
}

static Object *deref_name(CodeObject *co, int i) {
    return i < co->ncells ? TUPLE_GET(co->cellvars, i) : TUPLE_GET(co->freevars, i - co->ncells);
}

void eval_unbound_deref(Frame *f, int i) {
    CodeObject *co = f->code;
    if (i < co->ncells)
        err_format(&Exc_UnboundLocalError,
                   "cannot access local variable '%U' where it is not associated with a value",
                   deref_name(co, i));
    else
        err_format(&Exc_NameError,
                   "cannot access free variable '%U' where it is not associated with a value "
                   "in enclosing scope",
                   deref_name(co, i));
}

Object *eval_load_classderef(Frame *f, int i) {
    CodeObject *co = f->code;
    Object *name = deref_name(co, i);
    if (f->locals) {
        if (dict_check(f->locals)) {
            Object *v = dict_get(f->locals, name);
            if (v) return NEWREF(v);
            if (err_occurred()) return NULL;
        } else {
            Object *v = obj_getitem(f->locals, name);
            if (v) return v;
            if (!err_matches(&Exc_KeyError)) return NULL;
            err_clear();
        }
    }
    Object *v = ((CellObject *)f->slots[co->nlocals + i])->ref;
    if (!v) {
        eval_unbound_deref(f, i);
        return NULL;
    }
    return NEWREF(v);
}

/* ---- imports ---------------------------------------------------------------- */

Object *eval_import_name(Frame *f, Object *name, Object *fromlist, Object *level) {
    Object *imp = dict_get_str(f->builtins, id___import__);
    if (!imp) return err_format(&Exc_ImportError, "__import__ not found");
    Object *args[5] = {name, f->globals, f->locals ? f->locals : None, fromlist, level};
    INCREF(imp);
    Object *m = eval_call(imp, args, 5, NULL);
    DECREF(imp);
    return m;
}

Object *eval_import_from(Object *module, Object *name) {
    Object *v = NULL;
    int r = obj_lookup_attr(module, name, &v);
    if (r > 0) return v;
    if (r < 0) return NULL;
    Object *pkgname = NULL;
    if (obj_lookup_attr(module, id___name__, &pkgname) < 0) err_clear();
    if (pkgname && str_check(pkgname)) {
        Object *full = str_from_format("%U.%U", pkgname, name);
        if (full) {
            v = runtime.modules ? dict_get(runtime.modules, full) : NULL;
            DECREF(full);
            if (v) {
                DECREF(pkgname);
                return NEWREF(v);
            }
        }
        err_clear();
    }
    Object *path = NULL;
    if (obj_lookup_attr(module, id___file__, &path) < 0) err_clear();
    Object *mname = pkgname ? pkgname : str_from_cstr("<unknown module name>");
    if (!mname) {
        XDECREF(path);
        return NULL;
    }
    /* As CPython: the error carries the module's name and path, and says
     * when the module is still running its code (a circular import). */
    Object *where = path && str_check(path) ? NEWREF(path) : str_from_cstr("unknown location");
    Object *msg = NULL;
    if (where) {
        if (str_check(mname) && import_in_progress(mname))
            msg = str_from_format("cannot import name %R from partially initialized module %R "
                                  "(most likely due to a circular import) (%U)",
                                  name, mname, where);
        else
            msg = str_from_format("cannot import name %R from %R (%U)", name, mname, where);
        DECREF(where);
    }
    Object *exc = msg ? exc_new(&Exc_ImportError, &msg, 1) : NULL;
    XDECREF(msg);
    if (exc) {
        if (obj_setattr_cstr(exc, "name", mname) < 0 ||
            obj_setattr_cstr(exc, "path", path && str_check(path) ? path : None) < 0)
            err_clear();
        err_set_object(&Exc_ImportError, exc);
        DECREF(exc);
    }
    XDECREF(path);
    DECREF(mname);
    return NULL;
}

int eval_import_star(Frame *f, Object *module) {
    Object *locals = f->locals;
    if (!locals) {
        err_format(&Exc_SystemError, "no locals found during 'import *'");
        return -1;
    }
    Object *all = NULL, *names;
    bool skip_private = false;
    int r = obj_lookup_attr(module, id___all__, &all);
    if (r < 0) return -1;
    if (r > 0) {
        names = all;
    } else {
        Object *d = NULL;
        if (obj_lookup_attr(module, id___dict__, &d) <= 0) {
            if (!err_occurred())
                err_format(&Exc_ImportError, "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        names = dict_check(d) ? dict_keys_list(d) : NULL;
        DECREF(d);
        if (!names) {
            if (!err_occurred()) err_format(&Exc_ImportError, "module __dict__ is not a dict");
            return -1;
        }
        skip_private = true;
    }
    Object *it = obj_get_iter(names);
    DECREF(names);
    if (!it) return -1;
    Object *name;
    int err = 0;
    while ((name = obj_iter_next(it))) {
        if (!str_check(name)) {
            err_format(&Exc_TypeError, "Item in %s must be str, not %T",
                       skip_private ? "__dict__" : "__all__", name);
            DECREF(name);
            err = -1;
            break;
        }
        if (skip_private && STR_DATA(name)[0] == '_') {
            DECREF(name);
            continue;
        }
        Object *v = obj_getattr(module, name);
        if (!v || eval_store_name(f, name, v) < 0) err = -1;
        XDECREF(v);
        DECREF(name);
        if (err) break;
    }
    DECREF(it);
    if (!err && err_occurred()) err = -1;
    return err;
}

/* ---- REPL echo, annotations, functions ---------------------------------------- */

int eval_print_expr(Object *v) {
    Object *hook = runtime.sysdict ? dict_get_cstr(runtime.sysdict, "displayhook") : NULL;
    if (hook) {
        INCREF(hook);
        Object *r = eval_call(hook, &v, 1, NULL);
        DECREF(hook);
        if (!r) return -1;
        DECREF(r);
        return 0;
    }
    if (v == None) return 0;
    if (dict_set(runtime.builtins, id__, None) < 0) return -1;
    Object *out = runtime.sysdict ? dict_get_str(runtime.sysdict, id_stdout) : NULL;
    if (!out || out == None) {
        err_format(&Exc_RuntimeError, "lost sys.stdout");
        return -1;
    }
    Object *text = obj_repr(v);
    if (!text) return -1;
    INCREF(out);
    Object *r = obj_call_method(out, "write", &text, 1);
    DECREF(text);
    if (r) {
        DECREF(r);
        Object *nl = str_from_cstr("\n");
        r = nl ? obj_call_method(out, "write", &nl, 1) : NULL;
        XDECREF(nl);
    }
    DECREF(out);
    if (!r) return -1;
    DECREF(r);
    return dict_set(runtime.builtins, id__, v);
}

int eval_setup_annotations(Frame *f) {
    Object *locals = f->locals;
    if (!locals) {
        err_format(&Exc_SystemError, "no locals found when setting up annotations");
        return -1;
    }
    if (dict_check(locals)) {
        int c = dict_contains(locals, id___annotations__);
        if (c != 0) return c < 0 ? -1 : 0;
    } else {
        Object *v = obj_getitem(locals, id___annotations__);
        if (v) {
            DECREF(v);
            return 0;
        }
        if (!err_matches(&Exc_KeyError)) return -1;
        err_clear();
    }
    Object *d = dict_new();
    if (!d) return -1;
    int r = dict_check(locals) ? dict_set(locals, id___annotations__, d)
                               : obj_setitem(locals, id___annotations__, d);
    DECREF(d);
    return r;
}

Object *eval_make_function(Frame *f, int flags, Object **items, Object *code, Object *qualname) {
    FunctionObject *fn = (FunctionObject *)function_new_full(code, f->globals, f->builtins, qualname);
    DECREF(code);
    DECREF(qualname);
    int i = 0;
    Object *defaults = (flags & MAKEFN_DEFAULTS) ? items[i++] : NULL;
    Object *kwdefaults = (flags & MAKEFN_KWDEFAULTS) ? items[i++] : NULL;
    Object *annotations = (flags & MAKEFN_ANNOTATIONS) ? items[i++] : NULL;
    Object *closure = (flags & MAKEFN_CLOSURE) ? items[i++] : NULL;
    if (!fn) {
        XDECREF(defaults);
        XDECREF(kwdefaults);
        XDECREF(annotations);
        XDECREF(closure);
        return NULL;
    }
    if (defaults == None) CLEAR(defaults);
    if (kwdefaults == None) CLEAR(kwdefaults);
    if (annotations == None) CLEAR(annotations);
    fn->defaults = defaults;
    fn->kwdefaults = kwdefaults;
    fn->annotations = annotations;
    fn->closure = closure;
    return (Object *)fn;
}
