/* vm/builtins_internal.h — shared between vm/builtins.c (the module and the
 * builtins that touch frames and streams) and vm/builtins_funcs.c (the pure
 * functions).  Not for other layers. */
#ifndef GILPY_BUILTINS_INTERNAL_H
#define GILPY_BUILTINS_INTERNAL_H

#include "vm/object.h"

extern MethodDef builtin_func_defs[];   /* NULL-terminated */

#endif
