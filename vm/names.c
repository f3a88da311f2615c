/* vm/names.c — the interned identifiers of vm/names.h. */
#include "vm/names.h"
#include "vm/objects/str.h"

#define NAME_DEFINE(n) Object *id_##n;
NAME_LIST(NAME_DEFINE)
#undef NAME_DEFINE

void names_init(void) {
#define NAME_INIT(n) id_##n = str_intern_cstr(#n);
    NAME_LIST(NAME_INIT)
#undef NAME_INIT
}
