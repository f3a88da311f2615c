/* vm/objects/type.h — type objects, classes, MRO and attribute lookup. */
#ifndef GILPY_TYPE_H
#define GILPY_TYPE_H

#include "vm/object.h"

/* A class created by a `class` statement or type(name, bases, dict). */
typedef struct HeapTypeObject {
    TypeObject type;
    Object *name;      /* str */
    Object *qualname;  /* str */
    Object *module;    /* str or NULL */
    Object *slots;     /* __slots__ tuple or NULL */
    char name_buf[64]; /* short names live here; longer ones are allocated */
    Object *weaklist;  /* weak references to the class (Type_Type's weaklistoffset;
                          static types have no such field: weakref.c checks) */
} HeapTypeObject;

/* Fill in a static type: inherit slots from base, build bases/mro/dict,
 * add methods/getsets and the dunder wrappers for defined slots.  0 / -1. */
int type_ready(TypeObject *t);
/* Look `name` up along the MRO; borrowed reference, NULL if absent (no error). */
Object *type_lookup(TypeObject *t, Object *name);
bool type_is_subtype(TypeObject *a, TypeObject *b);
/* The __name__ of a type as C string (part after the last dot for C types). */
const char *type_name(TypeObject *t);
Object *type_qualname(TypeObject *t);  /* new reference */
/* type(name, bases, dict) as a class statement does it (new reference). */
Object *type_new_class(TypeObject *metatype, Object *name, Object *bases, Object *dict,
                       Object *kwnames_or_null, Object *const *kwvalues);
/* Invalidate attribute caches after a class dict changes. */
void type_modified(TypeObject *t);

static inline bool type_check(Object *o) {
    return !IS_SMALLINT(o) && (OBJ_TYPE(o)->flags & TPFLAG_TYPE_SUBCLASS);
}
static inline bool type_has_flag(Object *o, unsigned long f) {
    return (OBJ_TYPE(o)->flags & f) != 0;
}

#endif
