/* vm/compiler.c — AST to code objects: compilation units (one per module,
 * class body, function, lambda and comprehension), their constant and name
 * tables, instruction emission and the public entry points.
 *
 * Invariants: every unit starts with an entry block; c->u->cur is the block
 * being filled and is always the last block of the layout.  Function-like
 * units reserve consts[0] for the docstring (None when absent), which eval
 * uses as __doc__.
 */
#include "vm/compiler_internal.h"

#include <stdarg.h>
#include <stdlib.h>
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
#include "vm/parser.h"
#include "vm/runtime.h"
#include "stdlib/runtime_modules.h"
#include "vm/strbuf.h"

/* ---- errors ------------------------------------------------------------- */

int compiler_error(Compiler *c, AstPos pos, const char *fmt, ...) {
    StrBuf sb;
    strbuf_init(&sb);
    va_list ap;
    va_start(ap, fmt);
    int r = strbuf_vformat(&sb, fmt, ap);
    va_end(ap);
    if (r < 0) {
        strbuf_free(&sb);
        return -1;
    }
    Object *msg = strbuf_finish(&sb);
    if (!msg) return -1;
    compile_syntax_error(c->filename, c->source, pos, "%U", msg);
    DECREF(msg);
    return -1;
}

/* ---- blocks and emission -------------------------------------------------- */

BasicBlock *compiler_new_block(Compiler *c) {
    BasicBlock *b = calloc(1, sizeof *b);
    if (!b) return (BasicBlock *)err_no_memory();
    b->alloc_next = c->u->blocks;
    c->u->blocks = b;
    b->startdepth = -1;
    return b;
}

void compiler_use_block(Compiler *c, BasicBlock *b) {
    c->u->cur->next = b;
    c->u->cur = b;
}

static Instr *next_instr(Compiler *c) {
    BasicBlock *b = c->u->cur;
    if (b->n == b->cap) {
        int nc = b->cap ? b->cap * 2 : 16;
        Instr *ni = realloc(b->instrs, (size_t)nc * sizeof *ni);
        if (!ni) return (Instr *)err_no_memory();
        b->instrs = ni;
        b->cap = nc;
    }
    Instr *i = &b->instrs[b->n++];
    AstPos *p = &c->u->loc;
    i->lineno = p->lineno;
    i->cols = 0;
    int end = p->end_col_offset;
    bool multiline = p->end_lineno != p->lineno;
    if (multiline) {
        /* a node spanning lines: carets run to the end of its first line */
        end = p->lineno > 0 && p->lineno <= c->nlines ? c->line_len[p->lineno] : 0;
    }
    if (p->col_offset >= 0 && p->col_offset <= 0xffff && end > p->col_offset && end <= 0x7fff)
        i->cols = (uint32_t)p->col_offset | ((uint32_t)end << 16) |
                  (multiline ? CODE_COLS_MULTILINE : 0);
    i->target = NULL;
    return i;
}

int compiler_emit(Compiler *c, int op, int arg) {
    if (arg < 0 || (unsigned)arg > INSTR_ARG_MAX) {
        err_format(&Exc_SystemError, "compiler: instruction argument out of range");
        return -1;
    }
    Instr *i = next_instr(c);
    if (!i) return -1;
    i->op = (uint8_t)op;
    i->arg = arg;
    return 0;
}

int compiler_emit_jump(Compiler *c, int op, BasicBlock *target) {
    Instr *i = next_instr(c);
    if (!i) return -1;
    i->op = (uint8_t)op;
    i->arg = 0;
    i->target = target;
    return 0;
}

/* ---- constants ------------------------------------------------------------ */

/* Constants are equal for sharing only if they have the same type and value
 * (1, 1.0 and True stay distinct; 0.0 and -0.0 too). */
static bool const_equal(Object *a, Object *b) {
    if (a == b) return true;
    TypeObject *t = OBJ_TYPE(a);
    if (t != OBJ_TYPE(b)) return false;
    if (t == &Int_Type || t == &Str_Type || t == &Bytes_Type) {
        if (IS_SMALLINT(a) || IS_SMALLINT(b)) return false;   /* a != b already */
        int r = obj_richcompare_bool(a, b, CMP_EQ);
        if (r < 0) {
            err_clear();
            return false;
        }
        return r == 1;
    }
    if (t == &Float_Type) return memcmp(&FLOAT_VALUE(a), &FLOAT_VALUE(b), sizeof(double)) == 0;
    if (t == &Tuple_Type) {
        if (TUPLE_SIZE(a) != TUPLE_SIZE(b)) return false;
        for (intptr_t i = 0; i < TUPLE_SIZE(a); i++)
            if (!const_equal(TUPLE_GET(a, i), TUPLE_GET(b, i))) return false;
        return true;
    }
    return false;
}

static uint64_t const_hash(Object *o) {
    if (IS_SMALLINT(o)) return (uint64_t)SMALLINT_VALUE(o) * 0x9E3779B97F4A7C15ull;
    TypeObject *t = o->type;
    if (t == &Str_Type || t == &Int_Type || t == &Bytes_Type) {
        int64_t h = obj_hash(o);
        if (h == -1) err_clear();
        return (uint64_t)h ^ (uint64_t)(uintptr_t)t;
    }
    if (t == &Float_Type) {
        uint64_t bits;
        memcpy(&bits, &FLOAT_VALUE(o), sizeof bits);
        return bits * 0xff51afd7ed558ccdull;
    }
    if (t == &Tuple_Type) {
        uint64_t h = 0x345678 + (uint64_t)TUPLE_SIZE(o);
        for (intptr_t i = 0; i < TUPLE_SIZE(o); i++) h = (h ^ const_hash(TUPLE_GET(o, i))) * 1000003;
        return h;
    }
    return (uint64_t)(uintptr_t)o >> 4;
}

int compiler_add_const(Compiler *c, Object *o) {
    Unit *u = c->u;
    intptr_t n = LIST_SIZE(u->consts);
    if ((n + 1) * 3 > (intptr_t)u->const_cap * 2) {
        int ncap = u->const_cap ? u->const_cap * 2 : 16;
        int *nt = malloc((size_t)ncap * sizeof *nt);
        if (!nt) {
            err_no_memory();
            return -1;
        }
        for (int i = 0; i < ncap; i++) nt[i] = -1;
        for (intptr_t k = 0; k < n; k++) {
            size_t h = (size_t)const_hash(LIST_GET(u->consts, k)) & (size_t)(ncap - 1);
            while (nt[h] >= 0) h = (h + 1) & (size_t)(ncap - 1);
            nt[h] = (int)k;
        }
        free(u->const_index);
        u->const_index = nt;
        u->const_cap = ncap;
    }
    size_t h = (size_t)const_hash(o) & (size_t)(u->const_cap - 1);
    while (u->const_index[h] >= 0) {
        int k = u->const_index[h];
        if (const_equal(LIST_GET(u->consts, k), o)) return k;
        h = (h + 1) & (size_t)(u->const_cap - 1);
    }
    if (list_append(u->consts, o) < 0) return -1;
    u->const_index[h] = (int)n;
    return (int)n;
}

/* Frozenset constants are shared by the whole compilation (CPython's
 * per-compiler constant cache): the first display with a given set of
 * elements fixes the object, and that object is rebuilt from the iteration
 * order of the set made from the source order, which is what CPython's
 * constant merging does and so decides the iteration order users see when
 * hashes collide (`{0, 16, -1, 8, 9, -2}`). */
static bool frozenset_const_equal(Object *a, Object *b) {
    if (set_size(a) != set_size(b)) return false;
    intptr_t i = 0;
    Object *x;
    while (set_next(a, &i, &x)) {
        intptr_t j = 0;
        Object *y;
        bool found = false;
        while (!found && set_next(b, &j, &y)) found = const_equal(x, y);
        if (!found) return false;
    }
    return true;
}

Object *compiler_const_frozenset(Compiler *c, Object *items) {
    Object *first = frozenset_new(items);
    if (!first) return NULL;
    if (c->frozensets) {
        for (intptr_t k = 0; k < LIST_SIZE(c->frozensets); k++) {
            Object *fs = LIST_GET(c->frozensets, k);
            if (frozenset_const_equal(first, fs)) {
                DECREF(first);
                return NEWREF(fs);
            }
        }
    } else if (!(c->frozensets = list_new(0))) {
        DECREF(first);
        return NULL;
    }
    Object *t = tuple_new((size_t)set_size(first));
    if (!t) {
        DECREF(first);
        return NULL;
    }
    intptr_t pos = 0, n = 0;
    Object *x;
    while (set_next(first, &pos, &x)) TUPLE_ITEMS(t)[n++] = NEWREF(x);
    DECREF(first);
    Object *fs = frozenset_new(t);
    DECREF(t);
    if (!fs) return NULL;
    if (list_append(c->frozensets, fs) < 0) {
        DECREF(fs);
        return NULL;
    }
    return fs;
}

int compiler_emit_const(Compiler *c, Object *o) {
    int i = compiler_add_const(c, o);
    if (i < 0) return -1;
    return compiler_emit(c, OP_LOAD_CONST, i);
}

/* ---- names ---------------------------------------------------------------- */

static int dict_index(Object *d, Object *name, int base) {
    Object *v = dict_get(d, name);
    if (v) return (int)SMALLINT_VALUE(v);
    if (err_occurred()) return -1;
    int idx = base + (int)dict_size(d);
    if (dict_set(d, name, MAKE_SMALLINT(idx)) < 0) return -1;
    return idx;
}

int compiler_add_name(Compiler *c, Object *name) {
    return dict_index(c->u->names, name, 0);
}

int compiler_emit_name(Compiler *c, int op, Object *name) {
    Object *m = symtable_mangle(c->u->private_name, name);
    if (!m) return -1;
    int i = compiler_add_name(c, m);
    DECREF(m);
    if (i < 0) return -1;
    return compiler_emit(c, op, i);
}

static int lookup_index(Object *d, Object *name) {
    Object *v = dict_get(d, name);
    if (!v) {
        if (!err_occurred())
            err_format(&Exc_SystemError, "compiler: no slot for name %R", name);
        return -1;
    }
    return (int)SMALLINT_VALUE(v);
}

int compiler_nameop(Compiler *c, Object *name, ExprContext ctx) {
    Unit *u = c->u;
    if (ctx == CTX_LOAD && str_eq_cstr(name, "__debug__"))
        return compiler_emit_const(c, c->optimize ? False : True);
    Object *m = symtable_mangle(u->private_name, name);
    if (!m) return -1;
    int scope = symentry_scope(u->ste, m);
    bool fn = u->ste->type == BLOCK_FUNCTION;
    int op, arg;
    switch (scope) {
    case SC_FREE:
    case SC_CELL:
        arg = lookup_index(scope == SC_FREE ? u->freevars : u->cellvars, m);
        op = ctx == CTX_LOAD ? (u->ste->type == BLOCK_CLASS ? OP_LOAD_CLASSDEREF : OP_LOAD_DEREF)
             : ctx == CTX_STORE ? OP_STORE_DEREF : OP_DELETE_DEREF;
        break;
    case SC_LOCAL:
        if (fn) {
            arg = dict_index(u->varnames, m, 0);
            op = ctx == CTX_LOAD ? OP_LOAD_FAST : ctx == CTX_STORE ? OP_STORE_FAST : OP_DELETE_FAST;
            break;
        }
        goto by_name;
    case SC_GLOBAL_IMPLICIT:
        if (!fn) goto by_name;
        /* fall through */
    case SC_GLOBAL_EXPLICIT:
        arg = compiler_add_name(c, m);
        op = ctx == CTX_LOAD ? OP_LOAD_GLOBAL : ctx == CTX_STORE ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL;
        break;
    default:
    by_name:
        arg = compiler_add_name(c, m);
        op = ctx == CTX_LOAD ? OP_LOAD_NAME : ctx == CTX_STORE ? OP_STORE_NAME : OP_DELETE_NAME;
        break;
    }
    DECREF(m);
    if (arg < 0) return -1;
    return compiler_emit(c, op, arg);
}

/* ---- units ---------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
    return str_compare(*(Object *const *)a, *(Object *const *)b);
}

/* Names of ste whose scope is `scope` (or that carry `flag`), sorted, into
 * dict d with indices from base. */
static int names_by_scope(Object *d, SymEntry *ste, int scope, int flag, int base) {
    intptr_t n = dict_size(ste->symbols), k = 0, pos = 0;
    Object **arr = malloc((size_t)(n ? n : 1) * sizeof *arr);
    if (!arr) {
        err_no_memory();
        return -1;
    }
    Object *name, *v;
    while (dict_next(ste->symbols, &pos, &name, &v)) {
        int f = (int)SMALLINT_VALUE(v);
        if ((f >> SCOPE_SHIFT) == scope || (f & flag)) arr[k++] = name;
    }
    qsort(arr, (size_t)k, sizeof *arr, cmp_str);
    int r = 0;
    for (intptr_t i = 0; i < k && r == 0; i++)
        if (dict_get(d, arr[i]) == NULL) r = dict_index(d, arr[i], base) < 0 ? -1 : 0;
    free(arr);
    return r;
}

static Object *make_qualname(Compiler *c, Unit *u) {
    Unit *p = u->parent;
    if (!p || p->type == UNIT_MODULE) return NEWREF(u->name);
    if (u->type == UNIT_FUNCTION || u->type == UNIT_CLASS) {
        Object *m = symtable_mangle(p->private_name, u->name);
        if (!m) return NULL;
        int scope = symentry_scope(p->ste, m);
        DECREF(m);
        if (scope == SC_GLOBAL_EXPLICIT) return NEWREF(u->name);
    }
    bool locals = p->type == UNIT_FUNCTION || p->type == UNIT_LAMBDA;
    return str_from_format(locals ? "%U.<locals>.%U" : "%U.%U", p->qualname, u->name);
}

static void unit_free(Unit *u) {
    unit_free_blocks(u);
    XDECREF(u->name);
    XDECREF(u->qualname);
    XDECREF(u->consts);
    XDECREF(u->names);
    XDECREF(u->varnames);
    XDECREF(u->cellvars);
    XDECREF(u->freevars);
    free(u->const_index);
    free(u->fblocks);
    free(u);
}

int compiler_enter_scope(Compiler *c, Object *name, UnitType type, const void *key, int lineno) {
    Unit *u = calloc(1, sizeof *u);
    if (!u) {
        err_no_memory();
        return -1;
    }
    u->parent = c->u;
    u->type = type;
    u->name = NEWREF(name);
    u->firstlineno = lineno;
    u->loc.lineno = u->loc.end_lineno = lineno;
    u->private_name = c->u ? c->u->private_name : NULL;
    c->u = u;   /* from here, errors free it through the unit chain */
    c->nestlevel++;
    u->ste = symtable_lookup(c->st, key);
    if (!u->ste) {
        err_format(&Exc_SystemError, "compiler: no symbol table for %R", name);
        return -1;
    }
    u->consts = list_new(0);
    u->names = dict_new();
    u->varnames = dict_new();
    u->cellvars = dict_new();
    u->freevars = dict_new();
    if (!u->consts || !u->names || !u->varnames || !u->cellvars || !u->freevars) return -1;
    for (intptr_t i = 0; i < LIST_SIZE(u->ste->params); i++)
        if (dict_index(u->varnames, LIST_GET(u->ste->params, i), 0) < 0) return -1;
    if (names_by_scope(u->cellvars, u->ste, SC_CELL, 0, 0) < 0) return -1;
    if (u->ste->needs_class_closure &&
        dict_index(u->cellvars, str_intern_cstr("__class__"), 0) < 0)
        return -1;
    if (names_by_scope(u->freevars, u->ste, SC_FREE, SYM_FREE_CLASS, (int)dict_size(u->cellvars)) < 0)
        return -1;
    if (type != UNIT_MODULE && !(u->qualname = make_qualname(c, u))) return -1;
    BasicBlock *b = compiler_new_block(c);
    if (!b) return -1;
    u->entry = u->cur = b;
    return 0;
}

Object *compiler_exit_scope(Compiler *c) {
    Object *code = compiler_assemble(c);
    Unit *u = c->u;
    c->u = u->parent;
    c->nestlevel--;
    unit_free(u);
    return code;
}

int compiler_make_closure(Compiler *c, Object *code, int flags, Object *qualname) {
    CodeObject *co = (CodeObject *)code;
    intptr_t nfree = TUPLE_SIZE(co->freevars);
    if (nfree) {
        for (intptr_t i = 0; i < nfree; i++) {
            Object *name = TUPLE_GET(co->freevars, i);
            int ref;
            if (c->u->type == UNIT_CLASS && str_eq_cstr(name, "__class__"))
                ref = SC_CELL;
            else
                ref = symentry_scope(c->u->ste, name);
            int arg = lookup_index(ref == SC_CELL ? c->u->cellvars : c->u->freevars, name);
            if (arg < 0) return -1;
            EMIT(c, OP_LOAD_CLOSURE, arg);
        }
        EMIT(c, OP_BUILD_TUPLE, (int)nfree);
        flags |= MAKEFN_CLOSURE;
    }
    EMIT_CONST(c, code);
    EMIT_CONST(c, qualname);
    EMIT(c, OP_MAKE_FUNCTION, flags);
    return 0;
}

Object *compiler_docstring(AstSeq *body) {
    if (SEQ_LEN(body) == 0) return NULL;
    AstStmt *s = SEQ_GET(body, 0);
    if (s->kind != STMT_EXPR) return NULL;
    AstExpr *e = s->v.expr.value;
    if (e->kind != EXPR_CONSTANT || !str_check_exact(e->v.constant.value)) return NULL;
    return e->v.constant.value;
}

Object *compiler_annotation_text(Compiler *c, AstExpr *e) {
    AstPos p = e->pos;
    if (e->kind == EXPR_CONSTANT) {   /* as ast.unparse: the repr */
        Object *r = obj_repr(e->v.constant.value);
        if (!r) err_clear();
        return r;
    }
    if (!c->source || p.lineno < 1 || p.end_lineno > c->nlines || p.end_lineno < p.lineno)
        return NULL;
    int a = c->line_start[p.lineno] + p.col_offset;
    int b = c->line_start[p.end_lineno] + p.end_col_offset;
    if (b <= a) return NULL;
    /* a multi-line annotation is joined into one line */
    StrBuf sb;
    strbuf_init(&sb);
    for (int i = a; i < b; i++) {
        char ch = c->source[i];
        if (ch == '\n' || ch == '\r') {
            while (i + 1 < b && (c->source[i + 1] == ' ' || c->source[i + 1] == '\t' ||
                                 c->source[i + 1] == '\n' || c->source[i + 1] == '\r'))
                i++;
            ch = ' ';
        }
        if (strbuf_append_char(&sb, ch) < 0) {
            strbuf_free(&sb);
            err_clear();
            return NULL;
        }
    }
    Object *r = strbuf_finish(&sb);
    if (!r) err_clear();
    return r;
}

/* `from __future__ import ...` at the top of a module (after the
 * docstring): record the features; unknown ones are SyntaxErrors. */
static int scan_future(Compiler *c, AstSeq *body) {
    static const char *const known[] = {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
        NULL,
    };
    for (int i = compiler_docstring(body) ? 1 : 0; i < SEQ_LEN(body); i++) {
        AstStmt *s = SEQ_GET(body, i);
        if (s->kind != STMT_IMPORTFROM || !s->v.importfrom.module ||
            !str_eq_cstr(s->v.importfrom.module, "__future__"))
            break;
        for (int k = 0; k < SEQ_LEN(s->v.importfrom.names); k++) {
            AstAlias *a = SEQ_GET(s->v.importfrom.names, k);
            int j = 0;
            while (known[j] && !str_eq_cstr(a->name, known[j])) j++;
            if (!known[j]) {
                AstPos pos = s->pos;
                pos.end_lineno = pos.lineno;
                pos.end_col_offset = -1;
                return compiler_error(c, pos, "future feature %U is not defined", a->name);
            }
            if (str_eq_cstr(a->name, "annotations")) c->future_annotations = true;
        }
        c->future_lineno = s->pos.lineno;
    }
    return 0;
}

/* ---- entry points ---------------------------------------------------------- */

static Object *compile_module(Compiler *c, AstModule *mod) {
    Object *name = str_intern_cstr("<module>");
    if (compiler_enter_scope(c, name, UNIT_MODULE, mod, 1) < 0) return NULL;
    int r = 0;
    switch (c->mode) {
    case MODE_EVAL:
        r = compiler_visit_expr(c, mod->expr);
        if (r == 0) r = compiler_emit(c, OP_RETURN_VALUE, 0);
        break;
    case MODE_SINGLE:
        c->interactive = true;
        r = scan_future(c, mod->body);
        if (r == 0) r = compiler_visit_stmts(c, mod->body);
        break;
    default:
        r = scan_future(c, mod->body);
        if (r == 0) r = compiler_body(c, mod->body, true);
        break;
    }
    if (r < 0) return NULL;
    return compiler_exit_scope(c);
}

/* Lengths of the source lines (without newline and trailing blanks). */
static int index_lines(Compiler *c) {
    int n = 1;
    for (const char *p = c->source; *p; p++)
        if (*p == '\n') n++;
    c->line_len = malloc((size_t)(n + 1) * sizeof(int));
    c->line_start = malloc((size_t)(n + 1) * sizeof(int));
    if (!c->line_len || !c->line_start) {
        err_no_memory();
        return -1;
    }
    c->nlines = n;
    const char *p = c->source;
    for (int l = 1; l <= n; l++) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        const char *r = e;
        while (r > p && (r[-1] == ' ' || r[-1] == '\t' || r[-1] == '\r')) r--;
        c->line_len[l] = (int)(r - p);
        c->line_start[l] = (int)(p - c->source);
        p = *e ? e + 1 : e;
    }
    return 0;
}

static Object *compile_ast_source(AstModule *mod, const char *filename, int mode,
                                  const char *source, int optimize) {
    Compiler c;
    memset(&c, 0, sizeof c);
    c.optimize = optimize < 0 ? runtime_config.optimize : optimize;
    c.filename = str_from_cstr(filename ? filename : "<unknown>");
    if (!c.filename) return NULL;
    c.source = source;
    if (source && index_lines(&c) < 0) {
        DECREF(c.filename);
        return NULL;
    }
    c.mode = mod->mode == MODE_EVAL ? MODE_EVAL : mode;
    Object *code = NULL;
    c.st = symtable_build(mod, c.filename, source);
    if (c.st) code = compile_module(&c, mod);
    while (c.u) {   /* error exit: release the units still open */
        Unit *u = c.u;
        c.u = u->parent;
        unit_free(u);
    }
    symtable_free(c.st);
    XDECREF(c.frozensets);
    DECREF(c.filename);
    free(c.line_len);
    free(c.line_start);
    return code;
}

Object *compile_ast(AstModule *mod, const char *filename, int mode) {
    return compile_ast_source(mod, filename, mode, NULL, -1);
}

Object *compile_source_optimize(const char *source, const char *filename, int mode,
                                int optimize) {
    AstModule *mod = parse_source(source, filename, mode);
    if (!mod) return NULL;
    Object *code = compile_ast_source(mod, filename, mode, source, optimize);
    arena_free(mod->arena);
    return code;
}

Object *compile_source(const char *source, const char *filename, int mode) {
    return compile_source_optimize(source, filename, mode, -1);
}

int compile_is_incomplete(const char *source) {
    return parse_is_incomplete(source);
}
