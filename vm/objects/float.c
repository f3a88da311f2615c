/* vm/objects/float.c — float: a boxed C double with CPython's semantics.
 *
 * repr is the shortest decimal string that reads back to the same double
 * (found with the C library's correctly rounded printf/strtod), laid out
 * with CPython's rules.  Arithmetic slots accept ints on either side
 * (int's slots return NotImplemented for floats); comparisons with ints are
 * exact.  Hashes agree with int's for integral values (modulus 2**61-1).
 * Exact floats are recycled through a small free list: they are the most
 * allocated objects in numeric code.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/format.h"
#include "vm/objects/numeric.h"
#include "vm/objects/typesys.h"
#include "stdlib/numbers.h"

/* ---- allocation ---------------------------------------------------------------- */

#define FLOAT_FREE_MAX 128
static Object *float_free_list; /* linked through the type field */
static int float_free_count;

Object *float_from_double(double v) {
    Object *o = float_free_list;
    if (o) {
        float_free_list = (Object *)o->type;
        float_free_count--;
        o->refcnt = 1;
        o->type = &Float_Type;
    } else {
        o = obj_alloc(&Float_Type);
        if (!o) return NULL;
    }
    FLOAT_VALUE(o) = v;
    return o;
}

static void float_dealloc(Object *o) {
    if (o->type == &Float_Type && float_free_count < FLOAT_FREE_MAX) {
        o->type = (TypeObject *)float_free_list;
        float_free_list = o;
        float_free_count++;
        return;
    }
    obj_free(o);
}

/* ---- conversions ------------------------------------------------------------------ */

/* An operand of a numeric slot: 1 converted, 0 not a number, -1 error. */
static int operand(Object *o, double *out) {
    if (float_check(o)) {
        *out = FLOAT_VALUE(o);
        return 1;
    }
    if (int_check(o)) {
        *out = int_as_double(o);
        return (*out == -1.0 && err_occurred()) ? -1 : 1;
    }
    return 0;
}

/* The result of __float__, checked (new reference to an exact float). */
static Object *checked_float_result(Object *o, Object *r) {
    if (!r) return NULL;
    if (!float_check(r)) {
        err_format(&Exc_TypeError, "%s.__float__ returned non-float (type %T)",
                   type_name(OBJ_TYPE(o)), r);
        DECREF(r);
        return NULL;
    }
    if (r->type == &Float_Type) return r;
    Object *e = float_from_double(FLOAT_VALUE(r));
    DECREF(r);
    return e;
}

double float_as_double(Object *o) {
    if (float_check(o)) return FLOAT_VALUE(o);
    if (int_check(o)) return int_as_double(o);
    TypeObject *t = OBJ_TYPE(o);
    if (t->nb_float) {
        Object *r = checked_float_result(o, t->nb_float(o));
        if (!r) return -1.0;
        double d = FLOAT_VALUE(r);
        DECREF(r);
        return d;
    }
    if (t->nb_index) {
        Object *i = obj_index(o);
        if (!i) return -1.0;
        double d = int_as_double(i);
        DECREF(i);
        return d;
    }
    err_format(&Exc_TypeError, "must be real number, not %T", o);
    return -1.0;
}

/* ---- repr ---------------------------------------------------------------------------- */

/* The shortest significant digits of v > 0 that read back as v: digits
 * (NUL-terminated, no trailing zeros) and the decimal exponent of the first. */
static void shortest_digits(double v, char *digits, int *exp10) {
    char tmp[40];
    int prec;
    /* Any decimal of <= 15 digits survives the trip through a double, so if
     * the 15-digit rounding reads back, stripping its zeros gives the
     * shortest (for normal numbers); otherwise try 16 (and its neighbours, for the lopsided
     * rounding interval at powers of two), then 17, which always works. */
    /* Subnormals carry fewer bits, so there the search starts at 1 digit. */
    for (prec = v < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
        if (strtod(tmp, NULL) == v) break;
        if (prec == 16) {
            char *e = strchr(tmp, 'e');
            long long m = 0;
            for (char *p = tmp; p < e; p++)
                if (*p != '.') m = m * 10 + (*p - '0');
            int ex = atoi(e + 1) - 15;
            for (int d = -1; d <= 1; d += 2) {
                char cand[48];
                snprintf(cand, sizeof cand, "%llde%d", m + d, ex);
                if (strtod(cand, NULL) == v) {
                    int n = snprintf(digits, 24, "%lld", m + d);
                    *exp10 = ex + n - 1;
                    while (n > 1 && digits[n - 1] == '0') digits[--n] = '\0';
                    return;
                }
            }
        }
    }
    char *e = strchr(tmp, 'e');
    int n = 0;
    for (char *p = tmp; p < e; p++)
        if (*p != '.') digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = '\0';
    *exp10 = atoi(e + 1);
}

char *float_repr_buf(double v, char *buf) {
    if (isnan(v)) return strcpy(buf, "nan");
    if (isinf(v)) return strcpy(buf, v > 0 ? "inf" : "-inf");
    char *p = buf;
    if (signbit(v)) {
        *p++ = '-';
        v = -v;
    }
    if (v == 0.0) {
        strcpy(p, "0.0");
        return buf;
    }
    char digits[24];
    int exp10;
    shortest_digits(v, digits, &exp10);
    int nd = (int)strlen(digits);
    if (exp10 < -4 || exp10 >= 16) { /* d[.ddd]e+XX */
        *p++ = digits[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)nd - 1);
            p += nd - 1;
        }
        sprintf(p, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
        return buf;
    }
    int point = exp10 + 1; /* digits before the decimal point */
    if (point <= 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -point; i++) *p++ = '0';
        memcpy(p, digits, (size_t)nd);
        p += nd;
    } else if (point >= nd) {
        memcpy(p, digits, (size_t)nd);
        p += nd;
        for (int i = nd; i < point; i++) *p++ = '0';
        *p++ = '.';
        *p++ = '0';
    } else {
        memcpy(p, digits, (size_t)point);
        p += point;
        *p++ = '.';
        memcpy(p, digits + point, (size_t)(nd - point));
        p += nd - point;
    }
    *p = '\0';
    return buf;
}

Object *float_repr(Object *o) {
    char buf[40];
    return str_from_cstr(float_repr_buf(FLOAT_VALUE(o), buf));
}

/* ---- hash ------------------------------------------------------------------------------ */

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

int64_t float_hash_double(double v) {
    if (isinf(v)) return v > 0 ? 314159 : -314159;
    if (isnan(v)) return 0;
    /* |v| = m * 2**e with m a 53-bit integer; 2**61 == 1 (mod P), so the
     * power of two is a rotation of m within 61 bits. */
    int e;
    double frac = frexp(fabs(v), &e);
    uint64_t m = (uint64_t)ldexp(frac, 53);
    e -= 53;
    int s = e % HASH_BITS;
    if (s < 0) s += HASH_BITS;
    uint64_t x = m; /* < 2**53 < P */
    if (s) x = ((x << s) & HASH_MODULUS) | (x >> (HASH_BITS - s));
    int64_t h = signbit(v) ? -(int64_t)x : (int64_t)x;
    return h == -1 ? -2 : h;
}

static int64_t float_hash(Object *o) {
    double v = FLOAT_VALUE(o);
    if (isnan(v)) { /* NaNs hash by identity, as in CPython 3.10+ */
        uintptr_t p = (uintptr_t)o;
        int64_t h = (int64_t)((p >> 4) | (p << (8 * sizeof(p) - 4)));
        return h == -1 ? -2 : h;
    }
    return float_hash_double(v);
}

/* ---- parsing ------------------------------------------------------------------------------ */

static bool ci_equal(const char *p, const char *end, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(end - p) != n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != word[i]) return false;
    return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Parse float() text; false (no exception) when invalid. */
static bool parse_float(const char *s, size_t len, double *out) {
    const char *p = s, *end = s + len;
    num_strip_spaces(&p, &end);
    if (p == end) return false;
    bool neg = false;
    const char *body = p;
    if (*p == '+' || *p == '-') neg = *p++ == '-';
    if (ci_equal(p, end, "inf") || ci_equal(p, end, "infinity")) {
        *out = neg ? -INFINITY : INFINITY;
        return true;
    }
    if (ci_equal(p, end, "nan")) {
        *out = neg ? -NAN : NAN;
        return true;
    }
    /* validate [digits][.digits][e[sign]digits] with '_' only between digits,
     * copying everything but the underscores */
    size_t n = (size_t)(end - body);
    char small[64];
    char *clean = n < sizeof small ? small : mem_alloc(n + 1);
    if (!clean) {
        err_clear();
        return false;
    }
    size_t k = 0;
    for (const char *q = body; q < p; q++) clean[k++] = *q; /* the sign */
    bool ok = true, mant_digits = false;
    int part = 0; /* 0 integer, 1 fraction, 2 exponent */
    bool exp_digits = false;
    for (; p < end && ok; p++) {
        char c = *p;
        if (is_digit(c)) {
            clean[k++] = c;
            if (part < 2) mant_digits = true;
            else exp_digits = true;
        } else if (c == '_') {
            ok = p > body && is_digit(p[-1]) && p + 1 < end && is_digit(p[1]);
        } else if (c == '.' && part == 0) {
            part = 1;
            clean[k++] = c;
        } else if ((c == 'e' || c == 'E') && part < 2 && mant_digits) {
            part = 2;
            clean[k++] = c;
            if (p + 1 < end && (p[1] == '+' || p[1] == '-')) clean[k++] = *++p;
        } else {
            ok = false;
        }
    }
    ok = ok && mant_digits && (part < 2 || exp_digits);
    if (ok) {
        clean[k] = '\0';
        *out = strtod(clean, NULL); /* overflow gives inf, as in CPython */
    }
    if (clean != small) mem_free(clean);
    return ok;
}

Object *float_from_string(const char *s, size_t len) {
    double d;
    size_t alen;
    char *ascii = num_unicode_to_ascii(s, len, &alen);
    bool ok = ascii ? parse_float(ascii, alen, &d) : parse_float(s, len, &d);
    mem_free(ascii);
    if (ok) return float_from_double(d);
    Object *text = str_from_utf8(s, len);
    if (!text) return NULL;
    err_format(&Exc_ValueError, "could not convert string to float: %R", text);
    DECREF(text);
    return NULL;
}

Object *float_from_object(Object *o) {
    if (!IS_SMALLINT(o) && o->type == &Float_Type) return NEWREF(o);
    if (str_check(o)) return float_from_string(STR_DATA(o), (size_t)STR_SIZE(o));
    if (bytes_check(o) || bytearray_check(o)) {
        const char *data;
        intptr_t size;
        double d;
        if (bytes_like_buffer(o, &data, &size) < 0) return NULL;
        if (parse_float(data, (size_t)size, &d)) return float_from_double(d);
        return err_format(&Exc_ValueError, "could not convert string to float: %R", o);
    }
    TypeObject *t = OBJ_TYPE(o);
    if (t->nb_float) return checked_float_result(o, t->nb_float(o));
    if (t->nb_index) {
        Object *i = obj_index(o);
        if (!i) return NULL;
        double d = int_as_double(i);
        DECREF(i);
        if (d == -1.0 && err_occurred()) return NULL;
        return float_from_double(d);
    }
    return err_format(&Exc_TypeError, "float() argument must be a string or a real number, not '%T'",
                      o);
}

static Object *float_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("float", kwnames) < 0) return NULL;
    if (nargs > 1)
        return err_format(&Exc_TypeError, "float expected at most 1 argument, got %zu", nargs);
    Object *r = nargs ? float_from_object(args[0]) : float_from_double(0.0);
    if (!r || type == &Float_Type) return r;
    Object *s = obj_alloc(type);
    if (s) {
        FLOAT_VALUE(s) = FLOAT_VALUE(r);
        if (type->flags & TPFLAG_GC) gc_track(s);
    }
    DECREF(r);
    return s;
}

/* ---- comparison -------------------------------------------------------------------------- */

static Object *float_richcompare(Object *a, Object *b, int op) {
    if (!float_check(a)) return NEWREF(NotImplemented);
    double x = FLOAT_VALUE(a);
    int c;
    if (float_check(b)) {
        double y = FLOAT_VALUE(b);
        if (isnan(x) || isnan(y)) return bool_from(op == CMP_NE);
        c = (x > y) - (x < y);
    } else if (int_check(b)) {
        c = int_compare_double(b, x);
        if (c == 2) return bool_from(op == CMP_NE);
        c = -c;
    } else {
        return NEWREF(NotImplemented);
    }
    return cmp_result(c, op);
}

/* ---- arithmetic ----------------------------------------------------------------------------- */

#define CONVERT_OPERANDS(a, b, x, y)                 \
    double x, y;                                     \
    do {                                             \
        int ra_ = operand(a, &x);                    \
        if (ra_ <= 0) return ra_ < 0 ? NULL : NEWREF(NotImplemented); \
        int rb_ = operand(b, &y);                    \
        if (rb_ <= 0) return rb_ < 0 ? NULL : NEWREF(NotImplemented); \
    } while (0)

static Object *float_add(Object *a, Object *b) {
    CONVERT_OPERANDS(a, b, x, y);
    return float_from_double(x + y);
}

static Object *float_sub(Object *a, Object *b) {
    CONVERT_OPERANDS(a, b, x, y);
    return float_from_double(x - y);
}

static Object *float_mul(Object *a, Object *b) {
    CONVERT_OPERANDS(a, b, x, y);
    return float_from_double(x * y);
}

static Object *float_truediv(Object *a, Object *b) {
    CONVERT_OPERANDS(a, b, x, y);
    if (y == 0.0) return err_format(&Exc_ZeroDivisionError, "float division by zero");
    return float_from_double(x / y);
}

/* Python's floor division and modulo for doubles (y != 0): the modulo takes
 * y's sign and the quotient is rounded so that q*y + m == x closely. */
static void float_divmod_values(double x, double y, double *q, double *m) {
    double mod = fmod(x, y);
    double div = (x - mod) / y;
    if (mod != 0.0) {
        if ((y < 0) != (mod < 0)) {
            mod += y;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, y);
    }
    double fdiv;
    if (div != 0.0) {
        fdiv = floor(div);
        if (div - fdiv > 0.5) fdiv += 1.0;
    } else {
        fdiv = copysign(0.0, x / y);
    }
    *q = fdiv;
    *m = mod;
}

static Object *float_floordiv(Object *a, Object *b) {
    CONVERT_OPERANDS(a, b, x, y);
    if (y == 0.0) return err_format(&Exc_ZeroDivisionError, "float floor division by zero");
    double q, m;
    float_divmod_values(x, y, &q, &m);
    return float_from_double(q);
}

static Object *float_mod(Object *a, Object *b) {
    CONVERT_OPERANDS(a, b, x, y);
    if (y == 0.0) return err_format(&Exc_ZeroDivisionError, "float modulo");
    double q, m;
    float_divmod_values(x, y, &q, &m);
    return float_from_double(m);
}

static Object *float_divmod(Object *a, Object *b) {
    CONVERT_OPERANDS(a, b, x, y);
    if (y == 0.0) return err_format(&Exc_ZeroDivisionError, "float divmod()");
    double q, m;
    float_divmod_values(x, y, &q, &m);
    Object *qo = float_from_double(q), *mo = float_from_double(m);
    Object *t = (qo && mo) ? tuple_pack(2, qo, mo) : NULL;
    XDECREF(qo);
    XDECREF(mo);
    return t;
}

/* OverflowError(34, 'Numerical result out of range'), as CPython reports
 * the C library's ERANGE. */
static Object *err_range(void) {
    Object *args[2] = {MAKE_SMALLINT(ERANGE), str_from_cstr(strerror(ERANGE))};
    if (!args[1]) return NULL;
    Object *exc = exc_new(&Exc_OverflowError, args, 2);
    DECREF(args[1]);
    if (exc) err_restore(exc);
    return NULL;
}

static Object *float_pow(Object *a, Object *b, Object *m) {
    if (m && m != None)
        return err_format(&Exc_TypeError,
                          "pow() 3rd argument not allowed unless all arguments are integers");
    CONVERT_OPERANDS(a, b, x, y);
    if (y == 0.0) return float_from_double(1.0);
    if (isnan(x)) return float_from_double(x);
    if (isnan(y)) return float_from_double(x == 1.0 ? 1.0 : y);
    if (isinf(y)) {
        double ax = fabs(x);
        if (ax == 1.0) return float_from_double(1.0);
        return float_from_double((y > 0) == (ax > 1.0) ? INFINITY : 0.0);
    }
    if (x == 0.0 && y < 0.0)
        return err_format(&Exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (x < 0.0 && !isinf(x) && y != floor(y))
        return err_format(&Exc_ValueError, "complex numbers are not supported");
    double r = pow(x, y);
    if (isinf(r) && !isinf(x)) return err_range();
    return float_from_double(r);
}

static Object *float_neg(Object *a) { return float_from_double(-FLOAT_VALUE(a)); }
static Object *float_pos(Object *a) { return float_from_double(FLOAT_VALUE(a)); }
static Object *float_abs(Object *a) { return float_from_double(fabs(FLOAT_VALUE(a))); }
static int float_bool(Object *a) { return FLOAT_VALUE(a) != 0.0; }
static Object *float_int(Object *a) { return int_from_double(FLOAT_VALUE(a)); }
static Object *float_float(Object *a) {
    if (a->type == &Float_Type) return NEWREF(a);
    return float_from_double(FLOAT_VALUE(a));
}

/* ---- rounding ------------------------------------------------------------------------------ */

Object *float_round_ndigits(double x, intptr_t n) {
    if (!isfinite(x) || x == 0.0 || n > 323) return float_from_double(x);
    if (n < -308) return float_from_double(copysign(0.0, x));
    /* x = M * 2**E exactly; K = round-half-even(x * 10**n); result K / 10**n */
    int e;
    double frac = frexp(fabs(x), &e);
    mpz_t num, den, k, r;
    mpz_inits(num, den, k, r, NULL);
    mpz_set_d(num, ldexp(frac, 53));
    long E = (long)e - 53;
    mpz_set_ui(den, 1);
    if (E >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)E);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-E);
    mpz_t p10;
    mpz_init(p10);
    mpz_ui_pow_ui(p10, 10, (unsigned long)(n >= 0 ? n : -n));
    if (n >= 0) mpz_mul(num, num, p10);
    else mpz_mul(den, den, p10);
    mpz_fdiv_qr(k, r, num, den);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, den);
    if (c > 0 || (c == 0 && mpz_odd_p(k))) mpz_add_ui(k, k, 1);
    double out;
    int rc;
    if (n >= 0) {
        rc = mpz_ratio_to_double(k, p10, &out);
    } else {
        mpz_mul(k, k, p10);
        rc = mpz_scaled_to_double(k, 0, false, &out);
    }
    mpz_clears(num, den, k, r, p10, NULL);
    if (rc < 0) return err_format(&Exc_OverflowError, "rounded value too large to represent");
    return float_from_double(copysign(out, x));
}

static Object *float_round_method(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("__round__", nargs, 0, 1) < 0) return NULL;
    double x = FLOAT_VALUE(self);
    if (nargs == 0 || args[0] == None) return int_from_double(rint(x)); /* ties to even */
    intptr_t n = obj_as_ssize(args[0], NULL);
    if (n == -1 && err_occurred()) return NULL;
    return float_round_ndigits(x, n);
}

static Object *float_trunc(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("float.__trunc__", nargs) < 0) return NULL;
    return int_from_double(FLOAT_VALUE(self));
}

static Object *float_floor_method(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("float.__floor__", nargs) < 0) return NULL;
    return int_from_double(floor(FLOAT_VALUE(self)));
}

static Object *float_ceil_method(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("float.__ceil__", nargs) < 0) return NULL;
    return int_from_double(ceil(FLOAT_VALUE(self)));
}

/* ---- other methods ---------------------------------------------------------------------------- */

static Object *float_is_integer(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("float.is_integer", nargs) < 0) return NULL;
    double x = FLOAT_VALUE(self);
    return bool_from(isfinite(x) && floor(x) == x);
}

static Object *float_conjugate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("float.conjugate", nargs) < 0) return NULL;
    return float_float(self);
}

static Object *float_getnewargs(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("float.__getnewargs__", nargs) < 0) return NULL;
    Object *v = float_from_double(FLOAT_VALUE(self));
    if (!v) return NULL;
    Object *t = tuple_pack(1, v);
    DECREF(v);
    return t;
}

static Object *float_as_integer_ratio(Object *self, Object *const *args, size_t nargs,
                                      Object *kw) {
    if (num_no_args("float.as_integer_ratio", nargs) < 0) return NULL;
    double x = FLOAT_VALUE(self);
    if (isinf(x)) return err_format(&Exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(x)) return err_format(&Exc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double frac = frexp(x, &e);
    mpz_t num, den;
    mpz_init_set_d(num, ldexp(frac, 53)); /* an exact 53-bit integer */
    mpz_init_set_ui(den, 1);
    long E = (long)e - 53;
    if (mpz_sgn(num) != 0) {
        mp_bitcnt_t tz = mpz_scan1(num, 0); /* lowest terms: drop common factors of 2 */
        mpz_tdiv_q_2exp(num, num, tz);
        E += (long)tz;
    } else {
        E = 0;
    }
    if (E >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)E);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-E);
    Object *n = int_from_mpz_move(num), *d = int_from_mpz_move(den);
    Object *t = (n && d) ? tuple_pack(2, n, d) : NULL;
    XDECREF(n);
    XDECREF(d);
    return t;
}

static Object *float_hex(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("float.hex", nargs) < 0) return NULL;
    double x = FLOAT_VALUE(self);
    char buf[48];
    if (!isfinite(x)) return float_repr(self);
    if (x == 0.0) return str_from_cstr(signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
    int e;
    double m = frexp(fabs(x), &e); /* m in [0.5, 1) */
    /* normal numbers print as 1.xxx * 2**(e-1); subnormals as 0.xxx * 2**-1022 */
    int shift = 1 - (-1021 - e > 0 ? -1021 - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    char *p = buf;
    if (x < 0) *p++ = '-';
    int lead = (int)m;
    m -= lead;
    p += sprintf(p, "0x%d.", lead);
    for (int i = 0; i < 13; i++) {
        m *= 16.0;
        int d = (int)m;
        m -= d;
        *p++ = "0123456789abcdef"[d];
    }
    sprintf(p, "p%+d", e);
    return str_from_cstr(buf);
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)(c | 0x20);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static Object *float_fromhex(Object *cls, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("fromhex", nargs, 1, 1) < 0) return NULL;
    Object *text = args[0];
    if (!str_check(text))
        return err_format(&Exc_TypeError, "bad argument type for built-in operation");
    const char *p = STR_DATA(text), *end = p + STR_SIZE(text);
    num_strip_spaces(&p, &end);
    bool neg = false;
    double value = 0.0;
    Object *result = NULL;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    if (ci_equal(p, end, "inf") || ci_equal(p, end, "infinity")) {
        value = INFINITY;
    } else if (ci_equal(p, end, "nan")) {
        value = NAN;
    } else {
        if (end - p >= 2 && p[0] == '0' && (p[1] | 0x20) == 'x') p += 2;
        mpz_t mant;
        mpz_init(mant);
        long ndigits = 0, nfrac = 0;
        bool seen_point = false;
        for (; p < end; p++) {
            if (*p == '.' && !seen_point) {
                seen_point = true;
                continue;
            }
            int d = hex_digit(*p);
            if (d < 0) break;
            mpz_mul_2exp(mant, mant, 4);
            mpz_add_ui(mant, mant, (unsigned long)d);
            ndigits++;
            if (seen_point) nfrac++;
        }
        long pexp = 0;
        bool ok = ndigits > 0;
        if (ok && p < end && (*p | 0x20) == 'p') {
            p++;
            bool eneg = false;
            if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
            if (p == end || !is_digit(*p)) ok = false;
            for (; p < end && is_digit(*p); p++)
                if (pexp < 100000000) pexp = pexp * 10 + (*p - '0');
            if (eneg) pexp = -pexp;
        }
        if (!ok || p != end) {
            mpz_clear(mant);
            return err_format(&Exc_ValueError, "invalid hexadecimal floating-point string");
        }
        int rc = mpz_scaled_to_double(mant, pexp - 4 * nfrac, false, &value);
        mpz_clear(mant);
        if (rc < 0)
            return err_format(&Exc_OverflowError,
                              "hexadecimal value too large to represent as a float");
    }
    result = float_from_double(neg ? -value : value);
    if (!result || cls == (Object *)&Float_Type) return result;
    Object *r = obj_call1(cls, result);
    DECREF(result);
    return r;
}

static Object *float_format_method(Object *self, Object *const *args, size_t nargs, Object *kw) {
    Object *spec = num_format_spec_arg(args, nargs);
    return spec ? format_float(self, spec) : NULL;
}

static Object *float_getformat(Object *cls, Object *const *args, size_t nargs, Object *kw) {
    const char *which;
    if (args_parse(args, nargs, NULL, "s:__getformat__", NULL, &which) < 0) return NULL;
    if (strcmp(which, "double") && strcmp(which, "float"))
        return err_format(&Exc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
    return str_from_cstr("IEEE, little-endian");
}

static MethodDef float_methods[] = {
    {"conjugate", float_conjugate, 0, "Return self, the complex conjugate of any float."},
    {"is_integer", float_is_integer, 0, "Return True if the float is an integer."},
    {"as_integer_ratio", float_as_integer_ratio, 0,
     "Return integer ratio.\n\nReturn a pair of integers, whose ratio is exactly equal to the "
     "original float\nand with a positive denominator."},
    {"hex", float_hex, 0, "Return a hexadecimal representation of a floating-point number."},
    {"fromhex", float_fromhex, METH_CLASS,
     "Create a floating-point number from a hexadecimal string."},
    {"__trunc__", float_trunc, 0, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor_method, 0, "Return the floor as an Integral."},
    {"__ceil__", float_ceil_method, 0, "Return the ceiling as an Integral."},
    {"__round__", float_round_method, 0,
     "Return the Integral closest to x, rounding half toward even.\n\n"
     "When an argument is passed, work like built-in round(x, ndigits)."},
    {"__format__", float_format_method, 0, "Formats the float according to format_spec."},
    {"__getnewargs__", float_getnewargs, 0, NULL},
    {"__getformat__", float_getformat, METH_CLASS, "You probably don't want to use this function."},
    {NULL, NULL, 0, NULL},
};

static Object *float_get_real(Object *self, void *closure) { return float_float(self); }
static Object *float_get_imag(Object *self, void *closure) { return float_from_double(0.0); }

static GetSetDef float_getset[] = {
    {"real", float_get_real, NULL, "the real part of a complex number", NULL},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

TypeObject Float_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "float",
    .basicsize = sizeof(FloatObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_FLOAT_SUBCLASS,
    .doc = "Convert a string or number to a floating point number, if possible.",
    .dealloc = float_dealloc,
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .nb_add = float_add,
    .nb_sub = float_sub,
    .nb_mul = float_mul,
    .nb_truediv = float_truediv,
    .nb_floordiv = float_floordiv,
    .nb_mod = float_mod,
    .nb_divmod = float_divmod,
    .nb_pow = float_pow,
    .nb_neg = float_neg,
    .nb_pos = float_pos,
    .nb_abs = float_abs,
    .nb_int = float_int,
    .nb_float = float_float,
    .nb_bool = float_bool,
    .tp_new = float_new,
    .methods = float_methods,
    .getset = float_getset,
    .base = &Object_Type,
};
