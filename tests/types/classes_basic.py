# typesys: classes, MRO, super, properties, dunders
class A:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"A({self.x})"
    def __add__(self, o):
        return A(self.x + o.x)
    def __eq__(self, o):
        return isinstance(o, A) and self.x == o.x

a = A(1); b = A(2)
print(a, b, a + b, a == A(1), a != A(1), a == 3)
try:
    hash(a)
except TypeError as e:
    print("TypeError", e)

class B(A):
    def __radd__(self, o):
        return "radd"
print(a + B(3))
print(3 + B(3) if False else "skip")

class D1:
    def hi(self): return "D1"
class D2(D1):
    def hi(self): return "D2>" + super().hi()
class D3(D1):
    def hi(self): return "D3>" + super().hi()
class D4(D2, D3):
    def hi(self): return "D4>" + super().hi()
print(D4().hi(), [c.__name__ for c in D4.__mro__])
try:
    class X(D1, D2): pass
except TypeError as e:
    print(e)

class P:
    def __init__(self): self._v = 0
    @property
    def v(self): return self._v
    @v.setter
    def v(self, val): self._v = val * 2
    @classmethod
    def make(cls): return cls()
    @staticmethod
    def s(a, b): return a + b
p = P.make(); p.v = 5; print(p.v, P.s(1, 2), p.s(3, 4), type(p).__name__)
try:
    del p.v
except AttributeError as e:
    print(e)

class G:
    def __getattr__(self, n): return "got " + n
g = G(); g.y = 1
print(g.zz, g.y)

class C:
    def __call__(self, *a, **k): return (a, k)
print(C()(1, 2, k=3))
print(isinstance(1, (str, int)), isinstance("x", (int, float)), issubclass(bool, int))
print(repr(A), repr(int), type(a), type(type), type(None))
print(C.__qualname__, C.__module__)
