/* vm/format_percent.c — printf-style formatting: `str % args` and
 * `bytes % args`.
 *
 *   %[(key)][flags][width|*][.precision|*][h|l|L]conversion
 *
 * One engine serves both: `is_bytes` selects bytes semantics (%s/%b take
 * bytes-like objects, %r/%a give ascii(), %c takes a byte).  Arguments come
 * from a tuple, a single value, or a mapping for %(key) conversions (any
 * object with __getitem__ that is not a tuple or str, as in CPython).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vm/abstract.h"
#include "vm/error.h"
#include "vm/format.h"
#include "vm/objects/bytes.h"
#include "vm/objects/float.h"
#include "vm/objects/int.h"
#include "vm/objects/str.h"
#include "vm/objects/text.h"
#include "vm/objects/tuple.h"
#include "vm/objects/type.h"
#include "vm/strbuf.h"
#include "stdlib/numbers.h"

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct PercentState {
    Object *const *items;  /* positional arguments */
    intptr_t nitems, next;
    Object *dict;          /* mapping for %(key), or NULL */
    bool used_key;
    bool is_bytes;
} PercentState;

static Object *next_arg(PercentState *st) {
    if (st->next >= st->nitems)
        return err_format(&Exc_TypeError, "not enough arguments for format string");
    return st->items[st->next++];
}

/* Append text (length in code points) padded to width; zero padding goes
 * after the sign/prefix (the first `lead` bytes). */
static int emit_padded(StrBuf *sb, const char *text, size_t n, intptr_t length, int flags,
                       intptr_t width, size_t lead, bool allow_zero) {
    intptr_t pad = width > length ? width - length : 0;
    if (flags & F_LJUST) {
        if (strbuf_append(sb, text, n) < 0) return -1;
        for (intptr_t k = 0; k < pad; k++)
            if (strbuf_append_char(sb, ' ') < 0) return -1;
        return 0;
    }
    if ((flags & F_ZERO) && allow_zero) {
        if (strbuf_append(sb, text, lead) < 0) return -1;
        for (intptr_t k = 0; k < pad; k++)
            if (strbuf_append_char(sb, '0') < 0) return -1;
        return strbuf_append(sb, text + lead, n - lead);
    }
    for (intptr_t k = 0; k < pad; k++)
        if (strbuf_append_char(sb, ' ') < 0) return -1;
    return strbuf_append(sb, text, n);
}

/* %d %i %u %x %X %o */
static int emit_int(StrBuf *sb, Object *v, char conv, int flags, intptr_t width, intptr_t prec) {
    int base = conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10;
    char small[72];
    char *digits = small;
    bool negative, from_gmp = !IS_SMALLINT(v);
    if (!from_gmp) {
        /* the common case: digits without a GMP round trip */
        intptr_t x = SMALLINT_VALUE(v);
        negative = x < 0;
        uintptr_t u = negative ? (uintptr_t)0 - (uintptr_t)x : (uintptr_t)x;
        const char *dig = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        char *q = small + sizeof small;
        *--q = '\0';
        do {
            *--q = dig[u % (unsigned)base];
            u /= (unsigned)base;
        } while (u);
        digits = q;
    } else {
        mpz_t z;
        mpz_init(z);
        int_to_mpz(v, z);
        negative = mpz_sgn(z) < 0;
        mpz_abs(z, z);
        digits = mpz_get_str(NULL, conv == 'X' ? -16 : base, z);
        mpz_clear(z);
        if (base == 10 && int_check_str_digits(strlen(digits)) < 0) {
            void (*freefunc)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &freefunc);
            freefunc(digits, strlen(digits) + 1);
            return -1;
        }
    }
    size_t nd = strlen(digits);
    StrBuf t;
    strbuf_init(&t);
    const char *sign = negative ? "-" : (flags & F_SIGN) ? "+" : (flags & F_BLANK) ? " " : "";
    const char *prefix = "";
    if (flags & F_ALT) prefix = conv == 'x' ? "0x" : conv == 'X' ? "0X" : conv == 'o' ? "0o" : "";
    int rc = strbuf_append_cstr(&t, sign);
    if (!rc) rc = strbuf_append_cstr(&t, prefix);
    for (intptr_t k = (intptr_t)nd; !rc && k < prec; k++) rc = strbuf_append_char(&t, '0');
    if (!rc) rc = strbuf_append(&t, digits, nd);
    if (from_gmp) {
        void (*freefunc)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefunc);
        freefunc(digits, nd + 1);
    }
    if (!rc)
        rc = emit_padded(sb, t.data, t.len, (intptr_t)t.len, flags, width,
                         strlen(sign) + strlen(prefix), true);
    strbuf_free(&t);
    return rc;
}

static int emit_float(StrBuf *sb, double x, char conv, int flags, intptr_t width,
                      intptr_t prec) {
    if (prec < 0) prec = 6;
    if (prec > 10000) prec = 10000;
    bool negative = signbit(x) && !isnan(x);
    const char *sign = negative ? "-" : (flags & F_SIGN) ? "+" : (flags & F_BLANK) ? " " : "";
    bool upper = conv == 'E' || conv == 'F' || conv == 'G';
    size_t cap = 400 + (size_t)prec;
    char *buf = mem_alloc(cap);
    if (!buf) return -1;
    size_t ns = strlen(sign);
    memcpy(buf, sign, ns);
    if (isinf(x) || isnan(x)) {
        strcpy(buf + ns, isinf(x) ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan"));
    } else {
        if ((conv != 'f' && conv != 'F') || (flags & F_ALT) ||
            format_fixed_fast(fabs(x), (int)prec, buf + ns) < 0) {
            char cfmt[16];
            snprintf(cfmt, sizeof cfmt, "%%%s.*%c", (flags & F_ALT) ? "#" : "", conv);
            snprintf(buf + ns, cap - ns, cfmt, (int)prec, fabs(x));
        }
    }
    size_t n = strlen(buf);
    int rc = emit_padded(sb, buf, n, (intptr_t)n, flags, width, ns, true);
    mem_free(buf);
    return rc;
}

static bool is_number_like(Object *v) {
    TypeObject *t = OBJ_TYPE(v);
    return int_check(v) || float_check(v) || t->nb_index || t->nb_int || t->nb_float;
}

/* The bytes of %s/%b in bytes formatting (new bytes reference). */
static Object *bytes_of(Object *v) {
    if (bytes_check(v)) return NEWREF(v);
    const char *data;
    intptr_t n;
    if (bytearray_check(v) && bytes_like_buffer(v, &data, &n) == 0)
        return bytes_from_buf(data, (size_t)n);
    Object *r;
    int found = obj_lookup_attr(v, str_intern_cstr("__bytes__"), &r);
    if (found < 0) return NULL;
    if (found) {
        Object *b = obj_call0(r);
        DECREF(r);
        if (b && !bytes_check(b)) {
            err_format(&Exc_TypeError, "__bytes__ returned non-bytes (type %s)",
                       type_name(OBJ_TYPE(b)));
            DECREF(b);
            return NULL;
        }
        return b;
    }
    return err_format(&Exc_TypeError,
                      "%%b requires a bytes-like object, or an object that implements "
                      "__bytes__, not '%s'",
                      type_name(OBJ_TYPE(v)));
}

static int convert_one(StrBuf *sb, PercentState *st, Object *v, uint32_t conv, int flags,
                       intptr_t width, intptr_t prec) {
    switch (conv) {
    case 's': case 'r': case 'a': case 'b': {
        Object *text;
        if (st->is_bytes) {
            if (conv == 'r' || conv == 'a') {
                Object *a = obj_ascii(v);
                if (!a) return -1;
                text = bytes_from_buf(STR_DATA(a), (size_t)STR_SIZE(a));
                DECREF(a);
            } else {
                text = bytes_of(v);
            }
            if (!text) return -1;
            size_t n = (size_t)BYTES_SIZE(text);
            if (prec >= 0 && (size_t)prec < n) n = (size_t)prec;
            int rc = emit_padded(sb, BYTES_DATA(text), n, (intptr_t)n, flags & ~F_ZERO, width, 0,
                                 false);
            DECREF(text);
            return rc;
        }
        if (conv == 'b') goto unsupported;
        text = conv == 's' ? obj_str(v) : conv == 'r' ? obj_repr(v) : obj_ascii(v);
        if (!text) return -1;
        intptr_t length = STR_LENGTH(text);
        size_t n = (size_t)STR_SIZE(text);
        if (prec >= 0 && prec < length) {
            length = prec;
            n = (size_t)str_byte_offset(text, prec);
        }
        int rc = emit_padded(sb, STR_DATA(text), n, length, flags, width, 0, false);
        DECREF(text);
        return rc;
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        Object *iv;
        bool decimal = conv == 'd' || conv == 'i' || conv == 'u';
        if (int_check(v)) {
            iv = NEWREF(v);
        } else if (decimal && is_number_like(v)) {
            iv = obj_int(v);
        } else if (!decimal && OBJ_TYPE(v)->nb_index) {
            iv = obj_index(v);
        } else {
            err_format(&Exc_TypeError, decimal ? "%%%c format: a real number is required, not %s"
                                               : "%%%c format: an integer is required, not %s",
                       (char)conv, type_name(OBJ_TYPE(v)));
            return -1;
        }
        if (!iv) return -1;
        int rc = emit_int(sb, iv, (char)conv, flags, width, prec);
        DECREF(iv);
        return rc;
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        if (!is_number_like(v)) {
            err_format(&Exc_TypeError, "must be real number, not %s", type_name(OBJ_TYPE(v)));
            return -1;
        }
        double x = float_as_double(v);
        if (x == -1.0 && err_occurred()) return -1;
        return emit_float(sb, x, (char)conv, flags, width, prec);
    }
    case 'c': {
        char buf[4];
        int n;
        if (st->is_bytes) {
            if (bytes_check(v) || bytearray_check(v)) {
                const char *data;
                intptr_t len;
                if (bytes_like_buffer(v, &data, &len) < 0) return -1;
                if (len != 1) goto bad_byte;
                buf[0] = data[0];
            } else if (int_check(v)) {
                long long c = int_as_long(v);
                if ((c == -1 && err_occurred()) || c < 0 || c > 255) {
                    err_clear();
                    err_format(&Exc_OverflowError, "%%c arg not in range(256)");
                    return -1;
                }
                buf[0] = (char)c;
            } else {
            bad_byte:
                err_format(&Exc_TypeError,
                           "%%c requires an integer in range(256) or a single byte");
                return -1;
            }
            return emit_padded(sb, buf, 1, 1, flags & ~F_ZERO, width, 0, false);
        }
        if (str_check(v)) {
            if (STR_LENGTH(v) != 1) {
                err_format(&Exc_TypeError, "%%c requires int or char");
                return -1;
            }
            return emit_padded(sb, STR_DATA(v), (size_t)STR_SIZE(v), 1, flags, width, 0, false);
        }
        if (!int_check(v) && !OBJ_TYPE(v)->nb_index) {
            err_format(&Exc_TypeError, "%%c requires int or char");
            return -1;
        }
        Object *iv = obj_index(v);
        if (!iv) return -1;
        long long c = int_as_long(iv);
        DECREF(iv);
        if ((c == -1 && err_occurred()) || c < 0 || c > 0x10FFFF) {
            err_clear();
            err_format(&Exc_OverflowError, "%%c arg not in range(0x110000)");
            return -1;
        }
        n = utf8_encode((uint32_t)c, buf);
        return emit_padded(sb, buf, (size_t)n, 1, flags, width, 0, false);
    }
    case '%':
        return emit_padded(sb, "%", 1, 1, flags, width, 0, false);
    default:
    unsupported:
        return -2;
    }
}

/* Parse a '*' or digits field. */
static int star_or_number(PercentState *st, const char *p, intptr_t n, intptr_t *i,
                          intptr_t *out, int *flags, bool is_width) {
    if (*i < n && p[*i] == '*') {
        (*i)++;
        Object *v = next_arg(st);
        if (!v) return -1;
        if (!int_check(v)) {
            err_format(&Exc_TypeError, "* wants int");
            return -1;
        }
        intptr_t x = int_as_ssize(v);
        if (x == -1 && err_occurred()) return -1;
        if (x < 0) {
            if (is_width) {
                *flags |= F_LJUST;
                x = -x;
            } else {
                x = 0;
            }
        }
        *out = x;
        return 0;
    }
    intptr_t v = -1;
    while (*i < n && p[*i] >= '0' && p[*i] <= '9') {
        if (v < 0) v = 0;
        if (v > (INTPTR_MAX - 9) / 10) {
            err_format(&Exc_ValueError, is_width ? "width too big" : "precision too big");
            return -1;
        }
        v = v * 10 + (p[*i] - '0');
        (*i)++;
    }
    if (v >= 0) *out = v;
    else if (!is_width) *out = 0;   /* "%.f" means precision 0 */
    return 0;
}

static int percent_engine(StrBuf *sb, const char *p, intptr_t n, Object *args, bool is_bytes) {
    PercentState st = {NULL, 0, 0, NULL, false, is_bytes};
    if (tuple_check(args)) {
        st.items = TUPLE_ITEMS(args);
        st.nitems = TUPLE_SIZE(args);
    } else {
        st.items = &args;
        st.nitems = 1;
        TypeObject *t = OBJ_TYPE(args);
        if (t->getitem && !str_check(args) &&
            !(is_bytes && (bytes_check(args) || bytearray_check(args))))
            st.dict = args;
    }
    intptr_t i = 0;
    while (i < n) {
        const char *pct = memchr(p + i, '%', (size_t)(n - i));
        intptr_t lit_end = pct ? pct - p : n;
        if (lit_end > i && strbuf_append(sb, p + i, (size_t)(lit_end - i)) < 0) return -1;
        if (!pct) break;
        i = lit_end + 1;
        if (i >= n) {
            err_format(&Exc_ValueError, "incomplete format");
            return -1;
        }
        if (p[i] == '%') {
            if (strbuf_append_char(sb, '%') < 0) return -1;
            i++;
            continue;
        }
        Object *keyed = NULL;
        if (p[i] == '(') {
            if (!st.dict) {
                err_format(&Exc_TypeError, "format requires a mapping");
                return -1;
            }
            intptr_t depth = 1, s = ++i;
            while (i < n && depth > 0) {
                if (p[i] == '(') depth++;
                else if (p[i] == ')') depth--;
                i++;
            }
            if (depth > 0) {
                err_format(&Exc_ValueError, "incomplete format key");
                return -1;
            }
            Object *key = is_bytes ? bytes_from_buf(p + s, (size_t)(i - 1 - s))
                                   : str_from_utf8(p + s, (size_t)(i - 1 - s));
            if (!key) return -1;
            keyed = obj_getitem(st.dict, key);
            DECREF(key);
            if (!keyed) return -1;
            st.used_key = true;
        }
        int flags = 0;
        for (; i < n; i++) {
            char c = p[i];
            if (c == '-') flags |= F_LJUST;
            else if (c == '+') flags |= F_SIGN;
            else if (c == ' ') flags |= F_BLANK;
            else if (c == '#') flags |= F_ALT;
            else if (c == '0') flags |= F_ZERO;
            else break;
        }
        intptr_t width = -1, prec = -1;
        int rc = star_or_number(&st, p, n, &i, &width, &flags, true);
        if (!rc && i < n && p[i] == '.') {
            i++;
            rc = star_or_number(&st, p, n, &i, &prec, &flags, false);
        }
        if (rc < 0) {
            XDECREF(keyed);
            return -1;
        }
        while (i < n && (p[i] == 'h' || p[i] == 'l' || p[i] == 'L')) i++;
        if (i >= n) {
            XDECREF(keyed);
            err_format(&Exc_ValueError, "incomplete format");
            return -1;
        }
        int clen = 1;
        uint32_t conv = is_bytes ? (unsigned char)p[i]
                                 : utf8_decode((const unsigned char *)p + i, &clen);
        intptr_t conv_at = i;
        i += clen;
        Object *v = keyed;
        if (!v) {
            v = next_arg(&st);
            if (!v) return -1;
        }
        rc = convert_one(sb, &st, v, conv, flags, width, prec);
        XDECREF(keyed);
        if (rc == -2) {
            intptr_t index = is_bytes ? conv_at : utf8_count(p, (size_t)conv_at);
            char chbuf[8] = {0};
            if (is_bytes || conv < 128) {
                chbuf[0] = (char)conv;
                if (conv >= 128) chbuf[0] = '?';
            } else {
                utf8_encode(conv, chbuf);
            }
            err_format(&Exc_ValueError, "unsupported format character '%s' (0x%x) at index %zd",
                       chbuf, (unsigned)conv, (ssize_t)index);
            return -1;
        }
        if (rc < 0) return -1;
    }
    if (!st.dict && st.next < st.nitems) {
        err_format(&Exc_TypeError, "not all arguments converted during string formatting");
        return -1;
    }
    return 0;
}

Object *str_percent_format(Object *fmt, Object *args) {
    StrBuf sb;
    strbuf_init(&sb);
    if (percent_engine(&sb, STR_DATA(fmt), STR_SIZE(fmt), args, false) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}

Object *bytes_percent_format(const char *fmt, intptr_t n, Object *args, bool as_bytearray) {
    StrBuf sb;
    strbuf_init(&sb);
    if (percent_engine(&sb, fmt, n, args, true) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    if (!as_bytearray) return strbuf_finish_bytes(&sb);
    Object *r = bytearray_from_buf(sb.data, sb.len);
    strbuf_free(&sb);
    return r;
}
