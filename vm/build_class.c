/* vm/build_class.c — builtins.__build_class__ and eval's type registration.
 *
 * A class statement compiles to __build_class__(body, name, *bases, **kw):
 * resolve __mro_entries__ (PEP 560), pick the most derived metaclass, let
 * it __prepare__ the namespace, run the body with that namespace as its
 * locals, then call metaclass(name, bases, namespace, **kw).  The body
 * returns the __class__ cell (or None); type.__new__ fills it, and we fill
 * it here too when a metaclass built the class some other way.
 */
#include <string.h>

#include "vm/eval.h"
#include "vm/frame.h"
#include "vm/traceback.h"
#include "vm/vm.h"

/* PEP 560: replace bases that are not classes by their __mro_entries__. */
static Object *resolve_bases(Object *bases) {
    Object *list = NULL;
    for (intptr_t i = 0; i < TUPLE_SIZE(bases); i++) {
        Object *b = TUPLE_GET(bases, i);
        if (type_check(b)) {
            if (list && list_append(list, b) < 0) goto fail;
            continue;
        }
        Object *meth = NULL;
        int r = obj_lookup_attr(b, id___mro_entries__, &meth);
        if (r < 0) goto fail;
        if (r == 0) {
            if (list && list_append(list, b) < 0) goto fail;
            continue;
        }
        Object *entries = obj_call1(meth, bases);
        DECREF(meth);
        if (!entries) goto fail;
        if (!tuple_check(entries)) {
            err_format(&Exc_TypeError, "__mro_entries__ must return a tuple");
            DECREF(entries);
            goto fail;
        }
        if (!list) {
            list = list_new(0);
            if (!list) {
                DECREF(entries);
                goto fail;
            }
            for (intptr_t j = 0; j < i; j++)
                if (list_append(list, TUPLE_GET(bases, j)) < 0) {
                    DECREF(entries);
                    goto fail;
                }
        }
        for (intptr_t j = 0; j < TUPLE_SIZE(entries); j++)
            if (list_append(list, TUPLE_GET(entries, j)) < 0) {
                DECREF(entries);
                goto fail;
            }
        DECREF(entries);
    }
    if (!list) return NEWREF(bases);
    Object *t = list_as_tuple(list);
    DECREF(list);
    return t;
fail:
    XDECREF(list);
    return NULL;
}

static TypeObject *calculate_metaclass(TypeObject *meta, Object *bases) {
    TypeObject *winner = meta;
    for (intptr_t i = 0; i < TUPLE_SIZE(bases); i++) {
        TypeObject *t = OBJ_TYPE(TUPLE_GET(bases, i));
        if (type_is_subtype(winner, t)) continue;
        if (type_is_subtype(t, winner)) {
            winner = t;
            continue;
        }
        err_format(&Exc_TypeError,
                   "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                   "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

Object *builtin___build_class__(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    if (nargs < 2) return err_format(&Exc_TypeError, "__build_class__: not enough arguments");
    Object *func = args[0], *name = args[1];
    if (!function_check(func))
        return err_format(&Exc_TypeError, "__build_class__: func must be a function");
    if (!str_check(name))
        return err_format(&Exc_TypeError, "__build_class__: name is not a string");

    /* keywords other than metaclass= go to __prepare__ and the metaclass */
    size_t nkw = kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
    Object *meta = NULL, *kwn = NULL, *ns = NULL, *cell = NULL, *cls = NULL, *bases = NULL;
    Object *kwv[nkw + 1];
    size_t nk = 0;
    Object *orig_bases = tuple_from_array(args + 2, nargs - 2);
    if (!orig_bases) return NULL;
    if (nkw) {
        kwn = tuple_new(nkw);
        if (!kwn) goto done;
        for (size_t i = 0; i < nkw; i++) {
            Object *k = TUPLE_GET(kwnames, i);
            if (str_eq_cstr(k, "metaclass")) {
                meta = args[nargs + i];
                continue;
            }
            TUPLE_ITEMS(kwn)[nk] = NEWREF(k);
            kwv[nk++] = args[nargs + i];
        }
        if (nk < nkw) { /* shrink: rebuild without the metaclass entry */
            Object *t = tuple_from_array(TUPLE_ITEMS(kwn), nk);
            for (size_t i = nk; i < nkw; i++) TUPLE_ITEMS(kwn)[i] = NEWREF(None);
            DECREF(kwn);
            kwn = t;
            if (!kwn) goto done;
        }
        if (nk == 0) CLEAR(kwn);
    }
    bases = resolve_bases(orig_bases);
    if (!bases) goto done;
    if (!meta) meta = TUPLE_SIZE(bases) ? (Object *)OBJ_TYPE(TUPLE_GET(bases, 0)) : (Object *)&Type_Type;
    INCREF(meta);
    if (type_check(meta)) {
        TypeObject *w = calculate_metaclass((TypeObject *)meta, bases);
        if (!w) goto done;
        SETREF(meta, NEWREF((Object *)w));
    }

    Object *prep = NULL;
    int r = obj_lookup_attr(meta, id___prepare__, &prep);
    if (r < 0) goto done;
    if (r > 0) {
        Object *pargs[2 + nk];
        pargs[0] = name;
        pargs[1] = bases;
        for (size_t i = 0; i < nk; i++) pargs[2 + i] = kwv[i];
        ns = eval_call(prep, pargs, 2, kwn);
        DECREF(prep);
        if (!ns) goto done;
        if (!dict_check(ns) && !OBJ_TYPE(ns)->getitem) {
            err_format(&Exc_TypeError, "%s.__prepare__() must return a mapping, not %T",
                       type_check(meta) ? type_name((TypeObject *)meta) : "<metaclass>", ns);
            goto done;
        }
    } else {
        ns = dict_new();
        if (!ns) goto done;
    }

    cell = eval_function_with_locals(func, ns);
    if (!cell) goto done;
    if (bases != orig_bases) {
        int e = dict_check(ns) ? dict_set_cstr(ns, "__orig_bases__", orig_bases)
                               : obj_setitem(ns, str_intern_cstr("__orig_bases__"), orig_bases);
        if (e < 0) goto done;
    }
    {
        Object *margs[3 + nk];
        margs[0] = name;
        margs[1] = bases;
        margs[2] = ns;
        for (size_t i = 0; i < nk; i++) margs[3 + i] = kwv[i];
        cls = eval_call(meta, margs, 3, kwn);
    }
    if (cls && type_check(cls) && cell_check(cell)) {
        CellObject *c = (CellObject *)cell;
        if (!c->ref) {
            c->ref = NEWREF(cls);
        } else if (c->ref != cls) {
            err_format(&Exc_TypeError, "__class__ set to %R defining %R as %R", c->ref, name, cls);
            CLEAR(cls);
        }
    }
done:
    XDECREF(cell);
    XDECREF(ns);
    XDECREF(meta);
    XDECREF(kwn);
    XDECREF(bases);
    DECREF(orig_bases);
    return cls;
}

void eval_init_types(void) {
    type_ready(&Function_Type);
    type_ready(&Cell_Type);
    type_ready(&Method_Type);
    type_ready(&Code_Type);
    type_ready(&Frame_Type);
    type_ready(&Generator_Type);
    type_ready(&Traceback_Type);
}
