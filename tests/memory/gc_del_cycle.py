import gc
class Res:
    def __init__(self, name):
        self.name = name
        self.peer = None
    def __del__(self):
        print('finalizing', self.name)
a = Res('a'); b = Res('b')
a.peer = b; b.peer = a
del a, b
print('before collect')
n = gc.collect()
print('collected', n)
