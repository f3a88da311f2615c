/* vm/call.c — calling Python functions: binding arguments to parameters.
 *
 * function_call() is Function_Type's call slot and the path every Python to
 * Python call takes.  Arguments are copied straight into the new frame's
 * fast-local slots (no argument tuple); only *args / **kwargs build
 * containers.  The binding rules and every error message follow CPython
 * 3.11 (positional, then keywords, then the count checks, then defaults).
 */
#include <stdio.h>
#include <string.h>

#include "vm/eval.h"
#include "vm/frame.h"
#include "vm/vm.h"

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'" */
static Object *format_name_list(Object **names, int n) {
    StrBuf sb;
    strbuf_init(&sb);
    for (int i = 0; i < n; i++) {
        if (i > 0) {
            if (n == 2) strbuf_append_cstr(&sb, " and ");
            else if (i == n - 1) strbuf_append_cstr(&sb, ", and ");
            else strbuf_append_cstr(&sb, ", ");
        }
        strbuf_append_repr(&sb, names[i]);
    }
    return strbuf_finish(&sb);
}

__attribute__((noinline)) static void missing_arguments(FunctionObject *fn, CodeObject *co, Object **fast, bool positional,
                              int defcount) {
    int start = positional ? 0 : co->argcount;
    int end = positional ? co->argcount - defcount : co->argcount + co->kwonlyargcount;
    Object *names[end - start + 1];
    int n = 0;
    for (int i = start; i < end; i++)
        if (!fast[i]) names[n++] = TUPLE_GET(co->varnames, i);
    Object *list = format_name_list(names, n);
    if (!list) return;
    err_format(&Exc_TypeError, "%U() missing %d required %s argument%s: %U", fn->qualname, n,
               positional ? "positional" : "keyword-only", n == 1 ? "" : "s", list);
    DECREF(list);
}

__attribute__((noinline)) static void too_many_positional(FunctionObject *fn, CodeObject *co, Object **fast, size_t given,
                                int defcount) {
    int kwonly_given = 0;
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
        if (fast[i]) kwonly_given++;
    char sig[64], kwsig[96];
    bool plural = co->argcount != 1;
    if (defcount) snprintf(sig, sizeof sig, "from %d to %d", co->argcount - defcount, co->argcount);
    else snprintf(sig, sizeof sig, "%d", co->argcount);
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %d keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    else kwsig[0] = '\0';
    err_format(&Exc_TypeError, "%U() takes %s positional argument%s but %zu%s %s given",
               fn->qualname, sig, plural ? "s" : "", given, kwsig,
               given == 1 && !kwonly_given ? "was" : "were");
}

/* Keywords naming positional-only parameters, when there is no **kwargs. */
__attribute__((noinline)) static int posonly_as_keyword(FunctionObject *fn, CodeObject *co, Object *kwnames) {
    Object *bad[TUPLE_SIZE(kwnames) + 1];
    int n = 0;
    for (intptr_t k = 0; k < TUPLE_SIZE(kwnames); k++) {
        Object *kw = TUPLE_GET(kwnames, k);
        for (int j = 0; j < co->posonlyargcount; j++)
            if (str_eq(kw, TUPLE_GET(co->varnames, j))) {
                bad[n++] = kw;
                break;
            }
    }
    if (n == 0) return 0;
    StrBuf sb;
    strbuf_init(&sb);
    for (int i = 0; i < n; i++) {
        if (i) strbuf_append_cstr(&sb, ", ");
        strbuf_append_str(&sb, bad[i]);
    }
    Object *list = strbuf_finish(&sb);
    if (!list) return -1;
    err_format(&Exc_TypeError,
               "%U() got some positional-only arguments passed as keyword arguments: '%U'",
               fn->qualname, list);
    DECREF(list);
    return -1;
}

/* The general binder: fills fast[0 .. nparams) or raises. */
__attribute__((noinline)) static int bind_args(FunctionObject *fn, CodeObject *co, Object **fast, Object *const *args,
                     size_t nargs, Object *kwnames) {
    int total = co->argcount + co->kwonlyargcount;
    Object *kwdict = NULL;
    if (co->flags & CO_VARKEYWORDS) {
        kwdict = dict_new();
        if (!kwdict) return -1;
        fast[total + ((co->flags & CO_VARARGS) ? 1 : 0)] = kwdict;
    }
    size_t n = nargs < (size_t)co->argcount ? nargs : (size_t)co->argcount;
    for (size_t i = 0; i < n; i++) fast[i] = NEWREF(args[i]);
    if (co->flags & CO_VARARGS) {
        Object *rest = nargs > n ? tuple_from_array(args + n, nargs - n) : tuple_empty();
        if (!rest) return -1;
        fast[total] = rest;
    }
    if (kwnames) {
        intptr_t nkw = TUPLE_SIZE(kwnames);
        for (intptr_t k = 0; k < nkw; k++) {
            Object *kw = TUPLE_GET(kwnames, k);
            Object *value = args[nargs + k];
            if (!str_check(kw)) {
                err_format(&Exc_TypeError, "%U() keywords must be strings", fn->qualname);
                return -1;
            }
            int j, found = -1;
            for (j = co->posonlyargcount; j < total; j++)
                if (TUPLE_GET(co->varnames, j) == kw) { found = j; break; }
            if (found < 0)
                for (j = co->posonlyargcount; j < total; j++)
                    if (str_eq(TUPLE_GET(co->varnames, j), kw)) { found = j; break; }
            if (found < 0) {
                if (kwdict) {
                    if (dict_set(kwdict, kw, value) < 0) return -1;
                    continue;
                }
                if (co->posonlyargcount && posonly_as_keyword(fn, co, kwnames) < 0) return -1;
                err_format(&Exc_TypeError, "%U() got an unexpected keyword argument '%S'",
                           fn->qualname, kw);
                return -1;
            }
            if (fast[found]) {
                err_format(&Exc_TypeError, "%U() got multiple values for argument '%S'",
                           fn->qualname, kw);
                return -1;
            }
            fast[found] = NEWREF(value);
        }
    }
    int defcount = fn->defaults ? (int)TUPLE_SIZE(fn->defaults) : 0;
    if (nargs > (size_t)co->argcount && !(co->flags & CO_VARARGS)) {
        too_many_positional(fn, co, fast, nargs, defcount);
        return -1;
    }
    if (nargs < (size_t)co->argcount) {
        int m = co->argcount - defcount;
        int missing = 0;
        for (int i = (int)nargs; i < m; i++)
            if (!fast[i]) missing++;
        if (missing) {
            missing_arguments(fn, co, fast, true, defcount);
            return -1;
        }
        for (int i = (int)nargs > m ? (int)nargs : m; i < co->argcount; i++)
            if (!fast[i]) fast[i] = NEWREF(TUPLE_GET(fn->defaults, i - m));
    }
    if (co->kwonlyargcount) {
        int missing = 0;
        for (int i = co->argcount; i < total; i++) {
            if (fast[i]) continue;
            Object *name = TUPLE_GET(co->varnames, i);
            Object *def = fn->kwdefaults ? dict_get(fn->kwdefaults, name) : NULL;
            if (def) {
                fast[i] = NEWREF(def);
            } else {
                if (err_occurred()) return -1;
                missing++;
            }
        }
        if (missing) {
            missing_arguments(fn, co, fast, false, 0);
            return -1;
        }
    }
    return 0;
}

/* Create the cells of a new frame and copy the closure's cells in. */
__attribute__((noinline)) static int init_cells(FunctionObject *fn, CodeObject *co, Object **fast) {
    Object **cells = fast + co->nlocals;
    for (int i = 0; i < co->ncells; i++) {
        int a = co->cell2arg ? co->cell2arg[i] : -1;
        Object *c = cell_new(a >= 0 ? fast[a] : NULL);
        if (!c) return -1;
        if (a >= 0) CLEAR(fast[a]);
        cells[i] = c;
    }
    if (co->nfrees) {
        if (!fn->closure || TUPLE_SIZE(fn->closure) < co->nfrees) {
            err_format(&Exc_SystemError, "%U() has no closure for its free variables",
                       fn->qualname);
            return -1;
        }
        for (int i = 0; i < co->nfrees; i++)
            cells[co->ncells + i] = NEWREF(TUPLE_GET(fn->closure, i));
    }
    return 0;
}

/* Finish a frame whose arguments are bound: cells, then run it (or wrap
 * it in a generator).  Consumes the frame reference.  Inlined into both
 * callers: it sits on every Python call. */
static inline Object *run_new_frame(Object *func, CodeObject *co, Frame *f) {
    if (!(co->flags & CO_NOFREE) && init_cells((FunctionObject *)func, co, f->slots) < 0) {
        DECREF((Object *)f);
        return NULL;
    }
    if (co->flags & CO_GENERATOR) return generator_new(f, func);
    Object *res = eval_frame(f, NULL, 0);
    DECREF((Object *)f);
    return res;
}

Object *function_call(Object *func, Object *const *args, size_t nargs, Object *kwnames) {
    FunctionObject *fn = (FunctionObject *)func;
    CodeObject *co = (CodeObject *)fn->code;
    Frame *f = frame_new(co, fn->globals, fn->builtins, NULL);
    if (!f) return NULL;
    Object **fast = f->slots;
    if (!kwnames && nargs == (size_t)co->argcount && co->kwonlyargcount == 0 &&
        !(co->flags & (CO_VARARGS | CO_VARKEYWORDS))) {
        for (size_t i = 0; i < nargs; i++) fast[i] = NEWREF(args[i]);
    } else if (bind_args(fn, co, fast, args, nargs, kwnames) < 0) {
        DECREF((Object *)f);
        return NULL;
    }
    return run_new_frame(func, co, f);
}

Object *function_call_owned(Object *func, Object **args, size_t nargs) {
    FunctionObject *fn = (FunctionObject *)func;
    CodeObject *co = (CodeObject *)fn->code;
    Frame *f = frame_new(co, fn->globals, fn->builtins, NULL);
    if (!f) {
        for (size_t i = 0; i < nargs; i++) DECREF(args[i]);
        return NULL;
    }
    if (nargs != (size_t)co->argcount || co->kwonlyargcount != 0 ||
        (co->flags & (CO_VARARGS | CO_VARKEYWORDS))) {
        /* The binder copies (into *args, defaults...): drop the caller's
         * references before the body runs, so the callee sees the counts
         * CPython shows (sys.getrefcount inside `def f(*a)`). */
        int rc = bind_args(fn, co, f->slots, args, nargs, NULL);
        for (size_t i = 0; i < nargs; i++) DECREF(args[i]);
        if (rc < 0) {
            DECREF((Object *)f);
            return NULL;
        }
        return run_new_frame(func, co, f);
    }
    /* The usual one to three arguments by hand: a memcpy call costs more
     * than the copy. */
    Object **dst = f->slots;
    switch (nargs) {
    case 3: dst[2] = args[2]; __attribute__((fallthrough));
    case 2: dst[1] = args[1]; __attribute__((fallthrough));
    case 1: dst[0] = args[0]; __attribute__((fallthrough));
    case 0: break;
    default: memcpy(dst, args, nargs * sizeof(Object *));
    }
    return run_new_frame(func, co, f);
}

Object *eval_function_with_locals(Object *func, Object *locals) {
    FunctionObject *fn = (FunctionObject *)func;
    CodeObject *co = (CodeObject *)fn->code;
    Frame *f = frame_new(co, fn->globals, fn->builtins, locals);
    if (!f) return NULL;
    if (!(co->flags & CO_NOFREE) && init_cells(fn, co, f->slots) < 0) {
        DECREF((Object *)f);
        return NULL;
    }
    Object *res = eval_frame(f, NULL, 0);
    DECREF((Object *)f);
    return res;
}

Object *eval_call(Object *callable, Object *const *args, size_t nargs, Object *kwnames) {
    TypeObject *tp = OBJ_TYPE(callable);
    if (tp == &Function_Type) return function_call(callable, args, nargs, kwnames);
    if (tp == &Method_Type) {
        MethodObject *m = (MethodObject *)callable;
        size_t n = nargs + (kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0);
        Object *small[8];
        Object **buf = n + 1 <= 8 ? small : mem_alloc((n + 1) * sizeof(Object *));
        if (!buf) return NULL;
        buf[0] = m->self;
        if (n) memcpy(buf + 1, args, n * sizeof(Object *));
        Object *func = NEWREF(m->func);
        Object *res = eval_call(func, buf, nargs + 1, kwnames);
        DECREF(func);
        if (buf != small) mem_free(buf);
        return res;
    }
    if (tp->call) return tp->call(callable, args, nargs, kwnames);
    return obj_call(callable, args, nargs, kwnames);
}
