/* vm/vm.h — everything a stdlib module or object file usually needs. */
#ifndef GILPY_VM_H
#define GILPY_VM_H

#include "vm/object.h"
#include "vm/error.h"
#include "vm/abstract.h"
#include "vm/args.h"
#include "vm/names.h"
#include "vm/strbuf.h"
#include "vm/state.h"
#include "vm/objects/type.h"
#include "vm/objects/int.h"
#include "vm/objects/float.h"
#include "vm/objects/str.h"
#include "vm/objects/bytes.h"
#include "vm/objects/tuple.h"
#include "vm/objects/list.h"
#include "vm/objects/dict.h"
#include "vm/objects/set.h"
#include "vm/objects/range.h"
#include "vm/objects/function.h"
#include "vm/objects/code.h"
#include "vm/objects/generator.h"
#include "vm/objects/module.h"
#include "vm/objects/descr.h"
#include "vm/objects/exceptions.h"

#endif
