/* vm/objects/tuple.h — tuple. */
#ifndef GILPY_TUPLE_H
#define GILPY_TUPLE_H

#include "vm/object.h"

typedef struct TupleObject {
    Object ob_base;
    intptr_t size;
    int64_t hash_cache_unused;
    Object *items[];
} TupleObject;

extern TypeObject Tuple_Type;
static inline bool tuple_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_TUPLE_SUBCLASS);
}
#define TUPLE_SIZE(t) (((TupleObject *)(t))->size)
#define TUPLE_ITEMS(t) (((TupleObject *)(t))->items)
#define TUPLE_GET(t, i) (((TupleObject *)(t))->items[i])

/* A tuple of n NULL slots to fill with TUPLE_ITEMS (steal references);
 * GC-tracked by the caller's first use?  No: tuple_new tracks it at once,
 * the collector tolerates NULL slots.  New reference. */
Object *tuple_new(size_t n);
Object *tuple_from_array(Object *const *items, size_t n);  /* increfs items */
Object *tuple_pack(size_t n, ...);                         /* increfs items */
Object *tuple_empty(void);                                 /* new ref to () */
Object *tuple_getslice(Object *t, intptr_t lo, intptr_t hi);

#endif
