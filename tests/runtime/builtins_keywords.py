# builtins called with keyword arguments, and their keyword errors
import sys
data = [('b', 3), ('a', 1), ('c', 2)]
print(sorted(data), sorted(data, key=lambda p: p[1]), sorted(data, key=lambda p: p[1], reverse=True), sorted('bca', reverse=True))
print(sorted([3, 1, 2], key=None), sorted({'x': 2, 'y': 1}, key={'x': 2, 'y': 1}.get), sorted([-3, 1, -2], key=abs))
print(min(data, key=lambda p: p[1]), max(data, key=lambda p: p[1]), min([], default='empty'), max([], default=None), max(3, 7, key=lambda v: -v))
print(min([1, 2], default=0), max('hello'), min((4, 2), (4, 1)), max([1, 5, 5], key=lambda v: v) )
print('a', 'b', sep='', end='|\n')
print('x', 'y', sep=None, end=None)
print(*range(3), sep=', ', file=sys.stdout, flush=True)
print(int('101', base=2), int(x='7') if False else int('7'), round(3.14159, ndigits=2), round(number=2.5) if False else round(2.5))
print(sum([1, 2, 3], start=10), list(enumerate('ab', start=1)), dict(a=1, b=2), list(zip('ab', [1, 2], strict=True)))
print(pow(base=2, exp=5), pow(2, 5, mod=3), divmod(17, 5), list(range(0, 10, 3)), 'a-b-c'.split(sep='-', maxsplit=1), 'abc'.encode(encoding='utf-8'))
print(sorted([3, 1, 2]).__class__, list(reversed(range(3))), list(filter(None, [0, 1, '', 'x'])), list(map(pow, [2, 3], [3, 2])))
print(isinstance(3, (str, int)), issubclass(bool, int), getattr(3, 'real'), getattr(3, 'nope', 'default'), hasattr([], 'append'))
print(format(3.14159, '.2f'), format(42, 'b'), format('x', '>3'), str(object=5), bytes('é', encoding='utf-8'), str(b'\xc3\xa9', 'utf-8', errors='strict'))
print(next(iter([]), 'dflt'), iter([1, 2]).__next__(), list(iter(lambda: 1, 1)), any(x > 2 for x in [1, 3]), all([]), any([]))
bad = ["sorted([1], reversed=True)", "sorted([1], lambda x: x)", "min()", "min([])", "max(1)", "print(sepp='')", "print(sep=1)", "print(end=2)",
       "int('1', bas=2)", "round(1.5, nd=1)", "sum([1], 0, 1)", "len()", "len([], [])", "enumerate()", "zip([1], [1, 2], strict=True)",
       "divmod(1)", "getattr(1)", "isinstance(1, 'int')", "range()", "range(1, 2, 0)", "sorted()", "max([1], key=1)", "list(1, 2)", "dict(1)",
       "abs(a=1)", "pow(2, 3, mod=0)", "hash([])", "iter(5)", "next([])", "open()", "chr('a')", "min([1], dflt=2)", "print(file=1)"]
for src in bad:
    try:
        eval(src)
        print(src, '-> no error')
    except Exception as e:
        print(src, '->', type(e).__name__ + ':', e)
for src in ["sorted([1], reverse='x')", "sorted([1], reverse=None)", "sorted(5, reversed=True)", "sorted([1], key=1)", "sorted([2,1], key=1)", "sorted([1], reverse=1, reverse=2)" if False else "sorted([1], **{'reverse': 1, 'x': 2})", "[].sort(5)", "[].sort(reversed=1)"]:
    try: print(eval(src))
    except Exception as e: print(src, '->', type(e).__name__ + ':', e)
