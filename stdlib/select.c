/* stdlib/select.c — the `select` module: select.select() and select.poll()
 * on file descriptors (ints or objects with fileno()), GIL released while
 * waiting.  Both are written on poll(2), so any descriptor number works.
 * A wait in the main thread is cut into 20 ms slices so Ctrl-C is seen.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include "gil/gil.h"
#include "stdlib/processes.h"
#include "vm/vm.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* An int fd, or obj.fileno(). */
static int as_fd(Object *o) {
    Object *n = int_check(o) ? NEWREF(o) : obj_call_method(o, "fileno", NULL, 0);
    if (!n) return -1;
    intptr_t fd = int_check(n) ? int_as_ssize(n) : -1;
    DECREF(n);
    if (fd < 0) {
        if (!err_occurred())
            err_format(&Exc_ValueError, "file descriptor cannot be a negative integer (%zd)", fd);
        return -1;
    }
    return (int)fd;
}

/* poll() with the GIL released; timeout < 0 forever.  Returns the count of
 * ready descriptors or -1 with an exception. */
static int poll_released(struct pollfd *fds, nfds_t n, double timeout) {
    double deadline = timeout >= 0 ? now_s() + timeout : INFINITY;
    bool interruptible = ts_current && ts_current->is_main;
    for (;;) {
        double left = deadline - now_s();
        int ms = isinf(left) ? -1 : left <= 0 ? 0 : (int)ceil(left * 1000);
        if (interruptible && (ms < 0 || ms > 20)) ms = 20;
        int r, err = 0;
        GIL_BLOCKING_BEGIN("select");
        r = poll(fds, n, ms);
        if (r < 0) err = errno;
        GIL_BLOCKING_END();
        if (r > 0) return r;
        if (r < 0 && err != EINTR) {
            errno = err;
            err_from_errno(&Exc_OSError);
            return -1;
        }
        if (signals_pending && interruptible && signals_check() < 0) return -1;
        if (now_s() >= deadline) return 0;
    }
}

static int parse_timeout(Object *t, double scale, double *out) {
    if (t == None) {
        *out = -1;
        return 0;
    }
    double d = float_check(t) ? float_as_double(t) : int_check(t) ? int_as_double(t) : NAN;
    if (isnan(d)) {
        if (!err_occurred()) err_format(&Exc_TypeError, "timeout must be a float or None");
        return -1;
    }
    if (d < 0 && scale == 1) {
        err_format(&Exc_ValueError, "timeout must be non-negative");
        return -1;
    }
    *out = d < 0 ? -1 : d * scale;
    return 0;
}

static Object *select_select(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    Object *lists[3], *t = None;
    if (args_parse(args, nargs, kwnames, "OOO|O:select", NULL, &lists[0], &lists[1], &lists[2], &t) < 0)
        return NULL;
    double timeout;
    if (parse_timeout(t, 1, &timeout) < 0) return NULL;
    Object *seqs[3] = {NULL, NULL, NULL}, *result = NULL;
    struct pollfd *fds = NULL;
    size_t total = 0;
    for (int k = 0; k < 3; k++) {
        seqs[k] = list_from_iterable(lists[k]);
        if (!seqs[k]) goto done;
        total += (size_t)LIST_SIZE(seqs[k]);
    }
    fds = calloc(total ? total : 1, sizeof *fds);
    if (!fds) {
        err_no_memory();
        goto done;
    }
    static const short ev[3] = {POLLIN, POLLOUT, POLLPRI};
    size_t j = 0;
    for (int k = 0; k < 3; k++)
        for (intptr_t i = 0; i < LIST_SIZE(seqs[k]); i++, j++) {
            fds[j].fd = as_fd(LIST_GET(seqs[k], i));
            if (fds[j].fd < 0) goto done;
            fds[j].events = ev[k];
        }
    if (poll_released(fds, total, timeout) < 0) goto done;
    Object *out[3] = {list_new(0), list_new(0), list_new(0)};
    j = 0;
    bool ok = out[0] && out[1] && out[2];
    for (int k = 0; ok && k < 3; k++)
        for (intptr_t i = 0; ok && i < LIST_SIZE(seqs[k]); i++, j++) {
            short got = fds[j].revents & (ev[k] | (k == 0 ? POLLHUP | POLLERR : k == 1 ? POLLERR : 0));
            if (got && list_append(out[k], LIST_GET(seqs[k], i)) < 0) ok = false;
        }
    if (ok) result = tuple_pack(3, out[0], out[1], out[2]);
    for (int k = 0; k < 3; k++) XDECREF(out[k]);
done:
    free(fds);
    for (int k = 0; k < 3; k++) XDECREF(seqs[k]);
    return result;
}

/* ---- poll objects ------------------------------------------------------ */

typedef struct {
    Object ob_base;
    Object *fds;   /* dict fd -> event mask */
} PollObject;

extern TypeObject Poll_Type;

static Object *poll_register(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *fdo, *mask = NULL;
    if (args_parse(args, nargs, kwnames, "O|O:register", NULL, &fdo, &mask) < 0) return NULL;
    int fd = as_fd(fdo);
    if (fd < 0) return NULL;
    Object *key = int_from_long(fd);
    Object *val = mask ? NEWREF(mask) : int_from_long(POLLIN | POLLPRI | POLLOUT);
    int rc = dict_set(((PollObject *)self)->fds, key, val);
    DECREF(key);
    DECREF(val);
    return rc < 0 ? NULL : none_new();
}

static Object *poll_unregister(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("unregister", nargs, 1, 1) < 0) return NULL;
    int fd = as_fd(args[0]);
    if (fd < 0) return NULL;
    Object *key = int_from_long(fd);
    int rc = dict_del(((PollObject *)self)->fds, key);
    DECREF(key);
    return rc < 0 ? NULL : none_new();
}

static Object *poll_poll(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *t = None;
    if (args_parse(args, nargs, kwnames, "|O:poll", NULL, &t) < 0) return NULL;
    double timeout;
    if (parse_timeout(t, 0.001, &timeout) < 0) return NULL;
    Object *d = ((PollObject *)self)->fds;
    size_t n = (size_t)dict_size(d);
    struct pollfd *fds = calloc(n ? n : 1, sizeof *fds);
    if (!fds) return err_no_memory();
    intptr_t pos = 0;
    Object *k, *v;
    size_t j = 0;
    while (dict_next(d, &pos, &k, &v) && j < n) {
        fds[j].fd = (int)int_as_long(k);
        fds[j].events = (short)int_as_long(v);
        j++;
    }
    Object *result = NULL;
    if (poll_released(fds, j, timeout) >= 0) {
        result = list_new(0);
        for (size_t i = 0; result && i < j; i++) {
            if (!fds[i].revents) continue;
            Object *a = int_from_long(fds[i].fd), *b = int_from_long(fds[i].revents);
            Object *pair = tuple_pack(2, a, b);
            DECREF(a);
            DECREF(b);
            if (!pair || list_append(result, pair) < 0) CLEAR(result);
            XDECREF(pair);
        }
    }
    free(fds);
    return result;
}

static void poll_dealloc(Object *o) {
    XDECREF(((PollObject *)o)->fds);
    obj_free(o);
}

static MethodDef poll_methods[] = {
    {"register", poll_register, 0, "register(fd, eventmask=POLLIN|POLLPRI|POLLOUT)"},
    {"modify", poll_register, 0, NULL},
    {"unregister", poll_unregister, 0, NULL},
    {"poll", poll_poll, 0, "poll(timeout_ms=None) -> [(fd, events)]"},
    {NULL, NULL, 0, NULL},
};

TypeObject Poll_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "select.poll",
    .basicsize = sizeof(PollObject),
    .dealloc = poll_dealloc,
    .methods = poll_methods,
};

static Object *select_poll(Object *m, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("poll", nargs, 0, 0) < 0) return NULL;
    PollObject *p = (PollObject *)obj_alloc(&Poll_Type);
    if (!p) return NULL;
    p->fds = dict_new();
    if (!p->fds) {
        DECREF((Object *)p);
        return NULL;
    }
    return (Object *)p;
}

static MethodDef select_functions[] = {
    {"select", select_select, 0, "select(rlist, wlist, xlist[, timeout]) -> (r, w, x)"},
    {"poll", select_poll, 0, "poll() -> a polling object"},
    {NULL, NULL, 0, NULL},
};

Object *mod_select_init(void) {
    if (type_ready(&Poll_Type) < 0) return NULL;
    Object *m = module_new("select");
    if (!m) return NULL;
    if (module_add_functions(m, select_functions) < 0 || module_add_int(m, "POLLIN", POLLIN) < 0 ||
        module_add_int(m, "POLLOUT", POLLOUT) < 0 || module_add_int(m, "POLLPRI", POLLPRI) < 0 ||
        module_add_int(m, "POLLERR", POLLERR) < 0 || module_add_int(m, "POLLHUP", POLLHUP) < 0 ||
        module_add_int(m, "POLLNVAL", POLLNVAL) < 0 || module_add(m, "error", (Object *)&Exc_OSError) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
