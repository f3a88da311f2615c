/* vm/parser.c — entry points, token access, syntax errors, statements.
 *
 * A recursive-descent parser for Python 3.11 producing vm/ast.h trees.  It
 * follows the structure of CPython's grammar and reproduces its common error
 * messages and positions: generic errors point at the furthest token
 * fetched (CPython's p->fill - 1), specific ones at the node or token its
 * invalid_* rules name.  A tokenizer error found after a parser error still
 * wins, as in CPython (the rest of the source is tokenized before raising).
 * Expressions live in parser_expr.c, string literals in parser_str.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/parser.h"
#include "vm/parser_int.h"
#include "vm/error.h"
#include "vm/runtime.h"
#include "vm/objects/str.h"
#include "vm/objects/int.h"
#include "vm/objects/tuple.h"

/* ---- tokens ------------------------------------------------------------------ */

static int fetch_token(Parser *p) {
    if (p->ntoks == p->nchunks * TOK_CHUNK) {
        Token **c = realloc(p->chunks, (size_t)(p->nchunks + 1) * sizeof(Token *));
        if (!c) goto nomem;
        p->chunks = c;
        c[p->nchunks] = malloc(TOK_CHUNK * sizeof(Token));
        if (!c[p->nchunks]) goto nomem;
        p->nchunks++;
    }
    Token *t = p_tok_at(p, p->ntoks);
    if (p->ntoks > 0) {
        Token *prev = p_tok_at(p, p->ntoks - 1);
        if (prev->type == TOK_ENDMARKER || prev->type == TOK_ERROR) {
            *t = *prev;
            p->ntoks++;
            return 0;
        }
    }
    TokType type = lexer_next(&p->lx, t);
    if (type == TOK_ERROR) {
        /* CPython raises a tokenizer error as soon as the token is fetched */
        memset(t, 0, sizeof *t);
        t->type = TOK_ERROR;
        t->lineno = t->end_lineno = p->lx.lineno;
        t->start = p->lx.cur;
        if (!P_FAILED(p)) {
            p->err = p->lx.err;
            p->from_lexer = 1;
        }
    }
    p->ntoks++;
    return 0;
nomem:
    err_no_memory();
    p->exc = 1;
    return -1;
}

Token *p_peek(Parser *p, int k) {
    int i = p->pos + k;
    while (i >= p->ntoks) {
        if (fetch_token(p) < 0) {
            /* out of memory: behave as if the source ended here */
            static Token end = {.type = TOK_ERROR};
            return &end;
        }
    }
    if (i + 1 > p->fill) p->fill = i + 1;
    return p_tok_at(p, i);
}

Token *p_tok(Parser *p) { return p_peek(p, 0); }

Token *p_next(Parser *p) {
    Token *t = p_tok(p);
    if (t->type != TOK_ENDMARKER && t->type != TOK_ERROR) p->pos++;
    return t;
}

int p_accept(Parser *p, TokType t) {
    if (p_tok(p)->type == t) {
        p->pos++;
        return 1;
    }
    return 0;
}

Token *p_expect(Parser *p, TokType t) {
    Token *tok = p_tok(p);
    if (tok->type == t) {
        p->pos++;
        return tok;
    }
    p_invalid_syntax(p);
    return NULL;
}

Token *p_last(Parser *p) { return p_tok_at(p, p->pos > 0 ? p->pos - 1 : 0); }

int p_name_is(Token *t, const char *s) {
    return t->type == TOK_NAME && (size_t)t->len == strlen(s) && memcmp(t->start, s, t->len) == 0;
}

AstPos tok_pos(Token *t) {
    AstPos pos = {t->lineno, t->col, t->end_lineno, t->end_col};
    return pos;
}

AstPos p_pos_tok(Parser *p, Token *start) {
    Token *l = p_last(p);
    AstPos pos = {start->lineno, start->col, l->end_lineno, l->end_col};
    return pos;
}

AstPos p_pos_from(Parser *p, AstPos start) {
    Token *l = p_last(p);
    AstPos pos = {start.lineno, start.col_offset, l->end_lineno, l->end_col};
    return pos;
}

Object *p_own(Parser *p, Object *o) {
    if (!o) {
        p->exc = 1;
        return NULL;
    }
    if (arena_own(p->arena, o) < 0) {
        p->exc = 1;
        return NULL;
    }
    return o;
}

Object *p_name_obj(Parser *p, Token *t) {
    Object *s = str_from_utf8(t->start, (size_t)t->len);
    if (!s) {
        p->exc = 1;
        return NULL;
    }
    return p_own(p, str_intern(s));
}

AstExpr *p_make_name(Parser *p, Token *t, ExprContext ctx) {
    Object *id = p_name_obj(p, t);
    if (!id) return NULL;
    AstExpr *e = ast_expr_new(p->arena, EXPR_NAME, tok_pos(t));
    if (!e) return p_exc(p);
    e->v.name.id = id;
    e->v.name.ctx = ctx;
    return e;
}

/* ---- errors ------------------------------------------------------------------- */

void *p_exc(Parser *p) {
    p->exc = 1;
    return NULL;
}

int p_enter(Parser *p) {
    if (++p->depth > MAX_DEPTH) {
        if (!P_FAILED(p)) {
            err_format(&Exc_MemoryError,
                       "Parser stack overflowed - Python source too complex to parse");
            p->exc = 1;
        }
        p->depth--;
        return -1;
    }
    return 0;
}

static void verror(Parser *p, TypeObject *type, int lineno, int offset, int end_lineno,
                   int end_offset, const char *fmt, va_list ap) {
    if (P_FAILED(p)) return;
    SyntaxErrInfo *e = &p->err;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->type = type;
    p->err_generic = 0;
    p->no_rest_check = 0;
    e->lineno = lineno;
    e->offset = offset;
    e->end_lineno = end_lineno;
    e->end_offset = end_offset;
    e->chars = 0;
    /* CPython shows the line with its newline when the error is on the line
     * the tokenizer is on, without it for earlier lines */
    Token *last = p_tok_at(p, p->ntoks > 0 ? p->ntoks - 1 : 0);
    int cur_line = p->ntoks ? (last->type == TOK_NEWLINE ? last->lineno : last->end_lineno) : 1;
    e->text_newline = lineno >= cur_line;
    e->text_start = e->text_newline && p->lx.chain_start ? p->lx.chain_start : NULL;
}

void *p_error_range(Parser *p, TypeObject *type, int lineno, int col, int end_lineno,
                    int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, type, lineno, col + 1, end_lineno, end_col + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

void *p_error_tok(Parser *p, Token *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, &Exc_SyntaxError, t->lineno, t->col + 1, t->end_lineno, t->end_col + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

void *p_error_node(Parser *p, AstPos pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, &Exc_SyntaxError, pos.lineno, pos.col_offset + 1, pos.end_lineno,
           pos.end_col_offset + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

void *p_error_nodes(Parser *p, AstPos a, AstPos b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, &Exc_SyntaxError, a.lineno, a.col_offset + 1, b.end_lineno,
           b.end_col_offset + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

/* The column of a zero-width INDENT/DEDENT token: CPython uses the
 * tokenizer's position in its line (without the +1 of real tokens). */
static int layout_col(Parser *p, Token *t) {
    const char *ls = t->start;
    if (*ls == '\0' && ls > p->buf) ls--;  /* at the end: the whole last line */
    while (ls > p->buf && ls[-1] != '\n') ls--;
    return (int)(t->start - ls);
}

void *p_error_last(Parser *p, TypeObject *type, const char *fmt, ...) {
    Token *t = p_peek(p, p->fill - 1 - p->pos);
    int off = t->col < 0 ? layout_col(p, t) : t->col + 1;
    int end_off = t->end_col < 0 ? -1 : t->end_col + 1;
    va_list ap;
    va_start(ap, fmt);
    verror(p, type, t->lineno, off, t->end_lineno, end_off, fmt, ap);
    va_end(ap);
    return NULL;
}

void *p_invalid_syntax(Parser *p) {
    if (P_FAILED(p)) return NULL;
    Token *t = p_peek(p, p->fill - 1 - p->pos);
    if (t->type == TOK_ERROR) return NULL;
    if (t->type == TOK_INDENT || t->type == TOK_DEDENT) {
        p_error_last(p, &Exc_IndentationError,
                     t->type == TOK_INDENT ? "unexpected indent" : "unexpected unindent");
        p->no_rest_check = 1;
    } else {
        p_error_tok(p, t, "invalid syntax");
    }
    p->err_generic = 1;
    return NULL;
}

/* ---- statements ----------------------------------------------------------------- */

static AstStmt *statement(Parser *p, AstSeq **out);
static AstSeq *block(Parser *p, const char *what, int lineno);
static int simple_stmts(Parser *p, AstSeq **out);

static AstStmt *new_stmt(Parser *p, StmtKind kind, AstPos pos) {
    AstStmt *s = ast_stmt_new(p->arena, kind, pos);
    if (!s) p->exc = 1;
    return s;
}

static AstPos seq_end_pos(AstPos start, AstSeq *body) {
    AstStmt *last = SEQ_GET(body, SEQ_LEN(body) - 1);
    return ast_pos_span(start, last->pos);
}

/* "expected ':'" when a header is followed directly by the end of the line,
 * as CPython's invalid_*_stmt rules report; else the generic error. */
static int expect_colon(Parser *p, int forced) {
    if (p_accept(p, TOK_COLON)) return 0;
    if (forced) {
        p_error_tok(p, p_tok(p), "expected ':'");
    } else if (p_at(p, TOK_NEWLINE)) {
        p_error_last(p, &Exc_SyntaxError, "expected ':'");
    } else {
        p_invalid_syntax(p);
    }
    return -1;
}

/* block: NEWLINE INDENT statements DEDENT | simple_stmts */
static AstSeq *block(Parser *p, const char *what, int lineno) {
    AstSeq *body = NULL;
    if (p_enter(p) < 0) return NULL;
    if (p_accept(p, TOK_NEWLINE)) {
        if (!p_at(p, TOK_INDENT)) {
            p_leave(p);
            if (p_at(p, TOK_ERROR)) return NULL;
            return p_error_last(p, &Exc_IndentationError, "expected an indented block after %s on line %d",
                                what, lineno);
        }
        p_next(p);
        while (!p_at(p, TOK_DEDENT)) {
            if (p_at(p, TOK_ENDMARKER) || p_at(p, TOK_ERROR)) {
                p_invalid_syntax(p);
                p_leave(p);
                return NULL;
            }
            if (!statement(p, &body)) {
                p_leave(p);
                return NULL;
            }
        }
        p_next(p);
    } else if (simple_stmts(p, &body) < 0) {
        p_leave(p);
        return NULL;
    }
    p_leave(p);
    return body;
}

static AstStmt *append_stmt(Parser *p, AstSeq **out, AstStmt *s) {
    if (!s) return NULL;
    if (ast_seq_append(p->arena, out, s) < 0) return p_exc(p);
    return s;
}

/* dotted_name: NAME ('.' NAME)* as one str */
static Object *dotted_name(Parser *p, Token **last) {
    int first_idx = p->pos;
    Token *t = p_expect(p, TOK_NAME);
    if (!t) return NULL;
    Token *end = t;
    while (p_at(p, TOK_DOT)) {
        p_next(p);
        end = p_expect(p, TOK_NAME);
        if (!end) return NULL;
    }
    *last = end;
    if (end == t) return p_name_obj(p, t);
    /* the dots may be surrounded by spaces: rebuild without them */
    size_t n = 0;
    char *tmp = malloc((size_t)(end->start + end->len - t->start) + 1);
    if (!tmp) {
        err_no_memory();
        return p_exc(p);
    }
    for (int i = first_idx; i < p->pos; i++) {
        Token *q = p_tok_at(p, i);
        memcpy(tmp + n, q->start, (size_t)q->len);
        n += (size_t)q->len;
    }
    Object *s = str_from_utf8(tmp, n);
    free(tmp);
    if (!s) return p_exc(p);
    return p_own(p, str_intern(s));
}

static AstAlias *make_alias(Parser *p, Object *name, Token *start) {
    AstAlias *al = arena_alloc(p->arena, sizeof(AstAlias));
    if (!al) return p_exc(p);
    al->name = name;
    if (p_accept(p, KW_AS)) {
        Token *n = p_expect(p, TOK_NAME);
        if (!n) return NULL;
        al->asname = p_name_obj(p, n);
        if (!al->asname) return NULL;
    }
    al->pos = p_pos_tok(p, start);
    return al;
}

static AstStmt *import_stmt(Parser *p) {
    Token *start = p_next(p);
    AstSeq *names = NULL;
    do {
        Token *first = p_tok(p), *last;
        Object *name = dotted_name(p, &last);
        if (!name) return NULL;
        AstAlias *al = make_alias(p, name, first);
        if (!al) return NULL;
        if (ast_seq_append(p->arena, &names, al) < 0) return p_exc(p);
    } while (p_accept(p, TOK_COMMA));
    AstStmt *s = new_stmt(p, STMT_IMPORT, p_pos_tok(p, start));
    if (s) s->v.import.names = names;
    return s;
}

static AstStmt *from_import_stmt(Parser *p) {
    Token *start = p_next(p);
    int level = 0;
    for (;;) {
        if (p_accept(p, TOK_DOT)) level++;
        else if (p_accept(p, TOK_ELLIPSIS)) level += 3;
        else break;
    }
    Object *module = NULL;
    if (level == 0 || !p_at(p, KW_IMPORT)) {
        Token *last;
        module = dotted_name(p, &last);
        if (!module) return NULL;
    }
    if (!p_at(p, KW_IMPORT)) return p_invalid_syntax(p);
    p_next(p);
    AstSeq *names = NULL;
    if (p_at(p, TOK_STAR)) {
        Token *st = p_next(p);
        AstAlias *al = arena_alloc(p->arena, sizeof(AstAlias));
        if (!al) return p_exc(p);
        al->name = p_own(p, str_intern(str_from_utf8("*", 1)));
        if (!al->name) return NULL;
        al->pos = tok_pos(st);
        if (ast_seq_append(p->arena, &names, al) < 0) return p_exc(p);
    } else {
        int paren = p_accept(p, TOK_LPAR);
        for (;;) {
            Token *n = p_expect(p, TOK_NAME);
            if (!n) return NULL;
            Object *name = p_name_obj(p, n);
            if (!name) return NULL;
            AstAlias *al = make_alias(p, name, n);
            if (!al) return NULL;
            if (ast_seq_append(p->arena, &names, al) < 0) return p_exc(p);
            if (!p_at(p, TOK_COMMA)) break;
            p_next(p);
            if (paren && p_at(p, TOK_RPAR)) break;
            if (!paren && (p_at(p, TOK_NEWLINE) || p_at(p, TOK_SEMI)))
                return p_error_last(p, &Exc_SyntaxError,
                                    "trailing comma not allowed without surrounding parentheses");
        }
        if (paren && !p_expect(p, TOK_RPAR)) return NULL;
    }
    AstStmt *s = new_stmt(p, STMT_IMPORTFROM, p_pos_tok(p, start));
    if (!s) return NULL;
    s->v.importfrom.module = module;
    s->v.importfrom.names = names;
    s->v.importfrom.level = level;
    return s;
}

static AstStmt *global_stmt(Parser *p, StmtKind kind) {
    Token *start = p_next(p);
    AstSeq *names = NULL;
    do {
        Token *n = p_expect(p, TOK_NAME);
        if (!n) return NULL;
        Object *o = p_name_obj(p, n);
        if (!o) return NULL;
        if (ast_seq_append(p->arena, &names, o) < 0) return p_exc(p);
    } while (p_accept(p, TOK_COMMA));
    AstStmt *s = new_stmt(p, kind, p_pos_tok(p, start));
    if (s) s->v.global.names = names;
    return s;
}

static int at_stmt_end(Parser *p) {
    TokType t = p_type(p);
    return t == TOK_NEWLINE || t == TOK_SEMI || t == TOK_ENDMARKER;
}

static AstStmt *del_stmt(Parser *p) {
    Token *start = p_next(p);
    AstSeq *targets = NULL;
    AstExpr *whole_start = NULL;
    for (;;) {
        AstExpr *e;
        if (p_at(p, TOK_STAR)) {
            Token *st = p_next(p);
            AstExpr *v = p_bitwise_or(p);
            if (!v) return NULL;
            e = ast_expr_new(p->arena, EXPR_STARRED, p_pos_tok(p, st));
            if (!e) return p_exc(p);
            e->v.starred.value = v;
        } else {
            e = p_expression(p);
            if (!e) return NULL;
        }
        if (!whole_start) whole_start = e;
        if (ast_seq_append(p->arena, &targets, e) < 0) return p_exc(p);
        if (!p_accept(p, TOK_COMMA)) break;
        if (at_stmt_end(p)) break;
    }
    if (!at_stmt_end(p)) return p_invalid_syntax(p);
    for (int i = 0; i < SEQ_LEN(targets); i++)
        if (p_set_context(p, SEQ_GET(targets, i), TGT_DEL) < 0) return NULL;
    AstStmt *s = new_stmt(p, STMT_DELETE, p_pos_tok(p, start));
    if (s) s->v.del.targets = targets;
    return s;
}

static int is_augassign(TokType t) { return t >= TOK_PLUSEQUAL && t <= TOK_ATEQUAL; }

/* The statement forms that start with an expression: expression statement,
 * assignment (chained), augmented and annotated assignment. */
static AstStmt *expr_stmt(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = p_at(p, KW_YIELD) ? p_yield_expr(p) : p_star_expressions(p);
    if (!e) return NULL;
    TokType t = p_type(p);
    if (t == TOK_COLON) {
        /* annotated assignment; CPython names a bad target only when an
         * annotation follows, else the ':' is the error */
        if (e->kind != EXPR_NAME && e->kind != EXPR_ATTRIBUTE && e->kind != EXPR_SUBSCRIPT) {
            int save = p->pos, fill = p->fill;
            p_next(p);
            AstExpr *ann = p_expression(p);
            if (!ann) {
                if (p_keep_error(p)) return NULL;
                p->err.type = NULL;
            }
            p->pos = save;
            p->fill = fill;
            if (!ann) return p_invalid_syntax(p);
        }
        if (e->kind == EXPR_TUPLE && e == p->bare_tuple)
            return p_error_node(p, ((AstExpr *)SEQ_GET(e->v.list.elts, 0))->pos,
                                "only single target (not tuple) can be annotated");
        if (e->kind == EXPR_TUPLE)
            return p_error_node(p, e->pos, "only single target (not tuple) can be annotated");
        if (e->kind == EXPR_LIST)
            return p_error_node(p, e->pos, "only single target (not list) can be annotated");
        if (e->kind != EXPR_NAME && e->kind != EXPR_ATTRIBUTE && e->kind != EXPR_SUBSCRIPT)
            return p_error_node(p, e->pos, "illegal target for annotation");
        p_next(p);
        AstExpr *ann = p_expression(p);
        if (!ann) return NULL;
        AstExpr *value = NULL;
        if (p_accept(p, TOK_EQUAL)) {
            value = p_at(p, KW_YIELD) ? p_yield_expr(p) : p_star_expressions(p);
            if (!value) return NULL;
        }
        if (p_set_context(p, e, TGT_ASSIGN) < 0) return NULL;
        AstStmt *s = new_stmt(p, STMT_ANNASSIGN, p_pos_tok(p, start));
        if (!s) return NULL;
        s->v.annassign.target = e;
        s->v.annassign.annotation = ann;
        s->v.annassign.value = value;
        s->v.annassign.simple = e->kind == EXPR_NAME && start->type != TOK_LPAR;
        return s;
    }
    if (t == TOK_EQUAL) {
        AstSeq *targets = NULL;
        AstExpr *value = e;
        int first = 1;
        while (p_at(p, TOK_EQUAL)) {
            AstExpr *target = value;
            int bare = target == p->bare_tuple;
            AstExpr *bad = p_invalid_target(target, TGT_ASSIGN);
            /* CPython's invalid_named_expression fires first for "f() = x"
             * (also as the last item of "a, f() = x") */
            if (bad && first && p_rhs_is_single_assign(p) &&
                (bad == target || (bare && bad == SEQ_GET(target->v.list.elts,
                                                          SEQ_LEN(target->v.list.elts) - 1)))) {
                int paren = p_is_parenthesized(p, bad);
                ExprKind k = bad->kind;
                int excluded = k == EXPR_LIST || k == EXPR_TUPLE || k == EXPR_GENEXP ||
                               (k == EXPR_CONSTANT && (bad->v.constant.value == None ||
                                                       bad->v.constant.value == True ||
                                                       bad->v.constant.value == False));
                int not_bitor = k == EXPR_COMPARE || k == EXPR_BOOLOP || k == EXPR_IFEXP ||
                                k == EXPR_LAMBDA || k == EXPR_NAMEDEXPR || k == EXPR_STARRED ||
                                k == EXPR_YIELD || k == EXPR_YIELDFROM ||
                                (k == EXPR_UNARYOP && bad->v.unaryop.op == UNARY_NOT);
                if ((paren && k != EXPR_TUPLE && k != EXPR_GENEXP) || (!excluded && !not_bitor))
                    return p_error_node(p, bad->pos,
                                        "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                                        p_expr_name(bad));
            }
            if (bad) {
                if ((bad->kind == EXPR_YIELD || bad->kind == EXPR_YIELDFROM) && bad == target &&
                    !p_is_parenthesized(p, bad))
                    return p_error_node(p, bad->pos, "assignment to yield expression not possible");
                return p_error_node(p, bad->pos, "cannot assign to %s", p_expr_name(bad));
            }
            p_next(p);
            if (p_at(p, KW_YIELD)) {
                value = p_yield_expr(p);
            } else {
                value = p_star_expressions(p);
            }
            if (!value) return NULL;
            if (p_set_context(p, target, TGT_ASSIGN) < 0) return NULL;
            if (ast_seq_append(p->arena, &targets, target) < 0) return p_exc(p);
            first = 0;
        }
        AstStmt *s = new_stmt(p, STMT_ASSIGN, p_pos_tok(p, start));
        if (!s) return NULL;
        s->v.assign.targets = targets;
        s->v.assign.value = value;
        return s;
    }
    if (is_augassign(t)) {
        if (e->kind != EXPR_NAME && e->kind != EXPR_ATTRIBUTE && e->kind != EXPR_SUBSCRIPT)
            return p_error_node(p, e->pos, "'%s' is an illegal expression for augmented assignment",
                                p_expr_name(e));
        p_next(p);
        AstExpr *value = p_at(p, KW_YIELD) ? p_yield_expr(p) : p_star_expressions(p);
        if (!value) return NULL;
        if (p_set_context(p, e, TGT_ASSIGN) < 0) return NULL;
        AstStmt *s = new_stmt(p, STMT_AUGASSIGN, p_pos_tok(p, start));
        if (!s) return NULL;
        s->v.augassign.target = e;
        s->v.augassign.op = (int)(t - TOK_PLUSEQUAL);
        s->v.augassign.value = value;
        return s;
    }
    AstStmt *s = new_stmt(p, STMT_EXPR, p_pos_tok(p, start));
    if (s) s->v.expr.value = e;
    return s;
}

static AstStmt *simple_stmt(Parser *p) {
    Token *start = p_tok(p);
    AstStmt *s;
    switch (start->type) {
    case KW_PASS:
    case KW_BREAK:
    case KW_CONTINUE:
        p_next(p);
        return new_stmt(p, start->type == KW_PASS ? STMT_PASS : start->type == KW_BREAK ? STMT_BREAK : STMT_CONTINUE,
                        tok_pos(start));
    case KW_RETURN: {
        p_next(p);
        AstExpr *v = NULL;
        if (!at_stmt_end(p)) {
            v = p_star_expressions(p);
            if (!v) return NULL;
        }
        s = new_stmt(p, STMT_RETURN, p_pos_tok(p, start));
        if (s) s->v.ret.value = v;
        return s;
    }
    case KW_RAISE: {
        p_next(p);
        AstExpr *exc = NULL, *cause = NULL;
        if (!at_stmt_end(p)) {
            exc = p_expression(p);
            if (!exc) return NULL;
            if (p_accept(p, KW_FROM)) {
                cause = p_expression(p);
                if (!cause) return NULL;
            }
        }
        s = new_stmt(p, STMT_RAISE, p_pos_tok(p, start));
        if (s) {
            s->v.raise.exc = exc;
            s->v.raise.cause = cause;
        }
        return s;
    }
    case KW_GLOBAL: return global_stmt(p, STMT_GLOBAL);
    case KW_NONLOCAL: return global_stmt(p, STMT_NONLOCAL);
    case KW_DEL: return del_stmt(p);
    case KW_IMPORT: return import_stmt(p);
    case KW_FROM: return from_import_stmt(p);
    case KW_ASSERT: {
        p_next(p);
        AstExpr *test = p_expression(p), *msg = NULL;
        if (!test) return NULL;
        if (p_accept(p, TOK_COMMA)) {
            msg = p_expression(p);
            if (!msg) return NULL;
        }
        s = new_stmt(p, STMT_ASSERT, p_pos_tok(p, start));
        if (s) {
            s->v.assertion.test = test;
            s->v.assertion.msg = msg;
        }
        return s;
    }
    default:
        return expr_stmt(p);
    }
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static int simple_stmts(Parser *p, AstSeq **out) {
    for (;;) {
        if (!append_stmt(p, out, simple_stmt(p))) return -1;
        if (p_accept(p, TOK_SEMI)) {
            if (p_at(p, TOK_NEWLINE)) break;
            continue;
        }
        break;
    }
    if (!p_accept(p, TOK_NEWLINE)) {
        p_invalid_syntax(p);
        return -1;
    }
    return 0;
}

static AstSeq *else_block(Parser *p) {
    Token *t = p_next(p);  /* else */
    if (!p_at(p, TOK_COLON)) {
        p_error_tok(p, p_tok(p), "expected ':'");
        return NULL;
    }
    p_next(p);
    return block(p, "'else' statement", t->lineno);
}

static AstStmt *if_stmt(Parser *p) {
    Token *start = p_next(p);  /* if / elif */
    const char *what = start->type == KW_IF ? "'if' statement" : "'elif' statement";
    AstExpr *test = p_named_expression(p);
    if (!test) return NULL;
    if (expect_colon(p, 0) < 0) return NULL;
    AstSeq *body = block(p, what, start->lineno);
    if (!body) return NULL;
    AstSeq *orelse = NULL;
    AstPos end = ((AstStmt *)SEQ_GET(body, SEQ_LEN(body) - 1))->pos;
    if (p_at(p, KW_ELIF)) {
        AstStmt *sub = if_stmt(p);
        if (!sub) return NULL;
        if (ast_seq_append(p->arena, &orelse, sub) < 0) return p_exc(p);
        end = sub->pos;
    } else if (p_at(p, KW_ELSE)) {
        orelse = else_block(p);
        if (!orelse) return NULL;
        end = ((AstStmt *)SEQ_GET(orelse, SEQ_LEN(orelse) - 1))->pos;
    }
    AstStmt *s = new_stmt(p, STMT_IF, ast_pos_span(tok_pos(start), end));
    if (!s) return NULL;
    s->v.ifstmt.test = test;
    s->v.ifstmt.body = body;
    s->v.ifstmt.orelse = orelse;
    return s;
}

static AstStmt *while_stmt(Parser *p) {
    Token *start = p_next(p);
    AstExpr *test = p_named_expression(p);
    if (!test) return NULL;
    if (expect_colon(p, 0) < 0) return NULL;
    AstSeq *body = block(p, "'while' statement", start->lineno);
    if (!body) return NULL;
    AstSeq *orelse = NULL;
    if (p_at(p, KW_ELSE) && !(orelse = else_block(p))) return NULL;
    AstStmt *s = new_stmt(p, STMT_WHILE, seq_end_pos(tok_pos(start), orelse ? orelse : body));
    if (!s) return NULL;
    s->v.whileloop.test = test;
    s->v.whileloop.body = body;
    s->v.whileloop.orelse = orelse;
    return s;
}

static AstStmt *for_stmt(Parser *p) {
    Token *start = p_next(p);
    AstExpr *target = p_star_targets(p);
    if (!target) return NULL;
    if (!p_at(p, KW_IN)) return p_invalid_syntax(p);
    p_next(p);
    AstExpr *iter = p_star_expressions(p);
    if (!iter) return NULL;
    if (expect_colon(p, 0) < 0) return NULL;
    AstSeq *body = block(p, "'for' statement", start->lineno);
    if (!body) return NULL;
    AstSeq *orelse = NULL;
    if (p_at(p, KW_ELSE) && !(orelse = else_block(p))) return NULL;
    AstStmt *s = new_stmt(p, STMT_FOR, seq_end_pos(tok_pos(start), orelse ? orelse : body));
    if (!s) return NULL;
    s->v.forloop.target = target;
    s->v.forloop.iter = iter;
    s->v.forloop.body = body;
    s->v.forloop.orelse = orelse;
    return s;
}

/* with_item: expression ['as' star_target] */
static AstWithItem *with_item(Parser *p) {
    AstExpr *e = p_expression(p);
    if (!e) return NULL;
    AstWithItem *w = arena_alloc(p->arena, sizeof(AstWithItem));
    if (!w) return p_exc(p);
    w->context_expr = e;
    if (p_accept(p, KW_AS)) {
        AstExpr *t = p_star_target(p);
        if (!t) return NULL;
        TokType n = p_type(p);
        if (n != TOK_COMMA && n != TOK_RPAR && n != TOK_COLON && n != TOK_NEWLINE)
            return p_invalid_syntax(p);
        w->optional_vars = t;
    }
    return w;
}

static AstStmt *with_stmt(Parser *p) {
    Token *start = p_next(p);
    AstSeq *items = NULL;
    int done = 0;
    if (p_at(p, TOK_LPAR)) {
        /* 'with' '(' items [','] ')' ':' — else the '(' starts an expression */
        int save = p->pos;
        p->in_speculation++;
        p_next(p);
        int ok = 1;
        for (;;) {
            AstWithItem *w = with_item(p);
            if (!w || ast_seq_append(p->arena, &items, w) < 0) {
                ok = 0;
                break;
            }
            if (!p_accept(p, TOK_COMMA)) break;
            if (p_at(p, TOK_RPAR)) break;
        }
        ok = ok && p_accept(p, TOK_RPAR) && p_at(p, TOK_COLON);
        p->in_speculation--;
        if (ok) {
            done = 1;
        } else {
            if (p_keep_error(p)) return NULL;
            p->err.type = NULL;
            p->pos = save;
            items = NULL;
        }
    }
    if (!done) {
        for (;;) {
            AstWithItem *w = with_item(p);
            if (!w) return NULL;
            if (ast_seq_append(p->arena, &items, w) < 0) return p_exc(p);
            if (!p_accept(p, TOK_COMMA)) break;
        }
    }
    if (expect_colon(p, 0) < 0) return NULL;
    AstSeq *body = block(p, "'with' statement", start->lineno);
    if (!body) return NULL;
    AstStmt *s = new_stmt(p, STMT_WITH, seq_end_pos(tok_pos(start), body));
    if (!s) return NULL;
    s->v.with.items = items;
    s->v.with.body = body;
    return s;
}

static AstStmt *try_stmt(Parser *p) {
    Token *start = p_next(p);
    if (expect_colon(p, 1) < 0) return NULL;
    AstSeq *body = block(p, "'try' statement", start->lineno);
    if (!body) return NULL;
    AstSeq *handlers = NULL, *orelse = NULL, *finalbody = NULL;
    AstPos end = ((AstStmt *)SEQ_GET(body, SEQ_LEN(body) - 1))->pos;
    while (p_at(p, KW_EXCEPT)) {
        Token *et = p_next(p);
        if (p_at(p, TOK_STAR)) {
            err_format(&Exc_NotImplementedError, "except* (exception groups) is not supported");
            return p_exc(p);
        }
        AstExpr *type = NULL;
        Object *name = NULL;
        if (!p_at(p, TOK_COLON)) {
            if (p_at(p, TOK_NEWLINE)) return p_error_last(p, &Exc_SyntaxError, "expected ':'");
            type = p_expression(p);
            if (!type) return NULL;
            if (p_at(p, TOK_COMMA)) {
                /* except A, B: — CPython points at the whole list */
                AstPos first = type->pos, lastp = type->pos;
                while (p_accept(p, TOK_COMMA)) {
                    AstExpr *e = p_expression(p);
                    if (!e) return NULL;
                    lastp = e->pos;
                }
                return p_error_nodes(p, first, lastp, "multiple exception types must be parenthesized");
            }
            if (p_accept(p, KW_AS)) {
                Token *n = p_expect(p, TOK_NAME);
                if (!n) return NULL;
                name = p_name_obj(p, n);
                if (!name) return NULL;
            }
        }
        if (expect_colon(p, 0) < 0) return NULL;
        AstSeq *hbody = block(p, "'except' statement", et->lineno);
        if (!hbody) return NULL;
        AstExceptHandler *h = arena_alloc(p->arena, sizeof(AstExceptHandler));
        if (!h) return p_exc(p);
        h->type = type;
        h->name = name;
        h->body = hbody;
        h->pos = seq_end_pos(tok_pos(et), hbody);
        end = h->pos;
        if (ast_seq_append(p->arena, &handlers, h) < 0) return p_exc(p);
    }
    if (handlers && p_at(p, KW_ELSE)) {
        orelse = else_block(p);
        if (!orelse) return NULL;
        end = ((AstStmt *)SEQ_GET(orelse, SEQ_LEN(orelse) - 1))->pos;
    }
    if (p_at(p, KW_FINALLY)) {
        Token *ft = p_next(p);
        if (expect_colon(p, 1) < 0) return NULL;
        finalbody = block(p, "'finally' statement", ft->lineno);
        if (!finalbody) return NULL;
        end = ((AstStmt *)SEQ_GET(finalbody, SEQ_LEN(finalbody) - 1))->pos;
    }
    if (!handlers && !finalbody) {
        if (P_FAILED(p)) return NULL;
        return p_error_last(p, &Exc_SyntaxError, "expected 'except' or 'finally' block");
    }
    AstStmt *s = new_stmt(p, STMT_TRY, ast_pos_span(tok_pos(start), end));
    if (!s) return NULL;
    s->v.tryblock.body = body;
    s->v.tryblock.handlers = handlers;
    s->v.tryblock.orelse = orelse;
    s->v.tryblock.finalbody = finalbody;
    return s;
}

static AstStmt *funcdef(Parser *p, AstSeq *decorators) {
    Token *start = p_next(p);  /* def */
    Token *n = p_tok(p);
    if (n->type != TOK_NAME) return p_invalid_syntax(p);
    p_next(p);
    Object *name = p_name_obj(p, n);
    if (!name) return NULL;
    if (!p_at(p, TOK_LPAR)) return p_error_tok(p, p_tok(p), "expected '('");
    p_next(p);
    AstArguments *args = p_parameters(p, 0, TOK_RPAR);
    if (!args) return NULL;
    if (!p_expect(p, TOK_RPAR)) return NULL;
    AstExpr *returns = NULL;
    if (p_at(p, TOK_ARROW)) {
        /* ['->' expression] &&':' — without an expression the ':' is
         * what is missing */
        Token *arrow = p_next(p);
        returns = p_expression(p);
        if (!returns) {
            if (p_keep_error(p)) return NULL;
            p->err.type = NULL;
            return p_error_tok(p, arrow, "expected ':'");
        }
    }
    if (expect_colon(p, 1) < 0) return NULL;
    AstSeq *body = block(p, "function definition", start->lineno);
    if (!body) return NULL;
    AstStmt *s = new_stmt(p, STMT_FUNCTIONDEF, seq_end_pos(tok_pos(start), body));
    if (!s) return NULL;
    s->v.functiondef.name = name;
    s->v.functiondef.args = args;
    s->v.functiondef.body = body;
    s->v.functiondef.decorator_list = decorators;
    s->v.functiondef.returns = returns;
    return s;
}

static AstStmt *classdef(Parser *p, AstSeq *decorators) {
    Token *start = p_next(p);
    Token *n = p_tok(p);
    if (n->type != TOK_NAME) return p_invalid_syntax(p);
    p_next(p);
    Object *name = p_name_obj(p, n);
    if (!name) return NULL;
    AstSeq *bases = NULL, *keywords = NULL;
    if (p_accept(p, TOK_LPAR)) {
        if (!p_at(p, TOK_RPAR)) {
            bases = p_arguments_call(p, &keywords);
            if (!bases && P_FAILED(p)) return NULL;
        }
        if (!p_expect(p, TOK_RPAR)) return NULL;
    }
    if (expect_colon(p, 0) < 0) return NULL;
    AstSeq *body = block(p, "class definition", start->lineno);
    if (!body) return NULL;
    AstStmt *s = new_stmt(p, STMT_CLASSDEF, seq_end_pos(tok_pos(start), body));
    if (!s) return NULL;
    s->v.classdef.name = name;
    s->v.classdef.bases = bases;
    s->v.classdef.keywords = keywords;
    s->v.classdef.body = body;
    s->v.classdef.decorator_list = decorators;
    return s;
}

static AstStmt *decorated(Parser *p) {
    AstSeq *decorators = NULL;
    while (p_accept(p, TOK_AT)) {
        AstExpr *e = p_named_expression(p);
        if (!e) return NULL;
        if (ast_seq_append(p->arena, &decorators, e) < 0) return p_exc(p);
        if (!p_expect(p, TOK_NEWLINE)) return NULL;
    }
    if (p_at(p, KW_DEF)) return funcdef(p, decorators);
    if (p_at(p, KW_CLASS)) return classdef(p, decorators);
    if (p_at(p, KW_ASYNC)) {
        err_format(&Exc_NotImplementedError, "async functions are not supported");
        return p_exc(p);
    }
    return p_invalid_syntax(p);
}

/* "match" is a soft keyword: it starts a match statement only when what
 * follows parses as `match subject:` NEWLINE.  We don't support match. */
static int is_match_stmt(Parser *p) {
    TokType n = p_peek(p, 1)->type;
    if (n == TOK_NEWLINE || n == TOK_EQUAL || n == TOK_DOT || n == TOK_COMMA ||
        n == TOK_RPAR || n == TOK_COLON || n == TOK_SEMI || is_augassign(n) ||
        n == TOK_ENDMARKER)
        return 0;
    int save = p->pos, fill = p->fill;
    p->in_speculation++;
    p_next(p);
    AstExpr *e = p_star_named_expression(p);
    int yes = e && p_at(p, TOK_COMMA);
    while (e && p_accept(p, TOK_COMMA) && !p_at(p, TOK_COLON)) e = p_star_named_expression(p);
    yes = e && p_at(p, TOK_COLON) && p_peek(p, 1)->type == TOK_NEWLINE;
    p->match_no_colon = e && p_at(p, TOK_NEWLINE) ? p->pos + 1 : 0;
    p->in_speculation--;
    if (!(p->exc || p->from_lexer)) p->err.type = NULL;
    p->pos = save;
    p->fill = fill;
    return yes;
}

/* statement: compound_stmt | simple_stmts; appends to *out. */
static AstStmt *statement(Parser *p, AstSeq **out) {
    Token *t = p_tok(p);
    AstStmt *s;
    switch (t->type) {
    case KW_DEF: s = funcdef(p, NULL); break;
    case KW_CLASS: s = classdef(p, NULL); break;
    case KW_IF: s = if_stmt(p); break;
    case KW_WHILE: s = while_stmt(p); break;
    case KW_FOR: s = for_stmt(p); break;
    case KW_TRY: s = try_stmt(p); break;
    case KW_WITH: s = with_stmt(p); break;
    case TOK_AT: s = decorated(p); break;
    case KW_ASYNC: {
        TokType n = p_peek(p, 1)->type;
        if (n == KW_DEF || n == KW_FOR || n == KW_WITH) {
            err_format(&Exc_NotImplementedError, "async %s not supported",
                       n == KW_DEF ? "functions are" : n == KW_FOR ? "for loops are" : "with statements are");
            return p_exc(p);
        }
        return p_invalid_syntax(p);
    }
    case TOK_NAME:
        p->match_no_colon = 0;
        if (p_name_is(t, "match") && is_match_stmt(p)) {
            if (P_FAILED(p)) return NULL;
            err_format(&Exc_NotImplementedError, "match statements are not supported");
            return p_exc(p);
        }
        /* fall through */
    default: {
        AstSeq *tmp = NULL;
        int is_match = t->type == TOK_NAME && p_name_is(t, "match");
        if (simple_stmts(p, &tmp) < 0) {
            /* "match x" + NEWLINE: CPython's invalid_match_stmt */
            if (is_match && p->match_no_colon && p->err_generic) {
                p->err.type = NULL;
                p_error_tok(p, p_tok_at(p, p->match_no_colon - 1), "expected ':'");
            }
            return NULL;
        }
        for (int i = 0; i < SEQ_LEN(tmp); i++)
            if (!append_stmt(p, out, SEQ_GET(tmp, i))) return NULL;
        return SEQ_GET(tmp, 0);
    }
    }
    return append_stmt(p, out, s);
}

/* ---- raising ---------------------------------------------------------------------- */

/* CPython's byte offset to character offset on the error line. */
static int char_offset(const char *line, int len, int off) {
    if (off <= 0) return off;
    if (off > len + 1) off = len + 1;
    int n = utf8_char_count(line, off > len ? len : off);
    if (off > len) n++;
    return n;
}

static void raise_error(Parser *p, const char *filename) {
    SyntaxErrInfo *e = &p->err;
    int len = 0;
    const char *line = NULL;
    int has_line = 0;
    if (e->lineno >= 1) {
        line = lexer_line(p->buf, e->lineno, &len);
        has_line = line < p->buf + strlen(p->buf);
    }
    int offset = e->offset, end_offset = e->end_offset;
    int tlen = len + (has_line && e->text_newline ? 1 : 0);
    /* eval/single input gets no newline added at the end (exec does) */
    if (p->no_final_newline && has_line && line + len + 1 >= p->buf + strlen(p->buf))
        tlen = len;
    if (!e->chars && has_line) {
        offset = char_offset(line, tlen, offset);
        if (end_offset > 0) {
            if (e->end_lineno == e->lineno) {
                end_offset = char_offset(line, tlen, end_offset);
            } else {
                int elen;
                const char *eline = lexer_line(p->buf, e->end_lineno, &elen);
                end_offset = char_offset(eline, elen + 1, end_offset);
            }
        }
    }
    Object *msg = str_from_cstr(e->msg);
    Object *fn = str_from_cstr(filename);
    Object *text;
    if (e->fstring_text) {
        char *t = malloc((size_t)e->fstring_len + 3);
        text = NULL;
        if (t) {
            t[0] = '(';
            memcpy(t + 1, e->fstring_start, (size_t)e->fstring_len);
            t[e->fstring_len + 1] = ')';
            t[e->fstring_len + 2] = '\n';
            text = str_decode_utf8(t, (size_t)e->fstring_len + 3, "replace");
            free(t);
        }
    } else if (has_line && e->text_start && e->text_start < line && e->lineno == e->end_lineno) {
        /* lines joined by backslashes / a multi-line string: all of them */
        text = str_decode_utf8(e->text_start, (size_t)(line - e->text_start + tlen), "replace");
    } else {
        text = has_line ? str_decode_utf8(line, (size_t)tlen, "replace") : str_from_cstr("");
    }
    Object *ln = int_from_long(e->lineno), *off = int_from_long(offset);
    Object *eln = int_from_long(e->end_lineno), *eoff = int_from_long(end_offset);
    Object *exc = NULL;
    if (msg && fn && text && ln && off && eln && eoff) {
        Object *loc = tuple_pack(6, fn, ln, off, text, eln, eoff);
        if (loc) {
            Object *args[2] = {msg, loc};
            exc = exc_new(e->type, args, 2);
            DECREF(loc);
        }
    }
    XDECREF(msg);
    XDECREF(fn);
    XDECREF(text);
    XDECREF(ln);
    XDECREF(off);
    XDECREF(eln);
    XDECREF(eoff);
    if (exc) err_restore(exc);
}

/* After a parser error, CPython tokenizes the rest of the input: a
 * tokenizer error there replaces the parser's, and so does an unclosed
 * bracket opened on an earlier line than the error. */
static void check_rest_of_source(Parser *p) {
    if (p->from_lexer || p->no_rest_check) return;
    Token *last = p_tok_at(p, p->fill > 0 ? p->fill - 1 : 0);
    int err_line = last->lineno;
    if (last->type == TOK_ENDMARKER || last->type == TOK_ERROR) return;
    Token t;
    for (;;) {
        TokType type = lexer_next(&p->lx, &t);
        if (type == TOK_ENDMARKER) return;
        if (type == TOK_ERROR) break;
    }
    Lexer *lx = &p->lx;
    if (lx->errkind == LEXERR_SYNTAX) {
        p->err = lx->err;
    } else if (lx->err.eof_in_brackets && lx->level > 0 &&
               err_line > lx->parenlineno[lx->level - 1]) {
        int i = lx->level - 1;
        SyntaxErrInfo *e = &p->err;
        snprintf(e->msg, sizeof e->msg, "'%c' was never closed", lx->parenstack[i]);
        e->type = &Exc_SyntaxError;
        e->lineno = e->end_lineno = lx->parenlineno[i];
        e->offset = lx->parencol[i] + 1;
        e->end_offset = 0;
        e->chars = 0;
        e->text_newline = lx->parenlineno[i] >= lx->lineno - 1;
    }
}

/* A lexer error taken when fetching: EOF inside brackets is reported at
 * the innermost open bracket. */
static void fix_lexer_error(Parser *p) {
    Lexer *lx = &p->lx;
    SyntaxErrInfo *e = &p->err;
    if (lx->err.eof_in_brackets && lx->level > 0) {
        int i = lx->level - 1;
        snprintf(e->msg, sizeof e->msg, "'%c' was never closed", lx->parenstack[i]);
        e->lineno = e->end_lineno = lx->parenlineno[i];
        e->offset = lx->parencol[i] + 1;
        e->end_offset = 0;
        e->chars = 0;
        e->text_newline = lx->parenlineno[i] >= lx->lineno - 1;
    }
}

/* ---- entry points ------------------------------------------------------------------- */

static int validate_utf8(const char *s, int *bad_line, unsigned char *bad_byte) {
    int line = 1;
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        if (*u == '\n') line++;
        if (*u < 0x80) {
            u++;
            continue;
        }
        int n = *u >= 0xF0 && *u <= 0xF4 ? 4 : *u >= 0xE0 ? 3 : *u >= 0xC2 && *u < 0xE0 ? 2 : 0;
        if (*u > 0xF4) n = 0;
        for (int i = 1; i < n; i++)
            if ((u[i] & 0xC0) != 0x80) n = 0;
        if (n == 3 && ((*u == 0xE0 && u[1] < 0xA0) || (*u == 0xED && u[1] >= 0xA0))) n = 0;
        if (n == 4 && ((*u == 0xF0 && u[1] < 0x90) || (*u == 0xF4 && u[1] >= 0x90))) n = 0;
        if (n == 0) {
            *bad_line = line;
            *bad_byte = *u;
            return 0;
        }
        u += n;
    }
    return 1;
}

static AstModule *parse_module(Parser *p, int mode) {
    AstModule *mod = arena_alloc(p->arena, sizeof(AstModule));
    if (!mod) return p_exc(p);
    mod->mode = mode;
    mod->arena = p->arena;
    if (mode == MODE_EVAL) {
        AstExpr *e = p_expressions_eval(p);
        if (!e) return NULL;
        while (p_accept(p, TOK_NEWLINE)) {
        }
        if (!p_at(p, TOK_ENDMARKER)) return p_invalid_syntax(p);
        mod->expr = e;
        return mod;
    }
    if (mode == MODE_SINGLE) {
        if (p_accept(p, TOK_NEWLINE) || p_at(p, TOK_ENDMARKER)) return mod;
        if (!statement(p, &mod->body)) return NULL;
        Token *end = p_last(p);
        int fill = p->fill;
        while (p_accept(p, TOK_NEWLINE)) {
        }
        if (!p_at(p, TOK_ENDMARKER)) {
            if (P_FAILED(p)) return NULL;
            /* CPython notices before reading the next statement */
            p->fill = fill;
            return p_error_tok(p, end, "multiple statements found while compiling a single statement");
        }
        return mod;
    }
    while (!p_at(p, TOK_ENDMARKER)) {
        if (p_at(p, TOK_ERROR)) return p_invalid_syntax(p);
        if (!statement(p, &mod->body)) return NULL;
    }
    return mod;
}

static AstModule *parse_buffer(const char *buf, const char *filename, int mode,
                               int *incomplete, int no_final_newline) {
    Parser p;
    memset(&p, 0, sizeof p);
    p.no_final_newline = no_final_newline;
    p.buf = buf;
    lexer_init(&p.lx, buf);
    p.arena = arena_new();
    if (!p.arena) return NULL;
    AstModule *mod = parse_module(&p, mode);
    if (!mod && !p.exc && !p.err.type) p_invalid_syntax(&p);
    if (!mod && !p.exc) {
        if (incomplete) {
            /* unfinished input: the parser ran into the end of the text
             * (inside brackets or a triple-quoted string, after a
             * backslash, or with a block still waiting for its body);
             * an error before the end is a real error */
            Lexer *lx = &p.lx;
            if (p.from_lexer) {
                *incomplete = lx->err.eof_in_brackets ||
                              (lx->errkind == LEXERR_SYNTAX &&
                               strncmp(lx->err.msg, "unterminated triple-quoted", 26) == 0) ||
                              (lx->errkind == LEXERR_STATE &&
                               strcmp(lx->err.msg, "unexpected EOF while parsing") == 0);
            } else {
                Token *last = p_tok_at(&p, p.fill > 0 ? p.fill - 1 : 0);
                *incomplete = (last->type == TOK_ENDMARKER || last->type == TOK_DEDENT) &&
                              last->col < 0 && *last->start == '\0';
            }
        } else {
            if (p.from_lexer) fix_lexer_error(&p);
            else check_rest_of_source(&p);
            raise_error(&p, filename);
        }
    }
    for (int i = 0; i < p.nchunks; i++) free(p.chunks[i]);
    free(p.chunks);
    if (!mod) {
        arena_free(p.arena);
        return NULL;
    }
    return mod;
}

AstModule *parse_source(const char *source, const char *filename, int mode) {
    size_t len;
    char *buf = lexer_prepare_source(source, &len);
    if (!buf) return NULL;
    int bad_line;
    unsigned char bad;
    if (!validate_utf8(buf, &bad_line, &bad)) {
        char text[512];
        snprintf(text, sizeof text,
                 "Non-UTF-8 code starting with '\\x%02x' in file %.300s on line %d, but no "
                 "encoding declared; see https://peps.python.org/pep-0263/ for details",
                 bad, filename, bad_line);
        Object *msg = str_from_cstr(text);
        free(buf);
        if (msg) {
            err_set_object(&Exc_SyntaxError, msg);
            DECREF(msg);
        }
        return NULL;
    }
    size_t n = strlen(source);
    int no_nl = mode != MODE_EXEC && n > 0 && source[n - 1] != '\n' && source[n - 1] != '\r';
    AstModule *mod = parse_buffer(buf, filename, mode, NULL, no_nl);
    free(buf);
    return mod;
}

int parse_is_incomplete(const char *source) {
    size_t len;
    char *buf = lexer_prepare_source(source, &len);
    if (!buf) {
        err_clear();
        return 0;
    }
    int incomplete = 0;
    AstModule *mod = parse_buffer(buf, "<stdin>", MODE_EXEC, &incomplete, 0);
    if (mod) {
        /* complete: but a compound statement needs a blank line to end at
         * the prompt ("if x:\n  pass\n" waits for more) */
        AstSeq *body = mod->body;
        if (SEQ_LEN(body) > 0) {
            AstStmt *last = SEQ_GET(body, SEQ_LEN(body) - 1);
            int compound = last->kind == STMT_FUNCTIONDEF || last->kind == STMT_CLASSDEF ||
                           last->kind == STMT_FOR || last->kind == STMT_WHILE ||
                           last->kind == STMT_IF || last->kind == STMT_WITH ||
                           last->kind == STMT_TRY;
            /* the source must end with an empty line after the block */
            size_t n = strlen(buf);
            int blank_end = n >= 2 && buf[n - 1] == '\n' && buf[n - 2] == '\n';
            if (compound && !blank_end) incomplete = 1;
        }
        arena_free(mod->arena);
    } else {
        err_clear();
    }
    free(buf);
    return incomplete;
}
