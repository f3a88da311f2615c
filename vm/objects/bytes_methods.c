/* vm/objects/bytes_methods.c — the methods bytes and bytearray share
 * (decode, hex/fromhex, split, strip, find, replace, ASCII case mappings,
 * predicates, padding, translate ...).
 *
 * Every method reads `self` through bytes_like_buffer and builds results of
 * self's kind: bytes for bytes (and its subclasses), bytearray for bytearray.
 */
#include <stdio.h>
#include <string.h>

#include "vm/abstract.h"
#include "vm/args.h"
#include "vm/error.h"
#include "vm/objects/bytes.h"
#include "vm/objects/int.h"
#include "vm/objects/list.h"
#include "vm/objects/str.h"
#include "vm/objects/text.h"
#include "vm/objects/tuple.h"
#include "vm/objects/type.h"
#include "vm/strbuf.h"

#define KIND(self) (bytearray_check(self) ? "bytearray" : "bytes")

static inline void buf(Object *o, const char **d, intptr_t *n) {
    if (bytes_check(o)) {
        *d = BYTES_DATA(o);
        *n = BYTES_SIZE(o);
    } else {
        ByteArrayObject *ba = (ByteArrayObject *)o;
        *d = ba->data ? ba->data : "";
        *n = ba->size;
    }
}

/* A result of self's kind. */
static Object *like(Object *self, const char *d, intptr_t n) {
    if (bytearray_check(self)) return bytearray_from_buf(d, (size_t)n);
    return bytes_from_buf(d, (size_t)n);
}

static Object *like_sb(Object *self, StrBuf *sb) {
    Object *r = like(self, sb->data, (intptr_t)sb->len);
    strbuf_free(sb);
    return r;
}

/* The whole of self again (bytes: itself when exact). */
static Object *same(Object *self) {
    if (OBJ_TYPE(self) == &Bytes_Type) return NEWREF(self);
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    return like(self, d, n);
}

static bool bspace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c';
}
static bool blower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool bupper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool balpha(unsigned char c) { return blower(c) || bupper(c); }
static bool bdigit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool balnum(unsigned char c) { return balpha(c) || bdigit(c); }

static intptr_t bfind(const char *hay, intptr_t n, const char *needle, intptr_t m) {
    if (m == 0) return 0;
    if (m > n) return -1;
    const char *r = m == 1 ? memchr(hay, needle[0], (size_t)n)
                           : memmem(hay, (size_t)n, needle, (size_t)m);
    return r ? r - hay : -1;
}

static intptr_t brfind(const char *hay, intptr_t n, const char *needle, intptr_t m) {
    if (m == 0) return n;
    for (intptr_t i = n - m; i >= 0; i--)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)m) == 0) return i;
    return -1;
}

/* A "sub" argument: an int (one byte) or a bytes-like object. */
static int sub_arg(Object *o, char *one, const char **d, intptr_t *n) {
    if (int_check(o) || (!bytes_check(o) && !bytearray_check(o) && OBJ_TYPE(o)->nb_index)) {
        int v = bytes_item_value(o);
        if (v < 0) return -1;
        *one = (char)v;
        *d = one;
        *n = 1;
        return 0;
    }
    if (!bytes_check(o) && !bytearray_check(o)) {
        err_format(&Exc_TypeError, "argument should be integer or bytes-like object, not '%s'",
                   type_name(OBJ_TYPE(o)));
        return -1;
    }
    buf(o, d, n);
    return 0;
}

static int bytes_arg(Object *o, const char **d, intptr_t *n) { return bytes_like_buffer(o, d, n); }

static int slice_bound(Object *o, intptr_t *out) {
    if (o == None) return 0;
    if (!IS_SMALLINT(o) && !OBJ_TYPE(o)->nb_index) {
        err_format(&Exc_TypeError,
                   "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    intptr_t v = obj_as_ssize(o, NULL);
    if (v == -1 && err_occurred()) return -1;
    *out = v;
    return 0;
}

static int parse_range(const char *name, intptr_t len, Object *const *args, size_t nargs,
                       intptr_t *start, intptr_t *end) {
    if (nargs < 1 || nargs > 3) {
        err_format(&Exc_TypeError, nargs < 1 ? "%s() takes at least 1 argument (%zu given)"
                                             : "%s() takes at most 3 arguments (%zu given)",
                   name, nargs);
        return -1;
    }
    intptr_t a = 0, b = INTPTR_MAX;
    if (nargs > 1 && slice_bound(args[1], &a) < 0) return -1;
    if (nargs > 2 && slice_bound(args[2], &b) < 0) return -1;
    if (a < 0 && (a += len) < 0) a = 0;
    if (b > len) b = len;
    else if (b < 0 && (b += len) < 0) b = 0;
    *start = a;
    *end = b;
    return 0;
}

/* ---- searching --------------------------------------------------------------------- */

static intptr_t do_find(const char *name, Object *self, Object *const *args, size_t nargs,
                        bool reverse) {
    const char *d, *sd;
    intptr_t n, sn, start, end;
    char one;
    buf(self, &d, &n);
    if (parse_range(name, n, args, nargs, &start, &end) < 0) return -2;
    if (sub_arg(args[0], &one, &sd, &sn) < 0) return -2;
    if (start > n || end - start < sn) return -1;
    intptr_t r = reverse ? brfind(d + start, end - start, sd, sn)
                         : bfind(d + start, end - start, sd, sn);
    return r < 0 ? -1 : start + r;
}

static Object *b_find(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("find", self, args, nargs, false);
    return r == -2 ? NULL : int_from_ssize(r);
}
static Object *b_rfind(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("rfind", self, args, nargs, true);
    return r == -2 ? NULL : int_from_ssize(r);
}
static Object *b_index(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("index", self, args, nargs, false);
    if (r == -1) return err_format(&Exc_ValueError, "subsection not found");
    return r == -2 ? NULL : int_from_ssize(r);
}
static Object *b_rindex(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("rindex", self, args, nargs, true);
    if (r == -1) return err_format(&Exc_ValueError, "subsection not found");
    return r == -2 ? NULL : int_from_ssize(r);
}

static Object *b_count(Object *self, Object *const *args, size_t nargs, Object *kw) {
    const char *d, *sd;
    intptr_t n, sn, start, end;
    char one;
    buf(self, &d, &n);
    if (parse_range("count", n, args, nargs, &start, &end) < 0) return NULL;
    if (sub_arg(args[0], &one, &sd, &sn) < 0) return NULL;
    if (start > n || end < start) return int_from_ssize(0);
    if (sn == 0) return int_from_ssize(end - start + 1);
    intptr_t count = 0, i = start;
    for (;;) {
        intptr_t r = bfind(d + i, end - i, sd, sn);
        if (r < 0) break;
        count++;
        i += r + sn;
    }
    return int_from_ssize(count);
}

static Object *tail_match(const char *name, Object *self, Object *const *args, size_t nargs,
                          bool at_end) {
    const char *d;
    intptr_t n, start, end;
    buf(self, &d, &n);
    if (parse_range(name, n, args, nargs, &start, &end) < 0) return NULL;
    Object *sub = args[0];
    Object *const *cands = &sub;
    intptr_t ncands = 1;
    if (tuple_check(sub)) {
        cands = TUPLE_ITEMS(sub);
        ncands = TUPLE_SIZE(sub);
    } else if (!bytes_check(sub) && !bytearray_check(sub)) {
        return err_format(&Exc_TypeError,
                          "%s first arg must be bytes or a tuple of bytes, not %s", name,
                          type_name(OBJ_TYPE(sub)));
    }
    for (intptr_t k = 0; k < ncands; k++) {
        const char *sd;
        intptr_t sn;
        if (bytes_arg(cands[k], &sd, &sn) < 0) return NULL;
        if (start > n || end - start < sn) continue;
        const char *at = at_end ? d + end - sn : d + start;
        if (memcmp(at, sd, (size_t)sn) == 0) return bool_from(1);
    }
    return bool_from(0);
}

static Object *b_startswith(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return tail_match("startswith", self, args, nargs, false);
}
static Object *b_endswith(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return tail_match("endswith", self, args, nargs, true);
}

/* ---- split / join ------------------------------------------------------------------------ */

static int append_new(Object *list, Object *item) {
    if (!item) return -1;
    int rc = list_append(list, item);
    DECREF(item);
    return rc;
}

static void list_reverse_items(Object *list) {
    intptr_t n = LIST_SIZE(list);
    for (intptr_t k = 0; k < n / 2; k++) {
        Object *t = LIST_ITEMS(list)[k];
        LIST_ITEMS(list)[k] = LIST_ITEMS(list)[n - 1 - k];
        LIST_ITEMS(list)[n - 1 - k] = t;
    }
}

static Object *do_split(const char *name, Object *self, Object *const *args, size_t nargs,
                        Object *kwnames, bool reverse) {
    static const char *const kwlist[] = {"sep", "maxsplit", NULL};
    Object *sep = None;
    intptr_t maxsplit = -1;
    char fmt[32];
    snprintf(fmt, sizeof fmt, "|On:%s", name);
    if ((nargs || kwnames) && args_parse(args, nargs, kwnames, fmt, kwlist, &sep, &maxsplit) < 0)
        return NULL;
    if (maxsplit < 0) maxsplit = INTPTR_MAX;
    const char *d, *sd = NULL;
    intptr_t n, sn = 0;
    buf(self, &d, &n);
    if (sep != None) {
        if (bytes_arg(sep, &sd, &sn) < 0) return NULL;
        if (sn == 0) return err_format(&Exc_ValueError, "empty separator");
    }
    Object *list = list_new(0);
    if (!list) return NULL;
    if (sep == None && !reverse) {
        intptr_t i = 0;
        while (i < n) {
            while (i < n && bspace((unsigned char)d[i])) i++;
            if (i >= n) break;
            if (maxsplit-- <= 0) {
                if (append_new(list, like(self, d + i, n - i)) < 0) goto fail;
                break;
            }
            intptr_t j = i;
            while (j < n && !bspace((unsigned char)d[j])) j++;
            if (append_new(list, like(self, d + i, j - i)) < 0) goto fail;
            i = j;
        }
    } else if (sep == None) {
        intptr_t e = n;
        while (e > 0) {
            while (e > 0 && bspace((unsigned char)d[e - 1])) e--;
            if (e <= 0) break;
            if (maxsplit-- <= 0) {
                if (append_new(list, like(self, d, e)) < 0) goto fail;
                break;
            }
            intptr_t j = e;
            while (j > 0 && !bspace((unsigned char)d[j - 1])) j--;
            if (append_new(list, like(self, d + j, e - j)) < 0) goto fail;
            e = j;
        }
        list_reverse_items(list);
    } else if (!reverse) {
        intptr_t i = 0;
        while (maxsplit-- > 0) {
            intptr_t r = bfind(d + i, n - i, sd, sn);
            if (r < 0) break;
            if (append_new(list, like(self, d + i, r)) < 0) goto fail;
            i += r + sn;
        }
        if (append_new(list, like(self, d + i, n - i)) < 0) goto fail;
    } else {
        intptr_t e = n;
        while (maxsplit-- > 0) {
            intptr_t r = brfind(d, e, sd, sn);
            if (r < 0) break;
            if (append_new(list, like(self, d + r + sn, e - r - sn)) < 0) goto fail;
            e = r;
        }
        if (append_new(list, like(self, d, e)) < 0) goto fail;
        list_reverse_items(list);
    }
    return list;
fail:
    DECREF(list);
    return NULL;
}

static Object *b_split(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return do_split("split", self, args, nargs, kwnames, false);
}
static Object *b_rsplit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return do_split("rsplit", self, args, nargs, kwnames, true);
}

static Object *b_splitlines(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"keepends", NULL};
    int keepends = 0;
    if ((nargs || kwnames) &&
        args_parse(args, nargs, kwnames, "|i:splitlines", kwlist, &keepends) < 0)
        return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    Object *list = list_new(0);
    if (!list) return NULL;
    intptr_t i = 0;
    while (i < n) {
        intptr_t j = i;
        while (j < n && d[j] != '\n' && d[j] != '\r') j++;
        intptr_t eol = j;
        if (j < n) {
            j += (d[j] == '\r' && j + 1 < n && d[j + 1] == '\n') ? 2 : 1;
            if (keepends) eol = j;
        }
        if (append_new(list, like(self, d + i, eol - i)) < 0) {
            DECREF(list);
            return NULL;
        }
        i = j;
    }
    return list;
}

static Object *b_join(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg(KIND(self), "join", nargs) < 0) return NULL;
    Object *seq = list_from_iterable(args[0]);
    if (!seq) {
        if (err_matches(&Exc_TypeError) && !OBJ_TYPE(args[0])->iter &&
            !OBJ_TYPE(args[0])->getitem) {
            err_clear();
            err_format(&Exc_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    const char *sepd;
    intptr_t sepn;
    buf(self, &sepd, &sepn);
    StrBuf sb;
    strbuf_init(&sb);
    for (intptr_t k = 0; k < LIST_SIZE(seq); k++) {
        Object *x = LIST_GET(seq, k);
        if (!bytes_check(x) && !bytearray_check(x)) {
            err_format(&Exc_TypeError, "sequence item %zd: expected a bytes-like object, %s found",
                       (ssize_t)k, type_name(OBJ_TYPE(x)));
            goto fail;
        }
        const char *xd;
        intptr_t xn;
        buf(x, &xd, &xn);
        if ((k && strbuf_append(&sb, sepd, (size_t)sepn) < 0) ||
            strbuf_append(&sb, xd, (size_t)xn) < 0)
            goto fail;
    }
    DECREF(seq);
    return like_sb(self, &sb);
fail:
    DECREF(seq);
    strbuf_free(&sb);
    return NULL;
}

static Object *partition(const char *name, Object *self, Object *const *args, size_t nargs,
                         bool reverse) {
    if (text_one_arg(KIND(self), name, nargs) < 0) return NULL;
    const char *d, *sd;
    intptr_t n, sn;
    buf(self, &d, &n);
    if (bytes_arg(args[0], &sd, &sn) < 0) return NULL;
    if (sn == 0) return err_format(&Exc_ValueError, "empty separator");
    intptr_t r = reverse ? brfind(d, n, sd, sn) : bfind(d, n, sd, sn);
    Object *a, *b, *c;
    if (r < 0) {
        a = reverse ? like(self, "", 0) : like(self, d, n);
        b = like(self, "", 0);
        c = reverse ? like(self, d, n) : like(self, "", 0);
    } else {
        a = like(self, d, r);
        b = like(self, sd, sn);
        c = like(self, d + r + sn, n - r - sn);
    }
    Object *t = NULL;
    if (a && b && c) t = tuple_pack(3, a, b, c);
    XDECREF(a);
    XDECREF(b);
    XDECREF(c);
    return t;
}

static Object *b_partition(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return partition("partition", self, args, nargs, false);
}
static Object *b_rpartition(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return partition("rpartition", self, args, nargs, true);
}

/* ---- strip / affixes / replace ------------------------------------------------------------ */

static Object *do_strip(const char *name, Object *self, Object *const *args, size_t nargs,
                        bool left, bool right) {
    if (args_count(name, nargs, 0, 1) < 0) return NULL;
    const char *d, *cd = NULL;
    intptr_t n, cn = 0;
    buf(self, &d, &n);
    if (nargs == 1 && args[0] != None && bytes_arg(args[0], &cd, &cn) < 0) return NULL;
    intptr_t i = 0, e = n;
#define STRIPPED(c) (cd ? memchr(cd, (c), (size_t)cn) != NULL : bspace((unsigned char)(c)))
    if (left)
        while (i < e && STRIPPED(d[i])) i++;
    if (right)
        while (e > i && STRIPPED(d[e - 1])) e--;
#undef STRIPPED
    if (i == 0 && e == n) return same(self);
    return like(self, d + i, e - i);
}

static Object *b_strip(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return do_strip("strip", self, args, nargs, true, true);
}
static Object *b_lstrip(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return do_strip("lstrip", self, args, nargs, true, false);
}
static Object *b_rstrip(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return do_strip("rstrip", self, args, nargs, false, true);
}

static Object *affix(const char *name, Object *self, Object *const *args, size_t nargs,
                     bool suffix) {
    if (text_one_arg(KIND(self), name, nargs) < 0) return NULL;
    const char *d, *ad;
    intptr_t n, an;
    buf(self, &d, &n);
    if (bytes_arg(args[0], &ad, &an) < 0) return NULL;
    if (an > 0 && an <= n && memcmp(suffix ? d + n - an : d, ad, (size_t)an) == 0)
        return like(self, suffix ? d : d + an, n - an);
    return same(self);
}

static Object *b_removeprefix(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return affix("removeprefix", self, args, nargs, false);
}
static Object *b_removesuffix(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return affix("removesuffix", self, args, nargs, true);
}

static Object *b_replace(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("replace", nargs, 2, 3) < 0) return NULL;
    const char *d, *od, *nd;
    intptr_t n, on, nn;
    buf(self, &d, &n);
    if (bytes_arg(args[0], &od, &on) < 0 || bytes_arg(args[1], &nd, &nn) < 0) return NULL;
    intptr_t count = INTPTR_MAX;
    if (nargs == 3) {
        count = obj_as_ssize(args[2], &Exc_OverflowError);
        if (count == -1 && err_occurred()) return NULL;
        if (count < 0) count = INTPTR_MAX;
    }
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t i = 0;
    if (on == 0) {
        intptr_t done = 0;
        while (done < count && i <= n) {
            if (strbuf_append(&sb, nd, (size_t)nn) < 0) goto fail;
            done++;
            if (i == n) {
                i++;
                break;
            }
            if (strbuf_append_char(&sb, d[i++]) < 0) goto fail;
        }
        if (i < n && strbuf_append(&sb, d + i, (size_t)(n - i)) < 0) goto fail;
        return like_sb(self, &sb);
    }
    while (count-- > 0) {
        intptr_t r = bfind(d + i, n - i, od, on);
        if (r < 0) break;
        if (strbuf_append(&sb, d + i, (size_t)r) < 0 || strbuf_append(&sb, nd, (size_t)nn) < 0)
            goto fail;
        i += r + on;
    }
    if (strbuf_append(&sb, d + i, (size_t)(n - i)) < 0) goto fail;
    return like_sb(self, &sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

/* ---- case mappings and predicates (ASCII only, as in CPython) ------------------------------- */

enum { MAP_UPPER, MAP_LOWER, MAP_SWAP, MAP_TITLE, MAP_CAPITALIZE };

static Object *case_map(Object *self, int how) {
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    char *tmp = mem_alloc((size_t)n + 1);
    if (!tmp) return NULL;
    bool prev_cased = false;
    for (intptr_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        bool up = bupper(c), lo = blower(c), to_upper;
        switch (how) {
        case MAP_UPPER: to_upper = true; break;
        case MAP_SWAP: to_upper = lo; break;
        case MAP_TITLE: to_upper = !prev_cased; break;
        case MAP_CAPITALIZE: to_upper = i == 0; break;
        default: to_upper = false; break;
        }
        if (to_upper && lo) c = (unsigned char)(c - 32);
        else if (!to_upper && up) c = (unsigned char)(c + 32);
        tmp[i] = (char)c;
        prev_cased = up || lo;
    }
    Object *r = like(self, tmp, n);
    mem_free(tmp);
    return r;
}

#define CASE_METHOD(name, how)                                                     \
    static Object *b_##name(Object *self, Object *const *a, size_t n, Object *kw) { \
        if (args_count(#name, n, 0, 0) < 0) return NULL;                           \
        return case_map(self, how);                                                 \
    }
CASE_METHOD(upper, MAP_UPPER)
CASE_METHOD(lower, MAP_LOWER)
CASE_METHOD(swapcase, MAP_SWAP)
CASE_METHOD(title, MAP_TITLE)
CASE_METHOD(capitalize, MAP_CAPITALIZE)

static Object *all_bytes(Object *self, bool (*pred)(unsigned char)) {
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    if (n == 0) return bool_from(0);
    for (intptr_t i = 0; i < n; i++)
        if (!pred((unsigned char)d[i])) return bool_from(0);
    return bool_from(1);
}

#define PRED_METHOD(name, pred)                                                    \
    static Object *b_##name(Object *self, Object *const *a, size_t n, Object *kw) { \
        if (args_count(#name, n, 0, 0) < 0) return NULL;                           \
        return all_bytes(self, pred);                                               \
    }
PRED_METHOD(isdigit, bdigit)
PRED_METHOD(isalpha, balpha)
PRED_METHOD(isalnum, balnum)
PRED_METHOD(isspace, bspace)

static Object *b_isascii(Object *self, Object *const *a, size_t nargs, Object *kw) {
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    for (intptr_t i = 0; i < n; i++)
        if ((unsigned char)d[i] >= 128) return bool_from(0);
    return bool_from(1);
}

static Object *cased_check(Object *self, bool want_upper) {
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    bool cased = false;
    for (intptr_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        if (want_upper ? blower(c) : bupper(c)) return bool_from(0);
        if (want_upper ? bupper(c) : blower(c)) cased = true;
    }
    return bool_from(cased);
}

static Object *b_isupper(Object *self, Object *const *a, size_t n, Object *kw) {
    return cased_check(self, true);
}
static Object *b_islower(Object *self, Object *const *a, size_t n, Object *kw) {
    return cased_check(self, false);
}

static Object *b_istitle(Object *self, Object *const *a, size_t nargs, Object *kw) {
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    bool cased = false, prev = false;
    for (intptr_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        if (bupper(c)) {
            if (prev) return bool_from(0);
            prev = cased = true;
        } else if (blower(c)) {
            if (!prev) return bool_from(0);
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return bool_from(cased);
}

/* ---- padding --------------------------------------------------------------------------------- */

static int pad_args(const char *name, Object *const *args, size_t nargs, intptr_t *width,
                    char *fill) {
    if (args_count(name, nargs, 1, 2) < 0) return -1;
    *width = obj_as_ssize(args[0], &Exc_OverflowError);
    if (*width == -1 && err_occurred()) return -1;
    *fill = ' ';
    if (nargs == 2) {
        const char *fd;
        intptr_t fn;
        if ((!bytes_check(args[1]) && !bytearray_check(args[1])) ||
            (buf(args[1], &fd, &fn), fn != 1)) {
            err_format(&Exc_TypeError,
                       "%s() argument 2 must be a byte string of length 1, not %s", name,
                       text_type_desc(args[1]));
            return -1;
        }
        *fill = fd[0];
    }
    return 0;
}

static Object *pad(Object *self, intptr_t left, intptr_t right, char fill) {
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    if (left <= 0 && right <= 0) return same(self);
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    char *tmp = mem_alloc((size_t)(left + n + right) + 1);
    if (!tmp) return NULL;
    memset(tmp, fill, (size_t)left);
    memcpy(tmp + left, d, (size_t)n);
    memset(tmp + left + n, fill, (size_t)right);
    Object *r = like(self, tmp, left + n + right);
    mem_free(tmp);
    return r;
}

static Object *b_ljust(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t w;
    char f;
    if (pad_args("ljust", args, nargs, &w, &f) < 0) return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    return pad(self, 0, w - n, f);
}
static Object *b_rjust(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t w;
    char f;
    if (pad_args("rjust", args, nargs, &w, &f) < 0) return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    return pad(self, w - n, 0, f);
}
static Object *b_center(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t w;
    char f;
    if (pad_args("center", args, nargs, &w, &f) < 0) return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    intptr_t marg = w - n;
    if (marg <= 0) return same(self);
    intptr_t left = marg / 2 + (marg & w & 1);
    return pad(self, left, marg - left, f);
}

static Object *b_zfill(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg(KIND(self), "zfill", nargs) < 0) return NULL;
    intptr_t w = obj_as_ssize(args[0], &Exc_OverflowError);
    if (w == -1 && err_occurred()) return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    if (w <= n) return same(self);
    intptr_t fill = w - n;
    char *tmp = mem_alloc((size_t)w + 1);
    if (!tmp) return NULL;
    memset(tmp, '0', (size_t)fill);
    memcpy(tmp + fill, d, (size_t)n);
    if (n && (d[0] == '+' || d[0] == '-')) {
        tmp[0] = d[0];
        tmp[fill] = '0';
    }
    Object *r = like(self, tmp, w);
    mem_free(tmp);
    return r;
}

static Object *b_expandtabs(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"tabsize", NULL};
    int tabsize = 8;
    if ((nargs || kwnames) &&
        args_parse(args, nargs, kwnames, "|i:expandtabs", kwlist, &tabsize) < 0)
        return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t col = 0;
    for (intptr_t i = 0; i < n; i++) {
        int rc = 0;
        if (d[i] == '\t') {
            if (tabsize > 0) {
                intptr_t sp = tabsize - col % tabsize;
                for (intptr_t k = 0; k < sp && !rc; k++) rc = strbuf_append_char(&sb, ' ');
                col += sp;
            }
        } else {
            rc = strbuf_append_char(&sb, d[i]);
            col = (d[i] == '\n' || d[i] == '\r') ? 0 : col + 1;
        }
        if (rc < 0) {
            strbuf_free(&sb);
            return NULL;
        }
    }
    return like_sb(self, &sb);
}

/* ---- translate / decode / hex ------------------------------------------------------------- */

static Object *b_maketrans(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("maketrans", nargs, 2, 2) < 0) return NULL;
    const char *fd, *td;
    intptr_t fn, tn;
    if (bytes_arg(args[0], &fd, &fn) < 0 || bytes_arg(args[1], &td, &tn) < 0) return NULL;
    if (fn != tn) return err_format(&Exc_ValueError, "maketrans arguments must have same length");
    char table[256];
    for (int k = 0; k < 256; k++) table[k] = (char)k;
    for (intptr_t k = 0; k < fn; k++) table[(unsigned char)fd[k]] = td[k];
    return bytes_from_buf(table, 256);
}

static Object *b_translate(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"", "delete", NULL};
    Object *table, *del = NULL;
    if (args_parse(args, nargs, kwnames, "O|O:translate", kwlist, &table, &del) < 0)
        return NULL;
    const char *td = NULL, *dd = "";
    intptr_t tn = 0, dn = 0;
    if (table != None) {
        if (bytes_arg(table, &td, &tn) < 0) return NULL;
        if (tn != 256)
            return err_format(&Exc_ValueError, "translation table must be 256 characters long");
    }
    if (del && bytes_arg(del, &dd, &dn) < 0) return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    StrBuf sb;
    strbuf_init(&sb);
    for (intptr_t i = 0; i < n; i++) {
        if (dn && memchr(dd, d[i], (size_t)dn)) continue;
        char c = td ? td[(unsigned char)d[i]] : d[i];
        if (strbuf_append_char(&sb, c) < 0) {
            strbuf_free(&sb);
            return NULL;
        }
    }
    return like_sb(self, &sb);
}

static Object *b_decode(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"encoding", "errors", NULL};
    const char *encoding = "utf-8", *errors = "strict";
    if ((nargs || kwnames) &&
        args_parse(args, nargs, kwnames, "|ss:decode", kwlist, &encoding, &errors) < 0)
        return NULL;
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    return bytes_decode(d, n, encoding, errors);
}

static Object *b_hex(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *const kwlist[] = {"sep", "bytes_per_sep", NULL};
    Object *sep = NULL;
    int per = 1;
    if ((nargs || kwnames) && args_parse(args, nargs, kwnames, "|Oi:hex", kwlist, &sep, &per) < 0)
        return NULL;
    char sepc = 0;
    if (sep && sep != None) {
        const char *sd;
        intptr_t sn;
        if (str_check(sep)) {
            sd = STR_DATA(sep);
            sn = STR_LENGTH(sep) == 1 && STR_SIZE(sep) == 1 ? 1 : -1;
        } else if (bytes_check(sep)) {
            buf(sep, &sd, &sn);
        } else {
            return err_format(&Exc_TypeError, "sep must be str or bytes.");
        }
        if (sn != 1) return err_format(&Exc_ValueError, "sep must be length 1.");
        sepc = sd[0];
    }
    const char *d;
    intptr_t n;
    buf(self, &d, &n);
    static const char hexd[] = "0123456789abcdef";
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t group = per < 0 ? -(intptr_t)per : per;
    for (intptr_t i = 0; i < n; i++) {
        if (sepc && group > 0 && i > 0) {
            /* positive: groups counted from the right; negative: from the left */
            bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (boundary && strbuf_append_char(&sb, sepc) < 0) goto fail;
        }
        unsigned char c = (unsigned char)d[i];
        if (strbuf_append_char(&sb, hexd[c >> 4]) < 0 || strbuf_append_char(&sb, hexd[c & 15]) < 0)
            goto fail;
    }
    return strbuf_finish(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static Object *b_fromhex(Object *cls, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg(type_is_subtype((TypeObject *)cls, &ByteArray_Type) ? "bytearray" : "bytes", "fromhex", nargs) < 0) return NULL;
    Object *s = args[0];
    if (!str_check(s))
        return err_format(&Exc_TypeError, "fromhex() argument must be str, not %s",
                          text_type_desc(s));
    const unsigned char *p = (const unsigned char *)STR_DATA(s);
    intptr_t n = STR_SIZE(s);
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t i = 0;
    while (i < n) {
        if (bspace(p[i])) {
            i++;
            continue;
        }
        int hi = hexval(p[i]);
        int lo = i + 1 < n ? hexval(p[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            intptr_t pos = hi < 0 ? i : i + 1;
            strbuf_free(&sb);
            return err_format(&Exc_ValueError,
                              "non-hexadecimal number found in fromhex() arg at position %zd",
                              (ssize_t)str_cp_index(s, pos));
        }
        if (strbuf_append_char(&sb, (char)(hi * 16 + lo)) < 0) {
            strbuf_free(&sb);
            return NULL;
        }
        i += 2;
    }
    TypeObject *type = (TypeObject *)cls;
    Object *r;
    if (type_is_subtype(type, &ByteArray_Type)) r = bytearray_from_buf(sb.data, sb.len);
    else r = bytes_from_buf(sb.data, sb.len);
    strbuf_free(&sb);
    if (!r || type == &Bytes_Type || type == &ByteArray_Type) return r;
    Object *sub = obj_call1(cls, r);   /* subclasses: cls(result), as CPython */
    DECREF(r);
    return sub;
}

static MethodDef bytes_common_methods[] = {
    {"decode", b_decode, METH_KW, NULL},
    {"hex", b_hex, METH_KW, NULL},
    {"fromhex", b_fromhex, METH_CLASS, NULL},
    {"maketrans", b_maketrans, METH_STATIC, NULL},
    {"translate", b_translate, METH_KW, NULL},
    {"split", b_split, METH_KW, NULL},
    {"rsplit", b_rsplit, METH_KW, NULL},
    {"splitlines", b_splitlines, METH_KW, NULL},
    {"join", b_join, 0, NULL},
    {"strip", b_strip, 0, NULL},
    {"lstrip", b_lstrip, 0, NULL},
    {"rstrip", b_rstrip, 0, NULL},
    {"startswith", b_startswith, 0, NULL},
    {"endswith", b_endswith, 0, NULL},
    {"find", b_find, 0, NULL},
    {"rfind", b_rfind, 0, NULL},
    {"index", b_index, 0, NULL},
    {"rindex", b_rindex, 0, NULL},
    {"count", b_count, 0, NULL},
    {"replace", b_replace, 0, NULL},
    {"partition", b_partition, 0, NULL},
    {"rpartition", b_rpartition, 0, NULL},
    {"removeprefix", b_removeprefix, 0, NULL},
    {"removesuffix", b_removesuffix, 0, NULL},
    {"upper", b_upper, 0, NULL},
    {"lower", b_lower, 0, NULL},
    {"swapcase", b_swapcase, 0, NULL},
    {"title", b_title, 0, NULL},
    {"capitalize", b_capitalize, 0, NULL},
    {"isdigit", b_isdigit, 0, NULL},
    {"isalpha", b_isalpha, 0, NULL},
    {"isalnum", b_isalnum, 0, NULL},
    {"isspace", b_isspace, 0, NULL},
    {"isascii", b_isascii, 0, NULL},
    {"isupper", b_isupper, 0, NULL},
    {"islower", b_islower, 0, NULL},
    {"istitle", b_istitle, 0, NULL},
    {"center", b_center, 0, NULL},
    {"ljust", b_ljust, 0, NULL},
    {"rjust", b_rjust, 0, NULL},
    {"zfill", b_zfill, 0, NULL},
    {"expandtabs", b_expandtabs, METH_KW, NULL},
    {NULL, NULL, 0, NULL},
};

MethodDef *bytes_methods_concat(const MethodDef *own) {
    size_t a = 0, b = 0;
    while (bytes_common_methods[a].name) a++;
    while (own[b].name) b++;
    MethodDef *t = mem_alloc((a + b + 1) * sizeof(MethodDef));
    if (!t) return bytes_common_methods;
    memcpy(t, bytes_common_methods, a * sizeof(MethodDef));
    memcpy(t + a, own, (b + 1) * sizeof(MethodDef));
    return t;
}
