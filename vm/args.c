/* vm/args.c — parsing built-in functions' arguments (see vm/args.h). */
#include <string.h>

#include "vm/args.h"
#include "vm/abstract.h"
#include "vm/error.h"
#include "vm/objects/float.h"
#include "vm/objects/int.h"
#include "vm/objects/str.h"
#include "vm/objects/type.h"

#define MAX_PARAMS 32

typedef struct Param {
    char code;
    bool optional, kwonly;
} Param;

/* "f() argument 'name' must be str, not None" / "f() argument 2 must be ..." */
static void bad_argument(const char *fname, const char *kwname, int pos, const char *expected,
                         Object *v) {
    const char *got = v == None ? "None" : type_name(OBJ_TYPE(v));
    if (kwname && kwname[0])
        err_format(&Exc_TypeError, "%s() argument '%s' must be %s, not %s", fname, kwname,
                   expected, got);
    else
        err_format(&Exc_TypeError, "%s() argument %d must be %s, not %s", fname, pos, expected, got);
}

static int convert(char code, Object *v, void *out, const char *fname, int pos,
                   const char *kwname) {
    switch (code) {
    case 'O': *(Object **)out = v; return 0;
    case 'U':
        if (!str_check(v)) {
            bad_argument(fname, kwname, pos, "str", v);
            return -1;
        }
        *(Object **)out = v;
        return 0;
    case 'n': case 'i': {
        if (float_check(v)) {
            err_format(&Exc_TypeError, "'float' object cannot be interpreted as an integer");
            return -1;
        }
        intptr_t n = obj_as_ssize(v, &Exc_OverflowError);
        if (n == -1 && err_occurred()) return -1;
        if (code == 'n') *(intptr_t *)out = n;
        else {
            if (n > INT32_MAX || n < INT32_MIN) {
                err_format(&Exc_OverflowError, "signed integer is greater than maximum");
                return -1;
            }
            *(int *)out = (int)n;
        }
        return 0;
    }
    case 'd': {
        /* Like PyFloat_AsDouble: float, int, or __float__/__index__ — never str. */
        TypeObject *t = OBJ_TYPE(v);
        if (!float_check(v) && !int_check(v) && !t->nb_float && !t->nb_index) {
            err_format(&Exc_TypeError, "must be real number, not %T", v);
            return -1;
        }
        double d = float_as_double(v);
        if (d == -1.0 && err_occurred()) return -1;
        *(double *)out = d;
        return 0;
    }
    case 'p': {
        int t = obj_is_true(v);
        if (t < 0) return -1;
        *(int *)out = t;
        return 0;
    }
    case 's': case 'z':
        if (code == 'z' && v == None) { *(const char **)out = NULL; return 0; }
        if (!str_check(v)) {
            bad_argument(fname, kwname, pos, code == 'z' ? "str or None" : "str", v);
            return -1;
        }
        *(const char **)out = str_utf8(v);
        return 0;
    }
    err_format(&Exc_SystemError, "args_parse: bad format code '%c'", code);
    return -1;
}

int args_parse(Object *const *args, size_t nargs, Object *kwnames, const char *format,
               const char *const *kwlist, ...) {
    Param params[MAX_PARAMS];
    int np = 0, npos = 0, nrequired_pos = 0;
    bool optional = false, kwonly = false;
    const char *fname = "function";
    for (const char *f = format; *f; f++) {
        if (*f == '|') { optional = true; continue; }
        if (*f == '$') { kwonly = true; continue; }
        if (*f == ':') { fname = f + 1; break; }
        if (np == MAX_PARAMS) break;
        params[np].code = *f;
        params[np].optional = optional;
        params[np].kwonly = kwonly;
        if (!kwonly) { npos++; if (!optional) nrequired_pos++; }
        np++;
    }
    size_t nkw = args_nkw(kwnames);
    if (nkw && !kwlist) {
        err_format(&Exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    if ((int)nargs > npos) {
        if (np > npos)
            err_format(&Exc_TypeError, "%s() takes at most %d positional argument%s (%d given)",
                       fname, npos, npos == 1 ? "" : "s", (int)nargs);
        else if (npos == nrequired_pos)
            err_format(&Exc_TypeError, "%s() takes exactly %d argument%s (%d given)", fname, npos,
                       npos == 1 ? "" : "s", (int)nargs);
        else
            err_format(&Exc_TypeError, "%s() takes at most %d argument%s (%d given)", fname, npos,
                       npos == 1 ? "" : "s", (int)nargs);
        return -1;
    }
    /* Every keyword must name a parameter. */
    for (size_t k = 0; k < nkw; k++) {
        const char *kn = str_utf8(TUPLE_GET(kwnames, k));
        int found = -1;
        for (int i = 0; i < np; i++)
            if (kwlist[i] && kwlist[i][0] && strcmp(kwlist[i], kn) == 0) { found = i; break; }
        if (found < 0) {
            err_format(&Exc_TypeError, "'%s' is an invalid keyword argument for %s()", kn, fname);
            return -1;
        }
        if (found < (int)nargs) {
            err_format(&Exc_TypeError, "argument for %s() given by name ('%s') and position (%d)",
                       fname, kn, found + 1);
            return -1;
        }
    }
    va_list ap;
    va_start(ap, kwlist);
    int result = 0;
    for (int i = 0; i < np; i++) {
        void *out = va_arg(ap, void *);
        Object *v = NULL;
        if (i < (int)nargs) {
            v = args[i];
        } else if (nkw && kwlist[i] && kwlist[i][0]) {
            for (size_t k = 0; k < nkw; k++)
                if (str_eq_cstr(TUPLE_GET(kwnames, k), kwlist[i])) { v = args[nargs + k]; break; }
        }
        if (!v) {
            if (params[i].optional) continue;
            if (kwlist && kwlist[i] && kwlist[i][0])
                err_format(&Exc_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                           kwlist[i], i + 1);
            else
                err_format(&Exc_TypeError, "%s() takes %s %d argument%s (%d given)", fname,
                           npos == nrequired_pos ? "exactly" : "at least", nrequired_pos,
                           nrequired_pos == 1 ? "" : "s", (int)nargs);
            result = -1;
            break;
        }
        if (convert(params[i].code, v, out, fname, i + 1, kwlist ? kwlist[i] : NULL) < 0) {
            result = -1;
            break;
        }
    }
    va_end(ap);
    return result;
}

int args_no_kwargs(const char *fname, Object *kwnames) {
    if (args_nkw(kwnames) == 0) return 0;
    err_format(&Exc_TypeError, "%s() takes no keyword arguments", fname);
    return -1;
}

int args_count(const char *fname, size_t nargs, size_t min, size_t max) {
    if (nargs >= min && nargs <= max) return 0;
    if (min == max)
        err_format(&Exc_TypeError, "%s expected %zu argument%s, got %zu", fname, min,
                   min == 1 ? "" : "s", nargs);
    else if (nargs < min)
        err_format(&Exc_TypeError, "%s expected at least %zu argument%s, got %zu", fname, min,
                   min == 1 ? "" : "s", nargs);
    else
        err_format(&Exc_TypeError, "%s expected at most %zu argument%s, got %zu", fname, max,
                   max == 1 ? "" : "s", nargs);
    return -1;
}
