/* vm/symtable.c — pass 1 (recording name uses per block) and pass 2 (scope
 * resolution) of the symbol table; see vm/symtable.h.
 *
 * Pass 2 walks the block tree with three name sets per block:
 *   bound  — names bound by enclosing function blocks (candidates for FREE),
 *   global — names declared global by enclosing blocks,
 *   free   — (output) names this block and its children need from outside.
 * A child's free name that is local in a function becomes a CELL there; one
 * that is not bound here passes through as FREE so the closure can carry it.
 */
#include "vm/symtable.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/error.h"
#include "vm/runtime.h"
#include "vm/objects/dict.h"
#include "vm/objects/int.h"
#include "vm/objects/list.h"
#include "vm/objects/set.h"
#include "vm/objects/str.h"
#include "vm/objects/tuple.h"
#include "vm/strbuf.h"

/* ---- errors ------------------------------------------------------------- */

/* Line `lineno` (1-based) of the file `filename`, with its newline, as
 * CPython's compiler and symtable errors get their text: read back from the
 * file by name, so code compiled from a string (-c, exec, compile(), the
 * REPL's <stdin>) has none.  NULL (no error) if unavailable.  New ref. */
static Object *program_text(Object *filename, int lineno) {
    if (!filename || !str_check(filename) || lineno < 1) return NULL;
    FILE *fp = fopen(str_utf8(filename), "r");
    if (!fp) return NULL;
    StrBuf sb;
    strbuf_init(&sb);
    int line = 1, ch;
    while (line < lineno && (ch = getc(fp)) != EOF)
        if (ch == '\n') line++;
    bool any = false;
    if (line == lineno) {
        while ((ch = getc(fp)) != EOF) {
            any = true;
            if (ch == '\r') {   /* universal newlines */
                int nx = getc(fp);
                if (nx != '\n' && nx != EOF) ungetc(nx, fp);
                ch = '\n';
            }
            strbuf_append_char(&sb, (char)ch);
            if (ch == '\n') break;
        }
    }
    fclose(fp);
    if (!any) {
        strbuf_free(&sb);
        return NULL;
    }
    Object *text = strbuf_finish(&sb);   /* fails on invalid UTF-8, as CPython's */
    if (!text) err_clear();
    return text;
}

Object *compile_syntax_error(Object *filename, const char *source, AstPos pos,
                             const char *fmt, ...) {
    StrBuf sb;
    strbuf_init(&sb);
    va_list ap;
    va_start(ap, fmt);
    int r = strbuf_vformat(&sb, fmt, ap);
    va_end(ap);
    if (r < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    Object *msg = strbuf_finish(&sb);
    if (!msg) return NULL;
    (void)source;
    Object *text = program_text(filename, pos.lineno);
    /* byte columns, as CPython's compiler reports them */
    long offset = pos.col_offset + 1, end_offset = pos.end_col_offset + 1;
    Object *items[6];
    items[0] = filename ? NEWREF(filename) : str_from_cstr("<unknown>");
    items[1] = int_from_long(pos.lineno);
    items[2] = int_from_long(offset);
    items[3] = text ? text : NEWREF(None);
    items[4] = int_from_long(pos.end_lineno);
    items[5] = int_from_long(end_offset);
    Object *loc = NULL;
    bool ok = true;
    for (int i = 0; i < 6; i++) ok = ok && items[i];
    if (ok) loc = tuple_from_array(items, 6);
    for (int i = 0; i < 6; i++) XDECREF(items[i]);
    if (!loc) {
        DECREF(msg);
        return NULL;
    }
    Object *args[2] = {msg, loc};
    Object *exc = exc_new(&Exc_SyntaxError, args, 2);
    DECREF(msg);
    DECREF(loc);
    if (exc) err_restore(exc);
    return NULL;
}

#define ST_ERROR(st, pos, ...) compile_syntax_error((st)->filename, (st)->source, (pos), __VA_ARGS__)

/* ---- mangling ------------------------------------------------------------ */

Object *symtable_mangle(Object *private_name, Object *name) {
    if (!private_name) return NEWREF(name);
    const char *s = STR_DATA(name);
    size_t n = (size_t)STR_SIZE(name);
    /* Only __spam (not __spam__, not dotted names) is private. */
    if (n < 3 || s[0] != '_' || s[1] != '_') return NEWREF(name);
    if (s[n - 1] == '_' && s[n - 2] == '_') return NEWREF(name);
    if (memchr(s, '.', n)) return NEWREF(name);
    const char *p = STR_DATA(private_name);
    while (*p == '_') p++;
    if (!*p) return NEWREF(name);   /* class named only with underscores */
    StrBuf sb;
    strbuf_init(&sb);
    if (strbuf_append_char(&sb, '_') < 0 || strbuf_append_cstr(&sb, p) < 0 ||
        strbuf_append(&sb, s, n) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    Object *r = strbuf_finish(&sb);
    return r ? str_intern(r) : NULL;
}

/* ---- entries ------------------------------------------------------------- */

static SymEntry *entry_new(SymTable *st, BlockType type, FuncKind kind, const char *name,
                           Object *nameobj, const void *key, AstPos pos) {
    SymEntry *e = calloc(1, sizeof *e);
    if (!e) return (SymEntry *)err_no_memory();
    e->all_next = st->all;
    st->all = e;
    e->type = type;
    e->kind = kind;
    e->name = nameobj ? NEWREF(nameobj) : str_from_cstr(name);
    e->symbols = dict_new();
    e->params = list_new(0);
    e->key = key;
    e->pos = pos;
    if (!e->name || !e->symbols || !e->params) return NULL;
    /* register in the key map (grow at half load) */
    if ((st->mapcount + 1) * 2 > st->mapcap) {
        int ncap = st->mapcap ? st->mapcap * 2 : 64;
        SymEntry **nm = calloc((size_t)ncap, sizeof *nm);
        if (!nm) return (SymEntry *)err_no_memory();
        for (int i = 0; i < st->mapcap; i++) {
            SymEntry *o = st->map[i];
            if (!o) continue;
            size_t h = ((uintptr_t)o->key >> 3) & (size_t)(ncap - 1);
            while (nm[h]) h = (h + 1) & (size_t)(ncap - 1);
            nm[h] = o;
        }
        free(st->map);
        st->map = nm;
        st->mapcap = ncap;
    }
    size_t h = ((uintptr_t)key >> 3) & (size_t)(st->mapcap - 1);
    while (st->map[h]) h = (h + 1) & (size_t)(st->mapcap - 1);
    st->map[h] = e;
    st->mapcount++;
    return e;
}

SymEntry *symtable_lookup(SymTable *st, const void *key) {
    if (!st->mapcap) return NULL;
    size_t h = ((uintptr_t)key >> 3) & (size_t)(st->mapcap - 1);
    while (st->map[h]) {
        if (st->map[h]->key == key) return st->map[h];
        h = (h + 1) & (size_t)(st->mapcap - 1);
    }
    return NULL;
}

int symentry_flags(SymEntry *e, Object *name) {
    Object *v = dict_get(e->symbols, name);
    if (!v) {
        if (err_occurred()) err_clear();
        return 0;
    }
    return (int)SMALLINT_VALUE(v);
}

void symtable_free(SymTable *st) {
    if (!st) return;
    SymEntry *e = st->all;
    while (e) {
        SymEntry *n = e->all_next;
        XDECREF(e->name);
        XDECREF(e->symbols);
        XDECREF(e->params);
        free(e->children);
        free(e->directives);
        free(e);
        e = n;
    }
    free(st->map);
    free(st->stack);
    free(st);
}

static int enter_block(SymTable *st, BlockType type, FuncKind kind, const char *name,
                       Object *nameobj, const void *key, AstPos pos) {
    SymEntry *e = entry_new(st, type, kind, name, nameobj, key, pos);
    if (!e) return -1;
    SymEntry *prev = st->cur;
    if (prev) {
        e->nested = prev->nested || prev->type == BLOCK_FUNCTION;
        if (prev->nchildren == prev->capchildren) {
            int nc = prev->capchildren ? prev->capchildren * 2 : 4;
            SymEntry **c = realloc(prev->children, (size_t)nc * sizeof *c);
            if (!c) {
                err_no_memory();
                return -1;
            }
            prev->children = c;
            prev->capchildren = nc;
        }
        prev->children[prev->nchildren++] = e;
        if (st->depth == st->capstack) {
            int nc = st->capstack ? st->capstack * 2 : 16;
            SymEntry **s = realloc(st->stack, (size_t)nc * sizeof *s);
            if (!s) {
                err_no_memory();
                return -1;
            }
            st->stack = s;
            st->capstack = nc;
        }
        st->stack[st->depth++] = prev;
    }
    st->cur = e;
    return 0;
}

static void exit_block(SymTable *st) {
    st->cur = st->depth ? st->stack[--st->depth] : NULL;
}

static int record_directive(SymTable *st, SymEntry *e, Object *name, AstPos pos) {
    if (e->ndirectives == e->capdirectives) {
        int nc = e->capdirectives ? e->capdirectives * 2 : 4;
        SymDirective *d = realloc(e->directives, (size_t)nc * sizeof *d);
        if (!d) {
            err_no_memory();
            return -1;
        }
        e->directives = d;
        e->capdirectives = nc;
    }
    e->directives[e->ndirectives].name = name;
    e->directives[e->ndirectives].pos = pos;
    e->ndirectives++;
    return 0;
}

static const SymDirective *find_directive(SymEntry *e, Object *name) {
    for (int i = 0; i < e->ndirectives; i++)   /* the first one, as CPython */
        if (str_eq(e->directives[i].name, name)) return &e->directives[i];
    return NULL;
}

/* ---- pass 1: recording ---------------------------------------------------- */

static int add_def_in(SymTable *st, SymEntry *e, Object *name, int flag, AstPos pos) {
    Object *mangled = symtable_mangle(st->private_name, name);
    if (!mangled) return -1;
    int val = 0;
    Object *o = dict_get(e->symbols, mangled);
    if (o) {
        val = (int)SMALLINT_VALUE(o);
        if ((flag & SYM_PARAM) && (val & SYM_PARAM)) {
            DECREF(mangled);
            ST_ERROR(st, pos, "duplicate argument '%U' in function definition", name);
            return -1;
        }
        val |= flag;
    } else {
        if (err_occurred()) {
            DECREF(mangled);
            return -1;
        }
        val = flag;
    }
    if (e->comp_iter_target) {
        if (val & (SYM_GLOBAL | SYM_NONLOCAL)) {
            DECREF(mangled);
            ST_ERROR(st, pos, "comprehension inner loop cannot rebind assignment expression target '%U'",
                     name);
            return -1;
        }
        val |= SYM_COMP_ITER;
    }
    int r = dict_set(e->symbols, mangled, MAKE_SMALLINT(val));
    if (r == 0 && (flag & SYM_PARAM)) r = list_append(e->params, mangled);
    DECREF(mangled);
    return r;
}

static int add_def(SymTable *st, Object *name, int flag, AstPos pos) {
    return add_def_in(st, st->cur, name, flag, pos);
}

static int lookup_cur(SymTable *st, Object *name) {
    Object *mangled = symtable_mangle(st->private_name, name);
    if (!mangled) return -1;
    int f = symentry_flags(st->cur, mangled);
    DECREF(mangled);
    return f;
}

static int visit_expr(SymTable *st, AstExpr *e);
static int visit_stmts(SymTable *st, AstSeq *s);

static int visit_exprs(SymTable *st, AstSeq *s) {
    for (int i = 0; i < SEQ_LEN(s); i++) {
        AstExpr *e = SEQ_GET(s, i);
        if (e && visit_expr(st, e) < 0) return -1;
    }
    return 0;
}

static int visit_params(SymTable *st, AstSeq *params) {
    for (int i = 0; i < SEQ_LEN(params); i++) {
        AstArg *a = SEQ_GET(params, i);
        if (add_def(st, a->arg, SYM_PARAM, a->pos) < 0) return -1;
    }
    return 0;
}

static int visit_arguments(SymTable *st, AstArguments *a) {
    if (visit_params(st, a->posonlyargs) < 0 || visit_params(st, a->args) < 0 ||
        visit_params(st, a->kwonlyargs) < 0)
        return -1;
    if (a->vararg) {
        if (add_def(st, a->vararg->arg, SYM_PARAM, a->vararg->pos) < 0) return -1;
        st->cur->varargs = true;
    }
    if (a->kwarg) {
        if (add_def(st, a->kwarg->arg, SYM_PARAM, a->kwarg->pos) < 0) return -1;
        st->cur->varkeywords = true;
    }
    return 0;
}

/* Annotations are evaluated in the enclosing scope (no PEP 563). */
static int visit_annotations(SymTable *st, AstArguments *a, AstExpr *returns) {
    AstSeq *lists[3] = {a->posonlyargs, a->args, a->kwonlyargs};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < SEQ_LEN(lists[k]); i++) {
            AstArg *p = SEQ_GET(lists[k], i);
            if (p->annotation && visit_expr(st, p->annotation) < 0) return -1;
        }
    if (a->vararg && a->vararg->annotation && visit_expr(st, a->vararg->annotation) < 0) return -1;
    if (a->kwarg && a->kwarg->annotation && visit_expr(st, a->kwarg->annotation) < 0) return -1;
    if (returns && visit_expr(st, returns) < 0) return -1;
    return 0;
}

static int visit_defaults(SymTable *st, AstArguments *a) {
    if (visit_exprs(st, a->defaults) < 0) return -1;
    return visit_exprs(st, a->kw_defaults);   /* NULL entries skipped */
}

static const char *comp_kind_name(FuncKind k) {
    switch (k) {
    case FUNC_LISTCOMP: return "list comprehension";
    case FUNC_SETCOMP: return "set comprehension";
    case FUNC_DICTCOMP: return "dict comprehension";
    default: return "generator expression";
    }
}

static int visit_comprehension(SymTable *st, AstExpr *e, FuncKind kind, const char *name,
                               AstSeq *gens, AstExpr *elt, AstExpr *value) {
    AstComprehension *outer = SEQ_GET(gens, 0);
    /* The outermost iterable is evaluated in the enclosing scope. */
    st->cur->comp_iter_expr++;
    int r = visit_expr(st, outer->iter);
    st->cur->comp_iter_expr--;
    if (r < 0) return -1;
    if (enter_block(st, BLOCK_FUNCTION, kind, name, NULL, e, e->pos) < 0) return -1;
    SymEntry *ce = st->cur;
    ce->comprehension = true;
    if (kind == FUNC_GENEXP) ce->generator = true;
    Object *dot0 = str_intern_cstr(".0");
    if (add_def(st, dot0, SYM_PARAM, e->pos) < 0) return -1;
    for (int g = 0; g < SEQ_LEN(gens); g++) {
        AstComprehension *c = SEQ_GET(gens, g);
        ce->comp_iter_target = true;
        r = visit_expr(st, c->target);
        ce->comp_iter_target = false;
        if (r < 0) return -1;
        if (g > 0) {
            ce->comp_iter_expr++;
            r = visit_expr(st, c->iter);
            ce->comp_iter_expr--;
            if (r < 0) return -1;
        }
        if (visit_exprs(st, c->ifs) < 0) return -1;
    }
    if (value && visit_expr(st, value) < 0) return -1;
    if (visit_expr(st, elt) < 0) return -1;
    exit_block(st);
    return 0;
}

/* `(x := v)` inside a comprehension binds x in the nearest enclosing
 * function or module block. */
static int extend_namedexpr_scope(SymTable *st, AstExpr *target) {
    Object *name = target->v.name.id;
    for (int i = st->depth; i >= 0; i--) {
        SymEntry *e = i == st->depth ? st->cur : st->stack[i];
        if (e->comprehension) {
            if (symentry_flags(e, name) & SYM_COMP_ITER) {
                ST_ERROR(st, target->pos,
                         "assignment expression cannot rebind comprehension iteration variable '%U'",
                         name);
                return -1;
            }
            continue;
        }
        if (e->type == BLOCK_FUNCTION) {
            int in_scope = symentry_flags(e, name);
            if (add_def(st, name, (in_scope & SYM_GLOBAL) ? SYM_GLOBAL : SYM_NONLOCAL, target->pos) < 0)
                return -1;
            if (record_directive(st, st->cur, name, target->pos) < 0) return -1;
            return add_def_in(st, e, name, SYM_LOCAL, target->pos);
        }
        if (e->type == BLOCK_MODULE) {
            if (add_def(st, name, SYM_GLOBAL, target->pos) < 0) return -1;
            if (record_directive(st, st->cur, name, target->pos) < 0) return -1;
            return add_def_in(st, e, name, SYM_GLOBAL, target->pos);
        }
        ST_ERROR(st, target->pos,
                 "assignment expression within a comprehension cannot be used in a class body");
        return -1;
    }
    return 0;
}

static int visit_expr(SymTable *st, AstExpr *e) {
    switch (e->kind) {
    case EXPR_NAMEDEXPR:
        if (st->cur->comp_iter_expr > 0) {
            ST_ERROR(st, e->pos,
                     "assignment expression cannot be used in a comprehension iterable expression");
            return -1;
        }
        if (st->cur->comprehension && e->v.namedexpr.target->kind == EXPR_NAME &&
            extend_namedexpr_scope(st, e->v.namedexpr.target) < 0)
            return -1;
        if (visit_expr(st, e->v.namedexpr.value) < 0) return -1;
        return visit_expr(st, e->v.namedexpr.target);
    case EXPR_BOOLOP:
        return visit_exprs(st, e->v.boolop.values);
    case EXPR_BINOP:
        if (visit_expr(st, e->v.binop.left) < 0) return -1;
        return visit_expr(st, e->v.binop.right);
    case EXPR_UNARYOP:
        return visit_expr(st, e->v.unaryop.operand);
    case EXPR_LAMBDA: {
        AstArguments *a = e->v.lambda.args;
        if (visit_defaults(st, a) < 0) return -1;
        if (enter_block(st, BLOCK_FUNCTION, FUNC_LAMBDA, "lambda", NULL, e, e->pos) < 0) return -1;
        if (visit_arguments(st, a) < 0 || visit_expr(st, e->v.lambda.body) < 0) return -1;
        exit_block(st);
        return 0;
    }
    case EXPR_IFEXP:
        if (visit_expr(st, e->v.ifexp.test) < 0 || visit_expr(st, e->v.ifexp.body) < 0) return -1;
        return visit_expr(st, e->v.ifexp.orelse);
    case EXPR_DICT:
        if (visit_exprs(st, e->v.dict.keys) < 0) return -1;
        return visit_exprs(st, e->v.dict.values);
    case EXPR_SET:
        return visit_exprs(st, e->v.set.elts);
    case EXPR_LISTCOMP:
        return visit_comprehension(st, e, FUNC_LISTCOMP, "listcomp", e->v.listcomp.generators,
                                   e->v.listcomp.elt, NULL);
    case EXPR_SETCOMP:
        return visit_comprehension(st, e, FUNC_SETCOMP, "setcomp", e->v.listcomp.generators,
                                   e->v.listcomp.elt, NULL);
    case EXPR_GENEXP:
        return visit_comprehension(st, e, FUNC_GENEXP, "genexpr", e->v.listcomp.generators,
                                   e->v.listcomp.elt, NULL);
    case EXPR_DICTCOMP:
        return visit_comprehension(st, e, FUNC_DICTCOMP, "dictcomp", e->v.dictcomp.generators,
                                   e->v.dictcomp.key, e->v.dictcomp.value);
    case EXPR_YIELD:
    case EXPR_YIELDFROM:
        if (st->cur->comprehension) {
            ST_ERROR(st, e->pos, "'yield' inside %s", comp_kind_name(st->cur->kind));
            return -1;
        }
        if (e->v.yield.value && visit_expr(st, e->v.yield.value) < 0) return -1;
        st->cur->generator = true;
        return 0;
    case EXPR_AWAIT:
        if (st->cur->type == BLOCK_FUNCTION && !st->cur->comprehension)
            ST_ERROR(st, e->pos, "'await' outside async function");
        else
            ST_ERROR(st, e->pos, "'await' outside function");
        return -1;
    case EXPR_COMPARE:
        if (visit_expr(st, e->v.compare.left) < 0) return -1;
        return visit_exprs(st, e->v.compare.comparators);
    case EXPR_CALL:
        if (visit_expr(st, e->v.call.func) < 0 || visit_exprs(st, e->v.call.args) < 0) return -1;
        for (int i = 0; i < SEQ_LEN(e->v.call.keywords); i++) {
            AstKeyword *k = SEQ_GET(e->v.call.keywords, i);
            if (visit_expr(st, k->value) < 0) return -1;
        }
        return 0;
    case EXPR_FORMATTEDVALUE:
        if (visit_expr(st, e->v.formattedvalue.value) < 0) return -1;
        if (e->v.formattedvalue.format_spec) return visit_expr(st, e->v.formattedvalue.format_spec);
        return 0;
    case EXPR_JOINEDSTR:
        return visit_exprs(st, e->v.joinedstr.values);
    case EXPR_CONSTANT:
        return 0;
    case EXPR_ATTRIBUTE:
        return visit_expr(st, e->v.attribute.value);
    case EXPR_SUBSCRIPT:
        if (visit_expr(st, e->v.subscript.value) < 0) return -1;
        return visit_expr(st, e->v.subscript.slice);
    case EXPR_STARRED:
        return visit_expr(st, e->v.starred.value);
    case EXPR_SLICE:
        if (e->v.slice.lower && visit_expr(st, e->v.slice.lower) < 0) return -1;
        if (e->v.slice.upper && visit_expr(st, e->v.slice.upper) < 0) return -1;
        if (e->v.slice.step && visit_expr(st, e->v.slice.step) < 0) return -1;
        return 0;
    case EXPR_NAME:
        if (add_def(st, e->v.name.id, e->v.name.ctx == CTX_LOAD ? SYM_USE : SYM_LOCAL, e->pos) < 0)
            return -1;
        /* super() needs the __class__ cell of the enclosing class */
        if (e->v.name.ctx == CTX_LOAD && st->cur->type == BLOCK_FUNCTION &&
            str_eq_cstr(e->v.name.id, "super"))
            return add_def(st, str_intern_cstr("__class__"), SYM_USE, e->pos);
        return 0;
    case EXPR_LIST:
    case EXPR_TUPLE:
        return visit_exprs(st, e->v.list.elts);
    }
    return 0;
}

static int visit_alias(SymTable *st, AstAlias *a) {
    Object *store = a->asname;
    Object *tmp = NULL;
    if (!store) {
        const char *s = STR_DATA(a->name);
        const char *dot = strchr(s, '.');
        if (dot) {
            tmp = str_from_utf8(s, (size_t)(dot - s));
            if (!tmp) return -1;
            store = tmp;
        } else {
            store = a->name;
        }
    }
    int r = 0;
    if (str_eq_cstr(a->name, "*")) {
        if (st->cur->type != BLOCK_MODULE) {
            ST_ERROR(st, a->pos, "import * only allowed at module level");
            r = -1;
        }
    } else {
        r = add_def(st, store, SYM_IMPORT, a->pos);
    }
    XDECREF(tmp);
    return r;
}

static int visit_stmt(SymTable *st, AstStmt *s) {
    switch (s->kind) {
    case STMT_FUNCTIONDEF: {
        AstArguments *a = s->v.functiondef.args;
        if (add_def(st, s->v.functiondef.name, SYM_LOCAL, s->pos) < 0) return -1;
        if (visit_defaults(st, a) < 0) return -1;
        if (visit_annotations(st, a, s->v.functiondef.returns) < 0) return -1;
        if (visit_exprs(st, s->v.functiondef.decorator_list) < 0) return -1;
        if (enter_block(st, BLOCK_FUNCTION, FUNC_DEF, NULL, s->v.functiondef.name, s, s->pos) < 0)
            return -1;
        if (visit_arguments(st, a) < 0 || visit_stmts(st, s->v.functiondef.body) < 0) return -1;
        exit_block(st);
        return 0;
    }
    case STMT_CLASSDEF: {
        if (add_def(st, s->v.classdef.name, SYM_LOCAL, s->pos) < 0) return -1;
        if (visit_exprs(st, s->v.classdef.bases) < 0) return -1;
        for (int i = 0; i < SEQ_LEN(s->v.classdef.keywords); i++) {
            AstKeyword *k = SEQ_GET(s->v.classdef.keywords, i);
            if (visit_expr(st, k->value) < 0) return -1;
        }
        if (visit_exprs(st, s->v.classdef.decorator_list) < 0) return -1;
        if (enter_block(st, BLOCK_CLASS, FUNC_DEF, NULL, s->v.classdef.name, s, s->pos) < 0)
            return -1;
        Object *saved = st->private_name;
        st->private_name = s->v.classdef.name;
        int r = visit_stmts(st, s->v.classdef.body);
        st->private_name = saved;
        if (r < 0) return -1;
        exit_block(st);
        return 0;
    }
    case STMT_RETURN:
        return s->v.ret.value ? visit_expr(st, s->v.ret.value) : 0;
    case STMT_DELETE:
        return visit_exprs(st, s->v.del.targets);
    case STMT_ASSIGN:
        if (visit_exprs(st, s->v.assign.targets) < 0) return -1;
        return visit_expr(st, s->v.assign.value);
    case STMT_AUGASSIGN:
        if (visit_expr(st, s->v.augassign.target) < 0) return -1;
        return visit_expr(st, s->v.augassign.value);
    case STMT_ANNASSIGN: {
        AstExpr *t = s->v.annassign.target;
        if (t->kind == EXPR_NAME) {
            int cur = lookup_cur(st, t->v.name.id);
            if (cur < 0) return -1;
            if ((cur & (SYM_GLOBAL | SYM_NONLOCAL)) && st->cur != st->top && s->v.annassign.simple) {
                ST_ERROR(st, s->pos, (cur & SYM_GLOBAL) ? "annotated name '%U' can't be global"
                                                         : "annotated name '%U' can't be nonlocal",
                         t->v.name.id);
                return -1;
            }
            if (s->v.annassign.simple) {
                if (add_def(st, t->v.name.id, SYM_ANNOT | SYM_LOCAL, t->pos) < 0) return -1;
            } else if (s->v.annassign.value) {
                if (add_def(st, t->v.name.id, SYM_LOCAL, t->pos) < 0) return -1;
            }
        } else if (visit_expr(st, t) < 0) {
            return -1;
        }
        if (visit_expr(st, s->v.annassign.annotation) < 0) return -1;
        return s->v.annassign.value ? visit_expr(st, s->v.annassign.value) : 0;
    }
    case STMT_FOR:
        if (visit_expr(st, s->v.forloop.target) < 0 || visit_expr(st, s->v.forloop.iter) < 0)
            return -1;
        if (visit_stmts(st, s->v.forloop.body) < 0) return -1;
        return visit_stmts(st, s->v.forloop.orelse);
    case STMT_WHILE:
    case STMT_IF:
        if (visit_expr(st, s->v.whileloop.test) < 0) return -1;
        if (visit_stmts(st, s->v.whileloop.body) < 0) return -1;
        return visit_stmts(st, s->v.whileloop.orelse);
    case STMT_WITH:
        for (int i = 0; i < SEQ_LEN(s->v.with.items); i++) {
            AstWithItem *w = SEQ_GET(s->v.with.items, i);
            if (visit_expr(st, w->context_expr) < 0) return -1;
            if (w->optional_vars && visit_expr(st, w->optional_vars) < 0) return -1;
        }
        return visit_stmts(st, s->v.with.body);
    case STMT_RAISE:
        if (s->v.raise.exc && visit_expr(st, s->v.raise.exc) < 0) return -1;
        if (s->v.raise.cause && visit_expr(st, s->v.raise.cause) < 0) return -1;
        return 0;
    case STMT_TRY:
        if (visit_stmts(st, s->v.tryblock.body) < 0) return -1;
        if (visit_stmts(st, s->v.tryblock.orelse) < 0) return -1;
        for (int i = 0; i < SEQ_LEN(s->v.tryblock.handlers); i++) {
            AstExceptHandler *h = SEQ_GET(s->v.tryblock.handlers, i);
            if (h->type && visit_expr(st, h->type) < 0) return -1;
            if (h->name && add_def(st, h->name, SYM_LOCAL, h->pos) < 0) return -1;
            if (visit_stmts(st, h->body) < 0) return -1;
        }
        return visit_stmts(st, s->v.tryblock.finalbody);
    case STMT_ASSERT:
        if (visit_expr(st, s->v.assertion.test) < 0) return -1;
        return s->v.assertion.msg ? visit_expr(st, s->v.assertion.msg) : 0;
    case STMT_IMPORT:
        for (int i = 0; i < SEQ_LEN(s->v.import.names); i++)
            if (visit_alias(st, SEQ_GET(s->v.import.names, i)) < 0) return -1;
        return 0;
    case STMT_IMPORTFROM:
        for (int i = 0; i < SEQ_LEN(s->v.importfrom.names); i++)
            if (visit_alias(st, SEQ_GET(s->v.importfrom.names, i)) < 0) return -1;
        return 0;
    case STMT_GLOBAL:
    case STMT_NONLOCAL: {
        bool global = s->kind == STMT_GLOBAL;
        for (int i = 0; i < SEQ_LEN(s->v.global.names); i++) {
            Object *name = SEQ_GET(s->v.global.names, i);
            int cur = lookup_cur(st, name);
            if (cur < 0) return -1;
            if (cur & (SYM_PARAM | SYM_LOCAL | SYM_USE | SYM_ANNOT)) {
                const char *what = global ? "global" : "nonlocal";
                if (cur & SYM_PARAM)
                    ST_ERROR(st, s->pos, "name '%U' is parameter and %s", name, what);
                else if (cur & SYM_USE)
                    ST_ERROR(st, s->pos, "name '%U' is used prior to %s declaration", name, what);
                else if (cur & SYM_ANNOT)
                    ST_ERROR(st, s->pos, "annotated name '%U' can't be %s", name, what);
                else
                    ST_ERROR(st, s->pos, "name '%U' is assigned to before %s declaration", name,
                             what);
                return -1;
            }
            if (add_def(st, name, global ? SYM_GLOBAL : SYM_NONLOCAL, s->pos) < 0) return -1;
            if (record_directive(st, st->cur, name, s->pos) < 0) return -1;
        }
        return 0;
    }
    case STMT_EXPR:
        return visit_expr(st, s->v.expr.value);
    case STMT_PASS:
    case STMT_BREAK:
    case STMT_CONTINUE:
        return 0;
    }
    return 0;
}

static int visit_stmts(SymTable *st, AstSeq *s) {
    for (int i = 0; i < SEQ_LEN(s); i++)
        if (visit_stmt(st, SEQ_GET(s, i)) < 0) return -1;
    return 0;
}

/* ---- pass 2: analysis -------------------------------------------------- */

static int set_has(Object *set, Object *name) {
    return set && set_contains(set, name) == 1;
}

static int set_union_into(Object *dst, Object *src) {
    intptr_t pos = 0;
    Object *k;
    while (set_next(src, &pos, &k))
        if (set_add(dst, k) < 0) return -1;
    return 0;
}

static Object *set_copy(Object *s) {
    Object *r = set_new(NULL);
    if (r && s && set_union_into(r, s) < 0) CLEAR(r);
    return r;
}

static int analyze_error_at(SymTable *st, SymEntry *e, Object *name, const char *fmt) {
    const SymDirective *d = find_directive(e, name);
    AstPos pos = d ? d->pos : e->pos;
    compile_syntax_error(st->filename, st->source, pos, fmt, name);
    return -1;
}

/* scopes: dict name -> scope for this block. */
static int analyze_name(SymTable *st, SymEntry *e, Object *scopes, Object *name, int flags,
                        Object *bound, Object *local, Object *free, Object *global) {
    int scope;
    if (flags & SYM_GLOBAL) {
        if (flags & SYM_NONLOCAL)
            return analyze_error_at(st, e, name, "name '%U' is nonlocal and global");
        scope = SC_GLOBAL_EXPLICIT;
        if (set_add(global, name) < 0) return -1;
        if (bound && set_discard(bound, name) < 0) return -1;
    } else if (flags & SYM_NONLOCAL) {
        if (!bound)
            return analyze_error_at(st, e, name, "nonlocal declaration not allowed at module level");
        if (!set_has(bound, name))
            return analyze_error_at(st, e, name, "no binding for nonlocal '%U' found");
        scope = SC_FREE;
        e->has_free = true;
        if (set_add(free, name) < 0) return -1;
    } else if (flags & SYM_BOUND) {
        scope = SC_LOCAL;
        if (set_add(local, name) < 0) return -1;
        if (set_discard(global, name) < 0) return -1;
    } else if (set_has(bound, name)) {
        scope = SC_FREE;
        e->has_free = true;
        if (set_add(free, name) < 0) return -1;
    } else {
        if (!set_has(global, name) && e->nested) e->has_free = true;
        scope = SC_GLOBAL_IMPLICIT;
    }
    return dict_set(scopes, name, MAKE_SMALLINT(scope));
}

static int analyze_block(SymTable *st, SymEntry *e, Object *bound, Object *free, Object *global);

static int analyze_child(SymTable *st, SymEntry *child, Object *bound, Object *free,
                         Object *global, Object *child_free) {
    Object *b = set_copy(bound), *f = set_copy(free), *g = set_copy(global);
    int r = -1;
    if (b && f && g && analyze_block(st, child, b, f, g) == 0) r = set_union_into(child_free, f);
    XDECREF(b);
    XDECREF(f);
    XDECREF(g);
    return r;
}

static int analyze_block(SymTable *st, SymEntry *e, Object *bound, Object *free, Object *global) {
    Object *local = set_new(NULL), *scopes = dict_new();
    Object *newglobal = set_new(NULL), *newfree = set_new(NULL), *newbound = set_new(NULL);
    Object *allfree = NULL;
    int r = -1;
    if (!local || !scopes || !newglobal || !newfree || !newbound) goto done;

    /* A class body's names are invisible to nested functions: compute what
     * the children see before analysing the class's own names. */
    if (e->type == BLOCK_CLASS) {
        if (set_union_into(newglobal, global) < 0) goto done;
        if (bound && set_union_into(newbound, bound) < 0) goto done;
    }
    intptr_t pos = 0;
    Object *name, *v;
    while (dict_next(e->symbols, &pos, &name, &v))
        if (analyze_name(st, e, scopes, name, (int)SMALLINT_VALUE(v), bound, local, free, global) < 0)
            goto done;

    if (e->type != BLOCK_CLASS) {
        if (e->type == BLOCK_FUNCTION && set_union_into(newbound, local) < 0) goto done;
        if (bound && set_union_into(newbound, bound) < 0) goto done;
        if (set_union_into(newglobal, global) < 0) goto done;
    } else {
        if (set_add(newbound, str_intern_cstr("__class__")) < 0) goto done;
    }

    allfree = set_new(NULL);
    if (!allfree) goto done;
    for (int i = 0; i < e->nchildren; i++) {
        SymEntry *c = e->children[i];
        if (analyze_child(st, c, newbound, newfree, newglobal, allfree) < 0) goto done;
        if (c->has_free || c->child_free) e->child_free = true;
    }
    if (set_union_into(newfree, allfree) < 0) goto done;

    if (e->type == BLOCK_FUNCTION) {
        /* locals needed by children become cells */
        pos = 0;
        while (dict_next(scopes, &pos, &name, &v)) {
            if (SMALLINT_VALUE(v) != SC_LOCAL || !set_has(newfree, name)) continue;
            if (dict_set(scopes, name, MAKE_SMALLINT(SC_CELL)) < 0) goto done;
            if (set_discard(newfree, name) < 0) goto done;
        }
    } else if (e->type == BLOCK_CLASS) {
        Object *cls = str_intern_cstr("__class__");
        if (set_has(newfree, cls)) {
            if (set_discard(newfree, cls) < 0) goto done;
            e->needs_class_closure = true;
        }
    }

    /* record the scopes */
    pos = 0;
    while (dict_next(e->symbols, &pos, &name, &v)) {
        Object *sc = dict_get(scopes, name);
        int flags = (int)SMALLINT_VALUE(v) | (sc ? (int)SMALLINT_VALUE(sc) << SCOPE_SHIFT : 0);
        /* same key: no resize, iteration stays valid */
        if (dict_set(e->symbols, name, MAKE_SMALLINT(flags)) < 0) goto done;
    }
    /* free names of children that are not resolved here pass through */
    pos = 0;
    while (set_next(newfree, &pos, &name)) {
        Object *o = dict_get(e->symbols, name);
        if (o) {
            int flags = (int)SMALLINT_VALUE(o);
            if (e->type == BLOCK_CLASS && (flags & (SYM_BOUND | SYM_GLOBAL)))
                if (dict_set(e->symbols, name, MAKE_SMALLINT(flags | SYM_FREE_CLASS)) < 0) goto done;
            continue;
        }
        if (bound && !set_has(bound, name)) continue;   /* a global */
        if (dict_set(e->symbols, name, MAKE_SMALLINT(SC_FREE << SCOPE_SHIFT)) < 0) goto done;
    }
    r = set_union_into(free, newfree);
done:
    XDECREF(local);
    XDECREF(scopes);
    XDECREF(newglobal);
    XDECREF(newfree);
    XDECREF(newbound);
    XDECREF(allfree);
    return r;
}

SymTable *symtable_build(AstModule *mod, Object *filename, const char *source) {
    SymTable *st = calloc(1, sizeof *st);
    if (!st) return (SymTable *)err_no_memory();
    st->filename = filename;
    st->source = source;
    AstPos pos = {1, 0, 1, 0};
    if (enter_block(st, BLOCK_MODULE, FUNC_DEF, "top", NULL, mod, pos) < 0) goto fail;
    st->top = st->cur;
    int r;
    if (mod->mode == MODE_EVAL)
        r = mod->expr ? visit_expr(st, mod->expr) : 0;
    else
        r = visit_stmts(st, mod->body);
    if (r < 0) goto fail;
    Object *free = set_new(NULL), *global = set_new(NULL);
    if (!free || !global) {
        XDECREF(free);
        XDECREF(global);
        goto fail;
    }
    r = analyze_block(st, st->top, NULL, free, global);
    DECREF(free);
    DECREF(global);
    if (r < 0) goto fail;
    return st;
fail:
    symtable_free(st);
    return NULL;
}
