/* vm/objects/set.h — set and frozenset. */
#ifndef GILPY_SET_H
#define GILPY_SET_H

#include "vm/object.h"

extern TypeObject Set_Type, FrozenSet_Type;
static inline bool anyset_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_SET_SUBCLASS);
}
bool frozenset_check(Object *o);

Object *set_new(Object *iterable);          /* iterable may be NULL */
Object *frozenset_new(Object *iterable);
int set_add(Object *s, Object *key);
int set_discard(Object *s, Object *key);    /* 1 removed, 0 absent, -1 error */
int set_contains(Object *s, Object *key);   /* 1/0/-1 */
intptr_t set_size(Object *s);
/* Iterate like dict_next; borrowed key. */
bool set_next(Object *s, intptr_t *pos, Object **key);
int set_update(Object *s, Object *iterable);

#endif
