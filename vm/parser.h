/* vm/parser.h — source text to AST (lexer.c + parser.c).
 *
 * Errors are SyntaxError / IndentationError / TabError instances with
 * filename, lineno, offset (1-based column as CPython), text (the line) and
 * CPython 3.11's messages where practical ("invalid syntax", "expected ':'",
 * "unterminated string literal (detected at line 1)", "'(' was never closed",
 * "unexpected indent", "unindent does not match any outer indentation level",
 * "invalid syntax. Perhaps you forgot a comma?").
 */
#ifndef GILPY_PARSER_H
#define GILPY_PARSER_H

#include "vm/ast.h"

/* Parse `source` (UTF-8) in mode MODE_EXEC/MODE_EVAL/MODE_SINGLE.  The result
 * and everything it points to live in a new arena (mod->arena); free with
 * arena_free(mod->arena).  NULL with SyntaxError set. */
AstModule *parse_source(const char *source, const char *filename, int mode);

/* For the REPL: after a failed parse, was the input merely unfinished (open
 * bracket, open triple-quoted string, trailing backslash, block header
 * without body, block not yet ended by a blank line)? */
int parse_is_incomplete(const char *source);

#endif
