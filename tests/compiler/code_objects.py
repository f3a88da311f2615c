# Compiler: code object fields, imports, exec/eval, walrus scopes, big displays.
import sys
def gen_lambda():
    return list((lambda: (yield 1))())
print(gen_lambda())
def many_args(a, b, /, c, *, d, e=5, **kw):
    return a, b, c, d, e, kw
print(many_args(1, 2, 3, d=4), many_args(1, 2, c=3, d=4, e=6, f=7))
print(many_args.__code__.co_argcount, many_args.__code__.co_posonlyargcount, many_args.__code__.co_kwonlyargcount)
print(many_args.__code__.co_varnames)
def cells(a):
    b = 2
    def inner():
        return a + b
    return inner
print(cells.__code__.co_cellvars, cells(1).__code__.co_freevars, cells(1)())
print(cells.__code__.co_flags & 0x2f, cells(1).__code__.co_flags & 0x3f)
def g(): yield
print(g.__code__.co_flags & 0x20)
from os import path as p, sep
import os
osp = os.path
print(p is osp, sep == os.sep, os.path is osp)
from collections import *
print(OrderedDict.__name__)
try:
    from os import nonexistent_name
except ImportError as e:
    print("ImportError", "cannot import name" in str(e))
code = compile("x = 5\ny = x * 2\n", "<s>", "exec")
ns = {}
exec(code, ns)
print(ns['y'])
print(eval("1 + 2 * 3"), eval("[i for i in range(3)]"))
def walrus_comp(data):
    return [y for x in data if (y := x * 2) > 2], y
print(walrus_comp([1, 2, 3]))
print([(yy := i) for i in range(2)], yy)
def deep(n):
    return n if n == 0 else deep(n - 1)
print(deep(50))
chained = [1, 2, 3]
print(1 < chained[1] <= 2 == 2.0)
x = 5
if 0 < x < 10:
    print("in range")
if not (x > 10 or x < 0) and x:
    print("logic ok")
print(all([True, 1]), any(()))
i = 0
while i < 3: i += 1
print(i)
print({**{'a': 1}, 'b': 2, **{'a': 3}})
big = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, x]
print(len(big), sum(big))
bigd = {i: i for i in range(40)}
lit = {0: 'a', 1: 'b', 2: 'c', 3: 'd', 4: 'e', 5: 'f', 6: 'g', 7: 'h', 8: 'i', 9: 'j', 10: 'k', 11: 'l', 12: 'm', 13: 'n', 14: 'o', 15: 'p', 16: 'q', 17: 'r', x: 's'}
print(len(lit), lit[5])
def kwonly(*, a, b=2): return a + b
print(kwonly(a=1))
print((1, 2) + (3,), (), (1,), [], {})
print(type(1), type(1.0), type(True), 1 == 1.0, -0.0, 0.0)
s = 0
for a, b in [(1, 2), (3, 4)]:
    s += a * b
print(s)
for i in [1, 2, 3]:
    pass
print(i)
print(" ".join(str(k) for k in range(5)))
t = 1, 
print(t)
def ret_tuple(): return 1, 2
print(ret_tuple())
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 3: raise StopIteration
        return self.n
print(list(It()), [*It()])
print(sys.version_info[0])
def default_mut(a, l=[]):
    l.append(a); return l
default_mut(1); print(default_mut(2))
print(f"{'a' 'b'}", f"{1+1=}" if False else "", f"{{}}", f"{x:>{3}}")
nested = [[i * j for j in range(3)] for i in range(3)]
print(nested)
print({k: v for k, v in zip("ab", (1, 2))})
def yield_in_try():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
for v in yield_in_try():
    print("v", v)
    break
gt = yield_in_try()
next(gt)
gt.close()
