/* vm/objects/str_methods.c — the methods of str (split, strip, find,
 * replace, case mappings, predicates, padding, translate ...).
 *
 * Searching works on the UTF-8 bytes (UTF-8 is self-synchronising, so a
 * byte match is a code point match); positions given to or returned to
 * Python are converted between code points and bytes at the edges.  ASCII
 * strings skip every conversion.
 */
#include <stdio.h>
#include <string.h>

#include "vm/abstract.h"
#include "vm/args.h"
#include "vm/error.h"
#include "vm/format.h"
#include "vm/objects/dict.h"
#include "vm/objects/int.h"
#include "vm/objects/list.h"
#include "vm/objects/str.h"
#include "vm/objects/text.h"
#include "vm/objects/tuple.h"
#include "vm/objects/type.h"
#include "vm/strbuf.h"

#define STR(o) ((StrObject *)(o))
#define UDATA(s) ((const unsigned char *)STR_DATA(s))

/* The substring of s between byte offsets b0 and b1 (a new str). */
static Object *sub_b(Object *s, intptr_t b0, intptr_t b1) {
    if (b0 == 0 && b1 == STR_SIZE(s) && str_check_exact(s)) return NEWREF(s);
    if (STR(s)->ascii) return str_from_utf8_len(STR_DATA(s) + b0, (size_t)(b1 - b0), b1 - b0);
    return str_from_utf8(STR_DATA(s) + b0, (size_t)(b1 - b0));
}

static inline uint32_t cp_at(Object *s, intptr_t off, int *len) {
    return utf8_decode(UDATA(s) + off, len);
}

/* Code point ending at byte offset off (off > 0); sets *start to its offset. */
static inline uint32_t cp_before(Object *s, intptr_t off, intptr_t *start) {
    const unsigned char *p = UDATA(s);
    intptr_t b = off - 1;
    while (b > 0 && (p[b] & 0xC0) == 0x80) b--;
    int len;
    *start = b;
    return utf8_decode(p + b, &len);
}

static int check_nargs(const char *name, size_t nargs, size_t min, size_t max) {
    if (nargs < min) {
        err_format(&Exc_TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
                   min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        err_format(&Exc_TypeError, "%s expected at most %zu argument%s, got %zu", name, max,
                   max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* A slice bound argument: None or an __index__ object, clamped. */
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

/* Parse (sub[, start[, end]]) for find & co.  The range comes back in code
 * points, adjusted like a slice but not clamped above (start may exceed
 * the length, which some methods care about). */
static int parse_sub_range(const char *name, Object *self, Object *const *args, size_t nargs,
                           Object **sub, intptr_t *start, intptr_t *end) {
    if (nargs < 1 || nargs > 3) {
        err_format(&Exc_TypeError, nargs < 1 ? "%s() takes at least 1 argument (%zu given)"
                                             : "%s() takes at most 3 arguments (%zu given)",
                   name, nargs);
        return -1;
    }
    *sub = args[0];
    intptr_t len = STR_LENGTH(self), a = 0, b = INTPTR_MAX;
    if (nargs > 1 && slice_bound(args[1], &a) < 0) return -1;
    if (nargs > 2 && slice_bound(args[2], &b) < 0) return -1;
    if (a < 0) {
        a += len;
        if (a < 0) a = 0;
    }
    if (b > len) b = len;
    else if (b < 0) {
        b += len;
        if (b < 0) b = 0;
    }
    *start = a;
    *end = b;
    return 0;
}

int text_one_arg(const char *type, const char *name, size_t nargs) {
    if (nargs == 1) return 0;
    err_format(&Exc_TypeError, "%s.%s() takes exactly one argument (%zu given)", type, name,
               nargs);
    return -1;
}

const char *text_type_desc(Object *o) { return o == None ? "None" : type_name(OBJ_TYPE(o)); }

/* ---- searching --------------------------------------------------------------------- */

/* Find needle in hay[0..n) from the left / right: offset or -1. */
static intptr_t bfind(const char *hay, intptr_t n, const char *needle, intptr_t m) {
    if (m == 0) return 0;
    if (m > n) return -1;
    const char *r = m == 1 ? memchr(hay, needle[0], (size_t)n)
                           : memmem(hay, (size_t)n, needle, (size_t)m);
    return r ? r - hay : -1;
}

static intptr_t brfind(const char *hay, intptr_t n, const char *needle, intptr_t m) {
    if (m == 0) return n;
    if (m > n) return -1;
    if (m == 1) {
        const char *r = memrchr(hay, needle[0], (size_t)n);
        return r ? r - hay : -1;
    }
    for (intptr_t i = n - m; i >= 0; i--)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)m) == 0) return i;
    return -1;
}

static intptr_t bcount(const char *hay, intptr_t n, const char *needle, intptr_t m,
                       intptr_t maxcount) {
    intptr_t count = 0, i = 0;
    while (count < maxcount) {
        intptr_t r = bfind(hay + i, n - i, needle, m);
        if (r < 0) break;
        count++;
        i += r + m;
    }
    return count;
}

/* Shared body of find/rfind/index/rindex: code point index or -1; -2 error. */
static intptr_t do_find(const char *name, Object *self, Object *const *args, size_t nargs,
                        bool reverse) {
    Object *sub;
    intptr_t start, end;
    if (parse_sub_range(name, self, args, nargs, &sub, &start, &end) < 0) return -2;
    if (!str_check(sub)) {
        err_format(&Exc_TypeError, "must be str, not %s", type_name(OBJ_TYPE(sub)));
        return -2;
    }
    if (start > STR_LENGTH(self) || end - start < STR_LENGTH(sub)) return -1;
    intptr_t b0 = str_byte_offset(self, start), b1 = str_byte_offset(self, end);
    intptr_t r = reverse ? brfind(STR_DATA(self) + b0, b1 - b0, STR_DATA(sub), STR_SIZE(sub))
                         : bfind(STR_DATA(self) + b0, b1 - b0, STR_DATA(sub), STR_SIZE(sub));
    if (r < 0) return -1;
    return start + (STR(self)->ascii ? r : utf8_count(STR_DATA(self) + b0, (size_t)r));
}

static Object *str_find(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("find", self, args, nargs, false);
    return r == -2 ? NULL : int_from_ssize(r);
}
static Object *str_rfind(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("rfind", self, args, nargs, true);
    return r == -2 ? NULL : int_from_ssize(r);
}
static Object *str_index(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("index", self, args, nargs, false);
    if (r == -1) return err_format(&Exc_ValueError, "substring not found");
    return r == -2 ? NULL : int_from_ssize(r);
}
static Object *str_rindex(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t r = do_find("rindex", self, args, nargs, true);
    if (r == -1) return err_format(&Exc_ValueError, "substring not found");
    return r == -2 ? NULL : int_from_ssize(r);
}

static Object *str_count(Object *self, Object *const *args, size_t nargs, Object *kw) {
    Object *sub;
    intptr_t start, end;
    if (parse_sub_range("count", self, args, nargs, &sub, &start, &end) < 0) return NULL;
    if (!str_check(sub))
        return err_format(&Exc_TypeError, "must be str, not %s", type_name(OBJ_TYPE(sub)));
    if (start > STR_LENGTH(self) || end < start) return int_from_ssize(0);
    if (STR_SIZE(sub) == 0) return int_from_ssize(end - start + 1);
    intptr_t b0 = str_byte_offset(self, start), b1 = str_byte_offset(self, end);
    return int_from_ssize(
        bcount(STR_DATA(self) + b0, b1 - b0, STR_DATA(sub), STR_SIZE(sub), INTPTR_MAX));
}

/* startswith / endswith */
static Object *tail_match(const char *name, Object *self, Object *const *args, size_t nargs,
                          bool at_end) {
    Object *sub;
    intptr_t start, end;
    if (parse_sub_range(name, self, args, nargs, &sub, &start, &end) < 0) return NULL;
    Object *const *cands = &sub;
    intptr_t ncands = 1;
    if (tuple_check(sub)) {
        cands = TUPLE_ITEMS(sub);
        ncands = TUPLE_SIZE(sub);
    } else if (!str_check(sub)) {
        return err_format(&Exc_TypeError, "%s first arg must be str or a tuple of str, not %s",
                          name, type_name(OBJ_TYPE(sub)));
    }
    for (intptr_t k = 0; k < ncands; k++) {
        Object *c = cands[k];
        if (!str_check(c))
            return err_format(&Exc_TypeError, "tuple for %s must only contain str, not %s",
                              name, type_name(OBJ_TYPE(c)));
        if (start > STR_LENGTH(self) || end - start < STR_LENGTH(c)) continue;
        intptr_t b0 = str_byte_offset(self, start), b1 = str_byte_offset(self, end);
        intptr_t m = STR_SIZE(c);
        if (m > b1 - b0) continue;
        const char *at = at_end ? STR_DATA(self) + b1 - m : STR_DATA(self) + b0;
        if (memcmp(at, STR_DATA(c), (size_t)m) == 0) return bool_from(1);
    }
    return bool_from(0);
}

static Object *str_startswith(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return tail_match("startswith", self, args, nargs, false);
}
static Object *str_endswith(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return tail_match("endswith", self, args, nargs, true);
}

/* ---- splitting ------------------------------------------------------------------------ */

static int append_new(Object *list, Object *item) {
    if (!item) return -1;
    int rc = list_append(list, item);
    DECREF(item);
    return rc;
}

static int parse_split_args(const char *name, Object *const *args, size_t nargs,
                            Object *kwnames, Object **sep, intptr_t *maxsplit) {
    static const char *const kwlist[] = {"sep", "maxsplit", NULL};
    *sep = None;
    *maxsplit = INTPTR_MAX;
    if (nargs == 0 && !kwnames) return 0;
    *maxsplit = -1;
    char fmt[32];
    snprintf(fmt, sizeof fmt, "|On:%s", name);
    if (args_parse(args, nargs, kwnames, fmt, kwlist, sep, maxsplit) < 0) return -1;
    if (*sep != None && !str_check(*sep)) {
        err_format(&Exc_TypeError, "must be str or None, not %s", type_name(OBJ_TYPE(*sep)));
        return -1;
    }
    if (*maxsplit < 0) *maxsplit = INTPTR_MAX;
    return 0;
}

static Object *split_whitespace(Object *s, intptr_t maxsplit) {
    Object *list = list_new(0);
    if (!list) return NULL;
    intptr_t i = 0, n = STR_SIZE(s);
    int len;
    while (i < n) {
        while (i < n && uni_isspace(cp_at(s, i, &len))) i += len;
        if (i >= n) break;
        if (maxsplit-- <= 0) {
            /* the rest, as is (trailing whitespace kept) */
            if (append_new(list, sub_b(s, i, n)) < 0) goto fail;
            break;
        }
        intptr_t j = i;
        while (j < n && !uni_isspace(cp_at(s, j, &len))) j += len;
        if (append_new(list, sub_b(s, i, j)) < 0) goto fail;
        i = j;
    }
    return list;
fail:
    DECREF(list);
    return NULL;
}

static Object *rsplit_whitespace(Object *s, intptr_t maxsplit) {
    Object *list = list_new(0);
    if (!list) return NULL;
    intptr_t e = STR_SIZE(s), b;
    while (e > 0) {
        while (e > 0 && uni_isspace(cp_before(s, e, &b))) e = b;
        if (e <= 0) break;
        if (maxsplit-- <= 0) {
            if (append_new(list, sub_b(s, 0, e)) < 0) goto fail;
            break;
        }
        intptr_t j = e;
        while (j > 0 && !uni_isspace(cp_before(s, j, &b))) j = b;
        if (append_new(list, sub_b(s, j, e)) < 0) goto fail;
        e = j;
    }
    /* collected right to left */
    intptr_t n = LIST_SIZE(list);
    for (intptr_t k = 0; k < n / 2; k++) {
        Object *t = LIST_ITEMS(list)[k];
        LIST_ITEMS(list)[k] = LIST_ITEMS(list)[n - 1 - k];
        LIST_ITEMS(list)[n - 1 - k] = t;
    }
    return list;
fail:
    DECREF(list);
    return NULL;
}

static Object *str_split(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *sep;
    intptr_t maxsplit;
    if (parse_split_args("split", args, nargs, kwnames, &sep, &maxsplit) < 0) return NULL;
    if (sep == None) return split_whitespace(self, maxsplit);
    intptr_t m = STR_SIZE(sep), n = STR_SIZE(self), i = 0;
    if (m == 0) return err_format(&Exc_ValueError, "empty separator");
    Object *list = list_new(0);
    if (!list) return NULL;
    while (maxsplit-- > 0) {
        intptr_t r = bfind(STR_DATA(self) + i, n - i, STR_DATA(sep), m);
        if (r < 0) break;
        if (append_new(list, sub_b(self, i, i + r)) < 0) goto fail;
        i += r + m;
    }
    if (append_new(list, sub_b(self, i, n)) < 0) goto fail;
    return list;
fail:
    DECREF(list);
    return NULL;
}

static Object *str_rsplit(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    Object *sep;
    intptr_t maxsplit;
    if (parse_split_args("rsplit", args, nargs, kwnames, &sep, &maxsplit) < 0) return NULL;
    if (sep == None) return rsplit_whitespace(self, maxsplit);
    intptr_t m = STR_SIZE(sep), e = STR_SIZE(self);
    if (m == 0) return err_format(&Exc_ValueError, "empty separator");
    Object *list = list_new(0);
    if (!list) return NULL;
    while (maxsplit-- > 0) {
        intptr_t r = brfind(STR_DATA(self), e, STR_DATA(sep), m);
        if (r < 0) break;
        if (append_new(list, sub_b(self, r + m, e)) < 0) goto fail;
        e = r;
    }
    if (append_new(list, sub_b(self, 0, e)) < 0) goto fail;
    intptr_t n = LIST_SIZE(list);
    for (intptr_t k = 0; k < n / 2; k++) {
        Object *t = LIST_ITEMS(list)[k];
        LIST_ITEMS(list)[k] = LIST_ITEMS(list)[n - 1 - k];
        LIST_ITEMS(list)[n - 1 - k] = t;
    }
    return list;
fail:
    DECREF(list);
    return NULL;
}

static Object *str_splitlines(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    static const char *const kwlist[] = {"keepends", NULL};
    int keepends = 0;
    if ((nargs || kwnames) &&
        args_parse(args, nargs, kwnames, "|i:splitlines", kwlist, &keepends) < 0)
        return NULL;
    Object *list = list_new(0);
    if (!list) return NULL;
    intptr_t i = 0, n = STR_SIZE(self);
    int len;
    while (i < n) {
        intptr_t j = i;
        uint32_t c = 0;
        while (j < n) {
            c = cp_at(self, j, &len);
            if (uni_islinebreak(c)) break;
            j += len;
        }
        intptr_t eol = j;
        if (j < n) {
            j += len;
            if (c == '\r' && j < n && STR_DATA(self)[j] == '\n') j++;
            if (keepends) eol = j;
        }
        if (append_new(list, sub_b(self, i, eol)) < 0) {
            DECREF(list);
            return NULL;
        }
        i = j;
    }
    return list;
}

static Object *partition(Object *self, Object *sep, bool reverse) {
    if (!str_check(sep))
        return err_format(&Exc_TypeError, "must be str, not %s", type_name(OBJ_TYPE(sep)));
    if (STR_SIZE(sep) == 0) return err_format(&Exc_ValueError, "empty separator");
    intptr_t n = STR_SIZE(self), m = STR_SIZE(sep);
    intptr_t r = reverse ? brfind(STR_DATA(self), n, STR_DATA(sep), m)
                         : bfind(STR_DATA(self), n, STR_DATA(sep), m);
    Object *a, *b, *c;
    if (r < 0) {
        a = reverse ? str_empty() : sub_b(self, 0, n);
        b = str_empty();
        c = reverse ? sub_b(self, 0, n) : str_empty();
    } else {
        a = sub_b(self, 0, r);
        b = NEWREF(sep);
        if (!str_check_exact(sep)) {
            DECREF(b);
            b = sub_b(sep, 0, m);
        }
        c = sub_b(self, r + m, n);
    }
    Object *t = NULL;
    if (a && b && c) t = tuple_pack(3, a, b, c);
    XDECREF(a);
    XDECREF(b);
    XDECREF(c);
    return t;
}

static Object *str_partition(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("str", "partition", nargs) < 0) return NULL;
    return partition(self, args[0], false);
}
static Object *str_rpartition(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("str", "rpartition", nargs) < 0) return NULL;
    return partition(self, args[0], true);
}

static Object *str_join_method(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (nargs != 1)
        return text_one_arg("str", "join", nargs), NULL;
    return str_join(self, args[0]);
}

/* ---- strip -------------------------------------------------------------------------------- */

static bool in_chars(Object *chars, uint32_t c) {
    if (!chars) return uni_isspace(c);
    if (c < 128 && STR(chars)->ascii) return memchr(STR_DATA(chars), (int)c, (size_t)STR_SIZE(chars)) != NULL;
    char buf[4];
    int n = utf8_encode(c, buf);
    return memmem(STR_DATA(chars), (size_t)STR_SIZE(chars), buf, (size_t)n) != NULL;
}

static Object *do_strip(const char *name, Object *self, Object *const *args, size_t nargs,
                        bool left, bool right) {
    if (args_count(name, nargs, 0, 1) < 0) return NULL;
    Object *chars = NULL;
    if (nargs == 1 && args[0] != None) {
        if (!str_check(args[0]))
            return err_format(&Exc_TypeError, "%s arg must be None or str", name);
        chars = args[0];
    }
    intptr_t i = 0, e = STR_SIZE(self), b;
    int len;
    if (left)
        while (i < e && in_chars(chars, cp_at(self, i, &len))) i += len;
    if (right)
        while (e > i && in_chars(chars, cp_before(self, e, &b))) e = b;
    return sub_b(self, i, e);
}

static Object *str_strip(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return do_strip("strip", self, args, nargs, true, true);
}
static Object *str_lstrip(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return do_strip("lstrip", self, args, nargs, true, false);
}
static Object *str_rstrip(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return do_strip("rstrip", self, args, nargs, false, true);
}

static Object *affix(const char *name, Object *self, Object *const *args, size_t nargs,
                     bool suffix) {
    if (text_one_arg("str", name, nargs) < 0) return NULL;
    Object *a = args[0];
    if (!str_check(a))
        return err_format(&Exc_TypeError, "%s() argument must be str, not %s", name,
                          text_type_desc(a));
    intptr_t n = STR_SIZE(self), m = STR_SIZE(a);
    if (m <= n && m > 0) {
        const char *at = suffix ? STR_DATA(self) + n - m : STR_DATA(self);
        if (memcmp(at, STR_DATA(a), (size_t)m) == 0)
            return suffix ? sub_b(self, 0, n - m) : sub_b(self, m, n);
    }
    return sub_b(self, 0, n);
}

static Object *str_removeprefix(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return affix("removeprefix", self, args, nargs, false);
}
static Object *str_removesuffix(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return affix("removesuffix", self, args, nargs, true);
}

/* ---- replace ---------------------------------------------------------------------------------- */

static Object *str_replace(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (check_nargs("replace", nargs, 2, 3) < 0) return NULL;
    Object *old = args[0], *new = args[1];
    for (int k = 0; k < 2; k++)
        if (!str_check(args[k]))
            return err_format(&Exc_TypeError, "replace() argument %d must be str, not %s",
                              k + 1, text_type_desc(args[k]));
    intptr_t count = INTPTR_MAX;
    if (nargs == 3) {
        count = obj_as_ssize(args[2], &Exc_OverflowError);
        if (count == -1 && err_occurred()) return NULL;
        if (count < 0) count = INTPTR_MAX;
    }
    const char *p = STR_DATA(self);
    intptr_t n = STR_SIZE(self), m = STR_SIZE(old);
    StrBuf sb;
    strbuf_init(&sb);
    if (m == 0) {
        /* insert `new` before every code point and at the end */
        intptr_t i = 0, done = 0;
        int len;
        while (done < count && i <= n) {
            if (strbuf_append_str(&sb, new) < 0) goto fail;
            done++;
            if (i == n) {
                i++;
                break;
            }
            cp_at(self, i, &len);
            if (strbuf_append(&sb, p + i, (size_t)len) < 0) goto fail;
            i += len;
        }
        if (i < n && strbuf_append(&sb, p + i, (size_t)(n - i)) < 0) goto fail;
        return strbuf_finish(&sb);
    }
    if (count == 0 || bfind(p, n, STR_DATA(old), m) < 0) {
        strbuf_free(&sb);
        return sub_b(self, 0, n);
    }
    intptr_t i = 0;
    while (count-- > 0) {
        intptr_t r = bfind(p + i, n - i, STR_DATA(old), m);
        if (r < 0) break;
        if (strbuf_append(&sb, p + i, (size_t)r) < 0 || strbuf_append_str(&sb, new) < 0)
            goto fail;
        i += r + m;
    }
    if (strbuf_append(&sb, p + i, (size_t)(n - i)) < 0) goto fail;
    return strbuf_finish(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

/* ---- case mappings -------------------------------------------------------------------------- */

/* Σ lowers to ς at the end of a word (CPython's final-sigma rule). */
static uint32_t lower_sigma(Object *s, intptr_t off) {
    intptr_t j = off, b;
    bool before = false;
    while (j > 0) {
        uint32_t c = cp_before(s, j, &b);
        j = b;
        if (uni_iscaseignorable(c)) continue;
        before = uni_iscased(c);
        break;
    }
    if (!before) return 0x3C3;
    int len;
    j = off + 2;
    while (j < STR_SIZE(s)) {
        uint32_t c = cp_at(s, j, &len);
        j += len;
        if (uni_iscaseignorable(c)) continue;
        return uni_iscased(c) ? 0x3C3 : 0x3C2;
    }
    return 0x3C2;
}

enum { MAP_UPPER, MAP_LOWER, MAP_SWAP, MAP_FOLD, MAP_TITLE, MAP_CAPITALIZE };

static Object *case_map(Object *self, int how) {
    intptr_t n = STR_SIZE(self);
    const char *p = STR_DATA(self);
    if (STR(self)->ascii) {
        Object *r = str_alloc((size_t)n);
        if (!r) return NULL;
        char *d = STR_DATA(r);
        bool prev_cased = false;
        for (intptr_t i = 0; i < n; i++) {
            char c = p[i];
            bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
            bool to_upper;
            switch (how) {
            case MAP_UPPER: to_upper = true; break;
            case MAP_SWAP: to_upper = lo; break;
            case MAP_TITLE: to_upper = !prev_cased; break;
            case MAP_CAPITALIZE: to_upper = i == 0; break;
            default: to_upper = false; break;
            }
            if (to_upper && lo) c = (char)(c - 32);
            else if (!to_upper && up) c = (char)(c + 32);
            d[i] = c;
            prev_cased = up || lo;
        }
        STR(r)->length = n;
        STR(r)->ascii = 1;
        return r;
    }
    StrBuf sb;
    strbuf_init(&sb);
    bool prev_cased = false;
    intptr_t i = 0, k = 0;
    while (i < n) {
        int len;
        uint32_t c = cp_at(self, i, &len);
        uint32_t out[3];
        int m;
        switch (how) {
        case MAP_UPPER: m = uni_toupper_full(c, out); break;
        case MAP_FOLD: m = uni_casefold_full(c, out); break;
        case MAP_TITLE: {
            bool was_cased = prev_cased;
            prev_cased = uni_iscased(c);
            if (was_cased) goto lower;
            m = uni_totitle_full(c, out);
            break;
        }
        case MAP_CAPITALIZE:
            if (k != 0) goto lower;
            m = uni_totitle_full(c, out);
            break;
        case MAP_SWAP:
            if (uni_isupper(c)) goto lower;
            if (uni_islower(c)) m = uni_toupper_full(c, out);
            else {
                out[0] = c;
                m = 1;
            }
            break;
        default:
        lower:
            if (c == 0x3A3) {
                out[0] = lower_sigma(self, i);
                m = 1;
            } else {
                m = uni_tolower_full(c, out);
            }
            break;
        }
        for (int j = 0; j < m; j++)
            if (strbuf_append_codepoint(&sb, out[j]) < 0) {
                strbuf_free(&sb);
                return NULL;
            }
        i += len;
        k++;
    }
    return strbuf_finish(&sb);
}

static Object *str_upper(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("upper", n, 0, 0) < 0) return NULL;
    return case_map(self, MAP_UPPER);
}
static Object *str_lower(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("lower", n, 0, 0) < 0) return NULL;
    return case_map(self, MAP_LOWER);
}
static Object *str_swapcase(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("swapcase", n, 0, 0) < 0) return NULL;
    return case_map(self, MAP_SWAP);
}
static Object *str_casefold(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("casefold", n, 0, 0) < 0) return NULL;
    return case_map(self, MAP_FOLD);
}
static Object *str_title(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("title", n, 0, 0) < 0) return NULL;
    return case_map(self, MAP_TITLE);
}
static Object *str_capitalize(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("capitalize", n, 0, 0) < 0) return NULL;
    return case_map(self, MAP_CAPITALIZE);
}

/* ---- predicates ------------------------------------------------------------------------------ */

typedef bool (*cp_pred)(uint32_t);

static Object *all_chars(Object *self, cp_pred pred, bool empty_value) {
    intptr_t n = STR_SIZE(self);
    if (n == 0) return bool_from(empty_value);
    for (intptr_t i = 0; i < n;) {
        int len;
        if (!pred(cp_at(self, i, &len))) return bool_from(0);
        i += len;
    }
    return bool_from(1);
}

#define PREDICATE(name, pred, empty)                                                  \
    static Object *str_##name(Object *self, Object *const *a, size_t n, Object *kw) { \
        if (args_count(#name, n, 0, 0) < 0) return NULL;                              \
        return all_chars(self, pred, empty);                                           \
    }
PREDICATE(isdigit, uni_isdigit, false)
PREDICATE(isdecimal, uni_isdecimal, false)
PREDICATE(isnumeric, uni_isnumeric, false)
PREDICATE(isalpha, uni_isalpha, false)
PREDICATE(isalnum, uni_isalnum, false)
PREDICATE(isspace, uni_isspace, false)
PREDICATE(isprintable, uni_isprintable, true)

static Object *str_isascii(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("isascii", n, 0, 0) < 0) return NULL;
    return bool_from(STR(self)->ascii);
}

/* isupper/islower: no character of the opposite (or title) case and at least one cased */
static Object *cased_check(Object *self, bool want_upper) {
    bool cased = false;
    for (intptr_t i = 0; i < STR_SIZE(self);) {
        int len;
        uint32_t c = cp_at(self, i, &len);
        i += len;
        bool up = uni_isupper(c), lo = uni_islower(c);
        if ((want_upper ? lo : up) || uni_istitle(c)) return bool_from(0);
        if (want_upper ? up : lo) cased = true;
    }
    return bool_from(cased);
}

static Object *str_isupper(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("isupper", n, 0, 0) < 0) return NULL;
    return cased_check(self, true);
}
static Object *str_islower(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("islower", n, 0, 0) < 0) return NULL;
    return cased_check(self, false);
}

static Object *str_istitle(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("istitle", n, 0, 0) < 0) return NULL;
    bool cased = false, prev_cased = false;
    for (intptr_t i = 0; i < STR_SIZE(self);) {
        int len;
        uint32_t c = cp_at(self, i, &len);
        i += len;
        if (uni_isupper(c) || uni_istitle(c)) {
            if (prev_cased) return bool_from(0);
            prev_cased = cased = true;
        } else if (uni_islower(c)) {
            if (!prev_cased) return bool_from(0);
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return bool_from(cased);
}

static Object *str_isidentifier(Object *self, Object *const *a, size_t n, Object *kw) {
    if (args_count("isidentifier", n, 0, 0) < 0) return NULL;
    intptr_t size = STR_SIZE(self);
    if (size == 0) return bool_from(0);
    int len;
    if (!uni_isidstart(cp_at(self, 0, &len))) return bool_from(0);
    for (intptr_t i = len; i < size; i += len)
        if (!uni_isidcontinue(cp_at(self, i, &len))) return bool_from(0);
    return bool_from(1);
}

/* ---- padding ----------------------------------------------------------------------------------- */

static int parse_pad_args(const char *name, Object *const *args, size_t nargs, intptr_t *width,
                          Object **fill) {
    if (check_nargs(name, nargs, 1, 2) < 0) return -1;
    *width = obj_as_ssize(args[0], &Exc_OverflowError);
    if (*width == -1 && err_occurred()) return -1;
    *fill = NULL;
    if (nargs == 2) {
        Object *f = args[1];
        if (!str_check(f)) {
            err_format(&Exc_TypeError, "The fill character must be a unicode character, not %s",
                       type_name(OBJ_TYPE(f)));
            return -1;
        }
        if (STR_LENGTH(f) != 1) {
            err_format(&Exc_TypeError, "The fill character must be exactly one character long");
            return -1;
        }
        *fill = f;
    }
    return 0;
}

static Object *pad(Object *self, intptr_t left, intptr_t right, Object *fill) {
    if (left <= 0 && right <= 0) return sub_b(self, 0, STR_SIZE(self));
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    const char *f = fill ? STR_DATA(fill) : " ";
    intptr_t fn = fill ? STR_SIZE(fill) : 1, n = STR_SIZE(self);
    Object *r = str_alloc((size_t)((left + right) * fn + n));
    if (!r) return NULL;
    char *d = STR_DATA(r);
    for (intptr_t k = 0; k < left; k++, d += fn) memcpy(d, f, (size_t)fn);
    memcpy(d, STR_DATA(self), (size_t)n);
    d += n;
    for (intptr_t k = 0; k < right; k++, d += fn) memcpy(d, f, (size_t)fn);
    STR(r)->length = STR_LENGTH(self) + left + right;
    STR(r)->ascii = STR(self)->ascii && fn == 1;
    return r;
}

static Object *str_ljust(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t width;
    Object *fill;
    if (parse_pad_args("ljust", args, nargs, &width, &fill) < 0) return NULL;
    return pad(self, 0, width - STR_LENGTH(self), fill);
}
static Object *str_rjust(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t width;
    Object *fill;
    if (parse_pad_args("rjust", args, nargs, &width, &fill) < 0) return NULL;
    return pad(self, width - STR_LENGTH(self), 0, fill);
}
static Object *str_center(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t width;
    Object *fill;
    if (parse_pad_args("center", args, nargs, &width, &fill) < 0) return NULL;
    intptr_t marg = width - STR_LENGTH(self);
    if (marg <= 0) return pad(self, 0, 0, fill);
    intptr_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

static Object *str_zfill(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("str", "zfill", nargs) < 0) return NULL;
    intptr_t width = obj_as_ssize(args[0], &Exc_OverflowError);
    if (width == -1 && err_occurred()) return NULL;
    intptr_t fill = width - STR_LENGTH(self);
    if (fill <= 0) return sub_b(self, 0, STR_SIZE(self));
    Object *r = pad(self, fill, 0, NULL);
    if (!r) return NULL;
    char *d = STR_DATA(r);
    memset(d, '0', (size_t)fill);
    if (d[fill] == '+' || d[fill] == '-') {
        d[0] = d[fill];
        d[fill] = '0';
    }
    return r;
}

static Object *str_expandtabs(Object *self, Object *const *args, size_t nargs,
                              Object *kwnames) {
    static const char *const kwlist[] = {"tabsize", NULL};
    int tabsize = 8;
    if ((nargs || kwnames) &&
        args_parse(args, nargs, kwnames, "|i:expandtabs", kwlist, &tabsize) < 0)
        return NULL;
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t col = 0;
    for (intptr_t i = 0; i < STR_SIZE(self);) {
        int len;
        uint32_t c = cp_at(self, i, &len);
        int rc = 0;
        if (c == '\t') {
            if (tabsize > 0) {
                intptr_t spaces = tabsize - col % tabsize;
                for (intptr_t k = 0; k < spaces && rc == 0; k++) rc = strbuf_append_char(&sb, ' ');
                col += spaces;
            }
        } else {
            rc = strbuf_append(&sb, STR_DATA(self) + i, (size_t)len);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
        if (rc < 0) {
            strbuf_free(&sb);
            return NULL;
        }
        i += len;
    }
    return strbuf_finish(&sb);
}

/* ---- translate --------------------------------------------------------------------------------- */

static Object *str_maketrans(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("maketrans", nargs, 1, 3) < 0) return NULL;
    Object *d = dict_new();
    if (!d) return NULL;
    if (nargs == 1) {
        Object *x = args[0], *k, *v;
        if (!dict_check(x)) {
            DECREF(d);
            return err_format(&Exc_TypeError,
                              "if you give only one argument to maketrans it must be a dict");
        }
        intptr_t pos = 0;
        while (dict_next(x, &pos, &k, &v)) {
            Object *key;
            if (str_check(k)) {
                if (STR_LENGTH(k) != 1) {
                    DECREF(d);
                    return err_format(&Exc_ValueError,
                                      "string keys in translate table must be of length 1");
                }
                key = int_from_long(str_char_at(k, 0));
            } else if (int_check(k)) {
                key = NEWREF(k);
            } else {
                DECREF(d);
                return err_format(&Exc_TypeError,
                                  "keys in translate table must be strings or integers");
            }
            int rc = key ? dict_set(d, key, v) : -1;
            XDECREF(key);
            if (rc < 0) {
                DECREF(d);
                return NULL;
            }
        }
        return d;
    }
    Object *x = args[0], *y = args[1];
    for (size_t k = 1; k < nargs; k++)
        if (!str_check(args[k])) {
            DECREF(d);
            return err_format(&Exc_TypeError, "maketrans() argument %zu must be str, not %s",
                              k + 1, text_type_desc(args[k]));
        }
    if (!str_check(x)) {
        DECREF(d);
        return err_format(&Exc_TypeError,
                          "first maketrans argument must be a string if there is a second argument");
    }
    if (STR_LENGTH(x) != STR_LENGTH(y)) {
        DECREF(d);
        return err_format(&Exc_ValueError,
                          "the first two maketrans arguments must have equal length");
    }
    for (intptr_t i = 0; i < STR_LENGTH(x); i++) {
        Object *key = int_from_long(str_char_at(x, i));
        Object *val = int_from_long(str_char_at(y, i));
        int rc = dict_set(d, key, val);
        DECREF(key);
        DECREF(val);
        if (rc < 0) {
            DECREF(d);
            return NULL;
        }
    }
    if (nargs == 3) {
        Object *z = args[2];
        for (intptr_t i = 0; i < STR_LENGTH(z); i++) {
            Object *key = int_from_long(str_char_at(z, i));
            int rc = dict_set(d, key, None);
            DECREF(key);
            if (rc < 0) {
                DECREF(d);
                return NULL;
            }
        }
    }
    return d;
}

static Object *str_translate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("str", "translate", nargs) < 0) return NULL;
    Object *table = args[0];
    StrBuf sb;
    strbuf_init(&sb);
    for (intptr_t i = 0; i < STR_SIZE(self);) {
        int len;
        uint32_t c = cp_at(self, i, &len);
        Object *key = int_from_long(c);
        Object *v = key ? obj_getitem(table, key) : NULL;
        XDECREF(key);
        int rc = 0;
        if (!v) {
            if (!err_matches(&Exc_LookupError)) goto fail;
            err_clear();
            rc = strbuf_append(&sb, STR_DATA(self) + i, (size_t)len);
        } else if (v == None) {
        } else if (int_check(v)) {
            long long cp = int_as_long(v);
            if (cp == -1 && err_occurred()) {
                DECREF(v);
                goto fail;
            }
            if (cp < 0 || cp > 0x10FFFF) {
                DECREF(v);
                err_format(&Exc_ValueError, "character mapping must be in range(0x110000)");
                goto fail;
            }
            rc = strbuf_append_codepoint(&sb, (uint32_t)cp);
        } else if (str_check(v)) {
            rc = strbuf_append_str(&sb, v);
        } else {
            DECREF(v);
            err_format(&Exc_TypeError, "character mapping must return integer, None or str");
            goto fail;
        }
        XDECREF(v);
        if (rc < 0) goto fail;
        i += len;
    }
    return strbuf_finish(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

/* ---- encode / format ---------------------------------------------------------------------------- */

static Object *str_encode_method(Object *self, Object *const *args, size_t nargs,
                                 Object *kwnames) {
    static const char *const kwlist[] = {"encoding", "errors", NULL};
    const char *encoding = "utf-8", *errors = "strict";
    if ((nargs || kwnames) &&
        args_parse(args, nargs, kwnames, "|ss:encode", kwlist, &encoding, &errors) < 0)
        return NULL;
    return str_encode(self, encoding, errors);
}

static Object *str_format_m(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    return str_format_method(self, args, nargs, kwnames);
}

static Object *str_format_map_m(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("str", "format_map", nargs) < 0) return NULL;
    return str_format_map(self, args[0]);
}

static Object *str_dunder_format(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (text_one_arg("str", "__format__", nargs) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(&Exc_TypeError, "__format__() argument must be str, not %s",
                          type_name(OBJ_TYPE(args[0])));
    return format_str(self, args[0]);
}

static Object *str_sizeof(Object *self, Object *const *args, size_t nargs, Object *kw) {
    return int_from_ssize((intptr_t)sizeof(StrObject) + STR_SIZE(self) + 1);
}

MethodDef str_methods[] = {
    {"encode", str_encode_method, METH_KW, "Encode the string using the codec."},
    {"replace", str_replace, 0, NULL},
    {"split", str_split, METH_KW, NULL},
    {"rsplit", str_rsplit, METH_KW, NULL},
    {"join", str_join_method, 0, NULL},
    {"capitalize", str_capitalize, 0, NULL},
    {"casefold", str_casefold, 0, NULL},
    {"title", str_title, 0, NULL},
    {"center", str_center, 0, NULL},
    {"count", str_count, 0, NULL},
    {"expandtabs", str_expandtabs, METH_KW, NULL},
    {"find", str_find, 0, NULL},
    {"partition", str_partition, 0, NULL},
    {"index", str_index, 0, NULL},
    {"ljust", str_ljust, 0, NULL},
    {"lower", str_lower, 0, NULL},
    {"lstrip", str_lstrip, 0, NULL},
    {"rfind", str_rfind, 0, NULL},
    {"rindex", str_rindex, 0, NULL},
    {"rjust", str_rjust, 0, NULL},
    {"rstrip", str_rstrip, 0, NULL},
    {"rpartition", str_rpartition, 0, NULL},
    {"splitlines", str_splitlines, METH_KW, NULL},
    {"strip", str_strip, 0, NULL},
    {"swapcase", str_swapcase, 0, NULL},
    {"translate", str_translate, 0, NULL},
    {"upper", str_upper, 0, NULL},
    {"startswith", str_startswith, 0, NULL},
    {"endswith", str_endswith, 0, NULL},
    {"removeprefix", str_removeprefix, 0, NULL},
    {"removesuffix", str_removesuffix, 0, NULL},
    {"isascii", str_isascii, 0, NULL},
    {"islower", str_islower, 0, NULL},
    {"isupper", str_isupper, 0, NULL},
    {"istitle", str_istitle, 0, NULL},
    {"isspace", str_isspace, 0, NULL},
    {"isdecimal", str_isdecimal, 0, NULL},
    {"isdigit", str_isdigit, 0, NULL},
    {"isnumeric", str_isnumeric, 0, NULL},
    {"isalpha", str_isalpha, 0, NULL},
    {"isalnum", str_isalnum, 0, NULL},
    {"isidentifier", str_isidentifier, 0, NULL},
    {"isprintable", str_isprintable, 0, NULL},
    {"zfill", str_zfill, 0, NULL},
    {"format", str_format_m, METH_KW, NULL},
    {"format_map", str_format_map_m, 0, NULL},
    {"__format__", str_dunder_format, 0, NULL},
    {"maketrans", str_maketrans, METH_STATIC, NULL},
    {"__sizeof__", str_sizeof, 0, NULL},
    {NULL, NULL, 0, NULL},
};
