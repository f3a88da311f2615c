/* vm/objects/dict.c — dict: an insertion-ordered hash table.
 *
 * Layout (see containers.h): an entries array in insertion order plus an
 * open-addressed index table of int32 positions, probed like CPython
 * (i = i*5 + perturb + 1).  The index table is 2/3 full at most (entries
 * capacity = 2/3 of its slots); when entries run out the table is rebuilt
 * at 3x the live count, which also squeezes out deleted entries.
 *
 * Invariants:
 *  - every index slot >= 0 points to a live entry (deleting marks the slot
 *    DKIX_DUMMY and NULLs the entry's key and value);
 *  - `version` takes a fresh value from a global counter on every mutation,
 *    so (dict, version) identifies a state (eval's global caches rely on it);
 *  - key comparisons may run Python code that mutates the dict: lookups
 *    restart when the table changed under them, and loops re-read nentries.
 */
#include <string.h>

#include "gc/gc.h"
#include "gc/pool.h"
#include "vm/vm.h"
#include "vm/objects/containers.h"
#include "vm/objects/typesys.h"

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define DKIX_ERROR (-3)
#define DICT_LOG_MINSIZE 3
#define USABLE_FRACTION(n) (((n) << 1) / 3)

static uint64_t dict_global_version;
/* Every mutation takes a fresh version; all but a value replacement also
 * renew keys_version (conservatively: it must change whenever keys may). */
#define DICT_BUMP(d) ((d)->version = (d)->keys_version = ++dict_global_version)
#define DICT_BUMP_VALUE(d) ((d)->version = ++dict_global_version)

uint64_t dict_version(Object *d) { return ((DictObject *)d)->version; }

#define key_hash container_hash

/* ---- table management ----------------------------------------------------- */

static int log2_for(intptr_t minsize) {
    int k = DICT_LOG_MINSIZE;
    while (((intptr_t)1 << k) < minsize) k++;
    return k;
}

/* Install fresh, empty storage for 1 << log2size index slots. */
static int dict_alloc_table(DictObject *d, int log2size) {
    if (log2size > 30) {
        err_no_memory();
        return -1;
    }
    size_t size = (size_t)1 << log2size;
    size_t usable = USABLE_FRACTION(size);
    /* Small tables (8 or 16 slots: most instance and keyword dicts) come
     * from the object pools, like the dicts themselves; always freed with
     * pool_free, which also takes malloc'ed blocks. */
    char *block = pool_alloc(size * sizeof(int32_t) + usable * sizeof(DictEntry));
    if (!block) {
        err_no_memory();
        return -1;
    }
    d->indices = (int32_t *)block;
    memset(d->indices, 0xff, size * sizeof(int32_t));   /* all DKIX_EMPTY */
    d->entries = (DictEntry *)(block + size * sizeof(int32_t));
    d->log2size = log2size;
    d->usable = (intptr_t)usable;
    d->nentries = 0;
    return 0;
}

/* First index slot for `hash` that is not in use (empty or dummy). */
static size_t find_empty_slot(DictObject *d, int64_t hash) {
    size_t mask = ((size_t)1 << d->log2size) - 1;
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (d->indices[i] >= 0) {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Rebuild into a table of 1 << log2size slots, compacting entries. */
static int dict_resize(DictObject *d, int log2size) {
    int32_t *oldindices = d->indices;
    DictEntry *old = d->entries;
    intptr_t n = d->nentries;
    if (dict_alloc_table(d, log2size) < 0) return -1;
    intptr_t k = 0;
    for (intptr_t i = 0; i < n; i++) {
        if (!old[i].key) continue;
        d->entries[k] = old[i];
        d->indices[find_empty_slot(d, old[i].hash)] = (int32_t)k;
        k++;
    }
    d->nentries = k;
    pool_free(oldindices);
    return 0;
}

/* Position in entries of `key`, DKIX_EMPTY if absent, DKIX_ERROR on error.
 * If slot is not NULL it receives the index-table slot (for deletion). */
static intptr_t dict_lookup(DictObject *d, Object *key, int64_t hash, size_t *slot) {
restart:
    if (!d->indices) return DKIX_EMPTY;
    size_t mask = ((size_t)1 << d->log2size) - 1;
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int32_t ix = d->indices[i];
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0) {
            DictEntry *ep = &d->entries[ix];
            if (ep->key == key) goto found;
            if (ep->hash == hash) {
                Object *startkey = ep->key;
                if (str_check_exact(startkey) && str_check_exact(key)) {
                    if (str_eq(startkey, key)) goto found;
                } else {
                    DictEntry *entries = d->entries;
                    INCREF(startkey);
                    int cmp = obj_richcompare_bool(startkey, key, CMP_EQ);
                    DECREF(startkey);
                    if (cmp < 0) return DKIX_ERROR;
                    if (entries != d->entries || ep->key != startkey) goto restart;
                    if (cmp) goto found;
                }
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
        continue;
    found:
        if (slot) *slot = i;
        return ix;
    }
}

#define DKIX_SLOW (-4)

/* Lookup of an exact-str key without dict_lookup's generality: probes while
 * every key met is either the very object (interned names) or has another
 * hash.  Returns the entry position, DKIX_EMPTY for a miss, or DKIX_SLOW
 * when an equal hash needs a real comparison.  It calls nothing, so it
 * compiles to a leaf loop with no register spills.  Misses matter as much as hits: every method call on an
 * instance looks in the instance dict first. */
static inline __attribute__((always_inline)) intptr_t str_probe(DictObject *d, Object *key, int64_t hash) {
    if (!d->indices) return DKIX_EMPTY;
    size_t mask = ((size_t)1 << d->log2size) - 1;
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int32_t ix = d->indices[i];
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0) {
            DictEntry *ep = &d->entries[ix];
            if (ep->key == key) return ix;
            if (ep->hash == hash) return DKIX_SLOW;   /* let dict_lookup compare */
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Insert or replace; key and value are borrowed. */
static int dict_insert(DictObject *d, Object *key, int64_t hash, Object *value) {
    /* Like CPython, a dict holding only atomic keys and values (ints, strs,
     * None ...) cannot be part of a cycle: it is tracked from the first
     * insertion of a container. */
    if (!AS_GC((Object *)d)->next && (obj_is_gc(key) || obj_is_gc(value))) gc_track((Object *)d);
    intptr_t ix = DKIX_SLOW;
    if (!IS_SMALLINT(key) && key->type == &Str_Type) ix = str_probe(d, key, hash);
    if (ix == DKIX_SLOW) ix = dict_lookup(d, key, hash, NULL);
    if (ix == DKIX_ERROR) return -1;
    if (ix >= 0) {
        Object *old = d->entries[ix].value;
        if (old == value) return 0;
        d->entries[ix].value = NEWREF(value);
        DICT_BUMP_VALUE(d);
        DECREF(old);
        return 0;
    }
    if (d->nentries >= d->usable) {
        if (dict_resize(d, log2_for(d->used * 3)) < 0) return -1;
    }
    DictEntry *ep = &d->entries[d->nentries];
    ep->hash = hash;
    ep->key = NEWREF(key);
    ep->value = NEWREF(value);
    d->indices[find_empty_slot(d, hash)] = (int32_t)d->nentries;
    d->nentries++;
    d->used++;
    DICT_BUMP(d);
    return 0;
}

/* Remove the entry at position ix (found at index slot `slot`); returns the
 * detached key and value for the caller to release. */
static void dict_unlink(DictObject *d, size_t slot, intptr_t ix, Object **key, Object **value) {
    DictEntry *ep = &d->entries[ix];
    d->indices[slot] = DKIX_DUMMY;
    *key = ep->key;
    *value = ep->value;
    ep->key = NULL;
    ep->value = NULL;
    d->used--;
    DICT_BUMP(d);
}

/* Make room for `extra` more keys at once (merges/copies). */
static int dict_presize(DictObject *d, intptr_t extra) {
    intptr_t want = d->used + extra;
    if (d->indices && d->usable - d->nentries >= extra) return 0;
    if (!d->indices && extra == 0) return 0;
    return dict_resize(d, log2_for((want * 3 + 1) / 2));
}

/* ---- public API ------------------------------------------------------------ */

#define DICT_FREELIST_MAX 80
static DictObject *dict_freelist[DICT_FREELIST_MAX];
static int dict_freelist_count;

static Object *dict_alloc(TypeObject *type) {
    if (type == &Dict_Type && dict_freelist_count > 0) {
        DictObject *d = dict_freelist[--dict_freelist_count];
        d->ob_base.refcnt = 1;
        AS_GC((Object *)d)->flags = 0;   /* a recycled instance dict is a plain dict now */
        return (Object *)d;
    }
    return obj_alloc(type);
}

Object *dict_new(void) {
    Object *d = dict_alloc(&Dict_Type);
    if (!d) return NULL;
    DICT_BUMP((DictObject *)d);
    return d;
}

Object *dict_get_with_hash(Object *d, Object *key, int64_t hash) {
    DictObject *dp = (DictObject *)d;
    intptr_t ix = dict_lookup(dp, key, hash, NULL);
    if (ix < 0) return NULL;
    return dp->entries[ix].value;
}

Object *dict_get(Object *d, Object *key) {
    int64_t hash = key_hash(key);
    if (hash == -1) return NULL;
    return dict_get_with_hash(d, key, hash);
}

/* dict_get_str's rare path: an equal hash, so compare keys (not inlined:
 * keeps the fast path free of call-saved registers). */
static __attribute__((noinline)) Object *dict_get_str_slow(DictObject *dp, Object *strkey,
                                                           int64_t hash) {
    intptr_t ix = dict_lookup(dp, strkey, hash, NULL);
    if (ix < 0) {
        if (ix == DKIX_ERROR) err_clear();
        return NULL;
    }
    return dp->entries[ix].value;
}

Object *dict_get_str(Object *d, Object *strkey) {
    int64_t hash = ((StrObject *)strkey)->hash;
    if (hash == -1) hash = str_hash(strkey);
    DictObject *dp = (DictObject *)d;
    intptr_t ix = str_probe(dp, strkey, hash);
    if (ix >= 0) return dp->entries[ix].value;
    if (ix == DKIX_EMPTY) return NULL;
    return dict_get_str_slow(dp, strkey, hash);
}

Object *dict_get_str_hint(Object *d, Object *strkey, uint32_t *hint) {
    DictObject *dp = (DictObject *)d;
    uint32_t h = *hint;
    if (h < (uint64_t)dp->nentries && dp->entries[h].key == strkey) return dp->entries[h].value;
    int64_t hash = ((StrObject *)strkey)->hash;
    if (hash == -1) hash = str_hash(strkey);
    intptr_t ix = str_probe(dp, strkey, hash);
    if (ix == DKIX_EMPTY) return NULL;
    if (ix == DKIX_SLOW) return dict_get_str_slow(dp, strkey, hash);
    *hint = (uint32_t)ix;
    return dp->entries[ix].value;
}

int dict_set_str_hint(Object *d, Object *strkey, Object *value, uint32_t *hint) {
    DictObject *dp = (DictObject *)d;
    uint32_t h = *hint;
    if (h < (uint64_t)dp->nentries && dp->entries[h].key == strkey) {
        /* replace in place: what dict_insert does after finding the key */
        if (!AS_GC(d)->next && obj_is_gc(value)) gc_track(d);
        Object *old = dp->entries[h].value;
        if (old == value) return 0;
        dp->entries[h].value = NEWREF(value);
        DICT_BUMP_VALUE(dp);
        DECREF(old);
        return 0;
    }
    int r = dict_set_str(d, strkey, value);
    if (r == 0) {
        /* a new key is the last entry (as in __init__); else look it up */
        intptr_t ix = dp->nentries - 1;
        if (ix < 0 || dp->entries[ix].key != strkey) ix = str_probe(dp, strkey, ((StrObject *)strkey)->hash);
        if (ix >= 0) *hint = (uint32_t)ix;
    }
    return r;
}

Object *dict_get_cstr(Object *d, const char *key) {
    Object *k = str_from_cstr(key);
    if (!k) return NULL;
    Object *v = dict_get(d, k);
    DECREF(k);
    return v;
}

int dict_set(Object *d, Object *key, Object *value) {
    int64_t hash = key_hash(key);
    if (hash == -1) return -1;
    return dict_insert((DictObject *)d, key, hash, value);
}

int dict_set_str(Object *d, Object *strkey, Object *value) {
    int64_t hash = ((StrObject *)strkey)->hash;
    if (hash == -1) hash = str_hash(strkey);
    return dict_insert((DictObject *)d, strkey, hash, value);
}

int dict_set_cstr(Object *d, const char *key, Object *value) {
    Object *k = str_intern_cstr(key);
    if (!k) return -1;
    return dict_set_str(d, k, value);
}

/* Delete `key` if present: 1 deleted, 0 absent, -1 error.  *out receives the
 * value (new reference) when out is not NULL. */
static int dict_remove(DictObject *d, Object *key, Object **out) {
    int64_t hash = key_hash(key);
    if (hash == -1) return -1;
    size_t slot;
    intptr_t ix = dict_lookup(d, key, hash, &slot);
    if (ix == DKIX_ERROR) return -1;
    if (ix < 0) return 0;
    Object *k, *v;
    dict_unlink(d, slot, ix, &k, &v);
    DECREF(k);
    if (out) *out = v;
    else DECREF(v);
    return 1;
}

int dict_del(Object *d, Object *key) {
    int r = dict_remove((DictObject *)d, key, NULL);
    if (r == 0) err_set_object(&Exc_KeyError, key);
    return r > 0 ? 0 : -1;
}

int dict_del_cstr(Object *d, const char *key) {
    Object *k = str_from_cstr(key);
    if (!k) return -1;
    int r = dict_del(d, k);
    DECREF(k);
    return r;
}

Object *dict_pop(Object *d, Object *key) {
    Object *v = NULL;
    if (dict_remove((DictObject *)d, key, &v) <= 0) return NULL;
    return v;
}

intptr_t dict_size(Object *d) { return ((DictObject *)d)->used; }

bool dict_next(Object *d, intptr_t *pos, Object **key, Object **value) {
    DictObject *dp = (DictObject *)d;
    intptr_t i = *pos;
    while (i < dp->nentries && dp->entries[i].key == NULL) i++;
    if (i >= dp->nentries) {
        *pos = i;
        return false;
    }
    if (key) *key = dp->entries[i].key;
    if (value) *value = dp->entries[i].value;
    *pos = i + 1;
    return true;
}

int dict_contains(Object *d, Object *key) {
    int64_t hash = key_hash(key);
    if (hash == -1) return -1;
    intptr_t ix = dict_lookup((DictObject *)d, key, hash, NULL);
    if (ix == DKIX_ERROR) return -1;
    return ix >= 0;
}

void dict_clear(Object *d) {
    DictObject *dp = (DictObject *)d;
    int32_t *block = dp->indices;
    DictEntry *entries = dp->entries;
    intptr_t n = dp->nentries;
    dp->indices = NULL;
    dp->entries = NULL;
    dp->used = dp->nentries = dp->usable = 0;
    dp->log2size = 0;
    DICT_BUMP(dp);
    if (!block) return;
    for (intptr_t i = 0; i < n; i++) {
        XDECREF(entries[i].key);
        XDECREF(entries[i].value);
    }
    pool_free(block);
}

Object *dict_setdefault(Object *d, Object *key, Object *dflt) {
    DictObject *dp = (DictObject *)d;
    int64_t hash = key_hash(key);
    if (hash == -1) return NULL;
    intptr_t ix = dict_lookup(dp, key, hash, NULL);
    if (ix == DKIX_ERROR) return NULL;
    if (ix >= 0) return dp->entries[ix].value;
    INCREF(key);
    INCREF(dflt);
    int r = dict_insert(dp, key, hash, dflt);
    DECREF(key);
    DECREF(dflt);
    if (r < 0) return NULL;
    return dflt;   /* now held by the dict */
}

/* Is `o` a dict whose iteration we may read directly? */
static bool dict_plain_iter(Object *o) {
    return dict_check(o) && OBJ_TYPE(o)->iter == Dict_Type.iter;
}

int dict_merge(Object *d, Object *other, bool override) {
    DictObject *a = (DictObject *)d;
    if (dict_plain_iter(other)) {
        DictObject *b = (DictObject *)other;
        if (a == b || b->used == 0) return 0;
        if (dict_presize(a, b->used) < 0) return -1;
        intptr_t n = b->nentries;
        for (intptr_t i = 0; i < b->nentries; i++) {
            DictEntry *ep = &b->entries[i];
            if (!ep->key) continue;
            Object *k = NEWREF(ep->key), *v = NEWREF(ep->value);
            int64_t hash = ep->hash;
            int r = 0;
            if (override) {
                r = dict_insert(a, k, hash, v);
            } else {
                intptr_t ix = dict_lookup(a, k, hash, NULL);
                if (ix == DKIX_ERROR) r = -1;
                else if (ix < 0) r = dict_insert(a, k, hash, v);
            }
            DECREF(k);
            DECREF(v);
            if (r < 0) return -1;
            if (n != b->nentries) {
                err_format(&Exc_RuntimeError, "dict mutated during update");
                return -1;
            }
        }
        return 0;
    }
    /* A generic mapping: keys() and __getitem__. */
    Object *keys = obj_call_method(other, "keys", NULL, 0);
    if (!keys) return -1;
    Object *it = obj_get_iter(keys);
    DECREF(keys);
    if (!it) return -1;
    Object *k;
    while ((k = obj_iter_next(it)) != NULL) {
        int r = 0;
        if (!override) {
            r = dict_contains(d, k);
            if (r > 0) {
                DECREF(k);
                continue;
            }
        }
        Object *v = r < 0 ? NULL : obj_getitem(other, k);
        if (v) {
            r = dict_set(d, k, v);
            DECREF(v);
        } else {
            r = -1;
        }
        DECREF(k);
        if (r < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

/* d.update(iterable of pairs). */
static int dict_merge_pairs(Object *d, Object *seq) {
    Object *it = obj_get_iter(seq);
    if (!it) return -1;
    Object *item;
    intptr_t i = 0;
    for (; (item = obj_iter_next(it)) != NULL; i++) {
        Object *pair = NULL;
        if (list_check(item) || tuple_check(item)) {
            pair = NEWREF(item);
        } else {
            pair = list_from_iterable(item);
            if (!pair && err_matches(&Exc_TypeError)) {
                err_clear();
                err_format(&Exc_TypeError,
                           "cannot convert dictionary update sequence element #%zd to a sequence",
                           (ssize_t)i);
            }
        }
        DECREF(item);
        if (!pair) goto fail;
        intptr_t n = list_check(pair) ? LIST_SIZE(pair) : TUPLE_SIZE(pair);
        if (n != 2) {
            err_format(&Exc_ValueError,
                       "dictionary update sequence element #%zd has length %zd; 2 is required",
                       (ssize_t)i, (ssize_t)n);
            DECREF(pair);
            goto fail;
        }
        Object *k = list_check(pair) ? LIST_GET(pair, 0) : TUPLE_GET(pair, 0);
        Object *v = list_check(pair) ? LIST_GET(pair, 1) : TUPLE_GET(pair, 1);
        INCREF(k);
        INCREF(v);
        int r = dict_set(d, k, v);
        DECREF(k);
        DECREF(v);
        DECREF(pair);
        if (r < 0) goto fail;
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
fail:
    DECREF(it);
    return -1;
}

int dict_update(Object *d, Object *other) {
    if (dict_check(other)) return dict_merge(d, other, true);
    Object *keys;
    int r = obj_lookup_attr(other, id_keys, &keys);
    if (r < 0) return -1;
    if (r > 0) {
        DECREF(keys);
        return dict_merge(d, other, true);
    }
    return dict_merge_pairs(d, other);
}

int dict_update_kwargs(Object *d, Object *const *kwvalues, Object *kwnames) {
    if (!kwnames) return 0;
    for (intptr_t i = 0; i < TUPLE_SIZE(kwnames); i++)
        if (dict_set(d, TUPLE_GET(kwnames, i), kwvalues[i]) < 0) return -1;
    return 0;
}

Object *dict_copy(Object *d) {
    Object *r = dict_new();
    if (!r) return NULL;
    DictObject *src = (DictObject *)d, *dst = (DictObject *)r;
    if (src->used == 0) return r;
    if (AS_GC(d)->next) gc_track(r);   /* the copy holds what the original holds */
    if (dict_alloc_table(dst, log2_for((src->used * 3 + 1) / 2)) < 0) {
        DECREF(r);
        return NULL;
    }
    /* Keys are distinct already: append without comparing. */
    for (intptr_t i = 0; i < src->nentries; i++) {
        DictEntry *ep = &src->entries[i];
        if (!ep->key) continue;
        DictEntry *np = &dst->entries[dst->nentries];
        np->hash = ep->hash;
        np->key = NEWREF(ep->key);
        np->value = NEWREF(ep->value);
        dst->indices[find_empty_slot(dst, ep->hash)] = (int32_t)dst->nentries;
        dst->nentries++;
        dst->used++;
    }
    return r;
}

static Object *dict_collect(Object *d, int what) {
    DictObject *dp = (DictObject *)d;
    Object *l = list_new((size_t)dp->used);
    if (!l) return NULL;
    intptr_t k = 0;
    for (intptr_t i = 0; i < dp->nentries && k < dp->used; i++) {
        DictEntry *ep = &dp->entries[i];
        if (!ep->key) continue;
        Object *x;
        if (what == 0) x = NEWREF(ep->key);
        else if (what == 1) x = NEWREF(ep->value);
        else x = tuple_pack(2, ep->key, ep->value);
        if (!x) {
            LIST_SIZE(l) = k;
            DECREF(l);
            return NULL;
        }
        LIST_ITEMS(l)[k++] = x;
    }
    return l;
}

Object *dict_keys_list(Object *d) { return dict_collect(d, 0); }
Object *dict_values_list(Object *d) { return dict_collect(d, 1); }
Object *dict_items_list(Object *d) { return dict_collect(d, 2); }

/* ---- slots ---------------------------------------------------------------- */

static void dict_dealloc(Object *self) {
    DictObject *d = (DictObject *)self;
    gc_untrack(self);
    if (!trash_begin(self)) return;
    if (d->indices) {
        for (intptr_t i = 0; i < d->nentries; i++) {
            XDECREF(d->entries[i].key);
            XDECREF(d->entries[i].value);
        }
        pool_free(d->indices);
    }
    if (self->type == &Dict_Type && dict_freelist_count < DICT_FREELIST_MAX) {
        d->indices = NULL;
        d->entries = NULL;
        d->used = d->nentries = d->usable = 0;
        d->log2size = 0;
        dict_freelist[dict_freelist_count++] = d;
    } else {
        obj_free(self);
    }
    trash_end();
}

static int dict_traverse(Object *self, visitproc visit, void *arg) {
    DictObject *d = (DictObject *)self;
    for (intptr_t i = 0; i < d->nentries; i++) {
        DictEntry *ep = &d->entries[i];
        if (!ep->key) continue;
        int r = visit(ep->key, arg);
        if (!r) r = visit(ep->value, arg);
        if (r) return r;
    }
    return 0;
}

static int dict_clear_slot(Object *self) {
    dict_clear(self);
    return 0;
}

static Object *dict_repr(Object *self) {
    DictObject *d = (DictObject *)self;
    if (d->used == 0) return str_from_cstr("{}");
    int r = container_repr_enter(self);
    if (r != 0) return r > 0 ? str_from_cstr("{...}") : NULL;
    if (enter_recursive_call(" while getting the repr of an object") < 0) {
        container_repr_leave(self);
        return NULL;
    }
    StrBuf sb;
    strbuf_init(&sb);
    strbuf_append_char(&sb, '{');
    bool first = true;
    for (intptr_t i = 0; i < d->nentries; i++) {
        DictEntry *ep = &d->entries[i];
        if (!ep->key) continue;
        Object *k = NEWREF(ep->key), *v = NEWREF(ep->value);
        int rc = 0;
        if (!first) rc = strbuf_append(&sb, ", ", 2);
        first = false;
        if (rc == 0) rc = strbuf_append_repr(&sb, k);
        if (rc == 0) rc = strbuf_append(&sb, ": ", 2);
        if (rc == 0) rc = strbuf_append_repr(&sb, v);
        DECREF(k);
        DECREF(v);
        if (rc < 0) goto fail;
    }
    if (strbuf_append_char(&sb, '}') < 0) goto fail;
    leave_recursive_call();
    container_repr_leave(self);
    return strbuf_finish(&sb);
fail:
    leave_recursive_call();
    container_repr_leave(self);
    strbuf_free(&sb);
    return NULL;
}

/* 1 if equal, 0 if not, -1 on error. */
static int dict_equal(DictObject *a, DictObject *b) {
    if (a->used != b->used) return 0;
    for (intptr_t i = 0; i < a->nentries; i++) {
        DictEntry *ep = &a->entries[i];
        if (!ep->key) continue;
        Object *k = NEWREF(ep->key), *av = NEWREF(ep->value);
        Object *bv = dict_get_with_hash((Object *)b, k, ep->hash);
        int cmp;
        if (!bv) {
            cmp = err_occurred() ? -1 : 0;
        } else {
            INCREF(bv);
            cmp = obj_richcompare_bool(av, bv, CMP_EQ);
            DECREF(bv);
        }
        DECREF(k);
        DECREF(av);
        if (cmp <= 0) return cmp;
    }
    return 1;
}

static Object *dict_richcompare(Object *a, Object *b, int op) {
    if (!dict_check(a) || !dict_check(b) || (op != CMP_EQ && op != CMP_NE))
        return NEWREF(NotImplemented);
    int eq = a == b ? 1 : dict_equal((DictObject *)a, (DictObject *)b);
    if (eq < 0) return NULL;
    return bool_from(op == CMP_EQ ? eq : !eq);
}

static intptr_t dict_len(Object *self) { return ((DictObject *)self)->used; }

static Object *dict_subscript(Object *self, Object *key) {
    DictObject *d = (DictObject *)self;
    int64_t hash = key_hash(key);
    if (hash == -1) return NULL;
    intptr_t ix = dict_lookup(d, key, hash, NULL);
    if (ix == DKIX_ERROR) return NULL;
    if (ix >= 0) return NEWREF(d->entries[ix].value);
    if (OBJ_TYPE(self) != &Dict_Type) {
        /* dict subclasses (defaultdict, Counter) supply missing keys */
        Object *missing = type_lookup(OBJ_TYPE(self), id___missing__);
        if (missing) {
            Object *args[2] = {self, key};
            INCREF(missing);
            Object *r = obj_call(missing, args, 2, NULL);
            DECREF(missing);
            return r;
        }
    }
    err_set_object(&Exc_KeyError, key);
    return NULL;
}

static int dict_ass_subscript(Object *self, Object *key, Object *value) {
    if (value) return dict_set(self, key, value);
    return dict_del(self, key);
}

static int dict_contains_slot(Object *self, Object *key) { return dict_contains(self, key); }

static Object *dict_iter(Object *self) { return dictiter_new(self, &DictKeyIter_Type); }

static Object *dict_or(Object *a, Object *b) {
    if (!dict_check(a) || !dict_check(b)) return NEWREF(NotImplemented);
    Object *r = dict_copy(a);
    if (!r) return NULL;
    if (dict_update(r, b) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static Object *dict_ior(Object *self, Object *other) {
    if (dict_update(self, other) < 0) return NULL;
    return NEWREF(self);
}

static Object *dict_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames) {
    Object *d = dict_alloc(type);
    if (!d) return NULL;
    DICT_BUMP((DictObject *)d);
    if (type != &Dict_Type) gc_track(d);
    return d;
}

static int dict_tp_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (nargs > 1) {
        err_format(&Exc_TypeError, "dict expected at most 1 argument, got %zu", nargs);
        return -1;
    }
    if (nargs == 1 && dict_update(self, args[0]) < 0) return -1;
    return dict_update_kwargs(self, args + nargs, kwnames);
}

/* ---- methods -------------------------------------------------------------- */

static Object *dict_m_keys(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("dict", "keys", nargs) < 0) return NULL;
    return dict_keys_view(self);
}

static Object *dict_m_values(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("dict", "values", nargs) < 0) return NULL;
    return dict_values_view(self);
}

static Object *dict_m_items(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("dict", "items", nargs) < 0) return NULL;
    return dict_items_view(self);
}

static Object *dict_m_get(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("get", nargs, 1, 2) < 0) return NULL;
    Object *v = dict_get(self, args[0]);
    if (v) return NEWREF(v);
    if (err_occurred()) return NULL;
    return NEWREF(nargs > 1 ? args[1] : None);
}

static Object *dict_m_setdefault(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("setdefault", nargs, 1, 2) < 0) return NULL;
    Object *v = dict_setdefault(self, args[0], nargs > 1 ? args[1] : None);
    return v ? NEWREF(v) : NULL;
}

static Object *dict_m_pop(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("pop", nargs, 1, 2) < 0) return NULL;
    Object *v = NULL;
    int r = dict_remove((DictObject *)self, args[0], &v);
    if (r < 0) return NULL;
    if (r > 0) return v;
    if (nargs > 1) return NEWREF(args[1]);
    err_set_object(&Exc_KeyError, args[0]);
    return NULL;
}

static Object *dict_m_popitem(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("dict", "popitem", nargs) < 0) return NULL;
    DictObject *d = (DictObject *)self;
    if (d->used == 0) return err_format(&Exc_KeyError, "popitem(): dictionary is empty");
    intptr_t i = d->nentries - 1;
    while (!d->entries[i].key) i--;
    Object *res = tuple_new(2);
    if (!res) return NULL;
    size_t mask = ((size_t)1 << d->log2size) - 1;
    size_t slot = (size_t)d->entries[i].hash & mask;
    uint64_t perturb = (uint64_t)d->entries[i].hash;
    while (d->indices[slot] != (int32_t)i) {
        perturb >>= 5;
        slot = (slot * 5 + perturb + 1) & mask;
    }
    Object *k, *v;
    dict_unlink(d, slot, i, &k, &v);
    d->nentries = i;   /* LIFO: the freed tail entry can be reused */
    TUPLE_ITEMS(res)[0] = k;
    TUPLE_ITEMS(res)[1] = v;
    return res;
}

static Object *dict_m_update(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (nargs > 1)
        return err_format(&Exc_TypeError, "update expected at most 1 argument, got %zu", nargs);
    if (nargs == 1 && dict_update(self, args[0]) < 0) return NULL;
    if (dict_update_kwargs(self, args + nargs, kw) < 0) return NULL;
    return none_new();
}

static Object *dict_m_copy(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("dict", "copy", nargs) < 0) return NULL;
    return dict_copy(self);
}

static Object *dict_m_clear(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args("dict", "clear", nargs) < 0) return NULL;
    dict_clear(self);
    return none_new();
}

static Object *dict_m_fromkeys(Object *type, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("fromkeys", nargs, 1, 2) < 0) return NULL;
    Object *value = nargs > 1 ? args[1] : None;
    Object *d = obj_call0(type);
    if (!d) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) {
        DECREF(d);
        return NULL;
    }
    bool exact = OBJ_TYPE(d) == &Dict_Type;
    Object *k;
    while ((k = obj_iter_next(it)) != NULL) {
        int r = exact ? dict_set(d, k, value) : obj_setitem(d, k, value);
        DECREF(k);
        if (r < 0) break;
    }
    DECREF(it);
    if (err_occurred()) {
        DECREF(d);
        return NULL;
    }
    return d;
}

static Object *dict_m_reversed(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return dictiter_new(self, &DictRevKeyIter_Type);
}

static MethodDef dict_methods[] = {
    {"keys", dict_m_keys, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", dict_m_values, 0, "D.values() -> an object providing a view on D's values"},
    {"items", dict_m_items, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"get", dict_m_get, 0, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", dict_m_setdefault, 0, "Insert key with a value of default if key is not in the dictionary."},
    {"pop", dict_m_pop, 0, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", dict_m_popitem, 0, "Remove and return a (key, value) pair as a 2-tuple."},
    {"update", dict_m_update, METH_KW, "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"copy", dict_m_copy, 0, "D.copy() -> a shallow copy of D"},
    {"clear", dict_m_clear, 0, "D.clear() -> None.  Remove all items from D."},
    {"fromkeys", dict_m_fromkeys, METH_CLASS, "Create a new dictionary with keys from iterable and values set to value."},
    {"__reversed__", dict_m_reversed, 0, "Return a reverse iterator over the dict keys."},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

TypeObject Dict_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "dict",
    .basicsize = sizeof(DictObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE | TPFLAG_DICT_SUBCLASS,
    .doc = "dict() -> new empty dictionary",
    .dealloc = dict_dealloc,
    .traverse = dict_traverse,
    .clear = dict_clear_slot,
    .repr = dict_repr,
    .hash = obj_hash_not_implemented,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
    .len = dict_len,
    .getitem = dict_subscript,
    .setitem = dict_ass_subscript,
    .contains = dict_contains_slot,
    .tp_new = dict_tp_new,
    .tp_init = dict_tp_init,
    .methods = dict_methods,
};
