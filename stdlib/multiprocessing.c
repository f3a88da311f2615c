/* stdlib/multiprocessing.c — the `_multiprocessing` module: what
 * multiprocessing (stdlib/lib/multiprocessing/) cannot write in Python.
 *
 *   SemLock      a POSIX semaphore in an anonymous MAP_SHARED page, created
 *                before fork() so parent and children share it.  Lock, RLock,
 *                Semaphore, Condition, Event and Barrier are built on it.
 *                A blocking acquire releases the GIL; in the main thread it
 *                wakes every 20 ms so Ctrl-C raises KeyboardInterrupt.
 *   SharedArray  typed items ('i', 'd', 'c' ...) in shared memory, the
 *                storage of Value and Array.
 *   send_msg / recv_msg / try_send_msg
 *                length-prefixed messages on a pipe or socket: a 4-byte
 *                big-endian length, then the bytes.  try_send_msg is the
 *                queue's fast path: one non-blocking write of a message
 *                small enough (<= PIPE_BUF) to be atomic on a pipe.
 *   wait_readable, socket_listen/accept/connect, socketpair, set_blocking
 *                what Connection.poll and the Manager's server need.
 *
 * Ownership: a SemLock records how many times the current process's
 * current thread holds it (`count`, `last_tid`, `owner_pid`); the pid
 * check makes a forked child never believe it owns its parent's lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "gil/gil.h"
#include "stdlib/processes.h"
#include "vm/vm.h"

enum { RECURSIVE_MUTEX = 0, SEMAPHORE = 1 };

static double monotonic_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool in_main_thread(void) { return ts_current && ts_current->is_main; }

/* ---- SemLock ---------------------------------------------------------- */

typedef struct {
    Object ob_base;
    sem_t *sem;            /* in a shared page; NULL after a failed init */
    int kind;
    int maxvalue;
    int count;             /* acquisitions by last_tid in owner_pid */
    unsigned long last_tid;
    pid_t owner_pid;
    Object *name;
} SemLockObject;

extern TypeObject SemLock_Type;

static bool semlock_is_mine(SemLockObject *s) {
    return s->count > 0 && s->last_tid == ts_current->ident && s->owner_pid == getpid();
}

static Object *semlock_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"kind", "value", "maxvalue", "name", "unlink", NULL};
    int kind, value, maxvalue, unlink_ = 1;
    Object *name = None;
    if (args_parse(args, nargs, kwnames, "iii|Op:SemLock", kwlist, &kind, &value, &maxvalue, &name,
                   &unlink_) < 0)
        return NULL;
    if (kind != RECURSIVE_MUTEX && kind != SEMAPHORE)
        return err_format(&Exc_ValueError, "unrecognized kind");
    if (value < 0 || value > SEM_VALUE_MAX) return err_format(&Exc_ValueError, "invalid value");
    void *page = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) return err_from_errno(&Exc_OSError);
    if (sem_init((sem_t *)page, 1, (unsigned)value) < 0) {
        munmap(page, sizeof(sem_t));
        return err_from_errno(&Exc_OSError);
    }
    SemLockObject *s = (SemLockObject *)obj_alloc(type);
    if (!s) {
        munmap(page, sizeof(sem_t));
        return NULL;
    }
    s->sem = page;
    s->kind = kind;
    s->maxvalue = maxvalue;
    s->name = NEWREF(name);
    return (Object *)s;
}

static void semlock_dealloc(Object *o) {
    SemLockObject *s = (SemLockObject *)o;
    /* The page is only unmapped here: other processes keep their mapping. */
    if (s->sem) munmap(s->sem, sizeof(sem_t));
    XDECREF(s->name);
    obj_free(o);
}

/* Wait for the semaphore with the GIL released; timeout < 0: forever.
 * 1 acquired, 0 timed out, -1 exception (KeyboardInterrupt). */
static int sem_wait_released(sem_t *sem, double timeout) {
    double deadline = timeout >= 0 ? monotonic_now() + timeout : INFINITY;
    bool interruptible = in_main_thread();
    for (;;) {
        double now = monotonic_now();
        double until = deadline;
        if (interruptible && now + 0.02 < until) until = now + 0.02;
        int r, err = 0;
        GIL_BLOCKING_BEGIN("semaphore");
        if (isinf(until)) {
            r = sem_wait(sem);
        } else {
            struct timespec ts;
            ts.tv_sec = (time_t)until;
            ts.tv_nsec = (long)((until - (double)ts.tv_sec) * 1e9);
            r = sem_clockwait(sem, CLOCK_MONOTONIC, &ts);
        }
        if (r < 0) err = errno;
        GIL_BLOCKING_END();
        if (r == 0) return 1;
        if (err != EINTR && err != ETIMEDOUT) {
            errno = err;
            err_from_errno(&Exc_OSError);
            return -1;
        }
        if (signals_pending && interruptible && signals_check() < 0) return -1;
        if (err == ETIMEDOUT && monotonic_now() >= deadline) return 0;
    }
}

/* Parse (block=True, timeout=None) into a timeout: -1 forever, 0 polling. */
static int parse_block_timeout(const char *fname, Object *const *args, size_t nargs, Object *kwnames,
                               double *timeout) {
    static const char *kwlist[] = {"block", "timeout", NULL};
    int block = 1;
    Object *t = None;
    char fmt[64];
    snprintf(fmt, sizeof fmt, "|pO:%s", fname);
    if (args_parse(args, nargs, kwnames, fmt, kwlist, &block, &t) < 0) return -1;
    if (!block) {
        *timeout = 0;
        return 0;
    }
    if (t == None) {
        *timeout = -1;
        return 0;
    }
    double d = float_check(t) ? float_as_double(t) : int_check(t) ? int_as_double(t) : NAN;
    if (isnan(d)) {
        if (!err_occurred()) err_format(&Exc_TypeError, "timeout must be a number, not %T", t);
        return -1;
    }
    *timeout = d < 0 ? 0 : d;
    return 0;
}

static Object *semlock_acquire(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    SemLockObject *s = (SemLockObject *)self;
    double timeout;
    if (parse_block_timeout("acquire", args, nargs, kwnames, &timeout) < 0) return NULL;
    if (s->kind == RECURSIVE_MUTEX && semlock_is_mine(s)) {
        s->count++;
        return NEWREF(True);
    }
    int got;
    if (sem_trywait(s->sem) == 0) {
        got = 1;
    } else if (errno != EAGAIN && errno != EINTR) {
        return err_from_errno(&Exc_OSError);
    } else if (timeout == 0) {
        got = 0;
    } else {
        got = sem_wait_released(s->sem, timeout);
        if (got < 0) return NULL;
    }
    if (!got) return NEWREF(False);
    if (s->owner_pid != getpid() || s->last_tid != ts_current->ident) s->count = 0;
    s->count++;
    s->last_tid = ts_current->ident;
    s->owner_pid = getpid();
    return NEWREF(True);
}

static Object *semlock_release(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    SemLockObject *s = (SemLockObject *)self;
    if (args_count("release", nargs, 0, 0) < 0) return NULL;
    if (s->kind == RECURSIVE_MUTEX) {
        if (!semlock_is_mine(s))
            return err_format(&Exc_AssertionError,
                              "attempt to release recursive lock not owned by thread");
        if (s->count > 1) {
            s->count--;
            return none_new();
        }
    } else {
        int value;
        if (sem_getvalue(s->sem, &value) < 0) return err_from_errno(&Exc_OSError);
        if (value >= s->maxvalue)
            return err_format(&Exc_ValueError, "semaphore or lock released too many times");
    }
    if (sem_post(s->sem) < 0) return err_from_errno(&Exc_OSError);
    if (s->count > 0 && s->owner_pid == getpid()) s->count--;
    return none_new();
}

static Object *semlock_exit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return semlock_release(self, NULL, 0, NULL);
}

static Object *semlock_count(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    SemLockObject *s = (SemLockObject *)self;
    return int_from_long(s->owner_pid == getpid() ? s->count : 0);
}

static Object *semlock_is_mine_m(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return bool_from(semlock_is_mine((SemLockObject *)self));
}

static Object *semlock_get_value(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    int value;
    if (sem_getvalue(((SemLockObject *)self)->sem, &value) < 0) return err_from_errno(&Exc_OSError);
    return int_from_long(value < 0 ? 0 : value);
}

static Object *semlock_is_zero(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    int value;
    if (sem_getvalue(((SemLockObject *)self)->sem, &value) < 0) return err_from_errno(&Exc_OSError);
    return bool_from(value <= 0);
}

static Object *semlock_after_fork(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    ((SemLockObject *)self)->count = 0;
    return none_new();
}

static Object *semlock_get_kind(Object *self, void *c) { return int_from_long(((SemLockObject *)self)->kind); }
static Object *semlock_get_maxvalue(Object *self, void *c) {
    return int_from_long(((SemLockObject *)self)->maxvalue);
}
static Object *semlock_get_handle(Object *self, void *c) {
    return int_from_ulong((uintptr_t)((SemLockObject *)self)->sem);
}
static Object *semlock_get_name(Object *self, void *c) { return NEWREF(((SemLockObject *)self)->name); }

static MethodDef semlock_methods[] = {
    {"acquire", semlock_acquire, METH_KW, "acquire(block=True, timeout=None) -> bool"},
    {"release", semlock_release, 0, "Release the semaphore or lock."},
    {"__enter__", semlock_acquire, METH_KW, NULL},
    {"__exit__", semlock_exit, 0, NULL},
    {"_count", semlock_count, 0, "Times the current thread holds it."},
    {"_is_mine", semlock_is_mine_m, 0, "Does the current thread hold it?"},
    {"_get_value", semlock_get_value, 0, NULL},
    {"_is_zero", semlock_is_zero, 0, NULL},
    {"_after_fork", semlock_after_fork, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static GetSetDef semlock_getset[] = {
    {"kind", semlock_get_kind, NULL, NULL, NULL},
    {"maxvalue", semlock_get_maxvalue, NULL, NULL, NULL},
    {"handle", semlock_get_handle, NULL, NULL, NULL},
    {"name", semlock_get_name, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

TypeObject SemLock_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_multiprocessing.SemLock",
    .basicsize = sizeof(SemLockObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "A semaphore shared by the processes forked after its creation.",
    .dealloc = semlock_dealloc,
    .tp_new = semlock_new,
    .methods = semlock_methods,
    .getset = semlock_getset,
};

/* ---- SharedArray ------------------------------------------------------- */

typedef struct {
    Object ob_base;
    char *mem;
    intptr_t length;
    size_t itemsize, mapsize;
    char typecode;
} SharedArrayObject;

extern TypeObject SharedArray_Type;

static size_t typecode_size(char c) {
    switch (c) {
    case 'c': case 'b': case 'B': return 1;
    case 'h': case 'H': return sizeof(short);
    case 'i': case 'I': return sizeof(int);
    case 'l': case 'L': return sizeof(long);
    case 'q': case 'Q': return sizeof(long long);
    case 'f': return sizeof(float);
    case 'd': return sizeof(double);
    default: return 0;
    }
}

static Object *item_get(SharedArrayObject *a, intptr_t i) {
    char *p = a->mem + (size_t)i * a->itemsize;
    switch (a->typecode) {
    case 'c': return bytes_from_buf(p, 1);
    case 'b': return int_from_long(*(signed char *)p);
    case 'B': return int_from_long(*(unsigned char *)p);
    case 'h': return int_from_long(*(short *)p);
    case 'H': return int_from_long(*(unsigned short *)p);
    case 'i': return int_from_long(*(int *)p);
    case 'I': return int_from_ulong(*(unsigned int *)p);
    case 'l': return int_from_long(*(long *)p);
    case 'L': return int_from_ulong(*(unsigned long *)p);
    case 'q': return int_from_long(*(long long *)p);
    case 'Q': return int_from_ulong(*(unsigned long long *)p);
    case 'f': return float_from_double(*(float *)p);
    default: return float_from_double(*(double *)p);
    }
}

/* Store v in item i; ctypes semantics: integers wrap silently. */
static int item_set(SharedArrayObject *a, intptr_t i, Object *v) {
    char *p = a->mem + (size_t)i * a->itemsize;
    char c = a->typecode;
    if (c == 'c') {
        if (!bytes_check(v) || BYTES_SIZE(v) != 1) {
            err_format(&Exc_TypeError, "one character bytes, bytearray or integer expected");
            return -1;
        }
        *p = BYTES_DATA(v)[0];
        return 0;
    }
    if (c == 'f' || c == 'd') {
        double d;
        if (float_check(v)) d = float_as_double(v);
        else if (int_check(v)) {
            d = int_as_double(v);
            if (d == -1 && err_occurred()) return -1;
        } else {
            err_format(&Exc_TypeError, "must be real number, not %T", v);
            return -1;
        }
        if (c == 'f') *(float *)p = (float)d;
        else *(double *)p = d;
        return 0;
    }
    if (!int_check(v)) {
        err_format(&Exc_TypeError, "int expected instead of %T", v);
        return -1;
    }
    unsigned long long u;
    if (IS_SMALLINT(v)) {
        u = (unsigned long long)SMALLINT_VALUE(v);
    } else {
        mpz_t z, m;
        mpz_init(z);
        mpz_init_set_ui(m, 1);
        int_to_mpz(v, z);
        mpz_mul_2exp(m, m, 64);
        mpz_fdiv_r(z, z, m);
        u = 0;
        mpz_export(&u, NULL, -1, sizeof u, 0, 0, z);
        mpz_clear(z);
        mpz_clear(m);
    }
    switch (a->itemsize) {
    case 1: *(uint8_t *)p = (uint8_t)u; break;
    case 2: *(uint16_t *)p = (uint16_t)u; break;
    case 4: *(uint32_t *)p = (uint32_t)u; break;
    default: *(uint64_t *)p = (uint64_t)u; break;
    }
    return 0;
}

static Object *sharedarray_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    const char *tc;
    intptr_t length;
    if (args_parse(args, nargs, kwnames, "sn:SharedArray", NULL, &tc, &length) < 0) return NULL;
    size_t isz = strlen(tc) == 1 ? typecode_size(tc[0]) : 0;
    if (!isz)
        return err_format(&Exc_TypeError, "bad typecode (must be one of 'bBhHiIlLqQfdc'), not %s", tc);
    if (length < 0) return err_format(&Exc_ValueError, "array length must be >= 0");
    size_t mapsize = (size_t)length * isz;
    if (mapsize == 0) mapsize = 1;
    void *mem = mmap(NULL, mapsize, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return err_from_errno(&Exc_OSError);
    SharedArrayObject *a = (SharedArrayObject *)obj_alloc(type);
    if (!a) {
        munmap(mem, mapsize);
        return NULL;
    }
    a->mem = mem;
    a->length = length;
    a->itemsize = isz;
    a->mapsize = mapsize;
    a->typecode = tc[0];
    return (Object *)a;
}

static void sharedarray_dealloc(Object *o) {
    SharedArrayObject *a = (SharedArrayObject *)o;
    if (a->mem) munmap(a->mem, a->mapsize);
    obj_free(o);
}

static intptr_t sharedarray_len(Object *o) { return ((SharedArrayObject *)o)->length; }

static Object *sharedarray_getitem(Object *o, Object *key) {
    SharedArrayObject *a = (SharedArrayObject *)o;
    if (slice_check(key)) {
        intptr_t start, stop, step, n;
        if (slice_indices(key, a->length, &start, &stop, &step, &n) < 0) return NULL;
        if (a->typecode == 'c') {
            char *buf = malloc((size_t)n + 1);
            if (!buf) return err_no_memory();
            for (intptr_t i = 0; i < n; i++) buf[i] = a->mem[start + i * step];
            Object *b = bytes_from_buf(buf, (size_t)n);
            free(buf);
            return b;
        }
        Object *l = list_new(0);
        for (intptr_t i = 0; l && i < n; i++) {
            Object *x = item_get(a, start + i * step);
            if (!x || list_append(l, x) < 0) CLEAR(l);
            XDECREF(x);
        }
        return l;
    }
    intptr_t i = obj_as_ssize(key, &Exc_IndexError);
    if (i == -1 && err_occurred()) return NULL;
    if (i < 0) i += a->length;
    if (i < 0 || i >= a->length) return err_format(&Exc_IndexError, "invalid index");
    return item_get(a, i);
}

static int sharedarray_setitem(Object *o, Object *key, Object *v) {
    SharedArrayObject *a = (SharedArrayObject *)o;
    if (!v) {
        err_format(&Exc_TypeError, "Array does not support item deletion");
        return -1;
    }
    if (slice_check(key)) {
        intptr_t start, stop, step, n;
        if (slice_indices(key, a->length, &start, &stop, &step, &n) < 0) return -1;
        Object *seq = list_from_iterable(v);
        if (!seq) return -1;
        int rc = 0;
        if (LIST_SIZE(seq) != n) {
            err_format(&Exc_ValueError, "Can only assign sequence of same size");
            rc = -1;
        }
        for (intptr_t i = 0; rc == 0 && i < n; i++) {
            Object *x = LIST_GET(seq, i);
            if (a->typecode == 'c' && int_check(x)) {
                a->mem[start + i * step] = (char)int_as_long(x);
                continue;
            }
            rc = item_set(a, start + i * step, x);
        }
        DECREF(seq);
        return rc;
    }
    intptr_t i = obj_as_ssize(key, &Exc_IndexError);
    if (i == -1 && err_occurred()) return -1;
    if (i < 0) i += a->length;
    if (i < 0 || i >= a->length) {
        err_format(&Exc_IndexError, "invalid index");
        return -1;
    }
    return item_set(a, i, v);
}

/* Fast paths for Value.value: item 0 without the subscript machinery. */
static Object *sharedarray_get0(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    SharedArrayObject *a = (SharedArrayObject *)self;
    if (a->length < 1) return err_format(&Exc_IndexError, "invalid index");
    return item_get(a, 0);
}

static Object *sharedarray_set0(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    SharedArrayObject *a = (SharedArrayObject *)self;
    if (args_count("set0", nargs, 1, 1) < 0) return NULL;
    if (a->length < 1) return err_format(&Exc_IndexError, "invalid index");
    if (item_set(a, 0, args[0]) < 0) return NULL;
    return none_new();
}

/* The bytes of the array (Array('c').raw). */
static Object *sharedarray_tobytes(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    SharedArrayObject *a = (SharedArrayObject *)self;
    return bytes_from_buf(a->mem, (size_t)a->length * a->itemsize);
}

static Object *sharedarray_typecode(Object *self, void *c) {
    return str_from_utf8(&((SharedArrayObject *)self)->typecode, 1);
}

static MethodDef sharedarray_methods[] = {
    {"get0", sharedarray_get0, 0, NULL},
    {"set0", sharedarray_set0, 0, NULL},
    {"tobytes", sharedarray_tobytes, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static GetSetDef sharedarray_getset[] = {
    {"typecode", sharedarray_typecode, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

TypeObject SharedArray_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_multiprocessing.SharedArray",
    .basicsize = sizeof(SharedArrayObject),
    .doc = "SharedArray(typecode, length): typed items in memory shared with forked children.",
    .dealloc = sharedarray_dealloc,
    .len = sharedarray_len,
    .getitem = sharedarray_getitem,
    .setitem = sharedarray_setitem,
    .tp_new = sharedarray_new,
    .methods = sharedarray_methods,
    .getset = sharedarray_getset,
};

/* ---- messages over file descriptors ------------------------------------ */

static int fd_arg(Object *o, int *fd) {
    intptr_t v = obj_as_ssize(o, &Exc_OverflowError);
    if (v == -1 && err_occurred()) return -1;
    *fd = (int)v;
    return 0;
}

/* Wait until fd is ready for `events`, GIL released.  timeout < 0: forever.
 * 1 ready, 0 timed out, -1 exception. */
static int wait_fd(int fd, short events, double timeout) {
    double deadline = timeout >= 0 ? monotonic_now() + timeout : INFINITY;
    bool interruptible = in_main_thread();
    for (;;) {
        double left = deadline - monotonic_now();
        int ms = isinf(left) ? -1 : left <= 0 ? 0 : (int)ceil(left * 1000);
        if (interruptible && (ms < 0 || ms > 20)) ms = 20;
        struct pollfd p = {.fd = fd, .events = events};
        int r, err = 0;
        GIL_BLOCKING_BEGIN("poll");
        r = poll(&p, 1, ms);
        if (r < 0) err = errno;
        GIL_BLOCKING_END();
        if (r > 0) return 1;
        if (r < 0 && err != EINTR) {
            errno = err;
            err_from_errno(&Exc_OSError);
            return -1;
        }
        if (signals_pending && interruptible && signals_check() < 0) return -1;
        if (monotonic_now() >= deadline) return 0;
    }
}

/* Write all of buf (GIL released); waits on a non-blocking fd. */
static int write_all(int fd, const char *buf, size_t n) {
    while (n) {
        ssize_t w;
        int err = 0;
        GIL_BLOCKING_BEGIN("write");
        w = write(fd, buf, n);
        if (w < 0) err = errno;
        GIL_BLOCKING_END();
        if (w >= 0) {
            buf += w;
            n -= (size_t)w;
            continue;
        }
        if (err == EINTR) {
            if (signals_check() < 0) return -1;
        } else if (err == EAGAIN) {
            if (wait_fd(fd, POLLOUT, -1) < 0) return -1;
        } else {
            errno = err;
            err_from_errno(&Exc_OSError);
            return -1;
        }
    }
    return 0;
}

/* Read exactly n bytes.  0 ok; 1 EOF before the first byte; -1 error. */
static int read_exact(int fd, char *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r;
        int err = 0;
        GIL_BLOCKING_BEGIN("read");
        r = read(fd, buf + got, n - got);
        if (r < 0) err = errno;
        GIL_BLOCKING_END();
        if (r > 0) {
            got += (size_t)r;
            continue;
        }
        if (r == 0) {
            if (got == 0) return 1;
            err_set_none(&Exc_EOFError);
            return -1;
        }
        if (err == EINTR) {
            if (signals_check() < 0) return -1;
        } else if (err == EAGAIN) {
            if (wait_fd(fd, POLLIN, -1) < 0) return -1;
        } else {
            errno = err;
            err_from_errno(&Exc_OSError);
            return -1;
        }
    }
    return 0;
}

static void put_header(unsigned char *h, size_t n) {
    h[0] = (unsigned char)(n >> 24);
    h[1] = (unsigned char)(n >> 16);
    h[2] = (unsigned char)(n >> 8);
    h[3] = (unsigned char)n;
}

/* The message buffer (header + data); small ones live on the stack. */
static char *frame(const char *data, size_t n, char *stackbuf, size_t stacksize) {
    char *buf = n + 4 <= stacksize ? stackbuf : malloc(n + 4);
    if (!buf) {
        err_no_memory();
        return NULL;
    }
    put_header((unsigned char *)buf, n);
    memcpy(buf + 4, data, n);
    return buf;
}

static Object *mp_send_msg(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("send_msg", nargs, 2, 2) < 0) return NULL;
    int fd;
    const char *data;
    intptr_t n;
    if (fd_arg(args[0], &fd) < 0 || bytes_like_buffer(args[1], &data, &n) < 0) return NULL;
    if ((uint64_t)n > 0x7fffffffu) return err_format(&Exc_ValueError, "message too long");
    char stackbuf[4096];
    INCREF(args[1]);
    char *buf = frame(data, (size_t)n, stackbuf, sizeof stackbuf);
    int rc = buf ? write_all(fd, buf, (size_t)n + 4) : -1;
    if (buf && buf != stackbuf) free(buf);
    DECREF(args[1]);
    if (rc < 0) return NULL;
    return none_new();
}

/* One non-blocking write of a whole message, atomic on a pipe: True if it
 * was written, False if the pipe is full or the message too big. */
static Object *mp_try_send_msg(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("try_send_msg", nargs, 2, 2) < 0) return NULL;
    int fd;
    const char *data;
    intptr_t n;
    if (fd_arg(args[0], &fd) < 0 || bytes_like_buffer(args[1], &data, &n) < 0) return NULL;
    if ((size_t)n + 4 > PIPE_BUF) return NEWREF(False);
    char buf[PIPE_BUF];
    put_header((unsigned char *)buf, (size_t)n);
    memcpy(buf + 4, data, (size_t)n);
    for (;;) {
        ssize_t w = write(fd, buf, (size_t)n + 4);   /* non-blocking: no GIL release */
        if (w == n + 4) return NEWREF(True);
        if (w >= 0) return err_format(&Exc_OSError, "partial write on a message pipe");
        if (errno == EAGAIN) return NEWREF(False);
        if (errno != EINTR) return err_from_errno(&Exc_OSError);
        if (signals_check() < 0) return NULL;
    }
}

static Object *mp_recv_msg(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("recv_msg", nargs, 1, 1) < 0) return NULL;
    int fd;
    if (fd_arg(args[0], &fd) < 0) return NULL;
    unsigned char h[4];
    int r = read_exact(fd, (char *)h, 4);
    if (r == 1) {
        err_set_none(&Exc_EOFError);
        return NULL;
    }
    if (r < 0) return NULL;
    size_t n = (size_t)h[0] << 24 | (size_t)h[1] << 16 | (size_t)h[2] << 8 | h[3];
    char stackbuf[4096];
    char *buf = n <= sizeof stackbuf ? stackbuf : malloc(n);
    if (!buf) return err_no_memory();
    r = n ? read_exact(fd, buf, n) : 0;
    Object *res = NULL;
    if (r == 1) err_set_none(&Exc_EOFError);
    else if (r == 0) res = bytes_from_buf(buf, n);
    if (buf != stackbuf) free(buf);
    return res;
}

static Object *mp_wait_readable(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    int fd;
    double timeout;
    Object *fdo, *t = None;
    if (args_parse(args, nargs, kwnames, "O|O:wait_readable", NULL, &fdo, &t) < 0) return NULL;
    if (fd_arg(fdo, &fd) < 0) return NULL;
    if (t == None) timeout = -1;
    else {
        timeout = float_check(t) ? float_as_double(t) : int_as_double(t);
        if (timeout == -1 && err_occurred()) return NULL;
        if (timeout < 0) timeout = 0;
    }
    int r = wait_fd(fd, POLLIN, timeout);
    if (r < 0) return NULL;
    return bool_from(r);
}

static Object *mp_set_blocking(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    int fd, blocking;
    if (args_parse(args, nargs, kwnames, "ip:set_blocking", NULL, &fd, &blocking) < 0) return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return err_from_errno(&Exc_OSError);
    fl = blocking ? (fl & ~O_NONBLOCK) : (fl | O_NONBLOCK);
    if (fcntl(fd, F_SETFL, fl) < 0) return err_from_errno(&Exc_OSError);
    return none_new();
}

/* ---- Unix-domain sockets (the Manager's server) -------------------------- */

static int unix_address(const char *path, struct sockaddr_un *sa) {
    memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof sa->sun_path) {
        err_format(&Exc_OSError, "AF_UNIX path too long");
        return -1;
    }
    strcpy(sa->sun_path, path);
    return 0;
}

static Object *mp_socket_listen(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    const char *path;
    int backlog = 16;
    if (args_parse(args, nargs, kwnames, "s|i:socket_listen", NULL, &path, &backlog) < 0) return NULL;
    struct sockaddr_un sa;
    if (unix_address(path, &sa) < 0) return NULL;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return err_from_errno(&Exc_OSError);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, backlog) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return err_from_errno_filename(&Exc_OSError, path);
    }
    return int_from_long(fd);
}

static Object *mp_socket_accept(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    int fd;
    if (args_parse(args, nargs, kwnames, "i:socket_accept", NULL, &fd) < 0) return NULL;
    for (;;) {
        int c, err = 0;
        GIL_BLOCKING_BEGIN("accept");
        c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0) err = errno;
        GIL_BLOCKING_END();
        if (c >= 0) return int_from_long(c);
        if (err != EINTR) {
            errno = err;
            return err_from_errno(&Exc_OSError);
        }
        if (signals_check() < 0) return NULL;
    }
}

static Object *mp_socket_connect(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    const char *path;
    if (args_parse(args, nargs, kwnames, "s:socket_connect", NULL, &path) < 0) return NULL;
    struct sockaddr_un sa;
    if (unix_address(path, &sa) < 0) return NULL;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return err_from_errno(&Exc_OSError);
    int r, err = 0;
    GIL_BLOCKING_BEGIN("connect");
    r = connect(fd, (struct sockaddr *)&sa, sizeof sa);
    if (r < 0) err = errno;
    GIL_BLOCKING_END();
    if (r < 0) {
        close(fd);
        errno = err;
        return err_from_errno_filename(&Exc_OSError, path);
    }
    return int_from_long(fd);
}

static Object *mp_socketpair(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) return err_from_errno(&Exc_OSError);
    Object *a = int_from_long(sv[0]), *b = int_from_long(sv[1]);
    Object *t = tuple_pack(2, a, b);
    DECREF(a);
    DECREF(b);
    return t;
}

static Object *mp_shutdown(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    int fd;
    if (args_parse(args, nargs, kwnames, "i:shutdown", NULL, &fd) < 0) return NULL;
    shutdown(fd, SHUT_RDWR);
    return none_new();
}

static MethodDef mp_functions[] = {
    {"send_msg", mp_send_msg, 0, "send_msg(fd, data): write one length-prefixed message"},
    {"try_send_msg", mp_try_send_msg, 0, "try_send_msg(fd, data) -> bool, never blocks"},
    {"recv_msg", mp_recv_msg, 0, "recv_msg(fd) -> bytes of one message; EOFError at the end"},
    {"wait_readable", mp_wait_readable, 0, "wait_readable(fd, timeout=None) -> bool"},
    {"set_blocking", mp_set_blocking, 0, NULL},
    {"socket_listen", mp_socket_listen, 0, "socket_listen(path) -> listening fd"},
    {"socket_accept", mp_socket_accept, 0, "socket_accept(fd) -> connected fd"},
    {"socket_connect", mp_socket_connect, 0, "socket_connect(path) -> connected fd"},
    {"socketpair", mp_socketpair, 0, "socketpair() -> (fd, fd)"},
    {"shutdown", mp_shutdown, 0, NULL},
    {NULL, NULL, 0, NULL},
};

Object *mod_multiprocessing_init(void) {
    if (type_ready(&SemLock_Type) < 0 || type_ready(&SharedArray_Type) < 0) return NULL;
    Object *m = module_new("_multiprocessing");
    if (!m) return NULL;
    if (module_add_functions(m, mp_functions) < 0 || module_add(m, "SemLock", (Object *)&SemLock_Type) < 0 ||
        module_add(m, "SharedArray", (Object *)&SharedArray_Type) < 0 ||
        module_add_int(m, "SEM_VALUE_MAX", SEM_VALUE_MAX) < 0 ||
        module_add_int(m, "RECURSIVE_MUTEX", RECURSIVE_MUTEX) < 0 ||
        module_add_int(m, "SEMAPHORE", SEMAPHORE) < 0 || module_add_int(m, "PIPE_BUF", PIPE_BUF) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
