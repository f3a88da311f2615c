/* vm/opcodes.h — the instruction set, listed once.
 *
 * OPCODE_LIST(X) gives X(NAME, CHECKPOINT, "stack effect and meaning").
 * CHECKPOINT = 1 marks the instructions where eval tests the eval breaker
 * (the GIL can change hands there): backward jumps, calls, and generator
 * resumption — CPython 3.10+'s placement (../shared/GIL.md, experiment 5).
 * The enum, the name table, --dis and the dispatch table all come from here.
 *
 * Semantics follow CPython 3.10's bytecode with these differences:
 *   - one 32-bit word per instruction (8-bit op, 24-bit arg, no EXTENDED_ARG);
 *     every jump argument is an ABSOLUTE instruction index;
 *   - an exception is ONE stack value (the instance), not (tb, value, type);
 *   - all binary operators are one BINARY_OP with an enum BinOp argument
 *     (object.h), in-place forms have BINOP_INPLACE set;
 *   - JUMP_FORWARD/JUMP_BACKWARD are both absolute; the assembler picks the
 *     name by direction (only JUMP_BACKWARD is a check point).
 *
 * Stack notation: [... a, b] means b is TOS.
 *
 * Exception handling uses a per-frame block stack (as 3.10):
 *   SETUP_FINALLY t pushes a block {handler t, level = current stack depth}.
 *   When an exception is raised in the frame, eval pops blocks:
 *     - an EXCEPT_HANDLER block (see below) at level L: pop the value stack
 *       down to L+1, pop the saved previous exception (TOS, may be None) and
 *       make it the thread's "handled exception" again; continue popping;
 *     - a SETUP_FINALLY block at level L: pop the value stack down to L,
 *       push an EXCEPT_HANDLER block at level L, push the previously handled
 *       exception (None if none), push the new exception, make the new
 *       exception the thread's handled exception (sys.exc_info), and jump
 *       to the handler.  So a handler starts with [... prev_exc, exc].
 *   If no block remains, the frame returns NULL (exception propagates).
 *   A traceback entry for the frame is added when an exception is raised
 *   in it or passes through it, except by RERAISE (which keeps the
 *   traceback as it was).
 */
#ifndef GILPY_OPCODES_H
#define GILPY_OPCODES_H

#define OPCODE_LIST(X) \
    X(NOP, 0, "") \
    X(POP_TOP, 0, "[a] -> []") \
    X(ROT_TWO, 0, "[a, b] -> [b, a]") \
    X(ROT_THREE, 0, "[a, b, c] -> [c, a, b]") \
    X(ROT_FOUR, 0, "[a, b, c, d] -> [d, a, b, c]") \
    X(DUP_TOP, 0, "[a] -> [a, a]") \
    X(DUP_TOP_TWO, 0, "[a, b] -> [a, b, a, b]") \
    X(UNARY_POSITIVE, 0, "[a] -> [+a]") \
    X(UNARY_NEGATIVE, 0, "[a] -> [-a]") \
    X(UNARY_NOT, 0, "[a] -> [not a]") \
    X(UNARY_INVERT, 0, "[a] -> [~a]") \
    X(BINARY_OP, 0, "arg = enum BinOp (| BINOP_INPLACE): [a, b] -> [a op b]") \
    X(BINARY_SUBSCR, 0, "[a, k] -> [a[k]]") \
    X(STORE_SUBSCR, 0, "[v, a, k] -> []  a[k] = v") \
    X(DELETE_SUBSCR, 0, "[a, k] -> []  del a[k]") \
    X(COMPARE_OP, 0, "arg = enum CmpOp: [a, b] -> [a cmp b]") \
    X(IS_OP, 0, "arg 0 'is', 1 'is not': [a, b] -> [bool]") \
    X(CONTAINS_OP, 0, "arg 0 'in', 1 'not in': [a, b] -> [bool]  (a in b)") \
    X(GET_ITER, 0, "[a] -> [iter(a)]") \
    X(FOR_ITER, 0, "arg = target: [it] -> [it, next(it)], or at the end pop it and jump") \
    X(RETURN_VALUE, 0, "[v] -> return v from the frame") \
    X(LOAD_CONST, 0, "arg = consts index: [] -> [c]") \
    X(LOAD_NAME, 0, "arg = names index: locals, then globals, then builtins (NameError)") \
    X(STORE_NAME, 0, "arg = names index: [v] -> [], locals[name] = v") \
    X(DELETE_NAME, 0, "arg = names index") \
    X(LOAD_GLOBAL, 0, "arg = names index: globals then builtins") \
    X(STORE_GLOBAL, 0, "arg = names index") \
    X(DELETE_GLOBAL, 0, "arg = names index") \
    X(LOAD_FAST, 0, "arg = local slot (UnboundLocalError if empty)") \
    X(STORE_FAST, 0, "arg = local slot") \
    X(DELETE_FAST, 0, "arg = local slot") \
    X(LOAD_CLOSURE, 0, "arg = cell index (cellvars+freevars): push the cell itself") \
    X(LOAD_DEREF, 0, "arg = cell index: push the cell's content (NameError/UnboundLocalError if empty)") \
    X(LOAD_CLASSDEREF, 0, "arg = cell index: class body: locals dict first, then the cell") \
    X(STORE_DEREF, 0, "arg = cell index") \
    X(DELETE_DEREF, 0, "arg = cell index") \
    X(LOAD_ATTR, 0, "arg = names index: [o] -> [o.name]") \
    X(STORE_ATTR, 0, "arg = names index: [v, o] -> []  o.name = v") \
    X(DELETE_ATTR, 0, "arg = names index: [o] -> []") \
    X(LOAD_METHOD, 0, "arg = names index: [o] -> [meth, o] if o.name is a plain function found on the type (unbound), else [NULL, o.name]") \
    X(CALL_METHOD, 1, "arg = n: [m_or_NULL, self_or_callable, a1..an] -> [result]; with m non-NULL calls m(self, a1..an)") \
    X(CALL_FUNCTION, 1, "arg = n: [f, a1..an] -> [f(a1..an)]") \
    X(CALL_FUNCTION_KW, 1, "arg = n (all args): [f, a1..an, names_tuple] -> [result]; the last len(names) args are keywords") \
    X(CALL_FUNCTION_EX, 1, "arg & 1: kwargs present: [f, args_tuple, (kwargs_dict)] -> [result]") \
    X(MAKE_FUNCTION, 0, "arg flags 0x01 defaults tuple, 0x02 kwdefaults dict, 0x04 annotations dict, 0x08 closure tuple: [(defaults), (kwdefaults), (annotations), (closure), code, qualname] -> [function]") \
    X(BUILD_TUPLE, 0, "arg = n") \
    X(BUILD_LIST, 0, "arg = n") \
    X(BUILD_SET, 0, "arg = n") \
    X(BUILD_MAP, 0, "arg = n: [k1, v1 .. kn, vn] -> [dict]") \
    X(BUILD_CONST_KEY_MAP, 0, "arg = n: [v1..vn, keys_tuple] -> [dict]") \
    X(BUILD_STRING, 0, "arg = n: concatenate n str") \
    X(BUILD_SLICE, 0, "arg = 2 or 3: [start, stop(, step)] -> [slice]") \
    X(LIST_APPEND, 0, "arg = i: [... list (at depth i) ..., v] -> list.append(v); list is stack[-i] after popping v") \
    X(SET_ADD, 0, "arg = i: like LIST_APPEND for sets") \
    X(MAP_ADD, 0, "arg = i: [..., k, v] -> dict[k] = v; dict is stack[-i] after popping k, v") \
    X(LIST_EXTEND, 0, "arg = i: [..., it] -> stack[-i].extend(it)") \
    X(SET_UPDATE, 0, "arg = i: [..., it] -> stack[-i].update(it)") \
    X(DICT_UPDATE, 0, "arg = i: [..., m] -> stack[-i].update(m)") \
    X(DICT_MERGE, 0, "arg = i: like DICT_UPDATE but TypeError on duplicate keys (f(**a, **b)); the function is stack[-i-2]") \
    X(LIST_TO_TUPLE, 0, "[list] -> [tuple]") \
    X(UNPACK_SEQUENCE, 0, "arg = n: [seq] -> [xn .. x1] (x1 on top)") \
    X(UNPACK_EX, 0, "arg = before | after << 8: starred unpacking, list in the middle") \
    X(FORMAT_VALUE, 0, "arg & 3: 0 none, 1 str, 2 repr, 3 ascii; arg & 4: spec on top: [v, (spec)] -> [str]") \
    X(JUMP_FORWARD, 0, "arg = target") \
    X(JUMP_BACKWARD, 1, "arg = target (a loop's back edge)") \
    X(POP_JUMP_IF_FALSE, 0, "arg = target: [a] -> []") \
    X(POP_JUMP_IF_TRUE, 0, "arg = target: [a] -> []") \
    X(JUMP_IF_FALSE_OR_POP, 0, "arg = target: keep a and jump if false, else pop") \
    X(JUMP_IF_TRUE_OR_POP, 0, "arg = target: keep a and jump if true, else pop") \
    X(JUMP_IF_NOT_EXC_MATCH, 0, "arg = target: [exc, cls] -> []  jump if not isinstance(exc, cls) (cls may be a tuple; TypeError if not exception classes)") \
    X(SETUP_FINALLY, 0, "arg = handler: push a block (see header)") \
    X(POP_BLOCK, 0, "pop the top block") \
    X(POP_EXCEPT, 0, "[..., prev_exc] -> []  pop the EXCEPT_HANDLER block, prev_exc becomes the handled exception again") \
    X(RERAISE, 0, "[exc] -> raise exc again, traceback unchanged") \
    X(SETUP_WITH, 0, "arg = handler: [mgr] -> [exit, enter_result]; exit = bound mgr.__exit__, a SETUP_FINALLY block at the level above exit") \
    X(WITH_EXCEPT_START, 0, "[exit, prev_exc, exc] -> [exit, prev_exc, exc, exit(type(exc), exc, exc.__traceback__)]") \
    X(RAISE_VARARGS, 0, "arg 0: re-raise the handled exception (RuntimeError 'No active exception to reraise'); 1: [exc] raise; 2: [exc, cause] raise exc from cause") \
    X(LOAD_ASSERTION_ERROR, 0, "[] -> [AssertionError]") \
    X(LOAD_BUILD_CLASS, 0, "[] -> [builtins.__build_class__]") \
    X(IMPORT_NAME, 0, "arg = names index: [level, fromlist] -> [module] via builtins.__import__") \
    X(IMPORT_FROM, 0, "arg = names index: [module] -> [module, module.name] (ImportError \"cannot import name 'x' from 'm' (path)\")") \
    X(IMPORT_STAR, 0, "[module] -> []  copy public names into locals") \
    X(GEN_START, 0, "first instruction of a generator: [v] -> [] (discard the first sent None)") \
    X(YIELD_VALUE, 0, "[v] -> suspend yielding v; on resume the sent value is pushed") \
    X(GET_YIELD_FROM_ITER, 0, "[a] -> [iter(a)] (a generator stays itself)") \
    X(YIELD_FROM, 1, "[sub, v] -> send v to sub: if it yields y, suspend yielding y with the ip left ON this instruction (resume pushes the sent value, so the next run sends it); if it returns r: [r]") \
    X(PRINT_EXPR, 0, "[v] -> []  interactive echo: if v is not None, print repr(v) and set builtins._ = v") \
    X(SETUP_ANNOTATIONS, 0, "ensure __annotations__ exists in locals") \
    X(LOAD_LOCALS, 0, "[] -> [locals dict]")

enum Opcode {
#define OPCODE_ENUM(name, cp, doc) OP_##name,
    OPCODE_LIST(OPCODE_ENUM)
#undef OPCODE_ENUM
    OPCODE_COUNT
};

extern const char *const opcode_names[OPCODE_COUNT];
extern const unsigned char opcode_is_checkpoint[OPCODE_COUNT];

/* Arguments of special meaning */
enum { FORMAT_CONV_MASK = 3, FORMAT_HAVE_SPEC = 4 };
enum { MAKEFN_DEFAULTS = 1, MAKEFN_KWDEFAULTS = 2, MAKEFN_ANNOTATIONS = 4, MAKEFN_CLOSURE = 8 };

#endif
