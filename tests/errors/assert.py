try:
    assert 1 == 2, 'math is broken'
except AssertionError as e:
    print('AssertionError:', e)
try:
    assert False
except AssertionError as e:
    print('bare', repr(e))
assert 1 == 1
print('ok')
