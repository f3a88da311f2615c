/* gc/alloc.c — allocating and freeing objects.
 *
 * Every object comes from obj_alloc/obj_alloc_var and goes back through
 * obj_free.  Container types (TPFLAG_GC) get a GCHead in front of the
 * object; gc_track links them into the youngest generation so the cycle
 * collector can find them.  Memory errors are reported as MemoryError.
 */
#include <stdlib.h>
#include <string.h>

#include "gc/gc.h"
#include "gc/pool.h"
#include "vm/error.h"

GCGeneration gc_generations[GC_GENERATIONS] = {
#define GENERATION(i, t) {.head = {.next = &gc_generations[i].head, .prev = &gc_generations[i].head}, .threshold = (t)}
    GENERATION(0, 700), GENERATION(1, 10), GENERATION(2, 10),
#undef GENERATION
};

void *mem_alloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) err_no_memory();
    return p;
}

void *mem_realloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) err_no_memory();
    return q;
}

void mem_free(void *p) { free(p); }

static Object *alloc_bytes(TypeObject *type, size_t size) {
    bool gc = (type->flags & TPFLAG_GC) != 0;
    if (gc) gc_maybe_collect();
    size_t total = size + (gc ? sizeof(GCHead) : 0);
    char *mem = pool_alloc(total);   /* zeroed; small sizes from free lists */
    if (!mem) return err_no_memory();
    Object *o = (Object *)(gc ? mem + sizeof(GCHead) : mem);
    o->refcnt = 1;
    o->type = type;
    if (type->flags & TPFLAG_HEAPTYPE) INCREF((Object *)type);
    return o;
}

Object *obj_alloc(TypeObject *type) { return alloc_bytes(type, type->basicsize); }

Object *obj_alloc_var(TypeObject *type, size_t nitems) {
    if (type->itemsize && nitems > (SIZE_MAX - type->basicsize) / type->itemsize)
        return err_no_memory();
    return alloc_bytes(type, type->basicsize + nitems * type->itemsize);
}

void obj_free(Object *o) {
    TypeObject *type = o->type;
    if (type->flags & TPFLAG_GC) {
        GCHead *g = AS_GC(o);
        if (g->next) gc_untrack(o);
        if (gc_generations[0].count > 0) gc_generations[0].count--;
        pool_free(g);
    } else {
        pool_free(o);
    }
    if (type->flags & TPFLAG_HEAPTYPE) DECREF((Object *)type);
}

void gc_track(Object *o) {
    GCHead *g = AS_GC(o);
    if (g->next) return;
    GCHead *head = &gc_generations[0].head;
    g->prev = head->prev;
    g->next = head;
    head->prev->next = g;
    head->prev = g;
}

void gc_untrack(Object *o) {
    GCHead *g = AS_GC(o);
    if (!g->next) return;
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->next = g->prev = NULL;
}

bool gc_is_tracked(Object *o) { return obj_is_gc(o) && AS_GC(o)->next != NULL; }
