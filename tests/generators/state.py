from inspect import getgeneratorstate
import inspect
def simple_coro2(a):
    print('-> Started: a =', a)
    b = yield a
    print('-> Received: b =', b)
    c = yield a + b
    print('-> Received: c =', c)
my_coro2 = simple_coro2(14)
print(getgeneratorstate(my_coro2))
print(next(my_coro2))
print(getgeneratorstate(my_coro2))
print(my_coro2.send(28))
try:
    my_coro2.send(99)
except StopIteration:
    print('StopIteration')
print(getgeneratorstate(my_coro2))
def running():
    yield getgeneratorstate(r)
r = running(); print(next(r))
print(inspect.isgeneratorfunction(simple_coro2), inspect.isgenerator(r))
