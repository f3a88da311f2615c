/* vm/strbuf.h — a growable byte buffer for building str/bytes results.
 *
 *   StrBuf sb; strbuf_init(&sb);
 *   strbuf_append(&sb, "abc", 3); strbuf_append_obj_repr(&sb, x) ...
 *   return strbuf_finish(&sb);     // new str (or NULL on error); frees the buffer
 * On an error path call strbuf_free(&sb).
 */
#ifndef GILPY_STRBUF_H
#define GILPY_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include "vm/object.h"

typedef struct StrBuf {
    char *data;
    size_t len, cap;
    char small[128];
} StrBuf;

void strbuf_init(StrBuf *sb);
int strbuf_append(StrBuf *sb, const char *s, size_t n);   /* 0 / -1 (MemoryError) */
int strbuf_append_cstr(StrBuf *sb, const char *s);
int strbuf_append_char(StrBuf *sb, char c);
int strbuf_append_codepoint(StrBuf *sb, uint32_t cp);     /* UTF-8 encode */
int strbuf_printf(StrBuf *sb, const char *fmt, ...);       /* plain printf */
/* printf plus %R %S %T %U (see vm/error.h) */
int strbuf_vformat(StrBuf *sb, const char *fmt, va_list ap);
int strbuf_append_str(StrBuf *sb, Object *str);            /* a str object's text */
int strbuf_append_repr(StrBuf *sb, Object *o);
int strbuf_append_strof(StrBuf *sb, Object *o);            /* str(o) */
Object *strbuf_finish(StrBuf *sb);        /* new str; releases the buffer */
Object *strbuf_finish_bytes(StrBuf *sb);  /* new bytes; releases the buffer */
void strbuf_free(StrBuf *sb);

#endif
