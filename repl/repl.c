/* repl/repl.c — the interactive loop.
 *
 * On a terminal, lines come from the readline editor (repl/editor.c), the
 * prompt on stdout as python3 shows it.  Otherwise (`gilpy -i < file`) the
 * fallback reads sys.stdin, prompts on stderr as CPython does without
 * readline, so a piped session keeps stdout clean; reading goes through
 * sys.stdin (the same buffered object input() uses) so typed-ahead lines
 * are not lost between the two.
 *
 * The compiler decides when a statement is complete (compile_is_incomplete);
 * the loop only collects lines until it says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/compiler.h"
#include "vm/eval.h"
#include "vm/runtime.h"
#include "gil/gil.h"
#include "stdlib/io.h"
#include "stdlib/runtime_modules.h"
#include "repl/repl.h"

static bool use_editor;

char *repl_read_line(const char *prompt) {
    if (use_editor) return repl_editor_read(prompt);
    io_flush_std_streams();
    fputs(prompt, stderr);
    fflush(stderr);
    Object *in = sys_get_object("stdin");
    if (!in || in == None) {
        err_format(&Exc_RuntimeError, "lost sys.stdin");
        return NULL;
    }
    INCREF(in);
    Object *line = obj_call_method(in, "readline", NULL, 0);
    DECREF(in);
    if (!line) return NULL;
    if (!str_check(line)) {
        DECREF(line);
        err_format(&Exc_TypeError, "object.readline() returned non-string");
        return NULL;
    }
    char *res = NULL;
    if (STR_SIZE(line) > 0) {
        size_t n = (size_t)STR_SIZE(line);
        if (STR_DATA(line)[n - 1] == '\n') n--;
        res = malloc(n + 1);
        if (res) {
            memcpy(res, STR_DATA(line), n);
            res[n] = '\0';
        }
    }
    DECREF(line);
    return res;
}

/* sys.ps1 / sys.ps2 as text (they may be any object: str() of it). */
static char *prompt_text(const char *name, const char *dflt) {
    Object *p = sys_get_object(name);
    if (!p) return strdup(dflt);
    Object *s = obj_str(p);
    if (!s) {
        err_clear();
        return strdup(dflt);
    }
    char *r = strdup(str_utf8(s));
    DECREF(s);
    return r;
}

int repl_run(bool banner) {
    runtime.interactive = 1;
    Object *ps1 = str_from_cstr(">>> "), *ps2 = str_from_cstr("... ");
    if (ps1 && !sys_get_object("ps1")) sys_set_object("ps1", ps1);
    if (ps2 && !sys_get_object("ps2")) sys_set_object("ps2", ps2);
    XDECREF(ps1);
    XDECREF(ps2);
    if (banner) {
        fprintf(stderr, "gilpy %s (Python %d.%d compatible) — switch interval %.1f ms, "
                        "GIL policy %s\n",
                GILPY_VERSION, GILPY_PY_MAJOR, GILPY_PY_MINOR, gil_get_switch_interval() * 1e3,
                gil_policy_name(gil_get_policy()));
        fprintf(stderr, "Type exit() or Ctrl-D to leave.\n");
    }
    Object *globals = runtime_main_dict();
    if (!globals) return handle_uncaught();
    INCREF(globals);
    use_editor = repl_editor_usable() && repl_editor_open() == 0;
    runtime_exit_by_sigint = false;   /* -i: the program's interrupt is over */
    int status = 0;
    char *buf = NULL;
    size_t len = 0;
    for (;;) {
        char *prompt = prompt_text(len ? "ps2" : "ps1", len ? "... " : ">>> ");
        char *line = repl_read_line(prompt ? prompt : ">>> ");
        free(prompt);
        if (!line) {
            if (err_occurred()) {
                if (err_matches(&Exc_KeyboardInterrupt)) {
                    err_clear();
                    fputs("\nKeyboardInterrupt\n", stderr);
                    free(buf);
                    buf = NULL;
                    len = 0;
                    continue;
                }
                status = handle_uncaught();
                break;
            }
            if (!use_editor) fputs("\n", stderr);   /* EOF (Ctrl-D); the editor ends its line */
            break;
        }
        /* As python3: the process ends by SIGINT only if the last input
         * ran into KeyboardInterrupt (handle_uncaught sets the flag). */
        runtime_exit_by_sigint = false;
        size_t n = strlen(line);
        if (len == 0 && strspn(line, " \t") == n) {
            free(line);
            continue;
        }
        char *nb = realloc(buf, len + n + 2);
        if (!nb) {
            free(line);
            break;
        }
        buf = nb;
        memcpy(buf + len, line, n);
        len += n;
        buf[len++] = '\n';
        buf[len] = '\0';
        free(line);
        if (compile_is_incomplete(buf)) continue;
        Object *code = compile_source(buf, "<stdin>", MODE_SINGLE);
        free(buf);
        buf = NULL;
        len = 0;
        Object *r = code ? eval_code(code, globals, globals) : NULL;
        XDECREF(code);
        if (r) {
            DECREF(r);
            io_flush_std_streams();
            continue;
        }
        if (err_matches(&Exc_SystemExit)) {
            status = handle_uncaught();
            break;
        }
        io_flush_std_streams();
        handle_uncaught();   /* prints the traceback; the session goes on */
    }
    free(buf);
    DECREF(globals);
    if (use_editor) repl_editor_close();
    use_editor = false;
    return status;
}
