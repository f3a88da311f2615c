/* stdlib/sys.c — the "sys" module.
 *
 * Created once by runtime_init (after builtins) with sys.modules being
 * runtime.modules; runtime.sysdict is its dict, which the rest of the runtime
 * reads for stdout/stderr/path/excepthook.  Values come from vm/config.h
 * (versions), the command line (runtime_config) and the environment
 * (GILPY_PATH).
 */
#include <float.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm/runtime.h"
#include "vm/eval.h"
#include "vm/frame.h"
#include "gil/gil.h"
#include "stdlib/io.h"
#include "stdlib/gilmod.h"
#include "stdlib/numbers.h"
#include "stdlib/runtime_modules.h"

RuntimeConfig runtime_config;

#define STR_(x) #x
#define STR(x) STR_(x)
#define PY_VERSION STR(GILPY_PY_MAJOR) "." STR(GILPY_PY_MINOR) "." STR(GILPY_PY_MICRO)

/* A stand-in for CPython's large, shared counts of small ints. */
#define SMALLINT_REFCOUNT 1000000000LL

/* ---- access for the runtime ------------------------------------------------ */
Object *sys_get_object(const char *name) {
    if (!runtime.sysdict) return NULL;
    Object *v = dict_get_cstr(runtime.sysdict, name);
    if (!v && err_occurred()) err_clear();
    return v;
}

int sys_set_object(const char *name, Object *value) {
    return dict_set_cstr(runtime.sysdict, name, value);
}

int sys_set_path0(const char *dir) {
    Object *path = sys_get_object("path");
    if (!path || !list_check(path)) return 0;
    Object *s = str_from_cstr(dir);
    if (!s) return -1;
    if (LIST_SIZE(path) == 0) {
        int rc = list_append(path, s);
        DECREF(s);
        return rc;
    }
    SETREF(LIST_ITEMS(path)[0], s);
    return 0;
}

/* ---- functions ------------------------------------------------------------ */
static Object *sys_exit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (nargs > 1)
        return err_format(&Exc_TypeError, "exit expected at most 1 argument, got %zu", nargs);
    if (nargs == 0) err_set_none(&Exc_SystemExit);
    else err_set_object(&Exc_SystemExit, args[0]);
    return NULL;
}

static Object *sys_getrefcount(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (nargs != 1)
        return err_format(&Exc_TypeError,
                          "sys.getrefcount() takes exactly one argument (%zu given)", nargs);
    Object *o = args[0];
    if (IS_SMALLINT(o)) return int_from_long(SMALLINT_REFCOUNT);
    return int_from_long((long long)o->refcnt);
}

static Object *sys_getrecursionlimit(Object *self, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    return int_from_long(runtime.recursion_limit);
}

static Object *sys_setrecursionlimit(Object *self, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    int n;
    if (args_parse(args, nargs, kwnames, "i:setrecursionlimit", NULL, &n) < 0) return NULL;
    if (n < 1)
        return err_format(&Exc_ValueError, "recursion limit must be greater or equal than 1");
    int depth = ts_current->recursion_depth;
    if (depth >= n)
        return err_format(&Exc_RecursionError,
                          "cannot set the recursion limit to %d at the recursion depth %d: "
                          "the limit is too low", n, depth);
    runtime.recursion_limit = n;
    return none_new();
}

/* The limit on decimal digits of int<->str conversions (int.c, format*.c). */
static Object *sys_get_int_max_str_digits(Object *self, Object *const *args, size_t nargs,
                                          Object *kwnames) {
    if (args_parse(args, nargs, kwnames, ":get_int_max_str_digits", NULL) < 0) return NULL;
    return int_from_long(int_max_str_digits);
}

static Object *sys_set_int_max_str_digits(Object *self, Object *const *args, size_t nargs,
                                          Object *kwnames) {
    static const char *kwlist[] = {"maxdigits", NULL};
    intptr_t n;
    if (args_parse(args, nargs, kwnames, "n:set_int_max_str_digits", kwlist, &n) < 0)
        return NULL;
    if (n != 0 && n < INT_MAX_STR_DIGITS_THRESHOLD)
        return err_format(&Exc_ValueError, "maxdigits must be 0 or larger than %d",
                          INT_MAX_STR_DIGITS_THRESHOLD);
    int_max_str_digits = n;
    return none_new();
}

static Object *sys_getswitchinterval(Object *self, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    /* The GIL keeps whole microseconds; scale as CPython does (1e-6 * us)
     * so reprs match (1e-6 * 100 is 9.999999999999999e-05). */
    double us = (double)(long long)(gil_get_switch_interval() * 1e6 + 0.5);
    return float_from_double(1e-6 * us);
}

static Object *sys_setswitchinterval(Object *self, Object *const *args, size_t nargs,
                                     Object *kwnames) {
    double d;
    if (args_no_kwargs("setswitchinterval", kwnames) < 0 ||
        args_count("setswitchinterval", nargs, 1, 1) < 0)
        return NULL;
    TypeObject *t = OBJ_TYPE(args[0]);
    if (!float_check(args[0]) && !int_check(args[0]) && !t->nb_float && !t->nb_index)
        return err_format(&Exc_TypeError, "must be real number, not %T", args[0]);
    if (args_parse(args, nargs, kwnames, "d:setswitchinterval", NULL, &d) < 0) return NULL;
    if (!(d > 0.0))
        return err_format(&Exc_ValueError, "switch interval must be strictly positive");
    gil_set_switch_interval(d);
    return none_new();
}

static Object *handled_exception(void) {
    Object *e = ts_current->handled_exc;
    return (e && e != None) ? e : NULL;
}

static Object *sys_exc_info(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *e = handled_exception();
    if (!e) return tuple_pack(3, None, None, None);
    Object *tb = exc_get_traceback(e);
    return tuple_pack(3, (Object *)OBJ_TYPE(e), e, tb ? tb : None);
}

static Object *sys_exception(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    Object *e = handled_exception();
    return NEWREF(e ? e : None);
}

static Object *sys_intern(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("intern", nargs, 1, 1) < 0) return NULL;
    if (!str_check_exact(args[0]))
        return err_format(&Exc_TypeError, "intern() argument must be str, not %T", args[0]);
    return str_intern(NEWREF(args[0]));
}

static Object *sys_getdefaultencoding(Object *self, Object *const *args, size_t nargs,
                                      Object *kwnames) {
    return str_from_cstr("utf-8");
}

static Object *sys_getfilesystemencodeerrors(Object *self, Object *const *args,
                                             size_t nargs, Object *kwnames) {
    return str_from_cstr("surrogateescape");
}

static Object *sys_is_finalizing(Object *self, Object *const *args, size_t nargs,
                                 Object *kwnames) {
    return bool_from(runtime.finalizing);
}

/* _getframe(depth=0): the caller's frame, or one `depth` calls out. */
static Object *sys_getframe(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    int depth = 0;
    if (args_parse(args, nargs, kwnames, "|i:_getframe", NULL, &depth) < 0) return NULL;
    Frame *f = eval_current_frame();
    while (f && depth-- > 0) f = f->back;
    if (!f) return err_format(&Exc_ValueError, "call stack is not deep enough");
    frame_escape(f);
    return NEWREF((Object *)f);
}

static Object *sys_gettrace(Object *self, Object *const *args, size_t nargs,
                            Object *kwnames) {
    return none_new();
}

/* displayhook(value): print repr(value) to sys.stdout and keep it as _. */
static Object *sys_displayhook(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("displayhook", nargs, 1, 1) < 0) return NULL;
    Object *v = args[0];
    if (v == None) return none_new();
    if (dict_set(runtime.builtins, id__, None) < 0) return NULL;
    Object *out = sys_get_object("stdout");
    if (!out || out == None) return err_format(&Exc_RuntimeError, "lost sys.stdout");
    Object *r = obj_repr(v);
    if (!r) return NULL;
    Object *res;
    if (io_is_text(out)) {
        res = io_text_write_str(out, r) < 0 ? NULL : none_new();
    } else {
        res = obj_call_method(out, "write", &r, 1);
    }
    DECREF(r);
    if (!res) return NULL;
    DECREF(res);
    Object *nl = str_from_cstr("\n");
    if (!nl) return NULL;
    res = obj_call_method(out, "write", &nl, 1);
    DECREF(nl);
    if (!res) return NULL;
    DECREF(res);
    if (dict_set(runtime.builtins, id__, v) < 0) return NULL;
    return none_new();
}

Object *sys_default_excepthook(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames) {
    if (args_count("excepthook", nargs, 3, 3) < 0) return NULL;
    Object *value = args[1];
    if (!is_exception_instance(value)) {
        return err_format(&Exc_TypeError,
                          "print_exception(): Exception expected for value, %s found",
                          type_name(OBJ_TYPE(value)));
    }
    if (args[2] != None && !exc_get_traceback(value)) exc_set_traceback(value, args[2]);
    err_display(value);
    return none_new();
}

static MethodDef sys_functions[] = {
    {"exit", sys_exit, 0, "Exit the interpreter by raising SystemExit(status)."},
    {"getrefcount", sys_getrefcount, 0, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, 0, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, 0, NULL},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, 0, NULL},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, METH_KW, NULL},
    {"getswitchinterval", sys_getswitchinterval, 0, NULL},
    {"setswitchinterval", sys_setswitchinterval, 0, NULL},
    {"setcheckinterval", gil_sys_setcheckinterval, 0, NULL},   /* GIL lab: ticks policy */
    {"getcheckinterval", gil_sys_getcheckinterval, 0, NULL},
    {"exc_info", sys_exc_info, 0, NULL},
    {"exception", sys_exception, 0, NULL},
    {"intern", sys_intern, 0, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, 0, NULL},
    {"getfilesystemencoding", sys_getdefaultencoding, 0, NULL},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, 0, NULL},
    {"is_finalizing", sys_is_finalizing, 0, NULL},
    {"_getframe", sys_getframe, 0, NULL},
    {"gettrace", sys_gettrace, 0, NULL},
    {"getprofile", sys_gettrace, 0, NULL},
    {"displayhook", sys_displayhook, 0, NULL},
    {"excepthook", sys_default_excepthook, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- struct sequences ------------------------------------------------------ */
static TypeObject VersionInfo_Type, Flags_Type, FloatInfo_Type;

static const char *const version_info_fields[] = {"major", "minor", "micro", "releaselevel",
                                                  "serial", NULL};
static const StructSeqDesc version_info_desc = {"sys.version_info", version_info_fields, 5};

static const char *const flags_fields[] = {
    "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site",
    "no_site", "ignore_environment", "verbose", "bytes_warning", "quiet",
    "hash_randomization", "isolated", "dev_mode", "utf8_mode", "warn_default_encoding",
    "safe_path", "int_max_str_digits", NULL};
static const StructSeqDesc flags_desc = {"sys.flags", flags_fields, 18};

static const char *const float_info_fields[] = {
    "max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig",
    "epsilon", "radix", "rounds", NULL};
static const StructSeqDesc float_info_desc = {"sys.float_info", float_info_fields, 11};

static Object *make_version_info(void) {
    Object *v = structseq_new(&VersionInfo_Type);
    if (!v) return NULL;
    structseq_set(v, 0, MAKE_SMALLINT(GILPY_PY_MAJOR));
    structseq_set(v, 1, MAKE_SMALLINT(GILPY_PY_MINOR));
    structseq_set(v, 2, MAKE_SMALLINT(GILPY_PY_MICRO));
    structseq_set(v, 3, str_from_cstr("final"));
    structseq_set(v, 4, MAKE_SMALLINT(0));
    if (!structseq_get(v, 3)) CLEAR(v);
    return v;
}

static Object *make_flags(void) {
    Object *v = structseq_new(&Flags_Type);
    if (!v) return NULL;
    int values[18] = {0};
    values[1] = runtime_config.inspect;
    values[2] = runtime_config.inspect;
    values[3] = runtime_config.optimize;
    values[4] = runtime_config.dont_write_bytecode;
    values[5] = runtime_config.no_user_site;
    values[7] = runtime_config.ignore_environment;
    values[10] = runtime_config.quiet;
    values[11] = 1;
    values[17] = -1;
    for (int i = 0; i < 18; i++) {
        if (i == 13 || i == 16) structseq_set(v, i, bool_from(0));
        else structseq_set(v, i, MAKE_SMALLINT(values[i]));
    }
    return v;
}

static Object *make_float_info(void) {
    Object *v = structseq_new(&FloatInfo_Type);
    if (!v) return NULL;
    structseq_set(v, 0, float_from_double(DBL_MAX));
    structseq_set(v, 1, MAKE_SMALLINT(DBL_MAX_EXP));
    structseq_set(v, 2, MAKE_SMALLINT(DBL_MAX_10_EXP));
    structseq_set(v, 3, float_from_double(DBL_MIN));
    structseq_set(v, 4, MAKE_SMALLINT(DBL_MIN_EXP));
    structseq_set(v, 5, MAKE_SMALLINT(DBL_MIN_10_EXP));
    structseq_set(v, 6, MAKE_SMALLINT(DBL_DIG));
    structseq_set(v, 7, MAKE_SMALLINT(DBL_MANT_DIG));
    structseq_set(v, 8, float_from_double(DBL_EPSILON));
    structseq_set(v, 9, MAKE_SMALLINT(FLT_RADIX));
    structseq_set(v, 10, MAKE_SMALLINT(1));
    if (!structseq_get(v, 0) || !structseq_get(v, 3) || !structseq_get(v, 8)) CLEAR(v);
    return v;
}

/* ---- building the module ---------------------------------------------------- */
static int add_new(Object *m, const char *name, Object *value) {
    if (!value) return -1;
    int rc = module_add(m, name, value);
    DECREF(value);
    return rc;
}

static Object *make_path(void) {
    Object *path = list_new(0);
    if (!path) return NULL;
    Object *empty = str_from_cstr("");
    if (!empty || list_append(path, empty) < 0) {
        XDECREF(empty);
        DECREF(path);
        return NULL;
    }
    DECREF(empty);
    const char *env = runtime_config.ignore_environment ? NULL : getenv("GILPY_PATH");
    while (env && *env) {
        const char *colon = strchr(env, ':');
        size_t n = colon ? (size_t)(colon - env) : strlen(env);
        if (n) {
            Object *s = str_from_utf8(env, n);
            if (!s || list_append(path, s) < 0) {
                XDECREF(s);
                DECREF(path);
                return NULL;
            }
            DECREF(s);
        }
        env = colon ? colon + 1 : NULL;
    }
    return path;
}

static Object *make_executable(void) {
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n < 0) return str_from_cstr("");
    return str_from_utf8(buf, (size_t)n);
}

static Object *make_builtin_module_names(void) {
    Object *list = list_new(0);
    if (!list) return NULL;
    for (const NativeModule *nm = native_modules; nm->name; nm++) {
        Object *s = str_from_cstr(nm->name);
        if (!s || list_append(list, s) < 0) {
            XDECREF(s);
            DECREF(list);
            return NULL;
        }
        DECREF(s);
    }
    if (list_sort(list, NULL, false) < 0) {
        DECREF(list);
        return NULL;
    }
    Object *t = list_as_tuple(list);
    DECREF(list);
    return t;
}

static Object *str_list(int argc, char **argv) {
    Object *list = list_new(0);
    for (int i = 0; list && i < argc; i++) {
        Object *s = str_decode_utf8(argv[i], strlen(argv[i]), "replace");
        if (!s || list_append(list, s) < 0) CLEAR(list);
        XDECREF(s);
    }
    return list;
}

static Object *make_xoptions(void) {
    Object *d = dict_new();
    for (int i = 0; d && i < runtime_config.xoption_count; i++) {
        const char *opt = runtime_config.xoptions[i];
        const char *eq = strchr(opt, '=');
        Object *k = eq ? str_from_utf8(opt, (size_t)(eq - opt)) : str_from_cstr(opt);
        Object *v = eq ? str_from_cstr(eq + 1) : bool_from(1);
        if (!k || !v || dict_set(d, k, v) < 0) CLEAR(d);
        XDECREF(k);
        XDECREF(v);
    }
    return d;
}

static Object *make_implementation(Object *version_info) {
    Object *d = dict_new();
    if (!d) return NULL;
    Object *name = str_from_cstr("gilpy");
    Object *hexv = int_from_long((GILPY_PY_MAJOR << 24) | (GILPY_PY_MINOR << 16) |
                                 (GILPY_PY_MICRO << 8) | 0xf0);
    Object *ns = NULL;
    if (name && hexv && dict_set_cstr(d, "name", name) == 0 &&
        dict_set_cstr(d, "cache_tag", None) == 0 &&
        dict_set_cstr(d, "version", version_info) == 0 &&
        dict_set_cstr(d, "hexversion", hexv) == 0)
        ns = namespace_new(d);
    XDECREF(name);
    XDECREF(hexv);
    DECREF(d);
    return ns;
}

static bool types_ready;

Object *mod_sys_init(void) {
    if (!types_ready) {
        if (structseq_init_type(&VersionInfo_Type, &version_info_desc) < 0 ||
            structseq_init_type(&Flags_Type, &flags_desc) < 0 ||
            structseq_init_type(&FloatInfo_Type, &float_info_desc) < 0)
            return NULL;
        types_ready = true;
    }
    Object *m = module_new("sys");
    if (!m) return NULL;
    if (module_add_functions(m, sys_functions) < 0) goto fail;
    Object *d = module_get_dict(m);
    runtime.sysdict = NEWREF(d);
    Object *hook = dict_get_cstr(d, "displayhook");
    Object *ehook = dict_get_cstr(d, "excepthook");
    if (module_add(m, "__displayhook__", hook) < 0 ||
        module_add(m, "__excepthook__", ehook) < 0)
        goto fail;

    Object *version_info = make_version_info();
    if (!version_info) goto fail;
    int rc = module_add(m, "version_info", version_info);
    if (rc == 0) rc = add_new(m, "implementation", make_implementation(version_info));
    DECREF(version_info);
    if (rc < 0) goto fail;

    if (module_add(m, "modules", runtime.modules) < 0 ||
        add_new(m, "path", make_path()) < 0 ||
        add_new(m, "argv", list_new(0)) < 0 ||
        add_new(m, "orig_argv", str_list(runtime_config.orig_argc, runtime_config.orig_argv)) < 0 ||
        add_new(m, "executable", make_executable()) < 0 ||
        add_new(m, "builtin_module_names", make_builtin_module_names()) < 0 ||
        add_new(m, "flags", make_flags()) < 0 ||
        add_new(m, "float_info", make_float_info()) < 0 ||
        add_new(m, "_xoptions", make_xoptions()) < 0 ||
        add_new(m, "warnoptions", list_new(0)) < 0 ||
        add_new(m, "meta_path", list_new(0)) < 0 ||
        add_new(m, "path_hooks", list_new(0)) < 0 ||
        add_new(m, "path_importer_cache", dict_new()) < 0 ||
        module_add_str(m, "platform", "linux") < 0 ||
        module_add_str(m, "version", PY_VERSION " (gilpy " GILPY_VERSION ")") < 0 ||
        module_add_int(m, "hexversion", (GILPY_PY_MAJOR << 24) | (GILPY_PY_MINOR << 16) |
                                            (GILPY_PY_MICRO << 8) | 0xf0) < 0 ||
        module_add_int(m, "api_version", 1013) < 0 ||
        module_add_int(m, "maxsize", INTPTR_MAX) < 0 ||
        module_add_int(m, "maxunicode", 0x10FFFF) < 0 ||
        module_add_str(m, "byteorder",
                       __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? "little" : "big") < 0 ||
        module_add_str(m, "float_repr_style", "short") < 0 ||
        module_add_str(m, "prefix", "/usr/local") < 0 ||
        module_add_str(m, "exec_prefix", "/usr/local") < 0 ||
        module_add_str(m, "base_prefix", "/usr/local") < 0 ||
        module_add_str(m, "base_exec_prefix", "/usr/local") < 0 ||
        module_add_str(m, "platlibdir", "lib") < 0 ||
        module_add_str(m, "copyright", "Copyright (c) the gilpy authors.") < 0 ||
        module_add(m, "dont_write_bytecode", runtime_config.dont_write_bytecode ? True : False) < 0)
        goto fail;

    const char *names[3] = {"stdin", "stdout", "stderr"};
    const char *dunder[3] = {"__stdin__", "__stdout__", "__stderr__"};
    for (int fd = 0; fd < 3; fd++) {
        Object *s = io_std_stream(fd, runtime_config.unbuffered);
        if (!s) goto fail;
        rc = module_add(m, names[fd], s);
        if (rc == 0) rc = module_add(m, dunder[fd], s);
        DECREF(s);
        if (rc < 0) goto fail;
    }
    return m;
fail:
    DECREF(m);
    return NULL;
}

int sys_set_argv(int argc, char **argv) {
    Object *list = str_list(argc, argv);
    if (!list) return -1;
    int rc = sys_set_object("argv", list);
    DECREF(list);
    return rc;
}
