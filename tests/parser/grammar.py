"""Grammar coverage: literals, precedence, targets, comprehensions, calls.

Every construct is evaluated and printed; the output must equal CPython 3.11's.
Run: gilpy grammar.py"""

# numbers
print(0, 00, 0_0, 1_000_000, 0x_FF, 0XfF, 0o17, 0O7_7, 0b1010, 0B1_1)
print(1.5, 1., .5, 1e3, 1E-3, 1_0.0_1, 1e1_0, 0e0, 0777.5, 09.5e1)
print(123456789012345678901234567890, 0xFFFFFFFFFFFFFFFFFFFF)
print(0x1 or 2, 1 if 1 else 2)

# strings and escapes
print('a' "b" '''c''' """d""", 'it\'s', "say \"hi\"")
print("\x41\101\u00e9\U0001F600\n\t|\a\b\f\v\r".encode("utf-8"))
print(r"\n\x", R'\d', b"\x41\777", rb"\x41", Br"\n", u"unicode")
print("abc\
def", """multi
line""")
print("\d \q \8 \9")
print(b'a' b'b', 'x' 'y' 'z')
print("中文", '😀', len("é"))

# f-strings
x, w, name = 3.14159, 8, "gil"
print(f"{x:.2f}|{x!r}|{name!s:>{w}}|{name!a}|{{}}|{x=}|{ x = }|{x=:.1f}|{x=!s}")
print(f"{'q'}" f'{"q"}' "tail" f"{1+1}{2*3}")
print(f"{[1, 2][0]}{ {'a': 1}['a'] }{(lambda y: y + 1)(1)}")
print(f"{x:{w}.{2}f}|{3 if x else 4}|{x!=1}|{x<=4}|{x>1}")
print(f"\{6}", f"a\nb", rf"\n{name}", F"{name}", fR"{name}\t")
print(f"""{
    name
}""", f"{'{'}")

# precedence
print(-2 ** 2, 2 ** -1, -2 ** -2, 2 ** 3 ** 2, (-2) ** 2, ~1 + 1, not 1 == 2)
print(1 + 2 * 3 - 4 / 2 // 1 % 3, 1 << 2 + 1, 6 & 3 | 8 ^ 1, 1 < 2 < 3 != 4)
print(1 if 0 else 2 if 0 else 3, [] or {} or 0 or "x", 1 and 2 and 0)
print(3 not in [1], None is not None, 2 in {2}, not not 0)
a = [1, 2, 3, 4, 5]
print(a[1:3], a[::2], a[::-1], a[-2:], a[:], a[1:4:2])
d = {(1, 2): "t"}
print(d[1, 2], d[(1, 2)])

# targets
p, (q, r), *s = 1, (2, 3), 4, 5
[t, u] = "ab"
v = w2 = 7
a[0] = a[1:3] = 9, 9
print(p, q, r, s, t, u, v, w2, a)
z = 1
z += 2; z *= 3; z //= 2; z **= 2; z -= 1; z %= 7; z <<= 2; z >>= 1; z |= 8; z &= 12; z ^= 5
print(z)
ann: int = 5
print(ann)
del a[0], a[-1]
print(a)
for i, (j, k) in enumerate([(1, 2), (3, 4)]):
    print(i, j, k)
if (n := 10) > 5:
    print("walrus", n)

# comprehensions
print([i * j for i in range(3) for j in range(3) if i if j != 2])
print({i: i * i for i in range(4)}, {i % 3 for i in range(10)})
print(list(i for i in range(3)), sum(i for i in range(5)))
print([y for x1 in [[1, 2], [3]] for y in x1], [(i, j) for i, j in zip("ab", "cd")])

# calls and definitions
def f(a, /, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(*[1, 2], **{"c": 3, "z": 0}))
g = lambda a, /, b=1, *r, c=2, **k: (a, b, r, c, k)
print(g(0), g(0, 1, 2, c=3, q=4), (lambda: 7)(), (lambda *a: a)(1, 2))
print(*[1, 2], *"ab", sep="-")
print({**{"a": 1}, "b": 2, **{"c": 3}}, [*range(2), *"xy"], (*"ab",), sorted({*"aab"}))

@staticmethod
def deco():
    pass

class K(object, metaclass=type):
    attr: int = 1
    def m(self, x: int = 0) -> int:
        return x + self.attr
print(K().m(2), K.__name__)

def gen():
    x = yield 1
    y = yield from [x, 3]
    yield
print(list(gen()))

try:
    raise ValueError("v") from KeyError("k")
except (KeyError, ValueError) as e:
    print(type(e).__name__, type(e.__cause__).__name__)
else:
    print("no")
finally:
    print("finally")

with open(__file__) as fh, open(__file__) as fh2:
    print(fh.readline().strip()[:3] == fh2.readline().strip()[:3])

x = 1; y = 2; print(x, y);
if x: print("one-liner")
while False: pass
else: print("while-else")
for _ in (): pass
else: print("for-else")
assert x, "msg"
match = 5; type = 6; case = 7; _ = 8
print(match, type, case, _)
print(...)
