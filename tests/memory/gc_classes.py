# Classes are collected: a class refers to itself through __mro__.
import gc, weakref

gc.collect()
print("tracked:", gc.is_tracked(int), gc.is_tracked(type), gc.is_tracked(object))

class K:
    pass
print("K tracked:", gc.is_tracked(K))
r = weakref.ref(K)
n_before = len(object.__subclasses__())
del K
gc.collect()
print("K freed:", r() is None)
print("subclass list shrank back:", len(object.__subclasses__()) == n_before - 1)

# A class and its instances in one cycle; __del__ runs before the class goes.
class D:
    def __del__(self):
        print("D.__del__", type(self).__name__, self.x)
d = D()
d.x = 42
d.cls = D
rd = weakref.ref(D)
del d, D
gc.collect()
print("D freed:", rd() is None)

# type(name, bases, dict) and subclasses
def make():
    B = type("B", (), {"f": lambda self: "B.f"})
    C = type("C", (B,), {})
    return weakref.ref(B), weakref.ref(C), C().f()
rb, rc, v = make()
print(v)
gc.collect()
print("B, C freed:", rb() is None, rc() is None)

# Metaclasses: their classes are collected too, and so is the metaclass.
class Meta(type):
    def hello(cls):
        return "hello from " + cls.__name__
class M(metaclass=Meta):
    pass
print(M.hello(), gc.is_tracked(M), gc.is_tracked(Meta))
rm, rmeta = weakref.ref(M), weakref.ref(Meta)
del M, Meta
gc.collect()
print("M, Meta freed:", rm() is None, rmeta() is None)

# A surviving subclass keeps its base alive and working.
def make2():
    class Base:
        def who(self):
            return "Base.who"
    class Sub(Base):
        pass
    return Sub
S = make2()
gc.collect()
print(S().who(), [c.__name__ for c in S.__mro__])

# Method caches stay correct while classes come and go.
for i in range(2000):
    class T:
        v = i
        def get(self):
            return self.v
    assert T().get() == i
print("cache ok")

# Classes with __slots__, class cells (super()), closures.
def make3():
    class P:
        __slots__ = ("a",)
        def __init__(self):
            self.a = self
    class Q(P):
        def __init__(self):
            super().__init__()
    q = Q()
    return weakref.ref(Q), weakref.ref(P)
rq, rp = make3()
gc.collect()
print("slots/super classes freed:", rq() is None, rp() is None)
