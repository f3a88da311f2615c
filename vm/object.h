/* vm/object.h — the value model every layer shares.
 *
 * Every value is an `Object *`.  Two kinds exist:
 *   - heap objects: a header (reference count + type pointer) followed by the
 *     type's fields;
 *   - small ints: immediate values tagged in the pointer's low bit
 *     (value << 1 | 1).  They carry no header, are never allocated, and
 *     INCREF/DECREF skip them.  OBJ_TYPE(o) reports &Int_Type for them.
 *
 * INVARIANT: an exact `int` whose value fits in SMALLINT_MIN..SMALLINT_MAX is
 * ALWAYS stored tagged (int constructors normalise), so code may test
 * IS_SMALLINT() for the fast path and fall back to the GMP path otherwise.
 * Never write `o->type` on a value that may be an int: use OBJ_TYPE(o).
 *
 * Reference counts are plain integers: only the thread holding the GIL
 * touches them (gil/gil.h).  Function comments say "new reference" or
 * "borrowed"; functions returning Object * return NULL with the current
 * exception set on failure (vm/error.h); int-returning ones return -1.
 */
#ifndef GILPY_OBJECT_H
#define GILPY_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vm/config.h"

typedef struct TypeObject TypeObject;

typedef struct Object {
    intptr_t refcnt;
    TypeObject *type;
} Object;

/* ---- tagged small ints -------------------------------------------------- */
#define IS_SMALLINT(o) (((uintptr_t)(o)) & 1u)
#define SMALLINT_VALUE(o) (((intptr_t)(o)) >> 1)
#define SMALLINT_MAX (INTPTR_MAX >> 1)
#define SMALLINT_MIN (INTPTR_MIN >> 1)
#define SMALLINT_FITS(v) ((v) >= SMALLINT_MIN && (v) <= SMALLINT_MAX)
#define MAKE_SMALLINT(v) ((Object *)((((uintptr_t)(intptr_t)(v)) << 1) | 1u))

extern TypeObject Int_Type;

static inline TypeObject *OBJ_TYPE(const Object *o) {
    return IS_SMALLINT(o) ? &Int_Type : o->type;
}

/* ---- reference counting -------------------------------------------------- */
void obj_dealloc(Object *o); /* called when a count reaches zero */

static inline void INCREF(Object *o) {
    if (!IS_SMALLINT(o)) o->refcnt++;
}
static inline void DECREF(Object *o) {
    if (!IS_SMALLINT(o) && --o->refcnt == 0) obj_dealloc(o);
}
static inline void XINCREF(Object *o) {
    if (o) INCREF(o);
}
static inline void XDECREF(Object *o) {
    if (o) DECREF(o);
}
/* Returns its argument with one more reference: `return NEWREF(x);` */
static inline Object *NEWREF(Object *o) {
    INCREF(o);
    return o;
}
static inline Object *XNEWREF(Object *o) {
    XINCREF(o);
    return o;
}
/* Drop the reference held in a variable and NULL it (safe against re-entry). */
#define CLEAR(var)                   \
    do {                             \
        Object *_tmp = (Object *)(var); \
        if (_tmp) {                  \
            (var) = NULL;            \
            DECREF(_tmp);            \
        }                            \
    } while (0)
/* Replace the reference in a variable (steals `val`). */
#define SETREF(var, val)             \
    do {                             \
        Object *_old = (Object *)(var); \
        (var) = (val);               \
        XDECREF(_old);               \
    } while (0)

/* ---- slot signatures ----------------------------------------------------- */
typedef Object *(*unaryfunc)(Object *);
typedef Object *(*binaryfunc)(Object *, Object *);
typedef Object *(*ternaryfunc)(Object *, Object *, Object *);
typedef int (*inquiry)(Object *);
typedef intptr_t (*lenfunc)(Object *);
typedef int64_t (*hashfunc)(Object *); /* -1 means error */
typedef Object *(*getattrofunc)(Object *self, Object *name);
/* value == NULL means delete */
typedef int (*setattrofunc)(Object *self, Object *name, Object *value);
typedef Object *(*richcmpfunc)(Object *a, Object *b, int op);
typedef Object *(*descrgetfunc)(Object *descr, Object *obj, Object *type);
typedef int (*descrsetfunc)(Object *descr, Object *obj, Object *value);
/* key/value container store; value == NULL means delete */
typedef int (*objobjargproc)(Object *self, Object *key, Object *value);
typedef int (*objobjproc)(Object *self, Object *item); /* 1, 0, -1 */
typedef void (*destructor)(Object *);
typedef int (*visitproc)(Object *, void *arg);
typedef int (*traverseproc)(Object *self, visitproc visit, void *arg);

/* THE calling convention (like CPython's vectorcall): positional arguments
 * args[0..nargs-1]; if kwnames (a tuple of str) is not NULL, its values follow
 * in args[nargs .. nargs+len(kwnames)-1].  Arguments are borrowed. */
typedef Object *(*callfunc)(Object *callable, Object *const *args, size_t nargs,
                            Object *kwnames);
/* Built-in functions and methods: self is the module (functions), the
 * instance (methods), the type (METH_CLASS) or NULL (METH_STATIC). */
typedef Object *(*cfunc)(Object *self, Object *const *args, size_t nargs, Object *kwnames);
typedef Object *(*newfunc)(TypeObject *type, Object *const *args, size_t nargs,
                           Object *kwnames);
typedef int (*initfunc)(Object *self, Object *const *args, size_t nargs, Object *kwnames);
typedef Object *(*getter)(Object *self, void *closure);
typedef int (*setter)(Object *self, Object *value, void *closure); /* value NULL = delete */

/* Method tables of built-in types and modules. */
enum {
    METH_KW = 1,     /* accepts keyword arguments; without it the caller rejects
                        them with "X() takes no keyword arguments" */
    METH_CLASS = 2,  /* classmethod: self is the type */
    METH_STATIC = 4, /* staticmethod: self is NULL */
};
typedef struct MethodDef {
    const char *name;
    cfunc meth;
    int flags;
    const char *doc;
} MethodDef;

typedef struct GetSetDef {
    const char *name;
    getter get;
    setter set; /* NULL: read-only ("attribute 'x' of 'T' objects is not writable") */
    const char *doc;
    void *closure;
} GetSetDef;

/* Type flags. The *_SUBCLASS bits give O(1) isinstance checks for the core
 * types (set on the type and inherited by every subclass). */
enum {
    TPFLAG_HEAPTYPE = 1u << 0,  /* created by a class statement; refcounted */
    TPFLAG_BASETYPE = 1u << 1,  /* may be subclassed */
    TPFLAG_GC = 1u << 2,        /* instances carry a GC header and traverse */
    TPFLAG_READY = 1u << 3,     /* type_ready() has run */
    TPFLAG_INT_SUBCLASS = 1u << 8,
    TPFLAG_LIST_SUBCLASS = 1u << 9,
    TPFLAG_TUPLE_SUBCLASS = 1u << 10,
    TPFLAG_BYTES_SUBCLASS = 1u << 11,
    TPFLAG_STR_SUBCLASS = 1u << 12,
    TPFLAG_DICT_SUBCLASS = 1u << 13,
    TPFLAG_BASE_EXC_SUBCLASS = 1u << 14,
    TPFLAG_TYPE_SUBCLASS = 1u << 15,
    TPFLAG_FLOAT_SUBCLASS = 1u << 16,
    TPFLAG_SET_SUBCLASS = 1u << 17,
};

/* Binary operators (BINARY_OP's argument and obj_binary_op's `op`).  An
 * in-place variant is op | BINOP_INPLACE. */
enum BinOp {
    BINOP_ADD, BINOP_SUB, BINOP_MUL, BINOP_TRUEDIV, BINOP_FLOORDIV, BINOP_MOD,
    BINOP_POW, BINOP_LSHIFT, BINOP_RSHIFT, BINOP_AND, BINOP_OR, BINOP_XOR,
    BINOP_MATMUL, BINOP_COUNT,
    BINOP_INPLACE = 16,
};
/* Rich comparison operators (COMPARE_OP's argument). */
enum CmpOp { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };

struct TypeObject {
    Object ob_base;
    const char *name;   /* "int", "collections.OrderedDict" (qualified for C types
                           living in modules: the part after the last dot is
                           __name__, the rest __module__) */
    size_t basicsize;   /* instance size in bytes (without GC header) */
    size_t itemsize;    /* per-item size for variable-size objects, else 0 */
    unsigned long flags;
    const char *doc;

    destructor dealloc;     /* free fields, then obj_free(self) */
    traverseproc traverse;  /* GC: visit every owned reference */
    inquiry clear;          /* GC: drop owned references to break cycles */
    destructor finalize;    /* runs __del__ (heap types) before dealloc */

    unaryfunc repr;
    unaryfunc str;
    hashfunc hash;
    richcmpfunc richcompare; /* returns NotImplemented if it cannot compare */
    getattrofunc getattro;   /* NULL: obj_generic_getattr */
    setattrofunc setattro;   /* NULL: obj_generic_setattr */
    descrgetfunc descr_get;
    descrsetfunc descr_set;
    callfunc call;
    unaryfunc iter;
    unaryfunc iternext; /* NULL without exception = exhausted */

    /* numbers: binary slots receive operands in source order; either may be
     * of another type; return NotImplemented when they don't apply */
    binaryfunc nb_add, nb_sub, nb_mul, nb_truediv, nb_floordiv, nb_mod, nb_divmod,
        nb_lshift, nb_rshift, nb_and, nb_or, nb_xor, nb_matmul;
    ternaryfunc nb_pow;
    binaryfunc nb_inplace_add, nb_inplace_sub, nb_inplace_mul, nb_inplace_truediv,
        nb_inplace_floordiv, nb_inplace_mod, nb_inplace_lshift, nb_inplace_rshift,
        nb_inplace_and, nb_inplace_or, nb_inplace_xor, nb_inplace_matmul;
    ternaryfunc nb_inplace_pow;
    unaryfunc nb_neg, nb_pos, nb_abs, nb_invert;
    unaryfunc nb_int, nb_float, nb_index;
    inquiry nb_bool;

    /* containers */
    lenfunc len;
    binaryfunc getitem;     /* o[key] */
    objobjargproc setitem;  /* o[key] = v; value NULL: del o[key] */
    objobjproc contains;    /* item in o */

    /* construction */
    newfunc tp_new;
    initfunc tp_init;

    MethodDef *methods;
    GetSetDef *getset;
    TypeObject *base;  /* the primary base (object for most) */
    Object *bases;     /* tuple of types; filled by type_ready */
    Object *mro;       /* tuple of types; filled by type_ready */
    Object *dict;      /* dict of attributes; filled by type_ready */
    intptr_t dictoffset;     /* offset of an `Object *dict` field in instances, 0: none */
    intptr_t weaklistoffset; /* offset of an `Object *weaklist` field, 0: none */
    unsigned int version;    /* bumped when the type or a base changes (caches) */
};

/* A static built-in type is declared with TYPE_HEAD(&Type_Type, "name"). */
#define STATIC_OBJECT_HEAD(typeptr) {.refcnt = 1 << 30, .type = (typeptr)}

extern TypeObject Type_Type, Object_Type, NoneType_Type, NotImplemented_Type,
    Ellipsis_Type, Bool_Type;

/* Singletons (immortal: counts start huge and never reach zero). */
extern Object NoneStruct, NotImplementedStruct, EllipsisStruct;
#define None (&NoneStruct)
#define NotImplemented (&NotImplementedStruct)
#define Ellipsis (&EllipsisStruct)
static inline Object *none_new(void) { return NEWREF(None); }

/* ---- allocation (gc/alloc.c) ----------------------------------------------
 * obj_alloc returns a new reference with refcnt 1 and type set (a heap type
 * gets INCREF'd), fields zeroed.  Types with TPFLAG_GC get a hidden GC header
 * in front; they are tracked once fully initialised (gc_track).  A type's
 * dealloc calls gc_untrack (if GC), releases its fields and then obj_free. */
Object *obj_alloc(TypeObject *type);
Object *obj_alloc_var(TypeObject *type, size_t nitems); /* basicsize + n*itemsize */
void obj_free(Object *o);  /* releases memory and, for heap types, the type ref */
void gc_track(Object *o);
void gc_untrack(Object *o);
bool gc_is_tracked(Object *o);
/* Raw memory that belongs to objects (lists' item arrays etc.). */
void *mem_alloc(size_t n);           /* NULL + MemoryError set on failure */
void *mem_realloc(void *p, size_t n); /* NULL + MemoryError set on failure */
void mem_free(void *p);

#endif
