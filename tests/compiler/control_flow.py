# Compiler: break/continue/return through try/finally, with and except blocks.
# control flow, try/finally, with, generators, closures
def f1():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
    else:
        print("no else")
    return "done"
print(f1())

def f2():
    try:
        return "from try"
    finally:
        print("f2 finally")
print(f2())

def f3():
    try:
        return "try"
    finally:
        return "finally wins"
print(f3())

def f4(n):
    while n > 0:
        n -= 1
        if n == 2:
            continue
        if n == 0:
            break
        print("n", n)
    else:
        print("while else")
    print("after")
f4(4)

def f5():
    i = 0
    while True:
        i += 1
        if i > 3: return i
print(f5())

def f6():
    try:
        1 / 0
    except ZeroDivisionError as e:
        print("caught", type(e).__name__, e)
        return 1
    finally:
        print("f6 finally")
print(f6())

def f7():
    try:
        raise ValueError("v")
    except (TypeError, ValueError) as e:
        print("tuple match", e)
    try:
        e
    except NameError:
        print("e unbound after handler")
f7()

def f8():
    try:
        try:
            raise KeyError("k")
        except ValueError:
            print("wrong")
        else:
            print("no else")
        finally:
            print("inner finally")
    except KeyError as k:
        print("outer", repr(k))
    else:
        print("wrong else")
f8()

def f9():
    try:
        pass
    except Exception:
        print("never")
    else:
        print("else ran")
f9()

def f10():
    for i in range(3):
        try:
            raise RuntimeError(i)
        except RuntimeError as e:
            if i == 1:
                continue
            if i == 2:
                break
            print("handled", e)
    print("f10 end")
f10()

class CM:
    def __init__(self, name, suppress=False):
        self.name = name; self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None, v)
        return self.suppress

with CM("a") as a, CM("b") as b:
    print("inside", a, b)
with CM("s", True):
    raise ValueError("suppressed")
print("after suppress")
try:
    with CM("n"):
        raise KeyError("propagates")
except KeyError as e:
    print("got", e)

def f11():
    with CM("r"):
        return "ret from with"
print(f11())

def f12():
    for i in range(3):
        with CM(str(i)):
            if i == 1:
                break
f12()

def gen(n):
    for i in range(n):
        x = yield i
        if x:
            print("sent", x)
    return "gen done"
g = gen(3)
print(next(g), g.send("hi"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)

def deleg():
    r = yield from gen(2)
    print("r =", r)
    yield from [10, 20]
print(list(deleg()))

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
c(); c()
print(c())

def outer():
    x = "outer x"
    def mid():
        def inner():
            return x
        return inner
    return mid()()
print(outer())

fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])

def raiser():
    try:
        raise ValueError("a")
    except ValueError as e:
        raise TypeError("b") from e
try:
    raiser()
except TypeError as e:
    print(repr(e), repr(e.__cause__))

def reraise():
    try:
        raise KeyError("x")
    except KeyError:
        raise
try:
    reraise()
except KeyError as e:
    print("reraised", e)

def ctx():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise TypeError("second")
        except TypeError as t:
            print("context", repr(t.__context__))
ctx()
import sys
def excinfo():
    try:
        raise ValueError("q")
    except ValueError:
        print(sys.exc_info()[0].__name__)
    print(sys.exc_info()[0])
excinfo()

def genexp_closure():
    k = 10
    return list(x + k for x in range(3))
print(genexp_closure())

def fin_break():
    for i in range(3):
        try:
            pass
        finally:
            if i == 1:
                break
    return i
print(fin_break())

def nested_finally():
    try:
        try:
            return 1
        finally:
            print("inner fin")
    finally:
        print("outer fin")
print(nested_finally())

def loop_else_break():
    for x in []:
        pass
    else:
        print("empty else")
    for x in [1]:
        break
    else:
        print("not printed")
loop_else_break()
