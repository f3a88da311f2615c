# Long live chains spanning many collections must survive intact (the
# collector must scan objects it moves back to the young list).
import gc
x = []
for i in range(100000):
    x = [x]
n = 0
y = x
while y:
    y = y[0]
    n += 1
print('depth', n)
d = None
for i in range(50000):
    d = {'next': d, 'i': i}
n = 0
while d:
    d = d['next']
    n += 1
print('dict chain', n)
print(gc.collect())
