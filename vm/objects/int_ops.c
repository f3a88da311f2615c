/* vm/objects/int_ops.c — int arithmetic slots and methods.
 *
 * Each binary slot first tries the tagged fast path (both operands small:
 * plain C arithmetic with overflow checks), then falls back to GMP through
 * int_view().  Operands that are not ints give NotImplemented, so float's
 * slots (which accept ints) handle mixed arithmetic.  Division and modulo
 * use Python's floor semantics; results are always normalised exact ints.
 */
#include <math.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/format.h"
#include "vm/objects/numeric.h"

#define NOT_IMPLEMENTED_UNLESS_INTS(a, b) \
    if (!int_check(a) || !int_check(b)) return NEWREF(NotImplemented)

typedef void (*MpzBinary)(mpz_ptr, mpz_srcptr, mpz_srcptr);

static Object *mpz_binary(Object *a, Object *b, MpzBinary f) {
    IntView va, vb;
    mpz_t r;
    mpz_init(r);
    f(r, int_view(a, &va), int_view(b, &vb));
    return int_from_mpz_move(r);
}

/* Is b zero?  (any int) */
static bool int_is_zero(Object *o) {
    return IS_SMALLINT(o) ? SMALLINT_VALUE(o) == 0 : mpz_sgn(((IntObject *)o)->z) == 0;
}

/* ---- + - * ------------------------------------------------------------------ */

Object *int_nb_add(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) /* 62-bit + 62-bit cannot overflow */
        return int_from_ssize(SMALLINT_VALUE(a) + SMALLINT_VALUE(b));
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    return mpz_binary(a, b, mpz_add);
}

Object *int_nb_sub(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b))
        return int_from_ssize(SMALLINT_VALUE(a) - SMALLINT_VALUE(b));
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    return mpz_binary(a, b, mpz_sub);
}

Object *int_nb_mul(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t r;
        if (!__builtin_mul_overflow(SMALLINT_VALUE(a), SMALLINT_VALUE(b), &r))
            return int_from_ssize(r);
    }
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    return mpz_binary(a, b, mpz_mul);
}

/* ---- division --------------------------------------------------------------- */

/* Floor division of small values (y != 0): q and r with r having y's sign. */
static void small_divmod(intptr_t x, intptr_t y, intptr_t *q, intptr_t *r) {
    intptr_t qq = x / y, rr = x % y; /* no overflow: |x| < 2**62 */
    if (rr != 0 && ((rr < 0) != (y < 0))) {
        qq--;
        rr += y;
    }
    *q = qq;
    *r = rr;
}

static Object *err_int_div_zero(void) {
    return err_format(&Exc_ZeroDivisionError, "integer division or modulo by zero");
}

Object *int_nb_floordiv(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t y = SMALLINT_VALUE(b), q, r;
        if (y == 0) return err_int_div_zero();
        small_divmod(SMALLINT_VALUE(a), y, &q, &r);
        return int_from_ssize(q);
    }
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    if (int_is_zero(b)) return err_int_div_zero();
    return mpz_binary(a, b, mpz_fdiv_q);
}

Object *int_nb_mod(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t y = SMALLINT_VALUE(b), q, r;
        if (y == 0) return err_format(&Exc_ZeroDivisionError, "integer modulo by zero");
        small_divmod(SMALLINT_VALUE(a), y, &q, &r);
        return MAKE_SMALLINT(r);
    }
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    if (int_is_zero(b)) return err_format(&Exc_ZeroDivisionError, "integer modulo by zero");
    return mpz_binary(a, b, mpz_fdiv_r);
}

static Object *pair_steal(Object *x, Object *y) {
    if (!x || !y) {
        XDECREF(x);
        XDECREF(y);
        return NULL;
    }
    Object *t = tuple_pack(2, x, y);
    DECREF(x);
    DECREF(y);
    return t;
}

Object *int_nb_divmod(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t y = SMALLINT_VALUE(b), q, r;
        if (y == 0) return err_int_div_zero();
        small_divmod(SMALLINT_VALUE(a), y, &q, &r);
        return pair_steal(int_from_ssize(q), MAKE_SMALLINT(r));
    }
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    if (int_is_zero(b)) return err_int_div_zero();
    IntView va, vb;
    mpz_t q, r;
    mpz_inits(q, r, NULL);
    mpz_fdiv_qr(q, r, int_view(a, &va), int_view(b, &vb));
    return pair_steal(int_from_mpz_move(q), int_from_mpz_move(r));
}

#define EXACT_DOUBLE_LIMIT (1LL << 53)

Object *int_nb_truediv(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t x = SMALLINT_VALUE(a), y = SMALLINT_VALUE(b);
        if (y == 0) return err_format(&Exc_ZeroDivisionError, "division by zero");
        if (x >= -EXACT_DOUBLE_LIMIT && x <= EXACT_DOUBLE_LIMIT && y >= -EXACT_DOUBLE_LIMIT &&
            y <= EXACT_DOUBLE_LIMIT)
            return float_from_double((double)x / (double)y);
    }
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    if (int_is_zero(b)) return err_format(&Exc_ZeroDivisionError, "division by zero");
    IntView va, vb;
    double r;
    if (mpz_ratio_to_double(int_view(a, &va), int_view(b, &vb), &r) < 0)
        return err_format(&Exc_OverflowError, "integer division result too large for a float");
    return float_from_double(r);
}

/* ---- power -------------------------------------------------------------------- */

static Object *int_powmod(Object *a, Object *b, Object *m) {
    IntView va, vb, vm;
    mpz_srcptr base = int_view(a, &va), exp = int_view(b, &vb), mod = int_view(m, &vm);
    if (mpz_sgn(mod) == 0) return err_format(&Exc_ValueError, "pow() 3rd argument cannot be 0");
    mpz_t absm, r, e;
    mpz_inits(absm, r, e, NULL);
    mpz_abs(absm, mod);
    mpz_abs(e, exp);
    Object *result = NULL;
    if (mpz_sgn(exp) < 0) {
        if (!mpz_invert(r, base, absm)) {
            err_format(&Exc_ValueError, "base is not invertible for the given modulus");
            goto done;
        }
        mpz_powm(r, r, e, absm);
    } else {
        mpz_powm(r, base, e, absm); /* 0 <= r < |m| */
    }
    if (mpz_sgn(mod) < 0 && mpz_sgn(r) != 0) mpz_sub(r, r, absm); /* take the modulus's sign */
    result = int_from_mpz(r);
done:
    mpz_clears(absm, r, e, NULL);
    return result;
}

/* The largest result we agree to build, in bits (GMP aborts far above). */
#define MAX_RESULT_BITS ((uint64_t)1 << 36)

Object *int_nb_pow(Object *a, Object *b, Object *m) {
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    if (m && m != None) {
        if (!int_check(m)) return NEWREF(NotImplemented);
        return int_powmod(a, b, m);
    }
    if (int_sign(b) < 0) { /* a float result, as float(a) ** float(b) */
        double x = int_as_double(a);
        if (x == -1.0 && err_occurred()) return NULL;
        double y = int_as_double(b);
        if (y == -1.0 && err_occurred()) return NULL;
        if (x == 0.0)
            return err_format(&Exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return float_from_double(pow(x, y));
    }
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t base = SMALLINT_VALUE(a), e = SMALLINT_VALUE(b), r = 1;
        bool overflow = false;
        while (e > 0) { /* square-and-multiply until something overflows */
            if ((e & 1) && __builtin_mul_overflow(r, base, &r)) { overflow = true; break; }
            e >>= 1;
            if (e && __builtin_mul_overflow(base, base, &base)) { overflow = true; break; }
        }
        if (!overflow) return int_from_ssize(r);
    }
    IntView va, vb;
    mpz_srcptr base = int_view(a, &va), exp = int_view(b, &vb);
    /* bases 0, 1 and -1 allow any exponent */
    if (mpz_cmpabs_ui(base, 1) <= 0) {
        if (mpz_sgn(exp) == 0) return MAKE_SMALLINT(1);
        if (mpz_sgn(base) >= 0) return int_from_mpz(base); /* 0 or 1 */
        return MAKE_SMALLINT(mpz_odd_p(exp) ? -1 : 1);
    }
    if (!mpz_fits_ulong_p(exp) ||
        (uint64_t)mpz_sizeinbase(base, 2) * mpz_get_ui(exp) > MAX_RESULT_BITS)
        return err_no_memory();
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, base, mpz_get_ui(exp));
    return int_from_mpz_move(r);
}

/* ---- shifts and bitwise ---------------------------------------------------------- */

/* The shift count as a C value; -2 means "too big", -1 an error. */
static intptr_t shift_count(Object *b) {
    if (int_sign(b) < 0) {
        err_format(&Exc_ValueError, "negative shift count");
        return -1;
    }
    if (IS_SMALLINT(b)) return SMALLINT_VALUE(b);
    mpz_srcptr z = ((IntObject *)b)->z;
    return mpz_fits_slong_p(z) ? mpz_get_si(z) : -2;
}

Object *int_nb_lshift(Object *a, Object *b) {
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    intptr_t n = shift_count(b);
    if (n == -1) return NULL;
    if (int_is_zero(a)) return MAKE_SMALLINT(0);
    if (n == -2) return err_format(&Exc_OverflowError, "too many digits in integer");
    if (IS_SMALLINT(a) && n < 62) {
        intptr_t x = SMALLINT_VALUE(a), lim = SMALLINT_MAX >> n;
        if (x <= lim && x >= -lim) return MAKE_SMALLINT(x * ((intptr_t)1 << n));
    }
    IntView va;
    mpz_srcptr z = int_view(a, &va);
    if ((uint64_t)n + mpz_sizeinbase(z, 2) > MAX_RESULT_BITS) return err_no_memory();
    mpz_t r;
    mpz_init(r);
    mpz_mul_2exp(r, z, (mp_bitcnt_t)n);
    return int_from_mpz_move(r);
}

Object *int_nb_rshift(Object *a, Object *b) {
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    intptr_t n = shift_count(b);
    if (n == -1) return NULL;
    int sign = int_sign(a);
    if (n == -2) return MAKE_SMALLINT(sign < 0 ? -1 : 0);
    if (IS_SMALLINT(a)) {
        intptr_t x = SMALLINT_VALUE(a);
        return MAKE_SMALLINT(n >= 63 ? (x < 0 ? -1 : 0) : x >> n); /* arithmetic: floors */
    }
    IntView va;
    mpz_t r;
    mpz_init(r);
    mpz_fdiv_q_2exp(r, int_view(a, &va), (mp_bitcnt_t)n);
    return int_from_mpz_move(r);
}

/* GMP's bitwise operations use infinite two's complement, like Python. */
Object *int_nb_and(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b))
        return MAKE_SMALLINT(SMALLINT_VALUE(a) & SMALLINT_VALUE(b));
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    return mpz_binary(a, b, mpz_and);
}

Object *int_nb_or(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b))
        return MAKE_SMALLINT(SMALLINT_VALUE(a) | SMALLINT_VALUE(b));
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    return mpz_binary(a, b, mpz_ior);
}

Object *int_nb_xor(Object *a, Object *b) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b))
        return MAKE_SMALLINT(SMALLINT_VALUE(a) ^ SMALLINT_VALUE(b));
    NOT_IMPLEMENTED_UNLESS_INTS(a, b);
    return mpz_binary(a, b, mpz_xor);
}

/* ---- unary -------------------------------------------------------------------- */

Object *int_nb_int(Object *a) {
    if (int_check_exact(a)) return NEWREF(a);
    IntView v;
    return int_from_mpz(int_view(a, &v));
}

Object *int_nb_neg(Object *a) {
    if (IS_SMALLINT(a)) return int_from_ssize(-SMALLINT_VALUE(a));
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, ((IntObject *)a)->z);
    return int_from_mpz_move(r);
}

Object *int_nb_pos(Object *a) { return int_nb_int(a); }

Object *int_nb_abs(Object *a) {
    if (IS_SMALLINT(a)) {
        intptr_t x = SMALLINT_VALUE(a);
        return int_from_ssize(x < 0 ? -x : x);
    }
    mpz_t r;
    mpz_init(r);
    mpz_abs(r, ((IntObject *)a)->z);
    return int_from_mpz_move(r);
}

Object *int_nb_invert(Object *a) {
    if (IS_SMALLINT(a)) return MAKE_SMALLINT(~SMALLINT_VALUE(a));
    mpz_t r;
    mpz_init(r);
    mpz_com(r, ((IntObject *)a)->z);
    return int_from_mpz_move(r);
}

Object *int_nb_float(Object *a) {
    double d = int_as_double(a);
    if (d == -1.0 && err_occurred()) return NULL;
    return float_from_double(d);
}

int int_nb_bool(Object *a) { return !int_is_zero(a); }

/* ---- methods ------------------------------------------------------------------- */

static Object *int_conjugate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("int.conjugate", nargs) < 0) return NULL;
    return int_nb_int(self);
}

static Object *int_bit_length(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("int.bit_length", nargs) < 0) return NULL;
    if (int_is_zero(self)) return MAKE_SMALLINT(0);
    IntView v;
    return int_from_ulong(mpz_sizeinbase(int_view(self, &v), 2));
}

static Object *int_bit_count(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("int.bit_count", nargs) < 0) return NULL;
    IntView v;
    mpz_srcptr z = int_view(self, &v);
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    unsigned long long n = mpz_popcount(a);
    mpz_clear(a);
    return int_from_ulong(n);
}

static Object *int_as_integer_ratio(Object *self, Object *const *args, size_t nargs,
                                    Object *kw) {
    if (num_no_args("int.as_integer_ratio", nargs) < 0) return NULL;
    return pair_steal(int_nb_int(self), MAKE_SMALLINT(1));
}

static Object *int_getnewargs(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("int.__getnewargs__", nargs) < 0) return NULL;
    Object *v = int_nb_int(self);
    if (!v) return NULL;
    Object *t = tuple_pack(1, v);
    DECREF(v);
    return t;
}

static Object *int_trunc(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("int.__trunc__", nargs) < 0) return NULL;
    return int_nb_int(self);
}

static Object *int_floor(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("int.__floor__", nargs) < 0) return NULL;
    return int_nb_int(self);
}

static Object *int_ceil(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (num_no_args("int.__ceil__", nargs) < 0) return NULL;
    return int_nb_int(self);
}

static Object *int_format_method(Object *self, Object *const *args, size_t nargs, Object *kw) {
    Object *spec = num_format_spec_arg(args, nargs);
    return spec ? format_int(self, spec) : NULL;
}

int num_no_args(const char *qualname, size_t nargs) {
    if (nargs == 0) return 0;
    err_format(&Exc_TypeError, "%s() takes no arguments (%zu given)", qualname, nargs);
    return -1;
}

Object *num_format_spec_arg(Object *const *args, size_t nargs) {
    if (nargs != 1) {
        err_format(&Exc_TypeError, "__format__() takes exactly one argument (%zu given)", nargs);
        return NULL;
    }
    if (!str_check(args[0])) {
        err_format(&Exc_TypeError, "__format__() argument must be str, not %T", args[0]);
        return NULL;
    }
    return args[0];
}

/* round(x, ndigits) for ints: exact, halves go to the even multiple. */
static Object *int_round(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("__round__", nargs, 0, 1) < 0) return NULL;
    if (nargs == 0) return int_nb_int(self);
    Object *nd = obj_index(args[0]);
    if (!nd) return NULL;
    int s = int_sign(nd);
    if (s >= 0) {
        DECREF(nd);
        return int_nb_int(self);
    }
    IntView vx;
    mpz_srcptr x = int_view(self, &vx);
    /* -ndigits beyond x's digit count rounds to 0 */
    IntView vn;
    mpz_srcptr n = int_view(nd, &vn);
    bool tiny = !mpz_fits_slong_p(n) || -mpz_get_si(n) > (long)mpz_sizeinbase(x, 10) + 1;
    long places = tiny ? 0 : -mpz_get_si(n);
    DECREF(nd);
    if (tiny) return MAKE_SMALLINT(0);
    mpz_t p, q, r;
    mpz_inits(p, q, r, NULL);
    mpz_ui_pow_ui(p, 10, (unsigned long)places);
    mpz_fdiv_qr(q, r, x, p);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    mpz_clears(p, r, NULL);
    return int_from_mpz_move(q);
}

/* byteorder argument: 1 for big, -1 for little, 0 on error. */
static int byteorder_arg(Object *order) {
    if (!order || str_eq_cstr(order, "big")) return 1;
    if (str_eq_cstr(order, "little")) return -1;
    err_format(&Exc_ValueError, "byteorder must be either 'little' or 'big'");
    return 0;
}

static Object *int_to_bytes(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"length", "byteorder", "signed", NULL};
    intptr_t length = 1;
    Object *order = NULL;
    int is_signed = 0;
    if (nargs > 2)
        return err_format(&Exc_TypeError,
                          "to_bytes() takes at most 2 positional arguments (%zu given)", nargs);
    if (args_parse(args, nargs, kwnames, "|nU$p:to_bytes", kwlist, &length, &order,
                   &is_signed) < 0)
        return NULL;
    int dir = byteorder_arg(order);
    if (!dir) return NULL;
    if (length < 0) return err_format(&Exc_ValueError, "length argument must be non-negative");
    IntView v;
    mpz_srcptr x = int_view(self, &v);
    if (!is_signed && mpz_sgn(x) < 0)
        return err_format(&Exc_OverflowError, "can't convert negative int to unsigned");
    /* bits needed: unsigned |x|; signed x >= 0: x plus a sign bit; x < 0: ~x plus one */
    mpz_t u;
    mpz_init(u);
    if (mpz_sgn(x) < 0) mpz_com(u, x);
    else mpz_set(u, x);
    uint64_t need = mpz_sgn(u) ? mpz_sizeinbase(u, 2) : 0;
    if (is_signed && (need || mpz_sgn(x) < 0)) need++; /* room for the sign bit */
    if (need > (uint64_t)length * 8) {
        mpz_clear(u);
        return err_format(&Exc_OverflowError, "int too big to convert");
    }
    unsigned char *buf = mem_alloc((size_t)length + 1);
    if (!buf) {
        mpz_clear(u);
        return NULL;
    }
    memset(buf, 0, (size_t)length);
    size_t count = 0;
    if (mpz_sgn(u)) {
        size_t nbytes = (mpz_sizeinbase(u, 2) + 7) / 8;
        mpz_export(buf + length - (intptr_t)nbytes, &count, 1, 1, 0, 0, u);
    }
    if (mpz_sgn(x) < 0) /* two's complement of ~x is its bitwise inverse */
        for (intptr_t i = 0; i < length; i++) buf[i] = (unsigned char)~buf[i];
    if (dir < 0)
        for (intptr_t i = 0, j = length - 1; i < j; i++, j--) {
            unsigned char t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    mpz_clear(u);
    Object *r = bytes_from_buf((const char *)buf, (size_t)length);
    mem_free(buf);
    return r;
}

static Object *int_from_bytes(Object *cls, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"bytes", "byteorder", "signed", NULL};
    Object *src, *order = NULL;
    int is_signed = 0;
    if (nargs > 2)
        return err_format(&Exc_TypeError,
                          "from_bytes() takes at most 2 positional arguments (%zu given)", nargs);
    if (args_parse(args, nargs, kwnames, "O|U$p:from_bytes", kwlist, &src, &order,
                   &is_signed) < 0)
        return NULL;
    int dir = byteorder_arg(order);
    if (!dir) return NULL;
    Object *b;
    if (bytes_check(src) || bytearray_check(src)) {
        b = NEWREF(src);
    } else {
        /* like bytes(src), but neither str nor an int count is accepted */
        Object *items = str_check(src) ? NULL : obj_get_iter(src);
        if (!items) {
            if (err_occurred() && !err_matches(&Exc_TypeError)) return NULL;
            err_clear();
            return err_format(&Exc_TypeError, "cannot convert '%T' object to bytes", src);
        }
        b = obj_call1((Object *)&Bytes_Type, items);
        DECREF(items);
    }
    if (!b) return NULL;
    const char *data;
    intptr_t size;
    if (bytes_like_buffer(b, &data, &size) < 0) {
        DECREF(b);
        return NULL;
    }
    mpz_t z;
    mpz_init(z);
    if (size) mpz_import(z, (size_t)size, dir, 1, 0, 0, data);
    if (is_signed && size) {
        unsigned char top = (unsigned char)data[dir > 0 ? 0 : size - 1];
        if (top & 0x80) { /* subtract 2**(8*size) */
            mpz_t t;
            mpz_init_set_ui(t, 1);
            mpz_mul_2exp(t, t, (mp_bitcnt_t)size * 8);
            mpz_sub(z, z, t);
            mpz_clear(t);
        }
    }
    DECREF(b);
    Object *r = int_from_mpz_move(z);
    if (!r || cls == (Object *)&Int_Type) return r;
    Object *s = obj_call1(cls, r);
    DECREF(r);
    return s;
}

MethodDef int_methods[] = {
    {"conjugate", int_conjugate, 0, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length, 0, "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, 0, "Number of ones in the binary representation of abs(self)."},
    {"to_bytes", int_to_bytes, METH_KW, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes, METH_KW | METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio, 0,
     "Return integer ratio: (self, 1) for an int."},
    {"__trunc__", int_trunc, 0, "Truncating an Integral returns itself."},
    {"__floor__", int_floor, 0, "Flooring an Integral returns itself."},
    {"__ceil__", int_ceil, 0, "Ceiling of an Integral returns itself."},
    {"__round__", int_round, 0, "Rounding an Integral returns itself.\n\n"
                                "Rounding with an ndigits argument also returns an integer."},
    {"__format__", int_format_method, 0, "Convert to a string according to format_spec."},
    {"__getnewargs__", int_getnewargs, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- attributes -------------------------------------------------------------- */

static Object *int_get_real(Object *self, void *closure) { return int_nb_int(self); }
static Object *int_get_imag(Object *self, void *closure) { return MAKE_SMALLINT(0); }
static Object *int_get_denominator(Object *self, void *closure) { return MAKE_SMALLINT(1); }

GetSetDef int_getset[] = {
    {"real", int_get_real, NULL, "the real part of a complex number", NULL},
    {"imag", int_get_imag, NULL, "the imaginary part of a complex number", NULL},
    {"numerator", int_get_real, NULL, "the numerator of a rational number in lowest terms",
     NULL},
    {"denominator", int_get_denominator, NULL,
     "the denominator of a rational number in lowest terms", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
