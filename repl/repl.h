/* repl/repl.h — the interactive loop (>>> prompts).
 *
 * repl_run() reads statements, compiles each with MODE_SINGLE (the compiler
 * says when more lines are needed) and runs it in __main__, printing errors
 * and going on, until EOF or SystemExit.  Reading a line is one function
 * (repl_read_line): the readline editor when on a terminal, the plain
 * sys.stdin fallback otherwise; the loop does not know which.
 */
#ifndef GILPY_REPL_H
#define GILPY_REPL_H

#include <stdbool.h>

/* Run the loop; returns the exit status.  `banner`: print the greeting. */
int repl_run(bool banner);

/* One line of input after showing `prompt`, without its newline, as a
 * malloc'ed string; NULL at EOF (no error) or on error (exception set,
 * e.g. KeyboardInterrupt).  Uses the line editor when it is open, else
 * sys.stdin with the prompt on stderr. */
char *repl_read_line(const char *prompt);

/* The line editor (repl/editor.c, GNU readline): line editing, history,
 * completion, other threads' output kept off the line being typed.
 * Usable when stdin and stdout are terminals.  Open/close bracket a
 * session (close saves the history).  repl_editor_read: as repl_read_line,
 * the prompt on stdout.  All with the GIL held. */
#define REPL_HISTORY_MAX 1000   /* lines kept in the history file */
bool repl_editor_usable(void);
int repl_editor_open(void);
void repl_editor_close(void);
char *repl_editor_read(const char *prompt);

/* Tab completion candidates for `text` (repl/complete.c): a malloc'ed
 * NULL-terminated array of malloc'ed strings, or NULL if none. */
char **repl_complete(const char *text);

#endif
