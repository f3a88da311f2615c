d = {1: 1, 2: 2, 3: 3}
try:
    for k in d:
        del d[k]
        d[k + 100] = 1
except RuntimeError as e:
    print(e)
s = {1, 2}
try:
    for x in s:
        s.discard(x); s.add(x + 100)
except RuntimeError as e:
    print('set', e)
d = {i: i for i in range(5)}
it = iter(d.values())
next(it)
d[99] = 0
try:
    next(it)
except RuntimeError as e:
    print(e)
try:
    next(it)
except RuntimeError as e:
    print('again', e)
except StopIteration:
    print('stop')
l = [1, 2, 3]
it = iter(l); next(it); l.clear(); print(list(it))
l = [1, 2]; it = reversed(l); l.append(3); print(list(it))
e = enumerate(iter([1, 2]))
print(list(e), list(e))
