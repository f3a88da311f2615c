# check: stderr
# The line a check point on a loop's back edge reports (signal handlers run
# there), as CPython 3.11: a `while` loop's back edge has the `while` line; a
# `for` loop's has the line of the body's last instruction, or none (-1)
# when the body ends in a branch that merges.
import signal

class Tick(Exception):
    pass

def handler(signum, frame):
    raise Tick

signal.signal(signal.SIGALRM, handler)

def where(e):
    tb = e.__traceback__
    return tb.tb_lineno

def for_plain():
    x = 0
    for i in iter(int, 1):
        x += 1
        x -= 1

def for_if_else(a):
    for i in iter(int, 1):
        if a:
            x = 1
        else:
            x = 2

def while_true():
    x = 0
    while True:
        x += 1

def for_if():
    a = False
    for i in iter(int, 1):
        if a:
            print(a)

for f in (for_plain, lambda: for_if_else(0), while_true):
    signal.alarm(1)
    try:
        f()
    except Tick as e:
        tb = e.__traceback__
        while tb.tb_next.tb_frame.f_code.co_name != 'handler':
            tb = tb.tb_next
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno - tb.tb_frame.f_code.co_firstlineno)

signal.alarm(1)
for_if()
