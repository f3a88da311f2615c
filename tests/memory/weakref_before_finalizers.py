# The collector kills weakrefs to garbage (calling their callbacks) before any __del__ runs, as CPython.
import gc, weakref
class A:
    def __init__(self, name): self.name = name
    def __del__(self): print('del', self.name)
a = A('a'); b = A('b'); a.peer = b; b.peer = a
r = weakref.ref(a, lambda ref: print('callback a, dead:', ref() is None))
del a, b
print('collect', gc.collect())
print('after', r())
