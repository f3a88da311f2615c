# str core: indexing, slicing, repr, comparison, operators, iteration
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = '你好，世界abc'
print(len(s), s[0], s[-1], s[1:3], s[::-1], s[::2], s[-3:], s[5:100], s[1:-1:3])
print(len('你好'), '你好'[1], '😀x'[0], len('😀'), '😀x'[::-1])
t(lambda: 'abc'[5])
t(lambda: 'abc'[1.0])
t(lambda: 'abc'['a'])
print('abc'[True], 'abcdef'[::-2], 'abcdef'[10:], 'abcdef'[-100:2])
for i in range(len(s)):
    print(s[i], end='')
print()
print(list('ab你'), [c for c in '多线程'], ''.join(reversed('你好')))
print(repr('你好\u3000\xa0\x00\x7f\u200b\U0001F600\U000e0001"\''))
print(repr("a'b"), repr('a"b'), repr('a"\'b'), repr('\\'), repr('\t\n\r'), repr('\x1b[0m'))
print(ascii('你好é'), ascii('abc'))
print('a' < 'b', 'abc' < 'abd', 'ab' < 'abc', '你' > 'z', 'é' < '你', '\uffff' < '😀')
print('abc' == 'abc', 'abc' != 'abd', sorted(['b', 'a', '你', 'Z', 'é']))
t(lambda: 'a' < 1)
print('a' + 'b', 'ab' * 3, 3 * 'ab', 'ab' * 0, 'ab' * -1, '你' * 3)
t(lambda: 'a' + 1)
t(lambda: 'a' * 'b')
t(lambda: 'a' * 2.5)
t(lambda: 2.5 * 'a')
t(lambda: 1 in 'abc')
print('b' in 'abc', '' in 'abc', '世' in s, 'xyz' in s)
x = ''
for i in range(5):
    x += str(i)
print(x, hash('abc') == hash('ab' + 'c'), hash('') != -1)
d = {'你好': 1, 'abc': 2}
print(d['你好'], d['ab' + 'c'])
print(chr(20013), ord('中'), chr(0x1F600), ord('😀'))
t(lambda: chr(-1))
t(lambda: chr(0x110000))
class S(str):
    pass
v = S('hello')
print(v, type(v).__name__, v.upper(), type(v.upper()).__name__, v + '!', len(v), v == 'hello')
print(isinstance(v, str), str(v), type(str(v)).__name__, repr(v))
it = iter('abc')
print(next(it), list(it))
print(str.__name__, 'x'.__class__ is str, str.join(',', ['a', 'b']))
print('%s' % '你好', '{}'.format('你好'), f'{"你好":>5}|')
print(min('hello'), max('hello'), sorted('你好世界'))
