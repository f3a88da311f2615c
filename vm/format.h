/* vm/format.h — text formatting: the format-spec mini-language
 * (format(), __format__ of int/float/str), str.format() and printf-style
 * `%` formatting.  Implemented in vm/format.c (spec mini-language and
 * str.format) and vm/format_percent.c (% formatting).
 *
 * All return new references, or NULL with the exception set; `spec` is a str
 * (NULL is treated as '').
 */
#ifndef GILPY_FORMAT_H
#define GILPY_FORMAT_H

#include "vm/object.h"

/* format(v, spec) for ints (incl. bool), floats and strs; the __format__
 * methods of int, float and str call these. */
Object *format_int(Object *v, Object *spec);
Object *format_float(Object *v, Object *spec);
Object *format_str(Object *v, Object *spec);
/* "%.<prec>f" of a finite x >= 0 into buf (32+ bytes) without printf when
 * prec <= 9 and the digits fit in 52 bits; returns the length, or -1 when
 * the caller must use printf. */
int format_fixed_fast(double x, int prec, char *buf);
/* fmt.format(*args, **kwargs) with the calling convention's arguments. */
Object *str_format_method(Object *fmt, Object *const *args, size_t nargs, Object *kwnames);
/* fmt.format_map(mapping). */
Object *str_format_map(Object *fmt, Object *mapping);
/* fmt % args (args: a tuple, a mapping or a single value). */
Object *str_percent_format(Object *fmt, Object *args);
/* bytes % args; returns bytes (or bytearray when as_bytearray). */
Object *bytes_percent_format(const char *fmt, intptr_t n, Object *args, bool as_bytearray);

#endif
