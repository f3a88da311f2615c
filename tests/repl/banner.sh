#!/usr/bin/env bash
# The banner names the version, the switch interval and the GIL policy
# (-X options change them); -q leaves it out; exit() leaves with status 0,
# exit(3) with 3, quit() too.
. "$(dirname "$0")/_lib.sh"
start -X switchinterval=0.01 -X gil=fifo
line 'exit()'
wait_exit
expect_screen <<'EOF'
gilpy 0.1.0 (Python 3.11 compatible) — switch interval 10.0 ms, GIL policy fifo
Type exit() or Ctrl-D to leave.
>>> exit()
EOF
[ "$(exit_status)" = 0 ] || fail "exit() gave status $(exit_status)"
start -q
line 'import sys; sys.getswitchinterval()'
line 'exit(3)'
wait_exit
expect_screen <<'EOF'
>>> import sys; sys.getswitchinterval()
0.005
>>> exit(3)
EOF
[ "$(exit_status)" = 3 ] || fail "exit(3) gave status $(exit_status)"
start -q
line 'quit'
line 'quit()'
wait_exit
expect_screen <<'EOF'
>>> quit
Use quit() or Ctrl-D (i.e. EOF) to exit
>>> quit()
EOF
finish
