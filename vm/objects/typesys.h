/* vm/objects/typesys.h — extra declarations of the type system (typesys area).
 *
 * type.h, descr.h, exceptions.h, module.h and abstract.h are the public
 * contracts; this header adds what the typesys files share among themselves
 * and a few helpers other areas may call (listed in the typesys report):
 *   typesys_init_types()        readies object, type, None, NotImplemented,
 *                               Ellipsis, the descriptor types, module and
 *                               every Exc_* type (called first by runtime.c);
 *   obj_hash_not_implemented    the "unhashable" hash slot (a type whose
 *                               hash slot is NULL after type_ready gets it);
 *   obj_divmod                  divmod(a, b) with CPython's dispatch;
 *   MemberDescr_Type            __slots__ members (and struct members).
 */
#ifndef GILPY_TYPESYS_H
#define GILPY_TYPESYS_H

#include "vm/object.h"
#include "vm/objects/type.h"

void typesys_init_types(void);

/* ---- object.c ------------------------------------------------------------ */
Object *object_repr(Object *o);         /* <mod.C object at 0x...> */
int64_t object_hash(Object *o);         /* by address */
Object *object_richcompare(Object *a, Object *b, int op);
Object *object_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames);
int object_init(Object *self, Object *const *args, size_t nargs, Object *kwnames);
void object_dealloc(Object *o);         /* obj_free */
int64_t obj_hash_not_implemented(Object *o);  /* raises "unhashable type: 'X'" */
/* getset helpers for an instance __dict__ (any type with a dict slot). */
Object *obj_generic_get_dict(Object *o, void *closure);
/* obj_generic_getattr that returns NULL without raising when missing. */
Object *obj_generic_getattr_suppress(Object *o, Object *name);
int obj_generic_set_dict(Object *o, Object *value, void *closure);
/* dir() of an object without __dir__ override / of a type (new lists). */
Object *object_dir_list(Object *o);
Object *type_dir_list(TypeObject *t);
/* NotImplemented check helper */
static inline bool is_notimpl(Object *o) { return o == NotImplemented; }

/* ---- type.c ---------------------------------------------------------------- */
extern TypeObject MappingProxy_Type, Union_Type, GenericAlias_Type;
Object *mappingproxy_new(Object *mapping);
Object *type_getattro(Object *type, Object *name);
/* Set a heap type's C name (name_buf or allocated) from a str. */
int type_set_c_name(HeapTypeObject *ht, Object *name);
Object *type_tp_new(TypeObject *metatype, Object *const *args, size_t nargs, Object *kwnames);
/* pointer-keyed hash map used for side tables */
typedef struct PtrMap {
    const void **keys;
    void **vals;
    size_t cap, used;
} PtrMap;
void **ptrmap_slot(PtrMap *m, const void *key, bool create);
void ptrmap_remove(PtrMap *m, const void *key);
int type_setattro(Object *type, Object *name, Object *value);
/* The nearest non-heap base (whose dealloc releases the C fields). */
TypeObject *type_static_base(TypeObject *t);
/* The module name of a type as a new str ("builtins" for plain C types). */
Object *type_module(TypeObject *t);
/* Raise AttributeError("'C' object has no attribute 'x'") with .name/.obj. */
void err_no_attribute(Object *obj, Object *name);
/* Set .name/.obj on the pending AttributeError (if it is one). */
void err_attribute_set_context(Object *obj, Object *name);
/* Union and generic alias (int | None, list[int]) */
Object *union_new(Object *a, Object *b);   /* NotImplemented if not applicable */
Object *union_args(Object *u);             /* borrowed tuple of the members */
Object *generic_alias_new(Object *origin, Object *args);
/* A __class_getitem__ usable as METH_CLASS in method tables. */
Object *generic_class_getitem(Object *cls, Object *const *args, size_t nargs, Object *kwnames);
/* registry of subclasses (borrowed pointers) */
void type_add_subclass(TypeObject *base, TypeObject *sub);
void type_remove_subclass(TypeObject *base, TypeObject *sub);
Object *type_subclasses_list(TypeObject *t);

/* ---- typeslots.c --------------------------------------------------------- */
/* Build the dunder wrappers of a static type's own slots into t->dict. */
int typeslots_add_wrappers(TypeObject *t);
/* For heap types: (re)compute every dunder slot from the MRO. */
void typeslots_fixup_all(TypeObject *t);
/* After `name` changed in t's dict: update the matching slots in t and
 * every subclass. */
void typeslots_update(TypeObject *t, Object *name);
bool typeslots_is_dunder(Object *name);
void subtype_dealloc(Object *self);
int subtype_traverse(Object *self, visitproc visit, void *arg);
int subtype_clear(Object *self);
/* Look `name` up on type(self) and call it with self prepended; *found = 0
 * (and NULL, no error) if the type has no such attribute. */
Object *call_special(Object *self, Object *name, Object *const *args, size_t nargs,
                     int *found);
/* Call `func` (found on a type) as a method of self: prepends self for plain
 * functions and method descriptors, binds other descriptors. */
Object *call_unbound(Object *func, Object *self, Object *const *args, size_t nargs,
                     Object *kwnames);
/* The external-dict table for instances of heap subclasses of var-sized
 * types (dictoffset == -1). */
Object **typeslots_external_dict(Object *o, bool create);
void typeslots_drop_external_dict(Object *o);

/* ---- descr.c --------------------------------------------------------------- */
typedef struct MemberDescrObject {
    Object ob_base;
    TypeObject *type;
    Object *name;
    intptr_t offset;      /* of an Object * field */
    int readonly;
} MemberDescrObject;
extern TypeObject MemberDescr_Type;
Object *member_descr_new(TypeObject *type, Object *name, intptr_t offset, int readonly);

/* One dunder slot wrapper kind (see typeslots.c). */
struct SlotDef;
typedef Object *(*wrapperfunc)(Object *self, Object *const *args, size_t nargs,
                               Object *kwnames, void *wrapped, const struct SlotDef *def);
typedef struct SlotDef {
    const char *name;
    size_t offset;          /* offsetof(TypeObject, slot) */
    void *slot_func;        /* dispatcher for heap types (slot_*) */
    wrapperfunc wrapper;    /* NULL: no wrapper (e.g. __getattr__) */
    int flags;              /* SLOTDEF_* */
    int op;                 /* comparison op for richcompare entries */
    Object *pyname;         /* interned name, set at init */
} SlotDef;
enum { SLOTDEF_KW = 1 };

typedef struct WrapperDescrObject {
    Object ob_base;
    TypeObject *type;
    const SlotDef *def;
    void *wrapped;
} WrapperDescrObject;
Object *wrapper_descr_new(TypeObject *type, const SlotDef *def, void *wrapped);

/* __new__ of a type: a builtin function with self = the type */
extern MethodDef tp_new_methoddef;
bool is_tp_new_wrapper(Object *o);

typedef struct PropertyObject {
    Object ob_base;
    Object *fget, *fset, *fdel, *doc, *name;
    int getter_doc;
} PropertyObject;

typedef struct StaticMethodObject {  /* also classmethod */
    Object ob_base;
    Object *func;
    Object *dict;
} StaticMethodObject;

/* ---- exceptions.c ---------------------------------------------------------- */
void exceptions_init_types(void);
/* ---- module.c -------------------------------------------------------------- */
void module_init_types(void);
/* ---- abstract.c ------------------------------------------------------------ */
Object *obj_divmod(Object *a, Object *b);

#endif
