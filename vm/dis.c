/* vm/dis.c — the disassembler behind `gilpy --dis` (and a future `dis`
 * module): one line per instruction as CPython's dis prints it, plus a '*'
 * column marking the GIL check points, then the nested code objects.
 *
 *   line  cp  >>  index  NAME                 arg (meaning)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/abstract.h"
#include "vm/compiler.h"
#include "vm/error.h"
#include "vm/objects/code.h"
#include "vm/objects/str.h"
#include "vm/objects/tuple.h"
#include "vm/opcodes.h"

static bool op_has_arg(int op) {
    switch (op) {
    case OP_NOP: case OP_POP_TOP: case OP_ROT_TWO: case OP_ROT_THREE: case OP_ROT_FOUR:
    case OP_DUP_TOP: case OP_DUP_TOP_TWO: case OP_UNARY_POSITIVE: case OP_UNARY_NEGATIVE:
    case OP_UNARY_NOT: case OP_UNARY_INVERT: case OP_BINARY_SUBSCR: case OP_STORE_SUBSCR:
    case OP_DELETE_SUBSCR: case OP_GET_ITER: case OP_RETURN_VALUE: case OP_LIST_TO_TUPLE:
    case OP_POP_BLOCK: case OP_POP_EXCEPT: case OP_RERAISE: case OP_WITH_EXCEPT_START:
    case OP_LOAD_ASSERTION_ERROR: case OP_LOAD_BUILD_CLASS: case OP_IMPORT_STAR:
    case OP_GEN_START: case OP_YIELD_VALUE: case OP_GET_YIELD_FROM_ITER: case OP_YIELD_FROM:
    case OP_PRINT_EXPR: case OP_SETUP_ANNOTATIONS: case OP_LOAD_LOCALS:
        return false;
    default:
        return true;
    }
}

static bool op_is_jump_arg(int op) {
    switch (op) {
    case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD: case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE: case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP:
    case OP_JUMP_IF_NOT_EXC_MATCH: case OP_FOR_ITER: case OP_SETUP_FINALLY: case OP_SETUP_WITH:
        return true;
    default:
        return false;
    }
}

static const char *const binop_names[BINOP_COUNT] = {
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
};
static const char *const cmp_names[] = {"<", "<=", "==", "!=", ">", ">="};

/* repr() of o into f; never fails (errors are printed as '?'). */
static void put_repr(FILE *f, Object *o) {
    Object *r = obj_repr(o);
    if (!r) {
        err_clear();
        fputs("?", f);
        return;
    }
    fwrite(STR_DATA(r), 1, (size_t)STR_SIZE(r), f);
    DECREF(r);
}

static void put_tuple_item(FILE *f, Object *t, int i) {
    if (t && i >= 0 && i < TUPLE_SIZE(t))
        fwrite(STR_DATA(TUPLE_GET(t, i)), 1, (size_t)STR_SIZE(TUPLE_GET(t, i)), f);
    else
        fputs("?", f);
}

static void put_meaning(FILE *f, CodeObject *co, int op, int arg) {
    switch (op) {
    case OP_LOAD_CONST:
        if (arg < TUPLE_SIZE(co->consts)) {
            Object *k = TUPLE_GET(co->consts, arg);
            if (!IS_SMALLINT(k) && k->type == &Code_Type) {
                CodeObject *sub = (CodeObject *)k;
                fprintf(f, "<code object %s at %p, file \"%s\", line %d>", STR_DATA(sub->name),
                        (void *)sub, STR_DATA(sub->filename), sub->firstlineno);
            } else {
                put_repr(f, k);
            }
        }
        return;
    case OP_LOAD_NAME: case OP_STORE_NAME: case OP_DELETE_NAME: case OP_LOAD_GLOBAL:
    case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL: case OP_LOAD_ATTR: case OP_STORE_ATTR:
    case OP_DELETE_ATTR: case OP_LOAD_METHOD: case OP_IMPORT_NAME: case OP_IMPORT_FROM:
        put_tuple_item(f, co->names, arg);
        return;
    case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST:
        put_tuple_item(f, co->varnames, arg);
        return;
    case OP_LOAD_CLOSURE: case OP_LOAD_DEREF: case OP_LOAD_CLASSDEREF: case OP_STORE_DEREF:
    case OP_DELETE_DEREF: {
        int nc = (int)TUPLE_SIZE(co->cellvars);
        if (arg < nc) put_tuple_item(f, co->cellvars, arg);
        else put_tuple_item(f, co->freevars, arg - nc);
        return;
    }
    case OP_COMPARE_OP:
        fputs(arg >= 0 && arg < 6 ? cmp_names[arg] : "?", f);
        return;
    case OP_IS_OP:
        fputs(arg ? "is not" : "is", f);
        return;
    case OP_CONTAINS_OP:
        fputs(arg ? "not in" : "in", f);
        return;
    case OP_BINARY_OP: {
        int base = arg & ~BINOP_INPLACE;
        fputs(base >= 0 && base < BINOP_COUNT ? binop_names[base] : "?", f);
        if (arg & BINOP_INPLACE) fputc('=', f);
        return;
    }
    case OP_FORMAT_VALUE: {
        static const char *const conv[] = {"", "str", "repr", "ascii"};
        fputs(conv[arg & FORMAT_CONV_MASK], f);
        if (arg & FORMAT_HAVE_SPEC) fputs((arg & FORMAT_CONV_MASK) ? ", with format" : "with format", f);
        return;
    }
    case OP_MAKE_FUNCTION: {
        static const char *const fl[] = {"defaults", "kwdefaults", "annotations", "closure"};
        bool first = true;
        for (int b = 0; b < 4; b++)
            if (arg & (1 << b)) {
                fprintf(f, "%s%s", first ? "" : ", ", fl[b]);
                first = false;
            }
        return;
    }
    case OP_UNPACK_EX:
        fprintf(f, "%d before, %d after", arg & 0xff, arg >> 8);
        return;
    case OP_RAISE_VARARGS:
        fputs(arg == 0 ? "reraise" : arg == 1 ? "exception instance" : "exception instance with __cause__", f);
        return;
    default:
        if (op_is_jump_arg(op)) fprintf(f, "to %d", arg);
        return;
    }
}

static void dis_one(CodeObject *co, FILE *f) {
    bool *is_target = calloc((size_t)co->ncode + 1, sizeof(bool));
    if (is_target)
        for (int i = 0; i < co->ncode; i++) {
            int op = (int)INSTR_OP(co->code[i]), arg = (int)INSTR_ARG(co->code[i]);
            if (op_is_jump_arg(op) && arg >= 0 && arg <= co->ncode) is_target[arg] = true;
        }
    for (int i = 0; i < co->ncode; i++) {
        int op = (int)INSTR_OP(co->code[i]), arg = (int)INSTR_ARG(co->code[i]);
        int line = co->lines ? co->lines[i] : 0;
        bool new_line = i == 0 || (co->lines && line != co->lines[i - 1]);
        if (new_line && i > 0) fputc('\n', f);
        if (new_line) fprintf(f, "%4d", line);
        else fputs("    ", f);
        fprintf(f, "  %c %s %5d ", op < OPCODE_COUNT && opcode_is_checkpoint[op] ? '*' : ' ',
                is_target && is_target[i] ? ">>" : "  ", i);
        const char *name = op < OPCODE_COUNT ? opcode_names[op] : "<unknown>";
        if (op < OPCODE_COUNT && op_has_arg(op)) {
            fprintf(f, "%-22s %5d", name, arg);
            char *m = NULL;
            size_t mlen = 0;
            FILE *mf = open_memstream(&m, &mlen);
            if (mf) {
                put_meaning(mf, co, op, arg);
                fclose(mf);
                if (mlen) fprintf(f, " (%s)", m);
                free(m);
            }
        } else {
            fputs(name, f);
        }
        fputc('\n', f);
    }
    free(is_target);
}

static void dis_rec(CodeObject *co, FILE *f) {
    dis_one(co, f);
    for (intptr_t i = 0; i < TUPLE_SIZE(co->consts); i++) {
        Object *k = TUPLE_GET(co->consts, i);
        if (IS_SMALLINT(k) || k->type != &Code_Type) continue;
        CodeObject *sub = (CodeObject *)k;
        fprintf(f, "\nDisassembly of <code object %s at %p, file \"%s\", line %d>:\n",
                STR_DATA(sub->name), (void *)sub, STR_DATA(sub->filename), sub->firstlineno);
        dis_rec(sub, f);
    }
}

void dis_code(Object *code, void *file) {
    FILE *f = file ? (FILE *)file : stdout;
    if (IS_SMALLINT(code) || code->type != &Code_Type) {
        fputs("dis_code: not a code object\n", f);
        return;
    }
    dis_rec((CodeObject *)code, f);
}

Object *dis_to_str(Object *code) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return err_no_memory();
    dis_code(code, f);
    fclose(f);
    Object *s = str_decode_utf8(buf, len, "replace");
    free(buf);
    return s;
}
