/* gc/collect.c — the generational cycle collector.
 *
 * Reference counting frees everything except cycles.  The collector finds
 * groups of container objects that only reference each other:
 *
 *   1. copy each object's reference count into gc_refs;
 *   2. for every reference an object of the generation holds to another
 *      object of the generation, subtract one: what remains counts the
 *      references from OUTSIDE the generation;
 *   3. objects with outside references are reachable, and so is everything
 *      they reach; the rest is garbage;
 *   4. run __del__ on the garbage (once per object); if a finaliser made any
 *      of it reachable again, keep the lot; otherwise clear each object's
 *      references, which lets reference counting free the whole cycle.
 *
 * Survivors move one generation up.  Generation 0 is collected when the
 * number of container allocations minus deallocations exceeds its
 * threshold (700); an older generation when the younger one has been
 * collected more often than its threshold (10).  Everything here runs
 * with the GIL held, from whichever thread triggered it.
 */
#include "gc/gc.h"
#include "vm/objects/list.h"
#include "vm/objects/weakref.h"
#include "vm/error.h"
#include "vm/state.h"

int gc_enabled = 1;
Object *gc_garbage;
static int collecting;

/* Tuning (docs/memory.md has the measurements):
 *  - young_scale: when a young collection finds no garbage at all, the
 *    program is allocating containers that live (batches, results) rather
 *    than cycles; re-examining them every 700 allocations is pure cost, so
 *    the next young collection waits twice as long, up to 16x the
 *    threshold.  The first collection that finds garbage resets it: a
 *    program making cycles keeps the configured pace and bounded memory.
 *  - long_lived_*: as CPython, a full collection is skipped until the
 *    objects that reached the oldest generation since the last full one
 *    are a quarter of those that survived it (no quadratic behaviour when
 *    a program builds a large structure). */
#define YOUNG_SCALE_MAX 16
static int young_scale = 1;
static intptr_t long_lived_total, long_lived_pending;

static void list_init(GCHead *head) { head->next = head->prev = head; }
static bool list_empty(GCHead *head) { return head->next == head; }

static void list_move(GCHead *g, GCHead *to) {
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->prev = to->prev;
    g->next = to;
    to->prev->next = g;
    to->prev = g;
}

static void list_merge(GCHead *from, GCHead *to) {
    if (list_empty(from)) return;
    GCHead *first = from->next, *last = from->prev;
    first->prev = to->prev;
    to->prev->next = first;
    last->next = to;
    to->prev = last;
    list_init(from);
}

/* What move_unreachable() put in the unreachable list, kept exact as
 * visit_reachable() moves objects back: all, those gc.collect() counts,
 * those whose finaliser has yet to run.  Saves walks over the garbage. */
static intptr_t n_unreachable, n_counted, n_finalizable;

static inline void account_unreachable(GCHead *g, intptr_t delta) {
    n_unreachable += delta;
    if (!(g->flags & GC_FLAG_INSTANCE_DICT)) n_counted += delta;
    if (!g->finalized && FROM_GC(g)->type->finalize) n_finalizable += delta;
}

static int visit_decref(Object *o, void *arg) {
    if (o && obj_is_gc(o)) {
        GCHead *g = AS_GC(o);
        if (g->next && g->state == GC_STATE_COLLECTING && g->gc_refs > 0) g->gc_refs--;
    }
    return 0;
}

/* Everything a reachable object references is reachable too. */
static int visit_reachable(Object *o, void *arg) {
    GCHead *young = arg;
    if (!o || !obj_is_gc(o)) return 0;
    GCHead *g = AS_GC(o);
    if (!g->next) return 0;
    if (g->state == GC_STATE_UNREACHABLE) {
        account_unreachable(g, -1);
        list_move(g, young);   /* visited again later in the scan */
        g->state = GC_STATE_COLLECTING;
        g->gc_refs = 1;
    } else if (g->state == GC_STATE_COLLECTING && g->gc_refs == 0) {
        g->gc_refs = 1;
    }
    return 0;
}

static void subtract_internal_refs(GCHead *list) {
    for (GCHead *g = list->next; g != list; g = g->next) {
        Object *o = FROM_GC(g);
        traverseproc trav = o->type->traverse;
        if (trav) trav(o, visit_decref, NULL);
    }
}

static void move_unreachable(GCHead *young, GCHead *unreachable) {
    GCHead *g = young->next;
    while (g != young) {
        Object *o = FROM_GC(g);
        if (g->gc_refs > 0) {
            traverseproc trav = o->type->traverse;
            if (trav) trav(o, visit_reachable, young);
            /* Read the successor only now: the traversal may have moved
             * objects back behind g, and they must be scanned too. */
            g = g->next;
        } else {
            GCHead *next = g->next;
            list_move(g, unreachable);
            g->state = GC_STATE_UNREACHABLE;
            account_unreachable(g, 1);
            g = next;
        }
    }
}

/* After finalisers ran: is any of the garbage referenced from outside now? */
static bool resurrected(GCHead *unreachable) {
    for (GCHead *g = unreachable->next; g != unreachable; g = g->next) {
        g->state = GC_STATE_COLLECTING;
        g->gc_refs = FROM_GC(g)->refcnt;
    }
    subtract_internal_refs(unreachable);
    bool any = false;
    for (GCHead *g = unreachable->next; g != unreachable; g = g->next) {
        if (g->gc_refs > 0) any = true;
        g->state = GC_STATE_UNREACHABLE;
    }
    return any;
}

/* Returns the number of finalisers run. */
static int finalize_garbage(GCHead *unreachable) {
    int ran = 0;
    /* Finalisers may free objects of the list: walk a snapshot by holding
     * a reference to each object while its finaliser runs. */
    for (GCHead *g = unreachable->next; g != unreachable;) {
        Object *o = FROM_GC(g);
        if (g->finalized || !o->type->finalize) {
            g = g->next;
            continue;
        }
        g->finalized = 1;
        INCREF(o);
        o->type->finalize(o);
        ran++;
        GCHead *next = g->next;
        DECREF(o);
        g = next;
    }
    return ran;
}

static bool weakref_is_garbage(Object *ref) {
    return obj_is_gc(ref) && AS_GC(ref)->state == GC_STATE_UNREACHABLE;
}

/* As CPython: before any finaliser runs, every weakref to the garbage goes
 * dead, and the callbacks of weakrefs that are not garbage themselves are
 * called.  Returns how many callbacks ran (they may resurrect objects). */
static intptr_t handle_weakrefs(GCHead *unreachable) {
    Object *pending = NULL;
    for (GCHead *g = unreachable->next; g != unreachable; g = g->next) {
        Object *o = FROM_GC(g);
        intptr_t off = o->type->weaklistoffset;
        if (off <= 0 || !*(Object **)((char *)o + off)) continue;
        if (!pending && !(pending = list_new(0))) {
            err_clear();
            return 0;
        }
        weakref_detach_all(o, pending, weakref_is_garbage);
    }
    if (!pending) return 0;
    intptr_t n = LIST_SIZE(pending);
    if (n) weakref_call_pending(pending);
    DECREF(pending);
    return n;
}

static void clear_garbage(GCHead *unreachable, GCHead *old) {
    while (!list_empty(unreachable)) {
        GCHead *g = unreachable->next;
        Object *o = FROM_GC(g);
        INCREF(o);
        inquiry clear = o->type->clear;
        if (clear) clear(o);
        /* Still alive (someone else holds it): keep it, but in the old list. */
        if (unreachable->next == g) {
            g->state = GC_STATE_IDLE;
            list_move(g, old);
        }
        DECREF(o);
    }
}

static intptr_t collect_generation(int gen) {
    /* Merge the younger generations into the one being collected. */
    for (int i = 0; i < gen; i++) list_merge(&gc_generations[i].head, &gc_generations[gen].head);
    GCHead *young = &gc_generations[gen].head;
    GCHead *old = gen + 1 < GC_GENERATIONS ? &gc_generations[gen + 1].head : young;

    for (GCHead *g = young->next; g != young; g = g->next) {
        g->state = GC_STATE_COLLECTING;
        g->gc_refs = FROM_GC(g)->refcnt;
    }
    subtract_internal_refs(young);
    GCHead unreachable;
    list_init(&unreachable);
    n_unreachable = n_counted = n_finalizable = 0;
    move_unreachable(young, &unreachable);
    intptr_t survivors = 0;
    for (GCHead *g = young->next; g != young; g = g->next) {
        g->state = GC_STATE_IDLE;
        survivors++;
    }
    if (old != young) list_merge(young, old);
    if (gen == GC_GENERATIONS - 2) long_lived_pending += survivors;
    else if (gen == GC_GENERATIONS - 1) {
        long_lived_total = survivors;
        long_lived_pending = 0;
    }

    /* Implicit instance dicts are not objects in CPython 3.11: not counted. */
    intptr_t found = n_counted;
    bool any = n_unreachable > 0;
    if (any) young_scale = 1;
    else if (gen == 0 && young_scale < YOUNG_SCALE_MAX) young_scale *= 2;
    if (any) {
        /* Only a finaliser can make the garbage reachable again.  As in
         * CPython, the count is what is left to clear after finalisers:
         * objects they freed or resurrected are not included. */
        intptr_t ran = handle_weakrefs(&unreachable);
        if (n_finalizable) ran += finalize_garbage(&unreachable);
        if (ran) {
            if (resurrected(&unreachable)) {
                for (GCHead *g = unreachable.next; g != &unreachable; g = g->next)
                    g->state = GC_STATE_IDLE;
                list_merge(&unreachable, old);
                found = 0;
            } else {
                found = 0;
                for (GCHead *g = unreachable.next; g != &unreachable; g = g->next)
                    if (!(g->flags & GC_FLAG_INSTANCE_DICT)) found++;
            }
        }
        if (!list_empty(&unreachable)) clear_garbage(&unreachable, old);
    }
    for (int i = 0; i <= gen; i++) gc_generations[i].count = 0;
    if (gen + 1 < GC_GENERATIONS) gc_generations[gen + 1].count++;
    return found;
}

intptr_t gc_collect(int generation) {
    if (collecting || !ts_current) return 0;
    if (generation < 0 || generation >= GC_GENERATIONS) generation = GC_GENERATIONS - 1;
    collecting = 1;
    Object *exc = err_fetch();   /* finalisers must not see a pending error */
    intptr_t n = collect_generation(generation);
    if (err_occurred()) err_write_unraisable(NULL);
    if (exc) err_restore(exc);
    collecting = 0;
    return n;
}

void gc_maybe_collect(void) {
    GCGeneration *g0 = &gc_generations[0];
    if (++g0->count <= g0->threshold * young_scale || g0->threshold == 0 || !gc_enabled ||
        collecting || !ts_current)
        return;
    int gen = 0;
    for (int i = GC_GENERATIONS - 1; i > 0; i--) {
        if (gc_generations[i].count > gc_generations[i].threshold) {
            if (i == GC_GENERATIONS - 1 && long_lived_pending < long_lived_total / 4) continue;
            gen = i;
            break;
        }
    }
    gc_collect(gen);
}

/* At exit (runtime_finalize, once __main__'s globals are gone): a last full
 * collection, enabled or not, so the cycles that teardown made garbage get
 * their __del__ run and are freed, as CPython's finalisation does.
 *
 * Under AddressSanitizer the generation lists are then forgotten: they link
 * every tracked container from a global, which would make any leaked cycle
 * look reachable to LeakSanitizer.  Without them, what is still allocated
 * must be reachable from a real root (sys.modules, a thread, a C global) or
 * it is reported (make test-leaks). */
void gc_fini(void) {
    if (!ts_current) return;
    gc_collect(GC_GENERATIONS - 1);
#if defined(__SANITIZE_ADDRESS__)
    for (int i = 0; i < GC_GENERATIONS; i++) list_init(&gc_generations[i].head);
    gc_enabled = 0;
#endif
}
