/* stdlib/structseq.c — struct sequences: tuples whose items also have names
 * (time.struct_time, sys.version_info, sys.flags, sys.float_info).
 *
 * An instance is a tuple of n_visible items; the hidden fields (attributes
 * only, like tm_zone) are stored in extra slots after the visible ones, which
 * the tuple's own dealloc does not see: our dealloc releases them first.
 * Types are static storage filled in at start-up from a StructSeqDesc.
 */
#include <stdlib.h>

#include "vm/vm.h"
#include "stdlib/runtime_modules.h"

#define MAX_STRUCTSEQ_TYPES 16

typedef struct Registered {
    TypeObject *type;
    const StructSeqDesc *desc;
    int n_fields;
} Registered;

static Registered registry[MAX_STRUCTSEQ_TYPES];
static int registry_len;

static const Registered *lookup(TypeObject *t) {
    for (; t; t = t->base)
        for (int i = 0; i < registry_len; i++)
            if (registry[i].type == t) return &registry[i];
    return NULL;
}

static Object *structseq_field_get(Object *self, void *closure) {
    Object *v = structseq_get(self, (int)(intptr_t)closure);
    return NEWREF(v ? v : None);
}

Object *structseq_get(Object *seq, int index) {
    return TUPLE_ITEMS(seq)[index];
}

void structseq_set(Object *seq, int index, Object *value) {
    Object **slot = &TUPLE_ITEMS(seq)[index];
    Object *old = *slot;
    *slot = value;
    XDECREF(old);
}

Object *structseq_new(TypeObject *type) {
    const Registered *r = lookup(type);
    if (!r) return err_bad_internal_call("structseq_new");
    Object *o = obj_alloc_var(type, (size_t)r->n_fields);
    if (!o) return NULL;
    ((TupleObject *)o)->size = r->desc->n_visible;
    if (type->flags & TPFLAG_GC) gc_track(o);
    return o;
}

static void structseq_dealloc(Object *self) {
    const Registered *r = lookup(OBJ_TYPE(self));
    if (r) {
        for (int i = r->desc->n_visible; i < r->n_fields; i++) CLEAR(TUPLE_ITEMS(self)[i]);
    }
    Tuple_Type.dealloc(self);
}

static Object *structseq_repr(Object *self) {
    const Registered *r = lookup(OBJ_TYPE(self));
    StrBuf sb;
    strbuf_init(&sb);
    strbuf_append_cstr(&sb, OBJ_TYPE(self)->name);
    strbuf_append_char(&sb, '(');
    intptr_t n = TUPLE_SIZE(self);
    for (intptr_t i = 0; i < n; i++) {
        if (i) strbuf_append_cstr(&sb, ", ");
        strbuf_append_cstr(&sb, r->desc->fields[i]);
        strbuf_append_char(&sb, '=');
        if (strbuf_append_repr(&sb, TUPLE_ITEMS(self)[i]) < 0) {
            strbuf_free(&sb);
            return NULL;
        }
    }
    strbuf_append_char(&sb, ')');
    return strbuf_finish(&sb);
}

/* type(sequence): from a sequence of n_visible .. n_fields items. */
static Object *structseq_tp_new(TypeObject *type, Object *const *args, size_t nargs,
                                Object *kwnames) {
    const Registered *r = lookup(type);
    Object *seq;
    static const char *kwlist[] = {"sequence", "dict", NULL};
    Object *dict = NULL;
    if (args_parse(args, nargs, kwnames, "O|O:structseq", kwlist, &seq, &dict) < 0)
        return NULL;
    Object *items = list_from_iterable(seq);
    if (!items) return NULL;
    intptr_t n = LIST_SIZE(items);
    int vis = r->desc->n_visible;
    if (n < vis) {
        if (vis == r->n_fields)
            err_format(&Exc_TypeError, "%s() takes a %d-sequence (%zd-sequence given)",
                       type->name, vis, n);
        else
            err_format(&Exc_TypeError, "%s() takes an at least %d-sequence (%zd-sequence given)",
                       type->name, vis, n);
        DECREF(items);
        return NULL;
    }
    if (n > r->n_fields) {
        if (vis == r->n_fields)
            err_format(&Exc_TypeError, "%s() takes a %d-sequence (%zd-sequence given)",
                       type->name, vis, n);
        else
            err_format(&Exc_TypeError, "%s() takes an at most %d-sequence (%zd-sequence given)",
                       type->name, r->n_fields, n);
        DECREF(items);
        return NULL;
    }
    Object *o = structseq_new(type);
    if (!o) {
        DECREF(items);
        return NULL;
    }
    for (int i = 0; i < r->n_fields; i++) {
        Object *v = i < n ? LIST_GET(items, i) : None;
        structseq_set(o, i, NEWREF(v));
    }
    DECREF(items);
    return o;
}

int structseq_init_type(TypeObject *type, const StructSeqDesc *desc) {
    if (registry_len == MAX_STRUCTSEQ_TYPES) {
        err_format(&Exc_SystemError, "too many struct sequence types");
        return -1;
    }
    int n = 0;
    while (desc->fields[n]) n++;
    GetSetDef *gs = calloc((size_t)n + 1, sizeof *gs);
    if (!gs) {
        err_no_memory();
        return -1;
    }
    for (int i = 0; i < n; i++) {
        gs[i].name = desc->fields[i];
        gs[i].get = structseq_field_get;
        gs[i].closure = (void *)(intptr_t)i;
    }
    type->ob_base = (Object)STATIC_OBJECT_HEAD(&Type_Type);
    type->name = desc->name;
    type->basicsize = Tuple_Type.basicsize;
    type->itemsize = Tuple_Type.itemsize;
    type->flags = (Tuple_Type.flags & (TPFLAG_GC | TPFLAG_TUPLE_SUBCLASS)) |
                  TPFLAG_TUPLE_SUBCLASS;
    type->dealloc = structseq_dealloc;
    type->traverse = Tuple_Type.traverse;
    type->repr = structseq_repr;
    type->tp_new = structseq_tp_new;
    type->getset = gs;
    type->base = &Tuple_Type;
    registry[registry_len].type = type;
    registry[registry_len].desc = desc;
    registry[registry_len].n_fields = n;
    registry_len++;
    if (type_ready(type) < 0) return -1;
    Object *v;
    if (type->dict) {
        if ((v = int_from_long(n)) == NULL || dict_set_cstr(type->dict, "n_fields", v) < 0)
            return -1;
        DECREF(v);
        if ((v = int_from_long(desc->n_visible)) == NULL ||
            dict_set_cstr(type->dict, "n_sequence_fields", v) < 0)
            return -1;
        DECREF(v);
        if (dict_set_cstr(type->dict, "n_unnamed_fields", MAKE_SMALLINT(0)) < 0) return -1;
    }
    return 0;
}
