cases = [
    lambda: 1 + 'a', lambda: 'a' + 1, lambda: [1] + (2,), lambda: 1.5 + 'x',
    lambda: -'a', lambda: 1 < 'a', lambda: [] < 1, lambda: None(), lambda: 5[0],
    lambda: len(5), lambda: hash([]), lambda: iter(5), lambda: 'a' * 'b',
    lambda: {}[[]], lambda: (1).x, lambda: int([]), lambda: 1 in 5, lambda: 'abc'[1.5],
    lambda: [1, 2][5], lambda: {'a': 1}['b'], lambda: 1 / 0, lambda: 1 // 0, lambda: 1 % 0,
    lambda: 1.0 / 0, lambda: int('xyz'), lambda: float('abc'), lambda: [].pop(),
    lambda: [1].index(5), lambda: 'abc'.index('z'), lambda: next(iter([])),
    lambda: (lambda: 0)(1), lambda: chr(-1), lambda: {1, 2}.remove(5), lambda: ().x,
]
for c in cases:
    try:
        c()
        print('no error')
    except Exception as e:
        print(f'{type(e).__name__}: {e}')
