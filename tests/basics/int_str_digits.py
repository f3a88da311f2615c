# The 4300-digit limit on int<->str conversions (CPython 3.11) in every
# conversion path, and sys.set_int_max_str_digits.
import sys
x = 10**5000
for f in (str, repr, lambda v: '%d' % v, lambda v: '%x' % v != '', lambda v: f'{v}', lambda v: format(v, ','), lambda v: format(v, 'x') != '', hex, lambda v: format(v, '')):
    try: print(len(f(x)) if not isinstance(f(x), bool) else f(x))
    except ValueError as e: print(e)
print(sys.get_int_max_str_digits())
for n in (5, 639, -1):
    try: sys.set_int_max_str_digits(n)
    except ValueError as e: print(e)
sys.set_int_max_str_digits(maxdigits=0)
print(len(str(x)), len('%d' % x), sys.get_int_max_str_digits())
sys.set_int_max_str_digits(640)
print(len(str(10**639)))
try: str(10**640)
except ValueError as e: print(e)
try: int('1' * 641)
except ValueError as e: print(e)
print(sys.flags.int_max_str_digits)
