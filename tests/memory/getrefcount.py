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
