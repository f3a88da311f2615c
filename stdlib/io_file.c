/* stdlib/io_file.c — binary files: _io.FileIO (unbuffered) and
 * _io.BufferedReader / BufferedWriter / BufferedRandom (buffered), one C
 * struct (FileObject, stdlib/io.h) for all four.
 *
 * Invariants: rbuf[rpos..rlen) holds bytes read from the OS but not yet
 * returned; wbuf[0..wlen) holds bytes written but not yet sent.  At most one
 * of the two is non-empty: writing first discards the read-ahead (seeking the
 * descriptor back), reading first flushes.  Buffers are touched only with the
 * GIL and the file's lock held; the GIL is released only inside raw_read /
 * raw_write_all around the system call itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vm/vm.h"
#include "gil/gil.h"
#include "stdlib/io.h"

/* ---- the per-file lock ----------------------------------------------------
 * `busy` says some thread is inside an operation on the file.  It is read and
 * written under io_mutex; a thread that finds it set waits on io_cond with
 * the GIL released.  After fork() only the forking thread survives, so busy
 * flags set by others are stale: bumping io_generation invalidates them. */
static pthread_mutex_t io_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t io_cond = PTHREAD_COND_INITIALIZER;
static unsigned io_generation;
static int io_waiters;

void io_after_fork_child(void) {
    pthread_mutex_init(&io_mutex, NULL);
    pthread_cond_init(&io_cond, NULL);
    io_waiters = 0;
    io_generation++;
}

static unsigned long current_ident(void) { return (unsigned long)pthread_self(); }

int file_lock(FileObject *f) {
    unsigned long me = current_ident();
    pthread_mutex_lock(&io_mutex);
    if (f->busy && f->generation == io_generation) {
        if (f->owner == me) {
            pthread_mutex_unlock(&io_mutex);
            err_format(&Exc_RuntimeError, "reentrant call inside %R", (Object *)f);
            return -1;
        }
        pthread_mutex_unlock(&io_mutex);
        GIL_BLOCKING_BEGIN("io lock");
        pthread_mutex_lock(&io_mutex);
        io_waiters++;
        while (f->busy && f->generation == io_generation) pthread_cond_wait(&io_cond, &io_mutex);
        io_waiters--;
        f->busy = 1;
        f->owner = me;
        f->generation = io_generation;
        pthread_mutex_unlock(&io_mutex);
        GIL_BLOCKING_END();
        return 0;
    }
    f->busy = 1;
    f->owner = me;
    f->generation = io_generation;
    pthread_mutex_unlock(&io_mutex);
    return 0;
}

void file_unlock(FileObject *f) {
    pthread_mutex_lock(&io_mutex);
    f->busy = 0;
    if (io_waiters) pthread_cond_broadcast(&io_cond);
    pthread_mutex_unlock(&io_mutex);
}

/* ---- open writable files, flushed at exit ----------------------------------
 * A doubly-linked list under the GIL: files join when opened for writing and
 * leave when closed. */
static FileObject *open_files;

static void open_files_add(FileObject *f) {
    f->open_prev = NULL;
    f->open_next = open_files;
    if (open_files) open_files->open_prev = f;
    open_files = f;
}

static void open_files_remove(FileObject *f) {
    if (f->open_prev) f->open_prev->open_next = f->open_next;
    else if (open_files == f) open_files = f->open_next;
    if (f->open_next) f->open_next->open_prev = f->open_prev;
    f->open_prev = f->open_next = NULL;
}

void io_flush_all_files(void) {
    for (FileObject *f = open_files; f; f = f->open_next) {
        if (f->closed || f->wlen == 0) continue;
        if (file_lock(f) < 0) {
            err_clear();
            continue;
        }
        if (file_flush_locked(f) < 0) err_clear();
        file_unlock(f);
    }
}

/* ---- checks ------------------------------------------------------------- */
static int unsupported(const char *msg) {
    err_format(io_unsupported_operation(), "%s", msg);
    return -1;
}

int file_check_open(FileObject *f) {
    if (f->closed) {
        err_format(&Exc_ValueError, "I/O operation on closed file.");
        return -1;
    }
    return 0;
}

int file_check_readable(FileObject *f) {
    if (!f->readable) return unsupported(f->buffered ? "read" : "File not open for reading");
    return 0;
}

int file_check_writable(FileObject *f) {
    if (!f->writable) return unsupported(f->buffered ? "write" : "File not open for writing");
    return 0;
}

/* ---- system calls (the only places the GIL is released) ------------------ */
static intptr_t raw_read(FileObject *f, char *buf, size_t n) {
    for (;;) {
        ssize_t r;
        int err;
        GIL_BLOCKING_BEGIN("read");
        r = read(f->fd, buf, n);
        err = errno;
        GIL_BLOCKING_END();
        if (r >= 0) return (intptr_t)r;
        if (err == EINTR) {
            if (signals_check() < 0) return -1;
            continue;
        }
        errno = err;
        err_from_errno(&Exc_OSError);
        return -1;
    }
}

static int raw_write_os(FileObject *f, const char *data, size_t n) {
    while (n > 0) {
        ssize_t r;
        int err;
        GIL_BLOCKING_BEGIN("write");
        r = write(f->fd, data, n);
        err = errno;
        GIL_BLOCKING_END();
        if (r < 0) {
            if (err == EINTR) {
                if (signals_check() < 0) return -1;
                continue;
            }
            errno = err;
            err_from_errno(&Exc_OSError);
            return -1;
        }
        data += r;
        n -= (size_t)r;
    }
    return 0;
}

void (*io_console_write_hook)(int begin, const char *data, size_t n);

/* Writes to the terminal's fds are announced to the REPL (io.h). */
static int raw_write_all(FileObject *f, const char *data, size_t n) {
    void (*hook)(int, const char *, size_t) = io_console_write_hook;
    if (!hook || (f->fd != 1 && f->fd != 2)) return raw_write_os(f, data, n);
    hook(1, data, n);
    int rc = raw_write_os(f, data, n);
    hook(0, data, n);
    return rc;
}

/* ---- buffered operations (lock held) ------------------------------------ */
int file_flush_locked(FileObject *f) {
    if (f->wlen == 0) return 0;
    size_t n = f->wlen;
    /* Drop the data even if the write fails, so a broken pipe is reported
     * once rather than at every later flush. */
    f->wlen = 0;
    return raw_write_all(f, f->wbuf, n);
}

/* Give back read-ahead bytes to the OS position before writing/seeking. */
static int drop_readahead(FileObject *f) {
    if (f->rpos < f->rlen) {
        off_t back = (off_t)(f->rlen - f->rpos);
        if (lseek(f->fd, -back, SEEK_CUR) < 0 && errno != ESPIPE) {
            err_from_errno(&Exc_OSError);
            return -1;
        }
    }
    f->rpos = f->rlen = 0;
    return 0;
}

int file_prepare_read_locked(FileObject *f) { return file_flush_locked(f); }

int file_write_locked(FileObject *f, const char *data, size_t n) {
    if (f->rlen && drop_readahead(f) < 0) return -1;
    if (!f->buffered) return raw_write_all(f, data, n);
    if (f->wlen + n > f->bufsize) {
        if (file_flush_locked(f) < 0) return -1;
        if (n >= f->bufsize) return raw_write_all(f, data, n);
    }
    if (!f->wbuf && !(f->wbuf = mem_alloc(f->bufsize))) return -1;
    memcpy(f->wbuf + f->wlen, data, n);
    f->wlen += n;
    return 0;
}

intptr_t file_fill_locked(FileObject *f) {
    if (f->rpos < f->rlen) return (intptr_t)(f->rlen - f->rpos);
    if (!f->rbuf && !(f->rbuf = mem_alloc(f->bufsize))) return -1;
    f->rpos = f->rlen = 0;
    intptr_t r = raw_read(f, f->rbuf, f->bufsize);
    if (r > 0) f->rlen = (size_t)r;
    return r;
}

Object *file_read_locked(FileObject *f, intptr_t n) {
    if (file_prepare_read_locked(f) < 0) return NULL;
    if (n == 0) return bytes_from_buf("", 0);
    if (!f->buffered && n > 0) {
        /* FileIO.read(n): one system call. */
        char *buf = mem_alloc((size_t)n);
        if (!buf) return NULL;
        intptr_t r = raw_read(f, buf, (size_t)n);
        Object *res = r < 0 ? NULL : bytes_from_buf(buf, (size_t)r);
        mem_free(buf);
        return res;
    }
    size_t cap = n > 0 ? (size_t)n : f->bufsize, have = 0;
    if (n < 0) {
        struct stat st;
        if (fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
            off_t pos = lseek(f->fd, 0, SEEK_CUR);
            if (pos >= 0 && st.st_size > pos) cap = (size_t)(st.st_size - pos) + 1;
        }
        cap += f->rlen - f->rpos;
        if (cap < 8192) cap = 8192;
    }
    char *buf = mem_alloc(cap);
    if (!buf) return NULL;
    /* Whatever is buffered first. */
    size_t avail = f->rlen - f->rpos;
    if (avail) {
        size_t take = n >= 0 && avail > (size_t)n ? (size_t)n : avail;
        memcpy(buf, f->rbuf + f->rpos, take);
        f->rpos += take;
        have = take;
    }
    while (n < 0 || have < (size_t)n) {
        if (n < 0 && have == cap) {
            char *nb = mem_realloc(buf, cap * 2);
            if (!nb) goto fail;
            buf = nb;
            cap *= 2;
        }
        size_t want = n < 0 ? cap - have : (size_t)n - have;
        if (n >= 0 && f->buffered && want < f->bufsize) {
            /* Small remainder: read a whole buffer, keep the rest. */
            intptr_t r = file_fill_locked(f);
            if (r < 0) goto fail;
            if (r == 0) break;
            size_t take = (size_t)r < want ? (size_t)r : want;
            memcpy(buf + have, f->rbuf + f->rpos, take);
            f->rpos += take;
            have += take;
            continue;
        }
        intptr_t r = raw_read(f, buf + have, want);
        if (r < 0) goto fail;
        if (r == 0) break;
        have += (size_t)r;
    }
    Object *res = bytes_from_buf(buf, have);
    mem_free(buf);
    return res;
fail:
    mem_free(buf);
    return NULL;
}

/* One line of bytes ending with '\n' (included), at most `limit` bytes
 * (limit < 0: no limit). */
static Object *file_readline_locked(FileObject *f, intptr_t limit) {
    if (file_prepare_read_locked(f) < 0) return NULL;
    StrBuf sb;
    strbuf_init(&sb);
    if (!f->buffered) {
        /* Unbuffered: byte by byte, as FileIO does. */
        char c;
        while (limit < 0 || (intptr_t)sb.len < limit) {
            intptr_t r = raw_read(f, &c, 1);
            if (r < 0) goto fail;
            if (r == 0) break;
            strbuf_append_char(&sb, c);
            if (c == '\n') break;
        }
        return strbuf_finish_bytes(&sb);
    }
    for (;;) {
        intptr_t r = file_fill_locked(f);
        if (r < 0) goto fail;
        if (r == 0) break;
        size_t avail = (size_t)r;
        if (limit >= 0 && avail > (size_t)limit - sb.len) avail = (size_t)limit - sb.len;
        char *start = f->rbuf + f->rpos;
        char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) + 1 : avail;
        if (strbuf_append(&sb, start, take) < 0) goto fail;
        f->rpos += take;
        if (nl || (limit >= 0 && (intptr_t)sb.len >= limit)) break;
    }
    return strbuf_finish_bytes(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

off_t file_seek_locked(FileObject *f, off_t pos, int whence) {
    if (file_flush_locked(f) < 0) return -1;
    if (whence == SEEK_CUR) pos -= (off_t)(f->rlen - f->rpos);
    off_t r = lseek(f->fd, pos, whence);
    if (r < 0) {
        if (errno == ESPIPE) unsupported("File or stream is not seekable.");
        else err_from_errno(&Exc_OSError);
        return -1;
    }
    f->rpos = f->rlen = 0;
    return r;
}

off_t file_tell_locked(FileObject *f) {
    off_t r = lseek(f->fd, 0, SEEK_CUR);
    if (r < 0) {
        if (errno == ESPIPE) unsupported("File or stream is not seekable.");
        else err_from_errno(&Exc_OSError);
        return -1;
    }
    return r - (off_t)(f->rlen - f->rpos) + (off_t)f->wlen;
}

int file_close_locked(FileObject *f) {
    if (f->closed) return 0;
    int rc = file_flush_locked(f);
    f->closed = true;
    if (f->writable) open_files_remove(f);
    if (f->closefd && f->fd >= 0) {
        if (close(f->fd) < 0 && rc == 0) {
            err_from_errno(&Exc_OSError);
            rc = -1;
        }
    }
    f->fd = -1;
    mem_free(f->rbuf);
    mem_free(f->wbuf);
    f->rbuf = f->wbuf = NULL;
    f->rpos = f->rlen = f->wlen = 0;
    return rc;
}

/* ---- construction ------------------------------------------------------- */
FileObject *file_open_fd(int fd, Object *name, Object *mode, bool readable, bool writable,
                         bool appending, bool closefd, intptr_t buffering) {
    TypeObject *type;
    if (buffering == 0) type = &FileIO_Type;
    else if (readable && writable) type = &BufferedRandom_Type;
    else if (writable) type = &BufferedWriter_Type;
    else type = &BufferedReader_Type;
    FileObject *f = (FileObject *)obj_alloc(type);
    if (!f) return NULL;
    f->fd = fd;
    f->name = NEWREF(name);
    f->mode = NEWREF(mode);
    f->readable = readable;
    f->writable = writable;
    f->appending = appending;
    f->closefd = closefd;
    f->buffered = buffering != 0;
    f->seekable = -1;
    if (buffering < 0 || buffering == 1) {
        struct stat st;
        buffering = 8192;
        if (fstat(fd, &st) == 0 && st.st_blksize > 1) buffering = st.st_blksize;
    }
    f->bufsize = (size_t)(buffering > 0 ? buffering : 1);
    if (writable) open_files_add(f);
    return f;
}

static void file_dealloc(Object *self) {
    FileObject *f = (FileObject *)self;
    if (!f->closed) {
        /* Nobody else can hold the lock: this was the last reference. */
        f->busy = 0;
        if (file_close_locked(f) < 0) err_write_unraisable(self);
    }
    CLEAR(f->name);
    CLEAR(f->mode);
    CLEAR(f->dict);
    obj_free(self);
}

/* FileIO's mode as CPython shows it: 'rb', 'wb', 'ab', 'xb', 'rb+' ... */
static const char *raw_mode(FileObject *f) {
    if (f->created) return f->readable ? "xb+" : "xb";
    if (f->appending) return f->readable ? "ab+" : "ab";
    if (f->readable && f->writable) return "rb+";
    return f->writable ? "wb" : "rb";
}

static Object *file_repr(Object *self) {
    FileObject *f = (FileObject *)self;
    const char *tname = OBJ_TYPE(self)->name;
    if (!f->buffered) {
        if (f->closed) return str_from_format("<%s [closed]>", tname);
        return str_from_format("<%s name=%R mode='%s' closefd=%s>", tname, f->name,
                               raw_mode(f), f->closefd ? "True" : "False");
    }
    return str_from_format("<%s name=%R>", tname, f->name);
}

/* ---- methods ------------------------------------------------------------- */
#define FILE(self) ((FileObject *)(self))

static intptr_t size_arg(Object *const *args, size_t nargs, const char *fname, int *err) {
    *err = 0;
    if (nargs == 0 || args[0] == None) return -1;
    intptr_t n = obj_as_ssize(args[0], &Exc_OverflowError);
    if (n == -1 && err_occurred()) *err = 1;
    return n;
}

static Object *file_read(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    FileObject *f = FILE(self);
    if (args_count("read", nargs, 0, 1) < 0) return NULL;
    int e;
    intptr_t n = size_arg(args, nargs, "read", &e);
    if (e) return NULL;
    if (f->closed) return err_format(&Exc_ValueError, "read of closed file");
    if (file_check_readable(f) < 0 || file_lock(f) < 0) return NULL;
    Object *r = file_read_locked(f, n < 0 ? -1 : n);
    file_unlock(f);
    return r;
}

static Object *file_read1(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    FileObject *f = FILE(self);
    if (args_count("read1", nargs, 0, 1) < 0) return NULL;
    int e;
    intptr_t n = size_arg(args, nargs, "read1", &e);
    if (e) return NULL;
    if (file_check_open(f) < 0 || file_check_readable(f) < 0 || file_lock(f) < 0) return NULL;
    Object *r = NULL;
    if (file_prepare_read_locked(f) == 0) {
        intptr_t avail = file_fill_locked(f);
        if (avail >= 0) {
            if (n < 0 || n > avail) n = avail;
            r = bytes_from_buf(f->rbuf ? f->rbuf + f->rpos : "", (size_t)n);
            if (r) f->rpos += (size_t)n;
        }
    }
    file_unlock(f);
    return r;
}

static Object *file_readline(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    FileObject *f = FILE(self);
    if (args_count("readline", nargs, 0, 1) < 0) return NULL;
    int e;
    intptr_t n = size_arg(args, nargs, "readline", &e);
    if (e) return NULL;
    if (file_check_open(f) < 0 || file_check_readable(f) < 0 || file_lock(f) < 0) return NULL;
    Object *r = file_readline_locked(f, n);
    file_unlock(f);
    return r;
}

static Object *file_iternext(Object *self) {
    FileObject *f = FILE(self);
    if (file_check_open(f) < 0 || file_check_readable(f) < 0 || file_lock(f) < 0) return NULL;
    Object *r = file_readline_locked(f, -1);
    file_unlock(f);
    if (r && BYTES_SIZE(r) == 0) CLEAR(r);
    return r;
}

static Object *file_iter(Object *self) {
    if (file_check_open(FILE(self)) < 0) return NULL;
    return NEWREF(self);
}

static Object *file_readlines(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    if (args_count("readlines", nargs, 0, 1) < 0) return NULL;
    int e;
    intptr_t hint = size_arg(args, nargs, "readlines", &e);
    if (e) return NULL;
    Object *list = list_new(0);
    if (!list) return NULL;
    intptr_t total = 0;
    for (;;) {
        Object *line = file_iternext(self);
        if (!line) {
            if (err_occurred()) CLEAR(list);
            break;
        }
        total += BYTES_SIZE(line);
        int rc = list_append(list, line);
        DECREF(line);
        if (rc < 0) {
            CLEAR(list);
            break;
        }
        if (hint > 0 && total >= hint) break;
    }
    return list;
}

static Object *file_write(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    FileObject *f = FILE(self);
    if (args_count("write", nargs, 1, 1) < 0) return NULL;
    const char *data;
    intptr_t n;
    if (bytes_like_buffer(args[0], &data, &n) < 0) {
        err_clear();
        return err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                          type_name(OBJ_TYPE(args[0])));
    }
    if (file_check_writable(f) < 0 || file_check_open(f) < 0 || file_lock(f) < 0) return NULL;
    /* bytearray data may move if a callback resized it; copy-free is fine
     * here because nothing runs Python code while the lock is held. */
    int rc = file_write_locked(f, data, (size_t)n);
    file_unlock(f);
    if (rc < 0) return NULL;
    return int_from_ssize(n);
}

static Object *file_writelines(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("writelines", nargs, 1, 1) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Object *item;
    while ((item = obj_iter_next(it))) {
        Object *r = file_write(self, &item, 1, NULL);
        DECREF(item);
        if (!r) {
            DECREF(it);
            return NULL;
        }
        DECREF(r);
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    return none_new();
}

static Object *file_flush(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    FileObject *f = FILE(self);
    if (file_check_open(f) < 0 || file_lock(f) < 0) return NULL;
    int rc = file_flush_locked(f);
    file_unlock(f);
    return rc < 0 ? NULL : none_new();
}

static Object *file_close(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    FileObject *f = FILE(self);
    if (f->closed) return none_new();
    if (file_lock(f) < 0) return NULL;
    int rc = file_close_locked(f);
    file_unlock(f);
    return rc < 0 ? NULL : none_new();
}

static int check_open_nodot(FileObject *f) {
    if (f->closed) {
        err_format(&Exc_ValueError, "I/O operation on closed file");
        return -1;
    }
    return 0;
}

static Object *file_fileno(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (check_open_nodot(FILE(self)) < 0) return NULL;
    return int_from_long(FILE(self)->fd);
}

static Object *file_isatty(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (check_open_nodot(FILE(self)) < 0) return NULL;
    return bool_from(isatty(FILE(self)->fd));
}

static Object *file_readable(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    if (check_open_nodot(FILE(self)) < 0) return NULL;
    return bool_from(FILE(self)->readable);
}

static Object *file_writable(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    if (check_open_nodot(FILE(self)) < 0) return NULL;
    return bool_from(FILE(self)->writable);
}

static Object *file_seekable(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    FileObject *f = FILE(self);
    if (check_open_nodot(f) < 0) return NULL;
    if (f->seekable < 0) f->seekable = lseek(f->fd, 0, SEEK_CUR) >= 0;
    return bool_from(f->seekable);
}

static Object *file_seek(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    FileObject *f = FILE(self);
    intptr_t pos;
    int whence = 0;
    if (args_parse(args, nargs, kwnames, "n|i:seek", NULL, &pos, &whence) < 0) return NULL;
    if (f->closed) return err_format(&Exc_ValueError, "seek of closed file");
    if (whence < 0 || whence > 2)
        return err_format(&Exc_ValueError, "whence value %d unsupported", whence);
    if (file_lock(f) < 0) return NULL;
    off_t r = file_seek_locked(f, (off_t)pos, whence);
    file_unlock(f);
    return r < 0 ? NULL : int_from_long((long long)r);
}

static Object *file_tell(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    FileObject *f = FILE(self);
    if (check_open_nodot(f) < 0 || file_lock(f) < 0) return NULL;
    off_t r = file_tell_locked(f);
    file_unlock(f);
    return r < 0 ? NULL : int_from_long((long long)r);
}

static Object *file_truncate(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    FileObject *f = FILE(self);
    if (args_count("truncate", nargs, 0, 1) < 0) return NULL;
    if (file_check_open(f) < 0 || file_check_writable(f) < 0 || file_lock(f) < 0) return NULL;
    Object *res = NULL;
    off_t size;
    if (file_flush_locked(f) < 0 || drop_readahead(f) < 0) goto done;
    if (nargs == 0 || args[0] == None) {
        size = lseek(f->fd, 0, SEEK_CUR);
    } else {
        intptr_t n = obj_as_ssize(args[0], &Exc_OverflowError);
        if (n == -1 && err_occurred()) goto done;
        size = (off_t)n;
    }
    if (size < 0 || ftruncate(f->fd, size) < 0) {
        err_from_errno(&Exc_OSError);
        goto done;
    }
    res = int_from_long((long long)size);
done:
    file_unlock(f);
    return res;
}

static Object *file_enter(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (file_check_open(FILE(self)) < 0) return NULL;
    return NEWREF(self);
}

static Object *file_exit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return file_close(self, NULL, 0, NULL);
}

static MethodDef file_methods[] = {
    {"read", file_read, 0, NULL},
    {"read1", file_read1, 0, NULL},
    {"readall", file_read, 0, NULL},
    {"readline", file_readline, 0, NULL},
    {"readlines", file_readlines, 0, NULL},
    {"write", file_write, 0, NULL},
    {"writelines", file_writelines, 0, NULL},
    {"flush", file_flush, 0, NULL},
    {"close", file_close, 0, NULL},
    {"fileno", file_fileno, 0, NULL},
    {"isatty", file_isatty, 0, NULL},
    {"readable", file_readable, 0, NULL},
    {"writable", file_writable, 0, NULL},
    {"seekable", file_seekable, 0, NULL},
    {"seek", file_seek, 0, NULL},
    {"tell", file_tell, 0, NULL},
    {"truncate", file_truncate, 0, NULL},
    {"__enter__", file_enter, 0, NULL},
    {"__exit__", file_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static Object *file_get_closed(Object *self, void *c) { return bool_from(FILE(self)->closed); }
static Object *file_get_name(Object *self, void *c) { return NEWREF(FILE(self)->name); }
static Object *file_get_mode(Object *self, void *c) {
    FileObject *f = FILE(self);
    if (!f->buffered) return str_from_cstr(raw_mode(f));
    return NEWREF(f->mode);
}
static Object *file_get_closefd(Object *self, void *c) { return bool_from(FILE(self)->closefd); }
static Object *file_get_raw(Object *self, void *c) { return NEWREF(self); }

static GetSetDef file_getset[] = {
    {"closed", file_get_closed, NULL, NULL, NULL},
    {"name", file_get_name, NULL, NULL, NULL},
    {"mode", file_get_mode, NULL, NULL, NULL},
    {"closefd", file_get_closefd, NULL, NULL, NULL},
    {"raw", file_get_raw, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define FILE_TYPE(cname, pyname, basetype)                       \
    TypeObject cname = {                                         \
        .ob_base = STATIC_OBJECT_HEAD(&Type_Type),               \
        .name = pyname,                                          \
        .basicsize = sizeof(FileObject),                         \
        .flags = TPFLAG_BASETYPE,                                \
        .dealloc = file_dealloc,                                 \
        .repr = file_repr,                                       \
        .iter = file_iter,                                       \
        .iternext = file_iternext,                               \
        .methods = file_methods,                                 \
        .getset = file_getset,                                   \
        .base = &basetype,                                       \
        .dictoffset = offsetof(FileObject, dict),                \
    };

FILE_TYPE(FileIO_Type, "_io.FileIO", RawIOBase_Type)
FILE_TYPE(BufferedReader_Type, "_io.BufferedReader", BufferedIOBase_Type)
FILE_TYPE(BufferedWriter_Type, "_io.BufferedWriter", BufferedIOBase_Type)
FILE_TYPE(BufferedRandom_Type, "_io.BufferedRandom", BufferedIOBase_Type)
