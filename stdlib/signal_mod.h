/* stdlib/signal_mod.h — the `signal` module (handlers run in the main thread). */
#ifndef GILPY_SIGNAL_MOD_H
#define GILPY_SIGNAL_MOD_H

#include "vm/object.h"

Object *mod_signal_init(void);

#endif
