import gc, weakref

class Obj:
    def __init__(self, n): self.n = n
    def __repr__(self): return f'Obj({self.n})'

# Callbacks run newest first, each with its dead weakref.
o = Obj(1)
refs = [weakref.ref(o, lambda r, i=i: print('callback', i, r() is None)) for i in range(3)]
del o
print('after del')

# Weakrefs to objects in a collected cycle: cleared, callbacks called.
a = Obj('a'); b = Obj('b'); a.peer = b; b.peer = a
ra = weakref.ref(a, lambda r: print('a died'))
del a, b
print('before collect', ra() is not None)
gc.collect()
print('after collect', ra())

# WeakValueDictionary entries vanish when the value dies in a cycle.
cache = weakref.WeakValueDictionary()
for name in 'xyz':
    v = Obj(name); v.me = v
    cache[name] = v
del v
print(sorted(cache.keys()) != [], len(cache) <= 3)
gc.collect()
print(sorted(cache.keys()), len(cache))
keep = Obj('k'); cache['k'] = keep
gc.collect()
print(sorted(cache.keys()), cache['k'])

# A callback that is itself garbage in the cycle is not called (CPython).
c = Obj('c'); c.me = c
c.ref = weakref.ref(c, lambda r: print('never printed'))
del c
gc.collect()
print('gc.garbage', gc.garbage)
