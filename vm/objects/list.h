/* vm/objects/list.h — list. */
#ifndef GILPY_LIST_H
#define GILPY_LIST_H

#include "vm/object.h"

typedef struct ListObject {
    Object ob_base;
    intptr_t size;
    intptr_t alloc;
    Object **items;
} ListObject;

extern TypeObject List_Type;
static inline bool list_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_LIST_SUBCLASS);
}
#define LIST_SIZE(l) (((ListObject *)(l))->size)
#define LIST_ITEMS(l) (((ListObject *)(l))->items)
#define LIST_GET(l, i) (((ListObject *)(l))->items[i])

Object *list_new(size_t n);                 /* n NULL slots to fill; new reference */
int list_append(Object *l, Object *item);   /* increfs item; 0 / -1 */
int list_extend(Object *l, Object *iterable);
int list_insert(Object *l, intptr_t where, Object *item);
Object *list_from_iterable(Object *iterable);  /* list(iterable) */
Object *list_as_tuple(Object *l);
/* Stable sort (key may be NULL or None); 0 / -1. */
int list_sort(Object *l, Object *key, bool reverse);
Object *list_getslice(Object *l, intptr_t lo, intptr_t hi);

#endif
