#!/usr/bin/env bash
# The >>> loop: a multi-line def then a call, echo and _, None not echoed,
# unfinished expressions continue, errors print a traceback and the session
# goes on, Ctrl-D leaves with status 0.  (Screen as python3 -q shows it.)
. "$(dirname "$0")/_lib.sh"
start -q
line 'def double(x):'
line '    y = x * 2'
line '    return y'
line ''
line 'double(21)'
line '_ + 1'
line 'None'
line 'print("hi")'
line '(1,'
line ' 2)'
line 's = """a'
line 'b"""'
line 's'
line '1 + \'
line '2'
line 'if _ > 2:'
line '    print("big")'
line 'else:'
line '    print("small")'
line ''
line '1/0'
line 'def f():'
line '    return undefined_name'
line ''
line 'f()'
line 'double(4)'
keys C-d
wait_exit
expect_screen <<'EOF'
>>> def double(x):
...     y = x * 2
...     return y
...
>>> double(21)
42
>>> _ + 1
43
>>> None
>>> print("hi")
hi
>>> (1,
...  2)
(1, 2)
>>> s = """a
... b"""
>>> s
'a\nb'
>>> 1 + \
... 2
3
>>> if _ > 2:
...     print("big")
... else:
...     print("small")
...
big
>>> 1/0
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
ZeroDivisionError: division by zero
>>> def f():
...     return undefined_name
...
>>> f()
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
  File "<stdin>", line 2, in f
NameError: name 'undefined_name' is not defined
>>> double(4)
8
>>>
EOF
[ "$(exit_status)" = 0 ] || fail "exit status $(exit_status), expected 0"
finish
