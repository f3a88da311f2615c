/* vm/args.h — parsing the arguments of built-in functions.
 *
 *   static const char *kwlist[] = {"sep", "end", NULL};   // names of ALL params, in order
 *   Object *a, *b = NULL;
 *   if (args_parse(args, nargs, kwnames, "O|O:name", kwlist, &a, &b) < 0) return NULL;
 *
 * Format (like CPython's PyArg_ParseTupleAndKeywords):
 *   O  Object * (borrowed)            n  intptr_t via __index__
 *   i  int via __index__              d  double (float or int)
 *   p  int 0/1 from truthiness        s  const char * (a str's UTF-8)
 *   z  like s, None gives NULL        U  Object * that must be a str
 *   |  the rest are optional (untouched when absent)
 *   $  the rest are keyword-only
 *   :name  the function name for messages
 * kwlist may be NULL: then keywords are refused. Positional-only parameters
 * have "" as their kwlist name.  Messages match CPython:
 *   "f() takes at most 2 arguments (3 given)", "f() missing required argument
 *   'x' (pos 1)", "'x' is an invalid keyword argument for f()",
 *   "f() argument 1 must be str, not int".
 */
#ifndef GILPY_ARGS_H
#define GILPY_ARGS_H

#include "vm/object.h"

int args_parse(Object *const *args, size_t nargs, Object *kwnames, const char *format,
               const char *const *kwlist, ...);
/* Shorthands for the common checks; 0 / -1 with CPython's messages. */
int args_no_kwargs(const char *fname, Object *kwnames);
int args_count(const char *fname, size_t nargs, size_t min, size_t max);
/* Count of keyword arguments in a call. */
static inline size_t args_nkw(Object *kwnames);

#include "vm/objects/tuple.h"
static inline size_t args_nkw(Object *kwnames) {
    return kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0;
}

#endif
