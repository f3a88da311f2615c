#!/usr/bin/env bash
# The seeds' >>> sessions, typed as they are written: seed 004's
# simple_coro2 with getgeneratorstate and its primed averager (TypeError
# raised inside the coroutine, then StopIteration), seed 000's
# simple_coroutine.  Screens as python3 shows them.
. "$(dirname "$0")/_lib.sh"
start -q
line 'from inspect import getgeneratorstate'
line ''
line 'def simple_coro2(a):'
line "    print('-> Started: a =', a)"
line '    b = yield a'
line "    print('-> Received: b =', b)"
line '    c = yield a + b'
line "    print('-> Received: c =', c)"
line ''
line 'my_coro2 = simple_coro2(14)'
line 'print(getgeneratorstate(my_coro2) )'
line 'next(my_coro2)'
line 'print(getgeneratorstate(my_coro2) )'
line 'my_coro2.send(28)'
line 'my_coro2.send(99)'
line 'print(getgeneratorstate(my_coro2) )'
expect_screen <<'EOF'
>>> from inspect import getgeneratorstate
>>>
>>> def simple_coro2(a):
...     print('-> Started: a =', a)
...     b = yield a
...     print('-> Received: b =', b)
...     c = yield a + b
...     print('-> Received: c =', c)
...
>>> my_coro2 = simple_coro2(14)
>>> print(getgeneratorstate(my_coro2) )
GEN_CREATED
>>> next(my_coro2)
-> Started: a = 14
14
>>> print(getgeneratorstate(my_coro2) )
GEN_SUSPENDED
>>> my_coro2.send(28)
-> Received: b = 28
42
>>> my_coro2.send(99)
-> Received: c = 99
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
StopIteration
>>> print(getgeneratorstate(my_coro2) )
GEN_CLOSED
>>>
EOF
start -q
line 'from functools import wraps'
line 'def coroutine(func):'
line '    """Decorator: primes `func` by advancing to first `yield`"""'
line '    @wraps(func)'
line '    def primer(*args,**kwargs):'
line '        gen = func(*args,**kwargs)'
line '        next(gen)  #  prime the generator'
line '        return gen'
line '    return primer'
line ''
line '@coroutine # ➎'
line 'def averager(): # ➏'
line '    total = 0.0'
line '    count = 0'
line '    average = None'
line '    while True:'
line '        term = yield average'
line '        total += term'
line '        count += 1'
line '        average = total/count'
line ''
line 'coro_avg = averager()'
line 'coro_avg.send(40) # ➊'
line 'coro_avg.send(50)'
line "coro_avg.send('spam') # ➋"
line 'coro_avg.send(60) # ➌'
expect_screen <<'EOF'
>>> from functools import wraps
>>> def coroutine(func):
...     """Decorator: primes `func` by advancing to first `yield`"""
...     @wraps(func)
...     def primer(*args,**kwargs):
...         gen = func(*args,**kwargs)
...         next(gen)  #  prime the generator
...         return gen
...     return primer
...
>>> @coroutine # ➎
... def averager(): # ➏
...     total = 0.0
...     count = 0
...     average = None
...     while True:
...         term = yield average
...         total += term
...         count += 1
...         average = total/count
...
>>> coro_avg = averager()
>>> coro_avg.send(40) # ➊
40.0
>>> coro_avg.send(50)
45.0
>>> coro_avg.send('spam') # ➋
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
  File "<stdin>", line 8, in averager
TypeError: unsupported operand type(s) for +=: 'float' and 'str'
>>> coro_avg.send(60) # ➌
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
StopIteration
>>>
EOF
start -q
line 'def simple_coroutine():'
line '    print("coroutine started...")'
line '    x = yield'
line "    print('coroutine received:', x)"
line ''
line 'my_coro = simple_coroutine()'
line 'next(my_coro)'
line 'my_coro.send(42)'
expect_screen <<'EOF'
>>> def simple_coroutine():
...     print("coroutine started...")
...     x = yield
...     print('coroutine received:', x)
...
>>> my_coro = simple_coroutine()
>>> next(my_coro)
coroutine started...
>>> my_coro.send(42)
coroutine received: 42
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
StopIteration
>>>
EOF
finish
