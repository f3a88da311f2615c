print(list(enumerate('abc')), list(enumerate('ab', 5)), list(enumerate([], start=2)), list(enumerate('x', start=-1)))
print(list(enumerate('ab', 2**70)))
e = enumerate('ab')
print(type(e).__name__, next(e), next(e))
print(list(zip()), list(zip('ab', range(5))), list(zip('abc', 'de', [1, 2, 3])))
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as ex:
    print(ex)
try:
    list(zip([1, 2], [1, 2], [3], strict=True))
except ValueError as ex:
    print(ex)
try:
    list(zip([1, 2, 3], [1, 2], strict=True))
except ValueError as ex:
    print(ex)
print(list(zip([1, 2], 'ab', strict=True)))
print(list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(map(pow, [2, 3], [3, 2], [5, 5])))
try:
    map(len)
except TypeError as ex:
    print(ex)
print(list(filter(None, [0, 1, '', 'a', None, [], [0]])), list(filter(lambda x: x % 2, range(10))), list(filter(bool, [0, 2])))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed('abc')), list(reversed(range(3))), list(reversed({1: 2, 3: 4})))
try:
    reversed(5)
except TypeError as ex:
    print(ex)
try:
    reversed({1, 2})
except TypeError as ex:
    print(ex)
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
print(list(reversed(Seq())), list(iter(Seq())), list(Seq()), 20 in Seq())
class G:
    def __getitem__(self, i):
        if i > 4: raise StopIteration
        return i
print(list(G()), type(iter(G())).__name__)
class R:
    def __reversed__(self): return iter('zyx')
print(list(reversed(R())))
class NR:
    __reversed__ = None
    def __len__(self): return 1
    def __getitem__(self, i): return i
try:
    reversed(NR())
except TypeError as ex:
    print(ex)
n = iter([1, 2, 3, 0, 5])
print(list(iter(lambda: next(n), 0)))
cnt = [0]
def f():
    cnt[0] += 1
    return cnt[0]
print(list(iter(f, 4)))
rv = reversed([1, 2, 3])
print(rv.__length_hint__(), next(rv), rv.__length_hint__())
r2 = reversed(Seq())
print(type(r2).__name__, r2.__length_hint__())
for i, (a, b) in enumerate(zip('xy', 'pq')):
    print(i, a, b)
pairs = list(enumerate('ab'))
print(pairs, [p for p in zip('ab', 'cd')])
print(type(map(str, [])).__name__, type(filter(None, [])).__name__, type(zip()).__name__, type(iter(f, 1)).__name__)
