/* vm/objects/str.h — str: immutable Unicode text stored as UTF-8.
 *
 * `length` counts code points, `size` counts bytes; data is NUL-terminated.
 * When every code point is ASCII (ascii == 1), indexing is O(1).
 */
#ifndef GILPY_STR_H
#define GILPY_STR_H

#include "vm/object.h"

typedef struct StrObject {
    Object ob_base;
    intptr_t length;   /* code points */
    intptr_t size;     /* bytes, without the trailing NUL */
    int64_t hash;      /* -1: not computed yet */
    uint8_t ascii;
    uint8_t interned;
    char data[];       /* size + 1 bytes */
} StrObject;

extern TypeObject Str_Type;
static inline bool str_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_STR_SUBCLASS);
}
static inline bool str_check_exact(Object *o) { return !IS_SMALLINT(o) && o->type == &Str_Type; }
#define STR_DATA(o) (((StrObject *)(o))->data)
#define STR_SIZE(o) (((StrObject *)(o))->size)
#define STR_LENGTH(o) (((StrObject *)(o))->length)

/* Constructors: new references. Input must be valid UTF-8 (use
 * str_decode_utf8 for untrusted bytes). */
Object *str_from_utf8(const char *s, size_t n);
Object *str_from_cstr(const char *s);
Object *str_from_format(const char *fmt, ...);        /* error.h's conversions */
Object *str_from_codepoint(uint32_t cp);
/* Decode bytes with errors='strict' (UnicodeDecodeError) or 'replace'. */
Object *str_decode_utf8(const char *s, size_t n, const char *errors);
/* Interning: returns the canonical str (new reference; steals `s`). */
Object *str_intern(Object *s);
/* An immortal interned str for a C literal (borrowed; cached). */
Object *str_intern_cstr(const char *s);
const char *str_utf8(Object *s);                      /* borrowed data */
bool str_eq(Object *a, Object *b);                    /* both str */
bool str_eq_cstr(Object *a, const char *s);
int64_t str_hash(Object *s);
Object *str_concat(Object *a, Object *b);
Object *str_join(Object *sep, Object *iterable);
Object *str_repr(Object *s);                          /* 'text' with escapes */
/* Compare a and b (both str) by code point: <0, 0, >0. */
int str_compare(Object *a, Object *b);
/* The i-th code point (0 <= i < length). */
uint32_t str_char_at(Object *s, intptr_t i);
Object *str_substring(Object *s, intptr_t start, intptr_t end); /* code point indices */

#endif
