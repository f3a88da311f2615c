/* vm/objects/numeric.h — helpers shared by int.c, int_ops.c, float.c and
 * stdlib/math.c (private to the numbers area; not part of vm/vm.h).
 *
 * The key trick: any int (tagged or heap) can be seen as a read-only GMP
 * integer without allocating (int_view), so every slow path is written once
 * against mpz_srcptr.
 */
#ifndef GILPY_NUMERIC_H
#define GILPY_NUMERIC_H

#include <gmp.h>
#include "vm/objects/int.h"

/* Storage for viewing a tagged int as an mpz; must outlive the view. */
typedef struct IntView {
    mpz_t z;
    mp_limb_t limb;
} IntView;

/* A read-only mpz for any int object (incl. bool and subclasses). */
static inline mpz_srcptr int_view(Object *o, IntView *v) {
    if (IS_SMALLINT(o)) {
        intptr_t x = SMALLINT_VALUE(o);
        v->limb = x < 0 ? (mp_limb_t)0 - (mp_limb_t)x : (mp_limb_t)x;
        return mpz_roinit_n(v->z, &v->limb, x < 0 ? -1 : (x > 0));
    }
    return ((IntObject *)o)->z;
}

/* New int from `z`, taking over its storage (z is left cleared). */
Object *int_from_mpz_move(mpz_t z);

/* Correctly rounded (half-even) value of sign(q) * (|q| + f) * 2**exp2 where
 * 0 < f < 1 when `sticky` (callers make q at least 55 bits long then).
 * 0, or -1 when the result overflows a double (no exception set). */
int mpz_scaled_to_double(mpz_srcptr q, long exp2, bool sticky, double *out);
/* Correctly rounded a / b (b != 0).  0, or -1 on overflow (no exception). */
int mpz_ratio_to_double(mpz_srcptr a, mpz_srcptr b, double *out);

/* Compare an int with a double mathematically: -1, 0, 1, or 2 if d is NaN. */
int int_compare_double(Object *i, double d);
/* Result of a comparison outcome c (<0, 0, >0) under CmpOp op (new ref). */
Object *cmp_result(int c, int op);

/* float(int) with CPython's message on overflow ("int too large to convert
 * to float"); -1.0 + error on failure.  Same as int_as_double. */
double int_as_double(Object *o);

/* The numeric slots of int (int_ops.c), used by the Int_Type table and bool. */
Object *int_nb_add(Object *a, Object *b);
Object *int_nb_sub(Object *a, Object *b);
Object *int_nb_mul(Object *a, Object *b);
Object *int_nb_truediv(Object *a, Object *b);
Object *int_nb_floordiv(Object *a, Object *b);
Object *int_nb_mod(Object *a, Object *b);
Object *int_nb_divmod(Object *a, Object *b);
Object *int_nb_pow(Object *a, Object *b, Object *mod);
Object *int_nb_lshift(Object *a, Object *b);
Object *int_nb_rshift(Object *a, Object *b);
Object *int_nb_and(Object *a, Object *b);
Object *int_nb_or(Object *a, Object *b);
Object *int_nb_xor(Object *a, Object *b);
Object *int_nb_neg(Object *a);
Object *int_nb_pos(Object *a);
Object *int_nb_abs(Object *a);
Object *int_nb_invert(Object *a);
Object *int_nb_int(Object *a);    /* exact int copy of any int (nb_int, nb_index) */
Object *int_nb_float(Object *a);
int int_nb_bool(Object *a);
void bool_init(void);  /* bool.c: True/False values + type_ready(bool) */
extern MethodDef int_methods[];
extern GetSetDef int_getset[];

/* Skip str.isspace() whitespace at both ends of [*start, *end) (UTF-8). */
void num_strip_spaces(const char **start, const char **end);

/* Methods without parameters: 0, or -1 with CPython's
 * "int.bit_length() takes no arguments (1 given)". */
int num_no_args(const char *qualname, size_t nargs);
/* The spec argument of __format__: the str, or NULL + TypeError. */
Object *num_format_spec_arg(Object *const *args, size_t nargs);

/* A copy of UTF-8 text with Unicode decimal digits and spaces mapped to
 * ASCII (mem_alloc'ed, NUL-terminated, length in *outlen), or NULL when the
 * text is pure ASCII and can be parsed as it is. */
char *num_unicode_to_ascii(const char *s, size_t len, size_t *outlen);

/* float's rounding with ndigits (float.__round__(x, n)), shared with math. */
Object *float_round_ndigits(double x, intptr_t ndigits);

#endif
