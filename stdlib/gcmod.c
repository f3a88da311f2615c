/* stdlib/gcmod.c — the `gc` module: control of the cycle collector. */
#include "gc/gc.h"
#include "stdlib/gcmod.h"
#include "vm/vm.h"

static Object *gc_collect_fn(Object *m, Object *const *args, size_t nargs, Object *kw) {
    static const char *kwlist[] = {"generation", NULL};
    int gen = GC_GENERATIONS - 1;
    if (args_parse(args, nargs, kw, "|i:collect", kwlist, &gen) < 0) return NULL;
    if (gen < 0 || gen >= GC_GENERATIONS) return err_format(&Exc_ValueError, "invalid generation");
    intptr_t n = gc_collect(gen);
    if (n < 0) return NULL;
    return int_from_ssize(n);
}

static Object *gc_enable(Object *m, Object *const *a, size_t n, Object *k) {
    gc_enabled = 1;
    return none_new();
}

static Object *gc_disable(Object *m, Object *const *a, size_t n, Object *k) {
    gc_enabled = 0;
    return none_new();
}

static Object *gc_isenabled(Object *m, Object *const *a, size_t n, Object *k) {
    return bool_from(gc_enabled);
}

static Object *gc_get_count(Object *m, Object *const *a, size_t n, Object *k) {
    Object *c[GC_GENERATIONS];
    for (int i = 0; i < GC_GENERATIONS; i++) c[i] = int_from_long(gc_generations[i].count);
    Object *t = tuple_from_array(c, GC_GENERATIONS);
    for (int i = 0; i < GC_GENERATIONS; i++) DECREF(c[i]);
    return t;
}

static Object *gc_get_threshold(Object *m, Object *const *a, size_t n, Object *k) {
    Object *c[GC_GENERATIONS];
    for (int i = 0; i < GC_GENERATIONS; i++) c[i] = int_from_long(gc_generations[i].threshold);
    Object *t = tuple_from_array(c, GC_GENERATIONS);
    for (int i = 0; i < GC_GENERATIONS; i++) DECREF(c[i]);
    return t;
}

static Object *gc_set_threshold(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int t[GC_GENERATIONS] = {gc_generations[0].threshold, gc_generations[1].threshold,
                             gc_generations[2].threshold};
    if (args_parse(args, nargs, kw, "i|ii:set_threshold", NULL, &t[0], &t[1], &t[2]) < 0)
        return NULL;
    for (int i = 0; i < GC_GENERATIONS; i++) gc_generations[i].threshold = t[i];
    return none_new();
}

static Object *gc_get_objects(Object *m, Object *const *args, size_t nargs, Object *kw) {
    static const char *kwlist[] = {"generation", NULL};
    Object *genobj = None;
    if (args_parse(args, nargs, kw, "|O:get_objects", kwlist, &genobj) < 0) return NULL;
    int lo = 0, hi = GC_GENERATIONS - 1;
    if (genobj != None) {
        intptr_t g = obj_as_ssize(genobj, &Exc_OverflowError);
        if (g == -1 && err_occurred()) return NULL;
        if (g < 0) return err_format(&Exc_ValueError, "generation parameter must be positive");
        if (g >= GC_GENERATIONS) return err_format(&Exc_ValueError, "generation parameter cannot be greater than 2");
        lo = hi = (int)g;
    }
    Object *list = list_new(0);
    if (!list) return NULL;
    for (int i = lo; i <= hi; i++) {
        GCHead *head = &gc_generations[i].head;
        for (GCHead *g = head->next; g != head; g = g->next) {
            Object *o = FROM_GC(g);
            if (o == list) continue;
            if (list_append(list, o) < 0) {
                DECREF(list);
                return NULL;
            }
        }
    }
    return list;
}

static Object *gc_is_tracked_fn(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("is_tracked", nargs, 1, 1) < 0) return NULL;
    return bool_from(gc_is_tracked(args[0]));
}

static Object *gc_is_finalized(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("is_finalized", nargs, 1, 1) < 0) return NULL;
    Object *o = args[0];
    return bool_from(obj_is_gc(o) && AS_GC(o)->finalized);
}

static MethodDef gc_functions[] = {
    {"collect", gc_collect_fn, METH_KW, "collect(generation=2) -> number of unreachable objects"},
    {"enable", gc_enable, 0, "Enable automatic collection."},
    {"disable", gc_disable, 0, "Disable automatic collection."},
    {"isenabled", gc_isenabled, 0, "Is automatic collection enabled?"},
    {"get_count", gc_get_count, 0, "The current collection counts per generation."},
    {"get_threshold", gc_get_threshold, 0, "The collection thresholds."},
    {"set_threshold", gc_set_threshold, 0, "set_threshold(threshold0[, threshold1[, threshold2]])"},
    {"get_objects", gc_get_objects, METH_KW, "All objects tracked by the collector."},
    {"is_tracked", gc_is_tracked_fn, 0, "Is the object tracked by the collector?"},
    {"is_finalized", gc_is_finalized, 0, "Has the collector already run the object's __del__?"},
    {NULL, NULL, 0, NULL},
};

Object *mod_gc_init(void) {
    Object *m = module_new("gc");
    if (!m) return NULL;
    if (!gc_garbage) gc_garbage = list_new(0);
    if (!gc_garbage || module_add_functions(m, gc_functions) < 0 ||
        module_add(m, "garbage", gc_garbage) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
