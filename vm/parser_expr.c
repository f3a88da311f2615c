/* vm/parser_expr.c — expressions, targets, call arguments and parameters.
 *
 * One function per precedence level of CPython 3.11's grammar, from
 * `expression` (lambda, ternary) down to `atom`.  Targets are parsed as
 * expressions and then given Store/Del context (p_set_context), which is
 * also where CPython's "cannot assign to ..." messages come from.  The few
 * places that need to look further ahead (a stray expression after an
 * expression: "Perhaps you forgot a comma?", `x = y` where a condition was
 * expected) parse speculatively and restore the position.
 */
#include <string.h>

#include "vm/parser_int.h"
#include "vm/error.h"
#include "vm/objects/int.h"
#include "vm/objects/float.h"

static AstExpr *new_expr(Parser *p, ExprKind kind, AstPos pos) {
    AstExpr *e = ast_expr_new(p->arena, kind, pos);
    if (!e) p->exc = 1;
    return e;
}

static int seq_add(Parser *p, AstSeq **s, void *item) {
    if (ast_seq_append(p->arena, s, item) < 0) {
        p->exc = 1;
        return -1;
    }
    return 0;
}

static AstExpr *primary(Parser *p);
static AstExpr *atom(Parser *p);
static AstExpr *factor(Parser *p);
static AstExpr *expression_inner(Parser *p, int check);
static AstExpr *named_expression(Parser *p, int check_eq);

/* ---- names and targets --------------------------------------------------------- */

const char *p_expr_name(AstExpr *e) {
    switch (e->kind) {
    case EXPR_ATTRIBUTE: return "attribute";
    case EXPR_SUBSCRIPT: return "subscript";
    case EXPR_STARRED: return "starred";
    case EXPR_NAME: return "name";
    case EXPR_LIST: return "list";
    case EXPR_TUPLE: return "tuple";
    case EXPR_LAMBDA: return "lambda";
    case EXPR_CALL: return "function call";
    case EXPR_BOOLOP:
    case EXPR_BINOP:
    case EXPR_UNARYOP: return "expression";
    case EXPR_GENEXP: return "generator expression";
    case EXPR_YIELD:
    case EXPR_YIELDFROM: return "yield expression";
    case EXPR_AWAIT: return "await expression";
    case EXPR_LISTCOMP: return "list comprehension";
    case EXPR_SETCOMP: return "set comprehension";
    case EXPR_DICTCOMP: return "dict comprehension";
    case EXPR_DICT: return "dict literal";
    case EXPR_SET: return "set display";
    case EXPR_JOINEDSTR:
    case EXPR_FORMATTEDVALUE: return "f-string expression";
    case EXPR_CONSTANT: {
        Object *v = e->v.constant.value;
        if (v == None) return "None";
        if (v == True) return "True";
        if (v == False) return "False";
        if (v == Ellipsis) return "ellipsis";
        return "literal";
    }
    case EXPR_COMPARE: return "comparison";
    case EXPR_IFEXP: return "conditional expression";
    case EXPR_NAMEDEXPR: return "named expression";
    case EXPR_SLICE: return "slice";
    }
    return "expression";
}

AstExpr *p_invalid_target(AstExpr *e, int kind) {
    switch (e->kind) {
    case EXPR_NAME:
    case EXPR_ATTRIBUTE:
    case EXPR_SUBSCRIPT:
        return NULL;
    case EXPR_STARRED:
        if (kind == TGT_DEL) return e;
        return p_invalid_target(e->v.starred.value, kind);
    case EXPR_TUPLE:
    case EXPR_LIST:
        for (int i = 0; i < SEQ_LEN(e->v.list.elts); i++) {
            AstExpr *bad = p_invalid_target(SEQ_GET(e->v.list.elts, i), kind);
            if (bad) return bad;
        }
        return NULL;
    case EXPR_COMPARE:
        /* "for x in y in z": the target is x */
        if (kind == TGT_FOR && (intptr_t)SEQ_GET(e->v.compare.ops, 0) == CMPX_IN)
            return p_invalid_target(e->v.compare.left, kind);
        return e;
    default:
        return e;
    }
}

static void apply_context(AstExpr *e, ExprContext ctx) {
    switch (e->kind) {
    case EXPR_NAME: e->v.name.ctx = ctx; break;
    case EXPR_ATTRIBUTE: e->v.attribute.ctx = ctx; break;
    case EXPR_SUBSCRIPT: e->v.subscript.ctx = ctx; break;
    case EXPR_STARRED:
        e->v.starred.ctx = ctx;
        apply_context(e->v.starred.value, ctx);
        break;
    case EXPR_TUPLE:
    case EXPR_LIST:
        e->v.list.ctx = ctx;
        for (int i = 0; i < SEQ_LEN(e->v.list.elts); i++)
            apply_context(SEQ_GET(e->v.list.elts, i), ctx);
        break;
    default: break;
    }
}

int p_set_context(Parser *p, AstExpr *e, int kind) {
    AstExpr *bad = p_invalid_target(e, kind);
    if (bad) {
        if (kind == TGT_DEL) p_error_node(p, bad->pos, "cannot delete %s", p_expr_name(bad));
        else p_error_node(p, bad->pos, "cannot assign to %s", p_expr_name(bad));
        return -1;
    }
    apply_context(e, kind == TGT_DEL ? CTX_DEL : CTX_STORE);
    return 0;
}

/* Is e written inside parentheses of its own ("(a + b)")?  Only a group
 * keeps the inner node's position, so look at the source before it. */
int p_is_parenthesized(Parser *p, AstExpr *e) {
    int len;
    const char *line = lexer_line(p->buf, e->pos.lineno, &len);
    const char *q = line + e->pos.col_offset;
    while (q > line && (q[-1] == ' ' || q[-1] == '\t')) q--;
    return q > line && q[-1] == '(';
}

/* ---- speculation ------------------------------------------------------------------ */

typedef struct { int pos, fill; } Mark;

static Mark mark(Parser *p) {
    Mark m = {p->pos, p->fill};
    return m;
}

/* Undo a failed speculative parse (keeping real exceptions and tokenizer
 * errors, which CPython raises as soon as it meets them). */
static int reset(Parser *p, Mark m) {
    if (p_keep_error(p)) return -1;
    p->err.type = NULL;
    p->pos = m.pos;
    p->fill = m.fill;
    return 0;
}

/* Can this token start an expression?  Used to detect two expressions in
 * a row, which is never valid. */
static int starts_expression(TokType t) {
    switch (t) {
    case TOK_NAME: case TOK_NUMBER: case TOK_STRING: case TOK_LBRACE: case TOK_TILDE:
    case TOK_ELLIPSIS: case KW_NONE: case KW_TRUE: case KW_FALSE: case KW_LAMBDA:
    case KW_NOT: case KW_AWAIT: case TOK_LPAR: case TOK_LSQB:
        return 1;
    default:
        return 0;
    }
}

/* CPython's invalid_expression / invalid_legacy_expression: `a b` where a
 * complete expression is followed by another. */
static void check_expression_follows(Parser *p, AstExpr *a, int a_idx) {
    Token *a_start = p_tok_at(p, a_idx);
    if (P_FAILED(p)) return;
    Token *t = p_tok(p);
    if (!starts_expression(t->type)) return;
    int legacy = a->kind == EXPR_NAME && (p_name_is(a_start, "print") || p_name_is(a_start, "exec"));
    Mark m = mark(p);
    p->in_speculation++;
    AstExpr *b = legacy ? p_star_expressions(p) : expression_inner(p, 0);
    p->in_speculation--;
    if (!b) {
        reset(p, m);  /* a specific error met inside b stands */
        return;
    }
    if (legacy) {
        const char *id = a_start->start;
        int n = a_start->len;
        p->pos = m.pos;
        p_error_nodes(p, a->pos, b->pos, "Missing parentheses in call to '%.*s'. Did you mean %.*s(...)?",
                      n, id, n, id);
        return;
    }
    int level = p_last(p)->level;
    /* not for NAME STRING (prefixes gone wrong) nor soft keywords */
    int excluded = a_start->type == TOK_NAME &&
                   (p_tok_at(p, a_idx + 1)->type == TOK_STRING || p_name_is(a_start, "match") ||
                    p_name_is(a_start, "case") || p_name_is(a_start, "_"));
    if (level == 0 || excluded) {
        reset(p, m);
        return;
    }
    p->pos = m.pos;
    p_error_nodes(p, a->pos, b->pos, "invalid syntax. Perhaps you forgot a comma?");
}

/* ---- comprehensions ---------------------------------------------------------------- */

/* for_if_clauses: ('for' star_targets 'in' disjunction ('if' disjunction)*)+ */
static AstSeq *for_if_clauses(Parser *p) {
    AstSeq *gens = NULL;
    while (p_at(p, KW_FOR) || p_at(p, KW_ASYNC)) {
        if (p_at(p, KW_ASYNC)) {
            err_format(&Exc_NotImplementedError, "asynchronous comprehensions are not supported");
            return p_exc(p);
        }
        p_next(p);
        int tstart = p->pos;
        AstExpr *target = p_star_targets(p);
        if (!target) return NULL;
        if (!p_at(p, KW_IN)) {
            /* "[x for x i n y]": CPython's invalid_for_target meets two
             * expressions in a row inside the brackets */
            if (target->kind != EXPR_TUPLE) check_expression_follows(p, target, tstart);
            return p_invalid_syntax(p);
        }
        p_next(p);
        AstExpr *iter = p_disjunction(p);
        if (!iter) return NULL;
        AstComprehension *c = arena_alloc(p->arena, sizeof(AstComprehension));
        if (!c) return p_exc(p);
        c->target = target;
        c->iter = iter;
        while (p_accept(p, KW_IF)) {
            AstExpr *cond = p_disjunction(p);
            if (!cond || seq_add(p, &c->ifs, cond) < 0) return NULL;
        }
        if (seq_add(p, &gens, c) < 0) return NULL;
    }
    return gens;
}

static AstExpr *comprehension(Parser *p, ExprKind kind, AstExpr *elt, Token *open, TokType close) {
    AstSeq *gens = for_if_clauses(p);
    if (!gens) return NULL;
    if (!p_expect(p, close)) return NULL;
    AstExpr *e = new_expr(p, kind, p_pos_tok(p, open));
    if (!e) return NULL;
    e->v.listcomp.elt = elt;
    e->v.listcomp.generators = gens;
    return e;
}

/* ---- atoms --------------------------------------------------------------------------- */

static AstExpr *constant(Parser *p, Object *v, AstPos pos) {
    if (!v) return p_exc(p);
    if (arena_own(p->arena, v) < 0) return p_exc(p);
    AstExpr *e = new_expr(p, EXPR_CONSTANT, pos);
    if (e) e->v.constant.value = v;
    return e;
}

static AstExpr *number(Parser *p, Token *t) {
    const char *s = t->start;
    int n = t->len;
    char last = s[n - 1];
    if (last == 'j' || last == 'J') {
        err_format(&Exc_NotImplementedError, "complex numbers are not supported");
        return p_exc(p);
    }
    int is_float = 0;
    if (!(n > 1 && s[0] == '0' && strchr("xXoObB", s[1]))) {
        for (int i = 0; i < n; i++)
            if (s[i] == '.' || s[i] == 'e' || s[i] == 'E') is_float = 1;
    }
    Object *v = is_float ? float_from_string(s, (size_t)n) : int_from_string(s, (size_t)n, 0);
    return constant(p, v, tok_pos(t));
}

/* '(' ... ')': tuple, group, generator expression or yield */
static AstExpr *paren_atom(Parser *p) {
    Token *open = p_next(p);
    if (p_accept(p, TOK_RPAR)) {
        AstExpr *e = new_expr(p, EXPR_TUPLE, p_pos_tok(p, open));
        return e;
    }
    if (p_at(p, KW_YIELD)) {
        AstExpr *e = p_yield_expr(p);
        if (!e || !p_expect(p, TOK_RPAR)) return NULL;
        return e;
    }
    if (p_at(p, TOK_DOUBLESTAR)) {
        Token *st = p_next(p);
        AstExpr *v = p_bitwise_or(p);
        if (!v) return NULL;
        if (p_at(p, TOK_RPAR))
            return p_error_tok(p, st, "cannot use double starred expression here");
        return p_invalid_syntax(p);
    }
    AstExpr *first = p_star_named_expression(p);
    if (!first) return NULL;
    if (p_at(p, KW_FOR) || p_at(p, KW_ASYNC)) {
        if (first->kind == EXPR_STARRED) return p_error_node(p, first->pos, "iterable unpacking cannot be used in comprehension");
        return comprehension(p, EXPR_GENEXP, first, open, TOK_RPAR);
    }
    if (p_accept(p, TOK_RPAR)) {
        if (first->kind == EXPR_STARRED)
            return p_error_node(p, first->pos, "cannot use starred expression here");
        return first;  /* a group keeps the inner expression's position */
    }
    if (!p_at(p, TOK_COMMA)) {
        if (first->kind == EXPR_NAMEDEXPR || P_FAILED(p)) return p_invalid_syntax(p);
        return p_invalid_syntax(p);
    }
    AstSeq *elts = NULL;
    if (seq_add(p, &elts, first) < 0) return NULL;
    while (p_accept(p, TOK_COMMA)) {
        if (p_at(p, TOK_RPAR)) break;
        AstExpr *e = p_star_named_expression(p);
        if (!e || seq_add(p, &elts, e) < 0) return NULL;
    }
    if (!p_expect(p, TOK_RPAR)) return NULL;
    AstExpr *t = new_expr(p, EXPR_TUPLE, p_pos_tok(p, open));
    if (t) t->v.list.elts = elts;
    return t;
}

static AstSeq *for_if_clauses(Parser *p);

/* "[a, b for a, b in c]" (when the clauses themselves parse) */
static AstExpr *comp_target_error(Parser *p, AstSeq *elts) {
    AstExpr *a = SEQ_GET(elts, 0), *b = SEQ_GET(elts, SEQ_LEN(elts) - 1);
    Mark m = mark(p);
    AstSeq *gens = for_if_clauses(p);
    if (!gens) {
        if (reset(p, m) == 0) p_invalid_syntax(p);
        return NULL;
    }
    p->pos = m.pos;
    p->fill = m.fill;
    return p_error_nodes(p, a->pos, b->pos, "did you forget parentheses around the comprehension target?");
}

static AstExpr *list_atom(Parser *p) {
    Token *open = p_next(p);
    AstSeq *elts = NULL;
    if (!p_at(p, TOK_RSQB)) {
        AstExpr *first = p_star_named_expression(p);
        if (!first) return NULL;
        if (p_at(p, KW_FOR) || p_at(p, KW_ASYNC)) {
            if (first->kind == EXPR_STARRED)
                return p_error_node(p, first->pos, "iterable unpacking cannot be used in comprehension");
            return comprehension(p, EXPR_LISTCOMP, first, open, TOK_RSQB);
        }
        if (seq_add(p, &elts, first) < 0) return NULL;
        while (p_accept(p, TOK_COMMA)) {
            if (p_at(p, TOK_RSQB)) break;
            AstExpr *e = p_star_named_expression(p);
            if (!e || seq_add(p, &elts, e) < 0) return NULL;
        }
        if (p_at(p, KW_FOR) && SEQ_LEN(elts) > 1) return comp_target_error(p, elts);
    }
    if (!p_expect(p, TOK_RSQB)) return NULL;
    AstExpr *l = new_expr(p, EXPR_LIST, p_pos_tok(p, open));
    if (l) l->v.list.elts = elts;
    return l;
}

static AstExpr *brace_atom(Parser *p) {
    Token *open = p_next(p);
    if (p_accept(p, TOK_RBRACE)) return new_expr(p, EXPR_DICT, p_pos_tok(p, open));
    AstSeq *keys = NULL, *values = NULL;
    AstExpr *first;
    int is_dict;
    if (p_at(p, TOK_DOUBLESTAR)) {
        Token *st = p_next(p);
        first = p_bitwise_or(p);
        if (!first) return NULL;
        if (p_at(p, KW_FOR))
            return p_error_tok(p, st, "dict unpacking cannot be used in dict comprehension");
        if (seq_add(p, &keys, NULL) < 0 || seq_add(p, &values, first) < 0) return NULL;
        is_dict = 1;
    } else {
        first = p_star_named_expression(p);
        if (!first) return NULL;
        if (first->kind != EXPR_STARRED && p_accept(p, TOK_COLON)) {
            AstExpr *v = p_expression(p);
            if (!v) return NULL;
            if (p_at(p, KW_FOR) || p_at(p, KW_ASYNC)) {
                AstSeq *gens = for_if_clauses(p);
                if (!gens || !p_expect(p, TOK_RBRACE)) return NULL;
                AstExpr *e = new_expr(p, EXPR_DICTCOMP, p_pos_tok(p, open));
                if (!e) return NULL;
                e->v.dictcomp.key = first;
                e->v.dictcomp.value = v;
                e->v.dictcomp.generators = gens;
                return e;
            }
            if (seq_add(p, &keys, first) < 0 || seq_add(p, &values, v) < 0) return NULL;
            is_dict = 1;
        } else {
            if (p_at(p, KW_FOR) || p_at(p, KW_ASYNC)) {
                if (first->kind == EXPR_STARRED)
                    return p_error_node(p, first->pos, "iterable unpacking cannot be used in comprehension");
                return comprehension(p, EXPR_SETCOMP, first, open, TOK_RBRACE);
            }
            if (seq_add(p, &values, first) < 0) return NULL;
            is_dict = 0;
        }
    }
    while (p_accept(p, TOK_COMMA)) {
        if (p_at(p, TOK_RBRACE)) break;
        if (is_dict) {
            AstExpr *k = NULL, *v;
            if (p_accept(p, TOK_DOUBLESTAR)) {
                v = p_bitwise_or(p);
                if (!v) return NULL;
            } else {
                k = expression_inner(p, 0);
                if (!k) return NULL;
                if (!p_at(p, TOK_COLON)) {
                    /* CPython points just before the key's end */
                    return p_error_range(p, &Exc_SyntaxError, k->pos.lineno, k->pos.end_col_offset - 1,
                                         k->pos.end_lineno, -1, "':' expected after dictionary key");
                }
                p_next(p);
                v = p_expression(p);
                if (!v) return NULL;
            }
            if (seq_add(p, &keys, k) < 0 || seq_add(p, &values, v) < 0) return NULL;
        } else {
            AstExpr *e = p_star_named_expression(p);
            if (!e || seq_add(p, &values, e) < 0) return NULL;
        }
    }
    if (!is_dict && p_at(p, KW_FOR) && SEQ_LEN(values) > 1) return comp_target_error(p, values);
    if (!p_expect(p, TOK_RBRACE)) return NULL;
    AstExpr *e = new_expr(p, is_dict ? EXPR_DICT : EXPR_SET, p_pos_tok(p, open));
    if (!e) return NULL;
    if (is_dict) {
        e->v.dict.keys = keys;
        e->v.dict.values = values;
    } else {
        e->v.set.elts = values;
    }
    return e;
}

static AstExpr *atom(Parser *p) {
    Token *t = p_tok(p);
    switch (t->type) {
    case TOK_NAME:
        p_next(p);
        return p_make_name(p, t, CTX_LOAD);
    case TOK_NUMBER:
        p_next(p);
        return number(p, t);
    case TOK_STRING:
        return p_strings(p);
    case KW_NONE:
        p_next(p);
        return constant(p, NEWREF(None), tok_pos(t));
    case KW_TRUE:
        p_next(p);
        return constant(p, NEWREF(True), tok_pos(t));
    case KW_FALSE:
        p_next(p);
        return constant(p, NEWREF(False), tok_pos(t));
    case TOK_ELLIPSIS:
        p_next(p);
        return constant(p, NEWREF(Ellipsis), tok_pos(t));
    case TOK_LPAR: return paren_atom(p);
    case TOK_LSQB: return list_atom(p);
    case TOK_LBRACE: return brace_atom(p);
    default:
        return p_invalid_syntax(p);
    }
}

/* ---- primaries ---------------------------------------------------------------------- */

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static AstExpr *slice_item(Parser *p) {
    Token *start = p_tok(p);
    if (p_at(p, TOK_STAR)) return p_star_named_expression(p);
    AstExpr *lower = NULL, *upper = NULL, *step = NULL;
    if (!p_at(p, TOK_COLON)) {
        lower = p_named_expression(p);
        if (!lower) return NULL;
        if (!p_at(p, TOK_COLON)) return lower;
    }
    p_next(p);  /* ':' */
    if (!p_at(p, TOK_COLON) && !p_at(p, TOK_COMMA) && !p_at(p, TOK_RSQB)) {
        upper = p_expression(p);
        if (!upper) return NULL;
    }
    if (p_accept(p, TOK_COLON)) {
        if (!p_at(p, TOK_COMMA) && !p_at(p, TOK_RSQB)) {
            step = p_expression(p);
            if (!step) return NULL;
        }
    }
    AstExpr *e = new_expr(p, EXPR_SLICE, p_pos_tok(p, start));
    if (!e) return NULL;
    e->v.slice.lower = lower;
    e->v.slice.upper = upper;
    e->v.slice.step = step;
    return e;
}

static AstExpr *slices(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *first = slice_item(p);
    if (!first) return NULL;
    if (!p_at(p, TOK_COMMA) && first->kind != EXPR_STARRED) return first;
    AstSeq *elts = NULL;
    if (seq_add(p, &elts, first) < 0) return NULL;
    while (p_accept(p, TOK_COMMA)) {
        if (p_at(p, TOK_RSQB)) break;
        AstExpr *e = slice_item(p);
        if (!e || seq_add(p, &elts, e) < 0) return NULL;
    }
    AstExpr *t = new_expr(p, EXPR_TUPLE, p_pos_tok(p, start));
    if (t) t->v.list.elts = elts;
    return t;
}

static int is_kwarg_start(Parser *p) {
    return p_at(p, TOK_NAME) && p_peek(p, 1)->type == TOK_EQUAL;
}

/* args inside a call's parentheses (the '(' is consumed, the ')' is not).
 * Returns the positional arguments; keywords via *keywords.  A NULL return
 * with no error means no positional arguments. */
AstSeq *p_arguments_call(Parser *p, AstSeq **keywords) {
    AstSeq *args = NULL;
    int seen_kw = 0, seen_dstar = 0;
    Token *open = p_last(p);
    *keywords = NULL;
    for (;;) {
        if (p_at(p, TOK_RPAR)) break;
        Token *start = p_tok(p);
        if (p_at(p, TOK_DOUBLESTAR)) {
            p_next(p);
            AstExpr *v = p_expression(p);
            if (!v) return NULL;
            AstKeyword *k = arena_alloc(p->arena, sizeof(AstKeyword));
            if (!k) return p_exc(p);
            k->value = v;
            k->pos = p_pos_tok(p, start);
            if (seq_add(p, keywords, k) < 0) return NULL;
            seen_dstar = 1;
        } else if (p_at(p, TOK_STAR)) {
            p_next(p);
            if (seen_dstar)
                return p_error_tok(p, start,
                                   "iterable argument unpacking follows keyword argument unpacking");
            AstExpr *v = p_expression(p);
            if (!v) return NULL;
            AstExpr *e = new_expr(p, EXPR_STARRED, p_pos_tok(p, start));
            if (!e) return NULL;
            e->v.starred.value = v;
            if (seq_add(p, &args, e) < 0) return NULL;
        } else if (is_kwarg_start(p)) {
            Token *n = p_next(p);
            Token *eq = p_next(p);
            AstExpr *v = p_expression(p);
            if (!v) return NULL;
            if (p_at(p, KW_FOR))
                return p_error_nodes(p, tok_pos(n), tok_pos(eq),
                                     "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            AstKeyword *k = arena_alloc(p->arena, sizeof(AstKeyword));
            if (!k) return p_exc(p);
            k->arg = p_name_obj(p, n);
            if (!k->arg) return NULL;
            k->value = v;
            k->pos = p_pos_tok(p, start);
            if (seq_add(p, keywords, k) < 0) return NULL;
            seen_kw = 1;
        } else {
            if ((p_at(p, KW_TRUE) || p_at(p, KW_FALSE) || p_at(p, KW_NONE)) &&
                p_peek(p, 1)->type == TOK_EQUAL) {
                p_next(p);
                return p_error_nodes(p, tok_pos(start), tok_pos(p_tok(p)), "cannot assign to %.*s",
                                     start->len, start->start);
            }
            AstExpr *e = named_expression(p, 0);
            if (!e) return NULL;
            if (p_at(p, TOK_EQUAL)) {
                Token *eq = p_tok(p);
                return p_error_nodes(p, e->pos, tok_pos(eq),
                                     "expression cannot contain assignment, perhaps you meant \"==\"?");
            }
            if (p_at(p, KW_FOR) || p_at(p, KW_ASYNC)) {
                /* a generator expression: must be the sole argument */
                int sole = args == NULL && *keywords == NULL;
                AstSeq *gens = for_if_clauses(p);
                if (!gens) return NULL;
                AstExpr *g = new_expr(p, EXPR_GENEXP, p_pos_tok(p, open));
                if (!g) return NULL;
                g->v.listcomp.elt = e;
                g->v.listcomp.generators = gens;
                if (!sole || !p_at(p, TOK_RPAR)) {
                    if (p_at(p, TOK_RPAR) || p_at(p, TOK_COMMA)) {
                        AstComprehension *lc = SEQ_GET(gens, SEQ_LEN(gens) - 1);
                        AstExpr *endx = SEQ_LEN(lc->ifs) ? SEQ_GET(lc->ifs, SEQ_LEN(lc->ifs) - 1) : lc->iter;
                        return p_error_nodes(p, e->pos, endx->pos,
                                             "Generator expression must be parenthesized");
                    }
                    return p_invalid_syntax(p);
                }
                g->pos = (AstPos){open->lineno, open->col, p_tok(p)->end_lineno, p_tok(p)->end_col};
                if (seq_add(p, &args, g) < 0) return NULL;
                break;
            }
            if (seen_kw || seen_dstar) {
                return p_error_last(p, &Exc_SyntaxError,
                                    seen_dstar ? "positional argument follows keyword argument unpacking"
                                               : "positional argument follows keyword argument");
            }
            if (seq_add(p, &args, e) < 0) return NULL;
        }
        if (!p_accept(p, TOK_COMMA)) break;
    }
    return args;
}

static AstExpr *primary(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = atom(p);
    if (!e) return NULL;
    for (;;) {
        TokType t = p_type(p);
        if (t == TOK_DOT) {
            p_next(p);
            Token *n = p_tok(p);
            if (n->type != TOK_NAME) return p_invalid_syntax(p);
            p_next(p);
            AstExpr *a = new_expr(p, EXPR_ATTRIBUTE, p_pos_tok(p, start));
            if (!a) return NULL;
            a->v.attribute.value = e;
            a->v.attribute.attr = p_name_obj(p, n);
            if (!a->v.attribute.attr) return NULL;
            e = a;
        } else if (t == TOK_LPAR) {
            p_next(p);
            AstSeq *kws;
            AstSeq *args = p_arguments_call(p, &kws);
            if (P_FAILED(p)) return NULL;
            if (!p_expect(p, TOK_RPAR)) return NULL;
            AstExpr *c = new_expr(p, EXPR_CALL, p_pos_tok(p, start));
            if (!c) return NULL;
            c->v.call.func = e;
            c->v.call.args = args;
            c->v.call.keywords = kws;
            e = c;
        } else if (t == TOK_LSQB) {
            p_next(p);
            AstExpr *s = slices(p);
            if (!s || !p_expect(p, TOK_RSQB)) return NULL;
            AstExpr *sub = new_expr(p, EXPR_SUBSCRIPT, p_pos_tok(p, start));
            if (!sub) return NULL;
            sub->v.subscript.value = e;
            sub->v.subscript.slice = s;
            e = sub;
        } else {
            return e;
        }
    }
}

/* ---- operators ------------------------------------------------------------------------ */

/* Operator nodes span from the first token of their left operand (which
 * may be a parenthesis) to the last token consumed, as CPython's EXTRA. */
static AstExpr *binop(Parser *p, Token *start, AstExpr *l, int op, AstExpr *r) {
    AstExpr *e = new_expr(p, EXPR_BINOP, p_pos_tok(p, start));
    if (!e) return NULL;
    e->v.binop.left = l;
    e->v.binop.op = op;
    e->v.binop.right = r;
    return e;
}

/* power: await_primary ['**' factor] */
static AstExpr *power(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e;
    if (p_at(p, KW_AWAIT)) {
        Token *t = p_next(p);
        AstExpr *v = primary(p);
        if (!v) return NULL;
        e = new_expr(p, EXPR_AWAIT, p_pos_tok(p, t));
        if (!e) return NULL;
        e->v.yield.value = v;
    } else {
        e = primary(p);
        if (!e) return NULL;
    }
    if (p_accept(p, TOK_DOUBLESTAR)) {
        AstExpr *r = factor(p);
        if (!r) return NULL;
        return binop(p, start, e, BINOP_POW, r);
    }
    return e;
}

static AstExpr *factor(Parser *p) {
    TokType t = p_type(p);
    if (t == TOK_PLUS || t == TOK_MINUS || t == TOK_TILDE) {
        Token *tok = p_next(p);
        if (p_enter(p) < 0) return NULL;
        AstExpr *v = factor(p);
        p_leave(p);
        if (!v) return NULL;
        AstExpr *e = new_expr(p, EXPR_UNARYOP, p_pos_tok(p, tok));
        if (!e) return NULL;
        e->v.unaryop.op = t == TOK_PLUS ? UNARY_UADD : t == TOK_MINUS ? UNARY_USUB : UNARY_INVERT;
        e->v.unaryop.operand = v;
        return e;
    }
    return power(p);
}

static AstExpr *term(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = factor(p);
    while (e) {
        TokType t = p_type(p);
        if (t != TOK_STAR && t != TOK_SLASH && t != TOK_DOUBLESLASH && t != TOK_PERCENT &&
            t != TOK_AT)
            break;
        p_next(p);
        AstExpr *r = factor(p);
        if (!r) return NULL;
        e = binop(p, start, e, (int)(t - TOK_PLUS), r);
    }
    return e;
}

static AstExpr *arith(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = term(p);
    while (e && (p_at(p, TOK_PLUS) || p_at(p, TOK_MINUS))) {
        TokType t = p_next(p)->type;
        AstExpr *r = term(p);
        if (!r) return NULL;
        e = binop(p, start, e, (int)(t - TOK_PLUS), r);
    }
    return e;
}

static AstExpr *shift(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = arith(p);
    while (e && (p_at(p, TOK_LSHIFT) || p_at(p, TOK_RSHIFT))) {
        TokType t = p_next(p)->type;
        AstExpr *r = arith(p);
        if (!r) return NULL;
        e = binop(p, start, e, (int)(t - TOK_PLUS), r);
    }
    return e;
}

static AstExpr *bitand(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = shift(p);
    while (e && p_accept(p, TOK_AMPER)) {
        AstExpr *r = shift(p);
        if (!r) return NULL;
        e = binop(p, start, e, BINOP_AND, r);
    }
    return e;
}

static AstExpr *bitxor(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = bitand(p);
    while (e && p_accept(p, TOK_CIRCUMFLEX)) {
        AstExpr *r = bitand(p);
        if (!r) return NULL;
        e = binop(p, start, e, BINOP_XOR, r);
    }
    return e;
}

AstExpr *p_bitwise_or(Parser *p) {
    Token *start = p_tok(p);
    if (p_enter(p) < 0) return NULL;
    AstExpr *e = bitxor(p);
    while (e && p_accept(p, TOK_VBAR)) {
        AstExpr *r = bitxor(p);
        if (!r) {
            e = NULL;
            break;
        }
        e = binop(p, start, e, BINOP_OR, r);
    }
    p_leave(p);
    return e;
}

/* The comparison operator at the current token (consuming it), or -1. */
static int comp_op(Parser *p) {
    Token *t = p_tok(p);
    int op;
    switch (t->type) {
    case TOK_LESS: op = CMP_LT; break;
    case TOK_LESSEQUAL: op = CMP_LE; break;
    case TOK_EQEQUAL: op = CMP_EQ; break;
    case TOK_NOTEQUAL:
        if (t->start[0] == '<') return -1;  /* "<>" */
        op = CMP_NE;
        break;
    case TOK_GREATER: op = CMP_GT; break;
    case TOK_GREATEREQUAL: op = CMP_GE; break;
    case KW_IN: op = CMPX_IN; break;
    case KW_IS:
        p_next(p);
        return p_accept(p, KW_NOT) ? CMPX_IS_NOT : CMPX_IS;
    case KW_NOT:
        if (p_peek(p, 1)->type != KW_IN) return -1;
        p_next(p);
        op = CMPX_NOT_IN;
        break;
    default: return -1;
    }
    p_next(p);
    return op;
}

static AstExpr *comparison(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *e = p_bitwise_or(p);
    if (!e) return NULL;
    int op = comp_op(p);
    if (op < 0) return e;
    AstSeq *ops = NULL, *comps = NULL;
    while (op >= 0) {
        AstExpr *r = p_bitwise_or(p);
        if (!r) return NULL;
        if (seq_add(p, &ops, (void *)(intptr_t)op) < 0 || seq_add(p, &comps, r) < 0) return NULL;
        op = comp_op(p);
    }
    AstExpr *c = new_expr(p, EXPR_COMPARE, p_pos_tok(p, start));
    if (!c) return NULL;
    c->v.compare.left = e;
    c->v.compare.ops = ops;
    c->v.compare.comparators = comps;
    return c;
}

static AstExpr *inversion(Parser *p) {
    if (p_at(p, KW_NOT)) {
        Token *t = p_next(p);
        if (p_enter(p) < 0) return NULL;
        AstExpr *v = inversion(p);
        p_leave(p);
        if (!v) return NULL;
        AstExpr *e = new_expr(p, EXPR_UNARYOP, p_pos_tok(p, t));
        if (!e) return NULL;
        e->v.unaryop.op = UNARY_NOT;
        e->v.unaryop.operand = v;
        return e;
    }
    return comparison(p);
}

static AstExpr *boolop(Parser *p, TokType kw, AstExpr *(*sub)(Parser *)) {
    Token *start = p_tok(p);
    AstExpr *e = sub(p);
    if (!e || !p_at(p, kw)) return e;
    AstSeq *values = NULL;
    if (seq_add(p, &values, e) < 0) return NULL;
    while (p_accept(p, kw)) {
        AstExpr *r = sub(p);
        if (!r || seq_add(p, &values, r) < 0) return NULL;
    }
    AstExpr *b = new_expr(p, EXPR_BOOLOP, p_pos_tok(p, start));
    if (!b) return NULL;
    b->v.boolop.op = kw == KW_AND ? BOOL_AND : BOOL_OR;
    b->v.boolop.values = values;
    return b;
}

static AstExpr *conjunction(Parser *p) { return boolop(p, KW_AND, inversion); }
AstExpr *p_disjunction(Parser *p) { return boolop(p, KW_OR, conjunction); }

static AstExpr *lambdef(Parser *p) {
    Token *start = p_next(p);
    AstArguments *args = p_parameters(p, 1, TOK_COLON);
    if (!args) return NULL;
    if (!p_at(p, TOK_COLON)) return p_invalid_syntax(p);
    p_next(p);
    AstExpr *body = p_expression(p);
    if (!body) return NULL;
    AstExpr *e = new_expr(p, EXPR_LAMBDA, p_pos_tok(p, start));
    if (!e) return NULL;
    e->v.lambda.args = args;
    e->v.lambda.body = body;
    return e;
}

/* expression: disjunction ['if' disjunction 'else' expression] | lambdef */
static AstExpr *expression_inner(Parser *p, int check) {
    if (p_enter(p) < 0) return NULL;
    AstExpr *e;
    if (p_at(p, KW_LAMBDA)) {
        e = lambdef(p);
        p_leave(p);
        return e;
    }
    int start = p->pos;
    e = p_disjunction(p);
    if (e && p_at(p, KW_IF)) {
        p_next(p);
        AstExpr *test = p_disjunction(p);
        if (!test) goto fail;
        if (!p_at(p, KW_ELSE)) {
            if (!p_at(p, TOK_COLON))
                p_error_nodes(p, e->pos, test->pos, "expected 'else' after 'if' expression");
            else
                p_invalid_syntax(p);
            goto fail;
        }
        p_next(p);
        AstExpr *orelse = p_expression(p);
        if (!orelse) goto fail;
        AstExpr *x = new_expr(p, EXPR_IFEXP, p_pos_tok(p, p_tok_at(p, start)));
        if (!x) goto fail;
        x->v.ifexp.test = test;
        x->v.ifexp.body = e;
        x->v.ifexp.orelse = orelse;
        e = x;
    } else if (e && check) {
        check_expression_follows(p, e, start);
        if (P_FAILED(p)) e = NULL;
    }
    p_leave(p);
    return e;
fail:
    p_leave(p);
    return NULL;
}

AstExpr *p_expression(Parser *p) { return expression_inner(p, 1); }

/* At a '=': is it followed by one bitwise_or and no further '=' / ':='?
 * (CPython's invalid_named_expression, which gives "... here. Maybe you
 * meant '==' instead of '='?").  The position is restored. */
int p_rhs_is_single_assign(Parser *p) {
    Mark m = mark(p);
    p_next(p);
    p->in_speculation++;
    AstExpr *b = p_bitwise_or(p);
    p->in_speculation--;
    int ok = b && !p_at(p, TOK_EQUAL) && !p_at(p, TOK_COLONEQUAL);
    if (!b && reset(p, m) < 0) return 0;
    p->pos = m.pos;
    p->fill = m.fill;
    return ok;
}

/* named_expression: NAME ':=' expression | expression !':=' */
AstExpr *p_named_expression(Parser *p) { return named_expression(p, 1); }

static AstExpr *named_expression(Parser *p, int check_eq) {
    Token *t = p_tok(p);
    if (t->type == TOK_NAME && p_peek(p, 1)->type == TOK_COLONEQUAL) {
        p_next(p);
        p_next(p);
        AstExpr *v = p_expression(p);
        if (!v) return NULL;
        AstExpr *target = p_make_name(p, t, CTX_STORE);
        if (!target) return NULL;
        AstExpr *e = new_expr(p, EXPR_NAMEDEXPR, p_pos_tok(p, t));
        if (!e) return NULL;
        e->v.namedexpr.target = target;
        e->v.namedexpr.value = v;
        return e;
    }
    AstExpr *e = p_expression(p);
    if (!e) return NULL;
    if (p_at(p, TOK_COLONEQUAL))
        return p_error_node(p, e->pos, "cannot use assignment expressions with %s", p_expr_name(e));
    if (check_eq && p_at(p, TOK_EQUAL) && !p->in_speculation) {
        /* `if x = 1:` — CPython's invalid_named_expression */
        Mark m = mark(p);
        p_next(p);
        p->in_speculation++;
        AstExpr *b = p_bitwise_or(p);
        p->in_speculation--;
        int ok = b && !p_at(p, TOK_EQUAL) && !p_at(p, TOK_COLONEQUAL);
        if (!ok) {
            if (reset(p, m) < 0) return NULL;
            return e;
        }
        p->pos = m.pos;
        if (e->kind == EXPR_NAME)
            return p_error_nodes(p, e->pos, b->pos,
                                 "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        if (e->kind != EXPR_LIST && e->kind != EXPR_TUPLE && e->kind != EXPR_GENEXP &&
            !(e->kind == EXPR_CONSTANT && t->type >= KW_FALSE && t->type <= KW_TRUE) &&
            e->kind != EXPR_COMPARE && e->kind != EXPR_BOOLOP && e->kind != EXPR_IFEXP &&
            e->kind != EXPR_LAMBDA &&
            !(e->kind == EXPR_UNARYOP && e->v.unaryop.op == UNARY_NOT))
            return p_error_node(p, e->pos,
                                "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                                p_expr_name(e));
        if (reset(p, m) < 0) return NULL;
    }
    return e;
}

static AstExpr *starred(Parser *p) {
    Token *st = p_next(p);
    AstExpr *v = p_bitwise_or(p);
    if (!v) return NULL;
    AstExpr *e = new_expr(p, EXPR_STARRED, p_pos_tok(p, st));
    if (e) e->v.starred.value = v;
    return e;
}

AstExpr *p_star_named_expression(Parser *p) {
    if (p_at(p, TOK_STAR)) return starred(p);
    return p_named_expression(p);
}

static AstExpr *star_expression(Parser *p) {
    if (p_at(p, TOK_STAR)) return starred(p);
    return p_expression(p);
}

static int ends_expression_list(TokType t) {
    switch (t) {
    case TOK_NEWLINE: case TOK_SEMI: case TOK_EQUAL: case TOK_RPAR: case TOK_RSQB:
    case TOK_RBRACE: case TOK_COLON: case TOK_ENDMARKER: case KW_IN: case KW_FOR:
        return 1;
    default:
        return t >= TOK_PLUSEQUAL && t <= TOK_ATEQUAL;
    }
}

/* star_expressions: star_expression (',' star_expression)* [','] */
AstExpr *p_star_expressions(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *first = star_expression(p);
    if (!first || !p_at(p, TOK_COMMA)) return first;
    AstSeq *elts = NULL;
    if (seq_add(p, &elts, first) < 0) return NULL;
    while (p_accept(p, TOK_COMMA)) {
        if (ends_expression_list(p_type(p))) break;
        AstExpr *e = star_expression(p);
        if (!e || seq_add(p, &elts, e) < 0) return NULL;
    }
    AstExpr *t = new_expr(p, EXPR_TUPLE, p_pos_tok(p, start));
    if (t) t->v.list.elts = elts;
    p->bare_tuple = t;
    return t;
}

AstExpr *p_expressions_eval(Parser *p) {
    Token *start = p_tok(p);
    AstExpr *first = p_expression(p);
    if (!first || !p_at(p, TOK_COMMA)) return first;
    AstSeq *elts = NULL;
    if (seq_add(p, &elts, first) < 0) return NULL;
    while (p_accept(p, TOK_COMMA)) {
        if (ends_expression_list(p_type(p))) break;
        AstExpr *e = p_expression(p);
        if (!e || seq_add(p, &elts, e) < 0) return NULL;
    }
    AstExpr *t = new_expr(p, EXPR_TUPLE, p_pos_tok(p, start));
    if (t) t->v.list.elts = elts;
    return t;
}

/* star_targets for `for` loops and comprehensions, Store context. */
AstExpr *p_star_targets(Parser *p) {
    Token *start = p_tok(p);
    AstSeq *elts = NULL;
    AstExpr *first = NULL;
    int comma = 0;
    for (;;) {
        AstExpr *e = p_at(p, TOK_STAR) ? starred(p) : p_bitwise_or(p);
        if (!e) return NULL;
        if (!first) first = e;
        if (seq_add(p, &elts, e) < 0) return NULL;
        if (!p_at(p, TOK_COMMA)) break;
        p_next(p);
        comma = 1;
        TokType t = p_type(p);
        if (t == KW_IN || t == TOK_EQUAL || t == TOK_COLON || t == TOK_RPAR || t == TOK_NEWLINE)
            break;
    }
    AstExpr *target = first;
    if (comma) {
        target = new_expr(p, EXPR_TUPLE, p_pos_tok(p, start));
        if (!target) return NULL;
        target->v.list.elts = elts;
    }
    if (p_set_context(p, target, TGT_FOR) < 0) return NULL;
    return target;
}

/* A single star_target (with ... as target), Store context. */
AstExpr *p_star_target(Parser *p) {
    AstExpr *e = p_at(p, TOK_STAR) ? starred(p) : p_bitwise_or(p);
    if (!e || p_set_context(p, e, TGT_WITH) < 0) return NULL;
    return e;
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
AstExpr *p_yield_expr(Parser *p) {
    Token *start = p_next(p);
    if (p_accept(p, KW_FROM)) {
        AstExpr *v = p_expression(p);
        if (!v) return NULL;
        AstExpr *e = new_expr(p, EXPR_YIELDFROM, p_pos_tok(p, start));
        if (e) e->v.yield.value = v;
        return e;
    }
    AstExpr *v = NULL;
    TokType t = p_type(p);
    if (t != TOK_RPAR && t != TOK_NEWLINE && t != TOK_SEMI && t != TOK_EQUAL &&
        t != TOK_RSQB && t != TOK_RBRACE && t != TOK_ENDMARKER) {
        v = p_star_expressions(p);
        if (!v) return NULL;
    }
    AstExpr *e = new_expr(p, EXPR_YIELD, p_pos_tok(p, start));
    if (e) e->v.yield.value = v;
    return e;
}

/* ---- parameters ------------------------------------------------------------------------- */

static AstArg *param(Parser *p, int lambda) {
    Token *n = p_tok(p);
    if (n->type == TOK_LPAR) {
        /* "def f((a, b))": Python 2 tuple parameters */
        int k = 1;
        while (p_peek(p, k)->type == TOK_NAME || p_peek(p, k)->type == TOK_COMMA) k++;
        Token *close = p_peek(p, k);
        if (close->type == TOK_RPAR && k > 1)
            return p_error_nodes(p, tok_pos(n), tok_pos(close),
                                 lambda ? "Lambda expression parameters cannot be parenthesized"
                                        : "Function parameters cannot be parenthesized");
    }
    if (n->type != TOK_NAME) return p_invalid_syntax(p);
    p_next(p);
    AstArg *a = arena_alloc(p->arena, sizeof(AstArg));
    if (!a) return p_exc(p);
    a->arg = p_name_obj(p, n);
    if (!a->arg) return NULL;
    if (!lambda && p_accept(p, TOK_COLON)) {
        a->annotation = p_at(p, TOK_STAR) ? starred(p) : p_expression(p);
        if (!a->annotation) return NULL;
    }
    a->pos = p_pos_tok(p, n);
    return a;
}

/* Parameters of a def (close ')') or lambda (close ':'); the closing token
 * is not consumed. */
AstArguments *p_parameters(Parser *p, int lambda, TokType close) {
    AstArguments *args = arena_alloc(p->arena, sizeof(AstArguments));
    if (!args) return p_exc(p);
    AstSeq *pos = NULL, *defaults = NULL;
    int seen_slash = 0, seen_star = 0, seen_default = 0;
    Token *star_tok = NULL;
    while (!p_at(p, close)) {
        Token *t = p_tok(p);
        if (args->kwarg) {
            return p_error_tok(p, t, "arguments cannot follow var-keyword argument");
        }
        if (t->type == TOK_SLASH) {
            if (seen_slash) return p_error_tok(p, t, "/ may appear only once");
            if (seen_star) return p_error_tok(p, t, "/ must be ahead of *");
            if (!pos) return p_invalid_syntax(p);
            p_next(p);
            args->posonlyargs = pos;
            pos = NULL;
            seen_slash = 1;
        } else if (t->type == TOK_STAR) {
            if (seen_star) return p_error_tok(p, t, "* argument may appear only once");
            p_next(p);
            seen_star = 1;
            star_tok = t;
            if (p_at(p, TOK_COMMA) || p_at(p, close)) {
                if (p_at(p, close) || (p_peek(p, 1)->type == close) ||
                    p_peek(p, 1)->type == TOK_DOUBLESTAR) {
                    return p_error_tok(p, t, "named arguments must follow bare *");
                }
            } else {
                args->vararg = param(p, lambda);
                if (!args->vararg) return NULL;
                if (p_at(p, TOK_EQUAL))
                    return p_error_tok(p, p_tok(p), "var-positional argument cannot have default value");
            }
        } else if (t->type == TOK_DOUBLESTAR) {
            p_next(p);
            args->kwarg = param(p, lambda);
            if (!args->kwarg) return NULL;
            if (p_at(p, TOK_EQUAL))
                return p_error_tok(p, p_tok(p), "var-keyword argument cannot have default value");
        } else {
            AstArg *a = param(p, lambda);
            if (!a) return NULL;
            AstExpr *def = NULL;
            if (p_accept(p, TOK_EQUAL)) {
                def = p_expression(p);
                if (!def) return NULL;
            }
            if (seen_star) {
                if (seq_add(p, &args->kwonlyargs, a) < 0 || seq_add(p, &args->kw_defaults, def) < 0)
                    return NULL;
            } else {
                if (def) {
                    seen_default = 1;
                    if (seq_add(p, &defaults, def) < 0) return NULL;
                } else if (seen_default) {
                    return p_error_node(p, a->pos, "non-default argument follows default argument");
                }
                if (seq_add(p, &pos, a) < 0) return NULL;
            }
        }
        if (!p_accept(p, TOK_COMMA)) break;
    }
    (void)star_tok;
    args->args = pos;
    args->defaults = defaults;
    return args;
}
