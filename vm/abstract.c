/* vm/abstract.c — the generic object protocols (vm/abstract.h).
 *
 * Every operation dispatches on the operands' type slots with CPython's
 * rules: binary operators try the left operand's slot, then the right's
 * (the right first when its type is a proper subclass that overrides the
 * slot); a slot answering NotImplemented passes the turn; rich comparisons
 * try the reflected operator; == and != fall back to identity.  Messages
 * are CPython 3.11's.
 */
#include <string.h>

#include "vm/format.h"
#include "vm/vm.h"
#include "vm/objects/typesys.h"

#define SLOT_AT(t, off) (*(void **)((char *)(t) + (off)))

/* ---- repr / str / hash ------------------------------------------------------- */

Object *obj_repr(Object *o) {
    TypeObject *tp = OBJ_TYPE(o);
    if (!tp->repr) return object_repr(o);
    if (enter_recursive_call(" while getting the repr of an object") < 0) return NULL;
    Object *r = tp->repr(o);
    leave_recursive_call();
    if (r && !str_check(r)) {
        err_format(&Exc_TypeError, "__repr__ returned non-string (type %s)",
                   type_name(OBJ_TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

Object *obj_str(Object *o) {
    if (str_check_exact(o)) return NEWREF(o);
    TypeObject *tp = OBJ_TYPE(o);
    if (!tp->str) return obj_repr(o);
    if (enter_recursive_call(" while getting the str of an object") < 0) return NULL;
    Object *r = tp->str(o);
    leave_recursive_call();
    if (r && !str_check(r)) {
        err_format(&Exc_TypeError, "__str__ returned non-string (type %s)",
                   type_name(OBJ_TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

Object *obj_ascii(Object *o) {
    Object *r = obj_repr(o);
    if (!r) return NULL;
    if (((StrObject *)r)->ascii) return r;
    StrBuf sb;
    strbuf_init(&sb);
    const unsigned char *p = (const unsigned char *)STR_DATA(r);
    const unsigned char *end = p + STR_SIZE(r);
    while (p < end) {
        uint32_t c = *p;
        int n = 1;
        if (c >= 0xF0) {
            c = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
            n = 4;
        } else if (c >= 0xE0) {
            c = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
            n = 3;
        } else if (c >= 0xC0) {
            c = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
            n = 2;
        }
        p += n;
        if (c < 0x80)
            strbuf_append_char(&sb, (char)c);
        else if (c <= 0xff)
            strbuf_printf(&sb, "\\x%02x", c);
        else if (c <= 0xffff)
            strbuf_printf(&sb, "\\u%04x", c);
        else
            strbuf_printf(&sb, "\\U%08x", c);
    }
    DECREF(r);
    return strbuf_finish(&sb);
}

int64_t obj_hash(Object *o) {
    hashfunc h = OBJ_TYPE(o)->hash;
    if (!h) return obj_hash_not_implemented(o);
    return h(o);
}

/* ---- comparisons -------------------------------------------------------------- */

static const int swapped_op[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};
static const char *const cmp_symbol[] = {"<", "<=", "==", "!=", ">", ">="};

static Object *do_richcompare(Object *a, Object *b, int op) {
    TypeObject *ta = OBJ_TYPE(a), *tb = OBJ_TYPE(b);
    Object *r;
    bool checked_reverse = false;
    if (ta != tb && tb->richcompare && type_is_subtype(tb, ta)) {
        checked_reverse = true;
        r = tb->richcompare(b, a, swapped_op[op]);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (ta->richcompare) {
        r = ta->richcompare(a, b, op);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (!checked_reverse && tb->richcompare) {
        r = tb->richcompare(b, a, swapped_op[op]);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    switch (op) {
    case CMP_EQ:
        return bool_from(a == b);
    case CMP_NE:
        return bool_from(a != b);
    default:
        return err_format(&Exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                          cmp_symbol[op], type_name(ta), type_name(tb));
    }
}

Object *obj_richcompare(Object *a, Object *b, int op) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        intptr_t x = SMALLINT_VALUE(a), y = SMALLINT_VALUE(b);
        int v = 0;
        switch (op) {
        case CMP_LT: v = x < y; break;
        case CMP_LE: v = x <= y; break;
        case CMP_EQ: v = x == y; break;
        case CMP_NE: v = x != y; break;
        case CMP_GT: v = x > y; break;
        case CMP_GE: v = x >= y; break;
        }
        return bool_from(v);
    }
    if (enter_recursive_call(" in comparison") < 0) return NULL;
    Object *r = do_richcompare(a, b, op);
    leave_recursive_call();
    return r;
}

int obj_richcompare_bool(Object *a, Object *b, int op) {
    if (a == b) {
        if (op == CMP_EQ) return 1;
        if (op == CMP_NE) return 0;
    }
    Object *r = obj_richcompare(a, b, op);
    if (!r) return -1;
    int t;
    if (r == True)
        t = 1;
    else if (r == False)
        t = 0;
    else
        t = obj_is_true(r);
    DECREF(r);
    return t;
}

int obj_is_true(Object *o) {
    if (o == True) return 1;
    if (o == False || o == None) return 0;
    if (IS_SMALLINT(o)) return SMALLINT_VALUE(o) != 0;
    TypeObject *tp = o->type;
    if (tp->nb_bool) return tp->nb_bool(o);
    if (tp->len) {
        intptr_t n = tp->len(o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

int obj_not(Object *o) {
    int t = obj_is_true(o);
    return t < 0 ? -1 : !t;
}

/* ---- attributes ------------------------------------------------------------------ */

static int check_attr_name(Object *name) {
    if (str_check(name)) return 0;
    err_format(&Exc_TypeError, "attribute name must be string, not '%T'", name);
    return -1;
}

Object *obj_getattr(Object *o, Object *name) {
    getattrofunc f = OBJ_TYPE(o)->getattro;
    if (!f || f == obj_generic_getattr) return obj_generic_getattr(o, name);
    if (check_attr_name(name) < 0) return NULL;
    return f(o, name);
}

Object *obj_getattr_cstr(Object *o, const char *name) {
    Object *n = str_from_cstr(name);
    if (!n) return NULL;
    n = str_intern(n);
    Object *r = obj_getattr(o, n);
    DECREF(n);
    return r;
}

int obj_lookup_attr(Object *o, Object *name, Object **result) {
    getattrofunc f = OBJ_TYPE(o)->getattro;
    Object *r;
    if (!f || f == obj_generic_getattr) {
        r = obj_generic_getattr_suppress(o, name);
    } else {
        if (check_attr_name(name) < 0) {
            *result = NULL;
            return -1;
        }
        r = f(o, name);
    }
    *result = r;
    if (r) return 1;
    if (!err_occurred()) return 0;
    if (err_matches(&Exc_AttributeError)) {
        err_clear();
        return 0;
    }
    return -1;
}

int obj_setattr(Object *o, Object *name, Object *value) {
    if (check_attr_name(name) < 0) return -1;
    TypeObject *tp = OBJ_TYPE(o);
    setattrofunc f = tp->setattro;
    if (f) return f(o, name, value);
    if (tp->getattro && tp->getattro != obj_generic_getattr) {
        err_format(&Exc_AttributeError, "'%s' object has no attribute '%U'", type_name(tp), name);
        return -1;
    }
    return obj_generic_setattr(o, name, value);
}

int obj_setattr_cstr(Object *o, const char *name, Object *value) {
    Object *n = str_from_cstr(name);
    if (!n) return -1;
    n = str_intern(n);
    int r = obj_setattr(o, n, value);
    DECREF(n);
    return r;
}

int obj_hasattr(Object *o, Object *name) {
    Object *r;
    int found = obj_lookup_attr(o, name, &r);
    if (found > 0) DECREF(r);
    return found;
}

/* ---- calls ------------------------------------------------------------------------ */

Object *obj_call(Object *callable, Object *const *args, size_t nargs, Object *kwnames) {
    callfunc f = OBJ_TYPE(callable)->call;
    if (!f) {
        return err_format(&Exc_TypeError, "'%s' object is not callable",
                          type_name(OBJ_TYPE(callable)));
    }
    return f(callable, args, nargs, kwnames);
}

Object *obj_call0(Object *callable) { return obj_call(callable, NULL, 0, NULL); }
Object *obj_call1(Object *callable, Object *a) { return obj_call(callable, &a, 1, NULL); }
Object *obj_call2(Object *callable, Object *a, Object *b) {
    Object *args[2] = {a, b};
    return obj_call(callable, args, 2, NULL);
}

Object *obj_call_tuple_dict(Object *callable, Object *args, Object *kwargs) {
    size_t nargs = args ? (size_t)TUPLE_SIZE(args) : 0;
    intptr_t nkw = kwargs ? dict_size(kwargs) : 0;
    if (nkw == 0) return obj_call(callable, args ? TUPLE_ITEMS(args) : NULL, nargs, NULL);
    Object **argv = mem_alloc(sizeof(Object *) * (nargs + (size_t)nkw));
    if (!argv) return NULL;
    Object *kwnames = tuple_new((size_t)nkw);
    if (!kwnames) {
        mem_free(argv);
        return NULL;
    }
    for (size_t i = 0; i < nargs; i++) argv[i] = TUPLE_GET(args, i);
    intptr_t pos = 0, i = 0;
    Object *k, *v;
    while (dict_next(kwargs, &pos, &k, &v)) {
        if (!str_check(k)) {
            err_format(&Exc_TypeError, "keywords must be strings");
            DECREF(kwnames);
            mem_free(argv);
            return NULL;
        }
        TUPLE_ITEMS(kwnames)[i] = NEWREF(k);
        argv[nargs + (size_t)i] = v;
        i++;
    }
    /* keep values alive even if the callee mutates the dict */
    for (intptr_t j = 0; j < nkw; j++) INCREF(argv[nargs + (size_t)j]);
    Object *r = obj_call(callable, argv, nargs, kwnames);
    for (intptr_t j = 0; j < nkw; j++) DECREF(argv[nargs + (size_t)j]);
    DECREF(kwnames);
    mem_free(argv);
    return r;
}

Object *obj_call_method(Object *o, const char *name, Object *const *args, size_t nargs) {
    Object *n = str_intern_cstr(name);
    TypeObject *tp = OBJ_TYPE(o);
    Object *f = type_lookup(tp, n);
    if (f && (tp->getattro == obj_generic_getattr || !tp->getattro)) {
        TypeObject *ft = OBJ_TYPE(f);
        if (ft == &Function_Type || ft == &MethodDescr_Type || ft == &WrapperDescr_Type) {
            Object **dp = tp->dictoffset ? obj_dict_ptr(o) : NULL;
            if (!dp || !*dp || !dict_get(*dp, n)) {
                INCREF(f);
                Object *r = call_unbound(f, o, args, nargs, NULL);
                DECREF(f);
                return r;
            }
        }
    }
    Object *m = obj_getattr(o, n);
    if (!m) return NULL;
    Object *r = obj_call(m, args, nargs, NULL);
    DECREF(m);
    return r;
}

int obj_callable(Object *o) { return OBJ_TYPE(o)->call != NULL; }

/* ---- containers ------------------------------------------------------------------- */

Object *obj_getitem(Object *o, Object *key) {
    TypeObject *tp = OBJ_TYPE(o);
    if (tp->getitem) return tp->getitem(o, key);
    if (type_check(o)) {
        Object *cg = NULL;
        if (obj_lookup_attr(o, id___class_getitem__, &cg) < 0) return NULL;
        if (cg) {
            Object *r = obj_call1(cg, key);
            DECREF(cg);
            return r;
        }
        TypeObject *t = (TypeObject *)o;
        if (t->flags & (TPFLAG_LIST_SUBCLASS | TPFLAG_DICT_SUBCLASS | TPFLAG_TUPLE_SUBCLASS |
                        TPFLAG_SET_SUBCLASS | TPFLAG_TYPE_SUBCLASS))
            return generic_alias_new(o, key);
        return err_format(&Exc_TypeError, "type '%s' is not subscriptable", type_name(t));
    }
    return err_format(&Exc_TypeError, "'%s' object is not subscriptable", type_name(tp));
}

int obj_setitem(Object *o, Object *key, Object *value) {
    TypeObject *tp = OBJ_TYPE(o);
    if (tp->setitem) return tp->setitem(o, key, value);
    err_format(&Exc_TypeError, "'%s' object does not support item assignment", type_name(tp));
    return -1;
}

int obj_delitem(Object *o, Object *key) {
    TypeObject *tp = OBJ_TYPE(o);
    if (tp->setitem) return tp->setitem(o, key, NULL);
    err_format(&Exc_TypeError, "'%s' object doesn't support item deletion", type_name(tp));
    return -1;
}

intptr_t obj_length(Object *o) {
    TypeObject *tp = OBJ_TYPE(o);
    if (tp->len) return tp->len(o);
    err_format(&Exc_TypeError, "object of type '%s' has no len()", type_name(tp));
    return -1;
}

int obj_contains(Object *container, Object *item) {
    TypeObject *tp = OBJ_TYPE(container);
    if (tp->contains) return tp->contains(container, item);
    if (!tp->iter && !tp->getitem) {
        err_format(&Exc_TypeError, "argument of type '%s' is not iterable", type_name(tp));
        return -1;
    }
    Object *it = obj_get_iter(container);
    if (!it) return -1;
    for (;;) {
        Object *x = obj_iter_next(it);
        if (!x) {
            DECREF(it);
            return err_occurred() ? -1 : 0;
        }
        int c = obj_richcompare_bool(x, item, CMP_EQ);
        DECREF(x);
        if (c != 0) {
            DECREF(it);
            return c;
        }
    }
}

Object *obj_get_iter(Object *o) {
    TypeObject *tp = OBJ_TYPE(o);
    if (tp->iter) {
        Object *it = tp->iter(o);
        if (it && !OBJ_TYPE(it)->iternext) {
            err_format(&Exc_TypeError, "iter() returned non-iterator of type '%s'",
                       type_name(OBJ_TYPE(it)));
            DECREF(it);
            return NULL;
        }
        return it;
    }
    if (tp->getitem && !dict_check(o)) return seqiter_new(o);
    return err_format(&Exc_TypeError, "'%s' object is not iterable", type_name(tp));
}

Object *obj_iter_next(Object *it) {
    unaryfunc f = OBJ_TYPE(it)->iternext;
    if (!f) {
        return err_format(&Exc_TypeError, "'%s' object is not an iterator",
                          type_name(OBJ_TYPE(it)));
    }
    Object *r = f(it);
    if (!r && err_occurred() && err_matches(&Exc_StopIteration)) err_clear();
    return r;
}

/* ---- arithmetic ------------------------------------------------------------------ */

static const size_t binop_slot[BINOP_COUNT] = {
    offsetof(TypeObject, nb_add),      offsetof(TypeObject, nb_sub),
    offsetof(TypeObject, nb_mul),      offsetof(TypeObject, nb_truediv),
    offsetof(TypeObject, nb_floordiv), offsetof(TypeObject, nb_mod),
    offsetof(TypeObject, nb_pow),      offsetof(TypeObject, nb_lshift),
    offsetof(TypeObject, nb_rshift),   offsetof(TypeObject, nb_and),
    offsetof(TypeObject, nb_or),       offsetof(TypeObject, nb_xor),
    offsetof(TypeObject, nb_matmul),
};
static const size_t inplace_slot[BINOP_COUNT] = {
    offsetof(TypeObject, nb_inplace_add),      offsetof(TypeObject, nb_inplace_sub),
    offsetof(TypeObject, nb_inplace_mul),      offsetof(TypeObject, nb_inplace_truediv),
    offsetof(TypeObject, nb_inplace_floordiv), offsetof(TypeObject, nb_inplace_mod),
    offsetof(TypeObject, nb_inplace_pow),      offsetof(TypeObject, nb_inplace_lshift),
    offsetof(TypeObject, nb_inplace_rshift),   offsetof(TypeObject, nb_inplace_and),
    offsetof(TypeObject, nb_inplace_or),       offsetof(TypeObject, nb_inplace_xor),
    offsetof(TypeObject, nb_inplace_matmul),
};
static const char *const binop_symbols[BINOP_COUNT] = {"+", "-", "*", "/", "//", "%", "**",
                                                       "<<", ">>", "&", "|", "^", "@"};
static const char *const inplace_symbols[BINOP_COUNT] = {
    "+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@="};

const char *binop_symbol(int op) {
    int base = op & ~BINOP_INPLACE;
    if (base < 0 || base >= BINOP_COUNT) return "?";
    return (op & BINOP_INPLACE) ? inplace_symbols[base] : binop_symbols[base];
}

/* a's slot, then b's (b first if its type is a subclass overriding it). */
static Object *binary_op1(Object *a, Object *b, size_t off) {
    TypeObject *ta = OBJ_TYPE(a), *tb = OBJ_TYPE(b);
    binaryfunc fa = SLOT_AT(ta, off);
    binaryfunc fb = ta != tb ? (binaryfunc)SLOT_AT(tb, off) : NULL;
    if (fb == fa) fb = NULL;
    Object *r;
    if (fa) {
        if (fb && type_is_subtype(tb, ta)) {
            r = fb(a, b);
            if (r != NotImplemented) return r;
            DECREF(r);
            fb = NULL;
        }
        r = fa(a, b);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (fb) return fb(a, b);
    return NEWREF(NotImplemented);
}

static bool is_sequence_type(Object *o) {
    return str_check(o) || list_check(o) || tuple_check(o) || bytes_check(o) ||
           bytearray_check(o);
}

static Object *binop_type_error(Object *a, Object *b, int op) {
    int base = op & ~BINOP_INPLACE;
    if (base == BINOP_ADD && is_sequence_type(a)) {
        if (bytes_check(a) || bytearray_check(a))
            return err_format(&Exc_TypeError, "can't concat %s to %s", type_name(OBJ_TYPE(b)),
                              type_name(OBJ_TYPE(a)));
        return err_format(&Exc_TypeError, "can only concatenate %s (not \"%s\") to %s",
                          type_name(OBJ_TYPE(a)), type_name(OBJ_TYPE(b)), type_name(OBJ_TYPE(a)));
    }
    if (base == BINOP_MUL && (is_sequence_type(a) || is_sequence_type(b))) {
        Object *other = is_sequence_type(a) ? b : a;
        if (!int_check(other) && !OBJ_TYPE(other)->nb_index)
            return err_format(&Exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                              type_name(OBJ_TYPE(other)));
    }
    const char *sym = binop_symbol(op);
    if (op == BINOP_POW) sym = "** or pow()";
    return err_format(&Exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym,
                      type_name(OBJ_TYPE(a)), type_name(OBJ_TYPE(b)));
}

static Object *ternary_op(Object *a, Object *b, Object *c, size_t off, const char *inplace_sym) {
    TypeObject *ta = OBJ_TYPE(a), *tb = OBJ_TYPE(b);
    ternaryfunc fa = SLOT_AT(ta, off);
    ternaryfunc fb = ta != tb ? (ternaryfunc)SLOT_AT(tb, off) : NULL;
    if (fb == fa) fb = NULL;
    Object *r;
    if (fa) {
        if (fb && type_is_subtype(tb, ta)) {
            r = fb(a, b, c);
            if (r != NotImplemented) return r;
            DECREF(r);
            fb = NULL;
        }
        r = fa(a, b, c);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (fb) {
        r = fb(a, b, c);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (c != None) {
        ternaryfunc fc = SLOT_AT(OBJ_TYPE(c), off);
        if (fc && fc != fa && fc != fb) {
            r = fc(a, b, c);
            if (r != NotImplemented) return r;
            DECREF(r);
        }
        return err_format(&Exc_TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                          type_name(ta), type_name(tb), type_name(OBJ_TYPE(c)));
    }
    return err_format(&Exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                      inplace_sym ? inplace_sym : "** or pow()", type_name(ta), type_name(tb));
}

Object *obj_power(Object *a, Object *b, Object *mod) {
    return ternary_op(a, b, mod ? mod : None, offsetof(TypeObject, nb_pow), NULL);
}

Object *obj_binary_op(Object *a, Object *b, int op) {
    int base = op & ~BINOP_INPLACE;
    if (base < 0 || base >= BINOP_COUNT) return err_bad_internal_call("obj_binary_op");
    if (op & BINOP_INPLACE) {
        if (base == BINOP_POW) {
            ternaryfunc f = OBJ_TYPE(a)->nb_inplace_pow;
            if (f) {
                Object *r = f(a, b, None);
                if (r != NotImplemented) return r;
                DECREF(r);
            }
            return ternary_op(a, b, None, offsetof(TypeObject, nb_pow), "**=");
        }
        binaryfunc f = SLOT_AT(OBJ_TYPE(a), inplace_slot[base]);
        if (f) {
            Object *r = f(a, b);
            if (r != NotImplemented) return r;
            DECREF(r);
        }
    } else if (base == BINOP_POW) {
        return obj_power(a, b, None);
    }
    Object *r = binary_op1(a, b, binop_slot[base]);
    if (r != NotImplemented) return r;
    DECREF(r);
    return binop_type_error(a, b, op);
}

Object *obj_divmod(Object *a, Object *b) {
    Object *r = binary_op1(a, b, offsetof(TypeObject, nb_divmod));
    if (r != NotImplemented) return r;
    DECREF(r);
    return err_format(&Exc_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                      type_name(OBJ_TYPE(a)), type_name(OBJ_TYPE(b)));
}

static Object *unary(Object *o, unaryfunc f, const char *what) {
    if (f) return f(o);
    return err_format(&Exc_TypeError, "bad operand type for %s: '%s'", what,
                      type_name(OBJ_TYPE(o)));
}

Object *obj_neg(Object *o) { return unary(o, OBJ_TYPE(o)->nb_neg, "unary -"); }
Object *obj_pos(Object *o) { return unary(o, OBJ_TYPE(o)->nb_pos, "unary +"); }
Object *obj_invert(Object *o) { return unary(o, OBJ_TYPE(o)->nb_invert, "unary ~"); }
Object *obj_abs(Object *o) { return unary(o, OBJ_TYPE(o)->nb_abs, "abs()"); }

/* ---- numbers ---------------------------------------------------------------------- */

Object *obj_index(Object *o) {
    if (int_check(o)) return NEWREF(o);
    unaryfunc f = OBJ_TYPE(o)->nb_index;
    if (!f) {
        return err_format(&Exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          type_name(OBJ_TYPE(o)));
    }
    Object *r = f(o);
    if (r && !int_check(r)) {
        err_format(&Exc_TypeError, "__index__ returned non-int (type %s)",
                   type_name(OBJ_TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

intptr_t obj_as_ssize(Object *o, TypeObject *exc) {
    if (IS_SMALLINT(o)) return SMALLINT_VALUE(o);
    Object *idx = obj_index(o);
    if (!idx) return -1;
    intptr_t v = int_as_ssize(idx);
    if (v == -1 && err_occurred()) {
        if (!err_matches(&Exc_OverflowError)) {
            DECREF(idx);
            return -1;
        }
        err_clear();
        if (!exc) {
            v = int_sign(idx) < 0 ? INTPTR_MIN : INTPTR_MAX;
        } else {
            err_format(exc, "cannot fit '%s' into an index-sized integer",
                       type_name(OBJ_TYPE(o)));
            v = -1;
        }
    }
    DECREF(idx);
    return v;
}

static Object *as_exact_int(Object *r) {
    if (int_check_exact(r)) return r;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(r, z);
    Object *e = int_from_mpz(z);
    mpz_clear(z);
    DECREF(r);
    return e;
}

Object *obj_int(Object *o) {
    if (int_check_exact(o)) return NEWREF(o);
    TypeObject *tp = OBJ_TYPE(o);
    if (tp->nb_int) {
        Object *r = tp->nb_int(o);
        if (!r) return NULL;
        if (!int_check(r)) {
            err_format(&Exc_TypeError, "__int__ returned non-int (type %s)",
                       type_name(OBJ_TYPE(r)));
            DECREF(r);
            return NULL;
        }
        return as_exact_int(r);
    }
    if (tp->nb_index) {
        Object *r = obj_index(o);
        return r ? as_exact_int(r) : NULL;
    }
    Object *trunc = type_lookup(tp, id___trunc__);
    if (trunc) {
        INCREF(trunc);
        Object *r = call_unbound(trunc, o, NULL, 0, NULL);
        DECREF(trunc);
        if (!r) return NULL;
        if (int_check(r)) return as_exact_int(r);
        Object *i = obj_index(r);
        if (!i && err_matches(&Exc_TypeError)) {
            err_clear();
            err_format(&Exc_TypeError, "__trunc__ returned non-Integral (type %s)",
                       type_name(OBJ_TYPE(r)));
        }
        DECREF(r);
        return i ? as_exact_int(i) : NULL;
    }
    if (str_check(o)) return int_from_string(STR_DATA(o), (size_t)STR_SIZE(o), 10);
    if (bytes_check(o) || bytearray_check(o)) {
        const char *data;
        intptr_t size;
        if (bytes_like_buffer(o, &data, &size) < 0) return NULL;
        return int_from_string(data, (size_t)size, 10);
    }
    return err_format(&Exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, "
                      "not '%s'",
                      type_name(tp));
}

Object *obj_float(Object *o) {
    if (!IS_SMALLINT(o) && o->type == &Float_Type) return NEWREF(o);
    TypeObject *tp = OBJ_TYPE(o);
    if (tp->nb_float) {
        Object *r = tp->nb_float(o);
        if (!r) return NULL;
        if (!float_check(r)) {
            err_format(&Exc_TypeError, "%s.__float__ returned non-float (type %s)",
                       type_name(tp), type_name(OBJ_TYPE(r)));
            DECREF(r);
            return NULL;
        }
        if (r->type != &Float_Type) {
            double v = FLOAT_VALUE(r);
            DECREF(r);
            return float_from_double(v);
        }
        return r;
    }
    if (tp->nb_index) {
        Object *i = obj_index(o);
        if (!i) return NULL;
        double v = int_as_double(i);
        DECREF(i);
        if (v == -1.0 && err_occurred()) return NULL;
        return float_from_double(v);
    }
    if (str_check(o)) return float_from_string(STR_DATA(o), (size_t)STR_SIZE(o));
    if (bytes_check(o) || bytearray_check(o)) {
        const char *data;
        intptr_t size;
        if (bytes_like_buffer(o, &data, &size) < 0) return NULL;
        return float_from_string(data, (size_t)size);
    }
    return err_format(&Exc_TypeError,
                      "float() argument must be a string or a real number, not '%s'",
                      type_name(tp));
}

/* ---- isinstance / issubclass ----------------------------------------------------- */

/* The metaclass's __instancecheck__/__subclasscheck__ if it overrides type's. */
static Object *override_hook(Object *cls, Object *name) {
    TypeObject *meta = OBJ_TYPE(cls);
    if (meta == &Type_Type) return NULL;
    Object *f = type_lookup(meta, name);
    if (!f) return NULL;
    Object *base = type_lookup(&Type_Type, name);
    return f == base ? NULL : f;
}

static int call_hook(Object *hook, Object *cls, Object *arg) {
    INCREF(hook);
    Object *r = call_unbound(hook, cls, &arg, 1, NULL);
    DECREF(hook);
    if (!r) return -1;
    int t = obj_is_true(r);
    DECREF(r);
    return t;
}

static bool is_union(Object *o) { return !IS_SMALLINT(o) && o->type == &Union_Type; }

int obj_isinstance(Object *inst, Object *cls) {
    TypeObject *it = OBJ_TYPE(inst);
    if ((Object *)it == cls) return 1;
    if (type_check(cls)) {
        Object *hook = override_hook(cls, id___instancecheck__);
        if (hook) {
            if (enter_recursive_call(" in __instancecheck__") < 0) return -1;
            int r = call_hook(hook, cls, inst);
            leave_recursive_call();
            return r;
        }
        return type_is_subtype(it, (TypeObject *)cls);
    }
    Object *items = tuple_check(cls) ? cls : is_union(cls) ? union_args(cls) : NULL;
    if (items) {
        if (enter_recursive_call(" in __instancecheck__") < 0) return -1;
        int r = 0;
        for (intptr_t i = 0; i < TUPLE_SIZE(items) && r == 0; i++)
            r = obj_isinstance(inst, TUPLE_GET(items, i));
        leave_recursive_call();
        return r;
    }
    Object *hook = type_lookup(OBJ_TYPE(cls), id___instancecheck__);
    if (hook) return call_hook(hook, cls, inst);
    err_format(&Exc_TypeError,
               "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
}

int obj_issubclass(Object *derived, Object *cls) {
    if (type_check(cls)) {
        Object *hook = override_hook(cls, id___subclasscheck__);
        if (hook) {
            if (enter_recursive_call(" in __subclasscheck__") < 0) return -1;
            int r = call_hook(hook, cls, derived);
            leave_recursive_call();
            return r;
        }
        if (!type_check(derived)) {
            err_format(&Exc_TypeError, "issubclass() arg 1 must be a class");
            return -1;
        }
        return type_is_subtype((TypeObject *)derived, (TypeObject *)cls);
    }
    Object *items = tuple_check(cls) ? cls : is_union(cls) ? union_args(cls) : NULL;
    if (items) {
        if (enter_recursive_call(" in __subclasscheck__") < 0) return -1;
        int r = 0;
        for (intptr_t i = 0; i < TUPLE_SIZE(items) && r == 0; i++)
            r = obj_issubclass(derived, TUPLE_GET(items, i));
        leave_recursive_call();
        return r;
    }
    Object *hook = type_lookup(OBJ_TYPE(cls), id___subclasscheck__);
    if (hook) return call_hook(hook, cls, derived);
    if (!type_check(derived)) {
        err_format(&Exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    err_format(&Exc_TypeError,
               "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return -1;
}

/* ---- format / dir / misc ----------------------------------------------------------- */

Object *obj_format(Object *o, Object *spec) {
    Object *empty = NULL;
    if (!spec) spec = empty = str_from_cstr("");
    if (!spec) return NULL;
    if (STR_SIZE(spec) == 0) {
        if (str_check_exact(o)) {
            XDECREF(empty);
            return NEWREF(o);
        }
        if (int_check_exact(o)) {
            XDECREF(empty);
            return obj_str(o);
        }
    }
    /* f-strings with specs on the exact built-in types: their __format__
     * is one of these, so skip the method lookup and the bound call. */
    if (!empty) {
        TypeObject *tp = OBJ_TYPE(o);
        if (tp == &Int_Type) return format_int(o, spec);
        if (tp == &Float_Type) return format_float(o, spec);
        if (tp == &Str_Type) return format_str(o, spec);
    }
    Object *meth = type_lookup(OBJ_TYPE(o), id___format__);
    if (!meth) {
        XDECREF(empty);
        return err_format(&Exc_TypeError, "Type %s doesn't define __format__",
                          type_name(OBJ_TYPE(o)));
    }
    INCREF(meth);
    Object *r = call_unbound(meth, o, &spec, 1, NULL);
    DECREF(meth);
    XDECREF(empty);
    if (r && !str_check(r)) {
        err_format(&Exc_TypeError, "__format__ must return a str, not %s",
                   type_name(OBJ_TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

Object *obj_dir(Object *o) {
    int found;
    Object *r = call_special(o, id___dir__, NULL, 0, &found);
    if (!found) {
        return err_format(&Exc_TypeError, "object does not provide __dir__");
    }
    if (!r) return NULL;
    Object *l = list_from_iterable(r);
    DECREF(r);
    if (!l) return NULL;
    if (list_sort(l, NULL, false) < 0) {
        DECREF(l);
        return NULL;
    }
    return l;
}

Object *obj_type_name(Object *o) { return str_from_cstr(type_name(OBJ_TYPE(o))); }
