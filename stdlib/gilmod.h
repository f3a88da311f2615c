/* stdlib/gilmod.h — the `gil` module and the GIL lab's -X options. */
#ifndef GILPY_GILMOD_H
#define GILPY_GILMOD_H

#include "vm/object.h"

Object *mod_gil_init(void);
/* Apply one -X option if it is the lab's (gilstats, giltrace=F, gil=P,
 * checkinterval=N); 0, or -1 after printing an error (exit 2). */
int gil_lab_option(const char *xoption);
/* sys.setcheckinterval(n) / sys.getcheckinterval() for the `ticks` policy
 * (MethodDef functions, listed in sys's table). */
Object *gil_sys_setcheckinterval(Object *m, Object *const *args, size_t nargs, Object *kw);
Object *gil_sys_getcheckinterval(Object *m, Object *const *args, size_t nargs, Object *kw);
/* At exit: write a running trace and print the -X gilstats table. */
void gil_lab_finish(void);

#endif
