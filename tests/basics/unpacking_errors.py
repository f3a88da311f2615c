# unpacking: targets, starred, nested, errors
a, b = 1, 2
a, b = b, a
print(a, b)
(a, b), c = (1, 2), 3
print(a, b, c)
first, *rest = [1, 2, 3, 4]
*init, last = 'abcd'
x, *mid, y = range(6)
print(first, rest, init, last, x, mid, y)
tag, *payload = ('A',)
print(tag, payload)
for i, (k, v) in enumerate({'a': 1, 'b': 2}.items()):
    print(i, k, v)
[p, q] = 'xy'
print(p, q)
a = b = c = 7
print(a, b, c)
d = {}
d['k'], lst = 5, [0, 0]
lst[0], lst[1] = lst[1] + 1, lst[0] + 2
print(d, lst)
print(*[1, 2], *'ab', sep='-')
print([*range(3), *(4, 5)], {*'aab'} == {'a', 'b'}, {**{'x': 1}, 'y': 2, **{'x': 3}})
def f(*args, **kw):
    return args, kw
print(f(*[1, 2], 3, *(4,), a=1, **{'b': 2}))
for value, fn in [((1, 2, 3), lambda: eval('(lambda: (a, b))')),]:
    pass
tests = [
    "a, b = 1, 2, 3",
    "a, b, c = [1, 2]",
    "a, b = 1",
    "a, *b, c = [1]",
    "(a, b), c = [1, 2], 3",
    "a, b = None",
    "a, b = 'abc'",
    "[a] = []",
    "a, b = {'x': 1}",
    "f(**{'a': 1}, **{'a': 2})",
    "f(*5)",
    "f(**[1])",
    "f(**{1: 2})",
]
for src in tests:
    try:
        exec(src)
        print('ok', src)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
def gen():
    yield 1
    yield 2
    yield 3
try:
    a, b = gen()
except ValueError as e:
    print('ValueError:', e)
a, b, c = gen()
print(a, b, c)
(a, *b), = [(1, 2, 3)]
print(a, b)
def f(*a, **k): pass
for src in ["f(*5)", "f(1, *5)", "f(*5, 1)", "f(*[1], *5)", "[*5]", "print(*None)", "f(**5)", "f(1, **5)", "f(a=1, **5)", "(*5,)", "{*5}", "{**5}"]:
    try: exec(src)
    except TypeError as e: print(src, '->', e)
