import sys
print("a", "b", sep="-", end="!\n")
print()
print(1, 2, 3, sep=None, end=None)
print("x", file=sys.stderr)
print("z", flush=True)
for bad in [dict(sep=3), dict(end=3), dict(file=3), dict(foo=1)]:
    try:
        print(1, **bad)
    except Exception as e:
        print(type(e).__name__, e)
print(len([1,2]), repr("a"), ascii("é"), abs(-3), round(2.5), round(2.675, 2), round(7, -1))
print(divmod(7, 2), pow(2, 10), pow(2, 10, 1000), min(3, 1, 2), max([1, 5, 3]), min([], default=0))
print(max("abc", key=ord), sum([1, 2, 3]), sum([0.1]*10), sum([1, 2.5]), sum([[1], [2]], []))
print(any([0, 1]), all([1, 0]), sorted([3, 1, 2]), sorted("bca", reverse=True))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
try:
    next(it)
except StopIteration:
    print("stop")
print(isinstance(1, int), issubclass(bool, int), hasattr(1, "real"), getattr(1, "x", 5))
class A: pass
a = A(); setattr(a, "q", 3); print(a.q); delattr(a, "q"); print(hasattr(a, "q"))
print(callable(len), chr(65), ord("é"), hex(255), oct(8), bin(5), format(3.14159, ".2f"))
print(hash(1) == hash(1.0), type(id(a)))
print(sorted(vars(A).keys())[:2] if False else "vars ok", "q" in dir(a))
g = {}
exec("x = 1 + 2", g)
print(g["x"], eval("x * 2", g), eval("  1+1"))
c = compile("y = 5", "<s>", "exec"); exec(c, g); print(g["y"])
print(eval(compile("3*3", "<e>", "eval")))
for bad in ["len(1)", "min()", "min([])", "sum(['a'], 'b')", "next([1])", "chr(-1)", "ord('ab')", "getattr(1, 2)", "round('x')", "divmod('a', 1)", "pow('a', 2)", "iter(5)", "format(1, 5)", "vars(1)", "compile('x', 'f', 'bad')", "eval(5)", "sorted()", "isinstance(1, 'x')"]:
    try:
        eval(bad)
    except Exception as e:
        print(bad, type(e).__name__, e)
print(exit, quit)
print(__name__, __builtins__)
def f():
    z = 3
    return locals(), sorted(dir())
print(f())
print(globals() is g, type(globals()))
print(list(map(str, [1, 2])), list(zip("ab", [1, 2])), list(filter(None, [0, 1])), list(enumerate("ab")), list(reversed([1, 2])))
print(NotImplemented, Ellipsis, __debug__)
import builtins
print(builtins.len is len, builtins.IOError is OSError)
