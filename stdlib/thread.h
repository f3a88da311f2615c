/* stdlib/thread.h — the `_thread` module (OS threads, locks). */
#ifndef GILPY_THREAD_H
#define GILPY_THREAD_H

#include "vm/object.h"

extern TypeObject Lock_Type, RLock_Type;

Object *mod_thread_init(void);
/* In a forked child: give every inherited lock fresh pthread objects. */
void thread_after_fork_child(void);

#endif
