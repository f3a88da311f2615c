/* gil/stats.h — what the GIL records about each thread, and its trace events.
 *
 * Counters are updated by the thread they belong to while it takes or gives
 * up the GIL (so without contention); reading them for gil.stats() happens
 * with the GIL held.  Records outlive their threads so a report at exit
 * still shows every thread that ran.
 */
#ifndef GILPY_GIL_STATS_H
#define GILPY_GIL_STATS_H

#include <stdint.h>

typedef struct GilThreadStats {
    struct GilThreadStats *next;     /* all records, newest first */
    unsigned long ident;
    char name[64];                   /* threading's name, once known */
    int alive;
    uint64_t acquisitions;
    uint64_t forced_drops;           /* released on a drop request */
    uint64_t blocking_releases;      /* released around a blocking call */
    uint64_t hold_total_ns, hold_max_ns;
    uint64_t wait_total_ns, wait_max_ns;
    uint64_t acquired_at_ns;         /* when it last took the GIL */
    uint64_t forced_hold_total_ns;   /* hold times that ended in a forced drop */
    /* policy state */
    int priority;                    /* `priority` policy: asks at once */
    int ticks_left;                  /* `ticks` policy countdown */
} GilThreadStats;

/* Trace events (GIL lab): recorded only while a trace is running. */
enum GilEventKind {
    GEV_WAIT,        /* asked for the GIL */
    GEV_ACQUIRE,     /* got it */
    GEV_DROP_FORCED, /* gave it up on a drop request (or a tick) */
    GEV_DROP_BLOCK,  /* gave it up around a blocking call (detail: which) */
    GEV_DROP_EXIT,   /* gave it up for good (thread end) */
    GEV_REQUEST,     /* set the drop request */
};

typedef struct GilEvent {
    uint64_t t_ns;
    unsigned long ident;
    int kind;
    const char *detail;   /* static string or NULL */
} GilEvent;

#endif
