# generator corner cases: close() with finally, throw into an unstarted
# generator, yield from a plain iterator with send, return values through
# chains of yield from, PEP 479, gi_* attributes, re-entrancy
import inspect
def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print('finally runs on close')
g = with_finally()
print(next(g))
g.close()
print(inspect.getgeneratorstate(g))
g.close()
g = with_finally()
g.close()
print('unstarted close: no finally', inspect.getgeneratorstate(g))
def yield_in_finally():
    try:
        yield 1
    finally:
        yield 'cleanup'
g = yield_in_finally()
next(g)
try:
    g.close()
except RuntimeError as e:
    print('RuntimeError:', e)
def catcher():
    try:
        yield 1
    except ValueError as e:
        print('caught inside', e)
        yield 'recovered'
g = catcher()
try:
    g.throw(ValueError('early'))
except ValueError as e:
    print('unstarted throw propagates:', e, inspect.getgeneratorstate(g))
g = catcher()
next(g)
print(g.throw(ValueError('late')))
try:
    g.throw(KeyError, 'k')
except KeyError as e:
    print('KeyError', e)
g = catcher()
try:
    g.send(5)
except TypeError as e:
    print('TypeError:', e)
print(g.send(None))
def delegator():
    r = yield from iter([1, 2, 3])
    print('plain iterator returns', r)
    return 'done'
g = delegator()
print(next(g), g.send(None))
try:
    g.send('x')
except AttributeError as e:
    print('AttributeError:', e)
def leaf(n):
    acc = []
    for _ in range(n):
        acc.append((yield len(acc)))
    return acc
def mid(n):
    r = yield from leaf(n)
    return ('mid', r)
def top():
    r = yield from mid(2)
    r2 = yield from mid(1)
    return [r, r2]
g = top()
vals = [next(g)]
try:
    while True:
        vals.append(g.send(chr(97 + len(vals))))
except StopIteration as e:
    print(vals, e.value)
def pep479():
    yield 1
    raise StopIteration('inner')
try:
    list(pep479())
except RuntimeError as e:
    print('RuntimeError:', e, '| cause:', repr(e.__cause__))
def next_inside():
    it = iter([])
    yield next(it)
try:
    next(next_inside())
except RuntimeError as e:
    print('RuntimeError:', e)
def returns_value():
    return 5
    yield
try:
    next(returns_value())
except StopIteration as e:
    print('StopIteration value', e.value, e.args)
def running():
    yield g2.send(None)
g2 = running()
try:
    next(g2)
except ValueError as e:
    print('ValueError:', e)
def gen_attrs():
    yield
g = gen_attrs()
print(g.__name__, g.__qualname__, g.gi_running, g.gi_frame is not None, g.gi_code.co_name, type(g.gi_yieldfrom))
list(g)
print(g.gi_frame)
def sub():
    yield 'a'
    yield 'b'
def outer():
    yield from sub()
g = outer()
next(g)
print(type(g.gi_yieldfrom).__name__, g.gi_yieldfrom.__name__)
def close_delegate():
    try:
        yield from with_finally()
    finally:
        print('outer finally')
g = close_delegate()
next(g)
g.close()
def throw_delegate():
    try:
        yield from catcher()
    except KeyError:
        print('outer got KeyError')
        yield 'outer recovered'
g = throw_delegate()
next(g)
print(g.throw(ValueError('to inner')))
print(g.throw(KeyError('to outer')))
def exit_gen():
    try:
        yield
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
g = exit_gen()
next(g)
g.close()
def swallow():
    try:
        yield
    except GeneratorExit:
        return 'ignored value'
g = swallow(); next(g)
print('close returns', g.close())
ge = (x * x for x in range(3))
print(next(ge), list(ge), list(ge))
ge = (1 / x for x in [1, 0])
print(next(ge))
try:
    next(ge)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
print(next(ge, 'exhausted'))
def infinite():
    n = 0
    while True:
        yield n
        n += 1
import itertools
print(list(itertools.islice(infinite(), 3, 8, 2)))
def gen_send_value():
    received = []
    while len(received) < 3:
        received.append((yield len(received)))
    return received
g = gen_send_value()
next(g); g.send('a'); g.send('b')
try:
    g.send('c')
except StopIteration as e:
    print(e.value)
