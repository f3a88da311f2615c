print(0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e15, 1.5e-5, 0.0001, 123456789.123)
print(1/3, 2/3, 10/4, 1e100, 1.7976931348623157e308, 5e-324)
print(float('inf'), float('-inf'), float('nan'), float(' 1.5 '), float('1e3'))
print(repr(3.14), str(2.5), 42.14, 1.4279999999999997, 40.422222222222224)
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(2.675, 2), round(1234.5678, -2))
print(int(2.999), 7.0 // 2, 7.5 % 2, -7.5 % 2, divmod(7.5, 2))
print(2 ** 0.5, 10 ** -2, 4 ** 0.5)
print(1.0 == 1, 0.5 < 1, float(10 ** 20))
print(3.0.is_integer(), (2.5).as_integer_ratio())
x = 0.0
for i in range(10):
    x += 0.1
print(x)
