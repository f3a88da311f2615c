# Seed 000: PEP 380's expansion of RESULT = yield from EXPR, written out by
# hand, must behave like the real `yield from` for send, throw and close.
import sys
from collections import namedtuple

Result = namedtuple('Result', 'count average')

def averager():
    total = 0
    count = 0
    while True:
        try:
            item = yield 'tmp'
        except ValueError as e:
            print('averager caught', repr(e))
            continue
        if item is None:
            break
        total = total + item
        count += 1
    return Result(count=count, average=total / count)

def expanded(EXPR):
    _i = iter(EXPR)
    try:
        _y = next(_i)
    except StopIteration as _e:
        _r = _e.value
    else:
        while 1:
            try:
                _s = yield _y
            except GeneratorExit as _e:
                try:
                    _m = _i.close
                except AttributeError:
                    pass
                else:
                    _m()
                raise _e
            except BaseException as _e:
                _x = sys.exc_info()
                try:
                    _m = _i.throw
                except AttributeError:
                    raise _e
                else:
                    try:
                        _y = _m(*_x)
                    except StopIteration as _e:
                        _r = _e.value
                        break
            else:
                try:
                    if _s is None:
                        _y = next(_i)
                    else:
                        _y = _i.send(_s)
                except StopIteration as _e:
                    _r = _e.value
                    break
    RESULT = _r
    return RESULT

def real(EXPR):
    RESULT = yield from EXPR
    return RESULT

for delegate in (expanded, real):
    print('--', delegate.__name__)
    g = delegate(averager())
    print(next(g))
    print(g.send(10), g.send(20))
    print(g.throw(ValueError('bad')))
    print(g.send(45))
    try:
        g.send(None)
    except StopIteration as e:
        print('result:', e.value)
    g = delegate(averager())
    next(g)
    g.send(1)
    g.close()
    print('closed:', g.gi_frame is None)
    g = delegate(iter([1, 2, 3]))
    print(list(g))
    g = delegate(iter([1, 2]))
    next(g)
    try:
        g.throw(KeyError('k'))
    except KeyError as e:
        print('KeyError passes through', e)
