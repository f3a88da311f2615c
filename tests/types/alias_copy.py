# typesys: copy of instances, PEP 604/585 annotations, total_ordering
import copy
class P:
    def __init__(self, a): self.a = a; self.l = [1, 2]
p = P(1)
q = copy.copy(p); r = copy.deepcopy(p)
print(q.a, q.l is p.l, r.l is p.l, r.l == p.l, type(r).__name__)
class S:
    __slots__ = ('x', 'y')
s = S(); s.x = 1
s2 = copy.copy(s); print(s2.x, hasattr(s2, 'y'))
def f(x: int | None, y: list[int]) -> dict[str, int]: pass
print(f.__annotations__)
print(list[int], type(list[int]), list[int]([1,2]), dict[str, list[int]])
print(int | str | None, (int | str).__args__)
print(isinstance(None, int | None), isinstance('a', int | None))
from functools import total_ordering
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
