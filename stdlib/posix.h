/* stdlib/posix.h — the `posix` module (os.py is written on top of it). */
#ifndef GILPY_POSIX_H
#define GILPY_POSIX_H

#include "vm/object.h"

Object *mod_posix_init(void);

#endif
