/* vm/objects/generator.c — generators (PEP 255, 342, 380, 479).
 *
 * A generator owns a frame that eval runs in steps: each resume pushes the
 * sent value and runs to the next yield; the frame's state tells whether it
 * yielded (FRAME_SUSPENDED) or finished (FRAME_DONE, the frame is then
 * released and gi_frame becomes None).
 *
 * Handled exceptions: while suspended inside an except block the generator
 * keeps its own "handled exception" (exc_state); resuming installs it as
 * the thread's sys.exc_info() and suspending restores the caller's, so a
 * generator never leaks its handler state into its caller or vice versa.
 *
 * Delegation (yield from): while the frame is suspended on YIELD_FROM the
 * sub-iterator is the top of its value stack; throw() and close() are
 * forwarded to it as PEP 380 specifies.
 *
 * Finalisation (PEP 442): a generator dropped while suspended is closed,
 * so its finally blocks run.  gen_finalize is the type's finaliser: the
 * cycle collector calls it on garbage generators before clearing anything
 * (a generator in a cycle still runs its finally code with its locals
 * intact), gen_dealloc calls it otherwise; the GC header's `finalized`
 * byte makes it run at most once.  Generators can be weakly referenced.
 */
#include <stddef.h>
#include <string.h>

#include "gc/gc.h"
#include "vm/eval.h"
#include "vm/frame.h"
#include "vm/opcodes.h"
#include "vm/vm.h"
#include "vm/objects/weakref.h"

typedef struct GeneratorObject {
    Object ob_base;
    Frame *frame;        /* NULL once finished */
    Object *code;
    Object *name, *qualname;
    Object *exc_state;   /* handled exception saved while suspended, or NULL */
    Object *weaklist;    /* weak references to the generator (weakref.c) */
    char running;
} GeneratorObject;

#define GEN(o) ((GeneratorObject *)(o))

Object *generator_new(Frame *frame, Object *func) {
    GeneratorObject *g = (GeneratorObject *)obj_alloc(&Generator_Type);
    if (!g) {
        DECREF((Object *)frame);
        return NULL;
    }
    FunctionObject *fn = (FunctionObject *)func;
    g->frame = frame;
    g->code = NEWREF((Object *)frame->code);
    g->name = NEWREF(fn ? fn->name : frame->code->name);
    g->qualname = NEWREF(fn ? fn->qualname : frame->code->qualname);
    frame->gen = (Object *)g;
    frame_escape(frame);
    gc_track((Object *)g);
    return (Object *)g;
}

static bool frame_in_handler(Frame *f) {
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].type == BLOCK_EXCEPT_HANDLER) return true;
    return false;
}

/* The sub-iterator of a `yield from` the generator is suspended in
 * (borrowed), or NULL. */
static Object *gen_yieldfrom(GeneratorObject *g) {
    Frame *f = g->frame;
    if (!f || f->state != FRAME_SUSPENDED) return NULL;
    if (INSTR_OP(*f->instr) != OP_YIELD_FROM) return NULL;
    return f->sp[-1];
}

static void gen_release_frame(GeneratorObject *g) {
    Frame *f = g->frame;
    if (!f) return;
    g->frame = NULL;
    f->gen = NULL;
    DECREF((Object *)f);
}

/* Resume: returns the yielded value; NULL with *retval set (new ref) when
 * the generator returned; NULL with an exception set on error. */
static Object *gen_resume(GeneratorObject *g, Object *value, int throwflag, Object **retval) {
    *retval = NULL;
    Frame *f = g->frame;
    if (g->running) return err_format(&Exc_ValueError, "generator already executing");
    if (!f || f->state == FRAME_DONE) {
        if (!throwflag) err_set_none(&Exc_StopIteration);
        return NULL;
    }
    if (f->state == FRAME_CREATED && !throwflag && value && value != None)
        return err_format(&Exc_TypeError, "can't send non-None value to a just-started generator");
    if (!value) value = None;

    ThreadState *ts = ts_current;
    Object *caller_exc = ts->handled_exc;
    if (f->state == FRAME_SUSPENDED) {
        /* The outermost handler the generator is suspended in saved the
         * handled exception of whoever resumed it then; leaving it must
         * reveal the current resumer's instead (sys.exc_info() chains
         * through the generator's caller, as CPython). */
        for (int i = 0; i < f->nblocks; i++) {
            if (f->blocks[i].type != BLOCK_EXCEPT_HANDLER) continue;
            Object **slot = frame_stack_base(f) + f->blocks[i].level;
            SETREF(*slot, NEWREF(caller_exc ? caller_exc : None));
            break;
        }
    }
    ts->handled_exc = g->exc_state ? g->exc_state : XNEWREF(caller_exc);
    g->exc_state = NULL;
    g->running = 1;
    INCREF((Object *)f);
    Object *r = eval_frame(f, throwflag ? NULL : value, throwflag);
    g->running = 0;
    if (f->state == FRAME_SUSPENDED && frame_in_handler(f)) {
        g->exc_state = ts->handled_exc;
    } else {
        XDECREF(ts->handled_exc);
    }
    ts->handled_exc = caller_exc;

    if (f->state != FRAME_DONE) { /* yielded, or could not even start */
        DECREF((Object *)f);
        return r;
    }
    DECREF((Object *)f);
    gen_release_frame(g);
    if (r) {
        *retval = r;
        return NULL;
    }
    if (err_matches(&Exc_StopIteration)) { /* PEP 479 */
        Object *stop = err_fetch();
        err_format(&Exc_RuntimeError, "generator raised StopIteration");
        Object *exc = err_fetch();
        if (exc) {
            exc_set_cause(exc, NEWREF(stop));
            exc_set_context(exc, NEWREF(stop));
            err_restore(exc);
        }
        DECREF(stop);
    }
    return NULL;
}

static void set_stop_iteration(Object *value) {
    Object *exc = value == None ? exc_new(&Exc_StopIteration, NULL, 0)
                                : exc_new(&Exc_StopIteration, &value, 1);
    if (exc) err_restore(exc);
}

Object *generator_send(Object *gen, Object *value, Object **retval) {
    return gen_resume(GEN(gen), value, 0, retval);
}

const char *generator_state(Object *gen) {
    GeneratorObject *g = GEN(gen);
    if (g->running) return "GEN_RUNNING";
    if (!g->frame || g->frame->state == FRAME_DONE) return "GEN_CLOSED";
    if (g->frame->state == FRAME_CREATED) return "GEN_CREATED";
    return "GEN_SUSPENDED";
}

static Object *gen_iternext(Object *self) {
    Object *retval;
    Object *r = gen_resume(GEN(self), None, 0, &retval);
    if (r) return r;
    if (retval) {
        if (retval != None) set_stop_iteration(retval);
        DECREF(retval);
    }
    return NULL;
}

static Object *gen_send(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("send", kwnames) < 0 || args_count("send", nargs, 1, 1) < 0) return NULL;
    Object *retval;
    Object *r = gen_resume(GEN(self), args[0], 0, &retval);
    if (r) return r;
    if (retval) {
        set_stop_iteration(retval);
        DECREF(retval);
    }
    return NULL;
}

/* Close a delegated-to iterator: 0 ok, -1 error set. */
static int close_subiterator(Object *yf) {
    if (generator_check(yf)) {
        Object *r = obj_call_method(yf, "close", NULL, 0);
        if (!r) return -1;
        DECREF(r);
        return 0;
    }
    Object *meth = NULL;
    int found = obj_lookup_attr(yf, id_close, &meth);
    if (found < 0) {
        err_write_unraisable(yf);
        return 0;
    }
    if (!found) return 0;
    Object *r = obj_call0(meth);
    DECREF(meth);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

/* The sub-iterator finished or failed during a delegated throw: pop it
 * and continue the generator past its YIELD_FROM (with the StopIteration
 * value as the expression's result) or raise the error there. */
static Object *gen_finish_delegation(GeneratorObject *g) {
    Frame *f = g->frame;
    Object *yf = *--f->sp;
    DECREF(yf);
    f->instr++;
    Object *retval, *r;
    if (err_matches(&Exc_StopIteration)) {
        Object *stop = err_fetch();
        Object *v = stopiteration_value(stop);
        DECREF(stop);
        if (!v) return gen_resume(g, NULL, 1, &retval);
        r = gen_resume(g, v, 0, &retval);
        DECREF(v);
    } else {
        r = gen_resume(g, NULL, 1, &retval);
    }
    if (!r && retval) {
        set_stop_iteration(retval);
        DECREF(retval);
    }
    return r;
}

static Object *gen_throw_here(GeneratorObject *g, Object *typ, Object *val, Object *tb) {
    Object *exc;
    if (tb == None) tb = NULL;
    if (tb && strcmp(type_name(OBJ_TYPE(tb)), "traceback") != 0)
        return err_format(&Exc_TypeError, "throw() third argument must be a traceback object");
    if (is_exception_class(typ)) {
        if (val && val != None && type_is_subtype(OBJ_TYPE(val), (TypeObject *)typ)) {
            exc = NEWREF(val);
        } else if (!val || val == None) {
            exc = obj_call0(typ);
        } else if (tuple_check(val)) {
            exc = obj_call(typ, TUPLE_ITEMS(val), (size_t)TUPLE_SIZE(val), NULL);
        } else {
            exc = obj_call1(typ, val);
        }
        if (!exc) return NULL;
        if (!is_exception_instance(exc)) {
            err_format(&Exc_TypeError,
                       "calling %R should have returned an instance of BaseException, not %T",
                       typ, exc);
            DECREF(exc);
            return NULL;
        }
    } else if (is_exception_instance(typ)) {
        if (val && val != None)
            return err_format(&Exc_TypeError, "instance exception may not have a separate value");
        exc = NEWREF(typ);
    } else {
        return err_format(&Exc_TypeError,
                          "exceptions must be classes or instances deriving from BaseException, "
                          "not %s",
                          type_name(OBJ_TYPE(typ)));
    }
    if (tb) exc_set_traceback(exc, tb);
    err_restore(exc);
    Object *retval;
    Object *r = gen_resume(g, NULL, 1, &retval);
    if (!r && retval) {
        set_stop_iteration(retval);
        DECREF(retval);
    }
    return r;
}

static Object *gen_throw_impl(GeneratorObject *g, Object *typ, Object *val, Object *tb) {
    Object *yf = gen_yieldfrom(g);
    if (yf && !g->running) {
        INCREF(yf);
        Object *r;
        bool is_exit = is_exception_class(typ)
                           ? type_is_subtype((TypeObject *)typ, &Exc_GeneratorExit)
                           : type_is_subtype(OBJ_TYPE(typ), &Exc_GeneratorExit);
        if (is_exit) {
            g->running = 1;
            int err = close_subiterator(yf);
            g->running = 0;
            DECREF(yf);
            if (err < 0) {
                Object *retval;
                r = gen_resume(g, NULL, 1, &retval);
                if (!r && retval) {
                    set_stop_iteration(retval);
                    DECREF(retval);
                }
                return r;
            }
            return gen_throw_here(g, typ, val, tb);
        }
        if (generator_check(yf)) {
            g->running = 1;
            r = gen_throw_impl(GEN(yf), typ, val, tb);
            g->running = 0;
        } else {
            Object *meth = NULL;
            int found = obj_lookup_attr(yf, id_throw, &meth);
            if (found <= 0) {
                DECREF(yf);
                if (found < 0) {
                    Object *retval;
                    r = gen_resume(g, NULL, 1, &retval);
                    if (!r && retval) {
                        set_stop_iteration(retval);
                        DECREF(retval);
                    }
                    return r;
                }
                return gen_throw_here(g, typ, val, tb);
            }
            Object *args[3] = {typ, val ? val : None, tb ? tb : None};
            size_t n = tb ? 3 : val ? 2 : 1;
            g->running = 1;
            r = obj_call(meth, args, n, NULL);
            g->running = 0;
            DECREF(meth);
        }
        DECREF(yf);
        if (r) return r;
        return gen_finish_delegation(g);
    }
    return gen_throw_here(g, typ, val, tb);
}

static Object *gen_throw(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("throw", kwnames) < 0 || args_count("throw", nargs, 1, 3) < 0) return NULL;
    return gen_throw_impl(GEN(self), args[0], nargs > 1 ? args[1] : NULL,
                          nargs > 2 ? args[2] : NULL);
}

static Object *gen_close_impl(GeneratorObject *g) {
    Frame *f = g->frame;
    if (!f || f->state == FRAME_DONE) return none_new();
    if (f->state == FRAME_CREATED) {
        gen_release_frame(g);
        return none_new();
    }
    if (g->running) return err_format(&Exc_ValueError, "generator already executing");
    Object *yf = gen_yieldfrom(g);
    int err = 0;
    if (yf) {
        INCREF(yf);
        g->running = 1;
        err = close_subiterator(yf);
        g->running = 0;
        DECREF(yf);
    }
    if (err == 0) err_set_none(&Exc_GeneratorExit);
    Object *retval;
    Object *r = gen_resume(g, NULL, 1, &retval);
    if (r) {
        DECREF(r);
        return err_format(&Exc_RuntimeError, "generator ignored GeneratorExit");
    }
    if (retval) {
        DECREF(retval);
        return none_new();
    }
    if (err_matches(&Exc_StopIteration) || err_matches(&Exc_GeneratorExit)) {
        err_clear();
        return none_new();
    }
    return NULL;
}

static Object *gen_close(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("close", kwnames) < 0 || args_count("close", nargs, 0, 0) < 0) return NULL;
    return gen_close_impl(GEN(self));
}

static Object *gen_iter(Object *self) { return NEWREF(self); }

static int gen_traverse(Object *o, visitproc visit, void *arg) {
    GeneratorObject *g = GEN(o);
    if (g->frame && visit((Object *)g->frame, arg)) return 1;
    if (g->code && visit(g->code, arg)) return 1;
    if (g->exc_state && visit(g->exc_state, arg)) return 1;
    return 0;
}

static int gen_clear(Object *o) {
    GeneratorObject *g = GEN(o);
    if (g->running) return 0;
    gen_release_frame(g);
    CLEAR(g->exc_state);
    return 0;
}

/* The finaliser: close() a generator that has not finished, reporting
 * (not raising) any error.  The caller holds a reference. */
static void gen_finalize(Object *o) {
    GeneratorObject *g = GEN(o);
    if (!g->frame || g->running || g->frame->state == FRAME_DONE) return;
    Object *saved = err_fetch();
    Object *r = gen_close_impl(g);
    if (r) DECREF(r);
    else err_write_unraisable(o);
    if (saved) err_restore(saved);
}

static void gen_dealloc(Object *o) {
    GeneratorObject *g = GEN(o);
    gc_untrack(o);
    if (g->weaklist) weakref_clear_all(o);
    if (g->frame && g->frame->state != FRAME_DONE && !AS_GC(o)->finalized) {
        /* Run the finally blocks on a resurrected object. */
        AS_GC(o)->finalized = 1;
        o->refcnt = 1;
        gen_finalize(o);
        if (--o->refcnt != 0) { /* resurrected by the finally code */
            gc_track(o);
            return;
        }
    }
    gen_release_frame(g);
    CLEAR(g->exc_state);
    CLEAR(g->code);
    CLEAR(g->name);
    CLEAR(g->qualname);
    obj_free(o);
}

static Object *gen_repr(Object *o) {
    return str_from_format("<generator object %U at %p>", GEN(o)->qualname, (void *)o);
}

static Object *gen_get_running(Object *o, void *c) { return bool_from(GEN(o)->running); }
static Object *gen_get_suspended(Object *o, void *c) {
    Frame *f = GEN(o)->frame;
    return bool_from(f && f->state == FRAME_SUSPENDED && !GEN(o)->running);
}
static Object *gen_get_frame(Object *o, void *c) {
    Frame *f = GEN(o)->frame;
    if (!f || f->state == FRAME_DONE) return none_new();
    return NEWREF((Object *)f);
}
static Object *gen_get_code(Object *o, void *c) { return NEWREF(GEN(o)->code); }
static Object *gen_get_yieldfrom(Object *o, void *c) {
    Object *yf = gen_yieldfrom(GEN(o));
    return NEWREF(yf ? yf : None);
}
static Object *gen_get_name(Object *o, void *c) { return NEWREF(GEN(o)->name); }
static int gen_set_name(Object *o, Object *v, void *c) {
    if (!v || !str_check(v)) {
        err_format(&Exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    SETREF(GEN(o)->name, NEWREF(v));
    return 0;
}
static Object *gen_get_qualname(Object *o, void *c) { return NEWREF(GEN(o)->qualname); }
static int gen_set_qualname(Object *o, Object *v, void *c) {
    if (!v || !str_check(v)) {
        err_format(&Exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    SETREF(GEN(o)->qualname, NEWREF(v));
    return 0;
}

static GetSetDef gen_getset[] = {
    {"gi_running", gen_get_running, NULL, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"gi_frame", gen_get_frame, NULL, NULL, NULL},
    {"gi_code", gen_get_code, NULL, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {NULL},
};

static MethodDef gen_methods[] = {
    {"send", gen_send, 0, "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
    {"throw", gen_throw, 0, "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\nStopIteration."},
    {"close", gen_close, 0, "close() -> raise GeneratorExit inside generator."},
    {NULL},
};

TypeObject Generator_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "generator",
    .basicsize = sizeof(GeneratorObject),
    .flags = TPFLAG_GC,
    .dealloc = gen_dealloc,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .finalize = gen_finalize,
    .repr = gen_repr,
    .iter = gen_iter,
    .iternext = gen_iternext,
    .methods = gen_methods,
    .getset = gen_getset,
    .weaklistoffset = offsetof(GeneratorObject, weaklist),
};
