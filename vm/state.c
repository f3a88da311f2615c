/* vm/state.c — thread states and the C-recursion guard. */
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "vm/state.h"
#include "vm/error.h"

__thread ThreadState *ts_current;
Runtime runtime = {.recursion_limit = GILPY_DEFAULT_RECURSION_LIMIT};

static unsigned long next_fallback_ident = 1;

ThreadState *threadstate_new(void) {
    ThreadState *ts = calloc(1, sizeof *ts);
    if (!ts) return NULL;
    ts->thread = pthread_self();
    ts->ident = (unsigned long)ts->thread;
    if (!ts->ident) ts->ident = next_fallback_ident++;
    ts->native_id = (long)syscall(SYS_gettid);
    /* Link at the head of the interpreter's list (caller holds the GIL or
     * is the only thread). */
    ts->next = runtime.threads;
    if (runtime.threads) runtime.threads->prev = ts;
    runtime.threads = ts;
    return ts;
}

void threadstate_clear(ThreadState *ts) {
    if (ts->prev) ts->prev->next = ts->next;
    else if (runtime.threads == ts) runtime.threads = ts->next;
    if (ts->next) ts->next->prev = ts->prev;
    CLEAR(ts->curexc);
    CLEAR(ts->handled_exc);
    CLEAR(ts->local_dicts);
    CLEAR(ts->async_exc);
}

void threadstate_delete(ThreadState *ts) {
    threadstate_clear(ts);
    if (ts_current == ts) ts_current = NULL;
    free(ts);
}

/* C-level recursion (repr of nested containers, comparisons of deep
 * structures) shares the Python recursion limit, with headroom. */
int enter_recursive_call(const char *where) {
    ThreadState *ts = ts_current;
    if (++ts->c_recursion_depth > runtime.recursion_limit + 50) {
        ts->c_recursion_depth--;
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded%s", where ? where : "");
        return -1;
    }
    return 0;
}

void leave_recursive_call(void) { ts_current->c_recursion_depth--; }
