class Counter:
    instances = []
    def __init__(self):
        Counter.instances.append(self)
        self.__private = 1
    def peek(self):
        return self.__private
a = Counter(); b = Counter()
print(len(Counter.instances), a.peek(), hasattr(a, '__private'), a._Counter__private)
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns['tag'] = name.lower()
        return super().__new__(mcls, name, bases, ns)
class Tagged(metaclass=Meta):
    pass
print(Tagged.tag, type(Tagged).__name__)
T = type('T', (object,), {'x': 1, 'hello': lambda self: 'hi'})
print(T.x, T().hello(), T.__name__)
class Base:
    def __init_subclass__(cls, **kw):
        cls.registered = True
class Sub(Base): pass
print(Sub.registered)
class Slots:
    def __init__(self): self.a = 1
s = Slots(); setattr(s, 'b', 2); print(getattr(s, 'b'), vars(s)); delattr(s, 'a'); print(vars(s))
print(Counter.__qualname__, Counter.peek.__qualname__, Counter.__module__)
