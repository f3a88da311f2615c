/* vm/objects/descr.h — built-in functions and descriptors:
 * builtin_function (a MethodDef bound to a module/self), method_descriptor
 * (a MethodDef in a type's dict), getset_descriptor, wrapper for slots,
 * classmethod, staticmethod, property, super. */
#ifndef GILPY_DESCR_H
#define GILPY_DESCR_H

#include "vm/object.h"

typedef struct BuiltinFunctionObject {
    Object ob_base;
    MethodDef *def;
    Object *self;      /* module, bound instance, or NULL */
    Object *module;    /* __module__ name or NULL */
} BuiltinFunctionObject;

extern TypeObject BuiltinFunction_Type, MethodDescr_Type, ClassMethodDescr_Type,
    GetSetDescr_Type, WrapperDescr_Type, MethodWrapper_Type, ClassMethod_Type,
    StaticMethod_Type, Property_Type, Super_Type;

Object *builtin_function_new(MethodDef *def, Object *self);    /* new ref */
Object *method_descr_new(TypeObject *type, MethodDef *def);
Object *getset_descr_new(TypeObject *type, GetSetDef *def);
Object *classmethod_new(Object *callable);
Object *staticmethod_new(Object *callable);

#endif
