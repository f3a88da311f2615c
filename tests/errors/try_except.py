def risky(kind):
    if kind == 'zero': return 1 / 0
    if kind == 'key': return {}['missing']
    if kind == 'index': return [][1]
    if kind == 'type': return 1 + 'a'
    if kind == 'value': return int('abc')
    if kind == 'attr': return None.foo
    if kind == 'name': return undefined_name
    return 'ok'
for k in ['zero', 'key', 'index', 'type', 'value', 'attr', 'name', 'none']:
    try:
        r = risky(k)
    except (ZeroDivisionError, KeyError) as e:
        print('arith/key', type(e).__name__, e)
    except LookupError as e:
        print('lookup', type(e).__name__, e)
    except Exception as e:
        print('other', type(e).__name__, e)
    else:
        print('else', r)
    finally:
        print('finally', k)
def f():
    try:
        return 'try'
    finally:
        print('finally runs before return')
print(f())
def g():
    for i in range(3):
        try:
            if i == 1: continue
            if i == 2: break
        finally:
            print('loop finally', i)
    return i
print(g())
def h():
    try:
        raise ValueError('x')
    except ValueError:
        return 'handled'
    finally:
        print('h finally')
print(h())
try:
    try:
        raise KeyError('inner')
    finally:
        print('inner finally')
except KeyError as e:
    print('outer caught', e)
