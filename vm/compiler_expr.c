/* vm/compiler_expr.c — expressions: constant folding, displays, calls,
 * comparisons, comprehensions, lambdas and jumps on conditions.
 *
 * A Store/Del context on Name, Attribute, Subscript, List, Tuple and Starred
 * nodes compiles the store/delete: for a store the value is already on the
 * stack.
 */
#include "vm/compiler_internal.h"

#include <string.h>

#include "vm/abstract.h"
#include "vm/error.h"
#include "vm/objects/bytes.h"
#include "vm/objects/code.h"
#include "vm/objects/dict.h"
#include "vm/objects/float.h"
#include "vm/objects/int.h"
#include "vm/objects/list.h"
#include "vm/objects/set.h"
#include "vm/objects/str.h"
#include "vm/objects/tuple.h"

#define BIG_DISPLAY 30   /* build larger displays incrementally: keeps the stack small */

/* ---- constant folding --------------------------------------------------- */

static bool is_number(Object *o) {
    TypeObject *t = OBJ_TYPE(o);
    return t == &Int_Type || t == &Float_Type || t == &Bool_Type;
}

static int small_bits(Object *o) {   /* bit length of a small int, or 1000 if big */
    if (!IS_SMALLINT(o)) return 1000;
    intptr_t v = SMALLINT_VALUE(o);
    uintptr_t a = v < 0 ? (uintptr_t)(-(v + 1)) + 1 : (uintptr_t)v;
    int b = 0;
    while (a) {
        b++;
        a >>= 1;
    }
    return b;
}

/* Would folding a op b make a huge constant (or be unsafe to do now)? */
static bool fold_allowed(Object *a, int op, Object *b) {
    bool na = is_number(a), nb = is_number(b);
    if (na && nb) {
        bool ints = OBJ_TYPE(a) != &Float_Type && OBJ_TYPE(b) != &Float_Type;
        if (op == BINOP_MATMUL) return false;
        if (!ints) return true;
        switch (op) {
        case BINOP_POW:
            if (!IS_SMALLINT(b) || SMALLINT_VALUE(b) > 128) return false;
            if (SMALLINT_VALUE(b) < 0) return true;   /* a float */
            return (long)small_bits(a) * SMALLINT_VALUE(b) <= 128;
        case BINOP_MUL:
            return small_bits(a) + small_bits(b) <= 128;
        case BINOP_LSHIFT:
            return IS_SMALLINT(b) && SMALLINT_VALUE(b) >= 0 && SMALLINT_VALUE(b) <= 128 &&
                   small_bits(a) + SMALLINT_VALUE(b) <= 128;
        default:
            return true;
        }
    }
    if (str_check_exact(a) && str_check_exact(b) && op == BINOP_ADD)
        return STR_LENGTH(a) + STR_LENGTH(b) <= 4096;
    if (str_check_exact(a) && IS_SMALLINT(b) && op == BINOP_MUL)
        return SMALLINT_VALUE(b) >= 0 && STR_LENGTH(a) * SMALLINT_VALUE(b) <= 4096;
    return false;
}

static bool may_fold(AstExpr *e) {
    switch (e->kind) {
    case EXPR_CONSTANT: return true;
    case EXPR_UNARYOP: return may_fold(e->v.unaryop.operand);
    case EXPR_BINOP: return may_fold(e->v.binop.left) && may_fold(e->v.binop.right);
    case EXPR_TUPLE: return e->v.list.ctx == CTX_LOAD;
    default: return false;
    }
}

Object *compiler_const_sequence(Compiler *c, AstSeq *elts) {
    int n = SEQ_LEN(elts);
    Object *t = tuple_new((size_t)n);
    if (!t) {
        err_clear();
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        AstExpr *x = SEQ_GET(elts, i);
        Object *v = x->kind == EXPR_STARRED ? NULL : compiler_const_value(c, x);
        if (!v) {
            /* fill the rest so the tuple can be released safely */
            for (int j = i; j < n; j++) TUPLE_ITEMS(t)[j] = NEWREF(None);
            DECREF(t);
            return NULL;
        }
        TUPLE_ITEMS(t)[i] = v;
    }
    return t;
}

Object *compiler_const_value(Compiler *c, AstExpr *e) {
    if (!may_fold(e)) return NULL;
    Object *r = NULL;
    switch (e->kind) {
    case EXPR_CONSTANT:
        return NEWREF(e->v.constant.value);
    case EXPR_TUPLE:
        return compiler_const_sequence(c, e->v.list.elts);
    case EXPR_UNARYOP: {
        Object *v = compiler_const_value(c, e->v.unaryop.operand);
        if (!v) return NULL;
        if (is_number(v)) {
            switch (e->v.unaryop.op) {
            case UNARY_USUB: r = obj_neg(v); break;
            case UNARY_UADD: r = obj_pos(v); break;
            case UNARY_INVERT:
                if (OBJ_TYPE(v) != &Float_Type) r = obj_invert(v);
                break;
            case UNARY_NOT: break;
            }
        }
        DECREF(v);
        break;
    }
    case EXPR_BINOP: {
        Object *a = compiler_const_value(c, e->v.binop.left);
        if (!a) return NULL;
        Object *b = compiler_const_value(c, e->v.binop.right);
        if (b && fold_allowed(a, e->v.binop.op, b)) r = obj_binary_op(a, b, e->v.binop.op);
        DECREF(a);
        XDECREF(b);
        break;
    }
    default:
        break;
    }
    if (!r && err_occurred()) err_clear();   /* e.g. 1/0: leave it to run time */
    return r;
}

/* ---- helpers ------------------------------------------------------------- */

int compiler_visit_exprs(Compiler *c, AstSeq *s) {
    for (int i = 0; i < SEQ_LEN(s); i++) VISIT(c, SEQ_GET(s, i));
    return 0;
}

/* CPython 3.11 places an attribute's instructions at its name when the
 * name is on a later line than the current location (`(obj\n  .name)`),
 * keeping the end column. */
void compiler_match_attr_loc(Compiler *c, AstExpr *attr) {
    AstPos *p = &c->u->loc;
    if (p->lineno == attr->pos.end_lineno) return;
    p->lineno = p->end_lineno = attr->pos.end_lineno;
    intptr_t len = STR_LENGTH(attr->v.attribute.attr);
    if (len <= attr->pos.end_col_offset) {
        p->col_offset = attr->pos.end_col_offset - (int)len;
    } else {
        p->col_offset = p->end_col_offset = -1;
    }
}

static int emit_compare_op(Compiler *c, intptr_t op) {
    switch (op) {
    case CMPX_IS: return compiler_emit(c, OP_IS_OP, 0);
    case CMPX_IS_NOT: return compiler_emit(c, OP_IS_OP, 1);
    case CMPX_IN: return compiler_emit(c, OP_CONTAINS_OP, 0);
    case CMPX_NOT_IN: return compiler_emit(c, OP_CONTAINS_OP, 1);
    default: return compiler_emit(c, OP_COMPARE_OP, (int)op);
    }
}

/* CPython's AST optimizer folds the iterable of a for loop or comprehension
 * and the last operand of `in`/`not in`: a display of constants becomes a
 * constant tuple (list) or frozenset (set). */
int compiler_visit_iterable(Compiler *c, AstExpr *e) {
    if ((e->kind == EXPR_LIST && e->v.list.ctx == CTX_LOAD) || e->kind == EXPR_SET) {
        Object *t = compiler_const_sequence(c, e->v.list.elts);
        if (t && e->kind == EXPR_SET) {
            Object *fs = compiler_const_frozenset(c, t);
            DECREF(t);
            if (!fs) return -1;
            t = fs;
        }
        if (t) {
            AstPos saved = c->u->loc;
            c->u->loc = e->pos;
            int r = compiler_emit_const(c, t);
            c->u->loc = saved;
            DECREF(t);
            return r;
        }
    }
    return compiler_visit_expr(c, e);
}

/* Only the last operand of a chain is folded, as in CPython: a middle one is
 * also the left operand of the next comparison, where a list and a tuple
 * differ (`1 in [1, 2] in [[1, 2]]`). */
static int visit_comparator(Compiler *c, AstExpr *e, intptr_t op, bool last) {
    if (last && (op == CMPX_IN || op == CMPX_NOT_IN)) return compiler_visit_iterable(c, e);
    return compiler_visit_expr(c, e);
}

static int compile_compare(Compiler *c, AstExpr *e) {
    AstSeq *ops = e->v.compare.ops, *cmps = e->v.compare.comparators;
    int n = SEQ_LEN(ops);
    VISIT(c, e->v.compare.left);
    if (n == 1) {
        intptr_t op = (intptr_t)SEQ_GET(ops, 0);
        if (visit_comparator(c, SEQ_GET(cmps, 0), op, true) < 0) return -1;
        return emit_compare_op(c, op);
    }
    BasicBlock *cleanup, *end;
    NEW_BLOCK(c, cleanup);
    NEW_BLOCK(c, end);
    for (int i = 0; i < n - 1; i++) {
        intptr_t op = (intptr_t)SEQ_GET(ops, i);
        if (visit_comparator(c, SEQ_GET(cmps, i), op, false) < 0) return -1;
        EMIT(c, OP_DUP_TOP, 0);
        EMIT(c, OP_ROT_THREE, 0);
        if (emit_compare_op(c, op) < 0) return -1;
        EMIT_JUMP(c, OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    intptr_t op = (intptr_t)SEQ_GET(ops, n - 1);
    if (visit_comparator(c, SEQ_GET(cmps, n - 1), op, true) < 0) return -1;
    if (emit_compare_op(c, op) < 0) return -1;
    EMIT_JUMP(c, JUMP, end);
    compiler_use_block(c, cleanup);
    EMIT(c, OP_ROT_TWO, 0);
    EMIT(c, OP_POP_TOP, 0);
    compiler_use_block(c, end);
    return 0;
}

static int const_truth(Compiler *c, AstExpr *e) {   /* 1/0, or -1 if not constant */
    if (e->kind != EXPR_CONSTANT && !may_fold(e)) return -1;
    Object *v = compiler_const_value(c, e);
    if (!v) return -1;
    int t = obj_is_true(v);
    DECREF(v);
    if (t < 0) err_clear();
    return t;
}

int compiler_jump_if(Compiler *c, AstExpr *e, BasicBlock *target, bool cond) {
    AstPos saved = c->u->loc;
    c->u->loc = e->pos;
    int r = -1;
    switch (e->kind) {
    case EXPR_UNARYOP:
        if (e->v.unaryop.op == UNARY_NOT) {
            r = compiler_jump_if(c, e->v.unaryop.operand, target, !cond);
            goto done;
        }
        break;
    case EXPR_BOOLOP: {
        AstSeq *vals = e->v.boolop.values;
        bool cond2 = e->v.boolop.op == BOOL_OR;
        BasicBlock *next2 = target;
        if (cond != cond2 && !(next2 = compiler_new_block(c))) goto done;
        int n = SEQ_LEN(vals);
        for (int i = 0; i < n - 1; i++)
            if (compiler_jump_if(c, SEQ_GET(vals, i), next2, cond2) < 0) goto done;
        if (compiler_jump_if(c, SEQ_GET(vals, n - 1), target, cond) < 0) goto done;
        if (next2 != target) compiler_use_block(c, next2);
        r = 0;
        goto done;
    }
    case EXPR_IFEXP: {
        BasicBlock *end = compiler_new_block(c), *next2 = compiler_new_block(c);
        if (!end || !next2) goto done;
        if (compiler_jump_if(c, e->v.ifexp.test, next2, false) < 0) goto done;
        if (compiler_jump_if(c, e->v.ifexp.body, target, cond) < 0) goto done;
        if (compiler_emit_jump(c, JUMP, end) < 0) goto done;
        compiler_use_block(c, next2);
        if (compiler_jump_if(c, e->v.ifexp.orelse, target, cond) < 0) goto done;
        compiler_use_block(c, end);
        r = 0;
        goto done;
    }
    case EXPR_COMPARE: {
        AstSeq *ops = e->v.compare.ops, *cmps = e->v.compare.comparators;
        int n = SEQ_LEN(ops);
        if (n <= 1) break;
        BasicBlock *cleanup = compiler_new_block(c), *end = compiler_new_block(c);
        if (!cleanup || !end) goto done;
        if (compiler_visit_expr(c, e->v.compare.left) < 0) goto done;
        for (int i = 0; i < n - 1; i++) {
            intptr_t op = (intptr_t)SEQ_GET(ops, i);
            if (visit_comparator(c, SEQ_GET(cmps, i), op, false) < 0 ||
                compiler_emit(c, OP_DUP_TOP, 0) < 0 || compiler_emit(c, OP_ROT_THREE, 0) < 0 ||
                emit_compare_op(c, op) < 0 ||
                compiler_emit_jump(c, OP_POP_JUMP_IF_FALSE, cleanup) < 0)
                goto done;
        }
        intptr_t op = (intptr_t)SEQ_GET(ops, n - 1);
        if (visit_comparator(c, SEQ_GET(cmps, n - 1), op, true) < 0 || emit_compare_op(c, op) < 0 ||
            compiler_emit_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, target) < 0 ||
            compiler_emit_jump(c, JUMP, end) < 0)
            goto done;
        compiler_use_block(c, cleanup);
        if (compiler_emit(c, OP_POP_TOP, 0) < 0) goto done;
        if (!cond && compiler_emit_jump(c, JUMP, target) < 0) goto done;
        compiler_use_block(c, end);
        r = 0;
        goto done;
    }
    default:
        break;
    }
    int truth = const_truth(c, e);
    if (truth >= 0) {
        r = (truth == (int)cond) ? compiler_emit_jump(c, JUMP, target) : 0;
        goto done;
    }
    if (compiler_visit_expr(c, e) < 0) goto done;
    r = compiler_emit_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, target);
done:
    /* As CPython 3.11, a comparison tested for a jump leaves its position
     * as the current one (an assert's raise points at it); `not`, `and`,
     * `or` and conditional expressions keep what their operands left. */
    if (e->kind == EXPR_COMPARE)
        c->u->loc = e->pos;
    else if (!(e->kind == EXPR_UNARYOP && e->v.unaryop.op == UNARY_NOT) &&
             e->kind != EXPR_BOOLOP && e->kind != EXPR_IFEXP)
        c->u->loc = saved;
    return r;
}

/* ---- displays ------------------------------------------------------------- */

/* List/tuple/set displays and positional call arguments (CPython's
 * starunpack): `pushed` items are already on the stack and belong first. */
static int starunpack(Compiler *c, AstSeq *elts, int pushed, int build, int add, int extend,
                      bool tuple) {
    int n = SEQ_LEN(elts);
    if (pushed == 0 && (tuple ? n >= 0 : n > 2)) {
        Object *folded = compiler_const_sequence(c, elts);
        if (folded) {
            if (tuple) {
                int r = compiler_emit_const(c, folded);
                DECREF(folded);
                return r;
            }
            if (add == OP_SET_ADD) {
                Object *fs = compiler_const_frozenset(c, folded);
                DECREF(folded);
                if (!fs) return -1;
                folded = fs;
            }
            int r = compiler_emit(c, build, 0);
            if (r == 0) r = compiler_emit_const(c, folded);
            if (r == 0) r = compiler_emit(c, extend, 1);
            DECREF(folded);
            return r;
        }
    }
    bool big = n + pushed > BIG_DISPLAY, seen_star = false;
    for (int i = 0; i < n; i++)
        if (((AstExpr *)SEQ_GET(elts, i))->kind == EXPR_STARRED) seen_star = true;
    if (!seen_star && !big) {
        if (compiler_visit_exprs(c, elts) < 0) return -1;
        return compiler_emit(c, tuple ? OP_BUILD_TUPLE : build, n + pushed);
    }
    bool built = false;
    if (big) {
        EMIT(c, build, pushed);
        built = true;
    }
    for (int i = 0; i < n; i++) {
        AstExpr *x = SEQ_GET(elts, i);
        if (x->kind == EXPR_STARRED) {
            if (!built) {
                EMIT(c, build, i + pushed);
                built = true;
            }
            VISIT(c, x->v.starred.value);
            EMIT(c, extend, 1);
        } else {
            VISIT(c, x);
            if (built) EMIT(c, add, 1);
        }
    }
    if (tuple) EMIT(c, OP_LIST_TO_TUPLE, 0);
    return 0;
}

/* Pairs [begin, end) of a dict display (no ** among them) as one dict. */
static int subdict(Compiler *c, AstExpr *e, int begin, int end) {
    int n = end - begin;
    AstSeq *keys = e->v.dict.keys, *values = e->v.dict.values;
    if (n > 1) {
        Object *kt = tuple_new((size_t)n);
        if (!kt) return -1;
        bool all_const = true;
        for (int i = 0; i < n; i++) {
            AstExpr *k = SEQ_GET(keys, begin + i);
            Object *v = k->kind == EXPR_CONSTANT ? NEWREF(k->v.constant.value) : NULL;
            if (!v) all_const = false;
            TUPLE_ITEMS(kt)[i] = v ? v : NEWREF(None);
        }
        if (all_const) {
            for (int i = begin; i < end; i++)
                if (compiler_visit_expr(c, SEQ_GET(values, i)) < 0) {
                    DECREF(kt);
                    return -1;
                }
            int r = compiler_emit_const(c, kt);
            DECREF(kt);
            if (r < 0) return -1;
            return compiler_emit(c, OP_BUILD_CONST_KEY_MAP, n);
        }
        DECREF(kt);
    }
    for (int i = begin; i < end; i++) {
        VISIT(c, SEQ_GET(keys, i));
        VISIT(c, SEQ_GET(values, i));
    }
    return compiler_emit(c, OP_BUILD_MAP, n);
}

static int compile_dict(Compiler *c, AstExpr *e) {
    int n = SEQ_LEN(e->v.dict.values);
    bool have_dict = false;
    int chunk_start = 0;
    for (int i = 0; i <= n; i++) {
        bool unpack = i < n && SEQ_GET(e->v.dict.keys, i) == NULL;
        bool flush = i == n || unpack || i - chunk_start >= 16;
        if (flush && i > chunk_start) {
            if (subdict(c, e, chunk_start, i) < 0) return -1;
            if (have_dict) EMIT(c, OP_DICT_UPDATE, 1);
            have_dict = true;
        }
        if (flush) chunk_start = i;
        if (unpack) {
            if (!have_dict) EMIT(c, OP_BUILD_MAP, 0);
            have_dict = true;
            VISIT(c, SEQ_GET(e->v.dict.values, i));
            EMIT(c, OP_DICT_UPDATE, 1);
            chunk_start = i + 1;
        }
    }
    if (!have_dict) EMIT(c, OP_BUILD_MAP, 0);
    return 0;
}

/* ---- calls ------------------------------------------------------------------ */

int compiler_check_keywords(Compiler *c, AstSeq *keywords) {
    int n = SEQ_LEN(keywords);
    for (int i = 0; i < n; i++) {
        AstKeyword *k = SEQ_GET(keywords, i);
        if (!k->arg) continue;
        for (int j = i + 1; j < n; j++) {
            AstKeyword *o = SEQ_GET(keywords, j);
            if (o->arg && str_eq(k->arg, o->arg))
                return compiler_error(c, o->pos, "keyword argument repeated: %U", k->arg);
        }
    }
    return 0;
}

/* Keywords [begin, end) (all named) as one dict. */
static int subkwargs(Compiler *c, AstSeq *keywords, int begin, int end) {
    int n = end - begin;
    if (n == 1) {
        AstKeyword *k = SEQ_GET(keywords, begin);
        EMIT_CONST(c, k->arg);
        VISIT(c, k->value);
        return compiler_emit(c, OP_BUILD_MAP, 1);
    }
    Object *names = tuple_new((size_t)n);
    if (!names) return -1;
    for (int i = 0; i < n; i++) {
        AstKeyword *k = SEQ_GET(keywords, begin + i);
        TUPLE_ITEMS(names)[i] = NEWREF(k->arg);
    }
    for (int i = begin; i < end; i++) {
        AstKeyword *k = SEQ_GET(keywords, i);
        if (compiler_visit_expr(c, k->value) < 0) {
            DECREF(names);
            return -1;
        }
    }
    int r = compiler_emit_const(c, names);
    DECREF(names);
    if (r < 0) return -1;
    return compiler_emit(c, OP_BUILD_CONST_KEY_MAP, n);
}

int compiler_call_helper(Compiler *c, int nprefix, AstSeq *args, AstSeq *keywords) {
    if (compiler_check_keywords(c, keywords) < 0) return -1;
    int nargs = SEQ_LEN(args), nkw = SEQ_LEN(keywords);
    bool ex = false;
    for (int i = 0; i < nargs; i++)
        if (((AstExpr *)SEQ_GET(args, i))->kind == EXPR_STARRED) ex = true;
    for (int i = 0; i < nkw; i++)
        if (((AstKeyword *)SEQ_GET(keywords, i))->arg == NULL) ex = true;
    if (!ex) {
        if (compiler_visit_exprs(c, args) < 0) return -1;
        if (nkw == 0) return compiler_emit(c, OP_CALL_FUNCTION, nprefix + nargs);
        Object *names = tuple_new((size_t)nkw);
        if (!names) return -1;
        for (int i = 0; i < nkw; i++) {
            AstKeyword *k = SEQ_GET(keywords, i);
            TUPLE_ITEMS(names)[i] = NEWREF(k->arg);
        }
        for (int i = 0; i < nkw; i++) {
            AstKeyword *k = SEQ_GET(keywords, i);
            if (compiler_visit_expr(c, k->value) < 0) {
                DECREF(names);
                return -1;
            }
        }
        int r = compiler_emit_const(c, names);
        DECREF(names);
        if (r < 0) return -1;
        return compiler_emit(c, OP_CALL_FUNCTION_KW, nprefix + nargs + nkw);
    }
    /* general form: an args tuple and a kwargs dict.  f(*x) alone passes x
     * as it is: CALL_FUNCTION_EX makes the tuple, and its error names the
     * function ("f() argument after * must be an iterable") as CPython's. */
    if (nprefix == 0 && nargs == 1 &&
        ((AstExpr *)SEQ_GET(args, 0))->kind == EXPR_STARRED) {
        VISIT(c, ((AstExpr *)SEQ_GET(args, 0))->v.starred.value);
    } else if (starunpack(c, args, nprefix, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND,
                          true) < 0) {
        return -1;
    }
    if (nkw) {
        bool have_dict = false;
        int nseen = 0;
        for (int i = 0; i < nkw; i++) {
            AstKeyword *k = SEQ_GET(keywords, i);
            if (k->arg) {
                nseen++;
                continue;
            }
            if (nseen) {
                if (subkwargs(c, keywords, i - nseen, i) < 0) return -1;
                if (have_dict) EMIT(c, OP_DICT_MERGE, 1);
                have_dict = true;
                nseen = 0;
            }
            if (!have_dict) {
                EMIT(c, OP_BUILD_MAP, 0);
                have_dict = true;
            }
            VISIT(c, k->value);
            EMIT(c, OP_DICT_MERGE, 1);
        }
        if (nseen) {
            if (subkwargs(c, keywords, nkw - nseen, nkw) < 0) return -1;
            if (have_dict) EMIT(c, OP_DICT_MERGE, 1);
        }
    }
    return compiler_emit(c, OP_CALL_FUNCTION_EX, nkw > 0);
}

static int compile_call(Compiler *c, AstExpr *e) {
    AstExpr *f = e->v.call.func;
    AstSeq *args = e->v.call.args;
    if (f->kind == EXPR_ATTRIBUTE && f->v.attribute.ctx == CTX_LOAD &&
        SEQ_LEN(e->v.call.keywords) == 0 && SEQ_LEN(args) < BIG_DISPLAY) {
        bool star = false;
        for (int i = 0; i < SEQ_LEN(args); i++)
            if (((AstExpr *)SEQ_GET(args, i))->kind == EXPR_STARRED) star = true;
        if (!star) {
            VISIT(c, f->v.attribute.value);
            AstPos saved = c->u->loc;
            c->u->loc = f->pos;
            compiler_match_attr_loc(c, f);
            int r = compiler_emit_name(c, OP_LOAD_METHOD, f->v.attribute.attr);
            c->u->loc = saved;
            if (r < 0) return -1;
            if (compiler_visit_exprs(c, args) < 0) return -1;
            compiler_match_attr_loc(c, f);
            r = compiler_emit(c, OP_CALL_METHOD, SEQ_LEN(args));
            c->u->loc = saved;
            return r;
        }
    }
    VISIT(c, f);
    return compiler_call_helper(c, 0, args, e->v.call.keywords);
}

/* ---- functions, lambdas, comprehensions ----------------------------------- */

int compiler_set_arg_counts(Compiler *c, AstArguments *a) {
    c->u->posonlyargcount = SEQ_LEN(a->posonlyargs);
    c->u->argcount = SEQ_LEN(a->posonlyargs) + SEQ_LEN(a->args);
    c->u->kwonlyargcount = SEQ_LEN(a->kwonlyargs);
    return 0;
}

/* Append (name, annotation) of params to the arrays; returns the count. */
static int collect_annotations(Compiler *c, AstSeq *params, Object *names, int n) {
    for (int i = 0; i < SEQ_LEN(params); i++) {
        AstArg *p = SEQ_GET(params, i);
        if (!p->annotation) continue;
        Object *m = symtable_mangle(c->u->private_name, p->arg);
        if (!m || list_append(names, m) < 0) {
            XDECREF(m);
            return -1;
        }
        DECREF(m);
        Object *text = c->future_annotations ? compiler_annotation_text(c, p->annotation) : NULL;
        if (text) {
            int r = compiler_emit_const(c, text);
            DECREF(text);
            if (r < 0) return -1;
        } else {
            VISIT(c, p->annotation);
        }
        n++;
    }
    return n;
}

int compiler_function_prologue(Compiler *c, AstArguments *a, AstExpr *returns, bool annotations) {
    int flags = 0;
    int ndef = SEQ_LEN(a->defaults);
    if (ndef) {
        Object *t = compiler_const_sequence(c, a->defaults);
        if (t) {
            int r = compiler_emit_const(c, t);
            DECREF(t);
            if (r < 0) return -1;
        } else {
            if (compiler_visit_exprs(c, a->defaults) < 0) return -1;
            EMIT(c, OP_BUILD_TUPLE, ndef);
        }
        flags |= MAKEFN_DEFAULTS;
    }
    int nkw = 0;
    Object *keys = list_new(0);
    if (!keys) return -1;
    for (int i = 0; i < SEQ_LEN(a->kwonlyargs); i++) {
        AstExpr *d = SEQ_GET(a->kw_defaults, i);
        if (!d) continue;
        AstArg *p = SEQ_GET(a->kwonlyargs, i);
        Object *m = symtable_mangle(c->u->private_name, p->arg);
        if (!m || list_append(keys, m) < 0 || compiler_visit_expr(c, d) < 0) {
            XDECREF(m);
            DECREF(keys);
            return -1;
        }
        DECREF(m);
        nkw++;
    }
    if (nkw) {
        Object *kt = list_as_tuple(keys);
        int r = kt ? compiler_emit_const(c, kt) : -1;
        XDECREF(kt);
        if (r == 0) r = compiler_emit(c, OP_BUILD_CONST_KEY_MAP, nkw);
        if (r < 0) {
            DECREF(keys);
            return -1;
        }
        flags |= MAKEFN_KWDEFAULTS;
    }
    DECREF(keys);
    if (!annotations) return flags;
    Object *names = list_new(0);
    if (!names) return -1;
    int n = 0;
    /* CPython's order: args, posonly, *args, kwonly, **kwargs, return */
    n = collect_annotations(c, a->args, names, n);
    if (n >= 0) n = collect_annotations(c, a->posonlyargs, names, n);
    if (n >= 0 && a->vararg && a->vararg->annotation) {
        AstSeq one = {1, (void **)&a->vararg};
        n = collect_annotations(c, &one, names, n);
    }
    if (n >= 0) n = collect_annotations(c, a->kwonlyargs, names, n);
    if (n >= 0 && a->kwarg && a->kwarg->annotation) {
        AstSeq one = {1, (void **)&a->kwarg};
        n = collect_annotations(c, &one, names, n);
    }
    if (n >= 0 && returns) {
        Object *text = c->future_annotations ? compiler_annotation_text(c, returns) : NULL;
        int r = list_append(names, str_intern_cstr("return"));
        if (r == 0) r = text ? compiler_emit_const(c, text) : compiler_visit_expr(c, returns);
        XDECREF(text);
        n = r < 0 ? -1 : n + 1;
    }
    if (n > 0) {
        Object *kt = list_as_tuple(names);
        int r = kt ? compiler_emit_const(c, kt) : -1;
        XDECREF(kt);
        if (r == 0) r = compiler_emit(c, OP_BUILD_CONST_KEY_MAP, n);
        if (r < 0) n = -1;
        else flags |= MAKEFN_ANNOTATIONS;
    }
    DECREF(names);
    return n < 0 ? -1 : flags;
}

int compiler_lambda(Compiler *c, AstExpr *e) {
    AstArguments *a = e->v.lambda.args;
    int flags = compiler_function_prologue(c, a, NULL, false);
    if (flags < 0) return -1;
    if (compiler_enter_scope(c, str_intern_cstr("<lambda>"), UNIT_LAMBDA, e, e->pos.lineno) < 0)
        return -1;
    if (compiler_add_const(c, None) < 0) return -1;   /* no docstring */
    compiler_set_arg_counts(c, a);
    c->u->loc = e->v.lambda.body->pos;
    VISIT(c, e->v.lambda.body);
    EMIT(c, OP_RETURN_VALUE, 0);
    Object *qualname = NEWREF(c->u->qualname);
    Object *code = compiler_exit_scope(c);
    int r = code ? compiler_make_closure(c, code, flags, qualname) : -1;
    XDECREF(code);
    DECREF(qualname);
    return r;
}

static int comprehension_loop(Compiler *c, AstSeq *gens, int index, int depth, AstExpr *elt,
                              AstExpr *value, FuncKind kind) {
    AstComprehension *gen = SEQ_GET(gens, index);
    BasicBlock *start, *if_cleanup, *anchor;
    NEW_BLOCK(c, start);
    NEW_BLOCK(c, if_cleanup);
    NEW_BLOCK(c, anchor);
    if (index == 0) {
        EMIT(c, OP_LOAD_FAST, 0);   /* the '.0' argument: an iterator */
    } else {
        if (compiler_visit_iterable(c, gen->iter) < 0) return -1;
        EMIT(c, OP_GET_ITER, 0);
    }
    depth++;
    compiler_use_block(c, start);
    EMIT_JUMP(c, OP_FOR_ITER, anchor);
    VISIT(c, gen->target);
    for (int i = 0; i < SEQ_LEN(gen->ifs); i++)
        if (compiler_jump_if(c, SEQ_GET(gen->ifs, i), if_cleanup, false) < 0) return -1;
    if (index + 1 < SEQ_LEN(gens)) {
        if (comprehension_loop(c, gens, index + 1, depth, elt, value, kind) < 0) return -1;
    } else {
        switch (kind) {
        case FUNC_GENEXP:
            VISIT(c, elt);
            EMIT(c, OP_YIELD_VALUE, 0);
            EMIT(c, OP_POP_TOP, 0);
            break;
        case FUNC_LISTCOMP:
            VISIT(c, elt);
            EMIT(c, OP_LIST_APPEND, depth + 1);
            break;
        case FUNC_SETCOMP:
            VISIT(c, elt);
            EMIT(c, OP_SET_ADD, depth + 1);
            break;
        default:
            VISIT(c, elt);
            VISIT(c, value);
            EMIT(c, OP_MAP_ADD, depth + 1);
            break;
        }
    }
    compiler_use_block(c, if_cleanup);
    EMIT_JUMP(c, JUMP, start);
    compiler_use_block(c, anchor);
    return 0;
}

static int compile_comprehension(Compiler *c, AstExpr *e, FuncKind kind, const char *name,
                                 AstSeq *gens, AstExpr *elt, AstExpr *value) {
    AstComprehension *outer = SEQ_GET(gens, 0);
    if (compiler_enter_scope(c, str_intern_cstr(name), UNIT_COMPREHENSION, e, e->pos.lineno) < 0)
        return -1;
    if (compiler_add_const(c, None) < 0) return -1;
    c->u->argcount = 1;
    int build = kind == FUNC_LISTCOMP ? OP_BUILD_LIST : kind == FUNC_SETCOMP ? OP_BUILD_SET
                                                                            : OP_BUILD_MAP;
    if (kind != FUNC_GENEXP) EMIT(c, build, 0);
    if (comprehension_loop(c, gens, 0, 0, elt, value, kind) < 0) return -1;
    if (kind != FUNC_GENEXP) EMIT(c, OP_RETURN_VALUE, 0);
    Object *qualname = NEWREF(c->u->qualname);
    Object *code = compiler_exit_scope(c);
    int r = code ? compiler_make_closure(c, code, 0, qualname) : -1;
    XDECREF(code);
    DECREF(qualname);
    if (r < 0) return -1;
    if (compiler_visit_iterable(c, outer->iter) < 0) return -1;
    EMIT(c, OP_GET_ITER, 0);
    return compiler_emit(c, OP_CALL_FUNCTION, 1);
}

/* ---- stores -------------------------------------------------------------- */

static int unpack_target(Compiler *c, AstExpr *e) {
    AstSeq *elts = e->v.list.elts;
    int n = SEQ_LEN(elts);
    bool seen_star = false;
    for (int i = 0; i < n; i++) {
        AstExpr *x = SEQ_GET(elts, i);
        if (x->kind != EXPR_STARRED) continue;
        if (seen_star) return compiler_error(c, e->pos, "multiple starred expressions in assignment");
        if (i >= 256 || n - i - 1 >= 65536)
            return compiler_error(c, e->pos, "too many expressions in star-unpacking assignment");
        EMIT(c, OP_UNPACK_EX, i | ((n - i - 1) << 8));
        seen_star = true;
    }
    if (!seen_star) EMIT(c, OP_UNPACK_SEQUENCE, n);
    for (int i = 0; i < n; i++) {
        AstExpr *x = SEQ_GET(elts, i);
        VISIT(c, x->kind == EXPR_STARRED ? x->v.starred.value : x);
    }
    return 0;
}

int compiler_visit_target(Compiler *c, AstExpr *e) {
    return compiler_visit_expr(c, e);
}

/* ---- the dispatcher -------------------------------------------------------- */

static int visit_expr_inner(Compiler *c, AstExpr *e) {
    switch (e->kind) {
    case EXPR_BOOLOP: {
        BasicBlock *end;
        NEW_BLOCK(c, end);
        int op = e->v.boolop.op == BOOL_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
        int n = SEQ_LEN(e->v.boolop.values);
        for (int i = 0; i < n - 1; i++) {
            VISIT(c, SEQ_GET(e->v.boolop.values, i));
            EMIT_JUMP(c, op, end);
        }
        VISIT(c, SEQ_GET(e->v.boolop.values, n - 1));
        compiler_use_block(c, end);
        return 0;
    }
    case EXPR_NAMEDEXPR:
        VISIT(c, e->v.namedexpr.value);
        EMIT(c, OP_DUP_TOP, 0);
        return compiler_visit_expr(c, e->v.namedexpr.target);
    case EXPR_BINOP:
    case EXPR_UNARYOP: {
        Object *k = compiler_const_value(c, e);
        if (k) {
            int r = compiler_emit_const(c, k);
            DECREF(k);
            return r;
        }
        if (e->kind == EXPR_BINOP) {
            VISIT(c, e->v.binop.left);
            VISIT(c, e->v.binop.right);
            return compiler_emit(c, OP_BINARY_OP, e->v.binop.op);
        }
        VISIT(c, e->v.unaryop.operand);
        switch (e->v.unaryop.op) {
        case UNARY_INVERT: return compiler_emit(c, OP_UNARY_INVERT, 0);
        case UNARY_NOT: return compiler_emit(c, OP_UNARY_NOT, 0);
        case UNARY_UADD: return compiler_emit(c, OP_UNARY_POSITIVE, 0);
        default: return compiler_emit(c, OP_UNARY_NEGATIVE, 0);
        }
    }
    case EXPR_LAMBDA:
        return compiler_lambda(c, e);
    case EXPR_IFEXP: {
        BasicBlock *orelse, *end;
        NEW_BLOCK(c, orelse);
        NEW_BLOCK(c, end);
        if (compiler_jump_if(c, e->v.ifexp.test, orelse, false) < 0) return -1;
        VISIT(c, e->v.ifexp.body);
        EMIT_JUMP(c, JUMP, end);
        compiler_use_block(c, orelse);
        VISIT(c, e->v.ifexp.orelse);
        compiler_use_block(c, end);
        return 0;
    }
    case EXPR_DICT:
        return compile_dict(c, e);
    case EXPR_SET:
        return starunpack(c, e->v.set.elts, 0, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, false);
    case EXPR_LISTCOMP:
        return compile_comprehension(c, e, FUNC_LISTCOMP, "<listcomp>", e->v.listcomp.generators,
                                     e->v.listcomp.elt, NULL);
    case EXPR_SETCOMP:
        return compile_comprehension(c, e, FUNC_SETCOMP, "<setcomp>", e->v.listcomp.generators,
                                     e->v.listcomp.elt, NULL);
    case EXPR_GENEXP:
        return compile_comprehension(c, e, FUNC_GENEXP, "<genexpr>", e->v.listcomp.generators,
                                     e->v.listcomp.elt, NULL);
    case EXPR_DICTCOMP:
        return compile_comprehension(c, e, FUNC_DICTCOMP, "<dictcomp>", e->v.dictcomp.generators,
                                     e->v.dictcomp.key, e->v.dictcomp.value);
    case EXPR_YIELD:
        if (c->u->ste->type != BLOCK_FUNCTION)
            return compiler_error(c, e->pos, "'yield' outside function");
        if (e->v.yield.value)
            VISIT(c, e->v.yield.value);
        else
            EMIT_CONST(c, None);
        return compiler_emit(c, OP_YIELD_VALUE, 0);
    case EXPR_YIELDFROM:
        if (c->u->ste->type != BLOCK_FUNCTION)
            return compiler_error(c, e->pos, "'yield' outside function");
        VISIT(c, e->v.yield.value);
        EMIT(c, OP_GET_YIELD_FROM_ITER, 0);
        EMIT_CONST(c, None);
        return compiler_emit(c, OP_YIELD_FROM, 0);
    case EXPR_AWAIT:
        return compiler_error(c, e->pos, "'await' outside async function");
    case EXPR_COMPARE:
        return compile_compare(c, e);
    case EXPR_CALL:
        return compile_call(c, e);
    case EXPR_FORMATTEDVALUE: {
        VISIT(c, e->v.formattedvalue.value);
        int conv = e->v.formattedvalue.conversion;
        int arg = conv == 's' ? 1 : conv == 'r' ? 2 : conv == 'a' ? 3 : 0;
        if (e->v.formattedvalue.format_spec) {
            VISIT(c, e->v.formattedvalue.format_spec);
            arg |= FORMAT_HAVE_SPEC;
        }
        return compiler_emit(c, OP_FORMAT_VALUE, arg);
    }
    case EXPR_JOINEDSTR: {
        AstSeq *vals = e->v.joinedstr.values;
        int n = SEQ_LEN(vals);
        if (n == 0) return compiler_emit_const(c, str_intern_cstr(""));
        if (compiler_visit_exprs(c, vals) < 0) return -1;
        if (n == 1 && ((AstExpr *)SEQ_GET(vals, 0))->kind == EXPR_FORMATTEDVALUE) return 0;
        if (n == 1 && str_check_exact(((AstExpr *)SEQ_GET(vals, 0))->v.constant.value)) return 0;
        return compiler_emit(c, OP_BUILD_STRING, n);
    }
    case EXPR_CONSTANT:
        return compiler_emit_const(c, e->v.constant.value);
    case EXPR_ATTRIBUTE:
        VISIT(c, e->v.attribute.value);
        compiler_match_attr_loc(c, e);
        switch (e->v.attribute.ctx) {
        case CTX_LOAD: return compiler_emit_name(c, OP_LOAD_ATTR, e->v.attribute.attr);
        case CTX_STORE: return compiler_emit_name(c, OP_STORE_ATTR, e->v.attribute.attr);
        default: return compiler_emit_name(c, OP_DELETE_ATTR, e->v.attribute.attr);
        }
    case EXPR_SUBSCRIPT:
        VISIT(c, e->v.subscript.value);
        VISIT(c, e->v.subscript.slice);
        switch (e->v.subscript.ctx) {
        case CTX_LOAD: return compiler_emit(c, OP_BINARY_SUBSCR, 0);
        case CTX_STORE: return compiler_emit(c, OP_STORE_SUBSCR, 0);
        default: return compiler_emit(c, OP_DELETE_SUBSCR, 0);
        }
    case EXPR_STARRED:
        if (e->v.starred.ctx == CTX_STORE)
            return compiler_error(c, e->pos, "starred assignment target must be in a list or tuple");
        return compiler_error(c, e->pos, "can't use starred expression here");
    case EXPR_NAME:
        return compiler_nameop(c, e->v.name.id, e->v.name.ctx);
    case EXPR_LIST:
    case EXPR_TUPLE:
        switch (e->v.list.ctx) {
        case CTX_STORE:
            return unpack_target(c, e);
        case CTX_DEL:
            return compiler_visit_exprs(c, e->v.list.elts);
        default:
            if (e->kind == EXPR_TUPLE)
                return starunpack(c, e->v.list.elts, 0, OP_BUILD_LIST, OP_LIST_APPEND,
                                  OP_LIST_EXTEND, true);
            return starunpack(c, e->v.list.elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND,
                              false);
        }
    case EXPR_SLICE: {
        int n = 2;
        if (e->v.slice.lower) VISIT(c, e->v.slice.lower);
        else EMIT_CONST(c, None);
        if (e->v.slice.upper) VISIT(c, e->v.slice.upper);
        else EMIT_CONST(c, None);
        if (e->v.slice.step) {
            VISIT(c, e->v.slice.step);
            n = 3;
        }
        return compiler_emit(c, OP_BUILD_SLICE, n);
    }
    }
    err_format(&Exc_SystemError, "compiler: unknown expression kind %d", (int)e->kind);
    return -1;
}

int compiler_visit_expr(Compiler *c, AstExpr *e) {
    AstPos saved = c->u->loc;
    c->u->loc = e->pos;
    int r = visit_expr_inner(c, e);
    c->u->loc = saved;
    return r;
}
