/* vm/objects/containers.h — extra declarations of the container area
 * (list, tuple, dict, set, range, slice and the built-in iterators) that
 * other layers may use beyond the per-type headers.
 *
 * containers_init_types() readies every static type of the area; the
 * runtime calls it once at start-up (after typesys, int and str).
 */
#ifndef GILPY_CONTAINERS_H
#define GILPY_CONTAINERS_H

#include "vm/object.h"
#include "vm/abstract.h"
#include "vm/objects/int.h"
#include "vm/objects/str.h"

void containers_init_types(void);

/* Iterator and view types (the public container types live in list.h ...). */
extern TypeObject ListIter_Type, ListRevIter_Type, TupleIter_Type, RangeIter_Type,
    LongRangeIter_Type, SetIter_Type;
extern TypeObject DictKeys_Type, DictValues_Type, DictItems_Type;
extern TypeObject DictKeyIter_Type, DictValueIter_Type, DictItemIter_Type,
    DictRevKeyIter_Type, DictRevValueIter_Type, DictRevItemIter_Type;

/* ---- dict layout ------------------------------------------------------------
 * A compact ordered table (like CPython 3.6+): `entries` keeps insertion
 * order (deleted entries have key == NULL), `indices` is the open-addressed
 * hash index into entries (DKIX_EMPTY / DKIX_DUMMY when unused).  Both live
 * in one block; an empty dict has none (indices == NULL). */
typedef struct DictEntry {
    int64_t hash;
    Object *key;     /* NULL: deleted */
    Object *value;
} DictEntry;

typedef struct DictObject {
    Object ob_base;
    intptr_t used;       /* live entries */
    intptr_t nentries;   /* entries[0..nentries) used, deleted ones included */
    intptr_t usable;     /* capacity of entries */
    int log2size;        /* indices has 1 << log2size slots */
    uint64_t version;    /* see dict_version */
    int32_t *indices;
    DictEntry *entries;
    uint64_t keys_version;   /* see dict_keys_version */
} DictObject;

/* A dict iterator over keys/values/items, forward or reverse (dictviews.c). */
Object *dictiter_new(Object *d, TypeObject *itertype);

/* ---- dict extras ---------------------------------------------------------- */
/* Bumped on every mutation of the dict (insert, replace, delete, clear):
 * eval caches global/builtin lookups keyed on it. */
uint64_t dict_version(Object *d);
/* Like dict_version, but not bumped when only a value is replaced, and 0
 * for a dict that never had a version (never cache on 0).  Equal non-zero
 * values mean the same dict with the same set of keys: eval remembers that
 * a method name is absent from an instance dict whose attributes change. */
static inline uint64_t dict_keys_version(Object *d) { return ((DictObject *)d)->keys_version; }
/* dict_get_str / dict_set_str for callers that keep a position hint per
 * site (eval's attribute caches): entry *hint is tried first, and updated
 * after a full lookup. */
Object *dict_get_str_hint(Object *d, Object *strkey, uint32_t *hint);
int dict_set_str_hint(Object *d, Object *strkey, Object *value, uint32_t *hint);
/* d.setdefault(key, dflt): borrowed reference to the value now stored. */
Object *dict_setdefault(Object *d, Object *key, Object *dflt);
/* Like dict_get but with a precomputed hash (borrowed; NULL missing or error). */
Object *dict_get_with_hash(Object *d, Object *key, int64_t hash);
/* Store a str key (faster for str keys with cached hashes); 0 / -1. */
int dict_set_str(Object *d, Object *strkey, Object *value);
/* dict(**kwargs)-style fill from the keyword part of a call; 0 / -1. */
int dict_update_kwargs(Object *d, Object *const *kwvalues, Object *kwnames);
/* Views d.keys(), d.values(), d.items() (new references). */
Object *dict_keys_view(Object *d);
Object *dict_values_view(Object *d);
Object *dict_items_view(Object *d);

/* ---- list / tuple extras -------------------------------------------------- */
void list_clear(Object *l);
int list_reverse(Object *l);
Object *list_pop(Object *l);            /* last item (new ref); IndexError if empty */
int64_t tuple_hash(Object *t);

/* ---- set extras ----------------------------------------------------------- */
Object *set_pop(Object *s);             /* new ref; KeyError on empty */
void set_clear(Object *s);

/* ---- range ---------------------------------------------------------------- */
typedef struct RangeObject {
    Object ob_base;
    Object *start, *stop, *step, *length;   /* ints (tagged when small) */
} RangeObject;

/* ---- shared helpers ------------------------------------------------------- */
/* Recursion guard for reprs of self-containing containers: returns 1 if `o`
 * is already being repr'd on this thread ("[...]"), 0 after registering it
 * (pair with container_repr_leave), -1 on memory error. */
int container_repr_enter(Object *o);
void container_repr_leave(Object *o);

/* Deferred deallocation ("trashcan") so freeing a list nested 100000 deep
 * does not overflow the C stack.  A GC-type dealloc that releases children
 * does:  gc_untrack(o); if (!trash_begin(o)) return; ...release...; trash_end();
 * When the nesting is too deep, trash_begin queues `o` (its type's dealloc is
 * called again later, from the outermost level) and returns false. */
bool trash_begin(Object *o);
void trash_end(void);

/* For sequence + and *: may the other operand's Python-level reflected
 * method handle the operation?  Built-in types never do, so the sequence
 * raises CPython's own message ("can only concatenate list ...") at once. */
static inline bool seq_other_may_handle(Object *other, int op) {
    TypeObject *t = OBJ_TYPE(other);
    if (!(t->flags & TPFLAG_HEAPTYPE)) return false;
    return op == BINOP_ADD ? t->nb_add != NULL : t->nb_mul != NULL;
}

/* hash(key) with the common key types (small ints, exact str) inline;
 * -1 on error.  Used by dict and set lookups. */
static inline int64_t container_hash(Object *key) {
    if (IS_SMALLINT(key)) {
        intptr_t v = SMALLINT_VALUE(key);
        /* ints below the hash modulus 2**61-1 hash to themselves (-1 is reserved) */
        if (v < ((intptr_t)1 << 60) && v > -((intptr_t)1 << 60) && v != -1) return v;
        return int_hash(key);
    }
    if (key->type == &Str_Type) {
        int64_t h = ((StrObject *)key)->hash;
        return h != -1 ? h : str_hash(key);
    }
    return obj_hash(key);
}

/* Argument-count checks with CPython's messages for one-argument and
 * no-argument methods: "list.append() takes exactly one argument (0 given)",
 * "dict.keys() takes no arguments (1 given)".  0 / -1. */
int meth_one_arg(const char *tname, const char *meth, size_t nargs);
int meth_no_args(const char *tname, const char *meth, size_t nargs);

/* `iter` slot of iterators: returns self. */
Object *iter_self(Object *self);

#endif
