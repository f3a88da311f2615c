print({3, 1, 2}, set(), frozenset(), frozenset({1}), {10, 5, 100, 7, 1000}, set([-1, -2, 0, 8, 9, 16]))
print({'a'}, set('a'), set([5, 4, 3, 2, 1, 0, 20, 33, 64]))
print(set(range(20)), set(range(100, 0, -7)))
s = set()
for i in [50, 3, 17, 8, 1, 99, 64, 32, 16]:
    s.add(i)
print(s)
s.discard(17); s.remove(3)
print(s)
try:
    s.remove(12345)
except KeyError as e:
    print('KeyError', e)
print(s.pop(), s.pop(), s)
try:
    set().pop()
except KeyError as e:
    print(e)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([9], (8,)), a.intersection(range(3), [2]), a.difference([1], {2}), a.symmetric_difference([4, 10]))
print(a <= b, {3} < b, b > {3}, a >= {1, 2}, a == {4, 3, 2, 1}, a != b, a.issubset(range(10)), a.issuperset([1]), a.isdisjoint([7]))
c = set(a)
c |= b; print(c)
c &= {1, 5, 7}; print(c)
c -= {1}; print(c)
c ^= {5, 6}; print(c)
c.update([1], [2]); c.intersection_update([1, 2, 3]); c.difference_update([3]); c.symmetric_difference_update([2, 9])
print(c)
try:
    a | [1]
except TypeError as e:
    print(e)
try:
    hash(set())
except TypeError as e:
    print(e)
print(hash(frozenset({1, 2})), hash(frozenset()), hash(frozenset('abc')) == hash(frozenset('cba')))
print({frozenset({1}): 'x'}[frozenset([1])], {1} in {frozenset({1})}, frozenset({1}) == {1})
try:
    {[]}
except TypeError as e:
    print(e)
s = {1, 2}
s2 = s.copy(); s2.add(3); print(s, s2)
f = frozenset([1, 2]); print(f.copy() is f, f | {3}, type(f | {3}).__name__, type({3} | f).__name__)
class S(set):
    pass
x = S([1, 2])
print(x, type(x | {3}).__name__, repr(S()))
try:
    for i in s:
        s.add(i + 10)
except RuntimeError as e:
    print(e)
print(sorted({'x', 'y', 'z'}), len({1, 1.0, True}))
print(set([1, 2]).union(), {1, 2}.intersection())
print(sorted(set({'a': 1, 'b': 2})), set({3: 0, 1: 0}))
print({i * 8 for i in range(10)})
print({2**62, 2**61, -(2**61)})
ss = set(range(50))
for i in range(0, 50, 2):
    ss.discard(i)
print(ss)
ss.update(range(100, 110))
print(ss)
print(frozenset([frozenset([1])]), {(1, 2), (3, 4)} == {(3, 4), (1, 2)})
