/* vm/traceback.h — traceback objects (owned by eval).
 *
 * A traceback is a linked list of (frame, instruction) entries, outermost
 * first; eval prepends an entry for each frame an exception passes through
 * (traceback_here).  err_print() / err_display() (declared in vm/error.h)
 * print them as CPython 3.11 does, source lines and carets included.
 */
#ifndef GILPY_TRACEBACK_H
#define GILPY_TRACEBACK_H

#include "vm/frame.h"
#include "vm/object.h"

typedef struct TracebackObject {
    Object ob_base;
    Object *next;    /* next (inner) entry or NULL */
    Frame *frame;    /* strong */
    int lasti;       /* instruction index in frame->code */
    int lineno;
} TracebackObject;

extern TypeObject Traceback_Type;
static inline bool traceback_check(Object *o) {
    return !IS_SMALLINT(o) && o->type == &Traceback_Type;
}

/* Prepend an entry for frame f at instruction `lasti` to the current
 * exception's traceback.  Errors here are swallowed (the original
 * exception stays). */
void traceback_here(Frame *f, int lasti);

#endif
