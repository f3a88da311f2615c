def f():
    print(x)
    x = 1
try:
    f()
except UnboundLocalError as e:
    print('UnboundLocalError:', e)
try:
    print(nope)
except NameError as e:
    print('NameError:', e)
class C: pass
try:
    C().missing
except AttributeError as e:
    print('AttributeError:', e)
try:
    [].nope
except AttributeError as e:
    print('AttributeError:', e)
import math
try:
    math.nope
except AttributeError as e:
    print('AttributeError:', e)
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print('ModuleNotFoundError:', e, e.name)
try:
    from _errhelper import nope
except ImportError as e:
    print('ImportError:', e)
