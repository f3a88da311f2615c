/* gc/gc.h — the GC header that precedes every container object.
 *
 * Objects of TPFLAG_GC types are allocated with a GCHead in front of the
 * Object header.  Tracked objects sit on a doubly-linked list per
 * generation; the cycle collector (gc/collect.c) walks these lists.  All
 * list manipulation happens with the GIL held.
 */
#ifndef GILPY_GC_H
#define GILPY_GC_H

#include "vm/object.h"

typedef struct GCHead {
    struct GCHead *next, *prev;   /* NULL when untracked */
    intptr_t gc_refs;             /* the collector's scratch count */
    uint8_t state;                /* GC_STATE_*: where the collector put it */
    uint8_t finalized;            /* __del__ already ran (PEP 442: at most once) */
    uint16_t flags;               /* GC_FLAG_* */
} GCHead;

enum {
    /* A dict created implicitly as an instance's __dict__ by attribute
     * assignment.  CPython 3.11 keeps such attributes in the instance
     * itself (no dict object until someone asks for __dict__), so these
     * dicts are collected like any other container but left out of the
     * count gc.collect() returns, which then matches CPython's. */
    GC_FLAG_INSTANCE_DICT = 1u << 0,
};

enum {
    GC_STATE_IDLE = 0,            /* not part of a running collection */
    GC_STATE_COLLECTING,          /* in the generation being collected */
    GC_STATE_UNREACHABLE,         /* tentatively unreachable */
};

#define AS_GC(o) (((GCHead *)(o)) - 1)
#define FROM_GC(g) ((Object *)(((GCHead *)(g)) + 1))

#define GC_GENERATIONS 3
typedef struct GCGeneration {
    GCHead head;                  /* list sentinel */
    int threshold, count;
} GCGeneration;

extern GCGeneration gc_generations[GC_GENERATIONS];

/* The collector (gc/collect.c).  gc_collect returns the number of
 * unreachable objects found in generations 0..generation, or -1. */
intptr_t gc_collect(int generation);
/* Called by the allocator: collect if generation 0 is over its threshold. */
void gc_maybe_collect(void);
/* Final collection at interpreter exit (vm/runtime.c's runtime_finalize). */
void gc_fini(void);
extern int gc_enabled;
extern Object *gc_garbage;        /* gc.garbage (a list), or NULL before init */

/* Does o carry a GC header?  Its type says so, except for type objects:
 * Type_Type (and every metaclass) is a GC type, but only the classes that
 * were allocated (class statements, type(name, bases, dict)) have a header;
 * the static built-in types are plain C globals.  For those the object's
 * own TPFLAG_HEAPTYPE decides. */
static inline bool obj_is_gc(Object *o) {
    if (IS_SMALLINT(o)) return false;
    unsigned long f = o->type->flags;
    if (!(f & TPFLAG_GC)) return false;
    if (f & TPFLAG_TYPE_SUBCLASS) return (((TypeObject *)o)->flags & TPFLAG_HEAPTYPE) != 0;
    return true;
}

/* Set or clear GC_FLAG_INSTANCE_DICT on a dict (typesys's generic setattr
 * and __dict__ getter). */
static inline void gc_set_instance_dict(Object *d, bool on) {
    if (!obj_is_gc(d)) return;
    if (on) AS_GC(d)->flags |= GC_FLAG_INSTANCE_DICT;
    else AS_GC(d)->flags &= (uint16_t)~GC_FLAG_INSTANCE_DICT;
}

#endif
