/* vm/assemble.c — from a unit's control-flow graph to a code object.
 *
 * Steps: drop code after unconditional exits, thread jumps, drop unreachable
 * blocks and jumps to the next instruction, compute the exact value-stack
 * and block-stack depths by walking every path, resolve targets to absolute
 * instruction indices, and build the tables.
 *
 * Invariant kept for the GIL (vm/opcodes.h): every loop's back edge is an
 * unconditional JUMP_BACKWARD, the check point.  Conditional jumps and
 * FOR_ITER are never threaded to a target behind them, so no cycle can run
 * without passing a check point.
 */
#include "vm/compiler_internal.h"

#include <stdlib.h>
#include <string.h>

#include "vm/error.h"
#include "vm/objects/code.h"
#include "vm/objects/dict.h"
#include "vm/objects/list.h"
#include "vm/objects/str.h"
#include "vm/objects/tuple.h"

int opcode_stack_effect(int op, int arg, int jump) {
    switch (op) {
    case OP_NOP: case OP_ROT_TWO: case OP_ROT_THREE: case OP_ROT_FOUR:
    case OP_UNARY_POSITIVE: case OP_UNARY_NEGATIVE: case OP_UNARY_NOT: case OP_UNARY_INVERT:
    case OP_GET_ITER: case OP_DELETE_NAME: case OP_DELETE_GLOBAL: case OP_DELETE_FAST:
    case OP_DELETE_DEREF: case OP_LOAD_ATTR: case OP_LIST_TO_TUPLE: case OP_JUMP_FORWARD:
    case OP_JUMP_BACKWARD: case OP_POP_BLOCK: case OP_YIELD_VALUE: case OP_GET_YIELD_FROM_ITER:
    case OP_SETUP_ANNOTATIONS:
        return 0;
    case OP_POP_TOP: case OP_BINARY_OP: case OP_BINARY_SUBSCR: case OP_COMPARE_OP:
    case OP_IS_OP: case OP_CONTAINS_OP: case OP_RETURN_VALUE: case OP_STORE_NAME:
    case OP_STORE_GLOBAL: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_DELETE_ATTR:
    case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE:
    case OP_DICT_UPDATE: case OP_DICT_MERGE: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_POP_EXCEPT: case OP_RERAISE: case OP_IMPORT_NAME: case OP_IMPORT_STAR:
    case OP_GEN_START: case OP_YIELD_FROM: case OP_PRINT_EXPR:
        return -1;
    case OP_DUP_TOP: case OP_LOAD_CONST: case OP_LOAD_NAME: case OP_LOAD_GLOBAL:
    case OP_LOAD_FAST: case OP_LOAD_CLOSURE: case OP_LOAD_DEREF: case OP_LOAD_CLASSDEREF:
    case OP_LOAD_METHOD: case OP_LOAD_ASSERTION_ERROR: case OP_LOAD_BUILD_CLASS:
    case OP_IMPORT_FROM: case OP_WITH_EXCEPT_START: case OP_LOAD_LOCALS:
        return 1;
    case OP_DUP_TOP_TWO: return 2;
    case OP_STORE_SUBSCR: return -3;
    case OP_DELETE_SUBSCR: case OP_STORE_ATTR: case OP_MAP_ADD: case OP_JUMP_IF_NOT_EXC_MATCH:
        return -2;
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_CALL_METHOD: return -arg - 1;
    case OP_CALL_FUNCTION: return -arg;
    case OP_CALL_FUNCTION_KW: return -arg - 1;
    case OP_CALL_FUNCTION_EX: return -1 - (arg & 1);
    case OP_MAKE_FUNCTION:
        return -1 - ((arg & 1) != 0) - ((arg & 2) != 0) - ((arg & 4) != 0) - ((arg & 8) != 0);
    case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING:
    case OP_BUILD_SLICE:
        return 1 - arg;
    case OP_BUILD_MAP: return 1 - 2 * arg;
    case OP_BUILD_CONST_KEY_MAP: return -arg;
    case OP_UNPACK_SEQUENCE: return arg - 1;
    case OP_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case OP_FORMAT_VALUE: return (arg & FORMAT_HAVE_SPEC) ? -1 : 0;
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_SETUP_FINALLY: return jump ? 2 : 0;   /* handler: [prev_exc, exc] */
    case OP_SETUP_WITH: return jump ? 2 : 1;      /* [mgr] -> [exit, enter] / [exit, prev, exc] */
    case OP_RAISE_VARARGS: return -arg;
    }
    return 0;
}

static int block_effect(int op) {
    switch (op) {
    case OP_SETUP_FINALLY: case OP_SETUP_WITH: return 1;   /* the handler block replaces it */
    case OP_POP_BLOCK: case OP_POP_EXCEPT: return -1;
    default: return 0;
    }
}

void unit_free_blocks(Unit *u) {
    BasicBlock *b = u->blocks;
    while (b) {
        BasicBlock *n = b->alloc_next;
        free(b->instrs);
        free(b);
        b = n;
    }
    u->blocks = NULL;
}

/* The first block at or after b (in layout) that holds an instruction. */
static BasicBlock *skip_empty(BasicBlock *b) {
    while (b && b->n == 0) b = b->next;
    return b;
}

static void number_blocks(BasicBlock *entry) {
    int k = 0;
    for (BasicBlock *b = entry; b; b = b->next) b->order = k++;
}

/* Cut what follows an unconditional exit inside a block (dead code). */
static void truncate_dead(BasicBlock *entry) {
    for (BasicBlock *b = entry; b; b = b->next)
        for (int i = 0; i < b->n; i++)
            if (op_is_terminator(b->instrs[i].op)) {
                b->n = i + 1;
                break;
            }
}

static bool thread_jumps(BasicBlock *entry) {
    bool changed = false;
    for (BasicBlock *b = entry; b; b = b->next) {
        for (int i = 0; i < b->n; i++) {
            Instr *in = &b->instrs[i];
            if (!in->target || in->op == OP_SETUP_FINALLY || in->op == OP_SETUP_WITH) continue;
            for (int hops = 0; hops < 8; hops++) {
                BasicBlock *t = skip_empty(in->target);
                if (!t) break;
                Instr *first = &t->instrs[0];
                if (!op_is_uncond_jump(first->op) || first->target == in->target) break;
                BasicBlock *nt = skip_empty(first->target);
                if (!nt || nt == t) break;
                /* conditional jumps must stay forward (see the header) */
                if (!op_is_uncond_jump(in->op) && nt->order <= b->order) break;
                /* Lines as CPython's (which threads only between jumps of
                 * the same line): a jump reports the line of the jump it
                 * replaces, which may be a check point; one to a jump with
                 * no line stays, as that jump's line comes from its
                 * predecessors. */
                if (op_is_uncond_jump(in->op) && in->lineno != first->lineno) {
                    if (first->lineno == NO_LINE) break;
                    in->lineno = first->lineno;
                    in->cols = first->cols;
                }
                in->target = first->target;
                changed = true;
            }
            /* JUMP_IF_FALSE_OR_POP to a block starting with the same test
             * keeps the value and jumps on: go straight to its target. */
            if (in->op == OP_JUMP_IF_FALSE_OR_POP || in->op == OP_JUMP_IF_TRUE_OR_POP) {
                BasicBlock *t = skip_empty(in->target);
                if (t && t->instrs[0].op == in->op && t->instrs[0].target) {
                    BasicBlock *nt = skip_empty(t->instrs[0].target);
                    if (nt && nt->order > b->order && nt != t) {
                        in->target = t->instrs[0].target;
                        changed = true;
                    }
                }
            }
        }
    }
    return changed;
}

static int mark_reachable(Unit *u) {
    for (BasicBlock *b = u->blocks; b; b = b->alloc_next) b->reachable = false;
    int cap = 64, sp = 0;
    BasicBlock **stack = malloc((size_t)cap * sizeof *stack);
    if (!stack) {
        err_no_memory();
        return -1;
    }
    u->entry->reachable = true;
    stack[sp++] = u->entry;
    while (sp) {
        BasicBlock *b = stack[--sp];
        BasicBlock *succ[2];
        for (int i = 0; i <= b->n; i++) {
            int ns = 0;
            if (i < b->n) {
                if (b->instrs[i].target) succ[ns++] = b->instrs[i].target;
            } else if (b->n == 0 || !op_is_terminator(b->instrs[b->n - 1].op)) {
                if (b->next) succ[ns++] = b->next;
            }
            for (int k = 0; k < ns; k++) {
                if (succ[k]->reachable) continue;
                succ[k]->reachable = true;
                if (sp == cap) {
                    cap *= 2;
                    BasicBlock **ns2 = realloc(stack, (size_t)cap * sizeof *stack);
                    if (!ns2) {
                        free(stack);
                        err_no_memory();
                        return -1;
                    }
                    stack = ns2;
                }
                stack[sp++] = succ[k];
            }
        }
    }
    free(stack);
    /* unlink the unreachable ones from the layout */
    BasicBlock *prev = u->entry;
    for (BasicBlock *b = u->entry->next; b; b = b->next) {
        if (b->reachable) {
            prev->next = b;
            prev = b;
        }
    }
    prev->next = NULL;
    return 0;
}

/* A jump to where control would fall anyway is removed. */
static bool remove_redundant_jumps(BasicBlock *entry) {
    bool changed = false;
    for (BasicBlock *b = entry; b; b = b->next) {
        if (b->n == 0) continue;
        Instr *last = &b->instrs[b->n - 1];
        if (!last->target || skip_empty(last->target) != skip_empty(b->next)) continue;
        if (op_is_uncond_jump(last->op)) {
            b->n--;
            changed = true;
        } else if (last->op == OP_POP_JUMP_IF_FALSE || last->op == OP_POP_JUMP_IF_TRUE) {
            last->op = OP_POP_TOP;
            last->target = NULL;
            changed = true;
        }
    }
    return changed;
}

/* A jump to a tiny block that returns is replaced by a copy of it
 * (`return` inside loops and ifs then costs no extra dispatch). */
static bool inline_small_exits(Compiler *c, BasicBlock *entry) {
    bool changed = false;
    for (BasicBlock *b = entry; b; b = b->next) {
        if (b->n == 0) continue;
        Instr *last = &b->instrs[b->n - 1];
        if (!op_is_uncond_jump(last->op)) continue;
        BasicBlock *t = skip_empty(last->target);
        if (!t || t == b || t->n > 2 || t->instrs[t->n - 1].op != OP_RETURN_VALUE) continue;
        if (t->n == 2 && t->instrs[0].op != OP_LOAD_CONST && t->instrs[0].op != OP_LOAD_FAST) continue;
        if (b->n - 1 + t->n > b->cap) {
            Instr *ni = realloc(b->instrs, (size_t)(b->n + t->n) * sizeof *ni);
            if (!ni) return changed;
            b->instrs = ni;
            b->cap = b->n + t->n;
            last = &b->instrs[b->n - 1];
        }
        int line = last->lineno;
        b->n--;
        for (int i = 0; i < t->n; i++) {
            b->instrs[b->n] = t->instrs[i];
            b->instrs[b->n].lineno = line ? line : t->instrs[i].lineno;
            b->n++;
        }
        changed = true;
    }
    (void)c;
    return changed;
}

/* ---- line numbers of instructions with none (CPython's rules) ---------- */

/* A NOP only keeps a line visible: dropped when its neighbours carry its line
 * (the next instruction inherits it if it has none). */
static void remove_nops(BasicBlock *entry) {
    for (BasicBlock *b = entry; b; b = b->next) {
        int dst = 0, prev = NO_LINE;
        for (int i = 0; i < b->n; i++) {
            Instr *in = &b->instrs[i];
            if (in->op == OP_NOP) {
                int line = in->lineno;
                if (line == NO_LINE || line == prev) continue;
                if (i + 1 < b->n) {
                    Instr *nx = &b->instrs[i + 1];
                    if (nx->lineno == NO_LINE || nx->lineno == line) {
                        nx->lineno = line;
                        nx->cols = in->cols;
                        continue;
                    }
                } else {
                    BasicBlock *nb = skip_empty(b->next);
                    if (nb && nb->instrs[0].lineno == line) continue;
                }
            }
            prev = in->lineno;
            b->instrs[dst++] = *in;
        }
        b->n = dst;
    }
}

static void count_preds(Unit *u) {
    for (BasicBlock *b = u->entry; b; b = b->next) b->preds = 0;
    for (BasicBlock *b = u->entry; b; b = b->next) {
        BasicBlock *eb = b->extra_preds ? skip_empty(b) : NULL;
        if (eb) eb->preds += b->extra_preds;
        if (b->n == 0) continue;
        for (int i = 0; i < b->n; i++) {
            BasicBlock *t = b->instrs[i].target ? skip_empty(b->instrs[i].target) : NULL;
            if (t) t->preds++;
        }
        BasicBlock *nb = skip_empty(b->next);
        if (nb && !op_is_terminator(b->instrs[b->n - 1].op)) nb->preds++;
    }
}

/* An instruction without a line takes the line of the one before it in its
 * block, or of the only way into the block; a return without one takes the
 * last line laid out before it.  What remains has no line (-1). */
static void propagate_lines(Unit *u) {
    count_preds(u);
    for (BasicBlock *b = u->entry; b; b = b->next) {
        if (b->n == 0) continue;
        Instr *prev = NULL;
        for (int i = 0; i < b->n; i++) {
            Instr *in = &b->instrs[i];
            if (in->lineno == NO_LINE) {
                if (prev) {
                    in->lineno = prev->lineno;
                    in->cols = prev->cols;
                }
            } else {
                prev = in;
            }
            BasicBlock *t = in->target && in->op != OP_SETUP_FINALLY && in->op != OP_SETUP_WITH
                                ? skip_empty(in->target) : NULL;
            if (t && prev && t->preds == 1 && t->instrs[0].lineno == NO_LINE) {
                t->instrs[0].lineno = prev->lineno;
                t->instrs[0].cols = prev->cols;
            }
        }
        BasicBlock *nb = skip_empty(b->next);
        if (nb && prev && nb->preds == 1 && !op_is_terminator(b->instrs[b->n - 1].op) &&
            nb->instrs[0].lineno == NO_LINE) {
            nb->instrs[0].lineno = prev->lineno;
            nb->instrs[0].cols = prev->cols;
        }
    }
    int line = u->firstlineno;
    for (BasicBlock *b = u->entry; b; b = b->next) {
        if (b->n == 0) continue;
        Instr *last = &b->instrs[b->n - 1];
        if (last->lineno != NO_LINE) {
            line = last->lineno;
        } else if (last->op == OP_RETURN_VALUE) {
            for (int i = 0; i < b->n; i++)
                if (b->instrs[i].lineno == NO_LINE) b->instrs[i].lineno = line;
        }
    }
}

typedef struct { int maxdepth, maxblocks; } Depths;

static int push_depth(BasicBlock ***stack, int *sp, int *cap, BasicBlock *b, int depth, int blocks) {
    if (b->startdepth >= 0) {
        if (b->startdepth != depth || b->startblocks != blocks) {
            err_format(&Exc_SystemError, "compiler: inconsistent stack depth (%d/%d vs %d/%d)",
                       b->startdepth, b->startblocks, depth, blocks);
            return -1;
        }
        return 0;
    }
    b->startdepth = depth;
    b->startblocks = blocks;
    if (*sp == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        BasicBlock **ns = realloc(*stack, (size_t)*cap * sizeof **stack);
        if (!ns) {
            err_no_memory();
            return -1;
        }
        *stack = ns;
    }
    (*stack)[(*sp)++] = b;
    return 0;
}

static int compute_depths(Unit *u, int initial, Depths *out) {
    for (BasicBlock *b = u->blocks; b; b = b->alloc_next) b->startdepth = -1;
    BasicBlock **stack = NULL;
    int sp = 0, cap = 0, maxd = initial, maxb = 0;
    if (push_depth(&stack, &sp, &cap, u->entry, initial, 0) < 0) goto fail;
    while (sp) {
        BasicBlock *b = stack[--sp];
        int depth = b->startdepth, blocks = b->startblocks;
        bool falls = true;
        for (int i = 0; i < b->n; i++) {
            Instr *in = &b->instrs[i];
            if (in->target) {
                int td = depth + opcode_stack_effect(in->op, in->arg, 1);
                int tb = blocks + block_effect(in->op);
                if (td > maxd) maxd = td;
                if (tb > maxb) maxb = tb;
                if (push_depth(&stack, &sp, &cap, in->target, td, tb) < 0) goto fail;
            }
            depth += opcode_stack_effect(in->op, in->arg, 0);
            blocks += block_effect(in->op);
            if (depth < 0 || blocks < 0) {
                err_format(&Exc_SystemError, "compiler: stack underflow at %s",
                           opcode_names[in->op]);
                goto fail;
            }
            if (depth > maxd) maxd = depth;
            if (blocks > maxb) maxb = blocks;
            if (op_is_terminator(in->op)) {
                falls = false;
                break;
            }
        }
        if (falls && b->next && push_depth(&stack, &sp, &cap, b->next, depth, blocks) < 0) goto fail;
    }
    free(stack);
    out->maxdepth = maxd;
    out->maxblocks = maxb;
    return 0;
fail:
    free(stack);
    return -1;
}

/* dict name -> index as a tuple in index order (indices from base). */
static Object *dict_to_tuple(Object *d, int base) {
    intptr_t n = dict_size(d), pos = 0;
    Object *t = tuple_new((size_t)n);
    if (!t) return NULL;
    Object *k, *v;
    while (dict_next(d, &pos, &k, &v)) TUPLE_ITEMS(t)[SMALLINT_VALUE(v) - base] = NEWREF(k);
    return t;
}

static int insert_gen_start(Compiler *c) {
    BasicBlock *b = c->u->entry;
    if (b->n == b->cap) {
        int nc = b->cap ? b->cap * 2 : 4;
        Instr *ni = realloc(b->instrs, (size_t)nc * sizeof *ni);
        if (!ni) {
            err_no_memory();
            return -1;
        }
        b->instrs = ni;
        b->cap = nc;
    }
    memmove(b->instrs + 1, b->instrs, (size_t)b->n * sizeof *b->instrs);
    b->n++;
    Instr *in = &b->instrs[0];
    memset(in, 0, sizeof *in);
    in->op = OP_GEN_START;
    in->lineno = c->u->firstlineno;
    return 0;
}

Object *compiler_assemble(Compiler *c) {
    Unit *u = c->u;
    BasicBlock *last = u->cur;
    if (last->n == 0 || !op_is_terminator(last->instrs[last->n - 1].op)) {
        if (compiler_emit_const(c, None) < 0 || compiler_emit(c, OP_RETURN_VALUE, 0) < 0) return NULL;
    }
    bool generator = u->ste->type == BLOCK_FUNCTION && u->ste->generator;
    if (generator && insert_gen_start(c) < 0) return NULL;

    number_blocks(u->entry);
    truncate_dead(u->entry);
    for (int round = 0; round < 4; round++) {
        bool changed = thread_jumps(u->entry);
        if (mark_reachable(u) < 0) return NULL;
        number_blocks(u->entry);
        changed |= remove_redundant_jumps(u->entry);
        changed |= inline_small_exits(c, u->entry);
        if (!changed) break;
    }
    if (mark_reachable(u) < 0) return NULL;
    remove_nops(u->entry);
    propagate_lines(u);

    Depths d;
    if (compute_depths(u, generator ? 1 : 0, &d) < 0) return NULL;

    int ncode = 0;
    for (BasicBlock *b = u->entry; b; b = b->next) {
        b->offset = ncode;
        ncode += b->n;
    }
    uint32_t *code = malloc((size_t)(ncode ? ncode : 1) * sizeof *code);
    int *lines = malloc((size_t)(ncode ? ncode : 1) * sizeof *lines);
    uint32_t *cols = malloc((size_t)(ncode ? ncode : 1) * sizeof *cols);
    Object *consts = NULL, *names = NULL, *varnames = NULL, *cellvars = NULL, *freevars = NULL;
    if (!code || !lines || !cols) {
        err_no_memory();
        goto fail;
    }
    int k = 0;
    for (BasicBlock *b = u->entry; b; b = b->next) {
        for (int i = 0; i < b->n; i++, k++) {
            Instr *in = &b->instrs[i];
            int op = in->op, arg = in->arg;
            if (in->target) {
                arg = in->target->offset;
                if (op_is_uncond_jump(op)) op = arg <= k ? OP_JUMP_BACKWARD : OP_JUMP_FORWARD;
            }
            code[k] = MAKE_INSTR(op, arg);
            lines[k] = in->lineno > 0 || in->lineno == NO_LINE ? in->lineno : u->firstlineno;
            cols[k] = in->cols;
        }
    }
    consts = list_as_tuple(u->consts);
    names = dict_to_tuple(u->names, 0);
    varnames = dict_to_tuple(u->varnames, 0);
    cellvars = dict_to_tuple(u->cellvars, 0);
    freevars = dict_to_tuple(u->freevars, (int)dict_size(u->cellvars));
    if (!consts || !names || !varnames || !cellvars || !freevars) goto fail;

    int flags = 0;
    if (u->ste->type == BLOCK_FUNCTION) {
        flags |= CO_OPTIMIZED | CO_NEWLOCALS;
        if (u->ste->nested) flags |= CO_NESTED;
        if (generator) flags |= CO_GENERATOR;
        if (u->ste->varargs) flags |= CO_VARARGS;
        if (u->ste->varkeywords) flags |= CO_VARKEYWORDS;
    }
    if (TUPLE_SIZE(cellvars) == 0 && TUPLE_SIZE(freevars) == 0) flags |= CO_NOFREE;

    Object *co = code_new(code, ncode, lines, cols, consts, names, varnames, cellvars, freevars,
                          u->argcount, u->posonlyargcount, u->kwonlyargcount, d.maxdepth,
                          d.maxblocks, flags, u->firstlineno, u->name,
                          u->qualname ? u->qualname : u->name, c->filename);
    DECREF(consts);
    DECREF(names);
    DECREF(varnames);
    DECREF(cellvars);
    DECREF(freevars);
    return co;
fail:
    free(code);
    free(lines);
    free(cols);
    XDECREF(consts);
    XDECREF(names);
    XDECREF(varnames);
    XDECREF(cellvars);
    XDECREF(freevars);
    return NULL;
}
