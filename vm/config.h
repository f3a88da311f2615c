/* vm/config.h — compile-time switches, in one place.
 *
 * GILPY_DEBUG      : extra assertions (GIL ownership, refcount sanity).
 * GILPY_VERSION    : version string shown by -V and the REPL banner.
 * GILPY_GIL_TRACE  : 1 (default) records GIL trace events when a trace is
 *                    running; 0 compiles the recording out, to measure what
 *                    the feature costs when it is off (docs/gil-lab.md).
 */
#ifndef GILPY_CONFIG_H
#define GILPY_CONFIG_H

#define GILPY_VERSION "0.1.0"
/* The CPython version whose semantics gilpy follows (sys.version_info). */
#define GILPY_PY_MAJOR 3
#define GILPY_PY_MINOR 11
#define GILPY_PY_MICRO 7

#define GILPY_DEFAULT_RECURSION_LIMIT 1000
#define GILPY_DEFAULT_SWITCH_INTERVAL 0.005

#ifndef GILPY_GIL_TRACE
#define GILPY_GIL_TRACE 1
#endif

#endif
