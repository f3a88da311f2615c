/* gil/gil.h — the global interpreter lock.
 *
 * The algorithm (CPython 3.2+, the `interval` policy) is explained at the
 * top of gil/gil.c.  What other layers need:
 *
 *   - eval tests `eval_breaker` at its check points (one relaxed load); when it
 *     is non-zero it calls eval_handle_breaker(), which drops the GIL on a
 *     drop request, runs pending signal handlers (KeyboardInterrupt in the
 *     main thread) and raises asynchronous exceptions.  -1: raise.
 *   - every call that may block is wrapped:
 *         GIL_BLOCKING_BEGIN("sleep");
 *         r = nanosleep(...);            // no object may be touched here
 *         GIL_BLOCKING_END();
 *     so `grep GIL_BLOCKING_BEGIN` finds them all.
 */
#ifndef GILPY_GIL_H
#define GILPY_GIL_H

#include <signal.h>
#include <stdatomic.h>
#include "vm/state.h"

extern atomic_int eval_breaker;
/* Bits of eval_breaker. */
enum {
    EVAL_BREAK_DROP = 1,      /* a waiter asks the holder to drop the GIL */
    EVAL_BREAK_SIGNALS = 2,   /* a signal arrived: the main thread handles it */
    EVAL_BREAK_TICKS = 4,     /* `ticks` policy with waiters: count check points */
};

/* GIL policies (../shared/GIL.md); switchable at run time. */
enum { GIL_POLICY_INTERVAL, GIL_POLICY_TICKS, GIL_POLICY_FIFO, GIL_POLICY_PRIORITY,
       GIL_POLICY_COUNT };
int gil_get_policy(void);
const char *gil_policy_name(int policy);
int gil_set_policy_name(const char *name);   /* 0, or -1 if unknown (no exception set) */
int gil_get_check_interval(void);            /* `ticks`: check points per release */
void gil_set_check_interval(int n);

int eval_handle_breaker(void);
/* GIL lab, -X gilchecks=every: the eval loop tests the breaker before every
 * instruction (read at frame entry), not only at its check points. */
extern bool gil_check_every;

void gil_init(void);                 /* create the lock, take it for the main thread */
void gil_acquire(ThreadState *ts);   /* take the GIL and make ts current */
void gil_release(ThreadState *ts);   /* give it up (no hand-over wait) */
void gil_thread_exit(ThreadState *ts); /* give it up for good: the thread ends */
void gil_after_fork_child(void);     /* re-initialise in a forked child */
bool gil_held(void);                 /* does the calling thread hold it? */

/* Release around a blocking call; `what` names the call for statistics/traces. */
void gil_blocking_begin(const char *what);
void gil_blocking_end(void);
#define GIL_BLOCKING_BEGIN(what) gil_blocking_begin(what)
#define GIL_BLOCKING_END() gil_blocking_end()

double gil_get_switch_interval(void);
void gil_set_switch_interval(double seconds);

/* Statistics and traces (gil/stats.h): thread names for reports, a
 * snapshot of every thread's record, totals, and the raw trace buffer. */
struct GilThreadStats;
struct GilEvent;
uint64_t gil_now_ns(void);
void gil_set_thread_name(ThreadState *ts, const char *name);
void gil_stats_snapshot(void (*visit)(const struct GilThreadStats *st, void *arg), void *arg);
void gil_stats_totals(uint64_t *switches, uint64_t *drop_requests, uint64_t *since_ns);
void gil_stats_reset(void);
void gil_trace_begin(void);
struct GilEvent *gil_trace_end(size_t *n);   /* malloc'ed events; caller frees */
extern atomic_int gil_tracing;

/* Signals: the SIGINT handler records the signal and sets the breaker;
 * the main thread raises KeyboardInterrupt at its next check point or when
 * a blocking call returns EINTR (err_check_signals). */
void signals_init(void);
int signals_check(void);             /* run pending handlers; -1 if one raised */
extern volatile sig_atomic_t signals_pending;
/* For the signal module: route `signo` to the recording C handler, and set
 * the Python handler the main thread calls (NULL: default behaviour). */
int signals_install_c_handler(int signo);
void signals_set_handler(int signo, Object *handler);   /* increfs */
Object *signals_get_handler(int signo);                  /* borrowed, may be NULL */

#endif
