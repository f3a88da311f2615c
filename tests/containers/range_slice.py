r = range(10)
print(r, range(1, 10), range(0, 10, 2), range(10, 0, -3), len(r), len(range(5, 1)), len(range(0, 10, 3)))
print(list(range(10, 0, -3)), list(range(-5, 5, 4)), list(range(0)), list(range(3, 3)))
print(r[3], r[-1], r[2:5], r[::2], r[::-1], r[1:8:3], range(0, 10, 3)[::2], r[100:], r[-100:])
try:
    r[10]
except IndexError as e:
    print(e)
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(1.5)
except TypeError as e:
    print(e)
try:
    range()
except TypeError as e:
    print(e)
print(5 in r, 10 in r, 3 in range(0, 10, 3), 4 in range(0, 10, 3), -3 in range(0, -10, -3), 2.0 in r, 'a' in r)
print(r.index(4), range(0, 20, 5).index(15), r.count(3), r.count(2.0), range(0, 10, 2).count(3))
try:
    r.index(42)
except ValueError as e:
    print(e)
print(range(0) == range(5, 5), range(0, 3, 2) == range(0, 4, 2), range(1) == range(1, 2, 5), r == range(10), r != range(11))
print(hash(range(0)) == hash(range(3, 3)), hash(range(10)), hash(range(1, 2, 5)) == hash(range(1, 2)))
print(r.start, r.stop, r.step, range(1, 9, 2).step)
print(list(reversed(range(1, 10, 3))), list(reversed(range(0))), bool(range(0)), bool(range(1)))
big = range(2**70, 2**70 + 10, 3)
print(big, len(big), list(big), big[1], 2**70 + 3 in big, big[::-1])
print(range(2**64)[2**63], (2**64 - 1) in range(2**64))
try:
    len(range(2**64))
except OverflowError as e:
    print(e)
it = iter(range(5))
print(next(it), it.__length_hint__(), list(it))
print(sum(range(1000000)))
s = slice(1, 2)
print(s, slice(3), slice(1, 2, 3), s.start, s.stop, s.step, slice(None, None, -1).indices(10))
print(slice(1, 100, 2).indices(10), slice(-3, None).indices(5), slice(None, None, -2).indices(7), slice(2**80, -2**80, -1).indices(5))
try:
    slice(1, 2, 0).indices(3)
except ValueError as e:
    print(e)
try:
    slice(1, 2).indices(-1)
except ValueError as e:
    print(e)
try:
    hash(slice(1))
except TypeError as e:
    print(e)
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1) < slice(2))
print([0, 1, 2, 3][slice(1, None)], 'abcdef'[slice(None, None, 2)])
try:
    [1, 2][1:2:0]
except ValueError as e:
    print(e)
try:
    [1, 2]['a':]
except TypeError as e:
    print(e)
class I:
    def __index__(self): return 2
print([0, 1, 2, 3][I()], [0, 1, 2, 3][I():], range(10)[I()], range(I()))
