/* stdlib/posix.c — the `posix` module: the operating-system primitives that
 * os.py (and multiprocessing) build on.
 *
 * Every call that can block (read, write, waitpid) releases the GIL around
 * the system call.  fork() re-initialises the GIL, the thread table and
 * every inherited lock in the child, keeping only the calling thread.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gil/gil.h"
#include "stdlib/posix.h"
#include "stdlib/runtime_modules.h"
#include "stdlib/thread.h"
#include "vm/vm.h"

extern char **environ;

static Object *posix_error(void) { return err_from_errno(&Exc_OSError); }
static Object *posix_error_path(const char *path) {
    return err_from_errno_filename(&Exc_OSError, path);
}

/* A path argument: str (or bytes) -> C string borrowed from the object. */
static const char *path_arg(Object *o, const char *fname) {
    if (str_check(o)) return str_utf8(o);
    if (bytes_check(o)) return BYTES_DATA(o);
    err_format(&Exc_TypeError, "%s: path should be string, bytes or os.PathLike, not %T", fname, o);
    return NULL;
}

static Object *posix_getpid(Object *m, Object *const *a, size_t n, Object *k) {
    return int_from_long(getpid());
}

static Object *posix_getppid(Object *m, Object *const *a, size_t n, Object *k) {
    return int_from_long(getppid());
}

static Object *posix_getuid(Object *m, Object *const *a, size_t n, Object *k) {
    return int_from_long(getuid());
}

/* In the child after fork(): only the calling thread survives. */
static void after_fork_child(void) {
    ThreadState *me = ts_current;
    ThreadState *ts = runtime.threads;
    while (ts) {
        ThreadState *next = ts->next;
        if (ts != me) {
            /* Its objects may still be referenced by Python data; drop the
             * state without touching them further. */
            if (ts->prev) ts->prev->next = ts->next;
            else runtime.threads = ts->next;
            if (ts->next) ts->next->prev = ts->prev;
            free(ts);
        }
        ts = next;
    }
    me->is_main = 1;
    runtime.main_thread = me;
    gil_after_fork_child();
    thread_after_fork_child();
}

static Object *posix_fork(Object *m, Object *const *a, size_t n, Object *k) {
    pid_t pid = fork();
    if (pid < 0) return posix_error();
    if (pid == 0) after_fork_child();
    return int_from_long(pid);
}

static Object *posix_kill(Object *m, Object *const *args, size_t nargs, Object *kw) {
    intptr_t pid;
    int sig;
    if (args_parse(args, nargs, kw, "ni:kill", NULL, &pid, &sig) < 0) return NULL;
    if (kill((pid_t)pid, sig) < 0) return posix_error();
    if (signals_check() < 0) return NULL;
    return none_new();
}

static Object *posix_waitpid(Object *m, Object *const *args, size_t nargs, Object *kw) {
    intptr_t pid;
    int options, status = 0;
    if (args_parse(args, nargs, kw, "ni:waitpid", NULL, &pid, &options) < 0) return NULL;
    pid_t r;
    for (;;) {
        GIL_BLOCKING_BEGIN("waitpid");
        r = waitpid((pid_t)pid, &status, options);
        GIL_BLOCKING_END();
        if (r >= 0 || errno != EINTR) break;
        if (signals_check() < 0) return NULL;
    }
    if (r < 0) return posix_error();
    Object *p = int_from_long(r), *s = int_from_long(status);
    Object *t = (p && s) ? tuple_pack(2, p, s) : NULL;
    XDECREF(p);
    XDECREF(s);
    return t;
}

static Object *posix_waitstatus_to_exitcode(Object *m, Object *const *args, size_t nargs,
                                            Object *kw) {
    int status;
    if (args_parse(args, nargs, kw, "i:waitstatus_to_exitcode", NULL, &status) < 0) return NULL;
    if (WIFEXITED(status)) return int_from_long(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return int_from_long(-WTERMSIG(status));
    return err_format(&Exc_ValueError, "invalid wait status: %d", status);
}

#define STATUS_MACRO(fn, expr, boolean)                                              \
    static Object *posix_##fn(Object *m, Object *const *args, size_t nargs, Object *kw) { \
        int status;                                                                \
        if (args_parse(args, nargs, kw, "i:" #fn, NULL, &status) < 0) return NULL; \
        return boolean ? bool_from(expr) : int_from_long(expr);                    \
    }
STATUS_MACRO(WIFEXITED, WIFEXITED(status), 1)
STATUS_MACRO(WEXITSTATUS, WEXITSTATUS(status), 0)
STATUS_MACRO(WIFSIGNALED, WIFSIGNALED(status), 1)
STATUS_MACRO(WTERMSIG, WTERMSIG(status), 0)
STATUS_MACRO(WIFSTOPPED, WIFSTOPPED(status), 1)

static Object *posix__exit(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int code;
    if (args_parse(args, nargs, kw, "i:_exit", NULL, &code) < 0) return NULL;
    _exit(code);
}

static Object *posix_pipe(Object *m, Object *const *a, size_t n, Object *k) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) return posix_error();
    Object *r = int_from_long(fds[0]), *w = int_from_long(fds[1]);
    Object *t = tuple_pack(2, r, w);
    DECREF(r);
    DECREF(w);
    return t;
}

static Object *posix_read(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int fd;
    intptr_t size;
    if (args_parse(args, nargs, kw, "in:read", NULL, &fd, &size) < 0) return NULL;
    if (size < 0) return err_format(&Exc_ValueError, "negative buffersize in read");
    char *buf = mem_alloc((size_t)size + 1);
    if (!buf) return NULL;
    ssize_t got;
    for (;;) {
        GIL_BLOCKING_BEGIN("read");
        got = read(fd, buf, (size_t)size);
        GIL_BLOCKING_END();
        if (got >= 0 || errno != EINTR) break;
        if (signals_check() < 0) { mem_free(buf); return NULL; }
    }
    if (got < 0) {
        mem_free(buf);
        return posix_error();
    }
    Object *b = bytes_from_buf(buf, (size_t)got);
    mem_free(buf);
    return b;
}

static Object *posix_write(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int fd;
    Object *data;
    if (args_parse(args, nargs, kw, "iO:write", NULL, &fd, &data) < 0) return NULL;
    const char *p;
    intptr_t len;
    if (bytes_like_buffer(data, &p, &len) < 0) return NULL;
    ssize_t put;
    for (;;) {
        GIL_BLOCKING_BEGIN("write");
        put = write(fd, p, (size_t)len);
        GIL_BLOCKING_END();
        if (put >= 0 || errno != EINTR) break;
        if (signals_check() < 0) return NULL;
    }
    if (put < 0) return posix_error();
    return int_from_long(put);
}

static Object *posix_close(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int fd;
    if (args_parse(args, nargs, kw, "i:close", NULL, &fd) < 0) return NULL;
    if (close(fd) < 0) return posix_error();
    return none_new();
}

static Object *posix_dup(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int fd;
    if (args_parse(args, nargs, kw, "i:dup", NULL, &fd) < 0) return NULL;
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0) return posix_error();
    return int_from_long(r);
}

static Object *posix_dup2(Object *m, Object *const *args, size_t nargs, Object *kw) {
    static const char *kwlist[] = {"", "", "inheritable", NULL};
    int fd, fd2, inheritable = 1;
    if (args_parse(args, nargs, kw, "ii|p:dup2", kwlist, &fd, &fd2, &inheritable) < 0)
        return NULL;
    int r = inheritable ? dup2(fd, fd2) : dup3(fd, fd2, O_CLOEXEC);
    if (r < 0) return posix_error();
    return int_from_long(r);
}

static Object *posix_open(Object *m, Object *const *args, size_t nargs, Object *kw) {
    static const char *kwlist[] = {"path", "flags", "mode", NULL};
    Object *path;
    int flags, mode = 0777;
    if (args_parse(args, nargs, kw, "Oi|i:open", kwlist, &path, &flags, &mode) < 0) return NULL;
    const char *p = path_arg(path, "open");
    if (!p) return NULL;
    int fd = open(p, flags | O_CLOEXEC, mode);
    if (fd < 0) return posix_error_path(p);
    return int_from_long(fd);
}

static Object *posix_lseek(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int fd, how;
    intptr_t pos;
    if (args_parse(args, nargs, kw, "ini:lseek", NULL, &fd, &pos, &how) < 0) return NULL;
    off_t r = lseek(fd, (off_t)pos, how);
    if (r < 0) return posix_error();
    return int_from_long(r);
}

static Object *posix_isatty(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int fd;
    if (args_parse(args, nargs, kw, "i:isatty", NULL, &fd) < 0) return NULL;
    return bool_from(isatty(fd));
}

static Object *posix_getcwd(Object *m, Object *const *a, size_t n, Object *k) {
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return posix_error();
    return str_from_cstr(buf);
}

#define PATH_FN(fn, call)                                                           \
    static Object *posix_##fn(Object *m, Object *const *args, size_t nargs, Object *kw) { \
        Object *path;                                                              \
        if (args_parse(args, nargs, kw, "O:" #fn, NULL, &path) < 0) return NULL;   \
        const char *p = path_arg(path, #fn);                                       \
        if (!p) return NULL;                                                       \
        if ((call) < 0) return posix_error_path(p);                                \
        return none_new();                                                         \
    }
PATH_FN(chdir, chdir(p))
PATH_FN(remove, unlink(p))
PATH_FN(unlink, unlink(p))
PATH_FN(rmdir, rmdir(p))

static Object *posix_mkdir(Object *m, Object *const *args, size_t nargs, Object *kw) {
    static const char *kwlist[] = {"path", "mode", NULL};
    Object *path;
    int mode = 0777;
    if (args_parse(args, nargs, kw, "O|i:mkdir", kwlist, &path, &mode) < 0) return NULL;
    const char *p = path_arg(path, "mkdir");
    if (!p) return NULL;
    if (mkdir(p, (mode_t)mode) < 0) return posix_error_path(p);
    return none_new();
}

static Object *posix_rename(Object *m, Object *const *args, size_t nargs, Object *kw) {
    Object *a, *b;
    if (args_parse(args, nargs, kw, "OO:rename", NULL, &a, &b) < 0) return NULL;
    const char *pa = path_arg(a, "rename"), *pb = pa ? path_arg(b, "rename") : NULL;
    if (!pb) return NULL;
    if (rename(pa, pb) < 0) return posix_error_path(pa);
    return none_new();
}

static Object *posix_umask(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int mask;
    if (args_parse(args, nargs, kw, "i:umask", NULL, &mask) < 0) return NULL;
    return int_from_long(umask((mode_t)mask));
}

static Object *posix_setsid(Object *m, Object *const *a, size_t n, Object *k) {
    if (setsid() < 0) return posix_error();
    return none_new();
}

static Object *posix_listdir(Object *m, Object *const *args, size_t nargs, Object *kw) {
    Object *path = NULL;
    if (args_parse(args, nargs, kw, "|O:listdir", NULL, &path) < 0) return NULL;
    const char *p = (path && path != None) ? path_arg(path, "listdir") : ".";
    if (!p) return NULL;
    DIR *d = opendir(p);
    if (!d) return posix_error_path(p);
    Object *list = list_new(0);
    struct dirent *e;
    while (list && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        Object *name = str_decode_utf8(e->d_name, strlen(e->d_name), "replace");
        if (!name || list_append(list, name) < 0) CLEAR(list);
        XDECREF(name);
    }
    closedir(d);
    return list;
}

/* ---- stat ----------------------------------------------------------------- */

static TypeObject StatResult_Type;
static const char *const stat_fields[] = {"st_mode", "st_ino", "st_dev", "st_nlink", "st_uid",
                                          "st_gid", "st_size", "st_atime", "st_mtime",
                                          "st_ctime", NULL};
static const StructSeqDesc stat_desc = {"os.stat_result", stat_fields, 10};

static Object *stat_to_object(const struct stat *st) {
    Object *r = structseq_new(&StatResult_Type);
    if (!r) return NULL;
    structseq_set(r, 0, int_from_long(st->st_mode));
    structseq_set(r, 1, int_from_ulong(st->st_ino));
    structseq_set(r, 2, int_from_ulong(st->st_dev));
    structseq_set(r, 3, int_from_long((long long)st->st_nlink));
    structseq_set(r, 4, int_from_long(st->st_uid));
    structseq_set(r, 5, int_from_long(st->st_gid));
    structseq_set(r, 6, int_from_long(st->st_size));
    structseq_set(r, 7, float_from_double(st->st_atim.tv_sec + st->st_atim.tv_nsec / 1e9));
    structseq_set(r, 8, float_from_double(st->st_mtim.tv_sec + st->st_mtim.tv_nsec / 1e9));
    structseq_set(r, 9, float_from_double(st->st_ctim.tv_sec + st->st_ctim.tv_nsec / 1e9));
    return r;
}

static Object *do_stat(Object *const *args, size_t nargs, Object *kw, bool follow,
                       const char *fname) {
    Object *path;
    if (args_parse(args, nargs, kw, "O", NULL, &path) < 0) return NULL;
    struct stat st;
    int r;
    if (int_check(path)) {
        r = fstat((int)int_as_long(path), &st);
        if (r < 0) return posix_error();
    } else {
        const char *p = path_arg(path, fname);
        if (!p) return NULL;
        r = follow ? stat(p, &st) : lstat(p, &st);
        if (r < 0) return posix_error_path(p);
    }
    return stat_to_object(&st);
}

static Object *posix_stat(Object *m, Object *const *a, size_t n, Object *k) {
    return do_stat(a, n, k, true, "stat");
}
static Object *posix_lstat(Object *m, Object *const *a, size_t n, Object *k) {
    return do_stat(a, n, k, false, "lstat");
}
static Object *posix_fstat(Object *m, Object *const *a, size_t n, Object *k) {
    return do_stat(a, n, k, true, "fstat");
}

static Object *posix_access(Object *m, Object *const *args, size_t nargs, Object *kw) {
    Object *path;
    int mode;
    if (args_parse(args, nargs, kw, "Oi:access", NULL, &path, &mode) < 0) return NULL;
    const char *p = path_arg(path, "access");
    if (!p) return NULL;
    return bool_from(access(p, mode) == 0);
}

static Object *posix_strerror(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int code;
    if (args_parse(args, nargs, kw, "i:strerror", NULL, &code) < 0) return NULL;
    return str_from_cstr(strerror(code));
}

static Object *posix_cpu_count(Object *m, Object *const *a, size_t n, Object *k) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    if (c < 1) return none_new();
    return int_from_long(c);
}

static Object *posix_urandom(Object *m, Object *const *args, size_t nargs, Object *kw) {
    intptr_t size;
    if (args_parse(args, nargs, kw, "n:urandom", NULL, &size) < 0) return NULL;
    if (size < 0) return err_format(&Exc_ValueError, "negative argument not allowed");
    char *buf = mem_alloc((size_t)size + 1);
    if (!buf) return NULL;
    size_t got = 0;
    while (got < (size_t)size) {
        ssize_t r = getrandom(buf + got, (size_t)size - got, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            mem_free(buf);
            return posix_error();
        }
        got += (size_t)r;
    }
    Object *b = bytes_from_buf(buf, (size_t)size);
    mem_free(buf);
    return b;
}

static Object *posix_putenv(Object *m, Object *const *args, size_t nargs, Object *kw) {
    const char *key, *value;
    if (args_parse(args, nargs, kw, "ss:putenv", NULL, &key, &value) < 0) return NULL;
    if (!*key || strchr(key, '='))
        return err_format(&Exc_ValueError, "illegal environment variable name");
    if (setenv(key, value, 1) < 0) return posix_error();
    return none_new();
}

static Object *posix_unsetenv(Object *m, Object *const *args, size_t nargs, Object *kw) {
    const char *key;
    if (args_parse(args, nargs, kw, "s:unsetenv", NULL, &key) < 0) return NULL;
    if (unsetenv(key) < 0) return posix_error();
    return none_new();
}

static Object *posix_realpath(Object *m, Object *const *args, size_t nargs, Object *kw) {
    Object *path;
    if (args_parse(args, nargs, kw, "O:_realpath", NULL, &path) < 0) return NULL;
    const char *p = path_arg(path, "realpath");
    if (!p) return NULL;
    char buf[PATH_MAX];
    if (!realpath(p, buf)) return posix_error_path(p);
    return str_from_cstr(buf);
}

static Object *build_environ(void) {
    Object *d = dict_new();
    if (!d) return NULL;
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) continue;
        Object *k = str_decode_utf8(*e, (size_t)(eq - *e), "replace");
        Object *v = str_decode_utf8(eq + 1, strlen(eq + 1), "replace");
        int r = (k && v) ? dict_set(d, k, v) : -1;
        XDECREF(k);
        XDECREF(v);
        if (r < 0) {
            DECREF(d);
            return NULL;
        }
    }
    return d;
}

static MethodDef posix_functions[] = {
    {"getpid", posix_getpid, 0, "Return the current process id."},
    {"getppid", posix_getppid, 0, "Return the parent's process id."},
    {"getuid", posix_getuid, 0, NULL},
    {"fork", posix_fork, 0, "Fork a child process (only the calling thread survives)."},
    {"kill", posix_kill, 0, "kill(pid, signal)"},
    {"waitpid", posix_waitpid, 0, "waitpid(pid, options) -> (pid, status)"},
    {"waitstatus_to_exitcode", posix_waitstatus_to_exitcode, 0, NULL},
    {"WIFEXITED", posix_WIFEXITED, 0, NULL},
    {"WEXITSTATUS", posix_WEXITSTATUS, 0, NULL},
    {"WIFSIGNALED", posix_WIFSIGNALED, 0, NULL},
    {"WTERMSIG", posix_WTERMSIG, 0, NULL},
    {"WIFSTOPPED", posix_WIFSTOPPED, 0, NULL},
    {"_exit", posix__exit, 0, "Exit at once, without cleanup."},
    {"pipe", posix_pipe, 0, "pipe() -> (read_fd, write_fd)"},
    {"read", posix_read, 0, "read(fd, n) -> bytes"},
    {"write", posix_write, 0, "write(fd, data) -> bytes written"},
    {"close", posix_close, 0, NULL},
    {"dup", posix_dup, 0, NULL},
    {"dup2", posix_dup2, METH_KW, NULL},
    {"open", posix_open, METH_KW, "open(path, flags, mode=0o777) -> fd"},
    {"lseek", posix_lseek, 0, NULL},
    {"isatty", posix_isatty, 0, NULL},
    {"getcwd", posix_getcwd, 0, NULL},
    {"chdir", posix_chdir, 0, NULL},
    {"remove", posix_remove, 0, NULL},
    {"unlink", posix_unlink, 0, NULL},
    {"rmdir", posix_rmdir, 0, NULL},
    {"mkdir", posix_mkdir, METH_KW, NULL},
    {"rename", posix_rename, 0, NULL},
    {"umask", posix_umask, 0, NULL},
    {"setsid", posix_setsid, 0, NULL},
    {"listdir", posix_listdir, 0, NULL},
    {"stat", posix_stat, 0, NULL},
    {"lstat", posix_lstat, 0, NULL},
    {"fstat", posix_fstat, 0, NULL},
    {"access", posix_access, 0, NULL},
    {"strerror", posix_strerror, 0, NULL},
    {"cpu_count", posix_cpu_count, 0, NULL},
    {"urandom", posix_urandom, 0, NULL},
    {"putenv", posix_putenv, 0, NULL},
    {"unsetenv", posix_unsetenv, 0, NULL},
    {"_realpath", posix_realpath, 0, NULL},
    {NULL, NULL, 0, NULL},
};

Object *mod_posix_init(void) {
    if (!(StatResult_Type.flags & TPFLAG_READY) &&
        structseq_init_type(&StatResult_Type, &stat_desc) < 0)
        return NULL;
    Object *m = module_new("posix");
    if (!m) return NULL;
    Object *env = build_environ();
    if (!env || module_add_functions(m, posix_functions) < 0 || module_add(m, "environ", env) < 0 ||
        module_add(m, "stat_result", (Object *)&StatResult_Type) < 0)
        goto fail;
    DECREF(env);
    env = NULL;
    static const struct { const char *name; long value; } consts[] = {
        {"WNOHANG", WNOHANG}, {"WUNTRACED", WUNTRACED}, {"O_RDONLY", O_RDONLY},
        {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR}, {"O_CREAT", O_CREAT}, {"O_EXCL", O_EXCL},
        {"O_TRUNC", O_TRUNC}, {"O_APPEND", O_APPEND}, {"O_NONBLOCK", O_NONBLOCK},
        {"O_CLOEXEC", O_CLOEXEC}, {"F_OK", F_OK}, {"R_OK", R_OK}, {"W_OK", W_OK},
        {"X_OK", X_OK}, {"SEEK_SET", SEEK_SET}, {"SEEK_CUR", SEEK_CUR}, {"SEEK_END", SEEK_END},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (module_add_int(m, consts[i].name, consts[i].value) < 0) goto fail;
    return m;
fail:
    XDECREF(env);
    DECREF(m);
    return NULL;
}
