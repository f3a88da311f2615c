/* vm/objects/dict.h — dict: insertion-ordered hash table. */
#ifndef GILPY_DICT_H
#define GILPY_DICT_H

#include "vm/object.h"

extern TypeObject Dict_Type;
static inline bool dict_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_DICT_SUBCLASS);
}

Object *dict_new(void);                     /* new reference */
/* Borrowed value, or NULL: missing (no exception) or error (exception set,
 * e.g. unhashable key). */
Object *dict_get(Object *d, Object *key);
Object *dict_get_cstr(Object *d, const char *key);
/* Fast path for str keys whose hash is cached; borrowed, NULL if missing. */
Object *dict_get_str(Object *d, Object *strkey);
int dict_set(Object *d, Object *key, Object *value);   /* increfs both; 0 / -1 */
int dict_set_cstr(Object *d, const char *key, Object *value);
int dict_del(Object *d, Object *key);       /* KeyError if missing */
int dict_del_cstr(Object *d, const char *key);
/* Remove and return (new ref) or NULL without error if missing. */
Object *dict_pop(Object *d, Object *key);
intptr_t dict_size(Object *d);
/* Iterate: `intptr_t pos = 0; Object *k, *v; while (dict_next(d, &pos, &k, &v))`
 * borrowed k, v; the dict must not change size meanwhile. */
bool dict_next(Object *d, intptr_t *pos, Object **key, Object **value);
Object *dict_copy(Object *d);
int dict_update(Object *d, Object *other);  /* mapping (keys()+[]) or iterable of pairs */
int dict_merge(Object *d, Object *other, bool override);
void dict_clear(Object *d);
Object *dict_keys_list(Object *d);
Object *dict_values_list(Object *d);
Object *dict_items_list(Object *d);
int dict_contains(Object *d, Object *key);  /* 1/0/-1 */

#endif
