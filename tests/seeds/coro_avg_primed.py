from functools import wraps
from inspect import getgeneratorstate


def coroutine(func):
    """Decorator: primes `func` by advancing to first `yield`"""
    @wraps(func)
    def primer(*args,**kwargs):
        gen = func(*args,**kwargs)
        next(gen)  #  预激生成器
        return gen # 返回预激的生成器
    return primer


@coroutine
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total/count

coro_avg = averager()
print(getgeneratorstate(coro_avg))
print(coro_avg.send(40))
print(coro_avg.send(50))
try:
    coro_avg.send('spam')
except TypeError as e:
    print('TypeError:', e)
print(getgeneratorstate(coro_avg))
try:
    coro_avg.send(60)
except StopIteration:
    print('StopIteration')
print(averager.__name__, averager.__doc__)
