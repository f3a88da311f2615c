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

int eval_handle_breaker(void);

void gil_init(void);                 /* create the lock, take it for the main thread */
void gil_acquire(ThreadState *ts);   /* take the GIL and make ts current */
void gil_release(ThreadState *ts);   /* give it up (thread end, blocking) */
void gil_after_fork_child(void);     /* re-initialise in a forked child */
bool gil_held(void);                 /* does the calling thread hold it? */

/* Release around a blocking call; `what` names the call for statistics/traces. */
void gil_blocking_begin(const char *what);
void gil_blocking_end(void);
#define GIL_BLOCKING_BEGIN(what) gil_blocking_begin(what)
#define GIL_BLOCKING_END() gil_blocking_end()

double gil_get_switch_interval(void);
void gil_set_switch_interval(double seconds);

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
