/* stdlib/io.c — the "io" / "_io" module: open(), the standard streams, the
 * abstract base types and io.UnsupportedOperation.  The file types live in
 * io_file.c (binary), io_text.c (text) and io_memory.c (StringIO, BytesIO).
 */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <pthread.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm/objects/text.h"
#include "gil/gil.h"
#include "stdlib/io.h"
#include "stdlib/runtime_modules.h"

/* ---- abstract bases (no behaviour: isinstance targets) ----------------- */
TypeObject IOBase_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_io._IOBase",
    .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
    .doc = "The abstract base class for all I/O classes.",
};
TypeObject RawIOBase_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_io._RawIOBase",
    .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
    .base = &IOBase_Type,
};
TypeObject BufferedIOBase_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_io._BufferedIOBase",
    .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
    .base = &IOBase_Type,
};
TypeObject TextIOBase_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_io._TextIOBase",
    .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
    .base = &IOBase_Type,
};

void io_init_types(void) {
    static bool done;
    if (done) return;
    done = true;
    /* A forked child inherits file locks possibly held by threads that do
     * not exist there. */
    pthread_atfork(NULL, NULL, io_after_fork_child);
    TypeObject *types[] = {&IOBase_Type, &RawIOBase_Type, &BufferedIOBase_Type,
                           &TextIOBase_Type, &FileIO_Type, &BufferedReader_Type,
                           &BufferedWriter_Type, &BufferedRandom_Type, &TextIOWrapper_Type,
                           &StringIO_Type, &BytesIO_Type};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) type_ready(types[i]);
}

/* io.UnsupportedOperation(OSError, ValueError), created on first use. */
static TypeObject *unsupported_type;

TypeObject *io_unsupported_operation(void) {
    if (unsupported_type) return unsupported_type;
    Object *name = str_from_cstr("UnsupportedOperation");
    Object *bases = tuple_pack(2, (Object *)&Exc_OSError, (Object *)&Exc_ValueError);
    Object *dict = dict_new();
    Object *mod = str_from_cstr("io");
    Object *cls = NULL;
    if (name && bases && dict && mod && dict_set(dict, id___module__, mod) == 0)
        cls = type_new_class(&Type_Type, name, bases, dict, NULL, NULL);
    XDECREF(name);
    XDECREF(bases);
    XDECREF(dict);
    XDECREF(mod);
    if (!cls) {
        /* Fall back to plain OSError rather than fail while raising. */
        err_clear();
        return &Exc_OSError;
    }
    unsupported_type = (TypeObject *)cls;   /* kept for the process lifetime */
    return unsupported_type;
}

/* ---- open() ------------------------------------------------------------- */
typedef struct Mode {
    bool reading, writing, appending, creating, updating, binary, text;
} Mode;

static int parse_mode(Object *mode_obj, Mode *m) {
    const char *mode = str_utf8(mode_obj);
    memset(m, 0, sizeof *m);
    for (const char *p = mode; *p; p++) {
        bool *flag;
        switch (*p) {
        case 'r': flag = &m->reading; break;
        case 'w': flag = &m->writing; break;
        case 'a': flag = &m->appending; break;
        case 'x': flag = &m->creating; break;
        case '+': flag = &m->updating; break;
        case 'b': flag = &m->binary; break;
        case 't': flag = &m->text; break;
        default: flag = NULL;
        }
        if (!flag || *flag) {
            err_format(&Exc_ValueError, "invalid mode: '%s'", mode);
            return -1;
        }
        *flag = true;
    }
    if (m->text && m->binary) {
        err_format(&Exc_ValueError, "can't have text and binary mode at once");
        return -1;
    }
    if (m->reading + m->writing + m->appending + m->creating != 1) {
        err_format(&Exc_ValueError, "must have exactly one of create/read/write/append mode");
        return -1;
    }
    return 0;
}

/* open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
 *      closefd=True, opener=None) */
Object *io_open(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"file", "mode", "buffering", "encoding", "errors",
                                   "newline", "closefd", "opener", NULL};
    Object *file, *mode_obj = NULL, *newline = None, *opener = None;
    intptr_t buffering = -1;
    const char *encoding = NULL, *errors = NULL;
    int closefd = 1;
    if (args_parse(args, nargs, kwnames, "O|UnzzOpO:open", kwlist, &file, &mode_obj,
                   &buffering, &encoding, &errors, &newline, &closefd, &opener) < 0)
        return NULL;
    Mode m;
    Object *mode_default = NULL;
    if (!mode_obj) mode_obj = mode_default = str_from_cstr("r");
    if (!mode_obj) return NULL;
    Object *result = NULL, *path_obj = NULL;
    if (parse_mode(mode_obj, &m) < 0) goto done;
    if (m.binary) {
        if (encoding) { err_format(&Exc_ValueError, "binary mode doesn't take an encoding argument"); goto done; }
        if (errors) { err_format(&Exc_ValueError, "binary mode doesn't take an errors argument"); goto done; }
        if (newline != None) { err_format(&Exc_ValueError, "binary mode doesn't take a newline argument"); goto done; }
    }
    if (!m.binary && buffering == 0) {
        err_format(&Exc_ValueError, "can't have unbuffered text I/O");
        goto done;
    }
    if (newline != None && !str_check(newline)) {
        err_format(&Exc_TypeError, "open() argument 'newline' must be str or None, not %T", newline);
        goto done;
    }
    if (encoding && codec_lookup(encoding) < 0) goto done;

    /* The file: a path (str, bytes, os.PathLike) or a descriptor. */
    int fd = -1;
    const char *path = NULL;
    if (int_check(file)) {
        fd = (int)int_as_long(file);
        if (fd == -1 && err_occurred()) goto done;
        if (fd < 0) { err_format(&Exc_ValueError, "negative file descriptor"); goto done; }
        path_obj = NEWREF(file);
    } else {
        if (str_check(file) || bytes_check(file)) {
            path_obj = NEWREF(file);
        } else {
            Object *fspath = NULL;
            if (obj_lookup_attr(file, str_intern_cstr("__fspath__"), &fspath) < 0) goto done;
            if (!fspath) {
                err_format(&Exc_TypeError, "expected str, bytes or os.PathLike object, not %T", file);
                goto done;
            }
            path_obj = obj_call0(fspath);
            DECREF(fspath);
            if (!path_obj) goto done;
        }
        path = str_check(path_obj) ? str_utf8(path_obj) : BYTES_DATA(path_obj);
        if (!closefd) { err_format(&Exc_ValueError, "Cannot use closefd=False with file name"); goto done; }
        int flags = O_CLOEXEC;
        if (m.updating) flags |= O_RDWR;
        else if (m.reading) flags |= O_RDONLY;
        else flags |= O_WRONLY;
        if (m.writing) flags |= O_CREAT | O_TRUNC;
        if (m.appending) flags |= O_CREAT | O_APPEND;
        if (m.creating) flags |= O_CREAT | O_EXCL;
        if (opener != None) {
            Object *fl = int_from_long(flags);
            Object *r = fl ? obj_call2(opener, path_obj, fl) : NULL;
            XDECREF(fl);
            if (!r) goto done;
            fd = (int)int_as_long(r);
            DECREF(r);
            if (fd == -1 && err_occurred()) goto done;
            if (fd < 0) { err_format(&Exc_ValueError, "opener returned %d", fd); goto done; }
        } else {
            int err;
            for (;;) {
                /* open(2) blocks on FIFOs until the other end shows up. */
                GIL_BLOCKING_BEGIN("open");
                fd = open(path, flags, 0666);
                err = errno;
                GIL_BLOCKING_END();
                if (fd >= 0 || err != EINTR) break;
                if (signals_check() < 0) goto done;
            }
            if (fd < 0) {
                errno = err;
                err_from_errno_filename(&Exc_OSError, path);
                goto done;
            }
        }
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            errno = EISDIR;
            err_from_errno_filename(&Exc_OSError, path);
            goto done;
        }
    }
    if (m.appending) lseek(fd, 0, SEEK_END);
    bool line_buffering = false;
    if (buffering == 1 || (buffering < 0 && isatty(fd))) {
        line_buffering = !m.binary;
        if (buffering == 1) buffering = -1;
    }
    FileObject *f = file_open_fd(fd, str_check(file) || int_check(file) ? file : path_obj,
                                 mode_obj, m.reading || m.updating,
                                 m.writing || m.appending || m.creating || m.updating,
                                 m.appending, closefd, buffering);
    if (!f) {
        if (path) close(fd);
        goto done;
    }
    f->created = m.creating;
    if (m.binary) {
        result = (Object *)f;
    } else {
        result = io_text_wrap(f, mode_obj, encoding, errors, newline, line_buffering, false);
        DECREF((Object *)f);
    }
done:
    XDECREF(path_obj);
    XDECREF(mode_default);
    return result;
}

/* ---- the standard streams ------------------------------------------------ */
/* CPython's error handler for stdin/stdout: 'surrogateescape' under the C
 * or POSIX locale and their UTF-8 stand-ins (C.UTF-8 ...), else 'strict'.
 * The locale is only looked at, not kept. */
static const char *std_errors(void) {
    static const char *cached;
    if (cached) return cached;
    const char *cur = setlocale(LC_CTYPE, NULL);
    char *saved = cur ? strdup(cur) : NULL;
    const char *loc = setlocale(LC_CTYPE, "");
    bool c_like = !loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX") ||
                  !strncmp(loc, "C.", 2) || !strcmp(loc, "UTF-8");
    if (saved) {
        setlocale(LC_CTYPE, saved);
        free(saved);
    }
    cached = c_like ? "surrogateescape" : "strict";
    return cached;
}

Object *io_std_stream(int fd, bool unbuffered) {
    static const char *names[] = {"<stdin>", "<stdout>", "<stderr>"};
    Object *name = str_from_cstr(names[fd]);
    Object *mode = str_from_cstr(fd == 0 ? "r" : "w");
    Object *bmode = str_from_cstr(fd == 0 ? "rb" : "wb");
    Object *res = NULL;
    if (name && mode && bmode) {
        /* -u: stdout and stderr go straight to the OS (their .buffer is a
         * FileIO, as in CPython). */
        FileObject *f = file_open_fd(fd, name, bmode, fd == 0, fd != 0, false, false,
                                     (unbuffered && fd) ? 0 : -1);
        if (f) {
            bool tty = isatty(fd);
            /* stderr: every write reaches the OS at once; stdout: by line
             * on a terminal, else when the buffer fills or at exit. */
            bool write_through = fd == 2 || (unbuffered && fd == 1);
            res = io_text_wrap(f, mode, "utf-8", fd == 2 ? "backslashreplace" : std_errors(),
                               NULL, fd == 1 && tty, write_through);
            DECREF((Object *)f);
        }
    }
    XDECREF(name);
    XDECREF(mode);
    XDECREF(bmode);
    return res;
}

int io_flush(Object *f) {
    if (io_is_text(f)) {
        FileObject *b = ((TextObject *)f)->buffer;
        if (b->closed) return 0;
        if (file_lock(b) < 0) return -1;
        int rc = file_flush_locked(b);
        file_unlock(b);
        return rc;
    }
    Object *r = obj_call_method(f, "flush", NULL, 0);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

void io_flush_std_streams(void) {
    const char *names[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        Object *f = sys_get_object(names[i]);
        if (f && f != None && io_flush(f) < 0) err_clear();
    }
}

/* ---- the module ------------------------------------------------------------ */
static MethodDef io_functions[] = {
    {"open", io_open, METH_KW, "Open file and return a stream."},
    {NULL, NULL, 0, NULL},
};

/* "io" and "_io" are the same module object. */
static Object *io_module;

Object *mod_io_init(void) {
    if (io_module) return NEWREF(io_module);
    io_init_types();
    Object *m = module_new("io");
    if (!m) return NULL;
    if (module_add_functions(m, io_functions) < 0) goto fail;
    TypeObject *types[] = {&FileIO_Type, &BufferedReader_Type, &BufferedWriter_Type,
                           &BufferedRandom_Type, &TextIOWrapper_Type, &StringIO_Type,
                           &BytesIO_Type};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (module_add_type(m, types[i]) < 0) goto fail;
    if (module_add(m, "IOBase", (Object *)&IOBase_Type) < 0 ||
        module_add(m, "RawIOBase", (Object *)&RawIOBase_Type) < 0 ||
        module_add(m, "BufferedIOBase", (Object *)&BufferedIOBase_Type) < 0 ||
        module_add(m, "TextIOBase", (Object *)&TextIOBase_Type) < 0 ||
        module_add(m, "_IOBase", (Object *)&IOBase_Type) < 0 ||
        module_add(m, "_RawIOBase", (Object *)&RawIOBase_Type) < 0 ||
        module_add(m, "_BufferedIOBase", (Object *)&BufferedIOBase_Type) < 0 ||
        module_add(m, "_TextIOBase", (Object *)&TextIOBase_Type) < 0 ||
        module_add(m, "UnsupportedOperation", (Object *)io_unsupported_operation()) < 0 ||
        module_add_int(m, "DEFAULT_BUFFER_SIZE", 8192) < 0 ||
        module_add_int(m, "SEEK_SET", 0) < 0 || module_add_int(m, "SEEK_CUR", 1) < 0 ||
        module_add_int(m, "SEEK_END", 2) < 0)
        goto fail;
    io_module = NEWREF(m);
    return m;
fail:
    DECREF(m);
    return NULL;
}
