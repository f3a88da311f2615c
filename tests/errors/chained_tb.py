# check: stderr
try:
    1 / 0
except ZeroDivisionError as e:
    raise KeyError('lookup failed') from e
