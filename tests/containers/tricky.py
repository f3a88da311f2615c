class K:
    def __init__(self, v, h=1): self.v = v; self.h = h
    def __hash__(self): return self.h
    def __eq__(self, o): return isinstance(o, K) and self.v == o.v
    def __repr__(self): return 'K%d' % self.v
d = {K(i): i for i in range(20)}
print(len(d), d[K(7)], K(25) in d, list(d)[:5])
del d[K(3)]
print(K(3) in d, len(d), d.pop(K(19)), list(d)[-2:])
s = {K(i) for i in range(20)}
print(len(s), K(4) in s, K(30) in s)
s.discard(K(4)); print(len(s), K(4) in s)
class Bad:
    def __lt__(self, o): raise ValueError('no compare')
l = [3, Bad(), 1, 2]
try:
    l.sort()
except ValueError as e:
    print(e, len(l))
class Evil:
    def __eq__(self, o):
        victim.clear()
        return False
    __hash__ = object.__hash__
victim = [1, 2, Evil(), 3]
print(Evil() in victim, victim)
x = []; x.append(x); print(x == x, x in x, [x] == [x])
l = [1, 2]; l.extend(l); print(l)
l[:] = reversed(l); print(l)
l[1:3] = l; print(l)
d = {1: 1, 2: 2, 3: 3}
try:
    for k, v in d.items():
        del d[k]
except RuntimeError as e:
    print(e)
d = dict.fromkeys(range(10))
for i in range(10):
    if i % 3: del d[i]
print(d.popitem(), d.popitem(), d)
d[100] = 1; d[-1] = 2
print(d, list(reversed(d)), list(reversed(d.items())))
class Mut:
    def __init__(self, d): self.d = d
    def __hash__(self): return 0
    def __eq__(self, o):
        self.d.clear()
        return False
dd = {}
m1 = Mut(dd)
dd[0] = 'zero'
dd[Mut(dd)] = 1
try:
    print(dd.get(m1), len(dd))
except Exception as e:
    print(type(e).__name__, e)
print(sorted([[3, 'b'], [1, 'a'], [3, 'a']]), sorted([(1, 2), (1,), ()]))
print(list(range(0, -10, -3)), list(range(-3, 3))[::-1])
t = ([],)
t[0].append(t)
print(t, repr(t))
s = set(range(5)); s2 = s; s -= {1}; print(s is s2, s)
fs = frozenset([1]); fs2 = fs; fs |= {2}; print(fs is fs2, fs, fs2)
print({1: 2}.keys() - {1}, {1: 2}.items() ^ {(1, 2), (3, 4)}, {1: 2}.keys() & [1, 5])
print(dict(sorted({'b': 1, 'a': 2}.items())), {**{'a': 1}, **{'b': 2}}, [*range(3), *'ab'], {*range(3)})
