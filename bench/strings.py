# String building and formatting.
def build(n):
    parts = []
    for i in range(n):
        parts.append('%d:%s' % (i, 'x' * (i % 5)))
        parts.append(f'{i:>6}|{i * 0.5:.2f}')
    s = ''.join(parts)
    acc = ''
    for i in range(n // 10):
        acc += str(i)
    return len(s) + len(acc) + len('-'.join(s.split('|')))
print(build(800000))
