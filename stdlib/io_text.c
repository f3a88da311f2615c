/* stdlib/io_text.c — _io.TextIOWrapper: str on top of a binary file.
 *
 * The text layer keeps no buffer of its own: it scans the binary file's read
 * buffer directly (with the binary file's lock held), translating newlines
 * on the encoded bytes (every supported codec — UTF-8, ASCII, Latin-1 —
 * encodes '\r' and '\n' as those single bytes) and decoding at the end.  So
 * tell() is simply the byte position, and text and binary reads on the same
 * file interleave correctly.
 *
 * Newline modes (open()'s newline=): None — '\r\n' and '\r' read as '\n',
 * '\n' written as is; '' — any ending ends a line, nothing translated;
 * '\n', '\r', '\r\n' — only that ending ends a line, and written '\n' become
 * it.
 */
#include <string.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm/objects/text.h"
#include "stdlib/io.h"

#define TEXT(o) ((TextObject *)(o))

static int text_check_open(TextObject *t) { return file_check_open(t->buffer); }

static int text_check_readable(TextObject *t) {
    if (!t->buffer->readable) {
        err_format(io_unsupported_operation(), "not readable");
        return -1;
    }
    return 0;
}

static int text_check_writable(TextObject *t) {
    if (!t->buffer->writable) {
        err_format(io_unsupported_operation(), "not writable");
        return -1;
    }
    return 0;
}

/* ---- decoding ------------------------------------------------------------- */
static Object *text_decode(TextObject *t, const char *data, size_t n) {
    const char *errors = str_utf8(t->errors);
    if (t->codec == CODEC_UTF8 && strcmp(errors, "strict") == 0)
        return str_decode_utf8(data, n, "strict");
    return bytes_decode(data, (intptr_t)n, str_utf8(t->encoding), errors);
}

/* Refill keeping the unread bytes (used to look one byte past a '\r'):
 * returns the number of new bytes (0 at EOF) or -1. */
static intptr_t file_fill_more_locked(FileObject *f) {
    size_t keep = f->rlen - f->rpos;
    if (keep && f->rpos) memmove(f->rbuf, f->rbuf + f->rpos, keep);
    f->rpos = 0;
    f->rlen = keep;
    if (keep == f->bufsize) return 0;   /* cannot happen for a lone '\r' */
    /* file_fill_locked only reads into an empty buffer: read behind `keep`
     * by temporarily pretending the buffer starts there. */
    char *save = f->rbuf;
    size_t savecap = f->bufsize;
    f->rbuf = save + keep;
    f->bufsize = savecap - keep;
    f->rpos = f->rlen = 0;
    intptr_t r = file_fill_locked(f);
    f->rbuf = save;
    f->bufsize = savecap;
    f->rpos = 0;
    f->rlen = keep + (r > 0 ? (size_t)r : 0);
    return r;
}

/* The core of read(n), read() and readline(n): up to maxchars characters
 * (< 0: no limit), stopping after a line ending when `line`.  Lock held. */
static Object *text_read_locked(TextObject *t, intptr_t maxchars, bool line) {
    FileObject *f = t->buffer;
    if (file_prepare_read_locked(f) < 0) return NULL;
    bool utf8 = t->codec == CODEC_UTF8;
    int nl = t->newline;
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t chars = 0;
    int pending = 0;   /* continuation bytes still owed by the last character */
    bool stop = false;
    while (!stop) {
        if (!pending && maxchars >= 0 && chars >= maxchars) break;
        intptr_t avail = file_fill_locked(f);
        if (avail < 0) goto fail;
        if (avail == 0) break;
        const unsigned char *buf = (const unsigned char *)f->rbuf + f->rpos;
        size_t i = 0, run = 0;
        while (i < (size_t)avail) {
            unsigned char c = buf[i];
            if (pending) {
                if ((c & 0xC0) == 0x80) {
                    pending--;
                    i++;
                    continue;
                }
                pending = 0;   /* malformed: the decoder will complain */
            }
            if (maxchars >= 0 && chars >= maxchars) {
                stop = true;
                break;
            }
            chars++;
            if (utf8 && c >= 0xC0) pending = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            if (c == '\r' && (nl == NL_UNIVERSAL || nl == NL_UNTRANSLATED)) {
                if (i + 1 == (size_t)avail) {
                    /* Need the next byte to know whether this is "\r\n". */
                    if (strbuf_append(&sb, (const char *)buf + run, i - run) < 0) goto fail;
                    f->rpos += i;
                    run = i = 0;
                    chars--;
                    intptr_t more = file_fill_more_locked(f);
                    if (more < 0) goto fail;
                    if (more > 0) goto rescan;
                    /* '\r' is the last byte of the file. */
                    f->rpos++;
                    chars++;
                    strbuf_append_char(&sb, nl == NL_UNIVERSAL ? '\n' : '\r');
                    if (line) stop = true;
                    goto rescan;
                }
                bool crlf = buf[i + 1] == '\n';
                if (nl == NL_UNIVERSAL) {
                    if (strbuf_append(&sb, (const char *)buf + run, i - run) < 0) goto fail;
                    strbuf_append_char(&sb, '\n');
                    i += crlf ? 2 : 1;
                    run = i;
                } else {
                    i += crlf ? 2 : 1;
                }
                if (line) {
                    stop = true;
                    break;
                }
                continue;
            }
            i++;
            if (!line) continue;
            if (c == '\n') {
                if (nl == NL_CR) continue;
                if (nl == NL_CRLF) {
                    bool after_cr = i >= 2 ? buf[i - 2] == '\r'
                                           : (sb.len && sb.data[sb.len - 1] == '\r');
                    if (!after_cr) continue;
                }
                stop = true;
                break;
            }
            if (c == '\r' && nl == NL_CR) {
                stop = true;
                break;
            }
        }
        if (strbuf_append(&sb, (const char *)buf + run, i - run) < 0) goto fail;
        f->rpos += i;
    rescan:;
    }
    Object *res = text_decode(t, sb.data, sb.len);
    strbuf_free(&sb);
    return res;
fail:
    strbuf_free(&sb);
    return NULL;
}

/* read() of everything: one bulk read, then translate and decode. */
static Object *text_read_all_locked(TextObject *t) {
    Object *b = file_read_locked(t->buffer, -1);
    if (!b) return NULL;
    const char *data = BYTES_DATA(b);
    size_t n = (size_t)BYTES_SIZE(b);
    if (t->newline == NL_UNIVERSAL && memchr(data, '\r', n)) {
        char *out = mem_alloc(n ? n : 1);
        if (!out) {
            DECREF(b);
            return NULL;
        }
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            if (data[i] == '\r') {
                out[j++] = '\n';
                if (i + 1 < n && data[i + 1] == '\n') i++;
            } else {
                out[j++] = data[i];
            }
        }
        Object *res = text_decode(t, out, j);
        mem_free(out);
        DECREF(b);
        return res;
    }
    Object *res = text_decode(t, data, n);
    DECREF(b);
    return res;
}

/* ---- writing -------------------------------------------------------------- */
static bool has_lone_surrogate(const char *s, size_t n) {
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xED && (unsigned char)s[i + 1] >= 0xA0) return true;
    return false;
}

static Object *text_write_impl(TextObject *t, Object *s) {
    if (!str_check(s))
        return err_format(&Exc_TypeError, "write() argument must be str, not %T", s);
    if (text_check_open(t) < 0 || text_check_writable(t) < 0) return NULL;
    const char *data = STR_DATA(s);
    size_t n = (size_t)STR_SIZE(s);
    char *translated = NULL;
    Object *encoded = NULL;
    bool has_nl = memchr(data, '\n', n) != NULL;
    if (has_nl && (t->newline == NL_CR || t->newline == NL_CRLF)) {
        translated = mem_alloc(n * 2 + 1);
        if (!translated) return NULL;
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            if (data[i] == '\n') {
                translated[j++] = '\r';
                if (t->newline == NL_CRLF) translated[j++] = '\n';
            } else {
                translated[j++] = data[i];
            }
        }
        data = translated;
        n = j;
    }
    /* ASCII text is the same in every supported codec; other UTF-8 text
     * can be written as stored unless it holds lone surrogates (which the
     * codec must reject or escape). */
    bool direct = ((StrObject *)s)->ascii ||
                  (t->codec == CODEC_UTF8 && !has_lone_surrogate(data, n));
    if (!direct) {
        Object *src = s;
        if (translated) {
            src = str_from_utf8(data, n);
            if (!src) goto fail;
        }
        encoded = str_encode(src, str_utf8(t->encoding), str_utf8(t->errors));
        if (src != s) DECREF(src);
        if (!encoded) goto fail;
        data = BYTES_DATA(encoded);
        n = (size_t)BYTES_SIZE(encoded);
    }
    FileObject *f = t->buffer;
    if (file_lock(f) < 0) goto fail;
    int rc = file_write_locked(f, data, n);
    if (rc == 0 && (t->write_through ||
                    (t->line_buffering && (has_nl || memchr(data, '\r', n)))))
        rc = file_flush_locked(f);
    file_unlock(f);
    if (rc < 0) goto fail;
    mem_free(translated);
    XDECREF(encoded);
    return int_from_ssize(STR_LENGTH(s));
fail:
    mem_free(translated);
    XDECREF(encoded);
    return NULL;
}

int io_text_write_str(Object *file, Object *s) {
    Object *r = text_write_impl(TEXT(file), s);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

/* ---- methods -------------------------------------------------------------- */
static int size_arg(Object *const *args, size_t nargs, const char *fname, intptr_t *out) {
    *out = -1;
    if (args_count(fname, nargs, 0, 1) < 0) return -1;
    if (nargs == 0 || args[0] == None) return 0;
    if (!int_check(args[0])) {
        err_format(&Exc_TypeError, "argument should be integer or None, not '%s'",
                   type_name(OBJ_TYPE(args[0])));
        return -1;
    }
    *out = obj_as_ssize(args[0], &Exc_OverflowError);
    return (*out == -1 && err_occurred()) ? -1 : 0;
}

static Object *text_read(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    TextObject *t = TEXT(self);
    intptr_t n;
    if (size_arg(args, nargs, "read", &n) < 0) return NULL;
    if (text_check_open(t) < 0 || text_check_readable(t) < 0) return NULL;
    if (file_lock(t->buffer) < 0) return NULL;
    Object *r = n < 0 ? text_read_all_locked(t) : text_read_locked(t, n, false);
    file_unlock(t->buffer);
    return r;
}

static Object *text_readline_n(TextObject *t, intptr_t n) {
    if (text_check_open(t) < 0 || text_check_readable(t) < 0) return NULL;
    if (file_lock(t->buffer) < 0) return NULL;
    Object *r = text_read_locked(t, n, true);
    file_unlock(t->buffer);
    return r;
}

static Object *text_readline(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    intptr_t n;
    if (size_arg(args, nargs, "readline", &n) < 0) return NULL;
    return text_readline_n(TEXT(self), n);
}

static Object *text_iternext(Object *self) {
    Object *line = text_readline_n(TEXT(self), -1);
    if (line && STR_SIZE(line) == 0) CLEAR(line);
    return line;
}

static Object *text_iter(Object *self) {
    if (text_check_open(TEXT(self)) < 0) return NULL;
    return NEWREF(self);
}

static Object *text_readlines(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    intptr_t hint;
    if (size_arg(args, nargs, "readlines", &hint) < 0) return NULL;
    Object *list = list_new(0);
    if (!list) return NULL;
    intptr_t total = 0;
    for (;;) {
        Object *line = text_iternext(self);
        if (!line) {
            if (err_occurred()) CLEAR(list);
            break;
        }
        total += STR_LENGTH(line);
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

static Object *text_write(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("write", nargs, 1, 1) < 0) return NULL;
    return text_write_impl(TEXT(self), args[0]);
}

static Object *text_writelines(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("writelines", nargs, 1, 1) < 0) return NULL;
    if (text_check_open(TEXT(self)) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Object *item;
    while ((item = obj_iter_next(it))) {
        Object *r = text_write_impl(TEXT(self), item);
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

static Object *text_flush(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    TextObject *t = TEXT(self);
    if (text_check_open(t) < 0 || file_lock(t->buffer) < 0) return NULL;
    int rc = file_flush_locked(t->buffer);
    file_unlock(t->buffer);
    return rc < 0 ? NULL : none_new();
}

static Object *text_close(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    TextObject *t = TEXT(self);
    if (t->buffer->closed) return none_new();
    if (file_lock(t->buffer) < 0) return NULL;
    int rc = file_close_locked(t->buffer);
    file_unlock(t->buffer);
    return rc < 0 ? NULL : none_new();
}

static Object *buffer_call(Object *self, const char *name, Object *const *args, size_t nargs) {
    TextObject *t = TEXT(self);
    if (t->buffer->closed)
        return err_format(&Exc_ValueError, "I/O operation on closed file");
    return obj_call_method((Object *)t->buffer, name, args, nargs);
}

static Object *text_fileno(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return buffer_call(self, "fileno", NULL, 0);
}
static Object *text_isatty(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return buffer_call(self, "isatty", NULL, 0);
}
static Object *text_readable(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    return buffer_call(self, "readable", NULL, 0);
}
static Object *text_writable(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    return buffer_call(self, "writable", NULL, 0);
}
static Object *text_seekable(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    return buffer_call(self, "seekable", NULL, 0);
}

static Object *text_seek(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    TextObject *t = TEXT(self);
    Object *cookie;
    int whence = 0;
    if (args_parse(args, nargs, kwnames, "O|i:seek", NULL, &cookie, &whence) < 0) return NULL;
    if (text_check_open(t) < 0) return NULL;
    intptr_t pos = obj_as_ssize(cookie, &Exc_OverflowError);
    if (pos == -1 && err_occurred()) return NULL;
    if (whence == 1 && pos != 0)
        return err_format(io_unsupported_operation(), "can't do nonzero cur-relative seeks");
    if (whence == 2 && pos != 0)
        return err_format(io_unsupported_operation(), "can't do nonzero end-relative seeks");
    if (whence < 0 || whence > 2)
        return err_format(&Exc_ValueError, "invalid whence (%d, should be 0, 1 or 2)", whence);
    if (whence == 0 && pos < 0)
        return err_format(&Exc_ValueError, "negative seek position %zd", pos);
    if (file_lock(t->buffer) < 0) return NULL;
    off_t r = file_seek_locked(t->buffer, (off_t)pos, whence);
    file_unlock(t->buffer);
    if (r < 0) {
        if (err_matches(io_unsupported_operation())) {
            err_clear();
            err_format(io_unsupported_operation(), "underlying stream is not seekable");
        }
        return NULL;
    }
    return int_from_long((long long)r);
}

static Object *text_tell(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    TextObject *t = TEXT(self);
    if (text_check_open(t) < 0 || file_lock(t->buffer) < 0) return NULL;
    off_t r = file_tell_locked(t->buffer);
    file_unlock(t->buffer);
    if (r < 0) {
        if (err_matches(io_unsupported_operation())) {
            err_clear();
            err_format(io_unsupported_operation(), "underlying stream is not seekable");
        }
        return NULL;
    }
    return int_from_long((long long)r);
}

static Object *text_truncate(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    if (text_check_open(TEXT(self)) < 0) return NULL;
    return obj_call_method((Object *)TEXT(self)->buffer, "truncate", args, nargs);
}

static Object *text_enter(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (text_check_open(TEXT(self)) < 0) return NULL;
    return NEWREF(self);
}

static Object *text_exit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return text_close(self, NULL, 0, NULL);
}

static int parse_newline(Object *v, int *out) {
    if (!v || v == None) {
        *out = NL_UNIVERSAL;
        return 0;
    }
    if (str_check(v)) {
        const char *s = str_utf8(v);
        if (!*s) { *out = NL_UNTRANSLATED; return 0; }
        if (!strcmp(s, "\n")) { *out = NL_LF; return 0; }
        if (!strcmp(s, "\r")) { *out = NL_CR; return 0; }
        if (!strcmp(s, "\r\n")) { *out = NL_CRLF; return 0; }
        err_format(&Exc_ValueError, "illegal newline value: %U", v);
        return -1;
    }
    err_format(&Exc_TypeError, "line_buffering must be str or None, not %T", v);
    return -1;
}

static int set_encoding(TextObject *t, const char *encoding, const char *errors) {
    int codec = codec_lookup(encoding);
    if (codec < 0) return -1;
    Object *e = str_from_cstr(encoding);
    if (!e) return -1;
    Object *er = str_from_cstr(errors);
    if (!er) {
        DECREF(e);
        return -1;
    }
    SETREF(t->encoding, e);
    SETREF(t->errors, er);
    t->codec = codec;
    return 0;
}

/* reconfigure(*, encoding=None, errors=None, newline=..., line_buffering=None,
 * write_through=None) */
static Object *text_reconfigure(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames) {
    TextObject *t = TEXT(self);
    static const char *kwlist[] = {"encoding", "errors", "newline", "line_buffering",
                                   "write_through", NULL};
    Object *enc = None, *errs = None, *newline = NULL, *lb = None, *wt = None;
    if (args_parse(args, nargs, kwnames, "|$OOOOO:reconfigure", kwlist, &enc, &errs,
                   &newline, &lb, &wt) < 0)
        return NULL;
    if (enc != None || errs != None) {
        if ((enc != None && !str_check(enc)) || (errs != None && !str_check(errs)))
            return err_format(&Exc_TypeError, "reconfigure() argument must be str or None");
        const char *e = enc != None ? str_utf8(enc) : str_utf8(t->encoding);
        const char *er = errs != None ? str_utf8(errs) : (enc != None ? "strict" : str_utf8(t->errors));
        if (file_lock(t->buffer) < 0) return NULL;
        int rc = file_flush_locked(t->buffer);
        file_unlock(t->buffer);
        if (rc < 0 || set_encoding(t, e, er) < 0) return NULL;
    }
    if (newline) {
        int nlm;
        if (parse_newline(newline, &nlm) < 0) return NULL;
        t->newline = nlm;
    }
    if (lb != None) {
        int v = obj_is_true(lb);
        if (v < 0) return NULL;
        t->line_buffering = v;
    }
    if (wt != None) {
        int v = obj_is_true(wt);
        if (v < 0) return NULL;
        t->write_through = v;
    }
    if (t->line_buffering || t->write_through) {
        if (file_lock(t->buffer) < 0) return NULL;
        int rc = file_flush_locked(t->buffer);
        file_unlock(t->buffer);
        if (rc < 0) return NULL;
    }
    return none_new();
}

static MethodDef text_methods[] = {
    {"read", text_read, 0, NULL},
    {"readline", text_readline, 0, NULL},
    {"readlines", text_readlines, 0, NULL},
    {"write", text_write, 0, NULL},
    {"writelines", text_writelines, 0, NULL},
    {"flush", text_flush, 0, NULL},
    {"close", text_close, 0, NULL},
    {"fileno", text_fileno, 0, NULL},
    {"isatty", text_isatty, 0, NULL},
    {"readable", text_readable, 0, NULL},
    {"writable", text_writable, 0, NULL},
    {"seekable", text_seekable, 0, NULL},
    {"seek", text_seek, 0, NULL},
    {"tell", text_tell, 0, NULL},
    {"truncate", text_truncate, 0, NULL},
    {"reconfigure", text_reconfigure, METH_KW, NULL},
    {"__enter__", text_enter, 0, NULL},
    {"__exit__", text_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static Object *text_get_closed(Object *self, void *c) { return bool_from(TEXT(self)->buffer->closed); }
static Object *text_get_name(Object *self, void *c) { return NEWREF(TEXT(self)->buffer->name); }
static Object *text_get_mode(Object *self, void *c) { return NEWREF(TEXT(self)->mode); }
static Object *text_get_encoding(Object *self, void *c) { return NEWREF(TEXT(self)->encoding); }
static Object *text_get_errors(Object *self, void *c) { return NEWREF(TEXT(self)->errors); }
static Object *text_get_buffer(Object *self, void *c) { return NEWREF((Object *)TEXT(self)->buffer); }
static Object *text_get_line_buffering(Object *self, void *c) {
    return bool_from(TEXT(self)->line_buffering);
}
static Object *text_get_write_through(Object *self, void *c) {
    return bool_from(TEXT(self)->write_through);
}
static Object *text_get_newlines(Object *self, void *c) { return none_new(); }

static GetSetDef text_getset[] = {
    {"closed", text_get_closed, NULL, NULL, NULL},
    {"name", text_get_name, NULL, NULL, NULL},
    {"mode", text_get_mode, NULL, NULL, NULL},
    {"encoding", text_get_encoding, NULL, NULL, NULL},
    {"errors", text_get_errors, NULL, NULL, NULL},
    {"buffer", text_get_buffer, NULL, NULL, NULL},
    {"line_buffering", text_get_line_buffering, NULL, NULL, NULL},
    {"write_through", text_get_write_through, NULL, NULL, NULL},
    {"newlines", text_get_newlines, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static Object *text_repr(Object *self) {
    TextObject *t = TEXT(self);
    return str_from_format("<_io.TextIOWrapper name=%R mode=%R encoding=%R>", t->buffer->name,
                           t->mode, t->encoding);
}

static void text_dealloc(Object *self) {
    TextObject *t = TEXT(self);
    if (t->buffer && !t->buffer->closed) {
        t->buffer->busy = 0;
        /* Like CPython: dropping the last reference closes the file (a
         * std stream has closefd=False and is only flushed). */
        if (file_close_locked(t->buffer) < 0) err_write_unraisable(self);
    }
    CLEAR(t->buffer);
    CLEAR(t->mode);
    CLEAR(t->encoding);
    CLEAR(t->errors);
    CLEAR(t->dict);
    obj_free(self);
}

Object *io_text_wrap(FileObject *buffer, Object *mode, const char *encoding,
                     const char *errors, Object *newline, bool line_buffering,
                     bool write_through) {
    int nlm;
    if (parse_newline(newline, &nlm) < 0) return NULL;
    TextObject *t = (TextObject *)obj_alloc(&TextIOWrapper_Type);
    if (!t) return NULL;
    t->buffer = (FileObject *)NEWREF((Object *)buffer);
    t->mode = NEWREF(mode);
    t->newline = nlm;
    t->line_buffering = line_buffering;
    t->write_through = write_through;
    if (set_encoding(t, encoding ? encoding : "UTF-8", errors ? errors : "strict") < 0) {
        DECREF((Object *)t);
        return NULL;
    }
    return (Object *)t;
}

/* TextIOWrapper(buffer, encoding=None, errors=None, newline=None,
 *               line_buffering=False, write_through=False) */
static Object *text_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames) {
    static const char *kwlist[] = {"buffer", "encoding", "errors", "newline",
                                   "line_buffering", "write_through", NULL};
    Object *buffer, *newline = None;
    const char *encoding = NULL, *errors = NULL;
    int lb = 0, wt = 0;
    if (args_parse(args, nargs, kwnames, "O|zzOpp:TextIOWrapper", kwlist, &buffer, &encoding,
                   &errors, &newline, &lb, &wt) < 0)
        return NULL;
    TypeObject *bt = OBJ_TYPE(buffer);
    if (bt != &BufferedReader_Type && bt != &BufferedWriter_Type &&
        bt != &BufferedRandom_Type)
        return err_format(&Exc_NotImplementedError,
                          "TextIOWrapper over a %T is not supported by gilpy", buffer);
    FileObject *f = (FileObject *)buffer;
    const char *m = f->readable && f->writable ? "r+" : f->writable ? "w" : "r";
    Object *mode = str_from_cstr(m);
    if (!mode) return NULL;
    Object *t = io_text_wrap(f, mode, encoding, errors, newline, lb, wt);
    DECREF(mode);
    return t;
}

TypeObject TextIOWrapper_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_io.TextIOWrapper",
    .basicsize = sizeof(TextObject),
    .flags = TPFLAG_BASETYPE,
    .dealloc = text_dealloc,
    .repr = text_repr,
    .iter = text_iter,
    .iternext = text_iternext,
    .methods = text_methods,
    .getset = text_getset,
    .base = &TextIOBase_Type,
    .tp_new = text_tp_new,
    .dictoffset = offsetof(TextObject, dict),
};
