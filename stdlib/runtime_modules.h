/* stdlib/runtime_modules.h — the runtime engineer's native modules and the
 * small shared pieces behind them (struct sequences, SimpleNamespace, the
 * command-line configuration main() hands to sys).
 *
 * Every mod_*_init returns a new module object (new reference) or NULL with
 * the exception set; stdlib/modules.c lists them in native_modules[].
 */
#ifndef GILPY_RUNTIME_MODULES_H
#define GILPY_RUNTIME_MODULES_H

#include "vm/object.h"

Object *mod_builtins_init(void);   /* vm/builtins.c */
Object *mod_sys_init(void);        /* stdlib/sys.c (needs runtime.modules) */
Object *mod_time_init(void);       /* stdlib/time.c */
Object *mod_io_init(void);         /* stdlib/io.c: "io" and "_io" */
Object *mod_atexit_init(void);     /* stdlib/atexit.c */

/* builtins.__import__(name, globals=None, locals=None, fromlist=(), level=0)
 * (vm/import.c). */
Object *builtin___import__(Object *self, Object *const *args, size_t nargs, Object *kwnames);

/* The __main__ module's dict (borrowed), creating the module if needed
 * (vm/runtime.c; the REPL runs there). */
Object *runtime_main_dict(void);

/* Run a module's code as __main__ (for -m): __file__ = file, __package__ =
 * package, sys.path[0] = the current directory.  Returns the exit status. */
int run_main_module(const char *source, const char *file, const char *package);

/* For -m (vm/import.c): import the parents of `name` and find its code (a
 * package's __main__) without running it.  On success (0) *source, *file
 * (__file__) and *package (__package__) are malloc'ed; -1 with the
 * exception set otherwise. */
int import_find_main(const char *name, char **source, char **file, char **package);

/* ---- command-line configuration (filled by repl/main.c before
 * runtime_init; read by sys and io) --------------------------------------- */
typedef struct RuntimeConfig {
    int orig_argc;
    char **orig_argv;       /* the full command line (sys.orig_argv) */
    int unbuffered;         /* -u */
    int inspect;            /* -i */
    int quiet;              /* -q */
    int optimize;           /* -O count */
    int ignore_environment; /* -E */
    int no_user_site;       /* -s */
    int dont_write_bytecode; /* -B */
    int xoption_count;
    char **xoptions;        /* "key=value" or "key" (sys._xoptions) */
} RuntimeConfig;
extern RuntimeConfig runtime_config;

/* sys helpers used by the runtime (stdlib/sys.c). */
int sys_set_argv(int argc, char **argv);     /* sys.argv = list of argv */
int sys_set_path0(const char *dir);          /* sys.path[0] = dir; 0 / -1 */
Object *sys_get_object(const char *name);    /* borrowed sys.<name>, NULL if absent */
int sys_set_object(const char *name, Object *value); /* increfs; 0 / -1 */
/* sys.excepthook's default: display the exception (err_display). */
Object *sys_default_excepthook(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames);

/* atexit (stdlib/atexit.c): run the registered callbacks LIFO, printing and
 * clearing their exceptions. */
void atexit_run_callbacks(void);

/* ---- struct sequences (stdlib/structseq.c): tuple subclasses with named
 * fields, e.g. time.struct_time, sys.version_info, sys.flags. ----------- */
typedef struct StructSeqDesc {
    const char *name;           /* qualified: "time.struct_time" */
    const char *const *fields;  /* NULL-terminated field names */
    int n_visible;              /* fields that are tuple items; the rest are
                                   attributes only (tm_zone, tm_gmtoff) */
} StructSeqDesc;
/* Fill in and ready `type` (static storage, zeroed) for `desc`. 0 / -1. */
int structseq_init_type(TypeObject *type, const StructSeqDesc *desc);
/* A new instance with every field NULL; fill with structseq_set (steals). */
Object *structseq_new(TypeObject *type);
void structseq_set(Object *seq, int index, Object *value);
/* Field `index` (visible or hidden), borrowed. */
Object *structseq_get(Object *seq, int index);

/* ---- types.SimpleNamespace (stdlib/namespace.c) ---------------------------- */
extern TypeObject SimpleNamespace_Type;
/* A namespace with the given attributes (dict may be NULL). New reference. */
Object *namespace_new(Object *dict);

void runtime_modules_init_types(void);   /* ready the types above */

#endif
