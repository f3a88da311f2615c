/* vm/objects/weakref.h — weak references.
 *
 * A type supports weak references when its weaklistoffset is set (heap
 * types get one).  Its dealloc must call weakref_clear_all(self) before
 * freeing anything, so that weakrefs go dead and callbacks run.
 */
#ifndef GILPY_WEAKREF_H
#define GILPY_WEAKREF_H

#include "vm/object.h"

extern TypeObject WeakRef_Type;

void weakref_clear_all(Object *o);
intptr_t weakref_count(Object *o);
Object *mod_weakref_init(void);      /* the `_weakref` module */

#endif
