# Deep structures must be freed without overflowing the C stack.
l = []
for i in range(200000):
    l = [l]
del l
d = {}
for i in range(200000):
    d = {'k': d}
d = None
t = ()
for i in range(200000):
    t = (t,)
t = 0
m = []
for i in range(100000):
    m = [{'a': (m,)}]
m = None
s = frozenset()
for i in range(100000):
    s = frozenset([s])
s = None
x = []
for i in range(100000):
    x = [x]
try:
    repr(x)
except RecursionError as e:
    print(e)
print('ok')
