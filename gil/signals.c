/* gil/signals.c — signal delivery to the main thread.
 *
 * The C handler only records the signal and raises a bit in eval_breaker;
 * the main thread runs the Python-level handler at its next check point (or
 * when a blocking call returns EINTR).  With no Python handler installed,
 * SIGINT raises KeyboardInterrupt.
 */
#include <signal.h>
#include <string.h>

#include "gil/gil.h"
#include "vm/abstract.h"
#include "vm/error.h"
#include "vm/objects/int.h"

#define NSIGNALS 65

volatile sig_atomic_t signals_pending;
static volatile sig_atomic_t signal_tripped[NSIGNALS];
static Object *signal_handlers[NSIGNALS];   /* Python callables, or NULL */

static void on_signal(int signo) {
    if (signo > 0 && signo < NSIGNALS) signal_tripped[signo] = 1;
    signals_pending = 1;
    atomic_fetch_or(&eval_breaker, EVAL_BREAK_SIGNALS);
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
    /* A SIGINT ignored by our parent (nohup, `cmd &` in some shells) stays
     * ignored, as in CPython. */
    struct sigaction old;
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
        signals_install_c_handler(SIGINT);
    signal(SIGPIPE, SIG_IGN);
}

int signals_check(void) {
    ThreadState *ts = ts_current;
    if (!signals_pending || !ts || !ts->is_main) return 0;
    signals_pending = 0;
    atomic_fetch_and(&eval_breaker, ~EVAL_BREAK_SIGNALS);
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
            atomic_fetch_or(&eval_breaker, EVAL_BREAK_SIGNALS);
            return -1;
        }
        DECREF(r);
    }
    return 0;
}
