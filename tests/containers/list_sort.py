# list.sort / sorted: stability, keys, reverse, errors
import random
random.seed(5)
data = [random.randint(0, 50) for _ in range(300)]
a = list(data); a.sort(); print(a == sorted(data), a[:10], a[-5:])
pairs = [(x % 7, i) for i, x in enumerate(data)]
b = sorted(pairs, key=lambda p: p[0])
ok = all(b[i][0] < b[i+1][0] or (b[i][0] == b[i+1][0] and b[i][1] < b[i+1][1]) for i in range(len(b)-1))
print('stable', ok)
c = sorted(pairs, key=lambda p: p[0], reverse=True)
ok = all(c[i][0] > c[i+1][0] or (c[i][0] == c[i+1][0] and c[i][1] < c[i+1][1]) for i in range(len(c)-1))
print('stable reverse', ok)
words = "the quick brown fox jumps over the lazy dog Zeta alpha".split()
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(sorted([3.5, -1.0, 2.25, 1e10, -7.5]), sorted([10**30, -5, 3, 2**70]))
print(sorted([(1, 'b'), (1, 'a'), (0, 'z')]), sorted([[2], [1, 5], [1]]))
print(sorted(range(20, 0, -1))[:5], sorted([]), sorted([1]))
try:
    sorted([1, 'a', 2])
except TypeError as e:
    print(e)
try:
    [3, 1].sort(lambda x: x)
except TypeError as e:
    print(e)
l = [5, 4, 3, 2, 1]
def bad(x):
    l.append(x)
    return x
try:
    l.sort(key=bad)
except ValueError as e:
    print(e, l)
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return 'K(%d)' % self.v
print(sorted([K(3), K(1), K(2)]))
big = list(range(1000)) + list(range(500))
big.sort(reverse=True); print(big[:3], big[-3:], len(big))
x = list(range(100000, 0, -1)); x.sort(); print(x[:3], x[-1])
y = [random.random() for _ in range(2000)]; print(sorted(y) == sorted(y, key=lambda v: v))
s = ['b', 'a', 'c']; s.sort(key=None, reverse=False); print(s)
