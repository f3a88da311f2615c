/* gc/pool.h — the small-object allocator behind obj_alloc/obj_free
 * (gc/pool.c).  Blocks up to POOL_MAX bytes come from per-size free lists;
 * bigger ones from malloc.  GIL held.  Objects that grow in place (a
 * private str being appended to) use pool_realloc, never realloc. */
#ifndef GILPY_POOL_H
#define GILPY_POOL_H

#include <stddef.h>

#define POOL_MAX 512

void *pool_alloc(size_t size);               /* zeroed; NULL when out of memory */
void *pool_realloc(void *p, size_t size);    /* like realloc (contents kept, tail not zeroed) */
void pool_free(void *p);                     /* any block from pool_alloc / pool_realloc */

#endif
