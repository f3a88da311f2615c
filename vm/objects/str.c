/* vm/objects/str.c — the str type: construction, interning, hashing, repr,
 * comparison, indexing/slicing, iteration and the operators.  The methods
 * live in str_methods.c, formatting in vm/format*.c.
 *
 * Invariants: data is (generalised) UTF-8, NUL-terminated; `length` counts
 * code points and `ascii` is 1 iff length == size; `hash` is -1 until
 * computed.  The empty string and the 128 one-character ASCII strings are
 * shared immortal singletons (so iteration and indexing of ASCII text
 * allocate nothing).  Interned strings are immortal: the table owns them.
 *
 * Indexing non-ASCII text needs a code point -> byte offset walk; a one-entry
 * cache remembers the last position reached in the last string, so
 * sequential access (s[i] in a loop) stays O(1) per step.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gc/pool.h"
#include "vm/abstract.h"
#include "vm/args.h"
#include "vm/error.h"
#include "vm/format.h"
#include "vm/names.h"
#include "vm/objects/bytes.h"
#include "vm/objects/int.h"
#include "vm/objects/list.h"
#include "vm/objects/range.h"
#include "vm/objects/str.h"
#include "vm/objects/text.h"
#include "vm/objects/tuple.h"
#include "vm/objects/type.h"
#include "vm/strbuf.h"

#define STR(o) ((StrObject *)(o))

static Object *empty_str;
static Object *ascii_chars[128];

/* ---- allocation --------------------------------------------------------------- */

Object *str_alloc(size_t size) {
    Object *s = obj_alloc_var(&Str_Type, size + 1);
    if (!s) return NULL;
    STR(s)->size = (intptr_t)size;
    STR(s)->hash = -1;
    STR(s)->data[size] = '\0';
    return s;
}

void str_finish_alloc(Object *s) {
    StrObject *so = STR(s);
    so->length = utf8_count(so->data, (size_t)so->size);
    so->ascii = so->length == so->size;
}

static Object *make_immortal(Object *s) {
    s->refcnt = (intptr_t)1 << 30;
    return s;
}

Object *str_empty(void) {
    if (!empty_str) {
        Object *s = str_alloc(0);
        if (!s) return NULL;
        STR(s)->ascii = 1;
        empty_str = make_immortal(s);
    }
    return NEWREF(empty_str);
}

static Object *ascii_char(unsigned c) {
    Object *s = ascii_chars[c];
    if (!s) {
        s = str_alloc(1);
        if (!s) return NULL;
        STR(s)->data[0] = (char)c;
        STR(s)->length = 1;
        STR(s)->ascii = 1;
        ascii_chars[c] = make_immortal(s);
    }
    return NEWREF(s);
}

Object *str_from_utf8_len(const char *s, size_t n, intptr_t length) {
    if (n == 0) return str_empty();
    if (n == 1 && (unsigned char)s[0] < 128) return ascii_char((unsigned char)s[0]);
    Object *o = str_alloc(n);
    if (!o) return NULL;
    memcpy(STR(o)->data, s, n);
    STR(o)->length = length;
    STR(o)->ascii = (intptr_t)n == length;
    return o;
}

Object *str_from_utf8(const char *s, size_t n) {
    return str_from_utf8_len(s, n, utf8_count(s, n));
}

Object *str_from_cstr(const char *s) { return str_from_utf8(s, strlen(s)); }

Object *str_from_format(const char *fmt, ...) {
    StrBuf sb;
    strbuf_init(&sb);
    va_list ap;
    va_start(ap, fmt);
    int rc = strbuf_vformat(&sb, fmt, ap);
    va_end(ap);
    if (rc < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}

Object *str_from_codepoint(uint32_t cp) {
    if (cp < 128) return ascii_char(cp);
    char buf[4];
    int n = utf8_encode(cp, buf);
    return str_from_utf8_len(buf, (size_t)n, 1);
}

Object *str_chr(long cp) {
    if (cp < 0 || cp > 0x10FFFF)
        return err_format(&Exc_ValueError, "chr() arg not in range(0x110000)");
    return str_from_codepoint((uint32_t)cp);
}

const char *str_utf8(Object *s) { return STR_DATA(s); }

/* ---- hashing ---------------------------------------------------------------------- */

static inline uint64_t mix64(uint64_t h) {
    h ^= h >> 31;
    h *= 0x7fb5d329728ea185ULL;
    h ^= h >> 27;
    h *= 0x81dadef4bc2dd44dULL;
    h ^= h >> 33;
    return h;
}

int64_t text_hash_bytes(const char *p, size_t n) {
    /* word-at-a-time multiply/xorshift; fixed seed (deterministic runs) */
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    uint64_t tail = 0;
    memcpy(&tail, p, n);
    h = mix64(h ^ tail);
    int64_t r = (int64_t)(h >> 1);   /* non-negative, like most Python hashes */
    return r == -1 ? -2 : r;
}

int64_t str_hash(Object *s) {
    StrObject *so = STR(s);
    if (so->hash == -1) so->hash = text_hash_bytes(so->data, (size_t)so->size);
    return so->hash;
}

/* ---- interning ------------------------------------------------------------------- */

static Object **intern_table;
static size_t intern_cap, intern_count;

static size_t intern_slot(const char *s, size_t n, int64_t h) {
    size_t mask = intern_cap - 1, i = (size_t)h & mask;
    for (;;) {
        Object *e = intern_table[i];
        if (!e || (STR(e)->hash == h && (size_t)STR(e)->size == n &&
                   memcmp(STR(e)->data, s, n) == 0))
            return i;
        i = (i + 1) & mask;
    }
}

static int intern_grow(void) {
    size_t newcap = intern_cap ? intern_cap * 2 : 4096;
    Object **t = mem_alloc(newcap * sizeof(Object *));
    if (!t) return -1;
    memset(t, 0, newcap * sizeof(Object *));
    Object **old = intern_table;
    size_t oldcap = intern_cap;
    intern_table = t;
    intern_cap = newcap;
    for (size_t i = 0; i < oldcap; i++) {
        Object *e = old[i];
        if (e) intern_table[intern_slot(STR(e)->data, (size_t)STR(e)->size, STR(e)->hash)] = e;
    }
    if (old) mem_free(old);
    return 0;
}

/* Insert s (not present) at slot; the table takes a reference. */
static int intern_insert(Object *s) {
    if ((intern_count + 1) * 2 > intern_cap && intern_grow() < 0) return -1;
    size_t i = intern_slot(STR(s)->data, (size_t)STR(s)->size, STR(s)->hash);
    intern_table[i] = s;
    intern_count++;
    STR(s)->interned = 1;
    make_immortal(s);
    return 0;
}

Object *str_intern(Object *s) {
    if (!str_check_exact(s) || STR(s)->interned) return s;
    int64_t h = str_hash(s);
    if (intern_cap) {
        Object *e = intern_table[intern_slot(STR(s)->data, (size_t)STR(s)->size, h)];
        if (e) {
            DECREF(s);
            return NEWREF(e);
        }
    }
    if (intern_insert(s) < 0) {
        err_clear();   /* interning is an optimisation: keep the plain string */
        return s;
    }
    return s;
}

Object *str_intern_cstr(const char *cs) {
    size_t n = strlen(cs);
    int64_t h = text_hash_bytes(cs, n);
    if (intern_cap) {
        Object *e = intern_table[intern_slot(cs, n, h)];
        if (e) return e;
    }
    Object *s = str_from_utf8(cs, n);
    if (!s) return NULL;
    if (STR(s)->interned) {   /* a shared singleton that was interned already */
        DECREF(s);
        return s;
    }
    STR(s)->hash = h;
    if (intern_insert(s) < 0) {
        DECREF(s);
        return NULL;
    }
    /* the table's reference is the one str_from_utf8 gave us */
    return s;
}

/* ---- comparison -------------------------------------------------------------------- */

bool str_eq(Object *a, Object *b) {
    if (a == b) return true;
    StrObject *x = STR(a), *y = STR(b);
    if (x->size != y->size) return false;
    if (x->interned && y->interned) return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
    return memcmp(x->data, y->data, (size_t)x->size) == 0;
}

bool str_eq_cstr(Object *a, const char *s) {
    size_t n = strlen(s);
    return (size_t)STR_SIZE(a) == n && memcmp(STR_DATA(a), s, n) == 0;
}

int str_compare(Object *a, Object *b) {
    /* UTF-8 byte order is code point order */
    intptr_t na = STR_SIZE(a), nb = STR_SIZE(b);
    int c = memcmp(STR_DATA(a), STR_DATA(b), (size_t)(na < nb ? na : nb));
    if (c) return c;
    return na < nb ? -1 : na > nb;
}

static Object *str_richcompare(Object *a, Object *b, int op) {
    if (!str_check(a) || !str_check(b)) return NEWREF(NotImplemented);
    int r;
    if (op == CMP_EQ || op == CMP_NE) {
        r = str_eq(a, b);
        return bool_from(op == CMP_EQ ? r : !r);
    }
    int c = str_compare(a, b);
    switch (op) {
    case CMP_LT: r = c < 0; break;
    case CMP_LE: r = c <= 0; break;
    case CMP_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return bool_from(r);
}

static int64_t str_hash_slot(Object *s) { return str_hash(s); }

/* ---- code point positions ------------------------------------------------------------ */

static struct {
    Object *s;       /* exact str whose position is cached (not owned) */
    intptr_t cp, off;
} offset_cache;

intptr_t str_byte_offset(Object *s, intptr_t i) {
    StrObject *so = STR(s);
    if (so->ascii) return i;
    if (i >= so->length) return so->size;
    const unsigned char *p = (const unsigned char *)so->data;
    intptr_t cp = 0, off = 0;
    if (offset_cache.s == s && offset_cache.cp <= i) {
        cp = offset_cache.cp;
        off = offset_cache.off;
    }
    if (so->length - i < i - cp) {
        /* closer to the end: walk backwards */
        cp = so->length;
        off = so->size;
        while (cp > i) {
            off--;
            while ((p[off] & 0xC0) == 0x80) off--;
            cp--;
        }
    } else {
        while (cp < i) {
            off++;
            while ((p[off] & 0xC0) == 0x80) off++;
            cp++;
        }
    }
    if (so->ob_base.type == &Str_Type) {
        offset_cache.s = s;
        offset_cache.cp = cp;
        offset_cache.off = off;
    }
    return off;
}

intptr_t str_cp_index(Object *s, intptr_t off) {
    if (STR(s)->ascii) return off;
    return utf8_count(STR_DATA(s), (size_t)off);
}

uint32_t str_char_at(Object *s, intptr_t i) {
    if (STR(s)->ascii) return (unsigned char)STR_DATA(s)[i];
    int len;
    return utf8_decode((const unsigned char *)STR_DATA(s) + str_byte_offset(s, i), &len);
}

Object *str_substring(Object *s, intptr_t start, intptr_t end) {
    if (start < 0) start = 0;
    if (end > STR_LENGTH(s)) end = STR_LENGTH(s);
    if (start >= end) return str_empty();
    if (start == 0 && end == STR_LENGTH(s) && str_check_exact(s)) return NEWREF(s);
    intptr_t b0 = str_byte_offset(s, start);
    intptr_t b1 = str_byte_offset(s, end);
    return str_from_utf8_len(STR_DATA(s) + b0, (size_t)(b1 - b0), end - start);
}

int str_parse_range(Object *s, Object *start, Object *end, intptr_t *pstart,
                    intptr_t *pend) {
    intptr_t len = STR_LENGTH(s), a = 0, b = len;
    if (start && start != None) {
        a = obj_as_ssize(start, NULL);
        if (a == -1 && err_occurred()) return -1;
        if (a < 0) {
            a += len;
            if (a < 0) a = 0;
        }
    }
    if (end && end != None) {
        b = obj_as_ssize(end, NULL);
        if (b == -1 && err_occurred()) return -1;
        if (b < 0) {
            b += len;
            if (b < 0) b = 0;
        } else if (b > len) {
            b = len;
        }
    }
    *pstart = a;
    *pend = b;
    return 0;
}

/* ---- repr ---------------------------------------------------------------------------- */

Object *str_repr(Object *s) {
    const unsigned char *p = (const unsigned char *)STR_DATA(s);
    intptr_t n = STR_SIZE(s);
    bool has_sq = memchr(p, '\'', (size_t)n) != NULL;
    bool has_dq = memchr(p, '"', (size_t)n) != NULL;
    char quote = (has_sq && !has_dq) ? '"' : '\'';
    StrBuf sb;
    strbuf_init(&sb);
    if (strbuf_append_char(&sb, quote) < 0) goto fail;
    intptr_t i = 0;
    while (i < n) {
        /* copy the longest run that needs no escaping in one go */
        intptr_t run = i;
        while (run < n && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '\\' &&
               p[run] != (unsigned char)quote)
            run++;
        if (run > i) {
            if (strbuf_append(&sb, (const char *)p + i, (size_t)(run - i)) < 0) goto fail;
            i = run;
            if (i >= n) break;
        }
        int len;
        uint32_t cp = utf8_decode(p + i, &len);
        int rc;
        switch (cp) {
        case '\\': rc = strbuf_append(&sb, "\\\\", 2); break;
        case '\n': rc = strbuf_append(&sb, "\\n", 2); break;
        case '\r': rc = strbuf_append(&sb, "\\r", 2); break;
        case '\t': rc = strbuf_append(&sb, "\\t", 2); break;
        default:
            if (cp == (uint32_t)quote) {
                char esc[2] = {'\\', quote};
                rc = strbuf_append(&sb, esc, 2);
            } else if (cp < 0x80 || !uni_isprintable(cp)) {
                if (cp < 0x100) rc = strbuf_printf(&sb, "\\x%02x", cp);
                else if (cp < 0x10000) rc = strbuf_printf(&sb, "\\u%04x", cp);
                else rc = strbuf_printf(&sb, "\\U%08x", cp);
            } else {
                rc = strbuf_append(&sb, (const char *)p + i, (size_t)len);
            }
        }
        if (rc < 0) goto fail;
        i += len;
    }
    if (strbuf_append_char(&sb, quote) < 0) goto fail;
    return strbuf_finish(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

static Object *str_str(Object *s) {
    if (str_check_exact(s)) return NEWREF(s);
    return str_from_utf8_len(STR_DATA(s), (size_t)STR_SIZE(s), STR_LENGTH(s));
}

/* ---- operators ------------------------------------------------------------------------- */

Object *str_concat(Object *a, Object *b) {
    intptr_t na = STR_SIZE(a), nb = STR_SIZE(b);
    if (nb == 0 && str_check_exact(a)) return NEWREF(a);
    if (na == 0 && str_check_exact(b)) return NEWREF(b);
    Object *r = str_alloc((size_t)(na + nb));
    if (!r) return NULL;
    memcpy(STR(r)->data, STR_DATA(a), (size_t)na);
    memcpy(STR(r)->data + na, STR_DATA(b), (size_t)nb);
    STR(r)->length = STR_LENGTH(a) + STR_LENGTH(b);
    STR(r)->ascii = STR(a)->ascii && STR(b)->ascii;
    return r;
}

Object *str_concat_steal(Object *a, Object *b) {
    StrObject *x = STR(a);
    intptr_t na = x->size, nb = STR_SIZE(b);
    /* Only a private exact str may grow in place: nobody else can observe
     * the change.  Non-GC objects are single blocks of gc/pool.c, so
     * pool_realloc is valid; it leaves big blocks to glibc's realloc, which
     * grows them without copying. */
    if (a->refcnt == 1 && a->type == &Str_Type && !x->interned && a != b && nb > 0 &&
        !(Str_Type.flags & TPFLAG_GC) && na > 0) {
        if (offset_cache.s == a) offset_cache.s = NULL;
        StrObject *r = pool_realloc(x, sizeof(StrObject) + (size_t)(na + nb) + 1);
        if (!r) {
            DECREF(a);
            return err_no_memory();
        }
        memcpy(r->data + na, STR_DATA(b), (size_t)nb);
        r->data[na + nb] = '\0';
        r->size = na + nb;
        r->length += STR_LENGTH(b);
        r->ascii = r->ascii && STR(b)->ascii;
        r->hash = -1;
        return (Object *)r;
    }
    Object *r = str_concat(a, b);
    DECREF(a);
    return r;
}

/* Should `x op y` with a non-str other operand be left to other's reflected
 * method?  Only classes defined in Python can add one for str. */
static bool other_may_reflect(Object *other, Object *rname) {
    TypeObject *t = OBJ_TYPE(other);
    return (t->flags & TPFLAG_HEAPTYPE) && type_lookup(t, rname) != NULL;
}

static Object *str_add(Object *a, Object *b) {
    if (!str_check(a)) return NEWREF(NotImplemented);
    if (!str_check(b)) {
        if (other_may_reflect(b, id___radd__)) return NEWREF(NotImplemented);
        return err_format(&Exc_TypeError, "can only concatenate str (not \"%s\") to str",
                          type_name(OBJ_TYPE(b)));
    }
    return str_concat(a, b);
}

static Object *str_repeat(Object *s, intptr_t n) {
    if (n <= 0) return str_empty();
    if (n == 1 && str_check_exact(s)) return NEWREF(s);
    intptr_t size = STR_SIZE(s);
    if (size == 0) return str_empty();
    if (size > INTPTR_MAX / n) return err_no_memory();
    Object *r = str_alloc((size_t)(size * n));
    if (!r) return NULL;
    char *d = STR(r)->data;
    if (size == 1) {
        memset(d, STR_DATA(s)[0], (size_t)n);
    } else {
        /* doubling copies: log(n) memcpy calls */
        memcpy(d, STR_DATA(s), (size_t)size);
        intptr_t done = size, total = size * n;
        while (done < total) {
            intptr_t chunk = done < total - done ? done : total - done;
            memcpy(d + done, d, (size_t)chunk);
            done += chunk;
        }
    }
    STR(r)->length = STR_LENGTH(s) * n;
    STR(r)->ascii = STR(s)->ascii;
    return r;
}

/* Shared by str, bytes and bytearray: the repeat count of seq * other. */
static int repeat_count(Object *count, intptr_t *n) {
    if (IS_SMALLINT(count)) {
        *n = SMALLINT_VALUE(count);
        return 0;
    }
    if (!OBJ_TYPE(count)->nb_index) {
        err_format(&Exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                   type_name(OBJ_TYPE(count)));
        return -1;
    }
    *n = obj_as_ssize(count, &Exc_OverflowError);
    if (*n == -1 && err_occurred()) return -1;
    return 0;
}

static Object *str_mul(Object *a, Object *b) {
    Object *s = a, *count = b;
    if (!str_check(a)) {
        s = b;
        count = a;
    }
    if (!str_check(count) && !IS_SMALLINT(count) && !OBJ_TYPE(count)->nb_index &&
        other_may_reflect(count, s == a ? id___rmul__ : id___mul__))
        return NEWREF(NotImplemented);
    intptr_t n;
    if (repeat_count(count, &n) < 0) return NULL;
    return str_repeat(s, n);
}

static Object *str_mod(Object *a, Object *b) {
    if (!str_check(a)) return NEWREF(NotImplemented);
    return str_percent_format(a, b);
}

static intptr_t str_len(Object *s) { return STR_LENGTH(s); }

static int str_contains(Object *s, Object *sub) {
    if (!str_check(sub)) {
        err_format(&Exc_TypeError, "'in <string>' requires string as left operand, not %s",
                   type_name(OBJ_TYPE(sub)));
        return -1;
    }
    intptr_t n = STR_SIZE(sub);
    if (n == 0) return 1;
    if (n == 1) return memchr(STR_DATA(s), STR_DATA(sub)[0], (size_t)STR_SIZE(s)) != NULL;
    return memmem(STR_DATA(s), (size_t)STR_SIZE(s), STR_DATA(sub), (size_t)n) != NULL;
}

/* ---- indexing ---------------------------------------------------------------------------- */

static Object *str_char_object(Object *s, intptr_t i) {
    if (STR(s)->ascii) return ascii_char((unsigned char)STR_DATA(s)[i]);
    intptr_t off = str_byte_offset(s, i);
    int len;
    utf8_decode((const unsigned char *)STR_DATA(s) + off, &len);
    return str_from_utf8_len(STR_DATA(s) + off, (size_t)len, 1);
}

static Object *str_slice(Object *s, Object *slice) {
    intptr_t start, stop, step, n;
    if (slice_indices(slice, STR_LENGTH(s), &start, &stop, &step, &n) < 0) return NULL;
    if (n <= 0) return str_empty();
    if (step == 1) return str_substring(s, start, start + n);
    if (STR(s)->ascii) {
        Object *r = str_alloc((size_t)n);
        if (!r) return NULL;
        const char *src = STR_DATA(s);
        for (intptr_t k = 0, i = start; k < n; k++, i += step) STR(r)->data[k] = src[i];
        STR(r)->length = n;
        STR(r)->ascii = 1;
        return r;
    }
    /* non-ASCII with a step: index every code point once */
    intptr_t len = STR_LENGTH(s);
    intptr_t *offs = mem_alloc((size_t)(len + 1) * sizeof(intptr_t));
    if (!offs) return NULL;
    const unsigned char *p = (const unsigned char *)STR_DATA(s);
    intptr_t off = 0;
    for (intptr_t k = 0; k < len; k++) {
        offs[k] = off;
        int l;
        utf8_decode(p + off, &l);
        off += l;
    }
    offs[len] = off;
    StrBuf sb;
    strbuf_init(&sb);
    for (intptr_t k = 0, i = start; k < n; k++, i += step) {
        if (strbuf_append(&sb, (const char *)p + offs[i], (size_t)(offs[i + 1] - offs[i])) < 0) {
            mem_free(offs);
            strbuf_free(&sb);
            return NULL;
        }
    }
    mem_free(offs);
    return strbuf_finish(&sb);
}

static Object *str_getitem(Object *s, Object *key) {
    intptr_t i;
    if (IS_SMALLINT(key)) {
        i = SMALLINT_VALUE(key);
    } else if (slice_check(key)) {
        return str_slice(s, key);
    } else if (OBJ_TYPE(key)->nb_index) {
        i = obj_as_ssize(key, &Exc_IndexError);
        if (i == -1 && err_occurred()) return NULL;
    } else {
        return err_format(&Exc_TypeError, "string indices must be integers, not '%s'",
                          type_name(OBJ_TYPE(key)));
    }
    intptr_t len = STR_LENGTH(s);
    if (i < 0) i += len;
    if (i < 0 || i >= len) return err_format(&Exc_IndexError, "string index out of range");
    return str_char_object(s, i);
}

/* ---- iteration ------------------------------------------------------------------------------ */

typedef struct StrIterObject {
    Object ob_base;
    Object *str;      /* NULL once exhausted */
    intptr_t index;   /* code points consumed */
    intptr_t offset;  /* bytes consumed */
} StrIterObject;

static Object *str_iter(Object *s) {
    StrIterObject *it = (StrIterObject *)obj_alloc(&StrIter_Type);
    if (!it) return NULL;
    it->str = NEWREF(s);
    return (Object *)it;
}

static Object *striter_next(Object *self) {
    StrIterObject *it = (StrIterObject *)self;
    Object *s = it->str;
    if (!s) return NULL;
    if (it->offset >= STR_SIZE(s)) {
        CLEAR(it->str);
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)STR_DATA(s) + it->offset;
    it->index++;
    if (*p < 0x80) {
        it->offset++;
        return ascii_char(*p);
    }
    int len;
    utf8_decode(p, &len);
    it->offset += len;
    return str_from_utf8_len((const char *)p, (size_t)len, 1);
}

static void striter_dealloc(Object *self) {
    XDECREF(((StrIterObject *)self)->str);
    obj_free(self);
}

static Object *striter_length_hint(Object *self, Object *const *args, size_t nargs,
                                   Object *kwnames) {
    StrIterObject *it = (StrIterObject *)self;
    if (!it->str) return int_from_ssize(0);
    return int_from_ssize(STR_LENGTH(it->str) - it->index);
}

static Object *iter_self(Object *self) { return NEWREF(self); }

static MethodDef striter_methods[] = {
    {"__length_hint__", striter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject StrIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "str_ascii_iterator",
    .basicsize = sizeof(StrIterObject),
    .dealloc = striter_dealloc,
    .iter = iter_self,
    .iternext = striter_next,
    .methods = striter_methods,
};

/* ---- construction ------------------------------------------------------------------------------ */

/* Copy an exact str into an instance of the str subclass `type`. */
static Object *str_subtype_new(TypeObject *type, Object *value) {
    Object *r = obj_alloc_var(type, (size_t)STR_SIZE(value) + 1);
    if (!r) return NULL;
    StrObject *d = STR(r);
    d->size = STR_SIZE(value);
    d->length = STR_LENGTH(value);
    d->ascii = STR(value)->ascii;
    d->hash = -1;
    memcpy(d->data, STR_DATA(value), (size_t)d->size + 1);
    if (type->flags & TPFLAG_GC) gc_track(r);
    return r;
}

static Object *str_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                          Object *kwnames) {
    static const char *const kwlist[] = {"object", "encoding", "errors", NULL};
    Object *obj = NULL;
    const char *encoding = NULL, *errors = NULL;
    Object *value;
    if (nargs == 1 && !kwnames) {
        obj = args[0];
        if (str_check_exact(obj) && type == &Str_Type) return NEWREF(obj);
    } else if (args_parse(args, nargs, kwnames, "|Oss:str", kwlist, &obj, &encoding,
                          &errors) < 0) {
        return NULL;
    }
    if (!obj) {
        value = str_empty();
    } else if (!encoding && !errors) {
        value = obj_str(obj);
    } else {
        const char *data;
        intptr_t size;
        if (str_check(obj))
            return err_format(&Exc_TypeError, "decoding str is not supported");
        if (!bytes_check(obj) && !bytearray_check(obj))
            return err_format(&Exc_TypeError,
                              "decoding to str: need a bytes-like object, %s found",
                              type_name(OBJ_TYPE(obj)));
        if (bytes_like_buffer(obj, &data, &size) < 0) return NULL;
        value = bytes_decode(data, size, encoding ? encoding : "utf-8", errors);
    }
    if (!value || type == &Str_Type) return value;
    Object *r = str_subtype_new(type, value);
    DECREF(value);
    return r;
}

static void str_dealloc(Object *s) {
    if (offset_cache.s == s) offset_cache.s = NULL;
    obj_free(s);
}

TypeObject Str_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "str",
    .basicsize = sizeof(StrObject),
    .itemsize = 1,
    .flags = TPFLAG_BASETYPE | TPFLAG_STR_SUBCLASS,
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str",
    .dealloc = str_dealloc,
    .repr = str_repr,
    .str = str_str,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .iter = str_iter,
    .nb_add = str_add,
    .nb_mul = str_mul,
    .nb_mod = str_mod,
    .len = str_len,
    .getitem = str_getitem,
    .contains = str_contains,
    .tp_new = str_tp_new,
    .methods = str_methods,
};

/* ---- join (also used by the eval loop for f-strings) ------------------------------------------- */

Object *str_join(Object *sep, Object *iterable) {
    Object *seq;
    if (tuple_check(iterable) || list_check(iterable)) {
        seq = NEWREF(iterable);
    } else {
        Object *it = obj_get_iter(iterable);
        if (!it) {
            if (err_matches(&Exc_TypeError)) {
                err_clear();
                return err_format(&Exc_TypeError, "can only join an iterable");
            }
            return NULL;
        }
        seq = list_from_iterable(it);
        DECREF(it);
        if (!seq) return NULL;
    }
    Object **items;
    intptr_t n;
    if (tuple_check(seq)) {
        items = TUPLE_ITEMS(seq);
        n = TUPLE_SIZE(seq);
    } else {
        items = LIST_ITEMS(seq);
        n = LIST_SIZE(seq);
    }
    if (n == 1 && str_check_exact(items[0])) {
        Object *r = NEWREF(items[0]);
        DECREF(seq);
        return r;
    }
    intptr_t size = 0, length = 0;
    bool ascii = STR(sep)->ascii;
    for (intptr_t i = 0; i < n; i++) {
        Object *x = items[i];
        if (!str_check(x)) {
            err_format(&Exc_TypeError, "sequence item %zd: expected str instance, %s found",
                       (ssize_t)i, type_name(OBJ_TYPE(x)));
            DECREF(seq);
            return NULL;
        }
        size += STR_SIZE(x);
        length += STR_LENGTH(x);
        ascii = ascii && STR(x)->ascii;
    }
    if (n > 1) {
        size += STR_SIZE(sep) * (n - 1);
        length += STR_LENGTH(sep) * (n - 1);
    }
    Object *r = str_alloc((size_t)size);
    if (!r) {
        DECREF(seq);
        return NULL;
    }
    char *d = STR(r)->data;
    intptr_t seplen = STR_SIZE(sep);
    for (intptr_t i = 0; i < n; i++) {
        if (i && seplen) {
            memcpy(d, STR_DATA(sep), (size_t)seplen);
            d += seplen;
        }
        memcpy(d, STR_DATA(items[i]), (size_t)STR_SIZE(items[i]));
        d += STR_SIZE(items[i]);
    }
    STR(r)->length = length;
    STR(r)->ascii = ascii;
    DECREF(seq);
    return r;
}

/* ---- start-up ------------------------------------------------------------------------------------ */

void str_init_types(void) {
    /* towupper & co. are not used (our own tables are), but the C library's
     * multibyte functions behave better with a UTF-8 LC_CTYPE. */
    setlocale(LC_CTYPE, "C.UTF-8");
    type_ready(&Str_Type);
    type_ready(&StrIter_Type);
    bytes_init_type();
    bytearray_init_type();
    str_empty();
}
