/* stdlib/io.h — file objects (modules "io" and "_io").
 *
 * Layers, as in CPython: a binary file (FileObject: _io.FileIO when
 * unbuffered, _io.BufferedReader/Writer/Random otherwise) owns the file
 * descriptor and the byte buffers; a text file (_io.TextIOWrapper) sits on a
 * binary one and adds encoding, decoding and newline translation.
 * io.StringIO and io.BytesIO are in-memory files.
 *
 * Threads: a binary file is used by one thread at a time.  Every operation
 * takes the file's lock (waiting for it with the GIL released); the GIL is
 * released only around the read(2)/write(2)/open(2) calls, so buffers are
 * touched only with both the GIL and the file's lock held.
 */
#ifndef GILPY_IO_H
#define GILPY_IO_H

#include <stdbool.h>
#include "vm/object.h"

extern TypeObject IOBase_Type, RawIOBase_Type, BufferedIOBase_Type, TextIOBase_Type;
extern TypeObject FileIO_Type, BufferedReader_Type, BufferedWriter_Type,
    BufferedRandom_Type, TextIOWrapper_Type, StringIO_Type, BytesIO_Type;

/* The binary layer (stdlib/io_file.c). */
typedef struct FileObject {
    Object ob_base;
    int fd;
    Object *name;          /* str, bytes or int, as given to open() */
    Object *mode;          /* the mode string given to open() (the .mode attribute) */
    bool readable, writable, appending, created;
    bool closefd, closed;
    bool buffered;         /* false: _io.FileIO, every call goes to the OS */
    signed char seekable;  /* -1: not known yet */
    char *rbuf;            /* read buffer: valid bytes are rbuf[rpos..rlen) */
    size_t rpos, rlen;
    char *wbuf;            /* write buffer: wbuf[0..wlen) pending */
    size_t wlen;
    size_t bufsize;        /* capacity of each buffer */
    /* the per-file lock (see file_lock in io_file.c) */
    int busy;
    unsigned long owner;
    unsigned generation;
    Object *dict;          /* instance attributes */
    struct FileObject *open_prev, *open_next;   /* open writable files (exit flush) */
} FileObject;

/* The text layer (stdlib/io_text.c). */
enum { NL_UNIVERSAL, NL_UNTRANSLATED, NL_LF, NL_CR, NL_CRLF };
typedef struct TextObject {
    Object ob_base;
    FileObject *buffer;
    Object *mode;          /* str as given to open() */
    Object *encoding;      /* str as given ('UTF-8' by default) */
    Object *errors;        /* str */
    int codec;             /* CODEC_* of vm/objects/text.h */
    int newline;           /* NL_* */
    bool line_buffering, write_through;
    Object *dict;
} TextObject;

static inline bool io_is_text(Object *o) {
    return !IS_SMALLINT(o) && o->type == &TextIOWrapper_Type;
}

/* builtins.open / io.open (a cfunc). */
Object *io_open(Object *self, Object *const *args, size_t nargs, Object *kwnames);
/* sys.stdin/stdout/stderr over fds 0, 1, 2 (new references). */
Object *io_std_stream(int fd, bool unbuffered);
/* print()'s fast path: write a str to a TextIOWrapper.  0 / -1. */
int io_text_write_str(Object *file, Object *s);
/* Flush a file-like object: f.flush() (fast for our types).  0 / -1. */
int io_flush(Object *f);
/* At exit: flush every open writable file (CPython flushes them when module
 * globals are torn down), ignoring errors. */
void io_flush_all_files(void);
/* Flush sys.stdout and sys.stderr, ignoring errors (before fork). */
void io_flush_std_streams(void);
/* io.UnsupportedOperation (borrowed; created on first use). */
TypeObject *io_unsupported_operation(void);
/* Re-initialise the file locks in a forked child. */
void io_after_fork_child(void);
void io_init_types(void);
/* Set by the REPL's line editor: called with the GIL held around every
 * write(2) to fds 1 and 2 (begin=1 before, begin=0 after; `data`/`n` what
 * is written), so a prompt being edited can be cleared and redrawn. */
extern void (*io_console_write_hook)(int begin, const char *data, size_t n);

/* ---- internals shared by io_file.c and io_text.c ------------------------ */
int file_lock(FileObject *f);
void file_unlock(FileObject *f);
int file_check_open(FileObject *f);         /* ValueError on a closed file */
int file_check_readable(FileObject *f);
int file_check_writable(FileObject *f);
/* These expect the lock held. */
int file_write_locked(FileObject *f, const char *data, size_t n);
int file_flush_locked(FileObject *f);
/* Make data available in the read buffer; returns the count available
 * (0 = EOF) or -1. */
intptr_t file_fill_locked(FileObject *f);
Object *file_read_locked(FileObject *f, intptr_t n);   /* bytes; n < 0: all */
int file_prepare_read_locked(FileObject *f);           /* flush pending writes */
int file_close_locked(FileObject *f);
/* Text-level lseek: byte offsets; -1 on error. */
off_t file_seek_locked(FileObject *f, off_t pos, int whence);
off_t file_tell_locked(FileObject *f);
/* A text file on `buffer` (io_text.c); encoding/errors NULL: defaults;
 * newline NULL or None: universal newlines. */
Object *io_text_wrap(FileObject *buffer, Object *mode, const char *encoding,
                     const char *errors, Object *newline, bool line_buffering,
                     bool write_through);
FileObject *file_open_fd(int fd, Object *name, Object *mode, bool readable, bool writable,
                         bool appending, bool closefd, intptr_t buffering);

#endif
