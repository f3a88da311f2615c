/* repl/main.c — the gilpy command line:
 *
 *   gilpy [option] ... [-c cmd | -m mod | file | -] [arg] ...
 *
 * Options are parsed as python3 parses them (clustered short options, -c and
 * -m end the option list, sys.argv built the same way); the result goes to
 * runtime_config, then runtime_init builds the interpreter, and the chosen
 * program runs as __main__.  The exit status is what the program implies
 * (handle_uncaught) after runtime_finalize.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm/compiler.h"
#include "vm/runtime.h"
#include "gil/gil.h"
#include "stdlib/gilmod.h"
#include "stdlib/io.h"
#include "stdlib/runtime_modules.h"
#include "repl/repl.h"

#define USAGE "usage: gilpy [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"

static const char help_text[] =
    USAGE
    "Options:\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-i     : inspect interactively after running script; forces a prompt even\n"
    "         if stdin does not appear to be a terminal\n"
    "-q     : don't print the banner on interactive startup\n"
    "-u     : force the stdout and stderr streams to be unbuffered\n"
    "         (also PYTHONUNBUFFERED=x)\n"
    "-E     : ignore GILPY_PATH and other environment settings\n"
    "-B, -s, -S, -O, -I, -P, -b, -d, -v : accepted for python3 compatibility\n"
    "-W arg : warning control (accepted, ignored)\n"
    "-V     : print the version number and exit (also --version)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-X opt : implementation-specific option (also in sys._xoptions):\n"
    "         -X switchinterval=S  GIL switch interval in seconds (default 0.005;\n"
    "                              also GILPY_SWITCHINTERVAL=S)\n"
    "         -X gil=POLICY        GIL policy: interval, ticks, fifo, priority\n"
    "                              (also GILPY_GIL=POLICY)\n"
    "         -X checkinterval=N   check points between releases for the ticks policy\n"
    "         -X gilstats          print per-thread GIL statistics at exit\n"
    "         -X giltrace=FILE     record a GIL timeline (FILE.json or FILE.svg)\n"
    "         -X gilchecks=every   test for a GIL drop request before every\n"
    "                              instruction, not only at check points\n"
    "--dis  : print the bytecode of the script (check points marked '*') and exit\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n"
    "Interactive mode: line editing, history in ~/.gilpy_history (GILPY_HISTFILE=FILE\n"
    "overrides, empty: none), Tab completes names and attributes.\n";

static void usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, fmt, arg);
    fputs("\n" USAGE "Try `gilpy -h' for more information.\n", stderr);
    exit(2);
}

/* The whole of a file descriptor (the program on stdin). */
static char *read_all_fd(int fd) {
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) free(buf);
            buf = nb;
        }
    }
    if (buf) buf[n] = '\0';
    return buf;
}

static int apply_xoptions(void) {
    for (int i = 0; i < runtime_config.xoption_count; i++) {
        const char *opt = runtime_config.xoptions[i];
        if (!strncmp(opt, "switchinterval=", 15)) {
            char *end;
            double s = strtod(opt + 15, &end);
            if (end == opt + 15 || *end || !(s > 0)) {
                fprintf(stderr, "gilpy: -X switchinterval: invalid value '%s' (seconds > 0)\n",
                        opt + 15);
                return -1;
            }
            gil_set_switch_interval(s);
        } else if (gil_lab_option(opt) < 0) {
            return -1;
        }
    }
    return 0;
}

/* --dis: the bytecode of the script, check points marked. */
static int run_dis(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "gilpy: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        return 2;
    }
    char *src = read_all_fd(fd);
    close(fd);
    if (!src) return 1;
    Object *code = compile_source(src, path, MODE_EXEC);
    free(src);
    if (!code) return handle_uncaught();
    dis_code(code, stdout);
    fflush(stdout);
    DECREF(code);
    return 0;
}

/* Why -m could not find its module, worded as python3 does. */
static void report_module_error(const char *module) {
    Object *exc = err_fetch();
    if (!exc) return;
    io_flush_std_streams();
    Object *msg = obj_str(exc);
    Object *name = NULL;
    if (obj_lookup_attr(exc, id_name, &name) < 0) err_clear();
    if (!msg) err_clear();
    const char *m = msg ? str_utf8(msg) : "";
    if (err_given_matches(exc, &Exc_ModuleNotFoundError) && name && str_check(name) &&
        str_eq_cstr(name, module)) {
        if (strstr(m, "is not a package")) {
            const char *dot = strrchr(module, '.');
            fprintf(stderr, "gilpy: Error while finding module specification for '%s' "
                            "(ModuleNotFoundError: __path__ attribute not found on '%.*s' "
                            "while trying to find '%s')\n",
                    module, (int)(dot - module), module, module);
        } else {
            fprintf(stderr, "gilpy: No module named %s\n", module);
        }
    } else if (err_given_matches(exc, &Exc_ImportError) && !strstr(m, "cannot be directly")) {
        fprintf(stderr, "gilpy: Error while finding module specification for '%s' (%s: %s)\n",
                module, type_name(OBJ_TYPE(exc)), m);
    } else if (err_given_matches(exc, &Exc_ImportError)) {
        fprintf(stderr, "gilpy: %s\n", m);
    } else {
        err_display(exc);
    }
    XDECREF(name);
    XDECREF(msg);
    DECREF(exc);
}

int main(int argc, char **argv) {
    const char *command = NULL, *module = NULL, *script = NULL;
    bool dis = false;
    int i = 1;
    runtime_config.orig_argc = argc;
    runtime_config.orig_argv = argv;
    runtime_config.xoptions = calloc((size_t)argc + 1, sizeof(char *));
    for (; i < argc && !command && !module; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0') break;   /* the script, or "-" */
        if (a[1] == '-') {
            if (a[2] == '\0') {
                i++;
                break;
            }
            if (!strcmp(a, "--version")) {
                printf("gilpy %s (Python %d.%d compatible)\n", GILPY_VERSION, GILPY_PY_MAJOR,
                       GILPY_PY_MINOR);
                return 0;
            }
            if (!strcmp(a, "--help")) {
                fputs(help_text, stdout);
                return 0;
            }
            if (!strcmp(a, "--dis")) {
                dis = true;
                continue;
            }
            usage_error("unknown option %s", a);
        }
        for (const char *p = a + 1; *p; p++) {
            char c = *p;
            if (c == 'c' || c == 'm' || c == 'X' || c == 'W') {
                const char *val = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (!val) {
                    char opt[3] = {'-', c, '\0'};
                    usage_error("Argument expected for the %s option", opt);
                }
                if (c == 'c') command = val;
                else if (c == 'm') module = val;
                else if (c == 'X') runtime_config.xoptions[runtime_config.xoption_count++] = (char *)val;
                break;
            }
            switch (c) {
            case 'i': runtime_config.inspect = 1; break;
            case 'q': runtime_config.quiet = 1; break;
            case 'u': runtime_config.unbuffered = 1; break;
            case 'E': runtime_config.ignore_environment = 1; break;
            case 's': runtime_config.no_user_site = 1; break;
            case 'B': runtime_config.dont_write_bytecode = 1; break;
            case 'O': runtime_config.optimize++; break;
            case 'I': runtime_config.ignore_environment = runtime_config.no_user_site = 1; break;
            case 'S': case 'P': case 'b': case 'd': case 'v': case 'R': case 'x': break;
            case 'V':
                printf("gilpy %s (Python %d.%d compatible)\n", GILPY_VERSION, GILPY_PY_MAJOR,
                       GILPY_PY_MINOR);
                return 0;
            case 'h': case '?':
                fputs(help_text, stdout);
                return 0;
            default: {
                char opt[3] = {'-', c, '\0'};
                usage_error("Unknown option: %s", opt);
            }
            }
        }
    }
    /* sys.argv, as python3 builds it. */
    int sargc;
    char **sargv;
    static char dash_c[] = "-c", dash_m[] = "-m", empty[] = "";
    if (command || module) {
        sargc = argc - i + 1;
        sargv = calloc((size_t)sargc + 1, sizeof(char *));
        sargv[0] = command ? dash_c : dash_m;
        for (int k = 1; k < sargc; k++) sargv[k] = argv[i + k - 1];
    } else if (i < argc) {
        script = argv[i];
        sargc = argc - i;
        sargv = argv + i;
    } else {
        sargc = 1;
        sargv = calloc(2, sizeof(char *));
        sargv[0] = empty;
    }
    if (dis && !script) usage_error("%s", "--dis needs a script file");

    /* python3 compatibility: PYTHONUNBUFFERED=x acts like -u (unless -E). */
    const char *unbuf = runtime_config.ignore_environment ? NULL : getenv("PYTHONUNBUFFERED");
    if (unbuf && *unbuf) runtime_config.unbuffered = 1;
    /* PYTHONOPTIMIZE=n acts like n times -O (a non-number like once). */
    const char *opt = runtime_config.ignore_environment ? NULL : getenv("PYTHONOPTIMIZE");
    if (opt && *opt) {
        char *end;
        long n = strtol(opt, &end, 10);
        if (*end || n < 0) n = 1;
        if (n > runtime_config.optimize) runtime_config.optimize = (int)n;
    }
    runtime_init(sargc, sargv);
    /* sys.argv holds its own copies now. */
    if (sargv != argv + i) free(sargv);
    if (apply_xoptions() < 0) return 2;

    int status;
    if (dis) {
        status = run_dis(script);
        return status;
    }
    bool interactive_stdin = false;
    if (command) {
        status = run_main_source(command, "<string>");
    } else if (module) {
        char *source, *file, *package, cwd[4096];
        if (sys_set_path0(getcwd(cwd, sizeof cwd) ? cwd : "") < 0) err_clear();
        if (import_find_main(module, &source, &file, &package) < 0) {
            report_module_error(module);
            status = 1;
        } else {
            Object *argv0 = str_from_cstr(file);
            Object *sysargv = sys_get_object("argv");
            if (argv0 && sysargv && list_check(sysargv) && LIST_SIZE(sysargv) > 0)
                SETREF(LIST_ITEMS(sysargv)[0], argv0);
            else
                XDECREF(argv0);
            status = run_main_module(source, file, package);
            free(source);
            free(file);
            free(package);
        }
    } else if (script && strcmp(script, "-")) {
        status = run_main_file(script);
    } else if (!script && (isatty(0) || runtime_config.inspect)) {
        /* python3 -i with no program: the >>> loop even on a pipe. */
        interactive_stdin = true;
        status = repl_run(!runtime_config.quiet);
    } else {
        char *src = read_all_fd(0);
        status = src ? run_main_source(src, "<stdin>") : 1;
        free(src);
    }
    if (runtime_config.inspect && !interactive_stdin) status = repl_run(false);
    status = runtime_finalize(status);
    if (runtime_exit_by_sigint) {
        signal(SIGINT, SIG_DFL);
        kill(getpid(), SIGINT);
    }
    return status;
}
