/* stdlib/time.c — the "time" module: clocks, sleep, and calendar
 * conversions (struct_time) over the C library.
 *
 * sleep() is the archetypal blocking call: it releases the GIL around
 * clock_nanosleep() with an absolute deadline, so an interrupted sleep simply
 * resumes after the signal handlers ran (KeyboardInterrupt ends it).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vm/vm.h"
#include "gil/gil.h"
#include "stdlib/runtime_modules.h"

static TypeObject StructTime_Type;
static const char *const struct_time_fields[] = {
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday",
    "tm_isdst", "tm_zone", "tm_gmtoff", NULL};
static const StructSeqDesc struct_time_desc = {"time.struct_time", struct_time_fields, 9};

/* ---- clocks ----------------------------------------------------------------- */
static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static Object *clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return int_from_long((long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

#define CLOCK_FUNCS(pyname, clockid)                                                   \
    static Object *time_##pyname(Object *self, Object *const *args, size_t nargs,       \
                                 Object *kwnames) {                                     \
        if (args_count(#pyname, nargs, 0, 0) < 0) return NULL;                         \
        return float_from_double(clock_seconds(clockid));                              \
    }                                                                                   \
    static Object *time_##pyname##_ns(Object *self, Object *const *args, size_t nargs,  \
                                      Object *kwnames) {                                \
        if (args_count(#pyname "_ns", nargs, 0, 0) < 0) return NULL;                   \
        return clock_ns(clockid);                                                       \
    }

CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)

/* ---- sleep --------------------------------------------------------------------- */
/* A number of seconds from an int or float; TypeError/ValueError as CPython. */
static int seconds_arg(Object *o, double *out) {
    if (float_check(o)) {
        *out = FLOAT_VALUE(o);
        if (isnan(*out)) {
            err_format(&Exc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        return 0;
    }
    Object *i = obj_index(o);
    if (!i) return -1;
    *out = int_as_double(i);
    DECREF(i);
    return (*out == -1.0 && err_occurred()) ? -1 : 0;
}

static Object *time_sleep(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_no_kwargs("sleep", kwnames) < 0 || args_count("sleep", nargs, 1, 1) < 0)
        return NULL;
    double secs;
    if (seconds_arg(args[0], &secs) < 0) return NULL;
    if (secs < 0) return err_format(&Exc_ValueError, "sleep length must be non-negative");
    if (secs > 9.2e9)
        return err_format(&Exc_OverflowError, "timestamp out of range for platform time_t");
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    double whole = floor(secs);
    deadline.tv_sec += (time_t)whole;
    deadline.tv_nsec += (long)((secs - whole) * 1e9);
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    for (;;) {
        int r;
        /* Even sleep(0) goes through here: it lets other threads run. */
        GIL_BLOCKING_BEGIN("sleep");
        r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
        GIL_BLOCKING_END();
        if (r == 0) break;
        if (r == EINTR) {
            if (signals_check() < 0) return NULL;
            continue;
        }
        errno = r;
        return err_from_errno(&Exc_OSError);
    }
    return none_new();
}

/* ---- struct_time ------------------------------------------------------------- */
static Object *struct_time_from_tm(const struct tm *tm) {
    Object *st = structseq_new(&StructTime_Type);
    if (!st) return NULL;
    long vals[9] = {tm->tm_year + 1900L, tm->tm_mon + 1L, tm->tm_mday, tm->tm_hour,
                    tm->tm_min, tm->tm_sec, (tm->tm_wday + 6) % 7, tm->tm_yday + 1L,
                    tm->tm_isdst};
    for (int i = 0; i < 9; i++) structseq_set(st, i, int_from_long(vals[i]));
    Object *zone = tm->tm_zone ? str_from_cstr(tm->tm_zone) : NEWREF(None);
    structseq_set(st, 9, zone);
    structseq_set(st, 10, int_from_long(tm->tm_gmtoff));
    for (int i = 0; i < 11; i++)
        if (!structseq_get(st, i)) {
            DECREF(st);
            return NULL;
        }
    return st;
}

/* The seconds argument of gmtime/localtime/ctime: None means now. */
static int time_t_arg(Object *const *args, size_t nargs, time_t *out) {
    if (nargs == 0 || args[0] == None) {
        *out = time(NULL);
        return 0;
    }
    double d;
    if (seconds_arg(args[0], &d) < 0) return -1;
    d = floor(d);
    if (d < -6.7e16 || d > 6.7e16) {
        err_format(&Exc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    *out = (time_t)d;
    return 0;
}

static Object *convert_time(const char *fname, Object *const *args, size_t nargs, bool local) {
    if (args_count(fname, nargs, 0, 1) < 0) return NULL;
    time_t t;
    if (time_t_arg(args, nargs, &t) < 0) return NULL;
    struct tm tm;
    if (!(local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm))) {
        errno = EOVERFLOW;
        return err_from_errno(&Exc_OSError);
    }
    return struct_time_from_tm(&tm);
}

static Object *time_gmtime(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return convert_time("gmtime", args, nargs, false);
}

static Object *time_localtime(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    return convert_time("localtime", args, nargs, true);
}

/* A struct_time or 9-tuple back to struct tm.  Keeps the zone string of a
 * struct_time alive in *zone_owner (caller DECREFs). */
static int tm_from_tuple(const char *fname, Object *t, struct tm *tm, Object **zone_owner) {
    *zone_owner = NULL;
    if (!tuple_check(t)) {
        err_format(&Exc_TypeError, "Tuple or struct_time argument required");
        return -1;
    }
    if (TUPLE_SIZE(t) != 9) {
        err_format(&Exc_TypeError, "%s(): illegal time tuple argument", fname);
        return -1;
    }
    long v[9];
    for (int i = 0; i < 9; i++) {
        Object *item = TUPLE_GET(t, i);
        if (float_check(item)) {
            err_format(&Exc_TypeError, "'float' object cannot be interpreted as an integer");
            return -1;
        }
        v[i] = (long)obj_as_ssize(item, &Exc_OverflowError);
        if (v[i] == -1 && err_occurred()) return -1;
    }
    memset(tm, 0, sizeof *tm);
    tm->tm_year = (int)(v[0] - 1900);
    tm->tm_mon = (int)v[1] - 1;
    tm->tm_mday = (int)v[2];
    tm->tm_hour = (int)v[3];
    tm->tm_min = (int)v[4];
    tm->tm_sec = (int)v[5];
    tm->tm_wday = (int)((v[6] + 1) % 7);
    tm->tm_yday = (int)v[7] - 1;
    tm->tm_isdst = (int)v[8];
    if (OBJ_TYPE(t) == &StructTime_Type) {
        Object *zone = structseq_get(t, 9);
        Object *off = structseq_get(t, 10);
        if (zone && str_check(zone)) {
            *zone_owner = NEWREF(zone);
            tm->tm_zone = str_utf8(zone);
        }
        if (off && int_check(off)) tm->tm_gmtoff = int_as_long(off);
    } else {
        tzset();
        tm->tm_zone = tzname[tm->tm_isdst > 0 ? 1 : 0];
    }
    return 0;
}

/* CPython's range checks for strftime/asctime (0 is accepted for the
 * month, day and yday fields and means the first). */
static int check_tm(struct tm *tm) {
    if (tm->tm_mon == -1) tm->tm_mon = 0;
    else if (tm->tm_mon < 0 || tm->tm_mon > 11) goto month;
    if (tm->tm_mday == 0) tm->tm_mday = 1;
    else if (tm->tm_mday < 0 || tm->tm_mday > 31) {
        err_format(&Exc_ValueError, "day of month out of range");
        return -1;
    }
    if (tm->tm_hour < 0 || tm->tm_hour > 23) {
        err_format(&Exc_ValueError, "hour out of range");
        return -1;
    }
    if (tm->tm_min < 0 || tm->tm_min > 59) {
        err_format(&Exc_ValueError, "minute out of range");
        return -1;
    }
    if (tm->tm_sec < 0 || tm->tm_sec > 61) {
        err_format(&Exc_ValueError, "seconds out of range");
        return -1;
    }
    if (tm->tm_wday < 0) {
        err_format(&Exc_ValueError, "day of week out of range");
        return -1;
    }
    if (tm->tm_yday == -1) tm->tm_yday = 0;
    else if (tm->tm_yday < 0 || tm->tm_yday > 365) {
        err_format(&Exc_ValueError, "day of year out of range");
        return -1;
    }
    return 0;
month:
    err_format(&Exc_ValueError, "month out of range");
    return -1;
}

static int tm_arg(const char *fname, Object *const *args, size_t nargs, size_t idx,
                  struct tm *tm, Object **zone_owner) {
    *zone_owner = NULL;
    if (nargs <= idx) {
        time_t now = time(NULL);
        localtime_r(&now, tm);
        return 0;
    }
    return tm_from_tuple(fname, args[idx], tm, zone_owner);
}

static Object *format_asctime(const struct tm *tm) {
    static const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return str_from_format("%s %s%3d %.2d:%.2d:%.2d %d", days[(tm->tm_wday % 7 + 7) % 7],
                           months[tm->tm_mon], tm->tm_mday, tm->tm_hour, tm->tm_min,
                           tm->tm_sec, tm->tm_year + 1900);
}

static Object *time_asctime(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("asctime", nargs, 0, 1) < 0) return NULL;
    struct tm tm;
    Object *zone;
    if (tm_arg("asctime", args, nargs, 0, &tm, &zone) < 0) return NULL;
    XDECREF(zone);
    if (check_tm(&tm) < 0) return NULL;
    return format_asctime(&tm);
}

static Object *time_ctime(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("ctime", nargs, 0, 1) < 0) return NULL;
    time_t t;
    if (time_t_arg(args, nargs, &t) < 0) return NULL;
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        errno = EOVERFLOW;
        return err_from_errno(&Exc_OSError);
    }
    return format_asctime(&tm);
}

static Object *time_mktime(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    if (args_count("mktime", nargs, 1, 1) < 0) return NULL;
    struct tm tm;
    Object *zone;
    if (tm_from_tuple("mktime", args[0], &tm, &zone) < 0) return NULL;
    XDECREF(zone);
    tm.tm_wday = -1;   /* sentinel: mktime sets it on success */
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && tm.tm_wday == -1)
        return err_format(&Exc_OverflowError, "mktime argument out of range");
    return float_from_double((double)t);
}

static Object *time_strftime(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    if (args_count("strftime", nargs, 1, 2) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(&Exc_TypeError, "strftime() argument 1 must be str, not %T", args[0]);
    struct tm tm;
    Object *zone;
    if (tm_arg("strftime", args, nargs, 1, &tm, &zone) < 0) return NULL;
    Object *res = NULL;
    if (check_tm(&tm) < 0) goto done;
    const char *fmt = str_utf8(args[0]);
    size_t fmtlen = (size_t)STR_SIZE(args[0]);
    if (fmtlen == 0) {
        res = str_from_cstr("");
        goto done;
    }
    for (size_t cap = 256; cap <= 256 * (fmtlen + 1); cap *= 2) {
        char *buf = mem_alloc(cap);
        if (!buf) goto done;
        size_t n = strftime(buf, cap, fmt, &tm);
        if (n > 0 || cap >= 256 * fmtlen) {
            res = str_decode_utf8(buf, n, "replace");
            mem_free(buf);
            goto done;
        }
        mem_free(buf);
    }
    res = str_from_cstr("");
done:
    XDECREF(zone);
    return res;
}

static Object *time_strptime(Object *self, Object *const *args, size_t nargs,
                             Object *kwnames) {
    const char *s, *fmt = "%a %b %d %H:%M:%S %Y";
    if (args_parse(args, nargs, kwnames, "s|s:strptime", NULL, &s, &fmt) < 0) return NULL;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_mday = 1;
    tm.tm_mday = -100;   /* sentinel: was the day parsed? */
    tm.tm_yday = -1;
    const char *rest = strptime(s, fmt, &tm);
    if (!rest) {
        Object *f = str_from_cstr(fmt);
        if (f) err_format(&Exc_ValueError, "time data %R does not match format %R", args[0], f);
        XDECREF(f);
        return NULL;
    }
    if (*rest) return err_format(&Exc_ValueError, "unconverted data remains: %s", rest);
    if (tm.tm_mday == -100) tm.tm_mday = 1;
    /* Weekday and day of the year from the date, as CPython computes them. */
    struct tm norm = tm;
    norm.tm_hour = 12;
    norm.tm_min = norm.tm_sec = 0;
    time_t t = timegm(&norm);
    struct tm g;
    gmtime_r(&t, &g);
    tm.tm_wday = g.tm_wday;
    tm.tm_yday = g.tm_yday;
    tm.tm_isdst = -1;
    tm.tm_zone = NULL;
    tm.tm_gmtoff = 0;
    Object *st = struct_time_from_tm(&tm);
    return st;
}

static MethodDef time_functions[] = {
    {"time", time_time, 0, "Seconds since the Epoch as a float."},
    {"time_ns", time_time_ns, 0, NULL},
    {"sleep", time_sleep, 0, "Delay execution for a number of seconds (releases the GIL)."},
    {"monotonic", time_monotonic, 0, NULL},
    {"monotonic_ns", time_monotonic_ns, 0, NULL},
    {"perf_counter", time_perf_counter, 0, NULL},
    {"perf_counter_ns", time_perf_counter_ns, 0, NULL},
    {"process_time", time_process_time, 0, NULL},
    {"process_time_ns", time_process_time_ns, 0, NULL},
    {"thread_time", time_thread_time, 0, NULL},
    {"thread_time_ns", time_thread_time_ns, 0, NULL},
    {"gmtime", time_gmtime, 0, NULL},
    {"localtime", time_localtime, 0, NULL},
    {"asctime", time_asctime, 0, NULL},
    {"ctime", time_ctime, 0, NULL},
    {"mktime", time_mktime, 0, NULL},
    {"strftime", time_strftime, 0, NULL},
    {"strptime", time_strptime, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static bool types_ready;

Object *mod_time_init(void) {
    if (!types_ready) {
        if (structseq_init_type(&StructTime_Type, &struct_time_desc) < 0) return NULL;
        types_ready = true;
    }
    Object *m = module_new("time");
    if (!m) return NULL;
    tzset();
    Object *tzn = NULL;
    Object *n0 = str_decode_utf8(tzname[0], strlen(tzname[0]), "replace");
    Object *n1 = str_decode_utf8(tzname[1], strlen(tzname[1]), "replace");
    if (n0 && n1) tzn = tuple_pack(2, n0, n1);
    XDECREF(n0);
    XDECREF(n1);
    int rc = tzn ? module_add(m, "tzname", tzn) : -1;
    XDECREF(tzn);
    if (rc < 0 || module_add_functions(m, time_functions) < 0 ||
        module_add_type(m, &StructTime_Type) < 0 ||
        module_add_int(m, "timezone", timezone) < 0 ||
        module_add_int(m, "altzone", daylight ? timezone - 3600 : timezone) < 0 ||
        module_add_int(m, "daylight", daylight) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
