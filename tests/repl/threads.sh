#!/usr/bin/env bash
# Other threads print while the prompt waits with a half-typed line: their
# output appears above the prompt and the line comes back intact, cursor
# where it was (also with -u, where print() writes its pieces one by one).
# Ctrl-D waits for non-daemon threads, as the end of a script does.
. "$(dirname "$0")/_lib.sh"
for opt in "" -u; do
start -q $opt
line 'import threading, time'
line 'def talk():'
line '    time.sleep(1)'
line '    for i in range(3):'
line '        print("tick", i); time.sleep(0.05)'
line ''
line 'threading.Thread(target=talk).start()'
type 'x = 6 *'
keys Left Left
wait_for 'tick 2'
sleep 0.3
type '0'
keys C-e
type ' 7'
keys Enter
wait_prompt
line 'x'
line 'threading.Thread(target=lambda: (time.sleep(0.5), print("bye"))).start()'
keys C-d
wait_exit
expect_screen <<'EOF'
>>> import threading, time
>>> def talk():
...     time.sleep(1)
...     for i in range(3):
...         print("tick", i); time.sleep(0.05)
...
>>> threading.Thread(target=talk).start()
tick 0
tick 1
tick 2
>>> x = 60 * 7
>>> x
420
>>> threading.Thread(target=lambda: (time.sleep(0.5), print("bye"))).start()
>>>
bye
EOF
done
finish
