# check: stderr
# Carets: a binary operator in a longer expression; a chained call; a
# method on None.
def ratio(a, b):
    return (a + 1) / (b - b)
def describe(data):
    return data.get('name').upper()
try:
    ratio(1, 2)
except ZeroDivisionError as e:
    print('caught', e)
try:
    describe({})
except AttributeError as e:
    print('caught', e)
items = {'a': [1, 2]}
print(items['a'][1])
x = items['a'][5] if len(items) > 0 else None
