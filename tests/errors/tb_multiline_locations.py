# check: stderr
# Locations of expressions spread over lines, as CPython 3.11 reports them: an
# attribute (and a method call) at its name when that is on a later line;
# no operator anchors under a multi-line expression.
import sys
class A:
    def m(self, *a): raise ValueError(a)
a = A()
try:
    x = (a
         .m(1,
            2))
except ValueError as e:
    sys.excepthook(*sys.exc_info())
try:
    (a
       .nope)
except AttributeError:
    sys.excepthook(*sys.exc_info())
try:
    (a.
       nope) = (a
         .m(3))
except ValueError:
    sys.excepthook(*sys.exc_info())
try:
    (a
      .q) += 1
except AttributeError:
    sys.excepthook(*sys.exc_info())
try:
    del (a
      .q)
except AttributeError:
    sys.excepthook(*sys.exc_info())
try:
    a.m(
      1)
except ValueError:
    sys.excepthook(*sys.exc_info())
try:
    y = (a.m(1) +
         2)
except ValueError:
    sys.excepthook(*sys.exc_info())
try:
    b = None
    c = (1 +
         b)
except TypeError:
    sys.excepthook(*sys.exc_info())
g = lambda x: (x +
    1)
try:
    g(None)
except TypeError:
    sys.excepthook(*sys.exc_info())
def f():
    return (a
     .m(5))
f()
