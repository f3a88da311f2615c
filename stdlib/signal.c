/* stdlib/signal.c — the `signal` module.
 *
 * Python handlers never run inside the C signal handler: gil/gil.c records
 * the signal and the main thread calls the handler between instructions.
 * SIG_DFL and SIG_IGN go straight to sigaction.
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "gil/gil.h"
#include "stdlib/signal_mod.h"
#include "vm/vm.h"

#define SIG_DFL_VALUE 0
#define SIG_IGN_VALUE 1

static Object *default_int_handler_obj;

static int check_signum(int signo) {
    if (signo < 1 || signo >= 65) {
        err_format(&Exc_ValueError, "signal number out of range");
        return -1;
    }
    return 0;
}

static Object *signal_default_int_handler(Object *m, Object *const *args, size_t nargs,
                                          Object *kw) {
    err_set_none(&Exc_KeyboardInterrupt);
    return NULL;
}

static Object *signal_signal(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int signo;
    Object *handler;
    if (args_parse(args, nargs, kw, "iO:signal", NULL, &signo, &handler) < 0) return NULL;
    if (check_signum(signo) < 0) return NULL;
    if (!ts_current->is_main)
        return err_format(&Exc_ValueError, "signal only works in main thread of the main interpreter");
    if (signo == SIGKILL || signo == SIGSTOP)
        return err_from_errno(&Exc_OSError);
    Object *old = signals_get_handler(signo);
    Object *result;
    if (old) result = NEWREF(old);
    else if (signo == SIGINT) result = NEWREF(default_int_handler_obj);
    else result = int_from_long(SIG_DFL_VALUE);
    if (int_check(handler)) {
        long v = (long)int_as_long(handler);
        if (v != SIG_DFL_VALUE && v != SIG_IGN_VALUE) {
            DECREF(result);
            return err_format(&Exc_TypeError,
                              "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
        }
        signals_set_handler(signo, NULL);
        if (signo == SIGINT && v == SIG_DFL_VALUE) {
            signal(SIGINT, SIG_DFL);
        } else {
            signal(signo, v == SIG_IGN_VALUE ? SIG_IGN : SIG_DFL);
        }
        return result;
    }
    if (!obj_callable(handler)) {
        DECREF(result);
        return err_format(&Exc_TypeError,
                          "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    }
    if (handler == default_int_handler_obj) {
        signals_set_handler(signo, NULL);
    } else {
        signals_set_handler(signo, handler);
    }
    signals_install_c_handler(signo);
    return result;
}

static Object *signal_getsignal(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int signo;
    if (args_parse(args, nargs, kw, "i:getsignal", NULL, &signo) < 0) return NULL;
    if (check_signum(signo) < 0) return NULL;
    Object *h = signals_get_handler(signo);
    if (h) return NEWREF(h);
    if (signo == SIGINT) return NEWREF(default_int_handler_obj);
    struct sigaction sa;
    sigaction(signo, NULL, &sa);
    return int_from_long(sa.sa_handler == SIG_IGN ? SIG_IGN_VALUE : SIG_DFL_VALUE);
}

static Object *signal_alarm(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int secs;
    if (args_parse(args, nargs, kw, "i:alarm", NULL, &secs) < 0) return NULL;
    return int_from_long(alarm((unsigned)secs));
}

static Object *signal_pause(Object *m, Object *const *args, size_t nargs, Object *kw) {
    GIL_BLOCKING_BEGIN("pause");
    pause();
    GIL_BLOCKING_END();
    if (signals_check() < 0) return NULL;
    return none_new();
}

static Object *signal_raise_signal(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int signo;
    if (args_parse(args, nargs, kw, "i:raise_signal", NULL, &signo) < 0) return NULL;
    if (check_signum(signo) < 0) return NULL;
    if (raise(signo) != 0) return err_from_errno(&Exc_OSError);
    if (signals_check() < 0) return NULL;
    return none_new();
}

static Object *signal_strsignal(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int signo;
    if (args_parse(args, nargs, kw, "i:strsignal", NULL, &signo) < 0) return NULL;
    if (check_signum(signo) < 0) return NULL;
    return str_from_cstr(strsignal(signo));
}

static MethodDef default_int_handler_def = {"default_int_handler", signal_default_int_handler,
                                            0, "The default handler for SIGINT."};

static MethodDef signal_functions[] = {
    {"signal", signal_signal, 0, "signal(signalnum, handler) -> previous handler"},
    {"getsignal", signal_getsignal, 0, "getsignal(signalnum) -> current handler"},
    {"alarm", signal_alarm, 0, NULL},
    {"pause", signal_pause, 0, NULL},
    {"raise_signal", signal_raise_signal, 0, NULL},
    {"strsignal", signal_strsignal, 0, NULL},
    {NULL, NULL, 0, NULL},
};

Object *mod_signal_init(void) {
    Object *m = module_new("signal");
    if (!m) return NULL;
    if (module_add_functions(m, signal_functions) < 0) goto fail;
    default_int_handler_obj = builtin_function_new(&default_int_handler_def, m);
    if (!default_int_handler_obj || module_add(m, "default_int_handler", default_int_handler_obj) < 0)
        goto fail;
    static const struct { const char *name; int value; } consts[] = {
        {"SIG_DFL", SIG_DFL_VALUE}, {"SIG_IGN", SIG_IGN_VALUE}, {"SIGHUP", SIGHUP},
        {"SIGINT", SIGINT}, {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL}, {"SIGABRT", SIGABRT},
        {"SIGFPE", SIGFPE}, {"SIGKILL", SIGKILL}, {"SIGUSR1", SIGUSR1}, {"SIGSEGV", SIGSEGV},
        {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE}, {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM},
        {"SIGCHLD", SIGCHLD}, {"SIGCONT", SIGCONT}, {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP},
        {"NSIG", 65},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (module_add_int(m, consts[i].name, consts[i].value) < 0) goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
