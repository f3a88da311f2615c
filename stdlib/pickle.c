/* stdlib/pickle.c — the `_pickle` module: gilpy's serialisation format.
 *
 * Only gilpy talks to gilpy (multiprocessing's pipes and queues), so the
 * format is our own rather than CPython's pickle protocol: a two-byte magic
 * "\x80G", a 4-byte little-endian body length, then one value.  A value is
 * an opcode byte followed by its payload:
 *
 *   N T F E        None True False Ellipsis
 *   i <8 bytes>    int that fits in 64 bits (little-endian two's complement)
 *   J sign n mag   any other int: sign byte, varint byte count, magnitude
 *   f <8 bytes>    float (IEEE double)
 *   u n utf8       str                b n data / a n data   bytes / bytearray
 *   t n items      tuple              z n items             frozenset
 *   l n items      list   d n k v...  dict   s n items      set   (memoized)
 *   M idx          a reference to the idx-th memoized object
 *   G mod name     a module-level class or function, looked up by name
 *   R f args flags [state] [n items] [n k v...]
 *                  an object rebuilt as f(*args), then given its state,
 *                  list items and dict items (the __reduce__ protocol)
 *
 * Lengths are unsigned LEB128 varints.  Exact built-in types are handled
 * here in C (the common case, and what the Queue benchmark measures);
 * everything else goes through three hooks installed by pickle.py:
 * reduce(obj) -> (module, qualname) or a reduce tuple, find_class(module,
 * name) -> object, build(obj, state) for __setstate__/__dict__ updates.
 *
 * Memo: lists, dicts, sets and rebuilt objects get an index when first
 * written, so shared and self-referencing structures round-trip.  The
 * writer keeps a reference to every memoized object until the end, so an
 * address can never be reused by a temporary during one dumps().
 */
#include <stdlib.h>
#include <string.h>

#include "stdlib/processes.h"
#include "vm/vm.h"

#define MAX_DEPTH 800

static Object *reduce_hook, *find_class_hook, *build_hook;
static TypeObject *PicklingError, *UnpicklingError;

/* ---- writer -------------------------------------------------------------- */

typedef struct {
    Object *key;
    uint32_t index;
} MemoSlot;

typedef struct {
    char *buf;
    size_t len, cap;
    MemoSlot *memo;        /* open addressing, keys owned */
    size_t memo_cap, memo_count;
    int depth;
} Writer;

static int w_reserve(Writer *w, size_t n) {
    if (w->len + n <= w->cap) return 0;
    size_t cap = w->cap ? w->cap : 256;
    while (cap < w->len + n) cap *= 2;
    char *b = realloc(w->buf, cap);
    if (!b) {
        err_no_memory();
        return -1;
    }
    w->buf = b;
    w->cap = cap;
    return 0;
}

static inline int w_byte(Writer *w, char c) {
    if (w->len == w->cap && w_reserve(w, 1) < 0) return -1;
    w->buf[w->len++] = c;
    return 0;
}

static int w_raw(Writer *w, const void *p, size_t n) {
    if (w_reserve(w, n) < 0) return -1;
    memcpy(w->buf + w->len, p, n);
    w->len += n;
    return 0;
}

static int w_varint(Writer *w, uint64_t v) {
    if (w_reserve(w, 10) < 0) return -1;
    do {
        unsigned char b = v & 0x7f;
        v >>= 7;
        w->buf[w->len++] = (char)(v ? b | 0x80 : b);
    } while (v);
    return 0;
}

static int w_op_data(Writer *w, char op, const char *data, size_t n) {
    if (w_byte(w, op) < 0 || w_varint(w, n) < 0) return -1;
    return w_raw(w, data, n);
}

static size_t memo_hash(Object *o, size_t cap) {
    uintptr_t p = (uintptr_t)o;
    return (size_t)((p >> 4) * 0x9E3779B97F4A7C15ull) & (cap - 1);
}

/* The memo index of o, or -1 if it has none. */
static intptr_t memo_find(Writer *w, Object *o) {
    if (!w->memo_count) return -1;
    for (size_t i = memo_hash(o, w->memo_cap);; i = (i + 1) & (w->memo_cap - 1)) {
        if (w->memo[i].key == o) return w->memo[i].index;
        if (!w->memo[i].key) return -1;
    }
}

static int memo_put(Writer *w, Object *o) {
    if ((w->memo_count + 1) * 2 > w->memo_cap) {
        size_t cap = w->memo_cap ? w->memo_cap * 2 : 64;
        MemoSlot *m = calloc(cap, sizeof *m);
        if (!m) {
            err_no_memory();
            return -1;
        }
        for (size_t i = 0; i < w->memo_cap; i++) {
            if (!w->memo[i].key) continue;
            size_t j = memo_hash(w->memo[i].key, cap);
            while (m[j].key) j = (j + 1) & (cap - 1);
            m[j] = w->memo[i];
        }
        free(w->memo);
        w->memo = m;
        w->memo_cap = cap;
    }
    size_t j = memo_hash(o, w->memo_cap);
    while (w->memo[j].key) j = (j + 1) & (w->memo_cap - 1);
    w->memo[j].key = NEWREF(o);
    w->memo[j].index = (uint32_t)w->memo_count++;
    return 0;
}

static void writer_free(Writer *w) {
    for (size_t i = 0; i < w->memo_cap; i++) XDECREF(w->memo[i].key);
    free(w->memo);
    free(w->buf);
}

static int save(Writer *w, Object *o);

static int save_items(Writer *w, Object *const *items, intptr_t n) {
    if (w_varint(w, (uint64_t)n) < 0) return -1;
    for (intptr_t i = 0; i < n; i++)
        if (save(w, items[i]) < 0) return -1;
    return 0;
}

static int save_bigint(Writer *w, Object *o) {
    mpz_t z;
    mpz_init(z);
    int_to_mpz(o, z);
    size_t n = (mpz_sizeinbase(z, 2) + 7) / 8;
    int rc = -1;
    if (w_byte(w, 'J') == 0 && w_byte(w, mpz_sgn(z) < 0 ? '-' : '+') == 0 &&
        w_varint(w, n) == 0 && w_reserve(w, n) == 0) {
        size_t count = 0;
        mpz_export(w->buf + w->len, &count, -1, 1, 0, 0, z);
        memset(w->buf + w->len + count, 0, n - count);
        w->len += n;
        rc = 0;
    }
    mpz_clear(z);
    return rc;
}

/* Dict/set contents may change size during a hook call: copy first. */
static int save_dict_items(Writer *w, Object *d) {
    Object *items = dict_items_list(d);
    if (!items) return -1;
    int rc = w_varint(w, (uint64_t)LIST_SIZE(items));
    for (intptr_t i = 0; rc == 0 && i < LIST_SIZE(items); i++) {
        Object *pair = LIST_GET(items, i);
        rc = save(w, TUPLE_GET(pair, 0));
        if (rc == 0) rc = save(w, TUPLE_GET(pair, 1));
    }
    DECREF(items);
    return rc;
}

static int save_set(Writer *w, Object *s, char op) {
    Object *items = list_from_iterable(s);
    if (!items) return -1;
    int rc = w_byte(w, op);
    if (rc == 0) rc = save_items(w, LIST_ITEMS(items), LIST_SIZE(items));
    DECREF(items);
    return rc;
}

/* Write the items of an iterator (reduce's listitems / dictitems). */
static int save_iter_items(Writer *w, Object *it, bool pairs) {
    Object *items = list_from_iterable(it);
    if (!items) return -1;
    int rc = w_varint(w, (uint64_t)LIST_SIZE(items));
    for (intptr_t i = 0; rc == 0 && i < LIST_SIZE(items); i++) {
        Object *x = LIST_GET(items, i);
        if (!pairs) {
            rc = save(w, x);
            continue;
        }
        if (!tuple_check(x) || TUPLE_SIZE(x) != 2) {
            err_format(PicklingError, "dict items iterator must return 2-tuples");
            rc = -1;
            break;
        }
        rc = save(w, TUPLE_GET(x, 0));
        if (rc == 0) rc = save(w, TUPLE_GET(x, 1));
    }
    DECREF(items);
    return rc;
}

/* Objects of other types: ask pickle.py's reduce hook. */
static int save_reduce(Writer *w, Object *o) {
    if (!reduce_hook) {
        err_format(PicklingError, "cannot pickle '%s' object", OBJ_TYPE(o)->name);
        return -1;
    }
    Object *rv = obj_call1(reduce_hook, o);
    if (!rv) return -1;
    int rc = -1;
    if (!tuple_check(rv) || TUPLE_SIZE(rv) < 2 || TUPLE_SIZE(rv) > 5) {
        err_format(PicklingError, "reduce hook returned an invalid value for %T", o);
        goto done;
    }
    if (str_check(TUPLE_GET(rv, 0))) {   /* a global: (module, qualname) */
        if (w_byte(w, 'G') == 0 && save(w, TUPLE_GET(rv, 0)) == 0 && save(w, TUPLE_GET(rv, 1)) == 0)
            rc = 0;
        goto done;
    }
    Object *args = TUPLE_GET(rv, 1);
    if (!tuple_check(args)) {
        err_format(PicklingError, "second item of the tuple returned by __reduce__ must be a tuple");
        goto done;
    }
    Object *state = TUPLE_SIZE(rv) > 2 ? TUPLE_GET(rv, 2) : None;
    Object *listitems = TUPLE_SIZE(rv) > 3 ? TUPLE_GET(rv, 3) : None;
    Object *dictitems = TUPLE_SIZE(rv) > 4 ? TUPLE_GET(rv, 4) : None;
    if (w_byte(w, 'R') < 0 || save(w, TUPLE_GET(rv, 0)) < 0 || save(w, args) < 0) goto done;
    /* The reader memoizes the rebuilt object right after calling f(*args). */
    if (memo_find(w, o) < 0 && memo_put(w, o) < 0) goto done;
    int flags = (state != None) | (listitems != None) << 1 | (dictitems != None) << 2;
    if (w_byte(w, (char)flags) < 0) goto done;
    if (state != None && save(w, state) < 0) goto done;
    if (listitems != None && save_iter_items(w, listitems, false) < 0) goto done;
    if (dictitems != None && save_iter_items(w, dictitems, true) < 0) goto done;
    rc = 0;
done:
    DECREF(rv);
    return rc;
}

static int save(Writer *w, Object *o) {
    if (IS_SMALLINT(o)) {
        int64_t v = SMALLINT_VALUE(o);
        if (w_byte(w, 'i') < 0) return -1;
        return w_raw(w, &v, 8);
    }
    TypeObject *t = o->type;
    if (o == None) return w_byte(w, 'N');
    if (t == &Bool_Type) return w_byte(w, o == True ? 'T' : 'F');
    if (t == &Str_Type) return w_op_data(w, 'u', STR_DATA(o), (size_t)STR_SIZE(o));
    if (t == &Float_Type) {
        double d = float_as_double(o);
        if (w_byte(w, 'f') < 0) return -1;
        return w_raw(w, &d, 8);
    }
    if (t == &Int_Type) return save_bigint(w, o);
    if (t == &Bytes_Type) return w_op_data(w, 'b', BYTES_DATA(o), (size_t)BYTES_SIZE(o));
    if (o == Ellipsis) return w_byte(w, 'E');

    intptr_t idx = memo_find(w, o);
    if (idx >= 0) {
        if (w_byte(w, 'M') < 0) return -1;
        return w_varint(w, (uint64_t)idx);
    }
    if (++w->depth > MAX_DEPTH) {
        w->depth--;
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded while pickling an object");
        return -1;
    }
    int rc;
    if (t == &Tuple_Type) {
        rc = w_byte(w, 't');
        if (rc == 0) rc = save_items(w, TUPLE_ITEMS(o), TUPLE_SIZE(o));
    } else if (t == &List_Type) {
        rc = memo_put(w, o);
        if (rc == 0) rc = w_byte(w, 'l');
        /* Items may be appended by a hook meanwhile: iterate by index. */
        if (rc == 0) rc = w_varint(w, (uint64_t)LIST_SIZE(o));
        intptr_t n = LIST_SIZE(o);
        for (intptr_t i = 0; rc == 0 && i < n; i++) {
            if (i >= LIST_SIZE(o)) {
                err_format(&Exc_RuntimeError, "list changed size during iteration");
                rc = -1;
                break;
            }
            rc = save(w, LIST_GET(o, i));
        }
    } else if (t == &Dict_Type) {
        rc = memo_put(w, o);
        if (rc == 0) rc = w_byte(w, 'd');
        if (rc == 0) rc = save_dict_items(w, o);
    } else if (t == &Set_Type) {
        rc = memo_put(w, o);
        if (rc == 0) rc = save_set(w, o, 's');
    } else if (t == &FrozenSet_Type) {
        rc = save_set(w, o, 'z');
    } else if (t == &ByteArray_Type) {
        const char *data;
        intptr_t n;
        rc = bytes_like_buffer(o, &data, &n);
        if (rc == 0) rc = w_op_data(w, 'a', data, (size_t)n);
    } else {
        rc = save_reduce(w, o);
    }
    w->depth--;
    return rc;
}

static Object *pickle_dumps(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"obj", "protocol", "fix_imports", "buffer_callback", NULL};
    Object *obj, *protocol = None, *fix = None, *bufcb = None;
    if (args_parse(args, nargs, kwnames, "O|O$OO:dumps", kwlist, &obj, &protocol, &fix, &bufcb) < 0)
        return NULL;
    Writer w = {0};
    Object *result = NULL;
    if (w_raw(&w, "\x80G\0\0\0\0", 6) == 0 && save(&w, obj) == 0) {
        size_t body = w.len - 6;
        if (body > 0xffffffffu) {
            err_format(PicklingError, "object too large to pickle (%zu bytes)", body);
        } else {
            for (int i = 0; i < 4; i++) w.buf[2 + i] = (char)((body >> (8 * i)) & 0xff);
            result = bytes_from_buf(w.buf, w.len);
        }
    }
    writer_free(&w);
    return result;
}

/* ---- reader -------------------------------------------------------------- */

typedef struct {
    const unsigned char *p, *end;
    Object **memo;
    size_t memo_len, memo_cap;
    int depth;
} Reader;

static Object *truncated(void) {
    return err_format(UnpicklingError, "pickle data was truncated");
}

static int r_varint(Reader *r, uint64_t *out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) {
            truncated();
            return -1;
        }
        unsigned char b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    err_format(UnpicklingError, "invalid length in pickle data");
    return -1;
}

/* A length followed by that many bytes: *data points into the input. */
static int r_data(Reader *r, const char **data, size_t *n) {
    uint64_t len;
    if (r_varint(r, &len) < 0) return -1;
    if (len > (uint64_t)(r->end - r->p)) {
        truncated();
        return -1;
    }
    *data = (const char *)r->p;
    *n = (size_t)len;
    r->p += len;
    return 0;
}

static int r_count(Reader *r, size_t *n) {
    uint64_t len;
    if (r_varint(r, &len) < 0) return -1;
    /* Every item takes at least one byte: reject absurd counts early. */
    if (len > (uint64_t)(r->end - r->p)) {
        truncated();
        return -1;
    }
    *n = (size_t)len;
    return 0;
}

static int memo_add(Reader *r, Object *o) {
    if (r->memo_len == r->memo_cap) {
        size_t cap = r->memo_cap ? r->memo_cap * 2 : 32;
        Object **m = realloc(r->memo, cap * sizeof *m);
        if (!m) {
            err_no_memory();
            return -1;
        }
        r->memo = m;
        r->memo_cap = cap;
    }
    r->memo[r->memo_len++] = NEWREF(o);
    return 0;
}

static Object *load(Reader *r);

static Object *load_bigint(Reader *r) {
    if (r->p >= r->end) return truncated();
    int neg = *r->p++ == '-';
    const char *data;
    size_t n;
    if (r_data(r, &data, &n) < 0) return NULL;
    mpz_t z;
    mpz_init(z);
    mpz_import(z, n, -1, 1, 0, 0, data);
    if (neg) mpz_neg(z, z);
    Object *o = int_from_mpz(z);
    mpz_clear(z);
    return o;
}

static Object *load_tuple_items(Reader *r) {
    size_t n;
    if (r_count(r, &n) < 0) return NULL;
    Object *t = tuple_new(n);
    if (!t) return NULL;
    for (size_t i = 0; i < n; i++) {
        Object *x = load(r);
        if (!x) {
            /* Fill the rest so the tuple can be freed safely. */
            for (size_t j = i; j < n; j++) TUPLE_ITEMS(t)[j] = NEWREF(None);
            DECREF(t);
            return NULL;
        }
        TUPLE_ITEMS(t)[i] = x;
    }
    return t;
}

static int load_into_list(Reader *r, Object *l, size_t n) {
    for (size_t i = 0; i < n; i++) {
        Object *x = load(r);
        if (!x) return -1;
        int rc = list_check(l) ? list_append(l, x) : -2;
        if (rc == -2) {
            Object *res = obj_call_method(l, "append", &x, 1);
            rc = res ? 0 : -1;
            XDECREF(res);
        }
        DECREF(x);
        if (rc < 0) return -1;
    }
    return 0;
}

static int load_into_dict(Reader *r, Object *d, size_t n) {
    for (size_t i = 0; i < n; i++) {
        Object *k = load(r);
        if (!k) return -1;
        Object *v = load(r);
        if (!v) {
            DECREF(k);
            return -1;
        }
        int rc = dict_check(d) && OBJ_TYPE(d) == &Dict_Type ? dict_set(d, k, v) : obj_setitem(d, k, v);
        DECREF(k);
        DECREF(v);
        if (rc < 0) return -1;
    }
    return 0;
}

static Object *load_reduce(Reader *r) {
    Object *f = load(r);
    if (!f) return NULL;
    Object *args = load(r);
    if (!args) {
        DECREF(f);
        return NULL;
    }
    if (!tuple_check(args)) {
        DECREF(f);
        DECREF(args);
        return err_format(UnpicklingError, "reduce arguments must be a tuple");
    }
    Object *o = obj_call(f, TUPLE_ITEMS(args), (size_t)TUPLE_SIZE(args), NULL);
    DECREF(f);
    DECREF(args);
    if (!o) return NULL;
    if (memo_add(r, o) < 0 || r->p >= r->end) goto fail;
    int flags = *r->p++;
    if (flags & 1) {
        Object *state = load(r);
        if (!state) goto fail;
        Object *res = build_hook ? obj_call2(build_hook, o, state) : NULL;
        DECREF(state);
        if (!res) {
            if (!build_hook) err_format(UnpicklingError, "pickle hooks are not installed");
            goto fail;
        }
        DECREF(res);
    }
    size_t n;
    if ((flags & 2) && (r_count(r, &n) < 0 || load_into_list(r, o, n) < 0)) goto fail;
    if ((flags & 4) && (r_count(r, &n) < 0 || load_into_dict(r, o, n) < 0)) goto fail;
    return o;
fail:
    DECREF(o);
    return NULL;
}

static Object *load_global(Reader *r) {
    Object *mod = load(r);
    if (!mod) return NULL;
    Object *name = load(r);
    if (!name) {
        DECREF(mod);
        return NULL;
    }
    Object *o = find_class_hook ? obj_call2(find_class_hook, mod, name)
                                : err_format(UnpicklingError, "pickle hooks are not installed");
    DECREF(mod);
    DECREF(name);
    return o;
}

static Object *load_inner(Reader *r) {
    if (r->p >= r->end) return truncated();
    unsigned char op = *r->p++;
    const char *data;
    size_t n;
    switch (op) {
    case 'N': return none_new();
    case 'T': return NEWREF(True);
    case 'F': return NEWREF(False);
    case 'E': return NEWREF(Ellipsis);
    case 'i': {
        int64_t v;
        if (r->end - r->p < 8) return truncated();
        memcpy(&v, r->p, 8);
        r->p += 8;
        return int_from_long(v);
    }
    case 'J': return load_bigint(r);
    case 'f': {
        double d;
        if (r->end - r->p < 8) return truncated();
        memcpy(&d, r->p, 8);
        r->p += 8;
        return float_from_double(d);
    }
    case 'u':
        if (r_data(r, &data, &n) < 0) return NULL;
        return str_from_utf8(data, n);
    case 'b':
        if (r_data(r, &data, &n) < 0) return NULL;
        return bytes_from_buf(data, n);
    case 'a':
        if (r_data(r, &data, &n) < 0) return NULL;
        return bytearray_from_buf(data, n);
    case 't': return load_tuple_items(r);
    case 'l': {
        if (r_count(r, &n) < 0) return NULL;
        Object *l = list_new(0);
        if (!l) return NULL;
        if (memo_add(r, l) < 0 || load_into_list(r, l, n) < 0) {
            DECREF(l);
            return NULL;
        }
        return l;
    }
    case 'd': {
        if (r_count(r, &n) < 0) return NULL;
        Object *d = dict_new();
        if (!d) return NULL;
        if (memo_add(r, d) < 0 || load_into_dict(r, d, n) < 0) {
            DECREF(d);
            return NULL;
        }
        return d;
    }
    case 's':
    case 'z': {
        Object *s = op == 's' ? set_new(NULL) : NULL;
        if (op == 's' && (!s || memo_add(r, s) < 0)) {
            XDECREF(s);
            return NULL;
        }
        Object *items = load_tuple_items(r);
        if (!items) {
            XDECREF(s);
            return NULL;
        }
        if (op == 'z') {
            s = frozenset_new(items);
        } else if (set_update(s, items) < 0) {
            CLEAR(s);
        }
        DECREF(items);
        return s;
    }
    case 'M': {
        uint64_t idx;
        if (r_varint(r, &idx) < 0) return NULL;
        if (idx >= r->memo_len) return err_format(UnpicklingError, "Memo value not found at index %llu",
                                                  (unsigned long long)idx);
        return NEWREF(r->memo[idx]);
    }
    case 'G': return load_global(r);
    case 'R': return load_reduce(r);
    default:
        return err_format(UnpicklingError, "invalid load key, '\\x%02x'.", op);
    }
}

static Object *load(Reader *r) {
    if (++r->depth > MAX_DEPTH * 2) {
        r->depth--;
        return err_format(&Exc_RecursionError, "maximum recursion depth exceeded while unpickling");
    }
    Object *o = load_inner(r);
    r->depth--;
    return o;
}

/* Parse one pickle starting at data[pos]; returns the object and sets *next. */
static Object *load_at(const char *data, size_t size, size_t pos, size_t *next) {
    if (size - pos < 6 || data[pos] != '\x80' || data[pos + 1] != 'G') {
        if (size - pos < 6 && size > pos) return truncated();
        if (size == pos) return err_format(&Exc_EOFError, "Ran out of input");
        return err_format(UnpicklingError, "invalid load key, '%c'.", data[pos]);
    }
    const unsigned char *h = (const unsigned char *)data + pos + 2;
    size_t body = (size_t)h[0] | (size_t)h[1] << 8 | (size_t)h[2] << 16 | (size_t)h[3] << 24;
    if (body > size - pos - 6) return truncated();
    Reader r = {0};
    r.p = (const unsigned char *)data + pos + 6;
    r.end = r.p + body;
    Object *o = load(&r);
    for (size_t i = 0; i < r.memo_len; i++) DECREF(r.memo[i]);
    free(r.memo);
    if (o && r.p != r.end) {
        DECREF(o);
        return err_format(UnpicklingError, "pickle data has trailing bytes");
    }
    *next = pos + 6 + body;
    return o;
}

static Object *pickle_loads(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"data", "fix_imports", "encoding", "errors", "buffers", NULL};
    Object *data, *unused = NULL;
    if (args_parse(args, nargs, kwnames, "O|$OOOO:loads", kwlist, &data, &unused, &unused, &unused,
                   &unused) < 0)
        return NULL;
    const char *buf;
    intptr_t size;
    if (bytes_like_buffer(data, &buf, &size) < 0) return NULL;
    size_t next;
    /* A bytearray could be resized by a hook: work on a stable copy. */
    if (!bytes_check(data)) {
        Object *copy = bytes_from_buf(buf, (size_t)size);
        if (!copy) return NULL;
        Object *o = load_at(BYTES_DATA(copy), (size_t)size, 0, &next);
        DECREF(copy);
        return o;
    }
    INCREF(data);
    Object *o = load_at(buf, (size_t)size, 0, &next);
    DECREF(data);
    return o;
}

/* _frame_length(header6) -> body length, for readers of file streams. */
static Object *pickle_frame_length(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    Object *data;
    if (args_parse(args, nargs, kwnames, "O:_frame_length", NULL, &data) < 0) return NULL;
    const char *buf;
    intptr_t size;
    if (bytes_like_buffer(data, &buf, &size) < 0) return NULL;
    if (size == 0) return err_format(&Exc_EOFError, "Ran out of input");
    if (size < 6) return truncated();
    if (buf[0] != '\x80' || buf[1] != 'G') return err_format(UnpicklingError, "invalid load key, '%c'.", buf[0]);
    const unsigned char *h = (const unsigned char *)buf + 2;
    return int_from_long((long long)((size_t)h[0] | (size_t)h[1] << 8 | (size_t)h[2] << 16 |
                                     (size_t)h[3] << 24));
}

static Object *pickle_set_hooks(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    Object *red, *fc, *build, *perr, *uerr;
    if (args_parse(args, nargs, kwnames, "OOOOO:_set_hooks", NULL, &red, &fc, &build, &perr, &uerr) < 0)
        return NULL;
    if (!type_check(perr) || !type_check(uerr))
        return err_format(&Exc_TypeError, "_set_hooks: the error classes must be types");
    SETREF(reduce_hook, NEWREF(red));
    SETREF(find_class_hook, NEWREF(fc));
    SETREF(build_hook, NEWREF(build));
    INCREF(perr);
    INCREF(uerr);
    PicklingError = (TypeObject *)perr;
    UnpicklingError = (TypeObject *)uerr;
    return none_new();
}

static MethodDef pickle_functions[] = {
    {"dumps", pickle_dumps, METH_KW, "dumps(obj) -> bytes in gilpy's serialisation format"},
    {"loads", pickle_loads, METH_KW, "loads(data) -> the object dumps() serialised"},
    {"_frame_length", pickle_frame_length, 0, NULL},
    {"_set_hooks", pickle_set_hooks, 0, NULL},
    {NULL, NULL, 0, NULL},
};

Object *mod_pickle_init(void) {
    if (!PicklingError) {
        PicklingError = &Exc_TypeError;
        UnpicklingError = &Exc_ValueError;
    }
    Object *m = module_new("_pickle");
    if (!m) return NULL;
    if (module_add_functions(m, pickle_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
