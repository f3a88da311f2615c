/* vm/objects/set.c — set and frozenset: open-addressed hash tables.
 *
 * The table, probing and resizing follow CPython's setobject (linear probes
 * of 9 slots, then perturbed jumps; minimum 8 slots held inside the object;
 * growth to 4x the live count once 60% full), so sets of values whose
 * hashes match CPython's (small ints, strs) iterate and print in the same
 * order.
 *
 * Entry states: unused (key NULL, hash 0), active, dummy (key == DUMMY,
 * hash -1: a deleted slot that probing must walk past).  fill counts
 * active + dummy, used counts active.  Comparisons may run Python code that
 * mutates the set: lookups restart when the table moved under them.
 */
#include <string.h>

#include "gc/gc.h"
#include "vm/vm.h"
#include "vm/objects/containers.h"
#include "vm/objects/typesys.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

typedef struct {
    Object *key;
    int64_t hash;
} SetEntry;

typedef struct {
    Object ob_base;
    intptr_t fill;
    intptr_t used;
    intptr_t mask;          /* slots - 1 */
    SetEntry *table;        /* smalltable or heap memory */
    int64_t hash;           /* frozenset hash cache, -1 unknown */
    intptr_t finger;        /* where pop() resumes its search */
    SetEntry smalltable[SET_MINSIZE];
} SetObject;

/* Marker for deleted slots: never exposed, never refcounted. */
static Object dummy_struct;
#define DUMMY (&dummy_struct)

#define SET_SIZE(s) (((SetObject *)(s))->used)
#define SET_TNAME(o) (frozenset_check(o) ? "frozenset" : "set")

bool frozenset_check(Object *o) {
    return !IS_SMALLINT(o) && type_is_subtype(o->type, &FrozenSet_Type);
}
static bool set_check_mutable(Object *o) {
    return !IS_SMALLINT(o) && type_is_subtype(o->type, &Set_Type);
}

/* ---- table primitives ----------------------------------------------------- */

/* The entry holding key, or the unused entry ending its probe sequence
 * (key NULL: absent); NULL on error. */
static SetEntry *set_lookkey(SetObject *so, Object *key, int64_t hash) {
restart:;
    size_t mask = (size_t)so->mask, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        SetEntry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) return entry;
            if (entry->hash == hash) {
                Object *startkey = entry->key;
                if (startkey == key) return entry;
                if (str_check_exact(startkey) && str_check_exact(key)) {
                    if (str_eq(startkey, key)) return entry;
                } else {
                    SetEntry *table = so->table;
                    INCREF(startkey);
                    int cmp = obj_richcompare_bool(startkey, key, CMP_EQ);
                    DECREF(startkey);
                    if (cmp < 0) return NULL;
                    if (table != so->table || entry->key != startkey) goto restart;
                    if (cmp > 0) return entry;
                    mask = (size_t)so->mask;
                }
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Insert a key known to be absent into a table without dummies (steals). */
static void set_insert_clean(SetEntry *table, size_t mask, Object *key, int64_t hash) {
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        SetEntry *entry = &table[i];
        if (entry->key == NULL) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

static int set_table_resize(SetObject *so, intptr_t minused) {
    size_t newsize = SET_MINSIZE;
    while (newsize <= (size_t)minused) newsize <<= 1;
    SetEntry *oldtable = so->table;
    size_t oldmask = (size_t)so->mask;
    bool old_malloced = oldtable != so->smalltable;
    SetEntry small_copy[SET_MINSIZE];
    SetEntry *newtable;
    if (newsize == SET_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0;   /* no dummies to remove */
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        if (newsize > (size_t)INTPTR_MAX / sizeof(SetEntry)) {
            err_no_memory();
            return -1;
        }
        newtable = mem_alloc(newsize * sizeof(SetEntry));
        if (!newtable) return -1;
    }
    memset(newtable, 0, newsize * sizeof(SetEntry));
    so->mask = (intptr_t)newsize - 1;
    so->table = newtable;
    so->fill = so->used;
    for (size_t i = 0; i <= oldmask; i++) {
        SetEntry *e = &oldtable[i];
        if (e->key != NULL && e->key != DUMMY)
            set_insert_clean(newtable, newsize - 1, e->key, e->hash);
    }
    if (old_malloced) mem_free(oldtable);
    return 0;
}

/* Add key (borrowed) with its hash. */
static int set_add_entry(SetObject *so, Object *key, int64_t hash) {
    INCREF(key);   /* keep it alive across comparisons */
restart:;
    size_t mask = (size_t)so->mask, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    SetEntry *freeslot = NULL, *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                Object *startkey = entry->key;
                if (startkey == key) goto found_active;
                if (str_check_exact(startkey) && str_check_exact(key)) {
                    if (str_eq(startkey, key)) goto found_active;
                } else {
                    SetEntry *table = so->table;
                    INCREF(startkey);
                    int cmp = obj_richcompare_bool(startkey, key, CMP_EQ);
                    DECREF(startkey);
                    if (cmp > 0) goto found_active;
                    if (cmp < 0) {
                        DECREF(key);
                        return -1;
                    }
                    if (table != so->table || entry->key != startkey) goto restart;
                    mask = (size_t)so->mask;
                }
            } else if (entry->hash == -1 && freeslot == NULL) {
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3) return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
    DECREF(key);
    return 0;
}

static int set_add_key(SetObject *so, Object *key) {
    int64_t hash = container_hash(key);
    if (hash == -1) return -1;
    return set_add_entry(so, key, hash);
}

static int set_contains_entry(SetObject *so, Object *key, int64_t hash) {
    SetEntry *e = set_lookkey(so, key, hash);
    if (!e) return -1;
    return e->key != NULL;
}

static int set_contains_key(SetObject *so, Object *key) {
    int64_t hash = container_hash(key);
    if (hash == -1) return -1;
    return set_contains_entry(so, key, hash);
}

/* 1 removed, 0 absent, -1 error. */
static int set_discard_entry(SetObject *so, Object *key, int64_t hash) {
    SetEntry *e = set_lookkey(so, key, hash);
    if (!e) return -1;
    if (e->key == NULL) return 0;
    Object *old = e->key;
    e->key = DUMMY;
    e->hash = -1;
    so->used--;
    DECREF(old);
    return 1;
}

static int set_discard_key(SetObject *so, Object *key) {
    int64_t hash = container_hash(key);
    if (hash == -1) return -1;
    return set_discard_entry(so, key, hash);
}

/* Iterate active entries: *pos is a slot index. */
static bool set_next_entry(SetObject *so, intptr_t *pos, SetEntry **out) {
    intptr_t i = *pos;
    while (i <= so->mask && (so->table[i].key == NULL || so->table[i].key == DUMMY)) i++;
    *pos = i + 1;
    if (i > so->mask) return false;
    *out = &so->table[i];
    return true;
}

static void set_clear_internal(SetObject *so) {
    SetEntry *table = so->table;
    bool malloced = table != so->smalltable;
    intptr_t fill = so->fill;
    size_t mask = (size_t)so->mask;
    SetEntry small_copy[SET_MINSIZE];
    if (!malloced) {
        memcpy(small_copy, table, sizeof(small_copy));
        table = small_copy;
    }
    /* Reset first: DECREFs below may run code that looks at the set. */
    memset(so->smalltable, 0, sizeof(so->smalltable));
    so->table = so->smalltable;
    so->mask = SET_MINSIZE - 1;
    so->fill = so->used = 0;
    so->hash = -1;
    for (size_t i = 0; i <= mask && fill > 0; i++) {
        if (table[i].key) {
            fill--;
            if (table[i].key != DUMMY) DECREF(table[i].key);
        }
    }
    if (malloced) mem_free(table);
}

static int set_merge(SetObject *so, SetObject *other) {
    if (other == so || other->used == 0) return 0;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (set_table_resize(so, (so->used + other->used) * 2) < 0) return -1;
    }
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        /* Same-size empty target and no dummies: copy slot by slot. */
        for (intptr_t i = 0; i <= other->mask; i++) {
            Object *k = other->table[i].key;
            if (k) {
                so->table[i].key = NEWREF(k);
                so->table[i].hash = other->table[i].hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        so->fill = so->used = other->used;
        for (intptr_t i = 0; i <= other->mask; i++) {
            Object *k = other->table[i].key;
            if (k && k != DUMMY)
                set_insert_clean(so->table, (size_t)so->mask, NEWREF(k), other->table[i].hash);
        }
        return 0;
    }
    for (intptr_t i = 0; i <= other->mask; i++) {
        SetEntry *e = &other->table[i];
        if (e->key && e->key != DUMMY && set_add_entry(so, e->key, e->hash) < 0) return -1;
    }
    return 0;
}

static int set_update_internal(SetObject *so, Object *other) {
    if (anyset_check(other)) return set_merge(so, (SetObject *)other);
    if (OBJ_TYPE(other) == &Dict_Type) {
        DictObject *d = (DictObject *)other;
        if ((so->fill + d->used) * 5 >= so->mask * 3) {
            if (set_table_resize(so, (so->used + d->used) * 2) < 0) return -1;
        }
        for (intptr_t i = 0; i < d->nentries; i++) {
            DictEntry *ep = &d->entries[i];
            if (ep->key && set_add_entry(so, ep->key, ep->hash) < 0) return -1;
        }
        return 0;
    }
    Object *it = obj_get_iter(other);
    if (!it) return -1;
    Object *key;
    while ((key = obj_iter_next(it)) != NULL) {
        int r = set_add_key(so, key);
        DECREF(key);
        if (r < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

static Object *make_new_set(TypeObject *type, Object *iterable) {
    SetObject *so = (SetObject *)obj_alloc(type);
    if (!so) return NULL;
    so->table = so->smalltable;
    so->mask = SET_MINSIZE - 1;
    so->hash = -1;
    if (iterable && set_update_internal(so, iterable) < 0) {
        DECREF((Object *)so);
        return NULL;
    }
    gc_track((Object *)so);
    return (Object *)so;
}

/* Results of set operations on subclasses are plain set/frozenset. */
static Object *make_new_set_basetype(TypeObject *type, Object *iterable) {
    if (type != &Set_Type && type != &FrozenSet_Type)
        type = type_is_subtype(type, &Set_Type) ? &Set_Type : &FrozenSet_Type;
    return make_new_set(type, iterable);
}

static Object *set_copy_of(Object *so) { return make_new_set_basetype(OBJ_TYPE(so), so); }

/* Exchange the tables of two sets (intersection_update builds a new one). */
static void set_swap_bodies(SetObject *a, SetObject *b) {
    SetEntry tab[SET_MINSIZE];
    intptr_t t;
    t = a->fill; a->fill = b->fill; b->fill = t;
    t = a->used; a->used = b->used; b->used = t;
    t = a->mask; a->mask = b->mask; b->mask = t;
    SetEntry *ta = a->table == a->smalltable ? NULL : a->table;
    SetEntry *tb = b->table == b->smalltable ? NULL : b->table;
    memcpy(tab, a->smalltable, sizeof(tab));
    memcpy(a->smalltable, b->smalltable, sizeof(tab));
    memcpy(b->smalltable, tab, sizeof(tab));
    a->table = tb ? tb : a->smalltable;
    b->table = ta ? ta : b->smalltable;
    int64_t h = a->hash;
    a->hash = b->hash;
    b->hash = h;
}

/* ---- public API ------------------------------------------------------------ */

Object *set_new(Object *iterable) { return make_new_set(&Set_Type, iterable); }
Object *frozenset_new(Object *iterable) { return make_new_set(&FrozenSet_Type, iterable); }
int set_add(Object *s, Object *key) { return set_add_key((SetObject *)s, key); }
int set_discard(Object *s, Object *key) { return set_discard_key((SetObject *)s, key); }
int set_contains(Object *s, Object *key) { return set_contains_key((SetObject *)s, key); }
intptr_t set_size(Object *s) { return SET_SIZE(s); }
int set_update(Object *s, Object *iterable) { return set_update_internal((SetObject *)s, iterable); }
void set_clear(Object *s) { set_clear_internal((SetObject *)s); }

bool set_next(Object *s, intptr_t *pos, Object **key) {
    SetEntry *e;
    if (!set_next_entry((SetObject *)s, pos, &e)) return false;
    *key = e->key;
    return true;
}

Object *set_pop(Object *s) {
    SetObject *so = (SetObject *)s;
    if (so->used == 0) return err_format(&Exc_KeyError, "pop from an empty set");
    SetEntry *entry = so->table + (so->finger & so->mask);
    SetEntry *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == DUMMY) {
        entry++;
        if (entry > limit) entry = so->table;
    }
    Object *key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    return key;
}

/* ---- operations ----------------------------------------------------------- */

static Object *set_intersection(SetObject *so, Object *other) {
    if ((Object *)so == other) return set_copy_of((Object *)so);
    Object *result = make_new_set_basetype(OBJ_TYPE((Object *)so), NULL);
    if (!result) return NULL;
    if (anyset_check(other)) {
        SetObject *big = so, *small = (SetObject *)other;
        if (small->used > big->used) {
            big = (SetObject *)other;
            small = so;
        }
        intptr_t pos = 0;
        SetEntry *e;
        while (set_next_entry(small, &pos, &e)) {
            Object *key = NEWREF(e->key);
            int64_t hash = e->hash;
            int rv = set_contains_entry(big, key, hash);
            if (rv > 0) rv = set_add_entry((SetObject *)result, key, hash);
            DECREF(key);
            if (rv < 0) {
                DECREF(result);
                return NULL;
            }
        }
        return result;
    }
    Object *it = obj_get_iter(other);
    if (!it) {
        DECREF(result);
        return NULL;
    }
    Object *key;
    while ((key = obj_iter_next(it)) != NULL) {
        int64_t hash = container_hash(key);
        int rv = hash == -1 ? -1 : set_contains_entry(so, key, hash);
        if (rv > 0) rv = set_add_entry((SetObject *)result, key, hash);
        DECREF(key);
        if (rv < 0) break;
    }
    DECREF(it);
    if (err_occurred()) {
        DECREF(result);
        return NULL;
    }
    return result;
}

static int set_intersection_update(SetObject *so, Object *other) {
    Object *tmp = set_intersection(so, other);
    if (!tmp) return -1;
    set_swap_bodies(so, (SetObject *)tmp);
    DECREF(tmp);
    return 0;
}

static int set_difference_update_internal(SetObject *so, Object *other) {
    if ((Object *)so == other) {
        set_clear_internal(so);
        return 0;
    }
    if (anyset_check(other)) {
        SetObject *o = (SetObject *)other;
        intptr_t pos = 0;
        SetEntry *e;
        if ((so->used << 3) < o->used) {
            /* other much larger: probe it for each of our keys */
            while (set_next_entry(so, &pos, &e)) {
                Object *key = NEWREF(e->key);
                int64_t hash = e->hash;
                int rv = set_contains_entry(o, key, hash);
                if (rv > 0) rv = set_discard_entry(so, key, hash);
                DECREF(key);
                if (rv < 0) return -1;
            }
        } else {
            while (set_next_entry(o, &pos, &e)) {
                Object *key = NEWREF(e->key);
                int rv = set_discard_entry(so, key, e->hash);
                DECREF(key);
                if (rv < 0) return -1;
            }
        }
    } else {
        Object *it = obj_get_iter(other);
        if (!it) return -1;
        Object *key;
        while ((key = obj_iter_next(it)) != NULL) {
            int rv = set_discard_key(so, key);
            DECREF(key);
            if (rv < 0) {
                DECREF(it);
                return -1;
            }
        }
        DECREF(it);
        if (err_occurred()) return -1;
    }
    /* Many dummies left behind: rebuild the table. */
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4) return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static Object *set_copy_and_difference(SetObject *so, Object *other) {
    Object *result = set_copy_of((Object *)so);
    if (!result) return NULL;
    if (set_difference_update_internal((SetObject *)result, other) < 0) {
        DECREF(result);
        return NULL;
    }
    return result;
}

static Object *set_difference(SetObject *so, Object *other) {
    intptr_t other_size;
    bool other_dict = OBJ_TYPE(other) == &Dict_Type;
    if (anyset_check(other)) other_size = SET_SIZE(other);
    else if (other_dict) other_size = dict_size(other);
    else return set_copy_and_difference(so, other);
    if ((so->used >> 2) > other_size) return set_copy_and_difference(so, other);
    Object *result = make_new_set_basetype(OBJ_TYPE((Object *)so), NULL);
    if (!result) return NULL;
    intptr_t pos = 0;
    SetEntry *e;
    while (set_next_entry(so, &pos, &e)) {
        Object *key = NEWREF(e->key);
        int64_t hash = e->hash;
        int rv;
        if (other_dict) {
            Object *v = dict_get_with_hash(other, key, hash);
            rv = v ? 1 : (err_occurred() ? -1 : 0);
        } else {
            rv = set_contains_entry((SetObject *)other, key, hash);
        }
        if (rv == 0) rv = set_add_entry((SetObject *)result, key, hash);
        DECREF(key);
        if (rv < 0) {
            DECREF(result);
            return NULL;
        }
    }
    return result;
}

static int set_symmetric_difference_update(SetObject *so, Object *other) {
    if ((Object *)so == other) {
        set_clear_internal(so);
        return 0;
    }
    Object *otherset;
    if (OBJ_TYPE(other) == &Dict_Type || anyset_check(other)) {
        otherset = NEWREF(other);
    } else {
        otherset = make_new_set_basetype(OBJ_TYPE((Object *)so), other);
        if (!otherset) return -1;
    }
    int rv = 0;
    if (OBJ_TYPE(otherset) == &Dict_Type) {
        DictObject *d = (DictObject *)otherset;
        for (intptr_t i = 0; rv >= 0 && i < d->nentries; i++) {
            DictEntry *ep = &d->entries[i];
            if (!ep->key) continue;
            Object *key = NEWREF(ep->key);
            rv = set_discard_entry(so, key, ep->hash);
            if (rv == 0) rv = set_add_entry(so, key, ep->hash);
            DECREF(key);
        }
    } else {
        intptr_t pos = 0;
        SetEntry *e;
        while (rv >= 0 && set_next_entry((SetObject *)otherset, &pos, &e)) {
            Object *key = NEWREF(e->key);
            int64_t hash = e->hash;
            rv = set_discard_entry(so, key, hash);
            if (rv == 0) rv = set_add_entry(so, key, hash);
            DECREF(key);
        }
    }
    DECREF(otherset);
    return rv < 0 ? -1 : 0;
}

static Object *set_symmetric_difference(SetObject *so, Object *other) {
    Object *otherset = make_new_set_basetype(OBJ_TYPE((Object *)so), other);
    if (!otherset) return NULL;
    if (set_symmetric_difference_update((SetObject *)otherset, (Object *)so) < 0) {
        DECREF(otherset);
        return NULL;
    }
    return otherset;
}

/* 1/0/-1 */
static int set_issubset_internal(SetObject *so, Object *other) {
    if (!anyset_check(other)) {
        Object *tmp = set_new(other);
        if (!tmp) return -1;
        int r = set_issubset_internal(so, tmp);
        DECREF(tmp);
        return r;
    }
    if (so->used > SET_SIZE(other)) return 0;
    intptr_t pos = 0;
    SetEntry *e;
    while (set_next_entry(so, &pos, &e)) {
        Object *key = NEWREF(e->key);
        int rv = set_contains_entry((SetObject *)other, key, e->hash);
        DECREF(key);
        if (rv <= 0) return rv;
    }
    return 1;
}

static int set_issuperset_internal(SetObject *so, Object *other) {
    if (anyset_check(other)) return set_issubset_internal((SetObject *)other, (Object *)so);
    Object *it = obj_get_iter(other);
    if (!it) return -1;
    Object *key;
    int rv = 1;
    while ((key = obj_iter_next(it)) != NULL) {
        rv = set_contains_key(so, key);
        DECREF(key);
        if (rv <= 0) break;
    }
    DECREF(it);
    if (rv > 0 && err_occurred()) return -1;
    return rv;
}

/* `key in set` where an unhashable set key is looked up as a frozenset. */
static int set_contains_retry(SetObject *so, Object *key, int (*op)(SetObject *, Object *)) {
    int rv = op(so, key);
    if (rv < 0 && set_check_mutable(key) && err_matches(&Exc_TypeError)) {
        err_clear();
        Object *tmp = make_new_set(&FrozenSet_Type, key);
        if (!tmp) return -1;
        rv = op(so, tmp);
        DECREF(tmp);
    }
    return rv;
}

/* ---- slots ---------------------------------------------------------------- */

static void set_dealloc(Object *self) {
    SetObject *so = (SetObject *)self;
    gc_untrack(self);
    if (!trash_begin(self)) return;
    for (intptr_t i = 0; i <= so->mask; i++) {
        Object *k = so->table[i].key;
        if (k && k != DUMMY) DECREF(k);
    }
    if (so->table != so->smalltable) mem_free(so->table);
    obj_free(self);
    trash_end();
}

static int set_traverse(Object *self, visitproc visit, void *arg) {
    SetObject *so = (SetObject *)self;
    intptr_t pos = 0;
    SetEntry *e;
    while (set_next_entry(so, &pos, &e)) {
        int r = visit(e->key, arg);
        if (r) return r;
    }
    return 0;
}

static int set_clear_slot(Object *self) {
    set_clear_internal((SetObject *)self);
    return 0;
}

static Object *set_repr(Object *self) {
    const char *tname = type_name(OBJ_TYPE(self));
    int r = container_repr_enter(self);
    if (r != 0) return r > 0 ? str_from_format("%s(...)", tname) : NULL;
    Object *res = NULL;
    if (SET_SIZE(self) == 0) {
        res = str_from_format("%s()", tname);
    } else {
        Object *keys = list_from_iterable(self);
        Object *lr = keys ? obj_repr(keys) : NULL;
        XDECREF(keys);
        if (lr) {
            /* The list's repr without its brackets. */
            Object *inner = str_substring(lr, 1, STR_LENGTH(lr) - 1);
            DECREF(lr);
            if (inner) {
                if (OBJ_TYPE(self) == &Set_Type) res = str_from_format("{%U}", inner);
                else res = str_from_format("%s({%U})", tname, inner);
                DECREF(inner);
            }
        }
    }
    container_repr_leave(self);
    return res;
}

static intptr_t set_len(Object *self) { return SET_SIZE(self); }

static int set_contains_slot(Object *self, Object *key) {
    return set_contains_retry((SetObject *)self, key, set_contains_key);
}

/* Bits of each entry's hash spread out before xor-ing them together. */
static uint64_t shuffle_bits(uint64_t h) {
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

static int64_t frozenset_hash(Object *self) {
    SetObject *so = (SetObject *)self;
    if (so->hash != -1) return so->hash;
    uint64_t hash = 0;
    intptr_t pos = 0;
    SetEntry *e;
    while (set_next_entry(so, &pos, &e)) hash ^= shuffle_bits((uint64_t)e->hash);
    hash ^= ((uint64_t)so->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    so->hash = (int64_t)hash;
    return so->hash;
}

static Object *set_richcompare(Object *v, Object *w, int op) {
    if (!anyset_check(w)) return NEWREF(NotImplemented);
    SetObject *a = (SetObject *)v, *b = (SetObject *)w;
    int r;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        if (a->used != b->used) r = 0;
        else if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) r = 0;
        else r = set_issubset_internal(a, w);
        if (r < 0) return NULL;
        return bool_from(op == CMP_EQ ? r : !r);
    case CMP_LE: r = set_issubset_internal(a, w); break;
    case CMP_GE: r = set_issuperset_internal(a, w); break;
    case CMP_LT: r = a->used < b->used ? set_issubset_internal(a, w) : 0; break;
    default: r = a->used > b->used ? set_issuperset_internal(a, w) : 0; break;
    }
    if (r < 0) return NULL;
    return bool_from(r);
}

static Object *set_or(Object *a, Object *b) {
    if (!anyset_check(a) || !anyset_check(b)) return NEWREF(NotImplemented);
    Object *r = set_copy_of(a);
    if (!r || a == b) return r;
    if (set_update_internal((SetObject *)r, b) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static Object *set_and(Object *a, Object *b) {
    if (!anyset_check(a) || !anyset_check(b)) return NEWREF(NotImplemented);
    return set_intersection((SetObject *)a, b);
}

static Object *set_sub(Object *a, Object *b) {
    if (!anyset_check(a) || !anyset_check(b)) return NEWREF(NotImplemented);
    return set_difference((SetObject *)a, b);
}

static Object *set_xor(Object *a, Object *b) {
    if (!anyset_check(a) || !anyset_check(b)) return NEWREF(NotImplemented);
    return set_symmetric_difference((SetObject *)a, b);
}

static Object *set_ior(Object *a, Object *b) {
    if (!anyset_check(b)) return NEWREF(NotImplemented);
    if (set_update_internal((SetObject *)a, b) < 0) return NULL;
    return NEWREF(a);
}

static Object *set_iand(Object *a, Object *b) {
    if (!anyset_check(b)) return NEWREF(NotImplemented);
    if (set_intersection_update((SetObject *)a, b) < 0) return NULL;
    return NEWREF(a);
}

static Object *set_isub(Object *a, Object *b) {
    if (!anyset_check(b)) return NEWREF(NotImplemented);
    if (set_difference_update_internal((SetObject *)a, b) < 0) return NULL;
    return NEWREF(a);
}

static Object *set_ixor(Object *a, Object *b) {
    if (!anyset_check(b)) return NEWREF(NotImplemented);
    if (set_symmetric_difference_update((SetObject *)a, b) < 0) return NULL;
    return NEWREF(a);
}

static Object *set_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                          Object *kwnames) {
    if (type == &Set_Type && args_no_kwargs("set", kwnames) < 0) return NULL;
    return make_new_set(type, NULL);
}

static int set_tp_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (OBJ_TYPE(self) == &Set_Type && args_no_kwargs("set", kwnames) < 0) return -1;
    if (nargs > 1) {
        err_format(&Exc_TypeError, "set expected at most 1 argument, got %zu", nargs);
        return -1;
    }
    if (SET_SIZE(self) > 0 || ((SetObject *)self)->fill > 0) set_clear_internal((SetObject *)self);
    if (nargs == 1) return set_update_internal((SetObject *)self, args[0]);
    return 0;
}

static Object *frozenset_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                                Object *kwnames) {
    if (type == &FrozenSet_Type && args_no_kwargs("frozenset", kwnames) < 0) return NULL;
    if (nargs > 1)
        return err_format(&Exc_TypeError, "frozenset expected at most 1 argument, got %zu",
                          nargs);
    Object *iterable = nargs ? args[0] : NULL;
    if (type == &FrozenSet_Type && iterable && OBJ_TYPE(iterable) == &FrozenSet_Type)
        return NEWREF(iterable);
    return make_new_set(type, iterable);
}

/* ---- methods -------------------------------------------------------------- */

#define SELF ((SetObject *)self)

static Object *set_m_add(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "add", nargs) < 0) return NULL;
    if (set_add_key(SELF, args[0]) < 0) return NULL;
    return none_new();
}

static Object *set_m_remove(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "remove", nargs) < 0) return NULL;
    int rv = set_contains_retry(SELF, args[0], set_discard_key);
    if (rv < 0) return NULL;
    if (rv == 0) {
        err_set_object(&Exc_KeyError, args[0]);
        return NULL;
    }
    return none_new();
}

static Object *set_m_discard(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "discard", nargs) < 0) return NULL;
    if (set_contains_retry(SELF, args[0], set_discard_key) < 0) return NULL;
    return none_new();
}

static Object *set_m_pop(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args(SET_TNAME(self), "pop", nargs) < 0) return NULL;
    return set_pop(self);
}

static Object *set_m_clear(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args(SET_TNAME(self), "clear", nargs) < 0) return NULL;
    set_clear_internal(SELF);
    return none_new();
}

static Object *set_m_copy(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_no_args(SET_TNAME(self), "copy", nargs) < 0) return NULL;
    if (OBJ_TYPE(self) == &FrozenSet_Type) return NEWREF(self);
    return set_copy_of(self);
}

static Object *set_m_update(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_no_kwargs("update", kw) < 0) return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal(SELF, args[i]) < 0) return NULL;
    return none_new();
}

static Object *set_m_union(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_no_kwargs("union", kw) < 0) return NULL;
    Object *r = set_copy_of(self);
    if (!r) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] == self) continue;
        if (set_update_internal((SetObject *)r, args[i]) < 0) {
            DECREF(r);
            return NULL;
        }
    }
    return r;
}

static Object *set_m_intersection(Object *self, Object *const *args, size_t nargs,
                                  Object *kw) {
    if (args_no_kwargs("intersection", kw) < 0) return NULL;
    if (nargs == 0) return set_copy_of(self);
    Object *r = NEWREF(self);
    for (size_t i = 0; i < nargs; i++) {
        Object *n = set_intersection((SetObject *)r, args[i]);
        DECREF(r);
        if (!n) return NULL;
        r = n;
    }
    return r;
}

static Object *set_m_intersection_update(Object *self, Object *const *args, size_t nargs,
                                         Object *kw) {
    Object *tmp = set_m_intersection(self, args, nargs, kw);
    if (!tmp) return NULL;
    set_swap_bodies(SELF, (SetObject *)tmp);
    DECREF(tmp);
    return none_new();
}

static Object *set_m_difference(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_no_kwargs("difference", kw) < 0) return NULL;
    if (nargs == 0) return set_copy_of(self);
    Object *r = set_difference(SELF, args[0]);
    if (!r) return NULL;
    for (size_t i = 1; i < nargs; i++) {
        if (set_difference_update_internal((SetObject *)r, args[i]) < 0) {
            DECREF(r);
            return NULL;
        }
    }
    return r;
}

static Object *set_m_difference_update(Object *self, Object *const *args, size_t nargs,
                                       Object *kw) {
    if (args_no_kwargs("difference_update", kw) < 0) return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_difference_update_internal(SELF, args[i]) < 0) return NULL;
    return none_new();
}

static Object *set_m_symmetric_difference(Object *self, Object *const *args, size_t nargs,
                                          Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "symmetric_difference", nargs) < 0) return NULL;
    return set_symmetric_difference(SELF, args[0]);
}

static Object *set_m_symmetric_difference_update(Object *self, Object *const *args,
                                                 size_t nargs, Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "symmetric_difference_update", nargs) < 0) return NULL;
    if (set_symmetric_difference_update(SELF, args[0]) < 0) return NULL;
    return none_new();
}

static Object *set_m_issubset(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "issubset", nargs) < 0) return NULL;
    int r = set_issubset_internal(SELF, args[0]);
    return r < 0 ? NULL : bool_from(r);
}

static Object *set_m_issuperset(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "issuperset", nargs) < 0) return NULL;
    int r = set_issuperset_internal(SELF, args[0]);
    return r < 0 ? NULL : bool_from(r);
}

static Object *set_m_isdisjoint(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (meth_one_arg(SET_TNAME(self), "isdisjoint", nargs) < 0) return NULL;
    Object *other = args[0];
    if (other == self) return bool_from(SET_SIZE(self) == 0);
    if (anyset_check(other)) {
        SetObject *small = SELF, *big = (SetObject *)other;
        if (small->used > big->used) {
            small = (SetObject *)other;
            big = SELF;
        }
        intptr_t pos = 0;
        SetEntry *e;
        while (set_next_entry(small, &pos, &e)) {
            Object *key = NEWREF(e->key);
            int rv = set_contains_entry(big, key, e->hash);
            DECREF(key);
            if (rv < 0) return NULL;
            if (rv) return NEWREF(False);
        }
        return NEWREF(True);
    }
    Object *it = obj_get_iter(other);
    if (!it) return NULL;
    Object *key;
    int rv = 0;
    while ((key = obj_iter_next(it)) != NULL) {
        rv = set_contains_key(SELF, key);
        DECREF(key);
        if (rv != 0) break;
    }
    DECREF(it);
    if (rv < 0 || err_occurred()) return NULL;
    return bool_from(!rv);
}

#undef SELF

static MethodDef set_methods[] = {
    {"add", set_m_add, 0, "Add an element to a set."},
    {"clear", set_m_clear, 0, "Remove all elements from this set."},
    {"copy", set_m_copy, 0, "Return a shallow copy of a set."},
    {"discard", set_m_discard, 0, "Remove an element from a set if it is a member."},
    {"difference", set_m_difference, 0, "Return the difference of two or more sets as a new set."},
    {"difference_update", set_m_difference_update, 0, "Remove all elements of another set from this set."},
    {"intersection", set_m_intersection, 0, "Return the intersection of two sets as a new set."},
    {"intersection_update", set_m_intersection_update, 0, "Update a set with the intersection of itself and another."},
    {"isdisjoint", set_m_isdisjoint, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_m_issubset, 0, "Report whether another set contains this set."},
    {"issuperset", set_m_issuperset, 0, "Report whether this set contains another set."},
    {"pop", set_m_pop, 0, "Remove and return an arbitrary set element."},
    {"remove", set_m_remove, 0, "Remove an element from a set; it must be a member."},
    {"symmetric_difference", set_m_symmetric_difference, 0, "Return the symmetric difference of two sets as a new set."},
    {"symmetric_difference_update", set_m_symmetric_difference_update, 0, "Update a set with the symmetric difference of itself and another."},
    {"union", set_m_union, 0, "Return the union of sets as a new set."},
    {"update", set_m_update, 0, "Update a set with the union of itself and others."},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static MethodDef frozenset_methods[] = {
    {"copy", set_m_copy, 0, "Return a shallow copy of a set."},
    {"difference", set_m_difference, 0, "Return the difference of two or more sets as a new set."},
    {"intersection", set_m_intersection, 0, "Return the intersection of two sets as a new set."},
    {"isdisjoint", set_m_isdisjoint, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_m_issubset, 0, "Report whether another set contains this set."},
    {"issuperset", set_m_issuperset, 0, "Report whether this set contains another set."},
    {"symmetric_difference", set_m_symmetric_difference, 0, "Return the symmetric difference of two sets as a new set."},
    {"union", set_m_union, 0, "Return the union of sets as a new set."},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

/* ---- iterator ------------------------------------------------------------- */

typedef struct {
    Object ob_base;
    Object *set;      /* NULL once exhausted */
    intptr_t used;    /* size at creation */
    intptr_t pos;
    intptr_t len;
} SetIterObject;

static Object *set_iter(Object *self) {
    SetIterObject *it = (SetIterObject *)obj_alloc(&SetIter_Type);
    if (!it) return NULL;
    it->set = NEWREF(self);
    it->used = it->len = SET_SIZE(self);
    gc_track((Object *)it);
    return (Object *)it;
}

static Object *setiter_next(Object *self) {
    SetIterObject *it = (SetIterObject *)self;
    if (!it->set) return NULL;
    SetObject *so = (SetObject *)it->set;
    if (it->used != so->used) {
        it->used = -1;
        return err_format(&Exc_RuntimeError, "Set changed size during iteration");
    }
    SetEntry *e;
    if (!set_next_entry(so, &it->pos, &e)) {
        CLEAR(it->set);
        return NULL;
    }
    it->len--;
    return NEWREF(e->key);
}

static void setiter_dealloc(Object *self) {
    gc_untrack(self);
    XDECREF(((SetIterObject *)self)->set);
    obj_free(self);
}

static int setiter_traverse(Object *self, visitproc visit, void *arg) {
    Object *s = ((SetIterObject *)self)->set;
    return s ? visit(s, arg) : 0;
}

static int setiter_clear(Object *self) {
    CLEAR(((SetIterObject *)self)->set);
    return 0;
}

static Object *setiter_length_hint(Object *self, Object *const *args, size_t nargs,
                                   Object *kw) {
    SetIterObject *it = (SetIterObject *)self;
    intptr_t n = 0;
    if (it->set && it->used == SET_SIZE(it->set)) n = it->len;
    return int_from_ssize(n);
}

static MethodDef setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject SetIter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "set_iterator",
    .basicsize = sizeof(SetIterObject),
    .flags = TPFLAG_GC,
    .dealloc = setiter_dealloc,
    .traverse = setiter_traverse,
    .clear = setiter_clear,
    .iter = iter_self,
    .iternext = setiter_next,
    .methods = setiter_methods,
};

TypeObject Set_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "set",
    .basicsize = sizeof(SetObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE | TPFLAG_SET_SUBCLASS,
    .doc = "set() -> new empty set object\nset(iterable) -> new set object",
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_clear_slot,
    .repr = set_repr,
    .hash = obj_hash_not_implemented,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .nb_sub = set_sub,
    .nb_and = set_and,
    .nb_or = set_or,
    .nb_xor = set_xor,
    .nb_inplace_sub = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_or = set_ior,
    .nb_inplace_xor = set_ixor,
    .len = set_len,
    .contains = set_contains_slot,
    .tp_new = set_tp_new,
    .tp_init = set_tp_init,
    .methods = set_methods,
};

TypeObject FrozenSet_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "frozenset",
    .basicsize = sizeof(SetObject),
    .flags = TPFLAG_GC | TPFLAG_BASETYPE | TPFLAG_SET_SUBCLASS,
    .doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object",
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_clear_slot,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .nb_sub = set_sub,
    .nb_and = set_and,
    .nb_or = set_or,
    .nb_xor = set_xor,
    .len = set_len,
    .contains = set_contains_slot,
    .tp_new = frozenset_tp_new,
    .methods = frozenset_methods,
};
