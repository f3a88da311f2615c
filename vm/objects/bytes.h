/* vm/objects/bytes.h — bytes (immutable) and bytearray (mutable). */
#ifndef GILPY_BYTES_H
#define GILPY_BYTES_H

#include "vm/object.h"

typedef struct BytesObject {
    Object ob_base;
    intptr_t size;
    int64_t hash;      /* -1: not computed */
    char data[];       /* size + 1 bytes, NUL-terminated */
} BytesObject;

typedef struct ByteArrayObject {
    Object ob_base;
    intptr_t size, alloc;
    char *data;
    intptr_t exports;
} ByteArrayObject;

extern TypeObject Bytes_Type, ByteArray_Type;
static inline bool bytes_check(Object *o) {
    return !IS_SMALLINT(o) && (o->type->flags & TPFLAG_BYTES_SUBCLASS);
}
bool bytearray_check(Object *o);
#define BYTES_DATA(o) (((BytesObject *)(o))->data)
#define BYTES_SIZE(o) (((BytesObject *)(o))->size)

Object *bytes_from_buf(const char *s, size_t n);       /* new reference */
Object *bytearray_from_buf(const char *s, size_t n);   /* new reference */
Object *bytes_repr(Object *b);                         /* b'...' */
/* Borrow the buffer of bytes or bytearray; -1 + TypeError otherwise. */
int bytes_like_buffer(Object *o, const char **data, intptr_t *size);

#endif
