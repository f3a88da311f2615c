class CM:
    def __init__(self, name, suppress=False):
        self.name = name; self.suppress = suppress
    def __enter__(self):
        print('enter', self.name); return self.name
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev)
        return self.suppress
with CM('a') as a, CM('b') as b:
    print('body', a, b)
with CM('s', suppress=True):
    raise ValueError('suppressed')
print('after suppressed')
try:
    with CM('p'):
        raise KeyError('propagates')
except KeyError as e:
    print('caught', e)
def in_func():
    with CM('r'):
        return 'returned'
print(in_func())
for i in range(2):
    with CM(f'loop{i}'):
        if i == 0:
            continue
        break
try:
    with 5:
        pass
except TypeError as e:
    print('TypeError:', e)
from contextlib import contextmanager
@contextmanager
def tag(n):
    print(f'<{n}>')
    try:
        yield n
    finally:
        print(f'</{n}>')
with tag('h1') as t:
    print('content', t)
