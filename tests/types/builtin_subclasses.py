# typesys: subclassing built-ins, hashing rules, dynamic class changes
class MyInt(int):
    def __add__(self, o): return MyInt(int(self) + int(o) + 100)
    def __repr__(self): return f"MyInt({int(self)})"
a = MyInt(5)
print(a + 1, 1 + a, a * 2, type(a * 2), a == 5, hash(a) == hash(5), a.real, isinstance(a, int))
class R:
    def __radd__(self, o): return ("radd", o)
    def __rsub__(self, o): return ("rsub", o)
    def __rmul__(self, o): return ("rmul", o)
print(1 + R(), [1] + R() if False else 'x', 2 - R(), "a" * 1, 3 * R())
class S(str):
    def shout(self): return self.upper() + "!"
s = S("hi"); print(s.shout(), s + "x", type(s + "x"), len(s), s == "hi", {s: 1}["hi"])
class L(list):
    def __init__(self, *a):
        super().__init__(a)
    def total(self): return sum(self)
l = L(1, 2, 3); l.append(4); print(l, l.total(), len(l), type(l), isinstance(l, list), l[1:3])
class D(dict):
    def __missing__(self, k): return k * 2
d = D(a=1); print(d['a'], d['zz'], d.get('q'), type(d))
class T(tuple):
    def __new__(cls, a, b): return super().__new__(cls, (a, b))
    @property
    def first(self): return self[0]
t = T(1, 2); print(t, t.first, len(t), type(t).__name__)
t.extra = 5; print(t.extra, t.__dict__)
from collections import namedtuple
Pt = namedtuple('Pt', 'x y')
p = Pt(1, 2); print(p, p.x, p.y, p._asdict() if hasattr(p, '_asdict') else '', p + (3,))
class E:
    def __eq__(self, o): return True
class F(E):
    __hash__ = object.__hash__
print(E.__hash__, F.__hash__ is object.__hash__, hash(F()) != 0)
class G:
    x = 1
G.x = 2; g = G(); print(g.x)
G.__repr__ = lambda self: "G!"
print(repr(g), str(g))
G.__len__ = lambda self: 42
print(len(g))
del G.__len__
print(hasattr(g, '__len__'))
class H1: pass
class H2: pass
h = H1(); h.__class__ = H2; print(type(h).__name__)
class Base:
    @classmethod
    def create(cls): return cls.__name__
class Der(Base):
    @classmethod
    def create(cls): return "D>" + super().create()
print(Der.create(), Der().create())
class MyProp(property):
    pass
class UsesProp:
    @MyProp
    def v(self): return 7
print(UsesProp().v, type(UsesProp.__dict__['v']).__name__)
class WithSlots:
    __slots__ = ('a', '__dict__')
w = WithSlots(); w.a = 1; w.b = 2; print(w.a, w.b, w.__dict__)
class Cnt:
    n = 0
    def __init__(self): Cnt.n += 1
[Cnt() for _ in range(5)]; print(Cnt.n)
print(type.__subclasses__(type) if False else '', int.__mro__, bool.__mro__)
print(object.__subclasshook__(), Der.__base__, Der.__bases__, Der.mro())
class Ann:
    a: int = 3
    b: str
print(Ann.__annotations__, Ann.a)
def deco(cls):
    cls.tag = 'd'
    return cls
@deco
class Dc: pass
print(Dc.tag)
class Outer:
    class Inner:
        pass
print(Outer.Inner.__qualname__, Outer.Inner)
print(vars(Dc).keys() if False else sorted(k for k in vars(Dc) if not k.startswith('__')))
