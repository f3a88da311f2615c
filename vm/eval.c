/* vm/eval.c — the dispatch loop.
 *
 * eval_frame() runs one frame: a loop over 32-bit instructions (opcode in
 * the low byte, argument above), dispatched by computed goto when the
 * compiler supports it, else by a switch.  Every opcode body is short; slow
 * or rare work calls a helper in vm/eval_helpers.c.
 *
 * Registers: `ip` (next instruction), `sp` (value-stack top), `fast` (the
 * frame's slots).  The stack may hold NULL (LOAD_METHOD's "no method"
 * marker), so stack clean-up uses XDECREF.
 *
 * Exceptions follow the block-stack model described in vm/opcodes.h: on an
 * error a traceback entry for this frame is added (not for RERAISE or a bare
 * `raise`), then blocks are popped until a SETUP_FINALLY handler is found.
 *
 * GIL check points (eval_breaker): frame entry and generator resume,
 * JUMP_BACKWARD, the CALL_* instructions and YIELD_FROM.
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>

#include "gil/gil.h"
#include "vm/eval.h"
#include "vm/eval_helpers.h"
#include "vm/objects/containers.h"
#include "vm/frame.h"
#include "vm/opcodes.h"
#include "vm/traceback.h"
#include "vm/vm.h"
#include "vm/objects/text.h"

#if defined(__GNUC__) && !defined(GILPY_NO_COMPUTED_GOTO)
#define USE_COMPUTED_GOTO 1
#else
#define USE_COMPUTED_GOTO 0
#endif

/* ---- C stack guard -------------------------------------------------------
 * Python calls recurse in C, so besides sys.getrecursionlimit() we refuse
 * to go on when less than STACK_MARGIN bytes of the thread's C stack
 * remain: a huge recursion limit then raises RecursionError instead of
 * crashing. */
#define STACK_MARGIN (256 * 1024)


/* Before `a + b` on two strs whose result is stored straight back into the
 * variable that holds `a` (the next instruction), drop that variable's
 * reference: if it was the last one besides the stack's, the concatenation
 * can extend `a` in place.  CPython's eval loop does the same. */
static void eval_release_concat_target(Frame *f, Object **fast, Object *const *names,
                                       uint32_t next, Object *a) {
    uint32_t op = INSTR_OP(next), arg = INSTR_ARG(next);
    if (op == OP_STORE_FAST) {
        if (fast[arg] == a) {
            fast[arg] = NULL;
            DECREF(a);
        }
    } else if (op == OP_STORE_NAME || op == OP_STORE_GLOBAL) {
        Object *ns = op == OP_STORE_NAME ? f->locals : f->globals;
        if (ns && !IS_SMALLINT(ns) && ns->type == &Dict_Type && dict_get_str(ns, names[arg]) == a) {
            if (dict_del(ns, names[arg]) < 0) err_clear();
        }
    }
}
static __thread char *stack_floor; /* lowest safe address; NULL: unknown yet */

static char *compute_stack_floor(void) {
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    if (!addr || size <= 2 * STACK_MARGIN) /* unknown: assume 1 MiB below here */
        return (char *)__builtin_frame_address(0) - (1 << 20);
    return (char *)addr + STACK_MARGIN;
}

static int enter_frame_checks(ThreadState *ts) {
    if (++ts->recursion_depth > runtime.recursion_limit) {
        ts->recursion_depth--;
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    char here;
    if (!stack_floor) stack_floor = compute_stack_floor();
    if (&here < stack_floor) {
        ts->recursion_depth--;
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    return 0;
}

/* ---- inline caches --------------------------------------------------------
 * LOAD_GLOBAL remembers its result together with the versions of the
 * globals and builtins dicts.  Dict versions come from one global counter
 * bumped on every mutation, so equal versions mean the very same dict
 * state and the borrowed value is still alive.  A code object gets its
 * cache the first time it runs: index[i] is the entry of instruction i. */
typedef struct GlobalCache {
    uint64_t gver, bver;
    Object *value;   /* borrowed */
} GlobalCache;

/* LOAD_ATTR / STORE_ATTR / LOAD_METHOD remember what the type's MRO holds
 * under the name.  Type versions are unique and change whenever the type
 * or a base changes, so a matching version means the borrowed descriptor
 * (NULL: nothing on the type) is still the one type_lookup would find. */
typedef struct AttrCache {   /* two ways: a method shared by a class and its subclass */
    unsigned int version[2];
    Object *descr[2];   /* borrowed */
    uint32_t hint;      /* LOAD/STORE_ATTR: the name's entry in the last instance dict */
    uint64_t absent;    /* LOAD_METHOD: dict_keys_version of an instance dict
                         * known not to hold the name (0: none) */
} AttrCache;

typedef struct EvalCache {
    int32_t *index;        /* per instruction: its entry in globals or attrs */
    GlobalCache *globals;
    AttrCache *attrs;
} EvalCache;

static bool is_attr_op(uint32_t w) {
    int op = (int)INSTR_OP(w);
    return op == OP_LOAD_ATTR || op == OP_STORE_ATTR || op == OP_LOAD_METHOD;
}

static EvalCache *build_cache(CodeObject *co) {
    int ng = 0, na = 0;
    for (int i = 0; i < co->ncode; i++) {
        if (INSTR_OP(co->code[i]) == OP_LOAD_GLOBAL) ng++;
        else if (is_attr_op(co->code[i])) na++;
    }
    EvalCache *c = calloc(1, sizeof(EvalCache));
    if (!c) return NULL;
    c->index = calloc((size_t)co->ncode + 1, sizeof(int32_t));
    c->globals = calloc((size_t)ng + 1, sizeof(GlobalCache));
    c->attrs = calloc((size_t)na + 1, sizeof(AttrCache));
    if (!c->index || !c->globals || !c->attrs) {
        free(c->index);
        free(c->globals);
        free(c->attrs);
        free(c);
        return NULL;
    }
    ng = na = 0;
    for (int i = 0; i < co->ncode; i++) {
        if (INSTR_OP(co->code[i]) == OP_LOAD_GLOBAL) c->index[i] = ng++;
        else if (is_attr_op(co->code[i])) c->index[i] = na++;
    }
    co->cache = c;
    return c;
}

void eval_code_cache_free(CodeObject *co) {
    EvalCache *c = co->cache;
    if (!c) return;
    free(c->index);
    free(c->globals);
    free(c->attrs);
    free(c);
    co->cache = NULL;
}

/* type_lookup through the instruction's cache (borrowed result). */
static inline Object *cached_type_lookup(EvalCache *cache, int instr, TypeObject *tp, Object *name) {
    if (!cache || !tp->version) return type_lookup(tp, name);
    AttrCache *ac = &cache->attrs[cache->index[instr]];
    if (ac->version[0] == tp->version) return ac->descr[0];
    if (ac->version[1] == tp->version) return ac->descr[1];
    Object *d = type_lookup(tp, name);
    ac->version[1] = ac->version[0];
    ac->descr[1] = ac->descr[0];
    ac->version[0] = tp->version;
    ac->descr[0] = d;
    return d;
}

/* Does `type` itself define `name` (Class.method(...) must not be hijacked
 * by a metatype attribute)?  The built-in type is immutable once started,
 * so a LOAD_METHOD site asks once and keeps the answer in its hint (unused
 * for LOAD_METHOD otherwise): 1 no, 2 yes. */
static inline bool type_has_name_cached(EvalCache *cache, int instr, Object *name) {
    if (!cache) return type_lookup(&Type_Type, name) != NULL;
    AttrCache *ac = &cache->attrs[cache->index[instr]];
    if (!ac->hint) ac->hint = type_lookup(&Type_Type, name) ? 2 : 1;
    return ac->hint == 2;
}

/* ---- the loop ------------------------------------------------------------ */

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define SET_TOP(v) (sp[-1] = (v))
#define SET_SECOND(v) (sp[-2] = (v))
#define STACK_DEPTH() ((int)(sp - stack_base))
#define JUMPTO(target) (ip = first + (target))
#define SAVE_LASTI() (f->lasti = (int)(ip - first) - 1)

#define CHECK_BREAKER()                                                        \
    do {                                                                       \
        if (atomic_load_explicit(&eval_breaker, memory_order_relaxed)) {       \
            SAVE_LASTI();                                                      \
            if (eval_handle_breaker() < 0) goto error;                         \
        }                                                                      \
    } while (0)

#if USE_COMPUTED_GOTO
#define TARGET(name) L_##name: case OP_##name:
#define DISPATCH()                                 \
    do {                                           \
        word = *ip++;                              \
        arg = INSTR_ARG(word);                     \
        goto *dispatch_table[INSTR_OP(word)];      \
    } while (0)
#else
#define TARGET(name) case OP_##name:
#define DISPATCH() goto dispatch
#endif

static inline __attribute__((always_inline)) Object *smallint_binop(int op, intptr_t x, intptr_t y) {
    intptr_t r;
    switch (op) {
    case BINOP_ADD: r = x + y; break;
    case BINOP_SUB: r = x - y; break;
    case BINOP_MUL:
        if (__builtin_mul_overflow(x, y, &r)) return NULL;
        break;
    case BINOP_FLOORDIV:
        if (y == 0) return NULL;
        r = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) r--;
        break;
    case BINOP_MOD:
        if (y == 0) return NULL;
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        break;
    case BINOP_AND: r = x & y; break;
    case BINOP_OR: r = x | y; break;
    case BINOP_XOR: r = x ^ y; break;
    case BINOP_LSHIFT:
        if (y < 0 || y >= 62) return NULL;
        r = (intptr_t)((uintptr_t)x << y);
        if ((r >> y) != x) return NULL;
        break;
    case BINOP_RSHIFT:
        if (y < 0) return NULL;
        r = y >= 63 ? (x < 0 ? -1 : 0) : x >> y;
        break;
    case BINOP_TRUEDIV: {
        const intptr_t lim = (intptr_t)1 << 53;
        if (y == 0 || x > lim || x < -lim || y > lim || y < -lim) return NULL;
        return float_from_double((double)x / (double)y);
    }
    default: return NULL;
    }
    if (!SMALLINT_FITS(r)) return NULL;
    return MAKE_SMALLINT(r);
}

static inline Object *float_binop(int op, double x, double y) {
    switch (op) {
    case BINOP_ADD: return float_from_double(x + y);
    case BINOP_SUB: return float_from_double(x - y);
    case BINOP_MUL: return float_from_double(x * y);
    case BINOP_TRUEDIV:
        if (y == 0.0) return NULL;
        return float_from_double(x / y);
    default: return NULL;
    }
}

/* Calls from the loop: Python functions go straight to function_call. */
static inline Object *call_object(Object *fn, Object *const *args, size_t nargs, Object *kwnames) {
    if (!IS_SMALLINT(fn) && fn->type == &Function_Type)
        return function_call(fn, args, nargs, kwnames);
    return eval_call(fn, args, nargs, kwnames);
}

/* Calls with positional arguments taken from the value stack: the
 * references are consumed (moved into a Python callee's frame, which saves
 * an INCREF/DECREF pair per argument and matches CPython's refcounts). */
static inline Object *call_owned(Object *fn, Object **args, size_t nargs) {
    if (!IS_SMALLINT(fn) && fn->type == &Function_Type) return function_call_owned(fn, args, nargs);
    Object *r = eval_call(fn, args, nargs, NULL);
    for (size_t i = 0; i < nargs; i++) DECREF(args[i]);
    return r;
}

/* Push-ready bools: the stack owns a reference even to singletons. */
static inline Object *BOOL(int c) {
    Object *b = c ? True : False;
    INCREF(b);
    return b;
}

static inline int cmp_result(int op, int c) { /* c: <0, 0, >0 */
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

static inline int float_cmp(int op, double x, double y) {
    switch (op) {
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_EQ: return x == y;
    case CMP_NE: return x != y;
    case CMP_GT: return x > y;
    default: return x >= y;
    }
}

Object *eval_frame(Frame *f, Object *sent, int throwflag) {
    ThreadState *ts = ts_current;
    if (enter_frame_checks(ts) < 0) return NULL;

#if USE_COMPUTED_GOTO
    static void *const opcode_labels[OPCODE_COUNT] = {
#define OPCODE_LABEL(name, cp, doc) &&L_##name,
        OPCODE_LIST(OPCODE_LABEL)
#undef OPCODE_LABEL
    };
    /* What DISPATCH jumps through.  GIL lab, -X gilchecks=every: every entry
     * is pointed at one label that tests the eval breaker before the real
     * dispatch, so the GIL can change hands between any two instructions
     * (as in Python 2-3.9).  The option is set at start-up; the table is
     * rewritten (under the GIL) by the first frame that sees it, so the
     * ordinary loop is exactly as fast as without the feature. */
    static void *dispatch_table[OPCODE_COUNT] = {
#define OPCODE_LABEL(name, cp, doc) &&L_##name,
        OPCODE_LIST(OPCODE_LABEL)
#undef OPCODE_LABEL
    };
    if (gil_check_every && dispatch_table[0] != &&check_every)
        for (int i = 0; i < OPCODE_COUNT; i++) dispatch_table[i] = &&check_every;
#else
    const bool check_every = gil_check_every;
#endif

    CodeObject *co = f->code;
    const uint32_t *const first = co->code;
    const uint32_t *ip = f->instr;
    Object **const fast = f->slots;
    Object **const cells = fast + co->nlocals;
    Object **const stack_base = cells + co->ncells + co->nfrees;
    Object **sp = f->sp;
    Object *const *const consts = TUPLE_ITEMS(co->consts);
    Object *const *const names = TUPLE_ITEMS(co->names);
    Object *retval = NULL;
    EvalCache *const cache = co->cache ? (EvalCache *)co->cache : build_cache(co);
    uint32_t word;
    unsigned arg;

    f->back = ts->frame;
    ts->frame = f;
    f->state = FRAME_RUNNING;
    if (sent) PUSH(NEWREF(sent));
    if (throwflag) {
        /* Raised "at" a suspended YIELD_FROM: step past it so the error
         * location (and any handler's view) is that instruction. */
        if (f->lasti >= 0 && INSTR_OP(*ip) == OP_YIELD_FROM) ip++;
        goto error;
    }
    CHECK_BREAKER();

#if USE_COMPUTED_GOTO
    DISPATCH();
check_every:
    CHECK_BREAKER();
    goto *opcode_labels[INSTR_OP(word)];
#else
dispatch:
#endif
    word = *ip++;
    arg = INSTR_ARG(word);
#if !USE_COMPUTED_GOTO
    if (check_every) CHECK_BREAKER();
#endif
    switch (INSTR_OP(word)) {

    TARGET(NOP) { DISPATCH(); }

    TARGET(POP_TOP) {
        Object *v = POP();
        XDECREF(v);
        DISPATCH();
    }

    TARGET(ROT_TWO) {
        Object *a = TOP();
        SET_TOP(SECOND());
        SET_SECOND(a);
        DISPATCH();
    }

    TARGET(ROT_THREE) {
        Object *c = TOP();
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = c;
        DISPATCH();
    }

    TARGET(ROT_FOUR) {
        Object *d = TOP();
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = sp[-4];
        sp[-4] = d;
        DISPATCH();
    }

    TARGET(DUP_TOP) {
        Object *v = TOP();
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(DUP_TOP_TWO) {
        Object *a = SECOND(), *b = TOP();
        INCREF(a);
        INCREF(b);
        PUSH(a);
        PUSH(b);
        DISPATCH();
    }

    TARGET(UNARY_POSITIVE) {
        Object *v = TOP(), *r = obj_pos(v);
        DECREF(v);
        SET_TOP(r);
        if (!r) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(UNARY_NEGATIVE) {
        Object *v = TOP(), *r;
        if (IS_SMALLINT(v) && SMALLINT_VALUE(v) != SMALLINT_MIN) {
            SET_TOP(MAKE_SMALLINT(-SMALLINT_VALUE(v)));
            DISPATCH();
        }
        r = obj_neg(v);
        DECREF(v);
        SET_TOP(r);
        if (!r) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(UNARY_NOT) {
        Object *v = TOP();
        int t = v == True ? 1 : v == False || v == None ? 0 : obj_is_true(v);
        DECREF(v);
        if (t < 0) { sp--; goto error; }
        SET_TOP(BOOL(!t));
        DISPATCH();
    }

    TARGET(UNARY_INVERT) {
        Object *v = TOP(), *r = obj_invert(v);
        DECREF(v);
        SET_TOP(r);
        if (!r) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(BINARY_OP) {
        Object *b = TOP(), *a = SECOND(), *r;
        int op = (int)(arg & ~(unsigned)BINOP_INPLACE);
        if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
            r = smallint_binop(op, SMALLINT_VALUE(a), SMALLINT_VALUE(b));
            if (r) {
                sp--;
                SET_TOP(r);
                DISPATCH();
            }
        } else if (!IS_SMALLINT(a) && a->type == &Float_Type) {
            double y;
            if (IS_SMALLINT(b)) y = (double)SMALLINT_VALUE(b);
            else if (b->type == &Float_Type) y = FLOAT_VALUE(b);
            else goto binop_slow;
            r = float_binop(op, FLOAT_VALUE(a), y);
            if (r) goto binop_done;
        } else if (IS_SMALLINT(a) && b->type == &Float_Type) {
            r = float_binop(op, (double)SMALLINT_VALUE(a), FLOAT_VALUE(b));
            if (r) goto binop_done;
        }
        else if (op == BINOP_ADD && !IS_SMALLINT(a) && a->type == &Str_Type &&
                 !IS_SMALLINT(b) && b->type == &Str_Type) {
            /* s = s + t / s += t: drop the variable's reference first so the
             * string can grow in place (linear loops, as CPython). */
            eval_release_concat_target(f, fast, names, *ip, a);
            r = str_concat_steal(a, b);
            DECREF(b);
            sp -= 2;
            if (!r) goto error;
            PUSH(r);
            DISPATCH();
        }
    binop_slow:
        r = obj_binary_op(a, b, (int)arg);
    binop_done:
        DECREF(a);
        DECREF(b);
        sp -= 2;
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR) {
        Object *k = TOP(), *a = SECOND(), *r;
        if (IS_SMALLINT(k) && !IS_SMALLINT(a)) {
            intptr_t i = SMALLINT_VALUE(k);
            if (a->type == &List_Type) {
                if (i < 0) i += LIST_SIZE(a);
                if ((uintptr_t)i < (uintptr_t)LIST_SIZE(a)) {
                    r = LIST_GET(a, i);
                    INCREF(r);
                    goto subscr_done;
                }
            } else if (a->type == &Tuple_Type) {
                if (i < 0) i += TUPLE_SIZE(a);
                if ((uintptr_t)i < (uintptr_t)TUPLE_SIZE(a)) {
                    r = TUPLE_GET(a, i);
                    INCREF(r);
                    goto subscr_done;
                }
            }
        } else if (!IS_SMALLINT(a) && a->type == &Dict_Type) {
            r = dict_get(a, k);
            if (r) {
                INCREF(r);
                goto subscr_done;
            }
            if (err_occurred()) {
                r = NULL;
                goto subscr_done;
            }
        }
        r = obj_getitem(a, k);
    subscr_done:
        DECREF(a);
        DECREF(k);
        sp -= 2;
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(STORE_SUBSCR) {
        Object *k = TOP(), *a = SECOND(), *v = THIRD();
        int err;
        if (IS_SMALLINT(k) && !IS_SMALLINT(a) && a->type == &List_Type) {
            intptr_t i = SMALLINT_VALUE(k);
            if (i < 0) i += LIST_SIZE(a);
            if ((uintptr_t)i < (uintptr_t)LIST_SIZE(a)) {
                Object *old = LIST_GET(a, i);
                LIST_ITEMS(a)[i] = v; /* the stack's reference moves in */
                sp -= 3;
                DECREF(old);
                DECREF(a);
                DISPATCH();
            }
        }
        if (!IS_SMALLINT(a) && a->type == &Dict_Type) err = dict_set(a, k, v);
        else err = obj_setitem(a, k, v);
        sp -= 3;
        DECREF(v);
        DECREF(a);
        DECREF(k);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR) {
        Object *k = TOP(), *a = SECOND();
        int err = obj_delitem(a, k);
        sp -= 2;
        DECREF(a);
        DECREF(k);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(COMPARE_OP) {
        Object *b = TOP(), *a = SECOND(), *r;
        if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
            intptr_t x = SMALLINT_VALUE(a), y = SMALLINT_VALUE(b);
            sp--;
            SET_TOP(BOOL(cmp_result((int)arg, (x > y) - (x < y))));
            DISPATCH();
        }
        if (!IS_SMALLINT(a) && !IS_SMALLINT(b) && a->type == &Float_Type &&
            b->type == &Float_Type) {
            int c = float_cmp((int)arg, FLOAT_VALUE(a), FLOAT_VALUE(b));
            DECREF(a);
            DECREF(b);
            sp--;
            SET_TOP(BOOL(c));
            DISPATCH();
        }
        if ((arg == CMP_EQ || arg == CMP_NE) && str_check_exact(a) && str_check_exact(b)) {
            int eq = a == b || (STR_SIZE(a) == STR_SIZE(b) &&
                                memcmp(STR_DATA(a), STR_DATA(b), (size_t)STR_SIZE(a)) == 0);
            DECREF(a);
            DECREF(b);
            sp--;
            SET_TOP(BOOL(eq ^ (arg == CMP_NE)));
            DISPATCH();
        }
        r = obj_richcompare(a, b, (int)arg);
        DECREF(a);
        DECREF(b);
        sp -= 2;
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(IS_OP) {
        Object *b = POP(), *a = TOP();
        int res = (a == b) ^ (int)arg;
        DECREF(a);
        DECREF(b);
        SET_TOP(BOOL(res));
        DISPATCH();
    }

    TARGET(CONTAINS_OP) {
        Object *b = POP(), *a = TOP();
        int res = obj_contains(b, a);
        DECREF(a);
        DECREF(b);
        if (res < 0) { sp--; goto error; }
        SET_TOP(BOOL(res ^ (int)arg));
        DISPATCH();
    }

    TARGET(GET_ITER) {
        Object *v = TOP(), *it = obj_get_iter(v);
        DECREF(v);
        SET_TOP(it);
        if (!it) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(FOR_ITER) {
        Object *it = TOP();
        unaryfunc next = OBJ_TYPE(it)->iternext;
        Object *v = next ? next(it) : obj_iter_next(it);
        if (v) {
            PUSH(v);
            DISPATCH();
        }
        if (ts->curexc) {
            if (!err_matches(&Exc_StopIteration)) goto error;
            err_clear();
        }
        sp--;
        DECREF(it);
        JUMPTO(arg);
        DISPATCH();
    }

    TARGET(RETURN_VALUE) {
        retval = POP();
        goto return_value;
    }

    TARGET(LOAD_CONST) {
        Object *c = consts[arg];
        INCREF(c);
        PUSH(c);
        DISPATCH();
    }

    TARGET(LOAD_NAME) {
        Object *v = eval_load_name(f, names[arg]);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_NAME) {
        Object *v = POP();
        int err = eval_store_name(f, names[arg], v);
        DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_NAME) {
        if (eval_delete_name(f, names[arg]) < 0) goto error;
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL) {
        Object *name = names[arg], *v;
        uint64_t gver = ((DictObject *)f->globals)->version;
        uint64_t bver = ((DictObject *)f->builtins)->version;
        GlobalCache *e = cache ? &cache->globals[cache->index[ip - first - 1]] : NULL;
        if (e && e->gver == gver && e->bver == bver) {
            v = e->value;
            INCREF(v);
            PUSH(v);
            DISPATCH();
        }
        v = dict_check(f->globals) ? dict_get_str(f->globals, name) : NULL;
        if (!v) {
            v = eval_load_global_slow(f, name);
            if (!v) goto error;
        } else {
            INCREF(v);
        }
        if (e && dict_check(f->globals) && dict_check(f->builtins)) {
            e->gver = gver;
            e->bver = bver;
            e->value = v;
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_GLOBAL) {
        Object *v = POP();
        int err = dict_set(f->globals, names[arg], v);
        DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_GLOBAL) {
        if (eval_delete_global(f, names[arg]) < 0) goto error;
        DISPATCH();
    }

    TARGET(LOAD_FAST) {
        Object *v = fast[arg];
        if (!v) goto unbound_local;
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_FAST) {
        Object *v = POP(), *old = fast[arg];
        fast[arg] = v;
        XDECREF(old);
        DISPATCH();
    }

    TARGET(DELETE_FAST) {
        Object *old = fast[arg];
        if (!old) goto unbound_local;
        fast[arg] = NULL;
        DECREF(old);
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE) {
        Object *c = cells[arg];
        INCREF(c);
        PUSH(c);
        DISPATCH();
    }

    TARGET(LOAD_DEREF) {
        Object *v = ((CellObject *)cells[arg])->ref;
        if (!v) {
            eval_unbound_deref(f, (int)arg);
            goto error;
        }
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_CLASSDEREF) {
        Object *v = eval_load_classderef(f, (int)arg);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_DEREF) {
        Object *v = POP();
        CellObject *c = (CellObject *)cells[arg];
        Object *old = c->ref;
        c->ref = v;
        XDECREF(old);
        DISPATCH();
    }

    TARGET(DELETE_DEREF) {
        CellObject *c = (CellObject *)cells[arg];
        Object *old = c->ref;
        if (!old) {
            eval_unbound_deref(f, (int)arg);
            goto error;
        }
        c->ref = NULL;
        DECREF(old);
        DISPATCH();
    }

    TARGET(LOAD_ATTR) {
        Object *o = TOP(), *name = names[arg], *v;
        TypeObject *tp = OBJ_TYPE(o);
        if (tp->getattro == obj_generic_getattr && tp->dictoffset > 0 &&
            !cached_type_lookup(cache, (int)(ip - first) - 1, tp, name)) {
            /* No descriptor on the type: the instance dict decides.  Objects
             * of a class usually get their attributes in the same order, so
             * the entry position seen last is tried first. */
            Object *d = *(Object **)((char *)o + tp->dictoffset);
            uint32_t scratch = 0;   /* no cache (it failed to build): no hint */
            uint32_t *hint = cache ? &cache->attrs[cache->index[ip - first - 1]].hint : &scratch;
            DictObject *dd = (DictObject *)d;
            if (d && ((*hint < (uint64_t)dd->nentries && dd->entries[*hint].key == name &&
                       (v = dd->entries[*hint].value)) ||
                      (v = dict_get_str_hint(d, name, hint)))) {
                INCREF(v);
                DECREF(o);
                SET_TOP(v);
                DISPATCH();
            }
        }
        v = obj_getattr(o, name);
        DECREF(o);
        SET_TOP(v);
        if (!v) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(STORE_ATTR) {
        Object *o = TOP(), *v = SECOND(), *name = names[arg];
        TypeObject *tp = OBJ_TYPE(o);
        int err;
        Object *d;
        if (tp->setattro == obj_generic_setattr && tp->dictoffset > 0 &&
            (d = *(Object **)((char *)o + tp->dictoffset)) != NULL &&
            !cached_type_lookup(cache, (int)(ip - first) - 1, tp, name))
            err = cache ? dict_set_str_hint(d, name, v, &cache->attrs[cache->index[ip - first - 1]].hint)
                        : dict_set(d, name, v);
        else
            err = obj_setattr(o, name, v);
        sp -= 2;
        DECREF(o);
        DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_ATTR) {
        Object *o = POP();
        int err = obj_setattr(o, names[arg], NULL);
        DECREF(o);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(LOAD_METHOD) {
        Object *o = TOP(), *name = names[arg];
        TypeObject *tp = OBJ_TYPE(o);
        if (tp->getattro == NULL || tp->getattro == obj_generic_getattr) {
            Object *descr = cached_type_lookup(cache, (int)(ip - first) - 1, tp, name);
            if (descr && (OBJ_TYPE(descr) == &Function_Type ||
                          OBJ_TYPE(descr) == &MethodDescr_Type)) {
                Object **dp = tp->dictoffset > 0 ? (Object **)((char *)o + tp->dictoffset)
                              : tp->dictoffset ? obj_dict_ptr(o) : NULL;
                /* The instance dict must not shadow the method.  Its keys
                 * rarely change once __init__ ran: remember a miss by the
                 * dict's keys version. */
                uint64_t scratch = 0;
                uint64_t *absent = cache ? &cache->attrs[cache->index[ip - first - 1]].absent : &scratch;
                if (!dp || !*dp || (*absent && dict_keys_version(*dp) == *absent) ||
                    (!dict_get_str(*dp, name) && (*absent = dict_keys_version(*dp), 1))) {
                    INCREF(descr);
                    SET_TOP(descr);
                    PUSH(o);
                    DISPATCH();
                }
            }
        } else if (tp == &Type_Type && !type_has_name_cached(cache, (int)(ip - first) - 1, name)) {
            /* Base.method(self, ...): a plain function found on a class
             * (no metaclass attribute in the way) is returned as is. */
            Object *descr = cached_type_lookup(cache, (int)(ip - first) - 1, (TypeObject *)o, name);
            if (descr && OBJ_TYPE(descr) == &Function_Type) {
                INCREF(descr);
                SET_TOP(NULL);
                DECREF(o);
                PUSH(descr);
                DISPATCH();
            }
        }
        Object *meth = obj_getattr(o, name);
        if (!meth) goto error;
        SET_TOP(NULL);
        DECREF(o);
        PUSH(meth);
        DISPATCH();
    }

    TARGET(CALL_METHOD) {
        Object **base = sp - arg - 2;
        Object *r;
        SAVE_LASTI();
        CHECK_BREAKER();
        Object *callee;
        if (base[0]) {
            callee = base[0];
            r = call_owned(callee, base + 1, arg + 1);
        } else if (method_check(base[1])) {
            MethodObject *m = (MethodObject *)base[1];
            callee = NEWREF(m->func);
            base[1] = NEWREF(m->self);
            DECREF((Object *)m);
            r = call_owned(callee, base + 1, arg + 1);
        } else {
            callee = base[1];
            r = call_owned(callee, base + 2, arg);
        }
        sp = base;
        DECREF(callee);
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(CALL_FUNCTION) {
        Object **base = sp - arg - 1;
        Object *fn = base[0], *r;
        SAVE_LASTI();
        CHECK_BREAKER();
        if (method_check(fn)) {
            Object *func = NEWREF(((MethodObject *)fn)->func);
            base[0] = NEWREF(((MethodObject *)fn)->self);
            DECREF(fn);
            r = call_owned(func, base, arg + 1);
            DECREF(func);
        } else {
            r = call_owned(fn, base + 1, arg);
            DECREF(fn);
        }
        sp = base;
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(CALL_FUNCTION_KW) {
        Object *kwnames = POP();
        size_t npos = arg - (size_t)TUPLE_SIZE(kwnames);
        Object **base = sp - arg - 1;
        Object *fn = base[0], *r;
        SAVE_LASTI();
        CHECK_BREAKER();
        if (method_check(fn)) {
            Object *func = NEWREF(((MethodObject *)fn)->func);
            base[0] = NEWREF(((MethodObject *)fn)->self);
            DECREF(fn);
            r = call_object(func, base, npos + 1, kwnames);
            DECREF(func);
        } else {
            r = call_object(fn, base + 1, npos, kwnames);
        }
        DECREF(kwnames);
        while (sp > base) {
            Object *v = POP();
            DECREF(v);
        }
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(CALL_FUNCTION_EX) {
        Object *kwargs = (arg & 1) ? POP() : NULL;
        Object *args = POP(), *fn = TOP();
        SAVE_LASTI();
        CHECK_BREAKER();
        Object *r = eval_call_ex(fn, args, kwargs);
        XDECREF(kwargs);
        DECREF(args);
        DECREF(fn);
        SET_TOP(r);
        if (!r) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(MAKE_FUNCTION) {
        Object *qualname = POP(), *code = POP();
        int nextra = ((arg & MAKEFN_DEFAULTS) != 0) + ((arg & MAKEFN_KWDEFAULTS) != 0) +
                     ((arg & MAKEFN_ANNOTATIONS) != 0) + ((arg & MAKEFN_CLOSURE) != 0);
        sp -= nextra;
        Object *fn = eval_make_function(f, (int)arg, sp, code, qualname);
        if (!fn) goto error;
        PUSH(fn);
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        Object *t = tuple_new(arg);
        if (!t) goto error;
        sp -= arg;
        if (arg) memcpy(TUPLE_ITEMS(t), sp, arg * sizeof(Object *));
        PUSH(t);
        DISPATCH();
    }

    TARGET(BUILD_LIST) {
        Object *l = list_new(arg);
        if (!l) goto error;
        sp -= arg;
        if (arg) memcpy(LIST_ITEMS(l), sp, arg * sizeof(Object *));
        PUSH(l);
        DISPATCH();
    }

    TARGET(BUILD_SET) {
        Object *s = set_new(NULL);
        int err = s ? 0 : -1;
        for (unsigned i = 0; i < arg; i++) {
            Object *item = sp[(int)i - (int)arg];
            if (err == 0 && set_add(s, item) < 0) err = -1;
            DECREF(item);
        }
        sp -= arg;
        if (err < 0) {
            XDECREF(s);
            goto error;
        }
        PUSH(s);
        DISPATCH();
    }

    TARGET(BUILD_MAP) {
        Object *d = eval_build_map(sp - 2 * arg, (int)arg);
        sp -= 2 * arg;
        if (!d) goto error;
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_CONST_KEY_MAP) {
        Object *keys = POP();
        Object *d = eval_build_const_key_map(sp - arg, keys, (int)arg);
        sp -= arg;
        if (!d) goto error;
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_STRING) {
        Object *s = eval_build_string(sp - arg, (int)arg);
        sp -= arg;
        if (!s) goto error;
        PUSH(s);
        DISPATCH();
    }

    TARGET(BUILD_SLICE) {
        Object *step = arg == 3 ? POP() : NULL;
        Object *stop = POP(), *start = TOP();
        Object *s = slice_new(start, stop, step);
        DECREF(start);
        DECREF(stop);
        XDECREF(step);
        SET_TOP(s);
        if (!s) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(LIST_APPEND) {
        Object *v = POP();
        Object *l = sp[-(int)arg];
        int err = list_append(l, v);
        DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(SET_ADD) {
        Object *v = POP();
        int err = set_add(sp[-(int)arg], v);
        DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(MAP_ADD) {
        Object *v = POP(), *k = POP();
        int err = dict_set(sp[-(int)arg], k, v);
        DECREF(k);
        DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(LIST_EXTEND) {
        Object *it = POP();
        int err = eval_list_extend(sp[-(int)arg], it);
        DECREF(it);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(SET_UPDATE) {
        Object *it = POP();
        int err = eval_set_update(sp[-(int)arg], it);
        DECREF(it);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DICT_UPDATE) {
        Object *m = POP();
        int err = eval_dict_update(sp[-(int)arg], m);
        DECREF(m);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DICT_MERGE) {
        Object *m = POP();
        int err = eval_dict_merge(sp[-(int)arg - 2], sp[-(int)arg], m);
        DECREF(m);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE) {
        Object *l = TOP(), *t = list_as_tuple(l);
        DECREF(l);
        SET_TOP(t);
        if (!t) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE) {
        Object *seq = POP();
        if (!IS_SMALLINT(seq) && seq->type == &Tuple_Type && TUPLE_SIZE(seq) == (intptr_t)arg) {
            for (unsigned i = arg; i-- > 0;) PUSH(NEWREF(TUPLE_GET(seq, i)));
        } else if (!IS_SMALLINT(seq) && seq->type == &List_Type &&
                   LIST_SIZE(seq) == (intptr_t)arg) {
            for (unsigned i = arg; i-- > 0;) PUSH(NEWREF(LIST_GET(seq, i)));
        } else if (eval_unpack(seq, (int)arg, -1, sp + arg) < 0) {
            DECREF(seq);
            goto error;
        } else {
            sp += arg;
        }
        DECREF(seq);
        DISPATCH();
    }

    TARGET(UNPACK_EX) {
        Object *seq = POP();
        int before = (int)(arg & 0xff), after = (int)(arg >> 8);
        int total = before + 1 + after;
        int err = eval_unpack(seq, before, after, sp + total);
        DECREF(seq);
        if (err < 0) goto error;
        sp += total;
        DISPATCH();
    }

    TARGET(FORMAT_VALUE) {
        Object *spec = (arg & FORMAT_HAVE_SPEC) ? POP() : NULL;
        Object *v = TOP();
        Object *r = eval_format_value(v, (int)(arg & FORMAT_CONV_MASK), spec);
        DECREF(v);
        XDECREF(spec);
        SET_TOP(r);
        if (!r) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(JUMP_FORWARD) {
        JUMPTO(arg);
        DISPATCH();
    }

    TARGET(JUMP_BACKWARD) {
        CHECK_BREAKER(); /* before jumping: an exception belongs to this line */
        JUMPTO(arg);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_FALSE) {
        Object *v = POP();
        int t = v == True ? 1 : v == False ? 0 : obj_is_true(v);
        DECREF(v);
        if (t < 0) goto error;
        if (!t) JUMPTO(arg);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_TRUE) {
        Object *v = POP();
        int t = v == True ? 1 : v == False ? 0 : obj_is_true(v);
        DECREF(v);
        if (t < 0) goto error;
        if (t) JUMPTO(arg);
        DISPATCH();
    }

    TARGET(JUMP_IF_FALSE_OR_POP) {
        Object *v = TOP();
        int t = v == True ? 1 : v == False ? 0 : obj_is_true(v);
        if (t < 0) goto error;
        if (!t) {
            JUMPTO(arg);
        } else {
            sp--;
            DECREF(v);
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_TRUE_OR_POP) {
        Object *v = TOP();
        int t = v == True ? 1 : v == False ? 0 : obj_is_true(v);
        if (t < 0) goto error;
        if (t) {
            JUMPTO(arg);
        } else {
            sp--;
            DECREF(v);
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_NOT_EXC_MATCH) {
        Object *cls = POP(), *exc = POP();
        int m = eval_exc_match(exc, cls);
        DECREF(cls);
        DECREF(exc);
        if (m < 0) goto error;
        if (!m) JUMPTO(arg);
        DISPATCH();
    }

    TARGET(SETUP_FINALLY) {
        Block *b = &f->blocks[f->nblocks++];
        b->type = BLOCK_FINALLY;
        b->handler = (int)arg;
        b->level = STACK_DEPTH();
        DISPATCH();
    }

    TARGET(POP_BLOCK) {
        f->nblocks--;
        DISPATCH();
    }

    TARGET(POP_EXCEPT) {
        f->nblocks--; /* the EXCEPT_HANDLER block */
        Object *prev = POP();
        Object *old = ts->handled_exc;
        if (prev == None) {
            DECREF(prev);
            prev = NULL;
        }
        ts->handled_exc = prev;
        XDECREF(old);
        DISPATCH();
    }

    TARGET(RERAISE) {
        Object *exc = POP();
        err_restore(exc);
        goto exception_unwind;
    }

    TARGET(SETUP_WITH) {
        Object *mgr = TOP(), *exit = NULL;
        Object *res = eval_setup_with(mgr, &exit);
        if (!res) goto error;
        DECREF(mgr);
        SET_TOP(exit);
        Block *b = &f->blocks[f->nblocks++];
        b->type = BLOCK_FINALLY;
        b->handler = (int)arg;
        b->level = STACK_DEPTH();
        PUSH(res);
        DISPATCH();
    }

    TARGET(WITH_EXCEPT_START) {
        Object *r = eval_with_exit(sp[-3], sp[-1]);
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(RAISE_VARARGS) {
        Object *cause = NULL, *exc = NULL;
        if (arg == 0) {
            if (!ts->handled_exc) {
                err_format(&Exc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            err_restore(NEWREF(ts->handled_exc));
            goto exception_unwind;
        }
        if (arg == 2) cause = POP();
        exc = POP();
        eval_do_raise(exc, cause);
        goto error;
    }

    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(NEWREF((Object *)&Exc_AssertionError));
        DISPATCH();
    }

    TARGET(LOAD_BUILD_CLASS) {
        Object *bc = dict_get_cstr(f->builtins, "__build_class__");
        if (!bc) {
            if (!err_occurred()) err_format(&Exc_NameError, "__build_class__ not found");
            goto error;
        }
        PUSH(NEWREF(bc));
        DISPATCH();
    }

    TARGET(IMPORT_NAME) {
        Object *fromlist = POP(), *level = TOP();
        SAVE_LASTI();
        Object *m = eval_import_name(f, names[arg], fromlist, level);
        DECREF(fromlist);
        DECREF(level);
        SET_TOP(m);
        if (!m) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(IMPORT_FROM) {
        Object *v = eval_import_from(TOP(), names[arg]);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(IMPORT_STAR) {
        Object *m = POP();
        int err = eval_import_star(f, m);
        DECREF(m);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(GEN_START) {
        Object *v = POP();
        XDECREF(v);
        DISPATCH();
    }

    TARGET(YIELD_VALUE) {
        retval = POP();
        f->instr = ip;
        goto yield;
    }

    TARGET(GET_YIELD_FROM_ITER) {
        Object *v = TOP();
        if (generator_check(v)) DISPATCH();
        Object *it = obj_get_iter(v);
        DECREF(v);
        SET_TOP(it);
        if (!it) { sp--; goto error; }
        DISPATCH();
    }

    TARGET(YIELD_FROM) {
        Object *v = POP(), *sub = TOP(), *r, *result = NULL;
        if (generator_check(sub)) {
            r = generator_send(sub, v, &result);
        } else if (v == None && OBJ_TYPE(sub)->iternext &&
                   !(OBJ_TYPE(sub)->flags & TPFLAG_HEAPTYPE)) {
            r = OBJ_TYPE(sub)->iternext(sub);
        } else if (v == None && OBJ_TYPE(sub)->iternext) {
            /* a class's __next__: call it so StopIteration keeps its value */
            r = obj_call_method(sub, "__next__", NULL, 0);
        } else if (v == None) {
            r = obj_iter_next(sub);
        } else {
            r = obj_call_method(sub, "send", &v, 1);
        }
        DECREF(v);
        if (r) {
            retval = r;
            f->instr = ip - 1; /* resume re-runs YIELD_FROM with the sent value */
            goto yield;
        }
        if (!result) {
            if (ts->curexc) {
                if (!err_matches(&Exc_StopIteration)) goto error;
                Object *exc = err_fetch();
                result = stopiteration_value(exc);
                DECREF(exc);
                if (!result) goto error;
            } else {
                result = none_new();
            }
        }
        DECREF(sub);
        SET_TOP(result);
        CHECK_BREAKER();
        DISPATCH();
    }

    TARGET(PRINT_EXPR) {
        Object *v = POP();
        int err = eval_print_expr(v);
        DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(SETUP_ANNOTATIONS) {
        if (eval_setup_annotations(f) < 0) goto error;
        DISPATCH();
    }

    TARGET(LOAD_LOCALS) {
        if (!f->locals) {
            err_format(&Exc_SystemError, "no locals found");
            goto error;
        }
        PUSH(NEWREF(f->locals));
        DISPATCH();
    }

    default:
        err_format(&Exc_SystemError, "unknown opcode %u", (unsigned)INSTR_OP(word));
        goto error;
    }
#if !USE_COMPUTED_GOTO
    goto dispatch;
#endif

unbound_local:
    err_format(&Exc_UnboundLocalError,
               "cannot access local variable '%U' where it is not associated with a value",
               TUPLE_GET(co->varnames, arg));
    /* fall through */
error:
    if (!ts->curexc)
        err_format(&Exc_SystemError, "error return without exception set");
    {
        int lasti = (int)(ip - first) - 1;
        if (lasti < 0) lasti = 0;
        f->lasti = lasti;
        traceback_here(f, lasti);
    }
exception_unwind:
    while (f->nblocks > 0) {
        Block *b = &f->blocks[--f->nblocks];
        Object **level = stack_base + b->level;
        if (b->type == BLOCK_EXCEPT_HANDLER) {
            while (sp > level + 1) {
                Object *v = POP();
                XDECREF(v);
            }
            Object *prev = POP();
            Object *old = ts->handled_exc;
            if (prev == None) {
                DECREF(prev);
                prev = NULL;
            }
            ts->handled_exc = prev;
            XDECREF(old);
            continue;
        }
        while (sp > level) {
            Object *v = POP();
            XDECREF(v);
        }
        /* The handler block takes the popped block's slot. */
        int handler = b->handler;
        Block *h = &f->blocks[f->nblocks++];
        h->type = BLOCK_EXCEPT_HANDLER;
        h->handler = -1;
        Object *exc = err_fetch();
        PUSH(ts->handled_exc ? ts->handled_exc : NEWREF(None));
        ts->handled_exc = NEWREF(exc);
        PUSH(exc);
        JUMPTO(handler);
        DISPATCH();
    }
    retval = NULL;
    goto finish;

return_value:
    /* A return from inside handlers: restore what they saved. */
    while (f->nblocks > 0) {
        Block *b = &f->blocks[--f->nblocks];
        if (b->type != BLOCK_EXCEPT_HANDLER) continue;
        Object **level = stack_base + b->level;
        while (sp > level + 1) {
            Object *v = POP();
            XDECREF(v);
        }
        Object *prev = POP();
        Object *old = ts->handled_exc;
        if (prev == None) {
            DECREF(prev);
            prev = NULL;
        }
        ts->handled_exc = prev;
        XDECREF(old);
    }
finish:
    while (sp > stack_base) {
        Object *v = POP();
        XDECREF(v);
    }
    f->sp = sp;
    f->state = FRAME_DONE;
    f->instr = ip;
    ts->frame = f->back;
    f->back = NULL;
    ts->recursion_depth--;
    return retval;

yield:
    f->sp = sp;
    f->lasti = (int)(ip - first) - 1;
    f->state = FRAME_SUSPENDED;
    ts->frame = f->back;
    f->back = NULL;
    ts->recursion_depth--;
    return retval;
}

/* ---- entry points ---------------------------------------------------------- */

static Object *builtins_for(Object *globals) {
    Object *b = dict_get_str(globals, id___builtins__);
    if (b) {
        if (module_check(b)) return module_get_dict(b);
        if (dict_check(b)) return b;
    }
    return runtime.builtins;
}

Object *eval_code(Object *code, Object *globals, Object *locals) {
    Object *builtins = builtins_for(globals);
    if (!builtins) return err_format(&Exc_SystemError, "no builtins");
    Frame *f = frame_new((CodeObject *)code, globals, builtins, locals);
    if (!f) return NULL;
    CodeObject *co = (CodeObject *)code;
    for (int i = 0; i < co->ncells; i++) {
        f->slots[co->nlocals + i] = cell_new(NULL);
        if (!f->slots[co->nlocals + i]) {
            DECREF((Object *)f);
            return NULL;
        }
    }
    if (co->nfrees) {
        DECREF((Object *)f);
        return err_format(&Exc_TypeError, "code object passed to exec() may not contain free variables");
    }
    Object *res = eval_frame(f, NULL, 0);
    DECREF((Object *)f);
    return res;
}

Frame *eval_current_frame(void) { return ts_current ? ts_current->frame : NULL; }

Object *eval_get_globals(void) {
    Frame *f = eval_current_frame();
    return f ? f->globals : NULL;
}

Object *eval_get_builtins(void) {
    Frame *f = eval_current_frame();
    return f ? f->builtins : runtime.builtins;
}

Object *eval_get_locals(void) {
    Frame *f = eval_current_frame();
    if (!f) return err_format(&Exc_SystemError, "locals(): no current frame");
    return frame_locals_dict(f);
}

int eval_current_line(void) {
    Frame *f = eval_current_frame();
    return f ? frame_lineno(f) : -1;
}

int eval_super_args(TypeObject **type, Object **self) {
    Frame *f = eval_current_frame();
    if (!f) {
        err_format(&Exc_RuntimeError, "super(): no current frame");
        return -1;
    }
    CodeObject *co = f->code;
    if (co->argcount == 0 && !(co->flags & CO_VARARGS)) {
        err_format(&Exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    Object *first = f->slots[0];
    if (!first && co->cell2arg) {
        for (int i = 0; i < co->ncells; i++)
            if (co->cell2arg[i] == 0) {
                first = ((CellObject *)f->slots[co->nlocals + i])->ref;
                break;
            }
    }
    if (!first && (co->flags & CO_VARARGS) && co->argcount == 0) {
        Object *va = f->slots[co->kwonlyargcount];
        if (va && tuple_check(va) && TUPLE_SIZE(va) > 0) first = TUPLE_GET(va, 0);
    }
    if (!first) {
        err_format(&Exc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    for (int i = 0; i < co->nfrees; i++) {
        if (!str_eq_cstr(TUPLE_GET(co->freevars, i), "__class__")) continue;
        Object *cls = ((CellObject *)f->slots[co->nlocals + co->ncells + i])->ref;
        if (!cls) {
            err_format(&Exc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!type_check(cls)) {
            err_format(&Exc_RuntimeError, "super(): __class__ is not a type (%T)", cls);
            return -1;
        }
        *type = (TypeObject *)cls;
        *self = first;
        return 0;
    }
    err_format(&Exc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

