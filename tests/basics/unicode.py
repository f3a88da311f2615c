s = '你好，世界'
print(s, len(s), s[0], s[-1], s[1:3], s[::-1])
print(repr(s), s.encode('utf-8'), len(s.encode()))
print(b'\xe4\xbd\xa0\xe5\xa5\xbd'.decode('utf-8'))
print('中' in s, s.find('世'), s.replace('世界', 'Python'))
print('{:>8}|{:<6}|'.format('线程', '锁'))
print(ord('中'), chr(20013), '\u4e2d', 'é'.upper(), 'ÀÉ'.lower())
for ch in '多线程':
    print(ch, end=' ')
print()
print('α β γ'.split(), '–'.join(['a', 'b']))
