# class features: properties, classmethods, staticmethods, __slots__,
# metaclasses, descriptors, __init_subclass__, __set_name__, __class_getitem__
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def c(self):
        "celsius"
        return self._c
    @c.setter
    def c(self, v):
        if v < -273.15:
            raise ValueError('below absolute zero')
        self._c = v
    @c.deleter
    def c(self):
        print('deleting')
        del self._c
    @property
    def f(self):
        return self._c * 9 / 5 + 32
t = Temp(100)
print(t.c, t.f, Temp.c.__doc__, type(Temp.c).__name__)
t.c = 0
print(t.f)
try:
    t.c = -300
except ValueError as e:
    print('ValueError:', e)
try:
    t.f = 5
except AttributeError as e:
    print('AttributeError:', e)
del t.c
print(hasattr(t, '_c'))
try:
    del t.f
except AttributeError as e:
    print('AttributeError:', e)

class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    @classmethod
    def make(cls, n):
        return [cls() for _ in range(n)]
    @staticmethod
    def describe(x):
        return 'x=%s' % x
    @classmethod
    def name(cls):
        return cls.__name__
class Sub(Counter):
    pass
Counter.make(2)
print(Counter.count, Sub.name(), Sub().name(), Counter.describe(3), Sub().describe(4))
print(type(Counter.__dict__['make']).__name__, type(Counter.__dict__['describe']).__name__)

class P:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x, self.y = x, y
p = P(1, 2)
print(p.x, p.y, hasattr(p, '__dict__'), P.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print('AttributeError:', e)
del p.x
try:
    p.x
except AttributeError as e:
    print('AttributeError:', e)
class P3(P):
    pass
p3 = P3(1, 2)
p3.z = 5
print(p3.z, p3.__dict__)

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns['created_by'] = mcls.__name__
        cls = super().__new__(mcls, name, bases, ns)
        cls.extra = kw
        return cls
    def __call__(cls, *a, **k):
        print('Meta.__call__', cls.__name__, a)
        return super().__call__(*a, **k)
    def __repr__(cls):
        return '<class %s via Meta>' % cls.__name__
class WithMeta(metaclass=Meta, flag=True):
    def __init__(self, v):
        self.v = v
w = WithMeta(5)
print(w.v, WithMeta.created_by, WithMeta.extra, WithMeta, type(WithMeta).__name__, isinstance(WithMeta, Meta))
class SubMeta(WithMeta):
    pass
print(SubMeta, SubMeta.extra, type(SubMeta) is Meta)

class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = '_' + name
        print('__set_name__', owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError('%s must be %s' % (self.name[1:], self.kind.__name__))
        setattr(obj, self.name, value)
class Rec:
    n = Typed(int)
    s = Typed(str)
r = Rec()
r.n = 5
r.s = 'x'
print(r.n, r.s, isinstance(Rec.n, Typed), r.__dict__)
try:
    r.n = 'bad'
except TypeError as e:
    print('TypeError:', e)

class NonData:
    def __get__(self, obj, objtype=None):
        return 'from descriptor'
class HasND:
    attr = NonData()
h = HasND()
print(h.attr)
h.attr = 'instance wins'
print(h.attr, HasND.attr)

class Plugin:
    registry = []
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        cls.key = key
        Plugin.registry.append(cls.__name__)
class A(Plugin, key='a'):
    pass
class B(A):
    pass
print(Plugin.registry, A.key, B.key)
try:
    class C(Plugin, bogus=1):
        pass
except TypeError as e:
    print('TypeError:', e)

class G:
    def __class_getitem__(cls, item):
        return 'G[%s]' % (item.__name__ if isinstance(item, type) else item)
print(G[int], G['x'], list[int], dict[str, int])

class Lazy:
    def __getattr__(self, name):
        if name.startswith('x'):
            return name.upper()
        raise AttributeError(f'no {name}')
    def __getattribute__(self, name):
        if name == 'secret':
            return 42
        return object.__getattribute__(self, name)
lz = Lazy()
print(lz.xyz, lz.secret)
try:
    lz.other
except AttributeError as e:
    print('AttributeError:', e)
class Frozen:
    def __setattr__(self, k, v):
        raise AttributeError(f'cannot set {k}')
    def __delattr__(self, k):
        raise AttributeError(f'cannot delete {k}')
fz = Frozen()
for op in (lambda: setattr(fz, 'a', 1), lambda: delattr(fz, 'a')):
    try:
        op()
    except AttributeError as e:
        print(e)
print(vars(Temp(1)), sorted(k for k in vars(Counter) if not k.startswith('__')))
print(Sub.__mro__, Sub.__bases__, Sub.__qualname__, Sub.__module__)
