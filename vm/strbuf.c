/* vm/strbuf.c — growable byte buffer; also the formatter behind err_format
 * and str_from_format (printf plus %R %S %T %U). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/strbuf.h"
#include "vm/abstract.h"
#include "vm/error.h"
#include "vm/objects/bytes.h"
#include "vm/objects/str.h"
#include "vm/objects/type.h"

void strbuf_init(StrBuf *sb) {
    sb->data = sb->small;
    sb->len = 0;
    sb->cap = sizeof sb->small;
}

static int grow(StrBuf *sb, size_t extra) {
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) return 0;
    size_t cap = sb->cap * 2;
    while (cap < need) cap *= 2;
    char *p;
    if (sb->data == sb->small) {
        p = malloc(cap);
        if (p) memcpy(p, sb->small, sb->len);
    } else {
        p = realloc(sb->data, cap);
    }
    if (!p) {
        err_no_memory();
        return -1;
    }
    sb->data = p;
    sb->cap = cap;
    return 0;
}

int strbuf_append(StrBuf *sb, const char *s, size_t n) {
    if (grow(sb, n) < 0) return -1;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    return 0;
}

int strbuf_append_cstr(StrBuf *sb, const char *s) { return strbuf_append(sb, s, strlen(s)); }

int strbuf_append_char(StrBuf *sb, char c) {
    if (sb->len + 2 > sb->cap && grow(sb, 1) < 0) return -1;
    sb->data[sb->len++] = c;
    return 0;
}

int strbuf_append_codepoint(StrBuf *sb, uint32_t cp) {
    char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    return strbuf_append(sb, b, n);
}

int strbuf_printf(StrBuf *sb, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(sb, (size_t)n) < 0) { va_end(ap2); return -1; }
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    sb->len += (size_t)n;
    return 0;
}

int strbuf_append_str(StrBuf *sb, Object *str) {
    return strbuf_append(sb, STR_DATA(str), (size_t)STR_SIZE(str));
}

static int append_owned(StrBuf *sb, Object *s) {
    if (!s) return -1;
    int r = strbuf_append_str(sb, s);
    DECREF(s);
    return r;
}

int strbuf_append_repr(StrBuf *sb, Object *o) { return append_owned(sb, obj_repr(o)); }
int strbuf_append_strof(StrBuf *sb, Object *o) { return append_owned(sb, obj_str(o)); }

/* One printf conversion: copy the spec into `spec` and let snprintf do it. */
int strbuf_vformat(StrBuf *sb, const char *fmt, va_list ap) {
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) return strbuf_append_cstr(sb, p);
        if (strbuf_append(sb, p, (size_t)(pct - p)) < 0) return -1;
        const char *q = pct + 1;
        if (*q == '%') { if (strbuf_append_char(sb, '%') < 0) return -1; p = q + 1; continue; }
        /* flags, width, precision */
        while (*q && strchr("-+ #0", *q)) q++;
        bool star_w = false, star_p = false;
        if (*q == '*') { star_w = true; q++; } else while (*q >= '0' && *q <= '9') q++;
        if (*q == '.') { q++; if (*q == '*') { star_p = true; q++; } else while (*q >= '0' && *q <= '9') q++; }
        const char *len_start = q;
        while (*q && strchr("hlzjtL", *q)) q++;
        char conv = *q;
        if (!conv) return strbuf_append_cstr(sb, pct);
        if (conv == 'R' || conv == 'S' || conv == 'T' || conv == 'U') {
            Object *o = va_arg(ap, Object *);
            int r;
            if (conv == 'R') r = strbuf_append_repr(sb, o);
            else if (conv == 'S') r = strbuf_append_strof(sb, o);
            else if (conv == 'T') r = strbuf_append_cstr(sb, type_name(OBJ_TYPE(o)));
            else r = strbuf_append_str(sb, o);
            if (r < 0) return -1;
            p = q + 1;
            continue;
        }
        char spec[32];
        size_t sl = (size_t)(q - pct + 1);
        if (sl >= sizeof spec) return strbuf_append_cstr(sb, pct);
        memcpy(spec, pct, sl);
        spec[sl] = '\0';
        int w = star_w ? va_arg(ap, int) : 0, pr = star_p ? va_arg(ap, int) : 0;
        size_t lm = (size_t)(q - len_start);
        int r;
#define EMIT(val)                                                              \
    do {                                                                       \
        if (star_w && star_p) r = strbuf_printf(sb, spec, w, pr, val);         \
        else if (star_w) r = strbuf_printf(sb, spec, w, val);                  \
        else if (star_p) r = strbuf_printf(sb, spec, pr, val);                 \
        else r = strbuf_printf(sb, spec, val);                                 \
    } while (0)
        switch (conv) {
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
            if (lm == 2 && len_start[0] == 'l') EMIT(va_arg(ap, long long));
            else if (lm == 1 && (len_start[0] == 'l' || len_start[0] == 'z' || len_start[0] == 't' || len_start[0] == 'j')) EMIT(va_arg(ap, long));
            else EMIT(va_arg(ap, int));
            break;
        case 'f': case 'g': case 'e': case 'F': case 'G': case 'E':
            EMIT(va_arg(ap, double));
            break;
        case 's': EMIT(va_arg(ap, const char *)); break;
        case 'p': EMIT(va_arg(ap, void *)); break;
        default: r = strbuf_append(sb, pct, sl); break;
        }
#undef EMIT
        if (r < 0) return -1;
        p = q + 1;
    }
    return 0;
}

Object *strbuf_finish(StrBuf *sb) {
    Object *s = str_from_utf8(sb->data, sb->len);
    strbuf_free(sb);
    return s;
}

Object *strbuf_finish_bytes(StrBuf *sb) {
    Object *b = bytes_from_buf(sb->data, sb->len);
    strbuf_free(sb);
    return b;
}

void strbuf_free(StrBuf *sb) {
    if (sb->data != sb->small) free(sb->data);
    strbuf_init(sb);
}
