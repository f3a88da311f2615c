# format(), str.format, f-strings: the format-spec mini-language
def t(*a):
    try:
        print(repr(format(*a)))
    except Exception as e:
        print(type(e).__name__, e)

for spec in ['+', '#', '=5', ',', '_', 'z', '05', '.1', 'd', 'ss', '^9', '*>6', '<3', '.0']:
    t('ab', spec)
for spec in ['dd', '.2', 'z', '+c', '#c', ',c', ',n', ',x', '_x', '#_b', '010,', '09,', '08,',
             '07,', '0=11,', '*=11,', '<010', '+010_', ',_', '_,', '.', '999999999999999999999',
             'x', 'X', '#X', 'o', '#o', 'b', 'c', '>5c', 'n', '', ' ', '+', '^7', 'e', '.2f', '%',
             'g', '.3', ',d', '#010x']:
    t(1234, spec)
    t(-255, spec)
t(10**20, ',d')
t(-10**20, '_x')
t(10**20, '#o')
t(10**30, '')
t(10**400, 'f')
t(-1, 'c')
t(True, '')
t(True, 'd')
t(True, '>5')
for v in [0.0, -0.0, 1.0, 1.5, 0.1, 1e16, 1e-5, 123.0, 1234.0, 12345.678, 1e100, 2.5, 0.5,
          100.0, 1e5, 1e6, 1.23456789e-5, -3.5, float('inf'), float('-inf'), float('nan')]:
    for spec in ['', '.3', '.0', 'e', 'E', '.2e', 'f', 'F', '.0f', '#.0f', 'g', 'G', '#g', '.2g',
                 '%', '.1%', ',', ',.2f', '015,.1f', '=10', '010', '+', ' ', 'z', 'z.2f', 'n',
                 '^12.3f', '*<10', '#', '#.3', '_', '.20', '+08.2f', 'z.0f']:
        t(v, spec)
t(-0.0001, 'z.2f')
t(1.5, 'd')
t(1.0, 'x')
print('{:2} {:5} {:.2f} {!r} {:>10} {:,}'.format(9, 'boys', 40.4222, 'kg', 'right', 1234567))
print('{0:08.3f}'.format(-3.5), '{:x}'.format(255), f'{1234567:,}', '{:e}'.format(12345.678))
print('{:%}'.format(0.25), '{:^9}'.format('mid'), '{:>8}|{:<6}|'.format('线程', '锁'))
print('{0[0]} {0[1]} {1.real}'.format([5, 6], 3), '{a.real}'.format(a=5), '{0:{a}}'.format(5, a='>3'))
print('{} {}'.format('a', 'b'), '{1} {0}'.format('a', 'b'), '{x} {y}'.format(x=1, y=2))
print('{0.real:{1}}'.format(3, 5), '{:{}{}}'.format(3, '>', 5), '}}{{'.format(7))
print('{0[a]}'.format({'a': 1}), '{0[-1]}'.format({'-1': 1}), '{!r:>10}'.format('x'))
print('{a}{b}'.format_map({'a': 1, 'b': 2}), '{ a }'.format_map({' a ': 1}), '{00}'.format(7))
print('{!s} {!a} {!r}'.format('é', 'é', 'é'), '{:}'.format(1.5), '{0[0][1]}'.format([[1, 2]]))

def f(fmt, *a, **k):
    try:
        print(repr(fmt.format(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

f('{}')
f('{1}', 1)
f('{a}', 1)
f('{}{0}', 1)
f('{0}{}', 1)
f('}', 1)
f('{', 1)
f('x{0', 1)
f('{0!}', 1)
f('{0!x}', 1)
f('{0!rr}', 1)
f('{0[}', 1)
f('{0.}', 1)
f('{0[0]x}', [1])
f('{0[1]}', [1])
f('{:{:{}}}', 3, 4, 5)
f('{0.foo}', 1)
f('{0x}', 7)
f('{:%Y}', 7)
try:
    '{0}'.format_map({})
except ValueError as e:
    print('ValueError', e)
try:
    '{a}'.format_map({})
except KeyError as e:
    print('KeyError', e)
x, y = 3.14159, '你好'
print(f'{x:.2f} {y!r} {y:*^8} {x=}', f'{42:#b}', f'{1e6:,.0f}', f'{255:02X}')
