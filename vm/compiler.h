/* vm/compiler.h — AST to code objects (symtable.c + compiler.c). */
#ifndef GILPY_COMPILER_H
#define GILPY_COMPILER_H

#include "vm/ast.h"
#include "vm/object.h"

/* Compile a parsed module (mode MODE_EXEC / MODE_EVAL / MODE_SINGLE from
 * vm/runtime.h) into a code object.  New reference, or NULL with a
 * SyntaxError set ("'return' outside function", "nonlocal declaration not
 * allowed at module level", ...). */
Object *compile_ast(AstModule *mod, const char *filename, int mode);
/* Parse + compile.  NULL with SyntaxError set. */
Object *compile_source(const char *source, const char *filename, int mode);
/* The same at an optimization level (compile()'s optimize): -1 the
 * interpreter's (-O), 0 none, 1 no asserts and __debug__ False, 2 also no
 * docstrings. */
Object *compile_source_optimize(const char *source, const char *filename, int mode,
                                int optimize);
/* For the REPL: 1 if `source` is an incomplete statement that more lines
 * could complete, 0 if complete (or a real syntax error). */
int compile_is_incomplete(const char *source);

/* Code objects' cols[i] packs the start column (bits 0-15) and the end
 * column (bits 16-30) of instruction i's expression; this bit says the
 * expression goes on past its first line (the end is that line's end), and
 * tracebacks then show no operator anchors, as CPython's. */
#define CODE_COLS_MULTILINE 0x80000000u

/* Disassembly, checkpoints marked with '*' (vm/dis.c). */
void dis_code(Object *code, void *file /* FILE * */);
/* The same text as a str (for a `dis` module).  New reference. */
Object *dis_to_str(Object *code);

#endif
