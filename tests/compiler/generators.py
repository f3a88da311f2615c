# Compiler: generators, yield from, coroutine-style send/throw/close.
import inspect
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        if term is None:
            break
        total += term
        count += 1
        average = total / count
    return (count, average)

def grouper(results, key):
    while True:
        results[key] = yield from averager()

data = {'girls;kg': [40.9, 38.5, 44.3], 'boys;m': [1.38, 1.5, 1.32]}
results = {}
for key, values in data.items():
    group = grouper(results, key)
    next(group)
    for value in values:
        group.send(value)
    group.send(None)
print(results)

def coro():
    print("start")
    try:
        while True:
            try:
                x = yield
            except ValueError as e:
                print("caught in coro", e)
            else:
                print("got", x)
    finally:
        print("coro closing")
c = coro()
print(inspect.getgeneratorstate(c))
next(c)
c.send(1)
c.throw(ValueError("boom"))
print(inspect.getgeneratorstate(c))
c.close()
print(inspect.getgeneratorstate(c))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.islice(fib(), 10)))
def gen_ret():
    yield 1
    return 5
def outer():
    v = yield from gen_ret()
    yield v
print(list(outer()))
g = (i * i for i in range(4))
print(next(g), list(g))
def err_avg():
    total = 0
    while True:
        t = yield
        total += t
e = err_avg(); next(e); e.send(1)
try:
    e.send("x")
except TypeError as ex:
    print(ex)
