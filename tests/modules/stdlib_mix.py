# A mix of the pure-Python stdlib course scripts use: seeded random streams,
# collections, functools, contextlib, heapq, itertools, operator, string, copy, time.
import random, collections, functools, contextlib, heapq, itertools, operator, time, string, copy, io, sys
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice('abcdef'), random.uniform(1, 2), random.randrange(0, 100, 5))
l = list(range(10)); random.shuffle(l); print(l, random.sample(range(100), 5), random.choices('abc', k=5), random.gauss(0, 1), random.getrandbits(70))
random.seed('text'); print(random.random()); random.seed(2**80); print(random.random())
r = random.Random(7); print(r.random(), r.randint(0, 9), random.Random(7).random() == random.Random(7).random())
print(random.triangular(0, 1, 0.5) < 1, round(random.expovariate(1.0), 3) >= 0, random.betavariate(2, 3) < 1)
P = collections.namedtuple('P', ['x', 'y'], defaults=[0])
p = P(1)
print(p, p._asdict(), p._replace(x=5), P._fields, P._field_defaults, p._make([3, 4]) if False else P._make([3, 4]), p == (1, 0), p.x, p[1])
try:
    P()
except TypeError as e:
    print('TypeError:', e)
try:
    collections.namedtuple('Bad', 'a a')
except ValueError as e:
    print('ValueError:', e)
d = collections.deque([1, 2, 3], maxlen=3); d.append(4); d.appendleft(0); d.rotate(1); print(d, d.maxlen, list(reversed(d)), d.count(1))
c = collections.Counter('abracadabra'); print(c, c.most_common(2), c['z'], sorted(c.elements())[:4], c + collections.Counter('aaz'), c - collections.Counter('aaaaaaa'))
dd = collections.defaultdict(list); dd['a'].append(1); print(dd, dict(dd), dd.default_factory)
od = collections.OrderedDict(a=1, b=2, c=3); od.move_to_end('a'); od.popitem(last=False); print(od, list(od))
cm = collections.ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm)) if hasattr(collections, 'ChainMap') else print('no chainmap')
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
part = functools.partial(int, base=2); print(part('101'), part.func, part.keywords, part.args)
print(functools.reduce(operator.mul, range(1, 6)), functools.reduce(lambda a, b: a + b, [], 0))
try:
    functools.reduce(operator.add, [])
except TypeError as e:
    print('TypeError:', e)
@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
print(functools.cmp_to_key(lambda a, b: b - a)(1) < functools.cmp_to_key(lambda a, b: b - a)(2), sorted([1, 3, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
with contextlib.suppress(KeyError):
    {}['x']
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print('captured')
print(repr(buf.getvalue()))
with contextlib.ExitStack() as st:
    for i in range(2):
        st.callback(print, 'exit callback', i)
    print('in stack')
@contextlib.contextmanager
def tag(name):
    print('<%s>' % name)
    try:
        yield name
    except ValueError as e:
        print('handled', e)
    finally:
        print('</%s>' % name)
with tag('b') as t:
    print('inside', t)
with tag('i'):
    raise ValueError('in body')
class Res:
    def close(self): print('closed')
with contextlib.closing(Res()):
    pass
h = [5, 1, 8, 3, 2]; heapq.heapify(h); print(h, heapq.heappop(h), heapq.nlargest(2, h), heapq.nsmallest(2, h), heapq.heappushpop(h, 0), list(heapq.merge([1, 4], [2, 3])))
print(heapq.heapreplace(h, 10), h, heapq.nsmallest(2, [('b', 2), ('a', 9)], key=lambda t: t[1]))
print(list(itertools.accumulate([1, 2, 3])), list(itertools.combinations('abc', 2)), list(itertools.permutations([1, 2, 3], 2))[:3], list(itertools.groupby('aabbbc'))[0][0], [(k, len(list(g))) for k, g in itertools.groupby('aabbbc')])
print(list(itertools.product('ab', repeat=2)), list(itertools.zip_longest('ab', [1], fillvalue='-')), list(itertools.chain.from_iterable([[1], [2, 3]])), list(itertools.starmap(pow, [(2, 3)])), list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(itertools.compress('abc', [1, 0, 1])), list(itertools.tee([1, 2])[1]), list(itertools.repeat('x', 2)), list(itertools.islice(itertools.cycle('ab'), 5)), list(itertools.pairwise('abc')) if hasattr(itertools, 'pairwise') else None)
print(operator.itemgetter(1, 0)('ab'), operator.attrgetter('real')(5), operator.methodcaller('upper')('x'), operator.add(1, 2), operator.neg(3))
print(string.ascii_letters[:5], string.digits, string.punctuation[:5], string.Template('$a-${b}').substitute(a=1, b=2), string.capwords('hi there'))
a = [[1, 2], {'k': [3]}]; b = copy.deepcopy(a); b[0].append(9); c2 = copy.copy(a); print(a, b, c2[0] is a[0])
t = time.localtime(0); print(type(t).__name__, time.strftime('%Y-%m-%d', time.gmtime(86400 * 365)), time.gmtime(0).tm_year, time.mktime(time.localtime(1000)) == 1000.0, len(time.ctime()), time.asctime(time.gmtime(0)))
print(time.strptime('2020-01-02', '%Y-%m-%d').tm_yday if hasattr(time, 'strptime') else 'no strptime')
