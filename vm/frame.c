/* vm/frame.c — frame objects: allocation, the free list, attributes.
 *
 * Frames are allocated per call, so they come from a free list binned by
 * capacity (multiples of 8 slots).  All free-list manipulation happens with
 * the GIL held, so one global list serves every thread.  A frame object that
 * escaped (traceback, generator, sys._getframe) is simply kept alive by its
 * references and recycled when the last one goes.
 */
#include <string.h>

#include "gc/gc.h"
#include "vm/frame.h"
#include "vm/vm.h"

#define FRAME_BIN_SLOTS 8
#define FRAME_NBINS 40          /* capacities up to 8 * 39 slots are cached */
#define FRAME_BIN_MAX 64        /* frames kept per bin */

static Frame *free_frames[FRAME_NBINS];
static int free_count[FRAME_NBINS];

static size_t block_slots(int maxblocks) {
    return ((size_t)maxblocks * sizeof(Block) + sizeof(Object *) - 1) / sizeof(Object *);
}

Frame *frame_new(CodeObject *co, Object *globals, Object *builtins, Object *locals) {
    size_t nfast = (size_t)co->nlocals + co->ncells + co->nfrees;
    size_t nitems = nfast + (size_t)co->stacksize + block_slots(co->maxblocks);
    size_t cap = (nitems + FRAME_BIN_SLOTS - 1) / FRAME_BIN_SLOTS * FRAME_BIN_SLOTS;
    if (cap == 0) cap = FRAME_BIN_SLOTS;
    size_t bin = cap / FRAME_BIN_SLOTS;
    Frame *f;
    if (bin < FRAME_NBINS && free_frames[bin]) {
        f = free_frames[bin];
        free_frames[bin] = f->back;
        free_count[bin]--;
        f->ob_base.refcnt = 1;
    } else {
        f = (Frame *)obj_alloc_var(&Frame_Type, cap);
        if (!f) return NULL;
        f->capacity = (int)cap;
        f->clean = (int)cap;   /* allocated zeroed */
    }
    f->back = NULL;
    f->code = co;
    INCREF((Object *)co);
    f->globals = NEWREF(globals);
    f->builtins = NEWREF(builtins);
    f->locals = XNEWREF(locals);
    f->gen = NULL;
    /* A recycled frame's old locals were cleared on release: only slots
     * beyond them (old stack values) need NULLing -- usually none, which
     * saves a memset call per Python call. */
    for (size_t i = (size_t)f->clean; i < nfast; i++) f->slots[i] = NULL;
    f->sp = f->slots + nfast;
    f->instr = co->code;
    f->lasti = -1;
    f->nblocks = 0;
    f->state = FRAME_CREATED;
    f->blocks = (Block *)(f->slots + nfast + co->stacksize);
    return f;
}

void frame_escape(Frame *f) {
    Object *o = (Object *)f;
    if (!gc_is_tracked(o)) gc_track(o);
}

static inline void clear_slots(Frame *f) {
    CodeObject *co = f->code;
    Object **base = frame_stack_base(f);
    /* Clear the stack first (top down), then the locals; NULL each slot
     * before dropping it so a re-entrant __del__ sees a consistent frame. */
    while (f->sp > base) {
        Object *v = *--f->sp;
        *f->sp = NULL;
        XDECREF(v);
    }
    int nfast = co->nlocals + co->ncells + co->nfrees;
    for (int i = 0; i < nfast; i++) CLEAR(f->slots[i]);
}

void frame_clear_slots(Frame *f) { clear_slots(f); }

static void frame_dealloc(Object *o) {
    Frame *f = (Frame *)o;
    if (AS_GC(o)->next) gc_untrack(o);
    clear_slots(f);
    CLEAR(f->locals);
    CLEAR(f->globals);
    CLEAR(f->builtins);
    CodeObject *code = f->code;
    int nfast = code->nlocals + code->ncells + code->nfrees;   /* NULLed above */
    f->code = NULL;
    DECREF((Object *)code);
    size_t bin = (size_t)f->capacity / FRAME_BIN_SLOTS;
    if (bin < FRAME_NBINS && free_count[bin] < FRAME_BIN_MAX) {
        f->clean = nfast;
        f->back = free_frames[bin];
        free_frames[bin] = f;
        free_count[bin]++;
        return;
    }
    obj_free(o);
}

void frame_free_cache(void) {
    for (int b = 0; b < FRAME_NBINS; b++) {
        while (free_frames[b]) {
            Frame *f = free_frames[b];
            free_frames[b] = f->back;
            obj_free((Object *)f);
        }
        free_count[b] = 0;
    }
}

#define VISIT(o)                                              \
    do {                                                      \
        Object *_v = (Object *)(o);                           \
        if (_v && !IS_SMALLINT(_v)) {                         \
            int _r = visit(_v, arg);                          \
            if (_r) return _r;                                \
        }                                                     \
    } while (0)

static int frame_traverse(Object *o, visitproc visit, void *arg) {
    Frame *f = (Frame *)o;
    if (!f->code) return 0;
    VISIT(f->code);
    VISIT(f->globals);
    VISIT(f->builtins);
    VISIT(f->locals);
    CodeObject *co = f->code;
    int nfast = co->nlocals + co->ncells + co->nfrees;
    for (int i = 0; i < nfast; i++) VISIT(f->slots[i]);
    /* A running frame's stack top is in a register: its stack values are
     * held by the running C code, which the collector treats as external. */
    if (f->state != FRAME_RUNNING)
        for (Object **p = frame_stack_base(f); p < f->sp; p++) VISIT(*p);
    return 0;
}

static int frame_gc_clear(Object *o) {
    Frame *f = (Frame *)o;
    if (f->state == FRAME_RUNNING || !f->code) return 0;
    frame_clear_slots(f);
    CLEAR(f->locals);
    return 0;
}

int frame_lineno(Frame *f) {
    int i = f->lasti;
    if (i < 0) i = (int)(f->instr - f->code->code);
    if (i < 0) i = 0;
    if (i >= f->code->ncode) i = f->code->ncode - 1;
    return code_line_of(f->code, i);
}

Object *frame_locals_dict(Frame *f) {
    CodeObject *co = f->code;
    if (!(co->flags & CO_OPTIMIZED) && f->locals) return NEWREF(f->locals);
    Object *d = dict_new();
    if (!d) return NULL;
    for (int i = 0; i < co->nlocals; i++) {
        Object *v = f->slots[i];
        if (v && dict_set(d, TUPLE_GET(co->varnames, i), v) < 0) goto fail;
    }
    for (int i = 0; i < co->ncells + co->nfrees; i++) {
        Object *cell = f->slots[co->nlocals + i];
        if (!cell || OBJ_TYPE(cell) != &Cell_Type || !((CellObject *)cell)->ref) continue;
        Object *name = i < co->ncells ? TUPLE_GET(co->cellvars, i)
                                      : TUPLE_GET(co->freevars, i - co->ncells);
        if (dict_set(d, name, ((CellObject *)cell)->ref) < 0) goto fail;
    }
    return d;
fail:
    DECREF(d);
    return NULL;
}

/* ---- attributes ---------------------------------------------------------- */

static Object *frame_get_code(Object *o, void *c) { return NEWREF((Object *)((Frame *)o)->code); }
static Object *frame_get_globals(Object *o, void *c) { return NEWREF(((Frame *)o)->globals); }
static Object *frame_get_builtins(Object *o, void *c) { return NEWREF(((Frame *)o)->builtins); }
static Object *frame_get_locals(Object *o, void *c) { return frame_locals_dict((Frame *)o); }
static Object *frame_get_lineno(Object *o, void *c) {
    return int_from_long(frame_lineno((Frame *)o));
}
static Object *frame_get_lasti(Object *o, void *c) {
    Frame *f = (Frame *)o;
    return int_from_long(f->lasti < 0 ? -1 : (long long)f->lasti * 2);
}
static Object *frame_get_back(Object *o, void *c) {
    Frame *f = (Frame *)o;
    if (!f->back) return none_new();
    frame_escape(f->back);
    return NEWREF((Object *)f->back);
}
static Object *frame_get_trace(Object *o, void *c) { return none_new(); }
static int frame_set_trace(Object *o, Object *v, void *c) { return 0; }

static GetSetDef frame_getset[] = {
    {"f_code", frame_get_code, NULL, NULL, NULL},
    {"f_globals", frame_get_globals, NULL, NULL, NULL},
    {"f_builtins", frame_get_builtins, NULL, NULL, NULL},
    {"f_locals", frame_get_locals, NULL, NULL, NULL},
    {"f_lineno", frame_get_lineno, NULL, NULL, NULL},
    {"f_lasti", frame_get_lasti, NULL, NULL, NULL},
    {"f_back", frame_get_back, NULL, NULL, NULL},
    {"f_trace", frame_get_trace, frame_set_trace, NULL, NULL},
    {NULL},
};

static Object *frame_repr(Object *o) {
    Frame *f = (Frame *)o;
    return str_from_format("<frame at %p, file %R, line %d, code %U>", (void *)f,
                           f->code->filename, frame_lineno(f), f->code->name);
}

static Object *frame_clear_meth(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    Frame *f = (Frame *)self;
    if (f->state == FRAME_RUNNING)
        return err_format(&Exc_RuntimeError, "cannot clear an executing frame");
    if (f->state == FRAME_SUSPENDED)
        return err_format(&Exc_RuntimeError, "cannot clear a suspended frame");
    frame_clear_slots(f);
    return none_new();
}

static MethodDef frame_methods[] = {
    {"clear", frame_clear_meth, 0, NULL},
    {NULL},
};

TypeObject Frame_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "frame",
    .basicsize = sizeof(Frame),
    .itemsize = sizeof(Object *),
    .flags = TPFLAG_GC,
    .dealloc = frame_dealloc,
    .traverse = frame_traverse,
    .clear = frame_gc_clear,
    .repr = frame_repr,
    .getset = frame_getset,
    .methods = frame_methods,
};
