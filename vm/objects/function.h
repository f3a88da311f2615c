/* vm/objects/function.h — Python functions, cells, bound methods. */
#ifndef GILPY_FUNCTION_H
#define GILPY_FUNCTION_H

#include "vm/object.h"

typedef struct FunctionObject {
    Object ob_base;
    Object *code;        /* CodeObject */
    Object *globals;     /* dict */
    Object *builtins;    /* dict */
    Object *name, *qualname;
    Object *defaults;    /* tuple or NULL */
    Object *kwdefaults;  /* dict or NULL */
    Object *closure;     /* tuple of cells or NULL */
    Object *doc;
    Object *dict;        /* __dict__ or NULL */
    Object *module;      /* __module__ */
    Object *annotations; /* dict or NULL */
} FunctionObject;

typedef struct CellObject {
    Object ob_base;
    Object *ref;         /* NULL when empty */
} CellObject;

typedef struct MethodObject {   /* a function bound to an instance */
    Object ob_base;
    Object *func;
    Object *self;
} MethodObject;

extern TypeObject Function_Type, Cell_Type, Method_Type;
static inline bool function_check(Object *o) { return !IS_SMALLINT(o) && o->type == &Function_Type; }
static inline bool method_check(Object *o) { return !IS_SMALLINT(o) && o->type == &Method_Type; }

Object *function_new(Object *code, Object *globals, Object *qualname);  /* new ref */
Object *cell_new(Object *value);      /* value may be NULL */
Object *method_new(Object *func, Object *self);

/* ---- additions by the eval engineer ------------------------------------- */
/* function_new with the builtins dict given (MAKE_FUNCTION). New reference. */
Object *function_new_full(Object *code, Object *globals, Object *builtins, Object *qualname);
static inline bool cell_check(Object *o) { return !IS_SMALLINT(o) && o->type == &Cell_Type; }

#endif
