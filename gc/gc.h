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
    intptr_t gc_refs;             /* scratch for the collector */
} GCHead;

#define AS_GC(o) (((GCHead *)(o)) - 1)
#define FROM_GC(g) ((Object *)(((GCHead *)(g)) + 1))

#define GC_GENERATIONS 3
typedef struct GCGeneration {
    GCHead head;                  /* list sentinel */
    int threshold, count;
} GCGeneration;

extern GCGeneration gc_generations[GC_GENERATIONS];

static inline bool obj_is_gc(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_GC);
}

#endif
