/* vm/objects/float.h — float (C double). */
#ifndef GILPY_FLOAT_H
#define GILPY_FLOAT_H

#include "vm/object.h"

typedef struct FloatObject {
    Object ob_base;
    double value;
} FloatObject;

extern TypeObject Float_Type;
static inline bool float_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_FLOAT_SUBCLASS);
}
#define FLOAT_VALUE(o) (((FloatObject *)(o))->value)

Object *float_from_double(double v);                 /* new reference */
/* float(o) as a C double: floats, ints (OverflowError if too big), objects
 * with __float__ / __index__.  -1.0 + error on failure. */
double float_as_double(Object *o);
/* CPython's repr: shortest string that round-trips ('0.1', '1e+16', 'inf').
 * Writes into buf (at least 32 bytes) and returns buf. */
char *float_repr_buf(double v, char *buf);
Object *float_repr(Object *o);
int64_t float_hash_double(double v);                 /* equal ints hash equal */
/* Parse as float() does ("1e3", " inf ", "nan", "1_0.5"); ValueError
 * "could not convert string to float: 'x'" on failure. */
Object *float_from_string(const char *s, size_t len);

#endif
