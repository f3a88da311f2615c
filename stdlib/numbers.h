/* stdlib/numbers.h — entry points of the numbers area (int, bool, float,
 * the math and _random modules) that other layers call.
 *
 * The runtime calls int_init_types() once at start-up (it readies int, bool
 * and float); stdlib/modules.c registers mod_math_init ("math") and
 * mod_random_init ("_random").
 */
#ifndef GILPY_NUMBERS_H
#define GILPY_NUMBERS_H

#include "vm/object.h"

void int_init_types(void);     /* type_ready(int, bool, float) + True/False */
Object *mod_math_init(void);   /* new reference to the "math" module */
Object *mod_random_init(void); /* new reference to the "_random" module */

/* int(o) and float(o) with one argument, exactly as the constructors do it
 * (__int__/__index__/__trunc__, str/bytes parsing; __float__/__index__).
 * abstract.c's obj_int / obj_float may simply call these.  New references. */
Object *int_from_object(Object *o);
Object *float_from_object(Object *o);

/* sys.get_int_max_str_digits() / sys.set_int_max_str_digits(n): the limit on
 * decimal digits for int<->str conversion (CPython 3.11: default 4300,
 * 0 disables, otherwise must be >= 640). */
extern intptr_t int_max_str_digits;
#define INT_MAX_STR_DIGITS_DEFAULT 4300
#define INT_MAX_STR_DIGITS_THRESHOLD 640
/* Raise CPython's ValueError when an int in decimal has more digits than
 * the limit (0 = no limit); returns -1 then, else 0. */
int int_check_str_digits(size_t ndigits);

#endif
