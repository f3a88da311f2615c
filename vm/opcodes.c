/* vm/opcodes.c — the name and check-point tables, generated from
 * OPCODE_LIST (vm/opcodes.h) so they cannot drift from the enum. */
#include "vm/opcodes.h"

const char *const opcode_names[OPCODE_COUNT] = {
#define OPCODE_NAME(name, cp, doc) #name,
    OPCODE_LIST(OPCODE_NAME)
#undef OPCODE_NAME
};

const unsigned char opcode_is_checkpoint[OPCODE_COUNT] = {
#define OPCODE_CP(name, cp, doc) cp,
    OPCODE_LIST(OPCODE_CP)
#undef OPCODE_CP
};
