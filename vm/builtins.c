/* vm/builtins.c — the "builtins" module: the built-in types and exceptions
 * under their names, and the builtins that deal with frames, code and
 * streams (print, input, exec, eval, compile, globals, locals, vars, dir,
 * open, exit).  The plain functions are in vm/builtins_funcs.c.
 *
 * runtime.builtins is this module's dict; every frame looks names up in it
 * after its globals.
 */
#include <stdio.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/builtins_internal.h"
#include "vm/compiler.h"
#include "vm/eval.h"
#include "vm/runtime.h"
#include "vm/objects/containers.h"
#include "vm/objects/text.h"
#include "stdlib/io.h"
#include "stdlib/runtime_modules.h"

/* ---- print / input ---------------------------------------------------------- */
static int write_str(Object *file, Object *s) {
    if (io_is_text(file)) return io_text_write_str(file, s);
    Object *r = obj_call_method(file, "write", &s, 1);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

/* print(*objects, sep=' ', end='\n', file=None, flush=False) */
static Object *builtin_print(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *sep = None, *end = None, *file = None, *flush = NULL;
    size_t nkw = args_nkw(kwnames);
    for (size_t i = 0; i < nkw; i++) {
        Object *k = TUPLE_GET(kwnames, i), *v = args[nargs + i];
        if (k == id_sep || str_eq_cstr(k, "sep")) sep = v;
        else if (k == id_end || str_eq_cstr(k, "end")) end = v;
        else if (k == id_file || str_eq_cstr(k, "file")) file = v;
        else if (str_eq_cstr(k, "flush")) flush = v;
        else return err_format(&Exc_TypeError, "%R is an invalid keyword argument for print()", k);
    }
    if (sep != None && !str_check(sep))
        return err_format(&Exc_TypeError, "sep must be None or a string, not %T", sep);
    if (end != None && !str_check(end))
        return err_format(&Exc_TypeError, "end must be None or a string, not %T", end);
    if (file == None) {
        file = sys_get_object("stdout");
        /* sys.stdout may be None (pythonw-like setups): print does nothing. */
        if (!file || file == None) return none_new();
    }
    INCREF(file);
    /* A file implemented in C (sys.stdout, open() files, StringIO) gets the
     * whole line in one write, so lines printed by several threads or
     * processes don't interleave mid-line.  A file object written in Python
     * sees one write per piece, as CPython does. */
    bool whole = !(OBJ_TYPE(file)->flags & TPFLAG_HEAPTYPE);
    StrBuf sb;
    strbuf_init(&sb);
    Object *space = NULL, *newline = NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (i > 0) {
            Object *s = sep;
            if (s == None) {
                if (!space && !(space = str_from_cstr(" "))) goto fail;
                s = space;
            }
            if (whole ? strbuf_append_str(&sb, s) : write_str(file, s)) goto fail;
        }
        Object *text = str_check_exact(args[i]) ? NEWREF(args[i]) : obj_str(args[i]);
        if (!text) goto fail;
        int rc = whole ? strbuf_append_str(&sb, text) : write_str(file, text);
        DECREF(text);
        if (rc < 0) goto fail;
    }
    if (end == None) {
        if (!(newline = str_from_cstr("\n"))) goto fail;
        end = newline;
    }
    if (whole) {
        if (strbuf_append_str(&sb, end) < 0) goto fail;
        Object *line = strbuf_finish(&sb);
        int rc = line ? write_str(file, line) : -1;
        XDECREF(line);
        if (rc < 0) goto fail;
    } else if (write_str(file, end) < 0) {
        goto fail;
    }
    if (flush) {
        int t = obj_is_true(flush);
        if (t < 0 || (t && io_flush(file) < 0)) goto fail;
    }
    XDECREF(space);
    XDECREF(newline);
    DECREF(file);
    return none_new();
fail:
    if (whole && sb.len) {
        /* What CPython would already have written before the error. */
        Object *exc = err_fetch();
        Object *part = strbuf_finish(&sb);
        if (part && write_str(file, part) < 0) err_clear();
        XDECREF(part);
        err_restore(exc);
    }
    strbuf_free(&sb);
    XDECREF(space);
    XDECREF(newline);
    DECREF(file);
    return NULL;
}

/* input(prompt=None): the line read from sys.stdin without its newline. */
static Object *builtin_input(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("input", kwnames) < 0) return NULL;
    if (nargs > 1)
        return err_format(&Exc_TypeError, "input expected at most 1 argument, got %zu", nargs);
    Object *in = sys_get_object("stdin"), *out = sys_get_object("stdout");
    Object *errf = sys_get_object("stderr");
    if (!in || in == None) return err_format(&Exc_RuntimeError, "input(): lost sys.stdin");
    if (!out || out == None) return err_format(&Exc_RuntimeError, "input(): lost sys.stdout");
    if (errf && errf != None && io_flush(errf) < 0) err_clear();
    INCREF(in);
    INCREF(out);
    Object *line = NULL;
    if (nargs == 1 && args[0] != None) {
        Object *p = obj_str(args[0]);
        if (!p) goto done;
        int rc = write_str(out, p);
        DECREF(p);
        if (rc < 0) goto done;
    }
    /* What was printed so far (and the prompt) must be visible before we
     * wait for the user. */
    if (io_flush(out) < 0) goto done;
    line = obj_call_method(in, "readline", NULL, 0);
    if (!line) goto done;
    if (!str_check(line)) {
        CLEAR(line);
        err_format(&Exc_TypeError, "object.readline() returned non-string");
        goto done;
    }
    if (STR_SIZE(line) == 0) {
        CLEAR(line);
        err_format(&Exc_EOFError, "EOF when reading a line");
        goto done;
    }
    if (STR_DATA(line)[STR_SIZE(line) - 1] == '\n') {
        Object *stripped = str_substring(line, 0, STR_LENGTH(line) - 1);
        SETREF(line, stripped);
    }
done:
    DECREF(in);
    DECREF(out);
    return line;
}

/* ---- namespaces ----------------------------------------------------------------- */
static Object *builtin_globals(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("globals", nargs, 0, 0) < 0) return NULL;
    Object *g = eval_get_globals();
    return g ? NEWREF(g) : dict_new();
}

static Object *builtin_locals(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    if (args_count("locals", nargs, 0, 0) < 0) return NULL;
    Object *l = eval_get_locals();
    if (!l && !err_occurred()) return dict_new();
    return l;
}

static Object *builtin_vars(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("vars", kwnames) < 0) return NULL;
    if (nargs == 0) return builtin_locals(self, args, 0, NULL);
    if (nargs > 1)
        return err_format(&Exc_TypeError, "vars expected at most 1 argument, got %zu", nargs);
    Object *d;
    int r = obj_lookup_attr(args[0], id___dict__, &d);
    if (r < 0) return NULL;
    if (!r) return err_format(&Exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static Object *builtin_dir(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("dir", kwnames) < 0) return NULL;
    if (nargs > 1)
        return err_format(&Exc_TypeError, "dir expected at most 1 argument, got %zu", nargs);
    if (nargs == 1) return obj_dir(args[0]);
    Object *locals = builtin_locals(self, NULL, 0, NULL);
    if (!locals) return NULL;
    Object *keys = dict_check(locals) ? dict_keys_list(locals) : list_from_iterable(locals);
    DECREF(locals);
    if (keys && list_sort(keys, NULL, false) < 0) CLEAR(keys);
    return keys;
}

/* ---- exec / eval / compile ----------------------------------------------------- */
/* The source text of exec/eval/compile: str, or bytes decoded as UTF-8.
 * Returns a new str or NULL (TypeError naming `what`). */
static Object *source_text(Object *src, const char *what) {
    if (str_check(src)) return NEWREF(src);
    if (bytes_check(src) || bytearray_check(src)) {
        const char *data;
        intptr_t n;
        if (bytes_like_buffer(src, &data, &n) < 0) return NULL;
        return str_decode_utf8(data, (size_t)n, "strict");
    }
    return err_format(&Exc_TypeError, "%s", what);
}

static int check_namespaces(const char *fname, Object **globals, Object **locals) {
    if (*globals == None) {
        *globals = eval_get_globals();
        if (!*globals) {
            err_format(&Exc_SystemError, "%s(): no current frame", fname);
            return -1;
        }
        if (*locals == None) {
            *locals = eval_get_locals();
            if (!*locals) return -1;
        } else {
            INCREF(*locals);
        }
        INCREF(*globals);
        return 0;
    }
    if (!dict_check(*globals)) {
        if (!strcmp(fname, "eval")) err_format(&Exc_TypeError, "globals must be a dict");
        else err_format(&Exc_TypeError, "%s() globals must be a dict, not %T", fname, *globals);
        return -1;
    }
    if (*locals == None) *locals = *globals;
    else if (!obj_hasattr(*locals, id___getitem__)) {
        err_format(&Exc_TypeError, "locals must be a mapping or None, not %T", *locals);
        return -1;
    }
    if (!dict_get_str(*globals, id___builtins__)) {
        Object *b = eval_get_builtins();
        if (dict_set(*globals, id___builtins__, b ? b : runtime.builtins) < 0) return -1;
    }
    INCREF(*globals);
    INCREF(*locals);
    return 0;
}

static Object *exec_or_eval(const char *fname, int mode, Object *const *args, size_t nargs,
                            Object *kwnames) {
    static const char *kwlist[] = {"", "globals", "locals", NULL};
    Object *src, *globals = None, *locals = None;
    char fmt[32];
    snprintf(fmt, sizeof fmt, "O|OO:%s", fname);
    if (args_parse(args, nargs, kwnames, fmt, kwlist, &src, &globals, &locals) < 0) return NULL;
    if (check_namespaces(fname, &globals, &locals) < 0) return NULL;
    Object *code = NULL, *result = NULL;
    if (!IS_SMALLINT(src) && src->type == &Code_Type) {
        if (((CodeObject *)src)->nfrees > 0) {
            err_format(&Exc_TypeError, "code object passed to %s() may not contain free variables",
                       fname);
            goto done;
        }
        code = NEWREF(src);
    } else {
        Object *text = source_text(src, mode == MODE_EVAL
                                            ? "eval() arg 1 must be a string, bytes or code object"
                                            : "exec() arg 1 must be a string, bytes or code object");
        if (!text) goto done;
        const char *s = str_utf8(text);
        if (mode == MODE_EVAL)
            while (*s == ' ' || *s == '\t') s++;   /* eval ignores leading blanks */
        code = compile_source(s, "<string>", mode);
        DECREF(text);
        if (!code) goto done;
    }
    result = eval_code(code, globals, locals);
    if (result && mode == MODE_EXEC) SETREF(result, none_new());
done:
    XDECREF(code);
    DECREF(globals);
    DECREF(locals);
    return result;
}

static Object *builtin_exec(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return exec_or_eval("exec", MODE_EXEC, args, nargs, kwnames);
}

static Object *builtin_eval(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return exec_or_eval("eval", MODE_EVAL, args, nargs, kwnames);
}

/* compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1) */
static Object *builtin_compile(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    static const char *kwlist[] = {"source", "filename", "mode", "flags", "dont_inherit",
                                   "optimize", "_feature_version", NULL};
    Object *src, *filename;
    const char *mode;
    int flags = 0, dont_inherit = 0, optimize = -1, feature = -1;
    if (args_parse(args, nargs, kwnames, "OOs|ipi$i:compile", kwlist, &src, &filename, &mode,
                   &flags, &dont_inherit, &optimize, &feature) < 0)
        return NULL;
    int m;
    if (!strcmp(mode, "exec")) m = MODE_EXEC;
    else if (!strcmp(mode, "eval")) m = MODE_EVAL;
    else if (!strcmp(mode, "single")) m = MODE_SINGLE;
    else return err_format(&Exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    if (flags & 0x400)
        return err_format(&Exc_NotImplementedError, "compile() to an AST is not supported by gilpy");
    const char *fname;
    if (str_check(filename)) fname = str_utf8(filename);
    else if (bytes_check(filename)) fname = BYTES_DATA(filename);
    else
        return err_format(&Exc_TypeError,
                          "compile() argument 'filename' must be str, bytes or os.PathLike, not %T",
                          filename);
    Object *text = source_text(src, "compile() arg 1 must be a string, bytes or AST object");
    if (!text) return NULL;
    if (optimize < -1 || optimize > 2) {
        DECREF(text);
        return err_format(&Exc_ValueError, "compile(): invalid optimize value");
    }
    Object *code = compile_source_optimize(str_utf8(text), fname, m, optimize);
    DECREF(text);
    return code;
}

/* ---- exit / quit ------------------------------------------------------------------ */
/* CPython's site module adds these as objects that explain themselves when
 * printed and raise SystemExit when called. */
typedef struct QuitterObject {
    Object ob_base;
    const char *name;
} QuitterObject;

static Object *quitter_repr(Object *self) {
    return str_from_format("Use %s() or Ctrl-D (i.e. EOF) to exit", ((QuitterObject *)self)->name);
}

static Object *quitter_call(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"code", NULL};
    Object *code = None;
    if (args_parse(args, nargs, kwnames, "|O:exit", kwlist, &code) < 0) return NULL;
    err_set_object(&Exc_SystemExit, code);
    return NULL;
}

static TypeObject Quitter_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_sitebuiltins.Quitter",
    .basicsize = sizeof(QuitterObject),
    .repr = quitter_repr,
    .call = quitter_call,
};

static QuitterObject exit_object = {STATIC_OBJECT_HEAD(&Quitter_Type), "exit"};
static QuitterObject quit_object = {STATIC_OBJECT_HEAD(&Quitter_Type), "quit"};

/* ---- the module ------------------------------------------------------------------- */
static MethodDef builtin_defs[] = {
    {"print", builtin_print, METH_KW, "Prints the values to a stream, or to sys.stdout by default."},
    {"input", builtin_input, 0, "Read a string from standard input."},
    {"globals", builtin_globals, 0, NULL},
    {"locals", builtin_locals, 0, NULL},
    {"vars", builtin_vars, 0, NULL},
    {"dir", builtin_dir, 0, NULL},
    {"exec", builtin_exec, METH_KW, NULL},
    {"eval", builtin_eval, METH_KW, NULL},
    {"compile", builtin_compile, METH_KW, NULL},
    {"open", io_open, METH_KW, "Open file and return a stream."},
    {"__import__", builtin___import__, METH_KW, "Import a module."},
    {"__build_class__", builtin___build_class__, METH_KW, NULL},
    {NULL, NULL, 0, NULL},
};

Object *mod_builtins_init(void) {
    type_ready(&Quitter_Type);
    Object *m = module_new("builtins");
    if (!m) return NULL;
    if (module_add_functions(m, builtin_defs) < 0 ||
        module_add_functions(m, builtin_func_defs) < 0)
        goto fail;
    struct { const char *name; TypeObject *type; } types[] = {
        {"object", &Object_Type}, {"type", &Type_Type}, {"int", &Int_Type},
        {"bool", &Bool_Type}, {"float", &Float_Type}, {"str", &Str_Type},
        {"bytes", &Bytes_Type}, {"bytearray", &ByteArray_Type}, {"list", &List_Type},
        {"tuple", &Tuple_Type}, {"dict", &Dict_Type}, {"set", &Set_Type},
        {"frozenset", &FrozenSet_Type}, {"range", &Range_Type}, {"slice", &Slice_Type},
        {"enumerate", &Enumerate_Type}, {"zip", &Zip_Type}, {"map", &Map_Type},
        {"filter", &Filter_Type}, {"reversed", &Reversed_Type}, {"property", &Property_Type},
        {"staticmethod", &StaticMethod_Type}, {"classmethod", &ClassMethod_Type},
        {"super", &Super_Type},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (module_add(m, types[i].name, (Object *)types[i].type) < 0) goto fail;
#define ADD_EXC(name, base, st) \
    if (module_add(m, #name, (Object *)&Exc_##name) < 0) goto fail;
    EXCEPTION_LIST(ADD_EXC)
#undef ADD_EXC
    if (module_add(m, "EnvironmentError", (Object *)&Exc_OSError) < 0 ||
        module_add(m, "IOError", (Object *)&Exc_OSError) < 0 ||
        module_add(m, "None", None) < 0 || module_add(m, "True", True) < 0 ||
        module_add(m, "False", False) < 0 || module_add(m, "Ellipsis", Ellipsis) < 0 ||
        module_add(m, "NotImplemented", NotImplemented) < 0 ||
        module_add(m, "__debug__", runtime_config.optimize ? False : True) < 0 ||
        module_add(m, "exit", (Object *)&exit_object) < 0 ||
        module_add(m, "quit", (Object *)&quit_object) < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
