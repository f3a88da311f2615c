import sys
x = object()
print(sys.getrefcount(x))
y = x
print(sys.getrefcount(x))
lst = [x, x, x]
print(sys.getrefcount(x))
del lst
print(sys.getrefcount(x))
def f(a):
    return sys.getrefcount(a)
print(f(x))
print(sys.getrefcount([]))
d = {'k': x}
print(sys.getrefcount(x))
class C: pass
c = C()
print(sys.getrefcount(c))
# *args / **kwargs / defaults / keyword-only: the caller's stack reference
# is gone once the arguments are bound
del d
def star(*a): return sys.getrefcount(a[0])
def first_then_star(p, *a): return sys.getrefcount(p)
def with_kwargs(p, **k): return sys.getrefcount(p)
def with_default(p, q=1): return sys.getrefcount(p)
def kwonly(p, *, q=1): return sys.getrefcount(p)
print(star(x), first_then_star(x), first_then_star(x, 1), with_kwargs(x), with_default(x),
      kwonly(x), star(x, x))
class M:
    def m(self, *a): return sys.getrefcount(a[0])
print(M().m(x))
