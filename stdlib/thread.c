/* stdlib/thread.c — the `_thread` module: OS threads and the basic lock.
 *
 * Everything threading.py offers is built in Python on these primitives:
 * start_new_thread, allocate_lock (LockType), RLock, get_ident ...
 *
 * A lock's `locked` flag is protected by the lock's own pthread mutex,
 * because a waiter sleeps with the GIL released.  The uncontended path
 * takes that mutex for a few instructions and never touches the GIL; a
 * contended acquire releases the GIL around its wait (GIL_BLOCKING_BEGIN),
 * waking every 20 ms in the main thread so Ctrl-C can interrupt it.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "gil/gil.h"
#include "stdlib/thread.h"
#include "vm/eval.h"
#include "vm/vm.h"

#define TIMEOUT_MAX_SECONDS 9223372036.0   /* what CPython reports on Linux */

/* ---- the lock primitive ------------------------------------------------ */

typedef struct Lock {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    int locked;
    unsigned long holder;       /* ident of the thread that last acquired it */
    unsigned long *rlock_owner; /* an RLock's owner/count fields, reset after fork */
    struct Lock *prev, *next;   /* every live lock, re-initialised after fork */
} Lock;

static Lock *all_locks;   /* under the GIL */

static void lock_init(Lock *l) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&l->mutex, NULL);
    pthread_cond_init(&l->cond, &attr);
    pthread_condattr_destroy(&attr);
    l->locked = 0;
    l->prev = NULL;
    l->next = all_locks;
    if (all_locks) all_locks->prev = l;
    all_locks = l;
}

static void lock_fini(Lock *l) {
    if (l->prev) l->prev->next = l->next;
    else all_locks = l->next;
    if (l->next) l->next->prev = l->prev;
    pthread_mutex_destroy(&l->mutex);
    pthread_cond_destroy(&l->cond);
}

static bool lock_try(Lock *l) {
    pthread_mutex_lock(&l->mutex);
    bool got = !l->locked;
    if (got) {
        l->locked = 1;
        l->holder = ts_current ? ts_current->ident : 0;
    }
    pthread_mutex_unlock(&l->mutex);
    return got;
}

static double now_monotonic(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait for the lock with the GIL released.  timeout < 0: forever.
 * Returns 1 acquired, 0 timed out, -1 interrupted (exception set). */
static int lock_wait(Lock *l, double timeout) {
    double deadline = timeout >= 0 ? now_monotonic() + timeout : 0;
    bool interruptible = ts_current && ts_current->is_main;
    for (;;) {
        int got = 0, interrupted = 0;
        GIL_BLOCKING_BEGIN("lock");
        pthread_mutex_lock(&l->mutex);
        for (;;) {
            if (!l->locked) {
                l->locked = 1;
                l->holder = ts_current ? ts_current->ident : 0;
                got = 1;
                break;
            }
            double slice_end = interruptible ? now_monotonic() + 0.02 : 0;
            if (timeout >= 0 && (!interruptible || deadline < slice_end)) slice_end = deadline;
            if (slice_end == 0) {
                pthread_cond_wait(&l->cond, &l->mutex);
                continue;
            }
            struct timespec ts;
            ts.tv_sec = (time_t)slice_end;
            ts.tv_nsec = (long)((slice_end - (double)ts.tv_sec) * 1e9);
            int r = pthread_cond_timedwait(&l->cond, &l->mutex, &ts);
            if (r == ETIMEDOUT) {
                if (!l->locked) continue;
                if (timeout >= 0 && now_monotonic() >= deadline) break;
                if (interruptible && signals_pending) { interrupted = 1; break; }
            }
        }
        pthread_mutex_unlock(&l->mutex);
        GIL_BLOCKING_END();
        if (got) return 1;
        if (!interrupted) return 0;
        if (signals_check() < 0) return -1;
    }
}

static void lock_release_raw(Lock *l) {
    pthread_mutex_lock(&l->mutex);
    l->locked = 0;
    pthread_mutex_unlock(&l->mutex);
    /* Signalled after unlocking: the waiter can take the mutex at once. */
    pthread_cond_signal(&l->cond);
}

void thread_after_fork_child(void) {
    /* The child has one thread.  A lock held by a thread that did not
     * survive the fork could never be released, so — unlike CPython, where
     * the child's acquire would hang forever (GIL.md, experiment 10) — it
     * starts over unlocked.  Locks the forking thread holds stay held. */
    unsigned long me = ts_current ? ts_current->ident : 0;
    for (Lock *l = all_locks; l; l = l->next) {
        int locked = l->locked && l->holder == me;
        if (!locked && l->rlock_owner) {
            l->rlock_owner[0] = 0;   /* owner */
            l->rlock_owner[1] = 0;   /* count */
        }
        pthread_mutex_init(&l->mutex, NULL);
        pthread_condattr_t attr;
        pthread_condattr_init(&attr);
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
        pthread_cond_init(&l->cond, &attr);
        pthread_condattr_destroy(&attr);
        l->locked = locked;
    }
}

/* Parse (blocking=True, timeout=-1) as CPython's lock.acquire does.
 * Returns 0 and sets *timeout (-1 forever, 0 non-blocking), or -1. */
static int parse_acquire_args(Object *const *args, size_t nargs, Object *kwnames,
                              double *timeout) {
    static const char *kwlist[] = {"blocking", "timeout", NULL};
    int blocking = 1;
    double t = -1;
    if (args_parse(args, nargs, kwnames, "|pd:acquire", kwlist, &blocking, &t) < 0) return -1;
    if (!blocking && t != -1) {
        err_format(&Exc_ValueError, "can't specify a timeout for a non-blocking call");
        return -1;
    }
    if (t < 0 && t != -1) {
        err_format(&Exc_ValueError, "timeout value must be a non-negative number");
        return -1;
    }
    if (t > TIMEOUT_MAX_SECONDS) {
        err_format(&Exc_OverflowError, "timeout value is too large");
        return -1;
    }
    *timeout = blocking ? t : 0;
    return 0;
}

/* Returns 1/0 acquired, -1 error. */
static int lock_acquire(Lock *l, double timeout) {
    if (lock_try(l)) return 1;
    if (timeout == 0) return 0;
    return lock_wait(l, timeout);
}

/* ---- LockType ----------------------------------------------------------- */

typedef struct LockObject {
    Object ob_base;
    Lock lock;
} LockObject;

TypeObject Lock_Type;

static Object *lockobj_new_raw(void) {
    LockObject *self = (LockObject *)obj_alloc(&Lock_Type);
    if (!self) return NULL;
    lock_init(&self->lock);
    return (Object *)self;
}

static Object *lock_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames) {
    if (nargs || args_nkw(kwnames))
        return err_format(&Exc_TypeError, "lock() takes no arguments");
    return lockobj_new_raw();
}

static void lockobj_dealloc(Object *o) {
    LockObject *self = (LockObject *)o;
    lock_fini(&self->lock);
    obj_free(o);
}

static Object *lockobj_acquire(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    double timeout;
    if (parse_acquire_args(args, nargs, kwnames, &timeout) < 0) return NULL;
    int r = lock_acquire(&((LockObject *)self)->lock, timeout);
    if (r < 0) return NULL;
    return bool_from(r);
}

static Object *lockobj_release(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    Lock *l = &((LockObject *)self)->lock;
    pthread_mutex_lock(&l->mutex);
    int was = l->locked;
    pthread_mutex_unlock(&l->mutex);
    if (!was) return err_format(&Exc_RuntimeError, "release unlocked lock");
    lock_release_raw(l);
    return none_new();
}

static Object *lockobj_exit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return lockobj_release(self, NULL, 0, NULL);
}

static Object *lockobj_locked(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    Lock *l = &((LockObject *)self)->lock;
    pthread_mutex_lock(&l->mutex);
    int v = l->locked;
    pthread_mutex_unlock(&l->mutex);
    return bool_from(v);
}

static Object *lockobj_at_fork_reinit(Object *self, Object *const *args, size_t nargs,
                                      Object *kwnames) {
    Lock *l = &((LockObject *)self)->lock;
    l->locked = 0;
    return none_new();
}

static Object *lockobj_repr(Object *self) {
    Lock *l = &((LockObject *)self)->lock;
    return str_from_format("<%s _thread.lock object at %p>", l->locked ? "locked" : "unlocked",
                           (void *)self);
}

static MethodDef lock_methods[] = {
    {"acquire", lockobj_acquire, METH_KW, "acquire(blocking=True, timeout=-1) -> bool"},
    {"acquire_lock", lockobj_acquire, METH_KW, NULL},
    {"release", lockobj_release, 0, "Release the lock."},
    {"release_lock", lockobj_release, 0, NULL},
    {"locked", lockobj_locked, 0, "Is the lock held?"},
    {"locked_lock", lockobj_locked, 0, NULL},
    {"__enter__", lockobj_acquire, METH_KW, NULL},
    {"__exit__", lockobj_exit, 0, NULL},
    {"_at_fork_reinit", lockobj_at_fork_reinit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject Lock_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_thread.lock",
    .basicsize = sizeof(LockObject),
    .doc = "A lock: acquire() blocks until it is free; release() frees it.",
    .dealloc = lockobj_dealloc,
    .repr = lockobj_repr,
    .tp_new = lock_tp_new,
    .methods = lock_methods,
};

/* ---- RLock -------------------------------------------------------------- */

typedef struct RLockObject {
    Object ob_base;
    Lock lock;
    unsigned long owner;
    unsigned long count;
} RLockObject;

TypeObject RLock_Type;

static Object *rlock_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                            Object *kwnames) {
    RLockObject *self = (RLockObject *)obj_alloc(type);
    if (!self) return NULL;
    lock_init(&self->lock);
    self->lock.rlock_owner = &self->owner;   /* owner, then count */
    return (Object *)self;
}

static void rlock_dealloc(Object *o) {
    lock_fini(&((RLockObject *)o)->lock);
    obj_free(o);
}

static Object *rlock_acquire(Object *o, Object *const *args, size_t nargs, Object *kwnames) {
    RLockObject *self = (RLockObject *)o;
    double timeout;
    if (parse_acquire_args(args, nargs, kwnames, &timeout) < 0) return NULL;
    unsigned long me = ts_current->ident;
    if (self->count > 0 && self->owner == me) {
        self->count++;
        return bool_from(1);
    }
    int r = lock_acquire(&self->lock, timeout);
    if (r < 0) return NULL;
    if (r) {
        self->owner = me;
        self->count = 1;
    }
    return bool_from(r);
}

static Object *rlock_release(Object *o, Object *const *args, size_t nargs, Object *kwnames) {
    RLockObject *self = (RLockObject *)o;
    if (self->count == 0 || self->owner != ts_current->ident)
        return err_format(&Exc_RuntimeError, "cannot release un-acquired lock");
    if (--self->count == 0) {
        self->owner = 0;
        lock_release_raw(&self->lock);
    }
    return none_new();
}

static Object *rlock_exit(Object *o, Object *const *args, size_t nargs, Object *kwnames) {
    return rlock_release(o, NULL, 0, NULL);
}

/* Condition support: drop all levels, and restore them afterwards. */
static Object *rlock_release_save(Object *o, Object *const *args, size_t nargs,
                                  Object *kwnames) {
    RLockObject *self = (RLockObject *)o;
    if (self->count == 0) return err_format(&Exc_RuntimeError, "cannot release un-acquired lock");
    Object *state = tuple_new(2);
    if (!state) return NULL;
    TUPLE_ITEMS(state)[0] = int_from_ulong(self->count);
    TUPLE_ITEMS(state)[1] = int_from_ulong(self->owner);
    self->count = 0;
    self->owner = 0;
    lock_release_raw(&self->lock);
    return state;
}

static Object *rlock_acquire_restore(Object *o, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    RLockObject *self = (RLockObject *)o;
    if (nargs != 1 || !tuple_check(args[0]) || TUPLE_SIZE(args[0]) != 2)
        return err_format(&Exc_TypeError, "_acquire_restore() expects a (count, owner) tuple");
    if (lock_acquire(&self->lock, -1) < 0) return NULL;
    self->count = (unsigned long)int_as_long(TUPLE_GET(args[0], 0));
    self->owner = (unsigned long)int_as_long(TUPLE_GET(args[0], 1));
    return none_new();
}

static Object *rlock_is_owned(Object *o, Object *const *args, size_t nargs, Object *kwnames) {
    RLockObject *self = (RLockObject *)o;
    return bool_from(self->count > 0 && self->owner == ts_current->ident);
}

static Object *rlock_repr(Object *o) {
    RLockObject *self = (RLockObject *)o;
    return str_from_format("<%s %s object owner=%lu count=%lu at %p>",
                           self->count ? "locked" : "unlocked", OBJ_TYPE(o)->name, self->owner,
                           self->count, (void *)o);
}

static MethodDef rlock_methods[] = {
    {"acquire", rlock_acquire, METH_KW, "acquire(blocking=True, timeout=-1) -> bool"},
    {"release", rlock_release, 0, "Release one level of the lock."},
    {"__enter__", rlock_acquire, METH_KW, NULL},
    {"__exit__", rlock_exit, 0, NULL},
    {"_release_save", rlock_release_save, 0, NULL},
    {"_acquire_restore", rlock_acquire_restore, 0, NULL},
    {"_is_owned", rlock_is_owned, 0, NULL},
    {NULL, NULL, 0, NULL},
};

TypeObject RLock_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_thread.RLock",
    .basicsize = sizeof(RLockObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "A re-entrant lock: its owner may acquire it again.",
    .dealloc = rlock_dealloc,
    .repr = rlock_repr,
    .tp_new = rlock_tp_new,
    .methods = rlock_methods,
};

/* ---- threads ------------------------------------------------------------ */

typedef struct Boot {
    ThreadState *ts;
    Object *func, *args, *kwargs;
} Boot;

static size_t thread_stack_size;   /* 0: the system default */
static int thread_count;           /* threads started by _thread, still running */

static void *thread_main(void *arg) {
    Boot *boot = arg;
    ThreadState *ts = boot->ts;
    ts->thread = pthread_self();
    ts->ident = (unsigned long)ts->thread;   /* here, before the GIL records it */
    gil_acquire(ts);
    Object *r = obj_call_tuple_dict(boot->func, boot->args, boot->kwargs);
    if (r) {
        DECREF(r);
    } else if (err_matches(&Exc_SystemExit)) {
        err_clear();
    } else {
        Object *exc = err_fetch();
        fflush(stdout);
        Object *fr = obj_repr(boot->func);
        if (fr) {
            fprintf(stderr, "Exception ignored in thread started by: %s\n", str_utf8(fr));
            DECREF(fr);
        } else {
            err_clear();
        }
        err_display(exc);
        DECREF(exc);
    }
    DECREF(boot->func);
    DECREF(boot->args);
    XDECREF(boot->kwargs);
    free(boot);
    thread_count--;
    threadstate_clear(ts);
    gil_thread_exit(ts);
    ts_current = NULL;
    free(ts);
    return NULL;
}

static Object *thread_start_new(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    Object *func, *fargs, *fkwargs = NULL;
    if (args_parse(args, nargs, kwnames, "OO|O:start_new_thread", NULL, &func, &fargs,
                   &fkwargs) < 0)
        return NULL;
    if (!obj_callable(func)) return err_format(&Exc_TypeError, "first arg must be callable");
    if (!tuple_check(fargs)) return err_format(&Exc_TypeError, "2nd arg must be a tuple");
    if (fkwargs == None) fkwargs = NULL;
    if (fkwargs && !dict_check(fkwargs))
        return err_format(&Exc_TypeError, "optional 3rd arg must be a dictionary");
    Boot *boot = malloc(sizeof *boot);
    if (!boot) return err_no_memory();
    boot->ts = threadstate_new();
    if (!boot->ts) {
        free(boot);
        return err_no_memory();
    }
    boot->func = NEWREF(func);
    boot->args = NEWREF(fargs);
    boot->kwargs = XNEWREF(fkwargs);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (thread_stack_size) pthread_attr_setstacksize(&attr, thread_stack_size);
    /* Only the main thread handles SIGINT: new threads start with it blocked. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    pthread_t tid;
    int rc = pthread_create(&tid, &attr, thread_main, boot);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        threadstate_delete(boot->ts);
        DECREF(boot->func);
        DECREF(boot->args);
        XDECREF(boot->kwargs);
        free(boot);
        return err_format(&Exc_RuntimeError, "can't start new thread");
    }
    /* The identifier is the pthread_t (the new thread stores it in its own
     * state: writing it from here would race with its first GIL request). */
    thread_count++;
    return int_from_ulong((unsigned long)tid);
}

static Object *thread_allocate_lock(Object *self, Object *const *args, size_t nargs,
                                    Object *kwnames) {
    return lockobj_new_raw();
}

static Object *thread_get_ident(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    return int_from_ulong(ts_current->ident);
}

static Object *thread_get_native_id(Object *self, Object *const *args, size_t nargs,
                                    Object *kwnames) {
    return int_from_long(ts_current->native_id);
}

static Object *thread_exit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    err_set_none(&Exc_SystemExit);
    return NULL;
}

static Object *thread_count_fn(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    return int_from_long(thread_count);
}

static Object *thread_stack_size_fn(Object *self, Object *const *args, size_t nargs,
                                    Object *kwnames) {
    intptr_t size = -1;
    if (args_parse(args, nargs, kwnames, "|n:stack_size", NULL, &size) < 0) return NULL;
    Object *old = int_from_ulong(thread_stack_size);
    if (size == -1) return old;
    if (size != 0 && size < 32768) {
        DECREF(old);
        return err_format(&Exc_ValueError, "size not valid: %zd bytes", size);
    }
    thread_stack_size = (size_t)size;
    return old;
}

static Object *thread_interrupt_main(Object *self, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    kill(getpid(), SIGINT);
    return none_new();
}

/* threading tells the GIL statistics each thread's name. */
static Object *thread_set_name(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    const char *name;
    if (args_parse(args, nargs, kwnames, "s:_set_name", NULL, &name) < 0) return NULL;
    gil_set_thread_name(ts_current, name);
    return none_new();
}

/* threading.excepthook's printer: the traceback of `exc` to sys.stderr. */
static Object *thread_print_exception(Object *self, Object *const *args, size_t nargs,
                                      Object *kwnames) {
    if (args_count("_print_exception", nargs, 1, 1) < 0) return NULL;
    err_display(args[0]);
    return none_new();
}

static MethodDef thread_functions[] = {
    {"_print_exception", thread_print_exception, 0, NULL},
    {"_set_name", thread_set_name, 0, NULL},
    {"start_new_thread", thread_start_new, 0, "start_new_thread(function, args[, kwargs])"},
    {"start_new", thread_start_new, 0, NULL},
    {"allocate_lock", thread_allocate_lock, 0, "allocate_lock() -> lock"},
    {"allocate", thread_allocate_lock, 0, NULL},
    {"get_ident", thread_get_ident, 0, "get_ident() -> int"},
    {"get_native_id", thread_get_native_id, 0, "get_native_id() -> int"},
    {"exit", thread_exit, 0, "exit(): raise SystemExit in this thread"},
    {"exit_thread", thread_exit, 0, NULL},
    {"_count", thread_count_fn, 0, NULL},
    {"stack_size", thread_stack_size_fn, 0, "stack_size([size]) -> previous size"},
    {"interrupt_main", thread_interrupt_main, 0, NULL},
    {NULL, NULL, 0, NULL},
};

Object *mod_thread_init(void) {
    if (type_ready(&Lock_Type) < 0 || type_ready(&RLock_Type) < 0) return NULL;
    Object *m = module_new("_thread");
    if (!m) return NULL;
    if (module_add_functions(m, thread_functions) < 0 ||
        module_add(m, "LockType", (Object *)&Lock_Type) < 0 ||
        module_add(m, "lock", (Object *)&Lock_Type) < 0 ||
        module_add(m, "RLock", (Object *)&RLock_Type) < 0 ||
        module_add(m, "error", (Object *)&Exc_RuntimeError) < 0) {
        DECREF(m);
        return NULL;
    }
    Object *tmax = float_from_double(TIMEOUT_MAX_SECONDS);
    if (!tmax || module_add(m, "TIMEOUT_MAX", tmax) < 0) {
        XDECREF(tmax);
        DECREF(m);
        return NULL;
    }
    DECREF(tmax);
    return m;
}
