# dunder protocols: iteration, __getitem__ iteration, __contains__, __len__ /
# __bool__, __call__, context managers that suppress, comparisons, hashing
class CountDown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
print(list(CountDown(3)), sum(CountDown(4)), max(CountDown(5)), 2 in CountDown(3))
it = CountDown(2)
print(next(it), next(it), next(it, 'done'))
class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Squares()), 9 in Squares(), 5 in Squares(), list(reversed([1, 2])), [x for x in Squares()])
print(iter(Squares()).__class__.__name__)
class OnlyLen:
    def __len__(self):
        return 0
class BoolWins:
    def __len__(self):
        return 5
    def __bool__(self):
        return False
class NoBool:
    pass
print(bool(OnlyLen()), bool(BoolWins()), bool(NoBool()), len(BoolWins()), 'yes' if OnlyLen() else 'no')
class BadLen:
    def __len__(self):
        return -1
class BadBool:
    def __bool__(self):
        return 1
for obj, fn in ((BadLen(), len), (BadBool(), bool), (NoBool(), len), (5, len)):
    try:
        fn(obj)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
class Box:
    def __init__(self, items):
        self.items = items
    def __contains__(self, x):
        print('contains?', x)
        return x in self.items
print(3 in Box([3]), 4 not in Box([3]))
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *, times=1):
        return (x + self.n) * times
add5 = Adder(5)
print(add5(1), add5(1, times=3), callable(add5), callable(Adder), callable(3), list(map(add5, [1, 2])))
try:
    Box([])()
except TypeError as e:
    print('TypeError:', e)
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, et, ev, tb):
        print('exit', et.__name__ if et else None, ev)
        return et is not None and issubclass(et, self.types)
with Suppress(KeyError) as s:
    {}['missing']
    print('not reached')
print('after suppressed', type(s).__name__)
try:
    with Suppress(KeyError):
        raise ValueError('passes through')
except ValueError as e:
    print('caught', e)
with Suppress(), Suppress(ZeroDivisionError):
    1 / 0
print('nested with ok')
def early():
    with Suppress():
        return 'returned'
print(early())
for i in range(3):
    with Suppress():
        if i == 1:
            continue
        print('body', i)
class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__ + ':', e)
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, V) and self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return 'V(%r)' % self.v
print(V(1) == V(1), V(1) != V(2), V(2) > V(1), sorted([V(3), V(1), V(2)]), max(V(1), V(5)))
try:
    hash(V(1))
except TypeError as e:
    print('TypeError:', e)
try:
    V(1) <= V(2)
except TypeError as e:
    print('TypeError:', e)
class H(V):
    __hash__ = lambda self: hash(self.v)
print(len({H(1), H(1), H(2)}), {H(1): 'a'}[H(1)])
class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))
    __radd__ = __add__
    def __iadd__(self, o):
        self.v += 100
        return self
    def __neg__(self):
        return Num(-self.v)
    def __abs__(self):
        return Num(abs(self.v))
    def __int__(self):
        return self.v
    def __float__(self):
        return float(self.v)
    def __index__(self):
        return self.v
    def __repr__(self):
        return 'Num(%d)' % self.v
    def __format__(self, spec):
        return 'Num<' + format(self.v, spec) + '>'
n = Num(2)
print(n + 1, 1 + n, sum([Num(1), Num(2)]), -n, abs(Num(-3)), int(n), float(n), [10, 20, 30][Num(1)], hex(Num(255)), f'{n:>4}')
n += 1
print(n)
try:
    n * 2
except TypeError as e:
    print('TypeError:', e)
class Dyn:
    def __dir__(self):
        return ['b', 'a']
    def __repr__(self):
        return 'Dyn()'
    def __str__(self):
        return 'dyn!'
print(dir(Dyn()), str(Dyn()), repr(Dyn()), '%s %r' % (Dyn(), Dyn()), f'{Dyn()} {Dyn()!r}', [Dyn()])
class Rev:
    def __reversed__(self):
        return iter('cba')
    def __len__(self):
        return 3
print(list(reversed(Rev())))
class Del:
    def __del__(self):
        print('__del__ ran')
d = Del()
del d
print('end')
