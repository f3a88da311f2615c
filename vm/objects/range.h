/* vm/objects/range.h — range, slice and the built-in iterator types. */
#ifndef GILPY_RANGE_H
#define GILPY_RANGE_H

#include "vm/object.h"

typedef struct SliceObject {
    Object ob_base;
    Object *start, *stop, *step;   /* never NULL: None when absent */
} SliceObject;

extern TypeObject Range_Type, Slice_Type;
extern TypeObject Enumerate_Type, Zip_Type, Map_Type, Filter_Type, Reversed_Type,
    SeqIter_Type, CallIter_Type;

static inline bool slice_check(Object *o) { return !IS_SMALLINT(o) && o->type == &Slice_Type; }
Object *slice_new(Object *start, Object *stop, Object *step);   /* NULL means None */
/* Resolve against a sequence length as CPython's PySlice_GetIndicesEx
 * (ValueError "slice step cannot be zero").  0 / -1. */
int slice_indices(Object *slice, intptr_t length, intptr_t *start, intptr_t *stop,
                  intptr_t *step, intptr_t *slicelength);
Object *range_new(intptr_t start, intptr_t stop, intptr_t step);
/* iter(seq) for objects with __getitem__ only; iter(callable, sentinel). */
Object *seqiter_new(Object *seq);
Object *calliter_new(Object *callable, Object *sentinel);

#endif
