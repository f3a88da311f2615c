/* gil/gil.c — the global interpreter lock, its policies and its statistics.
 *
 * The default algorithm (`interval`, CPython 3.2+'s "new GIL"), in prose:
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
 * The other policies change one rule each (../shared/GIL.md):
 *   ticks    — no drop requests; the holder releases every N check points
 *              and immediately competes again, with no hand-over (Python 2);
 *   fifo     — waiters take tickets; a released GIL goes to the oldest one;
 *   priority — a thread coming back from a blocking call sets the drop
 *              request at once and is preferred over CPU-bound waiters.
 *
 * Invariants: only the holder touches objects; `eval_breaker` is the only
 * thing the eval loop reads on its fast path; statistics are written by the
 * thread they describe while it takes or releases the GIL.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gil/gil.h"
#include "gil/stats.h"
#include "vm/error.h"
#include "vm/frame.h"
#include "vm/opcodes.h"
#include "vm/objects/code.h"

atomic_int eval_breaker;
bool gil_check_every;

static const char *const policy_names[GIL_POLICY_COUNT] = {"interval", "ticks", "fifo",
                                                           "priority"};

static struct {
    pthread_mutex_t mutex;
    pthread_cond_t cond;          /* signalled (broadcast) when the GIL is released */
    pthread_mutex_t switch_mutex;
    pthread_cond_t switch_cond;   /* signalled when the GIL changes hands */
    atomic_int locked;            /* written under mutex, read anywhere */
    _Atomic(ThreadState *) holder;
    atomic_ulong switch_number;   /* written under mutex, read anywhere */
    unsigned long last_holder;    /* ident of the previous holder (switch counting) */
    atomic_long interval_us;
    atomic_int policy;
    atomic_int check_interval;    /* `ticks`: check points between releases */
    unsigned long next_ticket, now_serving;   /* `fifo`, under mutex */
    int priority_waiters;                    /* `priority`, under mutex */
    int waiters;                             /* under mutex */
    uint64_t acquired_ns;                    /* when the holder took it, under mutex */
} gil = {
    .mutex = PTHREAD_MUTEX_INITIALIZER,
    .cond = PTHREAD_COND_INITIALIZER,
    .switch_mutex = PTHREAD_MUTEX_INITIALIZER,
    .switch_cond = PTHREAD_COND_INITIALIZER,
    .interval_us = 5000,
    .check_interval = 100,
};

/* ---- statistics and trace events ---------------------------------------- */

static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
static GilThreadStats *all_stats;      /* under stats_mutex */
static atomic_ullong total_switches, total_drop_requests;
static uint64_t stats_epoch_ns;

static pthread_mutex_t trace_mutex = PTHREAD_MUTEX_INITIALIZER;
static GilEvent *trace_events;         /* under trace_mutex */
static size_t trace_len, trace_cap;
atomic_int gil_tracing;

uint64_t gil_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void trace_event(unsigned long ident, int kind, const char *detail, uint64_t t) {
    if (!GILPY_GIL_TRACE || !atomic_load_explicit(&gil_tracing, memory_order_relaxed)) return;
    pthread_mutex_lock(&trace_mutex);
    if (trace_len == trace_cap) {
        size_t cap = trace_cap ? trace_cap * 2 : 4096;
        GilEvent *p = realloc(trace_events, cap * sizeof *p);
        if (!p) {
            pthread_mutex_unlock(&trace_mutex);
            return;
        }
        trace_events = p;
        trace_cap = cap;
    }
    trace_events[trace_len++] = (GilEvent){t, ident, kind, detail};
    pthread_mutex_unlock(&trace_mutex);
}

static GilThreadStats *stats_of(ThreadState *ts) {
    if (!ts->gil_stats) {
        GilThreadStats *st = calloc(1, sizeof *st);
        if (!st) return NULL;
        st->ident = ts->ident;
        st->alive = 1;
        st->ticks_left = atomic_load(&gil.check_interval);
        pthread_mutex_lock(&stats_mutex);
        st->next = all_stats;
        all_stats = st;
        pthread_mutex_unlock(&stats_mutex);
        ts->gil_stats = st;
    }
    return ts->gil_stats;
}

/* ---- the lock ------------------------------------------------------------- */

static pthread_condattr_t monotonic_attr;
static long ncpus = 1;

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

static void request_drop(unsigned long requester, uint64_t t) {
    if (!(atomic_fetch_or(&eval_breaker, EVAL_BREAK_DROP) & EVAL_BREAK_DROP)) {
        atomic_fetch_add(&total_drop_requests, 1);
        trace_event(requester, GEV_REQUEST, NULL, t);
    }
}

/* `priority`: a thread back from a blocking call has just asked the holder
 * to drop, and the holder will do so at its next check point — usually
 * within a microsecond.  Sleeping on the condition instead would add a
 * kernel wake-up (several µs, more from an idle core) to every blocking
 * call, the very latency the policy exists to remove; so on a multicore
 * machine it first watches the flag for a short while (called without the
 * mutex). */
enum { PRIORITY_SPIN_NS = 50 * 1000 };

static void spin_until_free(void) {
    uint64_t until = gil_now_ns() + PRIORITY_SPIN_NS;
    for (unsigned i = 1; atomic_load_explicit(&gil.locked, memory_order_relaxed); i++) {
        /* A few rounds of pure spinning, then yield the core: on a busy
         * machine the holder may be waiting for this very CPU. */
        if (i < 64) {
#if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
#endif
            continue;
        }
        sched_yield();
        if (gil_now_ns() > until) return;
    }
}

/* May this waiter take a free GIL under the current policy? (mutex held) */
static bool my_turn(int policy, unsigned long ticket, bool prio) {
    /* Tickets issued before a switch to fifo are "stale": let them through. */
    if (policy == GIL_POLICY_FIFO) return ticket <= gil.now_serving;
    if (policy == GIL_POLICY_PRIORITY) return prio || gil.priority_waiters == 0;
    return true;
}

/* `fifo` (mutex held): a turn lasts one switch interval from the moment the
 * holder took the GIL.  Under `interval` each waiter times its own wait, so
 * a turn lasts anywhere from a fraction of an interval to several; fair
 * shares need turns of equal length, so here the deadline is the holder's
 * acquisition time plus the interval, whoever is waiting. */
static void wait_for_turn_end(unsigned long requester) {
    uint64_t since = gil.acquired_ns;
    uint64_t due = since + (uint64_t)atomic_load(&gil.interval_us) * 1000u;
    uint64_t now = gil_now_ns();
    if (now >= due) {
        request_drop(requester, now);
        pthread_cond_wait(&gil.cond, &gil.mutex);   /* any release wakes us */
        return;
    }
    struct timespec deadline = {(time_t)(due / 1000000000u), (long)(due % 1000000000u)};
    int r = pthread_cond_timedwait(&gil.cond, &gil.mutex, &deadline);
    if (r == ETIMEDOUT && gil.locked && gil.acquired_ns == since) request_drop(requester, gil_now_ns());
}

static void take_gil(ThreadState *ts) {
    int saved_errno = errno;
    GilThreadStats *st = stats_of(ts);
    uint64_t t0 = gil_now_ns();
    int policy = atomic_load(&gil.policy);
    bool prio = policy == GIL_POLICY_PRIORITY && st && st->priority;
    pthread_mutex_lock(&gil.mutex);
    unsigned long ticket = gil.next_ticket++;
    bool waited = false;
    if (gil.locked || !my_turn(policy, ticket, prio)) {
        waited = true;
        gil.waiters++;
        if (prio) gil.priority_waiters++;
        trace_event(ts->ident, GEV_WAIT, NULL, t0);
        if (prio && gil.locked) {
            request_drop(ts->ident, t0);
            if (ncpus > 1) {
                pthread_mutex_unlock(&gil.mutex);
                spin_until_free();
                pthread_mutex_lock(&gil.mutex);
            }
        }
        if (policy == GIL_POLICY_TICKS) atomic_fetch_or(&eval_breaker, EVAL_BREAK_TICKS);
        while (gil.locked || !my_turn(policy, ticket, prio)) {
            unsigned long seen = atomic_load(&gil.switch_number);
            if (policy == GIL_POLICY_TICKS) {
                pthread_cond_wait(&gil.cond, &gil.mutex);
                continue;
            }
            if (policy == GIL_POLICY_FIFO) {
                wait_for_turn_end(ts->ident);
                continue;
            }
            struct timespec deadline;
            deadline_after_us(&deadline, atomic_load(&gil.interval_us));
            int r = pthread_cond_timedwait(&gil.cond, &gil.mutex, &deadline);
            if (r == ETIMEDOUT && gil.locked && atomic_load(&gil.switch_number) == seen)
                request_drop(ts->ident, gil_now_ns());
        }
        gil.waiters--;
        if (prio) gil.priority_waiters--;
    }
    if (policy == GIL_POLICY_FIFO && ticket + 1 > gil.now_serving) gil.now_serving = ticket + 1;
    gil.locked = 1;
    gil.acquired_ns = gil_now_ns();
    atomic_store(&gil.holder, ts);
    atomic_fetch_add(&gil.switch_number, 1);
    if (gil.last_holder != ts->ident) {
        atomic_fetch_add(&total_switches, 1);
        gil.last_holder = ts->ident;
    }
    /* Whoever was forced to drop may compete again now. */
    pthread_mutex_lock(&gil.switch_mutex);
    pthread_cond_signal(&gil.switch_cond);
    pthread_mutex_unlock(&gil.switch_mutex);
    atomic_fetch_and(&eval_breaker, ~EVAL_BREAK_DROP);
    /* Other waiters may still want it: under `ticks` they never ask. */
    if (policy == GIL_POLICY_TICKS && gil.waiters > 0)
        atomic_fetch_or(&eval_breaker, EVAL_BREAK_TICKS);
    pthread_mutex_unlock(&gil.mutex);
    ts_current = ts;
    if (st) {
        uint64_t t1 = gil_now_ns();
        st->acquisitions++;
        if (waited) {
            uint64_t w = t1 - t0;
            st->wait_total_ns += w;
            if (w > st->wait_max_ns) st->wait_max_ns = w;
        }
        st->acquired_at_ns = t1;
        st->priority = 0;
        trace_event(ts->ident, GEV_ACQUIRE, NULL, t1);
    }
    errno = saved_errno;
}

/* Why the holder lets go: the statistics and traces tell these apart. */
enum { DROP_FORCED, DROP_TICK, DROP_BLOCKING, DROP_EXIT };

static void drop_gil(ThreadState *ts, int why, const char *what) {
    GilThreadStats *st = ts ? ts->gil_stats : NULL;
    uint64_t t = gil_now_ns();
    if (st) {
        uint64_t held = t - st->acquired_at_ns;
        st->hold_total_ns += held;
        if (held > st->hold_max_ns) st->hold_max_ns = held;
        if (why == DROP_FORCED || why == DROP_TICK) {
            st->forced_drops++;
            if (why == DROP_FORCED) st->forced_hold_total_ns += held;
        } else if (why == DROP_BLOCKING) {
            st->blocking_releases++;
        }
        trace_event(ts->ident,
                    why == DROP_BLOCKING ? GEV_DROP_BLOCK
                                         : why == DROP_EXIT ? GEV_DROP_EXIT : GEV_DROP_FORCED,
                    what, t);
    }
    pthread_mutex_lock(&gil.mutex);
    unsigned long at_drop = atomic_load(&gil.switch_number);
    gil.locked = 0;
    atomic_store(&gil.holder, NULL);
    if (gil.waiters == 0) atomic_fetch_and(&eval_breaker, ~EVAL_BREAK_TICKS);
    /* A priority waiter is next by rule (my_turn), so the hand-over needs
     * no waiting here; skipping it saves the new holder a wake-up call. */
    bool prio_next = gil.priority_waiters > 0 && atomic_load(&gil.policy) == GIL_POLICY_PRIORITY;
    int waiters = gil.waiters;
    int policy = atomic_load(&gil.policy);
    pthread_mutex_unlock(&gil.mutex);
    /* Wake after unlocking, so the woken thread doesn't block straight away
     * on the mutex we still hold.  Any waiter can take the GIL under
     * `interval` and `ticks`: wake one.  `fifo` and `priority` choose a
     * particular waiter: wake them all and let the rule decide. */
    if (waiters > 0) {
        if (policy == GIL_POLICY_FIFO || policy == GIL_POLICY_PRIORITY)
            pthread_cond_broadcast(&gil.cond);
        else
            pthread_cond_signal(&gil.cond);
    }
    if (why != DROP_FORCED || prio_next) return;
    /* Forced switching: wait until another thread has taken the GIL. */
    pthread_mutex_lock(&gil.switch_mutex);
    if (atomic_load(&gil.switch_number) == at_drop) {
        struct timespec deadline;
        /* Bounded wait: if the requester vanished, don't hang. */
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 50 * 1000 * 1000;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&gil.switch_cond, &gil.switch_mutex, &deadline);
    }
    pthread_mutex_unlock(&gil.switch_mutex);
}

void gil_init(void) {
    init_conditions();
    ncpus = sysconf(_SC_NPROCESSORS_ONLN);
    stats_epoch_ns = gil_now_ns();
    const char *s = getenv("GILPY_SWITCHINTERVAL");
    double env;
    if (s && (env = strtod(s, NULL)) > 0) gil_set_switch_interval(env);
    s = getenv("GILPY_GIL");
    if (s && gil_set_policy_name(s) < 0) {
        fprintf(stderr, "gilpy: unknown GIL policy '%s' in GILPY_GIL (valid: interval, ticks, "
                        "fifo, priority); using interval\n", s);
    }
}

void gil_acquire(ThreadState *ts) { take_gil(ts); }

void gil_release(ThreadState *ts) { drop_gil(ts, DROP_EXIT, NULL); }

void gil_thread_exit(ThreadState *ts) {
    /* Marked dead before letting go, so whoever takes the GIL next (a
     * join()ing thread) already sees it so. */
    GilThreadStats *st = ts->gil_stats;
    if (st) {
        pthread_mutex_lock(&stats_mutex);
        st->alive = 0;
        pthread_mutex_unlock(&stats_mutex);
    }
    drop_gil(ts, DROP_EXIT, NULL);
}

bool gil_held(void) { return ts_current && atomic_load(&gil.holder) == ts_current; }

void gil_after_fork_child(void) {
    ThreadState *ts = ts_current;
    init_conditions();
    gil.locked = 1;
    gil.waiters = gil.priority_waiters = 0;
    gil.next_ticket = gil.now_serving = 0;
    atomic_store(&gil.holder, ts);
    atomic_store(&eval_breaker, signals_pending ? EVAL_BREAK_SIGNALS : 0);
    /* Only this thread's statistics remain meaningful. */
    pthread_mutex_init(&stats_mutex, NULL);
    pthread_mutex_init(&trace_mutex, NULL);
    for (GilThreadStats *st = all_stats; st; st = st->next)
        if (!ts || st != ts->gil_stats) st->alive = 0;
}

void gil_blocking_begin(const char *what) { drop_gil(ts_current, DROP_BLOCKING, what); }

void gil_blocking_end(void) {
    ThreadState *ts = ts_current;
    if (atomic_load(&gil.policy) == GIL_POLICY_PRIORITY && ts->gil_stats)
        ts->gil_stats->priority = 1;
    take_gil(ts);
}

double gil_get_switch_interval(void) { return atomic_load(&gil.interval_us) / 1e6; }

void gil_set_switch_interval(double seconds) {
    long us = (long)(seconds * 1e6 + 0.5);
    if (us < 1) us = 1;
    atomic_store(&gil.interval_us, us);
}

int gil_get_check_interval(void) { return atomic_load(&gil.check_interval); }
void gil_set_check_interval(int n) { atomic_store(&gil.check_interval, n < 1 ? 1 : n); }

int gil_get_policy(void) { return atomic_load(&gil.policy); }
const char *gil_policy_name(int policy) {
    return policy >= 0 && policy < GIL_POLICY_COUNT ? policy_names[policy] : "?";
}

int gil_set_policy_name(const char *name) {
    for (int p = 0; p < GIL_POLICY_COUNT; p++) {
        if (strcmp(name, policy_names[p]) == 0) {
            /* Changing policy while others wait: wake them so they re-read it. */
            pthread_mutex_lock(&gil.mutex);
            atomic_store(&gil.policy, p);
            gil.now_serving = gil.next_ticket;
            if (p != GIL_POLICY_TICKS) atomic_fetch_and(&eval_breaker, ~EVAL_BREAK_TICKS);
            else if (gil.waiters) atomic_fetch_or(&eval_breaker, EVAL_BREAK_TICKS);
            pthread_cond_broadcast(&gil.cond);
            pthread_mutex_unlock(&gil.mutex);
            return 0;
        }
    }
    return -1;
}

/* Python 2 counted a tick per instruction; gilpy's loop only tests the
 * breaker at check points.  A backward jump closes one loop iteration, so
 * it stands for the instructions of the loop body; any other check point
 * counts one.  (With -X gilchecks=every each instruction is a check point,
 * so the backward jump then counts one as well.) */
static int ticks_since_last_check(ThreadState *ts) {
    Frame *f = ts->frame;
    if (!f || gil_check_every || f->lasti < 0 || f->lasti >= f->code->ncode) return 1;
    uint32_t word = f->code->code[f->lasti];
    if (INSTR_OP(word) != OP_JUMP_BACKWARD) return 1;
    int body = f->lasti - (int)INSTR_ARG(word) + 1;
    return body > 0 ? body : 1;
}

int eval_handle_breaker(void) {
    ThreadState *ts = ts_current;
    int b = atomic_load_explicit(&eval_breaker, memory_order_relaxed);
    if ((b & EVAL_BREAK_SIGNALS) && ts->is_main && signals_check() < 0) return -1;
    if (b & EVAL_BREAK_DROP) {
        drop_gil(ts, DROP_FORCED, NULL);
        take_gil(ts);
    } else if (b & EVAL_BREAK_TICKS) {
        GilThreadStats *st = ts->gil_stats;
        if (st && (st->ticks_left -= ticks_since_last_check(ts)) <= 0) {
            st->ticks_left = atomic_load(&gil.check_interval);
            /* Python 2: let go and grab it straight back, no hand-over. */
            drop_gil(ts, DROP_TICK, NULL);
            take_gil(ts);
        }
    }
    if (ts->async_exc) {
        Object *exc = ts->async_exc;
        ts->async_exc = NULL;
        err_restore(exc);
        return -1;
    }
    return 0;
}

/* ---- reading the statistics (gil module) --------------------------------- */

void gil_stats_snapshot(void (*visit)(const GilThreadStats *st, void *arg), void *arg) {
    pthread_mutex_lock(&stats_mutex);
    size_t n = 0;
    for (GilThreadStats *st = all_stats; st; st = st->next) n++;
    GilThreadStats *copy = malloc((n ? n : 1) * sizeof *copy);
    size_t i = n;
    /* Oldest first: the list is newest first. */
    for (GilThreadStats *st = all_stats; st && copy; st = st->next) copy[--i] = *st;
    pthread_mutex_unlock(&stats_mutex);
    if (!copy) return;
    uint64_t now = gil_now_ns();
    ThreadState *me = ts_current;
    for (i = 0; i < n; i++) {
        /* The caller holds the GIL right now: count its current hold. */
        if (me && me->gil_stats && copy[i].ident == me->gil_stats->ident && copy[i].alive) {
            uint64_t held = now - copy[i].acquired_at_ns;
            copy[i].hold_total_ns += held;
            if (held > copy[i].hold_max_ns) copy[i].hold_max_ns = held;
        }
        visit(&copy[i], arg);
    }
    free(copy);
}

void gil_stats_totals(uint64_t *switches, uint64_t *drop_requests, uint64_t *since_ns) {
    *switches = atomic_load(&total_switches);
    *drop_requests = atomic_load(&total_drop_requests);
    *since_ns = stats_epoch_ns;
}

void gil_stats_reset(void) {
    pthread_mutex_lock(&stats_mutex);
    GilThreadStats **link = &all_stats;
    uint64_t now = gil_now_ns();
    while (*link) {
        GilThreadStats *st = *link;
        if (!st->alive) {
            *link = st->next;
            free(st);
            continue;
        }
        st->acquisitions = st->forced_drops = st->blocking_releases = 0;
        st->hold_total_ns = st->hold_max_ns = st->wait_total_ns = st->wait_max_ns = 0;
        st->forced_hold_total_ns = 0;
        st->acquired_at_ns = now;
        link = &st->next;
    }
    pthread_mutex_unlock(&stats_mutex);
    atomic_store(&total_switches, 0);
    atomic_store(&total_drop_requests, 0);
    stats_epoch_ns = now;
}

void gil_set_thread_name(ThreadState *ts, const char *name) {
    GilThreadStats *st = stats_of(ts);
    if (st) snprintf(st->name, sizeof st->name, "%s", name);
}

/* ---- trace buffer (gil/trace.c writes it out) ----------------------------- */

void gil_trace_begin(void) {
    pthread_mutex_lock(&trace_mutex);
    trace_len = 0;
    pthread_mutex_unlock(&trace_mutex);
    atomic_store(&gil_tracing, 1);
    /* The caller holds the GIL: open its span now. */
    ThreadState *ts = ts_current;
    if (ts) trace_event(ts->ident, GEV_ACQUIRE, NULL, gil_now_ns());
}

GilEvent *gil_trace_end(size_t *n) {
    atomic_store(&gil_tracing, 0);
    pthread_mutex_lock(&trace_mutex);
    GilEvent *events = trace_events;
    *n = trace_len;
    trace_events = NULL;
    trace_len = trace_cap = 0;
    pthread_mutex_unlock(&trace_mutex);
    return events;
}
