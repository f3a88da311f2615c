/* vm/abstract.h — the generic object protocols (implemented in vm/abstract.c).
 *
 * Everything above the object files talks to values through these: they
 * dispatch on the type's slots, handle reflected operands, NotImplemented,
 * and raise CPython's exact messages, e.g.
 *   TypeError: unsupported operand type(s) for +=: 'float' and 'str'
 *   TypeError: 'int' object is not subscriptable
 *   TypeError: 'NoneType' object is not callable
 * All return new references unless noted.
 */
#ifndef GILPY_ABSTRACT_H
#define GILPY_ABSTRACT_H

#include "vm/object.h"

Object *obj_repr(Object *o);
Object *obj_str(Object *o);
Object *obj_ascii(Object *o);
int64_t obj_hash(Object *o);               /* -1: error (unhashable type: 'list') */
Object *obj_richcompare(Object *a, Object *b, int op);
/* 1/0/-1.  For CMP_EQ/CMP_NE identical objects compare equal without a call
 * (as CPython's PyObject_RichCompareBool). */
int obj_richcompare_bool(Object *a, Object *b, int op);
int obj_is_true(Object *o);                /* 1/0/-1 */
int obj_not(Object *o);

/* Attributes; `name` is a str (interned ones are fastest). */
Object *obj_getattr(Object *o, Object *name);
Object *obj_getattr_cstr(Object *o, const char *name);
/* 1 found (*result new ref), 0 missing (AttributeError swallowed), -1 error. */
int obj_lookup_attr(Object *o, Object *name, Object **result);
int obj_setattr(Object *o, Object *name, Object *value); /* value NULL: delete */
int obj_setattr_cstr(Object *o, const char *name, Object *value);
int obj_hasattr(Object *o, Object *name);  /* 1/0/-1 */
/* The default __getattribute__ / __setattr__ (descriptors, instance dict). */
Object *obj_generic_getattr(Object *o, Object *name);
int obj_generic_setattr(Object *o, Object *name, Object *value);
/* The instance dict slot, or NULL if the type has none (borrowed pointer to field). */
Object **obj_dict_ptr(Object *o);

/* Calls. */
Object *obj_call(Object *callable, Object *const *args, size_t nargs, Object *kwnames);
Object *obj_call_tuple_dict(Object *callable, Object *args, Object *kwargs); /* kwargs may be NULL */
Object *obj_call0(Object *callable);
Object *obj_call1(Object *callable, Object *a);
Object *obj_call2(Object *callable, Object *a, Object *b);
/* o.name(*args) */
Object *obj_call_method(Object *o, const char *name, Object *const *args, size_t nargs);
int obj_callable(Object *o);

/* Containers. */
Object *obj_getitem(Object *o, Object *key);
int obj_setitem(Object *o, Object *key, Object *value);
int obj_delitem(Object *o, Object *key);
intptr_t obj_length(Object *o);            /* -1: error */
int obj_contains(Object *container, Object *item);  /* 1/0/-1 */

/* Iteration: obj_iter_next returns NULL with no exception at the end. */
Object *obj_get_iter(Object *o);
Object *obj_iter_next(Object *it);

/* Arithmetic.  op is enum BinOp, optionally | BINOP_INPLACE. */
Object *obj_binary_op(Object *a, Object *b, int op);
Object *obj_power(Object *a, Object *b, Object *mod); /* mod None for 2-arg */
Object *obj_neg(Object *o);
Object *obj_pos(Object *o);
Object *obj_invert(Object *o);
Object *obj_abs(Object *o);
/* The symbols used in messages: "+", "-", ... and "+=", ... */
const char *binop_symbol(int op);

/* __index__: an exact int (new reference); TypeError otherwise with
 * "'%T' object cannot be interpreted as an integer". */
Object *obj_index(Object *o);
/* __index__ as a C integer; on overflow raises `exc` (IndexError or
 * OverflowError) or, if exc is NULL, clamps.  -1 + error set on failure. */
intptr_t obj_as_ssize(Object *o, TypeObject *exc);
Object *obj_int(Object *o);        /* int(o) */
Object *obj_float(Object *o);      /* float(o) */

/* isinstance/issubclass with tuples and __instancecheck__-free semantics. */
int obj_isinstance(Object *inst, Object *cls);   /* 1/0/-1 */
int obj_issubclass(Object *derived, Object *cls); /* 1/0/-1 */
Object *obj_format(Object *o, Object *spec);      /* format(o, spec); spec NULL = '' */
Object *obj_dir(Object *o);                       /* sorted list */
Object *obj_type_name(Object *o);                 /* type(o).__name__ as str */

#endif
