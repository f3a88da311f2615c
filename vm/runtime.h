/* vm/runtime.h — start-up, running source, importing, shutdown. */
#ifndef GILPY_RUNTIME_H
#define GILPY_RUNTIME_H

#include "vm/object.h"

/* Compile modes */
enum { MODE_EXEC, MODE_EVAL, MODE_SINGLE };

/* Initialise everything (types, builtins, sys with argv, GIL, signals). */
int runtime_init(int argc, char **argv);
/* Wait for non-daemon threads, run atexit, flush std streams. Returns the
 * process exit status to use. */
int runtime_finalize(int status);

/* Compile (vm/compiler.h over vm/parser.h) and run `source` in `globals`.
 * New reference to the result (None for exec) or NULL with the error set. */
Object *run_string(const char *source, const char *filename, int mode, Object *globals,
                   Object *locals);
/* Run a file as __main__.  Returns the exit status, having printed any
 * uncaught exception (SystemExit handled: its code, nothing printed). */
int run_main_file(const char *path);
int run_main_source(const char *source, const char *filename);
/* Print the current exception as the top level does and return the exit
 * status it implies (1, or SystemExit's code). */
int handle_uncaught(void);
/* Set when an uncaught KeyboardInterrupt ended the program: main() then
 * dies by SIGINT, so the parent sees a signal death as with CPython. */
extern bool runtime_exit_by_sigint;

/* Importing (vm/import.c): sys.modules, native modules, the embedded stdlib,
 * the script's folder, GILPY_PATH.  New references. */
Object *import_module(const char *name);
Object *import_name(Object *name, Object *globals, Object *fromlist, int level);
/* True while some thread runs the code of module `name` (a circular import
 * sees it partially initialised). */
bool import_in_progress(Object *name);

/* Native (C) modules register here: stdlib/modules.c lists them. */
typedef Object *(*ModuleInitFunc)(void);
typedef struct NativeModule {
    const char *name;
    ModuleInitFunc init;
} NativeModule;
extern const NativeModule native_modules[];   /* NULL-terminated */
/* Embedded Python sources (build/stdlib_embed.c, generated from stdlib/lib). */
typedef struct EmbeddedModule {
    const char *name;      /* "threading", "concurrent.futures" */
    const char *source;
    int is_package;
} EmbeddedModule;
extern const EmbeddedModule embedded_modules[]; /* NULL-terminated */

#endif
