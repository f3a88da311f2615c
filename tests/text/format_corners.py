# str formatting corner cases: %, format(), f-strings
print('%5s|%-5s|%.2s|%5.1s|' % ('abc', 'abc', 'abc', 'abc'))
print('%d %i %u %o %x %X %e %E %f %g %G %c %r %a %%' % (42, 42, 42, 8, 255, 255, 12345.678, 0.000123, 1.5, 1e-5, 1e20, 65, 'q', 'é'))
print('%+d % d %05d %-5d| %+.3f %#o %#x %#X' % (5, 5, -42, 7, 3.14159, 8, 255, 255))
print('%(name)s is %(age)03d' % {'name': 'Bob', 'age': 7})
print('%*d|%-*d|%.*f' % (5, 1, 5, 2, 2, 3.14159))
print('%s' % (1,), '%s' % [1, 2], '%s %s' % ('a', 'b'))
print('%c%c' % ('x', 0x263A))
for bad in [('%d', 'x'), ('%s %s', ('a',)), ('%s', ('a', 'b')), ('%z', 1), ('%(k)s', 5), ('%c', 'ab'), ('%d', None)]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print('{} {}'.format(1, 2), '{1} {0}'.format('a', 'b'), '{x}{y}'.format(x=1, y=2))
print('{0[1]} {0[k]} {1.real}'.format({1: 'one', 'k': 'kay'}, 3))
print('{:<6}|{:>6}|{:^6}|{:*^7}|{:06}|{:+}|{: }|'.format('ab', 'ab', 'ab', 'ab', -3, 3, 3))
print('{:,} {:_} {:,.2f} {:_x} {:#b} {:#o} {:#x} {:08.3f} {:e} {:.0e}'.format(1234567, 1234567, 1234567.891, 0xdeadbeef, 5, 8, 255, -3.14159, 1234.5, 15000))
print('{:%} {:.1%} {:g} {:.3g} {:n} {:.2} {}'.format(0.5, 0.123, 1e-7, 1234567, 42, 3.14159, 1e16))
print('{!r} {!s} {!a} {:>8r}'.format('x', 'x', 'ñ', 'z') if False else '{!r} {!s} {!a}'.format('x', 'x', 'ñ'))
print('{{literal}} {0:{1}} {0:>{2}.{3}f}'.format(3.14159, 8, 10, 2))
print(format(255, 'x'), format(255, '#06x'), format(-255, 'X'), format(3, 'c') == '\x03', format(True, 'd'), format(1.0), format(1e100))
print(f'{3.0:.0f} {2.5:.0f} {0.125:.2f} {-0.0} {1/3} {2/3:.15f} {1e-4} {123456789.0} {1e16} {float("inf")} {float("nan")}')
x, w = 'val', 10
print(f'{x!r:>{w}}|{x=}|{w*2=}|{x = }|{"nested"+x}|{[1,2][0]}|{ {"a": 1}["a"] }')
print(f'{1234:>10,}|{-1234.5:<+12,.2f}|{"s":x^5}|{42:=+8}|{42:=08}')
for spec, val in [('d', 1.5), ('s', 5), ('.2f', 'x'), (',s', 'x'), ('=', 'x'), ('c', -1)]:
    try:
        print(format(val, spec))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    '{0} {}'.format(1, 2)
except ValueError as e:
    print(e)
try:
    '{'.format()
except ValueError as e:
    print(e)
try:
    '{2}'.format(1)
except IndexError as e:
    print(e)
try:
    '{a}'.format(b=1)
except KeyError as e:
    print('KeyError', e)
print(str(1e22), repr(1e-5), str(0.1 + 0.2), repr(1.0), 1e15, 1e16, 123e-20, -0.0, 2.5e-7)
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5), round(1234.5678, -2), round(15, -1), round(25, -1))
