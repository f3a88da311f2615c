/* vm/objects/bytes.c — the immutable bytes type: construction, repr, hash,
 * comparison, indexing, iteration, the operators, and the helpers bytearray
 * shares (bytes_like_buffer, bytes_item_value, bytes_from_object).
 *
 * Invariants: data is NUL-terminated (size + 1 bytes); hash is -1 until
 * computed (same function as str's).  The empty bytes and the 256 one-byte
 * values are immortal singletons.  Methods live in bytes_methods.c.
 */
#include <string.h>

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

#define BYTES(o) ((BytesObject *)(o))

static Object *empty_bytes;
static Object *byte_singletons[256];

static Object *bytes_alloc(size_t n) {
    Object *b = obj_alloc_var(&Bytes_Type, n + 1);
    if (!b) return NULL;
    BYTES(b)->size = (intptr_t)n;
    BYTES(b)->hash = -1;
    BYTES(b)->data[n] = '\0';
    return b;
}

Object *bytes_from_buf(const char *s, size_t n) {
    if (n <= 1) {
        Object **slot = n == 0 ? &empty_bytes : &byte_singletons[(unsigned char)s[0]];
        if (!*slot) {
            Object *b = bytes_alloc(n);
            if (!b) return NULL;
            if (n) BYTES(b)->data[0] = s[0];
            b->refcnt = (intptr_t)1 << 30;   /* immortal */
            *slot = b;
        }
        return NEWREF(*slot);
    }
    Object *b = bytes_alloc(n);
    if (!b) return NULL;
    memcpy(BYTES(b)->data, s, n);
    return b;
}

int bytes_like_buffer(Object *o, const char **data, intptr_t *size) {
    if (bytes_check(o)) {
        *data = BYTES_DATA(o);
        *size = BYTES_SIZE(o);
        return 0;
    }
    if (bytearray_check(o)) {
        ByteArrayObject *ba = (ByteArrayObject *)o;
        *data = ba->data ? ba->data : "";
        *size = ba->size;
        return 0;
    }
    err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'",
               type_name(OBJ_TYPE(o)));
    return -1;
}

int bytes_item_value(Object *o) {
    intptr_t v;
    if (IS_SMALLINT(o)) {
        v = SMALLINT_VALUE(o);
    } else {
        v = obj_as_ssize(o, NULL);   /* clamps: huge values fail the range check */
        if (v == -1 && err_occurred()) return -1;
    }
    if (v < 0 || v > 255) {
        err_format(&Exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return (int)v;
}

/* ---- repr ---------------------------------------------------------------------- */

Object *bytes_repr_buf(const char *data, intptr_t n, const char *prefix, const char *suffix) {
    const unsigned char *p = (const unsigned char *)data;
    bool has_sq = memchr(p, '\'', (size_t)n) != NULL, has_dq = memchr(p, '"', (size_t)n) != NULL;
    char quote = (has_sq && !has_dq) ? '"' : '\'';
    StrBuf sb;
    strbuf_init(&sb);
    int rc = strbuf_append_cstr(&sb, prefix);
    if (!rc) rc = strbuf_append_char(&sb, 'b');
    if (!rc) rc = strbuf_append_char(&sb, quote);
    for (intptr_t i = 0; i < n && !rc; i++) {
        unsigned c = p[i];
        /* bytearray's repr escapes ' even inside "..." (as CPython) */
        if (c == (unsigned)quote || c == '\\' || (c == '\'' && *prefix)) {
            char e[2] = {'\\', (char)c};
            rc = strbuf_append(&sb, e, 2);
        } else if (c == '\n') rc = strbuf_append(&sb, "\\n", 2);
        else if (c == '\r') rc = strbuf_append(&sb, "\\r", 2);
        else if (c == '\t') rc = strbuf_append(&sb, "\\t", 2);
        else if (c < 0x20 || c >= 0x7F) rc = strbuf_printf(&sb, "\\x%02x", c);
        else rc = strbuf_append_char(&sb, (char)c);
    }
    if (!rc) rc = strbuf_append_char(&sb, quote);
    if (!rc) rc = strbuf_append_cstr(&sb, suffix);
    if (rc < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish(&sb);
}

Object *bytes_repr(Object *b) { return bytes_repr_buf(BYTES_DATA(b), BYTES_SIZE(b), "", ""); }

/* ---- slots ---------------------------------------------------------------------------- */

static int64_t bytes_hash(Object *b) {
    BytesObject *bo = BYTES(b);
    if (bo->hash == -1) bo->hash = text_hash_bytes(bo->data, (size_t)bo->size);
    return bo->hash;
}

/* Shared by bytes and bytearray: compare two bytes-like buffers. */
Object *bytes_like_richcompare(Object *a, Object *b, int op) {
    const char *pa, *pb;
    intptr_t na, nb;
    if (!(bytes_check(a) || bytearray_check(a)) || !(bytes_check(b) || bytearray_check(b)))
        return NEWREF(NotImplemented);
    bytes_like_buffer(a, &pa, &na);
    bytes_like_buffer(b, &pb, &nb);
    if ((op == CMP_EQ || op == CMP_NE) && na != nb) return bool_from(op == CMP_NE);
    int c = memcmp(pa, pb, (size_t)(na < nb ? na : nb));
    if (c == 0) c = na < nb ? -1 : na > nb;
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

static intptr_t bytes_len(Object *b) { return BYTES_SIZE(b); }

static Object *bytes_add(Object *a, Object *b) {
    const char *pa, *pb;
    intptr_t na, nb;
    if (!bytes_check(a)) return NEWREF(NotImplemented);
    if (!bytes_check(b) && !bytearray_check(b)) {
        TypeObject *t = OBJ_TYPE(b);
        if ((t->flags & TPFLAG_HEAPTYPE) && type_lookup(t, id___radd__))
            return NEWREF(NotImplemented);
        return err_format(&Exc_TypeError, "can't concat %s to %s", type_name(t),
                          type_name(OBJ_TYPE(a)));
    }
    bytes_like_buffer(a, &pa, &na);
    bytes_like_buffer(b, &pb, &nb);
    if (nb == 0 && OBJ_TYPE(a) == &Bytes_Type) return NEWREF(a);
    Object *r = bytes_alloc((size_t)(na + nb));
    if (!r) return NULL;
    memcpy(BYTES(r)->data, pa, (size_t)na);
    memcpy(BYTES(r)->data + na, pb, (size_t)nb);
    return r;
}

/* seq * n for bytes-like: the count as a C integer (0 / -1). */
int bytes_repeat_count(Object *count, intptr_t *n) {
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
    return (*n == -1 && err_occurred()) ? -1 : 0;
}

/* Repeat buf n times into dst (dst holds n*len bytes). */
void bytes_fill_repeat(char *dst, const char *src, intptr_t len, intptr_t n) {
    if (len == 1) {
        memset(dst, src[0], (size_t)n);
        return;
    }
    if (n <= 0 || len == 0) return;
    memcpy(dst, src, (size_t)len);
    intptr_t done = len, total = len * n;
    while (done < total) {
        intptr_t chunk = done < total - done ? done : total - done;
        memcpy(dst + done, dst, (size_t)chunk);
        done += chunk;
    }
}

static Object *bytes_mul(Object *a, Object *b) {
    Object *s = a, *count = b;
    if (!bytes_check(a)) {
        s = b;
        count = a;
    }
    intptr_t n;
    if (bytes_repeat_count(count, &n) < 0) return NULL;
    if (n <= 0) return bytes_from_buf("", 0);
    if (n == 1 && OBJ_TYPE(s) == &Bytes_Type) return NEWREF(s);
    intptr_t len = BYTES_SIZE(s);
    if (len && n > INTPTR_MAX / len) return err_no_memory();
    Object *r = bytes_alloc((size_t)(len * n));
    if (!r) return NULL;
    bytes_fill_repeat(BYTES(r)->data, BYTES_DATA(s), len, n);
    return r;
}

static Object *bytes_mod(Object *a, Object *b) {
    if (!bytes_check(a)) return NEWREF(NotImplemented);
    return bytes_percent_format(BYTES_DATA(a), BYTES_SIZE(a), b, false);
}

/* `x in b` for bytes-like containers. */
int bytes_like_contains(const char *data, intptr_t n, Object *x) {
    if (int_check(x)) {
        int v = bytes_item_value(x);
        if (v < 0) return -1;
        return memchr(data, v, (size_t)n) != NULL;
    }
    const char *sub;
    intptr_t m;
    if (bytes_like_buffer(x, &sub, &m) < 0) return -1;
    if (m == 0) return 1;
    return memmem(data, (size_t)n, sub, (size_t)m) != NULL;
}

static int bytes_contains(Object *b, Object *x) {
    return bytes_like_contains(BYTES_DATA(b), BYTES_SIZE(b), x);
}

static Object *bytes_getitem(Object *b, Object *key) {
    intptr_t i, n = BYTES_SIZE(b);
    if (IS_SMALLINT(key)) {
        i = SMALLINT_VALUE(key);
    } else if (slice_check(key)) {
        intptr_t start, stop, step, len;
        if (slice_indices(key, n, &start, &stop, &step, &len) < 0) return NULL;
        if (len <= 0) return bytes_from_buf("", 0);
        if (step == 1) {
            if (len == n && OBJ_TYPE(b) == &Bytes_Type) return NEWREF(b);
            return bytes_from_buf(BYTES_DATA(b) + start, (size_t)len);
        }
        Object *r = bytes_alloc((size_t)len);
        if (!r) return NULL;
        for (intptr_t k = 0, j = start; k < len; k++, j += step)
            BYTES(r)->data[k] = BYTES_DATA(b)[j];
        return r;
    } else if (OBJ_TYPE(key)->nb_index) {
        i = obj_as_ssize(key, &Exc_IndexError);
        if (i == -1 && err_occurred()) return NULL;
    } else {
        return err_format(&Exc_TypeError, "byte indices must be integers or slices, not %s",
                          type_name(OBJ_TYPE(key)));
    }
    if (i < 0) i += n;
    if (i < 0 || i >= n) return err_format(&Exc_IndexError, "index out of range");
    return MAKE_SMALLINT((unsigned char)BYTES_DATA(b)[i]);
}

/* ---- iteration ----------------------------------------------------------------------------- */

typedef struct BytesIterObject {
    Object ob_base;
    Object *seq;     /* bytes or bytearray; NULL when exhausted */
    intptr_t index;
} BytesIterObject;

static Object *bytesiter_new(TypeObject *type, Object *seq) {
    BytesIterObject *it = (BytesIterObject *)obj_alloc(type);
    if (!it) return NULL;
    it->seq = NEWREF(seq);
    return (Object *)it;
}

static Object *bytes_iter(Object *b) { return bytesiter_new(&BytesIter_Type, b); }
Object *bytearray_iter_new(Object *b) { return bytesiter_new(&ByteArrayIter_Type, b); }

static Object *bytesiter_next(Object *self) {
    BytesIterObject *it = (BytesIterObject *)self;
    if (!it->seq) return NULL;
    const char *data = "";
    intptr_t n = 0;
    bytes_like_buffer(it->seq, &data, &n);
    if (it->index >= n) {   /* a bytearray may shrink while iterated */
        CLEAR(it->seq);
        return NULL;
    }
    return MAKE_SMALLINT((unsigned char)data[it->index++]);
}

static void bytesiter_dealloc(Object *self) {
    XDECREF(((BytesIterObject *)self)->seq);
    obj_free(self);
}

static Object *bytesiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    BytesIterObject *it = (BytesIterObject *)self;
    if (!it->seq) return int_from_ssize(0);
    const char *data = "";
    intptr_t n = 0;
    bytes_like_buffer(it->seq, &data, &n);
    return int_from_ssize(n > it->index ? n - it->index : 0);
}

static Object *iter_self(Object *self) { return NEWREF(self); }

static MethodDef bytesiter_methods[] = {
    {"__length_hint__", bytesiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject BytesIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "bytes_iterator",
    .basicsize = sizeof(BytesIterObject),
    .dealloc = bytesiter_dealloc,
    .iter = iter_self,
    .iternext = bytesiter_next,
    .methods = bytesiter_methods,
};

TypeObject ByteArrayIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "bytearray_iterator",
    .basicsize = sizeof(BytesIterObject),
    .dealloc = bytesiter_dealloc,
    .iter = iter_self,
    .iternext = bytesiter_next,
    .methods = bytesiter_methods,
};

/* ---- construction ----------------------------------------------------------------------------- */

/* Collect the bytes of bytes(x) / bytearray(x) for a non-str source into sb.
 * 0 / -1. */
int bytes_collect(StrBuf *sb, Object *o, const char *target) {
    const char *data;
    intptr_t n;
    if (bytes_check(o) || bytearray_check(o)) {
        bytes_like_buffer(o, &data, &n);
        return strbuf_append(sb, data, (size_t)n);
    }
    if (int_check(o) || OBJ_TYPE(o)->nb_index) {
        intptr_t count = obj_as_ssize(o, &Exc_OverflowError);
        if (count == -1 && err_occurred()) return -1;
        if (count < 0) {
            err_format(&Exc_ValueError, "negative count");
            return -1;
        }
        for (intptr_t k = 0; k < count; k++)
            if (strbuf_append_char(sb, 0) < 0) return -1;
        return 0;
    }
    if (tuple_check(o) || list_check(o)) {
        Object **items = tuple_check(o) ? TUPLE_ITEMS(o) : LIST_ITEMS(o);
        intptr_t size = tuple_check(o) ? TUPLE_SIZE(o) : LIST_SIZE(o);
        for (intptr_t k = 0; k < size; k++) {
            int v = bytes_item_for_ctor(items[k]);
            if (v < 0 || strbuf_append_char(sb, (char)v) < 0) return -1;
            if (list_check(o)) size = LIST_SIZE(o), items = LIST_ITEMS(o);
        }
        return 0;
    }
    Object *it = obj_get_iter(o);
    if (!it) {
        if (err_matches(&Exc_TypeError)) {
            err_clear();
            err_format(&Exc_TypeError, "cannot convert '%s' object to %s",
                       type_name(OBJ_TYPE(o)), target);
        }
        return -1;
    }
    Object *x;
    while ((x = obj_iter_next(it))) {
        int v = bytes_item_for_ctor(x);
        DECREF(x);
        if (v < 0 || strbuf_append_char(sb, (char)v) < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

/* An item of bytes([...]): "'str' object cannot be interpreted as an
 * integer" / "bytes must be in range(0, 256)". */
int bytes_item_for_ctor(Object *x) {
    intptr_t v;
    if (IS_SMALLINT(x)) {
        v = SMALLINT_VALUE(x);
    } else {
        v = obj_as_ssize(x, NULL);
        if (v == -1 && err_occurred()) return -1;
    }
    if (v < 0 || v > 255) {
        err_format(&Exc_ValueError, "bytes must be in range(0, 256)");
        return -1;
    }
    return (int)v;
}

Object *bytes_from_object(Object *o) {
    if (OBJ_TYPE(o) == &Bytes_Type) return NEWREF(o);
    StrBuf sb;
    strbuf_init(&sb);
    if (bytes_collect(&sb, o, "bytes") < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    return strbuf_finish_bytes(&sb);
}

/* The shared argument logic of bytes() and bytearray(): source, encoding,
 * errors.  Fills sb; 0 / -1.  `name` is "bytes" or "bytearray". */
int bytes_ctor_fill(StrBuf *sb, Object *source, const char *encoding, const char *errors,
                    const char *target) {
    if (!source) {
        if (encoding || errors) {
            err_format(&Exc_TypeError, encoding ? "encoding without a string argument"
                                                : "errors without a string argument");
            return -1;
        }
        return 0;
    }
    if (str_check(source)) {
        if (!encoding) {
            err_format(&Exc_TypeError, "string argument without an encoding");
            return -1;
        }
        Object *b = str_encode(source, encoding, errors ? errors : "strict");
        if (!b) return -1;
        int rc = strbuf_append(sb, BYTES_DATA(b), (size_t)BYTES_SIZE(b));
        DECREF(b);
        return rc;
    }
    if (encoding || errors) {
        err_format(&Exc_TypeError, encoding ? "encoding without a string argument"
                                            : "errors without a string argument");
        return -1;
    }
    return bytes_collect(sb, source, target);
}

static Object *bytes_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    static const char *const kwlist[] = {"source", "encoding", "errors", NULL};
    Object *source = NULL;
    const char *encoding = NULL, *errors = NULL;
    if (args_parse(args, nargs, kwnames, "|Oss:bytes", kwlist, &source, &encoding, &errors) < 0)
        return NULL;
    Object *value = NULL;
    if (source && !encoding && !errors && !bytes_check(source) && !str_check(source)) {
        /* __bytes__ takes precedence over the buffer/iterable paths */
        Object *meth;
        int found = obj_lookup_attr(source, str_intern_cstr("__bytes__"), &meth);
        if (found < 0) return NULL;
        if (found) {
            value = obj_call0(meth);
            DECREF(meth);
            if (!value) return NULL;
            if (!bytes_check(value)) {
                err_format(&Exc_TypeError, "__bytes__ returned non-bytes (type %s)",
                           type_name(OBJ_TYPE(value)));
                DECREF(value);
                return NULL;
            }
        }
    }
    if (!value) {
        if (source && !encoding && !errors && OBJ_TYPE(source) == &Bytes_Type &&
            type == &Bytes_Type)
            return NEWREF(source);
        StrBuf sb;
        strbuf_init(&sb);
        if (bytes_ctor_fill(&sb, source, encoding, errors, "bytes") < 0) {
            strbuf_free(&sb);
            return NULL;
        }
        value = strbuf_finish_bytes(&sb);
        if (!value) return NULL;
    }
    if (type == &Bytes_Type) return value;
    Object *r = obj_alloc_var(type, (size_t)BYTES_SIZE(value) + 1);
    if (r) {
        BYTES(r)->size = BYTES_SIZE(value);
        BYTES(r)->hash = -1;
        memcpy(BYTES(r)->data, BYTES_DATA(value), (size_t)BYTES_SIZE(value) + 1);
        if (type->flags & TPFLAG_GC) gc_track(r);
    }
    DECREF(value);
    return r;
}

static void bytes_dealloc(Object *b) { obj_free(b); }

static Object *bytes_getnewargs(Object *self, Object *const *args, size_t nargs, Object *kw) {
    Object *b = bytes_from_buf(BYTES_DATA(self), (size_t)BYTES_SIZE(self));
    if (!b) return NULL;
    Object *t = tuple_pack(1, b);
    DECREF(b);
    return t;
}

static Object *bytes_bytes(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (OBJ_TYPE(self) == &Bytes_Type) return NEWREF(self);
    return bytes_from_buf(BYTES_DATA(self), (size_t)BYTES_SIZE(self));
}

static MethodDef bytes_only_methods[] = {
    {"__getnewargs__", bytes_getnewargs, 0, NULL},
    {"__bytes__", bytes_bytes, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject Bytes_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "bytes",
    .basicsize = sizeof(BytesObject),
    .itemsize = 1,
    .flags = TPFLAG_BASETYPE | TPFLAG_BYTES_SUBCLASS,
    .doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n"
           "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
           "bytes(int) -> bytes object of size given by the parameter initialized with null "
           "bytes\nbytes() -> empty bytes object",
    .dealloc = bytes_dealloc,
    .repr = bytes_repr,
    .hash = bytes_hash,
    .richcompare = bytes_like_richcompare,
    .iter = bytes_iter,
    .nb_add = bytes_add,
    .nb_mul = bytes_mul,
    .nb_mod = bytes_mod,
    .len = bytes_len,
    .getitem = bytes_getitem,
    .contains = bytes_contains,
    .tp_new = bytes_tp_new,
};

void bytes_init_type(void) {
    Bytes_Type.methods = bytes_methods_concat(bytes_only_methods);
    type_ready(&Bytes_Type);
    type_ready(&BytesIter_Type);
}
