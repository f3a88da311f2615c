/* vm/objects/type_new.c — creating classes: type(name, bases, dict).
 *
 * Steps (as CPython's type_new): pick the most derived metaclass, check the
 * bases and find the "best base" whose instance layout the new class
 * extends, process __slots__, lay out instances (members, dict, weaklist),
 * copy and adjust the namespace (__module__, __qualname__, __doc__,
 * __new__ as staticmethod, __init_subclass__/__class_getitem__ as
 * classmethods, __hash__ = None when __eq__ is defined alone), ready the
 * type, fill __classcell__, call __set_name__ and the parent's
 * __init_subclass__.
 */
#include <string.h>

#include "vm/vm.h"
#include "vm/eval.h"
#include "vm/objects/typesys.h"

static bool has_own_slots(TypeObject *t) {
    if (!(t->flags & TPFLAG_HEAPTYPE)) return false;
    Object *s = ((HeapTypeObject *)t)->slots;
    return s && TUPLE_SIZE(s) > 0;
}

/* The type that determines t's instance layout. */
static TypeObject *solid_base(TypeObject *t) {
    TypeObject *base_solid = t->base ? solid_base(t->base) : &Object_Type;
    if (!t->base) return t;
    bool extra;
    if (t->flags & TPFLAG_HEAPTYPE)
        extra = has_own_slots(t);
    else
        extra = t->basicsize != t->base->basicsize || t->itemsize != t->base->itemsize;
    return extra ? t : base_solid;
}

static TypeObject *best_base(Object *bases) {
    TypeObject *base = NULL, *winner = NULL;
    for (intptr_t i = 0; i < TUPLE_SIZE(bases); i++) {
        TypeObject *b = (TypeObject *)TUPLE_GET(bases, i);
        TypeObject *cand = solid_base(b);
        if (!winner) {
            winner = cand;
            base = b;
        } else if (type_is_subtype(winner, cand)) {
            /* keep */
        } else if (type_is_subtype(cand, winner)) {
            winner = cand;
            base = b;
        } else {
            err_format(&Exc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

static bool is_identifier(Object *s) {
    const unsigned char *p = (const unsigned char *)str_utf8(s);
    intptr_t n = STR_SIZE(s);
    if (n == 0) return false;
    for (intptr_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if (i > 0 && c >= '0' && c <= '9') continue;
        return false;
    }
    return true;
}

/* Private name mangling: __x in class _C -> _C__x. New reference. */
static Object *mangle(Object *classname, Object *name) {
    const char *n = str_utf8(name);
    size_t len = (size_t)STR_SIZE(name);
    if (len < 2 || n[0] != '_' || n[1] != '_' || (len >= 4 && n[len - 1] == '_' && n[len - 2] == '_') ||
        strchr(n, '.'))
        return NEWREF(name);
    const char *c = str_utf8(classname);
    while (*c == '_') c++;
    if (!*c) return NEWREF(name);
    return str_from_format("_%s%s", c, n);
}

/* __weakref__: the head of the object's weak reference list, or None. */
static Object *weakref_get(Object *o, void *closure) {
    intptr_t off = OBJ_TYPE(o)->weaklistoffset;
    Object *head = off > 0 ? *(Object **)((char *)o + off) : NULL;
    return NEWREF(head ? head : None);
}

static GetSetDef subtype_dict_getset = {"__dict__", obj_generic_get_dict, obj_generic_set_dict,
                                        "dictionary for instance variables", NULL};
static GetSetDef subtype_weakref_getset = {"__weakref__", weakref_get, NULL,
                                           "list of weak references to the object", NULL};

/* Re-dispatch to a more derived metaclass with its own __new__. */
static Object *call_winner_new(TypeObject *winner, Object *name, Object *bases, Object *dict,
                               Object *kwnames, Object *const *kwvalues) {
    size_t nkw = kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
    Object **argv = mem_alloc(sizeof(Object *) * (3 + nkw));
    if (!argv) return NULL;
    argv[0] = name;
    argv[1] = bases;
    argv[2] = dict;
    for (size_t i = 0; i < nkw; i++) argv[3 + i] = kwvalues[i];
    Object *r = winner->tp_new(winner, argv, 3, kwnames);
    mem_free(argv);
    return r;
}

/* Wrap functions stored under special names as the descriptors CPython
 * implies (staticmethod for __new__, classmethod for the class hooks). */
static int wrap_special(Object *d, Object *name, Object *(*wrap)(Object *)) {
    Object *f = dict_get(d, name);
    if (!f || !function_check(f)) return 0;
    Object *w = wrap(f);
    if (!w) return -1;
    int r = dict_set(d, name, w);
    DECREF(w);
    return r;
}

/* Parse __slots__ into a tuple of (mangled) member names; sets the flags. */
static Object *process_slots(Object *slots, Object *name, Object *dict, TypeObject *base,
                             bool *add_dict, bool *add_weak) {
    bool may_dict = base->dictoffset == 0;
    bool may_weak = base->weaklistoffset == 0 && base->itemsize == 0;
    Object *seq = str_check(slots) ? tuple_pack(1, slots) : NULL;
    if (!seq) {
        if (str_check(slots)) return NULL;
        Object *l = list_from_iterable(slots);
        if (!l) return NULL;
        seq = list_as_tuple(l);
        DECREF(l);
        if (!seq) return NULL;
    }
    Object *names = list_new(0);
    if (!names) goto fail;
    *add_dict = *add_weak = false;
    for (intptr_t i = 0; i < TUPLE_SIZE(seq); i++) {
        Object *s = TUPLE_GET(seq, i);
        if (!str_check(s)) {
            err_format(&Exc_TypeError, "__slots__ items must be strings, not '%T'", s);
            goto fail;
        }
        if (!is_identifier(s)) {
            err_format(&Exc_TypeError, "__slots__ must be identifiers");
            goto fail;
        }
        if (str_eq_cstr(s, "__dict__")) {
            if (!may_dict || *add_dict) {
                err_format(&Exc_TypeError, "__dict__ slot disallowed: we already got one");
                goto fail;
            }
            *add_dict = true;
            continue;
        }
        if (str_eq_cstr(s, "__weakref__")) {
            if (!may_weak || *add_weak) {
                err_format(&Exc_TypeError,
                           "__weakref__ slot disallowed: either we already got one, or "
                           "__itemsize__ != 0");
                goto fail;
            }
            *add_weak = true;
            continue;
        }
        Object *m = mangle(name, s);
        if (!m) goto fail;
        m = str_intern(m);
        if (dict_get(dict, m)) {
            err_format(&Exc_ValueError, "%R in __slots__ conflicts with class variable", s);
            DECREF(m);
            goto fail;
        }
        int r = list_append(names, m);
        DECREF(m);
        if (r < 0) goto fail;
    }
    if (LIST_SIZE(names) > 0 && base->itemsize) {
        err_format(&Exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                   base->name);
        goto fail;
    }
    DECREF(seq);
    Object *t = list_as_tuple(names);
    DECREF(names);
    return t;
fail:
    XDECREF(seq);
    XDECREF(names);
    return NULL;
}

static int check_bases(Object *bases) {
    intptr_t n = TUPLE_SIZE(bases);
    for (intptr_t i = 0; i < n; i++) {
        Object *b = TUPLE_GET(bases, i);
        if (!type_check(b)) {
            Object *me = NULL;
            if (obj_lookup_attr(b, id___mro_entries__, &me) < 0) return -1;
            if (me) {
                DECREF(me);
                err_format(&Exc_TypeError,
                           "type() doesn't support MRO entry resolution; use types.new_class()");
            } else {
                err_format(&Exc_TypeError, "bases must be types");
            }
            return -1;
        }
        TypeObject *bt = (TypeObject *)b;
        if (!(bt->flags & TPFLAG_BASETYPE)) {
            err_format(&Exc_TypeError, "type '%s' is not an acceptable base type", bt->name);
            return -1;
        }
        for (intptr_t j = 0; j < i; j++) {
            if (TUPLE_GET(bases, j) == b) {
                err_format(&Exc_TypeError, "duplicate base class %s", type_name(bt));
                return -1;
            }
        }
    }
    return 0;
}

/* __set_name__ on every attribute that defines it, then the parent's
 * __init_subclass__(**kwargs). */
static int post_create_hooks(TypeObject *t, Object *kwnames, Object *const *kwvalues) {
    Object *items = dict_items_list(t->dict);
    if (!items) return -1;
    for (intptr_t i = 0; i < LIST_SIZE(items); i++) {
        Object *kv = LIST_GET(items, i);
        Object *key = TUPLE_GET(kv, 0), *value = TUPLE_GET(kv, 1);
        Object *meth = type_lookup(OBJ_TYPE(value), id___set_name__);
        if (!meth) continue;
        Object *args[2] = {(Object *)t, key};
        INCREF(meth);
        Object *r = call_unbound(meth, value, args, 2, NULL);
        DECREF(meth);
        if (!r) {
            DECREF(items);
            return -1;
        }
        DECREF(r);
    }
    DECREF(items);
    Object *mro = t->mro, *f = NULL;
    for (intptr_t i = 1; i < TUPLE_SIZE(mro) && !f; i++) {
        Object *d = ((TypeObject *)TUPLE_GET(mro, i))->dict;
        if (d) f = dict_get(d, id___init_subclass__);
    }
    if (!f) return 0;
    descrgetfunc get = OBJ_TYPE(f)->descr_get;
    Object *bound = get ? get(f, NULL, (Object *)t) : NEWREF(f);
    if (!bound) return -1;
    Object *r = obj_call(bound, kwvalues, 0, kwnames);
    DECREF(bound);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

Object *type_new_class(TypeObject *metatype, Object *name, Object *bases, Object *dict,
                       Object *kwnames, Object *const *kwvalues) {
    intptr_t nbases = TUPLE_SIZE(bases);
    /* the most derived metaclass wins */
    TypeObject *winner = metatype;
    for (intptr_t i = 0; i < nbases; i++) {
        TypeObject *bt = OBJ_TYPE(TUPLE_GET(bases, i));
        if (type_is_subtype(winner, bt)) continue;
        if (type_is_subtype(bt, winner)) {
            winner = bt;
            continue;
        }
        return err_format(&Exc_TypeError,
                          "metaclass conflict: the metaclass of a derived class must be a "
                          "(non-strict) subclass of the metaclasses of all its bases");
    }
    if (winner != metatype) {
        if (winner->tp_new != type_tp_new)
            return call_winner_new(winner, name, bases, dict, kwnames, kwvalues);
        metatype = winner;
    }
    if (nbases == 0)
        bases = tuple_pack(1, (Object *)&Object_Type);
    else
        INCREF(bases);
    if (!bases) return NULL;
    if (check_bases(bases) < 0) {
        DECREF(bases);
        return NULL;
    }
    TypeObject *base = best_base(bases);
    if (!base) {
        DECREF(bases);
        return NULL;
    }

    /* __slots__ */
    bool add_dict, add_weak;
    Object *slotnames = NULL;
    Object *slots = dict_get(dict, id___slots__);
    if (slots) {
        slotnames = process_slots(slots, name, dict, base, &add_dict, &add_weak);
        if (!slotnames) {
            DECREF(bases);
            return NULL;
        }
    } else {
        add_dict = base->dictoffset == 0;
        add_weak = base->weaklistoffset == 0 && base->itemsize == 0;
    }

    HeapTypeObject *ht = (HeapTypeObject *)obj_alloc(metatype);
    if (!ht) {
        DECREF(bases);
        XDECREF(slotnames);
        return NULL;
    }
    TypeObject *t = &ht->type;
    t->flags = TPFLAG_HEAPTYPE | TPFLAG_BASETYPE;
    t->bases = bases;
    t->base = base;
    INCREF((Object *)base);
    ht->slots = slotnames;
    ht->name = NEWREF(name);
    if (type_set_c_name(ht, name) < 0) goto fail;
    t->dict = dict_copy(dict);
    if (!t->dict) goto fail;
    Object *d = t->dict;

    if (!dict_get(d, id___module__)) {
        Object *g = eval_get_globals();
        Object *modname = g ? dict_get(g, id___name__) : NULL;
        if (modname && dict_set(d, id___module__, modname) < 0) goto fail;
    }
    Object *qn = dict_get(d, id___qualname__);
    if (qn) {
        if (!str_check(qn)) {
            err_format(&Exc_TypeError, "type __qualname__ must be a str, not %T", qn);
            goto fail;
        }
        ht->qualname = NEWREF(qn);
        if (dict_del(d, id___qualname__) < 0) goto fail;
    } else {
        ht->qualname = NEWREF(name);
    }
    if (wrap_special(d, id___new__, staticmethod_new) < 0) goto fail;
    if (wrap_special(d, id___init_subclass__, classmethod_new) < 0) goto fail;
    if (wrap_special(d, id___class_getitem__, classmethod_new) < 0) goto fail;
    if (dict_get(d, id___eq__) && !dict_get(d, id___hash__) &&
        dict_set(d, id___hash__, None) < 0)
        goto fail;
    Object *cell = dict_get(d, id___classcell__);
    if (cell) {
        if (OBJ_TYPE(cell) != &Cell_Type) {
            err_format(&Exc_TypeError, "__classcell__ must be a nonlocal cell, not %R",
                       (Object *)OBJ_TYPE(cell));
            goto fail;
        }
        INCREF(cell);
        if (dict_del(d, id___classcell__) < 0) {
            DECREF(cell);
            goto fail;
        }
    }

    /* instance layout */
    size_t size = base->basicsize;
    size_t nslots = slotnames ? (size_t)TUPLE_SIZE(slotnames) : 0;
    for (size_t i = 0; i < nslots; i++) {
        Object *m = member_descr_new(t, TUPLE_GET(slotnames, i), (intptr_t)size, 0);
        if (!m || dict_set(d, TUPLE_GET(slotnames, i), m) < 0) {
            XDECREF(m);
            XDECREF(cell);
            goto fail;
        }
        DECREF(m);
        size += sizeof(Object *);
    }
    t->itemsize = base->itemsize;
    if (add_dict) {
        if (base->itemsize) {
            t->dictoffset = -1;
        } else {
            t->dictoffset = (intptr_t)size;
            size += sizeof(Object *);
        }
    } else {
        t->dictoffset = base->dictoffset;
    }
    if (add_weak) {
        t->weaklistoffset = (intptr_t)size;
        size += sizeof(Object *);
    } else {
        t->weaklistoffset = base->weaklistoffset;
    }
    t->basicsize = size;
    /* Metaclasses inherit TPFLAG_GC from type: the classes they make are
     * collectable like any other (vm/objects/type.c, type_traverse). */
    if ((base->flags & TPFLAG_GC) || add_dict || nslots > 0) t->flags |= TPFLAG_GC;
    t->dealloc = subtype_dealloc;
    if (t->flags & TPFLAG_GC) {
        t->traverse = subtype_traverse;
        t->clear = subtype_clear;
    }
    if (add_dict && !dict_get(d, id___dict__)) {
        Object *g = getset_descr_new(t, &subtype_dict_getset);
        if (!g || dict_set(d, id___dict__, g) < 0) {
            XDECREF(g);
            XDECREF(cell);
            goto fail;
        }
        DECREF(g);
    }
    if (add_weak && !dict_get(d, id___weakref__)) {
        Object *g = getset_descr_new(t, &subtype_weakref_getset);
        if (!g || dict_set(d, id___weakref__, g) < 0) {
            XDECREF(g);
            XDECREF(cell);
            goto fail;
        }
        DECREF(g);
    }

    if (!dict_get(d, id___doc__) && dict_set(d, id___doc__, None) < 0) {
        XDECREF(cell);
        goto fail;
    }
    if (type_ready(t) < 0) {
        XDECREF(cell);
        goto fail;
    }
    /* Ready and consistent: from now on the collector may examine it. */
    gc_track((Object *)t);
    if (cell) {
        CellObject *c = (CellObject *)cell;
        INCREF((Object *)t);
        SETREF(c->ref, (Object *)t);
        DECREF(cell);
    }
    if (post_create_hooks(t, kwnames, kwvalues) < 0) {
        DECREF((Object *)t);
        return NULL;
    }
    return (Object *)t;
fail:
    DECREF((Object *)t);
    return NULL;
}
