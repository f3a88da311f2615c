class Vec:
    def __init__(self, *c): self.c = list(c)
    def __len__(self): return len(self.c)
    def __getitem__(self, i): return self.c[i]
    def __setitem__(self, i, v): self.c[i] = v
    def __contains__(self, v): return v in self.c
    def __iter__(self): return iter(self.c)
    def __call__(self, k): return [x * k for x in self.c]
    def __bool__(self): return any(self.c)
    def __neg__(self): return Vec(*[-x for x in self.c])
    def __mul__(self, k): return Vec(*[x * k for x in self.c])
    def __rmul__(self, k): return self * k
    def __iadd__(self, o): self.c = [a + b for a, b in zip(self.c, o.c)]; return self
    def __repr__(self): return f'Vec{tuple(self.c)}'
    def __enter__(self): print('enter'); return self
    def __exit__(self, *exc): print('exit', exc[0]); return False
v = Vec(1, 2, 3)
print(len(v), v[1], v[-1], 2 in v, list(v), v(2), bool(v), bool(Vec(0)), -v, v * 2, 3 * v)
v[0] = 10; print(v); v += Vec(1, 1, 1); print(v)
with Vec(1) as w:
    print('inside', w)
print(v[0:2])
class Dyn:
    def __getattr__(self, name): return name.upper()
d = Dyn(); d.real = 1; print(d.foo, d.real)
class Cmp:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
print(Cmp(1) == Cmp(1), Cmp(1) != Cmp(2))
try:
    hash(Cmp(1))
except TypeError as e:
    print('TypeError:', e)
