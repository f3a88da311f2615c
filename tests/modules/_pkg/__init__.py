"""A test package: relative imports, __all__, submodules."""
print('init _pkg', __name__, __package__)
from . import _alpha
from ._alpha import greet as _greet
__all__ = ['public', 'VERSION']
VERSION = (1, 2)
def public():
    return 'public() from ' + __name__
def _private():
    return 'private'
