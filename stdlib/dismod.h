/* stdlib/dismod.h — the `dis` module (bytecode listing, check points marked). */
#ifndef GILPY_DISMOD_H
#define GILPY_DISMOD_H

#include "vm/object.h"

Object *mod_dis_init(void);

#endif
