# typesys: metaclasses, __init_subclass__, descriptors, slots, container dunders
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns['added'] = kw.get('tag', 'none')
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        cls.inited = True
    def __call__(cls, *a):
        print("meta call", cls.__name__, a)
        return super().__call__(*a)
class Base(metaclass=Meta, tag='t1'):
    def __init__(self, v): self.v = v
class Sub(Base):
    pass
print(Base.added, Sub.added, Base.inited, type(Base), type(Sub))
s = Sub(5); print(s.v)

class Reg:
    registry = []
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        Reg.registry.append((cls.__name__, key))
class R1(Reg, key='a'): pass
class R2(R1): pass
print(Reg.registry)

class Desc:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        if obj is None: return self
        return obj.__dict__.get(self.name, 0) * 10
    def __set__(self, obj, val):
        obj.__dict__[self.name] = val
class H:
    d = Desc()
h = H(); h.d = 4; print(h.d, H.d.name, type(H.__dict__['d']).__name__)

class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self): self.a = 1
sl = Slotted(); print(sl.a, hasattr(sl, 'b'), hasattr(sl, '__dict__'), Slotted.a)
sl.b = 2; print(sl.b)

class V:
    def __init__(self, *xs): self.xs = list(xs)
    def __len__(self): return len(self.xs)
    def __getitem__(self, i): return self.xs[i]
    def __setitem__(self, i, v): self.xs[i] = v
    def __delitem__(self, i): del self.xs[i]
    def __iter__(self): return iter(self.xs)
    def __contains__(self, x): return x in self.xs
    def __bool__(self): return bool(self.xs)
    def __neg__(self): return V(*[-x for x in self.xs])
    def __repr__(self): return "V%r" % (self.xs,)
    def __lt__(self, o): return len(self) < len(o)
    def __iadd__(self, o): self.xs += o.xs; return self
v = V(1, 2, 3)
v[0] = 10; del v[1]; print(v, len(v), v[0], 3 in v, 5 in v, bool(V()), -v, list(v))
print(V(1) < V(1, 2), V(1, 2) > V(1), sorted([V(1,2), V(1)]))
w = v; v += V(7); print(v, w is v)

class Seq:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * i
print(list(Seq()), 4 in Seq())

class N:
    def __init__(self, n): self.n = n
    def __index__(self): return self.n
    def __int__(self): return self.n + 100
    def __float__(self): return 2.5
print([0, 1, 2, 3][N(2)], int(N(1)), float(N(1)), bin(N(5)) if False else '')

class Str:
    def __str__(self): return "S!"
    def __format__(self, spec): return "F" + spec
print(str(Str()), f"{Str():>5}", format(Str(), "x"), repr(Str())[:15])
print(type("X", (object,), {"a": 1})().a, type("Y", (), {}).__mro__)
print(int.__add__(1, 2), list.__len__([1, 2]), dict.__getitem__({'a': 1}, 'a'))
l = []; list.append(l, 3); print(l, [].append.__name__, list.append)
print(object.__new__(H).__class__, int.__new__(int, 5), tuple.__new__(tuple, [1, 2]))
