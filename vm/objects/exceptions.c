/* vm/objects/exceptions.c — the built-in exception hierarchy.
 *
 * Every Exc_* type is defined from EXCEPTION_LIST with the generic
 * BaseException slots; exceptions_init_types() then installs the few
 * specialised slots (OSError's errno parsing and subclass choice,
 * SyntaxError's location fields, KeyError's str ...) before readying them.
 * Layout invariant: the structs of exceptions.h are BaseExceptionObject
 * followed only by Object * fields, so dealloc/traverse/clear walk the
 * extra fields generically up to the static base's basicsize.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/objects/typesys.h"

#define BE(o) ((BaseExceptionObject *)(o))

/* ---- generic slots --------------------------------------------------------------- */

static size_t extra_end(Object *o) { return type_static_base(OBJ_TYPE(o))->basicsize; }

static int exc_traverse(Object *o, visitproc visit, void *arg) {
    BaseExceptionObject *e = BE(o);
    Object *f[] = {e->dict, e->args, e->traceback, e->cause, e->context, e->notes};
    for (size_t i = 0; i < 6; i++)
        if (f[i] && visit(f[i], arg)) return 1;
    for (size_t off = sizeof(BaseExceptionObject); off < extra_end(o); off += sizeof(Object *)) {
        Object *v = *(Object **)((char *)o + off);
        if (v && visit(v, arg)) return 1;
    }
    return 0;
}

static int exc_clear(Object *o) {
    BaseExceptionObject *e = BE(o);
    CLEAR(e->dict);
    CLEAR(e->args);
    CLEAR(e->traceback);
    CLEAR(e->cause);
    CLEAR(e->context);
    CLEAR(e->notes);
    for (size_t off = sizeof(BaseExceptionObject); off < extra_end(o); off += sizeof(Object *))
        CLEAR(*(Object **)((char *)o + off));
    return 0;
}

static void exc_dealloc(Object *o) {
    gc_untrack(o);
    exc_clear(o);
    obj_free(o);
}

static bool has_kwargs(Object *kwnames) { return kwnames && TUPLE_SIZE(kwnames) > 0; }

static Object *exc_tp_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    BaseExceptionObject *e = (BaseExceptionObject *)obj_alloc(type);
    if (!e) return NULL;
    e->args = tuple_from_array(args, nargs);
    if (!e->args) {
        DECREF((Object *)e);
        return NULL;
    }
    gc_track((Object *)e);
    return (Object *)e;
}

static int set_args(Object *self, Object *const *args, size_t nargs) {
    Object *t = tuple_from_array(args, nargs);
    if (!t) return -1;
    SETREF(BE(self)->args, t);
    return 0;
}

static int exc_init(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (has_kwargs(kwnames)) {
        err_format(&Exc_TypeError, "%s() takes no keyword arguments", type_name(OBJ_TYPE(self)));
        return -1;
    }
    return set_args(self, args, nargs);
}

static Object *exc_str(Object *self) {
    Object *args = BE(self)->args;
    if (!args || TUPLE_SIZE(args) == 0) return str_from_cstr("");
    if (TUPLE_SIZE(args) == 1) return obj_str(TUPLE_GET(args, 0));
    return obj_str(args);
}

static Object *exc_repr(Object *self) {
    Object *args = BE(self)->args;
    const char *name = type_name(OBJ_TYPE(self));
    if (!args || TUPLE_SIZE(args) == 0) return str_from_format("%s()", name);
    if (TUPLE_SIZE(args) == 1) return str_from_format("%s(%R)", name, TUPLE_GET(args, 0));
    return str_from_format("%s%R", name, args);
}

/* ---- BaseException attributes and methods ------------------------------------------- */

static Object *exc_get_args(Object *self, void *c) {
    Object *a = BE(self)->args;
    return a ? NEWREF(a) : tuple_empty();
}

static int exc_set_args(Object *self, Object *value, void *c) {
    if (!value) {
        err_format(&Exc_TypeError, "args may not be deleted");
        return -1;
    }
    Object *l = list_from_iterable(value);
    if (!l) return -1;
    Object *t = list_as_tuple(l);
    DECREF(l);
    if (!t) return -1;
    SETREF(BE(self)->args, t);
    return 0;
}

static bool is_traceback(Object *o) {
    return !IS_SMALLINT(o) && strcmp(OBJ_TYPE(o)->name, "traceback") == 0;
}

static Object *exc_get_tb(Object *self, void *c) {
    Object *t = BE(self)->traceback;
    return NEWREF(t ? t : None);
}

static int exc_set_tb(Object *self, Object *value, void *c) {
    if (!value) {
        err_format(&Exc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (value != None && !is_traceback(value)) {
        err_format(&Exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    SETREF(BE(self)->traceback, value == None ? NULL : NEWREF(value));
    return 0;
}

static Object *exc_get_cause_attr(Object *self, void *c) {
    Object *v = BE(self)->cause;
    return NEWREF(v ? v : None);
}

static int exc_set_cause_attr(Object *self, Object *value, void *c) {
    if (!value) {
        err_format(&Exc_TypeError, "__cause__ may not be deleted");
        return -1;
    }
    if (value != None && !is_exception_instance(value)) {
        err_format(&Exc_TypeError, "exception cause must be None or derive from BaseException");
        return -1;
    }
    BE(self)->suppress_context = 1;
    SETREF(BE(self)->cause, value == None ? NULL : NEWREF(value));
    return 0;
}

static Object *exc_get_context_attr(Object *self, void *c) {
    Object *v = BE(self)->context;
    return NEWREF(v ? v : None);
}

static int exc_set_context_attr(Object *self, Object *value, void *c) {
    if (!value) {
        err_format(&Exc_TypeError, "__context__ may not be deleted");
        return -1;
    }
    if (value != None && !is_exception_instance(value)) {
        err_format(&Exc_TypeError, "exception context must be None or derive from BaseException");
        return -1;
    }
    SETREF(BE(self)->context, value == None ? NULL : NEWREF(value));
    return 0;
}

static Object *exc_get_suppress(Object *self, void *c) {
    return bool_from(BE(self)->suppress_context);
}

static int exc_set_suppress(Object *self, Object *value, void *c) {
    if (!value) {
        err_format(&Exc_AttributeError, "can't delete attribute");
        return -1;
    }
    int t = obj_is_true(value);
    if (t < 0) return -1;
    BE(self)->suppress_context = (char)t;
    return 0;
}

static Object *exc_get_notes(Object *self, void *c) {
    Object *n = BE(self)->notes;
    if (!n) {
        err_no_attribute(self, str_intern_cstr("__notes__"));
        return NULL;
    }
    return NEWREF(n);
}

static int exc_set_notes(Object *self, Object *value, void *c) {
    SETREF(BE(self)->notes, XNEWREF(value));
    return 0;
}

static GetSetDef exc_getset[] = {
    {"args", exc_get_args, exc_set_args, NULL, NULL},
    {"__traceback__", exc_get_tb, exc_set_tb, NULL, NULL},
    {"__cause__", exc_get_cause_attr, exc_set_cause_attr, "exception cause", NULL},
    {"__context__", exc_get_context_attr, exc_set_context_attr, "exception context", NULL},
    {"__suppress_context__", exc_get_suppress, exc_set_suppress, NULL, NULL},
    {"__notes__", exc_get_notes, exc_set_notes, NULL, NULL},
    {"__dict__", obj_generic_get_dict, obj_generic_set_dict, NULL, NULL},
    {NULL},
};

static Object *exc_with_traceback(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("with_traceback", nargs, 1, 1) < 0) return NULL;
    if (exc_set_tb(self, args[0], NULL) < 0) return NULL;
    return NEWREF(self);
}

static Object *exc_add_note(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("add_note", nargs, 1, 1) < 0) return NULL;
    if (!str_check(args[0])) {
        return err_format(&Exc_TypeError, "note must be a str, not '%s'",
                          type_name(OBJ_TYPE(args[0])));
    }
    BaseExceptionObject *e = BE(self);
    if (!e->notes && !(e->notes = list_new(0))) return NULL;
    if (!list_check(e->notes)) {
        return err_format(&Exc_TypeError, "Cannot add note: __notes__ is not a list");
    }
    if (list_append(e->notes, args[0]) < 0) return NULL;
    return none_new();
}

static Object *exc_reduce(Object *self, Object *const *args, size_t nargs, Object *kw) {
    BaseExceptionObject *e = BE(self);
    Object *a = e->args ? e->args : None;
    if (e->dict && dict_size(e->dict) > 0)
        return tuple_pack(3, (Object *)OBJ_TYPE(self), a, e->dict);
    return tuple_pack(2, (Object *)OBJ_TYPE(self), a);
}

static Object *exc_setstate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("__setstate__", nargs, 1, 1) < 0) return NULL;
    Object *state = args[0];
    if (state != None) {
        if (!dict_check(state)) return err_format(&Exc_TypeError, "state is not a dictionary");
        intptr_t pos = 0;
        Object *k, *v;
        while (dict_next(state, &pos, &k, &v))
            if (obj_setattr(self, k, v) < 0) return NULL;
    }
    return none_new();
}

static MethodDef exc_methods[] = {
    {"with_traceback", exc_with_traceback, 0,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", exc_add_note, 0,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {"__reduce__", exc_reduce, 0, NULL},
    {"__setstate__", exc_setstate, 0, NULL},
    {NULL},
};

/* ---- the types ---------------------------------------------------------------------- */

#define Exc_Object Object_Type
#define DEFINE_EXC(N, B, ST)                                                              \
    TypeObject Exc_##N = {                                                                \
        .ob_base = STATIC_OBJECT_HEAD(&Type_Type),                                        \
        .name = #N,                                                                       \
        .basicsize = sizeof(ST),                                                          \
        .flags = TPFLAG_BASETYPE | TPFLAG_GC | TPFLAG_BASE_EXC_SUBCLASS,                  \
        .base = &Exc_##B,                                                                 \
        .dealloc = exc_dealloc,                                                           \
        .traverse = exc_traverse,                                                         \
        .clear = exc_clear,                                                               \
        .dictoffset = offsetof(BaseExceptionObject, dict),                                \
    };
EXCEPTION_LIST(DEFINE_EXC)
#undef DEFINE_EXC

/* ---- field getsets shared by the specialised exceptions ----------------------------- */

static Object *field_get(Object *self, void *closure) {
    Object *v = *(Object **)((char *)self + (intptr_t)closure);
    return NEWREF(v ? v : None);
}

static int field_set(Object *self, Object *value, void *closure) {
    Object **f = (Object **)((char *)self + (intptr_t)closure);
    SETREF(*f, XNEWREF(value));
    return 0;
}

#define FIELD(name, st, field) \
    {name, field_get, field_set, NULL, (void *)(intptr_t)offsetof(st, field)}

/* ---- StopIteration / SystemExit --------------------------------------------------- */

static int stopiter_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (exc_init(self, args, nargs, kw) < 0) return -1;
    Object *v = nargs > 0 ? args[0] : None;
    SETREF(((StopIterationObject *)self)->value, NEWREF(v));
    return 0;
}
static GetSetDef stopiter_getset[] = {FIELD("value", StopIterationObject, value), {NULL}};

static int systemexit_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (exc_init(self, args, nargs, kw) < 0) return -1;
    Object *code = nargs == 0 ? NEWREF(None) : nargs == 1 ? NEWREF(args[0]) : NEWREF(BE(self)->args);
    SETREF(((SystemExitObject *)self)->code, code);
    return 0;
}
static GetSetDef systemexit_getset[] = {FIELD("code", SystemExitObject, code), {NULL}};

static Object *keyerror_str(Object *self) {
    Object *args = BE(self)->args;
    if (args && TUPLE_SIZE(args) == 1) return obj_repr(TUPLE_GET(args, 0));
    return exc_str(self);
}

/* ---- OSError ------------------------------------------------------------------------ */

static TypeObject *errno_subclass(int e) {
    switch (e) {
    case ENOENT: return &Exc_FileNotFoundError;
    case EEXIST: return &Exc_FileExistsError;
    case EACCES:
    case EPERM: return &Exc_PermissionError;
    case ECHILD: return &Exc_ChildProcessError;
    case EISDIR: return &Exc_IsADirectoryError;
    case ENOTDIR: return &Exc_NotADirectoryError;
    case ESRCH: return &Exc_ProcessLookupError;
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS: return &Exc_BlockingIOError;
    case EINTR: return &Exc_InterruptedError;
    case EPIPE:
    case ESHUTDOWN: return &Exc_BrokenPipeError;
    case ECONNREFUSED: return &Exc_ConnectionRefusedError;
    case ECONNRESET: return &Exc_ConnectionResetError;
    case ECONNABORTED: return &Exc_ConnectionAbortedError;
    case ETIMEDOUT: return &Exc_TimeoutError;
    default: return NULL;
    }
}

static int oserror_init(Object *self, Object *const *args, size_t nargs, Object *kw);

/* (errno, strerror[, filename[, winerror[, filename2]]]) */
static int oserror_parse(Object *self, Object *const *args, size_t nargs) {
    OSErrorObject *e = (OSErrorObject *)self;
    if (set_args(self, args, nargs) < 0) return -1;
    if (nargs < 2 || nargs > 5) return 0;
    SETREF(e->myerrno, NEWREF(args[0]));
    SETREF(e->strerror, NEWREF(args[1]));
    if (nargs >= 3 && args[2] != None) {
        SETREF(e->filename, NEWREF(args[2]));
        if (nargs == 5 && args[4] != None) SETREF(e->filename2, NEWREF(args[4]));
        if (set_args(self, args, 2) < 0) return -1;
    }
    return 0;
}

static Object *oserror_new(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames) {
    if (has_kwargs(kwnames) && type->tp_init == oserror_init) {
        return err_format(&Exc_TypeError, "%s() takes no keyword arguments", type_name(type));
    }
    if (type == &Exc_OSError && nargs >= 2 && IS_SMALLINT(args[0])) {
        TypeObject *sub = errno_subclass((int)SMALLINT_VALUE(args[0]));
        if (sub) type = sub;
    }
    Object *self = exc_tp_new(type, args, nargs, NULL);
    if (!self) return NULL;
    if (oserror_parse(self, args, nargs) < 0) {
        DECREF(self);
        return NULL;
    }
    return self;
}

static int oserror_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (has_kwargs(kw)) {
        err_format(&Exc_TypeError, "%s() takes no keyword arguments", type_name(OBJ_TYPE(self)));
        return -1;
    }
    return oserror_parse(self, args, nargs);
}

static Object *oserror_str(Object *self) {
    OSErrorObject *e = (OSErrorObject *)self;
    if (e->filename) {
        if (e->filename2)
            return str_from_format("[Errno %S] %S: %R -> %R", e->myerrno ? e->myerrno : None,
                                   e->strerror ? e->strerror : None, e->filename, e->filename2);
        return str_from_format("[Errno %S] %S: %R", e->myerrno ? e->myerrno : None,
                               e->strerror ? e->strerror : None, e->filename);
    }
    if (e->myerrno && e->strerror) return str_from_format("[Errno %S] %S", e->myerrno, e->strerror);
    return exc_str(self);
}

static GetSetDef oserror_getset[] = {
    FIELD("errno", OSErrorObject, myerrno),
    FIELD("strerror", OSErrorObject, strerror),
    FIELD("filename", OSErrorObject, filename),
    FIELD("filename2", OSErrorObject, filename2),
    {NULL},
};

/* ---- SyntaxError -------------------------------------------------------------------- */

static int syntaxerror_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    SyntaxErrorObject *e = (SyntaxErrorObject *)self;
    if (exc_init(self, args, nargs, kw) < 0) return -1;
    if (nargs >= 1) SETREF(e->msg, NEWREF(args[0]));
    if (nargs == 2) {
        Object *l = list_from_iterable(args[1]);
        if (!l) return -1;
        intptr_t n = LIST_SIZE(l);
        if (n < 4 || n > 6) {
            DECREF(l);
            err_format(&Exc_TypeError, n < 4 ? "function takes at least 4 arguments (%zd given)"
                                             : "function takes at most 6 arguments (%zd given)",
                       (ssize_t)n);
            return -1;
        }
        Object **fields[] = {&e->filename, &e->lineno, &e->offset, &e->text, &e->end_lineno,
                             &e->end_offset};
        for (intptr_t i = 0; i < n; i++) SETREF(*fields[i], NEWREF(LIST_GET(l, i)));
        DECREF(l);
    }
    return 0;
}

static Object *syntaxerror_str(Object *self) {
    SyntaxErrorObject *e = (SyntaxErrorObject *)self;
    Object *msg = e->msg ? obj_str(e->msg) : exc_str(self);
    if (!msg) return NULL;
    Object *fname = NULL;
    if (e->filename && str_check(e->filename)) {
        const char *f = str_utf8(e->filename);
        const char *slash = strrchr(f, '/');
        fname = str_from_cstr(slash ? slash + 1 : f);
        if (!fname) {
            DECREF(msg);
            return NULL;
        }
    }
    bool have_line = e->lineno && int_check(e->lineno);
    Object *r;
    if (fname && have_line)
        r = str_from_format("%U (%U, line %S)", msg, fname, e->lineno);
    else if (fname)
        r = str_from_format("%U (%U)", msg, fname);
    else if (have_line)
        r = str_from_format("%U (line %S)", msg, e->lineno);
    else
        r = NEWREF(msg);
    DECREF(msg);
    XDECREF(fname);
    return r;
}

static Object *get_zero(Object *self, void *c) { return int_from_long(0); }

static GetSetDef syntaxerror_getset[] = {
    FIELD("msg", SyntaxErrorObject, msg),
    FIELD("filename", SyntaxErrorObject, filename),
    FIELD("lineno", SyntaxErrorObject, lineno),
    FIELD("offset", SyntaxErrorObject, offset),
    FIELD("text", SyntaxErrorObject, text),
    FIELD("end_lineno", SyntaxErrorObject, end_lineno),
    FIELD("end_offset", SyntaxErrorObject, end_offset),
    {"print_file_and_line", get_zero, NULL, NULL, NULL},
    {NULL},
};

/* ---- keyword-taking exceptions (ImportError, NameError, AttributeError) ------------ */

/* Split keyword arguments into the named fields; others are errors. */
static int take_kwargs(Object *self, Object *const *args, size_t nargs, Object *kwnames,
                       const char *const *names, const size_t *offsets, const char *tname) {
    size_t nkw = kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        Object *k = TUPLE_GET(kwnames, i);
        size_t j = 0;
        while (names[j] && !str_eq_cstr(k, names[j])) j++;
        if (!names[j]) {
            err_format(&Exc_TypeError, "'%U' is an invalid keyword argument for %s()", k, tname);
            return -1;
        }
        Object **f = (Object **)((char *)self + offsets[j]);
        SETREF(*f, NEWREF(args[nargs + i]));
    }
    return set_args(self, args, nargs);
}

static int importerror_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    static const char *const names[] = {"name", "path", NULL};
    static const size_t offs[] = {offsetof(ImportErrorObject, name),
                                  offsetof(ImportErrorObject, path)};
    if (take_kwargs(self, args, nargs, kw, names, offs, type_name(OBJ_TYPE(self))) < 0) return -1;
    ImportErrorObject *e = (ImportErrorObject *)self;
    SETREF(e->msg, nargs == 1 ? NEWREF(args[0]) : NULL);
    return 0;
}

static Object *importerror_str(Object *self) {
    ImportErrorObject *e = (ImportErrorObject *)self;
    if (e->msg && e->msg != None) return obj_str(e->msg);
    return exc_str(self);
}

static GetSetDef importerror_getset[] = {
    FIELD("msg", ImportErrorObject, msg),
    FIELD("name", ImportErrorObject, name),
    FIELD("path", ImportErrorObject, path),
    {NULL},
};

static int nameerror_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    static const char *const names[] = {"name", NULL};
    static const size_t offs[] = {offsetof(NameErrorObject, name)};
    return take_kwargs(self, args, nargs, kw, names, offs, "NameError");
}

static int attributeerror_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    static const char *const names[] = {"name", "obj", NULL};
    static const size_t offs[] = {offsetof(NameErrorObject, name), offsetof(NameErrorObject, obj)};
    return take_kwargs(self, args, nargs, kw, names, offs, "AttributeError");
}

static GetSetDef nameerror_getset[] = {FIELD("name", NameErrorObject, name), {NULL}};
static GetSetDef attributeerror_getset[] = {
    FIELD("name", NameErrorObject, name),
    FIELD("obj", NameErrorObject, obj),
    {NULL},
};

/* ---- UnicodeDecodeError / UnicodeEncodeError ----------------------------------------- */

static int unicode_init(Object *self, Object *const *args, size_t nargs, Object *kw,
                        bool decode) {
    if (exc_init(self, args, nargs, kw) < 0) return -1;
    if (nargs != 5) {
        err_format(&Exc_TypeError, "function takes exactly 5 arguments (%zu given)", nargs);
        return -1;
    }
    if (!str_check(args[0])) {
        err_format(&Exc_TypeError, "argument 1 must be str, not %s", type_name(OBJ_TYPE(args[0])));
        return -1;
    }
    if (decode ? !(bytes_check(args[1]) || bytearray_check(args[1])) : !str_check(args[1])) {
        err_format(&Exc_TypeError, "argument 2 must be %s, not %s",
                   decode ? "bytes-like object" : "str", type_name(OBJ_TYPE(args[1])));
        return -1;
    }
    for (int i = 2; i < 4; i++) {
        if (!int_check(args[i])) {
            err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       type_name(OBJ_TYPE(args[i])));
            return -1;
        }
    }
    if (!str_check(args[4])) {
        err_format(&Exc_TypeError, "argument 5 must be str, not %s", type_name(OBJ_TYPE(args[4])));
        return -1;
    }
    UnicodeErrorObject *e = (UnicodeErrorObject *)self;
    SETREF(e->encoding, NEWREF(args[0]));
    SETREF(e->object, decode && bytearray_check(args[1])
                          ? bytes_from_buf(((ByteArrayObject *)args[1])->data,
                                           (size_t)((ByteArrayObject *)args[1])->size)
                          : NEWREF(args[1]));
    SETREF(e->start, NEWREF(args[2]));
    SETREF(e->end, NEWREF(args[3]));
    SETREF(e->reason, NEWREF(args[4]));
    return e->object ? 0 : -1;
}

static int decodeerror_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return unicode_init(self, args, nargs, kw, true);
}
static int encodeerror_init(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return unicode_init(self, args, nargs, kw, false);
}

static Object *unicode_str_common(Object *self, bool decode) {
    UnicodeErrorObject *e = (UnicodeErrorObject *)self;
    if (!e->object || !e->start || !e->end || !e->encoding || !e->reason) return str_from_cstr("");
    intptr_t start = int_as_ssize(e->start), end = int_as_ssize(e->end);
    if (err_occurred()) return NULL;
    intptr_t len = decode ? BYTES_SIZE(e->object) : STR_LENGTH(e->object);
    if (start < 0) start = 0;
    if (start >= len) start = len > 0 ? len - 1 : 0;
    if (end < 1) end = 1;
    if (end > len) end = len;
    if (start < len && end == start + 1) {
        if (decode)
            return str_from_format("'%U' codec can't decode byte 0x%02x in position %zd: %U",
                                   e->encoding, (unsigned)(unsigned char)BYTES_DATA(e->object)[start],
                                   (ssize_t)start, e->reason);
        uint32_t ch = str_char_at(e->object, start);
        char buf[16];
        if (ch <= 0xff)
            snprintf(buf, sizeof buf, "\\x%02x", ch);
        else if (ch <= 0xffff)
            snprintf(buf, sizeof buf, "\\u%04x", ch);
        else
            snprintf(buf, sizeof buf, "\\U%08x", ch);
        return str_from_format("'%U' codec can't encode character '%s' in position %zd: %U",
                               e->encoding, buf, (ssize_t)start, e->reason);
    }
    return str_from_format("'%U' codec can't %s in position %zd-%zd: %U", e->encoding,
                           decode ? "decode bytes" : "encode characters", (ssize_t)start,
                           (ssize_t)(end - 1), e->reason);
}

static Object *decodeerror_str(Object *self) { return unicode_str_common(self, true); }
static Object *encodeerror_str(Object *self) { return unicode_str_common(self, false); }

static GetSetDef unicodeerror_getset[] = {
    FIELD("encoding", UnicodeErrorObject, encoding),
    FIELD("object", UnicodeErrorObject, object),
    FIELD("start", UnicodeErrorObject, start),
    FIELD("end", UnicodeErrorObject, end),
    FIELD("reason", UnicodeErrorObject, reason),
    {NULL},
};

/* ---- docs (the ones scripts print most) --------------------------------------------- */

static void set_docs(void) {
    Exc_BaseException.doc = "Common base class for all exceptions";
    Exc_Exception.doc = "Common base class for all non-exit exceptions.";
    Exc_ValueError.doc = "Inappropriate argument value (of correct type).";
    Exc_TypeError.doc = "Inappropriate argument type.";
    Exc_KeyError.doc = "Mapping key not found.";
    Exc_IndexError.doc = "Sequence index out of range.";
    Exc_RuntimeError.doc = "Unspecified run-time error.";
    Exc_ZeroDivisionError.doc = "Second argument to a division or modulo operation was zero.";
    Exc_AttributeError.doc = "Attribute not found.";
    Exc_NameError.doc = "Name not found globally.";
    Exc_StopIteration.doc = "Signal the end from iterator.__next__().";
    Exc_OSError.doc = "Base class for I/O related errors.";
    Exc_NotImplementedError.doc = "Method or function hasn't been implemented yet.";
    Exc_AssertionError.doc = "Assertion failed.";
    Exc_KeyboardInterrupt.doc = "Program interrupted by user.";
    Exc_SystemExit.doc = "Request to exit from the interpreter.";
    Exc_TimeoutError.doc = "Timeout expired.";
}

void exceptions_init_types(void) {
    Exc_BaseException.repr = exc_repr;
    Exc_BaseException.str = exc_str;
    Exc_BaseException.tp_new = exc_tp_new;
    Exc_BaseException.tp_init = exc_init;
    Exc_BaseException.methods = exc_methods;
    Exc_BaseException.getset = exc_getset;

    Exc_StopIteration.tp_init = stopiter_init;
    Exc_StopIteration.getset = stopiter_getset;
    Exc_SystemExit.tp_init = systemexit_init;
    Exc_SystemExit.getset = systemexit_getset;
    Exc_KeyError.str = keyerror_str;

    Exc_OSError.tp_new = oserror_new;
    Exc_OSError.tp_init = oserror_init;
    Exc_OSError.str = oserror_str;
    Exc_OSError.getset = oserror_getset;

    Exc_SyntaxError.tp_init = syntaxerror_init;
    Exc_SyntaxError.str = syntaxerror_str;
    Exc_SyntaxError.getset = syntaxerror_getset;

    Exc_ImportError.tp_init = importerror_init;
    Exc_ImportError.str = importerror_str;
    Exc_ImportError.getset = importerror_getset;

    Exc_NameError.tp_init = nameerror_init;
    Exc_NameError.getset = nameerror_getset;
    Exc_AttributeError.tp_init = attributeerror_init;
    Exc_AttributeError.getset = attributeerror_getset;

    Exc_UnicodeDecodeError.tp_init = decodeerror_init;
    Exc_UnicodeDecodeError.str = decodeerror_str;
    Exc_UnicodeDecodeError.getset = unicodeerror_getset;
    Exc_UnicodeEncodeError.tp_init = encodeerror_init;
    Exc_UnicodeEncodeError.str = encodeerror_str;
    Exc_UnicodeEncodeError.getset = unicodeerror_getset;
    set_docs();

#define READY_EXC(N, B, ST) type_ready(&Exc_##N);
    EXCEPTION_LIST(READY_EXC)
#undef READY_EXC
}

/* ---- the C API ---------------------------------------------------------------------- */

Object *exc_new(TypeObject *type, Object *const *args, size_t nargs) {
    return obj_call((Object *)type, args, nargs, NULL);
}

Object *exc_get_traceback(Object *exc) { return BE(exc)->traceback; }

void exc_set_traceback(Object *exc, Object *tb) {
    if (tb == None) tb = NULL;
    SETREF(BE(exc)->traceback, XNEWREF(tb));
}

Object *exc_get_cause(Object *exc) { return BE(exc)->cause; }

void exc_set_cause(Object *exc, Object *cause) {
    BE(exc)->suppress_context = 1;
    if (cause == None) {
        DECREF(cause);
        cause = NULL;
    }
    SETREF(BE(exc)->cause, cause);
}

Object *exc_get_context(Object *exc) { return BE(exc)->context; }

void exc_set_context(Object *exc, Object *ctx) {
    if (ctx == None) {
        DECREF(ctx);
        ctx = NULL;
    }
    SETREF(BE(exc)->context, ctx);
}

bool exc_get_suppress_context(Object *exc) { return BE(exc)->suppress_context != 0; }

Object *stopiteration_value(Object *exc) {
    if (type_is_subtype(OBJ_TYPE(exc), &Exc_StopIteration)) {
        Object *v = ((StopIterationObject *)exc)->value;
        if (v) return NEWREF(v);
    }
    Object *args = BE(exc)->args;
    if (args && TUPLE_SIZE(args) > 0) return NEWREF(TUPLE_GET(args, 0));
    return none_new();
}

bool is_exception_instance(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_BASE_EXC_SUBCLASS);
}

bool is_exception_class(Object *o) {
    return type_check(o) && (((TypeObject *)o)->flags & TPFLAG_BASE_EXC_SUBCLASS);
}
