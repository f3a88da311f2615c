/* vm/objects/bytearray.c — the mutable bytearray: a growable byte buffer
 * with item and slice assignment, in-place + and *, and the list-like
 * mutators (append, extend, pop, insert, remove, clear, reverse, copy).
 *
 * Invariants: data holds `alloc` + 1 bytes (NULL while alloc == 0), the
 * first `size` are the value and data[size] is NUL.  The methods shared with
 * bytes come from bytes_methods.c.
 */
#include <stdio.h>
#include <string.h>

#include "vm/abstract.h"
#include "vm/args.h"
#include "vm/error.h"
#include "vm/format.h"
#include "vm/names.h"
#include "vm/objects/bytes.h"
#include "vm/objects/int.h"
#include "vm/objects/range.h"
#include "vm/objects/str.h"
#include "vm/objects/text.h"
#include "vm/objects/tuple.h"
#include "vm/objects/type.h"
#include "vm/objects/typesys.h"
#include "vm/strbuf.h"

#define BA(o) ((ByteArrayObject *)(o))

bool bytearray_check(Object *o) {
    if (IS_SMALLINT(o)) return false;
    return o->type == &ByteArray_Type || type_is_subtype(o->type, &ByteArray_Type);
}

/* Make room for `size` bytes (contents kept) and set the size. 0 / -1. */
static int ba_resize(Object *self, intptr_t size) {
    ByteArrayObject *ba = BA(self);
    if (size > ba->alloc || (size < ba->alloc / 4 && ba->alloc > 64)) {
        intptr_t alloc = size + (size >> 3) + 8;
        char *p = ba->data ? mem_realloc(ba->data, (size_t)alloc + 1)
                           : mem_alloc((size_t)alloc + 1);
        if (!p) return -1;
        ba->data = p;
        ba->alloc = alloc;
    }
    ba->size = size;
    if (ba->data) ba->data[size] = '\0';
    return 0;
}

static int ba_set_contents(Object *self, const char *d, size_t n) {
    if (ba_resize(self, (intptr_t)n) < 0) return -1;
    if (n) memmove(BA(self)->data, d, n);
    return 0;
}

Object *bytearray_from_buf(const char *s, size_t n) {
    Object *r = obj_alloc(&ByteArray_Type);
    if (!r) return NULL;
    if (ba_set_contents(r, s, n) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static const char *ba_data(Object *o) { return BA(o)->data ? BA(o)->data : ""; }

/* ---- slots ------------------------------------------------------------------------- */

static void bytearray_dealloc(Object *self) {
    if (BA(self)->data) mem_free(BA(self)->data);
    obj_free(self);
}

static Object *bytearray_repr(Object *self) {
    const char *name = type_name(OBJ_TYPE(self));
    char prefix[80];
    snprintf(prefix, sizeof prefix, "%s(", name);
    return bytes_repr_buf(ba_data(self), BA(self)->size, prefix, ")");
}

static intptr_t bytearray_len(Object *self) { return BA(self)->size; }

static int bytearray_contains(Object *self, Object *x) {
    return bytes_like_contains(ba_data(self), BA(self)->size, x);
}

static Object *bytearray_iter(Object *self) { return bytearray_iter_new(self); }

static Object *bytearray_add(Object *a, Object *b) {
    if (!bytearray_check(a)) return NEWREF(NotImplemented);
    const char *pb;
    intptr_t nb;
    if (!bytes_check(b) && !bytearray_check(b)) {
        TypeObject *t = OBJ_TYPE(b);
        if ((t->flags & TPFLAG_HEAPTYPE) && type_lookup(t, id___radd__))
            return NEWREF(NotImplemented);
        return err_format(&Exc_TypeError, "can't concat %s to %s", type_name(t),
                          type_name(OBJ_TYPE(a)));
    }
    bytes_like_buffer(b, &pb, &nb);
    intptr_t na = BA(a)->size;
    Object *r = bytearray_from_buf(ba_data(a), (size_t)na);
    if (!r) return NULL;
    if (ba_resize(r, na + nb) < 0) {
        DECREF(r);
        return NULL;
    }
    memcpy(BA(r)->data + na, pb, (size_t)nb);
    return r;
}

static Object *bytearray_iadd(Object *a, Object *b) {
    const char *pb;
    intptr_t nb;
    if (!bytes_check(b) && !bytearray_check(b))
        return err_format(&Exc_TypeError, "can't concat %s to %s", type_name(OBJ_TYPE(b)),
                          type_name(OBJ_TYPE(a)));
    bytes_like_buffer(b, &pb, &nb);
    intptr_t na = BA(a)->size;
    if (b == a) {   /* the buffer moves when resized */
        if (ba_resize(a, na * 2) < 0) return NULL;
        memcpy(BA(a)->data + na, BA(a)->data, (size_t)na);
        return NEWREF(a);
    }
    if (ba_resize(a, na + nb) < 0) return NULL;
    memcpy(BA(a)->data + na, pb, (size_t)nb);
    return NEWREF(a);
}

static Object *bytearray_mul(Object *a, Object *b) {
    Object *s = a, *count = b;
    if (!bytearray_check(a)) {
        s = b;
        count = a;
    }
    intptr_t n;
    if (bytes_repeat_count(count, &n) < 0) return NULL;
    if (n < 0) n = 0;
    intptr_t len = BA(s)->size;
    if (len && n > INTPTR_MAX / len) return err_no_memory();
    Object *r = bytearray_from_buf("", 0);
    if (!r || ba_resize(r, len * n) < 0) {
        XDECREF(r);
        return NULL;
    }
    bytes_fill_repeat(BA(r)->data, ba_data(s), len, n);
    return r;
}

static Object *bytearray_imul(Object *a, Object *b) {
    intptr_t n;
    if (bytes_repeat_count(b, &n) < 0) return NULL;
    if (n < 0) n = 0;
    intptr_t len = BA(a)->size;
    if (len && n > INTPTR_MAX / len) return err_no_memory();
    if (n == 0 || len == 0) {
        if (ba_resize(a, 0) < 0) return NULL;
        return NEWREF(a);
    }
    if (ba_resize(a, len * n) < 0) return NULL;
    bytes_fill_repeat(BA(a)->data, BA(a)->data, len, n);
    return NEWREF(a);
}

static Object *bytearray_mod(Object *a, Object *b) {
    if (!bytearray_check(a)) return NEWREF(NotImplemented);
    return bytes_percent_format(ba_data(a), BA(a)->size, b, true);
}

/* Index argument: a C index normalised into [0, size), or -1 with IndexError. */
static int ba_index(Object *self, Object *key, intptr_t *out) {
    intptr_t i;
    if (IS_SMALLINT(key)) {
        i = SMALLINT_VALUE(key);
    } else {
        i = obj_as_ssize(key, &Exc_IndexError);
        if (i == -1 && err_occurred()) return -1;
    }
    if (i < 0) i += BA(self)->size;
    if (i < 0 || i >= BA(self)->size) {
        err_format(&Exc_IndexError, "bytearray index out of range");
        return -1;
    }
    *out = i;
    return 0;
}

static bool is_index_key(Object *key) { return IS_SMALLINT(key) || OBJ_TYPE(key)->nb_index; }

static Object *bytearray_getitem(Object *self, Object *key) {
    if (slice_check(key)) {
        intptr_t start, stop, step, len;
        if (slice_indices(key, BA(self)->size, &start, &stop, &step, &len) < 0) return NULL;
        if (len <= 0) return bytearray_from_buf("", 0);
        if (step == 1) return bytearray_from_buf(BA(self)->data + start, (size_t)len);
        Object *r = bytearray_from_buf("", 0);
        if (!r || ba_resize(r, len) < 0) {
            XDECREF(r);
            return NULL;
        }
        for (intptr_t k = 0, j = start; k < len; k++, j += step) BA(r)->data[k] = BA(self)->data[j];
        return r;
    }
    if (!is_index_key(key))
        return err_format(&Exc_TypeError, "bytearray indices must be integers or slices, not %s",
                          type_name(OBJ_TYPE(key)));
    intptr_t i;
    if (ba_index(self, key, &i) < 0) return NULL;
    return MAKE_SMALLINT((unsigned char)BA(self)->data[i]);
}

/* The bytes of a value assigned to a slice (a new bytes object). */
static Object *slice_value_bytes(Object *value) {
    if (str_check(value) || int_check(value))
        return err_format(&Exc_TypeError,
                          "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    StrBuf sb;
    strbuf_init(&sb);
    if (bytes_check(value) || bytearray_check(value)) {
        const char *d;
        intptr_t n;
        bytes_like_buffer(value, &d, &n);
        if (strbuf_append(&sb, d, (size_t)n) < 0) goto fail;
    } else {
        Object *it = obj_get_iter(value);
        if (!it) {
            if (err_matches(&Exc_TypeError)) {
                err_clear();
                err_format(&Exc_TypeError,
                           "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
            }
            goto fail;
        }
        Object *x;
        while ((x = obj_iter_next(it))) {
            int v = bytes_item_value(x);
            DECREF(x);
            if (v < 0 || strbuf_append_char(&sb, (char)v) < 0) {
                DECREF(it);
                goto fail;
            }
        }
        DECREF(it);
        if (err_occurred()) goto fail;
    }
    return strbuf_finish_bytes(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

/* Replace data[lo:hi] with d[0..n). */
static int ba_splice(Object *self, intptr_t lo, intptr_t hi, const char *d, intptr_t n) {
    intptr_t size = BA(self)->size, tail = size - hi;
    intptr_t newsize = size - (hi - lo) + n;
    if (newsize > size) {
        if (ba_resize(self, newsize) < 0) return -1;
        memmove(BA(self)->data + lo + n, BA(self)->data + hi, (size_t)tail);
    } else {
        memmove(BA(self)->data + lo + n, BA(self)->data + hi, (size_t)tail);
        if (ba_resize(self, newsize) < 0) return -1;
    }
    if (n) memcpy(BA(self)->data + lo, d, (size_t)n);
    return 0;
}

static int bytearray_setitem(Object *self, Object *key, Object *value) {
    if (slice_check(key)) {
        intptr_t start, stop, step, len;
        if (slice_indices(key, BA(self)->size, &start, &stop, &step, &len) < 0) return -1;
        Object *vb = NULL;
        const char *d = "";
        intptr_t n = 0;
        if (value) {
            vb = slice_value_bytes(value);
            if (!vb) return -1;
            d = BYTES_DATA(vb);
            n = BYTES_SIZE(vb);
        }
        int rc = 0;
        if (step == 1) {
            if (stop < start) stop = start;
            rc = ba_splice(self, start, stop, d, n);
        } else if (!value) {
            /* delete an extended slice: compact the kept bytes */
            if (len > 0) {
                if (step < 0) {
                    start = start + step * (len - 1);
                    step = -step;
                }
                char *p = BA(self)->data;
                intptr_t w = start, size = BA(self)->size;
                for (intptr_t r = start; r < size; r++)
                    if (!(r < start + step * len && (r - start) % step == 0)) p[w++] = p[r];
                rc = ba_resize(self, w);
            }
        } else if (n != len) {
            err_format(&Exc_ValueError,
                       "attempt to assign bytes of size %zd to extended slice of size %zd",
                       (ssize_t)n, (ssize_t)len);
            rc = -1;
        } else {
            for (intptr_t k = 0, j = start; k < len; k++, j += step) BA(self)->data[j] = d[k];
        }
        XDECREF(vb);
        return rc;
    }
    if (!is_index_key(key)) {
        err_format(&Exc_TypeError, "bytearray indices must be integers or slices, not %s",
                   type_name(OBJ_TYPE(key)));
        return -1;
    }
    intptr_t i;
    if (ba_index(self, key, &i) < 0) return -1;
    if (!value) return ba_splice(self, i, i + 1, "", 0);
    int v = bytes_item_value(value);
    if (v < 0) return -1;
    BA(self)->data[i] = (char)v;
    return 0;
}

/* ---- construction ------------------------------------------------------------------------ */

static Object *bytearray_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                                Object *kwnames) {
    Object *r = obj_alloc(type);
    if (r && (type->flags & TPFLAG_GC)) gc_track(r);
    return r;
}

static int bytearray_tp_init(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    static const char *const kwlist[] = {"source", "encoding", "errors", NULL};
    Object *source = NULL;
    const char *encoding = NULL, *errors = NULL;
    if (args_parse(args, nargs, kwnames, "|Oss:bytearray", kwlist, &source, &encoding,
                   &errors) < 0)
        return -1;
    StrBuf sb;
    strbuf_init(&sb);
    if (bytes_ctor_fill(&sb, source, encoding, errors, "bytearray") < 0) {
        strbuf_free(&sb);
        return -1;
    }
    int rc = ba_set_contents(self, sb.data, sb.len);
    strbuf_free(&sb);
    return rc;
}

/* ---- methods --------------------------------------------------------------------------------- */

static Object *ba_append(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("bytearray", "append", nargs) < 0) return NULL;
    int v = bytes_item_value(args[0]);
    if (v < 0) return NULL;
    intptr_t n = BA(self)->size;
    if (ba_resize(self, n + 1) < 0) return NULL;
    BA(self)->data[n] = (char)v;
    return none_new();
}

static Object *ba_extend(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("bytearray", "extend", nargs) < 0) return NULL;
    Object *v = args[0];
    if (int_check(v) || (!str_check(v) && !OBJ_TYPE(v)->iter && !OBJ_TYPE(v)->getitem))
        return err_format(&Exc_TypeError, "can't extend bytearray with %s",
                          type_name(OBJ_TYPE(v)));
    Object *b;
    if (str_check(v)) {
        b = NULL;
        /* iterating a str yields str items: the item check reports it */
        Object *it = obj_get_iter(v);
        if (!it) return NULL;
        Object *x = obj_iter_next(it);
        DECREF(it);
        if (x) {
            bytes_item_value(x);
            DECREF(x);
            return NULL;
        }
        if (err_occurred()) return NULL;
        return none_new();
    }
    b = slice_value_bytes(v);
    if (!b) return NULL;
    intptr_t n = BA(self)->size;
    int rc = ba_splice(self, n, n, BYTES_DATA(b), BYTES_SIZE(b));
    DECREF(b);
    return rc < 0 ? NULL : none_new();
}

static Object *ba_pop(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("pop", nargs, 0, 1) < 0) return NULL;
    intptr_t n = BA(self)->size, i = n - 1;
    if (nargs == 1) {
        i = obj_as_ssize(args[0], &Exc_IndexError);
        if (i == -1 && err_occurred()) return NULL;
    }
    if (n == 0) return err_format(&Exc_IndexError, "pop from empty bytearray");
    if (i < 0) i += n;
    if (i < 0 || i >= n) return err_format(&Exc_IndexError, "pop index out of range");
    unsigned char c = (unsigned char)BA(self)->data[i];
    if (ba_splice(self, i, i + 1, "", 0) < 0) return NULL;
    return MAKE_SMALLINT(c);
}

static Object *ba_insert(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("insert", nargs, 2, 2) < 0) return NULL;
    intptr_t i = obj_as_ssize(args[0], &Exc_OverflowError);
    if (i == -1 && err_occurred()) return NULL;
    int v = bytes_item_value(args[1]);
    if (v < 0) return NULL;
    intptr_t n = BA(self)->size;
    if (i < 0) {
        i += n;
        if (i < 0) i = 0;
    }
    if (i > n) i = n;
    char c = (char)v;
    if (ba_splice(self, i, i, &c, 1) < 0) return NULL;
    return none_new();
}

static Object *ba_remove(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("bytearray", "remove", nargs) < 0) return NULL;
    int v = bytes_item_value(args[0]);
    if (v < 0) return NULL;
    const char *p = memchr(ba_data(self), v, (size_t)BA(self)->size);
    if (!p) return err_format(&Exc_ValueError, "value not found in bytearray");
    intptr_t i = p - BA(self)->data;
    if (ba_splice(self, i, i + 1, "", 0) < 0) return NULL;
    return none_new();
}

static Object *ba_clear(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("clear", nargs, 0, 0) < 0) return NULL;
    if (ba_resize(self, 0) < 0) return NULL;
    return none_new();
}

static Object *ba_reverse(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("reverse", nargs, 0, 0) < 0) return NULL;
    char *p = BA(self)->data;
    for (intptr_t a = 0, b = BA(self)->size - 1; a < b; a++, b--) {
        char t = p[a];
        p[a] = p[b];
        p[b] = t;
    }
    return none_new();
}

static Object *ba_copy(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("copy", nargs, 0, 0) < 0) return NULL;
    return bytearray_from_buf(ba_data(self), (size_t)BA(self)->size);
}

static Object *ba_alloc(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return int_from_ssize(BA(self)->data ? BA(self)->alloc + 1 : 0);
}

static MethodDef bytearray_only_methods[] = {
    {"append", ba_append, 0, NULL},
    {"extend", ba_extend, 0, NULL},
    {"pop", ba_pop, 0, NULL},
    {"insert", ba_insert, 0, NULL},
    {"remove", ba_remove, 0, NULL},
    {"clear", ba_clear, 0, NULL},
    {"reverse", ba_reverse, 0, NULL},
    {"copy", ba_copy, 0, NULL},
    {"__alloc__", ba_alloc, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject ByteArray_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "bytearray",
    .basicsize = sizeof(ByteArrayObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "bytearray(iterable_of_ints) -> bytearray\n"
           "bytearray(string, encoding[, errors]) -> bytearray\n"
           "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
           "bytearray(int) -> bytes array of size given by the parameter initialized with null "
           "bytes\nbytearray() -> empty bytes array",
    .dealloc = bytearray_dealloc,
    .repr = bytearray_repr,
    .hash = obj_hash_not_implemented,
    .richcompare = bytes_like_richcompare,
    .iter = bytearray_iter,
    .nb_add = bytearray_add,
    .nb_mul = bytearray_mul,
    .nb_mod = bytearray_mod,
    .nb_inplace_add = bytearray_iadd,
    .nb_inplace_mul = bytearray_imul,
    .len = bytearray_len,
    .getitem = bytearray_getitem,
    .setitem = bytearray_setitem,
    .contains = bytearray_contains,
    .tp_new = bytearray_tp_new,
    .tp_init = bytearray_tp_init,
};

void bytearray_init_type(void) {
    ByteArray_Type.methods = bytes_methods_concat(bytearray_only_methods);
    type_ready(&ByteArray_Type);
    type_ready(&ByteArrayIter_Type);
}
