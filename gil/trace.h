/* gil/trace.h — writing recorded GIL events as Chrome trace JSON or SVG. */
#ifndef GILPY_GIL_TRACE_H
#define GILPY_GIL_TRACE_H

#include <stddef.h>
#include "gil/stats.h"

/* Write `events` to `path`: an SVG timeline if it ends in ".svg", else
 * Chrome trace-event JSON.  0, or -1 with errno set. */
int gil_trace_write(const char *path, const GilEvent *events, size_t n, const char *title);

#endif
