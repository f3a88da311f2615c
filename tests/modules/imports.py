import math
import math as m
from math import sqrt, pi as PI
from collections import *
import os.path
import sys, time
print(math.sqrt(16), m.floor(2.7), sqrt(9), round(PI, 5))
print(OrderedDict is not None, deque([1]).pop(), type(sys).__name__, 'math' in sys.modules)
print(os.path.basename('/a/b/c.txt'), os.path.join('a', 'b'))
import _helper_mod
print(_helper_mod.VALUE, _helper_mod.double(21), _helper_mod.__name__)
from _helper_mod import double as dbl
print(dbl(5))
print(__name__)
