# check: stderr
# An exception raised while handling another, then one raised "from" it.
def load(key):
    table = {'a': 1}
    try:
        return table[key]
    except KeyError:
        raise LookupError('no entry ' + repr(key))

def convert(text):
    try:
        return int(text)
    except ValueError as exc:
        raise TypeError('bad input') from exc

try:
    convert('x')
except TypeError as e:
    print(type(e.__cause__).__name__, e.__suppress_context__)
load('b')
