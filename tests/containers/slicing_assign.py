# slicing and slice assignment on lists, strings, tuples, ranges, bytes
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[::2], a[1::3], a[::-1], a[8:2:-2], a[-1:-4:-1])
print(a[100:], a[-100:2], a[5:2], a[::-100], a[3:3])
s = 'hello world'
print(s[::-1], s[-5:], s[1:10:3], s[:0], s[20:], s[::4])
t = tuple(a)
print(t[1:4], t[::-3], range(10)[2:8:2], range(10)[::-1], range(0, 20, 3)[-2:])
b = bytes(range(65, 75))
print(b[2:5], b[::-2], b[3], bytearray(b)[1:3])
a = list(range(10))
a[2:4] = ['x', 'y', 'z']
print(a)
a[1:1] = [100]
print(a)
a[-2:] = []
print(a)
a[:] = 'abc'
print(a)
a = list(range(10))
a[::2] = [0] * 5
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print('ValueError:', e)
del a[::3]
print(a)
del a[1:3]
print(a)
a = [1, 2, 3]
a[5:] = [9]
print(a)
a[-10:1] = [7, 7]
print(a)
try:
    a[1:2] = 5
except TypeError as e:
    print('TypeError:', e)
try:
    'abc'[1:2] = 'x'
except TypeError as e:
    print('TypeError:', e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print('TypeError:', e)
try:
    a[::0]
except ValueError as e:
    print('ValueError:', e)
try:
    a['x']
except TypeError as e:
    print('TypeError:', e)
try:
    a[1.0]
except TypeError as e:
    print('TypeError:', e)
try:
    'abc'[5]
except IndexError as e:
    print('IndexError:', e)
try:
    (1,)[3]
except IndexError as e:
    print('IndexError:', e)
a = [1, 2, 3, 4]
a[1:3] = a
print(a)
sl = slice(1, 8, 2)
print(sl, sl.start, sl.stop, sl.step, list(range(10))[sl], sl.indices(5), slice(None).indices(3), slice(-1, None, -1).indices(4))
print(slice(5), slice(1, 2) == slice(1, 2), 'abcdef'[slice(None, None, -2)])
class Idx:
    def __index__(self):
        return 2
print([0, 1, 2, 3][Idx()], 'abcd'[Idx():], [0, 1, 2, 3][:Idx()])
class Seq:
    def __getitem__(self, k):
        return k
print(Seq()[1:2], Seq()[::], Seq()[1, 2], Seq()[..., 1:], Seq()[:, None])
m = [[1, 2], [3, 4]]
m[0][1:] = [9, 9]
print(m)
a = list(range(5))
a[len(a):] = [5, 6]
a += a[:2]
a *= 2
print(a, len(a))
ba = bytearray(b'hello')
ba[1:3] = b'EY'
ba[0] = 74
del ba[-1]
print(ba)
