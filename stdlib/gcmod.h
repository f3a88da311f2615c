/* stdlib/gcmod.h — the `gc` module. */
#ifndef GILPY_GCMOD_H
#define GILPY_GCMOD_H

#include "vm/object.h"

Object *mod_gc_init(void);

#endif
