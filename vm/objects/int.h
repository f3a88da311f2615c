/* vm/objects/int.h — int (tagged small ints + GMP big ints) and bool. */
#ifndef GILPY_INT_H
#define GILPY_INT_H

#include <gmp.h>
#include "vm/object.h"

/* Heap representation: ints outside the small range, bools, int subclasses. */
typedef struct IntObject {
    Object ob_base;
    mpz_t z;
} IntObject;

extern IntObject TrueStruct, FalseStruct;
#define True ((Object *)&TrueStruct)
#define False ((Object *)&FalseStruct)
static inline Object *bool_from(int v) { Object *b = v ? True : False; INCREF(b); return b; }

static inline bool int_check(Object *o) {
    return IS_SMALLINT(o) || (OBJ_TYPE(o)->flags & TPFLAG_INT_SUBCLASS);
}
static inline bool int_check_exact(Object *o) {
    return IS_SMALLINT(o) || o->type == &Int_Type;
}

/* Constructors: new references, normalised (small values tagged). */
Object *int_from_long(long long v);
Object *int_from_ulong(unsigned long long v);
Object *int_from_ssize(intptr_t v);
Object *int_from_mpz(const mpz_t z);
Object *int_from_double(double d);   /* truncates; OverflowError for inf, ValueError for nan */
/* Parse text as int() does (whitespace, sign, underscores, base 0 prefixes);
 * ValueError "invalid literal for int() with base 10: 'x'" on failure. */
Object *int_from_string(const char *s, size_t len, int base);

/* Conversions of any int (incl. bool and subclasses).  -1 + OverflowError
 * ("Python int too large to convert to C long") when out of range; callers
 * check err_occurred() when -1 is a valid value. */
long long int_as_long(Object *o);
intptr_t int_as_ssize(Object *o);
double int_as_double(Object *o);     /* OverflowError "int too large to convert to float" */
void int_to_mpz(Object *o, mpz_t out); /* out must be mpz_init'ed */
int int_sign(Object *o);              /* -1, 0, 1 */
/* Decimal (or base 2/8/16 with prefix '0b'/'0o'/'0x' when base != 10) text. */
Object *int_to_string(Object *o, int base);
Object *int_repr(Object *o);
int64_t int_hash(Object *o);          /* CPython's modular hash (mod 2**61-1) */

#endif
