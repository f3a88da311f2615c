#!/usr/bin/env bash
# History: lines of one session are recalled with the up arrow in the next
# (GILPY_HISTFILE); line editing (Home/Ctrl-A, Left, Ctrl-K); an
# unwritable history file is a warning at exit, not a failure.
. "$(dirname "$0")/_lib.sh"
start -q
line 'a = 6'
line 'a * 7'
keys C-d
wait_exit
[ -s "$T_DIR/history" ] || fail "no history file written"
start -q
keys Up
keys Enter
wait_prompt
keys Up Up Up
keys Enter
wait_prompt
keys Up Up
keys Enter
wait_prompt
type 'print(a)'
keys Left Left Left BSpace 'x'
keys Enter
wait_prompt
type 'garbage'
keys C-a C-k
type '"edited"'
keys Enter
wait_prompt
expect_screen <<'EOF'
>>> a * 7
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
NameError: name 'a' is not defined
>>> a = 6
>>> a * 7
42
>>> prinx(a)
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
NameError: name 'prinx' is not defined. Did you mean: 'print'?
>>> "edited"
'edited'
>>>
EOF
keys C-d
wait_exit
# a third session sees both sessions' lines, newest last
grep -q '"edited"' "$T_DIR/history" || fail "second session's lines not appended"
[ "$(grep -c '^a \* 7$' "$T_DIR/history")" = 3 ] || fail "history: $(cat "$T_DIR/history")"
# unwritable: a warning, status still 0
T_HIST=/nonexistent-dir/history start -q
line '1 + 1'
keys C-d
wait_exit
expect_screen <<'EOF'
>>> 1 + 1
2
>>>
gilpy: warning: cannot write the history file '/nonexistent-dir/history': No such file or directory
EOF
[ "$(exit_status)" = 0 ] || fail "status $(exit_status) with an unwritable history"
finish
