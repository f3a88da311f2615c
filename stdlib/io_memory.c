/* stdlib/io_memory.c — in-memory files: io.StringIO and io.BytesIO.
 *
 * StringIO keeps its text as an array of code points so that positions
 * (seek/tell) are character indices and writes in the middle overwrite in
 * place, as CPython's does; getvalue() encodes back to a str.  BytesIO is a
 * plain byte buffer.  Neither blocks, so neither touches the GIL.
 */
#include <string.h>

#include "vm/vm.h"
#include "vm/objects/text.h"
#include "stdlib/io.h"

/* ======================================================================== */
/* StringIO                                                                 */
/* ======================================================================== */
typedef struct StringIOObject {
    Object ob_base;
    uint32_t *buf;
    size_t len, cap, pos;
    int newline;        /* NL_* of io.h; NL_LF by default */
    bool closed;
    Object *dict;
} StringIOObject;

#define SIO(o) ((StringIOObject *)(o))

static int sio_check(StringIOObject *s) {
    if (s->closed) {
        err_format(&Exc_ValueError, "I/O operation on closed file");
        return -1;
    }
    return 0;
}

static int sio_reserve(StringIOObject *s, size_t need) {
    if (need <= s->cap) return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < need) cap *= 2;
    uint32_t *nb = mem_realloc(s->buf, cap * sizeof *nb);
    if (!nb) return -1;
    s->buf = nb;
    s->cap = cap;
    return 0;
}

/* Write str `v` at the current position; returns its length or -1. */
static intptr_t sio_write_str(StringIOObject *s, Object *v) {
    const unsigned char *p = (const unsigned char *)STR_DATA(v);
    const unsigned char *end = p + STR_SIZE(v);
    size_t n = (size_t)STR_LENGTH(v);
    /* Translation may only shrink (\r\n -> \n) or grow (\n -> \r\n): reserve
     * the worst case. */
    if (sio_reserve(s, s->pos + n * 2 + 1) < 0) return -1;
    if (s->pos > s->len) {
        memset(s->buf + s->len, 0, (s->pos - s->len) * sizeof *s->buf);
        s->len = s->pos;
    }
    size_t at = s->pos;
    while (p < end) {
        int l;
        uint32_t cp = utf8_decode(p, &l);
        p += l;
        if (s->newline == NL_UNIVERSAL && cp == '\r') {
            if (p < end && *p == '\n') p++;
            cp = '\n';
        } else if (cp == '\n' && s->newline == NL_CR) {
            cp = '\r';
        } else if (cp == '\n' && s->newline == NL_CRLF) {
            s->buf[at++] = '\r';
        }
        s->buf[at++] = cp;
    }
    s->pos = at;
    if (at > s->len) s->len = at;
    return (intptr_t)n;
}

static Object *sio_slice(StringIOObject *s, size_t from, size_t to) {
    StrBuf sb;
    strbuf_init(&sb);
    for (size_t i = from; i < to; i++)
        if (strbuf_append_codepoint(&sb, s->buf[i]) < 0) {
            strbuf_free(&sb);
            return NULL;
        }
    return strbuf_finish(&sb);
}

static Object *sio_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                          Object *kwnames) {
    Object *o = obj_alloc(type);
    if (o) SIO(o)->newline = NL_LF;
    return o;
}

static int sio_tp_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"initial_value", "newline", NULL};
    Object *init = None, *newline = NULL;
    if (args_parse(args, nargs, kwnames, "|OO:StringIO", kwlist, &init, &newline) < 0)
        return -1;
    StringIOObject *s = SIO(self);
    if (newline && newline != None && !str_check(newline)) {
        err_format(&Exc_TypeError, "newline must be str or None, not %T", newline);
        return -1;
    }
    if (!newline) s->newline = NL_LF;
    else if (newline == None) s->newline = NL_UNIVERSAL;
    else {
        const char *nl = str_utf8(newline);
        if (!*nl) s->newline = NL_UNTRANSLATED;
        else if (!strcmp(nl, "\n")) s->newline = NL_LF;
        else if (!strcmp(nl, "\r")) s->newline = NL_CR;
        else if (!strcmp(nl, "\r\n")) s->newline = NL_CRLF;
        else {
            err_format(&Exc_ValueError, "illegal newline value: %R", newline);
            return -1;
        }
    }
    if (init != None && !str_check(init)) {
        err_format(&Exc_TypeError, "initial_value must be str or None, not %T", init);
        return -1;
    }
    s->len = s->pos = 0;
    s->closed = false;
    if (init != None && sio_write_str(s, init) < 0) return -1;
    s->pos = 0;
    return 0;
}

static void sio_dealloc(Object *self) {
    mem_free(SIO(self)->buf);
    CLEAR(SIO(self)->dict);
    obj_free(self);
}

static Object *sio_getvalue(Object *self, Object *const *args, size_t nargs, Object *kw) {
    StringIOObject *s = SIO(self);
    if (sio_check(s) < 0) return NULL;
    return sio_slice(s, 0, s->len);
}

static int opt_size(Object *const *args, size_t nargs, const char *fname, intptr_t *out) {
    *out = -1;
    if (args_count(fname, nargs, 0, 1) < 0) return -1;
    if (nargs == 0 || args[0] == None) return 0;
    *out = obj_as_ssize(args[0], &Exc_OverflowError);
    return (*out == -1 && err_occurred()) ? -1 : 0;
}

static Object *sio_read(Object *self, Object *const *args, size_t nargs, Object *kw) {
    StringIOObject *s = SIO(self);
    intptr_t n;
    if (opt_size(args, nargs, "read", &n) < 0 || sio_check(s) < 0) return NULL;
    size_t from = s->pos < s->len ? s->pos : s->len;
    size_t to = s->len;
    if (n >= 0 && from + (size_t)n < to) to = from + (size_t)n;
    s->pos = to > s->pos ? to : s->pos;
    return sio_slice(s, from, to);
}

static bool sio_line_end(StringIOObject *s, size_t i, size_t *next) {
    uint32_t c = s->buf[i];
    switch (s->newline) {
    case NL_UNTRANSLATED:
        if (c == '\n') { *next = i + 1; return true; }
        if (c == '\r') {
            *next = (i + 1 < s->len && s->buf[i + 1] == '\n') ? i + 2 : i + 1;
            return true;
        }
        return false;
    case NL_CR:
        if (c == '\r') { *next = i + 1; return true; }
        return false;
    case NL_CRLF:
        if (c == '\r' && i + 1 < s->len && s->buf[i + 1] == '\n') { *next = i + 2; return true; }
        return false;
    default:
        if (c == '\n') { *next = i + 1; return true; }
        return false;
    }
}

static Object *sio_readline_n(StringIOObject *s, intptr_t limit) {
    if (sio_check(s) < 0) return NULL;
    size_t from = s->pos < s->len ? s->pos : s->len, to = s->len, i;
    for (i = from; i < s->len; i++) {
        size_t next;
        if (limit >= 0 && i - from >= (size_t)limit) { to = i; break; }
        if (sio_line_end(s, i, &next)) {
            to = next;
            if (limit >= 0 && to - from > (size_t)limit) to = from + (size_t)limit;
            break;
        }
    }
    if (i == s->len) to = s->len;
    if (to > s->pos) s->pos = to;
    return sio_slice(s, from, to);
}

static Object *sio_readline(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t n;
    if (opt_size(args, nargs, "readline", &n) < 0) return NULL;
    return sio_readline_n(SIO(self), n);
}

static Object *sio_iternext(Object *self) {
    Object *line = sio_readline_n(SIO(self), -1);
    if (line && STR_SIZE(line) == 0) CLEAR(line);
    return line;
}

static Object *sio_iter(Object *self) {
    if (sio_check(SIO(self)) < 0) return NULL;
    return NEWREF(self);
}

static Object *sio_readlines(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t hint;
    if (opt_size(args, nargs, "readlines", &hint) < 0) return NULL;
    Object *list = list_new(0);
    intptr_t total = 0;
    while (list) {
        Object *line = sio_iternext(self);
        if (!line) {
            if (err_occurred()) CLEAR(list);
            break;
        }
        total += STR_LENGTH(line);
        if (list_append(list, line) < 0) CLEAR(list);
        DECREF(line);
        if (hint > 0 && total >= hint) break;
    }
    return list;
}

static Object *sio_write(Object *self, Object *const *args, size_t nargs, Object *kw) {
    StringIOObject *s = SIO(self);
    if (args_count("write", nargs, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(&Exc_TypeError, "string argument expected, got '%s'",
                          type_name(OBJ_TYPE(args[0])));
    if (sio_check(s) < 0) return NULL;
    intptr_t n = sio_write_str(s, args[0]);
    return n < 0 ? NULL : int_from_ssize(n);
}

static Object *sio_writelines(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("writelines", nargs, 1, 1) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Object *item;
    while ((item = obj_iter_next(it))) {
        Object *r = sio_write(self, &item, 1, NULL);
        DECREF(item);
        if (!r) {
            DECREF(it);
            return NULL;
        }
        DECREF(r);
    }
    DECREF(it);
    return err_occurred() ? NULL : none_new();
}

static Object *mem_seek(size_t *pos, size_t len, bool closed, const char *closedmsg,
                        Object *const *args, size_t nargs, Object *kwnames) {
    intptr_t off;
    int whence = 0;
    if (args_parse(args, nargs, kwnames, "n|i:seek", NULL, &off, &whence) < 0) return NULL;
    if (closed) return err_format(&Exc_ValueError, "%s", closedmsg);
    if (whence < 0 || whence > 2)
        return err_format(&Exc_ValueError, "Invalid whence (%d, should be 0, 1 or 2)", whence);
    if (whence == 0 && off < 0)
        return err_format(&Exc_ValueError, "Negative seek position %zd", off);
    if (whence != 0 && off != 0)
        return err_format(&Exc_OSError, "Can't do nonzero cur-relative seeks");
    if (whence == 1) off = (intptr_t)*pos;
    else if (whence == 2) off = (intptr_t)len;
    *pos = (size_t)off;
    return int_from_ssize(off);
}

static Object *sio_seek(Object *self, Object *const *args, size_t nargs, Object *kw) {
    StringIOObject *s = SIO(self);
    return mem_seek(&s->pos, s->len, s->closed, "I/O operation on closed file", args, nargs, kw);
}

static Object *sio_tell(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (sio_check(SIO(self)) < 0) return NULL;
    return int_from_ssize((intptr_t)SIO(self)->pos);
}

static Object *sio_truncate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    StringIOObject *s = SIO(self);
    intptr_t n;
    if (opt_size(args, nargs, "truncate", &n) < 0 || sio_check(s) < 0) return NULL;
    if (nargs == 0 || args[0] == None) n = (intptr_t)s->pos;
    if (n < 0) return err_format(&Exc_ValueError, "Negative size value %zd", n);
    if ((size_t)n < s->len) s->len = (size_t)n;
    return int_from_ssize(n);
}

static Object *sio_close(Object *self, Object *const *args, size_t nargs, Object *kw) {
    StringIOObject *s = SIO(self);
    s->closed = true;
    mem_free(s->buf);
    s->buf = NULL;
    s->len = s->cap = s->pos = 0;
    return none_new();
}

static Object *sio_true(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (sio_check(SIO(self)) < 0) return NULL;
    return bool_from(1);
}

static Object *sio_false(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (sio_check(SIO(self)) < 0) return NULL;
    return bool_from(0);
}

static Object *sio_flush(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (sio_check(SIO(self)) < 0) return NULL;
    return none_new();
}

static Object *mem_enter(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return NEWREF(self);
}

static Object *sio_exit(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return sio_close(self, NULL, 0, NULL);
}

static MethodDef sio_methods[] = {
    {"getvalue", sio_getvalue, 0, NULL},
    {"read", sio_read, 0, NULL},
    {"readline", sio_readline, 0, NULL},
    {"readlines", sio_readlines, 0, NULL},
    {"write", sio_write, 0, NULL},
    {"writelines", sio_writelines, 0, NULL},
    {"seek", sio_seek, 0, NULL},
    {"tell", sio_tell, 0, NULL},
    {"truncate", sio_truncate, 0, NULL},
    {"close", sio_close, 0, NULL},
    {"flush", sio_flush, 0, NULL},
    {"isatty", sio_false, 0, NULL},
    {"readable", sio_true, 0, NULL},
    {"writable", sio_true, 0, NULL},
    {"seekable", sio_true, 0, NULL},
    {"__enter__", mem_enter, 0, NULL},
    {"__exit__", sio_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static Object *sio_get_closed(Object *self, void *c) { return bool_from(SIO(self)->closed); }
static Object *get_false(Object *self, void *c) { return bool_from(0); }
static Object *get_none(Object *self, void *c) { return none_new(); }

static GetSetDef sio_getset[] = {
    {"closed", sio_get_closed, NULL, NULL, NULL},
    {"line_buffering", get_false, NULL, NULL, NULL},
    {"newlines", get_none, NULL, NULL, NULL},
    {"encoding", get_none, NULL, NULL, NULL},
    {"errors", get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

TypeObject StringIO_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_io.StringIO",
    .basicsize = sizeof(StringIOObject),
    .flags = TPFLAG_BASETYPE,
    .dealloc = sio_dealloc,
    .iter = sio_iter,
    .iternext = sio_iternext,
    .methods = sio_methods,
    .getset = sio_getset,
    .base = &TextIOBase_Type,
    .tp_new = sio_tp_new,
    .tp_init = sio_tp_init,
    .dictoffset = offsetof(StringIOObject, dict),
};

/* ======================================================================== */
/* BytesIO                                                                  */
/* ======================================================================== */
typedef struct BytesIOObject {
    Object ob_base;
    char *buf;
    size_t len, cap, pos;
    bool closed;
    Object *dict;
} BytesIOObject;

#define BIO(o) ((BytesIOObject *)(o))

static int bio_check(BytesIOObject *b) {
    if (b->closed) {
        err_format(&Exc_ValueError, "I/O operation on closed file.");
        return -1;
    }
    return 0;
}

static int bio_write_buf(BytesIOObject *b, const char *data, size_t n) {
    size_t need = b->pos + n;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < need) cap *= 2;
        char *nb = mem_realloc(b->buf, cap);
        if (!nb) return -1;
        b->buf = nb;
        b->cap = cap;
    }
    if (b->pos > b->len) memset(b->buf + b->len, 0, b->pos - b->len);
    memcpy(b->buf + b->pos, data, n);
    b->pos += n;
    if (b->pos > b->len) b->len = b->pos;
    return 0;
}

static Object *bio_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                          Object *kwnames) {
    return obj_alloc(type);
}

static int bio_tp_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"initial_bytes", NULL};
    Object *init = None;
    if (args_parse(args, nargs, kwnames, "|O:BytesIO", kwlist, &init) < 0) return -1;
    BytesIOObject *b = BIO(self);
    b->len = b->pos = 0;
    b->closed = false;
    if (init != None) {
        const char *data;
        intptr_t n;
        if (bytes_like_buffer(init, &data, &n) < 0) {
            err_clear();
            err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                       type_name(OBJ_TYPE(init)));
            return -1;
        }
        if (bio_write_buf(b, data, (size_t)n) < 0) return -1;
        b->pos = 0;
    }
    return 0;
}

static void bio_dealloc(Object *self) {
    mem_free(BIO(self)->buf);
    CLEAR(BIO(self)->dict);
    obj_free(self);
}

static Object *bio_getvalue(Object *self, Object *const *args, size_t nargs, Object *kw) {
    BytesIOObject *b = BIO(self);
    if (bio_check(b) < 0) return NULL;
    return bytes_from_buf(b->buf ? b->buf : "", b->len);
}

static Object *bio_read(Object *self, Object *const *args, size_t nargs, Object *kw) {
    BytesIOObject *b = BIO(self);
    intptr_t n;
    if (opt_size(args, nargs, "read", &n) < 0 || bio_check(b) < 0) return NULL;
    size_t from = b->pos < b->len ? b->pos : b->len, to = b->len;
    if (n >= 0 && from + (size_t)n < to) to = from + (size_t)n;
    if (to > b->pos) b->pos = to;
    return bytes_from_buf(b->buf ? b->buf + from : "", to - from);
}

static Object *bio_readline_n(BytesIOObject *b, intptr_t limit) {
    if (bio_check(b) < 0) return NULL;
    size_t from = b->pos < b->len ? b->pos : b->len, to = b->len;
    if (b->buf) {
        char *nl = memchr(b->buf + from, '\n', b->len - from);
        if (nl) to = (size_t)(nl - b->buf) + 1;
    }
    if (limit >= 0 && to - from > (size_t)limit) to = from + (size_t)limit;
    if (to > b->pos) b->pos = to;
    return bytes_from_buf(b->buf ? b->buf + from : "", to - from);
}

static Object *bio_readline(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t n;
    if (opt_size(args, nargs, "readline", &n) < 0) return NULL;
    return bio_readline_n(BIO(self), n);
}

static Object *bio_iternext(Object *self) {
    Object *line = bio_readline_n(BIO(self), -1);
    if (line && BYTES_SIZE(line) == 0) CLEAR(line);
    return line;
}

static Object *bio_iter(Object *self) {
    if (bio_check(BIO(self)) < 0) return NULL;
    return NEWREF(self);
}

static Object *bio_readlines(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t hint;
    if (opt_size(args, nargs, "readlines", &hint) < 0) return NULL;
    Object *list = list_new(0);
    intptr_t total = 0;
    while (list) {
        Object *line = bio_iternext(self);
        if (!line) {
            if (err_occurred()) CLEAR(list);
            break;
        }
        total += BYTES_SIZE(line);
        if (list_append(list, line) < 0) CLEAR(list);
        DECREF(line);
        if (hint > 0 && total >= hint) break;
    }
    return list;
}

static Object *bio_write(Object *self, Object *const *args, size_t nargs, Object *kw) {
    BytesIOObject *b = BIO(self);
    if (args_count("write", nargs, 1, 1) < 0) return NULL;
    if (bio_check(b) < 0) return NULL;
    const char *data;
    intptr_t n;
    if (bytes_like_buffer(args[0], &data, &n) < 0) {
        err_clear();
        return err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                          type_name(OBJ_TYPE(args[0])));
    }
    if (bio_write_buf(b, data, (size_t)n) < 0) return NULL;
    return int_from_ssize(n);
}

static Object *bio_writelines(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("writelines", nargs, 1, 1) < 0) return NULL;
    Object *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Object *item;
    while ((item = obj_iter_next(it))) {
        Object *r = bio_write(self, &item, 1, NULL);
        DECREF(item);
        if (!r) {
            DECREF(it);
            return NULL;
        }
        DECREF(r);
    }
    DECREF(it);
    return err_occurred() ? NULL : none_new();
}

static Object *bio_seek(Object *self, Object *const *args, size_t nargs, Object *kw) {
    BytesIOObject *b = BIO(self);
    intptr_t off;
    int whence = 0;
    if (args_parse(args, nargs, kw, "n|i:seek", NULL, &off, &whence) < 0) return NULL;
    if (bio_check(b) < 0) return NULL;
    if (whence < 0 || whence > 2)
        return err_format(&Exc_ValueError, "invalid whence (%d, should be 0, 1 or 2)", whence);
    if (whence == 0 && off < 0) return err_format(&Exc_ValueError, "negative seek value %zd", off);
    if (whence == 1) off += (intptr_t)b->pos;
    else if (whence == 2) off += (intptr_t)b->len;
    if (off < 0) off = 0;
    b->pos = (size_t)off;
    return int_from_ssize(off);
}

static Object *bio_tell(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (bio_check(BIO(self)) < 0) return NULL;
    return int_from_ssize((intptr_t)BIO(self)->pos);
}

static Object *bio_truncate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    BytesIOObject *b = BIO(self);
    intptr_t n;
    if (opt_size(args, nargs, "truncate", &n) < 0 || bio_check(b) < 0) return NULL;
    if (nargs == 0 || args[0] == None) n = (intptr_t)b->pos;
    if (n < 0) return err_format(&Exc_ValueError, "negative size value %zd", n);
    if ((size_t)n < b->len) b->len = (size_t)n;
    return int_from_ssize(n);
}

static Object *bio_close(Object *self, Object *const *args, size_t nargs, Object *kw) {
    BytesIOObject *b = BIO(self);
    b->closed = true;
    mem_free(b->buf);
    b->buf = NULL;
    b->len = b->cap = b->pos = 0;
    return none_new();
}

static Object *bio_true(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (bio_check(BIO(self)) < 0) return NULL;
    return bool_from(1);
}

static Object *bio_false(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (bio_check(BIO(self)) < 0) return NULL;
    return bool_from(0);
}

static Object *bio_flush(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (bio_check(BIO(self)) < 0) return NULL;
    return none_new();
}

static Object *bio_exit(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return bio_close(self, NULL, 0, NULL);
}

static Object *bio_getbuffer(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return err_format(&Exc_NotImplementedError, "BytesIO.getbuffer() is not supported by gilpy");
}

static MethodDef bio_methods[] = {
    {"getvalue", bio_getvalue, 0, NULL},
    {"getbuffer", bio_getbuffer, 0, NULL},
    {"read", bio_read, 0, NULL},
    {"read1", bio_read, 0, NULL},
    {"readline", bio_readline, 0, NULL},
    {"readlines", bio_readlines, 0, NULL},
    {"write", bio_write, 0, NULL},
    {"writelines", bio_writelines, 0, NULL},
    {"seek", bio_seek, 0, NULL},
    {"tell", bio_tell, 0, NULL},
    {"truncate", bio_truncate, 0, NULL},
    {"close", bio_close, 0, NULL},
    {"flush", bio_flush, 0, NULL},
    {"isatty", bio_false, 0, NULL},
    {"readable", bio_true, 0, NULL},
    {"writable", bio_true, 0, NULL},
    {"seekable", bio_true, 0, NULL},
    {"__enter__", mem_enter, 0, NULL},
    {"__exit__", bio_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static Object *bio_get_closed(Object *self, void *c) { return bool_from(BIO(self)->closed); }

static GetSetDef bio_getset[] = {
    {"closed", bio_get_closed, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

TypeObject BytesIO_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_io.BytesIO",
    .basicsize = sizeof(BytesIOObject),
    .flags = TPFLAG_BASETYPE,
    .dealloc = bio_dealloc,
    .iter = bio_iter,
    .iternext = bio_iternext,
    .methods = bio_methods,
    .getset = bio_getset,
    .base = &BufferedIOBase_Type,
    .tp_new = bio_tp_new,
    .tp_init = bio_tp_init,
    .dictoffset = offsetof(BytesIOObject, dict),
};
