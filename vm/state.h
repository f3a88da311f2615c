/* vm/state.h — per-thread interpreter state and interpreter-wide globals.
 *
 * One ThreadState per OS thread that runs Python code.  `ts_current` is the
 * calling thread's own state (thread-local); it is valid whether or not the
 * thread holds the GIL, but its objects may be touched only with the GIL.
 */
#ifndef GILPY_STATE_H
#define GILPY_STATE_H

#include <pthread.h>
#include "vm/object.h"

struct Frame;            /* vm/frame.h (owned by eval) */
struct GilThreadStats;   /* gil/gil.h */

typedef struct ThreadState {
    struct ThreadState *prev, *next;   /* the interpreter's thread list (under the GIL) */
    Object *curexc;          /* exception being raised, owned; NULL if none */
    Object *handled_exc;     /* exception being handled (sys.exc_info()), owned, may be NULL */
    struct Frame *frame;     /* innermost running frame */
    int recursion_depth;     /* Python-level call depth */
    int c_recursion_depth;   /* C-level nesting (repr of nested lists, etc.) */
    unsigned long ident;     /* threading.get_ident() */
    long native_id;          /* gettid() */
    pthread_t thread;
    Object *local_dicts;     /* dict: threading.local id -> dict, or NULL */
    Object *async_exc;       /* exception to raise at the next check point */
    struct GilThreadStats *gil_stats;
    void *tracer;            /* reserved for the GIL lab's trace writer */
    int is_main;
} ThreadState;

extern __thread ThreadState *ts_current;

/* Interpreter-wide state (single interpreter). */
typedef struct Runtime {
    Object *builtins;        /* the builtins module's dict */
    Object *modules;         /* sys.modules */
    Object *sysdict;         /* the sys module's dict */
    ThreadState *threads;    /* list of live thread states */
    ThreadState *main_thread;
    int recursion_limit;
    int interactive;         /* running the REPL */
    int finalizing;
} Runtime;

extern Runtime runtime;

/* Thread state life cycle (vm/state.c). */
ThreadState *threadstate_new(void);        /* allocate and link; not yet current */
void threadstate_delete(ThreadState *ts);  /* unlink and free (GIL held) */
/* Unlink and drop its references, keeping the struct (a finishing thread
 * still needs it to release the GIL; it frees it afterwards). */
void threadstate_clear(ThreadState *ts);

/* Guard for C recursion: -1 + RecursionError past the limit. */
int enter_recursive_call(const char *where);
void leave_recursive_call(void);

#endif
