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
 * calling frame (both borrowed).  0 / -1 with RuntimeError as CPython
 * ("super(): no arguments", "super(): __class__ cell not found"). */
int eval_super_args(TypeObject **type, Object **self);
/* Line number of the innermost frame (for warnings). */
int eval_current_line(void);

/* ---- additions by the eval engineer ------------------------------------- */
struct Frame;
struct CodeObject;
/* Run a frame (vm/frame.h) until it returns, raises or yields (then
 * f->state == FRAME_SUSPENDED).  `sent` (borrowed, may be NULL) is pushed
 * first when resuming a generator; with throwflag set, the current
 * exception is raised at the resume point instead (generator.throw).
 * If entering fails (recursion limit) the frame is left untouched.
 * New reference, or NULL with the error set. */
Object *eval_frame(struct Frame *f, Object *sent, int throwflag);
/* Run a class body / exec code as a function with `locals` as namespace. */
Object *eval_function_with_locals(Object *func, Object *locals);
/* The innermost running frame (borrowed, NULL if none), e.g. for
 * sys._getframe; frame_escape() it before keeping a reference. */
struct Frame *eval_current_frame(void);
/* builtins.__build_class__(func, name, *bases, metaclass=None, **kw) */
Object *builtin___build_class__(Object *self, Object *const *args, size_t nargs,
                                Object *kwnames);
/* type_ready() on function, cell, method, code, frame, generator, traceback. */
void eval_init_types(void);
/* Free the inline caches eval attached to a code object (code dealloc). */
void eval_code_cache_free(struct CodeObject *co);
/* function_call with positional arguments whose references it takes over
 * (moved into the frame; dropped on every path).  Used by eval's calls. */
Object *function_call_owned(Object *func, Object **args, size_t nargs);
/* Call any object with the fast paths eval uses (Python functions and
 * bound methods without argument tuples). */
Object *eval_call(Object *callable, Object *const *args, size_t nargs, Object *kwnames);

#endif
