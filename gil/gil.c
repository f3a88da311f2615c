/* gil/gil.c — the global interpreter lock (CPython 3.2+ "new GIL").
 *
 * The algorithm, in prose:
 *
 * The GIL is a flag `locked` protected by `mutex`, with a condition `cond`
 * signalled whenever it is released, and a counter `switch_number` that
 * grows by one every time some thread takes it.
 *
 * A thread that wants the GIL takes it at once if it is free.  Otherwise it
 * waits on `cond` with a timeout of the switch interval (5 ms by default).
 * If the wait times out and `switch_number` has not moved meanwhile — no
 * other thread got a turn either — it sets the DROP REQUEST bit in
 * `eval_breaker` and goes on waiting.
 *
 * The holder tests `eval_breaker` at its check points (backward jumps,
 * calls, generator resumption).  On a drop request it releases the GIL and
 * then — "forced switching" — waits on `switch_cond` until `switch_number`
 * has changed, i.e. until another thread has really taken the GIL, so that
 * it cannot win the lock straight back.  Then it queues for the GIL like
 * everybody else.  The thread that takes the GIL clears the drop request.
 *
 * A blocking call (sleep, I/O, lock waits, join) releases the GIL without
 * waiting for anyone: the thread is going to sleep anyway.
 *
 * Invariants: only the holder touches objects; `eval_breaker` is the only
 * thing the eval loop reads on its fast path; everything else here happens
 * on the slow path.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gil/gil.h"
#include "vm/abstract.h"
#include "vm/error.h"
#include "vm/objects/int.h"

enum { BREAK_DROP = 1, BREAK_SIGNALS = 2, BREAK_ASYNC_EXC = 4 };

atomic_int eval_breaker;

static struct {
    pthread_mutex_t mutex;
    pthread_cond_t cond;          /* signalled when the GIL is released */
    pthread_mutex_t switch_mutex;
    pthread_cond_t switch_cond;   /* signalled when the GIL changes hands */
    int locked;                   /* under mutex */
    _Atomic(ThreadState *) holder;
    atomic_ulong switch_number;   /* written under mutex, read anywhere */
    atomic_long interval_us;
} gil = {
    .mutex = PTHREAD_MUTEX_INITIALIZER,
    .cond = PTHREAD_COND_INITIALIZER,
    .switch_mutex = PTHREAD_MUTEX_INITIALIZER,
    .switch_cond = PTHREAD_COND_INITIALIZER,
    .interval_us = 5000,
};

static pthread_condattr_t monotonic_attr;

static void init_conditions(void) {
    pthread_condattr_init(&monotonic_attr);
    pthread_condattr_setclock(&monotonic_attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&gil.mutex, NULL);
    pthread_cond_init(&gil.cond, &monotonic_attr);
    pthread_mutex_init(&gil.switch_mutex, NULL);
    pthread_cond_init(&gil.switch_cond, NULL);
}

static void deadline_after_us(struct timespec *ts, long us) {
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += us / 1000000;
    ts->tv_nsec += (us % 1000000) * 1000;
    if (ts->tv_nsec >= 1000000000) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000;
    }
}

static void take_gil(ThreadState *ts) {
    int saved_errno = errno;
    pthread_mutex_lock(&gil.mutex);
    while (gil.locked) {
        unsigned long seen = atomic_load(&gil.switch_number);
        struct timespec deadline;
        deadline_after_us(&deadline, atomic_load(&gil.interval_us));
        int r = pthread_cond_timedwait(&gil.cond, &gil.mutex, &deadline);
        if (r == ETIMEDOUT && gil.locked && atomic_load(&gil.switch_number) == seen)
            atomic_fetch_or(&eval_breaker, BREAK_DROP);
    }
    gil.locked = 1;
    atomic_store(&gil.holder, ts);
    atomic_fetch_add(&gil.switch_number, 1);
    /* Whoever was forced to drop may compete again now. */
    pthread_mutex_lock(&gil.switch_mutex);
    pthread_cond_signal(&gil.switch_cond);
    pthread_mutex_unlock(&gil.switch_mutex);
    atomic_fetch_and(&eval_breaker, ~BREAK_DROP);
    pthread_mutex_unlock(&gil.mutex);
    ts_current = ts;
    errno = saved_errno;
}

static void drop_gil(ThreadState *ts, bool forced) {
    pthread_mutex_lock(&gil.mutex);
    unsigned long at_drop = atomic_load(&gil.switch_number);
    gil.locked = 0;
    atomic_store(&gil.holder, NULL);
    pthread_cond_signal(&gil.cond);
    pthread_mutex_unlock(&gil.mutex);
    if (!forced) return;
    /* Forced switching: wait until another thread has taken the GIL. */
    pthread_mutex_lock(&gil.switch_mutex);
    if (atomic_load(&gil.switch_number) == at_drop) {
        struct timespec deadline;
        /* Bounded wait: if the requester vanished, don't hang. */
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 50 * 1000 * 1000;
        if (deadline.tv_nsec >= 1000000000) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000; }
        pthread_cond_timedwait(&gil.switch_cond, &gil.switch_mutex, &deadline);
    }
    pthread_mutex_unlock(&gil.switch_mutex);
    (void)ts;
}

void gil_init(void) {
    init_conditions();
    double env = 0;
    const char *s = getenv("GILPY_SWITCHINTERVAL");
    if (s && (env = strtod(s, NULL)) > 0) gil_set_switch_interval(env);
}

void gil_acquire(ThreadState *ts) { take_gil(ts); }

void gil_release(ThreadState *ts) { drop_gil(ts, false); }

bool gil_held(void) { return ts_current && atomic_load(&gil.holder) == ts_current; }

void gil_after_fork_child(void) {
    ThreadState *ts = ts_current;
    init_conditions();
    gil.locked = 1;
    atomic_store(&gil.holder, ts);
    atomic_store(&eval_breaker, signals_pending ? BREAK_SIGNALS : 0);
}

void gil_blocking_begin(const char *what) {
    (void)what;
    drop_gil(ts_current, false);
}

void gil_blocking_end(void) {
    ThreadState *ts = ts_current;
    take_gil(ts);
}

double gil_get_switch_interval(void) { return atomic_load(&gil.interval_us) / 1e6; }

void gil_set_switch_interval(double seconds) {
    long us = (long)(seconds * 1e6);
    if (us < 1) us = 1;
    atomic_store(&gil.interval_us, us);
}

int eval_handle_breaker(void) {
    ThreadState *ts = ts_current;
    int b = atomic_load_explicit(&eval_breaker, memory_order_relaxed);
    if ((b & BREAK_SIGNALS) && ts->is_main && signals_check() < 0) return -1;
    if (b & BREAK_DROP) {
        drop_gil(ts, true);
        take_gil(ts);
    }
    if (ts->async_exc) {
        Object *exc = ts->async_exc;
        ts->async_exc = NULL;
        err_restore(exc);
        return -1;
    }
    return 0;
}

/* ---- signals ------------------------------------------------------------
 * The C handler only records the signal and raises a bit in eval_breaker;
 * the main thread runs the Python-level handler at its next check point (or
 * when a blocking call returns EINTR).  With no Python handler installed,
 * SIGINT raises KeyboardInterrupt.
 */

#define NSIGNALS 65

volatile sig_atomic_t signals_pending;
static volatile sig_atomic_t signal_tripped[NSIGNALS];
static Object *signal_handlers[NSIGNALS];   /* Python callables, or NULL */

static void on_signal(int signo) {
    if (signo > 0 && signo < NSIGNALS) signal_tripped[signo] = 1;
    signals_pending = 1;
    atomic_fetch_or(&eval_breaker, BREAK_SIGNALS);
}

int signals_install_c_handler(int signo) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: blocking calls return EINTR */
    return sigaction(signo, &sa, NULL);
}

void signals_set_handler(int signo, Object *handler) {
    if (signo <= 0 || signo >= NSIGNALS) return;
    Object *old = signal_handlers[signo];
    signal_handlers[signo] = handler ? NEWREF(handler) : NULL;
    XDECREF(old);
}

Object *signals_get_handler(int signo) {
    return (signo > 0 && signo < NSIGNALS) ? signal_handlers[signo] : NULL;
}

void signals_init(void) {
    signals_install_c_handler(SIGINT);
    signal(SIGPIPE, SIG_IGN);
}

int signals_check(void) {
    ThreadState *ts = ts_current;
    if (!signals_pending || !ts || !ts->is_main) return 0;
    signals_pending = 0;
    atomic_fetch_and(&eval_breaker, ~BREAK_SIGNALS);
    for (int signo = 1; signo < NSIGNALS; signo++) {
        if (!signal_tripped[signo]) continue;
        signal_tripped[signo] = 0;
        Object *h = signal_handlers[signo];
        if (!h) {
            if (signo == SIGINT) {
                err_set_none(&Exc_KeyboardInterrupt);
                return -1;
            }
            continue;
        }
        Object *num = int_from_long(signo);
        if (!num) return -1;
        Object *args[2] = {num, None};
        INCREF(h);
        Object *r = obj_call(h, args, 2, NULL);
        DECREF(h);
        DECREF(num);
        if (!r) {
            /* Leave the other tripped signals for the next check point. */
            signals_pending = 1;
            atomic_fetch_or(&eval_breaker, BREAK_SIGNALS);
            return -1;
        }
        DECREF(r);
    }
    return 0;
}
