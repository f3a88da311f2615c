try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError('wrapped') from e
except ValueError as e:
    print(e, type(e.__cause__).__name__, e.__suppress_context__)
try:
    try:
        {}['k']
    except KeyError:
        raise RuntimeError('during')
except RuntimeError as e:
    print(e, type(e.__context__).__name__, e.__cause__)
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
def reraiser():
    try:
        raise TypeError('orig')
    except TypeError:
        raise
try:
    reraiser()
except TypeError as e:
    print('reraised', e)
try:
    raise Exception('a', 'b')
except Exception as e:
    print(e, e.args)
try:
    raise 5
except TypeError as e:
    print(e)
e = None
try:
    raise KeyError('x')
except KeyError as err:
    e = err
print(repr(e))
try:
    err
except NameError as ne:
    print('NameError:', ne)
import sys
try:
    raise IndexError('ii')
except IndexError:
    print(sys.exc_info()[0].__name__, sys.exc_info()[1])
print(sys.exc_info())
