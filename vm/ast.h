/* vm/ast.h — the abstract syntax tree (parser's output, compiler's input).
 *
 * Node kinds and fields follow CPython 3.11's Python.asdl (without async,
 * match, type comments).  Nodes live in an arena freed in one go; the only
 * owned Objects are Constant values and identifier strs, which the arena
 * DECREFs when it is freed.  Every expr/stmt carries its source position
 * (1-based lines, 0-based UTF-8 byte columns as CPython's col_offset).
 */
#ifndef GILPY_AST_H
#define GILPY_AST_H

#include "vm/object.h"

typedef struct Arena Arena;
Arena *arena_new(void);
void arena_free(Arena *a);
void *arena_alloc(Arena *a, size_t n);          /* zeroed; NULL + MemoryError */
int arena_own(Arena *a, Object *o);             /* DECREF o when the arena dies; steals */

typedef struct AstExpr AstExpr;
typedef struct AstStmt AstStmt;

/* A growable array of pointers in the arena. */
typedef struct AstSeq {
    int n;
    void **items;
} AstSeq;
#define SEQ_LEN(s) ((s) ? (s)->n : 0)
#define SEQ_GET(s, i) ((s)->items[i])

typedef struct AstPos {
    int lineno, col_offset, end_lineno, end_col_offset;
} AstPos;

typedef enum { CTX_LOAD, CTX_STORE, CTX_DEL } ExprContext;
typedef enum { BOOL_AND, BOOL_OR } BoolOpKind;
/* Binary operators use enum BinOp from object.h (BINOP_ADD ...). */
typedef enum { UNARY_INVERT, UNARY_NOT, UNARY_UADD, UNARY_USUB } UnaryOpKind;
/* Comparison operators: enum CmpOp (CMP_LT...) plus these */
typedef enum { CMPX_IS = 6, CMPX_IS_NOT, CMPX_IN, CMPX_NOT_IN } CmpOpExtra;

typedef struct AstArg {            /* a parameter */
    Object *arg;                   /* str */
    AstExpr *annotation;           /* may be NULL */
    AstPos pos;
} AstArg;

typedef struct AstArguments {
    AstSeq *posonlyargs;           /* AstArg* */
    AstSeq *args;                  /* AstArg* */
    AstArg *vararg;                /* may be NULL */
    AstSeq *kwonlyargs;            /* AstArg* */
    AstSeq *kw_defaults;           /* AstExpr*, NULL entries for no default; len == kwonlyargs */
    AstArg *kwarg;                 /* may be NULL */
    AstSeq *defaults;              /* AstExpr*: defaults of the LAST positional params */
} AstArguments;

typedef struct AstKeyword {        /* name=value in a call; arg NULL for **value */
    Object *arg;
    AstExpr *value;
    AstPos pos;
} AstKeyword;

typedef struct AstAlias {          /* import name as asname */
    Object *name;                  /* dotted, e.g. "concurrent.futures"; "*" for star */
    Object *asname;                /* may be NULL */
    AstPos pos;
} AstAlias;

typedef struct AstWithItem {
    AstExpr *context_expr;
    AstExpr *optional_vars;        /* may be NULL */
} AstWithItem;

typedef struct AstComprehension {
    AstExpr *target, *iter;
    AstSeq *ifs;                   /* AstExpr* */
    int is_async;                  /* always 0 */
} AstComprehension;

typedef struct AstExceptHandler {
    AstExpr *type;                 /* may be NULL */
    Object *name;                  /* may be NULL */
    AstSeq *body;                  /* AstStmt* */
    AstPos pos;
} AstExceptHandler;

typedef enum {
    EXPR_BOOLOP, EXPR_NAMEDEXPR, EXPR_BINOP, EXPR_UNARYOP, EXPR_LAMBDA, EXPR_IFEXP,
    EXPR_DICT, EXPR_SET, EXPR_LISTCOMP, EXPR_SETCOMP, EXPR_DICTCOMP, EXPR_GENEXP,
    EXPR_YIELD, EXPR_YIELDFROM, EXPR_COMPARE, EXPR_CALL, EXPR_FORMATTEDVALUE,
    EXPR_JOINEDSTR, EXPR_CONSTANT, EXPR_ATTRIBUTE, EXPR_SUBSCRIPT, EXPR_STARRED,
    EXPR_NAME, EXPR_LIST, EXPR_TUPLE, EXPR_SLICE, EXPR_AWAIT
} ExprKind;

struct AstExpr {
    ExprKind kind;
    AstPos pos;
    union {
        struct { BoolOpKind op; AstSeq *values; } boolop;
        struct { AstExpr *target, *value; } namedexpr;
        struct { AstExpr *left; int op; AstExpr *right; } binop;      /* op: enum BinOp */
        struct { UnaryOpKind op; AstExpr *operand; } unaryop;
        struct { AstArguments *args; AstExpr *body; } lambda;
        struct { AstExpr *test, *body, *orelse; } ifexp;
        struct { AstSeq *keys, *values; } dict;     /* a NULL key means **value */
        struct { AstSeq *elts; } set;
        struct { AstExpr *elt; AstSeq *generators; } listcomp;  /* also setcomp, genexp */
        struct { AstExpr *key, *value; AstSeq *generators; } dictcomp;
        struct { AstExpr *value; } yield;           /* value may be NULL; also yieldfrom, await */
        struct { AstExpr *left; AstSeq *ops /* (intptr_t) CmpOp/CmpOpExtra */; AstSeq *comparators; } compare;
        struct { AstExpr *func; AstSeq *args; AstSeq *keywords /* AstKeyword* */; } call;
        struct { AstExpr *value; int conversion /* -1, 's', 'r', 'a' */; AstExpr *format_spec; } formattedvalue;
        struct { AstSeq *values; } joinedstr;
        struct { Object *value; Object *kind; } constant;  /* kind: "u" or NULL */
        struct { AstExpr *value; Object *attr; ExprContext ctx; } attribute;
        struct { AstExpr *value, *slice; ExprContext ctx; } subscript;
        struct { AstExpr *value; ExprContext ctx; } starred;
        struct { Object *id; ExprContext ctx; } name;
        struct { AstSeq *elts; ExprContext ctx; } list;             /* also tuple */
        struct { AstExpr *lower, *upper, *step; } slice;            /* each may be NULL */
    } v;
};

typedef enum {
    STMT_FUNCTIONDEF, STMT_CLASSDEF, STMT_RETURN, STMT_DELETE, STMT_ASSIGN,
    STMT_AUGASSIGN, STMT_ANNASSIGN, STMT_FOR, STMT_WHILE, STMT_IF, STMT_WITH,
    STMT_RAISE, STMT_TRY, STMT_ASSERT, STMT_IMPORT, STMT_IMPORTFROM, STMT_GLOBAL,
    STMT_NONLOCAL, STMT_EXPR, STMT_PASS, STMT_BREAK, STMT_CONTINUE
} StmtKind;

struct AstStmt {
    StmtKind kind;
    AstPos pos;
    union {
        struct { Object *name; AstArguments *args; AstSeq *body; AstSeq *decorator_list; AstExpr *returns; } functiondef;
        struct { Object *name; AstSeq *bases; AstSeq *keywords; AstSeq *body; AstSeq *decorator_list; } classdef;
        struct { AstExpr *value; } ret;                  /* value may be NULL */
        struct { AstSeq *targets; } del;
        struct { AstSeq *targets; AstExpr *value; } assign;
        struct { AstExpr *target; int op; AstExpr *value; } augassign;   /* op: enum BinOp */
        struct { AstExpr *target, *annotation, *value; int simple; } annassign;
        struct { AstExpr *target, *iter; AstSeq *body, *orelse; } forloop;
        struct { AstExpr *test; AstSeq *body, *orelse; } whileloop;
        struct { AstExpr *test; AstSeq *body, *orelse; } ifstmt;
        struct { AstSeq *items /* AstWithItem* */; AstSeq *body; } with;
        struct { AstExpr *exc, *cause; } raise;          /* each may be NULL */
        struct { AstSeq *body, *handlers /* AstExceptHandler* */, *orelse, *finalbody; } tryblock;
        struct { AstExpr *test, *msg; } assertion;
        struct { AstSeq *names /* AstAlias* */; } import;
        struct { Object *module /* may be NULL */; AstSeq *names; int level; } importfrom;
        struct { AstSeq *names /* str Objects */; } global;  /* also nonlocal */
        struct { AstExpr *value; } expr;
    } v;
};

typedef struct AstModule {
    int mode;            /* MODE_EXEC, MODE_EVAL, MODE_SINGLE (vm/runtime.h) */
    AstSeq *body;        /* AstStmt* (exec, single) */
    AstExpr *expr;       /* eval mode */
    Arena *arena;
} AstModule;

/* ---- helpers (vm/ast.c) ---------------------------------------------------
 * Sequences and nodes are allocated in an arena; nothing here is freed on its
 * own.  All return NULL with MemoryError set on failure. */
AstSeq *ast_seq_new(Arena *a, int n);              /* n NULL items */
/* Append to *s (created when NULL); amortised O(1). 0 or -1. */
int ast_seq_append(Arena *a, AstSeq **s, void *item);
AstExpr *ast_expr_new(Arena *a, ExprKind kind, AstPos pos);
AstStmt *ast_stmt_new(Arena *a, StmtKind kind, AstPos pos);
/* Position from the start of `first` to the end of `last`. */
static inline AstPos ast_pos_span(AstPos first, AstPos last) {
    AstPos p = {first.lineno, first.col_offset, last.end_lineno, last.end_col_offset};
    return p;
}

#endif
