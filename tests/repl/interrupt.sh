#!/usr/bin/env bash
# Ctrl-C at the prompt discards the line being typed (KeyboardInterrupt, a
# new prompt); Ctrl-C in running code (`while True: pass`) raises
# KeyboardInterrupt in the main thread and returns to the prompt, while a
# background thread keeps running.
. "$(dirname "$0")/_lib.sh"
start -q
type 'half a line'
keys C-c
wait_prompt
line 'import threading, time'
line 'ticks = []'
line 'stop = threading.Event()'
line 'def counter():'
line '    while not stop.is_set():'
line '        ticks.append(1); time.sleep(0.01)'
line ''
line 'threading.Thread(target=counter).start()'
type 'while True: pass'
keys Enter Enter
sleep 0.5
keys C-c
wait_for 'KeyboardInterrupt'
wait_prompt
line 'before = len(ticks); time.sleep(0.3); len(ticks) > before'
type 'for i in range(3):'
keys Enter
type '    time.sleep(10)'
keys Enter Enter
sleep 0.3
keys C-c
wait_for 'in <module>'
wait_prompt
line 'stop.set()'
keys C-d
wait_exit
expect_screen <<'EOF'
>>> half a line
KeyboardInterrupt
>>> import threading, time
>>> ticks = []
>>> stop = threading.Event()
>>> def counter():
...     while not stop.is_set():
...         ticks.append(1); time.sleep(0.01)
...
>>> threading.Thread(target=counter).start()
>>> while True: pass
...
^CTraceback (most recent call last):
  File "<stdin>", line 1, in <module>
KeyboardInterrupt
>>> before = len(ticks); time.sleep(0.3); len(ticks) > before
True
>>> for i in range(3):
...     time.sleep(10)
...
^CTraceback (most recent call last):
  File "<stdin>", line 2, in <module>
KeyboardInterrupt
>>> stop.set()
>>>
EOF
[ "$(exit_status)" = 0 ] || fail "exit status $(exit_status)"
finish
