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
    int32_t state;                /* GC_STATE_*: where the collector put it */
    int32_t finalized;            /* __del__ already ran (PEP 442: at most once) */
} GCHead;

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
extern int gc_enabled;
extern Object *gc_garbage;        /* gc.garbage (a list), or NULL before init */

static inline bool obj_is_gc(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_GC);
}

#endif
