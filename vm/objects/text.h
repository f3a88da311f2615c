/* vm/objects/text.h — the text engineer's extra declarations: start-up,
 * code point utilities (vm/objects/unicode.c) and helpers shared between
 * str.c, str_methods.c, bytes.c, bytearray.c and vm/format*.c.
 */
#ifndef GILPY_TEXT_H
#define GILPY_TEXT_H

#include "vm/object.h"

/* type_ready() for str, bytes, bytearray and their iterators; called once by
 * the runtime after typesys_init_types() and int_init_types(). */
void str_init_types(void);

/* chr(cp): new reference; ValueError "chr() arg not in range(0x110000)". */
Object *str_chr(long cp);
/* a + b for two str, stealing the reference to `a`: when the caller held
 * the only reference (refcnt 1, exact str, not interned) the string grows in
 * place, which makes `s += t` loops linear.  The eval loop may use it for
 * BINARY_OP += after dropping the variable's own reference.  New reference
 * (NULL on error; `a` is released either way). */
Object *str_concat_steal(Object *a, Object *b);
/* The empty str (new reference). */
Object *str_empty(void);

extern TypeObject StrIter_Type, BytesIter_Type, ByteArrayIter_Type;

/* ---- UTF-8 ------------------------------------------------------------------
 * Our str stores generalized UTF-8: lone surrogates (which Python allows, e.g.
 * chr(0xD800)) are kept in their 3-byte form. */
/* Decode the code point at p (valid UTF-8); sets *len to its byte count. */
static inline uint32_t utf8_decode(const unsigned char *p, int *len) {
    unsigned c = p[0];
    if (c < 0x80) { *len = 1; return c; }
    if (c < 0xE0) { *len = 2; return ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu); }
    if (c < 0xF0) {
        *len = 3;
        return ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    *len = 4;
    return ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
           (p[3] & 0x3Fu);
}
/* Encode cp into buf (>= 4 bytes); returns the byte count. */
int utf8_encode(uint32_t cp, char *buf);
/* Count code points in valid UTF-8. */
intptr_t utf8_count(const char *s, size_t n);
/* Byte offset of code point index i in str s (0 <= i <= length). */
intptr_t str_byte_offset(Object *s, intptr_t i);
/* Code point index of byte offset off in str s. */
intptr_t str_cp_index(Object *s, intptr_t off);
/* A fresh exact str of `size` bytes to fill in (zeroed, NUL-terminated);
 * after filling, call str_finish_alloc() to set length/ascii. New reference. */
Object *str_alloc(size_t size);
/* Compute length/ascii of a filled-in str_alloc() result. */
void str_finish_alloc(Object *s);
/* Like str_from_utf8 when the caller already knows the code point count. */
Object *str_from_utf8_len(const char *s, size_t n, intptr_t length);

/* ---- code point classes (Python's str.isxxx semantics) -------------------- */
bool uni_isspace(uint32_t cp);
bool uni_isalpha(uint32_t cp);
bool uni_isdecimal(uint32_t cp);
bool uni_isdigit(uint32_t cp);
bool uni_isnumeric(uint32_t cp);
bool uni_isalnum(uint32_t cp);
bool uni_isupper(uint32_t cp);
bool uni_islower(uint32_t cp);
bool uni_istitle(uint32_t cp);     /* titlecase letters (Lt) */
bool uni_iscased(uint32_t cp);
bool uni_isprintable(uint32_t cp);
bool uni_isidstart(uint32_t cp);
bool uni_isidcontinue(uint32_t cp);
bool uni_islinebreak(uint32_t cp);
bool uni_iscaseignorable(uint32_t cp);
/* Decimal value of a decimal digit (0..9), or -1. */
int uni_decimal_value(uint32_t cp);
/* Case mappings: write up to 3 code points into out, return the count. */
int uni_toupper_full(uint32_t cp, uint32_t *out);
int uni_tolower_full(uint32_t cp, uint32_t *out);
int uni_totitle_full(uint32_t cp, uint32_t *out);
int uni_casefold_full(uint32_t cp, uint32_t *out);

/* ---- codecs ----------------------------------------------------------------- */
/* Normalised codec id for an encoding name, or -1 + LookupError
 * "unknown encoding: x". */
enum { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1 };
int codec_lookup(const char *encoding);
/* str.encode(): new bytes. */
Object *str_encode(Object *s, const char *encoding, const char *errors);
/* bytes.decode(): new str. */
Object *bytes_decode(const char *data, intptr_t n, const char *encoding,
                     const char *errors);

/* The hash of a byte string (str and bytes share it); never -1. */
int64_t text_hash_bytes(const char *p, size_t n);
/* Method table of str (vm/objects/str_methods.c). */
extern MethodDef str_methods[];
/* Shared by str methods: sub-range [start, end) of s in code points from
 * optional Python start/end arguments (None or absent = whole). 0 / -1. */
int str_parse_range(Object *s, Object *start, Object *end, intptr_t *pstart,
                    intptr_t *pend);

/* CPython's message for single-argument methods:
 * "str.zfill() takes exactly one argument (2 given)".  0 / -1. */
int text_one_arg(const char *type, const char *name, size_t nargs);
/* Name of an object's type for "must be str, not X" messages ("None" for None). */
const char *text_type_desc(Object *o);

/* ---- bytes helpers shared by bytes.c and bytearray.c ---------------------- */
/* Value of an int 0..255 for bytes items; -1 + ValueError/TypeError. */
int bytes_item_value(Object *o);
/* Build bytes from any source accepted by bytes(x) (not str). */
Object *bytes_from_object(Object *o);
/* The repr body "b'...'" of a buffer into a new str (prefix may be "" ). */
Object *bytes_repr_buf(const char *data, intptr_t n, const char *prefix,
                       const char *suffix);
/* bytes == / < ... for any mix of bytes and bytearray (NotImplemented otherwise). */
Object *bytes_like_richcompare(Object *a, Object *b, int op);
/* `x in buffer` (x an int or bytes-like). 1/0/-1. */
int bytes_like_contains(const char *data, intptr_t n, Object *x);
/* The count of seq * count (TypeError "can't multiply sequence by non-int"). */
int bytes_repeat_count(Object *count, intptr_t *n);
void bytes_fill_repeat(char *dst, const char *src, intptr_t len, intptr_t n);
/* bytes(x)/bytearray(x) argument handling into a StrBuf (0 / -1). */
struct StrBuf;
int bytes_ctor_fill(struct StrBuf *sb, Object *source, const char *encoding,
                    const char *errors, const char *target);
int bytes_collect(struct StrBuf *sb, Object *o, const char *target);
int bytes_item_for_ctor(Object *x);
Object *bytearray_iter_new(Object *b);
/* The methods shared by bytes and bytearray (bytes_methods.c) followed by a
 * type's own table: a new NULL-terminated table (never freed). */
MethodDef *bytes_methods_concat(const MethodDef *own);
void bytes_init_type(void);
void bytearray_init_type(void);

#endif
