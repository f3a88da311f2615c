# Compiler: every statement kind, unpacking, augmented assignment, displays, calls.
# statements and expressions
x = 1
y = x + 2 * 3
print(x, y, -x, +x, ~x, not x)
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
t = (1, 2, 3)
p, q, r = t
print(p, q, r)
tag, *payload = ["msg", 1, 2, 3]
print(tag, payload)
*init, last = range(5)
print(init, last)
f, *m, l = "abcde"
print(f, m, l)
[u, (v, w)] = [1, (2, 3)]
print(u, v, w)
i = 10
i += 5; i -= 1; i *= 2; i //= 3; i %= 7; i **= 2; i <<= 2; i >>= 1; i |= 1; i &= 0xff; i ^= 3
print(i)
lst = [1, 2, 3]
lst[0] += 10
lst[-1] *= 2
print(lst)
class O: pass
o = O()
o.v = 1
o.v += 41
print(o.v)
del o.v
print(hasattr(o, 'v'))
d = {'a': 1, 'b': 2}
del d['a']
print(d)
z1, z2 = 1, 2
del z1, z2
try:
    print(z1)
except NameError as e:
    print("NameError", e)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1 != 2)
print(1 if x else 2, 1 if not x else 2)
print(0 or 5, 3 and 4, 0 and 1, None or 0 or "z", 1 and 2 and 3)
print(x is None, x is not None, 1 in [1, 2], 3 not in (1, 2))
print([1, 2, *[3, 4], 5], (*"ab", 1), {*"aa", 1} == {1, 'a'})
print({'a': 1, **{'b': 2}, 'c': 3})
print({i: i * i for i in range(4)}, {i % 3 for i in range(10)})
print([j for i in range(4) for j in range(i) if j % 2 == 0])
print(list(k * 2 for k in range(3)))
print(f"{x} and {y!r} and {3.14159:.2f} {'s'!s:>5}|{x:{y}}|")
print(f"{'nested'}" f"{x}" "plain")
s = "hello"
print(s[1:3], s[::-1], s[1:], s[:-1], s[::2])
m2 = [[1, 2], [3, 4]]
print(m2[1][0])
print((lambda a, b=2, *c, d=4, **e: (a, b, c, d, e))(1, 3, 5, d=6, z=7))
print(2 ** 10, 2 ** -1, 10 // 3, -7 // 2, 7 % -3, 1 << 70, "ab" * 3, -2 ** 2)
if (n := len(lst)) > 2:
    print("n =", n)
print([y := 5, y ** 2])
print(sorted(set([3, 1, 2])), max(1, 5, 3), min([4, 2]))
print(*[1, 2], sep="-")
def kw(*args, **kwargs): return args, kwargs
print(kw(1, *[2, 3], a=1, **{'b': 2}))
print(kw(**{'x': 1}, y=2))
print(kw(*(), **{}))
assert x == 1
try:
    assert x == 2, "bad x"
except AssertionError as e:
    print("assert", e)
try:
    assert False
except AssertionError as e:
    print("assert2", repr(e))
print(__debug__)
print(1_000_000, 0x10, 0o10, 0b10, 1e3, 0)
print(type(...), None, True, False)
g = 0
def setg():
    global g
    g = 5
setg()
print(g)
print(x if x > 0 else -x, [i for i in range(3) if i if i > 0])
