/* vm/objects/code.h — code objects: what the compiler produces and eval runs.
 *
 * Instructions are 32-bit words: opcode in the low 8 bits, argument in the
 * high 24 bits (no EXTENDED_ARG).  Jump arguments are absolute instruction
 * indices.  lines[i] is the source line of instruction i; cols[i] packs the
 * start column (low 16 bits) and end column (high 16 bits) of the expression
 * that instruction belongs to (0 if unknown) for traceback carets.
 *
 * Fast locals layout in a frame: [varnames... | cellvars... | freevars...];
 * LOAD_DEREF i indexes cellvars+freevars (i < ncellvars: a cell of this code).
 */
#ifndef GILPY_CODE_H
#define GILPY_CODE_H

#include "vm/object.h"

#define INSTR_OP(w) ((w) & 0xffu)
#define INSTR_ARG(w) ((w) >> 8)
#define MAKE_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define INSTR_ARG_MAX 0xffffffu

/* co_flags, as CPython */
enum {
    CO_OPTIMIZED = 0x1,   /* locals in fast slots (functions) */
    CO_NEWLOCALS = 0x2,
    CO_VARARGS = 0x4,
    CO_VARKEYWORDS = 0x8,
    CO_NESTED = 0x10,
    CO_GENERATOR = 0x20,
    CO_NOFREE = 0x40,
};

typedef struct CodeObject {
    Object ob_base;
    uint32_t *code;
    int ncode;
    int *lines;          /* ncode entries */
    uint32_t *cols;      /* ncode entries, may be NULL */
    Object *consts;      /* tuple */
    Object *names;       /* tuple of str: globals, attributes, imports */
    Object *varnames;    /* tuple of str: parameters first, then other locals */
    Object *cellvars;    /* tuple of str */
    Object *freevars;    /* tuple of str */
    int *cell2arg;       /* per cellvar: index of the parameter it shadows, or -1; NULL if none */
    int argcount;        /* positional parameters (incl. positional-only) */
    int posonlyargcount;
    int kwonlyargcount;
    int nlocals;         /* len(varnames) */
    int ncells, nfrees;
    int stacksize;       /* max value-stack depth */
    int maxblocks;       /* max block-stack depth */
    int flags;
    int firstlineno;
    Object *name;        /* str */
    Object *qualname;    /* str */
    Object *filename;    /* str */
    void *cache;         /* eval's per-instruction inline caches (owned by eval) */
} CodeObject;

extern TypeObject Code_Type;

/* Takes ownership of code/lines/cols (malloc'ed), increfs the objects.
 * Computes nlocals, ncells, nfrees and cell2arg.  New reference. */
Object *code_new(uint32_t *code, int ncode, int *lines, uint32_t *cols, Object *consts,
                 Object *names, Object *varnames, Object *cellvars, Object *freevars,
                 int argcount, int posonlyargcount, int kwonlyargcount, int stacksize,
                 int maxblocks, int flags, int firstlineno, Object *name, Object *qualname,
                 Object *filename);
/* The line of instruction index i (for tracebacks). */
int code_line_of(CodeObject *co, int i);

#endif
