/* vm/objects/bool.c — bool, the two-instance subclass of int.
 *
 * True and False are static IntObjects (so every int slow path works on
 * them unchanged) whose mpz values 1 and 0 are set up by bool_init() at
 * start-up.  They are immortal.  bool is final: it lacks TPFLAG_BASETYPE, so
 * "type 'bool' is not an acceptable base type".
 */
#include "vm/vm.h"
#include "vm/objects/numeric.h"

IntObject TrueStruct = {.ob_base = STATIC_OBJECT_HEAD(&Bool_Type)};
IntObject FalseStruct = {.ob_base = STATIC_OBJECT_HEAD(&Bool_Type)};

static Object *bool_repr(Object *o) {
    static Object *true_str, *false_str;
    if (!true_str) {
        true_str = str_intern_cstr("True");
        false_str = str_intern_cstr("False");
    }
    return NEWREF(o == True ? true_str : false_str);
}

static Object *bool_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("bool", kwnames) < 0) return NULL;
    if (nargs > 1)
        return err_format(&Exc_TypeError, "bool expected at most 1 argument, got %zu", nargs);
    if (nargs == 0) return bool_from(0);
    int t = obj_is_true(args[0]);
    if (t < 0) return NULL;
    return bool_from(t);
}

/* & | ^ keep bools bool; with any other int they are plain int operations. */
static Object *bool_and(Object *a, Object *b) {
    if (OBJ_TYPE(a) == &Bool_Type && OBJ_TYPE(b) == &Bool_Type) return bool_from(a == True && b == True);
    return int_nb_and(a, b);
}

static Object *bool_or(Object *a, Object *b) {
    if (OBJ_TYPE(a) == &Bool_Type && OBJ_TYPE(b) == &Bool_Type) return bool_from(a == True || b == True);
    return int_nb_or(a, b);
}

static Object *bool_xor(Object *a, Object *b) {
    if (OBJ_TYPE(a) == &Bool_Type && OBJ_TYPE(b) == &Bool_Type) return bool_from((a == True) != (b == True));
    return int_nb_xor(a, b);
}

static int bool_bool(Object *o) { return o == True; }

TypeObject Bool_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "bool",
    .basicsize = sizeof(IntObject),
    .flags = TPFLAG_INT_SUBCLASS,
    .doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
           "The builtins True and False are the only two instances of the class bool.\n"
           "The class bool is a subclass of the class int, and cannot be subclassed.",
    .repr = bool_repr,
    .str = bool_repr,
    .nb_and = bool_and,
    .nb_or = bool_or,
    .nb_xor = bool_xor,
    .nb_bool = bool_bool,
    .tp_new = bool_new,
    .base = &Int_Type,
};

void bool_init(void) {
    mpz_init_set_ui(TrueStruct.z, 1);
    mpz_init_set_ui(FalseStruct.z, 0);
    type_ready(&Bool_Type);
}
