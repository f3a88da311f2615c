/* vm/compiler_internal.h — shared state of the compiler's files (private).
 *
 *   compiler.c        units, constants, names, emission, entry points
 *   compiler_expr.c   expressions, calls, comprehensions, conditional jumps
 *   compiler_stmt.c   statements, loops, try/with unwinding, defs, imports
 *   assemble.c        control-flow graph clean-up, stack depth, code object
 *
 * Code is emitted into basic blocks (a control-flow graph): a jump names its
 * target block, never an offset.  Blocks are laid out in the order they are
 * "used" (compiler_use_block), which is the source order; the assembler then
 * threads jumps, drops unreachable blocks and resolves absolute indices.
 */
#ifndef GILPY_COMPILER_INTERNAL_H
#define GILPY_COMPILER_INTERNAL_H

#include "vm/ast.h"
#include "vm/compiler.h"
#include "vm/object.h"
#include "vm/opcodes.h"
#include "vm/symtable.h"

typedef struct BasicBlock BasicBlock;

typedef struct Instr {
    uint8_t op;
    int arg;
    BasicBlock *target;   /* jumps, FOR_ITER, SETUP_FINALLY/SETUP_WITH */
    int lineno;
    uint32_t cols;        /* start col | end col << 16, 0 if unknown */
} Instr;

struct BasicBlock {
    BasicBlock *alloc_next;   /* every block of the unit (for freeing) */
    BasicBlock *next;         /* layout order */
    Instr *instrs;
    int n, cap;
    int order;                /* position in the layout */
    int offset;               /* index of the first instruction */
    int startdepth;           /* value stack depth on entry, -1 unknown */
    int startblocks;          /* block stack depth on entry */
    int preds;                /* predecessors (assembler, line propagation) */
    int extra_preds;          /* edges CPython's layout has and ours lacks */
    bool reachable;
};

/* Frame blocks: the statically nested constructs that break/continue/return
 * must unwind (CPython's fblockinfo). */
typedef enum {
    FB_WHILE_LOOP, FB_FOR_LOOP, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END, FB_WITH,
    FB_HANDLER_CLEANUP, FB_POP_VALUE, FB_EXCEPTION_HANDLER
} FBlockType;

typedef struct FBlock {
    FBlockType type;
    BasicBlock *block;    /* loops: where `continue` goes */
    BasicBlock *exit;     /* loops: where `break` goes */
    void *datum;          /* FINALLY_TRY: the finally body (AstSeq *);
                             HANDLER_CLEANUP: the `as` name (Object *) or NULL */
} FBlock;

typedef enum { UNIT_MODULE, UNIT_CLASS, UNIT_FUNCTION, UNIT_LAMBDA, UNIT_COMPREHENSION } UnitType;

typedef struct Unit {
    struct Unit *parent;
    SymEntry *ste;
    UnitType type;
    Object *name;          /* co_name */
    Object *qualname;      /* NULL for modules */
    Object *private_name;  /* enclosing class name for mangling (borrowed), or NULL */
    Object *consts;        /* list */
    int *const_index;      /* open-addressing table of indices into consts, -1 empty */
    int const_cap;
    Object *names;         /* dict: str -> index */
    Object *varnames;      /* dict: str -> index */
    Object *cellvars;      /* dict: str -> index */
    Object *freevars;      /* dict: str -> index (after the cells) */
    int argcount, posonlyargcount, kwonlyargcount;
    BasicBlock *blocks;    /* allocation list */
    BasicBlock *entry, *cur;
    FBlock *fblocks;
    int nfblocks, capfblocks;
    int firstlineno;
    AstPos loc;            /* position given to emitted instructions */
} Unit;

typedef struct Compiler {
    SymTable *st;
    Unit *u;
    Object *filename;
    const char *source;    /* may be NULL */
    int mode;
    bool interactive;
    int nestlevel;         /* 1 while compiling the module body */
    bool future_annotations;  /* from __future__ import annotations */
    int future_lineno;     /* line of the last leading __future__ import */
    int *line_start;       /* per source line (1-based): byte offset */
    int *line_len;         /* per source line (1-based): length without trailing
                              blanks, for the end column of multi-line nodes */
    int nlines;
    Object *frozensets;    /* list of the frozenset constants made so far, or NULL */
    int optimize;          /* -O level: 1 drops asserts (__debug__ False), 2 docstrings */
} Compiler;

/* ---- compiler.c ---- */
BasicBlock *compiler_new_block(Compiler *c);
void compiler_use_block(Compiler *c, BasicBlock *b);   /* b follows the current block */
int compiler_emit(Compiler *c, int op, int arg);
int compiler_emit_jump(Compiler *c, int op, BasicBlock *target);
int compiler_add_const(Compiler *c, Object *o);         /* index or -1; borrows o */
int compiler_emit_const(Compiler *c, Object *o);        /* LOAD_CONST; borrows o */
/* The frozenset constant of the constant elements `items` (a tuple), shared
 * with earlier equal ones of the compilation.  New reference. */
Object *compiler_const_frozenset(Compiler *c, Object *items);
int compiler_add_name(Compiler *c, Object *name);       /* names index (no mangling) */
int compiler_emit_name(Compiler *c, int op, Object *name); /* mangles */
int compiler_nameop(Compiler *c, Object *name, ExprContext ctx);
int compiler_error(Compiler *c, AstPos pos, const char *fmt, ...);
int compiler_enter_scope(Compiler *c, Object *name, UnitType type, const void *key, int lineno);
/* Assemble the current unit into a code object and leave its scope.  New ref. */
Object *compiler_exit_scope(Compiler *c);
/* [defaults...] on the stack per flags; emits closure, code, qualname, MAKE_FUNCTION. */
int compiler_make_closure(Compiler *c, Object *code, int flags, Object *qualname);
Object *compiler_docstring(AstSeq *body);               /* borrowed str or NULL */
/* An annotation under `from __future__ import annotations`: its source text
 * as a str constant.  New reference, or NULL (no error) if unknown. */
Object *compiler_annotation_text(Compiler *c, AstExpr *e);

/* ---- compiler_expr.c ---- */
int compiler_visit_expr(Compiler *c, AstExpr *e);
int compiler_visit_exprs(Compiler *c, AstSeq *s);
/* Evaluate e and jump to `target` if its truth equals cond (else fall through). */
int compiler_jump_if(Compiler *c, AstExpr *e, BasicBlock *target, bool cond);
int compiler_call_helper(Compiler *c, int nprefix, AstSeq *args, AstSeq *keywords);
int compiler_visit_target(Compiler *c, AstExpr *e);    /* store TOS into target e */
int compiler_lambda(Compiler *c, AstExpr *e);
/* Emit defaults/kwdefaults/annotations of a def/lambda; returns MAKEFN_* flags or -1. */
int compiler_function_prologue(Compiler *c, AstArguments *a, AstExpr *returns, bool annotations);
int compiler_set_arg_counts(Compiler *c, AstArguments *a);
/* If e is a constant expression (after folding), a new reference; else NULL
 * (no error). */
Object *compiler_const_value(Compiler *c, AstExpr *e);
/* Is e a tuple/list display that folds to a constant tuple? New ref or NULL. */
Object *compiler_const_sequence(Compiler *c, AstSeq *elts);
/* An iterable operand (for, comprehension, `in`): constant displays folded. */
int compiler_visit_iterable(Compiler *c, AstExpr *e);
/* Move the location to an attribute's name if that is on a later line. */
void compiler_match_attr_loc(Compiler *c, AstExpr *attr);
int compiler_check_keywords(Compiler *c, AstSeq *keywords);

/* ---- compiler_stmt.c ---- */
int compiler_visit_stmt(Compiler *c, AstStmt *s);
int compiler_visit_stmts(Compiler *c, AstSeq *s);
int compiler_body(Compiler *c, AstSeq *body, bool is_module);

/* ---- assemble.c ---- */
Object *compiler_assemble(Compiler *c);
int opcode_stack_effect(int op, int arg, int jump);
void unit_free_blocks(Unit *u);

static inline bool op_is_jump(int op) {
    switch (op) {
    case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD: case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE: case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP:
    case OP_JUMP_IF_NOT_EXC_MATCH: case OP_FOR_ITER: case OP_SETUP_FINALLY: case OP_SETUP_WITH:
        return true;
    default:
        return false;
    }
}
static inline bool op_is_uncond_jump(int op) {
    return op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD;
}
/* Instructions after which control never falls through. */
static inline bool op_is_terminator(int op) {
    return op_is_uncond_jump(op) || op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS ||
           op == OP_RERAISE;
}

/* Emit helpers returning -1 from the enclosing function on failure. */
#define EMIT(c, op, arg) do { if (compiler_emit((c), (op), (arg)) < 0) return -1; } while (0)
#define EMIT_JUMP(c, op, b) do { if (compiler_emit_jump((c), (op), (b)) < 0) return -1; } while (0)
/* "No location" (CPython's UNSET_LOC): the assembler gives such an
 * instruction the line of the one before it when that is unambiguous, as
 * CPython does, else it keeps no line (tracebacks then say "line -1"). */
#define NO_LINE (-1)
#define UNSET_LOC(c) ((c)->u->loc = (AstPos){NO_LINE, -1, NO_LINE, -1})
#define EMIT_JUMP_NOLINE(c, op, b) do { UNSET_LOC(c); EMIT_JUMP(c, op, b); } while (0)
#define EMIT_CONST(c, o) do { if (compiler_emit_const((c), (o)) < 0) return -1; } while (0)
#define EMIT_NAME(c, op, n) do { if (compiler_emit_name((c), (op), (n)) < 0) return -1; } while (0)
#define VISIT(c, e) do { if (compiler_visit_expr((c), (e)) < 0) return -1; } while (0)
#define NEW_BLOCK(c, b) do { if (!((b) = compiler_new_block(c))) return -1; } while (0)
#define JUMP OP_JUMP_FORWARD   /* the assembler picks the direction */

#endif
