# Constant set/list displays are folded as in CPython 3.11: the iteration
# order of sets with colliding hashes (hash(-1) == hash(-2)) follows from it.
print({-1, -2, 0, 8, 9, 16})
print({0, 16, -1, 8, 9, -2})
print({16, 0, -2, -1, 32, 48, 7})
x = 3
print({x, 16, 0, 8, -1, -2})
print({-1, -2, 0, 8, 9, 16, x})
print(set([0, 16, -1, 8, 9, -2]), frozenset({0, 16, -1, 8, 9, -2}))

def f():
    return {-2, -1, 0, 8, 9, 16}
print(f(), f.__code__.co_consts)

for v in {0, 16, -1, 8, 9, -2}:
    print(v, end=' ')
print()
print([v for v in {0, 16, -1, 8, 9, -2}])
print([(a, b) for a in [1, 2] for b in {-1, -2, 7}])
print(sorted(v for v in {0, 16, -1}))
print(-2 in {0, 16, -1, 8, 9, -2}, 5 not in {0, 16, -1, 8, 9, -2})
# only the last operand of a chain is folded
print(1 in [1, 2] in [[1, 2]], 1 in [1, 2] in [(1, 2)])
print([1, 2, 3], [-1, -2, 0], [(1, 2), (3, 4), (5, 6)])
a = [1, 2, 3]
a.append(4)
print(a, [1, 2, 3])
