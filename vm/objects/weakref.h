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
/* For the cycle collector: cut every weakref to `o` loose, appending those
 * with a callback to `pending` (a list) unless is_garbage(ref) says the
 * weakref itself dies in the same collection; returns how many were
 * appended.  weakref_call_pending() then calls their callbacks. */
int weakref_detach_all(Object *o, Object *pending, bool (*is_garbage)(Object *ref));
void weakref_call_pending(Object *pending);
intptr_t weakref_count(Object *o);
Object *mod_weakref_init(void);      /* the `_weakref` module */

#endif
