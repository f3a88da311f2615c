/* vm/objects/type.c — type objects: readying static types, the MRO, the
 * attribute lookup cache, `type` itself and class creation.
 *
 * Invariants:
 *  - a ready type has bases/mro/dict filled and a non-zero version;
 *    type_modified() gives the type and every subclass a fresh version, so
 *    the global method cache (keyed by (version, interned name)) never
 *    returns stale entries.  Versions are never reused.
 *  - static types get dunder wrappers for the slots they define themselves
 *    (typeslots.c); heap types get slot dispatchers computed from the MRO.
 *  - heap type instances = the solid base's layout + __slots__ members +
 *    a dict pointer + a weaklist pointer (each only when not inherited).
 *    Heap subclasses of var-sized types (tuple, str, bytes) keep their dict
 *    in a side table (dictoffset == -1).
 */
#include <stdlib.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/eval.h"
#include "vm/objects/typesys.h"
#include "vm/objects/weakref.h"

/* ---- a small pointer-keyed hash map (subclass lists, side tables) -------- */

static size_t ptr_hash(const void *p) {
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15ull;
    return (size_t)(x ^ (x >> 29));
}

static void ptrmap_grow(PtrMap *m) {
    size_t ncap = m->cap ? m->cap * 2 : 64;
    const void **ok = m->keys;
    void **ov = m->vals;
    size_t ocap = m->cap;
    m->keys = calloc(ncap, sizeof(void *));
    m->vals = calloc(ncap, sizeof(void *));
    m->cap = ncap;
    m->used = 0;
    for (size_t i = 0; i < ocap; i++) {
        if (!ok[i]) continue;
        size_t j = ptr_hash(ok[i]) & (ncap - 1);
        while (m->keys[j]) j = (j + 1) & (ncap - 1);
        m->keys[j] = ok[i];
        m->vals[j] = ov[i];
        m->used++;
    }
    free(ok);
    free(ov);
}

/* The value slot for key (NULL if absent and !create). */
void **ptrmap_slot(PtrMap *m, const void *key, bool create) {
    if (m->cap) {
        size_t j = ptr_hash(key) & (m->cap - 1);
        while (m->keys[j]) {
            if (m->keys[j] == key) return &m->vals[j];
            j = (j + 1) & (m->cap - 1);
        }
    }
    if (!create) return NULL;
    if ((m->used + 1) * 2 > m->cap) ptrmap_grow(m);
    size_t j = ptr_hash(key) & (m->cap - 1);
    while (m->keys[j]) j = (j + 1) & (m->cap - 1);
    m->keys[j] = key;
    m->vals[j] = NULL;
    m->used++;
    return &m->vals[j];
}

/* Remove key (backward-shift deletion keeps probe chains intact). */
void ptrmap_remove(PtrMap *m, const void *key) {
    if (!m->cap) return;
    size_t mask = m->cap - 1, j = ptr_hash(key) & mask;
    while (m->keys[j] && m->keys[j] != key) j = (j + 1) & mask;
    if (!m->keys[j]) return;
    m->keys[j] = NULL;
    m->vals[j] = NULL;
    m->used--;
    size_t k = (j + 1) & mask;
    while (m->keys[k]) {
        size_t home = ptr_hash(m->keys[k]) & mask;
        /* move k back into the hole j if its home is not in (j, k] */
        bool between = (j < k) ? (home > j && home <= k) : (home > j || home <= k);
        if (!between) {
            m->keys[j] = m->keys[k];
            m->vals[j] = m->vals[k];
            m->keys[k] = NULL;
            m->vals[k] = NULL;
            j = k;
        }
        k = (k + 1) & mask;
    }
}

/* ---- subclass registry ----------------------------------------------------- */

typedef struct SubList {
    TypeObject **items;
    size_t n, cap;
} SubList;

static PtrMap subclass_map;

void type_add_subclass(TypeObject *base, TypeObject *sub) {
    void **slot = ptrmap_slot(&subclass_map, base, true);
    SubList *l = *slot;
    if (!l) {
        l = calloc(1, sizeof(SubList));
        *slot = l;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->items = realloc(l->items, l->cap * sizeof(TypeObject *));
    }
    l->items[l->n++] = sub;
}

void type_remove_subclass(TypeObject *base, TypeObject *sub) {
    void **slot = ptrmap_slot(&subclass_map, base, false);
    if (!slot || !*slot) return;
    SubList *l = *slot;
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i] == sub) {
            memmove(&l->items[i], &l->items[i + 1], (l->n - i - 1) * sizeof(TypeObject *));
            l->n--;
            return;
        }
    }
}

/* Where each heap type registered itself (a copy of its bases, borrowed).
 * A dying class leaves its bases' lists using this record, not its
 * __bases__ tuple: when the collector frees a class, the tuple may already
 * have been cleared (tuples are cleared like any container). */
typedef struct BaseRecord {
    size_t n;
    TypeObject *items[];
} BaseRecord;

static PtrMap base_records;

static void record_bases(TypeObject *t) {
    size_t n = (size_t)TUPLE_SIZE(t->bases);
    BaseRecord *r = malloc(sizeof(BaseRecord) + n * sizeof(TypeObject *));
    if (!r) return;   /* forget_subclass_links then falls back on the tuple */
    r->n = n;
    for (size_t i = 0; i < n; i++) r->items[i] = (TypeObject *)TUPLE_GET(t->bases, i);
    *ptrmap_slot(&base_records, t, true) = r;
}

/* Take a dying heap type off its bases' lists and drop its own list.  A
 * base that died first (the collector frees a group in any order) has
 * already dropped its list, so the lookup by its address finds nothing of
 * ours. */
static void forget_subclass_links(TypeObject *t) {
    void **rs = ptrmap_slot(&base_records, t, false);
    if (rs && *rs) {
        BaseRecord *r = *rs;
        for (size_t i = 0; i < r->n; i++) type_remove_subclass(r->items[i], t);
        free(r);
        ptrmap_remove(&base_records, t);
    } else if (!rs && t->bases) {
        /* not recorded (no memory, or type_ready failed half-way) */
        for (intptr_t i = 0; i < TUPLE_SIZE(t->bases); i++)
            if (TUPLE_GET(t->bases, i)) type_remove_subclass((TypeObject *)TUPLE_GET(t->bases, i), t);
    }
    void **slot = ptrmap_slot(&subclass_map, t, false);
    if (slot && *slot) {
        SubList *l = *slot;
        free(l->items);
        free(l);
        ptrmap_remove(&subclass_map, t);
    }
}

static SubList *subclasses_of(TypeObject *t) {
    void **slot = ptrmap_slot(&subclass_map, t, false);
    return slot ? *slot : NULL;
}

Object *type_subclasses_list(TypeObject *t) {
    Object *l = list_new(0);
    SubList *s = subclasses_of(t);
    if (!l || !s) return l;
    for (size_t i = 0; i < s->n; i++) {
        if (list_append(l, (Object *)s->items[i]) < 0) {
            DECREF(l);
            return NULL;
        }
    }
    return l;
}

/* ---- versions and the method cache -------------------------------------- */

static unsigned int next_version = 1;

#define MCACHE_SIZE 4096
typedef struct MCacheEntry {
    unsigned int version;
    Object *name;   /* owned: keeps the interned name's address from being reused */
    Object *value;  /* borrowed; valid while the version is current */
} MCacheEntry;
static MCacheEntry mcache[MCACHE_SIZE];

static unsigned int new_version(void) {
    if (next_version == 0) {  /* wrapped: forget every cached entry */
        for (size_t i = 0; i < MCACHE_SIZE; i++) mcache[i].version = 0;
        next_version = 1;
    }
    return next_version++;
}

void type_modified(TypeObject *t) {
    if (!(t->flags & TPFLAG_READY)) return;
    t->version = new_version();
    SubList *s = subclasses_of(t);
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) type_modified(s->items[i]);
}

static inline Object *dict_lookup_name(Object *d, Object *name) {
    if (str_check_exact(name) && ((StrObject *)name)->hash != -1) return dict_get_str(d, name);
    return dict_get(d, name);
}

static Object *find_in_mro(TypeObject *t, Object *name) {
    Object *mro = t->mro;
    if (!mro) {
        if (type_ready(t) < 0) {
            err_clear();
            return NULL;
        }
        mro = t->mro;
        /* A class the collector cleared (gc_clear_type) has no MRO left:
         * code run by finalisers during the collection may still ask. */
        if (!mro) return NULL;
    }
    intptr_t n = TUPLE_SIZE(mro);
    for (intptr_t i = 0; i < n; i++) {
        TypeObject *b = (TypeObject *)TUPLE_GET(mro, i);
        if (!b->dict) continue;
        Object *r = dict_lookup_name(b->dict, name);
        if (r) return r;
    }
    if (err_occurred()) err_clear();
    return NULL;
}

Object *type_lookup(TypeObject *t, Object *name) {
    unsigned int v = t->version;
    if (v && str_check_exact(name) && ((StrObject *)name)->interned) {
        size_t h = ((v * 2654435761u) ^ ((uintptr_t)name >> 4)) & (MCACHE_SIZE - 1);
        MCacheEntry *e = &mcache[h];
        if (e->version == v && e->name == name) return e->value;
        Object *r = find_in_mro(t, name);
        if (t->version == v) {
            e->version = v;
            if (e->name != name) {
                INCREF(name);
                SETREF(e->name, name);
            }
            e->value = r;
        }
        return r;
    }
    return find_in_mro(t, name);
}

/* ---- names ------------------------------------------------------------------ */

const char *type_name(TypeObject *t) {
    if (t->flags & TPFLAG_HEAPTYPE) return t->name;
    const char *dot = strrchr(t->name, '.');
    return dot ? dot + 1 : t->name;
}

Object *type_qualname(TypeObject *t) {
    if (t->flags & TPFLAG_HEAPTYPE) return NEWREF(((HeapTypeObject *)t)->qualname);
    return str_from_cstr(type_name(t));
}

Object *type_module(TypeObject *t) {
    if (t->flags & TPFLAG_HEAPTYPE) {
        Object *m = t->dict ? dict_get(t->dict, id___module__) : NULL;
        if (m) return NEWREF(m);
        if (err_occurred()) err_clear();
        return NEWREF(str_intern_cstr("builtins"));
    }
    const char *dot = strrchr(t->name, '.');
    if (dot) return str_from_utf8(t->name, (size_t)(dot - t->name));
    return NEWREF(str_intern_cstr("builtins"));
}

bool type_is_subtype(TypeObject *a, TypeObject *b) {
    if (a == b) return true;
    Object *mro = a->mro;
    if (mro) {
        intptr_t n = TUPLE_SIZE(mro);
        for (intptr_t i = 1; i < n; i++)
            if (TUPLE_GET(mro, i) == (Object *)b) return true;
        return false;
    }
    for (TypeObject *t = a->base; t; t = t->base)
        if (t == b) return true;
    return b == &Object_Type;
}

TypeObject *type_static_base(TypeObject *t) {
    while (t && (t->flags & TPFLAG_HEAPTYPE)) t = t->base;
    return t;
}

/* ---- readying ----------------------------------------------------------------- */

static const unsigned long SUBCLASS_FLAGS =
    TPFLAG_INT_SUBCLASS | TPFLAG_LIST_SUBCLASS | TPFLAG_TUPLE_SUBCLASS |
    TPFLAG_BYTES_SUBCLASS | TPFLAG_STR_SUBCLASS | TPFLAG_DICT_SUBCLASS |
    TPFLAG_BASE_EXC_SUBCLASS | TPFLAG_TYPE_SUBCLASS | TPFLAG_FLOAT_SUBCLASS |
    TPFLAG_SET_SUBCLASS;

/* Slots copied from a base when the subtype leaves them NULL.  hash and
 * richcompare are handled together; tp_new separately. */
static const size_t inherited_slots[] = {
    offsetof(TypeObject, repr), offsetof(TypeObject, str), offsetof(TypeObject, getattro),
    offsetof(TypeObject, setattro), offsetof(TypeObject, descr_get),
    offsetof(TypeObject, descr_set), offsetof(TypeObject, call), offsetof(TypeObject, iter),
    offsetof(TypeObject, iternext), offsetof(TypeObject, nb_add), offsetof(TypeObject, nb_sub),
    offsetof(TypeObject, nb_mul), offsetof(TypeObject, nb_truediv),
    offsetof(TypeObject, nb_floordiv), offsetof(TypeObject, nb_mod),
    offsetof(TypeObject, nb_divmod), offsetof(TypeObject, nb_lshift),
    offsetof(TypeObject, nb_rshift), offsetof(TypeObject, nb_and), offsetof(TypeObject, nb_or),
    offsetof(TypeObject, nb_xor), offsetof(TypeObject, nb_matmul), offsetof(TypeObject, nb_pow),
    offsetof(TypeObject, nb_inplace_add), offsetof(TypeObject, nb_inplace_sub),
    offsetof(TypeObject, nb_inplace_mul), offsetof(TypeObject, nb_inplace_truediv),
    offsetof(TypeObject, nb_inplace_floordiv), offsetof(TypeObject, nb_inplace_mod),
    offsetof(TypeObject, nb_inplace_lshift), offsetof(TypeObject, nb_inplace_rshift),
    offsetof(TypeObject, nb_inplace_and), offsetof(TypeObject, nb_inplace_or),
    offsetof(TypeObject, nb_inplace_xor), offsetof(TypeObject, nb_inplace_matmul),
    offsetof(TypeObject, nb_inplace_pow), offsetof(TypeObject, nb_neg),
    offsetof(TypeObject, nb_pos), offsetof(TypeObject, nb_abs), offsetof(TypeObject, nb_invert),
    offsetof(TypeObject, nb_int), offsetof(TypeObject, nb_float), offsetof(TypeObject, nb_index),
    offsetof(TypeObject, nb_bool), offsetof(TypeObject, len), offsetof(TypeObject, getitem),
    offsetof(TypeObject, setitem), offsetof(TypeObject, contains), offsetof(TypeObject, tp_init),
    offsetof(TypeObject, dealloc), offsetof(TypeObject, finalize),
};

#define SLOT_AT(t, off) (*(void **)((char *)(t) + (off)))

static void inherit_slots(TypeObject *t, TypeObject *b) {
    for (size_t i = 0; i < sizeof(inherited_slots) / sizeof(inherited_slots[0]); i++) {
        size_t off = inherited_slots[i];
        if (!SLOT_AT(t, off) && SLOT_AT(b, off)) SLOT_AT(t, off) = SLOT_AT(b, off);
    }
    if (!t->richcompare && !t->hash) {
        t->richcompare = b->richcompare;
        t->hash = b->hash;
    }
    if ((t->flags & TPFLAG_GC) && (b->flags & TPFLAG_GC) && !t->traverse && !t->clear) {
        t->traverse = b->traverse;
        t->clear = b->clear;
    }
}

static int add_methods(TypeObject *t) {
    for (MethodDef *m = t->methods; m && m->name; m++) {
        Object *name = str_intern_cstr(m->name);
        if (dict_get(t->dict, name)) continue;
        Object *d;
        if (m->flags & METH_CLASS) {
            d = method_descr_new(t, m);
            if (d) d->type = &ClassMethodDescr_Type;
        } else if (m->flags & METH_STATIC) {
            Object *f = builtin_function_new(m, NULL);
            if (!f) return -1;
            d = staticmethod_new(f);
            DECREF(f);
        } else {
            d = method_descr_new(t, m);
        }
        if (!d) return -1;
        int r = dict_set(t->dict, name, d);
        DECREF(d);
        if (r < 0) return -1;
    }
    for (GetSetDef *g = t->getset; g && g->name; g++) {
        Object *name = str_intern_cstr(g->name);
        if (dict_get(t->dict, name)) continue;
        Object *d = getset_descr_new(t, g);
        if (!d) return -1;
        int r = dict_set(t->dict, name, d);
        DECREF(d);
        if (r < 0) return -1;
    }
    return 0;
}

/* C3 linearisation of t over its bases. */
static Object *mro_error(Object **lists, intptr_t *heads, intptr_t nlists) {
    StrBuf sb;
    strbuf_init(&sb);
    strbuf_append_cstr(&sb, "Cannot create a consistent method resolution\norder (MRO) for bases");
    Object *seen = list_new(0);
    int first = 1;
    for (intptr_t i = 0; i < nlists && seen; i++) {
        if (heads[i] >= TUPLE_SIZE(lists[i])) continue;
        Object *c = TUPLE_GET(lists[i], heads[i]);
        bool dup = false;
        for (intptr_t k = 0; k < LIST_SIZE(seen); k++)
            if (LIST_GET(seen, k) == c) dup = true;
        if (dup) continue;
        list_append(seen, c);
        strbuf_append_cstr(&sb, first ? " " : ", ");
        strbuf_append_cstr(&sb, type_name((TypeObject *)c));
        first = 0;
    }
    XDECREF(seen);
    Object *msg = strbuf_finish(&sb);
    if (msg) {
        err_set_object(&Exc_TypeError, msg);
        DECREF(msg);
    }
    return NULL;
}

static Object *compute_mro(TypeObject *t) {
    Object *bases = t->bases;
    intptr_t nb = TUPLE_SIZE(bases);
    if (nb == 0) return tuple_pack(1, (Object *)t);
    for (intptr_t i = 0; i < nb; i++) {
        if (!((TypeObject *)TUPLE_GET(bases, i))->mro)
            return err_format(&Exc_TypeError, "base class '%s' has been cleared",
                              type_name((TypeObject *)TUPLE_GET(bases, i)));
    }
    if (nb == 1) {
        TypeObject *b = (TypeObject *)TUPLE_GET(bases, 0);
        intptr_t n = TUPLE_SIZE(b->mro);
        Object *r = tuple_new((size_t)n + 1);
        if (!r) return NULL;
        TUPLE_ITEMS(r)[0] = NEWREF((Object *)t);
        for (intptr_t i = 0; i < n; i++) TUPLE_ITEMS(r)[i + 1] = NEWREF(TUPLE_GET(b->mro, i));
        return r;
    }
    intptr_t nlists = nb + 1;
    Object **lists = mem_alloc(sizeof(Object *) * (size_t)nlists);
    intptr_t *heads = mem_alloc(sizeof(intptr_t) * (size_t)nlists);
    Object *result = list_new(0);
    if (!lists || !heads || !result) goto fail;
    for (intptr_t i = 0; i < nb; i++) lists[i] = ((TypeObject *)TUPLE_GET(bases, i))->mro;
    lists[nb] = bases;
    for (intptr_t i = 0; i < nlists; i++) heads[i] = 0;
    if (list_append(result, (Object *)t) < 0) goto fail;
    for (;;) {
        bool empty = true;
        Object *pick = NULL;
        for (intptr_t i = 0; i < nlists && !pick; i++) {
            if (heads[i] >= TUPLE_SIZE(lists[i])) continue;
            empty = false;
            Object *cand = TUPLE_GET(lists[i], heads[i]);
            bool in_tail = false;
            for (intptr_t j = 0; j < nlists && !in_tail; j++)
                for (intptr_t k = heads[j] + 1; k < TUPLE_SIZE(lists[j]); k++)
                    if (TUPLE_GET(lists[j], k) == cand) {
                        in_tail = true;
                        break;
                    }
            if (!in_tail) pick = cand;
        }
        if (empty) break;
        if (!pick) {
            mro_error(lists, heads, nlists);
            goto fail;
        }
        if (list_append(result, pick) < 0) goto fail;
        for (intptr_t i = 0; i < nlists; i++)
            if (heads[i] < TUPLE_SIZE(lists[i]) && TUPLE_GET(lists[i], heads[i]) == pick) heads[i]++;
    }
    mem_free(lists);
    mem_free(heads);
    Object *r = list_as_tuple(result);
    DECREF(result);
    return r;
fail:
    if (lists) mem_free(lists);
    if (heads) mem_free(heads);
    XDECREF(result);
    return NULL;
}

int type_ready(TypeObject *t) {
    if (t->flags & TPFLAG_READY) return 0;
    if (!t->ob_base.type) t->ob_base.type = &Type_Type;
    bool heap = (t->flags & TPFLAG_HEAPTYPE) != 0;
    TypeObject *base = t->base;
    if (!base && t != &Object_Type) base = t->base = &Object_Type;
    if (base && !(base->flags & TPFLAG_READY) && type_ready(base) < 0) return -1;
    if (!t->bases) {
        t->bases = base ? tuple_pack(1, (Object *)base) : tuple_empty();
        if (!t->bases) return -1;
    }
    for (intptr_t i = 0; i < TUPLE_SIZE(t->bases); i++) {
        TypeObject *b = (TypeObject *)TUPLE_GET(t->bases, i);
        if (!(b->flags & TPFLAG_READY) && type_ready(b) < 0) return -1;
    }
    if (!t->dict && !(t->dict = dict_new())) return -1;
    if (t == &Type_Type || (base && (base->flags & TPFLAG_TYPE_SUBCLASS)))
        t->flags |= TPFLAG_TYPE_SUBCLASS;
    if (!heap) {
        if (typeslots_add_wrappers(t) < 0) return -1;
        if (add_methods(t) < 0) return -1;
    }
    if (!t->mro) {
        t->mro = compute_mro(t);
        if (!t->mro) return -1;
    }
    if (base) {
        t->flags |= base->flags & SUBCLASS_FLAGS;
        if (!t->basicsize) t->basicsize = base->basicsize;
        if (!t->itemsize) t->itemsize = base->itemsize;
        if (!heap) {
            if (!t->dictoffset) t->dictoffset = base->dictoffset;
            if (!t->weaklistoffset) t->weaklistoffset = base->weaklistoffset;
            if (!t->tp_new && base != &Object_Type) t->tp_new = base->tp_new;
        }
        for (intptr_t i = 1; i < TUPLE_SIZE(t->mro); i++)
            inherit_slots(t, (TypeObject *)TUPLE_GET(t->mro, i));
        if (heap) t->tp_new = base->tp_new;
    }
    if (!heap) {
        if (!t->hash || t->hash == obj_hash_not_implemented) {
            t->hash = obj_hash_not_implemented;
            if (!dict_get(t->dict, str_intern_cstr("__hash__")) && dict_set(t->dict, str_intern_cstr("__hash__"), None) < 0)
                return -1;
        }
        if (t->tp_new && !dict_get(t->dict, str_intern_cstr("__new__"))) {
            Object *f = builtin_function_new(&tp_new_methoddef, (Object *)t);
            if (!f || dict_set(t->dict, str_intern_cstr("__new__"), f) < 0) return -1;
            DECREF(f);
        }
        if (!dict_get(t->dict, str_intern_cstr("__doc__"))) {
            Object *doc = t->doc ? str_from_cstr(t->doc) : none_new();
            if (!doc || dict_set(t->dict, str_intern_cstr("__doc__"), doc) < 0) return -1;
            DECREF(doc);
        }
    }
    t->flags |= TPFLAG_READY;
    t->version = new_version();
    for (intptr_t i = 0; i < TUPLE_SIZE(t->bases); i++)
        type_add_subclass((TypeObject *)TUPLE_GET(t->bases, i), t);
    if (heap) {
        record_bases(t);
        typeslots_fixup_all(t);
    }
    return 0;
}

/* ---- `type` attributes ------------------------------------------------------- */

static HeapTypeObject *as_heap(TypeObject *t) {
    return (t->flags & TPFLAG_HEAPTYPE) ? (HeapTypeObject *)t : NULL;
}

static int check_set_special(TypeObject *t, Object *value, const char *attr) {
    if (!(t->flags & TPFLAG_HEAPTYPE)) {
        err_format(&Exc_TypeError, "cannot set '%s' attribute of immutable type '%s'", attr,
                   t->name);
        return -1;
    }
    if (!value) {
        err_format(&Exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", attr,
                   t->name);
        return -1;
    }
    return 0;
}

int type_set_c_name(HeapTypeObject *ht, Object *name) {
    size_t n = (size_t)STR_SIZE(name);
    if (strlen(str_utf8(name)) != n) {
        err_format(&Exc_ValueError, "type name must not contain null characters");
        return -1;
    }
    char *old = (char *)ht->type.name;
    if (n < sizeof(ht->name_buf)) {
        memcpy(ht->name_buf, str_utf8(name), n + 1);
        ht->type.name = ht->name_buf;
    } else {
        char *p = mem_alloc(n + 1);
        if (!p) return -1;
        memcpy(p, str_utf8(name), n + 1);
        ht->type.name = p;
    }
    if (old && old != ht->name_buf) mem_free(old);
    return 0;
}

static Object *type_get_name(Object *self, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (as_heap(t)) return NEWREF(as_heap(t)->name);
    return str_from_cstr(type_name(t));
}

static int type_set_name(Object *self, Object *value, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (check_set_special(t, value, "__name__") < 0) return -1;
    if (!str_check(value)) {
        err_format(&Exc_TypeError, "can only assign string to %s.__name__, not '%T'",
                   t->name, value);
        return -1;
    }
    HeapTypeObject *ht = as_heap(t);
    if (type_set_c_name(ht, value) < 0) return -1;
    INCREF(value);
    SETREF(ht->name, value);
    return 0;
}

static Object *type_get_qualname(Object *self, void *c) {
    return type_qualname((TypeObject *)self);
}

static int type_set_qualname(Object *self, Object *value, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (check_set_special(t, value, "__qualname__") < 0) return -1;
    if (!str_check(value)) {
        err_format(&Exc_TypeError, "can only assign string to %s.__qualname__, not '%T'",
                   t->name, value);
        return -1;
    }
    INCREF(value);
    SETREF(as_heap(t)->qualname, value);
    return 0;
}

static Object *type_get_module(Object *self, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (as_heap(t)) {
        Object *m = dict_get(t->dict, id___module__);
        if (!m) {
            if (!err_occurred()) err_format(&Exc_AttributeError, "__module__");
            return NULL;
        }
        return NEWREF(m);
    }
    return type_module(t);
}

static int type_set_module(Object *self, Object *value, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (check_set_special(t, value, "__module__") < 0) return -1;
    int r = dict_set(t->dict, id___module__, value);
    type_modified(t);
    return r;
}

static Object *type_get_bases(Object *self, void *c) {
    return NEWREF(((TypeObject *)self)->bases);
}

static int type_set_bases(Object *self, Object *value, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (check_set_special(t, value, "__bases__") < 0) return -1;
    err_format(&Exc_NotImplementedError, "assigning __bases__ is not supported by gilpy");
    return -1;
}

static Object *type_get_base(Object *self, void *c) {
    TypeObject *b = ((TypeObject *)self)->base;
    return NEWREF(b ? (Object *)b : None);
}

static Object *type_get_mro(Object *self, void *c) {
    TypeObject *t = (TypeObject *)self;
    return NEWREF(t->mro ? t->mro : None);
}

static Object *type_get_dict(Object *self, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (!t->dict) return none_new();
    return mappingproxy_new(t->dict);
}

static Object *type_get_doc(Object *self, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (!as_heap(t)) {
        if (t->doc) return str_from_cstr(t->doc);
        Object *d = dict_get(t->dict, id___doc__);
        return NEWREF(d ? d : None);
    }
    Object *d = dict_get(t->dict, id___doc__);
    if (!d) return none_new();
    descrgetfunc get = OBJ_TYPE(d)->descr_get;
    if (get) return get(d, NULL, self);
    return NEWREF(d);
}

static int type_set_doc(Object *self, Object *value, void *c) {
    TypeObject *t = (TypeObject *)self;
    if (check_set_special(t, value, "__doc__") < 0) return -1;
    int r = dict_set(t->dict, id___doc__, value);
    type_modified(t);
    return r;
}

static Object *type_get_abstract(Object *self, void *c) {
    TypeObject *t = (TypeObject *)self;
    Object *v = t != &Type_Type ? dict_get_cstr(t->dict, "__abstractmethods__") : NULL;
    if (!v) return err_format(&Exc_AttributeError, "__abstractmethods__");
    return NEWREF(v);
}

static int type_set_abstract(Object *self, Object *value, void *c) {
    TypeObject *t = (TypeObject *)self;
    int r;
    if (value)
        r = dict_set_cstr(t->dict, "__abstractmethods__", value);
    else {
        r = dict_del_cstr(t->dict, "__abstractmethods__");
        if (r < 0 && err_matches(&Exc_KeyError)) {
            err_clear();
            err_format(&Exc_AttributeError, "__abstractmethods__");
        }
    }
    type_modified(t);
    return r;
}

static GetSetDef type_getset[] = {
    {"__name__", type_get_name, type_set_name, NULL, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL, NULL},
    {"__module__", type_get_module, type_set_module, NULL, NULL},
    {"__bases__", type_get_bases, type_set_bases, NULL, NULL},
    {"__base__", type_get_base, NULL, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL, NULL},
    {"__dict__", type_get_dict, NULL, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL, NULL},
    {"__abstractmethods__", type_get_abstract, type_set_abstract, NULL, NULL},
    {NULL},
};

static Object *type_mro_method(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("mro", nargs, 0, 0) < 0) return NULL;
    Object *m = compute_mro((TypeObject *)self);
    if (!m) return NULL;
    Object *l = list_from_iterable(m);
    DECREF(m);
    return l;
}

static Object *type_subclasses_method(Object *self, Object *const *args, size_t nargs,
                                      Object *kwnames) {
    if (args_count("__subclasses__", nargs, 0, 0) < 0) return NULL;
    return type_subclasses_list((TypeObject *)self);
}

static Object *type_instancecheck(Object *self, Object *const *args, size_t nargs,
                                  Object *kwnames) {
    if (args_count("__instancecheck__", nargs, 1, 1) < 0) return NULL;
    return bool_from(type_is_subtype(OBJ_TYPE(args[0]), (TypeObject *)self));
}

static Object *type_subclasscheck(Object *self, Object *const *args, size_t nargs,
                                  Object *kwnames) {
    if (args_count("__subclasscheck__", nargs, 1, 1) < 0) return NULL;
    if (!type_check(args[0])) return err_format(&Exc_TypeError, "issubclass() arg 1 must be a class");
    return bool_from(type_is_subtype((TypeObject *)args[0], (TypeObject *)self));
}

static Object *type_prepare(Object *self, Object *const *args, size_t nargs,
                            Object *kwnames) {
    return dict_new();
}

static Object *type_dir_method(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("__dir__", nargs, 0, 0) < 0) return NULL;
    return type_dir_list((TypeObject *)self);
}

/* The names of a class and its bases (for dir()). */
Object *type_dir_list(TypeObject *t) {
    Object *names = dict_new();
    if (!names || !t->mro) return names ? dict_keys_list(names) : NULL;
    for (intptr_t i = TUPLE_SIZE(t->mro) - 1; i >= 0; i--) {
        TypeObject *b = (TypeObject *)TUPLE_GET(t->mro, i);
        if (b->dict && dict_merge(names, b->dict, true) < 0) {
            DECREF(names);
            return NULL;
        }
    }
    Object *r = dict_keys_list(names);
    DECREF(names);
    return r;
}

static Object *type_sizeof(Object *self, Object *const *args, size_t nargs,
                           Object *kwnames) {
    return int_from_ssize((intptr_t)OBJ_TYPE(self)->basicsize);
}

static MethodDef type_methods[] = {
    {"mro", type_mro_method, 0, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses_method, 0,
     "Return a list of immediate subclasses."},
    {"__instancecheck__", type_instancecheck, 0, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, 0, "Check if a class is a subclass."},
    {"__prepare__", type_prepare, METH_CLASS | METH_KW,
     "Create the namespace for the class statement"},
    {"__dir__", type_dir_method, 0, "Specialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, 0, "Return memory consumption of the type object."},
    {NULL},
};

/* ---- attribute access on types ----------------------------------------------- */

Object *type_getattro(Object *self, Object *name) {
    TypeObject *type = (TypeObject *)self, *meta = OBJ_TYPE(self);
    if (!str_check(name)) {
        return err_format(&Exc_TypeError, "attribute name must be string, not '%T'", name);
    }
    Object *meta_attr = type_lookup(meta, name);
    descrgetfunc meta_get = NULL;
    if (meta_attr) {
        INCREF(meta_attr);
        meta_get = OBJ_TYPE(meta_attr)->descr_get;
        if (meta_get && OBJ_TYPE(meta_attr)->descr_set) {
            Object *r = meta_get(meta_attr, self, (Object *)meta);
            DECREF(meta_attr);
            return r;
        }
    }
    Object *attr = type_lookup(type, name);
    if (attr) {
        INCREF(attr);
        XDECREF(meta_attr);
        descrgetfunc local_get = OBJ_TYPE(attr)->descr_get;
        if (local_get) {
            Object *r = local_get(attr, NULL, self);
            DECREF(attr);
            return r;
        }
        return attr;
    }
    if (meta_get) {
        Object *r = meta_get(meta_attr, self, (Object *)meta);
        DECREF(meta_attr);
        return r;
    }
    if (meta_attr) return meta_attr;
    err_format(&Exc_AttributeError, "type object '%s' has no attribute '%U'", type_name(type),
               name);
    err_attribute_set_context(self, name);
    return NULL;
}

int type_setattro(Object *self, Object *name, Object *value) {
    TypeObject *type = (TypeObject *)self, *meta = OBJ_TYPE(self);
    if (!str_check(name)) {
        err_format(&Exc_TypeError, "attribute name must be string, not '%T'", name);
        return -1;
    }
    if (!(type->flags & TPFLAG_HEAPTYPE)) {
        err_format(&Exc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name,
                   type->name);
        return -1;
    }
    Object *meta_attr = type_lookup(meta, name);
    int r;
    if (meta_attr && OBJ_TYPE(meta_attr)->descr_set) {
        INCREF(meta_attr);
        r = OBJ_TYPE(meta_attr)->descr_set(meta_attr, self, value);
        DECREF(meta_attr);
    } else if (value) {
        INCREF(name);
        if (str_check_exact(name)) name = str_intern(name);
        r = dict_set(type->dict, name, value);
        DECREF(name);
    } else {
        r = dict_del(type->dict, name);
        if (r < 0 && err_matches(&Exc_KeyError)) {
            err_clear();
            err_format(&Exc_AttributeError, "type object '%s' has no attribute '%U'",
                       type_name(type), name);
            err_attribute_set_context(self, name);
        }
    }
    if (r < 0) return -1;
    type_modified(type);
    if (typeslots_is_dunder(name)) typeslots_update(type, name);
    return 0;
}

/* ---- calling types ---------------------------------------------------------------- */

static Object *type_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    TypeObject *type = (TypeObject *)self;
    if (type == &Type_Type && nargs == 1 && (!kwnames || TUPLE_SIZE(kwnames) == 0))
        return NEWREF((Object *)OBJ_TYPE(args[0]));
    if (!type->tp_new) {
        return err_format(&Exc_TypeError, "cannot create '%s' instances", type->name);
    }
    Object *obj = type->tp_new(type, args, nargs, kwnames);
    if (!obj) return NULL;
    TypeObject *ot = OBJ_TYPE(obj);
    if (ot != type && !type_is_subtype(ot, type)) return obj;
    if ((ot->flags & (TPFLAG_HEAPTYPE | TPFLAG_GC)) == (TPFLAG_HEAPTYPE | TPFLAG_GC) &&
        !gc_is_tracked(obj))
        gc_track(obj);
    if (ot->tp_init && ot->tp_init(obj, args, nargs, kwnames) < 0) {
        DECREF(obj);
        return NULL;
    }
    return obj;
}

Object *type_tp_new(TypeObject *metatype, Object *const *args, size_t nargs,
                           Object *kwnames) {
    size_t nkw = kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
    if (metatype == &Type_Type && nargs == 1 && nkw == 0)
        return NEWREF((Object *)OBJ_TYPE(args[0]));
    if (nargs != 3) {
        if (metatype == &Type_Type)
            return err_format(&Exc_TypeError, "type() takes 1 or 3 arguments");
        return err_format(&Exc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)",
                          nargs);
    }
    if (!str_check(args[0]))
        return err_format(&Exc_TypeError, "type.__new__() argument 1 must be str, not %T",
                          args[0]);
    if (!tuple_check(args[1]))
        return err_format(&Exc_TypeError, "type.__new__() argument 2 must be tuple, not %T",
                          args[1]);
    if (!dict_check(args[2]))
        return err_format(&Exc_TypeError, "type.__new__() argument 3 must be dict, not %T",
                          args[2]);
    return type_new_class(metatype, args[0], args[1], args[2], nkw ? kwnames : NULL, args + 3);
}

static int type_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    size_t nkw = kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
    if (nargs == 1 && nkw != 0) {
        err_format(&Exc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (nargs != 1 && nargs != 3) {
        err_format(&Exc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static Object *type_repr(Object *self) {
    TypeObject *t = (TypeObject *)self;
    Object *mod = type_module(t), *qual = type_qualname(t), *r = NULL;
    if (mod && qual) {
        if (str_check(mod) && !str_eq_cstr(mod, "builtins"))
            r = str_from_format("<class '%U.%U'>", mod, qual);
        else
            r = str_from_format("<class '%U'>", qual);
    }
    XDECREF(mod);
    XDECREF(qual);
    return r;
}

static Object *type_or(Object *a, Object *b) { return union_new(a, b); }

/* ---- classes and the cycle collector ------------------------------------------
 *
 * Type_Type is a GC type, but only heap types have a GC header (they come
 * from obj_alloc(metatype); static types are C globals): obj_is_gc() looks
 * at the type object's own TPFLAG_HEAPTYPE (gc/gc.h).  A class always sits
 * in a cycle (its __mro__ starts with itself, its dict holds descriptors
 * and methods that refer back to it), so without the collector no class
 * would ever be freed.
 *
 * Clearing keeps bases and base (type_dealloc needs them to leave the
 * bases' subclass lists; they are not part of the class's own cycle) and
 * the name strings, drops the MRO and empties the dict.  The version is
 * renewed first: the global method cache and eval's attribute caches hold
 * borrowed pointers into the dict, keyed by version, and versions are never
 * reused, so no entry can be returned for a cleared or freed class. */
static int type_traverse(Object *self, visitproc visit, void *arg) {
    TypeObject *t = (TypeObject *)self;
    if (!(t->flags & TPFLAG_HEAPTYPE)) return 0;
    HeapTypeObject *ht = (HeapTypeObject *)t;
    Object *fields[] = {t->dict, t->mro, t->bases, (Object *)t->base,
                        ht->module, ht->qualname, ht->name, ht->slots};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (fields[i]) {
            int r = visit(fields[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

static int type_clear(Object *self) {
    TypeObject *t = (TypeObject *)self;
    if (!(t->flags & TPFLAG_HEAPTYPE)) return 0;
    type_modified(t);
    if (t->dict) dict_clear(t->dict);
    CLEAR(((HeapTypeObject *)t)->module);
    CLEAR(t->mro);
    return 0;
}

static void type_dealloc(Object *self) {
    TypeObject *t = (TypeObject *)self;
    if (!(t->flags & TPFLAG_HEAPTYPE)) {
        self->refcnt = 1 << 30; /* static types are immortal */
        return;
    }
    /* Out of the collector's sight before the fields go: a finaliser run
     * by a DECREF below may start a collection. */
    gc_untrack(self);
    HeapTypeObject *ht = (HeapTypeObject *)t;
    if (ht->weaklist) weakref_clear_all(self);
    forget_subclass_links(t);
    CLEAR(t->dict);
    CLEAR(t->bases);
    CLEAR(t->mro);
    if (t->base) {
        Object *b = (Object *)t->base;
        t->base = NULL;
        DECREF(b);
    }
    CLEAR(ht->name);
    CLEAR(ht->qualname);
    CLEAR(ht->module);
    CLEAR(ht->slots);
    if (t->name && t->name != ht->name_buf) mem_free((char *)t->name);
    obj_free(self);
}

TypeObject Type_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "type",
    .basicsize = sizeof(HeapTypeObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_TYPE_SUBCLASS | TPFLAG_GC,
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .dealloc = type_dealloc,
    .traverse = type_traverse,
    .clear = type_clear,
    .repr = type_repr,
    .getattro = type_getattro,
    .setattro = type_setattro,
    .call = type_call,
    .nb_or = type_or,
    .tp_new = type_tp_new,
    .tp_init = type_init,
    .methods = type_methods,
    .getset = type_getset,
    .dictoffset = offsetof(TypeObject, dict),
    .weaklistoffset = offsetof(HeapTypeObject, weaklist),
};

/* ---- start-up ------------------------------------------------------------------ */

void typesys_init_types(void) {
    static TypeObject *const types[] = {
        &Object_Type,        &Type_Type,          &NoneType_Type,       &NotImplemented_Type,
        &Ellipsis_Type,      &BuiltinFunction_Type, &MethodDescr_Type,  &ClassMethodDescr_Type,
        &GetSetDescr_Type,   &MemberDescr_Type,   &WrapperDescr_Type,   &MethodWrapper_Type,
        &ClassMethod_Type,   &StaticMethod_Type,  &Property_Type,       &Super_Type,
        &MappingProxy_Type,  &Union_Type,         &GenericAlias_Type,
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) type_ready(types[i]);
    module_init_types();
    exceptions_init_types();
}
