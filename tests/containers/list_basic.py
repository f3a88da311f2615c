# list: construction, repr, indexing, slicing, methods, errors
a = [1, 'a', 2.5, None, True, (1,), [2, [3]]]
print(a, len(a))
print(repr([]), str([[]]), [()] * 2)
l = [1, 2, 3]
l.append(l)
print(l)
d = {'k': []}
d['k'].append(d)
print(d)
print(list(range(5)), list("abc"), list((1, 2)), list({'x': 1, 'y': 2}))
l = list(range(10))
print(l[0], l[-1], l[3:7], l[::2], l[::-1], l[-3:], l[:-3], l[7:2], l[7:2:-2], l[100:], l[-100:2])
print(l[1:8:3], l[8:1:-3], l[::-4])
for bad in (10, -11):
    try:
        l[bad]
    except IndexError as e:
        print('IndexError', e)
try:
    l['x']
except TypeError as e:
    print(e)
try:
    l[1.0]
except TypeError as e:
    print(e)
l[2:5] = ['a', 'b']
print(l)
l[::3] = [0, 0, 0]
print(l)
try:
    l[::2] = [1, 2]
except ValueError as e:
    print(e)
del l[::2]
print(l)
del l[1]
print(l)
l[1:1] = range(3)
print(l)
l[:] = l
print(l)
l[len(l):] = l
print(l)
del l[-2:]
print(l)
del l[::-3]
print(l)
l[::-1] = list(range(len(l)))
print(l)
try:
    l[0:1] = 5
except TypeError as e:
    print(e)
try:
    l[::2] = 5
except TypeError as e:
    print(e)
try:
    l[100] = 1
except IndexError as e:
    print(e)
try:
    del l[100]
except IndexError as e:
    print(e)
m = [3, 1, 2]
m.insert(0, 9); m.insert(-1, 8); m.insert(100, 7); m.insert(-100, 6)
print(m)
m.extend((5, 4)); m.extend(iter([0])); m.extend(m[:2])
print(m, m.count(9), m.index(9), m.index(9, 2) if 9 in m[2:] else '-')
try:
    m.index(42)
except ValueError as e:
    print(e)
try:
    m.index('x', 1, 3)
except ValueError as e:
    print(e)
m.remove(9)
print(m)
try:
    m.remove(42)
except ValueError as e:
    print(e)
print(m.pop(), m.pop(0), m.pop(-2), m)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    [1].pop(5)
except IndexError as e:
    print(e)
m.reverse(); print(m)
c = m.copy(); c.clear(); print(c, m)
print([1, 2] + [3], [1] * 3, 3 * [0], [1, 2] * 0, [1] * -1)
try:
    [1] + (2,)
except TypeError as e:
    print(e)
try:
    [1] * 'x'
except TypeError as e:
    print(e)
try:
    [1] * 2.0
except TypeError as e:
    print(e)
x = [1]
y = x
x += (2, 3)
x += 'ab'
x *= 2
print(x, y is x)
try:
    x += 5
except TypeError as e:
    print(e)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] <= [], [1] != [1.0])
try:
    [1] < ['a']
except TypeError as e:
    print(e)
try:
    hash([])
except TypeError as e:
    print(e)
print(list.__hash__ is None, 2 in [1, 2], 5 not in [1, 2])
nan = float('nan')
print(nan in [nan], [nan] == [nan])
print(list(reversed([1, 2, 3])), [x * 2 for x in [1, 2]])
it = iter([1, 2, 3])
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), list(it))
try:
    list(1)
except TypeError as e:
    print(e)
try:
    list([1], [2])
except TypeError as e:
    print(e)
class L(list):
    pass
s = L([3, 1])
s.sort()
print(s, type(s).__name__, isinstance(s, list), s + [1], type(s + [1]).__name__)
print(list[int])
