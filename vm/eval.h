/* vm/eval.h — running code: the dispatch loop and calls into Python code. */
#ifndef GILPY_EVAL_H
#define GILPY_EVAL_H

#include "vm/object.h"
#include "vm/state.h"

/* Run module- or class-level code with the given namespaces (locals may be
 * the same dict as globals).  New reference. */
Object *eval_code(Object *code, Object *globals, Object *locals);
/* The call slot of Function_Type. */
Object *function_call(Object *func, Object *const *args, size_t nargs, Object *kwnames);
/* The globals / builtins / locals of the innermost running frame (borrowed;
 * NULL if no frame).  Used by globals(), locals(), vars(), super(). */
Object *eval_get_globals(void);
Object *eval_get_builtins(void);
Object *eval_get_locals(void);   /* new reference (a dict snapshot for functions) */
/* super() without arguments: the __class__ cell and first argument of the
 * calling frame.  0 / -1 with RuntimeError as CPython
 * ("super(): no arguments", "super(): __class__ cell not found"). */
int eval_super_args(TypeObject **type, Object **self);
/* Line number of the innermost frame (for warnings). */
int eval_current_line(void);

#endif
