data = [1, 5, 12, 7, 20]
print([y for x in data if (y := x * 2) > 10])
if (n := len(data)) > 3:
    print('long', n)
print(y)
a = b = c = 0
a += 1; print(a, b, c)
i = 10; i -= 1; print(i)
print(...)
print(type(...).__name__, Ellipsis)
assert True, 'never'
x = [1, 2, 3]
del x[0]; print(x)
print(1_000_000, 0b1010, 0o17, 0xFF, 1e3, 2.5e-3, 10 ** 3)
print("a" "b" 'c', """multi
line""", r'raw\n', b'bytes')
