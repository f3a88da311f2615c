/* vm/objects/generator.h — generator objects (PEP 342/380/479). */
#ifndef GILPY_GENERATOR_H
#define GILPY_GENERATOR_H

#include "vm/object.h"

extern TypeObject Generator_Type;
static inline bool generator_check(Object *o) { return !IS_SMALLINT(o) && o->type == &Generator_Type; }

/* inspect.getgeneratorstate: "GEN_CREATED", "GEN_RUNNING", "GEN_SUSPENDED", "GEN_CLOSED" */
const char *generator_state(Object *gen);
/* gen.send(value) as used by YIELD_FROM: returns the yielded value (new ref);
 * on return: NULL with no exception and *retval = the return value (new ref);
 * on error: NULL with the exception set and *retval = NULL. */
Object *generator_send(Object *gen, Object *value, Object **retval);

/* ---- additions by the eval engineer ------------------------------------- */
struct Frame;
/* A generator running `frame` (steals the reference); func gives the
 * names.  New reference. */
Object *generator_new(struct Frame *frame, Object *func);

#endif
