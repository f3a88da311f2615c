/* stdlib/modules.c — the table of native (C) modules, by import name.
 *
 * vm/import.c consults it for top-level names after sys.modules and before
 * the embedded Python stdlib; sys.builtin_module_names lists it.  To add a
 * C module: write its mod_<name>_init (returning a new module object) and
 * add one line here.
 */
#include "vm/runtime.h"
#include "stdlib/dismod.h"
#include "stdlib/gcmod.h"
#include "stdlib/gilmod.h"
#include "vm/objects/weakref.h"
#include "stdlib/numbers.h"
#include "stdlib/posix.h"
#include "stdlib/processes.h"
#include "stdlib/runtime_modules.h"
#include "stdlib/signal_mod.h"
#include "stdlib/thread.h"

const NativeModule native_modules[] = {
    {"builtins", mod_builtins_init},
    {"sys", mod_sys_init},
    {"time", mod_time_init},
    {"io", mod_io_init},
    {"_io", mod_io_init},
    {"atexit", mod_atexit_init},
    {"math", mod_math_init},
    {"_random", mod_random_init},
    {"_thread", mod_thread_init},
    {"posix", mod_posix_init},
    {"signal", mod_signal_init},
    {"gil", mod_gil_init},
    {"dis", mod_dis_init},
    {"gc", mod_gc_init},
    {"_weakref", mod_weakref_init},
    {"_pickle", mod_pickle_init},
    {"_multiprocessing", mod_multiprocessing_init},
    {"select", mod_select_init},
    {NULL, NULL},
};
