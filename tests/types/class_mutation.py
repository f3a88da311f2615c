# typesys: attribute caches and slots follow class changes
class A:
    def f(self): return "A.f"
class B(A): pass
class C(B): pass
c = C()
for i in range(3): print(c.f())
A.f = lambda self: "new A.f"
print(c.f())
B.f = lambda self: "B.f"
print(c.f())
del B.f
print(c.f())
A.__add__ = lambda s, o: "added"
print(c + 1)
A.__eq__ = lambda s, o: "eq"
print(c == 1, C.__hash__)
def g(self): return "dyn"
C.g = g
print(c.g(), C.g.__name__)
A.__getattr__ = lambda s, n: "ga:" + n
print(c.zzz)
del A.__getattr__
print(hasattr(c, 'zzz'))
A.__call__ = lambda s: "called"
print(c())
A.__iter__ = lambda s: iter([1, 2])
print(list(c))
A.__len__ = lambda s: 3
A.__getitem__ = lambda s, i: i * 10
print(len(c), c[4])
class M(type): pass
M.__repr__ = lambda cls: "M-repr"
class X(metaclass=M): pass
print(repr(X))
A.__init__ = lambda self, v=0: setattr(self, 'v', v)
print(C(9).v)
A.__name__ = "AA"
print(A, A.__name__, A.__qualname__)
A.__qualname__ = "Q"
print(A)
A.__module__ = "mod"
print(A, A.__module__)
A.__doc__ = "doc!"
print(A.__doc__, C.__doc__)
