# packages: relative imports (., .., inside functions), __all__ and import *,
# modules run once, __name__ of imported modules, import errors
import sys
import _pkg
import _pkg                      # second import: no second 'init' line
print(_pkg.public(), _pkg.VERSION, _pkg._greet('a'), _pkg._alpha.COUNT)
from _pkg import *
print(public is _pkg.public, VERSION, '_private' in dir(), 'greet' in dir())
from _pkg._sub import *
print(leaf(), LEAF_CONST, 'HIDDEN' in dir())
import _pkg._sub as sub
print(sub.PARENT_VERSION, sub.greet('b'), sub.__name__, sub.__package__, sub._leaf.HIDDEN)
import _pkg._sub._leaf
print(_pkg._sub._leaf is sys.modules['_pkg._sub._leaf'], '_pkg._alpha' in sys.modules)
print(_pkg.__doc__, _pkg.__name__)
def lazy():
    import _pkg._alpha as a
    return a.greet('lazy')
print(lazy())
try:
    import _pkg._circ_a
except ImportError as e:
    msg = str(e)
    print(type(e).__name__, msg.split(' (/')[0], e.name, e.path.endswith('_circ_a.py'))
try:
    from _pkg import does_not_exist
except ImportError as e:
    msg = str(e)
    print(type(e).__name__, msg[:msg.index('(')].strip(), e.name, e.path.endswith('__init__.py'))
try:
    import _pkg._nope
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from _pkg._alpha import nope
except ImportError as e:
    print(str(e).split(' (')[0])
print(__name__)
if __name__ == '__main__':
    print('run as a script')
