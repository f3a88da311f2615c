d = {'a': 1, 'b': 2, 3: [4], (1, 2): 'tuple'}
print(d, len(d), d['a'], d[3], d[(1, 2)])
print({}, dict(), dict(a=1, b=2), dict([(1, 2), [3, 4]]), dict({'x': 1}, y=2), dict(zip('ab', range(2))))
try:
    d['zz']
except KeyError as e:
    print('KeyError', e, repr(e))
try:
    d[(5, 6)]
except KeyError as e:
    print('KeyError', e, e.args)
try:
    d[[]]
except TypeError as e:
    print(e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print(e)
try:
    dict([1])
except TypeError as e:
    print(e)
try:
    dict(1, 2)
except TypeError as e:
    print(e)
e = {}
for i in range(20):
    e[i] = i * i
for i in range(0, 20, 3):
    del e[i]
e[0] = 'again'
e[100] = 'new'
print(e)
print(list(e.keys())[:5], list(e.values())[-3:], list(e.items())[2:4])
print(e.get(1), e.get(999), e.get(999, 'dflt'), e.setdefault(1, 'x'), e.setdefault('new', 'y'), e['new'])
print(e.pop(1), e.pop(12345, 'nope'))
try:
    e.pop(12345)
except KeyError as ex:
    print('KeyError', ex)
f = {'x': 1, 'y': 2, 'z': 3}
print(f.popitem(), f.popitem(), f)
f['w'] = 9
print(f, f.popitem(), f.popitem())
try:
    f.popitem()
except KeyError as ex:
    print(ex)
g = {'a': 1}
g.update({'b': 2}, c=3); g.update([('d', 4)]); g.update(e=5)
print(g)
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0))
print(g == {'e': 5, 'd': 4, 'c': 3, 'b': 2, 'a': 1}, g != g, {1: 2} == {1: 2.0}, {} == [])
try:
    {} < {}
except TypeError as ex:
    print(ex)
print(1 in {1: 2}, 2 in {1: 2}, 'a' in g.keys(), ('a', 1) in g.items(), ('a', 2) in g.items(), 1 in g.values())
print({1: 'a'} | {2: 'b'}, {1: 'a', 2: 'b'} | {1: 'c'})
h = {1: 1}
h |= {2: 2}
h |= [(3, 3)]
print(h)
dd = {'x': 1}
dd['self'] = dd
print(dd)
print(repr({1: {2: {3: {}}}}))
print(d.keys(), d.values(), d.items())
print(list(reversed({1: 2, 3: 4})), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
k = {'a': 1, 'b': 2, 'c': 3}.keys()
print(sorted(k & {'a', 'c', 'z'}), sorted(k | {'z'}), sorted(k - {'a'}), sorted(k ^ {'a', 'q'}), k == {'a', 'b', 'c'}, k < {'a', 'b', 'c', 'd'})
print(sorted({'a', 'z'} - k), sorted(['a', 'q'] & k), k.isdisjoint({'x'}), k.isdisjoint(['a']))
i = {1: 2}.items()
print(i | {(3, 4)}, i & {(1, 2)}, i - {(1, 2)})
try:
    for key in e:
        e[key * 1000] = 1
except RuntimeError as ex:
    print(ex)
z = {1: 1, 2: 2}
try:
    for key in z:
        del z[key]
        z[key + 10] = 1
except RuntimeError as ex:
    print(ex)
try:
    hash({})
except TypeError as ex:
    print(ex)
class DD(dict):
    def __missing__(self, key):
        return key * 2
x = DD(a=1)
print(x['a'], x['zz'], x.get('zz'), 'zz' in x, x)
class Plain(dict):
    pass
try:
    Plain()['q']
except KeyError as ex:
    print('KeyError', ex)
big = {str(i): i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[str(i)]
print(len(big), list(big)[:5], sum(big.values()))
c = big.copy(); c.clear(); print(c, len(big))
print({True: 1, 1: 2, 1.0: 3})
it = iter({1: 2, 3: 4}.items())
print(it.__length_hint__(), next(it), it.__length_hint__())
print(dict[str, int])
print({}.keys().mapping, {1: 2}.values().mapping)
