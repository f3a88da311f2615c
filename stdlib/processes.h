/* stdlib/processes.h — the C halves of pickle, multiprocessing and select.
 *
 *   _pickle           the serialisation format every process boundary uses
 *                     (stdlib/pickle.c; pickle.py supplies the Python hooks)
 *   _multiprocessing  process-shared semaphores, shared memory arrays and
 *                     framed messages over file descriptors
 *                     (stdlib/multiprocessing.c)
 *   select            select() and poll() with the GIL released
 *                     (stdlib/select.c)
 */
#ifndef GILPY_PROCESSES_H
#define GILPY_PROCESSES_H

#include "vm/object.h"

Object *mod_pickle_init(void);
Object *mod_multiprocessing_init(void);
Object *mod_select_init(void);

#endif
