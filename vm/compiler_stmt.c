/* vm/compiler_stmt.c — statements.
 *
 * Loops and try/with push "frame blocks" (FBlock) while their bodies are
 * compiled, so that break/continue/return can unwind what lies between them
 * and their target: pop the iterator of a for loop, inline a finally body,
 * call a with statement's __exit__(None, None, None), leave an except
 * handler (POP_EXCEPT, unbinding the `as` name).  The exception-handling
 * layout follows CPython 3.10 with one-value exceptions (vm/opcodes.h): a
 * handler starts with [..., prev_exc, exc] on the stack.
 */
#include "vm/compiler_internal.h"

#include <stdlib.h>
#include <string.h>

#include "vm/error.h"
#include "vm/objects/dict.h"
#include "vm/objects/int.h"
#include "vm/objects/list.h"
#include "vm/objects/str.h"
#include "vm/objects/tuple.h"
#include "vm/runtime.h"

/* ---- frame blocks -------------------------------------------------------- */

static int push_fblock(Compiler *c, FBlockType t, BasicBlock *block, BasicBlock *exit, void *datum) {
    Unit *u = c->u;
    if (u->nfblocks == u->capfblocks) {
        int nc = u->capfblocks ? u->capfblocks * 2 : 8;
        FBlock *f = realloc(u->fblocks, (size_t)nc * sizeof *f);
        if (!f) {
            err_no_memory();
            return -1;
        }
        u->fblocks = f;
        u->capfblocks = nc;
    }
    FBlock *f = &u->fblocks[u->nfblocks++];
    f->type = t;
    f->block = block;
    f->exit = exit;
    f->datum = datum;
    return 0;
}

static void pop_fblock(Compiler *c) {
    c->u->nfblocks--;
}

static int emit_exit_with_nones(Compiler *c) {
    EMIT_CONST(c, None);
    EMIT(c, OP_DUP_TOP, 0);
    EMIT(c, OP_DUP_TOP, 0);
    return compiler_emit(c, OP_CALL_FUNCTION, 3);
}

static int unbind_name(Compiler *c, Object *name) {   /* name = None; del name */
    EMIT_CONST(c, None);
    if (compiler_nameop(c, name, CTX_STORE) < 0) return -1;
    return compiler_nameop(c, name, CTX_DEL);
}

/* Emit what leaving `f` early needs; preserve_tos keeps a return value on
 * top of the stack across it. */
static int unwind_fblock(Compiler *c, FBlock *f, bool preserve_tos) {
    switch (f->type) {
    case FB_WHILE_LOOP:
    case FB_EXCEPTION_HANDLER:
        return 0;
    case FB_FOR_LOOP:
    case FB_POP_VALUE:
        if (preserve_tos) EMIT(c, OP_ROT_TWO, 0);
        return compiler_emit(c, OP_POP_TOP, 0);
    case FB_TRY_EXCEPT:
        return compiler_emit(c, OP_POP_BLOCK, 0);
    case FB_FINALLY_TRY:
        EMIT(c, OP_POP_BLOCK, 0);
        if (preserve_tos && push_fblock(c, FB_POP_VALUE, NULL, NULL, NULL) < 0) return -1;
        if (compiler_visit_stmts(c, f->datum) < 0) return -1;
        if (preserve_tos) pop_fblock(c);
        return 0;
    case FB_FINALLY_END:   /* [prev_exc, exc (, value)] */
        if (preserve_tos) EMIT(c, OP_ROT_TWO, 0);
        EMIT(c, OP_POP_TOP, 0);
        if (preserve_tos) EMIT(c, OP_ROT_TWO, 0);
        return compiler_emit(c, OP_POP_EXCEPT, 0);
    case FB_WITH:          /* [exit (, value)] */
        EMIT(c, OP_POP_BLOCK, 0);
        if (preserve_tos) EMIT(c, OP_ROT_TWO, 0);
        if (emit_exit_with_nones(c) < 0) return -1;
        return compiler_emit(c, OP_POP_TOP, 0);
    case FB_HANDLER_CLEANUP:   /* [prev_exc (, value)] */
        if (f->datum) EMIT(c, OP_POP_BLOCK, 0);
        if (preserve_tos) EMIT(c, OP_ROT_TWO, 0);
        EMIT(c, OP_POP_EXCEPT, 0);
        if (f->datum) return unbind_name(c, f->datum);
        return 0;
    }
    return 0;
}

/* Unwind every frame block down to the innermost loop (if `loop` is not
 * NULL, which receives a copy of it) or all of them. */
static int unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock *loop, bool *found) {
    Unit *u = c->u;
    if (u->nfblocks == 0) return 0;
    FBlock top = u->fblocks[u->nfblocks - 1];
    if (loop && (top.type == FB_WHILE_LOOP || top.type == FB_FOR_LOOP)) {
        *loop = top;
        *found = true;
        return 0;
    }
    u->nfblocks--;
    int r = unwind_fblock(c, &top, preserve_tos);
    if (r == 0) r = unwind_fblock_stack(c, preserve_tos, loop, found);
    c->u->fblocks[c->u->nfblocks++] = top;
    return r;
}

/* ---- simple statements ------------------------------------------------------ */

static int compile_return(Compiler *c, AstStmt *s) {
    if (c->u->ste->type != BLOCK_FUNCTION) return compiler_error(c, s->pos, "'return' outside function");
    AstExpr *v = s->v.ret.value;
    Object *k = v ? compiler_const_value(c, v) : NEWREF(None);
    bool preserve = k == NULL;
    if (preserve) VISIT(c, v);
    bool found = false;
    int r = unwind_fblock_stack(c, preserve, NULL, &found);
    c->u->loc = s->pos;
    if (r == 0 && k) r = compiler_emit_const(c, k);
    XDECREF(k);
    if (r < 0) return -1;
    return compiler_emit(c, OP_RETURN_VALUE, 0);
}

static int compile_break_continue(Compiler *c, AstStmt *s, bool is_break) {
    FBlock loop;
    bool found = false;
    if (unwind_fblock_stack(c, false, &loop, &found) < 0) return -1;
    if (!found)
        return compiler_error(c, s->pos, is_break ? "'break' outside loop"
                                                  : "'continue' not properly in loop");
    c->u->loc = s->pos;
    if (is_break) {
        if (unwind_fblock(c, &loop, false) < 0) return -1;
        return compiler_emit_jump(c, JUMP, loop.exit);
    }
    return compiler_emit_jump(c, JUMP, loop.block);
}

static int compile_assign(Compiler *c, AstStmt *s) {
    AstSeq *targets = s->v.assign.targets;
    AstExpr *value = s->v.assign.value;
    int n = SEQ_LEN(targets);
    /* a, b = x, y: no tuple is built */
    if (n == 1) {
        AstExpr *t = SEQ_GET(targets, 0);
        if ((t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) &&
            (value->kind == EXPR_TUPLE || value->kind == EXPR_LIST)) {
            int m = SEQ_LEN(t->v.list.elts);
            bool star = false;
            for (int i = 0; i < m; i++)
                if (((AstExpr *)SEQ_GET(t->v.list.elts, i))->kind == EXPR_STARRED) star = true;
            for (int i = 0; i < SEQ_LEN(value->v.list.elts); i++)
                if (((AstExpr *)SEQ_GET(value->v.list.elts, i))->kind == EXPR_STARRED) star = true;
            if (!star && (m == 2 || m == 3) && SEQ_LEN(value->v.list.elts) == m) {
                if (compiler_visit_exprs(c, value->v.list.elts) < 0) return -1;
                if (m == 3) EMIT(c, OP_ROT_THREE, 0);
                EMIT(c, OP_ROT_TWO, 0);
                for (int i = 0; i < m; i++) VISIT(c, SEQ_GET(t->v.list.elts, i));
                return 0;
            }
        }
    }
    VISIT(c, value);
    for (int i = 0; i < n; i++) {
        if (i < n - 1) EMIT(c, OP_DUP_TOP, 0);
        VISIT(c, SEQ_GET(targets, i));
    }
    return 0;
}

static int compile_augassign(Compiler *c, AstStmt *s) {
    AstExpr *t = s->v.augassign.target;
    int op = s->v.augassign.op | BINOP_INPLACE;
    AstPos saved = c->u->loc;
    switch (t->kind) {
    case EXPR_ATTRIBUTE:
        VISIT(c, t->v.attribute.value);
        EMIT(c, OP_DUP_TOP, 0);
        c->u->loc = t->pos;
        compiler_match_attr_loc(c, t);
        EMIT_NAME(c, OP_LOAD_ATTR, t->v.attribute.attr);
        c->u->loc = saved;
        VISIT(c, s->v.augassign.value);
        EMIT(c, OP_BINARY_OP, op);
        EMIT(c, OP_ROT_TWO, 0);
        c->u->loc = t->pos;
        compiler_match_attr_loc(c, t);
        EMIT_NAME(c, OP_STORE_ATTR, t->v.attribute.attr);
        return 0;
    case EXPR_SUBSCRIPT:
        VISIT(c, t->v.subscript.value);
        VISIT(c, t->v.subscript.slice);
        EMIT(c, OP_DUP_TOP_TWO, 0);
        c->u->loc = t->pos;
        EMIT(c, OP_BINARY_SUBSCR, 0);
        c->u->loc = saved;
        VISIT(c, s->v.augassign.value);
        EMIT(c, OP_BINARY_OP, op);
        EMIT(c, OP_ROT_THREE, 0);
        c->u->loc = t->pos;
        EMIT(c, OP_STORE_SUBSCR, 0);
        return 0;
    case EXPR_NAME:
        c->u->loc = t->pos;
        if (compiler_nameop(c, t->v.name.id, CTX_LOAD) < 0) return -1;
        c->u->loc = saved;
        VISIT(c, s->v.augassign.value);
        EMIT(c, OP_BINARY_OP, op);
        c->u->loc = t->pos;
        return compiler_nameop(c, t->v.name.id, CTX_STORE);
    default:
        return compiler_error(c, t->pos, "illegal expression for augmented assignment");
    }
}

static bool stores_annotations(Compiler *c) {
    return c->u->type == UNIT_MODULE || c->u->type == UNIT_CLASS;
}

static int compile_annassign(Compiler *c, AstStmt *s) {
    AstExpr *t = s->v.annassign.target;
    if (s->v.annassign.value) {
        VISIT(c, s->v.annassign.value);
        VISIT(c, t);
    }
    if (t->kind == EXPR_NAME && s->v.annassign.simple && stores_annotations(c)) {
        /* __annotations__['x'] = annotation */
        Object *text = c->future_annotations ? compiler_annotation_text(c, s->v.annassign.annotation) : NULL;
        if (text) {
            int r = compiler_emit_const(c, text);
            DECREF(text);
            if (r < 0) return -1;
        } else {
            VISIT(c, s->v.annassign.annotation);
        }
        EMIT_NAME(c, OP_LOAD_NAME, str_intern_cstr("__annotations__"));
        Object *m = symtable_mangle(c->u->private_name, t->v.name.id);
        if (!m) return -1;
        int r = compiler_emit_const(c, m);
        DECREF(m);
        if (r < 0) return -1;
        EMIT(c, OP_STORE_SUBSCR, 0);
    }
    return 0;
}

static int compile_expr_stmt(Compiler *c, AstStmt *s) {
    AstExpr *v = s->v.expr.value;
    if (c->interactive && c->nestlevel <= 1) {
        VISIT(c, v);
        return compiler_emit(c, OP_PRINT_EXPR, 0);
    }
    if (v->kind == EXPR_CONSTANT) return 0;   /* docstrings, `...` */
    VISIT(c, v);
    return compiler_emit(c, OP_POP_TOP, 0);
}

static int compile_delete(Compiler *c, AstStmt *s) {
    return compiler_visit_exprs(c, s->v.del.targets);
}

static int compile_raise(Compiler *c, AstStmt *s) {
    int n = 0;
    if (s->v.raise.exc) {
        VISIT(c, s->v.raise.exc);
        n++;
        if (s->v.raise.cause) {
            VISIT(c, s->v.raise.cause);
            n++;
        }
    }
    return compiler_emit(c, OP_RAISE_VARARGS, n);
}

static int compile_assert(Compiler *c, AstStmt *s) {
    if (c->optimize) return 0;   /* -O */
    BasicBlock *end;
    NEW_BLOCK(c, end);
    if (compiler_jump_if(c, s->v.assertion.test, end, true) < 0) return -1;
    EMIT(c, OP_LOAD_ASSERTION_ERROR, 0);
    if (s->v.assertion.msg) {
        VISIT(c, s->v.assertion.msg);
        EMIT(c, OP_CALL_FUNCTION, 1);
    }
    EMIT(c, OP_RAISE_VARARGS, 1);
    compiler_use_block(c, end);
    return 0;
}

/* ---- imports ---------------------------------------------------------------- */

static int compile_import(Compiler *c, AstStmt *s) {
    for (int i = 0; i < SEQ_LEN(s->v.import.names); i++) {
        AstAlias *a = SEQ_GET(s->v.import.names, i);
        EMIT_CONST(c, MAKE_SMALLINT(0));
        EMIT_CONST(c, None);
        EMIT_NAME(c, OP_IMPORT_NAME, a->name);
        const char *full = STR_DATA(a->name);
        const char *dot = strchr(full, '.');
        if (a->asname) {
            /* import a.b.c as d: walk the attributes down to c */
            if (dot) {
                while (dot) {
                    const char *start = dot + 1;
                    dot = strchr(start, '.');
                    size_t len = dot ? (size_t)(dot - start) : strlen(start);
                    Object *attr = str_from_utf8(start, len);
                    if (!attr) return -1;
                    int r = compiler_emit_name(c, OP_IMPORT_FROM, attr);
                    DECREF(attr);
                    if (r < 0) return -1;
                    if (dot) {
                        EMIT(c, OP_ROT_TWO, 0);
                        EMIT(c, OP_POP_TOP, 0);
                    }
                }
                if (compiler_nameop(c, a->asname, CTX_STORE) < 0) return -1;
                EMIT(c, OP_POP_TOP, 0);
            } else if (compiler_nameop(c, a->asname, CTX_STORE) < 0) {
                return -1;
            }
        } else if (dot) {
            Object *first = str_from_utf8(full, (size_t)(dot - full));
            if (!first) return -1;
            int r = compiler_nameop(c, first, CTX_STORE);
            DECREF(first);
            if (r < 0) return -1;
        } else if (compiler_nameop(c, a->name, CTX_STORE) < 0) {
            return -1;
        }
    }
    return 0;
}

static int compile_importfrom(Compiler *c, AstStmt *s) {
    AstSeq *names = s->v.importfrom.names;
    int n = SEQ_LEN(names);
    Object *fromlist = tuple_new((size_t)n);
    if (!fromlist) return -1;
    for (int i = 0; i < n; i++) TUPLE_ITEMS(fromlist)[i] = NEWREF(((AstAlias *)SEQ_GET(names, i))->name);
    int r = compiler_emit_const(c, MAKE_SMALLINT(s->v.importfrom.level));
    if (r == 0) r = compiler_emit_const(c, fromlist);
    DECREF(fromlist);
    if (r < 0) return -1;
    if (s->v.importfrom.module && str_eq_cstr(s->v.importfrom.module, "__future__") &&
        s->pos.lineno > c->future_lineno)
        return compiler_error(c, s->pos, "from __future__ imports must occur at the beginning of the file");
    Object *mod = s->v.importfrom.module ? s->v.importfrom.module : str_intern_cstr("");
    EMIT_NAME(c, OP_IMPORT_NAME, mod);
    AstAlias *first = SEQ_GET(names, 0);
    if (str_eq_cstr(first->name, "*")) return compiler_emit(c, OP_IMPORT_STAR, 0);
    for (int i = 0; i < n; i++) {
        AstAlias *a = SEQ_GET(names, i);
        EMIT_NAME(c, OP_IMPORT_FROM, a->name);
        if (compiler_nameop(c, a->asname ? a->asname : a->name, CTX_STORE) < 0) return -1;
    }
    return compiler_emit(c, OP_POP_TOP, 0);
}

/* ---- compound statements ------------------------------------------------------ */

static int compile_if(Compiler *c, AstStmt *s) {
    BasicBlock *end, *next;
    NEW_BLOCK(c, end);
    bool has_else = SEQ_LEN(s->v.ifstmt.orelse) > 0;
    if (has_else) NEW_BLOCK(c, next);
    else next = end;
    if (compiler_jump_if(c, s->v.ifstmt.test, next, false) < 0) return -1;
    if (compiler_visit_stmts(c, s->v.ifstmt.body) < 0) return -1;
    if (has_else) {
        EMIT_JUMP_NOLINE(c, JUMP, end);
        compiler_use_block(c, next);
        if (compiler_visit_stmts(c, s->v.ifstmt.orelse) < 0) return -1;
    }
    compiler_use_block(c, end);
    return 0;
}

static int compile_while(Compiler *c, AstStmt *s) {
    BasicBlock *loop, *anchor, *exit;
    NEW_BLOCK(c, loop);
    NEW_BLOCK(c, anchor);
    NEW_BLOCK(c, exit);
    compiler_use_block(c, loop);
    if (push_fblock(c, FB_WHILE_LOOP, loop, exit, NULL) < 0) return -1;
    /* The back edge is an unconditional JUMP_BACKWARD: the GIL check point. */
    if (compiler_jump_if(c, s->v.whileloop.test, anchor, false) < 0) return -1;
    if (compiler_visit_stmts(c, s->v.whileloop.body) < 0) return -1;
    c->u->loc = s->pos;
    EMIT_JUMP(c, JUMP, loop);
    pop_fblock(c);
    /* CPython repeats the test at the bottom of the loop, so its exit has two
     * predecessors: what follows has no line of its own (see assemble.c). */
    anchor->extra_preds = 1;
    compiler_use_block(c, anchor);
    if (compiler_visit_stmts(c, s->v.whileloop.orelse) < 0) return -1;
    compiler_use_block(c, exit);
    return 0;
}

static int compile_for(Compiler *c, AstStmt *s) {
    BasicBlock *start, *cleanup, *end;
    NEW_BLOCK(c, start);
    NEW_BLOCK(c, cleanup);
    NEW_BLOCK(c, end);
    if (compiler_visit_iterable(c, s->v.forloop.iter) < 0) return -1;
    EMIT(c, OP_GET_ITER, 0);
    compiler_use_block(c, start);
    if (push_fblock(c, FB_FOR_LOOP, start, end, NULL) < 0) return -1;
    EMIT_JUMP(c, OP_FOR_ITER, cleanup);
    VISIT(c, s->v.forloop.target);
    if (compiler_visit_stmts(c, s->v.forloop.body) < 0) return -1;
    /* no line of its own: a check point there reports the body's last line */
    EMIT_JUMP_NOLINE(c, JUMP, start);
    pop_fblock(c);
    compiler_use_block(c, cleanup);
    if (compiler_visit_stmts(c, s->v.forloop.orelse) < 0) return -1;
    compiler_use_block(c, end);
    return 0;
}

static int compile_try_except(Compiler *c, AstStmt *s) {
    BasicBlock *body, *except, *orelse, *end;
    NEW_BLOCK(c, body);
    NEW_BLOCK(c, except);
    NEW_BLOCK(c, orelse);
    NEW_BLOCK(c, end);
    EMIT_JUMP(c, OP_SETUP_FINALLY, except);
    compiler_use_block(c, body);
    if (push_fblock(c, FB_TRY_EXCEPT, body, NULL, NULL) < 0) return -1;
    if (compiler_visit_stmts(c, s->v.tryblock.body) < 0) return -1;
    pop_fblock(c);
    UNSET_LOC(c);
    EMIT(c, OP_POP_BLOCK, 0);
    EMIT_JUMP(c, JUMP, orelse);
    AstSeq *handlers = s->v.tryblock.handlers;
    int n = SEQ_LEN(handlers);
    compiler_use_block(c, except);
    if (push_fblock(c, FB_EXCEPTION_HANDLER, NULL, NULL, NULL) < 0) return -1;
    for (int i = 0; i < n; i++) {
        AstExceptHandler *h = SEQ_GET(handlers, i);
        c->u->loc = h->pos;
        if (!h->type && i < n - 1) return compiler_error(c, h->pos, "default 'except:' must be last");
        NEW_BLOCK(c, except);
        if (h->type) {   /* [prev, exc] */
            EMIT(c, OP_DUP_TOP, 0);
            VISIT(c, h->type);
            EMIT_JUMP(c, OP_JUMP_IF_NOT_EXC_MATCH, except);
        }
        BasicBlock *cleanup_body;
        NEW_BLOCK(c, cleanup_body);
        if (h->name) {
            /* except E as name: try: body finally: name = None; del name */
            BasicBlock *cleanup_end;
            NEW_BLOCK(c, cleanup_end);
            if (compiler_nameop(c, h->name, CTX_STORE) < 0) return -1;
            EMIT_JUMP(c, OP_SETUP_FINALLY, cleanup_end);
            compiler_use_block(c, cleanup_body);
            if (push_fblock(c, FB_HANDLER_CLEANUP, cleanup_body, NULL, h->name) < 0) return -1;
            if (compiler_visit_stmts(c, h->body) < 0) return -1;
            pop_fblock(c);
            UNSET_LOC(c);
            EMIT(c, OP_POP_BLOCK, 0);
            EMIT(c, OP_POP_EXCEPT, 0);
            if (unbind_name(c, h->name) < 0) return -1;
            EMIT_JUMP(c, JUMP, end);
            compiler_use_block(c, cleanup_end);   /* [prev, exc, prev2, exc2] */
            if (unbind_name(c, h->name) < 0) return -1;
            EMIT(c, OP_RERAISE, 0);
        } else {
            EMIT(c, OP_POP_TOP, 0);
            compiler_use_block(c, cleanup_body);
            if (push_fblock(c, FB_HANDLER_CLEANUP, cleanup_body, NULL, NULL) < 0) return -1;
            if (compiler_visit_stmts(c, h->body) < 0) return -1;
            pop_fblock(c);
            UNSET_LOC(c);
            EMIT(c, OP_POP_EXCEPT, 0);
            EMIT_JUMP(c, JUMP, end);
        }
        compiler_use_block(c, except);
    }
    pop_fblock(c);
    c->u->loc = s->pos;
    EMIT(c, OP_RERAISE, 0);   /* no handler matched */
    compiler_use_block(c, orelse);
    if (compiler_visit_stmts(c, s->v.tryblock.orelse) < 0) return -1;
    compiler_use_block(c, end);
    return 0;
}

static int compile_try_finally(Compiler *c, AstStmt *s) {
    BasicBlock *body, *end, *exit;
    NEW_BLOCK(c, body);
    NEW_BLOCK(c, end);
    NEW_BLOCK(c, exit);
    EMIT_JUMP(c, OP_SETUP_FINALLY, end);
    compiler_use_block(c, body);
    if (push_fblock(c, FB_FINALLY_TRY, body, end, s->v.tryblock.finalbody) < 0) return -1;
    int r = SEQ_LEN(s->v.tryblock.handlers) ? compile_try_except(c, s)
                                              : compiler_visit_stmts(c, s->v.tryblock.body);
    if (r < 0) return -1;
    UNSET_LOC(c);
    EMIT(c, OP_POP_BLOCK, 0);
    pop_fblock(c);
    if (compiler_visit_stmts(c, s->v.tryblock.finalbody) < 0) return -1;
    EMIT_JUMP_NOLINE(c, JUMP, exit);
    compiler_use_block(c, end);   /* [prev, exc] */
    if (push_fblock(c, FB_FINALLY_END, end, NULL, NULL) < 0) return -1;
    if (compiler_visit_stmts(c, s->v.tryblock.finalbody) < 0) return -1;
    pop_fblock(c);
    c->u->loc = s->pos;
    EMIT(c, OP_RERAISE, 0);
    compiler_use_block(c, exit);
    return 0;
}

static int compile_with(Compiler *c, AstStmt *s, int pos) {
    AstWithItem *item = SEQ_GET(s->v.with.items, pos);
    BasicBlock *block, *final, *exit, *suppress;
    NEW_BLOCK(c, block);
    NEW_BLOCK(c, final);
    NEW_BLOCK(c, exit);
    NEW_BLOCK(c, suppress);
    VISIT(c, item->context_expr);
    c->u->loc = s->pos;
    EMIT_JUMP(c, OP_SETUP_WITH, final);
    compiler_use_block(c, block);
    if (push_fblock(c, FB_WITH, block, final, NULL) < 0) return -1;
    if (item->optional_vars) VISIT(c, item->optional_vars);
    else EMIT(c, OP_POP_TOP, 0);
    if (pos + 1 < SEQ_LEN(s->v.with.items)) {
        if (compile_with(c, s, pos + 1) < 0) return -1;
    } else if (compiler_visit_stmts(c, s->v.with.body) < 0) {
        return -1;
    }
    pop_fblock(c);
    c->u->loc = s->pos;
    EMIT(c, OP_POP_BLOCK, 0);
    if (emit_exit_with_nones(c) < 0) return -1;
    EMIT(c, OP_POP_TOP, 0);
    EMIT_JUMP(c, JUMP, exit);
    compiler_use_block(c, final);   /* [exit, prev, exc] */
    EMIT(c, OP_WITH_EXCEPT_START, 0);
    EMIT_JUMP(c, OP_POP_JUMP_IF_TRUE, suppress);
    EMIT(c, OP_RERAISE, 0);
    compiler_use_block(c, suppress);
    EMIT(c, OP_POP_TOP, 0);
    EMIT(c, OP_POP_EXCEPT, 0);
    EMIT(c, OP_POP_TOP, 0);
    compiler_use_block(c, exit);
    return 0;
}

/* ---- definitions ------------------------------------------------------------ */

static int first_line(AstStmt *s, AstSeq *decorators) {
    if (SEQ_LEN(decorators)) return ((AstExpr *)SEQ_GET(decorators, 0))->pos.lineno;
    return s->pos.lineno;
}

static int apply_decorators(Compiler *c, AstSeq *decorators) {
    for (int i = SEQ_LEN(decorators) - 1; i >= 0; i--) {
        c->u->loc = ((AstExpr *)SEQ_GET(decorators, i))->pos;
        EMIT(c, OP_CALL_FUNCTION, 1);
    }
    return 0;
}

static int compile_function(Compiler *c, AstStmt *s) {
    AstSeq *decos = s->v.functiondef.decorator_list;
    AstArguments *a = s->v.functiondef.args;
    if (compiler_visit_exprs(c, decos) < 0) return -1;
    int flags = compiler_function_prologue(c, a, s->v.functiondef.returns, true);
    if (flags < 0) return -1;
    if (compiler_enter_scope(c, s->v.functiondef.name, UNIT_FUNCTION, s, first_line(s, decos)) < 0)
        return -1;
    Object *doc = c->optimize < 2 ? compiler_docstring(s->v.functiondef.body) : NULL;
    if (compiler_add_const(c, doc ? doc : None) < 0) return -1;
    compiler_set_arg_counts(c, a);
    if (compiler_visit_stmts(c, s->v.functiondef.body) < 0) return -1;
    Object *qualname = NEWREF(c->u->qualname);
    Object *code = compiler_exit_scope(c);
    c->u->loc = s->pos;
    int r = code ? compiler_make_closure(c, code, flags, qualname) : -1;
    XDECREF(code);
    DECREF(qualname);
    if (r < 0 || apply_decorators(c, decos) < 0) return -1;
    c->u->loc = s->pos;
    return compiler_nameop(c, s->v.functiondef.name, CTX_STORE);
}

static int compile_class(Compiler *c, AstStmt *s) {
    AstSeq *decos = s->v.classdef.decorator_list;
    if (compiler_visit_exprs(c, decos) < 0) return -1;
    c->u->loc = s->pos;
    EMIT(c, OP_LOAD_BUILD_CLASS, 0);
    if (compiler_enter_scope(c, s->v.classdef.name, UNIT_CLASS, s, first_line(s, decos)) < 0)
        return -1;
    Unit *u = c->u;
    u->private_name = s->v.classdef.name;
    u->loc = s->pos;
    EMIT_NAME(c, OP_LOAD_NAME, str_intern_cstr("__name__"));
    EMIT_NAME(c, OP_STORE_NAME, str_intern_cstr("__module__"));
    EMIT_CONST(c, u->qualname);
    EMIT_NAME(c, OP_STORE_NAME, str_intern_cstr("__qualname__"));
    if (compiler_body(c, s->v.classdef.body, false) < 0) return -1;
    u->loc.lineno = u->loc.end_lineno = s->pos.end_lineno;
    u->loc.col_offset = u->loc.end_col_offset = 0;
    if (u->ste->needs_class_closure) {
        /* hand the __class__ cell to type.__new__ through the namespace */
        Object *idx = dict_get(u->cellvars, str_intern_cstr("__class__"));
        if (!idx) return -1;
        EMIT(c, OP_LOAD_CLOSURE, (int)SMALLINT_VALUE(idx));
        EMIT(c, OP_DUP_TOP, 0);
        EMIT_NAME(c, OP_STORE_NAME, str_intern_cstr("__classcell__"));
    } else {
        EMIT_CONST(c, None);
    }
    EMIT(c, OP_RETURN_VALUE, 0);
    Object *qualname = NEWREF(u->qualname);
    Object *code = compiler_exit_scope(c);
    c->u->loc = s->pos;
    int r = code ? compiler_make_closure(c, code, 0, qualname) : -1;
    XDECREF(code);
    DECREF(qualname);
    if (r < 0) return -1;
    EMIT_CONST(c, s->v.classdef.name);
    if (compiler_call_helper(c, 2, s->v.classdef.bases, s->v.classdef.keywords) < 0) return -1;
    if (apply_decorators(c, decos) < 0) return -1;
    c->u->loc = s->pos;
    return compiler_nameop(c, s->v.classdef.name, CTX_STORE);
}

/* ---- dispatch ---------------------------------------------------------------- */

int compiler_visit_stmt(Compiler *c, AstStmt *s) {
    c->u->loc = s->pos;
    switch (s->kind) {
    case STMT_FUNCTIONDEF: return compile_function(c, s);
    case STMT_CLASSDEF: return compile_class(c, s);
    case STMT_RETURN: return compile_return(c, s);
    case STMT_DELETE: return compile_delete(c, s);
    case STMT_ASSIGN: return compile_assign(c, s);
    case STMT_AUGASSIGN: return compile_augassign(c, s);
    case STMT_ANNASSIGN: return compile_annassign(c, s);
    case STMT_FOR: return compile_for(c, s);
    case STMT_WHILE: return compile_while(c, s);
    case STMT_IF: return compile_if(c, s);
    case STMT_WITH: return compile_with(c, s, 0);
    case STMT_RAISE: return compile_raise(c, s);
    case STMT_TRY:
        if (SEQ_LEN(s->v.tryblock.finalbody)) return compile_try_finally(c, s);
        return compile_try_except(c, s);
    case STMT_ASSERT: return compile_assert(c, s);
    case STMT_IMPORT: return compile_import(c, s);
    case STMT_IMPORTFROM: return compile_importfrom(c, s);
    case STMT_GLOBAL:
    case STMT_NONLOCAL:
        return 0;
    case STMT_PASS:   /* a NOP holding the line (the assembler drops it) */
        return compiler_emit(c, OP_NOP, 0);
    case STMT_EXPR: return compile_expr_stmt(c, s);
    case STMT_BREAK: return compile_break_continue(c, s, true);
    case STMT_CONTINUE: return compile_break_continue(c, s, false);
    }
    err_format(&Exc_SystemError, "compiler: unknown statement kind %d", (int)s->kind);
    return -1;
}

int compiler_visit_stmts(Compiler *c, AstSeq *s) {
    for (int i = 0; i < SEQ_LEN(s); i++)
        if (compiler_visit_stmt(c, SEQ_GET(s, i)) < 0) return -1;
    return 0;
}

/* Does a module or class body contain an annotated name (outside nested
 * functions and classes)? */
static bool find_annotations(AstSeq *stmts) {
    for (int i = 0; i < SEQ_LEN(stmts); i++) {
        AstStmt *s = SEQ_GET(stmts, i);
        switch (s->kind) {
        case STMT_ANNASSIGN:
            if (s->v.annassign.target->kind == EXPR_NAME && s->v.annassign.simple) return true;
            break;
        case STMT_FOR:
            if (find_annotations(s->v.forloop.body) || find_annotations(s->v.forloop.orelse)) return true;
            break;
        case STMT_WHILE:
        case STMT_IF:
            if (find_annotations(s->v.whileloop.body) || find_annotations(s->v.whileloop.orelse))
                return true;
            break;
        case STMT_WITH:
            if (find_annotations(s->v.with.body)) return true;
            break;
        case STMT_TRY:
            if (find_annotations(s->v.tryblock.body) || find_annotations(s->v.tryblock.orelse) ||
                find_annotations(s->v.tryblock.finalbody))
                return true;
            for (int h = 0; h < SEQ_LEN(s->v.tryblock.handlers); h++)
                if (find_annotations(((AstExceptHandler *)SEQ_GET(s->v.tryblock.handlers, h))->body))
                    return true;
            break;
        default:
            break;
        }
    }
    return false;
}

/* A module or class body: annotations dict, docstring into __doc__, then
 * the statements. */
int compiler_body(Compiler *c, AstSeq *body, bool is_module) {
    if (find_annotations(body)) EMIT(c, OP_SETUP_ANNOTATIONS, 0);
    int start = 0;
    Object *doc = c->interactive || c->optimize >= 2 ? NULL : compiler_docstring(body);
    if (doc) {
        c->u->loc = ((AstStmt *)SEQ_GET(body, 0))->pos;
        EMIT_CONST(c, doc);
        EMIT_NAME(c, OP_STORE_NAME, str_intern_cstr("__doc__"));
        start = 1;
    }
    for (int i = start; i < SEQ_LEN(body); i++)
        if (compiler_visit_stmt(c, SEQ_GET(body, i)) < 0) return -1;
    (void)is_module;
    return 0;
}
