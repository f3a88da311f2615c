def f(a, b): pass
def k(*, key): pass
class C:
    def m(self, x): pass
for call in [lambda: f(1), lambda: f(1, 2, 3), lambda: f(1, 2, c=3), lambda: f(1, a=1),
             lambda: k(), lambda: C().m(), lambda: C().m(1, 2), lambda: len(), lambda: len(1, 2),
             lambda: f(), lambda: (lambda x, y=1: 0)(1, 2, 3)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
