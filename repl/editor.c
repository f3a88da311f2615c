/* repl/editor.c — the line editor of the >>> prompt, on GNU readline.
 *
 * Used when standard input and output are both terminals (as python3 does);
 * otherwise repl.c reads sys.stdin plainly.  This file is the only one that
 * includes readline.
 *
 * Why the callback interface: while the prompt waits, the main thread must
 * not hold the GIL (other threads run), and it must wake up for Ctrl-C and
 * for other threads' output.  So the loop is
 *     pselect(stdin, wake pipe)  with the GIL released, signals unblocked
 *     -> GIL back -> rl_callback_read_char()  (one key; completion runs here)
 * until readline hands over a line.  Readline's own signal handlers are off:
 * SIGINT goes to gil/signals.c; pselect returning EINTR lets the main thread
 * raise KeyboardInterrupt and the REPL discards the line.
 *
 * Other threads' output: stdlib/io calls io_console_write_hook around every
 * write(2) to fds 1 and 2, with the GIL held.  While a prompt is shown we
 * save and clear the line being typed before the write and redraw it after,
 * so "hello from a thread" lands above the prompt instead of inside it.  The
 * writer releases the GIL during write(2); `console_busy` keeps the main
 * thread from feeding keys to readline in that window (it waits on the wake
 * pipe, which the last writer pokes).  Every readline call happens with the
 * GIL held, so readline's global state is never used by two threads at once.
 *
 * History: ~/.gilpy_history (GILPY_HISTFILE overrides, empty disables) is
 * read at the first prompt; this session's lines are appended when the REPL
 * ends.  A file we cannot write is reported as a warning.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "vm/vm.h"
#include "gil/gil.h"
#include "stdlib/io.h"
#include "repl/repl.h"

static bool initialised;
/* A terminal resize while we wait in pselect (readline's own handler is
 * only installed inside rl_callback_read_char). */
static volatile sig_atomic_t resized;
static bool own_sigwinch;
static struct sigaction old_sigwinch;
static int wake_pipe[2] = {-1, -1};
static char *history_path;
static int history_added;          /* lines added this session */

/* The prompt cycle (GIL held for all of these). */
static bool prompt_shown;          /* a handler is installed and waiting */
static bool in_readline;           /* inside rl_callback_read_char */
static bool line_ready, line_eof;
static char *line_text;            /* what readline handed over (malloc'ed) */
/* Lines of a multi-line paste not yet given to the REPL. */
static char *pending, *pending_pos;

/* Console output from other threads (GIL held; see the header comment). */
static atomic_int console_busy;    /* writes in progress */
static bool console_hidden;        /* the line is saved and cleared */
static bool output_at_line_start = true;
static char *saved_line;
static int saved_point;
#define REDRAW_DELAY_MS 100        /* wait this long for the rest of a partial line */

static void wake(void) {
    if (wake_pipe[1] >= 0) {
        ssize_t r = write(wake_pipe[1], "", 1);
        (void)r;   /* a full pipe already wakes the reader */
    }
}

static void console_hide(void) {
    if (console_hidden) return;
    console_hidden = true;
    saved_line = strdup(rl_line_buffer ? rl_line_buffer : "");
    saved_point = rl_point;
    rl_save_prompt();
    rl_replace_line("", 0);
    rl_redisplay();
}

/* Bring the prompt and the saved line back, on a line of its own. */
static void console_show(void) {
    if (!console_hidden) return;
    console_hidden = false;
    if (!output_at_line_start) {
        ssize_t r = write(STDOUT_FILENO, "\n", 1);
        (void)r;
        output_at_line_start = true;
    }
    rl_restore_prompt();
    rl_replace_line(saved_line ? saved_line : "", 0);
    rl_point = saved_point <= rl_end ? saved_point : rl_end;
    free(saved_line);
    saved_line = NULL;
    rl_forced_update_display();
}

/* Around a write to fd 1 or 2 (stdlib/io).  A write that ends a line
 * brings the prompt back at once; after a partial line ("tick" before its
 * " 0\n", as unbuffered output comes) the main thread waits a moment for the
 * rest before redrawing, so the line is not broken in two. */
static void console_write_hook(int begin, const char *data, size_t n) {
    if (!prompt_shown || in_readline) return;
    if (begin) {
        atomic_fetch_add(&console_busy, 1);
        console_hide();
        return;
    }
    if (n) output_at_line_start = data[n - 1] == '\n';
    if (atomic_fetch_sub(&console_busy, 1) > 1) return;
    if (output_at_line_start) console_show();
    wake();
}

/* ---- completion ----------------------------------------------------------- */
static char **completion_list;
static size_t completion_next;

static char *completion_entry(const char *text, int state) {
    if (state == 0) {
        if (completion_list) {
            for (size_t i = completion_next; completion_list[i]; i++) free(completion_list[i]);
            free(completion_list);
        }
        completion_list = repl_complete(text);
        completion_next = 0;
    }
    if (!completion_list) return NULL;
    char *s = completion_list[completion_next];
    if (s) {
        completion_next++;
        return s;   /* readline frees it */
    }
    free(completion_list);
    completion_list = NULL;
    return NULL;
}

static char **attempt_completion(const char *text, int start, int end) {
    rl_attempted_completion_over = 1;   /* never fall back to file names */
    rl_completion_suppress_append = 1;  /* our matches carry their own "(" or " " */
    /* Tab on blank text indents, as python3's REPL does. */
    if (strspn(text, " \t") == strlen(text)) {
        rl_insert_text("\t");
        return NULL;
    }
    return rl_completion_matches(text, completion_entry);
}

/* ---- history --------------------------------------------------------------- */
static void history_open(void) {
    const char *env = getenv("GILPY_HISTFILE");
    if (env) {
        history_path = *env ? strdup(env) : NULL;
    } else {
        const char *home = getenv("HOME");
        if (home && *home) {
            size_t n = strlen(home) + sizeof "/.gilpy_history";
            history_path = malloc(n);
            if (history_path) snprintf(history_path, n, "%s/.gilpy_history", home);
        }
    }
    using_history();
    if (history_path) read_history(history_path);   /* missing: nothing to recall */
}

static void history_save(void) {
    if (!history_path || history_added == 0) return;
    int err;
    if (access(history_path, F_OK) == 0) {
        err = append_history(history_added, history_path);
        if (err == 0) history_truncate_file(history_path, REPL_HISTORY_MAX);
    } else {
        err = write_history(history_path);
    }
    if (err != 0)
        fprintf(stderr, "gilpy: warning: cannot write the history file '%s': %s\n",
                history_path, strerror(err));
    history_added = 0;
}

/* ---- the prompt cycle ------------------------------------------------------ */
static void on_line(char *line) {
    line_ready = true;
    line_eof = line == NULL;
    line_text = line;
    rl_callback_handler_remove();   /* no new prompt until we ask for one */
    prompt_shown = false;
}

static void on_sigwinch(int signo) {
    (void)signo;
    resized = 1;
}

/* Catch SIGWINCH unless the program has a handler of its own. */
static void sigwinch_install(void) {
    struct sigaction sa, cur;
    if (sigaction(SIGWINCH, NULL, &cur) < 0 || cur.sa_handler != SIG_DFL) return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigwinch;
    sigemptyset(&sa.sa_mask);
    own_sigwinch = sigaction(SIGWINCH, &sa, &old_sigwinch) == 0;
}

bool repl_editor_usable(void) {
    return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

int repl_editor_open(void) {
    if (initialised) return 0;
    if (pipe(wake_pipe) < 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(wake_pipe[i], F_SETFL, O_NONBLOCK);
    }
    rl_readline_name = "gilpy";
    rl_instream = stdin;
    rl_outstream = stdout;
    rl_catch_signals = 0;   /* SIGINT is ours (gil/signals.c) */
    rl_catch_sigwinch = 1;
    rl_attempted_completion_function = attempt_completion;
    rl_completer_word_break_characters = (char *)" \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";
    /* As python3: a pasted block runs line by line, as if typed. */
    rl_variable_bind("enable-bracketed-paste", "off");
    history_open();
    sigwinch_install();
    io_console_write_hook = console_write_hook;
    initialised = true;
    return 0;
}

void repl_editor_close(void) {
    if (!initialised) return;
    io_console_write_hook = NULL;
    if (own_sigwinch) sigaction(SIGWINCH, &old_sigwinch, NULL);
    own_sigwinch = false;
    history_save();
    for (int i = 0; i < 2; i++) {
        close(wake_pipe[i]);
        wake_pipe[i] = -1;
    }
    free(history_path);
    history_path = NULL;
    free(pending);
    pending = pending_pos = NULL;
    initialised = false;
}

/* Wait with the GIL released until a key, a wake-up, a signal or (while a
 * partial line of output hides the prompt) the redraw delay.
 * Returns 1 if stdin is readable, 0 otherwise. */
static int wait_for_key(void) {
    struct timespec delay = {0, REDRAW_DELAY_MS * 1000000L};
    bool timed = console_hidden && atomic_load(&console_busy) == 0;
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(wake_pipe[0], &rd);
    bool want_key = atomic_load(&console_busy) == 0;
    if (want_key) FD_SET(STDIN_FILENO, &rd);
    int nfds = (wake_pipe[0] > STDIN_FILENO ? wake_pipe[0] : STDIN_FILENO) + 1;
    /* Signals are blocked between the check of signals_pending and
     * pselect, which unblocks them atomically: none slips in between. */
    sigset_t block, old;
    sigfillset(&block);
    sigdelset(&block, SIGSEGV);
    sigdelset(&block, SIGBUS);
    sigdelset(&block, SIGFPE);
    sigdelset(&block, SIGILL);
    int r;
    GIL_BLOCKING_BEGIN("input");
    pthread_sigmask(SIG_BLOCK, &block, &old);
    r = signals_pending ? -1 : pselect(nfds, &rd, NULL, NULL, timed ? &delay : NULL, &old);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    GIL_BLOCKING_END();
    if (r == 0 && timed && atomic_load(&console_busy) == 0) console_show();
    if (r <= 0) return 0;
    if (FD_ISSET(wake_pipe[0], &rd)) {
        char buf[64];
        while (read(wake_pipe[0], buf, sizeof buf) > 0) {
        }
    }
    return want_key && FD_ISSET(STDIN_FILENO, &rd);
}

/* The next line of a multi-line paste, or NULL. */
static char *next_pending(void) {
    if (!pending) return NULL;
    char *nl = strchr(pending_pos, '\n');
    char *line = nl ? strndup(pending_pos, (size_t)(nl - pending_pos)) : strdup(pending_pos);
    if (nl) {
        pending_pos = nl + 1;
    } else {
        free(pending);
        pending = pending_pos = NULL;
    }
    return line;
}

static void remember(const char *line) {
    if (!*line) return;
    add_history(line);
    history_added++;
}

char *repl_editor_read(const char *prompt) {
    char *queued = next_pending();
    if (queued) return queued;
    io_flush_std_streams();
    fflush(stdout);
    line_ready = line_eof = false;
    line_text = NULL;
    output_at_line_start = true;
    console_hidden = false;
    rl_callback_handler_install(prompt, on_line);
    prompt_shown = true;
    while (!line_ready) {
        int key = wait_for_key();
        if (resized) {
            resized = 0;
            rl_resize_terminal();
        }
        if (signals_pending) {
            if (signals_check() < 0) {
                /* Ctrl-C (or a signal handler's exception): drop the line. */
                console_show();
                rl_free_line_state();
                rl_callback_sigcleanup();
                rl_replace_line("", 0);
                rl_callback_handler_remove();
                prompt_shown = false;
                fflush(stdout);
                return NULL;
            }
            continue;
        }
        if (!key || atomic_load(&console_busy)) continue;
        console_show();   /* a key: the user wants the line back now */
        in_readline = true;
        rl_callback_read_char();
        in_readline = false;
    }
    fflush(stdout);
    if (line_eof) {
        /* Ctrl-D: end the prompt's line, as python3 does. */
        fputs("\n", stdout);
        fflush(stdout);
        return NULL;
    }
    char *line = line_text;
    line_text = NULL;
    /* A bracketed paste may hand over several lines at once: give them to
     * the REPL one by one, as if typed. */
    char *nl = line ? strchr(line, '\n') : NULL;
    if (nl) {
        for (char *p = line; *p;) {
            char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char *one = strndup(p, n);
            if (one) remember(one);
            free(one);
            p += n + (e ? 1 : 0);
        }
        pending = strdup(nl + 1);
        pending_pos = pending;
        *nl = '\0';
        if (pending && !*pending) {
            free(pending);
            pending = pending_pos = NULL;
        }
        return line;
    }
    if (line) remember(line);
    return line;
}
