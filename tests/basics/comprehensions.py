print([x * y for x in range(3) for y in range(3) if x != y])
print({x: x ** 2 for x in range(5)})
print(sorted({c for c in 'mississippi'}))
g = (x * 2 for x in range(5)); print(sum(g), list(g))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
x = 'outer'
print([x for x in 'ab'], x)
print(sum(i for i in range(101)), max(len(w) for w in ['a', 'abc']))
fns = [lambda: i for i in range(3)]; print([f() for f in fns])
print([(i, j) for i in range(2) for j in range(i, 2)])
print(list(n for n in range(20) if n % 3 == 0 if n % 2 == 0))
