/* vm/parser_int.h — internals shared by parser.c (statements, errors, entry
 * points), parser_expr.c (expressions, targets) and parser_str.c (string
 * literals, f-strings).  Not for use outside the parser.
 *
 * The parser is recursive descent over a token array filled on demand from
 * the lexer.  Every parse function returns NULL (or -1) on failure with the
 * error recorded in p->err (a syntax error, raised once at the end) or a real
 * exception set (p->exc: MemoryError, NotImplementedError).  p->fill, the
 * number of tokens fetched, is what CPython uses to place "invalid syntax".
 */
#ifndef GILPY_PARSER_INT_H
#define GILPY_PARSER_INT_H

#include "vm/ast.h"
#include "vm/lexer.h"

typedef struct Parser {
    Arena *arena;
    const char *buf;        /* normalised source */
    Lexer lx;
    Token **chunks;         /* tokens, in chunks so Token pointers stay valid */
    int nchunks;
    int ntoks;              /* tokens fetched from the lexer */
    int fill;               /* tokens looked at (CPython's p->fill) */
    int pos;                /* index of the current token */
    SyntaxErrInfo err;      /* first syntax error (err.type != NULL) */
    int exc;                /* a real exception is set */
    int from_lexer;         /* err came from the lexer when fetching */
    int depth;              /* recursion guard */
    int in_speculation;
    AstExpr *bare_tuple;    /* the last tuple built without parentheses */
    int no_final_newline;   /* eval/single source without a final '\n' */
    int err_generic;        /* err is a plain "invalid syntax" (or indent) */
    int no_rest_check;      /* CPython doesn't look past "unexpected indent" */
    int match_no_colon;     /* "match <subject>" NEWLINE: the NEWLINE's index + 1 */
} Parser;

#define P_FAILED(p) ((p)->err.type != NULL || (p)->exc)
#define MAX_DEPTH 1500

/* ---- tokens (parser.c) ---- */
#define TOK_CHUNK 1024
static inline Token *p_tok_at(Parser *p, int i) {
    return &p->chunks[i / TOK_CHUNK][i % TOK_CHUNK];
}
Token *p_tok(Parser *p);                    /* the current token */
Token *p_peek(Parser *p, int k);            /* k tokens ahead (0 = current) */
static inline TokType p_type(Parser *p) { return p_tok(p)->type; }
static inline int p_at(Parser *p, TokType t) { return p_tok(p)->type == t; }
Token *p_next(Parser *p);                   /* consume; returns the consumed token */
int p_accept(Parser *p, TokType t);         /* consume if current is t */
Token *p_expect(Parser *p, TokType t);      /* or "invalid syntax" */
Token *p_last(Parser *p);                   /* the last consumed token */
int p_name_is(Token *t, const char *s);     /* a NAME token spelling s */

/* Positions from a start token / node to the end of the last consumed token. */
AstPos p_pos_tok(Parser *p, Token *start);
AstPos p_pos_from(Parser *p, AstPos start);
AstPos tok_pos(Token *t);

/* ---- errors (parser.c) ----
 * Offsets: 0-based byte columns; converted as CPython does when raised. */
void *p_error_range(Parser *p, TypeObject *type, int lineno, int col, int end_lineno,
                    int end_col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void *p_error_tok(Parser *p, Token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *p_error_node(Parser *p, AstPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *p_error_nodes(Parser *p, AstPos a, AstPos b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* At the last fetched token (CPython's RAISE_SYNTAX_ERROR). */
void *p_error_last(Parser *p, TypeObject *type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *p_invalid_syntax(Parser *p);          /* generic, at the last fetched token */
void *p_exc(Parser *p);                     /* a real exception was set: record it */
int p_enter(Parser *p);                     /* recursion guard: 0 ok, -1 failed */
/* After a failed speculative parse: must the failure stand?  Specific
 * messages do (CPython's second pass raises the first it meets), as do
 * tokenizer errors and real exceptions; plain "invalid syntax" does not. */
static inline int p_keep_error(Parser *p) {
    return p->exc || p->from_lexer || (p->err.type && !p->err_generic);
}
static inline void p_leave(Parser *p) { p->depth--; }

/* Interned identifier from a NAME token (owned by the arena, borrowed). */
Object *p_name_obj(Parser *p, Token *t);
Object *p_own(Parser *p, Object *o);        /* arena_own, NULL on failure */

/* ---- expressions (parser_expr.c) ---- */
AstExpr *p_expression(Parser *p);           /* expression (ternary, lambda) */
AstExpr *p_named_expression(Parser *p);
int p_rhs_is_single_assign(Parser *p);      /* see parser_expr.c */
int p_is_parenthesized(Parser *p, AstExpr *e);
AstExpr *p_star_expressions(Parser *p);     /* a, *b, c  -> Tuple */
AstExpr *p_star_named_expression(Parser *p);
AstExpr *p_disjunction(Parser *p);
AstExpr *p_bitwise_or(Parser *p);
AstExpr *p_yield_expr(Parser *p);
AstExpr *p_star_targets(Parser *p);         /* for/comprehension targets, Store ctx */
AstExpr *p_star_target(Parser *p);          /* one target (with ... as x) */
AstExpr *p_expressions_eval(Parser *p);     /* eval input: expression list */
AstSeq *p_arguments_call(Parser *p, AstSeq **keywords);
AstArguments *p_parameters(Parser *p, int lambda, TokType close);
/* Set Store/Del context on a target, or raise CPython's message ("cannot
 * assign to ...", "cannot delete ..."); kind is one of TGT_*. */
enum { TGT_ASSIGN, TGT_DEL, TGT_FOR, TGT_WITH };
int p_set_context(Parser *p, AstExpr *e, int kind);
const char *p_expr_name(AstExpr *e);
AstExpr *p_invalid_target(AstExpr *e, int kind);
AstExpr *p_make_name(Parser *p, Token *t, ExprContext ctx);

/* ---- strings (parser_str.c) ---- */
/* The atom made of one or more adjacent STRING tokens at the current position. */
AstExpr *p_strings(Parser *p);

#endif
