# typesys: __del__ timing, errors in __del__, resurrection
class A:
    def __del__(self):
        print("del A", self.n)
    def __init__(self, n): self.n = n
a = A(1)
del a
print("after")
def f():
    x = A(2)
    return 5
f()
class B:
    def __del__(self):
        raise ValueError("boom")
b = B()
del b
print("after2")
class Res:
    saved = []
    def __del__(self):
        print("resurrect")
        Res.saved.append(self)
r = Res(); del r
print(len(Res.saved))
Res.saved.clear()
print("cleared")
