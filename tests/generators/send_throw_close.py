def echo():
    received = None
    try:
        while True:
            received = yield received
            print('got', received)
    except ValueError as e:
        print('caught', e)
        yield 'recovered'
    finally:
        print('cleanup')
g = echo()
print(next(g)); print(g.send(1)); print(g.send(2))
print(g.throw(ValueError('boom')))
g.close()
print('closed')
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
s = stubborn(); next(s)
try:
    s.close()
except RuntimeError as e:
    print('RuntimeError:', e)
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as e:
    print('RuntimeError:', e)
g2 = echo()
try:
    g2.send(5)
except TypeError as e:
    print('TypeError:', e)
def simple():
    x = yield
    print('received', x)
c = simple(); next(c)
try:
    c.send(42)
except StopIteration:
    print('StopIteration')
