# check: stderr
# Seed 004: the primed averager; sending a str fails inside the generator and
# the traceback shows both frames and the operand types.
from functools import wraps


def coroutine(func):
    """Decorator: primes `func` by advancing to first `yield`"""
    @wraps(func)
    def primer(*args,**kwargs):
        gen = func(*args,**kwargs)
        next(gen)  #  预激生成器
        return gen # 返回预激的生成器
    return primer


@coroutine # ➎
def averager(): # ➏
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total/count

coro_avg = averager()
print(coro_avg.send(40))
print(coro_avg.send(50))
coro_avg.send('spam')
