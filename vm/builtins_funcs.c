/* vm/builtins_funcs.c — the builtins that are plain functions of their
 * arguments: len, abs, min/max, sum, sorted, iter/next, getattr, chr/ord ...
 * (vm/builtins.c has the ones that touch frames, streams and the module).
 *
 * Each is a thin layer over the protocols of vm/abstract.h, adding the
 * argument checks and CPython's messages; sum, min and max have fast paths
 * for small ints and floats.
 */
#include <string.h>

#include "vm/vm.h"
#include "vm/builtins_internal.h"
#include "vm/objects/text.h"
#include "vm/objects/typesys.h"

static int one_arg(const char *fname, size_t nargs, Object *kwnames) {
    if (args_no_kwargs(fname, kwnames) < 0) return -1;
    if (nargs != 1) {
        err_format(&Exc_TypeError, "%s() takes exactly one argument (%zu given)", fname, nargs);
        return -1;
    }
    return 0;
}

static Object *builtin_len(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("len", nargs, kwnames) < 0) return NULL;
    intptr_t n = obj_length(args[0]);
    return n < 0 ? NULL : int_from_ssize(n);
}

static Object *builtin_repr(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("repr", nargs, kwnames) < 0) return NULL;
    return obj_repr(args[0]);
}

static Object *builtin_ascii(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("ascii", nargs, kwnames) < 0) return NULL;
    return obj_ascii(args[0]);
}

static Object *builtin_abs(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("abs", nargs, kwnames) < 0) return NULL;
    return obj_abs(args[0]);
}

static Object *builtin_callable(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    if (one_arg("callable", nargs, kwnames) < 0) return NULL;
    return bool_from(obj_callable(args[0]));
}

static Object *builtin_id(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("id", nargs, kwnames) < 0) return NULL;
    /* A small int's tagged pointer is as stable an identity as an address. */
    return int_from_ulong((uintptr_t)args[0]);
}

static Object *builtin_hash(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("hash", nargs, kwnames) < 0) return NULL;
    int64_t h = obj_hash(args[0]);
    return h == -1 ? NULL : int_from_long(h);
}

/* round(number, ndigits=None) */
static Object *builtin_round(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"number", "ndigits", NULL};
    Object *number, *ndigits = None;
    if (args_parse(args, nargs, kwnames, "O|O:round", kwlist, &number, &ndigits) < 0)
        return NULL;
    if (ndigits == None && int_check_exact(number)) return NEWREF(number);
    int found;
    Object *r = call_special(number, id___round__, &ndigits, ndigits == None ? 0 : 1, &found);
    if (!r && !found && !err_occurred())
        return err_format(&Exc_TypeError, "type %s doesn't define __round__ method",
                          type_name(OBJ_TYPE(number)));
    return r;
}

static Object *builtin_divmod(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    if (args_no_kwargs("divmod", kwnames) < 0) return NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "divmod expected 2 arguments, got %zu", nargs);
    return obj_divmod(args[0], args[1]);
}

/* pow(base, exp, mod=None) */
static Object *builtin_pow(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"base", "exp", "mod", NULL};
    Object *base, *exp, *mod = None;
    if (args_parse(args, nargs, kwnames, "OO|O:pow", kwlist, &base, &exp, &mod) < 0)
        return NULL;
    return obj_power(base, exp, mod);
}

/* ---- min / max ------------------------------------------------------------ */
static Object *min_max(Object *const *args, size_t nargs, Object *kwnames, int op,
                       const char *name) {
    Object *key = NULL, *dflt = NULL;
    size_t nkw = args_nkw(kwnames);
    for (size_t i = 0; i < nkw; i++) {
        Object *k = TUPLE_GET(kwnames, i);
        if (str_eq_cstr(k, "key")) key = args[nargs + i];
        else if (str_eq_cstr(k, "default")) dflt = args[nargs + i];
        else
            return err_format(&Exc_TypeError, "%R is an invalid keyword argument for %s()", k,
                              name);
    }
    if (key == None) key = NULL;
    if (nargs == 0)
        return err_format(&Exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && dflt)
        return err_format(&Exc_TypeError,
                          "Cannot specify a default for %s() with multiple positional arguments",
                          name);
    Object *it = nargs == 1 ? obj_get_iter(args[0]) : NULL;
    if (nargs == 1 && !it) return NULL;
    Object *best = NULL, *bestkey = NULL;
    size_t idx = 0;
    for (;;) {
        Object *item;
        if (it) {
            item = obj_iter_next(it);
            if (!item) {
                if (err_occurred()) goto fail;
                break;
            }
        } else {
            if (idx == nargs) break;
            item = NEWREF(args[idx++]);
        }
        Object *k;
        if (key) {
            k = obj_call1(key, item);
            if (!k) {
                DECREF(item);
                goto fail;
            }
        } else {
            k = NEWREF(item);
        }
        if (!best) {
            best = item;
            bestkey = k;
            continue;
        }
        int better;
        if (IS_SMALLINT(k) && IS_SMALLINT(bestkey))
            better = op == CMP_LT ? SMALLINT_VALUE(k) < SMALLINT_VALUE(bestkey)
                                  : SMALLINT_VALUE(k) > SMALLINT_VALUE(bestkey);
        else
            better = obj_richcompare_bool(k, bestkey, op);
        if (better < 0) {
            DECREF(item);
            DECREF(k);
            goto fail;
        }
        if (better) {
            SETREF(best, item);
            SETREF(bestkey, k);
        } else {
            DECREF(item);
            DECREF(k);
        }
    }
    XDECREF(it);
    XDECREF(bestkey);
    if (!best) {
        if (dflt) return NEWREF(dflt);
        return err_format(&Exc_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
fail:
    XDECREF(it);
    XDECREF(best);
    XDECREF(bestkey);
    return NULL;
}

static Object *builtin_min(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return min_max(args, nargs, kwnames, CMP_LT, "min");
}

static Object *builtin_max(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return min_max(args, nargs, kwnames, CMP_GT, "max");
}

/* ---- sum -------------------------------------------------------------------- */
/* sum(iterable, /, start=0).  Runs of small ints add in a C integer and runs
 * of floats in a double, materialising a result object only when the kind
 * of item changes (or a C addition would overflow). */
static Object *builtin_sum(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"", "start", NULL};
    Object *iterable, *start = MAKE_SMALLINT(0);
    if (args_parse(args, nargs, kwnames, "O|O:sum", kwlist, &iterable, &start) < 0)
        return NULL;
    if (str_check(start))
        return err_format(&Exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (bytes_check(start))
        return err_format(&Exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    if (bytearray_check(start))
        return err_format(&Exc_TypeError,
                          "sum() can't sum bytearray [use b''.join(seq) instead]");
    Object *it = obj_get_iter(iterable);
    if (!it) return NULL;
    Object *result = NEWREF(start);
    Object *item;
    while ((item = obj_iter_next(it))) {
        if (IS_SMALLINT(result) && IS_SMALLINT(item)) {
            intptr_t s;
            if (!__builtin_add_overflow(SMALLINT_VALUE(result), SMALLINT_VALUE(item), &s) &&
                SMALLINT_FITS(s)) {
                result = MAKE_SMALLINT(s);
                continue;
            }
        }
        if (!IS_SMALLINT(result) && result->type == &Float_Type &&
            (IS_SMALLINT(item) || item->type == &Float_Type)) {
            /* A run of floats: accumulate in a double. */
            double acc = FLOAT_VALUE(result);
            for (;;) {
                if (IS_SMALLINT(item)) acc += (double)SMALLINT_VALUE(item);
                else if (item->type == &Float_Type) acc += FLOAT_VALUE(item);
                else break;
                DECREF(item);
                item = obj_iter_next(it);
                if (!item) break;
            }
            Object *f = float_from_double(acc);
            if (!f) {
                XDECREF(item);
                goto fail;
            }
            SETREF(result, f);
            if (!item) {
                if (err_occurred()) goto fail;
                break;
            }
        }
        Object *r = obj_binary_op(result, item, BINOP_ADD);
        DECREF(item);
        if (!r) goto fail;
        SETREF(result, r);
    }
    if (err_occurred()) goto fail;
    DECREF(it);
    return result;
fail:
    DECREF(it);
    DECREF(result);
    return NULL;
}

static Object *builtin_any(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("any", nargs, kwnames) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Object *item;
    while ((item = obj_iter_next(it))) {
        int t = obj_is_true(item);
        DECREF(item);
        if (t != 0) {
            DECREF(it);
            return t < 0 ? NULL : bool_from(1);
        }
    }
    DECREF(it);
    return err_occurred() ? NULL : bool_from(0);
}

static Object *builtin_all(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("all", nargs, kwnames) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Object *item;
    while ((item = obj_iter_next(it))) {
        int t = obj_is_true(item);
        DECREF(item);
        if (t <= 0) {
            DECREF(it);
            return t < 0 ? NULL : bool_from(0);
        }
    }
    DECREF(it);
    return err_occurred() ? NULL : bool_from(1);
}

/* sorted(iterable, /, *, key=None, reverse=False) */
static Object *builtin_sorted(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    if (nargs != 1)
        return err_format(&Exc_TypeError, "sorted expected 1 argument, got %zu", nargs);
    /* As CPython: the list is built first and the keywords are list.sort()'s
     * (so their errors name sort() and reverse must be an integer). */
    static const char *kwlist[] = {"key", "reverse", NULL};
    Object *key = None;
    int reverse = 0;
    Object *list = list_from_iterable(args[0]);
    if (!list) return NULL;
    if (args_parse(args + 1, 0, kwnames, "|$Oi:sort", kwlist, &key, &reverse) < 0 ||
        list_sort(list, key, reverse != 0) < 0) {
        DECREF(list);
        return NULL;
    }
    return list;
}

/* iter(object[, sentinel]) */
static Object *builtin_iter(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("iter", kwnames) < 0) return NULL;
    if (nargs == 1) return obj_get_iter(args[0]);
    if (nargs == 2) {
        if (!obj_callable(args[0]))
            return err_format(&Exc_TypeError, "iter(v, w): v must be callable");
        return calliter_new(args[0], args[1]);
    }
    if (nargs == 0) return err_format(&Exc_TypeError, "iter expected at least 1 argument, got 0");
    return err_format(&Exc_TypeError, "iter expected at most 2 arguments, got %zu", nargs);
}

/* next(iterator[, default]) */
static Object *builtin_next(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("next", kwnames) < 0) return NULL;
    if (nargs == 0 || nargs > 2)
        return err_format(&Exc_TypeError, nargs ? "next expected at most 2 arguments, got %zu"
                                                : "next expected at least 1 argument, got %zu",
                          nargs);
    Object *it = args[0];
    unaryfunc next = OBJ_TYPE(it)->iternext;
    if (!next) return err_format(&Exc_TypeError, "'%s' object is not an iterator",
                                 type_name(OBJ_TYPE(it)));
    Object *r = next(it);
    if (r) return r;
    if (err_occurred()) {
        if (nargs == 2 && err_matches(&Exc_StopIteration)) {
            err_clear();
            return NEWREF(args[1]);
        }
        return NULL;
    }
    if (nargs == 2) return NEWREF(args[1]);
    err_set_none(&Exc_StopIteration);
    return NULL;
}

static Object *builtin_isinstance(Object *self, Object *const *args, size_t nargs,
                                  Object *kwnames) {
    if (args_no_kwargs("isinstance", kwnames) < 0) return NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "isinstance expected 2 arguments, got %zu", nargs);
    int r = obj_isinstance(args[0], args[1]);
    return r < 0 ? NULL : bool_from(r);
}

static Object *builtin_issubclass(Object *self, Object *const *args, size_t nargs,
                                  Object *kwnames) {
    if (args_no_kwargs("issubclass", kwnames) < 0) return NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "issubclass expected 2 arguments, got %zu", nargs);
    int r = obj_issubclass(args[0], args[1]);
    return r < 0 ? NULL : bool_from(r);
}

/* ---- attributes ------------------------------------------------------------- */
static int check_attr_name(Object *name) {
    if (!str_check(name)) {
        err_format(&Exc_TypeError, "attribute name must be string, not '%s'",
                   type_name(OBJ_TYPE(name)));
        return -1;
    }
    return 0;
}

static Object *builtin_getattr(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_no_kwargs("getattr", kwnames) < 0) return NULL;
    if (nargs < 2 || nargs > 3)
        return err_format(&Exc_TypeError, nargs < 2 ? "getattr expected at least 2 arguments, got %zu"
                                                    : "getattr expected at most 3 arguments, got %zu",
                          nargs);
    if (check_attr_name(args[1]) < 0) return NULL;
    if (nargs == 2) return obj_getattr(args[0], args[1]);
    Object *v;
    int r = obj_lookup_attr(args[0], args[1], &v);
    if (r < 0) return NULL;
    return r ? v : NEWREF(args[2]);
}

static Object *builtin_hasattr(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_no_kwargs("hasattr", kwnames) < 0) return NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "hasattr expected 2 arguments, got %zu", nargs);
    if (check_attr_name(args[1]) < 0) return NULL;
    Object *v;
    int r = obj_lookup_attr(args[0], args[1], &v);
    if (r < 0) return NULL;
    if (r) DECREF(v);
    return bool_from(r);
}

static Object *builtin_setattr(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_no_kwargs("setattr", kwnames) < 0) return NULL;
    if (nargs != 3)
        return err_format(&Exc_TypeError, "setattr expected 3 arguments, got %zu", nargs);
    if (check_attr_name(args[1]) < 0) return NULL;
    if (obj_setattr(args[0], args[1], args[2]) < 0) return NULL;
    return none_new();
}

static Object *builtin_delattr(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_no_kwargs("delattr", kwnames) < 0) return NULL;
    if (nargs != 2)
        return err_format(&Exc_TypeError, "delattr expected 2 arguments, got %zu", nargs);
    if (check_attr_name(args[1]) < 0) return NULL;
    if (obj_setattr(args[0], args[1], NULL) < 0) return NULL;
    return none_new();
}

/* ---- characters and numbers as text -------------------------------------------- */
static Object *builtin_chr(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("chr", nargs, kwnames) < 0) return NULL;
    if (float_check(args[0]))
        return err_format(&Exc_TypeError, "'float' object cannot be interpreted as an integer");
    Object *i = obj_index(args[0]);
    if (!i) return NULL;
    long long v = int_as_long(i);
    DECREF(i);
    if (v == -1 && err_occurred()) {
        if (err_matches(&Exc_OverflowError)) {
            err_clear();
            err_format(&Exc_OverflowError, "Python int too large to convert to C int");
        }
        return NULL;
    }
    if (v < 0 || v > 0x10FFFF) return err_format(&Exc_ValueError, "chr() arg not in range(0x110000)");
    return str_chr((long)v);
}

static Object *builtin_ord(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (one_arg("ord", nargs, kwnames) < 0) return NULL;
    Object *c = args[0];
    intptr_t len;
    if (str_check(c)) {
        len = STR_LENGTH(c);
        if (len == 1) return int_from_long(str_char_at(c, 0));
    } else if (bytes_check(c) || bytearray_check(c)) {
        const char *data;
        if (bytes_like_buffer(c, &data, &len) < 0) return NULL;
        if (len == 1) return int_from_long((unsigned char)data[0]);
    } else {
        return err_format(&Exc_TypeError, "ord() expected string of length 1, but %s found",
                          type_name(OBJ_TYPE(c)));
    }
    return err_format(&Exc_TypeError,
                      "ord() expected a character, but string of length %zd found", len);
}

static Object *int_text(const char *fname, Object *const *args, size_t nargs, Object *kwnames,
                        int base) {
    if (one_arg(fname, nargs, kwnames) < 0) return NULL;
    Object *i = obj_index(args[0]);
    if (!i) return NULL;
    Object *r = int_to_string(i, base);
    DECREF(i);
    return r;
}

static Object *builtin_hex(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return int_text("hex", args, nargs, kwnames, 16);
}
static Object *builtin_oct(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return int_text("oct", args, nargs, kwnames, 8);
}
static Object *builtin_bin(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return int_text("bin", args, nargs, kwnames, 2);
}

/* format(value, format_spec='') */
static Object *builtin_format(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    static const char *kwlist[] = {"", "", NULL};
    Object *value, *spec = NULL;
    if (args_parse(args, nargs, kwnames, "O|O:format", kwlist, &value, &spec) < 0) return NULL;
    if (spec && !str_check(spec))
        return err_format(&Exc_TypeError, "format() argument 2 must be str, not %T", spec);
    return obj_format(value, spec);
}

MethodDef builtin_func_defs[] = {
    {"len", builtin_len, 0, "Return the number of items in a container."},
    {"repr", builtin_repr, 0, NULL},
    {"ascii", builtin_ascii, 0, NULL},
    {"abs", builtin_abs, 0, NULL},
    {"callable", builtin_callable, 0, NULL},
    {"id", builtin_id, 0, NULL},
    {"hash", builtin_hash, 0, NULL},
    {"round", builtin_round, METH_KW, NULL},
    {"divmod", builtin_divmod, 0, NULL},
    {"pow", builtin_pow, METH_KW, NULL},
    {"min", builtin_min, METH_KW, NULL},
    {"max", builtin_max, METH_KW, NULL},
    {"sum", builtin_sum, METH_KW, NULL},
    {"any", builtin_any, 0, NULL},
    {"all", builtin_all, 0, NULL},
    {"sorted", builtin_sorted, METH_KW, NULL},
    {"iter", builtin_iter, 0, NULL},
    {"next", builtin_next, 0, NULL},
    {"isinstance", builtin_isinstance, 0, NULL},
    {"issubclass", builtin_issubclass, 0, NULL},
    {"getattr", builtin_getattr, 0, NULL},
    {"hasattr", builtin_hasattr, 0, NULL},
    {"setattr", builtin_setattr, 0, NULL},
    {"delattr", builtin_delattr, 0, NULL},
    {"chr", builtin_chr, 0, NULL},
    {"ord", builtin_ord, 0, NULL},
    {"hex", builtin_hex, 0, NULL},
    {"oct", builtin_oct, 0, NULL},
    {"bin", builtin_bin, 0, NULL},
    {"format", builtin_format, 0, NULL},
    {NULL, NULL, 0, NULL},
};
