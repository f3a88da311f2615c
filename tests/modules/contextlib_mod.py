from contextlib import contextmanager, suppress
@contextmanager
def managed(name):
    print('acquire', name)
    try:
        yield name.upper()
    except ValueError as e:
        print('handled', e)
    finally:
        print('release', name)
with managed('r1') as r:
    print('using', r)
with managed('r2'):
    raise ValueError('inside')
print('continued')
with suppress(KeyError):
    {}['x']
print('suppressed')
try:
    with managed('r3'):
        raise TypeError('escapes')
except TypeError as e:
    print('outer', e)
