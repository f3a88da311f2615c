d = {'a': 1, 'b': 2}
d['c'] = 3
print(d, len(d), d['a'], 'a' in d, 'z' not in d, d.get('z'), d.get('z', 0))
print(list(d.keys()), list(d.values()), list(d.items()))
del d['b']; print(d)
d['b'] = 5; print(d)
print(d.pop('a'), d, d.setdefault('x', 10), d)
d.update({'y': 1}, z=2); print(d)
print(d.popitem(), d)
print(dict(a=1, b=2), dict([('k', 'v')]), dict(zip('abc', range(3))), dict.fromkeys('ab', 0))
print({k: v * 2 for k, v in [('a', 1), ('b', 2)]})
for k, v in sorted({'z': 1, 'y': 2}.items()):
    print(k, v)
e = {1: 'int', 1.5: 'float', (1, 2): 'tuple', None: 'none', True: 'bool'}
print(e)
print({'a': 1} == {'a': 1}, {'a': 1} | {'b': 2})
c = d.copy(); c.clear(); print(c, d)
print(d.keys() & {'x', 'q'}, len(d.items()))
inv = {}
for w in 'the quick the lazy the end'.split():
    inv[w] = inv.get(w, 0) + 1
print(inv)
