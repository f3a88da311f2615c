/* vm/objects/int.c — int: representation, conversions, text, hash,
 * comparison, construction and the type object.
 *
 * Invariants (see vm/object.h): an exact int whose value fits the small
 * range is ALWAYS a tagged immediate; every other int (big exact ints,
 * bools, instances of int subclasses) is an IntObject holding a GMP mpz_t.
 * Every constructor here normalises, so code elsewhere may test
 * IS_SMALLINT() for the fast path.  Slow paths are written once against
 * mpz_srcptr via int_view() (numeric.h), which views a tagged int as a
 * read-only mpz without allocating.
 *
 * The arithmetic slots live in int_ops.c; bool in bool.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/objects/numeric.h"
#include "vm/objects/text.h"
#include "vm/objects/typesys.h"
#include "stdlib/numbers.h"

intptr_t int_max_str_digits = INT_MAX_STR_DIGITS_DEFAULT;

/* ---- constructors ---------------------------------------------------------- */

static Object *int_alloc_si(long v) {
    IntObject *r = (IntObject *)obj_alloc(&Int_Type);
    if (!r) return NULL;
    mpz_init_set_si(r->z, v);
    return (Object *)r;
}

Object *int_from_ssize(intptr_t v) {
    return SMALLINT_FITS(v) ? MAKE_SMALLINT(v) : int_alloc_si((long)v);
}

Object *int_from_long(long long v) {
    return SMALLINT_FITS(v) ? MAKE_SMALLINT(v) : int_alloc_si((long)v);
}

Object *int_from_ulong(unsigned long long v) {
    if (v <= (unsigned long long)SMALLINT_MAX) return MAKE_SMALLINT((intptr_t)v);
    IntObject *r = (IntObject *)obj_alloc(&Int_Type);
    if (!r) return NULL;
    mpz_init_set_ui(r->z, (unsigned long)v);
    return (Object *)r;
}

Object *int_from_mpz(const mpz_t z) {
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        if (SMALLINT_FITS(v)) return MAKE_SMALLINT(v);
    }
    IntObject *r = (IntObject *)obj_alloc(&Int_Type);
    if (!r) return NULL;
    mpz_init_set(r->z, z);
    return (Object *)r;
}

Object *int_from_mpz_move(mpz_t z) {
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        if (SMALLINT_FITS(v)) {
            mpz_clear(z);
            return MAKE_SMALLINT(v);
        }
    }
    IntObject *r = (IntObject *)obj_alloc(&Int_Type);
    if (!r) {
        mpz_clear(z);
        return NULL;
    }
    r->z[0] = z[0]; /* take over the limbs */
    return (Object *)r;
}

Object *int_from_double(double d) {
    if (isinf(d))
        return err_format(&Exc_OverflowError, "cannot convert float infinity to integer");
    if (isnan(d)) return err_format(&Exc_ValueError, "cannot convert float NaN to integer");
    if (fabs(d) < 4611686018427387904.0) /* 2**62: fits the small range */
        return MAKE_SMALLINT((intptr_t)d);
    mpz_t z;
    mpz_init_set_d(z, d);
    return int_from_mpz_move(z);
}

/* ---- conversions ----------------------------------------------------------- */

/* Exact ints, or anything with __index__ (new reference). */
static Object *as_int_object(Object *o) {
    if (int_check(o)) return NEWREF(o);
    return obj_index(o);
}

long long int_as_long(Object *o) {
    if (IS_SMALLINT(o)) return SMALLINT_VALUE(o);
    Object *i = as_int_object(o);
    if (!i) return -1;
    long long r;
    if (IS_SMALLINT(i)) {
        r = SMALLINT_VALUE(i);
    } else if (mpz_fits_slong_p(((IntObject *)i)->z)) {
        r = mpz_get_si(((IntObject *)i)->z);
    } else {
        err_format(&Exc_OverflowError, "Python int too large to convert to C long");
        r = -1;
    }
    DECREF(i);
    return r;
}

intptr_t int_as_ssize(Object *o) {
    if (IS_SMALLINT(o)) return SMALLINT_VALUE(o);
    Object *i = as_int_object(o);
    if (!i) return -1;
    intptr_t r;
    if (IS_SMALLINT(i)) {
        r = SMALLINT_VALUE(i);
    } else if (mpz_fits_slong_p(((IntObject *)i)->z)) {
        r = mpz_get_si(((IntObject *)i)->z);
    } else {
        err_format(&Exc_OverflowError, "Python int too large to convert to C ssize_t");
        r = -1;
    }
    DECREF(i);
    return r;
}

void int_to_mpz(Object *o, mpz_t out) {
    IntView v;
    mpz_set(out, int_view(o, &v));
}

int int_sign(Object *o) {
    if (IS_SMALLINT(o)) {
        intptr_t x = SMALLINT_VALUE(o);
        return (x > 0) - (x < 0);
    }
    return mpz_sgn(((IntObject *)o)->z);
}

/* The magnitude of z as a read-only view (no copy). */
static mpz_srcptr mpz_abs_view(mpz_t view, mpz_srcptr z) {
    return mpz_roinit_n(view, mpz_limbs_read(z), (mp_size_t)mpz_size(z));
}

int mpz_scaled_to_double(mpz_srcptr q, long exp2, bool sticky, double *out) {
    int sign = mpz_sgn(q);
    if (sign == 0) {
        *out = 0.0;
        return 0;
    }
    mpz_t absv;
    mpz_srcptr a = mpz_abs_view(absv, q);
    long nbits = (long)mpz_sizeinbase(a, 2);
    long top = nbits - 1 + exp2; /* exponent of the leading bit */
    if (top > 1024) return -1;
    long lsb = top - 52; /* lowest bit a double can keep here */
    if (lsb < -1074) lsb = -1074;
    long drop = lsb - exp2;
    double r;
    if (drop <= 0) {
        r = ldexp(mpz_get_d(a), (int)exp2); /* at most 53 bits: exact */
    } else {
        mpz_t t;
        mpz_init(t);
        mpz_tdiv_q_2exp(t, a, (mp_bitcnt_t)drop);
        uint64_t m = mpz_get_ui(t);
        mpz_clear(t);
        if (mpz_tstbit(a, (mp_bitcnt_t)(drop - 1))) {
            /* at or above half way: round up unless an exact tie with even m */
            bool above = sticky || mpz_scan1(a, 0) < (mp_bitcnt_t)(drop - 1);
            if (above || (m & 1)) m++;
        }
        r = ldexp((double)m, (int)lsb);
    }
    if (isinf(r)) return -1;
    *out = sign < 0 ? -r : r;
    return 0;
}

int mpz_ratio_to_double(mpz_srcptr a, mpz_srcptr b, double *out) {
    int sign = mpz_sgn(a) * mpz_sgn(b);
    if (mpz_sgn(a) == 0) {
        *out = mpz_sgn(b) < 0 ? -0.0 : 0.0;
        return 0;
    }
    mpz_t av, bv;
    mpz_srcptr aa = mpz_abs_view(av, a), bb = mpz_abs_view(bv, b);
    long abits = (long)mpz_sizeinbase(aa, 2), bbits = (long)mpz_sizeinbase(bb, 2);
    if (abits <= 53 && bbits <= 53) { /* both exact as doubles: IEEE division rounds */
        double r = mpz_get_d(aa) / mpz_get_d(bb);
        *out = sign < 0 ? -r : r;
        return 0;
    }
    long diff = abits - bbits; /* the quotient lies in [2**(diff-1), 2**(diff+1)) */
    if (diff > 1026) return -1;
    if (diff < -1080) {
        *out = sign < 0 ? -0.0 : 0.0;
        return 0;
    }
    /* Scale so the integer quotient has at least 55 bits, then round once. */
    long shift = 56 - diff;
    mpz_t num, den, q;
    mpz_inits(num, den, q, NULL);
    if (shift >= 0) {
        mpz_mul_2exp(num, aa, (mp_bitcnt_t)shift);
        mpz_set(den, bb);
    } else {
        mpz_set(num, aa);
        mpz_mul_2exp(den, bb, (mp_bitcnt_t)-shift);
    }
    mpz_tdiv_qr(q, num, num, den);
    bool sticky = mpz_sgn(num) != 0;
    double r;
    int rc = mpz_scaled_to_double(q, -shift, sticky, &r);
    mpz_clears(num, den, q, NULL);
    if (rc < 0) return -1;
    *out = sign < 0 ? -r : r;
    return 0;
}

double int_as_double(Object *o) {
    if (IS_SMALLINT(o)) return (double)SMALLINT_VALUE(o); /* the cast rounds correctly */
    if (!int_check(o)) return float_as_double(o);
    mpz_srcptr z = ((IntObject *)o)->z;
    if (mpz_fits_slong_p(z)) return (double)mpz_get_si(z);
    double r;
    if (mpz_scaled_to_double(z, 0, false, &r) < 0) {
        err_format(&Exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return r;
}

int int_compare_double(Object *i, double d) {
    if (isnan(d)) return 2;
    if (isinf(d)) return d > 0 ? -1 : 1;
    if (IS_SMALLINT(i)) {
        intptr_t x = SMALLINT_VALUE(i);
        if (x >= -(1LL << 53) && x <= (1LL << 53)) { /* exact as a double */
            double dx = (double)x;
            return (dx > d) - (dx < d);
        }
    }
    /* i vs floor(d): if they differ that decides; else d's fraction does. */
    double fl = floor(d);
    mpz_t f;
    mpz_init_set_d(f, fl);
    IntView v;
    int c = mpz_cmp(int_view(i, &v), f);
    mpz_clear(f);
    if (c != 0) return c > 0 ? 1 : -1;
    return fl == d ? 0 : -1;
}

Object *cmp_result(int c, int op) {
    bool r;
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

/* ---- text ------------------------------------------------------------------ */

static Object *err_str_digits_limit(void) {
    return err_format(&Exc_ValueError,
                      "Exceeds the limit (%zd digits) for integer string conversion; "
                      "use sys.set_int_max_str_digits() to increase the limit",
                      int_max_str_digits);
}

int int_check_str_digits(size_t ndigits) {
    if (int_max_str_digits > 0 && ndigits > (size_t)int_max_str_digits) {
        err_str_digits_limit();
        return -1;
    }
    return 0;
}

Object *int_to_string(Object *o, int base) {
    const char *prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : "";
    if (IS_SMALLINT(o) && base == 10) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%ld", (long)SMALLINT_VALUE(o));
        return str_from_utf8(buf, (size_t)n);
    }
    IntView v;
    mpz_srcptr z = int_view(o, &v);
    mpz_t av;
    mpz_srcptr a = mpz_abs_view(av, z);
    size_t est = mpz_sizeinbase(a, base);
    if (base == 10 && int_max_str_digits > 0 && est > (size_t)int_max_str_digits + 1)
        return err_str_digits_limit();
    char *buf = mem_alloc(est + 5);
    if (!buf) return NULL;
    size_t n = 0;
    if (mpz_sgn(z) < 0) buf[n++] = '-';
    memcpy(buf + n, prefix, strlen(prefix));
    n += strlen(prefix);
    mpz_get_str(buf + n, base, a);
    size_t digits = strlen(buf + n);
    if (base == 10 && int_max_str_digits > 0 && digits > (size_t)int_max_str_digits) {
        mem_free(buf);
        return err_str_digits_limit();
    }
    Object *s = str_from_utf8(buf, n + digits);
    mem_free(buf);
    return s;
}

Object *int_repr(Object *o) { return int_to_string(o, 10); }

/* Length of a whitespace character (as str.isspace() sees it) at p, or 0. */
static size_t space_len(const unsigned char *p, const unsigned char *end) {
    unsigned c = p[0];
    if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return 1;
    if (c < 0x80) return 0;
    if (c == 0xc2 && end - p >= 2 && (p[1] == 0x85 || p[1] == 0xa0)) return 2;
    if (end - p < 3) return 0;
    unsigned cp = ((c & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
    if ((c & 0xf0) != 0xe0) return 0;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202f || cp == 0x205f || cp == 0x3000)
        return 3;
    return 0;
}

void num_strip_spaces(const char **start, const char **end) {
    const unsigned char *p = (const unsigned char *)*start, *e = (const unsigned char *)*end;
    size_t n;
    while (p < e && (n = space_len(p, e)) > 0) p += n;
    while (e > p) {
        if (space_len(e - 1, e) == 1) e--;
        else if (e - p >= 2 && space_len(e - 2, e) == 2) e -= 2;
        else if (e - p >= 3 && space_len(e - 3, e) == 3) e -= 3;
        else break;
    }
    *start = (const char *)p;
    *end = (const char *)e;
}

char *num_unicode_to_ascii(const char *s, size_t len, size_t *outlen) {
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) break;
    if (i == len) return NULL;
    /* int() and float() accept any Unicode decimal digit and space: map them
     * to ASCII; other characters stay as they are (and fail to parse). */
    char *out = mem_alloc(len + 1);
    if (!out) {
        err_clear();
        return NULL;
    }
    size_t n = 0;
    for (i = 0; i < len;) {
        int clen;
        uint32_t cp = utf8_decode((const unsigned char *)s + i, &clen);
        if (cp >= 0x80 && uni_isspace(cp)) {
            out[n++] = ' ';
        } else if (cp >= 0x80 && uni_decimal_value(cp) >= 0) {
            out[n++] = (char)('0' + uni_decimal_value(cp));
        } else {
            memcpy(out + n, s + i, (size_t)clen);
            n += (size_t)clen;
        }
        i += (size_t)clen;
    }
    out[n] = '\0';
    *outlen = n;
    return out;
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Parse an int literal as int() does.  Returns NULL with *invalid set (and
 * no exception) when the text is not a valid literal, NULL with an exception
 * for other failures (digit limit, memory). */
static Object *parse_int(const char *s, size_t len, int base, bool *invalid) {
    const char *p = s, *end = s + len;
    *invalid = false;
    num_strip_spaces(&p, &end);
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    bool prefixed = false;
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            p += 2;
            prefixed = true;
        }
    }
    bool base0_decimal = base == 0;
    if (base == 0) base = 10;

    size_t cap = (size_t)(end - p) + 1;
    char small[64];
    char *digits = cap <= sizeof small ? small : mem_alloc(cap);
    if (!digits) return NULL;
    size_t nd = 0;
    bool last_underscore = !prefixed; /* "0x_1f" is valid, "_1" is not */
    bool ok = true;
    for (; p < end; p++) {
        if (*p == '_') {
            if (last_underscore) { ok = false; break; }
            last_underscore = true;
            continue;
        }
        if (digit_value(*p) >= base) { ok = false; break; }
        digits[nd++] = *p;
        last_underscore = false;
    }
    if (nd == 0 || (last_underscore && nd > 0 && ok)) ok = false;
    if (ok && base0_decimal && digits[0] == '0') {
        for (size_t i = 0; i < nd; i++)
            if (digits[i] != '0') { ok = false; break; }
    }
    Object *result = NULL;
    if (!ok) {
        *invalid = true;
    } else if ((base & (base - 1)) != 0 && int_max_str_digits > 0 &&
               nd > (size_t)int_max_str_digits) {
        err_format(&Exc_ValueError,
                   "Exceeds the limit (%zd digits) for integer string conversion: value has %zu "
                   "digits; use sys.set_int_max_str_digits() to increase the limit",
                   int_max_str_digits, nd);
    } else if (base == 10 && nd <= 18) {
        intptr_t v = 0;
        for (size_t i = 0; i < nd; i++) v = v * 10 + (digits[i] - '0');
        result = int_from_ssize(neg ? -v : v);
    } else {
        digits[nd] = '\0';
        mpz_t z;
        mpz_init_set_str(z, digits, base);
        if (neg) mpz_neg(z, z);
        result = int_from_mpz_move(z);
    }
    if (digits != small) mem_free(digits);
    return result;
}

static Object *err_invalid_literal(int base, Object *shown) {
    return err_format(&Exc_ValueError, "invalid literal for int() with base %d: %R", base, shown);
}

Object *int_from_string(const char *s, size_t len, int base) {
    bool invalid;
    size_t alen;
    char *ascii = num_unicode_to_ascii(s, len, &alen);
    Object *r = ascii ? parse_int(ascii, alen, base, &invalid) : parse_int(s, len, base, &invalid);
    mem_free(ascii);
    if (r || !invalid) return r;
    /* CPython shows at most 200 characters of the text */
    Object *text = str_from_utf8(s, len);
    if (!text) return NULL;
    if (STR_LENGTH(text) > 200) SETREF(text, str_substring(text, 0, 200));
    if (!text) return NULL;
    err_invalid_literal(base, text);
    DECREF(text);
    return NULL;
}

/* int(bytes_like, base): the message shows the bytes object's repr. */
static Object *int_from_bytes_text(Object *o, int base) {
    const char *data;
    intptr_t size;
    if (bytes_like_buffer(o, &data, &size) < 0) return NULL;
    bool invalid;
    Object *r = parse_int(data, (size_t)size, base, &invalid);
    if (r || !invalid) return r;
    return err_invalid_literal(base, o);
}

/* ---- hash ------------------------------------------------------------------ */

#define HASH_MODULUS ((1ULL << 61) - 1)

int64_t int_hash(Object *o) {
    uint64_t m;
    int sign;
    if (IS_SMALLINT(o)) {
        intptr_t x = SMALLINT_VALUE(o);
        sign = x < 0 ? -1 : 1;
        m = (x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x) % HASH_MODULUS;
    } else {
        mpz_srcptr z = ((IntObject *)o)->z;
        sign = mpz_sgn(z) < 0 ? -1 : 1;
        m = mpz_tdiv_ui(z, HASH_MODULUS); /* |z| mod P */
    }
    int64_t h = sign * (int64_t)m;
    return h == -1 ? -2 : h;
}

/* ---- comparison ------------------------------------------------------------ */

static Object *int_richcompare(Object *a, Object *b, int op) {
    int c;
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t x = SMALLINT_VALUE(a), y = SMALLINT_VALUE(b);
        c = (x > y) - (x < y);
    } else if (int_check(a) && int_check(b)) {
        IntView va, vb;
        c = mpz_cmp(int_view(a, &va), int_view(b, &vb));
    } else if (int_check(a) && float_check(b)) {
        c = int_compare_double(a, FLOAT_VALUE(b));
        if (c == 2) return bool_from(op == CMP_NE); /* NaN */
    } else {
        return NEWREF(NotImplemented);
    }
    return cmp_result(c, op);
}

/* ---- construction ------------------------------------------------------------ */

/* The result of __int__/__index__/__trunc__, checked and made exact. */
static Object *exact_int_result(Object *r, const char *dunder, const char *what) {
    if (!r) return NULL;
    if (int_check_exact(r)) return r;
    if (!int_check(r)) {
        err_format(&Exc_TypeError, "%s returned non-%s (type %T)", dunder, what, r);
        DECREF(r);
        return NULL;
    }
    IntView v;
    Object *e = int_from_mpz(int_view(r, &v));
    DECREF(r);
    return e;
}

Object *int_from_object(Object *o) {
    if (int_check_exact(o)) return NEWREF(o);
    TypeObject *t = OBJ_TYPE(o);
    if (t->nb_int) return exact_int_result(t->nb_int(o), "__int__", "int");
    if (t->nb_index) return exact_int_result(t->nb_index(o), "__index__", "int");
    Object *trunc = type_lookup(t, id___trunc__);
    if (trunc) {
        Object *r = call_unbound(trunc, o, NULL, 0, NULL);
        if (!r || int_check(r)) return exact_int_result(r, "__trunc__", "int");
        /* a non-int Integral: ask its __index__ */
        Object *i = obj_index(r);
        if (!i && err_matches(&Exc_TypeError)) {
            err_clear();
            err_format(&Exc_TypeError, "__trunc__ returned non-Integral (type %T)", r);
        }
        DECREF(r);
        return i;
    }
    if (str_check(o)) return int_from_string(STR_DATA(o), (size_t)STR_SIZE(o), 10);
    if (bytes_check(o) || bytearray_check(o)) return int_from_bytes_text(o, 10);
    return err_format(&Exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, "
                      "not '%T'",
                      o);
}

/* An instance of an int subclass with the value of the exact int `v`. */
static Object *int_subtype_new(TypeObject *type, Object *v) {
    IntObject *r = (IntObject *)obj_alloc(type);
    if (!r) return NULL;
    mpz_init(r->z);
    int_to_mpz(v, r->z);
    if (type->flags & TPFLAG_GC) gc_track((Object *)r);
    return (Object *)r;
}

static Object *int_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"", "base", NULL};
    Object *x = NULL, *obase = NULL;
    if (args_parse(args, nargs, kwnames, "|OO:int", kwlist, &x, &obase) < 0) return NULL;
    Object *r;
    if (!obase) {
        r = x ? int_from_object(x) : MAKE_SMALLINT(0);
    } else {
        intptr_t base = obj_as_ssize(obase, NULL);
        if (base == -1 && err_occurred()) return NULL;
        if (base != 0 && (base < 2 || base > 36))
            return err_format(&Exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (!x) return err_format(&Exc_TypeError, "int() missing string argument");
        if (str_check(x))
            r = int_from_string(STR_DATA(x), (size_t)STR_SIZE(x), (int)base);
        else if (bytes_check(x) || bytearray_check(x))
            r = int_from_bytes_text(x, (int)base);
        else
            return err_format(&Exc_TypeError, "int() can't convert non-string with explicit base");
    }
    if (!r || type == &Int_Type) return r;
    Object *s = int_subtype_new(type, r);
    DECREF(r);
    return s;
}

static void int_dealloc(Object *o) {
    mpz_clear(((IntObject *)o)->z);
    obj_free(o);
}

/* ---- the type ---------------------------------------------------------------- */

TypeObject Int_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "int",
    .basicsize = sizeof(IntObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_INT_SUBCLASS,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
           "Convert a number or string to an integer, or return 0 if no arguments\n"
           "are given.",
    .dealloc = int_dealloc,
    .repr = int_repr,
    .hash = int_hash,
    .richcompare = int_richcompare,
    .nb_add = int_nb_add,
    .nb_sub = int_nb_sub,
    .nb_mul = int_nb_mul,
    .nb_truediv = int_nb_truediv,
    .nb_floordiv = int_nb_floordiv,
    .nb_mod = int_nb_mod,
    .nb_divmod = int_nb_divmod,
    .nb_pow = int_nb_pow,
    .nb_lshift = int_nb_lshift,
    .nb_rshift = int_nb_rshift,
    .nb_and = int_nb_and,
    .nb_or = int_nb_or,
    .nb_xor = int_nb_xor,
    .nb_neg = int_nb_neg,
    .nb_pos = int_nb_pos,
    .nb_abs = int_nb_abs,
    .nb_invert = int_nb_invert,
    .nb_int = int_nb_int,
    .nb_index = int_nb_int,
    .nb_float = int_nb_float,
    .nb_bool = int_nb_bool,
    .tp_new = int_new,
    .methods = int_methods,
    .getset = int_getset,
    .base = &Object_Type,
};

void int_init_types(void) {
    type_ready(&Int_Type);
    bool_init();
    type_ready(&Float_Type);
}
