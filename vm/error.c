/* vm/error.c — setting, fetching and matching the current exception.
 *
 * The current exception is ts_current->curexc: one exception instance.
 * Raising from C while another exception is being handled links the new
 * one's __context__ to it, as CPython does.  Printing lives in
 * vm/traceback.c (err_print, err_display).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vm/error.h"
#include "vm/abstract.h"
#include "vm/state.h"
#include "vm/strbuf.h"
#include "vm/objects/int.h"
#include "vm/objects/str.h"
#include "vm/objects/tuple.h"
#include "vm/objects/type.h"

static void set_with_context(Object *exc) {
    ThreadState *ts = ts_current;
    Object *handled = ts->handled_exc;
    if (handled && handled != None && handled != exc && !exc_get_context(exc)) {
        /* Avoid creating a cycle in the context chain. */
        Object *o = handled;
        while (o) {
            Object *ctx = exc_get_context(o);
            if (ctx == exc) { exc_set_context(o, NULL); break; }
            o = ctx;
        }
        exc_set_context(exc, NEWREF(handled));
    }
    err_restore(exc);
}

void err_restore(Object *exc) {
    ThreadState *ts = ts_current;
    Object *old = ts->curexc;
    ts->curexc = exc;
    XDECREF(old);
}

void err_set_object(TypeObject *type, Object *value) {
    Object *exc;
    if (value && is_exception_instance(value) && type_is_subtype(OBJ_TYPE(value), type)) {
        exc = NEWREF(value);
    } else {
        exc = value ? exc_new(type, &value, 1) : exc_new(type, NULL, 0);
        if (!exc) return; /* exc_new set its own error */
    }
    set_with_context(exc);
}

void err_set_none(TypeObject *type) { err_set_object(type, NULL); }

Object *err_vformat(TypeObject *type, const char *fmt, va_list ap) {
    StrBuf sb;
    strbuf_init(&sb);
    if (strbuf_vformat(&sb, fmt, ap) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    Object *msg = strbuf_finish(&sb);
    if (!msg) return NULL;
    err_set_object(type, msg);
    DECREF(msg);
    return NULL;
}

Object *err_format(TypeObject *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vformat(type, fmt, ap);
    va_end(ap);
    return NULL;
}

Object *err_occurred(void) { return ts_current->curexc; }

bool err_given_matches(Object *exc, TypeObject *type) {
    return exc && type_is_subtype(OBJ_TYPE(exc), type);
}

bool err_matches(TypeObject *type) { return err_given_matches(ts_current->curexc, type); }

Object *err_fetch(void) {
    ThreadState *ts = ts_current;
    Object *exc = ts->curexc;
    ts->curexc = NULL;
    return exc;
}

void err_clear(void) { CLEAR(ts_current->curexc); }

Object *err_no_memory(void) {
    /* Building a message could itself fail: raise a bare MemoryError. */
    Object *exc = exc_new(&Exc_MemoryError, NULL, 0);
    if (exc) err_restore(exc);
    return NULL;
}

static Object *from_errno(TypeObject *type, const char *filename) {
    int e = errno;
    if (e == EINTR) {
        /* A signal interrupted the call: its handler's exception wins. */
        extern int signals_check(void);
        if (signals_check() < 0) return NULL;
    }
    Object *args[3];
    size_t n = 2;
    args[0] = int_from_long(e);
    args[1] = str_from_cstr(strerror(e));
    if (filename) args[n++] = str_from_cstr(filename);
    Object *exc = NULL;
    if (args[0] && args[1] && (n == 2 || args[2])) exc = exc_new(type, args, n);
    for (size_t i = 0; i < n; i++) XDECREF(args[i]);
    if (exc) set_with_context(exc);
    return NULL;
}

Object *err_from_errno(TypeObject *type) { return from_errno(type, NULL); }
Object *err_from_errno_filename(TypeObject *type, const char *filename) {
    return from_errno(type, filename);
}

void err_write_unraisable(Object *where) {
    Object *exc = err_fetch();
    if (!exc) return;
    fflush(stdout);
    if (where) {
        Object *r = obj_repr(where);
        if (r) {
            fprintf(stderr, "Exception ignored in: %s\n", str_utf8(r));
            DECREF(r);
        } else {
            err_clear();
        }
    }
    err_display(exc);
    DECREF(exc);
}

Object *err_bad_argument_type(const char *fname, const char *expected, Object *got) {
    return err_format(&Exc_TypeError, "%s() argument must be %s, not %T", fname, expected, got);
}

Object *err_bad_internal_call(const char *where) {
    return err_format(&Exc_SystemError, "bad internal call in %s", where);
}
