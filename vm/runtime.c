/* vm/runtime.c — start-up, running the main program, the top-level
 * exception handler and shutdown.
 *
 * Start-up order matters: the main thread state exists (and holds the GIL)
 * before any object is made, types are readied before any module is built,
 * builtins before sys (sys.displayhook stores into builtins), sys before
 * anything that writes to the standard streams.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm/compiler.h"
#include "vm/eval.h"
#include "vm/runtime.h"
#include "vm/objects/containers.h"
#include "vm/objects/text.h"
#include "vm/objects/typesys.h"
#include "gc/gc.h"
#include "gil/gil.h"
#include "stdlib/gilmod.h"
#include "stdlib/io.h"
#include "stdlib/numbers.h"
#include "stdlib/runtime_modules.h"

void runtime_modules_init_types(void) {
    io_init_types();
    type_ready(&SimpleNamespace_Type);
}

static void fatal(const char *what) {
    fprintf(stderr, "gilpy: fatal error during start-up: %s\n", what);
    Object *exc = ts_current ? err_fetch() : NULL;
    if (exc) err_display(exc);
    exit(1);
}

int runtime_init(int argc, char **argv) {
    /* The main thread's state first: raising errors needs ts_current. */
    ThreadState *ts = threadstate_new();
    if (!ts) fatal("out of memory");
    ts->is_main = 1;
    runtime.main_thread = ts;
    ts_current = ts;
    gil_init();
    gil_acquire(ts);
    gil_set_thread_name(ts, "MainThread");
    signals_init();

    typesys_init_types();
    int_init_types();
    str_init_types();
    containers_init_types();
    eval_init_types();
    names_init();
    runtime_modules_init_types();
    if (err_occurred()) fatal("initialising the built-in types");

    if (runtime.recursion_limit <= 0) runtime.recursion_limit = GILPY_DEFAULT_RECURSION_LIMIT;
    runtime.modules = dict_new();
    if (!runtime.modules) fatal("creating sys.modules");
    Object *builtins = mod_builtins_init();
    if (!builtins) fatal("creating the builtins module");
    runtime.builtins = NEWREF(module_get_dict(builtins));
    if (dict_set_cstr(runtime.modules, "builtins", builtins) < 0) fatal("sys.modules");
    DECREF(builtins);
    Object *sys = mod_sys_init();
    if (!sys) fatal("creating the sys module");
    if (dict_set_cstr(runtime.modules, "sys", sys) < 0) fatal("sys.modules");
    DECREF(sys);
    if (sys_set_argv(argc, argv) < 0) fatal("sys.argv");
    return 0;
}

/* ---- running source ------------------------------------------------------------ */
Object *run_string(const char *source, const char *filename, int mode, Object *globals,
                   Object *locals) {
    if (!dict_get_str(globals, id___builtins__)) {
        if (err_occurred() || dict_set(globals, id___builtins__, runtime.builtins) < 0)
            return NULL;
    }
    Object *code = compile_source(source, filename, mode);
    if (!code) return NULL;
    Object *r = eval_code(code, globals, locals ? locals : globals);
    DECREF(code);
    return r;
}

/* A fresh __main__ module registered in sys.modules; borrowed dict. */
static Object *make_main_module(const char *file) {
    Object *m = module_new("__main__");
    if (!m) return NULL;
    Object *d = module_get_dict(m);
    Object *bmod = dict_get_cstr(runtime.modules, "builtins");
    int rc = dict_set(d, id___builtins__, bmod ? bmod : runtime.builtins);
    if (rc == 0) rc = dict_set(d, id___package__, None);
    if (rc == 0) rc = dict_set(d, id___spec__, None);
    if (rc == 0) rc = dict_set(d, id___loader__, None);
    if (rc == 0) {
        Object *ann = dict_new();
        rc = ann ? dict_set(d, id___annotations__, ann) : -1;
        XDECREF(ann);
    }
    if (rc == 0 && file) {
        Object *f = str_from_cstr(file);
        rc = f ? dict_set(d, id___file__, f) : -1;
        XDECREF(f);
        if (rc == 0) rc = dict_set_cstr(d, "__cached__", None);
    }
    if (rc == 0) rc = dict_set(runtime.modules, id___main__, m);
    DECREF(m);   /* sys.modules keeps it */
    return rc == 0 ? d : NULL;
}

Object *runtime_main_dict(void) {
    Object *m = dict_get(runtime.modules, id___main__);
    if (m && module_check(m)) return module_get_dict(m);
    return make_main_module(NULL);
}

static int run_in_main(const char *source, const char *filename, const char *file) {
    Object *d = runtime_main_dict();
    if (!d) return handle_uncaught();
    if (file) {
        Object *f = str_from_cstr(file);
        int rc = f ? dict_set(d, id___file__, f) : -1;
        XDECREF(f);
        if (rc == 0) rc = dict_set_cstr(d, "__cached__", None);
        if (rc < 0) return handle_uncaught();
    }
    INCREF(d);
    Object *code = compile_source(source, filename, MODE_EXEC);
    Object *r = code ? eval_code(code, d, d) : NULL;
    XDECREF(code);
    DECREF(d);
    if (!r) return handle_uncaught();
    DECREF(r);
    return 0;
}

int run_main_module(const char *source, const char *file, const char *package) {
    char cwd[PATH_MAX];
    if (sys_set_path0(getcwd(cwd, sizeof cwd) ? cwd : "") < 0) return handle_uncaught();
    Object *d = make_main_module(file);
    if (!d) return handle_uncaught();
    Object *pkg = str_from_cstr(package ? package : "");
    if (!pkg || dict_set(d, id___package__, pkg) < 0) {
        XDECREF(pkg);
        return handle_uncaught();
    }
    DECREF(pkg);
    return run_in_main(source, file, file);
}

int run_main_source(const char *source, const char *filename) {
    if (sys_set_path0("") < 0) return handle_uncaught();
    /* A program read from stdin has __file__ '<stdin>'; -c has none. */
    return run_in_main(source, filename, strcmp(filename, "<stdin>") ? NULL : filename);
}

static char *read_whole_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) break;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) free(buf);
            buf = nb;
        }
    }
    int err = errno;
    fclose(f);
    errno = err;
    if (buf) buf[n] = '\0';
    return buf;
}

int run_main_file(const char *path) {
    /* __file__ and the code's filename: the path made absolute (not
     * normalised), as CPython shows it in tracebacks. */
    char abspath[PATH_MAX * 2];
    if (path[0] == '/') {
        snprintf(abspath, sizeof abspath, "%s", path);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) cwd[0] = '\0';
        snprintf(abspath, sizeof abspath, "%s/%s", cwd, path);
    }
    struct stat st;
    char mainpath[PATH_MAX * 2 + 16];
    const char *runpath = abspath;
    bool is_dir = stat(abspath, &st) == 0 && S_ISDIR(st.st_mode);
    if (is_dir) {
        /* A folder with __main__.py runs that file, with the folder first
         * on sys.path. */
        snprintf(mainpath, sizeof mainpath, "%s/__main__.py", abspath);
        runpath = mainpath;
    }
    char *source = read_whole_file(runpath);
    if (!source) {
        int err = errno;
        if (is_dir) {
            /* python3 reports this one as an error of the program: status 1. */
            fprintf(stderr, "gilpy: can't find '__main__' module in '%s'\n", path);
            return 1;
        }
        fprintf(stderr, "gilpy: can't open file '%s': [Errno %d] %s\n", abspath, err,
                strerror(err));
        return 2;
    }
    char dir[PATH_MAX * 2], real[PATH_MAX];
    if (is_dir) {
        snprintf(dir, sizeof dir, "%s", abspath);
    } else {
        snprintf(dir, sizeof dir, "%s", abspath);
        char *slash = strrchr(dir, '/');
        if (slash == dir) slash[1] = '\0';
        else if (slash) *slash = '\0';
    }
    int status;
    if (sys_set_path0(realpath(dir, real) ? real : dir) < 0) {
        status = handle_uncaught();
    } else {
        const char *text = source;
        if (!strncmp(text, "\xEF\xBB\xBF", 3)) text += 3;
        status = run_in_main(text, runpath, runpath);
    }
    free(source);
    return status;
}

/* ---- the top-level exception handler ------------------------------------------- */
static void write_stderr_text(Object *s) {
    Object *err = sys_get_object("stderr");
    if (err && err != None) {
        Object *r = obj_call_method(err, "write", &s, 1);
        if (r) {
            DECREF(r);
            return;
        }
        err_clear();
    }
    fputs(str_utf8(s), stderr);
}

/* Show `exc` through sys.excepthook (ours is err_display). */
static void display_exception(Object *exc) {
    Object *hook = sys_get_object("excepthook");
    bool ours = hook && !IS_SMALLINT(hook) && hook->type == &BuiltinFunction_Type &&
                ((BuiltinFunctionObject *)hook)->def->meth == sys_default_excepthook;
    if (!hook || hook == None || ours) {
        err_display(exc);
        return;
    }
    INCREF(hook);
    Object *tb = exc_get_traceback(exc);
    Object *args[3] = {(Object *)OBJ_TYPE(exc), exc, tb ? tb : None};
    Object *r = obj_call(hook, args, 3, NULL);
    DECREF(hook);
    if (r) {
        DECREF(r);
        return;
    }
    Object *hookexc = err_fetch();
    if (err_given_matches(hookexc, &Exc_SystemExit)) {
        /* sys.exit() in the hook: honour it like the main program's. */
        err_restore(hookexc);
        return;
    }
    fputs("Error in sys.excepthook:\n", stderr);
    if (hookexc) {
        err_display(hookexc);
        DECREF(hookexc);
    }
    fputs("\nOriginal exception was:\n", stderr);
    err_display(exc);
}

static int exit_code_of(Object *exc) {
    Object *code = ((SystemExitObject *)exc)->code;
    if (!code || code == None) return 0;
    if (int_check(code)) {
        long long v = int_as_long(code);
        if (v == -1 && err_occurred()) {
            err_clear();
            return -1;
        }
        return (int)v;
    }
    /* Any other value is printed (str) and the status is 1. */
    Object *s = obj_str(code);
    if (s) {
        Object *line = str_from_format("%U\n", s);
        if (line) {
            write_stderr_text(line);
            DECREF(line);
        }
        DECREF(s);
    }
    err_clear();
    return 1;
}

bool runtime_exit_by_sigint;

int handle_uncaught(void) {
    Object *exc = err_fetch();
    if (!exc) return 0;
    int status;
    /* What the program printed comes before its traceback, as in CPython. */
    io_flush_std_streams();
    if (err_given_matches(exc, &Exc_SystemExit)) {
        status = exit_code_of(exc);
    } else {
        display_exception(exc);
        runtime_exit_by_sigint = err_given_matches(exc, &Exc_KeyboardInterrupt);
        status = runtime_exit_by_sigint ? 130 : 1;
        Object *again = err_fetch();
        if (again) {
            /* the hook called sys.exit() */
            if (err_given_matches(again, &Exc_SystemExit)) status = exit_code_of(again);
            DECREF(again);
        }
    }
    DECREF(exc);
    return status;
}

/* ---- shutdown -------------------------------------------------------------------- */
static void report_exception(void) {
    Object *exc = err_fetch();
    if (!exc) return;
    if (!err_given_matches(exc, &Exc_SystemExit)) err_display(exc);
    DECREF(exc);
}

/* Flush one standard stream; -1 if that failed (after reporting it as
 * CPython does: "Exception ignored in: <stream>"). */
static int flush_std(const char *name) {
    Object *f = sys_get_object(name);
    if (!f || f == None) return 0;
    INCREF(f);
    int rc = io_flush(f);
    if (rc < 0) err_write_unraisable(f);
    DECREF(f);
    return rc;
}

/* Drop __main__'s globals as CPython's module teardown does (names with one
 * leading underscore first, then the rest but __builtins__), so objects
 * still referenced there get their __del__ run before exit.  Only when no
 * other thread is left: a daemon thread could otherwise run on a cleared
 * module while a __del__ releases the GIL. */
static bool only_thread_left(void) {
    ThreadState *ts = ts_current;
    return runtime.threads == ts && !ts->next;
}

static void clear_module_dict(Object *d) {
    INCREF(d);
    for (int pass = 0; pass < 2; pass++) {
        Object *keys = dict_keys_list(d);
        if (!keys) break;
        for (intptr_t i = 0; i < LIST_SIZE(keys); i++) {
            Object *k = LIST_GET(keys, i);
            if (!str_check(k)) continue;
            const char *s = str_utf8(k);
            bool single = s[0] == '_' && s[1] != '_';
            if (pass == 0 ? !single : str_eq_cstr(k, "__builtins__")) continue;
            Object *v = dict_get(d, k);
            if (v && v != None && dict_set(d, k, None) < 0) err_clear();
            if (err_occurred()) err_write_unraisable(NULL);
        }
        DECREF(keys);
    }
    DECREF(d);
}

static void clear_main_module(void) {
    if (!only_thread_left()) return;
    Object *m = dict_get(runtime.modules, id___main__);
    if (!m || !module_check(m)) {
        err_clear();
        return;
    }
    clear_module_dict(module_get_dict(m));
}

/* Then the other modules' globals, the most recently imported first, so
 * that objects held in imported modules get their __del__ run too (same
 * guard as above).  sys and builtins are left alone: the finalisers that
 * run here, the last collection and the final flushes still need print,
 * sys.stdout and sys.stderr (CPython clears them after everything else,
 * when nothing can use them any more). */
static void clear_other_modules(void) {
    if (!only_thread_left()) return;
    Object *names = dict_keys_list(runtime.modules);
    if (!names) {
        err_clear();
        return;
    }
    for (intptr_t i = LIST_SIZE(names) - 1; i >= 0; i--) {
        Object *name = LIST_GET(names, i);
        if (!str_check(name) || str_eq_cstr(name, "__main__") || str_eq_cstr(name, "sys") ||
            str_eq_cstr(name, "builtins"))
            continue;
        Object *m = dict_get(runtime.modules, name);
        if (!m) {
            err_clear();
            continue;
        }
        if (!module_check(m)) continue;
        INCREF(m);
        clear_module_dict(module_get_dict(m));
        DECREF(m);
    }
    DECREF(names);
}

int runtime_finalize(int status) {
    /* Wait for the non-daemon threads (threading.py). */
    Object *threading = dict_get_cstr(runtime.modules, "threading");
    if (threading) {
        INCREF(threading);
        Object *r = obj_call_method(threading, "_shutdown", NULL, 0);
        if (r) DECREF(r);
        else report_exception();
        DECREF(threading);
    } else if (err_occurred()) {
        err_clear();
    }
    atexit_run_callbacks();
    runtime.finalizing = 1;
    clear_main_module();
    clear_other_modules();
    gc_fini();   /* cycles left by the teardown: __del__ runs, memory freed */
    io_flush_all_files();
    if (flush_std("stdout") < 0 && status == 0) status = 120;
    flush_std("stderr");
    gil_lab_finish();
    return status;
}
