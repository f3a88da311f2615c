print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(2 ** 10, 2 ** -1, (-2) ** 3, 2 ** 0)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5))
print(7 / 2, -7 / 2, 1 / 3)
print(1 + 2 * 3 - 4, (1 + 2) * 3)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3, -1 >> 1)
print(abs(-5), abs(5), -(-3), +4)
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7
print(x)
print(int(3.9), int(-3.9), int("42"), int(" -17 "), int("ff", 16), int("0x1f", 0), int("1_000"))
print(True + True, True * 10, False - 1)
print(3 == 3.0, 1 < 2 < 3, 3 > 2 > 2, 1 < 3 > 2)
