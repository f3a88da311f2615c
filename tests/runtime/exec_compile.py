g = {}
exec("x = 10\ndef f(y): return x + y", g)
print(g["x"], g["f"](5), "__builtins__" in g)
print(eval("x * 3", g), eval("f(1)", g, {"x": 100}), eval("\t 7"))
l = {}
exec("z = x + 1", g, l)
print(l, "z" in g)
c = compile("a = 1\nb = a + 1", "<cmp>", "exec")
ns = {}
exec(c, ns)
print(ns["b"], type(c).__name__)
print(eval(compile("40 + 2", "<e>", "eval")))
exec(compile("print('single', 1)", "<s>", "single"))
def scope():
    v = 1
    exec("v = 2")
    return v, eval("v")
print(scope())
for src, mode in [("1 +", "exec"), ("x = ", "eval"), ("a", "nope")]:
    try:
        compile(src, "<bad>", mode)
    except (SyntaxError, ValueError) as e:
        print(type(e).__name__, e)
for bad in [lambda: exec(5), lambda: eval("1", 5), lambda: exec("1", {}, 5)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
print(sorted(dir())[:3], "scope" in globals(), vars() is globals())
