t = (1, 'a', None)
print(t, (1,), (), ((),), len(t), t[1], t[-1], t[::-1], t[1:], t[5:], t[::2])
print(hash((1, 2)), hash(()), hash((1, (2, 3), 'x')) == hash((1, (2, 3), 'x')), hash((-1,)), hash((1.5, True)))
print((1, 2) + (3,), (1,) * 3, 2 * (0, 1), () * 5, (1,) * 0)
try:
    (1,) + [2]
except TypeError as e:
    print(e)
try:
    t[10]
except IndexError as e:
    print(e)
try:
    t['a']
except TypeError as e:
    print(e)
print((1, 2) < (1, 3), (1, 2) == (1, 2), (1,) < (1, 0), (2,) > (1, 5), () == (), (1, 2) != (1, 2))
print(t.count('a'), t.index(None), 'a' in t, 5 in t)
try:
    t.index(5)
except ValueError as e:
    print(e)
print(tuple([1, 2]), tuple('ab'), tuple(range(3)), tuple(), tuple(t) is t)
try:
    hash(([],))
except TypeError as e:
    print(e)
try:
    t[0] = 1
except TypeError as e:
    print(e)
l = [1]
t2 = (l,)
l.append(t2)
print(t2)
class P(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def x(self): return self[0]
p = P(1, 2)
print(p, p.x, type(p).__name__, len(p), p + (3,), isinstance(p, tuple))
a, b = p
print(a, b)
it = iter((1, 2))
print(it.__length_hint__(), list(it))
print(tuple[int, str])
