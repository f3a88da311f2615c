/* stdlib/math.c — the math module.
 *
 * Thin wrappers over the C library with CPython's error mapping: a NaN
 * result from a non-NaN argument is "math domain error" (ValueError), an
 * infinite result from finite arguments is "math range error"
 * (OverflowError) or a domain error at poles.  Integer functions
 * (factorial, gcd, comb, isqrt ...) use GMP.  fsum and hypot are computed
 * exactly with big integers and rounded once, so they are correctly
 * rounded.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/objects/numeric.h"
#include "vm/objects/typesys.h"
#include "stdlib/numbers.h"

typedef double (*MathFunc)(double);

static Object *domain_error(void) { return err_format(&Exc_ValueError, "math domain error"); }
static Object *range_error(void) { return err_format(&Exc_OverflowError, "math range error"); }

/* Arity check of the one-argument functions, with CPython's wording. */
static int check_one(const char *name, size_t nargs) {
    if (nargs == 1) return 0;
    err_format(&Exc_TypeError, "math.%s() takes exactly one argument (%zu given)", name, nargs);
    return -1;
}

/* The one double argument of a math function (TypeError for non-numbers). */
static int get_double(Object *o, double *out) {
    if (float_check(o)) {
        *out = FLOAT_VALUE(o);
        return 0;
    }
    *out = float_as_double(o);
    return (*out == -1.0 && err_occurred()) ? -1 : 0;
}

static Object *one_arg(Object *const *args, size_t nargs, const char *name, double *x) {
    if (check_one(name, nargs) < 0) return NULL;
    if (get_double(args[0], x) < 0) return NULL;
    return None; /* borrowed marker: success */
}

/* f(x) with CPython's checks; `overflows` says an infinite result from a
 * finite argument is a range error (exp) rather than a pole (log(0)). */
static Object *apply1(Object *const *args, size_t nargs, const char *name, MathFunc f,
                      bool overflows) {
    double x;
    if (!one_arg(args, nargs, name, &x)) return NULL;
    errno = 0;
    double r = f(x);
    if (isnan(r) && !isnan(x)) return domain_error();
    if (isinf(r) && isfinite(x)) return overflows ? range_error() : domain_error();
    return float_from_double(r);
}

#define MATH_FUNC1(pyname, cfunc, overflows)                                               \
    static Object *math_##pyname(Object *m, Object *const *args, size_t nargs, Object *k) { \
        return apply1(args, nargs, #pyname, cfunc, overflows);                             \
    }

MATH_FUNC1(sqrt, sqrt, false)
MATH_FUNC1(exp, exp, true)
MATH_FUNC1(exp2, exp2, true)
MATH_FUNC1(expm1, expm1, true)
MATH_FUNC1(log1p, log1p, false)
MATH_FUNC1(sin, sin, false)
MATH_FUNC1(cos, cos, false)
MATH_FUNC1(tan, tan, false)
MATH_FUNC1(asin, asin, false)
MATH_FUNC1(acos, acos, false)
MATH_FUNC1(atan, atan, false)
MATH_FUNC1(sinh, sinh, true)
MATH_FUNC1(cosh, cosh, true)
MATH_FUNC1(tanh, tanh, false)
MATH_FUNC1(asinh, asinh, false)
MATH_FUNC1(acosh, acosh, false)
MATH_FUNC1(atanh, atanh, false)
MATH_FUNC1(fabs, fabs, false)
MATH_FUNC1(erf, erf, false)
MATH_FUNC1(erfc, erfc, false)
MATH_FUNC1(cbrt, cbrt, false)

static bool is_nonpositive_integer(double x) { return x <= 0 && floor(x) == x; }

static Object *math_gamma(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "gamma", &x)) return NULL;
    if (is_nonpositive_integer(x) || x == -INFINITY) return domain_error();
    double r = tgamma(x);
    if (isinf(r) && isfinite(x)) return range_error();
    return float_from_double(r);
}

static Object *math_lgamma(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "lgamma", &x)) return NULL;
    if (is_nonpositive_integer(x)) return domain_error();
    double r = lgamma(x);
    if (isinf(r) && isfinite(x)) return range_error();
    return float_from_double(r);
}

/* ---- logarithms (ints of any size) ---------------------------------------------- */

/* f(x) for a float or an int too large for a double (via x = m * 2**e). */
static int log_of(Object *o, MathFunc f, double *out) {
    if (int_check(o)) {
        if (int_sign(o) <= 0) {
            domain_error();
            return -1;
        }
        double d = int_as_double(o);
        if (d == -1.0 && err_occurred()) {
            if (!err_matches(&Exc_OverflowError)) return -1;
            err_clear();
            IntView v;
            mpz_srcptr z = int_view(o, &v);
            long bits = (long)mpz_sizeinbase(z, 2);
            double mant;
            mpz_scaled_to_double(z, -bits, false, &mant); /* in [0.5, 1] */
            *out = f(mant) + f(2.0) * (double)bits;
            return 0;
        }
        *out = f(d);
        return 0;
    }
    double x;
    if (get_double(o, &x) < 0) return -1;
    if (isnan(x) || x == INFINITY) {
        *out = x;
        return 0;
    }
    if (x <= 0) {
        domain_error();
        return -1;
    }
    *out = f(x);
    return 0;
}

static Object *log_func(Object *const *args, size_t nargs, const char *name, MathFunc f) {
    if (check_one(name, nargs) < 0) return NULL;
    double r;
    if (log_of(args[0], f, &r) < 0) return NULL;
    return float_from_double(r);
}

static Object *math_log(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (nargs < 1 || nargs > 2)
        return err_format(&Exc_TypeError, "math.log requires 1 to 2 arguments");
    double num, den;
    if (log_of(args[0], log, &num) < 0) return NULL;
    if (nargs == 1) return float_from_double(num);
    if (log_of(args[1], log, &den) < 0) return NULL;
    if (den == 0.0) return err_format(&Exc_ZeroDivisionError, "float division by zero");
    return float_from_double(num / den);
}

static Object *math_log2(Object *m, Object *const *args, size_t nargs, Object *k) {
    return log_func(args, nargs, "log2", log2);
}

static Object *math_log10(Object *m, Object *const *args, size_t nargs, Object *k) {
    return log_func(args, nargs, "log10", log10);
}

/* ---- two-argument float functions -------------------------------------------------- */

static int two_doubles(Object *const *args, size_t nargs, const char *name, double *x, double *y) {
    if (args_count(name, nargs, 2, 2) < 0) return -1;
    if (get_double(args[0], x) < 0 || get_double(args[1], y) < 0) return -1;
    return 0;
}

static Object *math_pow(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x, y;
    if (two_doubles(args, nargs, "pow", &x, &y) < 0) return NULL;
    if (isfinite(x) && isfinite(y)) {
        if (x == 0.0 && y < 0.0) return domain_error();
        if (x < 0.0 && y != floor(y)) return domain_error();
        double r = pow(x, y);
        if (isinf(r)) return range_error();
        return float_from_double(r);
    }
    /* the special values follow C99 Annex F, as pow() implements it */
    return float_from_double(pow(x, y));
}

static Object *math_atan2(Object *m, Object *const *args, size_t nargs, Object *k) {
    double y, x;
    if (two_doubles(args, nargs, "atan2", &y, &x) < 0) return NULL;
    return float_from_double(atan2(y, x));
}

static Object *math_copysign(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x, y;
    if (two_doubles(args, nargs, "copysign", &x, &y) < 0) return NULL;
    return float_from_double(copysign(x, y));
}

static Object *math_fmod(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x, y;
    if (two_doubles(args, nargs, "fmod", &x, &y) < 0) return NULL;
    if (isinf(y) && isfinite(x)) return float_from_double(x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error();
    return float_from_double(r);
}

static Object *math_remainder(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x, y;
    if (two_doubles(args, nargs, "remainder", &x, &y) < 0) return NULL;
    double r = remainder(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error();
    return float_from_double(r);
}

static Object *math_nextafter(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x, y;
    if (two_doubles(args, nargs, "nextafter", &x, &y) < 0) return NULL;
    return float_from_double(nextafter(x, y));
}

static Object *math_ulp(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "ulp", &x)) return NULL;
    if (isnan(x)) return float_from_double(x);
    x = fabs(x);
    if (isinf(x)) return float_from_double(x);
    double up = nextafter(x, INFINITY);
    if (isinf(up)) return float_from_double(x - nextafter(x, 0.0));
    return float_from_double(up - x);
}

static Object *math_ldexp(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (args_count("ldexp", nargs, 2, 2) < 0) return NULL;
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    if (float_check(args[1]))
        return err_format(&Exc_TypeError, "Expected an int as second argument to ldexp.");
    Object *e = obj_index(args[1]);
    if (!e) return NULL;
    long exp;
    IntView view;
    mpz_srcptr z = int_view(e, &view);
    if (mpz_fits_slong_p(z)) exp = mpz_get_si(z);
    else exp = mpz_sgn(z) > 0 ? 100000 : -100000; /* far past any double's range */
    DECREF(e);
    if (exp > 100000) exp = 100000;
    if (exp < -100000) exp = -100000;
    if (x == 0.0 || !isfinite(x)) return float_from_double(x);
    double r = ldexp(x, (int)exp);
    if (isinf(r)) return range_error();
    return float_from_double(r);
}

static Object *math_frexp(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "frexp", &x)) return NULL;
    int e = 0;
    double mant = (isnan(x) || isinf(x) || x == 0.0) ? x : frexp(x, &e);
    Object *a = float_from_double(mant);
    if (!a) return NULL;
    Object *t = tuple_pack(2, a, MAKE_SMALLINT(e));
    DECREF(a);
    return t;
}

static Object *math_modf(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x, ip, fp;
    if (!one_arg(args, nargs, "modf", &x)) return NULL;
    if (isinf(x)) {
        ip = x;
        fp = copysign(0.0, x);
    } else {
        fp = modf(x, &ip);
    }
    Object *a = float_from_double(fp), *b = float_from_double(ip);
    Object *t = (a && b) ? tuple_pack(2, a, b) : NULL;
    XDECREF(a);
    XDECREF(b);
    return t;
}

static Object *math_degrees(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "degrees", &x)) return NULL;
    return float_from_double(x * (180.0 / M_PI));
}

static Object *math_radians(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "radians", &x)) return NULL;
    return float_from_double(x * (M_PI / 180.0));
}

/* ---- predicates -------------------------------------------------------------------- */

static Object *math_isnan(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "isnan", &x)) return NULL;
    return bool_from(isnan(x));
}

static Object *math_isinf(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "isinf", &x)) return NULL;
    return bool_from(isinf(x));
}

static Object *math_isfinite(Object *m, Object *const *args, size_t nargs, Object *k) {
    double x;
    if (!one_arg(args, nargs, "isfinite", &x)) return NULL;
    return bool_from(isfinite(x));
}

static Object *math_isclose(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"a", "b", "rel_tol", "abs_tol", NULL};
    double a, b, rel_tol = 1e-9, abs_tol = 0.0;
    if (args_parse(args, nargs, kwnames, "dd|$dd:isclose", kwlist, &a, &b, &rel_tol, &abs_tol) < 0)
        return NULL;
    if (rel_tol < 0.0 || abs_tol < 0.0)
        return err_format(&Exc_ValueError, "tolerances must be non-negative");
    if (a == b) return bool_from(1);
    if (isinf(a) || isinf(b)) return bool_from(0);
    double diff = fabs(b - a);
    return bool_from(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol);
}

/* ---- rounding to int ------------------------------------------------------------------ */

/* math.floor/ceil: the type's __floor__/__ceil__ if any, else via float. */
static Object *round_to_int(Object *x, Object *dunder, double (*f)(double)) {
    if (float_check(x) && x->type == &Float_Type) return int_from_double(f(FLOAT_VALUE(x)));
    if (int_check_exact(x)) return NEWREF(x);
    Object *meth = type_lookup(OBJ_TYPE(x), dunder);
    if (meth) return call_unbound(meth, x, NULL, 0, NULL);
    double d;
    if (get_double(x, &d) < 0) return NULL;
    return int_from_double(f(d));
}

static Object *math_floor(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (check_one("floor", nargs) < 0) return NULL;
    return round_to_int(args[0], id___floor__, floor);
}

static Object *math_ceil(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (check_one("ceil", nargs) < 0) return NULL;
    return round_to_int(args[0], id___ceil__, ceil);
}

static Object *math_trunc(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (check_one("trunc", nargs) < 0) return NULL;
    Object *x = args[0];
    if (float_check(x) && x->type == &Float_Type) return int_from_double(FLOAT_VALUE(x));
    Object *meth = type_lookup(OBJ_TYPE(x), id___trunc__);
    if (!meth)
        return err_format(&Exc_TypeError, "type %s doesn't define __trunc__ method",
                          type_name(OBJ_TYPE(x)));
    return call_unbound(meth, x, NULL, 0, NULL);
}

/* ---- integer functions ------------------------------------------------------------------ */

static Object *math_factorial(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (check_one("factorial", nargs) < 0) return NULL;
    Object *n = obj_index(args[0]);
    if (!n) return NULL;
    if (int_sign(n) < 0) {
        DECREF(n);
        return err_format(&Exc_ValueError, "factorial() not defined for negative values");
    }
    IntView view;
    mpz_srcptr z = int_view(n, &view);
    if (!mpz_fits_slong_p(z)) {
        DECREF(n);
        return err_format(&Exc_OverflowError,
                          "factorial() argument should not exceed %ld", (long)INTPTR_MAX);
    }
    long v = mpz_get_si(z);
    DECREF(n);
    if (v > 100000000) return err_no_memory(); /* would take GMP far too long */
    mpz_t r;
    mpz_init(r);
    mpz_fac_ui(r, (unsigned long)v);
    return int_from_mpz_move(r);
}

typedef void (*MpzCombine)(mpz_ptr, mpz_srcptr, mpz_srcptr);

static Object *fold_ints(Object *const *args, size_t nargs, unsigned long start, MpzCombine f) {
    mpz_t acc;
    mpz_init_set_ui(acc, start);
    for (size_t i = 0; i < nargs; i++) {
        Object *v = obj_index(args[i]);
        if (!v) {
            mpz_clear(acc);
            return NULL;
        }
        IntView view;
        f(acc, acc, int_view(v, &view));
        DECREF(v);
    }
    mpz_abs(acc, acc);
    return int_from_mpz_move(acc);
}

static Object *math_gcd(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (nargs == 1) {
        Object *v = obj_index(args[0]);
        if (!v) return NULL;
        Object *r = obj_abs(v);
        DECREF(v);
        return r;
    }
    return fold_ints(args, nargs, 0, mpz_gcd);
}

static Object *math_lcm(Object *m, Object *const *args, size_t nargs, Object *k) {
    return fold_ints(args, nargs, 1, mpz_lcm);
}

static Object *math_isqrt(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (check_one("isqrt", nargs) < 0) return NULL;
    Object *n = obj_index(args[0]);
    if (!n) return NULL;
    if (int_sign(n) < 0) {
        DECREF(n);
        return err_format(&Exc_ValueError, "isqrt() argument must be nonnegative");
    }
    IntView v;
    mpz_t r;
    mpz_init(r);
    mpz_sqrt(r, int_view(n, &v));
    DECREF(n);
    return int_from_mpz_move(r);
}

/* n and k of comb/perm as exact non-negative ints (new refs in *n, *k). */
static int get_n_k(Object *a, Object *b, Object **n, Object **k) {
    *n = obj_index(a);
    if (!*n) return -1;
    *k = b ? obj_index(b) : NEWREF(*n);
    if (!*k) {
        DECREF(*n);
        return -1;
    }
    const char *bad = int_sign(*n) < 0 ? "n" : int_sign(*k) < 0 ? "k" : NULL;
    if (bad) {
        err_format(&Exc_ValueError, "%s must be a non-negative integer", bad);
        DECREF(*n);
        DECREF(*k);
        return -1;
    }
    return 0;
}

/* comb (perm = false) or perm of exact non-negative ints. */
static Object *comb_perm(Object *no, Object *ko, bool perm) {
    IntView vn, vk;
    mpz_srcptr n = int_view(no, &vn), k = int_view(ko, &vk);
    if (mpz_cmp(k, n) > 0) return MAKE_SMALLINT(0);
    mpz_t kk;
    mpz_init(kk);
    mpz_sub(kk, n, k);
    if (!perm && mpz_cmp(kk, k) > 0) mpz_set(kk, k); /* C(n, k) == C(n, n-k) */
    else if (perm) mpz_set(kk, k);
    if (!mpz_fits_ulong_p(kk) || mpz_get_ui(kk) > 100000000) {
        mpz_clear(kk);
        return err_format(&Exc_OverflowError, "min(n - k, k) must not exceed %ld", (long)INTPTR_MAX);
    }
    unsigned long kv = mpz_get_ui(kk);
    mpz_t r;
    mpz_init(r);
    if (perm) { /* n * (n-1) * ... * (n-k+1) */
        mpz_set_ui(r, 1);
        mpz_set(kk, n);
        for (unsigned long i = 0; i < kv; i++) {
            mpz_mul(r, r, kk);
            mpz_sub_ui(kk, kk, 1);
        }
    } else {
        if (mpz_fits_ulong_p(n)) {
            mpz_bin_uiui(r, mpz_get_ui(n), kv);
        } else {
            mpz_bin_ui(r, n, kv);
        }
    }
    mpz_clear(kk);
    return int_from_mpz_move(r);
}

static Object *math_comb(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (args_count("comb", nargs, 2, 2) < 0) return NULL;
    Object *n, *kk;
    if (get_n_k(args[0], args[1], &n, &kk) < 0) return NULL;
    Object *r = comb_perm(n, kk, false);
    DECREF(n);
    DECREF(kk);
    return r;
}

static Object *math_perm(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (args_count("perm", nargs, 1, 2) < 0) return NULL;
    Object *n, *kk;
    if (get_n_k(args[0], nargs > 1 && args[1] != None ? args[1] : NULL, &n, &kk) < 0) return NULL;
    Object *r = comb_perm(n, kk, true);
    DECREF(n);
    DECREF(kk);
    return r;
}

static Object *math_prod(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"", "start", NULL};
    Object *iterable, *start = MAKE_SMALLINT(1);
    if (nargs > 1)
        return err_format(&Exc_TypeError,
                          "prod() takes exactly 1 positional argument (%zu given)", nargs);
    if (args_parse(args, nargs, kwnames, "O|$O:prod", kwlist, &iterable, &start) < 0) return NULL;
    Object *it = obj_get_iter(iterable);
    if (!it) return NULL;
    Object *acc = NEWREF(start), *item;
    while ((item = obj_iter_next(it))) {
        Object *r = obj_binary_op(acc, item, BINOP_MUL);
        DECREF(item);
        DECREF(acc);
        acc = r;
        if (!acc) break;
    }
    DECREF(it);
    if (acc && err_occurred()) CLEAR(acc);
    return acc;
}

/* ---- exact sums: fsum, hypot, dist ------------------------------------------------------- */

/* Add x * 2**1074 (an integer for every finite double) to acc, or its square
 * scaled by 2**2148 when `square`. */
static void add_scaled(mpz_t acc, double x, bool square, mpz_t tmp) {
    if (x == 0.0) return;
    int e;
    double frac = frexp(x, &e);
    mpz_set_d(tmp, ldexp(frac, 53)); /* x = tmp * 2**(e-53) */
    long shift = (long)e - 53 + 1074;
    if (shift < 0) { /* a subnormal: its mantissa has that many trailing zeros */
        mpz_tdiv_q_2exp(tmp, tmp, (mp_bitcnt_t)-shift);
        shift = 0;
    }
    if (square) {
        mpz_mul(tmp, tmp, tmp);
        mpz_mul_2exp(tmp, tmp, (mp_bitcnt_t)(2 * shift));
    } else {
        mpz_mul_2exp(tmp, tmp, (mp_bitcnt_t)shift);
    }
    mpz_add(acc, acc, tmp);
}

/* The overflow bound of the exact partial sums (2**1024 in scaled units). */
#define FSUM_OVERFLOW_BITS (1024 + 1074)

static Object *math_fsum(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (check_one("fsum", nargs) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    mpz_t acc, tmp;
    mpz_inits(acc, tmp, NULL);
    bool pos_inf = false, neg_inf = false, nan = false, overflow = false;
    Object *item;
    while ((item = obj_iter_next(it))) {
        double x;
        int rc = get_double(item, &x);
        DECREF(item);
        if (rc < 0) break;
        if (!isfinite(x)) {
            if (isnan(x)) nan = true;
            else if (x > 0) pos_inf = true;
            else neg_inf = true;
            continue;
        }
        add_scaled(acc, x, false, tmp);
        if (mpz_sizeinbase(acc, 2) > FSUM_OVERFLOW_BITS) overflow = true;
    }
    DECREF(it);
    Object *result = NULL;
    double r;
    if (err_occurred()) {
        /* propagate */
    } else if (nan) {
        result = float_from_double(NAN);
    } else if (pos_inf && neg_inf) {
        err_format(&Exc_ValueError, "-inf + inf in fsum");
    } else if (pos_inf || neg_inf) {
        result = float_from_double(pos_inf ? INFINITY : -INFINITY);
    } else if (overflow || mpz_scaled_to_double(acc, -1074, false, &r) < 0) {
        err_format(&Exc_OverflowError, "intermediate overflow in fsum");
    } else {
        result = float_from_double(r);
    }
    mpz_clears(acc, tmp, NULL);
    return result;
}

/* sqrt of the exact sum of squares, correctly rounded. */
static Object *norm_of(const double *v, size_t n) {
    bool has_nan = false;
    for (size_t i = 0; i < n; i++) {
        if (isinf(v[i])) return float_from_double(INFINITY);
        if (isnan(v[i])) has_nan = true;
    }
    if (has_nan) return float_from_double(NAN);
    mpz_t acc, tmp, root, rem;
    mpz_inits(acc, tmp, root, rem, NULL);
    for (size_t i = 0; i < n; i++) add_scaled(acc, fabs(v[i]), true, tmp);
    double r = 0.0;
    if (mpz_sgn(acc)) {
        /* acc = (sum of squares) * 2**2148; pad by 4**pad so the root has >= 56 bits */
        long bits = (long)mpz_sizeinbase(acc, 2);
        long pad = bits / 2 < 56 ? 56 - bits / 2 : 0;
        mpz_mul_2exp(acc, acc, (mp_bitcnt_t)(2 * pad));
        mpz_sqrtrem(root, rem, acc);
        if (mpz_scaled_to_double(root, -1074 - pad, mpz_sgn(rem) != 0, &r) < 0) {
            mpz_clears(acc, tmp, root, rem, NULL);
            return range_error();
        }
    }
    mpz_clears(acc, tmp, root, rem, NULL);
    return float_from_double(r);
}

static Object *math_hypot(Object *m, Object *const *args, size_t nargs, Object *k) {
    double small[16];
    double *v = nargs <= 16 ? small : mem_alloc(nargs * sizeof(double));
    if (!v) return NULL;
    Object *r = NULL;
    size_t i;
    for (i = 0; i < nargs; i++)
        if (get_double(args[i], &v[i]) < 0) break;
    if (i == nargs) r = norm_of(v, nargs);
    if (v != small) mem_free(v);
    return r;
}

static Object *math_dist(Object *m, Object *const *args, size_t nargs, Object *k) {
    if (args_count("dist", nargs, 2, 2) < 0) return NULL;
    Object *p = tuple_check(args[0]) ? NEWREF(args[0]) : obj_call1((Object *)&Tuple_Type, args[0]);
    if (!p) return NULL;
    Object *q = tuple_check(args[1]) ? NEWREF(args[1]) : obj_call1((Object *)&Tuple_Type, args[1]);
    if (!q) {
        DECREF(p);
        return NULL;
    }
    Object *r = NULL;
    intptr_t n = TUPLE_SIZE(p);
    if (n != TUPLE_SIZE(q)) {
        err_format(&Exc_ValueError, "both points must have the same number of dimensions");
    } else {
        double *v = mem_alloc((size_t)(n ? n : 1) * sizeof(double));
        intptr_t i;
        for (i = 0; v && i < n; i++) {
            double a, b;
            if (get_double(TUPLE_GET(p, i), &a) < 0 || get_double(TUPLE_GET(q, i), &b) < 0) break;
            v[i] = a - b;
        }
        if (v && i == n) r = norm_of(v, (size_t)n);
        if (v) mem_free(v);
    }
    DECREF(p);
    DECREF(q);
    return r;
}

#define FN(name, doc) {#name, math_##name, 0, doc}

static MethodDef math_functions[] = {
    FN(sqrt, "Return the square root of x."),
    FN(exp, "Return e raised to the power of x."),
    FN(exp2, "Return 2 raised to the power of x."),
    FN(expm1, "Return exp(x)-1."),
    FN(log, "log(x, [base=math.e])\nReturn the logarithm of x to the given base."),
    FN(log2, "Return the base 2 logarithm of x."),
    FN(log10, "Return the base 10 logarithm of x."),
    FN(log1p, "Return the natural logarithm of 1+x (base e)."),
    FN(pow, "Return x**y (x to the power of y)."),
    FN(sin, "Return the sine of x (measured in radians)."),
    FN(cos, "Return the cosine of x (measured in radians)."),
    FN(tan, "Return the tangent of x (measured in radians)."),
    FN(asin, "Return the arc sine (measured in radians) of x."),
    FN(acos, "Return the arc cosine (measured in radians) of x."),
    FN(atan, "Return the arc tangent (measured in radians) of x."),
    FN(atan2, "Return the arc tangent (measured in radians) of y/x."),
    FN(sinh, "Return the hyperbolic sine of x."),
    FN(cosh, "Return the hyperbolic cosine of x."),
    FN(tanh, "Return the hyperbolic tangent of x."),
    FN(asinh, "Return the inverse hyperbolic sine of x."),
    FN(acosh, "Return the inverse hyperbolic cosine of x."),
    FN(atanh, "Return the inverse hyperbolic tangent of x."),
    FN(erf, "Error function at x."),
    FN(erfc, "Complementary error function at x."),
    FN(gamma, "Gamma function at x."),
    FN(lgamma, "Natural logarithm of absolute value of Gamma function at x."),
    FN(cbrt, "Return the cube root of x."),
    FN(degrees, "Convert angle x from radians to degrees."),
    FN(radians, "Convert angle x from degrees to radians."),
    FN(floor, "Return the floor of x as an Integral."),
    FN(ceil, "Return the ceiling of x as an Integral."),
    FN(trunc, "Truncates the Real x to the nearest Integral toward 0."),
    FN(fabs, "Return the absolute value of the float x."),
    FN(factorial, "Find n!."),
    FN(gcd, "Greatest Common Divisor."),
    FN(lcm, "Least Common Multiple."),
    FN(isqrt, "Return the integer part of the square root of the input."),
    FN(comb, "Number of ways to choose k items from n items without repetition and without order."),
    FN(perm, "Number of ways to choose k items from n items without repetition and with order."),
    {"prod", math_prod, METH_KW, "Calculate the product of all the elements in the input iterable."},
    FN(fsum, "Return an accurate floating point sum of values in the iterable seq."),
    FN(hypot, "Multidimensional Euclidean distance from the origin to a point."),
    FN(dist, "Return the Euclidean distance between two points p and q."),
    FN(copysign, "Return a float with the magnitude (absolute value) of x but the sign of y."),
    FN(fmod, "Return fmod(x, y), according to platform C."),
    FN(remainder, "Difference between x and the closest integer multiple of y."),
    FN(modf, "Return the fractional and integer parts of x."),
    FN(frexp, "Return the mantissa and exponent of x, as pair (m, e)."),
    FN(ldexp, "Return x * (2**i)."),
    FN(nextafter, "Return the next floating-point value after x towards y."),
    FN(ulp, "Return the value of the least significant bit of the float x."),
    {"isclose", math_isclose, METH_KW,
     "Determine whether two floating point numbers are close in value."},
    FN(isnan, "Return True if x is a NaN (not a number), and False otherwise."),
    FN(isinf, "Return True if x is a positive or negative infinity, and False otherwise."),
    FN(isfinite, "Return True if x is neither an infinity nor a NaN, and False otherwise."),
    {NULL, NULL, 0, NULL},
};

static int add_float(Object *mod, const char *name, double v) {
    Object *f = float_from_double(v);
    if (!f) return -1;
    int rc = module_add(mod, name, f);
    DECREF(f);
    return rc;
}

Object *mod_math_init(void) {
    Object *m = module_new("math");
    if (!m) return NULL;
    if (module_add_str(m, "__doc__",
                       "This module provides access to the mathematical functions\n"
                       "defined by the C standard.") < 0 ||
        module_add_functions(m, math_functions) < 0 || add_float(m, "pi", M_PI) < 0 ||
        add_float(m, "e", M_E) < 0 || add_float(m, "tau", 2 * M_PI) < 0 ||
        add_float(m, "inf", INFINITY) < 0 || add_float(m, "nan", NAN) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
