/* vm/eval_helpers.h — eval's private slow paths (vm/eval_helpers.c).
 *
 * The dispatch loop in vm/eval.c keeps each opcode short; anything long or
 * rare lives here.  Conventions as everywhere: NULL / -1 means an exception
 * is set.  Stack arguments are borrowed unless stated.
 */
#ifndef GILPY_EVAL_HELPERS_H
#define GILPY_EVAL_HELPERS_H

#include "vm/frame.h"
#include "vm/object.h"

/* RAISE_VARARGS with exc (and cause, may be NULL); steals both.  Always
 * leaves an exception set. */
void eval_do_raise(Object *exc, Object *cause);
/* UNPACK_SEQUENCE / UNPACK_EX: writes the items below `top` (top[-1] is the
 * first item), new references.  after < 0 means no starred target. */
int eval_unpack(Object *seq, int before, int after, Object **top);
/* JUMP_IF_NOT_EXC_MATCH: 1 match, 0 no, -1 error (bad class). */
int eval_exc_match(Object *exc, Object *cls);
/* SETUP_WITH: *exit_out = bound __exit__ (new), returns __enter__() (new). */
Object *eval_setup_with(Object *mgr, Object **exit_out);
Object *eval_with_exit(Object *exit, Object *exc);
/* CALL_FUNCTION_EX */
Object *eval_call_ex(Object *func, Object *args, Object *kwargs);
/* LIST_EXTEND / SET_UPDATE / DICT_UPDATE / DICT_MERGE */
int eval_list_extend(Object *list, Object *iterable);
int eval_set_update(Object *set, Object *iterable);
int eval_dict_update(Object *dict, Object *other);
int eval_dict_merge(Object *func, Object *dict, Object *other);
/* FORMAT_VALUE (spec may be NULL); new reference. */
Object *eval_format_value(Object *v, int conv, Object *spec);
Object *eval_build_string(Object **items, int n);
Object *eval_build_map(Object **items, int n);
Object *eval_build_const_key_map(Object **values, Object *keys, int n);
/* Names */
Object *eval_load_name(Frame *f, Object *name);          /* new ref */
Object *eval_load_global_slow(Frame *f, Object *name);   /* new ref */
int eval_store_name(Frame *f, Object *name, Object *v);
int eval_delete_name(Frame *f, Object *name);
int eval_delete_global(Frame *f, Object *name);
Object *eval_load_classderef(Frame *f, int i);
void eval_unbound_deref(Frame *f, int i);
void eval_name_error(Object *name);
/* Imports */
Object *eval_import_name(Frame *f, Object *name, Object *fromlist, Object *level);
Object *eval_import_from(Object *module, Object *name);
int eval_import_star(Frame *f, Object *module);
/* Interactive echo */
int eval_print_expr(Object *v);
int eval_setup_annotations(Frame *f);
/* MAKE_FUNCTION: consumes the stack items (steals). */
Object *eval_make_function(Frame *f, int flags, Object **items, Object *code, Object *qualname);
/* The display name of a callable for messages: "f()", "__main__.f()". */
Object *eval_func_str(Object *func);

#endif
