# Compiler: closures, nonlocal/global, late binding, unwinding from nested blocks.
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
def nl():
    total = 0
    def add(n):
        nonlocal total
        for k in range(n):
            total += k
    add(4); add(3)
    return total
print(nl())
def outer():
    x = 1
    def mid():
        nonlocal x
        x += 1
        def inner():
            nonlocal x
            x *= 10
        inner()
    mid()
    return x
print(outer())
def classdeco(cls):
    cls.tagged = True
    return cls
@classdeco
class T:
    def __init__(self): self._v = 0
    @property
    def v(self): return self._v
    @v.setter
    def v(self, val): self._v = val * 2
t = T(); t.v = 5; print(t.v, T.tagged)
bases = (Exception,)
class MyErr(*bases):
    pass
try:
    raise MyErr("custom")
except Exception as e:
    print(type(e).__name__, e)
def gen_with():
    class R:
        def __enter__(s): print("res open"); return s
        def __exit__(s, *a): print("res close"); return False
    with R():
        yield 1
        yield 2
for v in gen_with():
    print(v)
try:
    [1 / x for x in (1, 0)]
except ZeroDivisionError as e:
    print("comp error", e)
K = 3
def kwdef(*, a=K, b=lambda: K * 2):
    return a, b()
print(kwdef())
def rec(n): return 1 if n <= 1 else n * rec(n - 1)
print(rec(20))
def glob_nested():
    def setit():
        global GG
        GG = "set"
    setit()
    return GG
print(glob_nested())
x = 10
def shadow():
    x = 20
    def get(): return x
    x = 30
    return get()
print(shadow())
def unbound():
    try:
        print(y)
        y = 1
    except UnboundLocalError as e:
        print(type(e).__name__)
unbound()
def multi_target():
    a = b = c = []
    a.append(1)
    return a is b is c, c
print(multi_target())
def swap_attr():
    class P: pass
    p = P(); p.a, p.b = 1, 2
    p.a, p.b = p.b, p.a
    return p.a, p.b
print(swap_attr())
d = {}
d['k'] = d.get('k', 0) + 1
d.setdefault('l', []).append(3)
print(d)
s = "x"
s += "y" * 2
print(s)
def star_mid(*a, **k): return a, k
print(star_mid(1, *(2, 3), 4, *[5], k=1, **{'m': 2}, n=3))
def ret_in_loop_finally():
    for i in range(10):
        try:
            if i == 2:
                return i
        finally:
            print("fin", i)
print(ret_in_loop_finally())
def except_in_finally():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("cleanup")
    except ValueError as e:
        return str(e)
print(except_in_finally())
def break_in_except():
    for i in range(3):
        try:
            raise KeyError(i)
        except KeyError:
            break
    return i
print(break_in_except())
def continue_in_with():
    out = []
    class C:
        def __enter__(s): return s
        def __exit__(s, *a): out.append("x")
    for i in range(3):
        with C():
            if i == 1:
                continue
            out.append(i)
    return out
print(continue_in_with())
def while_else(n):
    while n:
        n -= 1
        if n == 10: break
    else:
        return "else"
    return "broke"
print(while_else(3))
print([(a, b) for a in range(3) for b in range(a) if (a + b) % 2])
print({(i, j): i * j for i in range(2) for j in range(2)})
print(sorted({c for c in "hello"}))
print(sum(x * x for x in range(10) if x % 2))
matrix = [[1, 2], [3, 4]]
print([[row[i] for row in matrix] for i in range(2)])
class A:
    def f(self): return "A"
class B(A):
    def f(self): return "B" + super().f()
class C(B):
    def f(self):
        g = lambda: super(C, self).f()
        return "C" + g()
print(C().f())
import math
print(f"{math.pi:.3f} {'abc'!r} {len('ab')} {{lit}}")
print(not 1 == 2, -(-3), +(-2), ~~5)
print(1 if 0 else 2 if 0 else 3)
print((lambda *a: a)(*range(3)))
print(isinstance(3, (int, str)), 3 in {1: 2, 3: 4})
print("a" < "b" > "a", [] == [], 2 <= 2)
a = [1, 2, 3, 4, 5]
a[1:3] = [9]
del a[0]
a[::2] = [0, 0]
print(a)
print(a[-1], a[-2:], a[:1])
