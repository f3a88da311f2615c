/* vm/objects/module.h — module objects. */
#ifndef GILPY_MODULE_H
#define GILPY_MODULE_H

#include "vm/object.h"

typedef struct ModuleObject {
    Object ob_base;
    Object *dict;
    Object *name;
} ModuleObject;

extern TypeObject Module_Type;
static inline bool module_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type == &Module_Type);
}
Object *module_new(const char *name);                 /* sets __name__, __doc__=None */
Object *module_get_dict(Object *m);                   /* borrowed */
int module_add(Object *m, const char *name, Object *value);   /* increfs value */
int module_add_int(Object *m, const char *name, long long v);
int module_add_str(Object *m, const char *name, const char *v);
/* Add builtin functions (self = module) from a NULL-terminated table. */
int module_add_functions(Object *m, MethodDef *defs);
/* Ready a static type (if needed) and add it under its short name. */
int module_add_type(Object *m, TypeObject *t);

#endif
