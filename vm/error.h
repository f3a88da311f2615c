/* vm/error.h — raising, inspecting and printing exceptions.
 *
 * The current exception lives on the thread state (ts->curexc) as one
 * exception instance.  A C function that fails sets it and returns NULL (or
 * -1); every caller checks and propagates.  Formats accept printf
 * conversions plus:
 *   %R  repr() of an Object *        %S  str() of an Object *
 *   %T  type name of an Object *     %U  an Object * str, inserted as-is
 */
#ifndef GILPY_ERROR_H
#define GILPY_ERROR_H

#include <stdarg.h>
#include "vm/object.h"
#include "vm/objects/exceptions.h"

/* Raise `type(formatted message)`.  Always returns NULL. */
Object *err_format(TypeObject *type, const char *fmt, ...);
Object *err_vformat(TypeObject *type, const char *fmt, va_list ap);
/* Raise `type(value)` (value may be NULL: no args; a tuple is NOT unpacked). */
void err_set_object(TypeObject *type, Object *value);
void err_set_none(TypeObject *type);
/* Raise an existing exception instance (steals the reference). */
void err_restore(Object *exc);
/* The current exception, borrowed; NULL if none. */
Object *err_occurred(void);
/* Is the current exception an instance of `type` (or a subclass)? */
bool err_matches(TypeObject *type);
bool err_given_matches(Object *exc, TypeObject *type);
/* Take the current exception out (new reference) and clear it; NULL if none. */
Object *err_fetch(void);
void err_clear(void);
Object *err_no_memory(void);                  /* MemoryError, returns NULL */
/* OSError subclass chosen by errno (FileNotFoundError ...), returns NULL. */
Object *err_from_errno(TypeObject *type);
Object *err_from_errno_filename(TypeObject *type, const char *filename);
/* Report an error that cannot propagate ("Exception ignored in: %R"),
 * clearing it. */
void err_write_unraisable(Object *where);
/* Print the current exception with its traceback to sys.stderr and clear it
 * (SystemExit is not special here: see runtime.h). */
void err_print(void);
/* Print one exception (with __cause__/__context__ chains) to stderr. */
void err_display(Object *exc);

/* Common messages, one helper each. */
Object *err_bad_argument_type(const char *fname, const char *expected, Object *got);
Object *err_bad_internal_call(const char *where);

#endif
