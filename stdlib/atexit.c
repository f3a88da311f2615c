/* stdlib/atexit.c — the "atexit" module: callbacks run at interpreter exit.
 *
 * Callbacks are kept in one list of (func, args, kwargs) tuples and run last
 * registered first by runtime_finalize (after threading._shutdown).  A
 * failing callback is reported as CPython does ("Exception ignored in atexit
 * callback: <function ...>" and the traceback) and the others still run.
 */
#include <stdio.h>

#include "vm/vm.h"
#include "stdlib/io.h"
#include "stdlib/runtime_modules.h"

static Object *callbacks;   /* list of (func, args tuple, kwargs dict or None) */

static int ensure_list(void) {
    if (!callbacks) callbacks = list_new(0);
    return callbacks ? 0 : -1;
}

static Object *atexit_register(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (nargs < 1)
        return err_format(&Exc_TypeError, "register() takes at least 1 argument (0 given)");
    if (!obj_callable(args[0]))
        return err_format(&Exc_TypeError, "the first argument must be callable");
    if (ensure_list() < 0) return NULL;
    Object *pargs = tuple_from_array(args + 1, nargs - 1);
    if (!pargs) return NULL;
    Object *kwargs = None;
    size_t nkw = args_nkw(kwnames);
    if (nkw) {
        kwargs = dict_new();
        for (size_t i = 0; kwargs && i < nkw; i++)
            if (dict_set(kwargs, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) CLEAR(kwargs);
        if (!kwargs) {
            DECREF(pargs);
            return NULL;
        }
    } else {
        INCREF(kwargs);
    }
    Object *entry = tuple_pack(3, args[0], pargs, kwargs);
    DECREF(pargs);
    DECREF(kwargs);
    if (!entry) return NULL;
    int rc = list_append(callbacks, entry);
    DECREF(entry);
    if (rc < 0) return NULL;
    return NEWREF(args[0]);
}

static Object *atexit_unregister(Object *self, Object *const *args, size_t nargs,
                                 Object *kwnames) {
    if (args_count("unregister", nargs, 1, 1) < 0) return NULL;
    if (!callbacks) return none_new();
    Object *keep = list_new(0);
    if (!keep) return NULL;
    for (intptr_t i = 0; i < LIST_SIZE(callbacks); i++) {
        Object *entry = LIST_GET(callbacks, i);
        int eq = obj_richcompare_bool(TUPLE_GET(entry, 0), args[0], CMP_EQ);
        if (eq < 0) {
            DECREF(keep);
            return NULL;
        }
        if (!eq && list_append(keep, entry) < 0) {
            DECREF(keep);
            return NULL;
        }
    }
    SETREF(callbacks, keep);
    return none_new();
}

static void report_failure(Object *func) {
    Object *exc = err_fetch();
    Object *r = obj_repr(func);
    if (!r) err_clear();
    io_flush_std_streams();
    Object *err = sys_get_object("stderr");
    Object *msg = str_from_format("Exception ignored in atexit callback: %s\n",
                                  r ? str_utf8(r) : "<callback>");
    Object *res = (msg && err && err != None) ? obj_call_method(err, "write", &msg, 1) : NULL;
    if (!res) {
        err_clear();
        fprintf(stderr, "Exception ignored in atexit callback: %s\n", r ? str_utf8(r) : "");
    }
    XDECREF(res);
    XDECREF(msg);
    XDECREF(r);
    if (exc) {
        err_display(exc);
        DECREF(exc);
    }
}

void atexit_run_callbacks(void) {
    while (callbacks && LIST_SIZE(callbacks) > 0) {
        /* Pop the last one: a callback may register or unregister others. */
        intptr_t last = LIST_SIZE(callbacks) - 1;
        Object *entry = NEWREF(LIST_GET(callbacks, last));
        Object *popped = obj_call_method(callbacks, "pop", NULL, 0);
        if (!popped) err_clear();
        XDECREF(popped);
        Object *func = TUPLE_GET(entry, 0);
        Object *kw = TUPLE_GET(entry, 2);
        Object *r = obj_call_tuple_dict(func, TUPLE_GET(entry, 1), kw == None ? NULL : kw);
        if (r) DECREF(r);
        else report_failure(func);
        DECREF(entry);
    }
}

static Object *atexit_run_exitfuncs(Object *self, Object *const *args, size_t nargs,
                                    Object *kwnames) {
    atexit_run_callbacks();
    return none_new();
}

static Object *atexit_clear(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    CLEAR(callbacks);
    return none_new();
}

static Object *atexit_ncallbacks(Object *self, Object *const *args, size_t nargs,
                                 Object *kwnames) {
    return int_from_ssize(callbacks ? LIST_SIZE(callbacks) : 0);
}

static MethodDef atexit_functions[] = {
    {"register", atexit_register, METH_KW, "Register a function to be executed at exit."},
    {"unregister", atexit_unregister, 0, NULL},
    {"_run_exitfuncs", atexit_run_exitfuncs, 0, NULL},
    {"_clear", atexit_clear, 0, NULL},
    {"_ncallbacks", atexit_ncallbacks, 0, NULL},
    {NULL, NULL, 0, NULL},
};

Object *mod_atexit_init(void) {
    Object *m = module_new("atexit");
    if (m && module_add_functions(m, atexit_functions) < 0) CLEAR(m);
    return m;
}
