/* repl/repl.h — the interactive loop (>>> prompts).
 *
 * repl_run() reads statements, compiles each with MODE_SINGLE (the compiler
 * says when more lines are needed) and runs it in __main__, printing errors
 * and going on, until EOF or SystemExit.  Reading a line is one function
 * (repl_read_line) so a readline-based editor can replace the plain
 * sys.stdin fallback without touching the loop.
 */
#ifndef GILPY_REPL_H
#define GILPY_REPL_H

#include <stdbool.h>

/* Run the loop; returns the exit status.  `banner`: print the greeting. */
int repl_run(bool banner);

/* One line of input after showing `prompt`, without its newline, as a
 * malloc'ed string; NULL at EOF (no error) or on error (exception set,
 * e.g. KeyboardInterrupt). */
char *repl_read_line(const char *prompt);

#endif
