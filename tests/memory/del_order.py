class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
a = Noisy('a')
a = Noisy('b')
print('rebound')
del a
print('deleted')
def scope():
    n = Noisy('local')
    print('leaving scope')
scope()
print('after scope')
lst = [Noisy('in list 1'), Noisy('in list 2')]
lst.pop(0)
print('popped')
lst.clear()
print('cleared')
class Bad:
    def __del__(self):
        raise ValueError('oops in del')
b = Bad()
del b
print('after bad del')
x = Noisy('end of program')
