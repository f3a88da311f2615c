import weakref, gc
class Obj:
    def __init__(self, n): self.n = n
    def __repr__(self): return f'Obj({self.n})'
o = Obj(1)
r = weakref.ref(o)
print(r() is o, r(), weakref.getweakrefcount(o))
def cb(ref):
    print('callback called, dead:', ref() is None)
r2 = weakref.ref(o, cb)
del o
print(r(), r2())
cache = weakref.WeakValueDictionary()
a = Obj(2); b = Obj(3)
cache['a'] = a; cache['b'] = b
print(sorted(cache.keys()), len(cache))
del a
print(sorted(cache.keys()), 'a' in cache, cache.get('a'))
try:
    weakref.ref(1)
except TypeError as e:
    print('TypeError:', e)
s = weakref.WeakSet(); x = Obj(4); s.add(x); print(len(s)); del x; print(len(s))
