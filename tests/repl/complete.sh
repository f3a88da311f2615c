#!/usr/bin/env bash
# Tab completion: an attribute of a module (threading.Thr -> Thread( ...),
# of a dotted name, globals, builtins and keywords; Tab Tab lists the
# choices; Tab on a blank line indents.  The part before the last dot is
# only looked up, never called: `f().x` completes nothing.
. "$(dirname "$0")/_lib.sh"
start -q
line 'import threading'
line 'my_variable_one = [3, 1, 2]'
line 'class K:'
line '    counter = 0'
line '    def method(self): pass'
line ''
type 'threading.Cond'
keys Tab
keys C-u
type 'threading.Thr'
keys Tab
type '(target=print, args=("ok",)).start()'
keys Enter
wait_prompt
type 'my_var'
keys Tab
type '.so'
keys Tab
type ')'
keys Enter
wait_prompt
line 'my_variable_one'
type 'K.c'
keys Tab
keys Enter
wait_prompt
type 'K.me'
keys Tab
type ')'
keys Enter
wait_prompt
type 'le'
keys Tab
type 'my_variable_one)'
keys Enter
wait_prompt
type 'whi'
keys Tab
keys C-u
type 'threading.Ev'
keys Tab Tab
keys C-u
type 'threading.get_'
keys Tab Tab
wait_for 'threading.get_ident\(  +threading.get_native_id\('
keys C-u
line 'for i in range(2):'
keys Tab
type 'print(i)'
keys Enter
wait_prompt
line ''
type 'len(my'
keys Tab
keys C-u
type 'K().me'
keys Tab
keys C-u
keys Enter
wait_prompt
expect_screen <<'EOF'
>>> import threading
>>> my_variable_one = [3, 1, 2]
>>> class K:
...     counter = 0
...     def method(self): pass
...
>>> threading.Thread(target=print, args=("ok",)).start()
ok
>>> my_variable_one.sort()
>>> my_variable_one
[1, 2, 3]
>>> K.counter
0
>>> K.method()
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
TypeError: K.method() missing 1 required positional argument: 'self'
>>> len(my_variable_one)
3
>>> threading.get_
threading.get_ident(      threading.get_native_id(
>>> for i in range(2):
...     print(i)
...
0
1
>>>
>>>
EOF
finish
