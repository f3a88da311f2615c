# -O / -OO / compile(optimize=): asserts, __debug__ and docstrings (the
# command-line levels are checked by tests/cli/optimize.sh).
"""module doc"""
import sys
def f():
    "fdoc"
    return 1
class C:
    """cdoc"""
    def m(self):
        """mdoc"""
print(__debug__, sys.flags.optimize, __doc__, f.__doc__, C.__doc__, C.m.__doc__, f.__code__.co_consts)
try:
    assert False, "boom"
    print("assert skipped")
except AssertionError as e:
    print("assert raised", e)
if __debug__:
    print("debug block")
for opt in (-1, 0, 1, 2):
    ns = {}
    exec(compile('"""d"""\ndef g():\n    "gd"\nx = __debug__\ntry:\n    assert 0\n    y = "skipped"\nexcept AssertionError:\n    y = "raised"\n', "s", "exec", optimize=opt), ns)
    print(opt, ns.get("__doc__"), ns["g"].__doc__, ns["x"], ns["y"])
print(eval("__debug__"))
