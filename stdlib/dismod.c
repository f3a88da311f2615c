/* stdlib/dismod.c — the `dis` module: gilpy's bytecode, as a course sees it.
 *
 *   dis.dis(x, *, file=None)      print the bytecode of a function, method,
 *                                 class, code object or source string
 *   dis.get_instructions(x)       a list of dis.Instruction records
 *
 * The listing is vm/dis.c's (the same as `gilpy --dis`): a '*' in the
 * margin marks the check points, the instructions where the eval loop
 * tests the eval breaker and so where the GIL can change hands.  Opcodes
 * are gilpy's own (CPython 3.10-style block stack), not CPython's, so the
 * text differs from python3's `dis` on purpose.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/dismod.h"
#include "stdlib/runtime_modules.h"
#include "vm/compiler.h"
#include "vm/opcodes.h"
#include "vm/runtime.h"
#include "vm/vm.h"

/* Borrowed-or-NULL attribute lookup: absent is not an error. */
static Object *opt_attr(Object *o, const char *name) {
    Object *v = obj_getattr_cstr(o, name);
    if (!v && err_matches(&Exc_AttributeError)) err_clear();
    return v;
}

/* The code object behind x (new reference), compiling a source string.
 * NULL with no error set: x has no code of its own (a class, say). */
static Object *code_of(Object *x, int *failed) {
    *failed = 0;
    if (!IS_SMALLINT(x) && OBJ_TYPE(x) == &Code_Type) return NEWREF(x);
    if (str_check(x)) {
        Object *co = compile_source(str_utf8(x), "<dis>", MODE_EXEC);
        if (!co) *failed = 1;
        return co;
    }
    if (bytes_check(x)) {
        err_format(&Exc_TypeError, "gilpy's dis cannot disassemble raw bytes");
        *failed = 1;
        return NULL;
    }
    static const char *const via[] = {"__func__", "__code__", "gi_code", "cr_code", NULL};
    Object *cur = NEWREF(x);
    for (int i = 0; via[i]; i++) {
        Object *next = opt_attr(cur, via[i]);
        if (next) {
            DECREF(cur);
            cur = next;
            if (!IS_SMALLINT(cur) && OBJ_TYPE(cur) == &Code_Type) return cur;
        } else if (err_occurred()) {
            DECREF(cur);
            *failed = 1;
            return NULL;
        }
    }
    DECREF(cur);
    return NULL;
}

static int write_to(Object *file, Object *text) {
    Object *out = file && file != None ? file : sys_get_object("stdout");
    if (!out) {
        err_format(&Exc_RuntimeError, "lost sys.stdout");
        return -1;
    }
    Object *r = obj_call_method(out, "write", &text, 1);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static int write_cstr(Object *file, const char *s) {
    Object *t = str_from_cstr(s);
    if (!t) return -1;
    int r = write_to(file, t);
    DECREF(t);
    return r;
}

/* A class (or module): each function in its namespace, in definition order. */
static int dis_namespace(Object *x, Object *file) {
    Object *d = opt_attr(x, "__dict__");
    if (!d) {
        if (!err_occurred())
            err_format(&Exc_TypeError, "don't know how to disassemble %s objects",
                       OBJ_TYPE(x)->name);
        return -1;
    }
    Object *items = obj_call_method(d, "items", NULL, 0);
    DECREF(d);
    if (!items) return -1;
    Object *list = list_from_iterable(items);
    DECREF(items);
    if (!list) return -1;
    int r = 0;
    for (intptr_t i = 0; r == 0 && i < LIST_SIZE(list); i++) {
        Object *pair = LIST_ITEMS(list)[i];
        Object *name = TUPLE_GET(pair, 0), *value = TUPLE_GET(pair, 1);
        int failed;
        Object *co = (str_check(value) || bytes_check(value)) ? NULL : code_of(value, &failed);
        if (!co) {
            if (failed) err_clear();
            continue;
        }
        Object *text = dis_to_str(co);
        DECREF(co);
        if (!text) {
            r = -1;
            break;
        }
        char head[256];
        snprintf(head, sizeof head, "Disassembly of %s:\n", str_check(name) ? str_utf8(name) : "?");
        r = write_cstr(file, head);
        if (r == 0) r = write_to(file, text);
        if (r == 0) r = write_cstr(file, "\n");
        DECREF(text);
    }
    DECREF(list);
    return r;
}

static Object *dis_dis(Object *m, Object *const *args, size_t nargs, Object *kw) {
    static const char *const kwlist[] = {"x", "file", NULL};
    Object *x = None, *file = None;
    if (args_parse(args, nargs, kw, "|O$O:dis", kwlist, &x, &file) < 0) return NULL;
    if (x == None)
        return err_format(&Exc_RuntimeError, "gilpy's dis.dis() needs something to disassemble");
    int failed;
    Object *co = code_of(x, &failed);
    if (failed) return NULL;
    if (!co) return dis_namespace(x, file) < 0 ? NULL : none_new();
    Object *text = dis_to_str(co);
    DECREF(co);
    if (!text) return NULL;
    int r = write_to(file, text);
    DECREF(text);
    return r < 0 ? NULL : none_new();
}

/* ---- get_instructions ----------------------------------------------------- */

static const char *const instruction_fields[] = {
    "opname", "opcode", "arg", "argrepr", "offset", "starts_line", "is_jump_target",
    "is_checkpoint", NULL};
static const StructSeqDesc instruction_desc = {"dis.Instruction", instruction_fields, 8};
static TypeObject Instruction_Type;

/* The "(meaning)" vm/dis.c printed for instruction `offset`, from its text:
 * one line per instruction of the top-level code, in order. */
static Object *argrepr_from(const char **cursor) {
    const char *line = *cursor;
    /* skip blank lines between source lines */
    while (*line == '\n') line++;
    const char *end = strchr(line, '\n');
    if (!end) end = line + strlen(line);
    *cursor = *end ? end + 1 : end;
    const char *open = memchr(line, '(', (size_t)(end - line));
    if (!open || end[-1] != ')') return str_from_cstr("");
    return str_from_utf8(open + 1, (size_t)(end - 1 - (open + 1)));
}

static void free_reprs(Object **reprs, int n) {
    if (!reprs) return;
    for (int i = 0; i < n; i++) XDECREF(reprs[i]);
    free(reprs);
}

static Object *dis_get_instructions(Object *m, Object *const *args, size_t nargs, Object *kw) {
    Object *x;
    if (args_parse(args, nargs, kw, "O:get_instructions", NULL, &x) < 0) return NULL;
    int failed;
    Object *code = code_of(x, &failed);
    if (failed) return NULL;
    if (!code)
        return err_format(&Exc_TypeError, "don't know how to disassemble %s objects",
                          OBJ_TYPE(x)->name);
    Object *text = dis_to_str(code);
    Object *list = text ? list_new(0) : NULL;
    Object **reprs = NULL;
    bool *target = NULL;
    if (!list) {
        XDECREF(text);
        DECREF(code);
        return NULL;
    }
    CodeObject *co = (CodeObject *)code;
    /* First the argreprs (jumps read "to N"), so targets are known. */
    reprs = calloc((size_t)co->ncode + 1, sizeof *reprs);
    target = calloc((size_t)co->ncode + 1, sizeof *target);
    if (!reprs || !target) {
        err_no_memory();
        goto fail;
    }
    const char *cursor = str_utf8(text);
    for (int i = 0; i < co->ncode; i++) {
        if (!(reprs[i] = argrepr_from(&cursor))) goto fail;
        const char *r = str_utf8(reprs[i]);
        if (!strncmp(r, "to ", 3)) {
            int t = atoi(r + 3);
            if (t >= 0 && t <= co->ncode) target[t] = true;
        }
    }
    for (int i = 0; i < co->ncode; i++) {
        int op = (int)INSTR_OP(co->code[i]), arg = (int)INSTR_ARG(co->code[i]);
        bool starts = i == 0 || (co->lines && co->lines[i] != co->lines[i - 1]);
        Object *rec = structseq_new(&Instruction_Type);
        if (!rec) goto fail;
        structseq_set(rec, 0, str_from_cstr(op < OPCODE_COUNT ? opcode_names[op] : "<unknown>"));
        structseq_set(rec, 1, int_from_long(op));
        structseq_set(rec, 2, int_from_long(arg));
        structseq_set(rec, 3, NEWREF(reprs[i]));
        structseq_set(rec, 4, int_from_long(i));
        structseq_set(rec, 5, starts && co->lines ? int_from_long(co->lines[i]) : NEWREF(None));
        structseq_set(rec, 6, bool_from(target[i]));
        structseq_set(rec, 7, bool_from(op < OPCODE_COUNT && opcode_is_checkpoint[op]));
        for (int k = 0; k < 8; k++)
            if (!structseq_get(rec, k)) {
                DECREF(rec);
                goto fail;
            }
        int r = list_append(list, rec);
        DECREF(rec);
        if (r < 0) goto fail;
    }
    free_reprs(reprs, co->ncode);
    free(target);
    DECREF(text);
    DECREF(code);
    return list;
fail:
    free_reprs(reprs, co->ncode);
    free(target);
    DECREF(list);
    DECREF(text);
    DECREF(code);
    return NULL;
}

static MethodDef dis_functions[] = {
    {"dis", dis_dis, 0,
     "dis(x, *, file=None): print the bytecode of x (function, method, class, code or "
     "source string); '*' marks the check points where the GIL can change hands"},
    {"get_instructions", dis_get_instructions, 0,
     "get_instructions(x) -> list of Instruction(opname, opcode, arg, argrepr, offset, "
     "starts_line, is_jump_target, is_checkpoint)"},
    {NULL, NULL, 0, NULL},
};

Object *mod_dis_init(void) {
    if (!(Instruction_Type.flags & TPFLAG_READY) &&
        structseq_init_type(&Instruction_Type, &instruction_desc) < 0)
        return NULL;
    Object *m = module_new("dis");
    if (!m) return NULL;
    if (module_add_functions(m, dis_functions) < 0 ||
        module_add_str(m, "__doc__", "Disassembler of gilpy bytecode; '*' marks GIL check points.") < 0 ||
        module_add(m, "Instruction", (Object *)&Instruction_Type) < 0) {
        DECREF(m);
        return NULL;
    }
    Object *names = list_new(0);
    for (int op = 0; names && op < OPCODE_COUNT; op++) {
        Object *s = str_from_cstr(opcode_names[op]);
        if (!s || list_append(names, s) < 0) {
            XDECREF(s);
            DECREF(names);
            names = NULL;
            break;
        }
        DECREF(s);
    }
    if (!names || module_add(m, "opname", names) < 0) {
        XDECREF(names);
        DECREF(m);
        return NULL;
    }
    DECREF(names);
    return m;
}
