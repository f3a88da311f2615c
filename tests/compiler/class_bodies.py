# Compiler: class bodies, __class__ cell and super(), qualnames, docstrings, annotations.
class Base:
    """Base doc"""
    cls_attr = 10
    def __init__(self, v):
        self.v = v
    def show(self):
        return f"Base({self.v})"
    @classmethod
    def make(cls, v):
        return cls(v)
    @staticmethod
    def stat(a, b=1):
        return a + b
    @property
    def double(self):
        return self.v * 2

class Derived(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
    def show(self):
        return "Derived/" + super().show() + f"/{self.w}"
    def klass(self):
        return __class__.__name__

d = Derived(1, 2)
print(d.show(), d.double, Derived.stat(1), Base.make(5).show(), d.klass())
print(Base.__doc__, Derived.__doc__, Base.__qualname__, Derived.show.__qualname__)
print(Base.__module__, Derived.__name__)

def deco(tag):
    def wrap(fn):
        def inner(*a, **k):
            return f"{tag}<{fn(*a, **k)}>"
        return inner
    return wrap

@deco("x")
@deco("y")
def hello(name):
    """hello doc"""
    return "hi " + name
print(hello("bob"))

def documented():
    """I am documented."""
print(documented.__doc__, hello.__doc__)
def undocumented():
    x = 1
print(undocumented.__doc__)

class Private:
    def __init__(self):
        self.__secret = 42
    def get(self):
        return self.__secret
p = Private()
print(p.get(), p._Private__secret)

def factory():
    class Local:
        def m(self):
            pass
    return Local
print(factory().__qualname__, factory().m.__qualname__)
print((lambda: 0).__qualname__)
def q():
    return [lambda: 0 for _ in range(1)][0].__qualname__
print(q())

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns['extra'] = kw.get('flag')
        return super().__new__(mcls, name, bases, ns)
class WithMeta(metaclass=Meta, flag="on"):
    pass
print(WithMeta.extra, type(WithMeta).__name__)

class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
Counter(); Counter()
print(Counter.count)

x = "global x"
class Scope:
    x = "class x"
    def m(self):
        return x
    y = [x for _ in range(1)]
print(Scope().m(), Scope.y)

def f():
    x = "f x"
    class C:
        x = "C x"
        def m(self):
            return x
        z = x
    return C().m(), C.z
print(f())

class Slots:
    __slots__ = ('a',)
s = Slots(); s.a = 3; print(s.a)

class Ann:
    a: int = 3
    b: str
print(Ann.a, Ann.__annotations__)
v: int = 7
print(v, __annotations__)

def fann(a: int, b: "str" = "x") -> bool:
    return True
print(fann.__annotations__)

class Dunder:
    def __repr__(self): return "Dunder!"
    def __eq__(self, o): return True
    __hash__ = None
print(Dunder(), Dunder() == 1)

class Multi(Derived, object):
    pass
print([c.__name__ for c in Multi.__mro__])
