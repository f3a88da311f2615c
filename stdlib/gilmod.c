/* stdlib/gilmod.c — the `gil` module: the GIL lab's switches and gauges.
 *
 *   gil.policy() / gil.set_policy(name)    interval, ticks, fifo, priority
 *   gil.stats() / gil.reset_stats()        per-thread and overall figures
 *   gil.trace_start(path) / gil.trace_stop()   Chrome JSON or SVG timeline
 *
 * Also the -X gilstats report and -X giltrace=FILE at start-up and exit
 * (gil_lab_start / gil_lab_finish, called by the runtime).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gil/gil.h"
#include "gil/stats.h"
#include "gil/trace.h"
#include "stdlib/gilmod.h"
#include "vm/vm.h"

static char *trace_path;      /* set while a trace runs */
static int stats_at_exit;     /* -X gilstats */

static Object *unknown_policy(const char *name) {
    return err_format(&Exc_ValueError,
                      "unknown GIL policy '%s' (valid: interval, ticks, fifo, priority)", name);
}

static Object *gil_policy(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_no_kwargs("policy", kw) < 0 || args_count("policy", nargs, 0, 0) < 0) return NULL;
    return str_from_cstr(gil_policy_name(gil_get_policy()));
}

static Object *gil_set_policy(Object *m, Object *const *args, size_t nargs, Object *kw) {
    const char *name;
    if (args_parse(args, nargs, kw, "s:set_policy", NULL, &name) < 0) return NULL;
    if (gil_set_policy_name(name) < 0) return unknown_policy(name);
    return none_new();
}

static int set_num(Object *d, const char *key, Object *v) {
    if (!v) return -1;
    int r = dict_set_cstr(d, key, v);
    DECREF(v);
    return r;
}

typedef struct Collect {
    Object *list;
    int failed;
} Collect;

static void collect_thread(const GilThreadStats *st, void *arg) {
    Collect *c = arg;
    if (c->failed) return;
    Object *d = dict_new();
    if (!d) { c->failed = 1; return; }
    int r = 0;
    r |= set_num(d, "name", str_from_cstr(st->name[0] ? st->name : "?"));
    r |= set_num(d, "ident", int_from_ulong(st->ident));
    r |= set_num(d, "alive", bool_from(st->alive));
    r |= set_num(d, "acquisitions", int_from_ulong(st->acquisitions));
    r |= set_num(d, "forced_drops", int_from_ulong(st->forced_drops));
    r |= set_num(d, "blocking_releases", int_from_ulong(st->blocking_releases));
    r |= set_num(d, "hold_total", float_from_double(st->hold_total_ns / 1e9));
    r |= set_num(d, "hold_max", float_from_double(st->hold_max_ns / 1e9));
    r |= set_num(d, "hold_mean_forced",
                 float_from_double(st->forced_drops ? st->forced_hold_total_ns / 1e9 / st->forced_drops : 0.0));
    r |= set_num(d, "wait_total", float_from_double(st->wait_total_ns / 1e9));
    r |= set_num(d, "wait_max", float_from_double(st->wait_max_ns / 1e9));
    if (r || list_append(c->list, d) < 0) c->failed = 1;
    DECREF(d);
}

static Object *gil_stats(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_no_kwargs("stats", kw) < 0 || args_count("stats", nargs, 0, 0) < 0) return NULL;
    Collect c = {list_new(0), 0};
    if (!c.list) return NULL;
    gil_stats_snapshot(collect_thread, &c);
    if (c.failed) {
        DECREF(c.list);
        return NULL;
    }
    uint64_t switches, requests, since;
    gil_stats_totals(&switches, &requests, &since);
    double wall = (gil_now_ns() - since) / 1e9;
    Object *d = dict_new();
    if (!d) {
        DECREF(c.list);
        return NULL;
    }
    int r = 0;
    r |= set_num(d, "policy", str_from_cstr(gil_policy_name(gil_get_policy())));
    r |= set_num(d, "switch_interval", float_from_double(gil_get_switch_interval()));
    r |= set_num(d, "check_interval", int_from_long(gil_get_check_interval()));
    r |= set_num(d, "switches", int_from_ulong(switches));
    r |= set_num(d, "switches_per_second", float_from_double(wall > 0 ? switches / wall : 0.0));
    r |= set_num(d, "drop_requests", int_from_ulong(requests));
    r |= set_num(d, "wall_time", float_from_double(wall));
    r |= dict_set_cstr(d, "threads", c.list);
    DECREF(c.list);
    if (r) {
        DECREF(d);
        return NULL;
    }
    return d;
}

static Object *gil_reset_stats(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_no_kwargs("reset_stats", kw) < 0 || args_count("reset_stats", nargs, 0, 0) < 0)
        return NULL;
    gil_stats_reset();
    return none_new();
}

static int start_trace(const char *path) {
    free(trace_path);
    trace_path = strdup(path);
    if (!trace_path) return -1;
    gil_trace_begin();
    return 0;
}

static int stop_trace(void) {
    if (!trace_path) return 0;
    size_t n;
    GilEvent *ev = gil_trace_end(&n);
    int r = gil_trace_write(trace_path, ev, n, "gilpy: who held the GIL");
    free(ev);
    if (r < 0) err_from_errno_filename(&Exc_OSError, trace_path);
    free(trace_path);
    trace_path = NULL;
    return r;
}

static Object *gil_trace_start(Object *m, Object *const *args, size_t nargs, Object *kw) {
    const char *path;
    if (args_parse(args, nargs, kw, "s:trace_start", NULL, &path) < 0) return NULL;
    if (trace_path) return err_format(&Exc_RuntimeError, "a GIL trace is already running");
    if (start_trace(path) < 0) return err_no_memory();
    return none_new();
}

static Object *gil_trace_stop(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (!trace_path) return err_format(&Exc_RuntimeError, "no GIL trace is running");
    if (stop_trace() < 0) return NULL;
    return none_new();
}

static Object *gil_checkinterval(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int n = -1;
    if (args_parse(args, nargs, kw, "|i:checkinterval", NULL, &n) < 0) return NULL;
    int old = gil_get_check_interval();
    if (n != -1) {
        if (n < 1) return err_format(&Exc_ValueError, "check interval must be at least 1");
        gil_set_check_interval(n);
    }
    return int_from_long(old);
}

/* sys.setcheckinterval(n) / sys.getcheckinterval(): Python 2's knob, which
 * gilpy keeps for its `ticks` policy (CPython 3.9 removed them). */
Object *gil_sys_setcheckinterval(Object *m, Object *const *args, size_t nargs, Object *kw) {
    int n;
    if (args_parse(args, nargs, kw, "i:setcheckinterval", NULL, &n) < 0) return NULL;
    if (n < 1) return err_format(&Exc_ValueError, "check interval must be at least 1");
    gil_set_check_interval(n);
    return none_new();
}

Object *gil_sys_getcheckinterval(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_no_kwargs("getcheckinterval", kw) < 0 || args_count("getcheckinterval", nargs, 0, 0) < 0)
        return NULL;
    return int_from_long(gil_get_check_interval());
}

static MethodDef gil_functions[] = {
    {"policy", gil_policy, 0, "policy() -> the name of the current GIL policy"},
    {"set_policy", gil_set_policy, 0, "set_policy(name): interval, ticks, fifo or priority"},
    {"stats", gil_stats, 0, "stats() -> dict of GIL statistics, overall and per thread"},
    {"reset_stats", gil_reset_stats, 0, "reset_stats(): start counting afresh"},
    {"trace_start", gil_trace_start, 0, "trace_start(path): record a timeline (.json or .svg)"},
    {"trace_stop", gil_trace_stop, 0, "trace_stop(): write the timeline recorded since trace_start"},
    {"checkinterval", gil_checkinterval, 0, "checkinterval([n]) -> old value (ticks policy)"},
    {NULL, NULL, 0, NULL},
};

Object *mod_gil_init(void) {
    Object *m = module_new("gil");
    if (!m) return NULL;
    if (module_add_functions(m, gil_functions) < 0 ||
        module_add_str(m, "__doc__", "The GIL lab: policies, statistics and timelines.") < 0) {
        DECREF(m);
        return NULL;
    }
    Object *names = tuple_new(GIL_POLICY_COUNT);
    if (!names) {
        DECREF(m);
        return NULL;
    }
    for (int p = 0; p < GIL_POLICY_COUNT; p++)
        TUPLE_ITEMS(names)[p] = str_from_cstr(gil_policy_name(p));
    module_add(m, "POLICIES", names);
    DECREF(names);
    return m;
}

/* ---- start-up options and the report at exit ------------------------------ */

int gil_lab_option(const char *xoption) {
    if (strcmp(xoption, "gilstats") == 0) {
        stats_at_exit = 1;
        return 0;
    }
    if (strncmp(xoption, "giltrace=", 9) == 0) return start_trace(xoption + 9);
    if (strncmp(xoption, "gil=", 4) == 0) {
        if (gil_set_policy_name(xoption + 4) < 0) {
            fprintf(stderr, "gilpy: unknown GIL policy '%s' (valid: interval, ticks, fifo, priority)\n",
                    xoption + 4);
            return -1;
        }
        return 0;
    }
    if (strncmp(xoption, "gilchecks=", 10) == 0) {
        const char *v = xoption + 10;
        if (strcmp(v, "every") != 0 && strcmp(v, "default") != 0) {
            fprintf(stderr, "gilpy: -X gilchecks: '%s' is neither 'every' nor 'default'\n", v);
            return -1;
        }
        gil_check_every = strcmp(v, "every") == 0;
        return 0;
    }
    if (strncmp(xoption, "checkinterval=", 14) == 0) {
        gil_set_check_interval(atoi(xoption + 14));
        return 0;
    }
    return 0;
}

static void report_thread(const GilThreadStats *st, void *arg) {
    FILE *f = arg;
    fprintf(f, "%-16.16s %8llu %8llu %8llu %10.1f %9.2f %10.1f %9.2f\n",
            st->name[0] ? st->name : "?", (unsigned long long)st->acquisitions,
            (unsigned long long)st->forced_drops, (unsigned long long)st->blocking_releases,
            st->hold_total_ns / 1e6, st->hold_max_ns / 1e6, st->wait_total_ns / 1e6,
            st->wait_max_ns / 1e6);
}

void gil_lab_finish(void) {
    if (trace_path && stop_trace() < 0) {
        Object *exc = err_fetch();
        if (exc) {
            err_display(exc);
            DECREF(exc);
        }
    }
    if (!stats_at_exit) return;
    uint64_t switches, requests, since;
    gil_stats_totals(&switches, &requests, &since);
    double wall = (gil_now_ns() - since) / 1e9;
    fflush(stdout);
    fprintf(stderr, "\nGIL statistics (policy %s, switch interval %.2f ms, %.3f s wall)\n",
            gil_policy_name(gil_get_policy()), gil_get_switch_interval() * 1e3, wall);
    fprintf(stderr, "switches %llu (%.0f/s), drop requests %llu\n", (unsigned long long)switches,
            wall > 0 ? switches / wall : 0.0, (unsigned long long)requests);
    fprintf(stderr, "%-16s %8s %8s %8s %10s %9s %10s %9s\n", "thread", "acquired", "forced",
            "blocking", "hold ms", "max ms", "wait ms", "max ms");
    gil_stats_snapshot(report_thread, stderr);
}
