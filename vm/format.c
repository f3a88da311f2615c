/* vm/format.c — the format-spec mini-language (format(), __format__ of int,
 * float and str) and str.format / str.format_map.
 *
 *   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 *
 * A spec is parsed once into FormatSpec; each type then validates it with
 * CPython's messages and renders sign, prefix, digits (with ',' / '_'
 * grouping) and suffix, padded to the width.  Floats go through snprintf
 * (correctly rounded) or float_repr_buf (shortest repr); big ints through
 * GMP.  str.format's parser handles {{ }}, auto/manual numbering, .attr and
 * [key] lookups, !r/!s/!a and nested fields in specs (two levels deep).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/abstract.h"
#include "vm/error.h"
#include "vm/format.h"
#include "vm/objects/float.h"
#include "vm/objects/int.h"
#include "vm/objects/str.h"
#include "vm/objects/text.h"
#include "vm/objects/tuple.h"
#include "vm/objects/type.h"
#include "vm/strbuf.h"
#include "stdlib/numbers.h"

typedef struct FormatSpec {
    uint32_t fill;
    char align;        /* '<' '>' '^' '=' or 0 (type's default) */
    char sign;         /* '+' '-' ' ' or 0 */
    bool z;            /* coerce negative zero */
    bool alt;          /* '#' */
    char grouping;     /* ',' '_' or 0 */
    intptr_t width;    /* -1: none */
    intptr_t precision;/* -1: none */
    char type;         /* 0: none */
} FormatSpec;

static const char *tname(Object *v) { return type_name(OBJ_TYPE(v)); }

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

/* Parse a run of decimal digits at p; -2 on overflow (error set). */
static intptr_t parse_number(const char *p, intptr_t n, intptr_t *i) {
    intptr_t v = -1;
    while (*i < n && p[*i] >= '0' && p[*i] <= '9') {
        intptr_t d = p[*i] - '0';
        if (v < 0) v = 0;
        if (v > (INTPTR_MAX - d) / 10) {
            err_format(&Exc_ValueError, "Too many decimal digits in format string");
            return -2;
        }
        v = v * 10 + d;
        (*i)++;
    }
    return v;
}

static int parse_spec(Object *spec, Object *v, FormatSpec *f, char default_align) {
    const char *p = STR_DATA(spec);
    intptr_t n = STR_SIZE(spec), i = 0;
    f->fill = ' ';
    f->align = 0;
    f->sign = 0;
    f->z = f->alt = false;
    f->grouping = 0;
    f->width = f->precision = -1;
    f->type = 0;
    bool fill_given = false;
    int len0 = 0;
    uint32_t c0 = n > 0 ? utf8_decode((const unsigned char *)p, &len0) : 0;
    if (n > len0 && is_align((unsigned char)p[len0])) {
        f->fill = c0;
        f->align = p[len0];
        fill_given = true;
        i = len0 + 1;
    } else if (n > 0 && is_align(c0)) {
        f->align = (char)c0;
        i = 1;
    }
    if (i < n && (p[i] == '+' || p[i] == '-' || p[i] == ' ')) f->sign = p[i++];
    if (i < n && p[i] == 'z') {
        f->z = true;
        i++;
    }
    if (i < n && p[i] == '#') {
        f->alt = true;
        i++;
    }
    if (i < n && p[i] == '0') {
        /* sign-aware zero padding: numbers only (their default is '>') */
        if (!fill_given) {
            f->fill = '0';
            if (!f->align && default_align == '>') f->align = '=';
        }
        i++;
    }
    intptr_t w = parse_number(p, n, &i);
    if (w == -2) return -1;
    f->width = w;
    if (i < n && (p[i] == ',' || p[i] == '_')) {
        f->grouping = p[i++];
        if (i < n && (p[i] == ',' || p[i] == '_')) {
            err_format(&Exc_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
    }
    if (i < n && p[i] == '.') {
        i++;
        intptr_t prec = parse_number(p, n, &i);
        if (prec == -2) return -1;
        if (prec < 0) {
            err_format(&Exc_ValueError, "Format specifier missing precision");
            return -1;
        }
        f->precision = prec;
    }
    if (n - i > 1) {
        err_format(&Exc_ValueError, "Invalid format specifier '%s' for object of type '%s'", p,
                   tname(v));
        return -1;
    }
    if (i < n) f->type = p[i];
    if (f->grouping) {
        static const char comma_ok[] = "defgEFG%";
        static const char under_ok[] = "defgEFG%boxX";
        const char *ok = f->grouping == ',' ? comma_ok : under_ok;
        if (f->type && !strchr(ok, f->type)) {
            if (f->type >= 32 && f->type < 127)
                err_format(&Exc_ValueError, "Cannot specify '%c' with '%c'.", f->grouping,
                           f->type);
            else
                err_format(&Exc_ValueError, "Cannot specify '%c' with '\\x%x'.", f->grouping,
                           (unsigned char)f->type);
            return -1;
        }
    }
    return 0;
}

static Object *unknown_code(char type, Object *v) {
    if (type > 32 && type < 127)
        return err_format(&Exc_ValueError, "Unknown format code '%c' for object of type '%s'",
                          type, tname(v));
    return err_format(&Exc_ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                      (unsigned)(unsigned char)type, tname(v));
}

static int append_fill(StrBuf *sb, uint32_t fill, intptr_t count) {
    char buf[4];
    int n = utf8_encode(fill, buf);
    for (intptr_t k = 0; k < count; k++)
        if (strbuf_append(sb, buf, (size_t)n) < 0) return -1;
    return 0;
}

/* Pad `body` (a UTF-8 text of `length` code points) to f->width. */
static Object *pad_text(const FormatSpec *f, const char *body, size_t size, intptr_t length,
                        char default_align) {
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t padding = f->width > length ? f->width - length : 0;
    char align = f->align ? f->align : default_align;
    intptr_t left = align == '>' ? padding : align == '^' ? padding / 2 : 0;
    if (append_fill(&sb, f->fill, left) < 0 || strbuf_append(&sb, body, size) < 0 ||
        append_fill(&sb, f->fill, padding - left) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}

/* Group ASCII digits with `sep` every `every` digits, zero-extending the
 * result to at least min_width characters (sign-aware zero padding).
 * Appends to sb; returns 0 / -1. */
static int append_grouped(StrBuf *sb, const char *digits, intptr_t nd, char sep, int every,
                          intptr_t min_width) {
    if (!sep) {
        for (intptr_t k = nd; k < min_width; k++)
            if (strbuf_append_char(sb, '0') < 0) return -1;
        return strbuf_append(sb, digits, (size_t)nd);
    }
    /* build reversed, then reverse */
    intptr_t cap = nd + nd / every + (min_width > 0 ? min_width : 0) + 8;
    char *tmp = mem_alloc((size_t)cap);
    if (!tmp) return -1;
    intptr_t len = 0, in_group = 0, k = nd;
    for (;;) {
        bool have_digit = k > 0;
        if (!have_digit && len >= min_width) break;
        if (in_group == every) {
            tmp[len++] = sep;
            in_group = 0;
        }
        tmp[len++] = have_digit ? digits[--k] : '0';
        in_group++;
    }
    for (intptr_t a = 0, b = len - 1; a < b; a++, b--) {
        char t = tmp[a];
        tmp[a] = tmp[b];
        tmp[b] = t;
    }
    int rc = strbuf_append(sb, tmp, (size_t)len);
    mem_free(tmp);
    return rc;
}

/* Assemble sign + prefix + grouped digits + suffix, padded per the spec.
 * All parts are ASCII except the fill character. */
static Object *render_number(const FormatSpec *f, const char *sign, const char *prefix,
                             const char *digits, intptr_t nd, const char *suffix, int every) {
    intptr_t nsign = (intptr_t)strlen(sign), npre = (intptr_t)strlen(prefix),
             nsuf = (intptr_t)strlen(suffix);
    char align = f->align ? f->align : '>';
    intptr_t min_width = 0;
    if (align == '=' && f->fill == '0' && f->width > 0)
        min_width = f->width - nsign - npre - nsuf;
    StrBuf body;
    strbuf_init(&body);
    if (append_grouped(&body, digits, nd, f->grouping, every, min_width) < 0) {
        strbuf_free(&body);
        return NULL;
    }
    intptr_t total = nsign + npre + (intptr_t)body.len + nsuf;
    intptr_t padding = f->width > total ? f->width - total : 0;
    intptr_t left = 0, mid = 0;
    if (align == '>') left = padding;
    else if (align == '^') left = padding / 2;
    else if (align == '=') mid = padding;
    intptr_t right = padding - left - mid;
    StrBuf sb;
    strbuf_init(&sb);
    int rc = append_fill(&sb, f->fill, left);
    if (!rc) rc = strbuf_append(&sb, sign, (size_t)nsign);
    if (!rc) rc = strbuf_append(&sb, prefix, (size_t)npre);
    if (!rc) rc = append_fill(&sb, f->fill, mid);
    if (!rc) rc = strbuf_append(&sb, body.data, body.len);
    if (!rc) rc = strbuf_append(&sb, suffix, (size_t)nsuf);
    if (!rc) rc = append_fill(&sb, f->fill, right);
    strbuf_free(&body);
    if (rc < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}

static const char *sign_text(const FormatSpec *f, bool negative) {
    if (negative) return "-";
    if (f->sign == '+') return "+";
    if (f->sign == ' ') return " ";
    return "";
}

/* ---- str ------------------------------------------------------------------------- */

Object *format_str(Object *v, Object *spec) {
    if (!spec || STR_SIZE(spec) == 0) return obj_str(v);
    FormatSpec f;
    if (parse_spec(spec, v, &f, '<') < 0) return NULL;
    if (f.type && f.type != 's') return unknown_code(f.type, v);
    if (f.sign) return err_format(&Exc_ValueError, "Sign not allowed in string format specifier");
    if (f.z)
        return err_format(&Exc_ValueError,
                          "Negative zero coercion (z) not allowed in string format specifier");
    if (f.alt)
        return err_format(&Exc_ValueError,
                          "Alternate form (#) not allowed in string format specifier");
    if (f.align == '=')
        return err_format(&Exc_ValueError, "'=' alignment not allowed in string format specifier");
    if (f.grouping)
        return err_format(&Exc_ValueError, "Cannot specify '%c' with 's'.", f.grouping);
    intptr_t length = STR_LENGTH(v);
    size_t size = (size_t)STR_SIZE(v);
    if (f.precision >= 0 && f.precision < length) {
        length = f.precision;
        size = (size_t)str_byte_offset(v, length);
    }
    if (f.width <= length && size == (size_t)STR_SIZE(v)) return obj_str(v);
    return pad_text(&f, STR_DATA(v), size, length, '<');
}

/* ---- float ------------------------------------------------------------------------- */

/* "%.*f" of a finite x >= 0 without printf, for the common small cases
 * (prec <= 9, x * 10**prec below 2**52).  printf's exact decimal expansion
 * is costly; here the scaled value is rounded half-to-even exactly: fma
 * gives the rounding error of x * 10**prec, so the true product is y + err
 * and only its position against the half-way point matters.  Returns the
 * length written to buf (at least 32 bytes), or -1 to leave it to printf. */
int format_fixed_fast(double x, int prec, char *buf) {
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    static const uint64_t ipow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000,
                                      10000000, 100000000, 1000000000};
    if (prec < 0 || prec > 9 || !(x >= 0.0) || (x != 0.0 && x < 1e-200)) return -1;
    double y = x * pow10[prec];
    if (!(y < 4503599627370496.0)) return -1;   /* 2**52: floor and fraction exact */
    double err = fma(x, pow10[prec], -y);       /* x * 10**prec == y + err exactly */
    double fl = floor(y);
    /* y - fl is exact; so is (y - fl) - 0.5 (Sterbenz above 0.25, a multiple
     * of ulp(y) >= 2**-52 below when y >= 1, and y < 0.25 is far from half);
     * adding err then keeps the sign of the exact difference. */
    double d = ((y - fl) - 0.5) + err;
    uint64_t n = (uint64_t)fl;
    if (d > 0 || (d == 0 && (n & 1))) n++;
    uint64_t ip = n / ipow10[prec], fp = n % ipow10[prec];
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    int len = 0;
    while (k) buf[len++] = tmp[--k];
    if (prec) {
        buf[len++] = '.';
        for (int j = prec - 1; j >= 0; j--) {
            buf[len + j] = (char)('0' + fp % 10);
            fp /= 10;
        }
        len += prec;
    }
    buf[len] = '\0';
    return len;
}

/* Text for a finite or special double in the given presentation type (no sign,
 * no grouping).  Writes into buf (cap bytes). */
static void float_body(double x, const FormatSpec *f, char type, char *buf, size_t cap) {
    /* x >= 0 here */
    if (isinf(x)) {
        snprintf(buf, cap, "inf");
        return;
    }
    if (isnan(x)) {
        snprintf(buf, cap, "nan");
        return;
    }
    int prec = f->precision < 0 ? 6 : (int)(f->precision > 1000000 ? 1000000 : f->precision);
    switch (type) {
    case 'e':
        snprintf(buf, cap, f->alt ? "%#.*e" : "%.*e", prec, x);
        return;
    case 'f':
    case '%':
        if (!f->alt && format_fixed_fast(x, prec, buf) >= 0) return;
        snprintf(buf, cap, f->alt ? "%#.*f" : "%.*f", prec, x);
        return;
    case 'g':
        snprintf(buf, cap, f->alt ? "%#.*g" : "%.*g", prec ? prec : 1, x);
        return;
    case 'r':
        float_repr_buf(x, buf);
        if (f->alt && !strchr(buf, '.')) {
            /* '#': keep a point even in exponent form ('1.e+16') */
            char *e = strchr(buf, 'e');
            if (e) {
                memmove(e + 1, e, strlen(e) + 1);
                *e = '.';
            }
        }
        return;
    default: {
        /* '' with a precision: like 'g' but fixed notation keeps one digit
         * after the point, so it switches to exponent one digit earlier */
        int p = prec ? prec : 1;
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
        int exp10 = atoi(strchr(tmp, 'e') + 1);
        if (exp10 < -4 || exp10 >= p - 1) {
            snprintf(buf, cap, f->alt ? "%#.*e" : "%.*e", p - 1, x);
            char *e = strchr(buf, 'e');
            if (!f->alt && strchr(buf, '.')) {
                /* drop trailing zeros (and a bare point) of the mantissa */
                char *q = e;
                while (q[-1] == '0') q--;
                if (q[-1] == '.') q--;
                memmove(q, e, strlen(e) + 1);
            }
            return;
        }
        snprintf(buf, cap, "%.*f", p - 1 - exp10, x);
        if (!f->alt && strchr(buf, '.')) {
            size_t n = strlen(buf);
            while (buf[n - 1] == '0') buf[--n] = '\0';
            if (buf[n - 1] == '.') buf[n - 1] = '\0';
        }
        if (!strchr(buf, '.')) strcat(buf, f->alt ? "." : ".0");
        if (f->alt && buf[strlen(buf) - 1] == '.') strcat(buf, "0");
        return;
    }
    }
}

static Object *format_double(double x, const FormatSpec *f, Object *v) {
    char type = f->type;
    bool upper = type == 'E' || type == 'F' || type == 'G';
    char base;
    switch (type) {
    case 'e': case 'E': base = 'e'; break;
    case 'f': case 'F': base = 'f'; break;
    case 'g': case 'G': case 'n': base = 'g'; break;
    case '%': base = '%'; break;
    case 0: base = f->precision < 0 ? 'r' : 0; break;
    default: return unknown_code(type, v);
    }
    bool negative = signbit(x) && !isnan(x);
    double ax = fabs(x);
    if (base == '%') ax *= 100.0;
    intptr_t prec = f->precision;
    size_t cap = 64 + (size_t)(prec > 0 ? prec : 0) + (ax > 1e15 && (base == 'f' || base == '%') ? 320 : 0);
    char *buf = mem_alloc(cap);
    if (!buf) return NULL;
    float_body(ax, f, base, buf, cap);
    if (upper)
        for (char *q = buf; *q; q++)
            if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 32);
    if (negative && f->z) {
        /* negative zero after rounding: drop the sign */
        bool all_zero = true;
        for (char *q = buf; *q && *q != 'e' && *q != 'E'; q++)
            if (*q >= '1' && *q <= '9') all_zero = false;
        if (all_zero && isfinite(x)) negative = false;
    }
    /* split into integer digits and the rest */
    size_t nd = strspn(buf, "0123456789");
    if (isinf(ax) || isnan(ax)) nd = 0;
    const char *rest = buf + nd;
    char *suffix = NULL;
    if (base == '%') {
        suffix = mem_alloc(strlen(rest) + 2);
        if (!suffix) {
            mem_free(buf);
            return NULL;
        }
        strcpy(suffix, rest);
        strcat(suffix, "%");
    }
    Object *r;
    if (nd == 0) {
        /* inf / nan: no zero padding inside the number */
        FormatSpec g = *f;
        g.grouping = 0;
        r = render_number(&g, sign_text(f, negative), "", "", 0, suffix ? suffix : buf, 3);
    } else {
        r = render_number(f, sign_text(f, negative), "", buf, (intptr_t)nd,
                          suffix ? suffix : rest, 3);
    }
    if (suffix) mem_free(suffix);
    mem_free(buf);
    return r;
}

Object *format_float(Object *v, Object *spec) {
    if (!spec || STR_SIZE(spec) == 0) return obj_str(v);
    FormatSpec f;
    if (parse_spec(spec, v, &f, '>') < 0) return NULL;
    double x = float_check(v) ? FLOAT_VALUE(v) : float_as_double(v);
    if (x == -1.0 && err_occurred()) return NULL;
    return format_double(x, &f, v);
}

/* ---- int ----------------------------------------------------------------------------- */

Object *format_int(Object *v, Object *spec) {
    if (!spec || STR_SIZE(spec) == 0) return obj_str(v);
    FormatSpec f;
    if (parse_spec(spec, v, &f, '>') < 0) return NULL;
    char type = f.type;
    switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double x = int_as_double(v);
        if (x == -1.0 && err_occurred()) return NULL;
        return format_double(x, &f, v);
    }
    case 0: case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c':
        break;
    default:
        return unknown_code(type, v);
    }
    if (f.precision >= 0)
        return err_format(&Exc_ValueError, "Precision not allowed in integer format specifier");
    if (f.z)
        return err_format(&Exc_ValueError,
                          "Negative zero coercion (z) not allowed in integer format specifier");
    if (type == 'c') {
        if (f.sign)
            return err_format(&Exc_ValueError,
                              "Sign not allowed with integer format specifier 'c'");
        if (f.alt)
            return err_format(&Exc_ValueError,
                              "Alternate form (#) not allowed with integer format specifier 'c'");
        long long cp = int_as_long(v);
        if (cp == -1 && err_occurred()) return NULL;
        if (cp < 0 || cp > 0x10FFFF)
            return err_format(&Exc_OverflowError, "%%c arg not in range(0x110000)");
        char buf[4];
        int n = utf8_encode((uint32_t)cp, buf);
        FormatSpec g = f;
        if (g.align == '=') g.align = '>';   /* no sign: '=' pads on the left */
        return pad_text(&g, buf, (size_t)n, 1, '>');
    }
    int base = 10;
    const char *prefix = "";
    if (type == 'b') base = 2, prefix = "0b";
    else if (type == 'o') base = 8, prefix = "0o";
    else if (type == 'x') base = 16, prefix = "0x";
    else if (type == 'X') base = 16, prefix = "0X";
    if (!f.alt) prefix = "";
    char small[80];
    char *digits = small;
    bool negative;
    if (IS_SMALLINT(v)) {
        intptr_t x = SMALLINT_VALUE(v);
        negative = x < 0;
        uintptr_t u = negative ? (uintptr_t)0 - (uintptr_t)x : (uintptr_t)x;
        char tmp[80];
        int k = 0;
        do {
            unsigned d = (unsigned)(u % (unsigned)base);
            tmp[k++] = (char)(d < 10 ? '0' + d : (type == 'X' ? 'A' : 'a') + d - 10);
            u /= (unsigned)base;
        } while (u);
        for (int j = 0; j < k; j++) small[j] = tmp[k - 1 - j];
        small[k] = '\0';
    } else {
        mpz_t z;
        mpz_init(z);
        int_to_mpz(v, z);
        negative = mpz_sgn(z) < 0;
        mpz_abs(z, z);
        digits = mpz_get_str(NULL, type == 'X' ? -16 : base, z);
        mpz_clear(z);
        if (base == 10 && int_check_str_digits(strlen(digits)) < 0) {
            void (*freefunc)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &freefunc);
            freefunc(digits, strlen(digits) + 1);
            return NULL;
        }
    }
    int every = (base == 10) ? 3 : 4;
    Object *r = render_number(&f, sign_text(&f, negative), prefix, digits,
                              (intptr_t)strlen(digits), "", every);
    if (digits != small) {
        void (*freefunc)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefunc);
        freefunc(digits, strlen(digits) + 1);
    }
    return r;
}

/* ---- str.format ------------------------------------------------------------------------ */

typedef struct FormatArgs {
    Object *const *args;
    size_t nargs;
    Object *kwnames;     /* tuple or NULL (format()) */
    Object *mapping;     /* format_map's mapping, else NULL */
    intptr_t auto_index; /* next automatic index; -1: manual numbering in use */
    bool used_auto;
} FormatArgs;

static Object *lookup_keyword(FormatArgs *fa, const char *name, size_t n) {
    Object *key = str_from_utf8(name, n);
    if (!key) return NULL;
    if (fa->mapping) {
        Object *r = obj_getitem(fa->mapping, key);
        DECREF(key);
        return r;
    }
    if (fa->kwnames) {
        intptr_t nk = TUPLE_SIZE(fa->kwnames);
        for (intptr_t k = 0; k < nk; k++)
            if (str_eq(TUPLE_GET(fa->kwnames, k), key)) {
                DECREF(key);
                return NEWREF(fa->args[fa->nargs + (size_t)k]);
            }
    }
    err_set_object(&Exc_KeyError, key);
    DECREF(key);
    return NULL;
}

static bool all_digits(const char *p, size_t n) {
    if (n == 0) return false;
    for (size_t k = 0; k < n; k++)
        if (p[k] < '0' || p[k] > '9') return false;
    return true;
}

/* Resolve "name(.attr|[key])*" to an object (new reference). */
static Object *get_field(FormatArgs *fa, const char *p, size_t n) {
    size_t i = 0;
    while (i < n && p[i] != '.' && p[i] != '[') i++;
    Object *obj;
    if (i == 0) {
        if (fa->mapping) {
            return err_format(&Exc_ValueError, "Format string contains positional fields");
        }
        if (fa->auto_index < 0)
            return err_format(&Exc_ValueError,
                              "cannot switch from manual field specification to automatic "
                              "field numbering");
        fa->used_auto = true;
        intptr_t idx = fa->auto_index++;
        if ((size_t)idx >= fa->nargs)
            return err_format(&Exc_IndexError,
                              "Replacement index %zd out of range for positional args tuple",
                              (ssize_t)idx);
        obj = NEWREF(fa->args[idx]);
    } else if (all_digits(p, i)) {
        if (fa->used_auto)
            return err_format(&Exc_ValueError,
                              "cannot switch from automatic field numbering to manual field "
                              "specification");
        fa->auto_index = -1;
        if (fa->mapping)
            return err_format(&Exc_ValueError, "Format string contains positional fields");
        intptr_t idx = 0;
        for (size_t k = 0; k < i; k++) {
            if (idx > (INTPTR_MAX - 9) / 10)
                return err_format(&Exc_ValueError, "Too many decimal digits in format string");
            idx = idx * 10 + (p[k] - '0');
        }
        if ((size_t)idx >= fa->nargs)
            return err_format(&Exc_IndexError,
                              "Replacement index %zd out of range for positional args tuple",
                              (ssize_t)idx);
        obj = NEWREF(fa->args[idx]);
    } else {
        obj = lookup_keyword(fa, p, i);
        if (!obj) return NULL;
    }
    while (i < n) {
        Object *next;
        if (p[i] == '.') {
            size_t s = ++i;
            while (i < n && p[i] != '.' && p[i] != '[') i++;
            if (i == s) {
                DECREF(obj);
                return err_format(&Exc_ValueError, "Empty attribute in format string");
            }
            Object *name = str_from_utf8(p + s, i - s);
            next = name ? obj_getattr(obj, name) : NULL;
            XDECREF(name);
        } else if (p[i] == '[') {
            size_t s = ++i;
            while (i < n && p[i] != ']') i++;
            if (i >= n) {
                DECREF(obj);
                return err_format(&Exc_ValueError, "Missing ']' in format field");
            }
            if (i == s) {
                DECREF(obj);
                return err_format(&Exc_ValueError, "Empty attribute in format string");
            }
            Object *key = all_digits(p + s, i - s) ? int_from_string(p + s, i - s, 10)
                                                   : str_from_utf8(p + s, i - s);
            next = key ? obj_getitem(obj, key) : NULL;
            XDECREF(key);
            i++;
            if (i < n && p[i] != '.' && p[i] != '[') {
                XDECREF(next);
                DECREF(obj);
                return err_format(&Exc_ValueError,
                                  "Only '.' or '[' may follow ']' in format field specifier");
            }
        } else {
            DECREF(obj);
            return err_format(&Exc_ValueError,
                              "Only '.' or '[' may follow ']' in format field specifier");
        }
        DECREF(obj);
        if (!next) return NULL;
        obj = next;
    }
    return obj;
}

static int build_string(StrBuf *out, const char *p, intptr_t n, FormatArgs *fa, int depth);

/* One replacement field's text p[0..n) (without the braces). */
static int render_field(StrBuf *out, const char *p, intptr_t n, FormatArgs *fa, int depth) {
    /* field name ends at '!' or ':' outside brackets */
    intptr_t i = 0;
    while (i < n && p[i] != '!' && p[i] != ':') {
        if (p[i] == '[') {
            while (i < n && p[i] != ']') i++;
            if (i >= n) break;
        }
        i++;
    }
    intptr_t name_end = i;
    char conv = 0;
    if (i < n && p[i] == '!') {
        if (i + 1 >= n) {
            err_format(&Exc_ValueError, "unmatched '{' in format spec");
            return -1;
        }
        conv = p[i + 1];
        i += 2;
        if (i < n && p[i] != ':') {
            err_format(&Exc_ValueError, "expected ':' after conversion specifier");
            return -1;
        }
    }
    const char *spec = "";
    intptr_t nspec = 0;
    if (i < n && p[i] == ':') {
        spec = p + i + 1;
        nspec = n - i - 1;
    }
    Object *obj = get_field(fa, p, (size_t)name_end);
    if (!obj) return -1;
    if (conv) {
        Object *c;
        switch (conv) {
        case 'r': c = obj_repr(obj); break;
        case 's': c = obj_str(obj); break;
        case 'a': c = obj_ascii(obj); break;
        default:
            DECREF(obj);
            if ((unsigned char)conv < 128 && conv >= 32)
                err_format(&Exc_ValueError, "Unknown conversion specifier %c", conv);
            else
                err_format(&Exc_ValueError, "Unknown conversion specifier \\x%x",
                           (unsigned)(unsigned char)conv);
            return -1;
        }
        DECREF(obj);
        if (!c) return -1;
        obj = c;
    }
    Object *specobj;
    if (memchr(spec, '{', (size_t)nspec)) {
        StrBuf sb;
        strbuf_init(&sb);
        if (build_string(&sb, spec, nspec, fa, depth - 1) < 0) {
            strbuf_free(&sb);
            DECREF(obj);
            return -1;
        }
        specobj = strbuf_finish(&sb);
    } else {
        specobj = str_from_utf8(spec, (size_t)nspec);
    }
    if (!specobj) {
        DECREF(obj);
        return -1;
    }
    Object *text;
    if (str_check_exact(obj) && STR_SIZE(specobj) == 0) text = NEWREF(obj);
    else text = obj_format(obj, specobj);
    DECREF(specobj);
    DECREF(obj);
    if (!text) return -1;
    int rc = strbuf_append_str(out, text);
    DECREF(text);
    return rc;
}

static int build_string(StrBuf *out, const char *p, intptr_t n, FormatArgs *fa, int depth) {
    if (depth <= 0) {
        err_format(&Exc_ValueError, "Max string recursion exceeded");
        return -1;
    }
    intptr_t i = 0;
    while (i < n) {
        intptr_t s = i;
        while (i < n && p[i] != '{' && p[i] != '}') i++;
        if (i > s && strbuf_append(out, p + s, (size_t)(i - s)) < 0) return -1;
        if (i >= n) break;
        char c = p[i];
        if (i + 1 < n && p[i + 1] == c) {   /* {{ or }} */
            if (strbuf_append_char(out, c) < 0) return -1;
            i += 2;
            continue;
        }
        if (c == '}') {
            err_format(&Exc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        if (i + 1 >= n) {
            err_format(&Exc_ValueError, "Single '{' encountered in format string");
            return -1;
        }
        /* find the matching '}' (specs may nest one level of braces) */
        intptr_t j = i + 1, level = 1;
        bool in_bracket = false;
        while (j < n) {
            char d = p[j];
            if (in_bracket) {
                if (d == ']') in_bracket = false;
            } else if (d == '[' && level == 1) {
                in_bracket = true;
            } else if (d == '{') {
                level++;
            } else if (d == '}') {
                if (--level == 0) break;
            }
            j++;
        }
        if (j >= n) {
            err_format(&Exc_ValueError, "expected '}' before end of string");
            return -1;
        }
        if (render_field(out, p + i + 1, j - i - 1, fa, depth) < 0) return -1;
        i = j + 1;
    }
    return 0;
}

Object *str_format_method(Object *fmt, Object *const *args, size_t nargs, Object *kwnames) {
    FormatArgs fa = {args, nargs, kwnames, NULL, 0, false};
    StrBuf sb;
    strbuf_init(&sb);
    if (build_string(&sb, STR_DATA(fmt), STR_SIZE(fmt), &fa, 2) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}

Object *str_format_map(Object *fmt, Object *mapping) {
    FormatArgs fa = {NULL, 0, NULL, mapping, 0, false};
    StrBuf sb;
    strbuf_init(&sb);
    if (build_string(&sb, STR_DATA(fmt), STR_SIZE(fmt), &fa, 2) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}
