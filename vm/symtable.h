/* vm/symtable.h — scope analysis: which names are local, global, free or cell.
 *
 * Built in two passes over the AST before code generation (as CPython):
 *   1. a walk records, per block (module, class, function, lambda,
 *      comprehension), every name with the ways it is used (SYM_* flags);
 *   2. analysis resolves each name to a scope (SC_*) given the enclosing
 *      blocks: a name bound in an enclosing function and used here is FREE
 *      here and CELL there; class bodies do not make their names visible to
 *      the functions nested in them.
 * Blocks are found again by the compiler through the AST node that opened
 * them (symtable_lookup).  Errors are SyntaxErrors with CPython's messages
 * and positions.
 */
#ifndef GILPY_SYMTABLE_H
#define GILPY_SYMTABLE_H

#include "vm/ast.h"
#include "vm/object.h"

typedef enum { BLOCK_MODULE, BLOCK_CLASS, BLOCK_FUNCTION } BlockType;

/* What a function block is (for names and messages). */
typedef enum {
    FUNC_DEF, FUNC_LAMBDA, FUNC_LISTCOMP, FUNC_SETCOMP, FUNC_DICTCOMP, FUNC_GENEXP
} FuncKind;

/* Use flags, recorded in pass 1. */
enum {
    SYM_GLOBAL = 1 << 0,     /* `global` statement */
    SYM_LOCAL = 1 << 1,      /* assigned in the block */
    SYM_PARAM = 1 << 2,      /* a parameter */
    SYM_NONLOCAL = 1 << 3,   /* `nonlocal` statement */
    SYM_USE = 1 << 4,        /* read */
    SYM_FREE_CLASS = 1 << 5, /* free in a method and also bound in the class */
    SYM_IMPORT = 1 << 6,     /* bound by import */
    SYM_ANNOT = 1 << 7,      /* annotated name */
    SYM_COMP_ITER = 1 << 8,  /* a comprehension's iteration variable */
};
#define SYM_BOUND (SYM_LOCAL | SYM_PARAM | SYM_IMPORT)

/* Scopes, resolved in pass 2 (stored above SCOPE_SHIFT in the flags). */
enum { SC_NONE, SC_LOCAL, SC_GLOBAL_EXPLICIT, SC_GLOBAL_IMPLICIT, SC_FREE, SC_CELL };
#define SCOPE_SHIFT 12

typedef struct SymDirective {   /* where a global/nonlocal (or walrus) was */
    Object *name;                /* borrowed from the AST */
    AstPos pos;
} SymDirective;

typedef struct SymEntry {
    BlockType type;
    FuncKind kind;
    Object *name;            /* "top", class/function name, "lambda", "listcomp" ... */
    Object *symbols;         /* dict: mangled name -> int (flags | scope << SCOPE_SHIFT) */
    Object *params;          /* list of parameter names in co_varnames order */
    struct SymEntry **children;
    int nchildren, capchildren;
    const void *key;         /* the AST node that opened the block */
    AstPos pos;
    bool nested;             /* inside a function (CO_NESTED) */
    bool generator;          /* contains yield */
    bool varargs, varkeywords;
    bool has_free, child_free;
    bool needs_class_closure; /* class body must create the __class__ cell */
    bool comprehension;
    bool comp_iter_target;   /* visiting a comprehension target (pass 1 state) */
    int comp_iter_expr;      /* visiting a comprehension iterable (pass 1 state) */
    SymDirective *directives;
    int ndirectives, capdirectives;
    struct SymEntry *all_next;
} SymEntry;

typedef struct SymTable {
    SymEntry *top;
    SymEntry *cur;
    SymEntry **stack;         /* enclosing blocks during pass 1 */
    int depth, capstack;
    Object *private_name;     /* class name for mangling during pass 1 (borrowed) */
    SymEntry **map;           /* open addressing on key */
    int mapcap, mapcount;
    SymEntry *all;
    Object *filename;         /* borrowed */
    const char *source;       /* may be NULL */
} SymTable;

/* Build and analyse the table of a module.  NULL with SyntaxError set. */
SymTable *symtable_build(AstModule *mod, Object *filename, const char *source);
void symtable_free(SymTable *st);
/* The block opened by an AST node (function/class stmt, lambda or
 * comprehension expr, or the module).  Borrowed; NULL if unknown. */
SymEntry *symtable_lookup(SymTable *st, const void *key);
/* Flags (SYM_* | scope << SCOPE_SHIFT) of a (mangled) name, 0 if absent. */
int symentry_flags(SymEntry *e, Object *name);
static inline int symentry_scope(SymEntry *e, Object *name) {
    return symentry_flags(e, name) >> SCOPE_SHIFT;
}

/* `__x` inside class C becomes `_C__x` (new reference). */
Object *symtable_mangle(Object *private_name, Object *name);

/* Raise SyntaxError(msg, (filename, lineno, offset, text, end_lineno,
 * end_offset)) at pos; the text is read from `source` when given.  Returns
 * NULL.  Shared by the symbol table and the compiler. */
Object *compile_syntax_error(Object *filename, const char *source, AstPos pos,
                             const char *fmt, ...);

#endif
