# int/float/str conversions and their errors
print(int('42'), int(' -7 '), int('+3'), int('1_000'), int('0x1f', 16), int('ff', 16), int('0b101', 0), int('0o17', 0), int('z', 36), int('10', 2))
print(int(3.99), int(-3.99), int(True), int('٣'), int(2**70 + 0.0), int(b'12'), int(bytearray(b'7')))
print(float('1.5'), float(' -2 '), float('1e3'), float('inf'), float('-Infinity'), float('nan'), float('1_0.5'), float(7), float('  .5'), float('5.'))
print(str(1.0), str(10**20), str(1e20), str(-0.0), str(True), str(None), str(b'x'), str(b'\xff', 'latin-1'), str(b'abc', encoding='ascii'))
print(repr('it\'s'), repr("q\"q"), repr('both \' and "'), repr('\n\t\\'), repr('\x00\x7f\u200b'), repr('é✓'))
print(bool(''), bool('0'), bool(0.0), bool([]), bool([0]), bool(None), bool(-1))
print(hex(255), oct(8), bin(10), hex(-1), bin(0), oct(-9), hex(2**64))
print(chr(65), ord('A'), ord('€'), chr(0x1F600) == '\U0001F600', ascii('ñ€'))
print(int('12345678901234567890'), 2**100, -2**63, 10**30 // 7, (10**30) % 7, divmod(-7, 2), divmod(7, -2), divmod(-7.5, 2))
print(7 // -2, -7 // 2, 7 % -2, -7 % 2, 7.5 // 2, -7.5 % 2, 2 ** -1, pow(2, 10, 1000), pow(3, -1, 7))
print(0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3, 1 / 3, 2 / 3, 10 / 4, 10 // 4, 1e308 * 10, -1e308 * 10, 5e-324, 5e-324 / 2)
print(float.is_integer(3.0), (3.5).as_integer_ratio(), (0.1).hex(), float.fromhex('0x1.8p1'), int.from_bytes(b'\x01\x00', 'big'), (258).to_bytes(2, 'little'), (255).bit_length())
print(abs(-5), abs(-2.5), abs(True), max(1, 2.5), min('b', 'a'), sum([0.1] * 10), sum([1, 2], 10))
bad = ['int("abc")', 'int("")', 'int("1.5")', 'int(None)', 'int([1])', 'int("12", 1)', 'int("9", 8)', 'int(float("inf"))', 'int(float("nan"))',
       'float("x")', 'float("")', 'float(None)', 'float("1e")', 'chr(-1)', 'chr(0x110000)', 'ord("ab")', 'ord("")', 'int("0x10")',
       '"a" + 1', '1 + "a"', '"a" * 1.5', '[1] * "2"', '2 ** "x"', '1 / 0', '1 % 0', '1.0 // 0', '10 ** 400 * 1.0', '2.0 ** 5000', 'divmod(1, 0)',
       'round("1")', 'hex(1.5)', 'len(5)', '"abc".index("z")', 'int("١٢x")', 'float("0x10")', 'complex_missing', '-"a"', '~1.5', 'abs("x")']
for src in bad:
    try:
        print(src, '->', eval(src))
    except Exception as e:
        print(src, '->', type(e).__name__ + ':', e)
print(int('-0'), float('-0'), -0 == 0, str(-0.0), 0.0 == -0.0, 1e-7, 1e-4, 0.0001, 123456789012345678.0, 1.5e300 * 1.5e10 == float('inf'))
print(round(1.23456, 3), round(-1.5), round(0.5 + 1e-9), round(1e20), round(123, -1), round(125, -1), round(135, -1), round(2.5, 0), type(round(2.5)), type(round(2.5, 0)))
print(float(10**300 * 10**8) if False else 'skip', int(1e20), int(-1e-5), str(2**64 - 1), len(str(2**1000)))
print(f'{2**64:,}', f'{-12345.678:,.1f}', '%.3e' % 123456, '%g' % 0.00001234, '%g' % 123456789, '%.10g' % (1/3))
