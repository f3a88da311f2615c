def count_to(n):
    i = 1
    while i <= n:
        yield i
        i += 1
print(list(count_to(5)), sum(count_to(100)))
g = count_to(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print('done')
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.islice(fib(), 10)))
def pipeline():
    nums = (x for x in range(20))
    evens = (x for x in nums if x % 2 == 0)
    squares = (x * x for x in evens)
    return list(squares)
print(pipeline())
def gen_return():
    yield 1
    return 'ret'
g = gen_return(); next(g)
try:
    next(g)
except StopIteration as e:
    print('value:', e.value)
print(type(g).__name__, g.__name__)
