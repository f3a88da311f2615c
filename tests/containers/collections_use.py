from collections import defaultdict, Counter, OrderedDict, namedtuple, deque
d = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    d[k].append(v)
print(d, dict(d), d['zz'], len(d))
c = Counter('abracadabra')
print(c, c.most_common(2), c['z'])
P = namedtuple('P', 'x y')
p = P(1, 2)
print(p, p.x, p[1], p._replace(x=5), tuple(p), p == (1, 2), hash(p) == hash((1, 2)), P._make([3, 4]))
o = OrderedDict()
o['b'] = 1; o['a'] = 2; o.move_to_end('b')
print(o, list(o))
q = deque([1, 2, 3]); q.appendleft(0); q.rotate(1)
print(q, list(reversed(q)))
import heapq
h = [5, 1, 4, 2]; heapq.heapify(h); print([heapq.heappop(h) for _ in range(4)])
import itertools
print(list(itertools.chain([1], (2,))), list(itertools.islice(range(10), 2, 8, 2)), list(itertools.product('ab', repeat=2)))
import functools
print(functools.reduce(lambda a, b: a + b, [1, 2, 3]), sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
import copy
x = [1, [2, {3: (4,)}]]
y = copy.deepcopy(x); y[1][1][3] = 0
print(x, y, copy.copy({1: 2}))
